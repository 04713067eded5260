package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// bundledHelp names, in help, the catalog read when no folder is given.
const bundledHelp = "the bundled catalog, mlops, embedded in the binary"

// AnalyzeOptions are analyze's flags and arguments.
type AnalyzeOptions struct {
	IO       *iostreams.IOStreams
	Catalogs []string
	Out      string
	JSON     jsonFlags
	Read     readFlags
	Assets   string
	Period   string
	Exclude  []string // --exclude-category
}

// NewCmdAnalyze builds analyze; runF, when not nil, is called instead of
// the run (tests check the flags with it).
func NewCmdAnalyze(ios *iostreams.IOStreams, runF func(*AnalyzeOptions) error) *cobra.Command {
	o := &AnalyzeOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "analyze [CATALOG_DIR...]",
		Short: "Analyse catalogs and write report, charts and Parquet to --out",
		Long: `analyze reads every release file of each catalog folder (default: ` + bundledHelp + `),
resolves tool identities across releases, computes growth and churn, and writes
OUT/<catalog>/: report.md, index.html, ECharts pages, PNG charts, Parquet tables and summary.json.
A malformed field is dropped (or normalised) and a release file that cannot be read is skipped, with
warnings; with --strict any such problem is an error. Nothing is written when any input has an error.`,
		Args: args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Catalogs = a
			if err := o.JSON.check(); err != nil {
				return err
			}
			if err := o.JSON.checkPaths(o.Catalogs); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runAnalyze(o)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output folder")
	addJSONFlags(cmd, &o.JSON, run.CatalogSummary{}, "catalogs")
	addReadFlags(cmd, &o.Read, true)
	stringEnumFlag(cmd, &o.Assets, "assets", "", "local", run.AssetModes, "where pages load ECharts from (local: copied beside the pages; cdn: pinned, with integrity)")
	cmd.Flags().StringArrayVar(&o.Exclude, "exclude-category", nil, "leave a category out of the analysis and every output (case-insensitive; repeatable), e.g. --exclude-category \"CNCF Members\"")
	stringEnumFlag(cmd, &o.Period, "period", "", run.DefaultPeriod, run.Periods, "rows of report.md's growth tables (auto: per release up to 40 releases, else per quarter or year)")
	return cmd
}

func runAnalyze(o *AnalyzeOptions) error {
	progress, clear := runProgress(o.IO, o.JSON.on())
	ro := o.Read.options()
	ro.ExcludeCategories = o.Exclude
	sum, err := run.Analyze(run.Options{
		Progress: progress,
		Catalogs: o.Catalogs,
		Out:      o.Out,
		Read:     ro,
		Assets:   o.Assets,
		Period:   o.Period,
	})
	clear()
	if err != nil {
		return err
	}
	if o.JSON.on() {
		return o.JSON.write(o.IO, sum)
	}
	for _, c := range sum.Catalogs {
		last := c.Releases[len(c.Releases)-1]
		fmt.Fprintf(o.IO.Out, "%s: %d releases, newest %s: %d tools (+%d −%d, %d moved); %d files in %s\n",
			c.Name, len(c.Releases), last.Release, last.Tools, last.Added, last.Removed, last.Moved, len(c.Outputs), o.Out)
		if c.Warnings > 0 {
			fmt.Fprintf(o.IO.ErrOut, "%s: %d warnings; run `landscape validate` to list them\n", c.Name, c.Warnings)
		}
	}
	return nil
}

// readFlags are how the release files are read: --format, --markdown-skip
// and (where the command has it) --strict.
type readFlags struct {
	Format       string
	MarkdownSkip string
	Strict       bool
}

func (r readFlags) options() run.ReadOptions {
	return run.ReadOptions{Format: r.Format, MarkdownSkip: r.MarkdownSkip, Strict: r.Strict, MaxFileSize: int64(maxFileSize)}
}

// addReadFlags adds --format (the input format, in every command),
// --markdown-skip and, when strict is true, --strict.
func addReadFlags(cmd *cobra.Command, r *readFlags, strict bool) {
	stringEnumFlag(cmd, &r.Format, "format", "", "", run.InputFormats, "input format of the release files (default: detected per file)")
	cmd.Flags().Var(checkedValue{&r.MarkdownSkip, "regexp", checkRegexp}, "markdown-skip", "`regexp` of Markdown headings whose sections are not tools, replacing the built-in list (contributing, license, other lists, resources such as Articles, Books or Podcasts, …; docs/markdown-format.md); \""+run.MarkdownSkipNone+"\" reads every section")
	if strict {
		cmd.Flags().BoolVar(&r.Strict, "strict", false, "make every problem in the input an error, as validate reports it (default: drop a malformed field and skip an unreadable release file, with a warning)")
	}
}
