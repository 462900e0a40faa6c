/*
 * migrate/sambaestate.h - every trust among many Samba classic domains,
 * from their private directories (or copies), read-only: each passdb.tdb
 * and secrets.tdb is opened once and read in one pass, then every trust is
 * diagnosed through the same view (migrate/sambaview.h) and verdicts
 * (nt4/diag.h) as `samba diagnose --trusting DIR --trusted DIR`.
 *
 *   trusted half of X -> D:  an interdomain trust account X$ (ACB_DOMTRUST)
 *                            in D's passdb.tdb
 *   trusting half of D -> Y: SECRETS/$DOMTRUST.ACC/Y in D's secrets.tdb
 *
 * A trust whose two domains were both given is diagnosed on both halves.
 * A trust whose other domain was not given is one-sided: only the half at
 * hand is checked (SAMBAESTATE_UNCHECKED unless that half alone shows the
 * fault; see sambaestate_diagnose).
 */
#ifndef MIGRATE_SAMBAESTATE_H
#define MIGRATE_SAMBAESTATE_H

#include <stddef.h>

#include "nt4/diag.h"
#include "nt4/records.h"
#include "nt4/view.h"

struct errinfo;
struct sambaestate;

/* The verdict of a one-sided trust that its one half cannot decide. */
#define SAMBAESTATE_UNCHECKED DIAG_VERDICT_COUNT

/* One trust of the estate, diagnosed. */
struct sambaestate_trust {
	char trusting[REC_NAME_MAX + 1];
	char trusted[REC_NAME_MAX + 1];
	int one_sided; /* the other domain's directory was not given */
	char not_given[REC_NAME_MAX + 1]; /* that domain ("" if two-sided) */
	char checked_half[REC_NAME_MAX +
			  1]; /* the domain whose half was read */
	int verdict;	      /* enum diag_verdict, or SAMBAESTATE_UNCHECKED */
	/*
	 * view: both halves (a side not given has known = 0); diag: the
	 * result of diag_run on it when two-sided, else the one-sided verdict,
	 * its summary and remedy (match and SID evidence unknown).
	 */
	struct view view;
	struct diag_result diag;
};

/*
 * sambaestate_load - read the n private directories dirs[] (each needs
 * secrets.tdb and passdb.tdb): every domain's name and SID, its
 * trusted-domain records and its machine and trust accounts.
 * passdb.tdb is read with one traverse that decodes only the USER_ records
 * whose name ends in '$' (machine and trust accounts); user records are
 * skipped without decoding, but every USER_ key must be well formed.
 * A domain's name: the domain its decoded accounts name (the first in key
 * order), else its only SECRETS/SID/ name, else the domain a user record
 * names (decoded for that alone).
 * Errors: ERR_NOTFOUND/ERR_IO/ERR_ACCESS naming the file; ERR_FORMAT for a
 * corrupt record naming file, key and offset; ERR_INVALID when a
 * directory's domain cannot be told or two directories hold the same
 * domain (both named), or n is 0.  *out is freed with sambaestate_free().
 */
int sambaestate_load(struct sambaestate **out, const char *const *dirs,
		     size_t n, struct errinfo *ei);
/* sambaestate_free - wipe (hashes) and free; NULL is a no-op. */
void sambaestate_free(struct sambaestate *e);
/* sambaestate_domains - the number of domains read. */
size_t sambaestate_domains(const struct sambaestate *e);
/*
 * sambaestate_count - the number of trusts found, ordered by trusting and
 * then trusted name (byte order of the upper-case names).
 */
size_t sambaestate_count(const struct sambaestate *e);
/*
 * sambaestate_diagnose - trust i (0 <= i < count).  Two-sided: the view
 * sambaview_fill builds from the two halves, and diag_run on it.
 * One-sided, from the half at hand: an account that is not an interdomain
 * trust account gives trust-account-wrong-type, a disabled one
 * trust-account-disabled, one without an NT hash password-mismatch (no
 * password can match); a trusted-domain record with an empty password
 * secret-missing; anything else SAMBAESTATE_UNCHECKED.  ERR_RANGE for a
 * bad i, ERR_INVALID from sambaview_fill.  Wipe *t after use
 * (sambaestate_trust_wipe).
 */
int sambaestate_diagnose(struct sambaestate *e, size_t i,
			 struct sambaestate_trust *t, struct errinfo *ei);
/* sambaestate_trust_wipe - zero all of *t (it holds hashes); NULL ok. */
void sambaestate_trust_wipe(struct sambaestate_trust *t);
/*
 * sambaestate_verdict_name - diag_verdict_name(), and "unchecked" for
 * SAMBAESTATE_UNCHECKED.
 */
const char *sambaestate_verdict_name(int verdict);
/* sambaestate_verdict_parse - the inverse (-1 for an unknown name). */
int sambaestate_verdict_parse(const char *name);

#endif
