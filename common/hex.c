/*
 * common/hex.c - hexadecimal encoding and strict decoding of byte strings.
 */
#include "hex.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"

void
hex_encode(const uint8_t *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
hex_decode(const char *s, uint8_t *out, size_t n, struct errinfo *ei)
{
	size_t len = strlen(s), i;
	int hi, lo;

	if (n > 0)
		memset(out, 0, n);
	if (len != 2 * n)
		return ERR(ei, ERR_RANGE, "expected %zu hex digits, got %zu",
			   2 * n, len);
	for (i = 0; i < n; i++) {
		hi = hex_digit(s[2 * i]);
		lo = hex_digit(s[2 * i + 1]);
		if (hi < 0 || lo < 0) {
			memset(out, 0, n);
			return err_set_offset(ei, ERR_FORMAT, __func__,
					      2 * i + (hi < 0 ? 0 : 1),
					      "not a hex digit at offset %zu",
					      2 * i + (hi < 0 ? 0 : 1));
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int
hex_decode_alloc(const char *s, uint8_t **out, size_t *n, struct errinfo *ei)
{
	size_t len = strlen(s);
	uint8_t *p;
	int r;

	*out = NULL;
	*n = 0;
	if (len % 2 != 0)
		return ERR(ei, ERR_FORMAT, "odd number of hex digits (%zu)",
			   len);
	p = mem_alloc(len / 2);
	if (p == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	r = hex_decode(s, p, len / 2, ei);
	if (r != 0) {
		free(p);
		return r;
	}
	*out = p;
	*n = len / 2;
	return 0;
}
