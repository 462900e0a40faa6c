/*
 * tests/fuzz/fuzz_ntlm_check.c - libFuzzer target for the DC-side NTLM
 * password check (ntlm_check_password, reference section 3.4).
 *
 * Input layout: control byte || challenge (8) || NT length (LE16) || NT
 * response || LM response (the rest).  Control bits: 0x01 allow NTLMv1,
 * 0x02 allow LM, 0x04 pass the LM hash, 0x08/0x10 domain "accounts" / ""
 * instead of "ACCOUNTS".  The NT length is capped at what is left.  The
 * stored hashes are those of the fixed account alice / Secret#1, so the
 * seeds made from tests/data/vectors/ntlm.json succeed.  Each response is
 * copied into a buffer of its exact size so that ASan sees any over-read.
 * Also built with gcc against tests/fuzz/replay.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t fuzz_nt[16], fuzz_lm[16];
static int fuzz_ready;

static int
fuzz_init(void)
{
	int present = 0;

	if (fuzz_ready)
		return 0;
	if (ntlm_nt_hash("Secret#1", fuzz_nt, NULL) != 0 ||
	    ntlm_lm_hash("Secret#1", fuzz_lm, &present) != 0 || !present)
		return -1;
	fuzz_ready = 1;
	return 0;
}

static uint8_t *
fuzz_dup(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n > 0 ? n : 1);

	if (q == NULL)
		abort();
	if (n > 0)
		memcpy(q, p, n);
	return q;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct sbuf b;
	const uint8_t *ntv = NULL, *lmv = NULL;
	uint8_t *nt = NULL, *lm = NULL;
	uint8_t ctl = 0;
	uint16_t ntlen = 0;
	uint32_t status = 0;
	size_t lmlen;
	int r;

	if (fuzz_init() != 0)
		abort();
	memset(&req, 0, sizeof(req));
	sbuf_init(&b, data, size);
	if (sbuf_get_u8(&b, &ctl) != 0 ||
	    sbuf_get_bytes(&b, req.challenge, 8) != 0 ||
	    sbuf_get_u16le(&b, &ntlen) != 0)
		return 0;
	if (ntlen > sbuf_left(&b))
		ntlen = (uint16_t)sbuf_left(&b);
	if (sbuf_get_view(&b, ntlen, &ntv) != 0)
		abort();
	lmlen = sbuf_left(&b);
	if (sbuf_get_view(&b, lmlen, &lmv) != 0)
		abort();
	nt = fuzz_dup(ntv, ntlen);
	lm = fuzz_dup(lmv, lmlen);
	req.user = "alice";
	req.domain = (ctl & 0x10) ? "" : (ctl & 0x08) ? "accounts" : "ACCOUNTS";
	req.nt_resp = nt;
	req.nt_len = ntlen;
	req.lm_resp = lm;
	req.lm_len = lmlen;
	req.allow_ntlmv1 = (ctl & 0x01) != 0;
	req.allow_lm = (ctl & 0x02) != 0;
	r = ntlm_check_password(&req, fuzz_nt, (ctl & 0x04) ? fuzz_lm : NULL,
				&status, &keys, NULL);
	if (r != 0 ||
	    (status != NTSTATUS_OK && status != NTSTATUS_WRONG_PASSWORD))
		abort();
	free(nt);
	free(lm);
	return 0;
}
