-- compare.sql — `budgetkit compare --metric total` on the panel view items (items.sql): each
-- unit's budget 支出合计 in the latest year every unit with a budget has, and the statistics
-- across units that bench/run.py compares: the year, how many units have a value, their exact
-- sum, the smallest and the largest.
WITH budgets AS (
    SELECT DISTINCT unit, year FROM items WHERE stage = 'budget' AND source NOT LIKE 'derived:%'
), years AS (
    SELECT year, count(*) AS units FROM budgets GROUP BY year
), common AS (
    SELECT max(year) AS year FROM years
    WHERE units = (SELECT count(DISTINCT unit) FROM budgets)
), v AS (
    SELECT i.value
    FROM items AS i, common AS c
    WHERE i.stage = 'budget' AND i.year = c.year AND i."table" = 'expenditure'
      AND i.code = 'total' AND i.measure = 'total' AND i.value IS NOT NULL
)
SELECT 'year ' || (SELECT year FROM common)
UNION ALL SELECT 'n ' || count(*) FROM v
UNION ALL SELECT 'sum ' || CAST(coalesce(sum(value), 0) AS DECIMAL(38, 6)) FROM v
UNION ALL SELECT 'min ' || CAST(min(value) AS DECIMAL(38, 6)) FROM v
UNION ALL SELECT 'max ' || CAST(max(value) AS DECIMAL(38, 6)) FROM v;
