#!/usr/bin/python3
"""Build the Samba classic private-directory fixtures of tests/data/samba/.

Each state directory holds ACCOUNTS/ (the trusted PDC: passdb.tdb and
secrets.tdb) and RESOURCE/ (the trusting PDC).  The records are Samba
4.17's own layouts (../shared/reference/samba-classic/REPORT.md section 5),
built here with struct.pack from the field values REPORT lists for the real
lab run -- independently of nt4trust's C encoders -- and the
TRUSTED_DOM_PASS record is REPORT's real 115-byte hex.

Run with Debian's python3-tdb: /usr/bin/python3 make-fixtures.py OUTDIR
"""
import hashlib
import os
import struct
import sys

import tdb

NEVER = 0x7c54a97f
ACCOUNTS_SID = (21, 909393080, 4211228949, 3319219212)
RESOURCE_SID = (21, 3810631511, 2797423405, 3000420610)
OTHER_SID = (21, 1111111111, 2222222222, 3333333333)
TRUST_PW = "Tru5t-Pa55w0rd"
MOD_TIME = 0x6b02358d
REAL_DOMTRUST = bytes.fromhex(
    "090000004100430043004f0055004e005400530000000000000000000000000000"
    "000000000000000000000000000000000000000000000000000000000000000000"
    "00000e00000054727535742d5061353577307264008d35026b0104000000000005"
    "15000000b83c3436154102fb0c44d7c5")


def md4(msg):
    """MD4 (RFC 1320), for the NT hashes of the fixtures."""
    def f(x, y, z): return (x & y) | (~x & z)
    def g(x, y, z): return (x & y) | (x & z) | (y & z)
    def h(x, y, z): return x ^ y ^ z
    def rol(x, n): return ((x << n) | (x >> (32 - n))) & 0xffffffff
    m = bytearray(msg) + b"\x80"
    while len(m) % 64 != 56:
        m += b"\0"
    m += struct.pack("<Q", 8 * len(msg))
    st = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
    for off in range(0, len(m), 64):
        X = struct.unpack("<16I", m[off:off + 64])
        a, b, c, d = st
        for i in range(16):
            k, sh = i, (3, 7, 11, 19)[i % 4]
            a, b, c, d = d, rol((a + f(b, c, d) + X[k]) & 0xffffffff, sh), b, c
        for i in range(16):
            k, sh = (i % 4) * 4 + i // 4, (3, 5, 9, 13)[i % 4]
            a, b, c, d = d, rol((a + g(b, c, d) + X[k] + 0x5a827999) & 0xffffffff, sh), b, c
        for i in range(16):
            k = (0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15)[i]
            sh = (3, 9, 11, 15)[i % 4]
            a, b, c, d = d, rol((a + h(b, c, d) + X[k] + 0x6ed9eba1) & 0xffffffff, sh), b, c
        st = [(x + y) & 0xffffffff for x, y in zip(st, (a, b, c, d))]
    return struct.pack("<4I", *st)


def nt_hash(pw):
    return md4(pw.encode("utf-16-le"))


def B(b):
    return struct.pack("<I", len(b)) + b


def S(s):
    """A tdb_pack string: length including the NUL, or 0 for NULL."""
    return B(s.encode() + b"\0") if s is not None else B(b"")


def samu(name, domain, rid, acb, nt, fullname, last_set):
    """SAMU_BUFFER_V3 = "dddddddBBBBBBBBBBBBddBBBdwdBwwd" (REPORT 5.1)."""
    out = struct.pack("<7I", 0, NEVER, NEVER, 0, last_set, 0, NEVER)
    out += S(name) + S(domain) + S("") + S(fullname)
    out += S(None) * 4                    # homedir, drive, script, profile
    out += S("") * 4                      # acct_desc, workstations, comment, munged_dial
    out += struct.pack("<II", rid, 513)
    out += B(b"") + B(nt if nt is not None else b"") + B(b"")  # lm, nt, history
    out += struct.pack("<IHI", acb, 168, 21)
    out += B(b"\xff" * 21 + b"\0" * 11)
    out += struct.pack("<HHI", 0, 0, 0x4ec)
    return out


def dom_sid68(subs):
    """struct dom_sid as secrets.tdb keeps it: 68 bytes."""
    s = struct.pack("<BB", 1, len(subs)) + bytes([0, 0, 0, 0, 0, 5])
    s += b"".join(struct.pack("<I", x) for x in subs)
    return s + b"\0" * (68 - len(s))


def ndr_sid(subs):
    return (struct.pack("<BB", 1, len(subs)) + bytes([0, 0, 0, 0, 0, 5]) +
            b"".join(struct.pack("<I", x) for x in subs))


def domtrust(name, pw, mod_time, subs):
    """TRUSTED_DOM_PASS, NDR_NOALIGN (REPORT 5.2)."""
    u = name.encode("utf-16-le")
    out = struct.pack("<I", len(name) + 1) + u + b"\0" * (64 - len(u))
    out += struct.pack("<I", len(pw)) + pw.encode() + b"\0"
    out += struct.pack("<I", mod_time) + ndr_sid(subs)
    return out


def write(path, records):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.exists(path):
        os.unlink(path)
    t = tdb.Tdb(path, 0, tdb.DEFAULT, os.O_RDWR | os.O_CREAT, 0o600)
    for k, v in records:
        t[k] = v
    t.close()


def passdb(domain, users, next_rid):
    recs = [(b"INFO/version\0", struct.pack("<i", 4)),
            (b"INFO/minor_version\0", struct.pack("<i", 0)),
            (b"NEXT_RID\0", struct.pack("<I", next_rid))]
    for name, rid, acb, nt, full in users:
        low = name.lower().encode()
        recs.append((b"USER_" + low + b"\0",
                     samu(name, domain, rid, acb, nt, full, MOD_TIME)))
        recs.append((b"RID_%08x\0" % rid, low + b"\0"))
    return recs


def state(out, name, trust_acct=("RESOURCE$", 0x40, TRUST_PW),
          domtrust_rec=REAL_DOMTRUST, reverse=False):
    d = os.path.join(out, name)
    users = [("root", 1000, 0x10, nt_hash("R00t-pw"), "root"),
             ("alice", 1001, 0x10, nt_hash("Al1ce-Pa55w0rd"), "Alice")]
    if trust_acct is not None:
        acct, acb, pw = trust_acct
        users.append((acct, 1002, acb, nt_hash(pw), "trust/machine account"))
    write(os.path.join(d, "ACCOUNTS", "passdb.tdb"),
          passdb("ACCOUNTS", users, 1003))
    acc_secrets = [(b"SECRETS/SID/ACCOUNTS", dom_sid68(ACCOUNTS_SID)),
                   (b"SECRETS/SID/ACCTPDC", dom_sid68(ACCOUNTS_SID))]
    res_users = [("root", 1000, 0x10, nt_hash("R00t-pw"), "root")]
    if reverse:  # ACCOUNTS trusts RESOURCE too
        acc_secrets.append((b"SECRETS/$DOMTRUST.ACC/RESOURCE",
                            domtrust("RESOURCE", "Back-Pa55w0rd", MOD_TIME,
                                     RESOURCE_SID)))
        res_users.append(("ACCOUNTS$", 1001, 0x40, nt_hash("Back-Pa55w0rd"),
                          "trust/machine account"))
    write(os.path.join(d, "ACCOUNTS", "secrets.tdb"), acc_secrets)
    write(os.path.join(d, "RESOURCE", "passdb.tdb"),
          passdb("RESOURCE", res_users, 1002))
    res_secrets = [(b"SECRETS/SID/RESOURCE", dom_sid68(RESOURCE_SID)),
                   (b"SECRETS/SID/RESPDC", dom_sid68(RESOURCE_SID))]
    if domtrust_rec is not None:
        res_secrets.append((b"SECRETS/$DOMTRUST.ACC/ACCOUNTS", domtrust_rec))
    write(os.path.join(d, "RESOURCE", "secrets.tdb"), res_secrets)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(__file__)
    # The real record must be exactly what this script builds.
    assert domtrust("ACCOUNTS", TRUST_PW, MOD_TIME, ACCOUNTS_SID) == REAL_DOMTRUST
    assert nt_hash(TRUST_PW).hex() == "248de6aa0711fb774307f72c97bc52f7"
    state(out, "healthy")
    state(out, "trusted-side-missing", trust_acct=None)
    state(out, "trusting-side-missing", domtrust_rec=None)
    state(out, "no-trust", trust_acct=None, domtrust_rec=None)
    state(out, "password-mismatch", trust_acct=("RESOURCE$", 0x40, "Other-pw"))
    state(out, "trust-account-disabled", trust_acct=("RESOURCE$", 0x41, TRUST_PW))
    state(out, "trust-account-wrong-type", trust_acct=("RESOURCE$", 0x80, TRUST_PW))
    state(out, "sid-mismatch",
          domtrust_rec=domtrust("ACCOUNTS", TRUST_PW, MOD_TIME, OTHER_SID))
    state(out, "two-way", reverse=True)


if __name__ == "__main__":
    main()
