/*
 * nt4/logon.h - a network logon at an emulated PDC, played end to end: the
 * client computes its NTLM response to the server's challenge, the PDC
 * checks its own users locally and forwards users of a trusted domain over
 * its secure channel (NTLM pass-through, reference 1.5), and the result is
 * what the user would see plus the underlying cause.
 */
#ifndef NT4_LOGON_H
#define NT4_LOGON_H

#include <stddef.h>
#include <stdint.h>

#include "common/sid.h"
#include "nt4/netlogon.h"

struct errinfo;
struct lab;

enum logon_ntlm {
	LOGON_NTLM_V1 = 1, /* NTLMv1 (+ LM response when an LM hash exists) */
	LOGON_NTLM_V2 = 2, /* NTLMv2 + LMv2 (the default) */
	LOGON_NTLM_V1_ESS = 3, /* NTLMv1 with extended session security */
};

enum logon_via {
	LOGON_VIA_SMB = 0,    /* an SMB session set-up at the server */
	LOGON_VIA_WBINFO = 1, /* winbind's PAM answer on the server itself */
};

/* What the client sends: NETLOGON_NETWORK_INFO material. */
struct logon_wire {
	uint8_t server_chal[8];
	uint8_t lm_chal[8]; /* challenge the DC checks against */
	uint8_t nt[512];
	size_t nt_len;
	uint8_t lm[24];
	size_t lm_len;
};

/*
 * logon_challenges - draw the server's and the client's 8-byte challenges
 * of one logon from the lab's generator in one draw (one 32-byte block of
 * the seeded generator serves both).
 */
int logon_challenges(struct lab *l, uint8_t server_chal[8],
		     uint8_t client_chal[8], struct errinfo *ei);

/*
 * logon_responses - compute the client's responses for user\domain with
 * password (UTF-8) to server_chal, as version ntlm, with the client
 * challenge client_chal (NTLMv2 blob, LMv2, NTLMv1-ESS); the time comes
 * from the lab.  For NTLMv1-ESS lm_chal is the effective challenge the
 * server passes on (reference 3.2).  Wipe *w after use.
 */
int logon_responses(struct lab *l, int ntlm, const char *user,
		    const char *domain, const char *password,
		    const uint8_t server_chal[8], const uint8_t client_chal[8],
		    const char *server_domain, const char *server_pdc,
		    struct logon_wire *w, struct errinfo *ei);

struct logon_request {
	const char *server; /* the domain whose PDC the user logs on at */
	const char *domain; /* the user's domain ("" = the server's) */
	const char *user;
	const char *password;
	int ntlm; /* enum logon_ntlm */
	int via;  /* enum logon_via */
};

struct logon_result {
	uint32_t status;	     /* what the user sees */
	struct netlogon_cause cause; /* underlying status (0 if none) */
	int passthrough;	     /* forwarded over a trust */
	uint32_t channel_flags;
	int used_old;
	struct netlogon_validation val; /* valid when status == 0 */
	struct sid user_sid;
	/*
	 * SID filtering of a quarantined AD trust ([MS-PAC] 4.1.2.2): the
	 * extra SIDs (sIDHistory) of other domains the trusting side removed.
	 */
	uint8_t nfiltered;
	struct sid filtered[REC_SIDHIST_MAX];
};

/*
 * logon_network - the whole logon.  ERR_NOTFOUND if the server domain is
 * not in the lab, ERR_INVALID for a malformed user or domain name; every
 * protocol outcome is in res.  Wipe res (session keys) after use.
 */
int logon_network(struct lab *l, const struct logon_request *req,
		  struct logon_result *res, struct errinfo *ei);

/* logon_ntlm_name - "NTLMv2", "NTLMv1", "NTLMv1-ESS". */
const char *logon_ntlm_name(int ntlm);

#endif
