/*
 * nt4/records.h - the versioned record formats of the lab's tdb stores
 * (docs/formats/store.md): encoders and strict decoders.
 *
 * Every value starts with the 8-byte header "NT4T" | LE16 type | LE16
 * version.  Decoders read only through sbuf, reject unknown versions,
 * truncation and trailing bytes, and never guess.  Records that carry
 * secrets (NT hashes, secret values) are wiped with rec_*_wipe().
 */
#ifndef NT4_RECORDS_H
#define NT4_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"

struct errinfo;
struct wbuf;

#define REC_MAGIC "NT4T"
#define REC_HEADER_LEN 8

enum rec_type {
	REC_DOMAIN = 1,
	REC_ACCOUNT = 2,
	REC_NAMEIDX = 3,
	REC_TDO = 4,
	REC_SECRET = 5,
	REC_LAB = 6,
	REC_CHANNEL = 7,
	REC_JOURNAL = 8,
	REC_ADTDO = 9,
	REC_ALLOWAUTH = 10,
	REC_SIDHIST = 11,
};

#define REC_NAME_MAX 15	     /* NetBIOS names */
#define REC_ACCOUNT_MAX 80   /* SAM account name, UTF-8 bytes */
#define REC_FULLNAME_MAX 256 /* free text, UTF-8 bytes */
#define REC_SECRET_NAME_MAX 128
#define REC_SECRET_MAX 512 /* bytes of a secret value */

/* Flavor of an emulated PDC: how failures surface (issue 3). */
enum rec_flavor {
	REC_FLAVOR_NT4 = 0,
	REC_FLAVOR_SAMBA = 1,
};

/* DOMAIN: the PDC's own identity. */
struct rec_domain {
	char name[REC_NAME_MAX + 1]; /* NetBIOS domain name, upper case */
	char pdc[REC_NAME_MAX + 1];  /* PDC computer name, upper case */
	struct sid sid;
	uint32_t flavor;   /* enum rec_flavor */
	uint32_t next_rid; /* next RID to hand out (starts at 1000) */
	uint32_t nl_caps;  /* Netlogon negotiate flags the PDC supports */
	uint64_t created;  /* lab time, seconds since 1970 */
};

/* ACCOUNT: one SAM account (user, trust account ...). */
struct rec_account {
	uint32_t rid;
	char name[REC_ACCOUNT_MAX + 1];
	char fullname[REC_FULLNAME_MAX + 1];
	uint32_t acb; /* ACB_* flags ([MS-SAMR] 2.2.1.12) */
	uint8_t has_nt;
	uint8_t nt_hash[16];
	uint8_t has_lm;
	uint8_t lm_hash[16];
	uint64_t pwd_last_set; /* lab time */
	uint64_t created;
};

/* TDO: a trusted-domain entry of the LSA policy. */
struct rec_tdo {
	char name[REC_NAME_MAX + 1];
	struct sid sid;
	uint32_t posix_offset;
	uint64_t created;
};

/* SECRET: an LSA secret with CurrentValue / OldValue and set times. */
struct rec_secret {
	char name[REC_SECRET_NAME_MAX + 1];
	uint8_t has_cur;
	uint32_t cur_len;
	uint8_t cur[REC_SECRET_MAX];
	uint64_t cur_time;
	uint8_t has_old;
	uint32_t old_len;
	uint8_t old[REC_SECRET_MAX];
	uint64_t old_time;
};

/* LAB: the lab's clock and RNG state (lab.tdb). */
struct rec_lab {
	uint64_t created;
	uint64_t clock; /* lab time, seconds since 1970 */
	uint8_t seed[32];
	uint64_t rng_counter;
};

/* CHANNEL: one side of an established secure channel (lab.tdb). */
#define REC_CHANNEL_CLIENT                                \
	1 /* kept by the trusting PDC, per trusted domain \
	   */
#define REC_CHANNEL_SERVER                                \
	2 /* kept by the trusted PDC, per client computer \
	   */

struct rec_channel {
	uint8_t side;			 /* REC_CHANNEL_CLIENT or _SERVER */
	char owner[REC_NAME_MAX + 1];	 /* the PDC that holds this state */
	char peer[REC_NAME_MAX + 1];	 /* client: trusted domain; server: the
					    client's computer name */
	char account[REC_NAME_MAX + 2];	 /* "RESOURCE$" */
	char computer[REC_NAME_MAX + 1]; /* the client PDC's computer name */
	uint16_t sc_type;
	uint32_t flags;	      /* negotiated */
	uint8_t sk[16];	      /* session key */
	uint8_t stored[8];    /* the credential chain */
	uint32_t last_ts;     /* client: last authenticator time */
	uint8_t used_old;     /* client: authenticated with OldValue */
	uint64_t established; /* lab time */
};

/*
 * ADTDO: the AD trusted domain object a domain stores for a partner after
 * `migrate --apply` ([MS-ADTS] 6.1.6.7): direction, type, attributes and
 * the NT hashes of the current and previous entries of trustAuthIncoming
 * (INBOUND) and trustAuthOutgoing (OUTBOUND) -- what the Netlogon server
 * and client use; the blobs themselves are the converter's output.
 */
#define REC_DNS_MAX 253

struct rec_adtdo {
	char partner[REC_NAME_MAX + 1]; /* flatName */
	char dns[REC_DNS_MAX + 1];	/* trustPartner */
	struct sid sid;			/* securityIdentifier */
	uint32_t direction, type, attributes;
	uint8_t has_in;
	uint8_t in_cur[16], in_prev[16]; /* secret: wipe */
	uint64_t in_time;
	uint8_t has_out;
	uint8_t out_cur[16], out_prev[16]; /* secret: wipe */
	uint64_t out_time;
	uint64_t created; /* lab time */
};

/*
 * ALLOWAUTH: the "Allowed to Authenticate" right of a user of a trusted
 * domain on a computer of this domain (selective authentication,
 * [MS-ADTS] 6.1.6.7.9 TRUST_ATTRIBUTE_CROSS_ORGANIZATION).
 */
struct rec_allowauth {
	char domain[REC_NAME_MAX + 1];	 /* the user's domain */
	char user[REC_ACCOUNT_MAX + 1];	 /* the user's account name */
	char computer[REC_NAME_MAX + 1]; /* the computer of this domain */
	uint64_t created;		 /* lab time */
};

/* SIDHIST: the sIDHistory of an account (SIDs it had in other domains). */
#define REC_SIDHIST_MAX 8

struct rec_sidhist {
	uint32_t rid; /* the account */
	uint8_t n;
	struct sid sids[REC_SIDHIST_MAX];
};

/* JOURNAL: a repair in progress (lab.tdb), removed when it completes. */
#define REC_JOURNAL_STEPS_MAX 16
#define REC_JOURNAL_PW_MAX 1024 /* UTF-8 bytes of the repair password */

struct rec_journal {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
	char verdict[40]; /* what diagnosis found when the repair began */
	uint8_t nsteps;
	uint8_t steps[REC_JOURNAL_STEPS_MAX]; /* step kinds, in order */
	uint8_t next;	   /* index of the step that runs next */
	uint8_t generated; /* the password was generated, not given */
	uint16_t pw_len;
	char password[REC_JOURNAL_PW_MAX + 1]; /* secret: wipe */
	uint64_t started;		       /* lab time */
};

/*
 * rec_*_encode - append the record to w.  0, or the wbuf error.
 * rec_*_decode - parse exactly len bytes; ERR_FORMAT/ERR_TRUNCATED/
 * ERR_TRAILING/ERR_RANGE with the offset and field in ei.
 */
int rec_domain_encode(const struct rec_domain *d, struct wbuf *w);
int rec_domain_decode(struct rec_domain *d, const uint8_t *p, size_t len,
		      struct errinfo *ei);
int rec_account_encode(const struct rec_account *a, struct wbuf *w);
int rec_account_decode(struct rec_account *a, const uint8_t *p, size_t len,
		       struct errinfo *ei);
int rec_nameidx_encode(uint32_t rid, struct wbuf *w);
int rec_nameidx_decode(uint32_t *rid, const uint8_t *p, size_t len,
		       struct errinfo *ei);
int rec_tdo_encode(const struct rec_tdo *t, struct wbuf *w);
int rec_tdo_decode(struct rec_tdo *t, const uint8_t *p, size_t len,
		   struct errinfo *ei);
int rec_secret_encode(const struct rec_secret *s, struct wbuf *w);
int rec_secret_decode(struct rec_secret *s, const uint8_t *p, size_t len,
		      struct errinfo *ei);
int rec_lab_encode(const struct rec_lab *l, struct wbuf *w);
int rec_lab_decode(struct rec_lab *l, const uint8_t *p, size_t len,
		   struct errinfo *ei);
int rec_channel_encode(const struct rec_channel *c, struct wbuf *w);
int rec_channel_decode(struct rec_channel *c, const uint8_t *p, size_t len,
		       struct errinfo *ei);
int rec_journal_encode(const struct rec_journal *j, struct wbuf *w);
int rec_journal_decode(struct rec_journal *j, const uint8_t *p, size_t len,
		       struct errinfo *ei);
int rec_adtdo_encode(const struct rec_adtdo *t, struct wbuf *w);
int rec_allowauth_encode(const struct rec_allowauth *a, struct wbuf *w);
int rec_sidhist_encode(const struct rec_sidhist *h, struct wbuf *w);
int rec_sidhist_decode(struct rec_sidhist *h, const uint8_t *p, size_t len,
		       struct errinfo *ei);
int rec_allowauth_decode(struct rec_allowauth *a, const uint8_t *p, size_t len,
			 struct errinfo *ei);
int rec_adtdo_decode(struct rec_adtdo *t, const uint8_t *p, size_t len,
		     struct errinfo *ei);

/* rec_type_of - the type in a record header, or 0 if the header is bad. */
unsigned rec_type_of(const uint8_t *p, size_t len);

void rec_account_wipe(struct rec_account *a);
void rec_secret_wipe(struct rec_secret *s);
void rec_lab_wipe(struct rec_lab *l);
void rec_channel_wipe(struct rec_channel *c);
void rec_journal_wipe(struct rec_journal *j);
void rec_adtdo_wipe(struct rec_adtdo *t);

#endif
