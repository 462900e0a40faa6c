/*
 * tests/check_records.c - the lab store records (nt4/records.c): exact
 * bytes of known records (ACCOUNT, CHANNEL, JOURNAL; the expected bytes were
 * computed with Python's struct.pack, never taken from the encoder), round
 * trips of every type, the limits of the CHANNEL and JOURNAL fields, and
 * the parser loops of STYLE.md section I (every truncation, every bit flip,
 * every allocation failure) on every decoder.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/wbuf.h"
#include "nt4/records.h"
#include "rec_any.h"
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

static void
sample_channel(struct rec_channel *c)
{
	int i;

	memset(c, 0, sizeof(*c));
	c->side = REC_CHANNEL_CLIENT;
	strcpy(c->owner, "RESOURCE");
	strcpy(c->peer, "ACCOUNTS");
	strcpy(c->account, "RESOURCE$");
	strcpy(c->computer, "RESOURCEPDC");
	c->sc_type = 4;
	c->flags = 0x000241ff;
	for (i = 0; i < 16; i++)
		c->sk[i] = (uint8_t)i;
	for (i = 0; i < 8; i++)
		c->stored[i] = (uint8_t)(0xa0 + i);
	c->last_ts = 928195260;
	c->used_old = 1;
	c->established = 928195200;
}

static void
sample_journal(struct rec_journal *j)
{
	static const uint8_t steps[] = { 1, 2, 3, 4, 8 };

	memset(j, 0, sizeof(*j));
	strcpy(j->trusting, "RESOURCE");
	strcpy(j->trusted, "ACCOUNTS");
	strcpy(j->verdict, "trusted-side-missing");
	j->nsteps = sizeof(steps);
	memcpy(j->steps, steps, sizeof(steps));
	j->next = 2;
	j->generated = 0;
	strcpy(j->password, "N3w-Trust!pw");
	j->pw_len = 12;
	j->started = 928195200 + 86400;
}

static void
sample_adtdo(struct rec_adtdo *x)
{
	int i;

	memset(x, 0, sizeof(*x));
	strcpy(x->partner, "ACCOUNTS");
	strcpy(x->dns, "acc.example.com");
	fill_sid(&x->sid);
	x->direction = 3;
	x->type = 2;
	x->attributes = 0x14;
	x->has_in = x->has_out = 1;
	for (i = 0; i < 16; i++) {
		x->in_cur[i] = (uint8_t)(0x10 + i);
		x->in_prev[i] = (uint8_t)(0x20 + i);
		x->out_cur[i] = (uint8_t)(0x30 + i);
		x->out_prev[i] = (uint8_t)(0x40 + i);
	}
	x->in_time = 928195200;
	x->out_time = 928195201;
	x->created = 928195300;
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
	struct rec_channel c;
	struct rec_journal j;
	struct rec_adtdo x;
	struct rec_allowauth aa;

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
	case REC_CHANNEL:
		sample_channel(&c);
		ck_assert_int_eq(rec_channel_encode(&c, w), 0);
		break;
	case REC_JOURNAL:
		sample_journal(&j);
		ck_assert_int_eq(rec_journal_encode(&j, w), 0);
		break;
	case REC_ADTDO:
		sample_adtdo(&x);
		ck_assert_int_eq(rec_adtdo_encode(&x, w), 0);
		break;
	case REC_ALLOWAUTH:
		memset(&aa, 0, sizeof(aa));
		strcpy(aa.domain, "CORP");
		strcpy(aa.user, "carol");
		strcpy(aa.computer, "LABPDC");
		aa.created = 928195200;
		ck_assert_int_eq(rec_allowauth_encode(&aa, w), 0);
		break;
	}
}

static int
decode(int type, const uint8_t *p, size_t n, struct errinfo *ei)
{
	union rec_any u;
	int r = rec_any_decode(type, &u, p, n, ei);

	if (r == 0)
		rec_any_wipe(type, &u);
	return r;
}

START_TEST(test_account_exact_bytes)
{
	struct rec_account a, b;
	struct wbuf w;

	sample_account(&a);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_account_encode(&a, &w), 0);
	/* clang-format off */
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
	/* clang-format on */
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

START_TEST(test_channel_exact_bytes)
{
	struct rec_channel a, b;
	struct wbuf w;

	sample_channel(&a);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_channel_encode(&a, &w), 0);
	/* clang-format off */
	ck_assert_mem_hex(w.p, w.len,
			  "4e543454" "0700" "0100" /* NT4T, type 7, v1 */
			  "01"                     /* client side */
			  "0800" "5245534f55524345" /* owner "RESOURCE" */
			  "0800" "4143434f554e5453" /* peer "ACCOUNTS" */
			  "0900" "5245534f5552434524" /* "RESOURCE$" */
			  "0b00" "5245534f55524345504443" /* "RESOURCEPDC" */
			  "0400"                   /* SEC_CHAN_DOMAIN */
			  "ff410200"               /* flags 0x000241ff */
			  "000102030405060708090a0b0c0d0e0f" /* session key */
			  "a0a1a2a3a4a5a6a7"       /* credential */
			  "bc225337"               /* last timestamp */
			  "01"                     /* used OldValue */
			  "8022533700000000");     /* established */
	ck_assert_uint_eq(w.len, 96);
	/* clang-format on */
	ck_assert_int_eq(rec_channel_decode(&b, w.p, w.len, NULL), 0);
	ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_journal_exact_bytes)
{
	struct rec_journal a, b;
	struct wbuf w;

	sample_journal(&a);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&a, &w), 0);
	/* clang-format off */
	ck_assert_mem_hex(w.p, w.len,
			  "4e543454" "0800" "0100" /* NT4T, type 8, v1 */
			  "0800" "5245534f55524345" /* trusting "RESOURCE" */
			  "0800" "4143434f554e5453" /* trusted "ACCOUNTS" */
			  "1400" "747275737465642d736964652d6d697373696e67"
			  "05" "0102030408"        /* 5 steps */
			  "02"                     /* next: index 2 */
			  "00"                     /* password given */
			  "0c00" "4e33772d5472757374217077" /* "N3w-Trust!pw" */
			  "0074543700000000");     /* started 1999-06-02 */
	ck_assert_uint_eq(w.len, 80);
	/* clang-format on */
	ck_assert_int_eq(rec_journal_decode(&b, w.p, w.len, NULL), 0);
	ck_assert_uint_eq(b.pw_len, 12);
	ck_assert_int_eq(memcmp(&a, &b, sizeof(a)), 0);
	wbuf_free(&w);
}
END_TEST

/* Decode c after applying edit to a sample; return the decoder's code. */
static int
channel_with(void (*edit)(struct rec_channel *c), struct errinfo *ei)
{
	struct rec_channel c;
	struct wbuf w;
	int r;

	sample_channel(&c);
	edit(&c);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_channel_encode(&c, &w), 0);
	err_clear(ei);
	r = rec_channel_decode(&c, w.p, w.len, ei);
	wbuf_free(&w);
	return r;
}

static void
ch_side0(struct rec_channel *c)
{
	c->side = 0;
}

static void
ch_side2(struct rec_channel *c)
{
	c->side = REC_CHANNEL_SERVER;
}

static void
ch_side3(struct rec_channel *c)
{
	c->side = 3;
}

static void
ch_account16(struct rec_channel *c)
{
	strcpy(c->account, "ABCDEFGHIJKLMNO$"); /* 16: a 15-char name + $ */
}

static void
ch_owner_empty(struct rec_channel *c)
{
	c->owner[0] = '\0';
}

static void
ch_used_old2(struct rec_channel *c)
{
	c->used_old = 2;
}

START_TEST(test_channel_limits)
{
	struct rec_channel c;
	struct errinfo ei;
	struct wbuf w;

	ck_assert_int_eq(channel_with(ch_side0, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "side 0 at offset 8 is neither client (1) "
				 "nor server (2)");
	ck_assert_int_eq(channel_with(ch_side3, &ei), ERR_FORMAT);
	ck_assert_int_eq(channel_with(ch_side2, &ei), 0);
	ck_assert_int_eq(channel_with(ch_account16, &ei), 0);
	ck_assert_int_eq(channel_with(ch_owner_empty, &ei), ERR_FORMAT);
	ck_assert_int_eq(channel_with(ch_used_old2, &ei), ERR_FORMAT);
	/* a 16-byte owner is over the NetBIOS limit */
	sample_channel(&c);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_channel_encode(&c, &w), 0);
	w.p[9] = 16; /* owner length: 16, reaching into the peer */
	err_clear(&ei);
	ck_assert_int_eq(rec_channel_decode(&c, w.p, w.len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "owner: length 16 over the limit 15 at "
				 "offset 9");
	wbuf_free(&w);
	/* a 17-byte account is over its limit of 16 */
	sample_channel(&c);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_channel_encode(&c, &w), 0);
	w.p[29] = 17; /* header 8, side 1, owner 2+8, peer 2+8 */
	err_clear(&ei);
	ck_assert_int_eq(rec_channel_decode(&c, w.p, w.len, &ei), ERR_RANGE);
	ck_assert_msg(strstr(ei.msg, "account: length 17 over the limit 16") !=
			      NULL,
		      "%s", ei.msg);
	wbuf_free(&w);
}
END_TEST

START_TEST(test_journal_limits)
{
	struct rec_journal j;
	struct errinfo ei;
	struct wbuf w;
	uint8_t *big;
	size_t at;

	/* header 8, trusting 2+8, trusted 2+8, verdict 2+20: nsteps at 50 */
	sample_journal(&j);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	w.p[50] = 0;
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "step count 0 at offset 50 not in 1..16");
	wbuf_free(&w);
	/* next may equal nsteps (all done), not exceed it */
	sample_journal(&j);
	j.next = 5;
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, NULL), 0);
	w.p[56] = 6;
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, &ei), ERR_RANGE);
	ck_assert_str_eq(ei.msg, "next step 6 at offset 56 after the last "
				 "(5 steps)");
	w.p[56] = 5;
	w.p[57] = 2; /* generated flag */
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, &ei), ERR_FORMAT);
	wbuf_free(&w);
	/* 16 steps: the most */
	sample_journal(&j);
	j.nsteps = REC_JOURNAL_STEPS_MAX;
	memset(j.steps, 8 /* verify */, REC_JOURNAL_STEPS_MAX);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, NULL), 0);
	ck_assert_uint_eq(j.nsteps, 16);
	w.p[50] = 17;
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, &ei), ERR_RANGE);
	wbuf_free(&w);
	/* a password of 1024 bytes: the most */
	sample_journal(&j);
	memset(j.password, 'p', REC_JOURNAL_PW_MAX);
	j.password[REC_JOURNAL_PW_MAX] = '\0';
	j.pw_len = REC_JOURNAL_PW_MAX;
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, NULL), 0);
	ck_assert_uint_eq(j.pw_len, REC_JOURNAL_PW_MAX);
	/* 1025 bytes (one more inserted, the length patched): too long */
	at = 58; /* nsteps 1+5, next 1, generated 1 */
	ck_assert_uint_eq(w.p[at], 0x00);
	ck_assert_uint_eq(w.p[at + 1], 0x04);
	big = malloc(w.len + 1);
	memcpy(big, w.p, at + 2);
	big[at] = 0x01;
	big[at + 2] = 'p';
	memcpy(big + at + 3, w.p + at + 2, w.len - at - 2);
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, big, w.len + 1, &ei),
			 ERR_RANGE);
	ck_assert_str_eq(ei.msg, "password: length 1025 over the limit 1024 "
				 "at offset 58");
	free(big);
	wbuf_free(&w);
	/* the verdict field holds 39 bytes */
	sample_journal(&j);
	memset(j.verdict, 'v', 39);
	j.verdict[39] = '\0';
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, NULL), 0);
	ck_assert_uint_eq(strlen(j.verdict), 39);
	w.p[28] = 40; /* verdict length */
	err_clear(&ei);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len, &ei), ERR_RANGE);
	wbuf_free(&w);
	/* a failed decode leaves no password behind */
	sample_journal(&j);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_journal_encode(&j, &w), 0);
	ck_assert_int_eq(rec_journal_decode(&j, w.p, w.len - 1, NULL),
			 ERR_TRUNCATED);
	ck_assert_uint_eq(j.password[0], 0);
	ck_assert_uint_eq(j.pw_len, 0);
	wbuf_free(&w);
}
END_TEST

/* The record header names the new types too. */
/* ADTDO: the fields back, and the direction must match the hashes held. */
START_TEST(test_adtdo_rules)
{
	struct rec_adtdo x, y;
	struct errinfo ei;
	struct wbuf w;

	sample_adtdo(&x);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(rec_adtdo_encode(&x, &w), 0);
	ck_assert_int_eq(rec_adtdo_decode(&y, w.p, w.len, NULL), 0);
	ck_assert_mem_eq(&x.in_prev, &y.in_prev, 16);
	ck_assert_mem_eq(&x.out_cur, &y.out_cur, 16);
	ck_assert_str_eq(y.dns, "acc.example.com");
	ck_assert_uint_eq(y.attributes, 0x14);
	/* inbound only, yet an outgoing password: refused */
	x.direction = 1;
	wbuf_reset(&w);
	ck_assert_int_eq(rec_adtdo_encode(&x, &w), 0);
	err_clear(&ei);
	ck_assert_int_eq(rec_adtdo_decode(&y, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "trustDirection 1 does not match the "
				 "passwords held");
	ck_assert_uint_eq(y.direction, 0); /* wiped */
	x.has_out = 0;
	wbuf_reset(&w);
	ck_assert_int_eq(rec_adtdo_encode(&x, &w), 0);
	ck_assert_int_eq(rec_adtdo_decode(&y, w.p, w.len, NULL), 0);
	x.direction = 4;
	wbuf_reset(&w);
	ck_assert_int_eq(rec_adtdo_encode(&x, &w), 0);
	err_clear(&ei);
	ck_assert_int_eq(rec_adtdo_decode(&y, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "trustDirection 4 is not 1, 2 or 3");
	wbuf_free(&w);
}
END_TEST

START_TEST(test_new_types_header)
{
	struct wbuf w;
	struct errinfo ei;

	wbuf_init(&w, 4096);
	encode(REC_CHANNEL, &w);
	err_clear(&ei);
	ck_assert_int_eq(decode(REC_JOURNAL, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "record type 7 where a repair journal record "
				 "(type 8) belongs");
	w.p[6] = 2;
	err_clear(&ei);
	ck_assert_int_eq(decode(REC_CHANNEL, w.p, w.len, &ei), ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "secure channel record version 2 not "
				 "supported (this build reads version 1)");
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
	tcase_add_test(tc, test_channel_exact_bytes);
	tcase_add_test(tc, test_journal_exact_bytes);
	tcase_add_loop_test(tc, test_round_trip, REC_DOMAIN, REC_ALLOWAUTH + 1);
	tcase_add_loop_test(tc, test_truncation_loop, REC_DOMAIN,
			    REC_ALLOWAUTH + 1);
	tcase_add_loop_test(tc, test_bitflip_loop, REC_DOMAIN,
			    REC_ALLOWAUTH + 1);
	tcase_add_test(tc, test_trailing_and_version);
	tcase_add_test(tc, test_secret_limits);
	tcase_add_test(tc, test_channel_limits);
	tcase_add_test(tc, test_journal_limits);
	tcase_add_test(tc, test_new_types_header);
	tcase_add_test(tc, test_adtdo_rules);
	suite_add_tcase(s, tc);
	return s;
}
