/*
 * nt4/domain.h - an emulated NT4 PDC: its store (SAM + LSA policy in one
 * tdb), its identity record and the in-memory state of its Netlogon
 * service.
 */
#ifndef NT4_DOMAIN_H
#define NT4_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#include "common/nlcrypto.h"
#include "nt4/records.h"

struct errinfo;
struct lab;
struct store;
struct netlogon_server;

/* An open emulated PDC (owned by its lab). */
struct domain {
	struct lab *lab;
	struct store *st;
	struct rec_domain rec;	    /* as last read or written */
	struct netlogon_server *nl; /* Netlogon service state (memory) */
};

/*
 * Netlogon capabilities of an emulated PDC.  The default is NT4 SP4+ with
 * strong keys plus NetrServerPasswordSet2 (as Samba's NT4-style client
 * offers); "classic" is NT4 before strong keys, which changes trust
 * passwords with NetrServerPasswordSet; the samba flavor adds AES.
 */
#define DOMAIN_NL_CAPS_CLASSIC NLCRYPTO_FLAGS_NT4
#define DOMAIN_NL_CAPS_DEFAULT \
	(NLCRYPTO_FLAGS_NT4_STRONG | NLCRYPTO_NEG_PASSWORD_SET2)
#define DOMAIN_NL_CAPS_AES (DOMAIN_NL_CAPS_DEFAULT | NLCRYPTO_NEG_SUPPORTS_AES)

/* Options of domain_create. */
struct domain_opts {
	const struct sid *sid; /* NULL: a new random S-1-5-21-a-b-c */
	const char *pdc;       /* NULL: <NAME>PDC (first 12 characters) */
	uint32_t flavor;       /* enum rec_flavor */
	uint32_t nl_caps;      /* 0: DOMAIN_NL_CAPS_DEFAULT (samba: _AES) */
};

/*
 * domain_create - a new PDC DIR/<NAME>.tdb.  ERR_INVALID for a bad name or
 * SID, ERR_EXISTS if the lab already has that domain.  The new domain is
 * cached in the lab (*out borrowed).
 */
int domain_create(struct lab *l, const char *name, const struct domain_opts *o,
		  struct domain **out, struct errinfo *ei);
/*
 * domain_open - open DIR/<NAME>.tdb and read its identity record (the error
 * names the file and key on a corrupt record).  Used by lab_domain().
 */
int domain_open(struct lab *l, const char *name, const char *path,
		struct domain **out, struct errinfo *ei);
/* domain_close - free; NULL is a no-op. */
void domain_close(struct domain *d);
/* domain_delete - remove the PDC's file (the lab forgets its handle). */
int domain_delete(struct lab *l, const char *name, struct errinfo *ei);

/*
 * domain_backup - copy the PDC's database, as one consistent snapshot, to
 * DIR/backup/<NAME>.<TAG>.tdb (mode 0600; TAG: 1..32 of [A-Za-z0-9._-]).
 * ERR_EXISTS if that backup exists.
 */
int domain_backup(struct lab *l, const char *name, const char *tag,
		  struct errinfo *ei);
/*
 * domain_restore - put a backup of this domain back, in one transaction
 * (all or nothing), and restart the PDC: it forgets its secure channels.
 * ERR_NOTFOUND for a missing backup, ERR_INVALID for one of another domain.
 */
int domain_restore(struct lab *l, const char *name, const char *tag,
		   struct errinfo *ei);

/* domain_begin/commit/cancel - a transaction on the PDC's store. */
int domain_begin(struct domain *d, struct errinfo *ei);
int domain_commit(struct domain *d, struct errinfo *ei);
void domain_cancel(struct domain *d);
/* domain_rec_save - write d->rec (inside a transaction). */
int domain_rec_save(struct domain *d, struct errinfo *ei);

/*
 * domain_get_record - fetch key and decode it as a record of the given type
 * (enum rec_type) into rec (struct rec_domain/account/tdo/secret, or a
 * uint32_t RID for REC_NAMEIDX).  ERR_NOTFOUND (no message) when absent; on
 * a corrupt value the message names the file, the key and the offset.
 */
int domain_get_record(struct domain *d, const char *key, int type, void *rec,
		      struct errinfo *ei);
/* domain_put_record - encode rec as type and store it (in a transaction). */
int domain_put_record(struct domain *d, const char *key, int type,
		      const void *rec, struct errinfo *ei);

/* domain_flavor_name - "nt4" or "samba". */
const char *domain_flavor_name(uint32_t flavor);

#endif
