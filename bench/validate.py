#!/usr/bin/env python3
"""Validation throughput: newsarc validate vs ajv (issue 6), same file, same run.

Generates a JSONL file of article records (default 200 MB, --mb to change;
about 10% of the records are invalid), then times
  newsarc validate -q --no-check all FILE           (schema only, like ajv)
  newsarc validate -q FILE                           (schema + extra checks)
  node: ajv 8 (draft 2020-12) + ajv-formats, compiled once, line by line
and prints MB/s for each and the ratio; target: newsarc >= 3x ajv.
ajv comes from build/validate-node (installed by the differential test, or
here with npm when missing).  python3 stdlib only."""
import argparse, json, os, random, resource, shutil, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_DIR = os.path.join(ROOT, "build", "validate-node")

AJV_JS = r"""
const fs = require("fs"), readline = require("readline");
const Ajv2020 = require("ajv/dist/2020").default, addFormats = require("ajv-formats").default;
const ajv = new Ajv2020({allErrors: true, strict: false}); addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const rl = readline.createInterface({input: fs.createReadStream(process.argv[3]), crlfDelay: Infinity});
let n = 0, bad = 0;
rl.on("line", (line) => { if (!line) return; n++; let v; try { v = JSON.parse(line); } catch (e) { bad++; return; }
  if (!validate(v)) bad++; });
rl.on("close", () => console.log(`${n} ${bad}`));
"""


def generate(path, mb, seed=7):
    rnd = random.Random(seed)
    words = "the harbour bridge reopened to traffic after repair that took two years and cost million euros city " \
            "engineers said new deck should last least fifty élection résultats über straße 新しい 橋".split()
    target = mb << 20
    size = i = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            body = [{"type": "p", "text": " ".join(rnd.choice(words) for _ in range(rnd.randint(20, 80)))}
                    for _ in range(rnd.randint(3, 12))]
            r = {"id": f"bench-{i}", "source": "Example Wire", "url": f"https://news.example.org/{i}.html",
                 "headline": " ".join(rnd.choice(words) for _ in range(8)).capitalize(),
                 "byline": ["Ana Ruiz"], "dateline": "PORTO", "language": rnd.choice(["en", "en-GB", "fr", "de-CH"]),
                 "published": "2015-12-15T10:15:00+01:00", "keywords": ["infrastructure", "transport"],
                 "section": "Local", "body": body}
            if i % 10 == 3:
                r["language"] = "en_GB"  # invalid
            line = json.dumps(r, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())
            i += 1
    return i


def cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd, env=None):
    """Wall and CPU seconds (user + system, all threads) of one run.  On a
    shared machine the wall clock measures the load as much as the program,
    so speedups are given for both."""
    t, c = time.perf_counter(), cpu()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    return (time.perf_counter() - t, cpu() - c), p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "newsarc"))
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--keep", help="write/reuse the data file here")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="newsarc-bench-")
    try:
        path = a.keep or os.path.join(tmp, "bench.jsonl")
        if not os.path.exists(path):
            n = generate(path, a.mb)
        else:
            n = sum(1 for _ in open(path, "rb"))
        mb = os.path.getsize(path) / 1e6
        print(f"validate bench: {path}: {mb:.0f} MB, {n} records")
        schema = os.path.join(ROOT, "schemas", "article.schema.json")
        results = {}
        def show(name, t, extra=""):
            print(f"  {name:26} wall {t[0]:6.2f} s {mb / t[0]:7.1f} MB/s | cpu {t[1]:6.2f} s {mb / t[1]:7.1f} MB/s"
                  + (f"  {extra}" if extra else ""))
        dt, p = timed([a.bin, "validate", "-q", "--no-check", "all", "--report", "json", path])
        summ = json.loads(p.stdout)["summary"] if p.stdout else {}
        show("newsarc (schema only)", dt, f"invalid {summ.get('invalid')} of {summ.get('records')}")
        dt2, p = timed([a.bin, "validate", "-q", "--report", "json", path])
        show("newsarc (+ extra checks)", dt2)
        if not shutil.which("node"):
            print("  ajv: SKIP (node is not installed)")
            return
        if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "ajv-formats")):
            os.makedirs(NODE_DIR, exist_ok=True)
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", NODE_DIR,
                            "ajv@8", "ajv-formats@3"], check=False, capture_output=True)
        js = os.path.join(tmp, "ajv_bench.js")
        open(js, "w").write(AJV_JS)
        env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
        dt3, p = timed(["node", js, schema, path], env=env)
        if p.returncode != 0:
            print("  ajv: SKIP (" + p.stderr.strip().splitlines()[-1] + ")")
            return
        show("ajv 8 + ajv-formats (node)", dt3, f"records, invalid: {p.stdout.strip()}")
        print(f"  speedup vs ajv, wall: {dt3[0] / dt[0]:.2f}x schema only, {dt3[0] / dt2[0]:.2f}x with extra checks; "
              f"cpu: {dt3[1] / dt[1]:.2f}x, {dt3[1] / dt2[1]:.2f}x (target >= 3x)")
        print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cpus")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
