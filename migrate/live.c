/*
 * migrate/live.c - one SMB session set-up against a real server through
 * libsmbclient (the only file that includes <libsmbclient.h>), for
 * `nt4trust live logon` and `live probe-trust`.
 *
 * What it does: a fresh SMBCCTX per call (kerberos, the winbind
 * credential cache and the automatic anonymous fallback off, so the
 * answer is the one to NTLM as domain\user), the credentials handed over
 * by the auth callback, then smbc_opendir("smb://SERVER/IPC$"): connect,
 * negotiate, session set-up, tree connect to IPC$.  Samba 4.17 then
 * refuses to list IPC$ itself, so the session counts as set up when
 * libsmbclient logged "Server connect ok:" (its message once the session
 * and the tree connect are up) or the listing worked.  The context is
 * freed and the password copy wiped before return.  With --ip the address
 * goes into the URL (NTLM needs no server name).  It does not read ~/.smb
 * beyond what libsmbclient itself loads at its first initialisation.
 *
 * The NT status: libsmbclient returns only errno.  Its debug messages
 * (level LIVE_DEBUG_LEVEL; higher levels print their table to stdout) are
 * taken with smbc_setLogCallback into a capped buffer during the call;
 * live_status_scan() picks the failure out of them: an NT_STATUS_ name, or
 * the status's message text after "SPNEGO login failed: " (what 4.17
 * prints for a refused session set-up), matched against common/ntstatus.
 * The text is Samba's, never the password (Samba's debug code prints
 * passwords only in builds with DEBUG_PASSWORD); the buffer is wiped
 * anyway.  When no status is seen the result says so and keeps errno.
 *
 * Causes in plain words follow ../shared/reference/samba-classic/REPORT.md
 * section 3 (what real Samba 4.17 classic PDCs answer in each broken
 * trust state) and the NT4 behaviour of [MS-NRPC] 3.1.4 (secure channel)
 * and KB Q207957.  Message texts come from common/ntstatus.
 */
#include "live.h"

#include <dlfcn.h>
#include <errno.h>
#include <libsmbclient.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntstatus.h"
#include "common/sbuf.h"

/* 3: the session set-up messages of source3/libsmb are at levels 1..3 */
#define LIVE_DEBUG_LEVEL 3
#define LIVE_PW_MAX 1024
#define LIVE_TEXT_MIN 24   /* characters of a message text that must match */
#define LIVE_LINE_MAX 1024 /* bytes of one debug line looked at */
/* libsmbclient's message once the session and the IPC$ connection are up */
#define LIVE_CONNECT_OK "Server connect ok: "

/* What the auth callback hands over, and the captured debug text. */
struct live_call {
	char domain[NAMES_NETBIOS_MAX + 1];
	char user[4 * LIVE_USER_MAX + 1];
	char password[LIVE_PW_MAX + 1]; /* wiped */
	char *log;			/* LIVE_DEBUG_MAX bytes; wiped */
	size_t loglen;
};

static int
live_name_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
	       ch == '.' || ch == ':';
}

int
live_server_parse(const char *arg, char *out, size_t outlen, struct errinfo *ei)
{
	size_t i, n;
	const char *s;
	int r = ERR_INTERNAL;

	if (outlen > 0)
		out[0] = '\0';
	if (arg == NULL || strlen(arg) < 2 ||
	    !((arg[0] == '/' && arg[1] == '/') ||
	      (arg[0] == '\\' && arg[1] == '\\'))) {
		r = ERR(ei, ERR_INVALID,
			"server '%s': must be written //SERVER",
			arg != NULL ? arg : "");
		goto out;
	}
	s = arg + 2;
	n = strlen(s);
	if (n > 0 && (s[n - 1] == '/' || s[n - 1] == '\\'))
		n--; /* "//SERVER/" */
	if (n == 0) {
		r = ERR(ei, ERR_INVALID, "server '%s': the name is empty", arg);
		goto out;
	}
	if (n > LIVE_SERVER_MAX || n + 1 > outlen) {
		r = ERR(ei, ERR_INVALID,
			"server '%.80s': the name is longer than %d "
			"characters",
			arg, LIVE_SERVER_MAX);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (!live_name_char(s[i])) {
			r = ERR(ei, ERR_INVALID,
				"server '%.80s': a name or address only, "
				"of letters, digits, '-', '_', '.' (no "
				"share, no path)",
				arg);
			goto out;
		}
	memcpy(out, s, n);
	out[n] = '\0';
	r = 0;
out:
	return r;
}

int
live_account_parse(const char *arg, char *dom, size_t domlen, char *user,
		   size_t userlen, struct errinfo *ei)
{
	const char *bs;
	size_t dl, ul, i;
	int r = ERR_INTERNAL;

	if (domlen > 0)
		dom[0] = '\0';
	if (userlen > 0)
		user[0] = '\0';
	bs = arg != NULL ? strchr(arg, '\\') : NULL;
	if (bs == NULL) {
		r = ERR(ei, ERR_INVALID,
			"account '%.80s': must be written DOMAIN\\user",
			arg != NULL ? arg : "");
		goto out;
	}
	dl = (size_t)(bs - arg);
	ul = strlen(bs + 1);
	if (dl == 0 || dl > NAMES_NETBIOS_MAX || dl + 1 > domlen) {
		r = ERR(ei, ERR_INVALID,
			"account '%.80s': the domain part must be 1 to %d "
			"characters",
			arg, NAMES_NETBIOS_MAX);
		goto out;
	}
	if (ul == 0 || ul > LIVE_USER_MAX || ul + 1 > userlen) {
		r = ERR(ei, ERR_INVALID,
			"account '%.80s': the user part must be 1 to %d "
			"characters",
			arg, LIVE_USER_MAX);
		goto out;
	}
	for (i = 0; i < dl + 1 + ul; i++)
		if ((unsigned char)arg[i] < 0x20 || arg[i] == 0x7f ||
		    (i > dl && arg[i] == '\\')) {
			r = ERR(ei, ERR_INVALID,
				"account '%.80s': control characters or a "
				"second backslash",
				arg);
			goto out;
		}
	memcpy(dom, arg, dl);
	dom[dl] = '\0';
	memcpy(user, bs + 1, ul + 1);
	if ((r = names_domain_check(dom, ei)) != 0)
		goto out;
	r = 0;
out:
	return r;
}

static int
live_token_char(char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
	       ch == '_';
}

/* "NT_STATUS_X" tokens of one line: the last failure one into name. */
static int
live_scan_tokens(const char *line, char *name, size_t namelen)
{
	static const char pfx[] = "NT_STATUS_";
	const char *p = line;
	size_t tl;
	int found = 0;

	while ((p = strstr(p, pfx)) != NULL) {
		tl = sizeof(pfx) - 1;
		while (live_token_char(p[tl]))
			tl++;
		if (tl > sizeof(pfx) - 1 && tl < namelen &&
		    strncmp(p, "NT_STATUS_OK", tl) != 0 &&
		    strncmp(p, "NT_STATUS_MORE_PROCESSING_REQUIRED", tl) != 0) {
			memcpy(name, p, tl);
			name[tl] = '\0';
			found = 1;
		}
		p += tl;
	}
	return found;
}

/* length of the common prefix of a and b, ignoring ASCII case */
static size_t
live_common(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] != '\0' && b[n] != '\0' && (a[n] | 0x20) == (b[n] | 0x20))
		n++;
	return n;
}

/*
 * "... login failed: <text>": Samba prints the status's message text
 * (its table is generated from [MS-ERREF] 2.3.1, as common/ntstatus's
 * is, but the wording differs a little in places: "cannot be logged on
 * to" for "may not be logged on to").  The entry whose text, without a
 * leading "{Title} ", shares the longest prefix with <text> (without
 * one either): at least
 * LIVE_TEXT_MIN characters (or all of the shorter one) and longer than
 * that of any other entry.
 */
static int
live_scan_text(const char *line, char *name, size_t namelen)
{
	static const char mark[] = "login failed: ";
	const struct ntstatus_info *i, *best = NULL;
	const char *t = strstr(line, mark), *x;
	size_t k, n, bestn = 0, tie = 0;

	if (t == NULL)
		return 0;
	t += sizeof(mark) - 1;
	if (t[0] == '{' && strstr(t, "} ") != NULL)
		t = strstr(t, "} ") + 2;
	for (k = 0; k < ntstatus_count(); k++) {
		i = ntstatus_at(k);
		if (i == NULL || i->code == 0 || i->nt_text == NULL)
			continue;
		x = i->nt_text;
		if (x[0] == '{' && (x = strstr(x, "} ")) != NULL)
			x += 2;
		else
			x = i->nt_text;
		n = live_common(x, t);
		if (n < LIVE_TEXT_MIN &&
		    !(n > 0 && (x[n] == '\0' || t[n] == '\0')))
			continue;
		if (n > bestn) {
			best = i;
			bestn = n;
			tie = 0;
		} else if (n == bestn) {
			tie = 1;
		}
	}
	if (best == NULL || tie || strlen(best->name) + 4 > namelen)
		return 0;
	snprintf(name, namelen, "NT_%s", best->name);
	return 1;
}

int
live_status_scan(const uint8_t *text, size_t len, char *name, size_t namelen,
		 uint32_t *code)
{
	const struct ntstatus_info *info;
	char line[LIVE_LINE_MAX + 1], tok[LIVE_STATUS_NAME];
	struct sbuf b;
	size_t n, take;
	int found = 0;

	*code = 0;
	if (namelen > 0)
		name[0] = '\0';
	if (namelen < LIVE_STATUS_NAME)
		return 0;
	sbuf_init(&b, text, len);
	while (sbuf_left(&b) > 0) {
		if (sbuf_find(&b, '\n', &n) != 0)
			n = sbuf_left(&b);
		/* a longer line is cut: its head holds the message */
		take = n > LIVE_LINE_MAX ? LIVE_LINE_MAX : n;
		if (sbuf_get_bytes(&b, line, take) != 0 ||
		    sbuf_skip(&b, n - take) != 0)
			break;
		line[take] = '\0';
		if (live_scan_tokens(line, tok, sizeof(tok)) ||
		    live_scan_text(line, tok, sizeof(tok))) {
			memcpy(name, tok, strlen(tok) + 1);
			found = 1;
		}
		if (sbuf_left(&b) > 0 && sbuf_skip(&b, 1) != 0)
			break;
	}
	crypto_wipe(line, sizeof(line));
	if (found) {
		info = ntstatus_parse(name);
		*code = info != NULL ? info->code : 0;
	}
	return found;
}

static void
live_log_cb(void *private_ptr, int level, const char *msg)
{
	struct live_call *call = private_ptr;
	size_t n, room;

	(void)level;
	if (call == NULL || call->log == NULL || msg == NULL)
		return;
	n = strlen(msg);
	room = LIVE_DEBUG_MAX - call->loglen;
	if (n > room) {
		/* keep the newest text: the failure is at the end */
		memmove(call->log, call->log + LIVE_DEBUG_MAX / 2,
			LIVE_DEBUG_MAX / 2);
		crypto_wipe(call->log + LIVE_DEBUG_MAX / 2, LIVE_DEBUG_MAX / 2);
		call->loglen = call->loglen > LIVE_DEBUG_MAX / 2 ?
				       call->loglen - LIVE_DEBUG_MAX / 2 :
				       0;
		room = LIVE_DEBUG_MAX - call->loglen;
		if (n > room)
			n = room;
	}
	memcpy(call->log + call->loglen, msg, n);
	call->loglen += n;
	/* one message a line (messages may lack their newline) */
	if (n > 0 && msg[n - 1] != '\n' && call->loglen < LIVE_DEBUG_MAX)
		call->log[call->loglen++] = '\n';
}

/* Does the captured text hold s?  (The text is NUL-free Samba output.) */
static int
live_log_has(const struct live_call *call, const char *s)
{
	size_t n = strlen(s), i;

	if (call->loglen < n)
		return 0;
	for (i = 0; i + n <= call->loglen; i++)
		if (memcmp(call->log + i, s, n) == 0)
			return 1;
	return 0;
}

static void
live_log_drop(void *private_ptr, int level, const char *msg)
{
	(void)private_ptr;
	(void)level;
	(void)msg;
}

static void
live_copy(char *dst, int dstlen, const char *src)
{
	size_t n = strlen(src);

	if (dstlen <= 0)
		return;
	if (n > (size_t)dstlen - 1)
		n = (size_t)dstlen - 1;
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * libsmbclient is loaded when a live command first needs it, not at
 * program start: linked in, its ~110 Samba libraries cost every nt4trust
 * run about 20 ms of dynamic loading (measured: 2 ms -> 22 ms for
 * nt4trust --version).  The prototypes come from <libsmbclient.h>, so
 * the pointers are type-checked.
 */
#define LIVE_SMBCLIENT_SO "libsmbclient.so.0"

static struct {
	__typeof__(smbc_getOptionUserData) *getOptionUserData;
	__typeof__(smbc_new_context) *new_context;
	__typeof__(smbc_setDebug) *setDebug;
	__typeof__(smbc_setLogCallback) *setLogCallback;
	__typeof__(smbc_setOptionUserData) *setOptionUserData;
	__typeof__(smbc_setFunctionAuthDataWithContext)
		*setFunctionAuthDataWithContext;
	__typeof__(smbc_setOptionUseKerberos) *setOptionUseKerberos;
	__typeof__(smbc_setOptionFallbackAfterKerberos)
		*setOptionFallbackAfterKerberos;
	__typeof__(smbc_setOptionUseCCache) *setOptionUseCCache;
	__typeof__(smbc_setOptionNoAutoAnonymousLogin)
		*setOptionNoAutoAnonymousLogin;
	__typeof__(smbc_setTimeout) *setTimeout;
	__typeof__(smbc_setConfiguration) *setConfiguration;
	__typeof__(smbc_init_context) *init_context;
	__typeof__(smbc_getFunctionOpendir) *getFunctionOpendir;
	__typeof__(smbc_getFunctionClosedir) *getFunctionClosedir;
	__typeof__(smbc_free_context) *free_context;
} live_smbc;

static pthread_once_t live_smbc_once = PTHREAD_ONCE_INIT;
static const char *live_smbc_error; /* NULL: loaded */

static void
live_smbc_load(void)
{
	void *h = dlopen(LIVE_SMBCLIENT_SO, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL) {
		live_smbc_error = "cannot load " LIVE_SMBCLIENT_SO
				  " (install the libsmbclient package)";
		return;
	}
#define LIVE_SYM(f)                                                            \
	do {                                                                   \
		*(void **)&live_smbc.f = dlsym(h, "smbc_" #f);                 \
		if (live_smbc.f == NULL) {                                     \
			live_smbc_error = LIVE_SMBCLIENT_SO " lacks smbc_" #f; \
			return;                                                \
		}                                                              \
	} while (0)
	LIVE_SYM(getOptionUserData);
	LIVE_SYM(new_context);
	LIVE_SYM(setDebug);
	LIVE_SYM(setLogCallback);
	LIVE_SYM(setOptionUserData);
	LIVE_SYM(setFunctionAuthDataWithContext);
	LIVE_SYM(setOptionUseKerberos);
	LIVE_SYM(setOptionFallbackAfterKerberos);
	LIVE_SYM(setOptionUseCCache);
	LIVE_SYM(setOptionNoAutoAnonymousLogin);
	LIVE_SYM(setTimeout);
	LIVE_SYM(setConfiguration);
	LIVE_SYM(init_context);
	LIVE_SYM(getFunctionOpendir);
	LIVE_SYM(getFunctionClosedir);
	LIVE_SYM(free_context);
#undef LIVE_SYM
	/* the handle stays open for the life of the process */
}

/* 0 when libsmbclient is usable, else ERR_IO with the reason. */
static int
live_smbc_ready(struct errinfo *ei)
{
	pthread_once(&live_smbc_once, live_smbc_load);
	if (live_smbc_error != NULL)
		return ERR(ei, ERR_IO, "%s", live_smbc_error);
	return 0;
}

static void
live_auth_cb(SMBCCTX *ctx, const char *srv, const char *shr, char *wg,
	     int wglen, char *un, int unlen, char *pw, int pwlen)
{
	struct live_call *call = live_smbc.getOptionUserData(ctx);

	(void)srv;
	(void)shr;
	if (call == NULL)
		return;
	live_copy(wg, wglen, call->domain);
	live_copy(un, unlen, call->user);
	live_copy(pw, pwlen, call->password);
}

int
live_session(const char *server, const char *domain, const char *user,
	     const char *password, const struct live_opts *o,
	     struct live_result *res, struct errinfo *ei)
{
	struct live_call *call = NULL;
	SMBCCTX *ctx = NULL;
	SMBCFILE *dir;
	char url[LIVE_SERVER_MAX + 32];
	const char *host;
	int r = ERR_INTERNAL, saved;

	memset(res, 0, sizeof(*res));
	host = o != NULL && o->ip != NULL ? o->ip : server;
	if (host == NULL || host[0] == '\0' || strlen(host) > LIVE_SERVER_MAX ||
	    domain == NULL || strlen(domain) > NAMES_NETBIOS_MAX ||
	    user == NULL || strlen(user) > 4 * LIVE_USER_MAX ||
	    password == NULL || strlen(password) > LIVE_PW_MAX) {
		r = ERR(ei, ERR_INVALID, "live session: bad arguments");
		goto out;
	}
	if ((r = live_smbc_ready(ei)) != 0)
		goto out;
	call = mem_zalloc(sizeof(*call));
	if (call == NULL || (call->log = mem_zalloc(LIVE_DEBUG_MAX)) == NULL) {
		r = ERR(ei, ERR_NOMEM, "live session: out of memory");
		goto out;
	}
	memcpy(call->domain, domain, strlen(domain) + 1);
	memcpy(call->user, user, strlen(user) + 1);
	memcpy(call->password, password, strlen(password) + 1);
	snprintf(url, sizeof(url), "smb://%s/IPC$", host);

	ctx = live_smbc.new_context();
	if (ctx == NULL) {
		r = ERR(ei, ERR_NOMEM, "libsmbclient: no context: %s",
			strerror(errno));
		goto out;
	}
	/* higher levels print the level table to stdout at init */
	live_smbc.setDebug(ctx, LIVE_DEBUG_LEVEL);
	live_smbc.setLogCallback(ctx, call, live_log_cb);
	live_smbc.setOptionUserData(ctx, call);
	live_smbc.setFunctionAuthDataWithContext(ctx, live_auth_cb);
	live_smbc.setOptionUseKerberos(ctx, 0);
	live_smbc.setOptionFallbackAfterKerberos(ctx, 1);
	live_smbc.setOptionUseCCache(ctx, 0);
	live_smbc.setOptionNoAutoAnonymousLogin(ctx, 1);
	live_smbc.setTimeout(
		ctx, o != NULL && o->timeout_ms > 0 ? o->timeout_ms : 10000);
	if (o != NULL && o->smb_conf != NULL &&
	    live_smbc.setConfiguration(ctx, o->smb_conf) != 0) {
		r = ERR(ei, ERR_IO, "libsmbclient cannot load %s", o->smb_conf);
		goto out;
	}
	if (live_smbc.init_context(ctx) == NULL) {
		r = ERR(ei, ERR_IO, "libsmbclient: initialisation failed: %s",
			strerror(errno));
		goto out;
	}
	errno = 0;
	dir = live_smbc.getFunctionOpendir(ctx)(ctx, url);
	saved = errno;
	if (dir != NULL)
		live_smbc.getFunctionClosedir(ctx)(ctx, dir);
	/*
	 * Listing IPC$ itself may fail after the session and the tree
	 * connect are up (Samba 4.17 answers the directory query on IPC$
	 * with an error): the session counts as set up when libsmbclient
	 * said so.
	 */
	if (dir != NULL || live_log_has(call, LIVE_CONNECT_OK)) {
		res->ok = 1;
	} else {
		res->sys_errno = saved != 0 ? saved : EIO;
		res->status_known = live_status_scan(
			(const uint8_t *)call->log, call->loglen,
			res->status_name, sizeof(res->status_name),
			&res->status);
	}
	r = 0;
out:
	if (ctx != NULL) {
		/* libsmbclient keeps logging at free time (to stdout by
		 * default): a sink that drops it, global from now on */
		live_smbc.setLogCallback(ctx, NULL, live_log_drop);
		live_smbc.free_context(ctx, 1);
	}
	if (call != NULL) {
		if (call->log != NULL) {
			crypto_wipe(call->log, LIVE_DEBUG_MAX);
			free(call->log);
		}
		crypto_wipe(call, sizeof(*call));
		free(call);
	}
	return r;
}

/* Plain words per status; texts of the status itself are in ntstatus. */
struct live_cause {
	const char *name;
	int probe; /* 1: only for probe-trust, 0: only for logon, -1: both */
	const char *text;
};

static const struct live_cause live_causes_tab[] = {
	{ "NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT", 1,
	  "The trust account exists, is an interdomain trust account and "
	  "the password is right: the trusted domain's half of the trust "
	  "is healthy (a trust account may not log on interactively, "
	  "hence the refusal)." },
	{ "NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT", 0,
	  "The account is an interdomain trust account (NAME$): the password "
	  "is right, but such accounts cannot log on." },
	{ "NT_STATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT", -1,
	  "The account is a workstation trust account, not an interdomain "
	  "one: the trust account has the wrong type (flag [W] instead of "
	  "[I]); the password given is right." },
	{ "NT_STATUS_NOLOGON_SERVER_TRUST_ACCOUNT", -1,
	  "The account is a server (BDC) trust account, not an interdomain "
	  "one: wrong account type; the password given is right." },
	{ "NT_STATUS_LOGON_FAILURE", 1,
	  "The trust account does not exist on this PDC, or the password "
	  "given is not its password (the two halves of the trust disagree), "
	  "or the account is not a trust account at all." },
	{ "NT_STATUS_LOGON_FAILURE", 0,
	  "Wrong password or unknown user; or, for a user of a trusted "
	  "domain, the server no longer trusts that domain (a revoked trust: "
	  "Samba answers LOGON_FAILURE when the trusted-domain record is "
	  "gone), so it cannot pass the logon on." },
	{ "NT_STATUS_ACCESS_DENIED", -1,
	  "For a user of a trusted domain: the server could not set up its "
	  "secure channel to the trusted domain's PDC. The trust account "
	  "there (TRUSTING$) is deleted, disabled, of the wrong type, or its "
	  "password no longer matches the trusting side's secret (KB "
	  "Q207957). Samba reports this as ACCESS_DENIED where Windows says "
	  "TRUSTED_DOMAIN_FAILURE. For a local user: access to IPC$ refused." },
	{ "NT_STATUS_TRUSTED_DOMAIN_FAILURE", -1,
	  "The server could not set up its secure channel to the trusted "
	  "domain: the trust is broken on one side (KB Q207957)." },
	{ "NT_STATUS_TRUSTED_RELATIONSHIP_FAILURE", -1,
	  "The trust relationship between the server's domain and the "
	  "user's domain failed: trust account missing or password "
	  "mismatch." },
	{ "NT_STATUS_NO_LOGON_SERVERS", -1,
	  "The server could not reach a domain controller of the user's "
	  "domain (the trusted PDC is down or unreachable); its own users "
	  "can still log on." },
	{ "NT_STATUS_DOMAIN_CONTROLLER_NOT_FOUND", -1,
	  "No domain controller of the trusted domain answered." },
	{ "NT_STATUS_NO_TRUST_SAM_ACCOUNT", -1,
	  "The trusted domain has no trust account for this domain "
	  "(TRUSTING$ was deleted)." },
	{ "NT_STATUS_NO_TRUST_LSA_SECRET", -1,
	  "The trusting domain has no secret for the trust (the trust was "
	  "revoked on the trusting side)." },
	{ "NT_STATUS_ACCOUNT_DISABLED", -1, "The account is disabled." },
	{ "NT_STATUS_ACCOUNT_LOCKED_OUT", -1,
	  "The account is locked out after bad passwords." },
	{ "NT_STATUS_ACCOUNT_EXPIRED", -1, "The account has expired." },
	{ "NT_STATUS_PASSWORD_EXPIRED", -1,
	  "The password has expired and must be changed." },
	{ "NT_STATUS_PASSWORD_MUST_CHANGE", -1,
	  "The password must be changed before the first logon." },
	{ "NT_STATUS_NO_SUCH_USER", -1, "The user does not exist." },
	{ "NT_STATUS_WRONG_PASSWORD", -1, "The password is wrong." },
	{ "NT_STATUS_NO_SUCH_DOMAIN", -1,
	  "The server does not know (or no longer trusts) that domain." },
	{ "NT_STATUS_INVALID_LOGON_HOURS", -1,
	  "Logons are not allowed at this time of day." },
	{ "NT_STATUS_INVALID_WORKSTATION", -1,
	  "The account may not log on from this computer." },
	{ "NT_STATUS_CONNECTION_REFUSED", -1,
	  "Nothing listens on the SMB ports (445, 139) there: the server is "
	  "down or its smbd / Server service is stopped." },
	{ "NT_STATUS_HOST_UNREACHABLE", -1,
	  "No route to the server's address: wrong address, or the host "
	  "is down." },
	{ "NT_STATUS_NETWORK_UNREACHABLE", -1,
	  "No route to the server's network." },
	{ "NT_STATUS_IO_TIMEOUT", -1,
	  "The server did not answer in time: down, firewalled or wrong "
	  "address." },
	{ "NT_STATUS_BAD_NETWORK_NAME", -1,
	  "The session was set up, but the server has no IPC$ share." },
	{ "NT_STATUS_CONNECTION_RESET", -1,
	  "The server closed the connection (protocol or signing settings "
	  "that do not match?)." },
	{ "NT_STATUS_NOT_SUPPORTED", -1,
	  "The server and this client share no protocol or authentication "
	  "method (e.g. NTLM refused)." },
};

const char *
live_causes(const struct live_result *res, int probe)
{
	size_t i;

	if (res->ok)
		return "";
	if (res->status_known) {
		for (i = 0;
		     i < sizeof(live_causes_tab) / sizeof(live_causes_tab[0]);
		     i++) {
			if (strcmp(live_causes_tab[i].name, res->status_name) !=
			    0)
				continue;
			if (live_causes_tab[i].probe >= 0 &&
			    live_causes_tab[i].probe != (probe != 0))
				continue;
			return live_causes_tab[i].text;
		}
		return "No plain-words explanation for this status; see its "
		       "message.";
	}
	switch (res->sys_errno) {
	case ECONNREFUSED:
		return "Connection refused: nothing listens on the SMB ports "
		       "(445, 139) there.";
	case EHOSTUNREACH:
	case ENETUNREACH:
		return "No route to the server: wrong address, or the host "
		       "is down.";
	case ETIMEDOUT:
		return "The server did not answer in time.";
	case ENOENT:
		return "The server name could not be resolved (give its "
		       "address with --ip).";
	case EACCES:
	case EPERM:
		return "Access refused; the exact status was not available.";
	default:
		return "The exact status was not available.";
	}
}
