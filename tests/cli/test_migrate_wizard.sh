#!/bin/sh
# migrate --wizard: the New Trust Wizard's pages on a terminal, in the
# wizard's order, ending with exactly what the equivalent options write.
# script(1) (util-linux) provides the pseudo-terminal; answers are fed one
# line at a time with pauses (a password prompt turns echo off with
# TCSAFLUSH, which drops input typed ahead, so those get a longer pause).
# A mismatched password is asked again (3 tries, then exit 2); three
# invalid answers to a question are exit 2; end of input cancels (exit 1).
. tests/cli/lib.sh

if ! command -v script >/dev/null 2>&1; then
	echo "not ok 1 - script(1) (util-linux) missing: terminal tests cannot run"
	exit 1
fi
# wiz_run ANSWER... -- COMMAND: an answer '@X' is typed after a longer
# pause (a password); '' is Enter.
wiz_run() {
	: >"$T/.in"
	while [ "$1" != "--" ]; do printf '%s\n' "$1" >>"$T/.in"; shift; done
	shift
	(
		while IFS= read -r a; do
			case $a in
			@*) sleep 1; printf '%s\n' "${a#@}" ;;
			*) sleep 0.4; printf '%s\n' "$a" ;;
			esac
		done <"$T/.in"
		sleep 1
	) | script -qec "$*" /dev/null >"$T/.out" 2>&1
	rc=$?
	out=$(tr -d '\r' <"$T/.out")
	err=""
}
headings() { printf '%s\n' "$out" | sed -n 's/^== \(.*\) ==$/\1/p' | tr '\n' '|'; }

PW='Wiz#Trust2026'
DNS="--dns-name RESOURCE=res.example.com --dns-name ACCOUNTS=acc.example.com"
run domain create ACCOUNTS
run domain create RESOURCE
run trusting add ACCOUNTS RESOURCE --password 'TrustPass#2024'
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
run trusting add RESOURCE ACCOUNTS --password 'TrustPass#2025'
run trusted add ACCOUNTS RESOURCE --password 'TrustPass#2025'
check "a healthy two-way NT4 pair" rc_is 0

# --- no terminal
run migrate --wizard RESOURCE ACCOUNTS </dev/null
check "no terminal: exit 2, one line" eval 'rc_is 2 && one_line_err &&
	has_err "migrate --wizard needs a terminal: give the choices as options (see nt4trust help migrate)"'
run migrate RESOURCE
check "without --wizard, migrate needs DOMAIN PARTNER" eval 'rc_is 2 && one_line_err &&
	has_err "migrate needs DOMAIN PARTNER"'
run trust list --wizard
check "--wizard only applies to migrate" rc_is 2

# --- two-way, both sides, a typed password: the partner and the DNS names
# asked (one invalid DNS name re-asked), then the same LDIF as the options
mkdir "$T/w1" "$T/f1"
printf '%s\n' "$PW" >"$T/pw"
wiz_run ACCOUNTS 'bad_name' res.example.com acc.example.com '' '' both '' t \
	"@$PW" "@$PW" y yes no -- \
	"$N" migrate --wizard RESOURCE --format ldif --out-dir "$T/w1"
check "two-way both sides: exit 0" rc_is 0
check "the pages in the wizard's order" eval '[ "$(headings)" = "New Trust Wizard|Trust Name|Trust Type|Direction of Trust|Sides of Trust|Outgoing Trust Authentication Level|Trust Password|Trust Selections Complete|Confirm Outgoing Trust|Confirm Incoming Trust|Completing the New Trust Wizard|" ]'
check "choices with the default in brackets; NT4 directions shown as the default" eval \
	'has_out "The NT4 trusts were: two-way." && has_out "Direction (1-3 or two-way, incoming or outgoing) [two-way]:" &&
	 has_out "Sides (1-2 or this or both) [both]:" && has_out "Trust type (1-1 or external) [external]:"'
check "an invalid DNS name is re-asked" eval 'has_out "bad_name" && [ "$(printf "%s\n" "$out" | grep -c "DNS name of the AD domain RESOURCE becomes")" = 2 ]'
check "the password asked twice, never shown" eval 'has_out "Password for the new AD trust:" && has_out "Confirm password:" && ! has_out "$PW"'
check "the summary page is the summary of migrate" eval 'has_out "AD external trust between RESOURCE (res.example.com) and ACCOUNTS (acc.example.com)" &&
	has_out "Passwords: a new one; the NT4 one stays valid"'
check "confirm outgoing: the cross-check; incoming not confirmed" eval \
	'has_out "Confirmed: RESOURCE trusts ACCOUNTS: the outgoing password of RESOURCE is the incoming password of ACCOUNTS." &&
	 has_out "Not confirmed: the secure channel will be set up the first time the trust is used."'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --direction two-way --sides both --auth domain-wide --password-file "$T/pw" --format ldif --out-dir "$T/f1"
check "the equivalent options: exit 0" rc_is 0
check "the wizard wrote the same LDIF files as the options" eval \
	'cmp -s "$T/w1/RESOURCE.ldif" "$T/f1/RESOURCE.ldif" && cmp -s "$T/w1/ACCOUNTS.ldif" "$T/f1/ACCOUNTS.ldif" &&
	 [ "$(stat -c %a "$T/w1/RESOURCE.ldif")" = 600 ]'

# --- this domain only, selective, a generated password: the summary at
# the end is the options' summary
mkdir "$T/w2" "$T/f2"
wiz_run '' outgoing this selective g y yes '' -- \
	"$N" migrate --wizard RESOURCE ACCOUNTS $DNS --out-dir "$T/w2"
check "this domain only + selective: exit 0" rc_is 0
check "no Confirm Incoming page for an outgoing trust" eval '[ "$(headings)" = "New Trust Wizard|Trust Name|Trust Type|Direction of Trust|Sides of Trust|Outgoing Trust Authentication Level|Trust Password|Trust Selections Complete|Confirm Outgoing Trust|Completing the New Trust Wizard|" ]'
check "selective, one side, partner's side not confirmable" eval \
	'has_out "trustDirection 2 (outbound), trustType 2 (uplevel), trustAttributes 0x00000014 quarantined (SID filtering) selective authentication" &&
	 has_out "on ACCOUNTS: nothing here (--sides this)" && has_out "Not confirmed: ACCOUNTS'"'"'s side is created by its own administrator"'
printf '%s\n' "$out" | sed -n '/^== Completing the New Trust Wizard ==$/,$p' | sed 1d |
	sed "s|$T/w2|DIR|" >"$T/wiz.sum"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --direction outgoing --sides this --auth selective --generate --out-dir "$T/f2"
printf '%s\n' "$out" | sed "s|$T/f2|DIR|" >"$T/flags.sum"
check "the same summary as the options (--generate)" eval 'rc_is 0 && cmp -s "$T/wiz.sum" "$T/flags.sum"'
check "the hand-off file written" eval '[ -s "$T/w2/ACCOUNTS.handoff.json" ] && [ ! -e "$T/w2/RESOURCE.ldif" ]'

# --- a mismatched password is asked again; cancel at the summary (with
# --apply: nothing is applied)
mkdir "$T/w3"
wiz_run '' '' '' '' t "@$PW" '@Other#1' "@$PW" "@$PW" n -- \
	"$N" migrate --wizard --apply RESOURCE ACCOUNTS $DNS --format ldif --out-dir "$T/w3"
check "a mismatch is asked again" eval 'has_out "do not match" && has_out "Type it again." &&
	[ "$(printf "%s\n" "$out" | grep -c "Confirm password:")" = 2 ]'
check "cancel at the summary: exit 1, nothing written" eval 'rc_is 1 && has_out "nt4trust: cancelled" &&
	has_out "Trust Selections Complete" && [ -z "$(ls "$T/w3")" ]'
check "no typed password in the output" eval '! has_out "$PW" && ! has_out "Other#1"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS
check "--apply: the summary page and a cancel leave the lab's NT4 pair alone" eval 'rc_is 0 && has_out "NT4 RESOURCE -> ACCOUNTS: healthy"'

# --- three invalid answers: exit 2; end of input: cancelled (exit 1)
wiz_run '' sideways 0 4 -- "$N" migrate --wizard RESOURCE ACCOUNTS $DNS
check "three invalid answers: exit 2" eval 'rc_is 2 && has_out "'"'"'sideways'"'"' is not one of the choices" &&
	has_out "no valid answer for Direction after 3 tries"'
wiz_run ACCOUNTS -- "$N" migrate --wizard RESOURCE
check "end of input: cancelled, exit 1" eval 'rc_is 1 && has_out "nt4trust: cancelled"'
finish
