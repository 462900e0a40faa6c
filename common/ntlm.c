/*
 * common/ntlm.c - NTLM one-way functions, challenge responses and the
 * password check of a domain controller (reference nt4-trust-model.md
 * section 3).
 *
 * What it does:
 *   - NTOWFv1 = MD4(UTF-16LE(password)) and LMOWFv1 ([MS-NLMP] 3.3.1);
 *   - DESL, the NTLMv1 extended-session-security challenge, NTOWFv2, the
 *     NTLMv2 blob, NTProofStr and the LMv2 response ([MS-NLMP] 3.3.2,
 *     2.2.2.7);
 *   - ntlm_check_password(): what a DC does with NETLOGON_NETWORK_INFO, in
 *     the order of Samba's ntlm_password_check (libcli/auth/ntlm_check.c,
 *     read, not copied): NT response > 24 bytes -> NTLMv2 with the domain
 *     as sent, upper-cased, empty; == 24 -> NTLMv1 (if allowed; a mismatch
 *     is final); then the LM field: LMv1 against the LM hash (if allowed),
 *     LMv2 with the three domain variants, NTLMv1 over the LM field (if
 *     NTLMv1 is allowed).  Session keys follow Samba for every path.
 * What it does not do: the cleartext-password variant (challenge all zero
 * with MSV1_0_CLEARTEXT_PASSWORD_ALLOWED), the UPN ('@') special cases,
 * account checks, or validating the NTLMv2 blob's timestamp (Samba does
 * not either).
 *
 * Invariants: responses are read only through sbuf; every comparison of a
 * computed response is crypto_equal(); UTF-16 copies of passwords and every
 * derived key (NTOWFv2, expected responses) are wiped before return.
 */
#include "ntlm.h"

#include <stdlib.h>
#include <string.h>

#include "crypto.h"
#include "err.h"
#include "mem.h"
#include "ntstatus.h"
#include "sbuf.h"
#include "utf16.h"

#define NTLM_V1_RESP 24u
#define NTLM_PROOF 16u
#define NTLM_BLOB_HDR 28u /* 0101 0000, reserved, time, client chal, 0 */

/* The three domain variants Samba tries: as sent, upper-cased, empty. */
#define NTLM_DOM_VARIANTS 3

struct ntlm_v2_names {
	uint8_t *user16; /* UTF-16LE(UPPER(user)) */
	size_t user16_len;
	uint8_t *dom16[NTLM_DOM_VARIANTS];
	size_t dom16_len[NTLM_DOM_VARIANTS];
	int same_as_earlier[NTLM_DOM_VARIANTS]; /* skip: identical variant */
	int ready;
};

int
ntlm_nt_hash(const char *password, uint8_t out[16], struct errinfo *ei)
{
	uint8_t *u16 = NULL;
	size_t n = 0;
	int r = ERR_INTERNAL;

	/* [MS-NLMP] 3.3.1 NTOWFv1 = MD4(UNICODE(Passwd)) */
	if ((r = utf8_to_utf16(&u16, &n, password, strlen(password), ei)) != 0)
		goto out;
	if ((r = crypto_md4(u16, n, out)) != 0) {
		r = ERR(ei, r, "MD4 failed");
		goto out;
	}
	r = 0;
out:
	if (u16 != NULL) {
		crypto_wipe(u16, n);
		free(u16);
	}
	return r;
}

int
ntlm_nt_hash_raw(const uint8_t *pw16, size_t n, uint8_t out[16])
{
	/* raw bytes: unpaired surrogates are hashed as they are */
	return crypto_md4(pw16, n, out);
}

int
ntlm_lm_hash(const char *password, uint8_t out[16], int *present)
{
	static const uint8_t kgs[8] = {
		'K', 'G', 'S', '!', '@', '#', '$', '%'
	};
	uint8_t p14[14], h[16];
	size_t n = strlen(password), i;
	int r = ERR_INTERNAL;

	*present = 0;
	memset(out, 0, 16);
	memset(p14, 0, sizeof(p14));
	memset(h, 0, sizeof(h));
	/* [MS-NLMP] 3.3.1 LMOWFv1: only for at most 14 (ASCII) characters */
	if (n > sizeof(p14)) {
		r = 0;
		goto out;
	}
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)password[i];

		if (ch >= 0x80) {
			r = 0;
			goto out;
		}
		p14[i] = (uint8_t)(ch >= 'a' && ch <= 'z' ? ch - 32 : ch);
	}
	if ((r = crypto_des7_encrypt(p14, kgs, h)) != 0 ||
	    (r = crypto_des7_encrypt(p14 + 7, kgs, h + 8)) != 0)
		goto out;
	memcpy(out, h, 16);
	*present = 1;
	r = 0;
out:
	crypto_wipe(p14, sizeof(p14));
	crypto_wipe(h, sizeof(h));
	return r;
}

int
ntlm_desl(const uint8_t key[16], const uint8_t data[8], uint8_t out[24])
{
	uint8_t k3[7] = { 0 }, o[24];
	int r = ERR_INTERNAL;

	/* [MS-NLMP] 6: DESL(K, D) over K[0..6], K[7..13], K[14..15] || 0^5 */
	k3[0] = key[14];
	k3[1] = key[15];
	if ((r = crypto_des7_encrypt(key, data, o)) != 0 ||
	    (r = crypto_des7_encrypt(key + 7, data, o + 8)) != 0 ||
	    (r = crypto_des7_encrypt(k3, data, o + 16)) != 0)
		goto out;
	memcpy(out, o, 24);
	r = 0;
out:
	crypto_wipe(k3, sizeof(k3));
	crypto_wipe(o, sizeof(o));
	return r;
}

int
ntlm_ess_challenge(const uint8_t server_chal[8], const uint8_t client_chal[8],
		   uint8_t out[8])
{
	struct crypto_iov iov[2] = { { server_chal, 8 }, { client_chal, 8 } };
	uint8_t d[16];
	int r;

	/* [MS-NLMP] 3.3.1: MD5(ServerChallenge || ClientChallenge)[0..7] */
	if ((r = crypto_md5(iov, 2, d)) == 0)
		memcpy(out, d, 8);
	crypto_wipe(d, sizeof(d));
	return r;
}

/* Upper-case a UTF-8 string; ASCII is done here (the common, fast case). */
static int
ntlm_upper(char **out, const char *s, struct errinfo *ei)
{
	size_t n = strlen(s), i;
	char *u;

	*out = NULL;
	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] >= 0x80)
			return utf8_upper(out, s, ei);
	}
	u = mem_alloc(n + 1);
	if (u == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	for (i = 0; i < n; i++)
		u[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	u[n] = '\0';
	*out = u;
	return 0;
}

/* UTF-16LE of a UTF-8 string, optionally upper-cased first. */
static int
ntlm_to_utf16(const char *s, int upper, uint8_t **out, size_t *outlen,
	      struct errinfo *ei)
{
	char *u = NULL;
	int r = ERR_INTERNAL;

	*out = NULL;
	*outlen = 0;
	if (upper) {
		if ((r = ntlm_upper(&u, s, ei)) != 0)
			goto out;
		s = u;
	}
	if ((r = utf8_to_utf16(out, outlen, s, strlen(s), ei)) != 0)
		goto out;
	r = 0;
out:
	free(u);
	return r;
}

/* [MS-NLMP] 3.3.2 NTOWFv2 over already converted names. */
static int
ntlm_v2_owf16(const uint8_t nt_hash[16], const uint8_t *user16,
	      size_t user16_len, const uint8_t *dom16, size_t dom16_len,
	      uint8_t out[16])
{
	struct crypto_iov iov[2] = { { user16, user16_len },
				     { dom16, dom16_len } };

	return crypto_hmac_md5(nt_hash, 16, iov, 2, out);
}

int
ntlm_v2_owf(const uint8_t nt_hash[16], const char *user, const char *domain,
	    uint8_t out[16], struct errinfo *ei)
{
	uint8_t *u16 = NULL, *d16 = NULL;
	size_t ulen = 0, dlen = 0;
	int r = ERR_INTERNAL;

	/* UPPER(user), domain exactly as given */
	if ((r = ntlm_to_utf16(user, 1, &u16, &ulen, ei)) != 0 ||
	    (r = ntlm_to_utf16(domain != NULL ? domain : "", 0, &d16, &dlen,
			       ei)) != 0)
		goto out;
	if ((r = ntlm_v2_owf16(nt_hash, u16, ulen, d16, dlen, out)) != 0) {
		r = ERR(ei, r, "HMAC-MD5 failed");
		goto out;
	}
	r = 0;
out:
	free(u16);
	free(d16);
	return r;
}

static void
ntlm_put_le64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

int
ntlm_v2_blob(uint64_t filetime, const uint8_t client_chal[8], const uint8_t *av,
	     size_t avlen, uint8_t *out, size_t outcap, size_t *outlen)
{
	size_t need;
	int r = ERR_INTERNAL;

	*outlen = 0;
	/* [MS-NLMP] 2.2.2.7 NTLMv2_CLIENT_CHALLENGE + 4 trailing zero bytes */
	if (__builtin_add_overflow(NTLM_BLOB_HDR + 4, avlen, &need) ||
	    need > outcap || (av == NULL && avlen > 0) || out == NULL) {
		r = ERR_RANGE;
		goto out;
	}
	out[0] = 0x01;	       /* RespType */
	out[1] = 0x01;	       /* HiRespType */
	memset(out + 2, 0, 6); /* Reserved1, Reserved2 */
	ntlm_put_le64(out + 8, filetime);
	memcpy(out + 16, client_chal, 8);
	memset(out + 24, 0, 4); /* Reserved3 */
	if (avlen > 0)
		memcpy(out + NTLM_BLOB_HDR, av, avlen);
	memset(out + NTLM_BLOB_HDR + avlen, 0, 4);
	*outlen = need;
	r = 0;
out:
	return r;
}

int
ntlm_v2_response(const uint8_t ntowfv2[16], const uint8_t server_chal[8],
		 const uint8_t *blob, size_t bloblen, uint8_t *out,
		 size_t outcap, uint8_t session_key[16])
{
	struct crypto_iov iov[2] = { { server_chal, 8 }, { blob, bloblen } };
	struct crypto_iov piov;
	uint8_t proof[16], sk[16];
	size_t need;
	int r = ERR_INTERNAL;

	if (__builtin_add_overflow(NTLM_PROOF, bloblen, &need) ||
	    need > outcap || out == NULL || (blob == NULL && bloblen > 0)) {
		r = ERR_RANGE;
		goto out;
	}
	/* [MS-NLMP] 3.3.2 NTProofStr = HMAC_MD5(NTOWFv2, SC || temp) */
	if ((r = crypto_hmac_md5(ntowfv2, 16, iov, 2, proof)) != 0)
		goto out;
	piov.p = proof;
	piov.n = sizeof(proof);
	/* SessionBaseKey = HMAC_MD5(NTOWFv2, NTProofStr) */
	if ((r = crypto_hmac_md5(ntowfv2, 16, &piov, 1, sk)) != 0)
		goto out;
	if (bloblen > 0)
		memmove(out + NTLM_PROOF, blob, bloblen);
	memcpy(out, proof, NTLM_PROOF);
	if (session_key != NULL)
		memcpy(session_key, sk, 16);
	r = 0;
out:
	crypto_wipe(proof, sizeof(proof));
	crypto_wipe(sk, sizeof(sk));
	return r;
}

int
ntlm_lmv2_response(const uint8_t ntowfv2[16], const uint8_t server_chal[8],
		   const uint8_t client_chal[8], uint8_t out[24])
{
	struct crypto_iov iov[2] = { { server_chal, 8 }, { client_chal, 8 } };
	uint8_t h[16];
	int r = ERR_INTERNAL;

	/* [MS-NLMP] 3.3.2 LMv2 = HMAC_MD5(NTOWFv2, SC || CC) || CC */
	if ((r = crypto_hmac_md5(ntowfv2, 16, iov, 2, h)) != 0)
		goto out;
	memcpy(out + 16, client_chal, 8);
	memcpy(out, h, 16);
	r = 0;
out:
	crypto_wipe(h, sizeof(h));
	return r;
}

/* ---- the DC side ------------------------------------------------------ */

static void
ntlm_v2_names_free(struct ntlm_v2_names *nm)
{
	int i;

	free(nm->user16);
	for (i = 0; i < NTLM_DOM_VARIANTS; i++)
		free(nm->dom16[i]);
	memset(nm, 0, sizeof(*nm));
}

/* UTF-16 of UPPER(user) and of the three domain variants, once per check. */
static int
ntlm_v2_names_prepare(struct ntlm_v2_names *nm,
		      const struct ntlm_check_req *req, struct errinfo *ei)
{
	const char *dom = req->domain != NULL ? req->domain : "";
	int i, j, r = ERR_INTERNAL;

	if (nm->ready)
		return 0;
	if ((r = ntlm_to_utf16(req->user != NULL ? req->user : "", 1,
			       &nm->user16, &nm->user16_len, ei)) != 0 ||
	    (r = ntlm_to_utf16(dom, 0, &nm->dom16[0], &nm->dom16_len[0], ei)) !=
		    0 ||
	    (r = ntlm_to_utf16(dom, 1, &nm->dom16[1], &nm->dom16_len[1], ei)) !=
		    0 ||
	    (r = ntlm_to_utf16("", 0, &nm->dom16[2], &nm->dom16_len[2], ei)) !=
		    0)
		goto out;
	/* An identical variant gives an identical answer: try it once. */
	for (i = 1; i < NTLM_DOM_VARIANTS; i++) {
		for (j = 0; j < i; j++) {
			if (nm->dom16_len[i] == nm->dom16_len[j] &&
			    (nm->dom16_len[i] == 0 ||
			     memcmp(nm->dom16[i], nm->dom16[j],
				    nm->dom16_len[i]) == 0))
				nm->same_as_earlier[i] = 1;
		}
	}
	nm->ready = 1;
	r = 0;
out:
	return r;
}

/*
 * NTLMv2 / LMv2 check of one response (Samba smb_pwd_check_ntlmv2): the
 * response is a 16-byte proof followed by the client data (the blob, or the
 * 8-byte client challenge of LMv2); at least 24 bytes.  *match tells whether
 * HMAC_MD5(kr, chal || data) equals the proof; sess receives
 * HMAC_MD5(kr, that value) in any case (Samba smb_sess_key_ntlmv2).
 */
static int
ntlm_v2_verify(const uint8_t kr[16], const uint8_t chal[8], const uint8_t *resp,
	       size_t resp_len, int *match, uint8_t sess[16])
{
	struct sbuf b;
	const uint8_t *proof, *data;
	struct crypto_iov iov[2];
	struct crypto_iov viov;
	uint8_t v[16];
	size_t dlen;
	int r = ERR_INTERNAL;

	*match = 0;
	memset(sess, 0, 16);
	memset(v, 0, sizeof(v));
	sbuf_init(&b, resp, resp_len);
	if (sbuf_left(&b) < NTLM_V1_RESP) {
		r = 0; /* too short: no match */
		goto out;
	}
	dlen = sbuf_left(&b) - NTLM_PROOF;
	if ((r = sbuf_get_view(&b, NTLM_PROOF, &proof)) != 0 ||
	    (r = sbuf_get_view(&b, dlen, &data)) != 0 ||
	    (r = sbuf_end(&b)) != 0)
		goto out;
	iov[0].p = chal;
	iov[0].n = 8;
	iov[1].p = data;
	iov[1].n = dlen;
	if ((r = crypto_hmac_md5(kr, 16, iov, 2, v)) != 0)
		goto out;
	viov.p = v;
	viov.n = sizeof(v);
	if ((r = crypto_hmac_md5(kr, 16, &viov, 1, sess)) != 0)
		goto out;
	*match = crypto_equal(v, proof, NTLM_PROOF);
	r = 0;
out:
	crypto_wipe(v, sizeof(v));
	return r;
}

/* NTLMv1 / LMv1 check (Samba smb_pwd_check_ntlmv1): exactly 24 bytes. */
static int
ntlm_v1_verify(const uint8_t key[16], const uint8_t chal[8],
	       const uint8_t *resp, size_t resp_len, int *match)
{
	struct sbuf b;
	const uint8_t *got;
	uint8_t want[24];
	int r = ERR_INTERNAL;

	*match = 0;
	memset(want, 0, sizeof(want));
	sbuf_init(&b, resp, resp_len);
	if (sbuf_left(&b) != NTLM_V1_RESP) {
		r = 0;
		goto out;
	}
	if ((r = sbuf_get_view(&b, NTLM_V1_RESP, &got)) != 0 ||
	    (r = ntlm_desl(key, chal, want)) != 0)
		goto out;
	*match = crypto_equal(want, got, NTLM_V1_RESP);
	r = 0;
out:
	crypto_wipe(want, sizeof(want));
	return r;
}

/* The NTLMv1 user session key: MD4(NT hash) ([MS-NLMP] 3.3.1). */
static int
ntlm_v1_keys(const uint8_t nt_hash[16], const uint8_t *lm_hash, int allow_lm,
	     struct ntlm_keys *k)
{
	int r;

	if ((r = crypto_md4(nt_hash, 16, k->user_session_key)) != 0)
		return r;
	/* LM session key only when LM is allowed and an LM hash exists */
	if (allow_lm && lm_hash != NULL)
		memcpy(k->lm_session_key, lm_hash, 8);
	return 0;
}

/* Keys of a success in the LM field with NTLMv1 arithmetic (Samba). */
static void
ntlm_lm_field_keys(const uint8_t *lm_hash, int allow_lm, struct ntlm_keys *k)
{
	if (allow_lm && lm_hash != NULL) {
		memcpy(k->user_session_key, lm_hash, 8);
		memset(k->user_session_key + 8, 0, 8);
		memcpy(k->lm_session_key, lm_hash, 8);
	}
}

/* Step 1: NTLMv2 with the domain as sent, upper-cased, empty. */
static int
ntlm_try_ntlmv2(const struct ntlm_check_req *req, const uint8_t nt_hash[16],
		struct ntlm_v2_names *nm, const uint8_t *nt_resp, size_t nt_len,
		struct ntlm_keys *k, int *ok, struct errinfo *ei)
{
	uint8_t kr[16], sess[16];
	int i, match = 0, r = ERR_INTERNAL;

	*ok = 0;
	memset(kr, 0, sizeof(kr));
	memset(sess, 0, sizeof(sess));
	if ((r = ntlm_v2_names_prepare(nm, req, ei)) != 0)
		goto out;
	for (i = 0; i < NTLM_DOM_VARIANTS; i++) {
		if (nm->same_as_earlier[i])
			continue;
		if ((r = ntlm_v2_owf16(nt_hash, nm->user16, nm->user16_len,
				       nm->dom16[i], nm->dom16_len[i], kr)) !=
			    0 ||
		    (r = ntlm_v2_verify(kr, req->challenge, nt_resp, nt_len,
					&match, sess)) != 0) {
			r = ERR(ei, r, "NTLMv2 check: crypto failure");
			goto out;
		}
		if (match) {
			/* [MS-NLMP] 3.3.2: SessionBaseKey; LM key = its head */
			memcpy(k->user_session_key, sess, 16);
			memcpy(k->lm_session_key, sess, 8);
			*ok = 1;
			break;
		}
	}
	r = 0;
out:
	crypto_wipe(kr, sizeof(kr));
	crypto_wipe(sess, sizeof(sess));
	return r;
}

/* Step 3: the LM field (LMv1, LMv2 x 3 domains, NTLMv1 in the LM field). */
static int
ntlm_try_lm_field(const struct ntlm_check_req *req, const uint8_t nt_hash[16],
		  const uint8_t *lm_hash, struct ntlm_v2_names *nm,
		  const uint8_t *nt_resp, size_t nt_len, const uint8_t *lm_resp,
		  size_t lm_len, struct ntlm_keys *k, int *ok,
		  struct errinfo *ei)
{
	uint8_t kr[16], sess[16], ntsess[16];
	int i, match = 0, r = ERR_INTERNAL;

	*ok = 0;
	memset(kr, 0, sizeof(kr));
	memset(sess, 0, sizeof(sess));
	memset(ntsess, 0, sizeof(ntsess));
	if (lm_len < NTLM_V1_RESP) {
		r = 0;
		goto out;
	}
	/* LMv1 against the LM hash, if LM is allowed and a hash exists */
	if (req->allow_lm && lm_hash != NULL) {
		if ((r = ntlm_v1_verify(lm_hash, req->challenge, lm_resp,
					lm_len, &match)) != 0)
			goto out;
		if (match) {
			ntlm_lm_field_keys(lm_hash, req->allow_lm, k);
			*ok = 1;
			r = 0;
			goto out;
		}
	}
	/* LMv2 with the three domain variants */
	if ((r = ntlm_v2_names_prepare(nm, req, ei)) != 0)
		goto out;
	for (i = 0; i < NTLM_DOM_VARIANTS; i++) {
		if (nm->same_as_earlier[i])
			continue;
		if ((r = ntlm_v2_owf16(nt_hash, nm->user16, nm->user16_len,
				       nm->dom16[i], nm->dom16_len[i], kr)) !=
			    0 ||
		    (r = ntlm_v2_verify(kr, req->challenge, lm_resp, lm_len,
					&match, sess)) != 0)
			goto out;
		if (!match)
			continue;
		if (nt_len > NTLM_V1_RESP) {
			/*
			 * An NTLMv2 response preceded us (and failed): the
			 * key comes from it (Samba, RPC-SAMLOGON torture).
			 */
			if ((r = ntlm_v2_verify(kr, req->challenge, nt_resp,
						nt_len, &match, ntsess)) != 0)
				goto out;
			memcpy(k->user_session_key, ntsess, 16);
		} else {
			memcpy(k->user_session_key, sess, 16);
		}
		memcpy(k->lm_session_key, k->user_session_key, 8);
		*ok = 1;
		r = 0;
		goto out;
	}
	/* NTLMv1 computed over the LM field (Win9x pass-through quirk) */
	if (req->allow_ntlmv1) {
		if ((r = ntlm_v1_verify(nt_hash, req->challenge, lm_resp,
					lm_len, &match)) != 0)
			goto out;
		if (match) {
			ntlm_lm_field_keys(lm_hash, req->allow_lm, k);
			*ok = 1;
		}
	}
	r = 0;
out:
	/* the first (innermost) message wins; this one is a fallback */
	if (r != 0)
		r = ERR(ei, r, "LM field check failed");
	crypto_wipe(kr, sizeof(kr));
	crypto_wipe(sess, sizeof(sess));
	crypto_wipe(ntsess, sizeof(ntsess));
	return r;
}

int
ntlm_check_password(const struct ntlm_check_req *req, const uint8_t nt_hash[16],
		    const uint8_t *lm_hash, uint32_t *status,
		    struct ntlm_keys *keys, struct errinfo *ei)
{
	struct ntlm_v2_names nm;
	struct ntlm_keys k;
	struct sbuf ntb, lmb;
	const uint8_t *nt_resp, *lm_resp;
	size_t nt_len, lm_len;
	int match = 0, ok = 0, r = ERR_INTERNAL;

	memset(&nm, 0, sizeof(nm));
	memset(&k, 0, sizeof(k));
	*status = NTSTATUS_WRONG_PASSWORD;
	if (keys != NULL)
		memset(keys, 0, sizeof(*keys));
	/* Whole views of the two responses; lengths come from the views. */
	sbuf_init(&ntb, req->nt_resp, req->nt_len);
	sbuf_init(&lmb, req->lm_resp, req->lm_len);
	nt_len = sbuf_left(&ntb);
	lm_len = sbuf_left(&lmb);
	if ((r = sbuf_get_view(&ntb, nt_len, &nt_resp)) != 0 ||
	    (r = sbuf_get_view(&lmb, lm_len, &lm_resp)) != 0)
		goto out;
	if (nt_len > NTLM_V1_RESP) {
		/* 1. NTLMv2; on failure Samba goes on with the LM field */
		r = ntlm_try_ntlmv2(req, nt_hash, &nm, nt_resp, nt_len, &k, &ok,
				    ei);
		if (r != 0 || ok)
			goto out;
	} else if (nt_len == NTLM_V1_RESP && req->allow_ntlmv1) {
		/* 2. NTLMv1 ([MS-NLMP] 3.3.1): a mismatch is final */
		if ((r = ntlm_v1_verify(nt_hash, req->challenge, nt_resp,
					nt_len, &match)) != 0 ||
		    (match && (r = ntlm_v1_keys(nt_hash, lm_hash, req->allow_lm,
						&k)) != 0)) {
			r = ERR(ei, r, "NTLMv1 check: crypto failure");
			goto out;
		}
		ok = match;
		goto out;
	}
	/* 3. the LM field */
	r = ntlm_try_lm_field(req, nt_hash, lm_hash, &nm, nt_resp, nt_len,
			      lm_resp, lm_len, &k, &ok, ei);
out:
	/* 4. nothing matched: STATUS_WRONG_PASSWORD (already set) */
	if (r == 0 && ok) {
		*status = NTSTATUS_OK;
		if (keys != NULL)
			*keys = k;
	}
	ntlm_v2_names_free(&nm);
	crypto_wipe(&k, sizeof(k));
	return r;
}
