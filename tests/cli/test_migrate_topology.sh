#!/bin/sh
# migrate --topology: every NT4 trust of a lab of five domains (a two-way
# pair, two one-way pairs, a broken one) carried over at once.  The broken
# pair is refused and listed with its verdict and repair command (exit 1,
# nothing written) until --include-broken --generate; the plan orders the
# domains; one LDIF per domain (mode 0600) holding all of its objects and
# the lab's passwords; scripts per domain or to stdout; no secret in the
# scripts, the plan or the JSON; every bad option is a one-line error.
. tests/cli/lib.sh

SUF="--dns-suffix corp.example.com"

run domain create ACCOUNTS
run domain create RES1
run domain create RES2
run domain create RES3
run domain create LEGACY
# nt4tr TRUSTING TRUSTED PASSWORD: both halves of a one-way NT4 trust
nt4tr() {
	run trusting add "$2" "$1" --password "$3"
	run trusted add "$1" "$2" --password "$3"
}
nt4tr RES1 ACCOUNTS 'TrustR1-A#1'
nt4tr ACCOUNTS RES1 'TrustA-R1#2'
nt4tr RES2 ACCOUNTS 'TrustR2-A#3'
nt4tr RES3 RES2 'TrustR3-R2#4'
nt4tr LEGACY ACCOUNTS 'TrustL-A#5'
run trusting remove ACCOUNTS LEGACY
check "the lab: 5 domains, LEGACY -> ACCOUNTS broken" rc_is 0

# --- DNS names
run migrate --topology
check "no DNS name: exit 2, names the first domain and the options" eval \
	'rc_is 2 && one_line_err && has_err "no DNS name for ACCOUNTS: give --dns-suffix SUFFIX, --dns-map FILE or --dns-name ACCOUNTS=FQDN"'
printf 'ACCOUNTS hq.example.com\nRES1 r1.example.com\nRES1 again.example.com\n' > "$T/map.bad"
run migrate --topology $SUF --dns-map "$T/map.bad"
check "--dns-map: a name twice is named with its line" eval \
	'rc_is 2 && one_line_err && has_err "--dns-map $T/map.bad: line 3: RES1 given again (first on line 2)"'
printf 'ACCOUNTS hq.example.com\nNOWHERE x.example.com\n' > "$T/map.unk"
run migrate --topology $SUF --dns-map "$T/map.unk"
check "--dns-map: an unknown domain is named with its line" eval \
	'rc_is 2 && one_line_err && has_err "line 2: NOWHERE is not a domain of the topology"'
run migrate --topology --dns-suffix bad_suffix.example
check "--dns-suffix: a bad suffix is refused" eval \
	'rc_is 2 && one_line_err && has_err "--dns-suffix: DNS name" && has_err "bad_suffix.example"'
run migrate --topology $SUF --dns-name RES1=bad_name.example.com
check "--dns-name: a bad DNS name names the domain" eval \
	'rc_is 2 && one_line_err && has_err "RES1" && has_err "bad_name.example.com"'

# --- the summary: the broken pair refused
run migrate --topology $SUF
check "summary: exit 1 with a refused pair" rc_is 1
check "summary: counts" has_out "Topology: 5 domains, 4 pairs of NT4 trusts (1 two-way, 3 one-way), 1 broken (refused)"
check "summary: the refused pair with its verdict and repair command" has_out \
	"Refused: the NT4 trust LEGACY -> ACCOUNTS is trusted-side-missing: repair it first (nt4trust trust repair LEGACY ACCOUNTS), or give --include-broken --generate"
check "summary: plan, hub first" eval \
	'has_out "Step 1: on ACCOUNTS (accounts.corp.example.com) apply ACCOUNTS.ldif once (trusted domain objects 2, trust accounts 2)" &&
	 has_out "Step 2: on RES2 (res2.corp.example.com)" &&
	 has_out "  validate RES3 -> RES2 (one-way): netdom trust res3.corp.example.com /Domain:res2.corp.example.com /Verify" &&
	 has_out "  validate ACCOUNTS <-> RES1 (two-way)"'
check "summary: no password" eval '! has_out "Trust"'
mkdir "$T/none"
run migrate --topology $SUF --format ldif --out-dir "$T/none"
check "ldif with a refused pair: exit 1, listed, nothing written" eval \
	'rc_is 1 && has_err "LEGACY -> ACCOUNTS is trusted-side-missing" &&
	 has_err "1 broken pair(s) refused: nothing written" && [ -z "$(ls "$T/none")" ]'
run migrate --topology $SUF --include-broken
check "--include-broken without --generate: exit 2" eval \
	'rc_is 2 && one_line_err && has_err "add --generate (one random password per pair)"'

# --- include the broken pair with a generated password
IB="$SUF --include-broken --generate"
run migrate --topology $IB
check "included: exit 0, the broken pair gets a new password" eval \
	'rc_is 0 && has_out "1 broken (included with new passwords)" &&
	 has_out "except a new random one per broken pair" && ! has_out "new password of"'
run --show-secrets migrate --topology $IB
check "--show-secrets: the generated password of the broken pair only" eval \
	'rc_is 0 && [ "$(printf "%s\n" "$out" | grep -c "new password of ")" = 1 ] &&
	 has_out "new password of LEGACY <-> ACCOUNTS: "'

# --- LDIF, a file per domain
mkdir "$T/ldif"
run migrate --topology $IB --format ldif --out-dir "$T/ldif"
check "ldif: exit 0, five files and the plan" eval \
	'rc_is 0 && has_out "Wrote 5 ldif files and plan.txt to $T/ldif" &&
	 [ "$(ls "$T/ldif" | tr "\n" " ")" = "ACCOUNTS.ldif LEGACY.ldif RES1.ldif RES2.ldif RES3.ldif plan.txt " ]'
modes=$(stat -c %a "$T/ldif"/* | sort -u | tr '\n' ' ')
check "ldif: every file mode 0600" [ "$modes" = "600 " ]
check "ACCOUNTS.ldif: 3 objects + 3 accounts, all in its own domain" eval \
	'[ "$(grep -c "^dn: " "$T/ldif/ACCOUNTS.ldif")" = 6 ] &&
	 [ "$(grep "^dn: " "$T/ldif/ACCOUNTS.ldif" | grep -vc ",DC=accounts,DC=corp,DC=example,DC=com\$")" = 0 ]'
check "RES3.ldif: one outbound object, no account" eval \
	'[ "$(grep -c "^dn: " "$T/ldif/RES3.ldif")" = 1 ] && grep -q "^trustDirection: 2" "$T/ldif/RES3.ldif"'
check "RES1.ldif: a two-way object and the ACCOUNTS\$ account" eval \
	'grep -q "^trustDirection: 3" "$T/ldif/RES1.ldif" && grep -q "^sAMAccountName: ACCOUNTS\\$" "$T/ldif/RES1.ldif"'
# the outgoing blob of RES3 holds RES3's G$$RES2 value (CurrentValue) in clear
run --show-secrets --json secret show RES3 'G$$RES2'
cur16=$(printf '%s\n' "$out" | python3 -c '
import json, sys
print(json.load(sys.stdin)["current"]["hex"])' 2>/dev/null)
out16=$(sed -n 's/^trustAuthOutgoing:: //p' "$T/ldif/RES3.ldif" | python3 -c '
import base64, struct, sys
b = base64.b64decode(sys.stdin.read().strip())
cnt, cur, prev = struct.unpack_from("<III", b, 0)
t, typ, ln = struct.unpack_from("<QII", b, cur)
print(b[cur + 16:cur + 16 + ln].hex())' 2>/dev/null)
check "RES3's outgoing blob carries the lab's G\$\$RES2 password" eval \
	'[ -n "$cur16" ] && [ "$out16" = "$cur16" ]'
check "plan.txt: the plan, no secret" eval \
	'grep -q "^Step 1: on ACCOUNTS" "$T/ldif/plan.txt" && ! grep -q "Trust" "$T/ldif/plan.txt"'

# --- scripts
mkdir "$T/ps"
run migrate --topology $IB --format powershell --out-dir "$T/ps"
check "powershell --out-dir: one script per domain, mode 0600" eval \
	'rc_is 0 && [ -f "$T/ps/ACCOUNTS.ps1" ] && [ "$(stat -c %a "$T/ps/RES3.ps1")" = 600 ]'
check "powershell: no password in any script" eval \
	'! grep -rq "Trust[A-Z0-9]*-" "$T/ps" && ! grep -rq "TrustL" "$T/ps"'
run migrate --topology $IB --format samba-tool
check "samba-tool to stdout: each pair created once, by its creator" eval \
	'rc_is 0 && [ "$(printf "%s\n" "$out" | grep -c "^samba-tool domain trust create")" = 4 ] &&
	 has_out "samba-tool domain trust create res2.corp.example.com --type=external --direction=outgoing --create-location=both"'
run migrate --topology $IB --format netdom
check "netdom to stdout: each side of each pair" eval \
	'rc_is 0 && [ "$(printf "%s\n" "$out" | grep -c " /Add")" = 8 ] && ! has_out "TrustR"'

# --- JSON
run migrate --topology $IB --format json
check "json: counts, plan and pairs, no password" eval \
	'rc_is 0 && printf "%s\n" "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d[\"domains\"] == 5 and d[\"two_way\"] == 1 and d[\"one_way\"] == 3
assert d[\"plan\"][0][\"domain\"][\"flat\"] == \"ACCOUNTS\"
assert len(d[\"pairs\"]) == 4
assert all(\"password\" not in p for p in d[\"pairs\"])
" && ! has_out "Trust"'
run --show-secrets migrate --topology $IB --json
check "json --show-secrets: the generated password of the broken pair" eval \
	'rc_is 0 && printf "%s\n" "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
p = [x for x in d[\"pairs\"] if \"password\" in x]
assert len(p) == 1 and p[0][\"broken\"] and len(p[0][\"password\"]) == 32
"'
run migrate --topology $SUF --json
check "json with a refused pair: exit 1, listed as refused" eval \
	'rc_is 1 && printf "%s\n" "$out" | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d[\"refused\"] == 1
"'

# --- bad options: one line each, exit 2
bad() {
	want=$1
	shift
	run migrate --topology "$@"
	check "bad: $want" eval 'rc_is 2 && one_line_err && has_err "$want"'
}
bad "--topology takes no DOMAIN PARTNER" $SUF RES1 ACCOUNTS
bad "--direction, --sides and --side are for one pair" $SUF --direction two-way
bad "never uses one password for all pairs" $SUF --password-file "$T/pw"
bad "--generate makes new passwords for broken pairs" $SUF --generate
bad "--format ldif needs --out-dir DIR" $IB --format ldif
bad "--format yaml: expected summary" $SUF --format yaml
bad "--out-dir $T/nowhere: not a directory" $IB --format netdom --out-dir "$T/nowhere"
bad "--auth x: expected domain-wide or selective" $SUF --auth x
run migrate --topology $SUF --dns-map "$T/missing"
check "bad: a missing --dns-map file" eval 'rc_is 2 && one_line_err && has_err "$T/missing"'
run trust list --dns-suffix x.example
check "--dns-suffix only with migrate" eval '! rc_is 0'
finish
