-- shares.sql — `budgetkit shares` on a partitioned dataset (`budgetkit partition DATASET -o DIR`),
-- the same bytes as `budgetkit shares` prints for the item files of DATASET: per city, year and
-- function class (类), the exact sum of the budget-stage 项 lines of the 支出总表 and its share of
-- the city-year total. Run it with the partition directory as the working directory (paths
-- below are relative to it); it returns one text column, line, the first row the header.
--
-- Written for DuckDB (sql/run.js, or `duckdb -list -noheader < shares.sql`). The rest is the
-- SQL Spark SQL and Trino also run; what differs per engine is marked "engine:". Throughout:
-- the column "table" is a reserved word, quoted the standard way, which Trino and DuckDB take;
-- Spark quotes identifiers with backticks (`table`) and casts text to STRING, not VARCHAR.
--
-- Exactness: amounts are DECIMAL(38, 6) (budgetkit keeps 10⁻⁶ 万元 in 64 bits, ingest/money.h),
-- never DOUBLE, so sums are exact. The share is an integer quotient of integers, rounded once,
-- half away from zero, from the exact value, as budgetkit does (analytics/classshare.c). Not
-- the same beyond 64-bit money (sums past 9.2 × 10¹² 万元): budgetkit leaves those blank.
WITH items AS (
    -- engine: the read. Spark: CREATE TEMPORARY VIEW items USING csv OPTIONS (path '.',
    -- header 'true', basePath '.') discovers city= and year= itself (set
    -- spark.sql.sources.partitionColumnTypeInference.enabled=false to keep city text).
    -- Trino: a Hive connector table WITH (format = 'CSV', skip_header_line_count = 1,
    -- partitioned_by = ARRAY['city', 'year']) over DIR; its CSV columns are all VARCHAR.
    SELECT *
    FROM read_csv('city=*/year=*/items.csv', hive_partitioning = true, header = true,
                  auto_detect = false, delim = ',', quote = '"', escape = '"',
                  columns = {'unit': 'VARCHAR', 'stage': 'VARCHAR', 'table': 'VARCHAR',
                             'code': 'VARCHAR', 'name': 'VARCHAR', 'measure': 'VARCHAR',
                             'amount': 'VARCHAR', 'source': 'VARCHAR', 'input': 'BIGINT',
                             'line': 'BIGINT'},
                  hive_types = {'city': 'VARCHAR', 'year': 'INTEGER'})
),
lines AS (
    -- shares' city is the unit id up to its first '-' (langfang-sasac → langfang), the
    -- convention of unit ids, not the partition's city (the units file's 廊坊市).
    -- engine: split_part is DuckDB's and Trino's; Spark: substring_index(unit, '-', 1).
    -- engine: regexp_matches is DuckDB's; Spark: code RLIKE '...'; Trino: regexp_like.
    SELECT split_part(unit, '-', 1) AS id_city, year, substr(code, 1, 3) AS class,
           CAST(amount AS DECIMAL(38, 6)) AS amount
    FROM items
    WHERE stage = 'budget' AND "table" = 'expenditure' AND measure = 'total'
      AND amount IS NOT NULL AND regexp_matches(code, '^[0-9]{7}$')
),
groups AS (
    SELECT id_city, year, class, sum(amount) AS amount
    FROM lines
    GROUP BY id_city, year, class
),
totals AS (
    -- the sums in 10⁻⁶ 万元 as integers: the share's quotient needs up to 86 bits.
    -- engine: HUGEINT is DuckDB's 128-bit integer; Spark and Trino: DECIMAL(38, 0).
    SELECT id_city, year, class, amount,
           CAST(amount * 1000000 AS HUGEINT) AS a,
           CAST(sum(amount) OVER (PARTITION BY id_city, year) * 1000000 AS HUGEINT) AS t
    FROM groups
),
shares AS (
    -- share_pct in 10⁻⁴ %: 100 × a / t × 10⁴ = a × 10⁶ / t, half away from zero:
    -- floor((2|a|·10⁶ + |t|) / 2|t|), then the sign.
    -- engine: // is DuckDB's integer division; Spark: div; Trino: the DECIMAL(38, 0) quotient
    -- abs(a) * 1000000 / abs(t) is already rounded half away from zero.
    SELECT *,
           CASE WHEN t = 0 THEN NULL
                ELSE (2 * abs(a) * 1000000 + abs(t)) // (2 * abs(t)) END AS q
    FROM totals
)
SELECT line
FROM (
    SELECT 0 AS header, NULL AS id_city, NULL AS year, NULL AS class,
           'city,year,class,amount,share_pct' AS line
    UNION ALL
    -- amount with two decimals, ROUND being half away from zero on DECIMAL in all three
    -- engines; a share that rounds to 0 has no sign, as budgetkit prints it.
    SELECT 1, id_city, year, class,
           id_city || ',' || CAST(year AS VARCHAR) || ',' || class || ',' ||
           CAST(CAST(round(amount, 2) AS DECIMAL(38, 2)) AS VARCHAR) || ',' ||
           CASE WHEN q IS NULL THEN ''
                ELSE CASE WHEN q <> 0 AND (a < 0) <> (t < 0) THEN '-' ELSE '' END ||
                     CAST(q // 10000 AS VARCHAR) || '.' ||
                     lpad(CAST(q % 10000 AS VARCHAR), 4, '0') END
    FROM shares
) AS out
-- bytewise order: DuckDB, Spark and Trino compare VARCHAR by code point (= UTF-8 bytes).
ORDER BY header, id_city, year, class;
