package read

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ReleasePaths lists the release files of a catalog folder in release order:
// by the date in their names, then by name. Files that are not release files
// (README.md, TAXONOMY.md, MANIFEST.tsv, aliases.yaml, taxonomy.yaml, dot
// files) are passed over: a release file is one whose name holds a date.
func ReleasePaths(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type file struct {
		path string
		date time.Time
	}
	var files []file
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		t, _, ok := DateFromName(e.Name())
		if !ok {
			continue
		}
		files = append(files, file{filepath.Join(dir, e.Name()), t})
	}
	sort.SliceStable(files, func(i, j int) bool {
		if !files[i].date.Equal(files[j].date) {
			return files[i].date.Before(files[j].date)
		}
		return files[i].path < files[j].path
	})
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	return paths, nil
}

// Stream reads the release files of a catalog folder one at a time, in
// release order (ReleasePaths), and calls fn with each snapshot; a snapshot
// is not kept after fn returns, so memory holds only the files being read
// ahead (a few per core). A MANIFEST.tsv beside the files gives each
// release its source commit and repository (see Manifest).
//
// Two files may share neither a release id nor a release date, and release
// dates must not go back in time from one file to the next. What happens to
// a file that breaks these rules or cannot be read (see File) depends on
// opts.Strict:
//
//   - lenient (the default): the file is skipped. Its problems become
//     warnings, with one more, "release skipped: …", and its neighbours are
//     delivered one after the other, so the gap is no release at all rather
//     than an empty one. When every file is skipped, the problems are
//     returned as errors.
//   - strict: every problem of every file is returned together, as
//     catalog.Diagnostics; once a file has failed, fn is not called again,
//     but the remaining files are still read for their problems.
//
// The first result holds warnings that belong to no snapshot (those of
// skipped files).
func Stream(dir string, opts Options, fn func(*catalog.Snapshot) error) (catalog.Diagnostics, error) {
	return StreamFrom(dir, opts, Resume{}, fn)
}

// Resume is where an earlier Stream of the same folder stopped, for a run
// that goes on from there (StreamFrom): the number of release paths it took
// (ReleasePaths, in order, skipped ones included) and the releases it
// delivered.
type Resume struct {
	Files    int
	Releases []catalog.Release
}

// StreamFrom is Stream for the release files after the first from.Files:
// they are checked against from.Releases (ids, dates and date order) as if
// those had just been delivered. The caller has made sure that the first
// files are those the earlier run read, unchanged.
func StreamFrom(dir string, opts Options, from Resume, fn func(*catalog.Snapshot) error) (catalog.Diagnostics, error) {
	opts = opts.WithBlockCache() // consecutive releases share most item blocks: parse each once
	paths, err := ReleasePaths(dir)
	if err != nil {
		return nil, err
	}
	if from.Files > len(paths) {
		return nil, fmt.Errorf("%s: %d release files, fewer than the %d read before", dir, len(paths), from.Files)
	}
	if len(paths) > 0 && from.Files == len(paths) {
		return nil, nil // nothing new
	}
	paths = paths[from.Files:]
	manifest, err := Manifest(dir)
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no release files; expected files named by their release date, YYYY-MM-DD or YYYY-MM (such as 2026-06-30.yaml)", dir)
	}
	type result struct {
		snap *catalog.Snapshot
		err  error
	}
	// Read ahead in parallel, deliver in order: slot i is filled by a worker
	// and taken here; at most `ahead` files are in flight.
	workers := min(runtime.GOMAXPROCS(0), len(paths))
	ahead := 2 * workers
	slots := make([]chan result, len(paths))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	stop := make(chan struct{})
	tokens := make(chan struct{}, ahead)
	go func() {
		defer close(next)
		for i := range paths {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	for range workers {
		go func() {
			for i := range next {
				s, err := File(paths[i], opts)
				slots[i] <- result{s, err}
			}
		}()
	}
	defer close(stop)

	var (
		diags     catalog.Diagnostics // strict: every problem; lenient: the warnings of skipped files
		skipped   catalog.Diagnostics // lenient: the problems of skipped files, as errors
		delivered = len(from.Releases)
		fnErr     error
		ids       = map[string]string{}
		dates     = map[time.Time]string{}
		last      *catalog.Release
	)
	for _, r := range from.Releases {
		ids[r.ID], dates[r.Date] = r.File, r.File
	}
	if n := len(from.Releases); n > 0 {
		cp := from.Releases[n-1]
		last = &cp
	}
	// fail records the problems of a file that cannot be a release.
	fail := func(path string, ds catalog.Diagnostics) {
		if opts.Strict {
			diags = append(diags, ds...)
			return
		}
		skipped = append(skipped, ds...)
		diags = append(diags, skipWarnings(path, ds)...)
	}
	for i := range paths {
		r := <-slots[i]
		<-tokens
		if r.err != nil {
			fail(paths[i], fileDiagnostics(paths[i], r.err))
			continue
		}
		rel := &r.snap.Release
		row, ok := manifest[filepath.Base(rel.File)]
		applyManifest(rel, row, ok)
		// Release ids name the releases, and release dates the dataset's
		// partitions: two files may share neither.
		if other, dup := ids[rel.ID]; dup {
			fail(rel.File, catalog.Diagnostics{catalog.Errorf(rel.File, 0, 0, "release id %s is also the id of %s; expected each release file to be a release of its own", rel.ID, other)})
			continue
		}
		if other, dup := dates[rel.Date]; dup {
			fail(rel.File, catalog.Diagnostics{catalog.Errorf(rel.File, 0, 0, "release date %s is also the date of %s; expected one release file per date", rel.Date.Format("2006-01-02"), other)})
			continue
		}
		if last != nil && rel.Date.Before(last.Date) {
			fail(rel.File, catalog.Diagnostics{catalog.Errorf(rel.File, 0, 0, "release date %s is before %s of %s, the file before it by name; expected release files named by their release date", rel.Date.Format("2006-01-02"), last.Date.Format("2006-01-02"), filepath.Base(last.File))})
			continue
		}
		ids[rel.ID], dates[rel.Date] = rel.File, rel.File
		cp := *rel
		last = &cp
		if diags.HasErrors() || fnErr != nil {
			continue // keep reading for the problems of the other files
		}
		delivered++
		fnErr = fn(opts.Exclude(r.snap))
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if fnErr != nil {
		return nil, fnErr
	}
	if delivered == 0 {
		// lenient, and every file was skipped
		return nil, skipped
	}
	return diags, nil
}

// fileDiagnostics turns the error of reading one file into diagnostics: a
// catalog.Diagnostics as it is, another error as one error naming the file.
func fileDiagnostics(path string, err error) catalog.Diagnostics {
	if ds, ok := err.(catalog.Diagnostics); ok {
		return ds
	}
	msg := err.Error()
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		msg = pe.Op + ": " + pe.Err.Error()
	}
	return catalog.Diagnostics{{File: path, Severity: catalog.SeverityError, Msg: strings.TrimPrefix(msg, path+": ")}}
}

// skipWarnings are the warnings of a file skipped in lenient mode: its
// problems as warnings, and "release skipped" with the first error.
func skipWarnings(path string, ds catalog.Diagnostics) catalog.Diagnostics {
	out := make(catalog.Diagnostics, 0, len(ds)+1)
	var first *catalog.Diagnostic
	errs := 0
	for _, d := range ds {
		if d.Severity == catalog.SeverityError {
			errs++
			if first == nil {
				first = &d
			}
			d.Severity = catalog.SeverityWarning
		}
		out = append(out, d)
	}
	why := "it cannot be read"
	if first != nil {
		why = first.Msg
		if first.Line > 0 {
			why = fmt.Sprintf("line %d: %s", first.Line, why)
		}
		if errs > 1 {
			why += fmt.Sprintf(" (and %d more problems)", errs-1)
		}
	}
	out = append(out, catalog.Warnf(path, 0, 0, catalog.MsgReleaseSkipped+": %s; the releases before and after it are compared directly", why))
	return out
}
