/*
 * tests/check_records.c - the lab store records (nt4/records.c): exact
 * bytes of a known record, round trips of every type, and the parser
 * loops of STYLE.md section I (every truncation, every bit flip, every
 * allocation failure) on every decoder.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/wbuf.h"
#include "nt4/records.h"
#include "testutil.h"

static void
fill_sid(struct sid *s)
{
	memset(s, 0, sizeof(*s));
	s->rev = 1;
	s->auth = 5;
	s->count = 4;
	s->sub[0] = 21;
	s->sub[1] = 909393080;
	s->sub[2] = 4211228949u;
	s->sub[3] = 3319219212u;
}

static void
sample_account(struct rec_account *a)
{
	memset(a, 0, sizeof(*a));
	a->rid = 1002;
	strcpy(a->name, "RESOURCE$");
	strcpy(a->fullname, "trust");
	a->acb = 0x40;
	a->has_nt = 1;
	hex_decode("19e034ea7413f02ad0054696b2ad122d", a->nt_hash, 16, NULL);
	a->pwd_last_set = 928195200;
	a->created = 928195200;
}

static void
sample_secret(struct rec_secret *s)
{
	memset(s, 0, sizeof(*s));
	strcpy(s->name, "G$$ACCOUNTS");
	s->has_cur = 1;
	s->cur_len = 4;
	memcpy(s->cur, "a\0b\0", 4);
	s->cur_time = 928195200;
}

/* Encode one record of each type into w (selected by type). */
static void
encode(int type, struct wbuf *w)
{
	struct rec_domain d;
	struct rec_account a;
	struct rec_tdo t;
	struct rec_secret s;
	struct rec_lab l;

	switch (type) {
	case REC_DOMAIN:
		memset(&d, 0, sizeof(d));
		strcpy(d.name, "ACCOUNTS");
		strcpy(d.pdc, "ACCTPDC");
		fill_sid(&d.sid);
		d.next_rid = 1003;
		d.nl_caps = 0x41ff;
		d.created = 928195200;
		ck_assert_int_eq(rec_domain_encode(&d, w), 0);
		break;
	case REC_ACCOUNT:
		sample_account(&a);
		ck_assert_int_eq(rec_account_encode(&a, w), 0);
		break;
	case REC_NAMEIDX:
		ck_assert_int_eq(rec_nameidx_encode(1002, w), 0);
		break;
	case REC_TDO:
		memset(&t, 0, sizeof(t));
		strcpy(t.name, "ACCOUNTS");
		fill_sid(&t.sid);
		ck_assert_int_eq(rec_tdo_encode(&t, w), 0);
		break;
	case REC_SECRET:
		sample_secret(&s);
		ck_assert_int_eq(rec_secret_encode(&s, w), 0);
		break;
	case REC_LAB:
		memset(&l, 0, sizeof(l));
		l.created = l.clock = 928195200;
		memset(l.seed, 0xab, sizeof(l.seed));
		l.rng_counter = 7;
		ck_assert_int_eq(rec_lab_encode(&l, w), 0);
		break;
	}
}

static int
decode(int type, const uint8_t *p, size_t n, struct errinfo *ei)
{
	union {
		struct rec_domain d;
		struct rec_account a;
		struct rec_tdo t;
		struct rec_secret s;
		struct rec_lab l;
		uint32_t rid;
	} u;

	switch (type) {
	case REC_DOMAIN:
		return rec_domain_decode(&u.d, p, n, ei);
	case REC_ACCOUNT:
		return rec_account_decode(&u.a, p, n, ei);
	case REC_NAMEIDX:
		return rec_nameidx_decode(&u.rid, p, n, ei);
	case REC_TDO:
		return rec_tdo_decode(&u.t, p, n, ei);
	case REC_SECRET:
		return rec_secret_decode(&u.s, p, n, ei);
	case REC_LAB:
		return rec_lab_decode(&u.l, p, n, ei);
	}
	return ERR_INTERNAL;
}

START_TEST(test_account_exact_bytes)
{
	struct rec_account a, b;
	struct wbuf w;

	sample_account(&a);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_account_encode(&a, &w), 0);
	ck_assert_mem_hex(w.p, w.len,
			  "4e543454" "0200" "0100" /* NT4T, type 2, v1 */
			  "ea030000"               /* RID 1002 */
			  "0900" "5245534f5552434524" /* "RESOURCE$" */
			  "0500" "7472757374"      /* "trust" */
			  "40000000"               /* ACB_DOMTRUST */
			  "01" "19e034ea7413f02ad0054696b2ad122d"
			  "00" "00000000000000000000000000000000"
			  "8022533700000000"       /* 1999-06-01 */
			  "8022533700000000");
	ck_assert_int_eq(rec_account_decode(&b, w.p, w.len, NULL), 0);
	ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_round_trip)
{
	struct wbuf w;
	struct errinfo ei;

	wbuf_init(&w, 4096);
	encode(_i, &w);
	err_clear(&ei);
	ck_assert_msg(decode(_i, w.p, w.len, &ei) == 0, "type %d: %s", _i,
		      ei.msg);
	ck_assert_uint_eq(rec_type_of(w.p, w.len), (unsigned)_i);
	wbuf_free(&w);
}
END_TEST

/* Every strict prefix is a clean error (no record is a prefix of another). */
START_TEST(test_truncation_loop)
{
	struct wbuf w;
	struct errinfo ei;
	uint8_t *copy;
	size_t n;

	wbuf_init(&w, 4096);
	encode(_i, &w);
	for (n = 0; n < w.len; n++) {
		copy = malloc(n + 1);
		memcpy(copy, w.p, n);
		err_clear(&ei);
		ck_assert_msg(decode(_i, copy, n, &ei) != 0,
			      "type %d prefix %zu accepted", _i, n);
		ck_assert_msg(ei.msg[0] != '\0', "no message at %zu", n);
		free(copy);
	}
	wbuf_free(&w);
}
END_TEST

/* Every single-bit flip: a clean error or a valid record, never a crash. */
START_TEST(test_bitflip_loop)
{
	struct wbuf w;
	struct errinfo ei;
	size_t i;
	int bit, r;

	wbuf_init(&w, 4096);
	encode(_i, &w);
	for (i = 0; i < w.len; i++)
		for (bit = 0; bit < 8; bit++) {
			w.p[i] ^= (uint8_t)(1 << bit);
			err_clear(&ei);
			r = decode(_i, w.p, w.len, &ei);
			ck_assert(r == 0 || (r < 0 && ei.msg[0] != '\0'));
			if (i < 8)
				ck_assert_msg(r != 0, "header flip accepted");
			w.p[i] ^= (uint8_t)(1 << bit);
		}
	wbuf_free(&w);
}
END_TEST

START_TEST(test_trailing_and_version)
{
	struct wbuf w;
	struct errinfo ei;

	wbuf_init(&w, 4096);
	encode(REC_TDO, &w);
	ck_assert_int_eq(wbuf_put_u8(&w, 0), 0);
	err_clear(&ei);
	ck_assert_int_eq(decode(REC_TDO, w.p, w.len, &ei), ERR_TRAILING);
	ck_assert_str_eq(ei.msg, "1 unexpected bytes after the record at "
				 "offset 54");
	w.len--;
	w.p[6] = 2; /* version 2 */
	err_clear(&ei);
	ck_assert_int_eq(decode(REC_TDO, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "trusted domain record version 2 not "
				 "supported (this build reads version 1)");
	w.p[6] = 1;
	err_clear(&ei);
	ck_assert_int_eq(decode(REC_SECRET, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "record type 4 where a secret record (type "
				 "5) belongs");
	wbuf_free(&w);
}
END_TEST

START_TEST(test_secret_limits)
{
	struct rec_secret s;
	struct wbuf w;
	struct errinfo ei;
	size_t lenpos;

	sample_secret(&s);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_secret_encode(&s, &w), 0);
	/* header 8, name 2+11, flag 1: the current length is at 22 */
	lenpos = 8 + 2 + 11 + 1;
	w.p[lenpos] = 0x01;
	w.p[lenpos + 1] = 0x02; /* 513 */
	err_clear(&ei);
	ck_assert_int_eq(rec_secret_decode(&s, w.p, w.len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "current value: length 513 over the limit "
				 "512 at offset 22");
	wbuf_free(&w);
	/* absent old value with a length */
	sample_secret(&s);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_secret_encode(&s, &w), 0);
	w.p[lenpos + 4 + 4 + 8 + 1] = 3;
	err_clear(&ei);
	ck_assert_int_eq(rec_secret_decode(&s, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_msg(strstr(ei.msg, "absent value with length 3") != NULL,
		      "%s", ei.msg);
	wbuf_free(&w);
}
END_TEST

Suite *records_suite(void);

Suite *
records_suite(void)
{
	Suite *s = suite_create("records");
	TCase *tc = tcase_create("records");

	tcase_add_test(tc, test_account_exact_bytes);
	tcase_add_loop_test(tc, test_round_trip, REC_DOMAIN, REC_LAB + 1);
	tcase_add_loop_test(tc, test_truncation_loop, REC_DOMAIN, REC_LAB + 1);
	tcase_add_loop_test(tc, test_bitflip_loop, REC_DOMAIN, REC_LAB + 1);
	tcase_add_test(tc, test_trailing_and_version);
	tcase_add_test(tc, test_secret_limits);
	suite_add_tcase(s, tc);
	return s;
}
