/*
 * migrate/tdbsam.c - Samba's classic SAM file, passdb.tdb (tdbsam version
 * 4): a strict reader of its records and a writer for the one kind of
 * account a trust repair needs, the interdomain trust account.
 *
 * Does: check INFO/version; decode and encode USER_ records (the SAMU
 * buffer, tdb_pack format "dddddddBBBBBBBBBBBBddBBBdwdBwwd"); find an
 * account by name; list the accounts; read NEXT_RID; create or replace
 * (tdbsam_trust_account_put) or remove (tdbsam_delete) an account with its
 * RID_ index record and NEXT_RID, each in one tdb transaction.
 * Does not: convert older tdbsam versions (Samba does that when it opens
 * the file), touch group mappings (group_mapping.tdb), create the Unix
 * account Samba wants for every SAM account, or interpret the fields a
 * trust repair does not need -- those are kept verbatim, so that
 * encode(decode(x)) == x for every record the decoder accepts.
 *
 * Format: docs/formats/tdbsam.md.  Sources: Samba 4.17
 * source3/passdb/pdb_tdb.c (keys, versions, NEXT_RID and RID allocation,
 * lower-case keys), source3/passdb/passdb.c init_samu_from_buffer_v3 and
 * init_buffer_from_samu_v3 (the record; V4 == V3), source3/lib/util_tdb.c
 * tdb_pack/tdb_unpack ('d' uint32 LE, 'w' uint16 LE, 'B' uint32 LE length
 * then that many bytes, 0 = NULL), source3/include/passdb.h (MAX_HOURS_LEN
 * 32, PW_HISTORY_ENTRY_LEN 32, MAX_PW_HISTORY_LEN 24); the real record of
 * shared/reference/samba-classic/REPORT.md 5.1 and its decode_tdb.py.
 *
 * Invariants: input bytes are read only through common/sbuf; keys are the
 * strings Samba builds, with their terminating NUL (nt4/store.h _raw
 * functions); every change is one store transaction, cancelled on any
 * error, so a failed call leaves the file as it was; hashes and the
 * password history are wiped from every buffer that held them.
 */
#include "tdbsam.h"

#include <inttypes.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/sbuf.h"
#include "common/utf16.h"
#include "common/wbuf.h"
#include "nt4/store.h"

#define TDBSAM_VERSION 4
#define TDBSAM_FN "tdbsam_user_decode"
#define TDBSAM_FIXED 118 /* bytes of a record with every B field empty */
#define TDBSAM_LOWER_MAX (3 * TDBSAM_NAME_MAX) /* a lower-cased name */
#define TDBSAM_KEY_MAX (5 + TDBSAM_LOWER_MAX + 1)
#define TDBSAM_SHOW 64	     /* bytes of a key or name shown in messages */
#define TDBSAM_RID_TRIES 250 /* as pdb_new_rid() */

/* What `net rpc trustdom add` leaves in the record (REPORT.md 5.1). */
#define TDBSAM_TRUST_FULLNAME "trust/machine account"
#define TDBSAM_LOGON_DIVS 168 /* hours per week */
#define TDBSAM_HOURS_LEN 21   /* 168 bits */
#define TDBSAM_UNKNOWN_6 0x4ecU

#define TDBSAM_NULL_ALL 0x0fffU

struct tdbsam {
	struct store *st;
};

/* The 12 string fields, in record order (all adjacent in the format). */
#define TDBSAM_SF(f) \
	offsetof(struct tdbsam_user, f), sizeof(((struct tdbsam_user *)0)->f)
static const struct tdbsam_strfield {
	const char *name;
	size_t off, cap; /* cap: array size = longest B length accepted */
	uint32_t bit;
} tdbsam_strfields[] = {
	{ "username", TDBSAM_SF(username), TDBSAM_NULL_USERNAME },
	{ "domain", TDBSAM_SF(domain), TDBSAM_NULL_DOMAIN },
	{ "nt_username", TDBSAM_SF(nt_username), TDBSAM_NULL_NT_USERNAME },
	{ "fullname", TDBSAM_SF(fullname), TDBSAM_NULL_FULLNAME },
	{ "homedir", TDBSAM_SF(homedir), TDBSAM_NULL_HOMEDIR },
	{ "dir_drive", TDBSAM_SF(dir_drive), TDBSAM_NULL_DIR_DRIVE },
	{ "logon_script", TDBSAM_SF(logon_script), TDBSAM_NULL_LOGON_SCRIPT },
	{ "profile_path", TDBSAM_SF(profile_path), TDBSAM_NULL_PROFILE_PATH },
	{ "acct_desc", TDBSAM_SF(acct_desc), TDBSAM_NULL_ACCT_DESC },
	{ "workstations", TDBSAM_SF(workstations), TDBSAM_NULL_WORKSTATIONS },
	{ "comment", TDBSAM_SF(comment), TDBSAM_NULL_COMMENT },
	{ "munged_dial", TDBSAM_SF(munged_dial), TDBSAM_NULL_MUNGED_DIAL },
};
#define TDBSAM_NSTR (sizeof(tdbsam_strfields) / sizeof(tdbsam_strfields[0]))

/* ---- the record ------------------------------------------------------ */

static int
tdbsam_get_d(struct sbuf *b, const char *field, uint32_t *v, struct errinfo *ei)
{
	size_t at = b->off;

	if (sbuf_get_u32le(b, v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, TDBSAM_FN, at,
				      "%s at offset %zu: truncated (4 bytes "
				      "needed, %zu left)",
				      field, at, sbuf_left(b));
	return 0;
}

static int
tdbsam_get_w(struct sbuf *b, const char *field, uint16_t *v, struct errinfo *ei)
{
	size_t at = b->off;

	if (sbuf_get_u16le(b, v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, TDBSAM_FN, at,
				      "%s at offset %zu: truncated (2 bytes "
				      "needed, %zu left)",
				      field, at, sbuf_left(b));
	return 0;
}

/* The n bytes of a B field whose length word was at offset at. */
static int
tdbsam_get_body(struct sbuf *b, const char *field, size_t at, uint32_t n,
		struct sbuf *body, struct errinfo *ei)
{
	if (sbuf_sub(b, n, body) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, TDBSAM_FN, at,
				      "%s length %" PRIu32 " at offset %zu: "
				      "truncated (%zu bytes left)",
				      field, n, at, sbuf_left(b));
	return 0;
}

/*
 * A string B field: length 0 is NULL (the bit set in *nulls, dst ""),
 * otherwise valid UTF-8 whose only NUL is its last byte.
 */
static int
tdbsam_get_str(struct sbuf *b, const struct tdbsam_strfield *sf, char *dst,
	       uint32_t *nulls, struct errinfo *ei)
{
	struct errinfo sub;
	struct sbuf body;
	size_t at = b->off, nul;
	uint32_t n;
	int r = ERR_INTERNAL;

	dst[0] = '\0';
	if ((r = tdbsam_get_d(b, sf->name, &n, ei)) != 0)
		goto out;
	if (n == 0) {
		*nulls |= sf->bit;
		r = 0;
		goto out;
	}
	if (n > sf->cap) {
		r = err_set_offset(ei, ERR_RANGE, TDBSAM_FN, at,
				   "%s length %" PRIu32 " at offset %zu (at "
				   "most %zu bytes with the NUL)",
				   sf->name, n, at, sf->cap);
		goto out;
	}
	if ((r = tdbsam_get_body(b, sf->name, at, n, &body, ei)) != 0)
		goto out;
	if (sbuf_find(&body, 0, &nul) != 0) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, at,
				   "%s at offset %zu: its %" PRIu32
				   " bytes do not end with a NUL",
				   sf->name, at, n);
		goto out;
	}
	if (nul != n - 1) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, at,
				   "%s at offset %zu: NUL at byte %zu of "
				   "%" PRIu32 " (only the last may be NUL)",
				   sf->name, at, nul, n);
		goto out;
	}
	if ((r = sbuf_get_bytes(&body, dst, n)) != 0)
		goto out;
	err_clear(&sub);
	if (utf8_check(dst, &sub) != 0) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, at,
				   "%s at offset %zu: not UTF-8: %s", sf->name,
				   at, sub.msg);
		goto out;
	}
	r = 0;
out:
	if (r != 0)
		dst[0] = '\0';
	return r;
}

/* lm_pw / nt_pw: absent (length 0) or exactly 16 bytes. */
static int
tdbsam_get_hash(struct sbuf *b, const char *field, int *has, uint8_t *out,
		struct errinfo *ei)
{
	struct sbuf body;
	size_t at = b->off;
	uint32_t n;
	int r = ERR_INTERNAL;

	*has = 0;
	if ((r = tdbsam_get_d(b, field, &n, ei)) != 0)
		goto out;
	if (n != 0 && n != TDBSAM_HASH_LEN) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, at,
				   "%s length %" PRIu32 " at offset %zu "
				   "(must be 0 or 16)",
				   field, n, at);
		goto out;
	}
	if ((r = tdbsam_get_body(b, field, at, n, &body, ei)) != 0 ||
	    (r = sbuf_get_bytes(&body, out, n)) != 0)
		goto out;
	*has = n == TDBSAM_HASH_LEN;
	r = 0;
out:
	return r;
}

int
tdbsam_user_decode(struct tdbsam_user *u, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b, body;
	size_t i, at, hl_at;
	uint32_t n;
	int r = ERR_INTERNAL;

	memset(u, 0, sizeof(*u));
	sbuf_init(&b, p, len);
	if ((r = tdbsam_get_d(&b, "logon_time", &u->logon_time, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "logoff_time", &u->logoff_time, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "kickoff_time", &u->kickoff_time, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "bad_password_time", &u->bad_password_time,
			      ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "pass_last_set_time", &u->pass_last_set_time,
			      ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "pass_can_change_time",
			      &u->pass_can_change_time, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "pass_must_change_time",
			      &u->pass_must_change_time, ei)) != 0)
		goto out;
	for (i = 0; i < TDBSAM_NSTR; i++)
		if ((r = tdbsam_get_str(&b, &tdbsam_strfields[i],
					(char *)u + tdbsam_strfields[i].off,
					&u->null_strings, ei)) != 0)
			goto out;
	if ((r = tdbsam_get_d(&b, "user_rid", &u->user_rid, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "group_rid", &u->group_rid, ei)) != 0 ||
	    (r = tdbsam_get_hash(&b, "lm_pw", &u->has_lm, u->lm_hash, ei)) !=
		    0 ||
	    (r = tdbsam_get_hash(&b, "nt_pw", &u->has_nt, u->nt_hash, ei)) != 0)
		goto out;
	/* nt_pw_hist: entries of salt[16] + MD5(salt + NT hash)[16] */
	at = b.off;
	if ((r = tdbsam_get_d(&b, "nt_pw_hist", &n, ei)) != 0)
		goto out;
	if (n > TDBSAM_HIST_MAX) {
		r = err_set_offset(ei, ERR_RANGE, TDBSAM_FN, at,
				   "nt_pw_hist length %" PRIu32 " at offset "
				   "%zu (at most %d: 24 entries of 32 bytes)",
				   n, at, TDBSAM_HIST_MAX);
		goto out;
	}
	if (n % TDBSAM_HIST_ENTRY != 0) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, at,
				   "nt_pw_hist length %" PRIu32 " at offset "
				   "%zu (must be a multiple of 32)",
				   n, at);
		goto out;
	}
	if ((r = tdbsam_get_body(&b, "nt_pw_hist", at, n, &body, ei)) != 0 ||
	    (r = sbuf_get_bytes(&body, u->nt_pw_hist, n)) != 0)
		goto out;
	u->nt_pw_hist_len = n;
	if ((r = tdbsam_get_d(&b, "acct_ctrl", &u->acct_ctrl, ei)) != 0 ||
	    (r = tdbsam_get_w(&b, "logon_divs", &u->logon_divs, ei)) != 0)
		goto out;
	/* hours_len: bytes of hours Samba copies (pdb_set_hours) */
	hl_at = b.off;
	if ((r = tdbsam_get_d(&b, "hours_len", &u->hours_len, ei)) != 0)
		goto out;
	if (u->hours_len > TDBSAM_HOURS_MAX) {
		r = err_set_offset(ei, ERR_RANGE, TDBSAM_FN, hl_at,
				   "hours_len %" PRIu32 " at offset %zu (at "
				   "most 32)",
				   u->hours_len, hl_at);
		goto out;
	}
	at = b.off;
	if ((r = tdbsam_get_d(&b, "hours", &n, ei)) != 0)
		goto out;
	if (n > TDBSAM_HOURS_MAX) {
		r = err_set_offset(ei, ERR_RANGE, TDBSAM_FN, at,
				   "hours length %" PRIu32 " at offset %zu "
				   "(at most 32)",
				   n, at);
		goto out;
	}
	if ((r = tdbsam_get_body(&b, "hours", at, n, &body, ei)) != 0 ||
	    (r = sbuf_get_bytes(&body, u->hours, n)) != 0)
		goto out;
	u->hours_size = n;
	/* Samba would copy hours_len bytes out of an hours field this short */
	if (n > 0 && u->hours_len > n) {
		r = err_set_offset(ei, ERR_FORMAT, TDBSAM_FN, hl_at,
				   "hours_len %" PRIu32 " at offset %zu is "
				   "more than the %" PRIu32
				   " bytes of hours at offset %zu",
				   u->hours_len, hl_at, n, at);
		goto out;
	}
	if ((r = tdbsam_get_w(&b, "bad_password_count", &u->bad_password_count,
			      ei)) != 0 ||
	    (r = tdbsam_get_w(&b, "logon_count", &u->logon_count, ei)) != 0 ||
	    (r = tdbsam_get_d(&b, "unknown_6", &u->unknown_6, ei)) != 0)
		goto out;
	if (sbuf_end(&b) != 0) {
		r = err_set_offset(ei, ERR_TRAILING, TDBSAM_FN, b.off,
				   "%zu byte(s) after the record's end at "
				   "offset %zu",
				   sbuf_left(&b), b.off);
		goto out;
	}
	r = 0;
out:
	if (r != 0)
		tdbsam_user_wipe(u);
	return r;
}

/* The record's size, or an error for what the decoder would refuse. */
static int
tdbsam_user_check(const struct tdbsam_user *u, size_t *size)
{
	const struct tdbsam_strfield *sf;
	const char *s;
	size_t i, n = TDBSAM_FIXED;

	*size = 0;
	if ((u->null_strings & ~TDBSAM_NULL_ALL) != 0)
		return ERR_INVALID;
	for (i = 0; i < TDBSAM_NSTR; i++) {
		sf = &tdbsam_strfields[i];
		s = (const char *)u + sf->off;
		if (memchr(s, 0, sf->cap) == NULL)
			return ERR_RANGE;
		if (u->null_strings & sf->bit) {
			if (s[0] != '\0')
				return ERR_INVALID;
			continue;
		}
		if (utf8_check(s, NULL) != 0)
			return ERR_FORMAT;
		n += strlen(s) + 1;
	}
	if (u->nt_pw_hist_len > TDBSAM_HIST_MAX)
		return ERR_RANGE;
	if (u->nt_pw_hist_len % TDBSAM_HIST_ENTRY != 0)
		return ERR_FORMAT;
	if (u->hours_size > TDBSAM_HOURS_MAX || u->hours_len > TDBSAM_HOURS_MAX)
		return ERR_RANGE;
	if (u->hours_size > 0 && u->hours_len > u->hours_size)
		return ERR_FORMAT;
	n += (u->has_lm ? TDBSAM_HASH_LEN : 0) +
	     (u->has_nt ? TDBSAM_HASH_LEN : 0) + u->nt_pw_hist_len +
	     u->hours_size;
	*size = n;
	return 0;
}

int
tdbsam_user_encode(const struct tdbsam_user *u, struct wbuf *w)
{
	const char *s;
	size_t i, size, n;
	int r = ERR_INTERNAL;

	if ((r = tdbsam_user_check(u, &size)) != 0)
		goto out;
	if (w->err != 0 || size > w->max - w->len) {
		r = w->err != 0 ? w->err : ERR_RANGE;
		goto out;
	}
	(void)wbuf_put_u32le(w, u->logon_time);
	(void)wbuf_put_u32le(w, u->logoff_time);
	(void)wbuf_put_u32le(w, u->kickoff_time);
	(void)wbuf_put_u32le(w, u->bad_password_time);
	(void)wbuf_put_u32le(w, u->pass_last_set_time);
	(void)wbuf_put_u32le(w, u->pass_can_change_time);
	(void)wbuf_put_u32le(w, u->pass_must_change_time);
	for (i = 0; i < TDBSAM_NSTR; i++) {
		s = (const char *)u + tdbsam_strfields[i].off;
		n = (u->null_strings & tdbsam_strfields[i].bit) ? 0 :
								  strlen(s) + 1;
		(void)wbuf_put_u32le(w, (uint32_t)n);
		(void)wbuf_put_bytes(w, s, n);
	}
	(void)wbuf_put_u32le(w, u->user_rid);
	(void)wbuf_put_u32le(w, u->group_rid);
	n = u->has_lm ? TDBSAM_HASH_LEN : 0;
	(void)wbuf_put_u32le(w, (uint32_t)n);
	(void)wbuf_put_bytes(w, u->lm_hash, n);
	n = u->has_nt ? TDBSAM_HASH_LEN : 0;
	(void)wbuf_put_u32le(w, (uint32_t)n);
	(void)wbuf_put_bytes(w, u->nt_hash, n);
	(void)wbuf_put_u32le(w, u->nt_pw_hist_len);
	(void)wbuf_put_bytes(w, u->nt_pw_hist, u->nt_pw_hist_len);
	(void)wbuf_put_u32le(w, u->acct_ctrl);
	(void)wbuf_put_u16le(w, u->logon_divs);
	(void)wbuf_put_u32le(w, u->hours_len);
	(void)wbuf_put_u32le(w, u->hours_size);
	(void)wbuf_put_bytes(w, u->hours, u->hours_size);
	(void)wbuf_put_u16le(w, u->bad_password_count);
	(void)wbuf_put_u16le(w, u->logon_count);
	(void)wbuf_put_u32le(w, u->unknown_6);
	r = wbuf_error(w);
out:
	return r;
}

void
tdbsam_user_wipe(struct tdbsam_user *u)
{
	if (u != NULL)
		crypto_wipe(u, sizeof(*u));
}

/* ---- names and keys -------------------------------------------------- */

/*
 * The lower-case form Samba keys an account by (strlower_m: ASCII a-z,
 * then each BMP character through its case table; characters outside the
 * BMP unchanged).  We use the C library's Unicode simple mapping in a
 * private C.UTF-8 locale for the non-ASCII characters.
 */
static int
tdbsam_lower(char *out, size_t outlen, const char *name, struct errinfo *ei)
{
	char show[TDBSAM_SHOW + 4];
	struct errinfo sub;
	locale_t loc = (locale_t)0;
	struct sbuf b;
	struct wbuf w;
	uint8_t *u16 = NULL;
	char *u8 = NULL;
	size_t i, len, n16 = 0;
	uint16_t c;
	wint_t lc;
	int r = ERR_INTERNAL, ascii = 1;

	wbuf_init(&w, 2 * TDBSAM_NAME_MAX);
	out[0] = '\0';
	len = strlen(name);
	if (len == 0 || len > TDBSAM_NAME_MAX) {
		r = ERR(ei, ERR_INVALID, "account name '%s': %s",
			err_quote(show, TDBSAM_SHOW, name),
			len == 0 ? "empty" : "longer than 256 bytes");
		goto out;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] >= 0x80)
			ascii = 0;
	if (ascii && len >= outlen) {
		r = ERR(ei, ERR_INVALID, "account name '%s': too long",
			err_quote(show, TDBSAM_SHOW, name));
		goto out;
	}
	if (ascii) {
		for (i = 0; i <= len; i++)
			out[i] = name[i] >= 'A' && name[i] <= 'Z' ?
					 (char)(name[i] - 'A' + 'a') :
					 name[i];
		r = 0;
		goto out;
	}
	err_clear(&sub);
	if ((r = utf8_to_utf16(&u16, &n16, name, len, &sub)) != 0) {
		r = r == ERR_NOMEM ?
			    ERR(ei, r, "out of memory") :
			    ERR(ei, ERR_INVALID,
				"account name '%s': not UTF-8: %s",
				err_quote(show, TDBSAM_SHOW, name), sub.msg);
		goto out;
	}
	loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
	sbuf_init(&b, u16, n16);
	while (sbuf_left(&b) > 0) {
		if ((r = sbuf_get_u16le(&b, &c)) != 0)
			goto out;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c = (uint16_t)(c - 'A' + 'a');
		} else if (loc != (locale_t)0 && (c < 0xD800 || c > 0xDFFF)) {
			lc = towlower_l((wint_t)c, loc);
			if (lc > 0 && lc <= 0xFFFF &&
			    (lc < 0xD800 || lc > 0xDFFF))
				c = (uint16_t)lc;
		}
		(void)wbuf_put_u16le(&w, c);
	}
	if ((r = wbuf_error(&w)) != 0) {
		r = ERR(ei, r, "out of memory");
		goto out;
	}
	if ((r = utf16_to_utf8(&u8, w.p, w.len, ei)) != 0)
		goto out;
	if (strlen(u8) >= outlen) {
		r = ERR(ei, ERR_INVALID, "account name '%s': too long",
			err_quote(show, TDBSAM_SHOW, name));
		goto out;
	}
	memcpy(out, u8, strlen(u8) + 1);
	r = 0;
out:
	if (loc != (locale_t)0)
		freelocale(loc);
	free(u16);
	free(u8);
	wbuf_free(&w);
	return r;
}

/* "USER_<lower>" into key (sent with its NUL: strlen(key) + 1 bytes). */
static int
tdbsam_user_key(char *key, size_t keylen, char *lower, size_t lowerlen,
		const char *name, struct errinfo *ei)
{
	int r = ERR_INTERNAL;

	if ((r = tdbsam_lower(lower, lowerlen, name, ei)) != 0)
		goto out;
	if ((size_t)snprintf(key, keylen, "USER_%s", lower) >= keylen) {
		r = ERR(ei, ERR_INVALID, "account name too long");
		goto out;
	}
	r = 0;
out:
	return r;
}

static void
tdbsam_rid_key(char key[16], uint32_t rid)
{
	snprintf(key, 16, "RID_%08" PRIx32, rid);
}

/* A record holding one uint32 LE (INFO/version, NEXT_RID). */
static int
tdbsam_get_u32(struct tdbsam *t, const char *key, uint32_t *v,
	       struct errinfo *ei)
{
	uint8_t *val = NULL;
	struct sbuf b;
	size_t len = 0;
	int r = ERR_INTERNAL;

	*v = 0;
	if ((r = store_get_raw(t->st, key, strlen(key) + 1, &val, &len, ei)) !=
	    0)
		goto out;
	sbuf_init(&b, val, len);
	if (len != 4 || sbuf_get_u32le(&b, v) != 0) {
		r = ERR(ei, ERR_FORMAT,
			"%s: key %s: %zu bytes (must be 4: a 32-bit "
			"little-endian number)",
			store_path(t->st), key, len);
		goto out;
	}
	r = 0;
out:
	free(val);
	return r;
}

/* Decode the value of key, errors naming file, key and offset. */
static int
tdbsam_decode_at(struct tdbsam *t, const char *key, const uint8_t *val,
		 size_t len, struct tdbsam_user *u, struct errinfo *ei)
{
	char show[TDBSAM_SHOW + 4];
	struct errinfo sub;
	int r;

	err_clear(&sub);
	r = tdbsam_user_decode(u, val, len, &sub);
	if (r != 0)
		err_set_offset(ei, r, sub.func, sub.offset, "%s: key %s: %s",
			       store_path(t->st),
			       err_quote(show, TDBSAM_SHOW, key), sub.msg);
	return r;
}

/* ---- the file -------------------------------------------------------- */

int
tdbsam_open(struct tdbsam **out, const char *path, int writable,
	    struct errinfo *ei)
{
	struct tdbsam *t = NULL;
	uint32_t v;
	int r = ERR_INTERNAL;

	*out = NULL;
	t = mem_zalloc(sizeof(*t));
	if (t == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	r = store_open(&t->st, path, writable ? 0 : STORE_RDONLY, ei);
	if (r == ERR_NOTFOUND)
		r = ERR(ei, r, "%s: no such file", path);
	if (r != 0)
		goto out;
	r = tdbsam_get_u32(t, "INFO/version", &v, ei);
	if (r == ERR_NOTFOUND)
		r = ERR(ei, ERR_FORMAT,
			"%s: no INFO/version record: not a tdbsam "
			"passdb.tdb",
			path);
	if (r != 0)
		goto out;
	if (v != TDBSAM_VERSION) {
		r = ERR(ei, ERR_FORMAT,
			"%s: key INFO/version: tdbsam version %" PRId32
			", not 4 (let Samba convert it first)",
			path, (int32_t)v);
		goto out;
	}
	/* Samba: missing = 0; a higher minor version is compatible */
	r = tdbsam_get_u32(t, "INFO/minor_version", &v, ei);
	if (r == 0 && (int32_t)v < 0)
		r = ERR(ei, ERR_FORMAT,
			"%s: key INFO/minor_version: %" PRId32 " is negative",
			path, (int32_t)v);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	*out = t;
	t = NULL;
	r = 0;
out:
	tdbsam_close(t);
	return r;
}

void
tdbsam_close(struct tdbsam *t)
{
	if (t == NULL)
		return;
	store_close(t->st);
	free(t);
}

const char *
tdbsam_path(const struct tdbsam *t)
{
	return store_path(t->st);
}

int
tdbsam_find(struct tdbsam *t, const char *name, struct tdbsam_user *u,
	    struct errinfo *ei)
{
	char lower[TDBSAM_LOWER_MAX + 1], key[TDBSAM_KEY_MAX];
	uint8_t *val = NULL;
	size_t len = 0;
	int r = ERR_INTERNAL;

	memset(u, 0, sizeof(*u));
	if ((r = tdbsam_user_key(key, sizeof(key), lower, sizeof(lower), name,
				 ei)) != 0 ||
	    (r = store_get_raw(t->st, key, strlen(key) + 1, &val, &len, ei)) !=
		    0 ||
	    (r = tdbsam_decode_at(t, key, val, len, u, ei)) != 0)
		goto out;
	r = 0;
out:
	if (val != NULL) {
		crypto_wipe(val, len);
		free(val);
	}
	return r;
}

struct tdbsam_walk {
	struct tdbsam *t;
	tdbsam_fn fn;
	void *arg;
	struct tdbsam_user *u;
	struct errinfo *ei;
};

static int
tdbsam_list_one(const uint8_t *key, size_t klen, const uint8_t *val, size_t len,
		void *arg)
{
	struct tdbsam_walk *wk = arg;
	char k[TDBSAM_KEY_MAX], show[TDBSAM_SHOW + 4];
	struct sbuf kb;
	size_t nul = 0, n;
	int r = ERR_INTERNAL;

	/* the key as a C string, for messages and decoding context */
	n = klen < sizeof(k) - 1 ? klen : sizeof(k) - 1;
	sbuf_init(&kb, key, klen);
	if (sbuf_get_bytes(&kb, k, n) != 0)
		goto out;
	k[n] = '\0';
	sbuf_init(&kb, key, klen);
	if (klen < 7 || sbuf_find(&kb, 0, &nul) != 0 || nul != klen - 1) {
		r = ERR(wk->ei, ERR_FORMAT,
			"%s: key %s: malformed (a USER_ key is USER_, a "
			"name and a NUL)",
			store_path(wk->t->st), err_quote(show, TDBSAM_SHOW, k));
		goto out;
	}
	if ((r = tdbsam_decode_at(wk->t, k, val, len, wk->u, wk->ei)) != 0)
		goto out;
	r = wk->fn(wk->u, wk->arg);
out:
	tdbsam_user_wipe(wk->u);
	return r;
}

int
tdbsam_list(struct tdbsam *t, tdbsam_fn fn, void *arg, struct errinfo *ei)
{
	struct tdbsam_walk wk;
	int r = ERR_INTERNAL;

	memset(&wk, 0, sizeof(wk));
	wk.u = mem_alloc(sizeof(*wk.u));
	if (wk.u == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	wk.t = t;
	wk.fn = fn;
	wk.arg = arg;
	wk.ei = ei;
	r = store_list_raw(t->st, "USER_", 5, tdbsam_list_one, &wk, ei);
out:
	if (wk.u != NULL) {
		tdbsam_user_wipe(wk.u);
		free(wk.u);
	}
	return r;
}

int
tdbsam_traverse(struct tdbsam *t, tdbsam_raw_fn fn, void *arg,
		struct errinfo *ei)
{
	return store_traverse_raw(t->st, fn, arg, ei);
}

int
tdbsam_next_rid(struct tdbsam *t, uint32_t *rid, struct errinfo *ei)
{
	return tdbsam_get_u32(t, "NEXT_RID", rid, ei);
}

/* ---- changes --------------------------------------------------------- */

/*
 * A RID for a new account, as pdb_new_rid() over tdbsam_new_rid(): NEXT_RID
 * (BASE_RID 1000 when absent), skipping RIDs that have a RID_ record, at
 * most 250 tries.  Below 1000 is refused (well-known RIDs).
 */
static int
tdbsam_alloc_rid(struct tdbsam *t, uint32_t *rid, struct errinfo *ei)
{
	char key[16];
	uint8_t *val = NULL;
	size_t len = 0;
	uint32_t next, first;
	int r = ERR_INTERNAL, tries;

	*rid = 0;
	r = tdbsam_get_u32(t, "NEXT_RID", &next, ei);
	if (r == ERR_NOTFOUND)
		next = TDBSAM_BASE_RID;
	else if (r != 0)
		goto out;
	if (next < TDBSAM_BASE_RID) {
		r = ERR(ei, ERR_FORMAT,
			"%s: key NEXT_RID: %" PRIu32 " is below %u (refusing "
			"to hand out a well-known RID)",
			store_path(t->st), next, TDBSAM_BASE_RID);
		goto out;
	}
	first = next;
	for (tries = 0;; tries++) {
		if (next == UINT32_MAX || tries == TDBSAM_RID_TRIES) {
			r = ERR(ei, ERR_RANGE,
				"%s: no free RID from NEXT_RID %" PRIu32
				" to %" PRIu32,
				store_path(t->st), first, next);
			goto out;
		}
		tdbsam_rid_key(key, next);
		r = store_get_raw(t->st, key, strlen(key) + 1, &val, &len, ei);
		free(val);
		val = NULL;
		if (r == ERR_NOTFOUND)
			break;
		if (r != 0)
			goto out;
		next++;
	}
	*rid = next;
	r = 0;
out:
	return r;
}

struct tdbsam_unindex {
	struct tdbsam *t;
	const char *lower; /* the value looked for: lower + NUL */
	const char *keep;  /* a RID_ key not to remove, or NULL */
	struct errinfo *ei;
};

static int
tdbsam_unindex_one(const uint8_t *key, size_t klen, const uint8_t *val,
		   size_t len, void *arg)
{
	struct tdbsam_unindex *ux = arg;
	size_t n = strlen(ux->lower) + 1;
	int r;

	if (len != n || memcmp(val, ux->lower, n) != 0)
		return 0;
	if (ux->keep != NULL && klen == strlen(ux->keep) + 1 &&
	    memcmp(key, ux->keep, klen) == 0)
		return 0;
	r = store_delete_raw(ux->t->st, key, klen, ux->ei);
	return r == ERR_NOTFOUND ? 0 : r;
}

/* Remove every RID_ record naming lower (except keep). */
static int
tdbsam_unindex(struct tdbsam *t, const char *lower, const char *keep,
	       struct errinfo *ei)
{
	struct tdbsam_unindex ux;

	ux.t = t;
	ux.lower = lower;
	ux.keep = keep;
	ux.ei = ei;
	return store_list_raw(t->st, "RID_", 4, tdbsam_unindex_one, &ux, ei);
}

/* "RESOURCE$" -> upper case, checked as a trust account name. */
static int
tdbsam_trust_name(char *out, size_t outlen, const char *name,
		  struct errinfo *ei)
{
	char dom[NAMES_NETBIOS_MAX + 1], show[TDBSAM_SHOW + 4];
	size_t n = strlen(name);
	int r = ERR_INTERNAL;

	out[0] = '\0';
	if (n < 2 || n > NAMES_NETBIOS_MAX + 1 || name[n - 1] != '$') {
		r = ERR(ei, ERR_INVALID,
			"'%s' is not an interdomain trust account name (a "
			"domain name and '$')",
			err_quote(show, TDBSAM_SHOW, name));
		goto out;
	}
	memcpy(dom, name, n - 1);
	dom[n - 1] = '\0';
	if ((r = names_trust_account(out, outlen, dom, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

int
tdbsam_trust_account_put(struct tdbsam *t, const char *name, const char *domain,
			 const uint8_t nt_hash[16], uint32_t now,
			 struct tdbsam_user *out, struct errinfo *ei)
{
	char acct[NAMES_NETBIOS_MAX + 2], dom[NAMES_NETBIOS_MAX + 1];
	char lower[TDBSAM_LOWER_MAX + 1], ukey[TDBSAM_KEY_MAX], rkey[16];
	struct tdbsam_user *u = NULL, *old = NULL;
	struct wbuf w, nr;
	uint8_t *val = NULL;
	size_t len = 0;
	uint32_t rid = 0;
	int r = ERR_INTERNAL, existing = 0;

	wbuf_init(&w, TDBSAM_RECORD_MAX);
	wbuf_init(&nr, 4);
	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if ((r = tdbsam_trust_name(acct, sizeof(acct), name, ei)) != 0 ||
	    (r = names_domain_check(domain, ei)) != 0 ||
	    (r = names_upper(dom, sizeof(dom), domain)) != 0 ||
	    (r = tdbsam_user_key(ukey, sizeof(ukey), lower, sizeof(lower), acct,
				 ei)) != 0)
		goto out;
	u = mem_zalloc(sizeof(*u));
	old = mem_zalloc(sizeof(*old));
	if (u == NULL || old == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((r = store_begin(t->st, ei)) != 0)
		goto out;
	r = store_get_raw(t->st, ukey, strlen(ukey) + 1, &val, &len, ei);
	if (r == 0) {
		/* replace: keep the RID and the full name (Unix gecos) */
		if ((r = tdbsam_decode_at(t, ukey, val, len, old, ei)) != 0)
			goto out;
		if (!(old->acct_ctrl & TDBSAM_ACB_DOMTRUST)) {
			r = ERR(ei, ERR_EXISTS,
				"%s: key %s: account %s exists and is not an "
				"interdomain trust account (acct_ctrl "
				"0x%08" PRIx32 ")",
				store_path(t->st), ukey, acct, old->acct_ctrl);
			goto out;
		}
		existing = 1;
		rid = old->user_rid;
		memcpy(u->fullname, old->fullname, sizeof(u->fullname));
		u->null_strings |= old->null_strings & TDBSAM_NULL_FULLNAME;
		crypto_wipe(val, len);
		free(val);
		val = NULL;
		tdbsam_rid_key(rkey, rid);
		r = store_get_raw(t->st, rkey, strlen(rkey) + 1, &val, &len,
				  ei);
		if (r == 0 && (len != strlen(lower) + 1 ||
			       memcmp(val, lower, len) != 0)) {
			r = ERR(ei, ERR_FORMAT,
				"%s: key %s: names another account than %s "
				"(RID %" PRIu32 " of %s)",
				store_path(t->st), rkey, lower, rid, ukey);
			goto out;
		}
		if (r != 0 && r != ERR_NOTFOUND)
			goto out;
	} else if (r == ERR_NOTFOUND) {
		if ((r = tdbsam_alloc_rid(t, &rid, ei)) != 0)
			goto out;
		mem_strlcpy(u->fullname, TDBSAM_TRUST_FULLNAME,
			    sizeof(u->fullname));
	} else {
		goto out;
	}
	tdbsam_rid_key(rkey, rid);
	/* the record `net rpc trustdom add` leaves (REPORT.md 5.1) */
	u->logoff_time = TDBSAM_TIME_NEVER;
	u->kickoff_time = TDBSAM_TIME_NEVER;
	u->pass_last_set_time = now;
	u->pass_must_change_time = TDBSAM_TIME_NEVER;
	mem_strlcpy(u->username, acct, sizeof(u->username));
	mem_strlcpy(u->domain, dom, sizeof(u->domain));
	u->null_strings |= TDBSAM_NULL_HOMEDIR | TDBSAM_NULL_DIR_DRIVE |
			   TDBSAM_NULL_LOGON_SCRIPT | TDBSAM_NULL_PROFILE_PATH;
	u->user_rid = rid;
	u->group_rid = TDBSAM_RID_DOMAIN_USERS;
	u->has_nt = 1;
	memcpy(u->nt_hash, nt_hash, TDBSAM_HASH_LEN);
	u->acct_ctrl = TDBSAM_ACB_DOMTRUST;
	u->logon_divs = TDBSAM_LOGON_DIVS;
	u->hours_len = TDBSAM_HOURS_LEN;
	u->hours_size = TDBSAM_HOURS_MAX;
	memset(u->hours, 0xff, TDBSAM_HOURS_LEN);
	u->unknown_6 = TDBSAM_UNKNOWN_6;
	if ((r = tdbsam_user_encode(u, &w)) != 0) {
		r = ERR(ei, r, "%s: key %s: cannot encode the record",
			store_path(t->st), ukey);
		goto out;
	}
	if ((r = store_put_raw(t->st, ukey, strlen(ukey) + 1, w.p, w.len,
			       ei)) != 0 ||
	    (r = store_put_raw(t->st, rkey, strlen(rkey) + 1, lower,
			       strlen(lower) + 1, ei)) != 0)
		goto out;
	if (!existing) {
		if ((r = wbuf_put_u32le(&nr, rid + 1)) != 0) {
			r = ERR(ei, r, "out of memory");
			goto out;
		}
		if ((r = store_put_raw(t->st, "NEXT_RID", 9, nr.p, nr.len,
				       ei)) != 0)
			goto out;
	}
	if ((r = tdbsam_unindex(t, lower, rkey, ei)) != 0 ||
	    (r = store_commit(t->st, ei)) != 0)
		goto out;
	if (out != NULL)
		*out = *u;
	r = 0;
out:
	store_cancel(t->st);
	if (val != NULL) {
		crypto_wipe(val, len);
		free(val);
	}
	if (u != NULL) {
		tdbsam_user_wipe(u);
		free(u);
	}
	if (old != NULL) {
		tdbsam_user_wipe(old);
		free(old);
	}
	wbuf_free(&w);
	wbuf_free(&nr);
	return r;
}

int
tdbsam_delete(struct tdbsam *t, const char *name, struct errinfo *ei)
{
	char lower[TDBSAM_LOWER_MAX + 1], key[TDBSAM_KEY_MAX];
	int r = ERR_INTERNAL;

	if ((r = tdbsam_user_key(key, sizeof(key), lower, sizeof(lower), name,
				 ei)) != 0 ||
	    (r = store_begin(t->st, ei)) != 0 ||
	    (r = store_delete_raw(t->st, key, strlen(key) + 1, ei)) != 0 ||
	    (r = tdbsam_unindex(t, lower, NULL, ei)) != 0 ||
	    (r = store_commit(t->st, ei)) != 0)
		goto out;
	r = 0;
out:
	store_cancel(t->st);
	return r;
}
