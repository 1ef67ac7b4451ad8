#!/bin/sh
# Charts of many units (plots/figures.c FIGURE_MAX_UNITS, plots/figexec.c EXEC_MAX_UNIT_YEARS):
# a national panel has 10⁴ units, and a chart draws only the largest, saying how many of how
# many. The fixture is made here: units m01..m45 with a 2023 budget whose 支出合计 is 100 × the
# unit's number (m01 100.00, m45 4500.00), so the 40 largest are m06..m45 and m05 is the
# largest left out; m01..m10 also have a 2023 final account of 支出合计 10 × the number, so the
# 8 largest final accounts are m03..m10. m45 has a 2022 budget of 4000.00 too, so its change is
# +500.00 (+12.50 %), and its trend line runs 4000.00 → 4500.00.
# Environment: BUDGETKIT (the binary), VALGRIND (optional command prefix); run from the
# repository root. E2E_STOP=1 stops at the first failure (tools/mutants.sh).
set -u
BK="${VALGRIND:-} ${BUDGETKIT:?set BUDGETKIT to the budgetkit binary}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: manyunits: $*" >&2; [ "${E2E_STOP:-}" != 1 ] || exit 1; }
has() { if grep -qF -- "$2" "$TMP/out"; then ok; else bad "$1: '$2' not in the script"; fi; }
hasnt() { if grep -qF -- "$2" "$TMP/out"; then bad "$1: '$2' unexpectedly in the script"; else ok; fi; }
script() { # script NAME KIND [ARGS...]: the gnuplot script of plot KIND on the fixture
    name=$1; shift
    # shellcheck disable=SC2086
    if $BK plot "$@" --script "$TMP/units.csv" "$TMP/items.csv" >"$TMP/out" 2>"$TMP/err"; then ok; else
        bad "$name: exit $?: $(head -c 300 "$TMP/err")"; fi
}

echo "id,name,unit_code,city,county,level,kind" >"$TMP/units.csv"
echo "unit,year,stage,table,code,name,measure,amount,source" >"$TMP/items.csv"
i=1
while [ "$i" -le 45 ]; do
    u=$(printf 'm%02d' "$i")
    echo "$u,单位$u,$i,测试市,,city,sasac" >>"$TMP/units.csv"
    echo "$u,2023,budget,expenditure,total,合计,total,$((i * 100)).00,$u-2023.txt:10" >>"$TMP/items.csv"
    if [ "$i" -le 10 ]; then
        echo "$u,2023,final,expenditure,total,合计,total,$((i * 10)).00,$u-2023-final.txt:10" >>"$TMP/items.csv"
    fi
    i=$((i + 1))
done
echo "m45,2022,budget,expenditure,total,合计,total,4000.00,m45-2022.txt:10" >>"$TMP/items.csv"

if command -v gnuplot >/dev/null 2>&1; then
    script "compare of 45 units" compare
    has "compare: the cut said" "仅画支出合计最大的 40 个单位，共 45 个"
    has "compare: the largest drawn" "'单位m45'"
    has "compare: the 40th largest drawn" "'单位m06'"
    hasnt "compare: the 41st largest left out" "'单位m05'"
    has "compare: 40 bars" "array L[40] = "
    # the largest bar keeps its own figure (4500.00) after the cut
    has "compare: m45's figure" "'4,500.00']"

    script "structure of 45 units" structure
    has "structure: the cut said" "仅画支出合计最大的 40 个单位，共 45 个"
    hasnt "structure: the 41st largest left out" "单位m05"

    script "yoy of 45 units" yoy
    has "yoy: the cut said" "仅画支出合计最大的 40 个单位，共 45 个"
    has "yoy: m45's change, +12.50 %" "12.5"

    script "three-public of 45 units" three-public
    has "three-public: the cut said" "仅画支出合计最大的 40 个单位，共 45 个"

    script "execution of 10 final accounts" execution
    has "execution: the cut said" "仅画决算支出合计最大的 8 个单位年度，共 10 个"
    has "execution: the largest final account drawn" "单位m10 2023"
    has "execution: the 8th largest drawn" "单位m03 2023"
    hasnt "execution: the 9th largest left out" "单位m02 2023"

    script "trend of 45 units" trend
    has "trend: the lines cut said" "仅画最大的 8 条线，共 45 条"
    # m45's line: 4000 in 2022, 4500 in 2023, in the series of m45
    has "trend: m45 named" "单位m45"
    if grep -qE '^2022 4000( |$)' "$TMP/out" && grep -qE '^2023 4500( |$)' "$TMP/out"; then ok; else
        bad "trend: m45's values not in its line: $(grep -E '^202[23] ' "$TMP/out" | head -3)"; fi
    small=$(printf 'm01,2023,budget,expenditure,total,合计,total,1.00,a:1\n')
    printf 'unit,year,stage,table,code,name,measure,amount,source\n%s\n' "$small" >"$TMP/one.csv"
    if $BK plot compare --script "$TMP/units.csv" "$TMP/one.csv" >"$TMP/out" 2>"$TMP/err"; then ok; else bad "compare of one unit: exit $?"; fi
    hasnt "compare of one unit: no cut said" "仅画"
else
    bad "gnuplot missing: charts of many units not checked (apt-get install gnuplot-nox)"
fi

# Tables longer than a batch (analytics/result.h BK_RESULT_BATCH, 4096 rows) are printed while
# they are made: 200 units with budgets of 2021 and 2022 give completeness 200 × 2 × 13 = 5,200
# rows, so the first 4,096 are printed before the rest are made. The filter and the JSON commas
# must hold across that cut: --year 2022 keeps 200 × 13 = 2,600 rows, the same rows the whole
# table has for 2022 (its year, the 3rd field, is never quoted).
echo "unit,year,stage,table,code,name,measure,amount,source" >"$TMP/long.csv"
i=1
while [ "$i" -le 200 ]; do
    for y in 2021 2022; do
        echo "L$i,$y,budget,expenditure,total,合计,total,$i.00,L$i-$y.txt:10" >>"$TMP/long.csv"
    done
    i=$((i + 1))
done
if $BK completeness "$TMP/long.csv" >"$TMP/long-all.csv" 2>"$TMP/err" &&
    $BK completeness --year 2022 "$TMP/long.csv" >"$TMP/long-2022.csv" 2>>"$TMP/err" &&
    $BK completeness --format json "$TMP/long.csv" >"$TMP/long.json" 2>>"$TMP/err"; then ok; else
    bad "completeness of 400 unit-years: exit $?: $(head -c 300 "$TMP/err")"; fi
n=$(wc -l <"$TMP/long-all.csv")
if [ "$n" -eq 5201 ]; then ok; else bad "completeness of 400 unit-years: $n lines, not 5,201"; fi
awk -F, 'NR == 1 || $3 == 2022' "$TMP/long-all.csv" >"$TMP/long-2022-expected.csv"
if cmp -s "$TMP/long-2022.csv" "$TMP/long-2022-expected.csv" &&
    [ "$(wc -l <"$TMP/long-2022.csv")" -eq 2601 ]; then ok; else
    bad "completeness --year 2022: not the 2,600 rows of 2022 the whole table has"; fi
if python3 -c 'import json, sys; rows = json.load(open(sys.argv[1])); sys.exit(len(rows) != 5200)' \
    "$TMP/long.json"; then ok; else bad "completeness --format json of 5,200 rows: not 5,200 objects"; fi

echo "manyunits: $pass passed, $fail failed" >&2
[ "$fail" -eq 0 ]
