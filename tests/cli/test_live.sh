#!/bin/sh
# nt4trust live logon / live probe-trust without any server: bad input
# (exit 2, one line naming the argument and the reason) and a server that
# does not answer (exit 1, a clear failure, within seconds).  Traffic goes
# only to loopback addresses on which nothing listens (always --ip, so no
# name is resolved on the network).  The real-server cases are in
# tests/samba/test_states.sh.
. tests/cli/lib.sh

PW='S3cret-Live-Pw'
bad() { # bad DESC WORDS...: exit 2, one line of error naming what
	desc=$1
	shift
	run --password "$PW" "$@"
	check "$desc: exit 2, one line" eval 'rc_is 2 && one_line_err && [ -z "$out" ]'
}

bad "live logon without arguments" live logon
run live logon
check "usage names the arguments" has_err "usage: nt4trust live logon //SERVER DOMAIN\\USER"
bad "server without //" live logon RESPDC 'ACCOUNTS\alice'
check "... says how to write it" has_err "server 'RESPDC': must be written //SERVER"
bad "empty server" live logon // 'ACCOUNTS\alice'
check "... says it is empty" has_err "server '//': the name is empty"
bad "server with a share" live logon //RESPDC/share 'ACCOUNTS\alice'
check "... says no share" has_err "(no share, no path)"
long=$(printf 'A%.0s' $(seq 1 70))
bad "over-long server" live logon "//$long" 'ACCOUNTS\alice'
check "... says the limit" has_err "longer than 63 characters"
bad "account without a backslash" live logon //RESPDC alice
check "... says DOMAIN\\user" has_err "account 'alice': must be written DOMAIN\\user"
bad "empty domain part" live logon //RESPDC '\alice'
check "... names the domain part" has_err "the domain part must be 1 to 15 characters"
bad "empty user part" live logon //RESPDC 'ACCOUNTS\'
check "... names the user part" has_err "the user part must be 1 to 104 characters"
bad "over-long domain" live logon //RESPDC 'ABCDEFGHIJKLMNOP\alice'
bad "invalid domain name" live logon //RESPDC 'A*B\alice'
bad "bad --ip" live logon //RESPDC 'ACCOUNTS\alice' --ip 'a b'
check "... names --ip" has_err "--ip 'a b'"
bad "--domain does not apply to live logon" live logon //RESPDC 'ACCOUNTS\alice' --domain X
bad "--secrets does not apply to live logon" live logon //RESPDC 'ACCOUNTS\alice' --secrets "$T"
bad "--ip does not apply to other commands" trust explain ACCESS_DENIED --ip 127.0.0.1
bad "missing --smb-conf file" live logon //RESPDC 'ACCOUNTS\alice' --ip 127.0.0.1 --smb-conf "$T/none.conf"
check "... names --smb-conf" has_err "--smb-conf $T/none.conf: No such file or directory"
bad "probe-trust: server without //" live probe-trust ACCTPDC RESOURCE
bad "probe-trust: bad trusting domain" live probe-trust //ACCTPDC 'RES*URCE'
check "... names the trusting domain" has_err "trusting domain: domain name 'RES*URCE'"
bad "probe-trust: bad --domain" live probe-trust //ACCTPDC RESOURCE --domain 'A*B'
check "... names --domain" has_err "--domain 'A*B'"
run live probe-trust //ACCTPDC RESOURCE --secrets "$T/nowhere" --ip 127.0.0.1
check "probe-trust: --secrets of a missing directory: exit 2, one line" eval 'rc_is 2 && one_line_err && has_err "--secrets $T/nowhere"'
run live probe-trust //ACCTPDC RESOURCE --secrets tests/data/samba/trusting-side-missing/RESOURCE --ip 127.0.0.1
check "probe-trust: --secrets without a trust: exit 2, says 0 trusted domains" eval 'rc_is 2 && one_line_err && has_err "0 trusted domains"'
run --password x live probe-trust //ACCTPDC RESOURCE --secrets tests/data/samba/healthy/RESOURCE
check "probe-trust: --secrets and --password: exit 2" eval 'rc_is 2 && one_line_err'
: > "$T/empty.pw"
run --password-file "$T/empty.pw" live logon //RESPDC 'ACCOUNTS\alice' --ip 127.0.0.1
check "empty password file: exit 2" eval 'rc_is 2 && one_line_err && has_err "is empty"'

# a server that does not answer: loopback only, nothing listening there
listening() { ss -ltn 2>/dev/null | grep -qE "$1:(445|139) "; }
for ip in 127.0.0.1 127.0.0.77; do
	if listening "$ip"; then
		echo "ok $((tn += 1)) - # SKIP something listens on $ip:445/139"
		continue
	fi
	t0=$(date +%s)
	run --password "$PW" live logon //NOSUCHPDC 'ACCOUNTS\alice' --ip $ip
	dt=$(($(date +%s) - t0))
	check "no server at $ip: exit 1 within a few seconds (${dt} s)" eval 'rc_is 1 && [ $dt -le 15 ]'
	check "... says it failed and why" eval 'has_out "Logon of ACCOUNTS\\alice at //NOSUCHPDC: failed: " && has_out "Likely causes: "'
	check "... never shows the password" eval '! has_out "$PW" && ! has_err "$PW"'
done
if ! listening 127.0.0.1; then
	run --json --password "$PW" live logon //NOSUCHPDC 'ACCOUNTS\alice' --ip 127.0.0.1
	check "--json: result failed, the error, the causes, exit 1" eval 'rc_is 1 && has_out "\"result\": \"failed\"" && has_out "\"error\": \"Connection refused\"" && has_out "\"causes\": " && has_out "\"exit\": 1"'
	run live probe-trust //NOSUCHPDC RESOURCE --secrets tests/data/samba/healthy/RESOURCE --ip 127.0.0.1
	check "probe-trust with the secret of a fixture, no server: exit 1" eval 'rc_is 1 && has_out "Trust probe as ACCOUNTS\\RESOURCE\$ at //NOSUCHPDC: failed"'
	check "... never shows the trust password" eval '! has_out "Tru5t" && ! has_err "Tru5t"'
fi
finish
