/*
 * tests/check_sbuf.c - common/sbuf, the reader of untrusted bytes
 * (STYLE.md section D): every getter on success, on truncation (cursor
 * unchanged, outputs cleared), sub/at/align/end/skip, the limits of
 * get_cstr and get_utf16le, and their allocation failures.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/sbuf.h"
#include "testutil.h"

static const uint8_t seq[] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06,
			       0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c };

START_TEST(test_init_left)
{
	struct sbuf b;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_ptr_eq(b.p, seq);
	ck_assert_uint_eq(b.len, sizeof(seq));
	ck_assert_uint_eq(b.off, 0);
	ck_assert_uint_eq(sbuf_left(&b), sizeof(seq));
	/* NULL pointer: empty view whatever len says */
	sbuf_init(&b, NULL, 99);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(sbuf_left(&b), 0);
	ck_assert_int_eq(sbuf_end(&b), 0);
}
END_TEST

START_TEST(test_integers)
{
	struct sbuf b;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_get_u8(&b, &u8), 0);
	ck_assert_uint_eq(u8, 0x01);
	ck_assert_int_eq(sbuf_get_u16le(&b, &u16), 0);
	ck_assert_uint_eq(u16, 0x0302);
	ck_assert_int_eq(sbuf_get_u32le(&b, &u32), 0);
	ck_assert_uint_eq(u32, 0x07060504u);
	ck_assert_uint_eq(b.off, 7);

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_get_u64le(&b, &u64), 0);
	ck_assert_uint_eq(u64, 0x0807060504030201ull);
	ck_assert_int_eq(sbuf_get_u32be(&b, &u32), 0);
	ck_assert_uint_eq(u32, 0x090a0b0cu);
	ck_assert_int_eq(sbuf_end(&b), 0);

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_get_u48be(&b, &u64), 0);
	ck_assert_uint_eq(u64, 0x010203040506ull);
	ck_assert_int_eq(sbuf_get_u48be(&b, &u64), 0);
	ck_assert_uint_eq(u64, 0x0708090a0b0cull);
	ck_assert_uint_eq(sbuf_left(&b), 0);
}
END_TEST

START_TEST(test_integers_high_bits)
{
	static const uint8_t ff[8] = { 0xff, 0xff, 0xff, 0xff,
				       0xff, 0xff, 0xff, 0xfe };
	struct sbuf b;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	sbuf_init(&b, ff, sizeof(ff));
	ck_assert_int_eq(sbuf_get_u64le(&b, &u64), 0);
	ck_assert_uint_eq(u64, 0xfeffffffffffffffull);
	sbuf_init(&b, ff, sizeof(ff));
	ck_assert_int_eq(sbuf_get_u16le(&b, &u16), 0);
	ck_assert_uint_eq(u16, 0xffff);
	ck_assert_int_eq(sbuf_get_u32be(&b, &u32), 0);
	ck_assert_uint_eq(u32, 0xffffffffu);
	sbuf_init(&b, ff, sizeof(ff));
	ck_assert_int_eq(sbuf_get_u48be(&b, &u64), 0);
	ck_assert_uint_eq(u64, 0xffffffffffffull);
	sbuf_init(&b, ff + 4, 4);
	ck_assert_int_eq(sbuf_get_u32le(&b, &u32), 0);
	ck_assert_uint_eq(u32, 0xfeffffffu);
}
END_TEST

/*
 * Each fixed-size getter on every too-short buffer: ERR_TRUNCATED, output
 * cleared, cursor unchanged.  The bytes are copied to an exact-size heap
 * block so ASan catches any read past the end.
 */
enum { G_U8, G_U16LE, G_U32LE, G_U64LE, G_U32BE, G_U48BE, G_BYTES, G_VIEW,
       G_SKIP, G_SUB, G_COUNT };
static const size_t gsize[G_COUNT] = { 1, 2, 4, 8, 4, 6, 5, 5, 5, 5 };

static int
getter(int g, struct sbuf *b, uint64_t *out, uint8_t *bytes,
       const uint8_t **view, struct sbuf *sect)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	int r;

	switch (g) {
	case G_U8:
		u8 = 0xAA;
		r = sbuf_get_u8(b, &u8);
		*out = u8;
		return r;
	case G_U16LE:
		u16 = 0xAAAA;
		r = sbuf_get_u16le(b, &u16);
		*out = u16;
		return r;
	case G_U32LE:
		u32 = 0xAAAAAAAA;
		r = sbuf_get_u32le(b, &u32);
		*out = u32;
		return r;
	case G_U64LE:
		*out = 0xAAAAAAAAAAAAAAAAull;
		return sbuf_get_u64le(b, out);
	case G_U32BE:
		u32 = 0xAAAAAAAA;
		r = sbuf_get_u32be(b, &u32);
		*out = u32;
		return r;
	case G_U48BE:
		*out = 0xAAAAAAAAAAAAAAAAull;
		return sbuf_get_u48be(b, out);
	case G_BYTES:
		memset(bytes, 0xAA, 5);
		r = sbuf_get_bytes(b, bytes, 5);
		*out = bytes[0] | bytes[1] | bytes[2] | bytes[3] | bytes[4];
		return r;
	case G_VIEW:
		*view = (const uint8_t *)"x";
		r = sbuf_get_view(b, 5, view);
		*out = *view == NULL ? 0 : 1;
		return r;
	case G_SKIP:
		*out = 0;
		return sbuf_skip(b, 5);
	default:
		sect->p = (const uint8_t *)"x";
		sect->len = sect->off = 7;
		r = sbuf_sub(b, 5, sect);
		*out = (sect->p != NULL) | sect->len | sect->off;
		return r;
	}
}

START_TEST(test_truncation)
{
	const int g = _i;
	const size_t need = gsize[g];
	uint8_t bytes[5];
	const uint8_t *view;
	struct sbuf b, sect;
	uint64_t out;
	size_t len, pre;

	for (pre = 0; pre < 3; pre++) {
		for (len = 0; len < need; len++) {
			uint8_t *p = malloc(pre + len + 1);

			ck_assert_ptr_nonnull(p);
			memset(p, 0x5A, pre + len);
			sbuf_init(&b, p, pre + len);
			ck_assert_int_eq(sbuf_skip(&b, pre), 0);
			ck_assert_int_eq(
				getter(g, &b, &out, bytes, &view, &sect),
				ERR_TRUNCATED);
			ck_assert_uint_eq(out, 0);
			ck_assert_uint_eq(b.off, pre);
			free(p);
		}
		/* and exactly enough works, consuming need bytes */
		{
			uint8_t *p = malloc(pre + need);

			ck_assert_ptr_nonnull(p);
			memset(p, 0x5A, pre + need);
			sbuf_init(&b, p, pre + need);
			ck_assert_int_eq(sbuf_skip(&b, pre), 0);
			ck_assert_int_eq(
				getter(g, &b, &out, bytes, &view, &sect), 0);
			ck_assert_uint_eq(b.off, pre + need);
			ck_assert_int_eq(sbuf_end(&b), 0);
			free(p);
		}
	}
}
END_TEST

START_TEST(test_huge_lengths)
{
	uint8_t dst[10];
	const uint8_t *v;
	struct sbuf b, sect;
	char *s;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_skip(&b, 3), 0);
	/* sizes that would overflow off + n */
	ck_assert_int_eq(sbuf_skip(&b, SIZE_MAX), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_skip(&b, SIZE_MAX - 2), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_get_view(&b, SIZE_MAX, &v), ERR_TRUNCATED);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(sbuf_sub(&b, SIZE_MAX, &sect), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_at(&b, 1, SIZE_MAX, &sect), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_at(&b, SIZE_MAX, 1, &sect), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_get_utf16le(&b, SIZE_MAX - 1, SIZE_MAX, &s),
			 ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_get_bytes(&b, dst, 10), ERR_TRUNCATED);
	ck_assert_uint_eq(b.off, 3);
	/* the remaining 9 bytes are all there */
	ck_assert_int_eq(sbuf_skip(&b, 9), 0);
	ck_assert_int_eq(sbuf_end(&b), 0);
}
END_TEST

START_TEST(test_bytes_view)
{
	struct sbuf b;
	uint8_t dst[4];
	const uint8_t *v;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_get_bytes(&b, dst, 4), 0);
	ck_assert_mem_hex(dst, 4, "01020304");
	ck_assert_int_eq(sbuf_get_view(&b, 3, &v), 0);
	ck_assert_ptr_eq(v, seq + 4);
	ck_assert_uint_eq(b.off, 7);
	/* zero-length reads succeed and do not move */
	ck_assert_int_eq(sbuf_get_bytes(&b, dst, 0), 0);
	ck_assert_int_eq(sbuf_get_view(&b, 0, &v), 0);
	ck_assert_ptr_eq(v, seq + 7);
	ck_assert_int_eq(sbuf_skip(&b, 0), 0);
	ck_assert_uint_eq(b.off, 7);
	/* bytes output is zeroed on failure */
	memset(dst, 0xAA, sizeof(dst));
	ck_assert_int_eq(sbuf_skip(&b, 3), 0);
	ck_assert_int_eq(sbuf_get_bytes(&b, dst, 4), ERR_TRUNCATED);
	ck_assert_mem_hex(dst, 4, "00000000");
}
END_TEST

START_TEST(test_sub)
{
	struct sbuf b, sect, inner;
	uint16_t u16;
	uint8_t u8;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_skip(&b, 2), 0);
	ck_assert_int_eq(sbuf_sub(&b, 3, &sect), 0);
	ck_assert_uint_eq(b.off, 5);
	ck_assert_ptr_eq(sect.p, seq + 2);
	ck_assert_uint_eq(sect.len, 3);
	ck_assert_uint_eq(sect.off, 0);
	/* the section is a view of its own: reads stop at its end */
	ck_assert_int_eq(sbuf_get_u16le(&sect, &u16), 0);
	ck_assert_uint_eq(u16, 0x0403);
	ck_assert_int_eq(sbuf_get_u16le(&sect, &u16), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_get_u8(&sect, &u8), 0);
	ck_assert_uint_eq(u8, 0x05);
	ck_assert_int_eq(sbuf_end(&sect), 0);
	ck_assert_int_eq(sbuf_get_u8(&sect, &u8), ERR_TRUNCATED);
	/* nested, empty */
	ck_assert_int_eq(sbuf_sub(&b, 0, &inner), 0);
	ck_assert_uint_eq(inner.len, 0);
	ck_assert_int_eq(sbuf_end(&inner), 0);
	/* failure clears sect */
	ck_assert_int_eq(sbuf_sub(&b, 8, &sect), ERR_TRUNCATED);
	ck_assert_ptr_null(sect.p);
	ck_assert_uint_eq(sect.len, 0);
	ck_assert_uint_eq(b.off, 5);
	ck_assert_int_eq(sbuf_sub(&b, 7, &sect), 0);
	ck_assert_int_eq(sbuf_end(&b), 0);
}
END_TEST

START_TEST(test_at)
{
	struct sbuf b, sect;
	uint32_t u32;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_skip(&b, 10), 0);
	/* absolute offsets, the cursor does not matter nor move */
	ck_assert_int_eq(sbuf_at(&b, 4, 4, &sect), 0);
	ck_assert_uint_eq(b.off, 10);
	ck_assert_int_eq(sbuf_get_u32le(&sect, &u32), 0);
	ck_assert_uint_eq(u32, 0x08070605u);
	ck_assert_int_eq(sbuf_at(&b, 0, 12, &sect), 0);
	ck_assert_int_eq(sbuf_at(&b, 12, 0, &sect), 0);
	ck_assert_uint_eq(sect.len, 0);
	ck_assert_int_eq(sbuf_at(&b, 13, 0, &sect), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_at(&b, 11, 2, &sect), ERR_TRUNCATED);
	ck_assert_ptr_null(sect.p);
	ck_assert_uint_eq(sect.len, 0);
	ck_assert_int_eq(sbuf_at(&b, 0, 13, &sect), ERR_TRUNCATED);
	ck_assert_uint_eq(b.off, 10);
}
END_TEST

START_TEST(test_align)
{
	struct sbuf b;

	sbuf_init(&b, seq, sizeof(seq));
	ck_assert_int_eq(sbuf_align(&b, 4), 0); /* at 0: nothing */
	ck_assert_uint_eq(b.off, 0);
	ck_assert_int_eq(sbuf_skip(&b, 1), 0);
	ck_assert_int_eq(sbuf_align(&b, 4), 0);
	ck_assert_uint_eq(b.off, 4);
	ck_assert_int_eq(sbuf_align(&b, 4), 0);
	ck_assert_uint_eq(b.off, 4);
	ck_assert_int_eq(sbuf_skip(&b, 1), 0);
	ck_assert_int_eq(sbuf_align(&b, 2), 0);
	ck_assert_uint_eq(b.off, 6);
	ck_assert_int_eq(sbuf_align(&b, 8), 0);
	ck_assert_uint_eq(b.off, 8);
	ck_assert_int_eq(sbuf_align(&b, 1), 0);
	ck_assert_uint_eq(b.off, 8);
	/* padding past the end is truncation; cursor stays */
	ck_assert_int_eq(sbuf_skip(&b, 1), 0);
	ck_assert_int_eq(sbuf_align(&b, 16), ERR_TRUNCATED);
	ck_assert_uint_eq(b.off, 9);
	ck_assert_int_eq(sbuf_align(&b, 4), 0);
	ck_assert_uint_eq(b.off, 12);
	/* a not power of two is a programming error */
	ck_assert_int_eq(sbuf_align(&b, 0), ERR_INTERNAL);
	ck_assert_int_eq(sbuf_align(&b, 3), ERR_INTERNAL);
	ck_assert_int_eq(sbuf_align(&b, 12), ERR_INTERNAL);
}
END_TEST

START_TEST(test_end)
{
	struct sbuf b;
	uint8_t u8;

	sbuf_init(&b, seq, 2);
	ck_assert_int_eq(sbuf_end(&b), ERR_TRAILING);
	ck_assert_int_eq(sbuf_get_u8(&b, &u8), 0);
	ck_assert_int_eq(sbuf_end(&b), ERR_TRAILING);
	ck_assert_int_eq(sbuf_get_u8(&b, &u8), 0);
	ck_assert_int_eq(sbuf_end(&b), 0);
}
END_TEST

START_TEST(test_cstr)
{
	static const uint8_t in[] = { 'a', 'b', 'c', 0, 0, 'x', 'y' };
	struct sbuf b;
	char *s = (char *)"junk";

	sbuf_init(&b, in, sizeof(in));
	ck_assert_int_eq(sbuf_get_cstr(&b, 16, &s), 0);
	ck_assert_str_eq(s, "abc");
	ck_assert_uint_eq(b.off, 4);
	free(s);
	/* empty string */
	ck_assert_int_eq(sbuf_get_cstr(&b, 16, &s), 0);
	ck_assert_str_eq(s, "");
	ck_assert_uint_eq(b.off, 5);
	free(s);
	/* "xy" with no NUL: the input ended, so truncated */
	s = (char *)"junk";
	ck_assert_int_eq(sbuf_get_cstr(&b, 16, &s), ERR_TRUNCATED);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(b.off, 5);
	/* max smaller than the data: NUL not within max is a format error */
	ck_assert_int_eq(sbuf_get_cstr(&b, 1, &s), ERR_FORMAT);
	ck_assert_int_eq(sbuf_get_cstr(&b, 2, &s), ERR_FORMAT);
	ck_assert_uint_eq(b.off, 5);
	ck_assert_int_eq(sbuf_get_cstr(&b, 0, &s), ERR_FORMAT);
}
END_TEST

START_TEST(test_cstr_limits)
{
	static const uint8_t in[] = { 'a', 'b', 'c', 0 };
	struct sbuf b;
	char *s;

	/* the NUL must lie within the first max bytes */
	sbuf_init(&b, in, sizeof(in));
	ck_assert_int_eq(sbuf_get_cstr(&b, 3, &s), ERR_FORMAT);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(sbuf_get_cstr(&b, 4, &s), 0);
	ck_assert_str_eq(s, "abc");
	free(s);
	ck_assert_int_eq(sbuf_end(&b), 0);
	/* nothing left at all */
	ck_assert_int_eq(sbuf_get_cstr(&b, 4, &s), ERR_TRUNCATED);
	ck_assert_ptr_null(s);
	/* every prefix without the NUL is truncated, never read past */
	for (size_t len = 0; len < sizeof(in); len++) {
		uint8_t *p = malloc(len + 1);

		ck_assert_ptr_nonnull(p);
		memcpy(p, in, len);
		sbuf_init(&b, p, len);
		ck_assert_int_eq(sbuf_get_cstr(&b, 16, &s), ERR_TRUNCATED);
		ck_assert_uint_eq(b.off, 0);
		free(p);
	}
}
END_TEST

START_TEST(test_utf16le)
{
	/* "P@ss" + U+1F511 KEY, then trailing bytes */
	static const uint8_t in[] = { 0x50, 0x00, 0x40, 0x00, 0x73, 0x00,
				      0x73, 0x00, 0x3d, 0xd8, 0x11, 0xdd,
				      0xEE };
	struct sbuf b;
	char *s = (char *)"junk";

	sbuf_init(&b, in, sizeof(in));
	ck_assert_int_eq(sbuf_get_utf16le(&b, 12, 12, &s), 0);
	ck_assert_str_eq(s, "P@ss\xf0\x9f\x94\x91");
	ck_assert_uint_eq(b.off, 12);
	free(s);
	ck_assert_int_eq(sbuf_end(&b), ERR_TRAILING);

	/* limits: over max, odd length, truncated; cursor unchanged */
	sbuf_init(&b, in, sizeof(in));
	s = (char *)"junk";
	ck_assert_int_eq(sbuf_get_utf16le(&b, 12, 10, &s), ERR_RANGE);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(sbuf_get_utf16le(&b, 3, 10, &s), ERR_FORMAT);
	ck_assert_int_eq(sbuf_get_utf16le(&b, 14, 20, &s), ERR_TRUNCATED);
	/* cutting the surrogate pair is invalid UTF-16 */
	ck_assert_int_eq(sbuf_get_utf16le(&b, 10, 20, &s), ERR_FORMAT);
	ck_assert_ptr_null(s);
	ck_assert_uint_eq(b.off, 0);
	/* empty string */
	ck_assert_int_eq(sbuf_get_utf16le(&b, 0, 20, &s), 0);
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_uint_eq(b.off, 0);
	/* embedded NUL */
	{
		static const uint8_t nul[] = { 0x41, 0, 0, 0, 0x42, 0 };

		sbuf_init(&b, nul, sizeof(nul));
		ck_assert_int_eq(sbuf_get_utf16le(&b, 6, 6, &s), ERR_FORMAT);
		ck_assert_ptr_null(s);
		ck_assert_uint_eq(b.off, 0);
	}
}
END_TEST

/* Allocation failures: every N fails cleanly until the call succeeds. */
START_TEST(test_alloc_failures)
{
	static const uint8_t str[] = { 'a', 'b', 0 };
	static const uint8_t u16[] = { 0x41, 0, 0xe9, 0 };
	struct sbuf b;
	char *s;
	long n;
	int r;

	for (n = 0;; n++) {
		sbuf_init(&b, str, sizeof(str));
		mem_fail_after(n);
		r = sbuf_get_cstr(&b, 8, &s);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(s);
		ck_assert_uint_eq(b.off, 0);
	}
	ck_assert_str_eq(s, "ab");
	free(s);
	ck_assert_int_eq(n, 1);

	for (n = 0;; n++) {
		sbuf_init(&b, u16, sizeof(u16));
		mem_fail_after(n);
		r = sbuf_get_utf16le(&b, 4, 4, &s);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(s);
		ck_assert_uint_eq(b.off, 0);
	}
	ck_assert_str_eq(s, "A\xc3\xa9");
	free(s);
	ck_assert_int_ge(n, 1);
}
END_TEST

START_TEST(test_find)
{
	static const uint8_t in[] = { 'k', '=', 'v', '\n', 'x' };
	struct sbuf b, e;
	size_t n = 99;

	sbuf_init(&b, in, sizeof(in));
	ck_assert_int_eq(sbuf_find(&b, '=', &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(sbuf_find(&b, 'k', &n), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(sbuf_find(&b, '\n', &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(b.off, 0);
	/* relative to the cursor */
	ck_assert_int_eq(sbuf_skip(&b, 2), 0);
	ck_assert_int_eq(sbuf_find(&b, '\n', &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(sbuf_find(&b, '=', &n), ERR_NOTFOUND);
	ck_assert_uint_eq(n, 3); /* bytes left */
	ck_assert_uint_eq(b.off, 2);
	/* the byte just past the view is never seen */
	sbuf_init(&b, in, 3);
	ck_assert_int_eq(sbuf_find(&b, '\n', &n), ERR_NOTFOUND);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(sbuf_skip(&b, 3), 0);
	ck_assert_int_eq(sbuf_find(&b, 'x', &n), ERR_NOTFOUND);
	ck_assert_uint_eq(n, 0);
	sbuf_init(&e, NULL, 0);
	ck_assert_int_eq(sbuf_find(&e, 0, &n), ERR_NOTFOUND);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/*
 * An empty view with p == NULL (allowed by sbuf_init) supports every
 * zero-length operation without NULL + 0 arithmetic (clang UBSan).
 */
START_TEST(test_null_view)
{
	struct sbuf b, sect;
	const uint8_t *v = (const uint8_t *)"x";
	uint8_t u8;
	char *s;

	sbuf_init(&b, NULL, 0);
	ck_assert_int_eq(sbuf_get_view(&b, 0, &v), 0);
	ck_assert_ptr_null(v);
	ck_assert_int_eq(sbuf_sub(&b, 0, &sect), 0);
	ck_assert_uint_eq(sect.len, 0);
	ck_assert_int_eq(sbuf_end(&sect), 0);
	ck_assert_int_eq(sbuf_at(&b, 0, 0, &sect), 0);
	ck_assert_int_eq(sbuf_skip(&b, 0), 0);
	ck_assert_int_eq(sbuf_align(&b, 8), 0);
	ck_assert_int_eq(sbuf_get_bytes(&b, &u8, 0), 0);
	ck_assert_int_eq(sbuf_get_u8(&b, &u8), ERR_TRUNCATED);
	ck_assert_int_eq(sbuf_get_cstr(&b, 4, &s), ERR_TRUNCATED);
	ck_assert_ptr_null(s);
	ck_assert_int_eq(sbuf_get_utf16le(&b, 0, 4, &s), 0);
	ck_assert_str_eq(s, "");
	free(s);
	ck_assert_int_eq(sbuf_end(&b), 0);
}
END_TEST

Suite *sbuf_suite(void);

Suite *
sbuf_suite(void)
{
	Suite *s = suite_create("sbuf");
	TCase *tc = tcase_create("getters");
	TCase *tv = tcase_create("views");
	TCase *ts = tcase_create("strings");

	tcase_add_test(tc, test_init_left);
	tcase_add_test(tc, test_integers);
	tcase_add_test(tc, test_integers_high_bits);
	tcase_add_loop_test(tc, test_truncation, 0, G_COUNT);
	tcase_add_test(tc, test_huge_lengths);
	tcase_add_test(tc, test_bytes_view);
	suite_add_tcase(s, tc);

	tcase_add_test(tv, test_sub);
	tcase_add_test(tv, test_at);
	tcase_add_test(tv, test_align);
	tcase_add_test(tv, test_end);
	tcase_add_test(tv, test_find);
	tcase_add_test(tv, test_null_view);
	suite_add_tcase(s, tv);

	tcase_add_test(ts, test_cstr);
	tcase_add_test(ts, test_cstr_limits);
	tcase_add_test(ts, test_utf16le);
	tcase_add_test(ts, test_alloc_failures);
	suite_add_tcase(s, ts);
	return s;
}
