/*
 * tests/check_store.c - the tdb store (nt4/store.c): create mode 0600,
 * O_EXCL creation, transactions (all or nothing, writes refused outside),
 * sorted prefix listing, read-only opening, the read cache, and the fault
 * hook NT4TRUST_FAULT (fail:N and, in a forked child, abort:N).
 */
#include <check.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
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

/* expect key's value in s to be want (NULL: absent) */
static void
store_expect(struct store *s, const char *key, const char *want)
{
	uint8_t *v = NULL;
	size_t n = 0;
	int rc = store_get(s, key, &v, &n, NULL);

	if (want == NULL) {
		ck_assert_int_eq(rc, ERR_NOTFOUND);
		ck_assert_ptr_null(v);
		return;
	}
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(v, want, n);
	free(v);
}

static struct store *cache_s; /* the reader of test_read_cache */

/*
 * Another process (tdb allows one open per process) puts key = val, or
 * deletes key when val is NULL, in one transaction.  With hold set it
 * stops before the commit until the parent has checked *hold (the
 * uncommitted state), then commits.  Returns when it has exited.
 */
static void
other_process(const char *key, const char *val, void (*hold)(void))
{
	int up[2], down[2], st = 0;
	char c = 0;
	pid_t pid;

	ck_assert_int_eq(pipe(up), 0);
	ck_assert_int_eq(pipe(down), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store *w = NULL;
		int bad;

		/* the parent's handle, inherited: tdb allows one per process */
		store_close(cache_s);
		bad = store_open(&w, path, STORE_CACHE, NULL) != 0 ||
		      store_begin(w, NULL) != 0 ||
		      (val != NULL ? store_put(w, key, val, strlen(val), NULL) :
				     store_delete(w, key, NULL)) != 0;

		if (hold != NULL)
			bad |= write(up[1], "x", 1) != 1 ||
			       read(down[0], &c, 1) != 1;
		bad |= store_commit(w, NULL) != 0;
		store_close(w);
		_exit(bad);
	}
	if (hold != NULL) {
		ck_assert_int_eq(read(up[0], &c, 1), 1);
		hold();
		ck_assert_int_eq(write(down[1], "x", 1), 1);
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

static void
expect_a_is_1(void)
{
	store_expect(cache_s, "A", "1");
}

/*
 * STORE_CACHE: a value read once is served again while the database is
 * unchanged; a change committed by another process, a delete, a cancelled
 * transaction and reads inside a transaction are all seen as they are.
 */
START_TEST(test_read_cache)
{
	struct store *s = NULL;
	char key[8];
	int i;

	ck_assert_int_eq(store_open(&s, path, STORE_CREATE | STORE_CACHE, NULL),
			 0);
	cache_s = s;
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "1", 1, NULL), 0);
	ck_assert_int_eq(store_put(s, "B", "2", 1, NULL), 0);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	store_expect(s, "A", "1");
	store_expect(s, "A", "1"); /* from the cache */
	store_expect(s, "B", "2");
	/* another process changes A; uncommitted, it is not seen */
	other_process("A", "one", expect_a_is_1);
	store_expect(s, "A", "one");
	/* and deletes B */
	other_process("B", NULL, NULL);
	store_expect(s, "B", NULL);
	store_expect(s, "B", NULL); /* absent, from the cache */
	/* a key found absent, then created by another process */
	other_process("B", "two", NULL);
	store_expect(s, "B", "two");
	/* reads inside a transaction see it; a cancel leaves no trace */
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "tmp", 3, NULL), 0);
	store_expect(s, "A", "tmp");
	store_cancel(s);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "C", "3", 1, NULL), 0);
	store_expect(s, "A", "one");
	store_cancel(s);
	store_expect(s, "A", "one");
	store_expect(s, "C", NULL);
	/* more keys than slots: every value still right */
	ck_assert_int_eq(store_begin(s, NULL), 0);
	for (i = 0; i < 40; i++) {
		snprintf(key, sizeof(key), "K%d", i);
		ck_assert_int_eq(store_put(s, key, key, strlen(key), NULL), 0);
	}
	ck_assert_int_eq(store_commit(s, NULL), 0);
	for (i = 0; i < 80; i++) {
		snprintf(key, sizeof(key), "K%d", (i * 7) % 40);
		store_expect(s, key, key);
	}
	/* a cached key changed by another process, after all that */
	other_process("K3", "new", NULL);
	store_expect(s, "K3", "new");
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

/* Set NT4TRUST_FAULT (NULL: unset) and make the store read it again. */
static void
fault_set(const char *v)
{
	if (v != NULL)
		ck_assert_int_eq(setenv("NT4TRUST_FAULT", v, 1), 0);
	else
		ck_assert_int_eq(unsetenv("NT4TRUST_FAULT"), 0);
	store_fault_reset();
}

/* A = old, committed without the hook. */
static struct store *
fault_base(void)
{
	struct store *s = NULL;

	fault_set(NULL);
	ck_assert_int_eq(store_open(&s, path, STORE_CREATE | STORE_CACHE, NULL),
			 0);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "old", 3, NULL), 0);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	return s;
}

/*
 * NT4TRUST_FAULT=fail:N: write N (puts, deletes and commits count, begin
 * does not) returns ERR_IO naming it and cancels its transaction; the
 * stored value stays the old one; later writes are made.
 */
START_TEST(test_fault_fail)
{
	struct store *s = fault_base();
	struct errinfo ei;

	/* write 2 is the commit */
	fault_set("fail:2");
	err_clear(&ei);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "new", 3, NULL), 0);
	ck_assert_int_eq(store_commit(s, &ei), ERR_IO);
	ck_assert_str_eq(ei.msg + strlen(path), ": injected fault at write 2");
	ck_assert_int_eq(store_in_transaction(s), 0);
	store_expect(s, "A", "old");
	/* writes 3 and 4 go through */
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "A", "new", 3, NULL), 0);
	ck_assert_int_eq(store_commit(s, NULL), 0);
	store_expect(s, "A", "new");

	/* write 1 is a delete (raw form): refused, transaction cancelled */
	fault_set("fail:1");
	err_clear(&ei);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_delete_raw(s, "A", 1, &ei), ERR_IO);
	ck_assert_str_eq(ei.msg + strlen(path), ": injected fault at write 1");
	ck_assert_int_eq(store_in_transaction(s), 0);
	ck_assert_int_eq(store_commit(s, NULL), ERR_INTERNAL);
	store_expect(s, "A", "new");

	/* a malformed value: every write refused, nothing written */
	fault_set("fail:01");
	err_clear(&ei);
	ck_assert_int_eq(store_begin(s, NULL), 0);
	ck_assert_int_eq(store_put(s, "B", "b", 1, &ei), ERR_INVALID);
	ck_assert_ptr_nonnull(strstr(ei.msg, "NT4TRUST_FAULT"));
	ck_assert_int_eq(store_in_transaction(s), 0);
	store_expect(s, "B", NULL);
	fault_set(NULL);
	store_close(s);
}
END_TEST

/*
 * NT4TRUST_FAULT=abort:N, in a child: it dies by SIGABRT at write N (here
 * the commit), and the transaction is lost: A keeps the old value, B is
 * absent.
 */
START_TEST(test_fault_abort)
{
	struct store *s = fault_base();
	pid_t pid;
	int st = 0;

	store_close(s); /* tdb allows one open per process */
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct store *w = NULL;
		struct rlimit rl = { 0, 0 };

		(void)setrlimit(RLIMIT_CORE, &rl); /* no core file */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		fault_set("abort:3");
		if (store_open(&w, path, 0, NULL) != 0 ||
		    store_begin(w, NULL) != 0 ||
		    store_put(w, "A", "new", 3, NULL) != 0 ||
		    store_put(w, "B", "b", 1, NULL) != 0)
			_exit(1);
		(void)store_commit(w, NULL);
		_exit(2); /* not reached */
	}
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSIGNALED(st));
	ck_assert_int_eq(WTERMSIG(st), SIGABRT);
	s = NULL;
	ck_assert_int_eq(store_open(&s, path, STORE_CACHE, NULL), 0);
	store_expect(s, "A", "old");
	store_expect(s, "B", NULL);
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
	tcase_add_test(tc, test_read_cache);
	tcase_add_test(tc, test_fault_fail);
	tcase_add_test(tc, test_fault_abort);
	suite_add_tcase(s, tc);
	return s;
}
