/*
 * tools/cmd_migrate_topology.c - nt4trust migrate --topology: every NT4
 * trust of the lab (or of a `samba import`) carried over to AD external
 * trusts at once (migrate/adtopo.h): each pair is read and diagnosed
 * (migrate/adtrust_lab.h, the verdicts of trust diagnose), broken ones
 * are refused and listed unless --include-broken (then --generate gives
 * each broken pair its own random password from the OS generator), every
 * pair is converted and checked, then the plan and the outputs: a
 * summary, one LDIF per domain (mode 0600: trust passwords), one
 * netdom/samba-tool/PowerShell script per domain (into --out-dir, or all
 * to stdout) or JSON (no secret unless --show-secrets).  Man page:
 * docs/nt4trust.1, "migrate --topology".
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
#include "common/names.h"
#include "common/rng.h"
#include "common/utf16.h"
#include "common/wbuf.h"
#include "migrate/adtopo.h"
#include "migrate/adtrust.h"
#include "migrate/adtrust_lab.h"
#include "migrate/adtrust_out.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/trust.h"

#define TOPO_BUF_MAX (16u * 1024 * 1024)

/* the --format values (cli_migrate_format) */
enum topo_format {
	TOPO_SUMMARY = CLI_FMT_SUMMARY,
	TOPO_LDIF = CLI_FMT_LDIF,
	TOPO_NETDOM = CLI_FMT_NETDOM,
	TOPO_SAMBATOOL = CLI_FMT_SAMBATOOL,
	TOPO_POWERSHELL = CLI_FMT_POWERSHELL,
	TOPO_JSON = CLI_FMT_JSON,
};

static const char *const topo_formats[] = { "summary",	  "ldif",
					    "netdom",	  "samba-tool",
					    "powershell", "json" };
/* file name extension and adtopo kind of each file format */
static const char *const topo_ext[] = { "", "ldif", "cmd", "sh", "ps1", "" };
static const int topo_kind[] = {
	-1, ADTOPO_LDIF, ADTOPO_NETDOM, ADTOPO_SAMBATOOL, ADTOPO_POWERSHELL, -1
};

/* Where the flushed bytes go: a file descriptor. */
struct topo_sink {
	int fd;
	int err;
};

static int
topo_flush(void *ctx, int kind, size_t dom, const uint8_t *p, size_t len)
{
	struct topo_sink *s = ctx;
	size_t off = 0;

	(void)kind;
	(void)dom;
	while (off < len) {
		ssize_t n = write(s->fd, p + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			s->err = n < 0 ? errno : EIO;
			return ERR_IO;
		}
		off += (size_t)n;
	}
	return 0;
}

/* Open DIR/NAME mode 0600 (replacing a file); -1 after the message. */
static int
topo_open(struct cli *c, const char *path)
{
	int fd = open(path,
		      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
		      0600);

	if (fd < 0 || fchmod(fd, 0600) != 0) {
		cli_err(c, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static int
topo_close(struct cli *c, const char *path, int fd, struct topo_sink *s)
{
	if (close(fd) != 0 && s->err == 0)
		s->err = errno;
	if (s->err != 0)
		return cli_err(c, "%s: %s", path, strerror(s->err));
	return CLI_OK;
}

/* The options, checked; CLI_OK or the exit status after the message. */
static int
topo_opts(struct cli *c, struct adtopo_opts *o, int *fmt)
{
	int rc;

	memset(o, 0, sizeof(*o));
	if (c->nargs != 0)
		return cli_usage_err(c, "--topology takes no DOMAIN PARTNER: "
					"it migrates every trust of the lab");
	if (c->direction != NULL || c->sides != NULL || c->side != NULL)
		return cli_usage_err(c,
				     "--topology keeps each pair's NT4 "
				     "directions on both sides: --direction, "
				     "--sides and --side are for one pair");
	if (c->password != NULL || c->password_file != NULL)
		return cli_usage_err(c,
				     "--topology never uses one password for "
				     "all pairs: give --include-broken "
				     "--generate (one per broken pair)");
	if (c->apply)
		return cli_usage_err(c, "--apply is for one pair, not "
					"--topology");
	if (c->generate && !c->include_broken)
		return cli_usage_err(c, "--generate makes new passwords for "
					"broken pairs: give it with "
					"--include-broken");
	if ((rc = cli_migrate_common(c, fmt, &o->dialect, &o->selective)) !=
	    CLI_OK)
		return rc;
	if (*fmt == TOPO_LDIF && c->out_dir == NULL)
		return cli_usage_err(c, "--format ldif needs --out-dir DIR (a "
					"file per domain)");
	o->no_quarantine = c->no_quarantine;
	o->include_broken = c->include_broken;
	if (c->out_dir != NULL) {
		struct stat st;

		if (stat(c->out_dir, &st) != 0 || !S_ISDIR(st.st_mode))
			return cli_usage_err(c,
					     "--out-dir %s: not a directory "
					     "(create it first)",
					     c->out_dir);
	}
	return CLI_OK;
}

/* Read the --dns-map file (at most ADTOPO_MAP_MAX bytes). */
static int
topo_read_map(struct cli *c, uint8_t **buf, size_t *len)
{
	char *text;
	int e;

	*buf = NULL;
	switch (cli_file_read(c->dns_map, ADTOPO_MAP_MAX, &text, len, &e)) {
	case CLI_FILE_OK:
		*buf = (uint8_t *)text;
		return CLI_OK;
	case CLI_FILE_OPEN:
		return cli_usage_err(c, "--dns-map %s: %s", c->dns_map,
				     strerror(e));
	case CLI_FILE_READ:
		return cli_usage_err(c, "--dns-map %s: read error", c->dns_map);
	case CLI_FILE_BIG:
		return cli_usage_err(c, "--dns-map %s: over %u bytes",
				     c->dns_map, ADTOPO_MAP_MAX);
	default:
		return cli_err(c, "out of memory");
	}
}

/* The DNS names: the map, then --dns-name, then the suffix for the rest. */
static int
topo_dns(struct cli *c, struct adtopo *t)
{
	struct errinfo ei;
	uint8_t *map = NULL;
	size_t len = 0, i;
	int r, rc;

	err_clear(&ei);
	if (c->dns_map != NULL) {
		if ((rc = topo_read_map(c, &map, &len)) != CLI_OK)
			return rc;
		r = adtopo_dns_map(t, map, len, &ei);
		free(map);
		if (r != 0) {
			err_prefix(&ei, "--dns-map %s", c->dns_map);
			return cli_fail(c, ERR_INVALID, &ei);
		}
	}
	for (i = 0; i < (size_t)c->ndns; i++) {
		const char *eq = strchr(c->dns_names[i], '=');
		char name[NAMES_NETBIOS_MAX + 1];
		size_t n = (size_t)(eq - c->dns_names[i]);

		if (n >= sizeof(name))
			return cli_usage_err(c,
					     "--dns-name %s: the domain name "
					     "is too long",
					     c->dns_names[i]);
		memcpy(name, c->dns_names[i], n);
		name[n] = '\0';
		if ((r = adtopo_dns_set(t, name, eq + 1, &ei)) != 0) {
			err_prefix(&ei, "--dns-name");
			return cli_fail(c, ERR_INVALID, &ei);
		}
	}
	if (c->dns_suffix != NULL &&
	    (r = adtopo_dns_suffix(t, c->dns_suffix, &ei)) != 0)
		return cli_fail(c, ERR_INVALID, &ei);
	for (i = 0; i < adtopo_domain_count(t); i++)
		if (adtopo_domain(t, i)->dns[0] == '\0')
			return cli_usage_err(c,
					     "no DNS name for %s: give "
					     "--dns-suffix SUFFIX, --dns-map "
					     "FILE or --dns-name %s=FQDN",
					     adtopo_domain(t, i)->flat,
					     adtopo_domain(t, i)->flat);
	return CLI_OK;
}

/* Domain name of the lab into the topology (once); its index. */
static int
topo_domain(struct cli *c, struct adtopo *t, const char *name, size_t *idx)
{
	struct domain *d;
	struct errinfo ei;
	int r;

	if (adtopo_domain_find(t, name, idx) == 0)
		return CLI_OK;
	err_clear(&ei);
	if ((r = lab_domain(c->lab, name, &d, &ei)) != 0 ||
	    (r = adtopo_domain_add(t, d->rec.name, &d->rec.sid, idx, &ei)) != 0)
		return cli_fail(c, r, &ei);
	return CLI_OK;
}

/* Every trust of the lab into t. */
static int
topo_load(struct cli *c, struct adtopo *t)
{
	struct trust_pair *rows = NULL;
	struct adtrust_input in;
	struct errinfo ei;
	size_t n = 0, i, j, idx[2];
	int r, rc = CLI_OK, k;

	err_clear(&ei);
	memset(&in, 0, sizeof(in));
	if ((r = trust_list(c->lab, NULL, &rows, &n, &ei)) != 0)
		return cli_fail(c, r, &ei);
	for (i = 0; i < n && rc == CLI_OK; i++) {
		if (rows[i].ad) {
			fprintf(stderr,
				"%s: ignored: %s -> %s is an AD trust already "
				"(migrate --apply)\n",
				c->prog, rows[i].trusting, rows[i].trusted);
			continue;
		}
		if (!rows[i].trusting_in_lab || !rows[i].trusted_in_lab) {
			fprintf(stderr,
				"%s: ignored: the NT4 trust %s -> %s (%s is "
				"not in the lab)\n",
				c->prog, rows[i].trusting, rows[i].trusted,
				rows[i].trusting_in_lab ? rows[i].trusted :
							  rows[i].trusting);
			continue;
		}
		if ((rc = topo_domain(c, t, rows[i].trusting, &idx[0])) !=
			    CLI_OK ||
		    (rc = topo_domain(c, t, rows[i].trusted, &idx[1])) !=
			    CLI_OK)
			break;
	}
	if (rc == CLI_OK)
		rc = topo_dns(c, t);
	for (i = 0; i < n && rc == CLI_OK; i++) {
		const char *names[2] = { rows[i].trusting, rows[i].trusted };
		const char *dns[2];
		int reverse = 0;

		if (!rows[i].trusting_in_lab || !rows[i].trusted_in_lab ||
		    rows[i].ad)
			continue;
		/* one read per unordered pair: skip the second row */
		for (j = 0; j < n; j++)
			if (names_equal(rows[j].trusting, rows[i].trusted) &&
			    names_equal(rows[j].trusted, rows[i].trusting))
				reverse = 1;
		if (reverse && strcmp(rows[i].trusting, rows[i].trusted) > 0)
			continue;
		for (k = 0; k < 2; k++) {
			if (adtopo_domain_find(t, names[k], &idx[k]) != 0) {
				rc = cli_err(c, "%s vanished", names[k]);
				goto out;
			}
			dns[k] = adtopo_domain(t, idx[k])->dns;
		}
		if ((r = adtrust_input_from_lab(&in, c->lab, names, dns,
						&ei)) != 0) {
			rc = cli_fail(c, r, &ei);
			goto out;
		}
		for (k = 0; k < 2; k++)
			if (in.nt4[k].present &&
			    (r = adtopo_trust_add(t, idx[k], idx[1 - k],
						  &in.nt4[k], &ei)) != 0) {
				rc = cli_fail(c, r, &ei);
				goto out;
			}
		adtrust_input_wipe(&in);
	}
out:
	adtrust_input_wipe(&in);
	free(rows);
	return rc;
}

/* The refused pairs: one line per broken direction. */
static size_t
topo_refused(struct cli *c, const struct adtopo *t, int to_stdout)
{
	struct adtopo_pair_info pi;
	size_t i, nref = 0;
	int k;

	for (i = 0; i < adtopo_pair_count(t); i++) {
		if (adtopo_pair_get(t, i, &pi) != 0 || !pi.refused)
			continue;
		nref++;
		for (k = 0; k < 2; k++) {
			const char *a = adtopo_domain(t, pi.dom[k])->flat,
				   *b = adtopo_domain(t, pi.dom[1 - k])->flat;

			if (!pi.nt4[k] || strcmp(pi.verdict[k], "healthy") == 0)
				continue;
			if (c->json)
				continue;
			fprintf(to_stdout ? stdout : stderr,
				"%sRefused: the NT4 trust %s -> %s is %s: "
				"repair it first (nt4trust trust repair %s "
				"%s), or give --include-broken --generate\n",
				to_stdout ? "  " : "", a, b, pi.verdict[k], a,
				b);
		}
	}
	return nref;
}

static void
topo_counts(const struct adtopo *t, size_t *two, size_t *one, size_t *broken,
	    size_t *refused)
{
	struct adtopo_pair_info pi;
	size_t i;

	*two = *one = *broken = *refused = 0;
	for (i = 0; i < adtopo_pair_count(t); i++) {
		if (adtopo_pair_get(t, i, &pi) != 0)
			continue;
		if (pi.nt4[0] && pi.nt4[1])
			(*two)++;
		else
			(*one)++;
		*broken += (size_t)pi.broken;
		*refused += (size_t)pi.refused;
	}
}

/* The plan text to stdout (or DIR/plan.txt). */
static int
topo_plan(struct cli *c, const struct adtopo *t, int fd)
{
	struct topo_sink s = { fd, 0 };
	struct errinfo ei;
	struct wbuf w;
	int r;

	err_clear(&ei);
	wbuf_init(&w, TOPO_BUF_MAX);
	fflush(stdout);
	r = adtopo_plan_write(t, &w, topo_flush, &s, &ei);
	wbuf_free(&w);
	if (r != 0)
		return cli_fail(c, r, &ei);
	return CLI_OK;
}

static void
topo_show_passwords(struct cli *c, const struct adtopo *t)
{
	struct adtopo_pair_info pi;
	const uint8_t *pw;
	size_t i, len;
	char *u8;

	for (i = 0; i < adtopo_pair_count(t); i++) {
		if (adtopo_pair_get(t, i, &pi) != 0 || !pi.new_password ||
		    adtopo_password_get(t, i, &pw, &len) != 0)
			continue;
		u8 = NULL;
		if (utf16_to_utf8(&u8, pw, len, NULL) == 0)
			cli_print(c, "  new password of %s <-> %s: %s\n",
				  adtopo_domain(t, pi.dom[0])->flat,
				  adtopo_domain(t, pi.dom[1])->flat, u8);
		if (u8 != NULL) {
			crypto_wipe(u8, strlen(u8));
			free(u8);
		}
	}
}

static int
topo_summary(struct cli *c, const struct adtopo *t)
{
	size_t two, one, broken, refused, n;
	int rc;

	topo_counts(t, &two, &one, &broken, &refused);
	n = adtopo_domain_count(t);
	cli_print(c,
		  "Topology: %zu domains, %zu pairs of NT4 trusts (%zu "
		  "two-way, %zu one-way), %zu broken%s\n",
		  n, two + one, two, one, broken,
		  broken == 0	    ? "" :
		  refused == broken ? " (refused)" :
				      " (included with new passwords)");
	if (refused > 0)
		(void)topo_refused(c, t, 1);
	if (broken > refused)
		cli_print(c, "Passwords: carried over from NT4, except a new "
			     "random one per broken pair (from the OS random "
			     "source; shown only with --show-secrets)\n");
	else
		cli_print(c, "Passwords: carried over from NT4\n");
	if (c->show_secrets)
		topo_show_passwords(c, t);
	if (two + one - refused > 0)
		cli_print(c, "Check: each side's outgoing password is the "
			     "other side's incoming password: ok for every "
			     "pair migrated\n");
	if ((rc = topo_plan(c, t, STDOUT_FILENO)) != CLI_OK)
		return rc;
	cli_print(c, "Write it with --format ldif|netdom|samba-tool|"
		     "powershell|json (--out-dir DIR: one file per "
		     "domain).\n");
	return refused > 0 ? CLI_FAIL : CLI_OK;
}

/* One output format, a file per domain (--out-dir) or all to stdout. */
static int
topo_files(struct cli *c, struct adtopo *t, const struct adtopo_opts *o,
	   int fmt)
{
	struct wbuf w;
	struct adtopo_out out;
	struct topo_sink s;
	struct errinfo ei;
	char path[4200];
	size_t k, nfiles = 0;
	int fd, r, rc = CLI_OK;

	memset(&out, 0, sizeof(out));
	wbuf_init(&w, TOPO_BUF_MAX);
	out.w[topo_kind[fmt]] = &w;
	out.flush = topo_flush;
	out.ctx = &s;
	fflush(stdout);
	for (k = 0; k < adtopo_step_count(t) && rc == CLI_OK; k++) {
		size_t d = adtopo_step_domain(t, k);

		err_clear(&ei);
		s.err = 0;
		s.fd = STDOUT_FILENO;
		if (c->out_dir != NULL) {
			snprintf(path, sizeof(path), "%s/%s.%s", c->out_dir,
				 adtopo_domain(t, d)->flat, topo_ext[fmt]);
			if ((s.fd = topo_open(c, path)) < 0) {
				rc = CLI_FAIL;
				break;
			}
		}
		r = adtopo_domain_write(t, d, o, &out, &ei);
		if (c->out_dir != NULL) {
			rc = topo_close(c, path, s.fd, &s);
			nfiles++;
		}
		if (r != 0 && rc == CLI_OK)
			rc = cli_fail(c, r, &ei);
	}
	wbuf_free(&w);
	if (rc != CLI_OK || c->out_dir == NULL)
		return rc;
	snprintf(path, sizeof(path), "%s/plan.txt", c->out_dir);
	if ((fd = topo_open(c, path)) < 0)
		return CLI_FAIL;
	s.fd = fd;
	s.err = 0;
	rc = topo_plan(c, t, fd);
	if (topo_close(c, path, fd, &s) != CLI_OK)
		rc = CLI_FAIL;
	if (rc == CLI_OK)
		cli_print(c,
			  "Wrote %zu %s files and plan.txt to %s (mode "
			  "0600%s)\n",
			  nfiles, topo_formats[fmt], c->out_dir,
			  fmt == TOPO_LDIF ? ": they hold trust passwords" :
					     "");
	return rc;
}

static json_t *
topo_dom_json(const struct adtrust_domain *d)
{
	return json_pack("{s:s,s:s,s:o}", "flat", d->flat, "dns", d->dns, "sid",
			 cli_sid_json(&d->sid));
}

static int
topo_json(struct cli *c, struct adtopo *t, const struct adtopo_opts *o)
{
	json_t *plan = json_array(), *pairs = json_array();
	struct adtrust_model *m = NULL;
	struct adtopo_pair_info pi;
	struct errinfo ei;
	size_t two, one, broken, refused, i, tdos, accts;
	int rc = CLI_OK, r, k;

	err_clear(&ei);
	if ((m = calloc(1, sizeof(*m))) == NULL) {
		rc = cli_err(c, "out of memory");
		goto out;
	}
	topo_counts(t, &two, &one, &broken, &refused);
	for (i = 0; i < adtopo_step_count(t); i++) {
		size_t d = adtopo_step_domain(t, i);

		adtopo_domain_objects(t, d, &tdos, &accts);
		json_array_append_new(
			plan,
			json_pack("{s:I,s:o,s:I,s:I}", "step",
				  (json_int_t)(i + 1), "domain",
				  topo_dom_json(adtopo_domain(t, d)),
				  "trusted_domain_objects", (json_int_t)tdos,
				  "trust_accounts", (json_int_t)accts));
	}
	for (i = 0; i < adtopo_pair_count(t); i++) {
		json_t *p, *sides = json_array();

		if (adtopo_pair_get(t, i, &pi) != 0)
			continue;
		p = json_pack(
			"{s:s,s:s,s:s,s:s,s:b,s:b,s:b,s:I}", "creator",
			adtopo_domain(t, pi.dom[0])->flat, "partner",
			adtopo_domain(t, pi.dom[1])->flat, "nt4_forward",
			pi.nt4[0] ? pi.verdict[0] : "none", "nt4_backward",
			pi.nt4[1] ? pi.verdict[1] : "none", "broken", pi.broken,
			"refused", pi.refused, "new_password", pi.new_password,
			"validate_after_step", (json_int_t)pi.step);
		if (!pi.refused) {
			if ((r = adtopo_pair_model(t, i, o, m, &ei)) != 0) {
				json_decref(p);
				json_decref(sides);
				rc = cli_fail(c, r, &ei);
				goto out;
			}
			for (k = 0; k < 2; k++) {
				const struct adtrust_tdo *x = &m->side[k];

				json_array_append_new(
					sides,
					json_pack("{s:s,s:I,s:s,s:I,s:b}", "on",
						  x->self.flat,
						  "trustDirection",
						  (json_int_t)x->direction,
						  "direction",
						  adtrust_direction_name(
							  x->direction),
						  "trustAttributes",
						  (json_int_t)x->attributes,
						  "trust_account", x->account));
			}
			adtrust_model_wipe(m);
		}
		json_object_set_new(p, "sides", sides);
		if (c->show_secrets && pi.new_password) {
			const uint8_t *pw;
			size_t len;
			char *u8 = NULL;

			if (adtopo_password_get(t, i, &pw, &len) == 0 &&
			    utf16_to_utf8(&u8, pw, len, NULL) == 0)
				json_object_set_new(p, "password",
						    json_string(u8));
			if (u8 != NULL) {
				crypto_wipe(u8, strlen(u8));
				free(u8);
			}
		}
		json_array_append_new(pairs, p);
	}
	cli_json_set(c, "domains",
		     json_integer((json_int_t)adtopo_domain_count(t)));
	cli_json_set(c, "steps",
		     json_integer((json_int_t)adtopo_step_count(t)));
	cli_json_set(c, "two_way", json_integer((json_int_t)two));
	cli_json_set(c, "one_way", json_integer((json_int_t)one));
	cli_json_set(c, "broken", json_integer((json_int_t)broken));
	cli_json_set(c, "refused", json_integer((json_int_t)refused));
	cli_json_set(c, "plan", plan);
	cli_json_set(c, "pairs", pairs);
	plan = pairs = NULL;
	if (refused > 0)
		rc = CLI_FAIL;
out:
	if (m != NULL) {
		adtrust_model_wipe(m);
		free(m);
	}
	json_decref(plan);
	json_decref(pairs);
	return rc;
}

int
cmd_migrate_topology(struct cli *c)
{
	struct adtopo *t = NULL;
	struct adtopo_opts o;
	struct errinfo ei;
	struct rng rg;
	size_t two, one, broken, refused, bad = 0;
	int fmt = TOPO_SUMMARY, r, rc;

	err_clear(&ei);
	if ((rc = topo_opts(c, &o, &fmt)) != CLI_OK)
		return rc;
	o.now = adtrust_filetime(lab_now(c->lab));
	if ((r = adtopo_new(&t, &ei)) != 0)
		return cli_fail(c, r, &ei);
	if ((rc = topo_load(c, t)) != CLI_OK)
		goto out;
	if ((r = adtopo_build(t, &o, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	topo_counts(t, &two, &one, &broken, &refused);
	if (two + one == 0) {
		rc = cli_err(c, "the lab has no NT4 trust to migrate");
		goto out;
	}
	if (broken > 0 && c->include_broken && !c->generate) {
		rc = cli_usage_err(c,
				   "--include-broken: %zu broken pair(s) need "
				   "a new password: add --generate (one "
				   "random password per pair)",
				   broken);
		goto out;
	}
	if (broken > 0 && c->include_broken) {
		rng_init_os(&rg);
		r = adtopo_passwords_generate(t, &rg, &ei);
		rng_wipe(&rg);
		if (r != 0) {
			rc = cli_fail(c, r, &ei);
			goto out;
		}
	}
	if ((r = adtopo_check(t, &o, &bad, &ei)) != 0) {
		rc = cli_fail(c, r, &ei);
		goto out;
	}
	if (refused > 0 && fmt != TOPO_SUMMARY && fmt != TOPO_JSON) {
		(void)topo_refused(c, t, 0);
		rc = cli_err(c,
			     "%zu broken pair(s) refused: nothing written "
			     "(repair them, or give --include-broken "
			     "--generate)",
			     refused);
		goto out;
	}
	switch (fmt) {
	case TOPO_SUMMARY:
		rc = topo_summary(c, t);
		break;
	case TOPO_JSON:
		rc = topo_json(c, t, &o);
		break;
	default:
		rc = topo_files(c, t, &o, fmt);
		break;
	}
out:
	adtopo_free(t);
	return rc;
}
