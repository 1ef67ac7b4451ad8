-- summary.sql — `budgetkit summary` (CSV) on a partitioned dataset (`budgetkit partition DATASET
-- -o DIR`), the same bytes as `budgetkit summary DATASET` prints: one row per unit, year and
-- stage with the headline figures, each taken from the most authoritative place that discloses
-- it (analytics/summary.c: the standard tables first, then the narrative). Run it with the
-- partition directory as the working directory; it returns one text column, line, the first
-- row the header.
--
-- Written for DuckDB (sql/run.js, or `duckdb -list -noheader < summary.sql`). The rest is the
-- SQL Spark SQL and Trino also run; what differs per engine is marked "engine:". Throughout:
-- the column "table" is a reserved word, quoted the standard way, which Trino and DuckDB take;
-- Spark quotes identifiers with backticks (`table`) and casts text to STRING, not VARCHAR (the read is
-- as in shares.sql).
--
-- Exactness: amounts stay text until cast to DECIMAL(38, 6), budgetkit's 10⁻⁶ 万元 (ingest/
-- money.h), and are printed as budgetkit prints money: two to six decimals, zeros past the
-- second dropped (1332.44, 3.50, 0.312). Nothing is computed, so nothing is rounded.
WITH items AS (
    SELECT *
    FROM read_csv('city=*/year=*/items.csv', hive_partitioning = true, header = true,
                  auto_detect = false, delim = ',', quote = '"', escape = '"',
                  columns = {'unit': 'VARCHAR', 'stage': 'VARCHAR', 'table': 'VARCHAR',
                             'code': 'VARCHAR', 'name': 'VARCHAR', 'measure': 'VARCHAR',
                             'amount': 'VARCHAR', 'source': 'VARCHAR', 'input': 'BIGINT',
                             'line': 'BIGINT'},
                  hive_types = {'city': 'VARCHAR', 'year': 'INTEGER'})
),
units AS (
    -- engine: Spark: a csv view over units.csv with header 'true'; Trino: a CSV table.
    SELECT id, name
    FROM read_csv('units.csv', header = true, auto_detect = false, delim = ',', quote = '"',
                  escape = '"',
                  columns = {'id': 'VARCHAR', 'name': 'VARCHAR', 'unit_code': 'VARCHAR',
                             'city': 'VARCHAR', 'county': 'VARCHAR', 'level': 'VARCHAR',
                             'kind': 'VARCHAR'})
),
places (headline, priority, tbl, code, measure) AS (
    -- where each headline figure is looked for, most authoritative first (summary.c)
    VALUES
        ('total', 1, 'summary', 'expenditure_total', 'total'),
        ('total', 2, 'expenditure', 'total', 'total'),
        ('total', 3, 'narrative', 'expenditure_total', 'total'),
        ('total', 4, 'narrative', 'revenue_total', 'total'),
        ('basic', 1, 'expenditure', 'total', 'basic'),
        ('basic', 2, 'narrative', 'basic', 'total'),
        ('project', 1, 'expenditure', 'total', 'project'),
        ('project', 2, 'narrative', 'project', 'total'),
        ('personnel', 1, 'gpb_basic', 'total', 'personnel'),
        ('personnel', 2, 'narrative', 'personnel', 'total'),
        ('public', 1, 'gpb_basic', 'total', 'public'),
        ('public', 2, 'narrative', 'public', 'total'),
        ('gpb', 1, 'summary', 'gpb', 'total'),
        ('gpb', 2, 'fiscal_summary', 'gpb', 'total'),
        ('gpb', 3, 'narrative', 'gpb', 'total'),
        ('gf', 1, 'summary', 'gf', 'total'),
        ('gf', 2, 'fiscal_summary', 'gf', 'total'),
        ('gf', 3, 'narrative', 'gf', 'total'),
        ('soc', 1, 'summary', 'soc', 'total'),
        ('soc', 2, 'fiscal_summary', 'soc', 'total'),
        ('soc', 3, 'narrative', 'soc', 'total'),
        ('special_account', 1, 'summary', 'special_account', 'total'),
        ('special_account', 2, 'narrative', 'special_account', 'total'),
        ('unit_funds', 1, 'summary', 'unit_funds', 'total'),
        ('unit_funds', 2, 'narrative', 'unit_funds', 'total'),
        ('carryover', 1, 'summary', 'carryover_in', 'total'),
        ('carryover', 2, 'narrative', 'carryover_in', 'total'),
        ('three_public', 1, 'three_public', 'three_public', 'total'),
        ('three_public', 2, 'narrative', 'three_public', 'total'),
        ('abroad', 1, 'three_public', 'abroad', 'total'),
        ('abroad', 2, 'narrative', 'abroad', 'total'),
        ('vehicle_purchase', 1, 'three_public', 'vehicle_purchase', 'total'),
        ('vehicle_purchase', 2, 'narrative', 'vehicle_purchase', 'total'),
        ('vehicle_operation', 1, 'three_public', 'vehicle_operation', 'total'),
        ('vehicle_operation', 2, 'narrative', 'vehicle_operation', 'total'),
        ('reception', 1, 'three_public', 'reception', 'total'),
        ('reception', 2, 'narrative', 'reception', 'total'),
        ('operating', 1, 'operating', 'total', 'total'),
        ('operating', 2, 'three_public', 'operating', 'total'),
        ('operating', 3, 'narrative', 'operating', 'total'),
        ('procurement', 1, 'procurement', 'total', 'total'),
        ('procurement', 2, 'narrative', 'procurement', 'total')
),
found AS (
    -- the first record with an amount of the first place that has one; among records of one
    -- figure budgetkit takes the first by file (byte order of paths) and line, which is what
    -- input and line record
    SELECT i.unit, i.year, i.stage, p.headline,
           -- money as budgetkit prints it: the six decimals of DECIMAL(38, 6) as text, up to
           -- four trailing zeros dropped
           regexp_replace(CAST(CAST(i.amount AS DECIMAL(38, 6)) AS VARCHAR), '0{1,4}$', '')
               AS text,
           CASE WHEN i.source LIKE 'derived:%' THEN 'narrative (derived from a stated change)'
                ELSE i."table" END AS origin,
           row_number() OVER (PARTITION BY i.unit, i.year, i.stage, p.headline
                              ORDER BY p.priority, i.input, i.line) AS rank
    FROM items AS i
    JOIN places AS p ON i."table" = p.tbl AND i.code = p.code AND i.measure = p.measure
    WHERE i.amount IS NOT NULL
),
unit_years AS (
    -- every unit, year and stage with a record; the partition's city is the unit's city in
    -- units.csv, NULL (written blank) for a unit not there
    SELECT DISTINCT unit, year, stage, city FROM items
),
cells AS (
    -- text cells as budgetkit's CSV writes them (cli/emit.c): one that a spreadsheet would run
    -- as a formula (= + - @ tab CR first) after a ', then quoted when it holds , " CR or LF
    SELECT u.unit, u.year, u.stage, u.city, n.name,
           CASE WHEN substr(u.unit, 1, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                THEN '''' || u.unit ELSE u.unit END AS unit_text,
           CASE WHEN substr(n.name, 1, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                THEN '''' || n.name ELSE coalesce(n.name, '') END AS name_text,
           CASE WHEN substr(u.city, 1, 1) IN ('=', '+', '-', '@', chr(9), chr(13))
                THEN '''' || u.city ELSE coalesce(u.city, '') END AS city_text
    FROM unit_years AS u
    LEFT JOIN units AS n ON n.id = u.unit
),
quoted AS (
    SELECT unit, year, stage,
           CASE WHEN regexp_matches(unit_text, '[,"\r\n]')
                THEN '"' || replace(unit_text, '"', '""') || '"' ELSE unit_text END AS unit_csv,
           CASE WHEN regexp_matches(name_text, '[,"\r\n]')
                THEN '"' || replace(name_text, '"', '""') || '"' ELSE name_text END AS name_csv,
           CASE WHEN regexp_matches(city_text, '[,"\r\n]')
                THEN '"' || replace(city_text, '"', '""') || '"' ELSE city_text END AS city_csv
    FROM cells
)
SELECT line
FROM (
    SELECT 0 AS header, NULL AS unit, NULL AS year, NULL AS stage,
           'unit,name,city,year,stage,total,basic,project,personnel,public,gpb,gf,soc,special_account,unit_funds,carryover,three_public,abroad,vehicle_purchase,vehicle_operation,reception,operating,procurement,total_from' AS line
    UNION ALL
    SELECT 1, q.unit, q.year, q.stage,
           q.unit_csv || ',' || q.name_csv || ',' || q.city_csv || ',' ||
           CAST(q.year AS VARCHAR) || ',' || q.stage || ',' ||
           coalesce(max(CASE WHEN f.headline = 'total' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'basic' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'project' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'personnel' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'public' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'gpb' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'gf' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'soc' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'special_account' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'unit_funds' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'carryover' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'three_public' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'abroad' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'vehicle_purchase' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'vehicle_operation' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'reception' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'operating' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'procurement' THEN f.text END), '') || ',' ||
           coalesce(max(CASE WHEN f.headline = 'total' THEN f.origin END), '')
    FROM quoted AS q
    LEFT JOIN found AS f
           ON f.unit = q.unit AND f.year = q.year AND f.stage = q.stage AND f.rank = 1
    GROUP BY q.unit, q.year, q.stage, q.unit_csv, q.name_csv, q.city_csv
) AS out
-- bytewise order of unit ids, then year, then stage: 'budget' before 'final', as budgetkit's
-- index orders its stages
ORDER BY header, unit, year, stage;
