/*
 * tests/check_secretsdb.c - Samba's secrets.tdb (migrate/secretsdb.c):
 * the REPORT.md section 5.2 TRUSTED_DOM_PASS record and the records real
 * Samba 4.17 wrote (tests/data/secretsdb/, see its README), a 68-byte
 * struct dom_sid built with Python's struct.pack, every strictness rule,
 * the parser loops of STYLE.md section I (every truncation, every bit
 * flip), open/get/put/delete/list on a temporary secrets.tdb,
 * transactions, and failed allocations.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/err.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/sid.h"
#include "common/wbuf.h"
#include "migrate/secretsdb.h"
#include "nt4/store.h"
#include "testutil.h"

Suite *secretsdb_suite(void);

/* REPORT.md section 5.2: the healthy RESOURCE PDC's record (115 bytes). */
static const char report_hex[] =
	"090000004100430043004f0055004e0054005300000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"000000000e00000054727535742d5061353577307264008d35026b0104000000"
	"00000515000000b83c3436154102fb0c44d7c5";
#define REPORT_SID "S-1-5-21-909393080-4211228949-3319219212"
#define REPORT_TIME 0x6b02358dU /* 1795306893, 2026-11-22 00:21:33 UTC */

/*
 * A SECRETS/SID/ value built in Python:
 *   subs = [21, 1004336348, 1177238915, 682003330]
 *   struct.pack('<BB', 1, 4) + (5).to_bytes(6, 'big') +
 *   struct.pack('<15I', *(subs + [0] * 11))
 */
static const char pysid_hex[] =
	"010400000000000515000000dcf4dc3b833d2b46828ba6280000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"00000000";
#define PYSID "S-1-5-21-1004336348-1177238915-682003330"

static char path[256];

static void
setup(void)
{
	struct store *st = NULL;

	snprintf(path, sizeof(path), "/tmp/nt4trust-secretsdb-%d.tdb",
		 (int)getpid());
	unlink(path);
	ck_assert_int_eq(store_open(&st, path, STORE_CREATE, NULL), 0);
	store_close(st);
}

static void
teardown(void)
{
	unlink(path);
}

static uint8_t *
unhex(const char *h, size_t *n)
{
	uint8_t *p = NULL;

	ck_assert_int_eq(hex_decode_alloc(h, &p, n, NULL), 0);
	return p;
}

static const char *
sidstr(const struct sid *s)
{
	static char buf[SID_STR_MAX];

	ck_assert_int_eq(sid_format(s, buf, sizeof(buf)), 0);
	return buf;
}

static void
set_sid(struct sid *s, const char *text)
{
	ck_assert_int_eq(sid_parse(s, text, NULL), 0);
}

/* A trust record struct with the given fields. */
static void
mk_trust(struct secretsdb_trust *t, const char *dom, const char *pw,
	 uint32_t when, const char *sid)
{
	memset(t, 0, sizeof(*t));
	ck_assert_uint_lt(strlen(dom), sizeof(t->domain));
	ck_assert_uint_lt(strlen(pw), sizeof(t->password));
	memcpy(t->domain, dom, strlen(dom) + 1);
	memcpy(t->password, pw, strlen(pw) + 1);
	t->pass_len = strlen(pw);
	t->mod_time = when;
	set_sid(&t->sid, sid);
}

/* decode p, assert success, re-encode and compare byte for byte */
static void
round_trip_trust(const uint8_t *p, size_t n, struct secretsdb_trust *t)
{
	struct errinfo ei;
	struct wbuf w;

	err_clear(&ei);
	ck_assert_msg(secretsdb_trust_decode(t, p, n, &ei) == 0, "%s", ei.msg);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(secretsdb_trust_encode(t, &w), 0);
	ck_assert_uint_eq(w.len, n);
	ck_assert_mem_eq(w.p, p, n);
	wbuf_free(&w);
}

static int
all_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

START_TEST(test_report_record)
{
	struct secretsdb_trust t;
	uint8_t *p;
	size_t n;

	p = unhex(report_hex, &n);
	ck_assert_uint_eq(n, 115);
	round_trip_trust(p, n, &t);
	ck_assert_str_eq(t.domain, "ACCOUNTS");
	ck_assert_str_eq(t.password, "Tru5t-Pa55w0rd");
	ck_assert_uint_eq(t.pass_len, 14);
	ck_assert_uint_eq(t.mod_time, REPORT_TIME);
	ck_assert_str_eq(sidstr(&t.sid), REPORT_SID);
	ck_assert(sid_is_domain(&t.sid));
	secretsdb_trust_wipe(&t);
	ck_assert(all_zero(&t, sizeof(t)));
	free(p);
}
END_TEST

/* The same record built from its fields gives the same bytes. */
START_TEST(test_report_encode)
{
	struct secretsdb_trust t;
	struct wbuf w;
	uint8_t *p;
	size_t n;

	p = unhex(report_hex, &n);
	mk_trust(&t, "ACCOUNTS", "Tru5t-Pa55w0rd", REPORT_TIME, REPORT_SID);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), 0);
	ck_assert_uint_eq(w.len, n);
	ck_assert_mem_eq(w.p, p, n);
	wbuf_free(&w);
	secretsdb_trust_wipe(&t);
	free(p);
}
END_TEST

/*
 * Records Samba 4.17.12 wrote with pdb_set_trusteddom_pw() (python3-samba,
 * tests/data/secretsdb/README).
 */
static const struct {
	const char *file;
	int rc;
	const char *domain, *password, *sid;
	uint32_t mod_time;
	size_t offset;	 /* of the error */
	const char *msg; /* part of the message */
} samba_records[] = {
	{ "samba-trust-accounts.bin", 0, "accounts", "Tru5t-Pa55w0rd",
	  REPORT_SID, 0x6b02586cU, 0, NULL },
	{ "samba-trust-smile-surrogates.bin", 0, "smile\xf0\x9f\x98\x80", "p",
	  "S-1-5-21-1-2-3", 0x6b025871U, 0, NULL },
	{ "samba-trust-name-31-units.bin", 0, "ABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
	  "x", "S-1-5-21-1-2-3", 0x6b025871U, 0, NULL },
	{ "samba-trust-empty-password.bin", 0, "Empty", "", "S-1-1-0",
	  0x6b025950U, 0, NULL },
	/* 32 units: uni_name_len 33 and no NUL; over SECRETSDB_NAME_MAX */
	{ "samba-trust-name-32-units.bin", ERR_RANGE, NULL, NULL, NULL, 0, 0,
	  "uni_name_len 33 (1 to 32)" },
	/* "Pässwörd" in CP850 (the dos charset), pass_len 10 (UTF-8) */
	{ "samba-trust-cp850-password.bin", ERR_FORMAT, NULL, NULL, NULL, 0, 72,
	  "pass is not ASCII (dos charset" },
};

START_TEST(test_samba_records)
{
	struct secretsdb_trust t;
	struct errinfo ei;
	char file[512];
	uint8_t *p;
	size_t n;
	int r;

	snprintf(file, sizeof(file), "%s/secretsdb/%s", TEST_DATA_DIR,
		 samba_records[_i].file);
	p = tu_read_file(file, &n);
	ck_assert_msg(p != NULL, "cannot read %s", file);
	if (samba_records[_i].rc == 0) {
		round_trip_trust(p, n, &t);
		ck_assert_str_eq(t.domain, samba_records[_i].domain);
		ck_assert_str_eq(t.password, samba_records[_i].password);
		ck_assert_uint_eq(t.pass_len,
				  strlen(samba_records[_i].password));
		ck_assert_str_eq(sidstr(&t.sid), samba_records[_i].sid);
		ck_assert_uint_eq(t.mod_time, samba_records[_i].mod_time);
	} else {
		err_clear(&ei);
		r = secretsdb_trust_decode(&t, p, n, &ei);
		ck_assert_int_eq(r, samba_records[_i].rc);
		ck_assert_int_eq(ei.code, r);
		ck_assert_uint_eq(ei.offset, samba_records[_i].offset);
		ck_assert_msg(strstr(ei.msg, samba_records[_i].msg) != NULL,
			      "%s", ei.msg);
		ck_assert(all_zero(&t, sizeof(t)));
	}
	secretsdb_trust_wipe(&t);
	free(p);
}
END_TEST

START_TEST(test_sid_records)
{
	struct errinfo ei;
	struct sid sid;
	struct wbuf w;
	char file[512];
	uint8_t *p;
	size_t n;

	/* built with struct.pack */
	p = unhex(pysid_hex, &n);
	ck_assert_uint_eq(n, 68);
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_decode(&sid, p, n, &ei), 0);
	ck_assert_str_eq(sidstr(&sid), PYSID);
	wbuf_init(&w, 68);
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), 0);
	ck_assert_uint_eq(w.len, 68);
	ck_assert_mem_eq(w.p, p, n);
	wbuf_free(&w);
	free(p);
	/* written by Samba (SECRETS/SID/RESPDC, get_global_sam_sid) */
	snprintf(file, sizeof(file), "%s/secretsdb/samba-sid-respdc.bin",
		 TEST_DATA_DIR);
	p = tu_read_file(file, &n);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(secretsdb_sid_decode(&sid, p, n, &ei), 0);
	ck_assert_str_eq(sidstr(&sid),
			 "S-1-5-21-2311427747-2644193383-930791874");
	wbuf_init(&w, 68);
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), 0);
	ck_assert_mem_eq(w.p, p, n);
	wbuf_free(&w);
	free(p);
	/* 0 and 15 sub-authorities */
	set_sid(&sid, "S-1-5");
	wbuf_init(&w, 68);
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), 0);
	ck_assert_mem_hex(w.p, w.len,
			  "0100000000000005000000000000000000000000000000000000"
			  "0000000000000000000000000000000000000000000000000000"
			  "00000000000000000000000000000000");
	wbuf_free(&w);
	set_sid(&sid, "S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15");
	wbuf_init(&w, 68);
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), 0);
	ck_assert_uint_eq(w.len, 68);
	ck_assert_int_eq(secretsdb_sid_decode(&sid, w.p, w.len, NULL), 0);
	ck_assert_uint_eq(sid.count, 15);
	wbuf_free(&w);
}
END_TEST

/* Byte patches of the Python SID record and what each must give. */
static const struct {
	size_t at;
	uint8_t val;
	int rc;
	size_t offset;
	const char *msg;
} sid_bad[] = {
	{ 0, 2, ERR_FORMAT, 0, "revision 2" },
	{ 0, 0, ERR_FORMAT, 0, "revision 0" },
	{ 1, 16, ERR_RANGE, 1, "16 sub-authorities" },
	{ 1, 0x80, ERR_RANGE, 1, "128 sub-authorities" },
	{ 24, 1, ERR_FORMAT, 24, "unused sub_auths[4] is not zero" },
	{ 67, 0x80, ERR_FORMAT, 64, "unused sub_auths[14] is not zero" },
};

START_TEST(test_sid_strict)
{
	struct errinfo ei;
	struct sid sid;
	uint8_t *p, big[69];
	size_t n;
	int r;

	p = unhex(pysid_hex, &n);
	p[sid_bad[_i].at] = sid_bad[_i].val;
	err_clear(&ei);
	r = secretsdb_sid_decode(&sid, p, n, &ei);
	ck_assert_int_eq(r, sid_bad[_i].rc);
	ck_assert_int_eq(ei.code, r);
	ck_assert_uint_eq(ei.offset, sid_bad[_i].offset);
	ck_assert_msg(strstr(ei.msg, sid_bad[_i].msg) != NULL, "%s", ei.msg);
	ck_assert(all_zero(&sid, sizeof(sid)));
	/* and the length must be exactly 68 */
	p[sid_bad[_i].at] = 0;
	memset(big, 0, sizeof(big));
	memcpy(big, p, 68);
	big[0] = 1;
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_decode(&sid, big, 69, &ei),
			 ERR_TRAILING);
	ck_assert_str_eq(ei.msg, "struct dom_sid: 69 bytes, 68 expected");
	free(p);
}
END_TEST

/* Every prefix of both records is a clean ERR_TRUNCATED. */
START_TEST(test_truncation_loop)
{
	struct secretsdb_trust t;
	struct errinfo ei;
	struct sid sid;
	uint8_t *p, *q, *cut;
	size_t n, m, len;
	int r;

	p = unhex(report_hex, &n);
	for (len = 0; len < n; len++) {
		/* an exact-size copy, so ASan sees a read past len */
		cut = malloc(len ? len : 1);
		ck_assert_ptr_nonnull(cut);
		memcpy(cut, p, len);
		err_clear(&ei);
		r = secretsdb_trust_decode(&t, cut, len, &ei);
		ck_assert_msg(r == ERR_TRUNCATED, "len %zu: %d %s", len, r,
			      ei.msg);
		ck_assert_int_eq(ei.code, r);
		ck_assert(ei.msg[0] != '\0');
		ck_assert(all_zero(&t, sizeof(t)));
		free(cut);
	}
	free(p);
	q = unhex(pysid_hex, &m);
	for (len = 0; len < m; len++) {
		cut = malloc(len ? len : 1);
		ck_assert_ptr_nonnull(cut);
		memcpy(cut, q, len);
		err_clear(&ei);
		ck_assert_int_eq(secretsdb_sid_decode(&sid, cut, len, &ei),
				 ERR_TRUNCATED);
		ck_assert_uint_eq(ei.offset, len);
		free(cut);
	}
	free(q);
}
END_TEST

/*
 * Every single-bit flip: a clean error, or a valid record that re-encodes
 * to exactly the flipped bytes.
 */
START_TEST(test_bitflip_loop)
{
	struct secretsdb_trust t;
	struct errinfo ei;
	struct sid sid;
	struct wbuf w;
	uint8_t *p;
	size_t n, i;
	int bit, r, ok = 0, bad = 0;

	p = unhex(_i == 0 ? report_hex : pysid_hex, &n);
	for (i = 0; i < n; i++)
		for (bit = 0; bit < 8; bit++) {
			p[i] ^= (uint8_t)(1 << bit);
			err_clear(&ei);
			wbuf_init(&w, 4096);
			if (_i == 0) {
				r = secretsdb_trust_decode(&t, p, n, &ei);
				if (r == 0)
					ck_assert_int_eq(
						secretsdb_trust_encode(&t, &w),
						0);
				else
					ck_assert(all_zero(&t, sizeof(t)));
			} else {
				r = secretsdb_sid_decode(&sid, p, n, &ei);
				if (r == 0)
					ck_assert_int_eq(
						secretsdb_sid_encode(&sid, &w),
						0);
			}
			if (r == 0) {
				ck_assert_uint_eq(w.len, n);
				ck_assert_mem_eq(w.p, p, n);
				ok++;
			} else {
				ck_assert(r < 0 && ei.code == r &&
					  ei.msg[0] != '\0');
				bad++;
			}
			wbuf_free(&w);
			secretsdb_trust_wipe(&t);
			p[i] ^= (uint8_t)(1 << bit);
		}
	/* a flip in uni_name_len or pass_len can never be valid */
	ck_assert_int_gt(ok, 0);
	ck_assert_int_gt(bad, 0);
	free(p);
}
END_TEST

/* Patches of the REPORT record: which rule rejects each. */
static const struct {
	const char *what;
	size_t at;
	const char *bytes; /* hex put at "at" */
	int rc;
	size_t offset;
	const char *msg;
} trust_bad[] = {
	{ "uni_name_len 0", 0, "00", ERR_FORMAT, 0, "uni_name_len 0 " },
	{ "uni_name_len 33", 0, "21", ERR_RANGE, 0, "uni_name_len 33 " },
	{ "uni_name_len huge", 0, "ffffffff", ERR_RANGE, 0, "4294967295" },
	{ "name longer than uni_name_len", 0, "08", ERR_FORMAT, 18,
	  "not NUL-terminated" },
	{ "name shorter than uni_name_len", 0, "0a", ERR_FORMAT, 20,
	  "NUL in uni_name" },
	{ "garbage in the padding", 60, "01", ERR_FORMAT, 60, "zero padded" },
	{ "last unit not zero", 66, "0001", ERR_FORMAT, 66, "zero padded" },
	{ "unpaired high surrogate", 4, "00d8", ERR_FORMAT, 4, "UTF-16" },
	{ "unpaired low surrogate", 18, "00dc", ERR_FORMAT, 4, "UTF-16" },
	{ "pass_len 13", 68, "0d", ERR_FORMAT, 72,
	  "pass is 14 bytes long but pass_len is 13" },
	{ "pass_len 15", 68, "0f", ERR_FORMAT, 72, "pass_len is 15" },
	{ "pass_len 513", 68, "01020000", ERR_RANGE, 68, "limit 512" },
	{ "pass_len 2^32-1", 68, "ffffffff", ERR_RANGE, 68, "limit 512" },
	{ "NUL inside the password", 75, "00", ERR_FORMAT, 72,
	  "pass is 3 bytes" },
	{ "non-ASCII password", 72, "d4", ERR_FORMAT, 72, "not ASCII" },
	{ "SID revision 2", 91, "02", ERR_FORMAT, 91, "revision 2" },
	{ "SID 5 sub-auths", 92, "05", ERR_TRUNCATED, 91, "need 20 bytes" },
	{ "SID 16 sub-auths", 92, "10", ERR_RANGE, 92, "16 sub-auth" },
	{ "SID 3 sub-auths", 92, "03", ERR_TRAILING, 111, "4 trailing" },
};

START_TEST(test_trust_strict)
{
	struct secretsdb_trust t;
	struct errinfo ei;
	uint8_t *p, *patch;
	size_t n, m;
	int r;

	p = unhex(report_hex, &n);
	patch = unhex(trust_bad[_i].bytes, &m);
	ck_assert_uint_le(trust_bad[_i].at + m, n);
	memcpy(p + trust_bad[_i].at, patch, m);
	err_clear(&ei);
	r = secretsdb_trust_decode(&t, p, n, &ei);
	ck_assert_msg(r == trust_bad[_i].rc, "%s: %d %s", trust_bad[_i].what, r,
		      ei.msg);
	ck_assert_int_eq(ei.code, r);
	ck_assert_msg(ei.offset == trust_bad[_i].offset, "%s: offset %zu",
		      trust_bad[_i].what, ei.offset);
	ck_assert_msg(strstr(ei.msg, trust_bad[_i].msg) != NULL, "%s: %s",
		      trust_bad[_i].what, ei.msg);
	/* the message never shows the password */
	ck_assert_ptr_null(strstr(ei.msg, "Tru5t"));
	ck_assert_ptr_null(strstr(ei.msg, "Pa55"));
	ck_assert(all_zero(&t, sizeof(t)));
	free(patch);
	free(p);
}
END_TEST

START_TEST(test_trust_trailing)
{
	struct secretsdb_trust t;
	struct errinfo ei;
	uint8_t *p, *q;
	size_t n;

	p = unhex(report_hex, &n);
	q = malloc(n + 1);
	ck_assert_ptr_nonnull(q);
	memcpy(q, p, n);
	q[n] = 0;
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_decode(&t, q, n + 1, &ei),
			 ERR_TRAILING);
	ck_assert_uint_eq(ei.offset, 115);
	ck_assert_str_eq(ei.msg, "TRUSTED_DOM_PASS at byte 115: 1 trailing "
				 "bytes");
	free(q);
	free(p);
}
END_TEST

/* Names and passwords at their limits, in both directions. */
START_TEST(test_trust_limits)
{
	struct secretsdb_trust t, u;
	struct wbuf w;
	char name[200];
	char pw[SECRETSDB_PASS_MAX + 1];
	int i;

	/* 31 units: the longest name; 15 units of 4-byte UTF-8 + 1 */
	memset(name, 'N', 31);
	name[31] = '\0';
	memset(pw, 'p', SECRETSDB_PASS_MAX);
	pw[SECRETSDB_PASS_MAX] = '\0';
	mk_trust(&t, name, pw, 0xffffffffU, "S-1-5-21-1-2-3");
	wbuf_init(&w, 8192);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), 0);
	ck_assert_uint_eq(w.len, 4 + 64 + 4 + 512 + 1 + 4 + 24);
	ck_assert_int_eq(secretsdb_trust_decode(&u, w.p, w.len, NULL), 0);
	ck_assert_str_eq(u.domain, name);
	ck_assert_str_eq(u.password, pw);
	ck_assert_uint_eq(u.mod_time, 0xffffffffU);
	wbuf_free(&w);
	name[0] = '\0';
	for (i = 0; i < 15; i++)
		strcat(name, "\xf0\x9f\x98\x80");
	strcat(name, "x");
	mk_trust(&t, name, "", 0, "S-1-5-21-1-2-3");
	wbuf_init(&w, 8192);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), 0);
	ck_assert_int_eq(secretsdb_trust_decode(&u, w.p, w.len, NULL), 0);
	ck_assert_str_eq(u.domain, name);
	ck_assert_uint_eq(u.pass_len, 0);
	wbuf_free(&w);
	/* an empty name is a valid record (uni_name_len 1) */
	mk_trust(&t, "", "pw", 0, "S-1-5-21-1-2-3");
	wbuf_init(&w, 8192);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), 0);
	ck_assert_uint_eq(w.p[0], 1);
	ck_assert_int_eq(secretsdb_trust_decode(&u, w.p, w.len, NULL), 0);
	ck_assert_str_eq(u.domain, "");
	wbuf_free(&w);
	secretsdb_trust_wipe(&t);
	secretsdb_trust_wipe(&u);
}
END_TEST

/* What the encoder refuses; w is left unchanged (all or nothing). */
START_TEST(test_trust_encode_refuses)
{
	struct secretsdb_trust t;
	struct wbuf w;

	wbuf_init(&w, 8192);
	ck_assert_int_eq(wbuf_put_u8(&w, 0xaa), 0);
	/* 32 units */
	mk_trust(&t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "x", 0,
		 "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_RANGE);
	/* 16 surrogate pairs = 32 units */
	mk_trust(&t,
		 "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		 "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		 "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		 "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		 "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
		 "\xf0\x9f\x98\x80",
		 "x", 0, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_RANGE);
	/* not UTF-8 */
	mk_trust(&t, "AB\xff", "x", 0, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	/* unterminated fields */
	mk_trust(&t, "A", "x", 0, "S-1-5-21-1-2-3");
	memset(t.domain, 'A', sizeof(t.domain));
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_RANGE);
	mk_trust(&t, "A", "x", 0, "S-1-5-21-1-2-3");
	memset(t.password, 'p', sizeof(t.password));
	t.pass_len = sizeof(t.password);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_RANGE);
	/* pass_len must be strlen */
	mk_trust(&t, "A", "secret", 0, "S-1-5-21-1-2-3");
	t.pass_len = 5;
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	/* non-ASCII password (Samba would write CP850) */
	mk_trust(&t, "A", "P\xc3\xa4ss", 0, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	/* bad SIDs */
	mk_trust(&t, "A", "x", 0, "S-1-5-21-1-2-3");
	t.sid.rev = 2;
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	t.sid.rev = 1;
	t.sid.count = 16;
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	t.sid.count = 4;
	t.sid.auth = 1ull << 48;
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_INVALID);
	ck_assert_uint_eq(w.len, 1);
	ck_assert_int_eq(wbuf_error(&w), 0);
	wbuf_free(&w);
	/* a writer too small: ERR_RANGE and nothing written */
	mk_trust(&t, "ACCOUNTS", "Tru5t-Pa55w0rd", REPORT_TIME, REPORT_SID);
	wbuf_init(&w, 114);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), ERR_RANGE);
	ck_assert_uint_eq(w.len, 0);
	wbuf_free(&w);
	secretsdb_trust_wipe(&t);
}
END_TEST

START_TEST(test_sid_encode_refuses)
{
	struct sid sid;
	struct wbuf w;

	set_sid(&sid, "S-1-5-21-1-2-3");
	wbuf_init(&w, 67);
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), ERR_RANGE);
	ck_assert_uint_eq(w.len, 0);
	wbuf_free(&w);
	wbuf_init(&w, 68);
	sid.rev = 2;
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), ERR_FORMAT);
	sid.rev = 1;
	sid.count = 16;
	ck_assert_int_eq(secretsdb_sid_encode(&sid, &w), ERR_RANGE);
	ck_assert_uint_eq(w.len, 0);
	wbuf_free(&w);
}
END_TEST

/* ---- the file ---- */

struct names {
	char buf[2048];
	int n;
	int stop_at;
};

static int
collect_sid(const char *name, const struct sid *sid, void *arg)
{
	struct names *x = arg;
	char one[300];

	snprintf(one, sizeof(one), "%s=%s;", name, sidstr(sid));
	strcat(x->buf, one);
	x->n++;
	return x->n == x->stop_at ? 7 : 0;
}

static int
collect_trust(const struct secretsdb_trust *t, void *arg)
{
	struct names *x = arg;
	char one[700];

	snprintf(one, sizeof(one), "%s/%s/%lu;", t->domain, t->password,
		 (unsigned long)t->mod_time);
	strcat(x->buf, one);
	x->n++;
	return x->n == x->stop_at ? 7 : 0;
}

/* raw store access for the tests: put key = bytes */
static void
raw_put(const char *key, const uint8_t *p, size_t n)
{
	struct store *st = NULL;

	ck_assert_int_eq(store_open(&st, path, 0, NULL), 0);
	ck_assert_int_eq(store_begin(st, NULL), 0);
	ck_assert_int_eq(store_put(st, key, p, n, NULL), 0);
	ck_assert_int_eq(store_commit(st, NULL), 0);
	store_close(st);
}

static void
raw_del(const char *key)
{
	struct store *st = NULL;

	ck_assert_int_eq(store_open(&st, path, 0, NULL), 0);
	ck_assert_int_eq(store_begin(st, NULL), 0);
	ck_assert_int_eq(store_delete(st, key, NULL), 0);
	ck_assert_int_eq(store_commit(st, NULL), 0);
	store_close(st);
}

static uint8_t *
raw_get(const char *key, size_t *n)
{
	struct store *st = NULL;
	uint8_t *v = NULL;

	ck_assert_int_eq(store_open(&st, path, STORE_RDONLY, NULL), 0);
	if (store_get(st, key, &v, n, NULL) != 0)
		v = NULL;
	store_close(st);
	return v;
}

START_TEST(test_open)
{
	struct secretsdb *s = NULL;
	struct errinfo ei;
	char missing[300];

	snprintf(missing, sizeof(missing), "%s.missing", path);
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_open(&s, missing, 0, &ei), ERR_NOTFOUND);
	ck_assert_ptr_null(s);
	ck_assert_ptr_nonnull(strstr(ei.msg, "no such file"));
	ck_assert_ptr_nonnull(strstr(ei.msg, missing));
	/* never created */
	ck_assert_int_ne(access(missing, F_OK), 0);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	ck_assert_str_eq(secretsdb_path(s), path);
	secretsdb_close(s);
	secretsdb_close(NULL);
}
END_TEST

START_TEST(test_trust_put_get_delete_list)
{
	struct secretsdb *s = NULL;
	struct secretsdb_trust t, u;
	struct names x;
	struct errinfo ei;
	struct wbuf w;
	uint8_t *raw;
	size_t n;

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	/* Samba keeps the given case in uni_name, upper-cases the key */
	mk_trust(&t, "accounts", "Tru5t-Pa55w0rd", 0x6b02586cU, REPORT_SID);
	err_clear(&ei);
	ck_assert_msg(secretsdb_trust_put(s, &t, &ei) == 0, "%s", ei.msg);
	mk_trust(&t, "Other", "pw2", 5, "S-1-5-21-7-8-9");
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), 0);
	secretsdb_close(s);
	/* the bytes Samba 4.17 wrote for the same call */
	raw = raw_get("SECRETS/$DOMTRUST.ACC/ACCOUNTS", &n);
	ck_assert_ptr_nonnull(raw);
	{
		char file[512];
		uint8_t *want;
		size_t m;

		snprintf(file, sizeof(file),
			 "%s/secretsdb/samba-trust-accounts.bin",
			 TEST_DATA_DIR);
		want = tu_read_file(file, &m);
		ck_assert_ptr_nonnull(want);
		ck_assert_uint_eq(n, m);
		ck_assert_mem_eq(raw, want, m);
		free(want);
	}
	free(raw);

	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_get(s, "Accounts", &u, NULL), 0);
	ck_assert_str_eq(u.domain, "accounts");
	ck_assert_str_eq(u.password, "Tru5t-Pa55w0rd");
	ck_assert_str_eq(sidstr(&u.sid), REPORT_SID);
	ck_assert_int_eq(secretsdb_trust_get(s, "NOPE", &u, NULL),
			 ERR_NOTFOUND);
	ck_assert(all_zero(&u, sizeof(u)));
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(secretsdb_trust_list(s, collect_trust, &x, NULL), 0);
	ck_assert_str_eq(x.buf, "accounts/Tru5t-Pa55w0rd/1795315820;"
				"Other/pw2/5;");
	/* read-only: no change */
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, &ei), ERR_ACCESS);
	ck_assert_int_eq(secretsdb_trust_delete(s, "Other", NULL), ERR_ACCESS);
	secretsdb_close(s);

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_delete(s, "other", NULL), 0);
	ck_assert_int_eq(secretsdb_trust_delete(s, "OTHER", NULL),
			 ERR_NOTFOUND);
	ck_assert_int_eq(secretsdb_trust_get(s, "Other", &u, NULL),
			 ERR_NOTFOUND);
	/* replace */
	mk_trust(&t, "ACCOUNTS", "new", 9, REPORT_SID);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_get(s, "accounts", &u, NULL), 0);
	ck_assert_str_eq(u.domain, "ACCOUNTS");
	ck_assert_str_eq(u.password, "new");
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(secretsdb_trust_list(s, collect_trust, &x, NULL), 0);
	ck_assert_str_eq(x.buf, "ACCOUNTS/new/9;");
	secretsdb_close(s);
	/* the record stored is exactly the encoding */
	raw = raw_get("SECRETS/$DOMTRUST.ACC/ACCOUNTS", &n);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(secretsdb_trust_encode(&t, &w), 0);
	ck_assert_uint_eq(n, w.len);
	ck_assert_mem_eq(raw, w.p, n);
	wbuf_free(&w);
	free(raw);
	secretsdb_trust_wipe(&t);
	secretsdb_trust_wipe(&u);
}
END_TEST

START_TEST(test_bad_names)
{
	struct secretsdb *s = NULL;
	struct secretsdb_trust t;
	struct errinfo ei;
	struct sid sid;

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	mk_trust(&t, "", "x", 0, "S-1-5-21-1-2-3");
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "empty domain name");
	mk_trust(&t, "A/B", "x", 0, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), ERR_INVALID);
	mk_trust(&t, "A\tB", "x", 0, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), ERR_INVALID);
	mk_trust(&t, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "x", 0,
		 "S-1-5-21-1-2-3");
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, &ei), ERR_RANGE);
	ck_assert_ptr_nonnull(strstr(ei.msg, "32 UTF-16 units"));
	mk_trust(&t, "A", "P\xc3\xa4ss", 0, "S-1-5-21-1-2-3");
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, &ei), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(ei.msg, "not ASCII"));
	ck_assert_int_eq(secretsdb_trust_get(s, "", &t, NULL), ERR_INVALID);
	ck_assert_int_eq(secretsdb_trust_get(s, "\xff", &t, NULL), ERR_INVALID);
	ck_assert_int_eq(secretsdb_trust_delete(s, "a/b", NULL), ERR_INVALID);
	ck_assert_int_eq(secretsdb_sid_get(s, "", &sid, NULL), ERR_INVALID);
	set_sid(&sid, "S-1-5-21-1-2-3");
	ck_assert_int_eq(secretsdb_sid_put(s, "x/y", &sid, NULL), ERR_INVALID);
	sid.rev = 3;
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_put(s, "X", &sid, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(ei.msg, "not a valid SID"));
	secretsdb_close(s);
	secretsdb_trust_wipe(&t);
}
END_TEST

START_TEST(test_sid_put_get_list)
{
	struct secretsdb *s = NULL;
	struct names x;
	struct sid sid;
	uint8_t *py, *raw;
	size_t n, m;

	/* a record from Python, and one from secretsdb_sid_put */
	py = unhex(pysid_hex, &n);
	raw_put("SECRETS/SID/ACCOUNTS", py, n);
	/* keys that are not SECRETS/SID/ records */
	raw_put("SECRETS/SIDX", (const uint8_t *)"x", 1);
	raw_put("SECRETS/MACHINE_PASSWORD/RESOURCE", (const uint8_t *)"x", 1);
	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	set_sid(&sid, "S-1-5-21-2311427747-2644193383-930791874");
	ck_assert_int_eq(secretsdb_sid_put(s, "respdc", &sid, NULL), 0);
	ck_assert_int_eq(secretsdb_sid_get(s, "accounts", &sid, NULL), 0);
	ck_assert_str_eq(sidstr(&sid), PYSID);
	ck_assert_int_eq(secretsdb_sid_get(s, "RESPDC", &sid, NULL), 0);
	ck_assert_str_eq(sidstr(&sid),
			 "S-1-5-21-2311427747-2644193383-930791874");
	ck_assert_int_eq(secretsdb_sid_get(s, "NONE", &sid, NULL),
			 ERR_NOTFOUND);
	memset(&x, 0, sizeof(x));
	ck_assert_int_eq(secretsdb_sid_list(s, collect_sid, &x, NULL), 0);
	ck_assert_str_eq(x.buf, "ACCOUNTS=" PYSID ";"
				"RESPDC=S-1-5-21-2311427747-2644193383-"
				"930791874;");
	/* a non-zero return stops the walk and is passed on */
	memset(&x, 0, sizeof(x));
	x.stop_at = 1;
	ck_assert_int_eq(secretsdb_sid_list(s, collect_sid, &x, NULL), 7);
	ck_assert_int_eq(x.n, 1);
	secretsdb_close(s);
	/* the bytes are what Samba wrote for RESPDC */
	raw = raw_get("SECRETS/SID/RESPDC", &m);
	ck_assert_ptr_nonnull(raw);
	{
		char file[512];
		uint8_t *want;
		size_t k;

		snprintf(file, sizeof(file),
			 "%s/secretsdb/samba-sid-respdc.bin", TEST_DATA_DIR);
		want = tu_read_file(file, &k);
		ck_assert_ptr_nonnull(want);
		ck_assert_uint_eq(m, k);
		ck_assert_mem_eq(raw, want, k);
		free(want);
	}
	free(raw);
	free(py);
}
END_TEST

/* Corrupt records in the file: one-line errors naming file, key, offset. */
START_TEST(test_file_errors)
{
	struct secretsdb *s = NULL;
	struct secretsdb_trust t;
	struct errinfo ei;
	struct names x;
	struct sid sid;
	uint8_t *p;
	size_t n;
	char want[600];

	p = unhex(report_hex, &n);
	p[68] = 0x0d; /* pass_len 13 */
	raw_put("SECRETS/$DOMTRUST.ACC/ACCOUNTS", p, n);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_get(s, "accounts", &t, &ei),
			 ERR_FORMAT);
	snprintf(want, sizeof(want),
		 "%s: key SECRETS/$DOMTRUST.ACC/ACCOUNTS: TRUSTED_DOM_PASS at "
		 "byte 72: pass is 14 bytes long but pass_len is 13",
		 path);
	ck_assert_str_eq(ei.msg, want);
	ck_assert_uint_eq(ei.offset, 72);
	ck_assert(all_zero(&t, sizeof(t)));
	memset(&x, 0, sizeof(x));
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_list(s, collect_trust, &x, &ei),
			 ERR_FORMAT);
	ck_assert_str_eq(ei.msg, want);
	ck_assert_int_eq(x.n, 0);
	secretsdb_close(s);

	/* a good record under another domain's key */
	p[68] = 0x0e;
	raw_put("SECRETS/$DOMTRUST.ACC/ACCOUNTS", p, n);
	raw_put("SECRETS/$DOMTRUST.ACC/OTHER", p, n);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_get(s, "other", &t, &ei), ERR_FORMAT);
	snprintf(want, sizeof(want),
		 "%s: key SECRETS/$DOMTRUST.ACC/OTHER: holds the record of "
		 "domain \"ACCOUNTS\"",
		 path);
	ck_assert_str_eq(ei.msg, want);
	memset(&x, 0, sizeof(x));
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_trust_list(s, collect_trust, &x, &ei),
			 ERR_FORMAT);
	ck_assert_int_eq(x.n, 1); /* ACCOUNTS came first */
	ck_assert_str_eq(ei.msg, want);
	secretsdb_close(s);
	free(p);

	/* SID records: size, padding, and keys Samba does not write */
	p = unhex(pysid_hex, &n);
	raw_put("SECRETS/SID/A", p, n - 1);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_get(s, "a", &sid, &ei), ERR_TRUNCATED);
	snprintf(want, sizeof(want),
		 "%s: key SECRETS/SID/A: struct dom_sid: 67 of 68 bytes", path);
	ck_assert_str_eq(ei.msg, want);
	secretsdb_close(s);
	p[40] = 1;
	raw_put("SECRETS/SID/A", p, n);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	memset(&x, 0, sizeof(x));
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_list(s, collect_sid, &x, &ei),
			 ERR_FORMAT);
	ck_assert_uint_eq(ei.offset, 40);
	ck_assert_ptr_nonnull(strstr(ei.msg, "key SECRETS/SID/A: "));
	ck_assert_ptr_nonnull(strstr(ei.msg, "sub_auths[8] is not zero"));
	secretsdb_close(s);
	p[40] = 0;
	raw_put("SECRETS/SID/A", p, n);
	raw_put("SECRETS/SID/lower", p, n);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	memset(&x, 0, sizeof(x));
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_list(s, collect_sid, &x, &ei),
			 ERR_FORMAT);
	ck_assert_int_eq(x.n, 1);
	ck_assert_ptr_nonnull(strstr(ei.msg, "key SECRETS/SID/lower: not a "
					     "name Samba writes"));
	secretsdb_close(s);
	raw_del("SECRETS/SID/lower");
	raw_put("SECRETS/SID/\x01\xff", p, n);
	ck_assert_int_eq(secretsdb_open(&s, path, 0, NULL), 0);
	memset(&x, 0, sizeof(x));
	err_clear(&ei);
	ck_assert_int_eq(secretsdb_sid_list(s, collect_sid, &x, &ei),
			 ERR_FORMAT);
	/* quoted: the hostile key cannot garble the line */
	ck_assert_msg(strstr(ei.msg, "key SECRETS/SID/\\x01\\xFF: ") != NULL,
		      "%s", ei.msg);
	secretsdb_close(s);
	free(p);
}
END_TEST

/* The password stored under ACCOUNTS, read through a fresh read-only open. */
static void
assert_stored(const char *pw)
{
	struct secretsdb *r = NULL;
	struct secretsdb_trust u;

	ck_assert_int_eq(secretsdb_open(&r, path, 0, NULL), 0);
	if (pw == NULL) {
		ck_assert_int_eq(secretsdb_trust_get(r, "ACCOUNTS", &u, NULL),
				 ERR_NOTFOUND);
	} else {
		ck_assert_int_eq(secretsdb_trust_get(r, "ACCOUNTS", &u, NULL),
				 0);
		ck_assert_str_eq(u.password, pw);
	}
	secretsdb_close(r);
	secretsdb_trust_wipe(&u);
}

/*
 * Transactions: every change is committed when the call returns (a fresh
 * open sees it), a refused change writes nothing, and no call leaves a
 * transaction open (the next change would fail with "nested transaction").
 * tdb allows one open of a file per process, hence the close/reopen.
 */
START_TEST(test_transactions)
{
	struct secretsdb *s = NULL;
	struct secretsdb_trust t;
	struct errinfo ei;

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	mk_trust(&t, "ACCOUNTS", "first", 1, REPORT_SID);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), 0);
	secretsdb_close(s);
	assert_stored("first");

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	/* refused before any write: the old record stays */
	mk_trust(&t, "ACCOUNTS", "second", 2, REPORT_SID);
	t.pass_len = 3;
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), ERR_INVALID);
	ck_assert_int_eq(secretsdb_trust_delete(s, "NOPE", NULL), ERR_NOTFOUND);
	t.pass_len = 6;
	err_clear(&ei);
	ck_assert_msg(secretsdb_trust_put(s, &t, &ei) == 0, "%s", ei.msg);
	secretsdb_close(s);
	assert_stored("second");

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_delete(s, "ACCOUNTS", NULL), 0);
	ck_assert_int_eq(secretsdb_trust_delete(s, "ACCOUNTS", NULL),
			 ERR_NOTFOUND);
	secretsdb_close(s);
	assert_stored(NULL);

	ck_assert_int_eq(secretsdb_open(&s, path, 1, NULL), 0);
	ck_assert_int_eq(secretsdb_trust_put(s, &t, NULL), 0);
	secretsdb_close(s);
	assert_stored("second");
	secretsdb_trust_wipe(&t);
}
END_TEST

/* Fail every allocation in turn: a clean ERR_NOMEM, never a leak. */
START_TEST(test_failed_allocations)
{
	struct secretsdb *s = NULL;
	struct secretsdb_trust t, u;
	struct names x;
	struct sid sid;
	uint8_t *p;
	size_t n;
	long k;
	int r;

	p = unhex(report_hex, &n);
	for (k = 0; k < 64; k++) {
		mem_fail_after(k);
		r = secretsdb_trust_decode(&t, p, n, NULL);
		mem_fail_after(-1);
		ck_assert(r == 0 || r == ERR_NOMEM);
		if (r == 0)
			break;
	}
	ck_assert_int_eq(r, 0);
	free(p);
	for (k = 0; k < 64; k++) {
		mem_fail_after(k);
		r = secretsdb_open(&s, path, 1, NULL);
		if (r == 0) {
			mk_trust(&t, "ACCOUNTS", "pw", 1, REPORT_SID);
			set_sid(&sid, REPORT_SID);
			memset(&x, 0, sizeof(x));
			if ((r = secretsdb_trust_put(s, &t, NULL)) == 0 &&
			    (r = secretsdb_sid_put(s, "ACCOUNTS", &sid,
						   NULL)) == 0 &&
			    (r = secretsdb_trust_get(s, "accounts", &u,
						     NULL)) == 0 &&
			    (r = secretsdb_sid_get(s, "ACCOUNTS", &sid,
						   NULL)) == 0 &&
			    (r = secretsdb_trust_list(s, collect_trust, &x,
						      NULL)) == 0)
				r = secretsdb_sid_list(s, collect_sid, &x,
						       NULL);
		}
		mem_fail_after(-1);
		secretsdb_close(s);
		s = NULL;
		ck_assert_msg(r == 0 || r == ERR_NOMEM || r == ERR_IO,
			      "k %ld: %d", k, r);
		if (r == 0)
			break;
	}
	ck_assert_int_eq(r, 0);
	secretsdb_trust_wipe(&t);
	secretsdb_trust_wipe(&u);
}
END_TEST

Suite *
secretsdb_suite(void)
{
	Suite *s = suite_create("secretsdb");
	TCase *tc = tcase_create("records");
	TCase *tf = tcase_create("file");

	tcase_add_test(tc, test_report_record);
	tcase_add_test(tc, test_report_encode);
	tcase_add_loop_test(tc, test_samba_records, 0,
			    sizeof(samba_records) / sizeof(samba_records[0]));
	tcase_add_test(tc, test_sid_records);
	tcase_add_loop_test(tc, test_sid_strict, 0,
			    sizeof(sid_bad) / sizeof(sid_bad[0]));
	tcase_add_test(tc, test_truncation_loop);
	tcase_add_loop_test(tc, test_bitflip_loop, 0, 2);
	tcase_add_loop_test(tc, test_trust_strict, 0,
			    sizeof(trust_bad) / sizeof(trust_bad[0]));
	tcase_add_test(tc, test_trust_trailing);
	tcase_add_test(tc, test_trust_limits);
	tcase_add_test(tc, test_trust_encode_refuses);
	tcase_add_test(tc, test_sid_encode_refuses);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(tf, setup, teardown);
	tcase_add_test(tf, test_open);
	tcase_add_test(tf, test_trust_put_get_delete_list);
	tcase_add_test(tf, test_bad_names);
	tcase_add_test(tf, test_sid_put_get_list);
	tcase_add_test(tf, test_file_errors);
	tcase_add_test(tf, test_transactions);
	tcase_add_test(tf, test_failed_allocations);
	suite_add_tcase(s, tf);
	return s;
}
