/*
 * tests/check_store.c - the tdb store (nt4/store.c): create mode 0600,
 * O_EXCL creation, transactions (all or nothing, writes refused outside),
 * sorted prefix listing, read-only opening.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/err.h"
#include "nt4/store.h"
#include "testutil.h"

static char path[256];

static void
setup(void)
{
	snprintf(path, sizeof(path), "/tmp/nt4trust-store-%d.tdb",
		 (int)getpid());
	unlink(path);
}

static void
teardown(void)
{
	unlink(path);
}

static int
collect(const char *key, const uint8_t *val, size_t len, void *arg)
{
	char *acc = arg;

	strcat(acc, key);
	strcat(acc, "=");
	strncat(acc, (const char *)val, len);
	strcat(acc, ";");
	return 0;
}

START_TEST(test_create_mode_and_excl)
{
	struct store *s = NULL, *t = NULL;
	struct errinfo ei;
	struct stat st;

	err_clear(&ei);
	ck_assert_int_eq(store_open(&s, path, 0, &ei), ERR_NOTFOUND);
	ck_assert_int_eq(store_open(&s, path, STORE_CREATE, &ei), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(store_open(&t, path, STORE_CREATE, &ei), ERR_EXISTS);
	ck_assert_ptr_null(t);
	store_close(s);
}
END_TEST

START_TEST(test_transactions)
{
	struct store *s = NULL;
	struct errinfo ei;
	uint8_t *v = NULL;
	size_t n;

	err_clear(&ei);
	ck_assert_int_eq(store_open(&s, path, STORE_CREATE, &ei), 0);
	ck_assert_int_eq(store_put(s, "A", "1", 1, &ei), ERR_INTERNAL);
	ck_assert_str_eq(ei.msg + strlen(path),
			 ": write of A outside a transaction");
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_begin(s, NULL), ERR_INTERNAL);
	ck_assert_int_eq(store_put(s, "A", "1", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "B", "2", 1, NULL), 0);
	store_cancel(s);
	ck_assert_int_eq(store_get(s, "A", &v, &n, NULL), ERR_NOTFOUND);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "1", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "B", "22", 2, NULL), 0);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	ck_assert_int_eq(store_get(s, "B", &v, &n, NULL), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(memcmp(v, "22", 2), 0);
	free(v);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_delete(s, "A", NULL), 0);
	ck_assert_int_eq(store_delete(s, "A", NULL), ERR_NOTFOUND);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	ck_assert_int_eq(store_get(s, "A", &v, &n, NULL), ERR_NOTFOUND);
	store_close(s);
}
END_TEST

/* A transaction left open by a "crash" (close without commit) is lost. */
START_TEST(test_uncommitted_lost)
{
	struct store *s = NULL;
	uint8_t *v = NULL;
	size_t n;

	ck_assert_int_eq(store_open(&s, path, STORE_CREATE, NULL), 0);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "K", "v", 1, NULL), 0);
	store_close(s);
	ck_assert_int_eq(store_open(&s, path, 0, NULL), 0);
	ck_assert_int_eq(store_get(s, "K", &v, &n, NULL), ERR_NOTFOUND);
	store_close(s);
}
END_TEST

START_TEST(test_list_sorted_prefix)
{
	struct store *s = NULL;
	char acc[256] = "";

	ck_assert_int_eq(store_open(&s, path, STORE_CREATE, NULL), 0);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "TDO/ZED", "z", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "TDO/ABC", "a", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "SECRET/X", "x", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "TDO/MID", "m", 1, NULL), 0);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	ck_assert_int_eq(store_list(s, "TDO/", collect, acc, NULL), 0);
	ck_assert_str_eq(acc, "TDO/ABC=a;TDO/MID=m;TDO/ZED=z;");
	store_close(s);
}
END_TEST

START_TEST(test_readonly)
{
	struct store *s = NULL;
	struct errinfo ei;

	ck_assert_int_eq(store_open(&s, path, STORE_CREATE, NULL), 0);
	store_close(s);
	ck_assert_int_eq(store_open(&s, path, STORE_RDONLY, NULL), 0);
	err_clear(&ei);
	ck_assert_int_eq(store_begin(s, &ei), ERR_ACCESS);
	store_close(s);
}
END_TEST

Suite *store_suite(void);

Suite *
store_suite(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_create_mode_and_excl);
	tcase_add_test(tc, test_transactions);
	tcase_add_test(tc, test_uncommitted_lost);
	tcase_add_test(tc, test_list_sorted_prefix);
	tcase_add_test(tc, test_readonly);
	suite_add_tcase(s, tc);
	return s;
}
