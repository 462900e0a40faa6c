#!/bin/sh
# Passwords typed at a terminal: asked twice when one is set (as User
# Manager does), once for a logon; a mismatch is refused.  script(1) from
# util-linux provides the pseudo-terminal.  The pauses let the prompt turn
# echo off first (it flushes input typed ahead, as getpass does).
. tests/cli/lib.sh

if ! command -v script >/dev/null 2>&1; then
	echo "not ok 1 - script(1) (util-linux) missing: terminal tests cannot run"
	exit 1
fi
tty_run() { # input-lines... -- command
	inputs=""
	while [ "$1" != "--" ]; do inputs="$inputs $1"; shift; done
	shift
	( for i in $inputs; do sleep 1; printf '%s\n' "$i"; done; sleep 1 ) |
		script -qec "$*" /dev/null >"$T/.out" 2>&1
	rc=$?
	out=$(tr -d '\r' <"$T/.out")
	err=""
}

run domain create ACCOUNTS
tty_run 'Tty#Pass1' 'Tty#Pass1' -- "$N" user add ACCOUNTS tina
check "password asked twice on a terminal" eval 'rc_is 0 && has_out "Password for ACCOUNTS\\tina:" && has_out "Confirm password:" && has_out "Added user ACCOUNTS\\tina"'
check "the typed password is not echoed" eval '! has_out "Tty#Pass1"'
tty_run 'Tty#Pass1' 'Tty#Pass2' -- "$N" user add ACCOUNTS tom
check "different passwords: exit 2, nothing created" eval 'rc_is 2 && has_out "the passwords for ACCOUNTS\\tom do not match"'
run account show ACCOUNTS tom
check "tom does not exist" rc_is 1
tty_run 'Tty#Pass1' -- "$N" logon ACCOUNTS tina
check "a logon asks once" eval 'rc_is 0 && has_out "STATUS_SUCCESS" && ! has_out "Confirm"'
finish
