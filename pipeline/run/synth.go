package run

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/landscapehq/landscape/pipeline/synth"
)

// SynthOptions are a synth run's.
type SynthOptions struct {
	Dir        string // catalog folder for the release files; "" writes none
	Parquet    string // path of the Parquet history table; "" writes none
	Releases   int
	Tools      int
	Rows       int // about this many listings: sets Releases when > 0
	Categories int
	Seed       uint64
}

// DefaultSynthTools is synth's default number of tools per release.
const DefaultSynthTools = synth.DefaultTools

// SynthSummary is what `synth --json` prints.
type SynthSummary struct {
	synth.Stats
	Name    string `json:"name"`
	Seed    uint64 `json:"seed"`
	Dir     string `json:"dir,omitempty"`
	Parquet string `json:"parquet,omitempty"`
}

// CheckSynth checks a synth run's options without running it.
func CheckSynth(o SynthOptions) error {
	if o.Dir == "" && o.Parquet == "" {
		return optionErrorf("nothing to write: give CATALOG_DIR, --parquet FILE or both")
	}
	if o.Tools < 1 || o.Releases < 1 || o.Rows < 0 || o.Categories < 1 || o.Categories > 600 {
		return optionErrorf("--tools, --releases and --categories must be at least 1 (at most 600 categories), --rows 0 or more")
	}
	return nil
}

// Synth writes a seeded synthetic catalog: release files into o.Dir (a new
// or empty folder) and/or the Parquet history table to o.Parquet.
func Synth(o SynthOptions) (*SynthSummary, error) {
	if err := CheckSynth(o); err != nil {
		return nil, err
	}
	opts := synth.Options{Seed: o.Seed, Releases: o.Releases, Tools: o.Tools, Categories: o.Categories}
	if o.Rows > 0 {
		opts.Releases = opts.ReleasesFor(o.Rows)
	}
	name := "synth"
	if o.Dir != "" {
		n, err := CatalogName(o.Dir)
		if err != nil {
			return nil, err
		}
		name = n
		if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
			return nil, fmt.Errorf("%s: not empty; synth writes release files into a new or empty folder", o.Dir)
		}
	}
	sum := &SynthSummary{Name: name, Seed: o.Seed, Dir: o.Dir, Parquet: o.Parquet}
	if o.Dir != "" {
		st, err := synth.WriteCatalog(o.Dir, opts)
		if err != nil {
			return nil, err
		}
		sum.Stats = st
	}
	if o.Parquet != "" {
		if dir := filepath.Dir(o.Parquet); dir != "" {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
		}
		st, err := synth.WriteParquetFile(o.Parquet, name, opts)
		if err != nil {
			return nil, err
		}
		st.Files = sum.Files
		sum.Stats = st
	}
	return sum, nil
}
