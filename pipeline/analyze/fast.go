package analyze

// This file holds the fast path: growth, churn and survival computed from a
// history table in Parquet, streamed row group by row group, for histories of
// millions of (release, tool) rows. It reads four columns (release_id,
// release_date, tool_id, canonical_category) as dictionary indices; tool ids
// and categories are mapped to integers once per row group dictionary, each
// release's membership is a bitset (added = cur &^ prev, removed = prev &^ cur,
// re-added = added & ever), and a release is analysed as soon as no later row
// group can hold its rows (from the row groups' release_date statistics), so
// memory stays that of a few row groups and the tool universe. Its results
// equal those of the map-based path (NewIndex, ComputeGrowth, ComputeSurvival)
// field for field, for the fields it computes (see Fast).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Fast is what the fast path computes. Releases have every field but Commit,
// File, Subcategories, Renamed and RepoMoved (they need columns it does not
// read); Categories are the category_stats rows; Survival has the spans
// (without names) and the Kaplan–Meier curves, not the cohorts.
type Fast struct {
	Releases   []ReleaseStat
	Categories []GroupStat
	Survival   *Survival
	Rows       int64 // listings read
}

// FastOptions tune FastParquet.
type FastOptions struct {
	Workers int              // row groups decoded at once; 0: GOMAXPROCS
	Mem     memory.Allocator // nil: the default allocator
}

// FastParquet computes growth, churn and survival from one or more Parquet
// files of the history schema (the dataset's listings partitions as
// `landscape analyze` writes them, or a synthetic history.parquet), read as one table in the order given. Rows need
// not be in release order, but the path streams only when they are (then it
// holds a few row groups at a time); otherwise it keeps each release's
// (tool, category) pairs until the end.
func FastParquet(ctx context.Context, paths []string, o FastOptions) (*Fast, error) {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Mem == nil {
		o.Mem = memory.DefaultAllocator
	}
	src, err := openSources(paths)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)

	// Decode row groups in parallel; merge them in order on this goroutine.
	n := len(src.groups)
	results := make([]chan fastChunk, n)
	for i := range results {
		results[i] = make(chan fastChunk, 1)
	}
	tokens := make(chan struct{}, o.Workers+2) // row groups decoded but not merged yet
	next := make(chan int)
	go func() {
		defer close(next)
		for i := 0; i < n; i++ {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range min(o.Workers, max(n, 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			readers := map[int]*pqarrow.FileReader{}
			defer func() {
				for _, r := range readers {
					r.ParquetReader().Close()
				}
			}()
			for i := range next {
				results[i] <- src.decode(ctx, o.Mem, readers, i)
			}
		}()
	}
	defer func() {
		cancel() // stops the feeder and the workers on an early return
		wg.Wait()
	}()

	m := newFastMerger()
	for i := 0; i < n; i++ {
		var c fastChunk
		select {
		case c = <-results[i]:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		<-tokens
		if c.err != nil {
			return nil, c.err
		}
		err := m.merge(&c)
		c.release()
		if err != nil {
			return nil, err
		}
		m.flush(src.suffixMin[i+1])
	}
	m.flush(math.MaxInt64)
	return m.finish(), nil
}

// fastSources are the row groups of the input files, in order.
type fastSources struct {
	paths     []string
	meta      []*metadata.FileMetaData
	cols      [][]int // per file: leaf indexes of release_id, release_date, tool_id, category
	groups    []struct{ file, rg int }
	suffixMin []int64 // per row group: the smallest release_date of it and every later one (MinInt64: unknown)
}

// Columns the fast path reads, in this order.
var fastColumns = []string{"release_id", "release_date", "tool_id", "canonical_category"}

func openSources(paths []string) (*fastSources, error) {
	s := &fastSources{paths: paths}
	var mins []int64
	for fi, p := range paths {
		rdr, err := file.OpenParquetFile(p, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		md := rdr.MetaData()
		rdr.Close()
		cols := make([]int, len(fastColumns))
		for i, name := range fastColumns {
			cols[i] = md.Schema.ColumnIndexByName(name)
			if cols[i] < 0 && name == "canonical_category" {
				cols[i] = md.Schema.ColumnIndexByName("category")
			}
			if cols[i] < 0 {
				return nil, fmt.Errorf("%s: no column %s: not a history table", p, name)
			}
		}
		s.meta = append(s.meta, md)
		s.cols = append(s.cols, cols)
		for rg := 0; rg < md.NumRowGroups(); rg++ {
			s.groups = append(s.groups, struct{ file, rg int }{fi, rg})
			mins = append(mins, dateMin(md.RowGroup(rg), cols[1]))
		}
	}
	s.suffixMin = make([]int64, len(mins)+1)
	s.suffixMin[len(mins)] = math.MaxInt64
	for i := len(mins) - 1; i >= 0; i-- {
		s.suffixMin[i] = min(mins[i], s.suffixMin[i+1])
	}
	return s, nil
}

// dateMin is the smallest release_date of a row group from its statistics,
// or MinInt64 when they are missing (nothing is final until the end).
func dateMin(rg *metadata.RowGroupMetaData, col int) int64 {
	if rg.NumRows() == 0 {
		return math.MaxInt64
	}
	cc, err := rg.ColumnChunk(col)
	if err != nil {
		return math.MinInt64
	}
	if ok, err := cc.StatsSet(); !ok || err != nil {
		return math.MinInt64
	}
	st, err := cc.Statistics()
	if err != nil || st == nil || !st.HasMinMax() {
		return math.MinInt64
	}
	s, ok := st.(*metadata.Int32Statistics)
	if !ok {
		return math.MinInt64
	}
	if st.NullCount() > 0 {
		return math.MinInt64
	}
	return int64(s.Min())
}

// fastChunk is one decoded row group: per row, indexes into the row group's
// own dictionaries of release ids, tool ids and categories, and the date.
type fastChunk struct {
	rows              int
	rel, tool, cat    []int32 // may point into Arrow memory: call release when done
	date              []arrow.Date32
	relDict, toolDict []string
	catDict           []string
	release           func()
	err               error
}

func (s *fastSources) decode(ctx context.Context, mem memory.Allocator, readers map[int]*pqarrow.FileReader, i int) (c fastChunk) {
	g := s.groups[i]
	fr, ok := readers[g.file]
	if !ok {
		rdr, err := file.OpenParquetFile(s.paths[g.file], false, file.WithMetadata(s.meta[g.file]),
			file.WithReadProps(parquet.NewReaderProperties(mem)))
		if err != nil {
			c.err = fmt.Errorf("%s: %w", s.paths[g.file], err)
			return
		}
		props := pqarrow.ArrowReadProperties{}
		for _, col := range s.cols[g.file] {
			props.SetReadDict(col, true)
		}
		fr, err = pqarrow.NewFileReader(rdr, props, mem)
		if err != nil {
			rdr.Close()
			c.err = fmt.Errorf("%s: %w", s.paths[g.file], err)
			return
		}
		readers[g.file] = fr
	}
	cols := s.cols[g.file]
	tbl, err := fr.ReadRowGroups(ctx, cols, []int{g.rg})
	if err != nil {
		c.err = fmt.Errorf("%s: row group %d: %w", s.paths[g.file], g.rg, err)
		return
	}
	c.release = tbl.Release
	defer func() {
		if c.err != nil {
			tbl.Release()
			c.release = nil
		}
	}()
	// ReadRowGroups orders columns by leaf index: find each by name.
	col := func(name string) *arrow.Chunked {
		for j := 0; j < int(tbl.NumCols()); j++ {
			if tbl.Schema().Field(j).Name == name {
				return tbl.Column(j).Data()
			}
		}
		return nil
	}
	c.rows = int(tbl.NumRows())
	var errs []error
	c.rel, c.relDict, err = dictColumn(col("release_id"), c.rows)
	errs = append(errs, err)
	c.tool, c.toolDict, err = dictColumn(col("tool_id"), c.rows)
	errs = append(errs, err)
	catCol := col("canonical_category")
	if catCol == nil {
		catCol = col("category")
	}
	c.cat, c.catDict, err = dictColumn(catCol, c.rows)
	errs = append(errs, err)
	c.date, err = dateColumn(col("release_date"), c.rows)
	errs = append(errs, err)
	if err := errors.Join(errs...); err != nil {
		c.err = fmt.Errorf("%s: row group %d: %w", s.paths[g.file], g.rg, err)
	}
	return c
}

// dictColumn gives a string column as indexes into a dictionary of its
// values (copied out of Arrow memory); nulls are "".
func dictColumn(ch *arrow.Chunked, n int) ([]int32, []string, error) {
	if ch == nil {
		return nil, nil, errors.New("missing column")
	}
	if chunks := ch.Chunks(); len(chunks) == 1 {
		// The common case: one dictionary, no nulls. The indexes are used
		// where they are, in Arrow memory.
		if a, ok := chunks[0].(*array.Dictionary); ok && a.NullN() == 0 && a.Len() == n {
			vals, ok1 := a.Dictionary().(*array.String)
			ix, ok2 := a.Indices().(*array.Int32)
			if ok1 && ok2 {
				dict := make([]string, vals.Len())
				for j := range dict {
					dict[j] = strings.Clone(vals.Value(j))
				}
				return ix.Int32Values(), dict, nil
			}
		}
	}
	idx := make([]int32, 0, n)
	var dict []string
	var memo map[string]int32 // for plain (not dictionary) chunks
	nullIdx := int32(-1)
	null := func() int32 {
		if nullIdx < 0 {
			nullIdx = int32(len(dict))
			dict = append(dict, "")
		}
		return nullIdx
	}
	for _, a := range ch.Chunks() {
		switch a := a.(type) {
		case *array.Dictionary:
			vals, ok := a.Dictionary().(*array.String)
			if !ok {
				return nil, nil, fmt.Errorf("dictionary of %s, want strings", a.Dictionary().DataType())
			}
			base := int32(len(dict))
			for j := 0; j < vals.Len(); j++ {
				dict = append(dict, strings.Clone(vals.Value(j)))
			}
			ix, ok := a.Indices().(*array.Int32)
			switch {
			case ok && a.NullN() == 0:
				for _, v := range ix.Int32Values() {
					idx = append(idx, base+v)
				}
			default:
				for j := 0; j < a.Len(); j++ {
					if a.IsNull(j) {
						idx = append(idx, null())
					} else {
						idx = append(idx, base+int32(a.GetValueIndex(j)))
					}
				}
			}
		case *array.String:
			if memo == nil {
				memo = map[string]int32{}
			}
			for j := 0; j < a.Len(); j++ {
				if a.IsNull(j) {
					idx = append(idx, null())
					continue
				}
				v := a.Value(j)
				k, ok := memo[v]
				if !ok {
					k = int32(len(dict))
					v = strings.Clone(v)
					dict = append(dict, v)
					memo[v] = k
				}
				idx = append(idx, k)
			}
		default:
			return nil, nil, fmt.Errorf("column of %s, want strings", a.DataType())
		}
	}
	if len(idx) != n {
		return nil, nil, fmt.Errorf("%d values for %d rows", len(idx), n)
	}
	return idx, dict, nil
}

func dateColumn(ch *arrow.Chunked, n int) ([]arrow.Date32, error) {
	if ch == nil {
		return nil, errors.New("missing column release_date")
	}
	if chunks := ch.Chunks(); len(chunks) == 1 {
		if d, ok := chunks[0].(*array.Date32); ok && d.NullN() == 0 && d.Len() == n {
			return d.Date32Values(), nil
		}
	}
	out := make([]arrow.Date32, 0, n)
	for _, a := range ch.Chunks() {
		d, ok := a.(*array.Date32)
		if !ok {
			return nil, fmt.Errorf("release_date is %s, want date32", a.DataType())
		}
		if d.NullN() > 0 {
			return nil, errors.New("release_date has nulls")
		}
		out = append(out, d.Date32Values()...)
	}
	if len(out) != n {
		return nil, fmt.Errorf("%d dates for %d rows", len(out), n)
	}
	return out, nil
}

// fastRelease is a release being read: its (tool, category) pairs, in row
// order, until it is analysed.
type fastRelease struct {
	id    string
	date  int32
	first int64 // position of its first row
	pairs []uint64
	done  bool
}

type fastMerger struct {
	rows     int64
	relByID  map[string]int32
	rels     []*fastRelease
	pending  []int32
	toolByID map[string]int32
	catByKey map[string]int32
	free     [][]uint64 // pair buffers of analysed releases, for reuse
	dicts    Dicts
	engine   *Engine
	rowBuf   []Row
}

func newFastMerger() *fastMerger {
	m := &fastMerger{relByID: map[string]int32{}, toolByID: map[string]int32{}, catByKey: map[string]int32{}}
	// The Parquet path reads no names, repositories, statuses or
	// subcategories: one empty value of each.
	m.dicts = Dicts{Subs: []string{""}, Names: []string{""}, NameKeys: []int32{0}}
	m.engine = NewEngine(m.dicts, nil).WithoutCohorts().WithoutSubcategories() // Fast has neither
	return m
}

func (m *fastMerger) merge(c *fastChunk) error {
	relMap := make([]int32, len(c.relDict))
	for j, id := range c.relDict {
		r, ok := m.relByID[id]
		if !ok {
			r = int32(len(m.rels))
			m.relByID[id] = r
			rel := &fastRelease{id: id, first: -1}
			if k := len(m.free); k > 0 {
				rel.pairs, m.free = m.free[k-1], m.free[:k-1]
			}
			m.rels = append(m.rels, rel)
			m.pending = append(m.pending, r)
		}
		relMap[j] = r
	}
	toolMap := make([]int32, len(c.toolDict))
	for j, id := range c.toolDict {
		t, ok := m.toolByID[id]
		if !ok {
			t = int32(len(m.dicts.Tools))
			m.toolByID[id] = t
			m.dicts.Tools = append(m.dicts.Tools, id)
		}
		toolMap[j] = t
	}
	catMap := make([]int32, len(c.catDict))
	for j, name := range c.catDict {
		k, ok := m.catByKey[name]
		if !ok {
			k = int32(len(m.dicts.Cats))
			m.dicts.Cats = append(m.dicts.Cats, name)
			m.catByKey[name] = k
		}
		catMap[j] = k
	}
	lastLocal, rel := int32(-1), (*fastRelease)(nil)
	for i := 0; i < c.rows; i++ {
		if l := c.rel[i]; l != lastLocal {
			lastLocal, rel = l, m.rels[relMap[l]]
			if rel.done {
				return fmt.Errorf("release %s has rows in a row group whose release_date statistics say it cannot", rel.id)
			}
			if rel.first < 0 {
				rel.first, rel.date = m.rows+int64(i), int32(c.date[i])
			}
		}
		rel.pairs = append(rel.pairs, uint64(toolMap[c.tool[i]])<<32|uint64(uint32(catMap[c.cat[i]])))
	}
	m.rows += int64(c.rows)
	return nil
}

// flush analyses, in release order, the pending releases dated before
// limit: no later row group holds their rows.
func (m *fastMerger) flush(limit int64) {
	var ready, keep []int32
	for _, r := range m.pending {
		if int64(m.rels[r].date) < limit && m.rels[r].first >= 0 {
			ready = append(ready, r)
		} else {
			keep = append(keep, r)
		}
	}
	m.pending = keep
	slices.SortFunc(ready, func(a, b int32) int {
		ra, rb := m.rels[a], m.rels[b]
		return cmp.Or(cmp.Compare(ra.date, rb.date), cmp.Compare(ra.first, rb.first))
	})
	for _, r := range ready {
		rel := m.rels[r]
		m.process(rel)
		m.free = append(m.free, rel.pairs[:0])
		rel.pairs, rel.done = nil, true
	}
}

// process gives one release to the engine.
func (m *fastMerger) process(rel *fastRelease) {
	m.engine.SetDicts(m.dicts)
	m.rowBuf = m.rowBuf[:0]
	for _, p := range rel.pairs {
		m.rowBuf = append(m.rowBuf, Row{Tool: int32(p >> 32), Cat: int32(uint32(p)), Repo: -1, Status: -1, License: -1, OS: -1, Stars: -1})
	}
	m.engine.Add(catalog.Release{ID: rel.id, Date: date32(rel.date)}, m.rowBuf)
}

func date32(d int32) time.Time { return arrow.Date32(d).ToTime() }

func (m *fastMerger) finish() *Fast {
	g, _, sv := m.engine.Finish()
	for i := range sv.Spans {
		sv.Spans[i].Name = "" // the Parquet path reads no names
	}
	return &Fast{Releases: g.Releases, Categories: g.Categories, Survival: sv, Rows: m.rows}
}
