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
#include "tests/rec_any.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union rec_any u;
	struct wbuf w;
	int type, r;

	if (size < 1)
		return 0;
	type = 1 + data[0] % 11;
	data++;
	size--;
	wbuf_init(&w, 8192);
	if ((r = rec_any_decode(type, &u, data, size, NULL)) == 0) {
		r = rec_any_encode(type, &u, &w);
		rec_any_wipe(type, &u);
	}
	if (r == 0 && (w.len != size || memcmp(w.p, data, size) != 0))
		abort(); /* decode/encode is not an exact round trip */
	wbuf_free(&w);
	return 0;
}
