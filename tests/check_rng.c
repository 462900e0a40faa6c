/*
 * tests/check_rng.c - the seeded generator of common/rng: determinism, a
 * known answer, block/counter accounting, rng_uniform, and OS mode.
 *
 * The known answers were computed independently with Python's hmac module:
 *   seed = bytes(range(32))
 *   blk  = lambda c: hmac.new(seed, struct.pack('<Q', c),
 *                             hashlib.sha256).digest()
 *   blk(0) + blk(1)[:8]  -> KAT_C0_40
 *   blk(7)[:5]           -> KAT_C7_5
 *   x = LE32(blk(0)[:4]) = 3118009503 >= (2^32 - 1000) % 1000 = 296,
 *   so rng_uniform(1000) at counter 0 is x % 1000 = 503.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "common/rng.h"
#include "testutil.h"

Suite *rng_suite(void);

#define KAT_C0_40                                                              \
	"9f0cd9b94097fe4929918d2b8942b34439574261a35dc50163f06c67d4e48899"     \
	"3b345d4e3f7a9922"
#define KAT_C7_5 "c12bec9a4b"

static void
test_seed(uint8_t seed[32])
{
	int i;

	for (i = 0; i < 32; i++)
		seed[i] = (uint8_t)i;
}

START_TEST(test_known_answer)
{
	struct rng r;
	uint8_t seed[32], out[40];

	test_seed(seed);
	rng_init_seeded(&r, seed, 0);
	ck_assert_int_eq(rng_bytes(&r, out, sizeof(out)), 0);
	ck_assert_mem_hex(out, sizeof(out), KAT_C0_40);
	ck_assert_uint_eq(r.counter, 2);

	rng_init_seeded(&r, seed, 7);
	ck_assert_int_eq(rng_bytes(&r, out, 5), 0);
	ck_assert_mem_hex(out, 5, KAT_C7_5);
	ck_assert_uint_eq(r.counter, 8);
}
END_TEST

START_TEST(test_determinism)
{
	struct rng a, b;
	uint8_t seed[32], x[100], y[100];

	test_seed(seed);
	seed[5] ^= 0x77;
	rng_init_seeded(&a, seed, 12345);
	rng_init_seeded(&b, seed, 12345);
	ck_assert_int_eq(rng_bytes(&a, x, sizeof(x)), 0);
	ck_assert_int_eq(rng_bytes(&b, y, sizeof(y)), 0);
	ck_assert_mem_eq(x, y, sizeof(x));
	ck_assert_uint_eq(a.counter, b.counter);
	/* a different counter or seed gives different bytes */
	rng_init_seeded(&b, seed, 12346);
	ck_assert_int_eq(rng_bytes(&b, y, sizeof(y)), 0);
	ck_assert_int_ne(memcmp(x, y, sizeof(x)), 0);
	seed[0] ^= 1;
	rng_init_seeded(&b, seed, 12345);
	ck_assert_int_eq(rng_bytes(&b, y, sizeof(y)), 0);
	ck_assert_int_ne(memcmp(x, y, sizeof(x)), 0);
}
END_TEST

START_TEST(test_counter_advance)
{
	static const struct {
		size_t n;
		uint64_t blocks;
	} cases[] = { { 0, 0 },	 { 1, 1 },  { 5, 1 },	{ 31, 1 },
		      { 32, 1 }, { 33, 2 }, { 64, 2 },	{ 65, 3 },
		      { 96, 3 }, { 97, 4 }, { 516, 17 } };
	struct rng r;
	uint8_t seed[32], buf[600];
	size_t i;

	test_seed(seed);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		rng_init_seeded(&r, seed, 100);
		ck_assert_int_eq(rng_bytes(&r, buf, cases[i].n), 0);
		ck_assert_uint_eq(r.counter, 100 + cases[i].blocks);
	}
}
END_TEST

/* Each call starts at a fresh block: the tail of the last one is dropped. */
START_TEST(test_fresh_block_per_call)
{
	struct rng a, b;
	uint8_t seed[32], x[5], y[5], whole[64];

	test_seed(seed);
	rng_init_seeded(&a, seed, 0);
	ck_assert_int_eq(rng_bytes(&a, x, 5), 0);
	ck_assert_int_eq(rng_bytes(&a, y, 5), 0);
	rng_init_seeded(&b, seed, 0);
	ck_assert_int_eq(rng_bytes(&b, whole, 64), 0);
	ck_assert_mem_eq(x, whole, 5);
	ck_assert_mem_eq(y, whole + 32, 5);
	/* the state is (seed, counter): resuming at 1 gives block 1 */
	rng_init_seeded(&b, seed, 1);
	ck_assert_int_eq(rng_bytes(&b, x, 5), 0);
	ck_assert_mem_eq(x, whole + 32, 5);
}
END_TEST

START_TEST(test_uniform)
{
	static const uint32_t bounds[] = { 1,	       2,	   3,
					   7,	       10,	   1000,
					   65537,      0x7fffffffu, 0x80000001u,
					   0xfffffffeu, 0xffffffffu };
	struct rng r;
	uint8_t seed[32];
	uint32_t v, seen = 0;
	size_t i;
	int k;

	test_seed(seed);
	/* known answer (see the header comment) */
	rng_init_seeded(&r, seed, 0);
	ck_assert_int_eq(rng_uniform(&r, 1000, &v), 0);
	ck_assert_uint_eq(v, 503);
	ck_assert_uint_eq(r.counter, 1);

	for (i = 0; i < sizeof(bounds) / sizeof(bounds[0]); i++) {
		rng_init_seeded(&r, seed, i * 1000);
		for (k = 0; k < 200; k++) {
			ck_assert_int_eq(rng_uniform(&r, bounds[i], &v), 0);
			ck_assert_uint_lt(v, bounds[i]);
		}
	}
	/* all values of a small bound show up */
	rng_init_seeded(&r, seed, 0);
	for (k = 0; k < 200; k++) {
		ck_assert_int_eq(rng_uniform(&r, 8, &v), 0);
		seen |= 1u << v;
	}
	ck_assert_uint_eq(seen, 0xffu);
	/* bound 0 is refused */
	ck_assert_int_eq(rng_uniform(&r, 0, &v), ERR_INVALID);
	ck_assert_uint_eq(v, 0);
}
END_TEST

START_TEST(test_os_mode)
{
	struct rng r;
	uint8_t a[32], b[32];
	uint32_t v;

	rng_init_os(&r);
	ck_assert_int_ne(r.os, 0);
	ck_assert_int_eq(rng_bytes(&r, a, sizeof(a)), 0);
	ck_assert_int_eq(rng_bytes(&r, b, sizeof(b)), 0);
	ck_assert_int_ne(memcmp(a, b, sizeof(a)), 0);
	ck_assert_int_eq(rng_uniform(&r, 10, &v), 0);
	ck_assert_uint_lt(v, 10);
}
END_TEST

START_TEST(test_wipe)
{
	struct rng r;
	uint8_t seed[32];
	static const uint8_t zero[32];

	test_seed(seed);
	rng_init_seeded(&r, seed, 9);
	rng_wipe(&r);
	ck_assert_mem_eq(r.seed, zero, 32);
	ck_assert_uint_eq(r.counter, 0);
}
END_TEST

Suite *
rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_known_answer);
	tcase_add_test(tc, test_determinism);
	tcase_add_test(tc, test_counter_advance);
	tcase_add_test(tc, test_fresh_block_per_call);
	tcase_add_test(tc, test_uniform);
	tcase_add_test(tc, test_os_mode);
	tcase_add_test(tc, test_wipe);
	suite_add_tcase(s, tc);
	return s;
}
