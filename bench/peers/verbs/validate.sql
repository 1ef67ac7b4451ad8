-- validate.sql — the arithmetic `budgetkit validate` reconciles in the panel, on the view
-- items (items.sql): in every table and measure, a 类 (3 digits) against its 款 (5) and a 款
-- against its 项 (7), the 合计 row against its 类, and each row's total against the basic and
-- project it prints, wherever every part is disclosed (a blank part cannot be checked). Prints
-- the number of these sums that do not hold to the cent.
WITH rows AS (
    SELECT unit, year, stage, "table" AS tbl, code, measure, value FROM items
), children AS (
    SELECT unit, year, stage, tbl, measure,
           CASE WHEN length(code) = 3 THEN 'total' ELSE substr(code, 1, length(code) - 2) END
               AS parent,
           sum(value) AS computed
    FROM rows
    WHERE regexp_full_match(code, '[0-9]{3}|[0-9]{5}|[0-9]{7}')
    GROUP BY ALL
    HAVING count(value) = count(*)
), hierarchy AS (
    SELECT count(*) AS gaps
    FROM children AS c
    JOIN rows AS p
      ON p.unit = c.unit AND p.year = c.year AND p.stage = c.stage AND p.tbl = c.tbl
     AND p.measure = c.measure AND p.code = c.parent
    WHERE p.value <> c.computed
), parts AS (
    -- the parts a row prints (a row without a project line sums its basic alone)
    SELECT count(*) AS gaps
    FROM (SELECT unit, year, stage, tbl, code,
                 max(value) FILTER (WHERE measure = 'total') AS total,
                 count(*) FILTER (WHERE measure IN ('basic', 'project')) AS parts,
                 count(value) FILTER (WHERE measure IN ('basic', 'project')) AS disclosed,
                 sum(value) FILTER (WHERE measure IN ('basic', 'project')) AS computed
          FROM rows GROUP BY ALL)
    WHERE parts > 0 AND disclosed = parts AND total <> computed
)
SELECT 'gaps ' || (SELECT gaps FROM hierarchy) + (SELECT gaps FROM parts);
