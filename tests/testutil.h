/*
 * tests/testutil.h - helpers shared by the unit tests: loading the vector
 * files of tests/data/vectors with jansson and comparing bytes with hex.
 */
#ifndef TESTS_TESTUTIL_H
#define TESTS_TESTUTIL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* tu_load_json - parse tests/data/<rel>; aborts the test on error. */
json_t *tu_load_json(const char *rel);
/* tu_vectors - the "vectors" array of a vector file (borrowed from root). */
json_t *tu_vectors(json_t *root);
/* tu_str - string member (aborts if missing). */
const char *tu_str(json_t *obj, const char *key);
/* tu_hex - decode a hex member into out (exactly n bytes, aborts else). */
void tu_hex(json_t *obj, const char *key, uint8_t *out, size_t n);
/* tu_hex_alloc - decode a hex member of any length; *n its length. */
uint8_t *tu_hex_alloc(json_t *obj, const char *key, size_t *n);
/* tu_hexstr - lowercase hex of p into a static buffer (for messages). */
const char *tu_hexstr(const uint8_t *p, size_t n);
/* tu_read_file - whole file into malloc'd buffer; NULL if unreadable. */
uint8_t *tu_read_file(const char *path, size_t *n);

/* ck_assert_mem_hex - assert the n bytes at p equal the hex string h. */
#define ck_assert_mem_hex(p, n, h)                                            \
	ck_assert_str_eq(tu_hexstr((p), (n)), (h))



struct lab;
/* tu_lab_new - a new lab in a fresh temporary directory (aborts on error). */
struct lab *tu_lab_new(char *dir, size_t dirlen);
/* tu_lab_free - close the lab and remove its directory. */
void tu_lab_free(struct lab *l, const char *dir);
#endif
