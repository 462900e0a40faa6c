#!/bin/sh
# tools/demo.sh NT4TRUST - make demo: run the KB Q207957 scenario end to end
# in a fresh temporary lab and remove the lab afterwards.
set -u
bin=${1:-build/nt4trust}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nt4trust-demo.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
"$bin" --lab "$tmp/lab" lab run docs/scenarios/q207957
