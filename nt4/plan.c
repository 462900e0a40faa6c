/*
 * nt4/plan.c - the live repair plan for one NT4 trust: the commands an
 * administrator types on each real PDC, in the KB Q207957 order that
 * nt4/diag.c and nt4/repair.c use (remove at the trusting side, remove at
 * the trusted side, add at the trusted side, add at the trusting side,
 * verify).
 *
 * Samba (4.17 classic PDCs) follows the reference lab
 * (shared/reference/samba-classic REPORT.md 2.2, 4 and 7, lab.sh): `net rpc
 * trustdom del` deletes nothing against a Samba PDC, so the trust account
 * goes with `net rpc user delete`; `net rpc trustdom establish` crashes
 * (Samba bug 15533, fixed in 4.20), so the trusting side checks the new
 * password with smbclient (NOLOGON_INTERDOMAIN_TRUST_ACCOUNT is the right
 * answer) and stores it through the python passdb binding's
 * set_trusteddom_pw(), as establish would; winbindd is then restarted.
 * Windows NT 4 follows the KB text: User Manager for Domains, Policies,
 * Trust Relationships.  No step ever holds a password: each one prompts.
 */
#include "plan.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "nt4/diag.h"

static const char plan_um[] =
	"User Manager for Domains (Start > Programs > Administrative Tools), "
	"Policies > Trust Relationships";

/* Append a step on side s; ERR_RANGE if a field does not fit. */
static int __attribute__((format(printf, 5, 6)))
plan_add(struct plan *p, const struct plan_domain *s, const char *explains,
	 struct errinfo *ei, const char *fmt, ...)
{
	struct plan_step *st;
	va_list ap;
	int n, e;

	if (p->nsteps >= PLAN_STEPS_MAX)
		return ERR(ei, ERR_INTERNAL, "too many plan steps");
	st = &p->steps[p->nsteps];
	memset(st, 0, sizeof(*st));
	st->n = (int)p->nsteps + 1;
	snprintf(st->pdc, sizeof(st->pdc), "%s", s->pdc);
	snprintf(st->domain, sizeof(st->domain), "%s", s->name);
	va_start(ap, fmt);
	n = vsnprintf(st->command, sizeof(st->command), fmt, ap);
	va_end(ap);
	e = snprintf(st->explains, sizeof(st->explains), "%s", explains);
	if (n < 0 || (size_t)n >= sizeof(st->command) || e < 0 ||
	    (size_t)e >= sizeof(st->explains))
		return ERR(ei, ERR_RANGE, "plan step %d does not fit", st->n);
	p->nsteps++;
	return 0;
}

static int
plan_samba(struct plan *p, struct errinfo *ei)
{
	const struct plan_domain *t = &p->trusting, *d = &p->trusted;
	char sid[SID_STR_MAX], x[400];
	int r;

	if ((r = sid_format(&d->sid, sid, sizeof(sid))) != 0)
		return ERR(ei, r, "the SID of %s cannot be written", d->name);
	snprintf(x, sizeof(x),
		 "remove %s from the trusted domains of %s (its trust password "
		 "in secrets.tdb); \"Failed to revoke\" means it was gone "
		 "already",
		 d->name, t->name);
	if ((r = plan_add(p, t, x, ei, "net rpc trustdom revoke %s",
			  d->name)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "remove %s from the trusting domains of %s: delete the trust "
		 "account %s$ (not 'net rpc trustdom del', which in Samba 4.17 "
		 "fails with NT_STATUS_INVALID_HANDLE and deletes nothing); "
		 "prompts for root's password; \"No mapping between account "
		 "names and SIDs was done\" means it was gone already",
		 t->name, d->name, t->name);
	if ((r = plan_add(p, d, x, ei,
			  "net rpc user delete '%s$' -S %s -U root", t->name,
			  d->pdc)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "permit %s to trust %s again: create the trust account %s$ "
		 "with the new trust password (read asks for it without echo; "
		 "net then asks for root's password)",
		 t->name, d->name, t->name);
	if ((r = plan_add(
		     p, d, x, ei,
		     "read -rs -p 'New trust password: ' TRUST_PW; echo; "
		     "net rpc trustdom add %s \"$TRUST_PW\" -S %s -U root; "
		     "unset TRUST_PW",
		     t->name, d->pdc)) != 0)
		return r;
	snprintf(
		x, sizeof(x),
		"check the new password from %s's side (type the same "
		"password): NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT is the "
		"expected answer, NT_STATUS_LOGON_FAILURE means the passwords "
		"differ",
		t->name);
	if ((r = plan_add(p, t, x, ei, "smbclient -L //%s -U '%s\\%s$'", d->pdc,
			  d->name, t->name)) != 0)
		return r;
	snprintf(
		x, sizeof(x),
		"trust %s again with the same password: store it and %s's SID "
		"(check it with: rpcclient -U%% %s -c lsaquery) in secrets.tdb "
		"as 'net rpc trustdom establish %s' would; that command "
		"crashes in Samba 4.17 (bug 15533). Adjust the smb.conf path "
		"if needed",
		d->name, d->name, d->pdc, d->name);
	if ((r = plan_add(
		     p, t, x, ei,
		     "python3 -c 'import getpass; import samba.samba3.param "
		     "as P, samba.samba3.passdb as B; from samba.dcerpc import "
		     "security as S; c=\"/etc/samba/smb.conf\"; "
		     "lp=P.get_context(); lp.load(c); B.set_smb_config(c); "
		     "B.set_secrets_dir(lp.get(\"private dir\")); "
		     "B.PDB(lp.get(\"passdb backend\")).set_trusteddom_pw("
		     "\"%s\", getpass.getpass(\"New trust password: \"), "
		     "S.dom_sid(\"%s\"))'",
		     d->name, sid)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "restart winbindd on %s so that it reads its trusted domains "
		 "again (a running winbindd rescans them only every 'winbind "
		 "cache time')",
		 t->pdc);
	if ((r = plan_add(p, t, x, ei, "systemctl restart winbind")) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "verify: %s sets up its secure channel to %s; then log on at "
		 "%s as a user of %s (smbclient //%s/SHARE -U '%s\\USER')",
		 t->name, d->name, t->pdc, d->name, t->pdc, d->name);
	return plan_add(p, t, x, ei,
			"wbinfo -t --domain=%s && wbinfo --ping-dc --domain=%s",
			d->name, d->name);
}

static int
plan_windows(struct plan *p, struct errinfo *ei)
{
	const struct plan_domain *t = &p->trusting, *d = &p->trusted;
	char x[400];
	int r;

	snprintf(x, sizeof(x),
		 "remove %s from the trusted domains of %s (its trusted-domain "
		 "entry and the secret G$$%s)",
		 d->name, t->name, d->name);
	if ((r = plan_add(p, t, x, ei,
			  "%s; Trusted Domains: select %s, Remove, Yes",
			  plan_um, d->name)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "remove %s from the trusting domains of %s (the trust account "
		 "%s$)",
		 t->name, d->name, t->name);
	if ((r = plan_add(p, d, x, ei,
			  "%s; Trusting Domains: select %s, Remove, Yes",
			  plan_um, t->name)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "permit %s to trust %s again: creates the trust account %s$ "
		 "with the new password",
		 t->name, d->name, t->name);
	if ((r = plan_add(p, d, x, ei,
			  "%s; Trusting Domains: Add, type %s, the new "
			  "password and its confirmation, OK",
			  plan_um, t->name)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "trust %s again with the same password; User Manager "
		 "then reports that the trust relationship with %s is "
		 "established (a password mismatch is reported instead)",
		 d->name, d->name);
	if ((r = plan_add(p, t, x, ei,
			  "%s; Trusted Domains: Add, type %s and the same "
			  "password, OK",
			  plan_um, d->name)) != 0)
		return r;
	snprintf(x, sizeof(x),
		 "verify: %s's secure channel to %s is up (resource kit "
		 "nltest); then log on at a %s computer as a user of %s",
		 t->name, d->name, t->name, d->name);
	return plan_add(p, t, x, ei, "nltest /server:%s /sc_query:%s", t->pdc,
			d->name);
}

int
plan_build(struct plan *p, int target, const struct diag_result *res,
	   const struct plan_domain *trusting,
	   const struct plan_domain *trusted, struct errinfo *ei)
{
	int r = ERR_INTERNAL;

	memset(p, 0, sizeof(*p));
	if (target != PLAN_FOR_SAMBA && target != PLAN_FOR_WINDOWS) {
		r = ERR(ei, ERR_INVALID, "unknown plan target %d", target);
		goto out;
	}
	if (trusting->name[0] == '\0' || trusted->name[0] == '\0' ||
	    trusting->pdc[0] == '\0' || trusted->pdc[0] == '\0') {
		r = ERR(ei, ERR_INVALID, "a domain or PDC name is empty");
		goto out;
	}
	p->target = target;
	p->trusting = *trusting;
	p->trusted = *trusted;
	p->verdict = res->verdict;
	r = target == PLAN_FOR_SAMBA ? plan_samba(p, ei) : plan_windows(p, ei);
out:
	if (r != 0)
		memset(p, 0, sizeof(*p));
	return r;
}

int
plan_target_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "samba") == 0)
		return PLAN_FOR_SAMBA;
	if (strcmp(name, "windows") == 0)
		return PLAN_FOR_WINDOWS;
	return -1;
}

const char *
plan_target_name(int target)
{
	switch (target) {
	case PLAN_FOR_SAMBA:
		return "samba";
	case PLAN_FOR_WINDOWS:
		return "windows";
	default:
		return "?";
	}
}
