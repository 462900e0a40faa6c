#!/bin/sh
# migrate's samba-dialect LDIF checked with Samba's own AD tools (FINDINGS
# sections 4, 5, 7, 8 of the samba-ad reference).  Two Samba AD DCs are
# provisioned in $T (samba-tool domain provision --targetdir; no daemon,
# no network), a lab pair is made with their SIDs, and for three
# migrations (the NT4 one-way trust carried over; two-way with a new
# password of odd length; one-way with a generated password):
#   - each side's LDIF is loaded offline with ldbadd exactly as its header
#     says, into a fresh copy of that side's DC;
#   - ldbsearch, naming the secret attributes (not returned by default),
#     reads back every attribute of the file: the trustAuth blobs byte for
#     byte, unicodePwd as the NT hash of the password written;
#   - ndrdump --validate decodes every trustAuth blob to the fields our
#     own decoding (python3 struct) gives, and Samba's NDR re-encoding of
#     the blob is byte-identical;
#   - the carried-over blobs hold the lab's own hash, password and set time.
# Negative controls: a blob with AuthType 9 fails ndrdump; a comparison
# with a changed blob fails; isCriticalSystemObject and the windows
# dialect are refused by ldbadd.  Test data is made here, never fetched.
# Skipped (exit 77) only without the tools (tools/deps.sh) or root.
. tests/cli/lib.sh

for tool in samba-tool ldbadd ldbsearch ndrdump python3 timeout; do
	if ! command -v "$tool" > /dev/null 2>&1; then
		echo "SKIP: $tool not installed (sh tools/deps.sh)"
		exit 77
	fi
done
if [ "$(id -u)" != 0 ]; then
	echo "SKIP: not root (samba-tool domain provision writes root-owned ACLs)"
	exit 77
fi
t0=$(date +%s)
CTRL=--controls=local_oid:1.3.6.1.4.1.7165.4.3.23:0
ADMINPW='Adm1n-Pa55w0rd!'
TPW='TrustPass#2024'
NEWPW='New-AD-Trust-Pw' # 15 characters: 30 bytes, so the entry gets 2 pad bytes
DNS="--dns-name RESOURCE=res.example.test --dns-name ACCOUNTS=acc.example.test"
umask 077

# --- the helper: LDIF reading, comparing, blob decoding (stdlib only)
cat > "$T/adt.py" << 'EOF'
import base64, re, struct, sys, time


def md4(msg):
    # RFC 1320, for the NT hash Samba stores for unicodePwd
    def rol(v, s):
        v &= 0xFFFFFFFF
        return ((v << s) | (v >> (32 - s))) & 0xFFFFFFFF
    fns = (lambda x, y, z: (x & y) | (~x & z),
           lambda x, y, z: (x & y) | (x & z) | (y & z),
           lambda x, y, z: x ^ y ^ z)
    orders = (list(range(16)),
              [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15],
              [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15])
    shifts = ((3, 7, 11, 19), (3, 5, 9, 13), (3, 9, 11, 15))
    consts = (0, 0x5A827999, 0x6ED9EBA1)
    n = len(msg)
    msg = msg + b"\x80" + b"\0" * ((55 - n) % 64) + struct.pack("<Q", n * 8)
    h = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476]
    for i in range(0, len(msg), 64):
        x = struct.unpack("<16I", msg[i:i + 64])
        r = list(h)
        for rd in range(3):
            for j in range(16):
                t = (4 - j % 4) % 4
                f = fns[rd](r[(t + 1) % 4], r[(t + 2) % 4], r[(t + 3) % 4])
                r[t] = rol(r[t] + f + x[orders[rd][j]] + consts[rd], shifts[rd][j % 4])
        h = [(a + b) & 0xFFFFFFFF for a, b in zip(h, r)]
    return struct.pack("<4I", *h)


assert md4(b"abc").hex() == "a448017aaf21d8525fc10ae87aa6729d"


def read_ldif(path):
    """[(dn, [(attr, bytes)])]; continuation lines unwrapped, comments and
    records without a dn (ldbsearch's referrals) dropped"""
    logical = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            if line.startswith(" ") and logical:
                logical[-1] += line[1:]
            else:
                logical.append(line)
    recs, cur = [], None
    for line in logical + [""]:
        if line.startswith("#"):
            continue
        if line == "":
            if cur is not None and cur[0] is not None:
                recs.append(cur)
            cur = None
            continue
        attr, _, rest = line.partition(":")
        if rest.startswith(":"):
            val = base64.b64decode(rest[1:].strip(), validate=True)
        else:
            val = rest.lstrip(" ").encode()
        if cur is None:
            cur = (None, [])
        if attr.lower() == "dn":
            cur = (val.decode(), [])
        else:
            cur[1].append((attr, val))
    return recs


def cmd_cmp(ldif, *searches):
    """every attribute of every record of LDIF, as ldbsearch returned it"""
    got = {}
    for s in searches:
        for dn, attrs in read_ldif(s):
            got[dn.lower()] = attrs
    bad, n = [], 0
    for dn, attrs in read_ldif(ldif):
        g = got.get(dn.lower())
        if g is None:
            bad.append("%s: not found" % dn)
            continue
        want, have = {}, {}
        for a, v in attrs:
            want.setdefault(a.lower(), []).append(v)
        for a, v in g:
            have.setdefault(a.lower(), []).append(v)
        for a, vals in want.items():
            n += 1
            h = sorted(have.get(a, []))
            if a == "objectclass":
                ok = set(vals) <= set(h)
            elif a == "unicodepwd":
                # written: '"pw"' in UTF-16LE; stored: MD4 of pw
                ok = h == sorted(md4(v[2:-2]) for v in vals) and \
                    all(v[:2] == v[-2:] == b'"\0' for v in vals)
            else:
                ok = h == sorted(vals)
            if not ok:
                bad.append("%s: %s differs (%d value(s) read back)" % (dn, a, len(h)))
    for b in bad:
        print(b)
    print("compared %d attribute(s), %d differ" % (n, len(bad)))
    return 1 if bad or n == 0 else 0


def cmd_blobs(ldif, prefix):
    """write each trustAuth blob of LDIF to PREFIX-<attr>.bin; list them"""
    for dn, attrs in read_ldif(ldif):
        for a, v in attrs:
            if a.lower() in ("trustauthincoming", "trustauthoutgoing"):
                name = "%s-%s.bin" % (prefix, a)
                with open(name, "wb") as f:
                    f.write(v)
                print(name)
    return 0


def nttime(t):
    return time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(t // 10**7 - 11644473600)) + " UTC"


def entries(b, off, end):
    out = []
    while off < end:
        t, typ, n = struct.unpack_from("<QII", b, off)
        data = b[off + 16:off + 16 + n]
        pad = (-n) % 4
        out.append((t, typ, n, data, pad))
        off += 16 + n + pad
    return out


def expected(b):
    """the field list ndrdump should print, from our own decoding"""
    count, co, po = struct.unpack_from("<III", b, 0)
    f = [("count", count), ("current_offset", co), ("previous_offset", po)]
    arrays = (entries(b, co, po), entries(b, po, len(b)))
    for arr in arrays:
        f.append(("count", len(arr)))
        for t, typ, n, data, pad in arr:
            f += [("LastUpdateTime", nttime(t)), ("AuthType", typ), ("size", n)]
            if typ == 1:
                f.append(("hash", data.hex()))
            elif typ == 2:
                f.append(("password", data.hex()))
            elif typ == 3:
                f.append(("version", struct.unpack("<I", data)[0]))
            f.append(("_pad", pad))
    return count, arrays, f


def printed(path):
    """the fields ndrdump printed; a CLEAR password's byte lines joined"""
    f = []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            m = re.match(r"^\s*(\S+)\s+:\s(.*)$", line.rstrip("\n"))
            if not m:
                continue
            k, v = m.group(1), m.group(2).strip()
            if k == "AuthInfo":
                continue
            p = re.search(r"\((\d+)\)$", v)
            if re.match(r"^\[\d+\]$", k):
                if f and f[-1][0] == "password" and f[-1][2]:
                    f[-1] = ("password", f[-1][1] + "%02x" % int(p.group(1)), True)
                else:
                    f.append(("password", "%02x" % int(p.group(1)), True))
                continue
            if k == "_pad":
                v = int(v.rsplit("=", 1)[1])
            elif k == "hash":
                v = v.lower()
            elif k != "LastUpdateTime" and p:
                v = int(p.group(1))
            f.append((k, v, False))
    return [(k, v) for k, v, _ in f]


def cmd_ndr(blob, out, cur_hex="", cur_time=""):
    """ndrdump's fields equal ours; optionally current[0] is the lab's"""
    b = open(blob, "rb").read()
    count, arrays, want = expected(b)
    have = printed(out)
    bad = []
    if have != want:
        for i, (w, h) in enumerate(zip(want + [("-", "")] * len(have), have + [("-", "")] * len(want))):
            if w != h:
                bad.append("field %d: ndrdump %s, ours %s (values not shown)" % (i, h[0], w[0]))
                break
    if count != len(arrays[0]):
        bad.append("count %d but %d current entries" % (count, len(arrays[0])))
    cur = arrays[0][0] if arrays[0] else None
    if cur_hex and (cur is None or cur[3].hex() != cur_hex.lower()):
        bad.append("current[0] is not the lab's value")
    if cur_time and (cur is None or nttime(cur[0]) != time.strftime(
            "%a %b %e %H:%M:%S %Y", time.gmtime(int(cur_time))) + " UTC"):
        bad.append("current[0] LastUpdateTime is not the lab's set time")
    names = {0: "NONE", 1: "NT4OWF", 2: "CLEAR", 3: "VERSION"}
    shape = " ".join("[" + ",".join(names.get(e[1], "?") for e in a) + "]" for a in arrays)
    for x in bad:
        print(x)
    print("%d fields, count %d, current/previous %s" % (len(want), count, shape))
    return 1 if bad else 0


def cmd_corrupt(ldif, out, attr):
    """LDIF with ATTR's current[0] AuthType set to 9"""
    lines = open(ldif, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith(attr + ":: "):
            b = bytearray(base64.b64decode(line.split(":: ", 1)[1]))
            co = struct.unpack_from("<I", b, 4)[0]
            struct.pack_into("<I", b, co + 8, 9)
            lines[i] = attr + ":: " + base64.b64encode(bytes(b)).decode()
    open(out, "w", encoding="utf-8").write("\n".join(lines))
    return 0


def cmd_flip(ldif, out, attr):
    """LDIF with the last byte of ATTR's blob changed"""
    lines = open(ldif, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        if line.startswith(attr + ":: "):
            b = bytearray(base64.b64decode(line.split(":: ", 1)[1]))
            b[-1] ^= 0x01
            lines[i] = attr + ":: " + base64.b64encode(bytes(b)).decode()
    open(out, "w", encoding="utf-8").write("\n".join(lines))
    return 0


cmds = {"cmp": cmd_cmp, "blobs": cmd_blobs, "ndr": cmd_ndr,
        "corrupt": cmd_corrupt, "flip": cmd_flip}
sys.exit(cmds[sys.argv[1]](*sys.argv[2:]))
EOF
adt() { python3 "$T/adt.py" "$@"; }

# --- two AD DCs, provisioned once; every load goes into a fresh copy
# provision NAME REALM HOST
provision() {
	timeout 300 samba-tool domain provision --targetdir "$T/dc/$1.pristine" \
		--realm "$2" --domain "$1" --host-name "$3" --adminpass "$ADMINPW" \
		--server-role=dc --dns-backend=NONE > "$T/dc/$1.log" 2>&1
}
# basedn NAME
basedn() {
	case $1 in
	ACCOUNTS) echo DC=acc,DC=example,DC=test ;;
	RESOURCE) echo DC=res,DC=example,DC=test ;;
	esac
}
mkdir -p "$T/dc"
provision ACCOUNTS ACC.EXAMPLE.TEST ACCDC
rc=$?
out=$(tail -3 "$T/dc/ACCOUNTS.log")
err=""
check "samba-tool domain provision --targetdir: ACCOUNTS (acc.example.test)" rc_is 0
provision RESOURCE RES.EXAMPLE.TEST RESDC
rc=$?
out=$(tail -3 "$T/dc/RESOURCE.log")
check "samba-tool domain provision --targetdir: RESOURCE (res.example.test)" rc_is 0
# sid NAME: the domain object's objectSid
sid() {
	ldbsearch -H "$T/dc/$1.pristine/private/sam.ldb" -s base -b "$(basedn "$1")" objectSid 2> /dev/null |
		sed -n 's/^objectSid: //p'
}
accsid=$(sid ACCOUNTS)
ressid=$(sid RESOURCE)
check "the DCs' domain SIDs are read ($accsid, $ressid)" eval \
	'printf "%s\n%s\n" "$accsid" "$ressid" | grep -c "^S-1-5-21-[0-9]*-[0-9]*-[0-9]*$" | grep -qx 2 && [ "$accsid" != "$ressid" ]'

# --- the NT4 lab pair with those SIDs, a healthy trust RESOURCE -> ACCOUNTS
run domain create ACCOUNTS --sid "$accsid"
run domain create RESOURCE --sid "$ressid"
run --password "$TPW" trusting add ACCOUNTS RESOURCE
run --password "$TPW" trusted add RESOURCE ACCOUNTS
check "lab: RESOURCE -> ACCOUNTS with the DCs' SIDs" rc_is 0
run --show-secrets --json secret show RESOURCE 'G$$ACCOUNTS'
cur16=$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["current"]["hex"])' 2> /dev/null)
old16=$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["old"]["hex"])' 2> /dev/null)
curset=$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["current"]["set_time"])' 2> /dev/null)
run --show-secrets --json account show ACCOUNTS 'RESOURCE$'
nthash=$(printf '%s\n' "$out" | python3 -c 'import json, sys; print(json.load(sys.stdin)["account"]["nt_hash"])' 2> /dev/null)
check "lab: the G\$\$ACCOUNTS values, their set time and RESOURCE\$'s hash are shown" eval \
	'[ -n "$cur16" ] && [ -n "$old16" ] && [ -n "$curset" ] && [ ${#nthash} = 32 ]'

# --- the migrations
printf '%s\n' "$NEWPW" > "$T/pw"
# migrate_to VARIANT ARGS...
migrate_to() {
	v=$1
	shift
	mkdir -p "$T/$v"
	# shellcheck disable=SC2086
	run migrate RESOURCE ACCOUNTS $DNS "$@" --format ldif --ldif-dialect samba --out-dir "$T/$v"
	check "migrate $v: exit 0, RESOURCE.ldif and ACCOUNTS.ldif" eval \
		'rc_is 0 && [ -s "$T/$v/RESOURCE.ldif" ] && [ -s "$T/$v/ACCOUNTS.ldif" ]'
}
migrate_to oneway
migrate_to twoway --direction two-way --password-file "$T/pw"
migrate_to generated --generate
check "the file header gives the ldbadd line used here" \
	grep -q "^#   2. ldbadd -H /var/lib/samba/private/sam.ldb $CTRL ACCOUNTS.ldif$" "$T/oneway/ACCOUNTS.ldif"

# fresh NAME DIR: a copy of NAME's freshly provisioned DC in DIR
fresh() {
	rm -rf "$2"
	cp -a "$T/dc/$1.pristine" "$2"
}
# load VARIANT SIDE: ldbadd the side's LDIF into a fresh copy of its DC,
# then read everything back
load() {
	v=$1
	d=$2
	case $d in ACCOUNTS) p=RESOURCE ;; *) p=ACCOUNTS ;; esac
	db="$T/$v/dc-$d/private/sam.ldb"
	fresh "$d" "$T/$v/dc-$d"
	(cd "$T/$v" && timeout 60 ldbadd -H "$db" "$CTRL" "$d.ldif") > "$T/.out" 2> "$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
	check "$v: ldbadd $d.ldif into $d's DC (offline, the trust-account control): exit 0" \
		eval 'rc_is 0 && has_out "Added "'
	timeout 60 ldbsearch -H "$db" -b "CN=System,$(basedn "$d")" '(objectClass=trustedDomain)' \
		objectClass cn trustPartner flatName securityIdentifier trustDirection trustType \
		trustAttributes trustAuthIncoming trustAuthOutgoing trustPosixOffset \
		msDS-SupportedEncryptionTypes > "$T/$v/$d.tdo.search" 2> "$T/.err"
	timeout 60 ldbsearch -H "$db" -b "$(basedn "$d")" "(sAMAccountName=$p\$)" \
		objectClass sAMAccountName userAccountControl unicodePwd > "$T/$v/$d.user.search" 2>> "$T/.err"
	out=$(adt cmp "$T/$v/$d.ldif" "$T/$v/$d.tdo.search" "$T/$v/$d.user.search")
	rc=$?
	err=$(cat "$T/.err")
	check "$v: ldbsearch (secrets named) reads back every attribute of $d.ldif exactly ($(printf '%s\n' "$out" | tail -1))" rc_is 0
}
# ndr VARIANT SIDE [LABHEX [LABTIME] ATTR]: ndrdump every blob of the file
ndr() {
	v=$1
	d=$2
	for b in $(adt blobs "$T/$v/$d.ldif" "$T/$v/$d"); do
		a=${b##*-}
		a=${a%.bin}
		TZ=UTC timeout 60 ndrdump --validate drsblobs trustAuthInOutBlob struct "$b" > "$b.ndr" 2>&1
		rc=$?
		out=$(grep -v '^        ' "$b.ndr")
		err=""
		check "$v: ndrdump --validate decodes $d's $a: dump OK, re-encoded byte for byte" eval \
			'rc_is 0 && has_out "dump OK" && ! has_out "WARNING"'
		lab=""
		labt=""
		case "$v $d $a" in
		"oneway ACCOUNTS trustAuthIncoming") lab=$nthash ;;
		"oneway RESOURCE trustAuthOutgoing") lab=$cur16 labt=$curset ;;
		"twoway "*) lab=$(printf '%s' "$NEWPW" | python3 -c 'import sys; print(sys.stdin.read().encode("utf-16-le").hex())') ;;
		esac
		out=$(adt ndr "$b" "$b.ndr" "$lab" "$labt")
		rc=$?
		also=""
		[ -n "$lab" ] && also=", current is the lab's"
		check "$v: ndrdump's fields of $d's $a are ours ($out)$also" rc_is 0
	done
}
for v in oneway twoway generated; do
	for d in ACCOUNTS RESOURCE; do
		load "$v" "$d"
		ndr "$v" "$d"
	done
done
out=$(adt blobs "$T/oneway/RESOURCE.ldif" "$T/prevchk")
python3 -c '
import struct, sys
b = open(sys.argv[1], "rb").read()
co, po = struct.unpack_from("<II", b, 4)
t, typ, n = struct.unpack_from("<QII", b, po)
print(b[po + 16:po + 16 + n].hex())' "$T/prevchk-trustAuthOutgoing.bin" > "$T/prevchk.hex" 2> /dev/null
check "oneway: RESOURCE's previous outgoing is the lab's G\$\$ACCOUNTS OldValue (ndrdump checked it above)" \
	eval '[ "$(cat "$T/prevchk.hex")" = "$old16" ]'

# --- negative controls: each check can fail
adt corrupt "$T/oneway/ACCOUNTS.ldif" "$T/bad9.ldif" trustAuthIncoming
adt blobs "$T/bad9.ldif" "$T/bad9" > /dev/null
TZ=UTC ndrdump --validate drsblobs trustAuthInOutBlob struct "$T/bad9-trustAuthIncoming.bin" > "$T/.out" 2>&1
rc=$?
out=$(grep -v '^        ' "$T/.out")
check "negative: AuthType 9 in trustAuthIncoming makes ndrdump fail (Bad Switch, no dump OK)" eval \
	'! rc_is 0 && has_out "Bad Switch" && ! has_out "dump OK"'
adt flip "$T/oneway/ACCOUNTS.ldif" "$T/flip.ldif" trustAuthIncoming
out=$(adt cmp "$T/flip.ldif" "$T/oneway/ACCOUNTS.tdo.search" "$T/oneway/ACCOUNTS.user.search")
rc=$?
check "negative: a blob one bit off is reported by the read-back comparison" eval \
	'! rc_is 0 && has_out "trustauthincoming differs"'
fresh ACCOUNTS "$T/neg"
sed 's/^objectClass: trustedDomain$/&\nisCriticalSystemObject: TRUE/' "$T/oneway/ACCOUNTS.ldif" > "$T/crit.ldif"
timeout 60 ldbadd -H "$T/neg/private/sam.ldb" "$CTRL" "$T/crit.ldif" > "$T/.out" 2> "$T/.err"
rc=$?
out=$(cat "$T/.out")
err=$(cat "$T/.err")
check "negative: isCriticalSystemObject is refused by ldbadd (FINDINGS 7.1)" eval \
	'grep -q "^isCriticalSystemObject: TRUE$" "$T/crit.ldif" && ! rc_is 0 &&
	 printf "%s\n%s\n" "$out" "$err" | grep -q "isCriticalSystemObject.* must not be specified"'
# shellcheck disable=SC2086
"$N" migrate RESOURCE ACCOUNTS $DNS --format ldif --side ACCOUNTS > "$T/win.ldif" 2> /dev/null
timeout 60 ldbadd -H "$T/neg/private/sam.ldb" "$CTRL" "$T/win.ldif" > "$T/.out" 2> "$T/.err"
rc=$?
out=$(cat "$T/.out")
err=$(cat "$T/.err")
check "negative: the windows dialect (binary SID) is refused by Samba's ldbadd: Failed to parse ldif" eval \
	'grep -q "^securityIdentifier:: " "$T/win.ldif" && ! rc_is 0 && has_err "Failed to parse ldif"'
n=$(ldbsearch -H "$T/neg/private/sam.ldb" -b "CN=System,$(basedn ACCOUNTS)" '(objectClass=trustedDomain)' dn 2> /dev/null |
	grep -c '^dn: ')
check "negative: nothing was added by the refused files" [ "$n" = 0 ]

echo "# took $(($(date +%s) - t0)) s"
finish
