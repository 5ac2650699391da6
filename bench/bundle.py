#!/usr/bin/env python3
"""Bundle benchmark (issue 5): pack N generated articles into tar.gz and
tar.zst with `newsarc pack`, beside `tar czf` and `tar --zstd -cf` of the
same files (the entries, unpacked to a directory) in the same run; read the
bundles back with `newsarc convert`; report throughput and peak memory, at N
and N/4 so a growing peak would show.  Goal: pack >= 0.9x tar's throughput,
judged on CPU time (user+sys, tar's compressor child included) because wall
time on a shared machine mostly measures the other load; both are printed.

usage: bench/bundle.py [--bin build/newsarc] [--n 100000] [--keep DIR] [--md FILE]
(BENCH_N sets --n.)  pack runs with --jobs 1 and with the default (the
number of cores): the bundles are the same, the CPU time shows the cost of
the threads.
Python 3 standard library only.
"""
import argparse, json, os, random, shutil, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import loadavg, report, summary


def run(cmd, **kw):
    """Run cmd; return (wall seconds, CPU seconds, peak RSS in MiB).  CPU time
    is user+sys of the process and the children it waited for (tar's gzip or
    zstd), which stays meaningful on a loaded machine.  The peak is the
    process's own VmHWM polled from /proc: wait4's ru_maxrss would include the
    RSS of this Python process at fork time, larger than newsarc's."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, **kw)
    peak = 0
    status = f"/proc/{p.pid}/status"
    while True:
        pid, st, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            break
        try:
            with open(status) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.002)
    dt = time.perf_counter() - t
    p.returncode = os.waitstatus_to_exitcode(st)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return dt, ru.ru_utime + ru.ru_stime, peak / 1024


def generate(path, n, seed=5):
    rnd = random.Random(seed)
    words = ["".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rnd.randint(2, 10)))
             for _ in range(5000)]
    with open(path, "w") as f:
        for i in range(n):
            para = lambda k: " ".join(rnd.choice(words) for _ in range(k))
            f.write(json.dumps({
                "id": f"urn:bench:{i}",
                "headline": para(8).capitalize(),
                "published": "20%02d-%02d-%02dT%02d:00:00Z" % (10 + i % 10, 1 + i % 12, 1 + i % 28, i % 24),
                "byline": ["Reporter %d" % (i % 50)],
                "body": [{"type": "p", "text": para(rnd.randint(40, 120))} for _ in range(rnd.randint(3, 8))],
            }) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/newsarc")
    ap.add_argument("--n", type=int, default=int(os.environ.get("BENCH_N", "100000")))
    ap.add_argument("--keep")
    ap.add_argument("--md")
    a = ap.parse_args()
    nbin = os.path.abspath(a.bin)
    tmp = a.keep or tempfile.mkdtemp(prefix="bench-bundle-")
    os.makedirs(tmp, exist_ok=True)
    try:
        results = {}
        for n in (a.n // 4, a.n):
            src = os.path.join(tmp, f"arts{n}.jsonl")
            generate(src, n)
            files = os.path.join(tmp, f"files{n}")
            shutil.rmtree(files, ignore_errors=True)
            # the same files tar will archive: the entries of an uncompressed bundle
            subprocess.run([nbin, "pack", "-q", "--entry-format", "jsonl", src, "-o", f"{tmp}/ref{n}.tar"], check=True)
            subprocess.run([nbin, "unpack", "-q", f"{tmp}/ref{n}.tar", files], check=True)
            payload = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(files) for f in fs)
            row = {"articles": n, "payload_MB": round(payload / 1e6, 1)}
            for ext, tarflags in (("tar.gz", ["czf"]), ("tar.zst", ["--zstd", "-cf"])):
                out = f"{tmp}/pack{n}.{ext}"
                t_ours, c_ours, m_ours = run([nbin, "pack", "-q", "-j", "1", "--entry-format", "jsonl", src, "-o", out])
                t_j, c_j, m_j = run([nbin, "pack", "-q", "--entry-format", "jsonl", src, "-o", f"{tmp}/packj{n}.{ext}"])
                t_tar, c_tar, m_tar = run(["tar"] + tarflags + [f"{tmp}/tar{n}.{ext}", "-C", files, "."])
                t_read, c_read, m_read = run([nbin, "convert", "-q", out], stdout=subprocess.DEVNULL)
                row[ext] = {
                    "pack_s": round(t_ours, 2), "pack_cpu_s": round(c_ours, 2),
                    "pack_MBps_cpu": round(payload / 1e6 / c_ours, 1),
                    "tar_s": round(t_tar, 2), "tar_cpu_s": round(c_tar, 2),
                    "tar_MBps_cpu": round(payload / 1e6 / c_tar, 1),
                    "pack_vs_tar_cpu": round(c_tar / c_ours, 2), "pack_vs_tar_wall": round(t_tar / t_ours, 2),
                    "pack_peak_MiB": round(m_ours, 1), "tar_peak_MiB": round(m_tar, 1),
                    "packj_s": round(t_j, 2), "packj_cpu_s": round(c_j, 2), "packj_peak_MiB": round(m_j, 1),
                    "bundle_MB": round(os.path.getsize(out) / 1e6, 2),
                    "tar_MB": round(os.path.getsize(f"{tmp}/tar{n}.{ext}") / 1e6, 2),
                    "read_s": round(t_read, 2), "read_cpu_s": round(c_read, 2),
                    "read_articles_per_cpu_s": round(n / max(c_read, 1e-3)),
                    "read_peak_MiB": round(m_read, 1),
                }
            results[n] = row
            shutil.rmtree(files, ignore_errors=True)
        md = [f"pack N articles (jsonl entries) vs tar of the same files, {loadavg()}", "",
              "| articles | bundle | tool | MB/s (CPU) | articles/s (CPU) | CPU s | wall s | peak RSS MiB | pack/tar (CPU) | (wall) |",
              "|---|---|---|---|---|---|---|---|---|---|"]
        for n, row in results.items():
            mb = row["payload_MB"]
            for ext in ("tar.gz", "tar.zst"):
                r = row[ext]
                for tool, c, w, m, vs in (("newsarc pack -j 1", r["pack_cpu_s"], r["pack_s"], r["pack_peak_MiB"],
                                           f"{r['pack_vs_tar_cpu']:.2f}x | {r['pack_vs_tar_wall']:.2f}x"),
                                          ("newsarc pack (-j cores)", r["packj_cpu_s"], r["packj_s"], r["packj_peak_MiB"],
                                           f"{r['tar_cpu_s'] / max(r['packj_cpu_s'], 1e-3):.2f}x | "
                                           f"{r['tar_s'] / max(r['packj_s'], 1e-3):.2f}x"),
                                          ("tar", r["tar_cpu_s"], r["tar_s"], r["tar_peak_MiB"], "1.00x | 1.00x")):
                    md.append(f"| {n} | {ext} | {tool} | {mb / max(c, 1e-3):.1f} | {n / max(c, 1e-3):.0f} | {c:.2f} | "
                              f"{w:.2f} | {m:.1f} | {vs} |")
                if n == a.n:
                    rs = {"wall": r["pack_s"], "cpu": r["pack_cpu_s"], "rss_kb": r["pack_peak_MiB"] * 1024}
                    rt = {"wall": r["tar_s"], "cpu": r["tar_cpu_s"], "rss_kb": r["tar_peak_MiB"] * 1024}
                    summary(f"pack -> {ext}", "newsarc pack -j 1", mb, n, rs, f"tar {ext}", r["pack_vs_tar_wall"],
                            r["pack_vs_tar_cpu"], ">= 0.9x", r["pack_vs_tar_cpu"] >= 0.9,
                            note="judged on CPU time")
                    summary(f"pack -> {ext}", f"tar ({ext})", mb, n, rt)
        md += ["", "Target (issue 5): pack >= 0.9x tar's throughput, judged on CPU time (tar's compressor included)."]
        report("bundle", md, a.md, echo=False)
        for n, row in results.items():
            print(f"== {n} articles, {row['payload_MB']} MB of entries")
            for ext in ("tar.gz", "tar.zst"):
                r = row[ext]
                ok = "OK" if r["pack_vs_tar_cpu"] >= 0.9 else "BELOW 0.9x"
                print(f"  {ext:8} pack {r['pack_cpu_s']:6.2f}s cpu ({r['pack_s']:.2f}s wall) {r['pack_MBps_cpu']:6.1f} MB/s"
                      f" peak {r['pack_peak_MiB']:.1f} MiB | tar {r['tar_cpu_s']:6.2f}s cpu ({r['tar_s']:.2f}s wall)"
                      f" {r['tar_MBps_cpu']:6.1f} MB/s | throughput pack/tar {r['pack_vs_tar_cpu']:.2f}x cpu"
                      f" {r['pack_vs_tar_wall']:.2f}x wall {ok}")
                print(f"  {'':8} size {r['bundle_MB']} MB (tar {r['tar_MB']} MB) | read back {r['read_cpu_s']:.2f}s cpu"
                      f" ({r['read_s']:.2f}s wall) {r['read_articles_per_cpu_s']} articles/cpu-s"
                      f" peak {r['read_peak_MiB']:.1f} MiB")
        print(json.dumps({"bench": "bundle", "results": results}))
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
