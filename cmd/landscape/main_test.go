package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Main(args, &iostreams.IOStreams{Out: &out, ErrOut: &errb})
	return code, out.String(), errb.String()
}

// countCNCFItems counts item mappings with a generic YAML decode, by other
// means than the reader.
func countCNCFItems(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Landscape []struct {
			Subcategories []struct {
				Items []map[string]any `yaml:"items"`
			} `yaml:"subcategories"`
		} `yaml:"landscape"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range doc.Landscape {
		for _, s := range c.Subcategories {
			n += len(s.Items)
		}
	}
	return n
}

func TestAnalyzeCorporaJSON(t *testing.T) {
	aml, cncf := corpora.Dir(t, "awesome-production-ml"), corpora.Dir(t, "cncf-landscape")
	out := t.TempDir()
	code, stdout, stderr := runCLI("analyze", "--json", "--out", out, aml, cncf)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum struct {
		Catalogs []struct {
			Name     string `json:"name"`
			Releases []struct {
				Release    string `json:"release"`
				Listings   int    `json:"listings"`
				Tools      int    `json:"tools"`
				Categories int    `json:"categories"`
				Added      int    `json:"added"`
				Removed    int    `json:"removed"`
				Moved      int    `json:"moved"`
			} `json:"releases"`
			Outputs []string `json:"outputs"`
		} `json:"catalogs"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, stdout)
	}
	if len(sum.Catalogs) != 2 || sum.Catalogs[0].Name != "awesome-production-ml" || sum.Catalogs[1].Name != "cncf-landscape" {
		t.Fatalf("catalogs: %+v", sum.Catalogs)
	}
	if n := len(sum.Catalogs[0].Releases); n != 32 {
		t.Errorf("awesome-production-ml: %d releases, want 32", n)
	}
	if n := len(sum.Catalogs[1].Releases); n != 17 {
		t.Errorf("cncf-landscape: %d releases, want 17", n)
	}
	// landscape.yml listings are exact against a generic decode.
	for _, r := range sum.Catalogs[1].Releases {
		want := countCNCFItems(t, filepath.Join(cncf, r.Release+".yml"))
		if r.Listings != want {
			t.Errorf("cncf %s: %d listings, generic decode counts %d", r.Release, r.Listings, want)
		}
		if r.Tools > r.Listings || r.Tools == 0 || r.Categories == 0 {
			t.Errorf("cncf %s: implausible %+v", r.Release, r)
		}
	}
	for _, c := range sum.Catalogs {
		kinds := map[string]int{}
		for _, o := range c.Outputs {
			if _, err := os.Stat(o); err != nil {
				t.Errorf("listed output missing: %v", err)
			}
			kinds[filepath.Ext(o)]++
		}
		if kinds[".html"] < 5 || kinds[".png"] < 2 || kinds[".parquet"] < 3 {
			t.Errorf("%s: outputs by kind %v", c.Name, kinds)
		}
		for _, f := range []string{"report.md", "index.html"} {
			if _, err := os.Stat(filepath.Join(out, c.Name, f)); err != nil {
				t.Error(err)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string // regexps that must match stdout
	}{
		{
			name:     "missing name and malformed URL",
			args:     []string{"validate", "testdata/bad-2024-01-31.yaml"},
			wantCode: 1,
			wantOut:  []string{`testdata/bad-2024-01-31.yaml:8:\d+: .*name`, `testdata/bad-2024-01-31.yaml:11:\d+: .*URL`},
		},
		{
			name:     "YAML syntax error",
			args:     []string{"validate", "testdata/badsyntax-2024-02-29.yaml"},
			wantCode: 1,
			wantOut:  []string{`testdata/badsyntax-2024-02-29.yaml:\d+(:\d+)?: `},
		},
		{
			name:     "no such file",
			args:     []string{"validate", "testdata/nothing-here.yaml"},
			wantCode: 1,
			wantOut:  []string{`nothing-here.yaml: cannot read`},
		},
		{
			name:     "usage error",
			args:     []string{"validate"},
			wantCode: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(tt.args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, stdout, stderr)
			}
			for _, re := range tt.wantOut {
				if !regexp.MustCompile(re).MatchString(stdout) {
					t.Errorf("stdout lacks %q:\n%s", re, stdout)
				}
			}
		})
	}
}

func TestValidateWarningsDoNotFail(t *testing.T) {
	dir := corpora.Dir(t, "cncf-landscape")
	code, stdout, stderr := runCLI("validate", filepath.Join(dir, "2026-06-30.yml"))
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, stdout, stderr)
	}
	if !regexp.MustCompile(`2026-06-30.yml:\d+:\d+: warning: .*repu_url`).MatchString(stdout) {
		t.Errorf("no repu_url warning with a line:\n%s", stdout)
	}
}

func TestAnalyzeBadInputWritesNothing(t *testing.T) {
	cat := t.TempDir()
	data, _ := os.ReadFile("testdata/bad-2024-01-31.yaml")
	os.WriteFile(filepath.Join(cat, "2024-01-31.yaml"), data, 0o644)
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runCLI("analyze", "--strict", "--out", out, cat)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr, "2024-01-31.yaml:8:") {
		t.Errorf("error lacks file:line: %s", stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("analyze wrote %s on bad input", out)
	}
	// Lenient (the default), the nameless tool and the broken URL are
	// warnings and the release is analysed.
	code, stdout, stderr := runCLI("analyze", "--out", out, cat)
	if code != 0 || !strings.Contains(stdout, ": 1 releases, newest 2024-01-31: 2 tools") || !strings.Contains(stderr, ": 3 warnings") {
		t.Errorf("lenient: exit %d\n%s%s", code, stdout, stderr)
	}
}

// TestAnalyzeDeterministic analyses both corpora and the bundled catalog
// twice and compares every output, byte for byte, both ways.
func TestAnalyzeDeterministic(t *testing.T) {
	catalogs := []string{corpora.Dir(t, "awesome-production-ml"), corpora.Dir(t, "cncf-landscape"), filepath.Join("..", "..", "snapshots", "mlops")}
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if code, _, stderr := runCLI(append([]string{"analyze", "--out", out}, catalogs...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	list := func(dir string) map[string]bool {
		files := map[string]bool{}
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && d.Name() != run.MarkerName { // the marker names its run
				rel, _ := filepath.Rel(dir, p)
				files[rel] = true
			}
			return err
		})
		return files
	}
	files, other := list(a), list(b)
	if len(files) < 30 {
		t.Fatalf("only %d files", len(files))
	}
	for rel := range other {
		if !files[rel] {
			t.Errorf("%s is written by the second run only", rel)
		}
	}
	perCatalog := map[string]int{}
	for rel := range files {
		x, _ := os.ReadFile(filepath.Join(a, rel))
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		perCatalog[strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]]++
	}
	if len(perCatalog) != len(catalogs) {
		t.Errorf("outputs per catalog: %v", perCatalog)
	}
	t.Logf("%d files identical: %v", len(files), perCatalog)
}

func TestDiff(t *testing.T) {
	dir := corpora.Dir(t, "awesome-production-ml")
	code, stdout, stderr := runCLI("diff", filepath.Join(dir, "2025-09-30.md"), filepath.Join(dir, "2025-12-31.md"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.HasPrefix(stdout, "CHANGE") || !regexp.MustCompile(`(?m)^added\s+BoTorch\s`).MatchString(stdout) {
		t.Errorf("diff table:\n%s", stdout)
	}
	code, stdout, _ = runCLI("diff", "--json", filepath.Join(dir, "2025-09-30.md"), filepath.Join(dir, "2025-12-31.md"))
	var v struct {
		Events []struct{ Kind, Name string }
	}
	if code != 0 || json.Unmarshal([]byte(stdout), &v) != nil || len(v.Events) == 0 {
		t.Errorf("diff --json: exit %d, %d events", code, len(v.Events))
	}
}
