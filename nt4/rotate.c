/*
 * nt4/rotate.c - trust password rotation by the trusting PDC (KB Q128489,
 * Q271288, Q102650; reference 1.6).
 *
 * Procedure: authenticate over the secure channel; with CurrentValue
 * working, generate a new password, OldValue <- CurrentValue, CurrentValue
 * <- new (one transaction: a crash never loses a working password), then
 * NetrServerPasswordSet2 ([MS-NRPC] 3.4.5.2.6) or, for a channel without
 * that flag, NetrServerPasswordSet (3.4.5.2.7).  With only OldValue
 * working, no new password is made: the existing CurrentValue is sent
 * again.  The schedule is 7 days of lab time after CurrentValue was set.
 */
#include "rotate.h"

#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"

static const char rotate_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				      "abcdefghijklmnopqrstuvwxyz"
				      "0123456789._-";

int
rotate_password_new(struct rng *r, char *buf, size_t len)
{
	uint32_t v;
	size_t i;
	int rc;

	if (len < ROTATE_PASSWORD_LEN + 1)
		return ERR_RANGE;
	for (i = 0; i < ROTATE_PASSWORD_LEN; i++) {
		rc = rng_uniform(r, sizeof(rotate_alphabet) - 1, &v);
		if (rc != 0) {
			crypto_wipe(buf, len);
			return rc;
		}
		buf[i] = rotate_alphabet[v];
	}
	buf[ROTATE_PASSWORD_LEN] = '\0';
	return 0;
}

static void
rotate_fail(struct rotate_result *res, uint32_t status, const char *where,
	    const char *why)
{
	res->status = status;
	res->cause.status = status;
	mem_strlcpy(res->cause.where, where, sizeof(res->cause.where));
	mem_strlcpy(res->cause.why, why, sizeof(res->cause.why));
}

int
rotate_trust(struct lab *l, const char *trusting, const char *trusted,
	     struct rotate_result *res, struct errinfo *ei)
{
	struct netlogon_channel ch;
	struct rec_secret sec;
	struct domain *c = NULL;
	char secname[REC_SECRET_NAME_MAX + 1], pw[ROTATE_PASSWORD_LEN + 1];
	uint8_t *pw16 = NULL;
	size_t pwlen = 0;
	int r = ERR_INTERNAL;

	memset(res, 0, sizeof(*res));
	memset(&ch, 0, sizeof(ch));
	memset(&sec, 0, sizeof(sec));
	res->call = "";
	res->when = lab_now(l);
	(void)names_upper(res->trusting, sizeof(res->trusting), trusting);
	(void)names_upper(res->trusted, sizeof(res->trusted), trusted);
	if ((r = lab_domain(l, trusting, &c, ei)) != 0)
		goto out;
	if (lab_offline(l, c->rec.name)) {
		rotate_fail(res, NTSTATUS_NO_LOGON_SERVERS, "network",
			    "the trusting PDC is offline");
		r = 0;
		goto out;
	}
	(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
	r = lsa_secret_get(c, secname, &sec, ei);
	if (r == ERR_NOTFOUND || (r == 0 && !sec.has_cur)) {
		rotate_fail(res, NTSTATUS_NO_TRUST_LSA_SECRET, "LSA",
			    "no trust secret to rotate");
		r = 0;
		goto out;
	}
	if (r != 0)
		goto out;
	r = netlogon_channel_get(c, trusted, NULL, &ch, &res->status,
				 &res->cause, ei);
	if (r != 0 || res->status != NTSTATUS_OK)
		goto out;
	if (ch.rec->used_old) {
		/* Only OldValue works: send the existing CurrentValue again. */
		res->pushed_again = 1;
		if ((pw16 = mem_memdup(sec.cur, sec.cur_len)) == NULL) {
			r = ERR(ei, ERR_NOMEM, "out of memory");
			goto out;
		}
		pwlen = sec.cur_len;
	} else {
		if ((r = rotate_password_new(lab_rng(l), pw, sizeof(pw))) !=
		    0) {
			r = lab_rng_failed(l, r, ei);
			goto out;
		}
		r = utf8_to_utf16(&pw16, &pwlen, pw, strlen(pw), ei);
		crypto_wipe(pw, sizeof(pw));
		if (r != 0)
			goto out;
		/* OldValue <- CurrentValue, CurrentValue <- new: first. */
		if ((r = domain_begin(c, ei)) != 0)
			goto out;
		r = lsa_secret_set(c, secname, pw16, pwlen, lab_now(l), ei);
		if (r == 0)
			r = domain_commit(c, ei);
		else
			domain_cancel(c);
		if (r != 0)
			goto out;
		res->changed = 1;
	}
	res->call = (ch.rec->flags & NLCRYPTO_NEG_PASSWORD_SET2) ?
			    "NetrServerPasswordSet2" :
			    "NetrServerPasswordSet";
	r = netlogon_channel_password_set(c, &ch, pw16, pwlen, &res->status,
					  &res->cause, ei);
	if (r == 0 && res->status == NTSTATUS_ACCESS_DENIED && ch.cached &&
	    !ch.up) {
		/* A stale channel (the trusted PDC restarted): set it up once
		 * more and send the same password over the new one. */
		r = netlogon_channel_open(c, trusted, &ch, &res->status,
					  &res->cause, ei);
		if (r == 0 && res->status == NTSTATUS_OK)
			r = netlogon_channel_password_set(c, &ch, pw16, pwlen,
							  &res->status,
							  &res->cause, ei);
	}
	if (r == 0 && res->status == NTSTATUS_OK && ch.rec != NULL) {
		ch.rec->used_old = 0; /* the account has CurrentValue now */
		lab_channel_touch(l);
	}
	if (r != 0 && (res->changed || res->pushed_again)) {
		/*
		 * The call ended in an error (a PDC's database could not be
		 * written): whether the trusted PDC has the new password and
		 * where its credential chain stands are unknown, so drop
		 * this side of the channel and try again in 15 minutes, as
		 * for a refused call.  The next set-up finds which value
		 * works; with only OldValue it sends CurrentValue again.
		 * Best effort: the error returned is the call's.
		 */
		struct errinfo sub;

		err_clear(&sub);
		(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, c->rec.name,
				       res->trusted);
		ch.rec = NULL;
		ch.up = 0;
		(void)lab_retry_set(l, c->rec.name, res->trusted,
				    lab_now(l) + ROTATE_RETRY, &sub);
	}
	/* Stored but not sent: try again in 15 minutes (reference 1.6). */
	if (r == 0)
		r = lab_retry_set(l, c->rec.name, res->trusted,
				  res->status == NTSTATUS_OK ?
					  0 :
					  (res->changed || res->pushed_again ?
						   lab_now(l) + ROTATE_RETRY :
						   0),
				  ei);
out:
	if (pw16 != NULL) {
		crypto_wipe(pw16, pwlen);
		free(pw16);
	}
	rec_secret_wipe(&sec);
	netlogon_channel_close(&ch);
	return r;
}

struct rotate_walk {
	struct lab *l;
	const char *trusting;
	struct rotate_due *v;
	size_t n, cap;
};

static int
rotate_walk_tdo(const struct rec_tdo *t, void *arg)
{
	struct rotate_walk *w = arg;
	struct rec_secret s;
	struct domain *d = NULL;
	struct rotate_due *nv;
	char secname[REC_SECRET_NAME_MAX + 1];
	uint64_t retry;
	int r;

	if (lab_domain(w->l, w->trusting, &d, NULL) != 0)
		return 0;
	(void)lsa_trust_secret_name(secname, sizeof(secname), t->name);
	r = lsa_secret_get(d, secname, &s, NULL);
	if (r != 0 || !s.has_cur) {
		rec_secret_wipe(&s);
		return 0;
	}
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 8;
		nv = mem_realloc(w->v, w->cap * sizeof(*nv));
		if (nv == NULL) {
			rec_secret_wipe(&s);
			return ERR_NOMEM;
		}
		w->v = nv;
	}
	memset(&w->v[w->n], 0, sizeof(w->v[w->n]));
	mem_strlcpy(w->v[w->n].trusting, w->trusting,
		    sizeof(w->v[w->n].trusting));
	mem_strlcpy(w->v[w->n].trusted, t->name, sizeof(w->v[w->n].trusted));
	w->v[w->n].due = s.cur_time + ROTATE_INTERVAL;
	if (lab_retry_get(w->l, w->trusting, t->name, &retry) == 0 &&
	    retry < w->v[w->n].due)
		w->v[w->n].due = retry;
	w->n++;
	rec_secret_wipe(&s);
	return 0;
}

int
rotate_schedule(struct lab *l, struct rotate_due **out, size_t *n,
		struct errinfo *ei)
{
	struct rotate_walk w;
	struct domain *d = NULL;
	char **names = NULL;
	size_t nn = 0, i;
	int r;

	*out = NULL;
	*n = 0;
	memset(&w, 0, sizeof(w));
	w.l = l;
	if ((r = lab_domain_names(l, &names, &nn, ei)) != 0)
		return r;
	for (i = 0; i < nn; i++) {
		if ((r = lab_domain(l, names[i], &d, ei)) != 0)
			goto out;
		w.trusting = d->rec.name;
		r = lsa_tdo_list(d, rotate_walk_tdo, &w, ei);
		if (r == ERR_NOMEM)
			r = ERR(ei, r, "out of memory");
		if (r != 0)
			goto out;
	}
	*out = w.v;
	*n = w.n;
	w.v = NULL;
out:
	free(w.v);
	lab_names_free(names, nn);
	return r;
}

/* Is the pair of d in the list v of n entries? */
static int
rotate_listed(const struct rotate_due *v, size_t n, const struct rotate_due *d)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (names_equal(v[k].trusting, d->trusting) &&
		    names_equal(v[k].trusted, d->trusted))
			return 1;
	return 0;
}

static int
rotate_list_add(struct rotate_due **v, size_t *n, const struct rotate_due *d)
{
	struct rotate_due *nv = mem_realloc(*v, (*n + 1) * sizeof(*nv));

	if (nv == NULL)
		return ERR_NOMEM;
	*v = nv;
	nv[(*n)++] = *d;
	return 0;
}

int
rotate_advance(struct lab *l, uint64_t target, rotate_fn fn, void *arg,
	       struct errinfo *ei)
{
	struct rotate_due *due = NULL, *failed = NULL, *pushed = NULL;
	struct rotate_result res;
	size_t n = 0, nfailed = 0, npushed = 0, i, best;
	uint64_t pushed_at = 0;
	int r = 0;

	if (target < lab_now(l))
		return ERR(ei, ERR_INVALID, "the lab clock never goes back");
	for (;;) {
		free(due);
		due = NULL;
		if ((r = rotate_schedule(l, &due, &n, ei)) != 0)
			goto out;
		/* the earliest rotation due by target, not failed before */
		best = n;
		for (i = 0; i < n; i++) {
			if (due[i].due > target ||
			    rotate_listed(failed, nfailed, &due[i]))
				continue;
			if (best == n || due[i].due < due[best].due)
				best = i;
		}
		if (best == n)
			break;
		if (due[best].due > lab_now(l) &&
		    (r = lab_clock_set(l, due[best].due, ei)) != 0)
			goto out;
		r = rotate_trust(l, due[best].trusting, due[best].trusted, &res,
				 ei);
		if (r != 0)
			goto out;
		if (fn != NULL)
			fn(&res, arg);
		/*
		 * A failed attempt is not retried within this advance.  A
		 * CurrentValue sent again leaves the pair due at once (the next
		 * attempt makes a new password); a second resend of the same
		 * pair at the same lab time stops it, whatever other pairs do.
		 */
		if (lab_now(l) != pushed_at) {
			npushed = 0;
			pushed_at = lab_now(l);
		}
		if (res.status != NTSTATUS_OK ||
		    (res.pushed_again &&
		     rotate_listed(pushed, npushed, &due[best]))) {
			r = rotate_list_add(&failed, &nfailed, &due[best]);
		} else if (res.pushed_again) {
			r = rotate_list_add(&pushed, &npushed, &due[best]);
		}
		if (r != 0) {
			r = ERR(ei, r, "out of memory");
			goto out;
		}
	}
	if (target > lab_now(l))
		r = lab_clock_set(l, target, ei);
out:
	free(due);
	free(failed);
	free(pushed);
	return r;
}
