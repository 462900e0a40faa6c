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

#include "nt4/view.h"

struct errinfo;

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
 * sambaview_load - the view of "trusting trusts trusted" from the two
 * directories.  Errors name the file, key and offset of a corrupt record.
 * Wipe the view after use.
 */
int sambaview_load(struct view *v, const struct sambaview_domain *trusting,
		   const struct sambaview_domain *trusted, struct errinfo *ei);

/*
 * sambaview_has_trust - 1 if dir's secrets.tdb holds a trusted-domain
 * record for domain (so the reverse direction of a pair exists).
 */
int sambaview_has_trust(const struct sambaview_domain *d, const char *domain);

#endif
