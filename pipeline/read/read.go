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
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	// Strict makes every problem an error that stops the run (validate,
	// analyze --strict). The default is lenient: a malformed field is dropped
	// with a warning, and a file that cannot be read is skipped with one.
	Strict bool
	// MaxFileSize is the largest release file read, in bytes; 0 is
	// MaxFileSize. (import git writes none larger: one flag,
	// --max-file-size, sets both.)
	MaxFileSize int64
	// ExcludeCategories are categories left out of every release as it is
	// read (analyze --exclude-category: "CNCF Members", say), compared
	// without regard to case and surrounding space; recorded changes of
	// those categories go with them.
	ExcludeCategories []string
	// blocks memoizes the item blocks of landscape.yml files across the
	// files of one history (see WithBlockCache); nil parses every file whole.
	blocks *blockCache
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

// Limits on a release file. A file over MaxFileSize bytes (or
// Options.MaxFileSize), or with a line over MaxLineLength bytes, is refused
// with an error before it is parsed.
const (
	MaxFileSize   = 64 << 20 // 64 MiB
	MaxLineLength = 1 << 20  // 1 MiB
)

// File reads one release file (catalog.ReadRegular: a regular file of at
// most MaxFileSize bytes, opened so that a named pipe cannot block).
func File(path string, opts Options) (*catalog.Snapshot, error) {
	data, err := catalog.ReadRegular(path, opts.maxFileSize())
	if err != nil {
		return nil, err
	}
	return Bytes(path, data, opts)
}

func (o Options) maxFileSize() int64 {
	if o.MaxFileSize > 0 {
		return o.MaxFileSize
	}
	return MaxFileSize
}

// Bytes reads one release file held in memory; path names it in diagnostics
// and gives the release date when the metadata does not.
//
// Before a format sees the file, a byte-order mark is removed (it is valid
// input, as are CRLF line ends, which every format reads like LF), and a file
// over MaxFileSize, with a line over MaxLineLength bytes or with invalid UTF-8
// is refused with the line (and column) of the problem.
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
	if max := opts.maxFileSize(); int64(len(data)) > max {
		return nil, catalog.TooLarge(path, int64(len(data)), max)
	}
	data = bytes.TrimPrefix(data, utf8BOM) // a byte-order mark is valid input
	if ds := checkText(path, data); ds != nil {
		return nil, ds
	}
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

// maxTextDiagnostics caps the diagnostics checkText gives for one file.
const maxTextDiagnostics = 20

// checkText refuses lines longer than MaxLineLength and invalid UTF-8, with
// the line and column of each (the first maxTextDiagnostics of them).
func checkText(path string, data []byte) catalog.Diagnostics {
	if utf8.Valid(data) && !hasLongLine(data) {
		return nil
	}
	var ds catalog.Diagnostics
	for n, start := 1, 0; start <= len(data); n++ {
		end := bytes.IndexByte(data[start:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += start
		}
		line := data[start:end]
		if len(line) > MaxLineLength {
			ds = append(ds, catalog.Errorf(path, n, 0, "line is %d bytes long; expected at most %d bytes (%d MiB) per line", len(line), MaxLineLength, MaxLineLength>>20))
		} else if !utf8.Valid(line) {
			off := 0
			for off < len(line) {
				c, size := utf8.DecodeRune(line[off:])
				if c == utf8.RuneError && size <= 1 {
					break
				}
				off += size
			}
			col := utf8.RuneCount(line[:off]) + 1
			ds = append(ds, catalog.Errorf(path, n, col, "invalid UTF-8 (byte 0x%02x); expected UTF-8 text", line[off]))
		}
		if len(ds) == maxTextDiagnostics {
			ds = append(ds, catalog.Errorf(path, 0, 0, "more lines with problems left out"))
			break
		}
		start = end + 1
	}
	return ds
}

func hasLongLine(data []byte) bool {
	if len(data) <= MaxLineLength {
		return false
	}
	for len(data) > MaxLineLength {
		i := bytes.IndexByte(data, '\n')
		if i < 0 || i > MaxLineLength {
			return true
		}
		data = data[i+1:]
	}
	return false
}

func head(data []byte) []byte {
	if len(data) > 4096 {
		return data[:4096]
	}
	return data
}

// dateInName is a date of four-digit year that no other digit touches: in
// 3170843-12-31.yaml there is no date (not 0843-12-31).
var dateInName = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-\d{2}(?:-(\d{2}))?)(?:[^0-9]|$)`)

// DateFromName finds a YYYY-MM-DD or YYYY-MM date in a file name. A month
// alone stands for its last day.
func DateFromName(path string) (time.Time, string, bool) {
	base := filepath.Base(path)
	m := dateInName.FindStringSubmatch(base)
	if m == nil {
		return time.Time{}, "", false
	}
	if m[2] != "" {
		t, err := time.Parse("2006-01-02", m[1])
		if err != nil {
			return time.Time{}, "", false
		}
		return t, m[1], true
	}
	t, err := time.Parse("2006-01", m[1])
	if err != nil {
		return time.Time{}, "", false
	}
	return t.AddDate(0, 1, -1), m[1], true
}

// fillRelease completes a release's id and date from the file name where the
// metadata left them out, and checks the id.
func fillRelease(path string, r *catalog.Release) error {
	if r.Date.IsZero() {
		t, id, ok := DateFromName(path)
		if !ok {
			return fmt.Errorf("%s: no release date; expected the date in the file name (YYYY-MM-DD or YYYY-MM, such as 2026-06-30.yaml) or in its metadata", path)
		}
		r.Date = t
		if r.ID == "" {
			r.ID = id
		}
	}
	if r.ID == "" {
		r.ID = r.Date.Format("2006-01-02")
	}
	if msg := ReleaseIDProblem(r.ID); msg != "" {
		return fmt.Errorf("%s: release id %q %s", path, r.ID, msg)
	}
	return nil
}

// MaxReleaseIDLength is the longest release id, in bytes.
const MaxReleaseIDLength = 100

// ReleaseIDProblem returns "" for a release id that is safe as a file name
// (release ids name files and folders of the outputs), else the rest of a
// message: what is wrong and what was expected. It refuses empty ids, ids
// with a path separator (/ or \) or another character that file names may
// not hold on some systems (: * ? " < > |), "..", a control character, white
// space at either end, a leading dot or dash, and ids over MaxReleaseIDLength
// bytes.
func ReleaseIDProblem(id string) string {
	const want = "; expected a plain name such as 2026-06-30 or v1.2 (letters, digits, '.', '-', '_')"
	switch {
	case id == "":
		return "is empty" + want
	case len(id) > MaxReleaseIDLength:
		return fmt.Sprintf("is %d bytes long", len(id)) + want + fmt.Sprintf(" of at most %d bytes", MaxReleaseIDLength)
	case !utf8.ValidString(id):
		return "is not valid UTF-8" + want
	case strings.ContainsAny(id, "/\\"):
		return "holds a path separator" + want
	case strings.ContainsAny(id, `:*?"<>|`):
		c := id[strings.IndexAny(id, `:*?"<>|`)]
		return fmt.Sprintf("holds %q, which file names may not hold", c) + want
	case strings.Contains(id, ".."):
		return `holds ".."` + want
	case strings.HasPrefix(id, "."):
		return "starts with a dot" + want
	case strings.HasPrefix(id, "-"):
		return "starts with a dash" + want
	case strings.TrimSpace(id) != id:
		return "starts or ends with white space" + want
	}
	for _, c := range id {
		if unicode.IsControl(c) || c == '\u2028' || c == '\u2029' {
			return fmt.Sprintf("holds the control character %U", c) + want
		}
	}
	return ""
}

// Catalog reads every release file of a catalog folder into memory, in
// release-date order (see Stream, which it collects). All problems of all
// files are returned together.
func Catalog(dir string, opts Options) ([]*catalog.Snapshot, error) {
	var snaps []*catalog.Snapshot
	warns, err := Stream(dir, opts, func(s *catalog.Snapshot) error {
		snaps = append(snaps, s)
		return nil
	})
	if err != nil {
		return nil, err
	}
	// Stream leaves the warnings of files it skipped to its result: give
	// them to the first snapshot, so that a collected catalog keeps them.
	if len(warns) > 0 && len(snaps) > 0 {
		snaps[0].Warnings = append(warns, snaps[0].Warnings...)
	}
	sort.SliceStable(snaps, func(i, j int) bool { return snaps[i].Release.Date.Before(snaps[j].Release.Date) })
	return snaps, nil
}

// Exclude drops the listings and recorded changes of the excluded
// categories from s (in place) and gives s.
func (o Options) Exclude(s *catalog.Snapshot) *catalog.Snapshot {
	if len(o.ExcludeCategories) == 0 || s == nil {
		return s
	}
	out := map[string]bool{}
	for _, c := range o.ExcludeCategories {
		out[strings.ToLower(strings.TrimSpace(c))] = true
	}
	ls := make([]catalog.Listing, 0, len(s.Listings)) // the listings may be shared with a cache
	for _, l := range s.Listings {
		if !out[strings.ToLower(strings.TrimSpace(l.Category))] {
			ls = append(ls, l)
		}
	}
	s.Listings = ls
	var cs []catalog.Change
	for _, c := range s.Release.Changes {
		if !out[strings.ToLower(strings.TrimSpace(c.Category))] {
			cs = append(cs, c)
		}
	}
	s.Release.Changes = cs
	return s
}
