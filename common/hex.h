/*
 * common/hex.h - hexadecimal encoding of byte strings.
 */
#ifndef COMMON_HEX_H
#define COMMON_HEX_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/* hex_digit - the value 0..15 of one hex digit (either case), or -1. */
int hex_digit(char c);
/* hex_encode - lowercase hex of n bytes into out (2n+1 bytes incl. NUL). */
void hex_encode(const uint8_t *p, size_t n, char *out);
/*
 * hex_decode - parse exactly 2*n hex digits (either case) from s into out.
 * ERR_FORMAT for a non-hex character, ERR_RANGE for a wrong length.
 */
int hex_decode(const char *s, uint8_t *out, size_t n, struct errinfo *ei);
/* hex_decode_alloc - parse any even-length hex string; *out malloc'd. */
int hex_decode_alloc(const char *s, uint8_t **out, size_t *n,
		     struct errinfo *ei);

#endif
