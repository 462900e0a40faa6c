/*
 * nt4/lab.h - a lab: a directory holding one tdb per emulated PDC
 * (DIR/<DOMAIN>.tdb) and DIR/lab.tdb with the lab clock and RNG state
 * (DESIGN.md section 3).
 *
 * The lab clock starts at LAB_EPOCH and never moves by itself; all lab
 * randomness (challenges, SIDs, generated passwords) comes from the seeded
 * generator, so a scenario replays identically.
 */
#ifndef NT4_LAB_H
#define NT4_LAB_H

#include <stddef.h>
#include <stdint.h>

#include "nt4/records.h"

struct errinfo;
struct lab;
struct domain;
struct rng;
struct store;

/* 1999-06-01T00:00:00Z: the day every lab starts. */
#define LAB_EPOCH 928195200ULL
#define LAB_FILE "lab.tdb"

#define LAB_CREATE 0x1 /* create the lab if the directory has none */

/*
 * lab_open - open the lab in dir.  Without LAB_CREATE a missing lab is
 * ERR_NOTFOUND.  With it, a missing or empty directory becomes a new lab
 * (0700, lab.tdb 0600); a non-empty directory without lab.tdb is refused
 * (ERR_INVALID: "not an nt4trust lab").  Caller frees with lab_close().
 */
int lab_open(struct lab **out, const char *dir, int flags, struct errinfo *ei);
/*
 * lab_close - write back the secure channels (if they changed; the RNG
 * position is written when blocks are leased), close every domain opened
 * through the lab, keep the unused rest of this process's lease for the
 * next lab_open of the same lab, and free it.  Returns the error of the
 * write-back; NULL is a no-op.
 */
int lab_close(struct lab *l, struct errinfo *ei);

/*
 * lab_flush - write the secure channels to lab.tdb now (one transaction);
 * lab_close does it too.  (The RNG position is written when blocks are
 * leased.)
 */
int lab_flush(struct lab *l, struct errinfo *ei);

const char *lab_dir(const struct lab *l);
/* lab_now - the lab clock, seconds since 1970. */
uint64_t lab_now(const struct lab *l);
/*
 * lab_rng - the lab's seeded generator (borrowed).  Its blocks are leased
 * from lab.tdb (nt4/lab.c), so a draw can fail for a store error: report
 * a failed draw with lab_rng_failed.
 */
struct rng *lab_rng(struct lab *l);
/*
 * lab_rng_reserved - lab.tdb's RNG position as l last read it (at open or
 * at its last write-back): the first block no lease had reserved.
 * lab_rng(l) may stand before it, drawing the rest of this process's last
 * lease on the lab.
 */
uint64_t lab_rng_reserved(const struct lab *l);
/*
 * lab_rng_failed - set ei for a failed draw from lab_rng(l): "random source
 * failed", and why when reserving blocks in lab.tdb failed.  Returns r.
 */
int lab_rng_failed(struct lab *l, int r, struct errinfo *ei);

/*
 * lab_domain - the emulated PDC of domain name (case-insensitive), opened
 * once and cached until lab_close.  ERR_NOTFOUND with the message "no
 * domain NAME in lab DIR" when there is none; ERR_INVALID for a bad name.
 */
int lab_domain(struct lab *l, const char *name, struct domain **out,
	       struct errinfo *ei);
/* lab_domain_exists - 1 if DIR/<NAME>.tdb exists. */
int lab_domain_exists(const struct lab *l, const char *name);
/* lab_domain_path - DIR/<NAME>.tdb into buf. */
int lab_domain_path(const struct lab *l, const char *name, char *buf,
		    size_t len);
/*
 * lab_domain_forget - close and drop the cached handle of name (before its
 * file is deleted or replaced).
 */
void lab_domain_forget(struct lab *l, const char *name);
/*
 * lab_domain_names - sorted upper-case names of every domain in the lab;
 * *names is a malloc'd array of malloc'd strings (free with
 * lab_names_free).
 */
int lab_domain_names(const struct lab *l, char ***names, size_t *n,
		     struct errinfo *ei);
void lab_names_free(char **names, size_t n);

/*
 * Secure channels: both sides of every established channel live in the lab
 * (lab.tdb keys CHANNEL/C/<OWNER>/<PEER> and CHANNEL/S/<OWNER>/<PEER>),
 * loaded when the lab opens and written back, in one transaction, when it
 * closes.  Like Netlogon's memory and Samba's schannel store, they outlive
 * a break of the trust until a restart or a failure drops them.
 *
 * lab_channel_get - the state of side (REC_CHANNEL_CLIENT/SERVER) held by
 * owner for peer, or NULL (borrowed; after changing it in place call
 * lab_channel_touch).
 */
struct rec_channel *lab_channel_get(struct lab *l, int side, const char *owner,
				    const char *peer);
/* lab_channel_put - insert or replace a channel state (copied). */
int lab_channel_put(struct lab *l, const struct rec_channel *c,
		    struct errinfo *ei);
/* lab_channel_touch - a state returned by lab_channel_get was changed. */
void lab_channel_touch(struct lab *l);
/* lab_channel_drop - forget one side; 1 if there was one. */
int lab_channel_drop(struct lab *l, int side, const char *owner,
		     const char *peer);
/*
 * lab_channel_drop_domain - forget every channel state domain holds, as
 * client or server (a restart of its PDC); returns how many.
 */
size_t lab_channel_drop_domain(struct lab *l, const char *name);
/* lab_channel_count - channel states held (for status output). */
size_t lab_channel_count(const struct lab *l);
/* lab_channel_at - the i-th channel state (borrowed). */
const struct rec_channel *lab_channel_at(const struct lab *l, size_t i);

/*
 * lab_offline - 1 if the PDC of name is marked offline (unreachable from
 * the network; its database can still be administered).
 */
int lab_offline(struct lab *l, const char *name);
/* lab_set_offline - mark or clear, in its own transaction on lab.tdb. */
int lab_set_offline(struct lab *l, const char *name, int offline,
		    struct errinfo *ei);

/*
 * lab_clock_set - move the lab clock to t (never backwards: ERR_INVALID),
 * in its own transaction on lab.tdb.
 */
int lab_clock_set(struct lab *l, uint64_t t, struct errinfo *ei);

/*
 * A pending retry of a password change (lab.tdb RETRY/<TRUSTING>/<TRUSTED>,
 * an LE64 lab time): set when a new CurrentValue was stored but could not
 * be sent, so the trusting PDC tries again soon, not 7 days later.
 * lab_retry_get: 0 and *when, or ERR_NOTFOUND.  lab_retry_set with when 0
 * removes it.  Each write is its own transaction.
 */
int lab_retry_get(struct lab *l, const char *trusting, const char *trusted,
		  uint64_t *when);
int lab_retry_set(struct lab *l, const char *trusting, const char *trusted,
		  uint64_t when, struct errinfo *ei);

/* Repair journals (lab.tdb JOURNAL/<TRUSTING>/<TRUSTED>). */
int lab_journal_get(struct lab *l, const char *trusting, const char *trusted,
		    struct rec_journal *j, struct errinfo *ei);
/* lab_journal_put - write it at once, in its own transaction. */
int lab_journal_put(struct lab *l, const struct rec_journal *j,
		    struct errinfo *ei);
/* lab_journal_delete - remove it at once; ERR_NOTFOUND if absent. */
int lab_journal_delete(struct lab *l, const char *trusting, const char *trusted,
		       struct errinfo *ei);
/*
 * The same on any store holding JOURNAL/<TRUSTING>/<TRUSTED> records (samba
 * repair keeps its journal in a tdb of its own, migrate/sambarepair.c).
 */
int lab_journal_store_get(struct store *st, const char *trusting,
			  const char *trusted, struct rec_journal *j,
			  struct errinfo *ei);
int lab_journal_store_put(struct store *st, const struct rec_journal *j,
			  struct errinfo *ei);
int lab_journal_store_delete(struct store *st, const char *trusting,
			     const char *trusted, struct errinfo *ei);

#endif
