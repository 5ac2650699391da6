#!/usr/bin/env python3
"""`make bench`: run every bench/<topic>.py with --bin, print the tables, and
write bench/results.md with the machine described, so the history shows.
BENCH_N / BENCH_MB scale the generated corpora (see each script)."""
import argparse, datetime, glob, os, platform, subprocess, sys

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
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB, {platform.system()} {platform.release()}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--only", help="run only bench/<ONLY>.py")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    out = os.path.join(HERE, "results.md")
    tmp = out + ".new"
    with open(tmp, "w") as f:
        f.write(f"# Benchmark results\n\n{datetime.date.today()}, {machine()}\n"
                f"(`make bench`; every ratio compares tools measured in the same run)\n")
    scripts = sorted(glob.glob(os.path.join(HERE, "*.py")))
    failed = 0
    for s in scripts:
        name = os.path.basename(s)[:-3]
        if name in ("run", "gen", "common") or (a.only and name != a.only):
            continue
        print(f"== {name}", flush=True)
        p = subprocess.run([sys.executable, s, "--bin", binary, "--md", tmp])
        if p.returncode != 0:
            failed += 1
            with open(tmp, "a") as f:
                f.write(f"\n## {name}\n\nfailed (exit {p.returncode})\n")
    os.replace(tmp, out)
    print(f"wrote {out}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
