/*
 * nt4/netlogon.h - the Netlogon service of an emulated PDC ([MS-NRPC]):
 * the server side (NetrServerReqChallenge, NetrServerAuthenticate2 with the
 * checks of reference 2.3 in order, NetrLogonSamLogon with the
 * authenticator chain) and the client side a trusting PDC uses to set up
 * its secure channel to a trusted domain and forward logons over it.
 *
 * Calls are in-process function calls between two emulated PDCs; what
 * travels is exactly what the wire carries (challenges, credentials,
 * authenticators, protected session keys) and the answers are NTSTATUS
 * values returned as data in *status.
 */
#ifndef NT4_NETLOGON_H
#define NT4_NETLOGON_H

#include <stddef.h>
#include <stdint.h>

#include "common/nlcrypto.h"
#include "common/sid.h"
#include "nt4/records.h"

struct errinfo;
struct domain;
struct netlogon_server;

/* Secure channel types ([MS-NRPC] 2.2.1.3.13). */
#define NETLOGON_SEC_CHAN_WKSTA 2
#define NETLOGON_SEC_CHAN_DOMAIN 4
#define NETLOGON_SEC_CHAN_BDC 6

/* ParameterControl bits ([MS-NRPC] 2.2.1.4.15). */
#define NETLOGON_ALLOW_SERVER_TRUST_ACCOUNT 0x00000020u
#define NETLOGON_ALLOW_WORKSTATION_TRUST_ACCOUNT 0x00000800u

/* netlogon_server_new/free - the in-memory state of a PDC's service. */
int netlogon_server_new(struct netlogon_server **out, struct errinfo *ei);
void netlogon_server_free(struct netlogon_server *s);
/*
 * netlogon_server_reason - why the last call on this server failed, in
 * plain words (what the PDC would log), or "" (borrowed).
 */
const char *netlogon_server_reason(const struct domain *d);

/* NetrServerReqChallenge (opnum 4): record the pair, return a challenge. */
int netlogon_req_challenge(struct domain *d, const char *computer,
			   const uint8_t client_chal[8], uint8_t server_chal[8],
			   uint32_t *status, struct errinfo *ei);

struct netlogon_auth_req {
	const char *account;  /* "RESOURCE$" */
	uint16_t sc_type;     /* NETLOGON_SEC_CHAN_DOMAIN */
	const char *computer; /* the client PDC's NetBIOS name */
	uint8_t client_cred[8];
	uint32_t flags; /* client's proposed negotiate flags */
};

struct netlogon_auth_rep {
	uint8_t server_cred[8];
	uint32_t flags; /* negotiated flags (also set on ACCESS_DENIED) */
};

/* NetrServerAuthenticate2 (opnum 15), server checks of reference 2.3. */
int netlogon_authenticate2(struct domain *d, const struct netlogon_auth_req *q,
			   struct netlogon_auth_rep *rep, uint32_t *status,
			   struct errinfo *ei);

/* NETLOGON_NETWORK_INFO (logon level 2). */
struct netlogon_network_info {
	const char *domain; /* LogonDomainName as sent */
	uint32_t param_control;
	const char *user;
	const char *workstation;
	uint8_t lm_chal[8];
	const uint8_t *nt_resp;
	size_t nt_len;
	const uint8_t *lm_resp;
	size_t lm_len;
};

/* The parts of NETLOGON_VALIDATION_SAM_INFO the emulator uses. */
struct netlogon_validation {
	struct sid domain_sid;
	uint32_t rid;
	uint32_t primary_group;
	char account[REC_ACCOUNT_MAX + 1];
	char fullname[REC_FULLNAME_MAX + 1];
	char domain[REC_NAME_MAX + 1];
	char server[REC_NAME_MAX + 1];
	/* extra SIDs: the user's sIDHistory (after SID filtering, if any) */
	struct sid extra[REC_SIDHIST_MAX];
	uint8_t nextra;
	uint8_t user_session_key[16];
	uint8_t lm_session_key[8];
};

/*
 * netlogon_check_local - a DC checking a network logon against its own
 * SAM: the NTLM check (reference 3.4) then the account checks (disabled,
 * locked, trust accounts).  *status receives the answer.
 */
int netlogon_check_local(struct domain *d,
			 const struct netlogon_network_info *req,
			 struct netlogon_validation *val, uint32_t *status,
			 struct errinfo *ei);

/*
 * netlogon_sam_logon - NetrLogonSamLogon (opnum 2), network logon,
 * validation level 2, received over the secure channel of computer: checks
 * the authenticator (ACCESS_DENIED and the channel is dropped when it is
 * wrong), fills *ret, checks the logon and protects the session keys with
 * the channel's key (reference 2.9).
 */
int netlogon_sam_logon(struct domain *d, const char *computer,
		       const struct nlcrypto_auth *auth,
		       struct nlcrypto_auth *ret,
		       const struct netlogon_network_info *req,
		       struct netlogon_validation *val, uint32_t *status,
		       struct errinfo *ei);

/* Where a failure came from, for -v and diagnosis. */
struct netlogon_cause {
	uint32_t status;
	char where[96]; /* "ACCOUNTS PDC (ACCOUNTSPDC), NetrServerAuthenticate2"
			 */
	char why[200];	/* plain words */
};

/*
 * The trusting PDC's secure channel to a trusted domain (client side): a
 * handle on the state kept in the lab (lab_channel_get), valid until the
 * lab is closed or the channel is dropped.
 */
struct netlogon_channel {
	char trusted[REC_NAME_MAX + 1];
	char server_pdc[REC_NAME_MAX + 1];
	struct sid trusted_sid; /* from the TDO */
	int has_sid;
	int up;
	int cached;		 /* reused, not set up by this call */
	struct rec_channel *rec; /* borrowed from the lab */
};

/*
 * netlogon_channel_open - as the PDC client, set up a new secure channel
 * to trusted (any cached one is dropped first): TDO (NO_SUCH_DOMAIN), G$$
 * secret (NO_TRUST_LSA_SECRET), locate the trusted PDC (NO_LOGON_SERVERS
 * when it is missing or offline), ReqChallenge + Authenticate2 with
 * CurrentValue, then OldValue on ACCESS_DENIED (reference 1.6), downgrade
 * once to the flags the server returned, verify the server credential.
 * *status is 0 with ch->up set and the state cached in the lab, or the
 * failure with *cause filled.
 */
int netlogon_channel_open(struct domain *client, const char *trusted,
			  struct netlogon_channel *ch, uint32_t *status,
			  struct netlogon_cause *cause, struct errinfo *ei);
/*
 * netlogon_channel_get - the cached channel to trusted when this PDC holds
 * one (nothing is checked: like Netlogon, a break on the other side stays
 * invisible until the channel is set up again), else netlogon_channel_open.
 * tdo, when not NULL, is the trusted-domain entry the caller has just read
 * (it is not read again); NULL reads it.
 */
int netlogon_channel_get(struct domain *client, const char *trusted,
			 const struct rec_tdo *tdo, struct netlogon_channel *ch,
			 uint32_t *status, struct netlogon_cause *cause,
			 struct errinfo *ei);
/*
 * netlogon_channel_sam_logon - forward a network logon over ch: make the
 * authenticator, call the trusted PDC, check the return authenticator
 * (ACCESS_DENIED and the channel dropped when wrong) and unprotect the
 * keys.  An unreachable PDC is NO_LOGON_SERVERS (channel dropped).
 */
int netlogon_channel_sam_logon(struct domain *client,
			       struct netlogon_channel *ch,
			       const struct netlogon_network_info *req,
			       struct netlogon_validation *val,
			       uint32_t *status, struct netlogon_cause *cause,
			       struct errinfo *ei);
/*
 * netlogon_channel_password_set - tell the trusted PDC the new trust
 * password (pw16: UTF-16LE, len bytes): NetrServerPasswordSet2 when the
 * channel negotiated it, else NetrServerPasswordSet (NT4).
 */
int netlogon_channel_password_set(struct domain *client,
				  struct netlogon_channel *ch,
				  const uint8_t *pw16, size_t len,
				  uint32_t *status,
				  struct netlogon_cause *cause,
				  struct errinfo *ei);
/* netlogon_channel_close - forget the handle (the lab keeps the state). */
void netlogon_channel_close(struct netlogon_channel *ch);

/*
 * netlogon_password_set / netlogon_password_set2 - the server side of
 * NetrServerPasswordSet (opnum 6, encrypted NT OWF) and
 * NetrServerPasswordSet2 (opnum 30, 516-byte buffer): check the
 * authenticator of computer's channel, decrypt, store the new hash in the
 * channel's account.
 */
int netlogon_password_set(struct domain *d, const char *computer,
			  const struct nlcrypto_auth *auth,
			  struct nlcrypto_auth *ret, const uint8_t enc_owf[16],
			  uint32_t *status, struct errinfo *ei);
int netlogon_password_set2(struct domain *d, const char *computer,
			   const struct nlcrypto_auth *auth,
			   struct nlcrypto_auth *ret, const uint8_t cipher[516],
			   uint32_t *status, struct errinfo *ei);

/* netlogon_flags_describe - "strong key, RC4" etc. for flags into buf. */
void netlogon_flags_describe(uint32_t flags, char *buf, size_t len);

#endif
