/*
 * nt4/repair.h - carrying out the remedy of a diagnosis on a lab pair
 * (nt4/diag.h): for a broken pair the KB Q207957 order, each step written
 * to a journal in lab.tdb before it runs, every step safe to run twice, so
 * a crash anywhere is finished by running the same repair again.
 */
#ifndef NT4_REPAIR_H
#define NT4_REPAIR_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/diag.h"
#include "nt4/netlogon.h"
#include "nt4/records.h"

struct errinfo;
struct lab;

/*
 * Test hook: with NT4TRUST_REPAIR_ABORT_AFTER=N in the environment the
 * process aborts right after step N (1-based) took effect, before the
 * journal records it: the worst moment for a crash.
 */
#define REPAIR_ABORT_ENV "NT4TRUST_REPAIR_ABORT_AFTER"
/*
 * repair_abort_hook - abort() when REPAIR_ABORT_ENV names step + 1 (step is
 * 0-based); call it right after the step took effect, before the journal
 * records it.  Also used by migrate/sambarepair.c.
 */
void repair_abort_hook(size_t step);

struct repair_opts {
	const char *password; /* NULL: generate one (lab RNG) */
	int dry_run;	      /* print the plan, change nothing */
};

/*
 * Told once before the first step (index -1, step NULL), then about every
 * step as it starts and ends.
 */
typedef void (*repair_fn)(int index, size_t count, const struct diag_step *step,
			  int done, uint32_t status, const char *detail,
			  void *arg);

struct repair_result {
	struct diag_result diag; /* the diagnosis the repair started from */
	int nothing_to_do;	 /* healthy: no change */
	int refused;		 /* not repairable here (reason in why) */
	int resumed;		 /* an interrupted repair was finished */
	size_t resumed_at;	 /* its first step run now (0-based) */
	char begun_for[40];	 /* the verdict the repair began for */
	int generated;		 /* the password was generated */
	int done;		 /* every step ran */
	uint32_t status;	 /* 0, or the status of the failed step */
	char why[300];
	struct diag_step plan[REC_JOURNAL_STEPS_MAX];
	size_t nplan;
};

/*
 * repair_run - diagnose trusting -> trusted and carry out the remedy, or
 * resume the journaled repair of that pair.  Healthy: nothing_to_do (no
 * change).  Not repairable (no trust, PDC unreachable): refused, with the
 * reason.  A step that fails stops the repair: res->status and res->why
 * say which and why; the journal is removed so the next run starts from a
 * new diagnosis.  The int return is for failures of the emulator itself.
 */
int repair_run(struct lab *l, const char *trusting, const char *trusted,
	       const struct repair_opts *o, struct repair_result *res,
	       repair_fn fn, void *arg, struct errinfo *ei);

#endif
