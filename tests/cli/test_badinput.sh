#!/bin/sh
# Bad input: invalid names, missing domains, duplicates, a wrong trust
# password, corrupt store records, a directory that is not a lab.  Each gives
# a one-line error naming the thing and the reason, exit 1 or 2, and loses
# nothing.
. tests/cli/lib.sh

run domain create 'ACC/OUNTS'
check "invalid domain name: exit 2, one line naming it" eval 'rc_is 2 && one_line_err && has_err "ACC/OUNTS" && has_err "/"'
run domain create ABCDEFGHIJKLMNOP
check "16-character domain name: exit 2" eval 'rc_is 2 && one_line_err && has_err "ABCDEFGHIJKLMNOP" && has_err "15"'
run domain create ACCOUNTS --sid S-1-5-21-x-2-3
check "malformed SID: exit 2" eval 'rc_is 2 && one_line_err && has_err "S-1-5-21-x-2-3"'
run domain create ACCOUNTS --sid S-1-5-32-544
check "non-domain SID: exit 2" eval 'rc_is 2 && one_line_err && has_err "not a domain SID"'
run domain create ACCOUNTS --flavor nt5
check "unknown flavor: exit 2" eval 'rc_is 2 && has_err "unknown flavor"'
run domain list
check "a failed create leaves no lab content behind" eval 'rc_is 0 && has_out "No domains"'
run domain create ACCOUNTS
check "create ACCOUNTS" rc_is 0
run domain create accounts
check "duplicate domain (other case): exit 1" eval 'rc_is 1 && one_line_err && has_err "domain ACCOUNTS already exists"'
run domain create RESOURCE
run user add ACCOUNTS alice --password 'Secret#1'
run user add ACCOUNTS ALICE --password 'x'
check "duplicate account: exit 1" eval 'rc_is 1 && one_line_err && has_err "already has an account alice (RID 1000)"'
run user add ACCOUNTS 'bad[name' --password 'x'
check "invalid account name: exit 2" eval 'rc_is 2 && one_line_err && has_err "bad[name"'
run user add ACCOUNTS bob --password-file /nonexistent/pw
check "unreadable password file: exit 2" eval 'rc_is 2 && one_line_err && has_err "/nonexistent/pw"'
: > "$T/empty"
run user add ACCOUNTS bob --password-file "$T/empty"
check "empty password file: exit 2" eval 'rc_is 2 && one_line_err && has_err "empty"'
printf 'Bob#pw\n' > "$T/pw"
run user add ACCOUNTS bob --password-file "$T/pw"
check "password from a file" rc_is 0
run user add ACCOUNTS carol </dev/null
check "no password source and no terminal: exit 2" eval 'rc_is 2 && one_line_err && has_err "no password"'
run logon NOSUCH 'ACCOUNTS\alice' --password x
check "logon at a domain not in the lab: exit 1" eval 'rc_is 1 && one_line_err && has_err "no domain NOSUCH in lab"'
run trusting add NOSUCH RESOURCE --password x
check "trusting add on a missing domain: exit 1" eval 'rc_is 1 && one_line_err && has_err "no domain NOSUCH"'
run trusting add ACCOUNTS ACCOUNTS --password x
check "a domain trusting itself: exit 2" eval 'rc_is 2 && has_err "cannot trust itself"'
run trusting add ACCOUNTS RESOURCE --password 'TrustPass#2024'
run trusting add ACCOUNTS RESOURCE --password 'TrustPass#2024'
check "duplicate trust account: exit 1" eval 'rc_is 1 && one_line_err && has_err "already has an account RESOURCE\$"'

# A wrong trust password at trusted add: nothing is created.
cp "$T/lab/RESOURCE.tdb" "$T/before.tdb"
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2025'
check "wrong trust password: exit 1, names the PDC's answer" eval 'rc_is 1 && one_line_err && has_err "STATUS_LOGON_FAILURE (0xC000006D)" && has_err "answered the password probe" && has_err "STATUS_WRONG_PASSWORD" && has_err "Nothing was created"'
check "wrong trust password: RESOURCE.tdb unchanged" cmp -s "$T/before.tdb" "$T/lab/RESOURCE.tdb"
run secret show RESOURCE 'G$$ACCOUNTS'
check "no secret was written" eval 'rc_is 1 && has_err "has no LSA secret G\$\$ACCOUNTS"'
run trusted add RESOURCE NOWHERE --password x
check "trusted add to a domain that does not exist: exit 1" eval 'rc_is 1 && has_err "STATUS_NO_SUCH_DOMAIN (0xC00000DF)" && has_err "NOWHERE"'
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
check "the right password works" rc_is 0
run trusted add RESOURCE ACCOUNTS --password 'TrustPass#2024'
check "duplicate trusted domain: exit 1" eval 'rc_is 1 && one_line_err && has_err "RESOURCE already trusts ACCOUNTS"'
run logon RESOURCE 'UNKNOWN\alice' --password 'Secret#1' -v
check "logon for an untrusted domain: LOGON_FAILURE, cause NO_SUCH_DOMAIN" eval 'rc_is 1 && has_out "STATUS_LOGON_FAILURE" && has_out "STATUS_NO_SUCH_DOMAIN"'
run logon RESOURCE 'ACC/X\alice' --password x
check "malformed DOMAIN\\user: exit 2" eval 'rc_is 2 && one_line_err'

# Store files are created 0600.
check "stores are mode 0600" eval '[ "$(stat -c %a "$T/lab/ACCOUNTS.tdb")" = 600 ] && [ "$(stat -c %a "$T/lab/lab.tdb")" = 600 ]'

# Corrupt records: the error names the file and the key; nothing is lost.
if command -v tdbtool >/dev/null 2>&1; then
	cp "$T/lab/RESOURCE.tdb" "$T/good.tdb"
	tdbtool "$T/lab/RESOURCE.tdb" store 'TDO/ACCOUNTS' 'NT4Tgarbage' >/dev/null 2>&1
	tdbdump "$T/lab/RESOURCE.tdb" > "$T/corrupt.dump"
	run trust list
	check "corrupt TDO record: exit 1, one line with file and key" eval 'rc_is 1 && one_line_err && has_err "RESOURCE.tdb" && has_err "key TDO/ACCOUNTS"'
	run logon RESOURCE 'ACCOUNTS\alice' --password 'Secret#1'
	check "logon over a corrupt TDO: exit 1, names the key" eval 'rc_is 1 && has_err "key TDO/ACCOUNTS"'
	run trust verify RESOURCE ACCOUNTS
	check "trust verify over a corrupt TDO: exit 1, names the key" eval 'rc_is 1 && has_err "key TDO/ACCOUNTS"'
	tdbdump "$T/lab/RESOURCE.tdb" > "$T/after.dump"
	check "failed commands leave the corrupt store as it was" cmp -s "$T/corrupt.dump" "$T/after.dump"
	run trusted remove RESOURCE ACCOUNTS
	check "trusted remove clears the corrupt entry (it never decodes it)" rc_is 0
	run trust list
	check "after that the store reads cleanly again" eval 'rc_is 0 && has_out "trusted half only"'
	cp "$T/good.tdb" "$T/lab/RESOURCE.tdb"
	tdbtool "$T/lab/ACCOUNTS.tdb" store 'DOMAIN' 'NT4T' >/dev/null 2>&1
	run domain show ACCOUNTS
	check "corrupt DOMAIN record: exit 1, names file and key" eval 'rc_is 1 && one_line_err && has_err "ACCOUNTS.tdb" && has_err "key DOMAIN"'
	printf 'not a tdb' > "$T/lab/BROKEN.tdb"
	run domain show BROKEN
	check "a store that is not a tdb: exit 1, names the file" eval 'rc_is 1 && one_line_err && has_err "BROKEN.tdb"'
else
	tn=$((tn + 1)); echo "not ok $tn - tdbtool (Debian tdb-tools) missing: corrupt-record tests cannot run"
	fails=$((fails + 1))
fi

# Directories that are not labs.
mkdir -p "$T/notalab" && echo hello > "$T/notalab/file.txt"
run --lab "$T/notalab" domain create X
check "a non-empty directory without lab.tdb: exit 2, nothing written" eval 'rc_is 2 && one_line_err && has_err "is not an nt4trust lab" && [ ! -e "$T/notalab/lab.tdb" ] && [ ! -e "$T/notalab/X.tdb" ]'
run --lab "$T/nolab" domain list
check "a missing lab: exit 1" eval 'rc_is 1 && one_line_err && has_err "no nt4trust lab in"'
echo x > "$T/afile"
run --lab "$T/afile" domain list
check "a lab path that is a file: exit 2" eval 'rc_is 2 && one_line_err && has_err "is not a directory"'

# Passwords: one limit for every source.
long=$(printf 'p%.0s' $(seq 1 257))
run user add RESOURCE dave --password "$long"
check "a 257-character password: exit 2" eval 'rc_is 2 && one_line_err && has_err "longer than 256 characters"'
printf '%s\n' "${long%p}" > "$T/pw256"
run user add RESOURCE dave --password-file "$T/pw256"
check "a 256-character password from a file is accepted" rc_is 0
run secret set RESOURCE 'L$demo' --password 'v1'
check "secret set of a new secret says Created" eval 'rc_is 0 && has_out "Created secret L\$demo on RESOURCE" && ! has_out "old value"'
run secret set RESOURCE 'L$demo' --password 'v2'
check "secret set again: the old value is kept" eval 'rc_is 0 && has_out "Set secret L\$demo on RESOURCE (the previous current value is now the old value)"'

# Usage errors.
run frobnicate
check "unknown command: exit 2" eval 'rc_is 2 && has_err "unknown command"'
run trust
check "incomplete command: exit 2, lists the subcommands" eval 'rc_is 2 && has_err "'"'"'trust'"'"' needs a subcommand: list, verify, reset, diagnose, repair, explain"'
run help nosuch
check "help for an unknown command: exit 2" eval 'rc_is 2 && has_err "no command '"'"'nosuch'"'"'"'
run domain create
check "missing argument: exit 2 with the usage" eval 'rc_is 2 && has_err "usage: nt4trust domain create NAME"'
run domain list --bogus
check "unknown option: exit 2" eval 'rc_is 2 && has_err "--bogus"'
run domain list --sid S-1-5-21-1-2-3
check "an option of another command: exit 2" eval 'rc_is 2 && has_err "does not apply"'
finish
