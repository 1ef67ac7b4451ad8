# tests/fuzz/fuzz.mk — the libFuzzer harnesses (tests/fuzz/README.md); included by the Makefile.
#   make fuzz              build every tests/fuzz/fuzz_*.c and run each for FUZZ_SECONDS (60)
#                          from its seed corpus tests/fuzz/corpus/NAME/; one summary line each
#   make fuzz FUZZ=load    only the named harnesses (space-separated)
#   make fuzz-long         the campaign: each harness for FUZZ_LONG_SECONDS (600), fails on a
#                          crash; FUZZ_LONG_SECONDS_NAME sets one harness's time
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
# cli/extractout and cli/outfile: fuzz_extract writes its records as `extract` writes them
FUZZ_OBJ     := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o) \
                $(addprefix $(FUZZ_BUILD)/cli/,emit.o extractout.o outfile.o)

.PHONY: fuzz fuzz-long fuzz-build fuzz-smoke fuzz-deps

# The objects outlive each link: without this make deletes them as intermediates and builds
# the whole library again for the next harness run.
.SECONDARY: $(FUZZ_OBJ)

fuzz-deps:
	@tools/ensure-deps.sh $(DEB_BUILD) $(FUZZ_DEB)

$(FUZZ_BUILD)/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

# Harnesses link the library as an archive, so each takes only the modules it reaches: libFuzzer
# scans every coverage counter of the binary after each input, and the counters of charts and
# workbooks a harness never calls would cost it speed.
FUZZ_LIB := $(FUZZ_BUILD)/libbudgetkit-fuzz.a
$(FUZZ_LIB): $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(LDLIBS)

# The extractor's harnesses link a second build of the library without integer-comparison
# tracing. The extractor decides by string matches, which libFuzzer still sees through its
# strcmp/strncmp/strstr/memcmp hooks, and fuzz_extract.dict holds its words; tracing every byte
# test and every amount's digits cost a third of an execution. Measured from the seeds alone,
# 60 s each side by side: 3,813 executions/s reaching 3,572 edges and 14,805 features with the
# tracing, 5,553/s reaching 3,578 edges and 15,409 features without. The other harnesses keep
# it: in the CSV readers, money and quoting the comparisons are the logic fuzzed.
FUZZ_NOCMP     := extract spaced
FUZZ_NOCMP_OBJ := $(FUZZ_OBJ:$(FUZZ_BUILD)/%=$(FUZZ_BUILD)/nocmp/%)
FUZZ_NOCMP_LIB := $(FUZZ_BUILD)/nocmp/libbudgetkit-fuzz.a
.SECONDARY: $(FUZZ_NOCMP_OBJ)

$(FUZZ_BUILD)/nocmp/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp \
	    -c $< -o $@

$(FUZZ_NOCMP_LIB): $(FUZZ_NOCMP_OBJ)
	rm -f $@
	ar rcs $@ $^

$(FUZZ_NOCMP:%=$(FUZZ_BUILD)/fuzz_%): $(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_NOCMP_LIB)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -fno-sanitize-coverage=trace-cmp -o $@ $< \
	    $(FUZZ_NOCMP_LIB) $(LDLIBS)

fuzz-build: fuzz-deps $(FUZZ_ALL:%=$(FUZZ_BUILD)/fuzz_%)

# Each run reads the committed seeds and writes what it discovers to build-fuzz/corpus/NAME;
# tests/fuzz/run.sh prints one summary line per harness. A crash stops that harness, keeps the
# input as build-fuzz/crash-NAME-* and fails the target after every harness has run.
fuzz: fuzz-build
	@failed=0; \
	for h in $(FUZZ); do \
	    FUZZ_BUILD=$(FUZZ_BUILD) tests/fuzz/run.sh $$h $(FUZZ_SECONDS) || failed=1; \
	done; \
	exit $$failed

# The campaign: each harness for FUZZ_LONG_SECONDS, or FUZZ_LONG_SECONDS_NAME when given
# (make fuzz-long FUZZ_LONG_SECONDS=600 FUZZ_LONG_SECONDS_extract=1800), one after the other so
# that one core is enough. Fails when any harness crashed.
FUZZ_LONG_SECONDS ?= 600
fuzz-long: fuzz-build
	@failed=0; \
	for hs in $(foreach h,$(FUZZ),$(h):$(or $(FUZZ_LONG_SECONDS_$(h)),$(FUZZ_LONG_SECONDS))); do \
	    FUZZ_BUILD=$(FUZZ_BUILD) tests/fuzz/run.sh $${hs%%:*} $${hs#*:} || failed=1; \
	done; \
	[ $$failed -eq 0 ] || { echo "fuzz-long: a harness crashed (inputs in $(FUZZ_BUILD)/)"; exit 1; }

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
