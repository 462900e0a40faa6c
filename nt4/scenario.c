/*
 * nt4/scenario.c - parser of lab scenario files (docs/formats/scenario.md).
 *
 * Reads the text line by line through sbuf; a line is at most
 * SCENARIO_LINE_MAX bytes and holds at most SCENARIO_ARGS_MAX words.
 * Quoting follows the POSIX shell for '...' and a small subset for "..."
 * (\" and \\ only), so a scenario line can be pasted into a shell.  The
 * text must be valid UTF-8 without NUL bytes.
 */
#include "scenario.h"

#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"
#include "common/utf16.h"

static void
scenario_item_free(struct scenario_item *it)
{
	int i;

	free(it->text);
	if (it->argv != NULL) {
		for (i = 0; i < it->argc; i++)
			free(it->argv[i]);
		free(it->argv);
	}
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

/* Split a line into words; *nwords words into words[] (malloc'd each). */
static int
scenario_split(const char *line, unsigned lineno, char **words, int *quoted,
	       int *nwords, struct errinfo *ei)
{
	size_t len = strlen(line), i = 0, k;
	char *buf = NULL;
	int n = 0, r = ERR_INTERNAL, inword;

	*nwords = 0;
	buf = mem_alloc(len + 1);
	if (buf == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	while (i < len) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len || line[i] == '#')
			break;
		if (n == SCENARIO_ARGS_MAX) {
			r = ERR(ei, ERR_RANGE, "line %u: more than %d words",
				lineno, SCENARIO_ARGS_MAX);
			goto out;
		}
		k = 0;
		inword = 1;
		quoted[n] = 0;
		while (i < len && inword) {
			char c = line[i];

			if (c == ' ' || c == '\t') {
				inword = 0;
			} else if (c == '\'') {
				quoted[n] = 1;
				i++;
				while (i < len && line[i] != '\'')
					buf[k++] = line[i++];
				if (i >= len) {
					r = ERR(ei, ERR_FORMAT,
						"line %u: unterminated '...' "
						"quote",
						lineno);
					goto out;
				}
				i++;
			} else if (c == '"') {
				quoted[n] = 1;
				i++;
				while (i < len && line[i] != '"') {
					if (line[i] == '\\' && i + 1 < len &&
					    (line[i + 1] == '"' ||
					     line[i + 1] == '\\'))
						i++;
					buf[k++] = line[i++];
				}
				if (i >= len) {
					r = ERR(ei, ERR_FORMAT,
						"line %u: unterminated \"...\" "
						"quote",
						lineno);
					goto out;
				}
				i++;
			} else {
				buf[k++] = c;
				i++;
			}
		}
		buf[k] = '\0';
		words[n] = mem_strdup(buf);
		if (words[n] == NULL) {
			r = ERR(ei, ERR_NOMEM, "out of memory");
			goto out;
		}
		n++;
	}
	*nwords = n;
	n = 0;
	r = 0;
out:
	while (n > 0)
		free(words[--n]);
	free(buf);
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

static int
scenario_run_line(struct scenario_item *it, const char *line, unsigned lineno,
		  struct errinfo *ei)
{
	char *words[SCENARIO_ARGS_MAX];
	int quoted[SCENARIO_ARGS_MAX];
	const struct ntstatus_info *st;
	int n = 0, i, arrow = -1, r = ERR_INTERNAL;

	if ((r = scenario_split(line, lineno, words, quoted, &n, ei)) != 0)
		return r;
	if (n == 0 || strcmp(words[0], "nt4trust") != 0) {
		r = ERR(ei, ERR_FORMAT,
			"line %u: a command line must start with 'nt4trust'",
			lineno);
		goto out;
	}
	for (i = 1; i < n; i++)
		if (!quoted[i] && strcmp(words[i], "=>") == 0) {
			arrow = i;
			break;
		}
	if (arrow < 0)
		arrow = n;
	if (arrow == 1) {
		r = ERR(ei, ERR_FORMAT, "line %u: no command after 'nt4trust'",
			lineno);
		goto out;
	}
	it->expect_exit = 0;
	if (arrow < n) {
		if (arrow + 1 >= n || arrow + 3 < n ||
		    scenario_parse_exit(words[arrow + 1], &it->expect_exit) !=
			    0) {
			r = ERR(ei, ERR_FORMAT,
				"line %u: '=>' must be followed by an exit "
				"status (0-255) and optionally a status name",
				lineno);
			goto out;
		}
		if (arrow + 2 < n) {
			st = ntstatus_parse(words[arrow + 2]);
			if (st == NULL) {
				r = ERR(ei, ERR_FORMAT,
					"line %u: unknown status '%.40s'",
					lineno, words[arrow + 2]);
				goto out;
			}
			it->has_status = 1;
			it->expect_status = st->code;
		}
	}
	it->argv = mem_zalloc((size_t)arrow * sizeof(char *));
	if (it->argv == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 1; i < arrow; i++) {
		it->argv[i - 1] = words[i];
		words[i] = NULL;
	}
	it->argc = arrow - 1;
	r = 0;
out:
	for (i = 0; i < n; i++)
		free(words[i]);
	return r;
}

static const char *
scenario_skip_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int
scenario_line(struct scenario_item *it, const char *line, unsigned lineno,
	      struct errinfo *ei)
{
	static const struct {
		const char *word;
		int kind;
	} dirs[] = { { "@title", SCENARIO_TITLE },
		     { "@step", SCENARIO_STEP },
		     { "@say", SCENARIO_SAY } };
	const char *p = scenario_skip_blank(line);
	size_t i, wl;

	memset(it, 0, sizeof(*it));
	it->line = lineno;
	if (*p == '@') {
		for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			wl = strlen(dirs[i].word);
			if (strncmp(p, dirs[i].word, wl) == 0 &&
			    (p[wl] == ' ' || p[wl] == '\t' || p[wl] == '\0')) {
				it->kind = dirs[i].kind;
				it->text =
					mem_strdup(scenario_skip_blank(p + wl));
				if (it->text == NULL)
					return ERR(ei, ERR_NOMEM,
						   "out of memory");
				return 0;
			}
		}
		return ERR(ei, ERR_FORMAT,
			   "line %u: unknown directive (known: @title, "
			   "@step, @say)",
			   lineno);
	}
	it->kind = SCENARIO_RUN;
	it->text = mem_strdup(p);
	if (it->text == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	return scenario_run_line(it, p, lineno, ei);
}

int
scenario_parse(struct scenario **out, const char *text, size_t len,
	       struct errinfo *ei)
{
	struct scenario *s = NULL;
	struct scenario_item *ni;
	struct sbuf b, lb;
	const uint8_t *lp;
	char line[SCENARIO_LINE_MAX + 1];
	unsigned lineno = 0;
	size_t ll, cap = 0;
	const char *p;
	int r = ERR_INTERNAL, has_nl, cr_dropped;

	*out = NULL;
	s = mem_zalloc(sizeof(*s));
	if (s == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	sbuf_init(&b, text, len);
	while (sbuf_left(&b) > 0) {
		lineno++;
		cr_dropped = 0;
		has_nl = sbuf_find(&b, '\n', &ll) == 0;
		/* A CR before the newline is not part of the line. */
		if (ll == SCENARIO_LINE_MAX + 1 &&
		    sbuf_at(&b, b.off + ll - 1, 1, &lb) == 0 &&
		    sbuf_get_view(&lb, 1, &lp) == 0 && lp[0] == '\r') {
			ll--;
			cr_dropped = 1;
		}
		if (ll > SCENARIO_LINE_MAX) {
			r = ERR(ei, ERR_RANGE, "line %u: longer than %d bytes",
				lineno, SCENARIO_LINE_MAX);
			goto out;
		}
		if ((r = sbuf_sub(&b, ll, &lb)) != 0 ||
		    (cr_dropped && (r = sbuf_skip(&b, 1)) != 0) ||
		    (has_nl && (r = sbuf_skip(&b, 1)) != 0) ||
		    (r = sbuf_get_view(&lb, ll, &lp)) != 0)
			goto out;
		if (ll > 0 && memchr(lp, 0, ll) != NULL) {
			r = ERR(ei, ERR_FORMAT, "line %u: NUL byte", lineno);
			goto out;
		}
		if (ll > 0)
			memcpy(line, lp, ll);
		if (ll > 0 && line[ll - 1] == '\r')
			ll--;
		line[ll] = '\0';
		if (utf8_check(line, NULL) != 0) {
			r = ERR(ei, ERR_FORMAT, "line %u: not valid UTF-8",
				lineno);
			goto out;
		}
		p = scenario_skip_blank(line);
		if (*p == '\0' || *p == '#')
			continue;
		if (s->n >= SCENARIO_LINES_MAX) {
			r = ERR(ei, ERR_RANGE, "more than %d entries",
				SCENARIO_LINES_MAX);
			goto out;
		}
		if (s->n == cap) {
			cap = cap ? 2 * cap : 32;
			ni = mem_realloc(s->items, cap * sizeof(*ni));
			if (ni == NULL) {
				r = ERR(ei, ERR_NOMEM, "out of memory");
				goto out;
			}
			s->items = ni;
		}
		r = scenario_line(&s->items[s->n], line, lineno, ei);
		if (r != 0) {
			scenario_item_free(&s->items[s->n]);
			goto out;
		}
		s->n++;
	}
	*out = s;
	s = NULL;
	r = 0;
out:
	scenario_free(s);
	return r;
}
