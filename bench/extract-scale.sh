#!/bin/sh
# bench/extract-scale.sh — how `budgetkit extract` scales with the length of a document.
#
# Usage: bench/extract-scale.sh [BUDGETKIT]        (default build/budgetkit; `make bench-extract`)
#   SIZES="50000 100000 200000"   target lengths in lines
#   KINDS="copies copies-one table-spaced table-tab table-cells narrative"
#   DOCS=../shared/documents SEEDS=../shared/seeds   where the real disclosures are
#   BENCH_TIMEOUT=300             seconds before a run is given up (reported as a timeout)
#   KEEP=1                        keep the generated documents (their directory is printed)
#
# The documents are made from real disclosure texts, so that every table and sentence is one
# the extractor meets in practice, only more of them:
#   copies         whole documents one after another, round-robin, until the size is reached
#                  (many tables, many narrative figures: work that grows with the records)
#   copies-one     one document (a pdftotext -layout budget with a long 情况说明) over and over
#   table-spaced   one pdftotext -layout document whose tables' body rows are repeated, so each
#                  table is thousands of rows long
#   table-tab      the same for a document of tab-separated rows
#   table-cells    the same for a Word export (one cell per line, rows between blank lines)
#   narrative      one document whose narrative sentences are repeated: one long 情况说明
# Each is run once under /usr/bin/time -v. Printed: lines, seconds, max RSS and, per kind, the
# ratio of the time at the largest size to the time at half of it (linear: about 2).
# The documents are written to a temporary directory, removed afterwards.
set -eu

BIN=${1:-build/budgetkit}
SIZES=${SIZES:-50000 100000 200000}
KINDS=${KINDS:-copies copies-one table-spaced table-tab table-cells narrative}
DOCS=${DOCS:-../shared/documents}
SEEDS=${SEEDS:-../shared/seeds}
BENCH_TIMEOUT=${BENCH_TIMEOUT:-300}

[ -x "$BIN" ] || { echo "extract-scale: $BIN is not built (make)" >&2; exit 2; }
if ! /usr/bin/time -v true >/dev/null 2>&1; then
    tools/ensure-deps.sh time || exit 2
fi

# the real texts: every document and every seed (the seeds' subdirectories too)
SOURCES=$( { ls "$DOCS"/*.txt; find "$SEEDS" -name '*.txt'; } 2>/dev/null | sort)
[ -n "$SOURCES" ] || { echo "extract-scale: no .txt under $DOCS or $SEEDS" >&2; exit 2; }
SPACED_DOC=$DOCS/shanghai_putuo_wanli_street_2023_dept_budget.txt
TAB_DOC=$SEEDS/datong_sasac_2023_budget.txt
CELLS_DOC=$SEEDS/langfang_dachang_hitech_zone_2024_budget.txt
NARRATIVE_DOC=$DOCS/shanghai_putuo_wanli_street_2024_dept_budget.txt

TMP=$(mktemp -d "${TMPDIR:-/tmp}/extract-scale.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then
    echo "documents kept in $TMP" >&2
else
    trap 'rm -rf "$TMP"' EXIT INT TERM
fi

# copies N OUT [DOC]: whole documents round-robin (or DOC alone) until OUT has at least N lines,
# cut at N.
copies() {
    n=0
    : >"$2.tmp"
    while [ "$n" -lt "$1" ]; do
        for f in ${3:-$SOURCES}; do
            cat "$f" >>"$2.tmp"
            printf '\n' >>"$2.tmp"
        done
        n=$(wc -l <"$2.tmp")
    done
    head -n "$1" "$2.tmp" >"$2"
    rm -f "$2.tmp"
}

# repeat_rows LAYOUT R DOC: DOC with every table body row printed R times.
#   spaced: a line opening with a 类 code and holding a figure ("201   05   06   名称   26,300")
#   tab:    a line opening with a code and a tab ("2080501<TAB>名称<TAB>152.52 ...")
#   cells:  a block of tab-indented lines (one row) whose second cell is a code
repeat_rows() {
    awk -v layout="$1" -v r="$2" '
    function flush(   k, i) {
        if (nb == 0) return
        for (k = 0; k < (keep ? r : 1); k++) {
            for (i = 1; i <= nb; i++) print block[i]
            if (k + 1 < (keep ? r : 1)) print ""
        }
        nb = 0
    }
    layout == "spaced" {
        if ($0 ~ /^[0-9][0-9][0-9]( |$)/ && $0 ~ /[0-9][,.][0-9]/) {
            for (k = 1; k < r; k++) { print; print "" }
        }
        print
        next
    }
    layout == "tab" {
        if ($0 ~ /^[0-9][0-9][0-9]+\t/) for (k = 1; k < r; k++) print
        print
        next
    }
    layout == "cells" {
        if ($0 ~ /^\t/) {
            block[++nb] = $0
            if (nb == 2) keep = ($0 ~ /^\t[0-9][0-9][0-9]+$/)
            next
        }
        flush()
        keep = 0
        print
    }
    END { flush() }' "$3"
}

# narrative R DOC: DOC with every line of its 情况说明 that states an amount printed R times.
narrative() {
    awk -v r="$1" '
    $0 !~ /^\t/ && $0 ~ /元/ && $0 ~ /。/ { for (k = 1; k < r; k++) print }
    { print }' "$2"
}

# grow KIND N OUT: the document of KIND with about N lines (repetitions chosen to reach N).
grow() {
    case $1 in
    copies) copies "$2" "$3"; return ;;
    copies-one) copies "$2" "$3" "$NARRATIVE_DOC"; return ;;
    table-spaced) how="repeat_rows spaced"; src=$SPACED_DOC ;;
    table-tab) how="repeat_rows tab"; src=$TAB_DOC ;;
    table-cells) how="repeat_rows cells"; src=$CELLS_DOC ;;
    narrative) how=narrative; src=$NARRATIVE_DOC ;;
    *) echo "extract-scale: unknown kind $1" >&2; exit 2 ;;
    esac
    base=$(wc -l <"$src")
    $how 2 "$src" >"$3"
    per=$(( $(wc -l <"$3") - base ))      # lines one more repetition adds
    [ "$per" -gt 0 ] || { echo "extract-scale: $1: nothing to repeat in $src" >&2; exit 2; }
    reps=$(( ($2 - base + per - 1) / per + 1 ))
    [ "$reps" -ge 1 ] || reps=1
    $how "$reps" "$src" >"$3"
}

printf '%-13s %8s %8s %9s %9s  %s\n' kind target lines seconds "RSS MB" exit
for kind in $KINDS; do
    prev_t=""
    prev_size=""
    for size in $SIZES; do
        doc=$TMP/$kind-$size.txt
        grow "$kind" "$size" "$doc"
        lines=$(wc -l <"$doc")
        set +e
        timeout "$BENCH_TIMEOUT" /usr/bin/time -v "$BIN" extract "$doc" --unit u \
            -o "$TMP/out.csv" >/dev/null 2>"$TMP/time.txt"
        rc=$?
        set -e
        if [ "$rc" -eq 124 ]; then
            printf '%-13s %8s %8s %9s %9s  %s\n' "$kind" "$size" "$lines" ">$BENCH_TIMEOUT" - timeout
            prev_t=""
            continue
        fi
        # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:39.12"
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {
                   n = split($NF, p, ":"); s = 0
                   for (i = 1; i <= n; i++) s = s * 60 + p[i]
                   printf "%.2f", s }' "$TMP/time.txt")
        rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $NF / 1024 }' "$TMP/time.txt")
        printf '%-13s %8s %8s %9s %9s  %s\n' "$kind" "$size" "$lines" "$secs" "$rss" "$rc"
        if [ -n "$prev_t" ] && [ "$size" -eq $((prev_size * 2)) ]; then
            awk -v a="$prev_t" -v b="$secs" -v k="$kind" -v s="$size" -v p="$prev_size" 'BEGIN {
                if (a > 0) printf "%-13s ratio %s/%s lines: %.2f (linear: about 2)\n", k, s, p, b / a
                else printf "%-13s ratio %s/%s lines: (too fast to time)\n", k, s, p }'
        fi
        prev_t=$secs
        prev_size=$size
    done
done
