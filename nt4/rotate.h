/*
 * nt4/rotate.h - trust password rotation as the trusting PDC does it
 * (KB Q128489, Q271288; reference 1.6): right after a trust is added and
 * then every 7 days of lab time, with the recovery rules for a change that
 * reached only one side.
 */
#ifndef NT4_ROTATE_H
#define NT4_ROTATE_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/netlogon.h"
#include "nt4/records.h"

struct errinfo;
struct lab;
struct rng;

#define ROTATE_INTERVAL (7ULL * 86400ULL) /* NT 3.5 - 4.0 default */
#define ROTATE_PASSWORD_LEN 32		  /* characters of a new password */
#define ROTATE_RETRY (15ULL * 60ULL)	  /* a change stored, not yet sent */

struct rotate_result {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
	uint64_t when;	 /* lab time of the attempt */
	uint32_t status; /* 0: the trusted PDC has the CurrentValue now */
	struct netlogon_cause cause;
	int changed;	  /* a new password became CurrentValue */
	int pushed_again; /* OldValue authenticated: CurrentValue re-sent */
	const char *call; /* NetrServerPasswordSet or ...Set2 ("" if none) */
};

/*
 * rotate_password_new - a new random trust password: ROTATE_PASSWORD_LEN
 * characters of [A-Za-z0-9._-] drawn from r (the lab's seeded generator in
 * a lab, the OS generator for real systems); buf holds at least
 * ROTATE_PASSWORD_LEN + 1 bytes.  Wipe it after use.
 */
int rotate_password_new(struct rng *r, char *buf, size_t len);

/*
 * rotate_trust - one rotation attempt of trusting's G$$TRUSTED now: set up
 * (or reuse) the secure channel; if it authenticated with OldValue, send
 * the existing CurrentValue again; else draw a new password, store it
 * (OldValue <- CurrentValue, CurrentValue <- new, one transaction) and send
 * it with NetrServerPasswordSet2 (NetrServerPasswordSet when the channel
 * did not negotiate it).  A failure changes nothing on the trusted side and
 * is reported in res; the next attempt recovers (reference 1.6).  When the
 * new CurrentValue was stored but could not be sent, the next attempt is
 * due ROTATE_RETRY (15 minutes) later instead of 7 days.
 */
int rotate_trust(struct lab *l, const char *trusting, const char *trusted,
		 struct rotate_result *res, struct errinfo *ei);

/* Called for each rotation attempt rotate_advance makes. */
typedef void (*rotate_fn)(const struct rotate_result *res, void *arg);

/*
 * rotate_advance - move the lab clock to target, running every rotation
 * that falls due on the way, in time order (each at its due time, 7 days
 * after its CurrentValue was set, or at its pending retry).  A failed attempt
 * is not retried within the same advance.  fn (may be NULL) sees every attempt.
 */
int rotate_advance(struct lab *l, uint64_t target, rotate_fn fn, void *arg,
		   struct errinfo *ei);

/* One trust whose password the lab will rotate, for `clock show`. */
struct rotate_due {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
	uint64_t due;
};
/* rotate_schedule - every rotation the lab knows of; *out malloc'd. */
int rotate_schedule(struct lab *l, struct rotate_due **out, size_t *n,
		    struct errinfo *ei);

#endif
