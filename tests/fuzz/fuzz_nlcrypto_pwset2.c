/*
 * tests/fuzz/fuzz_nlcrypto_pwset2.c - libFuzzer target for the server side
 * of NetrServerPasswordSet2 (nlcrypto_pwset2_open, [MS-NRPC] 2.2.1.3.7).
 *
 * Input layout: session key (16 bytes) || negotiate flags (LE32) || the
 * encrypted NL_TRUST_PASSWORD, zero padded or truncated to 516 bytes.
 * Shorter inputs are zero padded too.  Invariants checked: rc is 0, the
 * status is OK or STATUS_WRONG_PASSWORD, and an accepted password has an
 * even length in 2..500 that is not all zero.  Also built with gcc against
 * tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/nlcrypto.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nlcrypto_creds c;
	struct sbuf b;
	uint8_t cipher[516], pw[512];
	size_t len = 0, n, i;
	uint32_t flags = 0, version = 0, status = 0;
	uint8_t acc = 0;

	memset(&c, 0, sizeof(c));
	memset(cipher, 0, sizeof(cipher));
	sbuf_init(&b, data, size);
	n = sbuf_left(&b) < 16 ? sbuf_left(&b) : 16;
	if (sbuf_get_bytes(&b, c.sk, n) != 0)
		abort();
	if (sbuf_get_u32le(&b, &flags) != 0)
		flags = 0;
	c.flags = flags;
	n = sbuf_left(&b) < sizeof(cipher) ? sbuf_left(&b) : sizeof(cipher);
	if (sbuf_get_bytes(&b, cipher, n) != 0)
		abort();
	if (nlcrypto_pwset2_open(&c, cipher, pw, &len, &version, &status,
				 NULL) != 0)
		abort();
	if (status == NTSTATUS_OK) {
		if (len < 2 || len > 500 || len % 2 != 0)
			abort();
		for (i = 0; i < len; i++)
			acc |= pw[i];
		if (acc == 0)
			abort();
	} else if (status != NTSTATUS_WRONG_PASSWORD || len != 0 ||
		   version != 0) {
		abort();
	}
	nlcrypto_creds_wipe(&c);
	return 0;
}
