package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
	"github.com/landscapehq/landscape/pipeline/read"
)

// TestMaxFileSize: one flag sets the largest release file import git writes
// and the largest analyze (validate, …) reads: what one writes the other
// reads, and a version over it is left out with a warning on stderr.
func TestMaxFileSize(t *testing.T) {
	repo := t.TempDir()
	small := "landscape:\n  - category:\n    name: A\n    subcategories:\n      - subcategory:\n        name: B\n        items:\n" +
		"          - item:\n            name: Tool\n            homepage_url: https://tool.example.org/\n"
	big := small + "# " + strings.Repeat("x", 4000) + "\n"
	gittest.Build(t, repo, []gittest.Commit{
		{Files: map[string]string{"landscape.yml": small}, When: time.Date(2024, 1, 10, 12, 0, 0, 0, time.UTC)},
		{Files: map[string]string{"landscape.yml": big}, When: time.Date(2024, 2, 10, 12, 0, 0, 0, time.UTC)},
	})
	out := filepath.Join(t.TempDir(), "cat")
	code, stdout, stderr := runCLI("import", "git", repo, "--file", "landscape.yml", "--out", out, "--max-file-size", "1KiB")
	if code != 0 || !strings.Contains(stdout, "1 written") || !strings.Contains(stdout, "1 warnings") ||
		!strings.Contains(stderr, "warning: landscape.yml at ") || !strings.Contains(stderr, "over the 1 KiB a release file may have (--max-file-size): no release for 2024-02-29") {
		t.Errorf("exit %d:\n%s\n%s", code, stdout, stderr)
	}
	// The default imports both; validate refuses the larger one at 1KiB.
	out2 := filepath.Join(t.TempDir(), "cat")
	if code, stdout, stderr := runCLI("import", "git", repo, "--file", "landscape.yml", "--out", out2); code != 0 || !strings.Contains(stdout, "2 written") || stderr != "" {
		t.Errorf("exit %d:\n%s\n%s", code, stdout, stderr)
	}
	if code, stdout, stderr := runCLI("validate", out2, "--max-file-size", "1KiB"); code != 1 || !strings.Contains(stdout, "2024-02-29.yml: the file is 4204 bytes; expected at most 1024 bytes") || strings.Contains(stdout, "2024-01-31.yml:") {
		t.Errorf("validate at 1KiB: exit %d: %s %s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI("validate", out2); code != 0 {
		t.Errorf("validate: exit %d: %s", code, stderr)
	}
	if code, _, _ := runCLI("validate", out2, "--max-file-size", "lots"); code != 2 {
		t.Errorf("--max-file-size lots: exit %d, want 2", code)
	}
	// Main resets the flag between runs.
	if maxFileSize != read.MaxFileSize {
		t.Errorf("--max-file-size left at %d", maxFileSize)
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
	}{{"64MiB", 64 << 20}, {"64m", 64 << 20}, {"100MB", 100e6}, {"1GiB", 1 << 30}, {"512KiB", 512 << 10}, {"1000", 1000}, {" 2 kb ", 2000}} {
		if got, err := parseSize(tc.in); err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "0", "-1", "lots", "2TiB", "1.5MiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q) accepted", in)
		}
	}
	if s := formatSize(64 << 20); s != "64MiB" {
		t.Errorf("formatSize = %s", s)
	}
}

// TestErrorEscaped: an error quoting hostile text (here a MANIFEST.tsv
// line) reaches the terminal with its control characters escaped: analyze's
// error, validate's diagnostics.
func TestErrorEscaped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cat")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../snapshots/mlops/2019-06-30.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "2019-06-30.yaml"), data, 0o644)
	os.WriteFile(filepath.Join(dir, "MANIFEST.tsv"), []byte("file\n\x1b]0;pwned\x07x\n\x1b]0;pwned\x07x\n"), 0o644)
	code, stdout, stderr := runCLI("analyze", dir, "--out", t.TempDir())
	if code != 1 || strings.ContainsAny(stderr, "\x1b\x07") || !strings.Contains(stderr, "is listed twice") {
		t.Errorf("analyze: exit %d: %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = runCLI("validate", dir)
	if code != 1 || strings.ContainsAny(stdout+stderr, "\x1b\x07") || !strings.Contains(stdout, "is listed twice") {
		t.Errorf("validate: exit %d: %q %q", code, stdout, stderr)
	}
}
