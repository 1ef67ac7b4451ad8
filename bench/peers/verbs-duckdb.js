// The verbs' workloads in DuckDB (bench/README.md, "The verbs"). Usage:
//   node verbs-duckdb.js VERB FILE THREADS
// VERB is summary, ratios, yoy, validate, compare, trend, completeness or report. summary runs
// sql/summary.sql (the SQL that gives `budgetkit summary` byte for byte on a partitioned
// dataset) on the panel; the others run bench/peers/verbs/VERB.sql and print what bench/run.py
// compares with budgetkit's output (counts and exact sums, "name value" lines); report runs
// every query on one table read once and prints each one's lines.
'use strict';
const fs = require('fs');
const path = require('path');
const { DuckDBInstance } = require('@duckdb/node-api');

const HERE = __dirname;
const QUERIES = ['summary', 'ratios', 'yoy', 'validate', 'compare', 'trend', 'completeness'];

function query(verb) {
  if (verb !== 'summary')
    return fs.readFileSync(path.join(HERE, 'verbs', verb + '.sql'), 'utf8');
  // sql/summary.sql reads items and units.csv from a partition directory; here items is the
  // panel's view or table and there is no units file
  const sql = fs.readFileSync(path.join(HERE, '..', '..', 'sql', 'summary.sql'), 'utf8');
  const from = sql.indexOf('WITH items AS (');
  const to = sql.indexOf('places (headline');
  if (from < 0 || to < 0)
    throw new Error('sql/summary.sql: its items and units blocks were not found');
  return sql.slice(0, from) +
    'WITH units AS (SELECT CAST(NULL AS VARCHAR) AS id, CAST(NULL AS VARCHAR) AS name WHERE false),\n' +
    sql.slice(to);
}

async function lines(con, verb) {
  const reader = await con.runAndReadAll(query(verb));
  return reader.getRows().map((row) => (row[0] === null ? '' : String(row[0])) + '\n').join('');
}

async function main() {
  const [verb, file, threads] = process.argv.slice(2);
  if (!QUERIES.includes(verb) && verb !== 'report') {
    console.error('usage: node verbs-duckdb.js VERB FILE THREADS');
    process.exit(2);
  }
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
  const con = await instance.connect();
  const items = fs.readFileSync(path.join(HERE, 'verbs', 'items.sql'), 'utf8')
    .replaceAll('@ITEMS@', verb === 'report' ? 'TABLE' : 'VIEW')
    .replaceAll('@FILE@', file.replace(/'/g, "''"));
  await con.run(items);
  let out = '';
  for (const v of verb === 'report' ? QUERIES : [verb])
    out += (verb === 'report' ? `== ${v}\n` : '') + await lines(con, v);
  process.stdout.write(out);
}

main().catch((err) => { console.error(err.message || err); process.exit(1); });
