#!/bin/sh
# bench/partition.sh — `make bench-partition`: `budgetkit partition` on the synthetic panel and
# the SQL of sql/ in DuckDB on its partitions (docs/SCALE.md). Never part of `make test`.
#   sh bench/partition.sh BUDGETKIT GEN ROWS...
# Per size: the panel (bench/data/panel-ROWS.csv, made by GEN when missing) and its units file
# (each unit's city is its id's prefix, as in bench/README.md); `budgetkit partition` timed
# under /usr/bin/time; sql/shares.sql in DuckDB (2 threads) timed and compared byte for byte
# with `budgetkit shares` on the panel; sql/summary.sql timed, and compared with
# `budgetkit summary` up to 1M rows (the loader holds every row: 10M rows need some 2 GB).
set -eu
BK=$1; GEN=$2; shift 2
HERE=$(cd "$(dirname "$0")" && pwd)
DATA=$HERE/data
OUT=$(mktemp -d "$DATA/.partition-bench.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$DATA"
timed() { # timed LABEL CMD... : wall seconds and peak RSS of CMD (stdout to $OUT/stdout)
    label=$1; shift
    /usr/bin/time -f "%e %M" -o "$OUT/time" "$@" >"$OUT/stdout" 2>"$OUT/stderr" ||
        { echo "$label failed:" >&2; cat "$OUT/stderr" >&2; exit 1; }
    read -r secs kib <"$OUT/time"
    printf '%-28s %8s s %8s MiB\n' "$label" "$secs" "$((kib / 1024))"
}
for rows in "$@"; do
    panel=$DATA/panel-$rows.csv units=$DATA/units-$rows.csv
    [ -f "$panel" ] || "$GEN" "$rows" >"$panel"
    if [ ! -f "$units" ]; then
        { echo id,name,unit_code,city,county,level,kind
          tail -n +2 "$panel" | cut -d, -f1 | uniq | awk -F- '{ print $0 "," $0 ",," $1 ",,city,department" }'
        } >"$units"
    fi
    echo "== $rows rows ($(du -m "$panel" | cut -f1) MiB, $(($(wc -l <"$units") - 1)) units)"
    timed "budgetkit partition" "$BK" partition "$panel" "$units" -o "$OUT/parts"
    echo "   $(tail -n 2 "$OUT/stderr" | tr '\n' ' ')"
    echo "   $(du -sm "$OUT/parts" | cut -f1) MiB in $(($(wc -l <"$OUT/parts/partitions.csv") - 1)) partitions"
    timed "budgetkit shares 2 threads" "$BK" shares --threads 2 "$panel"
    cp "$OUT/stdout" "$OUT/shares-bk.csv"
    timed "duckdb shares.sql 2 thr." node "$HERE/../sql/run.js" "$HERE/../sql/shares.sql" "$OUT/parts" 2
    if cmp -s "$OUT/stdout" "$OUT/shares-bk.csv"; then echo "   identical to budgetkit shares"; else
        echo "   DIFFERS from budgetkit shares" >&2; exit 1; fi
    timed "duckdb summary.sql 2 thr." node "$HERE/../sql/run.js" "$HERE/../sql/summary.sql" "$OUT/parts" 2
    cp "$OUT/stdout" "$OUT/summary-sql.csv"
    if [ "$rows" -le 1000000 ]; then
        timed "budgetkit summary" "$BK" summary "$panel" "$units"
        if cmp -s "$OUT/stdout" "$OUT/summary-sql.csv"; then echo "   identical to budgetkit summary"; else
            echo "   DIFFERS from budgetkit summary" >&2; exit 1; fi
    fi
    rm -rf "$OUT/parts"
done
