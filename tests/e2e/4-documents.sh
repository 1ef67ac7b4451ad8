# tests/e2e/4-documents.sh — every kind of standard document, and ingest of a folder of documents.
# Sourced by tests/e2e.sh, whose helpers (run, has, hasnt, skip, ok, bad) and $TMP it uses;
# the parts run in order and later ones read what earlier ones wrote into $TMP.

# ---- every kind of standard document: a final account, a unit budget, two years of a budget ----
# Expected figures are read by hand from the documents (../shared/documents/README.md).
FB="$DOCS_DIR/shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt"
WH="$DOCS_DIR/shanghai_putuo_social_welfare_home_2024_unit_budget.txt"
W24="$DOCS_DIR/shanghai_putuo_wanli_street_2024_dept_budget.txt"
if [ -f "$FB" ] && [ -f "$WH" ] && [ -f "$W24" ]; then
    mkdir -p "$TMP/kinds/items" "$TMP/kinds/disclosures"
    run "extract final account" 0 extract --report -o "$TMP/kinds/items/fb.csv" --disclosures "$TMP/kinds/disclosures/fb.csv" "$FB"
    has "final account: stage and year from its cover" "$TMP/err" "year 2024"
    has "final account: every cell read" "$TMP/err" "tables: 195 numeric cells -> 195 records"
    hasnt "final account: no table unread" "$TMP/err" "unreadable"
    # 收入支出决算总表: 总计 2,995.39 on both sides (line 164), 年初结转和结余 49.14 (line 163)
    has "final account: 总计, revenue side" "$TMP/kinds/items/fb.csv" ",2024,final,summary,revenue_total,总计,total,2995.39,\"shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt:164 (page 7, line 3)\""
    has "final account: 总计, spending side" "$TMP/kinds/items/fb.csv" ",2024,final,summary,expenditure_total,总计,total,2995.39,"
    has "final account: 年初结转和结余" "$TMP/kinds/items/fb.csv" ",2024,final,summary,carryover_in,年初结转和结余,total,49.14,"
    # 一般公共预算财政拨款基本支出决算表, the two column groups: 人员经费合计 2,152.26, 公用经费合计 184.65
    has "final account: 人员经费合计" "$TMP/kinds/items/fb.csv" ",2024,final,gpb_basic,total,人员经费合计,personnel,2152.26,"
    has "final account: 公用经费合计" "$TMP/kinds/items/fb.csv" ",2024,final,gpb_basic,total,公用经费合计,public,184.65,"
    # 财政拨款收入支出决算总表's 一般公共预算财政拨款 column is spent money (决算), not a budget:
    # 预算 in a fund's name says nothing of the stage (201: 2,106.66, line 259)
    has "final account: a fund's column keeps the stage" "$TMP/kinds/items/fb.csv" ",2024,final,fiscal_summary,201,一般公共服务支出,gpb,2106.66,"
    hasnt "final account: no budget figure in the 财政拨款 table" "$TMP/kinds/items/fb.csv" ",2024,budget,fiscal_summary,"
    # 30201 办公费 21.21, printed on a line above its code, right of 30101 基本工资 262.33
    has "final account: figure above its row, right side" "$TMP/kinds/items/fb.csv" ",2024,final,gpb_basic,30201,办公费,total,21.21,"
    # the 三公 table's 预算数 0.95 (合计 and 公务接待费) is the budget of 2024, sourced to the final account
    has "final account: 三公 预算数 is the budget" "$TMP/kinds/items/fb.csv" ",2024,budget,three_public,three_public,合计,total,0.95,\"shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt:491 (page 18, line 13)\""
    # narrative item 1: 年初预算为 1560.05 万元，支出决算为1511.89万元 (lines 577-578)
    has "final account: execution, budget" "$TMP/kinds/items/fb.csv" ",2024,budget,narrative,2010601,行政运行,total,1560.05,"
    has "final account: execution, final" "$TMP/kinds/items/fb.csv" ",2024,final,narrative,2010601,行政运行,total,1511.89,"
    has "final account: rate of execution" "$TMP/kinds/items/fb.csv" ",2024,final,narrative,gpb,一般公共预算财政拨款支出,execution_pct,98.20,"
    # item 4 prints its 决算 449.52 (line 590) before "年初预算为450.52万元，支出决算为" (591); item 6
    # prints "161.62万元，支出决算为160.75万元" (601) inside its heading, before "年初预算为" (603):
    # each pair put back, as the tables agree (支出决算表 2010608 449.52, 2080505 160.75), and said
    has "final account: item 4 budget" "$TMP/kinds/items/fb.csv" ",2024,budget,narrative,2010608,财政委托业务支出,total,450.52,"
    has "final account: item 4 final" "$TMP/kinds/items/fb.csv" ",2024,final,narrative,2010608,财政委托业务支出,total,449.52,\"shanghai_putuo_finance_bureau_2024_dept_final_accounts.txt:590 "
    has "final account: item 6 budget" "$TMP/kinds/items/fb.csv" ",2024,budget,narrative,2080505,机关事业单位基本养老保险缴费支出,total,161.62,"
    has "final account: item 6 final" "$TMP/kinds/items/fb.csv" ",2024,final,narrative,2080505,机关事业单位基本养老保险缴费支出,total,160.75,"
    has "final account: out of order said" "$TMP/err" "final_accounts.txt:591: note: narrative: a figure of '年初预算为 … 支出决算为 …' is printed out of order, on line 590"
    hasnt "final account: every statement read" "$TMP/err" "is not whole here"
    # 截至2024年12月31日，…共有车辆0辆 (line 697)
    has "final account: vehicles held" "$TMP/kinds/items/fb.csv" ",2024,final,narrative,vehicles,车辆,quantity,0.00,"
    has "final account: sections for completeness" "$TMP/kinds/disclosures/fb.csv" ",2024,final,narrative_assets,disclosed,（三）国有资产占有使用情况说明,"
    run "extract unit budget" 0 extract --report -o "$TMP/kinds/items/wh.csv" --disclosures "$TMP/kinds/disclosures/wh.csv" "$WH"
    has "unit budget: every cell read" "$TMP/err" "tables: 185 numeric cells -> 185 records"
    # 收支总表 split into 人员经费 6,540,674 / 公用经费 2,120,950 / 项目支出 2,620,000 (line 92)
    has "unit budget: 人员经费 column" "$TMP/kinds/items/wh.csv" ",2024,budget,summary,208,社会保障和就业支出,personnel,654.0674,"
    has "unit budget: 项目支出 column" "$TMP/kinds/items/wh.csv" ",2024,budget,summary,208,社会保障和就业支出,project,262.00,"
    # the sparse 三公 row 6.4 0 0 6.4 6.4 0: 车 小计 and 运行费 6.40, no 购置费
    has "unit budget: 三公 运行费" "$TMP/kinds/items/wh.csv" ",2024,budget,three_public,vehicle_operation,运行费,total,6.40,"
    hasnt "unit budget: no 三公 购置费" "$TMP/kinds/items/wh.csv" ",three_public,vehicle_purchase,"
    # " 7    11   02   事业单位医疗" under 210 11: 2101102, said
    has "unit budget: damaged 类 read from the 款 above" "$TMP/kinds/items/wh.csv" ",2024,budget,expenditure,2101102,事业单位医疗,total,50.3724,"
    # 共有车辆2辆 (line 365), 2024年单位预算安排购置车辆0辆 (line 368)
    has "unit budget: vehicles held" "$TMP/kinds/items/wh.csv" ",2024,budget,narrative,vehicles,车辆,quantity,2.00,"
    has "unit budget: vehicles to buy" "$TMP/kinds/items/wh.csv" ",2024,budget,narrative,vehicles_purchase,购置车辆,quantity,0.00,"
    has "unit budget: damaged code said" "$TMP/err" "code printed as '7 11 02' read as 2101102"
    run "extract budget with a code that lost a digit" 0 extract --report --unit wanli -o "$TMP/kinds/items/w24.csv" --disclosures "$TMP/kinds/disclosures/w24.csv" "$W24"
    # "301   2     津贴补贴   16,623,810": 30102 by its name, never an amount 0.0002
    has "budget: 30102 from the name" "$TMP/kinds/items/w24.csv" "wanli,2024,budget,gpb_basic,30102,津贴补贴,total,1662.381,"
    has "budget: code repair said" "$TMP/err" "code printed as '301 2' read as 30102"
    if [ -f "$WANLI.txt" ]; then
        run "extract the previous year" 0 extract --unit wanli -o "$TMP/kinds/items/w23.csv" --disclosures "$TMP/kinds/disclosures/w23.csv" "$WANLI.txt"
        # 电费 710,000 printed one column left: filed under 公用经费 by 302's own sum
        has "budget: shifted rows moved by the table's sums" "$TMP/kinds/items/w23.csv" "wanli,2023,budget,gpb_basic,30206,电费,public,71.00,"
        has "budget: the move is said" "$TMP/err" "moved to the next column so that row 302 adds up"
        run "yoy 2023 to 2024" 0 yoy --what headline "$TMP/kinds/items/w23.csv" "$TMP/kinds/items/w24.csv"
        # 15621.1123 - 16497.864 = -876.7517; stated 减少876.75; 三公 47.91 - 22.91 = 25.00
        has "yoy: 支出总计 change and the stated one" "$TMP/out" "wanli,2024,budget,2023,headline,summary,total,支出总计,16497.864,15621.1123,-876.7517,-5.31,changed,-876.75,"
        has "yoy: 三公 +25.00" "$TMP/out" "wanli,2024,budget,2023,headline,three_public,three_public,“三公”经费,22.91,47.91,25.00,"
    fi
    {
        head -n 1 datasets/units.csv
        # the ids extract made from the disclosed names (FNV-1a 64, as for 万里街道 above)
        echo "u35a1a5ec31e7fc51,上海市普陀区财政局,,上海市,普陀区,county,department"
        echo "u2828d2baa8785fab,上海市普陀区社会福利院,,上海市,普陀区,county,unit"
        echo "wanli,上海市普陀区人民政府万里街道办事处,,上海市,普陀区,county,department"
    } >"$TMP/kinds/units.csv"
    # text without column positions (pdftotext -raw): what is read is what the layout text
    # gives, never another figure; a sparse row it cannot place is reported, not guessed
    if command -v pdftotext >/dev/null 2>&1 && [ -f "$DOCS_DIR/shanghai_putuo_wanli_street_2024_dept_budget.pdf" ]; then
        pdftotext -raw "$DOCS_DIR/shanghai_putuo_wanli_street_2024_dept_budget.pdf" "$TMP/w24raw.txt" 2>/dev/null
        $BK extract --report --unit wanli "$TMP/w24raw.txt" 2>"$TMP/raw.err" | cut -d, -f1-8 | grep -v ',narrative,' | sort >"$TMP/raw.csv"
        cut -d, -f1-8 "$TMP/kinds/items/w24.csv" | grep -v ',narrative,' | sort >"$TMP/layout.csv"
        if [ "$(wc -l <"$TMP/raw.csv")" -gt 100 ] && [ -z "$(comm -23 "$TMP/raw.csv" "$TMP/layout.csv")" ]; then ok; else
            bad "-raw text: records that the layout text does not give"; comm -23 "$TMP/raw.csv" "$TMP/layout.csv" | head -3 >&2
        fi
        has "-raw text: what it cannot tell apart is said" "$TMP/raw.err" "without column positions (pdftotext -raw?)"
    else
        bad "-raw text: pdftotext or the wanli 2024 PDF missing"
    fi
    # the same PDFs through pdftotext with other character widths (-fixed 3, -fixed 5) move
    # every column: what is read must still be what the default text gives, never another figure
    if command -v pdftotext >/dev/null 2>&1; then
        for pdf in "$DOCS_DIR"/*.pdf; do
            doc=$(basename "$pdf" .pdf)
            $BK extract --unit u "$DOCS_DIR/$doc.txt" 2>/dev/null | cut -d, -f1-8 | grep -v ',narrative,' | sort >"$TMP/default.csv"
            for fx in 3 5; do
                pdftotext -layout -fixed $fx "$pdf" "$TMP/fixed.txt" 2>/dev/null
                $BK extract --unit u "$TMP/fixed.txt" 2>/dev/null | cut -d, -f1-8 | grep -v ',narrative,' | sort >"$TMP/fixed.csv"
                if [ "$(wc -l <"$TMP/fixed.csv")" -gt 50 ] && [ -z "$(comm -23 "$TMP/fixed.csv" "$TMP/default.csv")" ]; then ok; else
                    bad "pdftotext -fixed $fx of $doc: records the default text does not give"; comm -23 "$TMP/fixed.csv" "$TMP/default.csv" | head -3 >&2
                fi
            done
        done
    fi
    run "validate the documents" 0 validate "$TMP/kinds"
    # the publisher's own slips (README): 财政拨款收入支出总计0.3万元 against 2,961.68; 210 under two names
    has "validate: narrative 0.3 against the table" "$TMP/out" "stated 0.30, computed 2961.68"
    has "validate: 210 named two ways" "$TMP/out" "210 is named '医疗卫生与计划生育支出' in summary and '卫生健康支出' in"
    has "validate: 326.72 against 326.71" "$TMP/out" "summary 208 社会保障和就业支出 total = expenditure total: stated 326.71, computed 326.72"
    has "validate: the publisher's" "$TMP/out" "origin: publisher"
    hasnt "validate: nothing read wrongly" "$TMP/out" "origin: reading"
    if [ "$(grep -c '^inconsistency' "$TMP/out")" -eq 2 ]; then ok; else bad "validate the documents: $(grep -c '^inconsistency' "$TMP/out") inconsistencies, expected the 2 the publisher made"; fi
    run "completeness from the extractor alone" 0 completeness --scores "$TMP/kinds"
    has "completeness: the final account whole" "$TMP/out" ",2024,final,listed,7,2,0,4,0,0,100.00,"
else
    bad "the shared documents are missing ($DOCS_DIR)"
fi
# -o through a symbolic link writes what the link names; the link stays
if [ -f "$FB" ]; then
    echo old >"$TMP/target.csv"
    ln -s "$TMP/target.csv" "$TMP/link.csv"
    $BK extract --unit u -o "$TMP/link.csv" "$FB" >/dev/null 2>&1
    if [ -L "$TMP/link.csv" ] && [ "$(wc -l <"$TMP/target.csv")" -gt 100 ]; then ok; else bad "extract -o a symbolic link: the link was replaced or its file not written"; fi
fi
# -o /dev/null is written, not replaced by a regular file
if [ -c /dev/null ] && [ -w /dev/null ] && [ -n "$(ls "$TMP"/kinds/items 2>/dev/null)" ]; then
    $BK extract --unit u -o /dev/null "$FB" >/dev/null 2>&1
    if [ -c /dev/null ]; then ok; else bad "extract -o /dev/null replaced the device"; fi
fi

# ---- ingest: a folder of documents (the four PDFs and their text twins) to one dataset ----
if [ -f "$WANLI.pdf" ]; then
    DS="$TMP/ingest-ds"
    run "ingest the shared documents" 0 ingest "$DOCS_DIR" -o "$DS"
    has "ingest: the outcome line" "$TMP/err" "ingest: 8 documents: 8 read, 0 unchanged since the last run; 0 with warnings, 4 repeating another, 0 failed; 2050 records kept; 3 units added"
    # the figures of one document read (README): who and when, from the documents alone
    row_of() { grep "/$1," "$DS/ingest.csv"; }
    field() { row_of "$1" | awk -F, -v c="$2" '{print $c}'; }
    w23=$(field shanghai_putuo_wanli_street_2023_dept_budget.pdf 4)
    w24=$(field shanghai_putuo_wanli_street_2024_dept_budget.pdf 4)
    if [ -n "$w23" ] && [ "$w23" = "$w24" ]; then ok; else bad "ingest: the two wanli years have ids '$w23' and '$w24'"; fi
    has "ingest: wanli's unit row" "$DS/units.csv" "$w23,上海市普陀区人民政府万里街道办事处,,上海市,普陀区,county,department"
    has "ingest: the welfare home is a 单位" "$DS/units.csv" ",上海市普陀区社会福利院,,上海市,普陀区,county,unit"
    has "ingest: the final account" "$DS/ingest.csv" "pdf,u35a1a5ec31e7fc51,上海市普陀区财政局,上海市,普陀区,2024,final,department,7,2,0,"
    has "ingest: wanli 2023 a budget" "$DS/ingest.csv" ",上海市普陀区人民政府万里街道办事处,上海市,普陀区,2023,budget,department,"
    has "ingest: the welfare home's unit budget" "$DS/ingest.csv" ",上海市普陀区社会福利院,上海市,普陀区,2024,budget,unit,"
    # sha256 as the README gives it
    has "ingest: sha256 of the final account" "$DS/ingest.csv" "d45e923176f9fe4b6533829d3a2fe67f8cbcd55d07099dabf73aca62701f8eb5"
    # each text twin repeats its PDF record for record; only the PDFs' records are kept
    for doc in shanghai_putuo_wanli_street_2023_dept_budget shanghai_putuo_wanli_street_2024_dept_budget \
        shanghai_putuo_finance_bureau_2024_dept_final_accounts shanghai_putuo_social_welfare_home_2024_unit_budget; do
        if row_of "$doc.txt" | grep -q "repeats $DOCS_DIR/$doc.pdf: the same [0-9]* records; that one is kept"; then ok; else
            bad "ingest: $doc.txt does not repeat its PDF record for record"; row_of "$doc.txt" | cut -c1-400 >&2; fi
        if [ -f "$DS/items/$doc.pdf.csv" ] && [ ! -f "$DS/items/$doc.txt.csv" ]; then ok; else bad "ingest: $doc kept twice or not at all"; fi
    done
    # the headline figures of ../shared/documents/expected.csv, from summary on the dataset
    $BK summary --format csv "$DS" >"$TMP/ds-summary.csv" 2>/dev/null
    checked=0
    while IFS=, read -r doc stage year metric value; do
        [ "$doc" = document ] && continue
        unit=$(field "$doc.pdf" 4)
        got=$(awk -F, -v u="$unit" -v y="$year" -v s="$stage" -v m="$metric" '
            NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $col["unit"] == u && $col["year"] == y && $col["stage"] == s { print $col[m] }' "$TMP/ds-summary.csv")
        if [ -n "$got" ] && awk -v a="$got" -v b="$value" 'BEGIN { d = a - b; exit !(d < 0.00005 && d > -0.00005) }'; then ok; else
            bad "ingest + summary: $doc $year $stage $metric is '$got', the document says $value"; fi
        checked=$((checked + 1))
    done <"$DOCS_DIR/expected.csv"
    if [ "$checked" -ge 20 ]; then ok; else bad "ingest + summary: only $checked headline figures checked"; fi
    run "validate the ingested dataset" 0 validate "$DS"
    has "validate ds: the publisher's slip" "$TMP/out" "stated 0.30, computed 2961.68"
    hasnt "validate ds: nothing read wrongly" "$TMP/out" "origin: reading"
    run "yoy on the ingested dataset" 0 yoy "$DS"
    # README: 比2023年预算减少876.75万元 (16497.86 − 15621.11), from the two documents' tables
    has "yoy ds: wanli's total 2023 -> 2024" "$TMP/out" "$w23,2024,budget,2023,headline,summary,total,支出总计,16497.864,15621.1123,-876.7517,-5.31,changed,-876.75,"
    run "report on the ingested dataset" 0 report -o "$TMP/ds-brief" "$DS"
    # seven charts: the execution chart in, the per-resident chart out (no population is known)
    has "report ds: seven charts with the execution chart" "$TMP/err" "briefing.xlsx and 7 charts"
    # one page per unit, linked from the index; the final account's unit has its execution
    has "report ds: unit pages linked" "$TMP/ds-brief/index.html" "<a href=\"unit-2.html\">上海市普陀区财政局</a>"
    has "report ds: a unit page" "$TMP/ds-brief/unit-2.md" "# 上海市普陀区财政局"
    has "report ds: the unit's execution" "$TMP/ds-brief/unit-2.md" "| 2024 | 一般公共预算财政拨款支出 | 2,993.92 | 2,940.05 | 98.20 | 98.20 | 因年度工作计划安排，个别信息化项目和中介机构服务调减 | 决算情况说明 |"
    has "report ds: the unit's finding" "$TMP/ds-brief/unit-2.md" "文件所述 0.30，计算得 2961.68"
    # its own rows only: the 财政局's 2024 final total (2,995.39) is on its page, not on those
    # of 万里街道 and 社会福利院, and 万里街道's 2024 total (15,621.11) only on its own
    hasnt "report ds: a unit page holds only its unit's rows" "$TMP/ds-brief/unit-0.md" "2,995.39"
    hasnt "report ds: a unit page holds only its unit's rows (2)" "$TMP/ds-brief/unit-1.md" "2,995.39"
    hasnt "report ds: a unit page holds only its unit's rows (3)" "$TMP/ds-brief/unit-2.md" "15,621.11"
    # a final account, a unit budget, disclosures and findings: a unit a group gives the same
    # bytes (the findings, the execution and PEFA rows and their anchors cut at each unit)
    export BK_REPORT_GROUP_RECORDS=1
    run "report ds a unit a group" 0 report -o "$TMP/ds-groups" "$DS"
    unset BK_REPORT_GROUP_RECORDS
    if diff -r "$TMP/ds-brief" "$TMP/ds-groups" >"$TMP/diff" 2>&1; then ok; else bad "report ds: a unit a group differs: $(head -c 300 "$TMP/diff")"; fi
    # past BK_REPORT_INDEX_ROWS unit-year-stages (plots/reportgroups.h) the index page lists,
    # of its tables of a row per unit-year, only the rows its opening cites, and says how many
    # there are and where: the largest 2024 budget (万里街道, 15621.11 in the README's headline
    # figures) and the final account's PI-1 row (年初预算 2993.92 against 2940.05, 98.20 %)
    # stay; the unit pages and the workbook are the very bytes of the full briefing's
    export BK_REPORT_INDEX_ROWS=1 BK_REPORT_GROUP_RECORDS=1
    run "report ds, the index of many unit-years" 0 report -o "$TMP/ds-many" "$DS"
    unset BK_REPORT_INDEX_ROWS BK_REPORT_GROUP_RECORDS
    has "report ds many: how many rows and where" "$TMP/ds-many/index.html" "此表共 6 行（每个单位年度一行）；单位年度多于 1 个，此页只列上文要点所引的 2 行。各单位逐年的数字见其单位页面，全部行见 Excel 工作簿 briefing.xlsx。"
    has "report ds many: the largest budget cited stays" "$TMP/ds-many/report.md" "| 上海市普陀区人民政府万里街道办事处 | 上海市 | 2024 | 预算 | 15,621.11 |"
    has "report ds many: the PI-1 row cited stays" "$TMP/ds-many/report.md" "| 上海市普陀区财政局 | 2024 | 一般公共预算财政拨款支出 | 2,993.92 | 2,940.05 | 98.20 | A |"
    has "report ds: the full page lists the 2023 budget" "$TMP/ds-brief/report.md" "| 上海市普陀区人民政府万里街道办事处 | 上海市 | 2023 | 预算 |"
    hasnt "report ds many: a row not cited is left out" "$TMP/ds-many/report.md" "| 上海市普陀区人民政府万里街道办事处 | 上海市 | 2023 | 预算 |"
    if diff -r -x index.html -x report.md "$TMP/ds-brief" "$TMP/ds-many" >"$TMP/diff" 2>&1; then ok; else bad "report ds many: unit pages or workbook differ: $(head -c 300 "$TMP/diff")"; fi
    # every link of the index page still finds its row: the same links as the full page's
    grep -o 'href="#[a-z]*-[0-9]*"' "$TMP/ds-brief/index.html" >"$TMP/links-full"
    grep -o 'href="#[a-z]*-[0-9]*"' "$TMP/ds-many/index.html" >"$TMP/links-many"
    if cmp -s "$TMP/links-full" "$TMP/links-many"; then ok; else bad "report ds many: its links differ from the full page's"; fi
    dangling=0
    for a in $(sed 's/href="#\(.*\)"/\1/' "$TMP/links-many"); do
        grep -q "id=\"$a\"" "$TMP/ds-many/index.html" || dangling=$((dangling + 1))
    done
    if [ "$dangling" -eq 0 ] && [ -s "$TMP/links-many" ]; then ok; else bad "report ds many: $dangling links to no row"; fi
    # a briefing of fewer units into the same directory leaves no page of the others
    $BK report -o "$TMP/ds-brief" "$DS/items/shanghai_putuo_social_welfare_home_2024_unit_budget.pdf.csv" "$DS/units.csv" >/dev/null 2>&1
    if [ -s "$TMP/ds-brief/unit-0.html" ] && [ ! -e "$TMP/ds-brief/unit-1.html" ] && [ ! -e "$TMP/ds-brief/unit-2.md" ]; then ok; else
        bad "report: pages of units no longer in the data were left"; ls "$TMP/ds-brief" >&2; fi
    $BK report -o "$TMP/ds-brief" "$DS" >/dev/null 2>&1
    # no English a reader meets: the scores' notes and the findings' phrases in Chinese
    reader_text_chinese "report ds" "$TMP/ds-brief" "$DS/units.csv"
    has "report ds: the score's years in Chinese" "$TMP/ds-brief/report.md" "仅 1 年（需连续三年）"
    has "report ds: a finding's phrase in Chinese" "$TMP/ds-brief/report.md" "210 的名称为 '医疗卫生与计划生育支出' 见于 收支总表，而 '卫生健康支出' 见于 收入总表"
    has "report ds: the opening on execution" "$TMP/ds-brief/report.md" "* 上海市普陀区财政局 2024 年一般公共预算财政拨款支出决算 2,940.05 万元，为年初预算 2,993.92 万元的 98.20%（PEFA PI-1 A 级）。"
    has "report ds: the publisher's slips counted" "$TMP/ds-brief/report.md" "核对发现不一致 2 处：文件本身有误 2 处"
    # several metrics on one axis; metrics of different units refused
    run "plot trend of two metrics" 0 plot trend --metric total,basic -o "$TMP/trend2.svg" "$DS"
    if grep -q '人民政府万里街道办事处：基本支出（万元）' "$TMP/trend2.svg"; then ok; else bad "plot trend: no line per unit and metric"; fi
    # the place every unit's name begins with is said once, not repeated on every line
    if grep -q '单位名称略去共同的“上海市普陀区”' "$TMP/trend2.svg"; then ok; else bad "plot trend: the shared place not said"; fi
    run "plot trend of mixed units" 1 plot trend --metric total,share:basic -o "$TMP/trend3.svg" "$DS"
    has "plot trend of mixed units: why" "$TMP/err" "'total' is in 万元 and 'share:basic' in %: metrics on one axis share a unit"
    # a year known only from a stated change is drawn hollow and named 推算 in the legend
    if grep -q '推算（由增减额推算的上年数）' "$TMP/ds-brief/trend.svg"; then ok; else bad "report ds: derived years not told apart in the trend chart"; fi
    has "report ds: no chart of blanks" "$TMP/ds-brief/report.md" "人均支出（元/人）：没有人口数（population.csv），人均数无法计算。"
    if [ ! -e "$TMP/ds-brief/percapita.svg" ]; then ok; else bad "report ds: a per-resident chart of blanks"; fi
    # briefing.xlsx read back (openpyxl): its headline sheet gives summary's figures, as numbers
    $BK summary --format csv "$DS" >"$TMP/ds-summary.csv" 2>/dev/null
    if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
        if /usr/bin/python3 - "$TMP/ds-brief/briefing.xlsx" "$TMP/ds-summary.csv" >"$TMP/xlsx.log" 2>&1 <<'PY'
import csv, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
want = {"主要数字", "比上年变化", "支出结构", "核对发现", "公开完整性", "预算执行", "PEFA评分"}
assert want <= set(wb.sheetnames), wb.sheetnames
ws = wb["主要数字"]
assert ws.freeze_panes == "A2", ws.freeze_panes
rows = list(ws.iter_rows(values_only=True))
head = rows[0]
sheet = {(r[head.index("单位")], r[head.index("年度")], r[head.index("阶段")]): r for r in rows[1:]}
stage = {"budget": "预算", "final": "决算"}
checked = 0
for s in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
    r = sheet[(s["name"], int(s["year"]), stage[s["stage"]])]
    for col, zh in (("total", "支出合计（万元）"), ("basic", "基本支出"), ("three_public", "“三公”经费")):
        got = r[head.index(zh)]
        if s[col] == "":
            assert got is None, (s["name"], col, got)
        else:
            assert isinstance(got, (int, float)) and abs(got - float(s[col])) < 1e-9, (s["name"], col, got, s[col])
            checked += 1
ex = wb["预算执行"]
er = list(ex.iter_rows(values_only=True))
gpb = [r for r in er[1:] if r[2] == "一般公共预算财政拨款支出"][0]
assert gpb[3] == 2993.92 and gpb[4] == 2940.05 and gpb[6] == 98.2 and gpb[8] == "低于年初预算", gpb
print("checked", checked)
PY
        then ok; else bad "briefing.xlsx does not read back with summary's figures"; sed 's/^/  | /' "$TMP/xlsx.log" | tail -5 >&2; fi
    else
        bad "python3-openpyxl is missing: briefing.xlsx is not read back (apt-get install python3-openpyxl)"
    fi
    has "report ds: the execution section" "$TMP/ds-brief/report.md" "| 上海市普陀区财政局 | 2024 | 一般公共预算财政拨款支出 | 2,993.92 | 2,940.05 | 98.20 | A | 0.76 | A |"
    if [ -s "$TMP/ds-brief/execution.svg" ] && grep -q '2,940.05（98.20%）' "$TMP/ds-brief/execution.svg"; then ok; else bad "report ds: no execution chart with the rate"; fi
    # figures on the charts as in the tables: two decimals, thousands separators (15621.1123 on
    # the compare chart, −876.7517 on the changes chart)
    if grep -q '>15,621.11<' "$TMP/ds-brief/compare.svg" && grep -q '>-5.31%（-876.75万元）<' "$TMP/ds-brief/yoy.svg"; then ok
    else bad "report ds: chart figures not as the tables show them"; fi
    has "report ds: wanli named" "$TMP/ds-brief/report.md" "| 上海市普陀区人民政府万里街道办事处 | 2024 |"
    has "report ds: the final account's stage" "$TMP/ds-brief/report.md" "| 上海市普陀区财政局 | 上海市 | 2024 | 决算 | 2,995.39 |"
    hasnt "report ds: no unit by its id" "$TMP/ds-brief/report.md" "| $w23 |"
    # execution on the final account (issue: budget execution): 一般公共预算财政拨款支出 2993.92 (the
    # narrative, line 573) against 2940.05 (the table): 98.20 %, as stated; PI-1 band A
    run "execution on the dataset" 0 execution "$DS"
    has "execution: gpb" "$TMP/out" "u35a1a5ec31e7fc51,上海市普陀区财政局,2024,headline,gpb,一般公共预算财政拨款支出,2993.92,2940.05,-53.87,98.20,98.20,under,,final narrative,final account,"
    # 三公: 0.95 from the table's 预算数 (line 491), 0.00 from the narrative (line 639; the table's
    # 决算数 cells are blank), 完成预算的0%
    has "execution: 三公" "$TMP/out" ",headline,three_public,“三公”经费,0.95,0.00,-0.95,0.00,0.00,not spent,,final account,final narrative,\"shanghai_putuo_finance_bureau_2024_dept_final_accounts.pdf:491 "
    # the reason beside the figures: 决算数小于预算数的主要原因：因年度工作计划安排，… (line 574)
    has "execution: the stated reason" "$TMP/out" ",因年度工作计划安排，个别信息化项目和中介机构服务调减,\"shanghai_putuo_finance_bureau_2024_dept_final_accounts.pdf:574 "
    run "execution by 项" 0 execution --by function --level 项 "$DS"
    has "execution by 项: a reason" "$TMP/out" ",2010601,行政运行,1560.05,1511.89,-48.16,96.91,,under,,final narrative,final account,"
    # every item the narrative lists, with its own pair (items 4 and 6 printed out of order)
    for pair in "2010601,行政运行,1560.05,1511.89" "2010602,一般行政管理事务,10.00,10.00" \
        "2010607,信息化建设,135.90,135.25" "2010608,财政委托业务支出,450.52,449.52" \
        "2080501,行政单位离退休,85.55,84.65" "2080505,机关事业单位基本养老保险缴费支出,161.62,160.75" \
        "2080506,机关事业单位职业年金缴费支出,80.81,80.38" "2080599,其他行政事业单位养老支出,0.94,0.94" \
        "2101101,行政单位医疗,62.29,60.99" "2210201,住房公积金,187.75,187.19" "2210203,购房补贴,258.50,258.50"; do
        has "execution by 项: $pair" "$TMP/out" ",function,$pair,"
    done
    if [ "$(grep -c ',function,' "$TMP/out")" -eq 11 ]; then ok; else bad "execution by 项: $(grep -c ',function,' "$TMP/out") lines, expected the 11 of the table"; fi
    run "execution --pefa" 0 execution --pefa "$DS"
    # PI-2.1 by 类 (originals the sums of the narrative's 项): 201 2156.47/2106.66, 208 328.92/326.72,
    # 210 62.29/60.99, 221 446.25/445.69; O = 2993.93, A = 2940.06; Σ|a·O − o·A| / (O·A) = 0.7611 %
    has "execution --pefa: PI-1 A, PI-2.1 A" "$TMP/out" "u35a1a5ec31e7fc51,上海市普陀区财政局,2024,一般公共预算财政拨款支出,2993.92,2940.05,98.20,A,4,0.76,A,"
    # cross-document: the finance bureau's 2024 budget document, made from the original budgets
    # its final account states (the narrative's 项, its total and the 三公 table), with one figure
    # changed (信息化建设 135.90 -> 135.00): exactly one finding, with both sources
    mkdir -p "$TMP/xdoc/items"
    cp -R "$DS/." "$TMP/xdoc/"
    fbu=u35a1a5ec31e7fc51
    {
        echo "unit,year,stage,table,code,name,measure,amount,source"
        n=1
        for pair in gpb_expenditure,total,合计,2993.92 gpb_expenditure,2010601,行政运行,1560.05 \
            gpb_expenditure,2010602,一般行政管理事务,10.00 gpb_expenditure,2010607,信息化建设,135.00 \
            gpb_expenditure,2010608,财政委托业务支出,450.52 gpb_expenditure,2080501,行政单位离退休,85.55 \
            three_public,three_public,合计,0.95 three_public,reception,公务接待费,0.95; do
            t=${pair%%,*}; rest=${pair#*,}
            echo "$fbu,2024,budget,$t,$rest" | sed "s/,\([^,]*\)\$/,total,\1,fb_2024_budget.pdf:$n/"
            n=$((n + 1))
        done
    } >"$TMP/xdoc/items/fb-budget.csv"
    run "validate: a budget against its final account" 0 validate "$TMP/xdoc"
    if [ "$(grep -c '^inconsistency: cross-document' "$TMP/out")" -eq 1 ]; then ok; else
        bad "cross-document: $(grep -c '^inconsistency: cross-document' "$TMP/out") inconsistencies, expected 1"; grep -A2 cross-document "$TMP/out" | head -20 >&2; fi
    has "cross-document: the changed figure" "$TMP/out" "inconsistency: cross-document $fbu 2024: narrative 2010607 信息化建设 total: shanghai_putuo_finance_bureau_2024_dept_final_accounts.pdf and fb_2024_budget.pdf state it differently: stated 135.90, computed 135.00 (difference 0.90)"
    has "cross-document: the final's source" "$TMP/out" "  stated at shanghai_putuo_finance_bureau_2024_dept_final_accounts.pdf:585 (page 22, line 10)"
    has "cross-document: the budget's source" "$TMP/out" "  computed from fb_2024_budget.pdf:4"
    # and the budget document fills what the final account does not state: 一般公共预算 from the
    # final's own narrative still (it comes first), the budget's figures where the final has none
    run "execution with the budget document" 0 execution --by function --level 项 "$TMP/xdoc"
    has "execution: original from the final account first" "$TMP/out" ",function,2010607,信息化建设,135.90,135.25,"
    # compare in one year: the latest every unit has (2024), not each unit's own latest
    run "compare on the dataset" 0 compare --metric total "$DS"
    has "compare: wanli at the common year" "$TMP/out" ",$w23,上海市普陀区人民政府万里街道办事处,上海市,department,county,2024,total,15621.11,"
    hasnt "compare: one year for all" "$TMP/out" "no year common to all units"
    # a rerun reads nothing again; --force reads all and writes the same files
    md5sum "$DS"/items/* "$DS"/units.csv >"$TMP/ds.md5"
    run "ingest again" 0 ingest "$DOCS_DIR" -o "$DS"
    has "ingest again: nothing read" "$TMP/err" "ingest: 8 documents: 0 read, 8 unchanged since the last run"
    run "ingest --force -j 1" 0 ingest --force -j 1 "$DOCS_DIR" -o "$DS"
    has "ingest --force: all read" "$TMP/err" "ingest: 8 documents: 8 read, 0 unchanged"
    if md5sum -c --quiet "$TMP/ds.md5" >/dev/null 2>&1; then ok; else bad "ingest on one thread wrote other files than on two"; fi
    # a document that changes is read again; leftovers of an interrupted run are cleared
    mkdir -p "$TMP/docs2"
    cp "$DOCS_DIR"/*.pdf "$TMP/docs2/"
    run "ingest a copy" 0 ingest "$TMP/docs2" -o "$TMP/ds2"
    echo "%% appended" >>"$TMP/docs2/shanghai_putuo_social_welfare_home_2024_unit_budget.pdf"
    echo "half" >"$TMP/ds2/.staging/x.items.csv"
    run "ingest after a change" 0 ingest "$TMP/docs2" -o "$TMP/ds2"
    has "ingest after a change: one read" "$TMP/err" "ingest: 4 documents: 1 read, 3 unchanged since the last run"
    if [ ! -e "$TMP/ds2/.staging/x.items.csv" ]; then ok; else bad "ingest: a staged leftover was kept"; fi
    # bad documents among good ones: each named in one line, exit 1, the rest ingested
    mkdir -p "$TMP/mixed"
    cp "$DOCS_DIR"/*.pdf "$TMP/mixed/"
    cp tests/fixtures/scan.pdf "$TMP/mixed/scan.pdf"
    head -c 100000 "$WANLI.pdf" >"$TMP/mixed/cut.pdf"
    head -c 4096 /dev/urandom >"$TMP/mixed/random.txt"
    if [ -d "$SEEDS_DIR" ]; then
        iconv -f UTF-8 -t GB18030 "$SEEDS_DIR/datong_sasac_2023_budget.txt" >"$TMP/mixed/gbk-seed.txt"
    fi
    run "ingest good and bad documents" 1 ingest "$TMP/mixed" -o "$TMP/ds3"
    has "ingest mixed: 4 failed" "$TMP/err" "budgetkit ingest: 4 documents failed:"
    has "ingest mixed: the scan" "$TMP/err" "  $TMP/mixed/scan.pdf: no text layer (a scanned document?); budgetkit does not OCR"
    has "ingest mixed: the truncated PDF" "$TMP/err" "  $TMP/mixed/cut.pdf: damaged PDF, pdftotext cannot read it"
    has "ingest mixed: the binary" "$TMP/err" "  $TMP/mixed/random.txt: not a PDF or a text document (binary data at byte"
    has "ingest mixed: the GB18030 seed" "$TMP/err" "  $TMP/mixed/gbk-seed.txt: text in GB18030 (GBK), not UTF-8; convert it first: iconv -f GB18030 -t UTF-8"
    has "ingest mixed: the good ones read" "$TMP/err" "0 repeating another, 4 failed; 2050 records kept"
    if [ "$(ls "$TMP/ds3/items" | wc -l)" -eq 4 ]; then ok; else bad "ingest mixed: $(ls "$TMP/ds3/items" | wc -l) items files, expected the 4 good documents'"; fi
    # killed midway: what it wrote is whole, and the next run finishes the work
    mkdir -p "$TMP/many"
    for i in $(seq 1 15); do
        for pdf in "$DOCS_DIR"/*.pdf; do
            { cat "$pdf"; echo "%% copy $i"; } >"$TMP/many/$i-$(basename "$pdf")"
        done
    done
    $BK ingest "$TMP/many" -o "$TMP/ds5" >/dev/null 2>&1 &
    # killed once its dataset exists (a second on its own was not always enough under
    # valgrind on a busy machine), a second after
    for _ in $(seq 1 300); do [ -d "$TMP/ds5/items" ] && break; sleep 0.1; done
    sleep 1
    kill -9 $! 2>/dev/null
    wait $! 2>/dev/null
    run "validate what a killed ingest left" 0 validate "$TMP/ds5"
    hasnt "killed ingest: no rejected row" "$TMP/err" "error:"
    run "ingest after a kill" 0 ingest "$TMP/many" -o "$TMP/ds5"
    has "ingest after a kill: all there" "$TMP/err" "ingest: 60 documents:"
    has "ingest after a kill: one per disclosure" "$TMP/err" "56 repeating another, 0 failed; 2050 records kept"
    if [ -z "$(find "$TMP/ds5" -name '.*.??????' -type f)" ] && [ -z "$(ls "$TMP/ds5/.staging")" ]; then ok; else
        bad "ingest after a kill: temporary files left"; find "$TMP/ds5" -name '.*' >&2; fi
    # the progress bar: on a terminal only (script(1) gives the run one)
    if command -v script >/dev/null 2>&1; then
        script -qec "$BK ingest $DOCS_DIR -o $TMP/ds6" /dev/null >"$TMP/tty" 2>&1
        if grep -q '\[8/8\]' "$TMP/tty"; then ok; else bad "ingest: no progress bar on a terminal"; fi
    else
        bad "script (bsdutils) is missing: the progress bar is not checked"
    fi
    run "ingest: a folder without documents" 1 ingest "$TMP/ds3/items" -o "$TMP/ds4"
    one_line "ingest: a folder without documents" "budgetkit ingest: no .pdf or .txt document under the paths given"
    run "ingest: no -o" 2 ingest "$DOCS_DIR"
fi
