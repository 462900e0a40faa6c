#!/bin/sh
# nt4trust samba diagnose DIR...: every trust among many Samba classic
# private directories.  A small estate from bench/gen_samba_estate (200
# users, 5 resource domains; seed 1999 breaks RES0001 disabled, RES0002
# password, RES0003 missing on ACCOUNTS): per-trust lines, summary, JSON,
# exit status, one-sided trusts, the pair mode agreeing, bad input, a
# corrupt record named by file, key and offset, and pdbedit reading the
# generated files when Samba's tools are installed.
. tests/cli/lib.sh

G=$(dirname "$N")/bench/gen_samba_estate
if [ ! -x "$G" ]; then
	echo "SKIP: $G not built (make check builds it)"
	exit 77
fi
E=$T/estate
"$G" -u 200 -t 5 -m 1 -d 1 -x 1 "$E" > "$T/gen.out" 2>&1
check "the generator writes a small estate" eval 'grep -q "expect: healthy=2 password-mismatch=1 trust-account-disabled=1 trusted-side-missing=1" "$T/gen.out"'
sum_before=$(cat "$E"/*/private/*.tdb | md5sum)

run samba diagnose "$E"/*/private
check "one line per trust, broken ones found" eval 'rc_is 1 &&
	has_out "RES0001 -> ACCOUNTS: trust-account-disabled" &&
	has_out "RES0002 -> ACCOUNTS: password-mismatch" &&
	has_out "RES0003 -> ACCOUNTS: trusted-side-missing" &&
	has_out "RES0004 -> ACCOUNTS: healthy" &&
	has_out "RES0005 -> ACCOUNTS: healthy"'
check "exactly 5 trust lines" [ "$(printf '%s\n' "$out" | grep -c ' -> ')" = 5 ]
check "the summary counts by verdict" has_out "Summary: 5 trusts among 6 domains: 2 healthy, 1 trusted-side-missing, 1 trust-account-disabled, 1 password-mismatch"
check "no hash printed" eval '! printf "%s\n" "$out" | grep -qiE "[0-9a-f]{32}"'

# every two-sided verdict is the pair mode's verdict
same=1
for i in 1 2 3 4 5; do
	r=RES000$i
	line=$(printf '%s\n' "$out" | grep "^$r -> ACCOUNTS: ")
	run samba diagnose --trusting "$E/$r/private" --trusted "$E/ACCOUNTS/private"
	printf '%s\n' "$out" | grep -qF "Trust $r -> ACCOUNTS: ${line#*: }" || same=0
	run samba diagnose "$E"/*/private
done
check "the pair mode gives the same verdicts" [ "$same" = 1 ]

run --json samba diagnose "$E"/*/private
printf '%s\n' "$out" > "$T/e.json"
check "--json: 5 trusts, summary, exit" eval 'rc_is 1 &&
	[ "$(jq ".trusts | length" "$T/e.json")" = 5 ] &&
	[ "$(jq -c .summary "$T/e.json")" = "{\"healthy\":2,\"trusted-side-missing\":1,\"trust-account-disabled\":1,\"password-mismatch\":1}" ] &&
	[ "$(jq .exit "$T/e.json")" = 1 ]'
check "--json: each trust is the pair mode's object" eval '[ "$(jq -r ".trusts[1] | [.verdict, .trusting.name, .trusted.name, .evidence.password, .trusted.trust_account.name, (.checked|tostring), (.one_sided|tostring)] | join(\" \")" "$T/e.json")" = "password-mismatch RES0002 ACCOUNTS none RES0002\$ true false" ]'
run -v samba diagnose "$E"/*/private
check "-v adds the evidence and remedy blocks" eval 'has_out "Trust RES0002 -> ACCOUNTS: password-mismatch" && has_out "Evidence" && has_out "Remedy" && has_out "matches neither CurrentValue"'
check "the databases are not written" [ "$(cat "$E"/*/private/*.tdb | md5sum)" = "$sum_before" ]

# all healthy: exit 0
"$G" -u 10 -t 3 -m 0 -d 0 -x 0 -s 7 "$T/ok" > /dev/null 2>&1
run samba diagnose "$T"/ok/*/private
check "all healthy: exit 0" eval 'rc_is 0 && has_out "Summary: 3 trusts among 4 domains: 3 healthy"'

# one-sided trusts
run samba diagnose "$E/ACCOUNTS/private"
check "only ACCOUNTS: its halves checked alone" eval 'rc_is 1 &&
	has_out "RES0001 -> ACCOUNTS: trust-account-disabled (RES0001 not given: only the ACCOUNTS half was checked)" &&
	has_out "RES0004 -> ACCOUNTS: unchecked (RES0004 not given: only the ACCOUNTS half was checked)" &&
	has_out "RES0002 -> ACCOUNTS: unchecked" && ! has_out "RES0003"'
run samba diagnose "$E/RES0004/private" "$E/RES0003/private"
check "only resource domains: unchecked, exit 0" eval 'rc_is 0 &&
	has_out "RES0003 -> ACCOUNTS: unchecked (ACCOUNTS not given: only the RES0003 half was checked)" &&
	has_out "Summary: 2 trusts among 2 domains: 2 unchecked"'
run --json samba diagnose "$E/RES0004/private" "$E/ACCOUNTS/private"
printf '%s\n' "$out" > "$T/o.json"
check "--json one-sided: unchecked, partner-not-given" eval '[ "$(jq -r "[.trusts[] | select(.trusting.name == \"RES0005\") | .verdict, .reason, .not_given, (.checked|tostring), (.trusting.known|tostring)] | join(\" \")" "$T/o.json")" = "unchecked partner-not-given RES0005 false false" ] &&
	[ "$(jq -r ".trusts[] | select(.trusting.name == \"RES0004\") | .verdict" "$T/o.json")" = healthy ]'
run -v samba diagnose "$E/ACCOUNTS/private"
check "-v one-sided: the half read" eval 'has_out "RES0001 (trusting): not given" && has_out "account RES0001\$: RID"'

# bad input
run samba diagnose
check "no directory and no options: exit 2, both forms named" eval 'rc_is 2 && one_line_err && has_err "needs DIR..." && has_err "--trusting DIR and --trusted DIR"'
run samba diagnose "$E/ACCOUNTS/private" "$E/RES0001/private" --trusting "$E/RES0001/private"
check "DIR... with --trusting: exit 2" eval 'rc_is 2 && one_line_err'
cp -r "$E/ACCOUNTS" "$T/copy"
run samba diagnose "$E/ACCOUNTS/private" "$E/RES0001/private" "$T/copy/private"
check "a domain given twice: exit 2, both directories named" eval 'rc_is 2 && one_line_err && has_err "domain ACCOUNTS is in two directories" && has_err "$E/ACCOUNTS/private" && has_err "$T/copy/private"'
run samba diagnose "$E/ACCOUNTS/private" "$T/nowhere"
check "a missing directory: exit 1, names the file" eval 'rc_is 1 && one_line_err && has_err "nowhere/secrets.tdb"'
mkdir "$T/nopassdb"
cp "$E/RES0001/private/secrets.tdb" "$T/nopassdb/"
run samba diagnose "$E/ACCOUNTS/private" "$T/nopassdb"
check "a directory without passdb.tdb: exit 1, names the file" eval 'rc_is 1 && one_line_err && has_err "nopassdb/passdb.tdb"'

# corrupt records (Samba's python tdb module, when installed)
PY=/usr/bin/python3
if [ -x "$PY" ] && "$PY" -c 'import tdb' 2>/dev/null; then
	cp -r "$E" "$T/bad"
	"$PY" - "$T/bad/ACCOUNTS/private/passdb.tdb" <<'EOF'
import os, sys, tdb
t = tdb.Tdb(sys.argv[1], 0, tdb.DEFAULT, os.O_RDWR)
t.store(b"USER_user000001\x00", b"not a SAMU record", tdb.REPLACE)
t.close()
EOF
	run samba diagnose "$T"/bad/*/private
	check "a corrupt user record is not decoded (users are skipped)" eval 'rc_is 1 && [ -z "$err" ] && has_out "RES0004 -> ACCOUNTS: healthy"'
	"$PY" - "$T/bad/ACCOUNTS/private/passdb.tdb" <<'EOF'
import os, sys, tdb
t = tdb.Tdb(sys.argv[1], 0, tdb.DEFAULT, os.O_RDWR)
k = b"USER_res0004$\x00"
t.store(k, t.get(k)[:100], tdb.REPLACE)
t.close()
EOF
	run samba diagnose "$T"/bad/*/private
	check "a corrupt trust account: exit 1, names file, key and offset" eval 'rc_is 1 && one_line_err && has_err "ACCOUNTS/private/passdb.tdb: key USER_res0004\$:" && has_err "at offset 97"'
else
	echo "# no python3 tdb module: corrupt-record checks skipped"
fi

# pdbedit (Samba's own tool) reads what the generator wrote
if command -v pdbedit > /dev/null 2>&1; then
	mkdir -p "$T/smb/lock" "$T/smb/state" "$T/smb/cache" "$T/smb/pid"
	cat > "$T/smb/smb.conf" <<EOF
[global]
	workgroup = ACCOUNTS
	netbios name = ACCTPDC
	passdb backend = tdbsam:$E/ACCOUNTS/private/passdb.tdb
	private dir = $E/ACCOUNTS/private
	lock directory = $T/smb/lock
	state directory = $T/smb/state
	cache directory = $T/smb/cache
	pid directory = $T/smb/pid
	log file = $T/smb/log
EOF
	n=$(pdbedit -s "$T/smb/smb.conf" -L 2>/dev/null | grep -c .)
	check "pdbedit -L lists root, 200 users and 4 trust accounts" [ "$n" = 205 ]
	h=$(pdbedit -s "$T/smb/smb.conf" -L -w 2>/dev/null | awk -F: '$1 == "RES0004$" { print $4 }')
	run --json --show-secrets samba diagnose "$E/RES0004/private" "$E/ACCOUNTS/private"
	mine=$(printf '%s\n' "$out" | jq -r '.trusts[] | select(.trusting.name == "RES0004") | .trusted.trust_account.nt_hash' | tr a-f A-F)
	check "pdbedit -L -w shows the trust account's hash we read" eval '[ -n "$h" ] && [ "$h" = "$mine" ]'
	flags=$(pdbedit -s "$T/smb/smb.conf" -L -w 2>/dev/null | awk -F: '$1 == "RES0001$" { print $5 }')
	check "pdbedit shows RES0001\$ as a disabled trust account" eval 'case "$flags" in *D*I*) true;; *) false;; esac'
else
	echo "# pdbedit not installed: Samba cross-checks skipped"
fi
finish
