/*
 * migrate/sambaimport.h - copy a real Samba classic domain (its private
 * directory: passdb.tdb and secrets.tdb, opened read-only) into a lab as
 * an emulated PDC of flavor samba: the domain's name and SID, every
 * account with its RID, flags and hashes, NEXT_RID, and every
 * trusted-domain record as a trusted-domain entry with its G$$ secret.
 * So a real estate's failure, and its repair, can be rehearsed.
 */
#ifndef MIGRATE_SAMBAIMPORT_H
#define MIGRATE_SAMBAIMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "migrate/sambaview.h"

struct errinfo;
struct lab;

/* A private directory to import, as sambaimport_probe read it. */
struct sambaimport_source {
	struct sambaview_domain dom; /* name, SID, directory */
	char pdc[16]; /* machine name from secrets.tdb, "" when none */
};

/* What sambaimport_domain wrote. */
struct sambaimport_result {
	size_t accounts;	/* every account, trust accounts included */
	size_t trust_accounts;	/* of them, interdomain trust accounts */
	size_t trusted_domains; /* trusted-domain entries (with secrets) */
	uint32_t next_rid;
	uint64_t newest; /* latest password-set time found (unix time) */
};

/*
 * sambaimport_probe - identify the domain of private directory dir
 * (sambaview_identify) and the PDC's machine name: the one other name of
 * secrets.tdb with a SECRETS/SID/ record that is a valid computer name.
 * ERR_NOTFOUND naming the file when dir has no secrets.tdb, ERR_FORMAT
 * when secrets.tdb holds no SID for the domain, ERR_INVALID when the
 * domain's name cannot be told.
 */
int sambaimport_probe(struct sambaimport_source *s, const char *dir,
		      struct errinfo *ei);

/*
 * sambaimport_domain - create domain s->dom.name in lab l (same SID,
 * flavor samba, PDC s->pdc or the default) and fill it in one
 * transaction: every passdb.tdb account with its RID, acct_ctrl (the same
 * ACB bits), NT and LM hashes (an account without an NT hash gets none),
 * pass_last_set_time and full name; NEXT_RID (at least the highest RID +
 * 1); every SECRETS/$DOMTRUST.ACC/<X> record as a trusted-domain entry X
 * with the record's SID and the secret G$$X holding the password as
 * UTF-16LE (CurrentValue set at the record's mod_time, no OldValue).
 * ERR_EXISTS when the lab has that domain.  On any other failure the new
 * domain is deleted again: the lab is as before.  *res (optional) says
 * what was written.
 */
int sambaimport_domain(struct lab *l, const struct sambaimport_source *s,
		       struct sambaimport_result *res, struct errinfo *ei);

#endif
