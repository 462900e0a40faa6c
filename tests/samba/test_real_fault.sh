#!/bin/sh
# Crash and fault injection of `nt4trust samba repair` on the live private
# directories of two real Samba 4.17 classic PDCs (tests/samba/harness.sh),
# daemons running, one pair of PDCs for the whole test: the store fault
# hook (NT4TRUST_FAULT, nt4/store.c; docs/formats/store.md section 9) as
# tests/cli/test_fault_loop.sh uses it on copies of fixture files, here on
# real Samba databases.
#
# Two breaks, each made with Samba's own tools as in test_real_repair.sh:
# "deleted" (Q207957: SAMR DeleteUser of RESOURCE$ on ACCTPDC) and
# "password" (smbpasswd -a -i changes RESOURCE$'s password).  For each, a
# clean repair of the live directories counts its store writes W
# (NT4TRUST_FAULT=count; 21 and 23 today) and its logon is checked.  Then
# for N in 1..W, abort:N (SIGABRT before write N) and then fail:N (write N
# fails: one-line error, exit 1), each on the trust broken again and with a
# new password every time (so every repair truly changes it):
#   - after the fault: every tdb of both private directories passes
#     tdbtool's check and tdbdump (the journal too, if there); each store
#     is in its old or new state, never half: in ACCOUNTS' passdb.tdb the
#     trust account RESOURCE$ is there whole (USER_ and one RID_ record
#     naming it) or not at all, and Samba's pdbedit -L lists it exactly
#     then (and alice and root always); in RESOURCE's secrets.tdb the
#     trusted-domain record is absent or python3-samba reads the old or the
#     new password from it; every other record of both files is byte for
#     byte as before (both files wholly as before at N = 1: that write is
#     the journal's); `samba diagnose` gives a verdict (exit 0 or 1, nothing
#     on stderr: no read error);
#   - the same `samba repair` run again exits 0 with "5/5 verify" and
#     "Repaired:", resuming the journal when the fault left one with a
#     record (else starting from the diagnosis just made); then no journal
#     file is left, RESOURCE$ is there once with one RID_ record, the other
#     records are still as before, Samba reads the new password, and after
#     a winbindd restart on RESPDC the real smbclient logon of
#     ACCOUNTS\alice at RESPDC succeeds.
# Two check lines per break, mode and N, each naming what failed, and one
# comment line with the verdict after the fault, whether a journal was
# left, and how the run again began.  A run again that does not finish
# ends the loops (the PDCs are then in no state a break starts from).
#
# Time: one iteration takes about 1.8 s on an idle machine and up to 3.5 s
# when both cores are busy (most of it the winbindd restart, the logon and
# python3-samba starting).  Every N in all four loops would be 88
# iterations; to stay near 4 minutes even on a busy machine the password
# break runs abort:N at odd N and fail:N at even N (each of its writes
# once; its writes are those of the deleted break but for step 2's two
# deletes and commit of an account that is there), the deleted break every
# N in both modes: 65 iterations, about 140 s idle, 220 to 250 s busy.
# Loops are bounded by MAXW.  Skipped (exit 77) where namespaces cannot be
# made.
. tests/cli/lib.sh
. tests/samba/harness.sh
sb_exit_hook() { rm -rf "$T"; }

ulimit -c 0 2>/dev/null # aborts on purpose: no core files
MAXW=100               # bound of the loops: W is about 20

sb_up_tap

RD=$(sb_dir R)/private
AD=$(sb_dir A)/private
JNL=$RD/nt4trust-repair.tdb
NEWPW='Fau1t-Pa55w0rd'

logon() { # the real logon of test_real_repair.sh; sets $rc, $out
	out=$(sb_run R smbclient -s "$(sb_conf R)" //RESPDC/share -I 192.0.2.2 \
		-U "ACCOUNTS\\alice%$SB_ALICEPW" -c ls 2>&1)
	rc=$?
	err=""
}

# the breaks of test_real_repair.sh, with Samba's own tools
break_deleted() { # Q207957: SAMR DeleteUser of the trust account
	sb_run A net -s "$(sb_conf A)" rpc user delete 'RESOURCE$' -S ACCTPDC \
		-I 192.0.2.1 -U "root%$SB_ROOTPW"
}
break_password() { # REPORT S2: -i takes a password only with -a
	sb_pw 'Chang3d-Pa55w0rd' | sb_run A smbpasswd -c "$(sb_conf A)" -a -s -i RESOURCE
}

repair() { # the command under test, on the live directories
	run samba repair --trusting "$RD" --trusted "$AD" --password-file "$T/pw"
}

# records FILE: one line per record of a tdb, "key<TAB>data" as tdbdump
# escapes them, sorted (tdb's traversal order follows its hash chains)
records() {
	tdbdump "$1" | awk '/^key\(/ { k = $0; sub(/^key\([0-9]*\) = /, "", k) }
		/^data\(/ { d = $0; sub(/^data\([0-9]*\) = /, "", d); print k "\t" d }' |
		LC_ALL=C sort
}
# the trust's records: RESOURCE$'s USER_ and RID_ records and NEXT_RID in
# ACCOUNTS' passdb.tdb, the trusted-domain record in RESOURCE's secrets.tdb
trust_rec='^"(USER_resource\$\\00|NEXT_RID\\00)"	|^"RID_[0-9a-f]{8}\\00"	"resource\$\\00"$|^"SECRETS/\$DOMTRUST\.ACC/ACCOUNTS"	'
others() { records "$1" | grep -Ev "$trust_rec"; }

# the trusted-domain password as Samba reads it from RESOURCE's secrets.tdb
# (empty if Samba finds none)
samba_pw() {
	sb_pdb R 'print("pw=" + pdb.get_trusteddom_pw("ACCOUNTS")["pwd"])' 2>/dev/null |
		sed -n 's/^pw=//p'
}

# pdb_counts: $nuser, $nrid: RESOURCE$'s USER_ records and the RID_
# records that name it, in ACCOUNTS' passdb.tdb
pdb_counts() {
	recs=$(records "$AD/passdb.tdb")
	nuser=$(printf '%s\n' "$recs" | grep -c '^"USER_resource\$\\00"	')
	nrid=$(printf '%s\n' "$recs" | grep -Ec '^"RID_[0-9a-f]{8}\\00"	"resource\$\\00"$')
	return 0
}

# whole: after the fault, every store decodes and is in its old or new
# state; sets $what to the first thing found wrong, empty if none
whole() {
	what=""
	for f in "$AD/passdb.tdb" "$AD/secrets.tdb" "$RD/passdb.tdb" "$RD/secrets.tdb"; do
		if ! tdbtool "$f" check 2>&1 | grep -q '^Database integrity is OK' ||
			! tdbdump "$f" > /dev/null 2>&1; then
			what="${f#"$SB_T"/} fails tdbtool check or tdbdump"
			return
		fi
	done
	if [ -e "$JNL" ] && ! tdbdump "$JNL" > /dev/null 2>&1; then
		what="the journal does not dump"
		return
	fi
	# passdb.tdb: RESOURCE$ whole or absent, the rest as before
	pdb_counts
	if [ "$nuser" != "$nrid" ] || [ "$nuser" -gt 1 ]; then
		what="passdb.tdb half written: $nuser USER_resource\$, $nrid RID_ records of it"
		return
	fi
	if [ "$(others "$AD/passdb.tdb")" != "$a_others" ]; then
		what="a record of ACCOUNTS' passdb.tdb other than RESOURCE\$ changed"
		return
	fi
	# Samba's own reader: pdbedit lists the users, RESOURCE$ iff there
	pl=$(sb_run A pdbedit -L -s "$(sb_conf A)" 2>/dev/null) ||
		{ what="pdbedit -L fails on ACCOUNTS"; return; }
	if ! printf '%s\n' "$pl" | grep -q '^alice:2001:' ||
		! printf '%s\n' "$pl" | grep -q '^root:0:'; then
		what="pdbedit -L does not list alice and root"
		return
	fi
	if [ "$nuser" = 1 ]; then
		printf '%s\n' "$pl" | grep -q '^RESOURCE\$:' ||
			{ what="pdbedit -L does not list RESOURCE\$, which is there"; return; }
	elif printf '%s\n' "$pl" | grep -q '^RESOURCE\$:'; then
		what="pdbedit -L lists RESOURCE\$, which is not there"
		return
	fi
	# secrets.tdb: the trusted-domain record absent, old or new; the rest
	# as before
	if [ "$(others "$RD/secrets.tdb")" != "$r_others" ]; then
		what="a record of RESOURCE's secrets.tdb other than the trusted-domain record changed"
		return
	fi
	ntd=$(records "$RD/secrets.tdb" | grep -c '^"SECRETS/\$DOMTRUST\.ACC/ACCOUNTS"	')
	got=$(samba_pw)
	if [ "$ntd" = 0 ]; then
		[ -z "$got" ] || { what="Samba reads a trusted-domain password that is not there"; return; }
	elif [ "$got" != "$oldpw" ] && [ "$got" != "$pw" ]; then
		what="Samba reads neither the old nor the new trusted-domain password"
		return
	fi
	if [ "$n" = 1 ] && { [ "$(records "$AD/passdb.tdb")" != "$a_all" ] ||
		[ "$(records "$RD/secrets.tdb")" != "$r_all" ]; }; then
		what="a PDC database changed though the first write (the journal's) was stopped"
		return
	fi
	run samba diagnose --trusting "$RD" --trusted "$AD"
	verdict=$(printf '%s\n' "$out" | sed -n 's/^Trust RESOURCE -> ACCOUNTS: \([a-z-]*\)$/\1/p')
	{ rc_is 0 || rc_is 1; } && [ -z "$err" ] && [ -n "$verdict" ] ||
		what="samba diagnose gives no verdict (rc=$rc)"
}

# finished: the same command again finishes the job (resuming the
# journal if the fault left one, else from the diagnosis), the logon works
finished() {
	what=""
	# a journal: a record in the file (a fault at its first put or commit
	# leaves the file empty, and the run again starts from the diagnosis)
	[ -e "$JNL" ] && [ -n "$(records "$JNL")" ] && jnl=yes || jnl=no
	repair
	again=$(printf '%s\n' "$out" | sed -n 's/^Trust RESOURCE -> ACCOUNTS: //p')
	echo "# $brk $mode:$n: after the fault: ${verdict:-?}, journal: $jnl; run again: ${again:-?}"
	if ! rc_is 0 || ! has_out "  5/5 verify" || ! has_out "Repaired: both databases agree again (verified)."; then
		what="the same command again did not finish (rc=$rc)"
	elif [ "$jnl" = yes ] && ! has_out "Trust RESOURCE -> ACCOUNTS: resuming the repair begun for $bverdict at step "; then
		what="a journal was left but the run again does not resume it"
	elif [ "$jnl" = no ] && ! has_out "Trust RESOURCE -> ACCOUNTS: $verdict"; then
		what="no journal, but the run again does not start from the diagnosis $verdict"
	elif [ -e "$JNL" ]; then
		what="the journal $JNL is left"
	elif pdb_counts && { [ "$nuser" != 1 ] || [ "$nrid" != 1 ]; }; then
		what="passdb.tdb has $nuser USER_resource\$ and $nrid RID_ records of it (1 and 1 expected)"
	elif [ "$(others "$AD/passdb.tdb")" != "$a_others" ] ||
		[ "$(others "$RD/secrets.tdb")" != "$r_others" ]; then
		what="a record other than the trust's changed in passdb.tdb or secrets.tdb"
	elif [ "$(samba_pw)" != "$pw" ]; then
		what="Samba does not read the new password from secrets.tdb"
	elif ! sb_restart_winbindd > /dev/null 2>&1; then
		what="winbindd does not restart"
	else
		logon
		rc_is 0 && ! has_out NT_STATUS_ || what="the real logon fails (rc=$rc)"
	fi
}

it=0
newpw() { # a new password for each repair: it really changes it
	it=$((it + 1))
	pw="$NEWPW-$it"
	printf '%s\n' "$pw" > "$T/pw"
}
oldpw=$SB_TRUSTPW
stuck=no
for kind in deleted:trusted-side-missing password:password-mismatch; do
	[ $stuck = no ] || break
	brk=${kind%%:*}
	bverdict=${kind#*:}
	# W: the writes of a clean repair, on the live directories
	newpw
	break_"$brk" > "$T/break.log" 2>&1
	check "$brk: broken with Samba's tools" [ $? = 0 ]
	run samba diagnose --trusting "$RD" --trusted "$AD"
	check "$brk: samba diagnose says $bverdict" eval 'rc_is 1 && has_out "Trust RESOURCE -> ACCOUNTS: $bverdict"'
	NT4TRUST_FAULT=count
	export NT4TRUST_FAULT
	repair
	unset NT4TRUST_FAULT
	W=$(printf '%s\n' "$err" | sed -n 's/^nt4trust: NT4TRUST_FAULT: \([0-9]*\) store writes$/\1/p')
	check "$brk: a clean repair exits 0, verified, and counts its store writes" eval \
		'rc_is 0 && has_out "Repaired: " && [ -n "$W" ] && [ "$W" -gt 0 ] && [ "$W" -le $MAXW ]'
	sb_restart_winbindd > /dev/null 2>&1
	logon
	check "$brk: and after a winbindd restart the real logon succeeds" eval 'rc_is 0 && ! has_out NT_STATUS_'
	[ -n "$W" ] && [ "$W" -le $MAXW ] || W=0
	echo "# samba repair of $bverdict: $W store writes"

	# every N, abort then fail
	for mode in abort fail; do
		[ $stuck = no ] || break
		tm=$(date +%s)
		runs=0
		# the time bound: the password break runs abort:N at odd N
		# and fail:N at even N, so each N once (the deleted break,
		# the one the issue names, runs every N in both modes)
		n=1
		step=1
		if [ "$brk" = password ]; then
			step=2
			[ "$mode" = fail ] && n=2
		fi
		while [ "$n" -le "$W" ]; do
			oldpw=$pw
			newpw
			what=""
			verdict=""
			if ! break_"$brk" > "$T/break.log" 2>&1; then
				what="the $brk break fails: $(tail -1 "$T/break.log")"
			else
				a_all=$(records "$AD/passdb.tdb")
				r_all=$(records "$RD/secrets.tdb")
				a_others=$(others "$AD/passdb.tdb")
				r_others=$(others "$RD/secrets.tdb")
				NT4TRUST_FAULT=$mode:$n
				export NT4TRUST_FAULT
				repair
				unset NT4TRUST_FAULT
				if [ "$mode" = abort ]; then
					rc_is 134 && has_err "nt4trust: NT4TRUST_FAULT: aborting at write $n " ||
						what="the run with abort:$n did not abort (rc=$rc)"
				else
					rc_is 1 && one_line_err && has_err "injected fault at write $n" ||
						what="not one error line with exit 1 (rc=$rc)"
				fi
				[ -n "$what" ] || whole
			fi
			check "$brk $mode:$n/$W: the repair stops; every store decodes, old or new, never half${what:+: $what}" \
				[ -z "$what" ]
			finished
			check "$brk $mode:$n/$W: the same command again finishes, the real logon works${what:+: $what}" \
				[ -z "$what" ]
			if [ -n "$what" ]; then
				# the PDCs are in a state no break starts from:
				# the next iterations would only repeat this
				echo "# the trust is left broken: no more iterations"
				stuck=yes
				break
			fi
			runs=$((runs + 1))
			n=$((n + step))
		done
		echo "# $brk, $mode loop: $runs runs in $(($(date +%s) - tm)) s"
	done
done

run samba repair --trusting "$RD" --trusted "$AD"
check "in the end the live PDCs are healthy: nothing to do" eval 'rc_is 0 && has_out "Nothing to do."'
echo "# took $(($(date +%s) - t0)) s"
finish
