#!/bin/sh
# Datasets worked by hand (tests/fixtures/carryover): every expected figure below is derived
# in the comment above it from the fixture's own figures, never taken from the program.
# Environment: BUDGETKIT (the binary), VALGRIND (optional command prefix); run from the
# repository root. E2E_STOP=1 stops at the first failure (tools/mutants.sh).
#
# The fixture's units:
#   u-carry 2024 budget: 收入总计 1000.00 = 本年收入合计 900.00 (一般公共预算 800.00 + 单位资金
#     100.00) + 上年结转 100.00; 支出总计 1000.00 = 本年支出 900.00 + 年终结转 100.00. The
#     narrative states each source's share of 收入总计, as a budget does. 基本支出 100.00 =
#     人员经费 80.00 + 公用经费 20.00.
#   u-carry 2023 final: 收入总计 550.00 = 本年收入合计 500.00 (一般公共预算 450.00 + 其他收入
#     50.00) + 年初结转和结余 50.00. The narrative states 一般公共预算 as 90.00 % -- of 本年收入
#     合计, as a final account does (docs/VALIDATION.md, "Final accounts"): 450 / 500 = 90 %.
#   u-tie 2023 budget: 政府性基金 200.00; 2024 budget: 一般公共预算 24.689999 + 政府性基金
#     175.310001 = 收入总计 200.00.
set -u
BK="${VALGRIND:-} ${BUDGETKIT:?set BUDGETKIT to the budgetkit binary}"
FIX=tests/fixtures/carryover
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: handworked: $*" >&2; [ "${E2E_STOP:-}" != 1 ] || exit 1; }
# has_line LINE VERB... : LINE must be a line of what budgetkit VERB... prints on stdout
has_line() {
    want=$1; shift
    # shellcheck disable=SC2086
    $BK "$@" "$FIX" >"$TMP/out" 2>"$TMP/err" || { bad "$* exit $?"; return; }
    if grep -qxF -- "$want" "$TMP/out"; then ok; else bad "$*: no line '$want'"; fi
}

# Shares of funds are of 收入总计, carry-over included: 800 / 1000 = 80.00 %, 100 / 1000 =
# 10.00 % for 单位资金 and for 上年结转 (of 本年收入合计 they would be 88.89 and 11.11).
has_line "u-carry,2024,budget,fund,gpb,一般公共预算,800.00,80.00,收入总计,1000.00,carryover.txt:5" ratios --by fund
has_line "u-carry,2024,budget,fund,unit_funds,单位资金,100.00,10.00,收入总计,1000.00,carryover.txt:6" ratios --by fund
has_line "u-carry,2024,budget,fund,carryover_in,上年结转,100.00,10.00,收入总计,1000.00,carryover.txt:8" ratios --by fund
# and of the final account's 收入总计 550.00: 450 / 550 = 81.8181… → 81.82, 50 / 550 = 9.0909… → 9.09
has_line "u-carry,2023,final,fund,gpb,一般公共预算,450.00,81.82,收入总计,550.00,carryover-final.txt:5" ratios --by fund
has_line "u-carry,2023,final,fund,carryover_in,上年结转,50.00,9.09,收入总计,550.00,carryover-final.txt:8" ratios --by fund

# Personnel and public expenditure are shares of 基本支出: 80 / 100 = 80.00 %, 20 / 100 = 20.00 %
# (of 支出总计 1000.00 they would be 8.00 and 2.00).
has_line "u-carry,2024,budget,personnel-public,personnel,人员经费,80.00,80.00,基本支出合计,100.00,carryover.txt:30" ratios --by personnel-public
has_line "u-carry,2024,budget,personnel-public,public,公用经费,20.00,20.00,基本支出合计,100.00,carryover.txt:30" ratios --by personnel-public

# Rounded once from the exact quotient: 24.689999 / 200 = 12.3449995 % → 12.34 (rounding to six
# decimals first, 12.345000, and then to two would give 12.35); 175.310001 / 200 = 87.6550005 %
# → 87.66. The change of 政府性基金 from 200.00 to 175.310001 is −24.689999, −12.3449995 % → −12.34.
has_line "u-tie,2024,budget,fund,gpb,一般公共预算,24.689999,12.34,收入总计,200.00,tie-2024.txt:5" ratios --by fund
has_line "u-tie,2024,budget,fund,gf,政府性基金预算,175.310001,87.66,收入总计,200.00,tie-2024.txt:6" ratios --by fund
has_line "u-tie,2024,budget,2023,headline,summary,gf,政府性基金预算,200.00,175.310001,-24.689999,-12.34,changed,,,tie-2023.txt:5,tie-2024.txt:6" yoy

# Every stated share holds against its own whole: the budget's 80.00 / 10.00 / 10.00 of 收入
# 总计 and the final account's 90.00 of 本年收入合计; every sum adds up. So validate finds
# nothing at all (checked against the wrong whole, 800 / 900 = 88.89 and 450 / 550 = 81.82
# would be inconsistencies).
has_line "severity,rule,unit,year,stage,what,stated,computed,difference,stated_source,computed_sources,origin" validate --format csv
if [ "$(wc -l <"$TMP/out")" -eq 1 ] && grep -qF "0 errors, 0 inconsistencies, 0 rounding notes" "$TMP/err"; then ok; else
    bad "validate: findings on a dataset that adds up"; sed 's/^/  | /' "$TMP/out" >&2; fi

# Whose a finding is (tests/fixtures/origins). o-read's 支出总表 does not add up in itself: 合计
# 100.00 against 201 50.00 + 205 40.00 = 90.00, so a finding that draws on that table may be a
# misreading ("reading"); its 收支总表 本年支出合计 90.00 against that 合计 100.00 is one.
# o-pub's 支出总表 adds up (50.00 + 40.00 = 90.00 = 合计), so its 本年支出合计 95.00 against
# 90.00 is the publisher's own slip ("publisher").
FIX=tests/fixtures/origins
has_line "inconsistency,cross-table,o-read,2023,budget,summary expenditure_current total = expenditure total total,90.00,100.00,-10.00,o-read.txt:3,o-read.txt:10,reading" validate --format csv
has_line "inconsistency,cross-table,o-pub,2023,budget,summary expenditure_current total = expenditure total total,95.00,90.00,5.00,o-pub.txt:3,o-pub.txt:10,publisher" validate --format csv
has_line "inconsistency,hierarchy,o-read,2023,budget,expenditure 合计: total = sum of the top-level codes,100.00,90.00,10.00,o-read.txt:10,o-read.txt:11; o-read.txt:12,reading" validate --format csv

echo "handworked: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
