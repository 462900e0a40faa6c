/*
 * bench/gen_samba_estate.c - write an estate of Samba classic private
 * directories for the `samba diagnose DIR...` benchmark (bench/README.md
 * section 3) and the CLI test: one accounts domain trusted by N resource
 * domains, in Samba's own formats (REPORT.md 5.1 and 5.2,
 * docs/formats/tdbsam.md, docs/formats/secretsdb.md), with the library's
 * encoders (tdbsam_user_encode, secretsdb_trust_encode,
 * secretsdb_sid_encode) and libtdb directly, each file in one transaction.
 *
 *   OUT/ACCOUNTS/private/passdb.tdb   INFO/version 4, INFO/minor_version 0,
 *       NEXT_RID; root (RID 1000), USERS users user000001... and the
 *       interdomain trust accounts RES0001$... (USER_<lower> + RID_%08x)
 *   OUT/ACCOUNTS/private/secrets.tdb  SECRETS/SID/ACCOUNTS and
 *       SECRETS/SID/ACCTPDC (the PDC's machine SID, as Samba keeps it)
 *   OUT/RESnnnn/private/secrets.tdb   SECRETS/SID/RESnnnn and
 *       SECRETS/$DOMTRUST.ACC/ACCOUNTS (the trust password, ACCOUNTS' SID)
 *   OUT/RESnnnn/private/passdb.tdb    INFO/version 4, NEXT_RID, root
 *
 * Deterministic for a seed (splitmix64; these are test passwords, not
 * secrets).  Broken on purpose, on resource domains drawn from the seed:
 * -m N trust passwords that differ (password-mismatch), -d N disabled
 * trust accounts (trust-account-disabled), -x N trust accounts missing on
 * ACCOUNTS (trusted-side-missing).  The last line printed is the summary
 * `samba diagnose` must give: "expect: healthy=H password-mismatch=M ...".
 *
 * usage: gen_samba_estate [-u USERS] [-t TRUSTS] [-m N] [-d N] [-x N]
 *                         [-s SEED] [-H HASH] OUT
 * -H: hash chains of ACCOUNTS' passdb.tdb (default 0, tdb's 131, as Samba
 * creates it; with 131 chains, writing 200,000 records takes ~25 s, as
 * each insert walks its chain; -H 10007 takes ~1 s).  Defaults: 100,000
 * users, 1,000 trusts, -m 10 -d 5 -x 5, seed 1999.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tdb.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/ntlm.h"
#include "common/sid.h"
#include "common/wbuf.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"

#define GEN_PATH_MAX 4096
#define GEN_NOW 1700000000U /* pass_last_set_time and mod_time */
#define GEN_PW_LEN 24

enum { GEN_OK = 0, GEN_MISMATCH, GEN_DISABLED, GEN_MISSING };

static uint64_t gen_state;

static uint64_t
gen_next(void)
{
	uint64_t z = (gen_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
gen_password(char pw[GEN_PW_LEN + 1])
{
	static const char set[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnop"
				  "qrstuvwxyz23456789-_.";
	size_t i;

	for (i = 0; i < GEN_PW_LEN; i++)
		pw[i] = set[gen_next() % (sizeof(set) - 1)];
	pw[GEN_PW_LEN] = '\0';
}

static void
gen_sid(struct sid *s)
{
	memset(s, 0, sizeof(*s));
	s->rev = 1;
	s->count = 4;
	s->auth = 5;
	s->sub[0] = 21;
	s->sub[1] = (uint32_t)gen_next();
	s->sub[2] = (uint32_t)gen_next();
	s->sub[3] = (uint32_t)gen_next();
}

static int
gen_fail(const char *what, const char *path, struct tdb_context *tdb)
{
	fprintf(stderr, "gen_samba_estate: %s: %s: %s\n", path, what,
		tdb != NULL ? tdb_errorstr(tdb) : strerror(errno));
	return 1;
}

/*
 * A new tdb (hash 0: tdb's default of 131 chains, as Samba's db_open
 * without a tdb_hashsize: setting).  txn: write it in one transaction (the
 * big passdb.tdb); the small files are written without one, which keeps
 * them at a few KB instead of tdb's 420 KB transaction growth (nobody else
 * can see a file created O_EXCL until it is complete).
 */
static struct tdb_context *
gen_create(const char *path, int hash, int txn)
{
	struct tdb_context *tdb;

	tdb = tdb_open(path, hash, TDB_DEFAULT, O_RDWR | O_CREAT | O_EXCL,
		       0600);
	if (tdb == NULL) {
		gen_fail("cannot create", path, NULL);
		return NULL;
	}
	if (txn && tdb_transaction_start(tdb) != 0) {
		gen_fail("transaction", path, tdb);
		tdb_close(tdb);
		return NULL;
	}
	return tdb;
}

static int
gen_finish(struct tdb_context *tdb, const char *path)
{
	int r = 0;

	if (tdb_transaction_active(tdb) && tdb_transaction_commit(tdb) != 0)
		r = gen_fail("commit", path, tdb);
	tdb_close(tdb);
	return r;
}

/* Store key (nul: with its NUL, as passdb.tdb keys) -> value. */
static int
gen_put(struct tdb_context *tdb, const char *key, int nul, const void *val,
	size_t len)
{
	TDB_DATA k, v;

	k.dptr = (unsigned char *)(uintptr_t)key;
	k.dsize = strlen(key) + (nul ? 1 : 0);
	v.dptr = (unsigned char *)(uintptr_t)val;
	v.dsize = len;
	return tdb_store(tdb, k, v, TDB_INSERT) == 0 ? 0 : -1;
}

static int
gen_put_u32(struct tdb_context *tdb, const char *key, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16),
			 (uint8_t)(v >> 24) };

	return gen_put(tdb, key, 1, b, 4);
}

/* A SAMU record as Samba writes it (REPORT.md 5.1), username in u. */
static void
gen_user_template(struct tdbsam_user *u, const char *domain)
{
	memset(u, 0, sizeof(*u));
	u->logoff_time = TDBSAM_TIME_NEVER;
	u->kickoff_time = TDBSAM_TIME_NEVER;
	u->pass_must_change_time = TDBSAM_TIME_NEVER;
	u->pass_last_set_time = GEN_NOW;
	snprintf(u->domain, sizeof(u->domain), "%s", domain);
	u->group_rid = TDBSAM_RID_DOMAIN_USERS;
	u->acct_ctrl = TDBSAM_ACB_NORMAL;
	u->logon_divs = 168;
	u->hours_len = 21;
	u->hours_size = 32;
	memset(u->hours, 0xff, 21);
	u->unknown_6 = 0x4ec;
	u->null_strings = TDBSAM_NULL_HOMEDIR | TDBSAM_NULL_DIR_DRIVE |
			  TDBSAM_NULL_LOGON_SCRIPT | TDBSAM_NULL_PROFILE_PATH;
}

/* USER_<lower> and RID_%08x for u. */
static int
gen_put_user(struct tdb_context *tdb, struct wbuf *w,
	     const struct tdbsam_user *u)
{
	char lower[TDBSAM_NAME_MAX + 1], key[TDBSAM_NAME_MAX + 8], rid[16];
	size_t i;

	for (i = 0; u->username[i] != '\0' && i < sizeof(lower) - 1; i++)
		lower[i] = (char)((u->username[i] >= 'A' &&
				   u->username[i] <= 'Z') ?
					  u->username[i] + 32 :
					  u->username[i]);
	lower[i] = '\0';
	wbuf_reset(w);
	if (tdbsam_user_encode(u, w) != 0)
		return -1;
	snprintf(key, sizeof(key), "USER_%s", lower);
	snprintf(rid, sizeof(rid), "RID_%08x", u->user_rid);
	if (gen_put(tdb, key, 1, w->p, w->len) != 0 ||
	    gen_put(tdb, rid, 1, lower, strlen(lower) + 1) != 0)
		return -1;
	return 0;
}

static int
gen_put_sid(struct tdb_context *tdb, struct wbuf *w, const char *name,
	    const struct sid *sid)
{
	char key[64];

	wbuf_reset(w);
	if (secretsdb_sid_encode(sid, w) != 0)
		return -1;
	snprintf(key, sizeof(key), "SECRETS/SID/%s", name);
	return gen_put(tdb, key, 0, w->p, w->len);
}

static int
gen_mkdirs(const char *out, const char *name, char *dir, size_t len)
{
	if ((size_t)snprintf(dir, len, "%s/%s", out, name) >= len)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	if ((size_t)snprintf(dir, len, "%s/%s/private", out, name) >= len)
		return -1;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* The minimal passdb.tdb of a resource domain: version, NEXT_RID, root. */
static int
gen_small_passdb(const char *path, const char *domain, struct tdbsam_user *u,
		 struct wbuf *w)
{
	struct tdb_context *tdb = gen_create(path, 0, 0);

	if (tdb == NULL)
		return 1;
	gen_user_template(u, domain);
	snprintf(u->username, sizeof(u->username), "root");
	u->user_rid = TDBSAM_BASE_RID;
	u->has_nt = 1;
	for (size_t i = 0; i < 16; i++)
		u->nt_hash[i] = (uint8_t)gen_next();
	if (gen_put_u32(tdb, "INFO/version", 4) != 0 ||
	    gen_put_u32(tdb, "INFO/minor_version", 0) != 0 ||
	    gen_put_u32(tdb, "NEXT_RID", TDBSAM_BASE_RID + 1) != 0 ||
	    gen_put_user(tdb, w, u) != 0) {
		gen_fail("write", path, tdb);
		tdb_close(tdb);
		return 1;
	}
	return gen_finish(tdb, path);
}

static int
gen_count(const char *s, unsigned long max, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(s, &end, 10);
	return errno != 0 || end == s || *end != '\0' || *out > max ? -1 : 0;
}

static void
gen_usage(void)
{
	fprintf(stderr, "usage: gen_samba_estate [-u USERS] [-t TRUSTS] "
			"[-m N] [-d N] [-x N] [-s SEED] [-H HASH] OUT\n");
}

int
main(int argc, char **argv)
{
	unsigned long users = 100000, trusts = 1000, nmis = 10, ndis = 5,
		      nmiss = 5, seed = 1999, hash = 0, i, j;
	char dir[GEN_PATH_MAX], path[GEN_PATH_MAX + 32], name[32];
	char(*pw)[GEN_PW_LEN + 1] = NULL;
	uint8_t *state = NULL;
	struct secretsdb_trust st;
	struct tdbsam_user *u = NULL;
	struct tdb_context *tdb = NULL;
	struct sid acc_sid, pdc_sid, res_sid;
	struct wbuf w;
	const char *out;
	uint32_t rid;
	int c, rc = 1;

	while ((c = getopt(argc, argv, "u:t:m:d:x:s:H:")) != -1) {
		unsigned long *dst = c == 'u' ? &users :
				     c == 't' ? &trusts :
				     c == 'm' ? &nmis :
				     c == 'd' ? &ndis :
				     c == 'x' ? &nmiss :
				     c == 's' ? &seed :
				     c == 'H' ? &hash :
						NULL;

		if (dst == NULL || gen_count(optarg, 10000000, dst) != 0) {
			gen_usage();
			return 2;
		}
	}
	if (optind != argc - 1 || trusts > 9999 ||
	    nmis + ndis + nmiss > trusts) {
		gen_usage();
		return 2;
	}
	out = argv[optind];
	gen_state = seed;
	wbuf_init(&w, 1 << 20);
	memset(&st, 0, sizeof(st));
	u = calloc(1, sizeof(*u));
	pw = calloc(trusts + 1, sizeof(*pw));
	state = calloc(trusts + 1, 1);
	if (u == NULL || pw == NULL || state == NULL) {
		fprintf(stderr, "gen_samba_estate: out of memory\n");
		goto out;
	}
	if (mkdir(out, 0700) != 0 && errno != EEXIST) {
		gen_fail("mkdir", out, NULL);
		goto out;
	}
	gen_sid(&acc_sid);
	gen_sid(&pdc_sid);
	/* the broken trusts: distinct resource domains drawn from the seed */
	for (j = 0; j < nmis + ndis + nmiss; j++) {
		do
			i = 1 + gen_next() % trusts;
		while (state[i] != GEN_OK);
		state[i] = j < nmis	   ? GEN_MISMATCH :
			   j < nmis + ndis ? GEN_DISABLED :
					     GEN_MISSING;
	}

	/* the resource domains */
	for (i = 1; i <= trusts; i++) {
		snprintf(name, sizeof(name), "RES%04lu", i);
		gen_password(pw[i]);
		gen_sid(&res_sid);
		if (gen_mkdirs(out, name, dir, sizeof(dir)) != 0) {
			gen_fail("mkdir", dir, NULL);
			goto out;
		}
		snprintf(path, sizeof(path), "%s/secrets.tdb", dir);
		if ((tdb = gen_create(path, 0, 0)) == NULL)
			goto out;
		memset(&st, 0, sizeof(st));
		snprintf(st.domain, sizeof(st.domain), "ACCOUNTS");
		memcpy(st.password, pw[i], GEN_PW_LEN + 1);
		st.pass_len = GEN_PW_LEN;
		st.mod_time = GEN_NOW;
		st.sid = acc_sid;
		wbuf_reset(&w);
		if (gen_put_sid(tdb, &w, name, &res_sid) != 0 ||
		    (wbuf_reset(&w), secretsdb_trust_encode(&st, &w)) != 0 ||
		    gen_put(tdb, "SECRETS/$DOMTRUST.ACC/ACCOUNTS", 0, w.p,
			    w.len) != 0) {
			gen_fail("write", path, tdb);
			goto out;
		}
		rc = gen_finish(tdb, path);
		tdb = NULL;
		if (rc != 0)
			goto out;
		rc = 1;
		snprintf(path, sizeof(path), "%s/passdb.tdb", dir);
		if (gen_small_passdb(path, name, u, &w) != 0)
			goto out;
	}

	/* ACCOUNTS: secrets.tdb */
	if (gen_mkdirs(out, "ACCOUNTS", dir, sizeof(dir)) != 0) {
		gen_fail("mkdir", dir, NULL);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/secrets.tdb", dir);
	if ((tdb = gen_create(path, 0, 0)) == NULL)
		goto out;
	if (gen_put_sid(tdb, &w, "ACCOUNTS", &acc_sid) != 0 ||
	    gen_put_sid(tdb, &w, "ACCTPDC", &pdc_sid) != 0) {
		gen_fail("write", path, tdb);
		goto out;
	}
	rc = gen_finish(tdb, path);
	tdb = NULL;
	if (rc != 0)
		goto out;
	rc = 1;

	/* ACCOUNTS: passdb.tdb, root, the users, the trust accounts */
	snprintf(path, sizeof(path), "%s/passdb.tdb", dir);
	if ((tdb = gen_create(path, (int)hash, 1)) == NULL)
		goto out;
	rid = TDBSAM_BASE_RID;
	gen_user_template(u, "ACCOUNTS");
	snprintf(u->username, sizeof(u->username), "root");
	u->user_rid = rid++;
	u->has_nt = 1;
	for (j = 0; j < 16; j++)
		u->nt_hash[j] = (uint8_t)gen_next();
	if (gen_put_u32(tdb, "INFO/version", 4) != 0 ||
	    gen_put_u32(tdb, "INFO/minor_version", 0) != 0 ||
	    gen_put_user(tdb, &w, u) != 0) {
		gen_fail("write", path, tdb);
		goto out;
	}
	for (i = 1; i <= users; i++) {
		snprintf(u->username, sizeof(u->username), "user%06lu", i);
		snprintf(u->fullname, sizeof(u->fullname), "User %06lu", i);
		u->user_rid = rid++;
		for (j = 0; j < 16; j++)
			u->nt_hash[j] = (uint8_t)gen_next();
		if (gen_put_user(tdb, &w, u) != 0) {
			gen_fail("write", path, tdb);
			goto out;
		}
	}
	gen_user_template(u, "ACCOUNTS");
	snprintf(u->fullname, sizeof(u->fullname), "trust/machine account");
	u->acct_ctrl = TDBSAM_ACB_DOMTRUST;
	u->has_nt = 1;
	for (i = 1; i <= trusts; i++) {
		char other[GEN_PW_LEN + 1];

		if (state[i] == GEN_MISSING)
			continue;
		snprintf(u->username, sizeof(u->username), "RES%04lu$", i);
		u->user_rid = rid++;
		u->acct_ctrl = TDBSAM_ACB_DOMTRUST;
		if (state[i] == GEN_DISABLED)
			u->acct_ctrl |= TDBSAM_ACB_DISABLED;
		if (state[i] == GEN_MISMATCH) {
			gen_password(other);
			c = ntlm_nt_hash(other, u->nt_hash, NULL);
			crypto_wipe(other, sizeof(other));
		} else {
			c = ntlm_nt_hash(pw[i], u->nt_hash, NULL);
		}
		if (c != 0 || gen_put_user(tdb, &w, u) != 0) {
			gen_fail("write", path, tdb);
			goto out;
		}
	}
	if (gen_put_u32(tdb, "NEXT_RID", rid) != 0) {
		gen_fail("write", path, tdb);
		goto out;
	}
	rc = gen_finish(tdb, path);
	tdb = NULL;
	if (rc != 0)
		goto out;
	printf("%s: ACCOUNTS (%lu users, %lu trust accounts) and %lu "
	       "resource domains RES0001..RES%04lu, seed %lu\n",
	       out, users, trusts - nmiss, trusts, trusts, seed);
	printf("expect: healthy=%lu password-mismatch=%lu "
	       "trust-account-disabled=%lu trusted-side-missing=%lu\n",
	       trusts - nmis - ndis - nmiss, nmis, ndis, nmiss);
	rc = 0;
out:
	if (tdb != NULL) {
		if (tdb_transaction_active(tdb))
			tdb_transaction_cancel(tdb);
		tdb_close(tdb);
	}
	secretsdb_trust_wipe(&st);
	if (pw != NULL)
		crypto_wipe(pw, (trusts + 1) * sizeof(*pw));
	free(pw);
	free(state);
	free(u);
	wbuf_free(&w);
	crypto_shutdown();
	return rc;
}
