package run

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/landscapehq/landscape/charts/html"
)

// BenchmarkAnalyze is P1: `landscape analyze` end to end (read → tables →
// every chart → Parquet) on a public corpus and on the bundled catalog.
func BenchmarkAnalyze(b *testing.B) {
	for _, c := range []struct{ name, dir string }{
		{"cncf-landscape", "../../../shared/corpora/cncf-landscape"},
		{"awesome-production-ml", "../../../shared/corpora/awesome-production-ml"},
		{"mlops", "../../snapshots/mlops"},
	} {
		b.Run(c.name, func(b *testing.B) {
			if _, err := os.Stat(c.dir); err != nil {
				b.Skip(err)
			}
			out := b.TempDir()
			for i := 0; i < b.N; i++ {
				if _, err := Analyze(Options{Catalogs: []string{c.dir}, Out: filepath.Join(out, "o"), Assets: html.AssetsLocal}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
