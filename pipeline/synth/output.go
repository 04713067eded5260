package synth

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/landscapehq/landscape/internal/atomicfile"
	"github.com/landscapehq/landscape/pipeline/canonical"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
)

// Stats describe what was generated.
type Stats struct {
	Releases int   `json:"releases"`
	Rows     int64 `json:"rows"`  // listings over all releases
	Tools    int   `json:"tools"` // distinct tool ids
	Files    int   `json:"files"` // release files written
}

// WriteCatalog writes one canonical release file per release into dir
// (created if missing), named by release date: a catalog folder that
// `landscape analyze` reads.
func WriteCatalog(dir string, o Options) (Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	var st Stats
	tools := map[string]bool{}
	err := Generate(o, func(r *Release) error {
		data, err := releaseFile(o.WithDefaults(), r)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, r.Snapshot.Release.File), data, 0o644); err != nil {
			return err
		}
		st.count(r, tools)
		st.Files++
		return nil
	})
	return st, err
}

func (st *Stats) count(r *Release, tools map[string]bool) {
	st.Releases++
	st.Rows += int64(len(r.Snapshot.Listings))
	for _, id := range r.ToolIDs {
		tools[id] = true
	}
	st.Tools = len(tools)
}

// releaseFile is release r as a canonical release file, written by
// pipeline/canonical. Each listing's line in it must be the line emit gave
// the listing (the history built in memory and the Parquet table carry
// those): emit lays the file out as canonical writes it, and a listing
// written elsewhere is an error.
func releaseFile(o Options, r *Release) ([]byte, error) {
	data, lines, err := canonical.MarshalLines(&r.Snapshot, canonical.Options{
		Comment: fmt.Sprintf("Synthetic landscape written by `landscape synth` (seed %d); do not edit by hand.", o.Seed)})
	if err != nil {
		return nil, err
	}
	for i, l := range r.Snapshot.Listings {
		if lines[i] != l.Line {
			return nil, fmt.Errorf("synth: %s: listing %q written at line %d, generated at line %d", r.Snapshot.Release.File, l.Name, lines[i], l.Line)
		}
	}
	return data, nil
}

// History builds the resolved history of o in memory: every column of the
// history schema, tool_id, joined_by and canonical_category filled. The
// caller releases it.
func History(mem memory.Allocator, name string, o Options) (*catalog.History, error) {
	var snaps []*catalog.Snapshot
	var ids, joins, canon []string
	err := Generate(o, func(r *Release) error {
		s := r.Snapshot
		s.Listings = cloneListings(r.Snapshot.Listings)
		snaps = append(snaps, &s)
		ids = append(ids, r.ToolIDs...)
		joins = append(joins, r.JoinedBy...)
		canon = append(canon, r.Canonical...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return build(mem, name, snaps, ids, joins, canon)
}

func cloneListings(ls []catalog.Listing) []catalog.Listing {
	out := make([]catalog.Listing, len(ls))
	copy(out, ls)
	stars := make([]int64, len(ls))
	for i := range out {
		if out[i].Stars != nil {
			stars[i] = *out[i].Stars
			out[i].Stars = &stars[i]
		}
	}
	return out
}

func build(mem memory.Allocator, name string, snaps []*catalog.Snapshot, ids, joins, canon []string) (*catalog.History, error) {
	h, err := catalog.NewHistory(mem, name, snaps)
	if err != nil {
		return nil, err
	}
	defer h.Release()
	withIDs, err := h.WithToolIDs(mem, ids, joins)
	if err != nil {
		return nil, err
	}
	defer withIDs.Release()
	return withIDs.WithCanonicalCategories(mem, canon)
}

// RowGroupRows is the row group size of WriteParquet: that of the history
// table `landscape analyze` writes (export.WriteParquet's default).
const RowGroupRows = 128 << 10

// WriteParquet writes the history table of o to w as Parquet, one row group
// of RowGroupRows rows at a time, with the writer settings of
// export.WriteParquet (zstd, dictionaries, statistics, page index,
// the Arrow schema stored) and its key-value metadata (table "history").
func WriteParquet(w io.Writer, name string, o Options) (Stats, error) {
	mem := memory.DefaultAllocator
	props := parquet.NewWriterProperties(
		parquet.WithAllocator(mem),
		parquet.WithCompression(compress.Codecs.Zstd),
		parquet.WithCompressionLevel(1),
		parquet.WithDictionaryDefault(true),
		parquet.WithDictionaryPageSizeLimit(1<<30), // as export.WriteParquet: no fallback to plain, deterministic footers
		parquet.WithStats(true),
		parquet.WithPageIndexEnabled(true),
		parquet.WithMaxRowGroupLength(RowGroupRows),
		parquet.WithCreatedBy(export.GeneratorVersion),
		parquet.WithVersion(parquet.V2_6),
	)
	arrProps := pqarrow.NewArrowWriterProperties(pqarrow.WithAllocator(mem), pqarrow.WithStoreSchema())
	opts, _ := json.Marshal(o.WithDefaults())
	md := arrow.NewMetadata(
		[]string{"landscape.catalog", "landscape.generator", "landscape.schema", "landscape.synth", "landscape.table"},
		[]string{name, export.GeneratorVersion, "1.0.0", string(opts), "history"})
	schema := arrow.NewSchema(catalog.HistorySchema.Fields(), &md)
	fw, err := pqarrow.NewFileWriter(schema, w, props, arrProps)
	if err != nil {
		return Stats{}, err
	}
	// The generator fills chunks of RowGroupRows rows; each chunk is built
	// into an Arrow record on its own goroutine, and records are written in
	// order as they are ready.
	type chunk struct {
		snaps             []*catalog.Snapshot
		ids, joins, canon []string
		rows              int
	}
	type built struct {
		h   *catalog.History
		err error
	}
	futures := make(chan chan built, 2)
	var werr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for f := range futures {
			b := <-f
			if werr == nil {
				werr = b.err
			}
			if b.h == nil {
				continue
			}
			if werr == nil {
				rec := array.NewRecordBatch(schema, b.h.Record.Columns(), b.h.Record.NumRows())
				werr = fw.Write(rec)
				rec.Release()
			}
			b.h.Release()
		}
	}()
	var (
		st    Stats
		tools = map[string]bool{}
		cur   = &chunk{}
	)
	flush := func() {
		if cur.rows == 0 {
			return
		}
		f := make(chan built, 1)
		futures <- f
		go func(c *chunk) {
			h, err := build(mem, name, c.snaps, c.ids, c.joins, c.canon)
			f <- built{h, err}
		}(cur)
		cur = &chunk{}
	}
	err = Generate(o, func(r *Release) error {
		st.count(r, tools)
		ls := r.Snapshot.Listings
		for off := 0; off < len(ls); {
			n := min(len(ls)-off, RowGroupRows-cur.rows)
			s := r.Snapshot
			s.Listings = cloneListings(ls[off : off+n])
			cur.snaps = append(cur.snaps, &s)
			cur.ids = append(cur.ids, r.ToolIDs[off:off+n]...)
			cur.joins = append(cur.joins, r.JoinedBy[off:off+n]...)
			cur.canon = append(cur.canon, r.Canonical[off:off+n]...)
			cur.rows += n
			off += n
			if cur.rows == RowGroupRows {
				flush()
			}
		}
		return nil
	})
	flush()
	close(futures)
	<-done
	if err == nil {
		err = werr
	}
	if cerr := fw.Close(); err == nil {
		err = cerr
	}
	return st, err
}

// WriteParquetFile writes the Parquet history table to path, whole or not
// at all (internal/atomicfile).
func WriteParquetFile(path, name string, o Options) (Stats, error) {
	var st Stats
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error {
		var err error
		st, err = WriteParquet(w, name, o)
		return err
	})
	return st, err
}
