/*
 * tests/check_crypto.c - known-answer tests for every primitive of
 * common/crypto (and the NT/LM one-way functions built on them).
 *
 * NT and LM hashes come from tests/data/vectors/nt_hashes.json.  The other
 * answers are published test vectors: RFC 1321 / FIPS 180-2 ("abc"),
 * RFC 2202 (HMAC-MD5), RFC 4231 (HMAC-SHA256), RFC 6229 (RC4), NIST SP
 * 800-38A F.3.7 (AES-128-CFB8) and the classic FIPS 81 DES example
 * ("Now is t" under 0123456789abcdef).
 */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/ntlm.h"
#include "testutil.h"

Suite *crypto_suite(void);

static void
hexbin(const char *h, uint8_t *out, size_t n)
{
	size_t i;

	ck_assert_uint_eq(strlen(h), 2 * n);
	for (i = 0; i < n; i++) {
		unsigned v = 0;
		int j;

		for (j = 0; j < 2; j++) {
			char c = h[2 * i + (size_t)j];

			v <<= 4;
			if (c >= '0' && c <= '9')
				v |= (unsigned)(c - '0');
			else if (c >= 'a' && c <= 'f')
				v |= (unsigned)(c - 'a' + 10);
			else
				ck_abort_msg("bad hex");
		}
		out[i] = (uint8_t)v;
	}
}

START_TEST(test_init)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(crypto_init(&ei), 0);
	ck_assert_int_eq(crypto_init(NULL), 0); /* idempotent */
	ck_assert_int_eq(ei.code, 0);
}
END_TEST

/* MD4 over every raw UTF-16LE buffer of nt_hashes.json. */
START_TEST(test_md4_vectors)
{
	json_t *root = tu_load_json("vectors/nt_hashes.json");
	json_t *vecs = tu_vectors(root), *v;
	size_t i, n;
	int raw_seen = 0;

	json_array_foreach (vecs, i, v) {
		uint8_t want[16], got[16], got2[16];
		uint8_t *pw16 = tu_hex_alloc(v, "password_utf16le", &n);

		tu_hex(v, "nt_hash", want, 16);
		ck_assert_int_eq(crypto_md4(pw16, n, got), 0);
		ck_assert_mem_eq(got, want, 16);
		ck_assert_int_eq(ntlm_nt_hash_raw(pw16, n, got2), 0);
		ck_assert_mem_eq(got2, want, 16);
		if (json_object_get(v, "password") == NULL)
			raw_seen = 1; /* the lone-surrogate buffer */
		free(pw16);
	}
	ck_assert_int_eq(raw_seen, 1);
	json_decref(root);
}
END_TEST

/* LMOWFv1: present exactly for the vectors that carry an lm_hash. */
START_TEST(test_lm_vectors)
{
	json_t *root = tu_load_json("vectors/nt_hashes.json");
	json_t *vecs = tu_vectors(root), *v;
	size_t i;
	int with_lm = 0;

	json_array_foreach (vecs, i, v) {
		uint8_t want[16], got[16];
		int present = -1;

		if (json_object_get(v, "password") == NULL)
			continue;
		ck_assert_int_eq(
			ntlm_lm_hash(tu_str(v, "password"), got, &present), 0);
		if (json_object_get(v, "lm_hash") != NULL) {
			tu_hex(v, "lm_hash", want, 16);
			ck_assert_int_eq(present, 1);
			ck_assert_mem_eq(got, want, 16);
			with_lm++;
		} else {
			static const uint8_t zero[16];

			ck_assert_int_eq(present, 0);
			ck_assert_mem_eq(got, zero, 16);
		}
	}
	ck_assert_int_ge(with_lm, 4);
	json_decref(root);
}
END_TEST

START_TEST(test_lm_hash_limits)
{
	uint8_t a[16], b[16];
	int present;

	/* upper-casing: the LM hash ignores case */
	ck_assert_int_eq(ntlm_lm_hash("secret#1", a, &present), 0);
	ck_assert_int_eq(present, 1);
	ck_assert_int_eq(ntlm_lm_hash("SECRET#1", b, &present), 0);
	ck_assert_mem_eq(a, b, 16);
	/* 14 characters is the limit */
	ck_assert_int_eq(ntlm_lm_hash("abcdefghijklmn", a, &present), 0);
	ck_assert_int_eq(present, 1);
	ck_assert_int_eq(ntlm_lm_hash("abcdefghijklmno", a, &present), 0);
	ck_assert_int_eq(present, 0);
}
END_TEST

START_TEST(test_des7_expand)
{
	static const uint8_t ones[7] = { 0xff, 0xff, 0xff, 0xff,
					 0xff, 0xff, 0xff };
	uint8_t k7[7], k8[8], want[8];

	/* 0123456789abcdef without parity bits <-> these 7 bytes */
	hexbin("00451338957377", k7, 7);
	crypto_des7_expand(k7, k8);
	hexbin("0022446688aaccee", want, 8);
	ck_assert_mem_eq(k8, want, 8);
	hexbin("fedcba98765432", k7, 7);
	crypto_des7_expand(k7, k8);
	hexbin("fe6e2e5286b25064", want, 8);
	ck_assert_mem_eq(k8, want, 8);
	crypto_des7_expand(ones, k8);
	hexbin("fefefefefefefefe", want, 8);
	ck_assert_mem_eq(k8, want, 8);
}
END_TEST

START_TEST(test_des7_kat)
{
	uint8_t k7[7], out[8], back[8], want[8];
	static const uint8_t now_is_t[8] = { 'N', 'o', 'w', ' ',
					     'i', 's', ' ', 't' };

	/* FIPS 81 example; parity bits ignored (cleared by the expansion) */
	hexbin("00451338957377", k7, 7);
	ck_assert_int_eq(crypto_des7_encrypt(k7, now_is_t, out), 0);
	hexbin("3fa40e8a984d4815", want, 8);
	ck_assert_mem_eq(out, want, 8);
	ck_assert_int_eq(crypto_des7_decrypt(k7, out, back), 0);
	ck_assert_mem_eq(back, now_is_t, 8);
	/* in place */
	memcpy(back, now_is_t, 8);
	ck_assert_int_eq(crypto_des7_encrypt(k7, back, back), 0);
	ck_assert_mem_eq(back, want, 8);
}
END_TEST

START_TEST(test_des7_encrypt2)
{
	uint8_t k1[7], k2[7], t[8], want[8], out[8], k14[14];
	static const uint8_t now_is_t[8] = { 'N', 'o', 'w', ' ',
					     'i', 's', ' ', 't' };

	/* DES(k2, DES(k1, in)) in one context = two single DES passes */
	hexbin("00451338957377", k1, 7);
	hexbin("0123456789abcd", k2, 7);
	ck_assert_int_eq(crypto_des7_encrypt(k1, now_is_t, t), 0);
	ck_assert_int_eq(crypto_des7_encrypt(k2, t, want), 0);
	ck_assert_int_eq(crypto_des7_encrypt2(k1, k2, now_is_t, out), 0);
	ck_assert_mem_eq(out, want, 8);
	/* the first pass alone is the FIPS 81 example */
	hexbin("3fa40e8a984d4815", out, 8);
	ck_assert_mem_eq(t, out, 8);
	/* in place, and overlapping keys (Sk[0..6], Sk[7..13]) */
	memcpy(out, now_is_t, 8);
	ck_assert_int_eq(crypto_des7_encrypt2(k1, k2, out, out), 0);
	ck_assert_mem_eq(out, want, 8);
	memcpy(k14, k1, 7);
	memcpy(k14 + 7, k2, 7);
	ck_assert_int_eq(crypto_des7_encrypt2(k14, k14 + 7, now_is_t, out), 0);
	ck_assert_mem_eq(out, want, 8);
}
END_TEST

START_TEST(test_md5_sha256)
{
	struct crypto_iov abc = { "abc", 3 };
	struct crypto_iov split[3] = { { "a", 1 }, { "", 0 }, { "bc", 2 } };
	uint8_t m[16], s[32], want[32];

	ck_assert_int_eq(crypto_md5(&abc, 1, m), 0);
	hexbin("900150983cd24fb0d6963f7d28e17f72", want, 16);
	ck_assert_mem_eq(m, want, 16);
	ck_assert_int_eq(crypto_md5(split, 3, m), 0);
	ck_assert_mem_eq(m, want, 16);
	ck_assert_int_eq(crypto_sha256(&abc, 1, s), 0);
	hexbin("ba7816bf8f01cfea414140de5dae2223"
	       "b00361a396177a9cb410ff61f20015ad",
	       want, 32);
	ck_assert_mem_eq(s, want, 32);
	ck_assert_int_eq(crypto_sha256(split, 3, s), 0);
	ck_assert_mem_eq(s, want, 32);
	/* empty message */
	ck_assert_int_eq(crypto_md5(NULL, 0, m), 0);
	hexbin("d41d8cd98f00b204e9800998ecf8427e", want, 16);
	ck_assert_mem_eq(m, want, 16);
}
END_TEST

/* RFC 2202 section 2, test cases 1, 2, 3 and 6. */
START_TEST(test_hmac_md5_rfc2202)
{
	uint8_t key[80], data[50], out[16], want[16];
	struct crypto_iov iov;

	memset(key, 0x0b, 16);
	iov.p = "Hi There";
	iov.n = 8;
	ck_assert_int_eq(crypto_hmac_md5(key, 16, &iov, 1, out), 0);
	hexbin("9294727a3638bb1c13f48ef8158bfc9d", want, 16);
	ck_assert_mem_eq(out, want, 16);

	iov.p = "what do ya want for nothing?";
	iov.n = 28;
	ck_assert_int_eq(crypto_hmac_md5("Jefe", 4, &iov, 1, out), 0);
	hexbin("750c783e6ab0b503eaa86e310a5db738", want, 16);
	ck_assert_mem_eq(out, want, 16);

	memset(key, 0xaa, 16);
	memset(data, 0xdd, 50);
	iov.p = data;
	iov.n = 50;
	ck_assert_int_eq(crypto_hmac_md5(key, 16, &iov, 1, out), 0);
	hexbin("56be34521d144c88dbb8c733f0e8b3f6", want, 16);
	ck_assert_mem_eq(out, want, 16);

	/* key longer than the block: hashed first */
	memset(key, 0xaa, 80);
	iov.p = "Test Using Larger Than Block-Size Key - Hash Key First";
	iov.n = 54;
	ck_assert_int_eq(crypto_hmac_md5(key, 80, &iov, 1, out), 0);
	hexbin("6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd", want, 16);
	ck_assert_mem_eq(out, want, 16);
}
END_TEST

/* RFC 4231 section 4, test cases 1, 2 and 6; plus a split message. */
START_TEST(test_hmac_sha256_rfc4231)
{
	uint8_t key[131], out[32], want[32];
	struct crypto_iov iov, split[2];

	memset(key, 0x0b, 20);
	iov.p = "Hi There";
	iov.n = 8;
	ck_assert_int_eq(crypto_hmac_sha256(key, 20, &iov, 1, out), 0);
	hexbin("b0344c61d8db38535ca8afceaf0bf12b"
	       "881dc200c9833da726e9376c2e32cff7",
	       want, 32);
	ck_assert_mem_eq(out, want, 32);
	/* the kept variant: set up, then from the cache */
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(crypto_hmac_sha256_keep(key, 20, &iov, 1, out), 0);
	ck_assert_mem_eq(out, want, 32);
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(crypto_hmac_sha256_keep(key, 20, &iov, 1, out), 0);
	ck_assert_mem_eq(out, want, 32);

	iov.p = "what do ya want for nothing?";
	iov.n = 28;
	ck_assert_int_eq(crypto_hmac_sha256("Jefe", 4, &iov, 1, out), 0);
	hexbin("5bdcc146bf60754e6a042426089575c7"
	       "5a003f089d2739839dec58b964ec3843",
	       want, 32);
	ck_assert_mem_eq(out, want, 32);
	split[0].p = "what do ya ";
	split[0].n = 11;
	split[1].p = "want for nothing?";
	split[1].n = 17;
	ck_assert_int_eq(crypto_hmac_sha256("Jefe", 4, split, 2, out), 0);
	ck_assert_mem_eq(out, want, 32);
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(crypto_hmac_sha256_keep("Jefe", 4, split, 2, out), 0);
	ck_assert_mem_eq(out, want, 32);

	memset(key, 0xaa, 131);
	iov.p = "Test Using Larger Than Block-Size Key - Hash Key First";
	iov.n = 54;
	ck_assert_int_eq(crypto_hmac_sha256(key, 131, &iov, 1, out), 0);
	hexbin("60e431591ee0b67f0d8a26aacbf5b77f"
	       "8e0bc6213728c5140546040f0ee37f54",
	       want, 32);
	ck_assert_mem_eq(out, want, 32);
	/* a key longer than the block: the plain function's answer */
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(crypto_hmac_sha256_keep(key, 131, &iov, 1, out), 0);
	ck_assert_mem_eq(out, want, 32);
}
END_TEST

START_TEST(test_hmac_empty_key)
{
	uint8_t a[16], b[16];
	struct crypto_iov iov = { "x", 1 };

	/* a zero-length key is legal and equals an all-zero key */
	ck_assert_int_eq(crypto_hmac_md5(NULL, 0, &iov, 1, a), 0);
	ck_assert_int_eq(crypto_hmac_md5("\0\0\0\0", 4, &iov, 1, b), 0);
	ck_assert_mem_eq(a, b, 16);
}
END_TEST

/* RFC 6229: 40-bit and 128-bit keys, keystream offset 0. */
START_TEST(test_rc4_rfc6229)
{
	uint8_t key[16], buf[16], want[16];
	static const uint8_t zero[16];

	hexbin("0102030405", key, 5);
	ck_assert_int_eq(crypto_rc4(key, 5, zero, buf, 16), 0);
	hexbin("b2396305f03dc027ccc3524a0a1118a8", want, 16);
	ck_assert_mem_eq(buf, want, 16);

	hexbin("0102030405060708090a0b0c0d0e0f10", key, 16);
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(crypto_rc4(key, 16, buf, buf, 16), 0); /* in place */
	hexbin("9ac7cc9a609d1ef7b2932899cde41b97", want, 16);
	ck_assert_mem_eq(buf, want, 16);
	/* RC4 is its own inverse */
	ck_assert_int_eq(crypto_rc4(key, 16, buf, buf, 16), 0);
	ck_assert_mem_eq(buf, zero, 16);
	/* zero-length data is fine, zero-length key is not */
	ck_assert_int_eq(crypto_rc4(key, 16, NULL, NULL, 0), 0);
	ck_assert_int_eq(crypto_rc4(key, 0, zero, buf, 16), ERR_CRYPTO);
}
END_TEST

/* NIST SP 800-38A F.3.7 CFB8-AES128.Encrypt / F.3.8 Decrypt. */
START_TEST(test_aes_cfb8_sp800_38a)
{
	uint8_t key[16], iv[16], pt[18], ct[18], out[18];

	hexbin("2b7e151628aed2a6abf7158809cf4f3c", key, 16);
	hexbin("000102030405060708090a0b0c0d0e0f", iv, 16);
	hexbin("6bc1bee22e409f96e93d7e117393172aae2d", pt, 18);
	hexbin("3b79424c9c0dd436bace9e0ed4586a4f32b9", ct, 18);
	ck_assert_int_eq(crypto_aes128_cfb8(key, iv, 1, pt, out, 18), 0);
	ck_assert_mem_eq(out, ct, 18);
	ck_assert_int_eq(crypto_aes128_cfb8(key, iv, 0, ct, out, 18), 0);
	ck_assert_mem_eq(out, pt, 18);
	/* in place */
	memcpy(out, pt, 18);
	ck_assert_int_eq(crypto_aes128_cfb8(key, iv, 1, out, out, 18), 0);
	ck_assert_mem_eq(out, ct, 18);
}
END_TEST

START_TEST(test_equal_wipe)
{
	uint8_t a[32], b[32];
	static const uint8_t zero[32];

	memset(a, 0x5a, sizeof(a));
	memset(b, 0x5a, sizeof(b));
	ck_assert_int_eq(crypto_equal(a, b, 32), 1);
	b[31] ^= 1;
	ck_assert_int_eq(crypto_equal(a, b, 32), 0);
	ck_assert_int_eq(crypto_equal(a, b, 31), 1);
	b[0] ^= 0x80;
	ck_assert_int_eq(crypto_equal(a, b, 1), 0);
	ck_assert_int_eq(crypto_equal(a, b, 0), 1);
	crypto_wipe(a, sizeof(a));
	ck_assert_mem_eq(a, zero, 32);
	crypto_wipe(NULL, 5); /* no-op */
}
END_TEST

START_TEST(test_random)
{
	uint8_t a[32], b[32];

	ck_assert_int_eq(crypto_random(a, sizeof(a)), 0);
	ck_assert_int_eq(crypto_random(b, sizeof(b)), 0);
	ck_assert_int_eq(crypto_equal(a, b, sizeof(a)), 0);
	ck_assert_int_eq(crypto_random(NULL, 0), 0);
}
END_TEST

/* One round of known answers through every cached context kind. */
static int
kat_round(void)
{
	static const uint8_t now_is_t[8] = { 'N', 'o', 'w', ' ',
					     'i', 's', ' ', 't' };
	static const uint8_t zero[16];
	uint8_t k7[7], k16[16], iv[16], pt[18], ct[18], out[18], want[16];
	struct crypto_iov iov = { "Hi There", 8 };
	int bad = 0;

	hexbin("00451338957377", k7, 7);
	hexbin("3fa40e8a984d4815", want, 8);
	bad |= crypto_des7_encrypt(k7, now_is_t, out) != 0 ||
	       memcmp(out, want, 8) != 0;
	bad |= crypto_des7_decrypt(k7, want, out) != 0 ||
	       memcmp(out, now_is_t, 8) != 0;
	hexbin("0102030405060708090a0b0c0d0e0f10", k16, 16);
	hexbin("9ac7cc9a609d1ef7b2932899cde41b97", want, 16);
	bad |= crypto_rc4(k16, 16, zero, out, 16) != 0 ||
	       memcmp(out, want, 16) != 0;
	bad |= crypto_rc4_keep(k16, 16, zero, out, 16) != 0 ||
	       memcmp(out, want, 16) != 0;
	hexbin("2b7e151628aed2a6abf7158809cf4f3c", k16, 16);
	hexbin("000102030405060708090a0b0c0d0e0f", iv, 16);
	hexbin("6bc1bee22e409f96e93d7e117393172aae2d", pt, 18);
	hexbin("3b79424c9c0dd436bace9e0ed4586a4f32b9", ct, 18);
	bad |= crypto_aes128_cfb8(k16, iv, 1, pt, out, 18) != 0 ||
	       memcmp(out, ct, 18) != 0;
	bad |= crypto_aes128_cfb8(k16, iv, 0, ct, out, 18) != 0 ||
	       memcmp(out, pt, 18) != 0;
	memset(k16, 0x0b, 16);
	hexbin("9294727a3638bb1c13f48ef8158bfc9d", want, 16);
	bad |= crypto_hmac_md5(k16, 16, &iov, 1, out) != 0 ||
	       memcmp(out, want, 16) != 0;
	return bad;
}

/*
 * The kept variants give the plain functions' results whether the key is
 * cached, evicted by others (more keys than slots) or forgotten.
 */
START_TEST(test_keep_variants)
{
	uint8_t k14[14], key[16], hk[72], in[32], a[32], b[32];
	struct crypto_iov iov;
	int i, j;

	for (i = 0; i < 32; i++)
		in[i] = (uint8_t)(7 * i + 1);
	for (i = 0; i < 40; i++) {
		/* nine keys in turn: more than the cache holds */
		for (j = 0; j < 14; j++)
			k14[j] = (uint8_t)(i % 9 + j);
		for (j = 0; j < 16; j++)
			key[j] = (uint8_t)(i % 9 * 3 + j);
		ck_assert_int_eq(crypto_des7_encrypt2(k14, k14 + 7, in, a), 0);
		ck_assert_int_eq(crypto_des7_encrypt2_keep(k14, k14 + 7, in, b),
				 0);
		ck_assert_mem_eq(a, b, 8);
		/* lengths 1..32 from the kept stream, 16- and 5-byte keys */
		ck_assert_int_eq(crypto_rc4(key, 16, in, a, 32), 0);
		ck_assert_int_eq(
			crypto_rc4_keep(key, 16, in, b, (size_t)(i % 32 + 1)),
			0);
		ck_assert_mem_eq(a, b, (size_t)(i % 32 + 1));
		ck_assert_int_eq(crypto_rc4(key, 5, in, a, 16), 0);
		ck_assert_int_eq(crypto_rc4_keep(key, 5, in, b, 16), 0);
		ck_assert_mem_eq(a, b, 16);
		/* HMAC-SHA256: key lengths 1..65, messages of 0..31 bytes */
		for (j = 0; j < 72; j++)
			hk[j] = (uint8_t)(i % 9 * 5 + j);
		iov.p = in;
		iov.n = (size_t)(i % 32);
		ck_assert_int_eq(crypto_hmac_sha256(hk, (size_t)(i % 9 * 8 + 1),
						    &iov, 1, a),
				 0);
		ck_assert_int_eq(
			crypto_hmac_sha256_keep(hk, (size_t)(i % 9 * 8 + 1),
						&iov, 1, b),
			0);
		ck_assert_mem_eq(a, b, 32);
		if (i % 10 == 9)
			crypto_forget();
	}
	/* beyond the kept stream or key size: the plain function */
	memset(key, 0x5a, sizeof(key));
	ck_assert_int_eq(crypto_rc4(key, 16, in, a, 32), 0);
	ck_assert_int_eq(crypto_rc4_keep(key, 16, in, b, 32), 0);
	ck_assert_mem_eq(a, b, 32);
	ck_assert_int_eq(crypto_rc4_keep(key, 0, in, b, 16), ERR_CRYPTO);
	ck_assert_int_eq(crypto_rc4_keep(key, 16, NULL, NULL, 0), 0);
	/* the Netlogon credential example of the FIPS 81 key */
	hexbin("00451338957377", k14, 7);
	hexbin("0123456789abcd", k14 + 7, 7);
	memcpy(in, "Now is t", 8);
	ck_assert_int_eq(crypto_des7_encrypt2(k14, k14 + 7, in, a), 0);
	ck_assert_int_eq(crypto_des7_encrypt2_keep(k14, k14 + 7, in, b), 0);
	ck_assert_mem_eq(a, b, 8);
	ck_assert_int_eq(crypto_des7_encrypt2_keep(k14, k14 + 7, in, in), 0);
	ck_assert_mem_eq(in, a, 8);
}
END_TEST

/* RFC 7914 section 11: PBKDF2-HMAC-SHA256 test vectors. */
START_TEST(test_pbkdf2_rfc7914)
{
	uint8_t out[64], want[64];

	ck_assert_int_eq(crypto_pbkdf2_sha256("passwd", 6,
					      (const uint8_t *)"salt", 4, 1,
					      out, 64),
			 0);
	hexbin("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dac"
	       "bc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a1"
	       "9783",
	       want, 64);
	ck_assert_mem_eq(out, want, 64);
	ck_assert_int_eq(crypto_pbkdf2_sha256("Password", 8,
					      (const uint8_t *)"NaCl", 4, 80000,
					      out, 64),
			 0);
	hexbin("4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab"
	       "56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f3"
	       "3c8d",
	       want, 64);
	ck_assert_mem_eq(out, want, 64);
	ck_assert_int_eq(crypto_pbkdf2_sha256("x", 1, (const uint8_t *)"s", 1,
					      0, out, 16),
			 ERR_CRYPTO);
}
END_TEST

/* Cached contexts are re-keyed on every call: interleave keys and modes. */
START_TEST(test_cache_rekey)
{
	uint8_t k7a[7] = { 1, 2, 3, 4, 5, 6, 7 }, x[8], y[8];
	static const uint8_t blk[8] = { 9, 9, 9, 9, 9, 9, 9, 9 };
	int i;

	for (i = 0; i < 50; i++) {
		ck_assert_int_eq(kat_round(), 0);
		/* other keys in between */
		ck_assert_int_eq(crypto_des7_encrypt(k7a, blk, x), 0);
		ck_assert_int_eq(crypto_des7_decrypt(k7a, x, y), 0);
		ck_assert_mem_eq(y, blk, 8);
		k7a[i % 7] ^= (uint8_t)i;
	}
}
END_TEST

static void *
kat_thread(void *arg)
{
	int *bad = arg, i;

	for (i = 0; i < 200; i++)
		*bad |= kat_round();
	return NULL;
}

/* Each thread has its own cache; results stay right under concurrency. */
START_TEST(test_threads)
{
	pthread_t th[4];
	int bad[4] = { 0 }, i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(
			pthread_create(&th[i], NULL, kat_thread, &bad[i]), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(th[i], NULL), 0);
		ck_assert_int_eq(bad[i], 0);
	}
}
END_TEST

Suite *
crypto_suite(void)
{
	Suite *s = suite_create("crypto");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_init);
	tcase_add_test(tc, test_md4_vectors);
	tcase_add_test(tc, test_lm_vectors);
	tcase_add_test(tc, test_lm_hash_limits);
	tcase_add_test(tc, test_des7_expand);
	tcase_add_test(tc, test_des7_kat);
	tcase_add_test(tc, test_des7_encrypt2);
	tcase_add_test(tc, test_md5_sha256);
	tcase_add_test(tc, test_hmac_md5_rfc2202);
	tcase_add_test(tc, test_hmac_sha256_rfc4231);
	tcase_add_test(tc, test_hmac_empty_key);
	tcase_add_test(tc, test_rc4_rfc6229);
	tcase_add_test(tc, test_aes_cfb8_sp800_38a);
	tcase_add_test(tc, test_equal_wipe);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_cache_rekey);
	tcase_add_test(tc, test_keep_variants);
	tcase_add_test(tc, test_pbkdf2_rfc7914);
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return s;
}
