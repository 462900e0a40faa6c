/*
 * migrate/trustauth.h - the trust passwords of an AD trusted domain object:
 * trustAuthInOutBlob ([MS-ADTS] 6.1.6.9.1, the value of trustAuthIncoming
 * and trustAuthOutgoing) read strictly and written as Samba and Windows
 * write it, and the RC4-sealed LSA form of both blobs that
 * LsarCreateTrustedDomainEx2 carries ([MS-LSAD] 2.2.7.16, 5.1.1).
 * Format: docs/formats/trustauth.md.
 */
#ifndef MIGRATE_TRUSTAUTH_H
#define MIGRATE_TRUSTAUTH_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;
struct wbuf;

/* AuthType of an LSAPR_AUTH_INFORMATION ([MS-ADTS] 6.1.6.9.1.1). */
#define TRUSTAUTH_NONE 0
#define TRUSTAUTH_NT4OWF 1
#define TRUSTAUTH_CLEAR 2
#define TRUSTAUTH_VERSION 3

#define TRUSTAUTH_ENTRIES_MAX 8	 /* entries per array we accept */
#define TRUSTAUTH_CLEAR_MAX 512	 /* bytes of a CLEAR password (256 units) */
#define TRUSTAUTH_HEADER 12	 /* Count, CurrentOffset, PreviousOffset */
#define TRUSTAUTH_CONFOUNDER 512 /* bytes before the blobs, LSA form */
/* The largest blob the decoder accepts (and the encoder writes). */
#define TRUSTAUTH_BLOB_MAX  \
	(TRUSTAUTH_HEADER + \
	 2 * TRUSTAUTH_ENTRIES_MAX * (16 + TRUSTAUTH_CLEAR_MAX))

/* One LSAPR_AUTH_INFORMATION. */
struct trustauth_entry {
	uint64_t time; /* LastUpdateTime, FILETIME */
	uint32_t type; /* TRUSTAUTH_* */
	uint32_t len;  /* AuthInfoLength */
	/* NONE: empty; NT4OWF: NT hash; CLEAR: UTF-16LE; VERSION: LE32 */
	uint8_t info[TRUSTAUTH_CLEAR_MAX];
};

/*
 * The blob: count current entries and nprev previous ones.  Windows and
 * Samba, when they store a blob, write as many previous entries as
 * current ones (trustauth_pair); a client's blob may have none.
 */
struct trustauth_blob {
	size_t count;
	size_t nprev;
	struct trustauth_entry cur[TRUSTAUTH_ENTRIES_MAX];
	struct trustauth_entry prev[TRUSTAUTH_ENTRIES_MAX];
};

/*
 * trustauth_decode - parse exactly len bytes.  Strict: Count at most
 * TRUSTAUTH_ENTRIES_MAX; Count 0 means both offsets 0 and nothing after
 * the header; otherwise CurrentOffset 12, PreviousOffset the end of the
 * current array, the previous array running to the end of the blob with
 * at most Count entries; every entry of a known AuthType with its length
 * (NONE 0, NT4OWF 16, VERSION 4, CLEAR even, 2..TRUSTAUTH_CLEAR_MAX) and
 * zero padding to a multiple of 4.  ERR_TRUNCATED / ERR_FORMAT /
 * ERR_RANGE / ERR_TRAILING, with the offset and field in ei (never the
 * secret bytes).  Never allocates; *b is wiped on failure.  Every blob it
 * accepts encodes back to the same bytes.  Wipe *b after use.
 */
int trustauth_decode(struct trustauth_blob *b, const uint8_t *p, size_t len,
		     struct errinfo *ei);

/*
 * trustauth_encode - append the blob to w (all or nothing).  Refuses what
 * the decoder refuses (ERR_RANGE, ERR_FORMAT); ERR_NOMEM / ERR_RANGE from
 * w.  Wipe w after use.
 */
int trustauth_encode(const struct trustauth_blob *b, struct wbuf *w);

/* trustauth_wipe - zero all of *b; NULL ok. */
void trustauth_wipe(struct trustauth_blob *b);

/*
 * Entry constructors (time: FILETIME).  trustauth_clear: pw16 is the
 * UTF-16LE password, len bytes (even, 2..TRUSTAUTH_CLEAR_MAX, else
 * ERR_RANGE).
 */
int trustauth_clear(struct trustauth_entry *e, uint64_t time,
		    const uint8_t *pw16, size_t len);
void trustauth_nt4owf(struct trustauth_entry *e, uint64_t time,
		      const uint8_t nt_hash[16]);
void trustauth_version(struct trustauth_entry *e, uint64_t time,
		       uint32_t version);

/*
 * trustauth_pair - make b what a DC stores: when there is no previous
 * array, a copy of the current one; a shorter one is padded with NONE
 * entries (time 0) to Count ([MS-ADTS] 6.1.6.9.1: every current entry has
 * a previous partner).
 */
void trustauth_pair(struct trustauth_blob *b);

/*
 * trustauth_nt_hash - the password of an array as the Netlogon server
 * takes it: the first NT4OWF entry's hash or the first CLEAR entry's
 * MD4; NONE and VERSION are skipped.  ERR_NOTFOUND (no message) when the
 * array has neither.  previous selects the previous array.
 */
int trustauth_nt_hash(const struct trustauth_blob *b, int previous,
		      uint8_t nt_hash[16], struct errinfo *ei);

/*
 * trustauth_lsa_seal - the AuthBlob of LSAPR_TRUSTED_DOMAIN_AUTH_
 * INFORMATION_INTERNAL: confounder (512 bytes) || outgoing || incoming ||
 * LE32 size of outgoing || LE32 size of incoming, RC4-encrypted with the
 * transport session key.  Appended to w (all or nothing).
 */
int trustauth_lsa_seal(const uint8_t confounder[TRUSTAUTH_CONFOUNDER],
		       const struct trustauth_blob *outgoing,
		       const struct trustauth_blob *incoming,
		       const uint8_t *session_key, size_t sklen, struct wbuf *w,
		       struct errinfo *ei);

/*
 * trustauth_lsa_open - the inverse: decrypt a copy of the len bytes,
 * check the two sizes (read from the last 8 bytes) against the length and
 * decode both blobs strictly.  Errors name the part and offset.
 */
int trustauth_lsa_open(const uint8_t *p, size_t len, const uint8_t *session_key,
		       size_t sklen, struct trustauth_blob *outgoing,
		       struct trustauth_blob *incoming, struct errinfo *ei);

/* trustauth_type_name - "NONE", "NT4OWF", "CLEAR", "VERSION" or "?". */
const char *trustauth_type_name(uint32_t type);

#endif
