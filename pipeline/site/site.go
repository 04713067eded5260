// Package site writes the static site of an analysed catalog: the landing
// page (index.html), the tool explorer (explorer.html with its data,
// tools.js) and the archive (archive/*.html: one page per release, or per
// month or quarter of a long history).
//
// It takes an analyze.Result and what pipeline/run rendered of it (chart
// titles, snippets, the report) and gives files by name to a write
// function. Everything works from file:// with no network and no server.
// Catalog text is data everywhere: html/template escapes it in pages,
// encoding/json (HTML-safe) in tools.js, and the explorer's fixed script puts
// it into the page as text only.
package site

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"path"
	"strings"
	"sync"

	"github.com/landscapehq/landscape/pipeline/analyze"
)

var (
	//go:embed explorer.js
	explorerJS []byte
	//go:embed site.css
	siteCSS []byte
)

// Fixed files of the site, beside the pages.
const (
	ToolsJS    = "tools.js"
	ToolsDir   = "tools" // the explorer's data past its first part (ToolsScripts)
	ExplorerJS = "explorer.js"
	SiteCSS    = "site.css"
	Explorer   = "explorer.html"
	ArchiveDir = "archive"
)

// ChartLink is one chart of the newest release, as the index lists it.
type ChartLink struct {
	Kind  string // file stem: sunburst.html, sunburst.png, sunburst.snippet.html
	Title string
	Alt   string // the PNG's alt text
}

// Options is what the site needs beside the analysis.
type Options struct {
	Charts []ChartLink
	// Report is report.md.
	Report []byte
	// Dataset is the dataset release's folder ("dataset/v1.2.0").
	Dataset string
	// Previous, when set, gives the bytes an earlier run wrote for the
	// archive page at path under key (ok false when it has none). An
	// archive page's key digests everything the page is drawn from (its
	// data, its tree, the chart options: ArchiveKey), so a page of a past
	// quarter of a history cut every day is taken, not drawn again.
	Previous func(path, key string) (data []byte, ok bool)
	// Keyed, when set, is told the key of every archive page written, with
	// its bytes.
	Keyed func(path, key string, data []byte)
	// Parquet lists the Parquet tables beside the index.
	Parquet []string
}

// Write writes every page and file of the site through write.
func Write(write func(name string, data []byte), res *analyze.Result, o Options) error {
	data, w := newToolWalker(res)
	if err := toolsScripts(data, len(w.order), func(i int) Tool { return w.tool(w.order[i]) }, PartBytes, write); err != nil {
		return err
	}
	write(ExplorerJS, explorerJS)
	write(SiteCSS, siteCSS)

	groups := ArchiveGroups(res)
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "explorer", pageData{
		Title: res.History.Name + " — tools", Catalog: res.History.Name, Root: "",
		Crumbs: []crumb{{Name: "Tools"}}, Data: data,
	}); err != nil {
		return fmt.Errorf("explorer.html: %w", err)
	}
	write(Explorer, buf.Bytes())

	// The archive's pages are made on two goroutines and written in order.
	pages := make([]archiveResult, len(groups))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(2, len(groups)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				pages[i] = archivePage(res, groups, i, o)
			}
		}()
	}
	for i := range groups {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, g := range groups {
		if pages[i].err != nil {
			return pages[i].err
		}
		p := path.Join(ArchiveDir, g.File)
		write(p, pages[i].data)
		if o.Keyed != nil {
			o.Keyed(p, pages[i].key, pages[i].data)
		}
	}

	buf.Reset()
	report, err := RenderMarkdown(o.Report)
	if err != nil {
		return err
	}
	idx := indexData(res, data, groups, report, o)
	graph, err := treeChart(res, res.Latest(), releaseTree(res, res.Latest()), "sunburst", "480px")
	if err != nil {
		return err
	}
	idx.Graph = graph
	idx.Flat = flat(res, res.Latest())
	if err := templates.ExecuteTemplate(&buf, "index", idx); err != nil {
		return fmt.Errorf("index.html: %w", err)
	}
	write("index.html", buf.Bytes())
	return nil
}

// flat reports whether release ri lists no tool in a subcategory (the
// sunburst is drawn as bars of categories then: model.Tree.Flat).
func flat(res *analyze.Result, ri int) bool {
	id := res.Releases[ri].ID
	for _, s := range res.Growth.Span(res.Growth.Subcategories, ri, ri) {
		if s.Release == id && s.Subcategory != "" && s.Tools > 0 {
			return false
		}
	}
	return true
}

// PartBytes is about the most JSON of tools one file of the explorer's data
// holds: tools.js holds the first part, and the explorer loads the others
// (tools/2.js, …) one after another once it has drawn the first, so that it
// is ready at once whatever the catalog's size (a part of 1 MiB is parsed in
// tens of milliseconds).
const PartBytes = 1 << 20

// ToolsScripts writes the explorer's data through write, the tools in their
// order split into parts of about partBytes of JSON each: tools.js assigns
// the catalog's releases and categories, the number of tools, the names of
// the other parts and the tools of the first part to window.LANDSCAPE_TOOLS;
// tools/N.js (N = 2, 3, …) hands part N's tools to
// window.LANDSCAPE_TOOLS_PART(N, tools), which explorer.js defines. All of
// it is JSON that encoding/json escapes (<, > and & as \u003c…, and
// U+2028/U+2029), so catalog text can close no script element.
func ToolsScripts(d *Data, partBytes int, write func(name string, data []byte)) error {
	head := *d
	head.Total = len(d.Tools)
	return toolsScripts(&head, len(d.Tools), func(i int) Tool { return d.Tools[i] }, partBytes, write)
}

// toolsScripts writes tools.js and its parts from d (the data but its
// tools) and the n tools that tool gives, one at a time.
func toolsScripts(d *Data, n int, tool func(i int) Tool, partBytes int, write func(name string, data []byte)) error {
	var first []byte // the first part's tools, comma-separated
	var parts []string
	var cur bytes.Buffer
	flush := func() {
		if first == nil {
			first = append([]byte(nil), cur.Bytes()...)
		} else {
			n := len(parts) + 2
			name := ToolsPart(n)
			parts = append(parts, name)
			var b bytes.Buffer
			fmt.Fprintf(&b, "// Generated by landscape: part %d of the tool explorer's data (explorer.js reads it).\nwindow.LANDSCAPE_TOOLS_PART(%d, [", n, n)
			b.Write(cur.Bytes())
			b.WriteString("]);\n")
			write(name, b.Bytes())
		}
		cur.Reset()
	}
	for i := range n {
		t := tool(i)
		js, err := json.Marshal(&t)
		if err != nil {
			return err
		}
		if cur.Len() > 0 && cur.Len()+len(js) > partBytes {
			flush()
		}
		if cur.Len() > 0 {
			cur.WriteByte(',')
		}
		cur.Write(js)
	}
	if cur.Len() > 0 || first == nil {
		flush()
	}
	head := struct {
		*Data
		Parts []string        `json:"parts"`
		Tools json.RawMessage `json:"tools"`
	}{Data: d, Parts: parts, Tools: append(append([]byte("["), first...), ']')}
	if head.Parts == nil {
		head.Parts = []string{}
	}
	js, err := json.Marshal(head)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	b.WriteString("// Generated by landscape: the tool explorer's data (explorer.js reads it).\nwindow.LANDSCAPE_TOOLS = ")
	b.Write(js)
	b.WriteString(";\n")
	write(ToolsJS, b.Bytes())
	return nil
}

// ToolsPart is the file of part n (n ≥ 2) of the explorer's data.
func ToolsPart(n int) string { return fmt.Sprintf("%s/%d.js", ToolsDir, n) }

type crumb struct{ Name, Href string }

type pageData struct {
	Title, Catalog, Root string
	Crumbs               []crumb
	Data                 *Data
}

type headline struct {
	Release, Previous, Date   string
	Tools, Listings, Cats     int
	Added, Removed, Moved     int
	Net                       string
	HasPrevious               bool
	Warnings, SkippedReleases int
}

func headlineOf(res *analyze.Result, ri, prev int) headline {
	r := res.Growth.Releases[ri]
	h := headline{Release: r.Release, Tools: r.Tools, Listings: r.Listings, Cats: r.Categories}
	if !r.Date.IsZero() {
		h.Date = r.Date.Format("2 January 2006")
	}
	if prev >= 0 {
		h.HasPrevious = true
		p := res.Growth.Releases[prev]
		h.Previous = p.Release
		for k := prev + 1; k <= ri; k++ {
			s := res.Growth.Releases[k]
			h.Added += s.Added
			h.Removed += s.Removed
			h.Moved += s.Moved
		}
		h.Net = fmt.Sprintf("%+d", r.Tools-p.Tools)
	}
	return h
}

type indexPage struct {
	pageData
	Headline headline
	Charts   []ChartLink
	Graph    template.HTML
	Flat     bool // the catalog has no subcategories: the graph is bars of categories
	Report   template.HTML
	Dataset  string
	DataCard string
	Parquet  []string
	Archive  []archiveYear
	Tools    int
	Warnings int
}

func indexData(res *analyze.Result, d *Data, groups []ArchiveGroup, report template.HTML, o Options) indexPage {
	latest := res.Latest()
	p := indexPage{
		pageData: pageData{Title: res.History.Name + " — landscape analysis", Catalog: res.History.Name, Data: d},
		Headline: headlineOf(res, latest, latest-1),
		Charts:   o.Charts,
		Report:   report,
		Dataset:  o.Dataset,
		Parquet:  o.Parquet,
		Archive:  archiveYears(groups),
		Tools:    d.Total,
		Warnings: len(res.History.Warnings),
	}
	if o.Dataset != "" {
		p.DataCard = o.Dataset + "/DATASET.md"
	}
	return p
}

// cut shortens s to n runes.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
