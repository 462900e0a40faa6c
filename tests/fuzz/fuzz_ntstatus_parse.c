/*
 * tests/fuzz/fuzz_ntstatus_parse.c - libFuzzer target for ntstatus_parse
 * (names, hex and Win32 forms) and, on the first four bytes as a code,
 * ntstatus_lookup/ntstatus_name.  Any entry returned must be a member of
 * the table; an unknown code must print as 0x%08X.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/ntstatus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ntstatus_info *e;
	char *s, buf[16], want[16];
	const char *name;
	uint32_t code = 0;
	size_t i;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	e = ntstatus_parse(s);
	if (e != NULL && ntstatus_lookup(e->code) != e)
		abort();
	free(s);

	for (i = 0; i < 4 && i < size; i++)
		code = (code << 8) | data[i];
	e = ntstatus_lookup(code);
	name = ntstatus_name(code, buf, sizeof(buf));
	if (e != NULL) {
		if (e->code != code || strcmp(name, e->name) != 0)
			abort();
	} else {
		snprintf(want, sizeof(want), "0x%08X", (unsigned int)code);
		if (strcmp(name, want) != 0)
			abort();
	}
	return 0;
}
