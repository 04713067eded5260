package main

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ChartOptions are chart's flags and arguments.
type ChartOptions struct {
	IO           *iostreams.IOStreams
	Kind         string
	Catalog      string
	Release      string // release id; default the newest
	OutputFormat string // html, png, svg; default from --out's extension, else html
	Preset       string
	Scale        float64
	Theme        string
	Assets       string
	Snippet      bool
	ID           string
	Fallback     string
	Out          string // file; "-" or "" for standard output
	Read         readFlags
}

// Scale's range.
const minScale, maxScale = 0.25, 8

// NewCmdChart builds chart; runF, when not nil, is called instead of the
// run.
func NewCmdChart(ios *iostreams.IOStreams, runF func(*ChartOptions) error) *cobra.Command {
	o := &ChartOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "chart KIND [CATALOG_DIR]",
		Short: "Make one chart: " + strings.Join(run.ChartKinds, ", "),
		Long: `chart makes one chart of a catalog (default: ` + bundledHelp + `) for one release (default the
newest) as an interactive ECharts page (--output-format html, with --snippet for a <div> + <script> to
paste into a post) or as an image drawn without a browser (--output-format png or svg, --preset blog
1200×675, social 1200×630, square 1080×1080; --scale 2 for high-density PNG; --theme light or dark).
The output format defaults to --out's extension (.html, .png, .svg), else html. PNG is not written to
a terminal: give --out FILE or redirect. --format is the input format, as in every command.
Kinds: ` + strings.Join(run.ChartKinds, ", ") + `.`,
		Example: `  landscape chart sunburst -o sunburst.png
  landscape chart growth ../shared/corpora/cncf-landscape --output-format svg --theme dark > growth.svg
  landscape chart churn --release 2025-06-30 --snippet --assets cdn`,
		Args: args(cobra.RangeArgs(1, 2)),
		ValidArgsFunction: func(_ *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(a) == 0 {
				return run.ChartKinds, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Kind, o.Catalog = a[0], ""
			if len(a) == 2 {
				o.Catalog = a[1]
			}
			if err := o.check(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runChart(o)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.Release, "release", "", "release id (default: the newest)")
	stringEnumFlag(cmd, &o.OutputFormat, "output-format", "", "", run.ChartFormats, "what to draw (default: from --out's extension, else html)")
	stringEnumFlag(cmd, &o.Preset, "preset", "", "blog", run.Presets, "png, svg: image size")
	f.Float64Var(&o.Scale, "scale", 1, fmt.Sprintf("png: pixel density, %g to %g (2 for high-density screens)", float64(minScale), float64(maxScale)))
	stringEnumFlag(cmd, &o.Theme, "theme", "", "light", run.Themes, "colour theme")
	stringEnumFlag(cmd, &o.Assets, "assets", "", "", run.AssetModes, "html: where ECharts comes from (local: echarts.min.js beside the page; cdn: pinned, with integrity; default cdn for a snippet, inline for a page)")
	f.BoolVar(&o.Snippet, "snippet", false, "html: one <div> + <script> for pasting into a post")
	f.StringVar(&o.ID, "id", "", "html: the chart element's id (default landscape-CATALOG-RELEASE-KIND)")
	f.StringVar(&o.Fallback, "fallback", "", "html: relative URL of the chart's PNG, shown where scripts or the network are off (default KIND.png for a snippet)")
	f.StringVarP(&o.Out, "out", "o", "", "file to write (default: standard output)")
	addReadFlags(cmd, &o.Read, true)
	// --input-format was the input format's name here before --format meant
	// it everywhere.
	f.Var(&enumValue{p: &o.Read.Format, options: run.InputFormats}, "input-format", "input format (old name of --format)")
	_ = f.MarkDeprecated("input-format", "use --format")
	_ = cmd.RegisterFlagCompletionFunc("release", completeReleases)
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error {
		for _, f := range run.ChartFormats {
			if strings.Contains(err.Error(), fmt.Sprintf("%q for \"--format\"", f)) {
				err = fmt.Errorf("%w; --format is the input format: draw %s with --output-format %s (or --out FILE.%s)", err, f, f, f)
			}
		}
		return usageError{err}
	})
	return cmd
}

// check refuses unknown kinds and flags that contradict the output format
// or would be ignored by it, and fills in the output format.
func (o *ChartOptions) check(cmd *cobra.Command) error {
	known := false
	for _, k := range run.ChartKinds {
		known = known || k == o.Kind
	}
	if !known {
		return usageErrorf("unknown chart %q; want one of %s", o.Kind, strings.Join(run.ChartKinds, ", "))
	}
	if o.OutputFormat == "" {
		o.OutputFormat = "html"
		if ext := strings.ToLower(strings.TrimPrefix(filepath.Ext(o.Out), ".")); o.Out != "-" && (ext == "png" || ext == "svg" || ext == "html") {
			o.OutputFormat = ext
		}
	}
	changed := cmd.Flags().Changed
	if o.Scale < minScale || o.Scale > maxScale || o.Scale != o.Scale {
		return usageErrorf("--scale %v: want %g to %g", o.Scale, float64(minScale), float64(maxScale))
	}
	if o.OutputFormat == "html" {
		for _, f := range []string{"preset", "scale"} {
			if changed(f) {
				return usageErrorf("--%s applies to images (--output-format png or svg), not to html", f)
			}
		}
	} else {
		for _, f := range []string{"snippet", "assets", "id", "fallback"} {
			if changed(f) {
				return usageErrorf("--%s applies to html, not to --output-format %s", f, o.OutputFormat)
			}
		}
		if o.OutputFormat == "svg" && changed("scale") {
			return usageErrorf("--scale applies to png only: an svg is drawn at the preset's size")
		}
	}
	toStdout := o.Out == "" || o.Out == "-"
	if o.OutputFormat == "html" && o.Assets == "local" && toStdout {
		return usageErrorf("--assets local copies echarts.min.js beside the page: give --out FILE (or --assets inline or cdn)")
	}
	if o.OutputFormat == "png" && toStdout && o.IO.IsStdoutTTY() {
		return usageErrorf("not writing a PNG image to a terminal: give --out FILE or redirect standard output")
	}
	return nil
}

func runChart(o *ChartOptions) error {
	progress, clear := runProgress(o.IO, false)
	defer clear()
	return run.DrawChart(run.ChartOptions{
		Kind: o.Kind, Catalog: o.Catalog, Release: o.Release,
		Format: o.OutputFormat, Preset: o.Preset, Scale: o.Scale, Theme: o.Theme,
		Assets: o.Assets, Snippet: o.Snippet, ID: o.ID, Fallback: o.Fallback,
		Out: o.Out, Stdout: o.IO.Out,
		Read:     o.Read.options(),
		Progress: progress,
	})
}

// completeReleases offers the release ids of the catalog given (or the
// default one).
func completeReleases(cmd *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
	dir := ""
	if len(a) >= 2 {
		dir = a[1]
	}
	ids, err := run.ReleaseIDs(dir)
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return ids, cobra.ShellCompDirectiveNoFileComp
}
