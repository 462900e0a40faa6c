/*
 * tests/check_live.c - migrate/live without a server: the //SERVER and
 * DOMAIN\user parsers (table-driven, exact messages), the status scanner
 * over Samba 4.17 debug text as libsmbclient really printed it against the
 * classic PDCs of tests/samba/ (REPORT.md section 3 states), its
 * truncation and bit-flip loops, the plain-words causes, and one session
 * set-up against loopback with each of its allocations failed in turn.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "migrate/live.h"
#include "testutil.h"

static const struct {
	const char *text;
	const char *name; /* NULL: none */
	uint32_t code;
} scans[] = {
	{ "SPNEGO login failed: The attempted logon is invalid. This is "
	  "either due to a bad username or authentication information.\n",
	  "NT_STATUS_LOGON_FAILURE", NTSTATUS_LOGON_FAILURE },
	{ "Got NTLMSSP neg_flags=0x62088215\nSPNEGO login failed: {Access "
	  "Denied} A process has requested access to an object but has not "
	  "been granted those access rights.\n",
	  "NT_STATUS_ACCESS_DENIED", NTSTATUS_ACCESS_DENIED },
	{ "SPNEGO login failed: The account used is an interdomain trust "
	  "account. Use your global user account or local user account to "
	  "access this server.",
	  "NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	  NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT },
	/* Samba's wording differs from [MS-ERREF]'s at the end */
	{ "SPNEGO login failed: The referenced account is currently disabled "
	  "and cannot be logged on to.\n",
	  "NT_STATUS_ACCOUNT_DISABLED", NTSTATUS_ACCOUNT_DISABLED },
	{ "session setup failed: NT_STATUS_NO_LOGON_SERVERS\n",
	  "NT_STATUS_NO_LOGON_SERVERS", NTSTATUS_NO_LOGON_SERVERS },
	/* last failure wins; OK and MORE_PROCESSING_REQUIRED do not count */
	{ "x NT_STATUS_ACCESS_DENIED\ny NT_STATUS_LOGON_FAILURE z\n"
	  "NT_STATUS_OK NT_STATUS_MORE_PROCESSING_REQUIRED\n",
	  "NT_STATUS_LOGON_FAILURE", NTSTATUS_LOGON_FAILURE },
	/* a name not in common/ntstatus: kept, code 0 */
	{ "NT_STATUS_CONNECTION_REFUSED", "NT_STATUS_CONNECTION_REFUSED", 0 },
	{ "Server connect ok: //RESPDC/IPC$: 0x55\n", NULL, 0 },
	{ "NT_STATUS_", NULL, 0 },
	{ "NT_STATUS_OK", NULL, 0 },
	{ "NT_STATUS_lower", NULL, 0 },
	{ "SPNEGO login failed: nothing like a status text here\n", NULL, 0 },
	{ "login failed: The\n", NULL, 0 },
	{ "", NULL, 0 },
	/* a token longer than LIVE_STATUS_NAME - 1 is skipped */
	{ "NT_STATUS_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	  "AAAAAAAAAAAAAAAAAAAAAAAA",
	  NULL, 0 },
};

START_TEST(test_scan_table)
{
	char name[LIVE_STATUS_NAME];
	uint32_t code = 1;
	const char *t = scans[_i].text;
	int f = live_status_scan((const uint8_t *)t, strlen(t), name,
				 sizeof(name), &code);

	if (scans[_i].name == NULL) {
		ck_assert_int_eq(f, 0);
		ck_assert_str_eq(name, "");
		ck_assert_uint_eq(code, 0);
	} else {
		ck_assert_int_eq(f, 1);
		ck_assert_str_eq(name, scans[_i].name);
		ck_assert_uint_eq(code, scans[_i].code);
	}
}
END_TEST

/* every prefix and every single-bit flip: no crash, a sane answer */
START_TEST(test_scan_truncate_flip)
{
	static const char t[] =
		"SPNEGO login failed: {Access Denied} A process has "
		"requested access to an object but has not been granted "
		"those access rights.\nsession setup failed: "
		"NT_STATUS_NO_LOGON_SERVERS\n";
	uint8_t buf[sizeof(t)];
	char name[LIVE_STATUS_NAME];
	size_t n, i;
	uint32_t code;
	int f;

	for (n = 0; n < sizeof(t) - 1; n++) {
		f = live_status_scan((const uint8_t *)t, n, name, sizeof(name),
				     &code);
		ck_assert(f == 0 || strncmp(name, "NT_STATUS_", 10) == 0);
	}
	for (i = 0; i < (sizeof(t) - 1) * 8; i++) {
		memcpy(buf, t, sizeof(t));
		buf[i / 8] ^= (uint8_t)(1u << (i % 8));
		f = live_status_scan(buf, sizeof(t) - 1, name, sizeof(name),
				     &code);
		ck_assert(f == 0 || strlen(name) < LIVE_STATUS_NAME);
	}
	/* too small a name buffer: nothing */
	ck_assert_int_eq(live_status_scan((const uint8_t *)t, sizeof(t) - 1,
					  name, 8, &code),
			 0);
}
END_TEST

static const struct {
	const char *arg;
	const char *want; /* NULL: refused with msg */
	const char *msg;
} servers[] = {
	{ "//RESPDC", "RESPDC", NULL },
	{ "\\\\RESPDC", "RESPDC", NULL },
	{ "//RESPDC/", "RESPDC", NULL },
	{ "//192.0.2.2", "192.0.2.2", NULL },
	{ "//pdc-1.lab.example", "pdc-1.lab.example", NULL },
	{ "RESPDC", NULL, "server 'RESPDC': must be written //SERVER" },
	{ "/RESPDC", NULL, "server '/RESPDC': must be written //SERVER" },
	{ "", NULL, "server '': must be written //SERVER" },
	{ "//", NULL, "server '//': the name is empty" },
	{ "///", NULL, "server '///': the name is empty" },
	{ "//RESPDC/share", NULL,
	  "server '//RESPDC/share': a name or address only, of letters, "
	  "digits, '-', '_', '.' (no share, no path)" },
	{ "//a b", NULL,
	  "server '//a b': a name or address only, of letters, digits, '-', "
	  "'_', '.' (no share, no path)" },
	{ "//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
	  NULL,
	  "server '//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
	  "AAAAAAAA': the name is longer than 63 characters" },
};

START_TEST(test_server_parse)
{
	char out[LIVE_SERVER_MAX + 1];
	struct errinfo ei;
	int r;

	err_clear(&ei);
	r = live_server_parse(servers[_i].arg, out, sizeof(out), &ei);
	if (servers[_i].want != NULL) {
		ck_assert_int_eq(r, 0);
		ck_assert_str_eq(out, servers[_i].want);
	} else {
		ck_assert_int_eq(r, ERR_INVALID);
		ck_assert_str_eq(ei.msg, servers[_i].msg);
		ck_assert_str_eq(out, "");
	}
}
END_TEST

static const struct {
	const char *arg;
	const char *dom, *user; /* NULL: refused with msg */
	const char *msg;
} accounts[] = {
	{ "ACCOUNTS\\alice", "ACCOUNTS", "alice", NULL },
	{ "accounts\\RESOURCE$", "accounts", "RESOURCE$", NULL },
	{ "alice", NULL, NULL,
	  "account 'alice': must be written DOMAIN\\user" },
	{ "\\alice", NULL, NULL,
	  "account '\\alice': the domain part must be 1 to 15 characters" },
	{ "ACCOUNTS\\", NULL, NULL,
	  "account 'ACCOUNTS\\': the user part must be 1 to 104 "
	  "characters" },
	{ "ABCDEFGHIJKLMNOP\\alice", NULL, NULL,
	  "account 'ABCDEFGHIJKLMNOP\\alice': the domain part must be 1 to "
	  "15 characters" },
	{ "A\\b\\c", NULL, NULL,
	  "account 'A\\b\\c': control characters or a second backslash" },
	{ "A\\b\tc", NULL, NULL,
	  "account 'A\\b\tc': control characters or a second backslash" },
};

START_TEST(test_account_parse)
{
	char dom[16], user[LIVE_USER_MAX + 1];
	struct errinfo ei;
	int r;

	err_clear(&ei);
	r = live_account_parse(accounts[_i].arg, dom, sizeof(dom), user,
			       sizeof(user), &ei);
	if (accounts[_i].dom != NULL) {
		ck_assert_int_eq(r, 0);
		ck_assert_str_eq(dom, accounts[_i].dom);
		ck_assert_str_eq(user, accounts[_i].user);
	} else {
		ck_assert_int_eq(r, ERR_INVALID);
		ck_assert_str_eq(ei.msg, accounts[_i].msg);
	}
}
END_TEST

START_TEST(test_causes)
{
	struct live_result r;

	memset(&r, 0, sizeof(r));
	r.ok = 1;
	ck_assert_str_eq(live_causes(&r, 0), "");
	r.ok = 0;
	r.status_known = 1;
	memcpy(r.status_name, "NT_STATUS_ACCESS_DENIED", 24);
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "secure channel"));
	memcpy(r.status_name, "NT_STATUS_LOGON_FAILURE", 24);
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "revoked"));
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 1), "trust account"));
	memcpy(r.status_name, "NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	       44);
	ck_assert_ptr_nonnull(
		strstr(live_causes(&r, 1), "the password is right"));
	memcpy(r.status_name, "NT_STATUS_NO_LOGON_SERVERS", 27);
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "down"));
	memcpy(r.status_name, "NT_STATUS_X", 12);
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "No plain-words"));
	r.status_known = 0;
	r.sys_errno = ECONNREFUSED;
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "refused"));
	r.sys_errno = EIO;
	ck_assert_ptr_nonnull(strstr(live_causes(&r, 0), "not available"));
}
END_TEST

/*
 * LeakSanitizer: libsmbclient's first context leaks the old name of
 * Samba's log file (debug_set_logfile from reopen_logs, Samba 4.17), once
 * per process; a leak of the system library, not of nt4trust (valgrind:
 * tests/valgrind.supp).  Only that function is suppressed, so a context
 * left unfreed (talloc memory too) still shows; the slow unwinder gives
 * the leak's whole stack through Samba's libraries for the match.
 */
const char *__asan_default_options(void);
const char *__lsan_default_suppressions(void);

const char *
__asan_default_options(void)
{
	return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:debug_set_logfile\n";
}

/*
 * live_session with its Nth allocation failed, for every N, against
 * loopback only (127.0.0.1, where no SMB server is expected; whatever
 * answers is taken as it comes): each failed allocation is ERR_NOMEM with
 * its message and an empty result; the first run without one is the real
 * outcome, a result or a clean error, consistent either way.  Without a
 * loadable libsmbclient the first run fails before allocating, with the
 * exact message that says so.  Leaks show under ASan/LSan and valgrind.
 */
START_TEST(test_session_oom)
{
	struct live_opts o;
	struct live_result res;
	const struct ntstatus_info *si;
	struct errinfo ei;
	long k;
	int r, fired;

	memset(&o, 0, sizeof(o));
	o.timeout_ms = 2000;
	for (k = 0;; k++) {
		ck_assert_int_lt(k, 100);
		err_clear(&ei);
		mem_fail_after(k);
		r = live_session("127.0.0.1", "ACCOUNTS", "alice", "x", &o,
				 &res, &ei);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		if (!fired)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_int_eq(ei.code, ERR_NOMEM);
		ck_assert_str_eq(ei.msg, "live session: out of memory");
		ck_assert_int_eq(res.ok, 0);
		ck_assert_int_eq(res.status_known, 0);
		ck_assert_int_eq(res.sys_errno, 0);
	}
	if (k == 0) {
		/* libsmbclient could not be loaded: nothing was allocated */
		ck_assert_int_eq(r, ERR_IO);
		ck_assert_str_eq(ei.msg, "cannot load libsmbclient.so.0 "
					 "(install the libsmbclient package)");
		return;
	}
	/* the call and its debug buffer: both allocations were failed */
	ck_assert_int_eq(k, 2);
	if (r != 0) {
		ck_assert(r == ERR_IO || r == ERR_NOMEM);
		ck_assert_int_eq(ei.code, r);
		ck_assert(ei.msg[0] != '\0');
		ck_assert_int_eq(res.ok, 0);
		return;
	}
	ck_assert_int_eq(ei.code, 0);
	ck_assert_str_eq(ei.msg, "");
	if (res.ok) {
		ck_assert_int_eq(res.status_known, 0);
		ck_assert_int_eq(res.sys_errno, 0);
		return;
	}
	ck_assert_int_ne(res.sys_errno, 0);
	if (res.status_known) {
		ck_assert_int_eq(strncmp(res.status_name, "NT_STATUS_", 10), 0);
		si = ntstatus_parse(res.status_name);
		ck_assert_uint_eq(res.status, si != NULL ? si->code : 0);
	} else {
		ck_assert_str_eq(res.status_name, "");
		ck_assert_uint_eq(res.status, 0);
	}
}
END_TEST

Suite *live_suite(void);

Suite *
live_suite(void)
{
	Suite *s = suite_create("live");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_scan_table, 0,
			    (int)(sizeof(scans) / sizeof(scans[0])));
	tcase_add_test(tc, test_scan_truncate_flip);
	tcase_add_loop_test(tc, test_server_parse, 0,
			    (int)(sizeof(servers) / sizeof(servers[0])));
	tcase_add_loop_test(tc, test_account_parse, 0,
			    (int)(sizeof(accounts) / sizeof(accounts[0])));
	tcase_add_test(tc, test_causes);
	tcase_add_test(tc, test_session_oom);
	suite_add_tcase(s, tc);
	return s;
}
