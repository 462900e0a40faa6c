#!/bin/sh
# trust repair, the must-show test: in the nt4 and the samba flavor, for a
# pair broken on the accounts side (trust account deleted, trust password
# changed), a crash after every step of the plan (NT4TRUST_REPAIR_ABORT_AFTER)
# is finished by running the same command again: it says it resumes, the
# pair is healthy and a user of ACCOUNTS logs on at RESOURCE at once.  Also:
# nothing to do on a healthy pair (stores unchanged), a dry run changes
# nothing and prints the plan, refusals, usage errors, unusable passwords.
. tests/cli/lib.sh

ulimit -c 0 2>/dev/null # aborts on purpose: no core files

UPW='Secret#1'
TPW='TrustPass#2024'

# fresh FLAVOR TAG: a new lab with a healthy pair RESOURCE -> ACCOUNTS
fresh() {
	ctx=$2
	NT4TRUST_LAB="$T/lab-$1-$2"
	export NT4TRUST_LAB
	ok=0
	"$N" domain create ACCOUNTS --flavor "$1" >/dev/null 2>&1 &&
		"$N" domain create RESOURCE --flavor "$1" >/dev/null 2>&1 &&
		"$N" user add ACCOUNTS alice --password "$UPW" >/dev/null 2>&1 &&
		"$N" trusting add ACCOUNTS RESOURCE --password "$TPW" >/dev/null 2>&1 &&
		"$N" trusted add RESOURCE ACCOUNTS --password "$TPW" >/dev/null 2>&1 &&
		ok=1
	if [ "$ok" != 1 ]; then
		rc=$ok out="" err=""
		check "$1 $2: a healthy pair is set up" false
	fi
}

# break_pair KIND: the accounts-side break of that verdict
break_pair() {
	case $1 in
	trusted-side-missing)
		run user delete ACCOUNTS 'RESOURCE$' ;;
	password-mismatch)
		run user set-password ACCOUNTS 'RESOURCE$' --password x ;;
	esac
	if [ "$rc" != 0 ]; then
		check "$fl $ctx: break as $1" false
	fi
}

# dump NAME: tdbdump of both stores and of lab.tdb into $T/NAME.*
dump() {
	for db in ACCOUNTS RESOURCE lab; do
		tdbdump "$NT4TRUST_LAB/$db.tdb" >"$T/$1.$db" 2>&1
	done
}

same_db() { cmp -s "$T/$1.$3" "$T/$2.$3"; }

has_journal() {
	tdbdump "$NT4TRUST_LAB/lab.tdb" | grep -q 'JOURNAL/RESOURCE/ACCOUNTS'
}

diag_healthy() {
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl $ctx: diagnose says healthy" eval \
		'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy"'
}

logon_ok() {
	run logon RESOURCE 'ACCOUNTS\alice' --password "$UPW"
	check "$fl $ctx: alice logs on at RESOURCE at once" eval \
		'rc_is 0 && has_out "STATUS_SUCCESS (0x00000000)" && has_out "through the trust RESOURCE -> ACCOUNTS"'
}

if ! command -v tdbdump >/dev/null 2>&1; then
	tn=$((tn + 1))
	echo "not ok $tn - tdbdump (Debian tdb-tools) missing: store comparisons cannot run"
	fails=$((fails + 1))
fi

for fl in nt4 samba; do
	if [ "$fl" = nt4 ]; then want_steps=5; else want_steps=6; fi
	for kind in trusted-side-missing password-mismatch; do
		# the plan, from a dry run that changes nothing
		fresh "$fl" "$kind-dry"
		break_pair "$kind"
		dump before
		run trust repair RESOURCE ACCOUNTS --dry-run
		check "$fl $ctx: --dry-run exits 0 and prints the plan" eval \
			'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: $kind" && has_out "Plan (dry run: nothing is changed)"'
		nsteps=$(printf '%s\n' "$out" | grep -cE '^  [0-9]+\. ')
		check "$fl $ctx: the plan has $want_steps steps" \
			[ "$nsteps" = "$want_steps" ]
		check "$fl $ctx: the plan is the KB order" eval \
			'printf "%s\n" "$out" | grep -E "^     nt4trust " | sed "s/^ *//" | tr "\n" "|" | grep -qF "nt4trust trusted remove RESOURCE ACCOUNTS|nt4trust trusting remove ACCOUNTS RESOURCE|nt4trust trusting add ACCOUNTS RESOURCE|nt4trust trusted add RESOURCE ACCOUNTS|"'
		dump after
		check "$fl $ctx: --dry-run leaves ACCOUNTS.tdb as it was" \
			same_db before after ACCOUNTS
		check "$fl $ctx: --dry-run leaves RESOURCE.tdb as it was" \
			same_db before after RESOURCE
		check "$fl $ctx: --dry-run leaves lab.tdb as it was" \
			same_db before after lab
		run --json trust repair RESOURCE ACCOUNTS --dry-run
		check "$fl $ctx: --json --dry-run has the same plan" eval \
			'rc_is 0 && [ "$(printf "%s\n" "$out" | grep -c "\"step\": ")" = "$nsteps" ] && has_out "\"result\": \"dry run\""'
		run trust diagnose RESOURCE ACCOUNTS
		check "$fl $ctx: still $kind after the dry runs" eval \
			'rc_is 1 && has_out "Trust RESOURCE -> ACCOUNTS: $kind"'

		# a crash after every step, then the same command again
		n=1
		while [ "$n" -le "$nsteps" ]; do
			fresh "$fl" "$kind-abort$n"
			break_pair "$kind"
			NT4TRUST_REPAIR_ABORT_AFTER=$n
			export NT4TRUST_REPAIR_ABORT_AFTER
			run trust repair RESOURCE ACCOUNTS
			unset NT4TRUST_REPAIR_ABORT_AFTER
			check "$fl $ctx: the repair aborts after step $n" eval \
				'[ "$rc" -ge 128 ] || has_err "aborting after step $n"'
			check "$fl $ctx: the journal is left in lab.tdb" has_journal
			run trust repair RESOURCE ACCOUNTS
			check "$fl $ctx: run again: exit 0, it resumes" eval \
				'rc_is 0 && has_out "resuming the repair begun for $kind, interrupted before step $n" && has_out "Repaired: users of ACCOUNTS can use resources in RESOURCE again."'
			check "$fl $ctx: run again: only steps $n..$nsteps run" eval \
				'has_out "  $n/$nsteps " && ! has_out "  $((n - 1))/$nsteps "'
			check "$fl $ctx: the journal is gone" eval '! has_journal'
			diag_healthy
			logon_ok
			run trust repair RESOURCE ACCOUNTS
			check "$fl $ctx: a third run has nothing to do" eval \
				'rc_is 0 && has_out "Nothing to do."'
			n=$((n + 1))
		done
	done

	# the password given on the interrupted run is the one the resume uses
	fresh "$fl" given-password
	break_pair password-mismatch
	NT4TRUST_REPAIR_ABORT_AFTER=3
	export NT4TRUST_REPAIR_ABORT_AFTER
	run trust repair RESOURCE ACCOUNTS --password 'Given#Pw1'
	unset NT4TRUST_REPAIR_ABORT_AFTER
	check "$fl $ctx: aborted after step 3" eval '[ "$rc" -ge 128 ]'
	run trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: resumed without a password option" eval \
		'rc_is 0 && has_out "resuming the repair begun for password-mismatch" && ! has_out "generated"'
	run secret show RESOURCE 'G$$ACCOUNTS' --show-secrets
	check "$fl $ctx: the given password is the OldValue after the rotation" \
		has_out '"Given#Pw1"'
	diag_healthy
	logon_ok

	# a healthy pair: nothing to do, nothing written
	fresh "$fl" healthy
	run logon RESOURCE 'ACCOUNTS\alice' --password "$UPW"
	dump before
	run trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: Nothing to do, exit 0" eval \
		'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy" && has_out "Nothing to do."'
	dump after
	check "$fl $ctx: ACCOUNTS.tdb unchanged" same_db before after ACCOUNTS
	check "$fl $ctx: RESOURCE.tdb unchanged" same_db before after RESOURCE
	check "$fl $ctx: lab.tdb unchanged" same_db before after lab
	run --json trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: --json says nothing to do" eval \
		'rc_is 0 && has_out "\"verdict\": \"healthy\"" && has_out "\"result\": \"nothing to do\""'

	# not repairable here: refused, nothing written
	fresh "$fl" unreachable
	break_pair trusted-side-missing
	run domain offline ACCOUNTS
	dump before
	run trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: refused, exit 1, says why" eval \
		'rc_is 1 && has_err "not repairable here" && has_err "back on the network"'
	dump after
	check "$fl $ctx: refusal leaves ACCOUNTS.tdb unchanged" \
		same_db before after ACCOUNTS
	check "$fl $ctx: refusal leaves RESOURCE.tdb unchanged" \
		same_db before after RESOURCE
	run domain online ACCOUNTS
	run --json trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: back online it is repaired (--json)" eval \
		'rc_is 0 && has_out "\"result\": \"repaired\"" && has_out "\"generated_password\": true"'
	diag_healthy
	logon_ok

	fresh "$fl" no-trust
	run trusting remove ACCOUNTS RESOURCE
	run trusted remove RESOURCE ACCOUNTS
	run trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: refused, exit 1" eval \
		'rc_is 1 && has_err "not repairable here" && has_err "no trust to repair"'

	# a password the trust flows refuse must be refused before any change
	fresh "$fl" long-password
	break_pair password-mismatch
	long=$(printf 'p%.0s' $(seq 1 256))
	run trust repair RESOURCE ACCOUNTS --password "$long"
	check "$fl $ctx: a 256-character repair password fails (exit 1 or 2)" \
		eval '[ "$rc" = 1 ] || [ "$rc" = 2 ]'
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl $ctx: ... and leaves the pair as it was" \
		has_out "Trust RESOURCE -> ACCOUNTS: password-mismatch"
	check "$fl $ctx: ... and leaves no journal" eval '! has_journal'
	run trust repair RESOURCE ACCOUNTS
	check "$fl $ctx: ... and a plain repair then works" eval \
		'rc_is 0 && has_out "Repaired:"'
done

# usage errors
fresh nt4 usage
break_pair password-mismatch
dump before
printf 'Given#Pw1\n' >"$T/pw"
run trust repair RESOURCE ACCOUNTS --generate --password x
check "--generate with --password: exit 2" eval \
	'rc_is 2 && one_line_err && has_err "not both"'
run trust repair RESOURCE ACCOUNTS --generate --password-file "$T/pw"
check "--generate with --password-file: exit 2" eval \
	'rc_is 2 && one_line_err && has_err "not both"'
run trust diagnose RESOURCE ACCOUNTS --dry-run
check "--dry-run on another command: exit 2" eval \
	'rc_is 2 && has_err "does not apply"'
run trust repair RESOURCE
check "one domain only: exit 2 with the usage" eval \
	'rc_is 2 && has_err "usage: nt4trust trust repair TRUSTING TRUSTED"'
dump after
check "usage errors change nothing" eval \
	'same_db before after ACCOUNTS && same_db before after RESOURCE && same_db before after lab'
run trust repair RESOURCE ACCOUNTS --password-file "$T/pw"
check "--password-file: repaired, not generated" eval \
	'rc_is 0 && has_out "Repaired:" && ! has_out "generated"'
run trust repair RESOURCE ACCOUNTS --generate
check "--generate on a healthy pair: nothing to do" eval \
	'rc_is 0 && has_out "Nothing to do."'
finish
