package export

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Partitions are the partition files of a dataset release, for the next
// release to take those whose rows did not change (WriteDatasetFrom).
type Partitions struct {
	// Dir is the dataset release's folder; the Files' paths are relative to
	// it. The writer of the release leaves it empty and its caller fills
	// it in.
	Dir   string
	Files []PartitionFile
	// Reused counts the files taken from the earlier release (not saved).
	Reused int `json:"-"`
}

// PartitionFile is one partition file of a dataset release.
type PartitionFile struct {
	Path string // relative to the release folder, with '/'
	// Key is a digest of everything the file's bytes follow from: the rows
	// of the history in its month (every column, by value), the table's
	// layout and the writer's version. Same key, same bytes.
	Key    string
	SHA256 string
	Bytes  int64
	Rows   int64
}

// partTable is a per-release table, written one month at a time.
type partTable struct {
	name, description string
	docs              map[string]string
	schema            *arrow.Schema
	sortBy            []string
	// build makes the rows of the releases [from, to), unsorted. The
	// caller releases the record.
	build func(from, to int) (arrow.Record, error)
}

// parted are the per-release tables of a history: tools and listings.
type parted struct {
	mem    memory.Allocator
	h      *catalog.History
	tables []*partTable
	months []monthRange
	keys   []string // per month: the digest of its rows (monthDigests)
}

// monthRange is the releases [from, to) of one month.
type monthRange struct {
	year, month int
	from, to    int
}

// part is the month's partition folder, release_year=YYYY/release_month=M:
// the month without a leading zero, so that every reader infers an integer
// (DuckDB reads "06" as text).
func (m monthRange) part() string {
	return fmt.Sprintf("%s=%04d/%s=%d", PartitionKey, m.year, MonthPartitionKey, m.month)
}

func partitionedTables(mem memory.Allocator, h *catalog.History) *parted {
	p := &parted{mem: mem, h: h}
	for ri, r := range h.Releases {
		y, m := r.Date.Year(), int(r.Date.Month())
		if n := len(p.months); n > 0 && p.months[n-1].year == y && p.months[n-1].month == m {
			p.months[n-1].to = ri + 1
			continue
		}
		p.months = append(p.months, monthRange{year: y, month: m, from: ri, to: ri + 1})
	}
	canonical := column(h.Record, "canonical_category") != nil
	var toolFields []arrow.Field
	for _, f := range toolsFields {
		if canonical || !strings.HasPrefix(f.Name, "canonical_") {
			if f.Name == "categories" || f.Name == "canonical_categories" {
				f.Type = catalog.HistorySchema.Field(catalog.ColName).Type
			}
			toolFields = append(toolFields, f)
		}
	}
	tools := &partTable{name: "tools", description: tableDescriptions["tools"], docs: toolDocs, schema: arrow.NewSchema(toolFields, nil),
		build: func(from, to int) (arrow.Record, error) { return toolsRecord(mem, h, toolFields, from, to) }}
	listings := &partTable{name: "listings", description: tableDescriptions["listings"], docs: listingDocs, schema: h.Record.Schema(),
		build: func(from, to int) (arrow.Record, error) {
			return h.Record.NewSlice(int64(h.Starts[from]), int64(h.Starts[to])), nil
		}}
	for _, t := range []*partTable{tools, listings} {
		for _, k := range tableSortKeys[t.name] {
			if len(t.schema.FieldIndices(k)) == 1 {
				t.sortBy = append(t.sortBy, k)
			}
		}
	}
	p.tables = []*partTable{tools, listings}
	return p
}

func (p *parted) table(name string) *partTable {
	for _, t := range p.tables {
		if t.name == name {
			return t
		}
	}
	panic("export: no partitioned table " + name)
}

// exampleTool is the tool in the most releases (the smallest id of those),
// for the data card's example queries.
func (p *parted) exampleTool() string {
	codes, values := p.h.Codes(catalog.ColToolID)
	count := make([]int, len(values))
	last := make([]int, len(values))
	for i := range last {
		last[i] = -1
	}
	for ri := range p.h.Releases {
		from, to := p.h.Rows(ri)
		for _, c := range codes[from:to] {
			if c >= 0 && last[c] != ri {
				last[c] = ri
				count[c]++
			}
		}
	}
	best := -1
	for c, n := range count {
		if n == 0 {
			continue
		}
		if best < 0 || n > count[best] || (n == count[best] && values[c] < values[best]) {
			best = c
		}
	}
	if best < 0 {
		return ""
	}
	return values[best]
}

// partitionLayout is what a partition file's bytes follow from besides its
// rows.
func (t *partTable) layout(meta map[string]string) string {
	k, v := sortedKV(meta)
	return fmt.Sprintf("partition 1\x00%s\x00%s\x00%s\x00%q\x00%q\x00%q\x00%d", GeneratorVersion, SchemaVersion, t.name, t.schema.String(), t.sortBy, [][]string{k, v}, rowGroupBytes)
}

// monthDigests digests the history's rows of each month: every column, by
// value (a dictionary column by its strings, not its codes), so that the
// digest of a month is the same whatever the rest of the history holds.
func (p *parted) monthDigests() []string {
	if p.keys != nil {
		return p.keys
	}
	rec := p.h.Record
	p.keys = make([]string, len(p.months))
	// folds[m][c] are the two running folds of column c over month m's
	// rows; the columns are folded on two goroutines.
	folds := make([][][2]uint64, len(p.months))
	for yi := range folds {
		folds[yi] = make([][2]uint64, rec.NumCols())
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ci := range next {
				foldColumn(p, rec.Column(ci), func(yi int, f [2]uint64) { folds[yi][ci] = f })
			}
		}()
	}
	for ci := 0; ci < int(rec.NumCols()); ci++ {
		next <- ci
	}
	close(next)
	wg.Wait()
	var buf []byte
	for yi, y := range p.months {
		sum := sha256.New()
		for ri := y.from; ri < y.to; ri++ {
			buf = binary.LittleEndian.AppendUint64(buf[:0], uint64(p.h.Starts[ri+1]-p.h.Starts[ri]))
			sum.Write(buf)
		}
		for _, f := range folds[yi] {
			buf = binary.LittleEndian.AppendUint64(buf[:0], f[0])
			buf = binary.LittleEndian.AppendUint64(buf, f[1])
			sum.Write(buf)
		}
		p.keys[yi] = hex.EncodeToString(sum.Sum(nil))
	}
	return p.keys
}

// foldColumn folds the cells of col over each month's rows (monthDigests):
// a null as 0, a dictionary cell as its value's hash (FNV-1a, odd), another
// as fixedValue gives it. The common types are read from their buffers.
func foldColumn(p *parted, col arrow.Array, set func(month int, f [2]uint64)) {
	var nulls []byte // validity bitmap, nil when no cell is null
	off := col.Data().Offset()
	if col.NullN() > 0 {
		nulls = col.NullBitmapBytes()
	}
	switch a := col.(type) {
	case *array.Dictionary:
		dict := a.Dictionary().(*array.String)
		vals := make([]uint64, dict.Len())
		for j := range vals {
			h := fnv.New64a()
			h.Write([]byte(dict.Value(j)))
			vals[j] = h.Sum64() | 1
		}
		codes := a.Indices().(*array.Int32).Int32Values()
		foldMonths(p, set, nulls, off, func(i int) uint64 { return vals[codes[i]] })
	case *array.Date32:
		vals := a.Date32Values()
		foldMonths(p, set, nulls, off, func(i int) uint64 { return mixFixed(uint64(vals[i])) })
	case *array.Int32:
		vals := a.Int32Values()
		foldMonths(p, set, nulls, off, func(i int) uint64 { return mixFixed(uint64(vals[i])) })
	case *array.Int64:
		vals := a.Int64Values()
		foldMonths(p, set, nulls, off, func(i int) uint64 { return mixFixed(uint64(vals[i])) })
	default:
		foldMonths(p, set, nulls, off, func(i int) uint64 { return fixedValue(col, i) })
	}
}

// foldMonths folds x over each month's rows, 0 for a null row (nulls:
// validity bitmap from bit off, nil for none).
func foldMonths(p *parted, set func(month int, f [2]uint64), nulls []byte, off int, x func(i int) uint64) {
	for yi, y := range p.months {
		var a, b uint64 = 14695981039346656037, 1099511628211
		for i := p.h.Starts[y.from]; i < p.h.Starts[y.to]; i++ {
			var v uint64
			if nulls == nil || bitutil.BitIsSet(nulls, off+i) {
				v = x(i)
			}
			a = (a ^ v) * 1099511628211
			b = b*31 + v ^ (v >> 29)
		}
		set(yi, [2]uint64{a, b})
	}
}

// fixedValue is a non-string cell as 64 bits (never 0, which stands for
// null).
func fixedValue(col arrow.Array, i int) uint64 {
	var v uint64
	switch a := col.(type) {
	case *array.Date32:
		v = uint64(a.Value(i))
	case *array.Int32:
		v = uint64(a.Value(i))
	case *array.Int64:
		v = uint64(a.Value(i))
	case *array.Boolean:
		if a.Value(i) {
			v = 1
		}
	default:
		panic(fmt.Sprintf("export: no digest for %s", col.DataType()))
	}
	return mixFixed(v)
}

// mixFixed is a fixed-width value as fixedValue gives it.
func mixFixed(v uint64) uint64 { return (v*0x9E3779B97F4A7C15 + 0x632BE59BD9B4E019) | 1<<63 }

// Prepared are a history's partitioned tables (tools, listings) made ready
// to write: every month's file encoded, or taken from an earlier release of
// the dataset when its key is the same there (see writePartitions). They
// follow from the history alone, so that a caller may make them while the
// history is being analysed (PreparePartitions) and hand them to
// WriteDatasetFrom (DatasetOptions.Prepared).
type Prepared struct {
	p           *parted
	h           *catalog.History // what they were made of, checked when written
	files       map[string][]partFile
	exampleTool string
}

// PreparePartitions makes the partition files of h, taking those of prev
// (nil for none) whose rows are the same.
func PreparePartitions(mem memory.Allocator, h *catalog.History, prev *Partitions) *Prepared {
	pp := &Prepared{p: partitionedTables(mem, h), h: h, files: map[string][]partFile{}}
	meta := partitionMeta(h)
	for _, t := range pp.p.tables {
		pp.files[t.name] = encodePartitions(mem, pp.p, t, withKV(meta, "landscape.table", t.name), prev)
	}
	pp.exampleTool = pp.p.exampleTool()
	return pp
}

// partitionMeta is the key-value metadata of every partition file of h:
// what does not change from one dataset release to the next, so that a
// month's file is the same bytes in every release that has the same rows
// for it (mirrors and incremental downloads skip it).
func partitionMeta(h *catalog.History) map[string]string {
	return map[string]string{
		"landscape.schema_version": SchemaVersion,
		"landscape.generator":      GeneratorVersion,
		"landscape.catalog":        h.Name,
	}
}

// encodePartitions makes the file of every month of a partitioned table
// (see writePartitions), on every core.
func encodePartitions(mem memory.Allocator, p *parted, t *partTable, meta map[string]string, prev *Partitions) []partFile {
	reuse := map[string]PartitionFile{}
	if prev != nil {
		for _, f := range prev.Files {
			reuse[f.Path] = f
		}
	}
	layout := t.layout(meta)
	digests := p.monthDigests()
	results := make([]partFile, len(p.months))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(p.months)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for yi := range next {
				results[yi] = writeMonth(mem, p, t, meta, layout, digests[yi], p.months[yi], reuse, prev)
			}
		}()
	}
	for yi := range p.months {
		next <- yi
	}
	close(next)
	wg.Wait()
	return results
}

// writePartitions writes a partitioned table as <name>/release_year=YYYY/
// release_month=M/part-0.parquet, one folder per month with a release (a
// month whose releases have no rows gets an empty file, so that every month
// with a release is a partition), rows sorted as the table (release_date
// first), release_date kept in the files, from the files pp made. A month
// whose file in the earlier release had the same key was taken from there:
// a new day of a catalog cut every day rewrites its month's file only. It
// returns the number of rows.
func writePartitions(fw *fileWriter, pp *Prepared, name string, parts *Partitions) (int64, error) {
	var total int64
	for _, r := range pp.files[name] {
		if r.err != nil {
			return 0, r.err
		}
		if r.from != "" {
			parts.Reused++
		}
		total += r.rows
		if r.from != "" {
			fw.reuse(r.rel, name, "parquet", r.rows, r.from, r.data, r.sha256)
		} else {
			fw.write(r.rel, name, "parquet", r.rows, r.data)
		}
		if fw.err != nil {
			return 0, fw.err
		}
		f := fw.files[len(fw.files)-1] // the writer's record, sha256 included
		parts.Files = append(parts.Files, PartitionFile{Path: r.rel, Key: r.key, SHA256: f.SHA256, Bytes: f.Bytes, Rows: r.rows})
	}
	return total, nil
}

// partFile is one partition file, made or taken from prev.
type partFile struct {
	key, rel string
	data     []byte
	rows     int64
	// from and sha256: a file taken from prev, its path there and its
	// digest ("" for a file made here).
	from, sha256 string
	err          error
}

// writeMonth makes the partition file of month y, or takes it from prev
// when its key is the same there and the file still has its bytes.
func writeMonth(mem memory.Allocator, p *parted, t *partTable, meta map[string]string, layout, digest string, y monthRange, reuse map[string]PartitionFile, prev *Partitions) partFile {
	part := y.part()
	f := partFile{rel: path.Join(t.name, part, "part-0.parquet")}
	k := sha256.Sum256([]byte(layout + "\x00" + digest))
	f.key = hex.EncodeToString(k[:])
	if old, ok := reuse[f.rel]; ok && old.Key == f.key {
		from := filepath.Join(prev.Dir, filepath.FromSlash(f.rel))
		if b, ok := catalog.ReadUnchanged(from, old.Bytes, old.SHA256); ok {
			f.data, f.rows, f.from, f.sha256 = b, old.Rows, from, old.SHA256
			return f
		}
	}
	rec, err := sortedPartition(mem, t, y)
	if err != nil {
		f.err = fmt.Errorf("%s/%s: %w", t.name, part, err)
		return f
	}
	defer rec.Release()
	f.rows = rec.NumRows()
	f.data, err = WriteParquet(mem, rec, ParquetOptions{Metadata: withKV(meta, "landscape.partition", part), RowGroupBytes: rowGroupBytes, AutoDictionary: true, SortingColumns: t.sortBy})
	if err != nil {
		f.err = fmt.Errorf("%s/%s: %w", t.name, part, err)
	}
	return f
}

// sortedPartition is a month of a partitioned table, sorted, its dictionary
// columns holding only the values its rows use (so that the file follows
// from the rows alone). The caller releases it.
func sortedPartition(mem memory.Allocator, t *partTable, y monthRange) (arrow.Record, error) {
	rec, err := t.build(y.from, y.to)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	idx, err := sortedIndices(rec, t.sortBy)
	if err != nil {
		return nil, err
	}
	return takeRecord(mem, rec, idx)
}

// toolsRecord is the tools table of the releases [relFrom, relTo): the
// listings of each tool in each release taken together.
func toolsRecord(mem memory.Allocator, h *catalog.History, fields []arrow.Field, relFrom, relTo int) (arrow.Record, error) {
	rowFrom, rowTo := h.Starts[relFrom], h.Starts[relTo]
	slice := h.Record.NewSlice(int64(rowFrom), int64(rowTo))
	defer slice.Release()
	rec := slice
	type strCol struct {
		codes  []int32
		values []string
	}
	cols := map[string]strCol{}
	need := []string{"release_id", "tool_id", "name", "category", "subcategory", "homepage_url", "repo_url", "description", "launched", "license", "status"}
	canonical := column(rec, "canonical_category") != nil
	if canonical {
		need = append(need, "canonical_category", "canonical_subcategory")
	}
	for _, n := range need {
		c := column(rec, n)
		if c == nil {
			return nil, fmt.Errorf("history has no column %s", n)
		}
		codes, values := catalog.Codes(c)
		cols[n] = strCol{codes, values}
	}
	dates, ok1 := column(rec, "release_date").(*array.Date32)
	oss, ok2 := column(rec, "open_source").(*array.Boolean)
	stars, ok3 := column(rec, "stars").(*array.Int64)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("history: release_date, open_source or stars column missing or of another type")
	}
	fields = append([]arrow.Field(nil), fields...)
	// Per tool row: codes into the history's values (first listing's, or
	// first non-empty), joined category lists interned here.
	out := map[string][]int32{}
	joinedVals := map[string]*[]string{"categories": {}, "canonical_categories": {}}
	joinedIdx := map[string]map[string]int32{"categories": {}, "canonical_categories": {}}
	var (
		outDates []arrow.Date32
		outList  []int64
		outOSS   []int8 // -1 null
		outStars []int64
		hasStars []bool
	)
	join := func(rows []int, col, into string) {
		var names []string
		seen := map[int32]bool{}
		c := cols[col]
		for _, r := range rows {
			if code := c.codes[r]; !seen[code] {
				seen[code] = true
				v := ""
				if code >= 0 {
					v = c.values[code]
				}
				names = append(names, v)
			}
		}
		sortStrings(names)
		s := strings.Join(names, "; ")
		id, ok := joinedIdx[into][s]
		if !ok {
			id = int32(len(*joinedVals[into]))
			joinedIdx[into][s] = id
			*joinedVals[into] = append(*joinedVals[into], s)
		}
		out[into] = append(out[into], id)
	}
	firstNonEmpty := func(rows []int, col string) int32 {
		c := cols[col]
		for _, r := range rows {
			if code := c.codes[r]; code >= 0 && c.values[code] != "" {
				return code
			}
		}
		return -1
	}
	toolCodes := cols["tool_id"].codes
	for ri := relFrom; ri < relTo; ri++ {
		from, to := h.Rows(ri)
		from, to = from-rowFrom, to-rowFrom
		var order []int32
		byTool := map[int32][]int{}
		for i := from; i < to; i++ {
			t := toolCodes[i]
			if _, ok := byTool[t]; !ok {
				order = append(order, t)
			}
			byTool[t] = append(byTool[t], i)
		}
		for _, t := range order {
			rows := byTool[t]
			f := rows[0]
			outDates = append(outDates, dates.Value(f))
			for _, n := range []string{"release_id", "tool_id", "name", "category", "subcategory"} {
				out[n] = append(out[n], cols[n].codes[f])
			}
			join(rows, "category", "categories")
			if canonical {
				out["canonical_category"] = append(out["canonical_category"], cols["canonical_category"].codes[f])
				out["canonical_subcategory"] = append(out["canonical_subcategory"], cols["canonical_subcategory"].codes[f])
				join(rows, "canonical_category", "canonical_categories")
			}
			outList = append(outList, int64(len(rows)))
			for _, n := range []string{"homepage_url", "repo_url", "description", "launched", "license", "status"} {
				out[n] = append(out[n], firstNonEmpty(rows, n))
			}
			o := int8(-1)
			for _, r := range rows {
				if oss.IsValid(r) {
					o = 0
					if oss.Value(r) {
						o = 1
					}
					break
				}
			}
			outOSS = append(outOSS, o)
			s, ok := int64(0), false
			for _, r := range rows {
				if stars.IsValid(r) {
					s, ok = stars.Value(r), true
					break
				}
			}
			outStars, hasStars = append(outStars, s), append(hasStars, ok)
		}
	}
	arrays := make([]arrow.Array, len(fields))
	defer func() {
		for _, a := range arrays {
			if a != nil {
				a.Release()
			}
		}
	}()
	for i, f := range fields {
		switch f.Name {
		case "release_date":
			b := array.NewDate32Builder(mem)
			b.AppendValues(outDates, nil)
			arrays[i] = b.NewArray()
			b.Release()
		case "listings":
			b := array.NewInt64Builder(mem)
			b.AppendValues(outList, nil)
			arrays[i] = b.NewArray()
			b.Release()
		case "open_source":
			b := array.NewBooleanBuilder(mem)
			for _, o := range outOSS {
				if o < 0 {
					b.AppendNull()
				} else {
					b.Append(o == 1)
				}
			}
			arrays[i] = b.NewArray()
			b.Release()
		case "stars":
			b := array.NewInt64Builder(mem)
			b.AppendValues(outStars, hasStars)
			arrays[i] = b.NewArray()
			b.Release()
		case "categories", "canonical_categories":
			arrays[i] = catalog.DictArray(mem, *joinedVals[f.Name], out[f.Name])
		default:
			arrays[i] = catalog.DictArray(mem, cols[f.Name].values, out[f.Name])
		}
		fields[i].Type = arrays[i].DataType()
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), arrays, int64(len(outDates))), nil
}
