/*
 * tests/fuzz/fuzz_utf16.c - libFuzzer target for common/utf16 in both
 * directions.  The input is tried as UTF-8 and as UTF-16LE; whatever
 * converts must convert back to exactly the input bytes (round trip is the
 * identity), utf8_check and utf8_len16 must agree with utf8_to_utf16, and
 * utf8_upper must accept every valid string and return valid UTF-8.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/utf16.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_as_utf8(const uint8_t *data, size_t size)
{
	uint8_t *u16 = NULL;
	char *s, *back = NULL, *up = NULL;
	struct errinfo ei;
	size_t n = 0;
	int r, has_nul;

	s = malloc(size + 1);
	if (s == NULL)
		return;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	has_nul = memchr(s, 0, size) != NULL;
	err_clear(&ei);
	r = utf8_to_utf16(&u16, &n, s, size, &ei);
	if (r != 0) {
		if (r != ERR_FORMAT && r != ERR_NOMEM)
			abort();
		if (u16 != NULL || n != 0 || ei.code != r)
			abort();
		if (!has_nul && r == ERR_FORMAT && utf8_check(s, NULL) == 0)
			abort();
		goto out;
	}
	if (has_nul || utf8_check(s, NULL) != 0 || utf8_len16(s) != n / 2)
		abort();
	if (utf16_to_utf8(&back, u16, n, NULL) != 0 ||
	    strlen(back) != size || memcmp(back, s, size) != 0)
		abort();
	if (utf8_upper(&up, s, NULL) != 0 || utf8_check(up, NULL) != 0)
		abort();
out:
	free(up);
	free(back);
	free(u16);
	free(s);
}

static void
fuzz_as_utf16(const uint8_t *data, size_t size)
{
	uint8_t *u16 = NULL;
	char *s = NULL;
	struct errinfo ei;
	size_t n = 0;
	int r;

	err_clear(&ei);
	r = utf16_to_utf8(&s, data, size, &ei);
	if (r != 0) {
		if ((r != ERR_FORMAT && r != ERR_NOMEM) || s != NULL ||
		    ei.code != r)
			abort();
		return;
	}
	if (size % 2 != 0 || utf8_check(s, NULL) != 0)
		abort();
	if (utf8_to_utf16(&u16, &n, s, strlen(s), NULL) != 0 || n != size ||
	    (size > 0 && memcmp(u16, data, size) != 0))
		abort();
	free(u16);
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_as_utf8(data, size);
	fuzz_as_utf16(data, size);
	return 0;
}
