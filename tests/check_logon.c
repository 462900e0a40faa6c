/*
 * tests/check_logon.c - network logons end to end (nt4/logon.c): local
 * users, pass-through with NTLMv1, NTLMv1-ESS and NTLMv2, what the user
 * sees for each broken state under the nt4 and samba flavors, and the
 * underlying cause.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "testutil.h"

static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;

static void
add_user(struct domain *d, const char *name, const char *pw, uint32_t acb)
{
	uint8_t nt[16], lm[16];
	int has_lm;

	ck_assert_int_eq(ntlm_nt_hash(pw, nt, NULL), 0);
	ck_assert_int_eq(ntlm_lm_hash(pw, lm, &has_lm), 0);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(sam_account_add(d, name, NULL, acb, nt,
					 has_lm ? lm : NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
}

static void
make(uint32_t res_flavor)
{
	struct domain_opts o;
	struct trust_add_result r;
	struct rec_account a;

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, NULL), 0);
	o.flavor = res_flavor;
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, NULL), 0);
	add_user(acc, "alice", "Secret#1", SAM_ACB_NORMAL);
	add_user(acc, "mallory", "Secret#2", SAM_ACB_NORMAL | SAM_ACB_DISABLED);
	add_user(res, "rob", "Local#1", SAM_ACB_NORMAL);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", "pw",
					    NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", "pw",
					   &r, NULL),
			 0);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.rotation.status, 0);
	/* back to the typed password, no channel up */
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("pw", a.nt_hash, NULL), 0);
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL), 0);
	ck_assert_int_eq(lsa_secret_set(res, "G$$ACCOUNTS",
					(const uint8_t *)"p\0w\0", 4, 1, NULL),
			 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	(void)lab_channel_drop_domain(lab, "ACCOUNTS");
}

static void
setup(void)
{
	make(REC_FLAVOR_NT4);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

static uint32_t
logon(const char *dom, const char *user, const char *pw, int ntlm, int via,
      struct logon_result *r)
{
	struct logon_request q;
	struct errinfo ei;

	memset(&q, 0, sizeof(q));
	q.server = "RESOURCE";
	q.domain = dom;
	q.user = user;
	q.password = pw;
	q.ntlm = ntlm;
	q.via = via;
	err_clear(&ei);
	ck_assert_msg(logon_network(lab, &q, r, &ei) == 0, "%s", ei.msg);
	return r->status;
}

START_TEST(test_passthrough_every_ntlm)
{
	struct logon_result r;
	struct sid want;

	ck_assert_int_eq(sid_compose(&want, &acc->rec.sid, 1000), 0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", _i,
				LOGON_VIA_SMB, &r),
			  0);
	ck_assert_int_eq(r.passthrough, 1);
	ck_assert(sid_equal(&r.user_sid, &want));
	ck_assert_str_eq(r.val.server, "ACCOUNTSPDC");
	ck_assert_uint_eq(logon("ACCOUNTS", "ALICE", "Secret#1", _i,
				LOGON_VIA_SMB, &r),
			  0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#X", _i,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_LOGON_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_WRONG_PASSWORD);
}
END_TEST

START_TEST(test_local_and_account_states)
{
	struct logon_result r;

	ck_assert_uint_eq(logon("RESOURCE", "rob", "Local#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  0);
	ck_assert_int_eq(r.passthrough, 0);
	ck_assert_uint_eq(logon("", "rob", "Local#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  0);
	ck_assert_uint_eq(logon("ACCOUNTS", "mallory", "Secret#2",
				LOGON_NTLM_V2, LOGON_VIA_SMB, &r),
			  NTSTATUS_ACCOUNT_DISABLED);
	ck_assert_uint_eq(logon("ACCOUNTS", "nobody", "x", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_LOGON_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_NO_SUCH_USER);
	ck_assert_uint_eq(logon("ACCOUNTS", "nobody", "x", LOGON_NTLM_V2,
				LOGON_VIA_WBINFO, &r),
			  NTSTATUS_NO_SUCH_USER);
	ck_assert_uint_eq(logon("OTHER", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_LOGON_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_NO_SUCH_DOMAIN);
}
END_TEST

/* An interdomain trust account may not log on, even with its password. */
START_TEST(test_trust_account_logon)
{
	struct logon_request q;
	struct logon_result r;

	memset(&q, 0, sizeof(q));
	q.server = "ACCOUNTS";
	q.domain = "ACCOUNTS";
	q.user = "RESOURCE$";
	q.password = "pw";
	q.ntlm = LOGON_NTLM_V2;
	ck_assert_int_eq(logon_network(lab, &q, &r, NULL), 0);
	ck_assert_uint_eq(r.status, NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT);
}
END_TEST

START_TEST(test_nt4_broken_states)
{
	struct logon_result r;
	struct rec_account a;

	/* a logon sets the channel up; the lab keeps it */
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  0);
	/* trust account disabled */
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	a.acb |= SAM_ACB_DISABLED;
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	/* invisible while the channel is up (REPORT.md section 3) ... */
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  0);
	ck_assert_int_eq(r.passthrough, 1);
	/* ... until the RESOURCE PDC sets it up again (a restart) */
	ck_assert_uint_eq(lab_channel_drop_domain(lab, "RESOURCE"), 1);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	/* password mismatch */
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	a.acb &= ~SAM_ACB_DISABLED;
	a.nt_hash[0] ^= 1;
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_ACCESS_DENIED);
	/* secret missing on the trusting side */
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL), 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_NO_TRUST_LSA_SECRET);
	/* accounts PDC gone (the secret back in place) */
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_set(res, "G$$ACCOUNTS",
					(const uint8_t *)"p\0w\0", 4, 1, NULL),
			 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), 0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_uint_eq(r.cause.status, NTSTATUS_NO_LOGON_SERVERS);
}
END_TEST

START_TEST(test_samba_flavor_surfaces)
{
	struct logon_result r;

	teardown();
	make(REC_FLAVOR_SAMBA);
	ck_assert_int_eq(trust_trusting_remove(lab, "ACCOUNTS", "RESOURCE",
					       NULL),
			 0);
	/* accounts side deleted: NT4 ACCOUNTS answers NO_TRUST_SAM_ACCOUNT,
	 * which a Samba trusting PDC passes through */
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL), 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_SMB, &r),
			  NTSTATUS_LOGON_FAILURE);
	ck_assert_uint_eq(logon("ACCOUNTS", "alice", "Secret#1", LOGON_NTLM_V2,
				LOGON_VIA_WBINFO, &r),
			  NTSTATUS_NO_SUCH_USER);
}
END_TEST

Suite *logon_suite(void);

Suite *
logon_suite(void)
{
	Suite *s = suite_create("logon");
	TCase *tc = tcase_create("logon");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_passthrough_every_ntlm, LOGON_NTLM_V1,
			    LOGON_NTLM_V1_ESS + 1);
	tcase_add_test(tc, test_local_and_account_states);
	tcase_add_test(tc, test_trust_account_logon);
	tcase_add_test(tc, test_nt4_broken_states);
	tcase_add_test(tc, test_samba_flavor_surfaces);
	suite_add_tcase(s, tc);
	return s;
}
