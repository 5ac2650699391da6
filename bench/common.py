"""Shared helpers for the benchmark scripts (python3 standard library only)."""
import os, shutil, subprocess, sys, tempfile, time

TIME = "/usr/bin/time"


def measure(cmd, stdin_path=None, stdout=subprocess.DEVNULL, env=None):
    """Run cmd; return (wall seconds, peak RSS in KiB).  Peak RSS is read by
    GNU time (Debian package `time`, installed by `make bench`), because a
    child forked from Python inherits Python's resident pages in ru_maxrss."""
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    with tempfile.NamedTemporaryFile("r") as rep:
        full = ([TIME, "-f", "%M", "-o", rep.name] if os.path.exists(TIME) else []) + list(cmd)
        t0 = time.perf_counter()
        p = subprocess.run(full, stdin=fin, stdout=stdout, stderr=subprocess.PIPE, env=env)
        dt = time.perf_counter() - t0
        if p.returncode != 0:
            sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr.decode(errors='replace')[-2000:]}")
        try:
            rss = int(open(rep.name).read().strip().splitlines()[-1])
        except (ValueError, IndexError):
            rss = -1
    return dt, rss
