// The benchmark workload in DuckDB (see bench/README.md). Usage: node shares-duckdb.js FILE THREADS
'use strict';
const { DuckDBInstance } = require('@duckdb/node-api');

async function main() {
  const [path, threads] = process.argv.slice(2);
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await instance.connect();
  const file = path.replace(/'/g, "''");
  // Every column as text, amounts as exact DECIMAL(18,2), shares in 128-bit integers.
  const sql = `
    WITH r AS (
      SELECT split_part(unit, '-', 1) AS city, year, substr(code, 1, 3) AS class,
             CAST(replace(amount, ',', '') AS DECIMAL(18, 2)) AS amount
      FROM read_csv('${file}', header = true, all_varchar = true, delim = ',', quote = '"',
                    escape = '"')
      WHERE stage = 'budget' AND "table" = 'expenditure' AND measure = 'total'
        AND coalesce(amount, '') <> '' AND regexp_full_match(code, '[0-9]{7}')
    ), g AS (
      SELECT city, year, class, CAST(sum(amount) * 100 AS BIGINT) AS cents
      FROM r GROUP BY city, year, class
    ), t AS (
      SELECT *, CAST(sum(cents) OVER (PARTITION BY city, year) AS HUGEINT) AS total FROM g
    ), s AS (
      SELECT *, (2 * abs(cents)::HUGEINT * 1000000 + abs(total))
                // (2 * CASE WHEN total = 0 THEN 1 ELSE abs(total) END) AS q FROM t
    )
    SELECT city || ',' || year || ',' || class || ',' ||
           CASE WHEN cents < 0 THEN '-' ELSE '' END || (abs(cents) // 100)::VARCHAR || '.' ||
           lpad((abs(cents) % 100)::VARCHAR, 2, '0') || ',' ||
           CASE WHEN total = 0 THEN ''
                ELSE CASE WHEN q <> 0 AND ((cents < 0) <> (total < 0)) THEN '-' ELSE '' END ||
                     (q // 10000)::VARCHAR || '.' || lpad((q % 10000)::VARCHAR, 4, '0') END
           AS line
    FROM s ORDER BY city, year, class`;
  const reader = await con.runAndReadAll(sql);
  const lines = reader.getRows().map((row) => row[0]);
  process.stdout.write('city,year,class,amount,share_pct\n' + lines.join('\n') + (lines.length ? '\n' : ''));
}

main().catch((err) => { console.error(err.message || err); process.exit(1); });
