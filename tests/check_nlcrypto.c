/*
 * tests/check_nlcrypto.c - the Netlogon secure-channel arithmetic against
 * every case of tests/data/vectors/netlogon.json (session key, credentials,
 * the authenticator chain on both sides, NetrServerPasswordSet and
 * NetrServerPasswordSet2, validation session keys), plus the negative cases
 * of the server side: wrong credentials, bad authenticators and hostile
 * NL_TRUST_PASSWORD buffers (truncation and bit-flip loops).
 *
 * Loop tests run once per vector case (index _i into the vectors array).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/nlcrypto.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "common/utf16.h"
#include "testutil.h"

Suite *nlcrypto_suite(void);

#define NCASES 8 /* checked against the file in test_vector_count */

struct tcase_vec {
	json_t *root;
	json_t *v;
	uint32_t flags;
	uint8_t nt_hash[16];
	uint8_t cc[8], sc[8];
	uint8_t sk[16];
	uint8_t client_cred[8], server_cred[8];
};

static void
vec_load(struct tcase_vec *t, int i)
{
	const char *fl;
	char *end;

	t->root = tu_load_json("vectors/netlogon.json");
	t->v = json_array_get(tu_vectors(t->root), (size_t)i);
	ck_assert_ptr_nonnull(t->v);
	fl = tu_str(t->v, "negotiate_flags_hex");
	t->flags = (uint32_t)strtoul(fl, &end, 16);
	ck_assert_int_eq(*end, '\0');
	tu_hex(t->v, "nt_hash", t->nt_hash, 16);
	tu_hex(t->v, "client_challenge", t->cc, 8);
	tu_hex(t->v, "server_challenge", t->sc, 8);
	tu_hex(t->v, "session_key", t->sk, 16);
	tu_hex(t->v, "client_credential", t->client_cred, 8);
	tu_hex(t->v, "server_credential", t->server_cred, 8);
}

static void
vec_free(struct tcase_vec *t)
{
	json_decref(t->root);
}

/* Both sides of an established channel for vector t. */
static void
vec_channel(struct tcase_vec *t, struct nlcrypto_creds *cli,
	    struct nlcrypto_creds *srv)
{
	uint8_t ccred[8], scred[8];

	ck_assert_int_eq(nlcrypto_client_init(cli, t->flags, t->nt_hash, t->cc,
					      t->sc, ccred),
			 0);
	ck_assert_int_eq(nlcrypto_server_init(srv, t->flags, t->nt_hash, t->cc,
					      t->sc, ccred, scred),
			 0);
	ck_assert_int_eq(nlcrypto_client_check(cli, t->sc, scred), 0);
}

START_TEST(test_vector_count)
{
	json_t *root = tu_load_json("vectors/netlogon.json");

	ck_assert_uint_eq(json_array_size(tu_vectors(root)), NCASES);
	json_decref(root);
}
END_TEST

START_TEST(test_session_key)
{
	struct tcase_vec t;
	uint8_t sk[16];

	vec_load(&t, _i);
	ck_assert_int_eq(nlcrypto_session_key(t.flags, t.nt_hash, t.cc, t.sc,
					      sk),
			 0);
	ck_assert_mem_eq(sk, t.sk, 16);
	/* the trust password's NT hash is the one in the vector */
	ck_assert_int_eq(ntlm_nt_hash(tu_str(t.v, "trust_password"), sk, NULL),
			 0);
	ck_assert_mem_eq(sk, t.nt_hash, 16);
	vec_free(&t);
}
END_TEST

/*
 * Classic DES: the key is DES7(nt[9..15], DES7(nt[0..6], SUM)) with the
 * 32-bit-word sum; the 64-bit reading of the spec text gives a different key
 * when the low word carries (case low_word_carry), and we must not produce
 * that one.
 */
START_TEST(test_classic_sum)
{
	struct tcase_vec t;
	uint8_t sum[8], sum64[8], k[8], tmp[8], sk[16], sk64[16];
	int carry_case;

	vec_load(&t, _i);
	if (json_object_get(t.v, "challenge_sum_32bit_words") == NULL) {
		vec_free(&t);
		return; /* not a classic case */
	}
	tu_hex(t.v, "challenge_sum_32bit_words", sum, 8);
	tu_hex(t.v, "challenge_sum_64bit_carry", sum64, 8);
	tu_hex(t.v, "session_key_if_64bit_sum", sk64, 16);
	ck_assert_int_eq(crypto_des7_encrypt(t.nt_hash, sum, tmp), 0);
	ck_assert_int_eq(crypto_des7_encrypt(t.nt_hash + 9, tmp, k), 0);
	ck_assert_mem_eq(k, t.sk, 8);
	ck_assert_int_eq(nlcrypto_session_key(t.flags, t.nt_hash, t.cc, t.sc,
					      sk),
			 0);
	carry_case = strcmp(tu_str(t.v, "case"), "low_word_carry") == 0;
	if (carry_case) {
		ck_assert_int_ne(memcmp(sum, sum64, 8), 0);
		ck_assert_int_ne(memcmp(sk, sk64, 16), 0);
		/* and the 64-bit key is what DES of the 64-bit sum gives */
		ck_assert_int_eq(crypto_des7_encrypt(t.nt_hash, sum64, tmp), 0);
		ck_assert_int_eq(crypto_des7_encrypt(t.nt_hash + 9, tmp, k), 0);
		ck_assert_mem_eq(k, sk64, 8);
	} else {
		ck_assert_mem_eq(sk, sk64, 16);
	}
	vec_free(&t);
}
END_TEST

START_TEST(test_credentials)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	uint8_t ccred[8], scred[8], bad[8], out[8];

	vec_load(&t, _i);
	ck_assert_int_eq(nlcrypto_cred(t.flags, t.sk, t.cc, out), 0);
	ck_assert_mem_eq(out, t.client_cred, 8);
	ck_assert_int_eq(nlcrypto_cred(t.flags, t.sk, t.sc, out), 0);
	ck_assert_mem_eq(out, t.server_cred, 8);

	/* client */
	ck_assert_int_eq(nlcrypto_client_init(&cli, t.flags, t.nt_hash, t.cc,
					      t.sc, ccred),
			 0);
	ck_assert_mem_eq(ccred, t.client_cred, 8);
	ck_assert_mem_eq(cli.stored, t.client_cred, 8);
	ck_assert_mem_eq(cli.sk, t.sk, 16);
	ck_assert_uint_eq(cli.flags, t.flags);
	ck_assert_int_eq(nlcrypto_client_check(&cli, t.sc, t.server_cred), 0);
	memcpy(bad, t.server_cred, 8);
	bad[7] ^= 0x01;
	ck_assert_int_eq(nlcrypto_client_check(&cli, t.sc, bad), ERR_ACCESS);

	/* server */
	ck_assert_int_eq(nlcrypto_server_init(&srv, t.flags, t.nt_hash, t.cc,
					      t.sc, t.client_cred, scred),
			 0);
	ck_assert_mem_eq(scred, t.server_cred, 8);
	ck_assert_mem_eq(srv.stored, t.client_cred, 8);
	ck_assert_mem_eq(srv.sk, t.sk, 16);
	nlcrypto_creds_wipe(&cli);
	nlcrypto_creds_wipe(&srv);
	vec_free(&t);
}
END_TEST

START_TEST(test_server_init_wrong_cred)
{
	static const uint8_t zero_creds[sizeof(struct nlcrypto_creds)];
	static const uint8_t zero8[8];
	struct tcase_vec t;
	struct nlcrypto_creds srv;
	uint8_t bad[8], scred[8], wrong_hash[16];
	int bit;

	vec_load(&t, _i);
	for (bit = 0; bit < 64; bit += 7) {
		memcpy(bad, t.client_cred, 8);
		bad[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		memset(&srv, 0xa5, sizeof(srv));
		memset(scred, 0xa5, sizeof(scred));
		ck_assert_int_eq(nlcrypto_server_init(&srv, t.flags, t.nt_hash,
						      t.cc, t.sc, bad, scred),
				 ERR_ACCESS);
		ck_assert_mem_eq(&srv, zero_creds, sizeof(srv));
		ck_assert_mem_eq(scred, zero8, 8);
	}
	/* the right credential under a wrong trust password */
	memcpy(wrong_hash, t.nt_hash, 16);
	wrong_hash[15] ^= 0x10;
	ck_assert_int_eq(nlcrypto_server_init(&srv, t.flags, wrong_hash, t.cc,
					      t.sc, t.client_cred, scred),
			 ERR_ACCESS);
	vec_free(&t);
}
END_TEST

/* The 4-step chain, client and server, every intermediate value. */
START_TEST(test_authenticator_chain)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	struct nlcrypto_auth a, ret;
	json_t *chain, *step;
	size_t k;

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	chain = json_object_get(t.v, "authenticator_chain");
	ck_assert_uint_eq(json_array_size(chain), 4);
	json_array_foreach(chain, k, step)
	{
		uint8_t before[8], plus[8], acred[8], rcred[8], after[8];
		uint32_t ts;

		ts = (uint32_t)json_integer_value(
			json_object_get(step, "timestamp"));
		tu_hex(step, "stored_credential_before", before, 8);
		tu_hex(step, "stored_plus_timestamp", plus, 8);
		tu_hex(step, "authenticator_credential", acred, 8);
		tu_hex(step, "return_authenticator_credential", rcred, 8);
		tu_hex(step, "stored_credential_after", after, 8);

		ck_assert_mem_eq(cli.stored, before, 8);
		ck_assert_mem_eq(srv.stored, before, 8);
		/* client: stored += T, authenticator */
		ck_assert_int_eq(nlcrypto_auth_make(&cli, ts, &a), 0);
		ck_assert_mem_eq(cli.stored, plus, 8);
		ck_assert_mem_eq(a.cred, acred, 8);
		ck_assert_uint_eq(a.timestamp, ts);
		/* server: check, advance, return authenticator */
		ck_assert_int_eq(nlcrypto_auth_check(&srv, &a, &ret), 0);
		ck_assert_mem_eq(ret.cred, rcred, 8);
		ck_assert_uint_eq(ret.timestamp, 0);
		ck_assert_mem_eq(srv.stored, after, 8);
		/* client: stored += 1, check */
		ck_assert_int_eq(nlcrypto_auth_check_return(&cli, &ret), 0);
		ck_assert_mem_eq(cli.stored, after, 8);
	}
	nlcrypto_creds_wipe(&cli);
	nlcrypto_creds_wipe(&srv);
	vec_free(&t);
}
END_TEST

START_TEST(test_authenticator_negative)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv, saved;
	struct nlcrypto_auth a, ret, bad;
	static const uint8_t zero8[8];

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	ck_assert_int_eq(nlcrypto_auth_make(&cli, 946684800u, &a), 0);
	/* a flipped credential, or a different timestamp: refused */
	saved = srv;
	bad = a;
	bad.cred[3] ^= 0x40;
	ck_assert_int_eq(nlcrypto_auth_check(&srv, &bad, &ret), ERR_ACCESS);
	ck_assert_mem_eq(&srv, &saved, sizeof(srv)); /* chain unchanged */
	ck_assert_mem_eq(ret.cred, zero8, 8);
	bad = a;
	bad.timestamp++;
	ck_assert_int_eq(nlcrypto_auth_check(&srv, &bad, &ret), ERR_ACCESS);
	ck_assert_mem_eq(&srv, &saved, sizeof(srv));
	/* the genuine one still works, and a replay then fails */
	ck_assert_int_eq(nlcrypto_auth_check(&srv, &a, &ret), 0);
	ck_assert_int_eq(nlcrypto_auth_check(&srv, &a, &bad), ERR_ACCESS);
	/* a forged return authenticator is caught by the client */
	bad = ret;
	bad.cred[0] ^= 1;
	saved = cli;
	ck_assert_int_eq(nlcrypto_auth_check_return(&cli, &bad), ERR_ACCESS);
	/* the genuine return authenticator verifies from the saved state */
	ck_assert_int_eq(nlcrypto_auth_check_return(&saved, &ret), 0);
	nlcrypto_creds_wipe(&cli);
	nlcrypto_creds_wipe(&srv);
	nlcrypto_creds_wipe(&saved);
	vec_free(&t);
}
END_TEST

START_TEST(test_password_set)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	json_t *ps;
	uint8_t h[16], want_h[16], enc[16], want_enc[16], back[16];

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	ps = json_object_get(t.v, "password_set");
	tu_hex(ps, "new_nt_hash", want_h, 16);
	tu_hex(ps, "encrypted_nt_owf", want_enc, 16);
	ck_assert_int_eq(ntlm_nt_hash(tu_str(ps, "new_password"), h, NULL), 0);
	ck_assert_mem_eq(h, want_h, 16);
	ck_assert_int_eq(nlcrypto_pwset_encrypt(&cli, h, enc), 0);
	ck_assert_mem_eq(enc, want_enc, 16);
	ck_assert_int_eq(nlcrypto_pwset_decrypt(&srv, enc, back), 0);
	ck_assert_mem_eq(back, want_h, 16);
	vec_free(&t);
}
END_TEST

static void
pw2_fill(uint8_t fill[512])
{
	int i;

	/* netlogon.json confounder_rule */
	for (i = 0; i < 512; i++)
		fill[i] = (uint8_t)((i * 37 + 11) & 0xff);
}

START_TEST(test_password_set2)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	json_t *ps;
	uint8_t fill[512], want_plain[516], want_enc[516], buf[516];
	uint8_t pw_out[512];
	uint8_t *pw16 = NULL;
	size_t pwlen = 0, outlen = 0;
	uint32_t version, ver_out = 99, status = 1;

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	ps = json_object_get(t.v, "password_set2");
	ck_assert_str_eq(tu_str(ps, "confounder_rule"),
			 "byte i (0..511) = (i*37 + 11) & 0xff, then "
			 "overwritten by version+password");
	version = (uint32_t)json_integer_value(
		json_object_get(ps, "password_version"));
	tu_hex(ps, "plaintext_516", want_plain, 516);
	tu_hex(ps, "encrypted_516", want_enc, 516);
	ck_assert_int_eq(utf8_to_utf16(&pw16, &pwlen,
				       tu_str(ps, "new_password"),
				       strlen(tu_str(ps, "new_password")),
				       NULL),
			 0);
	pw2_fill(fill);

	/* client: build -> exact plaintext, encrypt -> exact ciphertext */
	ck_assert_int_eq(nlcrypto_pwset2_build(pw16, pwlen, version, fill,
					       NULL, buf, NULL),
			 0);
	ck_assert_mem_eq(buf, want_plain, 516);
	ck_assert_int_eq(nlcrypto_pwset2_crypt(&cli, 1, buf), 0);
	ck_assert_mem_eq(buf, want_enc, 516);
	ck_assert_int_eq(nlcrypto_pwset2_crypt(&srv, 0, buf), 0);
	ck_assert_mem_eq(buf, want_plain, 516);

	/* server: open the vector's ciphertext */
	ck_assert_int_eq(nlcrypto_pwset2_open(&srv, want_enc, pw_out, &outlen,
					      &ver_out, &status, NULL),
			 0);
	ck_assert_uint_eq(status, NTSTATUS_OK);
	ck_assert_uint_eq(outlen, pwlen);
	ck_assert_mem_eq(pw_out, pw16, pwlen);
	ck_assert_uint_eq(ver_out, version);

	/* without a version the server reports 0 */
	ck_assert_int_eq(nlcrypto_pwset2_build(pw16, pwlen, 0, fill, NULL, buf,
					       NULL),
			 0);
	ck_assert_mem_eq(buf, fill, 512 - pwlen);
	ck_assert_int_eq(nlcrypto_pwset2_crypt(&cli, 1, buf), 0);
	ck_assert_int_eq(nlcrypto_pwset2_open(&srv, buf, pw_out, &outlen,
					      &ver_out, &status, NULL),
			 0);
	ck_assert_uint_eq(status, NTSTATUS_OK);
	ck_assert_uint_eq(ver_out, 0);
	ck_assert_mem_eq(pw_out, pw16, pwlen);
	free(pw16);
	vec_free(&t);
}
END_TEST

/* Encrypt a plaintext under cli and open it on srv. */
static uint32_t
pw2_open_plain(const struct nlcrypto_creds *cli,
	       const struct nlcrypto_creds *srv, const uint8_t plain[516],
	       size_t *len)
{
	uint8_t buf[516], pw[512];
	uint32_t version, status = 12345;

	memcpy(buf, plain, 516);
	ck_assert_int_eq(nlcrypto_pwset2_crypt(cli, 1, buf), 0);
	ck_assert_int_eq(nlcrypto_pwset2_open(srv, buf, pw, len, &version,
					      &status, NULL),
			 0);
	return status;
}

static void
put_le32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

START_TEST(test_password_set2_negative)
{
	static const uint32_t bad_len[] = { 0,	 1,   3,   499, 501,
					    502, 512, 513, 516, 0xffffffffu };
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	uint8_t fill[512], plain[516], pw[500], out[512], zero516[516];
	size_t len, i;
	uint32_t status, version;

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	pw2_fill(fill);
	for (i = 0; i < sizeof(pw); i++)
		pw[i] = (uint8_t)(i + 1);

	/* boundaries accepted: 2 and 500 bytes */
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 2, 1, fill, NULL, plain,
					       NULL),
			 0);
	ck_assert_uint_eq(pw2_open_plain(&cli, &srv, plain, &len),
			  NTSTATUS_OK);
	ck_assert_uint_eq(len, 2);
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 500, 7, fill, NULL, plain,
					       NULL),
			 0);
	ck_assert_uint_eq(pw2_open_plain(&cli, &srv, plain, &len),
			  NTSTATUS_OK);
	ck_assert_uint_eq(len, 500);

	/* all-zero password */
	memset(pw, 0, sizeof(pw));
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 34, 2, fill, NULL, plain,
					       NULL),
			 0);
	ck_assert_uint_eq(pw2_open_plain(&cli, &srv, plain, &len),
			  NTSTATUS_WRONG_PASSWORD);
	ck_assert_uint_eq(len, 0);

	/* Length too small, odd, or too big */
	for (i = 0; i < sizeof(pw); i++)
		pw[i] = (uint8_t)(i + 1);
	for (i = 0; i < sizeof(bad_len) / sizeof(bad_len[0]); i++) {
		ck_assert_int_eq(nlcrypto_pwset2_build(pw, 34, 2, fill, NULL,
						       plain, NULL),
				 0);
		put_le32(plain + 512, bad_len[i]);
		ck_assert_uint_eq(pw2_open_plain(&cli, &srv, plain, &len),
				  NTSTATUS_WRONG_PASSWORD);
	}

	/* a plaintext sent without encryption */
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 34, 2, fill, NULL, plain,
					       NULL),
			 0);
	ck_assert_int_eq(nlcrypto_pwset2_open(&srv, plain, out, &len, &version,
					      &status, NULL),
			 0);
	ck_assert_uint_eq(status, NTSTATUS_WRONG_PASSWORD);
	/* an all-zero ciphertext (the Zerologon probe) */
	memset(zero516, 0, sizeof(zero516));
	ck_assert_int_eq(nlcrypto_pwset2_open(&srv, zero516, out, &len,
					      &version, &status, NULL),
			 0);
	ck_assert_uint_eq(status, NTSTATUS_WRONG_PASSWORD);
	ck_assert_uint_eq(len, 0);
	ck_assert_uint_eq(version, 0);
	vec_free(&t);
}
END_TEST

START_TEST(test_password_set2_build_errors)
{
	struct errinfo ei;
	struct rng r, r2;
	uint8_t pw[600], out[516], out2[516], seed[32];
	static const size_t bad[] = { 0, 1, 3, 501, 502, 600 };
	size_t i;

	memset(pw, 'x', sizeof(pw));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err_clear(&ei);
		ck_assert_int_eq(nlcrypto_pwset2_build(pw, bad[i], 1, NULL,
						       NULL, out, &ei),
				 ERR_RANGE);
		ck_assert_int_eq(ei.code, ERR_RANGE);
	}
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 20, 1, NULL, NULL, out,
					       NULL),
			 ERR_INVALID);
	ck_assert_int_eq(nlcrypto_pwset2_build(NULL, 20, 1, pw, NULL, out,
					       NULL),
			 ERR_INVALID);
	/* fill from a seeded generator: reproducible */
	memset(seed, 3, sizeof(seed));
	rng_init_seeded(&r, seed, 0);
	rng_init_seeded(&r2, seed, 0);
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 20, 1, NULL, &r, out, NULL),
			 0);
	ck_assert_int_eq(nlcrypto_pwset2_build(pw, 20, 1, NULL, &r2, out2,
					       NULL),
			 0);
	ck_assert_mem_eq(out, out2, 516);
	ck_assert_uint_eq(r.counter, 16); /* 512 bytes = 16 blocks */
	ck_assert_mem_eq(out + 492, pw, 20);
}
END_TEST

/* Prefixes of the ciphertext, zero padded to 516: never a crash. */
START_TEST(test_password_set2_truncation)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	uint8_t enc[516], pw[512];
	uint8_t *buf;
	size_t n, len;
	uint32_t status, version;

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	tu_hex(json_object_get(t.v, "password_set2"), "encrypted_516", enc,
	       516);
	for (n = 0; n < 516; n++) {
		buf = calloc(1, 516);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf, enc, n);
		ck_assert_int_eq(nlcrypto_pwset2_open(&srv, buf, pw, &len,
						      &version, &status, NULL),
				 0);
		/* the Length field or the password is always damaged */
		ck_assert_msg(status == NTSTATUS_WRONG_PASSWORD ||
				      (status == NTSTATUS_OK && len <= 500),
			      "prefix %zu", n);
		if (n < 512) /* Length not sent: cannot decode to 34 */
			ck_assert_uint_eq(status, NTSTATUS_WRONG_PASSWORD);
		free(buf);
	}
	vec_free(&t);
}
END_TEST

/* Every single-bit flip of the ciphertext: clean verdicts only. */
START_TEST(test_password_set2_bitflip)
{
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	uint8_t enc[516], buf[516], pw[512];
	size_t bit, len;
	uint32_t status, version;
	int aes;

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	aes = (t.flags & NLCRYPTO_NEG_SUPPORTS_AES) != 0;
	tu_hex(json_object_get(t.v, "password_set2"), "encrypted_516", enc,
	       516);
	/* the vector's password is 17 UTF-16 code units (Length 34) */
	ck_assert_uint_eq(strlen(tu_str(json_object_get(t.v, "password_set2"),
					"new_password")),
			  17);
	for (bit = 0; bit < 516 * 8; bit++) {
		memcpy(buf, enc, 516);
		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		ck_assert_int_eq(nlcrypto_pwset2_open(&srv, buf, pw, &len,
						      &version, &status, NULL),
				 0);
		ck_assert(status == NTSTATUS_OK ||
			  status == NTSTATUS_WRONG_PASSWORD);
		if (status == NTSTATUS_OK)
			ck_assert(len >= 2 && len <= 500 && len % 2 == 0);
		else
			ck_assert_uint_eq(len, 0);
		/*
		 * RC4 flips of the Length field flip the decrypted Length:
		 * accepted exactly when the new Length is even and in 2..500
		 * (the regions are then still encrypted and not zero).
		 */
		if (!aes && bit >= 512 * 8) {
			uint32_t l2 = 34u ^ (1u << (bit - 512 * 8));
			int good = l2 % 2 == 0 && l2 >= 2 && l2 <= 500;

			ck_assert_uint_eq(status,
					  good ? NTSTATUS_OK :
						 NTSTATUS_WRONG_PASSWORD);
			if (good)
				ck_assert_uint_eq(len, l2);
		}
	}
	vec_free(&t);
}
END_TEST

START_TEST(test_validation_keys)
{
	static const uint8_t zero16[16];
	struct tcase_vec t;
	struct nlcrypto_creds cli, srv;
	json_t *vk;
	uint8_t uk[16], lk[8], uk_wire[16], lk_wire[8], a[16], b[8];

	vec_load(&t, _i);
	vec_channel(&t, &cli, &srv);
	vk = json_object_get(t.v, "validation_session_keys");
	tu_hex(vk, "user_session_key", uk, 16);
	tu_hex(vk, "lm_session_key", lk, 8);
	tu_hex(vk, "user_session_key_on_wire", uk_wire, 16);
	tu_hex(vk, "lm_session_key_on_wire", lk_wire, 8);
	/* server protects, client unprotects */
	memcpy(a, uk, 16);
	memcpy(b, lk, 8);
	ck_assert_int_eq(nlcrypto_validation_protect(&srv, a, b), 0);
	ck_assert_mem_eq(a, uk_wire, 16);
	ck_assert_mem_eq(b, lk_wire, 8);
	ck_assert_int_eq(nlcrypto_validation_unprotect(&cli, a, b), 0);
	ck_assert_mem_eq(a, uk, 16);
	ck_assert_mem_eq(b, lk, 8);
	/* pure DES mode: the user key travels in clear */
	if ((t.flags & (NLCRYPTO_NEG_ARCFOUR | NLCRYPTO_NEG_SUPPORTS_AES)) ==
	    0)
		ck_assert_mem_eq(uk_wire, uk, 16);
	/* all-zero keys are never transformed */
	memset(a, 0, 16);
	memset(b, 0, 8);
	ck_assert_int_eq(nlcrypto_validation_protect(&srv, a, b), 0);
	ck_assert_mem_eq(a, zero16, 16);
	ck_assert_mem_eq(b, zero16, 8);
	ck_assert_int_eq(nlcrypto_validation_unprotect(&cli, a, b), 0);
	ck_assert_mem_eq(a, zero16, 16);
	ck_assert_mem_eq(b, zero16, 8);
	/* one zero, one not */
	memcpy(b, lk, 8);
	ck_assert_int_eq(nlcrypto_validation_protect(&srv, a, b), 0);
	ck_assert_mem_eq(a, zero16, 16);
	ck_assert_mem_eq(b, lk_wire, 8);
	vec_free(&t);
}
END_TEST

START_TEST(test_challenge_is_random)
{
	json_t *root = tu_load_json("vectors/netlogon.json");
	json_t *v;
	size_t i;
	uint8_t c[8];

	json_array_foreach(tu_vectors(root), i, v)
	{
		tu_hex(v, "client_challenge", c, 8);
		ck_assert_int_eq(nlcrypto_challenge_is_random(c), 1);
	}
	memset(c, 0, 8);
	ck_assert_int_eq(nlcrypto_challenge_is_random(c), 0);
	memset(c, 0x41, 5);
	c[5] = 1;
	ck_assert_int_eq(nlcrypto_challenge_is_random(c), 0);
	c[4] = 0x42;
	ck_assert_int_eq(nlcrypto_challenge_is_random(c), 1);
	json_decref(root);
}
END_TEST

Suite *
nlcrypto_suite(void)
{
	Suite *s = suite_create("nlcrypto");
	TCase *tc = tcase_create("vectors");
	TCase *neg = tcase_create("negative");

	tcase_set_timeout(neg, 60);
	tcase_add_test(tc, test_vector_count);
	tcase_add_loop_test(tc, test_session_key, 0, NCASES);
	tcase_add_loop_test(tc, test_classic_sum, 0, NCASES);
	tcase_add_loop_test(tc, test_credentials, 0, NCASES);
	tcase_add_loop_test(tc, test_authenticator_chain, 0, NCASES);
	tcase_add_loop_test(tc, test_password_set, 0, NCASES);
	tcase_add_loop_test(tc, test_password_set2, 0, NCASES);
	tcase_add_loop_test(tc, test_validation_keys, 0, NCASES);
	tcase_add_test(tc, test_challenge_is_random);
	suite_add_tcase(s, tc);

	tcase_add_loop_test(neg, test_server_init_wrong_cred, 0, NCASES);
	tcase_add_loop_test(neg, test_authenticator_negative, 0, NCASES);
	tcase_add_loop_test(neg, test_password_set2_negative, 0, NCASES);
	tcase_add_test(neg, test_password_set2_build_errors);
	tcase_add_loop_test(neg, test_password_set2_truncation, 0, NCASES);
	tcase_add_loop_test(neg, test_password_set2_bitflip, 0, NCASES);
	suite_add_tcase(s, neg);
	return s;
}
