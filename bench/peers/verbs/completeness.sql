-- completeness.sql — `budgetkit completeness` on the panel view items (items.sql): for every
-- unit, year and stage, which of the nine standard tables has records. Prints the unit-years
-- and, per table, how many unit-years disclose it.
WITH standard (tbl) AS (
    VALUES ('summary'), ('revenue'), ('expenditure'), ('fiscal_summary'), ('gpb_expenditure'),
           ('gpb_basic'), ('gf_expenditure'), ('soc'), ('three_public')
), unit_years AS (
    SELECT DISTINCT unit, year, stage FROM items
), disclosed AS (
    SELECT DISTINCT unit, year, stage, "table" AS tbl FROM items
)
SELECT line FROM (
    SELECT 0 AS k, 'unit_years ' || count(*) AS line FROM unit_years
    UNION ALL
    SELECT 1, 'disclosed_' || s.tbl || ' ' || count(d.tbl)
    FROM standard AS s LEFT JOIN disclosed AS d ON d.tbl = s.tbl
    GROUP BY s.tbl
) ORDER BY k, line;
