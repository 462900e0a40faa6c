/*
 * migrate/tdbsam.h - Samba's classic SAM, passdb.tdb (tdbsam version 4):
 * strict reader, and a writer for exactly what a trust repair needs (an
 * interdomain trust account), producing the records Samba itself writes.
 * Format: docs/formats/tdbsam.md.
 */
#ifndef MIGRATE_TDBSAM_H
#define MIGRATE_TDBSAM_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;
struct tdbsam;
struct wbuf;

#define TDBSAM_NAME_MAX 256    /* bytes of a name field we keep */
#define TDBSAM_TEXT_MAX 1024   /* bytes of the other kept text fields */
#define TDBSAM_MUNGED_MAX 8192 /* bytes of munged_dial (base64 blob) */
#define TDBSAM_HASH_LEN 16     /* lm_pw, nt_pw: 0 or 16 bytes */
#define TDBSAM_HIST_ENTRY 32   /* nt_pw_hist entry: salt[16] + MD5[16] */
#define TDBSAM_HIST_MAX (24 * TDBSAM_HIST_ENTRY) /* Samba's history cap */
#define TDBSAM_HOURS_MAX 32			 /* MAX_HOURS_LEN */
/* The largest record the decoder accepts (and the encoder writes). */
#define TDBSAM_RECORD_MAX                                                  \
	(118 + 4 * (TDBSAM_NAME_MAX + 1) + 7 * (TDBSAM_TEXT_MAX + 1) +     \
	 (TDBSAM_MUNGED_MAX + 1) + 2 * TDBSAM_HASH_LEN + TDBSAM_HIST_MAX + \
	 TDBSAM_HOURS_MAX)

/*
 * Bits of tdbsam_user.null_strings: that string field was stored as NULL
 * (a B field of length 0; its array holds "") rather than as a string,
 * perhaps empty ("\0", length 1).  Samba writes NULL for homedir,
 * dir_drive, logon_script and profile_path that were never set ("use the
 * smb.conf default").
 */
#define TDBSAM_NULL_USERNAME 0x0001
#define TDBSAM_NULL_DOMAIN 0x0002
#define TDBSAM_NULL_NT_USERNAME 0x0004
#define TDBSAM_NULL_FULLNAME 0x0008
#define TDBSAM_NULL_HOMEDIR 0x0010
#define TDBSAM_NULL_DIR_DRIVE 0x0020
#define TDBSAM_NULL_LOGON_SCRIPT 0x0040
#define TDBSAM_NULL_PROFILE_PATH 0x0080
#define TDBSAM_NULL_ACCT_DESC 0x0100
#define TDBSAM_NULL_WORKSTATIONS 0x0200
#define TDBSAM_NULL_COMMENT 0x0400
#define TDBSAM_NULL_MUNGED_DIAL 0x0800

/* Values of the records Samba writes (REPORT.md 5.1, source3/passdb). */
#define TDBSAM_TIME_NEVER 0x7c54a97fU /* logoff/kickoff/must-change "never" */
#define TDBSAM_ACB_DISABLED 0x00000001U
#define TDBSAM_ACB_NORMAL 0x00000010U
#define TDBSAM_ACB_DOMTRUST 0x00000040U
#define TDBSAM_ACB_WSTRUST 0x00000080U
#define TDBSAM_ACB_SVRTRUST 0x00000100U
#define TDBSAM_BASE_RID 1000U /* first RID Samba hands out (BASE_RID) */
#define TDBSAM_RID_DOMAIN_USERS 513U

/* The fields of a SAMU record (tdb_pack "dddddddBBBBBBBBBBBBddBBBdwdBwwd"). */
struct tdbsam_user {
	uint32_t logon_time, logoff_time, kickoff_time, bad_password_time;
	uint32_t pass_last_set_time, pass_can_change_time;
	uint32_t pass_must_change_time;
	char username[TDBSAM_NAME_MAX + 1]; /* as stored (original case) */
	char domain[TDBSAM_NAME_MAX + 1];
	char nt_username[TDBSAM_NAME_MAX + 1];
	char fullname[TDBSAM_NAME_MAX + 1];
	uint32_t user_rid, group_rid;
	int has_lm;
	uint8_t lm_hash[16];
	int has_nt;
	uint8_t nt_hash[16];
	uint32_t acct_ctrl; /* ACB_* */
	uint16_t logon_divs;
	uint32_t hours_len;
	uint8_t hours[32];
	uint16_t bad_password_count, logon_count;
	uint32_t unknown_6;
	/* the string fields nt4trust does not interpret are kept verbatim */
	char homedir[TDBSAM_TEXT_MAX + 1];
	char dir_drive[TDBSAM_TEXT_MAX + 1];
	char logon_script[TDBSAM_TEXT_MAX + 1];
	char profile_path[TDBSAM_TEXT_MAX + 1];
	char acct_desc[TDBSAM_TEXT_MAX + 1];
	char workstations[TDBSAM_TEXT_MAX + 1];
	char comment[TDBSAM_TEXT_MAX + 1];
	char munged_dial[TDBSAM_MUNGED_MAX + 1];
	uint32_t null_strings; /* TDBSAM_NULL_* */
	/* and so are the password history (secret: wipe) and the hours size */
	uint32_t nt_pw_hist_len; /* bytes: a multiple of TDBSAM_HIST_ENTRY */
	uint8_t nt_pw_hist[TDBSAM_HIST_MAX];
	uint32_t hours_size; /* bytes of the hours field (Samba writes 32) */
};

/*
 * tdbsam_open - open path (read-only unless writable) and check the
 * INFO/version record (4; INFO/minor_version, when present, any value
 * >= 0, as Samba accepts).  Never creates the file.  ERR_NOTFOUND when the
 * file is missing, ERR_FORMAT for a tdb that is not tdbsam version 4,
 * ERR_IO/ERR_ACCESS otherwise; every message names the file.  *out is
 * freed with tdbsam_close() (NULL is a no-op).
 */
int tdbsam_open(struct tdbsam **out, const char *path, int writable,
		struct errinfo *ei);
void tdbsam_close(struct tdbsam *t);
/* tdbsam_path - the file name given to tdbsam_open (borrowed). */
const char *tdbsam_path(const struct tdbsam *t);

/*
 * tdbsam_user_decode - parse one USER_ record value (len bytes).  Strict:
 * every length checked, strings NUL-terminated within their length, hash
 * fields 0 or 16 bytes, hours at most 32 bytes, no trailing bytes.
 * ERR_TRUNCATED/ERR_FORMAT/ERR_RANGE/ERR_TRAILING with the field and
 * offset in ei.  Wipe *u after use (hashes).
 * In detail (docs/formats/tdbsam.md 3): a string is NULL (length 0) or
 * valid UTF-8 with exactly one NUL, its last byte, and at most
 * TDBSAM_NAME_MAX/TEXT_MAX/MUNGED_MAX bytes before it; nt_pw_hist is a
 * multiple of 32 bytes, at most TDBSAM_HIST_MAX; hours_len is at most 32
 * and, unless the hours field is empty, at most its size.  Never
 * allocates.  On failure *u is wiped.  Every record it accepts encodes
 * back to exactly the same bytes.
 */
int tdbsam_user_decode(struct tdbsam_user *u, const uint8_t *p, size_t len,
		       struct errinfo *ei);
/*
 * tdbsam_user_encode - append the record to w as Samba writes it
 * (init_buffer_from_samu_v3), hours_size bytes of hours.  Refuses what the
 * decoder would refuse: ERR_RANGE (a string without a NUL in its array, a
 * size over a limit, w's cap), ERR_FORMAT (not UTF-8, history not a
 * multiple of 32, hours_len over hours_size), ERR_INVALID (a NULL bit set
 * on a non-empty string); w is unchanged then.  ERR_NOMEM (w's first
 * error) if w cannot grow.
 */
int tdbsam_user_encode(const struct tdbsam_user *u, struct wbuf *w);
/* tdbsam_user_wipe - zero all of *u (hashes and history included). */
void tdbsam_user_wipe(struct tdbsam_user *u);

/*
 * tdbsam_find - the account name (any case; the key is USER_<lower case>).
 * ERR_NOTFOUND (no message) when absent; a corrupt record is ERR_FORMAT
 * naming file, key and offset.  Lower case is ASCII a-z for ASCII names
 * and the Unicode simple mapping of each BMP character otherwise (Samba's
 * strlower_m).  ERR_INVALID for an empty, too long or non-UTF-8 name.
 * Wipe *u after use.
 */
int tdbsam_find(struct tdbsam *t, const char *name, struct tdbsam_user *u,
		struct errinfo *ei);
/*
 * tdbsam_list - every USER_ record in key (byte) order; fn's non-zero
 * return stops the walk and is returned.  A corrupt record or a malformed
 * USER_ key stops it with ERR_FORMAT (file, key, offset).  The record
 * passed to fn is wiped after the call.
 */
typedef int (*tdbsam_fn)(const struct tdbsam_user *u, void *arg);
int tdbsam_list(struct tdbsam *t, tdbsam_fn fn, void *arg, struct errinfo *ei);
/*
 * tdbsam_traverse - every record of the file, raw (key bytes with their
 * final NUL, value bytes), in tdb's own order, nothing decoded: for one
 * fast pass over a large passdb.tdb.  fn's non-zero return stops the walk
 * and is returned; ERR_IO when the walk itself fails.
 */
typedef int (*tdbsam_raw_fn)(const uint8_t *key, size_t klen,
			     const uint8_t *val, size_t len, void *arg);
int tdbsam_traverse(struct tdbsam *t, tdbsam_raw_fn fn, void *arg,
		    struct errinfo *ei);

/*
 * tdbsam_next_rid - the NEXT_RID record (ERR_NOTFOUND, no message, if
 * absent; ERR_FORMAT if it is not 4 bytes).
 */
int tdbsam_next_rid(struct tdbsam *t, uint32_t *rid, struct errinfo *ei);

/*
 * tdbsam_trust_account_put - in one tdb transaction, create or replace the
 * interdomain trust account name (e.g. "RESOURCE$") with acct_ctrl
 * ACB_DOMTRUST and the given NT hash, as `net rpc trustdom add` leaves it
 * (a new account gets RID NEXT_RID, which is advanced; an existing one
 * keeps its RID); now is the unix time for pass_last_set_time.  domain is
 * the SAM's domain name.  *out (optional) receives the record written.
 * name must be a NetBIOS domain name followed by '$'; it and domain are
 * written in upper case, as Samba does.  An existing account keeps its RID
 * and full name and must already be an interdomain trust account
 * (ERR_EXISTS otherwise); everything else is written afresh (enabled, no
 * LM hash, counters zero).  A new account takes NEXT_RID (1000 when
 * absent), skipping RIDs whose RID_ record exists; NEXT_RID becomes the
 * RID + 1.  RID_ records naming the account under another RID are
 * removed.  ERR_ACCESS when opened read-only.  On any failure the file is
 * unchanged.  Wipe *out after use.
 */
int tdbsam_trust_account_put(struct tdbsam *t, const char *name,
			     const char *domain, const uint8_t nt_hash[16],
			     uint32_t now, struct tdbsam_user *out,
			     struct errinfo *ei);
/*
 * tdbsam_delete - remove USER_ and RID_ records of name (one transaction):
 * the USER_ record and every RID_ record whose value is the account's
 * lower-case name (the record itself is not decoded, so a corrupt one can
 * be removed).  ERR_NOTFOUND (no message) when there is no USER_ record.
 */
int tdbsam_delete(struct tdbsam *t, const char *name, struct errinfo *ei);

#endif
