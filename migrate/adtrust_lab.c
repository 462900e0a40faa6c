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
