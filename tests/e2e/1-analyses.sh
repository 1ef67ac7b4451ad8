# tests/e2e/1-analyses.sh — validate, summary, ratios, usage, bad input, yoy, percapita, compare, trend, completeness, cofog and plot on the bundled datasets.
# Sourced by tests/e2e.sh, whose helpers (run, has, hasnt, skip, ok, bad) and $TMP it uses;
# the parts run in order and later ones read what earlier ones wrote into $TMP.

# ---- validate on the bundled datasets ----
run "validate datasets" 0 validate datasets
has "validate: 大同 basic rounding" "$TMP/out" "rounding: row datong-sasac 2023: gpb_basic 合计: total = personnel + public: stated 723.97, computed 723.98 (difference -0.01)"
has "validate: 丰润 change inconsistency" "$TMP/out" "inconsistency: narrative tangshan-fengrun-party-office 2023: narrative: expenditure_total change = personnel + public + project: stated 135.25, computed -26.46 (difference 161.71)"
has "validate: sources of both sides" "$TMP/out" "stated at tangshan_fengrun_party_office_2023_budget.txt:1527"
has "validate: accounting line" "$TMP/err" "rows = "
has "validate: no errors" "$TMP/err" "0 errors"
hasnt "validate: nothing rejected" "$TMP/err" "error:"

run "validate csv" 0 validate --format csv datasets
has "validate csv header" "$TMP/out" "severity,rule,unit,year,stage,what,stated,computed,difference,stated_source,computed_sources"
run "validate json" 0 validate --format json datasets
has "validate json" "$TMP/out" '"severity": "inconsistency"'

# ---- summary ----
run "summary" 0 summary datasets
for want in \
    "langfang-sasac,廊坊市人民政府国有资产监督管理委员会,廊坊市,2023,budget,8294.46," \
    "datong-sasac,大同市人民政府国有资产监督管理委员会,大同市,2023,budget,1332.44,723.97,608.47,650.47,73.51,1008.68,323.76," \
    "langfang-guangyang-gov-office,廊坊市广阳区人民政府办公室本级,廊坊市,2023,budget,2087.56," \
    "langfang-dachang-hitech-zone,大厂高新技术产业开发区管理委员会,廊坊市,2024,budget,48780.62," \
    "tangshan-fengrun-party-office,中国共产党唐山市丰润区委员会办公室,唐山市,2023,budget,1274.78," \
    ",2022,budget,8365.13," ",2022,budget,1520.59," ",2022,budget,1644.62," \
    ",2023,budget,153896.37," ",2022,budget,1139.53,"; do
    has "summary row" "$TMP/out" "$want"
done
has "summary header" "$TMP/out" "unit,name,city,year,stage,total,basic,project,personnel,public,gpb,gf,soc,special_account,unit_funds,carryover,three_public,abroad,vehicle_purchase,vehicle_operation,reception,operating,procurement,total_from"
run "summary md" 0 summary --format md datasets
has "summary md" "$TMP/out" "| datong-sasac | 大同市人民政府国有资产监督管理委员会 | 大同市 | 2023 | budget | 1332.44 |"
run "summary json" 0 summary --format json datasets
has "summary json number" "$TMP/out" '"total": 1332.44'
has "summary json blank is null" "$TMP/out" '"personnel": null'
# Default data: run from the repository root without a path.
run "summary default data" 0 summary
has "summary default" "$TMP/out" "8294.46"

# ---- ratios: the 大同 narrative states its own shares; ratios must reproduce them ----
run "ratios fund" 0 ratios --by fund datasets
has "ratios fund gpb" "$TMP/out" "datong-sasac,2023,budget,fund,gpb,一般公共预算,1008.68,75.70,收入总计,1332.44,"
has "ratios fund gf" "$TMP/out" "datong-sasac,2023,budget,fund,gf,政府性基金预算,323.76,24.30,收入总计,1332.44,"
has "ratios narrative-only unit" "$TMP/out" "langfang-sasac,2023,budget,fund,soc,国有资本经营预算,1796.00,21.65,收入总计,8294.46,"
run "ratios basic-project" 0 ratios --by basic-project datasets
has "ratios basic" "$TMP/out" "datong-sasac,2023,budget,basic-project,basic,基本支出,723.97,54.33,"
has "ratios project" "$TMP/out" "datong-sasac,2023,budget,basic-project,project,项目支出,608.47,45.67,"
run "ratios function gpb" 0 ratios --by function --fund gpb datasets
for want in "208,社会保障和就业支出,215.39,21.35" "210,卫生健康支出,23.17,2.30" \
    "212,城乡社区支出,116.68,11.57" "215,资源勘探工业信息等支出,582.59,57.76" "221,住房保障支出,70.86,7.03"; do
    has "ratios function gpb $want" "$TMP/out" "datong-sasac,2023,budget,function,$want,一般公共预算支出合计,1008.68,"
done
run "ratios economic 款" 0 ratios --by economic --level 款 datasets
has "ratios economic" "$TMP/out" "datong-sasac,2023,budget,economic,30101,基本工资,203.68,28.13,基本支出合计,723.97,"
run "ratios three-public" 0 ratios --by three-public --format json datasets
has "ratios json share" "$TMP/out" '"share_pct": 100.00'
run "ratios without --by" 2 ratios datasets
run "ratios bad level" 2 ratios --by fund --level 款 datasets
run "ratios bad fund" 2 ratios --by function --fund xx datasets

# ---- usage ----
run "no verb" 2
run "unknown verb" 2 frobnicate
run "bad format" 2 summary --format xml datasets
run "unknown option" 2 validate --frob datasets
run "help" 0 --help
has "help lists verbs" "$TMP/out" "validate"
run "verb help" 0 validate --help
has "validate help" "$TMP/out" "Exit status"

# ---- bad input: error names file, line, column and text; exit 1; nothing silently lost ----
cp datasets/units.csv "$TMP/units.csv"
cat >"$TMP/items.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
datong-sasac,2023,budget,expenditure,total,合计,total,"1,332.44",x.txt:1
datong-sasac,2023,budget,expenditure,total,合计,basic,1.2.3,x.txt:2
datong-sasac,2023,budget,expenditure,total,合计,project,,x.txt:3
CSV
run "bad amount" 1 validate "$TMP/units.csv" "$TMP/items.csv"
has "bad amount location" "$TMP/err" "items.csv:3:8: error: amount '1.2.3'"
has "bad amount accounting" "$TMP/err" "8 rows = 7 accepted + 1 rejected"
run "summary reports and goes on" 1 summary "$TMP/units.csv" "$TMP/items.csv"
has "summary still prints" "$TMP/out" "1332.44"
run "summary --strict prints nothing" 1 summary --strict "$TMP/units.csv" "$TMP/items.csv"
if [ -s "$TMP/out" ]; then bad "strict summary printed a table"; else ok; fi

printf 'unit,year,stage,table,code,name,measure,amount,source\nnobody,2023,budget,narrative,expenditure_total,支出,total,1,x.txt:1\n' >"$TMP/orphan.csv"
run "unknown unit" 1 validate "$TMP/units.csv" "$TMP/orphan.csv"
has "unknown unit message" "$TMP/out" "unknown unit 'nobody'"

run "missing file" 1 validate "$TMP/does-not-exist.csv"
has "missing file message" "$TMP/err" "does-not-exist.csv: error: cannot open"

printf 'foo,bar\n1,2\n' >"$TMP/strange.csv"
run "unknown header" 1 validate "$TMP/strange.csv"
has "unknown header message" "$TMP/err" "is not one of the known kinds"

printf 'unit,year,stage,table,code,name,measure,amount,source\ndatong-sasac,2023,budget,expenditure,total,"合计,total,1,x\n' >"$TMP/quote.csv"
run "unbalanced quote" 1 validate "$TMP/units.csv" "$TMP/quote.csv"
has "unbalanced quote line" "$TMP/err" "quote.csv:2:6: error: quote opened in field 6 is never closed"

: >"$TMP/empty.csv"
run "empty file" 1 validate "$TMP/empty.csv"
has "empty file message" "$TMP/err" "empty.csv: error: file is empty"

# ---- yoy: the changes the documents state ----
run "yoy" 0 yoy --what headline datasets
for want in \
    "datong-sasac,2023,budget,2022,headline,summary,total,支出总计,1520.59,1332.44,-188.15,-12.37,changed,-188.15,-12.37," \
    "datong-sasac,2023,budget,2022,headline,summary,gpb,一般公共预算,1227.03,1008.68,-218.35,-17.80,changed,-218.35,-17.80," \
    "datong-sasac,2023,budget,2022,headline,operating,operating,机关运行经费,85.67,73.51,-12.16,-14.19,changed,-12.16,-14.19," \
    "langfang-sasac,2023,budget,2022,headline,narrative,total,支出总计,8365.13,8294.46,-70.67,-0.84,changed,-70.67," \
    "langfang-guangyang-gov-office,2023,budget,2022,headline,summary,total,支出总计,1644.62,2087.56,442.94,26.93,changed,442.94," \
    "langfang-dachang-hitech-zone,2024,budget,2023,headline,summary,total,支出总计,153896.37,48780.62,-105115.75,-68.30,changed,-105115.75," \
    "tangshan-fengrun-party-office,2023,budget,2022,headline,summary,total,支出总计,1139.53,1274.78,135.25,11.87,changed,135.25," \
    "langfang-dachang-hitech-zone,2024,budget,2023,headline,gpb_basic,personnel,人员经费,,1611.82,,,previous not disclosed,"; do
    has "yoy row" "$TMP/out" "$want"
done
hasnt "yoy: derived-only years are not current years" "$TMP/out" "datong-sasac,2022,"
run "yoy filtered json" 0 yoy --what headline --unit datong-sasac --format json datasets
has "yoy json change" "$TMP/out" '"change_wan": -188.15'
hasnt "yoy filter keeps one unit" "$TMP/out" "langfang"
run "yoy bad --what" 2 yoy --what everything datasets
has "yoy bad --what message" "$TMP/err" "--what is headline, lines or all"
run "yoy bad --table" 2 yoy --table nonsense datasets
run "yoy --city through the units file" 0 yoy --what headline --city 大同市 datasets
has "yoy --city keeps 大同" "$TMP/out" "datong-sasac,2023,"
hasnt "yoy --city drops 廊坊" "$TMP/out" "langfang"
run "validate refuses row filters" 2 validate --unit datong-sasac datasets

# ---- percapita: 13,324,400 元 / 3,100,000 residents (大同 2022) = 4.2982 ----
run "percapita" 0 percapita datasets
has "percapita 大同" "$TMP/out" "datong-sasac,大同市人民政府国有资产监督管理委员会,大同市,大同市,2023,budget,total,1332.44,3100000,常住人口,2022,-1,4.2982,元/人,nearest year (1 year earlier),"
has "percapita 丰润 same year" "$TMP/out" "tangshan-fengrun-party-office,中国共产党唐山市丰润区委员会办公室,唐山市,丰润区,2023,budget,total,1274.78,798600,常住人口,2023,0,15.9627,元/人,same year,"
run "percapita max gap" 0 percapita --max-gap 3 --unit langfang-dachang-hitech-zone datasets
has "percapita gap refused" "$TMP/out" "nearest figure (2020) is 4 years away, over the maximum 3"
run "percapita staff" 0 percapita --per staff datasets
has "percapita no staff" "$TMP/out" "no staff figure for the unit"
if [ "$(grep -c '^datong-sasac,' "$TMP/out")" -eq 2 ]; then ok; else bad "percapita staff keeps every unit-year"; fi
run "percapita bad metric" 2 percapita --metric nonsense datasets

# ---- compare: the two 国资委 as peers (8294.46 and 1332.44: mean 4813.45, sd 4922.89) ----
run "compare" 0 compare --metric total --peer-by kind datasets
has "compare 廊坊国资委" "$TMP/out" "sasac,langfang-sasac,廊坊市人民政府国有资产监督管理委员会,廊坊市,sasac,city,2023,total,8294.46,万元,2,4813.45,4922.89,1332.44,3072.94,4813.45,6553.95,8294.46,0.707,75.0,1,"
has "compare 大同国资委" "$TMP/out" "sasac,datong-sasac,大同市人民政府国有资产监督管理委员会,大同市,sasac,city,2023,total,1332.44,万元,2,4813.45,4922.89,1332.44,3072.94,4813.45,6553.95,8294.46,-0.707,25.0,2,"
has "compare group of one" "$TMP/out" "only unit of its peer group with a value: no spread"
# 大厂 has 2024 only, the others 2023 only: no year common to all, so each at its latest, said
has "compare: years differ, said" "$TMP/out" "langfang-dachang-hitech-zone,大厂高新技术产业开发区管理委员会,廊坊市,dev-zone,county,2024,total,"
has "compare: years differ note" "$TMP/out" "no year common to all units: each at its latest"
run "compare by level" 0 compare --metric per_resident --peer-by level --format md datasets
has "compare county offices" "$TMP/out" "| county | langfang-guangyang-gov-office |"
run "compare hhi" 0 compare --metric hhi datasets
has "compare hhi missing" "$TMP/out" "no function classes disclosed"
run "compare without metric" 2 compare datasets
run "compare --year is not a choice" 2 compare --metric total --year 2023 datasets

# ---- trend ----
run "trend" 0 trend --metric total datasets
has "trend 大同" "$TMP/out" "datong-sasac,大同市人民政府国有资产监督管理委员会,大同市,budget,total,万元,2,2022,2023,1520.59,1332.44,-188.15,-12.37,,,,2022:1520.59; 2023:1332.44,1 of 2 years derived from stated changes,"
run "trend share" 0 trend --metric share:basic --unit langfang-sasac datasets
has "trend share series" "$TMP/out" "2022:38.98; 2023:39.38"
run "trend bad metric" 2 trend --metric share:nothing datasets

# ---- completeness: scores computed by hand from datasets/disclosures/*.csv ----
run "completeness" 0 completeness datasets
has "completeness header" "$TMP/out" "unit,city,year,stage,item,name,kind,status,evidence,records,title,source,note"
has "completeness 大同 soc empty" "$TMP/out" "datong-sasac,大同市,2023,budget,soc,国有资本经营预算表,table,empty,listed,0,2023年国有资本经营预算收支预算表（不含上年结转）,datong_sasac_2023_budget.txt:310,"
has "completeness 大同 gpb_basic" "$TMP/out" "datong-sasac,大同市,2023,budget,gpb_basic,一般公共预算基本支出表,table,disclosed,listed,41,"
has "completeness 大厂 procurement narrative missing" "$TMP/out" "langfang-dachang-hitech-zone,廊坊市,2024,budget,narrative_procurement,政府采购说明,narrative,missing,none,0,,,"
has "completeness 廊坊国资委 no tables" "$TMP/out" "langfang-sasac,廊坊市,2023,budget,summary,收支总表,table,missing,none,0,,,"
hasnt "completeness: derived-only years not audited" "$TMP/out" ",2022,budget,"
has "completeness: derived-only years named" "$TMP/err" "no document of that year and stage read): datong-sasac 2022 budget; langfang-dachang-hitech-zone 2023 budget;"
if [ "$(wc -l <"$TMP/out")" -eq 66 ]; then ok; else bad "completeness: expected 65 rows (5 unit-years x 13 items) and a header"; fi
run "completeness scores" 0 completeness --scores datasets
has "completeness scores header" "$TMP/out" "unit,name,city,year,stage,basis,tables_disclosed,tables_empty,tables_missing,narrative_disclosed,narrative_empty,narrative_missing,score_pct,missing,noted"
# 大同: 8 tables + soc empty + 4 narrative = 13/13; 大厂: no 政府采购 narrative row, 12/13;
# 廊坊国资委: only the notes document, 4 narrative items of 13.
for want in \
    "datong-sasac,大同市人民政府国有资产监督管理委员会,大同市,2023,budget,listed,8,1,0,4,0,0,100.00,," \
    "langfang-dachang-hitech-zone,大厂高新技术产业开发区管理委员会,廊坊市,2024,budget,listed,7,2,0,3,0,1,92.31,政府采购说明," \
    "langfang-guangyang-gov-office,廊坊市广阳区人民政府办公室本级,廊坊市,2023,budget,listed,7,2,0,4,0,0,100.00,," \
    "langfang-sasac,廊坊市人民政府国有资产监督管理委员会,廊坊市,2023,budget,listed,0,0,9,4,0,0,30.77,收支总表;收入总表;支出总表;财政拨款收支总表;一般公共预算支出表;一般公共预算基本支出表;“三公”经费支出表;政府性基金预算支出表;国有资本经营预算表," \
    "tangshan-fengrun-party-office,中国共产党唐山市丰润区委员会办公室,唐山市,2023,budget,listed,7,2,0,4,0,0,100.00,,"; do
    has "completeness score row" "$TMP/out" "$want"
done
run "completeness scores md" 0 completeness --scores --format md datasets
has "completeness md" "$TMP/out" "| langfang-dachang-hitech-zone | 大厂高新技术产业开发区管理委员会 | 廊坊市 | 2024 | budget | listed | 7 | 2 | 0 | 3 | 0 | 1 | 92.31 | 政府采购说明 |  |"
run "completeness json filtered" 0 completeness --format json --unit datong-sasac datasets
has "completeness json status" "$TMP/out" '"item": "soc", "name": "国有资本经营预算表", "kind": "table", "status": "empty"'
has "completeness json blank note is null" "$TMP/out" '"note": null'
hasnt "completeness filter keeps one unit" "$TMP/out" "langfang"
has "completeness filter applies to the stderr list" "$TMP/err" "datong-sasac 2022 budget"
hasnt "completeness stderr list filtered too" "$TMP/err" "langfang"
run "completeness help" 0 completeness --help
has "completeness help: derived years" "$TMP/out" "derived"
cat >"$TMP/disclosures.csv" <<'CSV'
unit,year,stage,table,status,title,source
datong-sasac,2023,budget,gf_expenditure,empty,政府性基金预算支出表,x.txt:1
CSV
cat >"$TMP/items2.csv" <<'CSV'
unit,year,stage,table,code,name,measure,amount,source
datong-sasac,2023,budget,gf_expenditure,total,合计,total,323.76,x.txt:2
datong-sasac,2023,budget,gpb_basic,total,合计,total,723.97,x.txt:3
CSV
run "completeness contradiction" 0 completeness "$TMP/units.csv" "$TMP/disclosures.csv" "$TMP/items2.csv"
has "completeness contradiction note" "$TMP/out" "gf_expenditure,政府性基金预算支出表,table,empty,listed,1,政府性基金预算支出表,x.txt:1,\"listed as empty, but its records hold nonzero amounts (1 of 1; first: x.txt:2)\""
has "completeness records only" "$TMP/out" "gpb_basic,一般公共预算基本支出表,table,disclosed,records only,1,,,"

# ---- ratios --by cofog: function 类 summed into COFOG divisions through datasets/crosswalk/ ----
run "validate crosswalk" 0 validate datasets/crosswalk/cofog.csv
has "crosswalk: every row accepted" "$TMP/err" "29 rows = 29 accepted + 0 rejected"
# Every 类 of the reference classification has a row.
REF_FUNCTIONS="${SEEDS:-../shared/seeds}/../reference/function_classification.csv"
if [ -f "$REF_FUNCTIONS" ]; then
    missing=$(awk -F, 'FILENAME == ARGV[1] { have[$1] = 1; next } $2 == "类" && !($1 in have) { print $1 }' \
        datasets/crosswalk/cofog.csv "$REF_FUNCTIONS")
    if [ -z "$missing" ]; then ok; else bad "crosswalk lacks reference 类: $missing"; fi
fi
# 大同 一般公共预算 (合计 1008.68, datasets/items/datong-sasac.csv): 215 582.59 -> 04;
# 212 116.68 + 221 70.86 = 187.54 -> 06, 18.592616 % (the rounded function shares 11.57 + 7.03
# would say 18.60); 210 23.17 -> 07; 208 215.39 -> 10.
run "ratios cofog gpb" 0 ratios --by cofog --fund gpb --unit datong-sasac datasets
has "ratios cofog header" "$TMP/out" "unit,year,stage,dimension,key,name,amount_wan,share_pct,denominator,denominator_wan,source,confidence"
for want in "04,Economic affairs 经济事务,582.59,57.76" \
    "06,Housing and community amenities 住房和社区设施,187.54,18.59" \
    "07,Health 卫生,23.17,2.30" "10,Social protection 社会保护,215.39,21.35"; do
    has "ratios cofog gpb $want" "$TMP/out" "datong-sasac,2023,budget,cofog,$want,一般公共预算支出合计,1008.68,"
done
has "ratios cofog sources and confidence" "$TMP/out" ",derived: 212 (datong_sasac_2023_budget.txt:240) + 221 (datong_sasac_2023_budget.txt:249),medium"
if [ "$(wc -l <"$TMP/out")" -eq 5 ]; then ok; else bad "ratios cofog gpb: expected 4 rows"; fi
hasnt "ratios cofog gpb: nothing unmapped" "$TMP/out" "unmapped"
run "ratios cofog json" 0 ratios --by cofog --format json --unit datong-sasac datasets
has "ratios cofog json whole budget" "$TMP/out" '"key": "06", "name": "Housing and community amenities 住房和社区设施", "amount_wan": 511.30, "share_pct": 38.37'
# A crosswalk that maps only 215: the other classes are unmapped, not dropped (426.10 = 42.24 %).
printf 'function_class,function_name,cofog_division,cofog_name,confidence,note\n215,资源勘探工业信息等支出,04,Economic affairs,high,\n' >"$TMP/cofog-215.csv"
run "ratios cofog partial crosswalk" 0 ratios --by cofog --fund gpb datasets/units.csv datasets/items/datong-sasac.csv "$TMP/cofog-215.csv"
has "ratios cofog unmapped row" "$TMP/out" "datong-sasac,2023,budget,cofog,unmapped,not mapped to a COFOG division 未对应COFOG分类,426.10,42.24,一般公共预算支出合计,1008.68,derived: 208 (datong_sasac_2023_budget.txt:233; not in the crosswalk) + 210"
run "ratios cofog without a crosswalk" 1 ratios --by cofog datasets/units.csv datasets/items
has "ratios cofog without a crosswalk: message" "$TMP/err" "--by cofog needs a crosswalk file"
hasnt "ratios cofog without a crosswalk: no rows" "$TMP/out" "datong-sasac"
run "ratios cofog with --level" 2 ratios --by cofog --level 款 datasets

# ---- plot: every kind renders; hostile names cannot run commands or break the SVG ----
if command -v gnuplot >/dev/null 2>&1; then
    for kind in structure heatmap three-public compare percapita yoy trend; do
        run "plot $kind svg" 0 plot "$kind" -o "$TMP/$kind.svg" datasets
        if [ "$(wc -c <"$TMP/$kind.svg" 2>/dev/null || echo 0)" -gt 5000 ] && grep -q '</svg>' "$TMP/$kind.svg"; then ok; else bad "plot $kind: no complete SVG"; fi
    done
    has "plot: Chinese text in the SVG" "$TMP/structure.svg" "支出功能分类结构"
    run "plot png" 0 plot compare -o "$TMP/compare.png" datasets
    if [ "$(head -c 8 "$TMP/compare.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then ok; else bad "plot png: not a PNG"; fi
    run "plot pdf" 0 plot trend -o "$TMP/trend.pdf" datasets
    if head -c 5 "$TMP/trend.pdf" | grep -q '%PDF-'; then ok; else bad "plot pdf: not a PDF"; fi
    # hostile unit names: quotes, backslash, newline, @, _, ^, braces, backquotes, system()
    printf 'id,name,unit_code,city,county,level,kind\nevil,"A\047b""c\\d\n@x_y^{z} `touch %s/pwned1` system(""touch %s/pwned2"")",1,"X\047市`touch %s/pwned3`",,city,sasac\n' "$TMP" "$TMP" "$TMP" >"$TMP/evil-units.csv"
    printf 'unit,year,stage,table,code,name,measure,amount,source\nevil,2023,budget,expenditure,total,合计,total,10.00,e:1\nevil,2023,budget,expenditure,201,"x\047 `touch %s/pwned4`",total,10.00,e:2\nevil,2023,budget,three_public,three_public,三公,total,1.00,e:3\n' "$TMP" >"$TMP/evil-items.csv"
    for kind in structure heatmap three-public compare percapita yoy trend; do
        run "plot hostile $kind" 0 plot "$kind" -o "$TMP/evil-$kind.svg" "$TMP/evil-units.csv" "$TMP/evil-items.csv"
    done
    if ls "$TMP"/pwned* >/dev/null 2>&1; then bad "plot: a name ran a command"; else ok; fi
    run "plot hostile script" 0 plot compare --script "$TMP/evil-units.csv" "$TMP/evil-items.csv"
    has "plot script: quote doubled, newline gone, name shortened" "$TMP/out" "array L[1] = ['A''b\"c\\d @x_y…/pwned2\")']"
    run "plot hostile script, series" 0 plot structure --script "$TMP/evil-units.csv" "$TMP/evil-items.csv"
    has "plot script: backquotes stay inside a single-quoted string" "$TMP/out" "array S[1] = ['201 x'' \`touch…"
    if command -v xmllint >/dev/null 2>&1; then
        if xmllint --noout "$TMP/evil-compare.svg" 2>/dev/null; then ok; else bad "plot hostile: SVG not well-formed"; fi
    else
        skip "SVG well-formedness" "apt-get install libxml2-utils"
    fi
    run "plot bad kind" 2 plot pie -o "$TMP/x.svg" datasets
    run "plot bad extension" 2 plot compare -o "$TMP/x.gif" datasets
    BK_GNUPLOT=/nonexistent/gnuplot $BK plot compare -o "$TMP/never.svg" datasets >"$TMP/out" 2>"$TMP/err"
    if [ $? -eq 1 ]; then ok; else bad "plot missing gnuplot: exit status"; fi
    has "plot missing gnuplot message" "$TMP/err" "cannot run /nonexistent/gnuplot"
    if [ -e "$TMP/never.svg" ]; then bad "plot: failed run left a file"; else ok; fi
else
    echo "e2e: gnuplot not installed; plot checks skipped" >&2
    bad "gnuplot missing"
fi

# Every text a reader meets in the briefing in $2 (HTML, SVG, briefing.xlsx) is Chinese and
# names no unit of the units file $3 by its id: tests/reader_text.py lists the texts that do.
reader_text_chinese() {
    if ! /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
        bad "python3-openpyxl is missing: $1's texts are not read (apt-get install python3-openpyxl)"
    elif /usr/bin/python3 tests/reader_text.py "$2" "$3" >"$TMP/reader-text.log" 2>&1; then ok
    else bad "$1: English a reader meets"; sed 's/^/  | /' "$TMP/reader-text.log" | tail -8 >&2; fi
}
