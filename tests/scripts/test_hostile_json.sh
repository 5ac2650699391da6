#!/bin/bash
# Hostile JSON never crashes and gets a clear error: 100k-deep nesting, a
# 50 MB string, invalid UTF-8, \u0000, a line over --max-record (issue 2).
set -u
fail=0
expect() { # rc-wanted grep-pattern command...
	local want=$1 pat=$2; shift 2
	"$@" >out.txt 2>err.txt; local rc=$?
	[ $rc = "$want" ] || { echo "exit $rc, expected $want: $*"; head -c 500 err.txt; fail=1; }
	[ -z "$pat" ] || grep -qE "$pat" err.txt || { echo "stderr lacks /$pat/: $(head -c 500 err.txt)"; fail=1; }
}
python3 -c 'import sys; sys.stdout.write("["*100000 + "]"*100000)' > deep.json
expect 5 'deep.json:1:513: error: nesting deeper than 512 levels' timeout 20 newsarc convert -q deep.json --to jsonl
python3 -c 'import sys; sys.stdout.write("{\"headline\":\"" + "x"*50_000_000 + "\"}\n")' > big.jsonl
expect 0 "" timeout 60 newsarc convert -q big.jsonl --to jsonl
[ "$(wc -c < out.txt)" -gt 50000000 ] || { echo "50 MB headline not written"; fail=1; }
expect 6 'line longer than the record limit' timeout 60 newsarc convert -q --max-record 1M big.jsonl --to jsonl
printf '{"headline":"ok"}\n{"headline":"\xff"}\n{"headline":"ok2"}\n' > bad.jsonl
expect 6 'bad.jsonl:2:14: error: invalid UTF-8 byte 0xFF' newsarc convert -q bad.jsonl --to jsonl
[ "$(wc -l < out.txt)" = 2 ] || { echo "good records around a bad one were not kept"; fail=1; }
printf '\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03' > trunc.jsonl.gz
expect 5 'gzip: truncated stream' newsarc convert -q trunc.jsonl.gz --from jsonl --to jsonl
exit $fail
