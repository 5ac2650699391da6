#!/bin/sh
# jsonl -> nitf -> jsonl gives every record of examples/articles.jsonl back
# unchanged (NITF holds one article per document: one file per record), and
# every written document is well-formed XML.
set -e
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%s\n' "$line" > a$i.jsonl
	newsarc convert a$i.jsonl --to nitf -o a$i.nitf 2>err || { cat err; exit 1; }
	if command -v xmllint >/dev/null; then xmllint --noout --nonet a$i.nitf; fi
	grep -q 'version="-//IPTC//DTD NITF 3.6//EN"' a$i.nitf
	newsarc convert a$i.nitf --to jsonl -o b$i.jsonl 2>err || { cat err; exit 1; }
	cmp a$i.jsonl b$i.jsonl || { diff a$i.jsonl b$i.jsonl; exit 1; }
done < "$ROOT/examples/articles.jsonl"
[ "$i" -ge 3 ]
# A second article in one document is rejected, not silently dropped.
set +e
newsarc convert "$ROOT/examples/articles.jsonl" --to nitf -o all.nitf 2>err
rc=$?
set -e
[ "$rc" = 6 ] || { echo "rc=$rc"; cat err; exit 1; }
grep -q 'all.nitf: error: nitf holds one article per document; article 3 (example-2015-003) not written' err
grep -q 'read 3, written 1, rejected 2' err
# Hostile strings are escaped: the document stays well-formed.
printf '%s\n' '{"id":"x\u0001y","headline":"a </hl1> & <script>\"'"'"'","body":[{"type":"p","text":"]]> <!-- & \u0007"}]}' > h.jsonl
newsarc convert h.jsonl --to nitf -o h.nitf
if command -v xmllint >/dev/null; then xmllint --noout --nonet h.nitf; fi
newsarc convert h.nitf --to jsonl | grep -q '"headline":"a </hl1> & <script>\\"'"'"'"'
echo ok
