/*
 * tools/cli_out.c - printing for the nt4trust command: one-line errors on
 * stderr, text or a single JSON document (jansson) on stdout, and status
 * codes as name, hex and the Windows message ([MS-ERREF]).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "common/mem.h"
#include "common/ntstatus.h"
#include "common/sid.h"

static void
cli_verr(struct cli *c, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: ", c->prog[0] ? c->prog : "nt4trust");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
cli_err(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_verr(c, fmt, ap);
	va_end(ap);
	return CLI_FAIL;
}

int
cli_usage_err(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cli_verr(c, fmt, ap);
	va_end(ap);
	return CLI_USAGE;
}

int
cli_fail(struct cli *c, int rc, const struct errinfo *ei)
{
	const char *msg = ei->msg[0] != '\0' ? ei->msg : err_str(rc);

	fprintf(stderr, "%s: %s\n", c->prog[0] ? c->prog : "nt4trust", msg);
	return rc == ERR_INVALID ? CLI_USAGE : CLI_FAIL;
}

void
cli_print(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	if (c->json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void
cli_verbose(struct cli *c, const char *fmt, ...)
{
	va_list ap;

	if (c->json || !c->verbose)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

void
cli_json_set(struct cli *c, const char *key, json_t *v)
{
	if (c->out == NULL || v == NULL) {
		json_decref(v);
		return;
	}
	json_object_set_new(c->out, key, v);
}

const char *
cli_status_str(uint32_t st, char *buf, size_t len)
{
	char name[48];

	snprintf(buf, len, "%s (0x%08X)", ntstatus_name(st, name, sizeof(name)),
		 st);
	return buf;
}

json_t *
cli_json_status(uint32_t st)
{
	const struct ntstatus_info *i = ntstatus_lookup(st);
	char hex[16], name[48];

	snprintf(hex, sizeof(hex), "0x%08X", st);
	if (i == NULL)
		return json_pack("{s:s,s:s}", "name",
				 ntstatus_name(st, name, sizeof(name)), "hex",
				 hex);
	return json_pack("{s:s,s:s,s:I,s:s,s:s,s:s}", "name", i->name, "hex",
			 hex, "win32", (json_int_t)i->win32, "win32_name",
			 i->win32_name, "win32_text", i->win32_text, "text",
			 i->nt_text);
}

void
cli_status_set(struct cli *c, uint32_t st)
{
	c->status = st;
	c->status_set = 1;
}

void
cli_verdict_set(struct cli *c, const char *verdict)
{
	mem_strlcpy(c->verdict, verdict, sizeof(c->verdict));
}

void
cli_status_print(struct cli *c, const char *label, uint32_t st)
{
	const struct ntstatus_info *i = ntstatus_lookup(st);
	char buf[64];

	cli_print(c, "%s%s\n", label, cli_status_str(st, buf, sizeof(buf)));
	if (i != NULL && st != 0)
		cli_print(c, "    Windows error %u (%s): %s\n", i->win32,
			  i->win32_name, i->win32_text);
}

const char *
cli_time(uint64_t t, char *buf, size_t len)
{
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, len, "%Y-%m-%d %H:%M:%S UTC", &tm) == 0)
		snprintf(buf, len, "@%llu", (unsigned long long)t);
	return buf;
}

json_t *
cli_sid_json(const void *sid)
{
	char buf[SID_STR_MAX];

	if (sid_format(sid, buf, sizeof(buf)) != 0)
		return json_null();
	return json_string(buf);
}
