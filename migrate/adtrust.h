/*
 * migrate/adtrust.h - an NT4 trust pair carried over to an Active Directory
 * external trust ([MS-ADTS] 6.1.6.7 trusted domain objects, 6.1.6.9.1
 * trust passwords; reference nt4-trust-model.md 4.1-4.6; what Samba AD
 * accepts: samba-ad/FINDINGS.md 5-8).
 *
 * The input is what both PDCs hold for the one or two one-way NT4 trusts
 * between two domains; the model is, for each domain, the trusted domain
 * object it stores for its partner (direction, type, attributes, the
 * incoming and outgoing passwords as trustAuthInOutBlobs) and the
 * interdomain trust account FLAT$ that an inbound direction needs.  The
 * New Trust Wizard's choices (direction, one side or both, domain-wide or
 * selective authentication, quarantine, a new password) are options.
 * Pure: no I/O; the caller wipes inputs and models (they hold passwords).
 */
#ifndef MIGRATE_ADTRUST_H
#define MIGRATE_ADTRUST_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"
#include "migrate/trustauth.h"

struct errinfo;

/* trustDirection, trustType, trustAttributes ([MS-ADTS] 6.1.6.7.9-15). */
#define ADTRUST_DIR_INBOUND 1u
#define ADTRUST_DIR_OUTBOUND 2u
#define ADTRUST_DIR_BIDIRECTIONAL 3u
#define ADTRUST_TYPE_DOWNLEVEL 1u
#define ADTRUST_TYPE_UPLEVEL 2u
#define ADTRUST_ATTR_QUARANTINED 0x00000004u
#define ADTRUST_ATTR_CROSS_ORGANIZATION 0x00000010u
/* userAccountControl of the interdomain trust account ([MS-ADTS] 2.2.16) */
#define ADTRUST_UF_INTERDOMAIN_TRUST_ACCOUNT 0x00000800u

#define ADTRUST_FLAT_MAX 15 /* NetBIOS domain name */
#define ADTRUST_DNS_MAX 253 /* DNS name, without a final dot */
#define ADTRUST_FILETIME_OFFSET 11644473600ULL /* 1601 -> 1970, seconds */

/* A domain as the AD trust names it. */
struct adtrust_domain {
	char flat[ADTRUST_FLAT_MAX + 1]; /* NetBIOS name, upper case */
	char dns[ADTRUST_DNS_MAX + 1];	 /* DNS name, lower case */
	struct sid sid;
};

/*
 * One NT4 one-way trust, "trusting trusts trusted", as its two halves hold
 * it: the trusting PDC's G$$ secret (cleartext, UTF-16LE) and the trusted
 * PDC's interdomain trust account (an NT hash).  Times are FILETIMEs.
 */
struct adtrust_nt4 {
	int present;	  /* at least one half exists */
	int healthy;	  /* the diagnosis said healthy */
	char verdict[40]; /* the diagnosis verdict (for messages) */
	int has_cur;
	uint8_t cur[TRUSTAUTH_CLEAR_MAX];
	size_t cur_len;
	uint64_t cur_time;
	int has_old;
	uint8_t old[TRUSTAUTH_CLEAR_MAX];
	size_t old_len;
	uint64_t old_time;
	int has_hash;
	uint8_t hash[16];
	uint64_t hash_time;
};

/* Two domains and the NT4 trusts between them: nt4[i] is dom[i] trusts
 * dom[1 - i].  dom[0] is "this domain" of the wizard. */
struct adtrust_input {
	struct adtrust_domain dom[2];
	struct adtrust_nt4 nt4[2];
};

/* The wizard's "Direction of Trust", seen from dom[0]. */
enum adtrust_want {
	ADTRUST_AS_NT4 = 0, /* what the NT4 trusts were */
	ADTRUST_TWO_WAY,
	ADTRUST_INCOMING, /* dom[1] trusts dom[0]: dom[0]'s users go there */
	ADTRUST_OUTGOING, /* dom[0] trusts dom[1] */
};

struct adtrust_opts {
	int direction;	/* enum adtrust_want */
	int both_sides; /* 0: "This domain only" (dom[0]) */
	int selective;	/* selective authentication (0x10) */
	int no_quarantine;
	/* a new trust password (UTF-16LE), or NULL to carry the NT4 ones */
	const uint8_t *new_pw;
	size_t new_len;
	uint64_t now; /* FILETIME of a new password */
};

/* The trusted domain object one domain stores for its partner. */
struct adtrust_tdo {
	int present;
	struct adtrust_domain self, partner;
	uint32_t direction, type, attributes;
	struct trustauth_blob incoming; /* when direction has INBOUND */
	struct trustauth_blob outgoing; /* when direction has OUTBOUND */
	/* INBOUND: the account PARTNER$, and its password when known */
	int account;
	int account_has_pw;
	uint8_t account_pw[TRUSTAUTH_CLEAR_MAX];
	size_t account_pw_len;
};

struct adtrust_model {
	struct adtrust_tdo side[2]; /* side[i] is stored on dom[i] */
	int both_sides;
	int new_password;
};

/*
 * adtrust_convert - the model for in and o.  Refused (ERR_INVALID, the
 * message names the domains and says what to do): a wanted direction
 * whose NT4 trust is broken (repair it first) or absent while no new
 * password is given; no direction at all; selective authentication with a
 * direction that has no outgoing side.  Wipe *m after use.
 */
int adtrust_convert(struct adtrust_model *m, const struct adtrust_input *in,
		    const struct adtrust_opts *o, struct errinfo *ei);

/*
 * adtrust_check - with both sides: each side's outgoing current password
 * is the partner's incoming current one (same NT hash), as a DC's
 * validation requires.  ERR_INVALID naming the direction otherwise.
 */
int adtrust_check(const struct adtrust_model *m, struct errinfo *ei);

/* adtrust_domain_dn - "DC=acct,DC=example,DC=test" of a DNS name. */
int adtrust_domain_dn(const char *dns, char *buf, size_t len);

/*
 * adtrust_dns_check - a DNS domain name: labels of 1..63 letters, digits
 * and hyphens (not at either end), at least two labels, at most 253
 * bytes.  ERR_INVALID naming the name and the rule it breaks.
 */
int adtrust_dns_check(const char *dns, struct errinfo *ei);

/* adtrust_direction_name - "inbound", "outbound", "bidirectional". */
const char *adtrust_direction_name(uint32_t direction);

/* adtrust_filetime - FILETIME of unix seconds. */
uint64_t adtrust_filetime(uint64_t unix_seconds);

void adtrust_input_wipe(struct adtrust_input *in);
void adtrust_model_wipe(struct adtrust_model *m);

#endif
