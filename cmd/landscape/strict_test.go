package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/run"
)

// strictCatalog writes a catalog of three releases whose middle file is
// broken (middle), and returns its folder.
func strictCatalog(t *testing.T, middle string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "cat")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	release := func(tools ...string) string {
		s := "release: {}\ncategories:\n  - name: Serving\n    tools:\n"
		for _, name := range tools {
			s += "      - {name: " + name + ", homepage_url: https://" + strings.ToLower(name) + ".org}\n"
		}
		return s
	}
	for name, data := range map[string]string{
		"2024-01-31.yaml": release("Alpha", "Beta"),
		"2024-02-29.yaml": middle,
		"2024-03-31.yaml": release("Alpha", "Beta", "Gamma"),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestStrictFlag: a release file that cannot be read is skipped with
// warnings by default and fails the run with --strict; the same for a
// malformed field, which is dropped by default.
func TestStrictFlag(t *testing.T) {
	for _, tt := range []struct {
		name, middle string
		releases     int // delivered in lenient mode
		wantErr      string
	}{
		{"invalid YAML", "release: {}\ncategories: [\n", 2, "2024-02-29.yaml:3: invalid YAML"},
		{"empty", "", 2, "2024-02-29.yaml: "},
		{"malformed URL", "release: {}\ncategories:\n  - name: Serving\n    tools:\n      - {name: Alpha, homepage_url: \"htp:/x\"}\n      - {name: Beta, homepage_url: https://beta.org}\n", 3,
			`2024-02-29.yaml:5:37: homepage_url "htp:/x" is not an http(s) URL`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cat := strictCatalog(t, tt.middle)
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCLI("analyze", "--strict", "--out", out, cat)
			if code != exitError || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("--strict: exit %d, want %d and %q:\n%s%s", code, exitError, tt.wantErr, stdout, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("analyze --strict wrote %s", out)
			}
			if code, stdout, stderr := runCLI("validate", cat); code != exitError || !strings.Contains(stdout, tt.wantErr) {
				t.Errorf("validate: exit %d, want %d and %q:\n%s%s", code, exitError, tt.wantErr, stdout, stderr)
			}

			code, stdout, stderr = runCLI("analyze", "--json", "--out", out, cat)
			if code != 0 {
				t.Fatalf("lenient: exit %d:\n%s%s", code, stdout, stderr)
			}
			var sum run.Summary
			if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
				t.Fatal(err)
			}
			c := sum.Catalogs[0]
			if len(c.Releases) != tt.releases || c.Warnings == 0 {
				t.Fatalf("lenient: %d releases, %d warnings; want %d releases and warnings", len(c.Releases), c.Warnings, tt.releases)
			}
			last := c.Releases[len(c.Releases)-1]
			if last.Added != 1 || last.Removed != 0 {
				t.Errorf("newest release: +%d −%d; want +1 −0 (the skipped release compared across)", last.Added, last.Removed)
			}
			data, err := os.ReadFile(filepath.Join(out, "cat", "summary.json"))
			if err != nil {
				t.Fatal(err)
			}
			var cs run.CatalogSummary
			if err := json.Unmarshal(data, &cs); err != nil || cs.Warnings != c.Warnings {
				t.Errorf("summary.json: %d warnings (%v); want %d", cs.Warnings, err, c.Warnings)
			}

			// The other commands that read a catalog take --strict too.
			for _, args := range [][]string{
				{"explain", "Alpha", cat},
				{"export", "--out", filepath.Join(t.TempDir(), "out"), cat},
				{"chart", "sunburst", cat, "--output-format", "svg", "--out", filepath.Join(t.TempDir(), "x.svg")},
			} {
				if code, stdout, stderr := runCLI(args...); code != 0 {
					t.Errorf("%s: exit %d:\n%s%s", args[0], code, stdout, stderr)
				}
				strict := append([]string{args[0], "--strict"}, args[1:]...)
				if code, _, stderr := runCLI(strict...); code != exitError || !strings.Contains(stderr, tt.wantErr) {
					t.Errorf("%s --strict: exit %d, want %d and %q:\n%s", args[0], code, exitError, tt.wantErr, stderr)
				}
			}
		})
	}
}

// TestDiffStrict: diff drops a malformed field by default and refuses it
// with --strict.
func TestDiffStrict(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "2024-01-31.yaml")
	new := filepath.Join(dir, "2024-02-29.yaml")
	os.WriteFile(old, []byte("release: {}\ncategories:\n  - name: A\n    tools:\n      - {name: X, homepage_url: https://x.org}\n"), 0o644)
	os.WriteFile(new, []byte("release: {}\ncategories:\n  - name: A\n    tools:\n      - {name: X, homepage_url: https://x.org, stars: many}\n      - {name: Y, homepage_url: www.y.org}\n"), 0o644)
	code, stdout, stderr := runCLI("diff", old, new)
	if code != 0 || !strings.Contains(stdout, "1 added, 0 removed") {
		t.Errorf("diff: exit %d:\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI("diff", "--strict", old, new)
	if code != exitError || !strings.Contains(stderr, `2024-02-29.yaml:5:55: stars is "many"`) || !strings.Contains(stderr, `2024-02-29.yaml:6:33: homepage_url "www.y.org"`) {
		t.Errorf("diff --strict: exit %d:\n%s", code, stderr)
	}
}
