/*
 * tests/rec_any.h - a lab store record of any type (nt4/records.h) chosen
 * by its type number: one dispatch to decode, encode and wipe it, shared
 * by the code that walks every type (tests/check_records.c,
 * tests/check_parse_oom.c, tests/fuzz/fuzz_records_decode.c).  An unknown
 * type is ERR_INTERNAL.
 */
#ifndef TESTS_REC_ANY_H
#define TESTS_REC_ANY_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"
#include "common/wbuf.h"
#include "nt4/records.h"

union rec_any {
	struct rec_domain d;
	struct rec_account a;
	uint32_t rid; /* REC_NAMEIDX */
	struct rec_tdo t;
	struct rec_secret s;
	struct rec_lab l;
	struct rec_channel c;
	struct rec_journal j;
	struct rec_adtdo x;
	struct rec_allowauth aa;
	struct rec_sidhist h;
};

static inline int
rec_any_decode(int type, union rec_any *u, const uint8_t *p, size_t n,
	       struct errinfo *ei)
{
	switch (type) {
	case REC_DOMAIN:
		return rec_domain_decode(&u->d, p, n, ei);
	case REC_ACCOUNT:
		return rec_account_decode(&u->a, p, n, ei);
	case REC_NAMEIDX:
		return rec_nameidx_decode(&u->rid, p, n, ei);
	case REC_TDO:
		return rec_tdo_decode(&u->t, p, n, ei);
	case REC_SECRET:
		return rec_secret_decode(&u->s, p, n, ei);
	case REC_LAB:
		return rec_lab_decode(&u->l, p, n, ei);
	case REC_CHANNEL:
		return rec_channel_decode(&u->c, p, n, ei);
	case REC_JOURNAL:
		return rec_journal_decode(&u->j, p, n, ei);
	case REC_ADTDO:
		return rec_adtdo_decode(&u->x, p, n, ei);
	case REC_ALLOWAUTH:
		return rec_allowauth_decode(&u->aa, p, n, ei);
	case REC_SIDHIST:
		return rec_sidhist_decode(&u->h, p, n, ei);
	}
	return ERR_INTERNAL;
}

static inline int
rec_any_encode(int type, const union rec_any *u, struct wbuf *w)
{
	switch (type) {
	case REC_DOMAIN:
		return rec_domain_encode(&u->d, w);
	case REC_ACCOUNT:
		return rec_account_encode(&u->a, w);
	case REC_NAMEIDX:
		return rec_nameidx_encode(u->rid, w);
	case REC_TDO:
		return rec_tdo_encode(&u->t, w);
	case REC_SECRET:
		return rec_secret_encode(&u->s, w);
	case REC_LAB:
		return rec_lab_encode(&u->l, w);
	case REC_CHANNEL:
		return rec_channel_encode(&u->c, w);
	case REC_JOURNAL:
		return rec_journal_encode(&u->j, w);
	case REC_ADTDO:
		return rec_adtdo_encode(&u->x, w);
	case REC_ALLOWAUTH:
		return rec_allowauth_encode(&u->aa, w);
	case REC_SIDHIST:
		return rec_sidhist_encode(&u->h, w);
	}
	return ERR_INTERNAL;
}

/* Wipe a decoded record of the types that hold secrets. */
static inline void
rec_any_wipe(int type, union rec_any *u)
{
	switch (type) {
	case REC_ACCOUNT:
		rec_account_wipe(&u->a);
		break;
	case REC_SECRET:
		rec_secret_wipe(&u->s);
		break;
	case REC_LAB:
		rec_lab_wipe(&u->l);
		break;
	case REC_CHANNEL:
		rec_channel_wipe(&u->c);
		break;
	case REC_JOURNAL:
		rec_journal_wipe(&u->j);
		break;
	case REC_ADTDO:
		rec_adtdo_wipe(&u->x);
		break;
	}
}

#endif
