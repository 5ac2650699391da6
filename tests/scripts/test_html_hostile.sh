#!/bin/bash
# The html writer escapes every field for its context (issue 4): markup,
# quotes, "</script>", "-->" and javascript: URLs in every field leave the
# page with no executable content (only the JSON-LD script, no on*
# attributes, no javascript: links), and the page reads back to the record.
set -e
python3 - <<'PY'
import json
evil = '</script><script>alert(1)</script> "q" \'s\' --> <!-- <img src=x onerror=alert(1)> javascript:alert(1) & </SCRIPT'
r = {"id": evil, "source": evil, "url": "javascript:alert(1)//" + evil, "headline": evil,
     "subheadline": evil, "byline": [evil, "B " + evil], "dateline": evil, "language": evil,
     "published": "2015-12-15T10:15:00Z", "published_raw": evil, "modified_raw": evil,
     "keywords": [evil], "subjects": [evil], "section": evil,
     "body": [{"type": t, "text": evil} for t in ("p", "h", "quote", "li")],
     evil: {"k": evil}}
open("evil.jsonl", "w").write(json.dumps(r, ensure_ascii=False) + "\n")
PY
newsarc convert -q evil.jsonl --to jsonl -o canon.jsonl
newsarc convert -q canon.jsonl --to html -o evil.html
newsarc convert -q canon.jsonl --to html -O html:mode=multi -o evil-multi.html
for f in evil.html evil-multi.html; do
python3 - "$f" <<'PY'
import sys
from html.parser import HTMLParser
src = open(sys.argv[1], encoding="utf-8").read()
class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts = []; self.bad = []; self.in_script = False
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"): self.bad.append(f"event handler {k} on <{tag}>")
            if k in ("href", "src", "action", "formaction") and v and v.strip().lower().startswith("javascript:"):
                self.bad.append(f"javascript: URL in <{tag} {k}>")
        if tag in ("iframe", "object", "embed", "img", "svg", "base", "form"):
            self.bad.append(f"unexpected <{tag}>")
        if tag == "script":
            t = dict(attrs).get("type")
            if t != "application/ld+json": self.bad.append(f"script type {t!r}")
            self.scripts.append(""); self.in_script = True
    def handle_endtag(self, tag):
        if tag == "script": self.in_script = False
    def handle_data(self, d):
        if self.in_script: self.scripts[-1] += d
p = P(); p.feed(src)
assert not p.bad, p.bad
assert len(p.scripts) == 1, len(p.scripts)
import json
ld = json.loads(p.scripts[0])
assert ld["@type"] == "NewsArticle" and "alert(1)" in ld["headline"]
low = src.lower()
assert "<!--" not in src.replace("<!DOCTYPE", ""), "comment opener in page"
assert low.count("<script") == 1 and low.count("</script") == 1
PY
newsarc convert -q "$f" --to jsonl | cmp - canon.jsonl
done
