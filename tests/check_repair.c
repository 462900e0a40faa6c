/*
 * tests/check_repair.c - the journaled repair (nt4/repair.c) in a real lab:
 * every repairable verdict, made with ordinary library calls, in both
 * flavors: the repair completes, the pair is healthy and a user of the
 * trusted domain logs on at once, a second run has nothing to do, a dry run
 * changes nothing; healthy, no-trust and unreachable pairs; the password
 * given; a crash after every step of every plan (a forked child aborted by
 * NT4TRUST_REPAIR_ABORT_AFTER) finished by running the repair again; a
 * failing step; repair passwords that cannot work.
 */
#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "nt4/diag.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/repair.h"
#include "nt4/rotate.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "nt4/view.h"
#include "testutil.h"

#define TYPED "TrustPass#2024"

static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;
static uint32_t flavor;

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

static void
add_alice(void)
{
	uint8_t nt[16];

	ck_assert_int_eq(ntlm_nt_hash("Secret#1", nt, NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_add(acc, "alice", NULL, SAM_ACB_NORMAL, nt,
					 NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
}

static void
create_accounts(void)
{
	struct domain_opts o;

	memset(&o, 0, sizeof(o));
	o.flavor = flavor;
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, NULL), 0);
	add_alice();
}

/* A healthy pair RESOURCE -> ACCOUNTS, both PDCs of flavor fl. */
static void
make_pair(uint32_t fl)
{
	struct domain_opts o;
	struct trust_add_result r;
	struct errinfo ei;

	flavor = fl;
	create_accounts();
	memset(&o, 0, sizeof(o));
	o.flavor = fl;
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, NULL), 0);
	err_clear(&ei);
	ck_assert_msg(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", TYPED,
					 NULL, &ei) == 0,
		      "%s", ei.msg);
	ck_assert_msg(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", TYPED, &r,
					&ei) == 0,
		      "%s", ei.msg);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.rotation.status, 0);
}

/* After reopening the lab: the handles again. */
static void
rebind(void)
{
	ck_assert_int_eq(lab_domain(lab, "ACCOUNTS", &acc, NULL), 0);
	ck_assert_int_eq(lab_domain(lab, "RESOURCE", &res, NULL), 0);
}

static int
diagnose(struct diag_result *d)
{
	struct diag_result tmp;
	struct view v;

	if (d == NULL)
		d = &tmp;
	ck_assert_int_eq(view_from_lab(&v, lab, "RESOURCE", "ACCOUNTS", NULL),
			 0);
	diag_run(&v, d);
	view_wipe(&v);
	return d->verdict;
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
	return r.status;
}

static void
account_update(uint32_t set_acb, const char *password)
{
	struct rec_account a;

	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	a.acb |= set_acb;
	if (password != NULL)
		ck_assert_int_eq(ntlm_nt_hash(password, a.nt_hash, NULL), 0);
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	rec_account_wipe(&a);
}

/* Break a healthy pair the way that leads to verdict v. */
static void
break_as(int v)
{
	struct rec_account a;
	static const uint8_t new16[] = { 'n', 0, 'e', 0, 'w', 0 };

	switch (v) {
	case DIAG_TRUSTED_SIDE_MISSING:
		ck_assert_int_eq(trust_trusting_remove(lab, "ACCOUNTS",
						       "RESOURCE", NULL),
				 0);
		break;
	case DIAG_TRUSTING_SIDE_MISSING:
		ck_assert_int_eq(
			trust_trusted_remove(lab, "RESOURCE", "ACCOUNTS", NULL),
			0);
		break;
	case DIAG_PASSWORD_MISMATCH:
		account_update(0, "x");
		break;
	case DIAG_SECRET_MISSING:
		ck_assert_int_eq(domain_begin(res, NULL), 0);
		ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL),
				 0);
		ck_assert_int_eq(domain_commit(res, NULL), 0);
		break;
	case DIAG_ACCOUNT_WRONG_TYPE:
		ck_assert_int_eq(domain_begin(acc, NULL), 0);
		ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL),
				 0);
		ck_assert_int_eq(sam_account_delete(acc, "RESOURCE$", NULL), 0);
		ck_assert_int_eq(sam_account_add(acc, "RESOURCE$", NULL,
						 SAM_ACB_WSTRUST, a.nt_hash,
						 NULL, NULL, NULL),
				 0);
		ck_assert_int_eq(domain_commit(acc, NULL), 0);
		rec_account_wipe(&a);
		break;
	case DIAG_ACCOUNT_DISABLED:
		account_update(SAM_ACB_DISABLED, NULL);
		break;
	case DIAG_SID_MISMATCH:
		ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), 0);
		create_accounts();
		ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE",
						    TYPED, NULL, NULL),
				 0);
		break;
	case DIAG_ROTATION_PENDING:
		ck_assert_int_eq(domain_begin(res, NULL), 0);
		ck_assert_int_eq(lsa_secret_set(res, "G$$ACCOUNTS", new16,
						sizeof(new16), lab_now(lab),
						NULL),
				 0);
		ck_assert_int_eq(domain_commit(res, NULL), 0);
		break;
	case DIAG_NO_TRUST:
		break_as(DIAG_TRUSTED_SIDE_MISSING);
		ck_assert_int_eq(
			trust_trusted_remove(lab, "RESOURCE", "ACCOUNTS", NULL),
			0);
		break;
	case DIAG_TRUSTED_DC_UNREACHABLE:
		ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
		break;
	case DIAG_HEALTHY:
		break;
	default:
		ck_abort_msg("no way to break as %d", v);
	}
	ck_assert_msg(diagnose(NULL) == v, "broken as %s, diagnosed %s",
		      diag_verdict_name(v), diag_verdict_name(diagnose(NULL)));
}

/* The repairable verdicts, each in both flavors (index = 2 * i + fl). */
static const int repairable[] = {
	DIAG_TRUSTED_SIDE_MISSING, DIAG_TRUSTING_SIDE_MISSING,
	DIAG_PASSWORD_MISMATCH,	   DIAG_SECRET_MISSING,
	DIAG_ACCOUNT_WRONG_TYPE,   DIAG_ACCOUNT_DISABLED,
	DIAG_SID_MISMATCH,	   DIAG_ROTATION_PENDING,
};

#define NREPAIRABLE (int)(sizeof(repairable) / sizeof(repairable[0]))
#define CASE_VERDICT(i) repairable[(i) / 2]
#define CASE_FLAVOR(i) ((i) % 2 ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4)

/* What the progress callback saw. */
struct progress {
	int calls;
	int starts, ends;
	int bad; /* out of order, or a step that failed */
	int begun; /* the call before the first step came */
	int next;
};

static void
on_step(int index, size_t count, const struct diag_step *step, int done,
	uint32_t status, const char *detail, void *arg)
{
	struct progress *p = arg;

	(void)count;
	(void)detail;
	p->calls++;
	if (index < 0) {
		/* the call before the first step: once, before any step */
		if (step != NULL || p->starts != 0 || p->begun)
			p->bad = 1;
		p->begun = 1;
		return;
	}
	if (step == NULL || index != p->next || !p->begun)
		p->bad = 1;
	if (!done) {
		p->starts++;
	} else {
		p->ends++;
		if (status != 0)
			p->bad = 1;
		p->next++;
	}
}

static int
journal_exists(void)
{
	struct rec_journal j;
	int r = lab_journal_get(lab, "RESOURCE", "ACCOUNTS", &j, NULL);

	rec_journal_wipe(&j);
	ck_assert(r == 0 || r == ERR_NOTFOUND);
	return r == 0;
}

/* Healthy, logons at once, and it stays so after the lab is reopened. */
static void
assert_repaired(void)
{
	struct trust_verify_result v;

	ck_assert_str_eq(diag_verdict_name(diagnose(NULL)), "healthy");
	ck_assert_uint_eq(logon_alice(), 0);
	ck_assert_int_eq(journal_exists(), 0);
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	rebind();
	ck_assert_str_eq(diag_verdict_name(diagnose(NULL)), "healthy");
	ck_assert_uint_eq(logon_alice(), 0);
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, 0);
	ck_assert_int_eq(v.used_old, 0);
	ck_assert_uint_eq(logon_alice(), 0);
}

START_TEST(test_repair_each_verdict)
{
	struct repair_result rr;
	struct repair_opts o;
	struct diag_result d;
	struct progress p;
	struct errinfo ei;
	int v = CASE_VERDICT(_i);
	size_t i;

	make_pair(CASE_FLAVOR(_i));
	break_as(v);
	(void)diagnose(&d);
	memset(&o, 0, sizeof(o));
	memset(&p, 0, sizeof(p));
	err_clear(&ei);
	ck_assert_msg(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, on_step,
				 &p, &ei) == 0,
		      "%s", ei.msg);
	ck_assert_msg(rr.done == 1 && rr.status == 0, "%s: status 0x%08x: %s",
		      diag_verdict_name(v), rr.status, rr.why);
	ck_assert_int_eq(rr.nothing_to_do, 0);
	ck_assert_int_eq(rr.refused, 0);
	ck_assert_int_eq(rr.resumed, 0);
	/* a password is drawn only when the plan sets a new one */
	ck_assert_int_eq(rr.generated, v != DIAG_ACCOUNT_DISABLED &&
					       v != DIAG_ROTATION_PENDING);
	ck_assert_int_eq(rr.diag.verdict, v);
	ck_assert_str_eq(rr.begun_for, diag_verdict_name(v));
	ck_assert_uint_eq(rr.nplan, d.nsteps);
	for (i = 0; i < d.nsteps; i++)
		ck_assert_int_eq(rr.plan[i].kind, d.steps[i].kind);
	ck_assert_int_eq(p.bad, 0);
	ck_assert_int_eq(p.starts, (int)d.nsteps);
	ck_assert_int_eq(p.ends, (int)d.nsteps);
	/* healthy, and a user of ACCOUNTS logs on at RESOURCE at once */
	ck_assert_str_eq(diag_verdict_name(diagnose(NULL)), "healthy");
	ck_assert_uint_eq(logon_alice(), 0);
	ck_assert_int_eq(journal_exists(), 0);
	/* again: nothing to do, no step runs */
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr,
				    on_step, &p, NULL),
			 0);
	ck_assert_int_eq(rr.nothing_to_do, 1);
	ck_assert_int_eq(rr.done, 0);
	ck_assert_int_eq(rr.diag.verdict, DIAG_HEALTHY);
	ck_assert_int_eq(p.calls, 0);
	assert_repaired();
}
END_TEST

/* ---- dry runs change nothing ---- */

struct snapshot {
	struct view v;
	struct diag_result d;
	size_t nchans;
	uint64_t now;
};

static void
snap(struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	ck_assert_int_eq(
		view_from_lab(&s->v, lab, "RESOURCE", "ACCOUNTS", NULL), 0);
	diag_run(&s->v, &s->d);
	s->nchans = lab_channel_count(lab);
	s->now = lab_now(lab);
}

static void
assert_same(const struct snapshot *a, const struct snapshot *b)
{
	ck_assert_int_eq(memcmp(&a->v, &b->v, sizeof(a->v)), 0);
	ck_assert_int_eq(memcmp(&a->d, &b->d, sizeof(a->d)), 0);
	ck_assert_uint_eq(a->nchans, b->nchans);
	ck_assert_uint_eq(a->now, b->now);
}

START_TEST(test_dry_run)
{
	struct snapshot before, after;
	struct repair_result rr;
	struct repair_opts o;
	struct progress p;
	int v = CASE_VERDICT(_i);
	size_t i;

	make_pair(CASE_FLAVOR(_i));
	break_as(v);
	snap(&before);
	memset(&o, 0, sizeof(o));
	o.dry_run = 1;
	o.password = "Given#Pw1";
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr,
				    on_step, &p, NULL),
			 0);
	ck_assert_int_eq(rr.done, 0);
	ck_assert_int_eq(rr.refused, 0);
	ck_assert_int_eq(rr.nothing_to_do, 0);
	ck_assert_int_eq(rr.diag.verdict, v);
	ck_assert_uint_eq(rr.nplan, before.d.nsteps);
	for (i = 0; i < rr.nplan; i++)
		ck_assert_int_eq(rr.plan[i].kind, before.d.steps[i].kind);
	ck_assert_int_eq(p.calls, 0);
	ck_assert_int_eq(journal_exists(), 0);
	snap(&after);
	assert_same(&before, &after);
	/* and after a reopen */
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	rebind();
	snap(&after);
	before.nchans = after.nchans; /* channels reload as they were */
	assert_same(&before, &after);
	view_wipe(&before.v);
	view_wipe(&after.v);
}
END_TEST

/*
 * A dry run without a password must not draw one from the lab's seeded
 * generator either: the repair that follows (and every later random draw)
 * would differ from the same scenario without the dry run.
 */
START_TEST(test_dry_run_keeps_the_generator)
{
	struct repair_result rr;
	struct repair_opts o;
	uint64_t counter;

	make_pair(REC_FLAVOR_NT4);
	break_as(DIAG_PASSWORD_MISMATCH);
	counter = lab_rng(lab)->counter;
	memset(&o, 0, sizeof(o));
	o.dry_run = 1;
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL,
				    NULL, NULL),
			 0);
	ck_assert_uint_eq(rr.nplan, 5);
	ck_assert_msg(lab_rng(lab)->counter == counter,
		      "the dry run moved the lab generator from %llu to %llu",
		      (unsigned long long)counter,
		      (unsigned long long)lab_rng(lab)->counter);
}
END_TEST

/* ---- nothing to do, refused ---- */

START_TEST(test_healthy_nothing_to_do)
{
	struct snapshot before, after;
	struct repair_result rr;
	struct repair_opts o;
	struct progress p;

	make_pair(_i ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4);
	ck_assert_uint_eq(logon_alice(), 0);
	snap(&before);
	memset(&o, 0, sizeof(o));
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr,
				    on_step, &p, NULL),
			 0);
	ck_assert_int_eq(rr.nothing_to_do, 1);
	ck_assert_int_eq(rr.done, 0);
	ck_assert_int_eq(rr.refused, 0);
	ck_assert_uint_eq(rr.nplan, 0);
	ck_assert_int_eq(p.calls, 0);
	ck_assert_int_eq(journal_exists(), 0);
	snap(&after);
	assert_same(&before, &after);
	/* a dry run of a healthy pair too */
	o.dry_run = 1;
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr,
				    on_step, &p, NULL),
			 0);
	ck_assert_int_eq(rr.nothing_to_do, 1);
	snap(&after);
	assert_same(&before, &after);
	ck_assert_uint_eq(logon_alice(), 0);
}
END_TEST

static void
assert_refused(const char *why_part)
{
	struct snapshot before, after;
	struct repair_result rr;
	struct repair_opts o;
	struct progress p;

	snap(&before);
	memset(&o, 0, sizeof(o));
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr,
				    on_step, &p, NULL),
			 0);
	ck_assert_int_eq(rr.refused, 1);
	ck_assert_int_eq(rr.done, 0);
	ck_assert_int_eq(rr.nothing_to_do, 0);
	ck_assert_msg(strstr(rr.why, why_part) != NULL, "why: %s", rr.why);
	ck_assert_int_eq(p.calls, 0);
	ck_assert_int_eq(journal_exists(), 0);
	snap(&after);
	assert_same(&before, &after);
	view_wipe(&before.v);
	view_wipe(&after.v);
}

START_TEST(test_refused)
{
	make_pair(_i ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4);
	break_as(DIAG_NO_TRUST);
	assert_refused("no trust to repair");
	tu_lab_free(lab, dir);
	lab = tu_lab_new(dir, sizeof(dir));
	make_pair(_i ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4);
	break_as(DIAG_TRUSTED_DC_UNREACHABLE);
	assert_refused("back on the network");
	/* a broken pair whose accounts PDC is offline: still refused */
	break_as(DIAG_TRUSTED_DC_UNREACHABLE);
	ck_assert_int_eq(
		trust_trusting_remove(lab, "ACCOUNTS", "RESOURCE", NULL), 0);
	ck_assert_int_eq(diagnose(NULL), DIAG_TRUSTED_DC_UNREACHABLE);
	assert_refused("back on the network");
	/* the accounts domain gone from the lab */
	tu_lab_free(lab, dir);
	lab = tu_lab_new(dir, sizeof(dir));
	make_pair(_i ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4);
	ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), 0);
	ck_assert_int_eq(diagnose(NULL), DIAG_TRUSTED_DC_UNREACHABLE);
	assert_refused("ACCOUNTS");
}
END_TEST

/* ---- the password given ---- */

START_TEST(test_given_password)
{
	static const uint8_t given16[] = { 'G', 0, 'i', 0, 'v', 0,
					   'e', 0, 'n', 0, '#', 0,
					   'P', 0, 'w', 0, '1', 0 };
	struct repair_result rr;
	struct repair_opts o;
	struct rec_secret s;
	struct rec_account a;
	uint8_t h[16];
	int v = CASE_VERDICT(_i);
	size_t i;

	make_pair(CASE_FLAVOR(_i));
	break_as(v);
	memset(&o, 0, sizeof(o));
	o.password = "Given#Pw1";
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL,
				    NULL, NULL),
			 0);
	ck_assert_msg(rr.done == 1 && rr.status == 0, "%s", rr.why);
	ck_assert_int_eq(rr.generated, 0);
	ck_assert_int_eq(lsa_secret_get(res, "G$$ACCOUNTS", &s, NULL), 0);
	for (i = 0; i < rr.nplan && rr.plan[i].kind != DIAG_STEP_ADD; i++)
		;
	if (i < rr.nplan) {
		/* re-added with it, then rotated: it is the OldValue */
		ck_assert_int_eq(s.has_old, 1);
		ck_assert_uint_eq(s.old_len, sizeof(given16));
		ck_assert_int_eq(memcmp(s.old, given16, sizeof(given16)), 0);
		ck_assert_uint_eq(s.cur_len, 2 * ROTATE_PASSWORD_LEN);
	}
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash_raw(s.cur, s.cur_len, h), 0);
	ck_assert_int_eq(memcmp(a.nt_hash, h, 16), 0);
	ck_assert_uint_eq(a.acb, SAM_ACB_DOMTRUST);
	rec_secret_wipe(&s);
	rec_account_wipe(&a);
	assert_repaired();
}
END_TEST

/*
 * A repair password the trust flows refuse (empty, too long for a trust
 * password, not UTF-8) must be refused before anything is removed: else
 * both halves are gone and a journal that can never finish is left.
 */
START_TEST(test_unusable_password)
{
	char long_pw[252];
	const char *bad[3];
	struct repair_result rr;
	struct repair_opts o;
	struct errinfo ei;
	int r;

	memset(long_pw, 'p', 251);
	long_pw[251] = '\0';
	bad[0] = "";
	bad[1] = long_pw; /* 251 characters: over the 250 of a trust */
	bad[2] = "\xff\xfe";
	make_pair(REC_FLAVOR_NT4);
	break_as(DIAG_PASSWORD_MISMATCH);
	memset(&o, 0, sizeof(o));
	o.password = bad[_i];
	err_clear(&ei);
	r = repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL, NULL, &ei);
	ck_assert_msg(r != 0 || rr.done == 0, "password %d: repaired", _i);
	ck_assert_msg(diagnose(NULL) == DIAG_PASSWORD_MISMATCH,
		      "password %d: the pair is now %s", _i,
		      diag_verdict_name(diagnose(NULL)));
	ck_assert_msg(!journal_exists(), "password %d: a journal is left", _i);
	/* a usable password still repairs it */
	o.password = "Given#Pw1";
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL,
				    NULL, NULL),
			 0);
	ck_assert_int_eq(rr.done, 1);
	assert_repaired();
}
END_TEST

/* ---- a crash after every step ---- */

/* In a child: open the lab, repair with the abort hook set at n. */
static void
child_repair(size_t n)
{
	struct repair_result rr;
	struct repair_opts o;
	struct lab *l = NULL;
	char num[16];

	if (freopen("/dev/null", "w", stderr) == NULL)
		_exit(10);
	snprintf(num, sizeof(num), "%zu", n);
	if (setenv(REPAIR_ABORT_ENV, num, 1) != 0)
		_exit(11);
	if (lab_open(&l, dir, 0, NULL) != 0)
		_exit(12);
	memset(&o, 0, sizeof(o));
	(void)repair_run(l, "RESOURCE", "ACCOUNTS", &o, &rr, NULL, NULL, NULL);
	_exit(13); /* the hook did not fire */
}

START_TEST(test_crash_after_every_step)
{
	struct repair_result rr;
	struct repair_opts o;
	struct rec_journal j;
	struct diag_result d;
	struct progress p;
	int v = CASE_VERDICT(_i), status;
	size_t n, nsteps;
	pid_t pid;

	make_pair(CASE_FLAVOR(_i));
	break_as(v);
	(void)diagnose(&d);
	nsteps = d.nsteps;
	ck_assert_uint_ge(nsteps, 2);
	for (n = 1; n <= nsteps; n++) {
		if (n > 1) {
			tu_lab_free(lab, dir);
			lab = tu_lab_new(dir, sizeof(dir));
			make_pair(CASE_FLAVOR(_i));
			break_as(v);
		}
		ck_assert_int_eq(lab_close(lab, NULL), 0);
		lab = NULL;
		fflush(stdout);
		pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0)
			child_repair(n);
		ck_assert_int_eq(waitpid(pid, &status, 0), pid);
		ck_assert_msg(WIFSIGNALED(status) &&
				      WTERMSIG(status) == SIGABRT,
			      "%s, abort after %zu: child status 0x%x",
			      diag_verdict_name(v), n, status);
		ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
		rebind();
		/* the journal still says step n runs next */
		ck_assert_int_eq(
			lab_journal_get(lab, "RESOURCE", "ACCOUNTS", &j, NULL),
			0);
		ck_assert_uint_eq(j.nsteps, nsteps);
		ck_assert_uint_eq(j.next, n - 1);
		ck_assert_str_eq(j.verdict, diag_verdict_name(v));
		/* a password only for plans that set one */
		if (v == DIAG_ACCOUNT_DISABLED || v == DIAG_ROTATION_PENDING) {
			ck_assert_int_eq(j.generated, 0);
			ck_assert_uint_eq(j.pw_len, 0);
		} else {
			ck_assert_int_eq(j.generated, 1);
			ck_assert_uint_eq(j.pw_len, ROTATE_PASSWORD_LEN);
		}
		rec_journal_wipe(&j);
		/* the same repair again finishes the job */
		memset(&o, 0, sizeof(o));
		memset(&p, 0, sizeof(p));
		p.next = (int)(n - 1);
		ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o,
					    &rr, on_step, &p, NULL),
				 0);
		ck_assert_msg(rr.done == 1 && rr.status == 0,
			      "%s, abort after %zu: %s", diag_verdict_name(v),
			      n, rr.why);
		ck_assert_int_eq(rr.resumed, 1);
		ck_assert_uint_eq(rr.resumed_at, n - 1);
		ck_assert_str_eq(rr.begun_for, diag_verdict_name(v));
		ck_assert_int_eq(p.bad, 0);
		ck_assert_int_eq(p.ends, (int)(nsteps - (n - 1)));
		ck_assert_msg(diagnose(NULL) == DIAG_HEALTHY,
			      "%s, abort after %zu: %s", diag_verdict_name(v),
			      n, diag_verdict_name(diagnose(NULL)));
		ck_assert_msg(logon_alice() == 0, "%s, abort after %zu",
			      diag_verdict_name(v), n);
		ck_assert_int_eq(journal_exists(), 0);
	}
}
END_TEST

/*
 * A step that fails stops the repair, reports the step and removes the
 * journal; once the cause is gone a new repair starts from a new diagnosis.
 */
START_TEST(test_failing_step)
{
	struct repair_result rr;
	struct repair_opts o;
	struct trust_verify_result tv;
	pid_t pid;
	int status, v;

	make_pair(_i ? REC_FLAVOR_SAMBA : REC_FLAVOR_NT4);
	break_as(DIAG_PASSWORD_MISMATCH);
	/* interrupted after the trusting half was removed */
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	lab = NULL;
	fflush(stdout);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		child_repair(1);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	rebind();
	/* then the accounts PDC went off the network */
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 1, NULL), 0);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL,
				    NULL, NULL),
			 0);
	ck_assert_int_eq(rr.resumed, 1);
	ck_assert_int_eq(rr.done, 0);
	ck_assert_uint_ne(rr.status, 0);
	ck_assert_msg(strncmp(rr.why, "step ", 5) == 0, "%s", rr.why);
	ck_assert_int_eq(journal_exists(), 0);
	/* back online: whatever is left is repaired (or already fine) */
	ck_assert_int_eq(lab_set_offline(lab, "ACCOUNTS", 0, NULL), 0);
	ck_assert_int_eq(repair_run(lab, "RESOURCE", "ACCOUNTS", &o, &rr, NULL,
				    NULL, NULL),
			 0);
	ck_assert_int_eq(rr.resumed, 0);
	ck_assert(rr.done == 1 || rr.nothing_to_do == 1);
	v = diagnose(NULL);
	ck_assert_str_eq(diag_verdict_name(v), "healthy");
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &tv, NULL),
			 0);
	ck_assert_uint_eq(tv.status, 0);
	ck_assert_uint_eq(logon_alice(), 0);
}
END_TEST

Suite *repair_suite(void);

Suite *
repair_suite(void)
{
	Suite *s = suite_create("repair");
	TCase *tc = tcase_create("repair");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_repair_each_verdict, 0, 2 * NREPAIRABLE);
	tcase_add_loop_test(tc, test_dry_run, 0, 2 * NREPAIRABLE);
	tcase_add_test(tc, test_dry_run_keeps_the_generator);
	tcase_add_loop_test(tc, test_healthy_nothing_to_do, 0, 2);
	tcase_add_loop_test(tc, test_refused, 0, 2);
	tcase_add_loop_test(tc, test_given_password, 0, 2 * NREPAIRABLE);
	tcase_add_loop_test(tc, test_unusable_password, 0, 3);
	tcase_add_loop_test(tc, test_crash_after_every_step, 0,
			    2 * NREPAIRABLE);
	tcase_add_loop_test(tc, test_failing_step, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
