/*
 * tests/check_parse_oom.c - every parser under allocation failure, over
 * its fuzz corpus (issue 6: "fail the Nth allocation in every parser; no
 * crash, no leak, a clean error"; STYLE.md sections C, E and I).
 *
 * For every parser with a libFuzzer target in tests/fuzz/fuzz_*.c, each
 * file of its checked-in corpus tests/fuzz/corpus/fuzz_<name>/ is fed to
 * the parser the way the fuzz target feeds it (the same split of the
 * bytes, the same NUL-terminated copy), first with the hook off (result
 * r0, output o0), then with mem_fail_after(n) for n = 0, 1, 2, ... until
 * a run in which no allocation was made to fail (common/mem.h): that run
 * must give r0 and o0 again, and each run before it either r0 and o0
 * (the failed allocation was a best-effort one) or ERR_NOMEM with
 * ei.code set and a message.  The output of a success is compared as
 * bytes: the text form, the decoded bytes or the record encoded again
 * (encoding runs with the hook off).  Whatever a parse returned is freed
 * or wiped with the parser's own function, so ASan/LSan and valgrind see
 * any leak on an error path.  Parsers without an errinfo (ntstatus_parse,
 * live_status_scan) are given a result code here: 0 found, ERR_NOTFOUND.
 *
 * Per the corpus run, these parsers allocate (each allocation is failed
 * in turn; the test asserts that at least one input allocates; the most
 * allocations one input of the committed corpus made, in brackets):
 *   hex_decode_alloc (1), utf8_to_utf16 (1), utf16_to_utf8 (1),
 *   utf8_upper (1), ntlm_check_password (6), scenario_parse (1416),
 *   secretsdb_trust_decode (1), trustauth_lsa_open (1);
 * and these never allocate on any corpus input (the loop is a single run
 * with nothing fired, which is the proof; the test asserts it stays so):
 *   names_domain_check, names_computer_check, names_account_check,
 *   names_trust_account, duration_parse, sid_parse, sid_read, hex_decode,
 *   utf8_check, ntstatus_parse, nlcrypto_pwset2_open, every rec_*_decode,
 *   secretsdb_sid_decode, tdbsam_user_decode, trustauth_decode,
 *   adtopo_dns_map, live_server_parse, live_account_parse,
 *   live_status_scan, handoff_parse (jansson keeps its own allocator: it
 *   asserts when its lexer's allocation fails, see migrate/handoff.c).
 * Every corpus file is used (no sampling); a missing or empty corpus
 * directory fails the test.  Prints nothing on success.
 */
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/duration.h"
#include "common/err.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/nlcrypto.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"
#include "common/sid.h"
#include "common/utf16.h"
#include "common/wbuf.h"
#include "migrate/adtopo.h"
#include "migrate/adtrust.h"
#include "migrate/handoff.h"
#include "migrate/live.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "migrate/trustauth.h"
#include "nt4/records.h"
#include "nt4/scenario.h"
#include "rec_any.h"
#include "testutil.h"

Suite *parse_oom_suite(void);

/* the suites run from the repository root, as TEST_DATA_DIR assumes */
#define CORPUS TEST_DATA_DIR "/../fuzz/corpus/"
/* more allocations than any parse of the corpus makes */
#define OOM_BOUND 100000

/* One corpus input: its bytes (exact size) and a NUL-terminated copy. */
struct oom_in {
	const uint8_t *p;
	size_t n;
	const char *s;
};

/* The output of a parse as bytes to compare (test memory, no hook). */
struct oom_out {
	uint8_t *p;
	size_t len, cap;
};

static void
oom_put(struct oom_out *o, const void *p, size_t n)
{
	if (o->len + n > o->cap) {
		size_t cap = 2 * (o->len + n) + 64;
		uint8_t *q = realloc(o->p, cap);

		ck_assert_ptr_nonnull(q);
		o->p = q;
		o->cap = cap;
	}
	if (n > 0)
		memcpy(o->p + o->len, p, n);
	o->len += n;
}

static void
oom_str(struct oom_out *o, const char *s)
{
	oom_put(o, s != NULL ? s : "(null)",
		strlen(s != NULL ? s : "(null)") + 1);
}

static void
oom_u64(struct oom_out *o, uint64_t v)
{
	oom_put(o, &v, sizeof(v));
}

/* An encoder's result and bytes; frees w. */
static void
oom_wbuf(struct oom_out *o, struct wbuf *w, int r)
{
	oom_u64(o, (uint64_t)(int64_t)r);
	if (r == 0)
		oom_put(o, w->p, w->len);
	wbuf_free(w);
}

/*
 * The hook: each adapter calls oom_start() just before the parser and
 * oom_stop() just after it, so that set-up (a topology, a copy) and the
 * output's encoding run with the hook off.  oom_k < 0: hook off.
 */
static long oom_k = -1;
static int oom_state; /* 0 idle, 1 armed, 2 stopped */
static int oom_fired;

static void
oom_start(void)
{
	ck_assert_int_eq(oom_state, 0);
	oom_state = 1;
	mem_fail_after(oom_k);
}

static void
oom_stop(void)
{
	ck_assert_int_eq(oom_state, 1);
	oom_fired = mem_fail_fired();
	mem_fail_after(-1);
	oom_state = 2;
}

typedef int (*oom_fn)(const struct oom_in *in, struct errinfo *ei,
		      struct oom_out *o);

struct oom_case {
	const char *name;
	oom_fn fn;
	int allocates; /* 1: some corpus input allocates; 0: none does */
	long maxk;     /* most allocations one parse made */
};

/*
 * One parser on one input: r0/o0 with the hook off, then the Nth
 * allocation failed for every N.  Returns how many allocations the parse
 * makes.
 */
static long
oom_one(const struct oom_case *c, const char *file, const struct oom_in *in)
{
	struct oom_out o0 = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	struct errinfo e0, ei;
	long k;
	int r0, r;

	err_clear(&e0);
	oom_k = -1;
	oom_state = 0;
	r0 = c->fn(in, &e0, &o0);
	ck_assert_msg(oom_state == 2 && !oom_fired, "%s %s: hook misused",
		      c->name, file);
	ck_assert_msg(r0 != ERR_NOMEM, "%s %s: ERR_NOMEM with the hook off",
		      c->name, file);
	for (k = 0;; k++) {
		ck_assert_msg(k < OOM_BOUND, "%s %s: over %d allocations",
			      c->name, file, OOM_BOUND);
		err_clear(&ei);
		o.len = 0;
		oom_k = k;
		oom_state = 0;
		r = c->fn(in, &ei, &o);
		ck_assert_msg(oom_state == 2, "%s %s: hook misused", c->name,
			      file);
		if (oom_fired && r == ERR_NOMEM) {
			ck_assert_msg(ei.code == ERR_NOMEM && ei.msg[0] != '\0',
				      "%s %s: allocation %ld failed: "
				      "ERR_NOMEM without its message",
				      c->name, file, k);
			continue;
		}
		ck_assert_msg(r == r0,
			      "%s %s: allocation %ld failed (fired %d): "
			      "%d '%s', not %d '%s'",
			      c->name, file, k, oom_fired, r, ei.msg, r0,
			      e0.msg);
		ck_assert_msg(strcmp(ei.msg, e0.msg) == 0,
			      "%s %s: allocation %ld failed: '%s', not '%s'",
			      c->name, file, k, ei.msg, e0.msg);
		ck_assert_msg(
			o.len == o0.len &&
				(o.len == 0 || memcmp(o.p, o0.p, o.len) == 0),
			"%s %s: allocation %ld failed: another output", c->name,
			file, k);
		if (!oom_fired)
			break;
	}
	free(o.p);
	free(o0.p);
	return k;
}

/* Every file of tests/fuzz/corpus/<target>/ through every case. */
static void
oom_corpus(const char *target, struct oom_case *cases, size_t ncases)
{
	char dir[256], path[768];
	struct dirent *de;
	struct oom_in in;
	size_t files = 0, n, i;
	uint8_t *buf, *p;
	char *s;
	long k;
	DIR *d;

	snprintf(dir, sizeof(dir), CORPUS "%s", target);
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	for (i = 0; i < ncases; i++)
		cases[i].maxk = 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		buf = tu_read_file(path, &n);
		/* a running fuzz campaign replaces inputs with smaller ones */
		if (buf == NULL && access(path, F_OK) != 0 && errno == ENOENT)
			continue;
		ck_assert_msg(buf != NULL, "cannot read %s", path);
		/* copies of the exact size, so ASan sees any over-read */
		p = malloc(n > 0 ? n : 1);
		s = malloc(n + 1);
		ck_assert(p != NULL && s != NULL);
		if (n > 0) {
			memcpy(p, buf, n);
			memcpy(s, buf, n);
		}
		s[n] = '\0';
		in.p = p;
		in.n = n;
		in.s = s;
		for (i = 0; i < ncases; i++) {
			k = oom_one(&cases[i], de->d_name, &in);
			if (k > cases[i].maxk)
				cases[i].maxk = k;
		}
		free(s);
		free(p);
		free(buf);
		files++;
	}
	closedir(d);
	ck_assert_msg(files > 0, "%s: no corpus file", dir);
	for (i = 0; i < ncases; i++)
		ck_assert_msg(cases[i].allocates ? cases[i].maxk > 0 :
						   cases[i].maxk == 0,
			      "%s: %ld allocations at most, expected %s",
			      cases[i].name, cases[i].maxk,
			      cases[i].allocates ? "some" : "none");
}

#define OOM_RUN(target, cases) \
	oom_corpus(target, cases, sizeof(cases) / sizeof((cases)[0]))

/* fuzz_names: the NUL-terminated copy through the four checks */

/* an adapter for a checker of NUL-terminated text: fn(text, ei) */
#define OOM_TEXT_CHECK(name, fn)                                     \
	static int name(const struct oom_in *in, struct errinfo *ei, \
			struct oom_out *o)                           \
	{                                                            \
		int r;                                               \
                                                                     \
		(void)o;                                             \
		oom_start();                                         \
		r = fn(in->s, ei);                                   \
		oom_stop();                                          \
		return r;                                            \
	}

OOM_TEXT_CHECK(oom_names_domain, names_domain_check)

OOM_TEXT_CHECK(oom_names_computer, names_computer_check)

OOM_TEXT_CHECK(oom_names_account, names_account_check)

static int
oom_names_trust(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char trust[NAMES_NETBIOS_MAX + 2];
	int r;

	oom_start();
	r = names_trust_account(trust, sizeof(trust), in->s, ei);
	oom_stop();
	if (r == 0)
		oom_str(o, trust);
	return r;
}

START_TEST(test_names)
{
	struct oom_case c[] = {
		{ "names_domain_check", oom_names_domain, 0, 0 },
		{ "names_computer_check", oom_names_computer, 0, 0 },
		{ "names_account_check", oom_names_account, 0, 0 },
		{ "names_trust_account", oom_names_trust, 0, 0 },
	};

	OOM_RUN("fuzz_names", c);
}
END_TEST

/* fuzz_duration: the copy up to its first NUL */

static int
oom_duration(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	uint64_t secs = 1;
	int r;

	oom_start();
	r = duration_parse(in->s, &secs, ei);
	oom_stop();
	oom_u64(o, secs);
	return r;
}

START_TEST(test_duration)
{
	struct oom_case c[] = {
		{ "duration_parse", oom_duration, 0, 0 },
	};

	OOM_RUN("fuzz_duration", c);
}
END_TEST

/* fuzz_sid_parse (the text copy) and fuzz_sid_read (SIDs in a row) */

static int
oom_sid_parse(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char text[SID_STR_MAX];
	struct sid sid;
	int r;

	oom_start();
	r = sid_parse(&sid, in->s, ei);
	oom_stop();
	if (r == 0) {
		ck_assert_int_eq(sid_format(&sid, text, sizeof(text)), 0);
		oom_str(o, text);
	}
	return r;
}

static int
oom_sid_read(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	/* every SID takes 8 bytes or more */
	struct sid *all = malloc((in->n / 8 + 1) * sizeof(*all));
	char text[SID_STR_MAX];
	struct sbuf b;
	size_t n = 0, i;
	int r;

	ck_assert_ptr_nonnull(all);
	sbuf_init(&b, in->p, in->n);
	oom_start();
	while ((r = sid_read(&all[n], &b, ei)) == 0)
		n++;
	oom_stop();
	oom_u64(o, b.off);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sid_format(&all[i], text, sizeof(text)), 0);
		oom_str(o, text);
	}
	free(all);
	return r;
}

START_TEST(test_sid)
{
	struct oom_case cp[] = {
		{ "sid_parse", oom_sid_parse, 0, 0 },
	};
	struct oom_case cr[] = {
		{ "sid_read", oom_sid_read, 0, 0 },
	};

	OOM_RUN("fuzz_sid_parse", cp);
	OOM_RUN("fuzz_sid_read", cr);
}
END_TEST

/* fuzz_hex: hex_decode_alloc, then hex_decode of strlen/2 bytes */

static int
oom_hex_alloc(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	uint8_t *out = NULL;
	size_t n = 0;
	int r;

	oom_start();
	r = hex_decode_alloc(in->s, &out, &n, ei);
	oom_stop();
	if (r == 0)
		oom_put(o, out, n);
	else
		ck_assert(out == NULL && n == 0);
	free(out);
	return r;
}

static int
oom_hex_fixed(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	size_t len = strlen(in->s);
	uint8_t *fixed = malloc(len / 2 + 1);
	int r;

	ck_assert_ptr_nonnull(fixed);
	oom_start();
	r = hex_decode(in->s, fixed, len / 2, ei);
	oom_stop();
	if (r == 0)
		oom_put(o, fixed, len / 2);
	free(fixed);
	return r;
}

START_TEST(test_hex)
{
	struct oom_case c[] = {
		{ "hex_decode_alloc", oom_hex_alloc, 1, 0 },
		{ "hex_decode", oom_hex_fixed, 0, 0 },
	};

	OOM_RUN("fuzz_hex", c);
}
END_TEST

/* fuzz_utf16: the input as UTF-8 (with its NULs) and as UTF-16LE */

static int
oom_utf8_to_utf16(const struct oom_in *in, struct errinfo *ei,
		  struct oom_out *o)
{
	uint8_t *u16 = NULL;
	size_t n = 0;
	int r;

	oom_start();
	r = utf8_to_utf16(&u16, &n, in->s, in->n, ei);
	oom_stop();
	if (r == 0)
		oom_put(o, u16, n);
	else
		ck_assert(u16 == NULL && n == 0);
	free(u16);
	return r;
}

static int
oom_utf16_to_utf8(const struct oom_in *in, struct errinfo *ei,
		  struct oom_out *o)
{
	char *s = NULL;
	int r;

	oom_start();
	r = utf16_to_utf8(&s, in->p, in->n, ei);
	oom_stop();
	if (r == 0)
		oom_str(o, s);
	else
		ck_assert_ptr_null(s);
	free(s);
	return r;
}

OOM_TEXT_CHECK(oom_utf8_check, utf8_check)

static int
oom_utf8_upper(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char *up = NULL;
	int r;

	oom_start();
	r = utf8_upper(&up, in->s, ei);
	oom_stop();
	if (r == 0)
		oom_str(o, up);
	else
		ck_assert_ptr_null(up);
	free(up);
	return r;
}

START_TEST(test_utf16)
{
	struct oom_case c[] = {
		{ "utf8_to_utf16", oom_utf8_to_utf16, 1, 0 },
		{ "utf16_to_utf8", oom_utf16_to_utf8, 1, 0 },
		{ "utf8_check", oom_utf8_check, 0, 0 },
		{ "utf8_upper", oom_utf8_upper, 1, 0 },
	};

	OOM_RUN("fuzz_utf16", c);
}
END_TEST

/* fuzz_ntstatus_parse: the copy up to its first NUL */

static int
oom_ntstatus(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	const struct ntstatus_info *e;

	(void)ei;
	oom_start();
	e = ntstatus_parse(in->s);
	oom_stop();
	if (e == NULL)
		return ERR_NOTFOUND;
	oom_u64(o, e->code);
	oom_str(o, e->name);
	return 0;
}

START_TEST(test_ntstatus)
{
	struct oom_case c[] = {
		{ "ntstatus_parse", oom_ntstatus, 0, 0 },
	};

	OOM_RUN("fuzz_ntstatus_parse", c);
}
END_TEST

/* fuzz_nlcrypto_pwset2: key (16) || flags (LE32) || cipher, zero padded */

static int
oom_pwset2(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	struct nlcrypto_creds c;
	struct sbuf b;
	uint8_t cipher[516], pw[512];
	size_t len = 0, n;
	uint32_t flags = 0, version = 0, status = 0;
	int r;

	memset(&c, 0, sizeof(c));
	memset(cipher, 0, sizeof(cipher));
	sbuf_init(&b, in->p, in->n);
	n = sbuf_left(&b) < 16 ? sbuf_left(&b) : 16;
	ck_assert_int_eq(sbuf_get_bytes(&b, c.sk, n), 0);
	if (sbuf_get_u32le(&b, &flags) != 0)
		flags = 0;
	c.flags = flags;
	n = sbuf_left(&b) < sizeof(cipher) ? sbuf_left(&b) : sizeof(cipher);
	ck_assert_int_eq(sbuf_get_bytes(&b, cipher, n), 0);
	oom_start();
	r = nlcrypto_pwset2_open(&c, cipher, pw, &len, &version, &status, ei);
	oom_stop();
	if (r == 0) {
		ck_assert_uint_le(len, sizeof(pw));
		oom_u64(o, status);
		oom_u64(o, version);
		oom_u64(o, len);
		oom_put(o, pw, len);
	}
	nlcrypto_creds_wipe(&c);
	return r;
}

START_TEST(test_nlcrypto)
{
	struct oom_case c[] = {
		{ "nlcrypto_pwset2_open", oom_pwset2, 0, 0 },
	};

	OOM_RUN("fuzz_nlcrypto_pwset2", c);
}
END_TEST

/*
 * fuzz_ntlm_check: control byte || challenge (8) || NT length (LE16) ||
 * NT response || LM response; the account alice / Secret#1.
 */

static uint8_t oom_nt[16], oom_lm[16];

static int
oom_ntlm(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct sbuf b;
	const uint8_t *ntv = NULL, *lmv = NULL;
	uint8_t *nt, *lm, ctl = 0;
	uint16_t ntlen = 0;
	uint32_t status = 0;
	size_t lmlen;
	int r;

	memset(&req, 0, sizeof(req));
	memset(&keys, 0, sizeof(keys));
	sbuf_init(&b, in->p, in->n);
	if (sbuf_get_u8(&b, &ctl) != 0 ||
	    sbuf_get_bytes(&b, req.challenge, 8) != 0 ||
	    sbuf_get_u16le(&b, &ntlen) != 0) {
		/* the fuzz target skips such inputs: no call */
		oom_start();
		oom_stop();
		return 0;
	}
	if (ntlen > sbuf_left(&b))
		ntlen = (uint16_t)sbuf_left(&b);
	ck_assert_int_eq(sbuf_get_view(&b, ntlen, &ntv), 0);
	lmlen = sbuf_left(&b);
	ck_assert_int_eq(sbuf_get_view(&b, lmlen, &lmv), 0);
	nt = malloc(ntlen > 0 ? ntlen : 1);
	lm = malloc(lmlen > 0 ? lmlen : 1);
	ck_assert(nt != NULL && lm != NULL);
	if (ntlen > 0)
		memcpy(nt, ntv, ntlen);
	if (lmlen > 0)
		memcpy(lm, lmv, lmlen);
	req.user = "alice";
	req.domain = (ctl & 0x10) ? "" : (ctl & 0x08) ? "accounts" : "ACCOUNTS";
	req.nt_resp = nt;
	req.nt_len = ntlen;
	req.lm_resp = lm;
	req.lm_len = lmlen;
	req.allow_ntlmv1 = (ctl & 0x01) != 0;
	req.allow_lm = (ctl & 0x02) != 0;
	oom_start();
	r = ntlm_check_password(&req, oom_nt, (ctl & 0x04) ? oom_lm : NULL,
				&status, &keys, ei);
	oom_stop();
	if (r == 0) {
		oom_u64(o, status);
		if (status == NTSTATUS_OK)
			oom_put(o, &keys, sizeof(keys));
	}
	free(nt);
	free(lm);
	return r;
}

START_TEST(test_ntlm)
{
	struct oom_case c[] = {
		{ "ntlm_check_password", oom_ntlm, 1, 0 },
	};
	int present = 0;

	ck_assert_int_eq(ntlm_nt_hash("Secret#1", oom_nt, NULL), 0);
	ck_assert_int_eq(ntlm_lm_hash("Secret#1", oom_lm, &present), 0);
	ck_assert(present);
	OOM_RUN("fuzz_ntlm_check", c);
}
END_TEST

/* fuzz_records_decode: 1 + byte % 11 picks the type, the rest is it */

static int
oom_records(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	union rec_any u;
	struct wbuf w;
	int type, r, e;

	if (in->n < 1) {
		/* the fuzz target skips the empty input: no call */
		oom_start();
		oom_stop();
		return 0;
	}
	type = 1 + in->p[0] % 11;
	oom_start();
	r = rec_any_decode(type, &u, in->p + 1, in->n - 1, ei);
	oom_stop();
	oom_u64(o, (uint64_t)type);
	if (r != 0)
		return r;
	/* the output: the record encoded again (hook off) */
	wbuf_init(&w, 8192);
	e = rec_any_encode(type, &u, &w);
	rec_any_wipe(type, &u);
	oom_wbuf(o, &w, e);
	return r;
}

START_TEST(test_records)
{
	struct oom_case c[] = {
		{ "rec_*_decode", oom_records, 0, 0 },
	};

	OOM_RUN("fuzz_records_decode", c);
}
END_TEST

/* fuzz_scenario_parse: the bytes as they are */

static int
oom_scenario(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	struct scenario *s = NULL;
	size_t i, j;
	int r, k;

	oom_start();
	r = scenario_parse(&s, (const char *)in->p, in->n, ei);
	oom_stop();
	if (r != 0) {
		ck_assert_ptr_null(s);
		return r;
	}
	oom_u64(o, s->n);
	for (i = 0; i < s->n; i++) {
		const struct scenario_item *it = &s->items[i];

		oom_u64(o, (uint64_t)it->kind);
		oom_u64(o, it->line);
		oom_str(o, it->text);
		oom_u64(o, (uint64_t)it->argc);
		for (k = 0; k < it->argc; k++)
			oom_str(o, it->argv[k]);
		oom_u64(o, it->nexpects);
		for (j = 0; j < it->nexpects; j++) {
			const struct scenario_expect *e = &it->expects[j];

			oom_u64(o, (uint64_t)e->kind);
			oom_u64(o, e->line);
			oom_u64(o, (uint64_t)e->implicit);
			oom_u64(o, (uint64_t)e->exit);
			oom_u64(o, e->status);
			oom_str(o, e->text);
		}
	}
	scenario_free(s);
	return r;
}

START_TEST(test_scenario)
{
	struct oom_case c[] = {
		{ "scenario_parse", oom_scenario, 1, 0 },
	};

	OOM_RUN("fuzz_scenario_parse", c);
}
END_TEST

/* fuzz_secretsdb_sid and fuzz_secretsdb_trust: the bytes as they are */

static int
oom_secretsdb_sid(const struct oom_in *in, struct errinfo *ei,
		  struct oom_out *o)
{
	char text[SID_STR_MAX];
	struct sid sid;
	int r;

	oom_start();
	r = secretsdb_sid_decode(&sid, in->p, in->n, ei);
	oom_stop();
	if (r == 0) {
		ck_assert_int_eq(sid_format(&sid, text, sizeof(text)), 0);
		oom_str(o, text);
	}
	return r;
}

static int
oom_secretsdb_trust(const struct oom_in *in, struct errinfo *ei,
		    struct oom_out *o)
{
	static struct secretsdb_trust t;
	struct wbuf w;
	int r;

	oom_start();
	r = secretsdb_trust_decode(&t, in->p, in->n, ei);
	oom_stop();
	if (r == 0) {
		wbuf_init(&w, 65536);
		oom_wbuf(o, &w, secretsdb_trust_encode(&t, &w));
	}
	secretsdb_trust_wipe(&t);
	return r;
}

START_TEST(test_secretsdb)
{
	struct oom_case cs[] = {
		{ "secretsdb_sid_decode", oom_secretsdb_sid, 0, 0 },
	};
	struct oom_case ct[] = {
		{ "secretsdb_trust_decode", oom_secretsdb_trust, 1, 0 },
	};

	OOM_RUN("fuzz_secretsdb_sid", cs);
	OOM_RUN("fuzz_secretsdb_trust", ct);
}
END_TEST

/* fuzz_tdbsam_user: the bytes as they are */

static int
oom_tdbsam(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	static struct tdbsam_user u;
	struct wbuf w;
	int r;

	oom_start();
	r = tdbsam_user_decode(&u, in->p, in->n, ei);
	oom_stop();
	if (r == 0) {
		wbuf_init(&w, TDBSAM_RECORD_MAX);
		oom_wbuf(o, &w, tdbsam_user_encode(&u, &w));
	}
	tdbsam_user_wipe(&u);
	return r;
}

START_TEST(test_tdbsam)
{
	struct oom_case c[] = {
		{ "tdbsam_user_decode", oom_tdbsam, 0, 0 },
	};

	OOM_RUN("fuzz_tdbsam_user", c);
}
END_TEST

/* fuzz_trustauth: the blob, then the sealed LSA form (fixed key) */

static const uint8_t oom_sk[16] = { 0, 1, 2,  3,  4,  5,  6,  7,
				    8, 9, 10, 11, 12, 13, 14, 15 };

static int
oom_trustauth(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	static struct trustauth_blob t;
	struct wbuf w;
	int r;

	oom_start();
	r = trustauth_decode(&t, in->p, in->n, ei);
	oom_stop();
	if (r == 0) {
		wbuf_init(&w, TRUSTAUTH_BLOB_MAX);
		oom_wbuf(o, &w, trustauth_encode(&t, &w));
	}
	trustauth_wipe(&t);
	return r;
}

static int
oom_trustauth_lsa(const struct oom_in *in, struct errinfo *ei,
		  struct oom_out *o)
{
	static struct trustauth_blob out, inc;
	struct wbuf w;
	int r;

	oom_start();
	r = trustauth_lsa_open(in->p, in->n, oom_sk, sizeof(oom_sk), &out, &inc,
			       ei);
	oom_stop();
	if (r == 0) {
		wbuf_init(&w, TRUSTAUTH_BLOB_MAX);
		oom_wbuf(o, &w, trustauth_encode(&out, &w));
		wbuf_init(&w, TRUSTAUTH_BLOB_MAX);
		oom_wbuf(o, &w, trustauth_encode(&inc, &w));
	}
	trustauth_wipe(&out);
	trustauth_wipe(&inc);
	return r;
}

START_TEST(test_trustauth)
{
	struct oom_case c[] = {
		{ "trustauth_decode", oom_trustauth, 0, 0 },
		{ "trustauth_lsa_open", oom_trustauth_lsa, 1, 0 },
	};

	OOM_RUN("fuzz_trustauth", c);
}
END_TEST

/* fuzz_adtopo_dnsmap: the map over four domains (built with the hook off) */

static int
oom_dnsmap(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	static const char *names[] = { "ACCOUNTS", "RES1", "RES2", "LEGACY" };
	struct adtopo *t = NULL;
	size_t i;
	int r;

	ck_assert_int_eq(adtopo_new(&t, NULL), 0);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(
			adtopo_domain_add(t, names[i], NULL, NULL, NULL), 0);
	oom_start();
	r = adtopo_dns_map(t, in->p, in->n, ei);
	oom_stop();
	if (r == 0)
		for (i = 0; i < 4; i++)
			oom_str(o, adtopo_domain(t, i)->dns);
	adtopo_free(t);
	return r;
}

START_TEST(test_adtopo)
{
	struct oom_case c[] = {
		{ "adtopo_dns_map", oom_dnsmap, 0, 0 },
	};

	OOM_RUN("fuzz_adtopo_dnsmap", c);
}
END_TEST

/*
 * fuzz_live_status_scan: the scan over the bytes; the //SERVER and
 * DOMAIN\user parsers over the copy when the input is 4096 bytes or less
 */

static int
oom_live_scan(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char name[LIVE_STATUS_NAME];
	uint32_t code = 1;
	int f;

	(void)ei;
	oom_start();
	f = live_status_scan(in->p, in->n, name, sizeof(name), &code);
	oom_stop();
	oom_u64(o, code);
	oom_str(o, name);
	return f ? 0 : ERR_NOTFOUND;
}

static int
oom_live_server(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char srv[LIVE_SERVER_MAX + 1];
	int r = 0;

	oom_start();
	if (in->n <= 4096)
		r = live_server_parse(in->s, srv, sizeof(srv), ei);
	oom_stop();
	if (in->n <= 4096 && r == 0)
		oom_str(o, srv);
	return r;
}

static int
oom_live_account(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	char dom[16], user[LIVE_USER_MAX + 1];
	int r = 0;

	oom_start();
	if (in->n <= 4096)
		r = live_account_parse(in->s, dom, sizeof(dom), user,
				       sizeof(user), ei);
	oom_stop();
	if (in->n <= 4096 && r == 0) {
		oom_str(o, dom);
		oom_str(o, user);
	}
	return r;
}

START_TEST(test_live)
{
	struct oom_case c[] = {
		{ "live_status_scan", oom_live_scan, 0, 0 },
		{ "live_server_parse", oom_live_server, 0, 0 },
		{ "live_account_parse", oom_live_account, 0, 0 },
	};

	OOM_RUN("fuzz_live_status_scan", c);
}
END_TEST

/* fuzz_handoff: the bytes as they are */

static int
oom_handoff(const struct oom_in *in, struct errinfo *ei, struct oom_out *o)
{
	struct handoff h;
	int r;

	oom_start();
	r = handoff_parse(&h, in->p, in->n, ei);
	oom_stop();
	if (r == 0)
		oom_put(o, &h, sizeof(h));
	return r;
}

START_TEST(test_handoff)
{
	struct oom_case c[] = {
		{ "handoff_parse", oom_handoff, 0, 0 },
	};

	OOM_RUN("fuzz_handoff", c);
}
END_TEST

Suite *
parse_oom_suite(void)
{
	Suite *s = suite_create("parse_oom");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_sid);
	tcase_add_test(tc, test_hex);
	tcase_add_test(tc, test_utf16);
	tcase_add_test(tc, test_ntstatus);
	tcase_add_test(tc, test_nlcrypto);
	tcase_add_test(tc, test_ntlm);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_scenario);
	tcase_add_test(tc, test_secretsdb);
	tcase_add_test(tc, test_tdbsam);
	tcase_add_test(tc, test_trustauth);
	tcase_add_test(tc, test_adtopo);
	tcase_add_test(tc, test_live);
	tcase_add_test(tc, test_handoff);
	suite_add_tcase(s, tc);
	return s;
}
