/*
 * tools/cmd_lab.c - nt4trust lab run FILE|NAME [--lab DIR]: run a scenario
 * (docs/formats/scenario.md) and check its expectations.
 *
 * The whole file is parsed first; nothing runs when it does not parse.
 * Without --lab the scenario runs in a fresh lab, a directory made with
 * mkdtemp under $TMPDIR (else /tmp) and removed at the end; with --lab DIR
 * it runs in DIR, which is kept ($NT4TRUST_LAB is not used).  Each command
 * runs in this process through cli_run() as
 *   nt4trust --lab DIR [-v] WORDS...
 * with its standard output and standard error captured in one temporary
 * file, so that the transcript can show them indented and `expect output`
 * can search them.  The transcript goes to standard output:
 *
 *   narration and headings       from the # and ## comment lines
 *   $ nt4trust ARGS              the command, passwords masked, quoted
 *                                so that it can be pasted into a shell
 *       output...                what the command printed, indented
 *       ok: exit 0               one line per expectation, or
 *       FAILED (line N): expected ..., got ...
 *   N commands, M expectations: all held | K failed
 *
 * Exit status: 0 when every expectation held, 1 when one did not (or the
 * file or a temporary file could not be read or made), 2 when the
 * scenario is not found or does not parse.
 *
 * A NAME without '/' that is not a file here is looked up in
 * $NT4TRUST_SCENARIOS, the installed data directory, docs/scenarios, then
 * ../docs/scenarios next to the binary.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"
#include "nt4/scenario.h"

#define CMD_LAB_FILE_MAX (1024 * 1024)
/* Captured output kept per command (more is cut off in the transcript). */
#define CMD_LAB_OUTPUT_MAX (1024 * 1024)

/* Set while a scenario runs: a scenario cannot run lab run itself. */
static int cmd_lab_active;

/* What one command left for its expectations to check. */
struct cmd_lab_result {
	struct cli_result res;
	char *out; /* captured stdout and stderr (CMD_LAB_OUTPUT_MAX + 1) */
	size_t outlen;
	int cut; /* the output was longer than CMD_LAB_OUTPUT_MAX */
};

static int
cmd_lab_try(char *out, size_t len, const char *dir, const char *name)
{
	struct stat st;

	if ((size_t)snprintf(out, len, "%s/%s", dir, name) >= len)
		return 0;
	return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

static int
cmd_lab_find(const char *name, char *out, size_t len)
{
	char exe[PATH_MAX], dir[PATH_MAX + 32];
	const char *env = getenv("NT4TRUST_SCENARIOS");
	struct stat st;
	ssize_t n;
	char *slash;

	if (strchr(name, '/') != NULL ||
	    (stat(name, &st) == 0 && S_ISREG(st.st_mode)))
		return (size_t)snprintf(out, len, "%s", name) < len;
	if (env != NULL && cmd_lab_try(out, len, env, name))
		return 1;
	if (cmd_lab_try(out, len, NT4TRUST_DATADIR "/scenarios", name) ||
	    cmd_lab_try(out, len, "docs/scenarios", name))
		return 1;
	/* Next to a binary in the source tree: <src>/build/nt4trust. */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(dir, sizeof(dir), "%s/../docs/scenarios", exe);
			if (cmd_lab_try(out, len, dir, name))
				return 1;
		}
	}
	return 0;
}

/*
 * The file at path, at most CMD_LAB_FILE_MAX bytes, into *text (malloc'd).
 * CLI_USAGE when there is no such file, CLI_FAIL when it cannot be read.
 */
static int
cmd_lab_read(struct cli *c, const char *path, char **text, size_t *len)
{
	int e;

	switch (cli_file_read(path, CMD_LAB_FILE_MAX, text, len, &e)) {
	case CLI_FILE_OK:
		return CLI_OK;
	case CLI_FILE_OPEN:
		if (e == ENOENT)
			return cli_usage_err(c, "no scenario file %s", path);
		return cli_err(c, "cannot read scenario %s: %s", path,
			       strerror(e));
	case CLI_FILE_READ:
		return cli_err(c, "cannot read scenario %s: %s", path,
			       strerror(e));
	case CLI_FILE_BIG:
		return cli_err(c, "scenario %s is larger than %d bytes", path,
			       CMD_LAB_FILE_MAX);
	default:
		return cli_err(c, "out of memory");
	}
}

static const char *
cmd_lab_tmpdir(void)
{
	const char *t = getenv("TMPDIR");

	if (t == NULL || t[0] == '\0')
		return "/tmp";
	return t;
}

static int
cmd_lab_rm_one(const char *path, const struct stat *st, int type,
	       struct FTW *ftw)
{
	(void)st;
	(void)type;
	(void)ftw;
	return remove(path) == 0 ? 0 : -1;
}

/* Remove the temporary lab dir and everything in it (not across mounts). */
static int
cmd_lab_rmtree(const char *dir)
{
	return nftw(dir, cmd_lab_rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}

/* A byte a POSIX shell takes literally outside quotes. */
static int
cmd_lab_shell_safe(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9') || ch >= 0x80 ||
	       (ch != '\0' && strchr("_@%+=:,./-", ch) != NULL);
}

/* One word for the $ line: as is when safe, else in '...' ('\''). */
static void
cmd_lab_show_word(const char *a)
{
	const char *p;

	for (p = a; *p != '\0'; p++)
		if (!cmd_lab_shell_safe((unsigned char)*p))
			break;
	if (a[0] != '\0' && *p == '\0') {
		printf(" %s", a);
		return;
	}
	putchar(' ');
	putchar('\'');
	for (p = a; *p != '\0'; p++) {
		if (*p == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*p);
	}
	putchar('\'');
}

/* "$ nt4trust ARGS" with password values masked. */
static void
cmd_lab_show(const struct scenario_item *it)
{
	int i, mask = 0;

	printf("$ nt4trust");
	for (i = 0; i < it->argc; i++) {
		const char *a = it->argv[i];

		if (mask) {
			printf(" ********");
			mask = 0;
		} else if (strcmp(a, "--password") == 0) {
			printf(" --password");
			mask = 1;
		} else if (strncmp(a, "--password=", 11) == 0) {
			printf(" --password=********");
		} else {
			cmd_lab_show_word(a);
		}
	}
	printf("\n");
}

/* The captured output, each line indented by four spaces. */
static void
cmd_lab_show_output(const struct cmd_lab_result *cr)
{
	struct sbuf b, lb;
	const uint8_t *lp;
	size_t ll;
	int has_nl;

	sbuf_init(&b, cr->out, cr->outlen);
	while (sbuf_left(&b) > 0) {
		has_nl = sbuf_find(&b, '\n', &ll) == 0;
		if (sbuf_sub(&b, ll, &lb) != 0 ||
		    (has_nl && sbuf_skip(&b, 1) != 0) ||
		    sbuf_get_view(&lb, ll, &lp) != 0)
			break;
		if (ll > 0) {
			fputs("    ", stdout);
			fwrite(lp, 1, ll, stdout);
		}
		putchar('\n');
	}
	if (cr->cut)
		printf("    [output cut off after %d bytes]\n",
		       CMD_LAB_OUTPUT_MAX);
}

/*
 * Run one command in this process with fds 1 and 2 on the capture file
 * (emptied first), then read back what it printed.
 */
static int
cmd_lab_exec(struct cli *c, const struct scenario_item *it, const char *lab,
	     int cap_fd, struct cmd_lab_result *cr)
{
	char **argv = NULL;
	int argc, k, n = 0, save1 = -1, save2 = -1, r = ERR_INTERNAL;
	off_t end;
	ssize_t got;

	memset(&cr->res, 0, sizeof(cr->res));
	cr->outlen = 0;
	cr->cut = 0;
	argc = it->argc + 3 + (c->verbose ? 1 : 0);
	argv = calloc((size_t)argc + 1, sizeof(*argv));
	if (argv == NULL) {
		r = cli_err(c, "out of memory");
		goto out;
	}
	argv[n++] = c->prog;
	argv[n++] = (char *)"--lab";
	argv[n++] = (char *)lab;
	if (c->verbose)
		argv[n++] = (char *)"-v";
	for (k = 0; k < it->argc; k++)
		argv[n++] = it->argv[k];
	fflush(stdout);
	fflush(stderr);
	if (ftruncate(cap_fd, 0) != 0 || lseek(cap_fd, 0, SEEK_SET) != 0 ||
	    (save1 = dup(STDOUT_FILENO)) < 0 ||
	    (save2 = dup(STDERR_FILENO)) < 0 ||
	    dup2(cap_fd, STDOUT_FILENO) < 0 ||
	    dup2(cap_fd, STDERR_FILENO) < 0) {
		r = cli_err(c, "cannot capture the output: %s",
			    strerror(errno));
		goto out;
	}
	/* res stays zeroed when cli_run stops at the options: use its rc. */
	cr->res.exit = cli_run(argc, argv, &cr->res);
	fflush(stdout);
	fflush(stderr);
	if (dup2(save1, STDOUT_FILENO) < 0 || dup2(save2, STDERR_FILENO) < 0) {
		r = CLI_FAIL; /* nowhere left to say so */
		goto out;
	}
	end = lseek(cap_fd, 0, SEEK_CUR);
	if (end < 0 || lseek(cap_fd, 0, SEEK_SET) != 0) {
		r = cli_err(c, "cannot read the output back: %s",
			    strerror(errno));
		goto out;
	}
	cr->cut = (uintmax_t)end > CMD_LAB_OUTPUT_MAX;
	while (cr->outlen < CMD_LAB_OUTPUT_MAX) {
		got = read(cap_fd, cr->out + cr->outlen,
			   CMD_LAB_OUTPUT_MAX - cr->outlen);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			r = cli_err(c, "cannot read the output back: %s",
				    strerror(errno));
			goto out;
		}
		if (got == 0)
			break;
		cr->outlen += (size_t)got;
	}
	cr->out[cr->outlen] = '\0';
	r = CLI_OK;
out:
	if (save1 >= 0) {
		(void)dup2(save1, STDOUT_FILENO);
		close(save1);
	}
	if (save2 >= 0) {
		(void)dup2(save2, STDERR_FILENO);
		close(save2);
	}
	free(argv);
	return r;
}

/* Check one expectation; print "ok: ..." or "FAILED (line N): ...". */
static int
cmd_lab_check(const struct scenario_expect *e, const struct cmd_lab_result *cr)
{
	char want[48], got[64];
	const char *wname;
	int ok = 0;

	switch (e->kind) {
	case SCENARIO_EXPECT_EXIT:
		ok = cr->res.exit == e->exit;
		if (ok)
			printf("    ok: exit %d\n", e->exit);
		else
			printf("    FAILED (line %u): expected exit %d%s, got "
			       "exit %d\n",
			       e->line, e->exit,
			       e->implicit ? " (no expect line)" : "",
			       cr->res.exit);
		break;
	case SCENARIO_EXPECT_STATUS:
		ok = cr->res.status_set && cr->res.status == e->status;
		wname = ntstatus_name(e->status, want, sizeof(want));
		if (ok)
			printf("    ok: status %s\n", wname);
		else
			printf("    FAILED (line %u): expected status %s, got "
			       "%s\n",
			       e->line, wname,
			       cr->res.status_set ?
				       cli_status_str(cr->res.status, got,
						      sizeof(got)) :
				       "no status");
		break;
	case SCENARIO_EXPECT_VERDICT:
		ok = strcmp(cr->res.verdict, e->text) == 0;
		if (ok)
			printf("    ok: verdict %s\n", e->text);
		else
			printf("    FAILED (line %u): expected verdict %s, got "
			       "%s\n",
			       e->line, e->text,
			       cr->res.verdict[0] != '\0' ? cr->res.verdict :
							    "no verdict");
		break;
	case SCENARIO_EXPECT_OUTPUT:
		ok = memmem(cr->out, cr->outlen, e->text, strlen(e->text)) !=
		     NULL;
		if (ok)
			printf("    ok: output contains \"%s\"\n", e->text);
		else
			printf("    FAILED (line %u): expected output "
			       "containing \"%s\", not found\n",
			       e->line, e->text);
		break;
	default:
		printf("    FAILED (line %u): unknown expectation\n", e->line);
		break;
	}
	return ok;
}

/* A heading: an empty line, the text, a line of '-' as long. */
static void
cmd_lab_heading(const char *text)
{
	size_t n = 0;
	const char *p;

	for (p = text; *p != '\0'; p++)
		if (((unsigned char)*p & 0xC0) != 0x80)
			n++;
	printf("\n%s\n", text);
	while (n-- > 0)
		putchar('-');
	putchar('\n');
}

/* Run every entry of sc in lab; counts into *ncmd, *nexp, *nbad. */
static int
cmd_lab_play(struct cli *c, const struct scenario *sc, const char *lab,
	     int *ncmd, int *nexp, int *nbad)
{
	struct cmd_lab_result cr;
	char tmpl[PATH_MAX];
	int cap_fd = -1, prev_cmd = 0, r = ERR_INTERNAL;
	size_t i, j;

	memset(&cr, 0, sizeof(cr));
	if ((size_t)snprintf(tmpl, sizeof(tmpl), "%s/nt4trust-out.XXXXXX",
			     cmd_lab_tmpdir()) >= sizeof(tmpl)) {
		r = cli_err(c, "$TMPDIR is too long");
		goto out;
	}
	cap_fd = mkstemp(tmpl);
	if (cap_fd < 0) {
		r = cli_err(c, "cannot make a temporary file in %s: %s",
			    cmd_lab_tmpdir(), strerror(errno));
		goto out;
	}
	unlink(tmpl);
	cr.out = malloc(CMD_LAB_OUTPUT_MAX + 1);
	if (cr.out == NULL) {
		r = cli_err(c, "out of memory");
		goto out;
	}
	for (i = 0; i < sc->n; i++) {
		const struct scenario_item *it = &sc->items[i];

		if (it->kind == SCENARIO_HEADING) {
			cmd_lab_heading(it->text);
			prev_cmd = 0;
			continue;
		}
		if (it->kind == SCENARIO_NOTE) {
			printf("%s%s\n", prev_cmd ? "\n" : "", it->text);
			prev_cmd = 0;
			continue;
		}
		cmd_lab_show(it);
		if ((r = cmd_lab_exec(c, it, lab, cap_fd, &cr)) != CLI_OK)
			goto out;
		(*ncmd)++;
		cmd_lab_show_output(&cr);
		for (j = 0; j < it->nexpects; j++) {
			(*nexp)++;
			if (!cmd_lab_check(&it->expects[j], &cr))
				(*nbad)++;
		}
		prev_cmd = 1;
	}
	r = CLI_OK;
out:
	free(cr.out);
	if (cap_fd >= 0)
		close(cap_fd);
	return r;
}

int
cmd_lab_run(struct cli *c)
{
	struct scenario *sc = NULL;
	struct errinfo ei;
	char path[PATH_MAX], tmplab[PATH_MAX];
	char *text = NULL;
	const char *lab = c->lab_dir;
	size_t len;
	int r = ERR_INTERNAL, made = 0, ncmd = 0, nexp = 0, nbad = 0;

	err_clear(&ei);
	/*
	 * Line buffering keeps the commands' stdout and stderr in order in
	 * the capture file.  Nothing has been written to stdout yet.
	 */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (c->json) {
		r = cli_usage_err(c, "lab run prints a transcript; --json is "
				     "not supported");
		goto out;
	}
	if (cmd_lab_active) {
		r = cli_usage_err(c, "lab run cannot run inside a scenario");
		goto out;
	}
	if (!cmd_lab_find(c->args[0], path, sizeof(path))) {
		r = cli_usage_err(c,
				  "no scenario '%s' (not a file, and not in "
				  "$NT4TRUST_SCENARIOS, %s/scenarios, "
				  "docs/scenarios or next to the program)",
				  c->args[0], NT4TRUST_DATADIR);
		goto out;
	}
	if ((r = cmd_lab_read(c, path, &text, &len)) != CLI_OK)
		goto out;
	if (scenario_parse(&sc, text, len, &ei) != 0) {
		r = cli_usage_err(c, "scenario %s: %s", path, ei.msg);
		goto out;
	}
	if (!c->lab_given) {
		if ((size_t)snprintf(tmplab, sizeof(tmplab),
				     "%s/nt4trust-lab.XXXXXX",
				     cmd_lab_tmpdir()) >= sizeof(tmplab)) {
			r = cli_err(c, "$TMPDIR is too long");
			goto out;
		}
		if (mkdtemp(tmplab) == NULL) {
			r = cli_err(c, "cannot make a temporary lab in %s: %s",
				    cmd_lab_tmpdir(), strerror(errno));
			goto out;
		}
		made = 1;
		lab = tmplab;
		printf("Scenario %s (temporary lab %s)\n", path, lab);
	} else {
		printf("Scenario %s (lab %s)\n", path, lab);
	}
	cmd_lab_active = 1;
	r = cmd_lab_play(c, sc, lab, &ncmd, &nexp, &nbad);
	cmd_lab_active = 0;
	if (r != CLI_OK)
		goto out;
	printf("\n%d command%s, %d expectation%s: ", ncmd, ncmd == 1 ? "" : "s",
	       nexp, nexp == 1 ? "" : "s");
	if (nbad == 0)
		printf("all held\n");
	else
		printf("%d failed\n", nbad);
	fflush(stdout);
	r = CLI_OK;
	if (nbad != 0)
		r = cli_err(c, "scenario %s: %d of %d expectations failed",
			    path, nbad, nexp);
out:
	if (made && cmd_lab_rmtree(tmplab) != 0) {
		cli_err(c, "cannot remove the temporary lab %s: %s", tmplab,
			strerror(errno));
		if (r == CLI_OK)
			r = CLI_FAIL;
	}
	scenario_free(sc);
	free(text);
	return r;
}
