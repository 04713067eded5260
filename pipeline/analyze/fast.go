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
	"math/bits"
	"runtime"
	"slices"
	"sort"
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
// files of the history schema (history.parquet as `landscape analyze` writes
// it, or a synthetic one), read as one table in the order given. Rows need
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
	st       fastState
}

func newFastMerger() *fastMerger {
	m := &fastMerger{relByID: map[string]int32{}, toolByID: map[string]int32{}, catByKey: map[string]int32{}}
	m.st.init()
	return m
}

// merge maps a chunk's dictionaries to global numbers and appends its rows
// to their releases.
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
			t = int32(len(m.st.toolIDs))
			m.toolByID[id] = t
			m.st.toolIDs = append(m.st.toolIDs, id)
		}
		toolMap[j] = t
	}
	catMap := make([]int32, len(c.catDict))
	for j, name := range c.catDict {
		k, ok := m.catByKey[name]
		if !ok {
			k = m.st.addCat(name)
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
		m.st.process(rel)
		m.free = append(m.free, rel.pairs[:0])
		rel.pairs, rel.done = nil, true
	}
}

func (m *fastMerger) finish() *Fast {
	f := m.st.finish()
	f.Rows = m.rows
	return f
}

// fastState is the analysis, release after release.
type fastState struct {
	toolIDs  []string
	catNames []string
	byName   []int32 // categories in name order
	n        int     // releases analysed

	cur, prev, ever       []uint64 // membership bitsets over tools
	multiCur, multiPrev   []uint64 // tools listed in more than one category
	catCur, catPrev       []int32  // per tool: the category of its first listing
	setsCur, setsPrev     map[int32][]int32
	curTools              []int32
	prevTotal             int
	tools, prevTools      []int32 // per category
	listings, added       []int32
	removed               []int32
	movedIn, movedOut     []int32
	first, runStart       []int32 // per tool: survival
	count, gaps, last     []int32
	entry                 []int32
	dates                 []int32 // per release analysed
	scratchCur, scratchPr [1]int32

	out Fast
}

func (s *fastState) init() {
	s.setsCur, s.setsPrev = map[int32][]int32{}, map[int32][]int32{}
}

func (s *fastState) addCat(name string) int32 {
	k := int32(len(s.catNames))
	s.catNames = append(s.catNames, name)
	for _, p := range []*[]int32{&s.tools, &s.prevTools, &s.listings, &s.added, &s.removed, &s.movedIn, &s.movedOut} {
		*p = append(*p, 0)
	}
	i := sort.Search(len(s.byName), func(i int) bool { return s.catNames[s.byName[i]] >= name })
	s.byName = slices.Insert(s.byName, i, k)
	return k
}

// grow sizes the per-tool state for the tools known so far.
func (s *fastState) grow() {
	nt := len(s.toolIDs)
	words := (nt + 63) / 64
	for _, b := range []*[]uint64{&s.cur, &s.prev, &s.ever, &s.multiCur, &s.multiPrev} {
		if len(*b) < words {
			*b = append(*b, make([]uint64, words-len(*b))...)
		}
	}
	for _, p := range []*[]int32{&s.catCur, &s.catPrev, &s.first, &s.runStart, &s.count, &s.gaps, &s.last, &s.entry} {
		if len(*p) < nt {
			*p = append(*p, make([]int32, nt-len(*p))...)
		}
	}
}

// cats is tool t's sorted set of categories in the current or previous
// release.
func (s *fastState) cats(t int32, cur bool) []int32 {
	w, b := t>>6, uint64(1)<<(t&63)
	if cur {
		if s.multiCur[w]&b != 0 {
			return s.setsCur[t]
		}
		s.scratchCur[0] = s.catCur[t]
		return s.scratchCur[:]
	}
	if s.multiPrev[w]&b != 0 {
		return s.setsPrev[t]
	}
	s.scratchPr[0] = s.catPrev[t]
	return s.scratchPr[:]
}

func (s *fastState) process(rel *fastRelease) {
	s.grow()
	ri := int32(s.n)
	for _, p := range rel.pairs {
		t, c := int32(p>>32), int32(uint32(p))
		s.listings[c]++
		w, b := t>>6, uint64(1)<<(t&63)
		switch {
		case s.cur[w]&b == 0:
			s.cur[w] |= b
			s.catCur[t] = c
			s.curTools = append(s.curTools, t)
		case s.catCur[t] == c:
		case s.multiCur[w]&b == 0:
			s.multiCur[w] |= b
			s.setsCur[t] = insertCat(append(make([]int32, 0, 2), s.catCur[t]), c)
		default:
			s.setsCur[t] = insertCat(s.setsCur[t], c)
		}
	}
	rs := ReleaseStat{Release: rel.id, Date: date32(rel.date), Listings: len(rel.pairs), Tools: len(s.curTools)}
	for w := range s.cur {
		c, p := s.cur[w], s.prev[w]
		if c == p {
			s.ever[w] |= c
			continue
		}
		add, rm := c&^p, p&^c
		rs.Added += bits.OnesCount64(add)
		rs.ReAdded += bits.OnesCount64(add & s.ever[w])
		rs.Removed += bits.OnesCount64(rm)
		for add != 0 {
			t := int32(w<<6 + bits.TrailingZeros64(add))
			again := s.ever[w]&(add&-add) != 0
			add &= add - 1
			cs := s.cats(t, true)
			for _, k := range cs {
				s.added[k]++
			}
			if again {
				s.gaps[t]++
			} else {
				s.first[t], s.entry[t] = ri, s.minByName(cs)
			}
			s.runStart[t] = ri
		}
		for rm != 0 {
			t := int32(w<<6 + bits.TrailingZeros64(rm))
			rm &= rm - 1
			for _, k := range s.cats(t, false) {
				s.removed[k]++
			}
			s.count[t] += ri - s.runStart[t]
			s.last[t] = ri - 1
		}
		s.ever[w] |= c
	}
	for _, t := range s.curTools {
		w, b := t>>6, uint64(1)<<(t&63)
		if (s.multiCur[w]|s.multiPrev[w])&b == 0 { // one category in each release: the common case
			c := s.catCur[t]
			s.tools[c]++
			if s.prev[w]&b != 0 && s.catPrev[t] != c {
				rs.Moved++
				s.movedIn[c]++
				s.movedOut[s.catPrev[t]]++
			}
			continue
		}
		cs := s.cats(t, true)
		for _, k := range cs {
			s.tools[k]++
		}
		if s.prev[w]&b == 0 {
			continue
		}
		ps := s.cats(t, false)
		if slices.Equal(cs, ps) {
			continue
		}
		rs.Moved++
		for _, k := range cs {
			if !slices.Contains(ps, k) {
				s.movedIn[k]++
			}
		}
		for _, k := range ps {
			if !slices.Contains(cs, k) {
				s.movedOut[k]++
			}
		}
	}
	rs.Net = rs.Tools - s.prevTotal
	for _, k := range s.byName {
		if s.tools[k] == 0 && s.prevTools[k] == 0 {
			continue
		}
		if s.tools[k] > 0 {
			rs.Categories++
		}
		gs := GroupStat{Release: rel.id, Date: rs.Date, Category: s.catNames[k], Tools: int(s.tools[k]), Listings: int(s.listings[k]),
			Added: int(s.added[k]), Removed: int(s.removed[k]), MovedIn: int(s.movedIn[k]), MovedOut: int(s.movedOut[k]),
			Net: int(s.tools[k] - s.prevTools[k])}
		if rs.Tools > 0 {
			gs.Share = float64(gs.Tools) / float64(rs.Tools)
		}
		s.out.Categories = append(s.out.Categories, gs)
	}
	s.out.Releases = append(s.out.Releases, rs)
	s.dates = append(s.dates, rel.date)

	// The current release becomes the previous one.
	s.prevTotal = rs.Tools
	s.cur, s.prev = s.prev, s.cur
	clear(s.cur)
	s.multiCur, s.multiPrev = s.multiPrev, s.multiCur
	clear(s.multiCur)
	s.catCur, s.catPrev = s.catPrev, s.catCur
	s.setsCur, s.setsPrev = s.setsPrev, s.setsCur
	clear(s.setsCur)
	s.curTools = s.curTools[:0]
	s.tools, s.prevTools = s.prevTools, s.tools
	for _, p := range [][]int32{s.tools, s.listings, s.added, s.removed, s.movedIn, s.movedOut} {
		clear(p)
	}
	s.n++
}

func insertCat(s []int32, c int32) []int32 {
	i, found := slices.BinarySearch(s, c)
	if found {
		return s
	}
	return slices.Insert(s, i, c)
}

// minByName is the category of cs whose name sorts first (the slow path's
// "first of its categories": categories are numbered in name order there).
func (s *fastState) minByName(cs []int32) int32 {
	best := cs[0]
	for _, k := range cs[1:] {
		if s.catNames[k] < s.catNames[best] {
			best = k
		}
	}
	return best
}

func date32(d int32) time.Time { return arrow.Date32(d).ToTime() }

func (s *fastState) finish() *Fast {
	n := int32(s.n)
	sv := &Survival{}
	if n > 0 {
		for w, word := range s.prev { // the newest release
			for word != 0 {
				t := int32(w<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				s.count[t] += n - s.runStart[t]
				s.last[t] = n - 1
			}
		}
		for w, word := range s.ever {
			for word != 0 {
				t := int32(w<<6 + bits.TrailingZeros64(word))
				word &= word - 1
				sv.Spans = append(sv.Spans, ToolSpan{
					ToolID: s.toolIDs[t], Category: s.catNames[s.entry[t]],
					FirstSeen: date32(s.dates[s.first[t]]), LastSeen: date32(s.dates[s.last[t]]),
					Releases: int(s.count[t]), Gaps: int(s.gaps[t]), Duration: int(s.last[t] - s.first[t] + 1), Censored: s.last[t] == n-1,
				})
			}
		}
		slices.SortFunc(sv.Spans, func(a, b ToolSpan) int { return strings.Compare(a.ToolID, b.ToolID) })
		sv.Curves = KaplanMeier("all", sv.Spans)
		byCat := map[string][]ToolSpan{}
		for _, sp := range sv.Spans {
			byCat[sp.Category] = append(byCat[sp.Category], sp)
		}
		for _, k := range s.byName {
			if spans, ok := byCat[s.catNames[k]]; ok {
				sv.Curves = append(sv.Curves, KaplanMeier(s.catNames[k], spans)...)
			}
		}
	}
	s.out.Survival = sv
	return &s.out
}
