#!/bin/sh
# tests/fuzz/campaign.sh FUZZ_BUILD SECONDS RUNS [TARGET...] - the fuzzing
# campaign of `make fuzz`: each libFuzzer target (all of FUZZ_BUILD/fuzz_*
# unless named) runs until RUNS executions or SECONDS seconds, whichever
# comes first (0 = no such limit), over its checked-in corpus
# tests/fuzz/corpus/<target> (inputs that add coverage are kept there).
# A crash, leak or timeout leaves its input in FUZZ_BUILD/artifacts/.
# Prints one line per target and writes the table to
# FUZZ_BUILD/campaign.txt (or $FUZZ_REPORT); exits 1 if any target found a
# problem.
set -u
FB=${1:?usage: campaign.sh FUZZ_BUILD SECONDS RUNS [TARGET...]}
SECS=${2:-60}
RUNS=${3:-0}
[ "$RUNS" = 0 ] && RUNS=-1 # libFuzzer: -1 is no limit, 0 would run none
shift 3 2>/dev/null || shift $#
targets=${*:-$(ls "$FB"/fuzz_* 2>/dev/null | xargs -n1 basename)}
[ -n "$targets" ] || { echo "campaign.sh: no fuzz targets in $FB" >&2; exit 2; }
mkdir -p "$FB/artifacts" "$FB/logs"
report=${FUZZ_REPORT:-$FB/campaign.txt}
printf '%-24s %12s %8s %10s %8s %s\n' target executions seconds exec/s corpus result | tee "$report"
bad=0
for n in $targets; do
	f=$FB/$n
	[ -x "$f" ] || { echo "campaign.sh: $f: not built" >&2; exit 2; }
	mkdir -p "tests/fuzz/corpus/$n"
	rm -f "$FB/artifacts/$n-"*
	t0=$(date +%s)
	"$f" -runs="$RUNS" -max_total_time="$SECS" -print_final_stats=1 \
		-artifact_prefix="$FB/artifacts/$n-" "tests/fuzz/corpus/$n" \
		> "$FB/logs/$n.log" 2>&1
	rc=$?
	secs=$(($(date +%s) - t0))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$FB/logs/$n.log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$FB/logs/$n.log" | tail -1)
	found=$(ls "$FB/artifacts/$n-"* 2>/dev/null | wc -l)
	files=$(ls "tests/fuzz/corpus/$n" | wc -l)
	if [ "$rc" = 0 ] && [ "$found" = 0 ]; then res="0 crashes"
	else res="FOUND $found (rc $rc, see $FB/logs/$n.log)"; bad=1; fi
	printf '%-24s %12s %8s %10s %8s %s\n' "$n" "${execs:-?}" "$secs" \
		"${rate:-?}" "$files" "$res" | tee -a "$report"
done
exit $bad
