package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/browsertest"
)

// TestHostileCatalog analyses testdata/hostile — a canonical catalog of two
// releases in which every string field (release id, title, source and
// commit; category, subcategory, tool name, description, homepage and
// repository URLs, status, extra keys and values) carries script payloads,
// and its Markdown and CSV variants (javascript: links, raw HTML, payload
// headings and columns) — and checks that no script of theirs can run in
// what analyze writes:
//
//   - no HTML page holds a payload as markup (only escaped: \u003c, &lt;),
//     no tag with an event handler attribute from the data, no javascript:
//     link;
//   - report.md and the dataset's DATASET.md hold no raw <script>, <img>,
//     <svg> or <iframe> tag and no javascript: link outside code blocks;
//   - the chart pages, opened in headless Chromium (test/browser/check.mjs,
//     which hovers every chart to build its tooltips), never set
//     window.__pwned and get no injected element (skipped without node and
//     Chromium, unless LANDSCAPE_BROWSER=1);
//   - report.html, opened there as a document page, runs no script, holds
//     no element but its own figures (img data-landscape-figure) and
//     requests nothing but the chart PNGs it shows, which all load.
//
// License and launched are checked against their grammars (SPDX, YYYY-MM)
// when read, so they cannot carry a payload.
func TestHostileCatalog(t *testing.T) {
	cats := []string{"../../testdata/hostile", "../../testdata/hostile/markdown", "../../testdata/hostile/csv"}
	out := t.TempDir()
	code, stdout, stderr := runCLI(append([]string{"analyze", "--out", out}, cats...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Nothing is lost: every release and tool is there.
	for _, name := range []string{"hostile", "markdown", "csv"} {
		if !regexp.MustCompile(`(?m)^` + name + `: 2 releases, newest .*: 6 tools `).MatchString(stdout) {
			t.Errorf("%s: not 2 releases of 6 tools:\n%s", name, stdout)
		}
	}

	// The payloads as written in the catalogs: found as is in a page, they
	// are markup.
	payloads := []string{
		"</script><script>window.__pwned=1</script>", "<img src=x onerror=window.__pwned=1>",
		"<svg onload=window.__pwned=1>", "<svg/onload=window.__pwned=1>", "<img/src=x/onerror=window.__pwned=1>",
		`<iframe srcdoc="<script>parent.__pwned=1</script>">`, "<!-- -->",
	}
	handler := regexp.MustCompile(`(?i)<[a-z][^<>]*[\s/"']on[a-z]+\s*=\s*["']?[^"'<>]*__pwned`)
	jsLink := regexp.MustCompile(`(?i)(href|src|action)\s*=\s*["']?\s*javascript:|\]\(\s*<?\s*javascript:`)
	rawTag := regexp.MustCompile(`(?i)<\s*/?\s*(script|img|svg|iframe|object|embed)\b`)
	fence := regexp.MustCompile("(?ms)^```.*?^```")
	files, pages := 0, 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		ext := filepath.Ext(p)
		if ext != ".html" && ext != ".md" {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		s, rel := string(data), strings.TrimPrefix(p, out+string(filepath.Separator))
		for _, pl := range payloads {
			if strings.Contains(s, pl) && (ext == ".html" || strings.Contains(fence.ReplaceAllString(s, ""), pl)) {
				t.Errorf("%s holds the payload %q unescaped", rel, pl)
			}
		}
		if m := handler.FindString(s); m != "" && ext == ".html" {
			t.Errorf("%s: an event handler from the data: %q", rel, m)
		}
		if m := jsLink.FindString(s); m != "" {
			t.Errorf("%s: a javascript: link: %q", rel, m)
		}
		if ext == ".md" {
			if m := rawTag.FindString(fence.ReplaceAllString(s, "")); m != "" {
				t.Errorf("%s: raw HTML tag %q outside code blocks", rel, m)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 30 {
		t.Fatalf("only %d HTML and Markdown files checked", files)
	}

	// The chart pages and report.html in the browser (snippets load ECharts
	// from the CDN and index.html shows the PNGs: charts/html's browser test
	// and the checks above cover them). The PNGs go along: report.html
	// shows them as figures.
	dir := t.TempDir()
	for _, name := range []string{"hostile", "markdown"} {
		entries, err := os.ReadDir(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			n := e.Name()
			// chart pages and report.html, a document page (the explorer is
			// a site page: pipeline/run's TestSitePagesInBrowser)
			page := strings.HasSuffix(n, ".html") && !strings.HasSuffix(n, ".snippet.html") && n != "index.html" && n != "explorer.html"
			if !page && n != "echarts.min.js" && !strings.HasSuffix(n, ".png") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(out, name, n))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name, n), data, 0o644); err != nil {
				t.Fatal(err)
			}
			if page {
				pages++
			}
		}
	}
	b := &browserRun{TB: t}
	browsertest.Check(b, dir, pages)
	if len(b.failed) == 0 {
		return
	}
	// Fail on what a script of the data could do; report the rest (a
	// chart that does not react to a click, say) without failing: that is
	// charts/html's browser test's business.
	var security, other []string
	for _, line := range strings.Split(b.log.String(), "\n") {
		problem, ok := strings.CutPrefix(strings.TrimSpace(line), "- ")
		if !ok {
			continue
		}
		if browserSecurity.MatchString(problem) {
			security = append(security, problem)
		} else {
			other = append(other, problem)
		}
	}
	if len(security) > 0 || len(other) == 0 {
		t.Fatalf("check.mjs: %s\n%s", strings.Join(b.failed, "; "), strings.Join(security, "\n"))
	}
	t.Logf("NOTE: chart pages of the hostile catalogs have problems that are not about scripts (charts/html): %s", strings.Join(other, "; "))
}

// browserSecurity matches the problems check.mjs reports that a script or
// markup of the data could cause.
var browserSecurity = regexp.MustCompile(`__pwned|injected element|event-handler attribute|non-http\(s\) link|dialog opened|popup opened|unexpected request|script elements|page error|console error`)

// browserRun is the test as browsertest.Check sees it: its failures are
// collected to be sorted, and its log is kept.
type browserRun struct {
	testing.TB
	log    strings.Builder
	failed []string
}

func (b *browserRun) Helper() {}

func (b *browserRun) Logf(format string, args ...any) {
	b.TB.Logf(format, args...)
	fmt.Fprintf(&b.log, format+"\n", args...)
}

func (b *browserRun) Fatalf(format string, args ...any) {
	b.failed = append(b.failed, fmt.Sprintf(format, args...))
}
