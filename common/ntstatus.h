/*
 * common/ntstatus.h - NTSTATUS codes with their names, the Win32 error each
 * maps to, and both message texts ([MS-ERREF] 2.3.1, 2.2).
 *
 * A protocol result is data: functions put an NTSTATUS in a uint32_t
 * out-parameter and keep their int return for "did the code work".
 */
#ifndef COMMON_NTSTATUS_H
#define COMMON_NTSTATUS_H

#include <stddef.h>
#include <stdint.h>

#define NTSTATUS_OK 0x00000000u
#define NTSTATUS_INVALID_INFO_CLASS 0xC0000003u
#define NTSTATUS_INVALID_PARAMETER 0xC000000Du
#define NTSTATUS_ACCESS_DENIED 0xC0000022u
#define NTSTATUS_OBJECT_NAME_NOT_FOUND 0xC0000034u
#define NTSTATUS_OBJECT_NAME_COLLISION 0xC0000035u
#define NTSTATUS_NO_LOGON_SERVERS 0xC000005Eu
#define NTSTATUS_NO_SUCH_USER 0xC0000064u
#define NTSTATUS_WRONG_PASSWORD 0xC000006Au
#define NTSTATUS_LOGON_FAILURE 0xC000006Du
#define NTSTATUS_PASSWORD_EXPIRED 0xC0000071u
#define NTSTATUS_ACCOUNT_DISABLED 0xC0000072u
#define NTSTATUS_INVALID_SID 0xC0000078u
#define NTSTATUS_NOT_SUPPORTED 0xC00000BBu
#define NTSTATUS_NO_SUCH_DOMAIN 0xC00000DFu
#define NTSTATUS_INTERNAL_DB_CORRUPTION 0xC00000E4u
#define NTSTATUS_INVALID_COMPUTER_NAME 0xC0000122u
#define NTSTATUS_NO_TRUST_LSA_SECRET 0xC000018Au
#define NTSTATUS_NO_TRUST_SAM_ACCOUNT 0xC000018Bu
#define NTSTATUS_TRUSTED_DOMAIN_FAILURE 0xC000018Cu
#define NTSTATUS_TRUSTED_RELATIONSHIP_FAILURE 0xC000018Du
#define NTSTATUS_TRUST_FAILURE 0xC0000190u
#define NTSTATUS_NETLOGON_NOT_STARTED 0xC0000192u
#define NTSTATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT 0xC0000198u
#define NTSTATUS_NOLOGON_WORKSTATION_TRUST_ACCOUNT 0xC0000199u
#define NTSTATUS_NOLOGON_SERVER_TRUST_ACCOUNT 0xC000019Au
#define NTSTATUS_DOMAIN_TRUST_INCONSISTENT 0xC000019Bu
#define NTSTATUS_DOMAIN_CONTROLLER_NOT_FOUND 0xC0000233u
#define NTSTATUS_ACCOUNT_LOCKED_OUT 0xC0000234u
#define NTSTATUS_AUTHENTICATION_FIREWALL_FAILED 0xC0000413u

struct ntstatus_info {
	uint32_t code;
	const char *name;	/* "STATUS_ACCESS_DENIED" */
	const char *nt_text;	/* the NTSTATUS message text */
	uint32_t win32;		/* Win32 error code */
	const char *win32_name; /* "ERROR_ACCESS_DENIED" */
	const char *win32_text; /* the Win32 message text */
};

/* ntstatus_lookup - the table entry for code, or NULL if unknown. */
const struct ntstatus_info *ntstatus_lookup(uint32_t code);
/*
 * ntstatus_parse - a code from "STATUS_X", "NT_STATUS_X", "X" (any case),
 * "0xC000018C" or a Win32 "ERROR_X" / decimal Win32 code (mapped back to
 * the first NTSTATUS that maps to it).  NULL if it names nothing known.
 */
const struct ntstatus_info *ntstatus_parse(const char *s);
/*
 * ntstatus_name - the name of code, or "0x%08X" in buf (>= 11 bytes) when
 * unknown; never NULL.
 */
const char *ntstatus_name(uint32_t code, char *buf, size_t buflen);
/* ntstatus_count/ntstatus_at - iterate over the table. */
size_t ntstatus_count(void);
const struct ntstatus_info *ntstatus_at(size_t i);

#endif
