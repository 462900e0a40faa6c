/*
 * tests/check_sam.c - SAM accounts (nt4/sam.c): RIDs from 1000 never
 * reused, case-insensitive names, duplicates, transactions required, the
 * account-flag notation, and a corrupt index reported with file and key.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/sam.h"
#include "nt4/store.h"
#include "testutil.h"

static char dir[512];
static struct lab *lab;
static struct domain *d;
static const uint8_t H[16] = { 1, 2, 3 };

static void
setup(void)
{
	struct domain_opts o;

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &d, NULL), 0);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

static uint32_t
add(const char *name, uint32_t acb, int expect)
{
	struct rec_account a;
	int r;

	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	r = sam_account_add(d, name, NULL, acb, H, NULL, &a, NULL);
	ck_assert_int_eq(r, expect);
	if (r == 0)
		ck_assert_int_eq(domain_commit(d, NULL), 0);
	else
		domain_cancel(d);
	return a.rid;
}

START_TEST(test_rids)
{
	ck_assert_uint_eq(add("alice", SAM_ACB_NORMAL, 0), 1000);
	ck_assert_uint_eq(add("bob", SAM_ACB_NORMAL, 0), 1001);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(sam_account_delete(d, "BOB", NULL), 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	ck_assert_uint_eq(add("bob", SAM_ACB_NORMAL, 0), 1002);
	ck_assert_uint_eq(d->rec.next_rid, 1003);
}
END_TEST

START_TEST(test_names)
{
	struct rec_account a;
	struct errinfo ei;

	add("Alice", SAM_ACB_NORMAL, 0);
	add("ALICE", SAM_ACB_NORMAL, ERR_EXISTS);
	add("bad:name", SAM_ACB_NORMAL, ERR_INVALID);
	ck_assert_int_eq(sam_account_find(d, "alice", &a, NULL), 0);
	ck_assert_str_eq(a.name, "Alice");
	ck_assert_int_eq(sam_account_find(d, "nobody", &a, NULL), ERR_NOTFOUND);
	err_clear(&ei);
	ck_assert_int_eq(sam_account_add(d, "x", NULL, SAM_ACB_NORMAL, H, NULL,
					 NULL, &ei),
			 ERR_INTERNAL);
	ck_assert_str_eq(ei.msg, "SAM change outside a transaction");
}
END_TEST

START_TEST(test_acb_notation)
{
	char buf[16];
	uint32_t acb;
	struct errinfo ei;

	sam_acb_format(SAM_ACB_DOMTRUST, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[I          ]");
	sam_acb_format(SAM_ACB_DOMTRUST | SAM_ACB_DISABLED, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[DI         ]");
	sam_acb_format(SAM_ACB_NORMAL | SAM_ACB_PWNOEXP, buf, sizeof(buf));
	ck_assert_str_eq(buf, "[UX         ]");
	ck_assert_int_eq(sam_acb_parse("[DI]", &acb, NULL), 0);
	ck_assert_uint_eq(acb, 0x41);
	ck_assert_int_eq(sam_acb_parse("w", &acb, NULL), 0);
	ck_assert_uint_eq(acb, SAM_ACB_WSTRUST);
	ck_assert_int_eq(sam_acb_parse("[U          ]", &acb, NULL), 0);
	ck_assert_uint_eq(acb, SAM_ACB_NORMAL);
	err_clear(&ei);
	ck_assert_int_eq(sam_acb_parse("[IQ]", &acb, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "account flags '[IQ]': unknown flag 'Q' "
				 "(known: D N H T U M W S L X I)");
}
END_TEST

START_TEST(test_corrupt_index)
{
	struct rec_account a;
	struct errinfo ei;
	uint32_t bogus = 4242;

	add("alice", SAM_ACB_NORMAL, 0);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(domain_put_record(d, "ACCOUNTNAME/ALICE", REC_NAMEIDX,
					   &bogus, NULL),
			 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(sam_account_find(d, "alice", &a, &ei), ERR_FORMAT);
	ck_assert_msg(strstr(ei.msg, "ACCOUNTS.tdb: ACCOUNTNAME/ALICE points "
				     "to missing RID 4242") != NULL,
		      "%s", ei.msg);
}
END_TEST

Suite *sam_suite(void);

Suite *
sam_suite(void)
{
	Suite *s = suite_create("sam");
	TCase *tc = tcase_create("sam");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_rids);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_acb_notation);
	tcase_add_test(tc, test_corrupt_index);
	suite_add_tcase(s, tc);
	return s;
}
