/*
 * tests/check_utf16.c - common/utf16: UTF-8 <-> UTF-16LE round trips (BMP
 * edges and non-BMP), every rejection class with its message, truncation
 * and bit-flip loops over both converters, allocation failures, and
 * utf8_upper.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/utf16.h"
#include "testutil.h"

static const struct {
	const char *utf8;
	const char *utf16_hex;
} trips[] = {
	{ "", "" },
	{ "alice", "61006c00690063006500" },
	{ "P@ss\xf0\x9f\x94\x91", "50004000730073003dd811dd" },
	{ "J\xc3\xbcrgen", "4a00fc007200670065006e00" },
	{ "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0", "10043d043d043004" },
	{ "\xe5\xb1\xb1\xe7\x94\xb0", "715c3075" },
	{ "\x7f\xc2\x80\xdf\xbf\xe0\xa0\x80", "7f008000ff070008" },
	{ "\xed\x9f\xbf\xee\x80\x80\xef\xbf\xbf", "ffd700e0ffff" },
	{ "\xf0\x90\x80\x80\xf4\x8f\xbf\xbf", "00d800dcffdbffdf" },
	{ "\x01", "0100" },
};

START_TEST(test_round_trip)
{
	const char *u8 = trips[_i].utf8;
	struct errinfo ei;
	uint8_t *u16 = NULL;
	size_t n = 99;
	char *back = NULL;

	err_clear(&ei);
	ck_assert_int_eq(utf8_to_utf16(&u16, &n, u8, strlen(u8), &ei), 0);
	ck_assert_ptr_nonnull(u16);
	ck_assert_mem_hex(u16, n, trips[_i].utf16_hex);
	ck_assert_int_eq(utf16_to_utf8(&back, u16, n, &ei), 0);
	ck_assert_str_eq(back, u8);
	ck_assert_int_eq(utf8_check(u8, &ei), 0);
	ck_assert_uint_eq(utf8_len16(u8), n / 2);
	ck_assert_int_eq(ei.code, 0);
	free(u16);
	free(back);
}
END_TEST

static const struct {
	const char *in;
	size_t len;
	const char *msg; /* NULL: not checked */
} bad8[] = {
	/* overlong forms */
	{ "\xc0\xaf", 2, "invalid UTF-8 byte 0xc0 at byte 0" },
	{ "\xc1\xbf", 2, NULL },
	{ "a\xe0\x80\xaf", 4, "overlong UTF-8 sequence at byte 1" },
	{ "\xe0\x9f\xbf", 3, NULL },
	{ "\xf0\x80\x80\xaf", 4, NULL },
	{ "\xf0\x8f\xbf\xbf", 4, NULL },
	/* truncated sequences */
	{ "ab\xc3", 3, "truncated UTF-8 sequence at byte 2" },
	{ "\xe2\x82", 2, NULL },
	{ "\xf0\x9f\x94", 3, NULL },
	{ "\xc3" "a", 2, "truncated UTF-8 sequence at byte 0" },
	{ "\xe2\x82" "a", 3, NULL },
	/* stray continuation bytes and impossible bytes */
	{ "\x80", 1, "invalid UTF-8 byte 0x80 at byte 0" },
	{ "a\xbf", 2, NULL },
	{ "\xfe", 1, NULL },
	{ "\xff", 1, NULL },
	/* surrogates encoded in UTF-8 */
	{ "\xed\xa0\x80", 3, "UTF-8 encoded surrogate U+D800 at byte 0" },
	{ "\xed\xbf\xbf", 3, NULL },
	{ "\xed\xa0\xbd\xed\xb4\x91", 6, NULL }, /* CESU-8 pair */
	/* above U+10FFFF */
	{ "\xf4\x90\x80\x80", 4, "code point above U+10FFFF at byte 0" },
	{ "\xf5\x80\x80\x80", 4, NULL },
	{ "\xf7\xbf\xbf\xbf", 4, NULL },
	/* NUL inside */
	{ "ab\0cd", 5, "NUL character at byte 2" },
	{ "\0", 1, NULL },
};

START_TEST(test_utf8_rejects)
{
	struct errinfo ei;
	uint8_t *u16 = (uint8_t *)"junk";
	size_t n = 99;

	err_clear(&ei);
	ck_assert_int_eq(utf8_to_utf16(&u16, &n, bad8[_i].in, bad8[_i].len,
				       &ei),
			 ERR_FORMAT);
	ck_assert_ptr_null(u16);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(ei.code, ERR_FORMAT);
	if (bad8[_i].msg != NULL)
		ck_assert_str_eq(ei.msg, bad8[_i].msg);
	/* utf8_check agrees when the input is a C string */
	if (memchr(bad8[_i].in, 0, bad8[_i].len) == NULL)
		ck_assert_int_eq(utf8_check(bad8[_i].in, NULL), ERR_FORMAT);
}
END_TEST

static const struct {
	const char *hex;
	const char *msg;
} bad16[] = {
	{ "41", "odd number of UTF-16 bytes (1)" },
	{ "410042", "odd number of UTF-16 bytes (3)" },
	{ "3dd8", "unpaired UTF-16 surrogate at byte 0" },
	{ "41003dd84100", "unpaired UTF-16 surrogate at byte 2" },
	{ "3dd83dd811dd", "unpaired UTF-16 surrogate at byte 0" },
	{ "11dd", "unpaired UTF-16 surrogate at byte 0" },
	{ "410011dd3dd8", "unpaired UTF-16 surrogate at byte 2" },
	{ "ffdb", "unpaired UTF-16 surrogate at byte 0" },
	{ "00dc00d8", "unpaired UTF-16 surrogate at byte 0" },
	{ "0000", "NUL character at byte 0" },
	{ "410000004200", "NUL character at byte 2" },
};

START_TEST(test_utf16_rejects)
{
	struct errinfo ei;
	uint8_t *in;
	size_t n;
	char *out = (char *)"junk";

	ck_assert_int_eq(hex_decode_alloc(bad16[_i].hex, &in, &n, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(utf16_to_utf8(&out, in, n, &ei), ERR_FORMAT);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(ei.msg, bad16[_i].msg);
	free(in);
}
END_TEST

START_TEST(test_empty_and_nul_ptr)
{
	uint8_t *u16 = NULL;
	size_t n = 5;
	char *s = NULL;

	/* empty input: non-NULL output of length 0 */
	ck_assert_int_eq(utf8_to_utf16(&u16, &n, "", 0, NULL), 0);
	ck_assert_ptr_nonnull(u16);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(utf16_to_utf8(&s, u16, 0, NULL), 0);
	ck_assert_str_eq(s, "");
	free(u16);
	free(s);
	/* slen bounds the input: bytes after it are not read */
	ck_assert_int_eq(utf8_to_utf16(&u16, &n, "ab\xff", 2, NULL), 0);
	ck_assert_mem_hex(u16, n, "61006200");
	free(u16);
}
END_TEST

START_TEST(test_len16)
{
	ck_assert_uint_eq(utf8_len16(""), 0);
	ck_assert_uint_eq(utf8_len16("alice"), 5);
	ck_assert_uint_eq(utf8_len16("P@ss\xf0\x9f\x94\x91"), 6);
	ck_assert_uint_eq(utf8_len16("\xe5\xb1\xb1\xe7\x94\xb0"), 2);
	ck_assert_uint_eq(utf8_len16("J\xc3\xbcrgen"), 6);
}
END_TEST

static const struct {
	const char *in;
	const char *want;
} uppers[] = {
	{ "alice", "ALICE" },
	{ "Alice-1_x.y", "ALICE-1_X.Y" },
	{ "", "" },
	/* Latin-1 */
	{ "j\xc3\xbcrgen \xc3\xa9\xc3\xa0\xc3\xa7 \xc3\xbf",
	  "J\xc3\x9cRGEN \xc3\x89\xc3\x80\xc3\x87 \xc5\xb8" },
	/* sharp s has no simple upper-case mapping */
	{ "stra\xc3\x9f" "e", "STRA\xc3\x9f" "E" },
	/* Cyrillic */
	{ "\xd0\xb0\xd0\xbd\xd0\xbd\xd0\xb0",
	  "\xd0\x90\xd0\x9d\xd0\x9d\xd0\x90" },
	{ "\xd0\xb6\xd1\x91\xd0\xbb\xd1\x8b\xd0\xb9",
	  "\xd0\x96\xd0\x81\xd0\x9b\xd0\xab\xd0\x99" },
	/* Greek, and characters without case */
	{ "\xce\xb1\xce\xb2\xce\xb3", "\xce\x91\xce\x92\xce\x93" },
	{ "\xe5\xb1\xb1\xe7\x94\xb0 123", "\xe5\xb1\xb1\xe7\x94\xb0 123" },
	/* non-BMP: Deseret small long I -> capital */
	{ "\xf0\x90\x90\xa8", "\xf0\x90\x90\x80" },
	{ "P@ss\xf0\x9f\x94\x91", "P@SS\xf0\x9f\x94\x91" },
	/* already upper */
	{ "ALICE\xc3\x89", "ALICE\xc3\x89" },
};

START_TEST(test_upper)
{
	char *out = NULL;
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(utf8_upper(&out, uppers[_i].in, &ei), 0);
	ck_assert_str_eq(out, uppers[_i].want);
	free(out);
}
END_TEST

START_TEST(test_upper_invalid)
{
	char *out = (char *)"junk";
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(utf8_upper(&out, "ab\xc3(", &ei), ERR_FORMAT);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(ei.msg, "truncated UTF-8 sequence at byte 2");
	ck_assert_int_eq(utf8_upper(&out, "\xed\xa0\x80", NULL), ERR_FORMAT);
	ck_assert_ptr_null(out);
}
END_TEST

static const char mixed[] = "a\xc3\xa9\xe5\xb1\xb1\xf0\x9f\x94\x91z";

/* Every prefix of a UTF-8 string: a clean error or the prefix back. */
START_TEST(test_utf8_truncation)
{
	size_t len = strlen(mixed), k, n, oks = 0;
	struct errinfo ei;
	uint8_t *u16;
	char *back;
	int r;

	for (k = 0; k <= len; k++) {
		char *p = malloc(k == 0 ? 1 : k); /* exact size: no NUL */

		ck_assert_ptr_nonnull(p);
		memcpy(p, mixed, k);
		err_clear(&ei);
		r = utf8_to_utf16(&u16, &n, p, k, &ei);
		if (r == 0) {
			oks++;
			ck_assert_int_eq(utf16_to_utf8(&back, u16, n, NULL), 0);
			ck_assert_uint_eq(strlen(back), k);
			ck_assert(memcmp(back, p, k) == 0);
			free(back);
			free(u16);
		} else {
			ck_assert_int_eq(r, ERR_FORMAT);
			ck_assert_ptr_null(u16);
			ck_assert_ptr_nonnull(
				strstr(ei.msg, "truncated UTF-8 sequence"));
		}
		free(p);
	}
	ck_assert_uint_eq(oks, 6); /* 0, a, aé, aé山, aé山🔑, full */
}
END_TEST

/* Every prefix of UTF-16LE: a clean error or the prefix back. */
START_TEST(test_utf16_truncation)
{
	uint8_t *full, *u16;
	size_t len, k, n, oks = 0;
	char *s;
	int r;

	ck_assert_int_eq(utf8_to_utf16(&full, &len, mixed, strlen(mixed), NULL),
			 0);
	for (k = 0; k <= len; k++) {
		uint8_t *p = malloc(k == 0 ? 1 : k);

		ck_assert_ptr_nonnull(p);
		memcpy(p, full, k);
		r = utf16_to_utf8(&s, p, k, NULL);
		if (r == 0) {
			oks++;
			ck_assert_int_eq(
				utf8_to_utf16(&u16, &n, s, strlen(s), NULL), 0);
			ck_assert_uint_eq(n, k);
			ck_assert(memcmp(u16, p, k) == 0);
			free(u16);
			free(s);
		} else {
			ck_assert_int_eq(r, ERR_FORMAT);
			ck_assert_ptr_null(s);
		}
		free(p);
	}
	ck_assert_uint_eq(oks, 6);
	free(full);
}
END_TEST

/* Flip every bit of a UTF-8 string: a clean error or an exact round trip. */
START_TEST(test_utf8_bitflip)
{
	size_t len = strlen(mixed), i, n;
	char buf[sizeof(mixed)], *back;
	uint8_t *u16;
	int bit, r;

	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(buf, mixed, len);
			buf[i] = (char)(buf[i] ^ (1 << bit));
			r = utf8_to_utf16(&u16, &n, buf, len, NULL);
			if (r != 0) {
				ck_assert_int_eq(r, ERR_FORMAT);
				continue;
			}
			ck_assert_int_eq(utf16_to_utf8(&back, u16, n, NULL), 0);
			ck_assert_uint_eq(strlen(back), len);
			ck_assert(memcmp(back, buf, len) == 0);
			free(back);
			free(u16);
		}
	}
}
END_TEST

/* Flip every bit of UTF-16LE: a clean error or an exact round trip. */
START_TEST(test_utf16_bitflip)
{
	uint8_t *full, *u16, buf[64];
	size_t len, i, n;
	char *s;
	int bit, r;

	ck_assert_int_eq(utf8_to_utf16(&full, &len, mixed, strlen(mixed), NULL),
			 0);
	ck_assert_uint_le(len, sizeof(buf));
	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(buf, full, len);
			buf[i] ^= (uint8_t)(1 << bit);
			r = utf16_to_utf8(&s, buf, len, NULL);
			if (r != 0) {
				ck_assert_int_eq(r, ERR_FORMAT);
				continue;
			}
			ck_assert_int_eq(
				utf8_to_utf16(&u16, &n, s, strlen(s), NULL), 0);
			ck_assert_uint_eq(n, len);
			ck_assert(memcmp(u16, buf, len) == 0);
			free(u16);
			free(s);
		}
	}
	free(full);
}
END_TEST

START_TEST(test_alloc_failures)
{
	uint8_t *u16 = NULL;
	char *s = NULL;
	size_t n;
	long k;
	int r;

	for (k = 0;; k++) {
		mem_fail_after(k);
		r = utf8_to_utf16(&u16, &n, mixed, strlen(mixed), NULL);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(u16);
	}
	ck_assert_int_eq(k, 1);
	for (k = 0;; k++) {
		mem_fail_after(k);
		r = utf16_to_utf8(&s, u16, n, NULL);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(s);
	}
	ck_assert_str_eq(s, mixed);
	free(s);
	free(u16);
	for (k = 0;; k++) {
		mem_fail_after(k);
		r = utf8_upper(&s, "j\xc3\xbcrgen", NULL);
		mem_fail_after(-1);
		if (r == 0)
			break;
		ck_assert_int_eq(r, ERR_NOMEM);
		ck_assert_ptr_null(s);
	}
	ck_assert_str_eq(s, "J\xc3\x9cRGEN");
	free(s);
}
END_TEST

Suite *utf16_suite(void);

Suite *
utf16_suite(void)
{
	Suite *s = suite_create("utf16");
	TCase *tc = tcase_create("convert");
	TCase *tr = tcase_create("robustness");
	TCase *tu = tcase_create("upper");

	tcase_add_loop_test(tc, test_round_trip, 0,
			    (int)(sizeof(trips) / sizeof(trips[0])));
	tcase_add_loop_test(tc, test_utf8_rejects, 0,
			    (int)(sizeof(bad8) / sizeof(bad8[0])));
	tcase_add_loop_test(tc, test_utf16_rejects, 0,
			    (int)(sizeof(bad16) / sizeof(bad16[0])));
	tcase_add_test(tc, test_empty_and_nul_ptr);
	tcase_add_test(tc, test_len16);
	suite_add_tcase(s, tc);

	tcase_add_test(tr, test_utf8_truncation);
	tcase_add_test(tr, test_utf16_truncation);
	tcase_add_test(tr, test_utf8_bitflip);
	tcase_add_test(tr, test_utf16_bitflip);
	tcase_add_test(tr, test_alloc_failures);
	suite_add_tcase(s, tr);

	tcase_add_loop_test(tu, test_upper, 0,
			    (int)(sizeof(uppers) / sizeof(uppers[0])));
	tcase_add_test(tu, test_upper_invalid);
	suite_add_tcase(s, tu);
	return s;
}
