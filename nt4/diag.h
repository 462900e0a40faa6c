/*
 * nt4/diag.h - diagnosis of one NT4 trust from its neutral view
 * (nt4/view.h): exactly one verdict, the evidence, a plain-words summary
 * and the remedy as ordered steps (the KB Q207957 order for a broken
 * pair).  Pure: reads the view, changes nothing.
 */
#ifndef NT4_DIAG_H
#define NT4_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/records.h"
#include "nt4/view.h"

/* The verdicts, in the order they are tested. */
enum diag_verdict {
	DIAG_HEALTHY = 0,
	DIAG_NO_TRUST,
	DIAG_TRUSTING_SIDE_MISSING,
	DIAG_TRUSTED_DC_UNREACHABLE,
	DIAG_TRUSTED_SIDE_MISSING,
	DIAG_ACCOUNT_WRONG_TYPE,
	DIAG_SECRET_MISSING,
	DIAG_SID_MISMATCH,
	DIAG_ACCOUNT_DISABLED,
	DIAG_PASSWORD_MISMATCH,
	DIAG_ROTATION_PENDING,
	DIAG_VERDICT_COUNT
};

/* Which value of G$$TRUSTED the trust account's hash matches. */
enum diag_match {
	DIAG_MATCH_UNKNOWN = 0, /* no account or no secret to compare */
	DIAG_MATCH_CURRENT,
	DIAG_MATCH_OLD,
	DIAG_MATCH_NONE,
};

/* Remedy steps (also the step kinds of the repair journal). */
enum diag_step_kind {
	DIAG_STEP_REMOVE_TRUSTING_HALF = 1, /* on TRUSTING: TDO + G$$ */
	DIAG_STEP_REMOVE_TRUSTED_HALF = 2,  /* on TRUSTED: TRUSTING$ */
	DIAG_STEP_PERMIT = 3,  /* on TRUSTED: TRUSTING$ with the password */
	DIAG_STEP_ADD = 4,     /* on TRUSTING: TDO + G$$, same password */
	DIAG_STEP_ENABLE = 5,  /* on TRUSTED: enable TRUSTING$ */
	DIAG_STEP_PUSH = 6,    /* on TRUSTING: send CurrentValue again */
	DIAG_STEP_RESTART = 7, /* restart TRUSTING's PDC (Samba: winbindd) */
	DIAG_STEP_VERIFY = 8,  /* set up the secure channel */
	DIAG_STEP_ONLINE = 9,  /* bring TRUSTED's PDC back: by hand */
};

#define DIAG_STEPS_MAX 8

struct diag_step {
	int kind; /* enum diag_step_kind */
	char on[REC_NAME_MAX + 1];
	char text[160];	   /* what the step does, in plain words */
	char command[120]; /* the nt4trust command that does it by hand */
};

struct diag_result {
	int verdict; /* enum diag_verdict */
	int match;   /* enum diag_match */
	int sid_known, sid_match;
	char summary[400]; /* plain words: who reaches what, and why not */
	struct diag_step steps[DIAG_STEPS_MAX];
	size_t nsteps;
	int repairable; /* `trust repair` can carry the steps out */
};

/* diag_run - the verdict, evidence and remedy for v. */
void diag_run(const struct view *v, struct diag_result *res);
/* diag_verdict_name - "healthy", "trusted-side-missing", ... */
const char *diag_verdict_name(int verdict);
/* diag_verdict_parse - the verdict of a name, or -1. */
int diag_verdict_parse(const char *name);
/* diag_match_name - "current", "old", "none", "unknown". */
const char *diag_match_name(int match);
/*
 * diag_step_describe - text and command of a step of kind for the pair
 * (used for plans and for resumed journals).
 */
void diag_step_describe(int kind, const char *trusting, const char *trusted,
			uint32_t trusting_flavor, struct diag_step *s);

#endif
