package run

import (
	"fmt"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
)

// ExportOptions are an export run's.
type ExportOptions struct {
	Catalogs []string // catalog folders; none: the bundled catalog
	Out      string   // output root; each catalog writes Out/<name>/dataset/<version>/
	Patch    int      // the dataset version's patch number
	Read     read.Options
	Mem      memory.Allocator
	Progress ProgressFunc // nil: silent
}

// DatasetSummary is one catalog's dataset in Export's summary.
type DatasetSummary struct {
	Name    string   `json:"name"`
	Version string   `json:"version"`
	Dir     string   `json:"dir"`
	Files   []string `json:"files"`
}

// ExportSummary is what `export --json` prints.
type ExportSummary struct {
	Datasets []DatasetSummary `json:"datasets"`
}

// Export reads and analyses every catalog, then writes each one's dataset
// release atomically. Nothing is written when any input has an error.
func Export(o ExportOptions) (*ExportSummary, error) {
	if o.Patch < 0 {
		return nil, fmt.Errorf("patch %d: want 0 or more", o.Patch)
	}
	var cleanup func()
	var err error
	if o.Catalogs, o.Mem, cleanup, err = prepare(o.Catalogs, o.Out, o.Mem); err != nil {
		return nil, err
	}
	defer cleanup()
	type job struct {
		res *analyze.Result
		ds  export.DatasetOptions
	}
	var jobs []job
	defer func() {
		for _, j := range jobs {
			j.res.Release()
		}
	}()
	names := map[string]string{}
	for _, dir := range o.Catalogs {
		res, err := Load(o.Mem, dir, o.Read, o.Progress)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job{res: res})
		if other, dup := names[res.History.Name]; dup {
			return nil, fmt.Errorf("%s and %s: two catalogs named %q would write the same output folder", other, dir, res.History.Name)
		}
		names[res.History.Name] = dir
		notes, err := export.ReadSourceNotes(dir)
		if err != nil {
			return nil, err
		}
		jobs[len(jobs)-1].ds = export.DatasetOptions{Patch: o.Patch, Source: notes.Source, License: notes.License}
	}
	sum := &ExportSummary{Datasets: []DatasetSummary{}}
	for _, j := range jobs {
		version := export.DatasetVersion(j.res, j.ds.Patch)
		target := filepath.Join(o.Out, j.res.History.Name, "dataset", version)
		var files []string
		err := WriteDirAtomic(target, func(tmp string) error {
			var err error
			files, err = export.WriteDataset(o.Mem, j.res, tmp, j.ds)
			return err
		})
		if err != nil {
			return nil, err
		}
		sum.Datasets = append(sum.Datasets, DatasetSummary{Name: j.res.History.Name, Version: version, Dir: target, Files: files})
	}
	return sum, nil
}
