#!/bin/sh
# Two processes changing one lab at once (issue 6, "Concurrency"): two
# shell loops in the background each run `nt4trust user add` 200 times
# against the same lab; afterwards `account list` shows all 400 accounts,
# each with its own RID (1000..1399, none reused), every add succeeded and
# the passwords work.  The unit-level version with 2 x 1,000 changes is
# tests/check_concurrency.c.  Bounded: 200 adds per loop, 30 s per command.
. tests/cli/lib.sh

CONC_N=200
TO="timeout 30"
command -v timeout >/dev/null 2>&1 || TO=

run domain create ACCOUNTS
check "the domain is created" rc_is 0

# adder PREFIX: add PREFIX000..PREFIX199, one process each; the names that
# failed go to $T/fail.PREFIX
adder() {
	i=0
	: >"$T/fail.$1"
	while [ "$i" -lt "$CONC_N" ]; do
		name=$(printf '%s%03d' "$1" "$i")
		$TO "$N" user add ACCOUNTS "$name" --password "Pw#$name" \
			>/dev/null 2>>"$T/err.$1" || echo "$name" >>"$T/fail.$1"
		i=$((i + 1))
	done
}

start=$(date +%s)
adder a &
pa=$!
adder b &
pb=$!
wait "$pa"
wait "$pb"
took=$(($(date +%s) - start))

check "no user add failed in loop a" eval '[ ! -s "$T/fail.a" ]'
check "no user add failed in loop b" eval '[ ! -s "$T/fail.b" ]'
check "both loops finished in time (${took}s)" [ "$took" -le 120 ]

run account list ACCOUNTS
check "account list works after the concurrent adds" rc_is 0
printf '%s\n' "$out" | awk '$2 ~ /^[ab][0-9][0-9][0-9]$/ { print $1, $2 }' \
	>"$T/accts"
check "account list shows all 400 accounts" \
	[ "$(wc -l <"$T/accts")" -eq $((2 * CONC_N)) ]
check "every name appears once" \
	[ "$(cut -d' ' -f2 "$T/accts" | sort -u | wc -l)" -eq $((2 * CONC_N)) ]
check "every RID is unique" \
	[ "$(cut -d' ' -f1 "$T/accts" | sort -u | wc -l)" -eq $((2 * CONC_N)) ]
check "RIDs run from 1000 to 1399 (NEXT_RID moved once per account)" \
	eval '[ "$(cut -d" " -f1 "$T/accts" | sort -n | head -1)" = 1000 ] &&
	[ "$(cut -d" " -f1 "$T/accts" | sort -n | tail -1)" = $((1000 + 2 * CONC_N - 1)) ]'
missing=0
for p in a b; do
	i=0
	while [ "$i" -lt "$CONC_N" ]; do
		name=$(printf '%s%03d' "$p" "$i")
		grep -q " $name\$" "$T/accts" || missing=$((missing + 1))
		i=$((i + 1))
	done
done
check "no account is missing (a000..a199, b000..b199)" [ "$missing" = 0 ]

# the stored hashes are right: a logon with each loop's first and last
# password succeeds
for name in a000 a199 b000 b199; do
	run logon ACCOUNTS "ACCOUNTS\\$name" --password "Pw#$name"
	check "logon as $name with its password succeeds" \
		eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
done
run account show ACCOUNTS b123
check "account show decodes an account added concurrently" \
	eval 'rc_is 0 && has_out "b123"'
finish
