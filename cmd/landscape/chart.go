package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/static"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ChartOptions are chart's flags and arguments.
type ChartOptions struct {
	Kind         string
	Catalog      string
	Release      string // release id; default the newest
	Format       string // html, png, svg
	Preset       string
	Scale        float64
	Theme        string
	Assets       string
	Snippet      bool
	ID           string // html: the chart element's id; default unique to catalog, release and kind
	Fallback     string // html: the PNG shown without scripts; default KIND.png for a snippet
	Out          string // file; "-" or "" for standard output
	InputFormat  string
	MarkdownSkip string
	Strict       bool
}

func newChartCmd(s Streams) *cobra.Command {
	o := &ChartOptions{}
	cmd := &cobra.Command{
		Use:   "chart KIND [CATALOG_DIR]",
		Short: "Make one chart: " + strings.Join(run.ChartKinds, ", "),
		Long: `chart makes one chart of a catalog (default ` + DefaultCatalog + `) for one release (default the
newest) as an interactive ECharts page (--format html, with --snippet for a <div> + <script> to paste
into a post) or as an image drawn without a browser (--format png or svg, --preset blog 1200×675,
social 1200×630, square 1080×1080; --scale 2 for high-density screens; --theme light or dark).
Kinds: ` + strings.Join(run.ChartKinds, ", ") + `.`,
		Args: args(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: func(_ *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(a) == 0 {
				return run.ChartKinds, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Kind, o.Catalog = a[0], DefaultCatalog
			if len(a) == 2 {
				o.Catalog = a[1]
			}
			return runChart(o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Release, "release", "", "release id (default: the newest)")
	f.StringVar(&o.Format, "format", "html", "html, png or svg")
	f.StringVar(&o.Preset, "preset", "blog", "image size: blog, social or square")
	f.Float64Var(&o.Scale, "scale", 1, "pixel density of PNG output (2 for high-density screens)")
	f.StringVar(&o.Theme, "theme", "light", "light or dark")
	f.StringVar(&o.Assets, "assets", "", "html: where ECharts comes from: inline, local (echarts.min.js beside the page), cdn (pinned, with integrity); default cdn for a snippet, inline for a page")
	f.BoolVar(&o.Snippet, "snippet", false, "html: one <div> + <script> for pasting into a post")
	f.StringVar(&o.ID, "id", "", "html: the chart element's id (default landscape-CATALOG-RELEASE-KIND)")
	f.StringVar(&o.Fallback, "fallback", "", "html: relative URL of the chart's PNG, shown where scripts or the network are off (default KIND.png for a snippet)")
	f.StringVarP(&o.Out, "out", "o", "", "file to write (default: standard output)")
	f.StringVar(&o.InputFormat, "input-format", "", "input format: canonical, cncf, markdown, csv (default: detected per file)")
	f.StringVar(&o.MarkdownSkip, "markdown-skip", "", "regexp of Markdown headings that are not tool sections")
	addStrictFlag(cmd, &o.Strict)
	return cmd
}

func runChart(o *ChartOptions, s Streams) error {
	switch o.Format {
	case "html", "png", "svg":
	default:
		return usageError{fmt.Errorf("--format %q: want html, png or svg", o.Format)}
	}
	known := false
	for _, k := range run.ChartKinds {
		known = known || k == o.Kind
	}
	if !known {
		return usageError{fmt.Errorf("unknown chart %q; want one of %s", o.Kind, strings.Join(run.ChartKinds, ", "))}
	}
	if o.Out != "" && o.Out != "-" {
		if err := run.CheckOutFile(o.Out, o.Catalog); err != nil {
			return err
		}
	}
	progress, clear := runProgress(s, false)
	res, err := run.Load(memory.DefaultAllocator, o.Catalog, read.Options{Format: o.InputFormat, MarkdownSkip: o.MarkdownSkip, Strict: o.Strict}, progress)
	clear()
	if err != nil {
		return err
	}
	defer res.History.Release()
	ri := res.Latest()
	if o.Release != "" {
		ri = -1
		for i, r := range res.Releases {
			if r.ID == o.Release {
				ri = i
			}
		}
		if ri < 0 {
			return fmt.Errorf("%s: no release %q", o.Catalog, o.Release)
		}
	}
	var chart run.Chart
	for _, c := range run.Charts(res, ri) {
		if c.Kind == o.Kind {
			chart = c
		}
	}
	return writeOut(o.Out, s.Out, func(w io.Writer) error {
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
	})
}

// writeOut renders into a file (written whole or not at all) or stdout.
func writeOut(path string, stdout io.Writer, render func(io.Writer) error) error {
	if path == "" || path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := render(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	bw := bufio.NewWriter(tmp)
	if err := render(bw); err != nil {
		tmp.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
