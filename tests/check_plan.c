/*
 * tests/check_plan.c - the live repair plan (nt4/plan.c): KB Q207957 order
 * and PDCs for both targets, the Samba workarounds, no password anywhere,
 * bad targets refused.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/sid.h"
#include "nt4/diag.h"
#include "nt4/plan.h"

Suite *plan_suite(void);

static void
side(struct plan_domain *s, const char *name, const char *pdc)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->name, name);
	strcpy(s->pdc, pdc);
	ck_assert_int_eq(sid_parse(&s->sid, "S-1-5-21-1-2-3", NULL), 0);
}

START_TEST(test_samba)
{
	struct plan_domain t, d;
	struct diag_result res;
	struct plan p;
	size_t i;

	memset(&res, 0, sizeof(res));
	res.verdict = DIAG_PASSWORD_MISMATCH;
	side(&t, "RESOURCE", "RESPDC");
	side(&d, "ACCOUNTS", "ACCTPDC");
	ck_assert_int_eq(plan_build(&p, PLAN_FOR_SAMBA, &res, &t, &d, NULL), 0);
	ck_assert_uint_eq(p.nsteps, 7);
	ck_assert_str_eq(p.steps[0].pdc, "RESPDC");
	ck_assert_str_eq(p.steps[0].command,
			 "net rpc trustdom revoke ACCOUNTS");
	ck_assert_str_eq(p.steps[1].pdc, "ACCTPDC");
	ck_assert_str_eq(p.steps[1].command,
			 "net rpc user delete 'RESOURCE$' -S ACCTPDC -U root");
	ck_assert_str_eq(p.steps[2].domain, "ACCOUNTS");
	ck_assert_ptr_nonnull(strstr(p.steps[4].command, "S-1-5-21-1-2-3"));
	for (i = 0; i < p.nsteps; i++) {
		ck_assert_int_eq(p.steps[i].n, (int)i + 1);
		ck_assert_ptr_null(strstr(p.steps[i].command, "trustdom del"));
		ck_assert_ptr_null(
			strstr(p.steps[i].command, "trustdom establish"));
	}
}
END_TEST

START_TEST(test_windows_and_bad)
{
	struct plan_domain t, d;
	struct diag_result res;
	struct errinfo ei;
	struct plan p;

	memset(&res, 0, sizeof(res));
	side(&t, "RESOURCE", "RESPDC");
	side(&d, "ACCOUNTS", "ACCTPDC");
	ck_assert_int_eq(plan_build(&p, PLAN_FOR_WINDOWS, &res, &t, &d, NULL),
			 0);
	ck_assert_uint_eq(p.nsteps, 5);
	ck_assert_str_eq(p.steps[1].pdc, "ACCTPDC");
	ck_assert_str_eq(p.steps[2].pdc, "ACCTPDC");
	ck_assert_str_eq(p.steps[3].pdc, "RESPDC");
	err_clear(&ei);
	ck_assert_int_eq(plan_build(&p, 7, &res, &t, &d, &ei), ERR_INVALID);
	ck_assert_uint_eq(p.nsteps, 0);
	ck_assert_int_eq(plan_target_parse("samba"), PLAN_FOR_SAMBA);
	ck_assert_int_eq(plan_target_parse("windows"), PLAN_FOR_WINDOWS);
	ck_assert_int_eq(plan_target_parse("nt5"), -1);
	ck_assert_str_eq(plan_target_name(PLAN_FOR_WINDOWS), "windows");
}
END_TEST

Suite *
plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("plan");

	tcase_add_test(tc, test_samba);
	tcase_add_test(tc, test_windows_and_bad);
	suite_add_tcase(s, tc);
	return s;
}
