/*
 * migrate/adtrust.c - the NT4 -> AD external trust converter: from the two
 * halves of one or two NT4 one-way trusts to the trusted domain object each
 * domain stores ([MS-ADTS] 6.1.6.7) with its trustAuthIncoming /
 * trustAuthOutgoing ([MS-ADTS] 6.1.6.9.1) and the FLAT$ interdomain trust
 * account of an inbound direction.  Follows reference nt4-trust-model.md
 * 4.6 (the converter checklist) and samba-ad/FINDINGS.md 4-8 (what a DC
 * stores: previous = a copy of current; both sides' blobs cross-check).
 *
 * Direction mapping: the NT4 trust "X trusts Y" is OUTBOUND on X's object
 * for Y (X holds the outgoing password, the G$$Y secret, in clear) and
 * INBOUND on Y's object for X (Y holds the incoming password, the X$
 * account's NT hash: an NT4OWF entry, unless a new password is given).
 * Two one-way trusts make one two-way (BIDIRECTIONAL) trust.
 */
#include "adtrust.h"

#include <stdio.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"

uint64_t
adtrust_filetime(uint64_t unix_seconds)
{
	return (unix_seconds + ADTRUST_FILETIME_OFFSET) * 10000000ULL;
}

const char *
adtrust_direction_name(uint32_t direction)
{
	switch (direction) {
	case ADTRUST_DIR_INBOUND:
		return "inbound";
	case ADTRUST_DIR_OUTBOUND:
		return "outbound";
	case ADTRUST_DIR_BIDIRECTIONAL:
		return "bidirectional";
	default:
		return "disabled";
	}
}

void
adtrust_input_wipe(struct adtrust_input *in)
{
	if (in != NULL)
		crypto_wipe(in, sizeof(*in));
}

void
adtrust_model_wipe(struct adtrust_model *m)
{
	if (m != NULL)
		crypto_wipe(m, sizeof(*m));
}

int
adtrust_dns_check(const char *dns, struct errinfo *ei)
{
	size_t len = strlen(dns), i, label = 0, labels = 1;
	char c, q[ADTRUST_DNS_MAX + 8], cq[8];

	if (len == 0)
		return ERR(ei, ERR_INVALID, "DNS name is empty");
	if (len > ADTRUST_DNS_MAX)
		return ERR(ei, ERR_INVALID,
			   "DNS name '%s' is longer than %d bytes",
			   err_quote(q, 40, dns), ADTRUST_DNS_MAX);
	/* the name as messages show it: one line, no control bytes */
	(void)err_quote(q, ADTRUST_DNS_MAX + 2, dns);
	for (i = 0; i <= len; i++) {
		c = dns[i];
		if (c == '.' || c == '\0') {
			if (label == 0)
				return ERR(ei, ERR_INVALID,
					   "DNS name '%s' has an empty label",
					   q);
			if (dns[i - 1] == '-')
				return ERR(ei, ERR_INVALID,
					   "DNS name '%s': a label ends with "
					   "'-'",
					   q);
			if (c == '.')
				labels++;
			label = 0;
			continue;
		}
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '-'))
			return ERR(ei, ERR_INVALID,
				   "DNS name '%s': character '%s' is not a "
				   "letter, digit, '-' or '.'",
				   q, err_quote(cq, 4, (char[]){ c, '\0' }));
		if (label == 0 && c == '-')
			return ERR(ei, ERR_INVALID,
				   "DNS name '%s': a label starts with '-'", q);
		if (++label > 63)
			return ERR(ei, ERR_INVALID,
				   "DNS name '%s': a label is longer than 63 "
				   "bytes",
				   q);
	}
	if (labels < 2)
		return ERR(ei, ERR_INVALID,
			   "DNS name '%s' has one label: an AD domain needs a "
			   "dotted name such as %s.example.com",
			   q, q);
	return 0;
}

int
adtrust_domain_dn(const char *dns, char *buf, size_t len)
{
	size_t n = 0, i;
	int first = 1;

	if (len == 0)
		return ERR_RANGE;
	buf[0] = '\0';
	for (i = 0; dns[i] != '\0';) {
		size_t j = i;

		while (dns[j] != '\0' && dns[j] != '.')
			j++;
		if (n + (first ? 0 : 1) + 3 + (j - i) + 1 > len)
			return ERR_RANGE;
		n += (size_t)snprintf(buf + n, len - n, "%sDC=%.*s",
				      first ? "" : ",", (int)(j - i), dns + i);
		first = 0;
		i = dns[j] == '.' ? j + 1 : j;
	}
	return 0;
}

/* Does dom[i] trust dom[1 - i] in the result?  out[i] for i = 0, 1. */
static int
adtrust_wanted(const struct adtrust_input *in, int want, int out[2],
	       struct errinfo *ei)
{
	switch (want) {
	case ADTRUST_AS_NT4:
		out[0] = in->nt4[0].present;
		out[1] = in->nt4[1].present;
		break;
	case ADTRUST_TWO_WAY:
		out[0] = out[1] = 1;
		break;
	case ADTRUST_INCOMING:
		out[0] = 0;
		out[1] = 1;
		break;
	case ADTRUST_OUTGOING:
		out[0] = 1;
		out[1] = 0;
		break;
	default:
		return ERR(ei, ERR_INVALID, "unknown trust direction %d", want);
	}
	if (!out[0] && !out[1])
		return ERR(ei, ERR_INVALID,
			   "there is no NT4 trust between %s and %s to "
			   "migrate (give --direction to create one)",
			   in->dom[0].flat, in->dom[1].flat);
	return 0;
}

/*
 * The passwords of direction i (dom[i] trusts dom[1 - i]): the outgoing
 * blob on dom[i] and the incoming blob on dom[1 - i].
 */
static int
adtrust_direction(struct adtrust_model *m, const struct adtrust_input *in,
		  const struct adtrust_opts *o, int i, struct errinfo *ei)
{
	const struct adtrust_nt4 *t = &in->nt4[i];
	struct trustauth_blob *out = &m->side[i].outgoing;
	struct trustauth_blob *inc = &m->side[1 - i].incoming;
	struct adtrust_tdo *acct = &m->side[1 - i];
	const char *a = in->dom[i].flat, *b = in->dom[1 - i].flat;
	int r;

	memset(out, 0, sizeof(*out));
	memset(inc, 0, sizeof(*inc));
	if (o->new_pw != NULL) {
		out->count = inc->count = 1;
		if ((r = trustauth_clear(&out->cur[0], o->now, o->new_pw,
					 o->new_len)) != 0)
			return ERR(ei, ERR_INVALID,
				   "the new trust password must be 1 to %d "
				   "characters",
				   TRUSTAUTH_CLEAR_MAX / 2);
		inc->cur[0] = out->cur[0];
		/* the NT4 password stays valid as the previous one */
		if (t->present && t->healthy && t->has_cur && t->has_hash) {
			(void)trustauth_clear(&out->prev[0], t->cur_time,
					      t->cur, t->cur_len);
			trustauth_nt4owf(&inc->prev[0], t->hash_time, t->hash);
			out->nprev = inc->nprev = 1;
		}
		memcpy(acct->account_pw, o->new_pw, o->new_len);
		acct->account_pw_len = o->new_len;
		acct->account_has_pw = 1;
	} else if (!t->present) {
		return ERR(ei, ERR_INVALID,
			   "%s does not trust %s under NT4, so there is no "
			   "password to carry over for %s -> %s: give a new "
			   "one (--password-file FILE or --generate)",
			   a, b, a, b);
	} else if (!t->healthy || !t->has_cur || !t->has_hash) {
		return ERR(ei, ERR_INVALID,
			   "the NT4 trust %s -> %s is broken (%s): repair it "
			   "first (nt4trust trust repair %s %s), or give a "
			   "new password",
			   a, b,
			   t->verdict[0] != '\0' ? t->verdict :
						   "halves "
						   "missing",
			   a, b);
	} else {
		/* the trusting side knows the clear text ... */
		out->count = 1;
		if (trustauth_clear(&out->cur[0], t->cur_time, t->cur,
				    t->cur_len) != 0)
			return ERR(ei, ERR_INVALID,
				   "the G$$%s secret of %s is not a usable "
				   "password (%zu bytes)",
				   b, a, t->cur_len);
		if (t->has_old && t->old_len >= 2 &&
		    trustauth_clear(&out->prev[0], t->old_time, t->old,
				    t->old_len) == 0)
			out->nprev = 1;
		/* ... the trusted side only the hash */
		inc->count = 1;
		trustauth_nt4owf(&inc->cur[0], t->hash_time, t->hash);
	}
	/* what a DC stores: every current entry has a previous partner */
	trustauth_pair(out);
	trustauth_pair(inc);
	acct->account = 1;
	return 0;
}

int
adtrust_convert(struct adtrust_model *m, const struct adtrust_input *in,
		const struct adtrust_opts *o, struct errinfo *ei)
{
	int want[2], i, r;

	memset(m, 0, sizeof(*m));
	if ((r = adtrust_wanted(in, o->direction, want, ei)) != 0)
		goto out;
	if (o->selective && !want[0]) {
		r = ERR(ei, ERR_INVALID,
			"selective authentication is a choice for an outgoing "
			"trust, and %s does not trust %s in this direction",
			in->dom[0].flat, in->dom[1].flat);
		goto out;
	}
	for (i = 0; i < 2; i++) {
		struct adtrust_tdo *t = &m->side[i];

		t->self = in->dom[i];
		t->partner = in->dom[1 - i];
		t->type = ADTRUST_TYPE_UPLEVEL;
		t->direction = (want[i] ? ADTRUST_DIR_OUTBOUND : 0) |
			       (want[1 - i] ? ADTRUST_DIR_INBOUND : 0);
		t->attributes = o->no_quarantine ? 0 : ADTRUST_ATTR_QUARANTINED;
		if (o->selective && want[i])
			t->attributes |= ADTRUST_ATTR_CROSS_ORGANIZATION;
		t->present = i == 0 || o->both_sides;
	}
	for (i = 0; i < 2; i++)
		if (want[i] && (r = adtrust_direction(m, in, o, i, ei)) != 0)
			goto out;
	m->both_sides = o->both_sides;
	m->new_password = o->new_pw != NULL;
	r = 0;
out:
	if (r != 0)
		adtrust_model_wipe(m);
	return r;
}

int
adtrust_check(const struct adtrust_model *m, struct errinfo *ei)
{
	uint8_t a[16], b[16];
	int i, r = 0;

	for (i = 0; i < 2 && r == 0; i++) {
		const struct adtrust_tdo *x = &m->side[i], *y = &m->side[1 - i];

		if (!x->present || !y->present ||
		    !(x->direction & ADTRUST_DIR_OUTBOUND))
			continue;
		if (!(y->direction & ADTRUST_DIR_INBOUND))
			r = ERR(ei, ERR_INVALID,
				"%s trusts %s, but %s's object has no "
				"inbound direction",
				x->self.flat, y->self.flat, y->self.flat);
		else if (trustauth_nt_hash(&x->outgoing, 0, a, NULL) != 0 ||
			 trustauth_nt_hash(&y->incoming, 0, b, NULL) != 0 ||
			 !crypto_equal(a, b, 16))
			r = ERR(ei, ERR_INVALID,
				"%s -> %s: the outgoing password of %s is not "
				"the incoming password of %s",
				x->self.flat, y->self.flat, x->self.flat,
				y->self.flat);
	}
	crypto_wipe(a, sizeof(a));
	crypto_wipe(b, sizeof(b));
	return r;
}
