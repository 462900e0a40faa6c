/*
 * common/utf16.h - strict UTF-8 <-> UTF-16LE conversion.
 *
 * Characters outside the BMP become surrogate pairs and back.  Invalid input
 * (overlong or truncated UTF-8 sequences, encoded surrogates, code points
 * above U+10FFFF, unpaired UTF-16 surrogates, odd byte counts, embedded NUL)
 * is rejected with ERR_FORMAT and an errinfo message giving the byte offset;
 * nothing is ever replaced silently.
 */
#ifndef COMMON_UTF16_H
#define COMMON_UTF16_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/*
 * utf8_to_utf16 - convert slen bytes of UTF-8 (no NUL allowed inside) to
 * UTF-16LE without terminator.  *out is malloc'd (caller wipes if secret,
 * then frees); *outlen is its length in bytes.  An empty input gives a
 * non-NULL *out and *outlen 0.
 */
int utf8_to_utf16(uint8_t **out, size_t *outlen, const char *s, size_t slen,
		  struct errinfo *ei);
/*
 * utf16_to_utf8 - convert nbytes of UTF-16LE to a malloc'd NUL-terminated
 * UTF-8 string (caller frees).
 */
int utf16_to_utf8(char **out, const uint8_t *p, size_t nbytes,
		  struct errinfo *ei);
/* utf8_check - 0 if s (NUL-terminated) is valid UTF-8, else ERR_FORMAT. */
int utf8_check(const char *s, struct errinfo *ei);
/* utf8_len16 - number of UTF-16 code units s needs (s must be valid). */
size_t utf8_len16(const char *s);
/*
 * utf8_upper - malloc'd copy of s with every character upper-cased by the
 * Unicode simple case mapping (as Windows does for NTOWFv2 user names).
 */
int utf8_upper(char **out, const char *s, struct errinfo *ei);

#endif
