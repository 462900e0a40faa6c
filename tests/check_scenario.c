/*
 * tests/check_scenario.c - the scenario file parser (nt4/scenario.c):
 * narration, commands and expectations, POSIX word splitting (quotes,
 * backslashes inside and outside quotes, continuation lines), every error
 * with its exact message and line number, the limits, and the truncation,
 * bit-flip and allocation-failure loops.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "nt4/scenario.h"
#include "testutil.h"

static const char good[] =
	"#! not printed\n"	   /* 1 */
	"## Heading one\n"	   /* 2 */
	"# A note\n"		   /* 3 */
	"#   indented note  \n"	   /* 4 */
	"#\n"			   /* 5 */
	"\n"			   /* 6 */
	"domain create ACCOUNTS\n" /* 7 */
	"  logon RESOURCE 'ACCOUNTS\\alice' --password \"a \\\"b\\\\\" "
	"# trailing comment\n"				  /* 8 */
	"expect exit 1\n"				  /* 9 */
	"  expect status STATUS_TRUSTED_DOMAIN_FAILURE\n" /* 10 */
	"# between\n"					  /* 11 */
	"expect output \"domain failed\"\n"		  /* 12 */
	"trust list\r\n"				  /* 13 */
	"expect ok\n"					  /* 14 */
	"trust \\\n"					  /* 15 */
	"  verify \\\n"					  /* 16 */
	"  R A\n"					  /* 17 */
	"expect verdict healthy\n"			  /* 18 */
	"###  Deep heading\n"				  /* 19 */
	"x'y z'w";					  /* 20 */

START_TEST(test_parse_good)
{
	struct scenario *s = NULL;
	const struct scenario_item *it;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_msg(scenario_parse(&s, good, strlen(good), &ei) == 0, "%s",
		      ei.msg);
	ck_assert_uint_eq(s->n, 10);
	it = s->items;
	ck_assert_int_eq(it[0].kind, SCENARIO_HEADING);
	ck_assert_str_eq(it[0].text, "Heading one");
	ck_assert_uint_eq(it[0].line, 2);
	ck_assert_int_eq(it[1].kind, SCENARIO_NOTE);
	ck_assert_str_eq(it[1].text, "A note");
	ck_assert_int_eq(it[2].kind, SCENARIO_NOTE);
	ck_assert_str_eq(it[2].text, "  indented note");
	ck_assert_uint_eq(it[2].line, 4);

	/* domain create: no expect line, so an implicit exit 0 */
	ck_assert_int_eq(it[3].kind, SCENARIO_COMMAND);
	ck_assert_uint_eq(it[3].line, 7);
	ck_assert_int_eq(it[3].argc, 3);
	ck_assert_str_eq(it[3].argv[0], "domain");
	ck_assert_str_eq(it[3].argv[2], "ACCOUNTS");
	ck_assert_ptr_null(it[3].argv[3]);
	ck_assert_ptr_null(it[3].text);
	ck_assert_uint_eq(it[3].nexpects, 1);
	ck_assert_int_eq(it[3].expects[0].kind, SCENARIO_EXPECT_EXIT);
	ck_assert_int_eq(it[3].expects[0].exit, 0);
	ck_assert_int_eq(it[3].expects[0].implicit, 1);
	ck_assert_uint_eq(it[3].expects[0].line, 7);

	/* logon, its three expectations; the note between them stays */
	ck_assert_uint_eq(it[4].line, 8);
	ck_assert_int_eq(it[4].argc, 5);
	ck_assert_str_eq(it[4].argv[2], "ACCOUNTS\\alice");
	ck_assert_str_eq(it[4].argv[3], "--password");
	ck_assert_str_eq(it[4].argv[4], "a \"b\\");
	ck_assert_uint_eq(it[4].nexpects, 3);
	ck_assert_int_eq(it[4].expects[0].kind, SCENARIO_EXPECT_EXIT);
	ck_assert_int_eq(it[4].expects[0].exit, 1);
	ck_assert_int_eq(it[4].expects[0].implicit, 0);
	ck_assert_uint_eq(it[4].expects[0].line, 9);
	ck_assert_int_eq(it[4].expects[1].kind, SCENARIO_EXPECT_STATUS);
	ck_assert_uint_eq(it[4].expects[1].status, 0xC000018Cu);
	ck_assert_uint_eq(it[4].expects[1].line, 10);
	ck_assert_int_eq(it[4].expects[2].kind, SCENARIO_EXPECT_OUTPUT);
	ck_assert_str_eq(it[4].expects[2].text, "domain failed");
	ck_assert_uint_eq(it[4].expects[2].line, 12);
	ck_assert_int_eq(it[5].kind, SCENARIO_NOTE);
	ck_assert_str_eq(it[5].text, "between");

	/* CRLF; expect ok */
	ck_assert_int_eq(it[6].argc, 2);
	ck_assert_str_eq(it[6].argv[1], "list");
	ck_assert_uint_eq(it[6].nexpects, 1);
	ck_assert_int_eq(it[6].expects[0].exit, 0);
	ck_assert_int_eq(it[6].expects[0].implicit, 0);
	ck_assert_uint_eq(it[6].expects[0].line, 14);

	/* continued over three lines: numbered by its first line */
	ck_assert_uint_eq(it[7].line, 15);
	ck_assert_int_eq(it[7].argc, 4);
	ck_assert_str_eq(it[7].argv[1], "verify");
	ck_assert_str_eq(it[7].argv[3], "A");
	ck_assert_int_eq(it[7].expects[0].kind, SCENARIO_EXPECT_VERDICT);
	ck_assert_str_eq(it[7].expects[0].text, "healthy");
	ck_assert_uint_eq(it[7].expects[0].line, 18);

	ck_assert_int_eq(it[8].kind, SCENARIO_HEADING);
	ck_assert_str_eq(it[8].text, "Deep heading");

	/* the last line, without LF: implicit exit 0 at the end */
	ck_assert_int_eq(it[9].argc, 1);
	ck_assert_str_eq(it[9].argv[0], "xy zw");
	ck_assert_uint_eq(it[9].nexpects, 1);
	ck_assert_int_eq(it[9].expects[0].implicit, 1);
	ck_assert_uint_eq(it[9].expects[0].line, 20);
	scenario_free(s);
}
END_TEST

/* One command line and the words a POSIX shell (sh -c 'printf ...') makes. */
static const struct {
	const char *text;
	int n;
	const char *w[4];
} words[] = {
	{ "a b  c", 3, { "a", "b", "c" } },
	{ "a\tb \t c\t", 3, { "a", "b", "c" } },
	{ "'a b'", 1, { "a b" } },
	{ "\"a b\"", 1, { "a b" } },
	{ "a\\ b", 1, { "a b" } },
	/* outside quotes a backslash escapes the next character */
	{ "ACCOUNTS\\alice", 1, { "ACCOUNTSalice" } },
	{ "ACCOUNTS\\\\alice", 1, { "ACCOUNTS\\alice" } },
	{ "'ACCOUNTS\\alice'", 1, { "ACCOUNTS\\alice" } },
	/* in "...": before anything but $ ` " \ the backslash stays */
	{ "\"ACCOUNTS\\alice\"", 1, { "ACCOUNTS\\alice" } },
	{ "\"a\\$b\\`c\\\"d\\\\e\"", 1, { "a$b`c\"d\\e" } },
	{ "\"\\n\\'\\#\"", 1, { "\\n\\'\\#" } },
	{ "\\\"\\'\\$", 1, { "\"'$" } },
	{ "'it'\\''s'", 1, { "it's" } },
	{ "\"it's\" 'say \"hi\"'", 2, { "it's", "say \"hi\"" } },
	{ "''", 1, { "" } },
	{ "\"\" a", 2, { "", "a" } },
	{ "a'' \"\"b", 2, { "a", "b" } },
	{ "a'b'\"c\"d", 1, { "abcd" } },
	/* no expansion of any kind */
	{ "$HOME ~ * ?", 4, { "$HOME", "~", "*", "?" } },
	{ "`id` a`b", 2, { "`id`", "a`b" } },
	{ "'RESOURCE$' G$$ACCOUNTS", 2, { "RESOURCE$", "G$$ACCOUNTS" } },
	{ "'[I]' {a,b}", 2, { "[I]", "{a,b}" } },
	/* # begins a comment only at the start of a word */
	{ "a#b #c d", 1, { "a#b" } },
	{ "Secret#1 '#x' \\#y \"#z\"", 4, { "Secret#1", "#x", "#y", "#z" } },
	{ "a #'unterminated", 1, { "a" } },
	/* a backslash that is escaped or quoted is no continuation */
	{ "a\\\\", 1, { "a\\" } },
	{ "'a\\'", 1, { "a\\" } },
	{ "\"a\\\\\"", 1, { "a\\" } },
	/* continuation: backslash-newline is removed */
	{ "a \\\nb", 2, { "a", "b" } },
	{ "ab\\\ncd", 1, { "abcd" } },
	{ "\"a \\\nb\"", 1, { "a b" } },
	{ "a\\\n\\\nb", 1, { "ab" } },
	{ "a \\\n  # a comment, no continuation \\", 1, { "a" } },
	{ "a \\\n\n", 1, { "a" } },
	{ "a \\\n#b", 1, { "a" } },
	{ "a\\\n#b", 1, { "a#b" } },
	{ "\xc3\x84 '\xc3\xb6 \xc3\xbc'",
	  2,
	  { "\xc3\x84", "\xc3\xb6 \xc3\xbc" } },
};

START_TEST(test_words)
{
	struct scenario *s = NULL;
	struct errinfo ei;
	int i;

	err_clear(&ei);
	ck_assert_msg(scenario_parse(&s, words[_i].text, strlen(words[_i].text),
				     &ei) == 0,
		      "%s: %s", words[_i].text, ei.msg);
	ck_assert_msg(s->n == 1, "%s: %zu items", words[_i].text, s->n);
	ck_assert_int_eq(s->items[0].kind, SCENARIO_COMMAND);
	ck_assert_uint_eq(s->items[0].line, 1);
	ck_assert_msg(s->items[0].argc == words[_i].n, "%s: %d words",
		      words[_i].text, s->items[0].argc);
	for (i = 0; i < words[_i].n; i++)
		ck_assert_str_eq(s->items[0].argv[i], words[_i].w[i]);
	ck_assert_ptr_null(s->items[0].argv[words[_i].n]);
	scenario_free(s);
}
END_TEST

/* Every form ntstatus_parse() takes; every verdict. */
START_TEST(test_expect_values)
{
	static const char *const st[] = {
		"STATUS_TRUSTED_DOMAIN_FAILURE",
		"NT_STATUS_TRUSTED_DOMAIN_FAILURE",
		"trusted_domain_failure",
		"0xC000018C",
		"0xc000018c",
		"ERROR_TRUSTED_DOMAIN_FAILURE",
		"1788",
	};
	static const char *const verdicts[] = {
		"healthy",
		"trusted-side-missing",
		"trusting-side-missing",
		"no-trust",
		"secret-missing",
		"password-mismatch",
		"rotation-pending",
		"trust-account-disabled",
		"trust-account-wrong-type",
		"sid-mismatch",
		"trusted-dc-unreachable",
	};
	struct scenario *s = NULL;
	char t[128];
	size_t i;

	for (i = 0; i < sizeof(st) / sizeof(st[0]); i++) {
		snprintf(t, sizeof(t), "x\nexpect status %s\n", st[i]);
		ck_assert_msg(scenario_parse(&s, t, strlen(t), NULL) == 0, "%s",
			      st[i]);
		ck_assert_int_eq(s->items[0].expects[0].kind,
				 SCENARIO_EXPECT_STATUS);
		ck_assert_uint_eq(s->items[0].expects[0].status, 0xC000018Cu);
		scenario_free(s);
	}
	snprintf(t, sizeof(t), "x\nexpect status OK\nexpect status 0\n");
	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_uint_eq(s->items[0].expects[0].status, 0);
	ck_assert_uint_eq(s->items[0].expects[1].status, 0);
	scenario_free(s);
	for (i = 0; i < sizeof(verdicts) / sizeof(verdicts[0]); i++) {
		ck_assert_int_eq(scenario_verdict_known(verdicts[i]), 1);
		snprintf(t, sizeof(t), "x\nexpect verdict %s\n", verdicts[i]);
		ck_assert_msg(scenario_parse(&s, t, strlen(t), NULL) == 0, "%s",
			      verdicts[i]);
		ck_assert_str_eq(s->items[0].expects[0].text, verdicts[i]);
		scenario_free(s);
	}
	ck_assert_int_eq(scenario_verdict_known("Healthy"), 0);
	ck_assert_int_eq(scenario_verdict_known(""), 0);
	snprintf(t, sizeof(t),
		 "x\nexpect exit 0\nexpect exit 255\nexpect exit 007\n"
		 "expect output 'a \"b\"'\nexpect \\\n  exit 2\n");
	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_uint_eq(s->items[0].nexpects, 5);
	ck_assert_int_eq(s->items[0].expects[1].exit, 255);
	ck_assert_int_eq(s->items[0].expects[2].exit, 7);
	ck_assert_str_eq(s->items[0].expects[3].text, "a \"b\"");
	ck_assert_int_eq(s->items[0].expects[4].exit, 2);
	ck_assert_uint_eq(s->items[0].expects[4].line, 6);
	scenario_free(s);
}
END_TEST

/* Comment lines: what is printed and how. */
START_TEST(test_comments)
{
	static const char t[] = "#!/usr/bin/env nt4trust\n"
				"#!\n"
				"#\n"
				"#   \t \n"
				"  # indented  \n"
				"\t## \tHead\t\n"
				"##\n"
				"## \n"
				"#text\n"
				"#\ttab\n"
				"# a \\\n"
				"# 'quote \"x\n";
	struct scenario *s = NULL;

	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_uint_eq(s->n, 6);
	ck_assert_int_eq(s->items[0].kind, SCENARIO_NOTE);
	ck_assert_str_eq(s->items[0].text, "indented");
	ck_assert_uint_eq(s->items[0].line, 5);
	ck_assert_int_eq(s->items[1].kind, SCENARIO_HEADING);
	ck_assert_str_eq(s->items[1].text, "Head");
	ck_assert_str_eq(s->items[2].text, "text");
	ck_assert_str_eq(s->items[3].text, "tab");
	/* a backslash in a comment is no continuation; quotes are text */
	ck_assert_str_eq(s->items[4].text, "a \\");
	ck_assert_str_eq(s->items[5].text, "'quote \"x");
	scenario_free(s);
	ck_assert_int_eq(scenario_parse(&s, "", 0, NULL), 0);
	ck_assert_uint_eq(s->n, 0);
	scenario_free(s);
}
END_TEST

static const struct {
	const char *text;
	const char *msg;
} bad[] = {
	{ "nt4trust domain list\n", "line 1: write commands without the "
				    "program name: 'domain list', not "
				    "'nt4trust domain list'" },
	{ "@title Old\n\nnt4trust a => 0\n", "line 3: write commands without "
					     "the program name: 'domain "
					     "list', not 'nt4trust domain "
					     "list'" },
	{ "# note\nexpect ok\n", "line 2: 'expect' before any command" },
	{ "a\nexpect\n", "line 2: 'expect' needs what to check: ok, exit N, "
			 "status NAME, verdict NAME or output TEXT" },
	{ "a\nexpect maybe\n", "line 2: unknown expectation 'maybe' (known: "
			       "ok, exit, status, verdict, output)" },
	{ "a\nexpect OK\n", "line 2: unknown expectation 'OK' (known: ok, "
			    "exit, status, verdict, output)" },
	{ "a\nexpect ok 0\n", "line 2: 'expect ok' takes no value" },
	{ "a\nexpect exit\n", "line 2: 'expect exit' takes one value: an exit "
			      "status 0-255" },
	{ "a\nexpect exit 1 2\n", "line 2: 'expect exit' takes one value: an "
				  "exit status 0-255" },
	{ "a\nexpect exit 256\n", "line 2: 'expect exit' needs an exit status "
				  "0-255, not '256'" },
	{ "a\nexpect exit -1\n", "line 2: 'expect exit' needs an exit status "
				 "0-255, not '-1'" },
	{ "a\nexpect exit 0x1\n", "line 2: 'expect exit' needs an exit status "
				  "0-255, not '0x1'" },
	{ "a\nexpect exit 0001\n", "line 2: 'expect exit' needs an exit "
				   "status 0-255, not '0001'" },
	{ "a\nexpect exit ''\n", "line 2: 'expect exit' needs an exit status "
				 "0-255, not ''" },
	{ "a\nexpect status\n", "line 2: 'expect status' takes one value: a "
				"status name, 0xHEX or a Windows error" },
	{ "a\nexpect status STATUS_NOPE\n", "line 2: unknown status "
					    "'STATUS_NOPE'" },
	{ "a\nexpect status 0x12345678\n", "line 2: unknown status "
					   "'0x12345678'" },
	{ "a\nexpect verdict\n", "line 2: 'expect verdict' takes one value: "
				 "a verdict of trust diagnose" },
	{ "a\nexpect verdict sick\n", "line 2: unknown verdict 'sick' (see "
				      "docs/formats/scenario.md)" },
	{ "a\nexpect output\n", "line 2: 'expect output' takes one value: "
				"the text to find (quote it)" },
	{ "a\nexpect output two words\n", "line 2: 'expect output' takes one "
					  "value: the text to find (quote "
					  "it)" },
	{ "a\nexpect output ''\n", "line 2: 'expect output' needs a "
				   "non-empty text" },
	{ "a\n\nexpect \\\n  exit 300\n", "line 3: 'expect exit' needs an "
					  "exit status 0-255, not '300'" },
	{ "a 'b\n", "line 1: unterminated '...' quote" },
	{ "a \"b\n", "line 1: unterminated \"...\" quote" },
	{ "a \"b\\\nc\n", "line 2: unterminated \"...\" quote" },
	{ "a 'b\\\nc'\n", "line 1: unterminated '...' quote" },
	{ "a\nb \\\n", "line 2: the file ends after a continuation "
		       "backslash" },
	{ "a \\", "line 1: the file ends after a continuation backslash" },
	{ "a \"b\\", "line 1: the file ends after a continuation backslash" },
	{ "a | b\n", "line 1: unquoted '|' (a scenario has no pipes, lists "
		     "or redirections; quote it)" },
	{ "a;b\n", "line 1: unquoted ';' (a scenario has no pipes, lists or "
		   "redirections; quote it)" },
	{ "a >f\n", "line 1: unquoted '>' (a scenario has no pipes, lists or "
		    "redirections; quote it)" },
	{ "a <f\n", "line 1: unquoted '<' (a scenario has no pipes, lists or "
		    "redirections; quote it)" },
	{ "a &\n", "line 1: unquoted '&' (a scenario has no pipes, lists or "
		   "redirections; quote it)" },
	{ "$(id)\n", "line 1: unquoted '(' (a scenario has no pipes, lists "
		     "or redirections; quote it)" },
	{ "a)\n", "line 1: unquoted ')' (a scenario has no pipes, lists or "
		  "redirections; quote it)" },
	{ "a \xff\n", "line 1: not valid UTF-8" },
	{ "a \xc0\xaf\n", "line 1: not valid UTF-8" },
	{ "a\n# \xed\xa0\x80\n", "line 2: not valid UTF-8" },
	{ "a \x1b[31m\n", "line 1: control character 0x1B" },
	{ "# bell \x07\n", "line 1: control character 0x07" },
	{ "\n\na\rb\n", "line 3: control character 0x0D" },
	{ "a \x7f\n", "line 1: control character 0x7F" },
};

START_TEST(test_parse_bad)
{
	struct scenario *s = NULL;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_ne(
		scenario_parse(&s, bad[_i].text, strlen(bad[_i].text), &ei), 0);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(ei.msg, bad[_i].msg);
}
END_TEST

/* n copies of c, then tail, into a malloc'd buffer. */
static char *
fill(size_t n, char c, const char *tail, size_t *len)
{
	size_t tl = strlen(tail);
	char *t = malloc(n + tl + 1);

	ck_assert_ptr_nonnull(t);
	memset(t, c, n);
	memcpy(t + n, tail, tl + 1);
	*len = n + tl;
	return t;
}

START_TEST(test_limits)
{
	struct scenario *s = NULL;
	struct errinfo ei;
	char *t;
	size_t len, i, off;

	/* a line of exactly SCENARIO_LINE_MAX bytes, with CRLF */
	t = fill(SCENARIO_LINE_MAX, 'a', "\r\n", &len);
	ck_assert_int_eq(scenario_parse(&s, t, len, NULL), 0);
	ck_assert_uint_eq(strlen(s->items[0].argv[0]), SCENARIO_LINE_MAX);
	scenario_free(s);
	free(t);
	t = fill(SCENARIO_LINE_MAX + 1, 'a', "\n", &len);
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "line 1: longer than 4096 bytes");
	free(t);

	/* continued lines: at most SCENARIO_LINE_MAX bytes joined */
	t = fill(SCENARIO_LINE_MAX, 'b', "", &len);
	t[2999] = '\\';
	t[3000] = '\n';
	ck_assert_int_eq(scenario_parse(&s, t, len, NULL), 0);
	ck_assert_uint_eq(strlen(s->items[0].argv[0]), SCENARIO_LINE_MAX - 2);
	scenario_free(s);
	free(t);
	t = fill(SCENARIO_LINE_MAX + 2, 'b', "", &len);
	t[2999] = '\\';
	t[3000] = '\n';
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "line 2: continued line longer than 4096 "
				 "bytes");
	free(t);

	/* words */
	t = malloc(2 * (SCENARIO_ARGS_MAX + 1) + 1);
	for (i = 0; i < SCENARIO_ARGS_MAX + 1; i++)
		memcpy(t + 2 * i, "a ", 2);
	t[2 * SCENARIO_ARGS_MAX] = '\0';
	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), NULL), 0);
	ck_assert_int_eq(s->items[0].argc, SCENARIO_ARGS_MAX);
	scenario_free(s);
	t[2 * SCENARIO_ARGS_MAX] = 'a';
	t[2 * SCENARIO_ARGS_MAX + 1] = '\0';
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, strlen(t), &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "line 1: more than 64 words");
	free(t);

	/* NUL */
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, "a\nb\0c", 5, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "line 2: NUL byte");

	/* entries: SCENARIO_LINES_MAX of them, then one more */
	t = malloc(4 * (SCENARIO_LINES_MAX + 1));
	off = 0;
	for (i = 0; i < SCENARIO_LINES_MAX; i++) {
		memcpy(t + off, i % 2 ? "# n\n" : "a\n", i % 2 ? 4 : 2);
		off += i % 2 ? 4 : 2;
	}
	ck_assert_int_eq(scenario_parse(&s, t, off, NULL), 0);
	ck_assert_uint_eq(s->n, SCENARIO_LINES_MAX);
	scenario_free(s);
	memcpy(t + off, "expect ok\n", 10);
	err_clear(&ei);
	ck_assert_int_eq(scenario_parse(&s, t, off + 10, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "more than 10000 entries");
	free(t);
}
END_TEST

/* The built-in scenario: parses; every prefix and bit flip is handled. */
START_TEST(test_builtin_loops)
{
	struct scenario *s = NULL;
	struct errinfo ei;
	uint8_t *t;
	size_t n, i, cmds = 0, exps = 0;
	int bit;

	t = tu_read_file("docs/scenarios/q207957", &n);
	ck_assert_ptr_nonnull(t);
	err_clear(&ei);
	ck_assert_msg(scenario_parse(&s, (char *)t, n, &ei) == 0, "%s", ei.msg);
	for (i = 0; i < s->n; i++)
		if (s->items[i].kind == SCENARIO_COMMAND) {
			cmds++;
			exps += s->items[i].nexpects;
		}
	ck_assert_uint_eq(cmds, 22);
	ck_assert_uint_eq(exps, 37);
	scenario_free(s);
	for (i = 0; i < n; i++) {
		s = NULL;
		if (scenario_parse(&s, (char *)t, i, NULL) == 0)
			scenario_free(s);
		else
			ck_assert_ptr_null(s);
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

/* Every prefix of the test text: a clean result, never a crash. */
START_TEST(test_good_truncated)
{
	struct scenario *s = NULL;
	size_t i;
	char *t;

	for (i = 0; i <= strlen(good); i++) {
		/* a copy of exactly i bytes, so ASan sees any overread */
		t = malloc(i ? i : 1);
		memcpy(t, good, i);
		s = NULL;
		if (scenario_parse(&s, t, i, NULL) == 0)
			scenario_free(s);
		else
			ck_assert_ptr_null(s);
		free(t);
	}
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
	ck_assert_int_gt(n, 10);
}
END_TEST

Suite *scenario_suite(void);

Suite *
scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("scenario");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_parse_good);
	tcase_add_loop_test(tc, test_words, 0,
			    sizeof(words) / sizeof(words[0]));
	tcase_add_test(tc, test_expect_values);
	tcase_add_test(tc, test_comments);
	tcase_add_loop_test(tc, test_parse_bad, 0,
			    sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_limits);
	tcase_add_test(tc, test_builtin_loops);
	tcase_add_test(tc, test_good_truncated);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);
	return s;
}
