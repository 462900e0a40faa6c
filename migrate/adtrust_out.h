/*
 * migrate/adtrust_out.h - the converted AD external trust
 * (migrate/adtrust.h) as LDIF per domain (windows or samba dialect),
 * netdom trust lines, samba-tool domain trust create lines and PowerShell
 * (System.DirectoryServices.ActiveDirectory) calls.  Each appends text to
 * a wbuf; the scripts hold no password (they prompt), the LDIF holds the
 * trust passwords in its trustAuth blobs.
 */
#ifndef MIGRATE_ADTRUST_OUT_H
#define MIGRATE_ADTRUST_OUT_H

#include "migrate/adtrust.h"

struct errinfo;
struct wbuf;

#define ADTRUST_LDIF_WINDOWS 1
#define ADTRUST_LDIF_SAMBA 2

/* adtrust_ldif_dialect_parse - ADTRUST_LDIF_* of "windows"/"samba", or -1. */
int adtrust_ldif_dialect_parse(const char *s);

/*
 * adtrust_ldif - the LDIF for the domain of m->side[side]: its
 * trustedDomain object and, for an inbound direction, its PARTNER$ user.
 * The samba dialect refuses selective authentication (Samba 4.17 ignores
 * such a trust) with the reason (ERR_INVALID).
 */
int adtrust_ldif(const struct adtrust_model *m, int side, int dialect,
		 struct wbuf *w, struct errinfo *ei);
/* adtrust_netdom - netdom trust lines per side ('*' for passwords). */
int adtrust_netdom(const struct adtrust_model *m, struct wbuf *w,
		   struct errinfo *ei);
/* adtrust_sambatool - samba-tool domain trust create (and validate). */
int adtrust_sambatool(const struct adtrust_model *m, struct wbuf *w,
		      struct errinfo *ei);
/* adtrust_powershell - Domain.CreateLocalSideOfTrustRelationship etc. */
int adtrust_powershell(const struct adtrust_model *m, struct wbuf *w,
		       struct errinfo *ei);

#endif
