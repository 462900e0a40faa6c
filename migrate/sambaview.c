/*
 * migrate/sambaview.c - the neutral trust view from two Samba classic
 * private directories (REPORT.md section 5: passdb.tdb tdbsam v4 and
 * secrets.tdb), read-only, for nt4/diag.c.
 *
 * Trusting side: SECRETS/$DOMTRUST.ACC/<TRUSTED> is Samba's trusted-domain
 * entry and secret in one record (TRUSTED_DOM_PASS: name, password in
 * clear, set time, SID); its NT hash is compared with the trusted side's
 * account.  Trusted side: USER_<trusting lower-case>$ in passdb.tdb.  Both
 * SIDs come from SECRETS/SID/<NAME>.  Reachability is not known from files;
 * the trusted PDC counts as reachable.
 */
#include "sambaview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "nt4/records.h"

struct sambaview_names {
	char name[2][16];
	struct sid sid[2];
	int n;
	int more;
};

static int
sambaview_collect_sid(const char *name, const struct sid *sid, void *arg)
{
	struct sambaview_names *x = arg;

	if (names_domain_check(name, NULL) != 0)
		return 0;
	if (x->n == 2) {
		x->more = 1;
		return 0;
	}
	(void)names_upper(x->name[x->n], sizeof(x->name[0]), name);
	x->sid[x->n] = *sid;
	x->n++;
	return 0;
}

struct sambaview_dom {
	char domain[16];
	int found;
};

static int
sambaview_first_domain(const struct tdbsam_user *u, void *arg)
{
	struct sambaview_dom *x = arg;

	if (u->domain[0] == '\0' || names_domain_check(u->domain, NULL) != 0)
		return 0;
	(void)names_upper(x->domain, sizeof(x->domain), u->domain);
	x->found = 1;
	return 1; /* one is enough: a SAM has one domain */
}

int
sambaview_path(char *buf, size_t len, const char *dir, const char *file,
	       struct errinfo *ei)
{
	if ((size_t)snprintf(buf, len, "%s/%s", dir, file) >= len)
		return ERR(ei, ERR_RANGE, "directory name too long: %s", dir);
	return 0;
}

int
sambaview_identify(struct sambaview_domain *d, const char *dir,
		   const char *name, const char *hint, struct errinfo *ei)
{
	struct sambaview_names sn;
	struct sambaview_dom dom;
	struct secretsdb *sec = NULL;
	struct tdbsam *sam = NULL;
	char path[4200];
	int r, i;

	memset(d, 0, sizeof(*d));
	memset(&sn, 0, sizeof(sn));
	memset(&dom, 0, sizeof(dom));
	mem_strlcpy(d->dir, dir, sizeof(d->dir));
	if ((r = sambaview_path(path, sizeof(path), dir, "secrets.tdb", ei)) !=
		    0 ||
	    (r = secretsdb_open(&sec, path, 0, ei)) != 0)
		goto out;
	if ((r = secretsdb_sid_list(sec, sambaview_collect_sid, &sn, ei)) != 0)
		goto out;
	if (name != NULL) {
		if ((r = names_domain_check(name, ei)) != 0)
			goto out;
		(void)names_upper(dom.domain, sizeof(dom.domain), name);
		dom.found = 1;
	} else {
		/* the domain the SAM's own accounts name */
		if ((r = sambaview_path(path, sizeof(path), dir, "passdb.tdb",
					ei)) != 0)
			goto out;
		if (tdbsam_open(&sam, path, 0, NULL) == 0 &&
		    (r = tdbsam_list(sam, sambaview_first_domain, &dom, ei)) <
			    0)
			goto out;
		r = 0;
	}
	if (!dom.found && sn.n == 1 && !sn.more) {
		mem_strlcpy(dom.domain, sn.name[0], sizeof(dom.domain));
		dom.found = 1;
	}
	if (!dom.found) {
		r = ERR(ei, ERR_INVALID,
			"%s: cannot tell the domain's name (its passdb.tdb "
			"names none; secrets.tdb has %s%s%s)%s%s",
			dir, sn.n > 0 ? sn.name[0] : "no SID",
			sn.n > 1 ? " and " : "", sn.n > 1 ? sn.name[1] : "",
			hint != NULL ? ": " : "", hint != NULL ? hint : "");
		goto out;
	}
	mem_strlcpy(d->name, dom.domain, sizeof(d->name));
	for (i = 0; i < sn.n; i++)
		if (names_equal(sn.name[i], d->name)) {
			d->sid = sn.sid[i];
			d->has_sid = 1;
		}
	r = 0;
out:
	tdbsam_close(sam);
	secretsdb_close(sec);
	return r;
}

int
sambaview_has_trust(const struct sambaview_domain *d, const char *domain)
{
	struct secretsdb_trust t;
	struct secretsdb *sec = NULL;
	char path[4200];
	int r;

	if (sambaview_path(path, sizeof(path), d->dir, "secrets.tdb", NULL) !=
		    0 ||
	    secretsdb_open(&sec, path, 0, NULL) != 0)
		return 0;
	r = secretsdb_trust_get(sec, domain, &t, NULL);
	secretsdb_trust_wipe(&t);
	secretsdb_close(sec);
	return r == 0;
}

int
sambaview_secret_from(struct sambaview_secret *s,
		      const struct secretsdb_trust *t, struct errinfo *ei)
{
	int r = ERR_INTERNAL;

	memset(s, 0, sizeof(*s));
	s->sid = t->sid;
	s->mod_time = t->mod_time;
	s->has_cur = t->pass_len > 0;
	if (s->has_cur && (r = ntlm_nt_hash(t->password, s->cur_hash, ei)) != 0)
		goto out;
	r = 0;
out:
	if (r != 0)
		crypto_wipe(s, sizeof(*s));
	return r;
}

int
sambaview_account_from(struct sambaview_account *a, const struct tdbsam_user *u)
{
	memset(a, 0, sizeof(*a));
	if (mem_strlcpy(a->name, u->username, sizeof(a->name)) >=
	    sizeof(a->name))
		return ERR_RANGE;
	a->rid = u->user_rid;
	a->acb = u->acct_ctrl;
	a->has_nt = u->has_nt;
	if (u->has_nt)
		memcpy(a->nt_hash, u->nt_hash, 16);
	a->pwd_last_set = u->pass_last_set_time;
	return 0;
}

int
sambaview_fill(struct view *v, const struct sambaview_domain *trusting,
	       const struct sambaview_domain *trusted,
	       const struct sambaview_secret *sec,
	       const struct sambaview_account *acct, struct errinfo *ei)
{
	char name[REC_NAME_MAX + 2];
	int r = ERR_INTERNAL;

	memset(v, 0, sizeof(*v));
	mem_strlcpy(v->trusting.name, trusting->name, sizeof(v->trusting.name));
	mem_strlcpy(v->trusted.name, trusted->name, sizeof(v->trusted.name));
	/* trusting side: secrets.tdb */
	v->trusting.known = 1;
	v->trusting.flavor = REC_FLAVOR_SAMBA;
	v->trusting.sid = trusting->sid;
	if (sec != NULL) {
		v->trusting.has_tdo = 1;
		v->trusting.tdo_sid = sec->sid;
		v->trusting.has_secret = 1;
		v->trusting.has_cur = sec->has_cur;
		v->trusting.cur_time = sec->mod_time;
		if (sec->has_cur)
			memcpy(v->trusting.cur_hash, sec->cur_hash, 16);
	}
	/* trusted side: passdb.tdb */
	v->trusted.known = 1;
	v->trusted.flavor = REC_FLAVOR_SAMBA;
	v->trusted.reachable = 1; /* files tell nothing about the network */
	v->trusted.sid = trusted->sid;
	if ((r = names_trust_account(name, sizeof(name), trusting->name, ei)) !=
	    0)
		goto out;
	mem_strlcpy(v->trusted.account, name, sizeof(v->trusted.account));
	if (acct != NULL) {
		v->trusted.has_account = 1;
		v->trusted.rid = acct->rid;
		v->trusted.acb = acct->acb;
		v->trusted.has_nt = acct->has_nt;
		memcpy(v->trusted.nt_hash, acct->nt_hash, 16);
		v->trusted.pwd_last_set = acct->pwd_last_set;
	}
	r = 0;
out:
	if (r != 0)
		view_wipe(v);
	return r;
}

int
sambaview_load(struct view *v, const struct sambaview_domain *trusting,
	       const struct sambaview_domain *trusted, struct errinfo *ei)
{
	struct sambaview_secret sec;
	struct sambaview_account acct;
	struct secretsdb_trust t;
	struct tdbsam_user *u = NULL;
	struct secretsdb *sdb = NULL;
	struct tdbsam *sam = NULL;
	char path[4200], name[REC_NAME_MAX + 2];
	int r, has_sec = 0, has_acct = 0;

	memset(v, 0, sizeof(*v));
	memset(&t, 0, sizeof(t));
	memset(&sec, 0, sizeof(sec));
	memset(&acct, 0, sizeof(acct));
	/* trusting side: secrets.tdb */
	if ((r = sambaview_path(path, sizeof(path), trusting->dir,
				"secrets.tdb", ei)) != 0 ||
	    (r = secretsdb_open(&sdb, path, 0, ei)) != 0)
		goto out;
	r = secretsdb_trust_get(sdb, trusted->name, &t, ei);
	if (r == 0) {
		if ((r = sambaview_secret_from(&sec, &t, ei)) != 0)
			goto out;
		has_sec = 1;
	} else if (r != ERR_NOTFOUND) {
		goto out;
	}
	/* trusted side: passdb.tdb */
	if ((r = names_trust_account(name, sizeof(name), trusting->name, ei)) !=
	    0)
		goto out;
	u = mem_alloc(sizeof(*u));
	if (u == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	if ((r = sambaview_path(path, sizeof(path), trusted->dir, "passdb.tdb",
				ei)) != 0 ||
	    (r = tdbsam_open(&sam, path, 0, ei)) != 0)
		goto out;
	r = tdbsam_find(sam, name, u, ei);
	if (r == 0) {
		/* a name over 256 bytes cannot be the one looked up */
		if ((r = sambaview_account_from(&acct, u)) != 0) {
			r = ERR(ei, ERR_INTERNAL, "account name too long");
			goto out;
		}
		has_acct = 1;
	} else if (r != ERR_NOTFOUND) {
		goto out;
	}
	r = sambaview_fill(v, trusting, trusted, has_sec ? &sec : NULL,
			   has_acct ? &acct : NULL, ei);
out:
	secretsdb_trust_wipe(&t);
	crypto_wipe(&sec, sizeof(sec));
	crypto_wipe(&acct, sizeof(acct));
	if (u != NULL) {
		tdbsam_user_wipe(u);
		free(u);
	}
	tdbsam_close(sam);
	secretsdb_close(sdb);
	if (r != 0)
		view_wipe(v);
	return r;
}
