/*
 * nt4/store.h - a tdb file holding one emulated PDC's database (or the lab's
 * own state), with every change inside one tdb transaction.
 *
 * Keys are NUL-free strings (stored without terminator); values are the
 * versioned records of nt4/records.h.  Files are created mode 0600.  The
 * _raw functions take keys as bytes, for foreign tdbs (Samba's passdb.tdb,
 * whose keys end with a NUL).
 */
#ifndef NT4_STORE_H
#define NT4_STORE_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;
struct store;

#define STORE_CREATE 0x1 /* create the file if missing (O_CREAT|O_EXCL) */
#define STORE_RDONLY 0x2 /* open read-only */
/*
 * STORE_CACHE: keep recently read values while the database is unchanged
 * (TDB_SEQNUM; see nt4/store.c).  For the lab's own files, which every
 * writer opens with this flag; not for foreign tdbs whose writers do not
 * move the sequence number.
 */
#define STORE_CACHE 0x4

/*
 * store_open - open (or with STORE_CREATE create) the tdb at path.
 * ERR_NOTFOUND if missing, ERR_EXISTS if STORE_CREATE and present, ERR_IO
 * otherwise; the message names the file.  Caller frees with store_close().
 */
int store_open(struct store **out, const char *path, int flags,
	       struct errinfo *ei);
/* store_close - cancel any open transaction and close; NULL is a no-op. */
void store_close(struct store *s);
/* store_path - the file name (borrowed). */
const char *store_path(const struct store *s);

/*
 * store_begin/commit/cancel - one transaction; commit makes every change of
 * it durable at once (tdb transactions: all or nothing after a crash).
 * Nested begin is an error.  Writes outside a transaction are refused.
 */
int store_begin(struct store *s, struct errinfo *ei);
int store_commit(struct store *s, struct errinfo *ei);
void store_cancel(struct store *s);
/* store_in_transaction - 1 while a transaction is open. */
int store_in_transaction(const struct store *s);

/*
 * Fault injection for crash tests: NT4TRUST_FAULT=abort:N|fail:N|count,
 * read at the first write of the process (nt4/store.c head comment,
 * docs/formats/store.md section 9).  store_fault_reset - forget what was
 * read and restart the write count, so the next write reads the variable
 * again (for unit tests, whose processes fork after writes of their own).
 */
void store_fault_reset(void);

/*
 * store_get - fetch key; *val malloc'd (caller wipes if secret, frees).
 * ERR_NOTFOUND when absent (no message recorded).
 */
int store_get(struct store *s, const char *key, uint8_t **val, size_t *len,
	      struct errinfo *ei);
/* store_put - insert or replace key (inside a transaction). */
int store_put(struct store *s, const char *key, const void *val, size_t len,
	      struct errinfo *ei);
/*
 * store_put_txn - store_put in a transaction of its own (begin, put,
 * commit; cancelled on any failure): one record, all or nothing.
 */
int store_put_txn(struct store *s, const char *key, const void *val, size_t len,
		  struct errinfo *ei);
/* store_delete - remove key (inside a transaction); ERR_NOTFOUND if absent. */
int store_delete(struct store *s, const char *key, struct errinfo *ei);

/* Called for each key starting with a prefix; non-zero return stops. */
typedef int (*store_fn)(const char *key, const uint8_t *val, size_t len,
			void *arg);
/*
 * store_list - call fn for every key with the given prefix, in sorted key
 * order.  Returns the first non-zero fn result, else 0.
 */
int store_list(struct store *s, const char *prefix, store_fn fn, void *arg,
	       struct errinfo *ei);

/*
 * Raw keys.  Samba's own tdbs (passdb.tdb) use keys that end with a NUL
 * byte ("USER_resource$\0"), which the string forms above cannot express.
 * These take the key as bytes + length and otherwise follow the same rules
 * as store_get/store_put/store_delete/store_list (transactions, malloc'd
 * values, ERR_NOTFOUND without a message); messages show the key with
 * unprintable bytes as \xNN.  Used by migrate/tdbsam.c.
 */
int store_get_raw(struct store *s, const void *key, size_t klen, uint8_t **val,
		  size_t *len, struct errinfo *ei);
int store_put_raw(struct store *s, const void *key, size_t klen,
		  const void *val, size_t len, struct errinfo *ei);
int store_delete_raw(struct store *s, const void *key, size_t klen,
		     struct errinfo *ei);
/* Called for each raw key starting with a prefix; non-zero return stops. */
typedef int (*store_raw_fn)(const uint8_t *key, size_t klen, const uint8_t *val,
			    size_t len, void *arg);
/*
 * store_list_raw - call fn for every key (any bytes, NULs included) that
 * starts with the plen bytes of prefix, in memcmp order (a shorter key
 * first when one is a prefix of the other).  Returns the first non-zero fn
 * result, else 0.
 */
/*
 * store_traverse_raw - call fn for every record in tdb's own (hash) order,
 * under a read lock, without collecting or sorting: for one pass over a
 * large file.  fn's non-zero return stops the walk and is returned.
 */
int store_traverse_raw(struct store *s, store_raw_fn fn, void *arg,
		       struct errinfo *ei);
int store_list_raw(struct store *s, const void *prefix, size_t plen,
		   store_raw_fn fn, void *arg, struct errinfo *ei);

#endif
