/*
 * common/duration.c - parse and format lengths of time for the lab clock
 * ("nt4trust clock advance 7d").
 *
 * Grammar (the whole string, nothing around it):
 *
 *   duration = group { group }
 *   group    = number unit
 *   number   = "0" | nonzero { digit }        (no leading zeros)
 *   unit     = "w" | "d" | "h" | "m" | "s"    (604800, 86400, 3600, 60, 1 s)
 *
 * Each unit appears at most once and units go from largest to smallest, so
 * every value has one canonical form (duration_format: largest units first,
 * zero groups left out) and a typo such as "1h2d" is refused rather than
 * guessed at.  Groups of 0 ("1d0h") are accepted; a total of 0 is not, nor
 * one above DURATION_MAX (100 years of 365 days).  Units are lower case
 * only: "M" could as well mean months.
 *
 * The string is read byte by byte through common/sbuf (STYLE.md section
 * D).  Numbers saturate instead of wrapping and every product and sum goes
 * through __builtin_mul_overflow/__builtin_add_overflow.  When the input
 * has a syntax error and is also too long, the syntax error is reported
 * (it is the one to fix first); among syntax errors, the leftmost.  This
 * module does not move any clock; it only turns text into seconds.
 */
#include "duration.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "sbuf.h"

/* At most this many characters of the input are quoted in a message. */
#define DURATION_QUOTE_MAX 40
#define DURATION_UNITS "use w, d, h, m, s"

static const struct {
	char unit;
	uint64_t secs;
} duration_units[] = {
	{ 'w', 604800 }, { 'd', 86400 }, { 'h', 3600 }, { 'm', 60 }, { 's', 1 },
};

#define DURATION_NUNITS (sizeof(duration_units) / sizeof(duration_units[0]))

/* The next byte without consuming it (ERR_TRUNCATED at the end). */
static int
duration_peek(const struct sbuf *b, uint8_t *c)
{
	struct sbuf t = *b;

	return sbuf_get_u8(&t, c);
}

static int
duration_is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* Index of unit c in duration_units, or DURATION_NUNITS. */
static size_t
duration_unit_index(uint8_t c)
{
	size_t k;

	for (k = 0; k < DURATION_NUNITS; k++)
		if ((uint8_t)duration_units[k].unit == c)
			break;
	return k;
}

/*
 * The message for byte c found at offset at where a number (want_unit 0) or
 * a unit (want_unit 1) was expected.  Returns ERR_INVALID.
 */
static int
duration_bad_byte(struct errinfo *ei, const char *q, size_t at, uint8_t c,
		  int want_unit)
{
	const char *f = "duration_parse";
	int r = ERR_INTERNAL;

	if (duration_is_space(c))
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': spaces are not allowed", q);
	else if (c == '+' || c == '-')
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': signs are not allowed", q);
	else if (c == '.' || c == ',')
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': no fractions; use smaller "
				   "units (1d12h, not 1.5d)",
				   q);
	else if (!want_unit && duration_unit_index(c) < DURATION_NUNITS)
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': number missing before '%c'",
				   q, c);
	else if (c < 0x20 || c >= 0x7F)
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': %s byte 0x%02X (%s)", q,
				   want_unit ? "unknown unit" : "unexpected", c,
				   want_unit ? DURATION_UNITS :
					       "expected a number");
	else if (want_unit)
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': unknown unit '%c' (%s)", q,
				   c, DURATION_UNITS);
	else
		r = err_set_offset(ei, ERR_INVALID, f, at,
				   "duration '%s': expected a number, found "
				   "'%c'",
				   q, c);
	return r;
}

int
duration_parse(const char *s, uint64_t *secs, struct errinfo *ei)
{
	char q[DURATION_QUOTE_MAX + 8];
	struct sbuf b;
	uint64_t total = 0, v, part;
	size_t start, next = 0, k;
	uint8_t c, first;
	unsigned int seen = 0;
	int r = ERR_INTERNAL, big = 0, over;

	*secs = 0;
	if (s == NULL) {
		r = ERR(ei, ERR_INVALID, "duration missing");
		goto out;
	}
	err_quote(q, DURATION_QUOTE_MAX, s);
	sbuf_init(&b, s, strlen(s));
	if (sbuf_left(&b) == 0) {
		r = err_set_offset(ei, ERR_INVALID, __func__, 0,
				   "duration '': empty");
		goto out;
	}
	while (sbuf_left(&b) > 0) {
		/* The number: saturates at UINT64_MAX instead of wrapping. */
		start = b.off;
		v = 0;
		over = 0;
		first = 0;
		while (duration_peek(&b, &c) == 0 && c >= '0' && c <= '9') {
			if ((r = sbuf_get_u8(&b, &c)) != 0)
				goto out;
			if (b.off - start == 1)
				first = c;
			if (!over && (__builtin_mul_overflow(v, 10, &v) ||
				      __builtin_add_overflow(v, c - '0', &v))) {
				over = 1;
				v = UINT64_MAX;
			}
		}
		if (b.off == start) {
			/* A byte is left: the loop condition said so. */
			if ((r = duration_peek(&b, &c)) != 0)
				goto out;
			r = duration_bad_byte(ei, q, start, c, 0);
			goto out;
		}
		if (first == '0' && b.off - start > 1) {
			r = err_set_offset(ei, ERR_INVALID, __func__, start,
					   "duration '%s': a number has a "
					   "leading zero",
					   q);
			goto out;
		}
		/* The unit. */
		if (duration_peek(&b, &c) != 0) {
			r = err_set_offset(ei, ERR_INVALID, __func__, b.off,
					   "duration '%s': unit missing at the "
					   "end (%s)",
					   q, DURATION_UNITS);
			goto out;
		}
		k = duration_unit_index(c);
		if (k == DURATION_NUNITS) {
			r = duration_bad_byte(ei, q, b.off, c, 1);
			goto out;
		}
		if (seen & (1u << k)) {
			r = err_set_offset(ei, ERR_INVALID, __func__, b.off,
					   "duration '%s': unit '%c' given "
					   "twice",
					   q, c);
			goto out;
		}
		if (k < next) {
			r = err_set_offset(ei, ERR_INVALID, __func__, b.off,
					   "duration '%s': units must go from "
					   "largest to smallest",
					   q);
			goto out;
		}
		if ((r = sbuf_get_u8(&b, &c)) != 0)
			goto out;
		seen |= 1u << k;
		next = k + 1;
		/* Too long is reported after the syntax is known good. */
		if (over ||
		    __builtin_mul_overflow(v, duration_units[k].secs, &part) ||
		    __builtin_add_overflow(total, part, &total) ||
		    total > DURATION_MAX)
			big = 1;
	}
	if (big) {
		r = err_set_offset(ei, ERR_INVALID, __func__, 0,
				   "duration '%s': longer than 100 years "
				   "(%" PRIu64 " seconds)",
				   q, (uint64_t)DURATION_MAX);
		goto out;
	}
	if (total == 0) {
		r = err_set_offset(ei, ERR_INVALID, __func__, 0,
				   "duration '%s': must be more than zero", q);
		goto out;
	}
	*secs = total;
	r = 0;
out:
	return r;
}

void
duration_format(uint64_t secs, char *buf, size_t len)
{
	uint64_t n;
	size_t k, used = 0;
	int w;

	if (buf == NULL || len == 0)
		goto out;
	buf[0] = '\0';
	for (k = 0; k < DURATION_NUNITS; k++) {
		n = secs / duration_units[k].secs;
		secs %= duration_units[k].secs;
		/* Zero groups are left out, except the one of "0s". */
		if (n == 0 && !(used == 0 && k == DURATION_NUNITS - 1))
			continue;
		w = snprintf(buf + used, len - used, "%" PRIu64 "%c", n,
			     duration_units[k].unit);
		if (w < 0 || (size_t)w >= len - used) {
			buf[0] = '\0';
			goto out;
		}
		used += (size_t)w;
	}
out:
	return;
}
