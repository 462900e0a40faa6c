/*
 * migrate/handoff.c - reads the hand-off file of `migrate --sides this`
 * (docs/formats/handoff.md) and checks a trust password against its
 * verifiers.  The members are those of an AD trusted domain object
 * ([MS-ADTS] 6.1.6.7: trustPartner, flatName, securityIdentifier,
 * trustDirection, trustType, trustAttributes) seen from the domain that
 * creates it; the verifier is PBKDF2-HMAC-SHA256 (RFC 8018 5.2) of the
 * NT hash ([MS-NLMP] 3.3.1 NTOWFv1).  JSON through jansson, with its own
 * allocator: jansson 2.14 asserts (load.c lex_unget_unsave) when an
 * allocation of its lexer fails inside a number such as -1111111111.5e3,
 * so the allocation-failure hook of common/mem.c is not put into it (the
 * reader itself allocates nothing).  Every member must be known and
 * valid: the file comes from another administrator, over whatever channel
 * they chose.
 */
#include "handoff.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "common/crypto.h"
#include "common/err.h"
#include "common/hex.h"
#include "common/names.h"
#include "common/sid.h"

/* the article before adtrust_direction_name(d) */
#define HANDOFF_A(d) ((d) == ADTRUST_DIR_BIDIRECTIONAL ? "a" : "an")

/* "where: " before a message about a nested member; "" at the top */
#define W(where) (where) != NULL ? (where) : "", (where) != NULL ? ": " : ""

/* a member's string value, or an error naming it */
static int
handoff_str(json_t *o, const char *where, const char *key, const char **out,
	    struct errinfo *ei)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL)
		return ERR(ei, ERR_FORMAT, "%s%s\"%s\" is missing", W(where),
			   key);
	if (!json_is_string(v))
		return ERR(ei, ERR_FORMAT, "%s%s\"%s\" is not a string",
			   W(where), key);
	*out = json_string_value(v);
	if (strlen(*out) != json_string_length(v))
		return ERR(ei, ERR_FORMAT, "%s%s\"%s\" holds a NUL", W(where),
			   key);
	return 0;
}

static int
handoff_uint(json_t *o, const char *where, const char *key, uint32_t max,
	     uint32_t *out, struct errinfo *ei)
{
	json_t *v = json_object_get(o, key);
	json_int_t x;

	*out = 0;
	if (v == NULL)
		return ERR(ei, ERR_FORMAT, "%s%s\"%s\" is missing", W(where),
			   key);
	if (!json_is_integer(v))
		return ERR(ei, ERR_FORMAT, "%s%s\"%s\" is not an integer",
			   W(where), key);
	x = json_integer_value(v);
	if (x < 0 || (uint64_t)x > max)
		return ERR(ei, ERR_RANGE, "%s%s\"%s\" %lld is not in 0..%lu",
			   W(where), key, (long long)x, (unsigned long)max);
	*out = (uint32_t)x;
	return 0;
}

/* only the members in keys[] (NULL-terminated) */
static int
handoff_known(json_t *o, const char *where, const char *const *keys,
	      struct errinfo *ei)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach (o, k, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(k, keys[i]) == 0)
				break;
		if (keys[i] == NULL) {
			char q[44];

			return ERR(ei, ERR_FORMAT, "%s%sunknown member \"%s\"",
				   W(where), err_quote(q, 40, k));
		}
	}
	return 0;
}

/* a checker's message about key.member; the file is malformed */
static int
handoff_nested(struct errinfo *ei, const char *key, const char *member)
{
	err_prefix(ei, "%s.%s", key, member);
	if (ei != NULL)
		ei->code = ERR_FORMAT;
	return ERR_FORMAT;
}

static int
handoff_domain(json_t *top, const char *key, struct adtrust_domain *d,
	       struct errinfo *ei)
{
	static const char *const keys[] = { "flat", "dns", "sid", NULL };
	json_t *o = json_object_get(top, key);
	const char *flat, *dns, *sid;
	size_t i;
	int r;

	if (o == NULL)
		return ERR(ei, ERR_FORMAT, "\"%s\" is missing", key);
	if (!json_is_object(o))
		return ERR(ei, ERR_FORMAT, "\"%s\" is not an object", key);
	if ((r = handoff_known(o, key, keys, ei)) != 0 ||
	    (r = handoff_str(o, key, "flat", &flat, ei)) != 0 ||
	    (r = handoff_str(o, key, "dns", &dns, ei)) != 0 ||
	    (r = handoff_str(o, key, "sid", &sid, ei)) != 0)
		return r;
	if (names_domain_check(flat, ei) != 0)
		return handoff_nested(ei, key, "flat");
	(void)names_upper(d->flat, sizeof(d->flat), flat);
	if (adtrust_dns_check(dns, ei) != 0)
		return handoff_nested(ei, key, "dns");
	for (i = 0; dns[i] != '\0'; i++)
		d->dns[i] = (char)(dns[i] >= 'A' && dns[i] <= 'Z' ?
					   dns[i] - 'A' + 'a' :
					   dns[i]);
	d->dns[i] = '\0';
	if (sid_parse(&d->sid, sid, ei) != 0)
		return handoff_nested(ei, key, "sid");
	if (!sid_is_domain(&d->sid))
		return ERR(ei, ERR_FORMAT, "%s.sid: %s is not a domain SID",
			   key, sid);
	return 0;
}

static int
handoff_hexfield(json_t *o, const char *where, const char *key, uint8_t *out,
		 size_t n, struct errinfo *ei)
{
	const char *s;
	int r;

	if ((r = handoff_str(o, where, key, &s, ei)) != 0)
		return r;
	if (strlen(s) != 2 * n || hex_decode(s, out, n, NULL) != 0)
		return ERR(ei, ERR_FORMAT, "%s: \"%s\" is not %zu hex digits",
			   where, key, 2 * n);
	return 0;
}

static int
handoff_verifiers(struct handoff *h, json_t *arr, struct errinfo *ei)
{
	static const char *const keys[] = { "trusting",	  "trusted", "kdf",
					    "iterations", "salt",    "verifier",
					    NULL };
	size_t i, j, want = h->direction == ADTRUST_DIR_BIDIRECTIONAL ? 2 : 1;
	char where[32];
	int r;

	if (arr == NULL)
		return ERR(ei, ERR_FORMAT, "\"verifiers\" is missing");
	if (!json_is_array(arr))
		return ERR(ei, ERR_FORMAT, "\"verifiers\" is not an array");
	if (json_array_size(arr) != want)
		return ERR(ei, ERR_FORMAT,
			   "\"verifiers\" holds %zu; %s %s trust has %zu",
			   json_array_size(arr), HANDOFF_A(h->direction),
			   adtrust_direction_name(h->direction), want);
	for (i = 0; i < want; i++) {
		struct handoff_verifier *v = &h->ver[i];
		json_t *o = json_array_get(arr, i);
		const char *a, *b, *kdf;
		int out;

		snprintf(where, sizeof(where), "verifiers[%zu]", i);
		if (!json_is_object(o))
			return ERR(ei, ERR_FORMAT, "%s is not an object",
				   where);
		if ((r = handoff_known(o, where, keys, ei)) != 0 ||
		    (r = handoff_str(o, where, "trusting", &a, ei)) != 0 ||
		    (r = handoff_str(o, where, "trusted", &b, ei)) != 0 ||
		    (r = handoff_str(o, where, "kdf", &kdf, ei)) != 0)
			return r;
		if (strcmp(kdf, HANDOFF_KDF) != 0)
			return ERR(ei, ERR_FORMAT, "%s: \"kdf\" is not \"%s\"",
				   where, HANDOFF_KDF);
		/* create_on trusts partner: create_on's outbound direction */
		if (names_equal(a, h->create_on.flat) &&
		    names_equal(b, h->partner.flat))
			out = 1;
		else if (names_equal(a, h->partner.flat) &&
			 names_equal(b, h->create_on.flat))
			out = 0;
		else
			return ERR(ei, ERR_FORMAT,
				   "%s: not a trust between %s and %s", where,
				   h->create_on.flat, h->partner.flat);
		if (!(h->direction &
		      (out ? ADTRUST_DIR_OUTBOUND : ADTRUST_DIR_INBOUND)))
			return ERR(ei, ERR_FORMAT,
				   "%s: %s trusts %s is not a direction of "
				   "this trust (%s)",
				   where,
				   out ? h->create_on.flat : h->partner.flat,
				   out ? h->partner.flat : h->create_on.flat,
				   adtrust_direction_name(h->direction));
		memcpy(v->trusting, out ? h->create_on.flat : h->partner.flat,
		       sizeof(v->trusting));
		memcpy(v->trusted, out ? h->partner.flat : h->create_on.flat,
		       sizeof(v->trusted));
		for (j = 0; j < i; j++)
			if (strcmp(h->ver[j].trusting, v->trusting) == 0)
				return ERR(ei, ERR_FORMAT,
					   "%s: a second verifier for %s "
					   "trusts %s",
					   where, v->trusting, v->trusted);
		if ((r = handoff_uint(o, where, "iterations", HANDOFF_ITER_MAX,
				      &v->iterations, ei)) != 0)
			return r;
		if (v->iterations < HANDOFF_ITER_MIN)
			return ERR(ei, ERR_RANGE,
				   "%s: \"iterations\" %lu is under %u", where,
				   (unsigned long)v->iterations,
				   HANDOFF_ITER_MIN);
		if ((r = handoff_hexfield(o, where, "salt", v->salt,
					  sizeof(v->salt), ei)) != 0 ||
		    (r = handoff_hexfield(o, where, "verifier", v->dk,
					  sizeof(v->dk), ei)) != 0)
			return r;
		h->nver++;
	}
	return 0;
}

static int
handoff_read(struct handoff *h, json_t *top, struct errinfo *ei)
{
	static const char *const keys[] = { "nt4trust_handoff",
					    "note",
					    "create_on",
					    "partner",
					    "trustDirection",
					    "direction",
					    "trustType",
					    "trustAttributes",
					    "trust_account_needed",
					    "verifiers",
					    NULL };
	const char *s;
	json_t *v;
	int r;

	if (!json_is_object(top))
		return ERR(ei, ERR_FORMAT, "not a JSON object");
	if (json_object_get(top, "nt4trust_handoff") == NULL)
		return ERR(ei, ERR_FORMAT,
			   "not an nt4trust hand-off file (no "
			   "\"nt4trust_handoff\")");
	if ((r = handoff_str(top, NULL, "nt4trust_handoff", &s, ei)) != 0)
		return r;
	if (strcmp(s, HANDOFF_VERSION) != 0) {
		char q[24];

		return ERR(ei, ERR_FORMAT,
			   "hand-off version \"%s\" is not %s (a newer "
			   "nt4trust wrote it?)",
			   err_quote(q, 20, s), HANDOFF_VERSION);
	}
	if ((r = handoff_known(top, NULL, keys, ei)) != 0)
		return r;
	if ((v = json_object_get(top, "note")) != NULL && !json_is_string(v))
		return ERR(ei, ERR_FORMAT, "\"note\" is not a string");
	if ((r = handoff_domain(top, "create_on", &h->create_on, ei)) != 0 ||
	    (r = handoff_domain(top, "partner", &h->partner, ei)) != 0)
		return r;
	if (strcmp(h->create_on.flat, h->partner.flat) == 0 ||
	    strcmp(h->create_on.dns, h->partner.dns) == 0 ||
	    sid_equal(&h->create_on.sid, &h->partner.sid))
		return ERR(ei, ERR_FORMAT,
			   "create_on and partner are the same domain (%s)",
			   h->create_on.flat);
	if ((r = handoff_uint(top, NULL, "trustDirection", 3, &h->direction,
			      ei)) != 0)
		return r;
	if (h->direction == 0)
		return ERR(ei, ERR_FORMAT,
			   "\"trustDirection\" 0: no direction");
	if ((r = handoff_str(top, NULL, "direction", &s, ei)) != 0)
		return r;
	if (strcmp(s, adtrust_direction_name(h->direction)) != 0)
		return ERR(ei, ERR_FORMAT,
			   "\"direction\" does not say %s, as trustDirection "
			   "%lu does",
			   adtrust_direction_name(h->direction),
			   (unsigned long)h->direction);
	if ((r = handoff_uint(top, NULL, "trustType", UINT32_MAX, &h->type,
			      ei)) != 0)
		return r;
	if (h->type != ADTRUST_TYPE_UPLEVEL)
		return ERR(ei, ERR_FORMAT,
			   "\"trustType\" %lu is not 2 (an AD external trust)",
			   (unsigned long)h->type);
	if ((r = handoff_uint(top, NULL, "trustAttributes", UINT32_MAX,
			      &h->attributes, ei)) != 0)
		return r;
	if ((h->attributes & ~ADTRUST_ATTR_QUARANTINED) != 0)
		return ERR(ei, ERR_FORMAT,
			   "\"trustAttributes\" 0x%lx: only 0x4 "
			   "(quarantined) may be handed off",
			   (unsigned long)h->attributes);
	v = json_object_get(top, "trust_account_needed");
	if (v == NULL || !json_is_boolean(v))
		return ERR(ei, ERR_FORMAT, "\"trust_account_needed\" is %s",
			   v == NULL ? "missing" : "not true or false");
	h->account_needed = json_is_true(v);
	if (h->account_needed != ((h->direction & ADTRUST_DIR_INBOUND) != 0))
		return ERR(ei, ERR_FORMAT,
			   "\"trust_account_needed\" is %s, but %s %s trust "
			   "%s the trust account %s$",
			   h->account_needed ? "true" : "false",
			   HANDOFF_A(h->direction),
			   adtrust_direction_name(h->direction),
			   h->account_needed ? "does not need" : "needs",
			   h->partner.flat);
	return handoff_verifiers(h, json_object_get(top, "verifiers"), ei);
}

int
handoff_parse(struct handoff *h, const uint8_t *text, size_t len,
	      struct errinfo *ei)
{
	json_error_t jerr;
	char q[104];
	json_t *top;
	int r;

	memset(h, 0, sizeof(*h));
	if (len > HANDOFF_MAX_BYTES)
		return ERR(ei, ERR_RANGE,
			   "%zu bytes: a hand-off file is at "
			   "most %u",
			   len, HANDOFF_MAX_BYTES);
	top = json_loadb((const char *)text, len, JSON_REJECT_DUPLICATES,
			 &jerr);
	if (top == NULL) {
		if (json_error_code(&jerr) == json_error_out_of_memory)
			return ERR(ei, ERR_NOMEM, "out of memory");
		/* jansson quotes the input: keep the message one safe line */
		return ERR(ei, ERR_FORMAT, "not JSON: line %d, column %d: %s",
			   jerr.line, jerr.column,
			   err_quote(q, 100, jerr.text));
	}
	r = handoff_read(h, top, ei);
	json_decref(top);
	if (r != 0)
		crypto_wipe(h, sizeof(*h));
	return r;
}

int
handoff_verify(const struct handoff_verifier *v, const uint8_t nt_hash[16])
{
	uint8_t dk[32];
	int r;

	if (crypto_pbkdf2_sha256(nt_hash, 16, v->salt, sizeof(v->salt),
				 v->iterations, dk, sizeof(dk)) != 0)
		r = ERR_CRYPTO;
	else
		r = crypto_equal(dk, v->dk, sizeof(dk)) ? 0 : ERR_ACCESS;
	crypto_wipe(dk, sizeof(dk));
	return r;
}

int
handoff_make_verifier(struct handoff_verifier *v, const char *trusting,
		      const char *trusted, const uint8_t nt_hash[16],
		      uint32_t iterations)
{
	memset(v, 0, sizeof(*v));
	if (iterations < HANDOFF_ITER_MIN || iterations > HANDOFF_ITER_MAX ||
	    names_upper(v->trusting, sizeof(v->trusting), trusting) != 0 ||
	    names_upper(v->trusted, sizeof(v->trusted), trusted) != 0)
		return ERR_INVALID;
	v->iterations = iterations;
	if (crypto_random(v->salt, sizeof(v->salt)) != 0 ||
	    crypto_pbkdf2_sha256(nt_hash, 16, v->salt, sizeof(v->salt),
				 iterations, v->dk, sizeof(v->dk)) != 0) {
		crypto_wipe(v, sizeof(*v));
		return ERR_CRYPTO;
	}
	return 0;
}
