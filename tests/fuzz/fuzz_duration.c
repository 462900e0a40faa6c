/*
 * tests/fuzz/fuzz_duration.c - libFuzzer target for duration_parse and
 * duration_format (common/duration.c).  The input up to its first NUL is
 * the string typed after "nt4trust clock advance".  Invariants checked on
 * every input:
 *   - a failure is ERR_INVALID with *secs 0, ei.code set, an offset within
 *     the string and a message that names the duration;
 *   - a success is 1 .. DURATION_MAX seconds, its canonical form parses
 *     back to the same value, and formatting is then a fixed point.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/duration.h"
#include "common/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[DURATION_FMT_MAX], buf2[DURATION_FMT_MAX];
	struct errinfo ei;
	uint64_t secs = 1, again = 0;
	size_t i;
	int r;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	err_clear(&ei);
	r = duration_parse(s, &secs, &ei);
	if (r != 0) {
		if (r != ERR_INVALID || secs != 0 || ei.code != r ||
		    ei.offset > strlen(s) ||
		    strncmp(ei.msg, "duration", 8) != 0)
			abort();
		goto done;
	}
	if (secs == 0 || secs > DURATION_MAX || ei.code != 0)
		abort();
	duration_format(secs, buf, sizeof(buf));
	if (duration_parse(buf, &again, NULL) != 0 || again != secs)
		abort();
	duration_format(again, buf2, sizeof(buf2));
	if (strcmp(buf, buf2) != 0)
		abort();
	/* The canonical form has no group of 0 ("1d0h" formats as "1d"). */
	for (i = 0; buf[i] != '\0'; i++)
		if (buf[i] == '0' && (i == 0 || strchr("wdhms", buf[i - 1])))
			abort();
done:
	free(s);
	return 0;
}
