/*
 * tools/cmd_samba_estate.c - nt4trust samba diagnose DIR...: every trust
 * among the Samba classic domains whose private directories are given
 * (migrate/sambaestate.h), one line per trust and a count by verdict; -v
 * prints each diagnosis as the pair mode does; --json gives
 * {"trusts": [...], "summary": {...}}.  Exit 0 iff every checked trust is
 * healthy (a one-sided "unchecked" trust does not count against it).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/sid.h"
#include "migrate/sambaestate.h"
#include "nt4/diag.h"
#include "nt4/sam.h"
#include "nt4/view.h"

/* -v for a one-sided trust: the half that was read. */
static void
cmd_estate_one_sided(struct cli *c, const struct sambaestate_trust *t)
{
	const struct view_trusting *s = &t->view.trusting;
	const struct view_trusted *d = &t->view.trusted;
	char sidbuf[SID_STR_MAX], flags[16];
	size_t i;

	cli_print(c, "Trust %s -> %s: %s\n%s\n\nEvidence\n", t->trusting,
		  t->trusted, sambaestate_verdict_name(t->verdict),
		  t->diag.summary);
	if (s->known) {
		sid_format(&s->tdo_sid, sidbuf, sizeof(sidbuf));
		cli_print(c,
			  "  %s (trusting, samba): trusted-domain record for "
			  "%s, SID %s, %s\n",
			  s->name, d->name, sidbuf,
			  s->has_cur ? "a password" : "an empty password");
		cli_print(c, "  %s (trusted): not given\n", d->name);
	} else {
		sam_acb_format(d->acb, flags, sizeof(flags));
		cli_print(c, "  %s (trusting): not given\n", s->name);
		cli_print(c,
			  "  %s (trusted, samba): account %s: RID %u, %s %s, "
			  "%s\n",
			  d->name, d->account, d->rid,
			  sam_acb_type_name(d->acb), flags,
			  d->has_nt ? "an NT hash" : "no NT hash");
	}
	if (t->diag.nsteps > 0) {
		cli_print(c, "\nRemedy\n");
		for (i = 0; i < t->diag.nsteps; i++)
			cli_print(c, "  %zu. %s\n", i + 1,
				  t->diag.steps[i].text);
	}
}

int
cmd_samba_estate(struct cli *c)
{
	size_t counts[SAMBAESTATE_UNCHECKED + 1];
	struct sambaestate_trust t;
	struct sambaestate *e = NULL;
	struct errinfo ei;
	json_t *arr = NULL, *sum, *o;
	size_t i, n, nd;
	int rc, v, bad = 0, first;

	err_clear(&ei);
	memset(counts, 0, sizeof(counts));
	if (c->trusting_dir != NULL || c->trusted_dir != NULL ||
	    c->trusting_name != NULL || c->trusted_name != NULL)
		return cli_usage_err(c,
				     "samba diagnose: give private directories "
				     "(DIR...) or --trusting DIR --trusted "
				     "DIR, not both");
	rc = sambaestate_load(&e, (const char *const *)c->args,
			      (size_t)c->nargs, &ei);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	n = sambaestate_count(e);
	nd = sambaestate_domains(e);
	if (c->json)
		arr = json_array();
	for (i = 0; i < n; i++) {
		if ((rc = sambaestate_diagnose(e, i, &t, &ei)) != 0) {
			json_decref(arr);
			sambaestate_free(e);
			return cli_fail(c, rc, &ei);
		}
		v = t.verdict;
		counts[v]++;
		if (v != SAMBAESTATE_UNCHECKED && v != DIAG_HEALTHY)
			bad = 1;
		if (c->verbose && !c->json) {
			if (i > 0)
				cli_print(c, "\n");
			if (t.one_sided)
				cmd_estate_one_sided(c, &t);
			else
				json_decref(cmd_diag_report(c, &t.view, &t.diag,
							    0));
		} else if (t.one_sided) {
			cli_print(c,
				  "%s -> %s: %s (%s not given: only the %s "
				  "half was checked)\n",
				  t.trusting, t.trusted,
				  sambaestate_verdict_name(v), t.not_given,
				  t.checked_half);
		} else {
			cli_print(c, "%s -> %s: %s\n", t.trusting, t.trusted,
				  sambaestate_verdict_name(v));
		}
		if (arr != NULL) {
			o = cmd_diag_report(c, &t.view, &t.diag, 0);
			json_object_set_new(
				o, "verdict",
				json_string(sambaestate_verdict_name(v)));
			json_object_set_new(
				o, "checked",
				json_boolean(v != SAMBAESTATE_UNCHECKED));
			json_object_set_new(o, "one_sided",
					    json_boolean(t.one_sided));
			if (t.one_sided) {
				json_object_set_new(o, "not_given",
						    json_string(t.not_given));
				json_object_set_new(
					o, "checked_half",
					json_string(t.checked_half));
				if (v == SAMBAESTATE_UNCHECKED)
					json_object_set_new(
						o, "reason",
						json_string(
							"partner-not-given"));
			}
			json_array_append_new(arr, o);
		}
		sambaestate_trust_wipe(&t);
	}
	sambaestate_free(e);
	sum = json_object();
	cli_print(c, "%sSummary: %zu trust%s among %zu domain%s", n ? "\n" : "",
		  n, n == 1 ? "" : "s", nd, nd == 1 ? "" : "s");
	for (v = 0, first = 1; v <= SAMBAESTATE_UNCHECKED; v++) {
		if (counts[v] == 0)
			continue;
		cli_print(c, "%s %zu %s", first ? ":" : ",", counts[v],
			  sambaestate_verdict_name(v));
		first = 0;
		json_object_set_new(sum, sambaestate_verdict_name(v),
				    json_integer((json_int_t)counts[v]));
	}
	cli_print(c, "\n");
	if (arr != NULL) {
		cli_json_set(c, "trusts", arr);
		cli_json_set(c, "summary", sum);
	} else {
		json_decref(sum);
	}
	return bad ? CLI_FAIL : CLI_OK;
}
