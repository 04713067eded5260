package gitimport

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// ManifestName is the file beside the release files that records where each
// came from.
const ManifestName = "MANIFEST.tsv"

// StateName is the import state: what the next run starts from.
const StateName = ".import-state.json"

// lockName is the lock file of a folder being imported into.
const lockName = ".import.lock"

// manifestColumns are the columns of MANIFEST.tsv, those of the corpora's;
// tag is added by --tags.
var manifestColumns = []string{"file", "source_repo", "source_path", "commit", "commit_date", "bytes", "sha256"}

// Row is one release in MANIFEST.tsv.
type Row struct {
	File       string `json:"file"`
	SourceRepo string `json:"source_repo"`
	SourcePath string `json:"source_path"`
	Commit     string `json:"commit"`
	CommitDate string `json:"commit_date"`
	Bytes      int64  `json:"bytes"`
	SHA256     string `json:"sha256"`
	Tag        string `json:"tag,omitempty"`
}

// date is the release date, the file name without its extension.
func (r Row) date() string { return releaseDate(r.File) }

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

// readManifest reads dir/MANIFEST.tsv; a missing file is an empty manifest.
func readManifest(dir string) (*manifest, error) {
	m := &manifest{rows: map[string]Row{}}
	f, err := os.Open(filepath.Join(dir, ManifestName))
	if os.IsNotExist(err) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var cols map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" {
			continue
		}
		fields := strings.Split(text, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range fields {
				cols[c] = i
			}
			for _, c := range manifestColumns {
				if _, ok := cols[c]; !ok {
					return nil, fmt.Errorf("%s: no %s column", filepath.Join(dir, ManifestName), c)
				}
			}
			_, m.tags = cols["tag"]
			continue
		}
		get := func(c string) string {
			if i, ok := cols[c]; ok && i < len(fields) {
				return fields[i]
			}
			return ""
		}
		n, err := strconv.ParseInt(get("bytes"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: bytes %q is not a number", filepath.Join(dir, ManifestName), line, get("bytes"))
		}
		r := Row{File: get("file"), SourceRepo: get("source_repo"), SourcePath: get("source_path"), Commit: get("commit"),
			CommitDate: get("commit_date"), Bytes: n, SHA256: get("sha256"), Tag: get("tag")}
		m.rows[r.date()] = r
	}
	return m, sc.Err()
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

func (m *manifest) bytes() []byte {
	var b bytes.Buffer
	cols := manifestColumns
	if m.tags {
		cols = append(cols[:len(cols):len(cols)], "tag")
	}
	b.WriteString(strings.Join(cols, "\t"))
	b.WriteByte('\n')
	for _, r := range m.sorted() {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%d\t%s", r.File, r.SourceRepo, r.SourcePath, r.Commit, r.CommitDate, r.Bytes, r.SHA256)
		if m.tags {
			b.WriteString("\t" + r.Tag)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// tsvSafe refuses values that would break a TSV row.
func tsvSafe(what, s string) error {
	if strings.ContainsAny(s, "\t\n\r") {
		return fmt.Errorf("%s %q holds a tab or a line break, which MANIFEST.tsv cannot hold", what, s)
	}
	return nil
}

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
// into place: readers (and a killed run) see the old file or the new one,
// never a part. fill writes the content.
func writeFileAtomic(dir, name string, fill func(w io.Writer) error) error {
	var f *os.File
	var tmp string
	for try := 0; ; try++ {
		tmp = filepath.Join(dir, "."+name+tmpInfix+strconv.FormatUint(uint64(rand.Uint32()), 36))
		var err error
		f, err = os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			break
		}
		if !os.IsExist(err) || try == 100 {
			return err
		}
	}
	if err := fill(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

const tmpInfix = ".tmp-"

// removeTemps deletes the temporary files a killed run left.
func removeTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".") && strings.Contains(n, tmpInfix) && !e.IsDir() {
			if err := os.Remove(filepath.Join(dir, n)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}
