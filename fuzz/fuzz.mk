# fuzz.mk - libFuzzer targets (included by GNUmakefile; see docs/fuzzing.md).
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ_JOBS=1] [FUZZ_TARGETS="jsonl probe"]
#   make fuzz-smoke [FUZZ_SMOKE_SECONDS=20]     (CI: every target briefly)
#
# One reader target per format in the registry (fuzz/fuzz_reader.c compiled
# with -DNA_FUZZ_FORMAT="name", names from the generated format_list.h, so a
# new format gets its target without touching this file) plus fuzz_probe.
# The library is built with clang in build-fuzz/; corpora live in
# build-fuzz/corpus/ and are seeded from tests/ and ../shared/corpus, never
# written into the repository.  Only these targets need clang, so its
# packages are a separate list.

# clang-14 and its sanitizer/libFuzzer runtimes; llvm for /usr/bin/llvm-symbolizer,
# without which a fresh Debian 12 (apt --no-install-recommends) prints crash
# stacks as bare addresses
FUZZ_DEB_PKGS := clang libclang-rt-14-dev llvm
FUZZ_CC       ?= clang
FUZZ_SECONDS  ?= 60
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_SMOKE_SEED ?= 20261129
FUZZ_JOBS     ?= 1
FUZZ_TARGETS  ?=
FUZZ_MAX_LEN  ?= 32768
FB            := build-fuzz
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: fuzz fuzz-smoke fuzz-deps fuzz-build

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(FUZZ_DEB_PKGS)"

# The library with coverage instrumentation; then one binary per target.
fuzz-build: fuzz-deps
	@$(MAKE) --no-print-directory B=$(FB) CC=$(FUZZ_CC) WARN="-Wall -Wextra" \
		OPT="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN) -DNA_FUZZ_SMALL_SPLIT" $(FB)/libnewsarc.a $(FB)/format_list.h
	@set -e; flags="-std=c11 -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(CPPFLAGS) $(PKG_CFLAGS)"; \
	libs="$(FB)/libnewsarc.a $(LDLIBS)"; \
	if [ ! $(FB)/fuzz_probe -nt $(FB)/libnewsarc.a ] || [ fuzz/fuzz_probe.c -nt $(FB)/fuzz_probe ]; then \
		echo "  FUZZ probe"; $(FUZZ_CC) $$flags fuzz/fuzz_probe.c -o $(FB)/fuzz_probe $$libs; fi; \
	for n in $$(sed -n 's/^extern const struct na_format na_format_\([a-z0-9_]*\);/\1/p' $(FB)/format_list.h); do \
		t=$(FB)/fuzz_reader_$$n; \
		if [ ! $$t -nt $(FB)/libnewsarc.a ] || [ fuzz/fuzz_reader.c -nt $$t ]; then \
			echo "  FUZZ $$n"; $(FUZZ_CC) $$flags -DNA_FUZZ_FORMAT="\"$$n\"" fuzz/fuzz_reader.c -o $$t $$libs; fi; \
	done

fuzz: fuzz-build
	FUZZ_SEED=0 FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) fuzz/run.sh $(FB) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI's smoke run starts every target from the same seed, so a red CI names a
# reproducible find rather than the luck of the draw; `make fuzz` explores
# with a fresh seed each time (FUZZ_SEED=0).
fuzz-smoke: fuzz-build
	FUZZ_SEED=$(FUZZ_SMOKE_SEED) FUZZ_JOBS=$(FUZZ_JOBS) FUZZ_MAX_LEN=$(FUZZ_MAX_LEN) fuzz/run.sh $(FB) $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# ---- valgrind: the CLI transcripts and golden tests with newsarc under memcheck
# tests/valgrind.supp holds the system-library false positives (documented
# there, one by one); newsarc's own code has no suppression.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
            --errors-for-leak-kinds=definite,indirect --track-fds=no \
            --suppressions=$(CURDIR)/tests/valgrind.supp
.PHONY: valgrind
valgrind:
	@$(MAKE) --no-print-directory deps DEB_PKGS="valgrind"
	@$(MAKE) --no-print-directory all
	python3 tests/run.py --bin $(B)/newsarc --wrap "$(VALGRIND)" --no-scripts $(VALGRIND_ARGS)
