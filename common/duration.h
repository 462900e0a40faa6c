/*
 * common/duration.h - lengths of time as a user types them for the lab
 * clock ("nt4trust clock advance 7d|36h|90m"): one or more <number><unit>
 * groups, units w, d, h, m, s from largest to smallest.
 */
#ifndef COMMON_DURATION_H
#define COMMON_DURATION_H

#include <stddef.h>
#include <stdint.h>

struct errinfo;

/* The longest duration accepted: 100 years of 365 days, in seconds. */
#define DURATION_MAX 3153600000ULL
/* A buffer this size holds duration_format() of any uint64_t. */
#define DURATION_FMT_MAX 32

/*
 * duration_parse - parse s ("7d", "36h", "90m", "1d12h", "2w3d", "45s")
 * into *secs.  Each group is a decimal number ("0" or no leading zero)
 * followed by one of w (604800 s), d (86400), h (3600), m (60), s (1);
 * each unit at most once, from largest to smallest; no spaces, signs or
 * fractions.  The total must be 1 .. DURATION_MAX seconds.  Every failure
 * is ERR_INVALID with a one-line message naming the input ("duration '7x':
 * unknown unit 'x' (use w, d, h, m, s)") and ei->offset at the offending
 * byte (0 for a total of zero or over the limit); *secs is 0 then.  A
 * syntax error is reported before a total over the limit.  Nothing is
 * allocated.
 */
int duration_parse(const char *s, uint64_t *secs, struct errinfo *ei);

/*
 * duration_format - the canonical form of secs into buf (len bytes):
 * largest units first, zero groups left out ("1d12h", "1w", "0s" for 0).
 * duration_parse() reads it back to secs for 1 .. DURATION_MAX.  A buffer
 * of DURATION_FMT_MAX bytes always suffices; when the text does not fit in
 * len, buf receives "" (nothing when len is 0).
 */
void duration_format(uint64_t secs, char *buf, size_t len);

#endif
