/*
 * common/ntlm.h - NTLM one-way functions, responses and their verification
 * as a domain controller does it ([MS-NLMP] 3.3.1, 3.3.2; reference 3).
 */
#ifndef COMMON_NTLM_H
#define COMMON_NTLM_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/* ntlm_nt_hash - MD4(UTF-16LE(password)); password is UTF-8. */
int ntlm_nt_hash(const char *password, uint8_t out[16], struct errinfo *ei);
/* ntlm_nt_hash_raw - MD4 over raw UTF-16LE bytes (no re-encoding). */
int ntlm_nt_hash_raw(const uint8_t *pw16, size_t n, uint8_t out[16]);
/*
 * ntlm_lm_hash - LMOWFv1 for passwords of at most 14 ASCII characters
 * (upper-cased, NUL padded).  *present is 0 (and out zeroed) when no LM hash
 * can exist (longer or non-ASCII password).
 */
int ntlm_lm_hash(const char *password, uint8_t out[16], int *present);

/* ntlm_desl - DESL(K16, D8): three DES blocks, 24 bytes ([MS-NLMP] 6). */
int ntlm_desl(const uint8_t key[16], const uint8_t data[8], uint8_t out[24]);
/* ntlm_ess_challenge - MD5(server_chal || client_chal)[0..7]. */
int ntlm_ess_challenge(const uint8_t server_chal[8],
		       const uint8_t client_chal[8], uint8_t out[8]);
/*
 * ntlm_v2_owf - NTOWFv2 = HMAC_MD5(nt_hash, UTF16(UPPER(user)) ||
 * UTF16(domain)); the domain is used exactly as given.
 */
int ntlm_v2_owf(const uint8_t nt_hash[16], const char *user, const char *domain,
		uint8_t out[16], struct errinfo *ei);
/*
 * ntlm_v2_blob - build the NTLMv2 client blob (reference 3.3) into out
 * (capacity outcap): 0101 0000 0000 0000, time, client challenge, 0, the AV
 * pairs as given (ending with MsvAvEOL), 0.  *outlen receives its length.
 */
int ntlm_v2_blob(uint64_t filetime, const uint8_t client_chal[8],
		 const uint8_t *av, size_t avlen, uint8_t *out, size_t outcap,
		 size_t *outlen);
/*
 * ntlm_v2_response - NTProofStr || blob into out (capacity outcap >= 16 +
 * bloblen) and the session key HMAC_MD5(NTOWFv2, NTProofStr).
 */
int ntlm_v2_response(const uint8_t ntowfv2[16], const uint8_t server_chal[8],
		     const uint8_t *blob, size_t bloblen, uint8_t *out,
		     size_t outcap, uint8_t session_key[16]);
/* ntlm_lmv2_response - HMAC_MD5(NTOWFv2, SC || CC)[0..15] || CC. */
int ntlm_lmv2_response(const uint8_t ntowfv2[16], const uint8_t server_chal[8],
		       const uint8_t client_chal[8], uint8_t out[24]);

/* What a DC receives in NETLOGON_NETWORK_INFO (reference 3.1). */
struct ntlm_check_req {
	const char *user;   /* as sent (UTF-8) */
	const char *domain; /* as sent (UTF-8) */
	uint8_t challenge[8];
	const uint8_t *nt_resp;
	size_t nt_len;
	const uint8_t *lm_resp;
	size_t lm_len;
	int allow_ntlmv1; /* accept 24-byte NT responses */
	int allow_lm;	  /* accept LM responses */
};

struct ntlm_keys {
	uint8_t user_session_key[16];
	uint8_t lm_session_key[8];
};

/*
 * ntlm_check_password - the DC's password check (reference 3.4 steps 1-4)
 * against the stored hashes (lm_hash may be NULL).  *status receives 0 on
 * success (keys filled) or STATUS_WRONG_PASSWORD (0xC000006A); the int
 * return is for failures of the check itself (ERR_CRYPTO, ERR_NOMEM).
 * Account checks (disabled, trust accounts) are the caller's.
 */
int ntlm_check_password(const struct ntlm_check_req *req,
			const uint8_t nt_hash[16], const uint8_t *lm_hash,
			uint32_t *status, struct ntlm_keys *keys,
			struct errinfo *ei);

#endif
