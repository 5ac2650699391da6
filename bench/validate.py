#!/usr/bin/env python3
"""Validation throughput: newsarc validate vs ajv (issue 6), same file, same run.

Generates a JSONL file of article records (default 200 MB, --mb or BENCH_MB
to change; about 10% of the records are invalid; kept in --work), then times
  newsarc validate -j 1 --no-check all FILE         (schema only, like ajv)
  newsarc validate -j 1 FILE                        (schema + extra checks)
  newsarc validate -j 2 FILE                        (issue 10: >= 1.8x on 2 cores)
  node: ajv 8 (draft 2020-12) + ajv-formats, compiled once, line by line
and prints MB/s, records/s, CPU time and peak RSS for each and the ratios;
target: newsarc >= 3x ajv.
ajv comes from build/validate-node (installed by the differential test, or
here with npm when missing).  python3 stdlib only."""
import argparse, json, os, random, shutil, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from common import best, loadavg, pair, report, summary
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "build", "newsarc"))
    ap.add_argument("--mb", type=int, default=int(os.environ.get("BENCH_MB", "200")))
    ap.add_argument("--work", default=os.path.join(HERE, "work"))
    ap.add_argument("--keep", help="write/reuse the data file here (default: in --work)")
    ap.add_argument("--md")
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    path = a.keep or os.path.join(a.work, f"validate-{a.mb}mb.jsonl")
    if not os.path.exists(path):
        generate(path + ".tmp", a.mb)
        os.replace(path + ".tmp", path)
    n = sum(1 for _ in open(path, "rb"))
    mb = os.path.getsize(path) / 1e6
    schema = os.path.join(ROOT, "schemas", "article.schema.json")
    lines = [f"validate on {mb:.0f} MB, {n} records, about 10% invalid ({loadavg()})", "",
             "| tool | MB/s | records/s | CPU s | MB/CPU-s | peak RSS MB | vs ajv (wall) | (CPU) |",
             "|---|---|---|---|---|---|---|---|"]
    rows = []
    base = [a.bin, "validate", "-q", "--report", "json"]
    so = best(3, base + ["-j", "1", "--no-check", "all", path], stdout=subprocess.PIPE, check=False)
    rows.append(("newsarc validate -j 1 (schema only)", so))
    ex = best(3, base + ["-j", "1", path], check=False)
    rows.append(("newsarc validate -j 1 (+ extra checks)", ex))
    ex2 = best(3, base + ["-j", "2", path], check=False)
    rows.append(("newsarc validate -j 2 (+ extra checks)", ex2))
    aj = None
    if not shutil.which("node"):
        lines.insert(1, "ajv: SKIP (node is not installed)")
    else:
        if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "ajv-formats")):
            os.makedirs(NODE_DIR, exist_ok=True)
            subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", NODE_DIR,
                            "ajv@8", "ajv-formats@3"], check=False, capture_output=True)
        js = os.path.join(a.work, "ajv_bench.js")
        open(js, "w").write(AJV_JS)
        env = dict(os.environ, NODE_PATH=os.path.join(NODE_DIR, "node_modules"))
        aj = best(2, ["node", js, schema, path], env=env, check=False)
        if aj["rc"] != 0:
            lines.insert(1, "ajv: SKIP (" + aj["stderr"].decode(errors="replace").strip().splitlines()[-1] + ")")
            aj = None
        else:
            rows.append(("ajv 8 + ajv-formats (node)", aj))
    for name, r in rows:
        vs = f"{aj['wall'] / r['wall']:.2f}x | {aj['cpu'] / r['cpu']:.2f}x" if aj else "- | -"
        lines.append(f"| {name} | {mb / r['wall']:.0f} | {n / r['wall']:.0f} | {r['cpu']:.2f} | {mb / r['cpu']:.0f} "
                     f"| {r['rss_kb'] / 1024:.1f} | {vs} |")
    if aj:
        rw, rc = aj["wall"] / so["wall"], aj["cpu"] / so["cpu"]
        summary("validate (schema, like ajv)", "newsarc validate -j 1", mb, n, so, "ajv 8 (node)", rw, rc, ">= 3x",
                rw >= 3 and rc >= 3)
        summary("validate + extra checks", "newsarc validate -j 1", mb, n, ex, "ajv 8 (node)",
                aj["wall"] / ex["wall"], aj["cpu"] / ex["cpu"])
        summary("validate (schema, like ajv)", "ajv 8 + ajv-formats (node)", mb, n, aj)
        lines += ["", f"Target (issue 6): >= 3x ajv: measured {rw:.2f}x wall, {rc:.2f}x CPU (schema only)."]
    sw, sc = ex["wall"] / ex2["wall"], ex["cpu"] / ex2["cpu"]
    ceiling = 2 * ex["wall"] / min(pair(base + ["-j", "1", path]) for _ in range(3))
    summary("validate -j 2", "newsarc validate -j 2", mb, n, ex2, "newsarc -j 1", sw, sc, ">= 1.8x wall", sw >= 1.8,
            note=f"machine gave {ceiling:.2f}x to two -j 1 runs")
    lines += [f"Speedup -j 2 / -j 1 (issue 10: >= 1.8x on 2 cores): {sw:.2f}x wall; CPU -j 1 / -j 2 {sc:.2f} "
              f"(1.00 = no threading overhead).  Two -j 1 runs side by side went {ceiling:.2f}x as fast as one: "
              f"the parallelism the machine gave (2.00 idle); {loadavg()} after."]
    report("validate", lines, a.md)


if __name__ == "__main__":
    main()
