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

#endif
