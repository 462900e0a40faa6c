/*
 * nt4/view.c - fill the neutral trust view (nt4/view.h) from a lab: the
 * trusting PDC's TDO and G$$ secret (hashed: the view never carries a
 * cleartext), the trusted PDC's TRUSTING$ account, both SIDs, and whether
 * the trusted PDC is reachable.  Reads only; changes nothing.
 */
#include "view.h"

#include <stdio.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"

void
view_wipe(struct view *v)
{
	crypto_wipe(v, sizeof(*v));
}

static int
view_trusting_read(struct view_trusting *t, struct domain *d,
		   const char *trusted, struct errinfo *ei)
{
	char secname[REC_SECRET_NAME_MAX + 1];
	struct rec_secret s;
	struct rec_tdo tdo;
	struct rec_adtdo ad;
	int r;

	t->known = 1;
	t->sid = d->rec.sid;
	t->flavor = d->rec.flavor;
	/* after migrate --apply: the AD object's outgoing password */
	r = lsa_adtdo_get(d, trusted, &ad, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		return r;
	if (r == 0 && ad.has_out) {
		t->has_tdo = t->has_secret = t->has_cur = t->has_old = 1;
		t->tdo_sid = ad.sid;
		memcpy(t->cur_hash, ad.out_cur, 16);
		memcpy(t->old_hash, ad.out_prev, 16);
		t->cur_time = t->old_time = ad.out_time;
		rec_adtdo_wipe(&ad);
		return 0;
	}
	rec_adtdo_wipe(&ad);
	r = lsa_tdo_get(d, trusted, &tdo, ei);
	if (r == 0) {
		t->has_tdo = 1;
		t->tdo_sid = tdo.sid;
	} else if (r != ERR_NOTFOUND) {
		return r;
	}
	(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
	r = lsa_secret_get(d, secname, &s, ei);
	if (r == ERR_NOTFOUND)
		return 0;
	if (r != 0)
		return r;
	t->has_secret = 1;
	if (s.has_cur) {
		t->has_cur = 1;
		t->cur_time = s.cur_time;
		r = ntlm_nt_hash_raw(s.cur, s.cur_len, t->cur_hash);
	}
	if (r == 0 && s.has_old) {
		t->has_old = 1;
		t->old_time = s.old_time;
		r = ntlm_nt_hash_raw(s.old, s.old_len, t->old_hash);
	}
	rec_secret_wipe(&s);
	if (r != 0)
		return ERR(ei, r, "NT hash computation failed");
	return 0;
}

static int
view_trusted_read(struct view_trusted *t, struct lab *l, struct domain *d,
		  const char *trusting, struct errinfo *ei)
{
	struct rec_account a;
	struct rec_adtdo ad;
	int r;

	t->known = 1;
	t->sid = d->rec.sid;
	t->flavor = d->rec.flavor;
	mem_strlcpy(t->pdc, d->rec.pdc, sizeof(t->pdc));
	t->reachable = !lab_offline(l, d->rec.name);
	if ((r = names_trust_account(t->account, sizeof(t->account), trusting,
				     ei)) != 0)
		return r;
	r = sam_account_find(d, t->account, &a, ei);
	if (r == ERR_NOTFOUND)
		return 0;
	if (r != 0)
		return r;
	t->has_account = 1;
	mem_strlcpy(t->account, a.name, sizeof(t->account));
	t->rid = a.rid;
	t->acb = a.acb;
	t->has_nt = a.has_nt;
	memcpy(t->nt_hash, a.nt_hash, 16);
	t->pwd_last_set = a.pwd_last_set;
	rec_account_wipe(&a);
	/* after migrate --apply the password is the AD object's incoming one */
	r = lsa_adtdo_get(d, trusting, &ad, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		return r;
	if (r == 0 && ad.has_in) {
		t->has_nt = 1;
		memcpy(t->nt_hash, ad.in_cur, 16);
		t->pwd_last_set = ad.in_time;
	}
	rec_adtdo_wipe(&ad);
	return 0;
}

int
view_from_lab(struct view *v, struct lab *l, const char *trusting,
	      const char *trusted, struct errinfo *ei)
{
	struct domain *d = NULL;
	int r;

	memset(v, 0, sizeof(*v));
	if ((r = names_domain_check(trusting, ei)) != 0 ||
	    (r = names_domain_check(trusted, ei)) != 0)
		return r;
	if (names_equal(trusting, trusted))
		return ERR(ei, ERR_INVALID, "a domain cannot trust itself (%s)",
			   trusting);
	(void)names_upper(v->trusting.name, sizeof(v->trusting.name), trusting);
	(void)names_upper(v->trusted.name, sizeof(v->trusted.name), trusted);
	if (!lab_domain_exists(l, trusting) && !lab_domain_exists(l, trusted))
		return ERR(ei, ERR_NOTFOUND, "neither %s nor %s is in lab %s",
			   v->trusting.name, v->trusted.name, lab_dir(l));
	if (lab_domain_exists(l, trusting)) {
		if ((r = lab_domain(l, trusting, &d, ei)) != 0 ||
		    (r = view_trusting_read(&v->trusting, d, trusted, ei)) != 0)
			goto fail;
	}
	if (lab_domain_exists(l, trusted)) {
		if ((r = lab_domain(l, trusted, &d, ei)) != 0 ||
		    (r = view_trusted_read(&v->trusted, l, d, trusting, ei)) !=
			    0)
			goto fail;
	} else {
		(void)names_trust_account(v->trusted.account,
					  sizeof(v->trusted.account), trusting,
					  NULL);
	}
	return 0;
fail:
	view_wipe(v);
	return r;
}
