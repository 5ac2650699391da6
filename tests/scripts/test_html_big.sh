#!/bin/bash
# Bad input at scale (issue 4): a 50 MB page is read in bounded time and
# memory; a page over --max-record is rejected with a clear error; a page
# of 10k nested elements does not crash.
set -e
python3 - <<'PY'
para = "<p>" + "The council met again on Tuesday, and the harbour plan, long delayed, moved ahead. " * 8 + "</p>\n"
nav = "<div class=nav><a href=/x>Home</a> <a href=/y>News</a></div>\n"
with open("big.html", "w") as f:
    f.write("<!DOCTYPE html><html><head><title>Big page</title></head><body><h1>Big page</h1><article>\n")
    n = 0
    while n < 50 * 1024 * 1024:
        f.write(para); f.write(nav); n += len(para) + len(nav)
    f.write("</article></body></html>\n")
with open("deep.html", "w") as f:
    f.write("<html><body>" + "<div><span>" * 10000 + "<p>Deep text, with commas, and enough words to count as a paragraph of prose.</p>" + "</span></div>" * 10000 + "</body></html>")
PY
start=$(date +%s)
/usr/bin/env time -f "%M" -o mem.txt newsarc convert -q --from html big.html --to jsonl -o big.jsonl
end=$(date +%s)
[ $((end - start)) -lt 60 ] || { echo "50 MB page took $((end - start)) s"; exit 1; }
mem=$(cat mem.txt)
[ "$mem" -lt 1500000 ] || { echo "50 MB page used $mem KiB"; exit 1; }
python3 -c 'import json,sys; r=json.loads(open("big.jsonl").readline()); assert r["headline"]=="Big page" and len(r["body"])>50000, len(r["body"])'
set +e
newsarc convert -q --from html --max-record 1000000 big.html --to jsonl -o /dev/null 2> err.txt
rc=$?
set -e
[ "$rc" != 0 ]
grep -q "record limit" err.txt
newsarc convert -q --from html deep.html --to jsonl -o deep.jsonl
grep -q "Deep text" deep.jsonl
