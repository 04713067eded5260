package catalog

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestManifestRoundTrip(t *testing.T) {
	rows := []ManifestRow{
		{File: "2024-03-31.yml", SourceRepo: "cncf/landscape", SourcePath: "landscape.yml", Commit: "abc", CommitDate: "2024-03-30T10:00:00+02:00", Bytes: 12, SHA256: "ff"},
		{File: "2024-06-30.yml", SourceRepo: "cncf/landscape", SourcePath: "landscape.yml", Commit: "def", CommitDate: "2024-06-29T10:00:00Z", Bytes: 0, SHA256: "ee", Tag: "v1"},
	}
	for _, tags := range []bool{false, true} {
		dir := t.TempDir()
		data := FormatManifest(rows, tags)
		if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := ReadManifest(dir)
		if err != nil {
			t.Fatal(err)
		}
		want := append([]ManifestRow(nil), rows...)
		if !tags {
			want[1].Tag = ""
		}
		if !reflect.DeepEqual(m.Rows, want) || m.Columns["tag"] != tags || m.Require(dir, ManifestColumns...) != nil {
			t.Errorf("tags %v: read back %+v, columns %v", tags, m.Rows, m.Columns)
		}
		if string(FormatManifest(m.Rows, tags)) != string(data) {
			t.Errorf("tags %v: not byte-identical written again", tags)
		}
	}
}

func TestManifestErrors(t *testing.T) {
	for _, tt := range []struct{ content, want string }{
		{"name\tcommit\nx\ty\n", ":1: no file column"},
		{"file\tbytes\na.yml\tlots\n", ":2: bytes \"lots\" is not a number"},
		{"file\na.yml\n\nb.yml\nb.yml\n", ":5: b.yml is listed twice"},
		{"file\tcommit\n\tabc\n", ":2: no file name"},
	} {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, ManifestName), []byte(tt.content), 0o644)
		if _, err := ReadManifest(dir); err == nil || !strings.Contains(err.Error(), ManifestName+tt.want) {
			t.Errorf("%q: %v, want %q", tt.content, err, tt.want)
		}
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ManifestName), []byte("file\tcommit\na.yml\tabc\n"), 0o644)
	m, err := ReadManifest(dir)
	if err != nil || m.Rows[0].Bytes != -1 {
		t.Fatalf("%v %+v", err, m)
	}
	if err := m.Require(dir, ManifestColumns...); err == nil || !strings.Contains(err.Error(), "no source_repo column") {
		t.Errorf("Require: %v", err)
	}
	if m, err := ReadManifest(t.TempDir()); err != nil || len(m.Rows) != 0 {
		t.Errorf("no manifest: %v %+v", err, m)
	}
	if ManifestSafe("commit", "a\tb") == nil || ManifestSafe("commit", "ab") != nil {
		t.Error("ManifestSafe")
	}
}
