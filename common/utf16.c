/*
 * common/utf16.c - strict UTF-8 <-> UTF-16LE conversion (RFC 3629,
 * RFC 2781).
 *
 * Rejects, with the byte offset in the message: overlong forms, truncated
 * sequences, stray continuation bytes, encoded surrogates (U+D800..DFFF),
 * code points above U+10FFFF, unpaired UTF-16 surrogates, odd byte counts
 * and NUL characters (the results are C strings).  Upper-casing uses the C
 * library's towupper in a private C.UTF-8 locale object (Unicode simple case
 * mapping); the process locale is never changed.
 */
#include "utf16.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "err.h"
#include "mem.h"
#include "sbuf.h"

/*
 * Decode one code point starting at s[*i]; advance *i.  Returns the code
 * point or -1 (with ei set) on invalid input.
 */
static long
utf8_next(const unsigned char *s, size_t len, size_t *i, struct errinfo *ei)
{
	size_t at = *i, need, k;
	unsigned char c = s[at];
	unsigned long cp, min;

	if (c < 0x80) {
		if (c == 0) {
			err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
				       "NUL character at byte %zu", at);
			return -1;
		}
		*i = at + 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
			       "invalid UTF-8 byte 0x%02x at byte %zu", c, at);
		return -1;
	}
	if (need > len - at - 1) {
		err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
			       "truncated UTF-8 sequence at byte %zu", at);
		return -1;
	}
	for (k = 1; k <= need; k++) {
		if ((s[at + k] & 0xC0) != 0x80) {
			err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
				       "truncated UTF-8 sequence at byte %zu",
				       at);
			return -1;
		}
		cp = (cp << 6) | (s[at + k] & 0x3F);
	}
	if (cp < min) {
		err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
			       "overlong UTF-8 sequence at byte %zu", at);
		return -1;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF) {
		err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
			       "UTF-8 encoded surrogate U+%04lX at byte %zu",
			       cp, at);
		return -1;
	}
	if (cp > 0x10FFFF) {
		err_set_offset(ei, ERR_FORMAT, "utf8_decode", at,
			       "code point above U+10FFFF at byte %zu", at);
		return -1;
	}
	*i = at + need + 1;
	return (long)cp;
}

int
utf8_to_utf16(uint8_t **out, size_t *outlen, const char *s, size_t slen,
	      struct errinfo *ei)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n = 0, cap;
	uint8_t *buf;
	long cp;
	unsigned long v, hi, lo;

	*out = NULL;
	*outlen = 0;
	/* Each UTF-8 byte yields at most 2 UTF-16 bytes (4 bytes -> 4). */
	if (slen > (SIZE_MAX - 2) / 2)
		return ERR(ei, ERR_RANGE, "string too long");
	cap = 2 * slen + 2;
	buf = mem_alloc(cap);
	if (buf == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	while (i < slen) {
		cp = utf8_next(u, slen, &i, ei);
		if (cp < 0) {
			memset(buf, 0, cap);
			free(buf);
			return ERR_FORMAT;
		}
		v = (unsigned long)cp;
		if (v >= 0x10000) {
			v -= 0x10000;
			hi = 0xD800 | (v >> 10);
			lo = 0xDC00 | (v & 0x3FF);
			buf[n++] = (uint8_t)hi;
			buf[n++] = (uint8_t)(hi >> 8);
			buf[n++] = (uint8_t)lo;
			buf[n++] = (uint8_t)(lo >> 8);
		} else {
			buf[n++] = (uint8_t)v;
			buf[n++] = (uint8_t)(v >> 8);
		}
	}
	*out = buf;
	*outlen = n;
	return 0;
}

static size_t
utf8_put(char *d, unsigned long cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf16_to_utf8(char **out, const uint8_t *p, size_t nbytes, struct errinfo *ei)
{
	struct sbuf b;
	uint16_t u, u2;
	unsigned long cp;
	size_t n = 0, at;
	char *buf;

	*out = NULL;
	if (nbytes % 2 != 0)
		return err_set_offset(ei, ERR_FORMAT, __func__, nbytes,
				      "odd number of UTF-16 bytes (%zu)",
				      nbytes);
	/* Each UTF-16 unit yields at most 3 UTF-8 bytes (a pair yields 4). */
	buf = mem_alloc(nbytes / 2 * 3 + 1);
	if (buf == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	sbuf_init(&b, p, nbytes);
	while (sbuf_left(&b) > 0) {
		at = b.off;
		if (sbuf_get_u16le(&b, &u) != 0)
			goto bad_trunc;
		cp = u;
		if (u == 0) {
			free(buf);
			return err_set_offset(ei, ERR_FORMAT, __func__, at,
					      "NUL character at byte %zu", at);
		}
		if (u >= 0xDC00 && u <= 0xDFFF)
			goto bad_surrogate;
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (sbuf_get_u16le(&b, &u2) != 0 || u2 < 0xDC00 ||
			    u2 > 0xDFFF)
				goto bad_surrogate;
			cp = 0x10000 + (((unsigned long)u - 0xD800) << 10) +
			     ((unsigned long)u2 - 0xDC00);
		}
		n += utf8_put(buf + n, cp);
	}
	buf[n] = '\0';
	*out = buf;
	return 0;
bad_surrogate:
	free(buf);
	return err_set_offset(ei, ERR_FORMAT, __func__, at,
			      "unpaired UTF-16 surrogate at byte %zu", at);
bad_trunc:
	free(buf);
	return err_set_offset(ei, ERR_FORMAT, __func__, at,
			      "truncated UTF-16 at byte %zu", at);
}

int
utf8_check(const char *s, struct errinfo *ei)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;

	while (i < len)
		if (utf8_next(u, len, &i, ei) < 0)
			return ERR_FORMAT;
	return 0;
}

size_t
utf8_len16(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0;

	for (; *u != '\0'; u++) {
		if ((*u & 0xC0) == 0x80)
			continue;
		n += (*u >= 0xF0) ? 2 : 1;
	}
	return n;
}

int
utf8_upper(char **out, const char *s, struct errinfo *ei)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = strlen(s), i = 0, n = 0;
	locale_t loc;
	char *buf;
	long cp;
	unsigned long up;

	*out = NULL;
	buf = mem_alloc(len * 2 + 1);
	if (buf == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	while (i < len) {
		cp = utf8_next(u, len, &i, ei);
		if (cp < 0) {
			free(buf);
			if (loc != (locale_t)0)
				freelocale(loc);
			return ERR_FORMAT;
		}
		if (cp < 0x80)
			up = (cp >= 'a' && cp <= 'z') ? (unsigned long)cp - 32 :
							(unsigned long)cp;
		else if (loc != (locale_t)0)
			up = (unsigned long)towupper_l((wint_t)cp, loc);
		else
			up = (unsigned long)cp;
		/* A mapping never leaves the valid range, but be strict. */
		if (up == 0 || up > 0x10FFFF || (up >= 0xD800 && up <= 0xDFFF))
			up = (unsigned long)cp;
		n += utf8_put(buf + n, up);
	}
	buf[n] = '\0';
	if (loc != (locale_t)0)
		freelocale(loc);
	*out = buf;
	return 0;
}
