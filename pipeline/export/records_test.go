package export

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// recordsFixture is a record with the key types the dataset sorts by: a
// dictionary column whose dictionary is neither sorted nor free of
// repeated values, a date, a nullable string, and a row number (never a
// key: it shows the order of ties).
func recordsFixture(t *testing.T, mem memory.Allocator, n int) arrow.Record {
	t.Helper()
	dictType := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "category", Type: dictType, Nullable: true},
		{Name: "release_date", Type: arrow.FixedWidthTypes.Date32},
		{Name: "tool_id", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "row", Type: arrow.PrimitiveTypes.Int64},
	}, nil)
	// "b" twice in the dictionary: codes 1 and 3 must sort together.
	db := array.NewStringBuilder(mem)
	db.AppendValues([]string{"c", "b", "a", "b", ""}, nil)
	dict := db.NewArray()
	db.Release()
	defer dict.Release()
	r := rand.New(rand.NewPCG(1, 2))
	ib := array.NewInt32Builder(mem)
	defer ib.Release()
	dates := array.NewDate32Builder(mem)
	defer dates.Release()
	ids := array.NewStringBuilder(mem)
	defer ids.Release()
	rows := array.NewInt64Builder(mem)
	defer rows.Release()
	for i := 0; i < n; i++ {
		if r.IntN(7) == 0 {
			ib.AppendNull()
		} else {
			ib.Append(int32(r.IntN(5)))
		}
		dates.Append(arrow.Date32(r.IntN(3)))
		if r.IntN(5) == 0 {
			ids.AppendNull()
		} else {
			ids.Append(fmt.Sprint("t", r.IntN(4)))
		}
		rows.Append(int64(i))
	}
	codes := ib.NewArray()
	defer codes.Release()
	cat := array.NewDictionaryArray(dictType, codes, dict)
	defer cat.Release()
	cols := []arrow.Array{cat, dates.NewArray(), ids.NewArray(), rows.NewArray()}
	defer func() {
		for _, c := range cols[1:] {
			c.Release()
		}
	}()
	return array.NewRecordBatch(schema, cols, int64(n))
}

// oracleOrder is the order sortedIndices must give, by a plain stable sort
// over the decoded values (nulls first): the test oracle.
func oracleOrder(rec arrow.Record, keys []string) []int {
	type key struct {
		null bool
		v    string
	}
	value := func(col arrow.Array, i int) key {
		if col.IsNull(i) {
			return key{null: true}
		}
		if d, ok := col.(*array.Dictionary); ok {
			return key{v: d.Dictionary().(*array.String).Value(d.GetValueIndex(i))}
		}
		if s, ok := col.(*array.String); ok {
			return key{v: s.Value(i)}
		}
		return key{v: fmt.Sprintf("%012d", col.(*array.Date32).Value(i))}
	}
	idx := make([]int, rec.NumRows())
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		for _, k := range keys {
			col := column(rec, k)
			x, y := value(col, a), value(col, b)
			switch {
			case x.null && y.null:
				continue
			case x.null:
				return -1
			case y.null:
				return 1
			case x.v != y.v:
				if x.v < y.v {
					return -1
				}
				return 1
			}
		}
		return 0
	})
	return idx
}

func TestSortedIndicesAndTake(t *testing.T) {
	for _, tt := range []struct {
		name string
		rows int
		keys []string
	}{
		{"dictionary key with repeated and empty values", 200, []string{"category"}},
		{"three keys, ties kept in row order", 500, []string{"release_date", "category", "tool_id"}},
		{"nullable string key", 100, []string{"tool_id"}},
		{"no keys", 10, nil},
		{"no rows", 0, []string{"release_date", "category"}},
		{"one row", 1, []string{"category"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			rec := recordsFixture(t, mem, tt.rows)
			defer rec.Release()
			idx, err := sortedIndices(rec, tt.keys)
			if err != nil {
				t.Fatal(err)
			}
			if want := oracleOrder(rec, tt.keys); !slices.Equal(idx, want) {
				t.Fatalf("order\n%v\nwant\n%v", idx, want)
			}
			taken, err := takeRecord(mem, rec, idx)
			if err != nil {
				t.Fatal(err)
			}
			defer taken.Release()
			if !taken.Schema().Equal(rec.Schema()) || taken.NumRows() != int64(len(idx)) {
				t.Fatalf("taken %v", taken)
			}
			for j, i := range idx {
				for c := range rec.Columns() {
					if got, want := taken.Column(c).ValueStr(j), rec.Column(c).ValueStr(i); got != want || taken.Column(c).IsNull(j) != rec.Column(c).IsNull(i) {
						t.Fatalf("row %d column %s: %q, want %q (row %d)", j, rec.ColumnName(c), got, want, i)
					}
				}
			}
		})
	}
}

func TestSortedIndicesUnknownKey(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := recordsFixture(t, mem, 3)
	defer rec.Release()
	if _, err := sortedIndices(rec, []string{"release_date", "nope"}); err == nil {
		t.Fatal("no error for a key that is not a column")
	}
}

// TestLayoutSize: a plain column's size for row groups is the same whether
// a builder reserved for its rows made it (as the hand-written take did: a
// bitmap sized by capacity) or compute's take did (an exact bitmap, or none
// without nulls), so the row groups stay where they were.
func TestLayoutSize(t *testing.T) {
	for _, n := range []int{16, 31, 32, 33, 100, 128, 1000, 1024, 70000} {
		for _, nulls := range []bool{false, true} {
			t.Run(fmt.Sprint(n, nulls), func(t *testing.T) {
				mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
				defer mem.AssertSize(t, 0)
				schema := arrow.NewSchema([]arrow.Field{
					{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
					{Name: "i", Type: arrow.PrimitiveTypes.Int64, Nullable: true},
					{Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
					{Name: "d", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
				}, nil)
				b := array.NewRecordBuilder(mem, schema)
				defer b.Release()
				b.Reserve(n) // as the hand-written take did
				for i := 0; i < n; i++ {
					if nulls && i%3 == 1 {
						for _, f := range b.Fields() {
							f.AppendNull()
						}
						continue
					}
					b.Field(0).(*array.StringBuilder).Append(fmt.Sprint(i))
					b.Field(1).(*array.Int64Builder).Append(int64(i))
					b.Field(2).(*array.BooleanBuilder).Append(i%2 == 0)
					b.Field(3).(*array.Date32Builder).Append(arrow.Date32(i))
				}
				rec := b.NewRecordBatch()
				defer rec.Release()
				idx := make([]int, n)
				for i := range idx {
					idx[i] = n - 1 - i
				}
				taken, err := takeRecord(mem, rec, idx)
				if err != nil {
					t.Fatal(err)
				}
				defer taken.Release()
				for c := range rec.Columns() {
					built := rec.Column(c)
					if got, want := layoutSize(built), int64(built.Data().SizeInBytes()); got != want {
						t.Errorf("column %s built: %d, want its size in memory %d", rec.ColumnName(c), got, want)
					}
					if got, want := layoutSize(taken.Column(c)), layoutSize(built); got != want {
						t.Errorf("column %s taken: %d, built: %d", rec.ColumnName(c), got, want)
					}
				}
			})
		}
	}
}
