/*
 * tests/check_concurrency.c - two processes changing one lab at once
 * (issue 6, "Concurrency"): each forked child opens the same lab with
 * lab_open and makes 1,000 changes while the other does; afterwards
 * nothing is lost (every account, RID and name index entry is there, RIDs
 * unique, NEXT_RID moved by exactly the number of accounts added), the
 * stores still decode, and a key both children rewrite ends with one of
 * the last values written.  The lab's own state in lab.tdb (RNG position,
 * secure channels) is merged, not overwritten, when both processes flush,
 * and each process's store cache sees the other's commits (nt4/store.c,
 * the TDB_SEQNUM-validated read cache).
 *
 * Every child is bounded: CONC_N changes and CONC_LIMIT seconds; a child
 * that takes longer is killed and the test fails saying so.
 */
#include <check.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/ntlm.h"
#include "common/rng.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/records.h"
#include "nt4/sam.h"
#include "testutil.h"

#define CONC_N 1000    /* changes per child */
#define CONC_LIMIT 60  /* seconds a child may take */
#define CONC_DRAWS 100 /* RNG blocks each child draws */
#define CONC_SHARED "shared"

static char dir[512];

/* The NT hash of "<name>-pw": what every added account must end with. */
static void
conc_hash(const char *name, uint8_t h[16])
{
	char pw[128];

	snprintf(pw, sizeof(pw), "%s-pw", name);
	if (ntlm_nt_hash(pw, h, NULL) != 0)
		memset(h, 0xee, 16);
}

static double
conc_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In a child: report and leave without running check's exit handlers. */
static void
conc_die(const char *who, const char *what, const struct errinfo *ei)
{
	fprintf(stderr, "# child %s: %s: %s\n", who, what,
		ei != NULL ? ei->msg : "");
	_exit(1);
}

/*
 * Fork one child per worker and run fn(worker index) in each; wait for all
 * of them, at most CONC_LIMIT seconds; fail naming a child that failed or
 * was too slow.
 */
static void
conc_run(void (*fn)(int who), int nworkers)
{
	pid_t pid[2];
	int st, i, j, left = nworkers, done[2] = { 0, 0 };
	double t0 = conc_now();
	int gate[2];
	char c;
	pid_t p;

	ck_assert_int_le(nworkers, 2);
	/* a start gate: both begin when the parent closes the pipe */
	ck_assert_int_eq(pipe(gate), 0);
	for (i = 0; i < nworkers; i++) {
		pid[i] = fork();
		ck_assert_int_ge(pid[i], 0);
		if (pid[i] == 0) {
			close(gate[1]);
			while (read(gate[0], &c, 1) < 0 && errno == EINTR)
				;
			close(gate[0]);
			fn(i);
			_exit(0);
		}
	}
	close(gate[0]);
	close(gate[1]);
	while (left > 0) {
		for (i = 0; i < nworkers; i++) {
			if (done[i])
				continue;
			p = waitpid(pid[i], &st, WNOHANG);
			if (p == 0)
				continue;
			done[i] = 1;
			left--;
			if (p < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
				for (j = 0; j < nworkers; j++)
					if (!done[j]) {
						kill(pid[j], SIGKILL);
						(void)waitpid(pid[j], NULL, 0);
					}
				ck_abort_msg("child %d failed (status 0x%x)", i,
					     (unsigned)st);
			}
		}
		if (left > 0 && conc_now() - t0 > CONC_LIMIT) {
			for (i = 0; i < nworkers; i++)
				if (!done[i]) {
					kill(pid[i], SIGKILL);
					(void)waitpid(pid[i], NULL, 0);
				}
			ck_abort_msg("a child took over %d s (deadlock or "
				     "lock starvation?)",
				     CONC_LIMIT);
		}
		if (left > 0)
			usleep(10000);
	}
}

/* A fresh lab with ACCOUNTS (holding CONC_SHARED) and RESOURCE, closed. */
static void
setup(void)
{
	struct domain_opts o;
	struct domain *d;
	struct lab *l;
	uint8_t h[16];

	l = tu_lab_new(dir, sizeof(dir));
	memset(&o, 0, sizeof(o));
	ck_assert_int_eq(domain_create(l, "ACCOUNTS", &o, &d, NULL), 0);
	conc_hash(CONC_SHARED, h);
	ck_assert_int_eq(domain_begin(d, NULL), 0);
	ck_assert_int_eq(sam_account_add(d, CONC_SHARED, NULL, SAM_ACB_NORMAL,
					 h, NULL, NULL, NULL),
			 0);
	ck_assert_int_eq(domain_commit(d, NULL), 0);
	ck_assert_int_eq(domain_create(l, "RESOURCE", &o, &d, NULL), 0);
	/* children open the lab themselves: no handle crosses the fork */
	ck_assert_int_eq(lab_close(l, NULL), 0);
}

static void
teardown(void)
{
	char cmd[600], parent[512], *slash;

	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash != NULL && strncmp(parent, "/tmp/nt4trust-test.", 19) == 0) {
		*slash = '\0';
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", parent);
		if (system(cmd) != 0)
			fprintf(stderr, "# cannot remove %s\n", parent);
	}
}

static struct lab *
conc_open(const char *who, struct domain **acc, struct domain **res)
{
	struct errinfo ei;
	struct lab *l = NULL;

	err_clear(&ei);
	if (lab_open(&l, dir, 0, &ei) != 0)
		conc_die(who, "lab_open", &ei);
	if (lab_domain(l, "ACCOUNTS", acc, &ei) != 0 ||
	    (res != NULL && lab_domain(l, "RESOURCE", res, &ei) != 0))
		conc_die(who, "lab_domain", &ei);
	return l;
}

/*
 * Wait (bounded) until this process's handle sees name, committed by the
 * other child: the read cache must notice the other process's commits.
 */
static void
conc_wait_for(const char *who, struct domain *d, const char *name)
{
	struct rec_account a;
	double t0 = conc_now();
	int r;

	for (;;) {
		r = sam_account_find(d, name, &a, NULL);
		rec_account_wipe(&a);
		if (r == 0)
			return;
		if (r != ERR_NOTFOUND)
			conc_die(who, "sam_account_find failed", NULL);
		if (conc_now() - t0 > CONC_LIMIT / 2)
			conc_die(who, "never saw the other child's account",
				 NULL);
		usleep(2000);
	}
}

/*
 * Child of test_adds: CONC_N accounts a0000.. or b0000.., each in its own
 * transaction, interleaved with a secret of its own on RESOURCE rewritten
 * every tenth step and CONC_DRAWS blocks drawn from the lab RNG.
 */
static void
conc_adder(int who)
{
	const char *tag = who == 0 ? "A" : "B";
	char name[32], other[32], sname[32], val[32];
	struct domain *acc, *res;
	struct errinfo ei;
	struct lab *l;
	uint8_t h[16], blk[32];
	char dpath[600];
	FILE *drawn;
	int i;

	l = conc_open(tag, &acc, &res);
	err_clear(&ei);
	snprintf(sname, sizeof(sname), "CONC_%s", tag);
	snprintf(dpath, sizeof(dpath), "%s.drawn-%s", dir, tag);
	if ((drawn = fopen(dpath, "wb")) == NULL)
		conc_die(tag, dpath, NULL);
	for (i = 0; i < CONC_N; i++) {
		snprintf(name, sizeof(name), "%c%04d", who == 0 ? 'a' : 'b', i);
		conc_hash(name, h);
		if (domain_begin(acc, &ei) != 0)
			conc_die(tag, "domain_begin", &ei);
		if (sam_account_add(acc, name, NULL, SAM_ACB_NORMAL, h, NULL,
				    NULL, &ei) != 0) {
			domain_cancel(acc);
			conc_die(tag, name, &ei);
		}
		if (domain_commit(acc, &ei) != 0)
			conc_die(tag, "domain_commit", &ei);
		if (i % 10 == 9) {
			snprintf(val, sizeof(val), "%s-%04d", tag, i);
			if (domain_begin(res, &ei) != 0 ||
			    lsa_secret_set(res, sname, (const uint8_t *)val,
					   strlen(val), lab_now(l), &ei) != 0 ||
			    domain_commit(res, &ei) != 0)
				conc_die(tag, "secret", &ei);
		}
		if (i < CONC_DRAWS) {
			if (rng_bytes(lab_rng(l), blk, sizeof(blk)) != 0)
				conc_die(tag, "rng_bytes", NULL);
			if (fwrite(blk, sizeof(blk), 1, drawn) != 1)
				conc_die(tag, "cannot keep the drawn block",
					 NULL);
		}
	}
	snprintf(other, sizeof(other), "%c%04d", who == 0 ? 'b' : 'a',
		 CONC_N - 1);
	conc_wait_for(tag, acc, other);
	if (fclose(drawn) != 0)
		conc_die(tag, dpath, NULL);
	if (lab_close(l, &ei) != 0)
		conc_die(tag, "lab_close", &ei);
}

/* the CONC_DRAWS blocks a child of test_adds drew, from dir.drawn-TAG */
static void
conc_drawn(const char *tag, uint8_t (*blk)[32])
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s.drawn-%s", dir, tag);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "%s: missing", path);
	ck_assert_uint_eq(fread(blk, 32, CONC_DRAWS, f), CONC_DRAWS);
	fclose(f);
	unlink(path);
}

struct conc_seen {
	struct domain *d;
	uint32_t min, max;
	size_t n;
	unsigned char *rid_seen; /* indexed by RID - 1000 */
	size_t rid_cap;
	int bad;
	char why[160];
};

static int
conc_check_one(const struct rec_account *a, void *arg)
{
	struct conc_seen *s = arg;
	struct rec_account f;
	uint8_t h[16];

	s->n++;
	if (a->rid < SAM_RID_FIRST || a->rid - SAM_RID_FIRST >= s->rid_cap ||
	    s->rid_seen[a->rid - SAM_RID_FIRST]++) {
		snprintf(s->why, sizeof(s->why),
			 "RID %u of %s out of range "
			 "or reused",
			 a->rid, a->name);
		return s->bad = 1;
	}
	if (a->rid < s->min)
		s->min = a->rid;
	if (a->rid > s->max)
		s->max = a->rid;
	/* the name index points back at this record */
	if (sam_account_find(s->d, a->name, &f, NULL) != 0 || f.rid != a->rid) {
		snprintf(s->why, sizeof(s->why), "name index of %s broken",
			 a->name);
		rec_account_wipe(&f);
		return s->bad = 1;
	}
	rec_account_wipe(&f);
	if (strcmp(a->name, CONC_SHARED) != 0) {
		conc_hash(a->name, h);
		if (!a->has_nt || memcmp(h, a->nt_hash, 16) != 0) {
			snprintf(s->why, sizeof(s->why), "%s has a wrong hash",
				 a->name);
			return s->bad = 1;
		}
	}
	return 0;
}

static int
conc_secret_count(const struct rec_secret *sec, void *arg)
{
	(void)sec;
	(*(size_t *)arg)++;
	return 0;
}

START_TEST(test_adds)
{
	struct domain *acc, *res;
	struct conc_seen s;
	struct rec_account a;
	struct rec_secret sec;
	struct errinfo ei;
	struct lab *l;
	char name[32];
	uint32_t rid0;
	uint64_t ctr0;
	static uint8_t da[CONC_DRAWS][32], db[CONC_DRAWS][32];
	size_t nsec = 0;
	int i, w;

	/* where the lab stands before the children start */
	ck_assert_int_eq(lab_open(&l, dir, 0, NULL), 0);
	ck_assert_int_eq(lab_domain(l, "ACCOUNTS", &acc, NULL), 0);
	rid0 = acc->rec.next_rid;
	ctr0 = lab_rng(l)->counter;
	ck_assert_int_eq(lab_close(l, NULL), 0);

	conc_run(conc_adder, 2);

	err_clear(&ei);
	ck_assert_int_eq(lab_open(&l, dir, 0, &ei), 0);
	ck_assert_int_eq(lab_domain(l, "ACCOUNTS", &acc, &ei), 0);
	ck_assert_int_eq(lab_domain(l, "RESOURCE", &res, &ei), 0);
	/* NEXT_RID moved by exactly the 2,000 accounts added */
	ck_assert_uint_eq(acc->rec.next_rid, rid0 + 2 * CONC_N);
	for (w = 0; w < 2; w++)
		for (i = 0; i < CONC_N; i++) {
			snprintf(name, sizeof(name), "%c%04d",
				 w == 0 ? 'a' : 'b', i);
			if (sam_account_find(acc, name, &a, &ei) != 0)
				ck_abort_msg("account %s lost", name);
			ck_assert_uint_ge(a.rid, rid0);
			ck_assert_uint_lt(a.rid, rid0 + 2 * CONC_N);
			rec_account_wipe(&a);
		}
	/* the whole SAM decodes; RIDs unique; index consistent; hashes */
	memset(&s, 0, sizeof(s));
	s.d = acc;
	s.min = UINT32_MAX;
	s.rid_cap = rid0 + 2 * CONC_N - SAM_RID_FIRST;
	s.rid_seen = calloc(s.rid_cap, 1);
	ck_assert_ptr_nonnull(s.rid_seen);
	ck_assert_int_eq(sam_account_list(acc, conc_check_one, &s, &ei), 0);
	free(s.rid_seen);
	if (s.bad)
		ck_abort_msg("%s", s.why);
	ck_assert_uint_eq(s.n, 2 * CONC_N + 1);
	ck_assert_uint_eq(s.max, rid0 + 2 * CONC_N - 1);
	/* each child's secret holds its last value, the one before as old */
	ck_assert_int_eq(lsa_secret_get(res, "CONC_A", &sec, &ei), 0);
	ck_assert_uint_eq(sec.cur_len, 6);
	ck_assert_int_eq(memcmp(sec.cur, "A-0999", 6), 0);
	ck_assert_int_eq(memcmp(sec.old, "A-0989", 6), 0);
	ck_assert_int_eq(lsa_secret_get(res, "CONC_B", &sec, &ei), 0);
	ck_assert_int_eq(memcmp(sec.cur, "B-0999", 6), 0);
	ck_assert_int_eq(memcmp(sec.old, "B-0989", 6), 0);
	crypto_wipe(&sec, sizeof(sec));
	ck_assert_int_eq(lsa_secret_list(res, conc_secret_count, &nsec, &ei),
			 0);
	ck_assert_uint_ge(nsec, 2);
	/*
	 * lab.tdb: the RNG position it keeps is past every block either
	 * process drew (each drew from a range of its own).
	 */
	ck_assert_uint_ge(lab_rng_reserved(l), ctr0 + 2 * CONC_DRAWS);
	ck_assert_int_eq(lab_close(l, &ei), 0);
	/*
	 * The RNG: the two processes shared one lab and one seed, yet no
	 * block one drew is one the other drew (leases from lab.tdb).
	 */
	conc_drawn("A", da);
	conc_drawn("B", db);
	for (i = 0; i < CONC_DRAWS; i++)
		for (w = 0; w < CONC_DRAWS; w++)
			ck_assert_msg(memcmp(da[i], db[w], 32) != 0,
				      "block %d of A is block %d of B", i, w);
}
END_TEST

/*
 * Child of test_same_key: set the password of CONC_SHARED CONC_N times,
 * "<tag>-<i>" each, one transaction each.
 */
static void
conc_setter(int who)
{
	const char *tag = who == 0 ? "A" : "B";
	struct rec_account a;
	struct domain *acc;
	struct errinfo ei;
	struct lab *l;
	char pw[32];
	int i;

	l = conc_open(tag, &acc, NULL);
	err_clear(&ei);
	for (i = 0; i < CONC_N; i++) {
		snprintf(pw, sizeof(pw), "%s-%04d", tag, i);
		if (domain_begin(acc, &ei) != 0)
			conc_die(tag, "domain_begin", &ei);
		if (sam_account_find(acc, CONC_SHARED, &a, &ei) != 0 ||
		    ntlm_nt_hash(pw, a.nt_hash, &ei) != 0 ||
		    sam_account_update(acc, &a, &ei) != 0) {
			domain_cancel(acc);
			conc_die(tag, "set password", &ei);
		}
		rec_account_wipe(&a);
		if (domain_commit(acc, &ei) != 0)
			conc_die(tag, "domain_commit", &ei);
	}
	if (lab_close(l, &ei) != 0)
		conc_die(tag, "lab_close", &ei);
}

START_TEST(test_same_key)
{
	struct rec_account a, b;
	struct domain *acc;
	struct errinfo ei;
	struct lab *l;
	uint8_t ha[16], hb[16];
	uint32_t rid0;

	ck_assert_int_eq(lab_open(&l, dir, 0, NULL), 0);
	ck_assert_int_eq(lab_domain(l, "ACCOUNTS", &acc, NULL), 0);
	rid0 = acc->rec.next_rid;
	ck_assert_int_eq(lab_close(l, NULL), 0);

	conc_run(conc_setter, 2);

	err_clear(&ei);
	ck_assert_int_eq(lab_open(&l, dir, 0, &ei), 0);
	ck_assert_int_eq(lab_domain(l, "ACCOUNTS", &acc, &ei), 0);
	ck_assert_uint_eq(acc->rec.next_rid, rid0);
	/* the record decodes, by name and by RID, and is one account */
	ck_assert_int_eq(sam_account_find(acc, CONC_SHARED, &a, &ei), 0);
	ck_assert_int_eq(sam_account_by_rid(acc, a.rid, &b, &ei), 0);
	ck_assert_str_eq(b.name, CONC_SHARED);
	ck_assert_int_eq(memcmp(a.nt_hash, b.nt_hash, 16), 0);
	/* the final password is the last one one of the children wrote */
	ck_assert_int_eq(ntlm_nt_hash("A-0999", ha, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("B-0999", hb, NULL), 0);
	if (memcmp(a.nt_hash, ha, 16) != 0 && memcmp(a.nt_hash, hb, 16) != 0)
		ck_abort_msg("the final hash of %s is neither A-0999 nor "
			     "B-0999 (lost or torn update)",
			     CONC_SHARED);
	rec_account_wipe(&a);
	rec_account_wipe(&b);
	ck_assert_int_eq(lab_close(l, &ei), 0);
}
END_TEST

/* A marker file next to the lab, for ordering the two children. */
static void
conc_mark(const char *what)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/../%s", dir, what);
	f = fopen(path, "w");
	if (f != NULL)
		fclose(f);
}

static void
conc_await(const char *who, const char *what)
{
	char path[600];
	double t0 = conc_now();

	snprintf(path, sizeof(path), "%s/../%s", dir, what);
	while (access(path, F_OK) != 0) {
		if (conc_now() - t0 > CONC_LIMIT / 2)
			conc_die(who, "waited too long for", NULL);
		usleep(2000);
	}
}

/*
 * Child of test_channels: both open the lab (so both loaded the same
 * channels); A stores the client side of ACCOUNTS->RESOURCE and closes,
 * then B, which loaded before A's flush, stores another channel and
 * closes.  B's flush must not drop A's channel.
 */
static void
conc_channel(int who)
{
	const char *tag = who == 0 ? "A" : "B";
	struct rec_channel c;
	struct domain *acc;
	struct errinfo ei;
	struct lab *l;

	l = conc_open(tag, &acc, NULL);
	err_clear(&ei);
	memset(&c, 0, sizeof(c));
	c.side = who == 0 ? REC_CHANNEL_CLIENT : REC_CHANNEL_SERVER;
	snprintf(c.owner, sizeof(c.owner), "%s",
		 who == 0 ? "ACCOUNTS" : "RESOURCE");
	snprintf(c.peer, sizeof(c.peer), "%s",
		 who == 0 ? "RESOURCE" : "ACCOUNTSPDC");
	snprintf(c.account, sizeof(c.account), "%s",
		 who == 0 ? "ACCOUNTS$" : "RESOURCE$");
	c.established = lab_now(l);
	if (who == 0) {
		conc_await(tag, "B-open");
	} else {
		conc_mark("B-open");
		conc_await(tag, "A-done");
	}
	if (lab_channel_put(l, &c, &ei) != 0)
		conc_die(tag, "lab_channel_put", &ei);
	if (lab_close(l, &ei) != 0)
		conc_die(tag, "lab_close", &ei);
	if (who == 0)
		conc_mark("A-done");
}

START_TEST(test_channels)
{
	struct errinfo ei;
	struct lab *l;

	conc_run(conc_channel, 2);
	err_clear(&ei);
	ck_assert_int_eq(lab_open(&l, dir, 0, &ei), 0);
	if (lab_channel_get(l, REC_CHANNEL_CLIENT, "ACCOUNTS", "RESOURCE") ==
	    NULL)
		ck_abort_msg("A's channel was lost when B flushed lab.tdb");
	ck_assert_ptr_nonnull(lab_channel_get(l, REC_CHANNEL_SERVER, "RESOURCE",
					      "ACCOUNTSPDC"));
	ck_assert_uint_eq(lab_channel_count(l), 2);
	ck_assert_int_eq(lab_close(l, &ei), 0);
}
END_TEST

Suite *concurrency_suite(void);

Suite *
concurrency_suite(void)
{
	Suite *s = suite_create("concurrency");
	TCase *tc = tcase_create("two processes");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 2 * CONC_LIMIT + 30);
	tcase_add_test(tc, test_adds);
	tcase_add_test(tc, test_same_key);
	tcase_add_test(tc, test_channels);
	suite_add_tcase(s, tc);
	return s;
}
