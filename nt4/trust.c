/*
 * nt4/trust.c - NT4 trust relationships, one PDC at a time (KB Q128489;
 * reference 1.3 flow A, 1.4 flow B, 1.7 broken states).
 *
 * Flow A creates the interdomain trust account on the trusted PDC without
 * contacting anyone.  Flow B on the trusting PDC probes the password with a
 * session set-up as TRUSTED\TRUSTING$ (only
 * STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT means right), asks the trusted
 * PDC for its SID (LsarQueryInformationPolicy level 5), then writes the TDO
 * and the G$$ secret in one transaction.
 */
#include "trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/logon.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"

static int
trust_names(const char *a, const char *b, struct errinfo *ei)
{
	int r;

	if ((r = names_domain_check(a, ei)) != 0 ||
	    (r = names_domain_check(b, ei)) != 0)
		return r;
	if (names_equal(a, b))
		return ERR(ei, ERR_INVALID, "a domain cannot trust itself (%s)",
			   a);
	return 0;
}

int
trust_password_check(const char *password, struct errinfo *ei)
{
	struct errinfo sub;

	err_clear(&sub);
	if (password == NULL || password[0] == '\0')
		return ERR(ei, ERR_INVALID, "the trust password is empty");
	if (utf8_check(password, &sub) != 0)
		return ERR(ei, ERR_INVALID,
			   "the trust password is not valid "
			   "UTF-8");
	if (utf8_len16(password) * 2 > REC_SECRET_MAX - 12)
		return ERR(ei, ERR_INVALID,
			   "the trust password is longer than %d characters",
			   (REC_SECRET_MAX - 12) / 2);
	return 0;
}

int
trust_trusting_add(struct lab *l, const char *trusted, const char *trusting,
		   const char *password, struct rec_account *out,
		   struct errinfo *ei)
{
	struct domain *d = NULL;
	char acct[REC_NAME_MAX + 2];
	uint8_t hash[16];
	int r = ERR_INTERNAL;

	if ((r = trust_names(trusted, trusting, ei)) != 0 ||
	    (r = trust_password_check(password, ei)) != 0)
		return r;
	if ((r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0)
		return r;
	if ((r = lab_domain(l, trusted, &d, ei)) != 0)
		return r;
	if ((r = ntlm_nt_hash(password, hash, ei)) != 0)
		goto out;
	if ((r = domain_begin(d, ei)) != 0)
		goto out;
	r = sam_account_add(d, acct, "interdomain trust account",
			    SAM_ACB_DOMTRUST, hash, NULL, out, ei);
	if (r == 0)
		r = domain_commit(d, ei);
	else
		domain_cancel(d);
out:
	crypto_wipe(hash, sizeof(hash));
	return r;
}

int
trust_trusting_remove(struct lab *l, const char *trusted, const char *trusting,
		      struct errinfo *ei)
{
	struct domain *d = NULL;
	struct rec_account a;
	char acct[REC_NAME_MAX + 2], flags[16];
	int r;

	if ((r = trust_names(trusted, trusting, ei)) != 0 ||
	    (r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0 ||
	    (r = lab_domain(l, trusted, &d, ei)) != 0)
		return r;
	if ((r = domain_begin(d, ei)) != 0)
		return r;
	r = sam_account_find(d, acct, &a, ei);
	if (r == ERR_NOTFOUND) {
		r = ERR(ei, ERR_NOTFOUND,
			"%s does not permit %s to trust it (no account %s)",
			d->rec.name, trusting, acct);
		goto fail;
	}
	if (r != 0)
		goto fail;
	if (!(a.acb & SAM_ACB_DOMTRUST)) {
		sam_acb_format(a.acb, flags, sizeof(flags));
		r = ERR(ei, ERR_WRONGSTATE,
			"%s\\%s is a %s account %s, not an interdomain trust "
			"account; not removed (use 'user delete')",
			d->rec.name, a.name, sam_acb_type_name(a.acb), flags);
		rec_account_wipe(&a);
		goto fail;
	}
	rec_account_wipe(&a);
	if ((r = sam_account_delete(d, acct, ei)) != 0)
		goto fail;
	return domain_commit(d, ei);
fail:
	domain_cancel(d);
	return r;
}

int
trust_trusted_add(struct lab *l, const char *trusting, const char *trusted,
		  const char *password, struct trust_add_result *res,
		  struct errinfo *ei)
{
	struct netlogon_network_info info;
	struct netlogon_validation val;
	struct logon_wire w;
	struct domain *c = NULL, *s = NULL;
	struct rec_tdo tdo;
	struct errinfo sub;
	char acct[REC_NAME_MAX + 2], secname[REC_SECRET_NAME_MAX + 1];
	uint8_t chal[8], cc[8], *pw16 = NULL;
	size_t pwlen = 0;
	int r = ERR_INTERNAL;

	memset(res, 0, sizeof(*res));
	memset(&w, 0, sizeof(w));
	memset(&val, 0, sizeof(val));
	if ((r = trust_names(trusting, trusted, ei)) != 0 ||
	    (r = trust_password_check(password, ei)) != 0 ||
	    (r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0)
		goto out;
	if ((r = lab_domain(l, trusting, &c, ei)) != 0)
		goto out;
	r = lsa_tdo_get(c, trusted, &tdo, ei);
	if (r == 0) {
		r = ERR(ei, ERR_EXISTS,
			"%s already trusts %s (remove it first: trusted "
			"remove %s %s)",
			c->rec.name, tdo.name, c->rec.name, tdo.name);
		goto out;
	}
	if (r != ERR_NOTFOUND)
		goto out;
	/* 1. locate the trusted domain's PDC */
	err_clear(&sub);
	r = lab_domain(l, trusted, &s, &sub);
	if (r == ERR_NOTFOUND) {
		res->status = NTSTATUS_NO_SUCH_DOMAIN;
		snprintf(res->why, sizeof(res->why),
			 "no domain controller of %s can be found", trusted);
		r = 0;
		goto out;
	}
	if (r != 0) {
		r = ERR(ei, r, "%s", sub.msg);
		goto out;
	}
	if (lab_offline(l, s->rec.name)) {
		res->status = NTSTATUS_NO_SUCH_DOMAIN;
		snprintf(res->why, sizeof(res->why),
			 "the %s PDC does not answer (offline)", s->rec.name);
		r = 0;
		goto out;
	}
	/* 2. password probe: session set-up as TRUSTED\TRUSTING$ */
	if ((r = logon_challenges(l, chal, cc, ei)) != 0)
		goto out;
	r = logon_responses(l, LOGON_NTLM_V2, acct, s->rec.name, password, chal,
			    cc, s->rec.name, s->rec.pdc, &w, ei);
	if (r != 0)
		goto out;
	memset(&info, 0, sizeof(info));
	info.domain = s->rec.name;
	info.user = acct;
	info.workstation = c->rec.pdc;
	memcpy(info.lm_chal, w.lm_chal, 8);
	info.nt_resp = w.nt;
	info.nt_len = w.nt_len;
	info.lm_resp = w.lm;
	info.lm_len = w.lm_len;
	r = netlogon_check_local(s, &info, &val, &res->probe, ei);
	if (r != 0)
		goto out;
	if (res->probe != NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT) {
		char pbuf[32];
		const char *pst = ntstatus_name(res->probe, pbuf, sizeof(pbuf));

		if (res->probe == NTSTATUS_OK) {
			res->status = NTSTATUS_NO_TRUST_SAM_ACCOUNT;
			snprintf(res->why, sizeof(res->why),
				 "%s\\%s is not an interdomain trust account "
				 "(the probe logged on as an ordinary "
				 "account)",
				 s->rec.name, acct);
		} else {
			/* An SMB server hides which part was wrong. */
			res->status = (res->probe == NTSTATUS_WRONG_PASSWORD ||
				       res->probe == NTSTATUS_NO_SUCH_USER) ?
					      NTSTATUS_LOGON_FAILURE :
					      res->probe;
			snprintf(res->why, sizeof(res->why),
				 "the %s PDC answered the password probe for "
				 "%s\\%s with %s: %s",
				 s->rec.name, s->rec.name, acct, pst,
				 netlogon_server_reason(s));
		}
		r = 0;
		goto out;
	}
	/* 3. LsarQueryInformationPolicy level 5: name and SID */
	res->sid = s->rec.sid;
	/* 4. TDO + G$$ secret in one transaction */
	r = utf8_to_utf16(&pw16, &pwlen, password, strlen(password), ei);
	if (r != 0)
		goto out;
	(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
	if ((r = domain_begin(c, ei)) != 0)
		goto out;
	if ((r = lsa_tdo_add(c, s->rec.name, &res->sid, ei)) != 0)
		goto fail;
	/* A stale secret of an earlier trust is replaced, not rotated. */
	r = lsa_secret_delete(c, secname, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto fail;
	if ((r = lsa_secret_set(c, secname, pw16, pwlen, lab_now(l), ei)) != 0)
		goto fail;
	if ((r = domain_commit(c, ei)) != 0)
		goto out;
	res->status = NTSTATUS_OK;
	/* The typed password is single-use: change it right away. */
	(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, c->rec.name, s->rec.name);
	r = rotate_trust(l, c->rec.name, s->rec.name, &res->rotation, ei);
	goto out;
fail:
	domain_cancel(c);
out:
	if (pw16 != NULL) {
		crypto_wipe(pw16, pwlen);
		free(pw16);
	}
	crypto_wipe(&w, sizeof(w));
	crypto_wipe(&val, sizeof(val));
	return r;
}

int
trust_trusted_remove(struct lab *l, const char *trusting, const char *trusted,
		     struct errinfo *ei)
{
	struct domain *c = NULL;
	char secname[REC_SECRET_NAME_MAX + 1];
	int r, r1, r2;

	if ((r = trust_names(trusting, trusted, ei)) != 0 ||
	    (r = lab_domain(l, trusting, &c, ei)) != 0)
		return r;
	(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
	if ((r = domain_begin(c, ei)) != 0)
		return r;
	r1 = lsa_tdo_delete(c, trusted, ei);
	if (r1 != 0 && r1 != ERR_NOTFOUND) {
		domain_cancel(c);
		return r1;
	}
	r2 = lsa_secret_delete(c, secname, ei);
	if (r2 != 0 && r2 != ERR_NOTFOUND) {
		domain_cancel(c);
		return r2;
	}
	if (r1 == ERR_NOTFOUND && r2 == ERR_NOTFOUND) {
		domain_cancel(c);
		return ERR(ei, ERR_NOTFOUND,
			   "%s does not trust %s (no trusted-domain entry, no "
			   "secret %s)",
			   c->rec.name, trusted, secname);
	}
	if ((r = domain_commit(c, ei)) != 0)
		return r;
	if (c->rec.flavor != REC_FLAVOR_SAMBA)
		(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, c->rec.name,
				       trusted);
	return 0;
}

int
trust_verify(struct lab *l, const char *trusting, const char *trusted,
	     struct trust_verify_result *res, struct errinfo *ei)
{
	struct netlogon_channel ch;
	struct domain *c = NULL, *s = NULL;
	struct errinfo sub;
	char a[SID_STR_MAX], b[SID_STR_MAX], why[512];
	uint32_t status;
	int r;

	memset(res, 0, sizeof(*res));
	if ((r = trust_names(trusting, trusted, ei)) != 0 ||
	    (r = lab_domain(l, trusting, &c, ei)) != 0)
		return r;
	r = netlogon_channel_open(c, trusted, &ch, &status, &res->cause, ei);
	if (r != 0)
		return r;
	res->tdo_sid = ch.trusted_sid;
	err_clear(&sub);
	if (lab_domain(l, trusted, &s, &sub) == 0) {
		res->real_sid = s->rec.sid;
		res->sid_known = 1;
	}
	if (status != NTSTATUS_OK) {
		if (c->rec.flavor == REC_FLAVOR_SAMBA) {
			/* wbinfo -t on Samba 4.17 (REPORT.md section 3) */
			if (status == NTSTATUS_NO_LOGON_SERVERS)
				status = NTSTATUS_DOMAIN_CONTROLLER_NOT_FOUND;
			else if (status == NTSTATUS_NO_TRUST_LSA_SECRET)
				status = NTSTATUS_NO_SUCH_DOMAIN;
			res->status = status;
		} else {
			res->status = status == NTSTATUS_NO_SUCH_DOMAIN ?
					      status :
					      NTSTATUS_TRUSTED_DOMAIN_FAILURE;
		}
		goto out;
	}
	res->flags = ch.rec->flags;
	res->used_old = ch.rec->used_old;
	if (res->sid_known && !sid_equal(&res->tdo_sid, &res->real_sid)) {
		sid_format(&res->tdo_sid, a, sizeof(a));
		sid_format(&res->real_sid, b, sizeof(b));
		res->status = NTSTATUS_DOMAIN_TRUST_INCONSISTENT;
		res->cause.status = NTSTATUS_DOMAIN_TRUST_INCONSISTENT;
		snprintf(res->cause.where, sizeof(res->cause.where),
			 "%s PDC (%s), LSA", c->rec.name, c->rec.pdc);
		snprintf(why, sizeof(why),
			 "the trusted-domain entry for %s holds SID %s, but "
			 "%s's PDC reports %s",
			 s->rec.name, a, s->rec.name, b);
		mem_strlcpy(res->cause.why, why, sizeof(res->cause.why));
		goto out;
	}
	res->status = NTSTATUS_OK;
out:
	netlogon_channel_close(&ch);
	return 0;
}

/* ---- trust list ---- */

struct trust_collect {
	struct trust_pair *v;
	size_t n, cap;
	const char *self;
	struct domain *d;
	int err;
};

static struct trust_pair *
trust_pair_get(struct trust_collect *tc, const char *trusting,
	       const char *trusted)
{
	struct trust_pair *nv;
	size_t i;

	for (i = 0; i < tc->n; i++)
		if (names_equal(tc->v[i].trusting, trusting) &&
		    names_equal(tc->v[i].trusted, trusted))
			return &tc->v[i];
	if (tc->n == tc->cap) {
		tc->cap = tc->cap ? 2 * tc->cap : 8;
		nv = mem_realloc(tc->v, tc->cap * sizeof(*nv));
		if (nv == NULL) {
			tc->err = ERR_NOMEM;
			return NULL;
		}
		tc->v = nv;
	}
	memset(&tc->v[tc->n], 0, sizeof(tc->v[tc->n]));
	(void)names_upper(tc->v[tc->n].trusting, sizeof(tc->v[0].trusting),
			  trusting);
	(void)names_upper(tc->v[tc->n].trusted, sizeof(tc->v[0].trusted),
			  trusted);
	return &tc->v[tc->n++];
}

static int
trust_collect_tdo(const struct rec_tdo *t, void *arg)
{
	struct trust_collect *tc = arg;
	struct trust_pair *p = trust_pair_get(tc, tc->self, t->name);

	if (p == NULL)
		return ERR_NOMEM;
	p->has_tdo = 1;
	p->tdo_sid = t->sid;
	return 0;
}

/* An outbound AD object (after migrate --apply) holds both NT4 parts. */
static int
trust_collect_adtdo(const struct rec_adtdo *t, void *arg)
{
	struct trust_collect *tc = arg;
	struct trust_pair *p;

	if (!t->has_out)
		return 0;
	if ((p = trust_pair_get(tc, tc->self, t->partner)) == NULL)
		return ERR_NOMEM;
	p->has_tdo = p->has_secret = p->ad = 1;
	p->tdo_sid = t->sid;
	return 0;
}

static int
trust_collect_secret(const struct rec_secret *s, void *arg)
{
	struct trust_collect *tc = arg;
	const char *dom = s->name + strlen(LSA_TRUST_SECRET_PREFIX);
	struct trust_pair *p;

	if (strncmp(s->name, LSA_TRUST_SECRET_PREFIX,
		    strlen(LSA_TRUST_SECRET_PREFIX)) != 0 ||
	    names_domain_check(dom, NULL) != 0)
		return 0;
	p = trust_pair_get(tc, tc->self, dom);
	if (p == NULL)
		return ERR_NOMEM;
	p->has_secret = s->has_cur;
	return 0;
}

static int
trust_collect_account(const struct rec_account *a, void *arg)
{
	struct trust_collect *tc = arg;
	char dom[REC_NAME_MAX + 1];
	size_t len = strlen(a->name);
	struct trust_pair *p;

	if (!(a->acb & SAM_ACB_DOMTRUST) || len < 2 || len - 1 > REC_NAME_MAX)
		return 0;
	memcpy(dom, a->name, len - 1);
	dom[len - 1] = '\0';
	if (names_domain_check(dom, NULL) != 0)
		return 0;
	p = trust_pair_get(tc, dom, tc->self);
	if (p == NULL)
		return ERR_NOMEM;
	p->has_account = 1;
	p->account_acb = a->acb;
	return 0;
}

static int
trust_paircmp(const void *a, const void *b)
{
	const struct trust_pair *x = a, *y = b;
	int c = strcmp(x->trusting, y->trusting);

	return c != 0 ? c : strcmp(x->trusted, y->trusted);
}

int
trust_list(struct lab *l, const char *domain, struct trust_pair **out,
	   size_t *n, struct errinfo *ei)
{
	struct trust_collect tc;
	struct domain *d = NULL, *t = NULL;
	struct rec_account a;
	struct errinfo sub;
	char **names = NULL, acct[REC_NAME_MAX + 2];
	size_t nn = 0, i, k;
	int r;

	*out = NULL;
	*n = 0;
	memset(&tc, 0, sizeof(tc));
	if (domain != NULL && (r = lab_domain(l, domain, &d, ei)) != 0)
		return r;
	if ((r = lab_domain_names(l, &names, &nn, ei)) != 0)
		return r;
	for (i = 0; i < nn; i++) {
		if ((r = lab_domain(l, names[i], &d, ei)) != 0)
			goto out;
		tc.self = d->rec.name;
		tc.d = d;
		if ((r = lsa_tdo_list(d, trust_collect_tdo, &tc, ei)) != 0 ||
		    (r = lsa_adtdo_list(d, trust_collect_adtdo, &tc, ei)) !=
			    0 ||
		    (r = lsa_secret_list(d, trust_collect_secret, &tc, ei)) !=
			    0 ||
		    (r = sam_account_list(d, trust_collect_account, &tc, ei)) !=
			    0)
			goto out;
	}
	/* Fill in what each side's partner has, when it is in the lab. */
	for (k = 0; k < tc.n; k++) {
		struct trust_pair *p = &tc.v[k];

		p->trusting_in_lab = lab_domain_exists(l, p->trusting);
		p->trusted_in_lab = lab_domain_exists(l, p->trusted);
		if (!p->has_account && p->trusted_in_lab) {
			err_clear(&sub);
			if (lab_domain(l, p->trusted, &t, &sub) == 0 &&
			    names_trust_account(acct, sizeof(acct), p->trusting,
						NULL) == 0 &&
			    sam_account_find(t, acct, &a, &sub) == 0) {
				/* an account of that name, of another type */
				p->account_acb = a.acb;
				rec_account_wipe(&a);
			}
		}
	}
	if (domain != NULL) {
		for (i = 0, k = 0; k < tc.n; k++)
			if (names_equal(tc.v[k].trusting, domain) ||
			    names_equal(tc.v[k].trusted, domain))
				tc.v[i++] = tc.v[k];
		tc.n = i;
	}
	if (tc.n > 1)
		qsort(tc.v, tc.n, sizeof(*tc.v), trust_paircmp);
	*out = tc.v;
	*n = tc.n;
	tc.v = NULL;
	r = 0;
out:
	if (r == ERR_NOMEM || tc.err != 0)
		r = ERR(ei, ERR_NOMEM, "out of memory");
	free(tc.v);
	lab_names_free(names, nn);
	return r;
}

const char *
trust_pair_state(const struct trust_pair *p)
{
	int trusting = p->has_tdo && p->has_secret;

	if (p->ad)
		return p->has_account ? "AD external trust (both sides)" :
					"AD trust object only (no trust "
					"account)";
	if (trusting && p->has_account)
		return "both halves";
	if (trusting)
		return p->account_acb != 0 ?
			       "trusting half only (the trust account has the "
			       "wrong type)" :
			       "trusting half only (no trust account)";
	if (p->has_tdo)
		return p->has_account ?
			       "trusted-domain entry without its secret" :
			       "trusted-domain entry only";
	if (p->has_secret)
		return "orphaned trust secret";
	return "trusted half only (no trusted-domain entry)";
}
