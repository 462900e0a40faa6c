/*
 * migrate/sambaview.h - fill the neutral trust view (nt4/view.h) from the
 * private directories of two Samba classic PDCs (or copies of them), so
 * real domains are diagnosed by the same code as the lab (nt4/diag.h).
 *
 *   trusting side: DIR/secrets.tdb  SECRETS/$DOMTRUST.ACC/<TRUSTED> (the
 *                  trusted-domain entry and its one password, in clear)
 *                  and SECRETS/SID/<NAME>
 *   trusted side:  DIR/passdb.tdb   USER_<trusting>$ (the trust account)
 *                  and DIR/secrets.tdb SECRETS/SID/<NAME>
 *
 * Everything is opened read-only.  A Samba classic trusting PDC keeps one
 * password (no OldValue), and its trusted-domain entry and secret are one
 * record, so "secret-missing" cannot occur there.
 */
#ifndef MIGRATE_SAMBAVIEW_H
#define MIGRATE_SAMBAVIEW_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/view.h"

struct errinfo;
struct secretsdb_trust;
struct tdbsam_user;

/* Bytes of an account name in a collected record (TDBSAM_NAME_MAX). */
#define SAMBAVIEW_NAME_MAX 256

/* The domain whose private directory dir is, and its SID. */
struct sambaview_domain {
	char dir[4096];
	char name[16]; /* NetBIOS domain name, upper case */
	struct sid sid;
	int has_sid;
};

/*
 * sambaview_identify - the domain of a private directory: name when the
 * user gave one, else the domain its passdb.tdb accounts record, else the
 * only name with a SECRETS/SID/ record.  Its SID from SECRETS/SID/<NAME>.
 * ERR_INVALID when the name cannot be told; hint, when not NULL, ends that
 * message (the option that names the domain).
 */
int sambaview_identify(struct sambaview_domain *d, const char *dir,
		       const char *name, const char *hint, struct errinfo *ei);

/*
 * sambaview_path - "DIR/FILE" into buf (a file of a private directory);
 * ERR_RANGE naming dir when it does not fit.
 */
int sambaview_path(char *buf, size_t len, const char *dir, const char *file,
		   struct errinfo *ei);

/*
 * sambaview_load - the view of "trusting trusts trusted" from the two
 * directories.  Errors name the file, key and offset of a corrupt record.
 * Wipe the view after use.
 */
int sambaview_load(struct view *v, const struct sambaview_domain *trusting,
		   const struct sambaview_domain *trusted, struct errinfo *ei);

/*
 * The two halves as collected records, for callers that read each file
 * once (migrate/sambaestate.c) and then build many views.
 *
 * sambaview_secret: the trusting half, SECRETS/$DOMTRUST.ACC/<TRUSTED>
 * reduced to what the view needs (the NT hash of the one password, not
 * the password).  Wipe after use.
 */
struct sambaview_secret {
	struct sid sid;	      /* what the record says the trusted SID is */
	uint32_t mod_time;    /* unix time */
	int has_cur;	      /* a non-empty password */
	uint8_t cur_hash[16]; /* NT hash of the password (secret) */
};

/* sambaview_account: the trusted half, an account read from passdb.tdb. */
struct sambaview_account {
	char name[SAMBAVIEW_NAME_MAX + 1]; /* as stored (original case) */
	uint32_t rid;
	uint32_t acb; /* acct_ctrl, ACB_* */
	int has_nt;
	uint8_t nt_hash[16]; /* secret */
	uint32_t pwd_last_set;
};

/*
 * sambaview_secret_from - the collected form of a decoded
 * TRUSTED_DOM_PASS (computes the NT hash of its password).  ERR_CRYPTO
 * from the hash; *s is wiped on failure.
 */
int sambaview_secret_from(struct sambaview_secret *s,
			  const struct secretsdb_trust *t, struct errinfo *ei);
/*
 * sambaview_account_from - the collected form of a decoded passdb.tdb
 * record.  ERR_RANGE (no message) when the name does not fit.
 */
int sambaview_account_from(struct sambaview_account *a,
			   const struct tdbsam_user *u);

/*
 * sambaview_fill - the view of "trusting trusts trusted" from collected
 * halves: sec is trusting's SECRETS/$DOMTRUST.ACC/<TRUSTED> (NULL: none),
 * acct is trusted's account TRUSTING$ (NULL: none).  sambaview_load reads
 * the two records and calls this, so both paths give the same view.
 * ERR_INVALID when trusting's name cannot make an account name.  Wipe the
 * view after use.
 */
int sambaview_fill(struct view *v, const struct sambaview_domain *trusting,
		   const struct sambaview_domain *trusted,
		   const struct sambaview_secret *sec,
		   const struct sambaview_account *acct, struct errinfo *ei);

/*
 * sambaview_has_trust - 1 if dir's secrets.tdb holds a trusted-domain
 * record for domain (so the reverse direction of a pair exists).
 */
int sambaview_has_trust(const struct sambaview_domain *d, const char *domain);

#endif
