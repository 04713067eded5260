package run

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/static"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/site"
)

// Options of an analyze run.
type Options struct {
	Catalogs []string // catalog folders; none: the bundled catalog
	Out      string   // output root; each catalog writes Out/<name>/
	Read     read.Options
	Assets   string // html assets mode for the pages: local (default), inline, cdn
	Mem      memory.Allocator
	Progress ProgressFunc // nil: silent
	Period   string       // report.md's growth tables: export.ReportOptions.Period
}

// CatalogSummary is one catalog in the run's summary.
type CatalogSummary struct {
	Name     string                `json:"name"`
	Releases []analyze.ReleaseStat `json:"releases"`
	Warnings int                   `json:"warnings"`
	// SkippedReleases counts the release files that could not be read
	// and were left out (each is also a warning).
	SkippedReleases int `json:"skipped_releases"`
	// Anomalies are the releases in which a large share of the tools
	// disappears and comes back in the next release: probable reading or
	// source problems, not churn (analyze.Anomalies).
	Anomalies []analyze.Anomaly `json:"anomalies"`
	Outputs   []string          `json:"outputs"`
	// Resumed counts the release files not read again: the previous
	// output's cache held them (see CacheDir). ReusedFiles counts the
	// dataset's partition files taken from the previous output unchanged,
	// ReusedPages the site's archive pages.
	Resumed     int `json:"resumed_releases,omitempty"`
	ReusedFiles int `json:"reused_files,omitempty"`
	ReusedPages int `json:"reused_pages,omitempty"`
}

// Summary is what `analyze --json` prints.
type Summary struct {
	Catalogs []CatalogSummary `json:"catalogs"`
}

// Analyze reads, analyses and writes every catalog. All catalogs are read
// and analysed before anything is written, so bad input writes nothing.
func Analyze(o Options) (*Summary, error) {
	var cleanup func()
	var err error
	if o.Catalogs, o.Mem, cleanup, err = prepare(o.Catalogs, o.Out, o.Mem); err != nil {
		return nil, err
	}
	defer cleanup()
	if o.Assets == "" {
		o.Assets = html.AssetsLocal
	}
	results := make([]*analyze.Result, 0, len(o.Catalogs))
	caches := make([]map[string][]byte, 0, len(o.Catalogs))
	resumed := make([]int, 0, len(o.Catalogs))
	var prevs []*previous
	datasets := make([]export.DatasetOptions, 0, len(o.Catalogs))
	defer func() {
		for _, r := range results {
			r.Release()
		}
	}()
	names := map[string]string{}
	for _, dir := range o.Catalogs {
		name, err := CatalogName(dir)
		if err != nil {
			return nil, err
		}
		prevOut := filepath.Join(o.Out, name)
		l, err := load(o.Mem, dir, o.Read, o.Progress, prevOut)
		if err != nil {
			return nil, err
		}
		res := l.res
		results = append(results, res)
		cache := map[string][]byte{}
		if l.cache != nil {
			cache[readCacheName] = l.cache
		}
		caches = append(caches, cache)
		resumed = append(resumed, l.resumed)
		prevs = append(prevs, &previous{pages: loadPages(prevOut)}) // its partitions: in datasets[i].Prepared
		notes, err := export.ReadSourceNotes(dir)
		if err != nil {
			return nil, err
		}
		datasets = append(datasets, export.DatasetOptions{Source: notes.Source, License: notes.License, ReportPeriod: o.Period, Excluded: o.Read.ExcludeCategories, Prepared: l.parts})
		if other, dup := names[res.History.Name]; dup {
			return nil, fmt.Errorf("%s and %s: two catalogs named %q would write the same output folder", other, dir, res.History.Name)
		}
		names[res.History.Name] = dir
	}
	sum := &Summary{}
	for i, res := range results {
		target := filepath.Join(o.Out, res.History.Name)
		o.Progress.report(res.History.Name, "write", 0, 0)
		var files []string
		var reused, reusedPages int
		err := WriteDirAtomic(target, func(tmp string) error {
			var err error
			var next *previous
			files, next, err = writeOutputs(o.Mem, res, tmp, o.Assets, datasets[i], prevs[i])
			if err != nil {
				return err
			}
			reused, reusedPages = next.parts.Reused, next.pages.reused
			if js, err := json.MarshalIndent(next.parts, "", " "); err == nil {
				caches[i][partitionsName] = append(js, '\n')
			}
			if js, err := json.MarshalIndent(next.pages, "", " "); err == nil {
				caches[i][pagesName] = append(js, '\n')
			}
			return writeCache(tmp, caches[i])
		})
		if err != nil {
			return nil, err
		}
		cs := summaryOf(res)
		cs.Resumed, cs.ReusedFiles, cs.ReusedPages = resumed[i], reused, reusedPages
		for _, f := range files {
			cs.Outputs = append(cs.Outputs, filepath.Join(target, f))
		}
		sum.Catalogs = append(sum.Catalogs, cs)
	}
	return sum, nil
}

// WriteOutputs writes every output of one analysed catalog into dir and
// returns the file names written, sorted; the dataset release goes to
// dir/dataset/<version>/ (export.WriteDataset).
func WriteOutputs(mem memory.Allocator, res *analyze.Result, dir, assets string, ds export.DatasetOptions) ([]string, error) {
	names, _, err := writeOutputs(mem, res, dir, assets, ds, nil)
	return names, err
}

// previous is what an earlier output on the same --out lends a run (see
// CacheDir): the dataset's partition files and the site's archive pages,
// each under a key that digests what it follows from. A run reads the
// partitions while it loads (export.PreparePartitions) and the pages here;
// writeOutputs gives both for the next run.
type previous struct {
	parts *export.Partitions
	pages *sitePages
}

// writeOutputs is WriteOutputs taking the site's unchanged archive pages
// from an earlier output (prev; nil for none) and the dataset's partition
// files as ds.Prepared has them, and giving those it wrote for the next
// run, with paths relative to dir.
func writeOutputs(mem memory.Allocator, res *analyze.Result, dir, assets string, ds export.DatasetOptions, prev *previous) (names []string, next *previous, err error) {
	defer func() {
		if err != nil {
			names, next = nil, nil
		}
	}()
	if prev == nil {
		prev = &previous{}
	}
	pages := &sitePages{Generator: export.GeneratorVersion}
	w := &writer{dir: dir}
	ri := res.Latest()

	// Four jobs run side by side: the charts render on a goroutine, the
	// site is written on another (once the report is made) and the dataset
	// release on a third (once the tables are), while the report, the
	// summary and the rendered charts are written here. Each
	// writes files of its own; the names are sorted at the end.
	charts := Charts(res, ri)
	rendered := make(chan []chartFiles, 1)
	idPrefix := []string{res.History.Name, res.Releases[ri].ID}
	go func() { rendered <- renderCharts(charts, assets, idPrefix) }()
	defer func() {
		if rendered != nil {
			<-rendered
		}
	}()

	var report bytes.Buffer
	if err := export.Report(&report, res, export.ReportOptions{Period: ds.ReportPeriod, Charts: reportCharts(charts), Excluded: ds.Excluded}); err != nil {
		return nil, nil, err
	}
	w.file("report.md", report.Bytes())
	page, err := export.ReportHTML(report.Bytes(), res.History.Name+" — release "+res.Releases[ri].ID)
	if err != nil {
		return nil, nil, err
	}
	w.file("report.html", page)

	dsDir := filepath.Join("dataset", export.DatasetVersion(res, ds.Patch))
	if err := os.MkdirAll(filepath.Join(dir, dsDir), 0o755); err != nil {
		return nil, nil, err
	}
	if err := WriteMarker(filepath.Join(dir, dsDir)); err != nil { // export may replace it
		return nil, nil, err
	}
	parquetNames := res.TableNames()
	for i, n := range parquetNames {
		parquetNames[i] = n + ".parquet"
	}
	siteW := &writer{dir: dir}
	siteDone := make(chan error, 1)
	go func() {
		siteDone <- writeSite(siteW, res, charts, report.Bytes(), filepath.ToSlash(dsDir), parquetNames, prev.pages, pages)
	}()
	defer func() {
		if siteDone != nil {
			<-siteDone
		}
	}()
	type dsResult struct {
		files []string
		parts *export.Partitions
		err   error
	}
	// The tables are made once, for the dataset (which retains them); the
	// site, started before them, reads their names.
	tables := res.Tables(mem)
	for _, t := range tables {
		defer t.Release()
	}
	ds.Tables = tables
	dataset := make(chan dsResult, 1)
	go func() {
		files, parts, err := export.WriteDatasetFrom(mem, res, filepath.Join(dir, dsDir), ds)
		dataset <- dsResult{files, parts, err}
	}()
	defer func() {
		if dataset != nil {
			<-dataset // nothing is written once WriteOutputs returns
		}
	}()

	// The pages of the site (index, explorer, archive) load the local copy
	// (with its licence) whatever --assets says for the chart pages.
	for _, a := range html.AssetFiles() {
		w.file(a.Name, a.Data)
	}
	summary, err := json.MarshalIndent(summaryOf(res), "", "  ")
	if err != nil {
		return nil, nil, err
	}
	w.file("summary.json", append(summary, '\n'))

	files := <-rendered
	rendered = nil
	for _, f := range files {
		if f.err != nil {
			return nil, nil, f.err
		}
		w.file(f.kind+".html", f.page)
		w.file(f.kind+".snippet.html", f.snippet)
		w.file(f.kind+".png", f.png)
	}
	serr := <-siteDone
	siteDone = nil
	if serr != nil {
		return nil, nil, serr
	}
	if siteW.err != nil {
		return nil, nil, siteW.err
	}
	w.names = append(w.names, siteW.names...)
	if w.err != nil {
		return nil, nil, w.err
	}

	dr := <-dataset
	dataset = nil
	if dr.err != nil {
		return nil, nil, fmt.Errorf("dataset: %w", dr.err)
	}
	// The analyses' tables beside the dataset are its files, the same
	// bytes (sorted, with the dataset's metadata): a hard link to each, or
	// a copy. The history itself is the dataset's listings table, a month
	// at a time: it is not repeated here.
	for i, t := range tables {
		w.same(parquetNames[i], filepath.Join(dsDir, t.Name, "part-0.parquet"))
	}
	if w.err != nil {
		return nil, nil, w.err
	}
	for _, f := range dr.files {
		w.names = append(w.names, filepath.Join(dsDir, filepath.FromSlash(f)))
	}
	sort.Strings(w.names)
	dr.parts.Dir = filepath.ToSlash(dsDir)
	return w.names, &previous{parts: dr.parts, pages: pages}, nil
}

// chartFiles is one chart's page, snippet and image.
type chartFiles struct {
	kind               string
	page, snippet, png []byte
	err                error
}

// renderCharts renders every chart, two at a time.
func renderCharts(charts []Chart, assets string, idPrefix []string) []chartFiles {
	out := make([]chartFiles, len(charts))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, c := range charts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			out[i] = renderChart(c, assets, html.ChartID(append(idPrefix, c.Kind)...))
		}()
	}
	wg.Wait()
	return out
}

// renderChart renders a chart's page (with a link back to index.html), its
// snippet (ECharts from the pinned CDN with SRI, the element id unique to
// catalog, release and kind, the PNG beside it as fallback) and its PNG.
func renderChart(c Chart, assets, id string) chartFiles {
	f := chartFiles{kind: c.Kind}
	var page, snippet, img bytes.Buffer
	// A page's chart fills most of the window (the snippet keeps 600 px).
	if err := c.HTML(&page, html.Options{Assets: assets, Title: c.Title, Back: "index.html", Height: "88vh"}); err != nil {
		f.err = fmt.Errorf("%s chart: %w", c.Kind, err)
		return f
	}
	if err := c.HTML(&snippet, html.Options{Assets: html.AssetsCDN, Snippet: true, Title: c.Title, ID: id, Fallback: c.Kind + ".png"}); err != nil {
		f.err = fmt.Errorf("%s snippet: %w", c.Kind, err)
		return f
	}
	if err := c.Static(&img, static.Options{Format: "png"}); err != nil {
		f.err = fmt.Errorf("%s png: %w", c.Kind, err)
		return f
	}
	f.page, f.snippet, f.png = page.Bytes(), snippet.Bytes(), img.Bytes()
	return f
}

type writer struct {
	dir   string
	names []string
	err   error
}

func (w *writer) file(name string, data []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if w.err = os.MkdirAll(filepath.Dir(p), 0o755); w.err != nil {
		return
	}
	w.err = os.WriteFile(p, data, 0o644)
	w.names = append(w.names, name)
	killPoint() // test hook (see KillEnv)
}

// same puts at name the file at rel (both in w.dir), which this run wrote
// (catalog.PlaceUnchanged: a hard link where it can).
func (w *writer) same(name, rel string) {
	if w.err != nil {
		return
	}
	if w.err = catalog.PlaceUnchanged(filepath.Join(w.dir, rel), filepath.Join(w.dir, filepath.FromSlash(name)), nil); w.err != nil {
		return
	}
	w.names = append(w.names, name)
	killPoint() // test hook (see KillEnv)
}

// writeSite writes the site's pages (pipeline/site): index.html, the tool
// explorer and the archive.
func writeSite(w *writer, res *analyze.Result, charts []Chart, report []byte, dsDir string, parquet []string, prev, pages *sitePages) error {
	o := site.Options{Report: report, Dataset: dsDir, Previous: prev.lookup(pages), Keyed: pages.add}
	o.Parquet = append(o.Parquet, parquet...)
	sort.Strings(o.Parquet)
	seen := map[string]bool{}
	for _, c := range charts {
		title := c.Title
		if seen[title] { // sunburst and treemap draw the same tree
			title = c.Kind + ": " + title
		}
		seen[title] = true
		o.Charts = append(o.Charts, site.ChartLink{Kind: c.Kind, Title: title, Alt: c.Title})
	}
	return site.Write(w.file, res, o)
}

// summaryOf is a catalog's summary, without its outputs.
func summaryOf(res *analyze.Result) CatalogSummary {
	anomalies := res.Anomalies
	if anomalies == nil {
		anomalies = []analyze.Anomaly{} // [] rather than null
	}
	return CatalogSummary{Name: res.History.Name, Releases: res.Growth.Releases, Warnings: len(res.History.Warnings), SkippedReleases: res.History.Warnings.SkippedReleases(), Anomalies: anomalies}
}
