/*
 * tools/cmd_adtrust.c - the lab side of AD trusts beyond the password:
 * nt4trust allow-auth DOMAIN DOMAIN\USER COMPUTER:
 * the "Allowed to Authenticate" right a user of a trusted domain needs on
 * a computer of DOMAIN when DOMAIN trusts the user's domain with selective
 * authentication ([MS-ADTS] 6.1.6.7.9 TRUST_ATTRIBUTE_CROSS_ORGANIZATION;
 * without it the logon answers STATUS_AUTHENTICATION_FIREWALL_FAILED).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "common/names.h"
#include "common/sid.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"

int
cmd_allow_auth(struct cli *c)
{
	char udom[NAMES_NETBIOS_MAX + 1];
	const char *bs = strchr(c->args[1], '\\'), *user;
	struct domain *d = NULL;
	struct errinfo ei;
	size_t n;
	int r;

	err_clear(&ei);
	if (bs == NULL || bs == c->args[1] || bs[1] == '\0')
		return cli_usage_err(c,
				     "user %s: expected DOMAIN\\USER (the "
				     "user's domain, a backslash, the user)",
				     c->args[1]);
	n = (size_t)(bs - c->args[1]);
	if (n >= sizeof(udom))
		return cli_usage_err(c,
				     "user %s: domain name longer than %d "
				     "characters",
				     c->args[1], NAMES_NETBIOS_MAX);
	memcpy(udom, c->args[1], n);
	udom[n] = '\0';
	user = bs + 1;
	if ((r = lab_domain(c->lab, c->args[0], &d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if (names_equal(udom, d->rec.name))
		return cli_usage_err(c,
				     "%s is a user of %s itself: the right is "
				     "for users of a trusted domain",
				     c->args[1], d->rec.name);
	if ((r = domain_begin(d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if ((r = lsa_allow_auth_add(d, c->args[2], udom, user, &ei)) != 0) {
		domain_cancel(d);
		return cli_fail(c, r, &ei);
	}
	if ((r = domain_commit(d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	cli_print(c, "%s\\%s is allowed to authenticate to %s (domain %s)\n",
		  udom, user, c->args[2], d->rec.name);
	cli_json_set(c, "domain", json_string(d->rec.name));
	cli_json_set(c, "user", json_string(c->args[1]));
	cli_json_set(c, "computer", json_string(c->args[2]));
	return CLI_OK;
}

/*
 * nt4trust user sid-history DOMAIN USER SID: add SID (an account SID the
 * user had in another domain, as an ADMT migration leaves it) to the
 * user's sIDHistory; it travels in the user's logons as an extra SID and
 * is removed by SID filtering across a quarantined AD trust.
 */
int
cmd_user_sid_history(struct cli *c)
{
	struct domain *d = NULL;
	struct errinfo ei;
	struct sid sid;
	int r;

	err_clear(&ei);
	if ((r = sid_parse(&sid, c->args[2], &ei)) != 0)
		return cli_usage_err(c, "SID %s: %s", c->args[2], ei.msg);
	if ((r = lab_domain(c->lab, c->args[0], &d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if ((r = domain_begin(d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if ((r = sam_sid_history_add(d, c->args[1], &sid, &ei)) != 0) {
		domain_cancel(d);
		return cli_fail(c, r, &ei);
	}
	if ((r = domain_commit(d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	cli_print(c, "%s\\%s: sIDHistory has %s\n", d->rec.name, c->args[1],
		  c->args[2]);
	cli_json_set(c, "domain", json_string(d->rec.name));
	cli_json_set(c, "user", json_string(c->args[1]));
	cli_json_set(c, "sid", json_string(c->args[2]));
	return CLI_OK;
}

/*
 * nt4trust trust explain TRUSTING TRUSTED: what the trust between two lab
 * domains is and does, in plain words: NT4 or AD (after migrate --apply),
 * who reaches what, and for an AD trust what quarantine (SID filtering,
 * [MS-PAC] 4.1.2.2) and selective authentication mean for its users.
 */
int
cmd_trust_explain_pair(struct cli *c)
{
	struct domain *t = NULL, *d = NULL;
	struct rec_adtdo ad;
	struct rec_tdo tdo;
	struct errinfo ei;
	int r, quarantined, selective;

	err_clear(&ei);
	/* trust explain STATUS needs no lab; this form opens it (closed by
	 * cli_run) */
	if (c->lab == NULL && (r = lab_open(&c->lab, c->lab_dir, 0, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if ((r = lab_domain(c->lab, c->args[0], &t, &ei)) != 0 ||
	    (r = lab_domain(c->lab, c->args[1], &d, &ei)) != 0)
		return cli_fail(c, r, &ei);
	r = lsa_adtdo_get(t, d->rec.name, &ad, &ei);
	if (r != 0 && r != ERR_NOTFOUND)
		return cli_fail(c, r, &ei);
	if (r == 0 && (ad.direction & 2u)) {
		quarantined = (ad.attributes & 0x4u) != 0;
		selective = (ad.attributes & 0x10u) != 0;
		cli_print(c,
			  "%s trusts %s: an AD external trust (migrated; "
			  "trustDirection %u, trustType %u, trustAttributes "
			  "0x%08x on %s's object for %s).\n"
			  "Users of %s can use resources in %s.\n",
			  t->rec.name, d->rec.name, ad.direction, ad.type,
			  ad.attributes, t->rec.name, ad.dns, d->rec.name,
			  t->rec.name);
		if (quarantined)
			cli_print(c,
				  "Quarantined (SID filtering): %s keeps only "
				  "SIDs of %s itself in the logons of %s's "
				  "users; SIDs of other domains in a user's "
				  "sIDHistory are filtered, so rights granted "
				  "to a user's SID from an old domain do not "
				  "work across this trust.\n",
				  t->rec.name, d->rec.name, d->rec.name);
		else
			cli_print(c,
				  "Not quarantined: the SIDs in a user's "
				  "sIDHistory pass, so rights granted to a "
				  "user's SID from an old domain keep "
				  "working (what SID history migrations need; "
				  "any SID %s's administrators put there "
				  "passes too).\n",
				  d->rec.name);
		if (selective)
			cli_print(c,
				  "Selective authentication: a user of %s "
				  "must be allowed to authenticate to each "
				  "computer of %s it uses (nt4trust "
				  "allow-auth %s '%s\\USER' COMPUTER), else "
				  "STATUS_AUTHENTICATION_FIREWALL_FAILED.\n",
				  d->rec.name, t->rec.name, t->rec.name,
				  d->rec.name);
		else
			cli_print(c,
				  "Domain-wide authentication: every user of "
				  "%s can authenticate to every computer of "
				  "%s.\n",
				  d->rec.name, t->rec.name);
		cli_json_set(c, "kind", json_string("ad"));
		cli_json_set(c, "quarantined", json_boolean(quarantined));
		cli_json_set(c, "selective_authentication",
			     json_boolean(selective));
		cli_json_set(c, "trustAttributes",
			     json_integer((json_int_t)ad.attributes));
		rec_adtdo_wipe(&ad);
		return CLI_OK;
	}
	rec_adtdo_wipe(&ad);
	r = lsa_tdo_get(t, d->rec.name, &tdo, &ei);
	if (r == ERR_NOTFOUND)
		return cli_err(c,
			       "%s does not trust %s (no trusted-domain entry, "
			       "NT4 or AD; see nt4trust trust diagnose %s %s)",
			       t->rec.name, d->rec.name, t->rec.name,
			       d->rec.name);
	if (r != 0)
		return cli_fail(c, r, &ei);
	cli_print(c,
		  "%s trusts %s: an NT4 trust (a trusted-domain entry and "
		  "the secret G$$%s on %s, the account %s$ on %s).\n"
		  "Users of %s can use resources in %s. NT4 trusts filter no "
		  "SIDs and know no selective authentication; "
		  "nt4trust migrate %s %s makes it an AD external trust.\n",
		  t->rec.name, d->rec.name, d->rec.name, t->rec.name,
		  t->rec.name, d->rec.name, d->rec.name, t->rec.name,
		  t->rec.name, d->rec.name);
	cli_json_set(c, "kind", json_string("nt4"));
	return CLI_OK;
}
