# tests/samba/harness.sh - two real Samba classic PDCs for the tests of
# tests/samba/ (sourced; POSIX sh, needs root).
#
# What it starts: ACCTPDC (domain ACCOUNTS, 192.0.2.1) and RESPDC (domain
# RESOURCE, 192.0.2.2), Samba 4.17 "classic" PDCs (security = user, domain
# logons = yes, passdb backend = tdbsam): smbd on each, nmbd on ACCTPDC,
# winbindd on RESPDC.  Each runs in its own network namespace (nt4t-a-PID,
# nt4t-r-PID) joined by one veth pair; nothing else is in them, so all
# traffic stays on 192.0.2.0/24 inside the two namespaces.  Every file
# (smb.conf, private, lock, state, cache, pid and log dirs, per-domain
# passwd/group/hosts/lmhosts) lives in a temporary directory under
# ${TMPDIR:-/tmp}; `ip netns exec` lays /etc/netns/<ns>/ (a link to it)
# over /etc, and each command also gets the domain's own run/ dir bound
# over /run/samba (winbindd's socket path is compiled in).  Users: root in
# both domains, alice in ACCOUNTS; the trust RESOURCE -> ACCOUNTS is made
# with real tools (net rpc trustdom add on ACCOUNTS; on RESOURCE the steps
# of `net rpc trustdom establish`, broken in 4.17.12, with the secret
# stored by python3-samba's set_trusteddom_pw).  Fixed lab passwords only.
# The host is left alone but for /etc/netns/<ns> (and /run/samba, created
# if missing, as an empty mount point).
#
# Cleanup (sb_down, run by the EXIT trap that sb_up installs, also on
# failure, INT and TERM): daemons are stopped by PID (pid files, then
# every PID `ip netns pids` still reports: TERM, up to 5 s, KILL), then the
# namespaces, the /etc/netns/<ns> links and the temporary directory are
# deleted.
#
# Time: about 5 s to bring up both PDCs with the trust and its first logon
# (most of it is ACCTPDC's fresh nmbd taking a few seconds to answer the
# node status query of RESPDC's winbindd), about 2 s to stop them.  Every
# wait loop is bounded, every command runs under `timeout 120`.
#
#   sb_need             exit 77 with "SKIP: <reason>" if this cannot run here
#   sb_up               namespaces, configs, users, daemons, the trust
#   sb_up_tap           sb_need + sb_up for a TAP test (fails it if not up)
#   sb_down             stop everything (idempotent)
#   sb_run A|R CMD...   run CMD inside ACCOUNTS' or RESOURCE's namespace
#   sb_conf A|R         that domain's smb.conf; sb_dir A|R its directory
#   sb_restart_winbindd restart RESPDC's winbindd (new secure channel)
#   sb_pdb A|R CODE...  python3-samba passdb (pdb) of that domain
#   sb_stop A|R         stop that PDC's daemons by PID (sb_start starts them)

SB_NS_A=nt4t-a-$$
SB_NS_R=nt4t-r-$$
SB_IP_A=192.0.2.1
SB_IP_R=192.0.2.2
SB_TRUSTPW='Tru5t-Pa55w0rd'
SB_ALICEPW='Al1ce-Pa55w0rd'
SB_ROOTPW='R00t-Lab-Pw'
SB_T=""
SB_MADE_NETNS_DIR=no
SB_SKIP=77

sb_skip() {
	echo "SKIP: $*"
	echo "1..0 # SKIP $*"
	exit $SB_SKIP
}

# Can two real PDCs run here?  Exits with the skip code if not.
sb_need() {
	[ "$(id -u)" = 0 ] || sb_skip "not root: network namespaces cannot be created"
	for t in ip ss ps pgrep timeout smbd nmbd winbindd wbinfo smbclient \
		rpcclient net pdbedit smbpasswd; do
		command -v $t >/dev/null 2>&1 || sb_skip "$t is not installed (make deps installs samba, winbind, smbclient)"
	done
	/usr/bin/python3 -c 'import samba.samba3.passdb' 2>/dev/null ||
		sb_skip "python3-samba is not installed"
	if ! ip netns add "$SB_NS_A" 2>/dev/null; then
		sb_skip "ip netns add failed (no CAP_SYS_ADMIN?)"
	fi
	ip netns del "$SB_NS_A"
}

sb_dir() { case $1 in A) echo "$SB_T/ACCOUNTS" ;; *) echo "$SB_T/RESOURCE" ;; esac; }
sb_ns() { case $1 in A) echo "$SB_NS_A" ;; *) echo "$SB_NS_R" ;; esac; }
sb_conf() { echo "$(sb_dir "$1")/etc/samba/smb.conf"; }

sb_run() {
	_d=$(sb_dir "$1")
	_n=$(sb_ns "$1")
	shift
	timeout 120 ip netns exec "$_n" sh -c 'mount --bind "$0" /run/samba && exec "$@"' "$_d/run" "$@"
}

# sb_conf_write A|R: the domain's directory tree and /etc overlay
sb_conf_write() {
	d=$(sb_dir "$1")
	if [ "$1" = A ]; then
		wg=ACCOUNTS nb=ACCTPDC ip=$SB_IP_A
		# CVE-2022-38023: RESPDC signs but does not seal (see below)
		extra='server schannel require seal:RESOURCE$ = no'
	else
		wg=RESOURCE nb=RESPDC ip=$SB_IP_R
		# winbindd of a classic PDC has no account in the trusted domain:
		# anonymous IPC$ and anonymous LSA lookups, NT4 style
		extra='client ipc signing = desired
	winbind sealed pipes:ACCOUNTS = false
	require strong key:ACCOUNTS = false'
	fi
	for s in etc/samba private lock state cache pid log ncalrpc run/winbindd share; do
		mkdir -p "$d/$s"
	done
	chmod 700 "$d/private"
	chmod 1777 "$d/share"
	cat > "$d/etc/samba/smb.conf" <<EOF
[global]
	workgroup = $wg
	netbios name = $nb
	security = user
	domain logons = yes
	domain master = yes
	local master = yes
	preferred master = yes
	os level = 65
	passdb backend = tdbsam
	interfaces = $ip/24
	bind interfaces only = yes
	name resolve order = lmhosts host
	$extra
	private dir = $d/private
	lock directory = $d/lock
	state directory = $d/state
	cache directory = $d/cache
	pid directory = $d/pid
	ncalrpc dir = $d/ncalrpc
	winbindd socket directory = $d/run/winbindd
	log level = 1
	max log size = 0
	load printers = no
	printing = bsd
	printcap name = /dev/null
	disable spoolss = yes
	usershare path =
	add machine script = $SB_T/addmachine.sh $d/etc/passwd %u
	idmap config * : backend = tdb
	idmap config * : range = 100000-199999
	template shell = /bin/sh
	template homedir = /tmp

[share]
	path = $d/share
	read only = no
EOF
	cp /etc/passwd "$d/etc/passwd"
	cp /etc/group "$d/etc/group"
	printf '127.0.0.1 localhost\n%s ACCTPDC\n%s RESPDC\n' $SB_IP_A $SB_IP_R > "$d/etc/hosts"
	{
		echo "$SB_IP_A ACCTPDC"; echo "$SB_IP_A ACCOUNTS#1b"; echo "$SB_IP_A ACCOUNTS#1c"
		echo "$SB_IP_R RESPDC"; echo "$SB_IP_R RESOURCE#1b"; echo "$SB_IP_R RESOURCE#1c"
	} > "$d/etc/samba/lmhosts"
	printf 'passwd: files winbind\ngroup: files winbind\nshadow: files\nhosts: files\n' > "$d/etc/nsswitch.conf"
	# /etc/netns/<ns> is a link to the overlay: passwd group hosts
	# nsswitch.conf samba/
	ln -s "$d/etc" "/etc/netns/$(sb_ns "$1")"
}

sb_wait() { # sb_wait TRIES CMD...: retry CMD every 0.1 s, at most TRIES times
	_i=$1
	shift
	while [ "$_i" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		_i=$((_i - 1))
		sleep 0.1
	done
	return 1
}

sb_listening() { sb_run "$1" ss -ltn | grep -q "$2:445 "; }

sb_start() { # sb_start A|R
	d=$(sb_dir "$1")
	c=$(sb_conf "$1")
	# nmbd on ACCTPDC only: it answers RESPDC's node status query for
	# ACCOUNTS#1c.  With an nmbd of its own, RESPDC's winbindd first sends
	# a NETLOGON mailslot query through it and waits 10 s for no answer.
	if [ "$1" = A ]; then
		sb_run A nmbd -D -s "$c" -l "$d/log" || return 1
	fi
	sb_run "$1" smbd -D -s "$c" -l "$d/log" || return 1
	[ "$1" = A ] && ip=$SB_IP_A || ip=$SB_IP_R
	sb_wait 100 sb_listening "$1" "$ip" || { echo "# smbd of $1 does not listen"; return 1; }
	if [ "$1" = R ]; then
		sb_run R winbindd -D -s "$c" -l "$d/log" || return 1
		sb_wait 100 sb_run R wbinfo -p || { echo "# winbindd does not answer"; return 1; }
	fi
}

sb_alive() { # PIDs of $@ that still run (zombies count as gone)
	for _p in "$@"; do
		_st=$(ps -o stat= -p "$_p" 2>/dev/null) || continue
		case $_st in Z*) ;; *) echo "$_p" ;; esac
	done
}

sb_stop_pids() { # TERM all, wait up to 5 s for all, then KILL the rest
	_left=$(sb_alive "$@")
	[ -n "$_left" ] || return 0
	# shellcheck disable=SC2086
	kill -TERM $_left 2>/dev/null
	_j=50
	while [ $_j -gt 0 ]; do
		# shellcheck disable=SC2086
		_left=$(sb_alive $_left)
		[ -n "$_left" ] || return 0
		sleep 0.1
		_j=$((_j - 1))
	done
	# shellcheck disable=SC2086
	kill -KILL $_left 2>/dev/null
	return 0
}

sb_pidfile() { cat "$1" 2>/dev/null; rm -f "$1"; }

sb_stop() { # sb_stop A|R: the PDC's smbd (and its children), nmbd, winbindd
	_d=$(sb_dir "$1")
	_pids=""
	for _n in winbindd smbd nmbd samba-dcerpcd; do
		_p=$(sb_pidfile "$_d/pid/$_n.pid")
		# shellcheck disable=SC2046
		[ -n "$_p" ] && _pids="$_pids $_p $(pgrep -P "$_p")"
	done
	# shellcheck disable=SC2086
	sb_stop_pids $_pids
}

sb_restart_winbindd() {
	d=$(sb_dir R)
	_p=$(sb_pidfile "$d/pid/winbindd.pid")
	# shellcheck disable=SC2046
	[ -n "$_p" ] && sb_stop_pids "$_p" $(pgrep -P "$_p")
	sb_run R winbindd -D -s "$(sb_conf R)" -l "$d/log" || return 1
	sb_wait 100 sb_run R wbinfo -p
}

sb_net_up() {
	ip netns add "$SB_NS_A" || return 1
	ip netns add "$SB_NS_R" || return 1
	ip link add "nt4ta$$" netns "$SB_NS_A" type veth peer name "nt4tr$$" netns "$SB_NS_R" || return 1
	ip -n "$SB_NS_A" addr add $SB_IP_A/24 dev "nt4ta$$"
	ip -n "$SB_NS_R" addr add $SB_IP_R/24 dev "nt4tr$$"
	for n in "$SB_NS_A" "$SB_NS_R"; do ip -n "$n" link set lo up; done
	ip -n "$SB_NS_A" link set "nt4ta$$" up
	ip -n "$SB_NS_R" link set "nt4tr$$" up
}

sb_pw() { printf '%s\n%s\n' "$1" "$1"; }

# the trust: ACCOUNTS permits RESOURCE, RESOURCE trusts ACCOUNTS
sb_trust() {
	sb_run A net -s "$(sb_conf A)" rpc trustdom add RESOURCE "$SB_TRUSTPW" \
		-S ACCTPDC -I $SB_IP_A -U "root%$SB_ROOTPW" || return 1
	# what `net rpc trustdom establish ACCOUNTS` does: the session setup as
	# RESOURCE$ must give NOLOGON_INTERDOMAIN_TRUST_ACCOUNT, an anonymous
	# LsaQueryInfoPolicy gives the SID, then pdb_set_trusteddom_pw
	sb_run R smbclient -s "$(sb_conf R)" -L //ACCTPDC -I $SB_IP_A \
		-U "ACCOUNTS\\RESOURCE\$%$SB_TRUSTPW" 2>&1 |
		grep -q NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT ||
		{ echo "# trust account RESOURCE$ not verified"; return 1; }
	sid=$(sb_run R rpcclient -s "$(sb_conf R)" -U% -I $SB_IP_A ACCTPDC -c lsaquery 2>/dev/null |
		sed -n 's/^Domain Sid: //p')
	[ -n "$sid" ] || { echo "# lsaquery gave no SID"; return 1; }
	sb_run R /usr/bin/python3 -c '
import sys
import samba.samba3.param as s3param
import samba.samba3.passdb as passdb
from samba.dcerpc import security
conf, dom, pw, sid = sys.argv[1:5]
lp = s3param.get_context()
lp.load(conf)
passdb.set_smb_config(conf)
passdb.set_secrets_dir(lp.get("private dir"))
passdb.PDB(lp.get("passdb backend")).set_trusteddom_pw(dom, pw, security.dom_sid(sid))
' "$(sb_conf R)" ACCOUNTS "$SB_TRUSTPW" "$sid" || return 1
	# winbindd reads its trusted domains at start
	sb_restart_winbindd
}

# sb_pdb A|R 'python statements': python3-samba's passdb of that live
# domain; the code sees pdb, passdb, security and sys.argv[2:] (the
# arguments after the code)
sb_pdb() {
	_w=$1
	_code=$2
	shift 2
	sb_run "$_w" /usr/bin/python3 -c '
import sys
import samba.samba3.param as s3param
import samba.samba3.passdb as passdb
from samba.dcerpc import security
lp = s3param.get_context()
lp.load(sys.argv[1])
passdb.set_smb_config(sys.argv[1])
passdb.set_secrets_dir(lp.get("private dir"))
pdb = passdb.PDB(lp.get("passdb backend"))
'"$_code" "$(sb_conf "$_w")" "$@"
}

# a test may redefine this to clean up its own files too
sb_exit_hook() { :; }

# sb_up_tap: for a TAP test (tests/cli/lib.sh sourced): sb_need, then
# sb_up with its output in $T/up.log; if it fails, that log as comments,
# one failed test, exit 1.  Sets t0 (the start, in seconds).
sb_up_tap() {
	sb_need
	t0=$(date +%s)
	if ! sb_up > "$T/up.log" 2>&1; then
		sed 's/^/# /' "$T/up.log"
		echo "not ok 1 - the two PDCs and their trust come up"
		echo "1..1"
		exit 1
	fi
	echo "# PDCs and trust up in $(($(date +%s) - t0)) s"
}

sb_up() {
	trap 'sb_down; sb_exit_hook' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	SB_T=$(mktemp -d "${TMPDIR:-/tmp}/nt4t-samba.XXXXXX") || return 1
	chmod 755 "$SB_T"
	if [ ! -d /etc/netns ]; then
		mkdir -p /etc/netns && SB_MADE_NETNS_DIR=yes
	fi
	mkdir -p /run/samba
	# tdbsam wants a Unix account for every SAM account, RESOURCE$ too
	cat > "$SB_T/addmachine.sh" <<'EOF'
#!/bin/sh
grep -q "^$2:" "$1" || echo "$2:x:30000:65534:trust account:/nonexistent:/usr/sbin/nologin" >> "$1"
EOF
	chmod 755 "$SB_T/addmachine.sh"
	sb_net_up || return 1
	sb_conf_write A
	sb_conf_write R
	echo "alice:x:2001:2001:Alice:/tmp:/bin/sh" >> "$(sb_dir A)/etc/passwd"
	echo "alice:x:2001:" >> "$(sb_dir A)/etc/group"
	sb_pw "$SB_ROOTPW" | sb_run A smbpasswd -c "$(sb_conf A)" -a -s root >/dev/null || return 1
	sb_pw "$SB_ALICEPW" | sb_run A smbpasswd -c "$(sb_conf A)" -a -s alice >/dev/null || return 1
	sb_pw "$SB_ROOTPW" | sb_run R smbpasswd -c "$(sb_conf R)" -a -s root >/dev/null || return 1
	sb_start A || return 1
	sb_start R || return 1
	sb_trust || return 1
	sb_unix_user alice
}

# smbd needs a Unix account for a user of the trusted domain: it asks
# winbindd for the uid of the SID and then getpwuid().  Instead of
# libnss-winbind (its install edits the host's /etc/nsswitch.conf) the
# namespace's own passwd gets that uid.
sb_unix_user() {
	sid=$(sb_run R wbinfo -n "ACCOUNTS\\$1" | cut -d' ' -f1)
	uid=$(sb_run R wbinfo -S "$sid") && gid=$(sb_run R wbinfo -Y "${sid%-*}-513") ||
		{ printf '# no uid for %s (%s)\n' "$1" "$sid"; return 1; }
	echo "$1:x:$uid:$gid:ACCOUNTS user:/tmp:/bin/sh" >> "$(sb_dir R)/etc/passwd"
}

sb_down() {
	[ -n "$SB_T" ] || return 0
	_pids=""
	for w in R A; do
		for n in winbindd smbd nmbd samba-dcerpcd; do
			_pids="$_pids $(sb_pidfile "$(sb_dir $w)/pid/$n.pid")"
		done
		ns=$(sb_ns $w)
		ip netns list 2>/dev/null | grep -q "^$ns\b" &&
			_pids="$_pids $(ip netns pids "$ns" 2>/dev/null)"
	done
	# shellcheck disable=SC2086
	sb_stop_pids $_pids
	for w in R A; do
		ns=$(sb_ns $w)
		if ip netns list 2>/dev/null | grep -q "^$ns\b"; then
			# shellcheck disable=SC2046
			sb_stop_pids $(ip netns pids "$ns" 2>/dev/null)
			ip netns del "$ns" 2>/dev/null
		fi
		rm -f "/etc/netns/$ns"
	done
	[ "$SB_MADE_NETNS_DIR" = yes ] && rmdir /etc/netns 2>/dev/null
	rm -rf "$SB_T"
	SB_T=""
	return 0
}
