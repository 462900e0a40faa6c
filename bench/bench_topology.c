/*
 * bench/bench_topology.c - nt4trust migrate --topology at scale
 * (migrate/adtopo.h, bench/README.md section 4): a synthetic estate of
 * 1,000 domains / 5,000 NT4 trusts and 10,000 domains / 50,000 trusts,
 * seeded, built in memory through the library, then the whole migration:
 * grouping into pairs and the plan order (adtopo_build), a new password
 * for each broken pair (adtopo_passwords_generate, seeded here), every
 * pair converted and checked (adtopo_check), the plan text, and every
 * domain's LDIF (windows dialect), netdom, samba-tool and PowerShell
 * outputs (adtopo_domain_write).  The outputs go to a /dev/null-like sink:
 * the flush callback counts the bytes (and folds one byte of each chunk
 * so the work cannot be skipped); nothing is kept.
 *
 * Each size runs in a child process, so its peak RSS (getrusage
 * ru_maxrss) is its own: the synthetic input and the topology included.
 * The anchor, in the parent: trustauth_encode + base64_encode of as many
 * trustAuth blobs as the LDIF of the larger size holds (the work the LDIF
 * cannot avoid).  A measurement, not a test: a missed target prints MISS
 * and exits 0; a failed set-up or step exits 1 (2 for bad usage).
 *
 *   usage: bench_topology [-s SEED]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/base64.h"
#include "common/crypto.h"
#include "common/err.h"
#include "common/ntlm.h"
#include "common/rng.h"
#include "common/wbuf.h"
#include "migrate/adtopo.h"
#include "migrate/adtrust_out.h"
#include "migrate/trustauth.h"

#define BENCH_TARGET_MS 1000.0
#define BENCH_TARGET_MB 200.0
#define BENCH_LINEAR_MAX 13.0 /* 10x the work: at most 13x the time */

struct bench_sink {
	uint64_t bytes[ADTOPO_KINDS + 1];
	uint8_t fold;
};

struct bench_result {
	double load_ms, run_ms;
	double rss_mb, base_mb; /* peak RSS; RSS before the estate */
	uint64_t bytes[ADTOPO_KINDS + 1];
	uint64_t pairs, two_way, broken, blobs;
};

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* xorshift64*: the synthetic estate only (fast, seeded) */
static uint64_t
bench_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545F4914F6CDD1DULL;
}

static int
bench_flush(void *ctx, int kind, size_t dom, const uint8_t *p, size_t len)
{
	struct bench_sink *s = ctx;

	(void)dom;
	s->bytes[kind < 0 ? ADTOPO_KINDS : kind] += len;
	s->fold ^= p[len / 2];
	return 0;
}

/* A plausible NT4 trust password: 14..40 printable characters. */
static void
bench_password(uint64_t *s, struct adtrust_nt4 *n, int old)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"
				  "rstuvwxyz0123456789!#$%&()*+,-./:;<=>?@";
	size_t len = 14 + (size_t)(bench_rand(s) % 27), i;
	uint8_t *p = old ? n->old : n->cur;

	for (i = 0; i < len; i++) {
		p[2 * i] = (uint8_t)set[bench_rand(s) % (sizeof(set) - 1)];
		p[2 * i + 1] = 0;
	}
	if (old) {
		n->has_old = 1;
		n->old_len = 2 * len;
		n->old_time = 125000000000000000ULL + bench_rand(s) % 1000000;
	} else {
		n->has_cur = 1;
		n->cur_len = 2 * len;
		n->cur_time = 125000000000000000ULL + bench_rand(s) % 1000000;
	}
}

/* One trust a -> b into t; broken ones lose their trusted half. */
static int
bench_trust(struct adtopo *t, uint64_t *s, size_t a, size_t b, int broken)
{
	struct adtrust_nt4 n;
	int r;

	memset(&n, 0, sizeof(n));
	n.present = 1;
	bench_password(s, &n, 0);
	if (bench_rand(s) % 2)
		bench_password(s, &n, 1);
	if (broken) {
		snprintf(n.verdict, sizeof(n.verdict), "trusted-side-missing");
	} else {
		n.healthy = 1;
		snprintf(n.verdict, sizeof(n.verdict), "healthy");
		n.has_hash = 1;
		n.hash_time = n.cur_time;
		if (ntlm_nt_hash_raw(n.cur, n.cur_len, n.hash) != 0)
			return ERR_CRYPTO;
	}
	r = adtopo_trust_add(t, a, b, &n, NULL);
	crypto_wipe(&n, sizeof(n));
	return r;
}

/* The synthetic estate: ndom domains, ntr one-way trusts. */
static int
bench_estate(struct adtopo *t, uint64_t seed, size_t ndom, size_t ntr)
{
	uint64_t s = seed * 0x9E3779B97F4A7C15ULL + ndom, *used;
	size_t i, n = 0, cap = 4 * ntr, h;
	char name[16];
	struct sid sid;
	int r = ERR_INTERNAL;

	if ((used = calloc(cap, sizeof(*used))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < ndom; i++) {
		memset(&sid, 0, sizeof(sid));
		sid.rev = 1;
		sid.auth = 5;
		sid.count = 4;
		sid.sub[0] = 21;
		sid.sub[1] = (uint32_t)bench_rand(&s);
		sid.sub[2] = (uint32_t)bench_rand(&s);
		sid.sub[3] = (uint32_t)i + 1;
		snprintf(name, sizeof(name), "D%05zu", i + 1);
		if ((r = adtopo_domain_add(t, name, &sid, NULL, NULL)) != 0)
			goto out;
	}
	while (n < ntr) {
		size_t a = (size_t)(bench_rand(&s) % ndom);
		size_t b = (size_t)(bench_rand(&s) % ndom);
		uint64_t key;
		int two = bench_rand(&s) % 2 && n + 2 <= ntr;
		int broken = bench_rand(&s) % 100 == 0;

		if (a == b)
			continue;
		key = ((uint64_t)(a < b ? a : b) << 32 | (a < b ? b : a)) + 1;
		for (h = (size_t)(key * 0x9E3779B97F4A7C15ULL % cap);
		     used[h] != 0 && used[h] != key; h = (h + 1) % cap)
			;
		if (used[h] == key)
			continue;
		used[h] = key;
		if ((r = bench_trust(t, &s, a, b, broken)) != 0)
			goto out;
		n++;
		if (two) {
			if ((r = bench_trust(t, &s, b, a, 0)) != 0)
				goto out;
			n++;
		}
	}
	r = adtopo_dns_suffix(t, "corp.example.com", NULL);
out:
	free(used);
	return r;
}

/* One size, in this (child) process. */
static int
bench_size(uint64_t seed, size_t ndom, size_t ntr, struct bench_result *res)
{
	struct adtopo *t = NULL;
	struct adtopo_opts o;
	struct adtopo_out out;
	struct adtopo_pair_info pi;
	struct bench_sink sink;
	struct wbuf w[ADTOPO_KINDS], plan;
	struct rusage ru;
	struct errinfo ei;
	struct rng rg;
	uint8_t rseed[32];
	size_t i;
	double t0;
	int k, r = ERR_INTERNAL;

	memset(res, 0, sizeof(*res));
	memset(&sink, 0, sizeof(sink));
	memset(&o, 0, sizeof(o));
	memset(rseed, 7, sizeof(rseed));
	err_clear(&ei);
	o.include_broken = 1;
	o.dialect = ADTRUST_LDIF_WINDOWS;
	o.now = 133000000000000000ULL;
	for (k = 0; k < ADTOPO_KINDS; k++)
		wbuf_init(&w[k], 64 * 1024 * 1024);
	wbuf_init(&plan, 64 * 1024 * 1024);
	getrusage(RUSAGE_SELF, &ru);
	res->base_mb = (double)ru.ru_maxrss / 1024.0;
	t0 = bench_now();
	if ((r = adtopo_new(&t, &ei)) != 0 ||
	    (r = bench_estate(t, seed, ndom, ntr)) != 0)
		goto out;
	res->load_ms = bench_now() - t0;

	t0 = bench_now();
	rng_init_seeded(&rg, rseed, seed);
	if ((r = adtopo_build(t, &o, &ei)) != 0 ||
	    (r = adtopo_passwords_generate(t, &rg, &ei)) != 0 ||
	    (r = adtopo_check(t, &o, NULL, &ei)) != 0 ||
	    (r = adtopo_plan_write(t, &plan, bench_flush, &sink, &ei)) != 0)
		goto out;
	for (k = 0; k < ADTOPO_KINDS; k++)
		out.w[k] = &w[k];
	out.flush = bench_flush;
	out.ctx = &sink;
	for (i = 0; i < adtopo_step_count(t); i++)
		if ((r = adtopo_domain_write(t, adtopo_step_domain(t, i), &o,
					     &out, &ei)) != 0)
			goto out;
	res->run_ms = bench_now() - t0;
	rng_wipe(&rg);

	for (i = 0; i < adtopo_pair_count(t); i++) {
		if (adtopo_pair_get(t, i, &pi) != 0)
			continue;
		res->pairs++;
		res->two_way += pi.nt4[0] && pi.nt4[1];
		res->broken += (uint64_t)pi.broken;
		res->blobs += 2 * (uint64_t)(pi.nt4[0] + pi.nt4[1]);
	}
	memcpy(res->bytes, sink.bytes, sizeof(res->bytes));
	getrusage(RUSAGE_SELF, &ru);
	res->rss_mb = (double)ru.ru_maxrss / 1024.0;
	r = 0;
out:
	if (r != 0)
		fprintf(stderr, "bench_topology: %d domains: %s\n", (int)ndom,
			ei.msg[0] ? ei.msg : err_str(r));
	for (k = 0; k < ADTOPO_KINDS; k++)
		wbuf_free(&w[k]);
	wbuf_free(&plan);
	adtopo_free(t);
	return r;
}

/* Run one size in a child; its result comes back through a pipe. */
static int
bench_child(uint64_t seed, size_t ndom, size_t ntr, struct bench_result *res)
{
	int fd[2], st = 0;
	pid_t pid;
	ssize_t n;

	if (pipe(fd) != 0 || (pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		close(fd[0]);
		if (crypto_init(NULL) != 0 || bench_size(seed, ndom, ntr, res))
			_exit(1);
		n = write(fd[1], res, sizeof(*res));
		_exit(n == (ssize_t)sizeof(*res) ? 0 : 1);
	}
	close(fd[1]);
	n = read(fd[0], res, sizeof(*res));
	close(fd[0]);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0 || n != (ssize_t)sizeof(*res))
		return -1;
	return 0;
}

/* The anchor: encode + base64 of nblobs blobs (1 CLEAR + its copy). */
static double
bench_anchor(uint64_t nblobs)
{
	struct trustauth_blob b;
	struct wbuf raw, txt;
	uint8_t pw[60];
	uint64_t i, sum = 0;
	double t0;

	memset(&b, 0, sizeof(b));
	memset(pw, 'x', sizeof(pw));
	b.count = 1;
	(void)trustauth_clear(&b.cur[0], 133000000000000000ULL, pw, sizeof(pw));
	trustauth_pair(&b);
	wbuf_init(&raw, TRUSTAUTH_BLOB_MAX);
	wbuf_init(&txt, 4 * TRUSTAUTH_BLOB_MAX);
	t0 = bench_now();
	for (i = 0; i < nblobs; i++) {
		wbuf_reset(&raw);
		wbuf_reset(&txt);
		b.cur[0].info[0] = (uint8_t)i;
		if (trustauth_encode(&b, &raw) != 0 ||
		    base64_encode(raw.p, raw.len, &txt) != 0)
			break;
		sum += txt.len;
	}
	t0 = bench_now() - t0;
	wbuf_free(&raw);
	wbuf_free(&txt);
	trustauth_wipe(&b);
	return sum > 0 ? t0 : -1;
}

static void
bench_line(size_t ndom, size_t ntr, const struct bench_result *r)
{
	uint64_t total = 0;
	int k;

	for (k = 0; k <= ADTOPO_KINDS; k++)
		total += r->bytes[k];
	printf("  %6zu domains %6zu trusts (%" PRIu64 " pairs, %" PRIu64
	       " two-way, %" PRIu64 " broken): migrate %8.1f ms  peak RSS "
	       "%6.1f MB (%.1f MB above the start)  (load %.1f ms; output "
	       "%.1f MB: ldif %.1f, netdom %.1f, samba-tool %.1f, powershell "
	       "%.1f, plan %.1f)\n",
	       ndom, ntr, r->pairs, r->two_way, r->broken, r->run_ms, r->rss_mb,
	       r->rss_mb - r->base_mb, r->load_ms, (double)total / 1e6,
	       (double)r->bytes[ADTOPO_LDIF] / 1e6,
	       (double)r->bytes[ADTOPO_NETDOM] / 1e6,
	       (double)r->bytes[ADTOPO_SAMBATOOL] / 1e6,
	       (double)r->bytes[ADTOPO_POWERSHELL] / 1e6,
	       (double)r->bytes[ADTOPO_KINDS] / 1e6);
}

int
main(int argc, char **argv)
{
	struct bench_result small, big;
	uint64_t seed = 1999;
	double anchor, tr, mr;
	int c;

	while ((c = getopt(argc, argv, "s:")) != -1) {
		if (c != 's') {
			fprintf(stderr, "usage: bench_topology [-s SEED]\n");
			return 2;
		}
		seed = strtoull(optarg, NULL, 10);
	}
	if (crypto_init(NULL) != 0)
		return 1;
	printf("migrate --topology, whole conversion + plan + all outputs "
	       "to a counting sink, seed %" PRIu64 "\n",
	       seed);
	if (bench_child(seed, 1000, 5000, &small) != 0 ||
	    bench_child(seed, 10000, 50000, &big) != 0) {
		fprintf(stderr, "bench_topology: a run failed\n");
		return 1;
	}
	bench_line(1000, 5000, &small);
	bench_line(10000, 50000, &big);
	tr = small.run_ms > 0 ? big.run_ms / small.run_ms : 0;
	mr = small.rss_mb - small.base_mb > 0 ?
		     (big.rss_mb - big.base_mb) /
			     (small.rss_mb - small.base_mb) :
		     0;
	printf("  10k: %.1f ms, target < %.0f ms  %s;  %.1f MB, target < "
	       "%.0f MB  %s\n",
	       big.run_ms, BENCH_TARGET_MS,
	       big.run_ms < BENCH_TARGET_MS ? "PASS" : "MISS", big.rss_mb,
	       BENCH_TARGET_MB, big.rss_mb < BENCH_TARGET_MB ? "PASS" : "MISS");
	printf("  ratio 10k/1k: time %.1fx, RSS above the start %.1fx "
	       "(linear: ~10x; "
	       "target time <= %.0fx)  %s\n",
	       tr, mr, BENCH_LINEAR_MAX,
	       tr <= BENCH_LINEAR_MAX ? "PASS" : "MISS");
	anchor = bench_anchor(big.blobs);
	if (anchor < 0) {
		fprintf(stderr, "bench_topology: the anchor failed\n");
		return 1;
	}
	printf("  anchor: trustauth_encode + base64 of the same %" PRIu64
	       " trustAuth blobs: %.1f ms; migrate/anchor %.1f\n",
	       big.blobs, anchor, anchor > 0 ? big.run_ms / anchor : 0);
	crypto_shutdown();
	return 0;
}
