/*
 * tools/cli_file.c - reading a whole input file named on the command line
 * (a scenario, a --dns-map, a hand-off file), bounded in size; each caller
 * words its own messages from the outcome.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "common/mem.h"

int
cli_file_read(const char *path, size_t max, char **text, size_t *len, int *err)
{
	FILE *f;
	char *p = NULL, *np;
	size_t n = 0, cap = 0, got;
	int r = CLI_FILE_READ;

	*text = NULL;
	*len = 0;
	*err = 0;
	if ((f = fopen(path, "rb")) == NULL) {
		*err = errno;
		return CLI_FILE_OPEN;
	}
	for (;;) {
		if (n == cap) {
			if (cap > max) {
				r = CLI_FILE_BIG;
				goto out;
			}
			cap = cap ? 2 * cap : 65536;
			if (cap > max + 1)
				cap = max + 1;
			if ((np = mem_realloc(p, cap + 1)) == NULL) {
				r = CLI_FILE_NOMEM;
				goto out;
			}
			p = np;
		}
		got = fread(p + n, 1, cap - n, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*err = errno;
		goto out;
	}
	if (n > max) {
		r = CLI_FILE_BIG;
		goto out;
	}
	p[n] = '\0';
	*text = p;
	*len = n;
	p = NULL;
	r = CLI_FILE_OK;
out:
	fclose(f);
	free(p);
	return r;
}
