// Package export writes analysis results for people and programs: Parquet
// tables (zstd, dictionary encoding, statistics, page index), the Markdown
// report, JSON summaries and CSV copies. It takes catalog.Tables and analysis
// results and gives files; it never reads release files.
package export

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/bitutil"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ParquetOptions are the writer settings every file shares.
type ParquetOptions struct {
	// Metadata is written as the file's key-value metadata (sorted by key).
	Metadata map[string]string
	// RowGroupRows caps a row group; 0 means 128 Ki rows, or, with
	// RowGroupBytes, as many rows as fit in that many bytes of Arrow memory.
	RowGroupRows int64
	// RowGroupBytes sizes row groups for the data when RowGroupRows is 0:
	// the number of rows whose Arrow buffers take about this many bytes.
	RowGroupBytes int64
	// AutoDictionary dictionary-encodes only the columns that gain from it:
	// Arrow dictionary columns (low-cardinality by their schema), and strings
	// and dates with at most one distinct value per two rows.
	// Without it every column is dictionary-encoded (falling back to plain
	// when the dictionary grows too large).
	AutoDictionary bool
	// SortingColumns names the columns the rows are sorted by (ascending,
	// nulls first), written as each row group's sorting_columns. The caller
	// sorts the rows.
	SortingColumns []string
}

// GeneratorVersion names this program in files it writes.
const GeneratorVersion = "landscape 0.1.0"

// WriteParquet encodes a record as a Parquet file in memory.
func WriteParquet(mem memory.Allocator, rec arrow.Record, o ParquetOptions) ([]byte, error) {
	rows := o.RowGroupRows
	if rows <= 0 {
		rows = 128 << 10
	}
	rec, err := utcTimestamps(rec)
	if err != nil {
		return nil, err
	}
	defer rec.Release()
	if o.RowGroupRows <= 0 && o.RowGroupBytes > 0 {
		rows = rowGroupRows(rec, o.RowGroupBytes)
	}
	wprops := []parquet.WriterProperty{
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(1),
		parquet.WithDictionaryDefault(true),
		// A dictionary that outgrows its page falls back to plain encoding,
		// and arrow-go then writes the column's encoding stats in map order:
		// bytes would differ between runs. A page this large never fills.
		parquet.WithDictionaryPageSizeLimit(1 << 30),
		parquet.WithStats(true),
		parquet.WithPageIndexEnabled(true),
		parquet.WithMaxRowGroupLength(rows),
		parquet.WithCreatedBy(GeneratorVersion),
		parquet.WithVersion(parquet.V2_6),
	}
	if o.AutoDictionary {
		for i, f := range rec.Schema().Fields() {
			wprops = append(wprops, parquet.WithDictionaryFor(f.Name, gainsFromDictionary(rec.Column(i))))
		}
	}
	if len(o.SortingColumns) > 0 {
		var cols []parquet.SortingColumn
		for _, name := range o.SortingColumns {
			idx := rec.Schema().FieldIndices(name)
			if len(idx) != 1 {
				return nil, fmt.Errorf("sorting column %q: not a column of the record", name)
			}
			cols = append(cols, parquet.SortingColumn{ColumnIdx: int32(idx[0]), NullsFirst: true})
		}
		wprops = append(wprops, parquet.WithSortingColumns(cols))
	}
	props := parquet.NewWriterProperties(wprops...)
	// Timestamps are written as TIMESTAMP(isAdjustedToUTC, µs), never INT96.
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem), pqarrow.WithStoreSchema(),
		pqarrow.WithDeprecatedInt96Timestamps(false), pqarrow.WithCoerceTimestamps(arrow.Microsecond), pqarrow.WithTruncatedTimestamps(true))
	md := arrow.NewMetadata(sortedKV(o.Metadata))
	// Arrow dictionary columns are written from their values: the
	// dictionary path of pqarrow leaves empty strings out of min/max, and a
	// min above "" would let readers skip row groups that hold "". They are
	// decoded one row group at a time, so that a history of millions of
	// rows is never held decoded.
	fields := rec.Schema().Fields()
	for i, f := range fields {
		if d, ok := f.Type.(*arrow.DictionaryType); ok && d.ValueType.ID() == arrow.STRING {
			fields[i].Type = arrow.BinaryTypes.String
		}
	}
	schema := arrow.NewSchema(fields, &md)
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(schema, &buf, props, arrProps)
	if err != nil {
		return nil, err
	}
	for start := int64(0); start < rec.NumRows() || start == 0; start += rows {
		end := min(start+rows, rec.NumRows())
		slice := rec.NewSlice(start, end)
		decoded, err := decodeDictionaries(mem, slice)
		slice.Release()
		if err != nil {
			w.Close()
			return nil, err
		}
		part := array.NewRecordBatch(schema, decoded.Columns(), decoded.NumRows())
		decoded.Release()
		err = w.WriteBuffered(part)
		part.Release()
		if err != nil {
			w.Close()
			return nil, err
		}
		if end == rec.NumRows() {
			break
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// utcTimestamps returns rec with every timestamp column marked UTC (the
// values are instants either way), so that Parquet stores them with
// isAdjustedToUTC. The caller releases the result.
func utcTimestamps(rec arrow.Record) (arrow.Record, error) {
	fields := rec.Schema().Fields()
	cols := make([]arrow.Array, len(fields))
	changed := false
	for i, f := range fields {
		cols[i] = rec.Column(i)
		ts, ok := f.Type.(*arrow.TimestampType)
		if !ok || ts.TimeZone == "UTC" {
			continue
		}
		utc := &arrow.TimestampType{Unit: ts.Unit, TimeZone: "UTC"}
		data := array.NewData(utc, cols[i].Len(), cols[i].Data().Buffers(), nil, cols[i].NullN(), cols[i].Data().Offset())
		defer data.Release()
		col := array.MakeFromData(data)
		defer col.Release()
		cols[i] = col
		fields[i].Type = utc
		changed = true
	}
	if !changed {
		rec.Retain()
		return rec, nil
	}
	md := rec.Schema().Metadata()
	return array.NewRecordBatch(arrow.NewSchema(fields, &md), cols, rec.NumRows()), nil
}

// decodeDictionaries returns rec with its dictionary-encoded string columns
// as plain strings. The caller releases the result.
func decodeDictionaries(mem memory.Allocator, rec arrow.Record) (arrow.Record, error) {
	fields := rec.Schema().Fields()
	cols := make([]arrow.Array, len(fields))
	for i := range fields {
		col := rec.Column(i)
		d, ok := col.(*array.Dictionary)
		if !ok {
			col.Retain()
			cols[i] = col
			continue
		}
		dict, ok := d.Dictionary().(*array.String)
		if !ok {
			col.Retain()
			cols[i] = col
			continue
		}
		codes, _ := catalog.Codes(d)
		size := 0
		for _, c := range codes {
			if c >= 0 {
				size += dict.ValueLen(int(c))
			}
		}
		b := array.NewStringBuilder(mem)
		b.Reserve(d.Len())
		b.ReserveData(size)
		for _, c := range codes {
			if c < 0 {
				b.AppendNull()
			} else {
				b.Append(dict.Value(int(c)))
			}
		}
		cols[i] = b.NewArray()
		b.Release()
		fields[i].Type = arrow.BinaryTypes.String
	}
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	md := rec.Schema().Metadata()
	return array.NewRecordBatch(arrow.NewSchema(fields, &md), cols, rec.NumRows()), nil
}

// rowGroupRows is the number of rows that take about target bytes of Arrow
// memory: small tables are one row group.
func rowGroupRows(rec arrow.Record, target int64) int64 {
	n := rec.NumRows()
	if n == 0 {
		return 1
	}
	var size int64
	for _, col := range rec.Columns() {
		size += decodedSize(col)
	}
	per := size / n
	if per < 1 {
		per = 1
	}
	rows := target / per
	if rows < 1024 {
		rows = 1024
	}
	return rows
}

// decodedSize is a column's size in Arrow memory once its dictionary
// strings are decoded: it follows from the rows alone, not from a
// dictionary shared with other records (whose values these rows may not
// use), so that the same rows give the same row groups.
func decodedSize(col arrow.Array) int64 {
	d, ok := col.(*array.Dictionary)
	if !ok {
		return layoutSize(col)
	}
	dict, ok := d.Dictionary().(*array.String)
	if !ok {
		return layoutSize(col)
	}
	codes, _ := catalog.Codes(d)
	size := int64(4*len(codes) + len(codes)/8) // offsets, validity
	for _, c := range codes {
		if c >= 0 {
			size += int64(dict.ValueLen(int(c)))
		}
	}
	return size
}

// layoutSize is the size of a plain column (no children, no dictionary):
// its value buffers (offsets and bytes of a string column) and a validity
// bitmap counted as an Arrow builder reserved for the column's rows
// allocates it (for the next power of two above the row count; a builder of
// numbers takes at least 32 rows, which matters not: under 1024 rows a file
// is one row group), whether or not the column holds one. The records written come from
// compute's "take" (takeRecord), which holds an exact bitmap, or none when no
// row is null; they used to come from such builders, and counting the bitmap
// this way keeps each file's row groups, hence its bytes, where they were,
// and makes the size follow from the rows alone.
func layoutSize(col arrow.Array) int64 {
	data := col.Data()
	if len(data.Children()) > 0 || col.DataType().ID() == arrow.DICTIONARY {
		return int64(data.SizeInBytes())
	}
	var size int64
	for i, b := range data.Buffers() {
		if i > 0 && b != nil {
			size += int64(b.Len())
		}
	}
	if n := col.Len(); n > 0 {
		size += int64(bitutil.CeilByte(bitutil.NextPowerOf2(n)) / 8)
	}
	return size
}

// gainsFromDictionary: strings (plain or Arrow dictionaries) and dates with
// at most one distinct value per two rows (licenses, release dates,
// categories, kinds), not ids, names, URLs or descriptions.
func gainsFromDictionary(col arrow.Array) bool {
	n := col.Len()
	if n == 0 {
		return false
	}
	switch a := col.(type) {
	case *array.Dictionary:
		// Low-cardinality by its schema (categories, kinds), or a history
		// column held as a dictionary in memory: the same rule as strings,
		// on the values the rows use.
		if a.Dictionary().Len() <= n/2 {
			return true
		}
		codes, _ := catalog.Codes(a)
		used := make([]bool, a.Dictionary().Len())
		count := 0
		for _, c := range codes {
			if c >= 0 && !used[c] {
				used[c] = true
				count++
			}
		}
		return count <= n/2
	case *array.String:
		return distinct(n, func(i int) (string, bool) { return a.Value(i), a.IsValid(i) }) <= n/2
	case *array.Date32:
		return distinct(n, func(i int) (string, bool) { return a.ValueStr(i), a.IsValid(i) }) <= n/2
	}
	return false
}

func distinct(n int, v func(int) (string, bool)) int {
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		if s, ok := v(i); ok {
			seen[s] = true
		}
	}
	return len(seen)
}

func sortedKV(m map[string]string) (keys, vals []string) {
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		vals = append(vals, m[k])
	}
	return keys, vals
}
