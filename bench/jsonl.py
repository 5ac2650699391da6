#!/usr/bin/env python3
"""jsonl -> jsonl throughput of newsarc beside Python's json (loads + dumps per
line) and `jq -c .`, measured in the same run on the same file, and newsarc's
peak RSS from 10k to 1M records (issues 2 and 10).  Prints a table; --md
appends it to a results file; rows for the summary go to $BENCH_SUMMARY.

  jsonl.py --bin build/newsarc [--n 20000 | --mb 200] [--mem-max 1000000] [--work bench/work]

BENCH_N (articles, about 9 KB each) or BENCH_MB size the file;
BENCH_MEM_MAX the largest file of the memory check (small records)."""
import argparse, os, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from common import best, loadavg, report, run, summary

PY_JSON = r"""
import json, sys
out = sys.stdout
for line in sys.stdin:
    if line.strip():
        out.write(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\n")
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "0")))
    ap.add_argument("--mb", type=int, default=int(os.environ.get("BENCH_MB", "200")))
    ap.add_argument("--mem-max", type=int, default=int(os.environ.get("BENCH_MEM_MAX", "1000000")))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--md")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    # about 9 KB per record: 200 MB is ~22k records (the file: 17k)
    n = a.n or a.mb * 1_000_000 // 9100
    big = os.path.join(a.work, f"articles-{n}.jsonl")
    if not os.path.exists(big):
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), big + ".tmp"], check=True)
        os.replace(big + ".tmp", big)
    size = os.path.getsize(big)
    mb = size / 1e6
    rows = []
    na = best(3, [a.bin, "convert", "-q", "-j", "1", "--from", "jsonl", "--to", "jsonl", big])
    rows.append(("newsarc convert -j 1", na))
    na2 = best(3, [a.bin, "convert", "-q", "-j", "2", "--from", "jsonl", "--to", "jsonl", big])
    rows.append(("newsarc convert -j 2", na2))
    py = best(2, [sys.executable, "-c", PY_JSON], stdin_path=big)
    rows.append(("python3 json loads+dumps", py))
    jq = None
    if shutil.which("jq"):
        jq = best(1, ["jq", "-c", "."], stdin_path=big)
        rows.append(("jq -c .", jq))
    lines = [f"jsonl -> jsonl on {mb:.0f} MB, {n} records ({loadavg()})",
             "", "| tool | MB/s | records/s | CPU s | MB/CPU-s | peak RSS MB | vs python json (wall) | (CPU) |",
             "|---|---|---|---|---|---|---|---|"]
    for name, r in rows:
        lines.append(f"| {name} | {mb / r['wall']:.0f} | {n / r['wall']:.0f} | {r['cpu']:.2f} | {mb / r['cpu']:.0f} "
                     f"| {r['rss_kb'] / 1024:.1f} | {py['wall'] / r['wall']:.2f}x | {py['cpu'] / r['cpu']:.2f}x |")
    rw, rc = py["wall"] / na["wall"], py["cpu"] / na["cpu"]
    summary("jsonl -> jsonl", "newsarc convert -j 1", mb, n, na, "python3 json", rw, rc, ">= 4x", rc >= 4 and rw >= 4)
    summary("jsonl -> jsonl", "python3 json loads+dumps", mb, n, py)
    if jq:
        summary("jsonl -> jsonl", "jq -c .", mb, n, jq)
    # peak memory must not grow with the record count
    mem, peaks = [], []
    for k in sorted({10_000, 100_000, a.mem_max}):
        path = os.path.join(a.work, f"small-{k}.jsonl")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(k), path + ".tmp",
                            "--body-words", "20:60"], check=True)
            os.replace(path + ".tmp", path)
        kmb = os.path.getsize(path) / 1e6
        for j in (1, 2):
            r = run([a.bin, "convert", "-q", "-j", str(j), "--to", "jsonl", path])
            peaks.append(r["rss_kb"] / 1024)
            mem.append(f"| {k} | {j} | {kmb:.0f} | {r['wall']:.2f} | {r['cpu']:.2f} | {k / r['wall']:.0f} | {r['rss_kb'] / 1024:.1f} |")
            summary(f"memory, {k} articles", f"newsarc convert -j {j}", kmb, k, r, target="peak < 64 MB",
                    met=r["rss_kb"] / 1024 < 64)
    lines += ["", "| records | jobs | MB | seconds | CPU s | records/s | newsarc peak RSS MB |",
              "|---|---|---|---|---|---|---|"] + mem
    lines += ["", f"Targets: jsonl->jsonl >= 4x python json: measured {rw:.2f}x wall, {rc:.2f}x CPU; "
                  f"peak RSS < 64 MB from 10k to {a.mem_max // 1000}k records: largest {max(peaks):.1f} MB."]
    report("jsonl", lines, a.md)


if __name__ == "__main__":
    main()
