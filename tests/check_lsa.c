/*
 * tests/check_lsa.c - LSA trusted-domain objects and secrets (nt4/lsa.c):
 * the LsarSetSecret rule "old := current" with set times, secret name
 * rules of [MS-LSAD] 3.1.1.4, TDO duplicates and listing.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "testutil.h"

static char dir[512];
static struct lab *lab;
static struct domain *d;

static void
setup(void)
{
	struct domain_opts o;

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &d, NULL), 0);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

START_TEST(test_secret_rotation_rule)
{
	struct rec_secret s;

	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(lsa_secret_set(d, "G$$ACCOUNTS",
					(const uint8_t *)"a\0", 2, 100, NULL),
			 0);
	ck_assert_int_eq(lsa_secret_get(d, "G$$ACCOUNTS", &s, NULL), 0);
	ck_assert_int_eq(s.has_cur, 1);
	ck_assert_int_eq(s.has_old, 0);
	ck_assert_uint_eq(s.cur_time, 100);
	ck_assert_int_eq(lsa_secret_set(d, "G$$ACCOUNTS",
					(const uint8_t *)"b\0c\0", 4, 200,
					NULL),
			 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	ck_assert_int_eq(lsa_secret_get(d, "G$$ACCOUNTS", &s, NULL), 0);
	ck_assert_mem_hex(s.cur, s.cur_len, "62006300");
	ck_assert_uint_eq(s.cur_time, 200);
	ck_assert_int_eq(s.has_old, 1);
	ck_assert_mem_hex(s.old, s.old_len, "6100");
	ck_assert_uint_eq(s.old_time, 100);
	/* names are case-sensitive */
	ck_assert_int_eq(lsa_secret_get(d, "g$$accounts", &s, NULL),
			 ERR_NOTFOUND);
}
END_TEST

START_TEST(test_secret_names)
{
	struct errinfo ei;
	char longname[200];

	err_clear(&ei);
	ck_assert_int_eq(lsa_secret_name_check("", &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "secret name is empty");
	err_clear(&ei);
	ck_assert_int_eq(lsa_secret_name_check("G$\\x", &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "secret name 'G$\\x': '\\' is not allowed");
	memset(longname, 'a', 129);
	longname[129] = '\0';
	ck_assert_int_eq(lsa_secret_name_check(longname, NULL), ERR_INVALID);
	longname[128] = '\0';
	ck_assert_int_eq(lsa_secret_name_check(longname, NULL), 0);
	ck_assert_int_eq(lsa_trust_secret_name(longname, sizeof(longname),
					       "accounts"),
			 0);
	ck_assert_str_eq(longname, "G$$ACCOUNTS");
}
END_TEST

static int
count_tdo(const struct rec_tdo *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
	return 0;
}

START_TEST(test_tdo)
{
	struct sid sid;
	struct errinfo ei;
	int n = 0;

	ck_assert_int_eq(sid_parse(&sid, "S-1-5-21-1-2-3", NULL), 0);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(lsa_tdo_add(d, "accounts", &sid, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(lsa_tdo_add(d, "ACCOUNTS", &sid, &ei), ERR_EXISTS);
	ck_assert_str_eq(ei.msg, "RESOURCE already trusts ACCOUNTS");
	ck_assert_int_eq(sid_parse(&sid, "S-1-5-32-544", NULL), 0);
	ck_assert_int_eq(lsa_tdo_add(d, "OTHER", &sid, NULL), ERR_INVALID);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	ck_assert_int_eq(lsa_tdo_list(d, count_tdo, &n, NULL), 0);
	ck_assert_int_eq(n, 1);
}
END_TEST

Suite *lsa_suite(void);

Suite *
lsa_suite(void)
{
	Suite *s = suite_create("lsa");
	TCase *tc = tcase_create("lsa");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_secret_rotation_rule);
	tcase_add_test(tc, test_secret_names);
	tcase_add_test(tc, test_tdo);
	suite_add_tcase(s, tc);
	return s;
}
