/*
 * migrate/adtrust_lab.h - the AD converter's input (migrate/adtrust.h)
 * read from two PDCs of a lab: per direction the diagnosis verdict, the
 * G$$ secret in clear and the trust account's NT hash.
 */
#ifndef MIGRATE_ADTRUST_LAB_H
#define MIGRATE_ADTRUST_LAB_H

#include "migrate/adtrust.h"

struct errinfo;
struct lab;

/*
 * adtrust_input_from_lab - names[0] is "this domain", names[1] its
 * partner; dns[] their DNS names (checked: ERR_INVALID naming the domain).
 * A domain missing from the lab is ERR_NOTFOUND naming it.  Wipe *in
 * after use (it holds passwords).
 */
int adtrust_input_from_lab(struct adtrust_input *in, struct lab *l,
			   const char *names[2], const char *dns[2],
			   struct errinfo *ei);

/*
 * adtrust_apply_lab - make the model real in the lab (migrate --apply):
 * on each present side, in one transaction per domain, its AD trusted
 * domain object (the NT hashes of current and previous incoming/outgoing
 * passwords) and, for an inbound direction, the interdomain trust account
 * PARTNER$ if missing; only then, on each trusting side, the NT4
 * trusted-domain entry and G$$ secret are removed; the two PDCs' secure
 * channels are dropped (set up anew with the AD passwords).  A crash
 * leaves every domain in its old or new state; migrate --apply run again
 * finishes (see adtrust_lab_applied).
 */
int adtrust_apply_lab(struct lab *l, const struct adtrust_model *m,
		      struct errinfo *ei);
/*
 * adtrust_lab_applied - how many of the two domains already hold an AD
 * trusted domain object for the other (0, 1 or 2), or < 0 on error.
 */
int adtrust_lab_applied(struct lab *l, const struct adtrust_input *in,
			struct errinfo *ei);
/*
 * adtrust_lab_finish - for a pair whose AD objects are both written: the
 * NT4 entries left on trusting sides are removed (phase 2 again), channels
 * dropped.  Idempotent.
 */
int adtrust_lab_finish(struct lab *l, const struct adtrust_input *in,
		       struct errinfo *ei);

#endif
