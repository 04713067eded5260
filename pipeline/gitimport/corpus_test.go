package gitimport

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
)

// TestCorpora rebuilds a repository from a corpus (one commit per release
// file, dated as its MANIFEST.tsv says), imports it at the corpus's cadence,
// and gets the corpus back: the same file names and bytes, the same commit
// dates, paths and hashes in MANIFEST.tsv.
func TestCorpora(t *testing.T) {
	for _, c := range []struct{ name, every string }{
		{"awesome-production-ml", EveryQuarter},
		{"cncf-landscape", EveryHalf},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := corpora.Dir(t, c.name)
			repo := t.TempDir()
			rels, hashes := gittest.FromCatalog(t, repo, dir)
			out := filepath.Join(t.TempDir(), c.name)
			sum := runImport(t, Options{Repo: repo, File: rels[len(rels)-1].SourcePath, Out: out, Every: c.every})
			if sum.Written != len(rels) || sum.Releases != len(rels) {
				t.Errorf("wrote %d releases, %d in the folder; the corpus has %d", sum.Written, sum.Releases, len(rels))
			}
			m, err := readManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			rows := m.sorted()
			if len(rows) != len(rels) {
				t.Fatalf("%d rows, want %d", len(rows), len(rels))
			}
			for i, r := range rows {
				want := rels[i]
				if r.File != want.File || r.SHA256 != want.SHA256 || r.SourcePath != want.SourcePath ||
					r.CommitDate != want.CommitDate || r.Commit != hashes[i].String() {
					t.Errorf("row %d: %+v\nwant %+v (commit %s)", i, r, want, hashes[i])
				}
				data, err := os.ReadFile(filepath.Join(out, r.File))
				if err != nil {
					t.Fatal(err)
				}
				if sha(data) != want.SHA256 {
					t.Errorf("%s: sha256 %s, corpus %s", r.File, sha(data), want.SHA256)
				}
			}
		})
	}
}
