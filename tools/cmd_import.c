/*
 * tools/cmd_import.c - nt4trust samba import DIR...: real Samba classic
 * domains (their private directories, read-only) into the lab as PDCs of
 * flavor samba, all or nothing, then the lab's trusts as `trust list`
 * shows them.  Passwords and hashes are never printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/names.h"
#include "common/sid.h"
#include "migrate/sambaimport.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"
#include "nt4/trust.h"

/* The command line holds at most this many directories. */
#define CMD_IMPORT_MAX 64

static int
cmd_import_tdo(const struct rec_tdo *t, void *arg)
{
	json_array_append_new(arg, json_string(t->name));
	return 0;
}

static int
cmd_import_trust_account(const struct rec_account *a, void *arg)
{
	if (a->acb & SAM_ACB_DOMTRUST)
		json_array_append_new(arg, json_string(a->name));
	return 0;
}

/* "A, B" from a JSON array of strings, or "none". */
static const char *
cmd_import_names(const json_t *arr, char *buf, size_t len)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < json_array_size(arr) && n < len; i++)
		n += (size_t)snprintf(
			buf + n, len - n, "%s%s", i > 0 ? ", " : "",
			json_string_value(json_array_get(arr, i)));
	return buf[0] != '\0' ? buf : "none";
}

/* Report one imported domain (text and JSON). */
static int
cmd_import_report(struct cli *c, const struct sambaimport_source *s,
		  const struct sambaimport_result *res, json_t *list,
		  struct errinfo *ei)
{
	char sid[SID_STR_MAX], names[512];
	struct domain *d = NULL;
	json_t *tdos = json_array(), *taccts = json_array(), *o;
	int r = ERR_INTERNAL;

	if ((r = lab_domain(c->lab, s->dom.name, &d, ei)) != 0 ||
	    (r = lsa_tdo_list(d, cmd_import_tdo, tdos, ei)) != 0 ||
	    (r = sam_account_list(d, cmd_import_trust_account, taccts, ei)) !=
		    0)
		goto out;
	(void)sid_format(&d->rec.sid, sid, sizeof(sid));
	cli_print(c, "Imported %s (%s) from %s, PDC %s\n", d->rec.name, sid,
		  s->dom.dir, d->rec.pdc);
	cli_print(c, "  accounts:         %zu (next RID %u)\n", res->accounts,
		  res->next_rid);
	cli_print(c, "  trust accounts:   %zu: %s\n", res->trust_accounts,
		  cmd_import_names(taccts, names, sizeof(names)));
	cli_print(c, "  trusted domains:  %zu: %s\n", res->trusted_domains,
		  cmd_import_names(tdos, names, sizeof(names)));
	o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:I,s:I,s:O,s:O}", "domain",
		      d->rec.name, "sid", sid, "dir", s->dom.dir, "pdc",
		      d->rec.pdc, "flavor", domain_flavor_name(d->rec.flavor),
		      "accounts", (json_int_t)res->accounts, "next_rid",
		      (json_int_t)res->next_rid, "trust_accounts", taccts,
		      "trusted_domains", tdos);
	json_array_append_new(list, o);
	r = 0;
out:
	json_decref(tdos);
	json_decref(taccts);
	return r;
}

/* The lab's trusts, as `trust list` shows them. */
static int
cmd_import_trusts(struct cli *c, struct errinfo *ei)
{
	struct trust_pair *v = NULL;
	json_t *arr = json_array();
	size_t n = 0, i;
	int r = ERR_INTERNAL;

	if ((r = trust_list(c->lab, NULL, &v, &n, ei)) != 0)
		goto out;
	cli_print(c, "\nTrusts in lab %s:\n", lab_dir(c->lab));
	if (n == 0)
		cli_print(c, "  none\n");
	for (i = 0; i < n; i++) {
		const struct trust_pair *p = &v[i];

		cli_print(c, "  %-15s -> %-15s  %s\n", p->trusting, p->trusted,
			  trust_pair_state(p));
		json_array_append_new(
			arr,
			json_pack("{s:s,s:s,s:s,s:b,s:b,s:b}", "trusting",
				  p->trusting, "trusted", p->trusted, "state",
				  trust_pair_state(p), "trusted_domain_entry",
				  p->has_tdo, "trust_secret", p->has_secret,
				  "trust_account", p->has_account));
	}
	cli_json_set(c, "trusts", arr);
	arr = NULL;
	r = 0;
out:
	json_decref(arr);
	free(v);
	return r;
}

int
cmd_samba_import(struct cli *c)
{
	struct sambaimport_source *src = NULL;
	struct sambaimport_result *res = NULL;
	struct errinfo ei;
	json_t *list = json_array();
	size_t n = (size_t)c->nargs, i, j, done = 0;
	uint64_t newest = 0;
	char tbuf[40];
	int r = ERR_INTERNAL, rc = CLI_FAIL, moved = 0;

	err_clear(&ei);
	src = calloc(n, sizeof(*src));
	res = calloc(n, sizeof(*res));
	if (src == NULL || res == NULL) {
		rc = cli_err(c, "out of memory");
		goto out;
	}
	/* Read every directory and check every name before writing. */
	for (i = 0; i < n; i++) {
		if ((r = sambaimport_probe(&src[i], c->args[i], &ei)) != 0) {
			rc = cli_err(c, "%s (nothing imported)", ei.msg);
			goto out;
		}
		for (j = 0; j < i; j++)
			if (names_equal(src[i].dom.name, src[j].dom.name)) {
				rc = cli_err(c,
					     "%s and %s both hold domain %s "
					     "(nothing imported)",
					     src[j].dom.dir, src[i].dom.dir,
					     src[i].dom.name);
				goto out;
			}
		if (lab_domain_exists(c->lab, src[i].dom.name)) {
			rc = cli_err(c,
				     "lab %s already has a domain %s (from "
				     "%s): nothing imported",
				     lab_dir(c->lab), src[i].dom.name,
				     src[i].dom.dir);
			goto out;
		}
	}
	for (i = 0; i < n; i++) {
		if ((r = sambaimport_domain(c->lab, &src[i], &res[i], &ei)) !=
		    0) {
			rc = cli_err(c, "%s (nothing imported)", ei.msg);
			goto out;
		}
		done = i + 1;
		if (res[i].newest > newest)
			newest = res[i].newest;
	}
	/*
	 * The imported passwords were set in real time; the lab clock joins
	 * them there, or the 7-day trust password changes would wait decades.
	 */
	if (newest > lab_now(c->lab)) {
		if ((r = lab_clock_set(c->lab, newest, &ei)) != 0) {
			rc = cli_err(c, "%s (nothing imported)", ei.msg);
			goto out;
		}
		moved = 1;
	}
	for (i = 0; i < n; i++) {
		if ((r = cmd_import_report(c, &src[i], &res[i], list, &ei)) !=
		    0) {
			rc = cli_fail(c, r, &ei);
			done = 0; /* imported: a report failure keeps them */
			goto out;
		}
	}
	cli_json_set(c, "imported", list);
	if (moved)
		cli_print(c,
			  "\nLab clock: moved to %s, the latest password "
			  "change in the imported databases\n",
			  cli_time(lab_now(c->lab), tbuf, sizeof(tbuf)));
	cli_json_set(c, "clock", json_integer((json_int_t)lab_now(c->lab)));
	list = NULL;
	done = 0;
	if ((r = cmd_import_trusts(c, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	rc = CLI_OK;
out:
	/* All or nothing: remove the domains this run imported. */
	for (i = 0; i < done; i++)
		(void)domain_delete(c->lab, src[i].dom.name, NULL);
	json_decref(list);
	free(src);
	free(res);
	return rc;
}
