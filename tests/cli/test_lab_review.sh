#!/bin/sh
# Behaviours fixed after the documentation review: each checked through the
# built binary.
. tests/cli/lib.sh

run domain create ACCOUNTS
run domain create RESOURCE
run user add ACCOUNTS alice --password 'Secret#1'
run trusting add ACCOUNTS RESOURCE --password 'TrustPass#2024'
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
check "trusted add reports the immediate password change" eval 'rc_is 0 && has_out "The RESOURCE PDC changed the trust password at once (NetrServerPasswordSet2); the typed password is now only its OldValue."'
run --json trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
check "a second trusted add is refused" rc_is 1

# A restarted trusted PDC: the next password change sets the channel up
# again at once instead of failing.
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
run domain restart ACCOUNTS
run clock advance 7d
check "a password change after the trusted PDC restarted goes through" eval 'rc_is 0 && has_out "RESOURCE -> ACCOUNTS: trust password changed" && ! has_out "failed"'
run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
check "and logons work" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'

# An interrupted repair is announced by diagnose.
run user delete ACCOUNTS 'RESOURCE$'
NT4TRUST_REPAIR_ABORT_AFTER=2 "$N" trust repair RESOURCE ACCOUNTS >/dev/null 2>&1
run trust diagnose RESOURCE ACCOUNTS
check "diagnose names the interrupted repair" eval 'rc_is 1 && has_out "An interrupted repair (begun for trusted-side-missing) waits at step 2 of 5"'
run trust repair RESOURCE ACCOUNTS
check "the resumed repair prints its header before its steps" eval 'rc_is 0 && printf "%s\n" "$out" | head -1 | grep -q "resuming the repair begun for trusted-side-missing"'
run trust diagnose RESOURCE ACCOUNTS
check "healthy after the resumed repair" eval 'rc_is 0 && has_out "healthy"'

# A repair that does not set a password draws none.
run user disable ACCOUNTS 'RESOURCE$'
run trust repair RESOURCE ACCOUNTS
check "re-enabling needs no new password" eval 'rc_is 0 && ! has_out "generated"'

# A deleted domain leaves no offline flag behind.
run domain offline ACCOUNTS
run domain delete ACCOUNTS
run domain create ACCOUNTS
run user add ACCOUNTS bob --password 'B0b-pw'
run logon ACCOUNTS bob --password 'B0b-pw'
check "a re-created domain starts online" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'

# A repair needs both PDCs in the lab; nothing is touched otherwise.
run trusting add ACCOUNTS OTHER --password 'Other#pw1'
run trust repair OTHER ACCOUNTS
check "repair of a pair whose trusting PDC is not in the lab is refused" eval 'rc_is 1 && has_err "OTHER is not in the lab; a repair needs both PDCs"'
run account show ACCOUNTS 'OTHER$'
check "and the trust account is left alone" eval 'rc_is 0 && has_out "[I          ]"'
run domain backup accounts t1
check "messages name domains in upper case" eval 'rc_is 0 && has_out "Backed up the ACCOUNTS PDC"'
finish
