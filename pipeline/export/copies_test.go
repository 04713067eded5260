package export

import (
	"bytes"
	"math"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// copiesFixture has a column of every type the dataset's tables hold, each
// with a null (where nullable) and the values whose text differs between
// writers: formulas and control characters, NaN and infinities, large and
// small doubles, a dictionary, a timestamp.
func copiesFixture(t *testing.T, mem memory.Allocator) arrow.Record {
	t.Helper()
	dictType := &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	ts := &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "name", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "kind", Type: dictType, Nullable: true},
		{Name: "n32", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "n64", Type: arrow.PrimitiveTypes.Int64},
		{Name: "share", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "open", Type: arrow.FixedWidthTypes.Boolean, Nullable: true},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
		{Name: "at", Type: ts, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	valid := []bool{true, true, true, true, true, true, false}
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"=SUM(A1)", "-12.5", "a,b \"q\"", "tab\there", "<b>&amp;</b> é", " lead", ""}, valid)
	kb := b.Field(1).(*array.BinaryDictionaryBuilder)
	for _, k := range []string{"added", "+moved", "added", "", "removed", "@x"} {
		_ = kb.AppendString(k)
	}
	kb.AppendNull()
	b.Field(2).(*array.Int32Builder).AppendValues([]int32{1, -2, 3, 0, 2147483647, -2147483648, 0}, valid)
	b.Field(3).(*array.Int64Builder).AppendValues([]int64{1 << 40, -1, 0, 7, 8, 9, 10}, nil)
	b.Field(4).(*array.Float64Builder).AppendValues([]float64{0.5, math.NaN(), math.Inf(1), 1234567, 0.00001, math.Copysign(0, -1), 0}, valid)
	b.Field(5).(*array.BooleanBuilder).AppendValues([]bool{true, false, true, false, true, false, false}, valid)
	b.Field(6).(*array.Date32Builder).AppendValues([]arrow.Date32{19813, 0, -1, 1, 2, 3, 0}, valid)
	b.Field(7).(*array.TimestampBuilder).AppendValues([]arrow.Timestamp{1711843200000000, 1711843200123456, 0, -1, 1, 2, 0}, valid)
	return b.NewRecordBatch()
}

// TestCopies: the CSV and JSON copies of every column type, byte for byte
// (the text these writers gave before arrow's CSV writer wrote the CSV).
func TestCopies(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	rec := copiesFixture(t, mem)
	defer rec.Release()
	gotCSV, err := encodeCSV(rec)
	if err != nil {
		t.Fatal(err)
	}
	const wantCSV = `name,kind,n32,n64,share,open,day,at
'=SUM(A1),added,1,1099511627776,0.5,true,2024-03-31,2024-03-31T00:00:00Z
-12.5,'+moved,-2,-1,,false,1970-01-01,2024-03-31T00:00:00.123456Z
"a,b ""q""",added,3,0,,true,1969-12-31,1970-01-01T00:00:00Z
tab here,,0,7,1.234567e+06,false,1970-01-02,1969-12-31T23:59:59.999999Z
<b>&amp;</b> é,removed,2147483647,8,1e-05,true,1970-01-03,1970-01-01T00:00:00.000001Z
" lead",'@x,-2147483648,9,-0,false,1970-01-04,1970-01-01T00:00:00.000002Z
,,,10,,,,
`
	if string(gotCSV) != wantCSV {
		t.Errorf("CSV\n%s\nwant\n%s", gotCSV, wantCSV)
	}
	const wantJSON = `[
{"name":"=SUM(A1)","kind":"added","n32":1,"n64":1099511627776,"share":0.5,"open":true,"day":"2024-03-31","at":"2024-03-31T00:00:00Z"},
{"name":"-12.5","kind":"+moved","n32":-2,"n64":-1,"share":null,"open":false,"day":"1970-01-01","at":"2024-03-31T00:00:00.123456Z"},
{"name":"a,b \"q\"","kind":"added","n32":3,"n64":0,"share":null,"open":true,"day":"1969-12-31","at":"1970-01-01T00:00:00Z"},
{"name":"tab\there","kind":"","n32":0,"n64":7,"share":1.234567e+06,"open":false,"day":"1970-01-02","at":"1969-12-31T23:59:59.999999Z"},
{"name":"<b>&amp;</b> é","kind":"removed","n32":2147483647,"n64":8,"share":1e-05,"open":true,"day":"1970-01-03","at":"1970-01-01T00:00:00.000001Z"},
{"name":" lead","kind":"@x","n32":-2147483648,"n64":9,"share":-0,"open":false,"day":"1970-01-04","at":"1970-01-01T00:00:00.000002Z"},
{"name":null,"kind":null,"n32":null,"n64":10,"share":null,"open":null,"day":null,"at":null}
]
`
	if got := string(encodeJSON(rec)); got != wantJSON {
		t.Errorf("JSON\n%s\nwant\n%s", got, wantJSON)
	}
}

// TestCopiesUpToCopyMaxRows: a table gets its CSV and JSON copies up to
// CopyMaxRows rows, and none past it (its Parquet file is the table).
func TestCopiesUpToCopyMaxRows(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	for _, tc := range []struct {
		rows   int
		copies bool
	}{{0, true}, {CopyMaxRows, true}, {CopyMaxRows + 1, false}} {
		b := array.NewInt64Builder(mem)
		for i := range tc.rows {
			b.Append(int64(i))
		}
		col := b.NewArray()
		b.Release()
		rec := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil), []arrow.Array{col}, int64(tc.rows))
		col.Release()
		e := encodeTable(mem, &dsTable{Name: "t", Rec: rec}, map[string]string{"landscape.table": "t"})
		rec.Release()
		if e.err != nil {
			t.Fatalf("%d rows: %v", tc.rows, e.err)
		}
		if len(e.parquet) == 0 {
			t.Errorf("%d rows: no Parquet", tc.rows)
		}
		if got := e.csv != nil && e.json != nil; got != tc.copies {
			t.Errorf("%d rows: copies %v, want %v", tc.rows, got, tc.copies)
		}
		if tc.copies && !bytes.HasPrefix(e.csv, []byte("n\n")) {
			t.Errorf("%d rows: CSV starts %q", tc.rows, e.csv[:min(len(e.csv), 10)])
		}
	}
}
