#!/bin/sh
# nt4trust lab run: the transcript (narration, commands with masked
# passwords, captured output, one line per expectation, the summary), the
# exit status 0/1/2, the temporary lab (made and removed) and --lab DIR
# (kept).  Format: docs/formats/scenario.md.
. tests/cli/lib.sh

mkdir -p "$T/tmp"
export TMPDIR="$T/tmp"

cat >"$T/pass" <<'EOF'
#! not printed
## Two domains
# ACCOUNTS holds the users.
domain create ACCOUNTS
domain create RESOURCE
user add ACCOUNTS alice --fullname "Alice \"A\" Smith" --password 'Secret#1'
expect output 'Added user ACCOUNTS\alice (RID 1000)'
trusting add ACCOUNTS RESOURCE --password=TrustPass#2024
trusted add RESOURCE ACCOUNTS \
	--password 'TrustPass#2024'
expect ok
expect status STATUS_SUCCESS
logon RESOURCE 'ACCOUNTS\alice' --password 'wrong'   # a comment
expect exit 1
expect status 0xC000006D
expect output "nt4trust: logon of ACCOUNTS\\alice at RESOURCE failed"
expect output 'Windows error 1326'
-v logon RESOURCE ACCOUNTS\\alice --password 'Secret#1'
expect output NTLMv2
domain show NOSUCH
expect exit 1
EOF

run lab run "$T/pass"
check "a passing scenario: exit 0" rc_is 0
check "summary: 8 commands, 12 expectations: all held" has_out "8 commands, 12 expectations: all held"
check "it ran in a temporary lab" has_out "Scenario $T/pass (temporary lab $T/tmp/nt4trust-lab."
check "the temporary lab is removed afterwards" [ -z "$(ls -A "$T/tmp")" ]
check "\$NT4TRUST_LAB is not used" [ ! -e "$NT4TRUST_LAB" ]
check "nothing on stderr" [ -z "$err" ]
check "## is a heading, # narration, #! not printed" eval 'has_out "Two domains" && has_out "ACCOUNTS holds the users." && ! has_out "not printed"'
check "commands shown with \$ and masked passwords" eval 'has_out "\$ nt4trust user add ACCOUNTS alice --fullname '"'"'Alice \"A\" Smith'"'"' --password ********" && has_out "\$ nt4trust trusting add ACCOUNTS RESOURCE --password=********" && ! has_out "Secret#1" && ! has_out "TrustPass"'
check "a backslash word is shown quoted" has_out "\$ nt4trust logon RESOURCE 'ACCOUNTS\\alice' --password ********"
check "continuation lines join into one command" has_out "\$ nt4trust trusted add RESOURCE ACCOUNTS --password ********"
check "output is captured and indented by 4" has_out "    Added user ACCOUNTS\\alice (RID 1000)"
check "stderr is captured too, after the stdout before it" eval 'printf "%s\n" "$out" | awk "/Windows error 1326 [(]/ { a = NR } /^    nt4trust: logon of/ { b = NR } END { exit !(a && b > a) }"'
check "one line per expectation" eval 'has_out "    ok: exit 1" && has_out "    ok: status STATUS_LOGON_FAILURE" && has_out "    ok: output contains \"Windows error 1326\""'
check "a command without expect line: ok: exit 0" eval '[ "$(printf "%s\n" "$out" | grep -c "^    ok: exit 0$")" = 4 ]'
check "-v in a line reaches the command" has_out "    ok: output contains \"NTLMv2\""

cat >"$T/fail" <<'EOF'
# One of these fails.
domain create ACCOUNTS
domain create RESOURCE
trust verify RESOURCE ACCOUNTS
expect exit 1
expect status STATUS_SUCCESS
expect output 'no such text'
expect verdict healthy
domain show NOSUCH
domain list
expect ok
expect status 0
EOF
run lab run "$T/fail" --lab "$T/faillab"
check "a failing expectation: exit 1" rc_is 1
check "FAILED names the line: status" has_out "    FAILED (line 6): expected status STATUS_SUCCESS, got STATUS_NO_SUCH_DOMAIN (0xC00000DF)"
check "FAILED: a command that got no status" has_out "    FAILED (line 12): expected status STATUS_SUCCESS, got no status"
check "FAILED names the line: output" has_out "    FAILED (line 7): expected output containing \"no such text\", not found"
check "FAILED names the line: verdict" has_out "    FAILED (line 8): expected verdict healthy, got no verdict"
check "FAILED for a command without expect line" has_out "    FAILED (line 9): expected exit 0 (no expect line), got exit 1"
check "the other expectations still hold" eval 'has_out "    ok: exit 1" && [ "$(printf "%s\n" "$out" | grep -c "^    ok: exit 0$")" = 3 ]'
check "every command ran" has_out "\$ nt4trust domain list"
check "summary counts the failures" has_out "5 commands, 9 expectations: 5 failed"
check "stderr says so in one line" eval 'one_line_err && has_err "nt4trust: scenario $T/fail: 5 of 9 expectations failed"'
check "--lab DIR is used and kept" eval 'has_out "Scenario $T/fail (lab $T/faillab)" && [ -f "$T/faillab/lab.tdb" ] && [ -f "$T/faillab/ACCOUNTS.tdb" ]'

cat >"$T/status" <<'EOF'
domain create ACCOUNTS
domain create RESOURCE
trusting add ACCOUNTS RESOURCE --password 'P#1'
trusted add RESOURCE ACCOUNTS --password 'P#1'
user add ACCOUNTS alice --password 'Secret#1'
logon RESOURCE 'ACCOUNTS\alice' --password 'x'
expect status STATUS_SUCCESS
EOF
run lab run "$T/status"
check "status mismatch: exit 1" rc_is 1
check "status mismatch names both" has_out "    FAILED (line 7): expected status STATUS_SUCCESS, got STATUS_LOGON_FAILURE (0xC000006D)"
check "failing run also removes its temporary lab" [ -z "$(ls -A "$T/tmp")" ]

printf 'domain create A\nexpect exit 300\n' >"$T/bad"
run lab run "$T/bad" --lab "$T/badlab"
check "a parse error: exit 2" rc_is 2
check "parse error names the line" eval 'one_line_err && has_err "nt4trust: scenario $T/bad: line 2: '"'"'expect exit'"'"' needs an exit status 0-255, not '"'"'300'"'"'"'
check "nothing runs when the file does not parse" eval '[ -z "$out" ] && [ ! -e "$T/badlab" ]'

printf 'nt4trust domain create A => 0\n' >"$T/old"
run lab run "$T/old"
check "the old format is refused with a hint" eval 'rc_is 2 && has_err "line 1: write commands without the program name"'
check "no temporary lab left after a parse error" [ -z "$(ls -A "$T/tmp")" ]

run lab run "$T/nosuch-scenario"
check "a missing file: exit 2" eval 'rc_is 2 && one_line_err && has_err "nt4trust: no scenario file $T/nosuch-scenario"'
run lab run nosuch
check "an unknown NAME: exit 2" eval 'rc_is 2 && has_err "no scenario '"'"'nosuch'"'"'"'
run --json lab run "$T/pass"
check "--json is refused" eval 'rc_is 2 && has_err "--json is not supported"'

printf 'lab run %s\n' "$T/pass" >"$T/nested"
run lab run "$T/nested"
check "lab run inside a scenario is refused" eval 'rc_is 1 && has_out "    nt4trust: lab run cannot run inside a scenario" && has_out "FAILED (line 1): expected exit 0 (no expect line), got exit 2"'

if "$N" help trust diagnose >/dev/null 2>&1; then
	cat >"$T/verdict" <<'EOF'
domain create ACCOUNTS
domain create RESOURCE
trusting add ACCOUNTS RESOURCE --password 'P#1'
trusted add RESOURCE ACCOUNTS --password 'P#1'
trust diagnose RESOURCE ACCOUNTS
expect verdict healthy
trusting remove ACCOUNTS RESOURCE
trust diagnose RESOURCE ACCOUNTS
expect verdict trusted-side-missing
expect verdict healthy
EOF
	run lab run "$T/verdict"
	check "expect verdict checks trust diagnose" eval 'rc_is 1 && has_out "    ok: verdict healthy" && has_out "    ok: verdict trusted-side-missing" && has_out "    FAILED (line 10): expected verdict healthy, got trusted-side-missing"'
else
	check "expect verdict checks trust diagnose # SKIP no trust diagnose in this build" true
fi

mkdir -p "$T/scen"
printf '# by name\ndomain list\nexpect exit 1\n' >"$T/scen/byname"
export NT4TRUST_SCENARIOS="$T/scen"
run lab run byname
unset NT4TRUST_SCENARIOS
check "NAME from \$NT4TRUST_SCENARIOS" eval 'rc_is 0 && has_out "1 command, 1 expectation: all held"'
check "no temporary directory left at all" [ -z "$(ls -A "$T/tmp")" ]
finish
