#!/bin/sh
# Two real Samba 4.17 classic PDCs (tests/samba/harness.sh), one sb_up: each
# broken trust state of ../shared/reference/samba-classic/REPORT.md section
# 3 made with real Samba tools, RESPDC's winbindd restarted (a new secure
# channel), then:
#   (1) samba diagnose on the live private directories gives the state's
#       verdict;
#   (2) nt4trust live logon //RESPDC 'ACCOUNTS\alice' (libsmbclient) gives
#       the status the real smbclient gives (both inside RESOURCE's
#       namespace, with its smb.conf);
#   (4) the two private directories imported into a fresh lab (flavor
#       samba; domain offline ACCOUNTS for "PDC down") predict that status
#       with nt4trust logon;
# plus live probe-trust as RESOURCE$ at ACCTPDC with the trust password.
# After each state the trust is made healthy again with Samba tools (no
# nt4trust repair).  Skipped (exit 77) where namespaces cannot be made.
#
# States and the tool that makes each:
#   healthy      -
#   deleted      net rpc user delete 'RESOURCE$' (on ACCOUNTS)
#   pwchanged    smbpasswd -a -i RESOURCE with another password (REPORT S2)
#   disabled     pdbedit -c '[D]' -u 'RESOURCE$' (REPORT S3)
#   wrongtype    python3-samba passdb: acct_ctrl of RESOURCE$ set to
#                ACB_WSTRUST ('pdbedit -c' sets only the NDHLX flags)
#   revoked      python3-samba PDB.del_trusteddom_pw('ACCOUNTS') on RESOURCE
#                (what net rpc trustdom revoke does, REPORT S4)
#   pdcdown      ACCTPDC's smbd and nmbd stopped by PID (REPORT S5)
. tests/cli/lib.sh
. tests/samba/harness.sh
sb_exit_hook() { rm -rf "$T"; }

sb_up_tap

RD=$(sb_dir R)/private
AD=$(sb_dir A)/private
CA=$(sb_conf A)
CR=$(sb_conf R)
umask 077
printf '%s\n' "$SB_ALICEPW" > "$T/alice.pw"

# python3 one-liner on the JSON in $out: prints the value of the expression
jq_py() { printf '%s' "$out" | python3 -c "import json,sys; d=json.load(sys.stdin); print($1)" 2>/dev/null; }

# what the real smbclient says: OK or NT_STATUS_X
real_status() {
	o=$(sb_run R smbclient -s "$CR" //RESPDC/share -I $SB_IP_R \
		-U "ACCOUNTS\\alice%$SB_ALICEPW" -c ls 2>&1)
	r=$?
	if [ $r = 0 ]; then
		echo OK
	else
		s=$(printf '%s\n' "$o" | grep -o 'NT_STATUS_[A-Z0-9_]*' | tail -1)
		echo "${s:-rc$r}"
	fi
}

# what nt4trust live logon says (inside RESOURCE's namespace)
live_status() {
	out=$(sb_run R "$N" --json --password-file "$T/alice.pw" live logon \
		//RESPDC 'ACCOUNTS\alice' --smb-conf "$CR" 2>"$T/live.err")
	rc=$?
	if [ "$(jq_py 'd["result"]')" = ok ]; then
		echo OK
	else
		s=$(jq_py 'd["status_name"] or ("errno: " + d.get("error", "?"))')
		echo "${s:-rc$rc}"
	fi
}

# live probe-trust as RESOURCE$ with the password of RESOURCE's secrets
probe_status() {
	out=$(sb_run R "$N" --json live probe-trust //ACCTPDC RESOURCE \
		--ip $SB_IP_A "$@" 2>"$T/probe.err")
	rc=$?
	s=$(jq_py '"SESSION-SET-UP" if d["session"] == "set up" else (d["status_name"] or ("errno: " + d.get("error", "?")))')
	echo "${s:-rc$rc}"
}

# what the lab predicts from the imported databases
lab_status() { # lab_status STATE
	L=$T/lab-$1
	"$N" --lab "$L" samba import "$RD" "$AD" > "$T/import.out" 2>&1 ||
		{ echo "import-failed"; return; }
	[ "$1" = pdcdown ] && "$N" --lab "$L" domain offline ACCOUNTS > /dev/null 2>&1
	out=$("$N" --lab "$L" --json logon RESOURCE 'ACCOUNTS\alice' \
		--password-file "$T/alice.pw" 2>/dev/null)
	s=$(jq_py 'd["status"]["name"]')
	case $s in
	STATUS_SUCCESS) echo OK ;;
	STATUS_*) echo "NT_$s" ;;
	*) echo "lab-error" ;;
	esac
}

verdict_of() {
	out=$("$N" --json samba diagnose --trusting "$RD" --trusted "$AD" 2>/dev/null)
	jq_py 'd["verdict"]'
}

# --- how each state is made and undone, with Samba's own tools --------

break_state() {
	case $1 in
	healthy) ;;
	deleted)
		sb_run A net -s "$CA" rpc user delete 'RESOURCE$' -S ACCTPDC \
			-I $SB_IP_A -U "root%$SB_ROOTPW" ;;
	pwchanged)
		sb_pw 'Other-Tru5t-Pw' | sb_run A smbpasswd -c "$CA" -a -s -i RESOURCE ;;
	disabled)
		sb_run A pdbedit -s "$CA" -c '[D]' -u 'RESOURCE$' ;;
	wrongtype)
		sb_pdb A '
u = pdb.getsampwnam("RESOURCE$")
u.acct_ctrl = 0x80
pdb.update_sam_account(u)' ;;
	revoked)
		sb_pdb R 'pdb.del_trusteddom_pw("ACCOUNTS")' ;;
	pdcdown)
		sb_stop A ;;
	esac
}

TRUST_SID=""
undo_state() {
	case $1 in
	healthy) ;;
	deleted)
		sb_run A net -s "$CA" rpc trustdom add RESOURCE "$SB_TRUSTPW" \
			-S ACCTPDC -I $SB_IP_A -U "root%$SB_ROOTPW" ;;
	pwchanged)
		sb_pw "$SB_TRUSTPW" | sb_run A smbpasswd -c "$CA" -a -s -i RESOURCE ;;
	disabled)
		sb_run A pdbedit -s "$CA" -c '[]' -u 'RESOURCE$' ;;
	wrongtype)
		sb_pdb A '
u = pdb.getsampwnam("RESOURCE$")
u.acct_ctrl = 0x40
pdb.update_sam_account(u)' ;;
	revoked)
		sb_pdb R 'pdb.set_trusteddom_pw("ACCOUNTS", sys.argv[2], security.dom_sid(sys.argv[3]))' \
			"$SB_TRUSTPW" "$TRUST_SID" ;;
	pdcdown)
		sb_start A ;;
	esac
}

TRUST_SID=$(sb_run R rpcclient -s "$CR" -U% -I $SB_IP_A ACCTPDC -c lsaquery 2>/dev/null |
	sed -n 's/^Domain Sid: //p')
echo "# trusted domain SID on RESOURCE: $TRUST_SID"

# state:verdict of samba diagnose:status expected from REPORT.md section 3
for row in healthy:healthy:OK \
	deleted:trusted-side-missing:NT_STATUS_ACCESS_DENIED \
	pwchanged:password-mismatch:NT_STATUS_ACCESS_DENIED \
	disabled:trust-account-disabled:NT_STATUS_ACCESS_DENIED \
	wrongtype:trust-account-wrong-type:NT_STATUS_ACCESS_DENIED \
	revoked:trusting-side-missing:NT_STATUS_LOGON_FAILURE \
	pdcdown:healthy:NT_STATUS_NO_LOGON_SERVERS; do
	st=${row%%:*}
	want_status=${row##*:}
	want_verdict=${row#*:}
	want_verdict=${want_verdict%:*}
	ts=$(date +%s)
	o=$(break_state "$st" 2>&1)
	r=$?
	out=$o rc=$r
	check "$st: made with Samba's tools" eval 'rc_is 0'
	sb_restart_winbindd > /dev/null 2>&1
	v=$(verdict_of)
	# pdcdown: the offline diagnosis reads both databases, which are
	# intact; a stopped daemon is invisible to it (it says healthy)
	check "$st: samba diagnose verdict $v (want $want_verdict)" \
		[ "$v" = "$want_verdict" ]
	real=$(real_status)
	live=$(live_status)
	echo "# $st: smbclient: $real; live logon: $live"
	check "$st: real smbclient status $real (REPORT.md: $want_status)" \
		[ "$real" = "$want_status" ]
	check "$st: live logon reports what smbclient reports ($live)" \
		[ "$live" = "$real" ]
	lab=$(lab_status "$st")
	check "$st: the imported lab predicts it ($lab)" [ "$lab" = "$real" ]
	pr=$(probe_status --secrets "$RD")
	# what ACCTPDC answers to RESOURCE$ with RESOURCE's own secret
	case $st in
	healthy) want_probe=NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT ;;
	deleted | pwchanged) want_probe=NT_STATUS_LOGON_FAILURE ;;
	disabled) want_probe=NT_STATUS_ACCOUNT_DISABLED ;;
	# a workstation account may set up an SMB session: no refusal at all
	wrongtype) want_probe=SESSION-SET-UP ;;
	revoked) want_probe=rc2 ;; # no secret: --secrets is refused (exit 2)
	pdcdown) want_probe="errno: Connection refused" ;;
	esac
	check "$st: probe-trust with RESOURCE's secret: $pr" [ "$pr" = "$want_probe" ]
	if [ "$st" = healthy ]; then
		pr=$(probe_status --password 'Wr0ng-Tru5t-Pw' --domain ACCOUNTS)
		check "healthy: probe-trust with a wrong password: $pr" \
			[ "$pr" = NT_STATUS_LOGON_FAILURE ]
	fi
	[ "$st" = pdcdown ] && break
	o=$(undo_state "$st" 2>&1)
	r=$?
	out=$o rc=$r
	sb_restart_winbindd > /dev/null 2>&1
	u=$(real_status)
	check "$st: undone, healthy again ($u)" eval 'rc_is 0 && [ "$u" = OK ]'
	echo "# $st took $(($(date +%s) - ts)) s"
done

echo "# took $(($(date +%s) - t0)) s"
finish
