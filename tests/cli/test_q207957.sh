#!/bin/sh
# The KB Q207957 cycle through the built binary: exact exit codes, status
# codes and Windows messages at every step.
. tests/cli/lib.sh

run domain create ACCOUNTS
check "domain create ACCOUNTS exits 0" rc_is 0
run domain create RESOURCE
check "domain create RESOURCE exits 0" rc_is 0
run user add ACCOUNTS alice --password 'Secret#1'
check "user add exits 0 and says RID 1000" eval 'rc_is 0 && has_out "Added user ACCOUNTS\\alice (RID 1000)"'
run trusting add ACCOUNTS RESOURCE --password 'TrustPass#2024'
check "trusting add creates RESOURCE\$ with RID 1001" eval 'rc_is 0 && has_out "ACCOUNTS\\RESOURCE\$ (RID 1001)"'
run account show ACCOUNTS 'RESOURCE$'
check "RESOURCE\$ is an interdomain trust account [I]" eval 'rc_is 0 && has_out "[I          ] (0x00000040)"'
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
check "trusted add succeeds" eval 'rc_is 0 && has_out "Trust relationship with ACCOUNTS successfully established"'
run secret show RESOURCE 'G$$ACCOUNTS'
check "G\$\$ACCOUNTS: the password was changed at once; the typed one is OldValue" eval 'rc_is 0 && has_out "CurrentValue   64 bytes" && has_out "OldValue       28 bytes" && ! has_out "TrustPass"'
run secret show RESOURCE 'G$$ACCOUNTS' --show-secrets
check "--show-secrets shows the typed OldValue in UTF-16LE" eval 'rc_is 0 && has_out "54007200750073007400500061007300730023003200300032003400"'

run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "healthy logon: exit 0, STATUS_SUCCESS, through the trust" eval 'rc_is 0 && has_out "STATUS_SUCCESS (0x00000000)" && has_out "through the trust RESOURCE -> ACCOUNTS"'
check "healthy logon: alice's SID ends in -1000" eval 'printf "%s\n" "$out" | grep -qE "SID +S-1-5-21-[0-9]+-[0-9]+-[0-9]+-1000$"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1' --ntlm v1
check "NTLMv1 logon through the trust" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1' --ntlm v1-ess
check "NTLMv1-ESS logon through the trust" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'wrong'
check "wrong user password: exit 1, STATUS_LOGON_FAILURE" eval 'rc_is 1 && has_out "STATUS_LOGON_FAILURE (0xC000006D)"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'wrong' --via wbinfo
check "wrong password via wbinfo: STATUS_WRONG_PASSWORD" eval 'rc_is 1 && has_out "STATUS_WRONG_PASSWORD (0xC000006A)"'
run trust verify RESOURCE ACCOUNTS
check "trust verify: exit 0" eval 'rc_is 0 && has_out "Secure channel RESOURCE -> ACCOUNTS: OK"'

# The break at the accounts domain only.
run trusting remove ACCOUNTS RESOURCE
check "trusting remove exits 0" rc_is 0
run trust list
check "trust list shows the trusting half only" eval 'rc_is 0 && has_out "RESOURCE        -> ACCOUNTS         trusting half only (no trust account)"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "broken, but the secure channel is still up: the logon works" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
run domain restart RESOURCE
check "the RESOURCE PDC restarts" eval 'rc_is 0 && has_out "forgot 1 secure channel state"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "broken: exit 1, 0xC000018C" eval 'rc_is 1 && has_out "STATUS_TRUSTED_DOMAIN_FAILURE (0xC000018C)"'
check "broken: Windows error 1788 with the Q207957 text" has_out "Windows error 1788 (ERROR_TRUSTED_DOMAIN_FAILURE): The trust relationship between the primary domain and the trusted domain failed."
check "broken: one-line error on stderr" eval 'one_line_err && has_err "nt4trust: logon of ACCOUNTS\\alice at RESOURCE failed: STATUS_TRUSTED_DOMAIN_FAILURE (0xC000018C)"'
check "broken without -v: no cause shown" eval '! has_out "NO_TRUST_SAM_ACCOUNT"'
run -v logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "-v shows NO_TRUST_SAM_ACCOUNT from the accounts PDC" eval 'rc_is 1 && has_out "cause   STATUS_NO_TRUST_SAM_ACCOUNT (0xC000018B) from ACCOUNTS PDC (ACCOUNTSPDC), NetrServerAuthenticate2" && has_out "ACCOUNTS has no account RESOURCE\$"'
run --json logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "--json carries status and cause" eval 'rc_is 1 && has_out "\"name\": \"STATUS_TRUSTED_DOMAIN_FAILURE\"" && has_out "\"win32\": 1788" && has_out "STATUS_NO_TRUST_SAM_ACCOUNT"'
run trust verify RESOURCE ACCOUNTS
check "trust verify when broken: exit 1 with cause" eval 'rc_is 1 && has_out "status STATUS_TRUSTED_DOMAIN_FAILURE (0xC000018C)" && has_out "cause  STATUS_NO_TRUST_SAM_ACCOUNT (0xC000018B)"'
run logon ACCOUNTS alice --password 'Secret#1'
check "a local logon at ACCOUNTS still works" eval 'rc_is 0 && has_out "locally"'

# The repair, in KB order.
run trusted remove RESOURCE ACCOUNTS
check "trusted remove exits 0" rc_is 0
run trusting remove ACCOUNTS RESOURCE
check "trusting remove of a missing account: exit 1, says so" eval 'rc_is 1 && one_line_err && has_err "ACCOUNTS does not permit RESOURCE to trust it (no account RESOURCE\$)"'
run trust list
check "no trust left" eval 'rc_is 0 && has_out "No trusts"'
run trusting add ACCOUNTS RESOURCE --password 'N3w-Trust!pw'
check "re-create the trusted half: new RID 1002" eval 'rc_is 0 && has_out "(RID 1002)"'
run trusted add RESOURCE ACCOUNTS --password 'N3w-Trust!pw'
check "re-create the trusting half with the same password" rc_is 0
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "after the repair the logon works" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
run lab run q207957 --lab "$T/demo-lab"
check "the built-in scenario passes in a new lab" eval 'rc_is 0 && has_out "22 commands, 37 expectations: all held"'
check "the scenario shows the Q207957 message" has_out "    ok: output contains \"Windows error 1788 (ERROR_TRUSTED_DOMAIN_FAILURE): The trust relationship between the primary domain and the trusted domain failed.\""
finish
