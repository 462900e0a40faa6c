#!/bin/sh
# Crash loops with the store fault hook (NT4TRUST_FAULT, nt4/store.c;
# docs/formats/store.md section 9).  For each command -- lab `trust repair`
# of a Q207957-broken pair, `clock advance 8d` over a due trust password
# change, `migrate --apply`, `samba repair` on a copy of the Samba fixture
# trusted-side-missing -- count the store writes W of a clean run
# (NT4TRUST_FAULT=count), then for every N in 1..W on a fresh copy: the run
# with abort:N dies by SIGABRT at write N, every store still opens and
# decodes, the same command run again without the hook exits 0, and then a
# user of ACCOUNTS logs on at RESOURCE (samba: samba diagnose is healthy).
# The same with fail:N for every N: one-line error, exit 1, the stores still
# decode (a failing first write leaves the PDC databases as they were), and a
# re-run finishes.  A malformed value is refused (exit 2) before any write.
. tests/cli/lib.sh

ulimit -c 0 2>/dev/null # aborts on purpose: no core files

UPW='Secret#1'
TPW='TrustPass#2024'
DNS="--dns-name RESOURCE=res.example.com --dns-name ACCOUNTS=acc.example.com"
STPW='Tru5t-Pa55w0rd'
printf '%s\n' "$STPW" >"$T/pw"
MAXW=200 # bound of every loop: W is tens

# --- the starting states, built once and copied for each run
setup_pair() {
	NT4TRUST_LAB=$1
	export NT4TRUST_LAB
	"$N" domain create ACCOUNTS >/dev/null 2>&1 &&
		"$N" domain create RESOURCE >/dev/null 2>&1 &&
		"$N" user add ACCOUNTS alice --password "$UPW" >/dev/null 2>&1 &&
		"$N" trusting add ACCOUNTS RESOURCE --password "$TPW" >/dev/null 2>&1 &&
		"$N" trusted add RESOURCE ACCOUNTS --password "$TPW" >/dev/null 2>&1
}
setup_pair "$T/base-healthy"
check "a healthy pair is set up" [ $? = 0 ]
cp -r "$T/base-healthy" "$T/base-broken"
NT4TRUST_LAB="$T/base-broken"
export NT4TRUST_LAB
run user delete ACCOUNTS 'RESOURCE$'
check "the pair is broken as Q207957 (trust account deleted)" rc_is 0

# cmd_run KIND: the command under test, on the copy in $T/run
# shellcheck disable=SC2086
cmd_run() {
	case $1 in
	repair) run trust repair RESOURCE ACCOUNTS ;;
	rotation) run clock advance 8d ;;
	migrate) run migrate RESOURCE ACCOUNTS $DNS --apply ;;
	samba) run samba repair --trusting "$T/run/RESOURCE" \
		--trusted "$T/run/ACCOUNTS" --password-file "$T/pw" ;;
	esac
}

# fresh KIND: a new copy of KIND's starting state in $T/run
fresh() {
	rm -rf "${T:?}/run"
	case $1 in
	repair) cp -r "$T/base-broken" "$T/run" ;;
	rotation | migrate) cp -r "$T/base-healthy" "$T/run" ;;
	samba) cp -r tests/data/samba/trusted-side-missing "$T/run" ;;
	esac
	NT4TRUST_LAB="$T/run"
	export NT4TRUST_LAB
}

sums() { cat "$T"/run/*.tdb "$T"/run/*/*.tdb 2>/dev/null | md5sum; }
# the PDCs' databases only: not lab.tdb (whose LAB record keeps the random
# generator's counter, moved on by a password drawn before a failure) nor
# the journal file of samba repair
pdc_sums() {
	for f in "$T"/run/*.tdb "$T"/run/*/*.tdb; do
		case $f in
		*/lab.tdb | */nt4trust-repair.tdb | *'*'*) ;;
		*) cat "$f" ;;
		esac
	done | md5sum
}

# decodes KIND: every store opens and decodes (any verdict is fine, an error
# reading a store is not)
decodes() {
	if [ "$1" = samba ]; then
		run samba diagnose --trusting "$T/run/RESOURCE" \
			--trusted "$T/run/ACCOUNTS"
		{ rc_is 0 || rc_is 1; } &&
			has_out "Trust RESOURCE -> ACCOUNTS: " || return 1
		for f in "$T"/run/*/*.tdb; do
			tdbdump "$f" >/dev/null 2>&1 || return 1
		done
		return 0
	fi
	run trust list
	rc_is 0 || return 1
	for d in ACCOUNTS RESOURCE; do
		run domain show "$d"
		rc_is 0 || return 1
		run account list "$d"
		rc_is 0 || return 1
	done
	# mid-repair both halves may be gone: any verdict, no error
	run trust diagnose RESOURCE ACCOUNTS
	{ rc_is 0 || rc_is 1; } && has_out "RESOURCE"
}

logon_ok() {
	run logon RESOURCE 'ACCOUNTS\alice' --password "$UPW"
	rc_is 0 && has_out "STATUS_SUCCESS" &&
		has_out "through the trust RESOURCE -> ACCOUNTS"
}

# works KIND: the trust is in use again, and (lab) still after the next
# trust password change, so no state left by the crash breaks it later
works() {
	if [ "$1" = samba ]; then
		run samba diagnose --trusting "$T/run/RESOURCE" \
			--trusted "$T/run/ACCOUNTS"
		rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy"
		return
	fi
	logon_ok || return 1
	run clock advance 8d
	rc_is 0 && logon_ok
}

for kind in repair rotation migrate samba; do
	# W: the writes of a clean run
	fresh "$kind"
	NT4TRUST_FAULT=count
	export NT4TRUST_FAULT
	cmd_run "$kind"
	unset NT4TRUST_FAULT
	W=$(printf '%s\n' "$err" | sed -n 's/^nt4trust: NT4TRUST_FAULT: \([0-9]*\) store writes$/\1/p')
	check "$kind: a clean run exits 0 and counts its store writes" eval \
		'rc_is 0 && [ -n "$W" ] && [ "$W" -gt 0 ] && [ "$W" -le $MAXW ]'
	check "$kind: and the trust works" works "$kind"
	[ -n "$W" ] && [ "$W" -le $MAXW ] || W=0
	echo "# $kind: $W store writes"

	# abort at every write; one check line per N, naming what failed
	n=1
	while [ "$n" -le "$W" ]; do
		fresh "$kind"
		NT4TRUST_FAULT=abort:$n
		export NT4TRUST_FAULT
		cmd_run "$kind"
		unset NT4TRUST_FAULT
		what=""
		if ! rc_is 134 || ! has_err "NT4TRUST_FAULT: aborting at write $n "; then
			what="the run with abort:$n did not abort (rc=$rc)"
		elif ! decodes "$kind"; then
			what="a store does not decode after the abort (rc=$rc)"
		else
			cmd_run "$kind"
			if ! rc_is 0; then
				what="the run again did not finish (rc=$rc)"
			elif ! works "$kind"; then
				what="the trust does not work after the run again (rc=$rc)"
			fi
		fi
		check "$kind: abort at write $n/$W, then run again: finished, the trust works${what:+: $what}" \
			[ -z "$what" ]
		n=$((n + 1))
	done

	# fail at every write: a clean error, and the same command again
	# finishes; one check line per N, naming what failed
	n=1
	while [ "$n" -le "$W" ]; do
		fresh "$kind"
		before=$(pdc_sums)
		NT4TRUST_FAULT=fail:$n
		export NT4TRUST_FAULT
		cmd_run "$kind"
		unset NT4TRUST_FAULT
		what=""
		if ! rc_is 1 || ! one_line_err ||
			! has_err "injected fault at write $n"; then
			what="not one error line with exit 1 (rc=$rc)"
		elif [ "$n" = 1 ] && [ "$(pdc_sums)" != "$before" ]; then
			what="a PDC database changed though its first write failed"
		elif [ "$kind" = samba ] && [ "$n" -le 2 ] &&
			[ -e "$T/run/RESOURCE/nt4trust-repair.tdb" ]; then
			what="the journal's first write failed, yet its file is left"
		elif ! decodes "$kind"; then
			what="a store does not decode after the failure (rc=$rc)"
		else
			cmd_run "$kind"
			if ! rc_is 0; then
				what="the run again did not finish (rc=$rc)"
			elif ! works "$kind"; then
				what="the trust does not work after the run again (rc=$rc)"
			fi
		fi
		check "$kind: fail at write $n/$W: exit 1, then run again: finished, the trust works${what:+: $what}" \
			[ -z "$what" ]
		n=$((n + 1))
	done
done

# a malformed value: refused before any write
for v in abort:0 abort:x fail: fail:01 abort:1x ABORT:1 count:1 abort:1234567890; do
	fresh repair
	before=$(sums)
	NT4TRUST_FAULT=$v
	export NT4TRUST_FAULT
	run trust repair RESOURCE ACCOUNTS
	unset NT4TRUST_FAULT
	check "NT4TRUST_FAULT=$v: exit 2, one-line error, nothing changed" eval \
		'rc_is 2 && one_line_err && has_err "NT4TRUST_FAULT: expected abort:N, fail:N or count" && [ "$(sums)" = "$before" ]'
done
# empty: the same as unset
fresh repair
NT4TRUST_FAULT=
export NT4TRUST_FAULT
run trust repair RESOURCE ACCOUNTS
unset NT4TRUST_FAULT
check "NT4TRUST_FAULT empty: no fault, the repair runs" eval 'rc_is 0 && works repair'
finish
