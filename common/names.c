/*
 * common/names.c - the rules for NetBIOS domain and computer names and SAM
 * account names, each failure reported with the name and the rule broken.
 *
 * Sources: Microsoft KB 909264 "Naming conventions in Active Directory for
 * computers, domains, sites, and OUs" (NetBIOS computer and domain names:
 * 1..15 characters, no \ / : * ? " < > |, may not start with a period,
 * table of reserved words; all-numeric computer names refused since
 * Windows 2000, KB 244412) and the SAM account name rules of NT4 and
 * Windows (at most 20 characters, none of " / \ [ ] : ; | = , + * ? < > @,
 * not only periods and spaces).
 *
 * NetBIOS names (domain and computer), in the order checked:
 *   1. not empty;
 *   2. (domain names only) not a reserved word of KB 909264, compared
 *      ignoring ASCII case -- checked before the character rules so that
 *      "NT AUTHORITY" is reported as reserved, not for its space;
 *   3. at most NAMES_NETBIOS_MAX (15) characters;
 *   4. printable ASCII only (this product's lab rule: NT4 used the OEM code
 *      page, which we do not emulate), so no control characters, no bytes
 *      above 0x7E, and no space;
 *   5. none of \ / : * ? " < > |;
 *   6. not only periods, and not starting with a period (a period splits
 *      a NetBIOS scope identifier from the name);
 *   7. not only digits (as the header promises; Windows 2000 and later
 *      refuse such names, and this product migrates to AD).
 * Computer names follow the same rules without the reserved words (NT4
 * accepted a computer called SERVER).
 *
 * SAM account names: valid UTF-8, 1..NAMES_ACCOUNT_MAX (20) UTF-16 code
 * units, no C0/C1 control characters or DEL, none of
 * " / \ [ ] : ; | = , + * ? < > @, and not made only of periods and
 * spaces.  A trailing "$" is allowed (machine and trust accounts).
 *
 * names_trust_account builds "NAME$" from a valid domain name and also
 * checks it as an account name, so a domain name using one of [ ] ; = , + @
 * (legal in NetBIOS, not in SAM) is refused there.
 *
 * Every failure is ERR_INVALID with a one-line message such as
 * "domain name 'ACC/OUNTS': character '/' is not allowed in a NetBIOS
 * name".  Names are quoted with control bytes, the backslash and (in
 * NetBIOS names, or account names that are not valid UTF-8) every byte
 * above 0x7E escaped as \xNN, and cut with "..." when long.
 */
#include "names.h"

#include <stdio.h>
#include <string.h>

#include "err.h"
#include "utf16.h"

#define NAMES_QUOTE_MAX 60 /* bytes of quoted name in a message */

/*
 * KB 909264, "Table of reserved words" (upper case), all Windows versions
 * merged.  Transcribed from the project brief; the article's table itself
 * could not be re-checked here, so a word missing from it is possible.
 */
static const char *const names_reserved[] = {
	"ANONYMOUS",
	"AUTHENTICATED USER",
	"BATCH",
	"BUILTIN",
	"CREATOR GROUP",
	"CREATOR GROUP SERVER",
	"CREATOR OWNER",
	"CREATOR OWNER SERVER",
	"DIALUP",
	"DIGEST AUTH",
	"INTERACTIVE",
	"INTERNET",
	"LOCAL",
	"LOCAL SYSTEM",
	"NETWORK",
	"NETWORK SERVICE",
	"NT AUTHORITY",
	"NT DOMAIN",
	"NTLM AUTH",
	"NULL",
	"PROXY",
	"REMOTE INTERACTIVE",
	"RESTRICTED",
	"SCHANNEL AUTH",
	"SELF",
	"SERVER",
	"SERVICE",
	"SYSTEM",
	"TERMINAL SERVER",
	"THIS ORGANIZATION",
	"USERS",
	"WORLD",
};

/*
 * Copy name into buf (NAMES_QUOTE_MAX + 8 bytes) for a message: printable
 * ASCII as is, bytes >= 0x80 as is when keep_utf8 (the caller has checked
 * the name is valid UTF-8), everything else as \xNN; cut with "...".  A
 * UTF-8 sequence is never cut in the middle.
 */
static const char *
names_quote(char *buf, const char *name, int keep_utf8)
{
	const unsigned char *u = (const unsigned char *)name;
	size_t i = 0, n = 0, seq, k;

	while (u[i] != '\0') {
		if (u[i] >= 0x20 && u[i] < 0x7F && u[i] != '\\') {
			seq = 1;
		} else if (keep_utf8 && u[i] >= 0xC2 &&
			   !(u[i] == 0xC2 && u[i + 1] < 0xA0)) {
			/* a character from U+00A0 up (C1 controls escaped) */
			seq = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : 2;
		} else {
			if (n + 4 > NAMES_QUOTE_MAX)
				break;
			snprintf(buf + n, 5, "\\x%02X", u[i]);
			n += 4;
			i++;
			continue;
		}
		if (n + seq > NAMES_QUOTE_MAX)
			break;
		for (k = 0; k < seq && u[i] != '\0'; k++)
			buf[n++] = (char)u[i++];
	}
	if (u[i] != '\0') {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

static char
names_upc(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

int
names_equal(const char *a, const char *b)
{
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	for (i = 0; a[i] != '\0' && b[i] != '\0'; i++)
		if (names_upc(a[i]) != names_upc(b[i]))
			return 0;
	return a[i] == b[i];
}

int
names_upper(char *out, size_t outlen, const char *in)
{
	size_t n, i;

	if (out == NULL || outlen == 0)
		return ERR_RANGE;
	out[0] = '\0';
	if (in == NULL)
		return ERR_INVALID;
	n = strlen(in);
	if (n >= outlen)
		return ERR_RANGE;
	for (i = 0; i < n; i++)
		out[i] = names_upc(in[i]);
	out[n] = '\0';
	return 0;
}

/* The NetBIOS rules; what is "domain" or "computer" for the messages. */
static int
names_netbios_check(const char *name, const char *what, int reserved,
		    struct errinfo *ei)
{
	char q[NAMES_QUOTE_MAX + 8];
	size_t len, i, dots = 0, digits = 0;
	unsigned char c;
	int r = ERR_INTERNAL;

	if (name == NULL) {
		r = ERR(ei, ERR_INVALID, "%s name missing", what);
		goto out;
	}
	len = strlen(name);
	if (len == 0) {
		r = ERR(ei, ERR_INVALID,
			"%s name '': empty (1 to %d characters are required)",
			what, NAMES_NETBIOS_MAX);
		goto out;
	}
	if (reserved) {
		for (i = 0;
		     i < sizeof(names_reserved) / sizeof(names_reserved[0]);
		     i++) {
			/* the first letter rules out most words cheaply */
			if (names_upc(name[0]) == names_reserved[i][0] &&
			    names_equal(name, names_reserved[i])) {
				r = ERR(ei, ERR_INVALID,
					"%s name '%s': %s is a reserved word",
					what, names_quote(q, name, 0),
					names_reserved[i]);
				goto out;
			}
		}
	}
	if (len > NAMES_NETBIOS_MAX) {
		r = ERR(ei, ERR_INVALID,
			"%s name '%s': longer than %d characters", what,
			names_quote(q, name, 0), NAMES_NETBIOS_MAX);
		goto out;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)name[i];
		if (c == ' ') {
			r = ERR(ei, ERR_INVALID,
				"%s name '%s': a space is not allowed in a "
				"NetBIOS name",
				what, names_quote(q, name, 0));
			goto out;
		}
		if (c < 0x20 || c == 0x7F) {
			r = ERR(ei, ERR_INVALID,
				"%s name '%s': control character 0x%02X is not "
				"allowed in a NetBIOS name",
				what, names_quote(q, name, 0), c);
			goto out;
		}
		if (c > 0x7F) {
			r = ERR(ei, ERR_INVALID,
				"%s name '%s': byte 0x%02X is not printable "
				"ASCII (the only characters allowed here)",
				what, names_quote(q, name, 0), c);
			goto out;
		}
		if (strchr("\\/:*?\"<>|", c) != NULL) {
			r = ERR(ei, ERR_INVALID,
				"%s name '%s': character '%c' is not allowed "
				"in a NetBIOS name",
				what, names_quote(q, name, 0), c);
			goto out;
		}
		if (c == '.')
			dots++;
		if (c >= '0' && c <= '9')
			digits++;
	}
	if (dots == len) {
		r = ERR(ei, ERR_INVALID,
			"%s name '%s': consists only of periods", what,
			names_quote(q, name, 0));
		goto out;
	}
	if (name[0] == '.') {
		r = ERR(ei, ERR_INVALID,
			"%s name '%s': may not start with a period", what,
			names_quote(q, name, 0));
		goto out;
	}
	if (digits == len) {
		r = ERR(ei, ERR_INVALID,
			"%s name '%s': consists only of digits", what,
			names_quote(q, name, 0));
		goto out;
	}
	r = 0;
out:
	return r;
}

int
names_domain_check(const char *name, struct errinfo *ei)
{
	return names_netbios_check(name, "domain", 1, ei);
}

int
names_computer_check(const char *name, struct errinfo *ei)
{
	return names_netbios_check(name, "computer", 0, ei);
}

/*
 * Decode the UTF-8 sequence at s (already validated); advance *i and
 * return the code point.
 */
static unsigned long
names_utf8_next(const unsigned char *s, size_t *i)
{
	unsigned long cp = s[*i];
	size_t need, k;

	if (cp < 0x80) {
		*i += 1;
		return cp;
	}
	need = cp >= 0xF0 ? 3 : cp >= 0xE0 ? 2 : 1;
	cp &= need == 3 ? 0x07 : need == 2 ? 0x0F : 0x1F;
	for (k = 1; k <= need; k++)
		cp = (cp << 6) | (s[*i + k] & 0x3F);
	*i += need + 1;
	return cp;
}

int
names_account_check(const char *name, struct errinfo *ei)
{
	const unsigned char *u = (const unsigned char *)name;
	char q[NAMES_QUOTE_MAX + 8];
	struct errinfo uei;
	size_t i = 0, units;
	unsigned long cp;
	int r = ERR_INTERNAL, only_dots_spaces = 1;

	if (name == NULL) {
		r = ERR(ei, ERR_INVALID, "account name missing");
		goto out;
	}
	if (name[0] == '\0') {
		r = ERR(ei, ERR_INVALID,
			"account name '': empty (1 to %d characters are "
			"required)",
			NAMES_ACCOUNT_MAX);
		goto out;
	}
	err_clear(&uei);
	if (utf8_check(name, &uei) != 0) {
		r = ERR(ei, ERR_INVALID,
			"account name '%s': not valid UTF-8 (%s)",
			names_quote(q, name, 0), uei.msg);
		goto out;
	}
	units = utf8_len16(name);
	if (units > NAMES_ACCOUNT_MAX) {
		r = ERR(ei, ERR_INVALID,
			"account name '%s': longer than %d characters",
			names_quote(q, name, 1), NAMES_ACCOUNT_MAX);
		goto out;
	}
	while (u[i] != '\0') {
		cp = names_utf8_next(u, &i);
		if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) {
			r = ERR(ei, ERR_INVALID,
				"account name '%s': control "
				"character U+%04lX is not allowed",
				names_quote(q, name, 1), cp);
			goto out;
		}
		if (cp < 0x80 &&
		    strchr("\"/\\[]:;|=,+*?<>@", (int)cp) != NULL) {
			r = ERR(ei, ERR_INVALID,
				"account name '%s': character "
				"'%c' is not allowed in an account name",
				names_quote(q, name, 1), (char)cp);
			goto out;
		}
		if (cp != '.' && cp != ' ')
			only_dots_spaces = 0;
	}
	if (only_dots_spaces) {
		r = ERR(ei, ERR_INVALID,
			"account name '%s': consists only of "
			"periods and spaces",
			names_quote(q, name, 1));
		goto out;
	}
	r = 0;
out:
	return r;
}

int
names_trust_account(char *out, size_t outlen, const char *domain,
		    struct errinfo *ei)
{
	size_t n;
	int r = ERR_INTERNAL;

	if (out != NULL && outlen > 0)
		out[0] = '\0';
	if ((r = names_domain_check(domain, ei)) != 0)
		goto out;
	n = strlen(domain);
	if (out == NULL || outlen < n + 2) {
		r = ERR(ei, ERR_RANGE,
			"trust account name for '%s': buffer "
			"of %zu bytes too small",
			domain, outlen);
		goto out;
	}
	if ((r = names_upper(out, outlen, domain)) != 0)
		goto out;
	out[n] = '$';
	out[n + 1] = '\0';
	/*
	 * [ ] ; = , + @ are allowed in a NetBIOS name but not in an account
	 * name: such a domain cannot have a trust account.
	 */
	if ((r = names_account_check(out, ei)) != 0)
		goto out;
	r = 0;
out:
	if (r != 0 && out != NULL && outlen > 0)
		out[0] = '\0';
	return r;
}
