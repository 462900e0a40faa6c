/*
 * nt4/sam.c - SAM accounts of an emulated PDC ([MS-SAMR] 2.2.1.12 account
 * control; KB Q128489 for interdomain trust accounts).
 *
 * Keys: ACCOUNT/<rid as 8 lower-case hex digits> -> account record,
 * ACCOUNTNAME/<NAME upper-cased> -> RID.  Both are written in the caller's
 * transaction, so an account is never half there.
 */
#include "sam.h"

#include <stdio.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/names.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/store.h"

#define SAM_KEY_MAX 128

static int
sam_name_key(char *key, size_t len, const char *name)
{
	char up[REC_ACCOUNT_MAX + 1];

	if (names_upper(up, sizeof(up), name) != 0)
		return ERR_RANGE;
	if ((size_t)snprintf(key, len, "ACCOUNTNAME/%s", up) >= len)
		return ERR_RANGE;
	return 0;
}

static void
sam_rid_key(char *key, size_t len, uint32_t rid)
{
	snprintf(key, len, "ACCOUNT/%08x", rid);
}

static int
sam_need_txn(struct domain *d, struct errinfo *ei)
{
	if (!store_in_transaction(d->st))
		return ERR(ei, ERR_INTERNAL,
			   "SAM change outside a transaction");
	return 0;
}

int
sam_account_by_rid(struct domain *d, uint32_t rid, struct rec_account *out,
		   struct errinfo *ei)
{
	char key[SAM_KEY_MAX];
	int r;

	sam_rid_key(key, sizeof(key), rid);
	r = domain_get_record(d, key, REC_ACCOUNT, out, ei);
	if (r == 0 && out->rid != rid) {
		rec_account_wipe(out);
		r = ERR(ei, ERR_FORMAT,
			"corrupt record in %s, key %s: holds RID %u",
			store_path(d->st), key, out->rid);
	}
	return r;
}

int
sam_account_find(struct domain *d, const char *name, struct rec_account *out,
		 struct errinfo *ei)
{
	char key[SAM_KEY_MAX];
	uint32_t rid;
	int r;

	memset(out, 0, sizeof(*out));
	if (sam_name_key(key, sizeof(key), name) != 0)
		return ERR_NOTFOUND;
	r = domain_get_record(d, key, REC_NAMEIDX, &rid, ei);
	if (r != 0)
		return r;
	r = sam_account_by_rid(d, rid, out, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_FORMAT,
			   "corrupt SAM in %s: %s points to missing RID %u",
			   store_path(d->st), key, rid);
	if (r == 0 && !names_equal(out->name, name)) {
		rec_account_wipe(out);
		return ERR(ei, ERR_FORMAT,
			   "corrupt SAM in %s: %s points to RID %u of "
			   "another account",
			   store_path(d->st), key, rid);
	}
	return r;
}

/* The checks every new account passes: transaction, name, no duplicate. */
static int
sam_account_check_new(struct domain *d, const char *name, const char *fullname,
		      struct errinfo *ei)
{
	struct rec_account old;
	int r = ERR_INTERNAL;

	if ((r = sam_need_txn(d, ei)) != 0)
		goto out;
	if ((r = names_account_check(name, ei)) != 0)
		goto out;
	if (fullname != NULL &&
	    strnlen(fullname, REC_FULLNAME_MAX + 1) > REC_FULLNAME_MAX) {
		r = ERR(ei, ERR_INVALID, "full name longer than %d bytes",
			REC_FULLNAME_MAX);
		goto out;
	}
	r = sam_account_find(d, name, &old, ei);
	if (r == 0) {
		r = ERR(ei, ERR_EXISTS,
			"domain %s already has an account %s (RID %u)",
			d->rec.name, old.name, old.rid);
		rec_account_wipe(&old);
		goto out;
	}
	if (r != ERR_NOTFOUND)
		goto out;
	r = 0;
out:
	return r;
}

/* Write a checked new account: its record, its name index, NEXT_RID. */
static int
sam_account_put_new(struct domain *d, const struct rec_account *a,
		    struct errinfo *ei)
{
	char key[SAM_KEY_MAX];
	int r = ERR_INTERNAL;

	sam_rid_key(key, sizeof(key), a->rid);
	if ((r = domain_put_record(d, key, REC_ACCOUNT, a, ei)) != 0)
		goto out;
	if ((r = sam_name_key(key, sizeof(key), a->name)) != 0 ||
	    (r = domain_put_record(d, key, REC_NAMEIDX, &a->rid, ei)) != 0 ||
	    (r = domain_rec_save(d, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

int
sam_account_add(struct domain *d, const char *name, const char *fullname,
		uint32_t acb, const uint8_t nt_hash[16], const uint8_t *lm_hash,
		struct rec_account *out, struct errinfo *ei)
{
	struct rec_account a;
	int r = ERR_INTERNAL;

	memset(&a, 0, sizeof(a));
	if ((r = sam_account_check_new(d, name, fullname, ei)) != 0)
		goto out;
	if (d->rec.next_rid < SAM_RID_FIRST)
		d->rec.next_rid = SAM_RID_FIRST;
	a.rid = d->rec.next_rid++;
	snprintf(a.name, sizeof(a.name), "%s", name);
	snprintf(a.fullname, sizeof(a.fullname), "%s",
		 fullname != NULL ? fullname : "");
	a.acb = acb;
	a.has_nt = 1;
	memcpy(a.nt_hash, nt_hash, 16);
	if (lm_hash != NULL) {
		a.has_lm = 1;
		memcpy(a.lm_hash, lm_hash, 16);
	}
	a.pwd_last_set = lab_now(d->lab);
	a.created = lab_now(d->lab);
	if ((r = sam_account_put_new(d, &a, ei)) != 0)
		goto out;
	if (out != NULL)
		*out = a;
	r = 0;
out:
	rec_account_wipe(&a);
	return r;
}

int
sam_account_add_rid(struct domain *d, const struct rec_account *a,
		    struct errinfo *ei)
{
	struct rec_account old;
	int r = ERR_INTERNAL;

	if ((r = sam_account_check_new(d, a->name, a->fullname, ei)) != 0)
		goto out;
	if (a->rid == 0 || a->rid == UINT32_MAX) {
		r = ERR(ei, ERR_INVALID, "account %s: RID %u is not valid",
			a->name, a->rid);
		goto out;
	}
	r = sam_account_by_rid(d, a->rid, &old, ei);
	if (r == 0) {
		r = ERR(ei, ERR_EXISTS,
			"domain %s: RID %u is taken by account %s", d->rec.name,
			a->rid, old.name);
		rec_account_wipe(&old);
		goto out;
	}
	if (r != ERR_NOTFOUND)
		goto out;
	/* RIDs are never reused: NEXT_RID moves past every RID in use. */
	if (d->rec.next_rid < SAM_RID_FIRST)
		d->rec.next_rid = SAM_RID_FIRST;
	if (a->rid >= d->rec.next_rid)
		d->rec.next_rid = a->rid + 1;
	if ((r = sam_account_put_new(d, a, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

int
sam_next_rid_set(struct domain *d, uint32_t rid, struct errinfo *ei)
{
	int r = ERR_INTERNAL;

	if ((r = sam_need_txn(d, ei)) != 0)
		goto out;
	if (rid < d->rec.next_rid) {
		r = ERR(ei, ERR_INVALID,
			"domain %s: next RID %u is below %u (RIDs are never "
			"reused)",
			d->rec.name, rid, d->rec.next_rid);
		goto out;
	}
	d->rec.next_rid = rid;
	if ((r = domain_rec_save(d, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

int
sam_account_update(struct domain *d, const struct rec_account *a,
		   struct errinfo *ei)
{
	struct rec_account cur;
	char key[SAM_KEY_MAX];
	int r;

	if ((r = sam_need_txn(d, ei)) != 0)
		return r;
	r = sam_account_by_rid(d, a->rid, &cur, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_NOTFOUND, "no account with RID %u in %s",
			   a->rid, d->rec.name);
	if (r != 0)
		return r;
	if (strcmp(cur.name, a->name) != 0) {
		rec_account_wipe(&cur);
		return ERR(ei, ERR_INTERNAL, "account rename not supported");
	}
	rec_account_wipe(&cur);
	sam_rid_key(key, sizeof(key), a->rid);
	return domain_put_record(d, key, REC_ACCOUNT, a, ei);
}

int
sam_account_delete(struct domain *d, const char *name, struct errinfo *ei)
{
	struct rec_account a;
	char key[SAM_KEY_MAX];
	uint32_t rid;
	int r;

	if ((r = sam_need_txn(d, ei)) != 0)
		return r;
	r = sam_account_find(d, name, &a, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_NOTFOUND, "domain %s has no account %s",
			   d->rec.name, name);
	if (r != 0)
		return r;
	sam_rid_key(key, sizeof(key), a.rid);
	rid = a.rid;
	rec_account_wipe(&a);
	if ((r = store_delete(d->st, key, ei)) != 0)
		return r;
	snprintf(key, sizeof(key), "SIDHISTORY/%08x", rid);
	if ((r = store_delete(d->st, key, ei)) != 0 && r != ERR_NOTFOUND)
		return r;
	if ((r = sam_name_key(key, sizeof(key), name)) != 0)
		return ERR(ei, r, "account name too long");
	return store_delete(d->st, key, ei);
}

struct sam_walk {
	struct domain *d;
	sam_account_fn fn;
	void *arg;
	struct errinfo *ei;
	int err;
};

static int
sam_walk_one(const char *key, const uint8_t *val, size_t len, void *arg)
{
	struct sam_walk *w = arg;
	struct rec_account a;
	int r;

	r = rec_account_decode(&a, val, len, w->ei);
	if (r != 0) {
		err_prefix(w->ei, "corrupt record in %s, key %s",
			   store_path(w->d->st), key);
		w->err = r;
		return r;
	}
	r = w->fn(&a, w->arg);
	rec_account_wipe(&a);
	return r;
}

int
sam_account_list(struct domain *d, sam_account_fn fn, void *arg,
		 struct errinfo *ei)
{
	struct sam_walk w = { d, fn, arg, ei, 0 };

	return store_list(d->st, "ACCOUNT/", sam_walk_one, &w, ei);
}

static const struct {
	char letter;
	uint32_t bit;
} sam_acb_letters[] = {
	{ 'D', SAM_ACB_DISABLED },  { 'N', SAM_ACB_PWNOTREQ },
	{ 'H', SAM_ACB_HOMDIRREQ }, { 'T', SAM_ACB_TEMPDUP },
	{ 'U', SAM_ACB_NORMAL },    { 'M', SAM_ACB_MNS },
	{ 'W', SAM_ACB_WSTRUST },   { 'S', SAM_ACB_SVRTRUST },
	{ 'L', SAM_ACB_AUTOLOCK },  { 'X', SAM_ACB_PWNOEXP },
	{ 'I', SAM_ACB_DOMTRUST },
};

#define SAM_NLETTERS (sizeof(sam_acb_letters) / sizeof(sam_acb_letters[0]))

void
sam_acb_format(uint32_t acb, char *buf, size_t len)
{
	char s[SAM_NLETTERS + 3];
	size_t i, n = 0;

	s[n++] = '[';
	for (i = 0; i < SAM_NLETTERS; i++)
		if (acb & sam_acb_letters[i].bit)
			s[n++] = sam_acb_letters[i].letter;
	while (n < SAM_NLETTERS + 1)
		s[n++] = ' ';
	s[n++] = ']';
	s[n] = '\0';
	snprintf(buf, len, "%s", s);
}

int
sam_acb_parse(const char *s, uint32_t *acb, struct errinfo *ei)
{
	const char *p = s;
	size_t i, len = strlen(s);
	uint32_t v = 0;

	*acb = 0;
	if (len >= 2 && s[0] == '[' && s[len - 1] == ']') {
		p = s + 1;
		len -= 2;
	}
	for (; len > 0; p++, len--) {
		if (*p == ' ')
			continue;
		for (i = 0; i < SAM_NLETTERS; i++)
			if (sam_acb_letters[i].letter == *p ||
			    sam_acb_letters[i].letter == *p - 32)
				break;
		if (i == SAM_NLETTERS)
			return ERR(ei, ERR_INVALID,
				   "account flags '%s': unknown flag '%c' "
				   "(known: D N H T U M W S L X I)",
				   s, *p);
		v |= sam_acb_letters[i].bit;
	}
	*acb = v;
	return 0;
}

const char *
sam_acb_type_name(uint32_t acb)
{
	if (acb & SAM_ACB_DOMTRUST)
		return "interdomain trust";
	if (acb & SAM_ACB_WSTRUST)
		return "workstation trust";
	if (acb & SAM_ACB_SVRTRUST)
		return "server trust";
	if (acb & SAM_ACB_NORMAL)
		return "user";
	if (acb & SAM_ACB_TEMPDUP)
		return "temporary duplicate";
	if (acb & SAM_ACB_MNS)
		return "MNS logon";
	return "no type";
}

/* ---- sIDHistory ---- */

int
sam_sid_history_get(struct domain *d, uint32_t rid, struct rec_sidhist *out,
		    struct errinfo *ei)
{
	char key[SAM_KEY_MAX];

	memset(out, 0, sizeof(*out));
	snprintf(key, sizeof(key), "SIDHISTORY/%08x", rid);
	return domain_get_record(d, key, REC_SIDHIST, out, ei);
}

int
sam_sid_history_add(struct domain *d, const char *name, const struct sid *sid,
		    struct errinfo *ei)
{
	struct rec_account a;
	struct rec_sidhist h;
	struct sid dom;
	char key[SAM_KEY_MAX];
	uint32_t rrid;
	size_t i;
	int r;

	if ((r = sam_need_txn(d, ei)) != 0)
		return r;
	if (sid_split(sid, &dom, &rrid) != 0 || !sid_is_domain(&dom))
		return ERR(ei, ERR_INVALID,
			   "a sIDHistory entry is an account SID of a domain "
			   "(S-1-5-21-a-b-c-RID)");
	if (sid_equal(&dom, &d->rec.sid))
		return ERR(ei, ERR_INVALID,
			   "a sIDHistory entry comes from another domain, not "
			   "from %s itself",
			   d->rec.name);
	r = sam_account_find(d, name, &a, ei);
	if (r == ERR_NOTFOUND)
		return ERR(ei, ERR_NOTFOUND, "domain %s has no account %s",
			   d->rec.name, name);
	if (r != 0)
		return r;
	r = sam_sid_history_get(d, a.rid, &h, ei);
	if (r == ERR_NOTFOUND) {
		memset(&h, 0, sizeof(h));
		h.rid = a.rid;
		r = 0;
	}
	rec_account_wipe(&a);
	if (r != 0)
		return r;
	for (i = 0; i < h.n; i++)
		if (sid_equal(&h.sids[i], sid))
			return 0; /* there already */
	if (h.n == REC_SIDHIST_MAX)
		return ERR(ei, ERR_RANGE,
			   "%s already has %d SIDs in its "
			   "sIDHistory",
			   name, REC_SIDHIST_MAX);
	h.sids[h.n++] = *sid;
	snprintf(key, sizeof(key), "SIDHISTORY/%08x", h.rid);
	return domain_put_record(d, key, REC_SIDHIST, &h, ei);
}
