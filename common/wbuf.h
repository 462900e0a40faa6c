/*
 * common/wbuf.h - the capped writer.
 *
 * A struct wbuf grows on demand up to a hard maximum fixed at init (curl's
 * "toobig", sshbuf's cap); a write past it fails with ERR_RANGE and leaves
 * the buffer unchanged.  The memory is wiped when freed or grown, so a wbuf
 * may hold secrets.
 */
#ifndef COMMON_WBUF_H
#define COMMON_WBUF_H

#include <stddef.h>
#include <stdint.h>

#define WBUF_WUR __attribute__((warn_unused_result))

struct wbuf {
	uint8_t *p;
	size_t len, cap, max;
	int err; /* first error of a write chain (0 if none) */
};

/* wbuf_init - empty buffer that may grow to max bytes. */
void wbuf_init(struct wbuf *w, size_t max);
/* wbuf_free - wipe and free the memory; the wbuf becomes empty. */
void wbuf_free(struct wbuf *w);
/* wbuf_reset - wipe the contents, keep the allocation. */
void wbuf_reset(struct wbuf *w);

/*
 * Writers return 0 or ERR_RANGE/ERR_NOMEM; after the first failure every
 * later write also fails and w->err keeps the first error, so a sequence of
 * writes can be checked once at the end with wbuf_error().
 */
int wbuf_put_u8(struct wbuf *w, uint8_t v);
int wbuf_put_u16le(struct wbuf *w, uint16_t v);
int wbuf_put_u32le(struct wbuf *w, uint32_t v);
int wbuf_put_u64le(struct wbuf *w, uint64_t v);
int wbuf_put_u32be(struct wbuf *w, uint32_t v);
int wbuf_put_u48be(struct wbuf *w, uint64_t v);
int wbuf_put_bytes(struct wbuf *w, const void *p, size_t n);
int wbuf_put_zero(struct wbuf *w, size_t n);
/*
 * wbuf_printf - append printf-formatted text (no NUL); the first error,
 * as the other writers (ERR_FORMAT if the format itself fails).
 */
int wbuf_printf(struct wbuf *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* wbuf_put_cstr - the bytes of s and its NUL. */
int wbuf_put_cstr(struct wbuf *w, const char *s);
/* wbuf_error - the first error of the writes so far (0 if none). */
int wbuf_error(const struct wbuf *w) WBUF_WUR;

#endif
