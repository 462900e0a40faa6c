/*
 * migrate/handoff.h - the hand-off file of `nt4trust migrate --sides this`
 * (docs/formats/handoff.md): what the partner's administrator must create
 * for the AD external trust, and per direction a PBKDF2-HMAC-SHA256
 * verifier of the NT hash of the trust password, never the password.
 * The reader is strict (JSON, [RFC 8259], through jansson): every member
 * known, names, DNS names and SIDs valid, the verifiers matching the
 * direction.  Pure: no I/O.
 */
#ifndef MIGRATE_HANDOFF_H
#define MIGRATE_HANDOFF_H

#include <stddef.h>
#include <stdint.h>

#include "migrate/adtrust.h"

struct errinfo;

#define HANDOFF_VERSION "1"
#define HANDOFF_KDF "PBKDF2-HMAC-SHA256 of the NT hash"
#define HANDOFF_MAX_BYTES 65536u   /* a larger file is refused */
#define HANDOFF_ITER_MIN 1000u	   /* PBKDF2 iterations accepted */
#define HANDOFF_ITER_MAX 10000000u /* bounds a hostile file's cost */

/* One direction's verifier: "trusting trusts trusted". */
struct handoff_verifier {
	char trusting[ADTRUST_FLAT_MAX + 1];
	char trusted[ADTRUST_FLAT_MAX + 1];
	uint32_t iterations;
	uint8_t salt[16];
	uint8_t dk[32]; /* PBKDF2-HMAC-SHA256(NT hash, salt, iterations) */
};

struct handoff {
	struct adtrust_domain create_on; /* the domain that creates it */
	struct adtrust_domain partner;	 /* the domain that wrote the file */
	uint32_t direction;		 /* trustDirection on create_on */
	uint32_t type;			 /* trustType: 2 */
	uint32_t attributes;		 /* trustAttributes: 0 or 0x4 */
	int account_needed;		 /* the account PARTNER$ (inbound) */
	size_t nver;
	struct handoff_verifier ver[2];
};

/*
 * handoff_parse - read a hand-off file's bytes into h.  ERR_FORMAT (or
 * ERR_RANGE, ERR_NOMEM) with a message naming the member and the rule it
 * breaks, or where the JSON is malformed (line and column).
 */
int handoff_parse(struct handoff *h, const uint8_t *text, size_t len,
		  struct errinfo *ei);

/*
 * handoff_verify - 0 if nt_hash is the hash v was made from (constant-time
 * compare), ERR_ACCESS if not, ERR_CRYPTO if PBKDF2 failed.
 */
int handoff_verify(const struct handoff_verifier *v, const uint8_t nt_hash[16]);

/*
 * handoff_make_verifier - a verifier for nt_hash with a fresh random salt
 * (the writer's side; iterations within HANDOFF_ITER_MIN..MAX).
 */
int handoff_make_verifier(struct handoff_verifier *v, const char *trusting,
			  const char *trusted, const uint8_t nt_hash[16],
			  uint32_t iterations);

#endif
