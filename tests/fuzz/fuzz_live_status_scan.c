/*
 * tests/fuzz/fuzz_live_status_scan.c - libFuzzer target for migrate/live:
 * live_status_scan over arbitrary "debug text" (libsmbclient's messages
 * are shaped by what the server answers), and the //SERVER and
 * DOMAIN\user parsers on the same bytes as a C string.  Invariants:
 *   - a found status is "NT_STATUS_" plus at least one of [A-Z0-9_],
 *     shorter than LIVE_STATUS_NAME, never NT_STATUS_OK, and its code is
 *     what ntstatus_parse() gives for it (0 when unknown);
 *   - nothing found leaves the name empty and the code 0;
 *   - the parsers succeed with a name that fits, or fail with ERR_INVALID
 *     and a message.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/ntstatus.h"
#include "migrate/live.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct ntstatus_info *i;
	char name[LIVE_STATUS_NAME], srv[LIVE_SERVER_MAX + 1];
	char dom[16], user[LIVE_USER_MAX + 1];
	struct errinfo ei;
	uint32_t code = 1;
	size_t k, n;
	char *s;
	int r;

	if (live_status_scan(data, size, name, sizeof(name), &code)) {
		n = strlen(name);
		if (n <= 10 || n >= LIVE_STATUS_NAME ||
		    strncmp(name, "NT_STATUS_", 10) != 0 ||
		    strcmp(name, "NT_STATUS_OK") == 0)
			abort();
		for (k = 10; k < n; k++)
			if (!((name[k] >= 'A' && name[k] <= 'Z') ||
			      (name[k] >= '0' && name[k] <= '9') ||
			      name[k] == '_'))
				abort();
		i = ntstatus_parse(name);
		if (code != (i != NULL ? i->code : 0))
			abort();
	} else if (name[0] != '\0' || code != 0) {
		abort();
	}
	if (size > 4096)
		return 0;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	err_clear(&ei);
	r = live_server_parse(s, srv, sizeof(srv), &ei);
	if (r == 0 ? strlen(srv) == 0 || strlen(srv) > LIVE_SERVER_MAX :
		     r != ERR_INVALID || ei.msg[0] == '\0')
		abort();
	err_clear(&ei);
	r = live_account_parse(s, dom, sizeof(dom), user, sizeof(user), &ei);
	if (r == 0 ? dom[0] == '\0' || user[0] == '\0' :
		     r != ERR_INVALID || ei.msg[0] == '\0')
		abort();
	free(s);
	return 0;
}
