/*
 * tests/check_duration.c - common/duration: good durations and their
 * values, bad ones with their exact messages and offsets, the canonical
 * form, format -> parse round trips, and the truncation and bit-flip loops
 * of STYLE.md section I.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/duration.h"
#include "common/err.h"

static const struct {
	const char *in;
	uint64_t secs;
} good[] = {
	{ "7d", 604800 },
	{ "36h", 129600 },
	{ "90m", 5400 },
	{ "1d12h", 129600 },
	{ "2w3d", 1468800 },
	{ "45s", 45 },
	{ "1s", 1 },
	{ "1w", 604800 },
	{ "1w1d1h1m1s", 694861 },
	{ "1w1s", 604801 },
	{ "23h59m59s", 86399 },
	{ "60s", 60 },
	{ "1d0h", 86400 },
	{ "0w0d0h0m1s", 1 },
	{ "10d", 864000 },
	{ "100h", 360000 },
	{ "5214w2d", 3153600000ULL },
	{ "36500d", 3153600000ULL },
	{ "876000h", 3153600000ULL },
	{ "52560000m", 3153600000ULL },
	{ "3153600000s", 3153600000ULL },
	{ "5214w1d23h59m60s", 3153600000ULL },
};

START_TEST(test_parse_good)
{
	struct errinfo ei;
	uint64_t secs = 99;

	err_clear(&ei);
	ck_assert_msg(duration_parse(good[_i].in, &secs, &ei) == 0, "%s: %s",
		      good[_i].in, ei.msg);
	ck_assert_uint_eq(secs, good[_i].secs);
	ck_assert_int_eq(ei.code, 0);
	secs = 99;
	ck_assert_int_eq(duration_parse(good[_i].in, &secs, NULL), 0);
	ck_assert_uint_eq(secs, good[_i].secs);
}
END_TEST

#define U "(use w, d, h, m, s)"
static const struct {
	const char *in;
	size_t offset;
	const char *msg;
} bad[] = {
	{ "", 0, "duration '': empty" },
	{ "7x", 1, "duration '7x': unknown unit 'x' " U },
	{ "1y", 1, "duration '1y': unknown unit 'y' " U },
	{ "7D", 1, "duration '7D': unknown unit 'D' " U },
	{ "1M", 1, "duration '1M': unknown unit 'M' " U },
	{ "1d2x", 3, "duration '1d2x': unknown unit 'x' " U },
	{ "7\x01", 1,
	  "duration '7\\x01': unknown unit byte 0x01 (use w, d, h, m, s)" },
	{ "1h2d", 3,
	  "duration '1h2d': units must go from largest to smallest" },
	{ "1s1w", 3,
	  "duration '1s1w': units must go from largest to smallest" },
	{ "1d1w1h", 3,
	  "duration '1d1w1h': units must go from largest to smallest" },
	{ "1h1h", 3, "duration '1h1h': unit 'h' given twice" },
	{ "1d2h3d", 5, "duration '1d2h3d': unit 'd' given twice" },
	{ "7", 1, "duration '7': unit missing at the end " U },
	{ "1d12", 4, "duration '1d12': unit missing at the end " U },
	{ "0", 1, "duration '0': unit missing at the end " U },
	{ "d", 0, "duration 'd': number missing before 'd'" },
	{ "1dd", 2, "duration '1dd': number missing before 'd'" },
	{ "1dh", 2, "duration '1dh': number missing before 'h'" },
	{ "-1d", 0, "duration '-1d': signs are not allowed" },
	{ "+1d", 0, "duration '+1d': signs are not allowed" },
	{ "1d-2h", 2, "duration '1d-2h': signs are not allowed" },
	{ "1-d", 1, "duration '1-d': signs are not allowed" },
	{ " 1d", 0, "duration ' 1d': spaces are not allowed" },
	{ "1d ", 2, "duration '1d ': spaces are not allowed" },
	{ "1 d", 1, "duration '1 d': spaces are not allowed" },
	{ "1d 2h", 2, "duration '1d 2h': spaces are not allowed" },
	{ "1d\t", 2, "duration '1d\\x09': spaces are not allowed" },
	{ "1d\n", 2, "duration '1d\\x0A': spaces are not allowed" },
	{ "1.5d", 1,
	  "duration '1.5d': no fractions; use smaller units (1d12h, not "
	  "1.5d)" },
	{ "1,5d", 1,
	  "duration '1,5d': no fractions; use smaller units (1d12h, not "
	  "1.5d)" },
	{ "07d", 0, "duration '07d': a number has a leading zero" },
	{ "00s", 0, "duration '00s': a number has a leading zero" },
	{ "1d012h", 2, "duration '1d012h': a number has a leading zero" },
	{ "abc", 0, "duration 'abc': expected a number, found 'a'" },
	{ "1d_", 2, "duration '1d_': expected a number, found '_'" },
	{ "\x01", 0,
	  "duration '\\x01': unexpected byte 0x01 (expected a number)" },
	{ "1d\xc3\xa9", 2,
	  "duration '1d\\xC3\\xA9': unexpected byte 0xC3 (expected a number)" },
	{ "\\1d", 0, "duration '\\x5C1d': expected a number, found '\\'" },
	{ "0s", 0, "duration '0s': must be more than zero" },
	{ "0w0d0h0m0s", 0, "duration '0w0d0h0m0s': must be more than zero" },
	{ "3153600001s", 0,
	  "duration '3153600001s': longer than 100 years (3153600000 "
	  "seconds)" },
	{ "5214w2d1s", 0,
	  "duration '5214w2d1s': longer than 100 years (3153600000 "
	  "seconds)" },
	{ "36501d", 0,
	  "duration '36501d': longer than 100 years (3153600000 seconds)" },
	{ "5215w", 0,
	  "duration '5215w': longer than 100 years (3153600000 seconds)" },
	/* u64 overflow in the product, in the number, in the sum */
	{ "30500568904944w", 0,
	  "duration '30500568904944w': longer than 100 years (3153600000 "
	  "seconds)" },
	{ "18446744073709551616s", 0,
	  "duration '18446744073709551616s': longer than 100 years "
	  "(3153600000 seconds)" },
	{ "30500568904943w6d23h59m59s", 0,
	  "duration '30500568904943w6d23h59m59s': longer than 100 years "
	  "(3153600000 seconds)" },
	/* a syntax error is reported before a total over the limit */
	{ "99999999999999999999999x", 23,
	  "duration '99999999999999999999999x': unknown unit 'x' " U },
	{ "99999999999d1h1h", 15,
	  "duration '99999999999d1h1h': unit 'h' given twice" },
	/* a long input is quoted up to 40 characters */
	{ "1111111111111111111111111111111111111111111111111111x", 52,
	  "duration '1111111111111111111111111111111111111...': unknown unit "
	  "'x' " U },
};

START_TEST(test_parse_bad)
{
	struct errinfo ei;
	uint64_t secs = 99;

	err_clear(&ei);
	ck_assert_int_eq(duration_parse(bad[_i].in, &secs, &ei), ERR_INVALID);
	ck_assert_int_eq(ei.code, ERR_INVALID);
	ck_assert_str_eq(ei.msg, bad[_i].msg);
	ck_assert_uint_eq(ei.offset, bad[_i].offset);
	ck_assert_str_eq(ei.func, "duration_parse");
	ck_assert_uint_eq(secs, 0);
	secs = 99;
	ck_assert_int_eq(duration_parse(bad[_i].in, &secs, NULL), ERR_INVALID);
	ck_assert_uint_eq(secs, 0);
}
END_TEST

START_TEST(test_parse_null)
{
	struct errinfo ei;
	uint64_t secs = 99;

	err_clear(&ei);
	ck_assert_int_eq(duration_parse(NULL, &secs, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "duration missing");
	ck_assert_uint_eq(secs, 0);
}
END_TEST

/* The first error wins: a parse error does not overwrite an earlier one. */
START_TEST(test_first_error_wins)
{
	struct errinfo ei;
	uint64_t secs;

	err_clear(&ei);
	ck_assert_int_eq(duration_parse("7x", &secs, &ei), ERR_INVALID);
	ck_assert_int_eq(duration_parse("", &secs, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg,
			 "duration '7x': unknown unit 'x' (use w, d, h, m, s)");
}
END_TEST

static const struct {
	uint64_t secs;
	const char *out;
} fmt[] = {
	{ 0, "0s" },
	{ 1, "1s" },
	{ 59, "59s" },
	{ 60, "1m" },
	{ 3600, "1h" },
	{ 5400, "1h30m" },
	{ 86400, "1d" },
	{ 129600, "1d12h" },
	{ 604800, "1w" },
	{ 604801, "1w1s" },
	{ 694861, "1w1d1h1m1s" },
	{ 86399, "23h59m59s" },
	{ 1468800, "2w3d" },
	{ 3153600000ULL, "5214w2d" },
	{ 3153600001ULL, "5214w2d1s" },
	{ UINT64_MAX, "30500568904943w7h15s" },
};

START_TEST(test_format)
{
	char buf[DURATION_FMT_MAX];

	memset(buf, 'z', sizeof(buf));
	duration_format(fmt[_i].secs, buf, sizeof(buf));
	ck_assert_str_eq(buf, fmt[_i].out);
}
END_TEST

/* A buffer too small gets "", one exactly large enough the whole text. */
START_TEST(test_format_small)
{
	char buf[DURATION_FMT_MAX];
	size_t len, n;

	for (len = 1; len < sizeof(buf); len++) {
		for (n = 0; n < sizeof(fmt) / sizeof(fmt[0]); n++) {
			memset(buf, 'z', sizeof(buf));
			duration_format(fmt[n].secs, buf, len);
			if (strlen(fmt[n].out) < len)
				ck_assert_str_eq(buf, fmt[n].out);
			else
				ck_assert_str_eq(buf, "");
			/* nothing written past len */
			ck_assert_int_eq(buf[len], 'z');
		}
	}
	buf[0] = 'z';
	duration_format(1, buf, 0);
	ck_assert_int_eq(buf[0], 'z');
	duration_format(1, NULL, 0);
}
END_TEST

static void
round_trip(uint64_t secs)
{
	char buf[DURATION_FMT_MAX], again[DURATION_FMT_MAX];
	struct errinfo ei;
	uint64_t back = 0;

	duration_format(secs, buf, sizeof(buf));
	err_clear(&ei);
	ck_assert_msg(duration_parse(buf, &back, &ei) == 0, "%s: %s", buf,
		      ei.msg);
	ck_assert_uint_eq(back, secs);
	duration_format(back, again, sizeof(again));
	ck_assert_str_eq(again, buf);
}

/* format -> parse gives the value back over the whole accepted range. */
START_TEST(test_round_trip)
{
	uint64_t secs, step;
	size_t i;

	for (secs = 1; secs <= 2 * 604800; secs += 7)
		round_trip(secs);
	for (step = 1; step < 1000; step++)
		round_trip(DURATION_MAX - step + 1);
	for (secs = 1; secs <= DURATION_MAX / 3; secs = secs * 3 + 1)
		round_trip(secs);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		round_trip(good[i].secs);
}
END_TEST

/* Above the limit the canonical form exists but is refused. */
START_TEST(test_format_over_limit)
{
	char buf[DURATION_FMT_MAX];
	struct errinfo ei;
	uint64_t back = 7;

	duration_format(DURATION_MAX + 1, buf, sizeof(buf));
	err_clear(&ei);
	ck_assert_int_eq(duration_parse(buf, &back, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "duration '5214w2d1s': longer than 100 years "
				 "(3153600000 seconds)");
	ck_assert_uint_eq(back, 0);
}
END_TEST

static const char *const loop_inputs[] = {
	"2w3d4h5m6s", "1d12h", "3153600000s", "5214w2d", "10w0d10h",
};

/* Is the last character of s a unit letter (a complete group)? */
static int
ends_with_unit(const char *s, size_t len)
{
	return len > 0 && strchr("wdhms", s[len - 1]) != NULL;
}

/*
 * Every prefix, in a buffer of exactly that size (ASan sees any read past
 * it): a complete group at the end gives a valid shorter duration, a
 * number at the end "unit missing".
 */
START_TEST(test_truncation)
{
	const char *full = loop_inputs[_i];
	size_t len = strlen(full), k;
	struct errinfo ei;
	uint64_t secs, want;
	char *p;
	int r;

	ck_assert_int_eq(duration_parse(full, &want, NULL), 0);
	for (k = 0; k < len; k++) {
		p = malloc(k + 1);
		ck_assert_ptr_nonnull(p);
		memcpy(p, full, k);
		p[k] = '\0';
		err_clear(&ei);
		secs = 99;
		r = duration_parse(p, &secs, &ei);
		if (k == 0) {
			ck_assert_int_eq(r, ERR_INVALID);
			ck_assert_str_eq(ei.msg, "duration '': empty");
		} else if (ends_with_unit(p, k) && r == 0) {
			ck_assert_uint_gt(secs, 0);
			ck_assert_uint_lt(secs, want);
		} else {
			ck_assert_int_eq(r, ERR_INVALID);
			ck_assert_uint_eq(secs, 0);
			ck_assert_int_eq(ei.code, ERR_INVALID);
			ck_assert_uint_le(ei.offset, k);
			ck_assert_msg(ends_with_unit(p, k) ||
					      strstr(ei.msg, "unit missing at "
							     "the end") != NULL,
				      "%s: %s", p, ei.msg);
		}
		free(p);
	}
}
END_TEST

/*
 * Flip every bit of every byte: a clean ERR_INVALID with secs 0 and a
 * message naming the duration, or a value whose canonical form parses back
 * to it.
 */
START_TEST(test_bitflip)
{
	const char *full = loop_inputs[_i];
	size_t len = strlen(full), i;
	struct errinfo ei;
	uint64_t secs;
	char *s;
	int bit, r;

	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			s = malloc(len + 1);
			ck_assert_ptr_nonnull(s);
			memcpy(s, full, len + 1);
			s[i] = (char)(s[i] ^ (1 << bit));
			err_clear(&ei);
			secs = 99;
			r = duration_parse(s, &secs, &ei);
			if (r == 0) {
				ck_assert_uint_gt(secs, 0);
				ck_assert_uint_le(secs, DURATION_MAX);
				round_trip(secs);
			} else {
				ck_assert_int_eq(r, ERR_INVALID);
				ck_assert_int_eq(ei.code, ERR_INVALID);
				ck_assert_uint_eq(secs, 0);
				ck_assert_uint_le(ei.offset, len);
				ck_assert_msg(
					strncmp(ei.msg, "duration '", 10) == 0,
					"%s", ei.msg);
			}
			free(s);
		}
	}
}
END_TEST

Suite *duration_suite(void);

Suite *
duration_suite(void)
{
	Suite *s = suite_create("duration");
	TCase *tc = tcase_create("duration");
	int nloop = (int)(sizeof(loop_inputs) / sizeof(loop_inputs[0]));

	tcase_add_loop_test(tc, test_parse_good, 0,
			    (int)(sizeof(good) / sizeof(good[0])));
	tcase_add_loop_test(tc, test_parse_bad, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_first_error_wins);
	tcase_add_loop_test(tc, test_format, 0,
			    (int)(sizeof(fmt) / sizeof(fmt[0])));
	tcase_add_test(tc, test_format_small);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_format_over_limit);
	tcase_add_loop_test(tc, test_truncation, 0, nloop);
	tcase_add_loop_test(tc, test_bitflip, 0, nloop);
	suite_add_tcase(s, tc);
	return s;
}
