/*
 * tests/check_rotate.c - trust password rotation (nt4/rotate.c) in a real
 * lab: the change right after `trusted add` with NetrServerPasswordSet2 or
 * NetrServerPasswordSet, the 7-day schedule of rotate_advance, an
 * unreachable accounts PDC, the OldValue recovery rule, and the password
 * generator (a known answer computed independently with Python's hmac).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "nt4/diag.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/rotate.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "nt4/view.h"
#include "testutil.h"

#define DAY 86400ULL
#define TYPED "TrustPass#2024"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			       "abcdefghijklmnopqrstuvwxyz0123456789._-";

static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;

static void
setup(void)
{
	lab = tu_lab_new(dir, sizeof(dir));
	acc = res = NULL;
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

/* ACCOUNTS (trusted, with alice) and RESOURCE (trusting). */
static void
make_domains(uint32_t flavor, uint32_t trusting_caps, uint32_t trusted_caps)
{
	struct domain_opts o;
	uint8_t nt[16];

	memset(&o, 0, sizeof(o));
	o.flavor = flavor;
	o.nl_caps = trusted_caps;
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, NULL), 0);
	o.nl_caps = trusting_caps;
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("Secret#1", nt, NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_add(acc, "alice", NULL, SAM_ACB_NORMAL, nt,
					 NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
}

static void
establish(struct trust_add_result *r)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_msg(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", TYPED,
					 NULL, &ei) == 0,
		      "%s", ei.msg);
	ck_assert_msg(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", TYPED, r,
					&ei) == 0,
		      "%s", ei.msg);
	ck_assert_uint_eq(r->status, 0);
}

static void
get_secret(struct rec_secret *s)
{
	ck_assert_int_eq(lsa_secret_get(res, "G$$ACCOUNTS", s, NULL), 0);
}

static void
get_account(struct rec_account *a)
{
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", a, NULL), 0);
}

/* Does the trust account hold the hash of this UTF-16LE value? */
static int
account_holds(const uint8_t *v, size_t n)
{
	struct rec_account a;
	uint8_t h[16];

	get_account(&a);
	ck_assert_int_eq(ntlm_nt_hash_raw(v, n, h), 0);
	return a.has_nt && memcmp(a.nt_hash, h, 16) == 0;
}

static int
account_holds_current(void)
{
	struct rec_secret s;

	get_secret(&s);
	ck_assert(s.has_cur);
	return account_holds(s.cur, s.cur_len);
}

/* A generated CurrentValue: 32 characters of the alphabet, UTF-16LE. */
static void
assert_generated(const uint8_t *v, size_t n)
{
	size_t i;

	ck_assert_uint_eq(n, 2 * ROTATE_PASSWORD_LEN);
	for (i = 0; i < n; i += 2) {
		ck_assert_msg(v[i] != 0 && strchr(alphabet, v[i]) != NULL,
			      "character %zu is 0x%02x", i / 2, v[i]);
		ck_assert_uint_eq(v[i + 1], 0);
	}
}

static uint32_t
logon_alice(void)
{
	struct logon_request q;
	struct logon_result r;
	struct errinfo ei;

	memset(&q, 0, sizeof(q));
	q.server = "RESOURCE";
	q.domain = "ACCOUNTS";
	q.user = "alice";
	q.password = "Secret#1";
	q.ntlm = LOGON_NTLM_V2;
	q.via = LOGON_VIA_SMB;
	err_clear(&ei);
	ck_assert_msg(logon_network(lab, &q, &r, &ei) == 0, "%s", ei.msg);
	if (r.status == 0)
		ck_assert_int_eq(r.passthrough, 1);
	return r.status;
}

static int
verdict(void)
{
	struct diag_result d;
	struct view v;

	ck_assert_int_eq(view_from_lab(&v, lab, "RESOURCE", "ACCOUNTS", NULL),
			 0);
	diag_run(&v, &d);
	view_wipe(&v);
	return d.verdict;
}

/* ---- the change right after trusted add ---- */

static const struct {
	uint32_t flavor, trusting_caps, trusted_caps;
	const char *call;
} caps_cases[] = {
	{ REC_FLAVOR_NT4, 0, 0, "NetrServerPasswordSet2" },
	{ REC_FLAVOR_NT4, DOMAIN_NL_CAPS_CLASSIC, DOMAIN_NL_CAPS_CLASSIC,
	  "NetrServerPasswordSet" },
	{ REC_FLAVOR_NT4, DOMAIN_NL_CAPS_CLASSIC, DOMAIN_NL_CAPS_DEFAULT,
	  "NetrServerPasswordSet" },
	{ REC_FLAVOR_NT4, DOMAIN_NL_CAPS_DEFAULT, DOMAIN_NL_CAPS_CLASSIC,
	  "NetrServerPasswordSet" },
	{ REC_FLAVOR_NT4, DOMAIN_NL_CAPS_AES, DOMAIN_NL_CAPS_AES,
	  "NetrServerPasswordSet2" },
	{ REC_FLAVOR_SAMBA, 0, 0, "NetrServerPasswordSet2" },
};

START_TEST(test_rotation_after_add)
{
	struct trust_add_result r;
	struct trust_verify_result v;
	struct rec_secret s;
	static const uint8_t typed16[] = { 'T', 0,   'r', 0,   'u', 0,	 's',
					   0,	't', 0,	  'P', 0,   'a', 0,
					   's', 0,   's', 0,   '#', 0,	 '2',
					   0,	'0', 0,	  '2', 0,   '4', 0 };

	make_domains(caps_cases[_i].flavor, caps_cases[_i].trusting_caps,
		     caps_cases[_i].trusted_caps);
	establish(&r);
	ck_assert_uint_eq(r.rotation.status, 0);
	ck_assert_int_eq(r.rotation.changed, 1);
	ck_assert_int_eq(r.rotation.pushed_again, 0);
	ck_assert_str_eq(r.rotation.call, caps_cases[_i].call);
	ck_assert_str_eq(r.rotation.trusting, "RESOURCE");
	ck_assert_str_eq(r.rotation.trusted, "ACCOUNTS");
	ck_assert_uint_eq(r.rotation.when, LAB_EPOCH);
	/* the typed password is the OldValue now */
	get_secret(&s);
	ck_assert_int_eq(s.has_old, 1);
	ck_assert_uint_eq(s.old_len, sizeof(typed16));
	ck_assert_int_eq(memcmp(s.old, typed16, sizeof(typed16)), 0);
	ck_assert_uint_eq(s.old_time, LAB_EPOCH);
	ck_assert_int_eq(s.has_cur, 1);
	assert_generated(s.cur, s.cur_len);
	ck_assert_uint_eq(s.cur_time, LAB_EPOCH);
	/* the trusted side holds the hash of CurrentValue, not the typed one */
	ck_assert(account_holds(s.cur, s.cur_len));
	ck_assert(!account_holds(typed16, sizeof(typed16)));
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	ck_assert_uint_eq(logon_alice(), 0);
	/* a new channel authenticates with CurrentValue */
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, 0);
	ck_assert_int_eq(v.used_old, 0);
	ck_assert_uint_eq(logon_alice(), 0);
	rec_secret_wipe(&s);
}
END_TEST

/* ---- the schedule ---- */

struct seen {
	struct rotate_result r[16];
	uint8_t cur_hash[16][16], old_hash[16][16];
	uint32_t logon[16];
	int n;
};

static void
on_rotation(const struct rotate_result *r, void *arg)
{
	struct seen *x = arg;
	struct rec_secret s;

	ck_assert_int_lt(x->n, 16);
	x->r[x->n] = *r;
	get_secret(&s);
	ck_assert_int_eq(ntlm_nt_hash_raw(s.cur, s.cur_len, x->cur_hash[x->n]),
			 0);
	ck_assert_int_eq(ntlm_nt_hash_raw(s.old, s.old_len, x->old_hash[x->n]),
			 0);
	rec_secret_wipe(&s);
	x->logon[x->n] = logon_alice();
	x->n++;
}

START_TEST(test_advance_30_days)
{
	struct trust_add_result r;
	struct rotate_due *due = NULL;
	struct rec_secret s;
	struct seen x;
	size_t n = 0;
	int i;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	ck_assert_uint_eq(logon_alice(), 0);
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH + 30 * DAY, on_rotation,
					&x, NULL),
			 0);
	ck_assert_int_eq(x.n, 4);
	for (i = 0; i < 4; i++) {
		ck_assert_uint_eq(x.r[i].when, LAB_EPOCH + 7 * DAY * (i + 1));
		ck_assert_uint_eq(x.r[i].status, 0);
		ck_assert_int_eq(x.r[i].changed, 1);
		ck_assert_int_eq(x.r[i].pushed_again, 0);
		ck_assert_str_eq(x.r[i].call, "NetrServerPasswordSet2");
		ck_assert_str_eq(x.r[i].trusting, "RESOURCE");
		ck_assert_str_eq(x.r[i].trusted, "ACCOUNTS");
		ck_assert_uint_eq(x.logon[i], 0);
		/* OldValue is the CurrentValue of the rotation before */
		if (i > 0)
			ck_assert_int_eq(
				memcmp(x.old_hash[i], x.cur_hash[i - 1], 16),
				0);
		/* every rotation makes a new password */
		if (i > 0)
			ck_assert_int_ne(
				memcmp(x.cur_hash[i], x.cur_hash[i - 1], 16),
				0);
	}
	ck_assert_uint_eq(lab_now(lab), LAB_EPOCH + 30 * DAY);
	get_secret(&s);
	ck_assert_uint_eq(s.cur_time, LAB_EPOCH + 28 * DAY);
	ck_assert_uint_eq(s.old_time, LAB_EPOCH + 21 * DAY);
	assert_generated(s.cur, s.cur_len);
	rec_secret_wipe(&s);
	ck_assert(account_holds_current());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	ck_assert_uint_eq(logon_alice(), 0);
	/* the next one is due at day 35 */
	ck_assert_int_eq(rotate_schedule(lab, &due, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(due[0].trusting, "RESOURCE");
	ck_assert_str_eq(due[0].trusted, "ACCOUNTS");
	ck_assert_uint_eq(due[0].due, LAB_EPOCH + 35 * DAY);
	free(due);
	/* nothing falls due up to day 34; the clock never goes back */
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH + 34 * DAY, on_rotation,
					&x, NULL),
			 0);
	ck_assert_int_eq(x.n, 0);
	ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH, NULL, NULL, NULL),
			 ERR_INVALID);
	ck_assert_uint_eq(lab_now(lab), LAB_EPOCH + 34 * DAY);
}
END_TEST

/* A week at a time, with the trusting PDC restarted in between. */
START_TEST(test_advance_weekly_restarts)
{
	struct trust_add_result r;
	struct trust_verify_result v;
	struct seen x;
	int week;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	for (week = 1; week <= 6; week++) {
		memset(&x, 0, sizeof(x));
		ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH + 7 * DAY * week,
						on_rotation, &x, NULL),
				 0);
		ck_assert_int_eq(x.n, 1);
		ck_assert_uint_eq(x.r[0].status, 0);
		ck_assert_uint_eq(x.logon[0], 0);
		ck_assert(account_holds_current());
		/* a new channel works with CurrentValue, not OldValue */
		(void)lab_channel_drop_domain(lab, "RESOURCE");
		ck_assert_uint_eq(logon_alice(), 0);
		ck_assert_int_eq(
			trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL), 0);
		ck_assert_uint_eq(v.status, 0);
		ck_assert_int_eq(v.used_old, 0);
	}
}
END_TEST

/* ---- the accounts PDC offline ---- */

/* No channel up: nothing changes on either side. */
START_TEST(test_offline_no_channel)
{
	struct trust_add_result r;
	struct rotate_result rot;
	struct rec_secret s0, s1;
	struct rec_account a0, a1;
	struct seen x;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	(void)lab_channel_drop_domain(lab, "ACCOUNTS");
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
	get_secret(&s0);
	get_account(&a0);
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_uint_eq(rot.cause.status, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_int_eq(rot.changed, 0);
	ck_assert_int_eq(rot.pushed_again, 0);
	get_secret(&s1);
	get_account(&a1);
	ck_assert_int_eq(memcmp(&s0, &s1, sizeof(s0)), 0);
	ck_assert_int_eq(memcmp(&a0, &a1, sizeof(a0)), 0);
	/* the same through the clock: one failed attempt, not retried */
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH + 10 * DAY, on_rotation,
					&x, NULL),
			 0);
	ck_assert_int_eq(x.n, 1);
	ck_assert_uint_eq(x.r[0].when, LAB_EPOCH + 7 * DAY);
	ck_assert_uint_eq(x.r[0].status, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_int_eq(x.r[0].changed, 0);
	ck_assert_uint_eq(x.logon[0], NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(lab_now(lab), LAB_EPOCH + 10 * DAY);
	get_secret(&s1);
	get_account(&a1);
	ck_assert_int_eq(memcmp(&s0, &s1, sizeof(s0)), 0);
	ck_assert_int_eq(memcmp(&a0, &a1, sizeof(a0)), 0);
	ck_assert_int_eq(verdict(), DIAG_TRUSTED_DC_UNREACHABLE);
	/* back online: the overdue rotation runs at the next advance */
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 0, NULL), 0);
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(rotate_advance(lab, LAB_EPOCH + 11 * DAY, on_rotation,
					&x, NULL),
			 0);
	ck_assert_int_eq(x.n, 1);
	ck_assert_uint_eq(x.r[0].when, LAB_EPOCH + 10 * DAY);
	ck_assert_uint_eq(x.r[0].status, 0);
	ck_assert_int_eq(x.r[0].changed, 1);
	ck_assert_uint_eq(x.logon[0], 0);
	ck_assert(account_holds_current());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	rec_secret_wipe(&s0);
	rec_secret_wipe(&s1);
}
END_TEST

/*
 * A channel still cached from before: the call fails with NO_LOGON_SERVERS
 * and the trusted side is untouched (rotate.h).  Whatever the trusting
 * side did, the next rotation once the PDC is back recovers.
 */
START_TEST(test_offline_cached_channel)
{
	struct trust_add_result r;
	struct rotate_result rot;
	struct rec_secret s0, s1;
	struct rec_account a0, a1;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	ck_assert_uint_eq(logon_alice(), 0); /* the channel is up */
	ck_assert_ptr_nonnull(lab_channel_get(lab, REC_CHANNEL_CLIENT,
					      "RESOURCE", "ACCOUNTS"));
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
	get_secret(&s0);
	get_account(&a0);
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, NTSTATUS_NO_LOGON_SERVERS);
	get_account(&a1);
	ck_assert_int_eq(memcmp(&a0, &a1, sizeof(a0)), 0);
	get_secret(&s1);
	if (rot.changed) {
		/* OldValue <- CurrentValue, CurrentValue <- new */
		ck_assert_uint_eq(s1.old_len, s0.cur_len);
		ck_assert_int_eq(memcmp(s1.old, s0.cur, s0.cur_len), 0);
		assert_generated(s1.cur, s1.cur_len);
	} else {
		ck_assert_int_eq(memcmp(&s0, &s1, sizeof(s0)), 0);
	}
	/* the failed call ended the channel */
	ck_assert_ptr_null(lab_channel_get(lab, REC_CHANNEL_CLIENT, "RESOURCE",
					   "ACCOUNTS"));
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 0, NULL), 0);
	/* the account still holds a value of the secret: logons work */
	ck_assert_uint_eq(logon_alice(), 0);
	ck_assert_int_eq(verdict(),
			 rot.changed ? DIAG_ROTATION_PENDING : DIAG_HEALTHY);
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, 0);
	ck_assert(account_holds_current());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	ck_assert_uint_eq(logon_alice(), 0);
	rec_secret_wipe(&s0);
	rec_secret_wipe(&s1);
}
END_TEST

/*
 * A change stored but not sent (the accounts PDC went away with the channel
 * up): the push is retried 15 minutes later, not after 7 days (reference
 * 1.6), and the schedule returns to 7 days once it got through.
 */
START_TEST(test_retry_in_15_minutes)
{
	struct trust_add_result r;
	struct rotate_result rot;
	struct rotate_due *due = NULL;
	uint64_t t0, when = 0;
	size_t n = 0;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	ck_assert_uint_eq(logon_alice(), 0); /* the channel is up */
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
	t0 = lab_now(lab);
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_int_eq(rot.changed, 1);
	ck_assert_int_eq(lab_retry_get(lab, "RESOURCE", "ACCOUNTS", &when), 0);
	ck_assert_uint_eq(when, t0 + ROTATE_RETRY);
	ck_assert_int_eq(rotate_schedule(lab, &due, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(due[0].due, t0 + ROTATE_RETRY);
	free(due);
	/* back online: twenty minutes later the CurrentValue is sent again */
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 0, NULL), 0);
	ck_assert_int_eq(rotate_advance(lab, t0 + 20 * 60, NULL, NULL, NULL),
			 0);
	ck_assert(account_holds_current());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	ck_assert_int_eq(lab_retry_get(lab, "RESOURCE", "ACCOUNTS", &when),
			 ERR_NOTFOUND);
	ck_assert_int_eq(rotate_schedule(lab, &due, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(due[0].due, t0 + ROTATE_INTERVAL);
	free(due);
}
END_TEST

/* The trusting PDC itself offline: it cannot change anything. */
START_TEST(test_trusting_offline)
{
	struct trust_add_result r;
	struct rotate_result rot;
	struct rec_secret s0, s1;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	ck_assert_int_eq(lab_set_offline(lab, "RESOURCE", 1, NULL), 0);
	get_secret(&s0);
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_int_eq(rot.changed, 0);
	get_secret(&s1);
	ck_assert_int_eq(memcmp(&s0, &s1, sizeof(s0)), 0);
	ck_assert(account_holds_current());
	rec_secret_wipe(&s0);
	rec_secret_wipe(&s1);
}
END_TEST

/*
 * `trusted add` probes the password with a session set-up at the trusted
 * PDC and asks it for its SID: with that PDC offline nothing can be
 * verified, so nothing may be written.
 */
START_TEST(test_add_while_trusted_offline)
{
	struct trust_add_result r;
	struct rec_tdo t;
	struct rec_secret s;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", TYPED,
					    NULL, NULL),
			 0);
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
	ck_assert_int_eq(
		trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", TYPED, &r, NULL),
		0);
	ck_assert_msg(r.status != NTSTATUS_OK,
		      "trusted add succeeded against an offline PDC (probe "
		      "0x%08x, rotation 0x%08x)",
		      r.probe, r.rotation.status);
	ck_assert_int_eq(lsa_tdo_get(res, "ACCOUNTS", &t, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(lsa_secret_get(res, "G$$ACCOUNTS", &s, NULL),
			 ERR_NOTFOUND);
}
END_TEST

/* ---- the recovery rule (reference 1.6) ---- */

static void
set_current(const char *ascii, uint64_t when)
{
	uint8_t v[64];
	size_t i, n = strlen(ascii);

	ck_assert_uint_le(2 * n, sizeof(v));
	for (i = 0; i < n; i++) {
		v[2 * i] = (uint8_t)ascii[i];
		v[2 * i + 1] = 0;
	}
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(
		lsa_secret_set(res, "G$$ACCOUNTS", v, 2 * n, when, NULL), 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
}

START_TEST(test_recovery_push_again)
{
	static const uint8_t manual16[] = { 'M', 0, 'a', 0, 'n', 0, 'u', 0,
					    'a', 0, 'l', 0, '#', 0, '1', 0 };
	struct trust_add_result r;
	struct rotate_result rot;
	struct rec_secret s0, s1;

	make_domains(REC_FLAVOR_NT4, 0, 0);
	establish(&r);
	/* a change that reached only the trusting side */
	get_secret(&s0);
	set_current("Manual#1", lab_now(lab));
	get_secret(&s1);
	ck_assert_uint_eq(s1.old_len, s0.cur_len);
	ck_assert_int_eq(memcmp(s1.old, s0.cur, s0.cur_len), 0);
	ck_assert(account_holds(s1.old, s1.old_len));
	ck_assert_int_eq(verdict(), DIAG_ROTATION_PENDING);
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	(void)lab_channel_drop_domain(lab, "ACCOUNTS");
	/* OldValue authenticates: CurrentValue is sent again, unchanged */
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, 0);
	ck_assert_int_eq(rot.pushed_again, 1);
	ck_assert_int_eq(rot.changed, 0);
	ck_assert_str_eq(rot.call, "NetrServerPasswordSet2");
	get_secret(&s0);
	ck_assert_int_eq(memcmp(&s0, &s1, sizeof(s0)), 0);
	ck_assert(account_holds(manual16, sizeof(manual16)));
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	ck_assert_uint_eq(logon_alice(), 0);
	/* the next attempt makes a new password as usual */
	ck_assert_int_eq(rotate_trust(lab, "RESOURCE", "ACCOUNTS", &rot, NULL),
			 0);
	ck_assert_uint_eq(rot.status, 0);
	ck_assert_int_eq(rot.pushed_again, 0);
	ck_assert_int_eq(rot.changed, 1);
	get_secret(&s1);
	ck_assert_uint_eq(s1.old_len, sizeof(manual16));
	ck_assert_int_eq(memcmp(s1.old, manual16, sizeof(manual16)), 0);
	ck_assert(account_holds_current());
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	ck_assert_uint_eq(logon_alice(), 0);
	rec_secret_wipe(&s0);
	rec_secret_wipe(&s1);
}
END_TEST

/* The same through the clock, with the classic call. */
START_TEST(test_recovery_through_the_clock)
{
	struct trust_add_result r;
	struct seen x;

	make_domains(REC_FLAVOR_NT4, DOMAIN_NL_CAPS_CLASSIC,
		     DOMAIN_NL_CAPS_CLASSIC);
	establish(&r);
	set_current("Manual#1", lab_now(lab));
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	(void)lab_channel_drop_domain(lab, "ACCOUNTS");
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(
		rotate_advance(lab, LAB_EPOCH + 8 * DAY, on_rotation, &x, NULL),
		0);
	/* sent again, then (same instant, still due) a new password */
	ck_assert_int_eq(x.n, 2);
	ck_assert_uint_eq(x.r[0].when, LAB_EPOCH + 7 * DAY);
	ck_assert_uint_eq(x.r[0].status, 0);
	ck_assert_int_eq(x.r[0].pushed_again, 1);
	ck_assert_int_eq(x.r[0].changed, 0);
	ck_assert_str_eq(x.r[0].call, "NetrServerPasswordSet");
	ck_assert_uint_eq(x.r[1].when, LAB_EPOCH + 7 * DAY);
	ck_assert_uint_eq(x.r[1].status, 0);
	ck_assert_int_eq(x.r[1].changed, 1);
	ck_assert_uint_eq(x.logon[0], 0);
	ck_assert_uint_eq(x.logon[1], 0);
	ck_assert(account_holds_current());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
}
END_TEST

/* ---- the generator ---- */

START_TEST(test_password_known_answer)
{
	struct rng g;
	uint8_t seed[32];
	char pw[ROTATE_PASSWORD_LEN + 1];
	int i;

	for (i = 0; i < 32; i++)
		seed[i] = (uint8_t)i;
	/* python3: HMAC-SHA256(seed, LE64(ctr)), LE32 % 65, reject < 61 */
	rng_init_seeded(&g, seed, 0);
	ck_assert_int_eq(rotate_password_new(&g, pw, sizeof(pw)), 0);
	ck_assert_str_eq(pw, "_0gC5P8zUGIotuotfnES2WoPJxK62fy-");
	ck_assert_uint_eq(g.counter, 32);
	rng_init_seeded(&g, seed, 1000);
	ck_assert_int_eq(rotate_password_new(&g, pw, sizeof(pw)), 0);
	ck_assert_str_eq(pw, "pns6DJysE8NXgstKdb1Z-C5EAFgnY67q");
	ck_assert_uint_eq(g.counter, 1032);
}
END_TEST

START_TEST(test_password_alphabet)
{
	struct rng g1, g2;
	uint8_t seed[32];
	char a[ROTATE_PASSWORD_LEN + 1], b[ROTATE_PASSWORD_LEN + 1];
	int seen[256], i, k;

	memset(seed, 0x5c, sizeof(seed));
	memset(seen, 0, sizeof(seen));
	rng_init_seeded(&g1, seed, 0);
	rng_init_seeded(&g2, seed, 0);
	for (k = 0; k < 200; k++) {
		ck_assert_int_eq(rotate_password_new(&g1, a, sizeof(a)), 0);
		ck_assert_int_eq(rotate_password_new(&g2, b, sizeof(b)), 0);
		ck_assert_str_eq(a, b); /* reproducible */
		ck_assert_uint_eq(strlen(a), ROTATE_PASSWORD_LEN);
		for (i = 0; i < ROTATE_PASSWORD_LEN; i++) {
			ck_assert_msg(strchr(alphabet, a[i]) != NULL, "0x%02x",
				      (unsigned char)a[i]);
			seen[(unsigned char)a[i]]++;
		}
	}
	/* 6400 draws: every one of the 65 characters turns up */
	for (i = 0; alphabet[i] != '\0'; i++)
		ck_assert_msg(seen[(unsigned char)alphabet[i]] > 0,
			      "'%c' never drawn", alphabet[i]);
	/* another seed, another password */
	rng_init_seeded(&g2, seed, 0);
	seed[0] ^= 1;
	rng_init_seeded(&g1, seed, 0);
	ck_assert_int_eq(rotate_password_new(&g1, a, sizeof(a)), 0);
	ck_assert_int_eq(rotate_password_new(&g2, b, sizeof(b)), 0);
	ck_assert_str_ne(a, b);
	/* a buffer one byte short: ERR_RANGE, nothing drawn */
	rng_init_seeded(&g1, seed, 7);
	memset(a, 'x', sizeof(a));
	ck_assert_int_eq(rotate_password_new(&g1, a, ROTATE_PASSWORD_LEN),
			 ERR_RANGE);
	ck_assert_uint_eq(g1.counter, 7);
}
END_TEST

Suite *rotate_suite(void);

Suite *
rotate_suite(void)
{
	Suite *s = suite_create("rotate");
	TCase *tc = tcase_create("rotate");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_rotation_after_add, 0,
			    (int)(sizeof(caps_cases) / sizeof(caps_cases[0])));
	tcase_add_test(tc, test_advance_30_days);
	tcase_add_test(tc, test_advance_weekly_restarts);
	tcase_add_test(tc, test_offline_no_channel);
	tcase_add_test(tc, test_offline_cached_channel);
	tcase_add_test(tc, test_retry_in_15_minutes);
	tcase_add_test(tc, test_trusting_offline);
	tcase_add_test(tc, test_add_while_trusted_offline);
	tcase_add_test(tc, test_recovery_push_again);
	tcase_add_test(tc, test_recovery_through_the_clock);
	tcase_add_test(tc, test_password_known_answer);
	tcase_add_test(tc, test_password_alphabet);
	suite_add_tcase(s, tc);
	return s;
}
