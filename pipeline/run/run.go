// Package run wires the stages into the jobs the commands do: Load reads a
// catalog folder through every stage up to the analyses (read → catalog →
// identity → analyze); Analyze then writes every output of each catalog —
// report, charts, Parquet — into out/<catalog>/, atomically.
package run

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// Load reads a catalog folder and analyses it. The caller releases
// res.History.
//
// Releases are read one at a time (read.Stream) into the history builder,
// which keeps each distinct listing once: memory follows the catalog and its
// changes, not the number of releases.
func Load(mem memory.Allocator, dir string, ro read.Options, progress ProgressFunc) (*analyze.Result, error) {
	l, err := load(mem, dir, ro, progress, "")
	if err != nil {
		return nil, err
	}
	return l.res, nil
}

// loaded is a catalog read and analysed, with the cache a later run on the
// same output resumes from (see CacheDir).
type loaded struct {
	res   *analyze.Result
	cache []byte // the read cache file; nil when it could not be made
	// resumed counts the release files taken from the previous output's
	// cache rather than read.
	resumed int
	// parts are the dataset's partition files, made while the history was
	// analysed (export.PreparePartitions); nil when load had no output to
	// write them to.
	parts *export.Prepared
}

// load is Load, resuming the read from the cache in the output folder prev
// (OUT/<name>/ of an earlier run; "" for none) where it still holds.
func load(mem memory.Allocator, dir string, ro read.Options, progress ProgressFunc, prev string) (*loaded, error) {
	name, err := CatalogName(dir)
	if err != nil {
		return nil, err
	}
	aliases, err := identity.LoadAliases(dir)
	if err != nil {
		return nil, err
	}
	tax, err := taxonomy.LoadOverrides(dir)
	if err != nil {
		return nil, err
	}
	paths, err := read.ReleasePaths(dir)
	if err != nil {
		return nil, err
	}
	manifest, err := read.Manifest(dir)
	if err != nil {
		return nil, err
	}
	files, ferr := fileStates(paths, manifest) // ferr: no cache this time
	b := catalog.NewBuilder(name)
	var from read.Resume
	var skippedWarns catalog.Diagnostics
	if ferr == nil {
		if c := loadReadCache(prev, dir, ro, files); c != nil {
			b = c.builder
			from = read.Resume{Files: len(c.header.Files), Releases: b.ReleaseList()}
			skippedWarns = c.header.Warnings
		}
	}
	total := len(paths) - from.Files
	var last time.Time
	done := 0
	warns, err := read.StreamFrom(dir, ro, from, func(s *catalog.Snapshot) error {
		done++
		if progress != nil && time.Since(last) >= progressInterval {
			last = time.Now()
			progress.report(name, "read", done, total)
		}
		return b.Add(s)
	})
	if err != nil {
		return nil, err
	}
	warns = append(skippedWarns, warns...)
	l := &loaded{resumed: from.Files}
	// The cache is encoded while the history is built from the same
	// builder (both only read it) and analysed.
	saved := make(chan error, 1)
	if ferr == nil && len(paths) > 0 {
		hdr := readCacheHeader{Version: cacheVersion, Dir: dir, Options: readOptionsKey(ro), Files: files, Warnings: warns}
		go func(b *catalog.Builder) {
			var err error
			l.cache, err = encodeReadCache(hdr, b)
			saved <- err
		}(b)
	} else {
		saved <- nil
	}
	h, err := b.Build(mem)
	b = nil
	if err != nil {
		<-saved
		if h != nil {
			h.Release()
		}
		return nil, err
	}
	h.Warnings = append(warns, h.Warnings...)
	// For an output (prev), the dataset's partition files follow from the
	// history alone: they are made beside the analyses.
	var during func(*catalog.History)
	if prev != "" {
		during = func(h *catalog.History) { l.parts = export.PreparePartitions(mem, h, loadPartitions(prev)) }
	}
	l.res, err = fromHistory(mem, h, Overrides{Aliases: aliases, Taxonomy: tax}, progress, during)
	if serr := <-saved; err == nil {
		err = serr
	}
	if err != nil {
		if l.res != nil {
			l.res.Release()
		}
		return nil, err
	}
	return l, nil
}

// Overrides are a user's decisions that win over inference; either may be nil.
type Overrides struct {
	Aliases  *identity.Aliases
	Taxonomy *taxonomy.Overrides
}

// FromSnapshots runs the stages after reading: catalog → identity →
// taxonomy → analyze.
func FromSnapshots(mem memory.Allocator, name string, snaps []*catalog.Snapshot, ov Overrides) (*analyze.Result, error) {
	h, err := catalog.NewHistory(mem, name, snaps)
	if err != nil {
		return nil, err
	}
	return FromHistory(mem, h, ov)
}

// FromHistory runs the stages after the history is built: identity →
// taxonomy → analyze. It releases h.
func FromHistory(mem memory.Allocator, h *catalog.History, ov Overrides) (*analyze.Result, error) {
	return fromHistory(mem, h, ov, nil, nil)
}

// fromHistory is FromHistory reporting progress. during, when not nil, is
// given the history the analyses read (identities and canonical categories
// filled in) and runs beside them: fromHistory returns when both are done.
func fromHistory(mem memory.Allocator, h *catalog.History, ov Overrides, progress ProgressFunc, during func(*catalog.History)) (*analyze.Result, error) {
	defer h.Release()
	progress.report(h.Name, "identity", 0, 0)
	resolved, err := identity.Apply(mem, h, ov.Aliases)
	if err != nil {
		return nil, err
	}
	defer resolved.Release()
	progress.report(h.Name, "taxonomy", 0, 0)
	aligned, tax, err := taxonomy.Canonical(mem, resolved, ov.Taxonomy)
	if err != nil {
		return nil, err
	}
	progress.report(h.Name, "analyze", 0, 0)
	var wg sync.WaitGroup
	if during != nil {
		wg.Go(func() { during(aligned) })
	}
	res := analyze.Run(aligned, tax)
	wg.Wait()
	return res, nil
}

// CatalogName is the name of a catalog folder (its base name), checked to be
// safe as a file name.
func CatalogName(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	name := filepath.Base(abs)
	if err := SafeName(name); err != nil {
		return "", fmt.Errorf("%s: catalog name %w", dir, err)
	}
	return name, nil
}

// SafeName refuses names that cannot be a single, plain file name: empty,
// ".", "..", separators, control characters.
func SafeName(name string) error {
	if name == "" || name == "." || name == ".." {
		return fmt.Errorf("%q is not a usable name", name)
	}
	for _, r := range name {
		if r == '/' || r == '\\' || r < 0x20 || r == 0x7f {
			return fmt.Errorf("%q holds a separator or control character", name)
		}
	}
	return nil
}
