package export

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// SchemaVersion is the semantic version of the dataset's schema (see
// DATASET.md, "Versioning"): MAJOR when a column or table is removed or
// renamed, or changes type or meaning; MINOR when one is added; PATCH when
// only the documentation changes.
const SchemaVersion = "2.3.0"

// PartitionKey and MonthPartitionKey are the hive partition columns of the
// per-release tables: the year and the month of release_date, one folder
// release_year=YYYY/release_month=M per month with a release (a catalog cut
// every day its file changed has thousands of releases: a folder per release
// would be thousands of tiny files; a folder per year would make a new day
// rewrite the whole year).
const (
	PartitionKey      = "release_year"
	MonthPartitionKey = "release_month"
)

// Dataset file names.
const (
	ManifestName = "manifest.json"
	DataCardName = "DATASET.md"
)

// rowGroupBytes sizes the row groups of the dataset's files: about this
// many bytes of Arrow memory per row group, so that a catalog's tables are
// one row group each while a large one is split for parallel readers.
const rowGroupBytes = 64 << 20

// DatasetOptions are the choices of a dataset release beyond the analysis.
type DatasetOptions struct {
	// Patch is the dataset version's patch number: 2026-06-30.<Patch>. Bump
	// it to publish a corrected dataset of the same newest release.
	Patch int
	// Source tells where the catalog comes from; empty: the newest release's
	// source, where the release files give one. See ReadSourceNotes.
	Source string
	// License is the source catalog's license, where known (see
	// ReadSourceNotes); it is stated in DATASET.md and manifest.json.
	License string
	// ReportPeriod is not the dataset's: it carries the period of the
	// report.md written beside it (ReportOptions.Period) to the writer of
	// both.
	ReportPeriod string
	// Excluded are the categories left out of the analysis
	// (read.Options.ExcludeCategories), for report.md to say so.
	Excluded []string
	// Tables are the result's tables (Result.Tables) when the caller has
	// made them already, for the tables it writes beside the dataset: the
	// writer retains their records instead of making them again. nil: made
	// here.
	Tables []*catalog.Table
	// Prepared are the history's partition files when the caller has made
	// them already (PreparePartitions, from the result's history and the
	// same earlier release); nil: made here.
	Prepared *Prepared
}

// DatasetVersion is the version of a catalog's dataset: the newest release
// date and a patch number, 2026-06-30.0.
func DatasetVersion(res *analyze.Result, patch int) string {
	rels := res.History.Releases
	if len(rels) == 0 {
		return "0000-00-00." + strconv.Itoa(patch)
	}
	return rels[len(rels)-1].Date.Format(time.DateOnly) + "." + strconv.Itoa(patch)
}

// dsTable is one table of the dataset.
type dsTable struct {
	Name        string
	Description string
	Rec         arrow.Record // sorted; partitioned tables keep release_date in the files
	Docs        map[string]string
	SortBy      []string // column names, in Rec
	Partitioned bool     // hive-partitioned by release_year=YYYY/release_month=M (of release_date)
}

func (t *dsTable) release() {
	if t.Rec != nil {
		t.Rec.Release()
		t.Rec = nil
	}
}

// tableOrder is the order of the tables in the data card and manifest;
// tables an analysis adds later follow, in Result.Tables order.
var tableOrder = []string{"releases", "tools", "listings", "tool_identity", "events", "category_stats", "subcategory_stats", "growth_rates", "taxonomy_crosswalk", "subcategory_crosswalk", "survival", "survival_curve", "cohorts",
	"open_source", "licenses", "status_mix", "launch_years", "stars", "deals"}

// tableDescriptions say what one row of each table is.
var tableDescriptions = map[string]string{
	"releases":              "One row per release of the catalog: its date, source file and commit where known, and its size and change in numbers.",
	"tools":                 "One row per tool per release (not per listing): the listings of a tool in a release are aggregated; name, category and subcategory are its first listing's, `categories` and `listings` keep the rest. Hive-partitioned by release_year and release_month.",
	"listings":              "One row per listing per release: every entry of every release file, with its tool_id. A tool listed in two places has two rows. Hive-partitioned by release_year and release_month.",
	"tool_identity":         "One row per key (name, repository, homepage) a tool had: which names and URLs a tool_id stands for, and in which releases.",
	"events":                "The changelog between consecutive releases: one row per tool added, re-added, removed or moved (its set of categories changed), renamed, moved to a new repository, with a new status or relicensed — each change with its FROM and TO. The first release is the baseline and has no events.",
	"category_stats":        "One row per category per release, including categories that emptied since the previous release (tools 0). Categories are those the analyses count by: canonical_category, the lineage name, where the history has it. A tool listed in several categories counts in each.",
	"subcategory_stats":     "One row per (category, subcategory) per release, as category_stats. Subcategories are canonical_subcategory, the lineage name within the canonical category: a renamed, split or merged subcategory continues its series (see subcategory_crosswalk).",
	"taxonomy_crosswalk":    "What happened to each category between consecutive releases: one row per link from a category of the previous release to one of the release — same, renamed, split, merged — or a category that is new or retired. It is what canonical_category (the lineage) is built from.",
	"subcategory_crosswalk": "What happened to each subcategory between consecutive releases, within its canonical category: one row per link — same, renamed, split, merged — or a subcategory that is new or retired (a tool that changes category leaves its subcategory's measure). It is what canonical_subcategory is built from.",
	"survival":              "One row per tool: how long it has been in the catalog (first and last release, releases present, gaps), for survival analysis; censored while it is still listed.",
	"survival_curve":        "The Kaplan-Meier survival curve of tools in the catalog, for all tools and per canonical category of entry: one row per group and time (in days).",
	"cohorts":               "One row per cohort (the tools first listed in a release) and later release: how many of them are still listed.",
	"open_source":           "One row per release for the whole release (category empty: each tool once), then one per category of the release: how many tools say open_source true, false or nothing, and the open share of those that say.",
	"licenses":              "One row per licence per release: how many tools carry it (their first listing giving one); an empty licence counts the tools that give none. Relicensings are events (kind relicensed) and deals.",
	"status_mix":            "One row per category, status class and release: how many tools have that status (active, acquired, discontinued, archived, renamed, or a foundation maturity: sandbox, incubating, graduated; unknown where none is given).",
	"launch_years":          "The newest release's tools by launch year and category (the launch-year histogram): one row per category and year; a tool counts once, in its first category by name; tools without a launch date are left out.",
	"stars":                 "One row per tool of the newest release with GitHub stars: its stars, and those of the previous release with the change. Empty where the catalog has no stars.",
	"deals":                 "One row per acquisition, end, relicensing or rename: what the listings show between two releases (a status change to acquired, discontinued or archived; a licence change; a rename) joined with what the newer release file records of its period (the canonical format's changes: list), with the date it took effect at its precision (month, year, or only the period).",
	"growth_rates":          "One row per category (and per subcategory) and window — since the previous release, since a year earlier, since the first release: tools before and after, the change and the change in percent.",
}

// tableSortKeys are the columns each table's rows are sorted by.
var tableSortKeys = map[string][]string{
	"releases":              {"release_date"},
	"tools":                 {"release_date", "category", "tool_id"},
	"listings":              {"release_date", "category", "tool_id", "source_file", "source_line"},
	"tool_identity":         {"tool_id", "kind", "first_seen", "value"},
	"events":                {"release_date", "kind", "tool_id"},
	"category_stats":        {"release_date", "category"},
	"subcategory_stats":     {"release_date", "category", "subcategory"},
	"taxonomy_crosswalk":    {"release", "from_category", "to_category"},
	"subcategory_crosswalk": {"release", "category", "from_subcategory", "to_subcategory"},
	"survival":              {"tool_id"},
	"survival_curve":        {"group", "time"},
	"cohorts":               {"cohort", "release"},
	"open_source":           {"release_date", "category"},
	"licenses":              {"release_date", "license"},
	"status_mix":            {"release_date", "category", "status"},
	"launch_years":          {"launch_year", "category"},
	"stars":                 {"tool_id"},
	"deals":                 {"release_date", "kind", "name", "tool_id"},
	"growth_rates":          {"level", "window", "category", "subcategory"},
}

// defaultSortKeys sort a table without its own order.
var defaultSortKeys = []string{"release_date", "category", "subcategory", "tool_id"}

// partitionDoc and monthPartitionDoc document the hive partition columns.
const (
	partitionDoc      = "year of release_date: the first hive partition key, read from the folder name release_year=YYYY (not stored in the files)"
	monthPartitionDoc = "month of release_date (1-12): the second hive partition key, read from the folder name release_month=M (not stored in the files)"
)

// WriteDataset writes a catalog's dataset release into dir (which exists and
// is empty: run.WriteDirAtomic makes it): a folder of Parquet files per
// table, CSV and JSON copies of the small tables, DATASET.md and
// manifest.json. It returns the paths written, relative to dir with '/',
// sorted. Same result and options, same bytes.
func WriteDataset(mem memory.Allocator, res *analyze.Result, dir string, o DatasetOptions) ([]string, error) {
	names, _, err := WriteDatasetFrom(mem, res, dir, o)
	return names, err
}

// WriteDatasetFrom is WriteDataset also returning the partitions written,
// for the next run: the partition files come from o.Prepared
// (PreparePartitions, which takes from an earlier release of the dataset
// every file whose rows are the same: a history that grew by a day rewrites
// its newest month only), else are made here. The files are the same bytes
// either way.
func WriteDatasetFrom(mem memory.Allocator, res *analyze.Result, dir string, o DatasetOptions) ([]string, *Partitions, error) {
	h := res.History
	if len(h.Releases) == 0 {
		return nil, nil, fmt.Errorf("%s: no releases", h.Name)
	}
	tables, err := datasetTables(mem, res, o.Tables)
	defer func() {
		for _, t := range tables {
			t.release()
		}
	}()
	if err != nil {
		return nil, nil, err
	}
	pp := o.Prepared
	if pp == nil {
		pp = PreparePartitions(mem, h, nil)
	} else if pp.h != h {
		return nil, nil, fmt.Errorf("%s: partitions prepared from another history", h.Name)
	}
	newest := h.Releases[len(h.Releases)-1]
	if o.Source == "" {
		o.Source = newest.Source
	}
	m := &Manifest{
		Dataset:       h.Name,
		Version:       DatasetVersion(res, o.Patch),
		SchemaVersion: SchemaVersion,
		Generator:     GeneratorVersion,
		Source: ManifestSource{
			Catalog:         h.Name,
			Source:          o.Source,
			Commit:          newest.Commit,
			License:         o.License,
			Releases:        len(h.Releases),
			FirstRelease:    h.Releases[0].Date.Format(time.DateOnly),
			NewestRelease:   newest.Date.Format(time.DateOnly),
			Warnings:        len(h.Warnings),
			SkippedReleases: h.Warnings.SkippedReleases(),
		},
	}
	// Partition files carry what does not change from one dataset release
	// to the next (partitionMeta); the other files also name the dataset
	// version and source.
	meta := withKV(partitionMeta(h), "landscape.dataset_version", m.Version)
	if newest.Commit != "" {
		meta["landscape.source_commit"] = newest.Commit
	}
	if newest.Source != "" {
		meta["landscape.source"] = newest.Source
	}
	fw := &fileWriter{dir: dir}
	parts := &Partitions{}
	// The small tables are encoded (Parquet, CSV, JSON) on goroutines, a
	// few ahead of the one being written, while this one writes the
	// partitioned tables and every file in order.
	encoded := make([]chan encodedTable, len(tables))
	launched := 0
	launch := func(upto int) {
		for ; launched <= upto && launched < len(tables); launched++ {
			t := tables[launched]
			if t.Partitioned {
				continue
			}
			ch := make(chan encodedTable, 1)
			encoded[launched] = ch
			go func() { ch <- encodeTable(mem, t, withKV(meta, "landscape.table", t.Name)) }()
		}
	}
	defer func() { // on an early return, wait for the encoders still running
		for _, ch := range encoded[:launched] {
			if ch != nil {
				<-ch
			}
		}
	}()
	for i, t := range tables {
		launch(i + encodeAhead)
		if t.Partitioned {
			pt := pp.p.table(t.Name)
			mt := ManifestTable{Name: pt.name, Description: pt.description, Path: pt.name + "/", SortedBy: pt.sortBy, PartitionedBy: []string{PartitionKey, MonthPartitionKey}}
			for _, f := range pt.schema.Fields() {
				mt.Columns = append(mt.Columns, ManifestColumn{Name: f.Name, Type: typeName(f.Type), Nullable: f.Nullable, Description: pt.docs[f.Name]})
			}
			mt.Columns = append(mt.Columns, ManifestColumn{Name: PartitionKey, Type: "int64", Partition: true, Description: partitionDoc},
				ManifestColumn{Name: MonthPartitionKey, Type: "int64", Partition: true, Description: monthPartitionDoc})
			rows, err := writePartitions(fw, pp, pt.name, parts)
			if err != nil {
				return nil, nil, err
			}
			mt.Rows = rows
			m.Tables = append(m.Tables, mt)
			continue
		}
		mt := ManifestTable{Name: t.Name, Description: t.Description, Path: t.Name + "/", Rows: t.Rec.NumRows(), SortedBy: sortedByNames(t)}
		for _, f := range t.Rec.Schema().Fields() {
			mt.Columns = append(mt.Columns, ManifestColumn{Name: f.Name, Type: typeName(f.Type), Nullable: f.Nullable, Description: t.Docs[f.Name]})
		}
		e := <-encoded[i]
		encoded[i] = nil
		if e.err != nil {
			return nil, nil, e.err
		}
		fw.write(t.Name+"/part-0.parquet", t.Name, "parquet", t.Rec.NumRows(), e.parquet)
		if e.csv != nil {
			fw.write("csv/"+t.Name+".csv", t.Name, "csv", t.Rec.NumRows(), e.csv)
			fw.write("json/"+t.Name+".json", t.Name, "json", t.Rec.NumRows(), e.json)
		}
		m.Tables = append(m.Tables, mt)
	}
	m.Files = fw.files
	card := DataCard(DataCardInput{Manifest: m, ExampleTool: pp.exampleTool})
	fw.write(DataCardName, "", "markdown", -1, card)
	m.Files = fw.files
	js, err := m.Encode()
	if err != nil {
		return nil, nil, err
	}
	if fw.err == nil {
		fw.err = os.WriteFile(filepath.Join(dir, ManifestName), js, 0o644)
	}
	if fw.err != nil {
		return nil, nil, fw.err
	}
	names := []string{ManifestName}
	for _, f := range fw.files {
		names = append(names, f.Path)
	}
	sortStrings(names)
	return names, parts, nil
}

// encodeAhead is how many small tables are encoded ahead of the one being
// written: enough to keep both cores busy, few enough that the encoded bytes
// held at once stay small.
const encodeAhead = 2

// encodedTable is a small table's files: Parquet, CSV and JSON.
type encodedTable struct {
	parquet, csv, json []byte
	err                error
}

// encodeTable encodes a small table of the dataset into its three files.
func encodeTable(mem memory.Allocator, t *dsTable, meta map[string]string) encodedTable {
	data, err := WriteParquet(mem, t.Rec, ParquetOptions{Metadata: meta, RowGroupBytes: rowGroupBytes, AutoDictionary: true, SortingColumns: t.SortBy})
	if err != nil {
		return encodedTable{err: fmt.Errorf("%s: %w", t.Name, err)}
	}
	if !HasCopies(t.Rec.NumRows()) {
		return encodedTable{parquet: data}
	}
	csvData, err := encodeCSV(t.Rec)
	if err != nil {
		return encodedTable{err: fmt.Errorf("%s.csv: %w", t.Name, err)}
	}
	return encodedTable{parquet: data, csv: csvData, json: encodeJSON(t.Rec)}
}

// CopyMaxRows is the most rows a table of the dataset has for its CSV and
// JSON copies to be written: the analyses of a half-yearly or quarterly
// catalog are far below it; the growth tables of a history of every day
// (subcategory_stats: 76,712 rows for the CNCF landscape's 1,769 days, 17 MB
// as JSON) are above it and are read from their Parquet files.
const CopyMaxRows = 50_000

// HasCopies tells whether a table of rows rows gets CSV and JSON copies.
func HasCopies(rows int64) bool { return rows <= CopyMaxRows }

func sortedByNames(t *dsTable) []string {
	return append([]string(nil), t.SortBy...)
}

func withKV(m map[string]string, k, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for kk, vv := range m {
		out[kk] = vv
	}
	out[k] = v
	return out
}

// fileWriter writes the dataset's files and records them for the manifest.
type fileWriter struct {
	dir   string
	files []ManifestFile
	err   error
}

func (w *fileWriter) write(rel, table, format string, rows int64, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if w.err = os.MkdirAll(filepath.Dir(p), 0o755); w.err != nil {
		return
	}
	w.err = os.WriteFile(p, data, 0o644)
	w.record(rel, table, format, rows, data, catalog.SHA256Hex(data))
}

// reuse puts at rel the file from of an earlier run, whose bytes data (with
// this sha256) the caller has checked (catalog.PlaceUnchanged: a hard link
// where it can).
func (w *fileWriter) reuse(rel, table, format string, rows int64, from string, data []byte, sha256Hex string) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(rel))
	if w.err = os.MkdirAll(filepath.Dir(p), 0o755); w.err != nil {
		return
	}
	w.err = catalog.PlaceUnchanged(from, p, data)
	w.record(rel, table, format, rows, data, sha256Hex)
}

// record lists a file written at rel in the manifest, unless writing it
// failed; rows < 0: not a table's file.
func (w *fileWriter) record(rel, table, format string, rows int64, data []byte, sha256Hex string) {
	if w.err != nil {
		return
	}
	f := ManifestFile{Path: rel, Table: table, Format: format, Bytes: int64(len(data)), SHA256: sha256Hex}
	if rows >= 0 {
		f.Rows = &rows
	}
	w.files = append(w.files, f)
}

// datasetTables builds every table of the dataset, each sorted. The caller
// releases them, also on error.
func datasetTables(mem memory.Allocator, res *analyze.Result, made []*catalog.Table) ([]*dsTable, error) {
	// The per-release tables are built a year at a time as they are
	// written (partitionedTables); here they only hold their place.
	out := []*dsTable{{Name: "tools", Partitioned: true}, {Name: "listings", Partitioned: true}}
	if made == nil {
		made = res.Tables(mem)
	} else {
		for _, t := range made {
			t.Record.Retain()
		}
	}
	for _, t := range made {
		out = append(out, &dsTable{Name: t.Name, Rec: t.Record, Docs: t.Docs, Description: tableDescriptions[t.Name]})
	}
	for _, t := range out {
		if t.Partitioned {
			continue
		}
		want, ok := tableSortKeys[t.Name]
		if !ok {
			want = defaultSortKeys
		}
		var keys []string
		for _, k := range want {
			if column(t.Rec, k) != nil {
				keys = append(keys, k)
			}
		}
		t.SortBy = keys
		idx, err := sortedIndices(t.Rec, keys)
		if err != nil {
			return out, fmt.Errorf("%s: %w", t.Name, err)
		}
		sorted, err := takeRecord(mem, t.Rec, idx)
		if err != nil {
			return out, fmt.Errorf("%s: %w", t.Name, err)
		}
		t.Rec.Release()
		t.Rec = sorted
	}
	rank := map[string]int{}
	for i, n := range tableOrder {
		rank[n] = i + 1
	}
	ordered := make([]*dsTable, 0, len(out))
	for _, n := range tableOrder {
		for _, t := range out {
			if t.Name == n {
				ordered = append(ordered, t)
			}
		}
	}
	for _, t := range out {
		if rank[t.Name] == 0 {
			ordered = append(ordered, t)
		}
	}
	return ordered, nil
}

// listingDocs document the history's columns in the listings table.
var listingDocs = map[string]string{
	"release_date":          "release date",
	"release_id":            "release id, as the other tables' release column (the release date, or YYYY-MM for a file named so, unless the file says otherwise)",
	"tool_id":               "the tool's stable id (see Identifiers)",
	"name":                  "the tool's name as this listing spells it",
	"category":              "category name as the release file spells it",
	"subcategory":           "subcategory name as the release file spells it; empty where the format has none",
	"homepage_url":          "homepage URL as listed; null when not given",
	"repo_url":              "source repository URL as listed; null when not given",
	"description":           "the listing's description text; null when not given",
	"launched":              "launch date or year as the catalog gives it (free text, e.g. 2019 or 2019-05); null when not given",
	"open_source":           "whether the catalog marks the tool open source; null when it does not say",
	"license":               "the tool's license as the catalog gives it; null when not given",
	"status":                "the tool's status as the catalog gives it (e.g. active, archived, CNCF graduated/incubating/sandbox); null when not given",
	"stars":                 "GitHub stars as the catalog gives them; null when not given",
	"extra":                 "every other field of the listing, as a JSON object with sorted keys; null when none",
	"source_file":           "name of the release file within the catalog folder",
	"source_line":           "line of the listing in the release file (1-based)",
	"canonical_category":    "the category's lineage name: the newest release's name of the category this one was renamed to, merged into or split from (package taxonomy; taxonomy.yaml beside the catalog overrides), so that a series runs through renames; equals category where nothing changed. category_stats and events count by it",
	"canonical_subcategory": "the subcategory's lineage name within its canonical category: the newest release's name of the subcategory this one was renamed to, merged into or split from (see subcategory_crosswalk); equals subcategory (in its newest spelling) where nothing changed. subcategory_stats counts by it",
	"joined_by":             "how the listing was joined to its tool_id: new (first seen), repo, homepage, name, repo_moved (same repository name under another owner), listed_twice (another listing of the tool in the same release), alias (aliases.yaml)",
}

// toolDocs document the tools table.
var toolDocs = map[string]string{
	"release_date":          "release date",
	"release_id":            listingDocs["release_id"],
	"tool_id":               "the tool's stable id (see Identifiers); unique within a release",
	"name":                  "the tool's name in its first listing of the release (file order)",
	"category":              "category of the tool's first listing in the release",
	"subcategory":           "subcategory of the tool's first listing in the release; empty where the format has none",
	"categories":            "every distinct category the tool is listed in, in this release, sorted and '; '-joined",
	"listings":              "number of listings (entries) of the tool in the release",
	"canonical_category":    "canonical (lineage) category of the tool's first listing in the release: see listings.canonical_category",
	"canonical_subcategory": "canonical (lineage) subcategory of the tool's first listing in the release: see listings.canonical_subcategory",
	"canonical_categories":  "every distinct canonical category of the tool's listings in this release, sorted and '; '-joined; a tool counts in category_stats under each",
	"homepage_url":          "homepage URL: the first listing's that gives one; null when none does",
	"repo_url":              "source repository URL: the first listing's that gives one; null when none does",
	"description":           "description: the first listing's that gives one; null when none does",
	"launched":              "launch date or year (free text): the first listing's that gives one; null when none does",
	"open_source":           "whether the catalog marks the tool open source: the first listing's that says; null when none does",
	"license":               "the tool's license: the first listing's that gives one; null when none does",
	"status":                "the tool's status (e.g. active, archived, CNCF graduated): the first listing's that gives one; null when none does",
	"stars":                 "GitHub stars: the first listing's that gives them; null when none does",
}

// toolsFields are the tools table's columns; canonical_category and
// canonical_categories follow category and categories when the history has
// canonical categories (package taxonomy).
var toolsFields = []arrow.Field{
	historyField("release_date"),
	historyField("release_id"),
	historyField("tool_id"),
	historyField("name"),
	historyField("category"),
	historyField("canonical_category"),
	historyField("subcategory"),
	historyField("canonical_subcategory"),
	{Name: "categories", Type: arrow.BinaryTypes.String},
	{Name: "canonical_categories", Type: arrow.BinaryTypes.String},
	{Name: "listings", Type: arrow.PrimitiveTypes.Int64},
	historyField("homepage_url"),
	historyField("repo_url"),
	historyField("description"),
	historyField("launched"),
	historyField("open_source"),
	historyField("license"),
	historyField("status"),
	historyField("stars"),
}

// historyField is a column of catalog.HistorySchema, which the tools table
// repeats with the same type.
func historyField(name string) arrow.Field {
	return catalog.HistorySchema.Field(catalog.HistorySchema.FieldIndices(name)[0])
}

// DatasetTables are the names of the dataset's tables (each a folder of a
// dataset release), sorted.
func DatasetTables() []string {
	return slices.Sorted(maps.Keys(tableDescriptions))
}
