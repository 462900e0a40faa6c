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
	char password[SECRETSDB_PASS_MAX + 1];	 /* cleartext: wipe */
	size_t pass_len;
	uint32_t mod_time; /* unix time */
	struct sid sid;	   /* the trusted domain's SID */
};

/*
 * secretsdb_open - open an existing secrets.tdb (read-only unless writable;
 * never created).  ERR_NOTFOUND if missing, ERR_ACCESS/ERR_IO otherwise;
 * the message names the file.  Close with secretsdb_close().
 */
int secretsdb_open(struct secretsdb **out, const char *path, int writable,
		   struct errinfo *ei);
/* secretsdb_close - close (cancels nothing: every change commits); NULL ok. */
void secretsdb_close(struct secretsdb *s);
/* secretsdb_path - the file name (borrowed from s). */
const char *secretsdb_path(const struct secretsdb *s);

/*
 * secretsdb_sid_decode - a SECRETS/SID/ value: struct dom_sid as Samba
 * stores it (68 bytes: rev, count, authority[6] big-endian, 15 x LE32
 * sub-authorities, the unused ones zero).  Strict: ERR_TRUNCATED under 68
 * bytes, ERR_TRAILING over, ERR_FORMAT for a revision other than 1 or a
 * non-zero unused sub-authority, ERR_RANGE for more than 15; the offset
 * is in ei.  *sid is cleared on failure.
 */
int secretsdb_sid_decode(struct sid *sid, const uint8_t *p, size_t len,
			 struct errinfo *ei);
/*
 * secretsdb_sid_encode - append the 68-byte form to w (all or nothing).
 * ERR_FORMAT/ERR_RANGE for an invalid sid, ERR_RANGE/ERR_NOMEM from w.
 */
int secretsdb_sid_encode(const struct sid *sid, struct wbuf *w);
/*
 * secretsdb_sid_get - SECRETS/SID/<NAME upper-cased>.  ERR_NOTFOUND when
 * absent (no message, as store_get), ERR_INVALID for a bad name, a decode
 * error prefixed with the file and key.
 */
int secretsdb_sid_get(struct secretsdb *s, const char *name, struct sid *sid,
		      struct errinfo *ei);
/*
 * secretsdb_sid_put - write SECRETS/SID/<NAME upper-cased> (one
 * transaction; the store must be writable, else ERR_ACCESS).
 */
int secretsdb_sid_put(struct secretsdb *s, const char *name,
		      const struct sid *sid, struct errinfo *ei);
/*
 * Called with each name that has a SECRETS/SID/ record (name as in the key,
 * upper case; both pointers valid during the call).  A non-zero return
 * stops the walk and is returned by secretsdb_sid_list.
 */
typedef int (*secretsdb_name_fn)(const char *name, const struct sid *sid,
				 void *arg);
/*
 * secretsdb_sid_list - every SECRETS/SID/ record in key order.  A record
 * that does not decode, or a key Samba cannot have written (name not
 * upper case, empty, not UTF-8), stops the walk with its error.
 */
int secretsdb_sid_list(struct secretsdb *s, secretsdb_name_fn fn, void *arg,
		       struct errinfo *ei);

/*
 * secretsdb_trust_decode - one TRUSTED_DOM_PASS value, strict (lengths,
 * NUL terminator, zero padding of uni_name, SID count, no trailing bytes).
 * The password must be ASCII (Samba stores it in the dos charset, which
 * is not converted here).  ERR_TRUNCATED/ERR_FORMAT/ERR_RANGE/ERR_TRAILING
 * with the offset in ei; the message never shows the password.  *t holds
 * the cleartext password: secretsdb_trust_wipe() it after use (it is
 * wiped on failure).
 */
int secretsdb_trust_decode(struct secretsdb_trust *t, const uint8_t *p,
			   size_t len, struct errinfo *ei);
/*
 * secretsdb_trust_encode - append the record Samba writes for *t to w (all
 * or nothing; w should be wiped after use).  ERR_RANGE for a name over
 * SECRETSDB_NAME_MAX UTF-16 units or an unterminated field, ERR_INVALID for
 * pass_len != strlen(password), a non-ASCII password, a bad name or SID.
 */
int secretsdb_trust_encode(const struct secretsdb_trust *t, struct wbuf *w);
/* secretsdb_trust_wipe - crypto_wipe all of *t; NULL ok. */
void secretsdb_trust_wipe(struct secretsdb_trust *t);
/*
 * secretsdb_trust_get - SECRETS/$DOMTRUST.ACC/<DOMAIN upper-cased>.
 * ERR_NOTFOUND when absent (no message, as store_get), ERR_INVALID for a
 * bad name; ERR_FORMAT also when the record's uni_name, upper-cased, is
 * not the key's name.  Wipe *t after use.
 */
int secretsdb_trust_get(struct secretsdb *s, const char *domain,
			struct secretsdb_trust *t, struct errinfo *ei);
/*
 * secretsdb_trust_put - write *t under the upper-cased t->domain (one
 * transaction; t->mod_time as given, Samba puts time(NULL) there).
 */
int secretsdb_trust_put(struct secretsdb *s, const struct secretsdb_trust *t,
			struct errinfo *ei);
/* secretsdb_trust_delete - remove it (one transaction); ERR_NOTFOUND. */
int secretsdb_trust_delete(struct secretsdb *s, const char *domain,
			   struct errinfo *ei);
/*
 * Called with each trusted-domain record (t wiped after the call).  A
 * non-zero return stops the walk and is returned by secretsdb_trust_list.
 */
typedef int (*secretsdb_trust_fn)(const struct secretsdb_trust *t, void *arg);
/*
 * secretsdb_trust_list - every SECRETS/$DOMTRUST.ACC/ record in key order;
 * the first record that does not decode (or does not match its key) stops
 * the walk with its error, prefixed with the file and key.
 */
int secretsdb_trust_list(struct secretsdb *s, secretsdb_trust_fn fn, void *arg,
			 struct errinfo *ei);

#endif
