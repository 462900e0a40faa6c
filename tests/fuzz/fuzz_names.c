/*
 * tests/fuzz/fuzz_names.c - libFuzzer target for common/names: the domain,
 * computer and account checks and names_trust_account.  Invariants:
 *   - every failure is ERR_INVALID with a one-line message free of control
 *     bytes;
 *   - a valid domain name is a valid computer name of at most 15
 *     characters;
 *   - names_trust_account succeeds only for a valid domain name, gives
 *     the upper-cased name and '$', always a valid account name, and
 *     refuses a valid domain name only when "NAME$" is not one;
 *   - names_upper output compares equal to the input with names_equal.
 * Also built with gcc against tests/fuzz/replay.c to replay the corpus.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_check_msg(int r, const struct errinfo *ei)
{
	size_t i;

	if (r == 0) {
		if (ei->code != 0)
			abort();
		return;
	}
	if (r != ERR_INVALID || ei->code != ERR_INVALID || ei->msg[0] == '\0')
		abort();
	for (i = 0; ei->msg[i] != '\0'; i++)
		if ((unsigned char)ei->msg[i] < 0x20 || ei->msg[i] == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, trust[NAMES_NETBIOS_MAX + 2], up[64];
	struct errinfo ei;
	size_t len;
	int rd, rc, ra, rt;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size > 0)
		memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	err_clear(&ei);
	rd = names_domain_check(s, &ei);
	fuzz_check_msg(rd, &ei);
	err_clear(&ei);
	rc = names_computer_check(s, &ei);
	fuzz_check_msg(rc, &ei);
	err_clear(&ei);
	ra = names_account_check(s, &ei);
	fuzz_check_msg(ra, &ei);
	err_clear(&ei);
	rt = names_trust_account(trust, sizeof(trust), s, &ei);
	if (rt == 0 && rd != 0)
		abort();
	if (rt != 0 && trust[0] != '\0')
		abort();
	fuzz_check_msg(rt, &ei);
	if (names_upper(up, sizeof(up), s) == 0 && !names_equal(up, s))
		abort();
	if (rd == 0 && (rc != 0 || len > NAMES_NETBIOS_MAX))
		abort();
	if (rt == 0) {
		/* trust is the upper-cased name and a '$' */
		if (names_account_check(trust, NULL) != 0 ||
		    memcmp(trust, up, len) != 0 || trust[len] != '$' ||
		    trust[len + 1] != '\0')
			abort();
	} else if (rd == 0) {
		/* only the account rules can refuse a valid domain name */
		memcpy(trust, up, len);
		trust[len] = '$';
		trust[len + 1] = '\0';
		if (names_account_check(trust, NULL) == 0)
			abort();
	}
	free(s);
	return 0;
}
