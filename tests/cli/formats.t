% newsarc formats | grep -E '^(json|jsonl) '
json       rwp  json                     JSON document: one article object or an array of them
jsonl      rwp  jsonl,ndjson             JSON Lines: one article object per line (canonical key order)
=> 0

% newsarc formats --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(sorted(f["name"] for f in d if f["name"] in ("json","jsonl")), all(f["read"] and f["write"] and f["probe"] for f in d if f["name"] in ("json","jsonl")))'
['json', 'jsonl'] True
=> 0

% newsarc --version
newsarc 0.1.0
=> 0

% newsarc frobnicate 2>&1 | head -1
newsarc: unknown command 'frobnicate'
=> 0
