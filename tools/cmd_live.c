/*
 * tools/cmd_live.c - nt4trust live logon //SERVER 'DOMAIN\user' and
 * nt4trust live probe-trust //TRUSTED_DC TRUSTING: one real SMB session
 * set-up through libsmbclient (migrate/live), the NT status of a failure
 * with its Windows message and the likely causes in plain words.  The
 * statuses real Samba classic PDCs give in each broken trust state are in
 * ../shared/reference/samba-classic/REPORT.md section 3.
 *
 * probe-trust logs on as TRUSTED\TRUSTING$ with the trust password (what
 * `net rpc trustdom establish` and the NT4 "Trusted Domains" dialog do):
 * STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT means the account exists, is an
 * interdomain trust account and the password is right.  TRUSTED is
 * --domain NAME; without it the domain field is left empty, and the
 * server then checks its own account database (Samba and Windows map an
 * empty or unknown domain to their own), which is the trusted domain when
 * //TRUSTED_DC is its PDC.  With --secrets DIR the password (and, without
 * --domain, the trusted domain's name when DIR holds one trust) comes from
 * the trusting PDC's secrets.tdb, read-only.
 *
 * Exit: 0 ok (probe: the password is right), 1 failure, 2 bad input.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "migrate/live.h"
#include "migrate/secretsdb.h"

static int
cmd_live_opts(struct cli *c, struct live_opts *o)
{
	struct errinfo ei;
	char tmp[LIVE_SERVER_MAX + 3], host[LIVE_SERVER_MAX + 1];

	memset(o, 0, sizeof(*o));
	err_clear(&ei);
	if (c->live_ip != NULL) {
		snprintf(tmp, sizeof(tmp), "//%s", c->live_ip);
		if (strlen(c->live_ip) > LIVE_SERVER_MAX ||
		    live_server_parse(tmp, host, sizeof(host), &ei) != 0)
			return cli_usage_err(c,
					     "--ip '%.80s': an IPv4 address or "
					     "host name of at most %d "
					     "characters",
					     c->live_ip, LIVE_SERVER_MAX);
		o->ip = c->live_ip;
	}
	if (c->smb_conf != NULL && access(c->smb_conf, R_OK) != 0)
		return cli_usage_err(c, "--smb-conf %s: %s", c->smb_conf,
				     strerror(errno));
	o->smb_conf = c->smb_conf;
	return CLI_OK;
}

/* The outcome, as text or JSON; returns the exit status. */
static int
cmd_live_report(struct cli *c, const char *what, const char *server,
		const struct live_result *res, int probe)
{
	const struct ntstatus_info *i = NULL;
	const char *causes = live_causes(res, probe);
	int good;
	json_t *st;

	if (res->status_known && res->status != 0)
		i = ntstatus_lookup(res->status);
	if (res->status_known && res->status != 0)
		cli_status_set(c, res->status);
	good = probe ? (res->status_known &&
			res->status ==
				NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT) :
		       res->ok;
	if (probe && res->ok)
		causes = "The account logged on like an ordinary account: it "
			 "is not an interdomain trust account (flag [I]).";

	cli_json_set(c, "server", json_string(server));
	cli_json_set(c, "account", json_string(what));
	cli_json_set(c, "result", json_string(good ? "ok" : "failed"));
	cli_json_set(c, "session", json_string(res->ok ? "set up" : "refused"));
	if (res->status_known && i != NULL)
		st = cli_json_status(res->status);
	else if (res->status_known)
		st = json_pack("{s:s}", "name", res->status_name);
	else
		st = json_null();
	cli_json_set(c, "status", st);
	cli_json_set(c, "status_name",
		     res->status_known ? json_string(res->status_name) :
					 json_null());
	if (!res->ok && !res->status_known)
		cli_json_set(c, "error", json_string(strerror(res->sys_errno)));
	if (causes[0] != '\0')
		cli_json_set(c, "causes", json_string(causes));

	if (probe)
		cli_print(c, "Trust probe as %s at //%s: ", what, server);
	else
		cli_print(c, "Logon of %s at //%s: ", what, server);
	if (res->ok && !probe) {
		cli_print(c, "ok\n");
		return CLI_OK;
	}
	if (res->ok) {
		cli_print(c, "session set up (not a trust account)\n");
	} else if (res->status_known) {
		if (i != NULL)
			cli_print(c, "%s: %s (0x%08X)\n",
				  good ? "the trust password is right" :
					 "failed",
				  res->status_name, res->status);
		else
			cli_print(c, "failed: %s\n", res->status_name);
		if (i != NULL)
			cli_print(c, "  Windows error %u (%s): %s\n", i->win32,
				  i->win32_name, i->win32_text);
	} else {
		cli_print(c, "failed: %s (the NT status was not available)\n",
			  strerror(res->sys_errno));
	}
	if (causes[0] != '\0')
		cli_print(c, "  %s: %s\n", good ? "Meaning" : "Likely causes",
			  causes);
	return good ? CLI_OK : CLI_FAIL;
}

int
cmd_live_logon(struct cli *c)
{
	char server[LIVE_SERVER_MAX + 1], dom[NAMES_NETBIOS_MAX + 2];
	char user[LIVE_USER_MAX + 1], what[160];
	char pw[4 * CLI_PASSWORD_MAX + 1];
	struct live_result res;
	struct live_opts o;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if (c->live_domain != NULL || c->secrets_dir != NULL)
		return cli_usage_err(c, "--domain and --secrets apply to live "
					"probe-trust only");
	if (live_server_parse(c->args[0], server, sizeof(server), &ei) != 0 ||
	    live_account_parse(c->args[1], dom, sizeof(dom), user, sizeof(user),
			       &ei) != 0)
		return cli_usage_err(c, "%s", ei.msg);
	if ((rc = cmd_live_opts(c, &o)) != CLI_OK)
		return rc;
	snprintf(what, sizeof(what), "%s\\%s", dom, user);
	if ((rc = cli_password_get(c, what, 0, pw, sizeof(pw))) != CLI_OK)
		goto out;
	rc = live_session(server, dom, user, pw, &o, &res, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0) {
		rc = cli_fail(c, rc, &ei);
		goto out;
	}
	rc = cmd_live_report(c, what, server, &res, 0);
out:
	crypto_wipe(pw, sizeof(pw));
	return rc;
}

struct cmd_live_one {
	int n;
	struct secretsdb_trust t;
};

static int
cmd_live_one_fn(const struct secretsdb_trust *t, void *arg)
{
	struct cmd_live_one *one = arg;

	if (one->n++ == 0)
		one->t = *t;
	return 0;
}

/* The trust password (and maybe the domain) from DIR/secrets.tdb. */
static int
cmd_live_secret(struct cli *c, char *dom, size_t domlen, char *pw, size_t pwlen)
{
	struct secretsdb *s = NULL;
	struct cmd_live_one one;
	struct errinfo ei;
	char path[4096];
	int r, rc = CLI_FAIL;

	memset(&one, 0, sizeof(one));
	err_clear(&ei);
	if ((size_t)snprintf(path, sizeof(path), "%s/secrets.tdb",
			     c->secrets_dir) >= sizeof(path))
		return cli_usage_err(c, "--secrets: the path is too long");
	if ((r = secretsdb_open(&s, path, 0, &ei)) != 0) {
		rc = r == ERR_NOTFOUND || r == ERR_ACCESS ?
			     cli_usage_err(c, "--secrets %s: %s",
					   c->secrets_dir, ei.msg) :
			     cli_fail(c, r, &ei);
		goto out;
	}
	if (dom[0] != '\0') {
		r = secretsdb_trust_get(s, dom, &one.t, &ei);
		if (r == ERR_NOTFOUND) {
			rc = cli_err(c,
				     "--secrets %s: no trust password for "
				     "domain %s (no $DOMTRUST.ACC/%s record)",
				     c->secrets_dir, dom, dom);
			goto out;
		}
		if (r != 0) {
			rc = cli_fail(c, r, &ei);
			goto out;
		}
	} else {
		if ((r = secretsdb_trust_list(s, cmd_live_one_fn, &one, &ei)) !=
		    0) {
			rc = cli_fail(c, r, &ei);
			goto out;
		}
		if (one.n != 1) {
			rc = cli_usage_err(c,
					   "--secrets %s: %d trusted domains; "
					   "name the one to probe with "
					   "--domain",
					   c->secrets_dir, one.n);
			goto out;
		}
		if (names_upper(dom, domlen, one.t.domain) != 0) {
			rc = cli_err(c, "--secrets %s: bad domain name",
				     c->secrets_dir);
			goto out;
		}
	}
	if (one.t.pass_len + 1 > pwlen) {
		rc = cli_err(c, "--secrets %s: the trust password is too long",
			     c->secrets_dir);
		goto out;
	}
	memcpy(pw, one.t.password, one.t.pass_len);
	pw[one.t.pass_len] = '\0';
	rc = CLI_OK;
out:
	secretsdb_trust_wipe(&one.t);
	secretsdb_close(s);
	return rc;
}

int
cmd_live_probe_trust(struct cli *c)
{
	char server[LIVE_SERVER_MAX + 1], dom[NAMES_NETBIOS_MAX + 2];
	char acct[NAMES_NETBIOS_MAX + 2], what[160];
	char pw[4 * CLI_PASSWORD_MAX + 1];
	struct live_result res;
	struct live_opts o;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	memset(pw, 0, sizeof(pw));
	dom[0] = '\0';
	if (live_server_parse(c->args[0], server, sizeof(server), &ei) != 0)
		return cli_usage_err(c, "%s", ei.msg);
	if (names_trust_account(acct, sizeof(acct), c->args[1], &ei) != 0)
		return cli_usage_err(c, "trusting domain: %s", ei.msg);
	if (c->live_domain != NULL) {
		if (names_domain_check(c->live_domain, &ei) != 0)
			return cli_usage_err(c, "--domain '%.80s': %s",
					     c->live_domain, ei.msg);
		if (names_upper(dom, sizeof(dom), c->live_domain) != 0)
			return cli_usage_err(c, "--domain '%.80s': too long",
					     c->live_domain);
	}
	if ((rc = cmd_live_opts(c, &o)) != CLI_OK)
		return rc;
	if (c->secrets_dir != NULL) {
		if (c->password != NULL || c->password_file != NULL)
			return cli_usage_err(c, "give --secrets or a password "
						"option, not both");
		rc = cmd_live_secret(c, dom, sizeof(dom), pw, sizeof(pw));
	}
	/* no domain: the server takes the account from its own SAM */
	snprintf(what, sizeof(what), "%s%s%s", dom, dom[0] != '\0' ? "\\" : "",
		 acct);
	if (c->secrets_dir == NULL)
		rc = cli_password_get(c, what, 0, pw, sizeof(pw));
	if (rc != CLI_OK)
		goto out;
	rc = live_session(server, dom, acct, pw, &o, &res, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0) {
		rc = cli_fail(c, rc, &ei);
		goto out;
	}
	rc = cmd_live_report(c, what, server, &res, 1);
out:
	crypto_wipe(pw, sizeof(pw));
	return rc;
}
