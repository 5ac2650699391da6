#!/bin/bash
# run.sh FB SECONDS [TARGET...] - run the libFuzzer targets built in FB for
# SECONDS each (targets: "probe" and format names; default all), seeding
# each corpus from the fixtures.  Prints one line per target and exits 1
# when any target found a crash, leak, timeout or broken invariant (the
# reproducer is left in FB/artifacts/).  FUZZ_JOBS targets run at once.
set -u
FB=$1 SECS=$2; shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
cd "$ROOT"
mkdir -p "$FB/corpus" "$FB/seeds" "$FB/artifacts" "$FB/logs"

# every readable format has a target; "probe" covers all probes
targets=()
if [ $# -gt 0 ]; then targets=("$@"); else
	targets=(probe)
	for t in "$FB"/fuzz_reader_*; do
		[ -x "$t" ] || continue
		n=${t##*/fuzz_reader_}
		[ "$(NA_FUZZ_INFO=1 "$t" 2>/dev/null)" = read ] && targets+=("$n")
	done
fi

# seeds: fixtures, examples and the shared corpus, each given to every
# format whose probe claims it (>= 50); the probe target gets them all
rm -rf "$FB/seeds"; mkdir -p "$FB/seeds/probe"
{ find tests examples -type f -size -1024k ! -name '*.sh' ! -name '*.py' ! -name '*.c' ! -name '*.h' 2>/dev/null
  [ -d "$SHARED/corpus" ] && find "$SHARED/corpus" -type f -size -1024k ! -name 'README.md' ! -name LICENSE
} | sort > "$FB/seeds/list"
NA_FUZZ_SEEDMAP=1 "$FB/fuzz_probe" < "$FB/seeds/list" 2>/dev/null > "$FB/seeds/map"
python3 - "$FB/seeds" <<'PY'
import os, shutil, sys
seeds = sys.argv[1]
def flat(path):
    i = path.find("shared/")
    return (path[i + 7:] if i >= 0 else path).replace("/", "_")
for f in open(os.path.join(seeds, "list")).read().split("\n"):
    if f:
        shutil.copyfile(f, os.path.join(seeds, "probe", flat(f)))
# containers: the fixtures hold no archives, so make a few small ones
import io, tarfile, zipfile
small = [f for f in open(os.path.join(seeds, "list")).read().split("\n")
         if f and os.path.getsize(f) < 8192][:6]
os.makedirs(os.path.join(seeds, "bundle"), exist_ok=True)
for kind in ("zip", "tar", "tar.gz"):
    b = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
            for f in small:
                z.write(f, os.path.basename(f))
    else:
        with tarfile.open(fileobj=b, mode="w:gz" if kind == "tar.gz" else "w") as t:
            for f in small:
                t.add(f, os.path.basename(f))
    open(os.path.join(seeds, "bundle", "made." + kind), "wb").write(b.getvalue())
for line in open(os.path.join(seeds, "map")):
    fmt, f = line.rstrip("\n").split("\t", 1)
    os.makedirs(os.path.join(seeds, fmt), exist_ok=True)
    shutil.copyfile(f, os.path.join(seeds, fmt, flat(f)))
PY

run_one() {
	local name=$1 bin maxlen
	if [ "$name" = probe ]; then bin=$FB/fuzz_probe maxlen=4200; else bin=$FB/fuzz_reader_$name maxlen=${FUZZ_MAX_LEN:-32768}; fi
	if [ ! -x "$bin" ]; then echo "$name: no such target ($bin)"; return 1; fi
	mkdir -p "$FB/corpus/$name" "$FB/seeds/$name"
	local dirs=("$FB/corpus/$name" "$FB/seeds/$name")
	# earlier crashers (tests/hostile/fuzz/<target>/*.b64), run first
	if [ -d "tests/hostile/fuzz/$name" ]; then
		mkdir -p "$FB/regress/$name"
		for b in tests/hostile/fuzz/$name/*.b64; do
			base64 -d "$b" > "$FB/regress/$name/$(basename "$b" .b64)"
		done
		dirs+=("$FB/regress/$name")
	fi
	local log=$FB/logs/$name.log start=$SECONDS
	ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 UBSAN_OPTIONS=print_stacktrace=1 \
	"$bin" -seed="${FUZZ_SEED:-0}" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2560 -max_len=$maxlen \
		-artifact_prefix="$FB/artifacts/$name-" -print_final_stats=1 "${dirs[@]}" > "$log" 2>&1
	local rc=$? runs cov
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ $rc = 0 ]; then
		printf '%-10s ok     %4ss  %10s execs  %s  corpus %s\n' "$name" $((SECONDS - start)) "${runs:-?}" "${cov:-}" \
			"$(ls "$FB/corpus/$name" | wc -l)"
	else
		printf '%-10s FAILED %4ss  see %s\n' "$name" $((SECONDS - start)) "$log"
		grep -E 'ERROR: |SUMMARY: |runtime error|invariant|artifact_prefix|Test unit written' "$log" | head -8 | sed 's/^/    /'
		return 1
	fi
}
export -f run_one
export FB SECS
printf '%s\n' "${targets[@]}" | xargs -P "${FUZZ_JOBS:-1}" -I{} bash -c 'run_one "$@"' _ {}
rc=$?
[ $rc = 0 ] || { echo "fuzz: some target failed (reproducers in $FB/artifacts/)"; exit 1; }
echo "fuzz: ${#targets[@]} targets, ${SECS}s each, no crash"
