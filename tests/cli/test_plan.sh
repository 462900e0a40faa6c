#!/bin/sh
# plan repair: the KB Q207957 command sequence for real PDCs, for a pair
# broken on the accounts side (trust password changed) and a healthy pair:
# exact Samba commands (no broken trustdom verbs), the Windows steps, the
# lab unchanged, no password in the output, --json, unknown domain, bad --for.
. tests/cli/lib.sh

TPW='TrustPass#2024'
BAD='Other#Pw9'
"$N" domain create ACCOUNTS --flavor samba >/dev/null 2>&1 &&
	"$N" domain create RESOURCE --flavor samba >/dev/null 2>&1 &&
	"$N" trusting add ACCOUNTS RESOURCE --password "$TPW" >/dev/null 2>&1 &&
	"$N" trusted add RESOURCE ACCOUNTS --password "$TPW" >/dev/null 2>&1
check "a healthy pair is set up" [ $? = 0 ]

run plan repair RESOURCE ACCOUNTS --for samba
check "healthy: exit 0, says healthy" eval 'rc_is 0 && has_out "Verdict now: healthy" && has_out "only if logons"'
check "healthy: still the full plan" has_out "7. On RESOURCEPDC"

"$N" user set-password ACCOUNTS 'RESOURCE$' --password "$BAD" >/dev/null 2>&1
sums() { md5sum "$NT4TRUST_LAB"/*; }
before=$(sums)

run plan repair RESOURCE ACCOUNTS --for samba
check "samba: exit 0, verdict" eval 'rc_is 0 && has_out "Verdict now: password-mismatch"'
check "samba: header" has_out "users of ACCOUNTS can use resources in RESOURCE"
check "samba: 1 revoke on the trusting PDC" eval 'has_out "1. On RESOURCEPDC (domain RESOURCE):" && has_out "     net rpc trustdom revoke ACCOUNTS"'
check "samba: 2 user delete on the trusted PDC" eval 'has_out "2. On ACCOUNTSPDC (domain ACCOUNTS):" && has_out "     net rpc user delete '"'"'RESOURCE\$'"'"' -S ACCOUNTSPDC -U root"'
check "samba: 3 trustdom add, password read" has_out 'net rpc trustdom add RESOURCE "$TRUST_PW" -S ACCOUNTSPDC -U root'
check "samba: 4 smbclient check" has_out "     smbclient -L //ACCOUNTSPDC -U 'ACCOUNTS\\RESOURCE\$'"
check "samba: 5 set_trusteddom_pw with the SID" eval 'has_out "set_trusteddom_pw(\"ACCOUNTS\", getpass.getpass(" && has_out "S.dom_sid(\"S-1-5-21-"'
check "samba: 6 winbind restart" has_out "6. On RESOURCEPDC (domain RESOURCE):"
check "samba: 7 verify" has_out "     wbinfo -t --domain=ACCOUNTS && wbinfo --ping-dc --domain=ACCOUNTS"
cmds() { printf '%s\n' "$out" | grep '^     '; }
check "samba: no broken verbs in the commands" eval '[ "$(cmds | grep -c .)" = 7 ] && ! cmds | grep -q "trustdom del" && ! cmds | grep -q "trustdom establish"'
check "samba: no password" eval '! has_out "$TPW" && ! has_out "$BAD"'

run plan repair RESOURCE ACCOUNTS --for windows
check "windows: exit 0" rc_is 0
check "windows: KB order" eval 'has_out "1. On RESOURCEPDC" && has_out "2. On ACCOUNTSPDC" && has_out "3. On ACCOUNTSPDC" && has_out "4. On RESOURCEPDC" && has_out "5. On RESOURCEPDC"'
check "windows: User Manager path" has_out "Policies > Trust Relationships; Trusted Domains: select ACCOUNTS, Remove, Yes"
check "windows: add trusting" has_out "Trusting Domains: Add, type RESOURCE"
check "windows: netdom prompts" has_out "netdom trust RESOURCE /d:ACCOUNTS /remove"
check "windows: verify" has_out "nltest /server:RESOURCEPDC /sc_query:ACCOUNTS"
check "windows: no password" eval '! has_out "$TPW" && ! has_out "$BAD"'

run --json plan repair RESOURCE ACCOUNTS --for samba
check "json: fields" eval 'rc_is 0 && has_out "\"for\": \"samba\"" && has_out "\"verdict\": \"password-mismatch\"" && has_out "\"explains\":" && has_out "\"n\": 7"'
check "json: no password" eval '! has_out "$TPW" && ! has_out "$BAD"'

check "the lab is unchanged" [ "$(sums)" = "$before" ]

run plan repair RESOURCE NOSUCH --for samba
check "unknown domain: exit 1 naming it" eval 'rc_is 1 && has_err NOSUCH && one_line_err'
run plan repair RESOURCE ACCOUNTS
check "no --for: exit 2" eval 'rc_is 2 && has_err "samba" && has_err "windows"'
run plan repair RESOURCE ACCOUNTS --for nt5
check "bad --for: exit 2" eval 'rc_is 2 && has_err "--for samba or --for windows"'
run trust diagnose RESOURCE ACCOUNTS --for samba
check "--for elsewhere: exit 2" rc_is 2

finish
