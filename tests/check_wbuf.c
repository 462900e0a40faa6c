/*
 * tests/check_wbuf.c - common/wbuf, the capped self-wiping writer: byte
 * order of every put, the hard cap fixed at init, the first-error latch,
 * growth across many writes, allocation failure, reset and free.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/wbuf.h"
#include "testutil.h"

START_TEST(test_puts)
{
	struct wbuf w;

	wbuf_init(&w, 1024);
	ck_assert_ptr_null(w.p);
	ck_assert_uint_eq(w.len, 0);
	ck_assert_int_eq(wbuf_put_u8(&w, 0x01), 0);
	ck_assert_int_eq(wbuf_put_u16le(&w, 0x0302), 0);
	ck_assert_int_eq(wbuf_put_u32le(&w, 0x07060504u), 0);
	ck_assert_int_eq(wbuf_put_u64le(&w, 0x0f0e0d0c0b0a0908ull), 0);
	ck_assert_int_eq(wbuf_put_u32be(&w, 0x10111213u), 0);
	ck_assert_int_eq(wbuf_put_u48be(&w, 0x141516171819ull), 0);
	ck_assert_int_eq(wbuf_put_bytes(&w, "\xaa\xbb", 2), 0);
	ck_assert_int_eq(wbuf_put_zero(&w, 3), 0);
	ck_assert_int_eq(wbuf_put_cstr(&w, "hi"), 0);
	ck_assert_int_eq(wbuf_error(&w), 0);
	ck_assert_mem_hex(w.p, w.len,
			  "0102030405060708090a0b0c0d0e0f10111213141516171819"
			  "aabb000000686900");
	wbuf_free(&w);
	ck_assert_ptr_null(w.p);
	ck_assert_uint_eq(w.len, 0);
	ck_assert_uint_eq(w.cap, 0);
}
END_TEST

START_TEST(test_put_extremes)
{
	struct wbuf w;

	wbuf_init(&w, 64);
	ck_assert_int_eq(wbuf_put_u16le(&w, 0xffff), 0);
	ck_assert_int_eq(wbuf_put_u32le(&w, 0xfffffffeu), 0);
	ck_assert_int_eq(wbuf_put_u64le(&w, 0x8000000000000001ull), 0);
	ck_assert_int_eq(wbuf_put_u32be(&w, 0x80000001u), 0);
	/* only the low 48 bits of a u48 are written */
	ck_assert_int_eq(wbuf_put_u48be(&w, 0xffff800000000001ull), 0);
	ck_assert_mem_hex(w.p, w.len,
			  "fffffeffffff010000000000008080000001800000000001");
	wbuf_free(&w);
	/* zero-length writes are fine, even before the first allocation */
	wbuf_init(&w, 64);
	ck_assert_int_eq(wbuf_put_bytes(&w, NULL, 0), 0);
	ck_assert_int_eq(wbuf_put_zero(&w, 0), 0);
	ck_assert_uint_eq(w.len, 0);
	ck_assert_int_eq(wbuf_put_u16le(&w, 0xffff), 0);
	ck_assert_int_eq(wbuf_put_u32le(&w, 0xfffffffeu), 0);
	ck_assert_int_eq(wbuf_put_u64le(&w, 0x8000000000000001ull), 0);
	ck_assert_int_eq(wbuf_put_u32be(&w, 0x80000001u), 0);
	ck_assert_int_eq(wbuf_put_u48be(&w, 0xffff800000000001ull), 0);
	ck_assert_int_eq(wbuf_put_bytes(&w, "", 0), 0);
	ck_assert_int_eq(wbuf_put_zero(&w, 0), 0);
	ck_assert_int_eq(wbuf_put_cstr(&w, ""), 0);
	ck_assert_uint_eq(w.len, 25);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_cap)
{
	struct wbuf w;

	wbuf_init(&w, 6);
	ck_assert_int_eq(wbuf_put_u32le(&w, 1), 0);
	/* 4 + 4 > 6: refused, nothing written */
	ck_assert_int_eq(wbuf_put_u32le(&w, 2), ERR_RANGE);
	ck_assert_uint_eq(w.len, 4);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	/* latched: even a write that would fit fails now */
	ck_assert_int_eq(wbuf_put_u8(&w, 3), ERR_RANGE);
	ck_assert_int_eq(wbuf_put_zero(&w, 0), ERR_RANGE);
	ck_assert_uint_eq(w.len, 4);
	ck_assert_mem_hex(w.p, w.len, "01000000");
	wbuf_free(&w);

	/* exactly to the cap works; one more byte does not */
	wbuf_init(&w, 6);
	ck_assert_int_eq(wbuf_put_u48be(&w, 0x010203040506ull), 0);
	ck_assert_uint_eq(w.len, 6);
	ck_assert_int_eq(wbuf_put_u8(&w, 7), ERR_RANGE);
	ck_assert_uint_eq(w.len, 6);
	wbuf_free(&w);

	/* a cap of 0 takes nothing; a huge n cannot overflow the check */
	wbuf_init(&w, 0);
	ck_assert_int_eq(wbuf_put_u8(&w, 1), ERR_RANGE);
	wbuf_free(&w);
	wbuf_init(&w, 100);
	ck_assert_int_eq(wbuf_put_u8(&w, 1), 0);
	ck_assert_int_eq(wbuf_put_zero(&w, SIZE_MAX), ERR_RANGE);
	ck_assert_uint_eq(w.len, 1);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_latch_first_error)
{
	struct wbuf w;

	wbuf_init(&w, 100);
	ck_assert_int_eq(wbuf_put_zero(&w, 101), ERR_RANGE);
	/* a later allocation failure does not replace the first error */
	mem_fail_after(0);
	ck_assert_int_eq(wbuf_put_u8(&w, 1), ERR_RANGE);
	mem_fail_after(-1);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	/* reset clears the latch */
	wbuf_reset(&w);
	ck_assert_int_eq(wbuf_error(&w), 0);
	ck_assert_int_eq(wbuf_put_u8(&w, 1), 0);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_growth)
{
	struct wbuf w;
	size_t i;

	wbuf_init(&w, 100000);
	for (i = 0; i < 25000; i++)
		ck_assert_int_eq(wbuf_put_u32le(&w, (uint32_t)i), 0);
	ck_assert_uint_eq(w.len, 100000);
	ck_assert_uint_le(w.cap, 100000);
	ck_assert_uint_ge(w.cap, w.len);
	for (i = 0; i < 25000; i++) {
		uint32_t v = (uint32_t)w.p[4 * i] |
			     ((uint32_t)w.p[4 * i + 1] << 8) |
			     ((uint32_t)w.p[4 * i + 2] << 16) |
			     ((uint32_t)w.p[4 * i + 3] << 24);

		ck_assert_uint_eq(v, i);
	}
	ck_assert_int_eq(wbuf_put_u8(&w, 0), ERR_RANGE);
	wbuf_free(&w);

	/* one big write */
	wbuf_init(&w, 1 << 20);
	ck_assert_int_eq(wbuf_put_zero(&w, 300000), 0);
	ck_assert_uint_eq(w.len, 300000);
	ck_assert_uint_ge(w.cap, 300000);
	ck_assert_uint_le(w.cap, 1 << 20);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_nomem)
{
	struct wbuf w;

	wbuf_init(&w, 1 << 16);
	mem_fail_after(0);
	ck_assert_int_eq(wbuf_put_u8(&w, 1), ERR_NOMEM);
	mem_fail_after(-1);
	ck_assert_int_eq(wbuf_error(&w), ERR_NOMEM);
	ck_assert_uint_eq(w.len, 0);
	wbuf_free(&w);

	/* failure while growing keeps what was written */
	wbuf_init(&w, 1 << 16);
	ck_assert_int_eq(wbuf_put_bytes(&w, "abc", 3), 0);
	mem_fail_after(0);
	ck_assert_int_eq(wbuf_put_zero(&w, 1000), ERR_NOMEM);
	mem_fail_after(-1);
	ck_assert_uint_eq(w.len, 3);
	ck_assert_mem_hex(w.p, w.len, "616263");
	ck_assert_int_eq(wbuf_put_u8(&w, 1), ERR_NOMEM);
	wbuf_free(&w);

	/* allocation-failure loop: a write sequence fails cleanly at every
	 * N until it succeeds */
	for (long n = 0;; n++) {
		int r;

		wbuf_init(&w, 1 << 16);
		mem_fail_after(n);
		for (int i = 0; i < 100; i++)
			(void)wbuf_put_zero(&w, 100);
		r = wbuf_error(&w);
		mem_fail_after(-1);
		if (r == 0) {
			ck_assert_uint_eq(w.len, 10000);
			wbuf_free(&w);
			break;
		}
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_uint_lt(w.len, 10000);
		wbuf_free(&w);
		ck_assert_int_lt(n, 100);
	}
}
END_TEST

START_TEST(test_reset_wipes)
{
	struct wbuf w;
	uint8_t *p;
	size_t cap, i;

	wbuf_init(&w, 256);
	ck_assert_int_eq(wbuf_put_bytes(&w, "secret-password", 15), 0);
	p = w.p;
	cap = w.cap;
	wbuf_reset(&w);
	/* same allocation, contents wiped, empty and writable */
	ck_assert_ptr_eq(w.p, p);
	ck_assert_uint_eq(w.cap, cap);
	ck_assert_uint_eq(w.len, 0);
	for (i = 0; i < cap; i++)
		ck_assert_uint_eq(w.p[i], 0);
	ck_assert_int_eq(wbuf_put_cstr(&w, "x"), 0);
	ck_assert_mem_hex(w.p, w.len, "7800");
	wbuf_free(&w);
	/* free twice and reset of an empty wbuf are harmless */
	wbuf_free(&w);
	wbuf_reset(&w);
	wbuf_free(&w);
}
END_TEST

/* wbuf_printf: short and long text, the cap, a first error kept. */
START_TEST(test_printf)
{
	struct wbuf w;
	char big[1000];
	size_t i;

	wbuf_init(&w, 2000);
	ck_assert_int_eq(wbuf_printf(&w, "%s=%u;", "rid", 1000u), 0);
	ck_assert_uint_eq(w.len, 9);
	ck_assert_mem_eq(w.p, "rid=1000;", 9);
	for (i = 0; i < sizeof(big) - 1; i++)
		big[i] = (char)('a' + i % 26);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(wbuf_printf(&w, "[%s]", big), 0);
	ck_assert_uint_eq(w.len, 9 + 1001);
	ck_assert_mem_eq(w.p + 10, big, 999);
	ck_assert_int_eq(w.p[w.len - 1], ']');
	/* over the cap: the error, and the buffer unchanged */
	ck_assert_int_eq(wbuf_printf(&w, "%s%s", big, big), ERR_RANGE);
	ck_assert_uint_eq(w.len, 1010);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	wbuf_free(&w);
}
END_TEST

Suite *wbuf_suite(void);

Suite *
wbuf_suite(void)
{
	Suite *s = suite_create("wbuf");
	TCase *tc = tcase_create("wbuf");

	tcase_add_test(tc, test_puts);
	tcase_add_test(tc, test_put_extremes);
	tcase_add_test(tc, test_cap);
	tcase_add_test(tc, test_printf);
	tcase_add_test(tc, test_latch_first_error);
	tcase_add_test(tc, test_growth);
	tcase_add_test(tc, test_nomem);
	tcase_add_test(tc, test_reset_wipes);
	suite_add_tcase(s, tc);
	return s;
}
