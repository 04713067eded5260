// bench.mjs [--json] [--reps N] [--threads N] [--steps] FILE.parquet [FILE.parquet...]
//
// DuckDB's side of the P2 benchmark (docs/BENCHMARKS.md): growth, churn and
// survival of a landscape history table computed with SQL on the same
// Parquet files the Go fast path (pipeline/analyze/fast.go) reads. It prints
// one JSON object: the wall time of each repetition of the queries (from the
// first statement to the last result read into JavaScript; the process start,
// loading DuckDB and opening the database are not counted), the row counts of
// the four result tables, the process's peak resident memory (VmHWM, node's
// own included), the CPU time of each repetition (all threads), DuckDB's
// threads and memory limit, and, with --json, the tables themselves:
//
//   releases      per release: listings, tools, categories, added, re_added, removed, moved, net
//   categories    per release and canonical category (groups present in it or in the previous
//                 release): tools, listings, share, added, removed, moved_in, moved_out, net
//   spans         per tool: entry category, first/last seen, releases present, gaps, duration (releases),
//                 days (to its removal, or to the newest release when censored), censored
//   curves        Kaplan-Meier in days per group ('all', then each entry category): time, at_risk, events,
//                 censored, survival
//
// Definitions are those of docs/identity-and-taxonomy.md and
// pipeline/analyze: releases ordered by date (then id); a tool's categories
// in a release are the distinct canonical_category values of its rows;
// added = listed now and not in the previous release (every tool of the
// first one), re_added = of those, listed in an earlier release; removed =
// in the previous release and not now; moved = in both with a different set
// of categories.
//
// DuckDB runs with its defaults: as many threads as cores, a memory limit of
// 80 % of RAM (--threads N changes the first, for experiments only). With
// --steps, the wall and CPU time of each statement go to stderr.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = process.argv.slice(2);
let json = false;
let steps = false;
let reps = 1;
let threads = 0;
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--json') json = true;
  else if (a === '--steps') steps = true;
  else if (a === '--reps') reps = Number(args[++i]);
  else if (a === '--threads') threads = Number(args[++i]);
  else files.push(a);
}
if (files.length === 0 || !(reps >= 1)) {
  console.error('usage: node bench.mjs [--json] [--reps N] [--threads N] [--steps] FILE.parquet [FILE.parquet...]');
  process.exit(2);
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const src = `read_parquet([${files.map(sqlString).join(', ')}])`;

// The formulation: aggregate early, then work on runs.
//
// Two passes over the Parquet rows, both hash aggregates into small tables:
// rc, the listings per (release, category) (a few hundred thousand groups at
// 30 M rows), from which the releases are numbered in order (rel: ri = 0 …
// last); and tc, per (tool, category), the first and last release and the
// set of its releases as a bitstring (bitstring_agg: one bit per release).
// Nothing of one row per (release, tool) is ever materialized.
//
// cr splits each bitstring into its unbroken runs [s, e]: as text, between
// its first and last release (most are a single run: no '0' in it); a
// recursive step peels one run at a time with strpos (DuckDB's bit shifts
// and bit_position go bit by bit and were ten times slower). tr merges a
// tool's category runs into the runs of the tool itself (gaps and islands
// over a few tens of thousands of intervals). A category run that starts
// where its tool's run starts is an add to that category, otherwise a move
// in; one that ends where its tool's run ends is a removal (in the next
// release), otherwise a move out (cf). Every count of the four tables is
// then a count of run starts and ends per release, and a number present is
// a running sum of starts minus ends.
async function build(db, last) {
  await db.run(`CREATE OR REPLACE TEMP TABLE tc AS
     SELECT p.tool_id, p.canonical_category AS category, min(rel.ri) AS lo, max(rel.ri) AS hi,
            bitstring_agg(rel.ri, 0, ${last}) AS b
     FROM ${src} p JOIN rel USING (release_id, release_date) GROUP BY ALL`);
  // x: a run starts at off; t is the text of the releases from off to the
  // group's last ('1' present); the run ends before t's first '0', and the
  // next starts at the first '1' after that.
  await db.run(`CREATE OR REPLACE TEMP TABLE cr AS
     WITH RECURSIVE x(tool_id, category, off, t) AS (
       SELECT tool_id, category, lo, substr(b::VARCHAR, lo + 1, hi - lo + 1) FROM tc
       UNION ALL
       SELECT tool_id, category, off + z + k - 2, substr(t, z + k - 1) FROM (
         SELECT tool_id, category, off, t, z, strpos(substr(t, z), '1') AS k FROM (
           SELECT tool_id, category, off, t, strpos(t, '0') AS z FROM x)
         WHERE z > 0))
     SELECT tool_id, category, off AS s, (off + coalesce(nullif(strpos(t, '0'), 0) - 1, length(t)) - 1)::INTEGER AS e
     FROM x`);
  await db.run(`CREATE OR REPLACE TEMP TABLE tr AS
     SELECT tool_id, min(s) AS s, max(e) AS e FROM (
       SELECT tool_id, s, e, sum(brk) OVER (PARTITION BY tool_id ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS g FROM (
         SELECT tool_id, s, e,
                coalesce(s > max(e) OVER (PARTITION BY tool_id ORDER BY s, e
                                          ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) + 1, true)::INTEGER AS brk
         FROM cr))
     GROUP BY tool_id, g`);
  await db.run(`CREATE OR REPLACE TEMP TABLE cf AS
     SELECT cr.tool_id, cats.cid, cr.s, cr.e, cr.s = tr.s AS new, cr.e = tr.e AS gone
     FROM cr JOIN tr ON tr.tool_id = cr.tool_id AND cr.s BETWEEN tr.s AND tr.e
     JOIN cats ON cats.category IS NOT DISTINCT FROM cr.category`);
  await db.run(`CREATE OR REPLACE TEMP TABLE rcr AS
     SELECT ri, cid, rc.category, listings
     FROM rc JOIN rel USING (release_id, release_date) JOIN cats ON cats.category IS NOT DISTINCT FROM rc.category`);
  // rs: per release; tools is the running sum of tool-run starts minus ends.
  await db.run(`CREATE OR REPLACE TEMP TABLE rs AS
     WITH tl AS (SELECT tool_id, s, e, s = min(s) OVER (PARTITION BY tool_id) AS first FROM tr),
     ag AS (
       SELECT ri, sum(d) AS d, sum(a) AS added, sum(ra) AS re_added, sum(rm) AS removed FROM (
         SELECT s AS ri, 1 AS d, 1 AS a, (NOT first)::INTEGER AS ra, 0 AS rm FROM tl
         UNION ALL
         SELECT e + 1, -1, 0, 0, 1 FROM tl WHERE e < ${last})
       GROUP BY ri),
     mv AS (
       SELECT ri, count(DISTINCT tool_id) AS moved FROM (
         SELECT s AS ri, tool_id FROM cf WHERE NOT new
         UNION ALL
         SELECT e + 1, tool_id FROM cf WHERE NOT gone)
       GROUP BY ri),
     lc AS (SELECT ri, sum(listings) AS listings, count(category) AS categories FROM rcr GROUP BY ri)
     SELECT ri, lc.listings::INTEGER AS listings,
            (sum(coalesce(ag.d, 0)) OVER (ORDER BY ri))::INTEGER AS tools, lc.categories::INTEGER AS categories,
            coalesce(ag.added, 0)::INTEGER AS added, coalesce(ag.re_added, 0)::INTEGER AS re_added,
            coalesce(ag.removed, 0)::INTEGER AS removed, coalesce(mv.moved, 0)::INTEGER AS moved
     FROM lc LEFT JOIN ag USING (ri) LEFT JOIN mv USING (ri)`);
  // sp: per tool, from its runs; the entry category is the first by name of
  // the category runs that start at its first release.
  await db.run(`CREATE OR REPLACE TEMP TABLE sp AS
     WITH t AS (
       SELECT tool_id, min(s) AS f, max(e) AS l, sum(e - s + 1)::INTEGER AS releases, (count(*) - 1)::INTEGER AS gaps
       FROM tr GROUP BY tool_id)
     SELECT t.tool_id, min(cr.category) AS category, t.f, t.l, t.releases, t.gaps,
            (t.l - t.f + 1)::INTEGER AS duration, t.l = ${last} AS censored,
            -- days in the catalog: to the first release without the tool
            -- (its removal), or to the newest release when censored
            (any_value(e.release_date) - any_value(b.release_date))::INTEGER AS days
     FROM t JOIN cr ON cr.tool_id = t.tool_id AND cr.s = t.f
     JOIN rel b ON b.ri = t.f
     JOIN rel e ON e.ri = least(t.l + 1, ${last})
     GROUP BY t.tool_id, t.f, t.l, t.releases, t.gaps`);
}

const queries = (last) => ({
  releases: `
    SELECT rel.release_id AS release, strftime(rel.release_date, '%Y-%m-%d') AS date,
           listings, tools, categories, added, re_added, removed, moved,
           (tools - coalesce(lag(tools) OVER (ORDER BY ri), 0))::INTEGER AS net
    FROM rs JOIN rel USING (ri)
    ORDER BY ri`,
  // g: the (release, category) pairs present in the release or the one
  // before; ev: the category-run starts and ends (as of the next release)
  // there; tools: their running sum per category.
  categories: `
    WITH g AS (
      SELECT ri, cid, sum(listings) AS listings FROM (
        SELECT ri, cid, listings FROM rcr
        UNION ALL
        SELECT ri + 1, cid, 0 FROM rcr WHERE ri < ${last})
      GROUP BY ALL),
    ev AS (
      SELECT ri, cid, sum(a) AS added, sum(mi) AS moved_in, sum(r) AS removed, sum(mo) AS moved_out FROM (
        SELECT s AS ri, cid, new::INTEGER AS a, (NOT new)::INTEGER AS mi, 0 AS r, 0 AS mo FROM cf
        UNION ALL
        SELECT e + 1, cid, 0, 0, gone::INTEGER, (NOT gone)::INTEGER FROM cf WHERE e < ${last})
      GROUP BY ALL),
    c AS (
      SELECT ri, cid, g.listings, coalesce(added, 0) AS added, coalesce(moved_in, 0) AS moved_in,
             coalesce(removed, 0) AS removed, coalesce(moved_out, 0) AS moved_out,
             sum(coalesce(added + moved_in - removed - moved_out, 0)) OVER (PARTITION BY cid ORDER BY ri) AS tools
      FROM g LEFT JOIN ev USING (ri, cid))
    SELECT rel.release_id AS release, strftime(rel.release_date, '%Y-%m-%d') AS date, cats.category,
           c.tools::INTEGER AS tools, c.listings::INTEGER AS listings, c.tools::DOUBLE / rs.tools::DOUBLE AS share,
           c.added::INTEGER AS added, c.removed::INTEGER AS removed,
           c.moved_in::INTEGER AS moved_in, c.moved_out::INTEGER AS moved_out,
           (c.added + c.moved_in - c.removed - c.moved_out)::INTEGER AS net
    FROM c JOIN rel USING (ri) JOIN rs USING (ri) JOIN cats USING (cid)
    ORDER BY ri, cid`,
  spans: `
    SELECT sp.tool_id, sp.category, strftime(a.release_date, '%Y-%m-%d') AS first_seen,
           strftime(b.release_date, '%Y-%m-%d') AS last_seen, sp.releases, sp.gaps, sp.duration, sp.days, sp.censored
    FROM sp JOIN rel a ON a.ri = sp.f JOIN rel b ON b.ri = sp.l
    ORDER BY sp.tool_id`,
  curves: `
    WITH g AS (
      SELECT 'all' AS grp, 0 AS o, days AS time,
             (count(*) FILTER (NOT censored))::INTEGER AS events, (count(*) FILTER (censored))::INTEGER AS censored
      FROM sp GROUP BY days
      UNION ALL
      SELECT category, 1, days, (count(*) FILTER (NOT censored))::INTEGER, (count(*) FILTER (censored))::INTEGER
      FROM sp GROUP BY category, days),
    r AS (
      SELECT grp, o, time, events, censored,
             (sum(events + censored) OVER (PARTITION BY o, grp ORDER BY time DESC))::INTEGER AS at_risk
      FROM g)
    SELECT grp AS "group", time, at_risk, events, censored,
           product(1 - events / at_risk) OVER (PARTITION BY o, grp ORDER BY time) AS survival
    FROM r ORDER BY o, grp, time`,
});

function vmHWM() {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

// timed wraps a connection to print each statement's time (--steps).
function timed(db) {
  if (!steps) return db;
  const t = async (fn, q) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    const r = await db[fn](q);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1000;
    process.stderr.write(`${ms.toFixed(0).padStart(7)} ms ${cpu.toFixed(0).padStart(7)} ms cpu  ${q.replace(/\s+/g, ' ').trim().slice(0, 90)}\n`);
    return r;
  };
  return { run: (q) => t('run', q), runAndReadAll: (q) => t('runAndReadAll', q) };
}

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
if (threads > 0) await conn.run(`SET threads = ${threads}`);
const [settings] = (await conn.runAndReadAll(
  `SELECT current_setting('threads')::INTEGER AS threads, current_setting('memory_limit') AS memory_limit,
          version() AS version`)).getRowObjectsJson();
const db = timed(conn);

const seconds = [];
const cpuSeconds = [];
let tables = null;
for (let rep = 0; rep < reps; rep++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  // rc: listings per (release, category), the first pass; rel numbers the releases.
  await db.run(`CREATE OR REPLACE TEMP TABLE rc AS
     SELECT release_id, release_date, canonical_category AS category, count(*)::INTEGER AS listings
     FROM ${src} GROUP BY ALL`);
  await db.run(`CREATE OR REPLACE TEMP TABLE rel AS
     SELECT release_id, release_date, (row_number() OVER (ORDER BY release_date, release_id) - 1)::INTEGER AS ri
     FROM (SELECT DISTINCT release_id, release_date FROM rc)`);
  // cats numbers the categories in order of name (the integer cid is cheaper
  // to group and sort by).
  await db.run(`CREATE OR REPLACE TEMP TABLE cats AS
     SELECT category, (row_number() OVER (ORDER BY category) - 1)::INTEGER AS cid FROM (SELECT DISTINCT category FROM rc)`);
  // bitstring_agg needs its range as constants.
  const last = Number((await db.runAndReadAll(`SELECT count(*) - 1 AS m FROM rel`)).getRowObjectsJson()[0].m);
  await build(db, last);
  const out = {};
  for (const [name, q] of Object.entries(queries(last))) {
    out[name] = (await db.runAndReadAll(q)).getRowObjectsJson();
  }
  const t1 = process.hrtime.bigint();
  seconds.push(Number(t1 - t0) / 1e9);
  const c = process.cpuUsage(c0);
  cpuSeconds.push((c.user + c.system) / 1e6);
  tables = out;
  for (const t of ['sp', 'rs', 'rcr', 'cf', 'tr', 'cr', 'tc', 'cats', 'rel', 'rc']) await conn.run(`DROP TABLE ${t}`);
}

const result = {
  duckdb: settings.version,
  threads: Number(settings.threads),
  memory_limit: settings.memory_limit,
  seconds,
  cpu_seconds: cpuSeconds,
  rows: Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length])),
  vmhwm_kb: vmHWM(),
};
if (json) result.tables = tables;
process.stdout.write(JSON.stringify(result) + '\n');
