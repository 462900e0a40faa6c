/*
 * nt4/sam.h - the SAM of an emulated PDC: users and interdomain trust
 * accounts with their NT (and LM) hashes and account-control flags.
 *
 * RIDs are handed out from 1000 upwards and never reused (NEXT_RID only
 * grows, as in an NT4 SAM).  Only hashes are stored, never a cleartext.
 * Mutating calls must run inside domain_begin()/domain_commit().
 */
#ifndef NT4_SAM_H
#define NT4_SAM_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/records.h"

struct errinfo;
struct domain;

/* Account control bits ([MS-SAMR] 2.2.1.12). */
#define SAM_ACB_DISABLED 0x00000001u
#define SAM_ACB_HOMDIRREQ 0x00000002u
#define SAM_ACB_PWNOTREQ 0x00000004u
#define SAM_ACB_TEMPDUP 0x00000008u
#define SAM_ACB_NORMAL 0x00000010u
#define SAM_ACB_MNS 0x00000020u
#define SAM_ACB_DOMTRUST 0x00000040u
#define SAM_ACB_WSTRUST 0x00000080u
#define SAM_ACB_SVRTRUST 0x00000100u
#define SAM_ACB_PWNOEXP 0x00000200u
#define SAM_ACB_AUTOLOCK 0x00000400u
#define SAM_ACB_TYPE_MASK                                                    \
	(SAM_ACB_TEMPDUP | SAM_ACB_NORMAL | SAM_ACB_MNS | SAM_ACB_DOMTRUST | \
	 SAM_ACB_WSTRUST | SAM_ACB_SVRTRUST)

#define SAM_RID_FIRST 1000u
#define SAM_RID_DOMAIN_USERS 513u

/*
 * sam_account_add - create account name with the given flags and hashes
 * (lm_hash may be NULL).  ERR_INVALID for a bad name, ERR_EXISTS if an
 * account of that name (any case) exists.  *out (optional) receives the
 * new record; wipe it after use.
 */
int sam_account_add(struct domain *d, const char *name, const char *fullname,
		    uint32_t acb, const uint8_t nt_hash[16],
		    const uint8_t *lm_hash, struct rec_account *out,
		    struct errinfo *ei);
/*
 * sam_account_add_rid - create account a as given (RID, name, full name,
 * flags, hashes with has_nt/has_lm, times), e.g. one imported from
 * another SAM.  The same checks as sam_account_add, and ERR_INVALID for
 * RID 0 or 0xffffffff, ERR_EXISTS when the RID is taken.  NEXT_RID moves
 * past a->rid (and to at least SAM_RID_FIRST).
 */
int sam_account_add_rid(struct domain *d, const struct rec_account *a,
			struct errinfo *ei);
/*
 * sam_next_rid_set - set NEXT_RID to rid.  ERR_INVALID below the current
 * value (RIDs are never reused).
 */
int sam_next_rid_set(struct domain *d, uint32_t rid, struct errinfo *ei);
/*
 * sam_account_find - look an account up by name (ASCII case-insensitive).
 * ERR_NOTFOUND (no message) when absent.  Wipe *out after use.
 */
int sam_account_find(struct domain *d, const char *name,
		     struct rec_account *out, struct errinfo *ei);
/* sam_account_by_rid - look an account up by RID. */
int sam_account_by_rid(struct domain *d, uint32_t rid, struct rec_account *out,
		       struct errinfo *ei);
/* sam_account_update - rewrite an existing account (same RID and name). */
int sam_account_update(struct domain *d, const struct rec_account *a,
		       struct errinfo *ei);
/* sam_account_delete - remove account name; ERR_NOTFOUND if absent. */
int sam_account_delete(struct domain *d, const char *name, struct errinfo *ei);
/*
 * sam_account_list - call fn for every account in RID order; a non-zero
 * return of fn stops the walk and is returned.
 */
typedef int (*sam_account_fn)(const struct rec_account *a, void *arg);
int sam_account_list(struct domain *d, sam_account_fn fn, void *arg,
		     struct errinfo *ei);

/*
 * sam_acb_format - Samba's "[DU         ]" notation of acb into buf (>= 14
 * bytes): D disabled, N no password required, H home dir required, T temp
 * duplicate, U normal user, M MNS, W workstation trust, S server trust,
 * L auto-locked, X password does not expire, I interdomain trust.
 */
void sam_acb_format(uint32_t acb, char *buf, size_t len);
/*
 * sam_acb_parse - the same letters, with or without brackets and spaces
 * ("[DI]", "DI", "I").  ERR_INVALID for an unknown letter; an empty set
 * yields 0.
 */
int sam_acb_parse(const char *s, uint32_t *acb, struct errinfo *ei);
/* sam_acb_type_name - "user", "interdomain trust", "workstation trust"... */
const char *sam_acb_type_name(uint32_t acb);

/*
 * sam_sid_history_add - append sid to the sIDHistory of account name (the
 * SIDs it had in other domains, as ADMT migrations leave them), at most
 * REC_SIDHIST_MAX; inside the caller's transaction; adding one already
 * there changes nothing.  sam_sid_history_get - ERR_NOTFOUND when empty.
 */
int sam_sid_history_add(struct domain *d, const char *name,
			const struct sid *sid, struct errinfo *ei);
int sam_sid_history_get(struct domain *d, uint32_t rid, struct rec_sidhist *out,
			struct errinfo *ei);

#endif
