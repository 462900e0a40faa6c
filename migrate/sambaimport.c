/*
 * migrate/sambaimport.c - a Samba classic domain's private directory into
 * a lab PDC of flavor samba (REPORT.md section 5 for the records read:
 * passdb.tdb tdbsam v4 USER_ and NEXT_RID, secrets.tdb SECRETS/SID/ and
 * SECRETS/$DOMTRUST.ACC/).  The Samba files are opened read-only; the lab
 * domain is written in one transaction and deleted again on failure.
 */
#include "sambaimport.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/utf16.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/records.h"
#include "nt4/sam.h"

#define SAMBAIMPORT_PATH_MAX 4200

static int
sambaimport_path(char *buf, size_t len, const char *dir, const char *file,
		 struct errinfo *ei)
{
	if ((size_t)snprintf(buf, len, "%s/%s", dir, file) >= len)
		return ERR(ei, ERR_RANGE, "directory name too long: %s", dir);
	return 0;
}

struct sambaimport_pdc {
	const char *domain;
	char pdc[16];
};

static int
sambaimport_find_pdc(const char *name, const struct sid *sid, void *arg)
{
	struct sambaimport_pdc *x = arg;

	(void)sid;
	if (x->pdc[0] != '\0' || names_equal(name, x->domain) ||
	    names_computer_check(name, NULL) != 0)
		return 0;
	(void)names_upper(x->pdc, sizeof(x->pdc), name);
	return 0;
}

int
sambaimport_probe(struct sambaimport_source *s, const char *dir,
		  struct errinfo *ei)
{
	struct sambaimport_pdc x;
	struct secretsdb *sec = NULL;
	char path[SAMBAIMPORT_PATH_MAX];
	int r = ERR_INTERNAL;

	memset(s, 0, sizeof(*s));
	memset(&x, 0, sizeof(x));
	if ((r = sambaview_identify(&s->dom, dir, NULL, NULL, ei)) != 0)
		goto out;
	if (!s->dom.has_sid) {
		r = ERR(ei, ERR_FORMAT,
			"%s/secrets.tdb: no SECRETS/SID/%s record: the "
			"domain's SID is unknown",
			dir, s->dom.name);
		goto out;
	}
	if ((r = sambaimport_path(path, sizeof(path), dir, "secrets.tdb",
				  ei)) != 0 ||
	    (r = secretsdb_open(&sec, path, 0, ei)) != 0)
		goto out;
	x.domain = s->dom.name;
	if ((r = secretsdb_sid_list(sec, sambaimport_find_pdc, &x, ei)) != 0)
		goto out;
	mem_strlcpy(s->pdc, x.pdc, sizeof(s->pdc));
	r = 0;
out:
	secretsdb_close(sec);
	return r;
}

struct sambaimport_walk {
	struct domain *d;
	struct sambaimport_result *res;
	uint32_t max_rid;
	struct errinfo *ei;
};

static int
sambaimport_account(const struct tdbsam_user *u, void *arg)
{
	struct sambaimport_walk *w = arg;
	struct rec_account a;
	int r = ERR_INTERNAL;

	memset(&a, 0, sizeof(a));
	if (mem_strlcpy(a.name, u->username, sizeof(a.name)) >=
	    sizeof(a.name)) {
		r = ERR(w->ei, ERR_RANGE,
			"account %s: name longer than %d bytes", u->username,
			REC_ACCOUNT_MAX);
		goto out;
	}
	if (mem_strlcpy(a.fullname, u->fullname, sizeof(a.fullname)) >=
	    sizeof(a.fullname)) {
		r = ERR(w->ei, ERR_RANGE,
			"account %s: full name longer than %d bytes",
			u->username, REC_FULLNAME_MAX);
		goto out;
	}
	a.rid = u->user_rid;
	a.acb = u->acct_ctrl; /* Samba's ACB_* are the SAMR bits */
	a.has_nt = u->has_nt ? 1 : 0;
	if (u->has_nt)
		memcpy(a.nt_hash, u->nt_hash, 16);
	a.has_lm = u->has_lm ? 1 : 0;
	if (u->has_lm)
		memcpy(a.lm_hash, u->lm_hash, 16);
	a.pwd_last_set = u->pass_last_set_time;
	if (a.pwd_last_set > w->res->newest)
		w->res->newest = a.pwd_last_set;
	a.created = lab_now(w->d->lab);
	if ((r = sam_account_add_rid(w->d, &a, w->ei)) != 0)
		goto out;
	w->res->accounts++;
	if (a.acb & SAM_ACB_DOMTRUST)
		w->res->trust_accounts++;
	if (a.rid > w->max_rid)
		w->max_rid = a.rid;
	r = 0;
out:
	rec_account_wipe(&a);
	return r;
}

static int
sambaimport_trust(const struct secretsdb_trust *t, void *arg)
{
	struct sambaimport_walk *w = arg;
	struct rec_secret sec;
	uint8_t *pw16 = NULL;
	size_t pwlen = 0;
	int r = ERR_INTERNAL;

	memset(&sec, 0, sizeof(sec));
	if ((r = lsa_tdo_add(w->d, t->domain, &t->sid, w->ei)) != 0)
		goto out;
	if (lsa_trust_secret_name(sec.name, sizeof(sec.name), t->domain) != 0) {
		r = ERR(w->ei, ERR_RANGE, "trusted domain %s: name too long",
			t->domain);
		goto out;
	}
	if (t->pass_len > 0) {
		if ((r = utf8_to_utf16(&pw16, &pwlen, t->password, t->pass_len,
				       w->ei)) != 0) {
			err_prefix(w->ei, "trust password for %s", t->domain);
			goto out;
		}
		if (pwlen > sizeof(sec.cur)) {
			r = ERR(w->ei, ERR_RANGE,
				"trust password for %s: longer than a lab "
				"secret holds (%zu bytes)",
				t->domain, sizeof(sec.cur));
			goto out;
		}
		sec.has_cur = 1;
		sec.cur_len = (uint32_t)pwlen;
		memcpy(sec.cur, pw16, pwlen);
		sec.cur_time = t->mod_time;
		if (sec.cur_time > w->res->newest)
			w->res->newest = sec.cur_time;
	}
	if ((r = lsa_secret_put(w->d, &sec, w->ei)) != 0)
		goto out;
	w->res->trusted_domains++;
	r = 0;
out:
	if (pw16 != NULL) {
		crypto_wipe(pw16, pwlen);
		free(pw16);
	}
	rec_secret_wipe(&sec);
	return r;
}

/* Fill the new, empty domain d (inside its transaction). */
static int
sambaimport_fill(struct domain *d, const struct sambaimport_source *s,
		 struct sambaimport_result *res, struct errinfo *ei)
{
	struct sambaimport_walk w;
	struct secretsdb *sec = NULL;
	struct tdbsam *sam = NULL;
	char path[SAMBAIMPORT_PATH_MAX];
	uint32_t next = 0;
	int r = ERR_INTERNAL;

	memset(&w, 0, sizeof(w));
	w.d = d;
	w.res = res;
	w.ei = ei;
	if ((r = sambaimport_path(path, sizeof(path), s->dom.dir, "passdb.tdb",
				  ei)) != 0 ||
	    (r = tdbsam_open(&sam, path, 0, ei)) != 0 ||
	    (r = tdbsam_list(sam, sambaimport_account, &w, ei)) != 0)
		goto out;
	r = tdbsam_next_rid(sam, &next, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	/* NEXT_RID, but never below a RID in use (RIDs are not reused) */
	if (w.max_rid != UINT32_MAX && next <= w.max_rid)
		next = w.max_rid + 1;
	if (next > d->rec.next_rid && (r = sam_next_rid_set(d, next, ei)) != 0)
		goto out;
	res->next_rid = d->rec.next_rid;
	if ((r = sambaimport_path(path, sizeof(path), s->dom.dir, "secrets.tdb",
				  ei)) != 0 ||
	    (r = secretsdb_open(&sec, path, 0, ei)) != 0 ||
	    (r = secretsdb_trust_list(sec, sambaimport_trust, &w, ei)) != 0)
		goto out;
	r = 0;
out:
	secretsdb_close(sec);
	tdbsam_close(sam);
	return r;
}

int
sambaimport_domain(struct lab *l, const struct sambaimport_source *s,
		   struct sambaimport_result *res, struct errinfo *ei)
{
	struct sambaimport_result tmp;
	struct domain_opts o;
	struct domain *d = NULL;
	int r = ERR_INTERNAL, created = 0, in_txn = 0;

	memset(&tmp, 0, sizeof(tmp));
	memset(&o, 0, sizeof(o));
	if (res != NULL)
		memset(res, 0, sizeof(*res));
	o.sid = &s->dom.sid;
	o.pdc = s->pdc[0] != '\0' ? s->pdc : NULL;
	o.flavor = REC_FLAVOR_SAMBA;
	o.nl_caps = 0;
	if ((r = domain_create(l, s->dom.name, &o, &d, ei)) != 0)
		goto out;
	created = 1;
	if ((r = domain_begin(d, ei)) != 0)
		goto out;
	in_txn = 1;
	if ((r = sambaimport_fill(d, s, &tmp, ei)) != 0) {
		err_prefix(ei, "importing %s from %s", s->dom.name, s->dom.dir);
		goto out;
	}
	in_txn = 0;
	if ((r = domain_commit(d, ei)) != 0)
		goto out;
	if (res != NULL)
		*res = tmp;
	r = 0;
out:
	if (in_txn)
		domain_cancel(d);
	if (r != 0 && created)
		(void)domain_delete(l, s->dom.name, NULL);
	return r;
}
