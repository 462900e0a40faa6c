/*
 * tests/fuzz/fuzz_records_decode.c - libFuzzer target for the lab store
 * record decoders (nt4/records.c).  The first byte picks the record type
 * (1 + byte % 11: DOMAIN ... SIDHIST); the rest is the record.  A record
 * that decodes must re-encode to exactly the same bytes (the format has one
 * encoding per value).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/wbuf.h"
#include "nt4/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union {
		struct rec_domain d;
		struct rec_account a;
		struct rec_tdo t;
		struct rec_secret s;
		struct rec_lab l;
		struct rec_channel c;
		struct rec_journal j;
		struct rec_adtdo x;
		struct rec_allowauth aa;
		struct rec_sidhist h;
		uint32_t rid;
	} u;
	struct wbuf w;
	int type, r = -1;

	if (size < 1)
		return 0;
	type = 1 + data[0] % 11;
	data++;
	size--;
	wbuf_init(&w, 8192);
	switch (type) {
	case REC_DOMAIN:
		if ((r = rec_domain_decode(&u.d, data, size, NULL)) == 0)
			r = rec_domain_encode(&u.d, &w);
		break;
	case REC_ACCOUNT:
		if ((r = rec_account_decode(&u.a, data, size, NULL)) == 0)
			r = rec_account_encode(&u.a, &w);
		break;
	case REC_NAMEIDX:
		if ((r = rec_nameidx_decode(&u.rid, data, size, NULL)) == 0)
			r = rec_nameidx_encode(u.rid, &w);
		break;
	case REC_TDO:
		if ((r = rec_tdo_decode(&u.t, data, size, NULL)) == 0)
			r = rec_tdo_encode(&u.t, &w);
		break;
	case REC_SECRET:
		if ((r = rec_secret_decode(&u.s, data, size, NULL)) == 0)
			r = rec_secret_encode(&u.s, &w);
		break;
	case REC_LAB:
		if ((r = rec_lab_decode(&u.l, data, size, NULL)) == 0)
			r = rec_lab_encode(&u.l, &w);
		break;
	case REC_CHANNEL:
		if ((r = rec_channel_decode(&u.c, data, size, NULL)) == 0)
			r = rec_channel_encode(&u.c, &w);
		break;
	case REC_JOURNAL:
		if ((r = rec_journal_decode(&u.j, data, size, NULL)) == 0)
			r = rec_journal_encode(&u.j, &w);
		break;
	case REC_ADTDO:
		if ((r = rec_adtdo_decode(&u.x, data, size, NULL)) == 0)
			r = rec_adtdo_encode(&u.x, &w);
		break;
	case REC_ALLOWAUTH:
		if ((r = rec_allowauth_decode(&u.aa, data, size, NULL)) == 0)
			r = rec_allowauth_encode(&u.aa, &w);
		break;
	case REC_SIDHIST:
		if ((r = rec_sidhist_decode(&u.h, data, size, NULL)) == 0)
			r = rec_sidhist_encode(&u.h, &w);
		break;
	}
	if (r == 0 && (w.len != size || memcmp(w.p, data, size) != 0))
		abort(); /* decode/encode is not an exact round trip */
	wbuf_free(&w);
	return 0;
}
