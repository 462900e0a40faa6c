/*
 * tests/check_adtopo.c - the topology migration (migrate/adtopo.c): one-way
 * trusts grouped into pairs, the plan order, broken pairs refused or
 * included with one generated password each, DNS names (suffix, map,
 * overrides, every error naming the domain or line), the per-domain LDIF
 * holding all of its objects and nothing else, and output that stays
 * bounded (flushed in chunks) however many pairs a domain has.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/ntlm.h"
#include "common/rng.h"
#include "common/wbuf.h"
#include "migrate/adtopo.h"
#include "migrate/adtrust_out.h"
#include "migrate/trustauth.h"
#include "testutil.h"

Suite *adtopo_suite(void);

/* A trust password as the NT4 halves hold it. */
static void
nt4_make(struct adtrust_nt4 *n, const char *pw, int healthy)
{
	size_t i, len = strlen(pw);

	memset(n, 0, sizeof(*n));
	n->present = 1;
	n->healthy = healthy;
	snprintf(n->verdict, sizeof(n->verdict), "%s",
		 healthy ? "healthy" : "trusted-side-missing");
	for (i = 0; i < len; i++) {
		n->cur[2 * i] = (uint8_t)pw[i];
		n->cur[2 * i + 1] = 0;
	}
	n->has_cur = 1;
	n->cur_len = 2 * len;
	n->cur_time = 130000000000000000ULL;
	if (healthy) {
		n->has_hash = 1;
		ck_assert_int_eq(ntlm_nt_hash_raw(n->cur, n->cur_len, n->hash),
				 0);
		n->hash_time = n->cur_time;
	}
}

static size_t
dom(struct adtopo *t, const char *name)
{
	size_t i;

	ck_assert_int_eq(adtopo_domain_find(t, name, &i), 0);
	return i;
}

static void
trust(struct adtopo *t, const char *a, const char *b, const char *pw,
      int healthy)
{
	struct adtrust_nt4 n;
	struct errinfo ei;

	err_clear(&ei);
	nt4_make(&n, pw, healthy);
	ck_assert_msg(adtopo_trust_add(t, dom(t, a), dom(t, b), &n, &ei) == 0,
		      "%s", ei.msg);
}

/* A, B, C, D, E; A <-> B two-way, C -> A, D -> A one-way, E -> B broken */
static struct adtopo *
lab5(int suffix)
{
	static const char *names[] = { "ACCT", "BRES", "CRES", "DRES", "ERES" };
	struct adtopo *t;
	struct sid sid;
	size_t i;

	ck_assert_int_eq(adtopo_new(&t, NULL), 0);
	for (i = 0; i < 5; i++) {
		memset(&sid, 0, sizeof(sid));
		sid.rev = 1;
		sid.auth = 5;
		sid.count = 4;
		sid.sub[0] = 21;
		sid.sub[1] = 100;
		sid.sub[2] = 200;
		sid.sub[3] = (uint32_t)i + 1;
		ck_assert_int_eq(
			adtopo_domain_add(t, names[i], &sid, NULL, NULL), 0);
	}
	trust(t, "ACCT", "BRES", "Pw-ab", 1);
	trust(t, "BRES", "ACCT", "Pw-ba", 1);
	trust(t, "CRES", "ACCT", "Pw-ca", 1);
	trust(t, "DRES", "ACCT", "Pw-da", 1);
	trust(t, "ERES", "BRES", "Pw-eb", 0);
	if (suffix)
		ck_assert_int_eq(adtopo_dns_suffix(t, "corp.example", NULL), 0);
	return t;
}

static void
opts(struct adtopo_opts *o, int include)
{
	memset(o, 0, sizeof(*o));
	o->dialect = ADTRUST_LDIF_WINDOWS;
	o->include_broken = include;
	o->now = 133000000000000000ULL;
}

START_TEST(test_pairs_and_order)
{
	struct adtopo *t = lab5(1);
	struct adtopo_opts o;
	struct adtopo_pair_info pi;
	struct errinfo ei;
	size_t i, two = 0, one = 0, refused = 0;

	opts(&o, 0);
	err_clear(&ei);
	ck_assert_msg(adtopo_build(t, &o, &ei) == 0, "%s", ei.msg);
	ck_assert_uint_eq(adtopo_pair_count(t), 4);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(adtopo_pair_get(t, i, &pi), 0);
		if (pi.nt4[0] && pi.nt4[1]) {
			two++;
			/* two-way: dom[0] is the one earlier in the plan */
			ck_assert_uint_eq(pi.dom[0], dom(t, "ACCT"));
		} else {
			one++;
			ck_assert(pi.nt4[0] && !pi.nt4[1]);
		}
		if (pi.refused) {
			refused++;
			ck_assert_uint_eq(pi.dom[0], dom(t, "ERES"));
			ck_assert_str_eq(pi.verdict[0], "trusted-side-missing");
		}
	}
	ck_assert_uint_eq(two, 1);
	ck_assert_uint_eq(one, 3);
	ck_assert_uint_eq(refused, 1);
	/* ACCT has 3 pairs, BRES 1 (its broken pair refused), CRES, DRES */
	ck_assert_uint_eq(adtopo_step_count(t), 4);
	ck_assert_uint_eq(adtopo_step_domain(t, 0), dom(t, "ACCT"));
	ck_assert_uint_eq(adtopo_step_domain(t, 1), dom(t, "BRES"));
	ck_assert_uint_eq(adtopo_step_domain(t, 2), dom(t, "CRES"));
	ck_assert_uint_eq(adtopo_step_domain(t, 3), dom(t, "DRES"));
	/* each pair is validated at its later domain's step */
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(adtopo_pair_get(t, i, &pi), 0);
		if (!pi.refused)
			ck_assert_uint_ge(pi.step, 2);
	}
	ck_assert_int_eq(adtopo_check(t, &o, NULL, &ei), 0);
	adtopo_free(t);
}
END_TEST

START_TEST(test_duplicates_and_self)
{
	struct adtopo *t = lab5(1);
	struct adtrust_nt4 n;
	struct adtopo_opts o;
	struct errinfo ei;

	err_clear(&ei);
	nt4_make(&n, "x", 1);
	ck_assert_int_eq(adtopo_trust_add(t, 0, 0, &n, &ei), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(ei.msg, "cannot trust itself"));
	ck_assert_int_eq(adtopo_domain_add(t, "acct", NULL, NULL, &ei),
			 ERR_EXISTS);
	trust(t, "CRES", "ACCT", "again", 1);
	opts(&o, 0);
	err_clear(&ei);
	ck_assert_int_eq(adtopo_build(t, &o, &ei), ERR_EXISTS);
	ck_assert_str_eq(ei.msg, "the NT4 trust CRES -> ACCT is given twice");
	adtopo_free(t);
}
END_TEST

START_TEST(test_broken_included)
{
	struct adtopo *t = lab5(1);
	struct adtopo_opts o;
	struct adtopo_pair_info pi;
	struct adtrust_model *m = calloc(1, sizeof(*m));
	struct errinfo ei;
	struct rng rg;
	uint8_t seed[32] = { 1 };
	const uint8_t *pw1, *pw2;
	size_t l1, l2, i, eb = 0;

	ck_assert_ptr_nonnull(m);
	trust(t, "DRES", "CRES", "Pw-dc", 0); /* a second broken pair */
	opts(&o, 1);
	err_clear(&ei);
	ck_assert_int_eq(adtopo_build(t, &o, &ei), 0);
	/* included but without a new password: refused by the check */
	ck_assert_int_eq(adtopo_check(t, &o, NULL, &ei), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(ei.msg, "needs a new password"));
	rng_init_seeded(&rg, seed, 0);
	ck_assert_int_eq(adtopo_passwords_generate(t, &rg, NULL), 0);
	rng_wipe(&rg);
	err_clear(&ei);
	ck_assert_msg(adtopo_check(t, &o, NULL, &ei) == 0, "%s", ei.msg);
	ck_assert_uint_eq(adtopo_step_count(t), 5);
	/* one password per broken pair, never the same; none for others */
	pw1 = pw2 = NULL;
	l1 = l2 = 0;
	for (i = 0; i < adtopo_pair_count(t); i++) {
		const uint8_t *p;
		size_t l;

		ck_assert_int_eq(adtopo_pair_get(t, i, &pi), 0);
		ck_assert_int_eq(pi.new_password, pi.broken);
		if (!pi.broken) {
			ck_assert_int_eq(adtopo_password_get(t, i, &p, &l),
					 ERR_NOTFOUND);
			continue;
		}
		ck_assert_int_eq(adtopo_password_get(t, i, &p, &l), 0);
		ck_assert_uint_eq(l, 64);
		if (pw1 == NULL) {
			pw1 = p;
			l1 = l;
		} else {
			pw2 = p;
			l2 = l;
		}
		/* the model carries it as CLEAR on both ends */
		ck_assert_int_eq(adtopo_pair_model(t, i, &o, m, NULL), 0);
		ck_assert_int_eq(m->new_password, 1);
		ck_assert_uint_eq(m->side[0].outgoing.cur[0].type,
				  TRUSTAUTH_CLEAR);
		ck_assert_mem_eq(m->side[0].outgoing.cur[0].info, p, l);
		ck_assert_mem_eq(m->side[1].incoming.cur[0].info, p, l);
		adtrust_model_wipe(m);
		eb++;
	}
	ck_assert_uint_eq(eb, 2);
	ck_assert(l1 == l2 && memcmp(pw1, pw2, l1) != 0);
	free(m);
	adtopo_free(t);
}
END_TEST

START_TEST(test_dns_errors)
{
	struct adtopo *t = lab5(0);
	struct adtopo_opts o;
	struct errinfo ei;
	static const char map[] = "# estate map\r\n"
				  "ACCT accounts.example.com\r\n"
				  "\n"
				  "  bres\tres-b.example.com   # a comment\n"
				  "CRES c.example.com";

	opts(&o, 0);
	err_clear(&ei);
	ck_assert_int_eq(
		adtopo_dns_map(t, (const uint8_t *)map, sizeof(map) - 1, &ei),
		0);
	ck_assert_str_eq(adtopo_domain(t, dom(t, "BRES"))->dns,
			 "res-b.example.com");
	ck_assert_str_eq(adtopo_domain(t, dom(t, "CRES"))->dns,
			 "c.example.com");
	/* DRES and ERES still have none */
	ck_assert_int_eq(adtopo_build(t, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg, "no DNS name for DRES: give --dns-suffix, "
				 "--dns-map or --dns-name DRES=FQDN");
	/* an override, then the suffix fills the rest */
	ck_assert_int_eq(adtopo_dns_set(t, "dres", "D.Example.Com", NULL), 0);
	ck_assert_str_eq(adtopo_domain(t, dom(t, "DRES"))->dns,
			 "d.example.com");
	ck_assert_int_eq(adtopo_dns_suffix(t, "example.com", NULL), 0);
	ck_assert_str_eq(adtopo_domain(t, dom(t, "ERES"))->dns,
			 "eres.example.com");
	ck_assert_str_eq(adtopo_domain(t, dom(t, "ACCT"))->dns,
			 "accounts.example.com");
	/* the same name twice */
	ck_assert_int_eq(adtopo_dns_set(t, "ERES", "c.example.com", NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(adtopo_build(t, &o, &ei), ERR_INVALID);
	ck_assert_str_eq(ei.msg,
			 "CRES and ERES have the same DNS name c.example.com");
	adtopo_free(t);
}
END_TEST

START_TEST(test_dns_map_lines)
{
	static const struct {
		const char *text, *msg;
	} bad[] = {
		{ "ACCT\n", "line 1: 'ACCT' has no DNS name" },
		{ "ACCT a.example x\n", "line 1: unexpected 'x'" },
		{ "# x\nNOPE a.example\n", "line 2: NOPE is not a domain" },
		{ "ACCT a.example\nacct b.example\n",
		  "line 2: ACCT given again (first on line 1)" },
		{ "ACCT single\n", "line 1: ACCT: DNS name 'single' has one" },
		{ "ACCT a.ex_ample\n", "character '_'" },
		{ "ACCT a.example\x01\n", "byte 0x01 is not printable" },
		{ "ACCT a.ex\rample\n", "line 1: a stray CR" },
		{ "ACCT \xc3\xa9.example\n", "byte 0xc3" },
	};
	char longline[ADTOPO_MAP_LINE_MAX + 10];
	struct errinfo ei;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct adtopo *t = lab5(0);

		err_clear(&ei);
		ck_assert_int_eq(adtopo_dns_map(t, (const uint8_t *)bad[i].text,
						strlen(bad[i].text), &ei),
				 ERR_INVALID);
		ck_assert_msg(strstr(ei.msg, bad[i].msg) != NULL,
			      "case %zu: %s", i, ei.msg);
		adtopo_free(t);
	}
	memset(longline, 'a', sizeof(longline));
	{
		struct adtopo *t = lab5(0);

		err_clear(&ei);
		ck_assert_int_eq(adtopo_dns_map(t, (const uint8_t *)longline,
						sizeof(longline), &ei),
				 ERR_INVALID);
		ck_assert_ptr_nonnull(strstr(ei.msg, "longer than"));
		/* every prefix of a good map parses or fails cleanly */
		adtopo_free(t);
	}
	{
		static const char good[] = "ACCT a.example.com\nBRES "
					   "b.example.com\n";
		size_t n;

		for (n = 0; n <= sizeof(good) - 1; n++) {
			struct adtopo *t = lab5(0);
			int r = adtopo_dns_map(t, (const uint8_t *)good, n,
					       NULL);

			ck_assert(r == 0 || r == ERR_INVALID);
			adtopo_free(t);
		}
	}
}
END_TEST

/* Collects what the flush receives per domain and the largest chunk. */
struct sink {
	struct wbuf all;
	size_t max_chunk, chunks;
};

static int
sink_flush(void *ctx, int kind, size_t d, const uint8_t *p, size_t len)
{
	struct sink *s = ctx;

	(void)kind;
	(void)d;
	if (len > s->max_chunk)
		s->max_chunk = len;
	s->chunks++;
	return wbuf_put_bytes(&s->all, p, len);
}

/* Does the buffer hold the string? (not NUL-terminated) */
static int
has(const struct wbuf *w, const char *str)
{
	return memmem(w->p, w->len, str, strlen(str)) != NULL;
}

/* The "dn: " lines of text, each checked to end with suffix. */
static size_t
count_dn(const char *text, size_t len, const char *suffix)
{
	size_t n = 0, i = 0;

	while (i < len) {
		const char *nl = memchr(text + i, '\n', len - i);
		size_t l = nl != NULL ? (size_t)(nl - text - i) : len - i;

		if (l > 4 && memcmp(text + i, "dn: ", 4) == 0) {
			n++;
			ck_assert_msg(
				l >= strlen(suffix) &&
					memcmp(text + i + l - strlen(suffix),
					       suffix, strlen(suffix)) == 0,
				"%.*s", (int)l, text + i);
		}
		i += l + 1;
	}
	return n;
}

START_TEST(test_domain_ldif)
{
	struct adtopo *t = lab5(1);
	struct adtopo_opts o;
	struct adtopo_out out;
	struct sink s;
	struct wbuf w;
	struct errinfo ei;
	size_t tdos, accts;
	const char *txt;

	opts(&o, 0);
	ck_assert_int_eq(adtopo_build(t, &o, NULL), 0);
	memset(&out, 0, sizeof(out));
	memset(&s, 0, sizeof(s));
	wbuf_init(&w, 1024 * 1024);
	wbuf_init(&s.all, 1024 * 1024);
	out.w[ADTOPO_LDIF] = &w;
	out.flush = sink_flush;
	out.ctx = &s;
	err_clear(&ei);
	ck_assert_msg(adtopo_domain_write(t, dom(t, "ACCT"), &o, &out, &ei) ==
			      0,
		      "%s", ei.msg);
	adtopo_domain_objects(t, dom(t, "ACCT"), &tdos, &accts);
	/* BRES, CRES, DRES objects; accounts BRES$, CRES$, DRES$ */
	ck_assert_uint_eq(tdos, 3);
	ck_assert_uint_eq(accts, 3);
	txt = (const char *)s.all.p;
	ck_assert_uint_eq(
		count_dn(txt, s.all.len, ",DC=acct,DC=corp,DC=example"), 6);
	ck_assert(has(&s.all, "dn: CN=bres.corp.example,CN=System"));
	ck_assert(has(&s.all, "dn: CN=CRES$,CN=Users"));
	ck_assert(!has(&s.all, "eres")); /* refused: not there */
	ck_assert_uint_eq(w.len, 0);	 /* all handed over */
	/* CRES: only its outbound object, no account */
	wbuf_reset(&s.all);
	ck_assert_int_eq(adtopo_domain_write(t, dom(t, "CRES"), &o, &out, NULL),
			 0);
	ck_assert_uint_eq(count_dn((const char *)s.all.p, s.all.len,
				   ",DC=cres,DC=corp,DC=example"),
			  1);
	ck_assert(has(&s.all, "trustDirection: 2"));
	wbuf_free(&w);
	wbuf_free(&s.all);
	adtopo_free(t);
}
END_TEST

/* A hub trusted by 300 domains: one LDIF, flushed in bounded chunks. */
START_TEST(test_hub_bounded)
{
	struct adtopo *t;
	struct adtopo_opts o;
	struct adtopo_out out;
	struct sink s;
	struct wbuf w, plan;
	struct sid sid;
	char name[16];
	size_t i, hub;

	ck_assert_int_eq(adtopo_new(&t, NULL), 0);
	memset(&sid, 0, sizeof(sid));
	sid.rev = 1;
	sid.auth = 5;
	sid.count = 4;
	sid.sub[0] = 21;
	ck_assert_int_eq(adtopo_domain_add(t, "HUB", &sid, &hub, NULL), 0);
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "R%03zu", i);
		sid.sub[3] = (uint32_t)i + 1;
		ck_assert_int_eq(adtopo_domain_add(t, name, &sid, NULL, NULL),
				 0);
		trust(t, name, "HUB", "Pw-x", 1);
	}
	ck_assert_int_eq(adtopo_dns_suffix(t, "hub.example", NULL), 0);
	opts(&o, 0);
	ck_assert_int_eq(adtopo_build(t, &o, NULL), 0);
	ck_assert_uint_eq(adtopo_step_domain(t, 0), hub);
	memset(&out, 0, sizeof(out));
	memset(&s, 0, sizeof(s));
	wbuf_init(&w, 128 * 1024); /* far less than the whole file */
	wbuf_init(&s.all, 16 * 1024 * 1024);
	out.w[ADTOPO_LDIF] = &w;
	out.w[ADTOPO_NETDOM] = NULL;
	out.flush = sink_flush;
	out.ctx = &s;
	ck_assert_int_eq(adtopo_domain_write(t, hub, &o, &out, NULL), 0);
	ck_assert_uint_gt(s.all.len, 128 * 1024);
	ck_assert_uint_gt(s.chunks, 2);
	ck_assert_uint_lt(s.max_chunk, ADTOPO_FLUSH_AT + 8192);
	ck_assert_uint_eq(count_dn((const char *)s.all.p, s.all.len,
				   ",DC=hub,DC=hub,DC=example"),
			  600);
	/* the plan: 301 steps, 300 validations, no secret */
	wbuf_init(&plan, 1024 * 1024);
	ck_assert_int_eq(adtopo_plan_write(t, &plan, NULL, NULL, NULL), 0);
	ck_assert_ptr_nonnull(
		memmem(plan.p, plan.len, "Step 301: on R299", 17));
	ck_assert_ptr_null(memmem(plan.p, plan.len, "Pw-x", 4));
	wbuf_free(&plan);
	wbuf_free(&w);
	wbuf_free(&s.all);
	adtopo_free(t);
}
END_TEST

/* Every allocation failing in turn: ERR_NOMEM, never a crash or a leak. */
START_TEST(test_oom)
{
	struct adtopo_opts o;
	struct adtrust_nt4 n;
	struct sid sid;
	long k;
	int r, fired = 1;

	opts(&o, 0);
	nt4_make(&n, "Pw-oom", 1);
	memset(&sid, 0, sizeof(sid));
	sid.rev = 1;
	sid.auth = 5;
	sid.count = 1;
	sid.sub[0] = 21;
	for (k = 0; k < 200 && fired; k++) {
		struct adtopo *t = NULL;
		size_t i;

		mem_fail_after(k);
		r = adtopo_new(&t, NULL);
		for (i = 0; i < 20 && r == 0; i++) {
			char name[8];

			snprintf(name, sizeof(name), "D%02zu", i);
			r = adtopo_domain_add(t, name, &sid, NULL, NULL);
			if (r == 0 && i > 0)
				r = adtopo_trust_add(t, i, 0, &n, NULL);
		}
		if (r == 0)
			r = adtopo_dns_suffix(t, "oom.example", NULL);
		if (r == 0)
			r = adtopo_build(t, &o, NULL);
		fired = mem_fail_fired();
		mem_fail_after(-1);
		ck_assert_msg(r == 0 || r == ERR_NOMEM, "k=%ld r=%d", k, r);
		ck_assert(fired || r == 0);
		adtopo_free(t);
	}
	ck_assert(!fired);
	crypto_wipe(&n, sizeof(n));
}
END_TEST

Suite *
adtopo_suite(void)
{
	Suite *s = suite_create("adtopo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_pairs_and_order);
	tcase_add_test(tc, test_duplicates_and_self);
	tcase_add_test(tc, test_broken_included);
	tcase_add_test(tc, test_dns_errors);
	tcase_add_test(tc, test_dns_map_lines);
	tcase_add_test(tc, test_domain_ldif);
	tcase_add_test(tc, test_hub_bounded);
	tcase_add_test(tc, test_oom);
	suite_add_tcase(s, tc);
	return s;
}
