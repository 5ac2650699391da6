#!/bin/bash
# html writer -> html reader gives back the same record in every model field
# (issue 4): the examples as one multi-article page and as standalone pages
# (mode=auto, mode=single), and every page of the shared corpus read, written
# and read again.
set -e
E="$ROOT/examples/articles.jsonl"
newsarc convert -q "$E" --to html -o all.html
grep -q '<meta name="generator" content="newsarc' all.html
[ "$(grep -c '<article class="newsarc-article"' all.html)" = 3 ]
newsarc convert -q all.html --to jsonl | cmp - "$E"
n=0
while IFS= read -r line; do
	n=$((n + 1))
	printf '%s\n' "$line" > one.jsonl
	newsarc convert -q one.jsonl --to html -o one.html
	grep -q '<link rel="canonical"\|<title>' one.html
	newsarc convert -q one.html --to jsonl | cmp - one.jsonl
	newsarc convert -q one.jsonl --to html -O html:mode=single -o single.html
	cmp single.html one.html
	newsarc convert -q one.jsonl --to html -O html:mode=multi -o multi.html
	newsarc convert -q multi.html --to jsonl | cmp - one.jsonl
done < "$E"
[ "$n" = 3 ]
# mode=single refuses a second article (rejected, reported, exit 6)
set +e
newsarc convert -q "$E" --to html -O html:mode=single -o s.html 2> err.txt
rc=$?
set -e
[ "$rc" = 6 ]
grep -q 'mode=single writes one article per page' err.txt
newsarc convert -q s.html --to jsonl | cmp - <(head -n 1 "$E")
if [ -n "$SHARED" ]; then
	for f in "$SHARED"/corpus/html/*/source.html "$SHARED"/corpus/aeb-dev/html/0*.html; do
		newsarc convert -q --from html "$f" --to jsonl -o a.jsonl
		newsarc convert -q a.jsonl --to html -o a.html
		newsarc convert -q a.html --to jsonl -o b.jsonl
		cmp a.jsonl b.jsonl || { echo "round trip differs: $f"; exit 1; }
	done
fi
