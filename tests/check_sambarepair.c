/*
 * tests/check_sambarepair.c - the offline samba repair
 * (migrate/sambarepair.c) on copies of the Samba classic fixtures of
 * tests/data/samba/: every repairable state ends healthy with the password
 * in both files, healthy pairs and dry runs write nothing, no trust is
 * refused, every step is harmless to run twice, a journal left by a crash
 * is resumed with its own password, a failing verify removes the journal,
 * the password rules, and failed allocations at every point (each leaves
 * the files repairable by the next run).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/ntlm.h"
#include "migrate/sambarepair.h"
#include "migrate/sambaview.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "nt4/diag.h"
#include "nt4/lab.h"
#include "nt4/store.h"
#include "testutil.h"

Suite *sambarepair_suite(void);

#define PW "Tru5t-Pa55w0rd"

static char dir[64];
static char rdir[128], adir[128];
static struct sambaview_domain T, D;

static void
copy_file(const char *from, const char *to)
{
	uint8_t *p;
	size_t n;
	FILE *f;

	p = tu_read_file(from, &n);
	ck_assert_msg(p != NULL, "cannot read %s", from);
	f = fopen(to, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(p, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(to, 0600), 0);
	free(p);
}

/* A fresh copy of the fixture state; T and D identified from it. */
static void
fixture(const char *state)
{
	static const char *const files[] = { "secrets.tdb", "passdb.tdb" };
	static const char *const doms[] = { "RESOURCE", "ACCOUNTS" };
	char from[512], to[512];
	size_t i, k;

	for (k = 0; k < 2; k++) {
		snprintf(to, sizeof(to), "%s/%s", dir, doms[k]);
		mkdir(to, 0700);
		for (i = 0; i < 2; i++) {
			snprintf(from, sizeof(from), "%s/samba/%s/%s/%s",
				 TEST_DATA_DIR, state, doms[k], files[i]);
			snprintf(to, sizeof(to), "%s/%s/%s", dir, doms[k],
				 files[i]);
			copy_file(from, to);
		}
	}
	snprintf(to, sizeof(to), "%s/RESOURCE/%s", dir,
		 SAMBAREPAIR_JOURNAL_FILE);
	unlink(to);
	ck_assert_int_eq(sambaview_identify(&T, rdir, NULL, NULL, NULL), 0);
	ck_assert_int_eq(sambaview_identify(&D, adir, NULL, NULL, NULL), 0);
	ck_assert_str_eq(T.name, "RESOURCE");
	ck_assert_str_eq(D.name, "ACCOUNTS");
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/nt4trust-srepair-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(rdir, sizeof(rdir), "%s/RESOURCE", dir);
	snprintf(adir, sizeof(adir), "%s/ACCOUNTS", dir);
}

static void
teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The four database files, concatenated (to compare before/after). */
static uint8_t *
snapshot(size_t *len)
{
	static const char *const rel[] = { "RESOURCE/secrets.tdb",
					   "RESOURCE/passdb.tdb",
					   "ACCOUNTS/secrets.tdb",
					   "ACCOUNTS/passdb.tdb" };
	uint8_t *all = NULL, *p;
	char path[256];
	size_t i, n, tot = 0;

	for (i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, rel[i]);
		p = tu_read_file(path, &n);
		ck_assert_ptr_nonnull(p);
		all = realloc(all, tot + n);
		ck_assert_ptr_nonnull(all);
		memcpy(all + tot, p, n);
		tot += n;
		free(p);
	}
	*len = tot;
	return all;
}

static int
journal_exists(void)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", rdir, SAMBAREPAIR_JOURNAL_FILE);
	return access(path, F_OK) == 0;
}

static int
verdict(void)
{
	struct diag_result res;
	struct view v;

	ck_assert_int_eq(sambaview_load(&v, &T, &D, NULL), 0);
	diag_run(&v, &res);
	view_wipe(&v);
	return res.verdict;
}

/* Both halves hold password pw. */
static void
assert_password(const char *pw)
{
	struct secretsdb_trust t;
	struct secretsdb *s = NULL;
	struct tdbsam_user u;
	struct tdbsam *sam = NULL;
	char path[256];
	uint8_t h[16];

	snprintf(path, sizeof(path), "%s/secrets.tdb", rdir);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_get(s, "ACCOUNTS", &t, NULL), 0);
	ck_assert_str_eq(t.password, pw);
	ck_assert(sid_equal(&t.sid, &D.sid));
	secretsdb_trust_wipe(&t);
	secretsdb_close(s);
	snprintf(path, sizeof(path), "%s/passdb.tdb", adir);
	ck_assert_int_eq(tdbsam_open(&sam, path, 0, NULL), 0);
	ck_assert_int_eq(tdbsam_find(sam, "RESOURCE$", &u, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash(pw, h, NULL), 0);
	ck_assert(u.has_nt && crypto_equal(u.nt_hash, h, 16));
	ck_assert_uint_eq(u.acct_ctrl, TDBSAM_ACB_DOMTRUST);
	tdbsam_user_wipe(&u);
	tdbsam_close(sam);
}

static const char *const broken[] = {
	"trusted-side-missing",	  "trusting-side-missing",
	"password-mismatch",	  "sid-mismatch",
	"trust-account-disabled", "trust-account-wrong-type",
};

START_TEST(test_repair_states)
{
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { PW, 0 };
	struct errinfo ei;
	uint8_t *a, *b;
	size_t na, nb;

	ck_assert_ptr_nonnull(res);
	fixture(broken[_i]);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, &ei), 0);
	ck_assert_str_eq(diag_verdict_name(res->diag.verdict), broken[_i]);
	ck_assert(res->done && !res->nothing_to_do && !res->refused &&
		  !res->resumed && !res->generated && !res->failed);
	ck_assert_uint_eq(res->nplan, SAMBAREPAIR_STEPS);
	ck_assert_uint_eq(res->nrestart, 1);
	ck_assert_str_eq(res->restart[0].pdc_domain, "RESOURCE");
	ck_assert_str_eq(res->restart[0].daemon, "winbindd");
	ck_assert(!journal_exists());
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	assert_password(PW);
	sambarepair_result_wipe(res);
	/* again: nothing to do, nothing written */
	a = snapshot(&na);
	o.password = "Other-Pa55w0rd";
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	ck_assert(res->nothing_to_do && !res->done);
	b = snapshot(&nb);
	ck_assert(na == nb && memcmp(a, b, na) == 0);
	free(a);
	free(b);
	free(res);
}
END_TEST

/* healthy, two-way, no-trust and dry runs write nothing */
START_TEST(test_no_change)
{
	static const char *const states[] = { "healthy", "two-way", "no-trust",
					      "password-mismatch" };
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { NULL, 0 };
	uint8_t *a, *b;
	size_t na, nb;

	ck_assert_ptr_nonnull(res);
	fixture(states[_i]);
	o.dry_run = _i == 3;
	a = snapshot(&na);
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	b = snapshot(&nb);
	ck_assert(na == nb && memcmp(a, b, na) == 0);
	ck_assert(!journal_exists());
	ck_assert(!res->done);
	switch (_i) {
	case 0:
	case 1:
		ck_assert(res->nothing_to_do && !res->refused);
		break;
	case 2:
		ck_assert(res->refused && !res->nothing_to_do);
		ck_assert(strstr(res->why, "no trust to repair") != NULL);
		break;
	default: /* the dry run: the plan, a password to be generated */
		ck_assert(!res->refused && !res->nothing_to_do);
		ck_assert_uint_eq(res->nplan, SAMBAREPAIR_STEPS);
		ck_assert(res->generated);
		ck_assert_str_eq(res->password, "");
		ck_assert_int_eq(res->plan[0].kind,
				 DIAG_STEP_REMOVE_TRUSTING_HALF);
		ck_assert_str_eq(res->plan[0].key,
				 "SECRETS/$DOMTRUST.ACC/ACCOUNTS");
		ck_assert(strstr(res->plan[1].file, "ACCOUNTS/passdb.tdb"));
		ck_assert_str_eq(res->plan[2].key,
				 "USER_resource$, RID_<new RID>, NEXT_RID");
		ck_assert_int_eq(res->plan[4].kind, DIAG_STEP_VERIFY);
		ck_assert_str_eq(res->plan[4].file, "");
		break;
	}
	free(a);
	free(b);
	free(res);
}
END_TEST

/* a generated password: 32 printable characters, in both files */
START_TEST(test_generated)
{
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { NULL, 0 };
	char pw[64];
	size_t i;

	ck_assert_ptr_nonnull(res);
	fixture("password-mismatch");
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	ck_assert(res->done && res->generated);
	ck_assert_uint_eq(strlen(res->password), 32);
	for (i = 0; i < 32; i++)
		ck_assert(res->password[i] > 0x20 && res->password[i] < 0x7f);
	mem_strlcpy(pw, res->password, sizeof(pw));
	assert_password(pw);
	sambarepair_result_wipe(res);
	ck_assert_str_eq(res->password, "");
	free(res);
}
END_TEST

/* each step twice in a row gives what once gives */
START_TEST(test_steps_idempotent)
{
	static const int kinds[] = { DIAG_STEP_REMOVE_TRUSTING_HALF,
				     DIAG_STEP_REMOVE_TRUSTED_HALF,
				     DIAG_STEP_PERMIT, DIAG_STEP_ADD,
				     DIAG_STEP_VERIFY };
	struct errinfo ei;
	uint8_t *a, *b;
	size_t i, na, nb;

	fixture("trust-account-wrong-type");
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_step(DIAG_STEP_VERIFY, &T, &D, PW, &ei),
			 ERR_WRONGSTATE);
	ck_assert(strstr(ei.msg, "still trust-account-wrong-type") != NULL);
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(sambarepair_step(kinds[i], &T, &D, PW, NULL),
				 0);
		a = snapshot(&na);
		if (kinds[i] == DIAG_STEP_REMOVE_TRUSTING_HALF ||
		    kinds[i] == DIAG_STEP_REMOVE_TRUSTED_HALF ||
		    kinds[i] == DIAG_STEP_VERIFY) {
			ck_assert_int_eq(
				sambarepair_step(kinds[i], &T, &D, PW, NULL),
				0);
			b = snapshot(&nb);
			ck_assert(na == nb && memcmp(a, b, na) == 0);
			free(b);
		} else {
			/* written again: the same password and RID */
			ck_assert_int_eq(
				sambarepair_step(kinds[i], &T, &D, PW, NULL),
				0);
		}
		free(a);
	}
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	assert_password(PW);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_step(99, &T, &D, PW, &ei), ERR_INTERNAL);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_step(DIAG_STEP_PERMIT, &T, &D,
					  "n\xc3\xa4"
					  "ive",
					  &ei),
			 ERR_INVALID);
}
END_TEST

/* Write a journal as a run that crashed before step next would leave it. */
static void
journal_put(const char *verdict_name, uint8_t next, const char *pw)
{
	static const int kinds[] = { DIAG_STEP_REMOVE_TRUSTING_HALF,
				     DIAG_STEP_REMOVE_TRUSTED_HALF,
				     DIAG_STEP_PERMIT, DIAG_STEP_ADD,
				     DIAG_STEP_VERIFY };
	struct rec_journal j;
	struct store *st = NULL;
	char path[256];
	size_t i;

	memset(&j, 0, sizeof(j));
	mem_strlcpy(j.trusting, "RESOURCE", sizeof(j.trusting));
	mem_strlcpy(j.trusted, "ACCOUNTS", sizeof(j.trusted));
	mem_strlcpy(j.verdict, verdict_name, sizeof(j.verdict));
	j.nsteps = 5;
	for (i = 0; i < 5; i++)
		j.steps[i] = (uint8_t)kinds[i];
	j.next = next;
	mem_strlcpy(j.password, pw, sizeof(j.password));
	j.pw_len = (uint16_t)strlen(pw);
	ck_assert_int_eq(
		sambarepair_journal_path(path, sizeof(path), rdir, NULL), 0);
	if (store_open(&st, path, 0, NULL) != 0)
		ck_assert_int_eq(store_open(&st, path, STORE_CREATE, NULL), 0);
	ck_assert_int_eq(lab_journal_store_put(st, &j, NULL), 0);
	store_close(st);
}

START_TEST(test_resume)
{
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { "Not-Used-1", 0 };
	struct stat sb;
	char path[256];

	ck_assert_ptr_nonnull(res);
	fixture("trusted-side-missing");
	/* steps 1 and 2 ran, then the crash */
	ck_assert_int_eq(sambarepair_step(DIAG_STEP_REMOVE_TRUSTING_HALF, &T,
					  &D, PW, NULL),
			 0);
	journal_put("trusted-side-missing", 1, PW);
	ck_assert_int_eq(sambarepair_step(DIAG_STEP_REMOVE_TRUSTED_HALF, &T, &D,
					  PW, NULL),
			 0);
	snprintf(path, sizeof(path), "%s/%s", rdir, SAMBAREPAIR_JOURNAL_FILE);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0600);
	/* a dry run shows the rest, changes nothing */
	o.dry_run = 1;
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	ck_assert(res->resumed && !res->done);
	ck_assert_uint_eq(res->resumed_at, 1);
	ck_assert_str_eq(res->begun_for, "trusted-side-missing");
	o.dry_run = 0;
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	ck_assert(res->resumed && res->done && !res->generated);
	ck_assert_uint_eq(res->resumed_at, 1);
	ck_assert_int_eq(res->diag.verdict, DIAG_NO_TRUST);
	ck_assert(!journal_exists());
	assert_password(PW); /* the journal's, not the one given */
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	free(res);
}
END_TEST

/* a verify that fails: the step is named, the journal removed */
START_TEST(test_verify_fails)
{
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { NULL, 0 };
	struct errinfo ei;

	ck_assert_ptr_nonnull(res);
	fixture("password-mismatch");
	journal_put("password-mismatch", 4, PW);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, &ei),
			 ERR_WRONGSTATE);
	ck_assert(res->failed && !res->done);
	ck_assert_uint_eq(res->failed_at, 4);
	ck_assert(strstr(ei.msg, "samba repair step 5 (verify): ") != NULL);
	ck_assert(strstr(ei.msg, "still password-mismatch") != NULL);
	ck_assert(!journal_exists());
	/* the next run starts from a new diagnosis and repairs */
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
	ck_assert(res->done && !res->resumed);
	ck_assert_int_eq(verdict(), DIAG_HEALTHY);
	/* a journal of another plan is refused, named */
	journal_put("password-mismatch", 5, PW);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_run(&T, &D, &o, res, NULL, NULL, &ei),
			 ERR_FORMAT);
	ck_assert(strstr(ei.msg, SAMBAREPAIR_JOURNAL_FILE) != NULL);
	free(res);
}
END_TEST

START_TEST(test_password_check)
{
	char big[SECRETSDB_PASS_MAX + 2];
	struct errinfo ei;

	ck_assert_int_eq(sambarepair_password_check(PW, NULL), 0);
	ck_assert_int_eq(sambarepair_password_check("a b~!", NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_password_check("", &ei), ERR_INVALID);
	ck_assert(strstr(ei.msg, "empty") != NULL);
	ck_assert_int_eq(sambarepair_password_check(NULL, NULL), ERR_INVALID);
	err_clear(&ei);
	ck_assert_int_eq(sambarepair_password_check("Pa\xc3\x9f", &ei),
			 ERR_INVALID);
	ck_assert(strstr(ei.msg, "not ASCII") != NULL);
	ck_assert(strstr(ei.msg, "Pa") == NULL); /* never the password */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(sambarepair_password_check(big, NULL), ERR_INVALID);
	big[SECRETSDB_PASS_MAX] = '\0';
	ck_assert_int_eq(sambarepair_password_check(big, NULL), 0);
}
END_TEST

START_TEST(test_journal_path)
{
	char buf[64], longdir[200];

	ck_assert_int_eq(
		sambarepair_journal_path(buf, sizeof(buf), "/x/y", NULL), 0);
	ck_assert_str_eq(buf, "/x/y/nt4trust-repair.tdb");
	memset(longdir, 'd', sizeof(longdir) - 1);
	longdir[sizeof(longdir) - 1] = '\0';
	ck_assert_int_eq(
		sambarepair_journal_path(buf, sizeof(buf), longdir, NULL),
		ERR_RANGE);
}
END_TEST

/*
 * Failed allocations at every point: the run fails cleanly, and the next
 * run (resuming or starting afresh) ends healthy.
 */
START_TEST(test_failalloc)
{
	struct sambarepair_result *res = calloc(1, sizeof(*res));
	struct sambarepair_opts o = { PW, 0 };
	int k, r, fired;

	ck_assert_ptr_nonnull(res);
	for (k = 0;; k++) {
		ck_assert_int_lt(k, 2000);
		fixture("password-mismatch");
		mem_fail_after(k);
		r = sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		if (!fired) {
			ck_assert_int_eq(r, 0);
			ck_assert(res->done);
			break;
		}
		ck_assert_int_ne(r, 0);
		ck_assert_int_eq(
			sambarepair_run(&T, &D, &o, res, NULL, NULL, NULL), 0);
		ck_assert(res->done || res->nothing_to_do);
		ck_assert_int_eq(verdict(), DIAG_HEALTHY);
		ck_assert(!journal_exists());
	}
	ck_assert_int_gt(k, 0);
	free(res);
}
END_TEST

Suite *
sambarepair_suite(void)
{
	Suite *s = suite_create("sambarepair");
	TCase *tc = tcase_create("sambarepair");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_repair_states, 0,
			    (int)(sizeof(broken) / sizeof(broken[0])));
	tcase_add_loop_test(tc, test_no_change, 0, 4);
	tcase_add_test(tc, test_generated);
	tcase_add_test(tc, test_steps_idempotent);
	tcase_add_test(tc, test_resume);
	tcase_add_test(tc, test_verify_fails);
	tcase_add_test(tc, test_password_check);
	tcase_add_test(tc, test_journal_path);
	tcase_add_test(tc, test_failalloc);
	suite_add_tcase(s, tc);
	return s;
}
