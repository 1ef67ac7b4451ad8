# bench/bench.mk — `make bench`: budgetkit's streaming `shares` verb against pandas, R
# data.table, Miller and DuckDB on the synthetic national panel (bench/README.md).
# Included by the Makefile; never part of `make test`.
#   make bench                   1M and 10M rows (generated into bench/data/ when missing)
#   make bench ROWS=1000000      one size only (quick)
#   make bench BENCH_RUNS=3      timed runs per command (after one warm-up run)
#   make bench BENCH_ONLY=verbs  only the verbs against DuckDB (or shares: only shares)
#   make bench-extract           `extract` on documents of 50k, 100k and 200k lines (below)

ROWS       ?= 1000000 10000000
BENCH_RUNS ?= 5
BENCH_ONLY ?=
BENCH_DEB  := python3-pandas r-cran-data.table miller time
BENCH_GEN  := $(BUILD)/bench/gen
BENCH_LOAD := $(BUILD)/bench/loadtime
BENCH_FLOOR := $(BUILD)/bench/floor

.PHONY: bench bench-deps

$(BENCH_GEN): bench/gen.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

# the byte-scan floor of the shares bench (bench/floor.c); -O3 so that gcc vectorises its loop
# (at -O2 it compares a byte at a time, which would flatter every reader measured against it)
$(BENCH_FLOOR): bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O3 -pthread -o $@ $<

$(BENCH_LOAD): bench/loadtime.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB) $(LDLIBS)

bench-deps: bench-node
	@tools/ensure-deps.sh $(BENCH_DEB)

# node and the DuckDB node API (bench/package-lock.json), for the DuckDB peer and sql/run.js
.PHONY: bench-node
bench-node:
	@command -v node >/dev/null 2>&1 || tools/ensure-deps.sh nodejs
	@command -v npm >/dev/null 2>&1 || tools/ensure-deps.sh npm
	@test -f bench/node_modules/@duckdb/node-api/package.json || \
		(cd bench && npm ci --no-audit --no-fund --loglevel=error)

bench: all bench-deps $(BENCH_GEN) $(BENCH_LOAD) $(BENCH_FLOOR)
	/usr/bin/python3 bench/run.py --budgetkit $(BIN) --gen $(BENCH_GEN) --loadtime $(BENCH_LOAD) \
		--floor $(BENCH_FLOOR) \
		--runs $(BENCH_RUNS) $(if $(BENCH_ONLY),--only $(BENCH_ONLY)) $(ROWS)

# `make bench-extract`: how `budgetkit extract` scales with a document's length (documents of
# 50k, 100k and 200k lines made from the real disclosures in a temporary directory; see
# bench/extract-scale.sh). EXTRACT_SIZES / EXTRACT_KINDS pick the sizes and kinds.
EXTRACT_SIZES ?= 50000 100000 200000
EXTRACT_KINDS ?= copies copies-one table-spaced table-tab table-cells narrative
.PHONY: bench-extract
bench-extract: all
	@tools/ensure-deps.sh time
	SIZES="$(EXTRACT_SIZES)" KINDS="$(EXTRACT_KINDS)" DOCS=$(CURDIR)/../shared/documents \
		SEEDS=$(SEEDS) sh bench/extract-scale.sh $(BIN)

# `make bench-ingest`: documents per second for `budgetkit ingest`, text and PDF, on 1 and 2
# threads, and the share of its time spent in poppler (bench/ingest-throughput.sh).
INGEST_COUNT ?= 100
.PHONY: bench-ingest
bench-ingest: all
	@tools/ensure-deps.sh time
	COUNT=$(INGEST_COUNT) DOCS=$(CURDIR)/../shared/documents sh bench/ingest-throughput.sh $(BIN)

# `make bench-partition`: `budgetkit partition` on the panel and sql/shares.sql, sql/summary.sql
# in DuckDB (2 threads) on its partitions, each checked byte for byte against budgetkit
# (bench/partition.sh; docs/SCALE.md). PARTITION_ROWS picks the sizes.
PARTITION_ROWS ?= 1000000 10000000
.PHONY: bench-partition
bench-partition: all bench-node $(BENCH_GEN)
	@tools/ensure-deps.sh time
	sh bench/partition.sh $(BIN) $(BENCH_GEN) $(PARTITION_ROWS)
