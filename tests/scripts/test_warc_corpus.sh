#!/bin/sh
# warc reader over every sample in $SHARED/corpus/warc, expectations checked
# by hand against the files (record offsets from the gzip members, WARC-Type
# and WARC-Date headers), plus damaged variants crafted here.  Without the
# html reader the HTML records are rejected with a clear error (still at the
# right offsets); with it, url, date and headline are checked too.
[ -n "$SHARED" ] && [ -d "$SHARED/corpus/warc" ] || { echo "SKIP: ../shared absent"; exit 77; }
W="$SHARED/corpus/warc"
if newsarc formats | grep -q '^html '; then HTML=1; else HTML=0; fi
fail() { echo "FAIL: $*"; exit 1; }

# check FILE HTML-RECORDS SKIPPED "OFFSET URI"... : counts and offsets
check() {
	f=$1; n=$2; skipped=$3; shift 3
	newsarc convert "$f" --to jsonl -o out.jsonl 2>err
	if [ $HTML = 1 ]; then
		grep -q "read $n, written $n, rejected 0, skipped $skipped (no format)\$\|read $n, written $n, rejected 0\$" err ||
			fail "$f: $(tail -1 err)"
		[ "$(wc -l < out.jsonl)" = "$n" ] || fail "$f: $(wc -l < out.jsonl) articles"
	else
		grep -q "read $n, written 0, rejected $n" err || fail "$f: $(tail -1 err)"
		for rec in "$@"; do
			grep -qF "$rec: error: HTML record" err || fail "$f: no record $rec"
		done
	fi
	[ "$skipped" = 0 ] || grep -q "skipped $skipped (no format)" err || fail "$f: skipped: $(tail -1 err)"
}
# field FILE LINE KEY VALUE: with html, article LINE has KEY == VALUE
field() {
	[ $HTML = 1 ] || return 0
	python3 -c "
import json, sys
a = [json.loads(l) for l in open('out.jsonl')][int(sys.argv[1]) - 1]
v = a.get(sys.argv[2])
assert v == sys.argv[3], (sys.argv[2], v, sys.argv[3])
" "$2" "$3" "$4" || fail "$1: article $2 $3"
}

# WARC/1.0 per-record gzip: warcinfo x2, response, request, revisit, request
check "$W/warcio-example.warc.gz" 1 5 "warc.gz@784"
field example 1 url "http://example.com/"
field example 1 headline "Example Domain"
field example 1 published "2017-03-06T04:02:06Z"   # WARC-Date: the page has no date
# uncompressed, chunked transfer encoding
check "$W/warcio-example-iana.org-chunked.warc" 1 2 "chunked.warc@405"
field iana 1 url "http://www.iana.org/"
field iana 1 published "2017-03-06T16:54:09Z"
# resource record (text/html)
check "$W/warcio-example-resource.warc.gz" 1 2 "resource.warc.gz@802"
field resource 1 published "2017-04-29T01:30:30Z"
# legacy ARC: filedesc skipped, date is a 14-digit GMT stamp
check "$W/warcio-example.arc.gz" 1 1 "arc.gz@171"
field arc 1 published "2014-02-16T05:02:21Z"
# Common Crawl style response
check "$W/jwarc-cc.warc.gz" 1 0 "cc.warc.gz@0"
field cc 1 url "http://commoncrawl.org/"
# whole-file gzip: one member, offsets are decompressed offsets
check "$W/warcio-example-bad-non-chunked.warc.gz" 1 5 "non-chunked.warc.gz"
[ $HTML = 1 ] || grep -q 'non-chunked.warc.gz: error: HTML record http://example.com/: .*(decompressed offset 1197)' err || fail non-chunked
# Content-Length 2 bytes short (warcio.js: "Content-Length Too Small"): warned, resynced
check "$W/warcio-example-trunc.warc" 1 3 "trunc.warc@1197"
grep -q 'trunc.warc@1197: warning: response record http://example.com/: Content-Length 973 does not end at the record end' err || fail trunc
# Content-Length one byte short, record split over gzip members
check "$W/warcio-example-wrong-chunks.warc.gz" 1 1 "chunks.warc.gz@0"
grep -q 'chunks.warc.gz@0: warning: response record http://example.com/: Content-Length 1613 does not end' err || fail chunks
# three real news pages in synthetic WARC/1.0 and WARC/1.1 framing
check "$W/assembled/assembled-news-pages.warc.gz" 3 1 "pages.warc.gz@304" "pages.warc.gz@64954" "pages.warc.gz@86798"
field assembled 1 url "http://www.bbc.com/news/world-us-canada-33646704"
field assembled 1 headline "Obama admits US gun laws are his 'biggest frustration'"
field assembled 1 published "2015-07-24T05:36:09+01:00"
field assembled 3 headline "Un troisième Français mort dans le séisme au Népal"
check "$W/assembled/assembled-news-pages-warc11.warc.gz" 3 1 "warc11.warc.gz@308" "warc11.warc.gz@64956" "warc11.warc.gz@86799"

# ---- damaged variants -------------------------------------------------------
python3 - "$W/assembled/assembled-news-pages.warc.gz" <<'PY'
import sys, zlib
data = open(sys.argv[1], "rb").read()
members, pos = [], 0
while pos < len(data):
    d = zlib.decompressobj(31)
    d.decompress(data[pos:])
    end = len(data) - len(d.unused_data)
    members.append(data[pos:end]); pos = end
assert [len(m) for m in members[:1]] == [304]
plain = b"".join(zlib.decompress(m, 31) for m in members)
open("plain.warc", "wb").write(plain)
# truncated in the middle of the last record
open("trunc.warc", "wb").write(plain[:len(plain) - 5000])
# bad gzip member: the second response's deflate data overwritten
bad = bytearray(b"".join(members))
for i in range(64954 + 400, 64954 + 700):
    bad[i] = 0x55
open("badmember.warc.gz", "wb").write(bytes(bad))
# garbage between members
open("garbage.warc.gz", "wb").write(members[0] + members[1] + b"JUNK" * 50 + b"".join(members[2:]))
# lying Content-Length: the first response claims 100 bytes less
i = plain.index(b"WARC-Type: response")
j = plain.index(b"Content-Length: ", i) + 16
k = plain.index(b"\r\n", j)
n = int(plain[j:k])
open("lying.warc", "wb").write(plain[:j] + str(n - 100).encode() + plain[k:])
PY
[ -s plain.warc ] || fail "crafting"

# plain WARC: the same three records
check plain.warc 3 1 "plain.warc@436" "plain.warc@264967" "plain.warc@352957"
# truncated: two records kept, the cut one reported with its offset
newsarc convert trunc.warc --to jsonl -o out.jsonl 2>err
grep -q 'trunc.warc@[0-9]*: error: truncated response record http://www.liberation.fr/.*: Content-Length [0-9]*, [0-9]* bytes present' err || fail "trunc: $(cat err)"
if [ $HTML = 1 ]; then grep -q 'read 3, written 2, rejected 1' err || fail "trunc: $(tail -1 err)"; fi
# bad member: reported at its offset; the first and third records are read
newsarc convert badmember.warc.gz --to jsonl -o out.jsonl 2>err
grep -q 'badmember.warc.gz@64954: error: corrupt gzip member' err || fail "badmember: $(cat err)"
if [ $HTML = 1 ]; then
	grep -q 'read 3, written 2, rejected 1' err || fail "badmember: $(tail -1 err)"
	field badmember 1 url "http://www.bbc.com/news/world-us-canada-33646704"
	field badmember 2 url "http://www.liberation.fr/monde/2015/04/30/un-troisieme-francais-mort-dans-le-seisme-au-nepal_1278483"
else
	grep -q 'badmember.warc.gz@304: error: HTML record' err && grep -q 'badmember.warc.gz@86798: error: HTML record' err ||
		fail "badmember: $(cat err)"
	grep -q 'read 3, written 0, rejected 3' err || fail "badmember: $(tail -1 err)"
fi
# garbage between members: reported, skipped, the next member read
newsarc convert garbage.warc.gz --to jsonl -o out.jsonl 2>err
grep -q 'garbage.warc.gz@64954: error: bytes that are not a gzip member; skipped to the next member' err || fail "garbage: $(cat err)"
grep -q 'garbage.warc.gz@65154: error: HTML record\|read 3, written 3' err || fail "garbage: $(cat err)"
# lying Content-Length: warned, reading resumes at the next record
newsarc convert lying.warc --to jsonl -o out.jsonl 2>err
grep -q 'lying.warc@[0-9]*: warning: response record http://www.bbc.com/.*does not end at the record end' err || fail "lying: $(cat err)"
grep -q 'read 3,' err || fail "lying: $(tail -1 err)"

# ---- writer ------------------------------------------------------------------
newsarc convert "$ROOT/examples/articles.jsonl" --to warc -o rt.warc.gz 2>err || fail "write: $(cat err)"
python3 - <<'PY' || fail "written WARC"
import base64, hashlib, zlib
data, pos, recs = open("rt.warc.gz", "rb").read(), 0, []
while pos < len(data):
    d = zlib.decompressobj(31)
    rec = d.decompress(data[pos:])
    assert d.eof
    pos = len(data) - len(d.unused_data)
    head, _, rest = rec.partition(b"\r\n\r\n")
    h = dict(l.split(": ", 1) for l in head.decode().split("\r\n")[1:])
    n = int(h["Content-Length"])
    assert rest[n:] == b"\r\n\r\n", "record end"
    assert h["WARC-Block-Digest"] == "sha1:" + base64.b32encode(hashlib.sha1(rest[:n]).digest()).decode()
    assert head.startswith(b"WARC/1.1\r\n")
    recs.append(h["WARC-Type"])
assert recs == ["warcinfo", "resource", "resource", "resource"], recs
PY
if [ $HTML = 1 ]; then
	newsarc convert rt.warc.gz --to jsonl -o rt.jsonl 2>err || fail "read back: $(cat err)"
	cmp "$ROOT/examples/articles.jsonl" rt.jsonl || { diff "$ROOT/examples/articles.jsonl" rt.jsonl; fail "round trip"; }
fi
echo "ok (html reader: $HTML)"
