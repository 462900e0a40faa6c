/*
 * common/nlcrypto.c - Netlogon secure-channel arithmetic ([MS-NRPC] 3.1.4).
 *
 * What it does (reference nt4-trust-model.md section 2):
 *   - session keys: classic DES ([MS-NRPC] 3.1.4.3.3) with the challenges
 *     added as two independent 32-bit little-endian words (Samba
 *     netlogon_creds_init_64bit and illumos netr_gen_skey64 do this; the
 *     spec text describes one 64-bit add, which differs when the low word
 *     carries; we follow the implementations that talked to real NT4),
 *     strong-key MD5 (3.1.4.3.2) and AES (3.1.4.3.1);
 *   - ComputeNetlogonCredential (3.1.4.4.1 AES-CFB8, 3.1.4.4.2 DES);
 *   - the authenticator chain (3.1.4.5): stored += timestamp on the low
 *     LE32 word only, no carry into bytes 4..7;
 *   - NetrServerPasswordSet's ENCRYPTED_NT_OWF_PASSWORD ([MS-SAMR]
 *     2.2.11.1.1 keyed with the 16-byte session key);
 *   - NetrServerPasswordSet2's NL_TRUST_PASSWORD (2.2.1.3.7) with
 *     NL_PASSWORD_VERSION (2.2.1.3.8): building, encryption, and the server
 *     side with the CVE-2020-1472 checks Samba applies;
 *   - the protection of UserSessionKey/LMSessionKey in validation info.
 * What it does not do: RPC marshalling, challenge bookkeeping, account
 * lookups or choosing flags; the caller owns all state.
 *
 * Invariants: every secret (session key, stored credential, intermediate
 * DES blocks, decrypted password buffers) lives in a fixed array and is
 * wiped with crypto_wipe() before return; credentials are compared with
 * crypto_equal() only.  Input bytes (the 516-byte ciphertext) are read
 * through sbuf only.
 */
#include "nlcrypto.h"

#include <string.h>

#include "crypto.h"
#include "err.h"
#include "ntstatus.h"
#include "rng.h"
#include "sbuf.h"

#define NLCRYPTO_PW2_BUF 512u  /* NL_TRUST_PASSWORD.Buffer */
#define NLCRYPTO_PW2_SIZE 516u /* Buffer + Length */
#define NLCRYPTO_PW2_MIN 2u    /* Samba: no empty passwords */
#define NLCRYPTO_PW2_MAX 500u  /* room for the 12-byte version */
#define NLCRYPTO_PW2_VERSION 12u

static const uint8_t nlcrypto_zero_iv[16];

static uint32_t
nlcrypto_get_le32(const uint8_t p[4])
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static void
nlcrypto_put_le32(uint8_t p[4], uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

/* [MS-NRPC] 3.1.4.5: add to the low LE32 word only; bytes 4..7 unchanged. */
static void
nlcrypto_cred_add32(uint8_t cred[8], uint32_t v)
{
	nlcrypto_put_le32(cred, nlcrypto_get_le32(cred) + v);
}

static int
nlcrypto_all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/* [MS-NRPC] 3.1.4.3.3 - classic DES session key (NT4 before strong keys). */
static int
nlcrypto_sk_des(const uint8_t nt_hash[16], const uint8_t cc[8],
		const uint8_t sc[8], uint8_t sk[16])
{
	struct sbuf bc, bs;
	uint32_t c0, c1, s0, s1;
	uint8_t sum[8], t[8];
	int r = ERR_INTERNAL;

	sbuf_init(&bc, cc, 8);
	sbuf_init(&bs, sc, 8);
	if ((r = sbuf_get_u32le(&bc, &c0)) != 0 ||
	    (r = sbuf_get_u32le(&bc, &c1)) != 0 ||
	    (r = sbuf_get_u32le(&bs, &s0)) != 0 ||
	    (r = sbuf_get_u32le(&bs, &s1)) != 0)
		goto out;
	/*
	 * Two independent 32-bit sums, no carry from word 0 into word 1
	 * (Samba, illumos; reference 2.2 and section 7 item 1).
	 */
	nlcrypto_put_le32(sum, c0 + s0);
	nlcrypto_put_le32(sum + 4, c1 + s1);
	/* k1 = M4SS[0..6], k2 = M4SS[9..15] (not 7..13). */
	if ((r = crypto_des7_encrypt(nt_hash, sum, t)) != 0 ||
	    (r = crypto_des7_encrypt(nt_hash + 9, t, sk)) != 0)
		goto out;
	memset(sk + 8, 0, 8);
	r = 0;
out:
	crypto_wipe(sum, sizeof(sum));
	crypto_wipe(t, sizeof(t));
	return r;
}

/* [MS-NRPC] 3.1.4.3.2 - strong key: HMAC_MD5(M4SS, MD5(0^4 || CC || SC)). */
static int
nlcrypto_sk_md5(const uint8_t nt_hash[16], const uint8_t cc[8],
		const uint8_t sc[8], uint8_t sk[16])
{
	static const uint8_t zeros[4];
	struct crypto_iov iov[3] = { { zeros, 4 }, { cc, 8 }, { sc, 8 } };
	struct crypto_iov dig;
	uint8_t d[16];
	int r = ERR_INTERNAL;

	if ((r = crypto_md5(iov, 3, d)) != 0)
		goto out;
	dig.p = d;
	dig.n = sizeof(d);
	if ((r = crypto_hmac_md5(nt_hash, 16, &dig, 1, sk)) != 0)
		goto out;
	r = 0;
out:
	crypto_wipe(d, sizeof(d));
	return r;
}

/* [MS-NRPC] 3.1.4.3.1 - AES: HMAC_SHA256(M4SS, CC || SC)[0..15]. */
static int
nlcrypto_sk_aes(const uint8_t nt_hash[16], const uint8_t cc[8],
		const uint8_t sc[8], uint8_t sk[16])
{
	struct crypto_iov iov[2] = { { cc, 8 }, { sc, 8 } };
	uint8_t h[32];
	int r = ERR_INTERNAL;

	if ((r = crypto_hmac_sha256(nt_hash, 16, iov, 2, h)) != 0)
		goto out;
	memcpy(sk, h, 16);
	r = 0;
out:
	crypto_wipe(h, sizeof(h));
	return r;
}

int
nlcrypto_session_key(uint32_t flags, const uint8_t nt_hash[16],
		     const uint8_t client_chal[8], const uint8_t server_chal[8],
		     uint8_t sk[16])
{
	uint8_t k[16];
	int r = ERR_INTERNAL;

	/* [MS-NRPC] 3.1.4.3: AES wins over strong keys, which win over DES. */
	if (flags & NLCRYPTO_NEG_SUPPORTS_AES)
		r = nlcrypto_sk_aes(nt_hash, client_chal, server_chal, k);
	else if (flags & NLCRYPTO_NEG_STRONG_KEYS)
		r = nlcrypto_sk_md5(nt_hash, client_chal, server_chal, k);
	else
		r = nlcrypto_sk_des(nt_hash, client_chal, server_chal, k);
	if (r != 0)
		goto out;
	memcpy(sk, k, 16);
	r = 0;
out:
	crypto_wipe(k, sizeof(k));
	return r;
}

int
nlcrypto_cred(uint32_t flags, const uint8_t sk[16], const uint8_t in[8],
	      uint8_t out[8])
{
	uint8_t o[8];
	int r = ERR_INTERNAL;

	if (flags & NLCRYPTO_NEG_SUPPORTS_AES) {
		/* [MS-NRPC] 3.1.4.4.1: AES-128-CFB8, IV = 0 */
		if ((r = crypto_aes128_cfb8(sk, nlcrypto_zero_iv, 1, in, o,
					    8)) != 0)
			goto out;
	} else {
		/*
		 * [MS-NRPC] 3.1.4.4.2: DES(Sk[7..13], DES(Sk[0..6], in)).
		 * The channel keeps Sk; its keyed contexts are kept too.
		 */
		if ((r = crypto_des7_encrypt2_keep(sk, sk + 7, in, o)) != 0)
			goto out;
	}
	memcpy(out, o, 8);
	r = 0;
out:
	crypto_wipe(o, sizeof(o));
	return r;
}

int
nlcrypto_challenge_is_random(const uint8_t chal[8])
{
	/* [MS-NRPC] 3.1.4.1 (CVE-2020-1472): bytes 1..4 all equal to byte 0 */
	return !(chal[1] == chal[0] && chal[2] == chal[0] &&
		 chal[3] == chal[0] && chal[4] == chal[0]);
}

int
nlcrypto_client_init(struct nlcrypto_creds *c, uint32_t flags,
		     const uint8_t nt_hash[16], const uint8_t client_chal[8],
		     const uint8_t server_chal[8], uint8_t client_cred[8])
{
	struct nlcrypto_creds t;
	int r = ERR_INTERNAL;

	memset(&t, 0, sizeof(t));
	t.flags = flags;
	/* [MS-NRPC] 3.1.4.3, 3.1.4.4: ClientCredential = Cred(CC) */
	if ((r = nlcrypto_session_key(flags, nt_hash, client_chal, server_chal,
				      t.sk)) != 0 ||
	    (r = nlcrypto_cred(flags, t.sk, client_chal, t.stored)) != 0)
		goto out;
	memcpy(client_cred, t.stored, 8);
	*c = t;
	r = 0;
out:
	nlcrypto_creds_wipe(&t);
	return r;
}

int
nlcrypto_client_check(const struct nlcrypto_creds *c,
		      const uint8_t server_chal[8],
		      const uint8_t server_cred[8])
{
	uint8_t want[8];
	int r = ERR_INTERNAL;

	/* [MS-NRPC] 3.1.4.4: ServerCredential = Cred(SC) */
	if ((r = nlcrypto_cred(c->flags, c->sk, server_chal, want)) != 0)
		goto out;
	r = crypto_equal(want, server_cred, 8) ? 0 : ERR_ACCESS;
out:
	crypto_wipe(want, sizeof(want));
	return r;
}

int
nlcrypto_server_init(struct nlcrypto_creds *c, uint32_t flags,
		     const uint8_t nt_hash[16], const uint8_t client_chal[8],
		     const uint8_t server_chal[8], const uint8_t client_cred[8],
		     uint8_t server_cred[8])
{
	struct nlcrypto_creds t;
	uint8_t want[8], srv[8];
	int r = ERR_INTERNAL;

	memset(&t, 0, sizeof(t));
	t.flags = flags;
	if ((r = nlcrypto_session_key(flags, nt_hash, client_chal, server_chal,
				      t.sk)) != 0 ||
	    (r = nlcrypto_cred(flags, t.sk, client_chal, want)) != 0)
		goto out;
	/* [MS-NRPC] 3.5.4.4.2: the client credential must be Cred(CC) */
	if (!crypto_equal(want, client_cred, 8)) {
		r = ERR_ACCESS;
		goto out;
	}
	if ((r = nlcrypto_cred(flags, t.sk, server_chal, srv)) != 0)
		goto out;
	memcpy(t.stored, want, 8);
	memcpy(server_cred, srv, 8);
	*c = t;
	r = 0;
out:
	if (r != 0) {
		nlcrypto_creds_wipe(c);
		memset(server_cred, 0, 8);
	}
	nlcrypto_creds_wipe(&t);
	crypto_wipe(want, sizeof(want));
	crypto_wipe(srv, sizeof(srv));
	return r;
}

int
nlcrypto_auth_make(struct nlcrypto_creds *c, uint32_t timestamp,
		   struct nlcrypto_auth *a)
{
	uint8_t s[8], cred[8];
	int r = ERR_INTERNAL;

	/* [MS-NRPC] 3.1.4.5: stored +32 T; Authenticator = {Cred(stored), T} */
	memcpy(s, c->stored, 8);
	nlcrypto_cred_add32(s, timestamp);
	if ((r = nlcrypto_cred(c->flags, c->sk, s, cred)) != 0)
		goto out;
	memcpy(a->cred, cred, 8);
	a->timestamp = timestamp;
	memcpy(c->stored, s, 8);
	r = 0;
out:
	crypto_wipe(s, sizeof(s));
	crypto_wipe(cred, sizeof(cred));
	return r;
}

int
nlcrypto_auth_check(struct nlcrypto_creds *c, const struct nlcrypto_auth *a,
		    struct nlcrypto_auth *ret)
{
	uint8_t s[8], want[8], back[8];
	int r = ERR_INTERNAL;

	memset(ret, 0, sizeof(*ret));
	/* [MS-NRPC] 3.1.4.5: s' = stored +32 T; check Cred(s') */
	memcpy(s, c->stored, 8);
	nlcrypto_cred_add32(s, a->timestamp);
	if ((r = nlcrypto_cred(c->flags, c->sk, s, want)) != 0)
		goto out;
	if (!crypto_equal(want, a->cred, 8)) {
		r = ERR_ACCESS;
		goto out;
	}
	/* stored = s' +32 1; ReturnAuthenticator = {Cred(stored), 0} */
	nlcrypto_cred_add32(s, 1);
	if ((r = nlcrypto_cred(c->flags, c->sk, s, back)) != 0)
		goto out;
	memcpy(ret->cred, back, 8);
	ret->timestamp = 0;
	memcpy(c->stored, s, 8);
	r = 0;
out:
	crypto_wipe(s, sizeof(s));
	crypto_wipe(want, sizeof(want));
	crypto_wipe(back, sizeof(back));
	return r;
}

int
nlcrypto_auth_check_return(struct nlcrypto_creds *c,
			   const struct nlcrypto_auth *ret)
{
	uint8_t want[8];
	int r = ERR_INTERNAL;

	/*
	 * [MS-NRPC] 3.1.4.5: stored +32 1, then compare.  The chain advances
	 * even on a mismatch (as in Samba): the channel is dead then anyway.
	 */
	nlcrypto_cred_add32(c->stored, 1);
	if ((r = nlcrypto_cred(c->flags, c->sk, c->stored, want)) != 0)
		goto out;
	r = crypto_equal(want, ret->cred, 8) ? 0 : ERR_ACCESS;
out:
	crypto_wipe(want, sizeof(want));
	return r;
}

/*
 * [MS-SAMR] 2.2.11.1.1 with the 16-byte session key as the key
 * ([MS-NRPC] 3.4.5.2.7, 3.5.4.4.7): block 0 under Sk[0..6], block 1 under
 * Sk[7..13].  enc 1 or 0.
 */
static int
nlcrypto_pwset_crypt(const struct nlcrypto_creds *c, int enc,
		     const uint8_t in[16], uint8_t out[16])
{
	int (*des)(const uint8_t[7], const uint8_t[8], uint8_t[8]) =
		enc ? crypto_des7_encrypt : crypto_des7_decrypt;
	uint8_t o[16];
	int r = ERR_INTERNAL;

	if ((r = des(c->sk, in, o)) != 0 ||
	    (r = des(c->sk + 7, in + 8, o + 8)) != 0)
		goto out;
	memcpy(out, o, 16);
	r = 0;
out:
	crypto_wipe(o, sizeof(o));
	return r;
}

int
nlcrypto_pwset_encrypt(const struct nlcrypto_creds *c,
		       const uint8_t nt_hash[16], uint8_t out[16])
{
	return nlcrypto_pwset_crypt(c, 1, nt_hash, out);
}

int
nlcrypto_pwset_decrypt(const struct nlcrypto_creds *c, const uint8_t in[16],
		       uint8_t nt_hash[16])
{
	return nlcrypto_pwset_crypt(c, 0, in, nt_hash);
}

int
nlcrypto_pwset2_build(const uint8_t *pw16, size_t len, uint32_t version,
		      const uint8_t *fill512, struct rng *r, uint8_t out[516],
		      struct errinfo *ei)
{
	size_t at;
	int rc = ERR_INTERNAL;

	if (len < NLCRYPTO_PW2_MIN || len > NLCRYPTO_PW2_MAX || len % 2 != 0) {
		rc = ERR(ei, ERR_RANGE,
			 "trust password length %zu not even or not in 2..500",
			 len);
		goto out;
	}
	if (pw16 == NULL || (fill512 == NULL && r == NULL)) {
		rc = ERR(ei, ERR_INVALID, "no password or no fill source");
		goto out;
	}
	/* [MS-NRPC] 2.2.1.3.7: Buffer[512] starts as random fill */
	if (fill512 != NULL) {
		memcpy(out, fill512, NLCRYPTO_PW2_BUF);
	} else if ((rc = rng_bytes(r, out, NLCRYPTO_PW2_BUF)) != 0) {
		rc = ERR(ei, rc, "cannot draw the confounder");
		goto out;
	}
	at = NLCRYPTO_PW2_BUF - len;
	if (version != 0) {
		/* [MS-NRPC] 2.2.1.3.8 NL_PASSWORD_VERSION just before it */
		nlcrypto_put_le32(out + at - 12, 0);
		nlcrypto_put_le32(out + at - 8, version);
		nlcrypto_put_le32(out + at - 4,
				  NLCRYPTO_PASSWORD_VERSION_PRESENT);
	}
	memcpy(out + at, pw16, len);
	nlcrypto_put_le32(out + NLCRYPTO_PW2_BUF, (uint32_t)len);
	rc = 0;
out:
	if (rc != 0)
		crypto_wipe(out, NLCRYPTO_PW2_SIZE);
	return rc;
}

int
nlcrypto_pwset2_crypt(const struct nlcrypto_creds *c, int enc, uint8_t buf[516])
{
	/* [MS-NRPC] 3.4.5.2.6, 3.5.4.4.6 */
	if (c->flags & NLCRYPTO_NEG_SUPPORTS_AES)
		return crypto_aes128_cfb8(c->sk, nlcrypto_zero_iv, enc, buf,
					  buf, NLCRYPTO_PW2_SIZE);
	return crypto_rc4(c->sk, 16, buf, buf, NLCRYPTO_PW2_SIZE);
}

/*
 * Reads of the decrypted and the encrypted buffer go through sbuf; the
 * checks mirror Samba's dcesrv_netr_ServerPasswordSet2 (CVE-2020-1472
 * hardening) and extract_pw_from_buffer:
 *   1. the decrypted Length must differ from the ciphertext's Length;
 *   2. 2 <= Length <= 512 (Samba) and, our choice, Length <= 500 and even:
 *      500 is the largest length that leaves room for NL_PASSWORD_VERSION
 *      (the trust case), and a UTF-16LE password has an even length;
 *   3. the fill region [0, 512-L) must differ from its ciphertext;
 *   4. the password region [512-L, 512) must differ from its ciphertext;
 *   5. the password must not be all zero.
 * Any failure gives STATUS_WRONG_PASSWORD with rc 0 (a protocol result).
 */
int
nlcrypto_pwset2_open(const struct nlcrypto_creds *c, const uint8_t cipher[516],
		     uint8_t *pw16, size_t *len, uint32_t *version,
		     uint32_t *status, struct errinfo *ei)
{
	uint8_t plain[516];
	struct sbuf bc, bp, sc, sp, sv;
	const uint8_t *vc, *vp;
	uint32_t l, lc, v_res, v_num, v_magic;
	size_t fill;
	int r = ERR_INTERNAL;

	*len = 0;
	*version = 0;
	*status = NTSTATUS_WRONG_PASSWORD;
	sbuf_init(&bc, cipher, NLCRYPTO_PW2_SIZE);
	if ((r = sbuf_get_bytes(&bc, plain, sizeof(plain))) != 0) {
		r = ERR(ei, r, "NL_TRUST_PASSWORD truncated");
		goto out;
	}
	if ((r = nlcrypto_pwset2_crypt(c, 0, plain)) != 0) {
		r = ERR(ei, r, "cannot decrypt NL_TRUST_PASSWORD");
		goto out;
	}
	sbuf_init(&bp, plain, sizeof(plain));
	if ((r = sbuf_at(&bp, NLCRYPTO_PW2_BUF, 4, &sp)) != 0 ||
	    (r = sbuf_get_u32le(&sp, &l)) != 0 ||
	    (r = sbuf_at(&bc, NLCRYPTO_PW2_BUF, 4, &sc)) != 0 ||
	    (r = sbuf_get_u32le(&sc, &lc)) != 0) {
		r = ERR(ei, r, "NL_TRUST_PASSWORD Length unreadable");
		goto out;
	}
	r = 0;
	/* 1. Length field not encrypted: under attack */
	if (l == lc)
		goto out;
	/* 2. range (extract_pw_from_buffer: <= 512; Samba: >= 2) */
	if (l < NLCRYPTO_PW2_MIN || l > NLCRYPTO_PW2_MAX || l % 2 != 0)
		goto out;
	fill = NLCRYPTO_PW2_BUF - l;
	/* 3. fill (confounder) region must have been encrypted */
	if ((r = sbuf_at(&bp, 0, fill, &sp)) != 0 ||
	    (r = sbuf_get_view(&sp, fill, &vp)) != 0 ||
	    (r = sbuf_at(&bc, 0, fill, &sc)) != 0 ||
	    (r = sbuf_get_view(&sc, fill, &vc)) != 0) {
		r = ERR(ei, r, "NL_TRUST_PASSWORD fill region");
		goto out;
	}
	if (fill > 0 && crypto_equal(vp, vc, fill))
		goto out;
	/* 4. password region must have been encrypted */
	if ((r = sbuf_at(&bp, fill, l, &sp)) != 0 ||
	    (r = sbuf_get_view(&sp, l, &vp)) != 0 ||
	    (r = sbuf_at(&bc, fill, l, &sc)) != 0 ||
	    (r = sbuf_get_view(&sc, l, &vc)) != 0) {
		r = ERR(ei, r, "NL_TRUST_PASSWORD password region");
		goto out;
	}
	if (crypto_equal(vp, vc, l))
		goto out;
	/* 5. no all-zero password */
	if (nlcrypto_all_zero(vp, l))
		goto out;
	/* [MS-NRPC] 2.2.1.3.8: NL_PASSWORD_VERSION at 500 - L, if present */
	if ((r = sbuf_at(&bp, fill - NLCRYPTO_PW2_VERSION, NLCRYPTO_PW2_VERSION,
			 &sv)) != 0 ||
	    (r = sbuf_get_u32le(&sv, &v_res)) != 0 ||
	    (r = sbuf_get_u32le(&sv, &v_num)) != 0 ||
	    (r = sbuf_get_u32le(&sv, &v_magic)) != 0 ||
	    (r = sbuf_at(&bp, fill, l, &sp)) != 0 ||
	    (r = sbuf_get_bytes(&sp, pw16, l)) != 0) {
		r = ERR(ei, r, "NL_TRUST_PASSWORD version or password");
		goto out;
	}
	*version = v_magic == NLCRYPTO_PASSWORD_VERSION_PRESENT ? v_num : 0;
	*len = l;
	*status = NTSTATUS_OK;
	r = 0;
out:
	crypto_wipe(plain, sizeof(plain));
	return r;
}

/*
 * [MS-NRPC] 3.2.4 / 3.5.4.5.1 (Samba
 * netlogon_creds_encrypt_samlogon_validation): AES-CFB8 of each key when
 * AES, else RC4(Sk) of each key when ARCFOUR, else DES7(Sk[0..6]) of the LM
 * key only.  An all-zero key is never transformed (it would leak the key
 * stream).
 */
static int
nlcrypto_validation_crypt(const struct nlcrypto_creds *c, int enc,
			  uint8_t user_key[16], uint8_t lm_key[8])
{
	uint8_t t[8], ks[16];
	size_t i;
	int r = ERR_INTERNAL;

	memset(ks, 0, sizeof(ks));
	if (c->flags & NLCRYPTO_NEG_SUPPORTS_AES) {
		if (!nlcrypto_all_zero(user_key, 16) &&
		    (r = crypto_aes128_cfb8(c->sk, nlcrypto_zero_iv, enc,
					    user_key, user_key, 16)) != 0)
			goto out;
		if (!nlcrypto_all_zero(lm_key, 8) &&
		    (r = crypto_aes128_cfb8(c->sk, nlcrypto_zero_iv, enc,
					    lm_key, lm_key, 8)) != 0)
			goto out;
	} else if (c->flags & NLCRYPTO_NEG_ARCFOUR) {
		/*
		 * Each key is RC4(Sk) from the start of the key stream: one
		 * key-stream of 16 bytes serves both (RC4 is an XOR).
		 */
		if ((r = crypto_rc4_keep(c->sk, 16, ks, ks, sizeof(ks))) != 0)
			goto out;
		if (!nlcrypto_all_zero(user_key, 16))
			for (i = 0; i < 16; i++)
				user_key[i] ^= ks[i];
		if (!nlcrypto_all_zero(lm_key, 8))
			for (i = 0; i < 8; i++)
				lm_key[i] ^= ks[i];
	} else if (!nlcrypto_all_zero(lm_key, 8)) {
		r = enc ? crypto_des7_encrypt(c->sk, lm_key, t) :
			  crypto_des7_decrypt(c->sk, lm_key, t);
		if (r != 0)
			goto out;
		memcpy(lm_key, t, 8);
	}
	r = 0;
out:
	crypto_wipe(t, sizeof(t));
	crypto_wipe(ks, sizeof(ks));
	return r;
}

int
nlcrypto_validation_protect(const struct nlcrypto_creds *c,
			    uint8_t user_key[16], uint8_t lm_key[8])
{
	return nlcrypto_validation_crypt(c, 1, user_key, lm_key);
}

int
nlcrypto_validation_unprotect(const struct nlcrypto_creds *c,
			      uint8_t user_key[16], uint8_t lm_key[8])
{
	return nlcrypto_validation_crypt(c, 0, user_key, lm_key);
}

void
nlcrypto_creds_wipe(struct nlcrypto_creds *c)
{
	crypto_wipe(c, sizeof(*c));
}
