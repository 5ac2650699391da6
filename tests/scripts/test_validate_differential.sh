#!/bin/bash
# Differential test of the schema validator (issue 6): generated records,
# valid and mutated, must get the same verdict from `newsarc validate` as
# from ajv 8 + ajv-formats (run by node), for the shipped article schema and
# for every schema in tests/validate/schemas/.  ajv is installed with npm
# into build/validate-node/ when missing; without node or npm the test
# SKIPS (exit 77), it never passes untested.
set -euo pipefail
T="$ROOT/tests/validate"
NODE_DIR="$ROOT/build/validate-node"
command -v node >/dev/null || { echo "SKIP: node is not installed"; exit 77; }
if [ ! -d "$NODE_DIR/node_modules/ajv" ] || [ ! -d "$NODE_DIR/node_modules/ajv-formats" ]; then
	command -v npm >/dev/null || { echo "SKIP: npm is not installed"; exit 77; }
	mkdir -p "$NODE_DIR"
	if ! (cd "$NODE_DIR" && npm install --no-audit --no-fund --silent --prefix "$NODE_DIR" ajv@8 ajv-formats@3 >npm.log 2>&1); then
		echo "SKIP: npm could not install ajv and ajv-formats (see $NODE_DIR/npm.log)"
		exit 77
	fi
fi
export NODE_PATH="$NODE_DIR/node_modules"

python3 "$T/gen_records.py" 3000 6 > raw.jsonl
# the records as newsarc writes them; the reader refuses some (wrong types)
rc=0
newsarc convert -q --from jsonl --to jsonl --rejects rejects.jsonl raw.jsonl > canon.jsonl 2>/dev/null || rc=$?
[ "$rc" = 0 ] || [ "$rc" = 6 ]
total=$(wc -l < canon.jsonl)
[ "$total" -ge 2000 ] || { echo "only $total records survived the reader"; exit 1; }

compare() { # SCHEMA-FILE NEWSARC-SCHEMA-ARGS...
	local schema=$1; shift
	node "$T/ajv_verdicts.js" "$schema" canon.jsonl > ajv.txt
	newsarc validate --no-check all --report json "$@" canon.jsonl > ours.json || true
	python3 - "$schema" ajv.txt ours.json <<'PY'
import json, sys
schema, ajv, ours = sys.argv[1:]
ajv = [l.strip() for l in open(ajv)]
rep = json.load(open(ours))
bad = {e["record"] for e in rep["errors"] if e["severity"] == "error"}
s = rep["summary"]
assert s["records"] == len(ajv), (s["records"], len(ajv))
diff = []
for i, a in enumerate(ajv, 1):
    mine = "0" if i in bad else "1"
    if a != mine:
        diff.append(i)
valid = ajv.count("1")
name = schema.split("/")[-1]
print(f"{name}: {len(ajv)} records, ajv valid {valid}, invalid {len(ajv) - valid}; disagreements {len(diff)}")
lines = open("canon.jsonl", encoding="utf-8").read().split("\n")
for i in diff[:10]:
    print(f"  record {i}: ajv {'valid' if ajv[i-1] == '1' else 'invalid'}, newsarc "
          f"{[e['pointer'] + ' ' + e['rule'] for e in rep['errors'] if e['record'] == i]}\n    {lines[i-1][:400]}")
assert valid >= 100 and len(ajv) - valid >= 100, "want at least 100 valid and 100 invalid records"
sys.exit(1 if diff else 0)
PY
}

fail=0
compare "$ROOT/schemas/article.schema.json" || fail=1
n=0
for s in "$T"/schemas/*.json; do
	compare "$s" --schema "$s" || fail=1
	n=$((n + 1))
done
[ "$n" -ge 3 ]

# the records the reader refused are invalid for ajv too
node "$T/ajv_verdicts.js" "$ROOT/schemas/article.schema.json" rejects.jsonl > rej.txt
nrej=$(wc -l < rej.txt)
if grep -qx 1 rej.txt; then
	echo "ajv accepts a record that the newsarc reader rejects:"
	paste -d' ' rej.txt rejects.jsonl | grep '^1 ' | head -5
	fail=1
fi
echo "rejected by the reader: $nrej records, all invalid for ajv too"
exit $fail
