/*
 * common/rng.h - randomness: the OS RNG for real secrets, and the seeded,
 * reproducible generator of the lab.
 *
 * The lab generator is HMAC-SHA256(seed, LE64(counter)) in counter mode:
 * each rng_bytes() call consumes whole 32-byte blocks, so its whole state is
 * (seed, counter), which the lab stores in lab.tdb.  A generator may have a
 * refill function: it is called before a block at or past limit is drawn,
 * and moves counter (and limit) to a range it has reserved, so that
 * several processes sharing one seed never draw the same block
 * (nt4/lab.c leases ranges of blocks from lab.tdb).
 */
#ifndef COMMON_RNG_H
#define COMMON_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng;
/* rng_refill_fn - reserve blocks: set r->counter and r->limit; 0 or error */
typedef int (*rng_refill_fn)(void *arg, struct rng *r);

struct rng {
	uint8_t seed[32];
	uint64_t counter;
	uint64_t limit;	      /* with refill: first block not reserved */
	rng_refill_fn refill; /* NULL: the whole stream is this process's */
	void *refill_arg;
	int os; /* non-zero: draw from the OS RNG instead */
};

/* rng_init_seeded - a reproducible generator at position counter. */
void rng_init_seeded(struct rng *r, const uint8_t seed[32], uint64_t counter);
/*
 * rng_set_refill - draw only from ranges fn reserves; the first draw calls
 * it (limit is set to counter).
 */
void rng_set_refill(struct rng *r, rng_refill_fn fn, void *arg);
/* rng_init_os - a generator that reads the OS RNG (crypto_random). */
void rng_init_os(struct rng *r);
/* rng_bytes - fill p with n bytes; 0, ERR_CRYPTO or the refill's error. */
int rng_bytes(struct rng *r, void *p, size_t n);
/*
 * rng_uniform - a uniformly distributed value below bound (rejection
 * sampling, one 32-byte block per attempt); 0, ERR_CRYPTO, or ERR_INVALID
 * when bound is 0.
 */
int rng_uniform(struct rng *r, uint32_t bound, uint32_t *out);
/* rng_wipe - clear the seed. */
void rng_wipe(struct rng *r);

#endif
