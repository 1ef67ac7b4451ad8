// run.js — runs one of the SQL files of sql/ on a partitioned dataset with DuckDB's node API and
// prints its one text column, a line per row: what `duckdb -list -noheader` prints.
//   node sql/run.js sql/shares.sql DIR [THREADS]
// @duckdb/node-api comes from bench/ (`npm ci` there; pinned by bench/package-lock.json).
'use strict';
const fs = require('fs');
const path = require('path');

function duckdb() {
  try {
    return require('@duckdb/node-api');
  } catch (e) {
    return require(path.join(__dirname, '..', 'bench', 'node_modules', '@duckdb', 'node-api'));
  }
}

async function main() {
  const [sqlFile, dir, threads] = process.argv.slice(2);
  if (!sqlFile || !dir) {
    console.error('usage: node sql/run.js FILE.sql DIR [THREADS]');
    process.exit(2);
  }
  const sql = fs.readFileSync(sqlFile, 'utf8');
  const { DuckDBInstance } = duckdb();
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads || 2) });
  const con = await instance.connect();
  process.chdir(dir); // the SQL's paths are relative to the partition directory
  const reader = await con.runAndReadAll(sql);
  const out = reader.getRows().map((row) => (row[0] === null ? '' : String(row[0])) + '\n');
  process.stdout.write(out.join(''));
}

main().catch((err) => { console.error(err.message || err); process.exit(1); });
