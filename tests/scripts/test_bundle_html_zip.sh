#!/bin/bash
# A legacy site archive (a zip of raw HTML pages, with images and CSS beside
# them) converts in one command: newsarc convert site.zip -o articles.jsonl
# (issue 5).  Needs the html reader: skipped (77) while it is not built in.
set -u
newsarc formats | grep -qw html || { echo "html format not in this build"; exit 77; }
fail=0
python3 - <<'PY' || exit 1
import zipfile
page = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{t} - Example News</title>
<meta property="og:title" content="{t}">
<meta property="article:published_time" content="2015-12-{d:02d}T10:00:00Z">
</head><body><article><h1>{t}</h1>
<p class="byline">By Jane Doe</p>
<p>First paragraph of story {i} with enough words to look like an article body.</p>
<p>Second paragraph of story {i}, still about the same thing.</p>
</article></body></html>
"""
with zipfile.ZipFile("site.zip", "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(1, 6):
        z.writestr("www.example.com/2015/12/%02d/story-%d.html" % (10 + i, i),
                   page.format(t="Story number %d" % i, d=10 + i, i=i))
    z.writestr("www.example.com/style.css", "body { color: black }\n")
    z.writestr("www.example.com/logo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
PY
newsarc convert site.zip -o articles.jsonl 2> err.txt; rc=$?
[ $rc = 0 ] || { echo "exit $rc"; cat err.txt; fail=1; }
[ "$(wc -l < articles.jsonl)" = 5 ] || { echo "expected 5 articles"; cat articles.jsonl; fail=1; }
python3 - <<'PY' || fail=1
import json
arts = [json.loads(l) for l in open("articles.jsonl")]
heads = [a.get("headline") for a in arts]
assert heads == ["Story number %d" % i for i in range(1, 6)], heads
assert all("First paragraph" in json.dumps(a.get("body")) for a in arts)
PY
grep -q "skipped 2 (no format)" err.txt || { echo "the css and png were not counted as skipped"; cat err.txt; fail=1; }
newsarc convert -v site.zip 2>&1 >/dev/null | grep -q "site.zip!www.example.com/logo.png: note: skipped" ||
	{ echo "--verbose does not name the skipped entry"; fail=1; }
exit $fail
