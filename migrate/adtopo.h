/*
 * migrate/adtopo.h - every NT4 trust of an estate carried over to AD
 * external trusts at once: an in-memory topology of domains (flat name,
 * DNS name, SID) and NT4 one-way trusts (the per-direction data of
 * struct adtrust_nt4), grouped into unordered domain pairs (two one-way
 * trusts between the same domains make one pair: one two-way AD trust),
 * an ordered plan (which domain's LDIF is applied when, and when each pair
 * is validated) and the outputs of migrate/adtrust_out.h written per
 * domain, streamed through a flush callback.
 *
 * Memory: the topology keeps a compact form (about 120 bytes per NT4
 * trust plus its passwords in one arena, 40 bytes per pair, 300 per
 * domain); a pair is converted with adtrust_convert into one scratch
 * model only while it is written, never kept.
 */
#ifndef MIGRATE_ADTOPO_H
#define MIGRATE_ADTOPO_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"
#include "migrate/adtrust.h"

struct errinfo;
struct rng;
struct wbuf;

/* Limits of a topology (ERR_RANGE beyond). */
#define ADTOPO_DOMAINS_MAX 1000000u
#define ADTOPO_TRUSTS_MAX 4000000u
/* A --dns-map file: at most this many bytes, lines of at most 1024. */
#define ADTOPO_MAP_MAX (64u * 1024 * 1024)
#define ADTOPO_MAP_LINE_MAX 1024u
/* The output buffers are flushed when they pass this many bytes. */
#define ADTOPO_FLUSH_AT (64u * 1024)

/* The outputs of one domain (index into struct adtopo_out.w). */
enum adtopo_kind {
	ADTOPO_LDIF = 0,   /* its trusted domain objects and trust accounts */
	ADTOPO_NETDOM,	   /* netdom trust lines of its side of each pair */
	ADTOPO_SAMBATOOL,  /* samba-tool create of the pairs it creates */
	ADTOPO_POWERSHELL, /* the same with the .NET classes */
	ADTOPO_KINDS
};

struct adtopo;

/* The options common to every pair. */
struct adtopo_opts {
	int selective;	    /* --auth selective: 0x10 on every outgoing side */
	int no_quarantine;  /* --no-quarantine */
	int include_broken; /* broken pairs are migrated (new password) */
	int dialect;	    /* ADTRUST_LDIF_WINDOWS or _SAMBA */
	uint64_t now;	    /* FILETIME of the new passwords */
};

/* One pair as the plan sees it (adtopo_pair_get). */
struct adtopo_pair_info {
	/*
	 * dom[0] creates the pair with samba-tool/PowerShell: the trusting
	 * domain of a one-way pair, the one earlier in the plan of a two-way
	 * pair.  nt4[i]: does dom[i] trust dom[1 - i] under NT4.
	 */
	size_t dom[2];
	int nt4[2];
	const char *verdict[2]; /* diagnosis of each direction ("" none) */
	int broken;		/* some direction is not healthy */
	int refused;		/* broken and not included */
	int new_password;	/* a new password was set for it */
	size_t step;		/* plan step (1-based) it is validated at */
};

/*
 * adtopo_flush_fn - receives the bytes of output kind for domain dom;
 * returns 0 or a negative ERR_* that stops the writing.
 */
typedef int (*adtopo_flush_fn)(void *ctx, int kind, size_t dom,
			       const uint8_t *p, size_t len);

/*
 * Where adtopo_domain_write puts a domain's outputs: w[kind] (NULL: that
 * kind is not wanted).  With flush, each buffer is handed over and reset
 * whenever it passes ADTOPO_FLUSH_AT bytes and at the end; without, all
 * stays in w[kind] (its cap bounds it).
 */
struct adtopo_out {
	struct wbuf *w[ADTOPO_KINDS];
	adtopo_flush_fn flush;
	void *ctx;
};

/* adtopo_new - an empty topology (*out: adtopo_free).  ERR_NOMEM. */
int adtopo_new(struct adtopo **out, struct errinfo *ei);
/* adtopo_free - wipe (passwords) and free; NULL ok. */
void adtopo_free(struct adtopo *t);

/*
 * adtopo_domain_add - a domain (NetBIOS name, stored upper case; sid may
 * be NULL and set later with the same call is refused: ERR_EXISTS naming
 * it).  *idx (optional): its index.  ERR_INVALID for a bad name.
 */
int adtopo_domain_add(struct adtopo *t, const char *flat, const struct sid *sid,
		      size_t *idx, struct errinfo *ei);
/* adtopo_domain_find - index of a name (case-insensitive); ERR_NOTFOUND. */
int adtopo_domain_find(struct adtopo *t, const char *flat, size_t *idx);
size_t adtopo_domain_count(const struct adtopo *t);
/* adtopo_domain - borrowed, valid until the next adtopo_domain_add. */
const struct adtrust_domain *adtopo_domain(const struct adtopo *t, size_t i);

/*
 * DNS names, checked with adtrust_dns_check and stored lower case.
 * adtopo_dns_set: one domain (ERR_NOTFOUND naming an unknown one).
 * adtopo_dns_suffix: every domain without a name gets lower(NAME).SUFFIX.
 * adtopo_dns_map: lines "NAME FQDN" (blanks or tabs between; '#'
 * comments, empty lines and CRLF allowed); a name given twice, an unknown
 * domain or a bad line is ERR_INVALID naming the line.  Later calls
 * override earlier ones, so the caller applies map, then overrides; the
 * suffix only fills what is still missing.
 */
int adtopo_dns_set(struct adtopo *t, const char *flat, const char *fqdn,
		   struct errinfo *ei);
int adtopo_dns_suffix(struct adtopo *t, const char *suffix, struct errinfo *ei);
int adtopo_dns_map(struct adtopo *t, const uint8_t *text, size_t len,
		   struct errinfo *ei);

/*
 * adtopo_trust_add - the NT4 trust "trusting trusts trusted" (indexes)
 * with what both halves hold (copied; nt4->present must be set).  A
 * domain trusting itself is ERR_INVALID; the same trust twice is found by
 * adtopo_build.
 */
int adtopo_trust_add(struct adtopo *t, size_t trusting, size_t trusted,
		     const struct adtrust_nt4 *nt4, struct errinfo *ei);

/*
 * adtopo_build - group the trusts into pairs, mark broken ones (refused
 * unless o->include_broken), order the plan.  Checks that every domain of
 * a pair has a DNS name (ERR_INVALID naming the first one without) and
 * that no two share one (naming both).  Trusts cannot be added after.
 */
int adtopo_build(struct adtopo *t, const struct adtopo_opts *o,
		 struct errinfo *ei);

/* After adtopo_build: pairs (sorted by their two names), plan steps. */
size_t adtopo_pair_count(const struct adtopo *t);
int adtopo_pair_get(const struct adtopo *t, size_t i,
		    struct adtopo_pair_info *pi);
/* adtopo_step_count - the domains with at least one migrated pair. */
size_t adtopo_step_count(const struct adtopo *t);
/* adtopo_step_domain - the domain applied at step k (0-based). */
size_t adtopo_step_domain(const struct adtopo *t, size_t k);
/* adtopo_domain_objects - trusted domain objects / trust accounts of a
 * domain's LDIF (migrated pairs only). */
void adtopo_domain_objects(const struct adtopo *t, size_t dom, size_t *tdos,
			   size_t *accounts);

/*
 * adtopo_password_set - the new password (UTF-16LE, copied) of pair i.
 * adtopo_passwords_generate - one new password per broken pair, each
 * drawn from r (rotate_password_new: the OS generator in the tool).
 */
int adtopo_password_set(struct adtopo *t, size_t i, const uint8_t *pw16,
			size_t len, struct errinfo *ei);
int adtopo_passwords_generate(struct adtopo *t, struct rng *r,
			      struct errinfo *ei);
/* adtopo_password_get - borrowed new password of pair i, or ERR_NOTFOUND. */
int adtopo_password_get(const struct adtopo *t, size_t i, const uint8_t **pw16,
			size_t *len);

/*
 * adtopo_pair_model - pair i converted (both sides, the NT4 directions,
 * o's options) into *m, side[0] being pair_info.dom[0]; the caller wipes
 * *m.  Errors of adtrust_convert (a broken pair without a new password).
 */
int adtopo_pair_model(struct adtopo *t, size_t i, const struct adtopo_opts *o,
		      struct adtrust_model *m, struct errinfo *ei);

/*
 * adtopo_check - every pair that is not refused converted and checked
 * with adtrust_check; the first failure is returned (ei names the pair),
 * *bad (optional) its index.
 */
int adtopo_check(struct adtopo *t, const struct adtopo_opts *o, size_t *bad,
		 struct errinfo *ei);

/*
 * adtopo_domain_write - the outputs of domain dom (its migrated pairs in
 * pair order) into out (see struct adtopo_out).  The LDIF holds trust
 * passwords: wipe what the flush receives.
 */
int adtopo_domain_write(struct adtopo *t, size_t dom,
			const struct adtopo_opts *o,
			const struct adtopo_out *out, struct errinfo *ei);

/*
 * adtopo_plan_write - the plan in words, one line per step and per
 * validation, appended to w (flushed through flush/ctx with kind -1 when
 * not NULL).  No secrets.
 */
int adtopo_plan_write(const struct adtopo *t, struct wbuf *w,
		      adtopo_flush_fn flush, void *ctx, struct errinfo *ei);

#endif
