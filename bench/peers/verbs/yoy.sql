-- yoy.sql — `budgetkit yoy` (the headline figures against the previous year) on the panel
-- view items (items.sql). The panel's headline figures are the 支出总表's 合计 row: total,
-- basic and project. A figure is compared where both years disclose it; prints the number of
-- comparisons and the exact sum of their changes.
WITH headline AS (
    SELECT unit, year, stage, measure AS key, value
    FROM items
    WHERE "table" = 'expenditure' AND code = 'total' AND measure IN ('total', 'basic', 'project')
), pairs AS (
    SELECT c.value - p.value AS change
    FROM headline AS c
    JOIN headline AS p
      ON p.unit = c.unit AND p.stage = c.stage AND p.key = c.key AND p.year = c.year - 1
    WHERE c.value IS NOT NULL AND p.value IS NOT NULL
)
SELECT 'compared ' || count(*) FROM pairs
UNION ALL SELECT 'change_sum ' || CAST(coalesce(sum(change), 0) AS DECIMAL(38, 6)) FROM pairs;
