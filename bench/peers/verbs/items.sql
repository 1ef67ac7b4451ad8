-- items.sql — the panel as the verbs' queries read it (bench/peers/verbs-duckdb.js): every
-- column as text the way `read_csv` gives it, the year as an integer, the amount without its
-- thousands separators (as text, for sql/summary.sql, and as exact DECIMAL(18, 6), budgetkit's
-- 10⁻⁶ 万元, as value), and the columns sql/summary.sql reads from a partitioned dataset: the
-- city (the panel has no units file, so none) and the order of a record (one record per
-- figure in the panel, so none is needed). @ITEMS@ is VIEW (read at each query) or TABLE
-- (read once, for the report's several queries). DECIMAL(18, 6) holds any amount under 10¹²
-- 万元; sums widen to DECIMAL(38, 6).
CREATE @ITEMS@ items AS
SELECT unit, CAST(year AS INTEGER) AS year, stage, "table", code, name, measure,
       replace(amount, ',', '') AS amount,
       CAST(replace(amount, ',', '') AS DECIMAL(18, 6)) AS value,
       source, 0 AS input, 0 AS line, CAST(NULL AS VARCHAR) AS city
FROM read_csv('@FILE@', header = true, all_varchar = true, delim = ',', quote = '"',
              escape = '"');
