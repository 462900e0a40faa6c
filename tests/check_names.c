/*
 * tests/check_names.c - common/names: table-driven good and bad NetBIOS
 * domain, computer and SAM account names with their exact messages, the
 * reserved words, case-insensitive comparison, upper-casing and trust
 * account names.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/names.h"
#include "testutil.h"

enum { DOMAIN, COMPUTER, ACCOUNT };

static int
check_kind(int kind, const char *name, struct errinfo *ei)
{
	switch (kind) {
	case DOMAIN:
		return names_domain_check(name, ei);
	case COMPUTER:
		return names_computer_check(name, ei);
	default:
		return names_account_check(name, ei);
	}
}

static const struct {
	int kind;
	const char *name;
} good[] = {
	{ DOMAIN, "ACCOUNTS" },
	{ DOMAIN, "RESOURCE" },
	{ DOMAIN, "accounts" },
	{ DOMAIN, "A" },
	{ DOMAIN, "LAB-NT4" },
	{ DOMAIN, "LAB_NT4" },
	{ DOMAIN, "ABCDEFGHIJKLMNO" }, /* 15 */
	{ DOMAIN, "LAB.NT4" },
	{ DOMAIN, "LAB." },
	{ DOMAIN, "NT4DOM1" },
	{ DOMAIN, "1LAB" },
	{ DOMAIN, "A&B" },
	{ DOMAIN, "DOM$" },
	{ DOMAIN, "SYSTEMS" },	/* contains a reserved word, is not one */
	{ DOMAIN, "NTAUTHORITY" },
	{ DOMAIN, "~!@#%^()'{}" },
	{ COMPUTER, "PDC1" },
	{ COMPUTER, "nt4-bdc" },
	{ COMPUTER, "SERVER" }, /* reserved words apply to domains only */
	{ COMPUTER, "BUILTIN" },
	{ COMPUTER, "ABCDEFGHIJKLMNO" },
	{ ACCOUNT, "alice" },
	{ ACCOUNT, "Administrator" },
	{ ACCOUNT, "RESOURCE$" },
	{ ACCOUNT, "PDC1$" },
	{ ACCOUNT, "j.doe" },
	{ ACCOUNT, "john doe" },
	{ ACCOUNT, "a" },
	{ ACCOUNT, "ABCDEFGHIJKLMNOPQRST" }, /* 20 */
	{ ACCOUNT, "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0" }, /* Cyrillic Anna */
	{ ACCOUNT, "J\xc3\xbcrgen" },
	{ ACCOUNT, "\xe5\xb1\xb1\xe7\x94\xb0" },
	/* 19 ASCII + one non-BMP character = 21 UTF-16 units: too long, so
	 * 18 + the key = 20 units is the longest */
	{ ACCOUNT, "ABCDEFGHIJKLMNOPQR\xf0\x9f\x94\x91" },
	{ ACCOUNT, "SERVER" },
	{ ACCOUNT, ".alice" },
	{ ACCOUNT, "a_b-c#d%e&f'g(h)" },
	{ ACCOUNT, "\xc2\xa0x" }, /* NO-BREAK SPACE is not a control */
};

START_TEST(test_good)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_msg(check_kind(good[_i].kind, good[_i].name, &ei) == 0,
		      "'%s' refused: %s", good[_i].name, ei.msg);
	ck_assert_int_eq(ei.code, 0);
}
END_TEST

static const struct {
	int kind;
	const char *name;
	const char *msg; /* NULL: any message */
} bad[] = {
	{ DOMAIN, "ACC/OUNTS",
	  "domain name 'ACC/OUNTS': character '/' is not allowed in a NetBIOS "
	  "name" },
	{ DOMAIN, "VERYLONGDOMAINNAME1",
	  "domain name 'VERYLONGDOMAINNAME1': longer than 15 characters" },
	{ DOMAIN, "ABCDEFGHIJKLMNOP",
	  "domain name 'ABCDEFGHIJKLMNOP': longer than 15 characters" },
	{ DOMAIN, "",
	  "domain name '': empty (1 to 15 characters are required)" },
	{ DOMAIN, "LAB NT4",
	  "domain name 'LAB NT4': a space is not allowed in a NetBIOS name" },
	{ DOMAIN, " LAB", NULL },
	{ DOMAIN, "LAB ", NULL },
	{ DOMAIN, "LAB\\NT4",
	  "domain name 'LAB\\x5CNT4': character '\\' is not allowed in a "
	  "NetBIOS name" },
	{ DOMAIN, "LAB:1",
	  "domain name 'LAB:1': character ':' is not allowed in a NetBIOS "
	  "name" },
	{ DOMAIN, "LAB*", NULL },
	{ DOMAIN, "LAB?", NULL },
	{ DOMAIN, "LAB\"", NULL },
	{ DOMAIN, "<LAB", NULL },
	{ DOMAIN, "LAB>", NULL },
	{ DOMAIN, "LAB|", NULL },
	{ DOMAIN, "LAB\tX",
	  "domain name 'LAB\\x09X': control character 0x09 is not allowed in "
	  "a NetBIOS name" },
	{ DOMAIN, "LAB\x7f", NULL },
	{ DOMAIN, "LAB\x1b[2J", NULL },
	{ DOMAIN, "J\xc3\xbcRGEN",
	  "domain name 'J\\xC3\\xBCRGEN': byte 0xC3 is not printable ASCII "
	  "(the only characters allowed here)" },
	{ DOMAIN, ".LAB", "domain name '.LAB': may not start with a period" },
	{ DOMAIN, "...", "domain name '...': consists only of periods" },
	{ DOMAIN, ".", "domain name '.': consists only of periods" },
	{ DOMAIN, "12345", "domain name '12345': consists only of digits" },
	{ DOMAIN, "0", NULL },
	{ DOMAIN, "BUILTIN",
	  "domain name 'BUILTIN': BUILTIN is a reserved word" },
	{ DOMAIN, "builtin",
	  "domain name 'builtin': BUILTIN is a reserved word" },
	{ DOMAIN, "NT AUTHORITY",
	  "domain name 'NT AUTHORITY': NT AUTHORITY is a reserved word" },
	{ DOMAIN, "Creator Owner Server",
	  "domain name 'Creator Owner Server': CREATOR OWNER SERVER is a "
	  "reserved word" },
	{ COMPUTER, "PDC/1",
	  "computer name 'PDC/1': character '/' is not allowed in a NetBIOS "
	  "name" },
	{ COMPUTER, "", "computer name '': empty (1 to 15 characters are "
			"required)" },
	{ COMPUTER, "ABCDEFGHIJKLMNOP", NULL },
	{ COMPUTER, ".PDC", NULL },
	{ COMPUTER, "123", "computer name '123': consists only of digits" },
	{ COMPUTER, "PDC 1", NULL },
	{ ACCOUNT, "", "account name '': empty (1 to 20 characters are "
		       "required)" },
	{ ACCOUNT, "ABCDEFGHIJKLMNOPQRSTU",
	  "account name 'ABCDEFGHIJKLMNOPQRSTU': longer than 20 characters" },
	{ ACCOUNT, "ABCDEFGHIJKLMNOPQRS\xf0\x9f\x94\x91",
	  "account name 'ABCDEFGHIJKLMNOPQRS\xf0\x9f\x94\x91': longer than 20 "
	  "characters" },
	{ ACCOUNT, "al@ce",
	  "account name 'al@ce': character '@' is not allowed in an account "
	  "name" },
	{ ACCOUNT, "a\"b", NULL },
	{ ACCOUNT, "a/b", NULL },
	{ ACCOUNT, "a\\b",
	  "account name 'a\\x5Cb': character '\\' is not allowed in an "
	  "account name" },
	{ ACCOUNT, "a[b", NULL },
	{ ACCOUNT, "a]b", NULL },
	{ ACCOUNT, "a:b", NULL },
	{ ACCOUNT, "a;b", NULL },
	{ ACCOUNT, "a|b", NULL },
	{ ACCOUNT, "a=b", NULL },
	{ ACCOUNT, "a,b", NULL },
	{ ACCOUNT, "a+b", NULL },
	{ ACCOUNT, "a*b", NULL },
	{ ACCOUNT, "a?b", NULL },
	{ ACCOUNT, "a<b", NULL },
	{ ACCOUNT, "a>b", NULL },
	{ ACCOUNT, "a\nb",
	  "account name 'a\\x0Ab': control character U+000A is not allowed" },
	{ ACCOUNT, "a\x7f", NULL },
	{ ACCOUNT, "a\xc2\x85",
	  "account name 'a\\xC2\\x85': control character U+0085 is not "
	  "allowed" },
	{ ACCOUNT, "...",
	  "account name '...': consists only of periods and spaces" },
	{ ACCOUNT, " . ", NULL },
	{ ACCOUNT, "a\xff",
	  "account name 'a\\xFF': not valid UTF-8 (invalid UTF-8 byte 0xff at "
	  "byte 1)" },
	{ ACCOUNT, "\xc0\xaf", NULL },		/* overlong '/' */
	{ ACCOUNT, "\xed\xa0\x80", NULL },	/* encoded surrogate */
	{ ACCOUNT, "\xf4\x90\x80\x80", NULL }, /* above U+10FFFF */
	{ ACCOUNT, "ab\xe5\xb1", NULL },	/* truncated sequence */
};

START_TEST(test_bad)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_msg(check_kind(bad[_i].kind, bad[_i].name, &ei) ==
			      ERR_INVALID,
		      "'%s' accepted", bad[_i].name);
	ck_assert_int_eq(ei.code, ERR_INVALID);
	ck_assert_uint_gt(strlen(ei.msg), 0);
	if (bad[_i].msg != NULL)
		ck_assert_str_eq(ei.msg, bad[_i].msg);
	/* one line, no raw control characters */
	for (size_t i = 0; ei.msg[i] != '\0'; i++)
		ck_assert_msg((unsigned char)ei.msg[i] >= 0x20 &&
				      ei.msg[i] != 0x7f,
			      "raw control byte in '%s'", ei.msg);
	/* no errinfo is fine */
	ck_assert_int_eq(check_kind(bad[_i].kind, bad[_i].name, NULL),
			 ERR_INVALID);
}
END_TEST

static const char *const reserved[] = {
	"ANONYMOUS",	     "AUTHENTICATED USER",
	"BATCH",	     "BUILTIN",
	"CREATOR GROUP",     "CREATOR GROUP SERVER",
	"CREATOR OWNER",     "CREATOR OWNER SERVER",
	"DIALUP",	     "DIGEST AUTH",
	"INTERACTIVE",	     "INTERNET",
	"LOCAL",	     "LOCAL SYSTEM",
	"NETWORK",	     "NETWORK SERVICE",
	"NT AUTHORITY",	     "NT DOMAIN",
	"NTLM AUTH",	     "NULL",
	"PROXY",	     "REMOTE INTERACTIVE",
	"RESTRICTED",	     "SCHANNEL AUTH",
	"SELF",		     "SERVER",
	"SERVICE",	     "SYSTEM",
	"TERMINAL SERVER",   "THIS ORGANIZATION",
	"USERS",	     "WORLD",
};

START_TEST(test_reserved)
{
	char lower[64], want[160];
	struct errinfo ei;
	size_t i;

	err_clear(&ei);
	ck_assert_int_eq(names_domain_check(reserved[_i], &ei), ERR_INVALID);
	snprintf(want, sizeof(want), "domain name '%s': %s is a reserved word",
		 reserved[_i], reserved[_i]);
	ck_assert_str_eq(ei.msg, want);
	for (i = 0; reserved[_i][i] != '\0'; i++) {
		char c = reserved[_i][i];

		lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	lower[i] = '\0';
	ck_assert_int_eq(names_domain_check(lower, NULL), ERR_INVALID);
}
END_TEST

START_TEST(test_null)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(names_domain_check(NULL, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "domain name missing");
	err_clear(&ei);
	ck_assert_int_eq(names_computer_check(NULL, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "computer name missing");
	err_clear(&ei);
	ck_assert_int_eq(names_account_check(NULL, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "account name missing");
}
END_TEST

START_TEST(test_long_name_message)
{
	char name[300];
	struct errinfo ei;

	memset(name, 'A', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	err_clear(&ei);
	ck_assert_int_eq(names_domain_check(name, &ei), ERR_INVALID);
	/* the name is cut, the rule is still there */
	ck_assert_ptr_nonnull(
		strstr(ei.msg, "...': longer than 15 characters"));
	err_clear(&ei);
	ck_assert_int_eq(names_account_check(name, &ei), ERR_INVALID);
	ck_assert_ptr_nonnull(
		strstr(ei.msg, "...': longer than 20 characters"));
}
END_TEST

START_TEST(test_equal)
{
	ck_assert_int_eq(names_equal("RESOURCE", "resource"), 1);
	ck_assert_int_eq(names_equal("Resource$", "RESOURCE$"), 1);
	ck_assert_int_eq(names_equal("", ""), 1);
	ck_assert_int_eq(names_equal("RESOURCE", "RESOURC"), 0);
	ck_assert_int_eq(names_equal("RESOURC", "RESOURCE"), 0);
	ck_assert_int_eq(names_equal("RESOURCE", "RESOURCE$"), 0);
	ck_assert_int_eq(names_equal("A", ""), 0);
	/* ASCII only: '@' and '`' are not 'A'/'a' around the letters */
	ck_assert_int_eq(names_equal("@", "`"), 0);
	ck_assert_int_eq(names_equal("[", "{"), 0);
	/* bytes above 0x7F compare exactly */
	ck_assert_int_eq(names_equal("\xc3\xa9", "\xc3\x89"), 0);
	ck_assert_int_eq(names_equal(NULL, NULL), 1);
	ck_assert_int_eq(names_equal("A", NULL), 0);
	ck_assert_int_eq(names_equal(NULL, "A"), 0);
}
END_TEST

START_TEST(test_upper)
{
	char out[16];

	ck_assert_int_eq(names_upper(out, sizeof(out), "resource-1.lab"), 0);
	ck_assert_str_eq(out, "RESOURCE-1.LAB");
	ck_assert_int_eq(names_upper(out, sizeof(out), "j\xc3\xbcrgen"), 0);
	ck_assert_str_eq(out, "J\xc3\xbcRGEN");
	ck_assert_int_eq(names_upper(out, sizeof(out), ""), 0);
	ck_assert_str_eq(out, "");
	/* exactly fitting, one too long */
	ck_assert_int_eq(names_upper(out, 16, "abcdefghijklmno"), 0);
	ck_assert_str_eq(out, "ABCDEFGHIJKLMNO");
	ck_assert_int_eq(names_upper(out, 16, "abcdefghijklmnop"), ERR_RANGE);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(names_upper(out, 0, "a"), ERR_RANGE);
	ck_assert_int_eq(names_upper(NULL, 5, "a"), ERR_RANGE);
	ck_assert_int_eq(names_upper(out, sizeof(out), NULL), ERR_INVALID);
}
END_TEST

START_TEST(test_trust_account)
{
	char out[NAMES_NETBIOS_MAX + 2];
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "RESOURCE", &ei),
			 0);
	ck_assert_str_eq(out, "RESOURCE$");
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "resource", &ei),
			 0);
	ck_assert_str_eq(out, "RESOURCE$");
	ck_assert_int_eq(
		names_trust_account(out, sizeof(out), "abcdefghijklmno", &ei),
		0);
	ck_assert_str_eq(out, "ABCDEFGHIJKLMNO$");
	ck_assert_int_eq(names_account_check(out, NULL), 0);

	err_clear(&ei);
	ck_assert_int_eq(
		names_trust_account(out, sizeof(out), "ACC/OUNTS", &ei),
		ERR_INVALID);
	ck_assert_str_eq(ei.msg, "domain name 'ACC/OUNTS': character '/' is "
				 "not allowed in a NetBIOS name");
	ck_assert_str_eq(out, "");
	err_clear(&ei);
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "BUILTIN", &ei),
			 ERR_INVALID);
	ck_assert_int_eq(names_trust_account(out, sizeof(out), NULL, NULL),
			 ERR_INVALID);
	/* legal in a NetBIOS name, not in an account name */
	ck_assert_int_eq(names_domain_check("al@ce", NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "al@ce", &ei),
			 ERR_INVALID);
	ck_assert_str_eq(ei.msg, "account name 'AL@CE$': character '@' is not "
				 "allowed in an account name");
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "A+B", NULL),
			 ERR_INVALID);
	ck_assert_int_eq(names_trust_account(out, sizeof(out), "[LAB]", NULL),
			 ERR_INVALID);
	/* buffer too small */
	err_clear(&ei);
	ck_assert_int_eq(names_trust_account(out, 9, "RESOURCE", &ei),
			 ERR_RANGE);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(ei.code, ERR_RANGE);
	ck_assert_int_eq(names_trust_account(out, 10, "RESOURCE", NULL), 0);
	ck_assert_str_eq(out, "RESOURCE$");
	ck_assert_int_eq(names_trust_account(NULL, 0, "RESOURCE", NULL),
			 ERR_RANGE);
}
END_TEST

Suite *names_suite(void);

Suite *
names_suite(void)
{
	Suite *s = suite_create("names");
	TCase *tc = tcase_create("check");
	TCase *to = tcase_create("ops");

	tcase_add_loop_test(tc, test_good, 0,
			    (int)(sizeof(good) / sizeof(good[0])));
	tcase_add_loop_test(tc, test_bad, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_loop_test(tc, test_reserved, 0,
			    (int)(sizeof(reserved) / sizeof(reserved[0])));
	tcase_add_test(tc, test_null);
	tcase_add_test(tc, test_long_name_message);
	suite_add_tcase(s, tc);

	tcase_add_test(to, test_equal);
	tcase_add_test(to, test_upper);
	tcase_add_test(to, test_trust_account);
	suite_add_tcase(s, to);
	return s;
}
