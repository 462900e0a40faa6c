#!/bin/sh
# nt4trust samba diagnose on Samba classic private directories: the
# fixtures of tests/data/samba/ (Samba 4.17's record layouts, built by
# make-fixtures.py from REPORT.md's real records) give the verdict named
# by their directory, through the same code as the lab; nothing is written.
. tests/cli/lib.sh

D=tests/data/samba
for st in healthy trusted-side-missing trusting-side-missing no-trust \
	password-mismatch trust-account-disabled trust-account-wrong-type \
	sid-mismatch; do
	cp -r "$D/$st" "$T/$st"
	sum_before=$(cat "$T/$st"/*/*.tdb | md5sum)
	run samba diagnose --trusting "$T/$st/RESOURCE" --trusted "$T/$st/ACCOUNTS"
	want=1
	[ "$st" = healthy ] && want=0
	check "$st: verdict and exit status $want" eval 'rc_is $want && has_out "Trust RESOURCE -> ACCOUNTS: $st"'
	run --json samba diagnose --trusting "$T/$st/RESOURCE" --trusted "$T/$st/ACCOUNTS"
	check "$st: --json verdict" eval 'has_out "\"verdict\": \"$st\""'
	check "$st: the databases are not written" [ "$(cat "$T/$st"/*/*.tdb | md5sum)" = "$sum_before" ]
done

run samba diagnose --trusting "$D/healthy/RESOURCE" --trusted "$D/healthy/ACCOUNTS"
check "healthy: the evidence compares the hash with the password in secrets.tdb" eval 'has_out "matches CurrentValue" && has_out "S-1-5-21-909393080-4211228949-3319219212"'
check "no hash printed without --show-secrets" eval '! printf "%s\n" "$out" | grep -qiE "[0-9a-f]{32}"'
run samba diagnose --trusting "$D/healthy/RESOURCE" --trusted "$D/healthy/ACCOUNTS" --show-secrets
check "--show-secrets shows the trust account's NT hash" has_out "248de6aa0711fb774307f72c97bc52f7"

run samba diagnose --trusting "$D/two-way/RESOURCE" --trusted "$D/two-way/ACCOUNTS"
check "two-way: both directions reported, both healthy" eval 'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy" && has_out "Trust ACCOUNTS -> RESOURCE: healthy"'
run --json samba diagnose --trusting "$D/two-way/RESOURCE" --trusted "$D/two-way/ACCOUNTS"
check "two-way: --json has the reverse direction" has_out '"reverse": {'

# Bad input: missing options, missing or corrupt databases.
run samba diagnose --trusting "$D/healthy/RESOURCE"
check "missing --trusted: exit 2" eval 'rc_is 2 && has_err "needs --trusting DIR and --trusted DIR"'
run samba diagnose --trusting "$T/nowhere" --trusted "$D/healthy/ACCOUNTS"
check "a directory without secrets.tdb: exit 1, names the file" eval 'rc_is 1 && one_line_err && has_err "nowhere/secrets.tdb"'
run samba diagnose --trusting "$D/healthy/ACCOUNTS" --trusted "$D/healthy/ACCOUNTS"
check "the same domain twice: exit 2" eval 'rc_is 2 && has_err "both directories hold domain ACCOUNTS"'
mkdir -p "$T/corrupt"
cp -r "$D/healthy/RESOURCE" "$D/healthy/ACCOUNTS" "$T/corrupt/"
if command -v tdbtool >/dev/null 2>&1; then
	tdbtool "$T/corrupt/RESOURCE/secrets.tdb" store 'SECRETS/$DOMTRUST.ACC/ACCOUNTS' 'short' >/dev/null 2>&1
	run samba diagnose --trusting "$T/corrupt/RESOURCE" --trusted "$T/corrupt/ACCOUNTS"
	check "a corrupt TRUSTED_DOM_PASS: exit 1, names file and key" eval 'rc_is 1 && one_line_err && has_err "secrets.tdb" && has_err "DOMTRUST.ACC/ACCOUNTS"'
fi
run samba diagnose --trusting "$D/healthy/RESOURCE" --trusted "$D/healthy/ACCOUNTS" --trusting-name 'BAD/NAME'
check "a bad --trusting-name: exit 2" eval 'rc_is 2'
finish
