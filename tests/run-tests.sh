#!/bin/sh
# tests/run-tests.sh BUILD - run every test of make check and print one
# summary line "N passed, N failed" (", N skipped" added when some were).
#   1. unit-test binaries BUILD/tests/check_* (TAP)
#   2. fuzz corpus replay BUILD/fuzz-replay/fuzz_* over tests/fuzz/corpus/<name>
#   3. CLI tests tests/cli/test_*.sh against BUILD/nt4trust (TAP)
#   4. real Samba tests tests/samba/test_*.sh against BUILD/nt4trust (TAP)
# A test that exits 77 after printing "SKIP: <reason>" is counted as
# skipped, never as passed.
set -u
BUILD=${1:-build}
pass=0
fail=0
skip=0
failed_names=""

count_tap() { # name file rc
	if [ "$3" = 77 ] && grep -q '^SKIP: ' "$2"; then
		skip=$((skip + 1))
		printf '  %-34s skipped (%s)\n' "$1" "$(sed -n 's/^SKIP: //p' "$2" | head -1)"
		return
	fi
	p=$(grep -c '^ok ' "$2" || true)
	f=$(grep -c '^not ok ' "$2" || true)
	if [ "$3" != 0 ] && [ "$f" = 0 ]; then f=1; fi
	if [ "$p" = 0 ] && [ "$f" = 0 ]; then f=1; echo "  $1: ran no test"; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" != 0 ]; then
		failed_names="$failed_names $1"
		grep '^not ok ' "$2" | sed 's/^/    /'
	fi
	printf '  %-34s %4d ok %3d failed\n' "$1" "$p" "$f"
}

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
echo "== unit tests"
for t in "$BUILD"/tests/check_*; do
	[ -x "$t" ] || continue
	case "$t" in *.o|*.d) continue;; esac
	"$t" > "$tmp" 2>&1; rc=$?
	count_tap "$(basename "$t")" "$tmp" $rc
done
echo "== fuzz corpus replay"
for t in "$BUILD"/fuzz-replay/fuzz_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	if [ ! -d "tests/fuzz/corpus/$n" ]; then
		echo "not ok 1 - $n: no corpus in tests/fuzz/corpus/$n" > "$tmp"; rc=1
	else
		"$t" "tests/fuzz/corpus/$n" > "$tmp.out" 2>&1; rc=$?
		if [ $rc = 0 ]; then echo "ok 1 - $n $(tail -1 "$tmp.out")" > "$tmp"
		else { echo "not ok 1 - $n"; tail -5 "$tmp.out"; } > "$tmp"; fi
		rm -f "$tmp.out"
	fi
	count_tap "$n" "$tmp" $rc
done
echo "== command-line tests"
for t in tests/cli/test_*.sh; do
	[ -f "$t" ] || continue
	NT4TRUST="$BUILD/nt4trust" sh "$t" > "$tmp" 2>&1; rc=$?
	count_tap "$(basename "$t" .sh)" "$tmp" $rc
done
echo "== real Samba tests"
for t in tests/samba/test_*.sh; do
	[ -f "$t" ] || continue
	NT4TRUST="$BUILD/nt4trust" sh "$t" > "$tmp" 2>&1; rc=$?
	count_tap "$(basename "$t" .sh)" "$tmp" $rc
done
echo
[ -n "$failed_names" ] && echo "failed:$failed_names"
if [ "$skip" = 0 ]; then
	echo "$pass passed, $fail failed"
else
	echo "$pass passed, $fail failed, $skip skipped"
fi
[ "$fail" = 0 ]
