package export

import (
	"os"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestTmpEmpty(t *testing.T) {
	b := array.NewStringBuilder(memory.DefaultAllocator)
	vals := []string{"", "b", "c", "d", "e", "f"}
	b.AppendValues(vals, nil)
	col := b.NewArray()
	db := array.NewBuilder(memory.DefaultAllocator, dictString).(*array.BinaryDictionaryBuilder)
	eb := array.NewBuilder(memory.DefaultAllocator, dictString).(*array.BinaryDictionaryBuilder)
	for _, v := range vals {
		db.AppendString(v)
		eb.AppendString("")
	}
	dcol := db.NewArray()
	ecol := eb.NewArray()
	rec := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String}, {Name: "d", Type: dictString}, {Name: "e", Type: dictString}}, nil), []arrow.Array{col, dcol, ecol}, int64(len(vals)))
	data, err := WriteParquet(memory.DefaultAllocator, rec, ParquetOptions{AutoDictionary: true})
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/empty.parquet", data, 0o644)
}
