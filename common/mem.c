/*
 * common/mem.c - allocation wrappers with a fail-the-Nth-allocation hook.
 *
 * The hook is process-wide test machinery (the one deliberate global of the
 * library); it is off unless a test or NT4TRUST_FAIL_ALLOC switches it on.
 */
#include "mem.h"

#include <stdlib.h>
#include <string.h>

static long mem_countdown = -1;
static int mem_env_read;
static int mem_fired;

static int
mem_should_fail(void)
{
	if (!mem_env_read) {
		const char *s = getenv("NT4TRUST_FAIL_ALLOC");

		mem_env_read = 1;
		if (s != NULL && *s != '\0')
			mem_countdown = strtol(s, NULL, 10);
	}
	if (mem_countdown < 0)
		return 0;
	if (mem_countdown == 0) {
		mem_fired = 1;
		return 1;
	}
	mem_countdown--;
	return 0;
}

void
mem_fail_after(long n)
{
	mem_env_read = 1;
	mem_countdown = n;
	mem_fired = 0;
}

int
mem_fail_fired(void)
{
	return mem_fired;
}

void *
mem_alloc(size_t n)
{
	if (mem_should_fail())
		return NULL;
	return malloc(n == 0 ? 1 : n);
}

void *
mem_zalloc(size_t n)
{
	if (mem_should_fail())
		return NULL;
	return calloc(1, n == 0 ? 1 : n);
}

void *
mem_realloc(void *p, size_t n)
{
	if (mem_should_fail())
		return NULL;
	return realloc(p, n == 0 ? 1 : n);
}

void *
mem_memdup(const void *p, size_t n)
{
	void *q = mem_alloc(n);

	if (q != NULL && n > 0)
		memcpy(q, p, n);
	return q;
}

char *
mem_strdup(const char *s)
{
	return mem_memdup(s, strlen(s) + 1);
}

size_t
mem_strlcpy(char *dst, const char *src, size_t n)
{
	size_t len = strlen(src);

	if (n > 0) {
		size_t k = len < n - 1 ? len : n - 1;

		memcpy(dst, src, k);
		dst[k] = '\0';
	}
	return len;
}
