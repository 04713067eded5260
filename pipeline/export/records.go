package export

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Record helpers of the dataset writer: sorting, taking rows, dropping a
// column and the text of a cell, over the column types our tables use
// (string, dictionary of strings, int32, int64, float64, bool, date32,
// timestamp).

// takeRecord returns the rows idx of rec, in that order, as a new record
// whose dictionary columns hold only the values used. The caller releases it.
func takeRecord(mem memory.Allocator, rec arrow.Record, idx []int) (arrow.Record, error) {
	cols := make([]arrow.Array, rec.NumCols())
	defer func() {
		for _, c := range cols {
			if c != nil {
				c.Release()
			}
		}
	}()
	for i := range cols {
		c, err := takeColumn(mem, rec.Column(i), idx)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", rec.ColumnName(i), err)
		}
		cols[i] = c
	}
	return array.NewRecordBatch(rec.Schema(), cols, int64(len(idx))), nil
}

func takeColumn(mem memory.Allocator, col arrow.Array, idx []int) (arrow.Array, error) {
	if d, ok := col.(*array.Dictionary); ok {
		// The indexes are taken; the dictionary is shared (values no row
		// uses are never written: Parquet gets the decoded strings).
		ix, ok := d.Indices().(*array.Int32)
		if !ok {
			return nil, fmt.Errorf("dictionary indexes of %s are not supported", d.Indices().DataType())
		}
		b := array.NewInt32Builder(mem)
		defer b.Release()
		b.Reserve(len(idx))
		for _, i := range idx {
			if d.IsNull(i) {
				b.AppendNull()
			} else {
				b.UnsafeAppend(ix.Value(i))
			}
		}
		indices := b.NewArray()
		defer indices.Release()
		return array.NewDictionaryArray(d.DataType(), indices, d.Dictionary()), nil
	}
	b := array.NewBuilder(mem, col.DataType())
	defer b.Release()
	b.Reserve(len(idx))
	for _, i := range idx {
		if col.IsNull(i) {
			b.AppendNull()
			continue
		}
		switch a := col.(type) {
		case *array.String:
			b.(*array.StringBuilder).Append(a.Value(i))
		case *array.Dictionary:
			dict, ok := a.Dictionary().(*array.String)
			if !ok {
				return nil, fmt.Errorf("dictionary of %s is not supported", a.Dictionary().DataType())
			}
			if err := b.(*array.BinaryDictionaryBuilder).AppendString(dict.Value(a.GetValueIndex(i))); err != nil {
				return nil, err
			}
		case *array.Int32:
			b.(*array.Int32Builder).Append(a.Value(i))
		case *array.Int64:
			b.(*array.Int64Builder).Append(a.Value(i))
		case *array.Float64:
			b.(*array.Float64Builder).Append(a.Value(i))
		case *array.Boolean:
			b.(*array.BooleanBuilder).Append(a.Value(i))
		case *array.Date32:
			b.(*array.Date32Builder).Append(a.Value(i))
		case *array.Timestamp:
			b.(*array.TimestampBuilder).Append(a.Value(i))
		default:
			return nil, fmt.Errorf("type %s is not supported", col.DataType())
		}
	}
	return b.NewArray(), nil
}

// sortedIndices is the stable order of rec's rows by the named columns,
// ascending, nulls first.
func sortedIndices(rec arrow.Record, keys []string) ([]int, error) {
	idx := make([]int, rec.NumRows())
	for i := range idx {
		idx[i] = i
	}
	var cmps []func(i, j int) int
	for _, k := range keys {
		ci := rec.Schema().FieldIndices(k)
		if len(ci) != 1 {
			return nil, fmt.Errorf("sort key %q: not a column", k)
		}
		c, err := comparator(rec.Column(ci[0]))
		if err != nil {
			return nil, fmt.Errorf("sort key %q: %w", k, err)
		}
		cmps = append(cmps, c)
	}
	sort.SliceStable(idx, func(a, b int) bool {
		for _, c := range cmps {
			if r := c(idx[a], idx[b]); r != 0 {
				return r < 0
			}
		}
		return false
	})
	return idx, nil
}

func comparator(col arrow.Array) (func(i, j int) int, error) {
	nulls := func(i, j int) (int, bool) {
		ni, nj := col.IsNull(i), col.IsNull(j)
		switch {
		case ni && nj:
			return 0, true
		case ni:
			return -1, true
		case nj:
			return 1, true
		}
		return 0, false
	}
	var less func(i, j int) int
	switch a := col.(type) {
	case *array.String:
		s := catalog.Strings(col)
		less = func(i, j int) int { return cmp3(s[i] < s[j], s[i] > s[j]) }
	case *array.Dictionary:
		// Compare the dictionary values' ranks: each value is compared once.
		codes, values := catalog.Codes(col)
		order := make([]int32, len(values))
		for i := range order {
			order[i] = int32(i)
		}
		sort.SliceStable(order, func(i, j int) bool { return values[order[i]] < values[order[j]] })
		rank := make([]int32, len(values))
		for r, v := range order {
			if r > 0 && values[v] == values[order[r-1]] {
				rank[v] = rank[order[r-1]]
			} else {
				rank[v] = int32(r)
			}
		}
		less = func(i, j int) int {
			ri, rj := rank[max(codes[i], 0)], rank[max(codes[j], 0)]
			return cmp3(ri < rj, ri > rj)
		}
	case *array.Int32:
		less = func(i, j int) int { return cmp3(a.Value(i) < a.Value(j), a.Value(i) > a.Value(j)) }
	case *array.Int64:
		less = func(i, j int) int { return cmp3(a.Value(i) < a.Value(j), a.Value(i) > a.Value(j)) }
	case *array.Float64:
		less = func(i, j int) int { return cmp3(a.Value(i) < a.Value(j), a.Value(i) > a.Value(j)) }
	case *array.Boolean:
		less = func(i, j int) int { return cmp3(!a.Value(i) && a.Value(j), a.Value(i) && !a.Value(j)) }
	case *array.Date32:
		less = func(i, j int) int { return cmp3(a.Value(i) < a.Value(j), a.Value(i) > a.Value(j)) }
	case *array.Timestamp:
		less = func(i, j int) int { return cmp3(a.Value(i) < a.Value(j), a.Value(i) > a.Value(j)) }
	default:
		return nil, fmt.Errorf("type %s is not supported", col.DataType())
	}
	return func(i, j int) int {
		if r, ok := nulls(i, j); ok {
			return r
		}
		return less(i, j)
	}, nil
}

func cmp3(lt, gt bool) int {
	switch {
	case lt:
		return -1
	case gt:
		return 1
	}
	return 0
}

// dropColumn returns rec without the named column (sharing the others).
// The caller releases the result.
func dropColumn(rec arrow.Record, name string) arrow.Record {
	var fields []arrow.Field
	var cols []arrow.Array
	for i, f := range rec.Schema().Fields() {
		if f.Name == name {
			continue
		}
		fields = append(fields, f)
		cols = append(cols, rec.Column(i))
	}
	md := rec.Schema().Metadata()
	return array.NewRecordBatch(arrow.NewSchema(fields, &md), cols, rec.NumRows())
}

// column returns the named column of rec, or nil.
func column(rec arrow.Record, name string) arrow.Array {
	idx := rec.Schema().FieldIndices(name)
	if len(idx) != 1 {
		return nil
	}
	return rec.Column(idx[0])
}

// cellKind tells how a cell is written in JSON: quoted text, a bare number
// or boolean, or null.
type cellKind int

const (
	cellNull cellKind = iota
	cellString
	cellBare
)

// cell is the text of one value as the CSV and JSON copies write it: dates
// as YYYY-MM-DD, timestamps as RFC 3339 UTC, numbers in their shortest
// exact decimal form, booleans as true/false.
func cell(col arrow.Array, i int) (string, cellKind) {
	if col.IsNull(i) {
		return "", cellNull
	}
	switch a := col.(type) {
	case *array.String:
		return a.Value(i), cellString
	case *array.Dictionary:
		return a.Dictionary().(*array.String).Value(a.GetValueIndex(i)), cellString
	case *array.Int32:
		return strconv.FormatInt(int64(a.Value(i)), 10), cellBare
	case *array.Int64:
		return strconv.FormatInt(a.Value(i), 10), cellBare
	case *array.Float64:
		v := a.Value(i)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return "", cellNull
		}
		return strconv.FormatFloat(v, 'g', -1, 64), cellBare
	case *array.Boolean:
		return strconv.FormatBool(a.Value(i)), cellBare
	case *array.Date32:
		return a.Value(i).ToTime().Format(time.DateOnly), cellString
	case *array.Timestamp:
		unit := a.DataType().(*arrow.TimestampType).Unit
		return a.Value(i).ToTime(unit).UTC().Format(time.RFC3339Nano), cellString
	}
	return col.ValueStr(i), cellString
}

// typeName is a column's type as the data card and the manifest give it.
func typeName(t arrow.DataType) string {
	switch t := t.(type) {
	case *arrow.DictionaryType:
		return typeName(t.ValueType)
	case *arrow.StringType:
		return "string"
	case *arrow.Int32Type:
		return "int32"
	case *arrow.Int64Type:
		return "int64"
	case *arrow.Float64Type:
		return "double"
	case *arrow.BooleanType:
		return "boolean"
	case *arrow.Date32Type:
		return "date"
	case *arrow.TimestampType:
		return "timestamp (UTC, µs)"
	}
	return t.String()
}
