/*
 * tests/fuzz/fuzz_secretsdb_trust.c - libFuzzer target for
 * secretsdb_trust_decode (Samba's NDR TRUSTED_DOM_PASS, migrate/secretsdb.c,
 * docs/formats/secretsdb.md).  Checks on every input:
 *   - a failure records its code in errinfo and leaves the struct wiped;
 *   - a record that decodes re-encodes to exactly the input bytes (one
 *     encoding per value), and that encoding decodes to the same struct.
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

static int
fuzz_zero(const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != 0)
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct secretsdb_trust t, u;
	struct errinfo ei;
	struct wbuf w;
	int r;

	err_clear(&ei);
	r = secretsdb_trust_decode(&t, data, size, &ei);
	if (r != 0) {
		if (r > 0 || ei.code != r || ei.msg[0] == '\0' ||
		    !fuzz_zero(&t, sizeof(t)))
			abort();
		return 0;
	}
	if (t.pass_len != strlen(t.password))
		abort();
	wbuf_init(&w, 4096);
	if (secretsdb_trust_encode(&t, &w) != 0 || w.len != size ||
	    memcmp(w.p, data, size) != 0)
		abort();
	if (secretsdb_trust_decode(&u, w.p, w.len, NULL) != 0 ||
	    strcmp(t.domain, u.domain) != 0 ||
	    strcmp(t.password, u.password) != 0 || t.pass_len != u.pass_len ||
	    t.mod_time != u.mod_time || !sid_equal(&t.sid, &u.sid))
		abort();
	wbuf_free(&w);
	secretsdb_trust_wipe(&t);
	secretsdb_trust_wipe(&u);
	return 0;
}
