/*
 * common/err.c - error detail recording (see err.h).
 *
 * No global state: the caller owns the struct errinfo.  The first error
 * recorded wins; later calls only return their code.
 */
#include "err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int err_vset(struct errinfo *ei, int code, const char *func,
		    size_t offset, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

static int
err_vset(struct errinfo *ei, int code, const char *func, size_t offset,
	 const char *fmt, va_list ap)
{
	if (ei == NULL || ei->code != 0)
		return code;
	ei->code = code;
	ei->func = func;
	ei->offset = offset;
	vsnprintf(ei->msg, sizeof(ei->msg), fmt, ap);
	return code;
}

int
err_set(struct errinfo *ei, int code, const char *func, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = err_vset(ei, code, func, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
err_set_offset(struct errinfo *ei, int code, const char *func, size_t offset,
	       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = err_vset(ei, code, func, offset, fmt, ap);
	va_end(ap);
	return code;
}

void
err_clear(struct errinfo *ei)
{
	if (ei != NULL)
		memset(ei, 0, sizeof(*ei));
}

void
err_prefix(struct errinfo *ei, const char *fmt, ...)
{
	char buf[sizeof(ei->msg)];
	size_t n, m;
	va_list ap;

	if (ei == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (n + 2 >= sizeof(buf))
		return;
	buf[n++] = ':';
	buf[n++] = ' ';
	m = strlen(ei->msg);
	if (m > sizeof(buf) - 1 - n)
		m = sizeof(buf) - 1 - n;
	memcpy(buf + n, ei->msg, m);
	buf[n + m] = '\0';
	memcpy(ei->msg, buf, sizeof(buf));
}

const char *
err_str(int code)
{
	switch (code) {
	case ERR_OK:
		return "ok";
	case ERR_TRUNCATED:
		return "truncated";
	case ERR_FORMAT:
		return "bad format";
	case ERR_RANGE:
		return "out of range";
	case ERR_TRAILING:
		return "trailing bytes";
	case ERR_NOMEM:
		return "out of memory";
	case ERR_IO:
		return "I/O error";
	case ERR_CRYPTO:
		return "crypto failure";
	case ERR_NOTFOUND:
		return "not found";
	case ERR_ACCESS:
		return "access denied";
	case ERR_INTERNAL:
		return "internal error";
	case ERR_EXISTS:
		return "already exists";
	case ERR_INVALID:
		return "invalid";
	case ERR_WRONGSTATE:
		return "wrong state";
	}
	return "unknown error";
}

const char *
err_quote(char *buf, size_t max, const char *s)
{
	size_t i, n = 0;
	unsigned char c;

	for (i = 0; s[i] != '\0'; i++) {
		c = (unsigned char)s[i];
		if (n + 4 > max) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		if (c >= 0x20 && c < 0x7F && c != '\\') {
			buf[n++] = (char)c;
		} else {
			snprintf(buf + n, 5, "\\x%02X", c);
			n += 4;
		}
	}
	buf[n] = '\0';
	return buf;
}
