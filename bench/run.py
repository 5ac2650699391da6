#!/usr/bin/env python3
"""`make bench`: run every bench/<topic>.py with --bin and --md, print one
summary table (MB/s, articles/s, CPU time, peak memory of every path beside
the peers measured in the same run, as ratios against the issue's targets),
and write bench/results.md with the machine described, so the history shows.

A topic script gets `--bin BIN --md FILE`; it prints its own tables and
appends them to FILE.  Rows for the summary go, optionally, as JSON lines to
the file named by $BENCH_SUMMARY (bench/common.py: summary()); a script that
writes none still has its own section.  BENCH_N (articles) and BENCH_MB
scale the generated corpora (see each script); BENCH_NEWSML_BIG_MB defaults
to 200 here so one run stays within minutes."""
import argparse, datetime, glob, json, os, platform, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))


def machine():
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    virt = ""
    try:
        out = subprocess.run(["systemd-detect-virt"], capture_output=True, text=True).stdout.strip()
        virt = f", virtual machine ({out})" if out and out != "none" else ""
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores{virt}, {mem:.0f} GiB, {platform.system()} {platform.release()}"


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def table(rows):
    out = ["| path | tool | MB/s | articles/s | CPU s | MB per CPU-s | peak RSS MB | vs | ratio (wall) | ratio (CPU) | target | met |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        met = "" if r.get("met") is None else ("yes" if r["met"] else "**no**")
        note = f" ({r['note']})" if r.get("note") else ""
        out.append(f"| {r['path']} | {r['tool']} | {fmt(r.get('mb_s'), '.1f')} | {fmt(r.get('art_s'), '.0f')} | "
                   f"{fmt(r.get('cpu'), '.2f')} | {fmt(r.get('mb_s_cpu'), '.1f')} | {fmt(r.get('peak_mb'), '.1f')} | "
                   f"{r.get('peer') or ''} | {fmt(r.get('ratio_wall'), '.2f')}{'x' if r.get('ratio_wall') else ''} | "
                   f"{fmt(r.get('ratio_cpu'), '.2f')}{'x' if r.get('ratio_cpu') else ''} | {r.get('target') or ''} | "
                   f"{met}{note} |")
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--only", help="run only bench/<ONLY>.py")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    out = os.path.join(HERE, "results.md")
    body = out + ".body"
    open(body, "w").close()
    summ = tempfile.NamedTemporaryFile("r", suffix=".jsonl", delete=False)
    env = dict(os.environ, BENCH_SUMMARY=summ.name)
    env.setdefault("BENCH_NEWSML_BIG_MB", "200")
    load0 = "%.2f %.2f %.2f" % os.getloadavg()
    t0 = time.time()
    scripts = sorted(glob.glob(os.path.join(HERE, "*.py")))
    failed = 0
    for s in scripts:
        name = os.path.basename(s)[:-3]
        if name in ("run", "gen", "common") or (a.only and name != a.only):
            continue
        print(f"== {name}", flush=True)
        p = subprocess.Popen([sys.executable, s, "--bin", binary, "--md", body], env=env,
                             stdout=subprocess.PIPE, text=True)
        for line in p.stdout:
            print(line, end="", flush=True)
        p.wait()
        if p.returncode != 0:
            failed += 1
            with open(body, "a") as f:
                f.write(f"\n## {name}\n\nfailed (exit {p.returncode})\n")
    rows = [json.loads(l) for l in open(summ.name) if l.strip()]
    os.unlink(summ.name)
    minutes = (time.time() - t0) / 60
    load1 = "%.2f %.2f %.2f" % os.getloadavg()
    params = ", ".join(f"{k}={os.environ[k]}" for k in ("BENCH_N", "BENCH_MB", "BENCH_MEM_MAX") if k in os.environ)
    head = (f"# Benchmark results\n\n{datetime.date.today()}, {machine()}.\n"
            f"`make bench`{' with ' + params if params else ''}, {minutes:.1f} minutes; load average "
            f"{load0} before, {load1} after (1, 5, 15 min): this machine is shared with other jobs, so wall "
            f"times carry their load; CPU times (user + sys, all threads and children) do not, and ratios are "
            f"given for both.  Every ratio compares tools measured in the same run; higher is better for newsarc.\n")
    summary = "\n## Summary\n\n" + table(rows) + "\n"
    with open(out + ".new", "w") as f:
        f.write(head + summary + open(body).read())
    os.replace(out + ".new", out)
    os.unlink(body)
    print("\n" + table(rows))
    print(f"wrote {out}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
