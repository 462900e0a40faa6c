/*
 * tests/fuzz/fuzz_scenario_parse.c - libFuzzer target for the scenario file
 * parser (nt4/scenario.c).  Every parsed RUN item must be well formed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nt4/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario *s = NULL;
	size_t i;

	if (scenario_parse(&s, (const char *)data, size, NULL) != 0) {
		if (s != NULL)
			abort();
		return 0;
	}
	for (i = 0; i < s->n; i++) {
		const struct scenario_item *it = &s->items[i];

		if (it->text == NULL || it->line == 0)
			abort();
		if (it->kind == SCENARIO_RUN &&
		    (it->argc < 1 || it->argc > SCENARIO_ARGS_MAX ||
		     it->argv[it->argc] != NULL || it->expect_exit > 255))
			abort();
	}
	scenario_free(s);
	return 0;
}
