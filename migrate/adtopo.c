/*
 * migrate/adtopo.c - the topology migration: every NT4 one-way trust of
 * an estate grouped into domain pairs, each pair converted with
 * adtrust_convert (migrate/adtrust.c: both sides, the NT4 directions,
 * reference nt4-trust-model.md 4.6) and written per domain with the
 * writers of migrate/adtrust_out.c; the plan orders the domains.
 *
 * Compact form (what 50,000 trusts cost): a trust keeps its flags, times,
 * NT hash and verdict, and offsets into one password arena (t->sec); a
 * pair keeps two domain and two trust indexes.  Neither adtrust_input nor
 * adtrust_model (about 40 KB each because of the fixed blob arrays) is
 * kept per pair: one scratch input and model in struct adtopo are filled
 * for the pair being written and wiped afterwards.  Every array holding
 * secrets (trusts: NT hashes; the arena: clear passwords) is grown by
 * copy-and-wipe, never realloc, and wiped when freed.
 *
 * Plan order (docs/nt4trust.1, "migrate --topology"): domains by number of
 * migrated pairs, most first, ties by name.  Each domain's LDIF is applied
 * once, holding all its objects; a pair can be validated as soon as both
 * of its domains are applied, that is right after the later one.  With
 * the hubs first (an accounts domain trusted by 500 resource domains),
 * every later domain completes its pairs at its own step, so validation
 * follows each step instead of waiting for the end.
 *
 * The --dns-map parser reads untrusted text through common/sbuf only
 * (fuzz target tests/fuzz/fuzz_adtopo_dnsmap.c).
 */
#include "adtopo.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/rng.h"
#include "common/sbuf.h"
#include "common/wbuf.h"
#include "migrate/adtrust_out.h"
#include "nt4/rotate.h"

#define ADTOPO_NONE UINT32_MAX

struct adtopo_dom {
	struct adtrust_domain d;
	int has_dns;
	uint32_t map_line; /* --dns-map line that named it (0: none) */
	uint32_t ntrusts;  /* NT4 trusts it takes part in */
	uint32_t degree;   /* migrated pairs */
	uint32_t step;	   /* plan step (0-based) or ADTOPO_NONE */
	uint32_t tdos, accounts;
};

struct adtopo_trust {
	uint32_t from, to; /* from trusts to */
	uint8_t healthy, has_cur, has_old, has_hash;
	uint32_t cur_off, cur_len, old_off, old_len;
	uint64_t cur_time, old_time, hash_time;
	uint8_t hash[16];
	char verdict[40];
};

struct adtopo_pair {
	uint32_t dom[2];
	uint32_t tr[2]; /* dom[i] trusts dom[1 - i]: trust index or NONE */
	uint32_t pw_off, pw_len;
	uint32_t step; /* validated after this step (0-based) */
	uint8_t broken, refused, has_pw;
};

struct adtopo {
	struct adtopo_dom *dom;
	size_t ndom, capdom;
	uint32_t *byname; /* domain indexes sorted by name (ndom) */
	size_t capby;
	struct adtopo_trust *tr;
	size_t ntr, captr;
	uint8_t *sec; /* password arena */
	size_t seclen, seccap;
	struct adtopo_pair *pair;
	size_t npair;
	uint32_t *adj_off, *adj; /* pairs of each domain (CSR) */
	uint32_t *steps;
	size_t nsteps;
	int built;
	struct adtrust_input in; /* scratch */
	struct adtrust_model m;	 /* scratch */
	struct adtrust_model m2; /* scratch of adtopo_check */
};

/* Grow *p (elements of size es, cap *cap) to hold need; copy-and-wipe. */
static int
adtopo_grow(void **p, size_t *cap, size_t need, size_t es)
{
	size_t ncap = *cap ? *cap : 16, bytes;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		if (__builtin_mul_overflow(ncap, 2, &ncap))
			return ERR_NOMEM;
	if (__builtin_mul_overflow(ncap, es, &bytes) ||
	    (np = mem_alloc(bytes)) == NULL)
		return ERR_NOMEM;
	if (*p != NULL) {
		memcpy(np, *p, *cap * es);
		crypto_wipe(*p, *cap * es);
		free(*p);
	}
	*p = np;
	*cap = ncap;
	return 0;
}

int
adtopo_new(struct adtopo **out, struct errinfo *ei)
{
	struct adtopo *t = mem_zalloc(sizeof(*t));

	*out = NULL;
	if (t == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory for the topology");
	*out = t;
	return 0;
}

void
adtopo_free(struct adtopo *t)
{
	if (t == NULL)
		return;
	free(t->dom);
	free(t->byname);
	if (t->tr != NULL)
		crypto_wipe(t->tr, t->captr * sizeof(*t->tr));
	free(t->tr);
	if (t->sec != NULL)
		crypto_wipe(t->sec, t->seccap);
	free(t->sec);
	free(t->pair);
	free(t->adj_off);
	free(t->adj);
	free(t->steps);
	crypto_wipe(t, sizeof(*t));
	free(t);
}

/* Position of name (upper case) in byname; *found. */
static size_t
adtopo_name_pos(const struct adtopo *t, const char *name, int *found)
{
	size_t lo = 0, hi = t->ndom;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->dom[t->byname[mid]].d.flat, name);

		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
adtopo_domain_add(struct adtopo *t, const char *flat, const struct sid *sid,
		  size_t *idx, struct errinfo *ei)
{
	char up[ADTRUST_FLAT_MAX + 1];
	size_t pos;
	int found, r;

	if (t->built)
		return ERR(ei, ERR_WRONGSTATE, "the topology is built already");
	if ((r = names_domain_check(flat, ei)) != 0)
		return r;
	if (names_upper(up, sizeof(up), flat) != 0)
		return ERR(ei, ERR_INVALID, "domain name %s too long", flat);
	pos = adtopo_name_pos(t, up, &found);
	if (found)
		return ERR(ei, ERR_EXISTS, "domain %s given twice", up);
	if (t->ndom >= ADTOPO_DOMAINS_MAX)
		return ERR(ei, ERR_RANGE, "more than %u domains",
			   ADTOPO_DOMAINS_MAX);
	if (adtopo_grow((void **)&t->dom, &t->capdom, t->ndom + 1,
			sizeof(*t->dom)) != 0 ||
	    adtopo_grow((void **)&t->byname, &t->capby, t->ndom + 1,
			sizeof(*t->byname)) != 0)
		return ERR(ei, ERR_NOMEM, "out of memory for domain %s", up);
	memset(&t->dom[t->ndom], 0, sizeof(t->dom[t->ndom]));
	memcpy(t->dom[t->ndom].d.flat, up, sizeof(up));
	if (sid != NULL)
		t->dom[t->ndom].d.sid = *sid;
	t->dom[t->ndom].step = ADTOPO_NONE;
	memmove(&t->byname[pos + 1], &t->byname[pos],
		(t->ndom - pos) * sizeof(*t->byname));
	t->byname[pos] = (uint32_t)t->ndom;
	if (idx != NULL)
		*idx = t->ndom;
	t->ndom++;
	return 0;
}

int
adtopo_domain_find(struct adtopo *t, const char *flat, size_t *idx)
{
	char up[ADTRUST_FLAT_MAX + 1];
	size_t pos;
	int found;

	if (names_upper(up, sizeof(up), flat) != 0)
		return ERR_NOTFOUND;
	pos = adtopo_name_pos(t, up, &found);
	if (!found)
		return ERR_NOTFOUND;
	*idx = t->byname[pos];
	return 0;
}

size_t
adtopo_domain_count(const struct adtopo *t)
{
	return t->ndom;
}

const struct adtrust_domain *
adtopo_domain(const struct adtopo *t, size_t i)
{
	return i < t->ndom ? &t->dom[i].d : NULL;
}

/* Check and store dns (lower case) as the name of domain i. */
static int
adtopo_dns_store(struct adtopo *t, size_t i, const char *dns,
		 struct errinfo *ei)
{
	size_t k;
	int r;

	if ((r = adtrust_dns_check(dns, ei)) != 0) {
		err_prefix(ei, "%s", t->dom[i].d.flat);
		return r;
	}
	for (k = 0; dns[k] != '\0'; k++)
		t->dom[i].d.dns[k] = (char)(dns[k] >= 'A' && dns[k] <= 'Z' ?
						    dns[k] - 'A' + 'a' :
						    dns[k]);
	t->dom[i].d.dns[k] = '\0';
	t->dom[i].has_dns = 1;
	return 0;
}

int
adtopo_dns_set(struct adtopo *t, const char *flat, const char *fqdn,
	       struct errinfo *ei)
{
	size_t i;

	if (adtopo_domain_find(t, flat, &i) != 0)
		return ERR(ei, ERR_NOTFOUND,
			   "%s is not a domain of the topology", flat);
	return adtopo_dns_store(t, i, fqdn, ei);
}

int
adtopo_dns_suffix(struct adtopo *t, const char *suffix, struct errinfo *ei)
{
	char dns[ADTRUST_DNS_MAX + 2];
	size_t i, k;
	int n, r;

	/* the suffix alone may be one label ("corp"): check "x.SUFFIX" */
	n = snprintf(dns, sizeof(dns), "x.%s", suffix);
	if (n < 0 || (size_t)n >= sizeof(dns))
		return ERR(ei, ERR_INVALID, "--dns-suffix is too long");
	if ((r = adtrust_dns_check(dns, ei)) != 0) {
		err_clear(ei);
		(void)ERR(ei, ERR_INVALID,
			  "--dns-suffix: DNS name '%.200s' is not a valid "
			  "suffix (labels of letters, digits and '-')",
			  suffix);
		return r;
	}
	for (i = 0; i < t->ndom; i++) {
		if (t->dom[i].has_dns)
			continue;
		n = snprintf(dns, sizeof(dns), "%s.%s", t->dom[i].d.flat,
			     suffix);
		if (n < 0 || (size_t)n >= sizeof(dns))
			return ERR(ei, ERR_INVALID,
				   "%s: %s.%s is longer than %d bytes",
				   t->dom[i].d.flat, t->dom[i].d.flat, suffix,
				   ADTRUST_DNS_MAX);
		for (k = 0; dns[k] != '.'; k++)
			dns[k] = (char)(dns[k] >= 'A' && dns[k] <= 'Z' ?
						dns[k] - 'A' + 'a' :
						dns[k]);
		if ((r = adtopo_dns_store(t, i, dns, ei)) != 0) {
			err_prefix(ei, "--dns-suffix %s", suffix);
			return r;
		}
	}
	return 0;
}

/* The next whitespace-separated token of line at *pos, or NULL. */
static char *
adtopo_token(char *line, size_t *pos)
{
	char *s;

	while (line[*pos] == ' ' || line[*pos] == '\t')
		(*pos)++;
	if (line[*pos] == '\0' || line[*pos] == '#')
		return NULL;
	s = &line[*pos];
	while (line[*pos] != '\0' && line[*pos] != ' ' && line[*pos] != '\t')
		(*pos)++;
	if (line[*pos] != '\0')
		line[(*pos)++] = '\0';
	return s;
}

/* One line of a --dns-map (already copied out of the input). */
static int
adtopo_map_line(struct adtopo *t, char *line, uint32_t lineno,
		struct errinfo *ei)
{
	size_t pos = 0, i;
	char *name, *fqdn, *extra;
	int r;

	if ((name = adtopo_token(line, &pos)) == NULL)
		return 0; /* empty or comment */
	if ((fqdn = adtopo_token(line, &pos)) == NULL)
		return ERR(ei, ERR_INVALID,
			   "line %u: '%.40s' has no DNS name (expected NAME "
			   "FQDN)",
			   lineno, name);
	if ((extra = adtopo_token(line, &pos)) != NULL)
		return ERR(ei, ERR_INVALID,
			   "line %u: unexpected '%.40s' after the DNS name",
			   lineno, extra);
	if (adtopo_domain_find(t, name, &i) != 0)
		return ERR(ei, ERR_INVALID,
			   "line %u: %.40s is not a domain of the topology",
			   lineno, name);
	if (t->dom[i].map_line != 0)
		return ERR(ei, ERR_INVALID,
			   "line %u: %s given again (first on line %u)", lineno,
			   t->dom[i].d.flat, t->dom[i].map_line);
	if ((r = adtopo_dns_store(t, i, fqdn, ei)) != 0) {
		err_prefix(ei, "line %u", lineno);
		return r;
	}
	t->dom[i].map_line = lineno;
	return 0;
}

int
adtopo_dns_map(struct adtopo *t, const uint8_t *text, size_t len,
	       struct errinfo *ei)
{
	char line[ADTOPO_MAP_LINE_MAX + 1];
	struct sbuf b;
	uint32_t lineno = 0;
	size_t n;
	uint8_t c;
	int r = ERR_INTERNAL;

	if (len > ADTOPO_MAP_MAX)
		return ERR(ei, ERR_RANGE, "the map is over %u bytes",
			   ADTOPO_MAP_MAX);
	sbuf_init(&b, text, len);
	while (sbuf_left(&b) > 0) {
		lineno++;
		n = 0;
		while (sbuf_left(&b) > 0) {
			if ((r = sbuf_get_u8(&b, &c)) != 0)
				goto out;
			if (c == '\n')
				break;
			if (c == '\0' || (c < 0x20 && c != '\t' && c != '\r') ||
			    c >= 0x7f) {
				r = ERR(ei, ERR_INVALID,
					"line %u: byte 0x%02x is not printable "
					"ASCII",
					lineno, c);
				goto out;
			}
			if (n == ADTOPO_MAP_LINE_MAX) {
				r = ERR(ei, ERR_INVALID,
					"line %u is longer than %u bytes",
					lineno, ADTOPO_MAP_LINE_MAX);
				goto out;
			}
			line[n++] = (char)c;
		}
		if (n > 0 && line[n - 1] == '\r')
			n--;
		line[n] = '\0';
		if (memchr(line, '\r', n) != NULL) {
			r = ERR(ei, ERR_INVALID, "line %u: a stray CR", lineno);
			goto out;
		}
		if ((r = adtopo_map_line(t, line, lineno, ei)) != 0)
			goto out;
	}
	r = 0;
out:
	return r;
}

/* Copy n bytes into the arena; *off. */
static int
adtopo_sec_put(struct adtopo *t, const uint8_t *p, size_t n, uint32_t *off)
{
	size_t need;

	if (__builtin_add_overflow(t->seclen, n, &need) || need > UINT32_MAX)
		return ERR_RANGE;
	if (adtopo_grow((void **)&t->sec, &t->seccap, need, 1) != 0)
		return ERR_NOMEM;
	if (n > 0)
		memcpy(t->sec + t->seclen, p, n);
	*off = (uint32_t)t->seclen;
	t->seclen = need;
	return 0;
}

int
adtopo_trust_add(struct adtopo *t, size_t trusting, size_t trusted,
		 const struct adtrust_nt4 *nt4, struct errinfo *ei)
{
	struct adtopo_trust *x;

	if (t->built)
		return ERR(ei, ERR_WRONGSTATE, "the topology is built already");
	if (trusting >= t->ndom || trusted >= t->ndom)
		return ERR(ei, ERR_INVALID, "no such domain index");
	if (trusting == trusted)
		return ERR(ei, ERR_INVALID, "%s cannot trust itself",
			   t->dom[trusting].d.flat);
	if (!nt4->present)
		return ERR(ei, ERR_INVALID,
			   "the NT4 trust %s -> %s has neither half",
			   t->dom[trusting].d.flat, t->dom[trusted].d.flat);
	if ((nt4->has_cur && nt4->cur_len > TRUSTAUTH_CLEAR_MAX) ||
	    (nt4->has_old && nt4->old_len > TRUSTAUTH_CLEAR_MAX))
		return ERR(ei, ERR_RANGE, "password of %s -> %s too long",
			   t->dom[trusting].d.flat, t->dom[trusted].d.flat);
	if (t->ntr >= ADTOPO_TRUSTS_MAX)
		return ERR(ei, ERR_RANGE, "more than %u trusts",
			   ADTOPO_TRUSTS_MAX);
	if (adtopo_grow((void **)&t->tr, &t->captr, t->ntr + 1,
			sizeof(*t->tr)) != 0)
		return ERR(ei, ERR_NOMEM, "out of memory for the trusts");
	x = &t->tr[t->ntr];
	memset(x, 0, sizeof(*x));
	x->from = (uint32_t)trusting;
	x->to = (uint32_t)trusted;
	x->healthy = nt4->healthy != 0;
	snprintf(x->verdict, sizeof(x->verdict), "%s", nt4->verdict);
	if (nt4->has_cur) {
		if (adtopo_sec_put(t, nt4->cur, nt4->cur_len, &x->cur_off) != 0)
			return ERR(ei, ERR_NOMEM,
				   "out of memory for passwords");
		x->has_cur = 1;
		x->cur_len = (uint32_t)nt4->cur_len;
		x->cur_time = nt4->cur_time;
	}
	if (nt4->has_old) {
		if (adtopo_sec_put(t, nt4->old, nt4->old_len, &x->old_off) != 0)
			return ERR(ei, ERR_NOMEM,
				   "out of memory for passwords");
		x->has_old = 1;
		x->old_len = (uint32_t)nt4->old_len;
		x->old_time = nt4->old_time;
	}
	if (nt4->has_hash) {
		x->has_hash = 1;
		memcpy(x->hash, nt4->hash, 16);
		x->hash_time = nt4->hash_time;
	}
	t->dom[trusting].ntrusts++;
	t->dom[trusted].ntrusts++;
	t->ntr++;
	return 0;
}

/* qsort keys (qsort has no context: the ranks travel with the element) */
struct adtopo_tkey {
	uint32_t lo, hi, from, idx; /* lo/hi/from: name ranks */
};

static int
adtopo_tkey_cmp(const void *a, const void *b)
{
	const struct adtopo_tkey *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->hi != y->hi)
		return x->hi < y->hi ? -1 : 1;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return 0;
}

struct adtopo_skey {
	uint32_t degree, name, idx;
};

static int
adtopo_skey_cmp(const void *a, const void *b)
{
	const struct adtopo_skey *x = a, *y = b;

	if (x->degree != y->degree)
		return x->degree > y->degree ? -1 : 1;
	return x->name < y->name ? -1 : x->name > y->name;
}

struct adtopo_dkey {
	const char *dns;
	uint32_t name, idx;
};

static int
adtopo_dkey_cmp(const void *a, const void *b)
{
	const struct adtopo_dkey *x = a, *y = b;
	int c = strcmp(x->dns, y->dns);

	if (c != 0)
		return c;
	return x->name < y->name ? -1 : x->name > y->name;
}

static int
adtopo_trust_broken(const struct adtopo_trust *x)
{
	return !x->healthy || !x->has_cur || !x->has_hash;
}

/* DNS names: present for every domain of a trust, and distinct. */
static int
adtopo_build_dns(struct adtopo *t, uint32_t *rank, struct errinfo *ei)
{
	struct adtopo_dkey *k = NULL;
	size_t i, n = 0;
	int r = ERR_INTERNAL;

	for (i = 0; i < t->ndom; i++) {
		const struct adtopo_dom *d = &t->dom[t->byname[i]];

		if (d->ntrusts > 0 && !d->has_dns)
			return ERR(ei, ERR_INVALID,
				   "no DNS name for %s: give --dns-suffix, "
				   "--dns-map or --dns-name %s=FQDN",
				   d->d.flat, d->d.flat);
		if (d->ntrusts > 0 && d->d.sid.rev != 1)
			return ERR(ei, ERR_INVALID, "no SID for domain %s",
				   d->d.flat);
	}
	if (t->ndom == 0)
		return 0;
	if ((k = mem_alloc(t->ndom * sizeof(*k))) == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	for (i = 0; i < t->ndom; i++)
		if (t->dom[i].ntrusts > 0) {
			k[n].dns = t->dom[i].d.dns;
			k[n].name = rank[i];
			k[n].idx = (uint32_t)i;
			n++;
		}
	qsort(k, n, sizeof(*k), adtopo_dkey_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(k[i - 1].dns, k[i].dns) == 0) {
			r = ERR(ei, ERR_INVALID,
				"%s and %s have the same DNS name %s",
				t->dom[k[i - 1].idx].d.flat,
				t->dom[k[i].idx].d.flat, k[i].dns);
			goto out;
		}
	r = 0;
out:
	free(k);
	return r;
}

/* Pairs from the sorted trust keys. */
static int
adtopo_build_pairs(struct adtopo *t, const struct adtopo_tkey *k,
		   const struct adtopo_opts *o, struct errinfo *ei)
{
	size_t i = 0, j, np = 0;

	if (t->ntr > 0 &&
	    (t->pair = mem_alloc(t->ntr * sizeof(*t->pair))) == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory for the pairs");
	while (i < t->ntr) {
		struct adtopo_pair *p = &t->pair[np++];
		const struct adtopo_trust *a = &t->tr[k[i].idx];
		uint32_t lo = a->from, hi = a->to;

		if (k[i].from != k[i].lo) {
			lo = a->to;
			hi = a->from;
		}
		memset(p, 0, sizeof(*p));
		p->dom[0] = lo;
		p->dom[1] = hi;
		p->tr[0] = p->tr[1] = ADTOPO_NONE;
		p->step = ADTOPO_NONE;
		for (j = i;
		     j < t->ntr && k[j].lo == k[i].lo && k[j].hi == k[i].hi;
		     j++) {
			const struct adtopo_trust *x = &t->tr[k[j].idx];
			int dir = x->from == lo ? 0 : 1;

			if (p->tr[dir] != ADTOPO_NONE)
				return ERR(ei, ERR_EXISTS,
					   "the NT4 trust %s -> %s is given "
					   "twice",
					   t->dom[x->from].d.flat,
					   t->dom[x->to].d.flat);
			p->tr[dir] = k[j].idx;
			if (adtopo_trust_broken(x))
				p->broken = 1;
		}
		i = j;
		p->refused = p->broken && !o->include_broken;
	}
	t->npair = np;
	return 0;
}

/* Steps: domains by migrated pairs (most first), ties by name. */
static int
adtopo_build_steps(struct adtopo *t, const uint32_t *rank, struct errinfo *ei)
{
	struct adtopo_skey *k = NULL;
	size_t i, n = 0, j;

	for (i = 0; i < t->npair; i++) {
		const struct adtopo_pair *p = &t->pair[i];

		if (p->refused)
			continue;
		for (j = 0; j < 2; j++) {
			t->dom[p->dom[j]].degree++;
			t->dom[p->dom[j]].tdos++;
			if (p->tr[j] != ADTOPO_NONE)
				t->dom[p->dom[1 - j]].accounts++;
		}
	}
	if (t->ndom == 0)
		return 0;
	if ((k = mem_alloc(t->ndom * sizeof(*k))) == NULL ||
	    (t->steps = mem_alloc(t->ndom * sizeof(*t->steps))) == NULL) {
		free(k);
		return ERR(ei, ERR_NOMEM, "out of memory for the plan");
	}
	for (i = 0; i < t->ndom; i++)
		if (t->dom[i].degree > 0) {
			k[n].degree = t->dom[i].degree;
			k[n].name = rank[i];
			k[n].idx = (uint32_t)i;
			n++;
		}
	qsort(k, n, sizeof(*k), adtopo_skey_cmp);
	for (i = 0; i < n; i++) {
		t->steps[i] = k[i].idx;
		t->dom[k[i].idx].step = (uint32_t)i;
	}
	t->nsteps = n;
	free(k);
	return 0;
}

/* Orientation, validation steps and the per-domain pair lists. */
static int
adtopo_build_adj(struct adtopo *t, struct errinfo *ei)
{
	size_t i, j;
	uint32_t *fill = NULL;

	for (i = 0; i < t->npair; i++) {
		struct adtopo_pair *p = &t->pair[i];
		int swap;

		if (p->tr[0] != ADTOPO_NONE && p->tr[1] != ADTOPO_NONE)
			swap = !p->refused &&
			       t->dom[p->dom[1]].step < t->dom[p->dom[0]].step;
		else
			swap = p->tr[0] == ADTOPO_NONE;
		if (swap) {
			uint32_t x = p->dom[0];

			p->dom[0] = p->dom[1];
			p->dom[1] = x;
			x = p->tr[0];
			p->tr[0] = p->tr[1];
			p->tr[1] = x;
		}
		if (!p->refused) {
			uint32_t a = t->dom[p->dom[0]].step,
				 b = t->dom[p->dom[1]].step;

			p->step = a > b ? a : b;
		}
	}
	if ((t->adj_off = mem_zalloc((t->ndom + 1) * sizeof(*t->adj_off))) ==
		    NULL ||
	    (t->npair > 0 &&
	     (t->adj = mem_alloc(2 * t->npair * sizeof(*t->adj))) == NULL) ||
	    (fill = mem_zalloc((t->ndom + 1) * sizeof(*fill))) == NULL) {
		free(fill);
		return ERR(ei, ERR_NOMEM, "out of memory for the plan");
	}
	for (i = 0; i < t->npair; i++)
		for (j = 0; j < 2; j++)
			t->adj_off[t->pair[i].dom[j] + 1]++;
	for (i = 0; i < t->ndom; i++)
		t->adj_off[i + 1] += t->adj_off[i];
	for (i = 0; i < t->npair; i++)
		for (j = 0; j < 2; j++) {
			uint32_t d = t->pair[i].dom[j];

			t->adj[t->adj_off[d] + fill[d]++] = (uint32_t)i;
		}
	free(fill);
	return 0;
}

int
adtopo_build(struct adtopo *t, const struct adtopo_opts *o, struct errinfo *ei)
{
	struct adtopo_tkey *k = NULL;
	uint32_t *rank = NULL;
	size_t i;
	int r = ERR_INTERNAL;

	if (t->built)
		return ERR(ei, ERR_WRONGSTATE, "the topology is built already");
	if (t->ndom > 0 &&
	    (rank = mem_alloc(t->ndom * sizeof(*rank))) == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < t->ndom; i++)
		rank[t->byname[i]] = (uint32_t)i;
	if ((r = adtopo_build_dns(t, rank, ei)) != 0)
		goto out;
	if (t->ntr > 0 && (k = mem_alloc(t->ntr * sizeof(*k))) == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < t->ntr; i++) {
		uint32_t a = rank[t->tr[i].from], b = rank[t->tr[i].to];

		k[i].lo = a < b ? a : b;
		k[i].hi = a < b ? b : a;
		k[i].from = a;
		k[i].idx = (uint32_t)i;
	}
	if (t->ntr > 0)
		qsort(k, t->ntr, sizeof(*k), adtopo_tkey_cmp);
	if ((r = adtopo_build_pairs(t, k, o, ei)) != 0 ||
	    (r = adtopo_build_steps(t, rank, ei)) != 0 ||
	    (r = adtopo_build_adj(t, ei)) != 0)
		goto out;
	t->built = 1;
	r = 0;
out:
	free(k);
	free(rank);
	return r;
}

size_t
adtopo_pair_count(const struct adtopo *t)
{
	return t->npair;
}

int
adtopo_pair_get(const struct adtopo *t, size_t i, struct adtopo_pair_info *pi)
{
	const struct adtopo_pair *p;
	int j;

	memset(pi, 0, sizeof(*pi));
	if (!t->built || i >= t->npair)
		return ERR_NOTFOUND;
	p = &t->pair[i];
	for (j = 0; j < 2; j++) {
		pi->dom[j] = p->dom[j];
		pi->nt4[j] = p->tr[j] != ADTOPO_NONE;
		pi->verdict[j] = pi->nt4[j] ? t->tr[p->tr[j]].verdict : "";
	}
	pi->broken = p->broken;
	pi->refused = p->refused;
	pi->new_password = p->has_pw;
	pi->step = p->refused ? 0 : (size_t)p->step + 1;
	return 0;
}

size_t
adtopo_step_count(const struct adtopo *t)
{
	return t->nsteps;
}

size_t
adtopo_step_domain(const struct adtopo *t, size_t k)
{
	return k < t->nsteps ? t->steps[k] : 0;
}

void
adtopo_domain_objects(const struct adtopo *t, size_t dom, size_t *tdos,
		      size_t *accounts)
{
	*tdos = dom < t->ndom ? t->dom[dom].tdos : 0;
	*accounts = dom < t->ndom ? t->dom[dom].accounts : 0;
}

int
adtopo_password_set(struct adtopo *t, size_t i, const uint8_t *pw16, size_t len,
		    struct errinfo *ei)
{
	uint32_t off;

	if (!t->built || i >= t->npair)
		return ERR(ei, ERR_NOTFOUND, "no pair %zu", i);
	if (len < 2 || len > TRUSTAUTH_CLEAR_MAX || len % 2 != 0)
		return ERR(ei, ERR_INVALID,
			   "the new trust password must be 1 to %d "
			   "characters",
			   TRUSTAUTH_CLEAR_MAX / 2);
	if (adtopo_sec_put(t, pw16, len, &off) != 0)
		return ERR(ei, ERR_NOMEM, "out of memory for passwords");
	t->pair[i].pw_off = off;
	t->pair[i].pw_len = (uint32_t)len;
	t->pair[i].has_pw = 1;
	return 0;
}

int
adtopo_passwords_generate(struct adtopo *t, struct rng *rg, struct errinfo *ei)
{
	char pw[ROTATE_PASSWORD_LEN + 1];
	uint8_t pw16[2 * ROTATE_PASSWORD_LEN];
	size_t i, j, n;
	int r = 0;

	for (i = 0; i < t->npair && r == 0; i++) {
		if (!t->pair[i].broken || t->pair[i].refused)
			continue;
		if (rotate_password_new(rg, pw, sizeof(pw)) != 0) {
			r = ERR(ei, ERR_CRYPTO, "the random generator failed");
			break;
		}
		/* [A-Za-z0-9._-]: UTF-16LE is each byte and a zero */
		n = strlen(pw);
		for (j = 0; j < n; j++) {
			pw16[2 * j] = (uint8_t)pw[j];
			pw16[2 * j + 1] = 0;
		}
		r = adtopo_password_set(t, i, pw16, 2 * n, ei);
	}
	crypto_wipe(pw, sizeof(pw));
	crypto_wipe(pw16, sizeof(pw16));
	return r;
}

int
adtopo_password_get(const struct adtopo *t, size_t i, const uint8_t **pw16,
		    size_t *len)
{
	*pw16 = NULL;
	*len = 0;
	if (!t->built || i >= t->npair || !t->pair[i].has_pw)
		return ERR_NOTFOUND;
	*pw16 = t->sec + t->pair[i].pw_off;
	*len = t->pair[i].pw_len;
	return 0;
}

/* One direction into the scratch input. */
static void
adtopo_fill_nt4(const struct adtopo *t, uint32_t tri, struct adtrust_nt4 *n)
{
	const struct adtopo_trust *x;

	n->present = 0;
	if (tri == ADTOPO_NONE)
		return;
	x = &t->tr[tri];
	n->present = 1;
	n->healthy = x->healthy;
	memcpy(n->verdict, x->verdict, sizeof(n->verdict));
	n->has_cur = x->has_cur;
	n->cur_len = x->cur_len;
	n->cur_time = x->cur_time;
	if (x->has_cur)
		memcpy(n->cur, t->sec + x->cur_off, x->cur_len);
	n->has_old = x->has_old;
	n->old_len = x->old_len;
	n->old_time = x->old_time;
	if (x->has_old)
		memcpy(n->old, t->sec + x->old_off, x->old_len);
	n->has_hash = x->has_hash;
	n->hash_time = x->hash_time;
	memcpy(n->hash, x->hash, 16);
}

int
adtopo_pair_model(struct adtopo *t, size_t i, const struct adtopo_opts *o,
		  struct adtrust_model *m, struct errinfo *ei)
{
	const struct adtopo_pair *p;
	struct adtrust_opts ao;
	int j, r;

	if (!t->built || i >= t->npair)
		return ERR(ei, ERR_NOTFOUND, "no pair %zu", i);
	p = &t->pair[i];
	if (p->broken && !p->has_pw)
		return ERR(ei, ERR_INVALID,
			   "%s and %s: a broken pair needs a new password "
			   "(--generate)",
			   t->dom[p->dom[0]].d.flat, t->dom[p->dom[1]].d.flat);
	for (j = 0; j < 2; j++) {
		t->in.dom[j] = t->dom[p->dom[j]].d;
		adtopo_fill_nt4(t, p->tr[j], &t->in.nt4[j]);
	}
	memset(&ao, 0, sizeof(ao));
	ao.direction = ADTRUST_AS_NT4;
	ao.both_sides = 1;
	ao.selective = o->selective;
	ao.no_quarantine = o->no_quarantine;
	ao.now = o->now;
	if (p->has_pw) {
		ao.new_pw = t->sec + p->pw_off;
		ao.new_len = p->pw_len;
	}
	r = adtrust_convert(m, &t->in, &ao, ei);
	for (j = 0; j < 2; j++) {
		/* wipe only what was filled: the scratch stays clean */
		crypto_wipe(t->in.nt4[j].cur, t->in.nt4[j].cur_len);
		crypto_wipe(t->in.nt4[j].old, t->in.nt4[j].old_len);
		crypto_wipe(t->in.nt4[j].hash, 16);
	}
	return r;
}

int
adtopo_check(struct adtopo *t, const struct adtopo_opts *o, size_t *bad,
	     struct errinfo *ei)
{
	size_t i;
	int r = 0;

	for (i = 0; i < t->npair && r == 0; i++) {
		if (t->pair[i].refused)
			continue;
		if ((r = adtopo_pair_model(t, i, o, &t->m2, ei)) == 0)
			r = adtrust_check(&t->m2, ei);
		if (r != 0 && bad != NULL)
			*bad = i;
	}
	adtrust_model_wipe(&t->m2);
	return r;
}

/* Hand w over when it is past the mark (or at the end). */
static int
adtopo_flush(const struct adtopo_out *out, int kind, size_t dom, int end,
	     struct errinfo *ei)
{
	struct wbuf *w = out->w[kind];
	int r;

	if (w == NULL)
		return 0;
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "an output buffer overflowed");
	if (out->flush == NULL || w->len == 0 ||
	    (!end && w->len < ADTOPO_FLUSH_AT))
		return 0;
	r = out->flush(out->ctx, kind, dom, w->p, w->len);
	wbuf_reset(w);
	return r != 0 ? ERR(ei, r, "writing the output failed") : 0;
}

/* The head line of each output of domain d. */
static void
adtopo_heads(const struct adtopo *t, size_t d, const struct adtopo_out *out)
{
	const struct adtopo_dom *x = &t->dom[d];
	char line[400];
	int k, n;

	for (k = 0; k < ADTOPO_KINDS; k++) {
		if (out->w[k] == NULL)
			continue;
		n = snprintf(line, sizeof(line),
			     "%s nt4trust migrate --topology: %s (%s), plan "
			     "step %u: trusted domain objects %u, trust "
			     "accounts %u\n",
			     k == ADTOPO_NETDOM ? "REM" : "#", x->d.flat,
			     x->d.dns, x->step + 1, x->tdos, x->accounts);
		if (n > 0 && (size_t)n < sizeof(line))
			(void)wbuf_put_bytes(out->w[k], line, (size_t)n);
	}
}

int
adtopo_domain_write(struct adtopo *t, size_t dom, const struct adtopo_opts *o,
		    const struct adtopo_out *out, struct errinfo *ei)
{
	size_t a;
	int k, r = ERR_INTERNAL;

	if (!t->built || dom >= t->ndom)
		return ERR(ei, ERR_NOTFOUND, "no domain %zu", dom);
	adtopo_heads(t, dom, out);
	for (a = t->adj_off[dom]; a < t->adj_off[dom + 1]; a++) {
		size_t pi = t->adj[a];
		int s, keep;

		if (t->pair[pi].refused)
			continue;
		s = t->pair[pi].dom[0] == dom ? 0 : 1;
		if ((r = adtopo_pair_model(t, pi, o, &t->m, ei)) != 0)
			goto out;
		if (out->w[ADTOPO_LDIF] != NULL &&
		    (r = adtrust_ldif(&t->m, s, o->dialect, out->w[ADTOPO_LDIF],
				      ei)) != 0)
			goto out;
		if (out->w[ADTOPO_NETDOM] != NULL) {
			keep = t->m.side[1 - s].present;
			t->m.side[1 - s].present = 0;
			r = adtrust_netdom(&t->m, out->w[ADTOPO_NETDOM], ei);
			t->m.side[1 - s].present = keep;
			if (r != 0)
				goto out;
		}
		if (s == 0 && out->w[ADTOPO_SAMBATOOL] != NULL &&
		    (r = adtrust_sambatool(&t->m, out->w[ADTOPO_SAMBATOOL],
					   ei)) != 0)
			goto out;
		if (s == 0 && out->w[ADTOPO_POWERSHELL] != NULL &&
		    (r = adtrust_powershell(&t->m, out->w[ADTOPO_POWERSHELL],
					    ei)) != 0)
			goto out;
		for (k = 0; k < ADTOPO_KINDS; k++)
			if ((r = adtopo_flush(out, k, dom, 0, ei)) != 0)
				goto out;
	}
	for (k = 0; k < ADTOPO_KINDS; k++)
		if ((r = adtopo_flush(out, k, dom, 1, ei)) != 0)
			goto out;
	r = 0;
out:
	adtrust_model_wipe(&t->m);
	return r;
}

int
adtopo_plan_write(const struct adtopo *t, struct wbuf *w, adtopo_flush_fn flush,
		  void *ctx, struct errinfo *ei)
{
	size_t s, a, two = 0, one = 0, refused = 0, i;
	int r;

	if (!t->built)
		return ERR(ei, ERR_WRONGSTATE, "the topology is not built");
	for (i = 0; i < t->npair; i++) {
		if (t->pair[i].refused)
			refused++;
		else if (t->pair[i].tr[1] != ADTOPO_NONE)
			two++;
		else
			one++;
	}
	wbuf_printf(w,
		    "Plan: %zu domains, %zu pairs to migrate (%zu two-way, "
		    "%zu one-way)%s\n",
		    t->nsteps, two + one, two, one,
		    refused > 0 ? ", broken pairs refused (listed apart)" : "");
	for (s = 0; s < t->nsteps; s++) {
		const struct adtopo_dom *d = &t->dom[t->steps[s]];

		wbuf_printf(w,
			    "Step %zu: on %s (%s) apply %s.ldif once "
			    "(trusted domain objects %u, trust accounts "
			    "%u)\n",
			    s + 1, d->d.flat, d->d.dns, d->d.flat, d->tdos,
			    d->accounts);
		for (a = t->adj_off[t->steps[s]];
		     a < t->adj_off[t->steps[s] + 1]; a++) {
			const struct adtopo_pair *p = &t->pair[t->adj[a]];
			const struct adtrust_domain *x = &t->dom[p->dom[0]].d,
						    *y = &t->dom[p->dom[1]].d;

			if (p->refused || p->step != s)
				continue;
			if (p->tr[1] != ADTOPO_NONE)
				wbuf_printf(w,
					    "  validate %s <-> %s "
					    "(two-way): netdom trust %s "
					    "/Domain:%s /Verify /Twoway\n",
					    x->flat, y->flat, x->dns, y->dns);
			else
				wbuf_printf(w,
					    "  validate %s -> %s "
					    "(one-way): netdom trust %s "
					    "/Domain:%s /Verify\n",
					    x->flat, y->flat, x->dns, y->dns);
		}
		if (flush != NULL && (r = wbuf_error(w)) == 0 &&
		    w->len >= ADTOPO_FLUSH_AT) {
			r = flush(ctx, -1, 0, w->p, w->len);
			wbuf_reset(w);
			if (r != 0)
				return ERR(ei, r, "writing the plan failed");
		}
	}
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "the plan does not fit");
	if (flush != NULL && w->len > 0) {
		r = flush(ctx, -1, 0, w->p, w->len);
		wbuf_reset(w);
		if (r != 0)
			return ERR(ei, r, "writing the plan failed");
	}
	return 0;
}
