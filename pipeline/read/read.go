// Package read turns release files into catalog Snapshots.
//
// It takes a file (or a catalog folder of release files) in one of the
// supported formats — canonical snapshot YAML, CNCF landscape.yml, "awesome
// list" Markdown, CSV — and gives one catalog.Snapshot per file: the release
// metadata and one catalog.Listing per tool entry, each with its line. Every
// format lives in a file of its own and registers a Format here; detection
// picks one from the file name and its first bytes, or --format names it.
package read

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Options tune the readers. The zero value is the default.
type Options struct {
	// Format forces a format by name ("canonical", "cncf", "markdown", "csv");
	// "" detects it per file.
	Format string
	// MarkdownSkip overrides the rule that leaves non-tool sections of awesome
	// lists out: headings matching this regexp (case-insensitive) are skipped.
	// "" uses DefaultMarkdownSkip.
	MarkdownSkip string
}

// Format is one input format.
type Format struct {
	Name string
	// Detect reports whether a file with this name and these first bytes is in
	// this format. Detection asks formats in registration order.
	Detect func(name string, head []byte) bool
	// Read parses one file. path is used for diagnostics only. It returns a
	// Snapshot (with Warnings) or an error, which is a catalog.Diagnostics when
	// the problems are in the input.
	Read func(path string, data []byte, opts Options) (*catalog.Snapshot, error)
}

var formats []Format

// Register adds a format. Formats call it from init.
func Register(f Format) {
	for _, g := range formats {
		if g.Name == f.Name {
			panic("read: format registered twice: " + f.Name)
		}
	}
	formats = append(formats, f)
	sort.SliceStable(formats, func(i, j int) bool { return formatOrder(formats[i].Name) < formatOrder(formats[j].Name) })
}

// detection order: the most specific first.
func formatOrder(name string) int {
	switch name {
	case "cncf":
		return 0
	case "canonical":
		return 1
	case "markdown":
		return 2
	case "csv":
		return 3
	}
	return 4
}

// Formats lists the registered format names.
func Formats() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

func lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// Detect returns the format of a file from its name and first bytes.
func Detect(name string, head []byte) (string, error) {
	for _, f := range formats {
		if f.Detect(name, head) {
			return f.Name, nil
		}
	}
	return "", fmt.Errorf("%s: unknown format; expected one of %s (or give --format)", name, strings.Join(Formats(), ", "))
}

// MaxFileSize is the largest release file read (64 MiB).
const MaxFileSize = 64 << 20

// File reads one release file.
func File(path string, opts Options) (*catalog.Snapshot, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %d bytes; the limit is %d", path, st.Size(), MaxFileSize)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return Bytes(path, data, opts)
}

// Bytes reads one release file held in memory; path names it in diagnostics
// and gives the release date when the metadata does not.
func Bytes(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	name := opts.Format
	if name == "" {
		var err error
		if name, err = Detect(path, head(data)); err != nil {
			return nil, err
		}
	}
	f, ok := lookup(name)
	if !ok {
		return nil, fmt.Errorf("unknown format %q; expected one of %s", name, strings.Join(Formats(), ", "))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a byte-order mark is valid input
	snap, err := f.Read(path, data, opts)
	if err != nil {
		return nil, err
	}
	snap.Release.File = path
	snap.Release.Format = f.Name
	if err := fillRelease(path, &snap.Release); err != nil {
		return nil, err
	}
	return snap, nil
}

func head(data []byte) []byte {
	if len(data) > 4096 {
		return data[:4096]
	}
	return data
}

var dateInName = regexp.MustCompile(`(\d{4})-(\d{2})(?:-(\d{2}))?`)

// DateFromName finds a YYYY-MM-DD or YYYY-MM date in a file name. A month
// alone stands for its last day.
func DateFromName(path string) (time.Time, string, bool) {
	base := filepath.Base(path)
	m := dateInName.FindStringSubmatch(base)
	if m == nil {
		return time.Time{}, "", false
	}
	if m[3] != "" {
		t, err := time.Parse("2006-01-02", m[0])
		if err != nil {
			return time.Time{}, "", false
		}
		return t, m[0], true
	}
	t, err := time.Parse("2006-01", m[0])
	if err != nil {
		return time.Time{}, "", false
	}
	return t.AddDate(0, 1, -1), m[0], true
}

// fillRelease completes a release's id and date from the file name where the
// metadata left them out.
func fillRelease(path string, r *catalog.Release) error {
	if r.Date.IsZero() {
		t, id, ok := DateFromName(path)
		if !ok {
			return fmt.Errorf("%s: no release date: name the file YYYY-MM-DD or YYYY-MM, or give the date in its metadata", path)
		}
		r.Date = t
		if r.ID == "" {
			r.ID = id
		}
	}
	if r.ID == "" {
		r.ID = r.Date.Format("2006-01-02")
	}
	return nil
}

// Catalog reads every release file of a catalog folder, in release-date
// order. Files that are not release files (README.md, TAXONOMY.md,
// MANIFEST.tsv, aliases.yaml, taxonomy.yaml, dot files) are passed over: a
// release file is one whose name holds a date. All problems of all files are
// returned together.
func Catalog(dir string, opts Options) ([]*catalog.Snapshot, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var snaps []*catalog.Snapshot
	var diags catalog.Diagnostics
	var other []string
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if _, _, ok := DateFromName(e.Name()); !ok {
			continue
		}
		path := filepath.Join(dir, e.Name())
		snap, err := File(path, opts)
		if err != nil {
			if ds, ok := err.(catalog.Diagnostics); ok {
				diags = append(diags, ds...)
			} else {
				other = append(other, err.Error())
			}
			continue
		}
		snaps = append(snaps, snap)
	}
	if len(other) > 0 || diags.HasErrors() {
		for _, o := range other {
			diags = append(diags, catalog.Diagnostic{File: "", Msg: o})
		}
		return nil, diags
	}
	if len(snaps) == 0 {
		return nil, fmt.Errorf("%s: no release files (a release file's name holds its date, YYYY-MM-DD or YYYY-MM)", dir)
	}
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].Release.Date.Before(snaps[j].Release.Date) })
	for i := 1; i < len(snaps); i++ {
		if snaps[i].Release.ID == snaps[i-1].Release.ID {
			return nil, fmt.Errorf("%s and %s: both are release %s", snaps[i-1].Release.File, snaps[i].Release.File, snaps[i].Release.ID)
		}
	}
	return snaps, nil
}
