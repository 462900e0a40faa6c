/*
 * migrate/adtrust_out.c - the converted trust (migrate/adtrust.h) written
 * out for the tools that create AD trusts:
 *
 *   LDIF (RFC 2849) per domain: its trustedDomain object under CN=System
 *     ([MS-ADTS] 6.1.6.7) and, for an inbound direction, the FLAT$ user
 *     under CN=Users; dialect windows (securityIdentifier binary, as ldifde
 *     takes it, isCriticalSystemObject TRUE) or samba (S-1-... text, no
 *     isCriticalSystemObject, applied offline with ldbadd and the
 *     DSDB_CONTROL_PERMIT_INTERDOMAIN_TRUST_UAC control: FINDINGS.md 7-8);
 *   netdom trust lines, samba-tool domain trust create lines, and
 *   PowerShell calls of System.DirectoryServices.ActiveDirectory.Domain.
 *
 * The scripts never carry a password: netdom prompts for '*', samba-tool
 * and the PowerShell lines prompt.  The LDIF carries the trust passwords
 * (in the trustAuth blobs): that is what applying it needs.
 */
#include "adtrust_out.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/base64.h"
#include "common/err.h"
#include "common/sid.h"
#include "common/wbuf.h"

/* The control that lets ldbadd create an interdomain trust account. */
#define ADTRUST_PERMIT_UAC_CONTROL "local_oid:1.3.6.1.4.1.7165.4.3.23:0"

/* "attr:: base64\n" */
static void
adtrust_b64_attr(struct wbuf *w, const char *attr, const uint8_t *p, size_t n)
{
	wbuf_printf(w, "%s:: ", attr);
	(void)base64_encode(p, n, w);
	(void)wbuf_put_bytes(w, "\n", 1);
}

static int
adtrust_blob_attr(struct wbuf *w, const char *attr,
		  const struct trustauth_blob *b)
{
	struct wbuf tmp;
	int r;

	wbuf_init(&tmp, TRUSTAUTH_BLOB_MAX);
	if ((r = trustauth_encode(b, &tmp)) == 0)
		adtrust_b64_attr(w, attr, tmp.p, tmp.len);
	wbuf_free(&tmp);
	return r;
}

int
adtrust_ldif_dialect_parse(const char *s)
{
	if (strcmp(s, "windows") == 0)
		return ADTRUST_LDIF_WINDOWS;
	if (strcmp(s, "samba") == 0)
		return ADTRUST_LDIF_SAMBA;
	return -1;
}

int
adtrust_ldif(const struct adtrust_model *m, int side, int dialect,
	     struct wbuf *w, struct errinfo *ei)
{
	const struct adtrust_tdo *t;
	char dn[ADTRUST_DNS_MAX * 2 + 8], sid[SID_STR_MAX];
	struct wbuf bin;
	int r;

	if (side < 0 || side > 1 || !m->side[side].present)
		return ERR(ei, ERR_INVALID, "no object for that domain");
	t = &m->side[side];
	if (dialect != ADTRUST_LDIF_WINDOWS && dialect != ADTRUST_LDIF_SAMBA)
		return ERR(ei, ERR_INVALID, "unknown LDIF dialect");
	if (dialect == ADTRUST_LDIF_SAMBA &&
	    (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION))
		return ERR(ei, ERR_INVALID,
			   "selective authentication cannot be written for "
			   "Samba: Samba 4.17's winbindd ignores a trust with "
			   "TRUST_ATTRIBUTE_CROSS_ORGANIZATION (0x10), so the "
			   "trust would not work at all; use --auth "
			   "domain-wide");
	if (adtrust_domain_dn(t->self.dns, dn, sizeof(dn)) != 0 ||
	    sid_format(&t->partner.sid, sid, sizeof(sid)) != 0)
		return ERR(ei, ERR_INVALID, "bad DNS name or SID for %s",
			   t->self.flat);
	wbuf_printf(w,
		    "# nt4trust: the %s side of the AD external trust "
		    "between %s (%s) and %s (%s)\n",
		    t->self.flat, t->self.flat, t->self.dns, t->partner.flat,
		    t->partner.dns);
	wbuf_printf(w,
		    "# direction %s (%u), trustType %u, trustAttributes "
		    "0x%08x. Holds trust passwords: keep it private.\n",
		    adtrust_direction_name(t->direction), t->direction, t->type,
		    t->attributes);
	if (dialect == ADTRUST_LDIF_SAMBA) {
		wbuf_printf(w,
			    "# Apply on the Samba AD DC of %s, offline "
			    "(Samba refuses these objects over LDAP):\n"
			    "#   1. stop the DC (samba)\n"
			    "#   2. ldbadd -H /var/lib/samba/private/sam.ldb "
			    "--controls=%s %s.ldif\n"
			    "#   3. start the DC again (winbindd reads the "
			    "trusts at start)\n",
			    t->self.dns, ADTRUST_PERMIT_UAC_CONTROL,
			    t->self.flat);
	} else {
		wbuf_printf(w,
			    "# Apply on a DC of %s as a Domain Admin: "
			    "ldifde -i -f %s.ldif\n",
			    t->self.dns, t->self.flat);
	}
	wbuf_printf(w, "\ndn: CN=%s,CN=System,%s\n", t->partner.dns, dn);
	wbuf_printf(w, "objectClass: trustedDomain\n");
	wbuf_printf(w, "cn: %s\n", t->partner.dns);
	wbuf_printf(w, "flatName: %s\n", t->partner.flat);
	wbuf_printf(w, "trustPartner: %s\n", t->partner.dns);
	if (dialect == ADTRUST_LDIF_SAMBA) {
		wbuf_printf(w, "securityIdentifier: %s\n", sid);
	} else {
		wbuf_init(&bin, 128);
		if ((r = sid_write(&t->partner.sid, &bin)) == 0)
			adtrust_b64_attr(w, "securityIdentifier", bin.p,
					 bin.len);
		wbuf_free(&bin);
		if (r != 0)
			return ERR(ei, r, "bad SID for %s", t->partner.flat);
	}
	wbuf_printf(w, "trustDirection: %u\n", t->direction);
	wbuf_printf(w, "trustType: %u\n", t->type);
	wbuf_printf(w, "trustAttributes: %u\n", t->attributes);
	if ((t->direction & ADTRUST_DIR_INBOUND) &&
	    (r = adtrust_blob_attr(w, "trustAuthIncoming", &t->incoming)) != 0)
		return ERR(ei, r, "incoming password of %s cannot be encoded",
			   t->self.flat);
	if ((t->direction & ADTRUST_DIR_OUTBOUND) &&
	    (r = adtrust_blob_attr(w, "trustAuthOutgoing", &t->outgoing)) != 0)
		return ERR(ei, r, "outgoing password of %s cannot be encoded",
			   t->self.flat);
	if (dialect == ADTRUST_LDIF_WINDOWS)
		wbuf_printf(w, "isCriticalSystemObject: TRUE\n");
	if (t->account) {
		wbuf_printf(w, "\ndn: CN=%s$,CN=Users,%s\n", t->partner.flat,
			    dn);
		wbuf_printf(w, "objectClass: user\n");
		wbuf_printf(w, "sAMAccountName: %s$\n", t->partner.flat);
		wbuf_printf(w, "userAccountControl: %u\n",
			    ADTRUST_UF_INTERDOMAIN_TRUST_ACCOUNT);
		if (t->account_has_pw) {
			/* unicodePwd: the password in double quotes, UTF-16LE
			 */
			wbuf_init(&bin, TRUSTAUTH_CLEAR_MAX + 4);
			(void)wbuf_put_bytes(&bin, "\"\0", 2);
			(void)wbuf_put_bytes(&bin, t->account_pw,
					     t->account_pw_len);
			(void)wbuf_put_bytes(&bin, "\"\0", 2);
			if (wbuf_error(&bin) == 0)
				adtrust_b64_attr(w, "unicodePwd", bin.p,
						 bin.len);
			wbuf_free(&bin);
		}
	}
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "LDIF of %s does not fit", t->self.flat);
	return 0;
}

/* The direction word samba-tool and PowerShell use for side t. */
static const char *
adtrust_word(uint32_t direction, int powershell)
{
	switch (direction) {
	case ADTRUST_DIR_INBOUND:
		return powershell ? "Inbound" : "incoming";
	case ADTRUST_DIR_OUTBOUND:
		return powershell ? "Outbound" : "outgoing";
	default:
		return powershell ? "Bidirectional" : "both";
	}
}

int
adtrust_netdom(const struct adtrust_model *m, struct wbuf *w,
	       struct errinfo *ei)
{
	int i, r;

	wbuf_printf(w,
		    "REM nt4trust: netdom trust commands for the AD "
		    "external trust between %s and %s.\n"
		    "REM Run each on a DC of the domain named above it, "
		    "as a Domain Admin.\n"
		    "REM netdom prompts for each password given as '*'; "
		    "type the same trust password on both sides.\n",
		    m->side[0].self.dns, m->side[0].partner.dns);
	for (i = 0; i < 2; i++) {
		const struct adtrust_tdo *t = &m->side[i];
		const char *trusting, *trusted, *side;

		if (!t->present)
			continue;
		wbuf_printf(w, "\nREM on %s (%s)\n", t->self.dns, t->self.flat);
		/* netdom names the trusting domain first, /Domain: trusted */
		if (t->direction & ADTRUST_DIR_OUTBOUND) {
			trusting = t->self.dns;
			trusted = t->partner.dns;
			side = "trusting";
		} else {
			trusting = t->partner.dns;
			trusted = t->self.dns;
			side = "trusted";
		}
		wbuf_printf(w,
			    "netdom trust %s /Domain:%s /Add%s "
			    "/OneSide:%s /PasswordT:*\n",
			    trusting, trusted,
			    t->direction == ADTRUST_DIR_BIDIRECTIONAL ?
				    " /Twoway" :
				    "",
			    side);
		if (t->direction & ADTRUST_DIR_OUTBOUND) {
			wbuf_printf(w,
				    "netdom trust %s /Domain:%s "
				    "/Quarantine:%s\n",
				    trusting, trusted,
				    (t->attributes & ADTRUST_ATTR_QUARANTINED) ?
					    "yes" :
					    "no");
			if (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION)
				wbuf_printf(w,
					    "netdom trust %s /Domain:%s "
					    "/SelectiveAUTH:yes\n",
					    trusting, trusted);
		}
	}
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "netdom lines do not fit");
	return 0;
}

int
adtrust_sambatool(const struct adtrust_model *m, struct wbuf *w,
		  struct errinfo *ei)
{
	const struct adtrust_tdo *t = &m->side[0];
	int r;

	wbuf_printf(w,
		    "# nt4trust: samba-tool commands for the AD external "
		    "trust between %s and %s.\n",
		    m->side[0].self.dns, m->side[0].partner.dns);
	if ((t->attributes | m->side[1].attributes) &
	    ADTRUST_ATTR_CROSS_ORGANIZATION)
		wbuf_printf(w, "# Warning: Samba 4.17's winbindd ignores a "
			       "trust with selective authentication "
			       "(--cross-organisation).\n");
	if (m->both_sides) {
		wbuf_printf(w,
			    "# Run on a DC of %s as Administrator; it "
			    "creates both sides (it asks for the "
			    "administrator password of %s and makes random "
			    "trust passwords).\n",
			    t->self.dns, t->partner.dns);
		wbuf_printf(w,
			    "samba-tool domain trust create %s "
			    "--type=external --direction=%s "
			    "--create-location=both%s%s -U '%s\\Administrator'"
			    "\n",
			    t->partner.dns, adtrust_word(t->direction, 0),
			    (t->attributes & ADTRUST_ATTR_QUARANTINED) ?
				    "" :
				    " --quarantined=no",
			    (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION) ?
				    " --cross-organisation" :
				    "",
			    t->partner.flat);
	} else {
		wbuf_printf(w,
			    "# Run on a DC of %s as Administrator; it asks "
			    "for the trust password (the partner's "
			    "administrator types the same one on their "
			    "side).\n"
			    "samba-tool domain trust create %s "
			    "--type=external --direction=%s "
			    "--create-location=local%s%s\n",
			    t->self.dns, t->partner.dns,
			    adtrust_word(t->direction, 0),
			    (t->attributes & ADTRUST_ATTR_QUARANTINED) ?
				    "" :
				    " --quarantined=no",
			    (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION) ?
				    " --cross-organisation" :
				    "");
	}
	wbuf_printf(w, "samba-tool domain trust validate %s\n", t->partner.dns);
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "samba-tool lines do not fit");
	return 0;
}

int
adtrust_powershell(const struct adtrust_model *m, struct wbuf *w,
		   struct errinfo *ei)
{
	const struct adtrust_tdo *t = &m->side[0];
	const char *ns = "System.DirectoryServices.ActiveDirectory";
	int r;

	wbuf_printf(w,
		    "# nt4trust: the AD external trust between %s and %s "
		    "with the .NET %s classes.\n"
		    "# Run in PowerShell on a computer of %s as a Domain "
		    "Admin.\n",
		    t->self.dns, t->partner.dns, ns, t->self.dns);
	wbuf_printf(w,
		    "$ctx = New-Object %s.DirectoryContext('Domain', "
		    "'%s')\n"
		    "$local = [%s.Domain]::GetDomain($ctx)\n",
		    ns, t->self.dns, ns);
	if (m->both_sides) {
		wbuf_printf(w,
			    "$cred = Get-Credential -Message 'An "
			    "administrator of %s'\n"
			    "$rctx = New-Object %s.DirectoryContext("
			    "'Domain', '%s', $cred.UserName, "
			    "$cred.GetNetworkCredential().Password)\n"
			    "$remote = [%s.Domain]::GetDomain($rctx)\n"
			    "$local.CreateTrustRelationship($remote, "
			    "[%s.TrustDirection]::%s)\n",
			    t->partner.dns, ns, t->partner.dns, ns, ns,
			    adtrust_word(t->direction, 1));
	} else {
		wbuf_printf(w,
			    "$pw = Read-Host -AsSecureString -Prompt 'Trust "
			    "password (the same on both sides)'\n"
			    "$plain = [System.Net.NetworkCredential]::new("
			    "'', $pw).Password\n"
			    "$local.CreateLocalSideOfTrustRelationship('%s', "
			    "[%s.TrustDirection]::%s, $plain)\n"
			    "Remove-Variable plain\n",
			    t->partner.dns, ns, adtrust_word(t->direction, 1));
	}
	if (t->direction & ADTRUST_DIR_OUTBOUND) {
		wbuf_printf(w, "$local.SetSidFilteringStatus('%s', $%s)\n",
			    t->partner.dns,
			    (t->attributes & ADTRUST_ATTR_QUARANTINED) ?
				    "true" :
				    "false");
		wbuf_printf(w,
			    "$local.SetSelectiveAuthenticationStatus('%s', "
			    "$%s)\n",
			    t->partner.dns,
			    (t->attributes & ADTRUST_ATTR_CROSS_ORGANIZATION) ?
				    "true" :
				    "false");
		wbuf_printf(w,
			    "# Confirm the outgoing trust:\n"
			    "$local.VerifyOutboundTrustRelationship('%s')\n",
			    t->partner.dns);
	}
	if ((r = wbuf_error(w)) != 0)
		return ERR(ei, r, "PowerShell lines do not fit");
	return 0;
}
