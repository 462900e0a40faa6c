/*
 * tests/fuzz/fuzz_tdbsam_user.c - libFuzzer target for the USER_ record
 * decoder of Samba's passdb.tdb (migrate/tdbsam.c, docs/formats/tdbsam.md).
 * A record that decodes must encode back to exactly the same bytes: the
 * decoder keeps every field it does not interpret verbatim, so
 * encode(decode(x)) == x for every record it accepts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/wbuf.h"
#include "migrate/tdbsam.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tdbsam_user u;
	struct wbuf w;

	if (tdbsam_user_decode(&u, data, size, NULL) != 0)
		return 0;
	wbuf_init(&w, TDBSAM_RECORD_MAX);
	if (tdbsam_user_encode(&u, &w) != 0)
		abort(); /* an accepted record must encode */
	if (w.len != size || memcmp(w.p, data, size) != 0)
		abort(); /* decode/encode is not an exact round trip */
	wbuf_free(&w);
	tdbsam_user_wipe(&u);
	return 0;
}
