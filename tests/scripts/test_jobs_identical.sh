#!/bin/bash
# --jobs N gives byte-identical output, rejects and diagnostics to --jobs 1,
# with correct line numbers across chunk boundaries of a large JSONL file,
# and over a directory of many files (issue 10).
set -u
python3 - <<'PY'
import json, os, random
random.seed(11)
os.makedirs("dir/a", exist_ok=True); os.makedirs("dir/b", exist_ok=True)
with open("big.jsonl", "w") as f:
    for i in range(40000):
        if i in (3, 17001, 39998):
            f.write('{"id":"bad%d","headline":,}\n' % i)   # rejected, with its line number
        else:
            f.write(json.dumps({"id": f"r{i}", "headline": "h%d" % i,
                                "body": [{"type": "p", "text": "w " * random.randint(100, 400)}]}) + "\n")
for k in range(60):
    d = "dir/a" if k % 2 else "dir/b"
    with open(f"{d}/f{k:03d}.jsonl", "w") as f:
        for i in range(k % 5 + 1):
            f.write(json.dumps({"id": f"f{k}-{i}", "headline": "x"}) + "\n")
        if k % 7 == 0:
            f.write("not json\n")
PY
[ "$(stat -c %s big.jsonl)" -gt 20000000 ] || { echo "test file too small to be split"; exit 1; }
fail=0
for input in big.jsonl dir; do
	newsarc convert -j 1 "$input" -o one.jsonl --rejects rej1.jsonl 2> err1.txt; rc1=$?
	for j in 2 3 8; do
		newsarc convert -j $j "$input" -o par.jsonl --rejects rejN.jsonl 2> errN.txt; rcN=$?
		[ $rc1 = $rcN ] || { echo "$input -j $j: exit $rcN, -j 1 gave $rc1"; fail=1; }
		cmp -s one.jsonl par.jsonl || { echo "$input -j $j: output differs"; fail=1; }
		cmp -s rej1.jsonl rejN.jsonl || { echo "$input -j $j: rejects differ"; fail=1; }
		cmp -s err1.txt errN.txt || { echo "$input -j $j: diagnostics differ"; diff err1.txt errN.txt | head; fail=1; }
	done
done
newsarc convert -j 4 big.jsonl -o /dev/null --to jsonl 2> e.txt
for want in 'big.jsonl:4:25: error' 'big.jsonl:17002:29: error' 'big.jsonl:39999:29: error'; do
	grep -q "^$want" e.txt || { echo "missing '$want' (line numbers across chunks):"; cat e.txt; fail=1; }
done
exit $fail
