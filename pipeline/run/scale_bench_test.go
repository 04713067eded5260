package run

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/synth"
)

// Memory per listing (BenchmarkMemoryPerListing), issue #19: peak RSS over
// listings at the larger size, and the growth of peak RSS per listing
// between the two sizes (what a listing costs, without the fixed part of a
// run: the binary, ECharts, the PNG canvases).
// The must is the "low kilobytes" (it measured 8–16 KB); the aim is
// the live data of a listing (a heap profile of 200,000 Markdown bullets
// peaks at about 2.7 KB live per listing, with the dataset's year partition,
// the analysis tables and the read cache all in memory at once).
const (
	memPerListingMust = 6 << 10 // bytes of peak RSS per listing, at the larger size
	memPerListingAim  = 2 << 10
)

// BenchmarkMemoryPerListing runs `landscape analyze` (bin/landscape, a
// process of its own, with the command's GC policy) on generated catalogs of
// each input format at two sizes — a CSV export and an awesome-list Markdown
// of one release (N rows; N bullets under N/1,000 headings), and canonical
// YAML from `landscape synth` (releases of 2,000 tools making N listings) —
// and reports wall time, CPU time, peak RSS, and bytes per listing: peak RSS
// / N at the larger size (against memPerListingMust and memPerListingAim) and
// the marginal cost, (peak RSS at N₂ − at N₁) / (N₂ − N₁).
//
// LANDSCAPE_BIN names the binary (as for BenchmarkP5).
func BenchmarkMemoryPerListing(b *testing.B) {
	if b.N > 1 {
		b.Skip("runs once")
	}
	bin := p5Binary(b)
	sizes := [2]int{50_000, 200_000}
	type row struct {
		format string
		runs   [2]p5Run
	}
	var rows []row
	for _, format := range []string{"csv", "markdown", "canonical"} {
		r := row{format: format}
		for i, n := range sizes {
			dir := filepath.Join(b.TempDir(), fmt.Sprintf("%s%d", format, n))
			writeScaleCatalog(b, format, dir, n)
			r.runs[i] = p5Analyze(b, bin, dir, filepath.Join(b.TempDir(), "out"))
		}
		rows = append(rows, r)
	}
	var w strings.Builder
	fmt.Fprintf(&w, "\nMemory per listing: landscape analyze on generated catalogs, %d cores, %s\n", runtime.NumCPU(), bin)
	fmt.Fprintf(&w, "%-10s %9s %9s %9s %9s %12s %12s\n", "format", "listings", "wall s", "cpu s", "peak MB", "B/listing", "marginal B")
	worst := 0.0
	for _, r := range rows {
		for i, n := range sizes {
			run := r.runs[i]
			per := float64(run.rss) / float64(n)
			marginal := "-"
			if i == 1 {
				marginal = fmt.Sprintf("%.0f", float64(run.rss-r.runs[0].rss)/float64(sizes[1]-sizes[0]))
				worst = max(worst, per)
			}
			fmt.Fprintf(&w, "%-10s %9d %9.2f %9.2f %9.0f %12.0f %12s  (load %s)\n", r.format, n, run.wall.Seconds(), run.cpu.Seconds(),
				float64(run.rss)/1e6, per, marginal, run.load)
		}
	}
	fmt.Fprintf(&w, "worst at %d listings: %.0f B/listing: must (%d) %.2fx, aim (%d) %.2fx\n", sizes[1], worst,
		memPerListingMust, worst/memPerListingMust, memPerListingAim, worst/memPerListingAim)
	fmt.Print(w.String())
	b.ReportMetric(worst, "B/listing")
	if worst > memPerListingMust {
		b.Errorf("%.0f bytes of peak RSS per listing; must be at most %d", worst, memPerListingMust)
	}
}

// writeScaleCatalog writes a generated catalog of n listings in format into
// dir: CSV (name, category, subcategory; 40 categories, 400 subcategories)
// and Markdown (bullets with a repository link and a description, 1,000 under
// each heading), one release each; canonical YAML through synth (2,000 tools
// a release).
func writeScaleCatalog(b *testing.B, format, dir string, n int) {
	b.Helper()
	if format == "canonical" {
		o := synth.Options{Seed: 1, Tools: 2000}
		o.Releases = o.ReleasesFor(n)
		if _, err := synth.WriteCatalog(dir, o); err != nil {
			b.Fatal(err)
		}
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	name := map[string]string{"csv": "2026-06-30.csv", "markdown": "2026-06-30.md"}[format]
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	switch format {
	case "csv":
		fmt.Fprintln(w, "name,category,subcategory")
		for k := range n {
			fmt.Fprintf(w, "t%d,c%d,s%d\n", k, k%40, k%400)
		}
	case "markdown":
		fmt.Fprintln(w, "# Awesome generated")
		for k := range n {
			if k%1000 == 0 {
				fmt.Fprintf(w, "\n## Section %d\n\n", k/1000)
			}
			fmt.Fprintf(w, "* [Tool %d](https://github.com/o%d/t%d) - does thing %d.\n", k, k%997, k, k)
		}
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
