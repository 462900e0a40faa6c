/*
 * tools/cmd_trust.c - nt4trust trusting add|remove, trusted add|remove,
 * secret show|set|delete, trust list|verify|explain: the Trust
 * Relationships dialog of User Manager for Domains, one PDC at a time, and
 * the checks an administrator runs on a pair.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "common/sid.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/netlogon.h"
#include "nt4/sam.h"
#include "nt4/trust.h"

/*
 * The two domains of a trust command, checked and upper-cased: args[0] and
 * args[1] are TRUSTING TRUSTED when trusting_first, else TRUSTED TRUSTING.
 * With pw, also the trust password (asked twice on a terminal).
 */
static int
cmd_pair(struct cli *c, int trusting_first, char *trusting, char *trusted,
	 char *pw, size_t pwlen)
{
	const char *a = c->args[trusting_first ? 0 : 1];
	const char *b = c->args[trusting_first ? 1 : 0];
	struct errinfo ei;
	char what[96];
	int rc;

	err_clear(&ei);
	if ((rc = names_domain_check(c->args[0], &ei)) != 0 ||
	    (rc = names_domain_check(c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(trusting, NAMES_NETBIOS_MAX + 1, a);
	(void)names_upper(trusted, NAMES_NETBIOS_MAX + 1, b);
	if (pw == NULL)
		return CLI_OK;
	snprintf(what, sizeof(what), "the trust %s -> %s", trusting, trusted);
	return cli_password_get(c, what, 1, pw, pwlen);
}

int
cmd_trusting_add(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1];
	char trusted[NAMES_NETBIOS_MAX + 1], trusting[NAMES_NETBIOS_MAX + 1];
	struct rec_account a;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	rc = cmd_pair(c, 0, trusting, trusted, pw, sizeof(pw));
	if (rc != CLI_OK)
		return rc;
	rc = trust_trusting_add(c->lab, trusted, trusting, pw, &a, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c,
		  "%s now permits %s to trust it: created interdomain trust "
		  "account %s\\%s (RID %u).\n"
		  "Next, on the %s PDC: nt4trust trusted add %s %s (same "
		  "password).\n",
		  trusted, trusting, trusted, a.name, a.rid, trusting, trusting,
		  trusted);
	cli_json_set(c, "trusted", json_string(trusted));
	cli_json_set(c, "trusting", json_string(trusting));
	cli_json_set(c, "account", json_string(a.name));
	cli_json_set(c, "rid", json_integer(a.rid));
	rec_account_wipe(&a);
	return CLI_OK;
}

int
cmd_trusting_remove(struct cli *c)
{
	char trusted[NAMES_NETBIOS_MAX + 1], trusting[NAMES_NETBIOS_MAX + 1];
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = trust_trusting_remove(c->lab, c->args[0], c->args[1], &ei)) !=
	    0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(trusted, sizeof(trusted), c->args[0]);
	(void)names_upper(trusting, sizeof(trusting), c->args[1]);
	cli_print(c, "%s no longer permits %s to trust it: deleted %s\\%s$.\n",
		  trusted, trusting, trusted, trusting);
	cli_json_set(c, "trusted", json_string(trusted));
	cli_json_set(c, "trusting", json_string(trusting));
	return CLI_OK;
}

int
cmd_trusted_add(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1], st[64];
	char trusted[NAMES_NETBIOS_MAX + 1], trusting[NAMES_NETBIOS_MAX + 1];
	char sidbuf[SID_STR_MAX];
	struct trust_add_result res;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	rc = cmd_pair(c, 1, trusting, trusted, pw, sizeof(pw));
	if (rc != CLI_OK)
		return rc;
	rc = trust_trusted_add(c->lab, trusting, trusted, pw, &res, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_status_set(c, res.status);
	cli_json_set(c, "trusting", json_string(trusting));
	cli_json_set(c, "trusted", json_string(trusted));
	cli_json_set(c, "status", cli_json_status(res.status));
	if (res.status != 0) {
		cli_json_set(c, "probe", cli_json_status(res.probe));
		cli_json_set(c, "reason", json_string(res.why));
		cli_err(c, "%s cannot trust %s: %s; %s. Nothing was created.",
			trusting, trusted,
			cli_status_str(res.status, st, sizeof(st)), res.why);
		return CLI_FAIL;
	}
	sid_format(&res.sid, sidbuf, sizeof(sidbuf));
	cli_print(c,
		  "Trust relationship with %s successfully established: %s "
		  "trusts %s (SID %s).\nUsers of %s can now use resources in "
		  "%s.\n",
		  trusted, trusting, trusted, sidbuf, trusted, trusting);
	cli_json_set(c, "sid", cli_sid_json(&res.sid));
	if (res.rotation.status == 0)
		cli_print(c,
			  "The %s PDC changed the trust password at once (%s); "
			  "the typed password is now only its OldValue.\n",
			  trusting, res.rotation.call);
	else
		cli_print(c,
			  "Warning: the immediate password change failed: %s "
			  "(%s); it is retried %s.\n",
			  cli_status_str(res.rotation.status, st, sizeof(st)),
			  res.rotation.cause.why,
			  res.rotation.changed ? "in 15 minutes" :
						 "at the next clock advance");
	cli_json_set(c, "password_change",
		     json_pack("{s:o,s:s,s:b}", "status",
			       cli_json_status(res.rotation.status), "call",
			       res.rotation.call, "changed",
			       res.rotation.changed));
	return CLI_OK;
}

int
cmd_trusted_remove(struct cli *c)
{
	char trusted[NAMES_NETBIOS_MAX + 1], trusting[NAMES_NETBIOS_MAX + 1];
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = trust_trusted_remove(c->lab, c->args[0], c->args[1], &ei)) !=
	    0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(trusting, sizeof(trusting), c->args[0]);
	(void)names_upper(trusted, sizeof(trusted), c->args[1]);
	cli_print(c,
		  "%s no longer trusts %s: removed the trusted-domain entry "
		  "and the secret G$$%s.\n",
		  trusting, trusted, trusted);
	cli_json_set(c, "trusting", json_string(trusting));
	cli_json_set(c, "trusted", json_string(trusted));
	return CLI_OK;
}

/* One secret value for text and JSON; the value only with --show-secrets. */
static json_t *
cmd_secret_value(struct cli *c, const char *label, int has, const uint8_t *v,
		 uint32_t len, uint64_t when)
{
	char tbuf[40], *text = NULL, *hex = NULL;
	json_t *o;

	if (!has) {
		cli_print(c, "  %-14s (none)\n", label);
		return json_null();
	}
	o = json_pack("{s:I,s:I,s:s}", "length", (json_int_t)len, "set_time",
		      (json_int_t)when, "set",
		      cli_time(when, tbuf, sizeof(tbuf)));
	cli_print(c, "  %-14s %u bytes, set %s\n", label, len, tbuf);
	if (c->show_secrets) {
		hex = malloc(2 * (size_t)len + 1);
		if (hex != NULL) {
			hex_encode(v, len, hex);
			json_object_set_new(o, "hex", json_string(hex));
			cli_print(c, "  %-14s %s\n", "", hex);
		}
		if (utf16_to_utf8(&text, v, len, NULL) == 0) {
			json_object_set_new(o, "text", json_string(text));
			cli_print(c, "  %-14s \"%s\"\n", "", text);
			crypto_wipe(text, strlen(text));
			free(text);
		}
		if (hex != NULL) {
			crypto_wipe(hex, 2 * (size_t)len);
			free(hex);
		}
	}
	return o;
}

int
cmd_secret_show(struct cli *c)
{
	struct rec_secret s;
	struct domain *d;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = lsa_secret_name_check(c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	rc = lsa_secret_get(d, c->args[1], &s, &ei);
	if (rc == ERR_NOTFOUND)
		return cli_err(c, "domain %s has no LSA secret %s", d->rec.name,
			       c->args[1]);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "Secret %s on the %s PDC%s\n", s.name, d->rec.name,
		  c->show_secrets ? "" : " (values hidden; --show-secrets)");
	cli_json_set(c, "domain", json_string(d->rec.name));
	cli_json_set(c, "secret", json_string(s.name));
	cli_json_set(c, "current",
		     cmd_secret_value(c, "CurrentValue", s.has_cur, s.cur,
				      s.cur_len, s.cur_time));
	cli_json_set(c, "old",
		     cmd_secret_value(c, "OldValue", s.has_old, s.old,
				      s.old_len, s.old_time));
	rec_secret_wipe(&s);
	return CLI_OK;
}

int
cmd_secret_set(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1], what[200];
	struct rec_secret old;
	uint8_t *v = NULL;
	size_t n = 0;
	struct domain *d;
	struct errinfo ei;
	int rc, existed = 0;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = lsa_secret_name_check(c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	snprintf(what, sizeof(what), "secret %s on %s", c->args[1],
		 d->rec.name);
	if ((rc = cli_password_get(c, what, 1, pw, sizeof(pw))) != CLI_OK)
		return rc;
	rc = utf8_to_utf16(&v, &n, pw, strlen(pw), &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_usage_err(c, "value of %s: %s", what, ei.msg);
	if ((rc = domain_begin(d, &ei)) == 0) {
		existed = lsa_secret_get(d, c->args[1], &old, &ei) == 0;
		rec_secret_wipe(&old);
		rc = lsa_secret_set(d, c->args[1], v, n, lab_now(c->lab), &ei);
		if (rc == 0)
			rc = domain_commit(d, &ei);
		else
			domain_cancel(d);
	}
	crypto_wipe(v, n);
	free(v);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "%s %s%s\n", existed ? "Set" : "Created", what,
		  existed ? " (the previous current value is now the old "
			    "value)" :
			    "");
	cli_json_set(c, "secret", json_string(c->args[1]));
	return CLI_OK;
}

int
cmd_secret_delete(struct cli *c)
{
	struct domain *d;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = lsa_secret_name_check(c->args[1], &ei)) != 0 ||
	    (rc = domain_begin(d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	rc = lsa_secret_delete(d, c->args[1], &ei);
	if (rc != 0) {
		domain_cancel(d);
		if (rc == ERR_NOTFOUND)
			return cli_err(c, "domain %s has no LSA secret %s",
				       d->rec.name, c->args[1]);
		return cli_fail(c, rc, &ei);
	}
	if ((rc = domain_commit(d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "Deleted secret %s on %s\n", c->args[1], d->rec.name);
	cli_json_set(c, "deleted", json_string(c->args[1]));
	return CLI_OK;
}

int
cmd_trust_list(struct cli *c)
{
	struct trust_pair *v = NULL;
	struct errinfo ei;
	size_t n = 0, i;
	json_t *arr;
	int rc;

	err_clear(&ei);
	rc = trust_list(c->lab, c->nargs > 0 ? c->args[0] : NULL, &v, &n, &ei);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	arr = json_array();
	if (n == 0)
		cli_print(c, "No trusts%s%s\n",
			  c->nargs > 0 ? " involving " : "",
			  c->nargs > 0 ? c->args[0] : "");
	for (i = 0; i < n; i++) {
		const struct trust_pair *p = &v[i];

		cli_print(c, "%-15s -> %-15s  %s\n", p->trusting, p->trusted,
			  trust_pair_state(p));
		if (c->verbose)
			cli_print(c,
				  "    users of %s can use resources in %s "
				  "only when both halves are present and "
				  "agree\n",
				  p->trusted, p->trusting);
		json_array_append_new(
			arr,
			json_pack("{s:s,s:s,s:s,s:b,s:b,s:b}", "trusting",
				  p->trusting, "trusted", p->trusted, "state",
				  trust_pair_state(p), "trusted_domain_entry",
				  p->has_tdo, "trust_secret", p->has_secret,
				  "trust_account", p->has_account));
	}
	free(v);
	cli_json_set(c, "trusts", arr);
	return CLI_OK;
}

int
cmd_trust_verify(struct cli *c)
{
	char trusted[NAMES_NETBIOS_MAX + 1], trusting[NAMES_NETBIOS_MAX + 1];
	char fl[96], st[64];
	struct trust_verify_result res;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = trust_verify(c->lab, c->args[0], c->args[1], &res, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(trusting, sizeof(trusting), c->args[0]);
	(void)names_upper(trusted, sizeof(trusted), c->args[1]);
	cli_status_set(c, res.status);
	cli_json_set(c, "trusting", json_string(trusting));
	cli_json_set(c, "trusted", json_string(trusted));
	cli_json_set(c, "status", cli_json_status(res.status));
	if (res.status == 0) {
		netlogon_flags_describe(res.flags, fl, sizeof(fl));
		cli_print(c,
			  "Secure channel %s -> %s: OK (%s%s)\nUsers of %s can "
			  "use resources in %s.\n",
			  trusting, trusted, fl,
			  res.used_old ? "; the secret's OldValue matched, not "
					 "CurrentValue" :
					 "",
			  trusted, trusting);
		cli_json_set(c, "netlogon_flags", json_integer(res.flags));
		cli_json_set(c, "matched",
			     json_string(res.used_old ? "old" : "current"));
		return CLI_OK;
	}
	cli_print(c, "Secure channel %s -> %s: FAILED\n", trusting, trusted);
	cli_status_print(c, "  status ", res.status);
	if (res.cause.status != 0)
		cli_print(c, "  cause  %s from %s\n",
			  cli_status_str(res.cause.status, st, sizeof(st)),
			  res.cause.where);
	if (res.cause.why[0] != '\0')
		cli_print(c, "         %s\n", res.cause.why);
	cli_print(c, "Users of %s cannot use resources in %s.\n", trusted,
		  trusting);
	cli_json_set(c, "cause",
		     json_pack("{s:o,s:s,s:s}", "status",
			       cli_json_status(res.cause.status), "where",
			       res.cause.where, "why", res.cause.why));
	return CLI_FAIL;
}

int
cmd_status_explain(struct cli *c)
{
	const struct ntstatus_info *i;
	char hex[16];

	if (c->nargs == 2)
		return cmd_trust_explain_pair(c);
	i = ntstatus_parse(c->args[0]);
	if (i == NULL)
		return cli_usage_err(c, "unknown status '%s'", c->args[0]);
	snprintf(hex, sizeof(hex), "0x%08X", i->code);
	cli_print(c,
		  "%s (%s)\n  NTSTATUS text: %s\n  Windows error %u (%s): "
		  "%s\n",
		  i->name, hex, i->nt_text, i->win32, i->win32_name,
		  i->win32_text);
	cli_json_set(c, "status", cli_json_status(i->code));
	return CLI_OK;
}
