// verify.mjs DATASET_DIR [DATASET_DIR...] — checks a landscape dataset
// release with DuckDB as an independent reader: every file in manifest.json
// opens and has the rows and sha256 the manifest says; the hive-partitioned
// tables show every release; counts per release and category agree with
// category_stats (and subcategory_stats, releases); the Parquet files carry
// the promised encoding and metadata. Prints each failure, then
// "N passed, M failed", and exits 1 when anything failed.
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node verify.mjs DATASET_DIR [DATASET_DIR...]');
  process.exit(2);
}

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}${detail ? `: ${detail}` : ''}`);
  }
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();

async function rows(sql) {
  const r = await db.runAndReadAll(sql);
  return r.getRowObjectsJson();
}

async function attempt(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(name, false, e.message.split('\n')[0]);
  }
}

// mismatches runs a query returning the rows where two counts differ and
// reports the first few.
async function mismatches(name, sql) {
  await attempt(name, async () => {
    const bad = await rows(sql);
    check(name, bad.length === 0, `${bad.length} rows differ, e.g. ${JSON.stringify(bad.slice(0, 3))}`);
  });
}

for (const dir of dirs) {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    check(`${dir}: manifest.json`, false, 'missing');
    continue;
  }
  const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const tag = `${m.dataset} ${m.version}`;
  const p = (rel) => sqlString(join(dir, rel));
  const table = (name) => m.tables.find((t) => t.name === name);

  // Every file: sha256 and bytes; every data file opens with the manifest's rows.
  for (const f of m.files) {
    const data = readFileSync(join(dir, f.path));
    check(`${tag} ${f.path}: bytes`, data.length === f.bytes, `${data.length} != ${f.bytes}`);
    const sum = createHash('sha256').update(data).digest('hex');
    check(`${tag} ${f.path}: sha256`, sum === f.sha256);
    let reader = null;
    if (f.format === 'parquet') reader = `read_parquet(${p(f.path)})`;
    if (f.format === 'csv') reader = `read_csv(${p(f.path)}, header = true, all_varchar = true)`;
    if (f.format === 'json') reader = `read_json(${p(f.path)}, format = 'array')`;
    if (reader === null) continue;
    await attempt(`${tag} ${f.path}: opens`, async () => {
      const [r] = await rows(`SELECT count(*) AS n FROM ${reader}`);
      check(`${tag} ${f.path}: rows`, Number(r.n) === f.rows, `DuckDB counts ${r.n}, manifest says ${f.rows}`);
    });
  }

  // Row totals per table and the schema in the manifest.
  for (const t of m.tables) {
    const partitioned = (t.partitioned_by || []).length > 0;
    const src = partitioned
      ? `read_parquet(${p(t.path + '*/'.repeat(t.partitioned_by.length) + '*.parquet')}, hive_partitioning = true)`
      : `read_parquet(${p(t.path + '*.parquet')})`;
    await attempt(`${tag} ${t.name}: read`, async () => {
      const [r] = await rows(`SELECT count(*) AS n FROM ${src}`);
      check(`${tag} ${t.name}: rows`, Number(r.n) === t.rows, `DuckDB counts ${r.n}, manifest says ${t.rows}`);
      const cols = (await rows(`DESCRIBE SELECT * FROM ${src}`)).map((c) => c.column_name);
      const want = t.columns.map((c) => c.name);
      check(`${tag} ${t.name}: columns`, JSON.stringify([...cols].sort()) === JSON.stringify([...want].sort()),
        `DuckDB sees ${cols.join(',')}; manifest ${want.join(',')}`);
      check(`${tag} ${t.name}: no duplicate columns`, new Set(cols).size === cols.length, cols.join(','));
    });
  }

  const releases = table('releases');
  const stats = table('category_stats');
  const tools = table('tools');
  const listings = table('listings');
  if (!releases || !stats || !tools || !listings) {
    check(`${tag}: tables releases, category_stats, tools, listings`, false, 'missing from the manifest');
    continue;
  }
  const R = `read_parquet(${p('releases/*.parquet')})`;
  const CS = `read_parquet(${p('category_stats/*.parquet')})`;
  const T = `read_parquet(${p('tools/*/*/*.parquet')}, hive_partitioning = true)`;
  const L = `read_parquet(${p('listings/*/*/*.parquet')}, hive_partitioning = true)`;
  const has = (t, col) => t.columns.some((c) => c.name === col);
  // The analyses count by canonical category where the history has one.
  const lcat = has(listings, 'canonical_category') ? 'canonical_category' : 'category';
  const tcats = has(tools, 'canonical_categories') ? 'canonical_categories' : 'categories';

  // Hive partitions by year and month: every release is there
  // (release_date, a DATE, in the files), in the partition of its month;
  // every month with a release is a partition.
  for (const [name, src] of [['tools', T], ['listings', L]]) {
    await mismatches(`${tag} ${name}: every release is there`, `
      WITH want AS (SELECT DISTINCT CAST(release_date AS VARCHAR) AS d FROM ${R}),
           got AS (SELECT DISTINCT CAST(release_date AS VARCHAR) AS d FROM ${src})
      SELECT * FROM (SELECT d, 'missing' AS what FROM want EXCEPT SELECT d, 'missing' FROM got)
      UNION ALL SELECT * FROM (SELECT d, 'extra' FROM got EXCEPT SELECT d, 'extra' FROM want)`);
    await mismatches(`${tag} ${name}: every row in the partition of its release's month`, `
      SELECT release_year, release_month, release_date FROM ${src}
      WHERE release_year <> year(release_date) OR release_month <> month(release_date)`);
    await attempt(`${tag} ${name}: partition columns are integers`, async () => {
      const [r] = await rows(`SELECT typeof(release_year) AS y, typeof(release_month) AS m FROM ${src} LIMIT 1`);
      check(`${tag} ${name}: partition columns are integers`, r && r.y === 'BIGINT' && r.m === 'BIGINT', r && `${r.y}, ${r.m}`);
    });
    await mismatches(`${tag} ${name}: one partition per month with a release`, `
      WITH want AS (SELECT DISTINCT year(release_date) * 100 + month(release_date) AS y FROM ${R}),
           got AS (SELECT DISTINCT CAST(regexp_extract(file, 'release_year=([0-9]+)/', 1) AS INTEGER) * 100
                                   + CAST(regexp_extract(file, 'release_month=([0-9]+)/', 1) AS INTEGER) AS y
                   FROM glob(${p(name + '/*/*/*.parquet')}))
      SELECT * FROM (SELECT y, 'missing' AS what FROM want EXCEPT SELECT y, 'missing' FROM got)
      UNION ALL SELECT * FROM (SELECT y, 'extra' FROM got EXCEPT SELECT y, 'extra' FROM want)`);
    await attempt(`${tag} ${name}: release_date is a date`, async () => {
      const [r] = await rows(`SELECT typeof(release_date) AS t FROM ${src} LIMIT 1`);
      check(`${tag} ${name}: release_date is a date`, r && r.t === 'DATE', r && r.t);
    });
  }

  // Per release and category: DuckDB's counts equal category_stats.
  await mismatches(`${tag} listings: count(DISTINCT tool_id), count(*) per release and category = category_stats`, `
    WITH d AS (
      SELECT CAST(release_date AS VARCHAR) AS rel, ${ident(lcat)} AS category,
             count(DISTINCT tool_id) AS tools, count(*) AS listings
      FROM ${L} GROUP BY ALL),
    s AS (SELECT CAST(release_date AS VARCHAR) AS rel, category, tools, listings FROM ${CS})
    SELECT coalesce(s.rel, d.rel) AS rel, coalesce(s.category, d.category) AS category,
           s.tools AS stats_tools, d.tools AS duckdb_tools, s.listings AS stats_listings, d.listings AS duckdb_listings
    FROM s FULL OUTER JOIN d ON s.rel = d.rel AND s.category = d.category
    WHERE coalesce(s.tools, 0) <> coalesce(d.tools, 0) OR coalesce(s.listings, 0) <> coalesce(d.listings, 0)`);
  await mismatches(`${tag} tools: count(*) per release and category = category_stats`, `
    WITH d AS (
      SELECT rel, category, count(*) AS tools FROM (
        SELECT CAST(release_date AS VARCHAR) AS rel, unnest(string_split(${ident(tcats)}, '; ')) AS category FROM ${T})
      GROUP BY ALL),
    s AS (SELECT CAST(release_date AS VARCHAR) AS rel, category, tools FROM ${CS})
    SELECT coalesce(s.rel, d.rel) AS rel, coalesce(s.category, d.category) AS category, s.tools AS stats_tools, d.tools AS duckdb_tools
    FROM s FULL OUTER JOIN d ON s.rel = d.rel AND s.category = d.category
    WHERE coalesce(s.tools, 0) <> coalesce(d.tools, 0)`);
  await mismatches(`${tag} tools, listings: count(*) per release = releases.tools, releases.listings`, `
    WITH t AS (SELECT CAST(release_date AS VARCHAR) AS rel, count(*) AS tools, sum(listings) AS listings FROM ${T} GROUP BY ALL),
         l AS (SELECT CAST(release_date AS VARCHAR) AS rel, count(*) AS listings FROM ${L} GROUP BY ALL),
         r AS (SELECT CAST(release_date AS VARCHAR) AS rel, tools, listings FROM ${R})
    SELECT r.rel, r.tools, t.tools AS duckdb_tools, r.listings, l.listings AS duckdb_listings, t.listings AS tools_listings
    FROM r LEFT JOIN t USING (rel) LEFT JOIN l USING (rel)
    WHERE r.tools <> coalesce(t.tools, 0) OR r.listings <> coalesce(l.listings, 0) OR r.listings <> coalesce(t.listings, 0)`);
  await mismatches(`${tag} tools: one row per tool per release`, `
    SELECT release_date, tool_id, count(*) AS n FROM ${T} GROUP BY ALL HAVING count(*) > 1`);
  if (table('subcategory_stats')) {
    const SS = `read_parquet(${p('subcategory_stats/*.parquet')})`;
    // Subcategories are one name whatever their case, white space and
    // punctuation (subcategory_stats shows the newest spelling; listings
    // keep each release's): both sides are grouped by that key, level by
    // level of a path "A › B" (taxonomy.Key).
    // Counted by the lineage name where the listings have it (schema 2.2).
    const lsub = has(listings, 'canonical_subcategory') ? 'canonical_subcategory' : 'subcategory';
    const subKey = (col) => `array_to_string(list_transform(string_split(${col}, ' › '), p -> regexp_replace(lower(p), '[^\\p{L}\\p{Nd}]', '', 'g')), '›')`;
    await mismatches(`${tag} listings: count(DISTINCT tool_id) per release, category and subcategory (as people compare names) = subcategory_stats`, `
      WITH d AS (
        SELECT CAST(release_date AS VARCHAR) AS rel, ${ident(lcat)} AS category, ${subKey(ident(lsub))} AS subkey, count(DISTINCT tool_id) AS tools
        FROM ${L} GROUP BY ALL),
      s AS (SELECT CAST(release_date AS VARCHAR) AS rel, category, ${subKey('subcategory')} AS subkey, subcategory, tools FROM ${SS})
      SELECT coalesce(s.rel, d.rel) AS rel, coalesce(s.category, d.category) AS category,
             coalesce(s.subcategory, d.subkey) AS subcategory, s.tools AS stats_tools, d.tools AS duckdb_tools
      FROM s FULL OUTER JOIN d ON s.rel = d.rel AND s.category = d.category AND s.subkey = d.subkey
      WHERE coalesce(s.tools, 0) <> coalesce(d.tools, 0)`);
    await mismatches(`${tag} subcategory_stats: one spelling per subcategory and release`, `
      SELECT release_date, category, ${subKey('subcategory')} AS subkey, count(*) AS n FROM ${SS} GROUP BY ALL HAVING count(*) > 1`);
  }

  // The release-post analyses, recounted from the tools table.
  const catList = `string_split(${ident(tcats)}, '; ')`;
  if (table('open_source')) {
    const OS = `read_parquet(${p('open_source/*.parquet')})`;
    await mismatches(`${tag} tools: open_source true, false, null per release = open_source (whole release)`, `
      WITH d AS (SELECT CAST(release_date AS VARCHAR) AS rel, count(*) AS tools, count(*) FILTER (WHERE open_source) AS o,
                        count(*) FILTER (WHERE NOT open_source) AS c, count(*) FILTER (WHERE open_source IS NULL) AS u
                 FROM ${T} GROUP BY ALL),
           s AS (SELECT CAST(release_date AS VARCHAR) AS rel, tools, open_source AS o, closed_source AS c, unknown AS u FROM ${OS} WHERE category = '')
      SELECT * FROM s FULL OUTER JOIN d USING (rel)
      WHERE s.tools IS DISTINCT FROM d.tools OR s.o IS DISTINCT FROM d.o OR s.c IS DISTINCT FROM d.c OR s.u IS DISTINCT FROM d.u`);
    await mismatches(`${tag} tools: open_source per release and category (each of a tool's categories) = open_source`, `
      WITH d AS (SELECT CAST(release_date AS VARCHAR) AS rel, cat AS category, count(*) AS tools, count(*) FILTER (WHERE open_source) AS o
                 FROM (SELECT release_date, open_source, unnest(${catList}) AS cat FROM ${T}) GROUP BY ALL),
           s AS (SELECT CAST(release_date AS VARCHAR) AS rel, category, tools, open_source AS o FROM ${OS} WHERE category <> '')
      SELECT * FROM s FULL OUTER JOIN d USING (rel, category)
      WHERE s.tools IS DISTINCT FROM d.tools OR s.o IS DISTINCT FROM d.o`);
  }
  if (table('licenses')) {
    await mismatches(`${tag} tools: tools per licence and release = licenses`, `
      WITH d AS (SELECT CAST(release_date AS VARCHAR) AS rel, coalesce(license, '') AS license, count(*) AS tools FROM ${T} GROUP BY ALL),
           s AS (SELECT CAST(release_date AS VARCHAR) AS rel, coalesce(license, '') AS license, tools FROM read_parquet(${p('licenses/*.parquet')}))
      SELECT * FROM s FULL OUTER JOIN d USING (rel, license) WHERE s.tools IS DISTINCT FROM d.tools`);
  }
  if (table('status_mix')) {
    await mismatches(`${tag} tools: tools per release, category and status class = status_mix`, `
      WITH d AS (SELECT CAST(release_date AS VARCHAR) AS rel, cat AS category,
                        CASE WHEN status IS NULL OR trim(status) = '' THEN 'unknown'
                             WHEN split_part(lower(trim(status)), ' ', 1) IN ('active', 'acquired', 'discontinued', 'archived', 'renamed', 'sandbox', 'incubating', 'graduated')
                             THEN split_part(lower(trim(status)), ' ', 1) ELSE 'other' END AS status,
                        count(*) AS tools
                 FROM (SELECT release_date, status, unnest(${catList}) AS cat FROM ${T}) GROUP BY ALL),
           s AS (SELECT CAST(release_date AS VARCHAR) AS rel, category, status, tools FROM read_parquet(${p('status_mix/*.parquet')}))
      SELECT * FROM s FULL OUTER JOIN d USING (rel, category, status) WHERE s.tools IS DISTINCT FROM d.tools`);
  }
  if (table('launch_years')) {
    await mismatches(`${tag} tools: newest release's tools per launch year = launch_years`, `
      WITH d AS (SELECT CAST(substr(launched, 1, 4) AS INTEGER) AS y, count(*) AS tools FROM ${T}
                 WHERE release_date = (SELECT max(release_date) FROM ${T}) AND launched IS NOT NULL GROUP BY ALL),
           s AS (SELECT launch_year AS y, sum(tools) AS tools FROM read_parquet(${p('launch_years/*.parquet')}) GROUP BY ALL)
      SELECT * FROM s FULL OUTER JOIN d USING (y) WHERE s.tools IS DISTINCT FROM d.tools`);
  }
  if (table('stars')) {
    await mismatches(`${tag} tools: newest release's stars = stars`, `
      WITH d AS (SELECT tool_id, stars FROM ${T} WHERE release_date = (SELECT max(release_date) FROM ${T}) AND stars IS NOT NULL),
           s AS (SELECT tool_id, stars FROM read_parquet(${p('stars/*.parquet')}))
      SELECT * FROM s FULL OUTER JOIN d USING (tool_id) WHERE s.stars IS DISTINCT FROM d.stars`);
  }
  if (table('growth_rates')) {
    await mismatches(`${tag} category_stats: first and newest release's tools = growth_rates (window all)`, `
      WITH cs AS (SELECT release, category, tools FROM ${CS}),
           g AS (SELECT * FROM read_parquet(${p('growth_rates/*.parquet')}) WHERE level = 'category' AND "window" = 'all')
      SELECT g.category FROM g
      LEFT JOIN cs a ON a.release = g.from_release AND a.category = g.category
      LEFT JOIN cs b ON b.release = g.to_release AND b.category = g.category
      WHERE coalesce(a.tools, 0) <> g.tools_before OR coalesce(b.tools, 0) <> g.tools_after OR g.change <> g.tools_after - g.tools_before`);
  }
  if (table('deals') && table('events')) {
    await mismatches(`${tag} events: relicensed and status changes to acquired, discontinued, archived each in deals`, `
      WITH e AS (SELECT release, tool_id, CASE kind WHEN 'relicensed' THEN 'relicensed'
                   WHEN 'status' THEN CASE split_part(lower(to_status), ' ', 1) WHEN 'acquired' THEN 'acquired' WHEN 'discontinued' THEN 'ended' WHEN 'archived' THEN 'ended' END END AS kind
                 FROM read_parquet(${p('events/*.parquet')}) WHERE kind IN ('relicensed', 'status'))
      SELECT e.* FROM e LEFT JOIN read_parquet(${p('deals/*.parquet')}) d USING (release, tool_id, kind)
      WHERE e.kind IS NOT NULL AND d.release IS NULL`);
  }

  // Rows sorted by (release_date, category, tool_id) within each partition file.
  for (const name of ['tools', 'listings']) {
    await mismatches(`${tag} ${name}: sorted by release_date, category, tool_id in each file`, `
      SELECT filename, file_row_number FROM (
        SELECT filename, file_row_number, release_date, category, tool_id,
               lag(release_date) OVER w AS pd, lag(category) OVER w AS pc, lag(tool_id) OVER w AS pt
        FROM read_parquet(${p(name + '/*/*/*.parquet')}, filename = true, file_row_number = true)
        WINDOW w AS (PARTITION BY filename ORDER BY file_row_number))
      WHERE pd IS NOT NULL AND (release_date < pd OR (release_date = pd AND
        (category < pc OR (category = pc AND tool_id < pt))))`);
  }

  // Encoding and metadata of every Parquet file.
  const parquetGlob = `[${m.files.filter((f) => f.format === 'parquet').map((f) => p(f.path)).join(', ')}]`;
  await mismatches(`${tag} parquet: zstd`, `
    SELECT file_name, path_in_schema, compression FROM parquet_metadata(${parquetGlob})
    WHERE compression <> 'ZSTD'`);
  await mismatches(`${tag} parquet: column statistics`, `
    SELECT file_name, path_in_schema FROM parquet_metadata(${parquetGlob})
    WHERE row_group_num_rows > 0 AND (stats_null_count IS NULL
       OR (row_group_num_rows > stats_null_count AND (stats_min_value IS NULL OR stats_max_value IS NULL)))`);
  await mismatches(`${tag} parquet: no INT96; dates are DATE`, `
    SELECT file_name, name, type, logical_type FROM parquet_schema(${parquetGlob})
    WHERE type = 'INT96' OR ((name LIKE '%date' OR name IN ('first_seen', 'last_seen')) AND coalesce(converted_type, '') <> 'DATE')`);
  await mismatches(`${tag} parquet: dictionary encoding for category`, `
    SELECT file_name, path_in_schema, encodings FROM parquet_metadata(${parquetGlob})
    WHERE path_in_schema = 'category' AND num_values > 1 AND encodings NOT LIKE '%DICTIONARY%'`);
  // Partition files (release_year=YYYY/release_month=M) name no dataset
  // version: a month's rows are the same bytes in every release of the
  // dataset.
  for (const [key, want, partitions] of [['landscape.schema_version', m.schema_version, true], ['landscape.generator', m.generator, true],
    ['landscape.catalog', m.dataset, true], ['landscape.dataset_version', m.version, false]]) {
    await mismatches(`${tag} parquet: ${key} = ${want}`, `
      SELECT f.file_name FROM (SELECT DISTINCT file_name FROM parquet_metadata(${parquetGlob})) f
      LEFT JOIN (SELECT file_name, decode(value) AS v FROM parquet_kv_metadata(${parquetGlob}) WHERE decode(key) = ${sqlString(key)}) k
      USING (file_name) WHERE k.v IS DISTINCT FROM (CASE WHEN contains(f.file_name, '/release_year=') THEN ${partitions ? sqlString(want) : 'NULL'} ELSE ${sqlString(want)} END)`);
  }
  await mismatches(`${tag} parquet: landscape.table names the table`, `
    SELECT file_name, decode(value) AS v FROM parquet_kv_metadata(${parquetGlob})
    WHERE decode(key) = 'landscape.table' AND NOT contains(file_name, '/' || decode(value) || '/')`);
  if (m.source && m.source.commit) {
    await mismatches(`${tag} parquet: landscape.source_commit`, `
      SELECT file_name FROM parquet_kv_metadata(${parquetGlob})
      WHERE decode(key) = 'landscape.source_commit' AND decode(value) <> ${sqlString(m.source.commit)}`);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
