#!/bin/bash
# --jobs N gives byte-identical output, rejects and diagnostics to --jobs 1,
# with correct line numbers across chunk boundaries of a large JSONL file,
# and over a directory of many files (issue 10): convert, validate (every
# report format, invalid and unreadable records, an early stop) and pack.
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
            rec = {"id": f"r{i}", "source": "Wire", "headline": "h%d" % i, "language": "en",
                   "published": "2015-12-%02dT10:00:00Z" % (1 + i % 28),
                   "body": [{"type": "p", "text": "w " * random.randint(100, 400)}]}
            if i % 97 == 5:
                rec["language"] = "en_GB"       # invalid for validate
            if i % 1000 == 7:
                rec["id"] = f"r{i - 1}"         # duplicate-id, across chunks too
            f.write(json.dumps(rec) + "\n")
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
# validate: the same report, diagnostics and exit code with any --jobs
for input in big.jsonl dir; do
	for args in "--report text" "--report json" "--report junit" "--report json --max-errors 50" "--no-check all"; do
		newsarc validate --now 1700000000 -j 1 $args "$input" > rep1.txt 2> err1.txt; rc1=$?
		[ $rc1 = 1 ] || { echo "validate $args $input -j 1: exit $rc1, expected 1"; fail=1; }
		for j in 2 3; do
			newsarc validate --now 1700000000 -j $j $args "$input" > repN.txt 2> errN.txt; rcN=$?
			[ $rc1 = $rcN ] || { echo "validate $args $input -j $j: exit $rcN, -j 1 gave $rc1"; fail=1; }
			cmp -s rep1.txt repN.txt || { echo "validate $args $input -j $j: report differs"; diff rep1.txt repN.txt | head; fail=1; }
			cmp -s err1.txt errN.txt || { echo "validate $args $input -j $j: stderr differs"; fail=1; }
		done
	done
done
newsarc validate --now 1700000000 -j 2 big.jsonl > rep.txt
for want in 'big.jsonl:4:25: error: .*(read)$' 'big.jsonl:17002:29: error: .*(read)$' \
            'big.jsonl:16981:.*en_GB.*(pattern)$' 'big.jsonl:30008:.*duplicate id "r30006" (first at line 30007)' \
            '^newsarc: 40000 records checked: 39544 valid, 456 invalid; '; do
	grep -q "$want" rep.txt || { echo "validate -j 2: missing '$want'"; fail=1; }
done

# pack: the same bundle, byte for byte (dated records: newsml entries do not
# take the clock), the same summary and exit code
for spec in "big.jsonl out.tar.gz" "dir out.tar.zst --entry-format jsonl" "dir out.zip --entry-format json"; do
	set -- $spec
	input=$1 name=$2; shift 2
	newsarc pack -j 1 "$@" "$input" -o "one-$name" 2> err1.txt; rc1=$?
	for j in 2 3; do
		newsarc pack -j $j "$@" "$input" -o "par-$name" 2> errN.txt; rcN=$?
		[ $rc1 = $rcN ] || { echo "pack $spec -j $j: exit $rcN, -j 1 gave $rc1"; fail=1; }
		cmp -s "one-$name" "par-$name" || { echo "pack $spec -j $j: bundle differs"; fail=1; }
		cmp -s err1.txt errN.txt || { echo "pack $spec -j $j: stderr differs"; diff err1.txt errN.txt | head; fail=1; }
	done
done

newsarc convert -j 4 big.jsonl -o /dev/null --to jsonl 2> e.txt
for want in 'big.jsonl:4:25: error' 'big.jsonl:17002:29: error' 'big.jsonl:39999:29: error'; do
	grep -q "^$want" e.txt || { echo "missing '$want' (line numbers across chunks):"; cat e.txt; fail=1; }
done
exit $fail
