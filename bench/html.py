#!/usr/bin/env python3
"""Pages per second of the html reader on one core, beside readability-lxml
(Debian python3-readability), over ../shared/corpus/aeb-dev/html, in the same
run (issue 4: target >= 10x readability-lxml's pages/s, 20x the aim).

  python3 bench/html.py [--bin build/newsarc] [--repeat 3]

newsarc converts the whole folder in one process (convert walks the
directory); readability-lxml runs Document(html).summary() on each page in
one Debian python3 process.  Both are pinned to CPU 0 with taskset when it
exists.  The best of --repeat runs is kept.  Standard library only; installs
python3-readability with apt-get when it is missing and we are root."""
import argparse, os, shutil, subprocess, sys, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ap = argparse.ArgumentParser()
ap.add_argument("--bin", default=os.path.join(ROOT, "build", "newsarc"))
ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus", "aeb-dev", "html"))
ap.add_argument("--repeat", type=int, default=3)
args = ap.parse_args()
if not os.path.isdir(args.corpus):
    print("html bench: corpus not found:", args.corpus); sys.exit(77)
pages = sorted(f for f in os.listdir(args.corpus) if f.endswith(".html"))
mb = sum(os.path.getsize(os.path.join(args.corpus, f)) for f in pages) / 1e6
pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []

def best(cmd):
    t = []
    for _ in range(args.repeat):
        s = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t.append(time.perf_counter() - s)
    return min(t)

na = best(pin + [args.bin, "convert", "-q", "--from", "html", args.corpus, "--to", "jsonl", "-o", "/dev/null"])
print(f"newsarc html:      {len(pages)} pages, {mb:.1f} MB in {na:.3f} s: {len(pages)/na:8.1f} pages/s, {mb/na:6.1f} MB/s")

py = "/usr/bin/python3"
chk = subprocess.run([py, "-c", "import readability"], capture_output=True)
if chk.returncode != 0 and os.geteuid() == 0 and shutil.which("apt-get"):
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "python3-readability"],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    chk = subprocess.run([py, "-c", "import readability"], capture_output=True)
if chk.returncode != 0:
    print("readability-lxml: not available (apt-get install python3-readability)"); sys.exit(0)
script = ("import os,sys,time\nfrom readability import Document\nd=sys.argv[1]\n"
          "fs=[open(os.path.join(d,f),'rb').read() for f in sorted(os.listdir(d)) if f.endswith('.html')]\n"
          "s=time.perf_counter()\nfor b in fs: Document(b).summary()\nprint(time.perf_counter()-s)\n")
rl = []
for _ in range(args.repeat):
    out = subprocess.run(pin + [py, "-c", script, args.corpus], capture_output=True, text=True, check=True)
    rl.append(float(out.stdout.strip().splitlines()[-1]))
rl = min(rl)
print(f"readability-lxml:  {len(pages)} pages, {mb:.1f} MB in {rl:.3f} s: {len(pages)/rl:8.1f} pages/s, {mb/rl:6.1f} MB/s"
      " (extraction only, files preloaded)")
print(f"ratio: {rl/na:.1f}x readability-lxml's pages/s (target 10x, aim 20x)")
