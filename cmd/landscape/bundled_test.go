package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/run"
)

// DefaultCatalog is the bundled catalog's folder in the repository, which
// the binary embeds.
const DefaultCatalog = "snapshots/mlops"

// TestBundledCatalog: analyze with no argument, run from a folder far from
// the repository, reads the embedded catalog and writes what analyze of the
// repository's folder writes, byte for byte.
func TestBundledCatalog(t *testing.T) {
	repoCat, err := filepath.Abs(filepath.Join("..", "..", DefaultCatalog))
	if err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(t.TempDir(), "a")
	if code, _, stderr := runCLI("analyze", repoCat, "--out", a); code != 0 {
		t.Fatalf("analyze %s: exit %d: %s", repoCat, code, stderr)
	}
	elsewhere := t.TempDir()
	t.Chdir(elsewhere)
	code, stdout, stderr := runCLI("analyze")
	if code != 0 || !strings.HasPrefix(stdout, "mlops: 15 releases") {
		t.Fatalf("analyze (bundled): exit %d\n%s%s", code, stdout, stderr)
	}
	b := filepath.Join(elsewhere, "out")
	n := 0
	err = filepath.WalkDir(filepath.Join(a, "mlops"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() && d.Name() == run.CacheDir { // what the next run reuses: names the input folder
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || d.Name() == run.MarkerName {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between the folder and the bundled catalog (%v)", rel, err)
		}
		n++
		return nil
	})
	if err != nil || n < 30 {
		t.Fatalf("%d files compared: %v", n, err)
	}
	// explain and chart read it too; completion offers its releases.
	if code, stdout, stderr := runCLI("explain", "mlflow"); code != 0 || !strings.Contains(stdout, "tool github.com/mlflow/mlflow") {
		t.Errorf("explain (bundled): exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI("explain", "nothing-like-it"); code != 1 || !strings.Contains(stderr, "mlops (bundled): no tool matches") {
		t.Errorf("explain (bundled), no match: exit %d: %s", code, stderr)
	}
	if code, stdout, stderr := runCLI("chart", "growth", "--output-format", "svg"); code != 0 || !strings.Contains(stdout, "<svg") {
		t.Errorf("chart (bundled): exit %d: %s", code, stderr)
	}
	if _, stdout, _ := runCLI("__complete", "chart", "growth", "--release", ""); !strings.Contains(stdout, "2019-06-30\n") || !strings.Contains(stdout, "2026-06-30\n") {
		t.Errorf("release completion (bundled):\n%s", stdout)
	}
}
