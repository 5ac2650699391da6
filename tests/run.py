#!/usr/bin/env python3
"""newsarc test runner: unit tests, CLI transcripts, golden files, script tests.

  tests/unit/test_*.c     C unit tests (run through the --unit binary)
  tests/cli/*.t           transcripts:  % command / stdin / ^D / stdout / 2> stderr / => code
  tests/golden/**/*.cmd   one shell command; expected stdout in .out (`--accept` rewrites),
                          exit code in .rc (default 0)
  tests/scripts/test_*    executables: exit 0 pass, 77 skip, anything else fail

Commands run in a fresh temporary directory with `newsarc` first on PATH and
$ROOT (the repository) and $SHARED (../shared, when present) set.  A test that
names $SHARED is skipped, visibly, when ../shared is absent.  The last line is
"N passed, N failed, N skipped".
"""
import argparse, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))

results = {"pass": 0, "fail": 0, "skip": 0}
failures = []
durations = []
_last = [None]


def report(kind, name, detail=""):
    import time
    now = time.monotonic()
    if _last[0] is not None:
        durations.append((now - _last[0], name))
    _last[0] = now
    results[kind] += 1
    tag = {"pass": "PASS", "fail": "FAIL", "skip": "SKIP"}[kind]
    if kind != "pass" or os.environ.get("VERBOSE"):
        print(f"{tag} {name}" + (f": {detail}" if detail and kind == "skip" else ""), flush=True)
    if kind == "fail":
        failures.append(name)
        if detail:
            print("    " + detail.replace("\n", "\n    "), flush=True)


def env_for(bindir, tmp):
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env["ROOT"] = ROOT
    env["TMPDIR_TEST"] = tmp
    env["LC_ALL"] = "C.UTF-8"
    env.pop("NO_COLOR", None)
    if os.path.isdir(SHARED):
        env["SHARED"] = SHARED
        env["NEWSARC_SHARED"] = SHARED
    return env


def scrub(text):
    text = text.replace(SHARED, "$SHARED").replace(ROOT, "$ROOT")
    return text


def run_unit(unit, only):
    env = dict(os.environ)
    if os.path.isdir(SHARED):
        env["NEWSARC_SHARED"] = SHARED
    out = subprocess.run([unit], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    detail = []
    for line in out.stdout.splitlines():
        m = re.match(r"(ok|FAIL|SKIP) (\w+)(?::\s*(.*))?$", line)
        if not m:
            if line.startswith("  "):
                detail.append(line.strip())
            continue
        name = "unit/" + m.group(2)
        if only and not re.search(only, name):
            detail = []
            continue
        if m.group(1) == "ok":
            report("pass", name)
        elif m.group(1) == "SKIP":
            report("skip", name, m.group(3) or "")
        else:
            report("fail", name, "\n".join(detail))
        detail = []
    if out.returncode not in (0, 1):
        report("fail", "unit/(runner)", f"exit {out.returncode}\n{out.stderr[-2000:]}")


def parse_transcript(path):
    blocks, cur, stage = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        if line.startswith("% "):
            cur = {"cmd": line[2:], "body": [], "line": 0}
            blocks.append(cur)
            stage = "body"
            continue
        if cur is None or stage != "body":
            continue
        m = re.match(r"=> (\d+)$", line)
        if m:
            cur["rc"] = int(m.group(1))
            stage = None
            continue
        cur["body"].append(line)
    for b in blocks:
        body = b["body"]
        if "^D" in body:
            i = body.index("^D")
            b["stdin"] = "".join(l + "\n" for l in body[:i])
            body = body[i + 1:]
        else:
            b["stdin"] = None
        b["stdout"] = "".join(l + "\n" for l in body if not l.startswith("2> ") and l != "2>")
        b["stderr"] = "".join(l[3:] + "\n" if l.startswith("2> ") else "\n" for l in body if l.startswith("2>"))
        b.setdefault("rc", 0)
    return blocks


def run_cmd(cmd, bindir, stdin=None, timeout=300):
    tmp = tempfile.mkdtemp(prefix="newsarc-t-")
    try:
        p = subprocess.run(["bash", "-c", cmd], input=stdin if stdin is not None else "",
                           capture_output=True, text=True, errors="replace",
                           env=env_for(bindir, tmp), cwd=tmp, timeout=timeout)
        return p.returncode, scrub(p.stdout), scrub(p.stderr)
    except subprocess.TimeoutExpired:
        return -999, "", f"timeout after {timeout}s"
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def needs_shared(text):
    return "$SHARED" in text and not os.path.isdir(SHARED)


def run_transcripts(bindir, only, timeout):
    for path in sorted(glob_rel("tests/cli", ".t")):
        for i, b in enumerate(parse_transcript(os.path.join(ROOT, path))):
            name = f"{path}#{i + 1}"
            if only and not re.search(only, name):
                continue
            if needs_shared(b["cmd"]):
                report("skip", name, "../shared is absent")
                continue
            rc, out, err = run_cmd(b["cmd"], bindir, b["stdin"], timeout)
            problems = []
            if rc != b["rc"]:
                problems.append(f"exit {rc}, expected {b['rc']}")
            if out != b["stdout"]:
                problems.append("stdout differs:\n--- expected\n" + b["stdout"] + "--- got\n" + out)
            if err != b["stderr"]:
                problems.append("stderr differs:\n--- expected\n" + b["stderr"] + "--- got\n" + err)
            if problems:
                report("fail", name, f"% {b['cmd']}\n" + "\n".join(problems))
            else:
                report("pass", name)


def glob_rel(top, suffix, prefix=""):
    base = os.path.join(ROOT, top)
    out = []
    for d, _, files in os.walk(base):
        for f in files:
            if f.endswith(suffix) and f.startswith(prefix):
                out.append(os.path.relpath(os.path.join(d, f), ROOT))
    return out


def run_golden(bindir, only, accept, timeout):
    for path in sorted(glob_rel("tests/golden", ".cmd")):
        name = path[:-4]
        if only and not re.search(only, name):
            continue
        full = os.path.join(ROOT, path)
        cmd = open(full, encoding="utf-8").read().strip()
        if needs_shared(cmd):
            report("skip", name, "../shared is absent")
            continue
        rc, out, err = run_cmd(cmd, bindir, None, timeout)
        want_rc = 0
        if os.path.exists(full[:-4] + ".rc"):
            want_rc = int(open(full[:-4] + ".rc").read().strip())
        expected_path = full[:-4] + ".out"
        if accept:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(out)
            with open(full[:-4] + ".rc", "w") as f:
                f.write(f"{rc}\n")
            report("pass", name)
            continue
        expected = open(expected_path, encoding="utf-8").read() if os.path.exists(expected_path) else None
        if expected is None:
            report("fail", name, "no .out file (run `make accept` and review)")
        elif rc != want_rc:
            report("fail", name, f"exit {rc}, expected {want_rc}\n{err[-1500:]}")
        elif out != expected:
            import difflib
            diff = "".join(difflib.unified_diff(expected.splitlines(True), out.splitlines(True),
                                                "expected", "got", n=1))
            report("fail", name, diff[:4000])
        else:
            report("pass", name)


def run_scripts(bindir, only, timeout):
    for path in sorted(glob_rel("tests/scripts", "", "test_")):
        name = path
        if only and not re.search(only, name):
            continue
        full = os.path.join(ROOT, path)
        if not os.access(full, os.X_OK):
            continue
        tmp = tempfile.mkdtemp(prefix="newsarc-s-")
        try:
            p = subprocess.run([full], capture_output=True, text=True, errors="replace",
                               env=env_for(bindir, tmp), cwd=tmp, timeout=timeout)
            rc, text = p.returncode, (p.stdout + p.stderr)
        except subprocess.TimeoutExpired:
            rc, text = -999, f"timeout after {timeout}s"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if rc == 0:
            report("pass", name)
        elif rc == 77:
            report("skip", name, text.strip().splitlines()[-1] if text.strip() else "")
        else:
            report("fail", name, f"exit {rc}\n{text[-4000:]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--unit")
    ap.add_argument("--accept", action="store_true")
    ap.add_argument("--sanitizer", action="store_true")
    ap.add_argument("--only", help="regex on test names")
    ap.add_argument("--wrap", help="run newsarc under this command (e.g. valgrind ...)")
    ap.add_argument("--no-scripts", action="store_true", help="skip tests/scripts")
    a = ap.parse_args()
    bindir = tempfile.mkdtemp(prefix="newsarc-bin-")
    if a.wrap:
        with open(os.path.join(bindir, "newsarc"), "w") as f:
            f.write(f'#!/bin/sh\nexec {a.wrap} "{os.path.abspath(a.bin)}" "$@"\n')
        os.chmod(os.path.join(bindir, "newsarc"), 0o755)
    else:
        os.symlink(os.path.abspath(a.bin), os.path.join(bindir, "newsarc"))
    timeout = 900 if a.sanitizer or a.wrap else 300
    if not os.path.isdir(SHARED):
        print(f"SKIP note: {SHARED} is absent; tests that need it are skipped", flush=True)
    import time
    _last[0] = time.monotonic()
    try:
        if a.unit and not a.accept:
            run_unit(os.path.abspath(a.unit), a.only)
        if not a.accept:
            run_transcripts(bindir, a.only, timeout)
        run_golden(bindir, a.only, a.accept, timeout)
        if not a.accept and not a.no_scripts:
            run_scripts(bindir, a.only, timeout)
    finally:
        shutil.rmtree(bindir, ignore_errors=True)
    slow = sorted(durations, reverse=True)[:5]
    if slow and slow[0][0] > 5:
        print("slowest: " + ", ".join(f"{n} {t:.0f}s" for t, n in slow if t > 5))
    if failures:
        print("failed: " + ", ".join(failures))
    print(f"{results['pass']} passed, {results['fail']} failed, {results['skip']} skipped")
    sys.exit(1 if results["fail"] else 0)


if __name__ == "__main__":
    main()
