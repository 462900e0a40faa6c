/*
 * nt4/logon.c - network logon with NTLM pass-through between emulated PDCs.
 *
 * Client side: [MS-NLMP] 3.3.1 (NTLMv1, NTLMv1 with extended session
 * security) and 3.3.2 (NTLMv2 with the AV pairs NbComputerName,
 * NbDomainName and Timestamp).  Server side: local check of the PDC's own
 * users, or pass-through over the trusted-domain secure channel ([MS-APDS]
 * 3.1.5, reference 1.5).  How failures reach the user follows the
 * trusting PDC's flavor: NT4 reports a failed secure channel as
 * STATUS_TRUSTED_DOMAIN_FAILURE (KB Q207957); Samba 4.17 passes the
 * channel's status through (REPORT.md section 3).
 */
#include "logon.h"

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
#include "common/utf16.h"
#include "common/wbuf.h"
#include "nt4/domain.h"
#include "nt4/lab.h"
#include "nt4/lsa.h"

/* Seconds between 1601-01-01 and 1970-01-01. */
#define LOGON_FILETIME_OFFSET 11644473600ULL
/* trustAttributes TRUST_ATTRIBUTE_CROSS_ORGANIZATION ([MS-ADTS] 6.1.6.7.9) */
#define LOGON_ATTR_CROSS_ORGANIZATION 0x00000010u
/* trustAttributes TRUST_ATTRIBUTE_QUARANTINED_DOMAIN */
#define LOGON_ATTR_QUARANTINED 0x00000004u

const char *
logon_ntlm_name(int ntlm)
{
	switch (ntlm) {
	case LOGON_NTLM_V1:
		return "NTLMv1";
	case LOGON_NTLM_V1_ESS:
		return "NTLMv1-ESS";
	}
	return "NTLMv2";
}

/* AV pairs of the server's challenge message ([MS-NLMP] 2.2.2.1). */
static int
logon_av_pairs(struct wbuf *w, const char *server_domain,
	       const char *server_pdc, uint64_t filetime, struct errinfo *ei)
{
	const char *vals[2] = { server_pdc, server_domain };
	const uint16_t ids[2] = { 1, 2 };
	uint8_t *u16 = NULL;
	size_t n;
	int i, r;

	for (i = 0; i < 2; i++) {
		r = utf8_to_utf16(&u16, &n, vals[i], strlen(vals[i]), ei);
		if (r != 0)
			return r;
		(void)wbuf_put_u16le(w, ids[i]);
		(void)wbuf_put_u16le(w, (uint16_t)n);
		(void)wbuf_put_bytes(w, u16, n);
		free(u16);
	}
	(void)wbuf_put_u16le(w, 7); /* MsvAvTimestamp */
	(void)wbuf_put_u16le(w, 8);
	(void)wbuf_put_u64le(w, filetime);
	(void)wbuf_put_u32le(w, 0); /* MsvAvEOL */
	return wbuf_error(w);
}

int
logon_challenges(struct lab *l, uint8_t server_chal[8], uint8_t client_chal[8],
		 struct errinfo *ei)
{
	uint8_t both[16];
	int r;

	if ((r = rng_bytes(lab_rng(l), both, sizeof(both))) != 0) {
		r = lab_rng_failed(l, r, ei);
		goto out;
	}
	memcpy(server_chal, both, 8);
	memcpy(client_chal, both + 8, 8);
out:
	crypto_wipe(both, sizeof(both));
	return r;
}

int
logon_responses(struct lab *l, int ntlm, const char *user, const char *domain,
		const char *password, const uint8_t server_chal[8],
		const uint8_t cc[8], const char *server_domain,
		const char *server_pdc, struct logon_wire *w,
		struct errinfo *ei)
{
	uint8_t nt_hash[16], lm_hash[16], ntowf2[16], key[16];
	uint8_t blob[400];
	size_t bloblen;
	uint64_t filetime;
	struct wbuf av;
	int r = ERR_INTERNAL, has_lm;

	memset(w, 0, sizeof(*w));
	wbuf_init(&av, 256);
	memcpy(w->server_chal, server_chal, 8);
	memcpy(w->lm_chal, server_chal, 8);
	if ((r = ntlm_nt_hash(password, nt_hash, ei)) != 0)
		goto out;
	switch (ntlm) {
	case LOGON_NTLM_V1:
		if ((r = ntlm_desl(nt_hash, server_chal, w->nt)) != 0)
			break;
		w->nt_len = 24;
		if ((r = ntlm_lm_hash(password, lm_hash, &has_lm)) != 0)
			break;
		/* Without an LM hash a client repeats the NT response. */
		if (has_lm)
			r = ntlm_desl(lm_hash, server_chal, w->lm);
		else
			memcpy(w->lm, w->nt, 24);
		w->lm_len = 24;
		break;
	case LOGON_NTLM_V1_ESS:
		/* The server passes MD5(SC || CC)[0..7] on as LmChallenge. */
		if ((r = ntlm_ess_challenge(server_chal, cc, w->lm_chal)) !=
			    0 ||
		    (r = ntlm_desl(nt_hash, w->lm_chal, w->nt)) != 0)
			break;
		w->nt_len = 24;
		w->lm_len = 0;
		break;
	default:
		filetime = (lab_now(l) + LOGON_FILETIME_OFFSET) * 10000000ULL;
		if ((r = ntlm_v2_owf(nt_hash, user, domain, ntowf2, ei)) != 0 ||
		    (r = logon_av_pairs(&av, server_domain, server_pdc,
					filetime, ei)) != 0 ||
		    (r = ntlm_v2_blob(filetime, cc, av.p, av.len, blob,
				      sizeof(blob), &bloblen)) != 0 ||
		    (r = ntlm_v2_response(ntowf2, server_chal, blob, bloblen,
					  w->nt, sizeof(w->nt), key)) != 0 ||
		    (r = ntlm_lmv2_response(ntowf2, server_chal, cc, w->lm)) !=
			    0)
			break;
		w->nt_len = 16 + bloblen;
		w->lm_len = 24;
	}
	if (r != 0)
		r = ERR(ei, r, "NTLM response computation failed");
out:
	wbuf_free(&av);
	crypto_wipe(nt_hash, sizeof(nt_hash));
	crypto_wipe(lm_hash, sizeof(lm_hash));
	crypto_wipe(ntowf2, sizeof(ntowf2));
	crypto_wipe(key, sizeof(key));
	crypto_wipe(blob, sizeof(blob));
	if (r != 0)
		crypto_wipe(w, sizeof(*w));
	return r;
}

/*
 * What an SMB client is told about a bad user or password: always
 * STATUS_LOGON_FAILURE, so that nothing is revealed.  winbind's PAM answer
 * keeps the precise status.
 */
static uint32_t
logon_hide(uint32_t status, int via)
{
	if (via == LOGON_VIA_SMB && (status == NTSTATUS_WRONG_PASSWORD ||
				     status == NTSTATUS_NO_SUCH_USER))
		return NTSTATUS_LOGON_FAILURE;
	return status;
}

static void
logon_cause(struct logon_result *res, uint32_t status, const char *where,
	    const char *why)
{
	res->cause.status = status;
	mem_strlcpy(res->cause.where, where, sizeof(res->cause.where));
	mem_strlcpy(res->cause.why, why, sizeof(res->cause.why));
}

/*
 * How a failed secure channel reaches the user (reference 1.7, 7.3): an
 * NT4 PDC answers STATUS_TRUSTED_DOMAIN_FAILURE; Samba passes the status
 * through, and a missing trust (no TDO or secret) makes the user unknown.
 */
static uint32_t
logon_channel_failure(const struct domain *server, uint32_t status, int via)
{
	if (server->rec.flavor == REC_FLAVOR_SAMBA) {
		if (status == NTSTATUS_NO_TRUST_LSA_SECRET ||
		    status == NTSTATUS_NO_SUCH_DOMAIN)
			return via == LOGON_VIA_WBINFO ? NTSTATUS_NO_SUCH_USER :
							 NTSTATUS_LOGON_FAILURE;
		return status;
	}
	return NTSTATUS_TRUSTED_DOMAIN_FAILURE;
}

/*
 * SID filtering across a quarantined trust ([MS-PAC] 4.1.2.2): of the
 * extra SIDs (the user's sIDHistory), only those of the trusted domain
 * itself pass; the others are removed and remembered in res.
 */
static void
logon_sid_filter(struct logon_result *res, const struct sid *trusted)
{
	struct sid dom;
	uint32_t rid;
	size_t i, keep = 0;

	for (i = 0; i < res->val.nextra && i < REC_SIDHIST_MAX; i++) {
		if (sid_split(&res->val.extra[i], &dom, &rid) == 0 &&
		    sid_equal(&dom, trusted))
			res->val.extra[keep++] = res->val.extra[i];
		else if (res->nfiltered < REC_SIDHIST_MAX)
			res->filtered[res->nfiltered++] = res->val.extra[i];
	}
	for (i = keep; i < REC_SIDHIST_MAX; i++)
		memset(&res->val.extra[i], 0, sizeof(res->val.extra[i]));
	res->val.nextra = (uint8_t)keep;
}

int
logon_network(struct lab *l, const struct logon_request *req,
	      struct logon_result *res, struct errinfo *ei)
{
	struct netlogon_network_info info;
	struct netlogon_channel ch;
	struct logon_wire w;
	struct domain *server = NULL;
	struct rec_tdo tdo;
	struct rec_adtdo ad;
	uint8_t chal[8], cc[8];
	char where[96], why[512];
	const char *udom;
	int r = ERR_INTERNAL, has_tdo, cached, is_ad = 0, cross_org;

	memset(res, 0, sizeof(*res));
	memset(&w, 0, sizeof(w));
	memset(&ch, 0, sizeof(ch));
	if ((r = lab_domain(l, req->server, &server, ei)) != 0)
		goto out;
	udom = req->domain[0] != '\0' ? req->domain : server->rec.name;
	if (lab_offline(l, server->rec.name)) {
		snprintf(why, sizeof(why),
			 "the %s PDC is offline: no logon server answers",
			 server->rec.name);
		logon_cause(res, NTSTATUS_NO_LOGON_SERVERS, "network", why);
		res->status = NTSTATUS_NO_LOGON_SERVERS;
		r = 0;
		goto out;
	}
	if ((r = names_domain_check(udom, ei)) != 0 ||
	    (r = names_account_check(req->user, ei)) != 0)
		goto out;
	/* The server's challenge, then the client's answer to it. */
	if ((r = logon_challenges(l, chal, cc, ei)) != 0)
		goto out;
	r = logon_responses(l, req->ntlm, req->user, req->domain, req->password,
			    chal, cc, server->rec.name, server->rec.pdc, &w,
			    ei);
	if (r != 0)
		goto out;
	memset(&info, 0, sizeof(info));
	info.domain = req->domain;
	info.user = req->user;
	info.workstation = "CLIENT";
	memcpy(info.lm_chal, w.lm_chal, 8);
	info.nt_resp = w.nt;
	info.nt_len = w.nt_len;
	info.lm_resp = w.lm;
	info.lm_len = w.lm_len;

	if (names_equal(udom, server->rec.name)) {
		/* A user of the server's own domain: checked locally. */
		r = netlogon_check_local(server, &info, &res->val, &res->status,
					 ei);
		if (r != 0)
			goto out;
		if (res->status != NTSTATUS_OK) {
			snprintf(where, sizeof(where), "%s PDC (%s), SAM",
				 server->rec.name, server->rec.pdc);
			logon_cause(res, res->status, where,
				    netlogon_server_reason(server));
			res->status = logon_hide(res->status, req->via);
		}
		goto done;
	}
	res->passthrough = 1;
	r = lsa_tdo_get(server, udom, &tdo, ei);
	if (r != 0 && r != ERR_NOTFOUND)
		goto out;
	has_tdo = r == 0;
	/* after migrate --apply: the AD trusted domain object, outbound */
	memset(&ad, 0, sizeof(ad));
	if (!has_tdo) {
		r = lsa_adtdo_get(server, udom, &ad, ei);
		if (r != 0 && r != ERR_NOTFOUND)
			goto out;
		if (r == 0 && ad.has_out) {
			has_tdo = is_ad = 1;
			memset(&tdo, 0, sizeof(tdo));
			mem_strlcpy(tdo.name, ad.partner, sizeof(tdo.name));
			tdo.sid = ad.sid;
		}
		rec_adtdo_wipe(&ad);
	}
	cached = lab_channel_get(l, REC_CHANNEL_CLIENT, server->rec.name,
				 udom) != NULL;
	/*
	 * Not trusted (any more).  Samba's winbindd keeps the trusted domains
	 * it had until it restarts; an NT4 PDC stops at once.
	 */
	if (!has_tdo && !(cached && server->rec.flavor == REC_FLAVOR_SAMBA)) {
		(void)lab_channel_drop(l, REC_CHANNEL_CLIENT, server->rec.name,
				       udom);
		snprintf(where, sizeof(where), "%s PDC (%s), LSA",
			 server->rec.name, server->rec.pdc);
		snprintf(why, sizeof(why),
			 "%s does not trust %s (no trusted-domain entry)",
			 server->rec.name, udom);
		logon_cause(res, NTSTATUS_NO_SUCH_DOMAIN, where, why);
		res->status = req->via == LOGON_VIA_WBINFO ?
				      NTSTATUS_NO_SUCH_USER :
				      NTSTATUS_LOGON_FAILURE;
		r = 0;
		goto out;
	}
	r = netlogon_channel_get(server, udom, has_tdo ? &tdo : NULL, &ch,
				 &res->status, &res->cause, ei);
	if (r != 0)
		goto out;
	if (res->status != NTSTATUS_OK) {
		res->status =
			logon_channel_failure(server, res->status, req->via);
		goto out;
	}
	res->channel_flags = ch.rec->flags;
	res->used_old = ch.rec->used_old;
	r = netlogon_channel_sam_logon(server, &ch, &info, &res->val,
				       &res->status, &res->cause, ei);
	if (r != 0)
		goto out;
	if (res->status == NTSTATUS_ACCESS_DENIED && !ch.up && ch.cached) {
		/* A stale channel: set it up again once, as Netlogon does. */
		r = netlogon_channel_open(server, udom, &ch, &res->status,
					  &res->cause, ei);
		if (r != 0)
			goto out;
		if (res->status != NTSTATUS_OK) {
			res->status = logon_channel_failure(server, res->status,
							    req->via);
			goto out;
		}
		res->channel_flags = ch.rec->flags;
		res->used_old = ch.rec->used_old;
		r = netlogon_channel_sam_logon(server, &ch, &info, &res->val,
					       &res->status, &res->cause, ei);
		if (r != 0)
			goto out;
	}
	if (res->status != NTSTATUS_OK) {
		if (!ch.up)
			res->status = logon_channel_failure(server, res->status,
							    req->via);
		else
			res->status = logon_hide(res->status, req->via);
		goto out;
	}
	/* The answer must come from the domain the TDO names. */
	if (has_tdo && !sid_equal(&res->val.domain_sid, &tdo.sid)) {
		char a[SID_STR_MAX], b[SID_STR_MAX];

		sid_format(&tdo.sid, a, sizeof(a));
		sid_format(&res->val.domain_sid, b, sizeof(b));
		snprintf(why, sizeof(why),
			 "%s's trusted-domain entry says %s has SID %s, but "
			 "its PDC answers as %s",
			 server->rec.name, udom, a, b);
		snprintf(where, sizeof(where), "%s PDC (%s), LSA",
			 server->rec.name, server->rec.pdc);
		logon_cause(res, NTSTATUS_DOMAIN_TRUST_INCONSISTENT, where,
			    why);
		res->status = server->rec.flavor == REC_FLAVOR_SAMBA ?
				      NTSTATUS_DOMAIN_TRUST_INCONSISTENT :
				      NTSTATUS_TRUSTED_DOMAIN_FAILURE;
		crypto_wipe(&res->val, sizeof(res->val));
		goto out;
	}
	/*
	 * Selective authentication ([MS-ADTS] 6.1.6.7.9, 0x10 on the
	 * trusting side's object): a user of the trusted domain needs
	 * "Allowed to Authenticate" on the computer logged on to.
	 * Quarantine (0x4): SID filtering of the extra SIDs.
	 */
	if (is_ad) {
		r = lsa_adtdo_get(server, udom, &ad, ei);
		if (r != 0)
			goto out;
		cross_org =
			(ad.attributes & LOGON_ATTR_CROSS_ORGANIZATION) != 0;
		if (ad.attributes & LOGON_ATTR_QUARANTINED)
			logon_sid_filter(res, &tdo.sid);
		rec_adtdo_wipe(&ad);
		if (cross_org) {
			r = lsa_allow_auth_has(server, server->rec.pdc, udom,
					       req->user, ei);
			if (r < 0)
				goto out;
			if (r == 0) {
				snprintf(where, sizeof(where), "%s PDC (%s)",
					 server->rec.name, server->rec.pdc);
				snprintf(why, sizeof(why),
					 "%s trusts %s with selective "
					 "authentication, and %s\\%s is not "
					 "allowed to authenticate to %s "
					 "(nt4trust allow-auth %s '%s\\%s' %s)",
					 server->rec.name, udom, udom,
					 req->user, server->rec.pdc,
					 server->rec.name, udom, req->user,
					 server->rec.pdc);
				logon_cause(
					res,
					NTSTATUS_AUTHENTICATION_FIREWALL_FAILED,
					where, why);
				res->status =
					NTSTATUS_AUTHENTICATION_FIREWALL_FAILED;
				crypto_wipe(&res->val, sizeof(res->val));
				r = 0;
				goto out;
			}
		}
	}
done:
	if (res->status == NTSTATUS_OK)
		(void)sid_compose(&res->user_sid, &res->val.domain_sid,
				  res->val.rid);
	r = 0;
out:
	netlogon_channel_close(&ch);
	crypto_wipe(&w, sizeof(w));
	return r;
}
