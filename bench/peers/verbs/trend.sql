-- trend.sql — `budgetkit trend --metric total` on the panel view items (items.sql): per unit
-- and stage with records, the series of its 支出合计 over the years that disclose it, first to
-- last (a unit-stage that never does is a series of no years). Prints the series, the years
-- in them and the exact sum of their changes (last − first).
WITH points AS (
    SELECT unit, stage, year, value
    FROM items
    WHERE "table" = 'expenditure' AND code = 'total' AND measure = 'total' AND value IS NOT NULL
), series AS (
    SELECT s.unit, s.stage, count(p.value) AS years,
           coalesce(arg_max(p.value, p.year) - arg_min(p.value, p.year), 0) AS change
    FROM (SELECT DISTINCT unit, stage FROM items) AS s
    LEFT JOIN points AS p USING (unit, stage)
    GROUP BY s.unit, s.stage
)
SELECT 'series ' || count(*) FROM series
UNION ALL SELECT 'years ' || sum(years) FROM series
UNION ALL SELECT 'change_sum ' || CAST(sum(change) AS DECIMAL(38, 6)) FROM series;
