package catalog

import (
	"fmt"
	"reflect"
	"strings"
	"time"
	"unsafe"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/array/arreflect"
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
//
// The columns are built by arrow-go's arreflect (FromSlice), one column at a
// time. arreflect's own struct mapping (RecordFromSlice) cannot read these
// rows: it takes every exported field (ours are columns only when tagged),
// rejects the ",nullable" option, knows nulls only as nil pointers (ours are
// "" and the zero time) and makes a time.Time a timestamp unless the tag says
// ",date32". This adapter reads our tags, hands each column to arreflect as a
// []V, or a []*V with nil for null, with WithDict or WithTemporal("date32"),
// and takes each field's type from the array arreflect built.
func StructsToRecord[T any](mem memory.Allocator, rows []T) (arrow.Record, map[string]string) {
	typ := reflect.TypeFor[T]()
	vals := reflect.ValueOf(rows)
	var fields []arrow.Field
	var cols []arrow.Array
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	docs := map[string]string{}
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		tag, ok := f.Tag.Lookup("arrow")
		if !ok {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		var dict, nullable bool
		for _, o := range strings.Split(opts, ",") {
			switch o {
			case "dict":
				dict = true
			case "nullable":
				nullable = true
			}
		}
		var arr arrow.Array
		var err error
		switch f.Type {
		case reflect.TypeFor[string]():
			var o []arreflect.Option
			if dict {
				o = append(o, arreflect.WithDict())
			}
			arr, err = column(mem, vals, i, nullable, func(s string) bool { return s == "" }, o...)
		case reflect.TypeFor[time.Time]():
			arr, err = column(mem, vals, i, nullable, time.Time.IsZero, arreflect.WithTemporal("date32"))
		case reflect.TypeFor[int]():
			arr, err = column[int](mem, vals, i, false, nil)
		case reflect.TypeFor[int64]():
			arr, err = column[int64](mem, vals, i, false, nil)
		case reflect.TypeFor[int32]():
			arr, err = column[int32](mem, vals, i, false, nil)
		case reflect.TypeFor[float64]():
			arr, err = column[float64](mem, vals, i, false, nil)
		case reflect.TypeFor[bool]():
			arr, err = column[bool](mem, vals, i, false, nil)
		default:
			err = fmt.Errorf("unsupported type %s", f.Type)
		}
		if err != nil {
			panic(fmt.Sprintf("StructsToRecord: field %s: %v", f.Name, err))
		}
		cols = append(cols, arr)
		fields = append(fields, arrow.Field{Name: name, Type: arr.DataType(), Nullable: nullable})
		docs[name] = f.Tag.Get("doc")
	}
	return array.NewRecordBatch(arrow.NewSchema(fields, nil), cols, int64(len(rows))), docs
}

// column builds field i of every row with arreflect.FromSlice: from a []V, or
// when nullable from a []*V holding nil where isNull says so. The field is
// read in place (its offset in the slice's elements), not through
// reflect.Value.Interface, which allocates for every cell.
func column[V any](mem memory.Allocator, rows reflect.Value, i int, nullable bool, isNull func(V) bool, opts ...arreflect.Option) (arrow.Array, error) {
	n := rows.Len()
	if rows.Type().Elem().Field(i).Type != reflect.TypeFor[V]() {
		panic("StructsToRecord: field type mismatch")
	}
	var base unsafe.Pointer
	if n > 0 {
		base = rows.Index(0).Field(i).Addr().UnsafePointer()
	}
	stride := rows.Type().Elem().Size()
	at := func(r int) *V { return (*V)(unsafe.Add(base, uintptr(r)*stride)) }
	if !nullable {
		vals := make([]V, n)
		for r := range vals {
			vals[r] = *at(r)
		}
		return arreflect.FromSlice(vals, mem, opts...)
	}
	vals, store := make([]*V, n), make([]V, n)
	for r := range vals {
		if store[r] = *at(r); !isNull(store[r]) {
			vals[r] = &store[r]
		}
	}
	return arreflect.FromSlice(vals, mem, opts...)
}

// NewTable builds a named Table from structs (see StructsToRecord).
func NewTable[T any](mem memory.Allocator, name string, rows []T) *Table {
	rec, docs := StructsToRecord(mem, rows)
	return &Table{Name: name, Record: rec, Docs: docs}
}
