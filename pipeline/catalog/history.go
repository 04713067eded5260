package catalog

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"sync"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
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
	ColCanonicalSubcategory
	numCols
)

var dictString = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}

// HistorySchema is the Arrow schema of a catalog's history: one row per
// listing of a tool in a release. tool_id is empty until the identity stage
// fills it. Every string column is dictionary-encoded: a history of every
// day a catalog changed repeats the same names, URLs and descriptions
// thousands of times, and holds each once (see Builder).
var HistorySchema = arrow.NewSchema([]arrow.Field{
	{Name: "release_date", Type: arrow.FixedWidthTypes.Date32},
	{Name: "release_id", Type: dictString},
	{Name: "tool_id", Type: dictString},
	{Name: "name", Type: dictString},
	{Name: "category", Type: dictString},
	{Name: "subcategory", Type: dictString},
	{Name: "homepage_url", Type: dictString, Nullable: true},
	{Name: "repo_url", Type: dictString, Nullable: true},
	{Name: "description", Type: dictString, Nullable: true},
	{Name: "launched", Type: dictString, Nullable: true},
	{Name: "open_source", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
	{Name: "license", Type: dictString, Nullable: true},
	{Name: "status", Type: dictString, Nullable: true},
	{Name: "stars", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
	{Name: "extra", Type: dictString, Nullable: true},
	{Name: "source_file", Type: dictString}, // file name within the catalog folder
	{Name: "source_line", Type: arrow.PrimitiveTypes.Int32},
	{Name: "joined_by", Type: dictString},             // how identity joined the row to its tool (package identity)
	{Name: "canonical_category", Type: dictString},    // the category's lineage name (package taxonomy); = category until it runs
	{Name: "canonical_subcategory", Type: dictString}, // the subcategory's lineage name within its canonical category (package taxonomy); = subcategory until it runs
}, nil)

// History is a catalog's history: its releases, oldest first, and the Arrow
// record of all their listings, in release order and, within a release, in
// file order. The caller owns Record and must Release it.
type History struct {
	Name     string // catalog name (the folder's base name)
	Releases []Release
	Warnings Diagnostics
	Record   arrow.Record
	// Starts[i] is the first row of release i; Starts[len(Releases)] is the
	// number of rows.
	Starts []int
	// view holds the columns decoded so far (Codes), shared with the
	// histories made from this one (a copy that replaces a column shares the
	// others and their decoding).
	view *columnView
}

// columnView is the decoded columns of a run's histories, by column array.
type columnView struct {
	mu   sync.Mutex
	cols map[arrow.Array]decodedColumn
	keys map[arrow.Array]Keys
}

// Keys are the normalized keys of a string column of the history (the
// name, repository and homepage keys by which package identity joins
// listings): Codes[c] is the key of the column's dictionary value c (as
// History.Codes numbers them), an index into Values; the last entry of
// Codes is the key of a null. Identity computes them once per run and
// stores them beside the column (SetKeys); the stages after it read them
// (Keys) instead of normalizing again.
type Keys struct {
	Codes  []int32
	Values []string
}

// Key is the key of dictionary value c of the column (-1: null).
func (k Keys) Key(c int32) string {
	if c < 0 {
		return k.Values[k.Codes[len(k.Codes)-1]]
	}
	return k.Values[k.Codes[c]]
}

// SetKeys stores the keys of column col, for Keys. They are shared with
// every history made from h that keeps the column.
func (h *History) SetKeys(col int, k Keys) {
	if h.view == nil {
		h.view = &columnView{cols: map[arrow.Array]decodedColumn{}}
	}
	h.view.mu.Lock()
	defer h.view.mu.Unlock()
	if h.view.keys == nil {
		h.view.keys = map[arrow.Array]Keys{}
	}
	h.view.keys[h.Record.Column(col)] = k
}

// Keys gives the keys stored for column col by SetKeys (ok false: none).
func (h *History) Keys(col int) (k Keys, ok bool) {
	if h.view == nil {
		return Keys{}, false
	}
	h.view.mu.Lock()
	defer h.view.mu.Unlock()
	k, ok = h.view.keys[h.Record.Column(col)]
	return k, ok
}

type decodedColumn struct {
	codes  []int32
	values []string
}

// Value is the string of a code of Codes: values[code], or "" for a null
// (-1).
func Value(values []string, code int32) string {
	if code < 0 {
		return ""
	}
	return values[code]
}

// Codes is catalog.Codes of column col of the record, decoded once per run:
// every stage that reads a column of the history (identity, taxonomy, the
// engine, the site, the dataset) shares one decoding of it. The codes and
// values are read-only.
func (h *History) Codes(col int) (codes []int32, values []string) {
	c := h.Record.Column(col)
	if h.view == nil {
		return Codes(c)
	}
	h.view.mu.Lock()
	d, ok := h.view.cols[c]
	h.view.mu.Unlock()
	if ok {
		return d.codes, d.values
	}
	codes, values = Codes(c)
	h.view.mu.Lock()
	h.view.cols[c] = decodedColumn{codes, values}
	h.view.mu.Unlock()
	return codes, values
}

// Release releases the Arrow record.
func (h *History) Release() {
	if h.Record != nil {
		h.Record.Release()
		h.Record = nil
	}
}

// Rows gives the rows [from, to) of release i.
func (h *History) Rows(i int) (from, to int) { return h.Starts[i], h.Starts[i+1] }

// Date32 converts a date to Arrow's date32.
func Date32(t time.Time) arrow.Date32 { return arrow.Date32FromTime(t) }

// NewHistory builds the history table from snapshots (sorted here by release
// date). tool_id is left empty for the identity stage.
func NewHistory(mem memory.Allocator, name string, snaps []*Snapshot) (*History, error) {
	snaps = append([]*Snapshot(nil), snaps...)
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].Release.Date.Before(snaps[j].Release.Date) })
	b := NewBuilder(name)
	for _, s := range snaps {
		if err := b.Add(s); err != nil {
			return nil, err
		}
	}
	return b.Build(mem)
}

// Builder builds a History one release at a time, so that a history of
// thousands of releases is never held as parsed files: each distinct
// listing (every field but its line) is kept once, as an entry, and a
// release keeps only (entry, line) per listing.
type Builder struct {
	name     string
	releases []Release
	warnings Diagnostics
	starts   []int

	entries map[string]int32 // listing content → entry
	cols    [numEntryCols]interner
	oss     []int8 // per entry: -1 null, 0 false, 1 true
	stars   []*int64

	rowEntry []int32
	rowLine  []int32
	rowRel   []int32
	files    interner
	relIDs   interner
	key      []byte
}

// The string columns an entry fills, in this order.
const (
	eName = iota
	eCategory
	eSubcategory
	eHome
	eRepo
	eDescription
	eLaunched
	eLicense
	eStatus
	eExtra
	numEntryCols
)

var entryColumn = [numEntryCols]int{ColName, ColCategory, ColSubcategory, ColHomepageURL, ColRepoURL, ColDescription, ColLaunched, ColLicense, ColStatus, ColExtra}

// Interner numbers distinct strings in order of first appearance (the
// codes of dictionary columns, and of keys wherever strings become ints).
type Interner struct {
	idx    map[string]int32
	values []string
}

// ID is v's number, given at its first call.
func (in *Interner) ID(v string) int32 {
	if in.idx == nil {
		in.idx = map[string]int32{}
	}
	i, ok := in.idx[v]
	if !ok {
		i = int32(len(in.values))
		in.idx[v] = i
		in.values = append(in.values, v)
	}
	return i
}

// Values are the strings numbered so far, by number.
func (in *Interner) Values() []string { return in.values }

// Len is how many strings are numbered.
func (in *Interner) Len() int { return len(in.values) }

// interner is an Interner that also keeps a number per entry (or row).
type interner struct {
	Interner
	ids []int32 // per entry (or row): the value's number
}

func (in *interner) id(v string) int32 { return in.ID(v) }

// NewBuilder starts the history of the catalog name.
func NewBuilder(name string) *Builder {
	return &Builder{name: name, entries: map[string]int32{}}
}

// Releases is the number of releases added so far.
func (b *Builder) Releases() int { return len(b.releases) }

// Add appends a release: its snapshot is not kept. Releases must come in
// date order.
func (b *Builder) Add(s *Snapshot) error {
	if n := len(b.releases); n > 0 && s.Release.Date.Before(b.releases[n-1].Date) {
		return fmt.Errorf("%s: release %s is added after %s; expected date order", s.Release.File, s.Release.ID, b.releases[n-1].ID)
	}
	ri := int32(len(b.releases))
	b.releases = append(b.releases, s.Release)
	b.warnings = append(b.warnings, s.Warnings...)
	b.starts = append(b.starts, len(b.rowEntry))
	b.files.ids = append(b.files.ids, b.files.id(filepath.Base(s.Release.File))) // the name within the catalog folder
	b.relIDs.ids = append(b.relIDs.ids, b.relIDs.id(s.Release.ID))
	for i := range s.Listings {
		l := &s.Listings[i]
		e, err := b.entry(l)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", s.Release.File, l.Line, err)
		}
		b.rowEntry = append(b.rowEntry, e)
		b.rowLine = append(b.rowLine, int32(l.Line))
		b.rowRel = append(b.rowRel, ri)
	}
	return nil
}

// entry finds or makes the entry of a listing's content.
func (b *Builder) entry(l *Listing) (int32, error) {
	var extra string
	if len(l.Extra) > 0 && l.Key == "" {
		js, err := json.Marshal(l.Extra) // map keys are sorted by encoding/json
		if err != nil {
			return 0, fmt.Errorf("extra: %w", err)
		}
		extra = string(js)
	}
	b.key = b.key[:0]
	if l.Key != "" {
		b.key = append(b.key, 'k')
		b.key = append(b.key, l.Key...)
	} else {
		b.key = append(b.key, 'f')
		for _, v := range [...]string{l.Name, l.Category, l.Subcategory, l.HomepageURL, l.RepoURL, l.Description, l.Launched, l.License, l.Status, extra} {
			b.key = binary.AppendUvarint(b.key, uint64(len(v)))
			b.key = append(b.key, v...)
		}
		switch {
		case l.OpenSource == nil:
			b.key = append(b.key, 'n')
		case *l.OpenSource:
			b.key = append(b.key, 't')
		default:
			b.key = append(b.key, 'f')
		}
		if l.Stars != nil {
			b.key = binary.AppendVarint(b.key, *l.Stars)
		}
	}
	if e, ok := b.entries[string(b.key)]; ok {
		return e, nil
	}
	if len(l.Extra) > 0 && extra == "" {
		js, err := json.Marshal(l.Extra)
		if err != nil {
			return 0, fmt.Errorf("extra: %w", err)
		}
		extra = string(js)
	}
	e := int32(len(b.oss))
	b.entries[string(b.key)] = e
	for c, v := range [numEntryCols]string{l.Name, l.Category, l.Subcategory, l.HomepageURL, l.RepoURL, l.Description, l.Launched, l.License, l.Status, extra} {
		b.cols[c].ids = append(b.cols[c].ids, b.cols[c].id(v))
	}
	switch {
	case l.OpenSource == nil:
		b.oss = append(b.oss, -1)
	case *l.OpenSource:
		b.oss = append(b.oss, 1)
	default:
		b.oss = append(b.oss, 0)
	}
	if l.Stars != nil {
		v := *l.Stars
		b.stars = append(b.stars, &v)
	} else {
		b.stars = append(b.stars, nil)
	}
	return e, nil
}

// Build makes the History. It only reads the builder (Save may run at
// the same time); the builder is not added to again.
func (b *Builder) Build(mem memory.Allocator) (*History, error) {
	h := &History{Name: b.name, Releases: b.releases, Warnings: b.warnings, Starts: append(b.starts, len(b.rowEntry)),
		view: &columnView{cols: map[arrow.Array]decodedColumn{}}}
	n := len(b.rowEntry)
	cols := make([]arrow.Array, numCols)
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	// The dictionary columns are independent: each is built on a goroutine
	// of its own while the fixed-width columns are built here.
	var dicts sync.WaitGroup
	perRow := func(col int, values []string, nullable bool, idx func(i int) int32) {
		dicts.Go(func() { cols[col] = dictColumn(mem, values, nullable, n, idx) })
	}
	for c := range numEntryCols {
		in := &b.cols[c]
		nullable := HistorySchema.Field(entryColumn[c]).Nullable
		perRow(entryColumn[c], in.values, nullable, func(i int) int32 { return in.ids[b.rowEntry[i]] })
	}
	perRow(ColReleaseID, b.relIDs.values, false, func(i int) int32 { return b.relIDs.ids[b.rowRel[i]] })
	perRow(ColSourceFile, b.files.values, false, func(i int) int32 { return b.files.ids[b.rowRel[i]] })
	perRow(ColToolID, []string{""}, false, func(int) int32 { return 0 })
	// The columns the stages after fill start as others: joined_by as the
	// empty tool_id, canonical_category and canonical_subcategory as category
	// and subcategory (none nullable): the same arrays (below).

	dates := array.NewDate32Builder(mem)
	defer dates.Release()
	lines := array.NewInt32Builder(mem)
	defer lines.Release()
	oss := array.NewBooleanBuilder(mem)
	defer oss.Release()
	stars := array.NewInt64Builder(mem)
	defer stars.Release()
	dates.Reserve(n)
	lines.Reserve(n)
	oss.Reserve(n)
	stars.Reserve(n)
	relDates := make([]arrow.Date32, len(b.releases))
	for i, r := range b.releases {
		relDates[i] = Date32(r.Date)
	}
	for i := 0; i < n; i++ {
		e := b.rowEntry[i]
		dates.UnsafeAppend(relDates[b.rowRel[i]])
		lines.UnsafeAppend(b.rowLine[i])
		if o := b.oss[e]; o < 0 {
			oss.AppendNull()
		} else {
			oss.UnsafeAppend(o == 1)
		}
		if s := b.stars[e]; s == nil {
			stars.AppendNull()
		} else {
			stars.UnsafeAppend(*s)
		}
	}
	cols[ColReleaseDate] = dates.NewArray()
	dicts.Wait()
	for _, same := range [][2]int{{ColJoinedBy, ColToolID}, {ColCanonicalCategory, ColCategory}, {ColCanonicalSubcategory, ColSubcategory}} {
		cols[same[1]].Retain()
		cols[same[0]] = cols[same[1]]
	}
	cols[ColSourceLine] = lines.NewArray()
	cols[ColOpenSource] = oss.NewArray()
	cols[ColStars] = stars.NewArray()
	h.Record = array.NewRecordBatch(HistorySchema, cols, int64(n))
	return h, nil
}

// dictColumn makes a dictionary-encoded string column of n rows whose row i
// is values[idx(i)]; when nullable, "" is null.
func dictColumn(mem memory.Allocator, values []string, nullable bool, n int, idx func(i int) int32) arrow.Array {
	sb := array.NewStringBuilder(mem)
	defer sb.Release()
	sb.AppendValues(values, nil)
	dict := sb.NewArray()
	defer dict.Release()
	empty := int32(-1)
	if nullable {
		for i, v := range values {
			if v == "" {
				empty = int32(i)
			}
		}
	}
	// The indexes are written straight into their buffer, and a validity
	// bitmap is made only when a row is null.
	buf := memory.NewResizableBuffer(mem)
	defer buf.Release()
	buf.Resize(4 * n)
	codes := arrow.Int32Traits.CastFromBytes(buf.Bytes())
	var valid *memory.Buffer
	nulls := 0
	for i := 0; i < n; i++ {
		v := idx(i)
		if v == empty || v < 0 {
			if valid == nil {
				valid = memory.NewResizableBuffer(mem)
				valid.Resize(int(bitutil.BytesForBits(int64(n))))
				bitutil.SetBitsTo(valid.Bytes(), 0, int64(n), true)
			}
			bitutil.ClearBit(valid.Bytes(), i)
			nulls++
			v = 0
		}
		codes[i] = v
	}
	if valid != nil {
		defer valid.Release()
	}
	data := array.NewData(arrow.PrimitiveTypes.Int32, n, []*memory.Buffer{valid, buf}, nil, nulls, 0)
	defer data.Release()
	indices := array.NewInt32Data(data)
	defer indices.Release()
	arr := array.NewDictionaryArray(dictString, indices, dict)
	// arrow makes a Dictionary's values array when first asked for it, and
	// that is a write: asked here, before the column is shared, so that the
	// stages that read it side by side (the engine, the identities table,
	// the dataset's partitions) only read.
	arr.Dictionary()
	return arr
}

// WithToolIDs returns a new History whose tool_id and joined_by columns are
// ids and joins (one per row); the other columns are shared with h. The
// caller releases both.
func (h *History) WithToolIDs(mem memory.Allocator, ids, joins []string) (*History, error) {
	return h.withIdentity(len(ids), len(joins),
		func() arrow.Array { return dictArray(mem, ids) },
		func() arrow.Array { return dictArray(mem, joins) })
}

// WithToolIDCodes is WithToolIDs given the ids and joins as codes into
// idVals and joinVals, each holding distinct strings: the columns are those
// WithToolIDs makes of the strings, with no string read per row.
func (h *History) WithToolIDCodes(mem memory.Allocator, ids []int32, idVals []string, joins []uint8, joinVals []string) (*History, error) {
	return h.withIdentity(len(ids), len(joins),
		func() arrow.Array { return dictCodes(mem, ids, idVals) },
		func() arrow.Array { return dictCodes(mem, joins, joinVals) })
}

// withIdentity is h with the tool_id and joined_by columns made by ids and
// joins (of nIDs and nJoins rows), side by side: millions of rows each.
func (h *History) withIdentity(nIDs, nJoins int, ids, joins func() arrow.Array) (*History, error) {
	if nIDs != int(h.Record.NumRows()) || nJoins != nIDs {
		return nil, fmt.Errorf("catalog: %d tool ids and %d joins for %d rows", nIDs, nJoins, h.Record.NumRows())
	}
	var jcol arrow.Array
	done := make(chan struct{})
	go func() {
		defer close(done)
		jcol = joins()
	}()
	col := ids()
	<-done
	defer col.Release()
	defer jcol.Release()
	return h.withColumns(map[int]arrow.Array{ColToolID: col, ColJoinedBy: jcol}), nil
}

// dictCodes is dictArray of the strings vals[codes[i]] (vals distinct):
// the values in the order rows first use them.
func dictCodes[T int32 | uint8](mem memory.Allocator, codes []T, vals []string) arrow.Array {
	order := make([]int32, len(vals)) // code → its place in the dictionary + 1
	var dict []string
	out := make([]int32, len(codes))
	for i, c := range codes {
		o := order[c]
		if o == 0 {
			dict = append(dict, vals[c])
			o = int32(len(dict))
			order[c] = o
		}
		out[i] = o - 1
	}
	return dictColumn(mem, dict, false, len(codes), func(i int) int32 { return out[i] })
}

// WithCanonicalCategories returns a new History whose canonical_category
// column is cats (one per row); the other columns are shared with h.
func (h *History) WithCanonicalCategories(mem memory.Allocator, cats []string) (*History, error) {
	if len(cats) != int(h.Record.NumRows()) {
		return nil, fmt.Errorf("catalog: %d canonical categories for %d rows", len(cats), h.Record.NumRows())
	}
	col := dictArray(mem, cats)
	defer col.Release()
	return h.withColumns(map[int]arrow.Array{ColCanonicalCategory: col}), nil
}

// WithCanonicalSubcategories returns a new History whose
// canonical_subcategory column holds values[codes[i]] in row i; the other
// columns are shared with h.
func (h *History) WithCanonicalSubcategories(mem memory.Allocator, values []string, codes []int32) (*History, error) {
	if len(codes) != int(h.Record.NumRows()) {
		return nil, fmt.Errorf("catalog: %d canonical subcategories for %d rows", len(codes), h.Record.NumRows())
	}
	col := DictArray(mem, values, codes)
	defer col.Release()
	return h.withColumns(map[int]arrow.Array{ColCanonicalSubcategory: col}), nil
}

// dictArray is values as a dictionary-encoded string column; the caller
// releases it.
//
// A column of millions of rows (identity's tool ids) repeats a few
// thousand strings, most sharing their bytes: a string seen at the same
// address with the same length before is looked up by that, not hashed
// again (equal strings at other addresses still get the same id).
func dictArray(mem memory.Allocator, values []string) arrow.Array {
	var in interner
	in.ids = make([]int32, len(values))
	// The values of a column made by a stage are a few strings repeated
	// millions of times, mostly in runs (a release's rows of a category):
	// each distinct backing string is interned once, found again by its
	// address and length, the run of equal values before it first.
	type at struct {
		p *byte
		n int
	}
	seen := map[at]int32{}
	var last at
	lastID := int32(-1)
	for i, v := range values {
		k := at{unsafe.StringData(v), len(v)}
		if k == last && lastID >= 0 {
			in.ids[i] = lastID
			continue
		}
		id, ok := seen[k]
		if !ok {
			id = in.id(v)
			seen[k] = id
		}
		in.ids[i], last, lastID = id, k, id
	}
	return dictColumn(mem, in.values, false, len(values), func(i int) int32 { return in.ids[i] })
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
		codes, values := Codes(a)
		for i, c := range codes {
			if c >= 0 {
				out[i] = values[c]
			}
		}
	default:
		panic(fmt.Sprintf("catalog.Strings: %T is not a string column", col))
	}
	return out
}

// Codes gives a string column (dictionary-encoded or plain) as one code per
// row into values, the column's distinct strings; a null row is -1. A
// dictionary column gives its own indexes and dictionary (values may then
// hold strings no row uses).
//
// The codes are a view, read-only: a dictionary column of int32 indexes
// without nulls (every column of the history that is never null) gives its
// own index buffer, not a copy, so that the stages that read the same
// column of a 2.9-million-row history do not each copy it. The values
// point into the column's buffers too (arrow's String.Value). Both stay
// valid after the record is released (the Go allocator's memory is the
// garbage collector's).
func Codes(col arrow.Array) (codes []int32, values []string) {
	if a, ok := col.(*array.Dictionary); ok && a.NullN() == 0 {
		if ix, ok := a.Indices().(*array.Int32); ok {
			if dict, ok := a.Dictionary().(*array.String); ok {
				values = make([]string, dict.Len())
				for i := range values {
					values[i] = dict.Value(i)
				}
				v := ix.Int32Values()
				return v[:len(v):len(v)], values // capped: an append copies
			}
		}
	}
	codes = make([]int32, col.Len())
	switch a := col.(type) {
	case *array.Dictionary:
		dict := a.Dictionary().(*array.String)
		values = make([]string, dict.Len())
		for i := range values {
			values[i] = dict.Value(i)
		}
		if ix, ok := a.Indices().(*array.Int32); ok {
			copy(codes, ix.Int32Values())
			if a.NullN() > 0 {
				for i := range codes {
					if a.IsNull(i) {
						codes[i] = -1
					}
				}
			}
			break
		}
		for i := range codes {
			if a.IsValid(i) {
				codes[i] = int32(a.GetValueIndex(i))
			} else {
				codes[i] = -1
			}
		}
	case *array.String:
		var in interner
		for i := range codes {
			if a.IsValid(i) {
				codes[i] = in.id(a.Value(i))
			} else {
				codes[i] = -1
			}
		}
		values = in.values
	default:
		panic(fmt.Sprintf("catalog.Codes: %T is not a string column", col))
	}
	return codes, values
}

// DictArray makes a dictionary-encoded string column whose row i is
// values[codes[i]], or null where codes[i] is -1. The caller releases it.
func DictArray(mem memory.Allocator, values []string, codes []int32) arrow.Array {
	return dictColumn(mem, values, false, len(codes), func(i int) int32 { return codes[i] })
}
