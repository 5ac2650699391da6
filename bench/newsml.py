#!/usr/bin/env python3
"""NewsML-G2 throughput beside jsonl -> jsonl, measured in the same run on
the same generated corpus (issue 3), at the default --jobs and at --jobs 1:
jsonl -> jsonl, jsonl -> newsml and newsml -> jsonl in MB/s (of the input) and articles/s, with peak RSS, and the
two ratios to jsonl -> jsonl (target >= 0.5x both ways), from wall time and
from CPU time (user+sys: the one to trust on a loaded machine).  Then the
memory benchmark: a newsMessage of BENCH_NEWSML_GB gigabytes (default 0.1;
1 for the issue's 1 GB) generated in a temporary directory, read
newsml -> jsonl, peak RSS beside a 10 MB message; it must stay under
--rss-limit MB (default 64) or the script exits 1.  The temporary files are
removed afterwards.

  newsml.py --bin build/newsarc [--n 20000] [--gb 1] [--rss-limit 64] [--work DIR] [--md FILE]

BENCH_N overrides --n, BENCH_NEWSML_GB --gb, BENCH_TMP the temporary
directory's parent.  Python 3 stdlib only; times and peak RSS from GNU time
(Debian package `time`, installed by `make bench`), else getrusage."""
import argparse, json, os, random, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common import best, report, run, summary


def generate(n, out):
    """Deterministic corpus: word salad from the shipped examples, 150-2500
    words per article in 20-120 word paragraphs, some headings, list items
    and quotes, every model field set, unknown keys on some records."""
    w = []
    with open(os.path.join(ROOT, "examples", "articles.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            w += r["headline"].split()
            for b in r.get("body", []):
                w += b["text"].split()
    w += ["Zürich", "São", "Paulo", "東京", "Москва", "naïve", "café", "—", "“quoted”", "R&D", "<tag>"]
    rnd = random.Random(2015)
    kinds = ["p"] * 12 + ["h", "quote", "li", "li"]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            left, body = rnd.randint(150, 2500), []
            while left > 0:
                k = min(left, rnd.randint(20, 120))
                body.append({"type": rnd.choice(kinds), "text": " ".join(rnd.choice(w) for _ in range(k)) + "."})
                left -= k
            day = 1 + i % 28
            rec = {"id": f"bench-{i:08d}", "source": rnd.choice(["Example Wire", "Exemple Presse"]),
                   "url": f"https://news.example.org/2015/12/{day:02d}/story-{i}.html",
                   "headline": " ".join(rnd.choice(w) for _ in range(rnd.randint(5, 14))),
                   "byline": [" ".join(rnd.choice(w) for _ in range(2))],
                   "dateline": rnd.choice(["PORTO", "ZÜRICH", "PARIS"]),
                   "language": rnd.choice(["en", "fr", "de"]),
                   "published": f"2015-12-{day:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                   "keywords": [rnd.choice(w) for _ in range(3)], "body": body}
            if i % 3 == 0:
                rec["modified"] = f"2015-12-{day:02d}"
            if i % 7 == 0:
                rec["wire_priority"] = i % 5
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")


def big_message(binary, work, mb):
    """A newsMessage of about MB megabytes: items written by newsarc from a
    small corpus, repeated with fresh guids (Python writes it, streaming)."""
    path = os.path.join(work, f"message-{mb}mb.nml")
    small = os.path.join(work, "seed-200.jsonl")
    if not os.path.exists(small):
        generate(200, small)
    xml = subprocess.run([binary, "convert", "-q", small, "--to", "newsml", "-O", "newsml:container=message"],
                         check=True, capture_output=True).stdout.decode()
    head, rest = xml.split("<itemSet>", 1)
    items = rest.rsplit("</itemSet>", 1)[0]
    target, written, rnd = mb * 1_000_000, 0, 0
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + "<itemSet>")
        while written < target:
            chunk = items.replace('guid="bench-', f'guid="r{rnd}-bench-')
            f.write(chunk)
            written += len(chunk.encode())
            rnd += 1
        f.write("</itemSet></newsMessage>\n")
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "20000")))
    ap.add_argument("--gb", type=float, default=float(os.environ.get("BENCH_NEWSML_GB", "0.1")))
    ap.add_argument("--rss-limit", type=float, default=64.0, help="MB; the memory benchmark fails above it")
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--md")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    src = os.path.join(a.work, f"newsml-{a.n}.jsonl")
    if not os.path.exists(src):
        generate(a.n, src)
    nml = os.path.join(a.work, f"newsml-{a.n}.nml")
    subprocess.run([a.bin, "convert", "-q", src, "-o", nml], check=True)
    jsize, xsize = os.path.getsize(src), os.path.getsize(nml)
    n = a.n
    lines, verdicts = [f"NewsML-G2 on {n} generated articles: jsonl {jsize / 1e6:.0f} MB, newsml {xsize / 1e6:.0f} MB "
                       f"(best of 3; the default --jobs, then --jobs 1)", "",
                       "| conversion | jobs | input MB/s (wall) | input MB/s (CPU) | articles/s (wall) | wall s | CPU s "
                       "| peak RSS MB |", "|---|---|---|---|---|---|---|---|"], []
    for jobs in ([], ["-j", "1"]):
        tag = " ".join(jobs) or "default"
        runs = [(name, size, best(3, [a.bin, "convert", "-q", *jobs, "--from", frm, "--to", to, path]))
                for name, size, frm, to, path in (("jsonl -> jsonl", jsize, "jsonl", "jsonl", src),
                                                  ("jsonl -> newsml", jsize, "jsonl", "newsml", src),
                                                  ("newsml -> jsonl", xsize, "newsml", "jsonl", nml))]
        for name, size, r in runs:
            wall, cpu, rss = r["wall"], r["cpu"], r["rss_kb"]
            lines.append(f"| {name} | {tag} | {size / 1e6 / wall:.0f} | {size / 1e6 / cpu:.0f} | {n / wall:.0f} | "
                         f"{wall:.2f} | {cpu:.2f} | {rss / 1024:.1f} |")
        base = runs[0]
        for name, size, r in runs[1:]:
            rw = (size / r["wall"]) / (base[1] / base[2]["wall"])
            rc = (size / r["cpu"]) / (base[1] / base[2]["cpu"])
            ra = base[2]["wall"] / r["wall"]  # articles/s: the same n articles both ways
            met = min(rw, rc, ra) >= 0.5
            label = name if not jobs else f"{name} ({tag})"
            summary(label, "newsarc convert", size / 1e6, n, r, f"newsarc jsonl -> jsonl{'' if not jobs else ' ' + tag}",
                    rw, rc, ">= 0.5x", met)
            verdicts.append(f"{label}: {rw:.2f}x (wall), {rc:.2f}x (CPU) of jsonl -> jsonl MB/s, {ra:.2f}x of its "
                            f"articles/s [{'met' if met else 'met on wall only' if min(rw, ra) >= 0.5 else 'NOT met'}]")
    lines += ["", "Target (issue 3): >= 0.5x of the jsonl -> jsonl input MB/s and articles/s both ways "
                  "(at the same --jobs).", ""]
    lines += [f"- {v}" for v in verdicts]
    failed = False
    if a.gb > 0:
        tmp = tempfile.mkdtemp(prefix="newsml-bench-", dir=os.environ.get("BENCH_TMP"))
        try:
            mem = []
            for mb in sorted({10, max(10, int(a.gb * 1000))}):
                path = big_message(a.bin, tmp, mb)
                size = os.path.getsize(path)
                r = run([a.bin, "convert", "-q", "--from", "newsml", "--to", "jsonl", path])
                wall, cpu, rss = r["wall"], r["cpu"], r["rss_kb"]
                os.remove(path)
                failed |= rss / 1024 > a.rss_limit
                mem.append(f"| {size / 1e6:.0f} | {wall:.1f} | {cpu:.1f} | {size / 1e6 / wall:.0f} | {rss / 1024:.1f} |")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        lines += ["", f"newsMessage streamed (newsml -> jsonl): peak RSS must not grow with the message "
                      f"(limit {a.rss_limit:.0f} MB{': EXCEEDED' if failed else ''})",
                  "", "| message MB | wall s | CPU s | MB/s (wall) | peak RSS MB |", "|---|---|---|---|---|"] + mem
    report("newsml", lines, a.md)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
