/*
 * tests/check_err.c - common/err: the first error wins, NULL errinfo,
 * offsets, message truncation, err_prefix, err_clear and err_str.
 */
#include <check.h>
#include <string.h>

#include "common/err.h"
#include "testutil.h"

/* ERR records the calling function's name. */
static int
inner_parser(struct errinfo *ei)
{
	return ERR(ei, ERR_FORMAT, "inner %d", 1);
}

START_TEST(test_first_wins)
{
	struct errinfo ei;

	err_clear(&ei);
	ck_assert_int_eq(ei.code, 0);
	ck_assert_str_eq(ei.msg, "");
	ck_assert_int_eq(inner_parser(&ei), ERR_FORMAT);
	ck_assert_int_eq(ei.code, ERR_FORMAT);
	ck_assert_str_eq(ei.func, "inner_parser");
	ck_assert_str_eq(ei.msg, "inner 1");
	/* a later error returns its own code but changes nothing */
	ck_assert_int_eq(ERR(&ei, ERR_IO, "outer"), ERR_IO);
	ck_assert_int_eq(err_set_offset(&ei, ERR_RANGE, "f", 7, "x"),
			 ERR_RANGE);
	ck_assert_int_eq(ei.code, ERR_FORMAT);
	ck_assert_str_eq(ei.msg, "inner 1");
	ck_assert_uint_eq(ei.offset, 0);
	/* after err_clear the next error is recorded */
	err_clear(&ei);
	ck_assert_int_eq(err_set_offset(&ei, ERR_TRUNCATED, "g", 42,
					"at %zu", (size_t)42),
			 ERR_TRUNCATED);
	ck_assert_uint_eq(ei.offset, 42);
	ck_assert_str_eq(ei.func, "g");
	ck_assert_str_eq(ei.msg, "at 42");
}
END_TEST

START_TEST(test_null_ei)
{
	ck_assert_int_eq(ERR(NULL, ERR_NOMEM, "x"), ERR_NOMEM);
	ck_assert_int_eq(err_set_offset(NULL, ERR_IO, "f", 1, "y"), ERR_IO);
	err_clear(NULL);
	err_prefix(NULL, "ctx");
}
END_TEST

START_TEST(test_long_message)
{
	struct errinfo ei;
	char big[400];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	err_clear(&ei);
	ck_assert_int_eq(ERR(&ei, ERR_FORMAT, "%s", big), ERR_FORMAT);
	ck_assert_uint_eq(strlen(ei.msg), sizeof(ei.msg) - 1);
}
END_TEST

START_TEST(test_prefix)
{
	struct errinfo ei;
	char big[400];
	size_t n;

	err_clear(&ei);
	ERR(&ei, ERR_FORMAT, "bad SID");
	err_prefix(&ei, "key %s", "TRUSTED");
	ck_assert_str_eq(ei.msg, "key TRUSTED: bad SID");
	err_prefix(&ei, "secrets.tdb");
	ck_assert_str_eq(ei.msg, "secrets.tdb: key TRUSTED: bad SID");
	ck_assert_int_eq(ei.code, ERR_FORMAT);

	/* the result is cut to the buffer, still terminated */
	memset(big, 'm', sizeof(ei.msg) - 1);
	big[sizeof(ei.msg) - 1] = '\0';
	err_clear(&ei);
	ERR(&ei, ERR_FORMAT, "%s", big);
	err_prefix(&ei, "ctx");
	n = strlen(ei.msg);
	ck_assert_uint_eq(n, sizeof(ei.msg) - 1);
	ck_assert(strncmp(ei.msg, "ctx: mmm", 8) == 0);

	/* a prefix that cannot fit leaves the message alone */
	memset(big, 'p', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	err_clear(&ei);
	ERR(&ei, ERR_FORMAT, "short");
	err_prefix(&ei, "%s", big);
	ck_assert_str_eq(ei.msg, "short");
}
END_TEST

START_TEST(test_str)
{
	static const int codes[] = {
		ERR_OK,	      ERR_TRUNCATED, ERR_FORMAT,   ERR_RANGE,
		ERR_TRAILING, ERR_NOMEM,     ERR_IO,	   ERR_CRYPTO,
		ERR_NOTFOUND, ERR_ACCESS,    ERR_INTERNAL, ERR_EXISTS,
		ERR_INVALID,  ERR_WRONGSTATE,
	};
	size_t i, j;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ck_assert_ptr_nonnull(err_str(codes[i]));
		ck_assert_str_ne(err_str(codes[i]), "unknown error");
		for (j = 0; j < i; j++)
			ck_assert_str_ne(err_str(codes[i]), err_str(codes[j]));
	}
	ck_assert_str_eq(err_str(ERR_TRUNCATED), "truncated");
	ck_assert_str_eq(err_str(-999), "unknown error");
	ck_assert_str_eq(err_str(1), "unknown error");
}
END_TEST

Suite *err_suite(void);

Suite *
err_suite(void)
{
	Suite *s = suite_create("err");
	TCase *tc = tcase_create("err");

	tcase_add_test(tc, test_first_wins);
	tcase_add_test(tc, test_null_ei);
	tcase_add_test(tc, test_long_message);
	tcase_add_test(tc, test_prefix);
	tcase_add_test(tc, test_str);
	suite_add_tcase(s, tc);
	return s;
}
