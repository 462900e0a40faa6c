/*
 * migrate/sambarepair.h - the offline, journaled repair of a trust between
 * two Samba classic PDCs, on their private directories (passdb.tdb and
 * secrets.tdb), in the KB Q207957 order:
 *
 *   1. TRUSTING secrets.tdb: remove SECRETS/$DOMTRUST.ACC/<TRUSTED>
 *   2. TRUSTED passdb.tdb:   remove the trust account <TRUSTING>$
 *   3. TRUSTED passdb.tdb:   create <TRUSTING>$ (ACB_DOMTRUST) with the
 *                            new password's NT hash
 *   4. TRUSTING secrets.tdb: write SECRETS/$DOMTRUST.ACC/<TRUSTED> with
 *                            the same password and TRUSTED's SID
 *   5. verify: read both back; the diagnosis must be healthy
 *
 * Each step is one tdb transaction on one file and is safe to run again.
 * The journal (a rec_journal record, JOURNAL/<TRUSTING>/<TRUSTED>) lives in
 * TRUSTING's private directory, SAMBAREPAIR_JOURNAL_FILE, mode 0600; it
 * holds the password, is rewritten after every step and is wiped and
 * removed when the repair ends.  Re-running after a crash resumes it.
 */
#ifndef MIGRATE_SAMBAREPAIR_H
#define MIGRATE_SAMBAREPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "migrate/sambaview.h"
#include "nt4/diag.h"
#include "nt4/records.h"

struct errinfo;

#define SAMBAREPAIR_JOURNAL_FILE "nt4trust-repair.tdb"
#define SAMBAREPAIR_STEPS 5

struct sambarepair_opts {
	const char *password; /* NULL: generate one from the OS RNG */
	int dry_run;	      /* the plan only; nothing is written */
};

/* One step of the plan: what it does, on which file and keys. */
struct sambarepair_step {
	int kind; /* enum diag_step_kind (REMOVE_*, PERMIT, ADD, VERIFY) */
	char on[REC_NAME_MAX + 1]; /* the domain whose files change */
	char file[4200];	   /* "" for verify */
	char key[120];
	char text[200];
};

/* A daemon to restart once the files are repaired. */
struct sambarepair_restart {
	char pdc_domain[REC_NAME_MAX + 1];
	char daemon[16];
	char why[200];
};

struct sambarepair_result {
	struct diag_result diag; /* the diagnosis the run started from */
	int nothing_to_do;	 /* healthy and no journal: no change */
	int refused;		 /* not repairable (reason in why) */
	int resumed;		 /* a journaled repair was resumed */
	size_t resumed_at;	 /* its next step (0-based) */
	char begun_for[40];	 /* the verdict the repair began for */
	int generated;		 /* the password was generated */
	int done;		 /* every step ran, verified healthy */
	int failed;		 /* a step failed (failed_at, 0-based) */
	size_t failed_at;
	char why[300];
	struct sambarepair_step plan[SAMBAREPAIR_STEPS];
	size_t nplan;
	struct sambarepair_restart restart[2];
	size_t nrestart;
	/* the password used (secret: wipe with sambarepair_result_wipe) */
	char password[REC_JOURNAL_PW_MAX + 1];
};

/*
 * Told once before the first step (index -1, step NULL), then about each
 * step as it starts (done 0) and when it took effect (done 1).
 */
typedef void (*sambarepair_fn)(int index, size_t count,
			       const struct sambarepair_step *step, int done,
			       void *arg);

/*
 * sambarepair_journal_path - DIR/SAMBAREPAIR_JOURNAL_FILE into buf.
 * ERR_RANGE when it does not fit.
 */
int sambarepair_journal_path(char *buf, size_t len, const char *dir,
			     struct errinfo *ei);

/*
 * sambarepair_password_check - a password Samba can store: non-empty,
 * ASCII only (secrets.tdb keeps it in the dos charset), at most
 * SECRETSDB_PASS_MAX bytes.  ERR_INVALID with the reason (never the
 * password).
 */
int sambarepair_password_check(const char *password, struct errinfo *ei);

/*
 * sambarepair_describe - the step of kind for the pair (text, file, key).
 */
void sambarepair_describe(int kind, const struct sambaview_domain *trusting,
			  const struct sambaview_domain *trusted,
			  struct sambarepair_step *s);

/*
 * sambarepair_step - carry out one step (kind as in the plan) on the
 * directories, in one tdb transaction on one file; safe to run twice (a
 * record already gone is removed, an account or record already written is
 * written again).  password is used by PERMIT and ADD.  VERIFY reads both
 * back: ERR_WRONGSTATE naming the verdict when the trust is not healthy.
 * File errors name the file (ERR_ACCESS for a read-only one).
 */
int sambarepair_step(int kind, const struct sambaview_domain *trusting,
		     const struct sambaview_domain *trusted,
		     const char *password, struct errinfo *ei);

/*
 * sambarepair_run - diagnose trusting -> trusted from the two directories
 * and repair it, or resume the journaled repair of that pair.  Healthy
 * (and no journal): nothing_to_do, nothing written.  No trust at all, or
 * TRUSTED's SID unknown: refused, with the reason.  dry_run fills the plan
 * and changes nothing.  A step that fails stops the repair: failed,
 * failed_at and the error (also returned, prefixed with the step); the
 * journal is removed, so the next run starts from a new diagnosis, and
 * every file is as it was before or after that step.  The files are
 * opened writable (and checked) before the journal is written.  Wipe
 * *res with sambarepair_result_wipe() after use.
 */
int sambarepair_run(const struct sambaview_domain *trusting,
		    const struct sambaview_domain *trusted,
		    const struct sambarepair_opts *o,
		    struct sambarepair_result *res, sambarepair_fn fn,
		    void *arg, struct errinfo *ei);

/* sambarepair_result_wipe - zero *res (the password included). */
void sambarepair_result_wipe(struct sambarepair_result *res);

#endif
