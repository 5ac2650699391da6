#!/bin/bash
# Every NewsML-G2 document the writer produces validates against the IPTC
# NewsML-G2 2.35 All-Power XSD (xmllint, offline catalog), in item mode (one
# newsItem document per article) and message mode (one newsMessage), indented
# or not: the golden corpus, the edge cases of tests/data/newsml, and the HTML
# sample pages once an html reader is registered (issue 3).
set -e
if [ -z "$SHARED" ] || [ ! -d "$SHARED/reference/newsml-g2" ]; then
	echo "SKIP: ../shared/reference/newsml-g2 is absent (XSD needed)"
	exit 77
fi
command -v xmllint >/dev/null || { echo "SKIP: xmllint missing (apt-get install libxml2-utils)"; exit 77; }
REF="$SHARED/reference/newsml-g2"
export XML_CATALOG_FILES="$REF/catalog.xml"
export SOURCE_DATE_EPOCH=1700000000
validate() {
	xmllint --noout --nonet --schema "$REF/NewsML-G2_2.35-spec-All-Power.xsd" "$@" 2> xsd.log || {
		grep -v ' validates$' xsd.log | head -40; exit 1; }
	n=$(grep -c ' validates$' xsd.log)
	[ "$n" = "$#" ] || { echo "expected $# valid documents, got $n"; cat xsd.log | head; exit 1; }
}

# the corpus as canonical JSONL, one article per line
{
	newsarc convert -q "$ROOT/examples/articles.jsonl" --to jsonl
	newsarc convert -q "$ROOT/examples/wire.json" --to jsonl
	for f in "$SHARED"/corpus/jsonl/*.jsonl; do newsarc convert -q "$f" --to jsonl; done
	newsarc convert -q "$ROOT/tests/data/newsml/edge.jsonl" --to jsonl 2>/dev/null
} > all.jsonl
if newsarc formats | grep -q '^html '; then
	for d in "$SHARED"/corpus/html/*/; do
		newsarc convert -q --from html "$d/source.html" --to jsonl >> all.jsonl || true
	done
	echo "html pages included"
fi
total=$(wc -l < all.jsonl)
[ "$total" -ge 22 ]

# item mode: one document per article
mkdir items
split -l 1 -d -a 4 all.jsonl items/a
docs=()
for f in items/a*; do
	newsarc convert -q --from jsonl "$f" -O newsml:container=item -o "$f.nml"
	newsarc convert -q --from jsonl "$f" -O newsml:container=item -O newsml:indent=1 -o "$f.i.nml"
	docs+=("$f.nml" "$f.i.nml")
done
# auto mode with one article is an item too
head -n 1 all.jsonl | newsarc convert -q --from jsonl --to newsml > one.xml
grep -q '^<newsItem ' one.xml
docs+=(one.xml)
validate "${docs[@]}"

# message mode: all articles, and a single article forced into a message
newsarc convert -q all.jsonl --to newsml -o all.nml
newsarc convert -q all.jsonl --to newsml -O newsml:indent=1 -o all.i.nml
head -n 1 all.jsonl | newsarc convert -q --from jsonl --to newsmlg2 -O newsml:container=message -o m1.nml
grep -q '<newsMessage ' all.nml
[ "$(grep -o '<newsItem ' all.nml | wc -l)" = "$total" ]
validate all.nml all.i.nml m1.nml

# the committed sample stays valid
validate "$ROOT/examples/newsml/item.xml"
echo "ok: $total articles, $(( ${#docs[@]} + 4 )) documents valid"
