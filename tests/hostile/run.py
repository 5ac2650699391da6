#!/usr/bin/env python3
"""Run the hostile-input cases of tests/hostile/cases.txt (issue 9).

Each non-comment line of cases.txt is

    name | needs | exit | stderr-regex | checks | command

needs    formats (as `newsarc formats` names them) or cmd:NAME the case needs,
         comma-separated, or "-"; a case whose needs are missing is SKIPPED
         (printed) and activates when the format lands
exit     accepted exit codes, comma-separated
stderr   Python regex that stderr must match (search), "-" for none
checks   space-separated: lines=N, lines>=N (stdout lines: valid records
         around bad ones are kept), !REGEX (stdout must not match),
         ~REGEX (stdout must match), utf8 (stdout is valid UTF-8); "-" for none
command  shell command; $IN is the directory of generated inputs (gen.py)

Every case also fails when the command crashes (signal, sanitizer report),
runs past its timeout, or creates or changes any file outside its own
empty working directory (the inputs, their parent and /tmp are watched).
Cases listed in xfail.txt (known, reported bugs) print XFAIL and do not
fail the suite.  Usage: run.py [--only REGEX] [--keep DIR]; exit 0 all passed, 1 failure.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
TIMEOUT = int(os.environ.get("HOSTILE_TIMEOUT", "120"))
CRASH = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|"
                   r"Segmentation fault|core dumped|Aborted|==\d+== ERROR SUMMARY: [1-9]")


def parse(path):
    cases = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ", 5)]
        if len(parts) != 6:
            sys.exit(f"cases.txt:{n}: expected 6 fields separated by ' | '")
        name, needs, rc, err, checks, cmd = parts
        cases.append({"name": name, "needs": [] if needs == "-" else needs.split(","),
                      "rc": {int(x) for x in rc.split(",")}, "stderr": None if err == "-" else err,
                      "checks": [] if checks == "-" else checks.split(), "cmd": cmd, "line": n})
    return cases


def snapshot(dirs):
    seen = {}
    for top in dirs:
        for d, subdirs, files in os.walk(top):
            for f in files + subdirs:
                p = os.path.join(d, f)
                try:
                    st = os.lstat(p)
                    seen[p] = (st.st_size, st.st_mtime_ns)
                except OSError:
                    pass
    return seen


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--keep", help="generated inputs directory to reuse")
    a = ap.parse_args()
    cases = parse(os.path.join(HERE, "cases.txt"))
    if a.only:
        cases = [c for c in cases if re.search(a.only, c["name"])]
    xfail = {}
    for line in open(os.path.join(HERE, "xfail.txt"), encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            name, _, why = line.strip().partition(" ")
            xfail[name] = why.strip()
    names = {c["name"] for c in cases}
    assert len(names) == len(cases), "duplicate case names"
    fm = subprocess.run(["newsarc", "formats"], capture_output=True, text=True)
    have = {l.split()[0] for l in fm.stdout.splitlines() if l.strip()}
    for cmd in ("validate", "check", "stats", "probe"):
        if subprocess.run(["newsarc", cmd, "--help"], capture_output=True).returncode == 0:
            have.add("cmd:" + cmd)
    active = []
    for c in cases:
        missing = [n for n in c["needs"] if n not in have]
        if missing:
            print(f"SKIP {c['name']}: needs {','.join(missing)} (not in this build)")
        else:
            active.append(c)
    top = tempfile.mkdtemp(prefix="newsarc-hostile-")
    box = os.path.join(top, "box")
    indir = a.keep or os.path.join(box, "in")
    os.makedirs(box)
    os.makedirs(indir, exist_ok=True)
    try:
        want = sorted({m for c in active for m in re.findall(r"\$IN/([\w.+-]+)", c["cmd"])})
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), indir] + want, check=True)
        watch = [top, "/tmp"]
        fails = 0
        for c in active:
            work = os.path.join(box, "run-" + c["name"])
            os.makedirs(work)
            before = snapshot([top])
            tmp_before = set(os.listdir("/tmp"))
            env = dict(os.environ, IN=indir, LC_ALL="C.UTF-8")
            t0 = time.monotonic()
            try:
                p = subprocess.run(["bash", "-c", c["cmd"]], cwd=work, env=env, capture_output=True,
                                   timeout=TIMEOUT)
                rc, out, err = p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
                raw_out = p.stdout
            except subprocess.TimeoutExpired:
                rc, out, err = None, "", f"timeout after {TIMEOUT}s (hang)"
                raw_out = b""
            took = time.monotonic() - t0
            problems = []
            if rc is None:
                problems.append(err)
            elif rc >= 124 or rc < 0 or CRASH.search(err):
                problems.append(f"crashed (exit {rc})")
            elif rc not in c["rc"]:
                problems.append(f"exit {rc}, expected {','.join(map(str, sorted(c['rc'])))}")
            if c["stderr"] and not re.search(c["stderr"], err):
                problems.append(f"stderr lacks /{c['stderr']}/")
            nlines = out.count("\n")
            for chk in c["checks"]:
                m = re.match(r"lines(>=|=)(\d+)$", chk)
                if m:
                    n = int(m.group(2))
                    if (m.group(1) == "=" and nlines != n) or (m.group(1) == ">=" and nlines < n):
                        problems.append(f"stdout has {nlines} lines, expected {m.group(1)}{n}")
                elif chk == "utf8":
                    try:
                        raw_out.decode("utf-8")
                    except UnicodeDecodeError as e:
                        problems.append(f"stdout is not valid UTF-8 ({e})")
                elif chk.startswith("!"):
                    if re.search(chk[1:], out):
                        problems.append(f"stdout matches /{chk[1:]}/")
                elif chk.startswith("~"):
                    if not re.search(chk[1:], out):
                        problems.append(f"stdout lacks /{chk[1:]}/")
                else:
                    problems.append(f"bad check {chk!r} in cases.txt:{c['line']}")
            after = snapshot([top])
            changed = sorted(p for p in set(after) | set(before)
                             if not p.startswith(work + os.sep) and p != work and before.get(p) != after.get(p))
            # absolute entry names in the archives point here (other runs
            # may be creating their own temporary directories meanwhile)
            new_tmp = sorted(f for f in set(os.listdir("/tmp")) - tmp_before if f.startswith("na-hostile-abs"))
            if changed or new_tmp:
                problems.append("wrote outside its working directory: " + ", ".join(changed + new_tmp)[:300])
                for f in new_tmp:
                    shutil.rmtree(os.path.join("/tmp", f), ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)
            if problems and c["name"] in xfail:
                print(f"XFAIL {c['name']}: {xfail[c['name']]}\n    " + "; ".join(problems))
            elif c["name"] in xfail:
                print(f"XPASS {c['name']}: fixed; delete it from tests/hostile/xfail.txt")
            elif problems:
                fails += 1
                print(f"FAIL {c['name']} (cases.txt:{c['line']}): " + "; ".join(problems))
                print("    % " + c["cmd"])
                for l in err.strip().splitlines()[:6]:
                    print("    2> " + l[:300])
            else:
                print(f"ok   {c['name']} ({took:.1f}s)")
        print(f"hostile: {len(active) - fails} passed, {fails} failed, {len(cases) - len(active)} skipped")
        return 1 if fails else 0
    finally:
        if not a.keep:
            shutil.rmtree(top, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
