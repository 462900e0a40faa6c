/*
 * nt4/records.c - encoders and strict decoders for the lab store records.
 *
 * Format: docs/formats/store.md.  Header "NT4T" | LE16 type | LE16 version
 * (1); then the fields of the type, little-endian; strings are LE16 length +
 * UTF-8 bytes without NUL (validated: UTF-8, no NUL, within the field's
 * limit); SIDs are in their binary form ([MS-DTYP] 2.4.2.2).  Decoders read
 * through sbuf, check every length before use and reject trailing bytes.
 */
#include "records.h"

#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/sbuf.h"
#include "common/utf16.h"
#include "common/wbuf.h"

#define REC_VERSION 1

static void
rec_put_header(struct wbuf *w, enum rec_type type)
{
	(void)wbuf_put_bytes(w, REC_MAGIC, 4);
	(void)wbuf_put_u16le(w, (uint16_t)type);
	(void)wbuf_put_u16le(w, REC_VERSION);
}

static void
rec_put_str(struct wbuf *w, const char *s)
{
	size_t n = strlen(s);

	(void)wbuf_put_u16le(w, (uint16_t)n);
	(void)wbuf_put_bytes(w, s, n);
}

static const char *
rec_type_name(enum rec_type t)
{
	switch (t) {
	case REC_DOMAIN:
		return "domain";
	case REC_ACCOUNT:
		return "account";
	case REC_NAMEIDX:
		return "name index";
	case REC_TDO:
		return "trusted domain";
	case REC_SECRET:
		return "secret";
	case REC_LAB:
		return "lab";
	case REC_CHANNEL:
		return "secure channel";
	case REC_JOURNAL:
		return "repair journal";
	case REC_ADTDO:
		return "AD trusted domain";
	case REC_ALLOWAUTH:
		return "allowed to authenticate";
	case REC_SIDHIST:
		return "SID history";
	}
	return "unknown";
}

static int
rec_get_header(struct sbuf *b, enum rec_type want, struct errinfo *ei)
{
	const uint8_t *magic;
	uint16_t type, version;

	if (sbuf_get_view(b, 4, &magic) != 0 || sbuf_get_u16le(b, &type) != 0 ||
	    sbuf_get_u16le(b, &version) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, __func__, b->off,
				      "record shorter than its 8-byte header");
	if (memcmp(magic, REC_MAGIC, 4) != 0)
		return err_set_offset(ei, ERR_FORMAT, __func__, 0,
				      "not an nt4trust record (bad magic)");
	if (type != want)
		return err_set_offset(ei, ERR_FORMAT, __func__, 4,
				      "record type %u where a %s record "
				      "(type %u) belongs",
				      type, rec_type_name(want), want);
	if (version != REC_VERSION)
		return err_set_offset(ei, ERR_FORMAT, __func__, 6,
				      "%s record version %u not supported "
				      "(this build reads version %u)",
				      rec_type_name(want), version,
				      REC_VERSION);
	return 0;
}

/* Read a length-prefixed UTF-8 string of at most max bytes into dst. */
static int
rec_get_str(struct sbuf *b, size_t max, char *dst, const char *field,
	    struct errinfo *ei)
{
	size_t at = b->off;
	const uint8_t *v;
	uint16_t n;
	int r;

	dst[0] = '\0';
	if (sbuf_get_u16le(b, &n) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, __func__, at,
				      "%s: length truncated at offset %zu",
				      field, at);
	if (n > max)
		return err_set_offset(ei, ERR_RANGE, __func__, at,
				      "%s: length %u over the limit %zu at "
				      "offset %zu",
				      field, n, max, at);
	if (sbuf_get_view(b, n, &v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, __func__, at + 2,
				      "%s: %u bytes announced, %zu present "
				      "at offset %zu",
				      field, n, sbuf_left(b), at + 2);
	if (memchr(v, 0, n) != NULL)
		return err_set_offset(ei, ERR_FORMAT, __func__, at + 2,
				      "%s: NUL inside the string at offset "
				      "%zu",
				      field, at + 2);
	memcpy(dst, v, n);
	dst[n] = '\0';
	r = utf8_check(dst, NULL);
	if (r != 0) {
		dst[0] = '\0';
		return err_set_offset(ei, ERR_FORMAT, __func__, at + 2,
				      "%s: not valid UTF-8 at offset %zu",
				      field, at + 2);
	}
	return 0;
}

static int
rec_get_u32(struct sbuf *b, uint32_t *v, const char *field, struct errinfo *ei)
{
	if (sbuf_get_u32le(b, v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, "rec_get_u32", b->off,
				      "%s truncated at offset %zu", field,
				      b->off);
	return 0;
}

static int
rec_get_u64(struct sbuf *b, uint64_t *v, const char *field, struct errinfo *ei)
{
	if (sbuf_get_u64le(b, v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, "rec_get_u64", b->off,
				      "%s truncated at offset %zu", field,
				      b->off);
	return 0;
}

static int
rec_get_flag(struct sbuf *b, uint8_t *v, const char *field, struct errinfo *ei)
{
	size_t at = b->off;

	if (sbuf_get_u8(b, v) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, "rec_get_flag", at,
				      "%s truncated at offset %zu", field, at);
	if (*v > 1)
		return err_set_offset(ei, ERR_FORMAT, "rec_get_flag", at,
				      "%s: flag value %u at offset %zu is "
				      "not 0 or 1",
				      field, *v, at);
	return 0;
}

static int
rec_get_bytes(struct sbuf *b, void *dst, size_t n, const char *field,
	      struct errinfo *ei)
{
	if (sbuf_get_bytes(b, dst, n) != 0)
		return err_set_offset(ei, ERR_TRUNCATED, "rec_get_bytes",
				      b->off, "%s truncated at offset %zu",
				      field, b->off);
	return 0;
}

static int
rec_get_sid(struct sbuf *b, struct sid *s, const char *field,
	    struct errinfo *ei)
{
	size_t at = b->off;
	struct errinfo sub;

	err_clear(&sub);
	if (sid_read(s, b, &sub) != 0)
		return err_set_offset(ei, sub.code ? sub.code : ERR_FORMAT,
				      "rec_get_sid", at, "%s at offset %zu: %s",
				      field, at, sub.msg);
	return 0;
}

static int
rec_end(const struct sbuf *b, struct errinfo *ei)
{
	if (sbuf_end(b) != 0)
		return err_set_offset(ei, ERR_TRAILING, "rec_end", b->off,
				      "%zu unexpected bytes after the record "
				      "at offset %zu",
				      sbuf_left(b), b->off);
	return 0;
}

unsigned
rec_type_of(const uint8_t *p, size_t len)
{
	struct sbuf b;
	const uint8_t *magic;
	uint16_t type;

	sbuf_init(&b, p, len);
	if (sbuf_get_view(&b, 4, &magic) != 0 ||
	    memcmp(magic, REC_MAGIC, 4) != 0 || sbuf_get_u16le(&b, &type) != 0)
		return 0;
	return type;
}

/* ---- DOMAIN ---- */

int
rec_domain_encode(const struct rec_domain *d, struct wbuf *w)
{
	rec_put_header(w, REC_DOMAIN);
	rec_put_str(w, d->name);
	rec_put_str(w, d->pdc);
	(void)sid_write(&d->sid, w);
	(void)wbuf_put_u32le(w, d->flavor);
	(void)wbuf_put_u32le(w, d->next_rid);
	(void)wbuf_put_u32le(w, d->nl_caps);
	(void)wbuf_put_u64le(w, d->created);
	return wbuf_error(w);
}

int
rec_domain_decode(struct rec_domain *d, const uint8_t *p, size_t len,
		  struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(d, 0, sizeof(*d));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_DOMAIN, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, d->name, "domain name", ei)) !=
		    0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, d->pdc, "PDC name", ei)) != 0 ||
	    (r = rec_get_sid(&b, &d->sid, "domain SID", ei)) != 0 ||
	    (r = rec_get_u32(&b, &d->flavor, "flavor", ei)) != 0 ||
	    (r = rec_get_u32(&b, &d->next_rid, "next RID", ei)) != 0 ||
	    (r = rec_get_u32(&b, &d->nl_caps, "netlogon flags", ei)) != 0 ||
	    (r = rec_get_u64(&b, &d->created, "creation time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (d->flavor > REC_FLAVOR_SAMBA)
		r = ERR(ei, ERR_FORMAT, "unknown flavor %u", d->flavor);
	else if (d->name[0] == '\0' || d->pdc[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty domain or PDC name");
out:
	if (r != 0)
		memset(d, 0, sizeof(*d));
	return r;
}

/* ---- ACCOUNT ---- */

int
rec_account_encode(const struct rec_account *a, struct wbuf *w)
{
	rec_put_header(w, REC_ACCOUNT);
	(void)wbuf_put_u32le(w, a->rid);
	rec_put_str(w, a->name);
	rec_put_str(w, a->fullname);
	(void)wbuf_put_u32le(w, a->acb);
	(void)wbuf_put_u8(w, a->has_nt ? 1 : 0);
	(void)wbuf_put_bytes(w, a->nt_hash, 16);
	(void)wbuf_put_u8(w, a->has_lm ? 1 : 0);
	(void)wbuf_put_bytes(w, a->lm_hash, 16);
	(void)wbuf_put_u64le(w, a->pwd_last_set);
	(void)wbuf_put_u64le(w, a->created);
	return wbuf_error(w);
}

int
rec_account_decode(struct rec_account *a, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(a, 0, sizeof(*a));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_ACCOUNT, ei)) != 0 ||
	    (r = rec_get_u32(&b, &a->rid, "RID", ei)) != 0 ||
	    (r = rec_get_str(&b, REC_ACCOUNT_MAX, a->name, "account name",
			     ei)) != 0 ||
	    (r = rec_get_str(&b, REC_FULLNAME_MAX, a->fullname, "full name",
			     ei)) != 0 ||
	    (r = rec_get_u32(&b, &a->acb, "account flags", ei)) != 0 ||
	    (r = rec_get_flag(&b, &a->has_nt, "NT hash flag", ei)) != 0 ||
	    (r = rec_get_bytes(&b, a->nt_hash, 16, "NT hash", ei)) != 0 ||
	    (r = rec_get_flag(&b, &a->has_lm, "LM hash flag", ei)) != 0 ||
	    (r = rec_get_bytes(&b, a->lm_hash, 16, "LM hash", ei)) != 0 ||
	    (r = rec_get_u64(&b, &a->pwd_last_set, "password time", ei)) != 0 ||
	    (r = rec_get_u64(&b, &a->created, "creation time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (a->name[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty account name");
out:
	if (r != 0)
		rec_account_wipe(a);
	return r;
}

/* ---- NAMEIDX ---- */

int
rec_nameidx_encode(uint32_t rid, struct wbuf *w)
{
	rec_put_header(w, REC_NAMEIDX);
	(void)wbuf_put_u32le(w, rid);
	return wbuf_error(w);
}

int
rec_nameidx_decode(uint32_t *rid, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b;
	int r;

	*rid = 0;
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_NAMEIDX, ei)) != 0 ||
	    (r = rec_get_u32(&b, rid, "RID", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		*rid = 0;
	return r;
}

/* ---- TDO ---- */

int
rec_tdo_encode(const struct rec_tdo *t, struct wbuf *w)
{
	rec_put_header(w, REC_TDO);
	rec_put_str(w, t->name);
	(void)sid_write(&t->sid, w);
	(void)wbuf_put_u32le(w, t->posix_offset);
	(void)wbuf_put_u64le(w, t->created);
	return wbuf_error(w);
}

int
rec_tdo_decode(struct rec_tdo *t, const uint8_t *p, size_t len,
	       struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(t, 0, sizeof(*t));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_TDO, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, t->name, "trusted domain name",
			     ei)) != 0 ||
	    (r = rec_get_sid(&b, &t->sid, "trusted domain SID", ei)) != 0 ||
	    (r = rec_get_u32(&b, &t->posix_offset, "POSIX offset", ei)) != 0 ||
	    (r = rec_get_u64(&b, &t->created, "creation time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (t->name[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty trusted domain name");
out:
	if (r != 0)
		memset(t, 0, sizeof(*t));
	return r;
}

/* ---- SECRET ---- */

static void
rec_put_value(struct wbuf *w, uint8_t has, const uint8_t *v, uint32_t len,
	      uint64_t when)
{
	(void)wbuf_put_u8(w, has ? 1 : 0);
	(void)wbuf_put_u32le(w, has ? len : 0);
	if (has)
		(void)wbuf_put_bytes(w, v, len);
	(void)wbuf_put_u64le(w, when);
}

static int
rec_get_value(struct sbuf *b, uint8_t *has, uint8_t *v, uint32_t *len,
	      uint64_t *when, const char *field, struct errinfo *ei)
{
	size_t at;
	int r;

	if ((r = rec_get_flag(b, has, field, ei)) != 0)
		return r;
	at = b->off;
	if ((r = rec_get_u32(b, len, field, ei)) != 0)
		return r;
	if (*len > REC_SECRET_MAX)
		return err_set_offset(ei, ERR_RANGE, "rec_get_value", at,
				      "%s: length %u over the limit %d at "
				      "offset %zu",
				      field, *len, REC_SECRET_MAX, at);
	if (!*has && *len != 0)
		return err_set_offset(ei, ERR_FORMAT, "rec_get_value", at,
				      "%s: absent value with length %u at "
				      "offset %zu",
				      field, *len, at);
	if ((r = rec_get_bytes(b, v, *len, field, ei)) != 0)
		return r;
	return rec_get_u64(b, when, field, ei);
}

int
rec_secret_encode(const struct rec_secret *s, struct wbuf *w)
{
	rec_put_header(w, REC_SECRET);
	rec_put_str(w, s->name);
	rec_put_value(w, s->has_cur, s->cur, s->cur_len, s->cur_time);
	rec_put_value(w, s->has_old, s->old, s->old_len, s->old_time);
	return wbuf_error(w);
}

int
rec_secret_decode(struct rec_secret *s, const uint8_t *p, size_t len,
		  struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(s, 0, sizeof(*s));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_SECRET, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_SECRET_NAME_MAX, s->name, "secret name",
			     ei)) != 0 ||
	    (r = rec_get_value(&b, &s->has_cur, s->cur, &s->cur_len,
			       &s->cur_time, "current value", ei)) != 0 ||
	    (r = rec_get_value(&b, &s->has_old, s->old, &s->old_len,
			       &s->old_time, "old value", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (s->name[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty secret name");
out:
	if (r != 0)
		rec_secret_wipe(s);
	return r;
}

/* ---- LAB ---- */

int
rec_lab_encode(const struct rec_lab *l, struct wbuf *w)
{
	rec_put_header(w, REC_LAB);
	(void)wbuf_put_u64le(w, l->created);
	(void)wbuf_put_u64le(w, l->clock);
	(void)wbuf_put_bytes(w, l->seed, sizeof(l->seed));
	(void)wbuf_put_u64le(w, l->rng_counter);
	return wbuf_error(w);
}

int
rec_lab_decode(struct rec_lab *l, const uint8_t *p, size_t len,
	       struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(l, 0, sizeof(*l));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_LAB, ei)) != 0 ||
	    (r = rec_get_u64(&b, &l->created, "creation time", ei)) != 0 ||
	    (r = rec_get_u64(&b, &l->clock, "clock", ei)) != 0 ||
	    (r = rec_get_bytes(&b, l->seed, sizeof(l->seed), "seed", ei)) !=
		    0 ||
	    (r = rec_get_u64(&b, &l->rng_counter, "RNG counter", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		rec_lab_wipe(l);
	return r;
}

/* ---- CHANNEL ---- */

int
rec_channel_encode(const struct rec_channel *c, struct wbuf *w)
{
	rec_put_header(w, REC_CHANNEL);
	(void)wbuf_put_u8(w, c->side);
	rec_put_str(w, c->owner);
	rec_put_str(w, c->peer);
	rec_put_str(w, c->account);
	rec_put_str(w, c->computer);
	(void)wbuf_put_u16le(w, c->sc_type);
	(void)wbuf_put_u32le(w, c->flags);
	(void)wbuf_put_bytes(w, c->sk, sizeof(c->sk));
	(void)wbuf_put_bytes(w, c->stored, sizeof(c->stored));
	(void)wbuf_put_u32le(w, c->last_ts);
	(void)wbuf_put_u8(w, c->used_old);
	(void)wbuf_put_u64le(w, c->established);
	return wbuf_error(w);
}

int
rec_channel_decode(struct rec_channel *c, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b;
	size_t at;
	int r;

	memset(c, 0, sizeof(*c));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_CHANNEL, ei)) != 0)
		goto out;
	at = b.off;
	if (sbuf_get_u8(&b, &c->side) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, at,
				   "side truncated at offset %zu", at);
		goto out;
	}
	if (c->side != REC_CHANNEL_CLIENT && c->side != REC_CHANNEL_SERVER) {
		r = err_set_offset(ei, ERR_FORMAT, __func__, at,
				   "side %u at offset %zu is neither client "
				   "(1) nor server (2)",
				   c->side, at);
		goto out;
	}
	if ((r = rec_get_str(&b, REC_NAME_MAX, c->owner, "owner", ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, c->peer, "peer", ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX + 1, c->account, "account",
			     ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, c->computer, "computer", ei)) !=
		    0)
		goto out;
	at = b.off;
	if (sbuf_get_u16le(&b, &c->sc_type) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, at,
				   "channel type truncated at offset %zu", at);
		goto out;
	}
	if ((r = rec_get_u32(&b, &c->flags, "flags", ei)) != 0 ||
	    (r = rec_get_bytes(&b, c->sk, sizeof(c->sk), "session key", ei)) !=
		    0 ||
	    (r = rec_get_bytes(&b, c->stored, sizeof(c->stored), "credential",
			       ei)) != 0 ||
	    (r = rec_get_u32(&b, &c->last_ts, "timestamp", ei)) != 0 ||
	    (r = rec_get_flag(&b, &c->used_old, "old-value flag", ei)) != 0 ||
	    (r = rec_get_u64(&b, &c->established, "set-up time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (c->owner[0] == '\0' || c->peer[0] == '\0' || c->account[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty owner, peer or account name");
out:
	if (r != 0)
		rec_channel_wipe(c);
	return r;
}

/* ---- JOURNAL ---- */

int
rec_journal_encode(const struct rec_journal *j, struct wbuf *w)
{
	rec_put_header(w, REC_JOURNAL);
	rec_put_str(w, j->trusting);
	rec_put_str(w, j->trusted);
	rec_put_str(w, j->verdict);
	(void)wbuf_put_u8(w, j->nsteps);
	(void)wbuf_put_bytes(w, j->steps, j->nsteps);
	(void)wbuf_put_u8(w, j->next);
	(void)wbuf_put_u8(w, j->generated);
	rec_put_str(w, j->password);
	(void)wbuf_put_u64le(w, j->started);
	return wbuf_error(w);
}

int
rec_journal_decode(struct rec_journal *j, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b;
	size_t at;
	int r;

	memset(j, 0, sizeof(*j));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_JOURNAL, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, j->trusting, "trusting domain",
			     ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, j->trusted, "trusted domain",
			     ei)) != 0 ||
	    (r = rec_get_str(&b, sizeof(j->verdict) - 1, j->verdict, "verdict",
			     ei)) != 0)
		goto out;
	at = b.off;
	if (sbuf_get_u8(&b, &j->nsteps) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, at,
				   "step count truncated at offset %zu", at);
		goto out;
	}
	if (j->nsteps == 0 || j->nsteps > REC_JOURNAL_STEPS_MAX) {
		r = err_set_offset(ei, ERR_RANGE, __func__, at,
				   "step count %u at offset %zu not in 1..%d",
				   j->nsteps, at, REC_JOURNAL_STEPS_MAX);
		goto out;
	}
	if ((r = rec_get_bytes(&b, j->steps, j->nsteps, "steps", ei)) != 0)
		goto out;
	at = b.off;
	if (sbuf_get_u8(&b, &j->next) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, at,
				   "next step truncated at offset %zu", at);
		goto out;
	}
	if (j->next > j->nsteps) {
		r = err_set_offset(ei, ERR_RANGE, __func__, at,
				   "next step %u at offset %zu after the last "
				   "(%u steps)",
				   j->next, at, j->nsteps);
		goto out;
	}
	if ((r = rec_get_flag(&b, &j->generated, "generated flag", ei)) != 0 ||
	    (r = rec_get_str(&b, REC_JOURNAL_PW_MAX, j->password, "password",
			     ei)) != 0 ||
	    (r = rec_get_u64(&b, &j->started, "start time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	j->pw_len = (uint16_t)strlen(j->password);
	if (j->trusting[0] == '\0' || j->trusted[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty domain name");
out:
	if (r != 0)
		rec_journal_wipe(j);
	return r;
}

void
rec_channel_wipe(struct rec_channel *c)
{
	crypto_wipe(c, sizeof(*c));
}

void
rec_journal_wipe(struct rec_journal *j)
{
	crypto_wipe(j, sizeof(*j));
}

void
rec_account_wipe(struct rec_account *a)
{
	crypto_wipe(a, sizeof(*a));
}

void
rec_secret_wipe(struct rec_secret *s)
{
	crypto_wipe(s, sizeof(*s));
}

void
rec_lab_wipe(struct rec_lab *l)
{
	crypto_wipe(l, sizeof(*l));
}

/* ---- ADTDO ---- */

static void
rec_put_hashes(struct wbuf *w, uint8_t has, const uint8_t cur[16],
	       const uint8_t prev[16], uint64_t when)
{
	(void)wbuf_put_u8(w, has ? 1 : 0);
	if (has) {
		(void)wbuf_put_bytes(w, cur, 16);
		(void)wbuf_put_bytes(w, prev, 16);
		(void)wbuf_put_u64le(w, when);
	}
}

static int
rec_get_hashes(struct sbuf *b, uint8_t *has, uint8_t cur[16], uint8_t prev[16],
	       uint64_t *when, const char *field, struct errinfo *ei)
{
	int r;

	if ((r = rec_get_flag(b, has, field, ei)) != 0 || !*has)
		return r;
	if ((r = rec_get_bytes(b, cur, 16, field, ei)) != 0 ||
	    (r = rec_get_bytes(b, prev, 16, field, ei)) != 0 ||
	    (r = rec_get_u64(b, when, field, ei)) != 0)
		return r;
	return 0;
}

int
rec_adtdo_encode(const struct rec_adtdo *t, struct wbuf *w)
{
	rec_put_header(w, REC_ADTDO);
	rec_put_str(w, t->partner);
	rec_put_str(w, t->dns);
	(void)sid_write(&t->sid, w);
	(void)wbuf_put_u32le(w, t->direction);
	(void)wbuf_put_u32le(w, t->type);
	(void)wbuf_put_u32le(w, t->attributes);
	rec_put_hashes(w, t->has_in, t->in_cur, t->in_prev, t->in_time);
	rec_put_hashes(w, t->has_out, t->out_cur, t->out_prev, t->out_time);
	(void)wbuf_put_u64le(w, t->created);
	return wbuf_error(w);
}

int
rec_adtdo_decode(struct rec_adtdo *t, const uint8_t *p, size_t len,
		 struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(t, 0, sizeof(*t));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_ADTDO, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, t->partner, "flatName", ei)) !=
		    0 ||
	    (r = rec_get_str(&b, REC_DNS_MAX, t->dns, "trustPartner", ei)) !=
		    0 ||
	    (r = rec_get_sid(&b, &t->sid, "securityIdentifier", ei)) != 0 ||
	    (r = rec_get_u32(&b, &t->direction, "trustDirection", ei)) != 0 ||
	    (r = rec_get_u32(&b, &t->type, "trustType", ei)) != 0 ||
	    (r = rec_get_u32(&b, &t->attributes, "trustAttributes", ei)) != 0 ||
	    (r = rec_get_hashes(&b, &t->has_in, t->in_cur, t->in_prev,
				&t->in_time, "trustAuthIncoming", ei)) != 0 ||
	    (r = rec_get_hashes(&b, &t->has_out, t->out_cur, t->out_prev,
				&t->out_time, "trustAuthOutgoing", ei)) != 0 ||
	    (r = rec_get_u64(&b, &t->created, "creation time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (t->partner[0] == '\0')
		r = ERR(ei, ERR_FORMAT, "empty flatName");
	else if (t->direction == 0 || t->direction > 3)
		r = ERR(ei, ERR_FORMAT, "trustDirection %u is not 1, 2 or 3",
			t->direction);
	else if (((t->direction & 1) != 0) != (t->has_in != 0) ||
		 ((t->direction & 2) != 0) != (t->has_out != 0))
		r = ERR(ei, ERR_FORMAT,
			"trustDirection %u does not match the passwords held",
			t->direction);
out:
	if (r != 0)
		rec_adtdo_wipe(t);
	return r;
}

void
rec_adtdo_wipe(struct rec_adtdo *t)
{
	crypto_wipe(t, sizeof(*t));
}

/* ---- ALLOWAUTH ---- */

int
rec_allowauth_encode(const struct rec_allowauth *a, struct wbuf *w)
{
	rec_put_header(w, REC_ALLOWAUTH);
	rec_put_str(w, a->domain);
	rec_put_str(w, a->user);
	rec_put_str(w, a->computer);
	(void)wbuf_put_u64le(w, a->created);
	return wbuf_error(w);
}

int
rec_allowauth_decode(struct rec_allowauth *a, const uint8_t *p, size_t len,
		     struct errinfo *ei)
{
	struct sbuf b;
	int r;

	memset(a, 0, sizeof(*a));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_ALLOWAUTH, ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, a->domain, "user domain", ei)) !=
		    0 ||
	    (r = rec_get_str(&b, REC_ACCOUNT_MAX, a->user, "user", ei)) != 0 ||
	    (r = rec_get_str(&b, REC_NAME_MAX, a->computer, "computer", ei)) !=
		    0 ||
	    (r = rec_get_u64(&b, &a->created, "creation time", ei)) != 0 ||
	    (r = rec_end(&b, ei)) != 0)
		goto out;
	if (a->domain[0] == '\0' || a->user[0] == '\0' ||
	    a->computer[0] == '\0')
		r = ERR(ei, ERR_FORMAT,
			"empty name in an allowed-to-"
			"authenticate record");
out:
	if (r != 0)
		memset(a, 0, sizeof(*a));
	return r;
}

/* ---- SIDHIST ---- */

int
rec_sidhist_encode(const struct rec_sidhist *h, struct wbuf *w)
{
	size_t i;

	if (h->n > REC_SIDHIST_MAX)
		return ERR_RANGE;
	rec_put_header(w, REC_SIDHIST);
	(void)wbuf_put_u32le(w, h->rid);
	(void)wbuf_put_u8(w, h->n);
	for (i = 0; i < h->n; i++)
		(void)sid_write(&h->sids[i], w);
	return wbuf_error(w);
}

int
rec_sidhist_decode(struct rec_sidhist *h, const uint8_t *p, size_t len,
		   struct errinfo *ei)
{
	struct sbuf b;
	size_t i;
	int r;

	memset(h, 0, sizeof(*h));
	sbuf_init(&b, p, len);
	if ((r = rec_get_header(&b, REC_SIDHIST, ei)) != 0 ||
	    (r = rec_get_u32(&b, &h->rid, "RID", ei)) != 0)
		goto out;
	if (sbuf_get_u8(&b, &h->n) != 0) {
		r = err_set_offset(ei, ERR_TRUNCATED, __func__, b.off,
				   "SID count truncated at offset %zu", b.off);
		goto out;
	}
	if (h->n == 0 || h->n > REC_SIDHIST_MAX) {
		r = err_set_offset(ei, ERR_RANGE, __func__, b.off - 1,
				   "SID count %u at offset %zu is not 1..%d",
				   h->n, b.off - 1, REC_SIDHIST_MAX);
		goto out;
	}
	for (i = 0; i < h->n; i++)
		if ((r = rec_get_sid(&b, &h->sids[i], "sIDHistory SID", ei)) !=
		    0)
			goto out;
	r = rec_end(&b, ei);
out:
	if (r != 0)
		memset(h, 0, sizeof(*h));
	return r;
}
