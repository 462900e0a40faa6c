#!/bin/sh
# Two real Samba 4.17 classic PDCs (tests/samba/harness.sh): samba diagnose
# reads their live databases, healthy and after the Q207957 break made with
# Samba's own tools, and a real logon of ACCOUNTS\alice at RESPDC succeeds,
# then fails with the status Samba gives for that state.  Skipped (exit 77)
# where namespaces cannot be made.
. tests/cli/lib.sh
. tests/samba/harness.sh
sb_exit_hook() { rm -rf "$T"; }

sb_up_tap

verdict() { printf '%s\n' "$out" | sed -n 's/.*"verdict": "\([^"]*\)".*/\1/p' | head -1; }
# real logon of ACCOUNTS\alice at RESPDC through the trust, from inside
# RESOURCE's namespace; sets $rc, $out
logon() {
	out=$(sb_run R smbclient -s "$(sb_conf R)" //RESPDC/share -I 192.0.2.2 \
		-U "ACCOUNTS\\alice%$SB_ALICEPW" -c ls 2>&1)
	rc=$?
	err=""
}

RD=$(sb_dir R)/private
AD=$(sb_dir A)/private

# (a) healthy
run samba diagnose --trusting "$RD" --trusted "$AD"
check "healthy: samba diagnose exits 0 and says healthy" eval 'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy"'
run --json samba diagnose --trusting "$RD" --trusted "$AD"
check "healthy: --json verdict is healthy" eval '[ "$(verdict)" = healthy ]'
logon
check "healthy: alice of ACCOUNTS logs on at RESPDC (smbclient ls)" eval 'rc_is 0 && ! has_out NT_STATUS_'

# (b) the Q207957 break: RESOURCE$ deleted on ACCOUNTS with SAMR DeleteUser
# (net rpc trustdom del cannot delete it against a Samba PDC, REPORT §7)
out=$(sb_run A net -s "$(sb_conf A)" rpc user delete 'RESOURCE$' -S ACCTPDC \
	-I 192.0.2.1 -U "root%$SB_ROOTPW" 2>&1)
rc=$?
check "break: net rpc user delete RESOURCE\$ on ACCOUNTS" eval 'rc_is 0'
want=$("$N" --json samba diagnose --trusting tests/data/samba/trusted-side-missing/RESOURCE \
	--trusted tests/data/samba/trusted-side-missing/ACCOUNTS |
	sed -n 's/.*"verdict": "\([^"]*\)".*/\1/p' | head -1)
run --json samba diagnose --trusting "$RD" --trusted "$AD"
got=$(verdict)
check "broken: verdict ($got) is the fixture's ($want), exit 1" eval '[ "$want" = trusted-side-missing ] && [ "$got" = "$want" ] && rc_is 1'
logon
check "broken, old secure channel: the logon still works" eval 'rc_is 0'
sb_restart_winbindd > /dev/null 2>&1
logon
check "broken, new secure channel: session setup failed: NT_STATUS_ACCESS_DENIED" eval '! rc_is 0 && has_out "session setup failed: NT_STATUS_ACCESS_DENIED"'

# (c) the live databases imported into a lab predict the same verdict
run --lab "$T/lab" samba import "$RD" "$AD"
check "import of the live databases exits 0" eval 'rc_is 0'
run --lab "$T/lab" --json trust diagnose RESOURCE ACCOUNTS
check "the lab's trust diagnose agrees ($(verdict))" eval '[ "$(verdict)" = trusted-side-missing ]'

echo "# took $(($(date +%s) - t0)) s"
finish
