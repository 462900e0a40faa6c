/*
 * common/base64.h - base64 (RFC 4648 section 4, with padding, no line
 * breaks), the value encoding of LDIF ("attr:: value", RFC 2849).
 */
#ifndef COMMON_BASE64_H
#define COMMON_BASE64_H

#include <stddef.h>
#include <stdint.h>

struct wbuf;

/* base64_len - characters of the encoding of n bytes. */
size_t base64_len(size_t n);
/* base64_encode - append the encoding of p[0..n) to w (no NUL). */
int base64_encode(const uint8_t *p, size_t n, struct wbuf *w);

#endif
