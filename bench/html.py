#!/usr/bin/env python3
"""Pages per second of the html reader beside readability-lxml (Debian
python3-readability), over ../shared/corpus/aeb-dev/html, in the same run
(issue 4: target >= 10x readability-lxml's pages/s, 20x the aim); then the
speedup of --jobs 2 over --jobs 1 (issue 10: >= 1.8x on 2 cores).

  python3 bench/html.py [--bin build/newsarc] [--repeat 3] [--copies 4] [--md FILE]

newsarc converts the whole folder in one process (convert walks the
directory); readability-lxml runs Document(html).summary() on each page in
one Debian python3 process, files preloaded (extraction only).  For the
ratio both are pinned to CPU 0 with taskset when it exists.  The speedup runs
unpinned over --copies copies of the folder (given as that many inputs), so
there is enough work for two threads; on a shared machine the wall-clock
speedup is bounded by the other load, printed beside it, and the CPU time
shows what threading costs.  The best of --repeat runs is kept.  Standard
library only; installs python3-readability with apt-get when it is missing
and we are root."""
import argparse, os, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common import best, loadavg, pair, report, summary

ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(ROOT, "build", "newsarc"))
ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "aeb-dev", "html"))
ap.add_argument("--repeat", type=int, default=3)
ap.add_argument("--copies", type=int, default=4)
ap.add_argument("--md")
args = ap.parse_args()
if not os.path.isdir(args.corpus):
    print("html bench: corpus not found:", args.corpus)
    sys.exit(0)
pages = sorted(f for f in os.listdir(args.corpus) if f.endswith(".html"))
mb = sum(os.path.getsize(os.path.join(args.corpus, f)) for f in pages) / 1e6
pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
lines = [f"HTML extraction: {len(pages)} pages, {mb:.1f} MB (shared/corpus/aeb-dev/html)", ""]

conv = [args.bin, "convert", "-q", "--from", "html", "--to", "jsonl", "-o", "/dev/null"]
na = best(args.repeat, pin + conv + ["-j", "1", args.corpus])
rows = [("newsarc convert -j 1 (pinned)", na)]

py = "/usr/bin/python3"
chk = subprocess.run([py, "-c", "import readability"], capture_output=True)
if chk.returncode != 0 and os.geteuid() == 0 and shutil.which("apt-get"):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-readability"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chk = subprocess.run([py, "-c", "import readability"], capture_output=True)
rl = None
if chk.returncode == 0:
    # the time of the extraction loop alone, measured inside; its CPU time too
    script = ("import os,sys,time\nfrom readability import Document\nd=sys.argv[1]\n"
              "fs=[open(os.path.join(d,f),'rb').read() for f in sorted(os.listdir(d)) if f.endswith('.html')]\n"
              "s=time.perf_counter();c=time.process_time()\nfor b in fs: Document(b).summary()\n"
              "print(time.perf_counter()-s, time.process_time()-c)\n")
    runs = []
    for _ in range(args.repeat):
        out = subprocess.run(pin + [py, "-c", script, args.corpus], capture_output=True, text=True, check=True)
        w, c = map(float, out.stdout.strip().splitlines()[-1].split())
        runs.append((w, c))
    rl = {"wall": min(r[0] for r in runs), "cpu": min(r[1] for r in runs), "rss_kb": -1}
    rows.append(("readability-lxml (pinned, extraction only)", rl))
lines += ["| tool | pages/s | MB/s | CPU s | pages/CPU-s | peak RSS MB | vs readability (wall) | (CPU) |",
          "|---|---|---|---|---|---|---|---|"]
for name, r in rows:
    vs = f"{rl['wall'] / r['wall']:.1f}x | {rl['cpu'] / r['cpu']:.1f}x" if rl else "- | -"
    rss = f"{r['rss_kb'] / 1024:.1f}" if r["rss_kb"] >= 0 else "-"
    lines.append(f"| {name} | {len(pages) / r['wall']:.0f} | {mb / r['wall']:.1f} | {r['cpu']:.2f} | "
                 f"{len(pages) / r['cpu']:.0f} | {rss} | {vs} |")
if rl:
    rw, rc = rl["wall"] / na["wall"], rl["cpu"] / na["cpu"]
    summary("HTML extraction", "newsarc convert -j 1", mb, len(pages), na, "readability-lxml", rw, rc,
            ">= 10x (aim 20x)", rw >= 10 and rc >= 10)
    summary("HTML extraction", "readability-lxml", mb, len(pages), rl)
    lines += ["", f"Target (issue 4): >= 10x readability-lxml (aim 20x): measured {rw:.1f}x wall, {rc:.1f}x CPU."]
else:
    summary("HTML extraction", "newsarc convert -j 1", mb, len(pages), na, "readability-lxml (not installed)")
    lines += ["", "readability-lxml: not available (apt-get install python3-readability)"]

# --jobs 2 over --jobs 1, unpinned, on copies of the folder
ins = [args.corpus] * args.copies
n, cmb = len(pages) * args.copies, mb * args.copies
load0 = loadavg()
j1 = best(args.repeat, conv + ["-j", "1"] + ins)
j2 = best(args.repeat, conv + ["-j", "2"] + ins)
ceiling = 2 * j1["wall"] / min(pair(conv + ["-j", "1"] + ins) for _ in range(args.repeat))
sw, sc = j1["wall"] / j2["wall"], j1["cpu"] / j2["cpu"]
lines += ["", f"--jobs over {args.copies} copies ({n} pages, {cmb:.0f} MB), {load0} before:", "",
          "| jobs | pages/s | MB/s | wall s | CPU s | peak RSS MB |", "|---|---|---|---|---|---|"]
for j, r in ((1, j1), (2, j2)):
    lines.append(f"| {j} | {n / r['wall']:.0f} | {cmb / r['wall']:.1f} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['rss_kb'] / 1024:.1f} |")
lines += ["", f"Speedup -j 2 / -j 1 (issue 10: >= 1.8x on 2 cores): {sw:.2f}x wall; CPU -j 1 / -j 2 {sc:.2f} "
              f"(1.00 = no threading overhead).  Two -j 1 runs side by side went {ceiling:.2f}x as fast as "
              f"one: the parallelism the machine gave (2.00 idle); {loadavg()} after."]
summary("HTML extraction -j 2", "newsarc convert -j 2", cmb, n, j2, "newsarc -j 1", sw, sc, ">= 1.8x wall",
        sw >= 1.8, note=f"machine gave {ceiling:.2f}x to two -j 1 runs")
report("html", lines, args.md)
