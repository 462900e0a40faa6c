/*
 * tests/fuzz/fuzz_secretsdb_sid.c - libFuzzer target for
 * secretsdb_sid_decode (the 68-byte struct dom_sid Samba keeps under
 * SECRETS/SID/<NAME>, migrate/secretsdb.c, docs/formats/secretsdb.md).
 * Checks on every input:
 *   - a failure records its code in errinfo and leaves the SID cleared;
 *   - a SID that decodes is valid and re-encodes to exactly the input.
 * Any mismatch calls abort().  Also built with gcc against
 * tests/fuzz/replay.c to replay the corpus in make check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/sid.h"
#include "common/wbuf.h"
#include "migrate/secretsdb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct sid zero;
	struct errinfo ei;
	struct sid sid;
	struct wbuf w;
	char text[SID_STR_MAX];
	int r;

	err_clear(&ei);
	r = secretsdb_sid_decode(&sid, data, size, &ei);
	if (r != 0) {
		if (r > 0 || ei.code != r || ei.msg[0] == '\0' ||
		    memcmp(&sid, &zero, sizeof(sid)) != 0)
			abort();
		return 0;
	}
	if (size != 68 || sid.rev != 1 || sid.count > SID_MAX_SUBAUTH ||
	    sid_format(&sid, text, sizeof(text)) != 0)
		abort();
	wbuf_init(&w, 68);
	if (secretsdb_sid_encode(&sid, &w) != 0 || w.len != size ||
	    memcmp(w.p, data, size) != 0)
		abort();
	wbuf_free(&w);
	return 0;
}
