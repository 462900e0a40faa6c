/*
 * tests/fuzz/fuzz_hex.c - libFuzzer target for common/hex decoding.  Any
 * input that decodes must encode back to the input in lower case; a
 * failure must be a clean ERR_FORMAT/ERR_RANGE with no output.  hex_decode
 * (fixed length) and hex_decode_alloc must agree.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/hex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *enc = NULL;
	uint8_t *out = NULL, *fixed = NULL;
	struct errinfo ei;
	size_t n = 0, len, i;
	int r, r2;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);
	err_clear(&ei);
	r = hex_decode_alloc(s, &out, &n, &ei);
	fixed = malloc(len / 2 + 1);
	if (fixed == NULL)
		goto done;
	r2 = hex_decode(s, fixed, len / 2, NULL);
	if (r != 0) {
		if ((r != ERR_FORMAT && r != ERR_NOMEM) || out != NULL ||
		    n != 0 || ei.code != r)
			abort();
		if (r == ERR_FORMAT && r2 == 0)
			abort();
		goto done;
	}
	if (n != len / 2 || r2 != 0 || memcmp(fixed, out, n) != 0)
		abort();
	enc = malloc(2 * n + 1);
	if (enc == NULL)
		goto done;
	hex_encode(out, n, enc);
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'F')
			c = (char)(c + 32);
		if (enc[i] != c)
			abort();
	}
done:
	free(enc);
	free(fixed);
	free(out);
	free(s);
	return 0;
}
