/*
 * common/crypto.c - the crypto facade; the only file that includes OpenSSL.
 *
 * A private OSSL_LIB_CTX with the "default" and "legacy" providers is created
 * once (pthread_once) and the algorithms are fetched once into it; OpenSSL's
 * global context is left alone.  MD4, single DES and RC4 come from the legacy
 * provider ([MS-NLMP], [MS-NRPC] 3.1.4.4.2 and [MS-LSAD] 5.1 need them).
 *
 * What it does: MD4, MD5, SHA-256, HMAC-MD5, HMAC-SHA256, PBKDF2-HMAC-SHA256
 * (RFC 8018 5.2), single-block DES
 * with the 7-byte key expansion of [MS-NRPC] 3.1.4.4.2 (InitLMKey), RC4,
 * AES-128-CFB8, the OS random generator, wiping and constant-time compare.
 * What it does not do: any protocol logic (see nlcrypto.c, ntlm.c).
 *
 * Invariants: after a successful crypto_init() the fetched EVP_MD and
 * EVP_CIPHER objects in crypto_g are read-only, so every function is
 * thread-safe.
 *
 * Speed: algorithms are fetched once; each operation uses a short-lived
 * context that OpenSSL cleanses when it is freed.  (A per-thread cache of
 * contexts re-keyed per call was tried: the extra re-keying needed to scrub
 * it cost more than it saved.)  Three things are worth keeping because the
 * same key comes back call after call: the keyed DES contexts of
 * crypto_des7_encrypt2 (an established secure channel's credential
 * computation, [MS-NRPC] 3.1.4.4.2, four per forwarded logon), the first
 * CRYPTO_RC4_STREAM bytes of an RC4 keystream (the validation keys,
 * [MS-NRPC] 3.2.4.2, re-keyed twice per logon; RC4 from a fresh key always
 * yields the same stream) and the ipad/opad hash states of an HMAC-SHA256
 * key (the lab generator's seed, one HMAC per 32-byte block: two of its
 * four SHA-256 compressions and the key set-up are saved per block, about
 * 40 % of its instructions).  They live in a small per-thread cache, a few
 * keys at most, each evicted in turn; evicted entries, crypto_forget() and
 * thread exit free the contexts (OpenSSL cleanses the key schedule) and
 * wipe the rest.  Intermediates of ours live in local arrays wiped with
 * crypto_wipe().
 */
#include "crypto.h"

#include <limits.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/provider.h>
#include <openssl/rand.h>
#include <pthread.h>
#include <string.h>

#include "err.h"

static struct {
	OSSL_LIB_CTX *libctx;
	OSSL_PROVIDER *prov_default;
	OSSL_PROVIDER *prov_legacy;
	EVP_MD *md4;
	EVP_MD *md5;
	EVP_MD *sha256;
	EVP_CIPHER *des_ecb;
	EVP_CIPHER *rc4;
	EVP_CIPHER *aes128_cfb8;
	int failed; /* 0 ok, 1 no default, 2 no legacy, 3 missing algorithm */
	const char *missing; /* name of the algorithm that failed (failed=3) */
} crypto_g;

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;

/* The per-thread cache of keyed state (see the head of this file). */
#define CRYPTO_DES_SLOTS 4
#define CRYPTO_RC4_SLOTS 4
#define CRYPTO_RC4_KEY_MAX 16
#define CRYPTO_RC4_STREAM 32
#define CRYPTO_HMAC_SLOTS 2
#define CRYPTO_HMAC_KEY_MAX 64 /* one SHA-256 block: used as is */

struct crypto_cache {
	struct {
		uint8_t k[14]; /* k1 || k2, 7 bytes each */
		EVP_CIPHER_CTX *c1, *c2;
	} des[CRYPTO_DES_SLOTS];
	unsigned des_next;
	struct {
		uint8_t key[CRYPTO_RC4_KEY_MAX];
		size_t klen; /* 0: empty */
		uint8_t ks[CRYPTO_RC4_STREAM];
	} rc4[CRYPTO_RC4_SLOTS];
	unsigned rc4_next;
	struct {
		uint8_t key[CRYPTO_HMAC_KEY_MAX];
		size_t klen;
		/* keyed with K0 xor ipad, K0 xor opad; a scratch copy */
		EVP_MD_CTX *in, *out, *work;
	} hmac[CRYPTO_HMAC_SLOTS];
	unsigned hmac_next;
};

static pthread_key_t crypto_cache_key;
static int crypto_cache_ok; /* the key was created */

static void
crypto_cache_clear(struct crypto_cache *c)
{
	size_t i;

	for (i = 0; i < CRYPTO_DES_SLOTS; i++) {
		EVP_CIPHER_CTX_free(c->des[i].c1);
		EVP_CIPHER_CTX_free(c->des[i].c2);
		c->des[i].c1 = c->des[i].c2 = NULL;
	}
	for (i = 0; i < CRYPTO_HMAC_SLOTS; i++) {
		EVP_MD_CTX_free(c->hmac[i].in);
		EVP_MD_CTX_free(c->hmac[i].out);
		EVP_MD_CTX_free(c->hmac[i].work);
	}
	OPENSSL_cleanse(c, sizeof(*c));
}

static void
crypto_cache_free(void *p)
{
	if (p != NULL) {
		crypto_cache_clear(p);
		OPENSSL_free(p);
	}
}

/* This thread's cache, created on first use; NULL: work uncached. */
static struct crypto_cache *
crypto_cache_get(void)
{
	struct crypto_cache *c;

	if (!crypto_cache_ok)
		return NULL;
	c = pthread_getspecific(crypto_cache_key);
	if (c == NULL && (c = OPENSSL_zalloc(sizeof(*c))) != NULL &&
	    pthread_setspecific(crypto_cache_key, c) != 0) {
		OPENSSL_free(c);
		c = NULL;
	}
	return c;
}

static void
crypto_do_init(void)
{
	crypto_cache_ok =
		pthread_key_create(&crypto_cache_key, crypto_cache_free) == 0;
	crypto_g.libctx = OSSL_LIB_CTX_new();
	if (crypto_g.libctx == NULL) {
		crypto_g.failed = 1;
		return;
	}
	crypto_g.prov_default = OSSL_PROVIDER_load(crypto_g.libctx, "default");
	if (crypto_g.prov_default == NULL) {
		crypto_g.failed = 1;
		return;
	}
	crypto_g.prov_legacy = OSSL_PROVIDER_load(crypto_g.libctx, "legacy");
	if (crypto_g.prov_legacy == NULL) {
		crypto_g.failed = 2;
		return;
	}
	/* Legacy algorithms: failing means the legacy provider is unusable. */
	crypto_g.md4 = EVP_MD_fetch(crypto_g.libctx, "MD4", NULL);
	crypto_g.des_ecb = EVP_CIPHER_fetch(crypto_g.libctx, "DES-ECB", NULL);
	crypto_g.rc4 = EVP_CIPHER_fetch(crypto_g.libctx, "RC4", NULL);
	if (crypto_g.md4 == NULL || crypto_g.des_ecb == NULL ||
	    crypto_g.rc4 == NULL) {
		crypto_g.failed = 2;
		return;
	}
	crypto_g.md5 = EVP_MD_fetch(crypto_g.libctx, "MD5", NULL);
	crypto_g.sha256 = EVP_MD_fetch(crypto_g.libctx, "SHA256", NULL);
	crypto_g.aes128_cfb8 =
		EVP_CIPHER_fetch(crypto_g.libctx, "AES-128-CFB8", NULL);
	if (crypto_g.md5 == NULL || crypto_g.sha256 == NULL ||
	    crypto_g.aes128_cfb8 == NULL) {
		crypto_g.failed = 3;
		crypto_g.missing = "MD5/SHA256/AES-128-CFB8";
		return;
	}
}

int
crypto_init(struct errinfo *ei)
{
	pthread_once(&crypto_once, crypto_do_init);
	switch (crypto_g.failed) {
	case 0:
		return 0;
	case 2:
		return ERR(ei, ERR_CRYPTO,
			   "OpenSSL legacy provider not available (needed for "
			   "MD4, DES and RC4)");
	case 3:
		return ERR(ei, ERR_CRYPTO, "OpenSSL algorithm %s not available",
			   crypto_g.missing);
	default:
		return ERR(ei, ERR_CRYPTO,
			   "OpenSSL default provider not available");
	}
}

/*
 * crypto_shutdown is meant for the very end of a process (leak checkers);
 * the pthread_once cannot be re-armed, so nothing may use the facade after.
 */
void
crypto_forget(void)
{
	struct crypto_cache *c;

	if (crypto_cache_ok &&
	    (c = pthread_getspecific(crypto_cache_key)) != NULL)
		crypto_cache_clear(c);
}

void
crypto_shutdown(void)
{
	if (crypto_cache_ok) {
		crypto_cache_free(pthread_getspecific(crypto_cache_key));
		(void)pthread_setspecific(crypto_cache_key, NULL);
		(void)pthread_key_delete(crypto_cache_key);
		crypto_cache_ok = 0;
	}
	EVP_CIPHER_free(crypto_g.aes128_cfb8);
	EVP_CIPHER_free(crypto_g.rc4);
	EVP_CIPHER_free(crypto_g.des_ecb);
	EVP_MD_free(crypto_g.sha256);
	EVP_MD_free(crypto_g.md5);
	EVP_MD_free(crypto_g.md4);
	if (crypto_g.prov_legacy != NULL)
		OSSL_PROVIDER_unload(crypto_g.prov_legacy);
	if (crypto_g.prov_default != NULL)
		OSSL_PROVIDER_unload(crypto_g.prov_default);
	if (crypto_g.libctx != NULL)
		OSSL_LIB_CTX_free(crypto_g.libctx);
	memset(&crypto_g, 0, sizeof(crypto_g));
	crypto_g.failed = 1;
}

void
crypto_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/* One digest over a list of buffers with the fetched EVP_MD. */
static int
crypto_digest(const EVP_MD *md, const struct crypto_iov *iov, size_t niov,
	      uint8_t *out, unsigned int outlen)
{
	EVP_MD_CTX *ctx = NULL;
	unsigned int got = 0;
	size_t i;
	int r = ERR_INTERNAL;

	if ((r = crypto_init(NULL)) != 0)
		goto out;
	r = ERR_CRYPTO;
	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex2(ctx, md, NULL) != 1)
		goto out;
	for (i = 0; i < niov; i++) {
		if (iov[i].n > 0 &&
		    EVP_DigestUpdate(ctx, iov[i].p, iov[i].n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, out, &got) != 1 || got != outlen)
		goto out;
	r = 0;
out:
	EVP_MD_CTX_free(ctx);
	return r;
}

int
crypto_md4(const void *p, size_t n, uint8_t out[16])
{
	struct crypto_iov iov = { p, n };
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	return crypto_digest(crypto_g.md4, &iov, 1, out, 16);
}

int
crypto_md5(const struct crypto_iov *iov, size_t niov, uint8_t out[16])
{
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	return crypto_digest(crypto_g.md5, iov, niov, out, 16);
}

int
crypto_sha256(const struct crypto_iov *iov, size_t niov, uint8_t out[32])
{
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	return crypto_digest(crypto_g.sha256, iov, niov, out, 32);
}

/*
 * HMAC ([RFC 2104]) over a list of buffers: H(K ^ opad || H(K ^ ipad || m))
 * with OpenSSL's digest, in one short-lived EVP_MD_CTX (freeing it
 * cleanses the digest state); the padded keys are wiped here.  Going
 * through EVP_MAC costs twice as much per call (a context duplicate and
 * parameter handling), and a Netlogon logon makes seven of these.
 */
static int
crypto_hmac(int sha256, const void *key, size_t klen,
	    const struct crypto_iov *iov, size_t niov, uint8_t *out,
	    size_t outlen)
{
	const EVP_MD *md;
	uint8_t k0[64], pad[64], inner[32];
	EVP_MD_CTX *ctx = NULL;
	unsigned int n = 0;
	size_t i;
	int r = ERR_INTERNAL;

	memset(k0, 0, sizeof(k0));
	memset(pad, 0, sizeof(pad));
	memset(inner, 0, sizeof(inner));
	if ((r = crypto_init(NULL)) != 0)
		goto out;
	md = sha256 ? crypto_g.sha256 : crypto_g.md5; /* fetched by init */
	r = ERR_CRYPTO;
	if ((ctx = EVP_MD_CTX_new()) == NULL)
		goto out;
	if (klen > sizeof(k0)) {
		/* a key longer than the block is hashed first */
		if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
		    EVP_DigestUpdate(ctx, key, klen) != 1 ||
		    EVP_DigestFinal_ex(ctx, k0, &n) != 1)
			goto out;
	} else if (klen > 0) {
		memcpy(k0, key, klen);
	}
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k0[i] ^ 0x36;
	if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, pad, sizeof(pad)) != 1)
		goto out;
	for (i = 0; i < niov; i++) {
		if (iov[i].n > 0 &&
		    EVP_DigestUpdate(ctx, iov[i].p, iov[i].n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(ctx, inner, &n) != 1 || n != outlen)
		goto out;
	for (i = 0; i < sizeof(pad); i++)
		pad[i] = k0[i] ^ 0x5c;
	if (EVP_DigestInit_ex2(ctx, md, NULL) != 1 ||
	    EVP_DigestUpdate(ctx, pad, sizeof(pad)) != 1 ||
	    EVP_DigestUpdate(ctx, inner, outlen) != 1 ||
	    EVP_DigestFinal_ex(ctx, out, &n) != 1 || n != outlen)
		goto out;
	r = 0;
out:
	EVP_MD_CTX_free(ctx);
	crypto_wipe(k0, sizeof(k0));
	crypto_wipe(pad, sizeof(pad));
	crypto_wipe(inner, sizeof(inner));
	return r;
}

int
crypto_hmac_md5(const void *key, size_t klen, const struct crypto_iov *iov,
		size_t niov, uint8_t out[16])
{
	return crypto_hmac(0, key, klen, iov, niov, out, 16);
}

int
crypto_hmac_sha256(const void *key, size_t klen, const struct crypto_iov *iov,
		   size_t niov, uint8_t out[32])
{
	return crypto_hmac(1, key, klen, iov, niov, out, 32);
}

/* Free and wipe one cached HMAC key (freeing cleanses the hash states). */
static void
crypto_hmac_slot_drop(struct crypto_cache *c, size_t i)
{
	EVP_MD_CTX_free(c->hmac[i].in);
	EVP_MD_CTX_free(c->hmac[i].out);
	EVP_MD_CTX_free(c->hmac[i].work);
	OPENSSL_cleanse(&c->hmac[i], sizeof(c->hmac[i]));
}

/*
 * The cached slot of an HMAC-SHA256 key, made (evicting one) when
 * missing: RFC 2104's K0 xor ipad and K0 xor opad, each hashed as the
 * first block of a SHA-256 context; -1 when the set-up failed.
 */
static long
crypto_hmac_slot(struct crypto_cache *c, const void *key, size_t klen)
{
	uint8_t pad[CRYPTO_HMAC_KEY_MAX];
	size_t i, j;
	long r = -1;

	for (i = 0; i < CRYPTO_HMAC_SLOTS; i++)
		if (c->hmac[i].in != NULL && c->hmac[i].klen == klen &&
		    CRYPTO_memcmp(c->hmac[i].key, key, klen) == 0)
			return (long)i;
	i = c->hmac_next;
	c->hmac_next = (c->hmac_next + 1) % CRYPTO_HMAC_SLOTS;
	crypto_hmac_slot_drop(c, i);
	c->hmac[i].in = EVP_MD_CTX_new();
	c->hmac[i].out = EVP_MD_CTX_new();
	c->hmac[i].work = EVP_MD_CTX_new();
	if (c->hmac[i].in == NULL || c->hmac[i].out == NULL ||
	    c->hmac[i].work == NULL)
		goto out;
	memset(pad, 0, sizeof(pad));
	memcpy(pad, key, klen);
	for (j = 0; j < sizeof(pad); j++)
		pad[j] ^= 0x36;
	if (EVP_DigestInit_ex2(c->hmac[i].in, crypto_g.sha256, NULL) != 1 ||
	    EVP_DigestUpdate(c->hmac[i].in, pad, sizeof(pad)) != 1)
		goto out;
	for (j = 0; j < sizeof(pad); j++)
		pad[j] ^= 0x36 ^ 0x5c;
	if (EVP_DigestInit_ex2(c->hmac[i].out, crypto_g.sha256, NULL) != 1 ||
	    EVP_DigestUpdate(c->hmac[i].out, pad, sizeof(pad)) != 1)
		goto out;
	memcpy(c->hmac[i].key, key, klen);
	c->hmac[i].klen = klen;
	r = (long)i;
out:
	if (r < 0)
		crypto_hmac_slot_drop(c, i);
	crypto_wipe(pad, sizeof(pad));
	return r;
}

int
crypto_hmac_sha256_keep(const void *key, size_t klen,
			const struct crypto_iov *iov, size_t niov,
			uint8_t out[32])
{
	struct crypto_cache *cache;
	EVP_MD_CTX *w;
	uint8_t inner[32];
	unsigned int n = 0;
	size_t i;
	long s;
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	if (klen == 0 || klen > CRYPTO_HMAC_KEY_MAX ||
	    (cache = crypto_cache_get()) == NULL)
		return crypto_hmac_sha256(key, klen, iov, niov, out);
	r = ERR_CRYPTO;
	if ((s = crypto_hmac_slot(cache, key, klen)) < 0)
		goto out;
	w = cache->hmac[s].work;
	if (EVP_MD_CTX_copy_ex(w, cache->hmac[s].in) != 1)
		goto out;
	for (i = 0; i < niov; i++) {
		if (iov[i].n > 0 &&
		    EVP_DigestUpdate(w, iov[i].p, iov[i].n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(w, inner, &n) != 1 || n != sizeof(inner) ||
	    EVP_MD_CTX_copy_ex(w, cache->hmac[s].out) != 1 ||
	    EVP_DigestUpdate(w, inner, sizeof(inner)) != 1 ||
	    EVP_DigestFinal_ex(w, out, &n) != 1 || n != 32)
		goto out;
	r = 0;
out:
	crypto_wipe(inner, sizeof(inner));
	return r;
}

/* [MS-NRPC] 3.1.4.4.2 InitLMKey (Samba str_to_key, impacket transformKey) */
void
crypto_des7_expand(const uint8_t k7[7], uint8_t k8[8])
{
	int i;

	k8[0] = (uint8_t)(k7[0] >> 1);
	k8[1] = (uint8_t)(((k7[0] & 0x01) << 6) | (k7[1] >> 2));
	k8[2] = (uint8_t)(((k7[1] & 0x03) << 5) | (k7[2] >> 3));
	k8[3] = (uint8_t)(((k7[2] & 0x07) << 4) | (k7[3] >> 4));
	k8[4] = (uint8_t)(((k7[3] & 0x0F) << 3) | (k7[4] >> 5));
	k8[5] = (uint8_t)(((k7[4] & 0x1F) << 2) | (k7[5] >> 6));
	k8[6] = (uint8_t)(((k7[5] & 0x3F) << 1) | (k7[6] >> 7));
	k8[7] = (uint8_t)(k7[6] & 0x7F);
	for (i = 0; i < 8; i++)
		k8[i] = (uint8_t)((k8[i] << 1) & 0xFE);
}

/*
 * A fresh context for cipher with key length klen and, for block ciphers,
 * no padding (with padding, decryption would hold back the last block).
 * Stream modes (RC4, CFB8: block size 1) skip that parameter call.
 */
static EVP_CIPHER_CTX *
crypto_cipher_new(const EVP_CIPHER *cipher, size_t klen)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();

	if (ctx == NULL)
		return NULL;
	if (EVP_CipherInit_ex2(ctx, cipher, NULL, NULL, 1, NULL) != 1 ||
	    ((size_t)EVP_CIPHER_get_key_length(cipher) != klen &&
	     EVP_CIPHER_CTX_set_key_length(ctx, (int)klen) != 1) ||
	    (EVP_CIPHER_get_block_size(cipher) > 1 &&
	     EVP_CIPHER_CTX_set_padding(ctx, 0) != 1)) {
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

/*
 * One pass of a cipher over n bytes (in == out allowed) in a short-lived
 * context; freeing it cleanses the key schedule.
 */
static int
crypto_cipher(const EVP_CIPHER *cipher, const uint8_t *key, size_t klen,
	      const uint8_t *iv, int enc, const uint8_t *in, uint8_t *out,
	      size_t n)
{
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0;
	int r = ERR_INTERNAL;

	if ((r = crypto_init(NULL)) != 0)
		goto out;
	if (n == 0)
		goto out; /* r is 0: nothing to transform */
	r = ERR_CRYPTO;
	if (n > INT_MAX || klen == 0 || klen > INT_MAX)
		goto out;
	ctx = crypto_cipher_new(cipher, klen);
	if (ctx == NULL)
		goto out;
	if (EVP_CipherInit_ex2(ctx, NULL, key, iv, enc, NULL) != 1 ||
	    EVP_CipherUpdate(ctx, out, &outl, in, (int)n) != 1 ||
	    (size_t)outl != n)
		goto out;
	r = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	return r;
}

static int
crypto_des7(const uint8_t k7[7], int enc, const uint8_t in[8], uint8_t out[8])
{
	uint8_t k8[8];
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	crypto_des7_expand(k7, k8);
	/* DES ignores the parity bits; the legacy provider does not check. */
	r = crypto_cipher(crypto_g.des_ecb, k8, 8, NULL, enc, in, out, 8);
	crypto_wipe(k8, sizeof(k8));
	return r;
}

/* A DES-ECB context keyed with the 7-byte key k7, or NULL. */
static EVP_CIPHER_CTX *
crypto_des7_keyed(const uint8_t k7[7])
{
	EVP_CIPHER_CTX *ctx = crypto_cipher_new(crypto_g.des_ecb, 8);
	uint8_t k8[8];

	if (ctx == NULL)
		return NULL;
	crypto_des7_expand(k7, k8);
	if (EVP_CipherInit_ex2(ctx, NULL, k8, NULL, 1, NULL) != 1) {
		EVP_CIPHER_CTX_free(ctx);
		ctx = NULL;
	}
	crypto_wipe(k8, sizeof(k8));
	return ctx;
}

/* The cached contexts for k1 || k2, made (evicting one) when missing. */
static int
crypto_des_slot(struct crypto_cache *c, const uint8_t k1[7],
		const uint8_t k2[7], EVP_CIPHER_CTX **c1, EVP_CIPHER_CTX **c2)
{
	uint8_t k[14];
	size_t i;
	int r = ERR_CRYPTO;

	memcpy(k, k1, 7);
	memcpy(k + 7, k2, 7);
	for (i = 0; i < CRYPTO_DES_SLOTS; i++)
		if (c->des[i].c1 != NULL &&
		    CRYPTO_memcmp(c->des[i].k, k, sizeof(k)) == 0)
			break;
	if (i == CRYPTO_DES_SLOTS) {
		i = c->des_next;
		c->des_next = (c->des_next + 1) % CRYPTO_DES_SLOTS;
		EVP_CIPHER_CTX_free(c->des[i].c1);
		EVP_CIPHER_CTX_free(c->des[i].c2);
		c->des[i].c1 = crypto_des7_keyed(k1);
		c->des[i].c2 = crypto_des7_keyed(k2);
		if (c->des[i].c1 == NULL || c->des[i].c2 == NULL) {
			EVP_CIPHER_CTX_free(c->des[i].c1);
			EVP_CIPHER_CTX_free(c->des[i].c2);
			c->des[i].c1 = c->des[i].c2 = NULL;
			crypto_wipe(c->des[i].k, sizeof(c->des[i].k));
			goto out;
		}
		memcpy(c->des[i].k, k, sizeof(k));
	}
	*c1 = c->des[i].c1;
	*c2 = c->des[i].c2;
	r = 0;
out:
	crypto_wipe(k, sizeof(k));
	return r;
}

int
crypto_des7_encrypt2(const uint8_t k1[7], const uint8_t k2[7],
		     const uint8_t in[8], uint8_t out[8])
{
	EVP_CIPHER_CTX *ctx = NULL;
	uint8_t k8[8], t[8];
	int outl = 0, r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	r = ERR_CRYPTO;
	/* one context, keyed twice: half the set-up of two crypto_des7 */
	if ((ctx = crypto_cipher_new(crypto_g.des_ecb, 8)) == NULL)
		goto out;
	crypto_des7_expand(k1, k8);
	if (EVP_CipherInit_ex2(ctx, NULL, k8, NULL, 1, NULL) != 1 ||
	    EVP_CipherUpdate(ctx, t, &outl, in, 8) != 1 || outl != 8)
		goto out;
	crypto_des7_expand(k2, k8);
	if (EVP_CipherInit_ex2(ctx, NULL, k8, NULL, 1, NULL) != 1 ||
	    EVP_CipherUpdate(ctx, out, &outl, t, 8) != 1 || outl != 8)
		goto out;
	r = 0;
out:
	EVP_CIPHER_CTX_free(ctx);
	crypto_wipe(k8, sizeof(k8));
	crypto_wipe(t, sizeof(t));
	return r;
}

int
crypto_des7_encrypt2_keep(const uint8_t k1[7], const uint8_t k2[7],
			  const uint8_t in[8], uint8_t out[8])
{
	struct crypto_cache *cache;
	EVP_CIPHER_CTX *c1 = NULL, *c2 = NULL;
	uint8_t t[8];
	int outl = 0, r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	if ((cache = crypto_cache_get()) == NULL)
		return crypto_des7_encrypt2(k1, k2, in, out);
	r = ERR_CRYPTO;
	/* ECB without padding keeps no state between blocks */
	if (crypto_des_slot(cache, k1, k2, &c1, &c2) != 0 ||
	    EVP_CipherUpdate(c1, t, &outl, in, 8) != 1 || outl != 8 ||
	    EVP_CipherUpdate(c2, out, &outl, t, 8) != 1 || outl != 8)
		goto out;
	r = 0;
out:
	crypto_wipe(t, sizeof(t));
	return r;
}

int
crypto_des7_encrypt(const uint8_t k7[7], const uint8_t in[8], uint8_t out[8])
{
	return crypto_des7(k7, 1, in, out);
}

int
crypto_des7_decrypt(const uint8_t k7[7], const uint8_t in[8], uint8_t out[8])
{
	return crypto_des7(k7, 0, in, out);
}

/* The cached keystream of key, computed (evicting one) when missing. */
static const uint8_t *
crypto_rc4_stream(struct crypto_cache *c, const uint8_t *key, size_t klen)
{
	static const uint8_t zero[CRYPTO_RC4_STREAM];
	size_t i;

	for (i = 0; i < CRYPTO_RC4_SLOTS; i++)
		if (c->rc4[i].klen == klen &&
		    CRYPTO_memcmp(c->rc4[i].key, key, klen) == 0)
			return c->rc4[i].ks;
	i = c->rc4_next;
	c->rc4_next = (c->rc4_next + 1) % CRYPTO_RC4_SLOTS;
	OPENSSL_cleanse(&c->rc4[i], sizeof(c->rc4[i]));
	if (crypto_cipher(crypto_g.rc4, key, klen, NULL, 1, zero, c->rc4[i].ks,
			  CRYPTO_RC4_STREAM) != 0) {
		OPENSSL_cleanse(&c->rc4[i], sizeof(c->rc4[i]));
		return NULL;
	}
	memcpy(c->rc4[i].key, key, klen);
	c->rc4[i].klen = klen;
	return c->rc4[i].ks;
}

int
crypto_rc4(const uint8_t *key, size_t klen, const uint8_t *in, uint8_t *out,
	   size_t n)
{
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	return crypto_cipher(crypto_g.rc4, key, klen, NULL, 1, in, out, n);
}

int
crypto_rc4_keep(const uint8_t *key, size_t klen, const uint8_t *in,
		uint8_t *out, size_t n)
{
	struct crypto_cache *cache;
	const uint8_t *ks;
	size_t i;
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	if (n > 0 && n <= CRYPTO_RC4_STREAM && klen > 0 &&
	    klen <= CRYPTO_RC4_KEY_MAX &&
	    (cache = crypto_cache_get()) != NULL &&
	    (ks = crypto_rc4_stream(cache, key, klen)) != NULL) {
		for (i = 0; i < n; i++)
			out[i] = (uint8_t)(in[i] ^ ks[i]);
		return 0;
	}
	return crypto_cipher(crypto_g.rc4, key, klen, NULL, 1, in, out, n);
}

int
crypto_aes128_cfb8(const uint8_t key[16], const uint8_t iv[16], int enc,
		   const uint8_t *in, uint8_t *out, size_t n)
{
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	return crypto_cipher(crypto_g.aes128_cfb8, key, 16, iv, enc ? 1 : 0, in,
			     out, n);
}

int
crypto_pbkdf2_sha256(const void *pw, size_t pwlen, const uint8_t *salt,
		     size_t saltlen, uint32_t iter, uint8_t *out, size_t outlen)
{
	EVP_KDF *kdf = NULL;
	EVP_KDF_CTX *kctx = NULL;
	OSSL_PARAM params[5], *p = params;
	char digest[] = "SHA256";
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	r = ERR_CRYPTO;
	if (iter == 0 || outlen == 0)
		goto out;
	if ((kdf = EVP_KDF_fetch(crypto_g.libctx, "PBKDF2", NULL)) == NULL ||
	    (kctx = EVP_KDF_CTX_new(kdf)) == NULL)
		goto out;
	*p++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
						 (void *)(uintptr_t)pw, pwlen);
	*p++ = OSSL_PARAM_construct_octet_string(
		OSSL_KDF_PARAM_SALT, (void *)(uintptr_t)salt, saltlen);
	*p++ = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_ITER, &iter);
	*p++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest,
						0);
	*p = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(kctx, out, outlen, params) != 1)
		goto out;
	r = 0;
out:
	EVP_KDF_CTX_free(kctx);
	EVP_KDF_free(kdf);
	return r;
}

int
crypto_random(void *p, size_t n)
{
	int r;

	if ((r = crypto_init(NULL)) != 0)
		return r;
	if (n == 0)
		return 0;
	if (RAND_bytes_ex(crypto_g.libctx, p, n, 0) != 1) {
		crypto_wipe(p, n);
		return ERR_CRYPTO;
	}
	return 0;
}
