/*
 * tests/check_netlogon.c - the Netlogon service of the emulated PDC
 * (nt4/netlogon.c): the NetrServerAuthenticate2 checks in the order of
 * reference 2.3 with their exact statuses, the authenticator chain of
 * NetrLogonSamLogon, session-key protection, the client's OldValue retry
 * (reference 1.6) and the downgrade to the server's flags.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/nlcrypto.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/netlogon.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "testutil.h"

static const char PW[] = "TrustPass#2024";
static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;

/*
 * Undo the rotation that follows trusted add: both sides hold the typed
 * password again and no channel is up (these tests look at the server's
 * checks; rotation has its own tests).
 */
static void
reset_to_typed_password(void)
{
	struct rec_account a;
	uint8_t *u16 = NULL;
	size_t n;

	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash(PW, a.nt_hash, NULL), 0);
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_int_eq(utf8_to_utf16(&u16, &n, PW, strlen(PW), NULL), 0);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL), 0);
	ck_assert_int_eq(lsa_secret_set(res, "G$$ACCOUNTS", u16, n, 1, NULL),
			 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	free(u16);
	(void)lab_channel_drop_domain(lab, "RESOURCE");
	(void)lab_channel_drop_domain(lab, "ACCOUNTS");
}

static void
make_pair(uint32_t acc_flavor, uint32_t acc_caps)
{
	struct domain_opts o;
	struct trust_add_result tr;
	struct errinfo ei;
	uint8_t h[16];

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	o.flavor = acc_flavor;
	o.nl_caps = acc_caps;
	err_clear(&ei);
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, &ei), 0);
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, &ei), 0);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE", PW,
					    NULL, &ei),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS", PW, &tr,
					   &ei),
			 0);
	ck_assert_uint_eq(tr.status, 0);
	ck_assert_uint_eq(tr.rotation.status, 0);
	reset_to_typed_password();
	ck_assert_int_eq(ntlm_nt_hash("Secret#1", h, NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_add(acc, "alice", NULL, SAM_ACB_NORMAL, h,
					 NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(sam_account_add(acc, "USERX$", NULL, SAM_ACB_NORMAL,
					 h, NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
}

static void
setup(void)
{
	make_pair(REC_FLAVOR_NT4, 0);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

/* One Authenticate2 attempt as RESOURCEPDC with account and password. */
static uint32_t
auth2(const char *account, uint16_t type, const char *pw, const uint8_t cc[8],
      int do_challenge, struct nlcrypto_creds *cl, uint32_t *flags_out)
{
	struct netlogon_auth_req q;
	struct netlogon_auth_rep rep;
	struct nlcrypto_creds local;
	uint8_t sc[8] = { 0 }, h[16];
	uint32_t st = 0xFFFFFFFF;

	if (cl == NULL)
		cl = &local;
	if (do_challenge) {
		ck_assert_int_eq(netlogon_req_challenge(acc, "RESOURCEPDC", cc,
							sc, &st, NULL),
				 0);
		ck_assert_uint_eq(st, 0);
	}
	ck_assert_int_eq(ntlm_nt_hash(pw, h, NULL), 0);
	ck_assert_int_eq(nlcrypto_client_init(cl, NLCRYPTO_FLAGS_NT4_STRONG, h,
					      cc, sc, q.client_cred),
			 0);
	q.account = account;
	q.sc_type = type;
	q.computer = "RESOURCEPDC";
	q.flags = NLCRYPTO_FLAGS_NT4_STRONG;
	ck_assert_int_eq(netlogon_authenticate2(acc, &q, &rep, &st, NULL), 0);
	if (st == 0)
		ck_assert_int_eq(nlcrypto_client_check(cl, sc, rep.server_cred),
				 0);
	else
		ck_assert_mem_hex(rep.server_cred, 8, "0000000000000000");
	if (flags_out != NULL)
		*flags_out = rep.flags;
	return st;
}

static const uint8_t CC[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
			       0x88 };

START_TEST(test_good)
{
	uint32_t flags = 0;

	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 1, NULL, &flags), 0);
	ck_assert_uint_eq(flags, NLCRYPTO_FLAGS_NT4_STRONG);
	ck_assert_str_eq(netlogon_server_reason(acc), "");
}
END_TEST

START_TEST(test_no_challenge)
{
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 0, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "no challenge recorded for computer RESOURCEPDC");
	/* the check comes first: even for an account that does not exist */
	ck_assert_uint_eq(auth2("NOBODY$", 4, PW, CC, 0, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
}
END_TEST

START_TEST(test_challenge_used_once)
{
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 1, NULL, NULL), 0);
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 0, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
}
END_TEST

START_TEST(test_cve_2020_1472)
{
	static const uint8_t zero[8] = { 0 };
	static const uint8_t five[8] = { 7, 7, 7, 7, 7, 1, 2, 3 };
	static const uint8_t four[8] = { 7, 7, 7, 7, 8, 7, 7, 7 };

	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, zero, 1, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "client challenge from RESOURCEPDC rejected: its first "
			 "five bytes are equal (CVE-2020-1472)");
	ck_assert_uint_eq(auth2("NOBODY$", 4, PW, five, 1, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, four, 1, NULL, NULL), 0);
}
END_TEST

START_TEST(test_channel_type)
{
	ck_assert_uint_eq(auth2("RESOURCE$", 9, PW, CC, 1, NULL, NULL),
			  NTSTATUS_INVALID_PARAMETER);
	ck_assert_uint_eq(auth2("RESOURCE$", 2, PW, CC, 1, NULL, NULL),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
}
END_TEST

START_TEST(test_account_checks)
{
	struct rec_account a;

	ck_assert_uint_eq(auth2("RESOURCE", 4, PW, CC, 1, NULL, NULL),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "account name RESOURCE does not end in '$'");
	ck_assert_uint_eq(auth2("OTHER$", 4, PW, CC, 1, NULL, NULL),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "ACCOUNTS has no account OTHER$");
	ck_assert_uint_eq(auth2("USERX$", 4, "Secret#1", CC, 1, NULL, NULL),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "account USERX$ is a user account [U          ], not "
			 "an interdomain trust account");
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_find(acc, "RESOURCE$", &a, NULL), 0);
	a.acb |= SAM_ACB_DISABLED;
	ck_assert_int_eq(sam_account_update(acc, &a, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 1, NULL, NULL),
			  NTSTATUS_NO_TRUST_SAM_ACCOUNT);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "account RESOURCE$ is disabled [DI         ]");
}
END_TEST

START_TEST(test_wrong_password)
{
	ck_assert_uint_eq(auth2("RESOURCE$", 4, "wrong", CC, 1, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "credential check failed for RESOURCE$ from "
			 "RESOURCEPDC: the trust password differs");
}
END_TEST

START_TEST(test_samba_flavor)
{
	teardown();
	make_pair(REC_FLAVOR_SAMBA, 0);
	ck_assert_uint_eq(auth2("OTHER$", 4, PW, CC, 1, NULL, NULL),
			  NTSTATUS_ACCESS_DENIED);
	ck_assert_uint_eq(auth2("RESOURCE$", 4, PW, CC, 1, NULL, NULL), 0);
}
END_TEST

/* NetrLogonSamLogon over an established channel, several times. */
START_TEST(test_samlogon_chain)
{
	struct netlogon_channel ch;
	struct netlogon_network_info info;
	struct netlogon_validation val, local;
	struct netlogon_cause cause;
	struct logon_wire w;
	uint8_t chal[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	uint8_t cc[8] = { 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8 };
	uint32_t st;
	int i;

	ck_assert_int_eq(netlogon_channel_open(res, "ACCOUNTS", &ch, &st,
					       &cause, NULL),
			 0);
	ck_assert_uint_eq(st, 0);
	ck_assert_int_eq(ch.up, 1);
	ck_assert_int_eq(ch.rec->used_old, 0);
	ck_assert_uint_eq(ch.rec->flags, DOMAIN_NL_CAPS_DEFAULT);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(logon_responses(lab, LOGON_NTLM_V2, "alice",
						 "ACCOUNTS", "Secret#1", chal,
						 cc, "RESOURCE", "RESOURCEPDC", &w,
						 NULL),
				 0);
		memset(&info, 0, sizeof(info));
		info.domain = "ACCOUNTS";
		info.user = "alice";
		memcpy(info.lm_chal, w.lm_chal, 8);
		info.nt_resp = w.nt;
		info.nt_len = w.nt_len;
		info.lm_resp = w.lm;
		info.lm_len = w.lm_len;
		ck_assert_int_eq(netlogon_channel_sam_logon(res, &ch, &info,
							    &val, &st, &cause,
							    NULL),
				 0);
		ck_assert_uint_eq(st, 0);
		ck_assert_uint_eq(val.rid, 1001); /* RESOURCE$ took 1000 */
		ck_assert_str_eq(val.account, "alice");
		/* unprotected keys equal what the DC computed locally */
		ck_assert_int_eq(netlogon_check_local(acc, &info, &local, &st,
						      NULL),
				 0);
		ck_assert_uint_eq(st, 0);
		ck_assert_int_eq(memcmp(val.user_session_key,
					local.user_session_key, 16),
				 0);
		ck_assert_int_eq(
			memcmp(val.lm_session_key, local.lm_session_key, 8), 0);
	}
	/* A wrong password is an answer, not a broken chain. */
	ck_assert_int_eq(logon_responses(lab, LOGON_NTLM_V2, "alice",
					 "ACCOUNTS", "nope", chal, cc, "RESOURCE",
					 "RESOURCEPDC", &w, NULL),
			 0);
	info.nt_resp = w.nt;
	info.nt_len = w.nt_len;
	info.lm_resp = w.lm;
	ck_assert_int_eq(netlogon_channel_sam_logon(res, &ch, &info, &val, &st,
						    &cause, NULL),
			 0);
	ck_assert_uint_eq(st, NTSTATUS_WRONG_PASSWORD);
	ck_assert_int_eq(ch.up, 1);
	/* A forged authenticator: ACCESS_DENIED, the server drops the channel */
	ch.rec->stored[0] ^= 1;
	ck_assert_int_eq(netlogon_channel_sam_logon(res, &ch, &info, &val, &st,
						    &cause, NULL),
			 0);
	ck_assert_uint_eq(st, NTSTATUS_ACCESS_DENIED);
	ck_assert_int_eq(ch.up, 0);
	ck_assert_str_eq(netlogon_server_reason(acc),
			 "bad authenticator from RESOURCEPDC: secure channel "
			 "dropped");
	netlogon_channel_close(&ch);
}
END_TEST

/* CurrentValue wrong, OldValue right: the channel comes up with OldValue. */
START_TEST(test_old_value_retry)
{
	struct netlogon_channel ch;
	struct netlogon_cause cause;
	uint8_t *u16 = NULL;
	size_t n;
	uint32_t st;

	ck_assert_int_eq(utf8_to_utf16(&u16, &n, "Rotated!", 8, NULL), 0);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_set(res, "G$$ACCOUNTS", u16, n, 1, NULL),
			 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	free(u16);
	ck_assert_int_eq(netlogon_channel_open(res, "ACCOUNTS", &ch, &st,
					       &cause, NULL),
			 0);
	ck_assert_uint_eq(st, 0);
	ck_assert_int_eq(ch.rec->used_old, 1);
	netlogon_channel_close(&ch);
}
END_TEST

/* A classic NT4 server: the strong-key client retries with its flags. */
START_TEST(test_flag_downgrade)
{
	struct netlogon_channel ch;
	struct netlogon_cause cause;
	uint32_t st;

	teardown();
	make_pair(REC_FLAVOR_NT4, NLCRYPTO_FLAGS_NT4);
	ck_assert_int_eq(netlogon_channel_open(res, "ACCOUNTS", &ch, &st,
					       &cause, NULL),
			 0);
	ck_assert_uint_eq(st, 0);
	ck_assert_uint_eq(ch.rec->flags, NLCRYPTO_FLAGS_NT4);
	netlogon_channel_close(&ch);
}
END_TEST

START_TEST(test_channel_failures)
{
	struct netlogon_channel ch;
	struct netlogon_cause cause;
	uint32_t st;

	ck_assert_int_eq(netlogon_channel_open(res, "NOWHERE", &ch, &st, &cause,
					       NULL),
			 0);
	ck_assert_uint_eq(st, NTSTATUS_NO_SUCH_DOMAIN);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_secret_delete(res, "G$$ACCOUNTS", NULL), 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
	ck_assert_int_eq(netlogon_channel_open(res, "ACCOUNTS", &ch, &st,
					       &cause, NULL),
			 0);
	ck_assert_uint_eq(st, NTSTATUS_NO_TRUST_LSA_SECRET);
	ck_assert_uint_eq(cause.status, NTSTATUS_NO_TRUST_LSA_SECRET);
	ck_assert_str_eq(cause.where, "RESOURCE PDC (RESOURCEPDC), LSA");
	ck_assert_int_eq(ch.up, 0);
}
END_TEST

START_TEST(test_no_logon_servers)
{
	struct netlogon_channel ch;
	struct netlogon_cause cause;
	uint32_t st;

	ck_assert_int_eq(domain_delete(lab, "ACCOUNTS", NULL), 0);
	ck_assert_int_eq(netlogon_channel_open(res, "ACCOUNTS", &ch, &st,
					       &cause, NULL),
			 0);
	ck_assert_uint_eq(st, NTSTATUS_NO_LOGON_SERVERS);
	ck_assert_str_eq(cause.why, "no domain controller of ACCOUNTS can be "
				    "found");
}
END_TEST

Suite *netlogon_suite(void);

Suite *
netlogon_suite(void)
{
	Suite *s = suite_create("netlogon");
	TCase *tc = tcase_create("netlogon");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_good);
	tcase_add_test(tc, test_no_challenge);
	tcase_add_test(tc, test_challenge_used_once);
	tcase_add_test(tc, test_cve_2020_1472);
	tcase_add_test(tc, test_channel_type);
	tcase_add_test(tc, test_account_checks);
	tcase_add_test(tc, test_wrong_password);
	tcase_add_test(tc, test_samba_flavor);
	tcase_add_test(tc, test_samlogon_chain);
	tcase_add_test(tc, test_old_value_retry);
	tcase_add_test(tc, test_flag_downgrade);
	tcase_add_test(tc, test_channel_failures);
	tcase_add_test(tc, test_no_logon_servers);
	suite_add_tcase(s, tc);
	return s;
}
