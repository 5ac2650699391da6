#!/usr/bin/env python3
"""jsonl -> jsonl throughput of newsarc beside Python's json (loads + dumps per
line) and `jq -c .`, measured in the same run on the same file, and newsarc's
peak RSS at 10k and 1M records (issue 2).  Prints a table; --md appends it to
a results file.

  jsonl.py --bin build/newsarc [--mb 200] [--work bench/work]
"""
import argparse, os, resource, shutil, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, stdin_path=None, stdout=subprocess.DEVNULL):
    """Wall time and peak RSS (KiB) of one child.  The RSS comes from GNU
    time: a child forked from this Python process would report Python's own
    pages as its peak."""
    return measure(cmd, stdin_path, stdout)


from common import measure

PY_JSON = r"""
import json, sys
out = sys.stdout
for line in sys.stdin:
    if line.strip():
        out.write(json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":")) + "\n")
"""


def best(n, fn):
    return min(fn() for _ in range(n))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--mb", type=int, default=int(os.environ.get("BENCH_MB", "200")))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--md")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    big = os.path.join(a.work, f"articles-{a.mb}mb.jsonl")
    if not os.path.exists(big):
        # about 9 KB per record: 200 MB is ~22k records (the file: 17k)
        n = a.mb * 1_000_000 // 9100
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), big], check=True)
    size = os.path.getsize(big)
    recs = sum(1 for _ in open(big, "rb"))
    rows = []
    t, rss = best(3, lambda: timed([a.bin, "convert", "-q", "--from", "jsonl", "--to", "jsonl", big]))
    na_t = t
    rows.append(("newsarc jsonl->jsonl", t, rss))
    t, rss = best(2, lambda: timed([sys.executable, "-c", PY_JSON], big))
    py_t = t
    rows.append(("python3 json loads+dumps", t, rss))
    if shutil.which("jq"):
        t, rss = best(1, lambda: timed(["jq", "-c", "."], big))
        rows.append(("jq -c .", t, rss))
    lines = [f"jsonl -> jsonl on {size / 1e6:.0f} MB, {recs} records",
             "", "| tool | MB/s | records/s | peak RSS MB | vs python json |", "|---|---|---|---|---|"]
    for name, t, rss in rows:
        lines.append(f"| {name} | {size / 1e6 / t:.0f} | {recs / t:.0f} | {rss / 1024:.1f} | {py_t / t:.2f}x |")
    # peak memory must not grow with the record count
    mem = []
    for n in (10_000, 1_000_000):
        path = os.path.join(a.work, f"small-{n}.jsonl")
        if not os.path.exists(path):
            subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), path,
                            "--body-words", "20:60"], check=True)
        t, rss = timed([a.bin, "convert", "-q", "--to", "jsonl", path])
        mem.append(f"| {n} | {os.path.getsize(path) / 1e6:.0f} | {t:.2f} | {rss / 1024:.1f} |")
    lines += ["", "| records | MB | seconds | newsarc peak RSS MB |", "|---|---|---|---|"] + mem
    lines += ["", f"Target (issue 2): jsonl->jsonl >= 4x python json; measured {py_t / na_t:.2f}x."]
    text = "\n".join(lines)
    print(text)
    if a.md:
        with open(a.md, "a") as f:
            f.write("\n## jsonl\n\n" + text + "\n")


if __name__ == "__main__":
    main()
