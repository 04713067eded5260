package catalog

// This file owns MANIFEST.tsv, the table beside a catalog's release files
// that records where each came from (the corpora in shared/corpora have
// one, and `landscape import git` writes one): its one reader, which read
// (a release's commit and source) and gitimport (what an earlier import
// wrote) both use, and its one writer.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
)

// ManifestName is the name of the manifest in a catalog folder.
const ManifestName = "MANIFEST.tsv"

// MaxManifestSize bounds MANIFEST.tsv (a row is about 200 bytes).
const MaxManifestSize = 64 << 20

// ManifestColumns are the columns the writer writes, those of the corpora's;
// "tag" follows them when a release was taken at a tag.
var ManifestColumns = []string{"file", "source_repo", "source_path", "commit", "commit_date", "bytes", "sha256"}

// ManifestRow is the row of one release file.
type ManifestRow struct {
	File       string `json:"file"`        // release file name, in the folder
	SourceRepo string `json:"source_repo"` // "owner/name" on GitHub, else a URL or a name
	SourcePath string `json:"source_path"` // path of the file in the repository
	Commit     string `json:"commit"`
	CommitDate string `json:"commit_date"` // committer date, RFC 3339 with the committer's offset
	Bytes      int64  `json:"bytes"`       // -1 when not given
	SHA256     string `json:"sha256"`
	Tag        string `json:"tag,omitempty"` // the tag the release was taken at, if any
}

// Manifest is MANIFEST.tsv: its rows in file order and its header's
// columns.
type Manifest struct {
	Rows    []ManifestRow
	Columns map[string]bool
}

// ReadManifest reads dir/MANIFEST.tsv (a regular file, bounded). Columns
// are found by the header line: file is required, every other column is
// optional (Require checks more). A folder without one gives an empty
// manifest. A row without a file name, a bytes value that is not a number,
// and a file listed twice are errors naming the line.
func ReadManifest(dir string) (*Manifest, error) {
	m := &Manifest{Columns: map[string]bool{}}
	path := filepath.Join(dir, ManifestName)
	data, err := ReadRegular(path, MaxManifestSize)
	if errors.Is(err, fs.ErrNotExist) {
		return m, nil
	}
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cols map[string]int
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range fields {
				c = strings.TrimSpace(c)
				cols[c] = i
				m.Columns[c] = true
			}
			if _, ok := cols["file"]; !ok {
				return nil, fmt.Errorf("%s:%d: no file column in the header", path, line)
			}
			continue
		}
		get := func(c string) string {
			if i, ok := cols[c]; ok && i < len(fields) {
				return strings.TrimSpace(fields[i])
			}
			return ""
		}
		r := ManifestRow{File: get("file"), SourceRepo: get("source_repo"), SourcePath: get("source_path"), Commit: get("commit"),
			CommitDate: get("commit_date"), Bytes: -1, SHA256: get("sha256"), Tag: get("tag")}
		if s := get("bytes"); s != "" {
			if r.Bytes, err = strconv.ParseInt(s, 10, 64); err != nil || r.Bytes < 0 {
				return nil, fmt.Errorf("%s:%d: bytes %q is not a number", path, line, s)
			}
		}
		if r.File == "" {
			return nil, fmt.Errorf("%s:%d: no file name", path, line)
		}
		if seen[r.File] {
			return nil, fmt.Errorf("%s:%d: %s is listed twice", path, line, r.File)
		}
		seen[r.File] = true
		m.Rows = append(m.Rows, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// Require checks that a manifest read from dir has the columns named (a
// manifest with no rows and no header passes).
func (m *Manifest) Require(dir string, cols ...string) error {
	if len(m.Columns) == 0 {
		return nil
	}
	for _, c := range cols {
		if !m.Columns[c] {
			return fmt.Errorf("%s: no %s column", filepath.Join(dir, ManifestName), c)
		}
	}
	return nil
}

// ByFile gives the rows by release file name.
func (m *Manifest) ByFile() map[string]ManifestRow {
	out := make(map[string]ManifestRow, len(m.Rows))
	for _, r := range m.Rows {
		out[r.File] = r
	}
	return out
}

// FormatManifest writes MANIFEST.tsv: the header (ManifestColumns, and tag
// when tags is true), then the rows in the order given.
func FormatManifest(rows []ManifestRow, tags bool) []byte {
	var b bytes.Buffer
	cols := ManifestColumns
	if tags {
		cols = append(cols[:len(cols):len(cols)], "tag")
	}
	b.WriteString(strings.Join(cols, "\t"))
	b.WriteByte('\n')
	for _, r := range rows {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%d\t%s", r.File, r.SourceRepo, r.SourcePath, r.Commit, r.CommitDate, r.Bytes, r.SHA256)
		if tags {
			b.WriteString("\t" + r.Tag)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// ManifestSafe refuses a value that would break a row of MANIFEST.tsv.
func ManifestSafe(what, s string) error {
	if strings.ContainsAny(s, "\t\n\r") {
		return fmt.Errorf("%s %q holds a tab or a line break, which %s cannot hold", what, s, ManifestName)
	}
	return nil
}
