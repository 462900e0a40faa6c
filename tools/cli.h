/*
 * tools/cli.h - shared state of the nt4trust command: parsed options, the
 * open lab, output helpers (text and --json), password input.  No domain
 * logic lives in tools/; it calls libnt4trust.
 */
#ifndef TOOLS_CLI_H
#define TOOLS_CLI_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

struct lab;

/* Exit statuses (DESIGN.md section 4). */
#define CLI_OK 0
#define CLI_FAIL 1
#define CLI_USAGE 2

/* --dns-name given at most this many times. */
#define CLI_DNS_MAX 8

/* Longest password: characters (UTF-16 units); its UTF-8 takes <= 4x bytes. */
#define CLI_PASSWORD_MAX 256

struct cli {
	/* options */
	const char *lab_dir;
	int lab_given; /* lab_dir came from --lab (not $NT4TRUST_LAB) */
	int json;
	int verbose;
	int show_secrets;
	int dry_run;		   /* trust repair --dry-run */
	int generate;		   /* trust repair --generate */
	const char *trusting_dir;  /* samba: --trusting DIR */
	const char *trusted_dir;   /* samba: --trusted DIR */
	const char *trusting_name; /* samba: --trusting-name NAME */
	const char *trusted_name;  /* samba: --trusted-name NAME */
	const char *password;	   /* --password VALUE (lab scripts) */
	const char *password_file; /* --password-file FILE|- */
	const char *sid;
	const char *flavor;
	const char *pdc;
	const char *netlogon;
	const char *ntlm;
	const char *via;
	const char *fullname;
	const char *plan_for;	 /* plan repair --for samba|windows */
	const char *live_domain; /* live probe-trust --domain NAME */
	const char *live_ip;	 /* live: --ip ADDR */
	const char *smb_conf;	 /* live: --smb-conf FILE */
	const char *secrets_dir; /* live probe-trust --secrets DIR */
	/* migrate */
	const char *dns_names[CLI_DNS_MAX]; /* --dns-name DOMAIN=FQDN */
	int ndns;
	const char *direction;	  /* --direction two-way|incoming|outgoing */
	const char *sides;	  /* --sides this|both */
	const char *auth;	  /* --auth domain-wide|selective */
	int no_quarantine;	  /* --no-quarantine */
	const char *format;	  /* --format summary|ldif|netdom|... */
	const char *out_dir;	  /* --out-dir DIR */
	const char *side;	  /* --side DOMAIN */
	const char *ldif_dialect; /* --ldif-dialect windows|samba */
	int include_broken;	  /* --include-broken */
	int wizard;		  /* --wizard (tools/cmd_migrate_wizard.c) */
	int apply;		  /* migrate --apply (in the lab) */
	int password_generated;	  /* --wizard: password holds a generated one */
	int topology;		  /* migrate --topology */
	const char *dns_suffix;	  /* --topology: --dns-suffix SUFFIX */
	const char *dns_map;	  /* --topology: --dns-map FILE */
	int help;
	/* positional arguments after the command words */
	char **args;
	int nargs;
	/* state */
	struct lab *lab;
	json_t *out;	 /* --json result object */
	uint32_t status; /* NTSTATUS of the last protocol answer */
	int status_set;
	char verdict[40]; /* trust diagnose verdict */
	char prog[32];
};

/* A command: words ("trust verify"), arity, handler, help. */
struct cli_cmd {
	const char *words;
	const char *args; /* synopsis of the arguments */
	int min_args, max_args;
	int (*fn)(struct cli *c);
	const char *summary;
	int needs_lab; /* 1 open, 2 open or create */
};

/* What one command produced, for the scenario runner's expectations. */
struct cli_result {
	int exit;	  /* exit status */
	uint32_t status;  /* NTSTATUS of the protocol answer it got */
	int status_set;	  /* 0 when the command got no protocol answer */
	char verdict[40]; /* trust diagnose: the verdict ("" otherwise) */
};

/*
 * cli_run - parse argv and run one command; returns the exit status and
 * fills *res (optional) with what the command produced.
 */
int cli_run(int argc, char **argv, struct cli_result *res);
/* cli_verdict_set - remember the diagnosis verdict of this command. */
void cli_verdict_set(struct cli *c, const char *verdict);

/* cli_err - print "nt4trust: <msg>" to stderr; returns CLI_FAIL. */
int cli_err(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cli_usage_err - as cli_err, returns CLI_USAGE. */
int cli_usage_err(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * cli_fail - report a library error from ei; exit CLI_USAGE for ERR_INVALID
 * (bad input), else CLI_FAIL.
 */
int cli_fail(struct cli *c, int rc, const struct errinfo *ei);
/*
 * cli_file_read - the whole file at path, at most max bytes, into *text
 * (malloc'd, NUL-terminated, *len bytes before the NUL).  Returns
 * CLI_FILE_OK, or CLI_FILE_OPEN / CLI_FILE_READ with *err the errno,
 * CLI_FILE_BIG when it holds more than max bytes, CLI_FILE_NOMEM.
 */
enum {
	CLI_FILE_OK,
	CLI_FILE_OPEN,
	CLI_FILE_READ,
	CLI_FILE_BIG,
	CLI_FILE_NOMEM
};
int cli_file_read(const char *path, size_t max, char **text, size_t *len,
		  int *err);
/* cli_print - printf to stdout unless --json. */
void cli_print(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cli_verbose - printf to stdout when -v and not --json. */
void cli_verbose(struct cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* cli_json_set - put a member into the --json result (steals v). */
void cli_json_set(struct cli *c, const char *key, json_t *v);
/* cli_json_status - {"name","hex","win32","win32_name","text"} for st. */
json_t *cli_json_status(uint32_t st);
/* cli_status_set - remember the protocol status of this command. */
void cli_status_set(struct cli *c, uint32_t st);
/*
 * cli_status_print - "  STATUS_X (0x...)" then the Windows message line,
 * with the given leading label.
 */
void cli_status_print(struct cli *c, const char *label, uint32_t st);
/* cli_status_str - "STATUS_X (0xC000018C)" into buf. */
const char *cli_status_str(uint32_t st, char *buf, size_t len);
/* cli_time - "1999-06-01 00:00:00 UTC" for lab seconds. */
const char *cli_time(uint64_t t, char *buf, size_t len);
/* cli_sid_json - a SID as a JSON string. */
json_t *cli_sid_json(const void *sid);

/*
 * cli_password_get - the password for what (a short description): from
 * --password, --password-file, or a terminal prompt (twice when confirm).
 * buf must hold 4 * CLI_PASSWORD_MAX + 1 bytes; wipe it after use.
 */
int cli_password_get(struct cli *c, const char *what, int confirm, char *buf,
		     size_t len);

struct sambaview_domain;
/*
 * cli_samba_pair - the two domains of --trusting DIR and --trusted DIR
 * (names from --trusting-name/--trusted-name when given); CLI_OK, or the
 * exit status after printing why (cmd names the command in messages).
 */
int cli_samba_pair(struct cli *c, const char *cmd, struct sambaview_domain *t,
		   struct sambaview_domain *d);

struct view;
struct diag_result;
/*
 * cmd_diag_report - print one diagnosis as trust diagnose does (verdict,
 * summary, evidence, remedy; nothing with --json) and return its JSON
 * object (caller owns).  lab_commands: the remedy shows nt4trust commands.
 */
json_t *cmd_diag_report(struct cli *c, const struct view *v,
			const struct diag_result *res, int lab_commands);
/* cmd_samba_estate - samba diagnose DIR... (tools/cmd_samba_estate.c). */
int cmd_samba_estate(struct cli *c);

/* Command handlers (tools/cmd_*.c). */
int cmd_domain_create(struct cli *c);
int cmd_domain_list(struct cli *c);
int cmd_domain_show(struct cli *c);
int cmd_domain_delete(struct cli *c);
int cmd_domain_offline(struct cli *c);
int cmd_domain_online(struct cli *c);
int cmd_domain_restart(struct cli *c);
int cmd_domain_backup(struct cli *c);
int cmd_domain_restore(struct cli *c);
int cmd_clock_show(struct cli *c);
int cmd_clock_advance(struct cli *c);
int cmd_trust_diagnose(struct cli *c);
int cmd_trust_repair(struct cli *c);
int cmd_trust_reset(struct cli *c);
int cmd_samba_diagnose(struct cli *c);
int cmd_samba_import(struct cli *c);
int cmd_samba_repair(struct cli *c);
int cmd_user_add(struct cli *c);
int cmd_user_delete(struct cli *c);
int cmd_user_disable(struct cli *c);
int cmd_user_enable(struct cli *c);
int cmd_user_set_password(struct cli *c);
int cmd_account_list(struct cli *c);
int cmd_account_show(struct cli *c);
int cmd_account_set_flags(struct cli *c);
int cmd_trusting_add(struct cli *c);
int cmd_trusting_remove(struct cli *c);
int cmd_trusted_add(struct cli *c);
int cmd_trusted_remove(struct cli *c);
int cmd_secret_show(struct cli *c);
int cmd_secret_set(struct cli *c);
int cmd_secret_delete(struct cli *c);
int cmd_trust_list(struct cli *c);
int cmd_trust_verify(struct cli *c);
int cmd_logon(struct cli *c);
int cmd_lab_run(struct cli *c);
int cmd_status_explain(struct cli *c);
int cmd_plan_repair(struct cli *c);
int cmd_live_logon(struct cli *c);
int cmd_live_probe_trust(struct cli *c);
int cmd_migrate(struct cli *c);
/* migrate --format values, in the order of their names */
enum cli_migrate_format {
	CLI_FMT_SUMMARY,
	CLI_FMT_LDIF,
	CLI_FMT_NETDOM,
	CLI_FMT_SAMBATOOL,
	CLI_FMT_POWERSHELL,
	CLI_FMT_JSON,
};
/*
 * cli_migrate_common - the options migrate and migrate --topology share,
 * checked: --dns-name's form, --auth (*selective), --format (*fmt, enum
 * cli_migrate_format: summary when absent, json with --json, which sets up
 * the one JSON document) and --ldif-dialect (*dialect); CLI_OK or the
 * usage exit status after the message.
 */
int cli_migrate_common(struct cli *c, int *fmt, int *dialect, int *selective);
/* cli_migrate_dns - the DNS name --dns-name gives domain, or NULL. */
const char *cli_migrate_dns(const struct cli *c, const char *domain);
int cmd_allow_auth(struct cli *c);
int cmd_handoff_check(struct cli *c);
int cmd_user_sid_history(struct cli *c);
int cmd_trust_explain_pair(struct cli *c);
/* cmd_migrate_wizard - migrate --wizard: the New Trust Wizard's pages. */
int cmd_migrate_wizard(struct cli *c);
/* cmd_migrate_topology - migrate --topology (tools/cmd_migrate_topology.c). */
int cmd_migrate_topology(struct cli *c);

#endif
