/*
 * tools/cmd_samba_repair.c - nt4trust samba repair --trusting DIR
 * --trusted DIR [--dry-run]: the offline KB Q207957 repair of a trust
 * between two Samba classic PDCs (migrate/sambarepair.h), with the output
 * of `trust repair` (verdict, numbered steps, done or FAILED) and, at the
 * end, the daemons to restart (shared/reference/samba-classic REPORT.md
 * section 4: winbindd reads its trusted domains only at start).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "migrate/sambarepair.h"
#include "migrate/sambaview.h"
#include "nt4/diag.h"

struct cmd_srepair {
	struct cli *c;
	const struct sambaview_domain *t, *d;
	const struct sambarepair_result *res;
	int done[SAMBAREPAIR_STEPS];
	int header_done;
};

static void
cmd_srepair_header(struct cmd_srepair *x)
{
	const struct sambarepair_result *res = x->res;

	if (x->header_done)
		return;
	x->header_done = 1;
	if (res->resumed)
		cli_print(x->c,
			  "Trust %s -> %s: resuming the repair begun for %s "
			  "at step %zu\n",
			  x->t->name, x->d->name, res->begun_for,
			  res->resumed_at + 1);
	else
		cli_print(x->c, "Trust %s -> %s: %s\n%s\n", x->t->name,
			  x->d->name, diag_verdict_name(res->diag.verdict),
			  res->diag.summary);
}

static void
cmd_srepair_progress(int index, size_t count,
		     const struct sambarepair_step *step, int done, void *arg)
{
	struct cmd_srepair *x = arg;

	if (index < 0) {
		cmd_srepair_header(x);
		return;
	}
	if (done) {
		x->done[index] = 1;
		cli_print(x->c, " done\n");
		return;
	}
	cli_print(x->c, "  %d/%zu %s ...", index + 1, count, step->text);
	fflush(stdout);
}

static json_t *
cmd_srepair_steps_json(const struct cmd_srepair *x)
{
	const struct sambarepair_step *s;
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < x->res->nplan; i++) {
		s = &x->res->plan[i];
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b}", "n",
				       (json_int_t)(i + 1), "on", s->on, "file",
				       s->file, "key", s->key, "text", s->text,
				       "done", x->done[i]));
	}
	return arr;
}

/* The restarts, in text ("Restart ...") and in the JSON result. */
static void
cmd_srepair_restarts(struct cmd_srepair *x, const char *lead)
{
	const struct sambarepair_restart *r;
	json_t *arr = json_array();
	size_t i;

	if (x->res->nrestart > 0)
		cli_print(x->c, "%s\n", lead);
	for (i = 0; i < x->res->nrestart; i++) {
		r = &x->res->restart[i];
		cli_print(x->c, "  on the %s PDC: restart %s (%s)\n",
			  r->pdc_domain, r->daemon, r->why);
		json_array_append_new(arr,
				      json_pack("{s:s,s:s,s:s}", "pdc_domain",
						r->pdc_domain, "daemon",
						r->daemon, "why", r->why));
	}
	cli_json_set(x->c, "restart", arr);
}

/* The JSON members every outcome has. */
static void
cmd_srepair_json(struct cmd_srepair *x, const char *result)
{
	struct cli *c = x->c;

	cli_json_set(c, "trusting", json_string(x->t->name));
	cli_json_set(c, "trusted", json_string(x->d->name));
	cli_json_set(c, "verdict",
		     json_string(diag_verdict_name(x->res->diag.verdict)));
	cli_json_set(c, "result", json_string(result));
	cli_json_set(c, "steps", cmd_srepair_steps_json(x));
	cli_json_set(c, "password_generated", json_boolean(x->res->generated));
	cli_json_set(c, "nothing_to_do", json_boolean(x->res->nothing_to_do));
	cli_json_set(c, "resumed", json_boolean(x->res->resumed));
	cli_json_set(c, "restart", json_array()); /* none unless named */
	if (x->res->resumed)
		cli_json_set(c, "begun_for", json_string(x->res->begun_for));
}

static int
cmd_srepair_password(struct cli *c, char *pw, size_t len)
{
	struct errinfo ei;
	int rc;

	if (c->generate && (c->password != NULL || c->password_file != NULL))
		return cli_usage_err(c, "give --generate or a password "
					"option, not both");
	if (c->password == NULL && c->password_file == NULL)
		return CLI_OK; /* generated */
	rc = cli_password_get(c, "the repaired trust", 0, pw, len);
	if (rc != CLI_OK)
		return rc;
	err_clear(&ei);
	if (sambarepair_password_check(pw, &ei) != 0) {
		crypto_wipe(pw, len);
		return cli_usage_err(c, "samba repair: %s", ei.msg);
	}
	return CLI_OK;
}

static int
cmd_srepair_report(struct cmd_srepair *x, int given)
{
	const struct sambarepair_result *res = x->res;
	const struct sambarepair_step *s;
	struct cli *c = x->c;
	char lead[120];
	size_t i;

	cmd_srepair_header(x);
	cli_verdict_set(c, diag_verdict_name(res->diag.verdict));
	if (res->nothing_to_do) {
		cli_print(c, "Nothing to do.\n");
		cmd_srepair_json(x, "nothing to do");
		return CLI_OK;
	}
	if (res->refused) {
		cmd_srepair_json(x, "refused");
		cli_json_set(c, "reason", json_string(res->why));
		return cli_err(c, "samba repair %s -> %s: not repairable: %s",
			       x->t->name, x->d->name, res->why);
	}
	if (c->dry_run) {
		cli_print(c, "\nPlan (dry run: nothing is changed)%s\n",
			  res->resumed ? ", resuming an interrupted repair" :
					 "");
		for (i = res->resumed_at; i < res->nplan; i++) {
			s = &res->plan[i];
			cli_print(c, "  %zu. %s\n", i + 1, s->text);
			if (s->file[0] != '\0')
				cli_print(c, "     %s: %s\n", s->file, s->key);
		}
		cmd_srepair_json(x, "dry run");
		cmd_srepair_restarts(x, "Then:");
		return CLI_OK;
	}
	if (res->resumed && given)
		cli_print(c, "(the password given was not used: the "
			     "interrupted repair goes on with its own)\n");
	if (res->generated && c->show_secrets)
		cli_print(c, "The new trust password (generated): %s\n",
			  res->password);
	else if (res->generated)
		cli_print(c, "The new trust password was generated from the "
			     "OS random source (not shown).\n");
	if (c->show_secrets)
		cli_json_set(c, "password", json_string(res->password));
	cmd_srepair_json(x, "repaired");
	cli_print(c, "Repaired: both databases agree again (verified).\n");
	snprintf(lead, sizeof(lead),
		 "Restart now, so that users of %s can use resources in %s "
		 "again:",
		 x->d->name, x->t->name);
	cmd_srepair_restarts(x, lead);
	return CLI_OK;
}

int
cmd_samba_repair(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1];
	struct sambaview_domain t, d;
	struct sambarepair_result res;
	struct sambarepair_opts o;
	struct cmd_srepair x;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	memset(pw, 0, sizeof(pw));
	if ((rc = cli_samba_pair(c, "samba repair", &t, &d)) != CLI_OK ||
	    (rc = cmd_srepair_password(c, pw, sizeof(pw))) != CLI_OK)
		return rc;
	o.dry_run = c->dry_run;
	o.password = pw[0] != '\0' ? pw : NULL;
	x.c = c;
	x.t = &t;
	x.d = &d;
	x.res = &res;
	rc = sambarepair_run(&t, &d, &o, &res,
			     c->dry_run ? NULL : cmd_srepair_progress, &x, &ei);
	if (rc != 0) {
		if (res.failed)
			cli_print(c, " FAILED\n");
		cmd_srepair_json(&x, "failed");
		cli_json_set(c, "reason", json_string(ei.msg));
		rc = cli_fail(c, rc, &ei);
	} else {
		rc = cmd_srepair_report(&x, o.password != NULL);
	}
	crypto_wipe(pw, sizeof(pw));
	sambarepair_result_wipe(&res);
	return rc;
}
