/*
 * tools/cli_password.c - where passwords come from: --password VALUE (for
 * lab scripts), --password-file FILE or '-' (first line), or a terminal
 * prompt with echo off, asked twice when a password is being set (as User
 * Manager and the New Trust Wizard do).  Buffers are wiped by the caller;
 * nothing here prints a password.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/utf16.h"

/*
 * Read one line of at most len - 1 bytes (its newline, or CR LF, removed)
 * into buf.  -1: nothing to read; -2: the line is longer.
 */
static int
cli_read_line(FILE *f, char *buf, size_t len)
{
	char line[4 * CLI_PASSWORD_MAX + 4];
	size_t n;

	if (fgets(line, (int)sizeof(line), f) == NULL)
		return -1;
	n = strlen(line);
	if (n == sizeof(line) - 1 && line[n - 1] != '\n') {
		crypto_wipe(line, sizeof(line));
		return -2;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n >= len) {
		crypto_wipe(line, sizeof(line));
		return -2;
	}
	memcpy(buf, line, n + 1);
	crypto_wipe(line, sizeof(line));
	return 0;
}

static int
cli_prompt(const char *prompt, char *buf, size_t len)
{
	struct termios old, noecho;
	FILE *tty = fopen("/dev/tty", "r+");
	int r, restore = 0;

	if (tty == NULL)
		return -1;
	fputs(prompt, tty);
	fflush(tty);
	if (tcgetattr(fileno(tty), &old) == 0) {
		noecho = old;
		noecho.c_lflag &= ~(tcflag_t)ECHO;
		restore = tcsetattr(fileno(tty), TCSAFLUSH, &noecho) == 0;
	}
	r = cli_read_line(tty, buf, len);
	if (restore)
		(void)tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputc('\n', tty);
	fclose(tty);
	return r;
}

int
cli_password_get(struct cli *c, const char *what, int confirm, char *buf,
		 size_t len)
{
	char again[4 * CLI_PASSWORD_MAX + 2];
	char prompt[160];
	FILE *f;
	int r;

	buf[0] = '\0';
	if (c->password != NULL && c->password_file != NULL)
		return cli_usage_err(c, "give either --password or "
					"--password-file, not both");
	if (c->password != NULL) {
		if (strlen(c->password) >= len)
			return cli_usage_err(c, "password for %s is too long",
					     what);
		memcpy(buf, c->password, strlen(c->password) + 1);
	} else if (c->password_file != NULL) {
		if (strcmp(c->password_file, "-") == 0)
			f = stdin;
		else
			f = fopen(c->password_file, "r");
		if (f == NULL)
			return cli_usage_err(c,
					     "cannot read password file %s: %s",
					     c->password_file, strerror(errno));
		r = cli_read_line(f, buf, len);
		if (f != stdin)
			fclose(f);
		if (r == -2) {
			crypto_wipe(buf, len);
			return cli_usage_err(c, "password in %s is too long",
					     c->password_file);
		}
		if (r != 0)
			return cli_usage_err(c, "password file %s is empty",
					     strcmp(c->password_file, "-") ==
							     0 ?
						     "(stdin)" :
						     c->password_file);
	} else if (isatty(STDIN_FILENO)) {
		snprintf(prompt, sizeof(prompt), "Password for %s: ", what);
		if (cli_prompt(prompt, buf, len) != 0)
			return cli_usage_err(c, "no password read for %s",
					     what);
		if (confirm) {
			snprintf(prompt, sizeof(prompt), "Confirm password: ");
			r = cli_prompt(prompt, again, sizeof(again));
			if (r != 0 || strcmp(again, buf) != 0) {
				crypto_wipe(again, sizeof(again));
				crypto_wipe(buf, len);
				return cli_usage_err(
					c, "the passwords for %s do not match",
					what);
			}
			crypto_wipe(again, sizeof(again));
		}
	} else {
		return cli_usage_err(c,
				     "no password for %s: use --password-file "
				     "FILE (or -) or run on a terminal",
				     what);
	}
	if (buf[0] == '\0')
		return cli_usage_err(c, "the password for %s is empty", what);
	/* One rule for every source: valid UTF-8, at most 256 characters. */
	if (utf8_check(buf, NULL) != 0 || utf8_len16(buf) > CLI_PASSWORD_MAX) {
		crypto_wipe(buf, len);
		return cli_usage_err(c,
				     "the password for %s is not valid UTF-8 "
				     "or longer than %d characters",
				     what, CLI_PASSWORD_MAX);
	}
	return CLI_OK;
}
