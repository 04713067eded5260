package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/run"
	"github.com/landscapehq/landscape/pipeline/synth"
)

// SynthOptions are synth's flags and arguments.
type SynthOptions struct {
	Dir        string // catalog folder for the release files; "" writes none
	Parquet    string // path of the Parquet history table; "" writes none
	Releases   int
	Tools      int
	Rows       int
	Categories int
	Seed       uint64
	JSON       bool
}

func newSynthCmd(s Streams) *cobra.Command {
	o := &SynthOptions{}
	cmd := &cobra.Command{
		Use:   "synth [CATALOG_DIR] [--parquet FILE]",
		Short: "Generate a synthetic catalog: release files and/or a Parquet history table",
		Long: `synth generates a synthetic landscape catalog of --releases releases of about --tools tools each
(or as many releases as make about --rows listings), with the churn real catalogs have: tools
added, removed and re-added, moved, renamed and listed twice; categories renamed and split.
The same options and --seed give the same bytes.

It writes canonical release files (docs/snapshot-format.md) into CATALOG_DIR, one per release,
which analyze reads; and/or, with --parquet, the history table as Parquet (the schema of
history.parquet, with tool_id and canonical_category known by construction), streamed row group
by row group, for benchmarks at millions of rows (see docs/BENCHMARKS.md).`,
		Args: args(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if len(a) == 1 {
				o.Dir = a[0]
			}
			if cmd.Flags().Changed("rows") && cmd.Flags().Changed("releases") {
				return usageError{fmt.Errorf("give --rows or --releases, not both")}
			}
			return runSynth(o, s)
		},
	}
	cmd.Flags().StringVar(&o.Parquet, "parquet", "", "also write the history table to this Parquet file")
	cmd.Flags().IntVar(&o.Releases, "releases", 20, "number of releases")
	cmd.Flags().IntVar(&o.Tools, "tools", synth.DefaultTools, "tools listed per release (kept about steady)")
	cmd.Flags().IntVar(&o.Rows, "rows", 0, "about this many listings in all: sets the number of releases")
	cmd.Flags().IntVar(&o.Categories, "categories", 24, "categories of the first release")
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "random seed")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON summary")
	return cmd
}

// SynthSummary is what `synth --json` prints.
type SynthSummary struct {
	synth.Stats
	Dir     string `json:"dir,omitempty"`
	Parquet string `json:"parquet,omitempty"`
}

func runSynth(o *SynthOptions, s Streams) error {
	if o.Dir == "" && o.Parquet == "" {
		return usageError{fmt.Errorf("nothing to write: give CATALOG_DIR, --parquet FILE or both")}
	}
	if o.Tools < 1 || o.Releases < 1 || o.Rows < 0 || o.Categories < 1 || o.Categories > 600 {
		return usageError{fmt.Errorf("--tools, --releases and --categories must be at least 1 (at most 600 categories), --rows 0 or more")}
	}
	opts := synth.Options{Seed: o.Seed, Releases: o.Releases, Tools: o.Tools, Categories: o.Categories}
	if o.Rows > 0 {
		opts.Releases = opts.ReleasesFor(o.Rows)
	}
	name := "synth"
	if o.Dir != "" {
		n, err := run.CatalogName(o.Dir)
		if err != nil {
			return err
		}
		name = n
		if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
			return fmt.Errorf("%s: not empty; synth writes release files into a new or empty folder", o.Dir)
		}
	}
	sum := SynthSummary{Dir: o.Dir, Parquet: o.Parquet}
	if o.Dir != "" {
		st, err := synth.WriteCatalog(o.Dir, opts)
		if err != nil {
			return err
		}
		sum.Stats = st
	}
	if o.Parquet != "" {
		if dir := filepath.Dir(o.Parquet); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
		}
		st, err := synth.WriteParquetFile(o.Parquet, name, opts)
		if err != nil {
			return err
		}
		st.Files = sum.Files
		sum.Stats = st
	}
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	}
	fmt.Fprintf(s.Out, "%s: %d releases, %d listings, %d tools (seed %d)", name, sum.Releases, sum.Rows, sum.Tools, o.Seed)
	if o.Dir != "" {
		fmt.Fprintf(s.Out, "; %d release files in %s", sum.Files, o.Dir)
	}
	if o.Parquet != "" {
		fmt.Fprintf(s.Out, "; history table in %s", o.Parquet)
	}
	fmt.Fprintln(s.Out)
	return nil
}
