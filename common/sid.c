/*
 * common/sid.c - security identifiers ([MS-DTYP] 2.4.2): the strict text
 * form, the binary form, comparison and domain/RID arithmetic.
 *
 * Text form ([MS-DTYP] 2.4.2.1), as accepted by sid_parse:
 *
 *	"S-1-" authority ( "-" sub-authority ){0,15}
 *
 *   - "S" may also be written "s" (Windows and Samba accept it; sid_format
 *     always writes "S");
 *   - the revision is exactly "1";
 *   - the authority is decimal below 2^32, or "0x" (or "0X") followed by
 *     exactly 12 hex digits (either case) for the full 48-bit range;
 *     sid_format uses the hex form only from 2^32 up, as Windows does
 *     ("0x%012llX");
 *   - every sub-authority is decimal below 2^32;
 *   - decimal numbers are ASCII digits with no sign, no spaces and no
 *     leading zero ("0" itself is fine); nothing may follow the last part.
 * So every accepted string names one SID, and sid_format(sid_parse(s)) == s
 * for every s in canonical form.
 *
 * Binary form ([MS-DTYP] 2.4.2.2): Revision u8 (must be 1),
 * SubAuthorityCount u8 (<= 15), IdentifierAuthority 6 bytes big-endian,
 * SubAuthorityCount x u32 little-endian.  Input bytes are read only through
 * common/sbuf (STYLE.md section D); sid_read moves the cursor only on
 * success.  sid_format and sid_write refuse a struct sid that is not valid
 * (revision other than 1, more than 15 sub-authorities, authority of 2^48
 * or more); sid_write then also latches the error in the wbuf, so a chain
 * of writes checked once with wbuf_error() still sees it.
 *
 * Error messages quote the input with control and non-ASCII bytes escaped,
 * so a hostile string cannot garble a log line.
 */
#include "sid.h"

#include <stdio.h>
#include <string.h>

#include "err.h"
#include "hex.h"
#include "sbuf.h"
#include "wbuf.h"

#define SID_AUTH_MAX 0xFFFFFFFFFFFFull /* 48-bit identifier authority */
#define SID_QUOTE_MAX 72	       /* bytes of quoted input in messages */

/*
 * Parse the decimal number in s[0..n) (n >= 1).  Returns 0, or -1 for a
 * character that is not an ASCII digit, -2 for a leading zero, -3 for a
 * value above max.
 */
static int
sid_decimal(const char *s, size_t n, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	if (n > 1 && s[0] == '0')
		return -2;
	for (i = 0; i < n; i++) {
		x = x * 10 + (uint64_t)(s[i] - '0');
		if (x > max)
			return -3;
	}
	*v = x;
	return 0;
}

/* The 12 hex digits of s[0..n); -1 if n != 12 or a character is not hex. */
static int
sid_hex48(const char *s, size_t n, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;
	int d;

	*v = 0;
	if (n != 12)
		return -1;
	for (i = 0; i < n; i++) {
		d = hex_digit(s[i]);
		if (d < 0)
			return -1;
		x = (x << 4) | (uint64_t)d;
	}
	*v = x;
	return 0;
}

/* Length of the part starting at s (up to the next '-' or the end). */
static size_t
sid_part_len(const char *s)
{
	size_t n = 0;

	while (s[n] != '\0' && s[n] != '-')
		n++;
	return n;
}

int
sid_parse(struct sid *out, const char *s, struct errinfo *ei)
{
	struct sid sid;
	char q[SID_QUOTE_MAX + 8];
	const char *p;
	uint64_t v;
	size_t n;
	int r = ERR_INTERNAL, k;

	memset(out, 0, sizeof(*out));
	memset(&sid, 0, sizeof(sid));
	if (s == NULL) {
		r = ERR(ei, ERR_INVALID, "SID missing");
		goto out;
	}
	if ((s[0] != 'S' && s[0] != 's') || s[1] != '-') {
		r = ERR(ei, ERR_FORMAT, "SID '%s': does not start with 'S-'",
			err_quote(q, SID_QUOTE_MAX, s));
		goto out;
	}
	p = s + 2;
	n = sid_part_len(p);
	if (n == 0) {
		r = ERR(ei, ERR_FORMAT, "SID '%s': revision missing",
			err_quote(q, SID_QUOTE_MAX, s));
		goto out;
	}
	if (n != 1 || p[0] != '1') {
		r = ERR(ei, ERR_FORMAT,
			"SID '%s': revision is not 1 (the only one defined)",
			err_quote(q, SID_QUOTE_MAX, s));
		goto out;
	}
	sid.rev = 1;
	p += n;
	if (*p == '\0') {
		r = ERR(ei, ERR_FORMAT,
			"SID '%s': identifier authority missing",
			err_quote(q, SID_QUOTE_MAX, s));
		goto out;
	}
	p++;
	n = sid_part_len(p);
	if (n == 0) {
		r = ERR(ei, ERR_FORMAT,
			"SID '%s': identifier authority is empty",
			err_quote(q, SID_QUOTE_MAX, s));
		goto out;
	}
	if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		if (sid_hex48(p + 2, n - 2, &v) != 0) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': hex identifier authority must be "
				"0x and 12 hex digits",
				err_quote(q, SID_QUOTE_MAX, s));
			goto out;
		}
	} else {
		k = sid_decimal(p, n, UINT32_MAX, &v);
		if (k == -1) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': identifier authority is not a "
				"number",
				err_quote(q, SID_QUOTE_MAX, s));
			goto out;
		}
		if (k == -2) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': identifier authority has a leading "
				"zero",
				err_quote(q, SID_QUOTE_MAX, s));
			goto out;
		}
		if (k == -3) {
			r = ERR(ei, ERR_RANGE,
				"SID '%s': decimal identifier authority is "
				"above 4294967295 (write 0x and 12 hex digits)",
				err_quote(q, SID_QUOTE_MAX, s));
			goto out;
		}
	}
	sid.auth = v;
	p += n;
	while (*p != '\0') {
		/* *p == '-' here */
		p++;
		if (sid.count == SID_MAX_SUBAUTH) {
			r = ERR(ei, ERR_RANGE,
				"SID '%s': more than %d sub-authorities",
				err_quote(q, SID_QUOTE_MAX, s),
				SID_MAX_SUBAUTH);
			goto out;
		}
		n = sid_part_len(p);
		if (n == 0) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': sub-authority %d is empty",
				err_quote(q, SID_QUOTE_MAX, s), sid.count + 1);
			goto out;
		}
		k = sid_decimal(p, n, UINT32_MAX, &v);
		if (k == -1) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': sub-authority %d is not a number",
				err_quote(q, SID_QUOTE_MAX, s), sid.count + 1);
			goto out;
		}
		if (k == -2) {
			r = ERR(ei, ERR_FORMAT,
				"SID '%s': sub-authority %d has a leading zero",
				err_quote(q, SID_QUOTE_MAX, s), sid.count + 1);
			goto out;
		}
		if (k == -3) {
			r = ERR(ei, ERR_RANGE,
				"SID '%s': sub-authority %d is above "
				"4294967295",
				err_quote(q, SID_QUOTE_MAX, s), sid.count + 1);
			goto out;
		}
		sid.sub[sid.count++] = (uint32_t)v;
		p += n;
	}
	*out = sid;
	r = 0;
out:
	return r;
}

/* 0 if s can be formatted or written: revision 1, count and authority ok. */
static int
sid_valid(const struct sid *s)
{
	if (s->rev != 1)
		return ERR_FORMAT;
	if (s->count > SID_MAX_SUBAUTH || s->auth > SID_AUTH_MAX)
		return ERR_RANGE;
	return 0;
}

int
sid_format(const struct sid *s, char *buf, size_t len)
{
	size_t n;
	int r = ERR_INTERNAL, k;
	uint8_t i;

	if (buf == NULL || len == 0)
		return ERR_RANGE;
	buf[0] = '\0';
	if ((r = sid_valid(s)) != 0)
		goto out;
	if (s->auth > UINT32_MAX)
		k = snprintf(buf, len, "S-1-0x%012llX",
			     (unsigned long long)s->auth);
	else
		k = snprintf(buf, len, "S-1-%llu", (unsigned long long)s->auth);
	if (k < 0 || (size_t)k >= len) {
		r = ERR_RANGE;
		goto out;
	}
	n = (size_t)k;
	for (i = 0; i < s->count; i++) {
		k = snprintf(buf + n, len - n, "-%lu",
			     (unsigned long)s->sub[i]);
		if (k < 0 || (size_t)k >= len - n) {
			r = ERR_RANGE;
			goto out;
		}
		n += (size_t)k;
	}
	r = 0;
out:
	if (r != 0)
		buf[0] = '\0';
	return r;
}

int
sid_read(struct sid *out, struct sbuf *b, struct errinfo *ei)
{
	struct sbuf c = *b; /* work on a copy: b moves only on success */
	struct sid sid;
	size_t start = b->off;
	uint8_t i;
	int r = ERR_INTERNAL;

	memset(out, 0, sizeof(*out));
	memset(&sid, 0, sizeof(sid));
	if ((r = sbuf_get_u8(&c, &sid.rev)) != 0 ||
	    (r = sbuf_get_u8(&c, &sid.count)) != 0 ||
	    (r = sbuf_get_u48be(&c, &sid.auth)) != 0) {
		r = err_set_offset(ei, r, __func__, start,
				   "SID at byte %zu: truncated header (%zu of "
				   "8 bytes)",
				   start, sbuf_left(b) < 8 ? sbuf_left(b) : 8);
		goto out;
	}
	if (sid.rev != 1) {
		r = err_set_offset(ei, ERR_FORMAT, __func__, start,
				   "SID at byte %zu: revision %u (expected 1)",
				   start, (unsigned int)sid.rev);
		goto out;
	}
	if (sid.count > SID_MAX_SUBAUTH) {
		r = err_set_offset(ei, ERR_RANGE, __func__, start + 1,
				   "SID at byte %zu: %u sub-authorities (at "
				   "most %d)",
				   start, (unsigned int)sid.count,
				   SID_MAX_SUBAUTH);
		goto out;
	}
	if ((size_t)sid.count * 4 > sbuf_left(&c)) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, start,
				   "SID at byte %zu: %u sub-authorities need "
				   "%u bytes, %zu left",
				   start, (unsigned int)sid.count,
				   (unsigned int)sid.count * 4, sbuf_left(&c));
		goto out;
	}
	for (i = 0; i < sid.count; i++)
		if ((r = sbuf_get_u32le(&c, &sid.sub[i])) != 0)
			goto out; /* cannot happen: length checked above */
	*out = sid;
	*b = c;
	r = 0;
out:
	return r;
}

int
sid_write(const struct sid *s, struct wbuf *w)
{
	int r = ERR_INTERNAL;
	uint8_t i;

	if ((r = sid_valid(s)) != 0) {
		/* join the writer's error chain (wbuf_error at the end) */
		if (w->err == 0)
			w->err = r;
		goto out;
	}
	if ((r = wbuf_put_u8(w, s->rev)) != 0 ||
	    (r = wbuf_put_u8(w, s->count)) != 0 ||
	    (r = wbuf_put_u48be(w, s->auth)) != 0)
		goto out;
	for (i = 0; i < s->count; i++)
		if ((r = wbuf_put_u32le(w, s->sub[i])) != 0)
			goto out;
	r = 0;
out:
	return r;
}

int
sid_equal(const struct sid *a, const struct sid *b)
{
	uint8_t i;

	if (a->rev != b->rev || a->count != b->count || a->auth != b->auth ||
	    a->count > SID_MAX_SUBAUTH)
		return 0;
	for (i = 0; i < a->count; i++)
		if (a->sub[i] != b->sub[i])
			return 0;
	return 1;
}

int
sid_is_domain(const struct sid *s)
{
	return s->rev == 1 && s->auth == 5 && s->count == 4 && s->sub[0] == 21;
}

int
sid_compose(struct sid *out, const struct sid *dom, uint32_t rid)
{
	struct sid t;

	if (dom->count >= SID_MAX_SUBAUTH)
		return ERR_RANGE;
	t = *dom; /* out may be dom */
	t.sub[t.count++] = rid;
	*out = t;
	return 0;
}

int
sid_split(const struct sid *s, struct sid *dom, uint32_t *rid)
{
	struct sid t;

	*rid = 0;
	if (s->count == 0 || s->count > SID_MAX_SUBAUTH)
		return ERR_RANGE;
	t = *s; /* dom may be s */
	t.count--;
	*rid = t.sub[t.count];
	t.sub[t.count] = 0;
	*dom = t;
	return 0;
}
