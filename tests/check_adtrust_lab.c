/*
 * tests/check_adtrust_lab.c - AD trusts in the lab (migrate/adtrust_lab.c,
 * the ADTDO paths of nt4/netlogon.c and nt4/logon.c): the Netlogon server
 * of the trusted domain accepts the incoming current password, then the
 * previous one ([MS-NRPC] 3.5.4.4.2); the client of the trusting domain
 * tries the outgoing current, then the previous; anything else is
 * STATUS_ACCESS_DENIED.  Then the apply of a converted pair, idempotent,
 * and SID filtering of sIDHistory on a quarantined trust.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "migrate/adtrust.h"
#include "migrate/adtrust_lab.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/netlogon.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "testutil.h"

Suite *adtrust_lab_suite(void);

static char dir[512];
static struct lab *lab;
static struct domain *acc, *res;

static void
setup(void)
{
	struct domain_opts o;
	uint8_t nt[16];

	lab = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(lab, "ACCOUNTS", &o, &acc, NULL), 0);
	ck_assert_int_eq(domain_create(lab, "RESOURCE", &o, &res, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("Secret#1", nt, NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_add(acc, "alice", NULL, SAM_ACB_NORMAL, nt,
					 NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(sam_account_add(acc, "RESOURCE$", NULL,
					 SAM_ACB_DOMTRUST, nt, NULL, NULL,
					 NULL),
			 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
}

static void
teardown(void)
{
	tu_lab_free(lab, dir);
}

/* Write the two AD objects of RESOURCE -> ACCOUNTS with these hashes. */
static void
objects(const char *in_cur, const char *in_prev, const char *out_cur,
	const char *out_prev)
{
	struct rec_adtdo x;

	memset(&x, 0, sizeof(x));
	strcpy(x.partner, "RESOURCE");
	strcpy(x.dns, "res.example.com");
	x.sid = res->rec.sid;
	x.direction = 1;
	x.type = 2;
	x.attributes = 4;
	x.has_in = 1;
	ck_assert_int_eq(ntlm_nt_hash(in_cur, x.in_cur, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash(in_prev, x.in_prev, NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(lsa_adtdo_put(acc, &x, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	memset(&x, 0, sizeof(x));
	strcpy(x.partner, "ACCOUNTS");
	strcpy(x.dns, "acc.example.com");
	x.sid = acc->rec.sid;
	x.direction = 2;
	x.type = 2;
	x.attributes = 4;
	x.has_out = 1;
	ck_assert_int_eq(ntlm_nt_hash(out_cur, x.out_cur, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash(out_prev, x.out_prev, NULL), 0);
	ck_assert_int_eq(domain_begin(res, NULL), 0);
	ck_assert_int_eq(lsa_adtdo_put(res, &x, NULL), 0);
	ck_assert_int_eq(domain_commit(res, NULL), 0);
}

/* Set up RESOURCE's channel to ACCOUNTS anew: the status; *old set when
 * the client needed its previous password. */
static uint32_t
channel(int *old)
{
	struct netlogon_channel ch;
	struct netlogon_cause cause;
	uint32_t st = 0;

	(void)lab_channel_drop_domain(lab, "RESOURCE");
	ck_assert_int_eq(
		netlogon_channel_open(res, "ACCOUNTS", &ch, &st, &cause, NULL),
		0);
	*old = st == 0 ? ch.rec->used_old : -1;
	netlogon_channel_close(&ch);
	return st;
}

START_TEST(test_current_then_previous)
{
	int old = 0;

	/* both current */
	objects("Pw-A", "Pw-Z", "Pw-A", "Pw-Y");
	ck_assert_uint_eq(channel(&old), 0);
	ck_assert_int_eq(old, 0);
	/* the server accepts its previous password */
	objects("Pw-B", "Pw-A", "Pw-A", "Pw-Y");
	ck_assert_uint_eq(channel(&old), 0);
	ck_assert_int_eq(old, 0);
	/* the client falls back to its previous password */
	objects("Pw-A", "Pw-Z", "Pw-C", "Pw-A");
	ck_assert_uint_eq(channel(&old), 0);
	ck_assert_int_eq(old, 1);
	/* previous against previous: also accepted */
	objects("Pw-D", "Pw-A", "Pw-E", "Pw-A");
	ck_assert_uint_eq(channel(&old), 0);
	ck_assert_int_eq(old, 1);
	/* nothing in common */
	objects("Pw-F", "Pw-G", "Pw-H", "Pw-I");
	ck_assert_uint_eq(channel(&old), NTSTATUS_ACCESS_DENIED);
	/* the AD object wins over the account's own (NT4) hash: the
	 * account still has Secret#1, which the client does not know */
	objects("Pw-J", "Pw-J", "Secret#1", "Secret#1");
	ck_assert_uint_eq(channel(&old), NTSTATUS_ACCESS_DENIED);
}
END_TEST

/* A converted pair applied: logons, idempotence, SID filtering. */
START_TEST(test_apply)
{
	struct adtrust_input in;
	struct adtrust_model m;
	struct adtrust_opts o;
	struct logon_request q;
	struct logon_result r;
	struct trust_add_result tr;
	const char *names[2] = { "RESOURCE", "ACCOUNTS" };
	const char *dns[2] = { "res.example.com", "acc.example.com" };
	struct sid old;

	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_account_delete(acc, "RESOURCE$", NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	ck_assert_int_eq(trust_trusting_add(lab, "ACCOUNTS", "RESOURCE",
					    "TrustPass#2024", NULL, NULL),
			 0);
	ck_assert_int_eq(trust_trusted_add(lab, "RESOURCE", "ACCOUNTS",
					   "TrustPass#2024", &tr, NULL),
			 0);
	ck_assert_uint_eq(tr.status, 0);
	ck_assert_int_eq(adtrust_input_from_lab(&in, lab, names, dns, NULL), 0);
	ck_assert_int_eq(adtrust_lab_applied(lab, &in, NULL), 0);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_int_eq(adtrust_apply_lab(lab, &m, NULL), 0);
	ck_assert_int_eq(adtrust_lab_applied(lab, &in, NULL), 2);
	ck_assert_int_eq(adtrust_lab_finish(lab, &in, NULL), 0);
	/* a sIDHistory SID of another domain, then a logon across */
	ck_assert_int_eq(sid_parse(&old, "S-1-5-21-7-8-9-1105", NULL), 0);
	ck_assert_int_eq(domain_begin(acc, NULL), 0);
	ck_assert_int_eq(sam_sid_history_add(acc, "alice", &old, NULL), 0);
	ck_assert_int_eq(sam_sid_history_add(acc, "alice", &old, NULL), 0);
	ck_assert_int_eq(domain_commit(acc, NULL), 0);
	memset(&q, 0, sizeof(q));
	q.server = "RESOURCE";
	q.domain = "ACCOUNTS";
	q.user = "alice";
	q.password = "Secret#1";
	q.ntlm = LOGON_NTLM_V2;
	q.via = LOGON_VIA_SMB;
	ck_assert_int_eq(logon_network(lab, &q, &r, NULL), 0);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_int_eq(r.passthrough, 1);
	ck_assert_uint_eq(r.val.nextra, 0);
	ck_assert_uint_eq(r.nfiltered, 1); /* quarantined: filtered */
	ck_assert(sid_equal(&r.filtered[0], &old));
	/* at the accounts domain itself, the SID is there */
	q.server = "ACCOUNTS";
	ck_assert_int_eq(logon_network(lab, &q, &r, NULL), 0);
	ck_assert_uint_eq(r.status, 0);
	ck_assert_uint_eq(r.val.nextra, 1);
	ck_assert(sid_equal(&r.val.extra[0], &old));
	adtrust_input_wipe(&in);
	adtrust_model_wipe(&m);
}
END_TEST

Suite *
adtrust_lab_suite(void)
{
	Suite *s = suite_create("adtrust_lab");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_current_then_previous);
	tcase_add_test(tc, test_apply);
	suite_add_tcase(s, tc);
	return s;
}
