package export

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/compute"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Record helpers of the dataset writer: sorting, taking rows, dropping a
// column and the text of a cell, over the column types our tables use
// (string, dictionary of strings, int32, int64, float64, bool, date32,
// timestamp).

// takeRecord returns the rows idx of rec, in that order, as a new record
// (arrow compute's "take"; a dictionary column takes its indexes and shares
// its dictionary). The caller releases it.
func takeRecord(mem memory.Allocator, rec arrow.Record, idx []int) (arrow.Record, error) {
	b := array.NewInt64Builder(mem)
	defer b.Release()
	b.Reserve(len(idx))
	for _, i := range idx {
		b.UnsafeAppend(int64(i))
	}
	indices := b.NewArray()
	defer indices.Release()
	ctx := compute.WithAllocator(context.Background(), mem)
	out, err := compute.Take(ctx, *compute.DefaultTakeOptions(), compute.NewDatumWithoutOwning(rec), compute.NewDatumWithoutOwning(indices))
	if err != nil {
		return nil, err
	}
	defer out.Release()
	taken := out.(*compute.RecordDatum).Value
	taken.Retain()
	return taken, nil
}

// sortedIndices is the stable order of rec's rows by the named columns,
// ascending, nulls first (arrow compute's "sort_indices", which is stable).
// The kernel cannot sort a dictionary column, so such a key is decoded to its
// strings first ("take" of the dictionary by the indexes): the order is that
// of the values, as Parquet readers see them.
func sortedIndices(rec arrow.Record, keys []string) ([]int, error) {
	if len(keys) == 0 || rec.NumRows() == 0 {
		idx := make([]int, rec.NumRows())
		for i := range idx {
			idx[i] = i
		}
		return idx, nil
	}
	ctx := context.Background()
	cols := make([]arrow.Array, 0, len(keys))
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	sortKeys := make([]compute.SortKey, len(keys))
	fields := make([]arrow.Field, len(keys))
	for k, name := range keys {
		col := column(rec, name)
		if col == nil {
			return nil, fmt.Errorf("sort key %q: not a column", name)
		}
		if d, ok := col.(*array.Dictionary); ok {
			decoded, err := compute.TakeArray(ctx, d.Dictionary(), d.Indices())
			if err != nil {
				return nil, fmt.Errorf("sort key %q: %w", name, err)
			}
			col = decoded
		} else {
			col.Retain()
		}
		cols = append(cols, col)
		fields[k] = arrow.Field{Name: name, Type: col.DataType(), Nullable: true}
		sortKeys[k] = compute.SortKey{ColumnIndex: k, Order: compute.SortOrderAscending, NullPlacement: compute.SortNullsAtStart}
	}
	keyRec := array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, rec.NumRows())
	defer keyRec.Release()
	order, err := compute.SortIndicesRecordBatch(ctx, keyRec, sortKeys)
	if err != nil {
		return nil, fmt.Errorf("sort by %q: %w", keys, err)
	}
	defer order.Release()
	u := order.(*array.Uint64).Uint64Values()
	idx := make([]int, len(u))
	for i, v := range u {
		idx[i] = int(v)
	}
	return idx, nil
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
