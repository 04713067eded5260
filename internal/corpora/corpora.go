// Package corpora finds, for tests and benchmarks, the public catalog
// histories kept beside the checkout in ../shared/corpora (awesome-production-ml,
// cncf-landscape; see DEVELOPERS.md), and the same catalogs' git histories at
// full resolution in ../shared/histories (NAME.git, bare repositories with one
// commit per day; see ../shared/histories/SOURCE.md). A test that needs one is
// skipped where it is absent, except under CI (CI set), which always has them:
// there its absence is a failure.
package corpora

import (
	"os"
	"path/filepath"
	"testing"
)

// Find returns the folder of corpus name, relative to the working directory
// (a package's folder, in tests), and whether it is there.
func Find(name string) (string, bool) {
	return find(filepath.Join("corpora", name))
}

// find returns ../shared/<rel> beside the checkout, relative to the working
// directory, and whether it is there.
func find(rel string) (string, bool) {
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for root := wd; ; root = filepath.Dir(root) {
		if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
			dir := filepath.Join(root, "..", "shared", rel)
			if rel, err := filepath.Rel(wd, dir); err == nil {
				dir = rel
			}
			_, err := os.Stat(dir)
			return dir, err == nil
		}
		if filepath.Dir(root) == root {
			return "", false
		}
	}
}

// Optional returns the folder of corpus name and whether it is there; under
// CI its absence fails t.
func Optional(t testing.TB, name string) (string, bool) {
	t.Helper()
	dir, ok := Find(name)
	if !ok && os.Getenv("CI") != "" {
		t.Fatalf("corpus %s missing in CI (looked for ../shared/corpora/%s beside the checkout)", name, name)
	}
	return dir, ok
}

// Dir returns the folder of corpus name, skipping t where it is absent (and
// failing it under CI).
func Dir(t testing.TB, name string) string {
	t.Helper()
	dir, ok := Optional(t, name)
	if !ok {
		t.Skipf("corpus %s not found beside the checkout", name)
	}
	return dir
}

// FindHistory returns the bare git repository of history name
// (../shared/histories/<name>.git beside the checkout), relative to the
// working directory, and whether it is there.
func FindHistory(name string) (string, bool) {
	return find(filepath.Join("histories", name+".git"))
}

// History returns the bare git repository of history name
// (awesome-production-ml, cncf-landscape), skipping t where it is absent (and
// failing it under CI).
func History(t testing.TB, name string) string {
	t.Helper()
	dir, ok := FindHistory(name)
	if !ok {
		if os.Getenv("CI") != "" {
			t.Fatalf("history %s missing in CI (looked for ../shared/histories/%s.git beside the checkout)", name, name)
		}
		t.Skipf("history %s not found beside the checkout", name)
	}
	return dir
}
