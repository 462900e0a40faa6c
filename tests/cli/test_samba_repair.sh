#!/bin/sh
# nt4trust samba repair on copies of the Samba classic fixtures of
# tests/data/samba/ (no daemons): every repairable broken state ends
# healthy (samba diagnose, and the records read back with Samba's own
# pdbedit and python3-samba where installed), with the numbered steps and
# the restart it names; healthy = nothing to do and no byte changed;
# --dry-run changes nothing; a crash after each step (the abort hook) is
# finished by running again, from the journal; a second run has nothing to
# do; refusals and bad input.
. tests/cli/lib.sh

ulimit -c 0 2>/dev/null # aborts on purpose: no core files

D=tests/data/samba
TPW='Tru5t-Pa55w0rd'
TPW_NT=248DE6AA0711FB774307F72C97BC52F7 # MD4(UTF-16LE(TPW)), REPORT.md 5.1
printf '%s\n' "$TPW" > "$T/pw"
printf '%s\n' 'Other#Pw-2026' > "$T/pw2"

# fresh STATE TAG: a copy of the fixture in $T/TAG; sets R and A
fresh() {
	rm -rf "${T:?}/$2"
	cp -r "$D/$1" "$T/$2"
	R=$T/$2/RESOURCE
	A=$T/$2/ACCOUNTS
}
sums() { cat "$R"/*.tdb "$A"/*.tdb | md5sum; }
repair() { run samba repair --trusting "$R" --trusted "$A" "$@"; }
healthy() {
	run samba diagnose --trusting "$R" --trusted "$A"
	rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy"
}
no_journal() { [ ! -e "$R/nt4trust-repair.tdb" ]; }

# Samba's own readers, where installed
HAVE_PDBEDIT=no
command -v pdbedit >/dev/null 2>&1 && HAVE_PDBEDIT=yes
HAVE_PY=no
/usr/bin/python3 -c 'import samba.samba3.passdb' 2>/dev/null && HAVE_PY=yes
# samba_pw DIR: the trusted-domain password of ACCOUNTS as Samba reads it
samba_pw() {
	printf '[global]\n\tprivate dir = %s\n\tpassdb backend = tdbsam:%s/passdb.tdb\n\tlock directory = %s/lock\n\tstate directory = %s/lock\n\tcache directory = %s/lock\n' \
		"$1" "$1" "$T" "$T" "$T" > "$T/smb.conf"
	mkdir -p "$T/lock"
	/usr/bin/python3 -c '
import sys
import samba.samba3.param as s3param
import samba.samba3.passdb as passdb
lp = s3param.get_context()
lp.load(sys.argv[1])
passdb.set_smb_config(sys.argv[1])
passdb.set_secrets_dir(sys.argv[2])
r = passdb.PDB(lp.get("passdb backend")).get_trusteddom_pw("ACCOUNTS")
print(r["pwd"], r["sid"])' "$T/smb.conf" "$1" 2>/dev/null | tail -1
}

for st in trusted-side-missing trusting-side-missing password-mismatch \
	sid-mismatch trust-account-disabled trust-account-wrong-type; do
	fresh "$st" "$st"
	before=$(sums)
	repair --dry-run --password-file "$T/pw"
	check "$st: --dry-run exits 0 with the verdict and the 5 steps" eval \
		'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: $st" && has_out "Plan (dry run: nothing is changed)" && has_out "  5. verify"'
	check "$st: --dry-run names files and keys" eval \
		'has_out "RESOURCE/secrets.tdb: SECRETS/\$DOMTRUST.ACC/ACCOUNTS" && has_out "ACCOUNTS/passdb.tdb: USER_resource\$"'
	check "$st: --dry-run changes nothing" eval '[ "$(sums)" = "$before" ] && no_journal'
	repair --password-file "$T/pw"
	check "$st: repair exits 0, every step done" eval \
		'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: $st" && has_out "  1/5 on RESOURCE, remove the trusted-domain record of ACCOUNTS ... done" && has_out "  2/5 on ACCOUNTS, remove the trust account RESOURCE\$ ... done" && has_out "  3/5 on ACCOUNTS, create the interdomain trust account RESOURCE\$ with the new password ... done" && has_out "  4/5 on RESOURCE, write the trusted-domain record of ACCOUNTS again" && has_out "  5/5 verify" && has_out "Repaired: both databases agree again (verified)."'
	check "$st: names the restart: winbindd on RESOURCE, nothing else" eval \
		'has_out "  on the RESOURCE PDC: restart winbindd (" && [ "$(printf "%s\n" "$out" | grep -c "PDC: restart")" = 1 ]'
	check "$st: no password printed, no journal left" eval '! has_out "$TPW" && ! has_out generated && no_journal'
	check "$st: samba diagnose says healthy" healthy
	if [ "$HAVE_PDBEDIT" = yes ]; then
		got=$(pdbedit -L -w -b "tdbsam:$A/passdb.tdb" 2>/dev/null | grep '^RESOURCE\$:')
		check "$st: pdbedit: RESOURCE\$ is [I], enabled, with the password's NT hash" eval \
			'printf "%s\n" "$got" | grep -q ":$TPW_NT:\[I  *\]:"'
	fi
	if [ "$HAVE_PY" = yes ]; then
		got=$(samba_pw "$R")
		check "$st: python3-samba get_trusteddom_pw: the password and ACCOUNTS' SID" \
			[ "$got" = "$TPW S-1-5-21-909393080-4211228949-3319219212" ]
	fi
	before=$(sums)
	repair --password-file "$T/pw2"
	check "$st: a second run has nothing to do and writes nothing" eval \
		'rc_is 0 && has_out "Nothing to do." && [ "$(sums)" = "$before" ] && no_journal'
done

# healthy pairs: nothing to do, every byte as it was
for st in healthy two-way; do
	fresh "$st" "$st"
	before=$(sums)
	repair --password-file "$T/pw"
	check "$st: nothing to do, exit 0" eval 'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: healthy" && has_out "Nothing to do."'
	check "$st: the files are byte-identical" eval '[ "$(sums)" = "$before" ] && no_journal'
	repair --dry-run
	check "$st: --dry-run: nothing to do" eval 'rc_is 0 && has_out "Nothing to do."'
done
fresh healthy cmp
cp "$R/secrets.tdb" "$T/r.orig"
cp "$A/passdb.tdb" "$T/a.orig"
repair
check "healthy: cmp: secrets.tdb and passdb.tdb unchanged" eval \
	'cmp -s "$R/secrets.tdb" "$T/r.orig" && cmp -s "$A/passdb.tdb" "$T/a.orig"'

# no trust at all: refused, nothing written
fresh no-trust no-trust
before=$(sums)
repair --password-file "$T/pw"
check "no-trust: refused, exit 1, one line naming the reason" eval \
	'rc_is 1 && one_line_err && has_err "not repairable: there is no trust to repair"'
check "no-trust: nothing written" eval '[ "$(sums)" = "$before" ] && no_journal'

# a generated password: said, never shown unless --show-secrets
fresh password-mismatch gen
repair --generate
check "--generate: repaired, the password said to be generated, not shown" eval \
	'rc_is 0 && has_out "generated from the OS random source (not shown)"'
check "--generate: healthy afterwards" healthy
fresh trusted-side-missing gen2
repair
check "no password option: generated (the default)" eval 'rc_is 0 && has_out "generated from the OS random source"'
fresh trusted-side-missing gen3
repair --show-secrets
pw=$(printf '%s\n' "$out" | sed -n 's/^The new trust password (generated): //p')
check "--show-secrets: the generated password is shown, 32 characters" [ ${#pw} = 32 ]
if [ "$HAVE_PY" = yes ]; then
	got=$(samba_pw "$R")
	check "--show-secrets: it is the password Samba reads" [ "${got%% *}" = "$pw" ]
fi

# --json
fresh sid-mismatch json
run --json samba repair --trusting "$R" --trusted "$A" --password-file "$T/pw"
check "--json: the members" eval 'rc_is 0 && has_out "\"trusting\": \"RESOURCE\"" && has_out "\"trusted\": \"ACCOUNTS\"" && has_out "\"verdict\": \"sid-mismatch\"" && has_out "\"password_generated\": false" && has_out "\"nothing_to_do\": false" && has_out "\"resumed\": false"'
check "--json: steps with n, on, file, key, text, done" eval 'has_out "\"n\": 5" && has_out "\"key\": \"SECRETS/\$DOMTRUST.ACC/ACCOUNTS\"" && has_out "\"done\": true" && ! has_out "\"done\": false"'
check "--json: restart: winbindd on RESOURCE" eval 'has_out "\"pdc_domain\": \"RESOURCE\"" && has_out "\"daemon\": \"winbindd\""'
check "--json: no password" eval '! has_out "$TPW"'
run --json samba repair --trusting "$R" --trusted "$A"
check "--json: then nothing_to_do" eval 'rc_is 0 && has_out "\"nothing_to_do\": true" && has_out "\"restart\": []"'

# a crash after every step, finished by running again
n=1
while [ "$n" -le 5 ]; do
	fresh trusted-side-missing "abort$n"
	NT4TRUST_REPAIR_ABORT_AFTER=$n
	export NT4TRUST_REPAIR_ABORT_AFTER
	repair --password-file "$T/pw"
	unset NT4TRUST_REPAIR_ABORT_AFTER
	check "abort after step $n: the repair aborts" eval '[ "$rc" -ge 128 ] || has_err "aborting after step $n"'
	check "abort after step $n: the journal is left, mode 600" \
		[ "$(stat -c %a "$R/nt4trust-repair.tdb" 2>/dev/null)" = 600 ]
	before=$(sums)
	repair --dry-run
	check "abort after step $n: --dry-run shows the resumed plan, changes nothing" eval \
		'rc_is 0 && has_out "resuming the repair begun for trusted-side-missing at step $n" && has_out "  $n. " && [ "$(sums)" = "$before" ]'
	repair --password-file "$T/pw2"
	check "abort after step $n: run again: it resumes at step $n and finishes" eval \
		'rc_is 0 && has_out "resuming the repair begun for trusted-side-missing at step $n" && has_out "  $n/5 " && ! has_out "  $((n - 1))/5 " && has_out "Repaired: "'
	check "abort after step $n: the given password was not used" has_out "the password given was not used"
	check "abort after step $n: healthy, no journal" eval 'healthy && no_journal'
	if [ "$HAVE_PY" = yes ]; then
		got=$(samba_pw "$R")
		check "abort after step $n: the journal's password is the one stored" [ "${got%% *}" = "$TPW" ]
	fi
	repair
	check "abort after step $n: then nothing to do" eval 'rc_is 0 && has_out "Nothing to do."'
	n=$((n + 1))
done
# a crash with a generated password: the journal keeps it
fresh password-mismatch abortgen
NT4TRUST_REPAIR_ABORT_AFTER=3 repair
check "abort after step 3, generated password: aborts" eval '[ "$rc" -ge 128 ]'
repair
check "abort, generated password: the resume finishes, healthy" eval 'rc_is 0 && has_out "resuming the repair begun for password-mismatch at step 3" && healthy'

# a step that fails (someone disabled the account during the crash): the
# verify step says so, the journal is removed, the next run repairs anew
if [ "$HAVE_PDBEDIT" = yes ]; then
	fresh password-mismatch failstep
	NT4TRUST_REPAIR_ABORT_AFTER=4 repair --password-file "$T/pw"
	pdbedit -b "tdbsam:$A/passdb.tdb" -u 'RESOURCE$' -c '[D]' >/dev/null 2>&1
	repair
	check "a failing step: exit 1, marked FAILED, one line naming the step" eval \
		'rc_is 1 && has_out "  5/5 verify: read both databases back; the trust RESOURCE -> ACCOUNTS must be healthy ... FAILED" && one_line_err && has_err "samba repair step 5 (verify): the trust RESOURCE -> ACCOUNTS is still trust-account-disabled"'
	check "a failing step: the journal is removed" no_journal
	repair --password-file "$T/pw"
	check "a failing step: the next run repairs from a new diagnosis" eval \
		'rc_is 0 && has_out "Trust RESOURCE -> ACCOUNTS: trust-account-disabled" && healthy'
fi

# Bad input and unusable files: one line, non-zero, nothing written
fresh password-mismatch bad
before=$(sums)
run samba repair --trusting "$R"
check "missing --trusted: exit 2" eval 'rc_is 2 && one_line_err && has_err "samba repair needs --trusting DIR and --trusted DIR"'
run samba repair --trusting "$T/nowhere" --trusted "$A"
check "a directory without secrets.tdb: exit 1, names the file" eval 'rc_is 1 && one_line_err && has_err "nowhere/secrets.tdb"'
run samba repair --trusting "$A" --trusted "$A"
check "the same domain twice: exit 2" eval 'rc_is 2 && one_line_err && has_err "both directories hold domain ACCOUNTS"'
printf 'Pässwort-1\n' > "$T/pw-latin"
repair --password-file "$T/pw-latin"
check "a non-ASCII password: exit 2, says why" eval 'rc_is 2 && one_line_err && has_err "not ASCII"'
repair --password 'Ünïcode#1'
check "a non-ASCII --password: exit 2" eval 'rc_is 2 && one_line_err && has_err "not ASCII"'
repair --generate --password-file "$T/pw"
check "--generate with --password-file: exit 2" eval 'rc_is 2 && one_line_err'
repair --trusting-name 'BAD/NAME'
check "a bad --trusting-name: exit 2" eval 'rc_is 2 && one_line_err'
check "bad input: nothing written" eval '[ "$(sums)" = "$before" ] && no_journal'
repair --password "$TPW"
check "--password VALUE (lab scripts) is accepted" eval 'rc_is 0 && has_out "Repaired: "'

# read-only databases: refused before the journal or any change
fresh password-mismatch ro
before=$(sums)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$T" "$T/ro" "$R" "$A"
	chmod 644 "$R"/*.tdb "$A"/*.tdb
	asuser() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
else
	chmod 444 "$A/passdb.tdb"
	asuser() { "$@"; }
fi
asuser "$N" samba repair --trusting "$R" --trusted "$A" --password "$TPW" >"$T/.out" 2>"$T/.err"
rc=$?
out=$(cat "$T/.out")
err=$(cat "$T/.err")
check "read-only files: exit 1, one line naming the file" eval 'rc_is 1 && one_line_err && has_err "secrets.tdb"'
check "read-only files: nothing written, no journal" eval '[ "$(sums)" = "$before" ] && no_journal'
chmod 644 "$R"/*.tdb "$A"/*.tdb
chmod 700 "$T"

if command -v tdbtool >/dev/null 2>&1; then
	# a corrupt trusted-domain record
	fresh password-mismatch corrupt
	tdbtool "$R/secrets.tdb" store 'SECRETS/$DOMTRUST.ACC/ACCOUNTS' 'short' >/dev/null 2>&1
	before=$(sums)
	repair --password-file "$T/pw"
	check "a corrupt TRUSTED_DOM_PASS: exit 1, names file and key" eval 'rc_is 1 && one_line_err && has_err "secrets.tdb" && has_err "DOMTRUST.ACC/ACCOUNTS"'
	check "a corrupt record: nothing written" eval '[ "$(sums)" = "$before" ] && no_journal'
	# the trusted domain's SID unknown: refused
	fresh password-mismatch nosid
	tdbtool "$A/secrets.tdb" delete 'SECRETS/SID/ACCOUNTS' >/dev/null 2>&1
	before=$(sums)
	repair --password-file "$T/pw"
	check "TRUSTED's SID unknown: refused, exit 1" eval 'rc_is 1 && one_line_err && has_err "the SID of ACCOUNTS is unknown"'
	check "TRUSTED's SID unknown: nothing written" eval '[ "$(sums)" = "$before" ] && no_journal'
	# a corrupt journal: named, nothing written
	fresh password-mismatch badjournal
	NT4TRUST_REPAIR_ABORT_AFTER=1 repair --password-file "$T/pw"
	tdbtool "$R/nt4trust-repair.tdb" store 'JOURNAL/RESOURCE/ACCOUNTS' 'junk' >/dev/null 2>&1
	before=$(sums)
	repair --password-file "$T/pw"
	check "a corrupt journal: exit 1, names the file and key" eval 'rc_is 1 && one_line_err && has_err "nt4trust-repair.tdb" && has_err "JOURNAL/RESOURCE/ACCOUNTS"'
	check "a corrupt journal: nothing written" eval '[ "$(sums)" = "$before" ]'
fi
finish
