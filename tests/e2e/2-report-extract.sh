# tests/e2e/2-report-extract.sh — the briefing, and extract: disclosure text and documents to items.
# Sourced by tests/e2e.sh, whose helpers (run, has, hasnt, skip, ok, bad) and $TMP it uses;
# the parts run in order and later ones read what earlier ones wrote into $TMP.

# ---- report: the briefing, atomic, escaped, opened in a browser when one is installed ----
if command -v gnuplot >/dev/null 2>&1; then
    run "report" 0 report -o "$TMP/rep" datasets
    for f in index.html report.md structure.svg heatmap.svg three-public.svg compare.svg percapita.svg yoy.svg trend.svg; do
        if [ -s "$TMP/rep/$f" ]; then ok; else bad "report: $f missing"; fi
    done
    # no final account in the bundled data: no execution section, no execution chart
    if [ ! -e "$TMP/rep/execution.svg" ]; then ok; else bad "report: an execution chart without final accounts"; fi
    hasnt "report: no execution section" "$TMP/rep/report.md" "预算执行"
    reader_text_chinese "report" "$TMP/rep" datasets/units.csv
    # the same data give the same bytes, the workbook too (a second later: no clock in it)
    sleep 1
    run "report again" 0 report -o "$TMP/rep-again" datasets
    if diff -r "$TMP/rep" "$TMP/rep-again" >"$TMP/diff" 2>&1; then ok; else bad "report: a second run differs: $(head -c 300 "$TMP/diff")"; fi
    # made one group of units at a time (plots/reportgroups.h), whatever the groups: a unit a
    # group, and on one thread, give the bytes of the default groups, the workbook too
    export BK_REPORT_GROUP_RECORDS=1
    run "report a unit a group" 0 report -o "$TMP/rep-groups" datasets
    unset BK_REPORT_GROUP_RECORDS
    if diff -r "$TMP/rep" "$TMP/rep-groups" >"$TMP/diff" 2>&1; then ok; else bad "report: a unit a group differs: $(head -c 300 "$TMP/diff")"; fi
    export BK_LOAD_THREADS=1
    run "report on one thread" 0 report -o "$TMP/rep-one" datasets
    unset BK_LOAD_THREADS
    if diff -r "$TMP/rep" "$TMP/rep-one" >"$TMP/diff" 2>&1; then ok; else bad "report: one thread differs: $(head -c 300 "$TMP/diff")"; fi
    has "report headline row" "$TMP/rep/index.html" "<td>大同市人民政府国有资产监督管理委员会</td><td>大同市</td><td class=\"n\">2023</td><td>预算</td><td class=\"n\">1,332.44</td>"
    has "report largest change" "$TMP/rep/report.md" "| 大厂高新技术产业开发区管理委员会 | 2024 | 预算 | 支出总计 | 153,896.37 | 48,780.62 | -105,115.75 | -68.30 |"
    has "report inconsistency" "$TMP/rep/index.html" "中国共产党唐山市丰润区委员会办公室 2023 年预算："
    # a finding in the documents' words, with both figures, the difference and both sources
    has "report finding in Chinese" "$TMP/rep/index.html" "——文件所述 135.25，计算得 -26.46，相差 161.71。文件所述见 tangshan_fengrun_party_office_2023_budget.txt:"
    hasnt "report: units named, not numbered" "$TMP/rep/report.md" "| langfang-dachang-hitech-zone |"
    has "report completeness" "$TMP/rep/report.md" "| 30.77 |"
    # the value axes are marked as the tables write numbers: the comparison's largest unit,
    # 48,780.62 万元, on an axis marked every 10,000; the trend's log axis at 1,000 and 10,000
    has "report: comparison axis grouped" "$TMP/rep/compare.svg" "<text>10,000</text>"
    has "report: trend axis grouped" "$TMP/rep/trend.svg" "<text>1,000</text>"
    hasnt "report: no ungrouped axis mark" "$TMP/rep/compare.svg" "<text> 10000</text>"
    # what matters first: sentences from the data (廊坊国资委 8294.46 and 丰润 1274.78 are the
    # largest and smallest 2023 totals of the summary), each figure linked to its table row
    has "report opening: largest and smallest" "$TMP/rep/report.md" "* 2023 年预算支出合计最大的是廊坊市人民政府国有资产监督管理委员会（8,294.46 万元），最小的是中国共产党唐山市丰润区委员会办公室（1,274.78 万元），共 4 个单位。"
    has "report opening: the largest change" "$TMP/rep/report.md" "* 比上年变化幅度最大的是大厂高新技术产业开发区管理委员会 2024 年的项目支出：从 152,129.24 万元减少到 47,083.87 万元（−69.05%）。"
    has "report opening: completeness" "$TMP/rep/report.md" "最低的是廊坊市人民政府国有资产监督管理委员会 2023 年（30.77%）。"
    dangling=0
    for a in $(grep -o 'href="#[a-z]*-[0-9]*"' "$TMP/rep/index.html" | sed 's/href="#\(.*\)"/\1/'); do
        grep -q "id=\"$a\"" "$TMP/rep/index.html" || dangling=$((dangling + 1))
    done
    links=$(grep -o 'href="#' "$TMP/rep/index.html" | wc -l)
    if [ "$links" -ge 4 ] && [ "$dangling" -eq 0 ]; then ok; else bad "report opening: $links links, $dangling to no row"; fi
    if ls -a "$TMP/rep" | grep -q '^\.report-'; then bad "report: staging directory left behind"; else ok; fi
    # over a previous briefing in its directory: every file replaced whole (the stale ones
    # here differ from what the run writes), the pages of units no longer there removed, and
    # nothing of the old left behind in a staging directory
    echo stale >"$TMP/rep-again/index.html"
    echo stale >"$TMP/rep-again/unit-0.html"
    echo stale >"$TMP/rep-again/unit-5.md"
    echo stale >"$TMP/rep-again/unit-9.html" # past pages 6 to 8, which are not there
    run "report over a report" 0 report -o "$TMP/rep-again" datasets
    if diff -r "$TMP/rep" "$TMP/rep-again" >"$TMP/diff" 2>&1; then ok; else bad "report over a report: $(head -c 300 "$TMP/diff")"; fi
    if ls -a "$TMP/rep-again" | grep -q '^\.report-'; then bad "report over a report: its staging directory left behind"; else ok; fi
    # files that only look like unit pages are not the briefing's: they stay
    echo mine >"$TMP/rep-again/unit-07.html"
    echo mine >"$TMP/rep-again/unit-8.htm"
    run "report beside files not its own" 0 report -o "$TMP/rep-again" datasets
    if [ -f "$TMP/rep-again/unit-07.html" ] && [ -f "$TMP/rep-again/unit-8.htm" ]; then ok; else bad "report: removed a file not its own"; fi
    rm -f "$TMP/rep-again/unit-07.html" "$TMP/rep-again/unit-8.htm"
    # a page that cannot be moved into place (a directory has its name): the run fails and
    # says where, the briefing's index stays the previous one, nothing staged is left
    rm "$TMP/rep-again/unit-1.html" && mkdir "$TMP/rep-again/unit-1.html"
    cp "$TMP/rep-again/index.html" "$TMP/index.before"
    run "report: a page that cannot be moved" 1 report -o "$TMP/rep-again" datasets
    has "report: the page it could not move" "$TMP/err" "rep-again/unit-1.html: cannot move into place"
    if cmp -s "$TMP/index.before" "$TMP/rep-again/index.html"; then ok; else bad "report: a failed move changed the index"; fi
    if ls -a "$TMP/rep-again" | grep -q '^\.report-'; then bad "report: a failed move left its staging directory"; else ok; fi
    rmdir "$TMP/rep-again/unit-1.html"
    run "report hostile names" 0 report -o "$TMP/evil-rep" "$TMP/evil-units.csv" "$TMP/evil-items.csv"
    hasnt "report: no raw tag from a name" "$TMP/evil-rep/index.html" "<script"
    has "report: name escaped" "$TMP/evil-rep/index.html" "A&#39;b&quot;c\\d @x_y^{z}"
    if ls "$TMP"/pwned* >/dev/null 2>&1; then bad "report: a name ran a command"; else ok; fi
    # a failing run keeps the previous report whole
    cp "$TMP/rep/index.html" "$TMP/index.before"
    BK_GNUPLOT=/nonexistent/gnuplot $BK report -o "$TMP/rep" datasets >"$TMP/out" 2>"$TMP/err"
    if [ $? -eq 1 ] && cmp -s "$TMP/index.before" "$TMP/rep/index.html"; then ok; else bad "report: a failed run changed the previous report"; fi
    if ls -a "$TMP/rep" | grep -q '^\.report-'; then bad "report: failed run left its staging directory"; else ok; fi
    browser=$(command -v chromium || command -v chromium-browser || true)
    if [ -n "$browser" ]; then
        "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,6000 \
            --screenshot="$TMP/report.png" "file://$TMP/rep/index.html" >"$TMP/chromium.log" 2>&1
        if [ -s "$TMP/report.png" ] && [ "$(wc -c <"$TMP/report.png")" -gt 50000 ]; then ok; else bad "report: headless Chromium screenshot failed"; sed 's/^/  | /' "$TMP/chromium.log" | tail -5 >&2; fi
        if [ -n "${REPORT_SHOT:-}" ]; then cp "$TMP/report.png" "$REPORT_SHOT"; fi
        # A4 print: the print stylesheet gives A4 pages, which pdftoppm renders
        "$browser" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
            --print-to-pdf="$TMP/report.pdf" "file://$TMP/rep/index.html" >"$TMP/chromium.log" 2>&1
        if pdfinfo "$TMP/report.pdf" 2>/dev/null | grep -q '^Page size: *59[45]\.[0-9]* x 84[12]\.[0-9]* pts (A4)'; then ok; else
            bad "report: the print is not on A4 pages"; pdfinfo "$TMP/report.pdf" 2>&1 | tail -3 >&2; fi
        pages=$(pdfinfo "$TMP/report.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
        if [ "${pages:-0}" -ge 3 ] && pdftoppm -r 30 -png -f 1 -l 1 "$TMP/report.pdf" "$TMP/page" && [ -s "$TMP/page-1.png" ]; then ok; else
            bad "report: A4 print of ${pages:-0} pages not rendered"; fi
    else
        skip "report in a browser (screenshot, A4 print)" "apt-get install chromium"
    fi
fi

# ---- extract: disclosure text to items ----
SEEDS_DIR=${SEEDS:-../shared/seeds}
if [ -d "$SEEDS_DIR" ]; then
    # datasets/items and datasets/disclosures are exactly what extract makes of the seeds
    mkdir -p "$TMP/gen"
    tail -n +2 tools/seeds.csv | while IFS=, read -r unit doc; do
        # shellcheck disable=SC2086
        $BK extract --unit "$unit" -o "$TMP/gen/$unit.csv" --disclosures "$TMP/gen/$unit.disc.csv" \
            "$SEEDS_DIR/$doc" 2>"$TMP/gen/$unit.err"
        echo "$unit $?"
    done >"$TMP/gen/status"
    while read -r unit rc; do
        if [ "$rc" -eq 0 ]; then ok; else bad "extract $unit: exit $rc"; fi
        if cmp -s "$TMP/gen/$unit.csv" "datasets/items/$unit.csv"; then ok; else bad "extract $unit: items differ from datasets/items/$unit.csv (run make datasets)"; fi
        if cmp -s "$TMP/gen/$unit.disc.csv" "datasets/disclosures/$unit.csv"; then ok; else bad "extract $unit: disclosures differ from datasets/disclosures/$unit.csv"; fi
    done <"$TMP/gen/status"
    # and against a transcription made by hand before the extractor existed (independent of it)
    mkdir -p "$TMP/gen/items"
    cp "$TMP"/gen/*.csv "$TMP/gen/items/" 2>/dev/null
    rm -f "$TMP"/gen/items/*.disc.csv
    if /usr/bin/python3 tests/golden/check.py tests/golden/hand-transcribed "$TMP/gen/items" datasets/transcribed >"$TMP/golden.log" 2>&1; then ok; else
        bad "the seeds' records against the hand transcription"; sed 's/^/  | /' "$TMP/golden.log" | head -10 >&2; fi
    has "golden: the extractor reads most of the hand-typed figures" "$TMP/golden.log" "golden: 1425 hand-typed records: 1090 read by the extractor, 335 kept in datasets/transcribed, 0 wrong"
    # headline figures of each seed document, read from its tables or its text
    run "extract 大同" 0 extract --unit d --report "$SEEDS_DIR/datong_sasac_2023_budget.txt"
    has "extract 大同 total" "$TMP/out" "d,2023,budget,summary,revenue_total,收入总计,total,1332.44,datong_sasac_2023_budget.txt:115"
    has "extract 大同 gpb" "$TMP/out" "d,2023,budget,revenue,total,合计,gpb,1008.68,datong_sasac_2023_budget.txt:125"
    has "extract 大同 basic/project" "$TMP/out" "d,2023,budget,expenditure,total,合计,project,608.47,datong_sasac_2023_budget.txt:155"
    has "extract 大同 economic code by name" "$TMP/out" "d,2023,budget,gpb_basic,30301,离休费,personnel,57.43,datong_sasac_2023_budget.txt:279"
    has "extract 大同 stated change" "$TMP/out" "d,2023,budget,narrative,revenue_total,预算收入总计,change,-188.15,datong_sasac_2023_budget.txt:394"
    has "extract 大同 stated change pct" "$TMP/out" "d,2023,budget,narrative,revenue_total,预算收入总计,change_pct,-12.37,datong_sasac_2023_budget.txt:394"
    has "extract 大同 previous year" "$TMP/out" "d,2022,budget,narrative,revenue_total,预算收入总计,total,1520.59,derived: 1332.44 - (-188.15) from datong_sasac_2023_budget.txt:394"
    has "extract 大同 share" "$TMP/out" "d,2023,budget,narrative,gpb.215,资源勘探工业信息等支出,share_pct,57.76,datong_sasac_2023_budget.txt:419"
    has "extract 大同 operating change" "$TMP/out" "d,2023,budget,narrative,operating,市国资委机关运行经费财政拨款预算,change,-12.16,datong_sasac_2023_budget.txt:444"
    has "extract 大同 report: tab rows" "$TMP/err" "summary          read       lines 74-116, tab-separated rows, 18 numeric cells, 18 records"
    has "extract 大同 report: empty soc" "$TMP/err" "soc              empty      lines 310-321"
    run "extract 广阳" 0 extract --unit g --report "$SEEDS_DIR/langfang_guangyang_gov_office_2023_budget.txt"
    has "extract 广阳 total" "$TMP/out" "g,2023,budget,summary,revenue_total,收入总计,total,2087.56,langfang_guangyang_gov_office_2023_budget.txt:222"
    has "extract 广阳 class code by name" "$TMP/out" "g,2023,budget,summary,211,节能环保支出,total,440.00,langfang_guangyang_gov_office_2023_budget.txt:86"
    has "extract 广阳 三公" "$TMP/out" "g,2023,budget,three_public,three_public,“三公”经费小计,total,91.33,langfang_guangyang_gov_office_2023_budget.txt:1633"
    has "extract 广阳 change" "$TMP/out" "g,2023,budget,narrative,expenditure_total,预算收支安排,change,442.94,langfang_guangyang_gov_office_2023_budget.txt:1710"
    has "extract 广阳 report: Word cells" "$TMP/err" "revenue          read       lines 226-546, cell per line"
    has "extract 广阳 report: 空表列示" "$TMP/err" "gf_expenditure   empty      lines 1540-1573"
    run "extract 大厂" 0 extract --unit c "$SEEDS_DIR/langfang_dachang_hitech_zone_2024_budget.txt"
    has "extract 大厂 total" "$TMP/out" "c,2024,budget,summary,revenue_total,收入总计,total,48780.62,"
    has "extract 大厂 change" "$TMP/out" "c,2024,budget,narrative,expenditure_total,预算收支安排,change,-105115.75,"
    run "extract 丰润" 0 extract --unit f "$SEEDS_DIR/tangshan_fengrun_party_office_2023_budget.txt"
    has "extract 丰润 total" "$TMP/out" "f,2023,budget,summary,revenue_total,收入总计,total,1274.78,"
    has "extract 丰润 meeting fee in 三公 table" "$TMP/out" "f,2023,budget,three_public,30215,会议费,total,80.00,"
    run "extract 廊坊国资委 (text only)" 0 extract --unit s --report "$SEEDS_DIR/langfang_sasac_2023_budget_notes.txt"
    has "extract 廊坊国资委 revenue" "$TMP/out" "s,2023,budget,narrative,revenue_total,预算收入,total,8294.46,langfang_sasac_2023_budget_notes.txt:45"
    has "extract 廊坊国资委 change" "$TMP/out" "s,2023,budget,narrative,expenditure_total,预算收支安排,change,-70.67,langfang_sasac_2023_budget_notes.txt:49"
    has "extract 廊坊国资委 absent tables listed" "$TMP/err" "summary          absent"
    # pdftotext -layout in 元: converted exactly; the transposed 三公 table (items as columns,
    # 机关运行经费 beside them) read by its header words
    SH="$SEEDS_DIR/other_layouts/shanghai_putuo_wanli_street_2023_dept_budget.txt"
    if [ -f "$SH" ]; then
        run "extract 上海 (layout, 元)" 0 extract --unit sh --report "$SH"
        has "extract 上海 元 to 万元" "$TMP/out" "sh,2023,budget,summary,revenue_total,收入总计,total,16497.864,"
        has "extract 上海 3,120 元" "$TMP/out" "sh,2023,budget,revenue,2080599,其他行政事业单位养老支出,total,0.312,"
        has "extract 上海 code in 类 款 项 columns" "$TMP/out" "sh,2023,budget,expenditure,2080505,机关事业单位基本养老保险缴费支出,total,441.2547,"
        has "extract 上海 wrapped name" "$TMP/out" "sh,2023,budget,fiscal_summary,207,文化旅游体育与传媒支出,gpb,20.00,"
        has "extract 上海 report: layout" "$TMP/err" "gpb_basic        read       lines 711-778, space-aligned columns, in 元"
        has "extract 上海 report: transposed 三公 read" "$TMP/err" "three_public     read       lines 779-795, space-aligned columns, 7 numeric cells, 7 records"
        has "extract 上海 三公 total (sum of its items)" "$TMP/out" "sh,2023,budget,three_public,three_public,合计,total,22.91,\"shanghai_putuo_wanli_street_2023_dept_budget.txt:792 (page 28, line 14)\""
        has "extract 上海 公务接待费 column" "$TMP/out" "sh,2023,budget,three_public,reception,公务接待费,total,1.35,\"shanghai_putuo_wanli_street_2023_dept_budget.txt:792 (page 28, line 14)\""
        has "extract 上海 vehicle subtotal under its group" "$TMP/out" "sh,2023,budget,three_public,vehicle,公务用车购置及运行费,total,21.56,"
        has "extract 上海 运行费 column" "$TMP/out" "sh,2023,budget,three_public,vehicle_operation,运行费,total,21.56,"
        has "extract 上海 机关运行经费 header wrapped over lines" "$TMP/out" "sh,2023,budget,three_public,operating,2023年机关运行经费预算数,total,786.09,"
        has "extract 上海 report: all cells read" "$TMP/err" "tables: 638 numeric cells -> 638 records"
    fi
    # a table whose header names no amount column is unreadable: named, exit 1
    printf '2023年部门预算\n一般公共预算基本支出表\n甲\t乙\t丙\n301\t工资福利支出\t5.00\n' >"$TMP/unreadable.txt"
    run "extract: unreadable table" 1 extract --report "$TMP/unreadable.txt"
    has "extract: unreadable table named with its lines" "$TMP/err" "gpb_basic        unreadable lines 2-4, tab-separated rows, 2 numeric cells, 0 records (its header rows name no amount column)"
    # columns of another year: 上年 to year - 1 (derived), 增减 / 增减率 as changes, 决算数 said
    printf '%s\n' '2023年部门预算' '一般公共预算“三公”经费支出表' '单位：元' \
        "$(printf '项目\t2022年预算数\t2023年预算数\t增减额\t增减率\t2021年决算数')" \
        "$(printf '合计\t100,000\t80,000\t-20,000\t-20.00%%\t90,000')" \
        "$(printf '公务接待费\t20,000\t20,000\t0\t0.00%%\t20,000')" >"$TMP/years.txt"
    run "extract: year columns" 0 extract --unit y --report "$TMP/years.txt"
    has "extract: this year's column" "$TMP/out" "y,2023,budget,three_public,total,合计,total,8.00,years.txt:5"
    has "extract: last year's column to year - 1" "$TMP/out" "y,2022,budget,three_public,total,合计,total,10.00,derived: previous-year column of years.txt:5"
    has "extract: 增减额 is a change" "$TMP/out" "y,2023,budget,three_public,total,合计,change,-2.00,years.txt:5"
    has "extract: 增减率 percent, not converted from 元" "$TMP/out" "y,2023,budget,three_public,total,合计,change_pct,-20.00,years.txt:5"
    has "extract: 决算数 column said, not read" "$TMP/err" "years.txt:5:6: note: table 'three_public': column 6 holds figures of another year or of spending, not this budget; its figures are not read"
    has "extract: report counts previous-year records" "$TMP/err" "tables: 10 numeric cells -> 8 records (2 of them from previous-year columns)"
    if grep -q "90,000\|9.00" "$TMP/out"; then bad "extract: a 决算数 figure was read"; else ok; fi
    # 千元 and 亿元 captions are converted exactly; a numbered title is still a title
    printf '%s\n' '2023年部门预算' '附表2：部门支出总表' '单位：千元' \
        "$(printf '科目编码\t科目名称\t合计')" "$(printf '201\t一般公共服务支出\t1,234.5')" \
        '部门收入总表' '单位：亿元' "$(printf '项目\t合计')" "$(printf '合计\t1.23')" >"$TMP/units.txt"
    run "extract: 千元 and 亿元" 0 extract --unit u --report "$TMP/units.txt"
    has "extract: 千元 to 万元" "$TMP/out" "u,2023,budget,expenditure,201,一般公共服务支出,total,123.45,units.txt:5"
    has "extract: 亿元 to 万元" "$TMP/out" "u,2023,budget,revenue,total,合计,total,12300.00,units.txt:9"
    has "extract: report names the unit" "$TMP/err" "expenditure      read       lines 2-5, tab-separated rows, in 千元"
    # output files are replaced only when the run succeeds
    echo "previous" >"$TMP/keep.csv"
    run "extract missing input" 1 extract -o "$TMP/keep.csv" "$TMP/no-such-file.txt"
    if [ "$(cat "$TMP/keep.csv")" = "previous" ]; then ok; else bad "extract: a failed run replaced the output"; fi
    printf '预算收支总表\n\t项目\n' >"$TMP/noyear.txt"
    run "extract without a year" 1 extract -o "$TMP/keep.csv" "$TMP/noyear.txt"
    has "extract without a year: says so" "$TMP/err" "no budget year found"
    if [ "$(cat "$TMP/keep.csv")" = "previous" ]; then ok; else bad "extract: a run without a year replaced the output"; fi
    printf '部门预算支出总表\n科目编码\t科目名称\t合计\n201\t一般公共服务支出\t1.2.3\n202\t\t5.00\n' >"$TMP/badcell.txt"
    run "extract: text in an amount column" 1 extract --year 2023 "$TMP/badcell.txt"
    has "extract: bad cell named with file:line:column" "$TMP/err" "badcell.txt:3:3: error: table 'expenditure': '1.2.3' in the total column is not an amount; not read"
    has "extract: the good row still read" "$TMP/out" "badcell,2023,budget,expenditure,202,,total,5.00,badcell.txt:4"
    run "extract usage" 2 extract
    run "extract help" 0 extract --help
    has "extract help text" "$TMP/out" "usage: budgetkit extract DOC.txt"
else
    skip "extraction of the seed documents" "$SEEDS_DIR not found (../shared/seeds)"
fi
# ---- extract: the document front door: a PDF through pdftotext, other encodings and binary
# data refused, each in one line ----
# one_line NAME TEXT: stderr is that line and nothing else
one_line() {
    if [ "$(cat "$TMP/err")" = "$2" ] && [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok; else
        bad "$1: stderr is not the one line '$2'"; sed 's/^/  | /' "$TMP/err" | head -5 >&2
    fi
}
DOCS_DIR=${DOCUMENTS:-../shared/documents}
WANLI="$DOCS_DIR/shanghai_putuo_wanli_street_2023_dept_budget"
if [ -f "$WANLI.pdf" ]; then
    run "extract PDF" 0 extract --unit w "$WANLI.pdf"
    # read from the PDF's page 10 (2023年部门财务收支预算总表, 单位：元): 收入总计 164,978,640 and
    # 七、城乡社区支出 121,319,878; sources name the PDF and the line of pdftotext's text
    has "extract PDF: 收入总计 in 万元" "$TMP/out" "w,2023,budget,summary,revenue_total,收入总计,total,16497.864,\"shanghai_putuo_wanli_street_2023_dept_budget.pdf:220 (page 10, line 27)\""
    has "extract PDF: 城乡社区支出" "$TMP/out" "w,2023,budget,summary,212,城乡社区支出,total,12131.9878,\"shanghai_putuo_wanli_street_2023_dept_budget.pdf:213 (page 10, line 20)\""
    # the kind is known by the bytes, not the name
    cp "$WANLI.pdf" "$TMP/pdf-named.txt"
    run "extract PDF named .txt" 0 extract --unit w "$TMP/pdf-named.txt"
    has "extract PDF named .txt: read as a PDF" "$TMP/out" "w,2023,budget,summary,revenue_total,收入总计,total,16497.864,\"pdf-named.txt:220 (page 10, line 27)\""
    # every published PDF gives the records of its text (made by the same pdftotext, poppler
    # 22.12), apart from the file name in the sources
    for pdf in "$DOCS_DIR"/*.pdf; do
        doc=$(basename "$pdf" .pdf)
        $BK extract --unit u "$pdf" 2>/dev/null | sed "s/$doc\.pdf:/$doc.txt:/" >"$TMP/from-pdf.csv"
        $BK extract --unit u "$DOCS_DIR/$doc.txt" >"$TMP/from-txt.csv" 2>/dev/null
        if [ "$(wc -l <"$TMP/from-txt.csv")" -gt 10 ] && cmp -s "$TMP/from-pdf.csv" "$TMP/from-txt.csv"; then ok; else
            bad "extract $doc: the PDF's records differ from the text's"; diff "$TMP/from-txt.csv" "$TMP/from-pdf.csv" | head -5 >&2
        fi
    done
    # a source names the PDF's page and the line on it: that line of the page, as pdftotext
    # prints the page alone, is the line the record was read from
    $BK extract --unit u "$WANLI.pdf" 2>/dev/null | sed -n 's/.*:\([0-9]*\) (page \([0-9]*\), line \([0-9]*\))"$/\1 \2 \3/p' |
        awk 'NR % 40 == 1' >"$TMP/pages"
    checked=0
    while read -r line page at; do
        want=$(sed -n "${line}p" "$WANLI.txt" | tr -d '\f')
        got=$(pdftotext -f "$page" -l "$page" -layout "$WANLI.pdf" - | sed -n "${at}p" | tr -d '\f')
        if [ -n "$want" ] && [ "$want" = "$got" ]; then ok; else bad "extract PDF: line $line is not line $at of page $page"; fi
        checked=$((checked + 1))
    done <"$TMP/pages"
    if [ "$checked" -ge 10 ]; then ok; else bad "extract PDF: only $checked page sources checked"; fi
    # a PDF cut short
    head -c 100000 "$WANLI.pdf" >"$TMP/cut.pdf"
    run "extract: truncated PDF" 1 extract "$TMP/cut.pdf"
    one_line "extract: truncated PDF" "budgetkit extract: $TMP/cut.pdf: damaged PDF, pdftotext cannot read it (Syntax Error: Couldn't read xref table)"
else
    skip "the shared PDF documents" "$DOCS_DIR not found (../shared/documents)"
fi
# Fixtures (tests/fixtures/make-pdf-fixtures.sh): one page of text, the same encrypted, a scan.
FIX=tests/fixtures
run "extract: encrypted PDF" 1 extract "$FIX/encrypted.pdf"
one_line "extract: encrypted PDF" "budgetkit extract: $FIX/encrypted.pdf: encrypted PDF, pdftotext cannot open it without its password (Command Line Error: Incorrect password); ask for an unprotected copy"
run "extract: scanned PDF" 1 extract "$FIX/scan.pdf"
one_line "extract: scanned PDF" "budgetkit extract: $FIX/scan.pdf: no text layer (a scanned document?); budgetkit does not OCR"
head -c 300 "$FIX/text.pdf" >"$TMP/cut-small.pdf"
run "extract: small truncated PDF" 1 extract "$TMP/cut-small.pdf"
one_line "extract: small truncated PDF" "budgetkit extract: $TMP/cut-small.pdf: damaged PDF, pdftotext cannot read it (Syntax Error: Couldn't read xref table)"
# the page's text reaches the extractor (it has no year to find)
run "extract: fixture PDF read" 1 extract "$FIX/text.pdf"
one_line "extract: fixture PDF read" "budgetkit extract: $FIX/text.pdf: no budget year found (预算年度 or a title's '20XX年'); give --year"
run "extract: fixture PDF with --year" 0 extract --year 2023 "$FIX/text.pdf"
# pdftotext missing from PATH (not under valgrind, which is itself found on PATH)
if [ -z "${VALGRIND:-}" ]; then
    mkdir -p "$TMP/empty-bin"
    (PATH="$TMP/empty-bin"; export PATH; $BK extract "$FIX/text.pdf" >"$TMP/out" 2>"$TMP/err"; echo $? >"$TMP/rc")
    if [ "$(cat "$TMP/rc")" -eq 1 ]; then ok; else bad "extract without pdftotext: exit $(cat "$TMP/rc")"; fi
    one_line "extract without pdftotext" "budgetkit extract: $FIX/text.pdf is a PDF; reading it needs pdftotext, which is not installed: apt-get install poppler-utils"
fi
# text in GB18030 and UTF-16: refused with the iconv line, which then makes a readable file
printf '2023年部门预算\n部门收支总表\n单位：万元\n项目\t预算数\n收入总计\t1.50\n' >"$TMP/doc.txt"
run "extract: UTF-8 document" 0 extract --unit d "$TMP/doc.txt"
has "extract: UTF-8 document read" "$TMP/out" "d,2023,budget,summary,revenue_total,收入总计,total,1.50,doc.txt:5"
iconv -f UTF-8 -t GB18030 "$TMP/doc.txt" >"$TMP/gb.txt"
run "extract: GB18030 text" 1 extract --unit d "$TMP/gb.txt"
one_line "extract: GB18030 text" "budgetkit extract: $TMP/gb.txt: text in GB18030 (GBK), not UTF-8; convert it first: iconv -f GB18030 -t UTF-8 $TMP/gb.txt > $TMP/gb.utf8.txt"
sh -c "$(sed 's/.*convert it first: //' "$TMP/err")"
run "extract: GB18030 text converted as told" 0 extract --unit d "$TMP/gb.utf8.txt"
has "extract: GB18030 text converted as told" "$TMP/out" "d,2023,budget,summary,revenue_total,收入总计,total,1.50,gb.utf8.txt:5"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$TMP/doc.txt"; } >"$TMP/u16.txt"
run "extract: UTF-16 text" 1 extract "$TMP/u16.txt"
one_line "extract: UTF-16 text" "budgetkit extract: $TMP/u16.txt: text in UTF-16LE (it starts with a byte-order mark), not UTF-8; convert it first: iconv -f UTF-16LE -t UTF-8 $TMP/u16.txt > $TMP/u16.utf8.txt"
iconv -f UTF-8 -t UTF-16BE "$TMP/doc.txt" >"$TMP/u16be.txt"
run "extract: UTF-16BE text without a mark" 1 extract "$TMP/u16be.txt"
one_line "extract: UTF-16BE text without a mark" "budgetkit extract: $TMP/u16be.txt: text in UTF-16BE, not UTF-8; convert it first: iconv -f UTF-16BE -t UTF-8 $TMP/u16be.txt > $TMP/u16be.utf8.txt"
{ printf '\357\273\277'; cat "$TMP/doc.txt"; } >"$TMP/bom.txt"
run "extract: UTF-8 with a byte-order mark" 0 extract --unit d "$TMP/bom.txt"
has "extract: UTF-8 with a byte-order mark read" "$TMP/out" "d,2023,budget,summary,revenue_total,收入总计,total,1.50,bom.txt:5"
# random bytes, and a file that merely starts like text
head -c 4096 /dev/urandom >"$TMP/random.bin"
run "extract: random binary" 1 extract "$TMP/random.bin"
if grep -qxE "budgetkit extract: $TMP/random.bin: not a PDF or a text document \(binary data at byte [0-9]+\)" "$TMP/err" &&
    [ "$(wc -l <"$TMP/err")" -eq 1 ]; then ok; else bad "extract: random binary: not the one line"; sed 's/^/  | /' "$TMP/err" | head -3 >&2; fi
{ printf 'PK\003\004'; head -c 512 /dev/zero; } >"$TMP/zip.docx"
run "extract: zip archive" 1 extract "$TMP/zip.docx"
one_line "extract: zip archive" "budgetkit extract: $TMP/zip.docx: not a PDF or a text document (binary data at byte 2)"
