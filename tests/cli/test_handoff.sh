#!/bin/sh
# tests/cli/test_handoff.sh - `nt4trust handoff check FILE`: the partner's
# administrator reads the hand-off of `migrate --sides this`: what to
# create, in plain words and as JSON; the typed passwords against each
# direction's verifier (right, wrong, one line per direction from stdin);
# malformed, missing and oversized files refused with one line; the file
# is never changed.
. tests/cli/lib.sh

TPW='TrustPass#2024'
NPW='New-Trust-Pw9'
DNS="--dns-name RESOURCE=res.example.com --dns-name ACCOUNTS=acc.example.com"

run domain create ACCOUNTS
run domain create RESOURCE
run trusting add ACCOUNTS RESOURCE --password "$TPW"
run trusted add RESOURCE ACCOUNTS --password "$TPW"
check "a healthy pair RESOURCE -> ACCOUNTS" rc_is 0

mkdir "$T/two" "$T/one"
printf '%s\n' "$NPW" > "$T/pw"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --sides this --direction two-way --password-file "$T/pw" --format ldif --out-dir "$T/two"
check "migrate --sides this two-way writes ACCOUNTS.handoff.json" eval 'rc_is 0 && [ -f "$T/two/ACCOUNTS.handoff.json" ]'
H2=$T/two/ACCOUNTS.handoff.json
sum=$(md5sum < "$H2")
sid_r=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["partner"]["sid"])' "$H2")

run handoff check "$H2" --password-file "$T/pw"
check "the right password: exit 0, both directions match" eval 'rc_is 0 && [ -z "$err" ] &&
	has_out "Password for the trust RESOURCE trusts ACCOUNTS: matches the hand-off'"'"'s verifier" &&
	has_out "Password for the trust ACCOUNTS trusts RESOURCE: matches the hand-off'"'"'s verifier" &&
	has_out "Create the trust on ACCOUNTS with the passwords typed."'
check "what to create, in plain words" eval '
	has_out "Hand-off $H2, written on RESOURCE for the administrator of ACCOUNTS:" &&
	has_out "  on ACCOUNTS (acc.example.com), create the trust with RESOURCE (res.example.com, $sid_r)" &&
	has_out "  trustDirection 3 (bidirectional): ACCOUNTS trusts RESOURCE and RESOURCE trusts ACCOUNTS" &&
	has_out "  trustType 2 (uplevel), trustAttributes 0x00000004 (quarantined: SID filtering)" &&
	has_out "  the interdomain trust account RESOURCE\$ on ACCOUNTS"'
check "it prints no password" eval '! has_out "$NPW"'

run handoff check "$H2" --password 'Not-The-Pw'
check "a wrong password: exit 1, DOES NOT MATCH for each direction, ask again" eval 'rc_is 1 &&
	has_out "Password for the trust RESOURCE trusts ACCOUNTS: DOES NOT MATCH the hand-off'"'"'s verifier" &&
	has_out "Password for the trust ACCOUNTS trusts RESOURCE: DOES NOT MATCH the hand-off'"'"'s verifier" &&
	has_out "Ask the administrator of RESOURCE for the password again: the two sides of a trust must hold the same one."'

# from stdin, one line per direction, in the file's order
out=$(printf '%s\n%s\n' "$NPW" 'Other' | "$N" handoff check "$H2" --password-file - 2>&1)
rc=$?
check "stdin: one line per direction; the second wrong: exit 1" eval 'rc_is 1 &&
	has_out "RESOURCE trusts ACCOUNTS: matches" && has_out "ACCOUNTS trusts RESOURCE: DOES NOT MATCH"'

run --json handoff check "$H2" --password "$NPW"
check "--json: the object and a result per direction" eval 'rc_is 0 && python3 -c "
import json, sys
d = json.loads(sys.argv[1])
assert d[\"create_on\"] == {\"flat\": \"ACCOUNTS\", \"dns\": \"acc.example.com\", \"sid\": d[\"create_on\"][\"sid\"]}, d
assert d[\"partner\"][\"sid\"] == \"$sid_r\", d
assert (d[\"trustDirection\"], d[\"direction\"], d[\"trustType\"], d[\"trustAttributes\"]) == (3, \"bidirectional\", 2, 4), d
assert d[\"trust_account_needed\"] is True
assert d[\"passwords\"] == [{\"trusting\": \"RESOURCE\", \"trusted\": \"ACCOUNTS\", \"matches\": True},
                           {\"trusting\": \"ACCOUNTS\", \"trusted\": \"RESOURCE\", \"matches\": True}], d
assert d[\"exit\"] == 0
" "$out"'

run handoff check "$H2"
check "no password option and no terminal: exit 2, one line" eval 'rc_is 2 && one_line_err &&
	has_err "no password for the trust RESOURCE trusts ACCOUNTS: use --password-file FILE (or -) or run on a terminal"'
check "the hand-off file is never changed" [ "$(md5sum < "$H2")" = "$sum" ]

# one direction, no quarantine, from the other side
# shellcheck disable=SC2086
run migrate ACCOUNTS RESOURCE $DNS --sides this --direction incoming --no-quarantine --password-file "$T/pw" --format ldif --out-dir "$T/one"
run handoff check "$T/one/RESOURCE.handoff.json" --password "$NPW"
check "incoming from ACCOUNTS: RESOURCE creates an outbound trust, no account" eval 'rc_is 0 &&
	has_out "  trustDirection 2 (outbound): RESOURCE trusts ACCOUNTS" &&
	has_out "trustAttributes 0x00000000" && ! has_out "trust account" &&
	has_out "Password for the trust RESOURCE trusts ACCOUNTS: matches"'

# bad files: one line naming the file and the reason, exit 2
run handoff check "$T/none.json" --password x
check "a missing file: exit 2, one line" eval 'rc_is 2 && one_line_err && has_err "nt4trust: no hand-off file $T/none.json"'
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["verifiers"][0]["iterations"] = 999
json.dump(d, open(sys.argv[2], "w"))' "$H2" "$T/tampered.json"
run handoff check "$T/tampered.json" --password "$NPW"
check "a tampered file: exit 2, names the member and the rule" eval 'rc_is 2 && one_line_err &&
	has_err "nt4trust: hand-off $T/tampered.json: verifiers[0]: \"iterations\" 999 is under 1000"'
head -c 200 "$H2" > "$T/cut.json"
run handoff check "$T/cut.json" --password "$NPW"
check "a truncated file: exit 2, where the JSON ends" eval 'rc_is 2 && one_line_err &&
	has_err "nt4trust: hand-off $T/cut.json: not JSON: line " && has_err "premature end of input"'
python3 -c 'print("{\"note\": \"" + "x" * 70000 + "\"}")' > "$T/big.json"
run handoff check "$T/big.json" --password "$NPW"
check "an oversized file: exit 2, one line" eval 'rc_is 2 && one_line_err &&
	has_err "nt4trust: hand-off $T/big.json is larger than 65536 bytes"'
printf '{"nt4trust_handoff": "1"}' > "$T/min.json"
run handoff check "$T/min.json" --password "$NPW"
check "a file without the trust: exit 2, the first missing member" eval 'rc_is 2 && one_line_err &&
	has_err "nt4trust: hand-off $T/min.json: \"create_on\" is missing"'
run handoff check "$H2" extra
check "two arguments: a usage error" eval 'rc_is 2 && one_line_err'
finish
