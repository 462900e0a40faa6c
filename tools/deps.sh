#!/bin/sh
# tools/deps.sh - install the Debian packages nt4trust needs to build, test
# and demo (make deps).  As root it runs apt-get; otherwise it prints the
# exact apt-get line and fails.
set -eu
PKGS="gcc make libc6-dev pkg-config libssl-dev libtdb-dev libsmbclient-dev \
check libjansson-dev tdb-tools"
missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "deps: missing Debian packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
