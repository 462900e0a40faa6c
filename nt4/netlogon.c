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

struct netlogon_server {
	struct netlogon_chal *chals;
	size_t nchals;
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
	free(s->chals);
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

/* The creds of a channel record, and back. */
static void
netlogon_creds_from(struct nlcrypto_creds *c, const struct rec_channel *r)
{
	c->flags = r->flags;
	memcpy(c->sk, r->sk, sizeof(c->sk));
	memcpy(c->stored, r->stored, sizeof(c->stored));
}

static void
netlogon_creds_to(struct rec_channel *r, const struct nlcrypto_creds *c)
{
	r->flags = c->flags;
	memcpy(r->sk, c->sk, sizeof(r->sk));
	memcpy(r->stored, c->stored, sizeof(r->stored));
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
		return lab_rng_failed(d->lab, r, ei);
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

/*
 * The NT hashes a trust account may authenticate with, in the order they
 * are tried: for an interdomain trust account of a domain that has an AD
 * trusted domain object for the account's domain with an inbound
 * direction, its trustAuthIncoming current and (when different) previous
 * hash; otherwise the account's own hash.
 */
static int
netlogon_inbound_hashes(struct domain *d, const struct rec_account *a,
			uint8_t hashes[2][16], size_t *n, struct errinfo *ei)
{
	struct rec_adtdo t;
	char partner[REC_NAME_MAX + 1];
	size_t len = strlen(a->name);
	int r;

	*n = 0;
	if ((a->acb & SAM_ACB_DOMTRUST) && len >= 2 &&
	    len - 1 < sizeof(partner)) {
		memcpy(partner, a->name, len - 1);
		partner[len - 1] = '\0';
		r = lsa_adtdo_get(d, partner, &t, ei);
		if (r != 0 && r != ERR_NOTFOUND)
			return r;
		if (r == 0 && t.has_in) {
			memcpy(hashes[0], t.in_cur, 16);
			*n = 1;
			if (!crypto_equal(t.in_cur, t.in_prev, 16)) {
				memcpy(hashes[1], t.in_prev, 16);
				*n = 2;
			}
			rec_adtdo_wipe(&t);
			return 0;
		}
		rec_adtdo_wipe(&t);
	}
	memcpy(hashes[0], a->nt_hash, 16);
	*n = 1;
	return 0;
}

int
netlogon_authenticate2(struct domain *d, const struct netlogon_auth_req *q,
		       struct netlogon_auth_rep *rep, uint32_t *status,
		       struct errinfo *ei)
{
	struct netlogon_server *s = d->nl;
	struct netlogon_chal *c;
	struct rec_channel ch;
	struct nlcrypto_creds creds;
	struct rec_account a;
	uint8_t cc[8], sc[8], hashes[2][16];
	char acb[16];
	uint32_t want;
	size_t len, i, nhashes = 0;
	int r = ERR_INTERNAL;

	memset(rep, 0, sizeof(*rep));
	memset(hashes, 0, sizeof(hashes));
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
	/*
	 * 5. credential: the account's hash; an AD-mode domain takes the
	 * password of a trusting domain from its trusted domain object's
	 * trustAuthIncoming instead, current then previous ([MS-NRPC]
	 * 3.5.4.4.2; Samba dcesrv_netr_ServerAuthenticate3_helper).
	 */
	if ((r = netlogon_inbound_hashes(d, &a, hashes, &nhashes, ei)) != 0)
		goto out;
	for (i = 0; i < nhashes; i++) {
		r = nlcrypto_server_init(&creds, rep->flags, hashes[i], cc, sc,
					 q->client_cred, rep->server_cred);
		if (r != ERR_ACCESS)
			break;
	}
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
	memset(&ch, 0, sizeof(ch));
	ch.side = REC_CHANNEL_SERVER;
	mem_strlcpy(ch.owner, d->rec.name, sizeof(ch.owner));
	(void)names_upper(ch.peer, sizeof(ch.peer), q->computer);
	mem_strlcpy(ch.account, a.name, sizeof(ch.account));
	mem_strlcpy(ch.computer, ch.peer, sizeof(ch.computer));
	ch.sc_type = q->sc_type;
	netlogon_creds_to(&ch, &creds);
	ch.established = lab_now(d->lab);
	r = lab_channel_put(d->lab, &ch, ei);
	rec_channel_wipe(&ch);
	if (r != 0)
		goto out;
	*status = NTSTATUS_OK;
	r = 0;
out:
	rec_account_wipe(&a);
	nlcrypto_creds_wipe(&creds);
	crypto_wipe(cc, sizeof(cc));
	crypto_wipe(sc, sizeof(sc));
	crypto_wipe(hashes, sizeof(hashes));
	return r;
}

int
netlogon_check_local(struct domain *d, const struct netlogon_network_info *req,
		     struct netlogon_validation *val, uint32_t *status,
		     struct errinfo *ei)
{
	struct rec_sidhist hist;
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
	/* the user's sIDHistory travels as extra SIDs ([MS-PAC] 2.2.1) */
	r = sam_sid_history_get(d, a.rid, &hist, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	if (r == 0) {
		memcpy(val->extra, hist.sids, hist.n * sizeof(hist.sids[0]));
		val->nextra = hist.n;
	}
	r = 0;
	memcpy(val->user_session_key, keys.user_session_key, 16);
	memcpy(val->lm_session_key, keys.lm_session_key, 8);
	r = 0;
out:
	rec_account_wipe(&a);
	crypto_wipe(&keys, sizeof(keys));
	return r;
}

/*
 * The server half of every authenticated call ([MS-NRPC] 3.1.4.5): find
 * the channel of computer, verify the authenticator, advance the chain and
 * fill the return authenticator.  *ok is 0 (status ACCESS_DENIED, reason
 * set, a bad channel dropped) when the call must be refused.  *creds gets
 * the channel's keys for protecting the answer (wipe after use).
 */
static int
netlogon_server_step(struct domain *d, const char *computer,
		     const struct nlcrypto_auth *auth,
		     struct nlcrypto_auth *ret, struct nlcrypto_creds *creds,
		     int *ok, struct errinfo *ei)
{
	struct rec_channel *ch;
	int r;

	*ok = 0;
	memset(ret, 0, sizeof(*ret));
	memset(creds, 0, sizeof(*creds));
	d->nl->reason[0] = '\0';
	if (lab_offline(d->lab, d->rec.name)) {
		netlogon_reason(d, "the %s PDC is offline", d->rec.name);
		return 0;
	}
	ch = lab_channel_get(d->lab, REC_CHANNEL_SERVER, d->rec.name, computer);
	if (ch == NULL) {
		netlogon_reason(d, "no secure channel from %s", computer);
		return 0;
	}
	netlogon_creds_from(creds, ch);
	/* [MS-NRPC] 3.1.4.5: verify, advance, return authenticator */
	r = nlcrypto_auth_check(creds, auth, ret);
	if (r == ERR_ACCESS) {
		netlogon_reason(d,
				"bad authenticator from %s: secure channel "
				"dropped",
				computer);
		(void)lab_channel_drop(d->lab, REC_CHANNEL_SERVER, d->rec.name,
				       computer);
		nlcrypto_creds_wipe(creds);
		return 0;
	}
	if (r != 0) {
		nlcrypto_creds_wipe(creds);
		return ERR(ei, r, "authenticator computation failed");
	}
	netlogon_creds_to(ch, creds);
	lab_channel_touch(d->lab);
	*ok = 1;
	return 0;
}

int
netlogon_sam_logon(struct domain *d, const char *computer,
		   const struct nlcrypto_auth *auth, struct nlcrypto_auth *ret,
		   const struct netlogon_network_info *req,
		   struct netlogon_validation *val, uint32_t *status,
		   struct errinfo *ei)
{
	struct nlcrypto_creds creds;
	int r, ok;

	memset(val, 0, sizeof(*val));
	*status = NTSTATUS_ACCESS_DENIED;
	r = netlogon_server_step(d, computer, auth, ret, &creds, &ok, ei);
	if (r != 0 || !ok)
		return r;
	/* An NT4 DC only validates its own domain (trusts do not chain). */
	if (req->domain[0] != '\0' && !names_equal(req->domain, d->rec.name)) {
		netlogon_reason(d, "%s is not this domain (%s)", req->domain,
				d->rec.name);
		*status = NTSTATUS_NO_SUCH_USER;
		goto out;
	}
	r = netlogon_check_local(d, req, val, status, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		goto out;
	r = nlcrypto_validation_protect(&creds, val->user_session_key,
					val->lm_session_key);
	if (r != 0)
		r = ERR(ei, r, "session key protection failed");
out:
	nlcrypto_creds_wipe(&creds);
	return r;
}

/* Store a new NT hash for the account of the channel (one transaction). */
static int
netlogon_store_hash(struct domain *d, const char *computer,
		    const uint8_t hash[16], uint32_t *status,
		    struct errinfo *ei)
{
	struct rec_channel *ch;
	struct rec_account a;
	int r;

	ch = lab_channel_get(d->lab, REC_CHANNEL_SERVER, d->rec.name, computer);
	if (ch == NULL)
		return ERR(ei, ERR_INTERNAL, "channel vanished");
	if ((r = domain_begin(d, ei)) != 0)
		return r;
	r = sam_account_find(d, ch->account, &a, ei);
	if (r == ERR_NOTFOUND) {
		domain_cancel(d);
		netlogon_reason(d, "%s has no account %s any more", d->rec.name,
				ch->account);
		*status = NTSTATUS_NO_SUCH_USER;
		return 0;
	}
	if (r != 0) {
		domain_cancel(d);
		return r;
	}
	memcpy(a.nt_hash, hash, 16);
	a.has_nt = 1;
	a.has_lm = 0;
	crypto_wipe(a.lm_hash, sizeof(a.lm_hash));
	a.pwd_last_set = lab_now(d->lab);
	r = sam_account_update(d, &a, ei);
	rec_account_wipe(&a);
	if (r == 0)
		r = domain_commit(d, ei);
	else
		domain_cancel(d);
	if (r == 0)
		*status = NTSTATUS_OK;
	return r;
}

int
netlogon_password_set(struct domain *d, const char *computer,
		      const struct nlcrypto_auth *auth,
		      struct nlcrypto_auth *ret, const uint8_t enc_owf[16],
		      uint32_t *status, struct errinfo *ei)
{
	struct nlcrypto_creds creds;
	uint8_t hash[16];
	int r, ok;

	*status = NTSTATUS_ACCESS_DENIED;
	memset(hash, 0, sizeof(hash));
	r = netlogon_server_step(d, computer, auth, ret, &creds, &ok, ei);
	if (r != 0 || !ok)
		return r;
	/* [MS-NRPC] 3.5.4.4.7, [MS-SAMR] 2.2.11.1.1 */
	r = nlcrypto_pwset_decrypt(&creds, enc_owf, hash);
	if (r != 0)
		r = ERR(ei, r, "NT OWF decryption failed");
	else
		r = netlogon_store_hash(d, computer, hash, status, ei);
	crypto_wipe(hash, sizeof(hash));
	nlcrypto_creds_wipe(&creds);
	return r;
}

int
netlogon_password_set2(struct domain *d, const char *computer,
		       const struct nlcrypto_auth *auth,
		       struct nlcrypto_auth *ret, const uint8_t cipher[516],
		       uint32_t *status, struct errinfo *ei)
{
	struct nlcrypto_creds creds;
	uint8_t pw16[512], hash[16];
	uint32_t version = 0;
	size_t len = 0;
	int r, ok;

	*status = NTSTATUS_ACCESS_DENIED;
	memset(hash, 0, sizeof(hash));
	r = netlogon_server_step(d, computer, auth, ret, &creds, &ok, ei);
	if (r != 0 || !ok)
		return r;
	/* [MS-NRPC] 3.5.4.4.6 with the CVE-2020-1472 checks */
	r = nlcrypto_pwset2_open(&creds, cipher, pw16, &len, &version, status,
				 ei);
	if (r != 0 || *status != NTSTATUS_OK) {
		if (r == 0)
			netlogon_reason(d,
					"NetrServerPasswordSet2 from %s: the "
					"new password buffer was refused",
					computer);
		goto out;
	}
	r = ntlm_nt_hash_raw(pw16, len, hash);
	if (r != 0)
		r = ERR(ei, r, "NT hash computation failed");
	else
		r = netlogon_store_hash(d, computer, hash, status, ei);
out:
	crypto_wipe(pw16, sizeof(pw16));
	crypto_wipe(hash, sizeof(hash));
	nlcrypto_creds_wipe(&creds);
	return r;
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

/*
 * One ReqChallenge + Authenticate2 attempt with one password; on success
 * the client state is written into *rec.
 */
static int
netlogon_try_auth(struct domain *client, struct domain *server,
		  struct rec_channel *rec, const uint8_t nt_hash[16],
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
			return lab_rng_failed(client->lab, r, ei);
		if (netlogon_challenge_is_random(cc))
			break;
	}
	r = netlogon_req_challenge(server, rec->computer, cc, sc, status, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		goto out;
	r = nlcrypto_client_init(&creds, flags, nt_hash, cc, sc, q.client_cred);
	if (r != 0) {
		r = ERR(ei, r, "session key computation failed");
		goto out;
	}
	q.account = rec->account;
	q.sc_type = NETLOGON_SEC_CHAN_DOMAIN;
	q.computer = rec->computer;
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
	creds.flags = rep.flags;
	netlogon_creds_to(rec, &creds);
out:
	nlcrypto_creds_wipe(&creds);
	crypto_wipe(cc, sizeof(cc));
	crypto_wipe(sc, sizeof(sc));
	return r;
}

/* Locate the trusted domain's PDC; NO_LOGON_SERVERS when there is none. */
static int
netlogon_locate(struct domain *client, const char *trusted,
		struct domain **server, uint32_t *status,
		struct netlogon_cause *cause, struct errinfo *ei)
{
	struct errinfo sub;
	char where[96], why[200];
	int r;

	*server = NULL;
	*status = NTSTATUS_OK;
	err_clear(&sub);
	r = lab_domain(client->lab, trusted, server, &sub);
	if (r == 0 && !lab_offline(client->lab, trusted))
		return 0;
	if (r != 0 && r != ERR_NOTFOUND)
		return ERR(ei, r, "%s", sub.msg);
	*server = NULL;
	*status = NTSTATUS_NO_LOGON_SERVERS;
	snprintf(where, sizeof(where), "%s PDC (%s), DC locator",
		 client->rec.name, client->rec.pdc);
	snprintf(why, sizeof(why),
		 r == 0 ? "the %s PDC does not answer (offline)" :
			  "no domain controller of %s can be found",
		 trusted);
	netlogon_cause_set(cause, *status, where, why);
	return 0;
}

int
netlogon_channel_open(struct domain *client, const char *trusted,
		      struct netlogon_channel *ch, uint32_t *status,
		      struct netlogon_cause *cause, struct errinfo *ei)
{
	struct rec_secret sec;
	struct rec_channel rec;
	struct rec_tdo tdo;
	struct rec_adtdo ad;
	struct domain *server = NULL;
	char secname[REC_SECRET_NAME_MAX + 1], where[96], why[512];
	uint8_t hash[16], cand[2][16];
	uint32_t flags, srv_flags = 0;
	int r = ERR_INTERNAL, pass, attempt, ncand = 0;

	memset(ch, 0, sizeof(*ch));
	memset(&sec, 0, sizeof(sec));
	memset(&rec, 0, sizeof(rec));
	memset(&ad, 0, sizeof(ad));
	memset(hash, 0, sizeof(hash));
	memset(cand, 0, sizeof(cand));
	if (cause != NULL)
		memset(cause, 0, sizeof(*cause));
	*status = NTSTATUS_OK;
	(void)names_upper(ch->trusted, sizeof(ch->trusted), trusted);
	/* A new set-up replaces whatever this PDC held for the domain. */
	(void)lab_channel_drop(client->lab, REC_CHANNEL_CLIENT,
			       client->rec.name, ch->trusted);
	rec.side = REC_CHANNEL_CLIENT;
	mem_strlcpy(rec.owner, client->rec.name, sizeof(rec.owner));
	mem_strlcpy(rec.peer, ch->trusted, sizeof(rec.peer));
	mem_strlcpy(rec.computer, client->rec.pdc, sizeof(rec.computer));
	snprintf(rec.account, sizeof(rec.account), "%s$", client->rec.name);
	rec.sc_type = NETLOGON_SEC_CHAN_DOMAIN;
	snprintf(where, sizeof(where), "%s PDC (%s), LSA", client->rec.name,
		 client->rec.pdc);
	/* An AD-mode domain: the trusted domain object and its outgoing
	 * password (current, then previous), else the NT4 TDO and G$$. */
	r = lsa_adtdo_get(client, trusted, &ad, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	if (r == 0 && ad.has_out) {
		ch->trusted_sid = ad.sid;
		ch->has_sid = 1;
		memcpy(cand[0], ad.out_cur, 16);
		ncand = 1;
		if (!crypto_equal(ad.out_cur, ad.out_prev, 16)) {
			memcpy(cand[1], ad.out_prev, 16);
			ncand = 2;
		}
	} else {
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
		ch->has_sid = 1;
		(void)lsa_trust_secret_name(secname, sizeof(secname), trusted);
		r = lsa_secret_get(client, secname, &sec, ei);
		if (r == ERR_NOTFOUND || (r == 0 && !sec.has_cur)) {
			*status = NTSTATUS_NO_TRUST_LSA_SECRET;
			snprintf(why, sizeof(why),
				 "%s has a trusted-domain entry for %s but no "
				 "trust secret %s",
				 client->rec.name, ch->trusted, secname);
			netlogon_cause_set(cause, *status, where, why);
			r = 0;
			goto out;
		}
		if (r != 0)
			goto out;
		if ((r = ntlm_nt_hash_raw(sec.cur, sec.cur_len, cand[0])) !=
		    0) {
			r = ERR(ei, r, "NT hash computation failed");
			goto out;
		}
		ncand = 1;
		if (sec.has_old) {
			if ((r = ntlm_nt_hash_raw(sec.old, sec.old_len,
						  cand[1])) != 0) {
				r = ERR(ei, r, "NT hash computation failed");
				goto out;
			}
			ncand = 2;
		}
	}
	r = netlogon_locate(client, trusted, &server, status, cause, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		goto out;
	mem_strlcpy(ch->server_pdc, server->rec.pdc, sizeof(ch->server_pdc));
	snprintf(where, sizeof(where), "%s PDC (%s), NetrServerAuthenticate2",
		 server->rec.name, server->rec.pdc);
	/* CurrentValue, then OldValue (reference 1.6 recovery rule). */
	for (pass = 0; pass < ncand; pass++) {
		if (pass == 1 && *status != NTSTATUS_ACCESS_DENIED)
			break;
		memcpy(hash, cand[pass], 16);
		flags = client->rec.nl_caps;
		for (attempt = 0; attempt < 2; attempt++) {
			r = netlogon_try_auth(client, server, &rec, hash, flags,
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
			rec.used_old = (uint8_t)pass;
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
	rec.established = lab_now(client->lab);
	rec.last_ts = 0;
	if ((r = lab_channel_put(client->lab, &rec, ei)) != 0)
		goto out;
	ch->rec = lab_channel_get(client->lab, REC_CHANNEL_CLIENT,
				  client->rec.name, ch->trusted);
	ch->up = 1;
	r = 0;
out:
	rec_secret_wipe(&sec);
	rec_channel_wipe(&rec);
	rec_adtdo_wipe(&ad);
	crypto_wipe(hash, sizeof(hash));
	crypto_wipe(cand, sizeof(cand));
	return r;
}

int
netlogon_channel_get(struct domain *client, const char *trusted,
		     const struct rec_tdo *known, struct netlogon_channel *ch,
		     uint32_t *status, struct netlogon_cause *cause,
		     struct errinfo *ei)
{
	struct rec_channel *rec;
	struct rec_tdo tdo;
	struct domain *server = NULL;
	struct errinfo sub;

	rec = lab_channel_get(client->lab, REC_CHANNEL_CLIENT, client->rec.name,
			      trusted);
	if (rec == NULL)
		return netlogon_channel_open(client, trusted, ch, status, cause,
					     ei);
	memset(ch, 0, sizeof(*ch));
	if (cause != NULL)
		memset(cause, 0, sizeof(*cause));
	(void)names_upper(ch->trusted, sizeof(ch->trusted), trusted);
	err_clear(&sub);
	if (known != NULL) {
		ch->trusted_sid = known->sid;
		ch->has_sid = 1;
	} else if (lsa_tdo_get(client, trusted, &tdo, &sub) == 0) {
		ch->trusted_sid = tdo.sid;
		ch->has_sid = 1;
	}
	err_clear(&sub);
	if (lab_domain(client->lab, trusted, &server, &sub) == 0)
		mem_strlcpy(ch->server_pdc, server->rec.pdc,
			    sizeof(ch->server_pdc));
	ch->rec = rec;
	ch->up = 1;
	ch->cached = 1;
	*status = NTSTATUS_OK;
	return 0;
}

/* The client half of an authenticated call. */
static int
netlogon_client_auth(struct domain *client, struct netlogon_channel *ch,
		     struct nlcrypto_creds *creds, struct nlcrypto_auth *auth,
		     struct errinfo *ei)
{
	uint32_t ts;
	int r;

	netlogon_creds_from(creds, ch->rec);
	ts = (uint32_t)lab_now(client->lab);
	if (ts <= ch->rec->last_ts)
		ts = ch->rec->last_ts + 1;
	ch->rec->last_ts = ts;
	r = nlcrypto_auth_make(creds, ts, auth);
	if (r != 0)
		return ERR(ei, r, "authenticator computation failed");
	return 0;
}

/*
 * After the server answered: check the return authenticator.  A wrong one
 * (or a refused call) ends the channel on this side too.
 */
static int
netlogon_client_check(struct domain *client, struct domain *server,
		      struct netlogon_channel *ch, struct nlcrypto_creds *creds,
		      const struct nlcrypto_auth *ret, const char *call,
		      uint32_t *status, struct netlogon_cause *cause)
{
	char where[96];

	snprintf(where, sizeof(where), "%s PDC (%s), %s", server->rec.name,
		 server->rec.pdc, call);
	if (nlcrypto_auth_check_return(creds, ret) != 0) {
		*status = NTSTATUS_ACCESS_DENIED;
		netlogon_cause_set(cause, *status, where,
				   netlogon_server_reason(server)[0] != '\0' ?
					   netlogon_server_reason(server) :
					   "the return authenticator did not "
					   "verify");
		(void)lab_channel_drop(client->lab, REC_CHANNEL_CLIENT,
				       client->rec.name, ch->trusted);
		ch->rec = NULL;
		ch->up = 0;
		return 0;
	}
	netlogon_creds_to(ch->rec, creds);
	lab_channel_touch(client->lab);
	if (*status != NTSTATUS_OK)
		netlogon_cause_set(cause, *status, where,
				   netlogon_server_reason(server));
	return 1;
}

/* The trusted PDC of an up channel, or NO_LOGON_SERVERS (channel ended). */
static int
netlogon_channel_server(struct domain *client, struct netlogon_channel *ch,
			struct domain **server, uint32_t *status,
			struct netlogon_cause *cause, struct errinfo *ei)
{
	int r;

	*server = NULL;
	*status = NTSTATUS_ACCESS_DENIED;
	if (!ch->up || ch->rec == NULL) {
		netlogon_cause_set(cause, *status, "secure channel",
				   "the secure channel is not set up");
		return 0;
	}
	r = netlogon_locate(client, ch->trusted, server, status, cause, ei);
	if (r != 0)
		return r;
	if (*status != NTSTATUS_OK) {
		(void)lab_channel_drop(client->lab, REC_CHANNEL_CLIENT,
				       client->rec.name, ch->trusted);
		ch->rec = NULL;
		ch->up = 0;
	}
	return 0;
}

int
netlogon_channel_sam_logon(struct domain *client, struct netlogon_channel *ch,
			   const struct netlogon_network_info *req,
			   struct netlogon_validation *val, uint32_t *status,
			   struct netlogon_cause *cause, struct errinfo *ei)
{
	struct nlcrypto_creds creds;
	struct nlcrypto_auth auth, ret;
	struct domain *server = NULL;
	int r;

	memset(val, 0, sizeof(*val));
	memset(&creds, 0, sizeof(creds));
	r = netlogon_channel_server(client, ch, &server, status, cause, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		return r;
	if ((r = netlogon_client_auth(client, ch, &creds, &auth, ei)) != 0)
		goto out;
	r = netlogon_sam_logon(server, ch->rec->computer, &auth, &ret, req, val,
			       status, ei);
	if (r != 0)
		goto out;
	if (!netlogon_client_check(client, server, ch, &creds, &ret,
				   "NetrLogonSamLogon", status, cause)) {
		memset(val, 0, sizeof(*val));
		goto out;
	}
	if (*status != NTSTATUS_OK)
		goto out;
	r = nlcrypto_validation_unprotect(&creds, val->user_session_key,
					  val->lm_session_key);
	if (r != 0)
		r = ERR(ei, r, "session key unprotection failed");
out:
	nlcrypto_creds_wipe(&creds);
	return r;
}

int
netlogon_channel_password_set(struct domain *client,
			      struct netlogon_channel *ch, const uint8_t *pw16,
			      size_t len, uint32_t *status,
			      struct netlogon_cause *cause, struct errinfo *ei)
{
	struct nlcrypto_creds creds;
	struct nlcrypto_auth auth, ret;
	struct domain *server = NULL;
	uint8_t buf[516], hash[16], fill[512];
	const char *call;
	int r;

	memset(&creds, 0, sizeof(creds));
	memset(buf, 0, sizeof(buf));
	memset(hash, 0, sizeof(hash));
	r = netlogon_channel_server(client, ch, &server, status, cause, ei);
	if (r != 0 || *status != NTSTATUS_OK)
		return r;
	if ((r = netlogon_client_auth(client, ch, &creds, &auth, ei)) != 0)
		goto out;
	if (creds.flags & NLCRYPTO_NEG_PASSWORD_SET2) {
		/* [MS-NRPC] 3.4.5.2.6: the 516-byte NL_TRUST_PASSWORD */
		call = "NetrServerPasswordSet2";
		r = rng_bytes(lab_rng(client->lab), fill, sizeof(fill));
		if (r != 0)
			r = lab_rng_failed(client->lab, r, ei);
		else
			r = nlcrypto_pwset2_build(pw16, len, 0, fill, NULL, buf,
						  ei);
		if (r == 0)
			r = nlcrypto_pwset2_crypt(&creds, 1, buf);
		if (r == 0)
			r = netlogon_password_set2(server, ch->rec->computer,
						   &auth, &ret, buf, status,
						   ei);
	} else {
		/* [MS-NRPC] 3.4.5.2.7: what NT4 uses, the encrypted OWF */
		call = "NetrServerPasswordSet";
		r = ntlm_nt_hash_raw(pw16, len, hash);
		if (r == 0)
			r = nlcrypto_pwset_encrypt(&creds, hash, buf);
		if (r == 0)
			r = netlogon_password_set(server, ch->rec->computer,
						  &auth, &ret, buf, status, ei);
	}
	if (r != 0)
		goto out;
	(void)netlogon_client_check(client, server, ch, &creds, &ret, call,
				    status, cause);
out:
	nlcrypto_creds_wipe(&creds);
	crypto_wipe(buf, sizeof(buf));
	crypto_wipe(hash, sizeof(hash));
	crypto_wipe(fill, sizeof(fill));
	return r;
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
