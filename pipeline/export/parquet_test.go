package export

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/schema"

	"github.com/landscapehq/landscape/internal/parquettest"
)

// TestWriteParquetTypesAndRowGroups: a timestamp without a zone is written
// as TIMESTAMP(isAdjustedToUTC, µs), not INT96; dates as DATE; RowGroupBytes
// splits a large record; dictionary columns keep "" in their statistics.
func TestWriteParquetTypesAndRowGroups(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	sc := arrow.NewSchema([]arrow.Field{
		{Name: "at", Type: &arrow.TimestampType{Unit: arrow.Second}},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32},
		{Name: "cat", Type: historyField("category").Type},
	}, nil)
	b := array.NewRecordBuilder(mem, sc)
	defer b.Release()
	const n = 5000
	t0 := time.Date(2026, 6, 30, 12, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		b.Field(0).(*array.TimestampBuilder).Append(arrow.Timestamp(t0.Unix() + int64(i)))
		b.Field(1).(*array.Date32Builder).Append(arrow.Date32FromTime(t0))
		cat := []string{"", "b", "c"}[i%3]
		if err := b.Field(2).(*array.BinaryDictionaryBuilder).AppendString(cat); err != nil {
			t.Fatal(err)
		}
	}
	rec := b.NewRecordBatch()
	defer rec.Release()
	data, err := WriteParquet(mem, rec, ParquetOptions{RowGroupBytes: 1, AutoDictionary: true, SortingColumns: []string{"day"}})
	if err != nil {
		t.Fatal(err)
	}
	r, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	at := r.MetaData().Schema.Column(0)
	ts, ok := at.LogicalType().(schema.TimestampLogicalType)
	if !ok || !ts.IsAdjustedToUTC() || ts.TimeUnit() != schema.TimeUnitMicros || at.PhysicalType().String() != "INT64" {
		t.Errorf("timestamp column: %s %s", at.PhysicalType(), at.LogicalType())
	}
	if lt := r.MetaData().Schema.Column(1).LogicalType().String(); lt != "Date" {
		t.Errorf("date column: %s", lt)
	}
	if r.NumRowGroups() < 2 {
		t.Errorf("%d row groups for %d rows with a 1-byte target", r.NumRowGroups(), n)
	}
	cc, err := r.MetaData().RowGroup(0).ColumnChunk(2)
	if err != nil {
		t.Fatal(err)
	}
	st, err := cc.Statistics()
	if err != nil || st == nil || !st.HasMinMax() {
		t.Fatalf("cat: no min/max (%v)", err)
	}
	if min := st.EncodeMin(); len(min) != 0 {
		t.Errorf("cat: min %q, want the empty string", min)
	}
	tbl, err := parquettest.Read(mem, writeTemp(t, data))
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != n {
		t.Errorf("%d rows read back", tbl.NumRows())
	}
	if tz := tbl.Schema().Field(0).Type.(*arrow.TimestampType).TimeZone; tz != "UTC" {
		t.Errorf("timestamp zone read back: %q", tz)
	}
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	p := t.TempDir() + "/x.parquet"
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
