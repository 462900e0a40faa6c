/*
 * nt4/trust.h - the NT4 trust flows of User Manager for Domains > Policies >
 * Trust Relationships, one PDC at a time (KB Q128489), and the checks an
 * administrator runs on a pair (nltest /sc_verify).
 *
 *   trusting add TRUSTED TRUSTING   on TRUSTED's PDC: account TRUSTING$
 *   trusted add TRUSTING TRUSTED    on TRUSTING's PDC: probe, SID query,
 *                                   TDO + G$$TRUSTED in one transaction
 *
 * Protocol outcomes are data (NTSTATUS in result structs); the int return
 * says whether the emulator itself worked or the request was bad.
 */
#ifndef NT4_TRUST_H
#define NT4_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"
#include "nt4/netlogon.h"
#include "nt4/records.h"
#include "nt4/rotate.h"

struct errinfo;
struct lab;

/*
 * trust_password_check - a usable trust password: not empty, valid UTF-8,
 * at most 250 characters (its UTF-16 must fit a secret value with room for
 * NL_PASSWORD_VERSION).  ERR_INVALID with the reason.
 */
int trust_password_check(const char *password, struct errinfo *ei);

/*
 * trust_trusting_add - "Add Trusting Domain" on trusted's PDC: create the
 * interdomain trust account TRUSTING$ (ACB_DOMTRUST) with the NT hash of
 * password (UTF-8).  Nothing is contacted.  ERR_EXISTS if the account
 * exists, ERR_INVALID for bad names or an empty password.
 */
int trust_trusting_add(struct lab *l, const char *trusted, const char *trusting,
		       const char *password, struct rec_account *out,
		       struct errinfo *ei);
/*
 * trust_trusting_remove - "Remove" in the Trusting Domains list: delete
 * TRUSTING$ from trusted's SAM.  ERR_NOTFOUND if there is none; ERR_INVALID
 * if the account of that name is not an interdomain trust account.
 */
int trust_trusting_remove(struct lab *l, const char *trusted,
			  const char *trusting, struct errinfo *ei);

struct trust_add_result {
	uint32_t status; /* 0: trust established (TDO + secret written) */
	uint32_t probe;	 /* what the trusted PDC answered the probe */
	char why[200];	 /* plain words when status != 0 */
	struct sid sid;	 /* the trusted domain's SID (LSA query) */
	struct rotate_result rotation; /* the change right after (status 0) */
};

/*
 * trust_trusted_add - "Add Trusted Domain" on trusting's PDC (reference
 * 1.4): locate trusted's PDC (NO_SUCH_DOMAIN), probe the password with a
 * session set-up as TRUSTED\TRUSTING$ where only
 * STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT means "right", query the SID,
 * then write TDO + G$$TRUSTED in one transaction.  On any failure nothing
 * is written and res->status says why.  Right after, the trusting PDC
 * changes the password (KB Q102650: the typed password is single-use);
 * res->rotation says how that went (a failure there does not undo the
 * trust: the next rotation recovers).
 */
int trust_trusted_add(struct lab *l, const char *trusting, const char *trusted,
		      const char *password, struct trust_add_result *res,
		      struct errinfo *ei);
/*
 * trust_trusted_remove - remove the TDO and G$$TRUSTED from trusting's PDC
 * in one transaction.  ERR_NOTFOUND if neither exists.  An NT4 PDC also
 * drops its secure channel to trusted at once; Samba's winbindd keeps it
 * (and the domain) until it restarts.
 */
int trust_trusted_remove(struct lab *l, const char *trusting,
			 const char *trusted, struct errinfo *ei);

struct trust_verify_result {
	uint32_t status;	     /* what nltest /sc_verify would report */
	struct netlogon_cause cause; /* underlying status and where */
	uint32_t flags; /* negotiated flags when the channel is up */
	int used_old;	/* the secret's OldValue worked, not CurrentValue */
	struct sid tdo_sid;
	struct sid real_sid;
	int sid_known; /* real_sid could be queried */
};

/*
 * trust_verify - set up the secure channel as trusting's PDC opens it and
 * compare the TDO's SID with the trusted domain's real SID.  NT4 flavor:
 * a failed channel is STATUS_TRUSTED_DOMAIN_FAILURE with the server's
 * answer in res->cause; a SID mismatch is STATUS_DOMAIN_TRUST_INCONSISTENT.
 */
int trust_verify(struct lab *l, const char *trusting, const char *trusted,
		 struct trust_verify_result *res, struct errinfo *ei);

/* One row of trust_list: a one-way trust TRUSTING -> TRUSTED. */
struct trust_pair {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
	int trusting_in_lab; /* the trusting domain exists in the lab */
	int trusted_in_lab;
	int has_tdo;	 /* trusting side: TDO for TRUSTED */
	int has_secret;	 /* trusting side: G$$TRUSTED with a value */
	int has_account; /* trusted side: TRUSTING$ account exists */
	int ad;		 /* trusting side: an outbound AD object (migrated) */
	uint32_t account_acb;
	struct sid tdo_sid;
};

/*
 * trust_list - every one-way trust the lab's PDCs know of (either half),
 * sorted by trusting then trusted name; when domain is not NULL only those
 * it takes part in.  *out malloc'd (free()).
 */
int trust_list(struct lab *l, const char *domain, struct trust_pair **out,
	       size_t *n, struct errinfo *ei);
/* trust_pair_state - "both halves", "trusting half only (...)" ... */
const char *trust_pair_state(const struct trust_pair *p);

#endif
