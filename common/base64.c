/*
 * common/base64.c - base64 encoding (RFC 4648 section 4: the standard
 * alphabet, '=' padding, no line breaks) for LDIF values (RFC 2849).
 * Encoding only: nt4trust writes LDIF, it does not read it.
 */
#include "base64.h"

#include "wbuf.h"

static const char base64_alphabet[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t
base64_len(size_t n)
{
	return (n + 2) / 3 * 4;
}

int
base64_encode(const uint8_t *p, size_t n, struct wbuf *w)
{
	uint8_t q[4];
	uint32_t v;
	size_t i;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8 | p[i + 2];
		q[0] = (uint8_t)base64_alphabet[v >> 18];
		q[1] = (uint8_t)base64_alphabet[(v >> 12) & 63];
		q[2] = (uint8_t)base64_alphabet[(v >> 6) & 63];
		q[3] = (uint8_t)base64_alphabet[v & 63];
		(void)wbuf_put_bytes(w, q, 4);
	}
	if (n - i == 1) {
		v = (uint32_t)p[i] << 16;
		q[0] = (uint8_t)base64_alphabet[v >> 18];
		q[1] = (uint8_t)base64_alphabet[(v >> 12) & 63];
		q[2] = q[3] = '=';
		(void)wbuf_put_bytes(w, q, 4);
	} else if (n - i == 2) {
		v = (uint32_t)p[i] << 16 | (uint32_t)p[i + 1] << 8;
		q[0] = (uint8_t)base64_alphabet[v >> 18];
		q[1] = (uint8_t)base64_alphabet[(v >> 12) & 63];
		q[2] = (uint8_t)base64_alphabet[(v >> 6) & 63];
		q[3] = '=';
		(void)wbuf_put_bytes(w, q, 4);
	}
	return wbuf_error(w);
}
