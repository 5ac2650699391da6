#!/bin/bash
# JSONTestSuite (RFC 8259): every n_ file is a parse error (exit 5), no y_
# file is, and no i_ file crashes or hangs (issue 2).
S="${SHARED:-}/corpus/json-test-suite/test_parsing"
[ -d "$S" ] || { echo "SKIP: $S absent"; exit 77; }
fail=0; n=0; y=0; i=0
for f in "$S"/n_*.json; do
	timeout 10 newsarc convert -q --from json --to jsonl "$f" >/dev/null 2>err.txt; rc=$?
	[ $rc = 5 ] || { echo "n_ not rejected as a parse error (exit $rc): ${f##*/}"; fail=1; }
	grep -qE ':[0-9]+:[0-9]+: error: ' err.txt || { echo "no line:col in: $(cat err.txt)"; fail=1; }
	n=$((n+1))
done
for f in "$S"/y_*.json; do
	timeout 10 newsarc convert -q --from json --to jsonl "$f" >/dev/null 2>err.txt; rc=$?
	case $rc in 0|6) ;; *) echo "y_ gave exit $rc: ${f##*/}: $(cat err.txt)"; fail=1;; esac
	y=$((y+1))
done
for f in "$S"/i_*.json; do
	timeout 10 newsarc convert -q --from json --to jsonl "$f" >/dev/null 2>&1; rc=$?
	case $rc in 0|5|6) ;; *) echo "i_ gave exit $rc: ${f##*/}"; fail=1;; esac
	i=$((i+1))
done
echo "n_=$n y_=$y i_=$i"
[ $n = 188 ] && [ $y = 95 ] || { echo "unexpected counts"; fail=1; }
exit $fail
