package run

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
)

// TestIncrementalAnalyze is the maintainer's day: import a history up to a
// day, analyze it, import the days since, analyze again on the same --out.
// The second run reads only the new release files (the rest comes from the
// cache in the previous output) and takes the dataset's unchanged year
// partitions from it, and its output is byte for byte that of a cold run.
// A release file that changed makes the next run cold again.
func TestIncrementalAnalyze(t *testing.T) {
	const name = "awesome-production-ml"
	root := t.TempDir()
	dir := filepath.Join(root, name)
	importHistory(t, name, "README.md", dir, "2026-02-28")
	before, err := filepath.Glob(filepath.Join(dir, "20*"))
	if err != nil || len(before) == 0 {
		t.Fatalf("import: %d release files, %v", len(before), err)
	}

	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	analyzeInto := func(out string) CatalogSummary {
		t.Helper()
		sum, err := Analyze(Options{Catalogs: []string{dir}, Out: out, Mem: mem})
		if err != nil {
			t.Fatal(err)
		}
		return sum.Catalogs[0]
	}

	warm := filepath.Join(root, "warm")
	if c := analyzeInto(warm); c.Resumed != 0 || c.ReusedFiles != 0 {
		t.Fatalf("first run: resumed %d releases, reused %d files; want a cold run", c.Resumed, c.ReusedFiles)
	}
	importHistory(t, name, "README.md", dir, "")
	after, _ := filepath.Glob(filepath.Join(dir, "20*"))
	if len(after) <= len(before) {
		t.Fatalf("second import added no release (%d, then %d)", len(before), len(after))
	}
	c := analyzeInto(warm)
	if c.Resumed != len(before) {
		t.Errorf("after the import: resumed %d releases, want %d (every file of the first import)", c.Resumed, len(before))
	}
	// tools and listings: one partition per month with a release; the
	// months of the first import are taken as they were, the new releases
	// (from 2026-03) are in new months.
	months := map[string]bool{}
	for _, f := range before {
		months[filepath.Base(f)[:7]] = true
	}
	if want := 2 * len(months); c.ReusedFiles != want {
		t.Errorf("after the import: reused %d partition files, want %d (the %d months of the first import, tools and listings)", c.ReusedFiles, want, len(months))
	}
	// The archive: a page per quarter; those before the quarter the new
	// releases fall in (2026-Q1), but the one that now links to a new page,
	// are taken as they were.
	pages, _ := filepath.Glob(filepath.Join(warm, name, "archive", "*.html"))
	if c.ReusedPages == 0 || c.ReusedPages >= len(pages) {
		t.Errorf("after the import: reused %d archive pages of %d, want all but the newest few", c.ReusedPages, len(pages))
	}

	cold := filepath.Join(root, "cold")
	if c := analyzeInto(cold); c.Resumed != 0 {
		t.Fatalf("fresh output: resumed %d", c.Resumed)
	}
	sameTree(t, filepath.Join(warm, name), filepath.Join(cold, name))

	// A release file touched since: nothing is taken from the cache.
	if err := os.Chtimes(before[3], time.Now(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c := analyzeInto(warm); c.Resumed != 0 {
		t.Errorf("after a file changed: resumed %d releases, want 0", c.Resumed)
	}
	for _, f := range after {
		months[filepath.Base(f)[:7]] = true
	}
	if c := analyzeInto(warm); c.Resumed != len(after) || c.ReusedFiles != 2*len(months) || c.ReusedPages != len(pages) {
		t.Errorf("nothing new: resumed %d releases, reused %d files and %d pages, want %d, %d and %d", c.Resumed, c.ReusedFiles, c.ReusedPages, len(after), 2*len(months), len(pages))
	}
	if c := analyzeInto(cold); c.Resumed != 0 {
		t.Errorf("cold output of a changed folder: resumed %d releases, want 0", c.Resumed)
	}
	sameTree(t, filepath.Join(warm, name), filepath.Join(cold, name))
}

// sameTree fails unless the folders a and b hold the same files with the
// same bytes.
func sameTree(t *testing.T, a, b string) {
	t.Helper()
	files := func(root string) map[string][]byte {
		m := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			m[rel] = data
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	fa, fb := files(a), files(b)
	for n, da := range fa {
		db, ok := fb[n]
		switch {
		case !ok:
			t.Errorf("%s: only in %s", n, a)
		case !bytes.Equal(da, db):
			t.Errorf("%s: differs (%d and %d bytes)", n, len(da), len(db))
		}
	}
	for n := range fb {
		if _, ok := fa[n]; !ok {
			t.Errorf("%s: only in %s", n, b)
		}
	}
}
