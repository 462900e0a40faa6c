#!/bin/sh
# `nt4trust plan repair --for samba` carried out by hand on two real Samba
# 4.17 classic PDCs (tests/samba/harness.sh): the trust is broken with
# Samba's tools (Q207957: RESOURCE$ deleted on ACCOUNTS), the live private
# directories are imported into a lab, and every command of the plan runs
# as printed, in the namespace of the PDC the step names, typed answers on
# standard input as an administrator would type them.  Only what a real
# administrator's machine has and the namespace lacks is stood in for:
# `systemctl restart winbind` (no systemd in the namespace) restarts
# winbindd through the harness.  Then the real logon of ACCOUNTS\alice at
# RESPDC works again and samba diagnose says healthy.  Skipped (exit 77)
# where namespaces cannot be made.
. tests/cli/lib.sh
. tests/samba/harness.sh
sb_exit_hook() { rm -rf "$T"; }

sb_up_tap

RD=$(sb_dir R)/private
AD=$(sb_dir A)/private
NEWPW='Pl4n-Pa55w0rd'

logon() {
	out=$(sb_run R smbclient -s "$(sb_conf R)" //RESPDC/share -I 192.0.2.2 \
		-U "ACCOUNTS\\alice%$SB_ALICEPW" -c ls 2>&1)
	rc=$?
	err=""
}

# the Q207957 break, seen by a new secure channel
out=$(sb_run A net -s "$(sb_conf A)" rpc user delete 'RESOURCE$' -S ACCTPDC \
	-I 192.0.2.1 -U "root%$SB_ROOTPW" 2>&1)
rc=$?
check "break: net rpc user delete RESOURCE\$ on ACCOUNTS" rc_is 0
sb_restart_winbindd >/dev/null 2>&1
logon
check "broken: the real logon fails (NT_STATUS_ACCESS_DENIED)" eval \
	'! rc_is 0 && has_out NT_STATUS_ACCESS_DENIED'

# the plan, from the live databases imported into a lab
run --lab "$T/lab" samba import "$RD" "$AD"
check "samba import of the live private directories" rc_is 0
run --lab "$T/lab" --json plan repair RESOURCE ACCOUNTS --for samba
check "plan repair --for samba" rc_is 0
printf '%s\n' "$out" > "$T/plan.json"
nsteps=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["steps"]))' "$T/plan.json")
check "the plan has 7 steps (got $nsteps)" [ "$nsteps" = 7 ]

# systemctl as the namespace lacks it: record the wish, done below
mkdir -p "$T/bin"
cat > "$T/bin/systemctl" <<EOF
#!/bin/sh
[ "\$*" = "restart winbind" ] || { echo "systemctl stand-in: \$*" >&2; exit 1; }
touch "$T/restart-winbind"
EOF
chmod 755 "$T/bin/systemctl"

# step N: its PDC, command and what is typed at its prompts
step_field() {
	python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["steps"][int(sys.argv[2]) - 1]; print(s[sys.argv[3]])' \
		"$T/plan.json" "$1" "$2"
}
answers() { # the typed answers, in the order the command asks
	case $1 in
	*"read -rs"*) printf '%s\n%s\n' "$NEWPW" "$SB_ROOTPW" ;; # trust pw, then net's
	*"-U root"*) printf '%s\n' "$SB_ROOTPW" ;;
	*"smbclient -L"* | *getpass*) printf '%s\n' "$NEWPW" ;;
	*) : ;;
	esac
}

n=1
while [ "$n" -le "$nsteps" ]; do
	pdc=$(step_field "$n" pdc)
	cmd=$(step_field "$n" command)
	case $pdc in ACCTPDC) w=A ;; RESPDC) w=R ;; *) w=? ;; esac
	rm -f "$T/restart-winbind"
	# the PATH of root on a Debian Samba server (not this test's, which
	# may put another python3 first), and the systemctl stand-in
	out=$(answers "$cmd" | sb_run "$w" env PATH="$T/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
		bash -c "$cmd" 2>&1)
	rc=$?
	if [ -f "$T/restart-winbind" ]; then
		sb_restart_winbindd >/dev/null 2>&1
		rc=$?
	fi
	case $n in
	1) check "step 1 on $pdc: $cmd" eval 'rc_is 0' ;;
	2) # the account is gone already: net says so, as the plan warns
		check "step 2 on $pdc: $cmd (RESOURCE\$ is already gone)" eval \
			'! rc_is 0 && has_out "No mapping between account names and SIDs was done" &&
			 grep -qF "names and SIDs was done" "$T/plan.json"' ;;
	4) # the new password checked from RESOURCE's side
		check "step 4 on $pdc: NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT" \
			has_out NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT ;;
	*) check "step $n on $pdc: $cmd" eval 'rc_is 0' ;;
	esac
	n=$((n + 1))
done

logon
check "after the plan: the real logon of ACCOUNTS\\alice at RESPDC works" eval \
	'rc_is 0 && ! has_out NT_STATUS_'
run samba diagnose --trusting "$RD" --trusted "$AD"
check "after the plan: samba diagnose says healthy" eval \
	'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy"'
finish
