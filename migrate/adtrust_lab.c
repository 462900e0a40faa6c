/*
 * migrate/adtrust_lab.c - the converter's input (migrate/adtrust.h) read
 * from two emulated PDCs of a lab: for each direction, the diagnosis
 * (nt4/diag.h, the same verdicts as `trust diagnose`), the trusting PDC's
 * G$$ secret in clear ([MS-LSAD] 5.1: CurrentValue, OldValue and their set
 * times) and the trusted PDC's interdomain trust account hash
 * ([MS-SAMR] 2.2.1.12 ACB_DOMTRUST).  Reference nt4-trust-model.md 4.6
 * steps 1-2.
 */
#include "adtrust_lab.h"

#include <stdio.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "nt4/diag.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"
#include "nt4/view.h"

/* One direction: x trusts y. */
static int
adtrust_lab_direction(struct adtrust_nt4 *t, struct lab *l, struct domain *x,
		      struct domain *y, struct errinfo *ei)
{
	struct diag_result res;
	struct rec_secret sec;
	struct rec_account acc;
	struct view v;
	char name[REC_SECRET_NAME_MAX + 1], acct[REC_NAME_MAX + 2];
	int r;

	memset(t, 0, sizeof(*t));
	memset(&sec, 0, sizeof(sec));
	memset(&acc, 0, sizeof(acc));
	if ((r = view_from_lab(&v, l, x->rec.name, y->rec.name, ei)) != 0)
		return r;
	diag_run(&v, &res);
	t->present = v.trusting.has_tdo || v.trusting.has_secret ||
		     v.trusted.has_account;
	view_wipe(&v);
	t->healthy = res.verdict == DIAG_HEALTHY;
	snprintf(t->verdict, sizeof(t->verdict), "%s",
		 diag_verdict_name(res.verdict));
	if (!t->present)
		return 0;
	if (lsa_trust_secret_name(name, sizeof(name), y->rec.name) != 0)
		return ERR(ei, ERR_INVALID, "domain name %s too long",
			   y->rec.name);
	r = lsa_secret_get(x, name, &sec, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	if (r == 0 && sec.has_cur && sec.cur_len <= sizeof(t->cur)) {
		t->has_cur = 1;
		memcpy(t->cur, sec.cur, sec.cur_len);
		t->cur_len = sec.cur_len;
		t->cur_time = adtrust_filetime(sec.cur_time);
	}
	if (r == 0 && sec.has_old && sec.old_len <= sizeof(t->old)) {
		t->has_old = 1;
		memcpy(t->old, sec.old, sec.old_len);
		t->old_len = sec.old_len;
		t->old_time = adtrust_filetime(sec.old_time);
	}
	if ((r = names_trust_account(acct, sizeof(acct), x->rec.name, ei)) != 0)
		goto out;
	r = sam_account_find(y, acct, &acc, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	if (r == 0 && acc.has_nt) {
		t->has_hash = 1;
		memcpy(t->hash, acc.nt_hash, 16);
		t->hash_time = adtrust_filetime(acc.pwd_last_set);
	}
	r = 0;
out:
	rec_secret_wipe(&sec);
	rec_account_wipe(&acc);
	return r;
}

int
adtrust_input_from_lab(struct adtrust_input *in, struct lab *l,
		       const char *names[2], const char *dns[2],
		       struct errinfo *ei)
{
	struct domain *d[2] = { NULL, NULL };
	int i, r;

	memset(in, 0, sizeof(*in));
	for (i = 0; i < 2; i++) {
		if ((r = lab_domain(l, names[i], &d[i], ei)) != 0)
			goto out;
		if ((r = adtrust_dns_check(dns[i], ei)) != 0) {
			err_prefix(ei, "--dns-name %s", d[i]->rec.name);
			goto out;
		}
		snprintf(in->dom[i].flat, sizeof(in->dom[i].flat), "%s",
			 d[i]->rec.name);
		for (r = 0; dns[i][r] != '\0'; r++)
			in->dom[i].dns[r] =
				(char)(dns[i][r] >= 'A' && dns[i][r] <= 'Z' ?
					       dns[i][r] - 'A' + 'a' :
					       dns[i][r]);
		in->dom[i].sid = d[i]->rec.sid;
	}
	if (names_equal(in->dom[0].flat, in->dom[1].flat)) {
		r = ERR(ei, ERR_INVALID, "%s cannot trust itself",
			in->dom[0].flat);
		goto out;
	}
	if (strcmp(in->dom[0].dns, in->dom[1].dns) == 0) {
		r = ERR(ei, ERR_INVALID, "%s and %s have the same DNS name %s",
			in->dom[0].flat, in->dom[1].flat, in->dom[0].dns);
		goto out;
	}
	for (i = 0; i < 2; i++)
		if ((r = adtrust_lab_direction(&in->nt4[i], l, d[i], d[1 - i],
					       ei)) != 0)
			goto out;
	r = 0;
out:
	if (r != 0)
		adtrust_input_wipe(in);
	return r;
}

static uint64_t
adtrust_lab_seconds(uint64_t filetime)
{
	uint64_t s = filetime / 10000000ULL;

	return s > ADTRUST_FILETIME_OFFSET ? s - ADTRUST_FILETIME_OFFSET : 0;
}

/* The lab record of side t (hashes of the current/previous entries). */
static int
adtrust_lab_record(struct rec_adtdo *x, const struct adtrust_tdo *t,
		   uint64_t now, struct errinfo *ei)
{
	memset(x, 0, sizeof(*x));
	mem_strlcpy(x->partner, t->partner.flat, sizeof(x->partner));
	mem_strlcpy(x->dns, t->partner.dns, sizeof(x->dns));
	x->sid = t->partner.sid;
	x->direction = t->direction;
	x->type = t->type;
	x->attributes = t->attributes;
	x->created = now;
	if (t->direction & ADTRUST_DIR_INBOUND) {
		x->has_in = 1;
		if (trustauth_nt_hash(&t->incoming, 0, x->in_cur, ei) != 0 ||
		    trustauth_nt_hash(&t->incoming, 1, x->in_prev, ei) != 0)
			return ERR(ei, ERR_INVALID,
				   "%s: the incoming password has no usable "
				   "entry",
				   t->self.flat);
		x->in_time = adtrust_lab_seconds(t->incoming.cur[0].time);
	}
	if (t->direction & ADTRUST_DIR_OUTBOUND) {
		x->has_out = 1;
		if (trustauth_nt_hash(&t->outgoing, 0, x->out_cur, ei) != 0 ||
		    trustauth_nt_hash(&t->outgoing, 1, x->out_prev, ei) != 0)
			return ERR(ei, ERR_INVALID,
				   "%s: the outgoing password has no usable "
				   "entry",
				   t->self.flat);
		x->out_time = adtrust_lab_seconds(t->outgoing.cur[0].time);
	}
	return 0;
}

/* Phase 1 on one domain: its object, and the FLAT$ account if inbound. */
static int
adtrust_lab_write(struct lab *l, const struct adtrust_tdo *t,
		  struct errinfo *ei)
{
	struct rec_adtdo x;
	struct rec_account a;
	struct domain *d = NULL;
	char acct[REC_NAME_MAX + 2];
	int r;

	memset(&a, 0, sizeof(a));
	if ((r = lab_domain(l, t->self.flat, &d, ei)) != 0)
		return r;
	if ((r = adtrust_lab_record(&x, t, lab_now(l), ei)) != 0)
		goto out;
	if ((r = names_trust_account(acct, sizeof(acct), t->partner.flat,
				     ei)) != 0 ||
	    (r = domain_begin(d, ei)) != 0)
		goto out;
	r = lsa_adtdo_put(d, &x, ei);
	if (r == 0 && (t->direction & ADTRUST_DIR_INBOUND)) {
		/* the interdomain trust account FLAT$ (0x800) must exist */
		r = sam_account_find(d, acct, &a, ei);
		if (r == ERR_NOTFOUND)
			r = sam_account_add(d, acct, NULL, SAM_ACB_DOMTRUST,
					    x.in_cur, NULL, NULL, ei);
		else if (r == 0 && !(a.acb & SAM_ACB_DOMTRUST))
			r = ERR(ei, ERR_EXISTS,
				"%s has an account %s that is not an "
				"interdomain trust account",
				t->self.flat, acct);
	}
	if (r != 0) {
		domain_cancel(d);
		goto out;
	}
	r = domain_commit(d, ei);
out:
	rec_adtdo_wipe(&x);
	rec_account_wipe(&a);
	return r;
}

/*
 * Phase 2 on a trusting side (its AD object for partner is outbound): the
 * NT4 TDO and G$$ secret go away.  Nothing to do for other sides.
 */
static int
adtrust_lab_retire(struct lab *l, const char *self, const char *partner,
		   struct errinfo *ei)
{
	struct rec_adtdo x;
	struct domain *d = NULL;
	char sec[REC_SECRET_NAME_MAX + 1];
	int r, r2;

	if ((r = lab_domain(l, self, &d, ei)) != 0)
		return r;
	r = lsa_adtdo_get(d, partner, &x, ei);
	r2 = r == 0 && x.has_out;
	rec_adtdo_wipe(&x);
	if (r != 0 && r != ERR_NOTFOUND)
		return r;
	if (!r2)
		return 0;
	if (lsa_trust_secret_name(sec, sizeof(sec), partner) != 0)
		return ERR(ei, ERR_RANGE, "name too long");
	if ((r = domain_begin(d, ei)) != 0)
		return r;
	r = lsa_tdo_delete(d, partner, ei);
	r2 = lsa_secret_delete(d, sec, ei);
	if ((r != 0 && r != ERR_NOTFOUND) || (r2 != 0 && r2 != ERR_NOTFOUND)) {
		domain_cancel(d);
		return r != 0 && r != ERR_NOTFOUND ? r : r2;
	}
	return domain_commit(d, ei);
}

int
adtrust_apply_lab(struct lab *l, const struct adtrust_model *m,
		  struct errinfo *ei)
{
	int i, r;

	/* 1. every object first (the NT4 halves are still there) */
	for (i = 0; i < 2; i++)
		if (m->side[i].present &&
		    (r = adtrust_lab_write(l, &m->side[i], ei)) != 0)
			return r;
	/* 2. then the NT4 trusted-domain entries and secrets retire */
	for (i = 0; i < 2; i++)
		if (m->side[i].present &&
		    (r = adtrust_lab_retire(l, m->side[i].self.flat,
					    m->side[i].partner.flat, ei)) != 0)
			return r;
	/* 3. like a DC restart: secure channels are set up anew */
	for (i = 0; i < 2; i++)
		if (m->side[i].present)
			(void)lab_channel_drop_domain(l, m->side[i].self.flat);
	return 0;
}

int
adtrust_lab_applied(struct lab *l, const struct adtrust_input *in,
		    struct errinfo *ei)
{
	struct rec_adtdo x;
	struct domain *d = NULL;
	int i, r, n = 0;

	for (i = 0; i < 2; i++) {
		if ((r = lab_domain(l, in->dom[i].flat, &d, ei)) != 0)
			return r;
		r = lsa_adtdo_get(d, in->dom[1 - i].flat, &x, ei);
		rec_adtdo_wipe(&x);
		if (r == 0)
			n++;
		else if (r != ERR_NOTFOUND)
			return r;
	}
	return n;
}

int
adtrust_lab_finish(struct lab *l, const struct adtrust_input *in,
		   struct errinfo *ei)
{
	int i, r;

	for (i = 0; i < 2; i++)
		if ((r = adtrust_lab_retire(l, in->dom[i].flat,
					    in->dom[1 - i].flat, ei)) != 0)
			return r;
	for (i = 0; i < 2; i++)
		(void)lab_channel_drop_domain(l, in->dom[i].flat);
	return 0;
}
