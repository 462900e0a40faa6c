#!/bin/sh
# nt4trust samba import: the fixtures of tests/data/samba/ copied into a
# lab of flavor samba predict what samba diagnose reads from the files
# (the same verdict for every state), logons behave as on the real
# domains, and the repair rehearsed in the lab works.  The Samba files are
# never written; a clash or a bad directory imports nothing.
. tests/cli/lib.sh

D=tests/data/samba
verdict() { printf '%s\n' "$out" | sed -n 's/.*"verdict": "\([^"]*\)".*/\1/p' | head -1; }

for st in healthy trusted-side-missing trusting-side-missing no-trust \
	password-mismatch trust-account-disabled trust-account-wrong-type \
	sid-mismatch two-way; do
	cp -r "$D/$st" "$T/$st"
	sum_before=$(cat "$T/$st"/*/*.tdb | md5sum)
	L="$T/lab-$st"
	run --lab "$L" samba import "$T/$st/RESOURCE" "$T/$st/ACCOUNTS"
	check "$st: import exits 0 and names both domains" eval 'rc_is 0 && has_out "Imported RESOURCE" && has_out "Imported ACCOUNTS"'
	run --json samba diagnose --trusting "$T/$st/RESOURCE" --trusted "$T/$st/ACCOUNTS"
	real=$(verdict)
	run --lab "$L" --json trust diagnose RESOURCE ACCOUNTS
	lab=$(verdict)
	check "$st: the lab's verdict ($lab) is samba diagnose's ($real)" eval '[ -n "$real" ] && [ "$lab" = "$real" ]'
	check "$st: the Samba files are not modified" [ "$(cat "$T/$st"/*/*.tdb | md5sum)" = "$sum_before" ]
done

L="$T/lab-healthy"
run --lab "$L" logon RESOURCE 'ACCOUNTS\alice' --password 'Al1ce-Pa55w0rd'
check "healthy: alice logs on at RESOURCE" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'
run --lab "$L" domain show RESOURCE
check "healthy: RESOURCE keeps its real SID, PDC and flavor samba" eval 'has_out "S-1-5-21-3810631511-2797423405-3000420610" && has_out "RESPDC" && has_out "samba"'
run --lab "$L" domain show ACCOUNTS
check "healthy: ACCOUNTS keeps its real SID" has_out "S-1-5-21-909393080-4211228949-3319219212"
run --lab "$L" --json account show ACCOUNTS alice
check "healthy: alice keeps her RID" has_out '1001'
run --lab "$L" account show ACCOUNTS 'RESOURCE$' --show-secrets
check "healthy: the trust account keeps its NT hash and flags" eval 'has_out "248de6aa0711fb774307f72c97bc52f7" && has_out "[I"'

run --lab "$L" clock show
check "healthy: the lab clock joined the imported password times (no change overdue)" eval 'rc_is 0 && has_out "RESOURCE        -> ACCOUNTS        due 20" && ! has_out "overdue" && ! has_out "Lab clock: 1999"'
run --lab "$L" clock advance 8d
check "healthy: 8 days on, RESOURCE changes the trust password" eval 'rc_is 0 && has_out "RESOURCE -> ACCOUNTS: trust password changed (NetrServerPasswordSet2)"'
run --lab "$L" logon RESOURCE 'ACCOUNTS\alice' --password 'Al1ce-Pa55w0rd'
check "healthy: after the change alice still logs on" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'

L2="$T/lab-twice"
run --lab "$L2" samba import "$D/healthy/ACCOUNTS"
sum_lab=$(cat "$L2"/*.tdb | md5sum)
run --lab "$L2" samba import "$D/healthy/RESOURCE" "$D/healthy/ACCOUNTS"
check "importing a domain twice: exit 1, names it" eval 'rc_is 1 && one_line_err && has_err "already has a domain ACCOUNTS"'
check "importing twice: nothing imported, the lab unchanged" eval '[ ! -e "$L2/RESOURCE.tdb" ] && [ "$(cat "$L2"/*.tdb | md5sum)" = "$sum_lab" ]'
run --lab "$T/lab-same" samba import "$D/healthy/ACCOUNTS" "$D/two-way/ACCOUNTS"
check "the same domain from two directories: exit 1, nothing imported" eval 'rc_is 1 && has_err "both hold domain ACCOUNTS" && [ ! -e "$T/lab-same/ACCOUNTS.tdb" ]'

L="$T/lab-trusted-side-missing"
run --lab "$L" domain restart RESOURCE
run --lab "$L" logon RESOURCE 'ACCOUNTS\alice' --password 'Al1ce-Pa55w0rd'
check "trusted-side-missing: after a restart the logon is denied" eval 'rc_is 1 && has_out "STATUS_ACCESS_DENIED"'
run --lab "$L" trust verify RESOURCE ACCOUNTS
check "trusted-side-missing: trust verify is denied" eval 'rc_is 1 && has_out "STATUS_ACCESS_DENIED"'
run --lab "$L" trust repair RESOURCE ACCOUNTS --generate
check "trusted-side-missing: trust repair succeeds" rc_is 0
run --lab "$L" logon RESOURCE 'ACCOUNTS\alice' --password 'Al1ce-Pa55w0rd'
check "trusted-side-missing: after the repair alice logs on" eval 'rc_is 0 && has_out "STATUS_SUCCESS"'

# Output: no password or hash; bad input.
run --lab "$T/lab-out" samba import "$D/healthy/RESOURCE" "$D/healthy/ACCOUNTS" --show-secrets
check "no password or hash printed" eval '! printf "%s\n" "$out" | grep -qiE "[0-9a-f]{32}|Tru5t|Al1ce"'
check "the trust list summary follows" has_out "RESOURCE        -> ACCOUNTS         both halves"
run samba import
check "no DIR: exit 2" rc_is 2
run --lab "$T/lab-bad" samba import "$T/nowhere" "$D/healthy/ACCOUNTS"
check "a directory without secrets.tdb: exit 1, names the file, nothing imported" eval 'rc_is 1 && one_line_err && has_err "nowhere/secrets.tdb" && [ ! -e "$T/lab-bad/ACCOUNTS.tdb" ]'
if command -v tdbtool >/dev/null 2>&1; then
	mkdir -p "$T/corrupt"
	cp -r "$D/healthy/RESOURCE" "$D/healthy/ACCOUNTS" "$T/corrupt/"
	tdbtool "$T/corrupt/RESOURCE/secrets.tdb" store 'SECRETS/$DOMTRUST.ACC/ACCOUNTS' 'short' >/dev/null 2>&1
	run --lab "$T/lab-corrupt" samba import "$T/corrupt/ACCOUNTS" "$T/corrupt/RESOURCE"
	check "a corrupt record: exit 1, names file and key, nothing half-written" eval 'rc_is 1 && one_line_err && has_err "DOMTRUST.ACC/ACCOUNTS" && [ ! -e "$T/lab-corrupt/RESOURCE.tdb" ] && [ ! -e "$T/lab-corrupt/ACCOUNTS.tdb" ]'
fi
finish
