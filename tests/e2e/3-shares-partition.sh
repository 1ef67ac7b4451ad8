# tests/e2e/3-shares-partition.sh — shares, partition and its SQL, -o FILE, the unit id from the document.
# Sourced by tests/e2e.sh, whose helpers (run, has, hasnt, skip, ok, bad) and $TMP it uses;
# the parts run in order and later ones read what earlier ones wrote into $TMP.

# ---- shares: the streaming verb ----
printf 'unit,year,stage,table,code,name,measure,amount,source\n' >"$TMP/panel.csv"
printf 'langfang-sasac,2023,budget,expenditure,2080501,\047行政,单位\047,total,"1,000.00",a.txt:1\n' | tr "\047" '"' >>"$TMP/panel.csv"
printf 'langfang-sasac,2023,budget,expenditure,2010101,行政运行,total,2000,a.txt:2\n' >>"$TMP/panel.csv"
printf 'langfang-sasac,2023,budget,expenditure,2010102,机关服务,total,,a.txt:3\n' >>"$TMP/panel.csv"
printf 'datong-sasac,2023,budget,expenditure,2010101,行政运行,total,-1.5,a.txt:4\n' >>"$TMP/panel.csv"
printf 'datong-sasac,2023,budget,expenditure,2050101,行政运行,total,3,a.txt:5\n' >>"$TMP/panel.csv"
printf 'datong-sasac,2023,final,expenditure,2050101,行政运行,total,99,a.txt:6\n' >>"$TMP/panel.csv"
run "shares" 0 shares "$TMP/panel.csv"
if [ "$(cat "$TMP/out")" = "city,year,class,amount,share_pct
datong,2023,201,-1.50,-100.0000
datong,2023,205,3.00,200.0000
langfang,2023,201,2000.00,66.6667
langfang,2023,208,1000.00,33.3333" ]; then ok; else bad "shares: table"; sed 's/^/  | /' "$TMP/out" >&2; fi
has "shares: accounting" "$TMP/err" "6 rows = 6 accepted + 0 rejected"
run "shares 1 thread" 0 shares --threads 1 "$TMP/panel.csv"
printf 'datong-sasac,20x3,budget,expenditure,2050101,行政运行,total,3,a.txt:8\n' >>"$TMP/panel.csv"
run "shares: bad row" 1 shares "$TMP/panel.csv"
has "shares: bad row named" "$TMP/err" "panel.csv:8:2: error: year '20x3'"
has "shares: bad row counted" "$TMP/err" "7 rows = 6 accepted + 1 rejected"
has "shares: table still printed" "$TMP/out" "langfang,2023,208,1000.00,33.3333"
run "shares --strict" 1 shares --strict "$TMP/panel.csv"
if [ -s "$TMP/out" ]; then bad "shares --strict printed a table"; else ok; fi
run "shares: no file" 2 shares
run "shares: bad threads" 2 shares --threads 0 "$TMP/panel.csv"
run "shares: missing file" 1 shares "$TMP/none.csv"
has "shares: missing file named" "$TMP/err" "none.csv: error: cannot read"
run "shares --help" 0 shares --help
# ---- partition: datasets as city=/year= partitions, and the SQL of sql/ on them ----
run "partition" 0 partition datasets -o "$TMP/parts"
has "partition: accounting" "$TMP/err" "read 19 files: 1416 item rows = 1416 written + 0 rejected; 8 files of other kinds checked, not partitioned (inputs.csv)"
has "partition: partitions" "$TMP/err" "wrote 7 partitions to $TMP/parts"
has "partition: a partition" "$TMP/parts/partitions.csv" "廊坊市,2023,city=廊坊市/year=2023/items.csv,358"
has "partition: units beside" "$TMP/parts/units.csv" "datong-sasac,大同市人民政府国有资产监督管理委员会,115,大同市,,city,sasac"
has "partition: inputs" "$TMP/parts/inputs.csv" "7,datasets/items/datong-sasac.csv,items,344,344,0"
# the columns kept: city and year are in the path; input and line say where the row was read
if [ "$(head -n 1 "$TMP/parts/city=大同市/year=2023/items.csv")" = "unit,stage,table,code,name,measure,amount,source,input,line" ]; then ok; else bad "partition: items header"; fi
has "partition: a row, its input and line" "$TMP/parts/city=大同市/year=2023/items.csv" "datong-sasac,budget,summary,expenditure_total,支出总计,total,1332.44,datong_sasac_2023_budget.txt:"
run "partition: DIR exists" 2 partition datasets -o "$TMP/parts"
has "partition: DIR exists said" "$TMP/err" "$TMP/parts exists: give --force to replace it"
run "partition --force" 0 partition --force datasets -o "$TMP/parts"
if [ -z "$(ls -A "$TMP" | grep '^\.parts\.')" ]; then ok; else bad "partition --force: staging or old directory left"; fi
mkdir -p "$TMP/notparts" && : >"$TMP/notparts/keep.txt"
run "partition --force: not a partition directory" 2 partition --force datasets -o "$TMP/notparts"
has "partition: foreign DIR kept" "$TMP/err" "not replaced, even with --force"
if [ -f "$TMP/notparts/keep.txt" ]; then ok; else bad "partition --force removed a directory it did not write"; fi
run "partition: no -o" 2 partition datasets
run "partition --help" 0 partition --help

# A dataset that tries the SQL: a city escaped in the path, a unit without a city, text a
# spreadsheet would run, quotes and commas, one figure twice (first by file, then by line),
# a blank figure before a disclosed one, amounts with 3-6 decimals and separators, a final.
mkdir -p "$TMP/tricky"
cat >"$TMP/tricky/units.csv" <<'CSV'
id,name,unit_code,city,county,level,kind
u-a,"甲,乙局",1,"a/b=c%",,city,x
x-b,=SUM(1),2,廊坊市,,city,x
-c,"say ""hi""",3,大 同,,county,x
CSV
cat >"$TMP/tricky/a.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
x-b,2023,budget,expenditure,total,合计,total,"1,234.5678",a.txt:1
x-b,2023,budget,summary,expenditure_total,支出总计,total,,a.txt:2
x-b,2023,budget,expenditure,2010101,行政运行,total,0.312,a.txt:3
x-b,2023,budget,expenditure,2080501,"行政,单位",total,-5,a.txt:4
x-b,2023,budget,three_public,three_public,三公,total,100.5,a.txt:5
x-b,2023,budget,three_public,three_public,三公,total,300,a.txt:6
u-a,2024,final,expenditure,total,合计,total,7,a.txt:7
u-a,2024,budget,expenditure,2010101,行政运行,total,2.125,a.txt:8
u-a,2024,budget,expenditure,2050101,教育,total,3.333333,a.txt:9
zz-missing,2022,budget,narrative,expenditure_total,预算,total,9.9,derived: 10 - (0.1) from z.txt:3
-c,2023,budget,gpb_basic,total,合计,personnel,1.000001,c.txt:1
CSV
cat >"$TMP/tricky/b.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
x-b,2023,budget,three_public,three_public,三公,total,200,b.txt:1
x-b,2023,budget,expenditure,total,合计,total,999,b.txt:2
u-a,2024,budget,expenditure,2010101,行政运行,total,-2.125,b.txt:3
CSV
run "partition: tricky" 0 partition "$TMP/tricky" -o "$TMP/tricky-parts"
for d in "city=a%2Fb%3Dc%25/year=2024" "city=__HIVE_DEFAULT_PARTITION__/year=2022" "city=大 同/year=2023"; do
    if [ -f "$TMP/tricky-parts/$d/items.csv" ]; then ok; else bad "partition: $d/items.csv missing"; fi
done
has "partition: amounts canonical" "$TMP/tricky-parts/city=廊坊市/year=2023/items.csv" "x-b,budget,expenditure,total,合计,total,1234.5678,a.txt:1,1,2"
has "partition: a blank stays blank" "$TMP/tricky-parts/city=廊坊市/year=2023/items.csv" "x-b,budget,summary,expenditure_total,支出总计,total,,a.txt:2,1,3"
has "partition: quoted name" "$TMP/tricky-parts/city=廊坊市/year=2023/items.csv" '"行政,单位"'

# Byte identity: the SQL in DuckDB against budgetkit, on the bundled data and the tricky set.
duck=""
if command -v duckdb >/dev/null 2>&1; then duck=cli
elif command -v node >/dev/null 2>&1 && [ -f bench/node_modules/@duckdb/node-api/package.json ]; then duck=node; fi
duck_sql() { # duck_sql SQL DIR > OUT
    if [ "$duck" = cli ]; then (cd "$2" && duckdb -list -noheader) <"$1"; else node sql/run.js "$1" "$2" 2; fi
}
if [ -z "$duck" ]; then
    skip "partition: byte identity of sql/shares.sql and sql/summary.sql in DuckDB" \
        "(cd bench && npm ci) for @duckdb/node-api (apt-get install nodejs npm), or the DuckDB CLI"
else
    $BK shares datasets/items/*.csv datasets/transcribed/*.csv >"$TMP/shares-bk.csv" 2>/dev/null
    $BK summary datasets >"$TMP/summary-bk.csv" 2>/dev/null
    $BK shares "$TMP/tricky/a.csv" "$TMP/tricky/b.csv" >"$TMP/tricky-shares-bk.csv" 2>/dev/null
    $BK summary "$TMP/tricky" >"$TMP/tricky-summary-bk.csv" 2>/dev/null
    for pair in "parts:" "tricky-parts:tricky-"; do
        dir=${pair%%:*}; pre=${pair#*:}
        for q in shares summary; do
            if duck_sql "sql/$q.sql" "$TMP/$dir" >"$TMP/$pre$q-sql.csv" 2>"$TMP/err" &&
                cmp -s "$TMP/$pre$q-sql.csv" "$TMP/$pre$q-bk.csv"; then ok; else
                bad "partition: sql/$q.sql on $dir ($duck) differs from budgetkit $q"
                sed 's/^/  | /' "$TMP/err" >&2
                diff "$TMP/$pre$q-sql.csv" "$TMP/$pre$q-bk.csv" | head -5 >&2
            fi
        done
    done
    has "partition: the tricky summary (formula, quotes, first figure)" "$TMP/tricky-summary-bk.csv" "x-b,'=SUM(1),廊坊市,2023,budget,1234.5678,,,,,,,,,,,100.50,"
fi

# Every row written or reported: a bad row is named with file:line, counted, and in inputs.csv;
# a city that cannot be a directory name rejects each row of its units.
long=$(printf '%0300d' 0 | tr 0 x)
mkdir -p "$TMP/badparts-in"
printf 'id,name,unit_code,city,county,level,kind\nlong-u,长,1,%s,,city,x\n' "$long" >"$TMP/badparts-in/units.csv"
cat >"$TMP/badparts-in/items.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
ok-u,2023,budget,expenditure,total,合计,total,1,a.txt:1
ok-u,20x3,budget,expenditure,total,合计,total,1,a.txt:2
ok-u,2023,budget,expenditurez,total,合计,total,1,a.txt:3
long-u,2023,budget,expenditure,total,合计,total,1,a.txt:4
ok-u,2023,budget,expenditure,total,合计,total,1,
CSV
run "partition: bad rows" 1 partition "$TMP/badparts-in" -o "$TMP/badparts"
has "partition: bad year named" "$TMP/err" "badparts-in/items.csv:3:2: error: year '20x3'"
has "partition: unknown table named" "$TMP/err" "badparts-in/items.csv:4:4: error: table 'expenditurez': expected a table id of docs/SCHEMA.md"
has "partition: refused city named" "$TMP/err" "badparts-in/items.csv:5: error: unit 'long-u' is in city '$long' ($TMP/badparts-in/units.csv:2), which cannot name a partition directory"
has "partition: missing source named" "$TMP/err" "badparts-in/items.csv:6:9: error: source '': expected a value (it is required)"
has "partition: bad rows counted" "$TMP/err" "5 item rows = 1 written + 4 rejected"
has "partition: inputs.csv counts" "$TMP/badparts/inputs.csv" "items,5,1,4"
run "partition --strict" 1 partition --strict "$TMP/badparts-in" -o "$TMP/badparts-strict"
if [ -e "$TMP/badparts-strict" ]; then bad "partition --strict wrote its directory"; else ok; fi
# ---- -o FILE: the table is written whole or not at all ----
run "summary -o" 0 summary -o "$TMP/summary.csv" datasets
if [ -s "$TMP/summary.csv" ] && [ ! -s "$TMP/out" ]; then ok; else bad "summary -o: file empty or table on stdout"; fi
cp "$TMP/summary.csv" "$TMP/summary.before"
run "summary -o, --strict refuses" 1 summary --strict -o "$TMP/summary.csv" "$TMP/units.csv" "$TMP/items.csv"
has "summary -o, --strict says so" "$TMP/err" "budgetkit summary: --strict: 1 error while reading, no output written"
if cmp -s "$TMP/summary.before" "$TMP/summary.csv"; then ok; else bad "summary -o: --strict run changed the previous file"; fi
# a write that fails midway (file size limit of 1 KiB; the table is over 2 KiB)
(ulimit -f 2; $BK summary -o "$TMP/summary.csv" datasets >"$TMP/out" 2>"$TMP/err")
if [ $? -eq 1 ] && cmp -s "$TMP/summary.before" "$TMP/summary.csv"; then ok; else bad "summary -o: a failed write changed the previous file"; fi
has "summary -o: failed write reported" "$TMP/err" "summary.csv: cannot write"
run "summary -o into a missing directory" 1 summary -o "$TMP/nowhere/x.csv" datasets
has "summary -o missing directory message" "$TMP/err" "nowhere/x.csv: cannot create a file beside it"
run "validate -o" 0 validate -o "$TMP/findings.txt" datasets
has "validate -o writes the findings" "$TMP/findings.txt" "inconsistency: narrative tangshan-fengrun-party-office 2023"
run "ratios -o json" 0 ratios --by fund --format json -o "$TMP/ratios.json" datasets
has "ratios -o json" "$TMP/ratios.json" '"share_pct": 75.70'
if ls -a "$TMP" | grep -q '^\.\(summary\|findings\|ratios\)'; then bad "-o left a temporary file"; else ok; fi
run "-o without a name" 2 summary -o
run "help names -o" 0 summary --help
has "help names -o" "$TMP/out" "-o FILE"
run "summary accounting line" 0 summary datasets
has "summary accounting line" "$TMP/err" "rows = "

# ---- the unit's id from the name the document discloses: two years of one unit share it ----
# u0ac56b4146709656 is FNV-1a 64 of the UTF-8 bytes of 上海市普陀区人民政府万里街道办事处, worked
# out apart from budgetkit: python3 -c 'h=0xcbf29ce484222325
# for b in "上海市普陀区人民政府万里街道办事处".encode(): h=((h^b)*0x100000001b3)%2**64
# print("u%016x"%h)'
ID_W23="$DOCS_DIR/shanghai_putuo_wanli_street_2023_dept_budget.txt"
ID_W24="$DOCS_DIR/shanghai_putuo_wanli_street_2024_dept_budget.txt"
if [ -f "$ID_W23" ] && [ -f "$ID_W24" ]; then
    run "unit id from the name, 2023" 0 extract --report -o "$TMP/id23.csv" "$ID_W23"
    has "unit id: name and jurisdiction reported" "$TMP/err" "unit u0ac56b4146709656, from the name 上海市普陀区人民政府万里街道办事处 (line 4); province '', city '上海市', district '普陀区'"
    run "unit id from the name, 2024" 0 extract -o "$TMP/id24.csv" "$ID_W24"
    for y in 23 24; do
        ids=$(tail -n +2 "$TMP/id$y.csv" | cut -d, -f1 | sort -u)
        if [ "$ids" = "u0ac56b4146709656" ]; then ok; else bad "unit id 20$y: records carry '$ids'"; fi
    done
    run "unit id: --unit still overrides" 0 extract --report --unit w -o "$TMP/id24w.csv" "$ID_W24"
    has "unit id: given" "$TMP/err" "unit w (given)"
    ids=$(tail -n +2 "$TMP/id24w.csv" | cut -d, -f1 | sort -u)
    if [ "$ids" = "w" ]; then ok; else bad "unit id with --unit: records carry '$ids'"; fi
fi
# --units: the disclosed name looked up in a units file, added when absent, found the next year
if [ -f "$ID_W23" ] && [ -f "$ID_W24" ]; then
    rm -f "$TMP/ids-units.csv"
    run "units file: created with the first year's unit" 0 extract --units "$TMP/ids-units.csv" -o "$TMP/id23.csv" "$ID_W23"
    has "units file: the addition is said" "$TMP/err" "note: unit u0ac56b4146709656 (上海市普陀区人民政府万里街道办事处) added to $TMP/ids-units.csv"
    has "units file: header" "$TMP/ids-units.csv" "id,name,unit_code,city,county,level,kind"
    # 市 and 区 from the name; a 区 makes it county level; the cover says 部门预算, so a department
    has "units file: the row" "$TMP/ids-units.csv" "u0ac56b4146709656,上海市普陀区人民政府万里街道办事处,,上海市,普陀区,county,department"
    run "units file: the next year finds the row" 0 extract --units "$TMP/ids-units.csv" -o "$TMP/id24.csv" "$ID_W24"
    hasnt "units file: nothing added the next year" "$TMP/err" "added to"
    if [ "$(wc -l <"$TMP/ids-units.csv")" -eq 2 ]; then ok; else bad "units file: $(wc -l <"$TMP/ids-units.csv") lines after two years of one unit, expected 2"; fi
    run "units file: loads" 0 validate "$TMP/ids-units.csv" "$TMP/id23.csv" "$TMP/id24.csv"
    # a person's id is kept: found by the name without its spaces, brackets of either width
    { echo "id,name,unit_code,city,county,level,kind"; echo "wanli,上海市普陀区 人民政府万里街道办事处,,上海市,普陀区,county,department"; } >"$TMP/ids-own.csv"
    run "units file: a chosen id" 0 extract --units "$TMP/ids-own.csv" -o "$TMP/id24.csv" "$ID_W24"
    ids=$(tail -n +2 "$TMP/id24.csv" | cut -d, -f1 | sort -u)
    if [ "$ids" = "wanli" ]; then ok; else bad "units file with a chosen id: records carry '$ids'"; fi
    # a file that is not a units file, or does not load, is refused and left as it was
    cp "$TMP/id23.csv" "$TMP/ids-items.csv"
    run "units file: an items file refused" 1 extract --units "$TMP/ids-items.csv" -o "$TMP/id24.csv" "$ID_W24"
    has "units file: says what it expected" "$TMP/err" "ids-items.csv: not a units file (expected the header id,name,unit_code,city,county,level,kind)"
    if cmp -s "$TMP/id23.csv" "$TMP/ids-items.csv"; then ok; else bad "units file: an items file was changed"; fi
    printf 'id,name,unit_code,city,county,level,kind\nx,某,,上海市,,nowhere,unit\n' >"$TMP/ids-bad.csv"
    cp "$TMP/ids-bad.csv" "$TMP/ids-bad.orig"
    run "units file: a bad row refused" 1 extract --units "$TMP/ids-bad.csv" -o "$TMP/id24.csv" "$ID_W24"
    has "units file: the bad row named" "$TMP/err" "ids-bad.csv:2:6: error: level 'nowhere'"
    has "units file: left as it is" "$TMP/err" "the units file does not load; it is left as it is"
    if cmp -s "$TMP/ids-bad.csv" "$TMP/ids-bad.orig"; then ok; else bad "units file: a file that does not load was changed"; fi
fi
# a name that does not begin with its 市 cannot make a units row (the city is required): said, not added
printf '大厂高新技术产业开发区管理委员会\n2024年部门预算\n' >"$TMP/nocity.txt"
rm -f "$TMP/nocity-units.csv"
run "units file: a name without its city" 0 extract --units "$TMP/nocity-units.csv" -o "$TMP/nocity.csv" "$TMP/nocity.txt"
has "units file: why not added" "$TMP/err" "(大厂高新技术产业开发区管理委员会) not added to $TMP/nocity-units.csv: the name does not begin with its 市, which a units row needs"
if [ ! -e "$TMP/nocity-units.csv" ]; then ok; else bad "units file: created for a unit it could not add"; fi
# a document that names no unit keeps the file's name, and says so
run "unit id: no name in the document" 0 extract --report -o "$TMP/idsas.csv" "$SEEDS_DIR/langfang_sasac_2023_budget_notes.txt"
has "unit id: the file's name, said" "$TMP/err" "unit langfang_sasac_2023_budget_notes, the file's name: the document names no unit"
