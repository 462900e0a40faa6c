#!/bin/sh
# Every built-in scenario of docs/scenarios/ runs in a fresh temporary lab
# and every one of its expectations holds (nt4trust lab run exits 0).
. tests/cli/lib.sh

n=0
for f in docs/scenarios/*; do
	[ -f "$f" ] || continue
	name=$(basename "$f")
	n=$((n + 1))
	run lab run "$name"
	check "scenario $name: every expectation holds" eval 'rc_is 0 && printf "%s\n" "$out" | tail -1 | grep -q "expectations: all held"'
done
check "the ten built-in scenarios are there" [ "$n" -ge 10 ]
for s in q207957 q207957-samba q102650 q112214 rotation pdc-down sid-mismatch wrong-type secret-missing disabled; do
	check "built-in scenario $s exists" [ -f "docs/scenarios/$s" ]
done
finish
