package catalog

import (
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// Table is a named Arrow record produced by an analysis, with a one-line
// description per column for data cards.
type Table struct {
	Name   string
	Record arrow.Record
	Docs   map[string]string // column name → meaning
}

// Release releases the record.
func (t *Table) Release() {
	if t.Record != nil {
		t.Record.Release()
		t.Record = nil
	}
}

// StructsToRecord builds an Arrow record from a slice of structs. Each
// exported field with an `arrow:"name[,dict][,nullable]"` tag is a column;
// `doc:"…"` gives its meaning. Supported field types: string, int, int32,
// int64, float64, bool, time.Time (date32). With ",dict" a string column is
// dictionary-encoded; with ",nullable" an empty string or a zero time is null.
func StructsToRecord[T any](mem memory.Allocator, rows []T) (arrow.Record, map[string]string) {
	var zero T
	typ := reflect.TypeOf(zero)
	type col struct {
		index    int
		dict     bool
		nullable bool
	}
	var fields []arrow.Field
	var cols []col
	docs := map[string]string{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		tag, ok := f.Tag.Lookup("arrow")
		if !ok {
			continue
		}
		parts := strings.Split(tag, ",")
		c := col{index: i}
		for _, p := range parts[1:] {
			switch p {
			case "dict":
				c.dict = true
			case "nullable":
				c.nullable = true
			}
		}
		var dt arrow.DataType
		switch f.Type {
		case reflect.TypeOf(""):
			dt = arrow.BinaryTypes.String
			if c.dict {
				dt = dictString
			}
		case reflect.TypeOf(0), reflect.TypeOf(int64(0)):
			dt = arrow.PrimitiveTypes.Int64
		case reflect.TypeOf(int32(0)):
			dt = arrow.PrimitiveTypes.Int32
		case reflect.TypeOf(0.0):
			dt = arrow.PrimitiveTypes.Float64
		case reflect.TypeOf(true):
			dt = arrow.FixedWidthTypes.Boolean
		case reflect.TypeOf(time.Time{}):
			dt = arrow.FixedWidthTypes.Date32
		default:
			panic(fmt.Sprintf("StructsToRecord: field %s has unsupported type %s", f.Name, f.Type))
		}
		fields = append(fields, arrow.Field{Name: parts[0], Type: dt, Nullable: c.nullable})
		cols = append(cols, c)
		docs[parts[0]] = f.Tag.Get("doc")
	}
	schema := arrow.NewSchema(fields, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Reserve(len(rows))
	for _, row := range rows {
		v := reflect.ValueOf(row)
		for j, c := range cols {
			fv := v.Field(c.index)
			fb := b.Field(j)
			switch x := fv.Interface().(type) {
			case string:
				if c.nullable && x == "" {
					fb.AppendNull()
				} else if c.dict {
					_ = fb.(*array.BinaryDictionaryBuilder).AppendString(x) // cannot fail for strings
				} else {
					fb.(*array.StringBuilder).Append(x)
				}
			case int:
				fb.(*array.Int64Builder).Append(int64(x))
			case int64:
				fb.(*array.Int64Builder).Append(x)
			case int32:
				fb.(*array.Int32Builder).Append(x)
			case float64:
				fb.(*array.Float64Builder).Append(x)
			case bool:
				fb.(*array.BooleanBuilder).Append(x)
			case time.Time:
				if c.nullable && x.IsZero() {
					fb.AppendNull()
				} else {
					fb.(*array.Date32Builder).Append(Date32(x))
				}
			}
		}
	}
	return b.NewRecordBatch(), docs
}

// NewTable builds a named Table from structs (see StructsToRecord).
func NewTable[T any](mem memory.Allocator, name string, rows []T) *Table {
	rec, docs := StructsToRecord(mem, rows)
	return &Table{Name: name, Record: rec, Docs: docs}
}
