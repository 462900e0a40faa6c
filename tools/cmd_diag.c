/*
 * tools/cmd_diag.c - nt4trust trust diagnose|repair|reset: one verdict on
 * a trust with its evidence and remedy (both halves read at once), the
 * journaled repair in the KB Q207957 order, and nltest /sc_reset.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "common/sid.h"
#include "nt4/diag.h"
#include "nt4/lab.h"
#include "nt4/netlogon.h"
#include "nt4/repair.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "migrate/sambaview.h"
#include "nt4/view.h"

static json_t *
cmd_diag_side_json(struct cli *c, const struct view *v)
{
	const struct view_trusting *t = &v->trusting;
	char hex[33];
	json_t *o, *sec;

	o = json_pack("{s:s,s:b}", "name", t->name, "known", t->known);
	if (!t->known)
		return o;
	json_object_set_new(o, "sid", cli_sid_json(&t->sid));
	json_object_set_new(o, "flavor",
			    json_string(t->flavor ? "samba" : "nt4"));
	json_object_set_new(o, "trusted_domain_entry",
			    json_boolean(t->has_tdo));
	if (t->has_tdo)
		json_object_set_new(o, "trusted_domain_sid",
				    cli_sid_json(&t->tdo_sid));
	sec = json_pack("{s:b}", "present", t->has_secret);
	if (t->has_cur) {
		json_object_set_new(sec, "current_set",
				    json_integer((json_int_t)t->cur_time));
		if (c->show_secrets) {
			hex_encode(t->cur_hash, 16, hex);
			json_object_set_new(sec, "current_nt_hash",
					    json_string(hex));
		}
	}
	if (t->has_old) {
		json_object_set_new(sec, "old_set",
				    json_integer((json_int_t)t->old_time));
		if (c->show_secrets) {
			hex_encode(t->old_hash, 16, hex);
			json_object_set_new(sec, "old_nt_hash",
					    json_string(hex));
		}
	}
	json_object_set_new(o, "secret", sec);
	return o;
}

static json_t *
cmd_diag_trusted_json(struct cli *c, const struct view *v)
{
	const struct view_trusted *d = &v->trusted;
	char flags[16], hex[33];
	json_t *o, *a;

	o = json_pack("{s:s,s:b}", "name", d->name, "known", d->known);
	if (!d->known)
		return o;
	json_object_set_new(o, "sid", cli_sid_json(&d->sid));
	json_object_set_new(o, "flavor",
			    json_string(d->flavor ? "samba" : "nt4"));
	json_object_set_new(o, "reachable", json_boolean(d->reachable));
	if (!d->has_account) {
		json_object_set_new(o, "trust_account", json_null());
		return o;
	}
	sam_acb_format(d->acb, flags, sizeof(flags));
	a = json_pack("{s:s,s:I,s:s,s:s,s:b,s:I}", "name", d->account, "rid",
		      (json_int_t)d->rid, "flags", flags, "type",
		      sam_acb_type_name(d->acb), "disabled",
		      (d->acb & SAM_ACB_DISABLED) != 0, "password_last_set",
		      (json_int_t)d->pwd_last_set);
	if (c->show_secrets && d->has_nt) {
		hex_encode(d->nt_hash, 16, hex);
		json_object_set_new(a, "nt_hash", json_string(hex));
	}
	json_object_set_new(o, "trust_account", a);
	return o;
}

static json_t *
cmd_diag_steps_json(const struct diag_step *steps, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(
			arr, json_pack("{s:I,s:s,s:s,s:s}", "step",
				       (json_int_t)(i + 1), "on", steps[i].on,
				       "action", steps[i].text, "command",
				       steps[i].command));
	return arr;
}

static void
cmd_diag_evidence(struct cli *c, const struct view *v,
		  const struct diag_result *res)
{
	const struct view_trusting *t = &v->trusting;
	const struct view_trusted *d = &v->trusted;
	char sidbuf[SID_STR_MAX], t1[40], t2[40], flags[16], hex[33];

	cli_print(c, "\nEvidence\n");
	if (!t->known) {
		cli_print(c, "  %s (trusting): not in the lab\n", t->name);
	} else {
		sid_format(&t->tdo_sid, sidbuf, sizeof(sidbuf));
		cli_print(c, "  %s (trusting, %s)\n", t->name,
			  t->flavor ? "samba" : "nt4");
		if (t->has_tdo)
			cli_print(c,
				  "    trusted-domain entry for %s, SID %s\n",
				  d->name, sidbuf);
		else
			cli_print(c, "    no trusted-domain entry for %s\n",
				  d->name);
		if (!t->has_secret)
			cli_print(c, "    no secret G$$%s\n", d->name);
		else
			cli_print(c,
				  "    secret G$$%s: CurrentValue %s, OldValue "
				  "%s\n",
				  d->name,
				  t->has_cur ? cli_time(t->cur_time, t1,
							sizeof(t1)) :
					       "(none)",
				  t->has_old ? cli_time(t->old_time, t2,
							sizeof(t2)) :
					       "(none)");
	}
	if (!d->known) {
		cli_print(c, "  %s (trusted): not in the lab\n", d->name);
	} else {
		sid_format(&d->sid, sidbuf, sizeof(sidbuf));
		cli_print(c, "  %s (trusted, %s): SID %s, PDC %s %s\n", d->name,
			  d->flavor ? "samba" : "nt4", sidbuf, d->pdc,
			  d->reachable ? "online" : "OFFLINE");
		if (d->has_account) {
			sam_acb_format(d->acb, flags, sizeof(flags));
			cli_print(c,
				  "    account %s: RID %u, %s %s, password set "
				  "%s\n",
				  d->account, d->rid, sam_acb_type_name(d->acb),
				  flags,
				  cli_time(d->pwd_last_set, t1, sizeof(t1)));
		} else {
			cli_print(c, "    no account %s\n", d->account);
		}
	}
	cli_print(c, "  password: the trust account's hash matches %s\n",
		  res->match == DIAG_MATCH_CURRENT ?
			  "CurrentValue" :
		  res->match == DIAG_MATCH_OLD ?
			  "OldValue, not CurrentValue" :
		  res->match == DIAG_MATCH_NONE ?
			  "neither CurrentValue nor OldValue" :
			  "nothing (nothing to compare)");
	if (res->sid_known)
		cli_print(c, "  SID: the trusted-domain entry %s\n",
			  res->sid_match ? "matches the trusted domain's SID" :
					   "does NOT match the trusted "
					   "domain's SID");
	if (c->show_secrets) {
		if (d->has_account && d->has_nt) {
			hex_encode(d->nt_hash, 16, hex);
			cli_print(c, "  account NT hash       %s\n", hex);
		}
		if (t->has_cur) {
			hex_encode(t->cur_hash, 16, hex);
			cli_print(c, "  CurrentValue NT hash  %s\n", hex);
		}
		if (t->has_old) {
			hex_encode(t->old_hash, 16, hex);
			cli_print(c, "  OldValue NT hash      %s\n", hex);
		}
	}
}

/*
 * Print one diagnosis (text) and return its JSON object: verdict,
 * trusting, trusted, evidence, remedy.  lab_commands: the remedy's steps
 * carry nt4trust commands for the lab.
 */
json_t *
cmd_diag_report(struct cli *c, const struct view *v,
		const struct diag_result *res, int lab_commands)
{
	json_t *o;
	size_t i;

	cli_print(c, "Trust %s -> %s: %s\n%s\n", v->trusting.name,
		  v->trusted.name, diag_verdict_name(res->verdict),
		  res->summary);
	cmd_diag_evidence(c, v, res);
	if (res->nsteps > 0) {
		cli_print(c, "\nRemedy%s\n",
			  res->repairable && lab_commands ?
				  " (nt4trust trust repair does it)" :
				  "");
		for (i = 0; i < res->nsteps; i++) {
			cli_print(c, "  %zu. %s\n", i + 1, res->steps[i].text);
			if (lab_commands)
				cli_print(c, "     %s\n",
					  res->steps[i].command);
		}
	}
	o = json_object();
	json_object_set_new(o, "verdict",
			    json_string(diag_verdict_name(res->verdict)));
	json_object_set_new(o, "trusting", cmd_diag_side_json(c, v));
	json_object_set_new(o, "trusted", cmd_diag_trusted_json(c, v));
	json_object_set_new(o, "evidence",
			    json_pack("{s:s,s:s,s:s}", "password",
				      diag_match_name(res->match), "sid",
				      !res->sid_known ? "unknown" :
				      res->sid_match  ? "match" :
							"mismatch",
				      "summary", res->summary));
	json_object_set_new(o, "remedy",
			    cmd_diag_steps_json(res->steps, res->nsteps));
	return o;
}

/* Copy the members of o into the --json result; o is released. */
static void
cmd_diag_json_merge(struct cli *c, json_t *o)
{
	const char *key;
	json_t *val;

	json_object_foreach (o, key, val) {
		cli_json_set(c, key, json_incref(val));
	}
	json_decref(o);
}

int
cmd_trust_diagnose(struct cli *c)
{
	struct rec_journal j;
	struct diag_result res;
	struct errinfo ei;
	struct view v;
	int rc;

	err_clear(&ei);
	if ((rc = view_from_lab(&v, c->lab, c->args[0], c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	diag_run(&v, &res);
	cli_verdict_set(c, diag_verdict_name(res.verdict));
	cmd_diag_json_merge(c, cmd_diag_report(c, &v, &res, 1));
	if (lab_journal_get(c->lab, v.trusting.name, v.trusted.name, &j,
			    NULL) == 0) {
		cli_print(
			c,
			"\nAn interrupted repair (begun for %s) waits at step "
			"%u of %u: run nt4trust trust repair %s %s to finish "
			"it.\n",
			j.verdict, j.next + 1, j.nsteps, v.trusting.name,
			v.trusted.name);
		cli_json_set(c, "pending_repair", json_string(j.verdict));
		rec_journal_wipe(&j);
	}
	view_wipe(&v);
	return res.verdict == DIAG_HEALTHY ? CLI_OK : CLI_FAIL;
}

/*
 * nt4trust samba diagnose --trusting DIR --trusted DIR: both halves from
 * two Samba classic private directories, read-only, through the same view
 * and verdicts; the reverse direction too when the pair trusts both ways.
 */
int
cli_samba_pair(struct cli *c, const char *cmd, struct sambaview_domain *t,
	       struct sambaview_domain *d)
{
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if (c->trusting_dir == NULL || c->trusted_dir == NULL)
		return cli_usage_err(c,
				     "%s needs --trusting DIR and --trusted "
				     "DIR",
				     cmd);
	if ((rc = sambaview_identify(t, c->trusting_dir, c->trusting_name,
				     "give it with --trusting-name", &ei)) !=
		    0 ||
	    (rc = sambaview_identify(d, c->trusted_dir, c->trusted_name,
				     "give it with --trusted-name", &ei)) != 0)
		return cli_fail(c, rc, &ei);
	if (names_equal(t->name, d->name))
		return cli_usage_err(c,
				     "both directories hold domain %s: give "
				     "the two domains' private directories",
				     t->name);
	return CLI_OK;
}

int
cmd_samba_diagnose(struct cli *c)
{
	struct sambaview_domain t, d;
	struct diag_result res, rev;
	struct errinfo ei;
	struct view v;
	json_t *o;
	int rc, two;

	err_clear(&ei);
	if (c->nargs > 0) /* DIR...: every trust among the domains given */
		return cmd_samba_estate(c);
	if (c->trusting_dir == NULL && c->trusted_dir == NULL)
		return cli_usage_err(c, "samba diagnose needs DIR... (every "
					"trust among those domains) or "
					"--trusting DIR and --trusted DIR");
	if ((rc = cli_samba_pair(c, "samba diagnose", &t, &d)) != CLI_OK)
		return rc;
	memset(&rev, 0, sizeof(rev));
	if ((rc = sambaview_load(&v, &t, &d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	diag_run(&v, &res);
	cli_verdict_set(c, diag_verdict_name(res.verdict));
	o = cmd_diag_report(c, &v, &res, 0);
	view_wipe(&v);
	/* Two one-way trusts make a two-way trust: report the other too. */
	two = sambaview_has_trust(&d, t.name);
	if (two) {
		if ((rc = sambaview_load(&v, &d, &t, &ei)) != 0) {
			json_decref(o);
			return cli_fail(c, rc, &ei);
		}
		diag_run(&v, &rev);
		cli_print(c, "\n");
		json_object_set_new(o, "reverse",
				    cmd_diag_report(c, &v, &rev, 0));
		view_wipe(&v);
	}
	cmd_diag_json_merge(c, o);
	return res.verdict == DIAG_HEALTHY &&
			       (!two || rev.verdict == DIAG_HEALTHY) ?
		       CLI_OK :
		       CLI_FAIL;
}

struct cmd_repair {
	struct cli *c;
	struct repair_result *res;
	char trusting[NAMES_NETBIOS_MAX + 1];
	char trusted[NAMES_NETBIOS_MAX + 1];
	int header_done;
};

/* "Trust T -> D: verdict" and the summary, or the resumed repair. */
static void
cmd_repair_header(struct cmd_repair *x)
{
	const struct repair_result *res = x->res;

	if (x->header_done)
		return;
	x->header_done = 1;
	if (res->resumed)
		cli_print(x->c,
			  "Trust %s -> %s: resuming the repair begun for %s, "
			  "interrupted before step %zu\n",
			  x->trusting, x->trusted, res->begun_for,
			  res->resumed_at + 1);
	else
		cli_print(x->c, "Trust %s -> %s: %s\n%s\n", x->trusting,
			  x->trusted, diag_verdict_name(res->diag.verdict),
			  res->diag.summary);
}

static void
cmd_repair_progress(int index, size_t count, const struct diag_step *step,
		    int done, uint32_t status, const char *detail, void *arg)
{
	struct cmd_repair *x = arg;
	char st[64];

	if (index < 0) {
		cmd_repair_header(x);
		return;
	}
	if (!done) {
		cli_print(x->c, "  %d/%zu %s ...", index + 1, count,
			  step->text);
		fflush(stdout);
		return;
	}
	if (status == 0)
		cli_print(x->c, " done\n");
	else
		cli_print(x->c, " FAILED: %s\n      %s\n",
			  cli_status_str(status, st, sizeof(st)), detail);
}

int
cmd_trust_repair(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1];
	struct repair_result res;
	struct repair_opts o;
	struct cmd_repair x;
	struct errinfo ei;
	size_t i;
	int rc;

	err_clear(&ei);
	memset(&o, 0, sizeof(o));
	memset(&x, 0, sizeof(x));
	memset(pw, 0, sizeof(pw));
	o.dry_run = c->dry_run;
	if (c->generate && (c->password != NULL || c->password_file != NULL))
		return cli_usage_err(c, "give --generate or a password "
					"option, not both");
	if (c->password != NULL || c->password_file != NULL) {
		rc = cli_password_get(c, "the repaired trust", 0, pw,
				      sizeof(pw));
		if (rc != CLI_OK)
			return rc;
		o.password = pw;
	}
	x.c = c;
	x.res = &res;
	(void)names_upper(x.trusting, sizeof(x.trusting), c->args[0]);
	(void)names_upper(x.trusted, sizeof(x.trusted), c->args[1]);
	rc = repair_run(c->lab, c->args[0], c->args[1], &o, &res,
			c->dry_run ? NULL : cmd_repair_progress, &x, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cmd_repair_header(&x);
	cli_verdict_set(c, diag_verdict_name(res.diag.verdict));
	cli_json_set(c, "verdict",
		     json_string(diag_verdict_name(res.diag.verdict)));
	if (res.nothing_to_do) {
		cli_print(c, "Nothing to do.\n");
		cli_json_set(c, "result", json_string("nothing to do"));
		return CLI_OK;
	}
	if (res.refused) {
		cli_json_set(c, "result", json_string("refused"));
		cli_json_set(c, "reason", json_string(res.why));
		return cli_err(c, "trust repair %s %s: not repairable here: %s",
			       x.trusting, x.trusted, res.why);
	}
	cli_json_set(c, "plan", cmd_diag_steps_json(res.plan, res.nplan));
	if (c->dry_run) {
		cli_print(c, "\nPlan (dry run: nothing is changed)%s\n",
			  res.resumed ? ", resuming an interrupted repair" :
					"");
		for (i = res.resumed_at; i < res.nplan; i++)
			cli_print(c, "  %zu. %s\n     %s\n", i + 1,
				  res.plan[i].text, res.plan[i].command);
		cli_json_set(c, "result", json_string("dry run"));
		return CLI_OK;
	}
	if (res.resumed && o.password != NULL)
		cli_print(c, "(the password given was not used: the "
			     "interrupted repair goes on with its own)\n");
	if (res.generated)
		cli_print(c, "The new trust password was generated by the "
			     "lab's seeded generator (not shown).\n");
	cli_json_set(c, "generated_password", json_boolean(res.generated));
	cli_json_set(c, "resumed", json_boolean(res.resumed));
	if (res.status != 0) {
		cli_status_set(c, res.status);
		cli_json_set(c, "result", json_string("failed"));
		cli_json_set(c, "reason", json_string(res.why));
		return cli_err(c, "trust repair %s %s failed at %s", x.trusting,
			       x.trusted, res.why);
	}
	cli_status_set(c, 0);
	cli_json_set(c, "result", json_string("repaired"));
	cli_print(c, "Repaired: users of %s can use resources in %s again.\n",
		  x.trusted, x.trusting);
	return CLI_OK;
}

int
cmd_trust_reset(struct cli *c)
{
	struct trust_verify_result res;
	struct errinfo ei;
	char trusting[NAMES_NETBIOS_MAX + 1], trusted[NAMES_NETBIOS_MAX + 1];
	char st[64];
	int rc;

	err_clear(&ei);
	/* nltest /sc_reset: drop the channel, set it up again, report */
	if ((rc = trust_verify(c->lab, c->args[0], c->args[1], &res, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(trusting, sizeof(trusting), c->args[0]);
	(void)names_upper(trusted, sizeof(trusted), c->args[1]);
	cli_status_set(c, res.status);
	cli_json_set(c, "trusting", json_string(trusting));
	cli_json_set(c, "trusted", json_string(trusted));
	cli_json_set(c, "status", cli_json_status(res.status));
	if (res.cause.status != 0)
		cli_json_set(c, "cause",
			     json_pack("{s:o,s:s,s:s}", "status",
				       cli_json_status(res.cause.status),
				       "where", res.cause.where, "why",
				       res.cause.why));
	if (res.status == 0) {
		cli_print(c,
			  "Secure channel %s -> %s reset: set up again, OK%s\n",
			  trusting, trusted,
			  res.used_old ? " (with the secret's OldValue)" : "");
		return CLI_OK;
	}
	cli_print(c, "Secure channel %s -> %s reset: FAILED\n", trusting,
		  trusted);
	cli_status_print(c, "  status ", res.status);
	if (res.cause.status != 0)
		cli_print(c, "  cause  %s from %s\n         %s\n",
			  cli_status_str(res.cause.status, st, sizeof(st)),
			  res.cause.where, res.cause.why);
	return CLI_FAIL;
}
