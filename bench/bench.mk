# bench/bench.mk — `make bench`: budgetkit's streaming `shares` verb against pandas, R
# data.table, Miller and DuckDB on the synthetic national panel (bench/README.md).
# Included by the Makefile; never part of `make test`.
#   make bench                   1M and 10M rows (generated into bench/data/ when missing)
#   make bench ROWS=1000000      one size only (quick)
#   make bench BENCH_RUNS=3      timed runs per command (after one warm-up run)

ROWS       ?= 1000000 10000000
BENCH_RUNS ?= 5
BENCH_DEB  := python3-pandas r-cran-data.table miller time
BENCH_GEN  := $(BUILD)/bench/gen
BENCH_LOAD := $(BUILD)/bench/loadtime

.PHONY: bench bench-deps

$(BENCH_GEN): bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

$(BENCH_LOAD): bench/loadtime.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

bench-deps:
	@tools/ensure-deps.sh $(BENCH_DEB)
	@command -v node >/dev/null 2>&1 || tools/ensure-deps.sh nodejs
	@command -v npm >/dev/null 2>&1 || tools/ensure-deps.sh npm
	@test -f bench/node_modules/@duckdb/node-api/package.json || \
		(cd bench && npm ci --no-audit --no-fund --loglevel=error)

bench: all bench-deps $(BENCH_GEN) $(BENCH_LOAD)
	/usr/bin/python3 bench/run.py --budgetkit $(BIN) --gen $(BENCH_GEN) --loadtime $(BENCH_LOAD) \
		--runs $(BENCH_RUNS) $(ROWS)
