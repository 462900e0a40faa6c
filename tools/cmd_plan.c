/*
 * tools/cmd_plan.c - nt4trust plan repair TRUSTING TRUSTED --for
 * samba|windows: reads the lab (never changes it) through the diagnosis of
 * `trust diagnose` (nt4/view.h, nt4/diag.h) and prints the KB Q207957
 * command sequence for the real PDCs that nt4/plan.c builds (DESIGN.md
 * section 4 for output, --json and exit statuses).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "nt4/diag.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/plan.h"
#include "nt4/view.h"

static void
cmd_plan_side(struct plan_domain *s, const struct domain *d)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", d->rec.name);
	snprintf(s->pdc, sizeof(s->pdc), "%s", d->rec.pdc);
	s->sid = d->rec.sid;
}

static void
cmd_plan_print(struct cli *c, const struct plan *p,
	       const struct diag_result *res)
{
	const struct plan_domain *t = &p->trusting, *d = &p->trusted;
	json_t *steps = json_array();
	size_t i;

	cli_print(c, "Repair plan (KB Q207957) for %s PDCs\n",
		  p->target == PLAN_FOR_SAMBA ? "Samba 4.17 classic" :
						"Windows NT 4");
	cli_print(c,
		  "Trust: %s (PDC %s) trusts %s (PDC %s): users of %s can "
		  "use resources in %s.\n",
		  t->name, t->pdc, d->name, d->pdc, d->name, t->name);
	if (res->verdict == DIAG_HEALTHY)
		cli_print(c,
			  "Verdict now: healthy. The trust works; run this "
			  "plan only if logons of %s users in %s fail.\n",
			  d->name, t->name);
	else
		cli_print(c, "Verdict now: %s. %s\n",
			  diag_verdict_name(res->verdict), res->summary);
	cli_print(c, "Remove both halves, then re-create both with one new "
		     "password. Type the same new password on both PDCs (at "
		     "each prompt); this plan never contains it.\n");
	if (p->target == PLAN_FOR_WINDOWS)
		cli_print(c,
			  "Alternative (resource kit netdom, run once; it "
			  "chooses the trust password itself): netdom trust "
			  "%s /d:%s /remove, then /add, each with /UserD:%s\\"
			  "Administrator /PasswordD:* /UserO:%s\\"
			  "Administrator /PasswordO:*\n",
			  t->name, d->name, d->name, t->name);
	for (i = 0; i < p->nsteps; i++) {
		const struct plan_step *s = &p->steps[i];
		json_t *o = json_object();

		cli_print(c, "\n%d. On %s (domain %s):\n     %s\n   %s\n", s->n,
			  s->pdc, s->domain, s->command, s->explains);
		json_object_set_new(o, "n", json_integer(s->n));
		json_object_set_new(o, "pdc", json_string(s->pdc));
		json_object_set_new(o, "domain", json_string(s->domain));
		json_object_set_new(o, "command", json_string(s->command));
		json_object_set_new(o, "explains", json_string(s->explains));
		json_array_append_new(steps, o);
	}
	cli_json_set(c, "trusting", json_string(t->name));
	cli_json_set(c, "trusted", json_string(d->name));
	cli_json_set(c, "trusting_pdc", json_string(t->pdc));
	cli_json_set(c, "trusted_pdc", json_string(d->pdc));
	cli_json_set(c, "for", json_string(plan_target_name(p->target)));
	cli_json_set(c, "verdict",
		     json_string(diag_verdict_name(res->verdict)));
	cli_json_set(c, "summary", json_string(res->summary));
	cli_json_set(c, "steps", steps);
}

int
cmd_plan_repair(struct cli *c)
{
	struct diag_result res;
	struct plan_domain ts, ds;
	struct domain *t = NULL, *d = NULL;
	struct errinfo ei;
	struct view v;
	struct plan p;
	int rc, target;

	err_clear(&ei);
	target = plan_target_parse(c->plan_for);
	if (target < 0)
		return cli_usage_err(c,
				     "plan repair needs --for samba or --for "
				     "windows");
	if ((rc = lab_domain(c->lab, c->args[0], &t, &ei)) != 0 ||
	    (rc = lab_domain(c->lab, c->args[1], &d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	cmd_plan_side(&ts, t);
	cmd_plan_side(&ds, d);
	if ((rc = view_from_lab(&v, c->lab, ts.name, ds.name, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	diag_run(&v, &res);
	view_wipe(&v);
	cli_verdict_set(c, diag_verdict_name(res.verdict));
	if ((rc = plan_build(&p, target, &res, &ts, &ds, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	cmd_plan_print(c, &p, &res);
	return CLI_OK;
}
