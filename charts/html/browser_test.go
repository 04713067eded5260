package html

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/landscapehq/landscape/internal/browsertest"
)

// TestBrowser renders every chart kind (realistic and hostile models, inline
// assets; some dark; one with local assets; snippets wrapped in a minimal
// post page) and opens them in headless Chromium with test/browser/check.mjs.
//
// It needs node, /usr/bin/chromium (or $CHROMIUM) and
// test/browser/node_modules (scripts/setup-test-deps.sh installs them). It
// skips when they are missing, unless LANDSCAPE_BROWSER=1, which makes
// missing tools a failure. LANDSCAPE_BROWSER_OUT=DIR keeps the pages in DIR;
// SCREENSHOT_DIR=DIR makes check.mjs save a PNG of each.
func TestBrowser(t *testing.T) {
	dir := t.TempDir()
	if keep := os.Getenv("LANDSCAPE_BROWSER_OUT"); keep != "" {
		// keep the pages for a look (or: SCREENSHOT_DIR=... for PNGs)
		dir = keep
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	pages := 0
	write := func(name string, b []byte) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if filepath.Ext(name) == ".html" { // assets are not pages
			pages++
		}
	}
	render := func(c chartCase, o Options) []byte {
		t.Helper()
		var buf bytes.Buffer
		if err := c.render(&buf, o); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		return buf.Bytes()
	}

	for _, c := range allChartCases() {
		write(c.name+".html", render(c, Options{}))
	}
	real, bad := chartCases(false), chartCases(true)
	for _, c := range []chartCase{real[0], real[1], bad[5]} {
		write("dark-"+c.name+".html", render(c, Options{Theme: ThemeDark}))
	}
	// Local assets next to the page.
	for _, a := range AssetFiles() {
		write(filepath.Join("local", a.Name), a.Data)
	}
	write(filepath.Join("local", real[2].name+".html"), render(real[2], Options{Assets: AssetsLocal}))
	// Snippets pasted into a post: two charts on one page, and a hostile one.
	post := func(title string, snippets ...[]byte) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n<h1>%s</h1>\n<p>Some text of the post.</p>\n", title, title)
		for _, s := range snippets {
			b.Write(s)
			b.WriteString("<p>More text.</p>\n")
		}
		b.WriteString("</body>\n</html>\n")
		return b.Bytes()
	}
	write("snippet-post.html", post("A post with two charts",
		render(real[0], Options{Snippet: true, Height: "500px"}),
		render(bad[4], Options{Snippet: true, ID: "post-churn", Width: "800px", Height: "400px"})))
	write("snippet-hostile-sunburst.html", post("A hostile snippet", render(bad[0], Options{Snippet: true, Theme: ThemeDark})))

	browsertest.Check(t, dir, pages)
}
