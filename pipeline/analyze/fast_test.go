package analyze_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/synth"
)

// churny is a small catalog with much churn of every kind.
var churny = synth.Options{Seed: 11, Releases: 60, Tools: 400, Categories: 8,
	AddRate: 0.03, ReAddRate: 0.01, MoveRate: 0.02, RenameRate: 0.01, DupShare: 0.05, DupRate: 0.01,
	CategoryRenameRate: 0.2, CategorySplitRate: 0.1}

// slowPath runs the map-based analyses on the synthetic history in memory.
func slowPath(t testing.TB, o synth.Options) *analyze.Result {
	t.Helper()
	h, err := synth.History(memory.DefaultAllocator, "synth", o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.Release)
	return analyze.Run(h, nil)
}

func fastPath(t testing.TB, paths ...string) *analyze.Fast {
	t.Helper()
	f, err := analyze.FastParquet(context.Background(), paths, analyze.FastOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// sameAsSlow checks the fast path's results field for field against the
// slow path's.
func sameAsSlow(t testing.TB, slow *analyze.Result, fast *analyze.Fast) {
	t.Helper()
	if len(fast.Releases) != len(slow.Growth.Releases) {
		t.Fatalf("%d releases, slow path %d", len(fast.Releases), len(slow.Growth.Releases))
	}
	for i, s := range slow.Growth.Releases {
		f := fast.Releases[i]
		s.Commit, s.File, s.Subcategories, s.Renamed, s.RepoMoved = "", "", 0, 0, 0 // not computed by the fast path
		if !f.Date.Equal(s.Date) {
			t.Fatalf("release %d: date %v, slow path %v", i, f.Date, s.Date)
		}
		f.Date = s.Date
		if f != s {
			t.Fatalf("release %d:\nfast %+v\nslow %+v", i, f, s)
		}
	}
	if len(fast.Categories) != len(slow.Growth.Categories) {
		t.Fatalf("%d category rows, slow path %d", len(fast.Categories), len(slow.Growth.Categories))
	}
	for i, s := range slow.Growth.Categories {
		f := fast.Categories[i]
		if !f.Date.Equal(s.Date) {
			t.Fatalf("category row %d: date %v, slow path %v", i, f.Date, s.Date)
		}
		f.Date = s.Date
		if f != s {
			t.Fatalf("category row %d:\nfast %+v\nslow %+v", i, f, s)
		}
	}
	if len(fast.Survival.Spans) != len(slow.Survival.Spans) {
		t.Fatalf("%d spans, slow path %d", len(fast.Survival.Spans), len(slow.Survival.Spans))
	}
	for i, s := range slow.Survival.Spans {
		f := fast.Survival.Spans[i]
		s.Name = "" // not read by the fast path
		if !f.FirstSeen.Equal(s.FirstSeen) || !f.LastSeen.Equal(s.LastSeen) {
			t.Fatalf("span %d: dates differ:\nfast %+v\nslow %+v", i, f, s)
		}
		f.FirstSeen, f.LastSeen = s.FirstSeen, s.LastSeen
		if f != s {
			t.Fatalf("span %d:\nfast %+v\nslow %+v", i, f, s)
		}
	}
	if !reflect.DeepEqual(fast.Survival.Curves, slow.Survival.Curves) {
		t.Fatalf("Kaplan-Meier curves differ: %d points, slow path %d", len(fast.Survival.Curves), len(slow.Survival.Curves))
	}
}

func TestFastEqualsSlow(t *testing.T) {
	slow := slowPath(t, churny)
	path := filepath.Join(t.TempDir(), "h.parquet")
	if _, err := synth.WriteParquetFile(path, "synth", churny); err != nil {
		t.Fatal(err)
	}
	fast := fastPath(t, path)
	if fast.Rows != slow.History.Record.NumRows() {
		t.Fatalf("%d rows read, history has %d", fast.Rows, slow.History.Record.NumRows())
	}
	sameAsSlow(t, slow, fast)
	var moved, readded, multi int
	for _, r := range fast.Releases {
		moved += r.Moved
		readded += r.ReAdded
	}
	for _, sp := range fast.Survival.Spans {
		if sp.Gaps > 0 {
			multi++
		}
	}
	if moved == 0 || readded == 0 || multi == 0 {
		t.Fatalf("moved %d, re-added %d, tools with gaps %d: the case does not exercise the paths", moved, readded, multi)
	}
}

// writeRows writes the history's rows to a Parquet file in row groups of
// size rows, in the order perm gives the groups.
func writeRows(t *testing.T, path string, h *catalog.History, size int64, perm []int, stats bool) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props := parquet.NewWriterProperties(parquet.WithCompression(compress.Codecs.Zstd), parquet.WithStats(stats),
		parquet.WithMaxRowGroupLength(size), parquet.WithDictionaryDefault(true))
	w, err := pqarrow.NewFileWriter(catalog.HistorySchema, f, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		t.Fatal(err)
	}
	n := h.Record.NumRows()
	for _, g := range perm {
		lo := int64(g) * size
		if lo >= n {
			continue
		}
		rec := h.Record.NewSlice(lo, min(lo+size, n))
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		rec.Release()
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFastUnsorted: rows out of release order, with and without
// statistics, and split over several files, give the same results.
func TestFastUnsorted(t *testing.T) {
	slow := slowPath(t, churny)
	h := slow.History
	const size = 997
	groups := int((h.Record.NumRows() + size - 1) / size)
	ident := make([]int, groups)
	for i := range ident {
		ident[i] = i
	}
	rev := make([]int, groups)
	for i := range rev {
		rev[i] = groups - 1 - i
	}
	shuffled := append([]int(nil), ident...)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	swapped := append([]int(nil), ident...)
	swapped[3], swapped[7] = swapped[7], swapped[3]
	dir := t.TempDir()
	for _, c := range []struct {
		name  string
		perm  []int
		stats bool
	}{
		{"sorted", ident, true}, {"sorted, no statistics", ident, false}, {"reversed", rev, true},
		{"shuffled", shuffled, true}, {"two groups swapped", swapped, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(dir, c.name+".parquet")
			writeRows(t, path, h, size, c.perm, c.stats)
			sameAsSlow(t, slow, fastPath(t, path))
		})
	}
	t.Run("three files", func(t *testing.T) {
		var paths []string
		third := (groups + 2) / 3
		for i := 0; i < 3; i++ {
			p := filepath.Join(dir, fmt.Sprintf("part-%d.parquet", i))
			writeRows(t, p, h, size, ident[min(i*third, groups):min((i+1)*third, groups)], true)
			paths = append(paths, p)
		}
		sameAsSlow(t, slow, fastPath(t, paths...))
	})
}

// TestFastEqualsSlowMillion is the 1 M-row case: the fast path on the
// Parquet file equals the slow path on the same history.
func TestFastEqualsSlowMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("1 M rows: not with -short")
	}
	o := synth.ForRows(1_000_000, 1)
	path := p2File(t, o)
	slow := slowPath(t, o)
	sameAsSlow(t, slow, fastPath(t, path))
}

// TestFastErrors: files that are not history tables are refused, also when
// the problem shows only in a row group being decoded.
func TestFastErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := analyze.FastParquet(context.Background(), []string{filepath.Join(dir, "missing.parquet")}, analyze.FastOptions{}); err == nil {
		t.Error("a missing file: no error")
	}
	// textFile writes text columns of the given names, in row groups of 10.
	textFile := func(name string, cols ...string) string {
		var fields []arrow.Field
		for _, c := range cols {
			fields = append(fields, arrow.Field{Name: c, Type: arrow.BinaryTypes.String})
		}
		schema := arrow.NewSchema(fields, nil)
		path := filepath.Join(dir, name)
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		w, err := pqarrow.NewFileWriter(schema, f, parquet.NewWriterProperties(parquet.WithMaxRowGroupLength(10)), pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
		defer b.Release()
		for i := 0; i < 1000; i++ {
			for c := range cols {
				b.Field(c).(*array.StringBuilder).Append(fmt.Sprint("v", i%7))
			}
		}
		rec := b.NewRecordBatch()
		defer rec.Release()
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	textDates := textFile("text-dates.parquet", "release_id", "release_date", "tool_id", "canonical_category")
	for _, workers := range []int{1, 2, 4} {
		_, err := analyze.FastParquet(context.Background(), []string{textDates}, analyze.FastOptions{Workers: workers})
		if err == nil || !strings.Contains(err.Error(), "release_date") {
			t.Errorf("%d workers, release_date as text: error %v", workers, err)
		}
	}
	noTool := textFile("no-tool.parquet", "release_id", "release_date", "canonical_category")
	if _, err := analyze.FastParquet(context.Background(), []string{noTool}, analyze.FastOptions{}); err == nil || !strings.Contains(err.Error(), "tool_id") {
		t.Errorf("no tool_id column: error %v", err)
	}
}
