/*
 * tests/fuzz/fuzz_trustauth.c - libFuzzer target for trustauth_decode
 * (trustAuthInOutBlob, [MS-ADTS] 6.1.6.9.1, migrate/trustauth.c,
 * docs/formats/trustauth.md) and trustauth_lsa_open (the sealed LSA form).
 * Checks on every input:
 *   - a failure records its code and a message in errinfo and leaves the
 *     blob wiped;
 *   - a blob that decodes re-encodes to exactly the input bytes, and that
 *     encoding decodes to the same blob;
 *   - the input opened as a sealed LSA blob (fixed session key) either
 *     fails cleanly or yields two blobs that seal back to the input when
 *     the input's confounder is used.
 * Any mismatch calls abort().  Also built with gcc against
 * tests/fuzz/replay.c to replay the corpus in make check.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/wbuf.h"
#include "migrate/trustauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint8_t fuzz_sk[16] = { 0, 1, 2,  3,  4,  5,  6,  7,
				     8, 9, 10, 11, 12, 13, 14, 15 };

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

static void
fuzz_blob(const uint8_t *data, size_t size)
{
	static struct trustauth_blob t, u;
	struct errinfo ei;
	struct wbuf w;
	int r;

	err_clear(&ei);
	r = trustauth_decode(&t, data, size, &ei);
	if (r != 0) {
		if (r > 0 || ei.code != r || ei.msg[0] == '\0' ||
		    !fuzz_zero(&t, sizeof(t)))
			abort();
		return;
	}
	wbuf_init(&w, TRUSTAUTH_BLOB_MAX);
	if (trustauth_encode(&t, &w) != 0 || w.len != size ||
	    memcmp(w.p, data, size) != 0)
		abort();
	if (trustauth_decode(&u, w.p, w.len, NULL) != 0 ||
	    memcmp(&t, &u, sizeof(t)) != 0)
		abort();
	wbuf_free(&w);
	trustauth_wipe(&t);
	trustauth_wipe(&u);
}

static void
fuzz_lsa(const uint8_t *data, size_t size)
{
	static struct trustauth_blob o, i;
	uint8_t conf[TRUSTAUTH_CONFOUNDER];
	struct errinfo ei;
	struct wbuf w;
	int r;

	err_clear(&ei);
	r = trustauth_lsa_open(data, size, fuzz_sk, sizeof(fuzz_sk), &o, &i,
			       &ei);
	if (r != 0) {
		if (r > 0 || ei.code != r || ei.msg[0] == '\0' ||
		    !fuzz_zero(&o, sizeof(o)) || !fuzz_zero(&i, sizeof(i)))
			abort();
		return;
	}
	/* the confounder in clear, to seal the same bytes again */
	if (crypto_rc4(fuzz_sk, sizeof(fuzz_sk), data, conf, sizeof(conf)) != 0)
		abort();
	wbuf_init(&w, size);
	if (trustauth_lsa_seal(conf, &o, &i, fuzz_sk, sizeof(fuzz_sk), &w,
			       NULL) != 0 ||
	    w.len != size || memcmp(w.p, data, size) != 0)
		abort();
	wbuf_free(&w);
	trustauth_wipe(&o);
	trustauth_wipe(&i);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_blob(data, size);
	fuzz_lsa(data, size);
	return 0;
}
