/*
 * nt4/scenario.h - lab scenario files (docs/formats/scenario.md): a script
 * of nt4trust commands with narration and expectations, run by
 * `nt4trust lab run`.
 *
 *   ## Section heading             printed as a heading
 *   # narration                    printed as a line of the narrative
 *   #! note for the file's reader  not printed (nor is a lone #)
 *   domain create ACCOUNTS         a command: nt4trust's arguments
 *   expect exit 1                  checks the most recent command:
 *   expect ok | exit N | status NAME|0xHEX | verdict NAME | output "TEXT"
 *
 * Words are split as a POSIX shell splits them, without any expansion:
 * '...' is literal, "..." lets a backslash escape $ ` " \ only, outside
 * quotes a backslash makes the next character literal, and a backslash at
 * the end of a line joins the next line.  An unquoted # at the start of a
 * word begins a comment.  A command without an expect line must exit 0:
 * the parser adds that expectation (implicit = 1).
 */
#ifndef NT4_SCENARIO_H
#define NT4_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/* Longest line in bytes; also the longest line joined by continuations. */
#define SCENARIO_LINE_MAX 4096
/* Most words in one command or expect line. */
#define SCENARIO_ARGS_MAX 64
/* Most entries: printed comments, commands and expect lines together. */
#define SCENARIO_LINES_MAX 10000

enum scenario_kind {
	SCENARIO_HEADING = 1, /* "## text" */
	SCENARIO_NOTE = 2,    /* "# text" */
	SCENARIO_COMMAND = 3, /* a command with its expectations */
};

enum scenario_expect_kind {
	SCENARIO_EXPECT_EXIT = 1,    /* expect ok (exit 0) / expect exit N */
	SCENARIO_EXPECT_STATUS = 2,  /* expect status NAME|0xHEX */
	SCENARIO_EXPECT_VERDICT = 3, /* expect verdict NAME */
	SCENARIO_EXPECT_OUTPUT = 4,  /* expect output "substring" */
};

struct scenario_expect {
	int kind;	 /* enum scenario_expect_kind */
	unsigned line;	 /* line of the expect line (implicit: the command's) */
	int implicit;	 /* 1: added because the command has no expect line */
	int exit;	 /* EXIT: the exit status, 0-255 */
	uint32_t status; /* STATUS: an NTSTATUS known to common/ntstatus */
	char *text;	 /* VERDICT: the verdict; OUTPUT: the substring */
};

struct scenario_item {
	int kind;      /* enum scenario_kind */
	unsigned line; /* 1-based line number where the entry starts */
	char *text;    /* HEADING/NOTE: the text to print (NULL otherwise) */
	char **argv;   /* COMMAND: the words, NULL-terminated */
	int argc;      /* COMMAND: 1..SCENARIO_ARGS_MAX */
	struct scenario_expect *expects; /* COMMAND: at least one */
	size_t nexpects;
};

struct scenario {
	struct scenario_item *items;
	size_t n;
};

/*
 * scenario_parse - parse len bytes of scenario text.  Returns 0 and
 * *out (free with scenario_free), or ERR_FORMAT/ERR_RANGE/ERR_NOMEM with
 * *out NULL and "line N: ..." in ei for the first bad line.  Every command
 * of *out has at least one expectation.
 */
int scenario_parse(struct scenario **out, const char *text, size_t len,
		   struct errinfo *ei);
/* scenario_free - free a parsed scenario; NULL is a no-op. */
void scenario_free(struct scenario *s);
/*
 * scenario_verdict_known - 1 if name is a verdict of trust diagnose that
 * `expect verdict` accepts, else 0.
 */
int scenario_verdict_known(const char *name);

#endif
