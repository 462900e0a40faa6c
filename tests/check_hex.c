/*
 * tests/check_hex.c - common/hex: encoding, strict decoding (length and
 * digit errors with their messages and offsets), truncation and bit-flip
 * loops over both decoders, allocation failures.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/mem.h"
#include "testutil.h"

START_TEST(test_encode)
{
	static const uint8_t in[] = { 0x00, 0x01, 0x7f, 0x80, 0xab, 0xff };
	char out[2 * sizeof(in) + 1];

	memset(out, 'z', sizeof(out));
	hex_encode(in, sizeof(in), out);
	ck_assert_str_eq(out, "00017f80abff");
	hex_encode(in, 0, out);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_decode)
{
	uint8_t out[4];
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(hex_decode("00aBcDeF", out, 4, &ei), 0);
	ck_assert_mem_hex(out, 4, "00abcdef");
	ck_assert_int_eq(hex_decode("0123", out, 2, &ei), 0);
	ck_assert_mem_hex(out, 2, "0123");
	ck_assert_int_eq(hex_decode("", out, 0, &ei), 0);
	ck_assert_int_eq(ei.code, 0);
}
END_TEST

static const struct {
	const char *in;
	size_t n;
	int code;
	size_t offset;
	const char *msg;
} bad[] = {
	{ "012", 2, ERR_RANGE, 0, "expected 4 hex digits, got 3" },
	{ "01234", 2, ERR_RANGE, 0, "expected 4 hex digits, got 5" },
	{ "", 1, ERR_RANGE, 0, "expected 2 hex digits, got 0" },
	{ "00", 0, ERR_RANGE, 0, "expected 0 hex digits, got 2" },
	{ "g0", 1, ERR_FORMAT, 0, "not a hex digit at offset 0" },
	{ "0g", 1, ERR_FORMAT, 1, "not a hex digit at offset 1" },
	{ "00112x", 3, ERR_FORMAT, 5, "not a hex digit at offset 5" },
	{ "0x12", 2, ERR_FORMAT, 1, "not a hex digit at offset 1" },
	{ " 012", 2, ERR_FORMAT, 0, "not a hex digit at offset 0" },
	{ "01 2", 2, ERR_FORMAT, 2, "not a hex digit at offset 2" },
	{ "-1", 1, ERR_FORMAT, 0, "not a hex digit at offset 0" },
	{ "\xc3\xa9", 1, ERR_FORMAT, 0, "not a hex digit at offset 0" },
};

START_TEST(test_decode_bad)
{
	uint8_t out[8];
	struct errinfo ei;

	memset(out, 0xAA, sizeof(out));
	err_clear(&ei);
	ck_assert_int_eq(hex_decode(bad[_i].in, out, bad[_i].n, &ei),
			 bad[_i].code);
	ck_assert_int_eq(ei.code, bad[_i].code);
	ck_assert_uint_eq(ei.offset, bad[_i].offset);
	ck_assert_str_eq(ei.msg, bad[_i].msg);
	/* the output is zeroed, never half written */
	for (size_t i = 0; i < bad[_i].n; i++)
		ck_assert_uint_eq(out[i], 0);
	ck_assert_int_eq(hex_decode(bad[_i].in, out, bad[_i].n, NULL),
			 bad[_i].code);
}
END_TEST

START_TEST(test_decode_alloc)
{
	struct errinfo ei;
	uint8_t *out = (uint8_t *)"junk";
	size_t n = 99;

	ck_assert_int_eq(hex_decode_alloc("DEADbeef00", &out, &n, NULL), 0);
	ck_assert_uint_eq(n, 5);
	ck_assert_mem_hex(out, n, "deadbeef00");
	free(out);
	ck_assert_int_eq(hex_decode_alloc("", &out, &n, NULL), 0);
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(n, 0);
	free(out);

	err_clear(&ei);
	out = (uint8_t *)"junk";
	ck_assert_int_eq(hex_decode_alloc("abc", &out, &n, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "odd number of hex digits (3)");
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(n, 0);
	err_clear(&ei);
	ck_assert_int_eq(hex_decode_alloc("abcz", &out, &n, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "not a hex digit at offset 3");
	ck_assert_ptr_null(out);
}
END_TEST

/* Every prefix: hex_decode wants the full length, _alloc any even one. */
START_TEST(test_truncation)
{
	static const char full[] = "00112233445566778899aabbccddeeff";
	char prefix[sizeof(full)];
	uint8_t out[16], *p;
	size_t len = strlen(full), k, n;
	int r;

	for (k = 0; k < len; k++) {
		memcpy(prefix, full, k);
		prefix[k] = '\0';
		ck_assert_int_eq(hex_decode(prefix, out, 16, NULL), ERR_RANGE);
		r = hex_decode_alloc(prefix, &p, &n, NULL);
		if (k % 2 != 0) {
			ck_assert_int_eq(r, ERR_FORMAT);
			ck_assert_ptr_null(p);
			continue;
		}
		ck_assert_int_eq(r, 0);
		ck_assert_uint_eq(n, k / 2);
		ck_assert_mem_hex(p, n, prefix);
		free(p);
	}
}
END_TEST

/* Flip every bit of every digit: a clean error or the flipped digits. */
START_TEST(test_bitflip)
{
	static const char full[] = "0123456789abcdefABCDEF";
	char s[sizeof(full)], lower[sizeof(full)];
	uint8_t out[16], *p;
	size_t len = strlen(full), i, j, n;
	int bit, r;

	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(s, full, sizeof(full));
			s[i] = (char)(s[i] ^ (1 << bit));
			r = hex_decode(s, out, len / 2, NULL);
			if (s[i] == '\0')
				ck_assert_int_eq(r, ERR_RANGE);
			if (r == 0) {
				for (j = 0; j < len; j++)
					lower[j] = (char)(s[j] >= 'A' &&
								  s[j] <= 'F'
							  ? s[j] + 32
							  : s[j]);
				lower[len] = '\0';
				ck_assert_mem_hex(out, len / 2, lower);
			} else {
				ck_assert(r == ERR_FORMAT || r == ERR_RANGE);
			}
			r = hex_decode_alloc(s, &p, &n, NULL);
			if (r == 0)
				free(p);
			else
				ck_assert_int_eq(r, ERR_FORMAT);
		}
	}
}
END_TEST

START_TEST(test_alloc_failures)
{
	uint8_t *p = NULL;
	size_t n;
	long k;
	int r;

	for (k = 0;; k++) {
		mem_fail_after(k);
		r = hex_decode_alloc("0102", &p, &n, NULL);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(p);
		ck_assert_uint_eq(n, 0);
	}
	ck_assert_int_eq(k, 1);
	ck_assert_mem_hex(p, n, "0102");
	free(p);
}
END_TEST

Suite *hex_suite(void);

Suite *
hex_suite(void)
{
	Suite *s = suite_create("hex");
	TCase *tc = tcase_create("hex");

	tcase_add_test(tc, test_encode);
	tcase_add_test(tc, test_decode);
	tcase_add_loop_test(tc, test_decode_bad, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_decode_alloc);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_bitflip);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);
	return s;
}
