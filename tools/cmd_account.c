/*
 * tools/cmd_account.c - nt4trust user add|delete|disable|enable|
 * set-password and account list|show|set-flags: the SAM of an emulated PDC
 * (User Manager for Domains).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/sam.h"

static json_t *
cmd_account_json(struct cli *c, const struct domain *d,
		 const struct rec_account *a)
{
	char flags[16], hex[33];
	struct sid sid;
	json_t *o;

	sam_acb_format(a->acb, flags, sizeof(flags));
	(void)sid_compose(&sid, &d->rec.sid, a->rid);
	o = json_pack("{s:s,s:I,s:o,s:s,s:I,s:s,s:b,s:I}", "name", a->name,
		      "rid", (json_int_t)a->rid, "sid", cli_sid_json(&sid),
		      "flags", flags, "acb", (json_int_t)a->acb, "type",
		      sam_acb_type_name(a->acb), "disabled",
		      (a->acb & SAM_ACB_DISABLED) != 0, "password_last_set",
		      (json_int_t)a->pwd_last_set);
	if (c->show_secrets && a->has_nt) {
		hex_encode(a->nt_hash, 16, hex);
		json_object_set_new(o, "nt_hash", json_string(hex));
	}
	return o;
}

int
cmd_user_add(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 1], what[128];
	uint8_t nt[16];
	struct rec_account a;
	struct domain *d;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	memset(&a, 0, sizeof(a));
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = names_account_check(c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	snprintf(what, sizeof(what), "%s\\%s", d->rec.name, c->args[1]);
	if ((rc = cli_password_get(c, what, 1, pw, sizeof(pw))) != CLI_OK)
		return rc;
	/* The SAM keeps the NT hash only: no cleartext, no LM hash. */
	if ((rc = ntlm_nt_hash(pw, nt, &ei)) != 0) {
		crypto_wipe(pw, sizeof(pw));
		return cli_usage_err(c, "password for %s: %s", what, ei.msg);
	}
	crypto_wipe(pw, sizeof(pw));
	if ((rc = domain_begin(d, &ei)) == 0) {
		rc = sam_account_add(d, c->args[1], c->fullname, SAM_ACB_NORMAL,
				     nt, NULL, &a, &ei);
		if (rc == 0)
			rc = domain_commit(d, &ei);
		else
			domain_cancel(d);
	}
	crypto_wipe(nt, sizeof(nt));
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "Added user %s\\%s (RID %u)\n", d->rec.name, a.name,
		  a.rid);
	cli_json_set(c, "account", cmd_account_json(c, d, &a));
	rec_account_wipe(&a);
	return CLI_OK;
}

/* Load, change with fn, store: one transaction. */
static int
cmd_account_change(struct cli *c, const char *verb,
		   int (*fn)(struct cli *, struct rec_account *, void *),
		   void *arg)
{
	struct rec_account a;
	struct domain *d;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	if ((rc = domain_begin(d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	rc = sam_account_find(d, c->args[1], &a, &ei);
	if (rc == ERR_NOTFOUND) {
		domain_cancel(d);
		return cli_err(c, "domain %s has no account %s", d->rec.name,
			       c->args[1]);
	}
	if (rc != 0) {
		domain_cancel(d);
		return cli_fail(c, rc, &ei);
	}
	if ((rc = fn(c, &a, arg)) != CLI_OK) {
		domain_cancel(d);
		rec_account_wipe(&a);
		return rc;
	}
	if ((rc = sam_account_update(d, &a, &ei)) != 0 ||
	    (rc = domain_commit(d, &ei)) != 0) {
		domain_cancel(d);
		rec_account_wipe(&a);
		return cli_fail(c, rc, &ei);
	}
	cli_print(c, "%s %s\\%s\n", verb, d->rec.name, a.name);
	cli_json_set(c, "account", cmd_account_json(c, d, &a));
	rec_account_wipe(&a);
	return CLI_OK;
}

static int
cmd_set_disabled(struct cli *c, struct rec_account *a, void *arg)
{
	(void)c;
	if (*(int *)arg)
		a->acb |= SAM_ACB_DISABLED;
	else
		a->acb &= ~SAM_ACB_DISABLED;
	return CLI_OK;
}

int
cmd_user_disable(struct cli *c)
{
	int on = 1;

	return cmd_account_change(c, "Disabled", cmd_set_disabled, &on);
}

int
cmd_user_enable(struct cli *c)
{
	int on = 0;

	return cmd_account_change(c, "Enabled", cmd_set_disabled, &on);
}

static int
cmd_set_password(struct cli *c, struct rec_account *a, void *arg)
{
	char pw[4 * CLI_PASSWORD_MAX + 1], what[128];
	struct errinfo ei;
	int rc;

	(void)arg;
	err_clear(&ei);
	snprintf(what, sizeof(what), "%s\\%s", c->args[0], a->name);
	if ((rc = cli_password_get(c, what, 1, pw, sizeof(pw))) != CLI_OK)
		return rc;
	rc = ntlm_nt_hash(pw, a->nt_hash, &ei);
	crypto_wipe(pw, sizeof(pw));
	if (rc != 0)
		return cli_usage_err(c, "password for %s: %s", what, ei.msg);
	/* The NT hash only; an LM hash of an older password goes away. */
	a->has_nt = 1;
	a->has_lm = 0;
	crypto_wipe(a->lm_hash, sizeof(a->lm_hash));
	a->pwd_last_set = lab_now(c->lab);
	return CLI_OK;
}

int
cmd_user_set_password(struct cli *c)
{
	return cmd_account_change(c, "Set the password of", cmd_set_password,
				  NULL);
}

static int
cmd_set_flags(struct cli *c, struct rec_account *a, void *arg)
{
	(void)c;
	a->acb = *(uint32_t *)arg;
	return CLI_OK;
}

int
cmd_account_set_flags(struct cli *c)
{
	struct errinfo ei;
	uint32_t acb;
	int rc;

	err_clear(&ei);
	if ((rc = sam_acb_parse(c->args[2], &acb, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	if ((acb & SAM_ACB_TYPE_MASK) == 0)
		return cli_usage_err(c,
				     "account flags '%s' name no account type "
				     "(U user, I interdomain trust, W "
				     "workstation, S server, T temporary "
				     "duplicate, M MNS logon)",
				     c->args[2]);
	return cmd_account_change(c, "Set the flags of", cmd_set_flags, &acb);
}

int
cmd_user_delete(struct cli *c)
{
	struct domain *d;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = domain_begin(d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	rc = sam_account_delete(d, c->args[1], &ei);
	if (rc == 0)
		rc = domain_commit(d, &ei);
	else
		domain_cancel(d);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c, "Deleted account %s\\%s\n", d->rec.name, c->args[1]);
	cli_json_set(c, "deleted", json_string(c->args[1]));
	return CLI_OK;
}

struct cmd_list {
	struct cli *c;
	struct domain *d;
	json_t *arr;
};

static int
cmd_list_one(const struct rec_account *a, void *arg)
{
	struct cmd_list *l = arg;
	char flags[16], tbuf[40];

	sam_acb_format(a->acb, flags, sizeof(flags));
	cli_print(l->c, "%-6u  %-20s  %s  %-18s  %s\n", a->rid, a->name, flags,
		  sam_acb_type_name(a->acb),
		  cli_time(a->pwd_last_set, tbuf, sizeof(tbuf)));
	json_array_append_new(l->arr, cmd_account_json(l->c, l->d, a));
	return 0;
}

int
cmd_account_list(struct cli *c)
{
	struct cmd_list l;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	l.c = c;
	if ((rc = lab_domain(c->lab, c->args[0], &l.d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	l.arr = json_array();
	cli_print(c, "%-6s  %-20s  %-13s  %-18s  %s\n", "RID", "ACCOUNT",
		  "FLAGS", "TYPE", "PASSWORD SET");
	if ((rc = sam_account_list(l.d, cmd_list_one, &l, &ei)) != 0) {
		json_decref(l.arr);
		return cli_fail(c, rc, &ei);
	}
	cli_json_set(c, "accounts", l.arr);
	return CLI_OK;
}

int
cmd_account_show(struct cli *c)
{
	struct rec_account a;
	struct domain *d;
	struct errinfo ei;
	struct sid sid;
	char flags[16], tbuf[40], sidbuf[SID_STR_MAX], hex[33];
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	rc = sam_account_find(d, c->args[1], &a, &ei);
	if (rc == ERR_NOTFOUND)
		return cli_err(c, "domain %s has no account %s", d->rec.name,
			       c->args[1]);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	sam_acb_format(a.acb, flags, sizeof(flags));
	(void)sid_compose(&sid, &d->rec.sid, a.rid);
	sid_format(&sid, sidbuf, sizeof(sidbuf));
	cli_print(c,
		  "Account %s\\%s\n  RID           %u\n  SID           %s\n"
		  "  flags         %s (0x%08X)\n  type          %s\n"
		  "  password set  %s\n",
		  d->rec.name, a.name, a.rid, sidbuf, flags, a.acb,
		  sam_acb_type_name(a.acb),
		  cli_time(a.pwd_last_set, tbuf, sizeof(tbuf)));
	if (a.fullname[0] != '\0')
		cli_print(c, "  full name     %s\n", a.fullname);
	if (c->show_secrets && a.has_nt) {
		hex_encode(a.nt_hash, 16, hex);
		cli_print(c, "  NT hash       %s\n", hex);
	} else {
		cli_print(c, "  NT hash       %s\n",
			  a.has_nt ? "(hidden; --show-secrets)" : "none");
	}
	cli_json_set(c, "account", cmd_account_json(c, d, &a));
	rec_account_wipe(&a);
	return CLI_OK;
}
