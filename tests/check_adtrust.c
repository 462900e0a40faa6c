/*
 * tests/check_adtrust.c - the NT4 -> AD external trust converter
 * (migrate/adtrust.c) and its outputs (migrate/adtrust_out.c).
 *
 * The anchor is samba-ad/FINDINGS.md 7.2, variant t4-nt4-oneway: LDIF that
 * two real Samba 4.17 AD DCs accepted and validated for the NT4 one-way
 * trust "RES trusts ACCT" with the password Tru5t-Pa55w0rd-2024.  The
 * converter, fed the NT4 halves of that trust (RES's G$$ACCT secret in
 * clear, ACCT's RES$ account hash), must produce exactly its two blobs
 * (base64 below, copied from FINDINGS.md).  Then the wizard's choices,
 * every refusal with its message, the cross-check, and the exact text of
 * each output format.  Also base64 against RFC 4648 section 10.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/base64.h"
#include "common/err.h"
#include "common/ntlm.h"
#include "common/sid.h"
#include "common/wbuf.h"
#include "migrate/adtrust.h"
#include "migrate/adtrust_out.h"
#include "testutil.h"

Suite *adtrust_suite(void);

#define ACCT_SID "S-1-5-21-855226824-3211708752-2542584391"
#define RES_SID "S-1-5-21-516067384-3261188700-928463616"
#define T4_PW "Tru5t-Pa55w0rd-2024"
#define T4_TIME 0x01dd7a1b0fdf9700ULL /* LastUpdateTime of both blobs */

/* FINDINGS.md 7.2, t4-nt4-oneway: ACCT trustAuthIncoming, RES ...Outgoing */
static const char t4_acct_incoming[] =
	"AQAAAAwAAAAsAAAAAJffDxt63QEBAAAAEAAAAI5Bwz1HK9Jg+SZq0uMMV14Al98PG3rdAQ"
	"EAAAAQAAAAjkHDPUcr0mD5JmrS4wxXXg==";
static const char t4_res_outgoing[] =
	"AQAAAAwAAABEAAAAAJffDxt63QECAAAAJgAAAFQAcgB1ADUAdAAtAFAAYQA1ADUAdwAwAH"
	"IAZAAtADIAMAAyADQAAAAAl98PG3rdAQIAAAAmAAAAVAByAHUANQB0AC0AUABhADUANQB3"
	"ADAAcgBkAC0AMgAwADIANAAAAA==";

static int
contains(const struct wbuf *w, const char *s)
{
	return memmem(w->p, w->len, s, strlen(s)) != NULL;
}

static size_t
u16(const char *s, uint8_t *out)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		out[2 * i] = (uint8_t)s[i];
		out[2 * i + 1] = 0;
	}
	return 2 * i;
}

static void
dom(struct adtrust_domain *d, const char *flat, const char *dns,
    const char *sid)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->flat, sizeof(d->flat), "%s", flat);
	snprintf(d->dns, sizeof(d->dns), "%s", dns);
	ck_assert_int_eq(sid_parse(&d->sid, sid, NULL), 0);
}

/* a healthy NT4 trust with password pw, set at time t */
static void
nt4(struct adtrust_nt4 *t, const char *pw, uint64_t when)
{
	memset(t, 0, sizeof(*t));
	t->present = t->healthy = 1;
	snprintf(t->verdict, sizeof(t->verdict), "healthy");
	t->has_cur = 1;
	t->cur_len = u16(pw, t->cur);
	t->cur_time = when;
	t->has_hash = 1;
	ck_assert_int_eq(ntlm_nt_hash(pw, t->hash, NULL), 0);
	t->hash_time = when;
}

/* ACCT = dom[0], RES = dom[1]; RES trusts ACCT (nt4[1]) as in t4 */
static void
t4_input(struct adtrust_input *in)
{
	memset(in, 0, sizeof(*in));
	dom(&in->dom[0], "ACCT", "acct.example.test", ACCT_SID);
	dom(&in->dom[1], "RES", "res.example.test", RES_SID);
	nt4(&in->nt4[1], T4_PW, T4_TIME);
}

static const char *
b64(const struct trustauth_blob *b)
{
	static char out[4096];
	struct wbuf w, t;

	wbuf_init(&w, 4096);
	wbuf_init(&t, 4096);
	ck_assert_int_eq(trustauth_encode(b, &w), 0);
	ck_assert_int_eq(base64_encode(w.p, w.len, &t), 0);
	ck_assert_uint_lt(t.len, sizeof(out));
	memcpy(out, t.p, t.len);
	out[t.len] = '\0';
	wbuf_free(&w);
	wbuf_free(&t);
	return out;
}

START_TEST(test_base64_rfc4648)
{
	static const char *in[] = { "",	    "f",     "fo",    "foo",
				    "foob", "fooba", "foobar" };
	static const char *want[] = { "",	  "Zg==",     "Zm8=",	 "Zm9v",
				      "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	struct wbuf w;
	size_t i;

	for (i = 0; i < 7; i++) {
		wbuf_init(&w, 64);
		ck_assert_int_eq(base64_encode((const uint8_t *)in[i],
					       strlen(in[i]), &w),
				 0);
		ck_assert_uint_eq(w.len, strlen(want[i]));
		ck_assert_uint_eq(base64_len(strlen(in[i])), strlen(want[i]));
		if (w.len > 0) /* an empty wbuf has no buffer at all */
			ck_assert_mem_eq(w.p, want[i], w.len);
		wbuf_free(&w);
	}
}
END_TEST

/* The converter reproduces the blobs real Samba accepted (t4). */
START_TEST(test_t4_blobs)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;

	t4_input(&in);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	/* ACCT: inbound only, the RES$ account, NT4OWF from the hash */
	ck_assert_uint_eq(m.side[0].direction, ADTRUST_DIR_INBOUND);
	ck_assert_uint_eq(m.side[0].type, ADTRUST_TYPE_UPLEVEL);
	ck_assert_uint_eq(m.side[0].attributes, ADTRUST_ATTR_QUARANTINED);
	ck_assert_int_eq(m.side[0].account, 1);
	ck_assert_int_eq(m.side[0].account_has_pw, 0);
	ck_assert_str_eq(b64(&m.side[0].incoming), t4_acct_incoming);
	/* RES: outbound only, CLEAR from the G$$ACCT secret */
	ck_assert_uint_eq(m.side[1].direction, ADTRUST_DIR_OUTBOUND);
	ck_assert_int_eq(m.side[1].account, 0);
	ck_assert_str_eq(b64(&m.side[1].outgoing), t4_res_outgoing);
	ck_assert_int_eq(adtrust_check(&m, NULL), 0);
	adtrust_model_wipe(&m);
	adtrust_input_wipe(&in);
}
END_TEST

/* The samba-dialect LDIF of ACCT's side, every byte. */
START_TEST(test_ldif_samba)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;
	struct wbuf w;
	char want[4096];

	t4_input(&in);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	wbuf_init(&w, 65536);
	ck_assert_int_eq(adtrust_ldif(&m, 0, ADTRUST_LDIF_SAMBA, &w, NULL), 0);
	snprintf(
		want, sizeof(want),
		"# nt4trust: the ACCT side of the AD external trust between "
		"ACCT (acct.example.test) and RES (res.example.test)\n"
		"# direction inbound (1), trustType 2, trustAttributes "
		"0x00000004. Holds trust passwords: keep it private.\n"
		"# Apply on the Samba AD DC of acct.example.test, offline "
		"(Samba refuses these objects over LDAP):\n"
		"#   1. stop the DC (samba)\n"
		"#   2. ldbadd -H /var/lib/samba/private/sam.ldb "
		"--controls=local_oid:1.3.6.1.4.1.7165.4.3.23:0 ACCT.ldif\n"
		"#   3. start the DC again (winbindd reads the trusts at "
		"start)\n"
		"\n"
		"dn: CN=res.example.test,CN=System,DC=acct,DC=example,DC=test\n"
		"objectClass: trustedDomain\n"
		"cn: res.example.test\n"
		"flatName: RES\n"
		"trustPartner: res.example.test\n"
		"securityIdentifier: " RES_SID "\n"
		"trustDirection: 1\n"
		"trustType: 2\n"
		"trustAttributes: 4\n"
		"trustAuthIncoming:: %s\n"
		"\n"
		"dn: CN=RES$,CN=Users,DC=acct,DC=example,DC=test\n"
		"objectClass: user\n"
		"sAMAccountName: RES$\n"
		"userAccountControl: 2048\n",
		t4_acct_incoming);
	ck_assert_uint_eq(w.len, strlen(want));
	ck_assert_mem_eq(w.p, want, w.len);
	/* windows: binary SID, isCriticalSystemObject, ldifde */
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_ldif(&m, 1, ADTRUST_LDIF_WINDOWS, &w, NULL),
			 0);
	ck_assert(contains(&w, "securityIdentifier:: "
			       "AQQAAAAAAAUVAAAAyLn5MlDJbr9HwoyX\n"));
	ck_assert(contains(&w, "isCriticalSystemObject: TRUE\n"));
	ck_assert(contains(&w, "ldifde -i -f RES.ldif"));
	ck_assert(!contains(&w, "CN=Users")); /* outbound */
	wbuf_free(&w);
	adtrust_model_wipe(&m);
}
END_TEST

/* Two one-way NT4 trusts: one two-way AD trust, each side both blobs. */
START_TEST(test_two_way)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;
	uint8_t h[16], want[16];

	t4_input(&in);
	nt4(&in.nt4[0], "Other-Way-Pw1", T4_TIME + 10000000ULL);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_uint_eq(m.side[0].direction, ADTRUST_DIR_BIDIRECTIONAL);
	ck_assert_uint_eq(m.side[1].direction, ADTRUST_DIR_BIDIRECTIONAL);
	ck_assert_int_eq(m.side[0].account, 1);
	ck_assert_int_eq(m.side[1].account, 1);
	/* ACCT's outgoing = the clear G$$RES; RES's incoming = ACCT$ hash */
	ck_assert_uint_eq(m.side[0].outgoing.cur[0].type, TRUSTAUTH_CLEAR);
	ck_assert_uint_eq(m.side[1].incoming.cur[0].type, TRUSTAUTH_NT4OWF);
	ck_assert_int_eq(trustauth_nt_hash(&m.side[1].incoming, 0, h, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("Other-Way-Pw1", want, NULL), 0);
	ck_assert_mem_eq(h, want, 16);
	ck_assert_int_eq(adtrust_check(&m, NULL), 0);
	/* an old value on the trusting side becomes the previous entry */
	in.nt4[0].has_old = 1;
	in.nt4[0].old_len = u16("Older-Pw", in.nt4[0].old);
	in.nt4[0].old_time = T4_TIME;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_uint_eq(m.side[0].outgoing.nprev, 1);
	ck_assert_mem_eq(m.side[0].outgoing.prev[0].info, in.nt4[0].old, 16);
	/* a tampered blob fails the cross-check, naming the direction */
	{
		struct errinfo ei;

		m.side[1].incoming.cur[0].info[0] ^= 1;
		err_clear(&ei);
		ck_assert_int_eq(adtrust_check(&m, &ei), ERR_INVALID);
		ck_assert_str_eq(ei.msg,
				 "ACCT -> RES: the outgoing password of ACCT "
				 "is not the incoming password of RES");
	}
	adtrust_model_wipe(&m);
}
END_TEST

/* A new password: CLEAR on both ends, the NT4 one kept as previous. */
START_TEST(test_new_password)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;
	uint8_t pw[64];
	struct errinfo ei;

	t4_input(&in);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	o.direction = ADTRUST_TWO_WAY;
	/* the reverse direction has no NT4 password: refused without one */
	err_clear(&ei);
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg,
			 "ACCT does not trust RES under NT4, so there is no "
			 "password to carry over for ACCT -> RES: give a new "
			 "one (--password-file FILE or --generate)");
	o.new_pw = pw;
	o.new_len = u16("Brand-New-Trust-Pw", pw);
	o.now = T4_TIME + 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_uint_eq(m.side[0].direction, ADTRUST_DIR_BIDIRECTIONAL);
	ck_assert_uint_eq(m.side[0].incoming.cur[0].type, TRUSTAUTH_CLEAR);
	ck_assert_uint_eq(m.side[0].incoming.cur[0].time, T4_TIME + 1);
	/* RES -> ACCT had an NT4 password: it is the previous one */
	ck_assert_uint_eq(m.side[0].incoming.prev[0].type, TRUSTAUTH_NT4OWF);
	ck_assert_uint_eq(m.side[1].outgoing.prev[0].type, TRUSTAUTH_CLEAR);
	ck_assert_uint_eq(m.side[1].outgoing.prev[0].len, 38);
	/* ACCT -> RES had none: previous is a copy */
	ck_assert_uint_eq(m.side[0].outgoing.prev[0].time, T4_TIME + 1);
	ck_assert_int_eq(m.side[0].account_has_pw, 1);
	ck_assert_int_eq(adtrust_check(&m, NULL), 0);
	adtrust_model_wipe(&m);
}
END_TEST

/* The refusals, each with its message. */
START_TEST(test_refusals)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;
	struct errinfo ei;
	struct wbuf w;

	t4_input(&in);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	/* a broken NT4 trust */
	in.nt4[1].healthy = 0;
	snprintf(in.nt4[1].verdict, sizeof(in.nt4[1].verdict),
		 "trusted-side-missing");
	err_clear(&ei);
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg,
			 "the NT4 trust RES -> ACCT is broken "
			 "(trusted-side-missing): repair it first (nt4trust "
			 "trust repair RES ACCT), or give a new password");
	ck_assert_uint_eq(m.side[0].direction, 0); /* wiped */
	in.nt4[1].healthy = 1;
	/* no trust at all */
	in.nt4[1].present = 0;
	err_clear(&ei);
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "there is no NT4 trust between ACCT and RES "
				 "to migrate (give --direction to create one)");
	in.nt4[1].present = 1;
	/* selective authentication needs an outgoing side on ACCT */
	o.selective = 1;
	err_clear(&ei);
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg,
			 "selective authentication is a choice for an "
			 "outgoing trust, and ACCT does not trust RES in this "
			 "direction");
	/* seen from RES it is outgoing: 0x14 there, and Samba refuses it */
	in.dom[0] = in.dom[1];
	dom(&in.dom[1], "ACCT", "acct.example.test", ACCT_SID);
	in.nt4[0] = in.nt4[1];
	memset(&in.nt4[1], 0, sizeof(in.nt4[1]));
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_uint_eq(m.side[0].attributes, 0x14);
	ck_assert_uint_eq(m.side[1].attributes, 0x4);
	wbuf_init(&w, 65536);
	err_clear(&ei);
	ck_assert_int_eq(adtrust_ldif(&m, 0, ADTRUST_LDIF_SAMBA, &w, &ei),
			 ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(ei.msg, "Samba 4.17's winbindd ignores"));
	ck_assert_int_eq(adtrust_ldif(&m, 0, ADTRUST_LDIF_WINDOWS, &w, NULL),
			 0);
	wbuf_free(&w);
	/* --no-quarantine */
	o.selective = 0;
	o.no_quarantine = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_uint_eq(m.side[0].attributes, 0);
	/* this side only */
	o.both_sides = 0;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	ck_assert_int_eq(m.side[0].present, 1);
	ck_assert_int_eq(m.side[1].present, 0);
	ck_assert_int_eq(adtrust_ldif(&m, 1, ADTRUST_LDIF_SAMBA, &w, &ei),
			 ERR_INVALID);
	adtrust_model_wipe(&m);
}
END_TEST

START_TEST(test_dns)
{
	struct errinfo ei;
	char dn[128];

	ck_assert_int_eq(adtrust_dns_check("acct.example.test", NULL), 0);
	ck_assert_int_eq(adtrust_dns_check("a-1.b2", NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(adtrust_dns_check("acct", &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "DNS name 'acct' has one label: an AD domain "
				 "needs a dotted name such as "
				 "acct.example.com");
	err_clear(&ei);
	ck_assert_int_eq(adtrust_dns_check("a..b", &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "DNS name 'a..b' has an empty label");
	err_clear(&ei);
	ck_assert_int_eq(adtrust_dns_check("a_b.c", &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "DNS name 'a_b.c': character '_' is not a "
				 "letter, digit, '-' or '.'");
	ck_assert_int_eq(adtrust_dns_check("-a.b", NULL), ERR_INVALID);
	ck_assert_int_eq(adtrust_dns_check("a-.b", NULL), ERR_INVALID);
	ck_assert_int_eq(adtrust_dns_check("a.b.", NULL), ERR_INVALID);
	ck_assert_int_eq(adtrust_dns_check("", NULL), ERR_INVALID);
	ck_assert_int_eq(adtrust_domain_dn("acct.example.test", dn, sizeof(dn)),
			 0);
	ck_assert_str_eq(dn, "DC=acct,DC=example,DC=test");
	ck_assert_int_eq(adtrust_domain_dn("acct.example.test", dn, 10),
			 ERR_RANGE);
	ck_assert_uint_eq(adtrust_filetime(0), 116444736000000000ULL);
}
END_TEST

/* The scripts: exact lines, no password anywhere. */
START_TEST(test_scripts)
{
	static struct adtrust_input in;
	static struct adtrust_model m;
	struct adtrust_opts o;
	struct wbuf w;

	t4_input(&in);
	nt4(&in.nt4[0], "Other-Way-Pw1", T4_TIME);
	memset(&o, 0, sizeof(o));
	o.both_sides = 1;
	o.selective = 1;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	wbuf_init(&w, 65536);
	ck_assert_int_eq(adtrust_netdom(&m, &w, NULL), 0);
	ck_assert(contains(
		&w,
		"\nREM on acct.example.test (ACCT)\n"
		"netdom trust acct.example.test /Domain:res.example.test /Add "
		"/Twoway /OneSide:trusting /PasswordT:*\n"
		"netdom trust acct.example.test /Domain:res.example.test "
		"/Quarantine:yes\n"
		"netdom trust acct.example.test /Domain:res.example.test "
		"/SelectiveAUTH:yes\n"));
	ck_assert(!contains(&w, "Pw1"));
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_sambatool(&m, &w, NULL), 0);
	ck_assert(contains(
		&w, "samba-tool domain trust create res.example.test "
		    "--type=external --direction=both --create-location=both "
		    "--cross-organisation -U 'RES\\Administrator'\n"));
	ck_assert(contains(&w, "# Warning: Samba 4.17"));
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_powershell(&m, &w, NULL), 0);
	ck_assert(contains(
		&w,
		"$local.CreateTrustRelationship($remote, "
		"[System.DirectoryServices.ActiveDirectory.TrustDirection]::"
		"Bidirectional)\n"));
	ck_assert(contains(&w, "$local.SetSelectiveAuthenticationStatus("
			       "'res.example.test', $true)\n"));
	/* one side, incoming only, no quarantine */
	o.both_sides = 0;
	o.selective = 0;
	o.no_quarantine = 1;
	o.direction = ADTRUST_INCOMING;
	ck_assert_int_eq(adtrust_convert(&m, &in, &o, NULL), 0);
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_sambatool(&m, &w, NULL), 0);
	ck_assert(contains(&w,
			   "samba-tool domain trust create res.example.test "
			   "--type=external --direction=incoming "
			   "--create-location=local --quarantined=no\n"));
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_netdom(&m, &w, NULL), 0);
	ck_assert(contains(&w, "netdom trust res.example.test "
			       "/Domain:acct.example.test /Add "
			       "/OneSide:trusted /PasswordT:*\n"));
	ck_assert(!contains(&w, "Quarantine"));
	wbuf_reset(&w);
	ck_assert_int_eq(adtrust_powershell(&m, &w, NULL), 0);
	ck_assert(contains(&w, "$local.CreateLocalSideOfTrustRelationship("
			       "'res.example.test', "
			       "[System.DirectoryServices.ActiveDirectory."
			       "TrustDirection]::Inbound, $plain)\n"));
	wbuf_free(&w);
	adtrust_model_wipe(&m);
}
END_TEST

Suite *
adtrust_suite(void)
{
	Suite *s = suite_create("adtrust");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_base64_rfc4648);
	tcase_add_test(tc, test_t4_blobs);
	tcase_add_test(tc, test_ldif_samba);
	tcase_add_test(tc, test_two_way);
	tcase_add_test(tc, test_new_password);
	tcase_add_test(tc, test_refusals);
	tcase_add_test(tc, test_dns);
	tcase_add_test(tc, test_scripts);
	suite_add_tcase(s, tc);
	return s;
}
