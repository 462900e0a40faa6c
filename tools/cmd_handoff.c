/*
 * tools/cmd_handoff.c - nt4trust handoff check FILE: for the partner's
 * administrator, what a hand-off file of `migrate --sides this` asks them
 * to create (the trusted domain object, [MS-ADTS] 6.1.6.7, and the trust
 * account an inbound direction needs), and whether the trust password
 * they were given is the one the other side set: the NT hash of each typed
 * password against that direction's PBKDF2 verifier
 * (docs/formats/handoff.md).  Reads the file only; changes nothing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/err.h"
#include "common/ntlm.h"
#include "common/sid.h"
#include "migrate/handoff.h"

static json_t *
cmd_handoff_dom_json(const struct adtrust_domain *d)
{
	return json_pack("{s:s,s:s,s:o}", "flat", d->flat, "dns", d->dns, "sid",
			 cli_sid_json(&d->sid));
}

/* what to create, in plain words */
static void
cmd_handoff_show(struct cli *c, const char *path, const struct handoff *h)
{
	const struct adtrust_domain *me = &h->create_on, *p = &h->partner;
	char sid[SID_STR_MAX];

	(void)sid_format(&p->sid, sid, sizeof(sid));
	cli_print(c,
		  "Hand-off %s, written on %s for the administrator of %s:\n",
		  path, p->flat, me->flat);
	cli_print(c, "  on %s (%s), create the trust with %s (%s, %s)\n",
		  me->flat, me->dns, p->flat, p->dns, sid);
	cli_print(c, "  trustDirection %lu (%s)", (unsigned long)h->direction,
		  adtrust_direction_name(h->direction));
	if (h->direction & ADTRUST_DIR_OUTBOUND)
		cli_print(c, ": %s trusts %s", me->flat, p->flat);
	if (h->direction & ADTRUST_DIR_INBOUND)
		cli_print(c, "%s %s trusts %s",
			  (h->direction & ADTRUST_DIR_OUTBOUND) ? " and" : ":",
			  p->flat, me->flat);
	cli_print(c, "\n  trustType %lu (uplevel), trustAttributes 0x%08lx%s\n",
		  (unsigned long)h->type, (unsigned long)h->attributes,
		  (h->attributes & ADTRUST_ATTR_QUARANTINED) ?
			  " (quarantined: SID filtering)" :
			  "");
	if (h->account_needed)
		cli_print(c, "  the interdomain trust account %s$ on %s\n",
			  p->flat, me->flat);
}

int
cmd_handoff_check(struct cli *c)
{
	char pw[4 * CLI_PASSWORD_MAX + 2], what[64], *text = NULL;
	uint8_t hash[16];
	struct handoff h;
	struct errinfo ei;
	json_t *checks = json_array();
	size_t len, i, bad = 0;
	int e, r;

	memset(&h, 0, sizeof(h));
	err_clear(&ei);
	switch (cli_file_read(c->args[0], HANDOFF_MAX_BYTES, &text, &len, &e)) {
	case CLI_FILE_OK:
		break;
	case CLI_FILE_OPEN:
	case CLI_FILE_READ:
		r = e == ENOENT ? cli_usage_err(c, "no hand-off file %s",
						c->args[0]) :
				  cli_err(c, "cannot read hand-off %s: %s",
					  c->args[0], strerror(e));
		goto out;
	case CLI_FILE_BIG:
		r = cli_usage_err(c, "hand-off %s is larger than %u bytes",
				  c->args[0], HANDOFF_MAX_BYTES);
		goto out;
	default:
		r = cli_err(c, "out of memory");
		goto out;
	}
	if ((r = handoff_parse(&h, (const uint8_t *)text, len, &ei)) != 0) {
		r = r == ERR_NOMEM ? cli_err(c, "out of memory") :
				     cli_usage_err(c, "hand-off %s: %s",
						   c->args[0], ei.msg);
		goto out;
	}
	cmd_handoff_show(c, c->args[0], &h);
	cli_json_set(c, "file", json_string(c->args[0]));
	cli_json_set(c, "create_on", cmd_handoff_dom_json(&h.create_on));
	cli_json_set(c, "partner", cmd_handoff_dom_json(&h.partner));
	cli_json_set(c, "trustDirection", json_integer(h.direction));
	cli_json_set(c, "direction",
		     json_string(adtrust_direction_name(h.direction)));
	cli_json_set(c, "trustType", json_integer(h.type));
	cli_json_set(c, "trustAttributes", json_integer(h.attributes));
	cli_json_set(c, "trust_account_needed", json_boolean(h.account_needed));
	for (i = 0; i < h.nver; i++) {
		const struct handoff_verifier *v = &h.ver[i];

		snprintf(what, sizeof(what), "the trust %s trusts %s",
			 v->trusting, v->trusted);
		if ((r = cli_password_get(c, what, 0, pw, sizeof(pw))) !=
		    CLI_OK)
			goto out;
		r = ntlm_nt_hash(pw, hash, &ei);
		crypto_wipe(pw, sizeof(pw));
		if (r == 0)
			r = handoff_verify(v, hash);
		crypto_wipe(hash, sizeof(hash));
		if (r != 0 && r != ERR_ACCESS) {
			r = cli_err(c, "cannot check the password for %s",
				    what);
			goto out;
		}
		cli_print(c, "Password for %s: %s\n", what,
			  r == 0 ? "matches the hand-off's verifier" :
				   "DOES NOT MATCH the hand-off's verifier");
		json_array_append_new(checks,
				      json_pack("{s:s,s:s,s:b}", "trusting",
						v->trusting, "trusted",
						v->trusted, "matches", r == 0));
		bad += r != 0;
	}
	cli_json_set(c, "passwords", json_incref(checks));
	if (bad == 0) {
		cli_print(c,
			  "Create the trust on %s with the password%s "
			  "typed.\n",
			  h.create_on.flat, h.nver > 1 ? "s" : "");
		r = CLI_OK;
	} else {
		cli_print(c,
			  "Ask the administrator of %s for the password "
			  "again: the two sides of a trust must hold the "
			  "same one.\n",
			  h.partner.flat);
		r = CLI_FAIL;
	}
out:
	json_decref(checks);
	crypto_wipe(&h, sizeof(h));
	free(text);
	return r;
}
