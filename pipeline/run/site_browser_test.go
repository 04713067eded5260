package run

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/internal/browsertest"
	"github.com/landscapehq/landscape/internal/corpora"
)

var screenshots = flag.Bool("screenshots", false, "TestSitePagesInBrowser: save its screenshots into docs/screenshots")

// TestSitePagesInBrowser checks the site `analyze` writes (pipeline/site)
// in headless Chromium with the network off (test/browser/site.mjs): on
// the bundled catalog and, where the corpus is beside the checkout, the CNCF
// landscape, the explorer finds a tool by a word of its description and its
// card gives the first release it was seen in; a category filter narrows
// the list and its address gives the same list again; the tool's own
// address opens its card; every page (index, explorer, chart pages, every
// archive page) renders its charts, links back to the index and, at
// 390×844, scrolls not sideways and clips no title. The hostile catalog's
// pages (script in every field) run nothing of the data, with tooltips and a
// card open. Three snippets from two catalogs pasted into one page all draw
// (the pinned CDN address answered with the vendored library), and with
// scripts off, or the network, each shows its PNG.
//
// With -screenshots it saves the explorer, a card, the sunburst and an
// archive page, at desktop and phone sizes, into docs/screenshots.
func TestSitePagesInBrowser(t *testing.T) {
	if testing.Short() && os.Getenv("LANDSCAPE_BROWSER") != "1" {
		t.Skip("browser test skipped in -short mode")
	}
	type cat struct {
		Dir    string `json:"dir"`
		Search string `json:"search"`
		Tool   string `json:"tool"`
		Name   string `json:"name"`
		First  string `json:"first"`
		// Only, for a large catalog: its site pages, the charts named (and
		// every archive page); TestAnalyzePagesInBrowser has the others.
		Only []string `json:"only,omitempty"`
	}
	catalogs := []string{"../../snapshots/mlops", "../../testdata/hostile"}
	cncf, hasCNCF := corpora.Optional(t, "cncf-landscape")
	if hasCNCF {
		catalogs = append(catalogs, cncf)
	}
	out := t.TempDir()
	sum, err := Analyze(Options{Catalogs: catalogs, Out: out, Assets: html.AssetsLocal})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Catalogs) != len(catalogs) {
		t.Fatalf("%d catalogs analysed", len(sum.Catalogs))
	}
	spec := map[string]any{
		"echarts": filepath.Join(out, "mlops", html.DefaultAssetsPath),
		"hostile": []string{filepath.Join(out, "hostile")},
	}
	// Pachyderm: "Data versioning with data-driven pipelines on Kubernetes.",
	// listed since the first release.
	cats := []cat{{Dir: filepath.Join(out, "mlops"), Search: "kubernetes versioning", Tool: "github.com/pachyderm/pachyderm", Name: "Pachyderm", First: "2019-06-30"}}
	if hasCNCF {
		// Argo: "Kubernetes-native tools to run workflows, manage clusters, …"
		cats = append(cats, cat{Dir: filepath.Join(out, filepath.Base(cncf)), Search: "gitops workflows", Tool: "github.com/argoproj/argo", Name: "Argo", First: "2018-06-30",
			// and, at desktop and phone sizes, the charts whose labels crowd
			// on a catalog this size (churn, flows) and the release post's
			Only: []string{"index.html", "explorer.html", "sunburst.html", "treemap.html", "churn.html", "flows.html",
				"movers.html", "deals.html", "launch-years.html", "licenses.html", "status.html", "open-source.html"}})
	}
	spec["catalogs"] = cats

	// Three snippets from two catalogs in one page, each PNG beside it.
	snip := t.TempDir()
	var page strings.Builder
	page.WriteString("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>A post with three charts</title></head><body>\n<h1>A post</h1>\n")
	second := "hostile"
	if hasCNCF {
		second = filepath.Base(cncf)
	}
	n := 0
	for _, s := range [][2]string{{"mlops", "sunburst"}, {"mlops", "growth"}, {second, "sunburst"}} {
		data, err := os.ReadFile(filepath.Join(out, s[0], s[1]+".snippet.html"))
		if err != nil {
			t.Fatal(err)
		}
		png, err := os.ReadFile(filepath.Join(out, s[0], s[1]+".png"))
		if err != nil {
			t.Fatal(err)
		}
		// The post keeps each chart's PNG under a name of its own.
		name := fmt.Sprintf("%s-%s.png", s[0], s[1])
		if err := os.WriteFile(filepath.Join(snip, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&page, "<p>Chart %d.</p>\n%s\n", n+1, strings.ReplaceAll(string(data), `"`+s[1]+`.png"`, `"`+name+`"`))
		n++
	}
	page.WriteString("</body></html>\n")
	if err := os.WriteFile(filepath.Join(snip, "post.html"), []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	spec["snippets"] = filepath.Join(snip, "post.html")
	spec["snippetCount"] = n
	if *screenshots {
		dir, err := filepath.Abs("../../docs/screenshots")
		if err != nil {
			t.Fatal(err)
		}
		spec["screenshots"] = dir
	}
	js, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	specFile := filepath.Join(t.TempDir(), "spec.json")
	if err := os.WriteFile(specFile, js, 0o644); err != nil {
		t.Fatal(err)
	}
	outp, err := browsertest.Node(t, "site.mjs", specFile)
	if err != nil {
		t.Fatalf("site.mjs: %v", err)
	}
	m := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`).FindStringSubmatch(string(outp))
	if m == nil || m[2] != "0" || m[1] == "0" {
		t.Fatalf("site.mjs: %s", strings.TrimSpace(string(outp)))
	}
}
