/*
 * migrate/live.h - a session set-up against a real SMB server (a Samba
 * classic PDC or a Windows NT4 PDC) through libsmbclient, with the exact
 * NT status of a failure and plain-words causes for it.
 */
#ifndef MIGRATE_LIVE_H
#define MIGRATE_LIVE_H

#include <stddef.h>
#include <stdint.h>

#include "common/err.h"

#define LIVE_SERVER_MAX 63   /* characters of a server name (host or IP) */
#define LIVE_USER_MAX 104    /* characters of a user name (SAM limit) */
#define LIVE_STATUS_NAME 64  /* bytes for "NT_STATUS_..." (NUL included) */
#define LIVE_DEBUG_MAX 65536 /* bytes of libsmbclient's debug text kept */

struct live_opts {
	const char *ip;	      /* connect to this address; NULL: resolve */
	const char *smb_conf; /* an smb.conf to load; NULL: the default */
	int timeout_ms;	      /* 0: 10000 */
};

struct live_result {
	int ok;		  /* 1: the session was set up */
	int status_known; /* 1: status_name was seen */
	uint32_t status;  /* its code; 0 if not in the table */
	char status_name[LIVE_STATUS_NAME]; /* "NT_STATUS_ACCESS_DENIED" */
	int sys_errno;			    /* libsmbclient's errno (0 if ok) */
};

/*
 * live_server_parse - "//SERVER" (or "\\SERVER") to "SERVER" in out
 * (outlen >= LIVE_SERVER_MAX + 1): 1 to LIVE_SERVER_MAX characters of
 * letters, digits, '-', '_', '.' and ':' (an IPv6 address is not taken).
 * ERR_INVALID with a one-line message naming arg and the reason.
 */
int live_server_parse(const char *arg, char *out, size_t outlen,
		      struct errinfo *ei);
/*
 * live_account_parse - "DOMAIN\user" into dom (NetBIOS name, 1..15
 * characters, domlen >= 16) and user (1..LIVE_USER_MAX characters, userlen
 * >= LIVE_USER_MAX + 1).  ERR_INVALID naming arg and the reason.
 */
int live_account_parse(const char *arg, char *dom, size_t domlen, char *user,
		       size_t userlen, struct errinfo *ei);

/*
 * live_session - set up an SMB session at server as domain\user with
 * password (NTLM only: kerberos, the credential cache and the anonymous
 * fallback are off) and connect to IPC$; record the outcome in *res.
 * domain may be "" (the server then takes its own domain).  o->ip, when
 * set, is connected to instead of resolving server.  The status comes
 * from libsmbclient's own debug messages, taken with its log callback
 * (process-wide in libsmbclient: not thread-safe; later libsmbclient
 * messages of the process are dropped).  Returns 0 when *res holds an
 * outcome (ok or not), ERR_INVALID for bad arguments, ERR_IO / ERR_NOMEM
 * when the call could not be made.  The password is copied into a buffer
 * that is wiped before return; nothing here prints it.
 */
int live_session(const char *server, const char *domain, const char *user,
		 const char *password, const struct live_opts *o,
		 struct live_result *res, struct errinfo *ei);

/*
 * live_status_scan - the failure status in Samba debug text, line by
 * line, the last one found: an "NT_STATUS_<A-Z0-9_>" token that is not a
 * success or progress status (NT_STATUS_OK,
 * NT_STATUS_MORE_PROCESSING_REQUIRED; a token longer than
 * LIVE_STATUS_NAME - 1 is skipped), or the message text of a status
 * after "login failed: " (Samba prints the text, not the name, there),
 * matched against common/ntstatus.  Returns 1 and fills name (namelen >=
 * LIVE_STATUS_NAME) and *code (0 when not in common/ntstatus), or 0 when
 * there is none.  text need not be NUL-terminated.
 */
int live_status_scan(const uint8_t *text, size_t len, char *name,
		     size_t namelen, uint32_t *code);

/*
 * live_causes - plain-words likely causes of status (a static string;
 * never NULL).  probe: the session was a trust account probe
 * (live probe-trust).  sys_errno is used when no status was seen
 * (status_known 0).
 */
const char *live_causes(const struct live_result *res, int probe);

#endif
