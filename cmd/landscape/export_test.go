package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/corpora"
)

// duckdbVerifier returns the path of test/duckdb/verify.mjs and node, or
// skips the test when @duckdb/node-api is not installed (scripts/
// setup-duckdb.sh installs it) — unless LANDSCAPE_DUCKDB=1, when it fails.
func duckdbVerifier(t *testing.T) (node, script string) {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "test", "duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	required := os.Getenv("LANDSCAPE_DUCKDB") == "1"
	missing := func(why string) {
		if required {
			t.Fatalf("LANDSCAPE_DUCKDB=1 but %s: run bash scripts/setup-duckdb.sh", why)
		}
		t.Skipf("%s: run bash scripts/setup-duckdb.sh (or set LANDSCAPE_DUCKDB=1 to make this a failure)", why)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@duckdb", "node-api")); err != nil {
		missing("@duckdb/node-api is not installed in test/duckdb")
	}
	node, err = exec.LookPath("node")
	if err != nil {
		missing("node is not on PATH")
	}
	return node, filepath.Join(dir, "verify.mjs")
}

type exportJSON struct {
	Datasets []struct {
		Name    string   `json:"name"`
		Version string   `json:"version"`
		Dir     string   `json:"dir"`
		Files   []string `json:"files"`
	} `json:"datasets"`
}

// TestExportVerifiedByDuckDB writes the datasets of both public corpora (and
// of the bundled catalog) with `landscape export` and has DuckDB check them: every file opens with the
// manifest's rows and sha256; the hive partitions hold every release; counts
// per release and category equal category_stats.
func TestExportVerifiedByDuckDB(t *testing.T) {
	node, script := duckdbVerifier(t)
	aml, cncf := corpora.Dir(t, "awesome-production-ml"), corpora.Dir(t, "cncf-landscape")
	out := t.TempDir()
	bundled := filepath.Join("..", "..", DefaultCatalog)
	code, stdout, stderr := runCLI("export", "--json", "--out", out, aml, cncf, bundled)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum exportJSON
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if len(sum.Datasets) != 3 {
		t.Fatalf("%d datasets", len(sum.Datasets))
	}
	var dirs []string
	for _, d := range sum.Datasets {
		if want := filepath.Join(out, d.Name, "dataset", d.Version); d.Dir != want {
			t.Errorf("%s: dataset in %s, want %s", d.Name, d.Dir, want)
		}
		if !regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.0$`).MatchString(d.Version) {
			t.Errorf("%s: version %q", d.Name, d.Version)
		}
		dirs = append(dirs, d.Dir)
	}
	cmd := exec.Command(node, append([]string{script}, dirs...)...)
	outb, err := cmd.CombinedOutput()
	report := string(outb)
	t.Logf("DuckDB: %s", lastLine(report))
	if err != nil {
		t.Fatalf("verify.mjs: %v\n%s", err, report)
	}
	if !regexp.MustCompile(`(?m)^[1-9]\d* passed, 0 failed$`).MatchString(report) {
		t.Errorf("unexpected verify.mjs output:\n%s", report)
	}
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// TestExportCLI: the dataset folder is named by version (with --patch), a
// second version leaves the first alone, the same version is replaced, and
// bad input or a bad flag writes nothing.
func TestExportCLI(t *testing.T) {
	cat := filepath.Join(t.TempDir(), "tiny")
	os.MkdirAll(cat, 0o755)
	os.WriteFile(filepath.Join(cat, "2024-01-31.md"), []byte("# T\n\n## Serving\n\n* [Alpha](https://github.com/a/alpha) - A.\n"), 0o644)
	os.WriteFile(filepath.Join(cat, "2024-02-29.md"), []byte("# T\n\n## Serving\n\n* [Alpha](https://github.com/a/alpha) - A.\n* [Beta](https://beta.io) - B.\n"), 0o644)
	out := filepath.Join(t.TempDir(), "out")
	for _, patch := range []string{"0", "1", "1"} {
		code, stdout, stderr := runCLI("export", "--out", out, "--patch", patch, cat)
		if code != 0 {
			t.Fatalf("patch %s: exit %d: %s", patch, code, stderr)
		}
		if !strings.Contains(stdout, "tiny: dataset 2024-02-29."+patch) {
			t.Errorf("stdout: %s", stdout)
		}
	}
	for _, v := range []string{"2024-02-29.0", "2024-02-29.1"} {
		for _, f := range []string{"manifest.json", "DATASET.md", "tools/release_year=2024/release_month=2/part-0.parquet", "csv/releases.csv"} {
			if _, err := os.Stat(filepath.Join(out, "tiny", "dataset", v, filepath.FromSlash(f))); err != nil {
				t.Error(err)
			}
		}
	}
	entries, _ := os.ReadDir(filepath.Join(out, "tiny", "dataset"))
	if len(entries) != 2 {
		t.Errorf("dataset folder holds %d entries, want the two versions", len(entries))
	}

	if code, _, _ := runCLI("export", "--out", out, "--patch", "-1", cat); code != exitUsage {
		t.Errorf("--patch -1: exit %d, want %d", code, exitUsage)
	}
	bad := t.TempDir()
	data, _ := os.ReadFile("testdata/bad-2024-01-31.yaml")
	os.WriteFile(filepath.Join(bad, "2024-01-31.yaml"), data, 0o644)
	out2 := filepath.Join(t.TempDir(), "out")
	if code, _, _ := runCLI("export", "--strict", "--out", out2, cat, bad); code != exitError {
		t.Errorf("bad input: exit %d, want %d", code, exitError)
	}
	if _, err := os.Stat(out2); !os.IsNotExist(err) {
		t.Errorf("export wrote %s on bad input", out2)
	}
}

// TestAnalyzeWritesDataset: analyze writes the dataset too, beside its flat
// outputs.
func TestAnalyzeWritesDataset(t *testing.T) {
	aml := corpora.Dir(t, "awesome-production-ml")
	out := t.TempDir()
	if code, _, stderr := runCLI("analyze", "--out", out, aml); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	base := filepath.Join(out, "awesome-production-ml")
	for _, f := range []string{"events.parquet", "dataset/2026-06-30.0/listings/release_year=2026/release_month=6/part-0.parquet", "dataset/2026-06-30.0/manifest.json", "dataset/2026-06-30.0/DATASET.md", "dataset/2026-06-30.0/tools/release_year=2026/release_month=6/part-0.parquet"} {
		if _, err := os.Stat(filepath.Join(base, filepath.FromSlash(f))); err != nil {
			t.Error(err)
		}
	}
}
