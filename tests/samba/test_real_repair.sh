#!/bin/sh
# Two real Samba 4.17 classic PDCs (tests/samba/harness.sh): each broken
# state is made with Samba's own tools on the live PDCs (REPORT.md section
# 3), the real logon of ACCOUNTS\alice at RESPDC fails once winbindd has
# set up a new secure channel, `nt4trust samba repair` repairs the live
# private directories while the daemons run, the restarts it names are
# done, and the same real logon succeeds.  One pair of PDCs for all the
# states: each repair restores the health the next break starts from.
# Skipped (exit 77) where namespaces cannot be made.
. tests/cli/lib.sh
. tests/samba/harness.sh
sb_exit_hook() { rm -rf "$T"; }

sb_up_tap

RD=$(sb_dir R)/private
AD=$(sb_dir A)/private
NEWPW='Oth3r-Pa55w0rd'

# the same real logon as test_real_trust.sh: smbclient at RESPDC as
# ACCOUNTS\alice, from inside RESOURCE's namespace; sets $rc, $out
logon() {
	out=$(sb_run R smbclient -s "$(sb_conf R)" //RESPDC/share -I 192.0.2.2 \
		-U "ACCOUNTS\\alice%$SB_ALICEPW" -c ls 2>&1)
	rc=$?
	err=""
}

# the ways to break the trust, each with real Samba tools
break_deleted() { # Q207957: SAMR DeleteUser (net rpc trustdom del cannot)
	sb_run A net -s "$(sb_conf A)" rpc user delete 'RESOURCE$' -S ACCTPDC \
		-I 192.0.2.1 -U "root%$SB_ROOTPW"
}
break_password() { # REPORT S2: -i takes a password only with -a
	sb_pw 'Chang3d-Pa55w0rd' | sb_run A smbpasswd -c "$(sb_conf A)" -a -s -i RESOURCE
}
break_disabled() { # REPORT S3: [DI] is refused, [D] keeps the I
	sb_run A pdbedit -s "$(sb_conf A)" -u 'RESOURCE$' -c '[D]'
}
break_wrongtype() { # pdbedit can set only [NDHLX]: SAMU acct_ctrl W
	sb_pdb A '
u = pdb.getsampwnam("RESOURCE$")
u.acct_ctrl = 0x80
pdb.update_sam_account(u)'
}
break_revoked() { # REPORT S4: what net rpc trustdom revoke removes
	sb_pdb R 'pdb.del_trusteddom_pw("ACCOUNTS")'
}

printf '%s\n' "$NEWPW" > "$T/pw"
i=0
for st in deleted:trusted-side-missing password:password-mismatch \
	disabled:trust-account-disabled wrongtype:trust-account-wrong-type \
	revoked:trusting-side-missing; do
	name=${st%%:*}
	verdict=${st#*:}
	i=$((i + 1))
	# a new password every time, so each repair really changes it
	printf '%s-%d\n' "$NEWPW" "$i" > "$T/pw"
	out=$(break_$name 2>&1)
	rc=$?
	check "$name: broken with Samba's tools" rc_is 0
	run samba diagnose --trusting "$RD" --trusted "$AD"
	check "$name: samba diagnose says $verdict" eval 'rc_is 1 && has_out "Trust RESOURCE -> ACCOUNTS: $verdict"'
	sb_restart_winbindd > /dev/null 2>&1
	logon
	check "$name: after a winbindd restart the real logon fails" eval '! rc_is 0 && has_out "NT_STATUS_"'
	# the repair, on the live private directories, daemons running
	run samba repair --trusting "$RD" --trusted "$AD" --password-file "$T/pw"
	check "$name: samba repair exits 0, verified" eval 'rc_is 0 && has_out "5/5 verify" && has_out "Repaired: "'
	restarts=$(printf '%s\n' "$out" | sed -n 's/^  on the \([A-Z]*\) PDC: restart \([a-z]*\) .*/\1:\2/p' | tr '\n' ' ')
	check "$name: it names exactly: restart winbindd on RESOURCE ($restarts)" [ "$restarts" = "RESOURCE:winbindd " ]
	check "$name: no journal is left" [ ! -e "$RD/nt4trust-repair.tdb" ]
	if [ "$name" = revoked ]; then
		# why the restart: reload-config does not make winbindd read
		# its trusted domains again (REPORT.md section 4, S4)
		sb_run R smbcontrol -s "$(sb_conf R)" winbindd reload-config > /dev/null 2>&1
		logon
		check "$name: smbcontrol winbindd reload-config is not enough" eval '! rc_is 0 && has_out "NT_STATUS_"'
	fi
	sb_restart_winbindd > /dev/null 2>&1
	logon
	check "$name: after the restart it names, the real logon succeeds" eval 'rc_is 0 && ! has_out NT_STATUS_'
	got=$(sb_pdb R 'print(pdb.get_trusteddom_pw("ACCOUNTS")["pwd"])' 2>&1 | tail -1)
	check "$name: Samba reads the new password from secrets.tdb" [ "$got" = "$NEWPW-$i" ]
done

run samba repair --trusting "$RD" --trusted "$AD"
check "healthy live PDCs: nothing to do" eval 'rc_is 0 && has_out "Nothing to do."'
echo "# took $(($(date +%s) - t0)) s"
finish
