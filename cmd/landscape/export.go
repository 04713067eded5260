package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ExportOptions are export's flags and arguments.
type ExportOptions struct {
	IO       *iostreams.IOStreams
	Catalogs []string
	Out      string
	Patch    int
	JSON     jsonFlags
	Read     readFlags
}

// NewCmdExport builds export; runF, when not nil, is called instead of the
// run.
func NewCmdExport(ios *iostreams.IOStreams, runF func(*ExportOptions) error) *cobra.Command {
	o := &ExportOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "export [CATALOG_DIR...]",
		Short: "Write each catalog's Parquet dataset release to --out",
		Long: `export reads every release file of each catalog folder (default: ` + bundledHelp + `), analyses it as
analyze does, and writes a dataset release to OUT/<catalog>/dataset/<version>/, where the version is the
newest release date and a patch number (2026-06-30.0): one folder of Parquet files per table (tools and
listings hive-partitioned by release_year=YYYY), CSV and JSON copies of the small tables, DATASET.md (the
data card) and manifest.json (each file's rows, bytes and sha256). A SOURCE.md beside the release files
gives the source and license stated in the data card. Other versions in OUT/<catalog>/dataset/ are kept;
the same version is replaced atomically. Input problems are handled as by analyze (--strict: every
problem an error). Nothing is written when any input has an error.`,
		Args: args(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Catalogs = a
			if o.Patch < 0 {
				return usageErrorf("--patch %d: want 0 or more", o.Patch)
			}
			if err := o.JSON.check(); err != nil {
				return err
			}
			if err := o.JSON.checkPaths(o.Catalogs); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runExport(o)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output folder")
	cmd.Flags().IntVar(&o.Patch, "patch", 0, "patch number of the dataset version (newest release date.PATCH): raise it to republish the same release")
	addJSONFlags(cmd, &o.JSON, run.DatasetSummary{}, "datasets")
	addReadFlags(cmd, &o.Read, true)
	return cmd
}

func runExport(o *ExportOptions) error {
	progress, clear := runProgress(o.IO, o.JSON.on())
	sum, err := run.Export(run.ExportOptions{Catalogs: o.Catalogs, Out: o.Out, Patch: o.Patch, Read: o.Read.options(), Progress: progress})
	clear()
	if err != nil {
		return err
	}
	if o.JSON.on() {
		return o.JSON.write(o.IO, sum)
	}
	for _, d := range sum.Datasets {
		fmt.Fprintf(o.IO.Out, "%s: dataset %s, %d files in %s\n", d.Name, d.Version, len(d.Files), d.Dir)
	}
	return nil
}
