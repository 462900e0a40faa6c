/*
 * common/nlcrypto.h - Netlogon secure-channel arithmetic ([MS-NRPC] 3.1.4).
 *
 * Session keys (classic DES with the 32-bit-word challenge sum, strong-key
 * MD5, AES), credentials, the authenticator chain, the NetrServerPasswordSet
 * and NetrServerPasswordSet2 buffers and the protection of the session keys
 * in validation info.  Pure computation on caller-owned state; all secrets
 * live in fixed arrays and are wiped by nlcrypto_creds_wipe().
 */
#ifndef COMMON_NLCRYPTO_H
#define COMMON_NLCRYPTO_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;
struct rng;

/* Negotiate flags that change the arithmetic ([MS-NRPC] 3.1.4.2). */
#define NLCRYPTO_NEG_ARCFOUR 0x00000004u
#define NLCRYPTO_NEG_STRONG_KEYS 0x00004000u
#define NLCRYPTO_NEG_PASSWORD_SET2 0x00020000u
#define NLCRYPTO_NEG_SUPPORTS_AES 0x01000000u
/* What an NT4 DC sends in NetrServerAuthenticate2 (classic / SP4+). */
#define NLCRYPTO_FLAGS_NT4 0x000001FFu
#define NLCRYPTO_FLAGS_NT4_STRONG 0x000041FFu

/* NL_PASSWORD_VERSION.PasswordVersionPresent ([MS-NRPC] 2.2.1.3.8). */
#define NLCRYPTO_PASSWORD_VERSION_PRESENT 0x02231968u

/* One side's state of a secure channel. */
struct nlcrypto_creds {
	uint32_t flags;	   /* negotiated flags */
	uint8_t sk[16];	   /* session key (classic: 8 bytes + 8 zeros) */
	uint8_t stored[8]; /* the stored (seed) credential */
};

/* A NETLOGON_AUTHENTICATOR ([MS-NRPC] 2.2.1.1.5). */
struct nlcrypto_auth {
	uint8_t cred[8];
	uint32_t timestamp;
};

/*
 * nlcrypto_session_key - Sk from the NT hash of the trust password and the two
 * challenges ([MS-NRPC] 3.1.4.3): AES if NLCRYPTO_NEG_SUPPORTS_AES, else
 * strong-key MD5 if NLCRYPTO_NEG_STRONG_KEYS, else classic DES with the two
 * 32-bit words of the challenges added separately (see reference 2.2).
 */
int nlcrypto_session_key(uint32_t flags, const uint8_t nt_hash[16],
			 const uint8_t client_chal[8],
			 const uint8_t server_chal[8], uint8_t sk[16]);
/* nlcrypto_cred - ComputeNetlogonCredential ([MS-NRPC] 3.1.4.4). */
int nlcrypto_cred(uint32_t flags, const uint8_t sk[16], const uint8_t in[8],
		  uint8_t out[8]);

/*
 * nlcrypto_challenge_is_random - 0 when bytes 1..4 of a client challenge all
 * equal byte 0 (the CVE-2020-1472 rule of [MS-NRPC] 3.1.4.1, Samba
 * netlogon_creds_is_random_challenge): the server must then refuse the
 * authentication with ACCESS_DENIED.  1 otherwise.
 */
int nlcrypto_challenge_is_random(const uint8_t chal[8]);

/*
 * nlcrypto_client_init - client side: compute Sk and the client credential
 * (returned in client_cred) and set c->stored to it.
 */
int nlcrypto_client_init(struct nlcrypto_creds *c, uint32_t flags,
			 const uint8_t nt_hash[16],
			 const uint8_t client_chal[8],
			 const uint8_t server_chal[8], uint8_t client_cred[8]);
/*
 * nlcrypto_client_check - client side: does the server credential returned
 * by NetrServerAuthenticate* equal Cred(server_chal)?  0 or ERR_ACCESS.
 */
int nlcrypto_client_check(const struct nlcrypto_creds *c,
			  const uint8_t server_chal[8],
			  const uint8_t server_cred[8]);
/*
 * nlcrypto_server_init - server side: compute Sk, check the client credential
 * in constant time (ERR_ACCESS when it does not match; c is then wiped) and
 * return the server credential.
 */
int nlcrypto_server_init(struct nlcrypto_creds *c, uint32_t flags,
			 const uint8_t nt_hash[16],
			 const uint8_t client_chal[8],
			 const uint8_t server_chal[8],
			 const uint8_t client_cred[8], uint8_t server_cred[8]);

/*
 * nlcrypto_auth_make - client: stored += timestamp (low 32-bit word), and
 * produce the authenticator for the next call ([MS-NRPC] 3.1.4.5).
 */
int nlcrypto_auth_make(struct nlcrypto_creds *c, uint32_t timestamp,
		       struct nlcrypto_auth *a);
/*
 * nlcrypto_auth_check - server: verify a, advance the chain and produce the
 * return authenticator (timestamp 0).  ERR_ACCESS (chain unchanged) on a bad
 * authenticator.
 */
int nlcrypto_auth_check(struct nlcrypto_creds *c, const struct nlcrypto_auth *a,
			struct nlcrypto_auth *ret);
/*
 * nlcrypto_auth_check_return - client: stored += 1 and verify the return
 * authenticator.  0 or ERR_ACCESS.
 */
int nlcrypto_auth_check_return(struct nlcrypto_creds *c,
			       const struct nlcrypto_auth *ret);

/*
 * nlcrypto_pwset_encrypt/decrypt - the ENCRYPTED_NT_OWF_PASSWORD of
 * NetrServerPasswordSet: two DES blocks keyed by Sk[0..6] and Sk[7..13]
 * ([MS-SAMR] 2.2.11.1.1).
 */
int nlcrypto_pwset_encrypt(const struct nlcrypto_creds *c,
			   const uint8_t nt_hash[16], uint8_t out[16]);
int nlcrypto_pwset_decrypt(const struct nlcrypto_creds *c, const uint8_t in[16],
			   uint8_t nt_hash[16]);

/*
 * nlcrypto_pwset2_build - the 516-byte NL_TRUST_PASSWORD plaintext: fill
 * (512 bytes supplied by the caller, or NULL to draw them from r), then the
 * NL_PASSWORD_VERSION {0, version, 0x02231968} when version != 0, then the
 * UTF-16LE password at 512 - len, then LE32 len.  len must be 2..500, even.
 */
int nlcrypto_pwset2_build(const uint8_t *pw16, size_t len, uint32_t version,
			  const uint8_t *fill512, struct rng *r,
			  uint8_t out[516], struct errinfo *ei);
/*
 * nlcrypto_pwset2_crypt - encrypt (enc=1) or decrypt (enc=0) the 516-byte
 * buffer in place: AES-CFB8 (IV 0) if AES negotiated, else RC4 with Sk.
 */
int nlcrypto_pwset2_crypt(const struct nlcrypto_creds *c, int enc,
			  uint8_t buf[516]);
/*
 * nlcrypto_pwset2_open - server side of NetrServerPasswordSet2: decrypt the
 * ciphertext, apply the CVE-2020-1472 checks of the reference (2.7) and
 * extract the password.  *status receives STATUS_WRONG_PASSWORD (0xC000006A)
 * when a check fails (Length not encrypted, Length odd or outside 2..500,
 * fill or password region not encrypted, all-zero password), else 0; the
 * int return is 0 in both cases (ERR_CRYPTO if decryption itself fails).
 * On success pw16 (>= 512 bytes) holds *len bytes of UTF-16LE and *version
 * the version number (0 when absent).
 * Parses through sbuf; never reads outside the buffer.
 */
int nlcrypto_pwset2_open(const struct nlcrypto_creds *c,
			 const uint8_t cipher[516], uint8_t *pw16, size_t *len,
			 uint32_t *version, uint32_t *status,
			 struct errinfo *ei);

/*
 * nlcrypto_validation_protect/unprotect - the UserSessionKey (16) and
 * LMSessionKey (8) of a validation structure ([MS-NRPC] 3.2.4): AES-CFB8
 * when AES, else RC4 each when ARCFOUR, else DES7(Sk[0..6]) of the LM key
 * only; all-zero keys are left as they are.
 */
int nlcrypto_validation_protect(const struct nlcrypto_creds *c,
				uint8_t user_key[16], uint8_t lm_key[8]);
int nlcrypto_validation_unprotect(const struct nlcrypto_creds *c,
				  uint8_t user_key[16], uint8_t lm_key[8]);

/* nlcrypto_creds_wipe - zero the whole state. */
void nlcrypto_creds_wipe(struct nlcrypto_creds *c);

#endif
