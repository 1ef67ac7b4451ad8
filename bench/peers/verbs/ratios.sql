-- ratios.sql — `budgetkit ratios --by function` (类 of total expenditure) on the panel view
-- items (items.sql): every 类 row of the 支出总表 with an amount, its share of the unit-year's
-- 支出合计 at two decimals, rounded once, half away from zero, in 128-bit integers of 10⁻⁶
-- 万元 (blank when the total is not disclosed or is 0). Prints what bench/run.py compares:
-- the rows, the exact sum of their amounts and the sum of their shares in 0.01 %.
WITH totals AS (
    SELECT unit, year, stage, CAST(CAST(value AS DECIMAL(38, 6)) * 1000000 AS HUGEINT) AS total
    FROM items
    WHERE "table" = 'expenditure' AND code = 'total' AND measure = 'total'
), classes AS (
    SELECT unit, year, stage, value, CAST(CAST(value AS DECIMAL(38, 6)) * 1000000 AS HUGEINT) AS micro
    FROM items
    WHERE "table" = 'expenditure' AND measure = 'total' AND value IS NOT NULL
      AND regexp_full_match(code, '[0-9]{3}')
), shares AS (
    SELECT c.value,
           CASE WHEN t.total IS NULL OR t.total = 0 THEN NULL
                ELSE sign(c.micro) * sign(t.total) *
                     ((2 * abs(c.micro) * 10000 + abs(t.total)) // (2 * abs(t.total))) END
               AS hundredths
    FROM classes AS c LEFT JOIN totals AS t USING (unit, year, stage)
)
SELECT 'rows ' || count(*) FROM shares
UNION ALL SELECT 'amount_sum ' || CAST(coalesce(sum(value), 0) AS DECIMAL(38, 6)) FROM shares
UNION ALL SELECT 'share_sum_hundredths ' || coalesce(sum(hundredths), 0) FROM shares;
