package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// SynthOptions are synth's flags and arguments.
type SynthOptions struct {
	IO *iostreams.IOStreams
	run.SynthOptions
	JSON jsonFlags
}

// NewCmdSynth builds synth; runF, when not nil, is called instead of the
// run.
func NewCmdSynth(ios *iostreams.IOStreams, runF func(*SynthOptions) error) *cobra.Command {
	o := &SynthOptions{IO: ios}
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
				return usageErrorf("give --rows or --releases, not both")
			}
			if err := run.CheckSynth(o.SynthOptions); err != nil {
				return err
			}
			if err := o.JSON.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runSynth(o)
		},
	}
	cmd.Flags().StringVar(&o.Parquet, "parquet", "", "also write the history table to this Parquet `file`")
	cmd.Flags().IntVar(&o.Releases, "releases", 20, "number of releases")
	cmd.Flags().IntVar(&o.Tools, "tools", run.DefaultSynthTools, "tools listed per release (kept about steady)")
	cmd.Flags().IntVar(&o.Rows, "rows", 0, "about this many listings in all: sets the number of releases")
	cmd.Flags().IntVar(&o.Categories, "categories", 24, "categories of the first release")
	cmd.Flags().Uint64Var(&o.Seed, "seed", 1, "random seed")
	addJSONFlags(cmd, &o.JSON, run.SynthSummary{}, "")
	return cmd
}

func runSynth(o *SynthOptions) error {
	sum, err := run.Synth(o.SynthOptions)
	if err != nil {
		return err
	}
	if o.JSON.on() {
		return o.JSON.write(o.IO, sum)
	}
	fmt.Fprintf(o.IO.Out, "%s: %d releases, %d listings, %d tools (seed %d)", sum.Name, sum.Releases, sum.Rows, sum.Tools, o.Seed)
	if o.Dir != "" {
		fmt.Fprintf(o.IO.Out, "; %d release files in %s", sum.Files, o.Dir)
	}
	if o.Parquet != "" {
		fmt.Fprintf(o.IO.Out, "; history table in %s", o.Parquet)
	}
	fmt.Fprintln(o.IO.Out)
	return nil
}
