/*
 * common/names.h - NetBIOS domain and computer names and SAM account names:
 * the rules of NT4/Windows (length, forbidden characters, reserved words),
 * each failure with a precise message, and case-insensitive comparison.
 *
 * Names in the lab are printable ASCII; the canonical form of a domain or
 * computer name is upper case (as NT4 shows it).
 */
#ifndef COMMON_NAMES_H
#define COMMON_NAMES_H

#include <stddef.h>

struct errinfo;

#define NAMES_NETBIOS_MAX 15 /* characters in a NetBIOS name */
#define NAMES_ACCOUNT_MAX 20 /* characters in a SAM account name */

/*
 * names_domain_check - a NetBIOS domain name: 1..15 printable ASCII
 * characters, none of \ / : * ? " < > | , no space, not starting with '.',
 * not all digits... (see names.c for the full list) and not a reserved word
 * (BUILTIN, NT AUTHORITY ...).  ERR_INVALID with the reason.
 */
int names_domain_check(const char *name, struct errinfo *ei);
/* names_computer_check - a NetBIOS computer name (same character rules). */
int names_computer_check(const char *name, struct errinfo *ei);
/*
 * names_account_check - a SAM account name: 1..20 characters (UTF-8, any
 * script), none of " / \ [ ] : ; | = , + * ? < > @, no control characters,
 * not only dots and spaces.
 */
int names_account_check(const char *name, struct errinfo *ei);
/* names_upper - ASCII upper-case copy into out (outlen bytes). */
int names_upper(char *out, size_t outlen, const char *in);
/* names_equal - 1 if a and b are equal ignoring ASCII case. */
int names_equal(const char *a, const char *b);
/*
 * names_trust_account - "DOMAIN$" for an interdomain trust account, upper
 * case, into out (outlen >= NAMES_NETBIOS_MAX + 2).  ERR_INVALID when
 * domain is not a valid domain name or "DOMAIN$" is not a valid account
 * name (e.g. a domain name with '@'); ERR_RANGE when out is too small.
 * out is "" on failure.
 */
int names_trust_account(char *out, size_t outlen, const char *domain,
			struct errinfo *ei);

#endif
