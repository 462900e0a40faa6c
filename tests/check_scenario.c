/*
 * tests/check_scenario.c - the scenario file parser (nt4/scenario.c):
 * directives, quoting, expectations, every error with its line number, and
 * the truncation and bit-flip loops over the built-in scenario.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "nt4/scenario.h"
#include "testutil.h"

static const char good[] =
	"# comment\n"
	"@title The title\n"
	"\n"
	"@step  First step\n"
	"nt4trust domain create ACCOUNTS\n"
	"  nt4trust logon RESOURCE 'ACCOUNTS\\alice' --password \"a \\\"b\\\\\" "
	"=> 1 STATUS_TRUSTED_DOMAIN_FAILURE   # trailing comment\n"
	"@say plain words\r\n"
	"nt4trust trust list => 0\n"
	"nt4trust x'y z'w";

START_TEST(test_parse_good)
{
	struct scenario *s = NULL;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_msg(scenario_parse(&s, good, strlen(good), &ei) == 0, "%s",
		      ei.msg);
	ck_assert_uint_eq(s->n, 7);
	ck_assert_int_eq(s->items[0].kind, SCENARIO_TITLE);
	ck_assert_str_eq(s->items[0].text, "The title");
	ck_assert_int_eq(s->items[1].kind, SCENARIO_STEP);
	ck_assert_str_eq(s->items[1].text, "First step");
	ck_assert_int_eq(s->items[2].kind, SCENARIO_RUN);
	ck_assert_int_eq(s->items[2].argc, 3);
	ck_assert_str_eq(s->items[2].argv[2], "ACCOUNTS");
	ck_assert_ptr_null(s->items[2].argv[3]);
	ck_assert_int_eq(s->items[2].expect_exit, 0);
	ck_assert_int_eq(s->items[2].has_status, 0);
	ck_assert_int_eq(s->items[3].argc, 5);
	ck_assert_str_eq(s->items[3].argv[1], "RESOURCE");
	ck_assert_str_eq(s->items[3].argv[2], "ACCOUNTS\\alice");
	ck_assert_str_eq(s->items[3].argv[3], "--password");
	ck_assert_str_eq(s->items[3].argv[4], "a \"b\\");
	ck_assert_int_eq(s->items[3].expect_exit, 1);
	ck_assert_int_eq(s->items[3].has_status, 1);
	ck_assert_uint_eq(s->items[3].expect_status, 0xC000018Cu);
	ck_assert_uint_eq(s->items[3].line, 6);
	ck_assert_str_eq(s->items[4].text, "plain words");
	ck_assert_int_eq(s->items[5].expect_exit, 0);
	ck_assert_str_eq(s->items[6].argv[0], "xy zw");
	scenario_free(s);
}
END_TEST

START_TEST(test_password_word)
{
	static const char t[] = "nt4trust a --password \"a \\\"b\\\\\"\n";
	struct scenario *s = NULL;

	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_int_eq(s->items[0].argc, 3);
	ck_assert_str_eq(s->items[0].argv[2], "a \"b\\");
	scenario_free(s);
}
END_TEST

static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ "ls -l\n", "line 1: a command line must start with 'nt4trust'" },
	{ "\n\nnt4trust\n", "line 3: no command after 'nt4trust'" },
	{ "nt4trust a 'b\n", "line 1: unterminated '...' quote" },
	{ "nt4trust a \"b\n", "line 1: unterminated \"...\" quote" },
	{ "nt4trust a =>\n", "line 1: '=>' must be followed by an exit status "
			     "(0-255) and optionally a status name" },
	{ "nt4trust a => 256\n", "line 1: '=>' must be followed by an exit "
				 "status (0-255) and optionally a status "
				 "name" },
	{ "nt4trust a => 1 X Y\n", "line 1: '=>' must be followed by an exit "
				   "status (0-255) and optionally a status "
				   "name" },
	{ "nt4trust a => 1 STATUS_NOPE\n", "line 1: unknown status "
					  "'STATUS_NOPE'" },
	{ "@stepx hello\n", "line 1: unknown directive (known: @title, @step, "
			    "@say)" },
	{ "nt4trust \xff\n", "line 1: not valid UTF-8" },
};

START_TEST(test_parse_bad)
{
	struct scenario *s = NULL;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_ne(scenario_parse(&s, bad[_i].text, strlen(bad[_i].text),
					&ei),
			 0);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(ei.msg, bad[_i].msg);
}
END_TEST

/* Only an unquoted => is the arrow; a CR before the newline is not counted. */
START_TEST(test_quoted_arrow_and_cr)
{
	static const char t[] = "nt4trust secret set D '=>' \"=>\" => 2\n";
	struct scenario *s = NULL;
	char *line;
	size_t i;

	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_int_eq(s->items[0].argc, 5);
	ck_assert_str_eq(s->items[0].argv[3], "=>");
	ck_assert_str_eq(s->items[0].argv[4], "=>");
	ck_assert_int_eq(s->items[0].expect_exit, 2);
	scenario_free(s);
	line = malloc(SCENARIO_LINE_MAX + 3);
	memcpy(line, "nt4trust ", 9);
	for (i = 9; i < SCENARIO_LINE_MAX; i++)
		line[i] = 'a';
	line[SCENARIO_LINE_MAX] = '\r';
	line[SCENARIO_LINE_MAX + 1] = '\n';
	ck_assert_int_eq(scenario_parse(&s, line, SCENARIO_LINE_MAX + 2, NULL),
			 0);
	ck_assert_uint_eq(strlen(s->items[0].argv[0]), SCENARIO_LINE_MAX - 9);
	scenario_free(s);
	free(line);
}
END_TEST

START_TEST(test_limits)
{
	struct scenario *s = NULL;
	struct errinfo ei;
	char *t;
	size_t i;

	t = malloc(SCENARIO_LINE_MAX + 16);
	memcpy(t, "nt4trust ", 9);
	for (i = 9; i < SCENARIO_LINE_MAX + 1; i++)
		t[i] = 'a';
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, SCENARIO_LINE_MAX + 1, &ei),
			 ERR_RANGE);
	ck_assert_str_eq(ei.msg, "line 1: longer than 4096 bytes");
	strcpy(t, "nt4trust");
	for (i = 0; i < SCENARIO_ARGS_MAX; i++)
		strcat(t, " a");
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "line 1: more than 64 words");
	ck_assert_int_eq(scenario_parse(&s, "nt4trust a\0b", 12, &ei),
			 ERR_FORMAT);
	free(t);
}
END_TEST

/* The built-in scenario: parses; every prefix and bit flip is handled. */
START_TEST(test_builtin_loops)
{
	struct scenario *s = NULL;
	struct errinfo ei;
	uint8_t *t;
	size_t n, i;
	int bit;

	t = tu_read_file("docs/scenarios/q207957", &n);
	ck_assert_ptr_nonnull(t);
	err_clear(&ei);
	ck_assert_msg(scenario_parse(&s, (char *)t, n, &ei) == 0, "%s", ei.msg);
	ck_assert_uint_gt(s->n, 20);
	scenario_free(s);
	for (i = 0; i < n; i += 7) {
		if (scenario_parse(&s, (char *)t, i, NULL) == 0)
			scenario_free(s);
	}
	for (i = 0; i < n; i += 3)
		for (bit = 0; bit < 8; bit += 3) {
			t[i] ^= (uint8_t)(1 << bit);
			s = NULL;
			if (scenario_parse(&s, (char *)t, n, NULL) == 0)
				scenario_free(s);
			else
				ck_assert_ptr_null(s);
			t[i] ^= (uint8_t)(1 << bit);
		}
	free(t);
}
END_TEST

START_TEST(test_alloc_failures)
{
	struct scenario *s = NULL;
	long n;
	int r;

	for (n = 0; n < 1000; n++) {
		mem_fail_after(n);
		s = NULL;
		r = scenario_parse(&s, good, strlen(good), NULL);
		if (r == 0) {
			scenario_free(s);
			break;
		}
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(s);
	}
	mem_fail_after(-1);
	ck_assert_int_lt(n, 1000);
}
END_TEST

Suite *scenario_suite(void);

Suite *
scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("scenario");

	tcase_add_test(tc, test_parse_good);
	tcase_add_test(tc, test_password_word);
	tcase_add_loop_test(tc, test_parse_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_quoted_arrow_and_cr);
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_builtin_loops);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);
	return s;
}
