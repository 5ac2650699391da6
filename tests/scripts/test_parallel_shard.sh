#!/bin/bash
# Sharded runs with GNU parallel (docs/scale.md, issue 10), locally: the
# merged result of the shards equals one run over everything, byte for byte.
#   1. --pipe --block and --pipepart over one large JSONL file, kept in order (-k)
#   2. one job per file over a directory of WARC files, then over bundles
#   3. the same through parallel's --sshlogin machinery, with ':' (this host)
#   4. validate, one job per file: the reports concatenate to a single run's
set -u
command -v parallel >/dev/null || { echo "SKIP: GNU parallel is not installed (apt-get install parallel)"; exit 77; }
P="parallel --will-cite"
fail=0
python3 - <<'PY'
import json, random
random.seed(3)
with open("big.jsonl", "w") as f:
    for i in range(6000):
        rec = {"id": f"s{i}", "source": "Wire", "headline": "Story %d" % i, "language": "en",
               "published": "2016-01-%02dT08:00:00Z" % (1 + i % 28),
               "body": [{"type": "p", "text": " ".join(random.choice("alpha beta gamma delta".split())
                                                       for _ in range(random.randint(20, 200)))}]}
        if i % 500 == 9:
            rec["language"] = "en_GB"     # invalid for validate
        f.write(json.dumps(rec) + "\n")
PY
# 1. one large JSONL file cut into blocks at newlines; -k keeps the blocks' order
newsarc convert -q --from jsonl --to jsonl big.jsonl -o single.jsonl || fail=1
$P --pipe --block 200k -k -j 2 newsarc convert -q -j 1 --from jsonl --to jsonl - < big.jsonl > merged.jsonl || fail=1
cmp -s single.jsonl merged.jsonl || { echo "--pipe --block: merged output differs from a single run"; fail=1; }
[ "$(wc -l < merged.jsonl)" = 6000 ] || { echo "--pipe: $(wc -l < merged.jsonl) records, expected 6000"; fail=1; }
$P --pipepart -a big.jsonl --block 300k -k -j 2 newsarc convert -q -j 1 --from jsonl --to jsonl - > merged2.jsonl || fail=1
cmp -s single.jsonl merged2.jsonl || { echo "--pipepart: merged output differs from a single run"; fail=1; }

# 2. a directory of WARC files (made here from the same articles), one job per file
mkdir -p parts warcs bundles out
split -d -l 1000 --additional-suffix=.jsonl big.jsonl parts/part
for f in parts/*.jsonl; do
	b=$(basename "$f" .jsonl)
	newsarc convert -q "$f" --to warc -o "warcs/$b.warc.gz" || fail=1
	newsarc pack -q --entry-format jsonl "$f" -o "bundles/$b.tar.zst" || fail=1
done
newsarc convert -q warcs -o single-warc.jsonl || fail=1
[ "$(wc -l < single-warc.jsonl)" = 6000 ] || { echo "warc: $(wc -l < single-warc.jsonl) articles, expected 6000"; fail=1; }
$P -j 2 newsarc convert -q -j 1 {} -o out/{/.}.jsonl ::: warcs/*.warc.gz || fail=1
LC_ALL=C cat out/*.warc.jsonl > merged-warc.jsonl
cmp -s single-warc.jsonl merged-warc.jsonl || { echo "warc shards: merged output differs from a single run"; fail=1; }

newsarc convert -q bundles -o single-bundle.jsonl || fail=1
cmp -s single.jsonl single-bundle.jsonl || { echo "bundles: not the articles packed"; fail=1; }
$P -j 2 newsarc convert -q -j 1 {} -o out/{/.}.jsonl ::: bundles/*.tar.zst || fail=1
LC_ALL=C cat out/*.tar.jsonl > merged-bundle.jsonl
cmp -s single-bundle.jsonl merged-bundle.jsonl || { echo "bundle shards: merged output differs from a single run"; fail=1; }
# and the merged articles packed again give the bundle of a single pack run
newsarc pack -q --entry-format jsonl big.jsonl -o single.tar.zst || fail=1
newsarc pack -q --entry-format jsonl merged-bundle.jsonl -o merged.tar.zst || fail=1
cmp -s single.tar.zst merged.tar.zst || { echo "bundle shards: repacked bundle differs from a single pack"; fail=1; }

# 3. across hosts the same command line takes --sshlogin/--transferfile/--return/--cleanup;
#    ':' is this host, so the remote path of parallel is exercised without ssh
rm -f out/*
$P -S 2/: --trc out/{/.}.jsonl -j 2 newsarc convert -q -j 1 {} -o out/{/.}.jsonl ::: warcs/*.warc.gz 2> ssh.err || fail=1
grep -v "^parallel: Warning: --trc ignored" ssh.err >&2
LC_ALL=C cat out/*.warc.jsonl > merged-ssh.jsonl
cmp -s single-warc.jsonl merged-ssh.jsonl || { echo "--sshlogin ':': merged output differs from a single run"; fail=1; }

# 4. validate one job per file: -q drops the per-run summary, so the reports
#    concatenate (duplicate-id cannot see across shards: off in both runs)
V="newsarc validate -q -j 1 --now 1700000000 --no-check duplicate-id"
$V parts > single-report.txt; rc=$?
[ $rc = 1 ] || { echo "validate: exit $rc, expected 1 (invalid records)"; fail=1; }
$P -k -j 2 $V {} ::: parts/*.jsonl > merged-report.txt
[ "$(grep -c '(pattern)$' single-report.txt)" = 12 ] || { echo "validate: $(grep -c . single-report.txt) lines"; fail=1; }
cmp -s single-report.txt merged-report.txt || { echo "validate shards: merged report differs"; diff single-report.txt merged-report.txt | head; fail=1; }
exit $fail
