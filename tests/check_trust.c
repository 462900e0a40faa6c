/*
 * tests/check_trust.c - the NT4 trust flows (nt4/trust.c): Flow A and B of
 * reference 1.3/1.4, the password probe's outcomes, nothing written on a
 * failed add, removal, verify statuses per flavor, and the pair listing.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "testutil.h"

static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;

static void
setup(void)
{
	struct domain_opts o;

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, NULL), 0);
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, NULL), 0);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

START_TEST(test_flow_a_and_b)
{
	struct trust_add_result r;
	struct rec_account a;
	struct rec_tdo t;
	struct rec_secret s;
	struct errinfo ei;
	uint8_t h[16];

	err_clear(&ei);
	ck_assert_int_eq(trust_trusting_add(lab, "accounts", "resource",
					    "TrustPass#2024", &a, &ei),
			 0);
	ck_assert_str_eq(a.name, "RESOURCE$");
	ck_assert_uint_eq(a.acb, SAM_ACB_DOMTRUST);
	/* the hash of the trust password (vector nt_hashes.json) */
	ck_assert_mem_hex(a.nt_hash, 16, "19e034ea7413f02ad0054696b2ad122d");
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS",
					   "TrustPass#2024", &r, &ei),
			 0);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.probe, NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT);
	ck_assert(sid_equal(&r.sid, &acc->rec.sid));
	ck_assert_int_eq(lsa_tdo_get(res, "ACCOUNTS", &t, NULL), 0);
	ck_assert(sid_equal(&t.sid, &acc->rec.sid));
	/* right after: the typed password is changed (KB Q102650) */
	ck_assert_uint_eq(r.rotation.status, 0);
	ck_assert_int_eq(r.rotation.changed, 1);
	ck_assert_str_eq(r.rotation.call, "NetrServerPasswordSet2");
	ck_assert_int_eq(lsa_secret_get(res, "G$$ACCOUNTS", &s, NULL), 0);
	ck_assert_int_eq(s.has_cur, 1);
	ck_assert_int_eq(s.has_old, 1);
	ck_assert_mem_hex(s.old, s.old_len, "5400720075007300740050006100730073"
					    "0023003200300032003400");
	ck_assert_uint_eq(s.cur_len, 2 * ROTATE_PASSWORD_LEN);
	ck_assert_uint_eq(s.cur_time, LAB_EPOCH);
	/* the trusted side holds the hash of the new CurrentValue */
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash_raw(s.cur, s.cur_len, h), 0);
	ck_assert_int_eq(memcmp(a.nt_hash, h, 16), 0);
}
END_TEST

/* Only STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT means the password is right. */
START_TEST(test_probe_outcomes)
{
	struct trust_add_result r;
	struct rec_tdo t;
	struct rec_secret s;
	uint8_t h[16] = { 0 };

	/* no account at all */
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw",
					   &r, NULL),
			 0);
	ck_assert_uint_eq(r.probe, NTSTATUS_NO_SUCH_USER);
	ck_assert_uint_eq(r.status, NTSTATUS_LOGON_FAILURE);
	/* wrong password */
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "pw1",
					    NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw2",
					   &r, NULL),
			 0);
	ck_assert_uint_eq(r.probe, NTSTATUS_WRONG_PASSWORD);
	ck_assert_uint_eq(r.status, NTSTATUS_LOGON_FAILURE);
	ck_assert_str_eq(r.why, "the ACCOUNTS PDC answered the password probe "
				"for ACCOUNTS\\RESOURCE$ with "
				"STATUS_WRONG_PASSWORD: wrong password for "
				"ACCOUNTS\\RESOURCE$");
	ck_assert_int_eq(lsa_tdo_get(res, "ACCOUNTS", &t, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(lsa_secret_get(res, "G$$ACCOUNTS", &s, NULL),
			 ERR_NOTFOUND);
	/* an ordinary account of that name that accepts the password */
	ck_assert_int_eq(trust_trusting_remove(lab, "ACCOUNTS", "RESOURCE",
					       NULL),
			 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash_raw((const uint8_t *)"p\0w\0", 4, h), 0);
	ck_assert_int_eq(sam_account_add(acc, "RESOURCE$", NULL, SAM_ACB_NORMAL,
					 h, NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw",
					   &r, NULL),
			 0);
	ck_assert_uint_eq(r.probe, 0);
	ck_assert_uint_eq(r.status, NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_int_eq(lsa_tdo_get(res, "ACCOUNTS", &t, NULL), ERR_NOTFOUND);
	/* and trusting remove refuses to delete an ordinary account */
	ck_assert_int_eq(trust_trusting_remove(lab, "ACCOUNTS", "RESOURCE",
					       NULL),
			 ERR_WRONGSTATE);
}
END_TEST

START_TEST(test_missing_trusted_domain)
{
	struct trust_add_result r;

	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ELSEWHERE", "pw",
					   &r, NULL),
			 0);
	ck_assert_uint_eq(r.status, NTSTATUS_NO_SUCH_DOMAIN);
	ck_assert_str_eq(r.why, "no domain controller of ELSEWHERE can be "
				"found");
}
END_TEST

START_TEST(test_bad_requests)
{
	struct trust_add_result r;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "accounts", "pw",
					    NULL, &ei),
			 ERR_INVALID);
	ck_assert_str_eq(ei.msg, "a domain cannot trust itself (ACCOUNTS)");
	err_clear(&ei);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "",
					    NULL, &ei),
			 ERR_INVALID);
	ck_assert_str_eq(ei.msg, "the trust password is empty");
	err_clear(&ei);
	ck_assert_int_eq(trust_trusted_add(lab, "NOSUCH", "ACCOUNTS", "pw", &r,
					   &ei),
			 ERR_NOTFOUND);
	ck_assert_msg(strstr(ei.msg, "no domain NOSUCH in lab") != NULL, "%s",
		      ei.msg);
	err_clear(&ei);
	ck_assert_int_eq(trust_trusted_remove(lab, "RESOURCE", "ACCOUNTS", &ei),
			 ERR_NOTFOUND);
	ck_assert_str_eq(ei.msg, "RESOURCE does not trust ACCOUNTS (no "
				 "trusted-domain entry, no secret G$$ACCOUNTS)");
}
END_TEST

START_TEST(test_verify_and_list)
{
	struct trust_add_result r;
	struct trust_verify_result v;
	struct trust_pair *p = NULL;
	size_t n = 0;

	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "pw",
					    NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw",
					   &r, NULL),
			 0);
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, 0);
	ck_assert_int_eq(trust_list(lab, NULL, &p, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(p[0].trusting, "RESOURCE");
	ck_assert_str_eq(p[0].trusted, "ACCOUNTS");
	ck_assert_str_eq(trust_pair_state(&p[0]), "both halves");
	free(p);
	/* break the accounts side: TRUSTED_DOMAIN_FAILURE with the cause */
	ck_assert_int_eq(trust_trusting_remove(lab, "ACCOUNTS", "RESOURCE",
					       NULL),
			 0);
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(v.cause.status, NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_int_eq(trust_list(lab, "ACCOUNTS", &p, &n, NULL), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(trust_pair_state(&p[0]),
			 "trusting half only (no trust account)");
	free(p);
	/* no trust at all: NO_SUCH_DOMAIN */
	ck_assert_int_eq(trust_trusted_remove(lab, "RESOURCE", "ACCOUNTS",
					      NULL),
			 0);
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, NTSTATUS_NO_SUCH_DOMAIN);
}
END_TEST

/* The trusted domain rebuilt under the same name: a new SID. */
START_TEST(test_sid_mismatch)
{
	struct trust_add_result r;
	struct trust_verify_result v;
	struct domain_opts o;
	struct domain *d;

	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "pw",
					    NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw",
					   &r, NULL),
			 0);
	ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), 0);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &d, NULL), 0);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "pw",
					    NULL, NULL),
			 0);
	ck_assert_int_eq(trust_verify(lab, "RESOURCE", "ACCOUNTS", &v, NULL),
			 0);
	ck_assert_uint_eq(v.status, NTSTATUS_DOMAIN_TRUST_INCONSISTENT);
	ck_assert(!sid_equal(&v.tdo_sid, &v.real_sid));
}
END_TEST

Suite *trust_suite(void);

Suite *
trust_suite(void)
{
	Suite *s = suite_create("trust");
	TCase *tc = tcase_create("trust");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_flow_a_and_b);
	tcase_add_test(tc, test_probe_outcomes);
	tcase_add_test(tc, test_missing_trusted_domain);
	tcase_add_test(tc, test_bad_requests);
	tcase_add_test(tc, test_verify_and_list);
	tcase_add_test(tc, test_sid_mismatch);
	suite_add_tcase(s, tc);
	return s;
}
