package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ExportOptions are export's flags and arguments.
type ExportOptions struct {
	Catalogs     []string
	Out          string
	Patch        int
	JSON         bool
	Format       string
	MarkdownSkip string
	Strict       bool
}

// ExportSummary is one catalog's dataset in `export --json`.
type ExportSummary struct {
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Dir     string   `json:"dir"`
	Files   []string `json:"files"`
}

func newExportCmd(s Streams) *cobra.Command {
	o := &ExportOptions{}
	cmd := &cobra.Command{
		Use:   "export [CATALOG_DIR...]",
		Short: "Write each catalog's Parquet dataset release to --out",
		Long: `export reads every release file of each catalog folder (default: ` + DefaultCatalog + `), analyses it as
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
			return runExport(o, s)
		},
	}
	cmd.Flags().StringVarP(&o.Out, "out", "o", "out", "output folder")
	cmd.Flags().IntVar(&o.Patch, "patch", 0, "patch number of the dataset version (newest release date.PATCH): raise it to republish the same release")
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print a JSON summary")
	addReadFlags(cmd, &o.Format, &o.MarkdownSkip)
	addStrictFlag(cmd, &o.Strict)
	return cmd
}

func runExport(o *ExportOptions, s Streams) error {
	if len(o.Catalogs) == 0 {
		o.Catalogs = []string{DefaultCatalog}
	}
	if o.Patch < 0 {
		return usageError{fmt.Errorf("--patch %d: want 0 or more", o.Patch)}
	}
	if err := run.CheckOut(o.Out, o.Catalogs...); err != nil {
		return err
	}
	mem := memory.DefaultAllocator
	ro := readOptions(o.Format, o.MarkdownSkip, o.Strict)
	// Read and analyse every catalog before writing anything.
	type job struct {
		res *analyze.Result
		ds  export.DatasetOptions
	}
	var jobs []job
	defer func() {
		for _, j := range jobs {
			j.res.History.Release()
		}
	}()
	names := map[string]string{}
	for _, dir := range o.Catalogs {
		progress, clear := runProgress(s, o.JSON)
		res, err := run.Load(mem, dir, ro, progress)
		clear()
		if err != nil {
			return err
		}
		jobs = append(jobs, job{res: res})
		if other, dup := names[res.History.Name]; dup {
			return fmt.Errorf("%s and %s: two catalogs named %q would write the same output folder", other, dir, res.History.Name)
		}
		names[res.History.Name] = dir
		notes, err := export.ReadSourceNotes(dir)
		if err != nil {
			return err
		}
		jobs[len(jobs)-1].ds = export.DatasetOptions{Patch: o.Patch, Source: notes.Source, License: notes.License}
	}
	var sums []ExportSummary
	for _, j := range jobs {
		version := export.DatasetVersion(j.res, j.ds.Patch)
		target := filepath.Join(o.Out, j.res.History.Name, "dataset", version)
		var files []string
		err := run.WriteDirAtomic(target, func(tmp string) error {
			var err error
			files, err = export.WriteDataset(mem, j.res, tmp, j.ds)
			return err
		})
		if err != nil {
			return err
		}
		sums = append(sums, ExportSummary{Name: j.res.History.Name, Version: version, Dir: target, Files: files})
	}
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Datasets []ExportSummary `json:"datasets"`
		}{sums})
	}
	for _, d := range sums {
		fmt.Fprintf(s.Out, "%s: dataset %s, %d files in %s\n", d.Name, d.Version, len(d.Files), d.Dir)
	}
	return nil
}
