#!/bin/bash
# newsarc pack (issue 5): reproducible bundles (pack twice, cmp) in every
# container, safe entry names, the manifest, --single, convert --to bundle,
# round trips, and verify catching tampering (exit 1).
set -u
fail=0
python3 - <<'PY' || exit 1
import json
arts = [
    {"id": "a1", "headline": "One", "published": "2015-12-15T10:00:00+01:00", "body": [{"type": "p", "text": "x"}]},
    {"id": "../../etc/passwd", "headline": "Two", "published": "2015-12-15"},
    {"id": "a1", "headline": "Three (same id)", "published": "2015-12-15T23:00:00Z"},
    {"headline": "No id, no date"},
    {"id": "/abs\u0007ctl\u00e9", "headline": "Odd id", "published": "1999-01-02T03:04:05Z"},
    {"id": "x" * 300, "headline": "Long id"},
    {"id": ".hidden", "headline": "Dot"},
]
with open("in.jsonl", "w") as f:
    for a in arts:
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
for e in tar tar.gz tgz tar.zst tar.xz tar.bz2 zip; do
	newsarc pack -q --entry-format jsonl in.jsonl -o one.$e || { echo "pack $e failed"; fail=1; continue; }
	sleep 1  # a different clock second must not change a byte
	newsarc pack -q --entry-format jsonl in.jsonl -o two.$e
	cmp one.$e two.$e || { echo "$e: two packs of the same input differ"; fail=1; }
	newsarc verify -q one.$e || { echo "$e: verify failed"; fail=1; }
	newsarc convert -q in.jsonl > want.jsonl
	newsarc convert -q one.$e > got.jsonl
	cmp -s want.jsonl got.jsonl || { echo "$e: round trip differs"; diff want.jsonl got.jsonl; fail=1; }
done
# the gzip header has no time and no name; the tar has uid/gid 0, no user names
python3 - <<'PY' || fail=1
import gzip, json, sys, tarfile, zipfile
raw = open("one.tar.gz", "rb").read()
assert raw[:4] == b"\x1f\x8b\x08\x00" and raw[4:8] == b"\0\0\0\0", "gzip header has a name or time"
raw = open("one.tgz", "rb").read()
assert raw[4:8] == b"\0\0\0\0" and not raw[3] & 8, "tgz header has a name or time"
t = tarfile.open("one.tar.gz")
names = t.getnames()
want = ["manifest.json", "2015/12/15/a1.jsonl", "2015/12/15/_._.._etc_passwd.jsonl",
        "2015/12/15/a1-2.jsonl", "undated/article-000004.jsonl", "1999/01/02/_abs_ctl__.jsonl",
        "undated/" + "x" * 100 + ".jsonl", "undated/_hidden.jsonl"]
assert names == want, names
for m in t.getmembers():
    assert m.uid == 0 and m.gid == 0 and m.uname == "" and m.gname == "" and m.mode == 0o644, m.name
    assert m.isreg(), m.name
    assert not m.name.startswith("/") and ".." not in m.name.split("/"), m.name
    assert all(32 <= ord(c) < 127 for c in m.name), m.name
mt = {m.name: m.mtime for m in t.getmembers()}
assert mt["2015/12/15/a1.jsonl"] == 1450170000, mt   # 2015-12-15T09:00:00Z
assert mt["undated/article-000004.jsonl"] == 946684800, mt  # fixed epoch
man = json.load(t.extractfile("manifest.json"))
assert man["format"] == "newsarc-bundle" and man["entry_format"] == "jsonl" and man["articles"] == 7, man
assert man["tool"].startswith("newsarc ") and man["entry_count"] == 7
assert [e["name"] for e in man["entries"]] == want[1:]
assert [e["id"] for e in man["entries"]][:4] == ["a1", "../../etc/passwd", "a1", None]
import hashlib
for e in man["entries"]:
    assert hashlib.sha256(t.extractfile(e["name"]).read()).hexdigest() == e["sha256"], e
z = zipfile.ZipFile("one.zip")
assert z.namelist() == want and z.testzip() is None
PY
# --single: one JSONL member, and convert --to bundle with the same options
newsarc pack -q --single in.jsonl -o s.tar.zst && newsarc verify -q s.tar.zst || { echo "--single failed"; fail=1; }
[ "$(newsarc list -q s.tar.zst | awk 'NR>1 {print $2, $3, $4}' | tr '\n' ';')" = "manifest - manifest.json;jsonl 7 articles.jsonl;" ] ||
	{ echo "--single list:"; newsarc list s.tar.zst; fail=1; }
newsarc convert -q in.jsonl --to bundle -O bundle:entry-format=jsonl -o c.tar.gz && cmp c.tar.gz one.tar.gz ||
	{ echo "convert --to bundle differs from pack"; fail=1; }
newsarc pack -q --entry-format json in.jsonl -o j.zip && newsarc verify -q j.zip || { echo "json entries failed"; fail=1; }

# verify catches tampering: a changed byte, a missing entry, an extra entry, a wrong count
python3 - <<'PY'
import io, json, tarfile
src = tarfile.open("one.tar")
members = [(m, src.extractfile(m).read()) for m in src.getmembers()]
def write(name, ms):
    with tarfile.open(name, "w", format=tarfile.PAX_FORMAT) as t:
        for m, d in ms:
            m = tarfile.TarInfo(m) if isinstance(m, str) else m
            m.size = len(d); t.addfile(m, io.BytesIO(d))
ms = list(members); m, d = ms[2]; ms[2] = (m, d.replace(b"Two", b"Tw0"))
write("changed.tar", ms)
write("missing.tar", members[:3] + members[4:])
write("extra.tar", members + [("extra.jsonl", b'{"id":"e"}\n')])
man = json.loads(members[0][1]); man["articles"] = 8
write("count.tar", [(members[0][0], json.dumps(man).encode())] + members[1:])
write("nomanifest.tar", members[1:])
write("dup.tar", members + [members[1]])
PY
check() { # file pattern
	newsarc verify "$1" > /dev/null 2> err.txt; rc=$?
	[ $rc = 1 ] || { echo "verify $1: exit $rc, expected 1"; fail=1; }
	grep -Eq "$2" err.txt || { echo "verify $1: no message matching '$2'"; cat err.txt; fail=1; }
}
check changed.tar "^changed.tar!2015/12/15/_._.._etc_passwd.jsonl@[0-9]+: error: sha256 mismatch"
check missing.tar "^missing.tar: error: missing entry: '2015/12/15/a1-2.jsonl' is in the manifest"
check extra.tar "^extra.tar!extra.jsonl@[0-9]+: error: extra entry: not in the manifest"
check count.tar "manifest says 8 articles, the bundle holds 7"
check nomanifest.tar "first entry is '2015/12/15/a1.jsonl', not manifest.json"
check dup.tar "^dup.tar!2015/12/15/a1.jsonl@[0-9]+: error: duplicate entry"
newsarc verify one.tar > out.txt; rc=$?
[ $rc = 0 ] && [ "$(cat out.txt)" = "one.tar: OK (7 entries, 7 articles)" ] || { echo "verify one.tar: $rc $(cat out.txt)"; fail=1; }
exit $fail
