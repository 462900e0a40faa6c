/*
 * tools/cmd_lab.c - nt4trust lab run FILE|NAME: run a scenario
 * (docs/formats/scenario.md) command by command in this process against
 * the lab, print each step and its result, and check every result against
 * the scenario's expectation (exit status and protocol status).
 *
 * A NAME without '/' is looked up in $NT4TRUST_SCENARIOS, the installed
 * data directory, then docs/scenarios/ of the source tree.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "common/ntstatus.h"
#include "nt4/scenario.h"

#define CMD_LAB_FILE_MAX (1024 * 1024)

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
	    (stat(name, &st) == 0 && S_ISREG(st.st_mode))) {
		snprintf(out, len, "%s", name);
		return 1;
	}
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

static char *
cmd_lab_read(struct cli *c, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	size_t n;

	*len = 0;
	if (f == NULL) {
		cli_err(c, "cannot read scenario %s: %s", path,
			strerror(errno));
		return NULL;
	}
	buf = malloc(CMD_LAB_FILE_MAX + 1);
	if (buf == NULL) {
		fclose(f);
		cli_err(c, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, CMD_LAB_FILE_MAX + 1, f);
	fclose(f);
	if (n > CMD_LAB_FILE_MAX) {
		free(buf);
		cli_err(c, "scenario %s is larger than %d bytes", path,
			CMD_LAB_FILE_MAX);
		return NULL;
	}
	*len = n;
	return buf;
}

/* "..." with \\ and \" escaped, as the scenario format reads it. */
static void
cmd_lab_show_dq(const char *a)
{
	printf(" \"");
	for (; *a != '\0'; a++) {
		if (*a == '"' || *a == '\\')
			putchar('\\');
		putchar(*a);
	}
	putchar('"');
}

/* The command as it is shown: password values masked. */
static void
cmd_lab_show(const struct scenario_item *it)
{
	int i, mask = 0;

	printf("  $ nt4trust");
	for (i = 0; i < it->argc; i++) {
		const char *a = it->argv[i];

		if (mask) {
			printf(" ********");
			mask = 0;
			continue;
		}
		if (strcmp(a, "--password") == 0)
			mask = 1;
		if (strncmp(a, "--password=", 11) == 0) {
			printf(" --password=********");
			continue;
		}
		if (strchr(a, '\'') != NULL)
			cmd_lab_show_dq(a);
		else if (a[0] == '\0' || strpbrk(a, " \t\\\"$#=") != NULL)
			printf(" '%s'", a);
		else
			printf(" %s", a);
	}
	printf("\n");
}

int
cmd_lab_run(struct cli *c)
{
	struct scenario *sc = NULL;
	struct errinfo ei;
	char path[PATH_MAX], name[48], *text;
	char **argv;
	size_t len, i;
	struct cli_result cres;
	uint32_t st;
	int stset, rc, k, argc, step = 0, ran = 0, bad = 0, ok;

	err_clear(&ei);
	if (c->json)
		return cli_usage_err(c,
				     "lab run prints a transcript; --json is "
				     "not supported");
	if (!cmd_lab_find(c->args[0], path, sizeof(path)))
		return cli_usage_err(c,
				     "no scenario '%s' (not a file, and not "
				     "in $NT4TRUST_SCENARIOS, %s/scenarios, "
				     "docs/scenarios or next to the program)",
				     c->args[0], NT4TRUST_DATADIR);
	text = cmd_lab_read(c, path, &len);
	if (text == NULL)
		return CLI_FAIL;
	rc = scenario_parse(&sc, text, len, &ei);
	free(text);
	if (rc != 0)
		return cli_usage_err(c, "scenario %s: %s", path, ei.msg);
	printf("Scenario %s (lab %s)\n", path, c->lab_dir);
	for (i = 0; i < sc->n; i++) {
		const struct scenario_item *it = &sc->items[i];

		switch (it->kind) {
		case SCENARIO_TITLE:
			printf("\n== %s ==\n", it->text);
			continue;
		case SCENARIO_STEP:
			printf("\nStep %d. %s\n", ++step, it->text);
			continue;
		case SCENARIO_SAY:
			printf("  %s\n", it->text);
			continue;
		}
		argc = it->argc + 3 + (c->verbose ? 1 : 0);
		argv = calloc((size_t)argc + 1, sizeof(*argv));
		if (argv == NULL) {
			scenario_free(sc);
			return cli_err(c, "out of memory");
		}
		argv[0] = c->prog;
		argv[1] = (char *)"--lab";
		argv[2] = (char *)c->lab_dir;
		for (k = 0; k < it->argc; k++)
			argv[3 + k] = it->argv[k];
		if (c->verbose)
			argv[3 + it->argc] = (char *)"-v";
		cmd_lab_show(it);
		fflush(stdout);
		rc = cli_run(argc, argv, &cres);
		st = cres.status;
		stset = cres.status_set;
		fflush(stderr);
		free(argv);
		ran++;
		ok = rc == it->expect_exit &&
		     (!it->has_status || (stset && st == it->expect_status));
		if (it->has_status)
			printf("  -> exit %d, %s%s\n", rc,
			       stset ? ntstatus_name(st, name, sizeof(name)) :
				       "no status",
			       ok ? " (as expected)" : "");
		else
			printf("  -> exit %d%s\n", rc,
			       ok ? " (as expected)" : "");
		if (!ok) {
			bad++;
			printf("  !! line %u expected exit %d%s%s\n", it->line,
			       it->expect_exit, it->has_status ? " and " : "",
			       it->has_status ?
				       ntstatus_name(it->expect_status, name,
						     sizeof(name)) :
				       "");
		}
	}
	scenario_free(sc);
	printf("\n%d commands run, %d as expected, %d not\n", ran, ran - bad,
	       bad);
	if (bad != 0)
		return cli_err(c,
			       "scenario %s: %d of %d results differ from "
			       "the expectation",
			       path, bad, ran);
	return CLI_OK;
}
