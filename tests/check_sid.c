/*
 * tests/check_sid.c - common/sid: strict text parser (good and bad forms,
 * exact messages), formatter, binary read/write, truncation and bit-flip
 * loops for both parsers (STYLE.md section I), equal/is_domain/compose/
 * split.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/sbuf.h"
#include "common/sid.h"
#include "common/wbuf.h"
#include "testutil.h"

#define DOM_SID "S-1-5-21-1004336348-1177238915-682003330"
/* S-1-5-21-1004336348-1177238915-682003330-512 in binary form */
static const char dom_admins_hex[] = "010500000000000515000000dcf4dc3b833d2b46"
				     "828ba62800020000";

static const struct {
	const char *in;
	const char *canon; /* sid_format of the result */
	uint8_t count;
	uint64_t auth;
} good[] = {
	{ "S-1-5", "S-1-5", 0, 5 },
	{ "S-1-0-0", "S-1-0-0", 1, 0 },
	{ "S-1-1-0", "S-1-1-0", 1, 1 },
	{ "S-1-5-32-544", "S-1-5-32-544", 2, 5 },
	{ DOM_SID, DOM_SID, 4, 5 },
	{ DOM_SID "-512", DOM_SID "-512", 5, 5 },
	{ "s-1-5-18", "S-1-5-18", 1, 5 },
	{ "S-1-4294967295", "S-1-4294967295", 0, 4294967295ull },
	{ "S-1-5-4294967295", "S-1-5-4294967295", 1, 5 },
	{ "S-1-5-0", "S-1-5-0", 1, 5 },
	{ "S-1-0x0000FFFFFFFF-1", "S-1-4294967295-1", 1, 0xFFFFFFFFull },
	{ "S-1-0x000100000000-1", "S-1-0x000100000000-1", 1, 0x100000000ull },
	{ "S-1-0xffffffffffff", "S-1-0xFFFFFFFFFFFF", 0, 0xFFFFFFFFFFFFull },
	{ "S-1-0X123456789ABC", "S-1-0x123456789ABC", 0, 0x123456789ABCull },
	{ "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
	  "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", 15, 5 },
};

START_TEST(test_parse_good)
{
	struct errinfo ei;
	struct sid sid, again;
	char buf[SID_STR_MAX];

	err_clear(&ei);
	ck_assert_int_eq(sid_parse(&sid, good[_i].in, &ei), 0);
	ck_assert_int_eq(ei.code, 0);
	ck_assert_uint_eq(sid.rev, 1);
	ck_assert_uint_eq(sid.count, good[_i].count);
	ck_assert_uint_eq(sid.auth, good[_i].auth);
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, good[_i].canon);
	ck_assert_int_eq(sid_parse(&again, buf, NULL), 0);
	ck_assert(sid_equal(&sid, &again));
}
END_TEST

START_TEST(test_parse_values)
{
	struct sid sid;
	static const uint32_t want[] = { 21, 1004336348u, 1177238915u,
					 682003330u, 512 };

	ck_assert_int_eq(sid_parse(&sid, DOM_SID "-512", NULL), 0);
	ck_assert_uint_eq(sid.count, 5);
	ck_assert_mem_eq(sid.sub, want, sizeof(want));
}
END_TEST

static const struct {
	const char *in;
	int code;
	const char *msg; /* NULL: message not checked */
} bad[] = {
	{ "", ERR_FORMAT, "SID '': does not start with 'S-'" },
	{ "S", ERR_FORMAT, "SID 'S': does not start with 'S-'" },
	{ "X-1-5", ERR_FORMAT, "SID 'X-1-5': does not start with 'S-'" },
	{ " S-1-5", ERR_FORMAT, NULL },
	{ "SID-1-5", ERR_FORMAT, NULL },
	{ "S-", ERR_FORMAT, "SID 'S-': revision missing" },
	{ "S--5", ERR_FORMAT, "SID 'S--5': revision missing" },
	{ "S-2-5", ERR_FORMAT,
	  "SID 'S-2-5': revision is not 1 (the only one defined)" },
	{ "S-01-5", ERR_FORMAT, NULL },
	{ "S-1", ERR_FORMAT, "SID 'S-1': identifier authority missing" },
	{ "S-1-", ERR_FORMAT, "SID 'S-1-': identifier authority is empty" },
	{ "S-1--21", ERR_FORMAT, NULL },
	{ "S-1-05", ERR_FORMAT,
	  "SID 'S-1-05': identifier authority has a leading zero" },
	{ "S-1-00", ERR_FORMAT, NULL },
	{ "S-1-+5", ERR_FORMAT,
	  "SID 'S-1-+5': identifier authority is not a number" },
	{ "S-1-5x", ERR_FORMAT, NULL },
	{ "S-1- 5", ERR_FORMAT, NULL },
	{ "S-1-4294967296", ERR_RANGE,
	  "SID 'S-1-4294967296': decimal identifier authority is above "
	  "4294967295 (write 0x and 12 hex digits)" },
	{ "S-1-281474976710656", ERR_RANGE, NULL },
	{ "S-1-99999999999999999999999", ERR_RANGE, NULL },
	{ "S-1-0x", ERR_FORMAT,
	  "SID 'S-1-0x': hex identifier authority must be 0x and 12 hex "
	  "digits" },
	{ "S-1-0x5", ERR_FORMAT, NULL },
	{ "S-1-0x00000000000G", ERR_FORMAT, NULL },
	{ "S-1-0x1000000000000", ERR_FORMAT, NULL }, /* 13 digits: >= 2^48 */
	{ "S-1-5-", ERR_FORMAT, "SID 'S-1-5-': sub-authority 1 is empty" },
	{ "S-1-5--21", ERR_FORMAT,
	  "SID 'S-1-5--21': sub-authority 1 is empty" },
	{ "S-1-5-21-", ERR_FORMAT,
	  "SID 'S-1-5-21-': sub-authority 2 is empty" },
	{ "S-1-5-21-x", ERR_FORMAT,
	  "SID 'S-1-5-21-x': sub-authority 2 is not a number" },
	{ DOM_SID "-x", ERR_FORMAT,
	  "SID '" DOM_SID "-x': sub-authority 5 is not a number" },
	{ "S-1-5-021", ERR_FORMAT,
	  "SID 'S-1-5-021': sub-authority 1 has a leading zero" },
	{ "S-1-5-00", ERR_FORMAT, NULL },
	{ "S-1-5-+21", ERR_FORMAT, NULL },
	{ "S-1-5-21 ", ERR_FORMAT, NULL },
	{ "S-1-5-21\n", ERR_FORMAT, NULL },
	{ "S-1-5-21-1.5", ERR_FORMAT, NULL },
	{ "S-1-5-0x15", ERR_FORMAT, NULL },
	{ "S-1-5-4294967296", ERR_RANGE,
	  "SID 'S-1-5-4294967296': sub-authority 1 is above 4294967295" },
	{ "S-1-5-18446744073709551616", ERR_RANGE, NULL },
	{ "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", ERR_RANGE,
	  "SID 'S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16': more than 15 "
	  "sub-authorities" },
	{ "S-1-5-\xc3\xa9", ERR_FORMAT,
	  "SID 'S-1-5-\\xC3\\xA9': sub-authority 1 is not a number" },
	{ "S-1-5-21-\x1b[31m", ERR_FORMAT,
	  "SID 'S-1-5-21-\\x1B[31m': sub-authority 2 is not a number" },
};

START_TEST(test_parse_bad)
{
	struct errinfo ei;
	struct sid sid;

	memset(&sid, 0xAA, sizeof(sid));
	err_clear(&ei);
	ck_assert_int_eq(sid_parse(&sid, bad[_i].in, &ei), bad[_i].code);
	ck_assert_int_eq(ei.code, bad[_i].code);
	if (bad[_i].msg != NULL)
		ck_assert_str_eq(ei.msg, bad[_i].msg);
	/* the output is cleared on failure */
	ck_assert_uint_eq(sid.rev, 0);
	ck_assert_uint_eq(sid.count, 0);
	ck_assert_uint_eq(sid.auth, 0);
	/* and no errinfo is fine */
	ck_assert_int_eq(sid_parse(&sid, bad[_i].in, NULL), bad[_i].code);
}
END_TEST

START_TEST(test_parse_null)
{
	struct errinfo ei;
	struct sid sid;

	err_clear(&ei);
	ck_assert_int_eq(sid_parse(&sid, NULL, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "SID missing");
}
END_TEST

START_TEST(test_parse_long_message)
{
	char in[400];
	struct errinfo ei;
	struct sid sid;

	/* a long hostile string is cut in the message, which stays a line */
	memset(in, '\x07', sizeof(in) - 1);
	in[sizeof(in) - 1] = '\0';
	memcpy(in, "S-1-5-", 6);
	err_clear(&ei);
	ck_assert_int_eq(sid_parse(&sid, in, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(ei.msg, "..."));
	ck_assert_ptr_null(strchr(ei.msg, '\x07'));
	ck_assert_uint_lt(strlen(ei.msg), sizeof(ei.msg));
}
END_TEST

/* Every prefix of a valid SID: a clean error or a valid shorter SID. */
START_TEST(test_parse_truncation)
{
	static const char *const inputs[] = { DOM_SID "-512",
					      "S-1-0x000100000000-7-8",
					      "S-1-4294967295-4294967295" };
	char prefix[SID_STR_MAX], buf[SID_STR_MAX];
	struct errinfo ei;
	struct sid sid;
	size_t k, n, len, oks;
	int r;

	for (k = 0; k < sizeof(inputs) / sizeof(inputs[0]); k++) {
		len = strlen(inputs[k]);
		oks = 0;
		for (n = 0; n < len; n++) {
			memcpy(prefix, inputs[k], n);
			prefix[n] = '\0';
			err_clear(&ei);
			r = sid_parse(&sid, prefix, &ei);
			if (r == 0) {
				oks++;
				ck_assert_int_eq(
					sid_format(&sid, buf, sizeof(buf)), 0);
				ck_assert_str_eq(buf, prefix);
			} else {
				ck_assert(r == ERR_FORMAT || r == ERR_RANGE);
				ck_assert_int_eq(ei.code, r);
				ck_assert_uint_gt(strlen(ei.msg), 0);
			}
		}
		ck_assert_uint_gt(oks, 0);
	}
}
END_TEST

/* Flip every bit of every character: a clean error or a valid SID. */
START_TEST(test_parse_bitflip)
{
	const char *in = DOM_SID "-512";
	char s[SID_STR_MAX], buf[SID_STR_MAX];
	struct errinfo ei;
	struct sid sid, again;
	size_t len = strlen(in), i;
	int bit, r;

	for (i = 0; i < len; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(s, in, len + 1);
			s[i] = (char)(s[i] ^ (1 << bit));
			err_clear(&ei);
			r = sid_parse(&sid, s, &ei);
			if (r != 0) {
				ck_assert(r == ERR_FORMAT || r == ERR_RANGE);
				ck_assert_int_eq(ei.code, r);
				continue;
			}
			ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
			ck_assert_int_eq(sid_parse(&again, buf, NULL), 0);
			ck_assert(sid_equal(&sid, &again));
		}
	}
}
END_TEST

START_TEST(test_format)
{
	struct sid sid;
	char buf[SID_STR_MAX];
	size_t need, len;

	memset(&sid, 0, sizeof(sid));
	sid.rev = 1;
	sid.auth = 0xFFFFFFFFFFFFull;
	sid.count = 15;
	for (int i = 0; i < 15; i++)
		sid.sub[i] = 4294967295u;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	/* the longest text form fits SID_STR_MAX */
	need = strlen(buf) + 1;
	ck_assert_uint_le(need, SID_STR_MAX);
	ck_assert_uint_eq(strlen(buf), 4 + 14 + 15 * 11);
	ck_assert(strncmp(buf, "S-1-0xFFFFFFFFFFFF-4294967295-", 30) == 0);
	/* every too-small buffer is ERR_RANGE and left empty */
	for (len = 1; len < need; len++) {
		memset(buf, 'z', sizeof(buf));
		ck_assert_int_eq(sid_format(&sid, buf, len), ERR_RANGE);
		ck_assert_str_eq(buf, "");
	}
	ck_assert_int_eq(sid_format(&sid, buf, 0), ERR_RANGE);
	ck_assert_int_eq(sid_format(&sid, buf, need), 0);
	/* 2^32 - 1 is the last decimal authority */
	sid.count = 0;
	sid.auth = 0xFFFFFFFFull;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "S-1-4294967295");
	sid.auth = 0x100000000ull;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "S-1-0x000100000000");
	/* invalid structures are refused */
	sid.auth = 0x1000000000000ull;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), ERR_RANGE);
	ck_assert_str_eq(buf, "");
	sid.auth = 5;
	sid.count = 16;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), ERR_RANGE);
	sid.count = 0;
	sid.rev = 2;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), ERR_FORMAT);
	sid.rev = 0;
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), ERR_FORMAT);
}
END_TEST

START_TEST(test_read_known)
{
	uint8_t in[64];
	size_t n = strlen(dom_admins_hex) / 2;
	struct sbuf b;
	struct sid sid, want;
	char buf[SID_STR_MAX];

	ck_assert_int_eq(hex_decode(dom_admins_hex, in, n, NULL), 0);
	/* followed by one more byte, which must stay unread */
	in[n] = 0x99;
	sbuf_init(&b, in, n + 1);
	ck_assert_int_eq(sid_read(&sid, &b, NULL), 0);
	ck_assert_uint_eq(b.off, n);
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, DOM_SID "-512");
	ck_assert_int_eq(sid_parse(&want, DOM_SID "-512", NULL), 0);
	ck_assert(sid_equal(&sid, &want));
}
END_TEST

START_TEST(test_read_large_authority)
{
	static const uint8_t in[] = { 1, 1, 0x12, 0x34, 0x56, 0x78,
				      0x9A, 0xBC, 7, 0, 0, 0 };
	struct sbuf b;
	struct sid sid;
	char buf[SID_STR_MAX];

	sbuf_init(&b, in, sizeof(in));
	ck_assert_int_eq(sid_read(&sid, &b, NULL), 0);
	ck_assert_int_eq(sbuf_end(&b), 0);
	ck_assert_uint_eq(sid.auth, 0x123456789ABCull);
	ck_assert_int_eq(sid_format(&sid, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, "S-1-0x123456789ABC-7");
}
END_TEST

START_TEST(test_read_errors)
{
	uint8_t in[8 + 16 * 4];
	struct errinfo ei;
	struct sbuf b;
	struct sid sid;

	memset(in, 0, sizeof(in));
	in[0] = 1;
	in[1] = 16;
	in[7] = 5;
	sbuf_init(&b, in, sizeof(in));
	err_clear(&ei);
	ck_assert_int_eq(sid_read(&sid, &b, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg,
			 "SID at byte 0: 16 sub-authorities (at most 15)");
	ck_assert_uint_eq(b.off, 0);

	in[0] = 2;
	in[1] = 1;
	err_clear(&ei);
	ck_assert_int_eq(sid_read(&sid, &b, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "SID at byte 0: revision 2 (expected 1)");
	in[0] = 0;
	ck_assert_int_eq(sid_read(&sid, &b, NULL), ERR_FORMAT);
	in[0] = 0x81;
	ck_assert_int_eq(sid_read(&sid, &b, NULL), ERR_FORMAT);

	/* count 15 with only 14 sub-authorities present */
	in[0] = 1;
	in[1] = 15;
	sbuf_init(&b, in, 8 + 14 * 4);
	err_clear(&ei);
	memset(&sid, 0xAA, sizeof(sid));
	ck_assert_int_eq(sid_read(&sid, &b, &ei), ERR_TRUNCATED);
	ck_assert_str_eq(ei.msg, "SID at byte 0: 15 sub-authorities need 60 "
				 "bytes, 56 left");
	ck_assert_uint_eq(b.off, 0);
	ck_assert_uint_eq(sid.rev, 0);
	ck_assert_uint_eq(sid.count, 0);

	/* header cut short; the offset is the SID's start in the buffer */
	sbuf_init(&b, in, 11);
	ck_assert_int_eq(sbuf_skip(&b, 4), 0);
	err_clear(&ei);
	ck_assert_int_eq(sid_read(&sid, &b, &ei), ERR_TRUNCATED);
	ck_assert_str_eq(ei.msg, "SID at byte 4: truncated header (7 of 8 "
				 "bytes)");
	ck_assert_uint_eq(ei.offset, 4);
	ck_assert_uint_eq(b.off, 4);

	sbuf_init(&b, NULL, 0);
	ck_assert_int_eq(sid_read(&sid, &b, NULL), ERR_TRUNCATED);
}
END_TEST

/* Every prefix of a binary SID is ERR_TRUNCATED and leaves the cursor. */
START_TEST(test_read_truncation)
{
	uint8_t in[64];
	size_t n = strlen(dom_admins_hex) / 2, len;
	struct errinfo ei;
	struct sbuf b;
	struct sid sid;

	ck_assert_int_eq(hex_decode(dom_admins_hex, in, n, NULL), 0);
	for (len = 0; len < n; len++) {
		/* an exact-size copy, so ASan sees any read past len */
		uint8_t *p = malloc(len == 0 ? 1 : len);

		ck_assert_ptr_nonnull(p);
		memcpy(p, in, len);
		sbuf_init(&b, p, len);
		err_clear(&ei);
		ck_assert_int_eq(sid_read(&sid, &b, &ei), ERR_TRUNCATED);
		ck_assert_int_eq(ei.code, ERR_TRUNCATED);
		ck_assert_uint_eq(b.off, 0);
		ck_assert_uint_eq(sid.count, 0);
		free(p);
	}
}
END_TEST

/* Flip every bit: a clean error, or a SID that writes back to the input. */
START_TEST(test_read_bitflip)
{
	uint8_t in[64], flipped[64];
	size_t n = strlen(dom_admins_hex) / 2, i;
	struct errinfo ei;
	struct sbuf b;
	struct sid sid;
	struct wbuf w;
	int bit, r;

	ck_assert_int_eq(hex_decode(dom_admins_hex, in, n, NULL), 0);
	for (i = 0; i < n; i++) {
		for (bit = 0; bit < 8; bit++) {
			memcpy(flipped, in, n);
			flipped[i] ^= (uint8_t)(1 << bit);
			sbuf_init(&b, flipped, n);
			err_clear(&ei);
			r = sid_read(&sid, &b, &ei);
			if (r != 0) {
				ck_assert(r == ERR_FORMAT || r == ERR_RANGE ||
					  r == ERR_TRUNCATED);
				ck_assert_int_eq(ei.code, r);
				ck_assert_uint_eq(b.off, 0);
				continue;
			}
			wbuf_init(&w, 256);
			ck_assert_int_eq(sid_write(&sid, &w), 0);
			ck_assert_uint_eq(w.len, b.off);
			ck_assert_mem_eq(w.p, flipped, w.len);
			wbuf_free(&w);
		}
	}
}
END_TEST

START_TEST(test_write)
{
	struct sid sid;
	struct wbuf w;

	ck_assert_int_eq(sid_parse(&sid, DOM_SID "-512", NULL), 0);
	wbuf_init(&w, 1024);
	ck_assert_int_eq(sid_write(&sid, &w), 0);
	ck_assert_mem_hex(w.p, w.len, dom_admins_hex);
	wbuf_free(&w);

	/* the writer's cap is enforced */
	wbuf_init(&w, 27);
	ck_assert_int_eq(sid_write(&sid, &w), ERR_RANGE);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	wbuf_free(&w);
	wbuf_init(&w, 28);
	ck_assert_int_eq(sid_write(&sid, &w), 0);
	ck_assert_uint_eq(w.len, 28);
	wbuf_free(&w);

	/* S-1-5 is 8 bytes */
	ck_assert_int_eq(sid_parse(&sid, "S-1-5", NULL), 0);
	wbuf_init(&w, 64);
	ck_assert_int_eq(sid_write(&sid, &w), 0);
	ck_assert_mem_hex(w.p, w.len, "0100000000000005");
	wbuf_free(&w);

	/* invalid structures write nothing and latch the writer's error */
	wbuf_init(&w, 64);
	sid.count = 16;
	ck_assert_int_eq(sid_write(&sid, &w), ERR_RANGE);
	ck_assert_uint_eq(w.len, 0);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	wbuf_reset(&w);
	sid.count = 0;
	sid.auth = 1ull << 48;
	ck_assert_int_eq(sid_write(&sid, &w), ERR_RANGE);
	ck_assert_int_eq(wbuf_error(&w), ERR_RANGE);
	wbuf_reset(&w);
	sid.auth = 5;
	sid.rev = 0;
	ck_assert_int_eq(sid_write(&sid, &w), ERR_FORMAT);
	ck_assert_uint_eq(w.len, 0);
	ck_assert_int_eq(wbuf_error(&w), ERR_FORMAT);
	/* the first error of the chain is kept */
	sid.rev = 1;
	ck_assert_int_eq(sid_write(&sid, &w), ERR_FORMAT);
	ck_assert_int_eq(wbuf_error(&w), ERR_FORMAT);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_equal)
{
	struct sid a, b;

	ck_assert_int_eq(sid_parse(&a, DOM_SID "-512", NULL), 0);
	ck_assert_int_eq(sid_parse(&b, DOM_SID "-512", NULL), 0);
	ck_assert_int_eq(sid_equal(&a, &b), 1);
	/* garbage beyond count does not matter */
	b.sub[10] = 77;
	ck_assert_int_eq(sid_equal(&a, &b), 1);
	ck_assert_int_eq(sid_parse(&b, DOM_SID "-513", NULL), 0);
	ck_assert_int_eq(sid_equal(&a, &b), 0);
	ck_assert_int_eq(sid_parse(&b, DOM_SID, NULL), 0);
	ck_assert_int_eq(sid_equal(&a, &b), 0);
	ck_assert_int_eq(sid_parse(&a, "S-1-5-21", NULL), 0);
	ck_assert_int_eq(sid_parse(&b, "S-1-1-21", NULL), 0);
	ck_assert_int_eq(sid_equal(&a, &b), 0);
	b = a;
	b.rev = 2;
	ck_assert_int_eq(sid_equal(&a, &b), 0);
	/* a corrupt count is never equal (and never read past sub[]) */
	a.count = b.count = 200;
	b.rev = 1;
	ck_assert_int_eq(sid_equal(&a, &b), 0);
}
END_TEST

START_TEST(test_is_domain)
{
	static const struct {
		const char *s;
		int want;
	} cases[] = {
		{ DOM_SID, 1 },
		{ "S-1-5-21-1-2-3", 1 },
		{ DOM_SID "-512", 0 },
		{ "S-1-5-21-1-2", 0 },
		{ "S-1-5-32-544", 0 },
		{ "S-1-5-32-1-2-3", 0 },
		{ "S-1-1-21-1-2-3", 0 },
		{ "S-1-5", 0 },
	};
	struct sid sid;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ck_assert_int_eq(sid_parse(&sid, cases[i].s, NULL), 0);
		ck_assert_msg(sid_is_domain(&sid) == cases[i].want, "%s",
			      cases[i].s);
	}
}
END_TEST

START_TEST(test_compose_split)
{
	struct sid dom, user, d2, full;
	char buf[SID_STR_MAX];
	uint32_t rid;

	ck_assert_int_eq(sid_parse(&dom, DOM_SID, NULL), 0);
	ck_assert_int_eq(sid_compose(&user, &dom, 1104), 0);
	ck_assert_int_eq(sid_format(&user, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, DOM_SID "-1104");
	ck_assert_int_eq(sid_split(&user, &d2, &rid), 0);
	ck_assert_uint_eq(rid, 1104);
	ck_assert(sid_equal(&d2, &dom));

	/* in place */
	d2 = dom;
	ck_assert_int_eq(sid_compose(&d2, &d2, 500), 0);
	ck_assert_int_eq(sid_format(&d2, buf, sizeof(buf)), 0);
	ck_assert_str_eq(buf, DOM_SID "-500");
	ck_assert_int_eq(sid_split(&d2, &d2, &rid), 0);
	ck_assert_uint_eq(rid, 500);
	ck_assert(sid_equal(&d2, &dom));

	/* limits */
	ck_assert_int_eq(
		sid_parse(&full, "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15",
			  NULL),
		0);
	ck_assert_int_eq(sid_compose(&d2, &full, 16), ERR_RANGE);
	ck_assert_int_eq(sid_parse(&d2, "S-1-5", NULL), 0);
	ck_assert_int_eq(sid_split(&d2, &dom, &rid), ERR_RANGE);
	ck_assert_uint_eq(rid, 0);
	ck_assert_int_eq(sid_split(&full, &d2, &rid), 0);
	ck_assert_uint_eq(rid, 15);
	ck_assert_uint_eq(d2.count, 14);
}
END_TEST

Suite *sid_suite(void);

Suite *
sid_suite(void)
{
	Suite *s = suite_create("sid");
	TCase *tc = tcase_create("text");
	TCase *tb = tcase_create("binary");
	TCase *to = tcase_create("ops");

	tcase_add_loop_test(tc, test_parse_good, 0,
			    (int)(sizeof(good) / sizeof(good[0])));
	tcase_add_test(tc, test_parse_values);
	tcase_add_loop_test(tc, test_parse_bad, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_parse_null);
	tcase_add_test(tc, test_parse_long_message);
	tcase_add_test(tc, test_parse_truncation);
	tcase_add_test(tc, test_parse_bitflip);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);

	tcase_add_test(tb, test_read_known);
	tcase_add_test(tb, test_read_large_authority);
	tcase_add_test(tb, test_read_errors);
	tcase_add_test(tb, test_read_truncation);
	tcase_add_test(tb, test_read_bitflip);
	tcase_add_test(tb, test_write);
	suite_add_tcase(s, tb);

	tcase_add_test(to, test_equal);
	tcase_add_test(to, test_is_domain);
	tcase_add_test(to, test_compose_split);
	suite_add_tcase(s, to);
	return s;
}
