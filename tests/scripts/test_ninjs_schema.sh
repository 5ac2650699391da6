#!/bin/bash
# The ninjs writer's output validates against the IPTC JSON Schemas (3.1 by
# default, 2.2 with -O ninjs:version=2.2), checked with ajv (draft 2020-12,
# formats on).  ajv is installed by npm into a cache outside the repository;
# without npm or ../shared the test is skipped (exit 77).  `newsarc validate
# --schema` is not used: it checks the article record a reader produces (as
# `convert --to jsonl` writes it), not a raw JSON document, and it does not
# support the schemas' unevaluatedProperties and external GeoJSON $ref.
set -e
[ -n "$SHARED" ] || { echo "SKIP: ../shared absent"; exit 77; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "SKIP: node/npm absent"; exit 77; }
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/newsarc-ajv"
if [ ! -d "$CACHE/node_modules/ajv-formats" ]; then
	mkdir -p "$CACHE"
	(cd "$CACHE" && npm install --no-audit --no-fund --silent ajv@8 ajv-formats@3 >/dev/null 2>&1) ||
		{ echo "SKIP: npm install ajv failed (offline?)"; exit 77; }
fi
REF="$SHARED/reference/ninjs"

# inputs: our examples, the IPTC examples, the Superdesk samples, feeds
E="$ROOT/examples/articles.jsonl"
for v in 3.1 2.2; do
	newsarc convert -q "$E" --to ninjs -O ninjs:version=$v -O ninjs:lines=1 > ex-$v.jsonl 2>/dev/null
	head -n 1 "$E" | newsarc convert -q --from jsonl --to ninjs -O ninjs:version=$v > one-$v.json
	newsarc convert -q "$REF/examples" "$SHARED/corpus/ninjs" "$SHARED/corpus/rss/feedjira-TechCrunch.xml" \
		"$SHARED/corpus/atom" --to ninjs -O ninjs:version=$v -O ninjs:lines=1 > corpus-$v.jsonl 2>/dev/null || true
	[ "$(wc -l < ex-$v.jsonl)" = 3 ]
	[ "$(wc -l < corpus-$v.jsonl)" -ge 30 ]
done
# hostile text: markup, quotes, control characters, non-URI ids
printf '%s\n' '{"id":"a b<c>\"&","url":"http://x.example/a b","headline":"<b>\"x\"</b> & \u0001","byline":["A","B","C"],"published":"2015-12-15T10:15:00.5-03:30","body":[{"type":"li","text":"</p><script>"}]}' \
	| newsarc convert -q --from jsonl --to ninjs -O ninjs:lines=1 > hostile.jsonl 2>/dev/null
cat ex-3.1.jsonl hostile.jsonl >> corpus-3.1.jsonl

cat > check.js <<'JS'
const path = require("path");
const fs = require("fs");
const [cache, schemaFile, ...files] = process.argv.slice(2);
const Ajv2020 = require(path.join(cache, "node_modules/ajv/dist/2020")).default;
const addFormats = require(path.join(cache, "node_modules/ajv-formats")).default;
const ajv = new Ajv2020({strict: false, allErrors: true});
addFormats(ajv);
// the schemas $ref GeoJSON for places[].geoJSON: a stub keeps this offline
ajv.addSchema({$id: "https://geojson.org/schema/GeoJSON.json", type: "object"});
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, "utf8")));
let n = 0, bad = 0;
for (const f of files) {
	const text = fs.readFileSync(f, "utf8");
	const docs = f.endsWith(".jsonl") ? text.split("\n").filter(l => l.trim()) : [text];
	for (const d of docs) {
		n++;
		if (!validate(JSON.parse(d))) {
			bad++;
			console.log(f, JSON.stringify(ajv.errorsText(validate.errors)), d.slice(0, 200));
		}
	}
}
console.log(`${n} documents, ${bad} invalid`);
process.exit(bad || !n ? 1 : 0);
JS
node check.js "$CACHE" "$REF/ninjs-schema_3.1.json" ex-3.1.jsonl one-3.1.json corpus-3.1.jsonl
node check.js "$CACHE" "$REF/ninjs-schema_2.2.json" ex-2.2.jsonl one-2.2.json corpus-2.2.jsonl
# the checker itself rejects what it should: a 3.1 document is not 2.2
if node check.js "$CACHE" "$REF/ninjs-schema_2.2.json" one-3.1.json >/dev/null; then
	echo "ajv accepted a 3.1 document against the 2.2 schema"; exit 1
fi
echo ok
