package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestManifestFillsReleases: MANIFEST.tsv gives releases their commit and
// source, columns found by name (an extra tag column, a missing bytes
// column), unless the file says otherwise.
func TestManifestFillsReleases(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"2024-01-31.md", "2024-02-29.md", "2024-03-31.md"} {
		md := "# Awesome\n\n## Serving\n\n* [Tool](https://tool.example.org) - Serves.\n"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(md), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := "file\tsource_repo\tsource_path\tcommit\tcommit_date\tsha256\ttag\n" +
		"2024-01-31.md\tEthicalML/awesome\tREADME.md\taaaa\t2024-01-30T10:00:00+01:00\tx\tv1\n" +
		"2024-02-29.md\thttps://gitlab.com/g/p\tREADME.md\tbbbb\t2024-02-28T10:00:00+00:00\tx\t\n"
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	rows, err := Manifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r := rows["2024-01-31.md"]; r.Tag != "v1" || r.Bytes != -1 || r.CommitDate != "2024-01-30T10:00:00+01:00" {
		t.Errorf("row %+v", r)
	}
	snaps, err := Catalog(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]string{{"aaaa", "https://github.com/EthicalML/awesome"}, {"bbbb", "https://gitlab.com/g/p"}, {"", ""}}
	for i, s := range snaps {
		if s.Release.Commit != want[i][0] || s.Release.Source != want[i][1] {
			t.Errorf("%s: commit %q source %q, want %q", s.Release.ID, s.Release.Commit, s.Release.Source, want[i])
		}
	}
}

// TestManifestKeepsFileMetadata: a canonical file's own commit and source
// win over MANIFEST.tsv.
func TestManifestKeepsFileMetadata(t *testing.T) {
	dir := t.TempDir()
	data := "release:\n  id: 2026-06-30\n  source: https://example.org/src\n  commit: own\ncategories:\n  - name: A\n    tools:\n      - name: X\n        homepage_url: https://x.example.org\n"
	os.WriteFile(filepath.Join(dir, "2026-06-30.yaml"), []byte(data), 0o644)
	os.WriteFile(filepath.Join(dir, ManifestName), []byte("file\tsource_repo\tcommit\n2026-06-30.yaml\tcncf/landscape\tmanifest\n"), 0o644)
	snaps, err := Catalog(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r := snaps[0].Release; r.Commit != "own" || r.Source != "https://example.org/src" {
		t.Errorf("release %+v", r)
	}
}

func TestManifestErrors(t *testing.T) {
	for name, content := range map[string]string{
		"no file column": "name\tcommit\nx\ty\n",
		"bad bytes":      "file\tbytes\n2024-01-31.md\tmany\n",
		"listed twice":   "file\n2024-01-31.md\n2024-01-31.md\n",
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, ManifestName), []byte(content), 0o644)
		if _, err := Manifest(dir); err == nil || !strings.Contains(err.Error(), ManifestName+":") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if rows, err := Manifest(t.TempDir()); err != nil || len(rows) != 0 {
		t.Errorf("no manifest: %v %v", rows, err)
	}
}

// TestManifestCorpus: the corpora's manifests give every release its
// commit.
func TestManifestCorpus(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", "awesome-production-ml")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("corpus not found")
	}
	rows, err := Manifest(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := rows["2018-09-30.md"]
	if len(rows) != 32 || r.Commit != "10ea92363ef6dcda58bd9085024bf15da19af065" || r.Bytes != 11307 ||
		r.SourceRepo != "EthicalML/awesome-production-machine-learning" {
		t.Errorf("%d rows; %+v", len(rows), r)
	}
}
