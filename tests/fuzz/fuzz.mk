# tests/fuzz/fuzz.mk — the libFuzzer harnesses (tests/fuzz/README.md); included by the Makefile.
#   make fuzz              build every tests/fuzz/fuzz_*.c and run each for FUZZ_SECONDS (60)
#                          from its seed corpus tests/fuzz/corpus/NAME/; one summary line each
#   make fuzz FUZZ=load    only the named harnesses (space-separated)
#   make fuzz-smoke        run each harness once over its committed corpus (seconds; part of
#                          make test when clang and libFuzzer are installed)
# Harnesses and the library are built with clang into build-fuzz/, instrumented for coverage
# and checked by AddressSanitizer + UndefinedBehaviorSanitizer.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_BUILD   := build-fuzz
FUZZ_DEB     := clang libclang-rt-14-dev
FUZZ_SAN     := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
# clang's -Wformat=2 also flags vsnprintf in printf-like helpers, which gcc (the main build)
# accepts; the helpers' callers are still checked.
FUZZ_CFLAGS   = $(CSTD) $(WARN) -Wno-format-nonliteral $(FUZZ_SAN) $(GSL_CFLAGS) \
                -DBK_DEFAULT_DATA='"$(DATADIR)"'
FUZZ_ALL     := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ         ?= $(FUZZ_ALL)
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) $(FUZZ_BUILD)/cli/emit.o

.PHONY: fuzz fuzz-build fuzz-smoke fuzz-deps

fuzz-deps:
	@tools/ensure-deps.sh $(DEB_BUILD) $(FUZZ_DEB)

$(FUZZ_BUILD)/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz-build: fuzz-deps $(FUZZ_ALL:%=$(FUZZ_BUILD)/fuzz_%)

# Each run reads the committed seeds and writes what it discovers to build-fuzz/corpus/NAME
# (the first directory is the one libFuzzer adds to). A crash stops that harness, keeps the
# input as build-fuzz/crash-NAME-* and fails the target after every harness has run.
fuzz: fuzz-build
	@failed=0; \
	for h in $(FUZZ); do \
	    mkdir -p $(FUZZ_BUILD)/corpus/$$h tests/fuzz/corpus/$$h; \
	    log=$(FUZZ_BUILD)/fuzz-$$h.log; \
	    start=$$(date +%s); \
	    $(FUZZ_BUILD)/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -rss_limit_mb=2048 -timeout=10 -artifact_prefix=$(FUZZ_BUILD)/crash-$$h- \
	        $(FUZZ_BUILD)/corpus/$$h tests/fuzz/corpus/$$h >$$log 2>&1; \
	    rc=$$?; end=$$(date +%s); \
	    execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -1); \
	    [ -n "$$execs" ] || execs=$$(grep -o '^#[0-9]*' $$log | tail -1 | tr -d '#'); \
	    crashes=$$(ls $(FUZZ_BUILD)/crash-$$h-* 2>/dev/null | wc -l); \
	    corpus=$$(ls $(FUZZ_BUILD)/corpus/$$h tests/fuzz/corpus/$$h | grep -vc ':$$\|^$$'); \
	    echo "fuzz $$h: $${execs:-0} executions in $$((end - start)) s, exit $$rc, $$crashes crash input(s) in $(FUZZ_BUILD)/, corpus $$corpus (log $$log)"; \
	    [ $$rc -eq 0 ] || failed=1; \
	done; \
	exit $$failed

# Every committed input once, no exploration: regressions of past crashes stay fixed.
# Under CI (CI=true) clang and libFuzzer are installed first, and their absence is a failure;
# elsewhere a missing clang skips the smoke run, and says so. Crash inputs go to the build
# directory, never the repository.
fuzz-smoke:
	@if [ "$${CI:-}" = true ]; then tools/ensure-deps.sh $(FUZZ_DEB) || exit 1; fi; \
	if ! command -v $(FUZZ_CC) >/dev/null 2>&1 || \
	    ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then \
	    if [ "$${CI:-}" = true ]; then \
	        echo "fuzz-smoke: clang or libFuzzer missing under CI: apt-get install $(FUZZ_DEB)"; exit 1; \
	    fi; \
	    echo "fuzz-smoke: clang or libFuzzer not installed ($(FUZZ_DEB)); skipped"; \
	else \
	    $(MAKE) --no-print-directory $(FUZZ_ALL:%=$(FUZZ_BUILD)/fuzz_%) >/dev/null && \
	    for h in $(FUZZ_ALL); do \
	        $(FUZZ_BUILD)/fuzz_$$h -runs=0 -rss_limit_mb=2048 \
	            -artifact_prefix=$(FUZZ_BUILD)/crash-$$h- tests/fuzz/corpus/$$h \
	            >$(FUZZ_BUILD)/smoke-$$h.log 2>&1 || { echo "fuzz-smoke $$h: FAILED"; \
	            tail -30 $(FUZZ_BUILD)/smoke-$$h.log; exit 1; }; \
	        echo "fuzz-smoke $$h: $$(ls tests/fuzz/corpus/$$h | wc -l) inputs, no crash"; \
	    done; \
	fi

test: fuzz-smoke

.PHONY: clean-fuzz
clean-fuzz:
	rm -rf $(FUZZ_BUILD)
clean: clean-fuzz
