/*
 * nt4/scenario.c - parser of lab scenario files (docs/formats/scenario.md).
 *
 * What it does: reads the text line by line through sbuf, checks each line
 * (at most SCENARIO_LINE_MAX bytes, valid UTF-8, no NUL and no control
 * character but tab), turns comment lines into narration entries, splits
 * every other line into words the way a POSIX shell does (quotes,
 * backslashes, continuation lines; no expansion of any kind), and files
 * each expect line under the most recent command.  It does not know the
 * nt4trust commands: a command line is only a list of words here, checked
 * when `lab run` runs it.
 *
 * Invariants of a parsed scenario: every command has 1..SCENARIO_ARGS_MAX
 * words, its first word is neither "expect" nor "nt4trust", and it has at
 * least one expectation (an implicit "exit 0" when the file gives none);
 * every status is in the common/ntstatus table, every verdict is known,
 * every output text is non-empty.  At most SCENARIO_LINES_MAX entries.
 *
 * The word rules (POSIX.1-2017 XCU 2.2 Quoting, 2.3 Token Recognition):
 *   '...'  everything up to the next ' is literal;
 *   "..."  a backslash escapes $ ` " \ and is kept before anything else;
 *   \c     outside quotes: c is literal;
 *   \<newline>  outside '...': removed, the next line continues this one;
 *   #      at the start of a word: a comment to the end of the line.
 * The shell's operators ; & | < > ( ) are refused unquoted, so a command
 * line means the same here as pasted into a shell.  A quote must close on
 * its line (or on a line joined to it by a continuation).
 */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"
#include "common/utf16.h"
#include "nt4/diag.h"

/* Words of one logical line, built across continuation lines. */
struct scenario_lex {
	char *words[SCENARIO_ARGS_MAX];
	int n;
	char buf[SCENARIO_LINE_MAX + 1]; /* the word being built */
	size_t k;			 /* bytes in buf */
	int inword;			 /* a word has begun (maybe empty) */
	int dq;		/* inside "..." across a continuation */
	int more;	/* the line ended with a continuation */
	size_t total;	/* bytes of the joined line so far */
	unsigned first; /* line number where it began */
};

int
scenario_verdict_known(const char *name)
{
	return diag_verdict_parse(name) >= 0;
}

static void
scenario_item_free(struct scenario_item *it)
{
	size_t j;
	int i;

	free(it->text);
	if (it->argv != NULL) {
		for (i = 0; i < it->argc; i++)
			free(it->argv[i]);
		free(it->argv);
	}
	for (j = 0; j < it->nexpects; j++)
		free(it->expects[j].text);
	free(it->expects);
	memset(it, 0, sizeof(*it));
}

void
scenario_free(struct scenario *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		scenario_item_free(&s->items[i]);
	free(s->items);
	free(s);
}

static void
scenario_lex_reset(struct scenario_lex *lx)
{
	while (lx->n > 0)
		free(lx->words[--lx->n]);
	lx->k = 0;
	lx->inword = 0;
	lx->dq = 0;
	lx->more = 0;
	lx->total = 0;
	lx->first = 0;
}

static int
scenario_lex_add(struct scenario_lex *lx, char c, struct errinfo *ei)
{
	/* Cannot happen: the joined line is at most SCENARIO_LINE_MAX. */
	if (lx->k >= SCENARIO_LINE_MAX)
		return ERR(ei, ERR_INTERNAL, "scenario word buffer full");
	lx->buf[lx->k++] = c;
	lx->inword = 1;
	return 0;
}

/* End the word being built (if one has begun) and keep it. */
static int
scenario_lex_push(struct scenario_lex *lx, unsigned lineno, struct errinfo *ei)
{
	if (!lx->inword)
		return 0;
	if (lx->n == SCENARIO_ARGS_MAX)
		return ERR(ei, ERR_RANGE, "line %u: more than %d words", lineno,
			   SCENARIO_ARGS_MAX);
	lx->buf[lx->k] = '\0';
	lx->words[lx->n] = mem_strdup(lx->buf);
	if (lx->words[lx->n] == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	lx->n++;
	lx->k = 0;
	lx->inword = 0;
	return 0;
}

/*
 * Inside "...", from line[*i] on: up to the closing quote (lx->dq = 0), or
 * to a continuation at the end of the line (lx->more = 1, lx->dq stays 1).
 */
static int
scenario_lex_dq(struct scenario_lex *lx, const char *line, size_t len,
		size_t *i, unsigned lineno, struct errinfo *ei)
{
	int r = ERR_INTERNAL;
	char c;

	while (*i < len) {
		c = line[*i];
		if (c == '"') {
			lx->dq = 0;
			(*i)++;
			r = 0;
			goto out;
		}
		if (c == '\\' && *i + 1 == len) {
			lx->more = 1;
			*i = len;
			r = 0;
			goto out;
		}
		/* XCU 2.2.3: \ escapes only $ ` " \ inside double quotes. */
		if (c == '\\' && line[*i + 1] != '\0' &&
		    strchr("$`\"\\", line[*i + 1]) != NULL) {
			(*i)++;
			c = line[*i];
		}
		if ((r = scenario_lex_add(lx, c, ei)) != 0)
			goto out;
		(*i)++;
	}
	r = ERR(ei, ERR_FORMAT, "line %u: unterminated \"...\" quote", lineno);
out:
	return r;
}

/*
 * Split one physical line (len bytes, no newline) into words, continuing
 * the logical line in lx.  lx->more is set when a continuation asks for
 * the next line.
 */
static int
scenario_lex_line(struct scenario_lex *lx, const char *line, size_t len,
		  unsigned lineno, struct errinfo *ei)
{
	const char *q;
	size_t i = 0;
	int r = ERR_INTERNAL;
	char c;

	if (len > SCENARIO_LINE_MAX - lx->total) {
		r = ERR(ei, ERR_RANGE,
			"line %u: continued line longer than %d bytes", lineno,
			SCENARIO_LINE_MAX);
		goto out;
	}
	lx->total += len;
	lx->more = 0;
	if (lx->dq && (r = scenario_lex_dq(lx, line, len, &i, lineno, ei)) != 0)
		goto out;
	while (i < len && !lx->more) {
		c = line[i];
		if (c == ' ' || c == '\t') {
			if ((r = scenario_lex_push(lx, lineno, ei)) != 0)
				goto out;
			i++;
		} else if (c == '#' && !lx->inword) {
			break; /* a comment: no continuation inside it */
		} else if (c == '\\') {
			if (i + 1 == len) {
				lx->more = 1;
				break;
			}
			if ((r = scenario_lex_add(lx, line[i + 1], ei)) != 0)
				goto out;
			i += 2;
		} else if (c == '\'') {
			q = memchr(line + i + 1, '\'', len - i - 1);
			if (q == NULL) {
				r = ERR(ei, ERR_FORMAT,
					"line %u: unterminated '...' quote",
					lineno);
				goto out;
			}
			lx->inword = 1;
			for (i++; line + i < q; i++)
				if ((r = scenario_lex_add(lx, line[i], ei)) !=
				    0)
					goto out;
			i++;
		} else if (c == '"') {
			lx->inword = 1;
			lx->dq = 1;
			i++;
			if ((r = scenario_lex_dq(lx, line, len, &i, lineno,
						 ei)) != 0)
				goto out;
		} else if (c != '\0' && strchr(";&|<>()", c) != NULL) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: unquoted '%c' (a scenario has no "
				"pipes, lists or redirections; quote it)",
				lineno, c);
			goto out;
		} else {
			if ((r = scenario_lex_add(lx, c, ei)) != 0)
				goto out;
			i++;
		}
	}
	if (!lx->more && (r = scenario_lex_push(lx, lineno, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

static int
scenario_parse_exit(const char *s, int *v)
{
	int x = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		x = x * 10 + (*s - '0');
	}
	if (x > 255)
		return -1;
	*v = x;
	return 0;
}

/* Append an expectation to a command; e->text is taken over. */
static int
scenario_expect_add(struct scenario_item *cmd, struct scenario_expect *e,
		    struct errinfo *ei)
{
	struct scenario_expect *ne;

	ne = mem_realloc(cmd->expects, (cmd->nexpects + 1) * sizeof(*ne));
	if (ne == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	cmd->expects = ne;
	cmd->expects[cmd->nexpects++] = *e;
	e->text = NULL;
	return 0;
}

/* An expect line: words[0] is "expect". */
static int
scenario_expect_line(struct scenario_item *cmd, char **words, int n,
		     unsigned lineno, struct errinfo *ei)
{
	static const struct {
		const char *kind;
		int nwords;
		const char *usage;
	} kinds[] = {
		{ "ok", 2, "takes no value" },
		{ "exit", 3, "takes one value: an exit status 0-255" },
		{ "status", 3,
		  "takes one value: a status name, 0xHEX or a "
		  "Windows error" },
		{ "verdict", 3,
		  "takes one value: a verdict of trust diagnose" },
		{ "output", 3, "takes one value: the text to find (quote it)" },
	};
	struct scenario_expect e;
	const struct ntstatus_info *st;
	size_t i, nk = sizeof(kinds) / sizeof(kinds[0]);
	int r = ERR_INTERNAL;

	memset(&e, 0, sizeof(e));
	e.line = lineno;
	if (n < 2) {
		r = ERR(ei, ERR_FORMAT,
			"line %u: 'expect' needs what to check: ok, exit N, "
			"status NAME, verdict NAME or output TEXT",
			lineno);
		goto out;
	}
	for (i = 0; i < nk; i++)
		if (strcmp(words[1], kinds[i].kind) == 0)
			break;
	if (i == nk) {
		r = ERR(ei, ERR_FORMAT,
			"line %u: unknown expectation '%.40s' (known: ok, "
			"exit, "
			"status, verdict, output)",
			lineno, words[1]);
		goto out;
	}
	if (n != kinds[i].nwords) {
		r = ERR(ei, ERR_FORMAT, "line %u: 'expect %s' %s", lineno,
			kinds[i].kind, kinds[i].usage);
		goto out;
	}
	if (cmd == NULL) {
		r = ERR(ei, ERR_FORMAT, "line %u: 'expect' before any command",
			lineno);
		goto out;
	}
	switch (i) {
	case 0: /* ok */
		e.kind = SCENARIO_EXPECT_EXIT;
		break;
	case 1: /* exit N */
		e.kind = SCENARIO_EXPECT_EXIT;
		if (scenario_parse_exit(words[2], &e.exit) != 0) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: 'expect exit' needs an exit status "
				"0-255, not '%.40s'",
				lineno, words[2]);
			goto out;
		}
		break;
	case 2: /* status NAME|0xHEX */
		e.kind = SCENARIO_EXPECT_STATUS;
		st = ntstatus_parse(words[2]);
		if (st == NULL) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: unknown status '%.40s'", lineno,
				words[2]);
			goto out;
		}
		e.status = st->code;
		break;
	case 3: /* verdict NAME */
		e.kind = SCENARIO_EXPECT_VERDICT;
		if (!scenario_verdict_known(words[2])) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: unknown verdict '%.40s' (see "
				"docs/formats/scenario.md)",
				lineno, words[2]);
			goto out;
		}
		break;
	default: /* output TEXT */
		e.kind = SCENARIO_EXPECT_OUTPUT;
		if (words[2][0] == '\0') {
			r = ERR(ei, ERR_FORMAT,
				"line %u: 'expect output' needs a non-empty "
				"text",
				lineno);
			goto out;
		}
		break;
	}
	if (e.kind == SCENARIO_EXPECT_VERDICT ||
	    e.kind == SCENARIO_EXPECT_OUTPUT) {
		e.text = mem_strdup(words[2]);
		if (e.text == NULL) {
			r = ERR(ei, ERR_NOMEM, "out of memory");
			goto out;
		}
	}
	r = scenario_expect_add(cmd, &e, ei);
out:
	free(e.text);
	return r;
}

/* Make room for one more item in s; *cap is its capacity. */
static int
scenario_grow(struct scenario *s, size_t *cap, struct errinfo *ei)
{
	struct scenario_item *ni;
	size_t nc;

	if (s->n < *cap)
		return 0;
	nc = *cap ? 2 * *cap : 32;
	ni = mem_realloc(s->items, nc * sizeof(*ni));
	if (ni == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	s->items = ni;
	*cap = nc;
	memset(&s->items[s->n], 0, (nc - s->n) * sizeof(*ni));
	return 0;
}

/* A command without an expect line must exit 0. */
static int
scenario_close_command(struct scenario_item *cmd, struct errinfo *ei)
{
	struct scenario_expect e;

	if (cmd == NULL || cmd->nexpects > 0)
		return 0;
	memset(&e, 0, sizeof(e));
	e.kind = SCENARIO_EXPECT_EXIT;
	e.line = cmd->line;
	e.implicit = 1;
	return scenario_expect_add(cmd, &e, ei);
}

/* The old format's "nt4trust ARGS => EXIT" lines are refused with this. */
static int
scenario_err_prog(unsigned lineno, struct errinfo *ei)
{
	return ERR(ei, ERR_FORMAT,
		   "line %u: write commands without the program name: "
		   "'domain list', not 'nt4trust domain list'",
		   lineno);
}

/*
 * A complete logical line in lx: an expect line for the current command
 * (*cur), or a new command, which becomes *cur.
 */
static int
scenario_logical(struct scenario *s, size_t *cap, struct scenario_lex *lx,
		 size_t *cur, size_t *entries, struct errinfo *ei)
{
	struct scenario_item *it;
	int r = ERR_INTERNAL, i;

	if (lx->n == 0) {
		r = 0;
		goto out;
	}
	if (*entries >= SCENARIO_LINES_MAX) {
		r = ERR(ei, ERR_RANGE, "more than %d entries",
			SCENARIO_LINES_MAX);
		goto out;
	}
	if (strcmp(lx->words[0], "expect") == 0) {
		r = scenario_expect_line(*cur < s->n ? &s->items[*cur] : NULL,
					 lx->words, lx->n, lx->first, ei);
		if (r == 0)
			(*entries)++;
		goto out;
	}
	if (strcmp(lx->words[0], "nt4trust") == 0) {
		r = scenario_err_prog(lx->first, ei);
		goto out;
	}
	if ((r = scenario_close_command(*cur < s->n ? &s->items[*cur] : NULL,
					ei)) != 0 ||
	    (r = scenario_grow(s, cap, ei)) != 0)
		goto out;
	it = &s->items[s->n];
	it->argv = mem_zalloc(((size_t)lx->n + 1) * sizeof(char *));
	if (it->argv == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	it->kind = SCENARIO_COMMAND;
	it->line = lx->first;
	for (i = 0; i < lx->n; i++) {
		it->argv[i] = lx->words[i];
		lx->words[i] = NULL;
	}
	it->argc = lx->n;
	lx->n = 0;
	*cur = s->n++;
	(*entries)++;
	r = 0;
out:
	scenario_lex_reset(lx);
	return r;
}

/*
 * A comment line (p at its '#'): "## text" a heading, "# text" narration;
 * "#!..." and a '#' with nothing after it are not printed.
 */
static int
scenario_comment(struct scenario *s, size_t *cap, const char *p,
		 unsigned lineno, size_t *entries, struct errinfo *ei)
{
	const char *t = p + 1, *e;
	int kind = SCENARIO_NOTE, r = ERR_INTERNAL;
	struct scenario_item *it;

	if (*t == '!') {
		r = 0;
		goto out;
	}
	if (*t == '#') {
		kind = SCENARIO_HEADING;
		while (*t == '#' || *t == ' ' || *t == '\t')
			t++;
	} else if (*t == ' ' || *t == '\t') {
		t++;
	}
	e = t + strlen(t);
	while (e > t && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e == t) {
		r = 0;
		goto out;
	}
	if (*entries >= SCENARIO_LINES_MAX) {
		r = ERR(ei, ERR_RANGE, "more than %d entries",
			SCENARIO_LINES_MAX);
		goto out;
	}
	if ((r = scenario_grow(s, cap, ei)) != 0)
		goto out;
	it = &s->items[s->n];
	it->text = mem_alloc((size_t)(e - t) + 1);
	if (it->text == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	memcpy(it->text, t, (size_t)(e - t));
	it->text[e - t] = '\0';
	it->kind = kind;
	it->line = lineno;
	s->n++;
	(*entries)++;
	r = 0;
out:
	return r;
}

/*
 * The next physical line of b into line (SCENARIO_LINE_MAX + 1 bytes,
 * NUL-terminated, without its LF or a CR before it), checked.
 */
static int
scenario_read_line(struct sbuf *b, char *line, size_t *len, unsigned lineno,
		   struct errinfo *ei)
{
	struct sbuf lb;
	const uint8_t *lp;
	size_t ll, i;
	int r = ERR_INTERNAL, has_nl, cr_dropped = 0;

	*len = 0;
	line[0] = '\0';
	has_nl = sbuf_find(b, '\n', &ll) == 0;
	/* A CR before the newline is not part of the line. */
	if (ll == SCENARIO_LINE_MAX + 1 &&
	    sbuf_at(b, b->off + ll - 1, 1, &lb) == 0 &&
	    sbuf_get_view(&lb, 1, &lp) == 0 && lp[0] == '\r') {
		ll--;
		cr_dropped = 1;
	}
	if (ll > SCENARIO_LINE_MAX) {
		r = ERR(ei, ERR_RANGE, "line %u: longer than %d bytes", lineno,
			SCENARIO_LINE_MAX);
		goto out;
	}
	if ((r = sbuf_sub(b, ll, &lb)) != 0 ||
	    (cr_dropped && (r = sbuf_skip(b, 1)) != 0) ||
	    (has_nl && (r = sbuf_skip(b, 1)) != 0) ||
	    (r = sbuf_get_view(&lb, ll, &lp)) != 0)
		goto out;
	if (ll > 0)
		memcpy(line, lp, ll);
	if (ll > 0 && line[ll - 1] == '\r')
		ll--;
	line[ll] = '\0';
	for (i = 0; i < ll; i++) {
		unsigned char u = (unsigned char)line[i];

		if (u == 0) {
			r = ERR(ei, ERR_FORMAT, "line %u: NUL byte", lineno);
			goto out;
		}
		if ((u < 0x20 && u != '\t') || u == 0x7F) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: control character 0x%02X", lineno, u);
			goto out;
		}
	}
	if (utf8_check(line, NULL) != 0) {
		r = ERR(ei, ERR_FORMAT, "line %u: not valid UTF-8", lineno);
		goto out;
	}
	*len = ll;
	r = 0;
out:
	return r;
}

int
scenario_parse(struct scenario **out, const char *text, size_t len,
	       struct errinfo *ei)
{
	struct scenario *s = NULL;
	struct scenario_lex *lx = NULL;
	struct sbuf b;
	char line[SCENARIO_LINE_MAX + 1];
	unsigned lineno = 0;
	size_t ll, cap = 0, cur = SIZE_MAX, entries = 0;
	const char *p;
	int r = ERR_INTERNAL;

	*out = NULL;
	s = mem_zalloc(sizeof(*s));
	lx = mem_zalloc(sizeof(*lx));
	if (s == NULL || lx == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	sbuf_init(&b, text, len);
	while (sbuf_left(&b) > 0) {
		lineno++;
		if ((r = scenario_read_line(&b, line, &ll, lineno, ei)) != 0)
			goto out;
		if (lx->more) {
			/* The continuation of the line before. */
			if ((r = scenario_lex_line(lx, line, ll, lineno, ei)) !=
				    0 ||
			    (!lx->more &&
			     (r = scenario_logical(s, &cap, lx, &cur, &entries,
						   ei)) != 0))
				goto out;
			continue;
		}
		p = line + strspn(line, " \t");
		if (*p == '\0')
			continue;
		if (*p == '#') {
			if ((r = scenario_comment(s, &cap, p, lineno, &entries,
						  ei)) != 0)
				goto out;
			continue;
		}
		/* Before splitting: an old-format line may not split. */
		if (strncmp(p, "nt4trust", 8) == 0 &&
		    (p[8] == '\0' || p[8] == ' ' || p[8] == '\t')) {
			r = scenario_err_prog(lineno, ei);
			goto out;
		}
		lx->first = lineno;
		if ((r = scenario_lex_line(lx, line, ll, lineno, ei)) != 0 ||
		    (!lx->more && (r = scenario_logical(s, &cap, lx, &cur,
							&entries, ei)) != 0))
			goto out;
	}
	if (lx->more) {
		r = ERR(ei, ERR_FORMAT,
			"line %u: the file ends after a continuation "
			"backslash",
			lineno);
		goto out;
	}
	if ((r = scenario_close_command(cur < s->n ? &s->items[cur] : NULL,
					ei)) != 0)
		goto out;
	*out = s;
	s = NULL;
	r = 0;
out:
	if (lx != NULL) {
		scenario_lex_reset(lx);
		free(lx);
	}
	scenario_free(s);
	return r;
}
