package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/parquettest"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// small is a catalog with every kind of churn in a few releases.
var small = Options{Seed: 7, Releases: 30, Tools: 300, Categories: 8,
	AddRate: 0.02, ReAddRate: 0.005, MoveRate: 0.01, RenameRate: 0.005, DupShare: 0.03, DupRate: 0.005,
	CategoryRenameRate: 0.2, CategorySplitRate: 0.1}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := WriteParquet(&a, "s", small); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteParquet(&b, "s", small); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two runs with the same options wrote different Parquet files")
	}
	var c bytes.Buffer
	o := small
	o.Seed++
	if _, err := WriteParquet(&c, "s", o); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("another seed wrote the same file")
	}
}

// TestChurn checks that the generated history has the churn it promises:
// adds, removes, re-adds, moves, renames, tools listed twice (also in two
// categories), category renames and splits.
func TestChurn(t *testing.T) {
	var (
		prev                                                  map[string]string // tool → category set
		prevNames                                             map[string]string
		ever                                                  = map[string]bool{}
		adds, removes, readds, moves, renames, twice, twoCats int
		catNames                                              = map[string]bool{}
		canonNames                                            = map[string]bool{}
		releases                                              int
	)
	err := Generate(small, func(r *Release) error {
		releases++
		cur, names, n := map[string]string{}, map[string]string{}, map[string]int{}
		for i, l := range r.Snapshot.Listings {
			id := r.ToolIDs[i]
			n[id]++
			if c, ok := cur[id]; ok && c != r.Canonical[i] {
				twoCats++
			}
			if _, ok := cur[id]; !ok {
				cur[id] = r.Canonical[i]
			}
			if _, ok := names[id]; !ok {
				names[id] = l.Name
			}
			catNames[l.Category] = true
			canonNames[r.Canonical[i]] = true
		}
		for _, k := range n {
			if k > 1 {
				twice++
			}
		}
		if prev != nil {
			for id, c := range cur {
				pc, ok := prev[id]
				switch {
				case !ok && ever[id]:
					readds++
				case !ok:
					adds++
				case pc != c:
					moves++
				}
				if ok && prevNames[id] != names[id] {
					renames++
				}
			}
			for id := range prev {
				if _, ok := cur[id]; !ok {
					removes++
				}
			}
		}
		for id := range cur {
			ever[id] = true
		}
		prev, prevNames = cur, names
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if releases != small.Releases {
		t.Fatalf("%d releases, want %d", releases, small.Releases)
	}
	for what, n := range map[string]int{"adds": adds, "removes": removes, "re-adds": readds, "moves": moves, "renames": renames,
		"tools listed twice": twice, "tools in two categories": twoCats} {
		if n == 0 {
			t.Errorf("no %s", what)
		}
	}
	if len(catNames) <= len(canonNames) {
		t.Errorf("%d category names, %d canonical: no renames or splits", len(catNames), len(canonNames))
	}
	if len(canonNames) <= small.Categories {
		t.Errorf("%d canonical categories from %d: no splits", len(canonNames), small.Categories)
	}
	t.Logf("adds %d, removes %d, re-adds %d, moves %d, renames %d, listed twice %d, in two categories %d; %d category names, %d canonical",
		adds, removes, readds, moves, renames, twice, twoCats, len(catNames), len(canonNames))
}

// TestCatalogReadsBack writes the release files and reads them with the
// pipeline's reader: no problems, and the same listings (with their lines)
// as the generated history.
func TestCatalogReadsBack(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "synth")
	st, err := WriteCatalog(dir, small)
	if err != nil {
		t.Fatal(err)
	}
	if st.Files != small.Releases {
		t.Fatalf("%d files", st.Files)
	}
	snaps, err := read.Catalog(dir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range snaps {
		if len(s.Warnings) > 0 {
			t.Fatalf("%s: %v", s.Release.File, s.Warnings)
		}
	}
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	got, err := catalog.NewHistory(mem, "synth", snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer got.Release()
	want, err := History(mem, "synth", small)
	if err != nil {
		t.Fatal(err)
	}
	defer want.Release()
	if got.Record.NumRows() != st.Rows || want.Record.NumRows() != st.Rows {
		t.Fatalf("rows: read %d, generated %d, stats %d", got.Record.NumRows(), want.Record.NumRows(), st.Rows)
	}
	for c := 0; c < int(want.Record.NumCols()); c++ {
		switch c {
		case catalog.ColToolID, catalog.ColJoinedBy, catalog.ColCanonicalCategory:
			continue // filled by identity and taxonomy, not read
		}
		if !array.Equal(plain(got.Record.Column(c)), plain(want.Record.Column(c))) {
			t.Errorf("column %s differs between the release files and the history", want.Record.Schema().Field(c).Name)
		}
	}
	if len(got.Releases) != len(want.Releases) {
		t.Fatalf("%d releases read, %d generated", len(got.Releases), len(want.Releases))
	}
	for i := range got.Releases {
		g, w := got.Releases[i], want.Releases[i]
		if g.ID != w.ID || !g.Date.Equal(w.Date) || g.Title != w.Title {
			t.Errorf("release %d: read %+v, generated %+v", i, g, w)
		}
	}
}

// plain decodes a dictionary column to compare values, not encodings.
func plain(a arrow.Array) arrow.Array {
	d, ok := a.(*array.Dictionary)
	if !ok {
		return a
	}
	b := array.NewStringBuilder(memory.DefaultAllocator)
	for _, s := range catalog.Strings(d) {
		b.Append(s)
	}
	return b.NewArray()
}

// TestParquetIsHistory reads the streamed Parquet table back: the same rows
// as the history built in memory, in row groups of RowGroupRows.
func TestParquetIsHistory(t *testing.T) {
	o := small
	o.Tools = 3000 // several row groups
	o.Releases = 100
	path := filepath.Join(t.TempDir(), "h.parquet")
	st, err := WriteParquetFile(path, "synth", o)
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.DefaultAllocator
	tbl, err := parquettest.Read(mem, path)
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	h, err := History(mem, "synth", o)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	if tbl.NumRows() != h.Record.NumRows() || tbl.NumRows() != st.Rows {
		t.Fatalf("Parquet %d rows, history %d, stats %d", tbl.NumRows(), h.Record.NumRows(), st.Rows)
	}
	if st.Rows <= 2*RowGroupRows {
		t.Fatalf("%d rows: want several row groups", st.Rows)
	}
	for c := 0; c < int(h.Record.NumCols()); c++ {
		col := tbl.Column(c).Data()
		var off int64
		for _, chunk := range col.Chunks() {
			want := array.NewSlice(h.Record.Column(c), off, off+int64(chunk.Len()))
			if !array.Equal(plain(chunk), plain(want)) {
				t.Fatalf("column %s, rows %d..: Parquet and history differ", h.Record.Schema().Field(c).Name, off)
			}
			off += int64(chunk.Len())
		}
	}
	info, _ := os.Stat(path)
	t.Logf("%d rows, %d tools, %d bytes", st.Rows, st.Tools, info.Size())
}

// TestReleaseFileChecksLines: a release whose listings' lines are not those
// of the file canonical writes is refused, naming the listing; the
// generated lines are accepted.
func TestReleaseFileChecksLines(t *testing.T) {
	o := Options{Seed: 1, Releases: 1, Tools: 20}.WithDefaults()
	err := Generate(o, func(r *Release) error {
		if _, err := releaseFile(o, r); err != nil {
			t.Fatalf("generated lines refused: %v", err)
		}
		r.Snapshot.Listings[3].Line++
		_, err := releaseFile(o, r)
		if err == nil || !strings.Contains(err.Error(), r.Snapshot.Listings[3].Name) {
			t.Errorf("a listing off by one line: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
