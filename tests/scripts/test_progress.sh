#!/bin/bash
# Progress line (issue 10): drawn on a TTY (script(1) gives the command a
# pseudo-terminal), never in a pipe nor with --quiet; NO_COLOR means no
# escape sequence at all; a diagnostic erases the bar before it is printed;
# the summary starts on a clean line; SIGUSR1 prints the status line even
# when stderr is not a terminal, and does not kill the process.
set -u
command -v script >/dev/null || { echo "SKIP: script(1) from util-linux is missing"; exit 77; }
python3 - <<'PY'
import gzip, json, random
random.seed(11)
lines = [json.dumps({"id": f"r{i}", "headline": "h" * random.randint(10, 200),
                     "body": [{"type": "p", "text": "word " * random.randint(20, 200)}]}) + "\n"
         for i in range(100000)]
# gzip keeps the disk writes small; 500k records make the run last several
# frames (one per 0.1 s) even on an idle machine with two jobs (100k took
# under 0.1 s there, so no frame was ever drawn)
with gzip.open("big.jsonl.gz", "wt", compresslevel=1) as f:
    for _ in range(5):
        f.writelines(lines)
with gzip.open("bad.jsonl.gz", "wt", compresslevel=1) as f:
    for _ in range(5):
        f.writelines(lines)
    f.write('{"id":"late",}\n')
with open("small.jsonl", "w") as f:
    f.writelines(lines[:3000])
PY
bin=$(command -v newsarc)
fail=0

# 1. On a TTY, with colour: frames with a bar, percentage, ETA; colour codes.
TERM=xterm COLUMNS=100 script -qfec "$bin convert big.jsonl.gz >/dev/null" /dev/null </dev/null > tty.txt 2>&1
# 2. NO_COLOR on a TTY.
NO_COLOR=1 TERM=xterm script -qfec "$bin convert big.jsonl.gz >/dev/null" /dev/null </dev/null > nocolor.txt 2>&1
# 3. --quiet on a TTY: neither bar nor summary.
TERM=xterm script -qfec "$bin convert -q big.jsonl.gz >/dev/null" /dev/null </dev/null > quiet.txt 2>&1
# 4. A diagnostic in the middle of a drawn bar.
NO_COLOR=1 script -qfec "$bin convert bad.jsonl.gz >/dev/null" /dev/null </dev/null > diag.txt 2>&1
# 5. Standard input on a TTY: no total, so records and rate but no ETA.
#    Two pauses: at least two frames whatever the speed, and the time bounds
#    the number of frames (ten a second at most).
start=$(date +%s.%N)
NO_COLOR=1 script -qfec "{ head -n 1000 small.jsonl; sleep 0.3; sed -n 1001,2000p small.jsonl; sleep 0.3; tail -n 1000 small.jsonl; } | $bin convert --from jsonl >/dev/null" /dev/null </dev/null > stdin.txt 2>&1
elapsed=$(python3 -c "print($(date +%s.%N) - $start)")
# 6. Not a TTY: stderr holds the summary and nothing else.
newsarc convert big.jsonl.gz 2> pipe.txt >/dev/null
# 7. SIGUSR1 with stderr to a file: the status line is printed at the next
#    record (usually the 1,001st; earlier on a slow or loaded machine); the
#    run goes on and finishes normally.
{ head -n 1000 small.jsonl; sleep 1; tail -n 1000 small.jsonl; } | newsarc convert --from jsonl -o usr1.jsonl 2> usr1.txt &
pid=$!
sleep 0.5
kill -USR1 $pid
wait $pid
usr1_rc=$?

python3 - "$usr1_rc" "$elapsed" <<'PY' || fail=1
import re, sys
fail = []
def check(cond, what):
    if not cond:
        fail.append(what)
def frames(text):
    # the visible text of each redraw: split on CR, drop the erasing blanks
    return [f for f in text.split("\r") if f.strip()]

tty = open("tty.txt", encoding="utf-8", errors="replace", newline="").read()
f = [x for x in frames(tty) if "records" in x and "[" in x]
check(len(f) >= 1, f"tty: expected a bar frame: {tty[:300]!r}")
# the bytes read so far may still be in KiB when a fast run draws only its
# first frames (1.3 MiB of gzip in all)
check(any(re.search(r"\d+%\s+[\d,]+ records\s+[\d.]+ (?:[KMG]i)?B / [\d.]+ (?:[KMG]i)?B\s+ETA \d+:\d\d", x)
          for x in f),
      f"tty: no frame with percent, records, bytes and ETA: {f[:3]!r}")
check("\x1b[32m" in tty, "tty: no colour although NO_COLOR is unset and TERM=xterm")
check(all(len(re.sub(r"\x1b\[[0-9;]*m", "", x.rstrip("\n"))) <= 99 for x in f),
      "tty: a frame is wider than COLUMNS-1")
# the summary comes after the bar was erased: the segment before it is blank
m = re.search(r"\r( +)\r(newsarc: read 500000, written 500000, rejected 0)", tty)
check(m is not None, f"tty: summary not on an erased line: {tty[-300:]!r}")

nc = open("nocolor.txt", encoding="utf-8", errors="replace", newline="").read()
check(len(frames(nc)) >= 2, "NO_COLOR: no bar drawn")  # a frame and the summary
check("\x1b" not in nc, "NO_COLOR: an escape sequence was written")

q = open("quiet.txt", encoding="utf-8", errors="replace", newline="").read()
check(q.strip() == "", f"--quiet on a TTY printed something: {q[:200]!r}")

d = open("diag.txt", encoding="utf-8", errors="replace", newline="").read()
check(re.search(r"\r +\rbad\.jsonl\.gz:500001:14: error: trailing comma in object\r?\n", d) is not None,
      f"diagnostic not printed on an erased line: {d[-400:]!r}")
check("newsarc: read 500001, written 500000, rejected 1" in d, "diag: summary missing")

s = open("stdin.txt", encoding="utf-8", errors="replace", newline="").read()
sf = [x for x in frames(s) if "records" in x]
check(len(sf) >= 2, f"stdin: expected 2 frames or more: {s[:300]!r}")
check(len(sf) <= float(sys.argv[2]) * 10 + 2, f"stdin: {len(sf)} frames in {sys.argv[2]} s: more than ten a second")
check(all("ETA" not in x and "[" not in x for x in sf), f"stdin: ETA or bar without a known total: {sf[:3]!r}")
check(any(re.search(r"[\d,]+ records\s+(?:[\d.]+ [KMG]?i?B\s+[\d.]+ [KMG]?i?B/s\s+)?[\d,]+ rec/s\s+elapsed \d+:\d\d", x)
          for x in sf),
      f"stdin: frame lacks records, rate, elapsed: {sf[:3]!r}")

p = open("pipe.txt", newline="").read()
check(p == "newsarc: read 500000, written 500000, rejected 0\n", f"pipe: stderr is {p[:300]!r}")

u = open("usr1.txt", newline="").read()
lines = u.splitlines()
check(sys.argv[1] == "0", f"SIGUSR1 run exited {sys.argv[1]}")
check(len(lines) == 2, f"SIGUSR1: expected a status line and the summary, got {lines!r}")
if len(lines) == 2:
    check(re.fullmatch(r"newsarc convert: (?:[1-9]\d{0,2}|1,\d{3}|2,000) records?, (?:[\d.]+ [KMG]?i?B, [\d.]+ [KMG]?i?B/s, )?[\d,]+ rec/s, elapsed \d+:\d\d", lines[0]) is not None,
          f"SIGUSR1 status line: {lines[0]!r}")
    check(lines[1] == "newsarc: read 2000, written 2000, rejected 0", f"summary: {lines[1]!r}")
check("\x1b" not in u and "\r" not in u, "SIGUSR1 output to a file has escapes or CR")
for x in fail:
    print("FAIL:", x)
sys.exit(1 if fail else 0)
PY
exit $fail
