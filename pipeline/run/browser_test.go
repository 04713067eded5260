package run

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/internal/browsertest"
	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/site"
)

// TestAnalyzePagesInBrowser opens every chart page `analyze` writes — for
// the bundled catalog and for the newest CNCF release (about 2,400 tools) —
// in headless Chromium, offline: no console errors, a drawn canvas, and a
// click on a sunburst sector zooms in. Snippets (which load ECharts from the
// pinned CDN) are checked by charts/html's browser test; here each page uses
// the local copy beside it, as `analyze` writes them.
func TestAnalyzePagesInBrowser(t *testing.T) {
	catalogs := []string{"../../snapshots/mlops"}
	if dir, ok := corpora.Optional(t, "cncf-landscape"); ok {
		catalogs = append(catalogs, dir)
	}
	out := t.TempDir()
	sum, err := Analyze(Options{Catalogs: catalogs, Out: out, Assets: html.AssetsLocal})
	if err != nil {
		t.Fatal(err)
	}
	pages := t.TempDir()
	n := 0
	for _, c := range sum.Catalogs {
		dst := filepath.Join(pages, c.Name)
		if err := os.MkdirAll(dst, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, f := range c.Outputs {
			base := filepath.Base(f)
			// chart pages only: the site's pages (index, explorer, archive, report)
			// are TestSitePagesInBrowser's
			page := strings.HasSuffix(base, ".html") && !strings.HasSuffix(base, ".snippet.html") && base != "index.html" &&
				base != site.Explorer && base != "report.html" && filepath.Base(filepath.Dir(f)) != site.ArchiveDir
			if !page && base != html.DefaultAssetsPath {
				continue
			}
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dst, base), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if page {
				n++
			}
		}
	}
	if n < 2*len(ChartKinds) {
		t.Fatalf("only %d chart pages", n)
	}
	browsertest.Check(t, pages, n)
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }
