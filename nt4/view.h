/*
 * nt4/view.h - the neutral view of one NT4 trust (TRUSTING trusts TRUSTED):
 * both halves side by side, whatever they were read from.  The lab fills
 * it here; later sources (Samba's passdb.tdb and secrets.tdb) fill the same
 * type, so every source is diagnosed by one code path (nt4/diag.h).
 */
#ifndef NT4_VIEW_H
#define NT4_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"
#include "nt4/records.h"

struct errinfo;
struct lab;

/* The trusting (resource) side: its TDO and G$$ secret. */
struct view_trusting {
	int known; /* this side could be read */
	char name[REC_NAME_MAX + 1];
	struct sid sid;
	uint32_t flavor;
	int has_tdo;
	struct sid tdo_sid; /* what the TDO says the trusted SID is */
	int has_secret;
	int has_cur, has_old;
	uint8_t cur_hash[16], old_hash[16]; /* NT hashes of the values */
	uint64_t cur_time, old_time;
};

/* The trusted (accounts) side: its interdomain trust account. */
struct view_trusted {
	int known;
	char name[REC_NAME_MAX + 1];
	char pdc[REC_NAME_MAX + 1];
	struct sid sid; /* its real SID */
	uint32_t flavor;
	int reachable;	 /* its PDC answers on the network */
	int has_account; /* an account named TRUSTING$, of any type */
	char account[REC_NAME_MAX + 2];
	uint32_t rid;
	uint32_t acb;
	int has_nt;
	uint8_t nt_hash[16];
	uint64_t pwd_last_set;
};

struct view {
	struct view_trusting trusting;
	struct view_trusted trusted;
};

/*
 * view_from_lab - read both halves from the lab's PDCs.  A domain not in
 * the lab leaves its side unknown; ERR_NOTFOUND when neither is there,
 * ERR_INVALID for bad names; corrupt records are errors naming file and
 * key.  Wipe the view after use (it holds hashes).
 */
int view_from_lab(struct view *v, struct lab *l, const char *trusting,
		  const char *trusted, struct errinfo *ei);
/* view_wipe - zero the whole view. */
void view_wipe(struct view *v);

#endif
