package gitimport

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/landscapehq/landscape/internal/atomicfile"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ManifestName is the file beside the release files that records where each
// came from (catalog owns its format).
const ManifestName = catalog.ManifestName

// StateName is the import state: what the next run starts from.
const StateName = ".import-state.json"

// lockName is the lock file of a folder being imported into.
const lockName = ".import.lock"

// Row is one release in MANIFEST.tsv.
type Row = catalog.ManifestRow

// rowDate is a row's release date, the file name without its extension.
func rowDate(r Row) string { return releaseDate(r.File) }

func releaseDate(file string) string {
	if len(file) >= 10 {
		return file[:10]
	}
	return file
}

// manifest is MANIFEST.tsv in memory: one row per release date.
type manifest struct {
	rows map[string]Row // by date
	tags bool
}

// readManifest reads dir/MANIFEST.tsv (catalog.ReadManifest), which must
// have every column the import writes; a missing file is an empty manifest.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{rows: map[string]Row{}}
	cm, err := catalog.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	if err := cm.Require(dir, catalog.ManifestColumns...); err != nil {
		return nil, err
	}
	m.tags = cm.Columns["tag"]
	for _, r := range cm.Rows {
		if r.Bytes < 0 {
			return nil, fmt.Errorf("%s: %s: no bytes", filepath.Join(dir, ManifestName), r.File)
		}
		m.rows[rowDate(r)] = r
	}
	return m, nil
}

// sorted lists the rows by date.
func (m *manifest) sorted() []Row {
	rows := make([]Row, 0, len(m.rows))
	for _, r := range m.rows {
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].File < rows[j].File })
	return rows
}

func (m *manifest) bytes() []byte { return catalog.FormatManifest(m.sorted(), m.tags) }

// tsvSafe refuses values that would break a TSV row.
func tsvSafe(what, s string) error { return catalog.ManifestSafe(what, s) }

// state is .import-state.json: what the next run needs to go on from the last
// commit imported.
type state struct {
	Version    int    `json:"version"`
	SourceRepo string `json:"source_repo"`
	Ref        string `json:"ref"`
	File       string `json:"file"`  // --file as given on the first run
	Every      string `json:"every"` // cadence, or "tags"
	// Last is the last commit imported, with the file's name and blob there.
	Last *statePoint `json:"last,omitempty"`
	// Changed is the newest commit up to Last that changed the file.
	ChangedCommit string `json:"changed_commit,omitempty"`
	ChangedDate   string `json:"changed_date,omitempty"`
	// Open is the period of Last, whose release later commits may replace;
	// Base is the blob of the last release before it.
	Open string `json:"open,omitempty"`
	Base string `json:"base,omitempty"`
}

type statePoint struct {
	Commit string    `json:"commit"`
	Date   string    `json:"date"` // committer date
	Tau    time.Time `json:"tau"`
	Tree   string    `json:"tree"`
	Path   string    `json:"path"`
	Blob   string    `json:"blob,omitempty"`
}

const stateVersion = 1

func (sp *statePoint) point() (*point, error) {
	when, err := time.Parse(time.RFC3339, sp.Date)
	if err != nil {
		return nil, fmt.Errorf("import state: date %q: %w", sp.Date, err)
	}
	p := &point{hash: plumbing.NewHash(sp.Commit), when: when, tau: sp.Tau.UTC(), tree: plumbing.NewHash(sp.Tree), path: sp.Path}
	if sp.Blob != "" {
		p.blob = plumbing.NewHash(sp.Blob)
	}
	return p, nil
}

func newStatePoint(p *point) *statePoint {
	sp := &statePoint{Commit: p.hash.String(), Date: p.when.Format(time.RFC3339), Tau: p.tau.UTC(), Tree: p.tree.String(), Path: p.path}
	if p.present() {
		sp.Blob = p.blob.String()
	}
	return sp
}

// readState reads dir/.import-state.json; nil when there is none.
func readState(dir string) (*state, error) {
	data, err := os.ReadFile(filepath.Join(dir, StateName))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var s state
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, StateName), err)
	}
	if s.Version != stateVersion {
		return nil, fmt.Errorf("%s: version %d; this landscape reads version %d", filepath.Join(dir, StateName), s.Version, stateVersion)
	}
	return &s, nil
}

func (s *state) bytes() []byte {
	data, _ := json.MarshalIndent(s, "", "  ")
	return append(data, '\n')
}

// writeFileAtomic writes name in dir through a temporary dot file renamed
// into place (internal/atomicfile): readers (and a killed run) see the old
// file or the new one, never a part. fill writes the content.
func writeFileAtomic(dir, name string, fill func(w io.Writer) error) error {
	return atomicfile.Write(filepath.Join(dir, name), 0o644, fill)
}

// removeTemps deletes the temporary files a killed run left.
func removeTemps(dir string) error { return atomicfile.RemoveTemps(dir) }
