#!/bin/sh
# migrate: an NT4 pair of the lab carried over to an AD external trust.
# The blobs in the LDIF hold exactly the lab's passwords (G$$ACCOUNTS in
# clear on RESOURCE, RESOURCE$'s NT hash on ACCOUNTS), decoded here with
# Python's struct; files are mode 0600; the scripts and the hand-off hold
# no password; broken pairs are refused until repaired; every bad option
# is a one-line error.
. tests/cli/lib.sh

UPW='Secret#1'
TPW='TrustPass#2024'
DNS="--dns-name RESOURCE=res.example.com --dns-name ACCOUNTS=acc.example.com"

run domain create ACCOUNTS
run domain create RESOURCE
run user add ACCOUNTS alice --password "$UPW"
run trusting add ACCOUNTS RESOURCE --password "$TPW"
run trusted add RESOURCE ACCOUNTS --password "$TPW"
check "a healthy pair RESOURCE -> ACCOUNTS" rc_is 0

# the lab's passwords, for comparison
run --show-secrets --json secret show RESOURCE 'G$$ACCOUNTS'
cur16=$(printf '%s\n' "$out" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(d["current"]["hex"])' 2>/dev/null)
run --show-secrets --json account show ACCOUNTS 'RESOURCE$'
nthash=$(printf '%s\n' "$out" | python3 -c '
import json, sys
print(json.load(sys.stdin)["account"]["nt_hash"])' 2>/dev/null)
check "the lab shows the G\$\$ACCOUNTS value and the RESOURCE\$ hash" \
	eval '[ -n "$cur16" ] && [ ${#nthash} = 32 ]'

# --- the summary
run migrate RESOURCE ACCOUNTS
check "no DNS name: exit 2, names the domain and the option" eval \
	'rc_is 2 && one_line_err && has_err "no DNS name for RESOURCE: give --dns-name RESOURCE=FQDN (the AD domain it becomes)"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS
check "summary: exit 0" rc_is 0
check "summary: RESOURCE's object is outbound, with the outgoing CLEAR password" eval \
	'has_out "on RESOURCE (res.example.com): trusted domain object CN=acc.example.com,CN=System" &&
	 has_out "trustDirection 2 (outbound), trustType 2 (uplevel), trustAttributes 0x00000004 quarantined (SID filtering)" &&
	 has_out "trustAuthOutgoing: CLEAR (set "'
check "summary: ACCOUNTS' object is inbound, NT4OWF, with the RESOURCE\$ user" eval \
	'has_out "trustDirection 1 (inbound)" && has_out "trustAuthIncoming: NT4OWF (set " &&
	 has_out "user RESOURCE$ (userAccountControl 0x800, interdomain trust account)" &&
	 has_out "Check: each side'"'"'s outgoing password is the other side'"'"'s incoming password: ok"'
check "summary: no password, no hash" eval '! has_out "$TPW" && ! printf "%s\n" "$out" | grep -qiE "[0-9a-f]{32}"'

# --- LDIF, samba dialect, into a directory
mkdir "$T/ldif"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --format ldif --ldif-dialect samba --out-dir "$T/ldif"
check "ldif --out-dir: exit 0, one file per domain, mode 0600" eval \
	'rc_is 0 && [ "$(stat -c %a "$T/ldif/RESOURCE.ldif")" = 600 ] && [ "$(stat -c %a "$T/ldif/ACCOUNTS.ldif")" = 600 ]'
# blob ATTR FILE: the current entry of a base64 trustAuth blob, "TYPE HEX"
blob() {
	sed -n "s/^$1:: //p" "$2" | python3 -c '
import base64, struct, sys
b = base64.b64decode(sys.stdin.read().strip())
count, cur, prev = struct.unpack_from("<III", b, 0)
t, typ, n = struct.unpack_from("<QII", b, 12)
print(count, typ, b[28:28 + n].hex())'
}
got=$(blob trustAuthOutgoing "$T/ldif/RESOURCE.ldif")
check "RESOURCE.ldif: trustAuthOutgoing current is CLEAR(G\$\$ACCOUNTS)" [ "$got" = "1 2 $cur16" ]
got=$(blob trustAuthIncoming "$T/ldif/ACCOUNTS.ldif")
check "ACCOUNTS.ldif: trustAuthIncoming current is NT4OWF(RESOURCE\$)" [ "$got" = "1 1 $nthash" ]
check "samba dialect: SID as text, no isCriticalSystemObject, the ldbadd line" eval \
	'grep -q "^securityIdentifier: S-1-5-21-" "$T/ldif/RESOURCE.ldif" &&
	 ! grep -q isCriticalSystemObject "$T/ldif/RESOURCE.ldif" &&
	 grep -q "ldbadd -H /var/lib/samba/private/sam.ldb --controls=local_oid:1.3.6.1.4.1.7165.4.3.23:0 ACCOUNTS.ldif" "$T/ldif/ACCOUNTS.ldif" &&
	 grep -q "^dn: CN=RESOURCE\$,CN=Users,DC=acc,DC=example,DC=com$" "$T/ldif/ACCOUNTS.ldif" &&
	 ! grep -q "CN=Users" "$T/ldif/RESOURCE.ldif"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --format ldif --side accounts
check "ldif --side: the windows dialect on stdout" eval \
	'rc_is 0 && has_out "securityIdentifier:: AQQAAAAAAAUVAAAA" && has_out "isCriticalSystemObject: TRUE" &&
	 has_out "dn: CN=res.example.com,CN=System,DC=acc,DC=example,DC=com"'

# --- the scripts and JSON: no password anywhere
for f in netdom samba-tool powershell json; do
	# shellcheck disable=SC2086
	run migrate RESOURCE ACCOUNTS $DNS --format $f
	check "--format $f: exit 0, no password or hash" eval \
		'rc_is 0 && [ -n "$out" ] && ! has_out "$TPW" && ! printf "%s\n" "$out" | grep -qiE "[0-9a-f]{32}"'
done
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --format netdom
check "netdom: RESOURCE's trusting side with '*'" \
	has_out "netdom trust res.example.com /Domain:acc.example.com /Add /OneSide:trusting /PasswordT:*"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --format samba-tool
check "samba-tool: one command creating both sides" \
	has_out "samba-tool domain trust create acc.example.com --type=external --direction=outgoing --create-location=both -U 'ACCOUNTS\\Administrator'"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --format json
check "json: two objects, directions 2 and 1, valid JSON" eval \
	'printf "%s\n" "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
t = d[\"trusted_domain_objects\"]
assert [x[\"trustDirection\"] for x in t] == [2, 1], t
assert t[1][\"trust_account\"][\"sAMAccountName\"] == \"RESOURCE\$\"
assert \"value\" not in json.dumps(t)
"'

# --- two-way needs a password for the new direction
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --direction two-way
check "two-way without a password: refused, says why" eval \
	'rc_is 2 && one_line_err && has_err "ACCOUNTS does not trust RESOURCE under NT4, so there is no password to carry over for ACCOUNTS -> RESOURCE"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --direction two-way --generate
check "two-way --generate: bidirectional, new password generated" eval \
	'rc_is 0 && has_out "trustDirection 3 (bidirectional)" && has_out "Passwords: a new one (generated"'
printf 'New-AD-Trust-Pw9\n' > "$T/pw"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --direction two-way --password-file "$T/pw" --format ldif --out-dir "$T/ldif"
got=$(blob trustAuthIncoming "$T/ldif/ACCOUNTS.ldif")
want=$(printf 'New-AD-Trust-Pw9' | python3 -c 'import sys; print(sys.stdin.read().encode("utf-16-le").hex())')
check "two-way with a password file: ACCOUNTS' incoming is CLEAR(it)" [ "$got" = "1 2 $want" ]

# --- this side only: one LDIF and a hand-off without secrets
mkdir "$T/one"
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --sides this --format ldif --out-dir "$T/one"
check "--sides this: RESOURCE.ldif and ACCOUNTS.handoff.json only" eval \
	'rc_is 0 && [ -f "$T/one/RESOURCE.ldif" ] && [ ! -f "$T/one/ACCOUNTS.ldif" ] && [ -f "$T/one/ACCOUNTS.handoff.json" ]'
check "the hand-off: the mirrored direction, a verifier, no password or hash" eval \
	'python3 -c "
import json
d = json.load(open(\"$T/one/ACCOUNTS.handoff.json\"))
assert d[\"create_on\"][\"flat\"] == \"ACCOUNTS\" and d[\"trustDirection\"] == 1, d
assert len(d[\"verifiers\"]) == 1 and len(d[\"verifiers\"][0][\"verifier\"]) == 64
" && ! grep -qi "$nthash" "$T/one/ACCOUNTS.handoff.json" && ! grep -q "$cur16" "$T/one/ACCOUNTS.handoff.json"'

# --- selective authentication: windows yes, samba no
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --auth selective
check "selective: 0x14 on RESOURCE" eval 'rc_is 0 && has_out "trustAttributes 0x00000014"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --auth selective --format ldif --ldif-dialect samba --side RESOURCE
check "selective with the samba dialect: refused with the reason" eval \
	'rc_is 2 && one_line_err && has_err "Samba 4.17'"'"'s winbindd ignores a trust with TRUST_ATTRIBUTE_CROSS_ORGANIZATION"'
# shellcheck disable=SC2086
run migrate ACCOUNTS RESOURCE $DNS --auth selective
check "selective seen from ACCOUNTS (no outgoing trust): refused" eval \
	'rc_is 2 && has_err "selective authentication is a choice for an outgoing trust"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --no-quarantine
check "--no-quarantine: attributes 0" eval 'rc_is 0 && has_out "trustAttributes 0x00000000"'

# --- bad options: one line, exit 2
bad() {
	want=$1
	shift
	# shellcheck disable=SC2086
	run migrate RESOURCE ACCOUNTS "$@"
	check "bad: $* -> $want" eval 'rc_is 2 && one_line_err && has_err "$want"'
}
# shellcheck disable=SC2086
bad "--direction sideways: expected two-way, incoming or outgoing" $DNS --direction sideways
# shellcheck disable=SC2086
bad "--sides all: expected this or both" $DNS --sides all
# shellcheck disable=SC2086
bad "--auth strong: expected domain-wide or selective" $DNS --auth strong
# shellcheck disable=SC2086
bad "--format xml: expected summary, ldif, netdom, samba-tool, powershell or json" $DNS --format xml
# shellcheck disable=SC2086
bad "--ldif-dialect novell: expected windows or samba" $DNS --ldif-dialect novell
# shellcheck disable=SC2086
bad "--format ldif needs --out-dir DIR" $DNS --format ldif
bad "--dns-name ACCOUNTS: expected DOMAIN=FQDN" --dns-name ACCOUNTS --dns-name RESOURCE=res.example.com
bad "--dns-name ACCOUNTS: DNS name 'acc_x.com': character '_'" --dns-name ACCOUNTS=acc_x.com --dns-name RESOURCE=res.example.com
bad "DNS name 'accounts' has one label" --dns-name ACCOUNTS=accounts --dns-name RESOURCE=res.example.com
bad "have the same DNS name a.example.com" --dns-name ACCOUNTS=a.example.com --dns-name RESOURCE=a.example.com
# shellcheck disable=SC2086
bad "--side OTHER: not RESOURCE or ACCOUNTS" $DNS --format ldif --side OTHER
# shellcheck disable=SC2086
bad "give --generate or a password option, not both" $DNS --generate --password-file "$T/pw"
run migrate RESOURCE NOWHERE --dns-name RESOURCE=res.example.com --dns-name NOWHERE=no.example.com
check "unknown domain: one line naming it" eval '! rc_is 0 && one_line_err && has_err "NOWHERE"'

# --- a broken pair is refused until repaired
run trusting remove ACCOUNTS RESOURCE
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS
check "broken: refused with the verdict and the repair command" eval \
	'rc_is 1 && one_line_err && has_err "the NT4 trust RESOURCE -> ACCOUNTS is trusted-side-missing: repair it first (nt4trust trust repair RESOURCE ACCOUNTS)"'
run trust repair RESOURCE ACCOUNTS
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS
check "after trust repair: migrates" eval 'rc_is 0 && has_out "Check: each side"'

# --- --apply: the AD trust in the lab
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --sides this --apply
check "--apply with --sides this: refused" eval 'rc_is 2 && has_err "--apply needs both sides"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --apply
check "--apply: exit 0, says what changed" eval 'rc_is 0 && has_out "Applied in lab"'
run logon RESOURCE 'ACCOUNTS\alice' --password "$UPW"
check "a logon across the AD trust works" eval 'rc_is 0 && has_out "through the trust RESOURCE -> ACCOUNTS"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Wrong#1'
check "a wrong password across it: STATUS_LOGON_FAILURE" eval 'rc_is 1 && has_out STATUS_LOGON_FAILURE'
run secret show RESOURCE 'G$$ACCOUNTS'
check "the NT4 secret G\$\$ACCOUNTS is gone" eval 'rc_is 1 && has_err "has no LSA secret"'
run trust list
check "trust list: an AD external trust" has_out "RESOURCE        -> ACCOUNTS         AD external trust (both sides)"
run --json trust diagnose RESOURCE ACCOUNTS
check "trust diagnose reads the AD objects: healthy" eval 'rc_is 0 && has_out "\"verdict\": \"healthy\""'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS --apply
check "--apply again: nothing to do" eval 'rc_is 0 && has_out "nothing to do"'
# shellcheck disable=SC2086
run migrate RESOURCE ACCOUNTS $DNS
check "migrate of an AD trust: refused" eval \
	'rc_is 1 && one_line_err && has_err "the trust between RESOURCE and ACCOUNTS is an AD trust already"'

# --- allow-auth: bad input
run allow-auth RESOURCE alice RESOURCEPDC
check "allow-auth without DOMAIN\\: exit 2" eval 'rc_is 2 && one_line_err && has_err "expected DOMAIN\\USER"'
run allow-auth RESOURCE 'RESOURCE\root' RESOURCEPDC
check "allow-auth for a user of the domain itself: exit 2" eval 'rc_is 2 && has_err "is a user of RESOURCE itself"'
run allow-auth NOWHERE 'ACCOUNTS\alice' X
check "allow-auth in an unknown domain: names it" eval '! rc_is 0 && one_line_err && has_err NOWHERE'
run allow-auth RESOURCE 'ACCOUNTS\alice' 'BAD NAME'
check "allow-auth with a bad computer name: exit 2" eval 'rc_is 2 && one_line_err'
run allow-auth RESOURCE 'ACCOUNTS\alice' RESOURCEPDC
check "allow-auth: exit 0" eval 'rc_is 0 && has_out "ACCOUNTS\\alice is allowed to authenticate to RESOURCEPDC"'
# --- sIDHistory, SID filtering, trust explain
run user sid-history ACCOUNTS alice S-1-5-21-77-88-99-1105
check "user sid-history: exit 0" rc_is 0
run user sid-history ACCOUNTS alice S-1-5-21-77-88-99
check "sid-history with a domain SID: exit 2" eval 'rc_is 2 && one_line_err && has_err "an account SID"'
run user sid-history ACCOUNTS alice S-1-5-x
check "sid-history with a malformed SID: exit 2" eval 'rc_is 2 && one_line_err && has_err "SID S-1-5-x"'
run --json domain show ACCOUNTS
accsid=$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["domain"]["sid"])')
run user sid-history ACCOUNTS alice "$accsid-1300"
check "sid-history with a SID of the domain itself: exit 2" eval 'rc_is 2 && has_err "not from ACCOUNTS itself"'
run user sid-history ACCOUNTS nobody S-1-5-21-77-88-99-1105
check "sid-history of an unknown user: exit 1, names it" eval 'rc_is 1 && one_line_err && has_err nobody'
run --json logon RESOURCE 'ACCOUNTS\alice' --password "$UPW"
check "quarantined AD trust: the old SID is filtered" eval \
	'rc_is 0 && has_out "\"sids_filtered\": [" && has_out "S-1-5-21-77-88-99-1105"'
run trust explain RESOURCE ACCOUNTS
check "trust explain: quarantine in plain words" eval \
	'rc_is 0 && has_out "an AD external trust" && has_out "in a user'"'"'s sIDHistory are filtered"'
run trust explain ACCOUNTS RESOURCE
check "trust explain of no trust: exit 1" eval 'rc_is 1 && one_line_err && has_err "ACCOUNTS does not trust RESOURCE"'
run trust explain 0xC0000413
check "trust explain of the firewall status" eval 'rc_is 0 && has_out "STATUS_AUTHENTICATION_FIREWALL_FAILED" && has_out "Windows error 1935"'
finish
