/*
 * tools/cmd_migrate_wizard.c - nt4trust migrate --wizard: the pages of the
 * New Trust Wizard of Active Directory Domains and Trusts, asked on a
 * terminal in the wizard's order (reference: seeds/ad-two-way-external-
 * trust-one-side.txt; migrate/adtrust.h for the choices): Welcome, Trust
 * Name, Trust Type, Direction of Trust, Sides of Trust, Outgoing Trust
 * Authentication Level, Trust Password, Trust Selections Complete, Confirm
 * Outgoing Trust, Confirm Incoming Trust.  Then it acts as the options
 * would: the answers become the struct cli fields and cmd_migrate() runs
 * (the output format and --out-dir still come from the command line).
 *
 * Does not: read answers from anything but a terminal; echo or print a
 * password (typed ones go through cli_password_get, which turns echo off);
 * pass a password through argv (it lives in this file's buffer, wiped).
 * Every question shows its choices and its default in brackets; EOF is a
 * cancel (exit 1); three invalid answers to one question are exit 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "common/crypto.h"
#include "common/names.h"
#include "common/rng.h"
#include "common/utf16.h"
#include "migrate/adtrust.h"
#include "migrate/adtrust_lab.h"
#include "nt4/lab.h"
#include "nt4/rotate.h"

#define WIZ_TRIES 3    /* invalid answers to one question before exit 2 */
#define WIZ_ANSWER 300 /* longest answer read (a DNS name is <= 253) */
#define WIZ_CANCEL -1  /* EOF: the user cancelled */
#define WIZ_INVALID -2 /* WIZ_TRIES invalid answers */

enum { WIZ_PW_CARRY, WIZ_PW_TYPED, WIZ_PW_GENERATED };

struct wiz {
	struct cli *c;
	FILE *out; /* the pages: stdout, or stderr with --json */
	char *args[2];
	char names[2][ADTRUST_FLAT_MAX + 1];
	char dns_spec[2][ADTRUST_FLAT_MAX + 2 + WIZ_ANSWER + 1];
	const char *dns[2];
	struct adtrust_input in;
	int direction; /* enum adtrust_want, never ADTRUST_AS_NT4 */
	int both_sides;
	int selective;
	int pw_mode;
	char pw[4 * CLI_PASSWORD_MAX + 1];
};

static void
wiz_page(struct wiz *w, const char *title)
{
	fprintf(w->out, "\n== %s ==\n", title);
}

/* One line from the terminal, trimmed, into ans; WIZ_CANCEL at EOF. */
static int
wiz_read(struct wiz *w, const char *prompt, char *ans, size_t len)
{
	char line[WIZ_ANSWER + 2];
	size_t n, s = 0;

	fputs(prompt, w->out);
	fflush(w->out);
	if (fgets(line, (int)sizeof(line), stdin) == NULL) {
		fputc('\n', w->out);
		return WIZ_CANCEL;
	}
	n = strlen(line);
	if (n > 0 && line[n - 1] != '\n' && !feof(stdin)) {
		int ch;

		/* too long: drop the rest of the line, answer "" + junk */
		while ((ch = getchar()) != EOF && ch != '\n')
			;
		snprintf(ans, len, "%s", "?");
		return 0;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
			 line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	while (line[s] == ' ' || line[s] == '\t')
		s++;
	snprintf(ans, len, "%s", line + s);
	return 0;
}

/*
 * A choice among n: "1) label" lines, then a prompt with the default in
 * brackets.  An answer is a number, a key (case-insensitive) or empty for
 * the default.  The index, WIZ_CANCEL or WIZ_INVALID (after the message).
 */
static int
wiz_choose(struct wiz *w, const char *what, int n, const char *const *keys,
	   const char *const *labels, int def)
{
	char ans[WIZ_ANSWER + 1], prompt[200];
	int i, t, r;

	for (i = 0; i < n; i++)
		fprintf(w->out, "  %d) %s\n", i + 1, labels[i]);
	snprintf(prompt, sizeof(prompt), "%s (1-%d or %s", what, n, keys[0]);
	for (i = 1; i < n; i++)
		snprintf(prompt + strlen(prompt),
			 sizeof(prompt) - strlen(prompt), "%s%s",
			 i == n - 1 ? " or " : ", ", keys[i]);
	snprintf(prompt + strlen(prompt), sizeof(prompt) - strlen(prompt),
		 ") [%s]: ", keys[def]);
	for (t = 0; t < WIZ_TRIES; t++) {
		if ((r = wiz_read(w, prompt, ans, sizeof(ans))) != 0)
			return r;
		if (ans[0] == '\0')
			return def;
		for (i = 0; i < n; i++)
			if (strcasecmp(ans, keys[i]) == 0 ||
			    (ans[0] == '1' + i && ans[1] == '\0'))
				return i;
		fprintf(w->out, "  '%s' is not one of the choices.\n", ans);
	}
	cli_usage_err(w->c,
		      "migrate --wizard: no valid answer for %s after %d "
		      "tries",
		      what, WIZ_TRIES);
	return WIZ_INVALID;
}

/* yes/no with a default: 1 yes, 0 no, or WIZ_CANCEL / WIZ_INVALID. */
static int
wiz_yes_no(struct wiz *w, const char *what, int def)
{
	static const char *const keys[] = { "yes", "no" };
	char ans[WIZ_ANSWER + 1], prompt[200];
	int t, r;

	snprintf(prompt, sizeof(prompt), "%s (yes or no) [%s]: ", what,
		 def ? "yes" : "no");
	for (t = 0; t < WIZ_TRIES; t++) {
		if ((r = wiz_read(w, prompt, ans, sizeof(ans))) != 0)
			return r;
		if (ans[0] == '\0')
			return def;
		if (strcasecmp(ans, keys[0]) == 0 || strcasecmp(ans, "y") == 0)
			return 1;
		if (strcasecmp(ans, keys[1]) == 0 || strcasecmp(ans, "n") == 0)
			return 0;
		fprintf(w->out, "  '%s': answer yes or no.\n", ans);
	}
	cli_usage_err(w->c,
		      "migrate --wizard: no valid answer for %s after %d "
		      "tries",
		      what, WIZ_TRIES);
	return WIZ_INVALID;
}

/* The exit status of a failed question. */
static int
wiz_stop(struct wiz *w, int r)
{
	if (r == WIZ_CANCEL)
		return cli_err(w->c, "cancelled");
	return CLI_USAGE;
}

/*
 * A partner as typed: a lab domain's NetBIOS name, or a DNS name that a
 * --dns-name maps to one.  Its NetBIOS name into out; 0, or -1 after
 * saying why.
 */
static int
wiz_partner(struct wiz *w, const char *s, char *out, size_t len)
{
	struct cli *c = w->c;
	char flat[ADTRUST_FLAT_MAX + 1];
	int i;

	for (i = 0; i < c->ndns; i++) {
		const char *eq = strchr(c->dns_names[i], '=');
		size_t n;

		if (eq == NULL || strcasecmp(eq + 1, s) != 0)
			continue;
		n = (size_t)(eq - c->dns_names[i]);
		if (n == 0 || n >= sizeof(flat))
			continue;
		memcpy(flat, c->dns_names[i], n);
		flat[n] = '\0';
		s = flat;
		break;
	}
	if (s[0] == '\0' || names_domain_check(s, NULL) != 0) {
		fprintf(w->out,
			"  '%s' is not a NetBIOS domain name (nor a DNS name "
			"given with --dns-name).\n",
			s);
		return -1;
	}
	if (!lab_domain_exists(c->lab, s)) {
		fprintf(w->out, "  There is no domain %s in the lab.\n", s);
		return -1;
	}
	if (names_equal(s, c->args[0])) {
		fprintf(w->out, "  %s is this domain: name the other one.\n",
			s);
		return -1;
	}
	if (names_upper(out, len, s) != 0)
		return -1;
	return 0;
}

static int
wiz_trust_name(struct wiz *w)
{
	struct cli *c = w->c;
	char ans[WIZ_ANSWER + 1];
	struct errinfo ei;
	int i, t, r;

	wiz_page(w, "Trust Name");
	if (c->nargs >= 2) {
		if (wiz_partner(w, c->args[1], w->names[1],
				sizeof(w->names[1])) != 0)
			return cli_usage_err(c,
					     "migrate --wizard: %s: not a "
					     "partner domain of the lab",
					     c->args[1]);
		fprintf(w->out, "Partner domain: %s (from the command line)\n",
			w->names[1]);
	} else {
		fprintf(w->out,
			"The domain to trust: the NetBIOS name of a domain of "
			"the lab, or its DNS name when --dns-name gives it.\n");
		for (t = 0;; t++) {
			if (t == WIZ_TRIES)
				return cli_usage_err(
					c,
					"migrate --wizard: no valid partner "
					"domain after %d tries",
					WIZ_TRIES);
			if ((r = wiz_read(w, "Partner domain []: ", ans,
					  sizeof(ans))) != 0)
				return wiz_stop(w, r);
			if (wiz_partner(w, ans, w->names[1],
					sizeof(w->names[1])) == 0)
				break;
		}
	}
	w->args[1] = w->names[1];
	/* the AD domains they become */
	for (i = 0; i < 2; i++) {
		char prompt[120];

		if ((w->dns[i] = cli_migrate_dns(c, w->names[i])) != NULL) {
			fprintf(w->out, "DNS name of %s: %s\n", w->names[i],
				w->dns[i]);
			continue;
		}
		if (c->ndns >= CLI_DNS_MAX)
			return cli_usage_err(c, "too many --dns-name options");
		snprintf(prompt, sizeof(prompt),
			 "DNS name of the AD domain %s becomes []: ",
			 w->names[i]);
		for (t = 0;; t++) {
			if (t == WIZ_TRIES)
				return cli_usage_err(
					c,
					"migrate --wizard: no valid DNS name "
					"for %s after %d tries",
					w->names[i], WIZ_TRIES);
			if ((r = wiz_read(w, prompt, ans, sizeof(ans))) != 0)
				return wiz_stop(w, r);
			err_clear(&ei);
			if (adtrust_dns_check(ans, &ei) == 0)
				break;
			fprintf(w->out, "  %s\n", ei.msg);
		}
		snprintf(w->dns_spec[i], sizeof(w->dns_spec[i]), "%s=%s",
			 w->names[i], ans);
		c->dns_names[c->ndns++] = w->dns_spec[i];
		w->dns[i] = strchr(w->dns_spec[i], '=') + 1;
	}
	return CLI_OK;
}

/* Refuse a broken NT4 trust up front, as the options would. */
static int
wiz_broken(struct wiz *w)
{
	const struct adtrust_input *in = &w->in;
	int i, bad = 0;

	for (i = 0; i < 2; i++) {
		const struct adtrust_nt4 *t = &in->nt4[i];

		if (!t->present || t->healthy || w->c->include_broken)
			continue;
		cli_err(w->c,
			"the NT4 trust %s -> %s is %s: repair it first "
			"(nt4trust trust repair %s %s), or give "
			"--include-broken and choose a new password",
			in->dom[i].flat, in->dom[1 - i].flat, t->verdict,
			in->dom[i].flat, in->dom[1 - i].flat);
		bad = 1;
	}
	return bad ? CLI_FAIL : CLI_OK;
}

static int
wiz_has_out(int direction)
{
	return direction == ADTRUST_TWO_WAY || direction == ADTRUST_OUTGOING;
}

static int
wiz_has_in(int direction)
{
	return direction == ADTRUST_TWO_WAY || direction == ADTRUST_INCOMING;
}

static int
wiz_direction(struct wiz *w)
{
	static const char *const keys[] = { "two-way", "incoming", "outgoing" };
	const struct adtrust_input *in = &w->in;
	const char *this = in->dom[0].flat, *other = in->dom[1].flat;
	char l0[160], l1[200], l2[200];
	const char *labels[3] = { l0, l1, l2 };
	int i, def, r;

	wiz_page(w, "Direction of Trust");
	snprintf(l0, sizeof(l0),
		 "Two-way: users of each domain can be authenticated in the "
		 "other");
	snprintf(l1, sizeof(l1),
		 "One-way: incoming: %s trusts %s: users of %s can be "
		 "authenticated in %s",
		 other, this, this, other);
	snprintf(l2, sizeof(l2),
		 "One-way: outgoing: %s trusts %s: users of %s can be "
		 "authenticated in %s",
		 this, other, other, this);
	for (i = 0; i < 2; i++)
		fprintf(w->out, "NT4 trust %s -> %s: %s\n", in->dom[i].flat,
			in->dom[1 - i].flat,
			in->nt4[i].present ? in->nt4[i].verdict : "none");
	if (in->nt4[0].present && in->nt4[1].present)
		def = 0;
	else if (in->nt4[1].present)
		def = 1;
	else if (in->nt4[0].present)
		def = 2;
	else
		def = 0;
	fprintf(w->out, "The NT4 trusts were: %s.\n", keys[def]);
	if (w->c->direction != NULL)
		for (i = 0; i < 3; i++)
			if (strcmp(w->c->direction, keys[i]) == 0)
				def = i;
	if ((r = wiz_choose(w, "Direction", 3, keys, labels, def)) < 0)
		return wiz_stop(w, r);
	w->direction = r == 0 ? ADTRUST_TWO_WAY :
		       r == 1 ? ADTRUST_INCOMING :
				ADTRUST_OUTGOING;
	w->c->direction = keys[r];
	return CLI_OK;
}

static int
wiz_sides(struct wiz *w)
{
	static const char *const keys[] = { "this", "both" };
	char l0[120], l1[160];
	const char *labels[2] = { l0, l1 };
	int def = 1, r;

	wiz_page(w, "Sides of Trust");
	snprintf(l0, sizeof(l0),
		 "This domain only: %s's side; the administrator of %s "
		 "creates the other with the same password",
		 w->in.dom[0].flat, w->in.dom[1].flat);
	snprintf(l1, sizeof(l1),
		 "Both this domain and the specified domain (%s and %s)",
		 w->in.dom[0].flat, w->in.dom[1].flat);
	if (w->c->sides != NULL && strcmp(w->c->sides, "this") == 0)
		def = 0;
	if ((r = wiz_choose(w, "Sides", 2, keys, labels, def)) < 0)
		return wiz_stop(w, r);
	w->both_sides = r == 1;
	w->c->sides = keys[r];
	return CLI_OK;
}

static int
wiz_auth(struct wiz *w)
{
	static const char *const keys[] = { "domain-wide", "selective" };
	char l0[160], l1[200];
	const char *labels[2] = { l0, l1 };
	int def = 0, r;

	if (w->c->auth != NULL && strcmp(w->c->auth, "selective") == 0)
		def = 1;
	w->c->auth = keys[0];
	if (!wiz_has_out(w->direction))
		return CLI_OK; /* no outgoing trust here: no such page */
	wiz_page(w, "Outgoing Trust Authentication Level");
	snprintf(l0, sizeof(l0),
		 "Domain-wide authentication: users of %s can use every "
		 "resource of %s they have rights on",
		 w->in.dom[1].flat, w->in.dom[0].flat);
	snprintf(l1, sizeof(l1),
		 "Selective authentication: users of %s get only to the "
		 "computers of %s that allow them explicitly",
		 w->in.dom[1].flat, w->in.dom[0].flat);
	if ((r = wiz_choose(w, "Authentication", 2, keys, labels, def)) < 0)
		return wiz_stop(w, r);
	w->selective = r == 1;
	w->c->auth = keys[r];
	return CLI_OK;
}

static int
wiz_password(struct wiz *w)
{
	static const char *const keys[] = { "c", "t", "g" };
	struct cli *c = w->c;
	const struct adtrust_input *in = &w->in;
	int carry_ok = 1, n, t, r, def;
	const char *labels[3], *ckeys[3];
	int modes[3];
	struct rng rng;

	wiz_page(w, "Trust Password");
	if ((wiz_has_out(w->direction) && !in->nt4[0].healthy) ||
	    (wiz_has_in(w->direction) && !in->nt4[1].healthy))
		carry_ok = 0;
	if (c->generate || c->password != NULL || c->password_file != NULL) {
		fprintf(w->out,
			"A new password, as the command line says "
			"(%s).\n",
			c->generate ? "--generate" : "password option");
		w->pw_mode = c->generate ? WIZ_PW_GENERATED : WIZ_PW_TYPED;
		return CLI_OK;
	}
	n = 0;
	if (carry_ok) {
		fprintf(w->out, "Every chosen direction had a healthy NT4 "
				"trust: its password can be carried over.\n");
		labels[n] = "Carry the NT4 passwords over (Enter)";
		ckeys[n] = keys[0];
		modes[n++] = WIZ_PW_CARRY;
	} else {
		fprintf(w->out, "A chosen direction had no healthy NT4 trust: "
				"a new password is needed.\n");
	}
	labels[n] = "Type a new trust password (twice; it is not shown)";
	ckeys[n] = keys[1];
	modes[n++] = WIZ_PW_TYPED;
	labels[n] = "Generate one (from the OS random source)";
	ckeys[n] = keys[2];
	modes[n++] = WIZ_PW_GENERATED;
	def = 0;
	if ((r = wiz_choose(w, "Password", n, ckeys, labels, def)) < 0)
		return wiz_stop(w, r);
	w->pw_mode = modes[r];
	if (w->pw_mode == WIZ_PW_GENERATED) {
		rng_init_os(&rng);
		r = rotate_password_new(&rng, w->pw, sizeof(w->pw));
		rng_wipe(&rng);
		if (r != 0)
			return cli_err(c, "the OS random generator failed");
		c->password = w->pw;
		c->password_generated = 1;
		fprintf(w->out, "A password was generated (shown only with "
				"--show-secrets).\n");
	} else if (w->pw_mode == WIZ_PW_TYPED) {
		/* a mismatch (or an empty one) is asked again */
		for (t = 0;; t++) {
			if (t == WIZ_TRIES)
				return cli_usage_err(
					c,
					"migrate --wizard: no trust password "
					"after %d tries",
					WIZ_TRIES);
			if (cli_password_get(c, "the new AD trust", 1, w->pw,
					     sizeof(w->pw)) == CLI_OK)
				break;
			fprintf(w->out, "  Type it again.\n");
		}
		c->password = w->pw;
	}
	return CLI_OK;
}

/*
 * Run cmd_migrate with the summary format on the wizard's stream, nothing
 * written: the "Trust Selections Complete" page.
 */
static int
wiz_summary(struct wiz *w)
{
	struct cli *c = w->c;
	struct cli save = *c;
	int rc, saved = -1;

	c->format = NULL;
	c->json = 0;
	c->out_dir = NULL;
	c->side = NULL;
	c->show_secrets = 0;
	c->wizard = 0;
	c->apply = 0; /* the summary page changes nothing */
	if (w->out != stdout) {
		fflush(stdout);
		saved = dup(STDOUT_FILENO);
		if (saved >= 0)
			(void)dup2(STDERR_FILENO, STDOUT_FILENO);
	}
	rc = cmd_migrate(c);
	fflush(stdout);
	if (saved >= 0) {
		(void)dup2(saved, STDOUT_FILENO);
		close(saved);
	}
	c->format = save.format;
	c->json = save.json;
	c->out = save.out;
	c->out_dir = save.out_dir;
	c->side = save.side;
	c->show_secrets = save.show_secrets;
	c->wizard = save.wizard;
	c->apply = save.apply;
	return rc;
}

/*
 * "Confirm Outgoing/Incoming Trust": in the lab, confirming is the
 * cross-check that the trusting side's outgoing password is the trusted
 * side's incoming one (what a DC's verification proves).
 */
static int
wiz_confirm_one(struct wiz *w, const struct adtrust_model *m, int outgoing)
{
	const struct adtrust_tdo *x = &m->side[outgoing ? 0 : 1];
	const struct adtrust_tdo *y = &m->side[outgoing ? 1 : 0];
	uint8_t a[16], b[16];
	int ok;

	if (!x->present || !y->present) {
		fprintf(w->out,
			"Not confirmed: %s's side is created by its own "
			"administrator (This domain only); the secure "
			"channel is set up at first use once it exists.\n",
			w->in.dom[1].flat);
		return CLI_OK;
	}
	ok = (x->direction & ADTRUST_DIR_OUTBOUND) &&
	     (y->direction & ADTRUST_DIR_INBOUND) &&
	     trustauth_nt_hash(&x->outgoing, 0, a, NULL) == 0 &&
	     trustauth_nt_hash(&y->incoming, 0, b, NULL) == 0 &&
	     crypto_equal(a, b, 16);
	crypto_wipe(a, sizeof(a));
	crypto_wipe(b, sizeof(b));
	if (!ok)
		return cli_err(w->c,
			       "%s -> %s: the outgoing password of %s is not "
			       "the incoming password of %s",
			       x->self.flat, y->self.flat, x->self.flat,
			       y->self.flat);
	fprintf(w->out,
		"Confirmed: %s trusts %s: the outgoing password of %s is the "
		"incoming password of %s.\n",
		x->self.flat, y->self.flat, x->self.flat, y->self.flat);
	return CLI_OK;
}

static int
wiz_confirm(struct wiz *w)
{
	struct cli *c = w->c;
	struct adtrust_model m;
	struct adtrust_opts o;
	struct errinfo ei;
	uint8_t *pw16 = NULL;
	size_t pwlen = 0;
	int rc = CLI_OK, r, k;

	err_clear(&ei);
	memset(&m, 0, sizeof(m));
	memset(&o, 0, sizeof(o));
	o.direction = w->direction;
	o.both_sides = w->both_sides;
	o.selective = w->selective;
	o.no_quarantine = c->no_quarantine;
	o.now = adtrust_filetime(lab_now(c->lab));
	if (c->password != NULL &&
	    utf8_to_utf16(&pw16, &pwlen, c->password, strlen(c->password),
			  &ei) != 0) {
		rc = cli_fail(c, ERR_INVALID, &ei);
		goto out;
	}
	o.new_pw = pw16;
	o.new_len = pwlen;
	/* --generate / --password-file from the command line: any password
	 * gives the same check; the one written is made by cmd_migrate */
	if (pw16 == NULL && w->pw_mode != WIZ_PW_CARRY) {
		static const uint8_t any[] = { 'x', 0, '#', 0, '1', 0 };

		o.new_pw = any;
		o.new_len = sizeof(any);
	}
	if ((r = adtrust_convert(&m, &w->in, &o, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	for (k = 1; k >= 0; k--) {
		int has = k ? wiz_has_out(w->direction) :
			      wiz_has_in(w->direction);

		if (!has)
			continue;
		wiz_page(w, k ? "Confirm Outgoing Trust" :
				"Confirm Incoming Trust");
		r = wiz_yes_no(w,
			       k ? "Confirm the outgoing trust" :
				   "Confirm the incoming trust",
			       0);
		if (r < 0) {
			rc = wiz_stop(w, r);
			goto out;
		}
		if (r == 0)
			fprintf(w->out,
				"Not confirmed: the secure channel will be "
				"set up the first time the trust is used.\n");
		else if ((rc = wiz_confirm_one(w, &m, k)) != CLI_OK)
			goto out;
	}
out:
	if (pw16 != NULL) {
		crypto_wipe(pw16, pwlen);
		free(pw16);
	}
	adtrust_model_wipe(&m);
	return rc;
}

static int
wiz_run(struct wiz *w)
{
	static const char *const tkeys[] = { "external" };
	static const char *const tlabels[] = {
		"External trust (a forest trust needs Active Directory "
		"forests on both sides: NT4 domains have none)"
	};
	struct cli *c = w->c;
	struct errinfo ei;
	const char *names[2];
	int rc, r;

	err_clear(&ei);
	if (!lab_domain_exists(c->lab, c->args[0]) ||
	    names_upper(w->names[0], sizeof(w->names[0]), c->args[0]) != 0)
		return cli_err(c,
			       "migrate --wizard: there is no domain %s in "
			       "the lab",
			       c->args[0]);
	w->args[0] = w->names[0];
	wiz_page(w, "New Trust Wizard");
	fprintf(w->out,
		"This domain: %s.\n"
		"The pages of the New Trust Wizard, one question each: the "
		"answers make an AD external trust out of %s's NT4 trusts.\n"
		"Enter takes the default in [brackets]; end of input "
		"cancels.\n",
		w->names[0], w->names[0]);
	if ((rc = wiz_trust_name(w)) != CLI_OK)
		return rc;
	names[0] = w->names[0];
	names[1] = w->names[1];
	if ((r = adtrust_input_from_lab(&w->in, c->lab, names, w->dns, &ei)) !=
	    0)
		return cli_fail(c, r, &ei);
	if ((rc = wiz_broken(w)) != CLI_OK)
		return rc;
	wiz_page(w, "Trust Type");
	if ((r = wiz_choose(w, "Trust type", 1, tkeys, tlabels, 0)) < 0)
		return wiz_stop(w, r);
	if ((rc = wiz_direction(w)) != CLI_OK ||
	    (rc = wiz_sides(w)) != CLI_OK || (rc = wiz_auth(w)) != CLI_OK ||
	    (rc = wiz_password(w)) != CLI_OK)
		return rc;
	c->args = w->args;
	c->nargs = 2;
	wiz_page(w, "Trust Selections Complete");
	if ((rc = wiz_summary(w)) != CLI_OK)
		return rc;
	if ((r = wiz_yes_no(w, "Create the trust with these settings", 1)) < 0)
		return wiz_stop(w, r);
	if (r == 0)
		return cli_err(c, "cancelled");
	if ((rc = wiz_confirm(w)) != CLI_OK)
		return rc;
	wiz_page(w, "Completing the New Trust Wizard");
	fflush(w->out);
	c->wizard = 0;
	rc = cmd_migrate(c);
	c->wizard = 1;
	return rc;
}

int
cmd_migrate_wizard(struct cli *c)
{
	struct wiz *w;
	char **args = c->args;
	int nargs = c->nargs, ndns = c->ndns, rc;
	const char *pw = c->password;

	if (!isatty(STDIN_FILENO))
		return cli_usage_err(c,
				     "migrate --wizard needs a terminal: give "
				     "the choices as options (see nt4trust "
				     "help migrate)");
	if ((w = calloc(1, sizeof(*w))) == NULL)
		return cli_err(c, "out of memory");
	w->c = c;
	w->out = stdout;
	if (c->json || (c->format != NULL && strcmp(c->format, "json") == 0))
		w->out = stderr; /* stdout carries one JSON document */
	rc = wiz_run(w);
	fflush(w->out);
	c->args = args;
	c->nargs = nargs;
	c->ndns = ndns;
	c->password = pw;
	c->password_generated = 0;
	adtrust_input_wipe(&w->in);
	crypto_wipe(w->pw, sizeof(w->pw));
	free(w);
	return rc;
}
