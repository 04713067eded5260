package catalog

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Release is the metadata of one release file of a catalog.
type Release struct {
	ID     string    // release id, "2026-06-30" unless the file says otherwise
	Date   time.Time // release date, UTC midnight
	Title  string    // human title, may be empty
	Source string    // where the catalog comes from (repository URL, …), may be empty
	Commit string    // source commit, where known
	File   string    // path of the file that was read
	Format string    // reader that read it: "canonical", "cncf", "markdown", "csv"
	// Changes are the dated facts the release file records about its
	// tools since the previous release (the canonical format's changes:
	// list): acquisitions, ends, relicensings, renames. Most formats
	// record none; the analyses then see only what the listings show.
	Changes []Change
	// Groups are the descriptions the release file gives its categories and
	// subcategories (the canonical format's description:), in file order;
	// most formats give none.
	Groups []Group
}

// Group is the description of a category (Subcategory "") or of a
// subcategory, as one release file gives it.
type Group struct {
	Category    string
	Subcategory string
	Description string
}

// GroupDescription is the description r gives category cat (sub "") or its
// subcategory sub, "" when it gives none.
func (r *Release) GroupDescription(cat, sub string) string {
	for _, g := range r.Groups {
		if g.Category == cat && g.Subcategory == sub {
			return g.Description
		}
	}
	return ""
}

// Kinds of a recorded Change.
const (
	ChangeAcquired   = "acquired"
	ChangeEnded      = "ended"
	ChangeRelicensed = "relicensed"
	ChangeRenamed    = "renamed"
)

// ChangeKinds are the kinds a Change may have, in report order.
var ChangeKinds = []string{ChangeAcquired, ChangeEnded, ChangeRelicensed, ChangeRenamed}

// Change is one dated fact about one tool that a release file records as
// having taken effect since the previous release.
type Change struct {
	Kind        string // ChangeAcquired, ChangeEnded, ChangeRelicensed, ChangeRenamed
	Name        string // the tool's name (its last name, for a tool that ended)
	Category    string // its category, where given
	Subcategory string
	Date        string // "YYYY" or "YYYY-MM": when it took effect, at the precision known
	By          string // acquired: the buyer
	From, To    string // relicensed: the licences; renamed: the names
	Line        int    // 1-based line of the entry in Release.File
}

// Listing is one entry of a tool in one release file. A tool listed twice in a
// release gives two Listings (and one tool_id once identity has run).
type Listing struct {
	Name        string
	Category    string
	Subcategory string // "" when the format has no subcategories
	HomepageURL string
	RepoURL     string
	Description string
	Launched    string // "2019" or "2019-06" or ""
	OpenSource  *bool  // nil when unknown
	License     string // SPDX id where known
	Status      string // "active", "acquired by X in YYYY", … ; "" when unknown
	Stars       *int64 // GitHub stars where the source has them
	// Extra holds every other field of the source entry, as strings
	// (nested values as compact JSON). Keys are sorted on output.
	Extra map[string]string
	Line  int // 1-based line of the entry in Release.File
	// Key identifies the entry's content as read (every field above but
	// Line): two listings with the same non-empty Key are equal but for their
	// lines. Readers that parse a block once for many releases set it; ""
	// leaves it to the history builder to compare the fields.
	Key string
}

// Snapshot is one release as read from one file.
type Snapshot struct {
	Release  Release
	Listings []Listing
	Warnings []Diagnostic // problems that do not stop the run (unknown keys, …)
}

// Severity of a Diagnostic.
type Severity int

const (
	SeverityError Severity = iota
	SeverityWarning
)

// Diagnostic is a problem found in an input file, with its position.
type Diagnostic struct {
	File     string
	Line     int // 1-based; 0 when unknown
	Col      int // 1-based; 0 when unknown
	Severity Severity
	Msg      string
}

// String renders "file:line:col: msg" (line and col left out when unknown),
// prefixed with "warning: " for warnings.
func (d Diagnostic) String() string {
	var b strings.Builder
	if d.File == "" {
		return d.Msg
	}
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == SeverityWarning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

func (d Diagnostic) Error() string { return d.String() }

// Diagnostics is a list of problems; as an error it reports all of them, one
// per line. Readers return it when a file has one or more errors.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// MsgReleaseSkipped starts the warning of a release file that could not be
// read and was left out of the history (lenient reading).
const MsgReleaseSkipped = "release skipped"

// SkippedReleases counts the release files the warnings say were skipped.
func (ds Diagnostics) SkippedReleases() int {
	n := 0
	for _, d := range ds {
		if strings.HasPrefix(d.Msg, MsgReleaseSkipped) {
			n++
		}
	}
	return n
}

// Sort orders diagnostics by file, line, column, message.
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// HasErrors reports whether any diagnostic is an error (not a warning).
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errorf makes an error Diagnostic.
func Errorf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Severity: SeverityError, Msg: fmt.Sprintf(format, args...)}
}

// Warnf makes a warning Diagnostic.
func Warnf(file string, line, col int, format string, args ...any) Diagnostic {
	return Diagnostic{File: file, Line: line, Col: col, Severity: SeverityWarning, Msg: fmt.Sprintf(format, args...)}
}

var (
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?(?:unmarshal errors:\s*)?line (\d+): (.*)$`)
	yamlUnknown = regexp.MustCompile(`field (\S+) not found in type \S+`)
	yamlType    = regexp.MustCompile(`cannot unmarshal !!(\w+) ` + "`" + `([^` + "`" + `]*)` + "`" + ` into \S+`)
)

// yamlPlain rewords the library's Go-flavoured messages for people.
func yamlPlain(msg string) string {
	msg = yamlUnknown.ReplaceAllString(msg, `unknown key "$1"`)
	return yamlType.ReplaceAllString(msg, `unexpected $1 "$2"`)
}

// YAMLError turns a YAML library error ("yaml: line 3: …", or unmarshal
// errors "line 3: …") into "path:3: …; expect" lines.
func YAMLError(path string, err error, expect string) error {
	var lines []string
	msg := strings.TrimSpace(err.Error())
	msg = strings.TrimPrefix(msg, "yaml: unmarshal errors:")
	for _, part := range strings.Split(msg, "\n") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if m := yamlLine.FindStringSubmatch(part); m != nil {
			lines = append(lines, fmt.Sprintf("%s:%s: %s; %s", path, m[1], yamlPlain(m[2]), expect))
		} else {
			lines = append(lines, fmt.Sprintf("%s: %s; %s", path, yamlPlain(strings.TrimPrefix(part, "yaml: ")), expect))
		}
	}
	return errors.New(strings.Join(lines, "\n"))
}

// ReadOptional reads a hand-written side file of a catalog (aliases.yaml,
// taxonomy.yaml) with ReadRegular: nil, nil when it does not exist; an error
// naming the file when it is larger than max bytes or not a regular file.
func ReadOptional(path string, max int64) ([]byte, error) {
	data, err := ReadRegular(path, max)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return data, err
}
