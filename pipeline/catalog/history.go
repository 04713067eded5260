package catalog

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Column indexes of the history schema.
const (
	ColReleaseDate = iota
	ColReleaseID
	ColToolID
	ColName
	ColCategory
	ColSubcategory
	ColHomepageURL
	ColRepoURL
	ColDescription
	ColLaunched
	ColOpenSource
	ColLicense
	ColStatus
	ColStars
	ColExtra
	ColSourceFile
	ColSourceLine
	ColJoinedBy
	ColCanonicalCategory
	numCols
)

var dictString = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// HistorySchema is the Arrow schema of a catalog's history: one row per
// listing of a tool in a release. tool_id is empty until the identity stage
// fills it.
var HistorySchema = arrow.NewSchema([]arrow.Field{
	{Name: "release_date", Type: arrow.FixedWidthTypes.Date32},
	{Name: "release_id", Type: arrow.BinaryTypes.String},
	{Name: "tool_id", Type: arrow.BinaryTypes.String},
	{Name: "name", Type: arrow.BinaryTypes.String},
	{Name: "category", Type: dictString},
	{Name: "subcategory", Type: dictString},
	{Name: "homepage_url", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "repo_url", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "description", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "launched", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "open_source", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "license", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "status", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "stars", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "extra", Type: arrow.BinaryTypes.String, Nullable: true},
	{Name: "source_file", Type: arrow.BinaryTypes.String}, // file name within the catalog folder
	{Name: "source_line", Type: arrow.PrimitiveTypes.Int32},
	{Name: "joined_by", Type: dictString},          // how identity joined the row to its tool (package identity)
	{Name: "canonical_category", Type: dictString}, // the category's lineage name (package taxonomy); = category until it runs
}, nil)

// History is a catalog's history: its releases, oldest first, and the Arrow
// record of all their listings, in release order and, within a release, in
// file order. The caller owns Record and must Release it.
type History struct {
	Name     string // catalog name (the folder's base name)
	Releases []Release
	Warnings Diagnostics
	Record   arrow.Record
}

// Release releases the Arrow record.
func (h *History) Release() {
	if h.Record != nil {
		h.Record.Release()
		h.Record = nil
	}
}

// Date32 converts a date to Arrow's date32.
func Date32(t time.Time) arrow.Date32 { return arrow.Date32FromTime(t) }

// NewHistory builds the history table from snapshots (sorted here by release
// date). tool_id is left empty for the identity stage.
func NewHistory(mem memory.Allocator, name string, snaps []*Snapshot) (*History, error) {
	snaps = append([]*Snapshot(nil), snaps...)
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].Release.Date.Before(snaps[j].Release.Date) })
	h := &History{Name: name}
	b := array.NewRecordBuilder(mem, HistorySchema)
	defer b.Release()
	n := 0
	for _, s := range snaps {
		n += len(s.Listings)
	}
	b.Reserve(n)
	var (
		date    = b.Field(ColReleaseDate).(*array.Date32Builder)
		relID   = b.Field(ColReleaseID).(*array.StringBuilder)
		toolID  = b.Field(ColToolID).(*array.StringBuilder)
		nameB   = b.Field(ColName).(*array.StringBuilder)
		cat     = b.Field(ColCategory).(*array.BinaryDictionaryBuilder)
		sub     = b.Field(ColSubcategory).(*array.BinaryDictionaryBuilder)
		home    = b.Field(ColHomepageURL).(*array.StringBuilder)
		repo    = b.Field(ColRepoURL).(*array.StringBuilder)
		desc    = b.Field(ColDescription).(*array.StringBuilder)
		launch  = b.Field(ColLaunched).(*array.StringBuilder)
		oss     = b.Field(ColOpenSource).(*array.BooleanBuilder)
		license = b.Field(ColLicense).(*array.StringBuilder)
		status  = b.Field(ColStatus).(*array.StringBuilder)
		stars   = b.Field(ColStars).(*array.Int64Builder)
		extra   = b.Field(ColExtra).(*array.StringBuilder)
		file    = b.Field(ColSourceFile).(*array.StringBuilder)
		line    = b.Field(ColSourceLine).(*array.Int32Builder)
		joined  = b.Field(ColJoinedBy).(*array.BinaryDictionaryBuilder)
		canon   = b.Field(ColCanonicalCategory).(*array.BinaryDictionaryBuilder)
	)
	for _, s := range snaps {
		h.Releases = append(h.Releases, s.Release)
		h.Warnings = append(h.Warnings, s.Warnings...)
		d := Date32(s.Release.Date)
		base := filepath.Base(s.Release.File) // the name within the catalog folder: the same wherever it is read from
		for _, l := range s.Listings {
			date.Append(d)
			relID.Append(s.Release.ID)
			toolID.Append("")
			nameB.Append(l.Name)
			if err := cat.AppendString(l.Category); err != nil {
				return nil, err
			}
			if err := sub.AppendString(l.Subcategory); err != nil {
				return nil, err
			}
			appendOpt(home, l.HomepageURL)
			appendOpt(repo, l.RepoURL)
			appendOpt(desc, l.Description)
			appendOpt(launch, l.Launched)
			if l.OpenSource == nil {
				oss.AppendNull()
			} else {
				oss.Append(*l.OpenSource)
			}
			appendOpt(license, l.License)
			appendOpt(status, l.Status)
			if l.Stars == nil {
				stars.AppendNull()
			} else {
				stars.Append(*l.Stars)
			}
			if len(l.Extra) == 0 {
				extra.AppendNull()
			} else {
				js, err := json.Marshal(l.Extra) // map keys are sorted by encoding/json
				if err != nil {
					return nil, fmt.Errorf("%s:%d: extra: %w", s.Release.File, l.Line, err)
				}
				extra.Append(string(js))
			}
			file.Append(base)
			line.Append(int32(l.Line))
			_ = joined.AppendString("")
			_ = canon.AppendString(l.Category)
		}
	}
	h.Record = b.NewRecordBatch()
	return h, nil
}

func appendOpt(b *array.StringBuilder, s string) {
	if s == "" {
		b.AppendNull()
		return
	}
	b.Append(s)
}

// WithToolIDs returns a new History whose tool_id and joined_by columns are
// ids and joins (one per row); the other columns are shared with h. The
// caller releases both.
func (h *History) WithToolIDs(mem memory.Allocator, ids, joins []string) (*History, error) {
	if len(ids) != int(h.Record.NumRows()) || len(joins) != len(ids) {
		return nil, fmt.Errorf("catalog: %d tool ids and %d joins for %d rows", len(ids), len(joins), h.Record.NumRows())
	}
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	sb.AppendValues(ids, nil)
	col := sb.NewArray()
	defer col.Release()
	jcol, err := dictArray(mem, joins)
	if err != nil {
		return nil, err
	}
	defer jcol.Release()
	return h.withColumns(map[int]arrow.Array{ColToolID: col, ColJoinedBy: jcol}), nil
}

// WithCanonicalCategories returns a new History whose canonical_category
// column is cats (one per row); the other columns are shared with h.
func (h *History) WithCanonicalCategories(mem memory.Allocator, cats []string) (*History, error) {
	if len(cats) != int(h.Record.NumRows()) {
		return nil, fmt.Errorf("catalog: %d canonical categories for %d rows", len(cats), h.Record.NumRows())
	}
	col, err := dictArray(mem, cats)
	if err != nil {
		return nil, err
	}
	defer col.Release()
	return h.withColumns(map[int]arrow.Array{ColCanonicalCategory: col}), nil
}

// dictArray is values as a dictionary-encoded string column; the caller
// releases it.
func dictArray(mem memory.Allocator, values []string) (arrow.Array, error) {
	db := array.NewDictionaryBuilder(mem, dictString).(*array.BinaryDictionaryBuilder)
	defer db.Release()
	for _, v := range values {
		if err := db.AppendString(v); err != nil {
			return nil, err
		}
	}
	return db.NewArray(), nil
}

// withColumns is a copy of h whose record has the columns repl (by index)
// in place of its own, and shares the others.
func (h *History) withColumns(repl map[int]arrow.Array) *History {
	cols := make([]arrow.Array, h.Record.NumCols())
	copy(cols, h.Record.Columns())
	for i, c := range repl {
		cols[i] = c
	}
	out := *h
	out.Record = array.NewRecordBatch(HistorySchema, cols, h.Record.NumRows())
	return &out
}

// Strings returns a string column (plain or dictionary-encoded) as a Go
// slice; nulls are "".
func Strings(col arrow.Array) []string {
	out := make([]string, col.Len())
	switch a := col.(type) {
	case *array.String:
		for i := range out {
			if a.IsValid(i) {
				out[i] = a.Value(i)
			}
		}
	case *array.Dictionary:
		dict := a.Dictionary().(*array.String)
		for i := range out {
			if a.IsValid(i) {
				out[i] = dict.Value(a.GetValueIndex(i))
			}
		}
	default:
		panic(fmt.Sprintf("catalog.Strings: %T is not a string column", col))
	}
	return out
}
