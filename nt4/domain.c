/*
 * nt4/domain.c - an emulated NT4 PDC: create, open, delete, transactions and
 * typed record access on its store.
 *
 * Store layout (docs/formats/store.md): DOMAIN (identity), ACCOUNT/<rid>,
 * ACCOUNTNAME/<NAME>, TDO/<NAME>, SECRET/<name>.  Does not implement SAM or
 * LSA semantics (nt4/sam.c, nt4/lsa.c) nor Netlogon (nt4/netlogon.c).
 */
#include "domain.h"

#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/nlcrypto.h"
#include "common/rng.h"
#include "common/wbuf.h"
#include "nt4/lab.h"
#include "nt4/lab_int.h"
#include "nt4/netlogon.h"
#include "nt4/store.h"

#define DOMAIN_KEY "DOMAIN"
#define DOMAIN_RECORD_MAX 4096

const char *
domain_flavor_name(uint32_t flavor)
{
	return flavor == REC_FLAVOR_SAMBA ? "samba" : "nt4";
}

static int
domain_new_sid(struct lab *l, struct sid *sid, struct errinfo *ei)
{
	uint32_t v[3];
	int i, r;

	memset(sid, 0, sizeof(*sid));
	sid->rev = 1;
	sid->auth = 5;
	sid->count = 4;
	sid->sub[0] = 21;
	for (i = 0; i < 3; i++) {
		/* Windows draws the three values at random; keep them large. */
		r = rng_uniform(lab_rng(l), 0x7FFFFFFFu, &v[i]);
		if (r != 0)
			return lab_rng_failed(l, r, ei);
		sid->sub[i + 1] = v[i] + 0x10000000u;
	}
	return 0;
}

int
domain_get_record(struct domain *d, const char *key, int type, void *rec,
		  struct errinfo *ei)
{
	uint8_t *v = NULL;
	size_t n;
	int r;

	r = store_get(d->st, key, &v, &n, ei);
	if (r != 0)
		return r;
	switch (type) {
	case REC_DOMAIN:
		r = rec_domain_decode(rec, v, n, ei);
		break;
	case REC_ACCOUNT:
		r = rec_account_decode(rec, v, n, ei);
		break;
	case REC_NAMEIDX:
		r = rec_nameidx_decode(rec, v, n, ei);
		break;
	case REC_TDO:
		r = rec_tdo_decode(rec, v, n, ei);
		break;
	case REC_SECRET:
		r = rec_secret_decode(rec, v, n, ei);
		break;
	case REC_ADTDO:
		r = rec_adtdo_decode(rec, v, n, ei);
		break;
	case REC_ALLOWAUTH:
		r = rec_allowauth_decode(rec, v, n, ei);
		break;
	case REC_SIDHIST:
		r = rec_sidhist_decode(rec, v, n, ei);
		break;
	default:
		r = ERR(ei, ERR_INTERNAL, "unknown record type %d", type);
	}
	if (r != 0) {
		err_prefix(ei, "corrupt record in %s, key %s",
			   store_path(d->st), key);
		if (r == ERR_NOTFOUND)
			r = ERR_FORMAT;
	}
	crypto_wipe(v, n);
	free(v);
	return r;
}

int
domain_put_record(struct domain *d, const char *key, int type, const void *rec,
		  struct errinfo *ei)
{
	struct wbuf w;
	int r;

	wbuf_init(&w, DOMAIN_RECORD_MAX);
	switch (type) {
	case REC_DOMAIN:
		r = rec_domain_encode(rec, &w);
		break;
	case REC_ACCOUNT:
		r = rec_account_encode(rec, &w);
		break;
	case REC_NAMEIDX:
		r = rec_nameidx_encode(*(const uint32_t *)rec, &w);
		break;
	case REC_TDO:
		r = rec_tdo_encode(rec, &w);
		break;
	case REC_SECRET:
		r = rec_secret_encode(rec, &w);
		break;
	case REC_ADTDO:
		r = rec_adtdo_encode(rec, &w);
		break;
	case REC_ALLOWAUTH:
		r = rec_allowauth_encode(rec, &w);
		break;
	case REC_SIDHIST:
		r = rec_sidhist_encode(rec, &w);
		break;
	default:
		r = ERR_INTERNAL;
	}
	if (r != 0)
		r = ERR(ei, r, "cannot encode record %s", key);
	else
		r = store_put(d->st, key, w.p, w.len, ei);
	wbuf_free(&w);
	return r;
}

int
domain_open(struct lab *l, const char *name, const char *path,
	    struct domain **out, struct errinfo *ei)
{
	struct domain *d = NULL;
	int r = ERR_INTERNAL;

	*out = NULL;
	d = mem_zalloc(sizeof(*d));
	if (d == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	d->lab = l;
	if ((r = store_open(&d->st, path, STORE_CACHE, ei)) != 0)
		goto out;
	r = domain_get_record(d, DOMAIN_KEY, REC_DOMAIN, &d->rec, ei);
	if (r == ERR_NOTFOUND) {
		r = ERR(ei, ERR_FORMAT,
			"%s: key %s missing: not an nt4trust domain store",
			path, DOMAIN_KEY);
		goto out;
	}
	if (r != 0)
		goto out;
	if (!names_equal(d->rec.name, name)) {
		r = ERR(ei, ERR_FORMAT,
			"%s holds domain %s, not %s (file renamed?)", path,
			d->rec.name, name);
		goto out;
	}
	if ((r = netlogon_server_new(&d->nl, ei)) != 0)
		goto out;
	*out = d;
	d = NULL;
	r = 0;
out:
	domain_close(d);
	return r;
}

void
domain_close(struct domain *d)
{
	if (d == NULL)
		return;
	netlogon_server_free(d->nl);
	store_close(d->st);
	free(d);
}

int
domain_create(struct lab *l, const char *name, const struct domain_opts *o,
	      struct domain **out, struct errinfo *ei)
{
	struct domain *d = NULL;
	char path[4096], up[REC_NAME_MAX + 1];
	int r = ERR_INTERNAL, created = 0;

	*out = NULL;
	if ((r = names_domain_check(name, ei)) != 0)
		goto out;
	if (o->pdc != NULL && (r = names_computer_check(o->pdc, ei)) != 0)
		goto out;
	if (o->sid != NULL && !sid_is_domain(o->sid)) {
		r = ERR(ei, ERR_INVALID,
			"SID for %s is not a domain SID (S-1-5-21-a-b-c)",
			name);
		goto out;
	}
	if (lab_domain_path(l, name, path, sizeof(path)) != 0) {
		r = ERR(ei, ERR_RANGE, "path too long");
		goto out;
	}
	(void)names_upper(up, sizeof(up), name);
	d = mem_zalloc(sizeof(*d));
	if (d == NULL) {
		r = ERR(ei, ERR_NOMEM, "out of memory");
		goto out;
	}
	d->lab = l;
	r = store_open(&d->st, path, STORE_CREATE | STORE_CACHE, ei);
	if (r == ERR_EXISTS) {
		err_clear(ei);
		r = ERR(ei, ERR_EXISTS, "domain %s already exists in lab %s",
			up, lab_dir(l));
		goto out;
	}
	if (r != 0)
		goto out;
	created = 1;
	memcpy(d->rec.name, up, sizeof(up));
	if (o->pdc != NULL)
		(void)names_upper(d->rec.pdc, sizeof(d->rec.pdc), o->pdc);
	else
		snprintf(d->rec.pdc, sizeof(d->rec.pdc), "%.12sPDC", up);
	if (o->sid != NULL)
		d->rec.sid = *o->sid;
	else if ((r = domain_new_sid(l, &d->rec.sid, ei)) != 0)
		goto out;
	d->rec.flavor = o->flavor;
	d->rec.next_rid = 1000;
	if (o->nl_caps != 0)
		d->rec.nl_caps = o->nl_caps;
	else if (o->flavor == REC_FLAVOR_SAMBA)
		d->rec.nl_caps = DOMAIN_NL_CAPS_AES;
	else
		d->rec.nl_caps = DOMAIN_NL_CAPS_DEFAULT;
	d->rec.created = lab_now(l);
	if ((r = store_begin(d->st, ei)) != 0)
		goto out;
	if ((r = domain_rec_save(d, ei)) != 0 ||
	    (r = store_commit(d->st, ei)) != 0) {
		store_cancel(d->st);
		goto out;
	}
	if ((r = netlogon_server_new(&d->nl, ei)) != 0)
		goto out;
	if ((r = lab_domain_adopt(l, up, d, ei)) != 0)
		goto out;
	*out = d;
	d = NULL;
	r = 0;
out:
	if (d != NULL) {
		domain_close(d);
		if (created)
			unlink(path);
	}
	return r;
}

int
domain_delete(struct lab *l, const char *name, struct errinfo *ei)
{
	char path[4096];
	int r;

	if ((r = names_domain_check(name, ei)) != 0)
		return r;
	if (lab_domain_path(l, name, path, sizeof(path)) != 0)
		return ERR(ei, ERR_RANGE, "path too long");
	lab_domain_forget(l, name);
	/* Its Netlogon state and its network state go with it. */
	(void)lab_channel_drop_domain(l, name);
	if (lab_offline(l, name) && (r = lab_set_offline(l, name, 0, ei)) != 0)
		return r;
	if (unlink(path) != 0) {
		if (errno == ENOENT)
			return ERR(ei, ERR_NOTFOUND, "no domain %s in lab %s",
				   name, lab_dir(l));
		return ERR(ei, ERR_IO, "%s: %s", path, strerror(errno));
	}
	return 0;
}

int
domain_begin(struct domain *d, struct errinfo *ei)
{
	int r = store_begin(d->st, ei);

	if (r != 0)
		return r;
	/* Re-read the identity: another process may have moved next_rid. */
	r = domain_get_record(d, DOMAIN_KEY, REC_DOMAIN, &d->rec, ei);
	if (r != 0)
		store_cancel(d->st);
	return r;
}

int
domain_commit(struct domain *d, struct errinfo *ei)
{
	return store_commit(d->st, ei);
}

void
domain_cancel(struct domain *d)
{
	struct errinfo ign;

	store_cancel(d->st);
	err_clear(&ign);
	(void)domain_get_record(d, DOMAIN_KEY, REC_DOMAIN, &d->rec, &ign);
}

int
domain_rec_save(struct domain *d, struct errinfo *ei)
{
	return domain_put_record(d, DOMAIN_KEY, REC_DOMAIN, &d->rec, ei);
}

/* ---- backup and restore ---- */

static int
domain_backup_path(struct lab *l, const char *name, const char *tag, char *buf,
		   size_t len, int mkdirs, struct errinfo *ei)
{
	char up[REC_NAME_MAX + 1];
	size_t i, n = strlen(tag);

	if (n == 0 || n > 32)
		return ERR(ei, ERR_INVALID,
			   "backup tag '%.40s': 1 to 32 characters", tag);
	for (i = 0; i < n; i++) {
		char ch = tag[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
		      ch == '-'))
			return ERR(ei, ERR_INVALID,
				   "backup tag '%s': character '%c' is not "
				   "allowed (use A-Z a-z 0-9 . _ -)",
				   tag, ch);
	}
	if (tag[0] == '.')
		return ERR(ei, ERR_INVALID,
			   "backup tag '%s' may not start with '.'", tag);
	(void)names_upper(up, sizeof(up), name);
	if ((size_t)snprintf(buf, len, "%s/backup", lab_dir(l)) >= len)
		return ERR(ei, ERR_RANGE, "path too long");
	if (mkdirs && mkdir(buf, 0700) != 0 && errno != EEXIST)
		return ERR(ei, ERR_IO, "%s: %s", buf, strerror(errno));
	if ((size_t)snprintf(buf, len, "%s/backup/%s.%s.tdb", lab_dir(l), up,
			     tag) >= len)
		return ERR(ei, ERR_RANGE, "path too long");
	return 0;
}

struct domain_copy {
	struct store *to;
	struct errinfo *ei;
};

static int
domain_copy_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct domain_copy *c = arg;

	return store_put(c->to, key, val, len, c->ei);
}

static int
domain_delete_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct domain_copy *c = arg;

	(void)val;
	(void)len;
	return store_delete(c->to, key, c->ei);
}

int
domain_backup(struct lab *l, const char *name, const char *tag,
	      struct errinfo *ei)
{
	struct domain *d = NULL;
	struct store *to = NULL;
	struct domain_copy c;
	char path[4096];
	int r, created = 0;

	if ((r = lab_domain(l, name, &d, ei)) != 0 ||
	    (r = domain_backup_path(l, name, tag, path, sizeof(path), 1, ei)) !=
		    0)
		return r;
	r = store_open(&to, path, STORE_CREATE, ei);
	if (r == ERR_EXISTS) {
		err_clear(ei);
		return ERR(ei, ERR_EXISTS, "backup %s of %s exists already",
			   tag, d->rec.name);
	}
	if (r != 0)
		return r;
	created = 1;
	/* A transaction on the source holds it still while it is copied. */
	if ((r = store_begin(d->st, ei)) != 0)
		goto out;
	if ((r = store_begin(to, ei)) == 0) {
		c.to = to;
		c.ei = ei;
		r = store_list(d->st, "", domain_copy_one, &c, ei);
		if (r == 0)
			r = store_commit(to, ei);
		else
			store_cancel(to);
	}
	store_cancel(d->st);
out:
	store_close(to);
	if (r != 0 && created)
		unlink(path);
	return r;
}

int
domain_restore(struct lab *l, const char *name, const char *tag,
	       struct errinfo *ei)
{
	struct domain *d = NULL;
	struct store *from = NULL;
	struct rec_domain rec;
	struct domain_copy c;
	uint8_t *v = NULL;
	size_t n;
	char path[4096];
	int r;

	if ((r = lab_domain(l, name, &d, ei)) != 0 ||
	    (r = domain_backup_path(l, name, tag, path, sizeof(path), 0, ei)) !=
		    0)
		return r;
	r = store_open(&from, path, STORE_RDONLY, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_NOTFOUND, "no backup %s of %s (%s)", tag,
			   d->rec.name, path);
	if (r != 0)
		return r;
	r = store_get(from, DOMAIN_KEY, &v, &n, ei);
	if (r == 0) {
		r = rec_domain_decode(&rec, v, n, ei);
		free(v);
	} else if (r == ERR_NOTFOUND) {
		r = ERR(ei, ERR_INVALID, "%s is not a domain backup", path);
	}
	if (r == 0 && !names_equal(rec.name, d->rec.name))
		r = ERR(ei, ERR_INVALID, "%s is a backup of %s, not of %s",
			path, rec.name, d->rec.name);
	if (r != 0)
		goto out;
	/* All or nothing: one transaction replaces every record. */
	if ((r = store_begin(d->st, ei)) != 0)
		goto out;
	c.to = d->st;
	c.ei = ei;
	r = store_list(d->st, "", domain_delete_one, &c, ei);
	if (r == 0)
		r = store_list(from, "", domain_copy_one, &c, ei);
	if (r == 0)
		r = store_commit(d->st, ei);
	else
		store_cancel(d->st);
	if (r == 0)
		r = domain_get_record(d, DOMAIN_KEY, REC_DOMAIN, &d->rec, ei);
	/* A restored PDC starts afresh: no secure channel survives. */
	if (r == 0)
		(void)lab_channel_drop_domain(l, d->rec.name);
out:
	store_close(from);
	return r;
}
