/*
 * tools/main.c - the nt4trust command: option parsing, the command table,
 * --help, and running one command against a lab (DESIGN.md section 4).
 *
 * Exit status: 0 ok, 1 the operation failed (including a failed logon or
 * trust check), 2 usage or bad input.  cli_run() is re-entrant so that
 * `lab run` can execute scenario lines in-process.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "nt4/lab.h"

#define NT4TRUST_VERSION "0.1.0"

static const struct cli_cmd cli_cmds[] = {
	{ "domain create", "NAME", 1, 1, cmd_domain_create,
	  "create an emulated NT4 PDC for domain NAME "
	  "[--sid SID] [--flavor nt4|samba] [--pdc NAME] "
	  "[--netlogon classic|strong|aes]",
	  2 },
	{ "domain list", "", 0, 0, cmd_domain_list,
	  "list the domains of the lab", 1 },
	{ "domain show", "NAME", 1, 1, cmd_domain_show,
	  "show a domain: SID, PDC, flavor, accounts, trusts", 1 },
	{ "domain delete", "NAME", 1, 1, cmd_domain_delete,
	  "delete a domain's PDC and its database", 1 },
	{ "domain offline", "NAME", 1, 1, cmd_domain_offline,
	  "take a PDC off the network (its database can still be "
	  "administered)",
	  1 },
	{ "domain online", "NAME", 1, 1, cmd_domain_online,
	  "bring a PDC back on the network", 1 },
	{ "domain restart", "NAME", 1, 1, cmd_domain_restart,
	  "restart a PDC: it forgets its secure channels (Samba: winbindd)",
	  1 },
	{ "domain backup", "NAME TAG", 2, 2, cmd_domain_backup,
	  "copy a PDC's database (one consistent snapshot) as backup TAG", 1 },
	{ "domain restore", "NAME TAG", 2, 2, cmd_domain_restore,
	  "put backup TAG back (one transaction) and restart the PDC", 1 },
	{ "user add", "DOMAIN USER", 2, 2, cmd_user_add,
	  "add a user account (password prompted twice) [--fullname TEXT]", 1 },
	{ "user delete", "DOMAIN USER", 2, 2, cmd_user_delete,
	  "delete an account", 1 },
	{ "user disable", "DOMAIN USER", 2, 2, cmd_user_disable,
	  "disable an account", 1 },
	{ "user enable", "DOMAIN USER", 2, 2, cmd_user_enable,
	  "enable an account", 1 },
	{ "user sid-history", "DOMAIN USER SID", 3, 3, cmd_user_sid_history,
	  "add an account SID of another domain to a user's sIDHistory (as "
	  "an ADMT migration does)",
	  1 },
	{ "user set-password", "DOMAIN USER", 2, 2, cmd_user_set_password,
	  "set an account's password (trust accounts too)", 1 },
	{ "account list", "DOMAIN", 1, 1, cmd_account_list,
	  "list every SAM account, trust accounts included", 1 },
	{ "account show", "DOMAIN NAME", 2, 2, cmd_account_show,
	  "show one SAM account [--show-secrets]", 1 },
	{ "account set-flags", "DOMAIN NAME FLAGS", 3, 3, cmd_account_set_flags,
	  "set the account flags, e.g. '[I]' or '[DU]'", 1 },
	{ "trusting add", "TRUSTED TRUSTING", 2, 2, cmd_trusting_add,
	  "on TRUSTED's PDC: permit TRUSTING to trust it (creates TRUSTING$)",
	  1 },
	{ "trusting remove", "TRUSTED TRUSTING", 2, 2, cmd_trusting_remove,
	  "on TRUSTED's PDC: remove the permission (deletes TRUSTING$)", 1 },
	{ "trusted add", "TRUSTING TRUSTED", 2, 2, cmd_trusted_add,
	  "on TRUSTING's PDC: trust TRUSTED (verifies the password, then "
	  "writes the trusted-domain entry and G$$TRUSTED)",
	  1 },
	{ "trusted remove", "TRUSTING TRUSTED", 2, 2, cmd_trusted_remove,
	  "on TRUSTING's PDC: stop trusting TRUSTED", 1 },
	{ "secret show", "DOMAIN NAME", 2, 2, cmd_secret_show,
	  "show an LSA secret's values and set times (values hidden unless "
	  "--show-secrets)",
	  1 },
	{ "secret set", "DOMAIN NAME", 2, 2, cmd_secret_set,
	  "set an LSA secret (the current value becomes the old value)", 1 },
	{ "secret delete", "DOMAIN NAME", 2, 2, cmd_secret_delete,
	  "delete an LSA secret", 1 },
	{ "trust list", "[DOMAIN]", 0, 1, cmd_trust_list,
	  "list every one-way trust and which of its halves exist", 1 },
	{ "trust verify", "TRUSTING TRUSTED", 2, 2, cmd_trust_verify,
	  "set up the secure channel as TRUSTING's PDC does (nltest "
	  "/sc_verify)",
	  1 },
	{ "trust reset", "TRUSTING TRUSTED", 2, 2, cmd_trust_reset,
	  "drop the secure channel and set it up again (nltest /sc_reset)", 1 },
	{ "trust diagnose", "TRUSTING TRUSTED", 2, 2, cmd_trust_diagnose,
	  "read both halves: one verdict, the evidence, the remedy", 1 },
	{ "trust repair", "TRUSTING TRUSTED", 2, 2, cmd_trust_repair,
	  "carry out the remedy, journaled (KB Q207957 order) [--dry-run] "
	  "[--password-file F | --generate]",
	  1 },
	{ "plan repair", "TRUSTING TRUSTED --for samba|windows", 2, 2,
	  cmd_plan_repair,
	  "print the KB Q207957 commands to run on each real PDC to repair "
	  "the trust (reads the lab, changes nothing; no passwords)",
	  1 },
	{ "migrate", "DOMAIN PARTNER --dns-name DOMAIN=FQDN ...", 0, 2,
	  cmd_migrate,
	  "carry the NT4 trusts between two lab domains over to an AD "
	  "external trust (New Trust Wizard choices: --direction, --sides, "
	  "--auth, --no-quarantine; --format "
	  "summary|ldif|netdom|samba-tool|powershell|json; --wizard asks "
	  "the wizard's pages on a terminal; --topology: every trust of the "
	  "lab, with a plan)",
	  1 },
	{ "handoff check", "FILE", 1, 1, cmd_handoff_check,
	  "for the partner's administrator: what a hand-off file of migrate "
	  "--sides this asks them to create, and whether the trust "
	  "password(s) they were given match its verifiers (reads the file "
	  "only)",
	  0 },
	{ "allow-auth", "DOMAIN DOMAIN\\USER COMPUTER", 3, 3, cmd_allow_auth,
	  "selective authentication: allow a user of a trusted domain to "
	  "authenticate to COMPUTER of DOMAIN (\"Allowed to Authenticate\")",
	  1 },
	{ "trust explain", "STATUS | TRUSTING TRUSTED", 1, 2,
	  cmd_status_explain,
	  "what a status code means (name, hex or Windows error number); with "
	  "two lab domains, what their trust is and does (NT4 or AD, SID "
	  "filtering, selective authentication)",
	  0 },
	{ "logon", "SERVER_DOMAIN DOMAIN\\USER", 2, 2, cmd_logon,
	  "log a user on at SERVER_DOMAIN's PDC [--ntlm v1|v1-ess|v2] "
	  "[--via smb|wbinfo]",
	  1 },
	{ "samba diagnose", "--trusting DIR --trusted DIR | DIR...", 0, 65536,
	  cmd_samba_diagnose,
	  "diagnose a trust between two Samba classic PDCs from their private "
	  "directories (read-only) [--trusting-name N] [--trusted-name N]; "
	  "with DIR... every trust among the domains given",
	  0 },
	{ "samba repair", "--trusting DIR --trusted DIR", 0, 0,
	  cmd_samba_repair,
	  "repair that trust offline in the two private directories, "
	  "journaled (KB Q207957 order) [--dry-run] [--password-file F | "
	  "--generate]; names the daemons to restart",
	  0 },
	{ "samba import", "DIR...", 1, 64, cmd_samba_import,
	  "copy Samba classic domains (private directories, read-only) into "
	  "the lab, flavor samba: SIDs, accounts and hashes, trusts",
	  2 },
	{ "live logon", "//SERVER DOMAIN\\USER", 2, 2, cmd_live_logon,
	  "set up a real SMB session at SERVER through libsmbclient: ok, or "
	  "the NT status and its likely causes [--ip ADDR] [--smb-conf FILE]",
	  0 },
	{ "live probe-trust", "//TRUSTED_DC TRUSTING", 2, 2,
	  cmd_live_probe_trust,
	  "log on at a real PDC as TRUSTING$ with the trust password: "
	  "NOLOGON_INTERDOMAIN_TRUST_ACCOUNT means it is right [--domain "
	  "TRUSTED] [--secrets DIR] [--ip ADDR] [--smb-conf FILE]",
	  0 },
	{ "clock show", "", 0, 0, cmd_clock_show,
	  "the lab clock and the trust password changes due", 1 },
	{ "clock advance", "DURATION", 1, 1, cmd_clock_advance,
	  "move the lab clock (7d, 36h, 90m); password changes due on the "
	  "way run",
	  1 },
	{ "lab run", "FILE|NAME", 1, 1, cmd_lab_run,
	  "run a scenario (built-in: q207957) in a fresh temporary lab, or in "
	  "--lab DIR, and check its expectations",
	  0 },
};

#define CLI_NCMDS (sizeof(cli_cmds) / sizeof(cli_cmds[0]))

static const char cli_global_help[] =
	"Global options:\n"
	"  --lab DIR             the lab directory (default: $NT4TRUST_LAB, "
	"else ./nt4lab)\n"
	"  --json                print one JSON document instead of text\n"
	"  -v, --verbose         say more (underlying causes of failures)\n"
	"  --show-secrets        show passwords, hashes and secret values\n"
	"  --password VALUE      the password (for lab scripts; visible to "
	"ps)\n"
	"  --password-file FILE  read the password from the first line of "
	"FILE (- = stdin)\n"
	"  -h, --help            this text; with a command, the command's "
	"help\n"
	"  --version             print the version\n"
	"\n"
	"Without a password option, passwords are prompted for on the "
	"terminal\n"
	"(twice when one is being set).\n"
	"Exit status: 0 ok, 1 operation failed, 2 usage or bad input.\n";

static void
cli_help_all(FILE *f)
{
	size_t i;

	fprintf(f, "usage: nt4trust [OPTIONS] COMMAND [ARGS]\n\n"
		   "Emulate NT4 PDCs and their trusts; diagnose and repair "
		   "broken trusts.\n\nCommands:\n");
	for (i = 0; i < CLI_NCMDS; i++)
		fprintf(f, "  %s %s\n      %s\n", cli_cmds[i].words,
			cli_cmds[i].args, cli_cmds[i].summary);
	fprintf(f, "\n%s", cli_global_help);
}

static void
cli_help_cmd(const struct cli_cmd *cmd)
{
	printf("usage: nt4trust [OPTIONS] %s %s\n\n%s\n\n%s", cmd->words,
	       cmd->args, cmd->summary, cli_global_help);
}

enum {
	OPT_LAB = 256,
	OPT_JSON,
	OPT_SHOW_SECRETS,
	OPT_PASSWORD,
	OPT_PASSWORD_FILE,
	OPT_SID,
	OPT_FLAVOR,
	OPT_PDC,
	OPT_NETLOGON,
	OPT_NTLM,
	OPT_VIA,
	OPT_FULLNAME,
	OPT_DRY_RUN,
	OPT_GENERATE,
	OPT_TRUSTING,
	OPT_TRUSTED,
	OPT_TRUSTING_NAME,
	OPT_TRUSTED_NAME,
	OPT_VERSION,
	OPT_FOR,
	OPT_DOMAIN,
	OPT_IP,
	OPT_SMB_CONF,
	OPT_SECRETS,
	OPT_DNS_NAME,
	OPT_DIRECTION,
	OPT_SIDES,
	OPT_AUTH,
	OPT_NO_QUARANTINE,
	OPT_FORMAT,
	OPT_OUT_DIR,
	OPT_SIDE,
	OPT_LDIF_DIALECT,
	OPT_INCLUDE_BROKEN,
	OPT_WIZARD,
	OPT_APPLY,
	OPT_TOPOLOGY,
	OPT_DNS_SUFFIX,
	OPT_DNS_MAP,
};

static const struct option cli_opts[] = {
	{ "lab", required_argument, NULL, OPT_LAB },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "verbose", no_argument, NULL, 'v' },
	{ "show-secrets", no_argument, NULL, OPT_SHOW_SECRETS },
	{ "password", required_argument, NULL, OPT_PASSWORD },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "sid", required_argument, NULL, OPT_SID },
	{ "flavor", required_argument, NULL, OPT_FLAVOR },
	{ "pdc", required_argument, NULL, OPT_PDC },
	{ "netlogon", required_argument, NULL, OPT_NETLOGON },
	{ "ntlm", required_argument, NULL, OPT_NTLM },
	{ "via", required_argument, NULL, OPT_VIA },
	{ "fullname", required_argument, NULL, OPT_FULLNAME },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "generate", no_argument, NULL, OPT_GENERATE },
	{ "trusting", required_argument, NULL, OPT_TRUSTING },
	{ "trusted", required_argument, NULL, OPT_TRUSTED },
	{ "trusting-name", required_argument, NULL, OPT_TRUSTING_NAME },
	{ "trusted-name", required_argument, NULL, OPT_TRUSTED_NAME },
	{ "for", required_argument, NULL, OPT_FOR },
	{ "domain", required_argument, NULL, OPT_DOMAIN },
	{ "ip", required_argument, NULL, OPT_IP },
	{ "smb-conf", required_argument, NULL, OPT_SMB_CONF },
	{ "secrets", required_argument, NULL, OPT_SECRETS },
	{ "dns-name", required_argument, NULL, OPT_DNS_NAME },
	{ "direction", required_argument, NULL, OPT_DIRECTION },
	{ "sides", required_argument, NULL, OPT_SIDES },
	{ "auth", required_argument, NULL, OPT_AUTH },
	{ "no-quarantine", no_argument, NULL, OPT_NO_QUARANTINE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "side", required_argument, NULL, OPT_SIDE },
	{ "ldif-dialect", required_argument, NULL, OPT_LDIF_DIALECT },
	{ "include-broken", no_argument, NULL, OPT_INCLUDE_BROKEN },
	{ "wizard", no_argument, NULL, OPT_WIZARD },
	{ "apply", no_argument, NULL, OPT_APPLY },
	{ "topology", no_argument, NULL, OPT_TOPOLOGY },
	{ "dns-suffix", required_argument, NULL, OPT_DNS_SUFFIX },
	{ "dns-map", required_argument, NULL, OPT_DNS_MAP },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

/* Which options each command accepts, beyond the global ones. */
static int
cli_option_allowed(const struct cli_cmd *cmd, const struct cli *c)
{
	int is_create = strcmp(cmd->words, "domain create") == 0;
	int is_logon = strcmp(cmd->words, "logon") == 0;
	int is_samba_repair = strcmp(cmd->words, "samba repair") == 0;
	int is_migrate = strcmp(cmd->words, "migrate") == 0;

	if ((c->sid || c->flavor || c->pdc || c->netlogon) && !is_create)
		return 0;
	if ((c->ntlm || c->via) && !is_logon)
		return 0;
	if (c->fullname && strcmp(cmd->words, "user add") != 0)
		return 0;
	if (c->dry_run && strcmp(cmd->words, "trust repair") != 0 &&
	    !is_samba_repair)
		return 0;
	if (c->generate && strcmp(cmd->words, "trust repair") != 0 &&
	    !is_samba_repair && !is_migrate)
		return 0;
	if ((c->ndns > 0 || c->direction || c->sides || c->auth ||
	     c->no_quarantine || c->format || c->out_dir || c->side ||
	     c->ldif_dialect || c->include_broken || c->wizard || c->apply ||
	     c->topology || c->dns_suffix || c->dns_map) &&
	    !is_migrate)
		return 0;
	if ((c->trusting_dir || c->trusted_dir || c->trusting_name ||
	     c->trusted_name) &&
	    strcmp(cmd->words, "samba diagnose") != 0 && !is_samba_repair)
		return 0;
	if (c->plan_for && strcmp(cmd->words, "plan repair") != 0)
		return 0;
	if ((c->live_ip || c->smb_conf) && strncmp(cmd->words, "live ", 5) != 0)
		return 0;
	if ((c->live_domain || c->secrets_dir) &&
	    strcmp(cmd->words, "live probe-trust") != 0)
		return 0;
	return 1;
}

static const struct cli_cmd *
cli_find(int npos, char **pos, int *used)
{
	char two[64];
	size_t i;

	*used = 0;
	if (npos >= 2) {
		snprintf(two, sizeof(two), "%s %s", pos[0], pos[1]);
		for (i = 0; i < CLI_NCMDS; i++)
			if (strcmp(cli_cmds[i].words, two) == 0) {
				*used = 2;
				return &cli_cmds[i];
			}
	}
	if (npos >= 1)
		for (i = 0; i < CLI_NCMDS; i++)
			if (strcmp(cli_cmds[i].words, pos[0]) == 0) {
				*used = 1;
				return &cli_cmds[i];
			}
	return NULL;
}

/* Does any command start with this word?  (For a precise message.) */
static int
cli_is_group(const char *w)
{
	size_t i, n = strlen(w);

	for (i = 0; i < CLI_NCMDS; i++)
		if (strncmp(cli_cmds[i].words, w, n) == 0 &&
		    cli_cmds[i].words[n] == ' ')
			return 1;
	return 0;
}

/* "list, verify, explain" for group "trust" (a static buffer). */
static const char *
cli_group_words(const char *w)
{
	static char buf[160];
	size_t i, n = strlen(w), len = 0;

	buf[0] = '\0';
	for (i = 0; i < CLI_NCMDS; i++) {
		if (strncmp(cli_cmds[i].words, w, n) != 0 ||
		    cli_cmds[i].words[n] != ' ')
			continue;
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					len > 0 ? ", " : "",
					cli_cmds[i].words + n + 1);
		if (len >= sizeof(buf))
			break;
	}
	return buf;
}

static int
cli_open_lab(struct cli *c, const struct cli_cmd *cmd)
{
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	rc = lab_open(&c->lab, c->lab_dir, cmd->needs_lab == 2 ? LAB_CREATE : 0,
		      &ei);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	return CLI_OK;
}

int
cli_run(int argc, char **argv, struct cli_result *res)
{
	struct cli c;
	const struct cli_cmd *cmd;
	struct errinfo ei;
	int opt, rc, used, npos, version = 0;
	char **pos;

	memset(&c, 0, sizeof(c));
	snprintf(c.prog, sizeof(c.prog), "nt4trust");
	optind = 0; /* GNU: full re-initialisation (lab run re-enters) */
	opterr = 0;
	/* GNU getopt permutes: options may stand before or after words. */
	while ((opt = getopt_long(argc, argv, ":vh", cli_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_LAB:
			c.lab_dir = optarg;
			c.lab_given = 1;
			break;
		case OPT_JSON:
			c.json = 1;
			break;
		case 'v':
			c.verbose = 1;
			break;
		case OPT_SHOW_SECRETS:
			c.show_secrets = 1;
			break;
		case OPT_PASSWORD:
			c.password = optarg;
			break;
		case OPT_PASSWORD_FILE:
			c.password_file = optarg;
			break;
		case OPT_SID:
			c.sid = optarg;
			break;
		case OPT_FLAVOR:
			c.flavor = optarg;
			break;
		case OPT_PDC:
			c.pdc = optarg;
			break;
		case OPT_NETLOGON:
			c.netlogon = optarg;
			break;
		case OPT_NTLM:
			c.ntlm = optarg;
			break;
		case OPT_VIA:
			c.via = optarg;
			break;
		case OPT_FULLNAME:
			c.fullname = optarg;
			break;
		case OPT_DRY_RUN:
			c.dry_run = 1;
			break;
		case OPT_GENERATE:
			c.generate = 1;
			break;
		case OPT_TRUSTING:
			c.trusting_dir = optarg;
			break;
		case OPT_TRUSTED:
			c.trusted_dir = optarg;
			break;
		case OPT_TRUSTING_NAME:
			c.trusting_name = optarg;
			break;
		case OPT_TRUSTED_NAME:
			c.trusted_name = optarg;
			break;
		case 'h':
			c.help = 1;
			break;
		case OPT_VERSION:
			version = 1;
			break;
		case OPT_FOR:
			c.plan_for = optarg;
			break;
		case OPT_DOMAIN:
			c.live_domain = optarg;
			break;
		case OPT_IP:
			c.live_ip = optarg;
			break;
		case OPT_SMB_CONF:
			c.smb_conf = optarg;
			break;
		case OPT_SECRETS:
			c.secrets_dir = optarg;
			break;
		case OPT_DNS_NAME:
			if (c.ndns == CLI_DNS_MAX)
				return cli_usage_err(&c,
						     "--dns-name given more "
						     "than %d times",
						     CLI_DNS_MAX);
			c.dns_names[c.ndns++] = optarg;
			break;
		case OPT_DIRECTION:
			c.direction = optarg;
			break;
		case OPT_SIDES:
			c.sides = optarg;
			break;
		case OPT_AUTH:
			c.auth = optarg;
			break;
		case OPT_NO_QUARANTINE:
			c.no_quarantine = 1;
			break;
		case OPT_FORMAT:
			c.format = optarg;
			break;
		case OPT_OUT_DIR:
			c.out_dir = optarg;
			break;
		case OPT_SIDE:
			c.side = optarg;
			break;
		case OPT_LDIF_DIALECT:
			c.ldif_dialect = optarg;
			break;
		case OPT_INCLUDE_BROKEN:
			c.include_broken = 1;
			break;
		case OPT_APPLY:
			c.apply = 1;
			break;
		case OPT_WIZARD:
			c.wizard = 1;
			break;
		case OPT_TOPOLOGY:
			c.topology = 1;
			break;
		case OPT_DNS_SUFFIX:
			c.dns_suffix = optarg;
			break;
		case OPT_DNS_MAP:
			c.dns_map = optarg;
			break;
		case ':':
			return cli_usage_err(&c, "option %s needs a value",
					     argv[optind - 1]);
		default:
			if (optopt != 0)
				return cli_usage_err(&c,
						     "unknown option -%c (see "
						     "nt4trust --help)",
						     optopt);
			return cli_usage_err(&c,
					     "unknown option %s (see nt4trust "
					     "--help)",
					     argv[optind - 1]);
		}
	}
	pos = argv + optind;
	npos = argc - optind;
	if (version) {
		printf("nt4trust %s\n", NT4TRUST_VERSION);
		return CLI_OK;
	}
	if (npos == 0) {
		if (c.help) {
			cli_help_all(stdout);
			return CLI_OK;
		}
		cli_help_all(stderr);
		return CLI_USAGE;
	}
	if (strcmp(pos[0], "help") == 0) {
		if (npos == 1) {
			cli_help_all(stdout);
			return CLI_OK;
		}
		cmd = cli_find(npos - 1, pos + 1, &used);
		if (cmd == NULL)
			return cli_usage_err(
				&c,
				"no command '%s%s%s' (see nt4trust "
				"--help)",
				pos[1], npos > 2 ? " " : "",
				npos > 2 ? pos[2] : "");
		cli_help_cmd(cmd);
		return CLI_OK;
	}
	cmd = cli_find(npos, pos, &used);
	if (cmd == NULL) {
		if (!cli_is_group(pos[0]))
			return cli_usage_err(
				&c,
				"unknown command '%s' (see nt4trust "
				"--help)",
				pos[0]);
		if (npos == 1)
			return cli_usage_err(&c,
					     "'%s' needs a subcommand: %s (see "
					     "nt4trust --help)",
					     pos[0], cli_group_words(pos[0]));
		return cli_usage_err(&c,
				     "unknown %s command '%s' (see nt4trust "
				     "--help)",
				     pos[0], pos[1]);
	}
	if (c.help) {
		cli_help_cmd(cmd);
		return CLI_OK;
	}
	c.args = pos + used;
	c.nargs = npos - used;
	if (c.nargs < cmd->min_args || c.nargs > cmd->max_args) {
		rc = cli_usage_err(&c, "usage: nt4trust %s %s", cmd->words,
				   cmd->args);
		return rc;
	}
	if (!cli_option_allowed(cmd, &c)) {
		return cli_usage_err(&c,
				     "an option given does not apply to '%s' "
				     "(see nt4trust help %s)",
				     cmd->words, cmd->words);
	}
	if (c.lab_dir == NULL)
		c.lab_dir = getenv("NT4TRUST_LAB");
	if (c.lab_dir == NULL || c.lab_dir[0] == '\0')
		c.lab_dir = "./nt4lab";
	if (c.json)
		c.out = json_object();
	rc = CLI_OK;
	if (cmd->needs_lab)
		rc = cli_open_lab(&c, cmd);
	if (rc == CLI_OK)
		rc = cmd->fn(&c);
	if (c.lab != NULL) {
		err_clear(&ei);
		if (lab_close(c.lab, &ei) != 0 && rc == CLI_OK)
			rc = cli_fail(&c, ERR_IO, &ei);
		c.lab = NULL;
	}
	if (c.out != NULL) {
		if (json_object_size(c.out) > 0) {
			json_object_set_new(c.out, "exit", json_integer(rc));
			json_dumpf(c.out, stdout,
				   JSON_INDENT(2) | JSON_PRESERVE_ORDER);
			fputc('\n', stdout);
		}
		json_decref(c.out);
	}
	fflush(stdout);
	if (res != NULL) {
		memset(res, 0, sizeof(*res));
		res->exit = rc;
		res->status = c.status;
		res->status_set = c.status_set;
		memcpy(res->verdict, c.verdict, sizeof(res->verdict));
	}
	return rc;
}

int
main(int argc, char **argv)
{
	int rc = cli_run(argc, argv, NULL);

	crypto_shutdown();
	return rc;
}
