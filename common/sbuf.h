/*
 * common/sbuf.h - the bounds-checked reader for untrusted bytes.
 *
 * Every parser of outside input reads through a struct sbuf (a view that
 * never owns its bytes).  Getters name their endianness, clear their
 * outputs on entry and leave the cursor unchanged on failure.  Range tests
 * are written as "n > len - off", never "off + n > len".
 */
#ifndef COMMON_SBUF_H
#define COMMON_SBUF_H

#include <stddef.h>
#include <stdint.h>

#define SBUF_WUR __attribute__((warn_unused_result))

struct sbuf {
	const uint8_t *p;
	size_t len, off;
};

/* sbuf_init - view len bytes at p (p may be NULL when len is 0). */
void sbuf_init(struct sbuf *b, const void *p, size_t len);
/* sbuf_left - bytes not yet consumed. */
size_t sbuf_left(const struct sbuf *b);

int sbuf_get_u8(struct sbuf *b, uint8_t *v) SBUF_WUR;
int sbuf_get_u16le(struct sbuf *b, uint16_t *v) SBUF_WUR;
int sbuf_get_u32le(struct sbuf *b, uint32_t *v) SBUF_WUR;
int sbuf_get_u64le(struct sbuf *b, uint64_t *v) SBUF_WUR;
int sbuf_get_u32be(struct sbuf *b, uint32_t *v) SBUF_WUR;
int sbuf_get_u48be(struct sbuf *b, uint64_t *v) SBUF_WUR;
/* sbuf_get_bytes - copy n bytes to dst (dst zeroed on failure). */
int sbuf_get_bytes(struct sbuf *b, void *dst, size_t n) SBUF_WUR;
/* sbuf_get_view - borrow n bytes; *v points into the viewed buffer. */
int sbuf_get_view(struct sbuf *b, size_t n, const uint8_t **v) SBUF_WUR;
/*
 * sbuf_get_cstr - read a NUL-terminated string whose NUL lies within the
 * next max bytes; *s is malloc'd (caller frees).  ERR_FORMAT for an embedded
 * NUL missing within max.
 */
int sbuf_get_cstr(struct sbuf *b, size_t max, char **s) SBUF_WUR;
/*
 * sbuf_get_utf16le - read nbytes of UTF-16LE (nbytes even, <= max) and
 * return it as a malloc'd NUL-terminated UTF-8 string.  Invalid UTF-16
 * (unpaired surrogates) and embedded NULs are ERR_FORMAT.
 */
int sbuf_get_utf16le(struct sbuf *b, size_t nbytes, size_t max,
		     char **utf8) SBUF_WUR;
/* sbuf_skip - consume n bytes. */
int sbuf_skip(struct sbuf *b, size_t n) SBUF_WUR;
/* sbuf_sub - carve the next n bytes into sect and consume them. */
int sbuf_sub(struct sbuf *b, size_t n, struct sbuf *sect) SBUF_WUR;
/* sbuf_at - view n bytes at absolute offset off (cursor unchanged). */
int sbuf_at(const struct sbuf *b, size_t off, size_t n,
	    struct sbuf *sect) SBUF_WUR;
/* sbuf_align - skip to the next multiple of a (a power of two, from 0). */
int sbuf_align(struct sbuf *b, size_t a) SBUF_WUR;
/*
 * sbuf_find - distance from the cursor to the next byte c in *n, or
 * ERR_NOTFOUND (*n = bytes left) when there is none.  Cursor unchanged.
 */
int sbuf_find(const struct sbuf *b, uint8_t c, size_t *n) SBUF_WUR;
/* sbuf_end - ERR_TRAILING if bytes are left, else 0. */
int sbuf_end(const struct sbuf *b) SBUF_WUR;

#endif
