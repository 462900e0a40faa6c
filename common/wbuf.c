/*
 * common/wbuf.c - capped, self-wiping writer (STYLE.md section D).
 */
#include "wbuf.h"

#include <stdarg.h>
#include <stdio.h>

#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "err.h"
#include "mem.h"

void
wbuf_init(struct wbuf *w, size_t max)
{
	memset(w, 0, sizeof(*w));
	w->max = max;
}

void
wbuf_free(struct wbuf *w)
{
	if (w->p != NULL) {
		crypto_wipe(w->p, w->cap);
		free(w->p);
	}
	w->p = NULL;
	w->len = w->cap = 0;
	w->err = 0;
}

void
wbuf_reset(struct wbuf *w)
{
	if (w->p != NULL)
		crypto_wipe(w->p, w->cap);
	w->len = 0;
	w->err = 0;
}

static int
wbuf_reserve(struct wbuf *w, size_t n, uint8_t **dst)
{
	size_t need, ncap;
	uint8_t *np;

	*dst = NULL;
	if (w->err != 0)
		return w->err;
	if (n > w->max - w->len) {
		w->err = ERR_RANGE;
		return ERR_RANGE;
	}
	need = w->len + n;
	if (need > w->cap) {
		ncap = w->cap < 64 ? 64 : w->cap;
		while (ncap < need)
			ncap = ncap > w->max / 2 ? w->max : ncap * 2;
		if (ncap < need)
			ncap = need;
		np = mem_alloc(ncap);
		if (np == NULL) {
			w->err = ERR_NOMEM;
			return ERR_NOMEM;
		}
		if (w->p != NULL) {
			memcpy(np, w->p, w->len);
			crypto_wipe(w->p, w->cap);
			free(w->p);
		}
		w->p = np;
		w->cap = ncap;
	}
	/* no buffer yet only when n == 0: NULL + 0 is undefined in C */
	*dst = w->p == NULL ? NULL : w->p + w->len;
	w->len += n;
	return 0;
}

int
wbuf_put_bytes(struct wbuf *w, const void *p, size_t n)
{
	uint8_t *d;
	int r = wbuf_reserve(w, n, &d);

	if (r == 0 && n > 0)
		memcpy(d, p, n);
	return r;
}

int
wbuf_printf(struct wbuf *w, const char *fmt, ...)
{
	char small[256], *heap = NULL;
	const char *p = small;
	va_list ap;
	int n, r;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		if (w->err == 0)
			w->err = ERR_FORMAT;
		return w->err;
	}
	if ((size_t)n >= sizeof(small)) {
		if ((heap = mem_alloc((size_t)n + 1)) == NULL) {
			if (w->err == 0)
				w->err = ERR_NOMEM;
			return w->err;
		}
		va_start(ap, fmt);
		(void)vsnprintf(heap, (size_t)n + 1, fmt, ap);
		va_end(ap);
		p = heap;
	}
	r = wbuf_put_bytes(w, p, (size_t)n);
	free(heap);
	return r;
}

int
wbuf_put_zero(struct wbuf *w, size_t n)
{
	uint8_t *d;
	int r = wbuf_reserve(w, n, &d);

	if (r == 0 && n > 0)
		memset(d, 0, n);
	return r;
}

int
wbuf_put_u8(struct wbuf *w, uint8_t v)
{
	return wbuf_put_bytes(w, &v, 1);
}

int
wbuf_put_u16le(struct wbuf *w, uint16_t v)
{
	uint8_t q[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	return wbuf_put_bytes(w, q, 2);
}

int
wbuf_put_u32le(struct wbuf *w, uint32_t v)
{
	uint8_t q[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 24) };

	return wbuf_put_bytes(w, q, 4);
}

int
wbuf_put_u64le(struct wbuf *w, uint64_t v)
{
	uint8_t q[8];
	int i;

	for (i = 0; i < 8; i++)
		q[i] = (uint8_t)(v >> (8 * i));
	return wbuf_put_bytes(w, q, 8);
}

int
wbuf_put_u32be(struct wbuf *w, uint32_t v)
{
	uint8_t q[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 8), (uint8_t)v };

	return wbuf_put_bytes(w, q, 4);
}

int
wbuf_put_u48be(struct wbuf *w, uint64_t v)
{
	uint8_t q[6];
	int i;

	for (i = 0; i < 6; i++)
		q[i] = (uint8_t)(v >> (8 * (5 - i)));
	return wbuf_put_bytes(w, q, 6);
}

int
wbuf_put_cstr(struct wbuf *w, const char *s)
{
	return wbuf_put_bytes(w, s, strlen(s) + 1);
}

int
wbuf_error(const struct wbuf *w)
{
	return w->err;
}
