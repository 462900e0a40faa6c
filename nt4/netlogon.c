/*
 * nt4/netlogon.c - Netlogon secure channel between emulated PDCs.
 *
 * Server: [MS-NRPC] 3.5.4.4.1 (NetrServerReqChallenge), 3.5.4.4.2
 * (NetrServerAuthenticate2) with the checks of reference 2.3 in this order:
 * challenge recorded for the computer, CVE-2020-1472 rule on the client
 * challenge, channel type, account exists / has the trust-account flag of
 * the channel type / is enabled, negotiated flags, credential; 3.5.4.5.1
 * (NetrLogonSamLogon) with the authenticator chain of 3.1.4.5.
 * Client: 3.4.5.2 (channel set-up with CurrentValue then OldValue,
 * reference 1.6), 3.4.5.2.7 (authenticators on every call).
 * The arithmetic is common/nlcrypto.c; the NTLM check is common/ntlm.c.
 */
#include "netlogon.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/mem.h"
#include "common/names.h"
#include "common/ntlm.h"
#include "common/ntstatus.h"
#include "common/rng.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"
#include "nt4/sam.h"

struct netlogon_chal {
	char computer[REC_NAME_MAX + 1];
	uint8_t client_chal[8];
	uint8_t server_chal[8];
};

struct netlogon_chan {
	char computer[REC_NAME_MAX + 1];
	char account[REC_ACCOUNT_MAX + 1];
	uint16_t sc_type;
	struct nlcrypto_creds creds;
};

struct netlogon_server {
	struct netlogon_chal *chals;
	size_t nchals;
	struct netlogon_chan *chans;
	size_t nchans;
	char reason[200];
};

int
netlogon_server_new(struct netlogon_server **out, struct errinfo *ei)
{
	*out = mem_zalloc(sizeof(**out));
	if (*out == NULL)
		return ERR(ei, ERR_NOMEM, "out of memory");
	return 0;
}

void
netlogon_server_free(struct netlogon_server *s)
{
	if (s == NULL)
		return;
	if (s->chals != NULL)
		crypto_wipe(s->chals, s->nchals * sizeof(*s->chals));
	if (s->chans != NULL)
		crypto_wipe(s->chans, s->nchans * sizeof(*s->chans));
	free(s->chals);
	free(s->chans);
	free(s);
}

const char *
netlogon_server_reason(const struct domain *d)
{
	return d->nl->reason;
}

static void netlogon_reason(struct domain *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
netlogon_reason(struct domain *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->nl->reason, sizeof(d->nl->reason), fmt, ap);
	va_end(ap);
}

static struct netlogon_chal *
netlogon_find_chal(struct netlogon_server *s, const char *computer)
{
	size_t i;

	for (i = 0; i < s->nchals; i++)
		if (names_equal(s->chals[i].computer, computer))
			return &s->chals[i];
	return NULL;
}

static void
netlogon_drop_chal(struct netlogon_server *s, struct netlogon_chal *c)
{
	size_t i = (size_t)(c - s->chals);

	crypto_wipe(c, sizeof(*c));
	memmove(&s->chals[i], &s->chals[i + 1],
		(s->nchals - i - 1) * sizeof(*c));
	s->nchals--;
}

static struct netlogon_chan *
netlogon_find_chan(struct netlogon_server *s, const char *computer)
{
	size_t i;

	for (i = 0; i < s->nchans; i++)
		if (names_equal(s->chans[i].computer, computer))
			return &s->chans[i];
	return NULL;
}

static void
netlogon_drop_chan(struct netlogon_server *s, struct netlogon_chan *c)
{
	size_t i = (size_t)(c - s->chans);

	crypto_wipe(c, sizeof(*c));
	memmove(&s->chans[i], &s->chans[i + 1],
		(s->nchans - i - 1) * sizeof(*c));
	s->nchans--;
}

int
netlogon_req_challenge(struct domain *d, const char *computer,
		       const uint8_t client_chal[8], uint8_t server_chal[8],
		       uint32_t *status, struct errinfo *ei)
{
	struct netlogon_server *s = d->nl;
	struct netlogon_chal *c, *nc;
	int r;

	memset(server_chal, 0, 8);
	*status = NTSTATUS_OK;
	d->nl->reason[0] = '\0';
	if (names_computer_check(computer, NULL) != 0) {
		netlogon_reason(d, "invalid computer name in the request");
		*status = NTSTATUS_INVALID_COMPUTER_NAME;
		return 0;
	}
	c = netlogon_find_chal(s, computer);
	if (c == NULL) {
		nc = mem_realloc(s->chals, (s->nchals + 1) * sizeof(*nc));
		if (nc == NULL)
			return ERR(ei, ERR_NOMEM, "out of memory");
		s->chals = nc;
		c = &s->chals[s->nchals++];
		memset(c, 0, sizeof(*c));
		(void)names_upper(c->computer, sizeof(c->computer), computer);
	}
	memcpy(c->client_chal, client_chal, 8);
	r = rng_bytes(lab_rng(d->lab), c->server_chal, 8);
	if (r != 0)
		return ERR(ei, r, "random source failed");
	memcpy(server_chal, c->server_chal, 8);
	return 0;
}

/* CVE-2020-1472: the first five bytes of the challenge may not be equal. */
static int
netlogon_challenge_is_random(const uint8_t c[8])
{
	size_t i;

	for (i = 1; i < 5; i++)
		if (c[i] != c[0])
			return 1;
	return 0;
}

static uint32_t
netlogon_type_acb(uint16_t sc_type)
{
	switch (sc_type) {
	case NETLOGON_SEC_CHAN_WKSTA:
		return SAM_ACB_WSTRUST;
	case NETLOGON_SEC_CHAN_DOMAIN:
		return SAM_ACB_DOMTRUST;
	case NETLOGON_SEC_CHAN_BDC:
		return SAM_ACB_SVRTRUST;
	}
	return 0;
}

/*
 * The account half of the checks (reference 2.3 step 3).  An NT4 PDC
 * answers NO_TRUST_SAM_ACCOUNT; Samba's classic PDC turns every one of
 * these into ACCESS_DENIED (REPORT.md section 3).
 */
static uint32_t
netlogon_account_status(const struct domain *d)
{
	return d->rec.flavor == REC_FLAVOR_SAMBA ?
		       NTSTATUS_ACCESS_DENIED :
		       NTSTATUS_NO_TRUST_SAM_ACCOUNT;
}

int
netlogon_authenticate2(struct domain *d, const struct netlogon_auth_req *q,
		       struct netlogon_auth_rep *rep, uint32_t *status,
		       struct errinfo *ei)
{
	struct netlogon_server *s = d->nl;
	struct netlogon_chal *c;
	struct netlogon_chan *ch, *nc;
	struct nlcrypto_creds creds;
	struct rec_account a;
	uint8_t cc[8], sc[8];
	char acb[16];
	uint32_t want;
	size_t len;
	int r = ERR_INTERNAL;

	memset(rep, 0, sizeof(*rep));
	memset(&a, 0, sizeof(a));
	memset(&creds, 0, sizeof(creds));
	*status = NTSTATUS_ACCESS_DENIED;
	s->reason[0] = '\0';
	/* 1. a challenge must have been recorded for this computer */
	c = netlogon_find_chal(s, q->computer);
	if (c == NULL) {
		netlogon_reason(d, "no challenge recorded for computer %s",
				q->computer);
		r = 0;
		goto out;
	}
	memcpy(cc, c->client_chal, 8);
	memcpy(sc, c->server_chal, 8);
	netlogon_drop_chal(s, c); /* a challenge is good for one attempt */
	/* 2. CVE-2020-1472 */
	if (!netlogon_challenge_is_random(cc)) {
		netlogon_reason(d,
				"client challenge from %s rejected: its first "
				"five bytes are equal (CVE-2020-1472)",
				q->computer);
		r = 0;
		goto out;
	}
	/* 3. channel type, account name, account */
	want = netlogon_type_acb(q->sc_type);
	if (want == 0) {
		netlogon_reason(d, "invalid secure channel type %u",
				q->sc_type);
		*status = NTSTATUS_INVALID_PARAMETER;
		r = 0;
		goto out;
	}
	len = strlen(q->account);
	if (len < 2 || q->account[len - 1] != '$') {
		netlogon_reason(d, "account name %s does not end in '$'",
				q->account);
		*status = netlogon_account_status(d);
		r = 0;
		goto out;
	}
	r = sam_account_find(d, q->account, &a, ei);
	if (r == ERR_NOTFOUND) {
		netlogon_reason(d, "%s has no account %s", d->rec.name,
				q->account);
		*status = netlogon_account_status(d);
		r = 0;
		goto out;
	}
	if (r != 0)
		goto out;
	sam_acb_format(a.acb, acb, sizeof(acb));
	if (!(a.acb & want)) {
		netlogon_reason(d,
				"account %s is a %s account %s, not an %s "
				"account",
				a.name, sam_acb_type_name(a.acb), acb,
				sam_acb_type_name(want));
		*status = netlogon_account_status(d);
		goto out;
	}
	if (a.acb & SAM_ACB_DISABLED) {
		netlogon_reason(d, "account %s is disabled %s", a.name, acb);
		*status = netlogon_account_status(d);
		goto out;
	}
	/* 4. negotiated flags */
	rep->flags = q->flags & d->rec.nl_caps;
	/* 5. credential */
	r = nlcrypto_server_init(&creds, rep->flags, a.nt_hash, cc, sc,
				 q->client_cred, rep->server_cred);
	if (r == ERR_ACCESS) {
		memset(rep->server_cred, 0, 8);
		netlogon_reason(d,
				"credential check failed for %s from %s: the "
				"trust password differs%s",
				a.name, q->computer,
				rep->flags != q->flags ?
					" or the client must use the "
					"negotiated flags" :
					"");
		r = 0;
		goto out;
	}
	if (r != 0) {
		r = ERR(ei, r, "session key computation failed");
		goto out;
	}
	ch = netlogon_find_chan(s, q->computer);
	if (ch == NULL) {
		nc = mem_realloc(s->chans, (s->nchans + 1) * sizeof(*nc));
		if (nc == NULL) {
			r = ERR(ei, ERR_NOMEM, "out of memory");
			goto out;
		}
		s->chans = nc;
		ch = &s->chans[s->nchans++];
	}
	memset(ch, 0, sizeof(*ch));
	(void)names_upper(ch->computer, sizeof(ch->computer), q->computer);
	snprintf(ch->account, sizeof(ch->account), "%s", a.name);
	ch->sc_type = q->sc_type;
	ch->creds = creds;
	*status = NTSTATUS_OK;
	r = 0;
out:
	rec_account_wipe(&a);
	nlcrypto_creds_wipe(&creds);
	crypto_wipe(cc, sizeof(cc));
	crypto_wipe(sc, sizeof(sc));
	return r;
}

int
netlogon_check_local(struct domain *d, const struct netlogon_network_info *req,
		     struct netlogon_validation *val, uint32_t *status,
		     struct errinfo *ei)
{
	struct ntlm_check_req nreq;
	struct ntlm_keys keys;
	struct rec_account a;
	int r = ERR_INTERNAL;

	memset(val, 0, sizeof(*val));
	memset(&keys, 0, sizeof(keys));
	*status = NTSTATUS_LOGON_FAILURE;
	r = sam_account_find(d, req->user, &a, ei);
	if (r == ERR_NOTFOUND) {
		netlogon_reason(d, "%s has no account %s", d->rec.name,
				req->user);
		*status = NTSTATUS_NO_SUCH_USER;
		return 0;
	}
	if (r != 0)
		return r;
	memset(&nreq, 0, sizeof(nreq));
	nreq.user = req->user;
	nreq.domain = req->domain;
	memcpy(nreq.challenge, req->lm_chal, 8);
	nreq.nt_resp = req->nt_resp;
	nreq.nt_len = req->nt_len;
	nreq.lm_resp = req->lm_resp;
	nreq.lm_len = req->lm_len;
	nreq.allow_ntlmv1 = 1;
	nreq.allow_lm = a.has_lm;
	if (!a.has_nt) {
		netlogon_reason(d, "account %s has no password hash", a.name);
		*status = NTSTATUS_WRONG_PASSWORD;
		r = 0;
		goto out;
	}
	r = ntlm_check_password(&nreq, a.nt_hash, a.has_lm ? a.lm_hash : NULL,
				status, &keys, ei);
	if (r != 0)
		goto out;
	if (*status != NTSTATUS_OK) {
		netlogon_reason(d, "wrong password for %s\\%s", d->rec.name,
				a.name);
		goto out;
	}
	/* Account checks after a correct password ([samba] auth/sam.c). */
	if (a.acb & SAM_ACB_DISABLED) {
		netlogon_reason(d, "account %s is disabled", a.name);
		*status = NTSTATUS_ACCOUNT_DISABLED;
	} else if (a.acb & SAM_ACB_AUTOLOCK) {
		netlogon_reason(d, "account %s is locked out", a.name);
		*status = NTSTATUS_ACCOUNT_LOCKED_OUT;
	} else if (a.acb & SAM_ACB_DOMTRUST) {
		netlogon_reason(d, "account %s is an interdomain trust account",
				a.name);
		*status = NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT;
	} else if ((a.acb & SAM_ACB_SVRTRUST) &&
		   !(req->param_control &
		     NETLOGON_ALLOW_SERVER_TRUST_ACCOUNT)) {
		netlogon_reason(d, "account %s is a server trust account",
				a.name);
		*status = NTSTATUS_NOLOGON_SERVER_TRUST_ACCOUNT;
	} else if ((a.acb & SAM_ACB_WSTRUST) &&
		   !(req->param_control &
		     NETLOGON_ALLOW_WORKSTATION_TRUST_ACCOUNT)) {
		netlogon_reason(d, "account %s is a workstation trust account",
				a.name);
		*status = NTSTATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT;
	}
	if (*status != NTSTATUS_OK)
		goto out;
	val->domain_sid = d->rec.sid;
	val->rid = a.rid;
	val->primary_group = SAM_RID_DOMAIN_USERS;
	snprintf(val->account, sizeof(val->account), "%s", a.name);
	snprintf(val->fullname, sizeof(val->fullname), "%s", a.fullname);
	snprintf(val->domain, sizeof(val->domain), "%s", d->rec.name);
	snprintf(val->server, sizeof(val->server), "%s", d->rec.pdc);
	memcpy(val->user_session_key, keys.user_session_key, 16);
	memcpy(val->lm_session_key, keys.lm_session_key, 8);
	r = 0;
out:
	rec_account_wipe(&a);
	crypto_wipe(&keys, sizeof(keys));
	return r;
}

int
netlogon_sam_logon(struct domain *d, const char *computer,
		   const struct nlcrypto_auth *auth, struct nlcrypto_auth *ret,
		   const struct netlogon_network_info *req,
		   struct netlogon_validation *val, uint32_t *status,
		   struct errinfo *ei)
{
	struct netlogon_chan *ch;
	int r;

	memset(ret, 0, sizeof(*ret));
	memset(val, 0, sizeof(*val));
	*status = NTSTATUS_ACCESS_DENIED;
	d->nl->reason[0] = '\0';
	ch = netlogon_find_chan(d->nl, computer);
	if (ch == NULL) {
		netlogon_reason(d, "no secure channel from %s", computer);
		return 0;
	}
	/* [MS-NRPC] 3.1.4.5: verify, advance, return authenticator */
	r = nlcrypto_auth_check(&ch->creds, auth, ret);
	if (r == ERR_ACCESS) {
		netlogon_reason(d,
				"bad authenticator from %s: secure channel "
				"dropped",
				computer);
		netlogon_drop_chan(d->nl, ch);
		return 0;
	}
	if (r != 0)
		return ERR(ei, r, "authenticator computation failed");
	/* An NT4 DC only validates its own domain (trusts do not chain). */
	if (req->domain[0] != '\0' && !names_equal(req->domain, d->rec.name)) {
		netlogon_reason(d, "%s is not this domain (%s)", req->domain,
				d->rec.name);
		*status = NTSTATUS_NO_SUCH_USER;
		return 0;
	}
	r = netlogon_check_local(d, req, val, status, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		return r;
	r = nlcrypto_validation_protect(&ch->creds, val->user_session_key,
					val->lm_session_key);
	if (r != 0)
		return ERR(ei, r, "session key protection failed");
	return 0;
}

static void
netlogon_cause_set(struct netlogon_cause *cause, uint32_t status,
		   const char *where, const char *why)
{
	if (cause == NULL)
		return;
	cause->status = status;
	mem_strlcpy(cause->where, where, sizeof(cause->where));
	mem_strlcpy(cause->why, why, sizeof(cause->why));
}

/* One ReqChallenge + Authenticate2 attempt with one password. */
static int
netlogon_try_auth(struct domain *client, struct domain *server,
		  struct netlogon_channel *ch, const uint8_t nt_hash[16],
		  uint32_t flags, uint32_t *status, uint32_t *srv_flags,
		  struct errinfo *ei)
{
	struct netlogon_auth_req q;
	struct netlogon_auth_rep rep;
	struct nlcrypto_creds creds;
	uint8_t cc[8], sc[8];
	int r, tries;

	memset(&creds, 0, sizeof(creds));
	for (tries = 0; tries < 16; tries++) {
		r = rng_bytes(lab_rng(client->lab), cc, 8);
		if (r != 0)
			return ERR(ei, r, "random source failed");
		if (netlogon_challenge_is_random(cc))
			break;
	}
	r = netlogon_req_challenge(server, ch->computer, cc, sc, status, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		goto out;
	r = nlcrypto_client_init(&creds, flags, nt_hash, cc, sc, q.client_cred);
	if (r != 0) {
		r = ERR(ei, r, "session key computation failed");
		goto out;
	}
	q.account = ch->account;
	q.sc_type = NETLOGON_SEC_CHAN_DOMAIN;
	q.computer = ch->computer;
	q.flags = flags;
	r = netlogon_authenticate2(server, &q, &rep, status, ei);
	*srv_flags = rep.flags;
	if (r != 0 || *status != NTSTATUS_OK)
		goto out;
	/* The client authenticates the server in turn. */
	if (nlcrypto_client_check(&creds, sc, rep.server_cred) != 0) {
		*status = NTSTATUS_ACCESS_DENIED;
		goto out;
	}
	ch->creds = creds;
	ch->flags = rep.flags;
out:
	nlcrypto_creds_wipe(&creds);
	crypto_wipe(cc, sizeof(cc));
	crypto_wipe(sc, sizeof(sc));
	return r;
}

int
netlogon_channel_open(struct domain *client, const char *trusted,
		      struct netlogon_channel *ch, uint32_t *status,
		      struct netlogon_cause *cause, struct errinfo *ei)
{
	struct rec_secret sec;
	struct rec_tdo tdo;
	struct domain *server = NULL;
	struct errinfo sub;
	char secname[REC_SECRET_NAME_MAX + 1], where[96], why[512];
	uint8_t hash[16];
	uint32_t flags, srv_flags = 0;
	int r = ERR_INTERNAL, pass, attempt;

	memset(ch, 0, sizeof(*ch));
	memset(&sec, 0, sizeof(sec));
	if (cause != NULL)
		memset(cause, 0, sizeof(*cause));
	*status = NTSTATUS_OK;
	(void)names_upper(ch->trusted, sizeof(ch->trusted), trusted);
	snprintf(ch->computer, sizeof(ch->computer), "%s", client->rec.pdc);
	snprintf(ch->account, sizeof(ch->account), "%s$", client->rec.name);
	snprintf(where, sizeof(where), "%s PDC (%s), LSA", client->rec.name,
		 client->rec.pdc);
	r = lsa_tdo_get(client, trusted, &tdo, ei);
	if (r == ERR_NOTFOUND) {
		*status = NTSTATUS_NO_SUCH_DOMAIN;
		snprintf(why, sizeof(why),
			 "%s has no trusted-domain entry for %s",
			 client->rec.name, ch->trusted);
		netlogon_cause_set(cause, *status, where, why);
		r = 0;
		goto out;
	}
	if (r != 0)
		goto out;
	ch->trusted_sid = tdo.sid;
	(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
	r = lsa_secret_get(client, secname, &sec, ei);
	if (r == ERR_NOTFOUND || (r == 0 && !sec.has_cur)) {
		*status = NTSTATUS_NO_TRUST_LSA_SECRET;
		snprintf(why, sizeof(why),
			 "%s has a trusted-domain entry for %s but no trust "
			 "secret %s",
			 client->rec.name, ch->trusted, secname);
		netlogon_cause_set(cause, *status, where, why);
		r = 0;
		goto out;
	}
	if (r != 0)
		goto out;
	err_clear(&sub);
	r = lab_domain(client->lab, trusted, &server, &sub);
	if (r == ERR_NOTFOUND) {
		*status = NTSTATUS_NO_LOGON_SERVERS;
		snprintf(where, sizeof(where), "%s PDC (%s), DC locator",
			 client->rec.name, client->rec.pdc);
		snprintf(why, sizeof(why),
			 "no domain controller of %s can be found",
			 ch->trusted);
		netlogon_cause_set(cause, *status, where, why);
		r = 0;
		goto out;
	}
	if (r != 0) {
		r = ERR(ei, r, "%s", sub.msg);
		goto out;
	}
	snprintf(ch->server_pdc, sizeof(ch->server_pdc), "%s", server->rec.pdc);
	snprintf(where, sizeof(where), "%s PDC (%s), NetrServerAuthenticate2",
		 server->rec.name, server->rec.pdc);
	/* CurrentValue, then OldValue (reference 1.6 recovery rule). */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1 &&
		    (!sec.has_old || *status != NTSTATUS_ACCESS_DENIED))
			break;
		r = pass == 0 ? ntlm_nt_hash_raw(sec.cur, sec.cur_len, hash) :
				ntlm_nt_hash_raw(sec.old, sec.old_len, hash);
		if (r != 0) {
			r = ERR(ei, r, "NT hash computation failed");
			goto out;
		}
		flags = client->rec.nl_caps;
		for (attempt = 0; attempt < 2; attempt++) {
			r = netlogon_try_auth(client, server, ch, hash, flags,
					      status, &srv_flags, ei);
			if (r != 0)
				goto out;
			/* Retry once with the flags the server offered. */
			if (*status != NTSTATUS_ACCESS_DENIED ||
			    srv_flags == flags || srv_flags == 0)
				break;
			flags = srv_flags;
		}
		if (*status == NTSTATUS_OK) {
			ch->used_old = pass;
			break;
		}
	}
	if (*status != NTSTATUS_OK) {
		netlogon_cause_set(cause, *status, where,
				   netlogon_server_reason(server)[0] != '\0' ?
					   netlogon_server_reason(server) :
					   "the server credential did not "
					   "verify");
		r = 0;
		goto out;
	}
	ch->up = 1;
	r = 0;
out:
	rec_secret_wipe(&sec);
	crypto_wipe(hash, sizeof(hash));
	if (!ch->up)
		nlcrypto_creds_wipe(&ch->creds);
	return r;
}

int
netlogon_channel_sam_logon(struct domain *client, struct netlogon_channel *ch,
			   const struct netlogon_network_info *req,
			   struct netlogon_validation *val, uint32_t *status,
			   struct netlogon_cause *cause, struct errinfo *ei)
{
	struct nlcrypto_auth auth, ret;
	struct domain *server = NULL;
	struct errinfo sub;
	char where[96];
	uint32_t ts;
	int r;

	memset(val, 0, sizeof(*val));
	*status = NTSTATUS_ACCESS_DENIED;
	if (!ch->up) {
		netlogon_cause_set(cause, *status, "secure channel",
				   "the secure channel is not set up");
		return 0;
	}
	err_clear(&sub);
	r = lab_domain(client->lab, ch->trusted, &server, &sub);
	if (r == ERR_NOTFOUND) {
		ch->up = 0;
		*status = NTSTATUS_NO_LOGON_SERVERS;
		netlogon_cause_set(cause, *status, "DC locator",
				   "the trusted domain's PDC is gone");
		return 0;
	}
	if (r != 0)
		return ERR(ei, r, "%s", sub.msg);
	ts = (uint32_t)lab_now(client->lab);
	if (ts <= ch->last_ts)
		ts = ch->last_ts + 1;
	ch->last_ts = ts;
	r = nlcrypto_auth_make(&ch->creds, ts, &auth);
	if (r != 0)
		return ERR(ei, r, "authenticator computation failed");
	r = netlogon_sam_logon(server, ch->computer, &auth, &ret, req, val,
			       status, ei);
	if (r != 0)
		return r;
	snprintf(where, sizeof(where), "%s PDC (%s), NetrLogonSamLogon",
		 server->rec.name, server->rec.pdc);
	if (nlcrypto_auth_check_return(&ch->creds, &ret) != 0) {
		ch->up = 0;
		*status = NTSTATUS_ACCESS_DENIED;
		memset(val, 0, sizeof(*val));
		netlogon_cause_set(cause, *status, where,
				   netlogon_server_reason(server)[0] != '\0' ?
					   netlogon_server_reason(server) :
					   "the return authenticator did not "
					   "verify: secure channel dropped");
		return 0;
	}
	if (*status != NTSTATUS_OK) {
		netlogon_cause_set(cause, *status, where,
				   netlogon_server_reason(server));
		return 0;
	}
	r = nlcrypto_validation_unprotect(&ch->creds, val->user_session_key,
					  val->lm_session_key);
	if (r != 0)
		return ERR(ei, r, "session key unprotection failed");
	return 0;
}

void
netlogon_channel_close(struct netlogon_channel *ch)
{
	crypto_wipe(ch, sizeof(*ch));
}

void
netlogon_flags_describe(uint32_t flags, char *buf, size_t len)
{
	const char *key;

	if (flags & NLCRYPTO_NEG_SUPPORTS_AES)
		key = "AES session key";
	else if (flags & NLCRYPTO_NEG_STRONG_KEYS)
		key = "strong (128-bit MD5) session key";
	else
		key = "classic DES session key";
	snprintf(buf, len, "0x%08X: %s%s%s", flags, key,
		 (flags & NLCRYPTO_NEG_ARCFOUR) ? ", RC4" : "",
		 (flags & NLCRYPTO_NEG_PASSWORD_SET2) ? ", PasswordSet2" : "");
}
