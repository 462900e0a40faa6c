/*
 * tools/cmd_domain.c - nt4trust domain create|list|show|delete: the lab's
 * emulated PDCs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/names.h"
#include "common/nlcrypto.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/netlogon.h"
#include "nt4/sam.h"

static int
cmd_parse_flavor(struct cli *c, uint32_t *flavor)
{
	*flavor = REC_FLAVOR_NT4;
	if (c->flavor == NULL || strcmp(c->flavor, "nt4") == 0)
		return CLI_OK;
	if (strcmp(c->flavor, "samba") == 0) {
		*flavor = REC_FLAVOR_SAMBA;
		return CLI_OK;
	}
	return cli_usage_err(c, "unknown flavor '%s' (nt4 or samba)",
			     c->flavor);
}

static int
cmd_parse_netlogon(struct cli *c, uint32_t *caps)
{
	*caps = 0; /* the flavor's default */
	if (c->netlogon == NULL)
		return CLI_OK;
	if (strcmp(c->netlogon, "strong") == 0) {
		*caps = DOMAIN_NL_CAPS_DEFAULT;
		return CLI_OK;
	}
	if (strcmp(c->netlogon, "classic") == 0) {
		*caps = DOMAIN_NL_CAPS_CLASSIC;
		return CLI_OK;
	}
	if (strcmp(c->netlogon, "aes") == 0) {
		*caps = DOMAIN_NL_CAPS_AES;
		return CLI_OK;
	}
	return cli_usage_err(c,
			     "unknown --netlogon '%s' (classic, strong or aes)",
			     c->netlogon);
}

static json_t *
cmd_domain_json(const struct domain *d)
{
	return json_pack("{s:s,s:o,s:s,s:s,s:I,s:I}", "name", d->rec.name,
			 "sid", cli_sid_json(&d->rec.sid), "pdc", d->rec.pdc,
			 "flavor", domain_flavor_name(d->rec.flavor),
			 "netlogon_flags", (json_int_t)d->rec.nl_caps,
			 "next_rid", (json_int_t)d->rec.next_rid);
}

int
cmd_domain_create(struct cli *c)
{
	struct domain_opts o;
	struct domain *d = NULL;
	struct errinfo ei;
	struct sid sid;
	char sidbuf[SID_STR_MAX], fl[96];
	int rc;

	memset(&o, 0, sizeof(o));
	err_clear(&ei);
	if ((rc = cmd_parse_flavor(c, &o.flavor)) != CLI_OK ||
	    (rc = cmd_parse_netlogon(c, &o.nl_caps)) != CLI_OK)
		return rc;
	if (c->sid != NULL) {
		if ((rc = sid_parse(&sid, c->sid, &ei)) != 0)
			return cli_usage_err(c, "%s", ei.msg);
		o.sid = &sid;
	}
	o.pdc = c->pdc;
	rc = domain_create(c->lab, c->args[0], &o, &d, &ei);
	if (rc != 0)
		return cli_fail(c, rc, &ei);
	sid_format(&d->rec.sid, sidbuf, sizeof(sidbuf));
	netlogon_flags_describe(d->rec.nl_caps, fl, sizeof(fl));
	cli_print(c,
		  "Created domain %s\n  SID       %s\n  PDC       %s\n"
		  "  flavor    %s\n  Netlogon  %s\n",
		  d->rec.name, sidbuf, d->rec.pdc,
		  domain_flavor_name(d->rec.flavor), fl);
	cli_json_set(c, "domain", cmd_domain_json(d));
	return CLI_OK;
}

struct cmd_count {
	size_t users, trust_accounts, tdos, secrets;
};

static int
cmd_count_account(const struct rec_account *a, void *arg)
{
	struct cmd_count *n = arg;

	if (a->acb & SAM_ACB_DOMTRUST)
		n->trust_accounts++;
	else
		n->users++;
	return 0;
}

int
cmd_domain_list(struct cli *c)
{
	struct errinfo ei;
	struct domain *d;
	struct cmd_count n;
	char **names = NULL, sidbuf[SID_STR_MAX];
	size_t nn = 0, i;
	json_t *arr = json_array();
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain_names(c->lab, &names, &nn, &ei)) != 0) {
		json_decref(arr);
		return cli_fail(c, rc, &ei);
	}
	if (nn == 0)
		cli_print(c, "No domains in lab %s\n", lab_dir(c->lab));
	else
		cli_print(c, "%-15s  %-44s  %-15s  %-6s  %s\n", "DOMAIN", "SID",
			  "PDC", "FLAVOR", "ACCOUNTS");
	for (i = 0; i < nn; i++) {
		memset(&n, 0, sizeof(n));
		if ((rc = lab_domain(c->lab, names[i], &d, &ei)) != 0 ||
		    (rc = sam_account_list(d, cmd_count_account, &n, &ei)) !=
			    0) {
			lab_names_free(names, nn);
			json_decref(arr);
			return cli_fail(c, rc, &ei);
		}
		sid_format(&d->rec.sid, sidbuf, sizeof(sidbuf));
		cli_print(c, "%-15s  %-44s  %-15s  %-6s  %zu\n", d->rec.name,
			  sidbuf, d->rec.pdc, domain_flavor_name(d->rec.flavor),
			  n.users + n.trust_accounts);
		json_array_append_new(arr, cmd_domain_json(d));
	}
	lab_names_free(names, nn);
	cli_json_set(c, "domains", arr);
	return CLI_OK;
}

struct cmd_show {
	struct cli *c;
	json_t *arr;
};

static int
cmd_show_tdo(const struct rec_tdo *t, void *arg)
{
	struct cmd_show *s = arg;
	char sidbuf[SID_STR_MAX];

	sid_format(&t->sid, sidbuf, sizeof(sidbuf));
	cli_print(s->c, "    %-15s %s\n", t->name, sidbuf);
	json_array_append_new(s->arr, json_pack("{s:s,s:o}", "name", t->name,
						"sid", cli_sid_json(&t->sid)));
	return 0;
}

static int
cmd_show_trustacct(const struct rec_account *a, void *arg)
{
	struct cmd_show *s = arg;

	if (!(a->acb & SAM_ACB_DOMTRUST))
		return 0;
	cli_print(s->c, "    %-15s (RID %u)\n", a->name, a->rid);
	json_array_append_new(s->arr, json_pack("{s:s,s:I}", "account", a->name,
						"rid", (json_int_t)a->rid));
	return 0;
}

int
cmd_domain_show(struct cli *c)
{
	struct errinfo ei;
	struct domain *d;
	struct cmd_count n;
	struct cmd_show s;
	char sidbuf[SID_STR_MAX], fl[96], tbuf[40];
	json_t *obj;
	int rc;

	err_clear(&ei);
	memset(&n, 0, sizeof(n));
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = sam_account_list(d, cmd_count_account, &n, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	sid_format(&d->rec.sid, sidbuf, sizeof(sidbuf));
	netlogon_flags_describe(d->rec.nl_caps, fl, sizeof(fl));
	cli_print(c,
		  "Domain %s\n  SID          %s\n  PDC          %s\n"
		  "  flavor       %s\n  Netlogon     %s\n  created      %s\n"
		  "  accounts     %zu users, %zu interdomain trust accounts\n"
		  "  next RID     %u\n",
		  d->rec.name, sidbuf, d->rec.pdc,
		  domain_flavor_name(d->rec.flavor), fl,
		  cli_time(d->rec.created, tbuf, sizeof(tbuf)), n.users,
		  n.trust_accounts, d->rec.next_rid);
	obj = cmd_domain_json(d);
	s.c = c;
	s.arr = json_array();
	cli_print(c, "  trusts (trusted domains of %s):\n", d->rec.name);
	if ((rc = lsa_tdo_list(d, cmd_show_tdo, &s, &ei)) != 0) {
		json_decref(s.arr);
		json_decref(obj);
		return cli_fail(c, rc, &ei);
	}
	json_object_set_new(obj, "trusted_domains", s.arr);
	s.arr = json_array();
	cli_print(c, "  permits (domains allowed to trust %s):\n", d->rec.name);
	if ((rc = sam_account_list(d, cmd_show_trustacct, &s, &ei)) != 0) {
		json_decref(s.arr);
		json_decref(obj);
		return cli_fail(c, rc, &ei);
	}
	json_object_set_new(obj, "trust_accounts", s.arr);
	cli_json_set(c, "domain", obj);
	return CLI_OK;
}

int
cmd_domain_delete(struct cli *c)
{
	struct errinfo ei;
	char up[NAMES_NETBIOS_MAX + 1];
	int rc;

	err_clear(&ei);
	if ((rc = names_domain_check(c->args[0], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(up, sizeof(up), c->args[0]);
	if ((rc = domain_delete(c->lab, c->args[0], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	cli_print(c,
		  "Deleted domain %s (trusts other domains hold with it are "
		  "now broken on their side)\n",
		  up);
	cli_json_set(c, "deleted", json_string(up));
	return CLI_OK;
}

static int
cmd_domain_reach(struct cli *c, int offline)
{
	struct domain *d = NULL;
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0 ||
	    (rc = lab_set_offline(c->lab, d->rec.name, offline, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	if (offline)
		cli_print(c,
			  "The %s PDC (%s) is offline: nothing reaches it over "
			  "the network; its database can still be "
			  "administered.\n",
			  d->rec.name, d->rec.pdc);
	else
		cli_print(c, "The %s PDC (%s) is back online.\n", d->rec.name,
			  d->rec.pdc);
	cli_json_set(c, "domain", json_string(d->rec.name));
	cli_json_set(c, "online", json_boolean(!offline));
	return CLI_OK;
}

int
cmd_domain_offline(struct cli *c)
{
	return cmd_domain_reach(c, 1);
}

int
cmd_domain_online(struct cli *c)
{
	return cmd_domain_reach(c, 0);
}

int
cmd_domain_restart(struct cli *c)
{
	struct domain *d = NULL;
	struct errinfo ei;
	size_t n;
	int rc;

	err_clear(&ei);
	if ((rc = lab_domain(c->lab, c->args[0], &d, &ei)) != 0)
		return cli_fail(c, rc, &ei);
	n = lab_channel_drop_domain(c->lab, d->rec.name);
	cli_print(c,
		  "Restarted the %s PDC (%s): it forgot %zu secure channel "
		  "state%s; the next logon or password change sets them up "
		  "again.\n",
		  d->rec.name, d->rec.pdc, n, n == 1 ? "" : "s");
	cli_json_set(c, "domain", json_string(d->rec.name));
	cli_json_set(c, "channels_dropped", json_integer((json_int_t)n));
	return CLI_OK;
}

int
cmd_domain_backup(struct cli *c)
{
	char up[NAMES_NETBIOS_MAX + 1];
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = domain_backup(c->lab, c->args[0], c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(up, sizeof(up), c->args[0]);
	cli_print(c, "Backed up the %s PDC's database as %s.\n", up,
		  c->args[1]);
	cli_json_set(c, "backup", json_string(c->args[1]));
	return CLI_OK;
}

int
cmd_domain_restore(struct cli *c)
{
	char up[NAMES_NETBIOS_MAX + 1];
	struct errinfo ei;
	int rc;

	err_clear(&ei);
	if ((rc = domain_restore(c->lab, c->args[0], c->args[1], &ei)) != 0)
		return cli_fail(c, rc, &ei);
	(void)names_upper(up, sizeof(up), c->args[0]);
	cli_print(c,
		  "Restored the %s PDC's database from backup %s and restarted "
		  "the PDC (its secure channels are gone).\n",
		  up, c->args[1]);
	cli_json_set(c, "restored", json_string(c->args[1]));
	return CLI_OK;
}
