"""Shared helpers for the benchmark scripts (python3 standard library only)."""
import json, os, resource, shutil, subprocess, sys, tempfile, time

TIME = "/usr/bin/time"


def measure(cmd, stdin_path=None, stdout=subprocess.DEVNULL, env=None):
    """Run cmd; return (wall seconds, peak RSS in KiB).  Peak RSS is read by
    GNU time (Debian package `time`, installed by `make bench`), because a
    child forked from Python inherits Python's resident pages in ru_maxrss."""
    r = run(cmd, stdin_path, stdout, env)
    return r["wall"], r["rss_kb"]


def run(cmd, stdin_path=None, stdout=subprocess.DEVNULL, env=None, check=True):
    """Run cmd once; return {wall, cpu (user+sys, every thread and waited-for
    child), rss_kb (peak), rc, stderr}.  On a shared machine the wall clock
    measures the other load as much as the program: compare CPU time too."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r") as rep:
        gnu = os.path.exists(TIME)
        full = ([TIME, "-f", "%e %U %S %M", "-o", rep.name] if gnu else []) + list(cmd)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu0 = ru0.ru_utime + ru0.ru_stime
        t0 = time.perf_counter()
        p = subprocess.run(full, stdin=fin, stdout=stdout, stderr=subprocess.PIPE, env=env)
        dt = time.perf_counter() - t0
        if check and p.returncode != 0:
            sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
        # without GNU time: the children's rusage (its peak may include
        # this Python's pages at fork time, see measure())
        cpu, rss = float("nan"), -1
        if not gnu:
            ru = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu, rss = ru.ru_utime + ru.ru_stime - cpu0, ru.ru_maxrss
        try:
            last = open(rep.name).read().strip().splitlines()[-1].split()
            cpu, rss = float(last[1]) + float(last[2]), int(last[3])
        except (ValueError, IndexError):
            pass
    if stdin_path:
        fin.close()
    return {"wall": dt, "cpu": cpu, "rss_kb": rss, "rc": p.returncode, "stderr": p.stderr}


def best(n, cmd, **kw):
    """The best of n runs: lowest wall and lowest CPU (each on its own), highest peak RSS."""
    rs = [run(cmd, **kw) for _ in range(n)]
    return {"wall": min(r["wall"] for r in rs), "cpu": min(r["cpu"] for r in rs),
            "rss_kb": max(r["rss_kb"] for r in rs), "rc": rs[-1]["rc"], "stderr": rs[-1]["stderr"]}


def summary(path, tool, mb=None, articles=None, r=None, peer=None, ratio_wall=None, ratio_cpu=None,
            target=None, met=None, note=""):
    """One row of the table `make bench` prints first (bench/run.py): appended
    as a JSON line to $BENCH_SUMMARY when set.  mb/articles: the work done;
    r: a run() result (wall, cpu, rss_kb); ratios are newsarc's speed over
    the peer's (higher is better)."""
    out = os.environ.get("BENCH_SUMMARY")
    if not out:
        return
    row = {"path": path, "tool": tool, "peer": peer, "target": target, "met": met, "note": note,
           "ratio_wall": ratio_wall, "ratio_cpu": ratio_cpu}
    if r:
        row.update(wall=r["wall"], cpu=r["cpu"], peak_mb=r["rss_kb"] / 1024 if r["rss_kb"] >= 0 else None,
                   mb_s=mb / r["wall"] if mb else None, art_s=articles / r["wall"] if articles else None,
                   mb_s_cpu=mb / r["cpu"] if mb and r["cpu"] > 0 else None)
    with open(out, "a") as f:
        f.write(json.dumps(row) + "\n")


def report(section, lines, md=None, echo=True):
    """Print a script's table (unless echo is off) and append it as section
    `## SECTION` to the results file md (bench/run.py passes --md)."""
    text = "\n".join(lines)
    if echo:
        print(text)
    if md:
        with open(md, "a") as f:
            f.write(f"\n## {section}\n\n{text}\n")


def loadavg():
    return "load average %.2f %.2f %.2f on %d cpus" % (os.getloadavg() + (os.cpu_count(),))


def pair(cmd, **kw):
    """Wall seconds of two copies of cmd run at the same time.  2 * t1 / t_pair
    is the parallelism the machine gives right now (2.0 on two idle cores):
    the ceiling for a --jobs 2 speedup measured in the same minute."""
    t0 = time.perf_counter()
    ps = [subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw) for _ in range(2)]
    for p in ps:
        p.wait()
    return time.perf_counter() - t0
