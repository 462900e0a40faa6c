/*
 * nt4/lab.c - the lab directory: lab.tdb (clock, RNG seed and position) and
 * the cache of open emulated PDCs.
 *
 * DESIGN.md section 3.  The clock starts at LAB_EPOCH; the RNG is the seeded
 * HMAC-SHA256 generator of common/rng.c.  Its blocks are leased: before a
 * process draws past its reserved range it reserves the next LAB_RNG_LEASE
 * blocks in lab.tdb (one transaction; what it does not use is not given
 * back, which would cost a second one per process).  Two processes holding
 * one lab open at once so never draw the same block (the same SID,
 * challenge or password), and the same commands on a new lab still replay
 * identically (each process starts where the last lease ended).  What is
 * left of a lease when the lab is closed is kept for the next lab_open of
 * the same lab in the same process (`lab run` opens and closes the lab
 * once per command): those blocks were reserved for this process and no
 * other, so it goes on drawing from them instead of leasing again.  The
 * write-back at close merges
 * (the furthest clock, only this process's own channel changes), so one
 * process's flush does not undo the other's (tests/check_concurrency.c).
 */
#include "lab.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/rng.h"
#include "common/sbuf.h"
#include "common/wbuf.h"
#include "nt4/domain.h"
#include "nt4/lab_int.h"
#include "nt4/records.h"
#include "nt4/store.h"

#define LAB_KEY "LAB"

struct lab_dom {
	char name[REC_NAME_MAX + 1];
	struct domain *d;
};

struct lab {
	char *dir;
	struct store *st;
	struct rec_lab rec;
	struct rng rng;
	struct errinfo rng_ei; /* why the last lease failed */
	struct lab_dom *doms;
	size_t ndoms;
	struct rec_channel *chans; /* cached secure channels */
	size_t nchans;
	int chans_dirty;
	struct rec_channel *base; /* the channels as last loaded or flushed */
	size_t nbase;
	char (*offline)[REC_NAME_MAX + 1]; /* PDCs marked offline */
	size_t noffline;
	dev_t dev; /* lab.tdb's identity, for the lease left at close */
	ino_t ino;
};

#define LAB_CHANNEL_PREFIX "CHANNEL/"
/* RNG blocks reserved per transaction on lab.tdb (one block per challenge) */
#define LAB_RNG_LEASE 4096

/*
 * The unused rest of the last lease of a lab this process closed (see the
 * head of this file).  It is taken only by the same process (a child of
 * fork() inherits a copy and must not draw the same blocks), for the same
 * lab.tdb file and seed, and only while lab.tdb's position is at or past
 * its end (nothing reset the lab meanwhile).
 */
static struct {
	pthread_mutex_t mu;
	int valid;
	pid_t pid;
	dev_t dev;
	ino_t ino;
	uint8_t seed[32];
	uint64_t counter, limit;
} lab_lease_left = { .mu = PTHREAD_MUTEX_INITIALIZER };

static void
lab_lease_keep(const struct lab *l)
{
	if (l->rng.refill == NULL || l->rng.counter >= l->rng.limit ||
	    l->ino == 0)
		return;
	pthread_mutex_lock(&lab_lease_left.mu);
	lab_lease_left.valid = 1;
	lab_lease_left.pid = getpid();
	lab_lease_left.dev = l->dev;
	lab_lease_left.ino = l->ino;
	memcpy(lab_lease_left.seed, l->rng.seed, sizeof(lab_lease_left.seed));
	lab_lease_left.counter = l->rng.counter;
	lab_lease_left.limit = l->rng.limit;
	pthread_mutex_unlock(&lab_lease_left.mu);
}

static void
lab_lease_resume(struct lab *l)
{
	pthread_mutex_lock(&lab_lease_left.mu);
	if (lab_lease_left.valid && lab_lease_left.pid == getpid() &&
	    lab_lease_left.dev == l->dev && lab_lease_left.ino == l->ino &&
	    crypto_equal(lab_lease_left.seed, l->rec.seed,
			 sizeof(lab_lease_left.seed)) &&
	    l->rec.rng_counter >= lab_lease_left.limit) {
		l->rng.counter = lab_lease_left.counter;
		l->rng.limit = lab_lease_left.limit;
	}
	lab_lease_left.valid = 0;
	crypto_wipe(lab_lease_left.seed, sizeof(lab_lease_left.seed));
	pthread_mutex_unlock(&lab_lease_left.mu);
}

/* The default seed: every new lab replays identically. */
static void
lab_default_seed(uint8_t seed[32])
{
	static const char tag[] = "nt4trust lab seed v1";
	struct crypto_iov iov = { tag, sizeof(tag) - 1 };

	(void)crypto_sha256(&iov, 1, seed);
}

static int
lab_dir_is_empty(const char *dir, int *empty, struct errinfo *ei)
{
	struct dirent *de;
	DIR *d = opendir(dir);

	*empty = 0;
	if (d == NULL)
		return ERR(ei, ERR_IO, "%s: %s", dir, strerror(errno));
	*empty = 1;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			*empty = 0;
			break;
		}
	}
	closedir(d);
	return 0;
}

static int
lab_write_rec(struct lab *l, const struct rec_lab *rec, struct errinfo *ei)
{
	struct wbuf w;
	int r;

	wbuf_init(&w, 256);
	if ((r = rec_lab_encode(rec, &w)) != 0) {
		r = ERR(ei, r, "cannot encode the lab record");
		goto out;
	}
	r = store_put(l->st, LAB_KEY, w.p, w.len, ei);
out:
	wbuf_free(&w);
	return r;
}

static int
lab_read_rec(struct lab *l, struct rec_lab *rec, struct errinfo *ei)
{
	uint8_t *v = NULL;
	size_t n;
	int r;

	r = store_get(l->st, LAB_KEY, &v, &n, ei);
	if (r == ERR_NOTFOUND) {
		r = ERR(ei, ERR_FORMAT, "%s: key %s: missing",
			store_path(l->st), LAB_KEY);
		goto out;
	}
	if (r != 0)
		goto out;
	r = rec_lab_decode(rec, v, n, ei);
	if (r != 0)
		err_prefix(ei, "%s: key %s", store_path(l->st), LAB_KEY);
out:
	if (v != NULL)
		crypto_wipe(v, n);
	free(v);
	return r;
}

static int
lab_create_file(struct lab *l, const char *path, struct errinfo *ei)
{
	int r;

	r = store_open(&l->st, path, STORE_CREATE | STORE_CACHE, ei);
	if (r != 0)
		return r;
	memset(&l->rec, 0, sizeof(l->rec));
	l->rec.created = LAB_EPOCH;
	l->rec.clock = LAB_EPOCH;
	lab_default_seed(l->rec.seed);
	l->rec.rng_counter = 0;
	if ((r = store_begin(l->st, ei)) != 0)
		return r;
	if ((r = lab_write_rec(l, &l->rec, ei)) != 0) {
		store_cancel(l->st);
		return r;
	}
	return store_commit(l->st, ei);
}

struct lab_load {
	struct lab *l;
	struct errinfo *ei;
};

static int
lab_channel_load_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct lab_load *ld = arg;
	struct rec_channel c;
	int r;

	r = rec_channel_decode(&c, val, len, ld->ei);
	if (r != 0) {
		err_prefix(ld->ei, "corrupt record in %s, key %s",
			   store_path(ld->l->st), key);
		return r;
	}
	r = lab_channel_put(ld->l, &c, ld->ei);
	rec_channel_wipe(&c);
	return r;
}

static void
lab_base_free(struct lab *l)
{
	if (l->base != NULL)
		crypto_wipe(l->base, l->nbase * sizeof(*l->base));
	free(l->base);
	l->base = NULL;
	l->nbase = 0;
}

/* Remember the channels as they are now in lab.tdb (after load or flush). */
static int
lab_base_set(struct lab *l, struct errinfo *ei)
{
	lab_base_free(l);
	if (l->nchans == 0)
		return 0;
	l->base = mem_zalloc(l->nchans * sizeof(*l->base));
	if (l->base == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	memcpy(l->base, l->chans, l->nchans * sizeof(*l->base));
	l->nbase = l->nchans;
	return 0;
}

static int
lab_channels_load(struct lab *l, struct errinfo *ei)
{
	struct lab_load ld = { l, ei };
	int r;

	r = store_list(l->st, LAB_CHANNEL_PREFIX, lab_channel_load_one, &ld,
		       ei);
	if (r == 0)
		r = lab_base_set(l, ei);
	l->chans_dirty = 0;
	return r;
}

static void
lab_channel_key(char *key, size_t len, const struct rec_channel *c)
{
	snprintf(key, len, "%s%c/%s/%s", LAB_CHANNEL_PREFIX,
		 c->side == REC_CHANNEL_CLIENT ? 'C' : 'S', c->owner, c->peer);
}

static const struct rec_channel *
lab_channel_in(const struct rec_channel *v, size_t n,
	       const struct rec_channel *c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].side == c->side && names_equal(v[i].owner, c->owner) &&
		    names_equal(v[i].peer, c->peer))
			return &v[i];
	return NULL;
}

/*
 * Inside a transaction on lab.tdb: write this process's changes to the
 * CHANNEL/ records since it loaded (or last flushed) them -- delete the
 * ones it dropped, store the ones it added or changed -- and leave every
 * other record as it is, so channels another process established or moved
 * on meanwhile are not lost (a merge, not last-writer-wins of the set).
 */
static int
lab_channels_write(struct lab *l, struct errinfo *ei)
{
	const struct rec_channel *b;
	char key[128];
	struct wbuf w;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < l->nbase; i++) {
		if (lab_channel_in(l->chans, l->nchans, &l->base[i]) != NULL)
			continue;
		lab_channel_key(key, sizeof(key), &l->base[i]);
		r = store_delete(l->st, key, ei);
		if (r == ERR_NOTFOUND)
			r = 0;
	}
	for (i = 0; r == 0 && i < l->nchans; i++) {
		b = lab_channel_in(l->base, l->nbase, &l->chans[i]);
		if (b != NULL && memcmp(b, &l->chans[i], sizeof(*b)) == 0)
			continue;
		wbuf_init(&w, 512);
		r = rec_channel_encode(&l->chans[i], &w);
		lab_channel_key(key, sizeof(key), &l->chans[i]);
		if (r == 0)
			r = store_put(l->st, key, w.p, w.len, ei);
		else
			r = ERR(ei, r, "cannot encode %s", key);
		wbuf_free(&w);
	}
	return r;
}

static int
lab_offline_add(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct lab *l = arg;
	char(*no)[REC_NAME_MAX + 1];
	const char *name = key + strlen("OFFLINE/");

	(void)val;
	(void)len;
	if (names_domain_check(name, NULL) != 0)
		return 0;
	no = mem_realloc(l->offline, (l->noffline + 1) * sizeof(*no));
	if (no == NULL)
		return ERR_NOMEM;
	l->offline = no;
	(void)names_upper(no[l->noffline], sizeof(no[0]), name);
	l->noffline++;
	return 0;
}

/* The offline flags are read once; lab_set_offline keeps them current. */
static int
lab_offline_load(struct lab *l, struct errinfo *ei)
{
	int r;

	free(l->offline);
	l->offline = NULL;
	l->noffline = 0;
	r = store_list(l->st, "OFFLINE/", lab_offline_add, l, ei);
	if (r == ERR_NOMEM)
		r = ERR(ei, r, "out of memory");
	return r;
}

/*
 * The RNG's refill: reserve LAB_RNG_LEASE blocks from lab.tdb's position
 * (or ours, if further) in a transaction of its own.  Why it failed is
 * kept in rng_ei for lab_rng_failed.
 */
static int
lab_rng_refill(void *arg, struct rng *r)
{
	struct lab *l = arg;
	struct rec_lab cur;
	uint64_t start;
	int rc;

	err_clear(&l->rng_ei);
	if (store_in_transaction(l->st)) /* no lab.c transaction draws */
		return ERR(&l->rng_ei, ERR_INTERNAL,
			   "drawn inside a "
			   "transaction on lab.tdb");
	if ((rc = store_begin(l->st, &l->rng_ei)) != 0)
		return rc;
	if ((rc = lab_read_rec(l, &cur, &l->rng_ei)) == 0) {
		start = cur.rng_counter > r->counter ? cur.rng_counter :
						       r->counter;
		if (start > UINT64_MAX - LAB_RNG_LEASE)
			rc = ERR(&l->rng_ei, ERR_RANGE,
				 "the generator is "
				 "used up");
		else {
			cur.rng_counter = start + LAB_RNG_LEASE;
			rc = lab_write_rec(l, &cur, &l->rng_ei);
		}
		rec_lab_wipe(&cur);
	}
	if (rc != 0) {
		store_cancel(l->st);
		return rc;
	}
	if ((rc = store_commit(l->st, &l->rng_ei)) != 0)
		return rc;
	r->counter = start;
	r->limit = start + LAB_RNG_LEASE;
	return 0;
}

int
lab_open(struct lab **out, const char *dir, int flags, struct errinfo *ei)
{
	struct lab *l = NULL;
	struct stat st;
	char path[4096];
	int r = ERR_INTERNAL, empty;

	*out = NULL;
	if ((r = crypto_init(ei)) != 0)
		goto out;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, LAB_FILE) >=
	    sizeof(path)) {
		r = ERR(ei, ERR_RANGE, "lab directory name too long");
		goto out;
	}
	l = mem_zalloc(sizeof(*l));
	if (l == NULL || (l->dir = mem_strdup(dir)) == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	if (stat(dir, &st) != 0) {
		if (errno != ENOENT || !(flags & LAB_CREATE)) {
			r = ERR(ei, errno == ENOENT ? ERR_NOTFOUND : ERR_IO,
				"no nt4trust lab in %s (%s)", dir,
				errno == ENOENT ? "no such directory" :
						  strerror(errno));
			goto out;
		}
		if (mkdir(dir, 0700) != 0) {
			r = ERR(ei, ERR_IO,
				"cannot create lab directory %s: %s", dir,
				strerror(errno));
			goto out;
		}
	} else if (!S_ISDIR(st.st_mode)) {
		r = ERR(ei, ERR_INVALID, "%s is not a directory", dir);
		goto out;
	}
	if (stat(path, &st) != 0) {
		if ((r = lab_dir_is_empty(dir, &empty, ei)) != 0)
			goto out;
		if (!empty) {
			r = ERR(ei, ERR_INVALID,
				"%s is not an nt4trust lab (it holds files "
				"but no %s)",
				dir, LAB_FILE);
			goto out;
		}
		if (!(flags & LAB_CREATE)) {
			r = ERR(ei, ERR_NOTFOUND,
				"no nt4trust lab in %s (the directory is "
				"empty; create a domain first)",
				dir);
			goto out;
		}
		if ((r = lab_create_file(l, path, ei)) != 0)
			goto out;
	} else {
		if ((r = store_open(&l->st, path, STORE_CACHE, ei)) != 0)
			goto out;
		if ((r = lab_read_rec(l, &l->rec, ei)) != 0)
			goto out;
	}
	rng_init_seeded(&l->rng, l->rec.seed, l->rec.rng_counter);
	rng_set_refill(&l->rng, lab_rng_refill, l);
	if (stat(path, &st) == 0) {
		l->dev = st.st_dev;
		l->ino = st.st_ino;
		lab_lease_resume(l);
	}
	if ((r = lab_channels_load(l, ei)) != 0 ||
	    (r = lab_offline_load(l, ei)) != 0)
		goto out;
	*out = l;
	l = NULL;
	r = 0;
out:
	if (l != NULL)
		(void)lab_close(l, NULL);
	return r;
}

int
lab_flush(struct lab *l, struct errinfo *ei)
{
	struct rec_lab cur;
	int r;

	if (!l->chans_dirty)
		return 0;
	r = store_begin(l->st, ei);
	if (r == 0 && (r = lab_read_rec(l, &cur, ei)) == 0) {
		/* the RNG position is the leases'; keep the furthest clock */
		if (l->rec.clock > cur.clock)
			cur.clock = l->rec.clock;
		r = lab_write_rec(l, &cur, ei);
		l->rec.clock = cur.clock;
		l->rec.rng_counter = cur.rng_counter;
		rec_lab_wipe(&cur);
	}
	if (r == 0 && l->chans_dirty)
		r = lab_channels_write(l, ei);
	if (r == 0)
		r = store_commit(l->st, ei);
	else
		store_cancel(l->st);
	if (r == 0 && l->chans_dirty && (r = lab_base_set(l, ei)) == 0)
		l->chans_dirty = 0;
	return r;
}

int
lab_close(struct lab *l, struct errinfo *ei)
{
	size_t i;
	int r = 0;

	if (l == NULL)
		return 0;
	for (i = 0; i < l->ndoms; i++)
		domain_close(l->doms[i].d);
	free(l->doms);
	if (l->st != NULL)
		r = lab_flush(l, ei);
	if (l->chans != NULL)
		crypto_wipe(l->chans, l->nchans * sizeof(*l->chans));
	free(l->chans);
	lab_base_free(l);
	crypto_forget(); /* keyed state of this lab's secure channels */
	free(l->offline);
	store_close(l->st);
	if (r == 0)
		lab_lease_keep(l);
	rng_wipe(&l->rng);
	rec_lab_wipe(&l->rec);
	free(l->dir);
	free(l);
	return r;
}

const char *
lab_dir(const struct lab *l)
{
	return l->dir;
}

uint64_t
lab_now(const struct lab *l)
{
	return l->rec.clock;
}

struct rng *
lab_rng(struct lab *l)
{
	return &l->rng;
}

uint64_t
lab_rng_reserved(const struct lab *l)
{
	return l->rec.rng_counter;
}

int
lab_rng_failed(struct lab *l, int r, struct errinfo *ei)
{
	if (l->rng_ei.code == 0)
		return ERR(ei, r, "random source failed");
	r = ERR(ei, r, "random source failed: %s", l->rng_ei.msg);
	err_clear(&l->rng_ei);
	return r;
}

int
lab_domain_path(const struct lab *l, const char *name, char *buf, size_t len)
{
	char up[REC_NAME_MAX + 1];

	if (names_upper(up, sizeof(up), name) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(buf, len, "%s/%s.tdb", l->dir, up) >= len)
		return ERR_RANGE;
	return 0;
}

int
lab_domain_exists(const struct lab *l, const char *name)
{
	char path[4096];
	struct stat st;

	if (lab_domain_path(l, name, path, sizeof(path)) != 0)
		return 0;
	return stat(path, &st) == 0;
}

static struct lab_dom *
lab_find(struct lab *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->ndoms; i++)
		if (names_equal(l->doms[i].name, name))
			return &l->doms[i];
	return NULL;
}

/* Remember d under name (called by domain_create and lab_domain). */
static int
lab_remember(struct lab *l, const char *name, struct domain *d,
	     struct errinfo *ei)
{
	struct lab_dom *nd;

	nd = mem_realloc(l->doms, (l->ndoms + 1) * sizeof(*nd));
	if (nd == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	l->doms = nd;
	(void)names_upper(nd[l->ndoms].name, sizeof(nd[l->ndoms].name), name);
	nd[l->ndoms].d = d;
	l->ndoms++;
	return 0;
}

int
lab_domain(struct lab *l, const char *name, struct domain **out,
	   struct errinfo *ei)
{
	struct lab_dom *ld;
	struct domain *d = NULL;
	char path[4096];
	int r;

	*out = NULL;
	/*
	 * A domain already open was checked when it was opened, and a name
	 * equal to a valid one but for case is valid: check only new names.
	 */
	ld = name != NULL ? lab_find(l, name) : NULL;
	if (ld != NULL) {
		*out = ld->d;
		return 0;
	}
	if ((r = names_domain_check(name, ei)) != 0)
		return r;
	if (lab_domain_path(l, name, path, sizeof(path)) != 0)
		return ERR(ei, ERR_RANGE, "path too long");
	r = domain_open(l, name, path, &d, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_NOTFOUND, "no domain %s in lab %s", name,
			   l->dir);
	if (r != 0)
		return r;
	if ((r = lab_remember(l, name, d, ei)) != 0) {
		domain_close(d);
		return r;
	}
	*out = d;
	return 0;
}

int
lab_domain_adopt(struct lab *l, const char *name, struct domain *d,
		 struct errinfo *ei)
{
	return lab_remember(l, name, d, ei);
}

void
lab_domain_forget(struct lab *l, const char *name)
{
	struct lab_dom *ld = lab_find(l, name);
	size_t i;

	if (ld == NULL)
		return;
	domain_close(ld->d);
	i = (size_t)(ld - l->doms);
	memmove(&l->doms[i], &l->doms[i + 1],
		(l->ndoms - i - 1) * sizeof(*l->doms));
	l->ndoms--;
}

static int
lab_namecmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
lab_names_free(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
lab_domain_names(const struct lab *l, char ***names, size_t *n,
		 struct errinfo *ei)
{
	char **v = NULL, **nv, up[REC_NAME_MAX + 1];
	size_t cnt = 0, len;
	struct dirent *de;
	char base[64];
	DIR *d;
	int r = ERR_INTERNAL;

	*names = NULL;
	*n = 0;
	d = opendir(l->dir);
	if (d == NULL)
		return ERR(ei, ERR_IO, "%s: %s", l->dir, strerror(errno));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || len - 4 >= sizeof(base) ||
		    strcmp(de->d_name + len - 4, ".tdb") != 0 ||
		    strcmp(de->d_name, LAB_FILE) == 0)
			continue;
		memcpy(base, de->d_name, len - 4);
		base[len - 4] = '\0';
		if (names_domain_check(base, NULL) != 0 ||
		    names_upper(up, sizeof(up), base) != 0 ||
		    strcmp(up, base) != 0)
			continue;
		nv = mem_realloc(v, (cnt + 1) * sizeof(*v));
		if (nv == NULL || (nv[cnt] = mem_strdup(base)) == NULL) {
			if (nv != NULL)
				v = nv;
			r = ERR(ei, ERR_NOMEM, "out of memory");
			goto out;
		}
		v = nv;
		cnt++;
	}
	if (cnt > 1)
		qsort(v, cnt, sizeof(*v), lab_namecmp);
	*names = v;
	*n = cnt;
	v = NULL;
	cnt = 0;
	r = 0;
out:
	closedir(d);
	lab_names_free(v, cnt);
	return r;
}

/* ---- secure channels ---- */

static struct rec_channel *
lab_channel_find(struct lab *l, int side, const char *owner, const char *peer)
{
	size_t i;

	for (i = 0; i < l->nchans; i++)
		if (l->chans[i].side == side &&
		    names_equal(l->chans[i].owner, owner) &&
		    names_equal(l->chans[i].peer, peer))
			return &l->chans[i];
	return NULL;
}

struct rec_channel *
lab_channel_get(struct lab *l, int side, const char *owner, const char *peer)
{
	return lab_channel_find(l, side, owner, peer);
}

int
lab_channel_put(struct lab *l, const struct rec_channel *c, struct errinfo *ei)
{
	struct rec_channel *slot =
		lab_channel_find(l, c->side, c->owner, c->peer);
	struct rec_channel *nc;

	if (slot == NULL) {
		nc = mem_realloc(l->chans, (l->nchans + 1) * sizeof(*nc));
		if (nc == NULL)
			return ERR(ei, ERR_NOMEM, "out of memory");
		l->chans = nc;
		slot = &l->chans[l->nchans++];
	}
	*slot = *c;
	l->chans_dirty = 1;
	return 0;
}

void
lab_channel_touch(struct lab *l)
{
	l->chans_dirty = 1;
}

static void
lab_channel_remove(struct lab *l, size_t i)
{
	crypto_wipe(&l->chans[i], sizeof(l->chans[i]));
	memmove(&l->chans[i], &l->chans[i + 1],
		(l->nchans - i - 1) * sizeof(*l->chans));
	l->nchans--;
	l->chans_dirty = 1;
}

int
lab_channel_drop(struct lab *l, int side, const char *owner, const char *peer)
{
	struct rec_channel *c = lab_channel_find(l, side, owner, peer);

	if (c == NULL)
		return 0;
	lab_channel_remove(l, (size_t)(c - l->chans));
	return 1;
}

size_t
lab_channel_drop_domain(struct lab *l, const char *name)
{
	size_t i = 0, n = 0;

	while (i < l->nchans) {
		if (names_equal(l->chans[i].owner, name)) {
			lab_channel_remove(l, i);
			n++;
		} else {
			i++;
		}
	}
	return n;
}

size_t
lab_channel_count(const struct lab *l)
{
	return l->nchans;
}

const struct rec_channel *
lab_channel_at(const struct lab *l, size_t i)
{
	return i < l->nchans ? &l->chans[i] : NULL;
}

/* ---- offline flags, clock, journals ---- */

static int
lab_key(char *key, size_t len, const char *prefix, const char *a, const char *b)
{
	char ua[REC_NAME_MAX + 1], ub[REC_NAME_MAX + 1];

	if (names_upper(ua, sizeof(ua), a) != 0 ||
	    (b != NULL && names_upper(ub, sizeof(ub), b) != 0))
		return ERR_RANGE;
	if ((size_t)snprintf(key, len, "%s%s%s%s", prefix, ua,
			     b != NULL ? "/" : "", b != NULL ? ub : "") >= len)
		return ERR_RANGE;
	return 0;
}

int
lab_offline(struct lab *l, const char *name)
{
	size_t i;

	for (i = 0; i < l->noffline; i++)
		if (names_equal(l->offline[i], name))
			return 1;
	return 0;
}

int
lab_set_offline(struct lab *l, const char *name, int offline,
		struct errinfo *ei)
{
	char key[64];
	int r;

	if ((r = names_domain_check(name, ei)) != 0)
		return r;
	if (lab_key(key, sizeof(key), "OFFLINE/", name, NULL) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	if ((r = store_begin(l->st, ei)) != 0)
		return r;
	if (offline)
		r = store_put(l->st, key, "1", 1, ei);
	else {
		r = store_delete(l->st, key, ei);
		if (r == ERR_NOTFOUND)
			r = 0;
	}
	if (r != 0) {
		store_cancel(l->st);
		return r;
	}
	if ((r = store_commit(l->st, ei)) != 0)
		return r;
	return lab_offline_load(l, ei);
}

int
lab_clock_set(struct lab *l, uint64_t t, struct errinfo *ei)
{
	struct rec_lab cur;
	int r;

	if (t < l->rec.clock)
		return ERR(ei, ERR_INVALID, "the lab clock never goes back");
	if ((r = store_begin(l->st, ei)) != 0)
		return r;
	r = lab_read_rec(l, &cur, ei);
	if (r == 0) {
		/* only the clock changes: the RNG position is the leases' */
		if (cur.clock > t)
			t = cur.clock;
		cur.clock = t;
		r = lab_write_rec(l, &cur, ei);
		if (r == 0)
			l->rec.clock = t;
		rec_lab_wipe(&cur);
	}
	if (r != 0) {
		store_cancel(l->st);
		return r;
	}
	return store_commit(l->st, ei);
}

int
lab_retry_get(struct lab *l, const char *trusting, const char *trusted,
	      uint64_t *when)
{
	struct sbuf b;
	char key[64];
	uint8_t *v = NULL;
	size_t n;
	int r;

	*when = 0;
	if (lab_key(key, sizeof(key), "RETRY/", trusting, trusted) != 0)
		return ERR_NOTFOUND;
	if ((r = store_get(l->st, key, &v, &n, NULL)) != 0)
		return r;
	sbuf_init(&b, v, n);
	/* a malformed value is no retry: the 7-day schedule still holds */
	if (sbuf_get_u64le(&b, when) != 0 || sbuf_end(&b) != 0) {
		*when = 0;
		r = ERR_NOTFOUND;
	}
	free(v);
	return r;
}

int
lab_retry_set(struct lab *l, const char *trusting, const char *trusted,
	      uint64_t when, struct errinfo *ei)
{
	uint8_t v[8];
	char key[64];
	int i, r;

	if (lab_key(key, sizeof(key), "RETRY/", trusting, trusted) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	for (i = 0; i < 8; i++)
		v[i] = (uint8_t)(when >> (8 * i));
	if ((r = store_begin(l->st, ei)) != 0)
		return r;
	if (when != 0) {
		r = store_put(l->st, key, v, sizeof(v), ei);
	} else {
		r = store_delete(l->st, key, ei);
		if (r == ERR_NOTFOUND)
			r = 0;
	}
	if (r != 0) {
		store_cancel(l->st);
		return r;
	}
	return store_commit(l->st, ei);
}

int
lab_journal_store_get(struct store *st, const char *trusting,
		      const char *trusted, struct rec_journal *j,
		      struct errinfo *ei)
{
	char key[64];
	uint8_t *v = NULL;
	size_t n;
	int r;

	memset(j, 0, sizeof(*j));
	if (lab_key(key, sizeof(key), "JOURNAL/", trusting, trusted) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	r = store_get(st, key, &v, &n, ei);
	if (r != 0)
		return r;
	r = rec_journal_decode(j, v, n, ei);
	if (r != 0)
		err_prefix(ei, "corrupt record in %s, key %s", store_path(st),
			   key);
	crypto_wipe(v, n);
	free(v);
	return r;
}

int
lab_journal_store_put(struct store *st, const struct rec_journal *j,
		      struct errinfo *ei)
{
	char key[64];
	struct wbuf w;
	int r;

	if (lab_key(key, sizeof(key), "JOURNAL/", j->trusting, j->trusted) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	wbuf_init(&w, 4096);
	if ((r = rec_journal_encode(j, &w)) != 0) {
		wbuf_free(&w);
		return ERR(ei, r, "cannot encode the repair journal");
	}
	r = store_put_txn(st, key, w.p, w.len, ei);
	wbuf_free(&w);
	return r;
}

int
lab_journal_store_delete(struct store *st, const char *trusting,
			 const char *trusted, struct errinfo *ei)
{
	char key[64];
	int r;

	if (lab_key(key, sizeof(key), "JOURNAL/", trusting, trusted) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	if ((r = store_begin(st, ei)) != 0)
		return r;
	r = store_delete(st, key, ei);
	if (r != 0) {
		store_cancel(st);
		return r;
	}
	return store_commit(st, ei);
}

int
lab_journal_get(struct lab *l, const char *trusting, const char *trusted,
		struct rec_journal *j, struct errinfo *ei)
{
	return lab_journal_store_get(l->st, trusting, trusted, j, ei);
}

int
lab_journal_put(struct lab *l, const struct rec_journal *j, struct errinfo *ei)
{
	return lab_journal_store_put(l->st, j, ei);
}

int
lab_journal_delete(struct lab *l, const char *trusting, const char *trusted,
		   struct errinfo *ei)
{
	return lab_journal_store_delete(l->st, trusting, trusted, ei);
}
