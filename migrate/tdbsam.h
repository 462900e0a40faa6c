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

#define TDBSAM_NAME_MAX 256 /* bytes of a name field we keep */

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
};

/*
 * tdbsam_open - open path (read-only unless writable) and check the
 * INFO/version record (4).  Errors name the file.  Close with
 * tdbsam_close().
 */
int tdbsam_open(struct tdbsam **out, const char *path, int writable,
		struct errinfo *ei);
void tdbsam_close(struct tdbsam *t);
const char *tdbsam_path(const struct tdbsam *t);

/*
 * tdbsam_user_decode - parse one USER_ record value (len bytes).  Strict:
 * every length checked, strings NUL-terminated within their length, hash
 * fields 0 or 16 bytes, hours at most 32 bytes, no trailing bytes.
 * ERR_TRUNCATED/ERR_FORMAT/ERR_RANGE/ERR_TRAILING with the field and
 * offset in ei.  Wipe *u after use (hashes).
 */
int tdbsam_user_decode(struct tdbsam_user *u, const uint8_t *p, size_t len,
		       struct errinfo *ei);
/* tdbsam_user_encode - the record as Samba writes it. */
int tdbsam_user_encode(const struct tdbsam_user *u, struct wbuf *w);
void tdbsam_user_wipe(struct tdbsam_user *u);

/*
 * tdbsam_find - the account name (any case; the key is USER_<lower case>).
 * ERR_NOTFOUND (no message) when absent; a corrupt record is ERR_FORMAT
 * naming file, key and offset.
 */
int tdbsam_find(struct tdbsam *t, const char *name, struct tdbsam_user *u,
		struct errinfo *ei);
/* tdbsam_list - every account in key order; fn's non-zero return stops. */
typedef int (*tdbsam_fn)(const struct tdbsam_user *u, void *arg);
int tdbsam_list(struct tdbsam *t, tdbsam_fn fn, void *arg,
		struct errinfo *ei);
/* tdbsam_next_rid - the NEXT_RID record (ERR_NOTFOUND if absent). */
int tdbsam_next_rid(struct tdbsam *t, uint32_t *rid, struct errinfo *ei);

/*
 * tdbsam_trust_account_put - in one tdb transaction, create or replace the
 * interdomain trust account name (e.g. "RESOURCE$") with acct_ctrl
 * ACB_DOMTRUST and the given NT hash, as `net rpc trustdom add` leaves it
 * (a new account gets RID NEXT_RID, which is advanced; an existing one
 * keeps its RID); now is the unix time for pass_last_set_time.  domain is
 * the SAM's domain name.  *out (optional) receives the record written.
 */
int tdbsam_trust_account_put(struct tdbsam *t, const char *name,
			     const char *domain, const uint8_t nt_hash[16],
			     uint32_t now, struct tdbsam_user *out,
			     struct errinfo *ei);
/* tdbsam_delete - remove USER_ and RID_ records of name (one transaction). */
int tdbsam_delete(struct tdbsam *t, const char *name, struct errinfo *ei);

#endif
