package run

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/static"
	"github.com/landscapehq/landscape/internal/atomicfile"
	"github.com/landscapehq/landscape/pipeline/read"
)

// ChartOptions are a chart run's: one chart of one release of a catalog.
type ChartOptions struct {
	Kind    string // one of ChartKinds
	Catalog string // catalog folder; "" for the bundled one
	Release string // release id; "" for the newest
	Format  string // one of ChartFormats
	Preset  string // png, svg: image size
	Scale   float64
	Theme   string
	Assets  string // html: where ECharts comes from; "" for cdn in a snippet, inline in a page
	Snippet bool   // html: a <div> + <script> only
	// ID is the html chart element's id; "" for one unique to catalog,
	// release and kind (html.ChartID).
	ID string
	// Fallback is the relative URL of the chart's PNG, shown where scripts
	// or the network are off; "" for KIND.png in a snippet, none in a page.
	Fallback string
	// Out is the file to write, whole or not at all; "" or "-" writes to
	// Stdout.
	Out      string
	Stdout   io.Writer
	Read     read.Options
	Progress ProgressFunc
}

// DrawChart reads and analyses a catalog and draws one chart of it.
func DrawChart(o ChartOptions) error {
	if !slices.Contains(ChartKinds, o.Kind) {
		return fmt.Errorf("unknown chart %q; want one of %s", o.Kind, strings.Join(ChartKinds, ", "))
	}
	toFile := o.Out != "" && o.Out != "-"
	if toFile {
		if err := CheckOutFile(o.Out, o.Catalog); err != nil {
			return err
		}
	}
	dir, cleanup, err := catalogOrBundled(o.Catalog)
	if err != nil {
		return err
	}
	defer cleanup()
	res, err := Load(memory.DefaultAllocator, dir, o.Read, o.Progress)
	if err != nil {
		return err
	}
	defer res.Release()
	ri := res.Latest()
	if o.Release != "" {
		ri = -1
		for i, r := range res.Releases {
			if r.ID == o.Release {
				ri = i
			}
		}
		if ri < 0 {
			return fmt.Errorf("%s: no release %q", catalogLabel(o.Catalog), o.Release)
		}
	}
	chart := chartOf(res, ri, o.Kind)
	render := func(w io.Writer) error {
		if o.Format == "html" {
			ho := html.Options{Assets: o.Assets, Snippet: o.Snippet, Theme: o.Theme, Title: chart.Title, ID: o.ID, Fallback: o.Fallback}
			if ho.Assets == "" {
				ho.Assets = html.AssetsInline
				if o.Snippet {
					ho.Assets = html.AssetsCDN
				}
			}
			if ho.ID == "" {
				ho.ID = html.ChartID(res.History.Name, res.Releases[ri].ID, o.Kind)
			}
			if ho.Fallback == "" && o.Snippet {
				ho.Fallback = o.Kind + ".png"
			}
			return chart.HTML(w, ho)
		}
		return chart.Static(w, static.Options{Format: o.Format, Preset: o.Preset, Scale: o.Scale, Theme: o.Theme})
	}
	if toFile {
		if o.Format == "html" && o.Assets == html.AssetsLocal {
			// The page loads echarts.min.js from beside it: copy it there,
			// with its licence.
			for _, a := range html.AssetFiles() {
				p := filepath.Join(filepath.Dir(o.Out), a.Name)
				if err := CheckOutFile(p, o.Catalog); err != nil {
					return err
				}
				if err := atomicfile.Write(p, 0o644, func(w io.Writer) error { _, err := w.Write(a.Data); return err }); err != nil {
					return err
				}
			}
		}
		return atomicfile.Write(o.Out, 0o644, render)
	}
	bw := bufio.NewWriter(o.Stdout)
	if err := render(bw); err != nil {
		return err
	}
	return bw.Flush()
}
