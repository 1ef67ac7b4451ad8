# tests/e2e/5-cli.sh — the command line: hints, formula cells, make install, and the other suites.
# Sourced by tests/e2e.sh, whose helpers (run, has, hasnt, skip, ok, bad) and $TMP it uses;
# the parts run in order and later ones read what earlier ones wrote into $TMP.

# ---- helpful at the command line ----
# a --unit or --city that matches nothing: exit 2, naming the closest values
run "--unit with a typo" 2 summary --unit datong-sasacc datasets
has "--unit: the closest named" "$TMP/err" "budgetkit summary: --unit 'datong-sasacc' matches nothing in the data; closest: datong-sasac,"
run "--city without 市" 2 yoy --city 廊坊 datasets
has "--city: the closest named" "$TMP/err" "budgetkit yoy: --city '廊坊' matches nothing in the data; closest: 廊坊市"
# a disclosure document given to a table verb: pointed to extract and ingest
printf '某某局2024年部门预算\n' >"$TMP/doc.txt"
run "a document given to summary" 1 summary "$TMP/doc.txt"
has "a document: what to do" "$TMP/err" "$TMP/doc.txt: error: a disclosure document, not a data file: read it first with \`budgetkit extract $TMP/doc.txt -o items.csv\`, or a folder of them with \`budgetkit ingest DIR -o DATASET\`"
# yoy: the headline figures unless lines are asked for
run "yoy by default" 0 yoy "$TMP/ingest-ds"
hasnt "yoy by default: no table lines" "$TMP/out" ",line,"
run "yoy --what all" 0 yoy --what all "$TMP/ingest-ds"
has "yoy --what all: table lines" "$TMP/out" ",line,"
# CSV: a text cell a spreadsheet would run as a formula is marked as text; numbers are not
mkdir -p "$TMP/formula"
cat >"$TMP/formula/units.csv" <<'CSV'
id,name,unit_code,city,county,level,kind
u1,=HYPERLINK(1),,廊坊市,,city,x
CSV
cat >"$TMP/formula/items.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
u1,2024,budget,expenditure,total,合计,total,-5.00,a.txt:1
CSV
run "formula cells" 0 summary "$TMP/formula"
has "formula cells: marked as text" "$TMP/out" "u1,'=HYPERLINK(1),廊坊市,2024,budget,-5.00,"

# ---- make install: the installed command finds its datasets from any directory ----
build_dir=$(dirname "$BUDGETKIT")
if make -s install BUILD="$build_dir" DESTDIR="$TMP/stage" PREFIX=/usr/local >"$TMP/install.log" 2>&1; then ok; else
    bad "make install"; tail -5 "$TMP/install.log" >&2; fi
for f in bin/budgetkit lib/libbudgetkit.a include/budgetkit/ingest/model.h share/budgetkit/datasets/units.csv; do
    if [ -e "$TMP/stage/usr/local/$f" ]; then ok; else bad "make install: $f missing"; fi
done
if (cd / && ${VALGRIND:-} "$TMP/stage/usr/local/bin/budgetkit" report -o "$TMP/installed-brief" >/dev/null 2>"$TMP/err"); then ok; else
    bad "installed budgetkit report from /"; sed 's/^/  | /' "$TMP/err" >&2; fi
has "installed report: the bundled datasets" "$TMP/installed-brief/report.md" "大同市人民政府国有资产监督管理委员会"
make -s uninstall DESTDIR="$TMP/stage" PREFIX=/usr/local >/dev/null 2>&1
if [ -z "$(find "$TMP/stage" -type f)" ]; then ok; else bad "make uninstall left files"; fi

# ---- charts of many units draw the largest and say so (tests/manyunits.sh) ----
if BUDGETKIT="$BUDGETKIT" VALGRIND="${VALGRIND:-}" sh tests/manyunits.sh; then ok; else bad "charts of many units (tests/manyunits.sh)"; fi

# ---- datasets worked by hand: shares with a carry-over, rounding once (tests/handworked.sh) ----
if BUDGETKIT="$BUDGETKIT" VALGRIND="${VALGRIND:-}" sh tests/handworked.sh; then ok; else bad "datasets worked by hand (tests/handworked.sh)"; fi

# ---- the bad-input catalogue (tests/bad/README.md), under VALGRIND too when set ----
if BUDGETKIT="$BUDGETKIT" VALGRIND="${VALGRIND:-}" sh tests/bad.sh; then ok; else bad "bad-input catalogue (tests/bad.sh)"; fi
