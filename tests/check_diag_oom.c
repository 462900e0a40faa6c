/*
 * tests/check_diag_oom.c - diagnosis under allocation failure (issue 6):
 * the Nth allocation fails (common/mem.h mem_fail_after) for every N
 * while the lab view is read and diagnosed (nt4/view.c, nt4/diag.c) and
 * while the view of two real Samba private directories is loaded
 * (migrate/sambaview.c on tests/data/samba/): each run either finishes
 * with the right verdict (the failed allocation was a best-effort one,
 * e.g. the store's read cache) or fails cleanly with a message; never a
 * crash, and no leak (the suite runs under ASan/LSan and valgrind in CI).
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "migrate/sambaview.h"
#include "nt4/diag.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/trust.h"
#include "nt4/view.h"
#include "testutil.h"

Suite *diag_oom_suite(void);

#define FIX TEST_DATA_DIR "/samba/"

START_TEST(test_lab_view_oom)
{
	struct domain_opts o;
	struct domain *d = NULL;
	struct trust_add_result tr;
	struct diag_result res;
	struct errinfo ei;
	struct view v;
	char dir[512];
	struct lab *l = tu_lab_new(dir, sizeof(dir));
	int k, r, fired;

	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(l, "ACCOUNTS", &o, &d, NULL), 0);
	ck_assert_int_eq(domain_create(l, "RESOURCE", &o, &d, NULL), 0);
	ck_assert_int_eq(trust_trusting_add(l, "ACCOUNTS", "RESOURCE",
					    "TrustPass#2024", NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(l, "RESOURCE", "ACCOUNTS",
					   "TrustPass#2024", &tr, NULL),
			 0);
	for (k = 0;; k++) {
		ck_assert_int_lt(k, 2000);
		err_clear(&ei);
		mem_fail_after(k);
		r = view_from_lab(&v, l, "RESOURCE", "ACCOUNTS", &ei);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		if (r == 0) {
			diag_run(&v, &res);
			ck_assert_int_eq(res.verdict, DIAG_HEALTHY);
			view_wipe(&v);
		} else {
			ck_assert_msg(ei.msg[0] != '\0', "no message at %d", k);
		}
		if (!fired)
			break;
	}
	ck_assert_int_gt(k, 0);
	tu_lab_free(l, dir);
}
END_TEST

START_TEST(test_samba_view_oom)
{
	struct sambaview_domain t, d;
	struct diag_result res;
	struct errinfo ei;
	struct view v;
	int k, r, fired;

	for (k = 0;; k++) {
		ck_assert_int_lt(k, 2000);
		err_clear(&ei);
		mem_fail_after(k);
		r = sambaview_identify(&t, FIX "healthy/RESOURCE", NULL, NULL,
				       &ei);
		if (r == 0)
			r = sambaview_identify(&d, FIX "healthy/ACCOUNTS", NULL,
					       NULL, &ei);
		if (r == 0)
			r = sambaview_load(&v, &t, &d, &ei);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		if (r == 0) {
			diag_run(&v, &res);
			ck_assert_int_eq(res.verdict, DIAG_HEALTHY);
			view_wipe(&v);
		} else {
			ck_assert_msg(ei.msg[0] != '\0', "no message at %d", k);
		}
		if (!fired)
			break;
	}
	ck_assert_int_gt(k, 0);
}
END_TEST

Suite *
diag_oom_suite(void)
{
	Suite *s = suite_create("diag_oom");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_lab_view_oom);
	tcase_add_test(tc, test_samba_view_oom);
	suite_add_tcase(s, tc);
	return s;
}
