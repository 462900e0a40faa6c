/*
 * migrate/sambarepair.c - `samba repair`: the KB Q207957 resolution done
 * offline on the private directories of two Samba classic PDCs
 * (shared/reference/samba-classic REPORT.md section 4 for the procedure
 * and what it changes, section 5 for passdb.tdb and secrets.tdb; formats in
 * docs/formats/tdbsam.md and docs/formats/secretsdb.md).
 *
 * What the real procedure does with `net rpc trustdom del/add`, `revoke`
 * and `establish` (pdb_set_trusteddom_pw), this does to the files: remove
 * SECRETS/$DOMTRUST.ACC/<TRUSTED> on the trusting side, remove and create
 * again the interdomain trust account <TRUSTING>$ in the trusted side's
 * passdb.tdb (a new RID, as Samba allocates one), write the trusted-domain
 * record with the same password, then read both back and diagnose them
 * (nt4/diag.c) as `samba diagnose` does.  Each change is one tdb
 * transaction on one file, taken under tdb's own locks, as pdbedit and net
 * do beside running daemons.  The Unix account of <TRUSTING>$ (tdbsam's
 * `add machine script` made it) is left alone.
 *
 * Journal (the lab repair's record, nt4/records.h rec_journal): before the
 * first change, JOURNAL/<TRUSTING>/<TRUSTED> in TRUSTING's
 * DIR/nt4trust-repair.tdb (created 0600, beside secrets.tdb which holds
 * the password in clear anyway) records the plan, the next step and the
 * password; it moves on after each step; when the repair ends the file is
 * overwritten with zeros and removed.  No step depends on what the one
 * before left: removing what is gone and writing what is there again are
 * both harmless, so a crash anywhere is finished by running again.
 */
#include "sambarepair.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "common/rng.h"
#include "migrate/secretsdb.h"
#include "migrate/tdbsam.h"
#include "nt4/lab.h"
#include "nt4/repair.h"
#include "nt4/rotate.h"
#include "nt4/store.h"
#include "nt4/view.h"

/* The plan, always the whole KB Q207957 sequence (the files can do no
 * less: a Samba trusting PDC keeps one password and no OldValue). */
static const int sambarepair_kinds[SAMBAREPAIR_STEPS] = {
	DIAG_STEP_REMOVE_TRUSTING_HALF, DIAG_STEP_REMOVE_TRUSTED_HALF,
	DIAG_STEP_PERMIT, DIAG_STEP_ADD, DIAG_STEP_VERIFY
};

int
sambarepair_journal_path(char *buf, size_t len, const char *dir,
			 struct errinfo *ei)
{
	return sambaview_path(buf, len, dir, SAMBAREPAIR_JOURNAL_FILE, ei);
}

int
sambarepair_password_check(const char *password, struct errinfo *ei)
{
	size_t i, n;

	if (password == NULL || password[0] == '\0')
		return ERR(ei, ERR_INVALID, "the trust password is empty");
	n = strlen(password);
	for (i = 0; i < n; i++)
		if ((unsigned char)password[i] > 0x7f)
			return ERR(ei, ERR_INVALID,
				   "the trust password is not ASCII (Samba "
				   "stores it in the dos charset): character "
				   "%zu",
				   i + 1);
	if (n > SECRETSDB_PASS_MAX || n > REC_JOURNAL_PW_MAX)
		return ERR(ei, ERR_INVALID,
			   "the trust password is longer than %d characters",
			   SECRETSDB_PASS_MAX);
	return 0;
}

void
sambarepair_describe(int kind, const struct sambaview_domain *t,
		     const struct sambaview_domain *d,
		     struct sambarepair_step *s)
{
	char acct[REC_NAME_MAX + 2], lower[REC_NAME_MAX + 2];
	size_t i;

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	(void)names_trust_account(acct, sizeof(acct), t->name, NULL);
	for (i = 0; acct[i] != '\0' && i + 1 < sizeof(lower); i++)
		lower[i] = (char)((acct[i] >= 'A' && acct[i] <= 'Z') ?
					  acct[i] - 'A' + 'a' :
					  acct[i]);
	lower[i] = '\0';
	switch (kind) {
	case DIAG_STEP_REMOVE_TRUSTING_HALF:
	case DIAG_STEP_ADD:
		mem_strlcpy(s->on, t->name, sizeof(s->on));
		(void)sambaview_path(s->file, sizeof(s->file), t->dir,
				     "secrets.tdb", NULL);
		snprintf(s->key, sizeof(s->key), "SECRETS/$DOMTRUST.ACC/%s",
			 d->name);
		snprintf(s->text, sizeof(s->text),
			 kind == DIAG_STEP_ADD ?
				 "on %s, write the trusted-domain record of "
				 "%s again, with the same password and %s's "
				 "SID" :
				 "on %s, remove the trusted-domain record of "
				 "%s",
			 t->name, d->name, d->name);
		break;
	case DIAG_STEP_REMOVE_TRUSTED_HALF:
	case DIAG_STEP_PERMIT:
		mem_strlcpy(s->on, d->name, sizeof(s->on));
		(void)sambaview_path(s->file, sizeof(s->file), d->dir,
				     "passdb.tdb", NULL);
		snprintf(s->key, sizeof(s->key),
			 kind == DIAG_STEP_PERMIT ?
				 "USER_%s, RID_<new RID>, NEXT_RID" :
				 "USER_%s and its RID_ record",
			 lower);
		snprintf(s->text, sizeof(s->text),
			 kind == DIAG_STEP_PERMIT ?
				 "on %s, create the interdomain trust account "
				 "%s with the new password" :
				 "on %s, remove the trust account %s",
			 d->name, acct);
		break;
	default:
		s->kind = DIAG_STEP_VERIFY;
		mem_strlcpy(s->on, t->name, sizeof(s->on));
		snprintf(s->text, sizeof(s->text),
			 "verify: read both databases back; the trust %s -> %s "
			 "must be healthy",
			 t->name, d->name);
		break;
	}
}

/* A short name of a step, for error messages. */
static const char *
sambarepair_label(int kind)
{
	switch (kind) {
	case DIAG_STEP_REMOVE_TRUSTING_HALF:
		return "remove the trusted-domain record";
	case DIAG_STEP_REMOVE_TRUSTED_HALF:
		return "remove the trust account";
	case DIAG_STEP_PERMIT:
		return "create the trust account";
	case DIAG_STEP_ADD:
		return "write the trusted-domain record";
	}
	return "verify";
}

/* Open DIR/secrets.tdb writable. */
static int
sambarepair_open_secrets(const struct sambaview_domain *x,
			 struct secretsdb **sec, struct errinfo *ei)
{
	char path[4200];
	int r;

	r = sambaview_path(path, sizeof(path), x->dir, "secrets.tdb", ei);
	return r != 0 ? r : secretsdb_open(sec, path, 1, ei);
}

/* Open DIR/passdb.tdb writable. */
static int
sambarepair_open_sam(const struct sambaview_domain *x, struct tdbsam **sam,
		     struct errinfo *ei)
{
	char path[4200];
	int r;

	r = sambaview_path(path, sizeof(path), x->dir, "passdb.tdb", ei);
	return r != 0 ? r : tdbsam_open(sam, path, 1, ei);
}

static int
sambarepair_verify(const struct sambaview_domain *t,
		   const struct sambaview_domain *d, struct errinfo *ei)
{
	struct diag_result res;
	struct view v;
	int r;

	if ((r = sambaview_load(&v, t, d, ei)) != 0)
		return r;
	diag_run(&v, &res);
	view_wipe(&v);
	if (res.verdict != DIAG_HEALTHY)
		return ERR(ei, ERR_WRONGSTATE,
			   "the trust %s -> %s is still %s after the repair",
			   t->name, d->name, diag_verdict_name(res.verdict));
	return 0;
}

int
sambarepair_step(int kind, const struct sambaview_domain *t,
		 const struct sambaview_domain *d, const char *password,
		 struct errinfo *ei)
{
	struct secretsdb_trust rec;
	struct secretsdb *sec = NULL;
	struct tdbsam *sam = NULL;
	char acct[REC_NAME_MAX + 2];
	uint8_t h[16];
	uint32_t now = (uint32_t)time(NULL);
	int r = ERR_INTERNAL;

	memset(&rec, 0, sizeof(rec));
	memset(h, 0, sizeof(h));
	if ((r = names_trust_account(acct, sizeof(acct), t->name, ei)) != 0)
		goto out;
	switch (kind) {
	case DIAG_STEP_REMOVE_TRUSTING_HALF:
		if ((r = sambarepair_open_secrets(t, &sec, ei)) != 0)
			goto out;
		r = secretsdb_trust_delete(sec, d->name, ei);
		break;
	case DIAG_STEP_REMOVE_TRUSTED_HALF:
		if ((r = sambarepair_open_sam(d, &sam, ei)) != 0)
			goto out;
		r = tdbsam_delete(sam, acct, ei);
		break;
	case DIAG_STEP_PERMIT:
		if ((r = sambarepair_password_check(password, ei)) != 0 ||
		    (r = ntlm_nt_hash(password, h, ei)) != 0 ||
		    (r = sambarepair_open_sam(d, &sam, ei)) != 0)
			goto out;
		r = tdbsam_trust_account_put(sam, acct, d->name, h, now, NULL,
					     ei);
		break;
	case DIAG_STEP_ADD:
		if ((r = sambarepair_password_check(password, ei)) != 0)
			goto out;
		if (!d->has_sid) {
			r = ERR(ei, ERR_WRONGSTATE, "the SID of %s is unknown",
				d->name);
			goto out;
		}
		mem_strlcpy(rec.domain, d->name, sizeof(rec.domain));
		mem_strlcpy(rec.password, password, sizeof(rec.password));
		rec.pass_len = strlen(rec.password);
		rec.mod_time = now;
		rec.sid = d->sid;
		if ((r = sambarepair_open_secrets(t, &sec, ei)) != 0)
			goto out;
		r = secretsdb_trust_put(sec, &rec, ei);
		break;
	case DIAG_STEP_VERIFY:
		r = sambarepair_verify(t, d, ei);
		break;
	default:
		r = ERR(ei, ERR_INTERNAL, "unknown repair step %d", kind);
		break;
	}
	if (r == ERR_NOTFOUND) { /* removed before an interruption */
		err_clear(ei);
		r = 0;
	}
out:
	crypto_wipe(h, sizeof(h));
	secretsdb_trust_wipe(&rec);
	secretsdb_close(sec);
	tdbsam_close(sam);
	return r;
}

/* ---- the journal file ---- */

static int
sambarepair_journal_get(const char *path, const char *t, const char *d,
			struct rec_journal *j, struct errinfo *ei)
{
	struct store *st = NULL;
	int r;

	memset(j, 0, sizeof(*j));
	r = store_open(&st, path, STORE_RDONLY, ei);
	if (r == 0)
		r = lab_journal_store_get(st, t, d, j, ei);
	store_close(st);
	if (r == ERR_NOTFOUND)
		err_clear(ei); /* no journal file, or none for this pair */
	return r;
}

static int
sambarepair_journal_put(const char *path, const struct rec_journal *j,
			struct errinfo *ei)
{
	struct store *st = NULL;
	int r, created = 0;

	r = store_open(&st, path, 0, ei);
	if (r == ERR_NOTFOUND) {
		err_clear(ei);
		r = store_open(&st, path, STORE_CREATE, ei);
		created = r == 0;
	}
	if (r == 0)
		r = lab_journal_store_put(st, j, ei);
	store_close(st);
	/* a new file whose first write failed holds nothing: leave none */
	if (r != 0 && created)
		(void)unlink(path);
	return r;
}

static int
sambarepair_count(const char *key, const uint8_t *val, size_t len, void *arg)
{
	(void)key;
	(void)val;
	(void)len;
	(*(size_t *)arg)++;
	return 0;
}

/* Overwrite the whole file with zeros (the password, and any copy of it
 * in tdb's free space or recovery area), then remove it. */
static int
sambarepair_wipe_file(const char *path, struct errinfo *ei)
{
	static const uint8_t zero[4096];
	struct stat sb;
	off_t left;
	ssize_t n;
	int fd, r = 0;

	fd = open(path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ERR(ei, ERR_IO, "cannot open %s: %s", path,
			   strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return ERR(ei, ERR_IO, "%s: not a regular file", path);
	}
	for (left = sb.st_size; left > 0 && r == 0; left -= n) {
		n = write(fd, zero,
			  left > (off_t)sizeof(zero) ? sizeof(zero) :
						       (size_t)left);
		if (n <= 0)
			r = ERR(ei, ERR_IO, "cannot wipe %s: %s", path,
				strerror(errno));
	}
	if (r == 0 && fsync(fd) != 0)
		r = ERR(ei, ERR_IO, "cannot wipe %s: %s", path,
			strerror(errno));
	close(fd);
	if (r == 0 && unlink(path) != 0)
		r = ERR(ei, ERR_IO, "cannot remove %s: %s", path,
			strerror(errno));
	return r;
}

/* Remove the pair's journal; the file too when no other journal is left. */
static int
sambarepair_journal_remove(const char *path, const char *t, const char *d,
			   struct errinfo *ei)
{
	struct store *st = NULL;
	size_t left = 0;
	int r;

	if ((r = store_open(&st, path, 0, ei)) != 0)
		goto out;
	r = lab_journal_store_delete(st, t, d, ei);
	if (r == ERR_NOTFOUND) {
		err_clear(ei);
		r = 0;
	}
	if (r == 0)
		r = store_list(st, "", sambarepair_count, &left, ei);
out:
	store_close(st);
	if (r == 0 && left == 0)
		r = sambarepair_wipe_file(path, ei);
	return r;
}

/* ---- the run ---- */

/* A new journal: the plan and the password (given, or from the OS RNG). */
static int
sambarepair_begin(const struct sambaview_domain *t,
		  const struct sambaview_domain *d,
		  const struct sambarepair_opts *o,
		  const struct sambarepair_result *res, struct rec_journal *j,
		  struct errinfo *ei)
{
	struct rng rng;
	size_t i;
	int r;

	memset(j, 0, sizeof(*j));
	mem_strlcpy(j->trusting, t->name, sizeof(j->trusting));
	mem_strlcpy(j->trusted, d->name, sizeof(j->trusted));
	mem_strlcpy(j->verdict, diag_verdict_name(res->diag.verdict),
		    sizeof(j->verdict));
	j->nsteps = SAMBAREPAIR_STEPS;
	for (i = 0; i < SAMBAREPAIR_STEPS; i++)
		j->steps[i] = (uint8_t)sambarepair_kinds[i];
	j->started = (uint64_t)time(NULL);
	if (o->password != NULL) {
		/* refuse it now, not after both halves are gone */
		if ((r = sambarepair_password_check(o->password, ei)) != 0)
			return r;
		mem_strlcpy(j->password, o->password, sizeof(j->password));
	} else {
		j->generated = 1;
		if (o->dry_run)
			return 0; /* a dry run draws nothing */
		rng_init_os(&rng);
		r = rotate_password_new(&rng, j->password, sizeof(j->password));
		rng_wipe(&rng);
		if (r != 0)
			return ERR(ei, r, "the OS random source failed");
	}
	j->pw_len = (uint16_t)strlen(j->password);
	return 0;
}

/* Decide: resume, nothing to do, refuse, or a new journal in *j. */
static int
sambarepair_decide(const struct sambaview_domain *t,
		   const struct sambaview_domain *d,
		   const struct sambarepair_opts *o, const char *jpath,
		   struct sambarepair_result *res, struct rec_journal *j,
		   struct errinfo *ei)
{
	char acct[REC_NAME_MAX + 2];
	size_t i;
	int r, ok;

	r = sambarepair_journal_get(jpath, t->name, d->name, j, ei);
	if (r == 0) {
		ok = j->nsteps == SAMBAREPAIR_STEPS && j->next < j->nsteps;
		for (i = 0; ok && i < SAMBAREPAIR_STEPS; i++)
			ok = j->steps[i] == sambarepair_kinds[i];
		if (!ok)
			return ERR(ei, ERR_FORMAT,
				   "%s: the journal of %s -> %s is not a "
				   "samba repair's",
				   jpath, t->name, d->name);
		res->resumed = 1;
		res->resumed_at = j->next;
		return 0;
	}
	if (r != ERR_NOTFOUND)
		return r;
	if (res->diag.verdict == DIAG_HEALTHY) {
		res->nothing_to_do = 1;
		return 0;
	}
	(void)names_trust_account(acct, sizeof(acct), t->name, NULL);
	res->refused = 1;
	if (res->diag.verdict == DIAG_NO_TRUST || !res->diag.repairable)
		snprintf(res->why, sizeof(res->why),
			 "there is no trust to repair: %s has no "
			 "trusted-domain record for %s and %s has no trust "
			 "account %s (create the trust with net rpc trustdom "
			 "add and establish)",
			 t->name, d->name, d->name, acct);
	else if (!d->has_sid)
		snprintf(res->why, sizeof(res->why),
			 "the SID of %s is unknown: %.200s/secrets.tdb has no "
			 "SECRETS/SID/%s",
			 d->name, d->dir, d->name);
	else
		res->refused = 0;
	if (res->refused)
		return 0;
	return sambarepair_begin(t, d, o, res, j, ei);
}

int
sambarepair_run(const struct sambaview_domain *t,
		const struct sambaview_domain *d,
		const struct sambarepair_opts *o,
		struct sambarepair_result *res, sambarepair_fn fn, void *arg,
		struct errinfo *ei)
{
	struct secretsdb *sec = NULL;
	struct tdbsam *sam = NULL;
	struct rec_journal j;
	struct errinfo sub;
	char jpath[4200];
	struct view v;
	size_t i;
	int r = ERR_INTERNAL;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	if ((r = sambarepair_journal_path(jpath, sizeof(jpath), t->dir, ei)) !=
		    0 ||
	    (r = sambaview_load(&v, t, d, ei)) != 0)
		goto out;
	diag_run(&v, &res->diag);
	view_wipe(&v);
	if ((r = sambarepair_decide(t, d, o, jpath, res, &j, ei)) != 0 ||
	    res->nothing_to_do || res->refused)
		goto out;
	res->generated = j.generated;
	mem_strlcpy(res->begun_for, j.verdict, sizeof(res->begun_for));
	mem_strlcpy(res->password, j.password, sizeof(res->password));
	for (i = 0; i < j.nsteps; i++)
		sambarepair_describe(j.steps[i], t, d, &res->plan[i]);
	res->nplan = j.nsteps;
	/* winbindd keeps its trusted-domain list and secure channel */
	mem_strlcpy(res->restart[0].pdc_domain, t->name,
		    sizeof(res->restart[0].pdc_domain));
	mem_strlcpy(res->restart[0].daemon, "winbindd",
		    sizeof(res->restart[0].daemon));
	snprintf(res->restart[0].why, sizeof(res->restart[0].why),
		 "it reads its trusted domains only at start and keeps its "
		 "secure channel to %s",
		 d->name);
	res->nrestart = 1;
	if (o->dry_run)
		goto out;
	/* both files writable before anything is written */
	if ((r = sambarepair_open_secrets(t, &sec, ei)) != 0 ||
	    (r = sambarepair_open_sam(d, &sam, ei)) != 0)
		goto out;
	secretsdb_close(sec);
	tdbsam_close(sam);
	sec = NULL;
	sam = NULL;
	if (!res->resumed && (r = sambarepair_journal_put(jpath, &j, ei)) != 0)
		goto out;
	if (fn != NULL)
		fn(-1, j.nsteps, NULL, 0, arg);
	for (i = j.next; i < j.nsteps; i++) {
		if (fn != NULL)
			fn((int)i, j.nsteps, &res->plan[i], 0, arg);
		r = sambarepair_step(j.steps[i], t, d, j.password, ei);
		if (r != 0) {
			res->failed = 1;
			res->failed_at = i;
			err_prefix(ei, "samba repair step %zu (%s)", i + 1,
				   sambarepair_label(j.steps[i]));
			/*
			 * A change that could not be made (an I/O error) is
			 * resumed by the next run like a crash: keep the
			 * journal, else a run failing after both halves are
			 * gone leaves a no-trust pair that no run repairs.
			 * A failed verify ends the repair: a new diagnosis.
			 */
			if (j.steps[i] == DIAG_STEP_VERIFY) {
				err_clear(&sub);
				(void)sambarepair_journal_remove(
					jpath, j.trusting, j.trusted, &sub);
			}
			goto out;
		}
		if (fn != NULL)
			fn((int)i, j.nsteps, &res->plan[i], 1, arg);
		repair_abort_hook(i);
		j.next = (uint8_t)(i + 1);
		if (j.next < j.nsteps &&
		    (r = sambarepair_journal_put(jpath, &j, ei)) != 0)
			goto out;
	}
	r = sambarepair_journal_remove(jpath, j.trusting, j.trusted, ei);
	if (r == 0)
		res->done = 1;
out:
	secretsdb_close(sec);
	tdbsam_close(sam);
	rec_journal_wipe(&j);
	return r;
}

void
sambarepair_result_wipe(struct sambarepair_result *res)
{
	crypto_wipe(res, sizeof(*res));
}
