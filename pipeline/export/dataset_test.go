package export_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/internal/parquettest"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
)

// tinyCatalog writes a small Markdown catalog: a tool listed in two
// categories, a tool that leaves, one that comes, text that needs quoting.
func tinyCatalog(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tiny")
	files := map[string]string{
		"2024-01-31.md": "# Awesome Tiny\n\n## Serving\n\n* [Alpha](https://github.com/a/alpha) - Serve models.\n* [Beta](https://beta.io) - Beta thing.\n\n" +
			"## Monitoring\n\n* [Alpha](https://github.com/a/alpha) - Also monitors.\n* [Gamma](https://github.com/g/gamma) - Watch.\n",
		"2024-02-29.md": "# Awesome Tiny\n\n## Serving\n\n* [Alpha](https://github.com/a/alpha) - Serve models.\n" +
			"* [Delta \"quoted\", with comma](https://github.com/d/delta) - New | piped.\n\n## Monitoring\n\n* [Gamma](https://github.com/g/gamma) - Watch.\n",
		"SOURCE.md": "# tiny\n\n**Source:** a test catalog.\n\n**License:** CC0-1.0\n- no rights reserved.\n\n## Snapshots\n\n- two files\n",
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// catalogs are the tiny catalog and, where present, both public corpora.
func catalogs(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{"tiny": tinyCatalog(t)}
	if testing.Short() {
		return out
	}
	for _, name := range []string{"awesome-production-ml", "cncf-landscape"} {
		if dir, ok := corpora.Optional(t, name); ok {
			out[name] = dir
		}
	}
	return out
}

// writeDataset loads a catalog and writes its dataset into a new folder with
// a checked allocator: nothing may leak.
func writeDataset(t *testing.T, catalogDir string) (string, []string) {
	t.Helper()
	res, err := run.Load(memory.DefaultAllocator, catalogDir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	return writeResult(t, res, catalogDir)
}

var (
	cacheMu  sync.Mutex
	cacheDir string
	cached   = map[string][2]any{}
)

func TestMain(m *testing.M) {
	code := m.Run()
	if cacheDir != "" {
		os.RemoveAll(cacheDir)
	}
	os.Exit(code)
}

// cachedDataset is writeDataset's result for a catalog, written once for the
// tests that only read it.
func cachedDataset(t *testing.T, catalogDir string) (string, []string) {
	t.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	if c, ok := cached[catalogDir]; ok {
		return c[0].(string), c[1].([]string)
	}
	if cacheDir == "" {
		d, err := os.MkdirTemp("", "landscape-dataset-test-")
		if err != nil {
			t.Fatal(err)
		}
		cacheDir = d
	}
	tmp, files := writeDataset(t, catalogDir)
	dir := filepath.Join(cacheDir, strconv.Itoa(len(cached)))
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatal(err)
	}
	cached[catalogDir] = [2]any{dir, files}
	return dir, files
}

func writeResult(t *testing.T, res *analyze.Result, catalogDir string) (string, []string) {
	t.Helper()
	notes, err := export.ReadSourceNotes(catalogDir)
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	dir := t.TempDir()
	files, err := export.WriteDataset(mem, res, dir, export.DatasetOptions{Source: notes.Source, License: notes.License})
	if err != nil {
		t.Fatal(err)
	}
	return dir, files
}

func readManifest(t *testing.T, dir string) *export.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, export.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return &m
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestDatasetManifest: the manifest lists every file with its true size and
// sha256; every data file read back (Parquet with a checked allocator, CSV,
// JSON) has the manifest's rows; table rows are the sum of their files'.
func TestDatasetManifest(t *testing.T) {
	for name, cat := range catalogs(t) {
		t.Run(name, func(t *testing.T) {
			dir, files := cachedDataset(t, cat)
			m := readManifest(t, dir)
			if got := listFiles(t, dir); strings.Join(got, "\n") != strings.Join(files, "\n") {
				t.Errorf("WriteDataset returned %v, folder holds %v", files, got)
			}
			listed := map[string]bool{export.ManifestName: true}
			tableRows := map[string]int64{}
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			for _, f := range m.Files {
				listed[f.Path] = true
				data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Fatal(err)
				}
				sum := sha256.Sum256(data)
				if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Bytes {
					t.Errorf("%s: manifest says %d bytes sha256 %s; file has %d bytes sha256 %x", f.Path, f.Bytes, f.SHA256, len(data), sum)
				}
				if f.Format == "markdown" {
					continue
				}
				if f.Rows == nil {
					t.Errorf("%s: no rows in the manifest", f.Path)
					continue
				}
				var n int64
				switch f.Format {
				case "parquet":
					tbl, err := parquettest.Read(mem, filepath.Join(dir, filepath.FromSlash(f.Path)))
					if err != nil {
						t.Fatal(err)
					}
					n = tbl.NumRows()
					tbl.Release()
					tableRows[f.Table] += n
				case "csv":
					recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
					if err != nil {
						t.Fatalf("%s: %v", f.Path, err)
					}
					n = int64(len(recs) - 1)
				case "json":
					var rows []map[string]any
					if err := json.Unmarshal(data, &rows); err != nil {
						t.Fatalf("%s: %v", f.Path, err)
					}
					n = int64(len(rows))
				default:
					t.Errorf("%s: format %q", f.Path, f.Format)
				}
				if n != *f.Rows {
					t.Errorf("%s: %d rows read back, manifest says %d", f.Path, n, *f.Rows)
				}
			}
			for _, f := range files {
				if !listed[f] {
					t.Errorf("%s is not in the manifest", f)
				}
			}
			for _, tb := range m.Tables {
				if tableRows[tb.Name] != tb.Rows {
					t.Errorf("table %s: files hold %d rows, manifest says %d", tb.Name, tableRows[tb.Name], tb.Rows)
				}
			}
			if m.Version != m.Source.NewestRelease+".0" || m.SchemaVersion != export.SchemaVersion {
				t.Errorf("version %s, schema %s", m.Version, m.SchemaVersion)
			}
		})
	}
}

// TestDatasetDeterministic: two runs from two loads give the same bytes.
func TestDatasetDeterministic(t *testing.T) {
	for name, cat := range catalogs(t) {
		t.Run(name, func(t *testing.T) {
			a, fa := writeDataset(t, cat)
			b, fb := writeDataset(t, cat)
			if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
				t.Fatalf("file lists differ:\n%v\n%v", fa, fb)
			}
			for _, f := range fa {
				da, _ := os.ReadFile(filepath.Join(a, f))
				db, _ := os.ReadFile(filepath.Join(b, f))
				if !bytes.Equal(da, db) {
					t.Errorf("%s differs between runs", f)
				}
			}
		})
	}
}

// documented parses DATASET.md: table name → column → meaning, from the
// "### table" sections' "| `column` | type | null | meaning |" rows.
func documented(card []byte) map[string]map[string]string {
	out := map[string]map[string]string{}
	row := regexp.MustCompile("^\\| `([^`]+)` \\|(.*)\\|$")
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(card))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			cur = ""
		}
		if name, ok := strings.CutPrefix(line, "### "); ok {
			cur = strings.TrimSpace(name)
			out[cur] = map[string]string{}
			continue
		}
		m := row.FindStringSubmatch(line)
		if cur == "" || m == nil {
			continue
		}
		cells := regexp.MustCompile(`[^\\]\|`).Split(m[2]+" ", -1)
		out[cur][m[1]] = strings.TrimSpace(cells[len(cells)-1])
	}
	return out
}

// undocumented lists the columns of the dataset's files (and partition
// keys) that DATASET.md does not give a meaning for.
func undocumented(t *testing.T, dir string) []string {
	t.Helper()
	card, err := os.ReadFile(filepath.Join(dir, export.DataCardName))
	if err != nil {
		t.Fatal(err)
	}
	docs := documented(card)
	m := readManifest(t, dir)
	var missing []string
	seen := map[string]bool{}
	check := func(table, col string) {
		if seen[table+"."+col] {
			return
		}
		seen[table+"."+col] = true
		if docs[table][col] == "" {
			missing = append(missing, table+"."+col)
		}
	}
	for _, f := range m.Files {
		if f.Format != "parquet" {
			continue
		}
		for _, field := range parquetSchema(t, filepath.Join(dir, filepath.FromSlash(f.Path))).Fields() {
			check(f.Table, field.Name)
		}
		if strings.Contains(f.Path, export.PartitionKey+"=") {
			check(f.Table, export.PartitionKey)
		}
	}
	if len(seen) == 0 {
		t.Fatal("no columns found")
	}
	return missing
}

func parquetSchema(t *testing.T, path string) *arrow.Schema {
	t.Helper()
	tbl, err := parquettest.Read(memory.DefaultAllocator, path)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	return tbl.Schema()
}

// TestDataCardDocumentsEveryColumn: every column of every table, as the
// Parquet files hold it, has a meaning in DATASET.md.
func TestDataCardDocumentsEveryColumn(t *testing.T) {
	for name, cat := range catalogs(t) {
		t.Run(name, func(t *testing.T) {
			dir, _ := cachedDataset(t, cat)
			if missing := undocumented(t, dir); len(missing) > 0 {
				t.Errorf("DATASET.md documents no meaning for: %s", strings.Join(missing, ", "))
			}
			card, _ := os.ReadFile(filepath.Join(dir, export.DataCardName))
			for _, want := range []string{"## Identifiers", "## Versioning", "## How to cite", "## License", "DuckDB", "pandas", "Polars", export.SchemaVersion} {
				if !bytes.Contains(card, []byte(want)) {
					t.Errorf("DATASET.md lacks %q", want)
				}
			}
		})
	}
}

// TestDataCardCheckCatchesUndocumented: the check above fails for a column
// without a meaning.
func TestDataCardCheckCatchesUndocumented(t *testing.T) {
	m := &export.Manifest{Dataset: "x", Version: "2024-01-31.0", Tables: []export.ManifestTable{{
		Name: "things", Columns: []export.ManifestColumn{{Name: "a", Type: "string", Description: "an a"}, {Name: "b", Type: "int64"}},
	}}}
	docs := documented(export.DataCard(export.DataCardInput{Manifest: m}))
	if docs["things"]["a"] != "an a" {
		t.Errorf("documented a: %q", docs["things"]["a"])
	}
	if d, ok := docs["things"]["b"]; !ok || d != "" {
		t.Errorf("b should be listed without a meaning, got %q (listed %v)", d, ok)
	}
}

// TestDatasetLayout checks the files are built for readers: hive partitions
// without the partition column inside, sorted rows with sorting_columns, a
// page index, statistics, DATE columns, the key-value metadata, and the
// tools table aggregating a tool's listings.
func TestDatasetLayout(t *testing.T) {
	cat := tinyCatalog(t)
	dir, files := writeDataset(t, cat)
	m := readManifest(t, dir)
	for _, want := range []string{"tools/release_year=2024/release_month=1/part-0.parquet",
		"tools/release_year=2024/release_month=2/part-0.parquet", "listings/release_year=2024/release_month=1/part-0.parquet",
		"listings/release_year=2024/release_month=2/part-0.parquet", "releases/part-0.parquet", "category_stats/part-0.parquet",
		"events/part-0.parquet", "tool_identity/part-0.parquet", "csv/releases.csv", "json/category_stats.json", "DATASET.md", "manifest.json"} {
		if i := sort.SearchStrings(files, want); i == len(files) || files[i] != want {
			t.Errorf("no %s in %v", want, files)
		}
	}
	if m.Source.License != "CC0-1.0\n- no rights reserved." || m.Source.Source != "a test catalog." {
		t.Errorf("source notes: %+v", m.Source)
	}
	for _, f := range m.Files {
		if f.Format != "parquet" {
			continue
		}
		path := filepath.Join(dir, filepath.FromSlash(f.Path))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		r, err := file.NewParquetReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		md := r.MetaData()
		kv := map[string]string{}
		for _, k := range md.KeyValueMetadata().Keys() {
			if v := md.KeyValueMetadata().FindValue(k); v != nil {
				kv[k] = *v
			}
		}
		partitioned := strings.Contains(f.Path, "/release_year=")
		// A partition file names no dataset version: the same rows are the
		// same bytes in every release of the dataset.
		version := "2024-02-29.0"
		if partitioned {
			version = ""
		}
		for k, want := range map[string]string{"landscape.schema_version": export.SchemaVersion, "landscape.generator": export.GeneratorVersion,
			"landscape.catalog": "tiny", "landscape.table": f.Table, "landscape.dataset_version": version} {
			if kv[k] != want {
				t.Errorf("%s: %s = %q, want %q", f.Path, k, kv[k], want)
			}
		}
		if want := strings.TrimSuffix(strings.TrimPrefix(f.Path, f.Table+"/"), "/part-0.parquet"); partitioned && kv["landscape.partition"] != want {
			t.Errorf("%s: landscape.partition %q", f.Path, kv["landscape.partition"])
		}
		schema := md.Schema
		for i := 0; i < schema.NumColumns(); i++ {
			c := schema.Column(i)
			if partitioned && (c.Name() == export.PartitionKey || c.Name() == export.MonthPartitionKey) {
				t.Errorf("%s: the partition column %s is stored in the file", f.Path, c.Name())
			}
			if strings.HasSuffix(c.Name(), "date") || strings.HasSuffix(c.Name(), "_seen") {
				if lt := c.LogicalType().String(); lt != "Date" {
					t.Errorf("%s: %s has logical type %s, want Date", f.Path, c.Name(), lt)
				}
			}
			if c.PhysicalType().String() == "INT96" {
				t.Errorf("%s: %s is INT96", f.Path, c.Name())
			}
		}
		if r.NumRowGroups() != 1 {
			t.Errorf("%s: %d row groups for a tiny table", f.Path, r.NumRowGroups())
		}
		if r.NumRows() > 0 {
			rg := md.RowGroup(0)
			if len(rg.SortingColumns()) == 0 {
				t.Errorf("%s: no sorting_columns", f.Path)
			}
			for i := 0; i < rg.NumColumns(); i++ {
				cc, err := rg.ColumnChunk(i)
				if err != nil {
					t.Fatal(err)
				}
				if cc.Compression().String() != "ZSTD" {
					t.Errorf("%s: %s compressed %s", f.Path, cc.PathInSchema(), cc.Compression())
				}
				if ok, _ := cc.StatsSet(); !ok {
					t.Errorf("%s: %s has no statistics", f.Path, cc.PathInSchema())
				}
			}
			pi := r.GetPageIndexReader()
			rgi, err := pi.RowGroup(0)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < rg.NumColumns(); i++ {
				ci, err := rgi.GetColumnIndex(i)
				if err != nil || ci == nil {
					t.Errorf("%s: column %d has no column index (%v)", f.Path, i, err)
				}
				oi, err := rgi.GetOffsetIndex(i)
				if err != nil || oi == nil {
					t.Errorf("%s: column %d has no offset index (%v)", f.Path, i, err)
				}
			}
		}
		r.Close()
	}

	// The tools table: one row per tool per release; Alpha, listed under
	// Serving and Monitoring in the first release, is one row with both.
	// The first release is in the partition of January 2024.
	tbl, err := parquettest.Read(memory.DefaultAllocator, filepath.Join(dir, "tools", "release_year=2024", "release_month=1", "part-0.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	rec := tableRecord(t, tbl)
	defer rec.Release()
	got := map[string]string{}
	var order []string
	for i := 0; i < int(rec.NumRows()); i++ {
		if str(rec, "release_id", i) != "2024-01-31" {
			continue
		}
		id := str(rec, "tool_id", i)
		got[id] = str(rec, "name", i) + "|" + str(rec, "category", i) + "|" + str(rec, "categories", i) + "|" + str(rec, "listings", i)
		order = append(order, str(rec, "category", i)+"/"+id)
	}
	want := map[string]string{
		"github.com/a/alpha": "Alpha|Serving|Monitoring; Serving|2",
		"beta.io":            "Beta|Serving|Serving|1",
		"github.com/g/gamma": "Gamma|Monitoring|Monitoring|1",
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("tools %s: %q, want %q", id, got[id], w)
		}
	}
	if len(got) != len(want) || !sort.StringsAreSorted(order) {
		t.Errorf("tools rows (category/tool_id, want sorted): %v", order)
	}
}

func tableRecord(t *testing.T, tbl arrow.Table) arrow.Record {
	t.Helper()
	tr := array.NewTableReader(tbl, tbl.NumRows()+1)
	defer tr.Release()
	if !tr.Next() {
		t.Fatal("empty table")
	}
	rec := tr.Record()
	rec.Retain()
	return rec
}

func str(rec arrow.Record, name string, i int) string {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		return "<no column " + name + ">"
	}
	col := rec.Column(idx[0])
	if col.IsNull(i) {
		return "<null>"
	}
	return col.ValueStr(i)
}

// TestCopiesEncodeTricky: quotes, commas and pipes survive the CSV and JSON
// copies; nulls are empty fields and null.
func TestCopiesEncodeTricky(t *testing.T) {
	dir, _ := writeDataset(t, tinyCatalog(t))
	data, err := os.ReadFile(filepath.Join(dir, "csv", "events.csv"))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range recs[1:] {
		for _, v := range r {
			if v == `Delta "quoted", with comma` {
				found = true
			}
		}
	}
	if !found {
		t.Errorf("the quoted name did not survive the CSV copy:\n%s", data)
	}
	js, err := os.ReadFile(filepath.Join(dir, "json", "events.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(js, &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r["kind"] == "added" {
			if r["name"] != `Delta "quoted", with comma` || r["from_category"] != nil || r["release_date"] != "2024-02-29" {
				t.Errorf("added event in JSON: %v", r)
			}
		}
	}
}

func TestReadSourceNotes(t *testing.T) {
	dir := t.TempDir()
	n, err := export.ReadSourceNotes(dir)
	if err != nil || n != (export.SourceNotes{}) {
		t.Fatalf("no notes: %+v %v", n, err)
	}
	os.WriteFile(filepath.Join(dir, "LICENSE"), []byte("\nMIT License\n\nCopyright …\n"), 0o644)
	if n, _ := export.ReadSourceNotes(dir); n.License != "MIT License (LICENSE beside the catalog)" {
		t.Errorf("from LICENSE: %+v", n)
	}
	os.WriteFile(filepath.Join(dir, "SOURCE.md"), []byte("# c\n\n**Source:** the repo x/y,\nfile `a.yml`.\n**License:** Apache-2.0. Also:\n- logos excluded.\n\n## License\n\nignored: the first wins\n"), 0o644)
	n, _ = export.ReadSourceNotes(dir)
	if n.Source != "the repo x/y,\nfile `a.yml`." || n.License != "Apache-2.0. Also:\n- logos excluded." {
		t.Errorf("from SOURCE.md: %+v", n)
	}
	os.WriteFile(filepath.Join(dir, "SOURCE.md"), []byte("# c\n\n## License\n\nCC-BY-4.0, see\nthe site.\n\n## Other\n"), 0o644)
	if n, _ := export.ReadSourceNotes(dir); n.License != "CC-BY-4.0, see\nthe site." {
		t.Errorf("from a License section: %+v", n)
	}
}

// TestDatasetPartitions: the per-release tables are partitioned by year and
// month, one folder per month with a release (none for a month or year
// without), each file holding its month's releases with their release_date,
// in order; a rerun writes the same bytes.
func TestDatasetPartitions(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "years")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	releases := map[string]string{ // release → tools
		"2023-12-31": "AB", "2024-01-31": "ABC", "2024-02-10": "AB", "2024-02-29": "AC", "2024-12-31": "ACD", "2026-01-01": "D",
	}
	for rel, tools := range releases {
		text := "# Awesome Years\n\n## Serving\n\n"
		for _, c := range tools {
			text += "* [Tool " + string(c) + "](https://github.com/t/" + strings.ToLower(string(c)) + ") - A tool.\n"
		}
		if err := os.WriteFile(filepath.Join(dir, rel+".md"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, files := writeDataset(t, dir)
	m := readManifest(t, out)
	tests := []struct {
		part  string
		rows  int64 // tools (= listings here) of the month's releases
		dates []string
	}{
		{"release_year=2023/release_month=12", 2, []string{"2023-12-31"}},
		{"release_year=2024/release_month=1", 3, []string{"2024-01-31"}},
		{"release_year=2024/release_month=2", 4, []string{"2024-02-10", "2024-02-29"}},
		{"release_year=2024/release_month=12", 3, []string{"2024-12-31"}},
		{"release_year=2026/release_month=1", 1, []string{"2026-01-01"}},
	}
	var parts []string
	for _, f := range files {
		if strings.HasPrefix(f, "tools/") {
			parts = append(parts, f)
		}
	}
	if len(parts) != len(tests) {
		t.Errorf("tools partitions %v, want one per month with a release (2023-12, 2024-01, 2024-02, 2024-12, 2026-01)", parts)
	}
	rows := map[string]int64{}
	for _, f := range m.Files {
		if f.Rows != nil {
			rows[f.Path] = *f.Rows
		}
	}
	for _, tt := range tests {
		for _, table := range []string{"tools", "listings"} {
			p := table + "/" + tt.part + "/part-0.parquet"
			if rows[p] != tt.rows {
				t.Errorf("%s: %d rows in the manifest, want %d", p, rows[p], tt.rows)
			}
			tbl, err := parquettest.Read(memory.DefaultAllocator, filepath.Join(out, filepath.FromSlash(p)))
			if err != nil {
				t.Fatal(err)
			}
			rec := tableRecord(t, tbl)
			var dates []string
			for i := 0; i < int(rec.NumRows()); i++ {
				d := str(rec, "release_date", i)
				if len(dates) == 0 || dates[len(dates)-1] != d {
					dates = append(dates, d)
				}
			}
			rec.Release()
			tbl.Release()
			if strings.Join(dates, ",") != strings.Join(tt.dates, ",") {
				t.Errorf("%s: release dates %v, want %v (in order)", p, dates, tt.dates)
			}
		}
	}
	for _, mt := range m.Tables {
		if mt.Name != "tools" && mt.Name != "listings" {
			if len(mt.PartitionedBy) > 0 {
				t.Errorf("%s partitioned by %v", mt.Name, mt.PartitionedBy)
			}
			continue
		}
		year, month := mt.Columns[len(mt.Columns)-2], mt.Columns[len(mt.Columns)-1]
		if strings.Join(mt.PartitionedBy, ",") != "release_year,release_month" || year.Name != "release_year" || month.Name != "release_month" ||
			!year.Partition || !month.Partition || year.Type != "int64" || month.Type != "int64" {
			t.Errorf("%s: partitioned by %v, partition columns %+v, %+v", mt.Name, mt.PartitionedBy, year, month)
		}
	}
	again, _ := writeDataset(t, dir)
	for _, f := range files {
		a, errA := os.ReadFile(filepath.Join(out, filepath.FromSlash(f)))
		b, errB := os.ReadFile(filepath.Join(again, filepath.FromSlash(f)))
		if errA != nil || errB != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between runs (%v, %v)", f, errA, errB)
		}
	}
}
