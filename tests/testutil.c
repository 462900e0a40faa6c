/*
 * tests/testutil.c - vector loading and hex helpers for the unit tests.
 */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/hex.h"

json_t *
tu_load_json(const char *rel)
{
	char path[512];
	json_error_t je;
	json_t *j;

	snprintf(path, sizeof(path), "%s/%s", TEST_DATA_DIR, rel);
	j = json_load_file(path, 0, &je);
	if (j == NULL)
		ck_abort_msg("cannot load %s: %s (line %d)", path, je.text,
			     je.line);
	return j;
}

json_t *
tu_vectors(json_t *root)
{
	json_t *v = json_object_get(root, "vectors");

	ck_assert_msg(json_is_array(v), "no vectors array");
	return v;
}

const char *
tu_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		ck_abort_msg("vector member %s missing", key);
	return json_string_value(v);
}

void
tu_hex(json_t *obj, const char *key, uint8_t *out, size_t n)
{
	const char *s = tu_str(obj, key);

	ck_assert_msg(strlen(s) == 2 * n, "%s: expected %zu bytes", key, n);
	ck_assert_int_eq(hex_decode(s, out, n, NULL), 0);
}

uint8_t *
tu_hex_alloc(json_t *obj, const char *key, size_t *n)
{
	uint8_t *out = NULL;

	ck_assert_int_eq(hex_decode_alloc(tu_str(obj, key), &out, n, NULL), 0);
	return out;
}

const char *
tu_hexstr(const uint8_t *p, size_t n)
{
	static char buf[8192];

	if (2 * n + 1 > sizeof(buf))
		n = (sizeof(buf) - 1) / 2;
	hex_encode(p, n, buf);
	return buf;
}

uint8_t *
tu_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	*n = 0;
	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)len + 1);
		if (buf != NULL && fread(buf, 1, (size_t)len, f) == (size_t)len)
			*n = (size_t)len;
		else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

#include "common/err.h"
#include "nt4/lab.h"

struct lab *
tu_lab_new(char *dir, size_t dirlen)
{
	char tmpl[] = "/tmp/nt4trust-test.XXXXXX";
	struct errinfo ei;
	struct lab *l = NULL;
	char *d = mkdtemp(tmpl);

	ck_assert_ptr_nonnull(d);
	snprintf(dir, dirlen, "%s/lab", d);
	err_clear(&ei);
	if (lab_open(&l, dir, LAB_CREATE, &ei) != 0)
		ck_abort_msg("lab_open: %s", ei.msg);
	return l;
}

void
tu_lab_free(struct lab *l, const char *dir)
{
	char cmd[600], parent[512];
	char *slash;

	(void)lab_close(l, NULL);
	/* dir is ".../nt4trust-test.XXXXXX/lab": remove the parent. */
	snprintf(parent, sizeof(parent), "%s", dir);
	slash = strrchr(parent, '/');
	if (slash != NULL)
		*slash = '\0';
	if (strncmp(parent, "/tmp/nt4trust-test.", 19) != 0)
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", parent);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}
