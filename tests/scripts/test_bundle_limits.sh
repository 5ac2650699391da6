#!/bin/bash
# Bundle limits and damage (issue 5): a zip bomb, a gzip bomb and a zstd bomb
# stop early with a clear error; --max-entries and --max-record hold;
# truncated and corrupt bundles keep the articles before the damage and the
# error names the entry and the offset.
set -u
fail=0
python3 - <<'PY' || exit 1
import gzip, io, json, random, tarfile, zipfile
z = zipfile.ZipFile("bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9)
z.writestr("a.jsonl", json.dumps({"id": "a", "headline": "h"}) + "\n")
z.writestr("zeros.jsonl", b"\0" * (40 << 20))
z.close()
with zipfile.ZipFile("many.zip", "w") as z:
    for i in range(300):
        z.writestr("%d.jsonl" % i, json.dumps({"id": "m%d" % i}) + "\n")
b = io.BytesIO()
with tarfile.open(fileobj=b, mode="w") as t:
    ti = tarfile.TarInfo("zeros.jsonl"); ti.size = 40 << 20
    t.addfile(ti, io.BytesIO(b"\0" * (40 << 20)))
open("zeros.tar", "wb").write(b.getvalue())
open("bomb.tar.gz", "wb").write(gzip.compress(b.getvalue(), 9, mtime=0))
random.seed(1)
words = ["".join(random.choice("abcdefghijklmnop") for _ in range(random.randint(2, 9))) for _ in range(3000)]
with open("arts.jsonl", "w") as f:
    for i in range(60):
        f.write(json.dumps({"id": "n%02d" % i, "headline": " ".join(random.choice(words) for _ in range(400)),
                            "published": "2016-01-%02dT00:00:00Z" % (i % 28 + 1)}) + "\n")
PY
zstd -q -3 zeros.tar -o bomb.tar.zst || exit 1
rm zeros.tar

expect() { # name rc pattern
	if [ "$rc" != "$2" ]; then echo "$1: exit $rc, expected $2"; cat err.txt; fail=1; fi
	grep -Eq "$3" err.txt || { echo "$1: no diagnostic matching '$3'"; cat err.txt; fail=1; }
}
start=$SECONDS
newsarc convert bomb.zip > out.jsonl 2> err.txt; rc=$?
expect bomb.zip 5 "^bomb.zip!zeros.jsonl@[0-9]+: error: compression ratio exceeds the limit .*zip bomb"
[ "$(wc -l < out.jsonl)" = 1 ] || { echo "bomb.zip: the article before the bomb was lost"; fail=1; }
newsarc convert --max-ratio 100 bomb.tar.gz > /dev/null 2> err.txt; rc=$?
expect bomb.tar.gz 5 "gzip bomb"
newsarc convert --max-total 10M bomb.tar.gz > /dev/null 2> err.txt; rc=$?
expect bomb.tar.gz 5 "exceeds the limit \(--max-total\)"
newsarc convert bomb.tar.zst > /dev/null 2> err.txt; rc=$?
expect bomb.tar.zst 5 "^bomb.tar.zst!zeros.jsonl@0: error: compression ratio exceeds"
[ $((SECONDS - start)) -lt 30 ] || { echo "bombs took $((SECONDS - start))s to stop"; fail=1; }
newsarc convert --max-entries 100 many.zip > out.jsonl 2> err.txt; rc=$?
expect many.zip 5 "^many.zip!100.jsonl@[0-9]+: error: more than 100 entries in the archive \(--max-entries\)"
[ "$(wc -l < out.jsonl)" = 100 ] || { echo "many.zip: expected the first 100 articles"; fail=1; }
newsarc convert --max-record 1K many.zip > /dev/null 2> err.txt; rc=$?
[ $rc = 0 ] || { echo "many.zip with small entries: exit $rc"; fail=1; }
newsarc pack -q --entry-format jsonl arts.jsonl -o big.tar
newsarc convert --max-record 1K big.tar > out.jsonl 2> err.txt; rc=$?
expect big.tar 6 "^big.tar!2016/01/01/n00.jsonl@[0-9]+: error: entry of [0-9]+ bytes is larger than the record limit"

# truncation in the middle of an entry and at an entry boundary, every container
for e in tar tar.gz tar.zst tar.xz zip; do
	newsarc pack -q --entry-format jsonl arts.jsonl -o full.$e || { echo "pack $e failed"; fail=1; continue; }
	newsarc convert -q full.$e > all.jsonl
	[ "$(wc -l < all.jsonl)" = 60 ] || { echo "full.$e: not 60 articles"; fail=1; }
	size=$(stat -c %s full.$e)
	head -c $((size * 2 / 3 + 100)) full.$e > cut.$e
	newsarc convert cut.$e > out.jsonl 2> err.txt; rc=$?
	n=$(wc -l < out.jsonl)
	[ $rc = 5 ] || { echo "cut.$e: exit $rc, expected 5"; cat err.txt; fail=1; }
	[ "$n" -gt 10 ] && [ "$n" -lt 60 ] || { echo "cut.$e: kept $n articles"; fail=1; }
	python3 -c 'import json,sys; [json.loads(l) for l in open("out.jsonl")]' || { echo "cut.$e: broken output"; fail=1; }
	# the articles kept are the first ones, in order
	head -n "$n" all.jsonl | cmp -s - out.jsonl || { echo "cut.$e: kept articles differ from the first $n"; fail=1; }
	grep -Eq "^cut\.$e(!2016/[0-9/]+/n[0-9]+\.jsonl)?@[0-9]+: error: .*(truncated|Truncated|corrupt)" err.txt ||
		{ echo "cut.$e: error does not name the entry and offset"; cat err.txt; fail=1; }
done
# a tar cut exactly at an entry boundary: only the manifest can tell
newsarc pack -q --entry-format jsonl arts.jsonl -o full.tar
python3 - <<'PY'
import tarfile
t = tarfile.open("full.tar"); m = t.getmembers()[30]
data = open("full.tar", "rb").read()[:m.offset]
open("boundary.tar", "wb").write(data)
PY
newsarc convert boundary.tar > out.jsonl 2> err.txt; rc=$?
expect boundary.tar 5 "bundle ends after 29 of the 60 entries its manifest lists"
[ "$(wc -l < out.jsonl)" = 29 ] || { echo "boundary.tar: expected 29 articles"; fail=1; }
# corrupt bytes inside a deflated zip member
newsarc pack -q --entry-format jsonl arts.jsonl -o full.zip
python3 - <<'PY'
import zipfile
z = zipfile.ZipFile("full.zip"); m = z.infolist()[20]
b = bytearray(open("full.zip", "rb").read())
start = m.header_offset + 30 + len(m.filename) + len(m.extra)
for i in range(start + 10, start + 60):
    b[i] ^= 0x5A
open("corrupt.zip", "wb").write(bytes(b))
PY
newsarc convert corrupt.zip > out.jsonl 2> err.txt; rc=$?
[ $rc = 5 ] || [ $rc = 6 ] || { echo "corrupt.zip: exit $rc"; fail=1; }
grep -Eq "^corrupt.zip!2016/01/20/n19.jsonl@[0-9]+: error: " err.txt || { echo "corrupt.zip: damaged entry not named"; cat err.txt; fail=1; }
[ "$(wc -l < out.jsonl)" -ge 19 ] || { echo "corrupt.zip: articles before the damage lost"; fail=1; }
exit $fail
