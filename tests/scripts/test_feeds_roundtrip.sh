#!/bin/bash
# jsonl -> rss -> jsonl, jsonl -> atom -> jsonl and jsonl -> ninjs -> jsonl
# keep headline, url, id, dates, byline, language, keywords, subjects,
# source and body blocks; the writers' output is well-formed XML (xmllint)
# and the second pass is a fixed point.  What each format cannot carry is
# listed in docs/feeds.md and checked here too.
set -e
E="$ROOT/examples/articles.jsonl"
for f in rss atom ninjs; do
	newsarc convert -q "$E" --to $f -o out.$f 2>/dev/null
	newsarc convert -q --from $f out.$f --to jsonl -o back-$f.jsonl 2>/dev/null
	if [ $f != ninjs ]; then xmllint --noout --nonet out.$f; fi
	# a second round trip changes nothing
	newsarc convert -q back-$f.jsonl --to $f -o again.$f 2>/dev/null
	newsarc convert -q --from $f again.$f --to jsonl | cmp - back-$f.jsonl
done
python3 - "$E" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1])]
kept = ["id", "url", "headline", "byline", "language", "published", "keywords", "subjects", "source", "body"]
lost = {"rss": ["dateline", "section", "subheadline"], "atom": ["dateline", "section", "subheadline"], "ninjs": []}
for fmt in ["rss", "atom", "ninjs"]:
    back = [json.loads(l) for l in open(f"back-{fmt}.jsonl")]
    assert len(back) == len(src), (fmt, len(back))
    for a, b in zip(src, back):
        keys = kept + (["dateline", "section", "subheadline"] if fmt == "ninjs" else [])
        for k in keys + ["modified"]:
            if k in ("published", "modified") and fmt == "ninjs" and a.get(k, "T").find("T") < 0:
                continue  # a date without a time has no place in ninjs (schema date-time)
            if a.get(k) != b.get(k):
                raise SystemExit(f"{fmt}: {a.get('id')}: {k}: {a.get(k)!r} != {b.get(k)!r}")
        for k in lost[fmt]:
            assert k not in b, (fmt, k)
print("ok")
PY
# text that needs escaping survives every writer
printf '%s\n' '{"id":"a&b <c>","source":"S & T","url":"http://x.example/?a=1&b=2","headline":"Tom & \"Jerry\" <b>not bold</b>","byline":["O'"'"'Brien & Co"],"published":"2015-12-15T10:15:00Z","keywords":["a<b"],"body":[{"type":"p","text":"x < y && y > z"},{"type":"li","text":"]]> end"}]}' > hostile.jsonl
for f in rss atom ninjs; do
	newsarc convert -q hostile.jsonl --to $f -o h.$f
	[ $f = ninjs ] || xmllint --noout --nonet h.$f
	newsarc convert -q --from $f h.$f --to jsonl | sed 's/,"published_raw":"[^"]*"//' | cmp - hostile.jsonl
done
echo ok
