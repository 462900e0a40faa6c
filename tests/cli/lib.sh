# tests/cli/lib.sh - helpers for the command-line tests (sourced).
# Each test prints TAP lines; run-tests.sh counts them.
#   run ARGS...         run the binary; sets $rc, $out (stdout), $err (stderr)
#   check DESC COND...  "ok N - DESC" if the shell test COND succeeds
N=${NT4TRUST:-build/nt4trust}
case "$N" in /*) ;; *) N="$(pwd)/$N" ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/nt4trust-cli.XXXXXX")
trap 'rm -rf "$T"' EXIT
export NT4TRUST_LAB="$T/lab"
tn=0
fails=0

run() {
	"$N" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

check() {
	desc=$1
	shift
	tn=$((tn + 1))
	if "$@"; then
		echo "ok $tn - $desc"
	else
		fails=$((fails + 1))
		echo "not ok $tn - $desc"
		echo "#   rc=$rc"
		printf '%s\n' "$out" | sed 's/^/#   out: /' | head -20
		printf '%s\n' "$err" | sed 's/^/#   err: /' | head -5
	fi
}

has_out() { printf '%s\n' "$out" | grep -qF -- "$1"; }
has_err() { printf '%s\n' "$err" | grep -qF -- "$1"; }
one_line_err() { [ "$(printf '%s\n' "$err" | grep -c .)" = 1 ]; }
rc_is() { [ "$rc" = "$1" ]; }

finish() {
	echo "1..$tn"
	[ "$fails" = 0 ]
}
