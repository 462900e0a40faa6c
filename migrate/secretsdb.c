/*
 * migrate/secretsdb.c - Samba's secrets.tdb as a classic (NT4-style) PDC
 * keeps it: the domain SIDs and the trusted-domain passwords.
 *
 * Does: read and write the two record types nt4trust needs, strictly, and
 * byte for byte as Samba writes them:
 *
 *   SECRETS/SID/<NAME>             68 bytes, a raw struct dom_sid: rev u8,
 *                                  num_auths u8, id_auth[6] big-endian,
 *                                  sub_auths[15] u32 LE, unused ones zero
 *                                  (source3/passdb/machine_account_secrets.c
 *                                  secrets_store_domain_sid, clean_sid)
 *   SECRETS/$DOMTRUST.ACC/<DOMAIN> NDR TRUSTED_DOM_PASS, flag(NDR_NOALIGN)
 *                                  (source3/librpc/idl/secrets.idl,
 *                                  source3/passdb/secrets.c
 *                                  secrets_store_trusted_domain_password)
 *
 * Keys carry no trailing NUL; <NAME>/<DOMAIN> are upper-cased
 * (talloc_asprintf_strupper_m), while uni_name keeps the case the caller
 * gave.  Does not: touch any other secrets.tdb key (machine passwords, LDAP
 * bind passwords, ...), or convert the dos charset: TRUSTED_DOM_PASS.pass
 * is an NDR astring, pushed in the dos charset (CP850 by default) while
 * pass_len is strlen() of the unix-charset (UTF-8) form, so only ASCII
 * passwords have one meaning independent of smb.conf; others are refused
 * both ways.  Format, limits and the list of what is rejected:
 * docs/formats/secretsdb.md (REPORT.md section 5.2 is the reference
 * record).
 *
 * Invariants: every input byte is read through common/sbuf; a value that
 * decodes re-encodes to exactly the same bytes (one encoding per value);
 * the cleartext trust password is wiped (crypto_wipe) from every buffer
 * that held it; every change is one store transaction.
 */
#include "secretsdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/sbuf.h"
#include "common/utf16.h"
#include "common/wbuf.h"
#include "nt4/store.h"

#define SECRETSDB_SID_PREFIX "SECRETS/SID/"
#define SECRETSDB_TRUST_PREFIX "SECRETS/$DOMTRUST.ACC/"
#define SECRETSDB_SID_SIZE 68	  /* sizeof(struct dom_sid) */
#define SECRETSDB_UNI_UNITS 32	  /* uint16 uni_name[32] */
#define SECRETSDB_KEYNAME_MAX 255 /* bytes of an (upper-cased) key name */
#define SECRETSDB_KEY_MAX \
	(sizeof(SECRETSDB_TRUST_PREFIX) + SECRETSDB_KEYNAME_MAX)
/* uni_name_len + uni_name + pass_len + pass + NUL + mod_time + dom_sid */
#define SECRETSDB_TRUST_MAX                                                 \
	(4 + 2 * SECRETSDB_UNI_UNITS + 4 + SECRETSDB_PASS_MAX + 1 + 4 + 8 + \
	 4 * SID_MAX_SUBAUTH)
#define SECRETSDB_QUOTE 80 /* bytes of a quoted key in messages */

struct secretsdb {
	struct store *st;
};

int
secretsdb_open(struct secretsdb **out, const char *path, int writable,
	       struct errinfo *ei)
{
	struct secretsdb *s = NULL;
	int r = ERR_INTERNAL;

	*out = NULL;
	s = mem_zalloc(sizeof(*s));
	if (s == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	r = store_open(&s->st, path, writable ? 0 : STORE_RDONLY, ei);
	if (r == ERR_NOTFOUND)
		ERR(ei, r, "%s: no such file", path);
	if (r != 0)
		goto out;
	*out = s;
	s = NULL;
	r = 0;
out:
	secretsdb_close(s);
	return r;
}

void
secretsdb_close(struct secretsdb *s)
{
	if (s == NULL)
		return;
	store_close(s->st);
	free(s);
}

const char *
secretsdb_path(const struct secretsdb *s)
{
	return store_path(s->st);
}

/*
 * Build prefix + upper-cased name into key (SECRETSDB_KEY_MAX bytes), as
 * Samba's talloc_asprintf_strupper_m does.  The name must be non-empty
 * UTF-8 without '/' or control characters (a name from the caller, so
 * ERR_INVALID).
 */
static int
secretsdb_key(char *key, size_t keylen, const char *prefix, const char *name,
	      struct errinfo *ei)
{
	char q[SECRETSDB_QUOTE + 4];
	char *up = NULL;
	size_t i;
	int r = ERR_INTERNAL;

	key[0] = '\0';
	if (name[0] == '\0') {
		r = ERR(ei, ERR_INVALID, "empty domain name");
		goto out;
	}
	if (utf8_check(name, NULL) != 0) {
		r = ERR(ei, ERR_INVALID, "domain name \"%s\" is not UTF-8",
			err_quote(q, SECRETSDB_QUOTE, name));
		goto out;
	}
	for (i = 0; name[i] != '\0'; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f ||
		    name[i] == '/') {
			r = ERR(ei, ERR_INVALID,
				"domain name \"%s\": control character or '/'",
				err_quote(q, SECRETSDB_QUOTE, name));
			goto out;
		}
	}
	if ((r = utf8_upper(&up, name, ei)) != 0)
		goto out;
	if (strlen(up) > SECRETSDB_KEYNAME_MAX) {
		r = ERR(ei, ERR_INVALID,
			"domain name \"%s\": longer than %d bytes",
			err_quote(q, SECRETSDB_QUOTE, name),
			SECRETSDB_KEYNAME_MAX);
		goto out;
	}
	if ((size_t)snprintf(key, keylen, "%s%s", prefix, up) >= keylen) {
		key[0] = '\0';
		r = ERR(ei, ERR_INTERNAL, "key buffer too small");
		goto out;
	}
	r = 0;
out:
	free(up);
	return r;
}

/* Prefix the error in ei with the file and the (quoted) key. */
static void
secretsdb_errkey(const struct secretsdb *s, const char *key, struct errinfo *ei)
{
	char q[SECRETSDB_QUOTE + 4];

	err_prefix(ei, "%s: key %s", secretsdb_path(s),
		   err_quote(q, SECRETSDB_QUOTE, key));
}

/*
 * A key found in the file must be one Samba can have written for name:
 * prefix + the upper-cased name, a name secretsdb_key accepts.
 */
static int
secretsdb_keyname_check(const struct secretsdb *s, const char *prefix,
			const char *key, const char *name, struct errinfo *ei)
{
	char want[SECRETSDB_KEY_MAX];
	int r = ERR_INTERNAL;

	r = secretsdb_key(want, sizeof(want), prefix, name, NULL);
	if (r == ERR_NOMEM) {
		r = ERR(ei, r, "out of memory");
		goto out;
	}
	if (r != 0 || strcmp(want, key) != 0) {
		r = ERR(ei, ERR_FORMAT,
			"not a name Samba writes (upper-case UTF-8, no '/' or "
			"control characters)");
		secretsdb_errkey(s, key, ei);
		goto out;
	}
	r = 0;
out:
	return r;
}

/* ---- SECRETS/SID/<NAME>: raw struct dom_sid ---- */

int
secretsdb_sid_decode(struct sid *sid, const uint8_t *p, size_t len,
		     struct errinfo *ei)
{
	struct sbuf b;
	struct sid tmp;
	uint32_t pad;
	int i, r = ERR_INTERNAL;

	memset(sid, 0, sizeof(*sid));
	sbuf_init(&b, p, len);
	if (len < SECRETSDB_SID_SIZE) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, len,
				   "struct dom_sid: %zu of %d bytes", len,
				   SECRETSDB_SID_SIZE);
		goto out;
	}
	if (len > SECRETSDB_SID_SIZE) {
		r = err_set_offset(ei, ERR_TRAILING, __func__,
				   SECRETSDB_SID_SIZE,
				   "struct dom_sid: %zu bytes, %d expected",
				   len, SECRETSDB_SID_SIZE);
		goto out;
	}
	/* rev 1, num_auths <= 15, id_auth big-endian, sub_auths LE */
	if ((r = sid_read(&tmp, &b, ei)) != 0)
		goto out;
	/* the unused sub_auths: Samba stores a zeroed copy (clean_sid) */
	for (i = tmp.count; i < SID_MAX_SUBAUTH; i++) {
		if ((r = sbuf_get_u32le(&b, &pad)) != 0)
			goto out; /* cannot happen: 68 bytes checked above */
		if (pad != 0) {
			r = err_set_offset(ei, ERR_FORMAT, __func__,
					   8 + 4 * (size_t)i,
					   "struct dom_sid at byte %d: unused "
					   "sub_auths[%d] is not zero",
					   8 + 4 * i, i);
			goto out;
		}
	}
	if ((r = sbuf_end(&b)) != 0)
		goto out; /* cannot happen */
	*sid = tmp;
	r = 0;
out:
	return r;
}

int
secretsdb_sid_encode(const struct sid *sid, struct wbuf *w)
{
	struct wbuf tmp;
	int r = ERR_INTERNAL;

	/* build aside, so w gets all 68 bytes or none */
	wbuf_init(&tmp, SECRETSDB_SID_SIZE);
	if ((r = sid_write(sid, &tmp)) != 0 ||
	    (r = wbuf_put_zero(&tmp, SECRETSDB_SID_SIZE - tmp.len)) != 0)
		goto out;
	if ((r = wbuf_put_bytes(w, tmp.p, tmp.len)) != 0)
		goto out;
	r = 0;
out:
	wbuf_free(&tmp);
	return r;
}

int
secretsdb_sid_get(struct secretsdb *s, const char *name, struct sid *sid,
		  struct errinfo *ei)
{
	char key[SECRETSDB_KEY_MAX];
	uint8_t *val = NULL;
	size_t len = 0;
	int r = ERR_INTERNAL;

	memset(sid, 0, sizeof(*sid));
	if ((r = secretsdb_key(key, sizeof(key), SECRETSDB_SID_PREFIX, name,
			       ei)) != 0)
		goto out;
	if ((r = store_get(s->st, key, &val, &len, ei)) != 0)
		goto out; /* ERR_NOTFOUND without a message, as store_get */
	if ((r = secretsdb_sid_decode(sid, val, len, ei)) != 0) {
		secretsdb_errkey(s, key, ei);
		goto out;
	}
	r = 0;
out:
	free(val);
	return r;
}

int
secretsdb_sid_put(struct secretsdb *s, const char *name, const struct sid *sid,
		  struct errinfo *ei)
{
	char key[SECRETSDB_KEY_MAX];
	struct wbuf w;
	int r = ERR_INTERNAL;

	wbuf_init(&w, SECRETSDB_SID_SIZE);
	if ((r = secretsdb_key(key, sizeof(key), SECRETSDB_SID_PREFIX, name,
			       ei)) != 0)
		goto out;
	if ((r = secretsdb_sid_encode(sid, &w)) != 0) {
		r = ERR(ei, r, "%s: key %s: not a valid SID", secretsdb_path(s),
			key);
		goto out;
	}
	r = store_put_txn(s->st, key, w.p, w.len, ei);
out:
	wbuf_free(&w);
	return r;
}

struct secretsdb_sidwalk {
	struct secretsdb *s;
	secretsdb_name_fn fn;
	void *arg;
	struct errinfo *ei;
};

static int
secretsdb_sid_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct secretsdb_sidwalk *wk = arg;
	const char *name = key + strlen(SECRETSDB_SID_PREFIX);
	struct sid sid;
	int r = ERR_INTERNAL;

	if ((r = secretsdb_keyname_check(wk->s, SECRETSDB_SID_PREFIX, key, name,
					 wk->ei)) != 0)
		goto out;
	if ((r = secretsdb_sid_decode(&sid, val, len, wk->ei)) != 0) {
		secretsdb_errkey(wk->s, key, wk->ei);
		goto out;
	}
	r = wk->fn(name, &sid, wk->arg);
out:
	return r;
}

int
secretsdb_sid_list(struct secretsdb *s, secretsdb_name_fn fn, void *arg,
		   struct errinfo *ei)
{
	struct secretsdb_sidwalk wk;

	wk.s = s;
	wk.fn = fn;
	wk.arg = arg;
	wk.ei = ei;
	return store_list(s->st, SECRETSDB_SID_PREFIX, secretsdb_sid_one, &wk,
			  ei);
}

/* ---- SECRETS/$DOMTRUST.ACC/<DOMAIN>: NDR TRUSTED_DOM_PASS ---- */

void
secretsdb_trust_wipe(struct secretsdb_trust *t)
{
	if (t != NULL)
		crypto_wipe(t, sizeof(*t));
}

/*
 * Check a struct secretsdb_trust for encoding and convert its domain name
 * to UTF-16LE (*u16, *n16 bytes; caller frees).  ERR_RANGE for a name over
 * 31 UTF-16 units or a password over SECRETSDB_PASS_MAX, ERR_INVALID for
 * the rest.  Messages never show the password.
 */
static int
secretsdb_trust_check(const struct secretsdb_trust *t, uint8_t **u16,
		      size_t *n16, struct errinfo *ei)
{
	const char *end;
	size_t i, dlen, plen;
	int r = ERR_INTERNAL;

	*u16 = NULL;
	*n16 = 0;
	end = memchr(t->domain, '\0', sizeof(t->domain));
	if (end == NULL) {
		r = ERR(ei, ERR_RANGE, "domain name not terminated");
		goto out;
	}
	dlen = (size_t)(end - t->domain);
	if ((r = utf8_to_utf16(u16, n16, t->domain, dlen, NULL)) != 0) {
		r = ERR(ei, r == ERR_NOMEM ? r : ERR_INVALID,
			"domain name is not valid UTF-8");
		goto out;
	}
	if (*n16 / 2 > SECRETSDB_NAME_MAX) {
		r = ERR(ei, ERR_RANGE,
			"domain name of %zu UTF-16 units (at most %d)",
			*n16 / 2, SECRETSDB_NAME_MAX);
		goto out;
	}
	end = memchr(t->password, '\0', sizeof(t->password));
	if (end == NULL) {
		r = ERR(ei, ERR_RANGE, "password not terminated");
		goto out;
	}
	plen = (size_t)(end - t->password);
	if (plen != t->pass_len) {
		r = ERR(ei, ERR_INVALID,
			"pass_len %zu but the password has "
			"%zu bytes",
			t->pass_len, plen);
		goto out;
	}
	for (i = 0; i < plen; i++) {
		if ((unsigned char)t->password[i] > 0x7f) {
			r = ERR(ei, ERR_INVALID,
				"password is not ASCII (the dos charset "
				"conversion of Samba is not reproduced)");
			goto out;
		}
	}
	if (t->sid.rev != 1 || t->sid.count > SID_MAX_SUBAUTH ||
	    t->sid.auth > 0xFFFFFFFFFFFFull) {
		r = ERR(ei, ERR_INVALID,
			"not a valid SID (revision 1, at most %d "
			"sub-authorities, 48-bit authority)",
			SID_MAX_SUBAUTH);
		goto out;
	}
	r = 0;
out:
	if (r != 0) {
		free(*u16);
		*u16 = NULL;
		*n16 = 0;
	}
	return r;
}

int
secretsdb_trust_encode(const struct secretsdb_trust *t, struct wbuf *w)
{
	struct wbuf tmp;
	uint8_t *u16 = NULL;
	size_t n16 = 0;
	int r = ERR_INTERNAL;

	/* build aside (a wiped wbuf), so w gets the whole record or none */
	wbuf_init(&tmp, SECRETSDB_TRUST_MAX);
	if ((r = secretsdb_trust_check(t, &u16, &n16, NULL)) != 0)
		goto out;
	/* [value(strlen_m_term(uni_name))] uint32 uni_name_len */
	wbuf_put_u32le(&tmp, (uint32_t)(n16 / 2 + 1));
	/* [charset(UTF16)] uint16 uni_name[32]: zero padded */
	wbuf_put_bytes(&tmp, u16, n16);
	wbuf_put_zero(&tmp, 2 * SECRETSDB_UNI_UNITS - n16);
	/* [value(strlen(pass))] uint32 pass_len; astring pass */
	wbuf_put_u32le(&tmp, (uint32_t)t->pass_len);
	wbuf_put_bytes(&tmp, t->password, t->pass_len);
	wbuf_put_u8(&tmp, 0);
	/* time_t mod_time (NDR: uint32) */
	wbuf_put_u32le(&tmp, t->mod_time);
	/* dom_sid domain_sid (NDR_NOALIGN: no padding) */
	sid_write(&t->sid, &tmp);
	if ((r = wbuf_error(&tmp)) != 0)
		goto out;
	if ((r = wbuf_put_bytes(w, tmp.p, tmp.len)) != 0)
		goto out;
	r = 0;
out:
	free(u16);
	wbuf_free(&tmp);
	return r;
}

int
secretsdb_trust_decode(struct secretsdb_trust *t, const uint8_t *p, size_t len,
		       struct errinfo *ei)
{
	struct sbuf b, sect;
	char *utf8 = NULL;
	uint32_t uni_len, pass_len;
	uint16_t unit;
	uint8_t nul;
	size_t i, at, n;
	int r = ERR_INTERNAL;

	secretsdb_trust_wipe(t);
	sbuf_init(&b, p, len);
	/* +0 uint32 uni_name_len = UTF-16 units of the name + its NUL */
	if ((r = sbuf_get_u32le(&b, &uni_len)) != 0) {
		r = err_set_offset(ei, r, __func__, 0,
				   "TRUSTED_DOM_PASS at byte 0: truncated "
				   "uni_name_len (%zu of 4 bytes)",
				   len);
		goto out;
	}
	if (uni_len == 0 || uni_len > SECRETSDB_NAME_MAX + 1) {
		r = err_set_offset(
			ei, uni_len == 0 ? ERR_FORMAT : ERR_RANGE, __func__, 0,
			"TRUSTED_DOM_PASS at byte 0: uni_name_len "
			"%lu (1 to %d)",
			(unsigned long)uni_len, SECRETSDB_NAME_MAX + 1);
		goto out;
	}
	/* +4 uint16 uni_name[32]: the name, its NUL, zeros */
	if ((r = sbuf_sub(&b, 2 * SECRETSDB_UNI_UNITS, &sect)) != 0) {
		r = err_set_offset(ei, r, __func__, 4,
				   "TRUSTED_DOM_PASS at byte 4: truncated "
				   "uni_name (%zu of 64 bytes)",
				   sbuf_left(&b));
		goto out;
	}
	for (i = 0; i < SECRETSDB_UNI_UNITS; i++) {
		at = 4 + 2 * i;
		if ((r = sbuf_get_u16le(&sect, &unit)) != 0)
			goto out; /* cannot happen: 64 bytes carved */
		if (i + 1 < uni_len && unit == 0) {
			r = err_set_offset(ei, ERR_FORMAT, __func__, at,
					   "TRUSTED_DOM_PASS at byte %zu: NUL "
					   "in uni_name before uni_name_len "
					   "%lu",
					   at, (unsigned long)uni_len);
			goto out;
		}
		if (i + 1 >= uni_len && unit != 0) {
			r = err_set_offset(ei, ERR_FORMAT, __func__, at,
					   "TRUSTED_DOM_PASS at byte %zu: "
					   "uni_name not NUL-terminated and "
					   "zero padded after unit %lu",
					   at, (unsigned long)uni_len);
			goto out;
		}
	}
	if ((r = sbuf_at(&b, 4, 2 * ((size_t)uni_len - 1), &sect)) != 0 ||
	    (r = sbuf_get_utf16le(&sect, 2 * ((size_t)uni_len - 1),
				  2 * SECRETSDB_NAME_MAX, &utf8)) != 0) {
		if (r == ERR_NOMEM) {
			r = ERR(ei, r, "out of memory");
			goto out;
		}
		r = err_set_offset(ei, ERR_FORMAT, __func__, 4,
				   "TRUSTED_DOM_PASS at byte 4: uni_name is "
				   "not valid UTF-16 (unpaired surrogate)");
		goto out;
	}
	if (mem_strlcpy(t->domain, utf8, sizeof(t->domain)) >=
	    sizeof(t->domain)) {
		r = ERR(ei, ERR_INTERNAL, "domain buffer too small");
		goto out; /* cannot happen: 31 units are <= 93 bytes */
	}
	/* +68 uint32 pass_len = strlen(pass) */
	if ((r = sbuf_get_u32le(&b, &pass_len)) != 0) {
		r = err_set_offset(ei, r, __func__, 68,
				   "TRUSTED_DOM_PASS at byte 68: truncated "
				   "pass_len");
		goto out;
	}
	if (pass_len > SECRETSDB_PASS_MAX) {
		r = err_set_offset(ei, ERR_RANGE, __func__, 68,
				   "TRUSTED_DOM_PASS at byte 68: pass_len %lu "
				   "over the limit %d",
				   (unsigned long)pass_len, SECRETSDB_PASS_MAX);
		goto out;
	}
	/* +72 astring pass: pass_len bytes and a NUL */
	if (sbuf_find(&b, 0, &n) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, 72,
				   "TRUSTED_DOM_PASS at byte 72: pass has no "
				   "NUL terminator (%zu bytes left)",
				   n);
		goto out;
	}
	/*
	 * ASCII first: a dos-charset password is the likely cause of a
	 * pass_len mismatch (pass_len counts the UTF-8 bytes).
	 */
	if ((r = sbuf_at(&b, b.off, n, &sect)) != 0)
		goto out; /* cannot happen: n bytes precede the NUL */
	for (i = 0; i < n; i++) {
		if ((r = sbuf_get_u8(&sect, &nul)) != 0)
			goto out; /* cannot happen */
		if (nul > 0x7f) {
			r = err_set_offset(ei, ERR_FORMAT, __func__, 72,
					   "TRUSTED_DOM_PASS at byte 72: pass "
					   "is not ASCII (dos charset; only "
					   "ASCII is supported)");
			goto out;
		}
	}
	if (n != pass_len) {
		r = err_set_offset(ei, ERR_FORMAT, __func__, 72,
				   "TRUSTED_DOM_PASS at byte 72: pass is %zu "
				   "bytes long but pass_len is %lu",
				   n, (unsigned long)pass_len);
		goto out;
	}
	if ((r = sbuf_get_bytes(&b, t->password, pass_len)) != 0 ||
	    (r = sbuf_get_u8(&b, &nul)) != 0)
		goto out; /* cannot happen: the NUL was found */
	t->pass_len = pass_len;
	/* time_t mod_time: NDR uint32 */
	at = b.off;
	if ((r = sbuf_get_u32le(&b, &t->mod_time)) != 0) {
		r = err_set_offset(ei, r, __func__, at,
				   "TRUSTED_DOM_PASS at byte %zu: truncated "
				   "mod_time",
				   at);
		goto out;
	}
	/* dom_sid domain_sid: rev 1, num_auths <= 15, no padding */
	if ((r = sid_read(&t->sid, &b, ei)) != 0)
		goto out;
	if ((r = sbuf_end(&b)) != 0) {
		r = err_set_offset(ei, r, __func__, b.off,
				   "TRUSTED_DOM_PASS at byte %zu: %zu trailing "
				   "bytes",
				   b.off, sbuf_left(&b));
		goto out;
	}
	r = 0;
out:
	free(utf8);
	if (r != 0)
		secretsdb_trust_wipe(t);
	return r;
}

/*
 * The record under key must belong to its key: the key's name is the
 * upper-cased uni_name (Samba's trustdom_keystr).
 */
static int
secretsdb_trust_matches(const struct secretsdb *s, const char *key,
			const struct secretsdb_trust *t, struct errinfo *ei)
{
	char want[SECRETSDB_KEY_MAX];
	char q[SECRETSDB_QUOTE + 4];
	int r = ERR_INTERNAL;

	if ((r = secretsdb_key(want, sizeof(want), SECRETSDB_TRUST_PREFIX,
			       t->domain, NULL)) == ERR_NOMEM) {
		r = ERR(ei, r, "out of memory");
		goto out;
	}
	if (r != 0 || strcmp(want, key) != 0) {
		r = ERR(ei, ERR_FORMAT, "holds the record of domain \"%s\"",
			err_quote(q, SECRETSDB_QUOTE, t->domain));
		secretsdb_errkey(s, key, ei);
		goto out;
	}
	r = 0;
out:
	return r;
}

int
secretsdb_trust_get(struct secretsdb *s, const char *domain,
		    struct secretsdb_trust *t, struct errinfo *ei)
{
	char key[SECRETSDB_KEY_MAX];
	uint8_t *val = NULL;
	size_t len = 0;
	int r = ERR_INTERNAL;

	secretsdb_trust_wipe(t);
	if ((r = secretsdb_key(key, sizeof(key), SECRETSDB_TRUST_PREFIX, domain,
			       ei)) != 0)
		goto out;
	if ((r = store_get(s->st, key, &val, &len, ei)) != 0)
		goto out; /* ERR_NOTFOUND without a message, as store_get */
	if ((r = secretsdb_trust_decode(t, val, len, ei)) != 0) {
		secretsdb_errkey(s, key, ei);
		goto out;
	}
	if ((r = secretsdb_trust_matches(s, key, t, ei)) != 0)
		goto out;
	r = 0;
out:
	if (val != NULL)
		crypto_wipe(val, len);
	free(val);
	if (r != 0)
		secretsdb_trust_wipe(t);
	return r;
}

int
secretsdb_trust_put(struct secretsdb *s, const struct secretsdb_trust *t,
		    struct errinfo *ei)
{
	char key[SECRETSDB_KEY_MAX];
	struct wbuf w;
	uint8_t *u16 = NULL;
	size_t n16 = 0;
	int r = ERR_INTERNAL;

	wbuf_init(&w, SECRETSDB_TRUST_MAX);
	if ((r = secretsdb_trust_check(t, &u16, &n16, ei)) != 0)
		goto out;
	if ((r = secretsdb_key(key, sizeof(key), SECRETSDB_TRUST_PREFIX,
			       t->domain, ei)) != 0)
		goto out;
	if ((r = secretsdb_trust_encode(t, &w)) != 0) {
		r = ERR(ei, r, "%s: key %s: cannot encode", secretsdb_path(s),
			key);
		goto out;
	}
	r = store_put_txn(s->st, key, w.p, w.len, ei);
out:
	free(u16);
	wbuf_free(&w); /* wipes the cleartext password */
	return r;
}

int
secretsdb_trust_delete(struct secretsdb *s, const char *domain,
		       struct errinfo *ei)
{
	char key[SECRETSDB_KEY_MAX];
	int r = ERR_INTERNAL;

	if ((r = secretsdb_key(key, sizeof(key), SECRETSDB_TRUST_PREFIX, domain,
			       ei)) != 0)
		goto out;
	if ((r = store_begin(s->st, ei)) != 0)
		goto out;
	if ((r = store_delete(s->st, key, ei)) != 0 ||
	    (r = store_commit(s->st, ei)) != 0)
		goto out; /* ERR_NOTFOUND without a message */
	r = 0;
out:
	store_cancel(s->st);
	return r;
}

struct secretsdb_trustwalk {
	struct secretsdb *s;
	secretsdb_trust_fn fn;
	void *arg;
	struct errinfo *ei;
};

static int
secretsdb_trust_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct secretsdb_trustwalk *wk = arg;
	struct secretsdb_trust t;
	int r = ERR_INTERNAL;

	if ((r = secretsdb_trust_decode(&t, val, len, wk->ei)) != 0) {
		secretsdb_errkey(wk->s, key, wk->ei);
		goto out;
	}
	if ((r = secretsdb_trust_matches(wk->s, key, &t, wk->ei)) != 0)
		goto out;
	r = wk->fn(&t, wk->arg);
out:
	secretsdb_trust_wipe(&t);
	/* store_list hands out a copy of the value: wipe it too */
	crypto_wipe((void *)(uintptr_t)val, len);
	return r;
}

int
secretsdb_trust_list(struct secretsdb *s, secretsdb_trust_fn fn, void *arg,
		     struct errinfo *ei)
{
	struct secretsdb_trustwalk wk;

	wk.s = s;
	wk.fn = fn;
	wk.arg = arg;
	wk.ei = ei;
	return store_list(s->st, SECRETSDB_TRUST_PREFIX, secretsdb_trust_one,
			  &wk, ei);
}
