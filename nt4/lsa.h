/*
 * nt4/lsa.h - the LSA policy of an emulated PDC: the trusted-domain list
 * (TDOs: name + SID) and LSA secrets with CurrentValue/OldValue and their
 * set times ([MS-LSAD] 3.1.1.4, 3.1.1.5).  The trust password for domain X
 * is the secret "G$$X".  Mutating calls run inside a domain transaction.
 */
#ifndef NT4_LSA_H
#define NT4_LSA_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/records.h"

struct errinfo;
struct domain;

#define LSA_TRUST_SECRET_PREFIX "G$$"

/*
 * lsa_tdo_add - add trusted domain name with its SID.  ERR_EXISTS if a TDO
 * of that name exists; ERR_INVALID for a bad name or non-domain SID.
 */
int lsa_tdo_add(struct domain *d, const char *name, const struct sid *sid,
		struct errinfo *ei);
/* lsa_tdo_get - ERR_NOTFOUND (no message) when absent. */
int lsa_tdo_get(struct domain *d, const char *name, struct rec_tdo *out,
		struct errinfo *ei);
/* lsa_tdo_delete - ERR_NOTFOUND (no message) when absent. */
int lsa_tdo_delete(struct domain *d, const char *name, struct errinfo *ei);
typedef int (*lsa_tdo_fn)(const struct rec_tdo *t, void *arg);
/* lsa_tdo_list - every TDO in name order. */
int lsa_tdo_list(struct domain *d, lsa_tdo_fn fn, void *arg,
		 struct errinfo *ei);

/*
 * lsa_secret_name_check - [MS-LSAD] 3.1.1.4: 1..128 characters, no '\'.
 */
int lsa_secret_name_check(const char *name, struct errinfo *ei);
/* lsa_trust_secret_name - "G$$<DOMAIN upper-case>" into buf. */
int lsa_trust_secret_name(char *buf, size_t len, const char *domain);
/* lsa_secret_get - ERR_NOTFOUND (no message) when absent; wipe *out. */
int lsa_secret_get(struct domain *d, const char *name, struct rec_secret *out,
		   struct errinfo *ei);
/*
 * lsa_secret_set - LsarSetSecret with EncryptedOldValue NULL: the stored
 * current value (and its time) becomes the old value, then value (len
 * bytes, <= REC_SECRET_MAX) becomes current with set time now.  Creates
 * the secret when absent (no old value then).
 */
int lsa_secret_set(struct domain *d, const char *name, const uint8_t *value,
		   size_t len, uint64_t now, struct errinfo *ei);
/* lsa_secret_put - store a whole secret record as given. */
int lsa_secret_put(struct domain *d, const struct rec_secret *s,
		   struct errinfo *ei);
/* lsa_secret_delete - ERR_NOTFOUND (no message) when absent. */
int lsa_secret_delete(struct domain *d, const char *name, struct errinfo *ei);
typedef int (*lsa_secret_fn)(const struct rec_secret *s, void *arg);
/* lsa_secret_list - every secret in name order (values included). */
int lsa_secret_list(struct domain *d, lsa_secret_fn fn, void *arg,
		    struct errinfo *ei);

/*
 * The AD trusted domain object d stores for partner (after migrate
 * --apply).  get: ERR_NOTFOUND (no message) when absent; wipe *out (it
 * holds password hashes).  put replaces; delete: ERR_NOTFOUND when absent.
 * put and delete run inside the caller's transaction (domain_begin).
 */
int lsa_adtdo_get(struct domain *d, const char *partner, struct rec_adtdo *out,
		  struct errinfo *ei);
int lsa_adtdo_put(struct domain *d, const struct rec_adtdo *t,
		  struct errinfo *ei);
int lsa_adtdo_delete(struct domain *d, const char *partner, struct errinfo *ei);
/* lsa_adtdo_list - every AD trusted domain object of d, in key order. */
typedef int (*lsa_adtdo_fn)(const struct rec_adtdo *t, void *arg);
int lsa_adtdo_list(struct domain *d, lsa_adtdo_fn fn, void *arg,
		   struct errinfo *ei);

/*
 * lsa_allow_auth_add - grant DOMAIN\user "Allowed to Authenticate" on
 * computer (a computer of d), inside the caller's transaction.
 * lsa_allow_auth_has - 1 when granted, 0 when not, < 0 on a store error.
 */
int lsa_allow_auth_add(struct domain *d, const char *computer,
		       const char *domain, const char *user,
		       struct errinfo *ei);
int lsa_allow_auth_has(struct domain *d, const char *computer,
		       const char *domain, const char *user,
		       struct errinfo *ei);

#endif
