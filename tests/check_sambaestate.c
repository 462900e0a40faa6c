/*
 * tests/check_sambaestate.c - every trust among many Samba private
 * directories (migrate/sambaestate.c) on the fixtures of tests/data/samba/
 * (Samba 4.17's record layouts): each two-sided trust gives exactly the
 * view and verdict of the pair mode (sambaview_identify + sambaview_load +
 * diag_run), one-sided trusts their one-half verdicts, the errors (no
 * directory, a domain twice, a missing file, a bad index), the verdict
 * names, and failed allocations.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "migrate/sambaestate.h"
#include "migrate/sambaview.h"
#include "nt4/diag.h"

Suite *sambaestate_suite(void);

#define FIX TEST_DATA_DIR "/samba/"

static const char *const two_sided[] = {
	"healthy",
	"password-mismatch",
	"trust-account-disabled",
	"trust-account-wrong-type",
	"sid-mismatch",
	"trusted-side-missing",
	"trusting-side-missing",
	"two-way",
};

static struct sambaestate *
load2(const char *a, const char *b)
{
	struct sambaestate *e = NULL;
	const char *dirs[2] = { a, b };
	struct errinfo ei;
	int r;

	err_clear(&ei);
	r = sambaestate_load(&e, dirs, b != NULL ? 2 : 1, &ei);
	ck_assert_msg(r == 0, "%s %s: %s", a, b ? b : "", ei.msg);
	return e;
}

/* Each trust: the same view and verdict as the pair mode. */
START_TEST(test_same_as_pair)
{
	char res[256], acc[256];
	struct sambaview_domain dt, dd;
	struct sambaestate_trust t;
	struct sambaestate *e;
	struct diag_result dr;
	struct view v;
	const char *name = two_sided[_i];
	size_t i, n;

	snprintf(res, sizeof(res), FIX "%s/RESOURCE", name);
	snprintf(acc, sizeof(acc), FIX "%s/ACCOUNTS", name);
	e = load2(acc, res);
	ck_assert_uint_eq(sambaestate_domains(e), 2);
	n = sambaestate_count(e);
	ck_assert_uint_eq(n, strcmp(name, "two-way") == 0 ? 2 : 1);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sambaestate_diagnose(e, i, &t, NULL), 0);
		ck_assert_int_eq(t.one_sided, 0);
		ck_assert_str_eq(t.not_given, "");
		if (strcmp(t.trusting, "RESOURCE") == 0) {
			ck_assert_int_eq(
				sambaview_identify(&dt, res, NULL, NULL, NULL),
				0);
			ck_assert_int_eq(
				sambaview_identify(&dd, acc, NULL, NULL, NULL),
				0);
		} else {
			ck_assert_int_eq(
				sambaview_identify(&dt, acc, NULL, NULL, NULL),
				0);
			ck_assert_int_eq(
				sambaview_identify(&dd, res, NULL, NULL, NULL),
				0);
		}
		ck_assert_str_eq(t.trusting, dt.name);
		ck_assert_str_eq(t.trusted, dd.name);
		ck_assert_int_eq(sambaview_load(&v, &dt, &dd, NULL), 0);
		diag_run(&v, &dr);
		ck_assert(memcmp(&v, &t.view, sizeof(v)) == 0);
		ck_assert_int_eq(t.verdict, dr.verdict);
		ck_assert_int_eq(t.diag.match, dr.match);
		ck_assert_str_eq(t.diag.summary, dr.summary);
		if (strcmp(name, "two-way") == 0)
			ck_assert_str_eq(diag_verdict_name(t.verdict),
					 "healthy");
		else
			ck_assert_str_eq(diag_verdict_name(t.verdict), name);
		view_wipe(&v);
		sambaestate_trust_wipe(&t);
	}
	/* ordered by trusting, then trusted name */
	if (n == 2) {
		ck_assert_int_eq(sambaestate_diagnose(e, 0, &t, NULL), 0);
		ck_assert_str_eq(t.trusting, "ACCOUNTS");
		sambaestate_trust_wipe(&t);
	}
	sambaestate_free(e);
}
END_TEST

START_TEST(test_no_trust)
{
	struct sambaestate *e;

	e = load2(FIX "no-trust/RESOURCE", FIX "no-trust/ACCOUNTS");
	ck_assert_uint_eq(sambaestate_count(e), 0);
	sambaestate_free(e);
}
END_TEST

START_TEST(test_one_sided)
{
	struct sambaestate_trust t;
	struct sambaestate *e;

	/* the trusted half alone: a disabled trust account */
	e = load2(FIX "trust-account-disabled/ACCOUNTS", NULL);
	ck_assert_uint_eq(sambaestate_count(e), 1);
	ck_assert_int_eq(sambaestate_diagnose(e, 0, &t, NULL), 0);
	ck_assert_int_eq(t.one_sided, 1);
	ck_assert_str_eq(t.trusting, "RESOURCE");
	ck_assert_str_eq(t.not_given, "RESOURCE");
	ck_assert_str_eq(t.checked_half, "ACCOUNTS");
	ck_assert_int_eq(t.verdict, DIAG_ACCOUNT_DISABLED);
	ck_assert_int_eq(t.view.trusting.known, 0);
	ck_assert_int_eq(t.view.trusted.known, 1);
	ck_assert_int_eq(t.view.trusted.has_account, 1);
	ck_assert_str_eq(t.view.trusted.account, "RESOURCE$");
	ck_assert_uint_eq(t.diag.nsteps, 1);
	ck_assert_ptr_nonnull(strstr(t.diag.summary, "RESOURCE not given: "
						     "only the ACCOUNTS half "
						     "was checked"));
	sambaestate_trust_wipe(&t);
	sambaestate_free(e);
	/* a healthy trusted half: unchecked */
	e = load2(FIX "healthy/ACCOUNTS", NULL);
	ck_assert_int_eq(sambaestate_diagnose(e, 0, &t, NULL), 0);
	ck_assert_int_eq(t.verdict, SAMBAESTATE_UNCHECKED);
	ck_assert_int_eq(t.diag.match, DIAG_MATCH_UNKNOWN);
	sambaestate_trust_wipe(&t);
	sambaestate_free(e);
	/* the trusting half alone */
	e = load2(FIX "healthy/RESOURCE", NULL);
	ck_assert_uint_eq(sambaestate_count(e), 1);
	ck_assert_int_eq(sambaestate_diagnose(e, 0, &t, NULL), 0);
	ck_assert_int_eq(t.verdict, SAMBAESTATE_UNCHECKED);
	ck_assert_str_eq(t.not_given, "ACCOUNTS");
	ck_assert_int_eq(t.view.trusting.known, 1);
	ck_assert_int_eq(t.view.trusting.has_tdo, 1);
	ck_assert_int_eq(t.view.trusted.known, 0);
	ck_assert_str_eq(t.view.trusted.name, "ACCOUNTS");
	sambaestate_trust_wipe(&t);
	/* a bad index */
	ck_assert_int_eq(sambaestate_diagnose(e, 1, &t, NULL), ERR_RANGE);
	sambaestate_free(e);
	/* a workstation account is no trusted half: no trust at all */
	e = load2(FIX "trust-account-wrong-type/ACCOUNTS", NULL);
	ck_assert_uint_eq(sambaestate_count(e), 0);
	sambaestate_free(e);
}
END_TEST

START_TEST(test_errors)
{
	const char *dup[3] = { FIX "healthy/ACCOUNTS", FIX "healthy/RESOURCE",
			       FIX "two-way/ACCOUNTS" };
	const char *missing[2] = { FIX "healthy/ACCOUNTS",
				   FIX "healthy/NOWHERE" };
	struct sambaestate *e = NULL;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(sambaestate_load(&e, dup, 0, &ei), ERR_INVALID);
	ck_assert_ptr_null(e);
	err_clear(&ei);
	ck_assert_int_eq(sambaestate_load(&e, dup, 3, &ei), ERR_INVALID);
	ck_assert_ptr_null(e);
	ck_assert_ptr_nonnull(strstr(ei.msg, "domain ACCOUNTS is in two "
					     "directories: " FIX
					     "healthy/ACCOUNTS and " FIX
					     "two-way/ACCOUNTS"));
	err_clear(&ei);
	ck_assert_int_eq(sambaestate_load(&e, missing, 2, &ei), ERR_NOTFOUND);
	ck_assert_ptr_nonnull(strstr(ei.msg, "NOWHERE/secrets.tdb"));
	sambaestate_free(NULL);
}
END_TEST

START_TEST(test_names)
{
	int v;

	for (v = 0; v <= SAMBAESTATE_UNCHECKED; v++)
		ck_assert_int_eq(
			sambaestate_verdict_parse(sambaestate_verdict_name(v)),
			v);
	ck_assert_str_eq(sambaestate_verdict_name(SAMBAESTATE_UNCHECKED),
			 "unchecked");
	ck_assert_int_eq(sambaestate_verdict_parse("nonsense"), -1);
}
END_TEST

/* Every allocation failing in turn: ERR_NOMEM, never a crash or a leak. */
START_TEST(test_alloc_failures)
{
	const char *dirs[2] = { FIX "two-way/ACCOUNTS",
				FIX "two-way/RESOURCE" };
	struct sambaestate *e;
	struct sambaestate_trust t;
	int r, fired;
	long k;

	for (k = 0;; k++) {
		ck_assert_int_lt(k, 2000);
		e = NULL;
		mem_fail_after(k);
		r = sambaestate_load(&e, dirs, 2, NULL);
		if (r == 0)
			r = sambaestate_diagnose(e, 1, &t, NULL);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		if (!fired) {
			ck_assert_int_eq(r, 0);
			ck_assert_int_eq(t.verdict, DIAG_HEALTHY);
			sambaestate_trust_wipe(&t);
			sambaestate_free(e);
			break;
		}
		ck_assert_int_ne(r, 0);
		sambaestate_free(e);
	}
	ck_assert_int_gt(k, 0);
}
END_TEST

Suite *
sambaestate_suite(void)
{
	Suite *s = suite_create("sambaestate");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_same_as_pair, 0,
			    (int)(sizeof(two_sided) / sizeof(two_sided[0])));
	tcase_add_test(tc, test_no_trust);
	tcase_add_test(tc, test_one_sided);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);
	return s;
}
