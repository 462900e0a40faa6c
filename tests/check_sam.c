/*
 * tests/check_sam.c - SAM accounts (nt4/sam.c): RIDs from 1000 never
 * reused, case-insensitive names, duplicates, transactions required,
 * accounts added with a given RID (imports) and NEXT_RID set, the
 * account-flag notation, and a corrupt index reported with file and key.
 */
#include <check.h>
#include <stdio.h>
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

static int
add_rid(uint32_t rid, const char *name, int has_nt, int commit)
{
	struct rec_account a;
	int r;

	memset(&a, 0, sizeof(a));
	a.rid = rid;
	snprintf(a.name, sizeof(a.name), "%s", name);
	snprintf(a.fullname, sizeof(a.fullname), "Imported %s", name);
	a.acb = SAM_ACB_NORMAL | SAM_ACB_PWNOEXP;
	a.has_nt = (uint8_t)has_nt;
	if (has_nt)
		memcpy(a.nt_hash, H, 16);
	a.pwd_last_set = 1700000000;
	a.created = 1700000001;
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	r = sam_account_add_rid(d, &a, NULL);
	if (r == 0 && commit)
		ck_assert_int_eq(domain_commit(d, NULL), 0);
	else
		domain_cancel(d);
	return r;
}

START_TEST(test_add_rid)
{
	struct rec_account a;

	/* the account is stored as given: RID, flags, hash, times */
	ck_assert_int_eq(add_rid(1005, "alice", 1, 1), 0);
	ck_assert_int_eq(sam_account_find(d, "ALICE", &a, NULL), 0);
	ck_assert_uint_eq(a.rid, 1005);
	ck_assert_str_eq(a.fullname, "Imported alice");
	ck_assert_uint_eq(a.acb, SAM_ACB_NORMAL | SAM_ACB_PWNOEXP);
	ck_assert_int_eq(a.has_nt, 1);
	ck_assert_int_eq(memcmp(a.nt_hash, H, 16), 0);
	ck_assert_uint_eq(a.pwd_last_set, 1700000000);
	ck_assert_uint_eq(a.created, 1700000001);
	rec_account_wipe(&a);
	/* NEXT_RID moves past it; a RID below 1000 leaves it at 1000+ */
	ck_assert_uint_eq(d->rec.next_rid, 1006);
	ck_assert_int_eq(add_rid(500, "root", 0, 1), 0);
	ck_assert_uint_eq(d->rec.next_rid, 1006);
	ck_assert_int_eq(sam_account_by_rid(d, 500, &a, NULL), 0);
	ck_assert_int_eq(a.has_nt, 0);
	rec_account_wipe(&a);
	ck_assert_uint_eq(add("bob", SAM_ACB_NORMAL, 0), 1006);
}
END_TEST

START_TEST(test_add_rid_refused)
{
	struct rec_account a;
	struct errinfo ei;

	ck_assert_int_eq(add_rid(1001, "alice", 1, 1), 0);
	/* a taken RID, a duplicate name (any case), a bad name or RID */
	ck_assert_int_eq(add_rid(1001, "bob", 1, 1), ERR_EXISTS);
	ck_assert_int_eq(add_rid(1002, "ALICE", 1, 1), ERR_EXISTS);
	ck_assert_int_eq(add_rid(1003, "bad:name", 1, 1), ERR_INVALID);
	ck_assert_int_eq(add_rid(0, "carol", 1, 1), ERR_INVALID);
	ck_assert_int_eq(add_rid(UINT32_MAX, "carol", 1, 1), ERR_INVALID);
	ck_assert_int_eq(sam_account_find(d, "bob", &a, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(sam_account_by_rid(d, 1002, &a, NULL), ERR_NOTFOUND);
	/* a cancelled transaction leaves nothing behind */
	ck_assert_int_eq(add_rid(1010, "dave", 1, 0), 0);
	ck_assert_int_eq(sam_account_find(d, "dave", &a, NULL), ERR_NOTFOUND);
	ck_assert_uint_eq(d->rec.next_rid, 1002);
	/* outside a transaction */
	memset(&a, 0, sizeof(a));
	a.rid = 1020;
	snprintf(a.name, sizeof(a.name), "erin");
	err_clear(&ei);
	ck_assert_int_eq(sam_account_add_rid(d, &a, &ei), ERR_INTERNAL);
	ck_assert_ptr_nonnull(strstr(ei.msg, "transaction"));
}
END_TEST

START_TEST(test_next_rid_set)
{
	struct errinfo ei;

	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(sam_next_rid_set(d, 2000, NULL), 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	ck_assert_uint_eq(add("alice", SAM_ACB_NORMAL, 0), 2000);
	/* never backwards: RIDs are not reused */
	err_clear(&ei);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(sam_next_rid_set(d, 1500, &ei), ERR_INVALID);
	domain_cancel(d);
	ck_assert_uint_eq(d->rec.next_rid, 2001);
	ck_assert_int_eq(sam_next_rid_set(d, 3000, NULL), ERR_INTERNAL);
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
	tcase_add_test(tc, test_add_rid);
	tcase_add_test(tc, test_add_rid_refused);
	tcase_add_test(tc, test_next_rid_set);
	tcase_add_test(tc, test_acb_notation);
	tcase_add_test(tc, test_corrupt_index);
	suite_add_tcase(s, tc);
	return s;
}
