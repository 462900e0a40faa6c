/*
 * common/sbuf.c - bounds-checked reader (STYLE.md section D).
 *
 * The only file that does pointer arithmetic on input bytes.  Modelled on
 * OpenSSH's sshbuf getters: each getter clears its outputs first, checks the
 * remaining length with "n > len - off" (no overflow possible because
 * off <= len is an invariant), and moves the cursor only on success.
 */
#include "sbuf.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "mem.h"
#include "utf16.h"

void
sbuf_init(struct sbuf *b, const void *p, size_t len)
{
	b->p = p;
	b->len = p == NULL ? 0 : len;
	b->off = 0;
}

size_t
sbuf_left(const struct sbuf *b)
{
	return b->len - b->off;
}

/*
 * The cursor as a pointer.  An empty view may have p == NULL, and NULL + 0
 * is undefined behaviour in C (clang's UBSan reports it), so it stays NULL.
 */
static const uint8_t *
sbuf_cur(const struct sbuf *b)
{
	return b->p == NULL ? NULL : b->p + b->off;
}

static int
sbuf_need(const struct sbuf *b, size_t n)
{
	if (n > b->len - b->off)
		return ERR_TRUNCATED;
	return 0;
}

int
sbuf_get_u8(struct sbuf *b, uint8_t *v)
{
	*v = 0;
	if (sbuf_need(b, 1) != 0)
		return ERR_TRUNCATED;
	*v = b->p[b->off];
	b->off += 1;
	return 0;
}

int
sbuf_get_u16le(struct sbuf *b, uint16_t *v)
{
	const uint8_t *q;

	*v = 0;
	if (sbuf_need(b, 2) != 0)
		return ERR_TRUNCATED;
	q = b->p + b->off;
	*v = (uint16_t)(q[0] | (q[1] << 8));
	b->off += 2;
	return 0;
}

int
sbuf_get_u32le(struct sbuf *b, uint32_t *v)
{
	const uint8_t *q;

	*v = 0;
	if (sbuf_need(b, 4) != 0)
		return ERR_TRUNCATED;
	q = b->p + b->off;
	*v = (uint32_t)q[0] | ((uint32_t)q[1] << 8) | ((uint32_t)q[2] << 16) |
	     ((uint32_t)q[3] << 24);
	b->off += 4;
	return 0;
}

int
sbuf_get_u64le(struct sbuf *b, uint64_t *v)
{
	uint64_t x = 0;
	int i;

	*v = 0;
	if (sbuf_need(b, 8) != 0)
		return ERR_TRUNCATED;
	for (i = 7; i >= 0; i--)
		x = (x << 8) | b->p[b->off + (size_t)i];
	*v = x;
	b->off += 8;
	return 0;
}

int
sbuf_get_u32be(struct sbuf *b, uint32_t *v)
{
	const uint8_t *q;

	*v = 0;
	if (sbuf_need(b, 4) != 0)
		return ERR_TRUNCATED;
	q = b->p + b->off;
	*v = ((uint32_t)q[0] << 24) | ((uint32_t)q[1] << 16) |
	     ((uint32_t)q[2] << 8) | (uint32_t)q[3];
	b->off += 4;
	return 0;
}

int
sbuf_get_u48be(struct sbuf *b, uint64_t *v)
{
	uint64_t x = 0;
	size_t i;

	*v = 0;
	if (sbuf_need(b, 6) != 0)
		return ERR_TRUNCATED;
	for (i = 0; i < 6; i++)
		x = (x << 8) | b->p[b->off + i];
	*v = x;
	b->off += 6;
	return 0;
}

int
sbuf_get_bytes(struct sbuf *b, void *dst, size_t n)
{
	if (n > 0)
		memset(dst, 0, n);
	if (sbuf_need(b, n) != 0)
		return ERR_TRUNCATED;
	if (n > 0)
		memcpy(dst, b->p + b->off, n);
	b->off += n;
	return 0;
}

int
sbuf_get_view(struct sbuf *b, size_t n, const uint8_t **v)
{
	*v = NULL;
	if (sbuf_need(b, n) != 0)
		return ERR_TRUNCATED;
	*v = sbuf_cur(b);
	b->off += n;
	return 0;
}

int
sbuf_get_cstr(struct sbuf *b, size_t max, char **s)
{
	size_t lim = b->len - b->off;
	const uint8_t *q;
	const void *nul;

	*s = NULL;
	if (lim > max)
		lim = max;
	q = sbuf_cur(b);
	nul = lim > 0 ? memchr(q, 0, lim) : NULL;
	if (nul == NULL)
		return lim < max && lim == b->len - b->off ? ERR_TRUNCATED :
							     ERR_FORMAT;
	lim = (size_t)((const uint8_t *)nul - q);
	*s = mem_alloc(lim + 1);
	if (*s == NULL)
		return ERR_NOMEM;
	memcpy(*s, q, lim + 1);
	b->off += lim + 1;
	return 0;
}

int
sbuf_get_utf16le(struct sbuf *b, size_t nbytes, size_t max, char **utf8)
{
	int r;

	*utf8 = NULL;
	if (nbytes > max)
		return ERR_RANGE;
	if (nbytes % 2 != 0)
		return ERR_FORMAT;
	if (sbuf_need(b, nbytes) != 0)
		return ERR_TRUNCATED;
	r = utf16_to_utf8(utf8, sbuf_cur(b), nbytes, NULL);
	if (r != 0)
		return r;
	b->off += nbytes;
	return 0;
}

int
sbuf_skip(struct sbuf *b, size_t n)
{
	if (sbuf_need(b, n) != 0)
		return ERR_TRUNCATED;
	b->off += n;
	return 0;
}

int
sbuf_sub(struct sbuf *b, size_t n, struct sbuf *sect)
{
	sect->p = NULL;
	sect->len = sect->off = 0;
	if (sbuf_need(b, n) != 0)
		return ERR_TRUNCATED;
	sect->p = sbuf_cur(b);
	sect->len = n;
	b->off += n;
	return 0;
}

int
sbuf_at(const struct sbuf *b, size_t off, size_t n, struct sbuf *sect)
{
	sect->p = NULL;
	sect->len = sect->off = 0;
	if (off > b->len || n > b->len - off)
		return ERR_TRUNCATED;
	sect->p = b->p == NULL ? NULL : b->p + off;
	sect->len = n;
	return 0;
}

int
sbuf_align(struct sbuf *b, size_t a)
{
	size_t pad;

	if (a == 0 || (a & (a - 1)) != 0)
		return ERR_INTERNAL;
	pad = (a - (b->off & (a - 1))) & (a - 1);
	return sbuf_skip(b, pad);
}

int
sbuf_find(const struct sbuf *b, uint8_t c, size_t *n)
{
	size_t left = b->len - b->off;
	const uint8_t *q;

	*n = left;
	if (left == 0)
		return ERR_NOTFOUND;
	q = memchr(b->p + b->off, c, left);
	if (q == NULL)
		return ERR_NOTFOUND;
	*n = (size_t)(q - (b->p + b->off));
	return 0;
}

int
sbuf_end(const struct sbuf *b)
{
	return b->off == b->len ? 0 : ERR_TRAILING;
}
