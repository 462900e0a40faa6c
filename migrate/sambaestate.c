/*
 * migrate/sambaestate.c - every trust among the Samba classic domains
 * whose private directories are given (REPORT.md section 5: passdb.tdb
 * tdbsam v4, docs/formats/tdbsam.md; secrets.tdb, docs/formats/
 * secretsdb.md), read-only, diagnosed by nt4/diag.c through the views of
 * migrate/sambaview.c.
 *
 * Reading, once per file:
 *   secrets.tdb  secretsdb_sid_list and secretsdb_trust_list (small files;
 *                strict decoding, errors name file and key); each
 *                trusted-domain record is kept as the NT hash of its
 *                password (struct sambaview_secret), never the password.
 *   passdb.tdb   opened read-only by tdbsam_open (its version checks) and
 *                walked with ONE unordered tdbsam_traverse (libtdb's
 *                tdb_traverse_read, nothing collected or sorted); every
 *                USER_ key must
 *                be USER_<name>NUL; only records whose name ends in '$'
 *                (machine and trust accounts) are decoded, strictly, by
 *                tdbsam_user_decode into one buffer reused for the whole
 *                walk (struct tdbsam_user is ~17 KB: it is wiped once, at
 *                the end, not per record).  Ordinary user records are not
 *                decoded (a domain of 100,000 users costs one traverse).
 *                The accounts kept are struct sambaview_account (name,
 *                RID, flags, NT hash, set time).
 * Then each trust is a (trusting, trusted) pair found from either half;
 * lookups are binary searches in sorted arrays.  Each file is closed as
 * soon as it is read, so 1,000 domains do not hold 2,000 descriptors.
 *
 * Invariants: hashes live only in the domain arrays and the views; both
 * are wiped when freed.  No file is ever opened for writing.
 */
#include "sambaestate.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/sbuf.h"
#include "migrate/sambaview.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "nt4/sam.h"

#define SAMBAESTATE_PATH_MAX 4200
#define SAMBAESTATE_KEY_MAX 1024 /* bytes of a USER_ key kept for messages */
#define SAMBAESTATE_SHOW 64	 /* bytes of a key shown in messages */
#define SAMBAESTATE_NONE SIZE_MAX

struct sambaestate_sec {
	char name[REC_NAME_MAX + 1]; /* the trusted domain, upper case */
	struct sambaview_secret s;
};

struct sambaestate_sidname {
	char name[REC_NAME_MAX + 1];
	struct sid sid;
};

struct sambaestate_dom {
	struct sambaview_domain d;
	size_t order; /* position in the arguments */
	struct sambaestate_sec *sec;
	size_t nsec, capsec;
	struct sambaview_account *acct; /* sorted by name, ASCII case folded */
	size_t nacct, capacct;
};

struct sambaestate_pair {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
};

struct sambaestate {
	struct sambaestate_dom *dom;	 /* in the order given */
	struct sambaestate_dom **byname; /* sorted by name, then order */
	size_t ndom;
	struct sambaestate_pair *pair; /* sorted, unique */
	size_t npair, cappair;
};

/* ---- growing arrays -------------------------------------------------- */

static int
sambaestate_grow(void **p, size_t *cap, size_t n, size_t elem)
{
	size_t ncap, bytes;
	void *q;

	if (n < *cap)
		return 0;
	ncap = *cap < 8 ? 8 : *cap;
	if (__builtin_mul_overflow(ncap, (size_t)2, &ncap) ||
	    __builtin_mul_overflow(ncap, elem, &bytes))
		return ERR_NOMEM;
	q = mem_realloc(*p, bytes);
	if (q == NULL)
		return ERR_NOMEM;
	*p = q;
	*cap = ncap;
	return 0;
}

/* ---- secrets.tdb ----------------------------------------------------- */

struct sambaestate_secrets {
	struct sambaestate_dom *dom;
	struct sambaestate_sidname *sids;
	size_t nsid, capsid;
	struct errinfo *ei;
};

static int
sambaestate_sid_one(const char *name, const struct sid *sid, void *arg)
{
	struct sambaestate_secrets *x = arg;
	struct sambaestate_sidname *sn;

	if (names_domain_check(name, NULL) != 0)
		return 0; /* as sambaview_identify: not a NetBIOS name */
	if (sambaestate_grow((void **)&x->sids, &x->capsid, x->nsid,
			     sizeof(*x->sids)) != 0)
		return ERR(x->ei, ERR_NOMEM, "out of memory");
	sn = &x->sids[x->nsid++];
	(void)names_upper(sn->name, sizeof(sn->name), name);
	sn->sid = *sid;
	return 0;
}

static int
sambaestate_trust_one(const struct secretsdb_trust *t, void *arg)
{
	struct sambaestate_secrets *x = arg;
	struct sambaestate_dom *dom = x->dom;
	struct sambaestate_sec *e;
	int r;

	/* a name that is no NetBIOS domain name is no NT4 trust */
	if (names_domain_check(t->domain, NULL) != 0)
		return 0;
	if (sambaestate_grow((void **)&dom->sec, &dom->capsec, dom->nsec,
			     sizeof(*dom->sec)) != 0)
		return ERR(x->ei, ERR_NOMEM, "out of memory");
	e = &dom->sec[dom->nsec];
	memset(e, 0, sizeof(*e));
	(void)names_upper(e->name, sizeof(e->name), t->domain);
	if ((r = sambaview_secret_from(&e->s, t, x->ei)) != 0)
		return r;
	dom->nsec++;
	return 0;
}

static int
sambaestate_read_secrets(struct sambaestate_dom *dom,
			 struct sambaestate_secrets *x, struct errinfo *ei)
{
	struct secretsdb *s = NULL;
	char path[SAMBAESTATE_PATH_MAX];
	int r = ERR_INTERNAL;

	if ((size_t)snprintf(path, sizeof(path), "%s/secrets.tdb",
			     dom->d.dir) >= sizeof(path)) {
		r = ERR(ei, ERR_RANGE, "directory name too long: %s",
			dom->d.dir);
		goto out;
	}
	if ((r = secretsdb_open(&s, path, 0, ei)) != 0 ||
	    (r = secretsdb_sid_list(s, sambaestate_sid_one, x, ei)) != 0 ||
	    (r = secretsdb_trust_list(s, sambaestate_trust_one, x, ei)) != 0)
		goto out;
	r = 0;
out:
	secretsdb_close(s);
	return r;
}

/* ---- passdb.tdb ------------------------------------------------------ */

struct sambaestate_scan {
	const char *path;
	struct sambaestate_dom *dom;
	struct tdbsam_user *u; /* one buffer for the whole walk */
	int users;	       /* this walk decodes user records (naming) */
	int err;
	char domain[REC_NAME_MAX + 1];	  /* the domain accounts name */
	char domkey[SAMBAESTATE_KEY_MAX]; /* ... in this key (the least) */
	int has_domain;
	struct errinfo *ei;
};

/* Remember the domain a decoded record names (the least key wins). */
static void
sambaestate_note_domain(struct sambaestate_scan *x, const char *key)
{
	const struct tdbsam_user *u = x->u;

	if (u->domain[0] == '\0' || names_domain_check(u->domain, NULL) != 0)
		return;
	if (x->has_domain && strcmp(key, x->domkey) >= 0)
		return;
	(void)names_upper(x->domain, sizeof(x->domain), u->domain);
	mem_strlcpy(x->domkey, key, sizeof(x->domkey));
	x->has_domain = 1;
}

static int
sambaestate_scan_one(const uint8_t *kp, size_t klen, const uint8_t *vp,
		     size_t vlen, void *arg)
{
	struct sambaestate_scan *x = arg;
	struct sambaestate_dom *dom = x->dom;
	char k[SAMBAESTATE_KEY_MAX], show[SAMBAESTATE_SHOW + 4];
	const uint8_t *pre = NULL;
	struct errinfo sub;
	struct sbuf kb, tail;
	size_t nul = 0, n;
	uint8_t last = 0;
	int r = ERR_INTERNAL;

	sbuf_init(&kb, kp, klen);
	if (sbuf_get_view(&kb, 5, &pre) != 0 || memcmp(pre, "USER_", 5) != 0)
		return 0; /* not an account */
	sbuf_init(&kb, kp, klen);
	n = klen < sizeof(k) - 1 ? klen : sizeof(k) - 1;
	if (sbuf_get_bytes(&kb, k, n) != 0)
		goto out;
	k[n] = '\0';
	sbuf_init(&kb, kp, klen);
	if (klen < 7 || sbuf_find(&kb, 0, &nul) != 0 || nul != klen - 1) {
		r = ERR(x->ei, ERR_FORMAT,
			"%s: key %s: malformed (a USER_ key is USER_, a "
			"name and a NUL)",
			x->path, err_quote(show, SAMBAESTATE_SHOW, k));
		goto out;
	}
	if (sbuf_at(&kb, klen - 2, 1, &tail) != 0 ||
	    sbuf_get_u8(&tail, &last) != 0)
		goto out;
	if ((last == '$') == (x->users != 0))
		return 0; /* a user record (or, naming, an account) */
	err_clear(&sub);
	r = tdbsam_user_decode(x->u, vp, vlen, &sub);
	if (r != 0) {
		err_set_offset(x->ei, r, sub.func, sub.offset, "%s: key %s: %s",
			       x->path, err_quote(show, SAMBAESTATE_SHOW, k),
			       sub.msg);
		goto out;
	}
	sambaestate_note_domain(x, k);
	if (x->users) {
		r = 0;
		/* one user record naming the domain will do */
		return x->has_domain ? 1 : 0;
	}
	if (sambaestate_grow((void **)&dom->acct, &dom->capacct, dom->nacct,
			     sizeof(*dom->acct)) != 0) {
		r = ERR(x->ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	if (sambaview_account_from(&dom->acct[dom->nacct], x->u) != 0) {
		r = ERR(x->ei, ERR_INTERNAL, "%s: key %s: name too long",
			x->path, err_quote(show, SAMBAESTATE_SHOW, k));
		goto out;
	}
	/*
	 * Indexed by the key's name, as tdbsam_find looks an account up
	 * (USER_<lower case>), whatever its username field says.
	 */
	mem_strlcpy(dom->acct[dom->nacct].name, k + 5,
		    sizeof(dom->acct[dom->nacct].name));
	dom->nacct++;
	return 0;
out:
	x->err = r;
	return -1;
}

static int
sambaestate_acct_cmp(const void *a, const void *b)
{
	const struct sambaview_account *x = a, *y = b;

	return strcasecmp(x->name, y->name);
}

/* Walk the open passdb.tdb; users: decode user records, for naming. */
static int
sambaestate_walk(struct tdbsam *sam, struct sambaestate_scan *x, int users)
{
	int r;

	x->users = users;
	x->err = 0;
	r = tdbsam_traverse(sam, sambaestate_scan_one, x, x->ei);
	return x->err != 0 ? x->err : r > 0 ? 0 : r;
}

/* ---- one directory --------------------------------------------------- */

static int
sambaestate_read_dir(struct sambaestate_dom *dom, const char *dir,
		     struct tdbsam_user *u, struct errinfo *ei)
{
	struct sambaestate_secrets sx;
	struct sambaestate_scan x;
	struct tdbsam *sam = NULL;
	char path[SAMBAESTATE_PATH_MAX];
	size_t i;
	int r = ERR_INTERNAL;

	memset(&sx, 0, sizeof(sx));
	memset(&x, 0, sizeof(x));
	if (mem_strlcpy(dom->d.dir, dir, sizeof(dom->d.dir)) >=
	    sizeof(dom->d.dir)) {
		r = ERR(ei, ERR_RANGE, "directory name too long: %.100s...",
			dir);
		goto out;
	}
	sx.dom = dom;
	sx.ei = ei;
	if ((r = sambaestate_read_secrets(dom, &sx, ei)) != 0)
		goto out;
	if ((size_t)snprintf(path, sizeof(path), "%s/passdb.tdb", dir) >=
	    sizeof(path)) {
		r = ERR(ei, ERR_RANGE, "directory name too long: %s", dir);
		goto out;
	}
	if ((r = tdbsam_open(&sam, path, 0, ei)) != 0) {
		if (r == ERR_NOTFOUND && ei->msg[0] == '\0')
			ERR(ei, r, "%s: no such file", path);
		goto out;
	}
	x.path = path;
	x.dom = dom;
	x.u = u;
	x.ei = ei;
	if ((r = sambaestate_walk(sam, &x, 0)) != 0)
		goto out;
	/* the domain's name, as sambaview_identify tells it */
	if (!x.has_domain && sx.nsid == 1) {
		mem_strlcpy(x.domain, sx.sids[0].name, sizeof(x.domain));
		x.has_domain = 1;
	}
	if (!x.has_domain && (r = sambaestate_walk(sam, &x, 1)) != 0)
		goto out;
	if (!x.has_domain) {
		r = ERR(ei, ERR_INVALID,
			"%s: cannot tell the domain's name (its passdb.tdb "
			"names none; secrets.tdb has %s%s%s)",
			dir, sx.nsid > 0 ? sx.sids[0].name : "no SID",
			sx.nsid > 1 ? " and " : "",
			sx.nsid > 1 ? sx.sids[1].name : "");
		goto out;
	}
	mem_strlcpy(dom->d.name, x.domain, sizeof(dom->d.name));
	for (i = 0; i < sx.nsid; i++)
		if (names_equal(sx.sids[i].name, dom->d.name)) {
			dom->d.sid = sx.sids[i].sid;
			dom->d.has_sid = 1;
		}
	if (dom->nacct > 1)
		qsort(dom->acct, dom->nacct, sizeof(*dom->acct),
		      sambaestate_acct_cmp);
	r = 0;
out:
	tdbsam_close(sam);
	free(sx.sids);
	return r;
}

/* ---- the estate ------------------------------------------------------ */

static int
sambaestate_dom_cmp(const void *a, const void *b)
{
	const struct sambaestate_dom *x = *(struct sambaestate_dom *const *)a;
	const struct sambaestate_dom *y = *(struct sambaestate_dom *const *)b;
	int c = strcmp(x->d.name, y->d.name);

	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int
sambaestate_pair_cmp(const void *a, const void *b)
{
	const struct sambaestate_pair *x = a, *y = b;
	int c = strcmp(x->trusting, y->trusting);

	return c != 0 ? c : strcmp(x->trusted, y->trusted);
}

static int
sambaestate_pair_add(struct sambaestate *e, const char *trusting,
		     const char *trusted, struct errinfo *ei)
{
	struct sambaestate_pair *p;

	if (names_equal(trusting, trusted))
		return 0; /* a domain does not trust itself */
	if (sambaestate_grow((void **)&e->pair, &e->cappair, e->npair,
			     sizeof(*e->pair)) != 0)
		return ERR(ei, ERR_NOMEM, "out of memory");
	p = &e->pair[e->npair++];
	(void)names_upper(p->trusting, sizeof(p->trusting), trusting);
	(void)names_upper(p->trusted, sizeof(p->trusted), trusted);
	return 0;
}

/* The domain X of an interdomain trust account "X$", or 0. */
static int
sambaestate_trust_domain(const struct sambaview_account *a, char *out,
			 size_t outlen)
{
	size_t n = strlen(a->name);

	if (!(a->acb & TDBSAM_ACB_DOMTRUST) || n < 2 || n - 1 >= outlen ||
	    a->name[n - 1] != '$')
		return 0;
	memcpy(out, a->name, n - 1);
	out[n - 1] = '\0';
	return names_domain_check(out, NULL) == 0;
}

static int
sambaestate_pairs(struct sambaestate *e, struct errinfo *ei)
{
	char x[REC_NAME_MAX + 1];
	size_t i, j, n;
	int r;

	for (i = 0; i < e->ndom; i++) {
		struct sambaestate_dom *d = &e->dom[i];

		for (j = 0; j < d->nacct; j++)
			if (sambaestate_trust_domain(&d->acct[j], x,
						     sizeof(x)) &&
			    (r = sambaestate_pair_add(e, x, d->d.name, ei)) !=
				    0)
				return r;
		for (j = 0; j < d->nsec; j++)
			if ((r = sambaestate_pair_add(e, d->d.name,
						      d->sec[j].name, ei)) != 0)
				return r;
	}
	if (e->npair > 1)
		qsort(e->pair, e->npair, sizeof(*e->pair),
		      sambaestate_pair_cmp);
	for (i = 0, n = 0; i < e->npair; i++)
		if (n == 0 ||
		    sambaestate_pair_cmp(&e->pair[n - 1], &e->pair[i]) != 0)
			e->pair[n++] = e->pair[i];
	e->npair = n;
	return 0;
}

int
sambaestate_load(struct sambaestate **out, const char *const *dirs, size_t n,
		 struct errinfo *ei)
{
	struct sambaestate *e = NULL;
	struct tdbsam_user *u = NULL;
	size_t i;
	int r = ERR_INTERNAL;

	*out = NULL;
	if (n == 0) {
		r = ERR(ei, ERR_INVALID, "no private directory given");
		goto out;
	}
	e = mem_zalloc(sizeof(*e));
	u = mem_alloc(sizeof(*u));
	if (e == NULL || u == NULL || (n > SIZE_MAX / sizeof(*e->dom)) ||
	    (e->dom = mem_zalloc(n * sizeof(*e->dom))) == NULL ||
	    (e->byname = mem_zalloc(n * sizeof(*e->byname))) == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		e->dom[i].order = i;
		e->ndom = i + 1;
		if ((r = sambaestate_read_dir(&e->dom[i], dirs[i], u, ei)) != 0)
			goto out;
	}
	for (i = 0; i < n; i++)
		e->byname[i] = &e->dom[i];
	if (n > 1)
		qsort(e->byname, n, sizeof(*e->byname), sambaestate_dom_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(e->byname[i - 1]->d.name, e->byname[i]->d.name) ==
		    0) {
			r = ERR(ei, ERR_INVALID,
				"domain %s is in two directories: %s and %s "
				"(give each domain once)",
				e->byname[i]->d.name, e->byname[i - 1]->d.dir,
				e->byname[i]->d.dir);
			goto out;
		}
	if ((r = sambaestate_pairs(e, ei)) != 0)
		goto out;
	*out = e;
	e = NULL;
	r = 0;
out:
	if (u != NULL) {
		tdbsam_user_wipe(u);
		free(u);
	}
	sambaestate_free(e);
	return r;
}

void
sambaestate_free(struct sambaestate *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < e->ndom; i++) {
		struct sambaestate_dom *d = &e->dom[i];

		if (d->sec != NULL)
			crypto_wipe(d->sec, d->capsec * sizeof(*d->sec));
		if (d->acct != NULL)
			crypto_wipe(d->acct, d->capacct * sizeof(*d->acct));
		free(d->sec);
		free(d->acct);
	}
	free(e->dom);
	free(e->byname);
	free(e->pair);
	free(e);
}

size_t
sambaestate_domains(const struct sambaestate *e)
{
	return e->ndom;
}

size_t
sambaestate_count(const struct sambaestate *e)
{
	return e->npair;
}

static struct sambaestate_dom *
sambaestate_find_dom(struct sambaestate *e, const char *name)
{
	size_t lo = 0, hi = e->ndom, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcmp(name, e->byname[mid]->d.name);
		if (c == 0)
			return e->byname[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static const struct sambaview_secret *
sambaestate_find_sec(const struct sambaestate_dom *d, const char *name)
{
	size_t i;

	/* few records per domain: a linear search */
	for (i = 0; i < d->nsec; i++)
		if (strcmp(d->sec[i].name, name) == 0)
			return &d->sec[i].s;
	return NULL;
}

static const struct sambaview_account *
sambaestate_find_acct(const struct sambaestate_dom *d, const char *name)
{
	size_t lo = 0, hi = d->nacct, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = strcasecmp(name, d->acct[mid].name);
		if (c == 0)
			return &d->acct[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* The verdict, summary and remedy of a trust with one half at hand. */
static void
sambaestate_one_sided(struct sambaestate_trust *t,
		      const struct sambaview_secret *sec,
		      const struct sambaview_account *acct)
{
	struct diag_result *res = &t->diag;
	const char *T = t->trusting, *D = t->trusted;
	const char *acc = t->view.trusted.account;
	char head[120], flags[16];

	memset(res, 0, sizeof(*res));
	res->match = DIAG_MATCH_UNKNOWN;
	res->verdict = SAMBAESTATE_UNCHECKED;
	snprintf(head, sizeof(head),
		 "%s not given: only the %s half was checked", t->not_given,
		 t->checked_half);
	if (acct != NULL) {
		sam_acb_format(acct->acb, flags, sizeof(flags));
		if (!(acct->acb & TDBSAM_ACB_DOMTRUST)) {
			res->verdict = DIAG_ACCOUNT_WRONG_TYPE;
			snprintf(res->summary, sizeof(res->summary),
				 "%s. Users of %s cannot use resources in %s: "
				 "%s\\%s is a %s account %s, not an "
				 "interdomain trust account [I].",
				 head, D, T, D, acc,
				 sam_acb_type_name(acct->acb), flags);
		} else if (acct->acb & TDBSAM_ACB_DISABLED) {
			res->verdict = DIAG_ACCOUNT_DISABLED;
			snprintf(res->summary, sizeof(res->summary),
				 "%s. Users of %s cannot use resources in %s: "
				 "the trust account %s\\%s is disabled %s.",
				 head, D, T, D, acc, flags);
			diag_step_describe(DIAG_STEP_ENABLE, T, D,
					   REC_FLAVOR_SAMBA, &res->steps[0]);
			res->nsteps = 1;
		} else if (!acct->has_nt) {
			res->verdict = DIAG_PASSWORD_MISMATCH;
			res->match = DIAG_MATCH_NONE;
			snprintf(res->summary, sizeof(res->summary),
				 "%s. Users of %s cannot use resources in %s: "
				 "the trust account %s\\%s has no NT hash, so "
				 "no trust password can match it.",
				 head, D, T, D, acc);
		} else {
			snprintf(res->summary, sizeof(res->summary),
				 "%s: the trust account %s\\%s is an enabled "
				 "interdomain trust account with an NT hash; "
				 "the password and SID cannot be compared.",
				 head, D, acc);
		}
	} else if (sec != NULL) {
		if (!sec->has_cur) {
			res->verdict = DIAG_SECRET_MISSING;
			snprintf(res->summary, sizeof(res->summary),
				 "%s. Users of %s cannot use resources in %s: "
				 "%s's trusted-domain record for %s has an "
				 "empty password, so it cannot set up its "
				 "secure channel.",
				 head, D, T, T, D);
		} else {
			snprintf(
				res->summary, sizeof(res->summary),
				"%s: %s's trusted-domain record for %s decodes "
				"and holds a password; the password and SID "
				"cannot be compared.",
				head, T, D);
		}
	} else {
		snprintf(res->summary, sizeof(res->summary), "%s.", head);
	}
	t->verdict = res->verdict;
}

int
sambaestate_diagnose(struct sambaestate *e, size_t i,
		     struct sambaestate_trust *t, struct errinfo *ei)
{
	const struct sambaestate_pair *p;
	const struct sambaview_secret *sec = NULL;
	const struct sambaview_account *acct = NULL;
	struct sambaestate_dom *T, *D;
	struct sambaview_domain *other = NULL;
	char name[REC_NAME_MAX + 2];
	int r = ERR_INTERNAL;

	memset(t, 0, sizeof(*t));
	if (i >= e->npair) {
		r = ERR(ei, ERR_RANGE, "no trust %zu (there are %zu)", i,
			e->npair);
		goto out;
	}
	p = &e->pair[i];
	mem_strlcpy(t->trusting, p->trusting, sizeof(t->trusting));
	mem_strlcpy(t->trusted, p->trusted, sizeof(t->trusted));
	T = sambaestate_find_dom(e, p->trusting);
	D = sambaestate_find_dom(e, p->trusted);
	if (T != NULL)
		sec = sambaestate_find_sec(T, p->trusted);
	if (D != NULL) {
		if ((r = names_trust_account(name, sizeof(name), p->trusting,
					     ei)) != 0)
			goto out;
		acct = sambaestate_find_acct(D, name);
	}
	if (T != NULL && D != NULL) {
		if ((r = sambaview_fill(&t->view, &T->d, &D->d, sec, acct,
					ei)) != 0)
			goto out;
		diag_run(&t->view, &t->diag);
		t->verdict = t->diag.verdict;
		r = 0;
		goto out;
	}
	/* one-sided: a stand-in for the domain not given */
	other = mem_zalloc(sizeof(*other));
	if (other == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	t->one_sided = 1;
	if (T == NULL) {
		mem_strlcpy(other->name, p->trusting, sizeof(other->name));
		mem_strlcpy(t->not_given, p->trusting, sizeof(t->not_given));
		mem_strlcpy(t->checked_half, p->trusted,
			    sizeof(t->checked_half));
		if ((r = sambaview_fill(&t->view, other, &D->d, NULL, acct,
					ei)) != 0)
			goto out;
		memset(&t->view.trusting, 0, sizeof(t->view.trusting));
		mem_strlcpy(t->view.trusting.name, p->trusting,
			    sizeof(t->view.trusting.name));
		sambaestate_one_sided(t, NULL, acct);
	} else {
		mem_strlcpy(other->name, p->trusted, sizeof(other->name));
		mem_strlcpy(t->not_given, p->trusted, sizeof(t->not_given));
		mem_strlcpy(t->checked_half, p->trusting,
			    sizeof(t->checked_half));
		if ((r = sambaview_fill(&t->view, &T->d, other, sec, NULL,
					ei)) != 0)
			goto out;
		{
			char acc[REC_NAME_MAX + 2];

			mem_strlcpy(acc, t->view.trusted.account, sizeof(acc));
			memset(&t->view.trusted, 0, sizeof(t->view.trusted));
			mem_strlcpy(t->view.trusted.name, p->trusted,
				    sizeof(t->view.trusted.name));
			mem_strlcpy(t->view.trusted.account, acc,
				    sizeof(t->view.trusted.account));
		}
		sambaestate_one_sided(t, sec, NULL);
	}
	r = 0;
out:
	free(other);
	if (r != 0)
		sambaestate_trust_wipe(t);
	return r;
}

void
sambaestate_trust_wipe(struct sambaestate_trust *t)
{
	if (t != NULL)
		crypto_wipe(t, sizeof(*t));
}

const char *
sambaestate_verdict_name(int verdict)
{
	if (verdict == SAMBAESTATE_UNCHECKED)
		return "unchecked";
	return diag_verdict_name(verdict);
}

int
sambaestate_verdict_parse(const char *name)
{
	if (strcmp(name, "unchecked") == 0)
		return SAMBAESTATE_UNCHECKED;
	return diag_verdict_parse(name);
}
