#!/bin/sh
# trust diagnose: every verdict reached with ordinary commands, in the nt4
# and the samba flavor: exit status, the verdict line, the --json verdict,
# no NT hash shown without --show-secrets; and what users see per flavor
# before (cached secure channel) and after `domain restart RESOURCE`.
. tests/cli/lib.sh

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
	rc=$ok out="" err=""
	check "$1 $2: a healthy pair is set up" [ "$ok" = 1 ]
}

# brk DESC ARGS...: an ordinary command that must succeed
brk() {
	d=$1
	shift
	run "$@"
	check "$fl $ctx: $d exits 0" rc_is 0
}

# 32 hex digits in a row: an NT hash
no_hash() { ! printf '%s\n' "$out" | grep -qiE '[0-9a-f]{32}'; }

# verdict_is NAME: text and JSON diagnosis, exit 0 only when healthy
verdict_is() {
	vv=$1
	want_rc=1
	[ "$vv" = healthy ] && want_rc=0
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl $vv: diagnose exits $want_rc with the verdict line" eval \
		'rc_is $want_rc && has_out "Trust RESOURCE -> ACCOUNTS: $vv"'
	check "$fl $vv: no NT hash in the text" no_hash
	check "$fl $vv: the verdict is on the first line" eval \
		'[ "$(printf "%s\n" "$out" | head -1)" = "Trust RESOURCE -> ACCOUNTS: $vv" ]'
	run --json trust diagnose RESOURCE ACCOUNTS
	check "$fl $vv: --json exits $want_rc with \"verdict\": \"$vv\"" eval \
		'rc_is $want_rc && has_out "\"verdict\": \"$vv\""'
	check "$fl $vv: no NT hash in the JSON" no_hash
}

# logon_is STATUS [OPTIONS]: alice logs on at RESOURCE
logon_is() {
	want=$1
	shift
	run logon RESOURCE 'ACCOUNTS\alice' --password "$UPW" "$@"
	if [ "$want" = STATUS_SUCCESS ]; then
		check "$fl $ctx: logon${*:+ $*} succeeds through the trust" eval \
			'rc_is 0 && has_out "STATUS_SUCCESS (0x00000000)" && has_out "through the trust RESOURCE -> ACCOUNTS"'
	else
		check "$fl $ctx: logon${*:+ $*} fails with $want" eval \
			'rc_is 1 && has_out "$want (0x"'
	fi
}

verify_is() {
	want=$1
	run trust verify RESOURCE ACCOUNTS
	check "$fl $ctx: trust verify fails with $want" eval \
		'rc_is 1 && has_out "status $want (0x"'
}

restart() {
	run domain restart RESOURCE
	check "$fl $ctx: domain restart RESOURCE exits 0" rc_is 0
}

# accounts_side_break VERDICT STATUS ARGS...: a break on the accounts
# side, invisible while the channel is cached, STATUS after a restart
accounts_side_break() {
	v=$1
	st=$2
	shift 2
	fresh "$fl" "$v"
	logon_is STATUS_SUCCESS
	brk "$*" "$@"
	verdict_is "$v"
	logon_is STATUS_SUCCESS # the cached channel still works
	restart
	logon_is "$st"
	logon_is "$st" --via wbinfo
	verify_is "$st"
	verdict_is "$v"
}

for fl in nt4 samba; do
	if [ "$fl" = nt4 ]; then
		acct_st=STATUS_TRUSTED_DOMAIN_FAILURE
	else
		acct_st=STATUS_ACCESS_DENIED
	fi

	# healthy; --show-secrets is what makes hashes appear
	fresh "$fl" healthy
	verdict_is healthy
	check "$fl healthy: no remedy" eval '! has_out "Remedy"'
	run trust diagnose RESOURCE ACCOUNTS --show-secrets
	check "$fl healthy: --show-secrets shows the hashes" eval \
		'rc_is 0 && ! no_hash && has_out "account NT hash"'
	run --json trust diagnose RESOURCE ACCOUNTS --show-secrets
	check "$fl healthy: --json --show-secrets shows them too" eval \
		'rc_is 0 && has_out "\"nt_hash\": \"" && has_out "\"current_nt_hash\": \""'
	check "$fl healthy: the JSON names both sides and the evidence" eval \
		'has_out "\"trusting\": {" && has_out "\"trusted\": {" && has_out "\"password\": \"current\"" && has_out "\"remedy\": []"'
	logon_is STATUS_SUCCESS

	# the accounts side: each invisible until the channel is set up again
	accounts_side_break trusted-side-missing "$acct_st" \
		user delete ACCOUNTS 'RESOURCE$'
	accounts_side_break password-mismatch "$acct_st" \
		user set-password ACCOUNTS 'RESOURCE$' --password x
	accounts_side_break trust-account-disabled "$acct_st" \
		user disable ACCOUNTS 'RESOURCE$'
	accounts_side_break trust-account-wrong-type "$acct_st" \
		account set-flags ACCOUNTS 'RESOURCE$' '[W]'
	run --json trust diagnose RESOURCE ACCOUNTS
	check "$fl wrong type: the JSON shows the workstation flags" \
		has_out '"flags": "[W          ]"'

	# the same break by `trusting remove`
	fresh "$fl" trusting-remove
	brk "trusting remove" trusting remove ACCOUNTS RESOURCE
	verdict_is trusted-side-missing
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl trusted-side-missing: the remedy is the KB order" eval \
		'has_out "1. on the RESOURCE PDC, remove ACCOUNTS from the trusted domains" && has_out "nt4trust trusting add ACCOUNTS RESOURCE" && has_out "nt4trust trust verify RESOURCE ACCOUNTS"'

	# the trusting side
	fresh "$fl" trusting-side-missing
	logon_is STATUS_SUCCESS
	brk "trusted remove" trusted remove RESOURCE ACCOUNTS
	verdict_is trusting-side-missing
	if [ "$fl" = samba ]; then
		logon_is STATUS_SUCCESS # winbindd keeps the domain until restart
		restart
	fi
	logon_is STATUS_LOGON_FAILURE
	logon_is STATUS_NO_SUCH_USER --via wbinfo
	verify_is STATUS_NO_SUCH_DOMAIN

	# no trust at all
	ctx=no-trust
	brk "trusting remove" trusting remove ACCOUNTS RESOURCE
	verdict_is no-trust
	check "$fl no-trust: no remedy steps" eval '! has_out "Remedy"'

	# the secret
	fresh "$fl" secret-missing
	logon_is STATUS_SUCCESS
	brk "secret delete" secret delete RESOURCE 'G$$ACCOUNTS'
	verdict_is secret-missing
	logon_is STATUS_SUCCESS # cached
	restart
	if [ "$fl" = samba ]; then
		logon_is STATUS_NO_SUCH_USER --via wbinfo
		logon_is STATUS_LOGON_FAILURE
		verify_is STATUS_NO_SUCH_DOMAIN
	else
		logon_is STATUS_TRUSTED_DOMAIN_FAILURE
		verify_is STATUS_TRUSTED_DOMAIN_FAILURE
	fi

	# a change that reached only the trusting side
	fresh "$fl" rotation-pending
	brk "secret set" secret set RESOURCE 'G$$ACCOUNTS' --password new
	verdict_is rotation-pending
	run --json trust diagnose RESOURCE ACCOUNTS
	check "$fl rotation-pending: the account matches the OldValue" \
		has_out '"password": "old"'
	restart
	logon_is STATUS_SUCCESS # the OldValue still sets up the channel
	run trust verify RESOURCE ACCOUNTS
	check "$fl rotation-pending: trust verify OK with the OldValue" eval \
		'rc_is 0 && has_out "OK"'

	# the accounts domain rebuilt under the same name
	fresh "$fl" sid-mismatch
	brk "domain delete" domain delete ACCOUNTS
	brk "domain create" domain create ACCOUNTS --flavor "$fl"
	brk "trusting add" trusting add ACCOUNTS RESOURCE --password "$TPW"
	verdict_is sid-mismatch
	run --json trust diagnose RESOURCE ACCOUNTS
	check "$fl sid-mismatch: the JSON says the SIDs differ" \
		has_out '"sid": "mismatch"'

	# the accounts PDC off the network
	fresh "$fl" unreachable
	logon_is STATUS_SUCCESS
	brk "domain offline" domain offline ACCOUNTS
	verdict_is trusted-dc-unreachable
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl unreachable: the remedy brings the PDC back, not repaired" \
		eval 'has_out "nt4trust domain online ACCOUNTS" && ! has_out "trust repair does it"'
	for pass in before-restart after-restart; do
		[ "$pass" = after-restart ] && restart
		if [ "$fl" = samba ]; then
			logon_is STATUS_NO_LOGON_SERVERS
			verify_is STATUS_DOMAIN_CONTROLLER_NOT_FOUND
		else
			logon_is STATUS_TRUSTED_DOMAIN_FAILURE
			verify_is STATUS_TRUSTED_DOMAIN_FAILURE
		fi
	done
	brk "domain online" domain online ACCOUNTS
	verdict_is healthy
	logon_is STATUS_SUCCESS

	# the accounts domain not in the lab at all
	brk "domain delete" domain delete ACCOUNTS
	verdict_is trusted-dc-unreachable
	run trust diagnose RESOURCE ACCOUNTS
	check "$fl unreachable: says the domain is not in the lab" \
		has_out "no such domain in the lab"
done

# Bad requests: usage errors, not verdicts
run trust diagnose RESOURCE RESOURCE
check "a domain against itself: exit 2" eval 'rc_is 2 && has_err "cannot trust itself"'
run trust diagnose NOSUCH NOWHERE
check "neither domain in the lab: exit 1, one line" eval 'rc_is 1 && one_line_err && has_err "neither NOSUCH nor NOWHERE"'
finish
