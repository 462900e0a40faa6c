/*
 * tests/fuzz/fuzz_sid_parse.c - libFuzzer target for sid_parse (the SID
 * text form, common/sid.c).  Invariants checked on every input:
 *   - a failure leaves a cleared struct sid and a one-line message;
 *   - a success formats, the text parses back to an equal SID, and
 *     formatting is then a fixed point.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/sid.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[SID_STR_MAX], buf2[SID_STR_MAX];
	struct errinfo ei;
	struct sid sid, again;
	int r;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	err_clear(&ei);
	r = sid_parse(&sid, s, &ei);
	if (r != 0) {
		if (ei.code != r || ei.msg[0] == '\0' || sid.count != 0 ||
		    sid.rev != 0 || strchr(ei.msg, '\n') != NULL)
			abort();
		goto done;
	}
	if (sid.rev != 1 || sid.count > SID_MAX_SUBAUTH ||
	    sid.auth > 0xFFFFFFFFFFFFull)
		abort();
	if (sid_format(&sid, buf, sizeof(buf)) != 0)
		abort();
	if (sid_parse(&again, buf, NULL) != 0 || !sid_equal(&sid, &again))
		abort();
	if (sid_format(&again, buf2, sizeof(buf2)) != 0 ||
	    strcmp(buf, buf2) != 0)
		abort();
done:
	free(s);
	return 0;
}
