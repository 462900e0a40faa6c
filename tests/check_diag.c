/*
 * tests/check_diag.c - the diagnosis of one trust (nt4/diag.c) from views
 * built by hand: every verdict in both flavors with its password evidence,
 * its remedy steps in order (kind and domain) and whether `trust repair`
 * may carry them out; the test order when several faults coexist (every
 * pair of faults); verdict and match names.
 */
#include <check.h>
#include <string.h>

#include "common/sid.h"
#include "nt4/diag.h"
#include "nt4/records.h"
#include "nt4/sam.h"
#include "nt4/view.h"

#define T_NAME "RESOURCE"
#define D_NAME "ACCOUNTS"

/* Three distinct NT hashes: OldValue, CurrentValue, something else. */
static const uint8_t h_old[16] = { 0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
				   0x01, 0x01, 0x01, 0x01, 0x01, 0x01,
				   0x01, 0x01, 0x01, 0x01 };
static const uint8_t h_cur[16] = { 0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
				   0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
				   0x02, 0x02, 0x02, 0x02 };
static const uint8_t h_other[16] = { 0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
				     0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
				     0x02, 0x02, 0x02, 0x03 };

static void
domain_sid(struct sid *s, uint32_t a)
{
	memset(s, 0, sizeof(*s));
	s->rev = 1;
	s->auth = 5;
	s->count = 4;
	s->sub[0] = 21;
	s->sub[1] = a;
	s->sub[2] = 2;
	s->sub[3] = 3;
}

/* A healthy pair: both halves present, the account holds CurrentValue. */
static void
healthy_view(struct view *v, uint32_t flavor)
{
	struct view_trusting *t = &v->trusting;
	struct view_trusted *d = &v->trusted;

	memset(v, 0, sizeof(*v));
	t->known = 1;
	strcpy(t->name, T_NAME);
	domain_sid(&t->sid, 100);
	t->flavor = flavor;
	t->has_tdo = 1;
	domain_sid(&t->tdo_sid, 200);
	t->has_secret = 1;
	t->has_cur = 1;
	t->has_old = 1;
	memcpy(t->cur_hash, h_cur, 16);
	memcpy(t->old_hash, h_old, 16);
	t->cur_time = 928195200;
	t->old_time = 928195200;
	d->known = 1;
	strcpy(d->name, D_NAME);
	strcpy(d->pdc, "ACCOUNTSPDC");
	domain_sid(&d->sid, 200);
	d->flavor = flavor;
	d->reachable = 1;
	d->has_account = 1;
	strcpy(d->account, "RESOURCE$");
	d->rid = 1001;
	d->acb = SAM_ACB_DOMTRUST;
	d->has_nt = 1;
	memcpy(d->nt_hash, h_cur, 16);
	d->pwd_last_set = 928195200;
}

/* ---- the faults, each as an ordinary change would leave the view ---- */

static void
f_trusting_missing(struct view *v) /* trusted remove RESOURCE ACCOUNTS */
{
	v->trusting.has_tdo = 0;
	memset(&v->trusting.tdo_sid, 0, sizeof(v->trusting.tdo_sid));
	v->trusting.has_secret = 0;
	v->trusting.has_cur = 0;
	v->trusting.has_old = 0;
	memset(v->trusting.cur_hash, 0, 16);
	memset(v->trusting.old_hash, 0, 16);
}

static void
f_no_trust(struct view *v)
{
	f_trusting_missing(v);
	v->trusted.has_account = 0;
	v->trusted.has_nt = 0;
	v->trusted.acb = 0;
	v->trusted.rid = 0;
	memset(v->trusted.nt_hash, 0, 16);
}

static void
f_unknown_domain(struct view *v) /* the trusted domain is not in the lab */
{
	memset(&v->trusted, 0, sizeof(v->trusted));
	strcpy(v->trusted.name, D_NAME);
	strcpy(v->trusted.account, "RESOURCE$");
}

static void
f_offline(struct view *v)
{
	v->trusted.reachable = 0;
}

static void
f_trusted_missing(struct view *v) /* trusting remove ACCOUNTS RESOURCE */
{
	v->trusted.has_account = 0;
	v->trusted.has_nt = 0;
	v->trusted.acb = 0;
	v->trusted.rid = 0;
	memset(v->trusted.nt_hash, 0, 16);
}

static void
f_wrong_type(struct view *v) /* account set-flags ... '[W]' */
{
	v->trusted.acb =
		(v->trusted.acb & ~SAM_ACB_TYPE_MASK) | SAM_ACB_WSTRUST;
}

static void
f_secret_missing(struct view *v) /* secret delete RESOURCE G$$ACCOUNTS */
{
	v->trusting.has_secret = 0;
	v->trusting.has_cur = 0;
	v->trusting.has_old = 0;
	memset(v->trusting.cur_hash, 0, 16);
	memset(v->trusting.old_hash, 0, 16);
}

static void
f_sid_mismatch(struct view *v) /* ACCOUNTS rebuilt under the same name */
{
	domain_sid(&v->trusted.sid, 300);
}

static void
f_disabled(struct view *v)
{
	v->trusted.acb |= SAM_ACB_DISABLED;
}

static void
f_password(struct view *v) /* user set-password ACCOUNTS RESOURCE$ */
{
	memcpy(v->trusted.nt_hash, h_other, 16);
}

static void
f_rotation(struct view *v) /* the account kept the OldValue */
{
	memcpy(v->trusted.nt_hash, h_old, 16);
}

/* ---- one row per verdict ---- */

enum plan_kind {
	PLAN_NONE,
	PLAN_KB, /* the KB Q207957 order (+ RESTART for a samba trusting) */
	PLAN_ENABLE,
	PLAN_PUSH,
	PLAN_ONLINE,
};

struct verdict_case {
	const char *what;
	void (*fault)(struct view *v);
	int verdict;
	int match;
	int plan;
	int repairable;
	int sid_known, sid_match;
};

static const struct verdict_case verdict_cases[] = {
	{ "healthy", NULL, DIAG_HEALTHY, DIAG_MATCH_CURRENT, PLAN_NONE, 0, 1,
	  1 },
	{ "no trust", f_no_trust, DIAG_NO_TRUST, DIAG_MATCH_UNKNOWN, PLAN_NONE,
	  0, 0, 0 },
	{ "trusting side missing", f_trusting_missing,
	  DIAG_TRUSTING_SIDE_MISSING, DIAG_MATCH_UNKNOWN, PLAN_KB, 1, 0, 0 },
	{ "trusted domain not in the lab", f_unknown_domain,
	  DIAG_TRUSTED_DC_UNREACHABLE, DIAG_MATCH_UNKNOWN, PLAN_ONLINE, 0, 0,
	  0 },
	{ "trusted PDC offline", f_offline, DIAG_TRUSTED_DC_UNREACHABLE,
	  DIAG_MATCH_CURRENT, PLAN_ONLINE, 0, 1, 1 },
	{ "trusted side missing", f_trusted_missing, DIAG_TRUSTED_SIDE_MISSING,
	  DIAG_MATCH_UNKNOWN, PLAN_KB, 1, 1, 1 },
	{ "workstation trust account", f_wrong_type, DIAG_ACCOUNT_WRONG_TYPE,
	  DIAG_MATCH_CURRENT, PLAN_KB, 1, 1, 1 },
	{ "secret missing", f_secret_missing, DIAG_SECRET_MISSING,
	  DIAG_MATCH_UNKNOWN, PLAN_KB, 1, 1, 1 },
	{ "SID mismatch", f_sid_mismatch, DIAG_SID_MISMATCH, DIAG_MATCH_CURRENT,
	  PLAN_KB, 1, 1, 0 },
	{ "account disabled", f_disabled, DIAG_ACCOUNT_DISABLED,
	  DIAG_MATCH_CURRENT, PLAN_ENABLE, 1, 1, 1 },
	{ "password mismatch", f_password, DIAG_PASSWORD_MISMATCH,
	  DIAG_MATCH_NONE, PLAN_KB, 1, 1, 1 },
	{ "rotation pending", f_rotation, DIAG_ROTATION_PENDING, DIAG_MATCH_OLD,
	  PLAN_PUSH, 1, 1, 1 },
};

#define NCASES (int)(sizeof(verdict_cases) / sizeof(verdict_cases[0]))

/* The expected steps: kinds and the domain each runs on. */
static size_t
expected_plan(int plan, uint32_t flavor, int *kinds, const char **on)
{
	static const int kb[] = { DIAG_STEP_REMOVE_TRUSTING_HALF,
				  DIAG_STEP_REMOVE_TRUSTED_HALF,
				  DIAG_STEP_PERMIT, DIAG_STEP_ADD,
				  DIAG_STEP_VERIFY };
	static const int kb_samba[] = { DIAG_STEP_REMOVE_TRUSTING_HALF,
					DIAG_STEP_REMOVE_TRUSTED_HALF,
					DIAG_STEP_PERMIT,
					DIAG_STEP_ADD,
					DIAG_STEP_RESTART,
					DIAG_STEP_VERIFY };
	static const int enable[] = { DIAG_STEP_ENABLE, DIAG_STEP_RESTART,
				      DIAG_STEP_VERIFY };
	static const int push[] = { DIAG_STEP_PUSH, DIAG_STEP_VERIFY };
	static const int online[] = { DIAG_STEP_ONLINE, DIAG_STEP_VERIFY };
	const int *src = NULL;
	size_t n = 0, i;

	switch (plan) {
	case PLAN_KB:
		if (flavor == REC_FLAVOR_SAMBA) {
			src = kb_samba;
			n = 6;
		} else {
			src = kb;
			n = 5;
		}
		break;
	case PLAN_ENABLE:
		src = enable;
		n = 3;
		break;
	case PLAN_PUSH:
		src = push;
		n = 2;
		break;
	case PLAN_ONLINE:
		src = online;
		n = 2;
		break;
	}
	for (i = 0; i < n; i++) {
		kinds[i] = src[i];
		switch (src[i]) {
		case DIAG_STEP_REMOVE_TRUSTED_HALF:
		case DIAG_STEP_PERMIT:
		case DIAG_STEP_ENABLE:
		case DIAG_STEP_ONLINE:
			on[i] = D_NAME;
			break;
		default:
			on[i] = T_NAME;
		}
	}
	return n;
}

static void
check_case(const struct verdict_case *c, uint32_t flavor)
{
	struct diag_result res;
	struct view v;
	int kinds[DIAG_STEPS_MAX];
	const char *on[DIAG_STEPS_MAX];
	size_t n, i;
	const char *fl = flavor == REC_FLAVOR_SAMBA ? "samba" : "nt4";

	healthy_view(&v, flavor);
	if (c->fault != NULL)
		c->fault(&v);
	memset(&res, 0xa5, sizeof(res));
	diag_run(&v, &res);
	ck_assert_msg(res.verdict == c->verdict, "%s (%s): verdict %s, not %s",
		      c->what, fl, diag_verdict_name(res.verdict),
		      diag_verdict_name(c->verdict));
	ck_assert_msg(res.match == c->match, "%s (%s): match %s, not %s",
		      c->what, fl, diag_match_name(res.match),
		      diag_match_name(c->match));
	ck_assert_msg(res.repairable == c->repairable, "%s (%s): repairable %d",
		      c->what, fl, res.repairable);
	ck_assert_msg(res.sid_known == c->sid_known &&
			      (!c->sid_known || res.sid_match == c->sid_match),
		      "%s (%s): sid_known %d sid_match %d", c->what, fl,
		      res.sid_known, res.sid_match);
	ck_assert_msg(res.summary[0] != '\0' &&
			      memchr(res.summary, '\0', sizeof(res.summary)),
		      "%s (%s): no summary", c->what, fl);
	n = expected_plan(c->plan, flavor, kinds, on);
	ck_assert_msg(res.nsteps == n, "%s (%s): %zu steps, not %zu", c->what,
		      fl, res.nsteps, n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(res.steps[i].kind == kinds[i],
			      "%s (%s): step %zu is kind %d, not %d", c->what,
			      fl, i + 1, res.steps[i].kind, kinds[i]);
		ck_assert_msg(strcmp(res.steps[i].on, on[i]) == 0,
			      "%s (%s): step %zu on %s, not %s", c->what, fl,
			      i + 1, res.steps[i].on, on[i]);
		ck_assert_msg(res.steps[i].text[0] != '\0' &&
				      strncmp(res.steps[i].command, "nt4trust ",
					      9) == 0,
			      "%s (%s): step %zu has no text or command",
			      c->what, fl, i + 1);
	}
}

START_TEST(test_verdict_nt4)
{
	check_case(&verdict_cases[_i], REC_FLAVOR_NT4);
}
END_TEST

START_TEST(test_verdict_samba)
{
	check_case(&verdict_cases[_i], REC_FLAVOR_SAMBA);
}
END_TEST

/* diag_run is pure: the view is the same afterwards. */
START_TEST(test_view_unchanged)
{
	struct diag_result res;
	struct view v, copy;
	int i;

	for (i = 0; i < NCASES; i++) {
		healthy_view(&v, REC_FLAVOR_NT4);
		if (verdict_cases[i].fault != NULL)
			verdict_cases[i].fault(&v);
		memcpy(&copy, &v, sizeof(v));
		diag_run(&v, &res);
		ck_assert_msg(memcmp(&copy, &v, sizeof(v)) == 0, "%s",
			      verdict_cases[i].what);
	}
}
END_TEST

/* ---- precedence: the first verdict in the test order wins ---- */

struct fault {
	const char *what;
	void (*fn)(struct view *v);
	int verdict; /* on its own */
};

/* In the order of the verdicts they cause. */
static const struct fault faults[] = {
	{ "trusting half gone", f_trusting_missing,
	  DIAG_TRUSTING_SIDE_MISSING },
	{ "PDC offline", f_offline, DIAG_TRUSTED_DC_UNREACHABLE },
	{ "account gone", f_trusted_missing, DIAG_TRUSTED_SIDE_MISSING },
	{ "workstation account", f_wrong_type, DIAG_ACCOUNT_WRONG_TYPE },
	{ "secret gone", f_secret_missing, DIAG_SECRET_MISSING },
	{ "new SID", f_sid_mismatch, DIAG_SID_MISMATCH },
	{ "disabled", f_disabled, DIAG_ACCOUNT_DISABLED },
	{ "other password", f_password, DIAG_PASSWORD_MISMATCH },
	{ "old password", f_rotation, DIAG_ROTATION_PENDING },
};

#define NFAULTS (int)(sizeof(faults) / sizeof(faults[0]))

static void
apply(struct view *v, int i)
{
	/* a workstation account or a disabled flag needs an account */
	if ((faults[i].fn == f_wrong_type || faults[i].fn == f_disabled) &&
	    !v->trusted.has_account)
		return;
	faults[i].fn(v);
}

/* Every pair of faults, applied in either order. */
START_TEST(test_precedence_pairs)
{
	struct diag_result res;
	struct view v;
	int i, j, want, order;

	for (i = 0; i < NFAULTS; i++)
		for (j = i + 1; j < NFAULTS; j++) {
			/* both set the account's hash: one fault, not two */
			if (faults[i].fn == f_password &&
			    faults[j].fn == f_rotation)
				continue;
			want = faults[i].verdict;
			if (faults[i].fn == f_trusting_missing &&
			    faults[j].fn == f_trusted_missing)
				want = DIAG_NO_TRUST;
			for (order = 0; order < 2; order++) {
				healthy_view(&v, REC_FLAVOR_NT4);
				apply(&v, order ? j : i);
				apply(&v, order ? i : j);
				diag_run(&v, &res);
				ck_assert_msg(res.verdict == want,
					      "%s + %s: %s, not %s",
					      faults[i].what, faults[j].what,
					      diag_verdict_name(res.verdict),
					      diag_verdict_name(want));
			}
		}
}
END_TEST

/* The combinations the brief names, spelled out. */
START_TEST(test_precedence_named)
{
	struct diag_result res;
	struct view v;

	/* offline and no account: nothing can be checked over there */
	healthy_view(&v, REC_FLAVOR_NT4);
	f_offline(&v);
	f_trusted_missing(&v);
	diag_run(&v, &res);
	ck_assert_str_eq(diag_verdict_name(res.verdict),
			 "trusted-dc-unreachable");
	ck_assert_int_eq(res.repairable, 0);
	ck_assert_uint_eq(res.nsteps, 2);
	ck_assert_int_eq(res.steps[0].kind, DIAG_STEP_ONLINE);
	ck_assert_str_eq(res.steps[0].command,
			 "nt4trust domain online ACCOUNTS");
	/* a workstation account and no secret: the type first */
	healthy_view(&v, REC_FLAVOR_NT4);
	f_wrong_type(&v);
	f_secret_missing(&v);
	diag_run(&v, &res);
	ck_assert_str_eq(diag_verdict_name(res.verdict),
			 "trust-account-wrong-type");
	ck_assert_int_eq(res.match, DIAG_MATCH_UNKNOWN);
	/* a disabled workstation account: the type first */
	healthy_view(&v, REC_FLAVOR_NT4);
	f_wrong_type(&v);
	f_disabled(&v);
	diag_run(&v, &res);
	ck_assert_int_eq(res.verdict, DIAG_ACCOUNT_WRONG_TYPE);
	/* both halves gone but an orphaned G$$ left: still no trust */
	healthy_view(&v, REC_FLAVOR_NT4);
	f_no_trust(&v);
	v.trusting.has_secret = 1;
	v.trusting.has_cur = 1;
	memcpy(v.trusting.cur_hash, h_cur, 16);
	diag_run(&v, &res);
	ck_assert_int_eq(res.verdict, DIAG_NO_TRUST);
	ck_assert_uint_eq(res.nsteps, 0);
	ck_assert_msg(strstr(res.summary, "orphaned secret") != NULL, "%s",
		      res.summary);
	/* the trusting half gone and the trusted domain not in the lab */
	healthy_view(&v, REC_FLAVOR_NT4);
	f_trusting_missing(&v);
	f_unknown_domain(&v);
	diag_run(&v, &res);
	ck_assert_int_eq(res.verdict, DIAG_NO_TRUST);
	/* the trusting domain not in the lab, the account still there */
	healthy_view(&v, REC_FLAVOR_NT4);
	memset(&v.trusting, 0, sizeof(v.trusting));
	strcpy(v.trusting.name, T_NAME);
	diag_run(&v, &res);
	ck_assert_int_eq(res.verdict, DIAG_TRUSTING_SIDE_MISSING);
	ck_assert_int_eq(res.repairable, 1);
}
END_TEST

/* ---- the password evidence ---- */

START_TEST(test_match_evidence)
{
	struct diag_result res;
	struct view v;

	/* no OldValue and another hash: none */
	healthy_view(&v, REC_FLAVOR_NT4);
	v.trusting.has_old = 0;
	memset(v.trusting.old_hash, 0, 16);
	f_password(&v);
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_NONE);
	ck_assert_int_eq(res.verdict, DIAG_PASSWORD_MISMATCH);
	/* an OldValue hash left in the view but has_old clear: not used */
	healthy_view(&v, REC_FLAVOR_NT4);
	v.trusting.has_old = 0;
	f_rotation(&v);
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_NONE);
	/* CurrentValue equal to OldValue: current wins */
	healthy_view(&v, REC_FLAVOR_NT4);
	memcpy(v.trusting.old_hash, h_cur, 16);
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_CURRENT);
	ck_assert_int_eq(res.verdict, DIAG_HEALTHY);
	/* an account without an NT hash: nothing to compare */
	healthy_view(&v, REC_FLAVOR_NT4);
	v.trusted.has_nt = 0;
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_NONE);
	/* a differing last byte is a different hash */
	healthy_view(&v, REC_FLAVOR_NT4);
	v.trusted.nt_hash[15] ^= 1;
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_NONE);
	healthy_view(&v, REC_FLAVOR_NT4);
	v.trusted.nt_hash[0] ^= 0x80;
	diag_run(&v, &res);
	ck_assert_int_eq(res.match, DIAG_MATCH_NONE);
}
END_TEST

/* ---- names ---- */

START_TEST(test_verdict_names)
{
	static const char *const names[DIAG_VERDICT_COUNT] = {
		"healthy",
		"no-trust",
		"trusting-side-missing",
		"trusted-dc-unreachable",
		"trusted-side-missing",
		"trust-account-wrong-type",
		"secret-missing",
		"sid-mismatch",
		"trust-account-disabled",
		"password-mismatch",
		"rotation-pending",
	};
	int i;

	ck_assert_int_eq(DIAG_VERDICT_COUNT, 11);
	for (i = 0; i < DIAG_VERDICT_COUNT; i++) {
		ck_assert_str_eq(diag_verdict_name(i), names[i]);
		ck_assert_int_eq(diag_verdict_parse(names[i]), i);
		ck_assert_int_eq(diag_verdict_parse(diag_verdict_name(i)), i);
	}
	ck_assert_str_eq(diag_verdict_name(-1), "unknown");
	ck_assert_str_eq(diag_verdict_name(DIAG_VERDICT_COUNT), "unknown");
	ck_assert_int_eq(diag_verdict_parse("unknown"), -1);
	ck_assert_int_eq(diag_verdict_parse(""), -1);
	ck_assert_int_eq(diag_verdict_parse("Healthy"), -1);
	ck_assert_int_eq(diag_verdict_parse("healthy "), -1);
	ck_assert_int_eq(diag_verdict_parse("secret"), -1);
	ck_assert_str_eq(diag_match_name(DIAG_MATCH_CURRENT), "current");
	ck_assert_str_eq(diag_match_name(DIAG_MATCH_OLD), "old");
	ck_assert_str_eq(diag_match_name(DIAG_MATCH_NONE), "none");
	ck_assert_str_eq(diag_match_name(DIAG_MATCH_UNKNOWN), "unknown");
	ck_assert_str_eq(diag_match_name(42), "unknown");
}
END_TEST

/* The by-hand commands of every step kind. */
START_TEST(test_step_commands)
{
	static const struct {
		int kind;
		const char *on;
		const char *command;
	} want[] = {
		{ DIAG_STEP_REMOVE_TRUSTING_HALF, "RESOURCE",
		  "nt4trust trusted remove RESOURCE ACCOUNTS" },
		{ DIAG_STEP_REMOVE_TRUSTED_HALF, "ACCOUNTS",
		  "nt4trust trusting remove ACCOUNTS RESOURCE" },
		{ DIAG_STEP_PERMIT, "ACCOUNTS",
		  "nt4trust trusting add ACCOUNTS RESOURCE" },
		{ DIAG_STEP_ADD, "RESOURCE",
		  "nt4trust trusted add RESOURCE ACCOUNTS" },
		{ DIAG_STEP_ENABLE, "ACCOUNTS",
		  "nt4trust user enable ACCOUNTS 'RESOURCE$'" },
		{ DIAG_STEP_PUSH, "RESOURCE",
		  "nt4trust trust repair RESOURCE ACCOUNTS" },
		{ DIAG_STEP_RESTART, "RESOURCE",
		  "nt4trust domain restart RESOURCE" },
		{ DIAG_STEP_VERIFY, "RESOURCE",
		  "nt4trust trust verify RESOURCE ACCOUNTS" },
		{ DIAG_STEP_ONLINE, "ACCOUNTS",
		  "nt4trust domain online ACCOUNTS" },
	};
	struct diag_step s;
	size_t i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		diag_step_describe(want[i].kind, T_NAME, D_NAME, REC_FLAVOR_NT4,
				   &s);
		ck_assert_int_eq(s.kind, want[i].kind);
		ck_assert_str_eq(s.on, want[i].on);
		ck_assert_str_eq(s.command, want[i].command);
		ck_assert(s.text[0] != '\0');
	}
	/* the restart step names winbindd on a samba trusting PDC */
	diag_step_describe(DIAG_STEP_RESTART, T_NAME, D_NAME, REC_FLAVOR_SAMBA,
			   &s);
	ck_assert_msg(strstr(s.text, "winbindd") != NULL, "%s", s.text);
	diag_step_describe(DIAG_STEP_RESTART, T_NAME, D_NAME, REC_FLAVOR_NT4,
			   &s);
	ck_assert_msg(strstr(s.text, "Netlogon") != NULL, "%s", s.text);
	/* an unknown kind: nothing described */
	diag_step_describe(0, T_NAME, D_NAME, REC_FLAVOR_NT4, &s);
	ck_assert_str_eq(s.command, "");
	ck_assert_str_eq(s.text, "");
}
END_TEST

Suite *diag_suite(void);

Suite *
diag_suite(void)
{
	Suite *s = suite_create("diag");
	TCase *tc = tcase_create("diag");

	tcase_add_loop_test(tc, test_verdict_nt4, 0, NCASES);
	tcase_add_loop_test(tc, test_verdict_samba, 0, NCASES);
	tcase_add_test(tc, test_view_unchanged);
	tcase_add_test(tc, test_precedence_pairs);
	tcase_add_test(tc, test_precedence_named);
	tcase_add_test(tc, test_match_evidence);
	tcase_add_test(tc, test_verdict_names);
	tcase_add_test(tc, test_step_commands);
	suite_add_tcase(s, tc);
	return s;
}
