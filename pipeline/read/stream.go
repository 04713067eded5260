package read

import (
	"fmt"
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
// Every problem of every file is returned together, as catalog.Diagnostics;
// once a file has failed, fn is not called again, but the remaining files
// are still read for their problems. Two files may share neither a release
// id nor a release date, and release dates must not go back in time from
// one file to the next. The first result holds warnings that belong to no
// snapshot.
func Stream(dir string, opts Options, fn func(*catalog.Snapshot) error) (catalog.Diagnostics, error) {
	paths, err := ReleasePaths(dir)
	if err != nil {
		return nil, err
	}
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
		diags catalog.Diagnostics
		fnErr error
		ids   = map[string]string{}
		dates = map[time.Time]string{}
		last  *catalog.Release
	)
	for i := range paths {
		r := <-slots[i]
		<-tokens
		if r.err != nil {
			if ds, ok := r.err.(catalog.Diagnostics); ok {
				diags = append(diags, ds...)
			} else {
				diags = append(diags, catalog.Diagnostic{Severity: catalog.SeverityError, Msg: r.err.Error()})
			}
			continue
		}
		rel := &r.snap.Release
		row, ok := manifest[filepath.Base(rel.File)]
		applyManifest(rel, row, ok)
		// Release ids name the releases, and release dates the dataset's
		// partitions: two files may share neither.
		if other, dup := ids[rel.ID]; dup {
			diags = append(diags, catalog.Errorf(rel.File, 0, 0, "release id %s is also the id of %s; expected each release file to be a release of its own", rel.ID, other))
			continue
		}
		if other, dup := dates[rel.Date]; dup {
			diags = append(diags, catalog.Errorf(rel.File, 0, 0, "release date %s is also the date of %s; expected one release file per date", rel.Date.Format("2006-01-02"), other))
			continue
		}
		if last != nil && rel.Date.Before(last.Date) {
			diags = append(diags, catalog.Errorf(rel.File, 0, 0, "release date %s is before %s of %s, the file before it by name; expected release files named by their release date", rel.Date.Format("2006-01-02"), last.Date.Format("2006-01-02"), filepath.Base(last.File)))
			continue
		}
		ids[rel.ID], dates[rel.Date] = rel.File, rel.File
		cp := *rel
		last = &cp
		if diags.HasErrors() || fnErr != nil {
			continue // keep reading for the problems of the other files
		}
		fnErr = fn(r.snap)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	if fnErr != nil {
		return nil, fnErr
	}
	return diags, nil
}
