#!/bin/bash
# Outputs are atomic: a run killed with SIGKILL at random points leaves the
# old output whole or the new one whole, never a truncated file; SIGINT
# removes the temporary file (issues 2 and 9).
set -u
python3 - <<'PY'
import json, random
random.seed(7)
with open("big.jsonl", "w") as f:
    for i in range(60000):
        f.write(json.dumps({"id": f"r{i}", "headline": "h" * random.randint(10, 200),
                            "body": [{"type": "p", "text": "word " * random.randint(20, 200)}]}) + "\n")
PY
newsarc convert -q big.jsonl -o ref.jsonl || exit 1
echo '{"id":"old"}' > out.jsonl
cp out.jsonl old.jsonl
fail=0
for delay in 0.01 0.05 0.1 0.2 0.3; do
	newsarc convert -q big.jsonl -o out.jsonl & pid=$!
	sleep $delay; kill -KILL $pid 2>/dev/null; wait $pid 2>/dev/null
	if ! cmp -s out.jsonl old.jsonl && ! cmp -s out.jsonl ref.jsonl; then
		echo "out.jsonl is neither the old nor the complete new output after SIGKILL at ${delay}s"; fail=1
	fi
	cmp -s out.jsonl ref.jsonl && cp old.jsonl out.jsonl
	rm -f out.jsonl.tmp*  # SIGKILL cannot clean up; SIGINT must (below)
done
newsarc convert -q big.jsonl -o int.jsonl & pid=$!
sleep 0.05; kill -INT $pid; wait $pid 2>/dev/null
if ls int.jsonl.tmp* >/dev/null 2>&1; then echo "SIGINT left a temporary file"; fail=1; fi
exit $fail
