/*
 * nt4/scenario.h - lab scenario files (docs/formats/scenario.md): a script
 * of nt4trust commands with narration and expected results, run by
 * `nt4trust lab run`.
 *
 *   # comment
 *   @title Q207957: ...           heading
 *   @step Break the trust ...     numbered step
 *   @say  plain text              narration
 *   nt4trust ARGS... [=> EXIT [STATUS]]
 *
 * Arguments split at blanks; '...' is literal, "..." allows \" and \\;
 * a # at the start of a word begins a comment.  Without "=>" the command
 * is expected to exit 0.
 */
#ifndef NT4_SCENARIO_H
#define NT4_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

#define SCENARIO_LINE_MAX 4096
#define SCENARIO_ARGS_MAX 64
#define SCENARIO_LINES_MAX 10000

enum scenario_kind {
	SCENARIO_TITLE = 1,
	SCENARIO_STEP = 2,
	SCENARIO_SAY = 3,
	SCENARIO_RUN = 4,
};

struct scenario_item {
	int kind;      /* enum scenario_kind */
	unsigned line; /* 1-based line number in the file */
	char *text;    /* TITLE/STEP/SAY text; RUN: the line as written */
	char **argv;   /* RUN: arguments after "nt4trust", NULL-terminated */
	int argc;
	int expect_exit; /* RUN: expected exit status (default 0) */
	int has_status;	 /* RUN: a status was named after the exit status */
	uint32_t expect_status;
};

struct scenario {
	struct scenario_item *items;
	size_t n;
};

/*
 * scenario_parse - parse len bytes of text.  ERR_FORMAT/ERR_RANGE with
 * "line N: ..." in ei on the first bad line.  *out freed with
 * scenario_free.
 */
int scenario_parse(struct scenario **out, const char *text, size_t len,
		   struct errinfo *ei);
void scenario_free(struct scenario *s);

#endif
