#!/bin/sh
# --help and the man page agree: every command of --help is documented in
# docs/nt4trust.1, and every global option of --help appears there too.
. tests/cli/lib.sh

run --help
check "--help exits 0" rc_is 0
printf '%s\n' "$out" | sed -n 's/^  \([a-z][a-z-]*\( [a-z][a-z-]*\)\?\) .*/\1/p' | sort -u > "$T/cmds"
check "--help lists commands" [ -s "$T/cmds" ]
man=docs/nt4trust.1
if [ -f "$man" ]; then
	# the man page as plain text: roff escapes and font changes removed
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/-/g' \
		-e 's/\\e/\\/g' -e 's/\\ / /g' -e 's/^\.[A-Z][A-Z]* *//' \
		"$man" > "$T/man.txt"
	while read -r cmd; do
		grep -qF -- "$cmd" "$T/man.txt"
		check "man page documents '$cmd'" [ $? = 0 ]
	done < "$T/cmds"
	for o in lab json verbose show-secrets password password-file help \
		version sid flavor pdc netlogon ntlm via fullname; do
		grep -qF -- "--$o" "$T/man.txt"
		check "man page documents --$o" [ $? = 0 ]
	done
else
	check "docs/nt4trust.1 exists" false
fi
run help trust verify
check "help COMMAND prints its usage" eval 'rc_is 0 && has_out "usage: nt4trust [OPTIONS] trust verify TRUSTING TRUSTED"'
run logon --help
check "COMMAND --help prints its usage" eval 'rc_is 0 && has_out "usage: nt4trust [OPTIONS] logon"'
run --version
check "--version" eval 'rc_is 0 && has_out "nt4trust "'
finish
