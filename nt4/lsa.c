/*
 * nt4/lsa.c - LSA trusted-domain objects and secrets of an emulated PDC
 * ([MS-LSAD] 3.1.1.4 secret data model, 3.1.1.5 TDO data model, 3.1.4.6
 * LsarSetSecret semantics: "old := current when no old value is given").
 *
 * Keys: TDO/<NAME> (NetBIOS name upper-cased), SECRET/<name> (secret names
 * are case-sensitive).
 */
#include "lsa.h"

#include <stdio.h>
#include <string.h>

#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/store.h"

#define LSA_KEY_MAX 256

static int
lsa_tdo_key(char *key, size_t len, const char *name)
{
	char up[REC_NAME_MAX + 1];

	if (names_upper(up, sizeof(up), name) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(key, len, "TDO/%s", up) >= len)
		return ERR_RANGE;
	return 0;
}

int
lsa_tdo_add(struct domain *d, const char *name, const struct sid *sid,
	    struct errinfo *ei)
{
	struct rec_tdo t;
	char key[LSA_KEY_MAX];
	int r;

	if ((r = names_domain_check(name, ei)) != 0)
		return r;
	if (!sid_is_domain(sid))
		return ERR(ei, ERR_INVALID,
			   "SID of %s is not a domain SID (S-1-5-21-a-b-c)",
			   name);
	if (lsa_tdo_key(key, sizeof(key), name) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	r = lsa_tdo_get(d, name, &t, ei);
	if (r == 0)
		return ERR(ei, ERR_EXISTS, "%s already trusts %s", d->rec.name,
			   t.name);
	if (r != ERR_NOTFOUND)
		return r;
	memset(&t, 0, sizeof(t));
	(void)names_upper(t.name, sizeof(t.name), name);
	t.sid = *sid;
	t.posix_offset = 0;
	t.created = lab_now(d->lab);
	return domain_put_record(d, key, REC_TDO, &t, ei);
}

int
lsa_tdo_get(struct domain *d, const char *name, struct rec_tdo *out,
	    struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	memset(out, 0, sizeof(*out));
	if (lsa_tdo_key(key, sizeof(key), name) != 0)
		return ERR_NOTFOUND;
	return domain_get_record(d, key, REC_TDO, out, ei);
}

int
lsa_tdo_delete(struct domain *d, const char *name, struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	if (lsa_tdo_key(key, sizeof(key), name) != 0)
		return ERR_NOTFOUND;
	return store_delete(d->st, key, ei);
}

struct lsa_walk {
	struct domain *d;
	int type;
	lsa_tdo_fn tfn;
	lsa_secret_fn sfn;
	void *arg;
	struct errinfo *ei;
};

static int
lsa_walk_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct lsa_walk *w = arg;
	struct rec_tdo t;
	struct rec_secret s;
	int r;

	if (w->type == REC_TDO) {
		r = rec_tdo_decode(&t, val, len, w->ei);
		if (r == 0)
			return w->tfn(&t, w->arg);
	} else {
		r = rec_secret_decode(&s, val, len, w->ei);
		if (r == 0) {
			r = w->sfn(&s, w->arg);
			rec_secret_wipe(&s);
			return r;
		}
	}
	err_prefix(w->ei, "corrupt record in %s, key %s", store_path(w->d->st),
		   key);
	return r;
}

int
lsa_tdo_list(struct domain *d, lsa_tdo_fn fn, void *arg, struct errinfo *ei)
{
	struct lsa_walk w = { d, REC_TDO, fn, NULL, arg, ei };

	return store_list(d->st, "TDO/", lsa_walk_one, &w, ei);
}

int
lsa_secret_name_check(const char *name, struct errinfo *ei)
{
	struct errinfo sub;
	size_t n;

	err_clear(&sub);
	if (name[0] == '\0')
		return ERR(ei, ERR_INVALID, "secret name is empty");
	if (utf8_check(name, &sub) != 0)
		return ERR(ei, ERR_INVALID, "secret name: %s", sub.msg);
	n = utf8_len16(name);
	if (n > REC_SECRET_NAME_MAX || strlen(name) > REC_SECRET_NAME_MAX)
		return ERR(ei, ERR_INVALID,
			   "secret name '%.40s...' longer than %d characters",
			   name, REC_SECRET_NAME_MAX);
	if (strchr(name, '\\') != NULL)
		return ERR(ei, ERR_INVALID,
			   "secret name '%s': '\\' is not allowed", name);
	return 0;
}

int
lsa_trust_secret_name(char *buf, size_t len, const char *domain)
{
	char up[REC_NAME_MAX + 1];

	if (names_upper(up, sizeof(up), domain) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(buf, len, "%s%s", LSA_TRUST_SECRET_PREFIX, up) >=
	    len)
		return ERR_RANGE;
	return 0;
}

static int
lsa_secret_key(char *key, size_t len, const char *name)
{
	if ((size_t)snprintf(key, len, "SECRET/%s", name) >= len)
		return ERR_RANGE;
	return 0;
}

int
lsa_secret_get(struct domain *d, const char *name, struct rec_secret *out,
	       struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	memset(out, 0, sizeof(*out));
	if (lsa_secret_key(key, sizeof(key), name) != 0)
		return ERR_NOTFOUND;
	return domain_get_record(d, key, REC_SECRET, out, ei);
}

int
lsa_secret_put(struct domain *d, const struct rec_secret *s, struct errinfo *ei)
{
	char key[LSA_KEY_MAX];
	int r;

	if ((r = lsa_secret_name_check(s->name, ei)) != 0)
		return r;
	if (lsa_secret_key(key, sizeof(key), s->name) != 0)
		return ERR(ei, ERR_RANGE, "secret name too long");
	return domain_put_record(d, key, REC_SECRET, s, ei);
}

int
lsa_secret_set(struct domain *d, const char *name, const uint8_t *value,
	       size_t len, uint64_t now, struct errinfo *ei)
{
	struct rec_secret s;
	int r;

	if ((r = lsa_secret_name_check(name, ei)) != 0)
		return r;
	if (len > REC_SECRET_MAX)
		return ERR(ei, ERR_INVALID,
			   "secret value of %zu bytes over the limit of %d",
			   len, REC_SECRET_MAX);
	r = lsa_secret_get(d, name, &s, ei);
	if (r == ERR_NOTFOUND) {
		memset(&s, 0, sizeof(s));
		snprintf(s.name, sizeof(s.name), "%s", name);
	} else if (r != 0) {
		return r;
	} else {
		/* [MS-LSAD] 3.1.4.6.2: no old value given -> old := current. */
		s.has_old = s.has_cur;
		s.old_len = s.cur_len;
		memcpy(s.old, s.cur, sizeof(s.old));
		s.old_time = s.cur_time;
	}
	s.has_cur = 1;
	s.cur_len = (uint32_t)len;
	memset(s.cur, 0, sizeof(s.cur));
	if (len > 0)
		memcpy(s.cur, value, len);
	s.cur_time = now;
	r = lsa_secret_put(d, &s, ei);
	rec_secret_wipe(&s);
	return r;
}

int
lsa_secret_delete(struct domain *d, const char *name, struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	if (lsa_secret_key(key, sizeof(key), name) != 0)
		return ERR_NOTFOUND;
	return store_delete(d->st, key, ei);
}

int
lsa_secret_list(struct domain *d, lsa_secret_fn fn, void *arg,
		struct errinfo *ei)
{
	struct lsa_walk w = { d, REC_SECRET, NULL, fn, arg, ei };

	return store_list(d->st, "SECRET/", lsa_walk_one, &w, ei);
}

/* ---- AD trusted domain objects (after migrate --apply) ---- */

static int
lsa_adtdo_key(char *key, size_t len, const char *name)
{
	char up[REC_NAME_MAX + 1];

	if (names_upper(up, sizeof(up), name) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(key, len, "ADTDO/%s", up) >= len)
		return ERR_RANGE;
	return 0;
}

int
lsa_adtdo_get(struct domain *d, const char *partner, struct rec_adtdo *out,
	      struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	memset(out, 0, sizeof(*out));
	if (lsa_adtdo_key(key, sizeof(key), partner) != 0)
		return ERR_NOTFOUND;
	return domain_get_record(d, key, REC_ADTDO, out, ei);
}

int
lsa_adtdo_put(struct domain *d, const struct rec_adtdo *t, struct errinfo *ei)
{
	char key[LSA_KEY_MAX];
	int r;

	if ((r = names_domain_check(t->partner, ei)) != 0)
		return r;
	if (lsa_adtdo_key(key, sizeof(key), t->partner) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	return domain_put_record(d, key, REC_ADTDO, t, ei);
}

int
lsa_adtdo_delete(struct domain *d, const char *partner, struct errinfo *ei)
{
	char key[LSA_KEY_MAX];

	if (lsa_adtdo_key(key, sizeof(key), partner) != 0)
		return ERR_NOTFOUND;
	return store_delete(d->st, key, ei);
}

/* ---- "Allowed to Authenticate" (selective authentication) ---- */

static int
lsa_allow_key(char *key, size_t len, const char *computer, const char *domain,
	      const char *user)
{
	char c[REC_NAME_MAX + 1], dd[REC_NAME_MAX + 1], u[REC_ACCOUNT_MAX + 1];

	if (names_upper(c, sizeof(c), computer) != 0 ||
	    names_upper(dd, sizeof(dd), domain) != 0 ||
	    names_upper(u, sizeof(u), user) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(key, len, "ALLOWAUTH/%s/%s\\%s", c, dd, u) >= len)
		return ERR_RANGE;
	return 0;
}

int
lsa_allow_auth_add(struct domain *d, const char *computer, const char *domain,
		   const char *user, struct errinfo *ei)
{
	struct rec_allowauth a;
	char key[LSA_KEY_MAX];
	int r;

	if ((r = names_computer_check(computer, ei)) != 0 ||
	    (r = names_domain_check(domain, ei)) != 0 ||
	    (r = names_account_check(user, ei)) != 0)
		return r;
	if (lsa_allow_key(key, sizeof(key), computer, domain, user) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	memset(&a, 0, sizeof(a));
	(void)names_upper(a.domain, sizeof(a.domain), domain);
	mem_strlcpy(a.user, user, sizeof(a.user));
	(void)names_upper(a.computer, sizeof(a.computer), computer);
	a.created = lab_now(d->lab);
	return domain_put_record(d, key, REC_ALLOWAUTH, &a, ei);
}

int
lsa_allow_auth_has(struct domain *d, const char *computer, const char *domain,
		   const char *user, struct errinfo *ei)
{
	struct rec_allowauth a;
	char key[LSA_KEY_MAX];
	int r;

	if (lsa_allow_key(key, sizeof(key), computer, domain, user) != 0)
		return 0;
	r = domain_get_record(d, key, REC_ALLOWAUTH, &a, ei);
	if (r == ERR_NOTFOUND)
		return 0;
	return r == 0 ? 1 : r;
}

struct lsa_adtdo_walk {
	struct domain *d;
	lsa_adtdo_fn fn;
	void *arg;
	struct errinfo *ei;
};

static int
lsa_adtdo_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct lsa_adtdo_walk *w = arg;
	struct rec_adtdo t;
	int r;

	r = rec_adtdo_decode(&t, val, len, w->ei);
	if (r != 0) {
		err_prefix(w->ei, "corrupt record in %s, key %s",
			   store_path(w->d->st), key);
		return r;
	}
	r = w->fn(&t, w->arg);
	rec_adtdo_wipe(&t);
	return r;
}

int
lsa_adtdo_list(struct domain *d, lsa_adtdo_fn fn, void *arg, struct errinfo *ei)
{
	struct lsa_adtdo_walk w = { d, fn, arg, ei };

	return store_list(d->st, "ADTDO/", lsa_adtdo_one, &w, ei);
}
