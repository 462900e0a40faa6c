/*
 * nt4/store.c - tdb-backed store with explicit transactions.
 *
 * Does: open/create tdb files (mode 0600, O_EXCL on create), fetch, store,
 * delete and sorted prefix listing (string keys, and raw byte keys for
 * foreign tdbs such as Samba's passdb.tdb whose keys end with a NUL), and
 * refuses writes outside a transaction so every change is atomic (tdb's
 * transaction log: a crash leaves the old or the new state).  Does not:
 * interpret values (that is nt4/records.c).  Format: docs/formats/store.md.
 *
 * Read cache (STORE_CACHE): the file is opened with TDB_SEQNUM, so every
 * committed change, by this process or another, moves the sequence number
 * in the tdb header.  store_get keeps the last STORE_CACHE_SLOTS values it
 * fetched (and keys it found absent), valid for one sequence number: reading
 * that number takes no lock (tdb_get_seqnum), so a repeated read of an
 * unchanged database costs no fcntl() at all.  A different number empties the
 * cache; so do begin, commit and cancel, and nothing is cached inside a
 * transaction (its view is not yet everyone's).  Cached values may be secret:
 * they are wiped when dropped.
 *
 * Fault injection (NT4TRUST_FAULT, for crash tests; docs/formats/store.md
 * section 9).  A "write" is one call of store_put, store_put_raw,
 * store_delete or store_delete_raw made inside a transaction (a delete of an
 * absent key counts too), or one store_commit of an open transaction;
 * begin, cancel and reads are not writes.  Writes are numbered from 1 in
 * call order across every store of the process.  The variable is read once,
 * at the first write:
 *   abort:N  abort() at write N, before it is done: a put or delete is not
 *            made, a commit leaves its transaction uncommitted (tdb drops it
 *            when the file is next opened).
 *   fail:N   write N is not done: it cancels the transaction and returns
 *            ERR_IO "PATH: injected fault at write N".  Later writes run.
 *   count    no fault; at exit "nt4trust: NT4TRUST_FAULT: N store writes"
 *            goes to stderr.
 * N is 1 to 999999999 in decimal, without sign or leading zero.  An empty
 * value is the same as unset.  Any other value is an error, not a silent
 * no-op (a test that meant to inject a fault must not pass without one):
 * every write cancels its transaction and returns ERR_INVALID naming the
 * variable.  Unset, a write costs one branch.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tdb.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"

#define STORE_CACHE_SLOTS 16

struct store_slot {
	char *key; /* NULL: empty */
	uint8_t *val;
	size_t len;
	int absent; /* the key is not in the file */
};

struct store {
	struct tdb_context *tdb;
	char *path;
	int in_txn;
	int rdonly;
	int cache; /* STORE_CACHE given */
	int seqnum;
	unsigned next; /* the slot filled next (round robin) */
	struct store_slot slot[STORE_CACHE_SLOTS];
};

enum store_fault_mode {
	STORE_FAULT_OFF = 0,
	STORE_FAULT_UNREAD,
	STORE_FAULT_ABORT,
	STORE_FAULT_FAIL,
	STORE_FAULT_COUNT,
	STORE_FAULT_BAD
};

#define STORE_FAULT_MAXDIGITS 9

static enum store_fault_mode store_fault = STORE_FAULT_UNREAD;
static unsigned long store_fault_at;	/* N of abort:N / fail:N */
static unsigned long store_fault_count; /* writes so far */

static int store_fault_atexit; /* the count report is registered */

static void
store_fault_report(void)
{
	fprintf(stderr, "nt4trust: NT4TRUST_FAULT: %lu store writes\n",
		store_fault_count);
}

/* N: 1 to 999999999, decimal digits only, no leading zero. */
static int
store_fault_number(const char *p, unsigned long *n)
{
	size_t i, len = strlen(p);

	if (len == 0 || len > STORE_FAULT_MAXDIGITS || p[0] == '0')
		return -1;
	*n = 0;
	for (i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		*n = *n * 10 + (unsigned long)(p[i] - '0');
	}
	return 0;
}

static void
store_fault_read(void)
{
	const char *v = getenv("NT4TRUST_FAULT");

	store_fault = STORE_FAULT_BAD;
	if (v == NULL || v[0] == '\0') {
		store_fault = STORE_FAULT_OFF;
	} else if (strcmp(v, "count") == 0) {
		if (!store_fault_atexit && atexit(store_fault_report) == 0)
			store_fault_atexit = 1;
		if (store_fault_atexit)
			store_fault = STORE_FAULT_COUNT;
	} else if (strncmp(v, "abort:", 6) == 0) {
		if (store_fault_number(v + 6, &store_fault_at) == 0)
			store_fault = STORE_FAULT_ABORT;
	} else if (strncmp(v, "fail:", 5) == 0) {
		if (store_fault_number(v + 5, &store_fault_at) == 0)
			store_fault = STORE_FAULT_FAIL;
	}
}

void
store_fault_reset(void)
{
	store_fault = STORE_FAULT_UNREAD;
	store_fault_at = 0;
	store_fault_count = 0;
}

static void store_txn_drop(struct store *s);

/*
 * One write is about to be made on s (inside a transaction): count it, and
 * abort or fail it when NT4TRUST_FAULT says so.  0: go on.
 */
static int
store_fault_write(struct store *s, struct errinfo *ei)
{
	if (store_fault == STORE_FAULT_UNREAD)
		store_fault_read();
	if (store_fault == STORE_FAULT_OFF)
		return 0;
	if (store_fault == STORE_FAULT_BAD) {
		store_txn_drop(s);
		return ERR(ei, ERR_INVALID,
			   "NT4TRUST_FAULT: expected abort:N, fail:N or count "
			   "(N from 1 to 999999999); no write is made");
	}
	store_fault_count++;
	if (store_fault_count != store_fault_at ||
	    store_fault == STORE_FAULT_COUNT)
		return 0;
	if (store_fault == STORE_FAULT_ABORT) {
		fprintf(stderr,
			"nt4trust: NT4TRUST_FAULT: aborting at write %lu "
			"(%s)\n",
			store_fault_count, s->path);
		abort();
	}
	store_txn_drop(s);
	return ERR(ei, ERR_IO, "%s: injected fault at write %lu", s->path,
		   store_fault_count);
}

/* The hook's test: cheap when unset (one branch). */
#define STORE_FAULT_WRITE(s, ei) \
	(store_fault == STORE_FAULT_OFF ? 0 : store_fault_write((s), (ei)))

static void
store_slot_drop(struct store_slot *e)
{
	if (e->val != NULL)
		crypto_wipe(e->val, e->len);
	free(e->val);
	free(e->key);
	memset(e, 0, sizeof(*e));
}

static void
store_cache_flush(struct store *s)
{
	size_t i;

	for (i = 0; i < STORE_CACHE_SLOTS; i++)
		store_slot_drop(&s->slot[i]);
}

int
store_open(struct store **out, const char *path, int flags, struct errinfo *ei)
{
	struct store *s = NULL;
	int oflags, r = ERR_INTERNAL;
	struct stat st;

	*out = NULL;
	if (!(flags & STORE_CREATE) && stat(path, &st) != 0) {
		r = errno == ENOENT ? ERR_NOTFOUND : ERR_IO;
		if (r == ERR_IO)
			ERR(ei, r, "%s: %s", path, strerror(errno));
		goto out;
	}
	if ((flags & STORE_CREATE) && stat(path, &st) == 0) {
		r = ERR(ei, ERR_EXISTS, "%s: already exists", path);
		goto out;
	}
	s = mem_zalloc(sizeof(*s));
	if (s == NULL || (s->path = mem_strdup(path)) == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	oflags = (flags & STORE_RDONLY) ? O_RDONLY : O_RDWR;
	if (flags & STORE_CREATE)
		oflags |= O_CREAT | O_EXCL;
	s->rdonly = (flags & STORE_RDONLY) != 0;
	s->cache = (flags & STORE_CACHE) != 0;
	s->tdb = tdb_open(path, 0, s->cache ? TDB_SEQNUM : TDB_DEFAULT, oflags,
			  0600);
	if (s->tdb == NULL) {
		r = ERR(ei, errno == EACCES ? ERR_ACCESS : ERR_IO,
			"%s: cannot open as a tdb database: %s", path,
			errno != 0 ? strerror(errno) : "bad format");
		goto out;
	}
	*out = s;
	s = NULL;
	r = 0;
out:
	store_close(s);
	return r;
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	if (s->tdb != NULL) {
		if (s->in_txn)
			tdb_transaction_cancel(s->tdb);
		tdb_close(s->tdb);
	}
	store_cache_flush(s);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return s->path;
}

int
store_begin(struct store *s, struct errinfo *ei)
{
	if (s->rdonly)
		return ERR(ei, ERR_ACCESS, "%s: opened read-only", s->path);
	if (s->in_txn)
		return ERR(ei, ERR_INTERNAL, "%s: nested transaction", s->path);
	store_cache_flush(s);
	if (tdb_transaction_start(s->tdb) != 0)
		return ERR(ei, ERR_IO, "%s: cannot start a transaction: %s",
			   s->path, tdb_errorstr(s->tdb));
	s->in_txn = 1;
	return 0;
}

int
store_commit(struct store *s, struct errinfo *ei)
{
	int rc;

	if (!s->in_txn)
		return ERR(ei, ERR_INTERNAL, "%s: no transaction", s->path);
	if ((rc = STORE_FAULT_WRITE(s, ei)) != 0)
		return rc;
	s->in_txn = 0;
	store_cache_flush(s);
	rc = tdb_transaction_commit(s->tdb);
	if (rc != 0)
		return ERR(ei, ERR_IO, "%s: commit failed: %s", s->path,
			   tdb_errorstr(s->tdb));
	return 0;
}

void
store_cancel(struct store *s)
{
	if (s != NULL)
		store_txn_drop(s);
}

static void
store_txn_drop(struct store *s)
{
	if (s->in_txn) {
		tdb_transaction_cancel(s->tdb);
		s->in_txn = 0;
		store_cache_flush(s);
	}
}

int
store_in_transaction(const struct store *s)
{
	return s->in_txn;
}

static TDB_DATA
store_key(const char *key)
{
	TDB_DATA k;

	k.dptr = (unsigned char *)(uintptr_t)key;
	k.dsize = strlen(key);
	return k;
}

/* The cached value of key, when the database has not changed since. */
static struct store_slot *
store_cache_find(struct store *s, const char *key)
{
	int seq;
	size_t i;

	if (!s->cache || s->in_txn)
		return NULL;
	seq = tdb_get_seqnum(s->tdb);
	if (seq != s->seqnum) {
		store_cache_flush(s);
		s->seqnum = seq;
		return NULL;
	}
	for (i = 0; i < STORE_CACHE_SLOTS; i++)
		if (s->slot[i].key != NULL && strcmp(s->slot[i].key, key) == 0)
			return &s->slot[i];
	return NULL;
}

/*
 * Remember a value just fetched, or (val NULL) that the key is absent
 * (best effort: no memory, no cache).
 */
static void
store_cache_add(struct store *s, const char *key, const uint8_t *val,
		size_t len)
{
	struct store_slot *e;

	if (!s->cache || s->in_txn)
		return;
	e = &s->slot[s->next];
	s->next = (s->next + 1) % STORE_CACHE_SLOTS;
	store_slot_drop(e);
	e->key = mem_strdup(key);
	e->absent = val == NULL;
	if (val != NULL) {
		e->val = mem_memdup(val, len);
		e->len = len;
	}
	if (e->key == NULL || (val != NULL && e->val == NULL))
		store_slot_drop(e);
}

int
store_get(struct store *s, const char *key, uint8_t **val, size_t *len,
	  struct errinfo *ei)
{
	struct store_slot *hit;
	TDB_DATA d;

	*val = NULL;
	*len = 0;
	if ((hit = store_cache_find(s, key)) != NULL) {
		if (hit->absent)
			return ERR_NOTFOUND;
		if ((*val = mem_memdup(hit->val, hit->len)) == NULL)
			return ERR(ei, ERR_NOMEM, "out of memory");
		*len = hit->len;
		return 0;
	}
	d = tdb_fetch(s->tdb, store_key(key));
	if (d.dptr == NULL) {
		if (tdb_error(s->tdb) == TDB_ERR_NOEXIST) {
			store_cache_add(s, key, NULL, 0);
			return ERR_NOTFOUND;
		}
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path, key,
			   tdb_errorstr(s->tdb));
	}
	store_cache_add(s, key, d.dptr, d.dsize);
	/* Hand out our own allocation so callers may use free(). */
	*val = mem_memdup(d.dptr, d.dsize);
	crypto_wipe(d.dptr, d.dsize);
	free(d.dptr);
	if (*val == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	*len = d.dsize;
	return 0;
}

int
store_put(struct store *s, const char *key, const void *val, size_t len,
	  struct errinfo *ei)
{
	TDB_DATA d;
	int rc;

	if (!s->in_txn)
		return ERR(ei, ERR_INTERNAL,
			   "%s: write of %s outside a transaction", s->path,
			   key);
	if ((rc = STORE_FAULT_WRITE(s, ei)) != 0)
		return rc;
	d.dptr = (unsigned char *)(uintptr_t)val;
	d.dsize = len;
	if (tdb_store(s->tdb, store_key(key), d, TDB_REPLACE) != 0)
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path, key,
			   tdb_errorstr(s->tdb));
	return 0;
}

int
store_put_txn(struct store *s, const char *key, const void *val, size_t len,
	      struct errinfo *ei)
{
	int r;

	if ((r = store_begin(s, ei)) != 0)
		return r;
	if ((r = store_put(s, key, val, len, ei)) != 0 ||
	    (r = store_commit(s, ei)) != 0)
		store_cancel(s);
	return r;
}

int
store_delete(struct store *s, const char *key, struct errinfo *ei)
{
	int rc;

	if (!s->in_txn)
		return ERR(ei, ERR_INTERNAL,
			   "%s: delete of %s outside a transaction", s->path,
			   key);
	if ((rc = STORE_FAULT_WRITE(s, ei)) != 0)
		return rc;
	if (tdb_delete(s->tdb, store_key(key)) != 0) {
		if (tdb_error(s->tdb) == TDB_ERR_NOEXIST)
			return ERR_NOTFOUND;
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path, key,
			   tdb_errorstr(s->tdb));
	}
	return 0;
}

/*
 * Raw keys (foreign tdbs such as Samba's passdb.tdb, whose keys end with
 * a NUL byte).  Same rules as the string forms above; the key is shown in
 * messages with unprintable bytes as \xNN.
 */
#define STORE_KEY_SHOW 80

static const char *
store_key_show(char *buf, const void *key, size_t klen)
{
	const unsigned char *k = key;
	size_t i, n = 0;

	for (i = 0; i < klen; i++) {
		if (n + 5 > STORE_KEY_SHOW) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (k[i] >= 0x20 && k[i] < 0x7F && k[i] != '\\') {
			buf[n++] = (char)k[i];
		} else {
			snprintf(buf + n, 5, "\\x%02X", k[i]);
			n += 4;
		}
	}
	buf[n] = '\0';
	return buf;
}

static TDB_DATA
store_key_raw(const void *key, size_t klen)
{
	TDB_DATA k;

	k.dptr = (unsigned char *)(uintptr_t)key;
	k.dsize = klen;
	return k;
}

int
store_get_raw(struct store *s, const void *key, size_t klen, uint8_t **val,
	      size_t *len, struct errinfo *ei)
{
	char show[STORE_KEY_SHOW + 1];
	TDB_DATA d;

	*val = NULL;
	*len = 0;
	d = tdb_fetch(s->tdb, store_key_raw(key, klen));
	if (d.dptr == NULL) {
		if (tdb_error(s->tdb) == TDB_ERR_NOEXIST)
			return ERR_NOTFOUND;
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path,
			   store_key_show(show, key, klen),
			   tdb_errorstr(s->tdb));
	}
	/* Hand out our own allocation so callers may use free(). */
	*val = mem_memdup(d.dptr, d.dsize);
	memset(d.dptr, 0, d.dsize);
	free(d.dptr);
	if (*val == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	*len = d.dsize;
	return 0;
}

int
store_put_raw(struct store *s, const void *key, size_t klen, const void *val,
	      size_t len, struct errinfo *ei)
{
	char show[STORE_KEY_SHOW + 1];
	TDB_DATA d;
	int rc;

	if (!s->in_txn)
		return ERR(ei, ERR_INTERNAL,
			   "%s: write of %s outside a transaction", s->path,
			   store_key_show(show, key, klen));
	if ((rc = STORE_FAULT_WRITE(s, ei)) != 0)
		return rc;
	d.dptr = (unsigned char *)(uintptr_t)val;
	d.dsize = len;
	if (tdb_store(s->tdb, store_key_raw(key, klen), d, TDB_REPLACE) != 0)
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path,
			   store_key_show(show, key, klen),
			   tdb_errorstr(s->tdb));
	return 0;
}

int
store_delete_raw(struct store *s, const void *key, size_t klen,
		 struct errinfo *ei)
{
	char show[STORE_KEY_SHOW + 1];
	int rc;

	if (!s->in_txn)
		return ERR(ei, ERR_INTERNAL,
			   "%s: delete of %s outside a transaction", s->path,
			   store_key_show(show, key, klen));
	if ((rc = STORE_FAULT_WRITE(s, ei)) != 0)
		return rc;
	if (tdb_delete(s->tdb, store_key_raw(key, klen)) != 0) {
		if (tdb_error(s->tdb) == TDB_ERR_NOEXIST)
			return ERR_NOTFOUND;
		return ERR(ei, ERR_IO, "%s: key %s: %s", s->path,
			   store_key_show(show, key, klen),
			   tdb_errorstr(s->tdb));
	}
	return 0;
}

struct store_rawkey {
	uint8_t *p;
	size_t len;
};

struct store_rawkeys {
	const void *prefix;
	size_t plen;
	struct store_rawkey *keys;
	size_t n, cap;
	int err;
};

static int
store_collect_raw(struct tdb_context *tdb, TDB_DATA k, TDB_DATA v, void *arg)
{
	struct store_rawkeys *sk = arg;
	struct store_rawkey *nk;
	uint8_t *key;

	(void)tdb;
	(void)v;
	if (k.dsize < sk->plen ||
	    (sk->plen > 0 && memcmp(k.dptr, sk->prefix, sk->plen) != 0))
		return 0;
	if (sk->n == sk->cap) {
		sk->cap = sk->cap ? sk->cap * 2 : 16;
		nk = mem_realloc(sk->keys, sk->cap * sizeof(*nk));
		if (nk == NULL) {
			sk->err = ERR_NOMEM;
			return 1;
		}
		sk->keys = nk;
	}
	/* one spare byte: mem_memdup of 0 bytes must not mean failure */
	key = mem_alloc(k.dsize + 1);
	if (key == NULL) {
		sk->err = ERR_NOMEM;
		return 1;
	}
	if (k.dsize > 0)
		memcpy(key, k.dptr, k.dsize);
	sk->keys[sk->n].p = key;
	sk->keys[sk->n].len = k.dsize;
	sk->n++;
	return 0;
}

static int
store_rawkeycmp(const void *a, const void *b)
{
	const struct store_rawkey *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = n > 0 ? memcmp(x->p, y->p, n) : 0;

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

int
store_list_raw(struct store *s, const void *prefix, size_t plen,
	       store_raw_fn fn, void *arg, struct errinfo *ei)
{
	struct store_rawkeys sk;
	uint8_t *val = NULL;
	size_t i, len;
	int r = 0, rc;

	memset(&sk, 0, sizeof(sk));
	sk.prefix = prefix;
	sk.plen = plen;
	if (tdb_traverse_read(s->tdb, store_collect_raw, &sk) < 0 &&
	    sk.err == 0) {
		r = ERR(ei, ERR_IO, "%s: cannot read: %s", s->path,
			tdb_errorstr(s->tdb));
		goto out;
	}
	if (sk.err != 0) {
		r = ERR(ei, sk.err, "out of memory");
		goto out;
	}
	if (sk.n > 1)
		qsort(sk.keys, sk.n, sizeof(*sk.keys), store_rawkeycmp);
	for (i = 0; i < sk.n; i++) {
		rc = store_get_raw(s, sk.keys[i].p, sk.keys[i].len, &val, &len,
				   ei);
		if (rc == ERR_NOTFOUND)
			continue;
		if (rc != 0) {
			r = rc;
			goto out;
		}
		rc = fn(sk.keys[i].p, sk.keys[i].len, val, len, arg);
		crypto_wipe(val, len);
		free(val);
		val = NULL;
		if (rc != 0) {
			r = rc;
			goto out;
		}
	}
out:
	for (i = 0; i < sk.n; i++)
		free(sk.keys[i].p);
	free(sk.keys);
	return r;
}

struct store_trav {
	store_raw_fn fn;
	void *arg;
	int ret;
};

static int
store_trav_one(struct tdb_context *tdb, TDB_DATA k, TDB_DATA v, void *arg)
{
	struct store_trav *t = arg;

	(void)tdb;
	t->ret = t->fn(k.dptr, k.dsize, v.dptr, v.dsize, t->arg);
	return t->ret != 0 ? -1 : 0;
}

int
store_traverse_raw(struct store *s, store_raw_fn fn, void *arg,
		   struct errinfo *ei)
{
	struct store_trav t = { fn, arg, 0 };

	if (tdb_traverse_read(s->tdb, store_trav_one, &t) < 0 && t.ret == 0)
		return ERR(ei, ERR_IO, "%s: cannot read: %s", s->path,
			   tdb_errorstr(s->tdb));
	return t.ret;
}

/*
 * The string-key listing is the raw one over keys without a NUL: the same
 * order (memcmp, shorter first, which is strcmp order for such keys).
 */
struct store_strlist {
	store_fn fn;
	void *arg;
	struct errinfo *ei;
};

static int
store_strlist_one(const uint8_t *key, size_t klen, const uint8_t *val,
		  size_t len, void *arg)
{
	struct store_strlist *a = arg;
	char *k;
	int r;

	if (memchr(key, 0, klen) != NULL)
		return 0; /* not one of ours */
	if ((k = mem_alloc(klen + 1)) == NULL)
		return ERR(a->ei, ERR_NOMEM, "out of memory");
	memcpy(k, key, klen);
	k[klen] = '\0';
	r = a->fn(k, val, len, a->arg);
	free(k);
	return r;
}

int
store_list(struct store *s, const char *prefix, store_fn fn, void *arg,
	   struct errinfo *ei)
{
	struct store_strlist a = { fn, arg, ei };

	return store_list_raw(s, prefix, strlen(prefix), store_strlist_one, &a,
			      ei);
}
