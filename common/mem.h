/*
 * common/mem.h - the project's allocator entry points.
 *
 * All library allocations go through mem_alloc/mem_zalloc/mem_realloc/
 * mem_strdup so that tests can fail the Nth allocation (curl torture,
 * libgit2 failalloc) and check that every error path is clean.
 */
#ifndef COMMON_MEM_H
#define COMMON_MEM_H

#include <stddef.h>

/* mem_alloc - malloc(n); NULL on failure or when the fail hook fires. */
void *mem_alloc(size_t n);
/* mem_zalloc - calloc(1, n); same failure rules. */
void *mem_zalloc(size_t n);
/* mem_realloc - realloc(p, n); on failure p is left untouched. */
void *mem_realloc(void *p, size_t n);
/* mem_strdup - a malloc'd copy of s; caller frees with free(). */
char *mem_strdup(const char *s);
/* mem_memdup - a malloc'd copy of n bytes; caller frees with free(). */
void *mem_memdup(const void *p, size_t n);

/*
 * mem_strlcpy - copy src into dst (n bytes), truncating, always terminated
 * (when n > 0).  Returns strlen(src), so truncation is "ret >= n".
 */
size_t mem_strlcpy(char *dst, const char *src, size_t n);

/*
 * mem_fail_after - make the (n+1)th allocation from now on fail (n = 0 fails
 * the next one); a negative n switches the hook off.  Test use only; the
 * NT4TRUST_FAIL_ALLOC environment variable sets it at the first allocation.
 */
void mem_fail_after(long n);
/* mem_fail_fired - non-zero if the hook has made an allocation fail. */
int mem_fail_fired(void);

#endif
