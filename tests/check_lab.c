/*
 * tests/check_lab.c - the lab (nt4/lab.c, nt4/domain.c): creation rules
 * for the directory, the clock, the reproducible RNG position persisted in
 * lab.tdb, domain create/open/delete and their errors.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/err.h"
#include "common/rng.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "testutil.h"

static char dir[512];
static struct lab *lab;

static void
setup(void)
{
	lab = tu_lab_new(dir, sizeof(dir));
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

START_TEST(test_clock_and_files)
{
	char p[600];
	struct stat st;

	ck_assert_uint_eq(lab_now(lab), LAB_EPOCH);
	snprintf(p, sizeof(p), "%s/lab.tdb", dir);
	ck_assert_int_eq(stat(p, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0700);
}
END_TEST

/* Two fresh labs draw the same SIDs: the RNG is seeded and persisted. */
START_TEST(test_reproducible)
{
	char dir2[512];
	struct lab *l2;
	struct domain *a, *b;
	struct domain_opts o;
	uint8_t x[8], y[8];

	memset(&o, 0, sizeof(o));
	l2 = tu_lab_new(dir2, sizeof(dir2));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &a, NULL), 0);
	ck_assert_int_eq(domain_create(l2, "ACCOUNTS", &o, &b, NULL), 0);
	ck_assert(sid_equal(&a->rec.sid, &b->rec.sid));
	ck_assert(sid_is_domain(&a->rec.sid));
	/* close and reopen: the generator continues, it does not restart */
	ck_assert_int_eq(rng_bytes(lab_rng(lab), x, 8), 0);
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	ck_assert_int_eq(rng_bytes(lab_rng(l2), y, 8), 0);
	ck_assert_int_eq(memcmp(x, y, 8), 0);
	ck_assert_int_eq(rng_bytes(lab_rng(lab), y, 8), 0);
	ck_assert_int_ne(memcmp(x, y, 8), 0);
	tu_lab_free(l2, dir2);
}
END_TEST

/*
 * What is left of a lease at close is drawn by the next lab_open of the
 * same lab in the same process (no second lease), never by a forked child
 * (it inherits the record of it but must lease blocks of its own).
 */
START_TEST(test_lease_resumed)
{
	struct domain *a;
	struct domain_opts o;
	uint8_t x[8];
	uint64_t c1, reserved;
	pid_t pid;
	int status;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &a, NULL), 0);
	ck_assert_int_eq(rng_bytes(lab_rng(lab), x, 8), 0);
	c1 = lab_rng(lab)->counter;
	reserved = lab_rng(lab)->limit;
	ck_assert_uint_gt(reserved, c1);
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	/* the same range: no new lease, lab.tdb's position unchanged */
	ck_assert_uint_eq(lab_rng(lab)->counter, c1);
	ck_assert_uint_eq(lab_rng(lab)->limit, reserved);
	ck_assert_uint_eq(lab_rng_reserved(lab), reserved);
	ck_assert_int_eq(rng_bytes(lab_rng(lab), x, 8), 0);
	ck_assert_uint_eq(lab_rng(lab)->counter, c1 + 1);
	ck_assert_int_eq(lab_close(lab, NULL), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* the child leases the next range: exit 0 if so */
		if (lab_open(&lab, dir, 0, NULL) != 0 ||
		    lab_rng(lab)->counter != reserved ||
		    rng_bytes(lab_rng(lab), x, 8) != 0 ||
		    lab_rng(lab)->counter != reserved + 1 ||
		    lab_close(lab, NULL) != 0)
			_exit(1);
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	/* the parent goes on in its own range; lab.tdb moved past both */
	ck_assert_int_eq(lab_open(&lab, dir, 0, NULL), 0);
	ck_assert_uint_eq(lab_rng(lab)->counter, c1 + 1);
	ck_assert_uint_gt(lab_rng_reserved(lab), reserved);
}
END_TEST

START_TEST(test_domain_errors)
{
	struct domain_opts o;
	struct domain *d = NULL;
	struct errinfo ei;
	struct sid sid;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &d, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(domain_create(lab, "Accounts", &o, &d, &ei),
			 ERR_EXISTS);
	ck_assert_msg(strstr(ei.msg, "domain ACCOUNTS already exists in lab") !=
			      NULL,
		      "%s", ei.msg);
	ck_assert_int_eq(sid_parse(&sid, "S-1-5-32-544", NULL), 0);
	o.sid = &sid;
	err_clear(&ei);
	ck_assert_int_eq(domain_create(lab, "OTHER", &o, &d, &ei), ERR_INVALID);
	ck_assert_int_eq(lab_domain_exists(lab, "OTHER"), 0);
	err_clear(&ei);
	ck_assert_int_eq(lab_domain(lab, "NOSUCH", &d, &ei), ERR_NOTFOUND);
	ck_assert_msg(strncmp(ei.msg, "no domain NOSUCH in lab ", 24) == 0,
		      "%s", ei.msg);
	ck_assert_int_eq(domain_delete(lab, "accounts", NULL), 0);
	ck_assert_int_eq(lab_domain_exists(lab, "ACCOUNTS"), 0);
	ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), ERR_NOTFOUND);
}
END_TEST

START_TEST(test_not_a_lab)
{
	char p[600];
	struct lab *l = NULL;
	struct errinfo ei;
	FILE *f;

	snprintf(p, sizeof(p), "%s/../other", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/../other/x", dir);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	snprintf(p, sizeof(p), "%s/../other", dir);
	err_clear(&ei);
	ck_assert_int_eq(lab_open(&l, p, LAB_CREATE, &ei), ERR_INVALID);
	ck_assert_msg(strstr(ei.msg, "is not an nt4trust lab") != NULL, "%s",
		      ei.msg);
	snprintf(p, sizeof(p), "%s/../missing", dir);
	err_clear(&ei);
	ck_assert_int_eq(lab_open(&l, p, 0, &ei), ERR_NOTFOUND);
}
END_TEST

Suite *lab_suite(void);

Suite *
lab_suite(void)
{
	Suite *s = suite_create("lab");
	TCase *tc = tcase_create("lab");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clock_and_files);
	tcase_add_test(tc, test_reproducible);
	tcase_add_test(tc, test_lease_resumed);
	tcase_add_test(tc, test_domain_errors);
	tcase_add_test(tc, test_not_a_lab);
	suite_add_tcase(s, tc);
	return s;
}
