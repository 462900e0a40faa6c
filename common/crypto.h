/*
 * common/crypto.h - the crypto facade: the only module that includes
 * OpenSSL.
 *
 * Runs on a private OSSL_LIB_CTX with the "default" and "legacy" providers
 * (MD4, single DES and RC4 are legacy algorithms in OpenSSL 3) and leaves
 * OpenSSL's global context alone.  Fetched algorithms are cached after the
 * first use.  All functions return 0 or ERR_CRYPTO (ERR_NOMEM); none keeps a
 * copy of its inputs.
 */
#ifndef COMMON_CRYPTO_H
#define COMMON_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/* One piece of a message assembled from several buffers. */
struct crypto_iov {
	const void *p;
	size_t n;
};

/*
 * crypto_init - create the private library context and load the providers.
 * Idempotent and thread-safe; every other function calls it.  Fails with
 * ERR_CRYPTO (message names the missing provider) when the legacy provider
 * cannot be loaded.
 */
int crypto_init(struct errinfo *ei);
/*
 * crypto_forget - drop this thread's cached keyed state (DES contexts and
 * RC4 keystreams kept for keys that come back, see common/crypto.c); it is
 * also dropped at thread exit and by crypto_shutdown.
 */
void crypto_forget(void);
/* crypto_shutdown - free the context (for leak checkers); optional. */
void crypto_shutdown(void);

/* crypto_wipe - OPENSSL_cleanse: zero n bytes in a way the compiler keeps. */
void crypto_wipe(void *p, size_t n);
/* crypto_equal - 1 if the n bytes are equal, else 0; constant time. */
int crypto_equal(const void *a, const void *b, size_t n);

int crypto_md4(const void *p, size_t n, uint8_t out[16]);
int crypto_md5(const struct crypto_iov *iov, size_t niov, uint8_t out[16]);
int crypto_sha256(const struct crypto_iov *iov, size_t niov, uint8_t out[32]);
int crypto_hmac_md5(const void *key, size_t klen, const struct crypto_iov *iov,
		    size_t niov, uint8_t out[16]);
int crypto_hmac_sha256(const void *key, size_t klen,
		       const struct crypto_iov *iov, size_t niov,
		       uint8_t out[32]);

/*
 * crypto_des7_expand - spread a 7-byte string over an 8-byte DES key
 * ([MS-NRPC] 3.1.4.4.2 InitLMKey; low bit of every byte is parity, left 0).
 */
void crypto_des7_expand(const uint8_t k7[7], uint8_t k8[8]);
/* crypto_des7_encrypt/decrypt - single-DES ECB of one block, 7-byte key. */
int crypto_des7_encrypt(const uint8_t k7[7], const uint8_t in[8],
			uint8_t out[8]);
int crypto_des7_decrypt(const uint8_t k7[7], const uint8_t in[8],
			uint8_t out[8]);
/*
 * crypto_des7_encrypt2 - DES(k2, DES(k1, in)) with two 7-byte keys in one
 * context (the Netlogon credential and classic session-key step).
 */
int crypto_des7_encrypt2(const uint8_t k1[7], const uint8_t k2[7],
			 const uint8_t in[8], uint8_t out[8]);
/*
 * crypto_des7_encrypt2_keep - the same, with the two keyed contexts kept in
 * this thread's cache for the next call with the same keys.  Only for keys
 * the caller keeps anyway (a secure channel's session key); crypto_forget
 * drops them.
 */
int crypto_des7_encrypt2_keep(const uint8_t k1[7], const uint8_t k2[7],
			      const uint8_t in[8], uint8_t out[8]);
/*
 * crypto_rc4_keep - crypto_rc4 for at most 32 bytes under a key of at most
 * 16 bytes, with the keystream kept in this thread's cache for the next
 * call with the same key (longer input or key: plain crypto_rc4).  Only for
 * keys the caller keeps anyway; crypto_forget drops them.
 */
int crypto_rc4_keep(const uint8_t *key, size_t klen, const uint8_t *in,
		    uint8_t *out, size_t n);
/*
 * crypto_hmac_sha256_keep - crypto_hmac_sha256 under a key of at most 64
 * bytes, with the keyed inner and outer hash states kept in this thread's
 * cache for the next call with the same key (two compressions and the
 * key set-up saved per call).  Only for keys the caller keeps anyway (the
 * lab generator's seed); crypto_forget drops them.
 */
int crypto_hmac_sha256_keep(const void *key, size_t klen,
			    const struct crypto_iov *iov, size_t niov,
			    uint8_t out[32]);
/*
 * crypto_pbkdf2_sha256 - PBKDF2 with HMAC-SHA256 (RFC 8018 5.2): outlen
 * bytes from the password, salt and iteration count (>= 1).
 */
int crypto_pbkdf2_sha256(const void *pw, size_t pwlen, const uint8_t *salt,
			 size_t saltlen, uint32_t iter, uint8_t *out,
			 size_t outlen);
/* crypto_rc4 - RC4 keystream XOR; in and out may be the same buffer. */
int crypto_rc4(const uint8_t *key, size_t klen, const uint8_t *in, uint8_t *out,
	       size_t n);
/* crypto_aes128_cfb8 - AES-128-CFB8 with a 16-byte IV; enc 1 or 0. */
int crypto_aes128_cfb8(const uint8_t key[16], const uint8_t iv[16], int enc,
		       const uint8_t *in, uint8_t *out, size_t n);
/* crypto_random - n bytes from the OS RNG (for real secrets). */
int crypto_random(void *p, size_t n);

#endif
