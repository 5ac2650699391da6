#!/bin/bash
# jsonl -> jsonl is byte-identical on canonical input (unknown keys kept);
# jsonl -> json -> jsonl and json -> jsonl -> json round-trip (issue 2).
set -e
E="$ROOT/examples/articles.jsonl"
newsarc convert -q --to jsonl "$E" > a.jsonl
cmp a.jsonl "$E"
newsarc convert -q "$E" -o all.json
newsarc convert -q all.json -o back.jsonl
cmp back.jsonl "$E"
newsarc convert -q back.jsonl -o again.json
cmp all.json again.json
# a single article is written as a bare object, and read back the same
head -n 1 "$E" | newsarc convert -q --from jsonl --to json > one.json
[ "$(head -c 1 one.json)" = "{" ]
newsarc convert -q one.json --to jsonl | cmp - <(head -n 1 "$E")
# non-canonical input becomes canonical once, then stays fixed
newsarc convert -q "$ROOT/examples/wire.json" --to jsonl > w1.jsonl
newsarc convert -q w1.jsonl --to jsonl | cmp - w1.jsonl
grep -q '"desk":{"name":"Alps","shift":"early"}' w1.jsonl
grep -q '"published_raw":"Fri, 18 Dec 2015 07:30:00 +0100"' w1.jsonl
# foreign JSONL (grover/RealNews) maps through the alias table and keeps the rest
if [ -n "$SHARED" ]; then
	newsarc convert -q "$SHARED/corpus/jsonl/grover-realnews_tiny.jsonl" --to jsonl > g.jsonl
	[ "$(wc -l < g.jsonl)" = 5 ]
	python3 - g.jsonl <<'PY'
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    assert r["headline"] and r["body"] and "warc_date" in r and "status" in r, r.keys()
PY
fi
echo ok
