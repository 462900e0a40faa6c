/*
 * tools/cmd_migrate.c - nt4trust migrate DOMAIN PARTNER: the NT4 trusts
 * between two lab domains carried over to an AD external trust, with the
 * New Trust Wizard's choices as options (migrate/adtrust.h), written as a
 * summary, LDIF, netdom, samba-tool, PowerShell or JSON
 * (migrate/adtrust_out.h).  With --sides this and --out-dir, also a
 * hand-off file for the partner's administrator: names, SIDs, direction,
 * attributes and a verifier of each password, never a password.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/rng.h"
#include "common/sid.h"
#include "common/utf16.h"
#include "common/wbuf.h"
#include "migrate/adtrust.h"
#include "migrate/adtrust_lab.h"
#include "migrate/adtrust_out.h"
#include "migrate/handoff.h"
#include "nt4/lab.h"
#include "nt4/rotate.h"

#define CMD_MIGRATE_OUT_MAX (1024 * 1024)
#define CMD_MIGRATE_PBKDF2_ITER 100000u

#define FMT_SUMMARY CLI_FMT_SUMMARY
#define FMT_LDIF CLI_FMT_LDIF
#define FMT_NETDOM CLI_FMT_NETDOM
#define FMT_SAMBATOOL CLI_FMT_SAMBATOOL
#define FMT_POWERSHELL CLI_FMT_POWERSHELL
#define FMT_JSON CLI_FMT_JSON

int
cli_migrate_common(struct cli *c, int *fmt, int *dialect, int *selective)
{
	static const char *names[] = { "summary",    "ldif",	   "netdom",
				       "samba-tool", "powershell", "json" };
	size_t i;

	for (i = 0; i < (size_t)c->ndns; i++) {
		const char *eq = strchr(c->dns_names[i], '=');

		if (eq == NULL || eq == c->dns_names[i] || eq[1] == '\0')
			return cli_usage_err(c,
					     "--dns-name %s: expected "
					     "DOMAIN=FQDN, e.g. "
					     "ACCOUNTS=accounts.example.com",
					     c->dns_names[i]);
	}
	*selective = c->auth != NULL && strcmp(c->auth, "selective") == 0;
	if (c->auth != NULL && !*selective &&
	    strcmp(c->auth, "domain-wide") != 0)
		return cli_usage_err(c,
				     "--auth %s: expected domain-wide or "
				     "selective",
				     c->auth);
	*fmt = c->format == NULL ? CLI_FMT_SUMMARY : -1;
	for (i = 0; c->format != NULL && i < sizeof(names) / sizeof(names[0]);
	     i++)
		if (strcmp(c->format, names[i]) == 0)
			*fmt = (int)i;
	if (*fmt < 0)
		return cli_usage_err(c,
				     "--format %s: expected summary, ldif, "
				     "netdom, samba-tool, powershell or json",
				     c->format);
	if (c->json)
		*fmt = CLI_FMT_JSON;
	if (*fmt == CLI_FMT_JSON && c->out == NULL) {
		/* --format json is --json: one document on stdout */
		c->json = 1;
		c->out = json_object();
	}
	*dialect = ADTRUST_LDIF_WINDOWS;
	if (c->ldif_dialect != NULL &&
	    (*dialect = adtrust_ldif_dialect_parse(c->ldif_dialect)) < 0)
		return cli_usage_err(c,
				     "--ldif-dialect %s: expected windows or "
				     "samba",
				     c->ldif_dialect);
	return CLI_OK;
}

const char *
cli_migrate_dns(const struct cli *c, const char *domain)
{
	int i;

	for (i = 0; i < c->ndns; i++) {
		const char *eq = strchr(c->dns_names[i], '=');
		char name[NAMES_NETBIOS_MAX + 1];
		size_t n;

		if (eq == NULL)
			continue;
		n = (size_t)(eq - c->dns_names[i]);
		if (n == 0 || n >= sizeof(name))
			continue;
		memcpy(name, c->dns_names[i], n);
		name[n] = '\0';
		if (names_equal(name, domain))
			return eq + 1;
	}
	return NULL;
}

/* The options, checked: 0, or the exit status after the message. */
static int
cmd_migrate_opts(struct cli *c, struct adtrust_opts *o, int *fmt, int *dialect)
{
	int rc;

	memset(o, 0, sizeof(*o));
	o->both_sides = 1;
	if ((rc = cli_migrate_common(c, fmt, dialect, &o->selective)) != CLI_OK)
		return rc;
	if (c->direction == NULL)
		o->direction = ADTRUST_AS_NT4;
	else if (strcmp(c->direction, "two-way") == 0)
		o->direction = ADTRUST_TWO_WAY;
	else if (strcmp(c->direction, "incoming") == 0)
		o->direction = ADTRUST_INCOMING;
	else if (strcmp(c->direction, "outgoing") == 0)
		o->direction = ADTRUST_OUTGOING;
	else
		return cli_usage_err(c,
				     "--direction %s: expected two-way, "
				     "incoming or outgoing",
				     c->direction);
	if (c->sides != NULL && strcmp(c->sides, "this") == 0)
		o->both_sides = 0;
	else if (c->sides != NULL && strcmp(c->sides, "both") != 0)
		return cli_usage_err(c, "--sides %s: expected this or both",
				     c->sides);
	o->no_quarantine = c->no_quarantine;
	if (*fmt == FMT_LDIF && c->out_dir == NULL && c->side == NULL)
		return cli_usage_err(c, "--format ldif needs --out-dir DIR (a "
					"file per domain) or --side DOMAIN "
					"(one to stdout)");
	if (c->generate && (c->password != NULL || c->password_file != NULL))
		return cli_usage_err(c, "give --generate or a password option, "
					"not both");
	return 0;
}

/* The new password as UTF-16LE (*pw16 malloc'd), or none. */
static int
cmd_migrate_password(struct cli *c, uint8_t **pw16, size_t *len, int *generated)
{
	char pw[4 * CLI_PASSWORD_MAX + 1];
	struct errinfo ei;
	struct rng rng;
	int rc = CLI_OK;

	*pw16 = NULL;
	*len = 0;
	*generated = 0;
	err_clear(&ei);
	if (c->generate) {
		rng_init_os(&rng);
		if (rotate_password_new(&rng, pw, sizeof(pw)) != 0)
			rc = cli_err(c, "the OS random generator failed");
		rng_wipe(&rng);
		*generated = 1;
	} else if (c->password != NULL || c->password_file != NULL) {
		rc = cli_password_get(c, "the new AD trust password", 1, pw,
				      sizeof(pw));
		*generated = c->password_generated; /* --wizard: "g" */
	} else {
		return CLI_OK; /* carry the NT4 passwords over */
	}
	if (rc == CLI_OK && utf8_to_utf16(pw16, len, pw, strlen(pw), &ei) != 0)
		rc = cli_fail(c, ERR_INVALID, &ei);
	crypto_wipe(pw, sizeof(pw));
	return rc;
}

/* The NT4 trusts refused for migration (broken), unless allowed. */
static int
cmd_migrate_broken(struct cli *c, const struct adtrust_input *in)
{
	int i, bad = 0;

	for (i = 0; i < 2; i++) {
		const struct adtrust_nt4 *t = &in->nt4[i];

		if (!t->present || t->healthy)
			continue;
		if (c->include_broken)
			continue;
		fprintf(stderr,
			"%s: the NT4 trust %s -> %s is %s: repair it first "
			"(nt4trust trust repair %s %s), or give "
			"--include-broken and a new password\n",
			c->prog, in->dom[i].flat, in->dom[1 - i].flat,
			t->verdict, in->dom[i].flat, in->dom[1 - i].flat);
		bad = 1;
	}
	return bad ? CLI_FAIL : CLI_OK;
}

static const char *
cmd_migrate_entry_word(const struct trustauth_entry *e)
{
	return trustauth_type_name(e->type);
}

static uint64_t
cmd_migrate_unix(uint64_t filetime)
{
	uint64_t s = filetime / 10000000ULL;

	return s > ADTRUST_FILETIME_OFFSET ? s - ADTRUST_FILETIME_OFFSET : 0;
}

static json_t *
cmd_migrate_blob_json(const struct cli *c, const struct trustauth_blob *b)
{
	json_t *o = json_object(), *cur = json_array(), *prev = json_array();
	size_t i;

	for (i = 0; i < b->count + b->nprev; i++) {
		const struct trustauth_entry *e =
			i < b->count ? &b->cur[i] : &b->prev[i - b->count];
		json_t *x = json_pack("{s:s,s:I,s:I}", "type",
				      trustauth_type_name(e->type), "time",
				      (json_int_t)e->time, "length",
				      (json_int_t)e->len);
		char hex[2 * TRUSTAUTH_CLEAR_MAX + 1];

		if (c->show_secrets) {
			hex_encode(e->info, e->len, hex);
			json_object_set_new(x, "value", json_string(hex));
			crypto_wipe(hex, sizeof(hex));
		}
		json_array_append_new(i < b->count ? cur : prev, x);
	}
	json_object_set_new(o, "current", cur);
	json_object_set_new(o, "previous", prev);
	return o;
}

static json_t *
cmd_migrate_dom_json(const struct adtrust_domain *d)
{
	return json_pack("{s:s,s:s,s:o}", "flat", d->flat, "dns", d->dns, "sid",
			 cli_sid_json(&d->sid));
}

static json_t *
cmd_migrate_json(const struct cli *c, const struct adtrust_model *m)
{
	json_t *arr = json_array();
	int i;

	for (i = 0; i < 2; i++) {
		const struct adtrust_tdo *t = &m->side[i];
		json_t *o;

		if (!t->present)
			continue;
		o = json_pack("{s:o,s:o,s:I,s:s,s:I,s:I}", "on",
			      cmd_migrate_dom_json(&t->self), "partner",
			      cmd_migrate_dom_json(&t->partner),
			      "trustDirection", (json_int_t)t->direction,
			      "direction", adtrust_direction_name(t->direction),
			      "trustType", (json_int_t)t->type,
			      "trustAttributes", (json_int_t)t->attributes);
		if (t->direction & ADTRUST_DIR_INBOUND)
			json_object_set_new(
				o, "trustAuthIncoming",
				cmd_migrate_blob_json(c, &t->incoming));
		if (t->direction & ADTRUST_DIR_OUTBOUND)
			json_object_set_new(
				o, "trustAuthOutgoing",
				cmd_migrate_blob_json(c, &t->outgoing));
		if (t->account) {
			char acct[ADTRUST_FLAT_MAX + 2];

			snprintf(acct, sizeof(acct), "%s$", t->partner.flat);
			json_object_set_new(
				o, "trust_account",
				json_pack(
					"{s:s,s:I,s:b}", "sAMAccountName", acct,
					"userAccountControl",
					(json_int_t)
						ADTRUST_UF_INTERDOMAIN_TRUST_ACCOUNT,
					"password_set", t->account_has_pw));
		}
		json_array_append_new(arr, o);
	}
	return arr;
}

/* One blob in words: "CLEAR (set ...), previous: copy". */
static void
cmd_migrate_blob_text(struct cli *c, const char *what,
		      const struct trustauth_blob *b)
{
	char t1[40], t2[40];
	int copy = b->nprev > 0 && b->prev[0].type == b->cur[0].type &&
		   b->prev[0].len == b->cur[0].len &&
		   b->prev[0].time == b->cur[0].time &&
		   crypto_equal(b->prev[0].info, b->cur[0].info, b->cur[0].len);

	cli_print(c, "      %s: %s (set %s), previous: ", what,
		  cmd_migrate_entry_word(&b->cur[0]),
		  cli_time(cmd_migrate_unix(b->cur[0].time), t1, sizeof(t1)));
	if (b->nprev == 0)
		cli_print(c, "none\n");
	else if (copy)
		cli_print(c, "a copy of the current one\n");
	else
		cli_print(c, "%s (set %s)\n",
			  cmd_migrate_entry_word(&b->prev[0]),
			  cli_time(cmd_migrate_unix(b->prev[0].time), t2,
				   sizeof(t2)));
}

static void
cmd_migrate_summary(struct cli *c, const struct adtrust_input *in,
		    const struct adtrust_model *m, int generated, int checked)
{
	int i;

	cli_print(c,
		  "AD external trust between %s (%s) and %s (%s), from the "
		  "NT4 trusts:\n",
		  in->dom[0].flat, in->dom[0].dns, in->dom[1].flat,
		  in->dom[1].dns);
	for (i = 0; i < 2; i++)
		cli_print(c, "  NT4 %s -> %s: %s\n", in->dom[i].flat,
			  in->dom[1 - i].flat,
			  in->nt4[i].present ? in->nt4[i].verdict : "none");
	for (i = 0; i < 2; i++) {
		const struct adtrust_tdo *t = &m->side[i];

		if (!t->present) {
			cli_print(c,
				  "  on %s: nothing here (--sides this): its "
				  "administrator creates that side\n",
				  t->self.flat);
			continue;
		}
		cli_print(c,
			  "  on %s (%s): trusted domain object "
			  "CN=%s,CN=System\n"
			  "      trustDirection %u (%s), trustType %u "
			  "(uplevel), trustAttributes 0x%08x%s%s\n",
			  t->self.flat, t->self.dns, t->partner.dns,
			  t->direction, adtrust_direction_name(t->direction),
			  t->type, t->attributes,
			  (t->attributes & ADTRUST_ATTR_QUARANTINED) ?
				  " quarantined (SID filtering)" :
				  "",
			  (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION) ?
				  " selective authentication" :
				  "");
		if (t->direction & ADTRUST_DIR_INBOUND)
			cmd_migrate_blob_text(c, "trustAuthIncoming",
					      &t->incoming);
		if (t->direction & ADTRUST_DIR_OUTBOUND)
			cmd_migrate_blob_text(c, "trustAuthOutgoing",
					      &t->outgoing);
		if (t->account)
			cli_print(c,
				  "      user %s$ (userAccountControl 0x%03x, "
				  "interdomain trust account)\n",
				  t->partner.flat,
				  ADTRUST_UF_INTERDOMAIN_TRUST_ACCOUNT);
	}
	if (m->new_password)
		cli_print(c,
			  "  Passwords: a new one%s; the NT4 one stays "
			  "valid as the previous password\n",
			  generated ? " (generated from the OS random "
				      "source; shown only with "
				      "--show-secrets)" :
				      "");
	else
		cli_print(c, "  Passwords: carried over from NT4 (the trusting "
			     "side's secret in clear; the trusted side knows "
			     "only its hash)\n");
	if (checked)
		cli_print(c, "  Check: each side's outgoing password is the "
			     "other side's incoming password: ok\n");
	cli_print(c, "Write it with --format ldif|netdom|samba-tool|"
		     "powershell|json.\n");
}

/* Create path mode 0600 (replacing a file) and write len bytes. */
static int
cmd_migrate_write(struct cli *c, const char *path, const void *p, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	ssize_t n = 0;

	if (fd < 0)
		return cli_err(c, "%s: %s", path, strerror(errno));
	if (fchmod(fd, 0600) != 0 || (n = write(fd, p, len)) < 0 ||
	    (size_t)n != len) {
		int e = errno;

		close(fd);
		return cli_err(c, "%s: %s", path,
			       n >= 0 ? "short write" : strerror(e));
	}
	if (close(fd) != 0)
		return cli_err(c, "%s: %s", path, strerror(errno));
	return CLI_OK;
}

/*
 * The hand-off for the partner's administrator ("This domain only"): what
 * their side must create, and for each direction a PBKDF2-HMAC-SHA256
 * verifier of the NT hash of the password their side must hold.
 */
static int
cmd_migrate_handoff(struct cli *c, const struct adtrust_model *m)
{
	const struct adtrust_tdo *t = &m->side[0];
	struct handoff_verifier v;
	uint8_t h[16];
	char path[4200], hs[33], hd[65], *text = NULL;
	json_t *o, *ver = json_array();
	int rc = CLI_FAIL, i;

	for (i = 0; i < 2; i++) {
		const struct trustauth_blob *b =
			i == 0 ? &t->outgoing : &t->incoming;
		uint32_t bit =
			i == 0 ? ADTRUST_DIR_OUTBOUND : ADTRUST_DIR_INBOUND;

		if (!(t->direction & bit))
			continue;
		if (trustauth_nt_hash(b, 0, h, NULL) != 0 ||
		    handoff_make_verifier(
			    &v, i == 0 ? t->self.flat : t->partner.flat,
			    i == 0 ? t->partner.flat : t->self.flat, h,
			    CMD_MIGRATE_PBKDF2_ITER) != 0) {
			rc = cli_err(c, "cannot compute the password "
					"verifier");
			goto out;
		}
		hex_encode(v.salt, sizeof(v.salt), hs);
		hex_encode(v.dk, sizeof(v.dk), hd);
		json_array_append_new(
			ver, json_pack("{s:s,s:s,s:s,s:I,s:s,s:s}", "trusting",
				       v.trusting, "trusted", v.trusted, "kdf",
				       HANDOFF_KDF, "iterations",
				       (json_int_t)v.iterations, "salt", hs,
				       "verifier", hd));
	}
	/* the partner's object: the mirror of ours */
	o = json_pack(
		"{s:s,s:s,s:o,s:o,s:I,s:s,s:I,s:I,s:b,s:O}", "nt4trust_handoff",
		HANDOFF_VERSION, "note",
		"For the administrator of the partner domain: create this side "
		"of the AD external trust with the same trust password(s). "
		"The verifiers let `nt4trust` check a typed password; no "
		"password is in this file.",
		"create_on", cmd_migrate_dom_json(&t->partner), "partner",
		cmd_migrate_dom_json(&t->self), "trustDirection",
		(json_int_t)(((t->direction & ADTRUST_DIR_INBOUND) ?
				      ADTRUST_DIR_OUTBOUND :
				      0) |
			     ((t->direction & ADTRUST_DIR_OUTBOUND) ?
				      ADTRUST_DIR_INBOUND :
				      0)),
		"direction",
		adtrust_direction_name(((t->direction & ADTRUST_DIR_INBOUND) ?
						ADTRUST_DIR_OUTBOUND :
						0) |
				       ((t->direction & ADTRUST_DIR_OUTBOUND) ?
						ADTRUST_DIR_INBOUND :
						0)),
		"trustType", (json_int_t)t->type, "trustAttributes",
		(json_int_t)(t->attributes & ADTRUST_ATTR_QUARANTINED),
		"trust_account_needed",
		(t->direction & ADTRUST_DIR_OUTBOUND) != 0, "verifiers", ver);
	text = json_dumps(o, JSON_INDENT(2));
	json_decref(o);
	if (text == NULL) {
		rc = cli_err(c, "out of memory");
		goto out;
	}
	snprintf(path, sizeof(path), "%s/%s.handoff.json", c->out_dir,
		 t->partner.flat);
	if ((rc = cmd_migrate_write(c, path, text, strlen(text))) == CLI_OK)
		cli_print(c, "Wrote %s (for the administrator of %s)\n", path,
			  t->partner.flat);
out:
	free(text);
	json_decref(ver);
	crypto_wipe(h, sizeof(h));
	crypto_wipe(&v, sizeof(v));
	return rc;
}

static int
cmd_migrate_output(struct cli *c, const struct adtrust_input *in,
		   const struct adtrust_model *m, int fmt, int dialect,
		   int generated)
{
	struct errinfo ei;
	struct wbuf w;
	char path[4200];
	int i, rc = CLI_OK, r = 0, side = -1;

	err_clear(&ei);
	wbuf_init(&w, CMD_MIGRATE_OUT_MAX);
	if (c->side != NULL) {
		for (i = 0; i < 2; i++)
			if (names_equal(c->side, in->dom[i].flat))
				side = i;
		if (side < 0) {
			rc = cli_usage_err(c, "--side %s: not %s or %s",
					   c->side, in->dom[0].flat,
					   in->dom[1].flat);
			goto out;
		}
		if (!m->side[side].present) {
			rc = cli_usage_err(c,
					   "--side %s: nothing is created on "
					   "%s with --sides this",
					   c->side, in->dom[side].flat);
			goto out;
		}
	}
	switch (fmt) {
	case FMT_SUMMARY:
		cmd_migrate_summary(c, in, m, generated, m->both_sides);
		break;
	case FMT_JSON:
		cli_json_set(c, "trusted_domain_objects",
			     cmd_migrate_json(c, m));
		cli_json_set(c, "new_password", json_boolean(m->new_password));
		cli_json_set(c, "password_generated", json_boolean(generated));
		cli_json_set(c, "sides",
			     json_string(m->both_sides ? "both" : "this"));
		break;
	case FMT_LDIF:
		for (i = 0; i < 2 && r == 0; i++) {
			if (!m->side[i].present || (side >= 0 && side != i))
				continue;
			wbuf_reset(&w);
			if ((r = adtrust_ldif(m, i, dialect, &w, &ei)) != 0)
				break;
			if (side >= 0) {
				fwrite(w.p, 1, w.len, stdout);
				continue;
			}
			snprintf(path, sizeof(path), "%s/%s.ldif", c->out_dir,
				 m->side[i].self.flat);
			if ((rc = cmd_migrate_write(c, path, w.p, w.len)) !=
			    CLI_OK)
				goto out;
			cli_print(c,
				  "Wrote %s (mode 0600: it holds trust "
				  "passwords)\n",
				  path);
		}
		break;
	case FMT_NETDOM:
		r = adtrust_netdom(m, &w, &ei);
		break;
	case FMT_SAMBATOOL:
		r = adtrust_sambatool(m, &w, &ei);
		break;
	case FMT_POWERSHELL:
		r = adtrust_powershell(m, &w, &ei);
		break;
	}
	if (r != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	if (fmt == FMT_NETDOM || fmt == FMT_SAMBATOOL || fmt == FMT_POWERSHELL)
		fwrite(w.p, 1, w.len, stdout);
	if (!m->both_sides && c->out_dir != NULL)
		rc = cmd_migrate_handoff(c, m);
out:
	wbuf_free(&w);
	return rc;
}

/* CLI_CONTINUE while the pair is still NT4; else the exit status. */
#define CLI_CONTINUE (-1)

/*
 * A pair migrate --apply made AD already: --apply again finishes an
 * interrupted run (idempotent); anything else is refused, since the NT4
 * passwords it would read are gone.
 */
static int
cmd_migrate_applied(struct cli *c, const struct adtrust_input *in)
{
	struct errinfo ei;
	int n;

	err_clear(&ei);
	n = adtrust_lab_applied(c->lab, in, &ei);
	if (n < 0)
		return cli_fail(c, n, &ei);
	if (n < 2)
		return CLI_CONTINUE;
	if (!c->apply)
		return cli_err(c,
			       "the trust between %s and %s is an AD trust "
			       "already (migrate --apply was run in this lab)",
			       in->dom[0].flat, in->dom[1].flat);
	if ((n = adtrust_lab_finish(c->lab, in, &ei)) != 0)
		return cli_fail(c, n, &ei);
	cli_print(c,
		  "%s and %s hold AD trusted domain objects already: nothing "
		  "to do (NT4 entries left by an interrupted run removed)\n",
		  in->dom[0].flat, in->dom[1].flat);
	cli_json_set(c, "applied", json_true());
	return CLI_OK;
}

int
cmd_migrate(struct cli *c)
{
	struct adtrust_input in;
	struct adtrust_model m;
	struct adtrust_opts o;
	struct errinfo ei;
	const char *names[2], *dns[2];
	uint8_t *pw16 = NULL;
	size_t pwlen = 0;
	int fmt = 0, dialect = 0, generated = 0, i, r, rc;

	if (c->wizard)
		return cmd_migrate_wizard(c);
	if (c->topology)
		return cmd_migrate_topology(c);
	if (c->nargs != 2)
		return cli_usage_err(c, "migrate needs DOMAIN PARTNER (see "
					"nt4trust help migrate)");
	err_clear(&ei);
	memset(&in, 0, sizeof(in));
	memset(&m, 0, sizeof(m));
	if ((rc = cmd_migrate_opts(c, &o, &fmt, &dialect)) != CLI_OK)
		return rc;
	for (i = 0; i < 2; i++) {
		names[i] = c->args[i];
		if ((dns[i] = cli_migrate_dns(c, names[i])) == NULL)
			return cli_usage_err(c,
					     "no DNS name for %s: give "
					     "--dns-name %s=FQDN (the AD "
					     "domain it becomes)",
					     names[i], names[i]);
	}
	if ((r = adtrust_input_from_lab(&in, c->lab, names, dns, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	if ((rc = cmd_migrate_applied(c, &in)) != CLI_CONTINUE)
		goto out;
	if ((rc = cmd_migrate_broken(c, &in)) != CLI_OK)
		goto out;
	if ((rc = cmd_migrate_password(c, &pw16, &pwlen, &generated)) != CLI_OK)
		goto out;
	o.new_pw = pw16;
	o.new_len = pwlen;
	o.now = adtrust_filetime(lab_now(c->lab));
	if ((r = adtrust_convert(&m, &in, &o, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	if (m.both_sides && (r = adtrust_check(&m, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	if (generated && c->show_secrets && pw16 != NULL && fmt != FMT_JSON) {
		char *u8 = NULL;

		if (utf16_to_utf8(&u8, pw16, pwlen, NULL) == 0) {
			cli_print(c, "The new trust password (generated): %s\n",
				  u8);
			crypto_wipe(u8, strlen(u8));
		}
		free(u8);
	}
	rc = cmd_migrate_output(c, &in, &m, fmt, dialect, generated);
	if (rc == CLI_OK && c->apply) {
		if (!m.both_sides) {
			rc = cli_usage_err(c, "--apply needs both sides (not "
					      "--sides this)");
			goto out;
		}
		if ((r = adtrust_apply_lab(c->lab, &m, &ei)) != 0) {
			rc = cli_fail(c, r, &ei);
			goto out;
		}
		cli_print(c,
			  "Applied in lab %s: %s and %s now hold AD trusted "
			  "domain objects; the NT4 trusted-domain entries and "
			  "secrets are gone; secure channels will be set up "
			  "anew.\n",
			  lab_dir(c->lab), in.dom[0].flat, in.dom[1].flat);
		cli_json_set(c, "applied", json_true());
	}
out:
	if (pw16 != NULL) {
		crypto_wipe(pw16, pwlen);
		free(pw16);
	}
	adtrust_input_wipe(&in);
	adtrust_model_wipe(&m);
	return rc;
}
