package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/gitimport"
	"github.com/landscapehq/landscape/pipeline/read"
)

// ImportGitOptions are import git's flags and arguments.
type ImportGitOptions struct {
	Repo   string
	File   string
	Out    string
	Format string
	Every  string
	Tags   bool
	Since  string
	Until  string
	Ref    string
	Cache  string
	JSON   bool
	// EverySet tells --every given from its default, which --tags refuses.
	EverySet bool
	// Progress is where the progress bar goes; nil for none. newImportCmd
	// sets it to the error stream when that is a terminal.
	Progress io.Writer
}

func newImportCmd(s Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import SOURCE",
		Short: "Import a catalog's history into a catalog folder",
		Long: `import builds a catalog folder of release files from the history of a catalog kept elsewhere.
Sources: git (a file's history in a git repository).`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageError{errors.New("give a source: landscape import git REPO --file PATH --out DIR")}
		},
	}
	cmd.AddCommand(newImportGitCmd(s))
	return cmd
}

// formatExts are the release file extensions of each format, the first the
// one given to files whose own extension is not among them.
var formatExts = map[string][]string{
	"cncf":      {".yml", ".yaml"},
	"canonical": {".yaml", ".yml"},
	"markdown":  {".md", ".markdown"},
	"csv":       {".csv"},
}

func newImportGitCmd(s Streams) *cobra.Command {
	o := &ImportGitOptions{}
	cmd := &cobra.Command{
		Use:   "git REPO --file PATH --out DIR",
		Short: "Import the history of a file in a git repository, one release per period",
		Long: `import git reads the history of one file of a git repository — a local path, or an https:// URL
it clones into a cache (and fetches on later runs) — and writes a catalog folder: one release file per
period (--every) or per tag (--tags), named by the period's end date (2024-03-31.yml), byte for byte the
file as of the last first-parent commit at or before the end of that day (23:59:59 UTC), and MANIFEST.tsv
with each release's path, commit, commit date, size and sha256. The file is followed across renames;
periods whose file is identical to the previous release's give no release. --every commit keeps the
last commit of each day (release files are named by date).

Run it again on the same folder to import the commits made since: only those are read, and the release
of the period that was still open is brought up to date. Files are written atomically: a killed import
leaves no partial release file, and the next run completes it. No git binary is needed.

See docs/import.md.`,
		Example: `  landscape import git https://github.com/cncf/landscape --file landscape.yml --every quarter --out snapshots/cncf
  landscape import git ../awesome-production-machine-learning --file README.md --every month --out snapshots/awesome
  landscape import git ../landscape --file processed_landscape.yml --every month --until 2024-06-30 --out snapshots/cncf-stars`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Repo = a[0]
			o.EverySet = cmd.Flags().Changed("every")
			if f, ok := s.Err.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				o.Progress = s.Err
			}
			return runImportGit(cmd.Context(), o, s)
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.File, "file", "", "path of the file in the repository, as it is at the newest commit imported (required)")
	f.StringVarP(&o.Out, "out", "o", "", "catalog folder to write, snapshots/<name>/ (required)")
	f.StringVar(&o.Format, "format", "", "format of the file, which names the release files' extension when the file's own does not fit: cncf, canonical, markdown, csv")
	f.StringVar(&o.Every, "every", gitimport.EveryMonth, "one release per "+strings.Join(gitimport.Cadences(), ", ")+" (the last commit of each day with commit)")
	f.BoolVar(&o.Tags, "tags", false, "one release per tag instead, dated by its commit")
	f.StringVar(&o.Since, "since", "", "leave out the periods ending before this date (YYYY-MM-DD)")
	f.StringVar(&o.Until, "until", "", "leave out the commits after this date (YYYY-MM-DD); its period's release is cut there")
	f.StringVar(&o.Ref, "ref", "", "branch, tag or commit to import up to (default: the default branch)")
	f.StringVar(&o.Cache, "cache", "", "where clones of remote repositories are kept (default: "+gitimport.DefaultCacheDir()+")")
	f.BoolVar(&o.JSON, "json", false, "print a JSON summary")
	_ = cmd.RegisterFlagCompletionFunc("every", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return gitimport.Cadences(), cobra.ShellCompDirectiveNoFileComp
	})
	_ = cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return read.Formats(), cobra.ShellCompDirectiveNoFileComp
	})
	return cmd
}

// gitOptions checks the flags and turns them into the stage's options.
func (o *ImportGitOptions) gitOptions() (gitimport.Options, error) {
	g := gitimport.Options{Repo: o.Repo, File: o.File, Out: o.Out, Tags: o.Tags, Ref: o.Ref, CacheDir: o.Cache, MaxFileSize: int64(maxFileSize)}
	if o.File == "" {
		return g, usageError{errors.New("--file is required: the path of the file in the repository")}
	}
	if o.Out == "" {
		return g, usageError{errors.New("--out is required: the catalog folder to write, such as snapshots/<name>")}
	}
	if o.Tags && o.EverySet {
		return g, usageError{errors.New("--every and --tags: give one")}
	}
	if !o.Tags {
		every, err := gitimport.ParseEvery(o.Every)
		if err != nil {
			return g, usageError{err}
		}
		g.Every = every
	}
	for _, d := range []struct {
		flag, s string
		t       *time.Time
	}{{"--since", o.Since, &g.Since}, {"--until", o.Until, &g.Until}} {
		if d.s == "" {
			continue
		}
		t, err := gitimport.ParseDate(d.s)
		if err != nil {
			return g, usageError{fmt.Errorf("%s: %w", d.flag, err)}
		}
		*d.t = t
	}
	if !g.Since.IsZero() && !g.Until.IsZero() && g.Until.Before(g.Since) {
		return g, usageError{fmt.Errorf("--until %s is before --since %s", o.Until, o.Since)}
	}
	if o.Format != "" {
		exts, ok := formatExts[o.Format]
		if !ok {
			return g, usageError{fmt.Errorf("--format %q: want one of cncf, canonical, markdown, csv", o.Format)}
		}
		if !slices.Contains(exts, strings.ToLower(filepath.Ext(o.File))) {
			g.Ext = exts[0]
		}
	}
	return g, nil
}

func runImportGit(ctx context.Context, o *ImportGitOptions, s Streams) error {
	g, err := o.gitOptions()
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	var bar *progressBar
	if o.Progress != nil {
		bar = &progressBar{w: o.Progress}
		g.Progress = bar.update
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// The import's live heap is bounded (the reader's cache, the blobs
		// in flight: about 100 MB); this keeps the garbage main's GOGC lets
		// pile up from taking the process past 256 MB (docs/BENCHMARKS.md).
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(importMemoryLimit))
	}
	sum, err := gitimport.Import(ctx, g)
	if bar != nil {
		bar.clear()
	}
	if err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("interrupted; what was written is complete: run the same command again to go on")
		}
		return err
	}
	for _, w := range sum.Warnings {
		fmt.Fprintf(s.Err, "warning: %s\n", export.Printable(w))
	}
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	if sum.UpToDate {
		fmt.Fprintf(s.Out, "%s: up to date with %s (%s); %d releases\n", sum.Out, sum.SourceRepo, short(sum.Tip), sum.Releases)
		return nil
	}
	warned := ""
	if n := len(sum.Warnings); n > 0 {
		warned = fmt.Sprintf("; %d warnings (above)", n)
	}
	fmt.Fprintf(s.Out, "%s: %d releases of %s from %s (%s): %d written, %d removed; newest %s; %d commits read in %.1fs%s\n",
		sum.Out, sum.Releases, sum.File, sum.SourceRepo, every(sum.Every), sum.Written, sum.Removed, sum.Last, sum.Commits, sum.Seconds, warned)
	return nil
}

// importMemoryLimit is the soft memory limit of import git.
const importMemoryLimit = 160 << 20

func every(e string) string {
	if e == "tags" {
		return "every tag"
	}
	return "every " + e
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// progressBar draws the import's progress on one terminal line.
type progressBar struct {
	w          io.Writer
	phase      string
	phaseStart time.Duration
	drawn      bool
}

const barWidth = 24

func (b *progressBar) update(p gitimport.Progress) {
	if p.Phase != b.phase {
		b.phase, b.phaseStart = p.Phase, p.Elapsed
	}
	elapsed := (p.Elapsed - b.phaseStart).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.Commits) / elapsed
	}
	var line string
	switch {
	case p.Phase == "fetch":
		line = p.Message
	case p.Total == 0:
		line = fmt.Sprintf("walking the history: %d commits  %.0f/s", p.Commits, rate)
	default:
		frac := min(1, float64(p.Commits)/float64(p.Total))
		n := int(frac * barWidth)
		bar := strings.Repeat("█", n) + strings.Repeat("░", barWidth-n)
		left := "—"
		if rate > 0 {
			left = (time.Duration(float64(p.Total-p.Commits)/rate) * time.Second).Round(time.Second).String()
		}
		what := "following the file"
		if p.Phase == "import" {
			what = fmt.Sprintf("%d releases", p.Releases)
		}
		line = fmt.Sprintf("%s %d/%d commits · %s · %.0f commits/s · %s left", bar, p.Commits, p.Total, what, rate, left)
	}
	fmt.Fprintf(b.w, "\r\x1b[K%s", line)
	b.drawn = true
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
	}
}
