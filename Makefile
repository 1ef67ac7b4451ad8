# budgetkit — see README.md.
#   make            build libbudgetkit.a and the budgetkit command
#   make test       unit tests (cmocka) and end-to-end tests of the command line
#   make report     the main job: the briefing (out/index.html, charts) of the bundled datasets
#   make asan       the whole test suite under AddressSanitizer + UBSan
#   make tsan       the end-to-end tests under ThreadSanitizer (the loader's, the index's and
#                   the report's threads)
#   make valgrind   the end-to-end tests under valgrind
#   make mutants    the mutation check (tests/mutants/catalogue.txt); MUTANTS=id,id for a subset
# Missing Debian packages are installed first (as root) or named with the install line.

CC      ?= cc
CSTD    := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 -Wvla
OPT     ?= -O2 -g
CFLAGS  ?=
BUILD   ?= build
DATADIR := $(CURDIR)/datasets
GSL_CFLAGS := $(shell pkg-config --cflags gsl 2>/dev/null)
GSL_LIBS   := $(shell pkg-config --libs gsl 2>/dev/null || echo -lgsl -lgslcblas -lm)
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(GSL_CFLAGS) -DBK_DEFAULT_DATA='"$(DATADIR)"' $(CFLAGS)
ZIP_LIBS   := $(shell pkg-config --libs minizip zlib 2>/dev/null || echo -lminizip -lz)
LDLIBS  := -lcsv -lnettle -pthread $(ZIP_LIBS) $(GSL_LIBS) -lm

DEB_BUILD := build-essential pkg-config libgsl-dev libcsv-dev libcmocka-dev nettle-dev libminizip-dev zlib1g-dev
DEB_RUN   := gnuplot-nox fonts-noto-cjk poppler-utils
DEB_CHECK := valgrind
DEB_TEST  := python3-openpyxl

LIB_SRC := $(wildcard ingest/*.c analytics/*.c plots/*.c)
CLI_SRC := $(filter-out cli/main.c,$(wildcard cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o) $(BUILD)/cli/main.o
LIB     := $(BUILD)/libbudgetkit.a
BIN     := $(BUILD)/budgetkit
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)

.PHONY: all deps test unit e2e report asan tsan alloc-fail valgrind mutants clean datasets install uninstall

all: deps $(BIN)

deps:
	@tools/ensure-deps.sh $(DEB_BUILD) $(DEB_RUN)

$(BUILD)/%.o: %.c $(wildcard */*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/%.c $(LIB) $(CLI_OBJ) tests/testutil.h tests/extractutil.h tests/loadcompare.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-unused-parameter -o $@ $< $(filter-out $(BUILD)/cli/main.o,$(CLI_OBJ)) $(LIB) $(LDLIBS) -lcmocka

unit: all $(TEST_BIN)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done

e2e: all
	@tools/ensure-deps.sh $(DEB_TEST)
	@BUDGETKIT=$(CURDIR)/$(BIN) SEEDS=$(CURDIR)/../shared/seeds DOCUMENTS=$(CURDIR)/../shared/documents sh tests/e2e.sh

test: unit e2e
	@echo "make test: all suites passed"

# datasets/items and datasets/disclosures regenerated from the seed documents by `extract`
# (datasets/transcribed holds the records the extractor does not read yet — none of the
# disclosure rows: those come from the documents; see docs/EXTRACT.md).
SEEDS ?= $(CURDIR)/../shared/seeds
datasets: all
	tools/make-datasets.sh $(BIN) $(SEEDS) datasets

report: all
	$(BIN) report -o out datasets
	@echo "open out/index.html (or read out/report.md)"

ASAN_OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

asan:
	$(MAKE) BUILD=build-asan OPT="$(ASAN_OPT)" test

# A race is an error, not a report: the run stops at the first (exit status 66). Address
# randomisation is turned off for the run where it may be (setarch -R): ThreadSanitizer's
# shadow memory cannot map beside the wide randomisation of recent kernels. The unit tests of
# what runs in threads run first.
TSAN_UNITS := test_threads test_chunks test_resultsink test_completeness test_reconcile test_pagewriter
tsan:
	$(MAKE) BUILD=build-tsan OPT="-O1 -g -fsanitize=thread" build-tsan/budgetkit $(TSAN_UNITS:%=build-tsan/tests/%)
	@norand=; if setarch "$$(uname -m)" -R true 2>/dev/null; then norand="setarch $$(uname -m) -R"; fi; \
	for t in $(TSAN_UNITS); do echo "== build-tsan/tests/$$t"; \
	  TSAN_OPTIONS="halt_on_error=1 exitcode=66" $$norand build-tsan/tests/$$t || exit 1; done; \
	BUDGETKIT=$(CURDIR)/build-tsan/budgetkit TSAN_OPTIONS="halt_on_error=1 exitcode=66" SEEDS=$(CURDIR)/../shared/seeds DOCUMENTS=$(CURDIR)/../shared/documents $$norand sh tests/e2e.sh

# Every allocation of loading and analysing the datasets, extracting a document and writing a
# briefing failed in turn, under AddressSanitizer (tests/test_allocfail.c; make test fails
# every 16th of the briefing's only).
alloc-fail:
	$(MAKE) BUILD=build-asan OPT="$(ASAN_OPT)" build-asan/tests/test_allocfail
	BK_ALLOC_STRIDE=1 build-asan/tests/test_allocfail

valgrind: all
	@tools/ensure-deps.sh $(DEB_CHECK)
	@BUDGETKIT=$(CURDIR)/$(BIN) VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible" SEEDS=$(CURDIR)/../shared/seeds DOCUMENTS=$(CURDIR)/../shared/documents sh tests/e2e.sh

# Each mutant of tests/mutants/catalogue.txt built and tested in a copy of the tree
# (build/mutants); not part of `make test`, since it runs the suite once per mutant.
MUTANTS ?=
mutants:
	nice -n 5 tools/mutants.sh $(MUTANTS)

# make install PREFIX=/usr/local DESTDIR=: the command, the library and its headers, and the
# bundled datasets (share/budgetkit/datasets), which the installed command finds beside itself.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL_HEADERS := $(wildcard ingest/*.h analytics/*.h plots/*.h)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib \
		$(DESTDIR)$(PREFIX)/include/budgetkit/ingest $(DESTDIR)$(PREFIX)/include/budgetkit/analytics \
		$(DESTDIR)$(PREFIX)/include/budgetkit/plots $(DESTDIR)$(PREFIX)/share/budgetkit
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/budgetkit
	install -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libbudgetkit.a
	for h in $(INSTALL_HEADERS); do install -m 644 $$h $(DESTDIR)$(PREFIX)/include/budgetkit/$$h; done
	rm -rf $(DESTDIR)$(PREFIX)/share/budgetkit/datasets
	cp -R datasets $(DESTDIR)$(PREFIX)/share/budgetkit/datasets

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/budgetkit $(DESTDIR)$(PREFIX)/lib/libbudgetkit.a
	rm -rf $(DESTDIR)$(PREFIX)/include/budgetkit $(DESTDIR)$(PREFIX)/share/budgetkit

clean:
	rm -rf build build-asan out

# Optional pieces kept beside what they build: the benchmark (make bench) and the fuzzers (make fuzz).
-include bench/bench.mk tests/fuzz/fuzz.mk
