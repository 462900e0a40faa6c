/*
 * tests/check_mem.c - common/mem: the allocation wrappers and the
 * fail-the-Nth-allocation hook used by every allocation-failure loop, and
 * mem_strlcpy.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/mem.h"
#include "testutil.h"

START_TEST(test_wrappers)
{
	char *s;
	uint8_t *z;
	void *p;

	s = mem_strdup("trust");
	ck_assert_str_eq(s, "trust");
	free(s);
	z = mem_zalloc(32);
	ck_assert_ptr_nonnull(z);
	for (int i = 0; i < 32; i++)
		ck_assert_uint_eq(z[i], 0);
	z = mem_realloc(z, 64);
	ck_assert_ptr_nonnull(z);
	ck_assert_uint_eq(z[31], 0);
	free(z);
	p = mem_memdup("\x01\x02", 2);
	ck_assert_mem_eq(p, "\x01\x02", 2);
	free(p);
	/* zero sizes still give a pointer to free */
	p = mem_alloc(0);
	ck_assert_ptr_nonnull(p);
	free(p);
	p = mem_memdup("", 0);
	ck_assert_ptr_nonnull(p);
	free(p);
}
END_TEST

START_TEST(test_fail_after)
{
	void *a, *b, *c;

	mem_fail_after(2);
	ck_assert(!mem_fail_fired());
	a = mem_alloc(8);
	b = mem_zalloc(8);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(!mem_fail_fired());
	c = mem_alloc(8);
	ck_assert_ptr_null(c);
	ck_assert(mem_fail_fired());
	/* the hook stays fired until switched off */
	ck_assert_ptr_null(mem_strdup("x"));
	mem_fail_after(-1);
	ck_assert(!mem_fail_fired());
	c = mem_alloc(8);
	ck_assert_ptr_nonnull(c);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(test_realloc_failure_keeps_block)
{
	char *p = mem_strdup("keep"), *q;

	mem_fail_after(0);
	q = mem_realloc(p, 4096);
	mem_fail_after(-1);
	ck_assert_ptr_null(q);
	ck_assert_str_eq(p, "keep");
	free(p);
	mem_fail_after(0);
	ck_assert_ptr_null(mem_memdup("ab", 2));
	ck_assert_ptr_null(mem_zalloc(1));
	mem_fail_after(-1);
}
END_TEST

START_TEST(test_strlcpy)
{
	char buf[6];

	memset(buf, 'z', sizeof(buf));
	ck_assert_uint_eq(mem_strlcpy(buf, "abc", sizeof(buf)), 3);
	ck_assert_str_eq(buf, "abc");
	/* exactly fitting */
	ck_assert_uint_eq(mem_strlcpy(buf, "abcde", sizeof(buf)), 5);
	ck_assert_str_eq(buf, "abcde");
	/* truncated: the return value says so */
	ck_assert_uint_eq(mem_strlcpy(buf, "abcdefgh", sizeof(buf)), 8);
	ck_assert_str_eq(buf, "abcde");
	ck_assert_uint_eq(mem_strlcpy(buf, "xy", 1), 2);
	ck_assert_str_eq(buf, "");
	/* n == 0 writes nothing */
	buf[0] = 'q';
	ck_assert_uint_eq(mem_strlcpy(buf, "xy", 0), 2);
	ck_assert_int_eq(buf[0], 'q');
}
END_TEST

Suite *mem_suite(void);

Suite *
mem_suite(void)
{
	Suite *s = suite_create("mem");
	TCase *tc = tcase_create("mem");

	tcase_add_test(tc, test_wrappers);
	tcase_add_test(tc, test_fail_after);
	tcase_add_test(tc, test_realloc_failure_keeps_block);
	tcase_add_test(tc, test_strlcpy);
	suite_add_tcase(s, tc);
	return s;
}
