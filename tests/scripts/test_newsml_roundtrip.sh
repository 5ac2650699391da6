#!/bin/bash
# jsonl -> newsml -> jsonl is identical in every model field (and in the
# unknown keys) over the golden corpus (examples/articles.jsonl,
# examples/wire.json, ../shared/corpus/jsonl/*.jsonl) and the edge cases of
# tests/data/newsml, in item and message mode, indented or not (issue 3).
set -e
export SOURCE_DATE_EPOCH=1700000000
inputs=("$ROOT/examples/articles.jsonl" "$ROOT/examples/wire.json" "$ROOT/tests/data/newsml/edge.jsonl")
if [ -n "$SHARED" ]; then
	inputs+=("$SHARED"/corpus/jsonl/*.jsonl)
else
	echo "note: ../shared absent, corpus/jsonl not included"
fi
n=0
for f in "${inputs[@]}"; do
	newsarc convert -q "$f" --to jsonl > canon.jsonl 2>/dev/null
	for opts in "" "-O newsml:indent=1" "-O newsml:container=message"; do
		newsarc convert -q canon.jsonl --to newsml $opts -o rt.nml
		newsarc convert -q rt.nml --to jsonl > back.jsonl
		if ! cmp -s canon.jsonl back.jsonl; then
			echo "round trip differs for $f ($opts):"
			diff canon.jsonl back.jsonl | head -20
			exit 1
		fi
	done
	# item mode, one article at a time
	while IFS= read -r line; do
		printf '%s\n' "$line" | newsarc convert -q --from jsonl --to newsml -O newsml:container=item -o one.nml
		newsarc convert -q one.nml --to jsonl > one.jsonl
		printf '%s\n' "$line" | cmp -s - one.jsonl || { echo "item round trip differs: $line"; cat one.jsonl; exit 1; }
		n=$((n + 1))
	done < canon.jsonl
done
[ "$n" -ge 9 ]
# the reader finds NewsML-G2 by content, whatever the file is called
newsarc convert -q "$ROOT/examples/articles.jsonl" --to newsml -o plain.xml
newsarc convert -q plain.xml --to jsonl | cmp - "$ROOT/examples/articles.jsonl"
# and the writer is chosen by the .nml extension
newsarc convert -q "$ROOT/examples/articles.jsonl" -o by-ext.nml
grep -q '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">' by-ext.nml
echo "ok: $n articles round-trip"
