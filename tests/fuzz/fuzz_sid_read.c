/*
 * tests/fuzz/fuzz_sid_read.c - libFuzzer target for sid_read (the binary
 * SID form, common/sid.c).  Reads SIDs one after another until the input
 * fails; checks on every input:
 *   - a failure leaves the cursor where it was and the SID cleared;
 *   - every SID read writes back (sid_write) to exactly the bytes it was
 *     read from, and its text form parses back to an equal SID.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/sbuf.h"
#include "common/sid.h"
#include "common/wbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct errinfo ei;
	struct sbuf b, whole, sect;
	struct sid sid, again;
	struct wbuf w;
	const uint8_t *raw;
	char text[SID_STR_MAX];
	size_t start;
	int r;

	sbuf_init(&b, data, size);
	sbuf_init(&whole, data, size);
	for (;;) {
		start = b.off;
		err_clear(&ei);
		r = sid_read(&sid, &b, &ei);
		if (r != 0) {
			if (b.off != start || ei.code != r || sid.count != 0)
				abort();
			break;
		}
		if (b.off != start + 8 + 4 * (size_t)sid.count)
			abort();
		wbuf_init(&w, 8 + 4 * SID_MAX_SUBAUTH);
		if (sid_write(&sid, &w) != 0 || w.len != b.off - start)
			abort();
		if (sbuf_at(&whole, start, w.len, &sect) != 0 ||
		    sbuf_get_view(&sect, w.len, &raw) != 0 ||
		    memcmp(raw, w.p, w.len) != 0)
			abort();
		wbuf_free(&w);
		if (sid_format(&sid, text, sizeof(text)) != 0 ||
		    sid_parse(&again, text, NULL) != 0 ||
		    !sid_equal(&sid, &again))
			abort();
	}
	return 0;
}
