package run

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/site"
	"github.com/landscapehq/landscape/pipeline/synth"
)

// Page budgets at scale (TestPagesAt10000Tools). A page must stay usable on
// a phone over a mobile connection, whatever the catalog's size: 1.5 MB of
// HTML with the chart data in it is what a mid-range phone parses and draws in
// about a second (and loads in a few over 4G). The tree charts are bounded by
// model.MaxTreeNodes (about 160 bytes a node: under 0.5 MB a chart, two on an
// archive page); the explorer draws its first page from tools.js alone and
// loads the rest in parts of site.PartBytes after it.
const (
	maxPageBytes = 1_500_000
	// maxPartBytes: a part closes before the tool that would take it over
	// site.PartBytes; the slack is the part's header and trailer.
	maxPartBytes = site.PartBytes + 4<<10
)

// TestPagesAt10000Tools analyses a synthetic catalog of 10,000 tools (two
// releases) and checks that every page stays within its budget: each HTML
// page (index, explorer, chart pages, snippets, archive pages) within
// maxPageBytes, the tree charts within model.MaxTreeNodes nodes, each file of
// the explorer's data within maxPartBytes, and the parts together holding
// every tool once.
func TestPagesAt10000Tools(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 20,000 listings")
	}
	dir := filepath.Join(t.TempDir(), "big")
	if _, err := synth.WriteCatalog(dir, synth.Options{Seed: 7, Releases: 2, Tools: 10_000}); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	sum, err := Analyze(Options{Catalogs: []string{dir}, Out: out, Assets: html.AssetsLocal})
	if err != nil {
		t.Fatal(err)
	}
	if n := sum.Catalogs[0].Releases[1].Tools; n < 9_500 {
		t.Fatalf("%d tools in the newest release; want about 10,000", n)
	}
	root := filepath.Join(out, "big")
	var pages, parts int
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			if rel == "dataset" || rel == CacheDir {
				return filepath.SkipDir
			}
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			if info.Size() > maxPageBytes {
				t.Errorf("%s: %d bytes, over %d", rel, info.Size(), maxPageBytes)
			}
		case rel == site.ToolsJS || filepath.Dir(rel) == site.ToolsDir:
			parts++
			if info.Size() > maxPartBytes {
				t.Errorf("%s: %d bytes, over %d", rel, info.Size(), maxPartBytes)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 20 || parts < 3 {
		t.Errorf("%d pages, %d files of explorer data: want every page, and the data in parts", pages, parts)
	}

	// The sunburst's and treemap's nodes: bounded, with the tools past the
	// bound folded ("N more tools").
	for _, name := range []string{"sunburst.html", "treemap.html"} {
		data, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		nodes := strings.Count(string(data), `"name":`) - 1 // the series' name
		if nodes > model.MaxTreeNodes || nodes < model.MaxTreeNodes/2 {
			t.Errorf("%s: %d nodes; want at most %d (and not far fewer)", name, nodes, model.MaxTreeNodes)
		}
		if !regexp.MustCompile(`"name":"[0-9,]+ more tools"`).Match(data) {
			t.Errorf("%s: no folded node", name)
		}
	}

	// Every tool ever listed is in the explorer's data, once, in order.
	head := readScriptJSON(t, filepath.Join(root, site.ToolsJS), "window.LANDSCAPE_TOOLS = ", ";\n")
	var d struct {
		Total int               `json:"total"`
		Parts []string          `json:"parts"`
		Tools []json.RawMessage `json:"tools"`
	}
	if err := json.Unmarshal(head, &d); err != nil {
		t.Fatal(err)
	}
	ids := toolIDs(t, d.Tools)
	for i, p := range d.Parts {
		body := readScriptJSON(t, filepath.Join(root, filepath.FromSlash(p)), "window.LANDSCAPE_TOOLS_PART("+itoa(i+2)+", ", ");\n")
		var tools []json.RawMessage
		if err := json.Unmarshal(body, &tools); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		ids = append(ids, toolIDs(t, tools)...)
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("tool %s twice in the explorer's data", id)
		}
		seen[id] = true
	}
	if len(ids) != d.Total || d.Total < 10_000 {
		t.Errorf("%d tools in the explorer's data, total %d", len(ids), d.Total)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// readScriptJSON is the JSON of a generated script between prefix and suffix.
func readScriptJSON(t *testing.T, path, prefix, suffix string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	i := strings.Index(s, prefix)
	if i < 0 || !strings.HasSuffix(s, suffix) {
		t.Fatalf("%s: not a script of the explorer's data", path)
	}
	return []byte(s[i+len(prefix) : len(s)-len(suffix)])
}

func toolIDs(t *testing.T, tools []json.RawMessage) []string {
	t.Helper()
	ids := make([]string, 0, len(tools))
	for _, raw := range tools {
		var tl struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(raw, &tl); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, tl.ID)
	}
	return ids
}

// TestReportAtManyReleases: report.md of a history of 400 releases keeps its
// tables short: the additions on year-only launch dates list at most 40
// releases (those with such additions), not one row per release.
func TestReportAtManyReleases(t *testing.T) {
	if testing.Short() {
		t.Skip("400 releases")
	}
	dir := filepath.Join(t.TempDir(), "long")
	if _, err := synth.WriteCatalog(dir, synth.Options{Seed: 3, Releases: 400, Tools: 60, Categories: 5, AddRate: 0.05}); err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
	res, err := Load(mem, dir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		res.History.Release()
		mem.AssertSize(t, 0)
	}()
	yearOnly := 0
	for _, n := range res.AddedYearOnly() {
		if n > 0 {
			yearOnly++
		}
	}
	if yearOnly <= 40 {
		t.Fatalf("%d releases add tools on year-only dates; want more than 40 for the test", yearOnly)
	}
	var b strings.Builder
	if err := export.Report(&b, res); err != nil {
		t.Fatal(err)
	}
	report := b.String()
	i := strings.Index(report, "| release | new tools | on a year-only date |")
	if i < 0 {
		t.Fatal("no table of additions on year-only dates")
	}
	rows := 0
	for _, line := range strings.Split(report[i:], "\n")[2:] {
		if !strings.HasPrefix(line, "| ") {
			break
		}
		if strings.HasSuffix(line, "| 0 |") {
			t.Errorf("a release without year-only additions listed: %s", line)
		}
		rows++
	}
	if rows != 40 || !strings.Contains(report[i:], fmt.Sprintf("and %d releases before them.", yearOnly-40)) {
		t.Errorf("%d rows (of %d releases with year-only additions)", rows, yearOnly)
	}
}
