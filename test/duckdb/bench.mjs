// bench.mjs [--json] [--reps N] [--threads N] FILE.parquet [FILE.parquet...]
//
// DuckDB's side of the P2 benchmark (docs/BENCHMARKS.md): growth, churn and
// survival of a landscape history table computed with SQL on the same
// Parquet files the Go fast path (pipeline/analyze/fast.go) reads. It prints
// one JSON object: the wall time of each repetition of the queries (from the
// first statement to the last result read into JavaScript; the process start,
// loading DuckDB and opening the database are not counted), the row counts of
// the four result tables, the process's peak resident memory (VmHWM, node's
// own included), and, with --json, the tables themselves:
//
//   releases      per release: listings, tools, categories, added, re_added, removed, moved, net
//   categories    per release and canonical category (groups present in it or in the previous
//                 release): tools, listings, share, added, removed, moved_in, moved_out, net
//   spans         per tool: entry category, first/last seen, releases present, gaps, duration, censored
//   curves        Kaplan-Meier per group ('all', then each entry category): time, at_risk, events,
//                 censored, survival
//
// Definitions are those of docs/identity-and-taxonomy.md and
// pipeline/analyze: releases ordered by date (then id); a tool's categories
// in a release are the distinct canonical_category values of its rows;
// added = listed now and not in the previous release (every tool of the
// first one), re_added = of those, listed in an earlier release; removed =
// in the previous release and not now; moved = in both with a different set
// of categories.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let json = false;
let reps = 1;
let threads = 0;
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--json') json = true;
  else if (a === '--reps') reps = Number(args[++i]);
  else if (a === '--threads') threads = Number(args[++i]);
  else files.push(a);
}
if (files.length === 0 || !(reps >= 1)) {
  console.error('usage: node bench.mjs [--json] [--reps N] [--threads N] FILE.parquet [FILE.parquet...]');
  process.exit(2);
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const src = `read_parquet([${files.map(sqlString).join(', ')}])`;

// Build. Tool ids are numbered once (tools); d holds one row per release,
// tool and category, with its listings; w flags each row: first (the tool's
// first release), tp / tn (the tool is listed in the previous / next
// release), cp / cn (in this category there): hash joins on integers, no
// lists. (Of the formulations tried — lists of categories compared with
// lag/lead, window frames over each tool's releases, these joins — the joins
// ran fastest; see docs/BENCHMARKS.md.) rs and sp are the per-release and
// per-tool aggregates the four result queries share.
const build = [
  `CREATE OR REPLACE TEMP TABLE rel AS
     SELECT release_id, release_date,
            (row_number() OVER (ORDER BY release_date, release_id) - 1)::INTEGER AS ri
     FROM (SELECT DISTINCT release_id, release_date FROM ${src})`,
  `CREATE OR REPLACE TEMP TABLE tools AS
     SELECT tool_id, (row_number() OVER ())::INTEGER AS tid FROM (SELECT DISTINCT tool_id FROM ${src})`,
  `CREATE OR REPLACE TEMP TABLE d AS
     SELECT rel.ri, tools.tid, p.canonical_category AS category, count(*)::INTEGER AS listings
     FROM ${src} p JOIN rel USING (release_id, release_date) JOIN tools USING (tool_id)
     GROUP BY ALL`,
  `CREATE OR REPLACE TEMP TABLE t AS SELECT DISTINCT tid, ri FROM d`,
  `CREATE OR REPLACE TEMP TABLE w AS
     SELECT d.ri, d.tid, d.category, d.listings, d.ri = fr.f AS first,
            tp.tid IS NOT NULL AS tp, tn.tid IS NOT NULL AS tn, cp.tid IS NOT NULL AS cp, cn.tid IS NOT NULL AS cn
     FROM d JOIN (SELECT tid, min(ri) AS f FROM t GROUP BY tid) fr USING (tid)
     LEFT JOIN t tp ON tp.tid = d.tid AND tp.ri = d.ri - 1
     LEFT JOIN t tn ON tn.tid = d.tid AND tn.ri = d.ri + 1
     LEFT JOIN d cp ON cp.tid = d.tid AND cp.category = d.category AND cp.ri = d.ri - 1
     LEFT JOIN d cn ON cn.tid = d.tid AND cn.category = d.category AND cn.ri = d.ri + 1`,
  `CREATE OR REPLACE TEMP TABLE rs AS
     WITH last AS (SELECT max(ri) AS m FROM rel),
     cur AS (
       SELECT ri, count(DISTINCT tid)::INTEGER AS tools, count(DISTINCT category)::INTEGER AS categories,
              sum(listings)::INTEGER AS listings,
              (count(DISTINCT tid) FILTER (NOT tp))::INTEGER AS added,
              (count(DISTINCT tid) FILTER (NOT tp AND NOT first))::INTEGER AS re_added
       FROM w GROUP BY ri),
     rem AS (
       SELECT ri + 1 AS ri, count(DISTINCT tid)::INTEGER AS removed
       FROM w, last WHERE ri < last.m AND NOT tn GROUP BY ri),
     mv AS (
       SELECT ri, count(DISTINCT tid)::INTEGER AS moved FROM (
         SELECT ri, tid FROM w WHERE tp AND NOT cp
         UNION ALL
         SELECT ri + 1, tid FROM w WHERE tn AND NOT cn)
       GROUP BY ri)
     SELECT ri, cur.listings, cur.tools, cur.categories, cur.added, cur.re_added,
            coalesce(rem.removed, 0)::INTEGER AS removed, coalesce(mv.moved, 0)::INTEGER AS moved
     FROM cur LEFT JOIN rem USING (ri) LEFT JOIN mv USING (ri)`,
  `CREATE OR REPLACE TEMP TABLE sp AS
     WITH last AS (SELECT max(ri) AS m FROM rel)
     SELECT tid, min(category) FILTER (first) AS category, min(ri) AS f, max(ri) AS l,
            count(DISTINCT ri)::INTEGER AS releases, (count(DISTINCT ri) FILTER (NOT tp AND NOT first))::INTEGER AS gaps,
            (max(ri) - min(ri) + 1)::INTEGER AS duration, max(ri) = any_value(last.m) AS censored
     FROM w, last GROUP BY tid`,
];

const queries = {
  releases: `
    SELECT rel.release_id AS release, strftime(rel.release_date, '%Y-%m-%d') AS date,
           listings, tools, categories, added, re_added, removed, moved,
           (tools - coalesce(lag(tools) OVER (ORDER BY ri), 0))::INTEGER AS net
    FROM rs JOIN rel USING (ri)
    ORDER BY ri`,
  categories: `
    WITH last AS (SELECT max(ri) AS m FROM rel),
    c AS (
      SELECT ri, category, count(*)::INTEGER AS tools, sum(listings)::INTEGER AS listings,
             (count(*) FILTER (NOT tp))::INTEGER AS added,
             (count(*) FILTER (tp AND NOT cp))::INTEGER AS moved_in
      FROM w GROUP BY ALL),
    n AS (
      SELECT ri + 1 AS ri, category, count(*)::INTEGER AS prev_tools,
             (count(*) FILTER (NOT tn))::INTEGER AS removed,
             (count(*) FILTER (tn AND NOT cn))::INTEGER AS moved_out
      FROM w, last WHERE ri < last.m GROUP BY ALL)
    SELECT rel.release_id AS release, strftime(rel.release_date, '%Y-%m-%d') AS date, category,
           coalesce(c.tools, 0)::INTEGER AS tools, coalesce(c.listings, 0)::INTEGER AS listings,
           coalesce(c.tools, 0)::DOUBLE / rs.tools::DOUBLE AS share,
           coalesce(c.added, 0)::INTEGER AS added, coalesce(n.removed, 0)::INTEGER AS removed,
           coalesce(c.moved_in, 0)::INTEGER AS moved_in, coalesce(n.moved_out, 0)::INTEGER AS moved_out,
           (coalesce(c.tools, 0) - coalesce(n.prev_tools, 0))::INTEGER AS net
    FROM c FULL OUTER JOIN n USING (ri, category) JOIN rel USING (ri) JOIN rs USING (ri)
    ORDER BY ri, category`,
  spans: `
    SELECT tools.tool_id, sp.category, strftime(a.release_date, '%Y-%m-%d') AS first_seen,
           strftime(b.release_date, '%Y-%m-%d') AS last_seen, sp.releases, sp.gaps, sp.duration, sp.censored
    FROM sp JOIN tools USING (tid) JOIN rel a ON a.ri = sp.f JOIN rel b ON b.ri = sp.l
    ORDER BY tools.tool_id`,
  curves: `
    WITH g AS (
      SELECT 'all' AS grp, 0 AS o, duration AS time,
             (count(*) FILTER (NOT censored))::INTEGER AS events, (count(*) FILTER (censored))::INTEGER AS censored
      FROM sp GROUP BY duration
      UNION ALL
      SELECT category, 1, duration, (count(*) FILTER (NOT censored))::INTEGER, (count(*) FILTER (censored))::INTEGER
      FROM sp GROUP BY category, duration),
    r AS (
      SELECT grp, o, time, events, censored,
             (sum(events + censored) OVER (PARTITION BY o, grp ORDER BY time DESC))::INTEGER AS at_risk
      FROM g)
    SELECT grp AS "group", time, at_risk, events, censored,
           product(1 - events / at_risk) OVER (PARTITION BY o, grp ORDER BY time) AS survival
    FROM r ORDER BY o, grp, time`,
};

function vmHWM() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
if (threads > 0) await db.run(`SET threads = ${threads}`);
const [{ threads: usedThreads, version }] = (await db.runAndReadAll(
  `SELECT current_setting('threads')::INTEGER AS threads, version() AS version`)).getRowObjectsJson();

const seconds = [];
let tables = null;
for (let rep = 0; rep < reps; rep++) {
  const t0 = process.hrtime.bigint();
  for (const s of build) await db.run(s);
  const out = {};
  for (const [name, q] of Object.entries(queries)) {
    out[name] = (await db.runAndReadAll(q)).getRowObjectsJson();
  }
  const t1 = process.hrtime.bigint();
  seconds.push(Number(t1 - t0) / 1e9);
  tables = out;
  for (const t of ['sp', 'rs', 'w', 't', 'd', 'tools', 'rel']) await db.run(`DROP TABLE ${t}`);
}

const result = {
  duckdb: version,
  threads: Number(usedThreads),
  seconds,
  rows: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
  vmhwm_kb: vmHWM(),
};
if (json) result.tables = tables;
process.stdout.write(JSON.stringify(result) + '\n');
