#!/usr/bin/env python3
"""NewsML-G2 throughput beside jsonl -> jsonl, measured in the same run on
the same generated corpus (issue 3): jsonl -> newsml and newsml -> jsonl in
MB/s (of the input) and articles/s, and the ratio to jsonl -> jsonl (target
>= 0.5x both ways).  Then the reader's peak RSS on a small and on a ~1 GB
newsMessage, which must stay flat (one item expanded at a time).

  newsml.py --bin build/newsarc [--n 20000] [--big-mb 1000] [--work DIR] [--md FILE]

BENCH_N and BENCH_NEWSML_BIG_MB override the defaults.  Python 3 stdlib only;
peak RSS via GNU time when installed (else getrusage of the children)."""
import argparse, json, os, random, resource, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TIME = "/usr/bin/time"


def measure(cmd, stdout=subprocess.DEVNULL):
    """Wall seconds and peak RSS (KiB) of one run of cmd."""
    with tempfile.NamedTemporaryFile("r") as rep:
        gnu = os.path.exists(TIME)
        full = ([TIME, "-f", "%M", "-o", rep.name] if gnu else []) + list(cmd)
        t0 = time.perf_counter()
        p = subprocess.run(full, stdout=stdout, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
        rss = -1
        if gnu:
            try:
                rss = int(open(rep.name).read().strip().splitlines()[-1])
            except (ValueError, IndexError):
                pass
        else:
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, rss


def best(n, cmd, stdout=subprocess.DEVNULL):
    runs = [measure(cmd, stdout) for _ in range(n)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


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
    if os.path.exists(path):
        return path
    small = os.path.join(work, "seed-200.jsonl")
    generate(200, small)
    xml = subprocess.run([binary, "convert", "-q", small, "--to", "newsml", "-O", "newsml:container=message"],
                         check=True, capture_output=True).stdout.decode()
    head, rest = xml.split("<itemSet>", 1)
    items = rest.rsplit("</itemSet>", 1)[0]
    target, written, rnd = mb * 1_000_000, 0, 0
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(head + "<itemSet>")
        while written < target:
            chunk = items.replace('guid="bench-', f'guid="r{rnd}-bench-')
            f.write(chunk)
            written += len(chunk.encode())
            rnd += 1
        f.write("</itemSet></newsMessage>\n")
    os.replace(path + ".tmp", path)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "20000")))
    ap.add_argument("--big-mb", type=int, default=int(os.environ.get("BENCH_NEWSML_BIG_MB", "1000")))
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
    t_jj, r_jj = best(3, [a.bin, "convert", "-q", "--from", "jsonl", "--to", "jsonl", src])
    t_jx, r_jx = best(3, [a.bin, "convert", "-q", "--from", "jsonl", "--to", "newsml", src])
    t_xj, r_xj = best(3, [a.bin, "convert", "-q", "--from", "newsml", "--to", "jsonl", nml])
    n = a.n
    lines = [f"NewsML-G2 on {n} generated articles: jsonl {jsize / 1e6:.0f} MB, newsml {xsize / 1e6:.0f} MB",
             "", "| conversion | input MB/s | articles/s | peak RSS MB | vs jsonl->jsonl (articles/s) |",
             "|---|---|---|---|---|"]
    for name, t, rss, size in (("jsonl -> jsonl", t_jj, r_jj, jsize), ("jsonl -> newsml", t_jx, r_jx, jsize),
                               ("newsml -> jsonl", t_xj, r_xj, xsize)):
        lines.append(f"| {name} | {size / 1e6 / t:.0f} | {n / t:.0f} | {rss / 1024:.1f} | {t_jj / t:.2f}x |")
    lines += ["", f"Target (issue 3): >= 0.5x of jsonl->jsonl both ways; measured "
                  f"{t_jj / t_jx:.2f}x (write) and {t_jj / t_xj:.2f}x (read)."]
    if a.big_mb > 0:
        mem = []
        for mb in sorted({10, a.big_mb}):
            path = big_message(a.bin, a.work, mb)
            t, rss = measure([a.bin, "convert", "-q", "--from", "newsml", "--to", "jsonl", path])
            mem.append(f"| {os.path.getsize(path) / 1e6:.0f} | {t:.1f} | {os.path.getsize(path) / 1e6 / t:.0f} | {rss / 1024:.1f} |")
        lines += ["", "newsMessage streamed (newsml -> jsonl): peak RSS must not grow with the message",
                  "", "| message MB | seconds | MB/s | peak RSS MB |", "|---|---|---|---|"] + mem
    text = "\n".join(lines)
    print(text)
    if a.md:
        with open(a.md, "a") as f:
            f.write("\n## newsml\n\n" + text + "\n")


if __name__ == "__main__":
    main()
