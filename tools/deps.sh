#!/bin/sh
# tools/deps.sh - install the Debian packages nt4trust needs to build, test
# and demo (make deps).  As root it runs apt-get; otherwise it prints the
# exact apt-get line and fails.
# valgrind is for .ci/run's valgrind-unit pass.
# samba, winbind, smbclient, python3-samba, iproute2 and procps are for
# the real Samba test of tests/samba/ (two classic PDCs in network
# namespaces).  samba-ad-provision, samba-dsdb-modules, samba-vfs-modules
# (samba only recommends them; provisioning sets the sysvol ACLs through
# the acl_xattr VFS module), ldb-tools (ldbadd, ldbsearch) and samba-testsuite
# (ndrdump) are for tests/samba/test_ad_ldif.sh: AD DCs provisioned in a
# temporary directory (no daemon) load the migration's LDIF.  strace is for
# tests/cli/test_secret_audit.sh: no secret on a child's command line.
# Installing samba would start its daemons on the host: a temporary
# /usr/sbin/policy-rc.d that denies every start is in place during the
# install (only if none exists; removed again afterwards).
set -eu
PKGS="gcc make libc6-dev pkg-config libssl-dev libtdb-dev libsmbclient-dev \
check libjansson-dev tdb-tools samba winbind smbclient python3-samba \
iproute2 procps samba-ad-provision samba-dsdb-modules samba-vfs-modules \
ldb-tools samba-testsuite valgrind strace"
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
policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\n# nt4trust tools/deps.sh: no daemon starts during the install\nexit 101\n' > "$policy"
	chmod 755 "$policy"
	made_policy=yes
fi
trap '[ "$made_policy" = yes ] && rm -f "$policy"' EXIT
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing
