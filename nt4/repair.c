/*
 * nt4/repair.c - the journaled repair of one NT4 trust in a lab (KB
 * Q207957 resolution; reference 1.3, 1.4, 1.6).
 *
 * The plan comes from the diagnosis (nt4/diag.c).  Before it starts, the
 * journal JOURNAL/<TRUSTING>/<TRUSTED> in lab.tdb records the plan, the
 * index of the next step and the password (lab.tdb is mode 0600; the
 * journal is removed when the repair ends).  Before each step the journal
 * says that step runs next; the step makes its change in its own
 * transaction; only then does the journal move on.  Every step checks what
 * is already there, so one that ran before a crash is harmless to run
 * again: re-running the same command finishes the job.
 */
#include "repair.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/utf16.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/rotate.h"
#include "nt4/sam.h"
#include "nt4/trust.h"
#include "nt4/view.h"

/* A step failed: what it answered, in words. */
struct repair_outcome {
	uint32_t status;
	char detail[300];
};

static void
repair_failed(struct repair_outcome *o, uint32_t status, const char *what,
	      const char *dom, const char *name)
{
	o->status = status;
	snprintf(o->detail, sizeof(o->detail), "%s %s %s", dom, what, name);
}

/* On TRUSTED: delete TRUSTING$ whatever its type; gone already is fine. */
static int
repair_remove_account(struct lab *l, const char *trusting, const char *trusted,
		      struct errinfo *ei)
{
	struct domain *d = NULL, *t = NULL;
	struct errinfo sub;
	char acct[REC_NAME_MAX + 2];
	int r;

	if ((r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0 ||
	    (r = lab_domain(l, trusted, &d, ei)) != 0)
		return r;
	if ((r = domain_begin(d, ei)) != 0)
		return r;
	r = sam_account_delete(d, acct, ei);
	if (r == 0)
		r = domain_commit(d, ei);
	else
		domain_cancel(d);
	if (r == ERR_NOTFOUND) {
		err_clear(ei);
		r = 0;
	}
	/* The trusted PDC forgets the channel of that account. */
	err_clear(&sub);
	if (r == 0 && lab_domain(l, trusting, &t, &sub) == 0)
		(void)lab_channel_drop(l, REC_CHANNEL_SERVER, d->rec.name,
				       t->rec.pdc);
	return r;
}

/* On TRUSTED: TRUSTING$ as an enabled trust account with password. */
static int
repair_permit(struct lab *l, const char *trusting, const char *trusted,
	      const char *password, struct repair_outcome *o,
	      struct errinfo *ei)
{
	struct domain *d = NULL;
	struct rec_account a;
	char acct[REC_NAME_MAX + 2];
	uint8_t h[16];
	int r, ok;

	if ((r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0 ||
	    (r = lab_domain(l, trusted, &d, ei)) != 0)
		return r;
	if ((r = ntlm_nt_hash(password, h, ei)) != 0)
		return r;
	r = sam_account_find(d, acct, &a, ei);
	if (r == 0) {
		ok = a.acb == SAM_ACB_DOMTRUST && a.has_nt &&
		     crypto_equal(a.nt_hash, h, 16);
		rec_account_wipe(&a);
		crypto_wipe(h, sizeof(h));
		if (ok)
			return 0; /* done before an interruption */
		if ((r = repair_remove_account(l, trusting, trusted, ei)) != 0)
			return r;
	} else if (r != ERR_NOTFOUND) {
		crypto_wipe(h, sizeof(h));
		return r;
	}
	crypto_wipe(h, sizeof(h));
	err_clear(ei);
	r = trust_trusting_add(l, trusted, trusting, password, NULL, ei);
	if (r == ERR_EXISTS) {
		repair_failed(o, NTSTATUS_OBJECT_NAME_COLLISION,
			      "still has an account", trusted, acct);
		err_clear(ei);
		r = 0;
	}
	return r;
}

/* On TRUSTING: TDO + G$$ for TRUSTED with password (then it rotates). */
static int
repair_add(struct lab *l, const char *trusting, const char *trusted,
	   const char *password, struct repair_outcome *o, struct errinfo *ei)
{
	struct trust_add_result tr;
	struct view v;
	char st[48];
	int r, done;

	/* Done before an interruption: both halves agree already. */
	if ((r = view_from_lab(&v, l, trusting, trusted, ei)) != 0)
		return r;
	done = v.trusting.has_tdo && v.trusting.has_cur &&
	       v.trusted.has_account && v.trusted.has_nt &&
	       (crypto_equal(v.trusted.nt_hash, v.trusting.cur_hash, 16) ||
		(v.trusting.has_old &&
		 crypto_equal(v.trusted.nt_hash, v.trusting.old_hash, 16)));
	view_wipe(&v);
	if (done)
		return 0;
	r = trust_trusted_remove(l, trusting, trusted, ei);
	if (r == ERR_NOTFOUND) {
		err_clear(ei);
		r = 0;
	}
	if (r != 0)
		return r;
	r = trust_trusted_add(l, trusting, trusted, password, &tr, ei);
	if (r != 0)
		return r;
	if (tr.status != NTSTATUS_OK) {
		o->status = tr.status;
		snprintf(o->detail, sizeof(o->detail), "%s: %.200s",
			 ntstatus_name(tr.status, st, sizeof(st)), tr.why);
	}
	return 0;
}

static int
repair_enable(struct lab *l, const char *trusting, const char *trusted,
	      struct repair_outcome *o, struct errinfo *ei)
{
	struct domain *d = NULL;
	struct rec_account a;
	char acct[REC_NAME_MAX + 2];
	int r;

	if ((r = names_trust_account(acct, sizeof(acct), trusting, ei)) != 0 ||
	    (r = lab_domain(l, trusted, &d, ei)) != 0 ||
	    (r = domain_begin(d, ei)) != 0)
		return r;
	r = sam_account_find(d, acct, &a, ei);
	if (r == ERR_NOTFOUND) {
		domain_cancel(d);
		err_clear(ei);
		repair_failed(o, NTSTATUS_NO_SUCH_USER, "has no account",
			      trusted, acct);
		return 0;
	}
	if (r != 0) {
		domain_cancel(d);
		return r;
	}
	a.acb &= ~SAM_ACB_DISABLED;
	r = sam_account_update(d, &a, ei);
	rec_account_wipe(&a);
	if (r == 0)
		return domain_commit(d, ei);
	domain_cancel(d);
	return r;
}

static int
repair_step(struct lab *l, int kind, const char *T, const char *D,
	    const char *password, struct repair_outcome *o, struct errinfo *ei)
{
	struct trust_verify_result v;
	struct rotate_result rot;
	char st[48];
	int r = 0;

	memset(o, 0, sizeof(*o));
	switch (kind) {
	case DIAG_STEP_REMOVE_TRUSTING_HALF:
		r = trust_trusted_remove(l, T, D, ei);
		if (r == ERR_NOTFOUND) {
			err_clear(ei);
			r = 0;
		}
		(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, T, D);
		break;
	case DIAG_STEP_REMOVE_TRUSTED_HALF:
		r = repair_remove_account(l, T, D, ei);
		break;
	case DIAG_STEP_PERMIT:
		r = repair_permit(l, T, D, password, o, ei);
		break;
	case DIAG_STEP_ADD:
		r = repair_add(l, T, D, password, o, ei);
		break;
	case DIAG_STEP_ENABLE:
		r = repair_enable(l, T, D, o, ei);
		break;
	case DIAG_STEP_PUSH:
		(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, T, D);
		r = rotate_trust(l, T, D, &rot, ei);
		if (r == 0 && rot.status != NTSTATUS_OK) {
			o->status = rot.status;
			snprintf(o->detail, sizeof(o->detail),
				 "%s from %.90s: %.160s",
				 ntstatus_name(rot.status, st, sizeof(st)),
				 rot.cause.where, rot.cause.why);
		}
		break;
	case DIAG_STEP_RESTART:
		(void)lab_channel_drop_domain(l, T);
		break;
	case DIAG_STEP_VERIFY:
		r = trust_verify(l, T, D, &v, ei);
		if (r == 0 && v.status != NTSTATUS_OK) {
			o->status = v.status;
			snprintf(o->detail, sizeof(o->detail),
				 "%s; cause %.200s",
				 ntstatus_name(v.status, st, sizeof(st)),
				 v.cause.why);
		}
		break;
	default:
		o->status = NTSTATUS_NOT_SUPPORTED;
		snprintf(o->detail, sizeof(o->detail),
			 "this step is done by hand");
	}
	if (r == 0)
		r = lab_flush(l, ei);
	return r;
}

void
repair_abort_hook(size_t step)
{
	const char *s = getenv(REPAIR_ABORT_ENV);
	unsigned long n;
	char *end;

	if (s == NULL || *s == '\0')
		return;
	n = strtoul(s, &end, 10);
	if (*end == '\0' && n == step + 1) {
		fprintf(stderr, "nt4trust: %s=%lu: aborting after step %lu\n",
			REPAIR_ABORT_ENV, n, n);
		abort();
	}
}

/* Does the plan set a new password (permit and add again)? */
static int
repair_needs_password(const struct rec_journal *j)
{
	size_t i;

	for (i = 0; i < j->nsteps; i++)
		if (j->steps[i] == DIAG_STEP_PERMIT ||
		    j->steps[i] == DIAG_STEP_ADD)
			return 1;
	return 0;
}

/* A new journal from the diagnosis; the password given or generated. */
static int
repair_begin(struct lab *l, const struct view *v, struct repair_result *res,
	     const struct repair_opts *o, struct rec_journal *j,
	     struct errinfo *ei)
{
	size_t i;
	int r;

	memset(j, 0, sizeof(*j));
	mem_strlcpy(j->trusting, v->trusting.name, sizeof(j->trusting));
	mem_strlcpy(j->trusted, v->trusted.name, sizeof(j->trusted));
	mem_strlcpy(j->verdict, diag_verdict_name(res->diag.verdict),
		    sizeof(j->verdict));
	j->nsteps = (uint8_t)res->diag.nsteps;
	for (i = 0; i < res->diag.nsteps; i++)
		j->steps[i] = (uint8_t)res->diag.steps[i].kind;
	j->started = lab_now(l);
	if (o->password != NULL) {
		/* Refuse it now, not after both halves are gone. */
		if ((r = trust_password_check(o->password, ei)) != 0)
			return r;
		if (strlen(o->password) > REC_JOURNAL_PW_MAX)
			return ERR(ei, ERR_INVALID,
				   "the repair password is too long");
		mem_strlcpy(j->password, o->password, sizeof(j->password));
	} else if (o->dry_run || !repair_needs_password(j)) {
		/* a dry run draws nothing; nor does a plan with no new password
		 */
		j->generated = repair_needs_password(j);
	} else {
		r = rotate_password_new(lab_rng(l), j->password,
					sizeof(j->password));
		if (r != 0)
			return lab_rng_failed(l, r, ei);
		j->generated = 1;
	}
	j->pw_len = (uint16_t)strlen(j->password);
	return 0;
}

int
repair_run(struct lab *l, const char *trusting, const char *trusted,
	   const struct repair_opts *o, struct repair_result *res, repair_fn fn,
	   void *arg, struct errinfo *ei)
{
	struct repair_outcome out;
	struct rec_journal j;
	struct view v;
	uint32_t tflavor = REC_FLAVOR_NT4;
	size_t i;
	int r;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	memset(&v, 0, sizeof(v));
	if ((r = view_from_lab(&v, l, trusting, trusted, ei)) != 0)
		goto out;
	tflavor = v.trusting.flavor;
	diag_run(&v, &res->diag);
	r = lab_journal_get(l, v.trusting.name, v.trusted.name, &j, ei);
	if (r == 0) {
		res->resumed = 1;
		res->resumed_at = j.next;
	} else if (r != ERR_NOTFOUND) {
		goto out;
	} else {
		err_clear(ei);
		r = 0;
		if (res->diag.verdict == DIAG_HEALTHY) {
			res->nothing_to_do = 1;
			goto out;
		}
		if (res->diag.repairable &&
		    (!v.trusting.known || !v.trusted.known)) {
			res->refused = 1;
			snprintf(res->why, sizeof(res->why),
				 "%s is not in the lab; a repair needs both "
				 "PDCs",
				 v.trusting.known ? v.trusted.name :
						    v.trusting.name);
			goto out;
		}
		if (!res->diag.repairable) {
			res->refused = 1;
			snprintf(res->why, sizeof(res->why), "%s",
				 res->diag.nsteps > 0 ?
					 res->diag.steps[0].text :
					 "there is no trust to "
					 "repair; create one "
					 "with trusting add and "
					 "trusted add");
			goto out;
		}
		if ((r = repair_begin(l, &v, res, o, &j, ei)) != 0)
			goto out;
	}
	res->generated = j.generated;
	mem_strlcpy(res->begun_for, j.verdict, sizeof(res->begun_for));
	for (i = 0; i < j.nsteps; i++)
		diag_step_describe(j.steps[i], j.trusting, j.trusted, tflavor,
				   &res->plan[i]);
	res->nplan = j.nsteps;
	if (o->dry_run)
		goto out;
	if (!res->resumed && (r = lab_journal_put(l, &j, ei)) != 0)
		goto out;
	if (fn != NULL)
		fn(-1, j.nsteps, NULL, 0, 0, "", arg); /* about to start */
	for (i = j.next; i < j.nsteps; i++) {
		/* the journal says step i runs next: it is written already */
		if (fn != NULL)
			fn((int)i, j.nsteps, &res->plan[i], 0, 0, "", arg);
		r = repair_step(l, j.steps[i], j.trusting, j.trusted,
				j.password, &out, ei);
		if (r != 0)
			goto out;
		if (fn != NULL)
			fn((int)i, j.nsteps, &res->plan[i], 1, out.status,
			   out.detail, arg);
		if (out.status != NTSTATUS_OK) {
			res->status = out.status;
			snprintf(res->why, sizeof(res->why),
				 "step %zu (%.100s): %.180s", i + 1,
				 res->plan[i].text, out.detail);
			r = lab_journal_delete(l, j.trusting, j.trusted, ei);
			goto out;
		}
		repair_abort_hook(i);
		j.next = (uint8_t)(i + 1);
		if (j.next < j.nsteps && (r = lab_journal_put(l, &j, ei)) != 0)
			goto out;
	}
	r = lab_journal_delete(l, j.trusting, j.trusted, ei);
	if (r == 0)
		res->done = 1;
out:
	rec_journal_wipe(&j);
	view_wipe(&v);
	return r;
}
