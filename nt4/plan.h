/*
 * nt4/plan.h - the command sequence an administrator runs on the real
 * PDCs to repair one NT4 trust by KB Q207957 (remove both halves, re-create
 * both with one new password), for Samba 4.17 classic PDCs or for Windows
 * NT 4.  Pure: built from the diagnosis and the two domain records; prints
 * nothing, and never holds a password.
 */
#ifndef NT4_PLAN_H
#define NT4_PLAN_H

#include <stddef.h>

#include "common/sid.h"
#include "nt4/records.h"

struct diag_result;
struct errinfo;

/* Which real PDCs the plan is for. */
enum plan_target {
	PLAN_FOR_SAMBA = 1,
	PLAN_FOR_WINDOWS = 2,
};

#define PLAN_STEPS_MAX 8

struct plan_step {
	int n; /* 1-based step number */
	char pdc[REC_NAME_MAX + 1];
	char domain[REC_NAME_MAX + 1];
	char command[640];  /* what to type (or the menu path, Windows) */
	char explains[400]; /* what it does, and what answer to expect */
};

/* One side of the trust, as the lab's domain record has it. */
struct plan_domain {
	char name[REC_NAME_MAX + 1];
	char pdc[REC_NAME_MAX + 1];
	struct sid sid;
};

struct plan {
	int target; /* enum plan_target */
	struct plan_domain trusting, trusted;
	int verdict; /* enum diag_verdict, from the diagnosis */
	struct plan_step steps[PLAN_STEPS_MAX];
	size_t nsteps;
};

/*
 * plan_build - the full KB Q207957 plan for target (whatever the verdict;
 * a healthy pair gets it too) into *p.  ERR_INVALID for an unknown target
 * or an empty name.  Nothing to free.
 */
int plan_build(struct plan *p, int target, const struct diag_result *res,
	       const struct plan_domain *trusting,
	       const struct plan_domain *trusted, struct errinfo *ei);
/* plan_target_parse - PLAN_FOR_* of "samba" / "windows", or -1. */
int plan_target_parse(const char *name);
/* plan_target_name - "samba", "windows" or "?". */
const char *plan_target_name(int target);

#endif
