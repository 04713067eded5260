package catalog

import (
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

type tableRow struct {
	Name    string    `arrow:"name" doc:"the name"`
	Group   string    `arrow:"group,dict" doc:"a dictionary column"`
	Owner   string    `arrow:"owner,dict,nullable" doc:"dictionary, empty is null"`
	Note    string    `arrow:"note,nullable" doc:"empty is null"`
	Count   int       `arrow:"count"`
	Big     int64     `arrow:"big"`
	Small   int32     `arrow:"small,nullable"`
	Share   float64   `arrow:"share"`
	Open    bool      `arrow:"open"`
	Day     time.Time `arrow:"day"`
	Gone    time.Time `arrow:"gone,nullable"`
	Skipped string    // no tag: not a column
	hidden  int       //nolint:unused // unexported: not a column
}

// TestStructsToRecord checks the schema (types, dictionary encoding,
// nullability), the values and nulls, and the docs, with and without rows.
func TestStructsToRecord(t *testing.T) {
	day := time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)
	rows := []tableRow{
		{Name: "a", Group: "g1", Owner: "o", Note: "n", Count: 1, Big: 1 << 40, Small: -3, Share: 0.5, Open: true, Day: day, Gone: day, Skipped: "x"},
		{Name: "", Group: "g2", Count: -2, Day: day.AddDate(0, 0, 1)},
		{Name: "c", Group: "g1", Owner: "o", Day: day},
	}
	wantSchema := arrow.NewSchema([]arrow.Field{
		{Name: "name", Type: arrow.BinaryTypes.String},
		{Name: "group", Type: dictString},
		{Name: "owner", Type: dictString, Nullable: true},
		{Name: "note", Type: arrow.BinaryTypes.String, Nullable: true},
		{Name: "count", Type: arrow.PrimitiveTypes.Int64},
		{Name: "big", Type: arrow.PrimitiveTypes.Int64},
		{Name: "small", Type: arrow.PrimitiveTypes.Int32, Nullable: true},
		{Name: "share", Type: arrow.PrimitiveTypes.Float64},
		{Name: "open", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "day", Type: arrow.FixedWidthTypes.Date32},
		{Name: "gone", Type: arrow.FixedWidthTypes.Date32, Nullable: true},
	}, nil)
	for _, tt := range []struct {
		name string
		rows []tableRow
	}{{"rows", rows}, {"empty", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			rec, docs := StructsToRecord(mem, tt.rows)
			defer rec.Release()
			if !rec.Schema().Equal(wantSchema) {
				t.Fatalf("schema\n%v\nwant\n%v", rec.Schema(), wantSchema)
			}
			if rec.NumRows() != int64(len(tt.rows)) {
				t.Fatalf("%d rows, want %d", rec.NumRows(), len(tt.rows))
			}
			if docs["name"] != "the name" || docs["note"] != "empty is null" || len(docs) != 11 {
				t.Errorf("docs %v", docs)
			}
			for i, r := range tt.rows {
				str := func(c int) string { return rec.Column(c).(*array.String).Value(i) }
				dict := func(c int) string {
					d := rec.Column(c).(*array.Dictionary)
					return d.Dictionary().(*array.String).Value(d.GetValueIndex(i))
				}
				if str(0) != r.Name || dict(1) != r.Group || str(3) != r.Note && r.Note != "" {
					t.Errorf("row %d strings: %v", i, rec)
				}
				if rec.Column(2).IsNull(i) != (r.Owner == "") || r.Owner != "" && dict(2) != r.Owner {
					t.Errorf("row %d owner: %v", i, rec.Column(2))
				}
				if rec.Column(3).IsNull(i) != (r.Note == "") {
					t.Errorf("row %d note nullity: %v", i, rec.Column(3))
				}
				if rec.Column(4).(*array.Int64).Value(i) != int64(r.Count) || rec.Column(5).(*array.Int64).Value(i) != r.Big ||
					rec.Column(6).(*array.Int32).Value(i) != r.Small || rec.Column(6).IsNull(i) {
					t.Errorf("row %d integers: %v %v %v", i, rec.Column(4), rec.Column(5), rec.Column(6))
				}
				if rec.Column(7).(*array.Float64).Value(i) != r.Share || rec.Column(8).(*array.Boolean).Value(i) != r.Open {
					t.Errorf("row %d share/open: %v %v", i, rec.Column(7), rec.Column(8))
				}
				if rec.Column(9).(*array.Date32).Value(i) != Date32(r.Day) {
					t.Errorf("row %d day: %v", i, rec.Column(9))
				}
				if rec.Column(10).IsNull(i) != r.Gone.IsZero() || !r.Gone.IsZero() && rec.Column(10).(*array.Date32).Value(i) != Date32(r.Gone) {
					t.Errorf("row %d gone: %v", i, rec.Column(10))
				}
			}
		})
	}
}
