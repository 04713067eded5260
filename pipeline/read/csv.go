package read

// This file holds the reader of CSV files with a header row, such as a
// spreadsheet export: one row per listing.
//
// Header names are matched without regard to case, with spaces and dashes
// taken as underscores ("Homepage URL" is homepage_url). Known columns, with
// the other names they go by:
//
//	name, category, subcategory (sub_category)
//	homepage_url (homepage, url, website, website_url)
//	repo_url (repo, repository, repository_url, github, github_url)
//	description, launched, open_source, license, status, stars (github_stars)
//
// name and category are required. Other columns go to Listing.Extra under
// their normalized header name ("column_N" for a column without a name);
// empty cells are left out of Extra. Rows whose cells are all empty are
// skipped.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

func init() {
	Register(Format{Name: "csv", Detect: detectCSV, Read: readCSV})
}

func detectCSV(name string, _ []byte) bool {
	return strings.EqualFold(filepath.Ext(name), ".csv")
}

// csvFields maps normalized header names to the Listing field they fill.
var csvFields = map[string]string{
	"name":           "name",
	"category":       "category",
	"subcategory":    "subcategory",
	"sub_category":   "subcategory",
	"homepage_url":   "homepage_url",
	"homepage":       "homepage_url",
	"url":            "homepage_url",
	"website":        "homepage_url",
	"website_url":    "homepage_url",
	"repo_url":       "repo_url",
	"repo":           "repo_url",
	"repository":     "repo_url",
	"repository_url": "repo_url",
	"github":         "repo_url",
	"github_url":     "repo_url",
	"description":    "description",
	"launched":       "launched",
	"open_source":    "open_source",
	"license":        "license",
	"status":         "status",
	"stars":          "stars",
	"github_stars":   "stars",
}

// Limits on a CSV file: a header of more columns is refused. The number of
// rows is bounded by the file's size alone (MaxFileSize, --max-file-size):
// every row of a file analyze accepts is read, one at a time, and only its
// listing is kept (a 999,000-row export of 16 MB is an ordinary input). (A
// variable so that tests can lower it.)
var maxCSVColumns = 1000

// csvColumn is one column of the header.
type csvColumn struct {
	header string // as written
	key    string // normalized
	field  string // Listing field it fills; "" for Extra
}

// csvFile reads one CSV file.
type csvFile struct {
	fileDiags
	cr   *csv.Reader
	cols []csvColumn
	snap catalog.Snapshot
}

func readCSV(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1 // field counts are checked per row, to report them all
	f := &csvFile{fileDiags: fileDiags{path: path, strict: opts.Strict}, cr: cr}
	if f.header() {
		f.rows()
	}
	return f.finish(&f.snap)
}

func (f *csvFile) errorf(line, col int, format string, args ...any) {
	f.errorAt(line, col, format, args...)
}

func (f *csvFile) warnf(line, col int, format string, args ...any) {
	f.warnAt(line, col, format, args...)
}

// read returns the next record, or nil at the end or on a syntax error.
func (f *csvFile) read() []string {
	rec, err := f.cr.Read()
	if err == nil {
		return rec
	}
	var pe *csv.ParseError
	switch {
	case errors.Is(err, io.EOF):
	case errors.As(err, &pe):
		f.errorf(pe.Line, pe.Column, "invalid CSV: %v; expected comma-separated fields, quoted with \" where needed", pe.Err)
	default:
		f.errorf(0, 0, "reading CSV: %v", err)
	}
	return nil
}

// header reads the header row; it reports false when rows cannot be read.
func (f *csvFile) header() bool {
	rec := f.read()
	if rec == nil {
		if len(f.diags) == 0 {
			f.errorf(0, 0, "the file is empty; expected a header row with name and category columns")
		}
		return false
	}
	line, _ := f.cr.FieldPos(0)
	if len(rec) > maxCSVColumns {
		_, col := f.cr.FieldPos(maxCSVColumns)
		f.errorf(line, col, "the header has %d columns; expected at most %d", len(rec), maxCSVColumns)
		return false
	}
	seen := map[string]int{}
	for i, h := range rec {
		c := csvColumn{header: h, key: csvKey(h)}
		if c.key == "" {
			c.key = fmt.Sprintf("column_%d", i+1)
		}
		c.field = csvFields[c.key]
		_, col := f.cr.FieldPos(i)
		id := c.key
		if c.field != "" {
			id = c.field
		}
		if first, dup := seen[id]; dup {
			f.errorf(line, col, "column %q repeats column %d (%q); expected each column once", h, first+1, rec[first])
		} else {
			seen[id] = i
		}
		if c.field == "" {
			if s := closestKey(c.key, csvKnownKeys); s != "" {
				f.warnf(line, col, "unknown column %q; did you mean %q? (kept in Extra)", h, s)
			}
		}
		f.cols = append(f.cols, c)
	}
	ok := true
	for _, need := range []string{"name", "category"} {
		if _, found := seen[need]; !found {
			f.errorf(line, 0, "the header has no %s column; expected a column named %q", need, need)
			ok = false
		}
	}
	return ok
}

// csvKnownKeys are the keys of csvFields, sorted.
var csvKnownKeys = slices.Sorted(maps.Keys(csvFields))

// csvKey normalizes a header name: lower case, spaces, dashes and underscores
// as single underscores.
func csvKey(h string) string {
	h = strings.NewReplacer("-", " ", "_", " ").Replace(strings.ToLower(h))
	return strings.Join(strings.Fields(h), "_")
}

func (f *csvFile) rows() {
	for {
		rec := f.read()
		if rec == nil {
			return
		}
		if blankRecord(rec) {
			continue
		}
		line, _ := f.cr.FieldPos(0)
		if len(rec) != len(f.cols) {
			f.fieldCount(rec, line)
			continue
		}
		f.row(rec, line)
	}
}

func (f *csvFile) fieldCount(rec []string, line int) {
	i := min(len(rec), len(f.cols)) // the first surplus field, or the last one
	if i == len(rec) {
		i--
	}
	_, col := f.cr.FieldPos(i)
	f.recoverAt(line, col, "the row is left out", "row has %d fields; expected %d, as in the header", len(rec), len(f.cols))
}

func blankRecord(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// row reads one record of the right length into a Listing.
func (f *csvFile) row(rec []string, line int) {
	l := catalog.Listing{Line: line}
	var nameCol, catCol int
	for i, c := range f.cols {
		v := strings.TrimSpace(rec[i])
		_, col := f.cr.FieldPos(i)
		switch c.field {
		case "name":
			l.Name, nameCol = v, col
		case "category":
			l.Category, catCol = v, col
		default:
			if v != "" {
				f.cell(&l, c, v, line, col)
			}
		}
	}
	if l.Name == "" {
		f.recoverAt(line, nameCol, listingLeftOut, "row has no name; expected a tool name in the name column")
	}
	if l.Category == "" {
		f.recoverAt(line, catCol, listingLeftOut, "row has no category; expected a category in the category column")
	}
	if l.Name == "" || l.Category == "" {
		return
	}
	f.snap.Listings = append(f.snap.Listings, l)
}

// cell reads one non-empty cell other than name and category.
func (f *csvFile) cell(l *catalog.Listing, c csvColumn, v string, line, col int) {
	check := func(problem func(string) string, fix func(string) string) string {
		if msg := problem(v); msg != "" {
			return f.fixValue(line, col, v, fmt.Sprintf("%s %q %s", c.field, v, msg), fix)
		}
		return v
	}
	switch c.field {
	case "subcategory":
		l.Subcategory = v
	case "homepage_url":
		l.HomepageURL = check(urlProblem, fixURL)
	case "repo_url":
		l.RepoURL = check(urlProblem, fixURL)
	case "description":
		l.Description = v
	case "launched":
		if t, err := time.Parse("2006-01-02", v); err == nil {
			l.Launched = t.Format("2006-01") // a spreadsheet date: keep its month
		} else {
			l.Launched = check(launchedProblem, nil)
		}
	case "open_source":
		l.OpenSource = f.openSource(v, line, col)
	case "license":
		l.License = check(licenseProblem, nil)
	case "status":
		l.Status = check(statusProblem, nil)
	case "stars":
		l.Stars = f.stars(v, line, col)
	default:
		setExtra(l, c.key, v)
	}
}

func (f *csvFile) openSource(v string, line, col int) *bool {
	var b bool
	switch strings.ToLower(v) {
	case "true", "yes", "y", "1":
		b = true
	case "false", "no", "n", "0":
		b = false
	default:
		f.recoverAt(line, col, leftOut, "open_source is %q; expected true or false (or yes/no)", v)
		return nil
	}
	return &b
}

func (f *csvFile) stars(v string, line, col int) *int64 {
	n, err := strconv.ParseInt(strings.NewReplacer(",", "", "_", "").Replace(v), 10, 64)
	if err != nil || n < 0 {
		f.recoverAt(line, col, leftOut, "stars is %q; expected a whole number of 0 or more", v)
		return nil
	}
	return &n
}
