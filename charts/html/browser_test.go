package html

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
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
	required := os.Getenv("LANDSCAPE_BROWSER") == "1"
	unavailable := func(why string) {
		t.Helper()
		if required {
			t.Fatalf("LANDSCAPE_BROWSER=1 but %s (run scripts/setup-test-deps.sh)", why)
		}
		t.Skipf("browser test skipped: %s (run scripts/setup-test-deps.sh, or set LANDSCAPE_BROWSER=1 to require it)", why)
	}
	if testing.Short() && !required {
		t.Skip("browser test skipped in -short mode")
	}
	browserDir, err := filepath.Abs(filepath.Join("..", "..", "test", "browser"))
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(browserDir, "node_modules", "playwright-core", "package.json")); err != nil {
		unavailable("test/browser/node_modules/playwright-core is missing")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		unavailable(chromium + " is missing")
	}

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
		pages++
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
	if err := WriteAssets(filepath.Join(dir, "local")); err != nil {
		t.Fatal(err)
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

	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, "check.mjs", dir)
	cmd.Dir = browserDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("node check.mjs:\n%s", out)
	if err != nil {
		t.Fatalf("check.mjs failed: %v", err)
	}
	m := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`).FindStringSubmatch(string(out))
	if m == nil || m[1] != fmt.Sprint(pages) || m[2] != "0" {
		t.Fatalf("check.mjs: want %d passed, 0 failed; got %q", pages, strings.TrimSpace(lastLine(out)))
	}
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
