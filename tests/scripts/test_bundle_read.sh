#!/bin/bash
# Reading bundles (issue 5): every container and compression, nested bundles
# one level deep (deeper ones skipped), gzipped entries, unclaimed entries
# skipped and named at --verbose, diagnostics naming "bundle!entry:line:col".
set -u
fail=0
python3 - <<'PY' || exit 1
import io, json, tarfile, zipfile
def art(i): return (json.dumps({"id": i, "headline": "H " + i}) + "\n").encode()
def tar(members, mode="w"):
    b = io.BytesIO()
    with tarfile.open(fileobj=b, mode=mode) as t:
        for n, d in members:
            ti = tarfile.TarInfo(n); ti.size = len(d); t.addfile(ti, io.BytesIO(d))
    return b.getvalue()
def zf(members):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in members: z.writestr(n, d)
    return b.getvalue()
import gzip
inner = tar([("x/inner.jsonl", art("in1") + art("in2")), ("notes.txt", b"hello")], "w:gz")
deeper = zf([("deep.jsonl", art("deep"))])
mid = zf([("mid.jsonl", art("mid")), ("deeper.zip", deeper)])
bad = b'{"id":"ok1","headline":"fine"}\n{"id":"bad",\n'
outer = [("a.jsonl", art("top")), ("inner.tar.gz", inner), ("mid.zip", mid),
         ("2015/12/15/bad.jsonl", bad), ("img.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100),
         ("sub/arr.json", json.dumps([{"id": "j1"}, {"id": "j2"}]).encode()),
         ("z/gz.jsonl.gz", gzip.compress(art("gz"), mtime=0))]
open("nested.zip", "wb").write(zf(outer))
open("nested.tar", "wb").write(tar(outer))
flat = [("a/%d.jsonl" % i, art("f%d" % i)) for i in range(5)]
open("flat.tar", "wb").write(tar(flat))
PY
for c in gzip zstd xz bzip2; do
	case $c in gzip) e=tar.gz;; zstd) e=tar.zst;; xz) e=tar.xz;; bzip2) e=tar.bz2;; esac
	$c -c flat.tar > flat.$e || { echo "$c missing"; exit 1; }
done
cp flat.tar.gz flat.tgz
for f in flat.tar flat.tar.gz flat.tgz flat.tar.zst flat.tar.xz flat.tar.bz2; do
	out=$(newsarc convert -q "$f" | tr '\n' ' ')
	[ "$out" = '{"id":"f0","headline":"H f0"} {"id":"f1","headline":"H f1"} {"id":"f2","headline":"H f2"} {"id":"f3","headline":"H f3"} {"id":"f4","headline":"H f4"} ' ] ||
		{ echo "$f: got $out"; fail=1; }
done
for f in nested.zip nested.tar; do
	newsarc convert -v "$f" > out.jsonl 2> err.txt
	rc=$?
	[ $rc = 6 ] || { echo "$f: exit $rc, expected 6 (one rejected record)"; fail=1; }
	ids=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open("out.jsonl")))')
	[ "$ids" = "top in1 in2 mid ok1 j1 j2 gz" ] || { echo "$f: ids '$ids'"; fail=1; }
	for want in "$f!2015/12/15/bad.jsonl:2:13: error: expected a string key in object" \
	            "$f!inner.tar.gz!notes.txt: note: skipped: no format claims this entry" \
	            "$f!mid.zip!deeper.zip: note: skipped: bundle nested more than one level deep" \
	            "$f!img.png: note: skipped: no format claims this entry" \
	            "newsarc: read 9, written 8, rejected 1, skipped 3 (no format)"; do
		grep -qF "$want" err.txt || { echo "$f: missing diagnostic: $want"; cat err.txt; fail=1; }
	done
done
# without --verbose the skipped entries are only counted
newsarc convert nested.zip 2> err.txt > /dev/null
grep -q "note:" err.txt && { echo "notes printed without --verbose"; fail=1; }
grep -q "skipped 3 (no format)" err.txt || { echo "skip count missing"; fail=1; }
exit $fail
