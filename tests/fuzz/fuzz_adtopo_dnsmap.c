/*
 * tests/fuzz/fuzz_adtopo_dnsmap.c - libFuzzer target for adtopo_dns_map
 * (migrate/adtopo.c: the --dns-map file of migrate --topology, lines
 * "NAME FQDN").  A fixed topology of four domains; on every input:
 *   - the result is 0 or ERR_INVALID/ERR_RANGE with a one-line message
 *     free of control bytes (a bad line is named by its number);
 *   - after success every DNS name set passes adtrust_dns_check and is
 *     lower case;
 *   - the parse never reads past size (ASan) and never allocates.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "migrate/adtopo.h"
#include "migrate/adtrust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = { "ACCOUNTS", "RES1", "RES2", "LEGACY" };
	struct adtopo *t = NULL;
	struct errinfo ei;
	size_t i, k;
	int r;

	if (adtopo_new(&t, NULL) != 0)
		return 0;
	for (i = 0; i < 4; i++)
		if (adtopo_domain_add(t, names[i], NULL, NULL, NULL) != 0)
			abort();
	err_clear(&ei);
	r = adtopo_dns_map(t, data, size, &ei);
	if (r != 0) {
		if ((r != ERR_INVALID && r != ERR_RANGE) || ei.msg[0] == '\0')
			abort();
		for (k = 0; ei.msg[k] != '\0'; k++)
			if ((unsigned char)ei.msg[k] < 0x20 ||
			    ei.msg[k] == 0x7f)
				abort();
	} else {
		for (i = 0; i < 4; i++) {
			const char *dns = adtopo_domain(t, i)->dns;

			if (dns[0] == '\0')
				continue;
			if (adtrust_dns_check(dns, NULL) != 0)
				abort();
			for (k = 0; dns[k] != '\0'; k++)
				if (dns[k] >= 'A' && dns[k] <= 'Z')
					abort();
		}
	}
	adtopo_free(t);
	return 0;
}
