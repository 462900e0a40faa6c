/*
 * tools/cmd_clock.c - nt4trust clock show|advance: the lab clock, which
 * only moves on `clock advance`, and the trust password changes that fall
 * due on the way (every 7 days, run by the trusting PDCs).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/duration.h"
#include "common/ntstatus.h"
#include "nt4/lab.h"
#include "nt4/rotate.h"

int
cmd_clock_show(struct cli *c)
{
	struct rotate_due *due = NULL;
	struct errinfo ei;
	char tbuf[40];
	size_t n = 0, i;
	json_t *arr;
	int rc;

	err_clear(&ei);
	if ((rc = rotate_schedule(c->lab, &due, &n, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "Lab clock: %s\n",
		  cli_time(lab_now(c->lab), tbuf, sizeof(tbuf)));
	cli_json_set(c, "now", json_integer((json_int_t)lab_now(c->lab)));
	cli_json_set(c, "now_text", json_string(tbuf));
	arr = json_array();
	if (n > 0)
		cli_print(c, "Trust password changes (every 7 days):\n");
	for (i = 0; i < n; i++) {
		cli_print(c, "  %-15s -> %-15s due %s%s\n", due[i].trusting,
			  due[i].trusted,
			  cli_time(due[i].due, tbuf, sizeof(tbuf)),
			  due[i].due <= lab_now(c->lab) ? " (overdue)" : "");
		json_array_append_new(arr,
				      json_pack("{s:s,s:s,s:I}", "trusting",
						due[i].trusting, "trusted",
						due[i].trusted, "due",
						(json_int_t)due[i].due));
	}
	cli_json_set(c, "rotations", arr);
	free(due);
	return CLI_OK;
}

struct cmd_clock_ctx {
	struct cli *c;
	json_t *arr;
	int attempts;
	int failed;
};

static void
cmd_clock_rotation(const struct rotate_result *res, void *arg)
{
	struct cmd_clock_ctx *x = arg;
	char tbuf[40], st[64];
	const char *what;

	x->attempts++;
	cli_time(res->when, tbuf, sizeof(tbuf));
	if (res->status == 0) {
		what = res->pushed_again ? "sent its CurrentValue again" :
					   "trust password changed";
		cli_print(x->c, "  %s  %s -> %s: %s (%s)\n", tbuf,
			  res->trusting, res->trusted, what, res->call);
	} else {
		x->failed++;
		what = "password change failed";
		cli_print(x->c, "  %s  %s -> %s: %s: %s\n", tbuf, res->trusting,
			  res->trusted, what,
			  cli_status_str(res->status, st, sizeof(st)));
		cli_print(x->c, "      %s; %s\n", res->cause.why,
			  res->changed || res->pushed_again ?
				  "the new password is stored; sending it is "
				  "retried in 15 minutes" :
				  "retried at the next advance");
	}
	json_array_append_new(
		x->arr,
		json_pack("{s:s,s:s,s:I,s:o,s:b,s:b,s:s}", "trusting",
			  res->trusting, "trusted", res->trusted, "when",
			  (json_int_t)res->when, "status",
			  cli_json_status(res->status), "changed", res->changed,
			  "sent_again", res->pushed_again, "call", res->call));
}

int
cmd_clock_advance(struct cli *c)
{
	struct cmd_clock_ctx x;
	struct errinfo ei;
	uint64_t secs, from;
	char t1[40], t2[40], d[DURATION_FMT_MAX];
	int rc;

	err_clear(&ei);
	if ((rc = duration_parse(c->args[0], &secs, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	from = lab_now(c->lab);
	duration_format(secs, d, sizeof(d));
	cli_print(c, "Lab clock: %s -> %s (+%s)\n",
		  cli_time(from, t1, sizeof(t1)),
		  cli_time(from + secs, t2, sizeof(t2)), d);
	x.c = c;
	x.arr = json_array();
	x.attempts = 0;
	x.failed = 0;
	rc = rotate_advance(c->lab, from + secs, cmd_clock_rotation, &x, &ei);
	cli_json_set(c, "from", json_integer((json_int_t)from));
	cli_json_set(c, "to", json_integer((json_int_t)lab_now(c->lab)));
	cli_json_set(c, "rotations", x.arr); /* x.arr is gone after this */
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	if (x.attempts == 0)
		cli_print(c, "  no trust password change fell due\n");
	return CLI_OK;
}
