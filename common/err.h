/*
 * common/err.h - the shared error codes and the caller-owned error detail.
 *
 * Functions return int: 0 is success, a negative ERR_* value is failure.
 * Detail (which function, which offset, a one-line message) goes into an
 * optional struct errinfo passed last; the first error set wins, so the
 * innermost, most precise message is the one the user sees.
 */
#ifndef COMMON_ERR_H
#define COMMON_ERR_H

#include <stddef.h>

enum {
	ERR_OK = 0,
	ERR_TRUNCATED = -1, /* input ended early */
	ERR_FORMAT = -2,    /* bytes present but wrong */
	ERR_RANGE = -3,	    /* value over a limit */
	ERR_TRAILING = -4,  /* bytes left after a complete structure */
	ERR_NOMEM = -5,
	ERR_IO = -6,
	ERR_CRYPTO = -7,
	ERR_NOTFOUND = -8,
	ERR_ACCESS = -9,
	ERR_INTERNAL = -10,
	ERR_EXISTS = -11,     /* object already present */
	ERR_INVALID = -12,    /* bad argument or name from the user */
	ERR_WRONGSTATE = -13, /* operation not possible in the current state */
};

struct errinfo {
	int code;
	const char *func;
	size_t offset;
	char msg[160];
};

/*
 * err_set - record an error in ei (if ei is not NULL and holds no error yet)
 * and return code.  The message is formatted with printf rules; it must never
 * contain secrets.
 */
int err_set(struct errinfo *ei, int code, const char *func, const char *fmt,
	    ...) __attribute__((format(printf, 4, 5)));

/* err_set_offset - like err_set, also recording a byte offset in the input. */
int err_set_offset(struct errinfo *ei, int code, const char *func,
		   size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* err_clear - reset ei to "no error". NULL is a no-op. */
void err_clear(struct errinfo *ei);

/* err_str - a short constant name for an ERR_* code ("truncated", ...). */
const char *err_str(int code);

/*
 * err_prefix - prepend "what: " to the message already in ei (for adding
 * context such as a file and key while an error travels up).
 */
void err_prefix(struct errinfo *ei, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * err_quote - s made safe for a one-line message, into buf (max + 4 bytes):
 * printable ASCII as is, other bytes and '\' as \xNN, cut with "..." once
 * the output reaches max bytes.  Returns buf.
 */
const char *err_quote(char *buf, size_t max, const char *s);

#define ERR(ei, code, ...) err_set((ei), (code), __func__, __VA_ARGS__)

#endif
