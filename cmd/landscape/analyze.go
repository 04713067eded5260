package main

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
)

// DefaultCatalog is what analyze reads when given no folder.
const DefaultCatalog = "snapshots/mlops"

// AnalyzeOptions are analyze's flags and arguments.
type AnalyzeOptions struct {
	Catalogs     []string
	Out          string
	JSON         bool
	Format       string
	MarkdownSkip string
	Strict       bool
	Assets       string
	Period       string
}

func newAnalyzeCmd(s Streams) *cobra.Command {
	o := &AnalyzeOptions{}
	cmd := &cobra.Command{
		Use:   "analyze [CATALOG_DIR...]",
		Short: "Analyse catalogs and write report, charts and Parquet to --out",
		Long: `analyze reads every release file of each catalog folder (default: ` + DefaultCatalog + `),
resolves tool identities across releases, computes growth and churn, and writes
OUT/<catalog>/: report.md, index.html, ECharts pages, PNG charts, Parquet tables and summary.json.
A malformed field is dropped (or normalised) and a release file that cannot be read is skipped, with
warnings; with --strict any such problem is an error. Nothing is written when any input has an error.`,
		Args: args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Catalogs = a
			return runAnalyze(o, s)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output folder")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON summary")
	addReadFlags(cmd, &o.Format, &o.MarkdownSkip)
	addStrictFlag(cmd, &o.Strict)
	cmd.Flags().StringVar(&o.Assets, "assets", "local", "where pages load ECharts from: local (copied beside the pages), inline, cdn (pinned, with integrity)")
	o.Period = export.PeriodAuto
	cmd.Flags().Var(checkedFlag{&o.Period, "period", export.CheckPeriod}, "period", "rows of report.md's growth tables: release, month, quarter, year, or auto (per release up to 40 releases, else per quarter or year)")
	_ = cmd.RegisterFlagCompletionFunc("period", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return export.Periods, cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// markdownSkipHelp is --markdown-skip's help (the built-in rule is long:
// docs/markdown-format.md shows it).
const markdownSkipHelp = `regexp of Markdown headings whose sections are not tools; replaces the built-in rule ` +
	`(contents, contributing, licence, other lists, resources such as Articles, Books, Podcasts: docs/markdown-format.md); ` +
	`"` + read.MarkdownSkipNone + `" reads every section`

func addReadFlags(cmd *cobra.Command, format, skip *string) {
	cmd.Flags().Var(checkedFlag{format, "format", checkFormat}, "format", "input format: canonical, cncf, markdown, csv (default: detected per file)")
	cmd.Flags().Var(checkedFlag{skip, "regexp", checkSkipRule}, "markdown-skip", markdownSkipHelp)
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return read.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
}

// addStrictFlag adds --strict (read.Options.Strict).
func addStrictFlag(cmd *cobra.Command, strict *bool) {
	cmd.Flags().BoolVar(strict, "strict", false, "make every problem in the input an error, as validate reports it (default: drop a malformed field and skip an unreadable release file, with a warning)")
}

func runAnalyze(o *AnalyzeOptions, s Streams) error {
	if len(o.Catalogs) == 0 {
		o.Catalogs = []string{DefaultCatalog}
	}
	switch o.Assets {
	case "local", "inline", "cdn":
	default:
		return usageError{fmt.Errorf("--assets %q: want local, inline or cdn", o.Assets)}
	}
	progress, clear := runProgress(s, o.JSON)
	sum, err := run.Analyze(run.Options{
		Progress: progress,
		Catalogs: o.Catalogs,
		Out:      o.Out,
		Read:     read.Options{Format: o.Format, MarkdownSkip: o.MarkdownSkip, Strict: o.Strict},
		Assets:   o.Assets,
		Period:   o.Period,
	})
	clear()
	if err != nil {
		return err
	}
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	for _, c := range sum.Catalogs {
		last := c.Releases[len(c.Releases)-1]
		fmt.Fprintf(s.Out, "%s: %d releases, newest %s: %d tools (+%d −%d, %d moved); %d files in %s\n",
			c.Name, len(c.Releases), last.Release, last.Tools, last.Added, last.Removed, last.Moved, len(c.Outputs), o.Out)
		if c.Warnings > 0 {
			fmt.Fprintf(s.Err, "%s: %d warnings; run `landscape validate` to list them\n", c.Name, c.Warnings)
		}
	}
	return nil
}

// checkedFlag is a string flag whose value is checked when it is parsed, so
// that a bad value is a usage error (exit code 2).
type checkedFlag struct {
	p     *string
	typ   string
	check func(string) error
}

func (f checkedFlag) String() string {
	if f.p == nil {
		return ""
	}
	return *f.p
}

func (f checkedFlag) Set(v string) error {
	if err := f.check(v); err != nil {
		return err
	}
	*f.p = v
	return nil
}

func (f checkedFlag) Type() string { return f.typ }

func checkFormat(v string) error {
	if !slices.Contains(read.Formats(), v) {
		return fmt.Errorf("unknown format %q; expected one of %s", v, strings.Join(read.Formats(), ", "))
	}
	return nil
}

func checkSkipRule(v string) error {
	if _, err := regexp.Compile("(?i)" + v); err != nil {
		return fmt.Errorf("not a valid regexp: %v", err)
	}
	return nil
}
