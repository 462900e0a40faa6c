/*
 * bench/bench_logon.c - how many NTLM pass-through logons per second the
 * emulated trust sustains in one process and one thread, measured against
 * an anchor taken in the same run (bench/README.md).
 *
 * The figure: a lab in a fresh temporary directory with ACCOUNTS and
 * RESOURCE, RESOURCE trusting ACCOUNTS, and a user alice in ACCOUNTS; then
 * logon_network() at RESOURCE as ACCOUNTS\alice with NTLMv2, repeated.
 * Every logon runs the whole path: the client's NTLMv2 response, the TDO
 * and secret reads, the secure channel (set up anew per logon, or reused
 * when the library caches it), the authenticator chain, alice's SAM read
 * and password check at ACCOUNTS' PDC and the validation keys.  Each result
 * must be STATUS_SUCCESS and a pass-through, or the run fails.
 *
 * The anchor: the same cryptographic primitives one logon needs, with no
 * store and no lab (client NT hash and NTLMv2/LMv2 responses, the DC's
 * ntlm_check_password, one authenticator round trip on an established
 * channel, validation key protect/unprotect).  logons/s divided by anchor
 * ops/s is the share of a logon's time spent in that crypto; it moves
 * little between machines, where the absolute rate moves a lot.
 *
 * Both loops are bounded in time and in count; nothing is pinned.  This is
 * a measurement, not a test: a missed target prints MISS and exits 0; only
 * a failed set-up or a failed logon exits 1 (2 for bad usage).
 *
 *   usage: bench_logon [-t SECONDS] [-n MAX_ITERATIONS]
 */
#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/nlcrypto.h"
#include "common/ntlm.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/sam.h"
#include "nt4/trust.h"

#define BENCH_TARGET_LOGONS 100000.0 /* per second, one core (issue 3) */
#define BENCH_DEFAULT_SECONDS 2.0
#define BENCH_DEFAULT_MAX 1000000UL
#define BENCH_PASSWORD "Secret#1"
#define BENCH_CHECK_EVERY 32 /* iterations between clock reads */

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* -t: a number of seconds, 0 < t <= 60. */
static int
bench_seconds(const char *s, double *t)
{
	char *end = NULL;
	int r = ERR_INTERNAL;

	errno = 0;
	*t = strtod(s, &end);
	if (errno != 0 || end == s || *end != '\0' || !(*t > 0.0) ||
	    *t > 60.0) {
		r = ERR_INVALID;
		goto out;
	}
	r = 0;
out:
	return r;
}

/* -n: a number of iterations, 1 .. 100,000,000. */
static int
bench_count(const char *s, unsigned long *n)
{
	char *end = NULL;
	int r = ERR_INTERNAL;

	errno = 0;
	*n = 0;
	if (s[0] < '0' || s[0] > '9') {
		r = ERR_INVALID;
		goto out;
	}
	*n = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || *n == 0 || *n > 100000000UL) {
		r = ERR_INVALID;
		goto out;
	}
	r = 0;
out:
	return r;
}

static int
bench_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The lab of the logon figure: ACCOUNTS <- trust - RESOURCE, alice. */
static int
bench_lab(struct lab *l, struct errinfo *ei)
{
	struct domain_opts o;
	struct trust_add_result tr;
	struct domain *acc = NULL, *res = NULL;
	uint8_t nt[16];
	int r = ERR_INTERNAL;

	memset(&o, 0, sizeof(o));
	if ((r = domain_create(l, "ACCOUNTS", &o, &acc, ei)) != 0 ||
	    (r = domain_create(l, "RESOURCE", &o, &res, ei)) != 0 ||
	    (r = ntlm_nt_hash(BENCH_PASSWORD, nt, ei)) != 0 ||
	    (r = domain_begin(acc, ei)) != 0)
		goto out;
	r = sam_account_add(acc, "alice", NULL, SAM_ACB_NORMAL, nt, NULL, NULL,
			    ei);
	if (r != 0) {
		domain_cancel(acc);
		goto out;
	}
	if ((r = domain_commit(acc, ei)) != 0 ||
	    (r = trust_trusting_add(l, "ACCOUNTS", "RESOURCE", "TrustPw#1",
				    NULL, ei)) != 0 ||
	    (r = trust_trusted_add(l, "RESOURCE", "ACCOUNTS", "TrustPw#1", &tr,
				   ei)) != 0)
		goto out;
	if (tr.status != 0) {
		r = ERR(ei, ERR_INTERNAL,
			"trust not established: 0x%08" PRIX32 " (%s)",
			tr.status, tr.why);
		goto out;
	}
	r = 0;
out:
	crypto_wipe(nt, sizeof(nt));
	return r;
}

/*
 * The logon loop: until max_t seconds or max_n logons, every result
 * checked.  *count and *secs receive what was done.
 */
static int
bench_logons(struct lab *l, double max_t, unsigned long max_n,
	     unsigned long *count, double *secs, uint32_t *flags,
	     struct errinfo *ei)
{
	struct logon_request q;
	struct logon_result res;
	unsigned long n = 0;
	double t0, t = 0.0;
	int r = ERR_INTERNAL;

	memset(&q, 0, sizeof(q));
	q.server = "RESOURCE";
	q.domain = "ACCOUNTS";
	q.user = "alice";
	q.password = BENCH_PASSWORD;
	q.ntlm = LOGON_NTLM_V2;
	q.via = LOGON_VIA_SMB;
	t0 = bench_now();
	while (n < max_n) {
		if ((r = logon_network(l, &q, &res, ei)) != 0)
			goto out;
		if (res.status != 0 || !res.passthrough) {
			r = ERR(ei, ERR_INTERNAL,
				"logon %lu: status 0x%08" PRIX32
				", passthrough %d (cause 0x%08" PRIX32 " %s)",
				n + 1, res.status, res.passthrough,
				res.cause.status, res.cause.why);
			goto out;
		}
		*flags = res.channel_flags;
		crypto_wipe(&res, sizeof(res));
		n++;
		if (n % BENCH_CHECK_EVERY == 0 &&
		    (t = bench_now() - t0) >= max_t)
			break;
	}
	t = bench_now() - t0;
	r = 0;
out:
	crypto_wipe(&res, sizeof(res));
	*count = n;
	*secs = t;
	return r;
}

/*
 * One logon's crypto, no store: the client's NT hash and NTLMv2 + LMv2
 * responses, the DC's check, an authenticator round trip on an established
 * channel and the validation keys protected by the server and unprotected
 * by the client.
 */
static int
bench_crypto_once(const uint8_t *av, size_t avlen, struct nlcrypto_creds *cc,
		  struct nlcrypto_creds *sc, uint32_t ts, struct errinfo *ei)
{
	static const uint8_t schal[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const uint8_t cchal[8] = { 9, 10, 11, 12, 13, 14, 15, 16 };
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct nlcrypto_auth a, ret;
	uint8_t nt[16], owf[16], blob[400], resp[512], lm[24], key[16];
	size_t bloblen = 0;
	uint32_t status = 1;
	int r = ERR_INTERNAL;

	memset(&keys, 0, sizeof(keys));
	if ((r = ntlm_nt_hash(BENCH_PASSWORD, nt, ei)) != 0 ||
	    (r = ntlm_v2_owf(nt, "alice", "ACCOUNTS", owf, ei)) != 0 ||
	    (r = ntlm_v2_blob(128921952000000000ULL, cchal, av, avlen, blob,
			      sizeof(blob), &bloblen)) != 0 ||
	    (r = ntlm_v2_response(owf, schal, blob, bloblen, resp, sizeof(resp),
				  key)) != 0 ||
	    (r = ntlm_lmv2_response(owf, schal, cchal, lm)) != 0)
		goto out;
	memset(&req, 0, sizeof(req));
	req.user = "alice";
	req.domain = "ACCOUNTS";
	memcpy(req.challenge, schal, 8);
	req.nt_resp = resp;
	req.nt_len = 16 + bloblen;
	req.lm_resp = lm;
	req.lm_len = sizeof(lm);
	if ((r = nlcrypto_auth_make(cc, ts, &a)) != 0 ||
	    (r = nlcrypto_auth_check(sc, &a, &ret)) != 0 ||
	    (r = ntlm_check_password(&req, nt, NULL, &status, &keys, ei)) !=
		    0 ||
	    (r = nlcrypto_validation_protect(sc, keys.user_session_key,
					     keys.lm_session_key)) != 0 ||
	    (r = nlcrypto_auth_check_return(cc, &ret)) != 0 ||
	    (r = nlcrypto_validation_unprotect(cc, keys.user_session_key,
					       keys.lm_session_key)) != 0)
		goto out;
	if (status != 0) {
		r = ERR(ei, ERR_INTERNAL, "crypto-only check: 0x%08" PRIX32,
			status);
		goto out;
	}
	r = 0;
out:
	crypto_wipe(nt, sizeof(nt));
	crypto_wipe(owf, sizeof(owf));
	crypto_wipe(key, sizeof(key));
	crypto_wipe(&keys, sizeof(keys));
	return r;
}

/* The anchor loop, bounded like bench_logons. */
static int
bench_crypto(uint32_t flags, double max_t, unsigned long max_n,
	     unsigned long *count, double *secs, struct errinfo *ei)
{
	/* NbComputerName ACCOUNTSPDC, NbDomainName ACCOUNTS, time, EOL */
	static const char *names[2] = { "ACCOUNTSPDC", "ACCOUNTS" };
	struct nlcrypto_creds cc, sc;
	uint8_t av[128], trust_nt[16], ccred[8], scred[8];
	uint8_t c1[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
	uint8_t s1[8] = { 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01 };
	size_t avlen = 0, i, j, len;
	unsigned long n = 0;
	double t0, t = 0.0;
	int r = ERR_INTERNAL;

	memset(&cc, 0, sizeof(cc));
	memset(&sc, 0, sizeof(sc));
	memset(av, 0, sizeof(av));
	for (i = 0; i < 2; i++) {
		len = strlen(names[i]);
		av[avlen++] = (uint8_t)(i + 1);
		av[avlen++] = 0;
		av[avlen++] = (uint8_t)(2 * len);
		av[avlen++] = 0;
		for (j = 0; j < len; j++) {
			av[avlen++] = (uint8_t)names[i][j];
			av[avlen++] = 0;
		}
	}
	av[avlen] = 7; /* MsvAvTimestamp, 8 bytes */
	av[avlen + 2] = 8;
	avlen += 4 + 8 + 4; /* then MsvAvEOL */
	if ((r = ntlm_nt_hash("TrustPw#1", trust_nt, ei)) != 0 ||
	    (r = nlcrypto_client_init(&cc, flags, trust_nt, c1, s1, ccred)) !=
		    0 ||
	    (r = nlcrypto_server_init(&sc, flags, trust_nt, c1, s1, ccred,
				      scred)) != 0) {
		r = ERR(ei, r == 0 ? ERR_INTERNAL : r,
			"crypto-only channel set-up failed");
		goto out;
	}
	t0 = bench_now();
	while (n < max_n) {
		r = bench_crypto_once(av, avlen, &cc, &sc, (uint32_t)(n + 1),
				      ei);
		if (r != 0)
			goto out;
		n++;
		if (n % BENCH_CHECK_EVERY == 0 &&
		    (t = bench_now() - t0) >= max_t)
			break;
	}
	t = bench_now() - t0;
	r = 0;
out:
	nlcrypto_creds_wipe(&cc);
	nlcrypto_creds_wipe(&sc);
	crypto_wipe(trust_nt, sizeof(trust_nt));
	*count = n;
	*secs = t;
	return r;
}

int
main(int argc, char **argv)
{
	char tmpl[] = "/tmp/nt4trust-bench.XXXXXX", dir[600];
	struct errinfo ei;
	struct lab *l = NULL;
	double max_t = BENCH_DEFAULT_SECONDS, t_logon = 0.0, t_crypto = 0.0;
	double logons, ops;
	unsigned long max_n = BENCH_DEFAULT_MAX, n_logon = 0, n_crypto = 0;
	uint32_t flags = 0;
	char *top = NULL;
	int i, rc = 1;

	for (i = 1; i < argc; i++) {
		if (i + 1 < argc && strcmp(argv[i], "-t") == 0 &&
		    bench_seconds(argv[i + 1], &max_t) == 0) {
			i++;
		} else if (i + 1 < argc && strcmp(argv[i], "-n") == 0 &&
			   bench_count(argv[i + 1], &max_n) == 0) {
			i++;
		} else {
			fprintf(stderr,
				"usage: bench_logon [-t SECONDS (0-60)] "
				"[-n MAX_ITERATIONS]\n");
			rc = 2;
			goto out;
		}
	}
	err_clear(&ei);
	top = mkdtemp(tmpl);
	if (top == NULL) {
		perror("bench_logon: mkdtemp");
		goto out;
	}
	snprintf(dir, sizeof(dir), "%s/lab", top);
	if (lab_open(&l, dir, LAB_CREATE, &ei) != 0 || bench_lab(l, &ei) != 0) {
		fprintf(stderr, "bench_logon: lab set-up: %s\n", ei.msg);
		goto out;
	}
	/* One logon first: the channel flags, and the warm-up. */
	if (bench_logons(l, max_t, 1, &n_logon, &t_logon, &flags, &ei) != 0 ||
	    bench_logons(l, max_t, max_n, &n_logon, &t_logon, &flags, &ei) !=
		    0) {
		fprintf(stderr, "bench_logon: logon: %s\n", ei.msg);
		goto out;
	}
	if (bench_crypto(flags, max_t, max_n, &n_crypto, &t_crypto, &ei) != 0) {
		fprintf(stderr, "bench_logon: crypto-only: %s\n", ei.msg);
		goto out;
	}
	logons = (double)n_logon / t_logon;
	ops = (double)n_crypto / t_crypto;
	printf("pass-through logon RESOURCE <- ACCOUNTS\\alice, NTLMv2, "
	       "channel flags 0x%08" PRIX32 ", one thread\n",
	       flags);
	printf("  logon_network     %9lu logons in %.3f s  %10.0f logons/s  "
	       "target >= %.0f/s  %s\n",
	       n_logon, t_logon, logons, BENCH_TARGET_LOGONS,
	       logons >= BENCH_TARGET_LOGONS ? "PASS" : "MISS");
	printf("  crypto-only       %9lu ops    in %.3f s  %10.0f ops/s     "
	       "(anchor: the same primitives, no store)\n",
	       n_crypto, t_crypto, ops);
	printf("  ratio             %.3f logon/crypto-only (target needs "
	       "%.3f on this machine)\n",
	       logons / ops, BENCH_TARGET_LOGONS / ops);
	rc = 0;
out:
	if (l != NULL && lab_close(l, &ei) != 0 && rc == 0) {
		fprintf(stderr, "bench_logon: lab close: %s\n", ei.msg);
		rc = 1;
	}
	if (top != NULL &&
	    nftw(top, bench_rm_one, 16, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "bench_logon: cannot remove %s\n", top);
	return rc;
}
