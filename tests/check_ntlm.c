/*
 * tests/check_ntlm.c - NTLM one-way functions, responses and the DC-side
 * password check against tests/data/vectors/ntlm.json and nt_hashes.json,
 * plus the fallbacks of Samba's check order (LMv1, LMv2, NTLMv1 in the LM
 * field), policy switches, hostile responses (empty, short, zero,
 * truncated, bit-flipped) and allocation failures.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "testutil.h"

Suite *ntlm_suite(void);

static json_t *
ntlm_vec(json_t *root, const char *name)
{
	json_t *v;
	size_t i;

	json_array_foreach(tu_vectors(root), i, v)
	{
		if (strcmp(tu_str(v, "name"), name) == 0)
			return v;
	}
	ck_abort_msg("no vector %s", name);
	return NULL;
}

static uint32_t
hexstatus(json_t *v, const char *key)
{
	return (uint32_t)strtoul(tu_str(v, key), NULL, 16);
}

/* Stored hashes of the ntlm.json user, derived from its password. */
static void
user_hashes(json_t *v, uint8_t nt[16], uint8_t lm[16])
{
	int present = 0;

	ck_assert_int_eq(ntlm_nt_hash(tu_str(v, "password"), nt, NULL), 0);
	ck_assert_int_eq(ntlm_lm_hash(tu_str(v, "password"), lm, &present), 0);
	ck_assert_int_eq(present, 1);
}

static void
req_init(struct ntlm_check_req *req, json_t *v, const char *chal_key)
{
	memset(req, 0, sizeof(*req));
	req->user = tu_str(v, "user");
	req->domain = tu_str(v, "domain");
	tu_hex(v, chal_key, req->challenge, 8);
	req->allow_ntlmv1 = 1;
	req->allow_lm = 1;
}

static uint32_t
check(const struct ntlm_check_req *req, const uint8_t nt[16],
      const uint8_t *lm, struct ntlm_keys *keys)
{
	uint32_t status = 12345;

	ck_assert_int_eq(ntlm_check_password(req, nt, lm, &status, keys, NULL),
			 0);
	return status;
}

START_TEST(test_nt_hash_utf8)
{
	json_t *root = tu_load_json("vectors/nt_hashes.json");
	json_t *v;
	size_t i;
	int n = 0, emoji = 0;

	json_array_foreach(tu_vectors(root), i, v)
	{
		uint8_t want[16], got[16];
		const char *pw;

		if (json_object_get(v, "password") == NULL)
			continue; /* the raw buffer: check_crypto */
		pw = tu_str(v, "password");
		tu_hex(v, "nt_hash", want, 16);
		ck_assert_int_eq(ntlm_nt_hash(pw, got, NULL), 0);
		ck_assert_msg(memcmp(got, want, 16) == 0, "password #%zu", i);
		if (strstr(pw, "\xF0\x9F\x94\x91") != NULL)
			emoji = 1;
		n++;
	}
	ck_assert_int_eq(emoji, 1);
	ck_assert_int_ge(n, 10);
	json_decref(root);
}
END_TEST

START_TEST(test_nt_hash_invalid_utf8)
{
	struct errinfo ei;
	uint8_t h[16];

	err_clear(&ei);
	/* an encoded surrogate is not valid UTF-8 */
	ck_assert_int_eq(ntlm_nt_hash("A\xED\xA0\xBD", h, &ei), ERR_FORMAT);
	ck_assert_int_eq(ei.code, ERR_FORMAT);
	ck_assert_int_eq(ntlm_nt_hash("\xC3", h, NULL), ERR_FORMAT);
}
END_TEST

START_TEST(test_ntlmv1)
{
	json_t *root = tu_load_json("vectors/ntlm.json");
	json_t *v = ntlm_vec(root, "ntlmv1");
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t nt[16], lm[16], want[24], got[24], usk[16], lsk[8], k[16];
	uint8_t zero24[24];
	static const uint8_t zero16[16];

	user_hashes(v, nt, lm);
	tu_hex(v, "nt_hash", k, 16);
	ck_assert_mem_eq(nt, k, 16);
	tu_hex(v, "lm_hash", k, 16);
	ck_assert_mem_eq(lm, k, 16);
	req_init(&req, v, "server_challenge");

	tu_hex(v, "nt_response", want, 24);
	ck_assert_int_eq(ntlm_desl(nt, req.challenge, got), 0);
	ck_assert_mem_eq(got, want, 24);
	tu_hex(v, "lm_response", want, 24);
	ck_assert_int_eq(ntlm_desl(lm, req.challenge, got), 0);
	ck_assert_mem_eq(got, want, 24);
	tu_hex(v, "user_session_key", usk, 16);
	tu_hex(v, "lm_session_key", lsk, 8);
	ck_assert_int_eq(crypto_md4(nt, 16, k), 0);
	ck_assert_mem_eq(k, usk, 16);

	/* the DC verdict and keys */
	req.nt_resp = tu_hex_alloc(v, "nt_response", &req.nt_len);
	req.lm_resp = tu_hex_alloc(v, "lm_response", &req.lm_len);
	ck_assert_uint_eq(check(&req, nt, lm, &keys),
			  hexstatus(v, "dc_check_status_hex"));
	ck_assert_mem_eq(keys.user_session_key, usk, 16);
	ck_assert_mem_eq(keys.lm_session_key, lsk, 8);
	/* the LM session key needs LM allowed and an LM hash */
	req.allow_lm = 0;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.lm_session_key, zero16, 8);
	req.allow_lm = 1;
	ck_assert_uint_eq(check(&req, nt, NULL, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.lm_session_key, zero16, 8);
	ck_assert_mem_eq(keys.user_session_key, usk, 16);
	/* keys may be NULL */
	ck_assert_uint_eq(check(&req, nt, lm, NULL), NTSTATUS_OK);

	/* zeroed NT response: an NTLMv1 mismatch is final */
	memset(zero24, 0, sizeof(zero24));
	free((void *)req.nt_resp);
	req.nt_resp = zero24;
	ck_assert_uint_eq(check(&req, nt, lm, &keys),
			  hexstatus(v, "dc_check_status_with_zeroed_nt_"
				       "response_hex"));
	ck_assert_mem_eq(keys.user_session_key, zero16, 16);
	ck_assert_mem_eq(keys.lm_session_key, zero16, 8);

	/* a wrong stored hash */
	req.nt_resp = tu_hex_alloc(v, "nt_response", &req.nt_len);
	k[0] = (uint8_t)(nt[0] ^ 1);
	memcpy(k + 1, nt + 1, 15);
	ck_assert_uint_eq(check(&req, k, lm, &keys), NTSTATUS_WRONG_PASSWORD);
	free((void *)req.nt_resp);
	free((void *)req.lm_resp);
	json_decref(root);
}
END_TEST

START_TEST(test_ntlmv1_ess)
{
	json_t *root = tu_load_json("vectors/ntlm.json");
	json_t *v = ntlm_vec(root, "ntlmv1_ess");
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct crypto_iov iov[2];
	uint8_t nt[16], lm[16], sc[8], cc[8], eff[8], want[24], got[24];
	uint8_t usk[16], member[16], k[16];

	user_hashes(v, nt, lm);
	tu_hex(v, "server_challenge", sc, 8);
	tu_hex(v, "client_challenge", cc, 8);
	tu_hex(v, "effective_challenge", want, 8);
	ck_assert_int_eq(ntlm_ess_challenge(sc, cc, eff), 0);
	ck_assert_mem_eq(eff, want, 8);
	tu_hex(v, "nt_response", want, 24);
	ck_assert_int_eq(ntlm_desl(nt, eff, got), 0);
	ck_assert_mem_eq(got, want, 24);
	/* LM field on the wire: client challenge || 16 zero bytes */
	tu_hex(v, "lm_response", want, 24);
	memset(got, 0, 24);
	memcpy(got, cc, 8);
	ck_assert_mem_eq(got, want, 24);

	/* the member passes the effective challenge and no LM response */
	req_init(&req, v, "effective_challenge");
	req.nt_resp = tu_hex_alloc(v, "nt_response", &req.nt_len);
	ck_assert_uint_eq(check(&req, nt, lm, &keys),
			  hexstatus(v, "dc_check_status_hex"));
	tu_hex(v, "user_session_key", usk, 16);
	ck_assert_mem_eq(keys.user_session_key, usk, 16);
	/* member side: HMAC_MD5(UserSessionKey, SC || CC) */
	iov[0].p = sc;
	iov[0].n = 8;
	iov[1].p = cc;
	iov[1].n = 8;
	ck_assert_int_eq(crypto_hmac_md5(keys.user_session_key, 16, iov, 2, k),
			 0);
	tu_hex(v, "ntlm2_session_key_member_side", member, 16);
	ck_assert_mem_eq(k, member, 16);
	/* with the raw server challenge the DC does not recognise it */
	tu_hex(v, "server_challenge", req.challenge, 8);
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_WRONG_PASSWORD);
	free((void *)req.nt_resp);
	json_decref(root);
}
END_TEST

/* Pieces of the ntlmv2 vector. */
struct v2 {
	json_t *root, *v;
	uint8_t nt[16], lm[16], owf[16], sc[8], cc[8];
	uint8_t *resp, *blob, *av;
	size_t resp_len, blob_len, av_len;
	uint64_t ft;
};

static void
v2_load(struct v2 *t)
{
	uint8_t want[16];

	t->root = tu_load_json("vectors/ntlm.json");
	t->v = ntlm_vec(t->root, "ntlmv2");
	user_hashes(t->v, t->nt, t->lm);
	tu_hex(t->v, "nt_hash", want, 16);
	ck_assert_mem_eq(t->nt, want, 16);
	tu_hex(t->v, "ntowfv2", t->owf, 16);
	tu_hex(t->v, "server_challenge", t->sc, 8);
	tu_hex(t->v, "client_challenge", t->cc, 8);
	t->resp = tu_hex_alloc(t->v, "nt_response", &t->resp_len);
	t->blob = tu_hex_alloc(t->v, "ntlmv2_blob", &t->blob_len);
	t->ft = (uint64_t)json_integer_value(
		json_object_get(t->v, "timestamp_filetime"));
	/* the AV pairs of the blob: after the 28-byte header, before 0^4 */
	ck_assert_uint_gt(t->blob_len, 32);
	t->av_len = t->blob_len - 32;
	t->av = t->blob + 28;
}

static void
v2_free(struct v2 *t)
{
	free(t->resp);
	free(t->blob);
	json_decref(t->root);
}

START_TEST(test_ntlmv2_responses)
{
	struct v2 t;
	uint8_t owf[16], sk[16], want[24], lmv2[24];
	uint8_t *out, *blob;
	size_t n, cap;

	v2_load(&t);
	ck_assert_int_eq(ntlm_v2_owf(t.nt, tu_str(t.v, "user"),
				     tu_str(t.v, "domain"), owf, NULL),
			 0);
	ck_assert_mem_eq(owf, t.owf, 16);
	/* the user name is upper-cased, the domain is not */
	ck_assert_int_eq(ntlm_v2_owf(t.nt, "ALICE", tu_str(t.v, "domain"), owf,
				     NULL),
			 0);
	ck_assert_mem_eq(owf, t.owf, 16);
	ck_assert_int_eq(ntlm_v2_owf(t.nt, "alice", "accounts", owf, NULL), 0);
	ck_assert_int_ne(memcmp(owf, t.owf, 16), 0);

	/* blob from its parts */
	cap = t.blob_len + 8;
	blob = malloc(cap);
	ck_assert_ptr_nonnull(blob);
	ck_assert_int_eq(ntlm_v2_blob(t.ft, t.cc, t.av, t.av_len, blob, cap,
				      &n),
			 0);
	ck_assert_uint_eq(n, t.blob_len);
	ck_assert_mem_eq(blob, t.blob, n);
	ck_assert_int_eq(ntlm_v2_blob(t.ft, t.cc, t.av, t.av_len, blob,
				      t.blob_len - 1, &n),
			 ERR_RANGE);
	ck_assert_uint_eq(n, 0);

	/* NTProofStr || blob and the session key */
	out = malloc(t.resp_len);
	ck_assert_ptr_nonnull(out);
	ck_assert_int_eq(ntlm_v2_response(t.owf, t.sc, t.blob, t.blob_len, out,
					  t.resp_len, sk),
			 0);
	ck_assert_mem_eq(out, t.resp, t.resp_len);
	tu_hex(t.v, "nt_proof_str", want, 16);
	ck_assert_mem_eq(out, want, 16);
	tu_hex(t.v, "user_session_key", want, 16);
	ck_assert_mem_eq(sk, want, 16);
	ck_assert_int_eq(ntlm_v2_response(t.owf, t.sc, t.blob, t.blob_len, out,
					  t.resp_len - 1, sk),
			 ERR_RANGE);

	/* LMv2 */
	tu_hex(t.v, "lmv2_response", want, 24);
	ck_assert_int_eq(ntlm_lmv2_response(t.owf, t.sc, t.cc, lmv2), 0);
	ck_assert_mem_eq(lmv2, want, 24);
	free(out);
	free(blob);
	v2_free(&t);
}
END_TEST

START_TEST(test_ntlmv2_dc)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t usk[16], lsk[8];
	uint8_t *lmv2;
	size_t lmv2_len;

	v2_load(&t);
	lmv2 = tu_hex_alloc(t.v, "lmv2_response", &lmv2_len);
	tu_hex(t.v, "user_session_key", usk, 16);
	tu_hex(t.v, "lm_session_key", lsk, 8);
	req_init(&req, t.v, "server_challenge");
	req.nt_resp = t.resp;
	req.nt_len = t.resp_len;
	req.lm_resp = lmv2;
	req.lm_len = lmv2_len;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  hexstatus(t.v, "dc_check_status_hex"));
	ck_assert_mem_eq(keys.user_session_key, usk, 16);
	ck_assert_mem_eq(keys.lm_session_key, lsk, 8);

	/* domain sent in lower case: the upper-cased retry matches */
	req.domain = "accounts";
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  hexstatus(t.v, "dc_check_status_domain_given_"
					 "lowercase_hex"));
	ck_assert_mem_eq(keys.user_session_key, usk, 16);
	/* the user name's case does not matter */
	req.domain = tu_str(t.v, "domain");
	req.user = "Alice";
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	/* a wrong domain fails (NTLMv2 and LMv2 both) */
	req.user = tu_str(t.v, "user");
	req.domain = "OTHERDOM";
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  hexstatus(t.v, "dc_check_status_wrong_domain_hex"));
	/* NULL domain means the empty one */
	req.domain = NULL;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  NTSTATUS_WRONG_PASSWORD);
	/* NTLMv1 and LM policy do not matter for NTLMv2 */
	req.domain = tu_str(t.v, "domain");
	req.allow_ntlmv1 = 0;
	req.allow_lm = 0;
	ck_assert_uint_eq(check(&req, t.nt, NULL, &keys), NTSTATUS_OK);
	free(lmv2);
	v2_free(&t);
}
END_TEST

/* A response made for the empty domain matches the third variant. */
START_TEST(test_ntlmv2_empty_domain)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t owf[16], sk[16];
	uint8_t *resp;
	size_t n;

	v2_load(&t);
	ck_assert_int_eq(ntlm_v2_owf(t.nt, "alice", "", owf, NULL), 0);
	n = 16 + t.blob_len;
	resp = malloc(n);
	ck_assert_ptr_nonnull(resp);
	ck_assert_int_eq(ntlm_v2_response(owf, t.sc, t.blob, t.blob_len, resp,
					  n, sk),
			 0);
	req_init(&req, t.v, "server_challenge");
	req.domain = "SOMEWHERE";
	req.nt_resp = resp;
	req.nt_len = n;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, sk, 16);
	ck_assert_mem_eq(keys.lm_session_key, sk, 8);
	free(resp);
	v2_free(&t);
}
END_TEST

/* LMv2 in the LM field, with no or a failing NTLMv2 response. */
START_TEST(test_lmv2_fallback)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct crypto_iov iov[2];
	uint8_t want[16], v[16], *lmv2, *bad;
	size_t lmv2_len;

	v2_load(&t);
	lmv2 = tu_hex_alloc(t.v, "lmv2_response", &lmv2_len);
	req_init(&req, t.v, "server_challenge");
	req.lm_resp = lmv2;
	req.lm_len = lmv2_len;
	/* no NT response: key = HMAC_MD5(NTOWFv2, LMv2 proof) */
	iov[0].p = lmv2;
	iov[0].n = 16;
	ck_assert_int_eq(crypto_hmac_md5(t.owf, 16, iov, 1, want), 0);
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, want, 16);
	ck_assert_mem_eq(keys.lm_session_key, want, 8);
	/* lower-case domain: upper-cased retry */
	req.domain = "Accounts";
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	req.domain = tu_str(t.v, "domain");

	/*
	 * A failing NTLMv2 response precedes it: Samba takes the key from
	 * the NT response anyway (HMAC(kr, HMAC(kr, SC || blob'))).
	 */
	bad = malloc(t.resp_len);
	ck_assert_ptr_nonnull(bad);
	memcpy(bad, t.resp, t.resp_len);
	bad[0] ^= 0xff; /* break the proof, keep the blob */
	req.nt_resp = bad;
	req.nt_len = t.resp_len;
	iov[0].p = t.sc;
	iov[0].n = 8;
	iov[1].p = bad + 16;
	iov[1].n = t.resp_len - 16;
	ck_assert_int_eq(crypto_hmac_md5(t.owf, 16, iov, 2, v), 0);
	iov[0].p = v;
	iov[0].n = 16;
	ck_assert_int_eq(crypto_hmac_md5(t.owf, 16, iov, 1, want), 0);
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, want, 16);
	/* the proof of the blob itself is the vector's session key */
	tu_hex(t.v, "user_session_key", v, 16);
	ck_assert_mem_eq(keys.user_session_key, v, 16);
	free(bad);
	free(lmv2);
	v2_free(&t);
}
END_TEST

/* LMv1, NTLMv1 in the LM field, and the policy switches. */
START_TEST(test_lm_field_fallbacks)
{
	json_t *root = tu_load_json("vectors/ntlm.json");
	json_t *v = ntlm_vec(root, "ntlmv1");
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t nt[16], lm[16], want[16];
	uint8_t *ntr, *lmr;
	size_t ntr_len, lmr_len;
	static const uint8_t zero16[16];

	user_hashes(v, nt, lm);
	ntr = tu_hex_alloc(v, "nt_response", &ntr_len);
	lmr = tu_hex_alloc(v, "lm_response", &lmr_len);
	req_init(&req, v, "server_challenge");
	memcpy(want, lm, 8);
	memset(want + 8, 0, 8);

	/* LMv1 only (no NT response) */
	req.lm_resp = lmr;
	req.lm_len = lmr_len;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, want, 16);
	ck_assert_mem_eq(keys.lm_session_key, lm, 8);
	req.allow_lm = 0;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_WRONG_PASSWORD);
	req.allow_lm = 1;
	ck_assert_uint_eq(check(&req, nt, NULL, &keys),
			  NTSTATUS_WRONG_PASSWORD);

	/* NTLMv1 disallowed: a valid 24-byte NT response is ignored, the LM
	 * response still counts */
	req.nt_resp = ntr;
	req.nt_len = ntr_len;
	req.allow_ntlmv1 = 0;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, want, 16);
	req.allow_lm = 0;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_WRONG_PASSWORD);

	/* the NT response in the LM field (Win9x) */
	req.allow_ntlmv1 = 1;
	req.allow_lm = 1;
	req.nt_resp = NULL;
	req.nt_len = 0;
	req.lm_resp = ntr;
	req.lm_len = ntr_len;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, want, 16);
	ck_assert_mem_eq(keys.lm_session_key, lm, 8);
	ck_assert_uint_eq(check(&req, nt, NULL, &keys), NTSTATUS_OK);
	ck_assert_mem_eq(keys.user_session_key, zero16, 16);
	ck_assert_mem_eq(keys.lm_session_key, zero16, 8);
	req.allow_ntlmv1 = 0;
	ck_assert_uint_eq(check(&req, nt, lm, &keys), NTSTATUS_WRONG_PASSWORD);
	free(ntr);
	free(lmr);
	json_decref(root);
}
END_TEST

START_TEST(test_bad_responses)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t zeros[64];
	size_t n;
	static const uint8_t zero16[16];

	v2_load(&t);
	memset(zeros, 0, sizeof(zeros));
	req_init(&req, t.v, "server_challenge");
	/* nothing at all */
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  NTSTATUS_WRONG_PASSWORD);
	/* NULL pointers with lengths: treated as empty */
	req.nt_len = 100;
	req.lm_len = 24;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  NTSTATUS_WRONG_PASSWORD);
	/* all-zero responses of every length in both fields */
	for (n = 0; n <= sizeof(zeros); n++) {
		req.nt_resp = zeros;
		req.nt_len = n;
		req.lm_resp = zeros;
		req.lm_len = n;
		memset(&keys, 0xee, sizeof(keys));
		ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
				  NTSTATUS_WRONG_PASSWORD);
		ck_assert_mem_eq(keys.user_session_key, zero16, 16);
		ck_assert_mem_eq(keys.lm_session_key, zero16, 8);
	}
	/* an LM response shorter than 24 bytes */
	req.nt_resp = NULL;
	req.nt_len = 0;
	req.lm_resp = t.resp;
	req.lm_len = 23;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
			  NTSTATUS_WRONG_PASSWORD);
	v2_free(&t);
}
END_TEST

/* Every prefix of the NTLMv2 response, in a buffer of exactly that size. */
START_TEST(test_ntlmv2_truncation)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t *buf;
	size_t n;

	v2_load(&t);
	req_init(&req, t.v, "server_challenge");
	for (n = 0; n < t.resp_len; n++) {
		buf = malloc(n > 0 ? n : 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf, t.resp, n);
		req.nt_resp = buf;
		req.nt_len = n;
		ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
				  NTSTATUS_WRONG_PASSWORD);
		/* also as the LM response */
		req.lm_resp = buf;
		req.lm_len = n;
		ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
				  NTSTATUS_WRONG_PASSWORD);
		req.lm_resp = NULL;
		req.lm_len = 0;
		free(buf);
	}
	req.nt_resp = t.resp;
	req.nt_len = t.resp_len;
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	v2_free(&t);
}
END_TEST

START_TEST(test_bitflips)
{
	json_t *root = tu_load_json("vectors/ntlm.json");
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	uint8_t *buf, *v1;
	size_t bit, v1_len;

	v2_load(&t);
	req_init(&req, t.v, "server_challenge");
	buf = malloc(t.resp_len);
	ck_assert_ptr_nonnull(buf);
	for (bit = 0; bit < t.resp_len * 8; bit++) {
		memcpy(buf, t.resp, t.resp_len);
		buf[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		req.nt_resp = buf;
		req.nt_len = t.resp_len;
		ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
				  NTSTATUS_WRONG_PASSWORD);
	}
	free(buf);
	/* NTLMv1 */
	v1 = tu_hex_alloc(ntlm_vec(root, "ntlmv1"), "nt_response", &v1_len);
	for (bit = 0; bit < v1_len * 8; bit++) {
		v1[bit / 8] ^= (uint8_t)(1u << (bit % 8));
		req.nt_resp = v1;
		req.nt_len = v1_len;
		ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys),
				  NTSTATUS_WRONG_PASSWORD);
		v1[bit / 8] ^= (uint8_t)(1u << (bit % 8));
	}
	ck_assert_uint_eq(check(&req, t.nt, t.lm, &keys), NTSTATUS_OK);
	free(v1);
	v2_free(&t);
	json_decref(root);
}
END_TEST

/* Fail the Nth allocation: clean ERR_NOMEM or the right verdict. */
START_TEST(test_alloc_failures)
{
	struct v2 t;
	struct ntlm_check_req req;
	struct ntlm_keys keys;
	struct errinfo ei;
	uint32_t status;
	uint8_t h[16];
	long n;
	int r, done = 0;

	v2_load(&t);
	req_init(&req, t.v, "server_challenge");
	req.nt_resp = t.resp;
	req.nt_len = t.resp_len;
	req.domain = "accounts"; /* needs the upper-cased retry */
	for (n = 0; n < 64 && !done; n++) {
		err_clear(&ei);
		mem_fail_after(n);
		r = ntlm_check_password(&req, t.nt, t.lm, &status, &keys, &ei);
		done = !mem_fail_fired();
		mem_fail_after(-1);
		if (r == 0) {
			ck_assert_uint_eq(status, NTSTATUS_OK);
		} else {
			ck_assert_int_eq(r, ERR_NOMEM);
			ck_assert_int_eq(ei.code, ERR_NOMEM);
			ck_assert_uint_eq(status, NTSTATUS_WRONG_PASSWORD);
		}
	}
	ck_assert_int_eq(done, 1);
	/* the NT hash of a password */
	done = 0;
	for (n = 0; n < 16 && !done; n++) {
		mem_fail_after(n);
		r = ntlm_nt_hash("P\xC3\xA4sswort", h, NULL);
		done = !mem_fail_fired();
		mem_fail_after(-1);
		ck_assert(r == 0 || r == ERR_NOMEM);
	}
	ck_assert_int_eq(done, 1);
	v2_free(&t);
}
END_TEST

Suite *
ntlm_suite(void)
{
	Suite *s = suite_create("ntlm");
	TCase *tc = tcase_create("vectors");
	TCase *neg = tcase_create("negative");

	tcase_add_test(tc, test_nt_hash_utf8);
	tcase_add_test(tc, test_nt_hash_invalid_utf8);
	tcase_add_test(tc, test_ntlmv1);
	tcase_add_test(tc, test_ntlmv1_ess);
	tcase_add_test(tc, test_ntlmv2_responses);
	tcase_add_test(tc, test_ntlmv2_dc);
	tcase_add_test(tc, test_ntlmv2_empty_domain);
	tcase_add_test(tc, test_lmv2_fallback);
	tcase_add_test(tc, test_lm_field_fallbacks);
	suite_add_tcase(s, tc);
	tcase_set_timeout(neg, 60);
	tcase_add_test(neg, test_bad_responses);
	tcase_add_test(neg, test_ntlmv2_truncation);
	tcase_add_test(neg, test_bitflips);
	tcase_add_test(neg, test_alloc_failures);
	suite_add_tcase(s, neg);
	return s;
}
