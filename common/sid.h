/*
 * common/sid.h - security identifiers ([MS-DTYP] 2.4.2): parse, format,
 * binary form, validation.
 */
#ifndef COMMON_SID_H
#define COMMON_SID_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;
struct sbuf;
struct wbuf;

#define SID_MAX_SUBAUTH 15
/* Longest text form: "S-1-" + 48-bit authority + 15 x "-4294967295". */
#define SID_STR_MAX 192

struct sid {
	uint8_t rev;   /* always 1 */
	uint8_t count; /* number of sub-authorities, 0..15 */
	uint64_t auth; /* 48-bit identifier authority */
	uint32_t sub[SID_MAX_SUBAUTH];
};

/*
 * sid_parse - strict text form "S-1-<auth>-<sub>...": revision 1, authority
 * decimal below 2^32 or hex "0x" + 12 digits, 0..15 sub-authorities each a
 * decimal below 2^32, no signs, spaces or leading zeros.  Errors name the
 * offending part.
 */
int sid_parse(struct sid *out, const char *s, struct errinfo *ei);
/*
 * sid_format - text form into buf (SID_STR_MAX bytes suffice); authorities
 * from 2^32 up as "0x%012llX" like Windows.  ERR_RANGE when buf is too
 * small or s out of range, ERR_FORMAT when s->rev is not 1; buf is "" then.
 */
int sid_format(const struct sid *s, char *buf, size_t len);
/*
 * sid_read - binary form: rev u8, count u8, authority 6 bytes big-endian,
 * count x u32 LE.
 */
int sid_read(struct sid *out, struct sbuf *b, struct errinfo *ei);
/*
 * sid_write - binary form (8 + 4*count bytes).  An invalid struct sid
 * (revision not 1, count > 15, authority >= 2^48) writes nothing, returns
 * ERR_FORMAT/ERR_RANGE and latches that error in w like a failed put.
 */
int sid_write(const struct sid *s, struct wbuf *w);
/* sid_equal - 1 if equal. */
int sid_equal(const struct sid *a, const struct sid *b);
/*
 * sid_is_domain - 1 if s has the form of an NT domain SID:
 * S-1-5-21-a-b-c (authority 5, 4 sub-authorities, first 21).
 */
int sid_is_domain(const struct sid *s);
/* sid_compose - out = dom + rid (ERR_RANGE when dom has 15 already). */
int sid_compose(struct sid *out, const struct sid *dom, uint32_t rid);
/* sid_split - domain part and last sub-authority (count >= 1). */
int sid_split(const struct sid *s, struct sid *dom, uint32_t *rid);

#endif
