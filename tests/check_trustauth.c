/*
 * tests/check_trustauth.c - trustAuthInOutBlob and its sealed LSA form
 * (migrate/trustauth.c) against every vector of
 * tests/data/vectors/trust_auth_blobs.json (made by Samba's own NDR, see
 * its produced_by): each blob decodes to the fields of its "layout" and
 * encodes back byte for byte; the LSA vector seals to encrypted_hex.  Then
 * the strictness rules, every truncation and every bit flip of every
 * vector (STYLE.md section I), pairing, and which password the Netlogon
 * server would take.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/ntlm.h"
#include "common/wbuf.h"
#include "migrate/trustauth.h"
#include "testutil.h"

Suite *trustauth_suite(void);

static json_t *
vector(json_t *root, const char *name)
{
	json_t *v = tu_vectors(root), *e;
	size_t i;

	json_array_foreach (v, i, e) {
		if (strcmp(tu_str(e, "name"), name) == 0)
			return e;
	}
	ck_abort_msg("no vector %s", name);
	return NULL;
}

static json_int_t
num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "no integer %s", key);
	return json_integer_value(v);
}

/* entry e against the layout entry j */
static void
check_entry(const struct trustauth_entry *e, json_t *j)
{
	uint8_t *info;
	size_t n = 0;

	ck_assert_uint_eq(e->time, (uint64_t)num(j, "LastUpdateTime"));
	ck_assert_uint_eq(e->type, (uint32_t)num(j, "AuthType"));
	ck_assert_uint_eq(e->len, (uint32_t)num(j, "AuthInfoLength"));
	info = tu_hex_alloc(j, "AuthInfo", &n);
	ck_assert_uint_eq(n, e->len);
	ck_assert_mem_eq(e->info, info, n);
	free(info);
}

/* Every blob vector: decode = layout, encode = the bytes. */
START_TEST(test_vectors)
{
	json_t *root = tu_load_json("vectors/trust_auth_blobs.json");
	json_t *v = tu_vectors(root), *e, *lay, *arr, *x;
	static struct trustauth_blob b;
	struct errinfo ei;
	struct wbuf w;
	uint8_t *bytes;
	size_t i, j, n = 0, seen = 0;

	json_array_foreach (v, i, e) {
		if (json_object_get(e, "hex") == NULL)
			continue;
		bytes = tu_hex_alloc(e, "hex", &n);
		ck_assert_uint_eq(n, (size_t)num(e, "length"));
		lay = json_object_get(e, "layout");
		err_clear(&ei);
		ck_assert_msg(trustauth_decode(&b, bytes, n, &ei) == 0,
			      "%s: %s", tu_str(e, "name"), ei.msg);
		ck_assert_uint_eq(b.count, (size_t)num(lay, "count"));
		arr = json_object_get(lay, "current");
		ck_assert_uint_eq(json_array_size(arr), b.count);
		json_array_foreach (arr, j, x)
			check_entry(&b.cur[j], x);
		arr = json_object_get(lay, "previous");
		ck_assert_uint_eq(json_array_size(arr), b.nprev);
		json_array_foreach (arr, j, x)
			check_entry(&b.prev[j], x);
		wbuf_init(&w, 4096);
		ck_assert_int_eq(trustauth_encode(&b, &w), 0);
		ck_assert_uint_eq(w.len, n);
		ck_assert_msg(memcmp(w.p, bytes, n) == 0, "%s re-encodes to %s",
			      tu_str(e, "name"), tu_hexstr(w.p, w.len));
		wbuf_free(&w);
		trustauth_wipe(&b);
		free(bytes);
		seen++;
	}
	ck_assert_uint_eq(seen, 5);
	json_decref(root);
}
END_TEST

/* The blobs built from their parts, as the converter will build them. */
START_TEST(test_build)
{
	json_t *root = tu_load_json("vectors/trust_auth_blobs.json");
	static struct trustauth_blob b;
	static const char pw[] = "TrustPass#2024";
	uint8_t pw16[64], *want, old[16], neu[16];
	const uint64_t t2024 = 133485408000000000ULL;
	const uint64_t t2025 = 133512192000000000ULL;
	size_t i, n = 0;
	struct wbuf w;

	for (i = 0; pw[i] != '\0'; i++) {
		pw16[2 * i] = (uint8_t)pw[i];
		pw16[2 * i + 1] = 0;
	}
	memset(&b, 0, sizeof(b));
	b.count = 1;
	ck_assert_int_eq(trustauth_clear(&b.cur[0], t2024, pw16, 2 * i), 0);
	wbuf_init(&w, 4096);
	ck_assert_int_eq(trustauth_encode(&b, &w), 0);
	want = tu_hex_alloc(vector(root, "clear_current_only"), "hex", &n);
	ck_assert_uint_eq(w.len, n);
	ck_assert_mem_eq(w.p, want, n);
	free(want);
	/* what a DC stores: previous = a copy of current */
	trustauth_pair(&b);
	wbuf_reset(&w);
	ck_assert_int_eq(trustauth_encode(&b, &w), 0);
	want = tu_hex_alloc(vector(root, "clear_current_previous_copy"), "hex",
			    &n);
	ck_assert_uint_eq(w.len, n);
	ck_assert_mem_eq(w.p, want, n);
	free(want);
	/* the NT4OWF pair: the hashes of the vector's layout */
	tu_hex(json_array_get(
		       json_object_get(
			       json_object_get(vector(root, "nt4owf_current_"
							    "previous"),
					       "layout"),
			       "current"),
		       0),
	       "AuthInfo", neu, 16);
	tu_hex(json_array_get(
		       json_object_get(
			       json_object_get(vector(root, "nt4owf_current_"
							    "previous"),
					       "layout"),
			       "previous"),
		       0),
	       "AuthInfo", old, 16);
	memset(&b, 0, sizeof(b));
	b.count = 1;
	b.nprev = 1;
	trustauth_nt4owf(&b.cur[0], t2025, neu);
	trustauth_nt4owf(&b.prev[0], t2024, old);
	wbuf_reset(&w);
	ck_assert_int_eq(trustauth_encode(&b, &w), 0);
	want = tu_hex_alloc(vector(root, "nt4owf_current_previous"), "hex", &n);
	ck_assert_uint_eq(w.len, n);
	ck_assert_mem_eq(w.p, want, n);
	free(want);
	/* the empty blob */
	memset(&b, 0, sizeof(b));
	wbuf_reset(&w);
	ck_assert_int_eq(trustauth_encode(&b, &w), 0);
	ck_assert_str_eq(tu_hexstr(w.p, w.len), "000000000000000000000000");
	/* a VERSION entry carries LE32 */
	trustauth_version(&b.cur[0], 0, 0x01020304);
	ck_assert_str_eq(tu_hexstr(b.cur[0].info, 4), "04030201");
	wbuf_free(&w);
	json_decref(root);
}
END_TEST

/* The Netlogon server's choice: first NT4OWF, or MD4 of the first CLEAR. */
START_TEST(test_nt_hash)
{
	json_t *root = tu_load_json("vectors/trust_auth_blobs.json");
	static struct trustauth_blob b;
	uint8_t *bytes, h[16], want[16];
	size_t n = 0;

	bytes = tu_hex_alloc(vector(root, "clear_and_version_with_previous"),
			     "hex", &n);
	ck_assert_int_eq(trustauth_decode(&b, bytes, n, NULL), 0);
	ck_assert_int_eq(trustauth_nt_hash(&b, 0, h, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("NewTrustPass!2025", want, NULL), 0);
	ck_assert_mem_eq(h, want, 16);
	ck_assert_int_eq(trustauth_nt_hash(&b, 1, h, NULL), 0);
	ck_assert_int_eq(ntlm_nt_hash("TrustPass#2024", want, NULL), 0);
	ck_assert_mem_eq(h, want, 16);
	free(bytes);
	trustauth_wipe(&b);
	bytes = tu_hex_alloc(vector(root, "nt4owf_current_previous"), "hex",
			     &n);
	ck_assert_int_eq(trustauth_decode(&b, bytes, n, NULL), 0);
	ck_assert_int_eq(trustauth_nt_hash(&b, 1, h, NULL), 0);
	ck_assert_mem_eq(h, b.prev[0].info, 16);
	free(bytes);
	/* only NONE/VERSION, or nothing: not found */
	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(trustauth_nt_hash(&b, 0, h, NULL), ERR_NOTFOUND);
	b.count = 1;
	trustauth_version(&b.cur[0], 0, 3);
	ck_assert_int_eq(trustauth_nt_hash(&b, 0, h, NULL), ERR_NOTFOUND);
	json_decref(root);
}
END_TEST

/* The sealed LSA form: plaintext and ciphertext of the vector. */
START_TEST(test_lsa_seal)
{
	json_t *root = tu_load_json("vectors/trust_auth_blobs.json");
	json_t *v = vector(root, "lsa_auth_information_internal");
	static struct trustauth_blob out, in, o2, i2;
	uint8_t conf[TRUSTAUTH_CONFOUNDER], sk[16], *plain, *enc;
	size_t i, np = 0, ne = 0, osz, isz;
	struct errinfo ei;
	struct wbuf w;

	for (i = 0; i < TRUSTAUTH_CONFOUNDER; i++)
		conf[i] = (uint8_t)((i * 13 + 7) & 0xff);
	tu_hex(v, "session_key", sk, 16);
	plain = tu_hex_alloc(v, "plaintext_hex", &np);
	enc = tu_hex_alloc(v, "encrypted_hex", &ne);
	ck_assert_uint_eq(np, ne);
	ck_assert_mem_eq(plain, conf, TRUSTAUTH_CONFOUNDER);
	osz = (size_t)num(v, "outgoing_size");
	isz = (size_t)num(v, "incoming_size");
	ck_assert_uint_eq(np, TRUSTAUTH_CONFOUNDER + osz + isz + 8);
	ck_assert_int_eq(
		trustauth_decode(&out, plain + TRUSTAUTH_CONFOUNDER, osz, NULL),
		0);
	ck_assert_int_eq(trustauth_decode(&in,
					  plain + TRUSTAUTH_CONFOUNDER + osz,
					  isz, NULL),
			 0);
	wbuf_init(&w, 8192);
	ck_assert_int_eq(trustauth_lsa_seal(conf, &out, &in, sk, 16, &w, NULL),
			 0);
	ck_assert_uint_eq(w.len, ne);
	ck_assert_msg(memcmp(w.p, enc, ne) == 0, "sealed: %s",
		      tu_hexstr(w.p, w.len));
	/* and open again */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_lsa_open(enc, ne, sk, 16, &o2, &i2, &ei), 0);
	ck_assert_uint_eq(o2.count, out.count);
	ck_assert_mem_eq(o2.cur[0].info, out.cur[0].info, out.cur[0].len);
	ck_assert_uint_eq(i2.count, in.count);
	/* a wrong session key gives garbage sizes: refused, named */
	sk[0] ^= 1;
	ck_assert_int_ne(trustauth_lsa_open(enc, ne, sk, 16, &o2, &i2, &ei), 0);
	ck_assert_uint_eq(o2.count, 0);
	ck_assert_int_eq(trustauth_lsa_open(enc, 100, sk, 16, &o2, &i2, &ei),
			 ERR_TRUNCATED);
	wbuf_free(&w);
	free(plain);
	free(enc);
	json_decref(root);
}
END_TEST

/* The decoder's rules, each with its error and offset. */
START_TEST(test_strict)
{
	static struct trustauth_blob b;
	struct errinfo ei;
	/* clear_current_only with changes */
	uint8_t v[56];
	static const char hex56[] =
		"010000000c0000003800000000c08976453cda01020000001c00000054007"
		"200750073007400500061007300730023003200300032003400";
	uint8_t big[200];
	size_t i;

	for (i = 0; i < 56; i++) {
		unsigned x;
		char two[3] = { hex56[2 * i], hex56[2 * i + 1], 0 };

		x = (unsigned)strtoul(two, NULL, 16);
		v[i] = (uint8_t)x;
	}
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), 0);
	v[4] = 16; /* CurrentOffset */
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(
		strstr(ei.msg, "CurrentOffset 16 at offset 4 (must be 12)"));
	v[4] = 12;
	v[8] = 60; /* PreviousOffset */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(ei.msg, "current array ends at 56"));
	v[8] = 56;
	v[0] = 9; /* Count */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_RANGE);
	v[0] = 1;
	v[20] = 7; /* AuthType */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(strstr(ei.msg, "unknown AuthType 7"));
	v[20] = 1; /* NT4OWF with 28 bytes */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_FORMAT);
	ck_assert_ptr_nonnull(
		strstr(ei.msg, "AuthInfoLength 28 is not valid for AuthType "
			       "NT4OWF"));
	v[20] = 2;
	/* an odd CLEAR length: its pad byte must be zero, length refused */
	v[24] = 27;
	ck_assert_int_eq(trustauth_decode(&b, v, 56, &ei), ERR_FORMAT);
	v[24] = 28;
	/* Count 0 with offsets, or bytes after */
	memset(big, 0, sizeof(big));
	big[4] = 12;
	ck_assert_int_eq(trustauth_decode(&b, big, 12, &ei), ERR_FORMAT);
	big[4] = 0;
	ck_assert_int_eq(trustauth_decode(&b, big, 12, NULL), 0);
	ck_assert_int_eq(trustauth_decode(&b, big, 16, &ei), ERR_TRAILING);
	/* more previous entries than Count */
	memcpy(big, v, 56);
	memcpy(big + 56, v + 12, 44); /* one previous entry */
	ck_assert_int_eq(trustauth_decode(&b, big, 100, NULL), 0);
	ck_assert_uint_eq(b.nprev, 1);
	memcpy(big + 100, v + 12, 44); /* a second one */
	err_clear(&ei);
	ck_assert_int_eq(trustauth_decode(&b, big, 144, &ei), ERR_TRAILING);
	ck_assert_uint_eq(b.count, 0); /* wiped on failure */
	/* a previous entry cut short */
	ck_assert_int_eq(trustauth_decode(&b, big, 70, &ei), ERR_TRUNCATED);
	/* the encoder refuses what the decoder refuses */
	memset(&b, 0, sizeof(b));
	b.count = 1;
	b.cur[0].type = TRUSTAUTH_CLEAR;
	b.cur[0].len = 3;
	{
		struct wbuf w;

		wbuf_init(&w, 4096);
		ck_assert_int_eq(trustauth_encode(&b, &w), ERR_FORMAT);
		b.cur[0].len = TRUSTAUTH_CLEAR_MAX + 2;
		ck_assert_int_eq(trustauth_encode(&b, &w), ERR_RANGE);
		b.cur[0].len = 2;
		b.nprev = 2;
		ck_assert_int_eq(trustauth_encode(&b, &w), ERR_RANGE);
		ck_assert_uint_eq(w.len, 0);
		wbuf_free(&w);
	}
	ck_assert_int_eq(trustauth_clear(&b.cur[0], 0, v, 3), ERR_RANGE);
}
END_TEST

/*
 * STYLE.md section I: every truncation of every vector and every
 * single-bit flip either fails or decodes to something that re-encodes to
 * exactly those bytes (a blob cut after its last current entry is a valid
 * blob with fewer previous entries; cut anywhere else it must fail).
 */
START_TEST(test_truncate_flip)
{
	json_t *root = tu_load_json("vectors/trust_auth_blobs.json");
	json_t *v = tu_vectors(root), *e;
	static struct trustauth_blob b;
	struct wbuf w;
	uint8_t *bytes;
	size_t i, n = 0, k, bit;

	json_array_foreach (v, i, e) {
		if (json_object_get(e, "hex") == NULL)
			continue;
		bytes = tu_hex_alloc(e, "hex", &n);
		for (k = 0; k < n; k++) {
			if (trustauth_decode(&b, bytes, k, NULL) != 0)
				continue;
			/* cut in the previous array, between entries */
			ck_assert_uint_lt(b.nprev, b.count);
			ck_assert_uint_ge(k,
					  (size_t)(bytes[8] | bytes[9] << 8));
			wbuf_init(&w, 4096);
			ck_assert_int_eq(trustauth_encode(&b, &w), 0);
			ck_assert_uint_eq(w.len, k);
			ck_assert_mem_eq(w.p, bytes, k);
			wbuf_free(&w);
		}
		for (k = 0; k < n; k++)
			for (bit = 0; bit < 8; bit++) {
				bytes[k] ^= (uint8_t)(1u << bit);
				if (trustauth_decode(&b, bytes, n, NULL) == 0) {
					wbuf_init(&w, 4096);
					ck_assert_int_eq(
						trustauth_encode(&b, &w), 0);
					ck_assert_uint_eq(w.len, n);
					ck_assert_mem_eq(w.p, bytes, n);
					wbuf_free(&w);
				}
				bytes[k] ^= (uint8_t)(1u << bit);
			}
		free(bytes);
	}
	json_decref(root);
}
END_TEST

Suite *
trustauth_suite(void)
{
	Suite *s = suite_create("trustauth");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_vectors);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_nt_hash);
	tcase_add_test(tc, test_lsa_seal);
	tcase_add_test(tc, test_strict);
	tcase_add_test(tc, test_truncate_flip);
	suite_add_tcase(s, tc);
	return s;
}
