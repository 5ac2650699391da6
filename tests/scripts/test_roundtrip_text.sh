#!/bin/sh
# jsonl -> text -> jsonl keeps what plain text can carry: headline, byline,
# source and published date, body blocks with their types; several articles
# in one text file are separated by a form feed line.
set -e
newsarc convert "$ROOT/examples/articles.jsonl" --to text -o all.txt 2>err || { cat err; exit 1; }
[ "$(grep -c "$(printf '\f')" all.txt)" = 2 ]
newsarc convert all.txt --to jsonl -o back.jsonl 2>err || { cat err; exit 1; }
python3 - "$ROOT/examples/articles.jsonl" back.jsonl <<'PY'
import json, sys
keep = ("headline", "byline", "source", "published", "body")
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert len(a) == len(b) == 3, (len(a), len(b))
for x, y in zip(a, b):
    for k in keep:
        want = x.get(k)
        if k == "source" and not x.get("published"):
            want = None  # the source rides on the date line
        assert want == y.get(k), (k, want, y.get(k))
print("ok")
PY
