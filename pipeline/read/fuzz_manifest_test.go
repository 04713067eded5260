package read

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzManifest: any MANIFEST.tsv is read or refused with an error naming
// the file (and its line), never a panic; every row read has a file name.
func FuzzManifest(f *testing.F) {
	f.Add([]byte("file\tsource_repo\tsource_path\tcommit\tcommit_date\tbytes\tsha256\n2024-01-31.yml\tcncf/landscape\tlandscape.yml\tabc\t2024-01-30T10:00:00Z\t12\tff\n"))
	f.Add([]byte("file\tbytes\n=cmd|' /C calc'!A0\t-1\n\x1b[31m.yml\t99999999999999999999\n"))
	f.Add([]byte("file\n a \n a\n"))
	f.Add([]byte("\r\n\t\t\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ManifestName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		rows, err := Manifest(dir)
		if err != nil {
			if !strings.Contains(err.Error(), filepath.Join(dir, ManifestName)) {
				t.Errorf("error without the file: %v", err)
			}
			return
		}
		for name, r := range rows {
			if name == "" || r.File != name {
				t.Errorf("row %q: %+v", name, r)
			}
		}
	})
}
