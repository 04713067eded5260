// Package export writes analysis results for people and programs: Parquet
// tables (zstd, dictionary encoding, statistics, page index), the Markdown
// report, JSON summaries and CSV copies. It takes catalog.Tables and analysis
// results and gives files; it never reads release files.
package export

import (
	"bytes"
	"fmt"
	"os"
	"sort"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

// ParquetOptions are the writer settings every file shares.
type ParquetOptions struct {
	// Metadata is written as the file's key-value metadata (sorted by key).
	Metadata map[string]string
	// RowGroupRows caps a row group; 0 means 128 Ki rows.
	RowGroupRows int64
}

// GeneratorVersion names this program in files it writes.
const GeneratorVersion = "landscape 0.1.0"

// WriteParquet encodes a record as a Parquet file in memory.
func WriteParquet(mem memory.Allocator, rec arrow.Record, o ParquetOptions) ([]byte, error) {
	rows := o.RowGroupRows
	if rows <= 0 {
		rows = 128 << 10
	}
	props := parquet.NewWriterProperties(
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(3),
		parquet.WithDictionaryDefault(true),
		parquet.WithStats(true),
		parquet.WithPageIndexEnabled(true),
		parquet.WithMaxRowGroupLength(rows),
		parquet.WithCreatedBy(GeneratorVersion),
		parquet.WithVersion(parquet.V2_6),
	)
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem), pqarrow.WithStoreSchema())
	md := arrow.NewMetadata(sortedKV(o.Metadata))
	schema := arrow.NewSchema(rec.Schema().Fields(), &md)
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(schema, &buf, props, arrProps)
	if err != nil {
		return nil, err
	}
	rec2 := array.NewRecordBatch(schema, rec.Columns(), rec.NumRows())
	defer rec2.Release()
	if err := w.WriteBuffered(rec2); err != nil {
		w.Close()
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// ReadParquet reads a Parquet file back into one Arrow table (tests and
// verification). The caller releases it.
func ReadParquet(mem memory.Allocator, path string) (arrow.Table, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(data), file.WithReadProps(parquet.NewReaderProperties(mem)))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, mem)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return fr.ReadTable(nil)
}
