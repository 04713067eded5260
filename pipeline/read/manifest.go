package read

// This file reads MANIFEST.tsv, the table beside a catalog's release files
// that records where each came from (the corpora in shared/corpora have one,
// and `landscape import git` writes one): Catalog takes each release's
// source commit and repository from it when the file itself does not say.

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ManifestName is the name of the manifest in a catalog folder.
const ManifestName = "MANIFEST.tsv"

// MaxManifestSize bounds MANIFEST.tsv (a row is about 200 bytes).
const MaxManifestSize = 64 << 20

// ManifestRow is the row of one release file. Columns are found by the
// header line; file is required, every other column is optional.
type ManifestRow struct {
	File       string // release file name, in the folder
	SourceRepo string // "owner/name" on GitHub, else a URL or a name
	SourcePath string // path of the file in the repository
	Commit     string
	CommitDate string // committer date, RFC 3339 with the committer's offset
	Bytes      int64  // -1 when not given
	SHA256     string
	Tag        string // the tag the release was taken at, if any
}

// Manifest reads dir/MANIFEST.tsv, by release file name. A folder without
// one gives an empty map.
func Manifest(dir string) (map[string]ManifestRow, error) {
	path := filepath.Join(dir, ManifestName)
	data, err := catalog.ReadRegular(path, MaxManifestSize)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]ManifestRow{}, nil
	}
	if err != nil {
		return nil, err
	}
	rows := map[string]ManifestRow{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var cols map[string]int
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
				cols[strings.TrimSpace(c)] = i
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
			if r.Bytes, err = strconv.ParseInt(s, 10, 64); err != nil {
				return nil, fmt.Errorf("%s:%d: bytes %q is not a number", path, line, s)
			}
		}
		if r.File == "" {
			return nil, fmt.Errorf("%s:%d: no file name", path, line)
		}
		if _, dup := rows[r.File]; dup {
			return nil, fmt.Errorf("%s:%d: %s is listed twice", path, line, r.File)
		}
		rows[r.File] = r
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rows, nil
}

var githubRepo = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)

// applyManifest fills a release's commit and source from its manifest row
// where the file left them out. An "owner/name" source_repo is a GitHub
// repository (the corpora's, and `landscape import git` names GitHub
// repositories so).
func applyManifest(r *catalog.Release, row ManifestRow, ok bool) {
	if !ok {
		return
	}
	if r.Commit == "" {
		r.Commit = row.Commit
	}
	if r.Source == "" && row.SourceRepo != "" {
		r.Source = row.SourceRepo
		if githubRepo.MatchString(row.SourceRepo) {
			r.Source = "https://github.com/" + row.SourceRepo
		}
	}
}
