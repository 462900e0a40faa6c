/*
 * tools/cmd_logon.c - nt4trust logon SERVER_DOMAIN 'DOMAIN\user': a user
 * logs on at a PDC of the lab, which checks its own users itself and
 * forwards users of trusted domains over its secure channel.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/netlogon.h"

static int
cmd_logon_opts(struct cli *c, struct logon_request *q)
{
	q->ntlm = LOGON_NTLM_V2;
	q->via = LOGON_VIA_SMB;
	if (c->ntlm != NULL) {
		if (strcmp(c->ntlm, "v2") == 0)
			q->ntlm = LOGON_NTLM_V2;
		else if (strcmp(c->ntlm, "v1") == 0)
			q->ntlm = LOGON_NTLM_V1;
		else if (strcmp(c->ntlm, "v1-ess") == 0)
			q->ntlm = LOGON_NTLM_V1_ESS;
		else
			return cli_usage_err(c,
					     "unknown --ntlm '%s' (v1, v1-ess "
					     "or v2)",
					     c->ntlm);
	}
	if (c->via != NULL) {
		if (strcmp(c->via, "smb") == 0)
			q->via = LOGON_VIA_SMB;
		else if (strcmp(c->via, "wbinfo") == 0)
			q->via = LOGON_VIA_WBINFO;
		else
			return cli_usage_err(c,
					     "unknown --via '%s' (smb or "
					     "wbinfo)",
					     c->via);
	}
	return CLI_OK;
}

/* The extra SIDs (sIDHistory) kept, and those SID filtering removed. */
static void
cmd_logon_extra(struct cli *c, const struct logon_result *res)
{
	json_t *kept = json_array(), *gone = json_array();
	char sid[SID_STR_MAX];
	size_t i;

	for (i = 0; i < res->val.nextra; i++) {
		sid_format(&res->val.extra[i], sid, sizeof(sid));
		cli_print(c, "  sIDHistory  %s\n", sid);
		json_array_append_new(kept, json_string(sid));
	}
	for (i = 0; i < res->nfiltered; i++) {
		sid_format(&res->filtered[i], sid, sizeof(sid));
		cli_print(c,
			  "  filtered    %s (sIDHistory from another domain: "
			  "the trust is quarantined, SID filtering removed "
			  "it)\n",
			  sid);
		json_array_append_new(gone, json_string(sid));
	}
	cli_json_set(c, "sid_history", kept);
	cli_json_set(c, "sids_filtered", gone);
}

int
cmd_logon(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1], what[160], who[160], st[64];
	char dom[NAMES_NETBIOS_MAX + 2], user[100], sidbuf[SID_STR_MAX];
	char fl[96];
	struct logon_request q;
	struct logon_result res;
	struct domain *server;
	struct errinfo ei;
	const char *bs;
	size_t dl;
	int rc;

	err_clear(&ei);
	memset(&q, 0, sizeof(q));
	if ((rc = cmd_logon_opts(c, &q)) != CLI_OK)
		return rc;
	if ((rc = lab_domain(c->lab, c->args[0], &server, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	bs = strchr(c->args[1], '\\');
	if (bs != NULL) {
		dl = (size_t)(bs - c->args[1]);
		if (dl == 0 || dl > NAMES_NETBIOS_MAX)
			return cli_usage_err(c,
					     "'%s': the domain part must be 1 "
					     "to %d characters (DOMAIN\\user)",
					     c->args[1], NAMES_NETBIOS_MAX);
		memcpy(dom, c->args[1], dl);
		dom[dl] = '\0';
		snprintf(user, sizeof(user), "%s", bs + 1);
	} else {
		snprintf(dom, sizeof(dom), "%s", server->rec.name);
		snprintf(user, sizeof(user), "%s", c->args[1]);
	}
	if ((rc = names_domain_check(dom, &ei)) != 0 ||
	    (rc = names_account_check(user, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	snprintf(what, sizeof(what), "%s", dom);
	(void)names_upper(dom, sizeof(dom), what);
	snprintf(who, sizeof(who), "%s\\%s", dom, user);
	snprintf(what, sizeof(what), "%s", who);
	if ((rc = cli_password_get(c, what, 0, pw, sizeof(pw))) != CLI_OK)
		return rc;
	q.server = server->rec.name;
	q.domain = dom;
	q.user = user;
	q.password = pw;
	rc = logon_network(c->lab, &q, &res, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_status_set(c, res.status);
	cli_json_set(c, "server", json_string(server->rec.name));
	cli_json_set(c, "user", json_string(who));
	cli_json_set(c, "ntlm", json_string(logon_ntlm_name(q.ntlm)));
	cli_json_set(c, "passthrough", json_boolean(res.passthrough));
	cli_json_set(c, "status", cli_json_status(res.status));
	if (res.status == 0) {
		sid_format(&res.user_sid, sidbuf, sizeof(sidbuf));
		cli_print(c, "Logon of %s at the %s PDC: OK\n", who,
			  server->rec.name);
		cli_status_print(c, "  status      ", res.status);
		cli_print(c, "  account     %s\\%s\n  SID         %s\n",
			  res.val.domain, res.val.account, sidbuf);
		if (res.passthrough) {
			netlogon_flags_describe(res.channel_flags, fl,
						sizeof(fl));
			cli_print(c,
				  "  checked by  the %s PDC (%s) through the "
				  "trust %s -> %s\n  channel     %s\n",
				  res.val.domain, res.val.server,
				  server->rec.name, res.val.domain, fl);
		} else {
			cli_print(c, "  checked by  the %s PDC (%s), locally\n",
				  res.val.domain, res.val.server);
		}
		cmd_logon_extra(c, &res);
		cli_verbose(c, "  NTLM        %s\n", logon_ntlm_name(q.ntlm));
		cli_json_set(c, "sid", cli_sid_json(&res.user_sid));
		cli_json_set(c, "checked_by", json_string(res.val.domain));
		crypto_wipe(&res, sizeof(res));
		return CLI_OK;
	}
	cli_print(c, "Logon of %s at the %s PDC: FAILED\n", who,
		  server->rec.name);
	cli_status_print(c, "  status  ", res.status);
	if (res.cause.status != 0 && (c->verbose || c->json)) {
		cli_verbose(c, "  cause   %s from %s\n",
			    cli_status_str(res.cause.status, st, sizeof(st)),
			    res.cause.where);
		if (res.cause.why[0] != '\0')
			cli_verbose(c, "          %s\n", res.cause.why);
		cli_json_set(c, "cause",
			     json_pack("{s:o,s:s,s:s}", "status",
				       cli_json_status(res.cause.status),
				       "where", res.cause.where, "why",
				       res.cause.why));
	} else if (res.cause.status != 0) {
		cli_print(c, "  (-v shows the underlying cause)\n");
	}
	cli_err(c, "logon of %s at %s failed: %s", who, server->rec.name,
		cli_status_str(res.status, st, sizeof(st)));
	crypto_wipe(&res, sizeof(res));
	return CLI_FAIL;
}
