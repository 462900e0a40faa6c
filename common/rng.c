/*
 * common/rng.c - randomness for the lab: the OS generator for real secrets
 * and a seeded, reproducible generator for scenarios.
 *
 * Seeded mode is HMAC-SHA256 in counter mode (in the spirit of NIST SP
 * 800-108 counter-mode KDFs, without label or length):
 *
 *	block(i) = HMAC-SHA256(key = seed[32], data = LE64(counter + i))
 *
 * Every rng_bytes() call starts at a fresh block and consumes
 * ceil(n / 32) blocks; the unused tail of the last block is discarded, so
 * the generator's whole state is (seed, counter) and the lab can store it.
 * rng_uniform() draws 4 bytes (one block) per attempt and rejects values
 * below 2^32 mod bound, so the result has no modulo bias.
 *
 * OS mode draws from crypto_random() (OpenSSL's DRBG on the private library
 * context, seeded from the kernel).  Nothing here allocates; the keyed
 * HMAC state of the seed is kept in crypto's per-thread cache
 * (crypto_hmac_sha256_keep), which crypto_forget() drops.
 */
#include "rng.h"

#include <string.h>

#include "crypto.h"
#include "err.h"

void
rng_init_seeded(struct rng *r, const uint8_t seed[32], uint64_t counter)
{
	memcpy(r->seed, seed, sizeof(r->seed));
	r->counter = counter;
	r->limit = UINT64_MAX;
	r->refill = NULL;
	r->refill_arg = NULL;
	r->os = 0;
}

void
rng_set_refill(struct rng *r, rng_refill_fn fn, void *arg)
{
	r->refill = fn;
	r->refill_arg = arg;
	r->limit = fn != NULL ? r->counter : UINT64_MAX;
}

void
rng_init_os(struct rng *r)
{
	crypto_wipe(r->seed, sizeof(r->seed));
	r->counter = 0;
	r->limit = UINT64_MAX;
	r->refill = NULL;
	r->refill_arg = NULL;
	r->os = 1;
}

int
rng_bytes(struct rng *r, void *p, size_t n)
{
	uint8_t *dst = p;
	uint8_t ctr[8], block[32];
	struct crypto_iov iov = { ctr, sizeof(ctr) };
	size_t take;
	int i, rc = ERR_INTERNAL;

	if (r->os) {
		rc = crypto_random(p, n);
		goto out;
	}
	while (n > 0) {
		if (r->counter >= r->limit) {
			rc = r->refill != NULL ? r->refill(r->refill_arg, r) :
						 ERR_INTERNAL;
			if (rc == 0 && r->counter >= r->limit)
				rc = ERR_INTERNAL; /* nothing was reserved */
			if (rc != 0)
				goto out;
		}
		for (i = 0; i < 8; i++)
			ctr[i] = (uint8_t)(r->counter >> (8 * i));
		rc = crypto_hmac_sha256_keep(r->seed, sizeof(r->seed), &iov, 1,
					     block);
		if (rc != 0)
			goto out;
		r->counter++;
		take = n < sizeof(block) ? n : sizeof(block);
		memcpy(dst, block, take);
		dst += take;
		n -= take;
	}
	rc = 0;
out:
	crypto_wipe(block, sizeof(block));
	return rc;
}

int
rng_uniform(struct rng *r, uint32_t bound, uint32_t *out)
{
	uint8_t b[4];
	uint32_t x, min;
	int rc = ERR_INTERNAL;

	*out = 0;
	if (bound == 0) {
		rc = ERR_INVALID;
		goto out;
	}
	/* 2^32 mod bound, computed in 32 bits: (2^32 - bound) mod bound. */
	min = (uint32_t)(0u - bound) % bound;
	for (;;) {
		if ((rc = rng_bytes(r, b, sizeof(b))) != 0)
			goto out;
		x = (uint32_t)b[0] | (uint32_t)b[1] << 8 |
		    (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
		if (x >= min)
			break;
	}
	*out = x % bound;
	rc = 0;
out:
	crypto_wipe(b, sizeof(b));
	return rc;
}

void
rng_wipe(struct rng *r)
{
	crypto_wipe(r->seed, sizeof(r->seed));
	r->counter = 0;
}
