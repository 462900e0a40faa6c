/*
 * tests/fuzz/fuzz_scenario_parse.c - libFuzzer target for the scenario file
 * parser (nt4/scenario.c).  abort()s when a parsed scenario breaks an
 * invariant of nt4/scenario.h, and when a command's words, written back
 * in single quotes, do not parse to the same words (the quoting round trip
 * that `lab run` relies on for its "$ nt4trust ..." lines).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/ntstatus.h"
#include "common/utf16.h"
#include "nt4/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A string as printed and parsed: valid UTF-8, no control characters. */
static void
fuzz_check_text(const char *s)
{
	const unsigned char *u;

	if (s == NULL || utf8_check(s, NULL) != 0)
		abort();
	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if ((*u < 0x20 && *u != '\t') || *u == 0x7F)
			abort();
}

static void
fuzz_check_expect(const struct scenario_item *it,
		  const struct scenario_expect *e)
{
	if (e->implicit ? e->line != it->line : e->line <= it->line)
		abort();
	switch (e->kind) {
	case SCENARIO_EXPECT_EXIT:
		if (e->exit < 0 || e->exit > 255 || e->text != NULL)
			abort();
		if (e->implicit &&
		    (e->exit != 0 || e->line != it->line || it->nexpects != 1))
			abort();
		break;
	case SCENARIO_EXPECT_STATUS:
		if (e->implicit || ntstatus_lookup(e->status) == NULL ||
		    e->text != NULL)
			abort();
		break;
	case SCENARIO_EXPECT_VERDICT:
		if (e->implicit || e->text == NULL ||
		    !scenario_verdict_known(e->text))
			abort();
		break;
	case SCENARIO_EXPECT_OUTPUT:
		if (e->implicit || e->text == NULL || e->text[0] == '\0')
			abort();
		fuzz_check_text(e->text);
		break;
	default:
		abort();
	}
}

/* The words in '...' ('\'' for a quote) parse back to the same words. */
static void
fuzz_round_trip(const struct scenario_item *it)
{
	struct scenario *s2 = NULL;
	char *line;
	size_t len = 0, cap = 1;
	const char *p;
	int i;

	for (i = 0; i < it->argc; i++)
		cap += 3 + 4 * strlen(it->argv[i]);
	line = malloc(cap);
	if (line == NULL)
		return;
	for (i = 0; i < it->argc; i++) {
		line[len++] = '\'';
		for (p = it->argv[i]; *p != '\0'; p++) {
			if (*p == '\'') {
				memcpy(line + len, "'\\''", 4);
				len += 4;
			} else {
				line[len++] = *p;
			}
		}
		line[len++] = '\'';
		line[len++] = ' ';
	}
	if (len <= SCENARIO_LINE_MAX) {
		if (scenario_parse(&s2, line, len, NULL) != 0 || s2->n != 1 ||
		    s2->items[0].argc != it->argc)
			abort();
		for (i = 0; i < it->argc; i++)
			if (strcmp(s2->items[0].argv[i], it->argv[i]) != 0)
				abort();
		scenario_free(s2);
	}
	free(line);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario *s = NULL;
	unsigned last = 0;
	size_t i, j;
	int k;

	if (scenario_parse(&s, (const char *)data, size, NULL) != 0) {
		if (s != NULL)
			abort();
		return 0;
	}
	if (s->n > SCENARIO_LINES_MAX)
		abort();
	for (i = 0; i < s->n; i++) {
		const struct scenario_item *it = &s->items[i];

		if (it->line == 0 || it->line <= last)
			abort();
		last = it->line;
		switch (it->kind) {
		case SCENARIO_HEADING:
		case SCENARIO_NOTE:
			fuzz_check_text(it->text);
			k = (int)strlen(it->text);
			if (k == 0 || it->text[k - 1] == ' ' ||
			    it->text[k - 1] == '\t' || it->argv != NULL ||
			    it->nexpects != 0)
				abort();
			if (it->kind == SCENARIO_HEADING &&
			    strchr(" \t#", it->text[0]) != NULL)
				abort();
			break;
		case SCENARIO_COMMAND:
			if (it->text != NULL || it->argc < 1 ||
			    it->argc > SCENARIO_ARGS_MAX ||
			    it->argv[it->argc] != NULL || it->nexpects < 1 ||
			    strcmp(it->argv[0], "expect") == 0 ||
			    strcmp(it->argv[0], "nt4trust") == 0)
				abort();
			for (k = 0; k < it->argc; k++)
				fuzz_check_text(it->argv[k]);
			for (j = 0; j < it->nexpects; j++) {
				fuzz_check_expect(it, &it->expects[j]);
				if (j > 0 && it->expects[j].line <=
						     it->expects[j - 1].line)
					abort();
			}
			fuzz_round_trip(it);
			break;
		default:
			abort();
		}
	}
	scenario_free(s);
	return 0;
}
