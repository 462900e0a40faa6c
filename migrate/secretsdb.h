/*
 * migrate/secretsdb.h - Samba's secrets.tdb: the domain SIDs
 * (SECRETS/SID/<NAME>) and the trusted-domain records of a classic PDC
 * (SECRETS/$DOMTRUST.ACC/<DOMAIN>, NDR TRUSTED_DOM_PASS), read strictly
 * and written as Samba writes them.  Format: docs/formats/secretsdb.md.
 */
#ifndef MIGRATE_SECRETSDB_H
#define MIGRATE_SECRETSDB_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"

struct errinfo;
struct secretsdb;
struct wbuf;

#define SECRETSDB_NAME_MAX 31  /* UTF-16 units of uni_name (32 with NUL) */
#define SECRETSDB_PASS_MAX 512 /* bytes of a trust password we accept */

/* TRUSTED_DOM_PASS (source3/librpc/idl/secrets.idl, NDR_NOALIGN). */
struct secretsdb_trust {
	char domain[4 * SECRETSDB_NAME_MAX + 1]; /* uni_name as UTF-8 */
	char password[SECRETSDB_PASS_MAX + 1];   /* cleartext: wipe */
	size_t pass_len;
	uint32_t mod_time; /* unix time */
	struct sid sid;    /* the trusted domain's SID */
};

int secretsdb_open(struct secretsdb **out, const char *path, int writable,
		   struct errinfo *ei);
void secretsdb_close(struct secretsdb *s);
const char *secretsdb_path(const struct secretsdb *s);

/*
 * secretsdb_sid_decode - a SECRETS/SID/ value: struct dom_sid as Samba
 * stores it (68 bytes: rev, count, authority[6] big-endian, 15 x LE32
 * sub-authorities, the unused ones zero).  Strict.
 */
int secretsdb_sid_decode(struct sid *sid, const uint8_t *p, size_t len,
			 struct errinfo *ei);
int secretsdb_sid_encode(const struct sid *sid, struct wbuf *w);
/* secretsdb_sid_get - SECRETS/SID/<NAME upper-cased>; ERR_NOTFOUND. */
int secretsdb_sid_get(struct secretsdb *s, const char *name, struct sid *sid,
		      struct errinfo *ei);
/* Called with each name that has a SECRETS/SID/ record. */
typedef int (*secretsdb_name_fn)(const char *name, const struct sid *sid,
				 void *arg);
int secretsdb_sid_list(struct secretsdb *s, secretsdb_name_fn fn, void *arg,
		       struct errinfo *ei);

/*
 * secretsdb_trust_decode - one TRUSTED_DOM_PASS value, strict (lengths,
 * NUL terminator, zero padding of uni_name, SID count, no trailing bytes).
 */
int secretsdb_trust_decode(struct secretsdb_trust *t, const uint8_t *p,
			   size_t len, struct errinfo *ei);
int secretsdb_trust_encode(const struct secretsdb_trust *t, struct wbuf *w);
void secretsdb_trust_wipe(struct secretsdb_trust *t);
/* secretsdb_trust_get - SECRETS/$DOMTRUST.ACC/<DOMAIN>; ERR_NOTFOUND. */
int secretsdb_trust_get(struct secretsdb *s, const char *domain,
			struct secretsdb_trust *t, struct errinfo *ei);
/* secretsdb_trust_put - write it (one transaction). */
int secretsdb_trust_put(struct secretsdb *s, const struct secretsdb_trust *t,
			struct errinfo *ei);
/* secretsdb_trust_delete - remove it (one transaction); ERR_NOTFOUND. */
int secretsdb_trust_delete(struct secretsdb *s, const char *domain,
			   struct errinfo *ei);
typedef int (*secretsdb_trust_fn)(const struct secretsdb_trust *t, void *arg);
int secretsdb_trust_list(struct secretsdb *s, secretsdb_trust_fn fn,
			 void *arg, struct errinfo *ei);

#endif
