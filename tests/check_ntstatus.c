/*
 * tests/check_ntstatus.c - the NTSTATUS table (common/ntstatus.c) against
 * tests/data/vectors/errors.json field by field, the table's invariants,
 * the extra codes an NT4 trust emulator meets, and every ntstatus_parse
 * form.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "common/ntstatus.h"
#include "testutil.h"

static uint32_t
hex_code(const char *s)
{
	uint32_t v = 0;
	size_t i;
	char c;

	ck_assert_msg(s[0] == '0' && s[1] == 'x', "bad hex %s", s);
	for (i = 2; s[i] != '\0'; i++) {
		c = s[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (uint32_t)(c - '0');
		else if (c >= 'A' && c <= 'F')
			v |= (uint32_t)(c - 'A' + 10);
		else if (c >= 'a' && c <= 'f')
			v |= (uint32_t)(c - 'a' + 10);
		else
			ck_abort_msg("bad hex %s", s);
	}
	return v;
}

START_TEST(test_vectors)
{
	json_t *root = tu_load_json("vectors/errors.json");
	json_t *errs = json_object_get(root, "errors"), *e;
	const struct ntstatus_info *inf;
	size_t i;
	uint32_t code;

	ck_assert(json_is_array(errs));
	ck_assert_uint_ge(json_array_size(errs), 28);
	json_array_foreach(errs, i, e)
	{
		code = hex_code(tu_str(e, "ntstatus_hex"));
		inf = ntstatus_lookup(code);
		ck_assert_msg(inf != NULL, "%s missing", tu_str(e, "ntstatus"));
		ck_assert_uint_eq(inf->code, code);
		ck_assert_str_eq(inf->name, tu_str(e, "ntstatus"));
		ck_assert_str_eq(inf->nt_text, tu_str(e, "ntstatus_message"));
		ck_assert_str_eq(inf->win32_name, tu_str(e, "win32"));
		ck_assert_uint_eq(
			inf->win32,
			json_integer_value(json_object_get(e, "win32_code")));
		ck_assert_str_eq(inf->win32_text, tu_str(e, "win32_message"));
		/* and back by name */
		ck_assert_ptr_eq(ntstatus_parse(tu_str(e, "ntstatus")), inf);
		ck_assert_ptr_eq(ntstatus_parse(tu_str(e, "ntstatus_hex")),
				 inf);
	}
	json_decref(root);
}
END_TEST

START_TEST(test_table_invariants)
{
	const struct ntstatus_info *e, *prev = NULL;
	size_t i, n = ntstatus_count();

	ck_assert_uint_ge(n, 40);
	for (i = 0; i < n; i++) {
		e = ntstatus_at(i);
		ck_assert_ptr_nonnull(e);
		if (prev != NULL)
			ck_assert_msg(prev->code < e->code,
				      "table not sorted at %s", e->name);
		ck_assert_msg(strncmp(e->name, "STATUS_", 7) == 0, "%s",
			      e->name);
		ck_assert_msg(strncmp(e->win32_name, "ERROR_", 6) == 0, "%s",
			      e->win32_name);
		ck_assert_uint_gt(strlen(e->nt_text), 0);
		ck_assert_uint_gt(strlen(e->win32_text), 0);
		ck_assert_ptr_eq(ntstatus_lookup(e->code), e);
		ck_assert_ptr_eq(ntstatus_parse(e->name), e);
		prev = e;
	}
	ck_assert_ptr_null(ntstatus_at(n));
	ck_assert_ptr_null(ntstatus_at((size_t)-1));
}
END_TEST

/* Codes outside errors.json that the brief requires, with their mapping. */
static const struct {
	uint32_t code;
	const char *name;
	uint32_t win32;
	const char *win32_name;
} extra[] = {
	{ 0x00000000u, "STATUS_SUCCESS", 0, "ERROR_SUCCESS" },
	{ 0xC0000008u, "STATUS_INVALID_HANDLE", 6, "ERROR_INVALID_HANDLE" },
	{ 0xC0000073u, "STATUS_NONE_MAPPED", 1332, "ERROR_NONE_MAPPED" },
	{ 0xC00000C9u, "STATUS_NETWORK_NAME_DELETED", 64,
	  "ERROR_NETNAME_DELETED" },
	{ 0xC0000388u, "STATUS_DOWNGRADE_DETECTED", 1265,
	  "ERROR_DOWNGRADE_DETECTED" },
	{ 0xC0000062u, "STATUS_INVALID_ACCOUNT_NAME", 1315,
	  "ERROR_INVALID_ACCOUNT_NAME" },
	{ 0xC0000063u, "STATUS_USER_EXISTS", 1316, "ERROR_USER_EXISTS" },
	{ 0xC000006Fu, "STATUS_INVALID_LOGON_HOURS", 1328,
	  "ERROR_INVALID_LOGON_HOURS" },
	{ 0xC0000070u, "STATUS_INVALID_WORKSTATION", 1329,
	  "ERROR_INVALID_WORKSTATION" },
	{ 0xC0000193u, "STATUS_ACCOUNT_EXPIRED", 1793,
	  "ERROR_ACCOUNT_EXPIRED" },
	{ 0xC0000224u, "STATUS_PASSWORD_MUST_CHANGE", 1907,
	  "ERROR_PASSWORD_MUST_CHANGE" },
	{ 0xC00000DAu, "STATUS_CANT_ACCESS_DOMAIN_INFO", 1351,
	  "ERROR_CANT_ACCESS_DOMAIN_INFO" },
	{ 0xC00000DEu, "STATUS_INVALID_DOMAIN_ROLE", 1354,
	  "ERROR_INVALID_DOMAIN_ROLE" },
	{ 0xC00000E0u, "STATUS_DOMAIN_EXISTS", 1356, "ERROR_DOMAIN_EXISTS" },
	{ 0xC0000413u, "STATUS_AUTHENTICATION_FIREWALL_FAILED", 1935,
	  "ERROR_AUTHENTICATION_FIREWALL_FAILED" },
};

START_TEST(test_extra_codes)
{
	const struct ntstatus_info *e = ntstatus_lookup(extra[_i].code);

	ck_assert_msg(e != NULL, "%s missing", extra[_i].name);
	ck_assert_str_eq(e->name, extra[_i].name);
	ck_assert_uint_eq(e->win32, extra[_i].win32);
	ck_assert_str_eq(e->win32_name, extra[_i].win32_name);
}
END_TEST

START_TEST(test_known_texts)
{
	const struct ntstatus_info *e;

	e = ntstatus_lookup(NTSTATUS_OK);
	ck_assert_str_eq(e->name, "STATUS_SUCCESS");
	ck_assert_str_eq(e->win32_text,
			 "The operation completed successfully.");
	e = ntstatus_lookup(0xC0000073u);
	ck_assert_str_eq(
		e->nt_text,
		"None of the information to be translated has been "
		"translated.");
	ck_assert_str_eq(
		e->win32_text,
		"No mapping between account names and security IDs was done.");
	e = ntstatus_lookup(NTSTATUS_TRUSTED_DOMAIN_FAILURE);
	ck_assert_str_eq(e->win32_text, "The trust relationship between the "
					"primary domain and the trusted "
					"domain failed.");
}
END_TEST

/* Every NTSTATUS_* macro of the header names an entry of the table. */
START_TEST(test_header_macros)
{
	static const uint32_t codes[] = {
		NTSTATUS_OK,
		NTSTATUS_INVALID_INFO_CLASS,
		NTSTATUS_INVALID_PARAMETER,
		NTSTATUS_ACCESS_DENIED,
		NTSTATUS_OBJECT_NAME_NOT_FOUND,
		NTSTATUS_OBJECT_NAME_COLLISION,
		NTSTATUS_NO_LOGON_SERVERS,
		NTSTATUS_NO_SUCH_USER,
		NTSTATUS_WRONG_PASSWORD,
		NTSTATUS_LOGON_FAILURE,
		NTSTATUS_PASSWORD_EXPIRED,
		NTSTATUS_ACCOUNT_DISABLED,
		NTSTATUS_INVALID_SID,
		NTSTATUS_NOT_SUPPORTED,
		NTSTATUS_NO_SUCH_DOMAIN,
		NTSTATUS_INTERNAL_DB_CORRUPTION,
		NTSTATUS_INVALID_COMPUTER_NAME,
		NTSTATUS_NO_TRUST_LSA_SECRET,
		NTSTATUS_NO_TRUST_SAM_ACCOUNT,
		NTSTATUS_TRUSTED_DOMAIN_FAILURE,
		NTSTATUS_TRUSTED_RELATIONSHIP_FAILURE,
		NTSTATUS_TRUST_FAILURE,
		NTSTATUS_NETLOGON_NOT_STARTED,
		NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT,
		NTSTATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT,
		NTSTATUS_NOLOGON_SERVER_TRUST_ACCOUNT,
		NTSTATUS_DOMAIN_TRUST_INCONSISTENT,
		NTSTATUS_DOMAIN_CONTROLLER_NOT_FOUND,
		NTSTATUS_ACCOUNT_LOCKED_OUT,
	};
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		ck_assert_msg(ntstatus_lookup(codes[i]) != NULL, "0x%08X",
			      (unsigned int)codes[i]);
}
END_TEST

START_TEST(test_unknown_codes)
{
	static const uint32_t unknown[] = { 0x00000001u, 0xC0000000u,
					    0xC0000009u, 0xC000018Eu,
					    0xDEADBEEFu, 0xFFFFFFFFu };
	char buf[16];
	size_t i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++)
		ck_assert_ptr_null(ntstatus_lookup(unknown[i]));
	ck_assert_str_eq(ntstatus_name(0xC000018Cu, buf, sizeof(buf)),
			 "STATUS_TRUSTED_DOMAIN_FAILURE");
	ck_assert_str_eq(ntstatus_name(0xDEADBEEFu, buf, sizeof(buf)),
			 "0xDEADBEEF");
	ck_assert_str_eq(ntstatus_name(0x00000001u, buf, 11), "0x00000001");
	/* too small a buffer still gives a string, never NULL */
	ck_assert_ptr_nonnull(ntstatus_name(0xDEADBEEFu, buf, 10));
	ck_assert_ptr_nonnull(ntstatus_name(0xDEADBEEFu, NULL, 0));
	/* the smallest and largest codes of the table are found */
	ck_assert_ptr_eq(ntstatus_lookup(ntstatus_at(0)->code), ntstatus_at(0));
	i = ntstatus_count() - 1;
	ck_assert_ptr_eq(ntstatus_lookup(ntstatus_at(i)->code), ntstatus_at(i));
}
END_TEST

static const struct {
	const char *in;
	uint32_t code; /* 0xFFFFFFFF: NULL expected */
} parse_cases[] = {
	/* NTSTATUS names, any case, with or without prefix */
	{ "STATUS_TRUSTED_DOMAIN_FAILURE", 0xC000018Cu },
	{ "status_trusted_domain_failure", 0xC000018Cu },
	{ "NT_STATUS_TRUSTED_DOMAIN_FAILURE", 0xC000018Cu },
	{ "nt_status_Trusted_Domain_Failure", 0xC000018Cu },
	{ "TRUSTED_DOMAIN_FAILURE", 0xC000018Cu },
	{ "trusted_domain_failure", 0xC000018Cu },
	{ "STATUS_SUCCESS", 0 },
	{ "SUCCESS", 0 },
	{ "NT_STATUS_OK", 0 },
	{ "nt_status_ok", 0 },
	{ "STATUS_OK", 0 },
	/* hex */
	{ "0xC000018C", 0xC000018Cu },
	{ "0xc000018c", 0xC000018Cu },
	{ "0XC000018C", 0xC000018Cu },
	{ "0x0", 0 },
	{ "0x00000000", 0 },
	{ "0x105", 0x00000105u },
	/* Win32 names: the NTSTATUS of the same name is preferred */
	{ "ERROR_TRUSTED_DOMAIN_FAILURE", 0xC000018Cu },
	{ "error_trusted_domain_failure", 0xC000018Cu },
	{ "ERROR_INVALID_PARAMETER", 0xC000000Du },
	{ "ERROR_INVALID_PASSWORD", 0xC000006Au },
	{ "ERROR_FILE_NOT_FOUND", 0xC0000034u },
	{ "ERROR_INVALID_HANDLE", 0xC0000008u },
	{ "ERROR_MORE_DATA", 0x00000105u }, /* first in code order */
	{ "ERROR_SUCCESS", 0 },
	/* decimal Win32 codes */
	{ "1788", 0xC000018Cu },
	{ "5", 0xC0000022u },
	{ "87", 0xC000000Du },
	{ "0", 0 },
	{ "1265", 0xC0000388u },
	/* nothing */
	{ "", 0xFFFFFFFFu },
	{ "STATUS_", 0xFFFFFFFFu },
	{ "NT_STATUS_", 0xFFFFFFFFu },
	{ "ERROR_", 0xFFFFFFFFu },
	{ "STATUS_NO_SUCH_THING", 0xFFFFFFFFu },
	{ "ERROR_NO_SUCH_THING", 0xFFFFFFFFu },
	{ "STATUS_TRUSTED_DOMAIN_FAILUR", 0xFFFFFFFFu },
	{ "STATUS_TRUSTED_DOMAIN_FAILUREX", 0xFFFFFFFFu },
	{ " STATUS_ACCESS_DENIED", 0xFFFFFFFFu },
	{ "STATUS_ACCESS_DENIED ", 0xFFFFFFFFu },
	{ "0x", 0xFFFFFFFFu },
	{ "0xC000018G", 0xFFFFFFFFu },
	{ "0x1C000018C", 0xFFFFFFFFu },
	{ "0xDEADBEEF", 0xFFFFFFFFu },
	{ "0xC0000009", 0xFFFFFFFFu },
	{ "-5", 0xFFFFFFFFu },
	{ "+5", 0xFFFFFFFFu },
	{ "5x", 0xFFFFFFFFu },
	{ "4294967296", 0xFFFFFFFFu },
	{ "99999999999", 0xFFFFFFFFu },
	{ "1234", 0xFFFFFFFFu },
	{ "C000018C", 0xFFFFFFFFu },
	{ "ERROR_ACCESS_DENIED_", 0xFFFFFFFFu },
	{ "OK_", 0xFFFFFFFFu },
};

START_TEST(test_parse)
{
	const struct ntstatus_info *e = ntstatus_parse(parse_cases[_i].in);

	if (parse_cases[_i].code == 0xFFFFFFFFu) {
		ck_assert_msg(e == NULL, "'%s' gave %s", parse_cases[_i].in,
			      e != NULL ? e->name : "");
	} else {
		ck_assert_msg(e != NULL, "'%s' gave NULL", parse_cases[_i].in);
		ck_assert_msg(e->code == parse_cases[_i].code,
			      "'%s' gave %s", parse_cases[_i].in, e->name);
	}
}
END_TEST

START_TEST(test_parse_null)
{
	ck_assert_ptr_null(ntstatus_parse(NULL));
}
END_TEST

/* Every Win32 name and code of the table parses to an entry mapping to it. */
START_TEST(test_parse_win32_all)
{
	const struct ntstatus_info *e, *p;
	char dec[16];
	size_t i;

	for (i = 0; i < ntstatus_count(); i++) {
		e = ntstatus_at(i);
		p = ntstatus_parse(e->win32_name);
		ck_assert_msg(p != NULL && p->win32 == e->win32, "%s",
			      e->win32_name);
		snprintf(dec, sizeof(dec), "%u", (unsigned int)e->win32);
		ck_assert_ptr_eq(ntstatus_parse(dec), p);
		snprintf(dec, sizeof(dec), "0x%08x", (unsigned int)e->code);
		ck_assert_ptr_eq(ntstatus_parse(dec), e);
	}
}
END_TEST

Suite *ntstatus_suite(void);

Suite *
ntstatus_suite(void)
{
	Suite *s = suite_create("ntstatus");
	TCase *tc = tcase_create("table");

	tcase_add_test(tc, test_vectors);
	tcase_add_test(tc, test_table_invariants);
	tcase_add_loop_test(tc, test_extra_codes, 0,
			    (int)(sizeof(extra) / sizeof(extra[0])));
	tcase_add_test(tc, test_known_texts);
	tcase_add_test(tc, test_header_macros);
	tcase_add_test(tc, test_unknown_codes);
	tcase_add_loop_test(tc, test_parse, 0,
			    (int)(sizeof(parse_cases) /
				  sizeof(parse_cases[0])));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_parse_win32_all);
	suite_add_tcase(s, tc);
	return s;
}
