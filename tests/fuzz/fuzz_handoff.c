/*
 * tests/fuzz/fuzz_handoff.c - libFuzzer target for handoff_parse, the
 * reader of the hand-off file of `migrate --sides this`
 * (migrate/handoff.c, docs/formats/handoff.md).  Checks on every input:
 *   - a failure has one of the parser's codes, ei.code set to it and a
 *     non-empty one-line message, and leaves the struct zeroed;
 *   - a success holds what the reader promises: two different domains
 *     with valid upper-case NetBIOS names, lower-case DNS names and domain
 *     SIDs, trustDirection 1..3, trustType 2, attributes 0 or 0x4, the
 *     account flag equal to the inbound bit, one verifier per direction
 *     naming that direction, iterations within bounds.
 * The PBKDF2 check is not run (up to 10 million iterations per input).
 * Any mismatch calls abort().  Also built with gcc against
 * tests/fuzz/replay.c to replay the corpus in make check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/names.h"
#include "common/sid.h"
#include "migrate/handoff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check_domain(const struct adtrust_domain *d)
{
	size_t i;

	if (names_domain_check(d->flat, NULL) != 0 ||
	    adtrust_dns_check(d->dns, NULL) != 0 || !sid_is_domain(&d->sid))
		abort();
	for (i = 0; d->flat[i] != '\0'; i++)
		if (d->flat[i] >= 'a' && d->flat[i] <= 'z')
			abort();
	for (i = 0; d->dns[i] != '\0'; i++)
		if (d->dns[i] >= 'A' && d->dns[i] <= 'Z')
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct handoff zero;
	struct handoff h;
	struct errinfo ei;
	size_t i, want;
	int r;

	err_clear(&ei);
	r = handoff_parse(&h, data, size, &ei);
	if (r != 0) {
		if ((r != ERR_FORMAT && r != ERR_RANGE && r != ERR_NOMEM) ||
		    ei.code != r || ei.msg[0] == '\0' ||
		    strchr(ei.msg, '\n') != NULL ||
		    memcmp(&h, &zero, sizeof(h)) != 0)
			abort();
		return 0;
	}
	fuzz_check_domain(&h.create_on);
	fuzz_check_domain(&h.partner);
	if (strcmp(h.create_on.flat, h.partner.flat) == 0 || h.direction < 1 ||
	    h.direction > 3 || h.type != ADTRUST_TYPE_UPLEVEL ||
	    (h.attributes & ~ADTRUST_ATTR_QUARANTINED) != 0 ||
	    h.account_needed != ((h.direction & ADTRUST_DIR_INBOUND) != 0))
		abort();
	want = h.direction == ADTRUST_DIR_BIDIRECTIONAL ? 2 : 1;
	if (h.nver != want)
		abort();
	for (i = 0; i < h.nver; i++) {
		const struct handoff_verifier *v = &h.ver[i];
		int out = strcmp(v->trusting, h.create_on.flat) == 0;

		if (v->iterations < HANDOFF_ITER_MIN ||
		    v->iterations > HANDOFF_ITER_MAX)
			abort();
		if (strcmp(v->trusting,
			   out ? h.create_on.flat : h.partner.flat) != 0 ||
		    strcmp(v->trusted,
			   out ? h.partner.flat : h.create_on.flat) != 0 ||
		    !(h.direction &
		      (out ? ADTRUST_DIR_OUTBOUND : ADTRUST_DIR_INBOUND)))
			abort();
	}
	if (h.nver == 2 && strcmp(h.ver[0].trusting, h.ver[1].trusting) == 0)
		abort();
	return 0;
}
