/*
 * migrate/trustauth.c - trustAuthInOutBlob, the value of trustAuthIncoming
 * and trustAuthOutgoing of an AD trusted domain object ([MS-ADTS]
 * 6.1.6.9.1 and 6.1.6.9.1.1; reference nt4-trust-model.md 4.4), and its
 * RC4-sealed LSA form ([MS-LSAD] 2.2.7.16 and 5.1.1; reference 4.5).
 *
 * Layout (little-endian): Count, CurrentOffset, PreviousOffset, then Count
 * LSAPR_AUTH_INFORMATION entries {FILETIME LastUpdateTime, AuthType,
 * AuthInfoLength, AuthInfo, zero padding to 4}, then the previous entries
 * up to the end of the blob.  Samba's NDR writes Count 0 with both offsets
 * 0, and a client blob without previous entries with PreviousOffset = the
 * blob's length; a DC pads the previous array to Count.  The decoder reads
 * through the bounds-checked sbuf and accepts exactly the encodings the
 * encoder writes, so every accepted blob re-encodes to the same bytes.
 */
#include "trustauth.h"

#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/sbuf.h"
#include "common/wbuf.h"

const char *
trustauth_type_name(uint32_t type)
{
	switch (type) {
	case TRUSTAUTH_NONE:
		return "NONE";
	case TRUSTAUTH_NT4OWF:
		return "NT4OWF";
	case TRUSTAUTH_CLEAR:
		return "CLEAR";
	case TRUSTAUTH_VERSION:
		return "VERSION";
	default:
		return "?";
	}
}

void
trustauth_wipe(struct trustauth_blob *b)
{
	if (b != NULL)
		crypto_wipe(b, sizeof(*b));
}

/* The AuthInfoLength rule of each AuthType: 0 ok, else the error. */
static int
trustauth_len_ok(uint32_t type, uint32_t len)
{
	switch (type) {
	case TRUSTAUTH_NONE:
		return len == 0 ? 0 : ERR_FORMAT;
	case TRUSTAUTH_NT4OWF:
		return len == 16 ? 0 : ERR_FORMAT;
	case TRUSTAUTH_VERSION:
		return len == 4 ? 0 : ERR_FORMAT;
	case TRUSTAUTH_CLEAR:
		if (len > TRUSTAUTH_CLEAR_MAX)
			return ERR_RANGE;
		return len >= 2 && len % 2 == 0 ? 0 : ERR_FORMAT;
	default:
		return ERR_FORMAT;
	}
}

static size_t
trustauth_pad(size_t len)
{
	return (4 - len % 4) % 4;
}

/* One entry at b's cursor; which/i name it in messages. */
static int
trustauth_entry_read(struct sbuf *b, struct trustauth_entry *e,
		     const char *which, size_t i, struct errinfo *ei)
{
	size_t at = b->off, pad, k;
	uint8_t z;
	int r;

	if (sbuf_left(b) < 16)
		return ERR(ei, ERR_TRUNCATED,
			   "%s entry %zu at offset %zu: %zu bytes left, an "
			   "entry needs at least 16",
			   which, i, at, sbuf_left(b));
	if ((r = sbuf_get_u64le(b, &e->time)) != 0 ||
	    (r = sbuf_get_u32le(b, &e->type)) != 0 ||
	    (r = sbuf_get_u32le(b, &e->len)) != 0)
		return ERR(ei, r, "%s entry %zu at offset %zu: truncated",
			   which, i, at);
	if (e->type > TRUSTAUTH_VERSION)
		return ERR(ei, ERR_FORMAT,
			   "%s entry %zu at offset %zu: unknown AuthType %u",
			   which, i, at, e->type);
	if ((r = trustauth_len_ok(e->type, e->len)) != 0)
		return ERR(ei, r,
			   "%s entry %zu at offset %zu: AuthInfoLength %u is "
			   "not valid for AuthType %s",
			   which, i, at, e->len, trustauth_type_name(e->type));
	if (sbuf_get_bytes(b, e->info, e->len) != 0)
		return ERR(ei, ERR_TRUNCATED,
			   "%s entry %zu at offset %zu: AuthInfoLength %u runs "
			   "past the end of the blob",
			   which, i, at, e->len);
	pad = trustauth_pad(e->len);
	for (k = 0; k < pad; k++) {
		if (sbuf_get_u8(b, &z) != 0)
			return ERR(ei, ERR_TRUNCATED,
				   "%s entry %zu at offset %zu: padding "
				   "missing at offset %zu",
				   which, i, at, b->off);
		if (z != 0)
			return ERR(ei, ERR_FORMAT,
				   "%s entry %zu at offset %zu: non-zero "
				   "padding at offset %zu",
				   which, i, at, b->off - 1);
	}
	return 0;
}

static int
trustauth_decode_into(struct trustauth_blob *t, const uint8_t *p, size_t len,
		      struct errinfo *ei)
{
	struct sbuf b;
	uint32_t count, cur_off, prev_off;
	size_t i;
	int r;

	sbuf_init(&b, p, len);
	if (sbuf_get_u32le(&b, &count) != 0 ||
	    sbuf_get_u32le(&b, &cur_off) != 0 ||
	    sbuf_get_u32le(&b, &prev_off) != 0)
		return ERR(ei, ERR_TRUNCATED,
			   "blob of %zu bytes: the header needs 12", len);
	if (count > TRUSTAUTH_ENTRIES_MAX)
		return ERR(ei, ERR_RANGE,
			   "Count %u at offset 0: more than %d entries", count,
			   TRUSTAUTH_ENTRIES_MAX);
	if (count == 0) {
		if (cur_off != 0 || prev_off != 0)
			return ERR(ei, ERR_FORMAT,
				   "Count 0 but CurrentOffset %u, "
				   "PreviousOffset %u (both must be 0)",
				   cur_off, prev_off);
		if (sbuf_left(&b) != 0)
			return ERR(ei, ERR_TRAILING,
				   "Count 0 but %zu bytes after the header at "
				   "offset 12",
				   sbuf_left(&b));
		return 0;
	}
	if (cur_off != TRUSTAUTH_HEADER)
		return ERR(ei, ERR_FORMAT,
			   "CurrentOffset %u at offset 4 (must be 12)",
			   cur_off);
	t->count = count;
	for (i = 0; i < count; i++)
		if ((r = trustauth_entry_read(&b, &t->cur[i], "current", i,
					      ei)) != 0)
			return r;
	if (prev_off != b.off)
		return ERR(ei, ERR_FORMAT,
			   "PreviousOffset %u at offset 8: the current array "
			   "ends at %zu",
			   prev_off, b.off);
	while (sbuf_left(&b) > 0) {
		if (t->nprev == count)
			return ERR(ei, ERR_TRAILING,
				   "%zu bytes at offset %zu after %u previous "
				   "entries (at most Count)",
				   sbuf_left(&b), b.off, count);
		if ((r = trustauth_entry_read(&b, &t->prev[t->nprev],
					      "previous", t->nprev, ei)) != 0)
			return r;
		t->nprev++;
	}
	return 0;
}

int
trustauth_decode(struct trustauth_blob *t, const uint8_t *p, size_t len,
		 struct errinfo *ei)
{
	int r;

	memset(t, 0, sizeof(*t));
	r = trustauth_decode_into(t, p, len, ei);
	if (r != 0)
		trustauth_wipe(t);
	return r;
}

static int
trustauth_entry_check(const struct trustauth_entry *e)
{
	if (e->type > TRUSTAUTH_VERSION)
		return ERR_FORMAT;
	return trustauth_len_ok(e->type, e->len);
}

int
trustauth_encode(const struct trustauth_blob *t, struct wbuf *w)
{
	struct wbuf tmp;
	size_t i, cur_len = 0;
	int r;

	if (t->count > TRUSTAUTH_ENTRIES_MAX || t->nprev > t->count)
		return ERR_RANGE;
	for (i = 0; i < t->count; i++) {
		if ((r = trustauth_entry_check(&t->cur[i])) != 0)
			return r;
		cur_len += 16 + t->cur[i].len + trustauth_pad(t->cur[i].len);
	}
	for (i = 0; i < t->nprev; i++)
		if ((r = trustauth_entry_check(&t->prev[i])) != 0)
			return r;
	wbuf_init(&tmp, TRUSTAUTH_BLOB_MAX);
	(void)wbuf_put_u32le(&tmp, (uint32_t)t->count);
	(void)wbuf_put_u32le(&tmp, t->count > 0 ? TRUSTAUTH_HEADER : 0);
	(void)wbuf_put_u32le(
		&tmp,
		t->count > 0 ? (uint32_t)(TRUSTAUTH_HEADER + cur_len) : 0);
	for (i = 0; i < t->count + t->nprev; i++) {
		const struct trustauth_entry *e =
			i < t->count ? &t->cur[i] : &t->prev[i - t->count];

		(void)wbuf_put_u64le(&tmp, e->time);
		(void)wbuf_put_u32le(&tmp, e->type);
		(void)wbuf_put_u32le(&tmp, e->len);
		(void)wbuf_put_bytes(&tmp, e->info, e->len);
		(void)wbuf_put_zero(&tmp, trustauth_pad(e->len));
	}
	if ((r = wbuf_error(&tmp)) == 0)
		r = wbuf_put_bytes(w, tmp.p, tmp.len);
	wbuf_free(&tmp);
	return r;
}

int
trustauth_clear(struct trustauth_entry *e, uint64_t time, const uint8_t *pw16,
		size_t len)
{
	memset(e, 0, sizeof(*e));
	if (len < 2 || len > TRUSTAUTH_CLEAR_MAX || len % 2 != 0)
		return ERR_RANGE;
	e->time = time;
	e->type = TRUSTAUTH_CLEAR;
	e->len = (uint32_t)len;
	memcpy(e->info, pw16, len);
	return 0;
}

void
trustauth_nt4owf(struct trustauth_entry *e, uint64_t time,
		 const uint8_t nt_hash[16])
{
	memset(e, 0, sizeof(*e));
	e->time = time;
	e->type = TRUSTAUTH_NT4OWF;
	e->len = 16;
	memcpy(e->info, nt_hash, 16);
}

void
trustauth_version(struct trustauth_entry *e, uint64_t time, uint32_t version)
{
	memset(e, 0, sizeof(*e));
	e->time = time;
	e->type = TRUSTAUTH_VERSION;
	e->len = 4;
	e->info[0] = (uint8_t)version;
	e->info[1] = (uint8_t)(version >> 8);
	e->info[2] = (uint8_t)(version >> 16);
	e->info[3] = (uint8_t)(version >> 24);
}

void
trustauth_pair(struct trustauth_blob *t)
{
	size_t i;

	if (t->count > TRUSTAUTH_ENTRIES_MAX)
		return;
	if (t->nprev == 0) {
		for (i = 0; i < t->count; i++)
			t->prev[i] = t->cur[i];
		t->nprev = t->count;
		return;
	}
	for (i = t->nprev; i < t->count; i++)
		memset(&t->prev[i], 0, sizeof(t->prev[i]));
	if (t->nprev < t->count)
		t->nprev = t->count;
}

int
trustauth_nt_hash(const struct trustauth_blob *t, int previous,
		  uint8_t nt_hash[16], struct errinfo *ei)
{
	const struct trustauth_entry *v = previous ? t->prev : t->cur;
	size_t n = previous ? t->nprev : t->count, i;

	for (i = 0; i < n && i < TRUSTAUTH_ENTRIES_MAX; i++) {
		if (v[i].type == TRUSTAUTH_NT4OWF && v[i].len == 16) {
			memcpy(nt_hash, v[i].info, 16);
			return 0;
		}
		if (v[i].type == TRUSTAUTH_CLEAR &&
		    v[i].len <= TRUSTAUTH_CLEAR_MAX) {
			if (crypto_md4(v[i].info, v[i].len, nt_hash) != 0)
				return ERR(ei, ERR_CRYPTO, "MD4 failed");
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

int
trustauth_lsa_seal(const uint8_t confounder[TRUSTAUTH_CONFOUNDER],
		   const struct trustauth_blob *outgoing,
		   const struct trustauth_blob *incoming,
		   const uint8_t *session_key, size_t sklen, struct wbuf *w,
		   struct errinfo *ei)
{
	struct wbuf tmp;
	size_t out_len, in_len;
	int r;

	wbuf_init(&tmp, TRUSTAUTH_CONFOUNDER + 2 * TRUSTAUTH_BLOB_MAX + 8);
	(void)wbuf_put_bytes(&tmp, confounder, TRUSTAUTH_CONFOUNDER);
	if ((r = trustauth_encode(outgoing, &tmp)) != 0) {
		r = ERR(ei, r, "outgoing trustAuthInOutBlob cannot be encoded");
		goto out;
	}
	out_len = tmp.len - TRUSTAUTH_CONFOUNDER;
	if ((r = trustauth_encode(incoming, &tmp)) != 0) {
		r = ERR(ei, r, "incoming trustAuthInOutBlob cannot be encoded");
		goto out;
	}
	in_len = tmp.len - TRUSTAUTH_CONFOUNDER - out_len;
	(void)wbuf_put_u32le(&tmp, (uint32_t)out_len);
	(void)wbuf_put_u32le(&tmp, (uint32_t)in_len);
	if ((r = wbuf_error(&tmp)) != 0) {
		r = ERR(ei, r, "LSA auth blob too large");
		goto out;
	}
	if ((r = crypto_rc4(session_key, sklen, tmp.p, tmp.p, tmp.len)) != 0) {
		r = ERR(ei, r, "RC4 with the session key failed");
		goto out;
	}
	if ((r = wbuf_put_bytes(w, tmp.p, tmp.len)) != 0)
		r = ERR(ei, r, "LSA auth blob does not fit");
out:
	wbuf_free(&tmp);
	return r;
}

int
trustauth_lsa_open(const uint8_t *p, size_t len, const uint8_t *session_key,
		   size_t sklen, struct trustauth_blob *outgoing,
		   struct trustauth_blob *incoming, struct errinfo *ei)
{
	struct wbuf tmp;
	struct sbuf b, tail;
	uint32_t out_len = 0, in_len = 0;
	int r;

	memset(outgoing, 0, sizeof(*outgoing));
	memset(incoming, 0, sizeof(*incoming));
	if (len < TRUSTAUTH_CONFOUNDER + 2 * TRUSTAUTH_HEADER + 8)
		return ERR(ei, ERR_TRUNCATED,
			   "LSA auth blob of %zu bytes: at least %d needed",
			   len,
			   TRUSTAUTH_CONFOUNDER + 2 * TRUSTAUTH_HEADER + 8);
	wbuf_init(&tmp, len);
	if ((r = wbuf_put_bytes(&tmp, p, len)) != 0) {
		r = ERR(ei, r, "out of memory");
		goto out;
	}
	if ((r = crypto_rc4(session_key, sklen, tmp.p, tmp.p, len)) != 0) {
		r = ERR(ei, r, "RC4 with the session key failed");
		goto out;
	}
	sbuf_init(&b, tmp.p, len);
	if ((r = sbuf_at(&b, len - 8, 8, &tail)) != 0 ||
	    (r = sbuf_get_u32le(&tail, &out_len)) != 0 ||
	    (r = sbuf_get_u32le(&tail, &in_len)) != 0)
		goto out;
	if ((size_t)out_len + in_len != len - TRUSTAUTH_CONFOUNDER - 8) {
		r = ERR(ei, ERR_FORMAT,
			"LSA auth blob: sizes %u + %u (offset %zu) do not "
			"fill the %zu bytes after the confounder",
			out_len, in_len, len - 8,
			len - TRUSTAUTH_CONFOUNDER - 8);
		goto out;
	}
	if ((r = trustauth_decode(outgoing, tmp.p + TRUSTAUTH_CONFOUNDER,
				  out_len, ei)) != 0) {
		err_prefix(ei, "outgoing blob at offset %d",
			   TRUSTAUTH_CONFOUNDER);
		goto out;
	}
	if ((r = trustauth_decode(incoming,
				  tmp.p + TRUSTAUTH_CONFOUNDER + out_len,
				  in_len, ei)) != 0) {
		err_prefix(ei, "incoming blob at offset %u",
			   TRUSTAUTH_CONFOUNDER + out_len);
		trustauth_wipe(outgoing);
		goto out;
	}
out:
	wbuf_free(&tmp);
	return r;
}
