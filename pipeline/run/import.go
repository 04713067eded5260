package run

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/gitimport"
)

// OptionError is a job's options contradicting or missing something: a
// mistake in how the job was called, which the command line reports as a
// usage error.
type OptionError struct{ Err error }

func (e *OptionError) Error() string { return e.Err.Error() }
func (e *OptionError) Unwrap() error { return e.Err }

func optionErrorf(format string, a ...any) error {
	return &OptionError{fmt.Errorf(format, a...)}
}

// ImportOptions are an import run's, as the command line gives them.
type ImportOptions struct {
	Repo, File, Out string
	// Format names the release files' extension when the file's own does
	// not fit its format.
	Format string
	Every  string // a cadence; "" is month
	// EverySet tells Every given (not defaulted), which Tags refuses.
	EverySet     bool
	Tags         bool
	Since, Until string // YYYY-MM-DD, or ""
	Ref, Cache   string
	// MaxFileSize is the largest release file written (0: the largest
	// analyze reads by default, read.MaxFileSize).
	MaxFileSize int64
	Progress    func(gitimport.Progress)
}

// ImportProgress is where an import is (gitimport.Progress).
type ImportProgress = gitimport.Progress

// ImportSummary is what an import did (gitimport.Summary).
type ImportSummary = gitimport.Summary

// DefaultImportCache is where clones of remote repositories are kept.
func DefaultImportCache() string { return gitimport.DefaultCacheDir() }

// formatExts are the release file extensions of each format, the first the
// one given to files whose own extension is not among them.
var formatExts = map[string][]string{
	"cncf":      {".yml", ".yaml"},
	"canonical": {".yaml", ".yml"},
	"markdown":  {".md", ".markdown"},
	"csv":       {".csv"},
}

// gitOptions checks the options and turns them into the stage's.
func (o ImportOptions) gitOptions() (gitimport.Options, error) {
	g := gitimport.Options{Repo: o.Repo, File: o.File, Out: o.Out, Tags: o.Tags, Ref: o.Ref, CacheDir: o.Cache, Progress: o.Progress, MaxFileSize: o.MaxFileSize}
	if o.File == "" {
		return g, optionErrorf("--file is required: the path of the file in the repository")
	}
	if o.Out == "" {
		return g, optionErrorf("--out is required: the catalog folder to write, such as snapshots/<name>")
	}
	if o.Tags && o.EverySet {
		return g, optionErrorf("--every and --tags: give one")
	}
	if !o.Tags {
		every, err := gitimport.ParseEvery(o.Every)
		if err != nil {
			return g, &OptionError{err}
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
			return g, optionErrorf("%s: %w", d.flag, err)
		}
		*d.t = t
	}
	if !g.Since.IsZero() && !g.Until.IsZero() && g.Until.Before(g.Since) {
		return g, optionErrorf("--until %s is before --since %s", o.Until, o.Since)
	}
	if o.Format != "" {
		exts, ok := formatExts[o.Format]
		if !ok {
			return g, optionErrorf("--format %q: want one of cncf, canonical, markdown, csv", o.Format)
		}
		if !slices.Contains(exts, strings.ToLower(filepath.Ext(o.File))) {
			g.Ext = exts[0]
		}
	}
	return g, nil
}

// CheckImport checks an import's options without running it.
func CheckImport(o ImportOptions) error {
	_, err := o.gitOptions()
	return err
}

// ErrInterrupted is Import's error when its context was cancelled.
var ErrInterrupted = errors.New("interrupted; what was written is complete: run the same command again to go on")

// Import imports the history of a file in a git repository into a catalog
// folder (gitimport.Import), continuing an earlier import into it.
func Import(ctx context.Context, o ImportOptions) (*ImportSummary, error) {
	g, err := o.gitOptions()
	if err != nil {
		return nil, err
	}
	sum, err := gitimport.Import(ctx, g)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ErrInterrupted
		}
		return nil, err
	}
	return sum, nil
}
