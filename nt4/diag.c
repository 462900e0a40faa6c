/*
 * nt4/diag.c - the verdict on one NT4 trust from its neutral view
 * (reference 1.2, 1.6, 1.7; KB Q207957, Q128489).
 *
 * Verdicts are tested in this order, first match wins: no-trust,
 * trusting-side-missing, trusted-dc-unreachable, trusted-side-missing,
 * trust-account-wrong-type, secret-missing, sid-mismatch,
 * trust-account-disabled, password-mismatch, rotation-pending, healthy.
 * The password evidence compares the trust account's NT hash with the NT
 * hashes of CurrentValue and OldValue in constant time.
 */
#include "diag.h"

#include <stdio.h>
#include <string.h>

#include "common/crypto.h"
#include "common/names.h"
#include "nt4/sam.h"

static const char *const diag_names[DIAG_VERDICT_COUNT] = {
	[DIAG_HEALTHY] = "healthy",
	[DIAG_NO_TRUST] = "no-trust",
	[DIAG_TRUSTING_SIDE_MISSING] = "trusting-side-missing",
	[DIAG_TRUSTED_DC_UNREACHABLE] = "trusted-dc-unreachable",
	[DIAG_TRUSTED_SIDE_MISSING] = "trusted-side-missing",
	[DIAG_ACCOUNT_WRONG_TYPE] = "trust-account-wrong-type",
	[DIAG_SECRET_MISSING] = "secret-missing",
	[DIAG_SID_MISMATCH] = "sid-mismatch",
	[DIAG_ACCOUNT_DISABLED] = "trust-account-disabled",
	[DIAG_PASSWORD_MISMATCH] = "password-mismatch",
	[DIAG_ROTATION_PENDING] = "rotation-pending",
};

const char *
diag_verdict_name(int verdict)
{
	if (verdict < 0 || verdict >= DIAG_VERDICT_COUNT)
		return "unknown";
	return diag_names[verdict];
}

int
diag_verdict_parse(const char *name)
{
	int i;

	for (i = 0; i < DIAG_VERDICT_COUNT; i++)
		if (strcmp(diag_names[i], name) == 0)
			return i;
	return -1;
}

const char *
diag_match_name(int match)
{
	switch (match) {
	case DIAG_MATCH_CURRENT:
		return "current";
	case DIAG_MATCH_OLD:
		return "old";
	case DIAG_MATCH_NONE:
		return "none";
	}
	return "unknown";
}

void
diag_step_describe(int kind, const char *t, const char *d,
		   uint32_t trusting_flavor, struct diag_step *s)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	switch (kind) {
	case DIAG_STEP_REMOVE_TRUSTING_HALF:
		snprintf(s->on, sizeof(s->on), "%s", t);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, remove %s from the trusted domains "
			 "(its trusted-domain entry and G$$%s)",
			 t, d, d);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trusted remove %s %s", t, d);
		break;
	case DIAG_STEP_REMOVE_TRUSTED_HALF:
		snprintf(s->on, sizeof(s->on), "%s", d);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, remove %s from the trusting domains "
			 "(the account %s$)",
			 d, t, t);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trusting remove %s %s", d, t);
		break;
	case DIAG_STEP_PERMIT:
		snprintf(s->on, sizeof(s->on), "%s", d);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, permit %s to trust it again, with a "
			 "new password",
			 d, t);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trusting add %s %s", d, t);
		break;
	case DIAG_STEP_ADD:
		snprintf(s->on, sizeof(s->on), "%s", t);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, trust %s again with the same password",
			 t, d);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trusted add %s %s", t, d);
		break;
	case DIAG_STEP_ENABLE:
		snprintf(s->on, sizeof(s->on), "%s", d);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, enable the trust account %s$", d, t);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust user enable %s '%s$'", d, t);
		break;
	case DIAG_STEP_PUSH:
		snprintf(s->on, sizeof(s->on), "%s", t);
		snprintf(s->text, sizeof(s->text),
			 "on the %s PDC, send the CurrentValue of G$$%s to %s "
			 "again over a channel set up with the OldValue",
			 t, d, d);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trust repair %s %s", t, d);
		break;
	case DIAG_STEP_RESTART:
		snprintf(s->on, sizeof(s->on), "%s", t);
		snprintf(s->text, sizeof(s->text),
			 trusting_flavor == REC_FLAVOR_SAMBA ?
				 "restart winbindd on the %s PDC, so that it "
				 "reads its trusted domains again" :
				 "restart the %s PDC's Netlogon service",
			 t);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust domain restart %s", t);
		break;
	case DIAG_STEP_VERIFY:
		snprintf(s->on, sizeof(s->on), "%s", t);
		snprintf(s->text, sizeof(s->text),
			 "verify: the %s PDC sets up its secure channel to %s",
			 t, d);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust trust verify %s %s", t, d);
		break;
	case DIAG_STEP_ONLINE:
		snprintf(s->on, sizeof(s->on), "%s", d);
		snprintf(s->text, sizeof(s->text),
			 "bring the %s PDC back on the network (nothing to "
			 "repair in the databases)",
			 d);
		snprintf(s->command, sizeof(s->command),
			 "nt4trust domain online %s", d);
		break;
	}
}

static void
diag_plan(struct diag_result *res, const struct view *v, const int *kinds,
	  size_t n)
{
	size_t i;

	for (i = 0; i < n && i < DIAG_STEPS_MAX; i++)
		diag_step_describe(kinds[i], v->trusting.name, v->trusted.name,
				   v->trusting.flavor, &res->steps[i]);
	res->nsteps = i;
}

static const int diag_kb_order[] = {
	DIAG_STEP_REMOVE_TRUSTING_HALF,
	DIAG_STEP_REMOVE_TRUSTED_HALF,
	DIAG_STEP_PERMIT,
	DIAG_STEP_ADD,
	DIAG_STEP_VERIFY,
};
static const int diag_kb_order_samba[] = {
	DIAG_STEP_REMOVE_TRUSTING_HALF,
	DIAG_STEP_REMOVE_TRUSTED_HALF,
	DIAG_STEP_PERMIT,
	DIAG_STEP_ADD,
	DIAG_STEP_RESTART,
	DIAG_STEP_VERIFY,
};
static const int diag_enable[] = { DIAG_STEP_ENABLE, DIAG_STEP_RESTART,
				   DIAG_STEP_VERIFY };
static const int diag_push[] = { DIAG_STEP_PUSH, DIAG_STEP_VERIFY };
static const int diag_online[] = { DIAG_STEP_ONLINE, DIAG_STEP_VERIFY };

#define DIAG_N(a) (sizeof(a) / sizeof((a)[0]))

static void
diag_kb(struct diag_result *res, const struct view *v)
{
	if (v->trusting.flavor == REC_FLAVOR_SAMBA)
		diag_plan(res, v, diag_kb_order_samba,
			  DIAG_N(diag_kb_order_samba));
	else
		diag_plan(res, v, diag_kb_order, DIAG_N(diag_kb_order));
	res->repairable = 1;
}

void
diag_run(const struct view *v, struct diag_result *res)
{
	const struct view_trusting *t = &v->trusting;
	const struct view_trusted *d = &v->trusted;
	const char *T = t->name, *D = d->name;
	int trusting_half = t->has_tdo;
	char flags[16];

	memset(res, 0, sizeof(*res));
	/* evidence: password and SID */
	res->match = DIAG_MATCH_UNKNOWN;
	if (d->has_account && !d->has_nt && t->has_cur) {
		res->match = DIAG_MATCH_NONE; /* no hash can match */
	} else if (d->has_account && d->has_nt && t->has_cur) {
		if (crypto_equal(d->nt_hash, t->cur_hash, 16))
			res->match = DIAG_MATCH_CURRENT;
		else if (t->has_old &&
			 crypto_equal(d->nt_hash, t->old_hash, 16))
			res->match = DIAG_MATCH_OLD;
		else
			res->match = DIAG_MATCH_NONE;
	}
	if (t->has_tdo && d->known) {
		res->sid_known = 1;
		res->sid_match = sid_equal(&t->tdo_sid, &d->sid);
	}
	sam_acb_format(d->acb, flags, sizeof(flags));

	if (!trusting_half && !d->has_account) {
		res->verdict = DIAG_NO_TRUST;
		snprintf(res->summary, sizeof(res->summary),
			 "There is no trust: %s has no trusted-domain entry "
			 "for %s and %s has no trust account %s; users of %s "
			 "cannot use resources in %s.%s",
			 T, D, D, d->account, D, T,
			 t->has_secret ? " (An orphaned secret G$$ is left on "
					 "the trusting side.)" :
					 "");
		return;
	}
	if (!trusting_half) {
		res->verdict = DIAG_TRUSTING_SIDE_MISSING;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: %s has no "
			 "trusted-domain entry for %s, while %s still permits "
			 "%s to trust it (account %s).",
			 D, T, t->known ? T : "the trusting domain", D, D, T,
			 d->account);
		diag_kb(res, v);
		return;
	}
	if (!d->known || !d->reachable) {
		res->verdict = DIAG_TRUSTED_DC_UNREACHABLE;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: %s cannot "
			 "reach a domain controller of %s (%s).",
			 D, T, T, D,
			 d->known ? "its PDC is offline" :
				    "no such domain in the lab");
		diag_plan(res, v, diag_online, DIAG_N(diag_online));
		return;
	}
	if (!d->has_account) {
		res->verdict = DIAG_TRUSTED_SIDE_MISSING;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: the accounts "
			 "domain %s has no trust account %s, while %s still "
			 "trusts %s (KB Q207957). Logons fail once %s sets up "
			 "its secure channel again.",
			 D, T, D, d->account, T, D, T);
		diag_kb(res, v);
		return;
	}
	if (!(d->acb & SAM_ACB_DOMTRUST)) {
		res->verdict = DIAG_ACCOUNT_WRONG_TYPE;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: %s\\%s is a "
			 "%s account %s, not an interdomain trust account "
			 "[I].",
			 D, T, D, d->account, sam_acb_type_name(d->acb), flags);
		diag_kb(res, v);
		return;
	}
	if (!t->has_cur) {
		res->verdict = DIAG_SECRET_MISSING;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: %s has a "
			 "trusted-domain entry for %s but no trust secret "
			 "G$$%s, so it cannot set up its secure channel.",
			 D, T, T, D, D);
		diag_kb(res, v);
		return;
	}
	if (!res->sid_match) {
		char a[SID_STR_MAX], b[SID_STR_MAX];

		sid_format(&t->tdo_sid, a, sizeof(a));
		sid_format(&d->sid, b, sizeof(b));
		res->verdict = DIAG_SID_MISMATCH;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: %s's "
			 "trusted-domain entry says %s is %.60s, but %s is now "
			 "%.60s (rebuilt under the same name).",
			 D, T, T, D, a, D, b);
		diag_kb(res, v);
		return;
	}
	if (d->acb & SAM_ACB_DISABLED) {
		res->verdict = DIAG_ACCOUNT_DISABLED;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: the trust "
			 "account %s\\%s is disabled %s.",
			 D, T, D, d->account, flags);
		diag_plan(res, v, diag_enable, DIAG_N(diag_enable));
		res->repairable = 1;
		return;
	}
	if (res->match == DIAG_MATCH_NONE) {
		res->verdict = DIAG_PASSWORD_MISMATCH;
		snprintf(res->summary, sizeof(res->summary),
			 "Users of %s cannot use resources in %s: the trust "
			 "password differs; the hash of %s\\%s matches neither "
			 "CurrentValue nor OldValue of G$$%s on %s.",
			 D, T, D, d->account, D, T);
		diag_kb(res, v);
		return;
	}
	if (res->match == DIAG_MATCH_OLD) {
		res->verdict = DIAG_ROTATION_PENDING;
		snprintf(res->summary, sizeof(res->summary),
			 "A password change reached only %s: %s\\%s still has "
			 "the OldValue of G$$%s. The secure channel works with "
			 "the OldValue until %s sends the CurrentValue again.",
			 T, D, d->account, D, T);
		diag_plan(res, v, diag_push, DIAG_N(diag_push));
		res->repairable = 1;
		return;
	}
	res->verdict = DIAG_HEALTHY;
	snprintf(res->summary, sizeof(res->summary),
		 "Users of %s can use resources in %s: both halves agree (the "
		 "hash of %s\\%s matches CurrentValue of G$$%s).",
		 D, T, D, d->account, D);
}
