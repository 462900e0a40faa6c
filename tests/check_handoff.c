/*
 * tests/check_handoff.c - migrate/handoff: the hand-off file of `migrate
 * --sides this` (docs/formats/handoff.md).  Good files give their exact
 * fields; each malformed file in tests/data/handoff/ is refused with its
 * exact code and message (one rule broken per file); the verifier matches
 * the hash it was made from and nothing else (RFC 8018 PBKDF2 against an
 * independent vector); every truncation and every bit flip of a good file
 * is refused cleanly or parses; and the reader allocates nothing of ours.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/hex.h"
#include "common/mem.h"
#include "common/sid.h"
#include "migrate/handoff.h"

#define DIR TEST_DATA_DIR "/handoff/"

static uint8_t *
ho_read(const char *name, size_t *len)
{
	char path[256];
	uint8_t *buf = malloc(HANDOFF_MAX_BYTES * 2);
	FILE *f;

	snprintf(path, sizeof(path), DIR "%s.json", name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL && buf != NULL, "%s: cannot read", path);
	*len = fread(buf, 1, HANDOFF_MAX_BYTES * 2, f);
	fclose(f);
	return buf;
}

START_TEST(test_good_two_way)
{
	struct handoff h;
	struct errinfo ei;
	char sid[SID_STR_MAX], hex[65];
	size_t len;
	uint8_t *buf = ho_read("good-two-way", &len);

	err_clear(&ei);
	ck_assert_msg(handoff_parse(&h, buf, len, &ei) == 0, "%s", ei.msg);
	ck_assert_str_eq(h.create_on.flat, "ACCOUNTS");
	ck_assert_str_eq(h.create_on.dns, "acc.example.com");
	ck_assert_int_eq(sid_format(&h.create_on.sid, sid, sizeof(sid)), 0);
	ck_assert_str_eq(sid, "S-1-5-21-436330460-1549389561-1646516250");
	ck_assert_str_eq(h.partner.flat, "RESOURCE");
	ck_assert_str_eq(h.partner.dns, "res.example.com");
	ck_assert_int_eq(sid_format(&h.partner.sid, sid, sizeof(sid)), 0);
	ck_assert_str_eq(sid, "S-1-5-21-1871456817-941185237-525197462");
	ck_assert_uint_eq(h.direction, 3);
	ck_assert_uint_eq(h.type, 2);
	ck_assert_uint_eq(h.attributes, 4);
	ck_assert_int_eq(h.account_needed, 1);
	ck_assert_uint_eq(h.nver, 2);
	/* the file's order: RESOURCE's outgoing first, then its incoming */
	ck_assert_str_eq(h.ver[0].trusting, "RESOURCE");
	ck_assert_str_eq(h.ver[0].trusted, "ACCOUNTS");
	ck_assert_str_eq(h.ver[1].trusting, "ACCOUNTS");
	ck_assert_str_eq(h.ver[1].trusted, "RESOURCE");
	ck_assert_uint_eq(h.ver[0].iterations, 100000);
	free(buf);
	buf = ho_read("good-two-way", &len);
	/* the salt and the verifier as the file spells them */
	{
		const char *p = strstr((const char *)buf, "\"salt\": \"");

		ck_assert_ptr_nonnull(p);
		hex_encode(h.ver[0].salt, sizeof(h.ver[0].salt), hex);
		ck_assert_int_eq(strncmp(p + 9, hex, 32), 0);
		p = strstr(p, "\"verifier\": \"");
		ck_assert_ptr_nonnull(p);
		hex_encode(h.ver[0].dk, sizeof(h.ver[0].dk), hex);
		ck_assert_int_eq(strncmp(p + 13, hex, 64), 0);
	}
	free(buf);
}
END_TEST

START_TEST(test_good_inbound)
{
	struct handoff h;
	struct errinfo ei;
	size_t len;
	uint8_t *buf = ho_read("good-inbound", &len);

	err_clear(&ei);
	ck_assert_msg(handoff_parse(&h, buf, len, &ei) == 0, "%s", ei.msg);
	ck_assert_uint_eq(h.direction, 1);
	ck_assert_int_eq(h.account_needed, 1);
	ck_assert_uint_eq(h.nver, 1);
	ck_assert_str_eq(h.ver[0].trusting, "RESOURCE");
	ck_assert_str_eq(h.ver[0].trusted, "ACCOUNTS");
	free(buf);
}
END_TEST

static const struct {
	const char *file;
	int code;
	const char *msg;
} bad[] = {
	{ "account-flag-string", ERR_FORMAT,
	  "\"trust_account_needed\" is not true or false" },
	{ "account-flag", ERR_FORMAT,
	  "\"trust_account_needed\" is false, but a bidirectional trust needs "
	  "the trust account RESOURCE$" },
	{ "attributes-0x10", ERR_FORMAT,
	  "\"trustAttributes\" 0x14: only 0x4 (quarantined) may be handed "
	  "off" },
	{ "direction-0", ERR_FORMAT, "\"trustDirection\" 0: no direction" },
	{ "direction-4", ERR_RANGE, "\"trustDirection\" 4 is not in 0..3" },
	{ "direction-name", ERR_FORMAT,
	  "\"direction\" does not say bidirectional, as trustDirection 3 "
	  "does" },
	{ "direction-string", ERR_FORMAT,
	  "\"trustDirection\" is not an integer" },
	{ "dns-bad", ERR_FORMAT,
	  "partner.dns: DNS name 'res..example.com' has an empty label" },
	{ "duplicate-key", ERR_FORMAT,
	  "not JSON: line 17, column 13: duplicate object key near "
	  "'\"trustType\"'" },
	{ "empty", ERR_FORMAT,
	  "not JSON: line 1, column 0: '[' or '{' expected near end of file" },
	{ "flat-bad", ERR_FORMAT,
	  "create_on.flat: domain name 'ACC*UNTS': character '*' is not "
	  "allowed in a NetBIOS name" },
	{ "flat-missing", ERR_FORMAT, "partner: \"flat\" is missing" },
	{ "iterations-high", ERR_RANGE,
	  "verifiers[1]: \"iterations\" 10000001 is not in 0..10000000" },
	{ "iterations-low", ERR_RANGE,
	  "verifiers[0]: \"iterations\" 999 is under 1000" },
	{ "iterations-negative", ERR_RANGE,
	  "verifiers[1]: \"iterations\" -1 is not in 0..10000000" },
	{ "kdf", ERR_FORMAT,
	  "verifiers[0]: \"kdf\" is not \"PBKDF2-HMAC-SHA256 of the NT "
	  "hash\"" },
	{ "no-magic", ERR_FORMAT,
	  "not an nt4trust hand-off file (no \"nt4trust_handoff\")" },
	{ "not-object", ERR_FORMAT, "not a JSON object" },
	{ "note-number", ERR_FORMAT, "\"note\" is not a string" },
	{ "nul-in-string", ERR_FORMAT,
	  "not JSON: line 10, column 28: \\x5Cu0000 is not allowed without "
	  "JSON_ALLOW_NUL near '\"RESO\\x5Cu0000URCE\"'" },
	/* fuzz_handoff: a newline inside the DNS name (\n in the JSON) */
	{ "dns-newline", ERR_FORMAT,
	  "partner.dns: DNS name "
	  "'res.example."
	  "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXcomrerestrustDirectio\\x0"
	  "Ae.comres.example.comaaeeeeeeeeres.exffffffffffffffffffff" },
	/* fuzz_handoff: jansson quoted a newline of the input */
	{ "newline-in-error", ERR_FORMAT,
	  "not JSON: line 8, column 0: invalid escape near '\"S-t\\x5C\\x0A'" },
	{ "salt-short", ERR_FORMAT,
	  "verifiers[0]: \"salt\" is not 32 hex digits" },
	{ "same-domain", ERR_FORMAT,
	  "create_on and partner are the same domain (ACCOUNTS)" },
	{ "sid-bad", ERR_FORMAT,
	  "create_on.sid: SID 'S-1-5-21-x': sub-authority 2 is not a number" },
	{ "sid-not-domain", ERR_FORMAT,
	  "create_on.sid: S-1-5-32-544 is not a domain SID" },
	{ "too-big", ERR_RANGE,
	  "70012 bytes: a hand-off file is at most 65536" },
	{ "truncated", ERR_FORMAT,
	  "not JSON: line 3, column 71: premature end of input" },
	{ "type-1", ERR_FORMAT,
	  "\"trustType\" 1 is not 2 (an AD external trust)" },
	{ "unknown-member", ERR_FORMAT, "unknown member \"password\"" },
	{ "verifier-dup", ERR_FORMAT,
	  "verifiers[1]: a second verifier for RESOURCE trusts ACCOUNTS" },
	{ "verifier-nonhex", ERR_FORMAT,
	  "verifiers[0]: \"verifier\" is not 64 hex digits" },
	{ "verifier-stranger", ERR_FORMAT,
	  "verifiers[0]: not a trust between ACCOUNTS and RESOURCE" },
	{ "verifier-wrong-direction", ERR_FORMAT,
	  "verifiers[0]: ACCOUNTS trusts RESOURCE is not a direction of this "
	  "trust (inbound)" },
	{ "verifiers-object", ERR_FORMAT, "\"verifiers\" is not an array" },
	{ "verifiers-one", ERR_FORMAT,
	  "\"verifiers\" holds 1; a bidirectional trust has 2" },
	{ "version-2", ERR_FORMAT,
	  "hand-off version \"2\" is not 1 (a newer nt4trust wrote it?)" },
};

START_TEST(test_bad)
{
	static const struct handoff zero;
	struct handoff h;
	struct errinfo ei;
	size_t len;
	uint8_t *buf = ho_read(bad[_i].file, &len);

	err_clear(&ei);
	ck_assert_int_eq(handoff_parse(&h, buf, len, &ei), bad[_i].code);
	ck_assert_int_eq(ei.code, bad[_i].code);
	ck_assert_str_eq(ei.msg, bad[_i].msg);
	ck_assert_int_eq(memcmp(&h, &zero, sizeof(h)), 0);
	free(buf);
}
END_TEST

/*
 * PBKDF2-HMAC-SHA256 (RFC 8018) vector of RFC 7914 section 11:
 * P = "passwd", S = "salt", c = 1, dkLen 64; its first 32 bytes.  A
 * verifier whose "NT hash" is 16 bytes is checked with our own make
 * against verify instead (the KDF input is always 16 bytes).
 */
START_TEST(test_verify)
{
	struct handoff_verifier v, w;
	uint8_t h1[16], h2[16], dk[32], want[32];

	ck_assert_int_eq(crypto_pbkdf2_sha256("passwd", 6,
					      (const uint8_t *)"salt", 4, 1, dk,
					      sizeof(dk)),
			 0);
	ck_assert_int_eq(hex_decode("55ac046e56e3089fec1691c22544b605f94185216d"
				    "de0465e68b9d57c20dacbc",
				    want, 32, NULL),
			 0);
	ck_assert_int_eq(memcmp(dk, want, 32), 0);
	memset(h1, 0x11, sizeof(h1));
	memcpy(h2, h1, sizeof(h2));
	h2[15] ^= 1;
	ck_assert_int_eq(handoff_make_verifier(&v, "resource", "Accounts", h1,
					       HANDOFF_ITER_MIN),
			 0);
	ck_assert_str_eq(v.trusting, "RESOURCE");
	ck_assert_str_eq(v.trusted, "ACCOUNTS");
	ck_assert_int_eq(handoff_verify(&v, h1), 0);
	ck_assert_int_eq(handoff_verify(&v, h2), ERR_ACCESS);
	/* a fresh salt every time: two verifiers of one hash differ */
	ck_assert_int_eq(handoff_make_verifier(&w, "RESOURCE", "ACCOUNTS", h1,
					       HANDOFF_ITER_MIN),
			 0);
	ck_assert_int_ne(memcmp(v.salt, w.salt, sizeof(v.salt)), 0);
	ck_assert_int_ne(memcmp(v.dk, w.dk, sizeof(v.dk)), 0);
	ck_assert_int_eq(handoff_verify(&w, h1), 0);
	/* the dk is PBKDF2 of the hash with the salt and count */
	ck_assert_int_eq(crypto_pbkdf2_sha256(h1, 16, v.salt, sizeof(v.salt),
					      v.iterations, dk, sizeof(dk)),
			 0);
	ck_assert_int_eq(memcmp(dk, v.dk, 32), 0);
	ck_assert_int_eq(handoff_make_verifier(&w, "RESOURCE", "ACCOUNTS", h1,
					       HANDOFF_ITER_MIN - 1),
			 ERR_INVALID);
	ck_assert_int_eq(handoff_make_verifier(&w, "RESOURCE", "ACCOUNTS", h1,
					       HANDOFF_ITER_MAX + 1),
			 ERR_INVALID);
}
END_TEST

/* every prefix of a good file is refused, with a message, nothing kept */
START_TEST(test_truncation)
{
	static const struct handoff zero;
	struct handoff h;
	struct errinfo ei;
	size_t len, n;
	uint8_t *buf = ho_read("good-two-way", &len);

	for (n = 0; n < len; n++) {
		int r;

		err_clear(&ei);
		r = handoff_parse(&h, buf, n, &ei);
		/* the closing brace (and a final newline) are all it needs */
		if (n >= len - 1 && r == 0)
			continue;
		ck_assert_msg(r == ERR_FORMAT, "prefix %zu: %d", n, r);
		ck_assert_msg(ei.msg[0] != '\0', "prefix %zu: no message", n);
		ck_assert_int_eq(memcmp(&h, &zero, sizeof(h)), 0);
	}
	free(buf);
}
END_TEST

/* every single-bit change of a good file: a result or a clean refusal */
START_TEST(test_bitflip)
{
	static const struct handoff zero;
	struct handoff h;
	struct errinfo ei;
	size_t len, i;
	uint8_t *buf = ho_read("good-inbound", &len);
	int bit, r, ok = 0, refused = 0;

	for (i = 0; i < len; i++)
		for (bit = 0; bit < 8; bit++) {
			buf[i] ^= (uint8_t)(1u << bit);
			err_clear(&ei);
			r = handoff_parse(&h, buf, len, &ei);
			buf[i] ^= (uint8_t)(1u << bit);
			if (r == 0) {
				ok++;
				continue;
			}
			refused++;
			ck_assert_msg(r == ERR_FORMAT || r == ERR_RANGE,
				      "byte %zu bit %d: %d", i, bit, r);
			ck_assert_msg(ei.msg[0] != '\0' &&
					      strchr(ei.msg, '\n') == NULL,
				      "byte %zu bit %d: message", i, bit);
			ck_assert_int_eq(memcmp(&h, &zero, sizeof(h)), 0);
		}
	/* flips inside the salt, verifier or note still parse */
	ck_assert_int_gt(ok, 0);
	ck_assert_int_gt(refused, ok);
	free(buf);
}
END_TEST

/*
 * The reader allocates nothing of its own (jansson keeps its allocator:
 * see migrate/handoff.c): with every allocation of common/mem.c failing it
 * gives the same result.
 */
START_TEST(test_alloc_fail)
{
	struct handoff h, ref;
	size_t len;
	uint8_t *buf = ho_read("good-two-way", &len);
	int r;

	ck_assert_int_eq(handoff_parse(&ref, buf, len, NULL), 0);
	mem_fail_after(0);
	r = handoff_parse(&h, buf, len, NULL);
	ck_assert_int_eq(mem_fail_fired(), 0);
	mem_fail_after(-1);
	ck_assert_int_eq(r, 0);
	ck_assert_int_eq(memcmp(&h, &ref, sizeof(h)), 0);
	free(buf);
}
END_TEST

Suite *handoff_suite(void);

Suite *
handoff_suite(void)
{
	Suite *s = suite_create("handoff");
	TCase *tc = tcase_create("handoff");

	tcase_add_test(tc, test_good_two_way);
	tcase_add_test(tc, test_good_inbound);
	tcase_add_loop_test(tc, test_bad, 0,
			    (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_verify);
	tcase_add_test(tc, test_truncation);
	tcase_add_test(tc, test_bitflip);
	tcase_add_test(tc, test_alloc_fail);
	suite_add_tcase(s, tc);
	return s;
}
