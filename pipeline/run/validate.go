package run

import (
	"errors"
	"os"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// Problem is one diagnostic of Validate.
type Problem struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Col      int    `json:"col"`
	Severity string `json:"severity"` // error or warning
	Message  string `json:"message"`
	// Text is the problem as validate prints it: file:line:col: message.
	Text string `json:"text"`
}

// Validation is what Validate found.
type Validation struct {
	Files int `json:"files"` // release files checked
	// Invalid counts the files with errors.
	Invalid  int       `json:"invalid"`
	Listings int       `json:"listings"` // listings of the valid files
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
	Problems []Problem `json:"problems"`
}

// Validate reads release files and catalog folders strictly (whatever
// ro.Strict says) and gives every problem, sorted by file and line. A path
// that cannot be read is a problem too, not an error.
func Validate(paths []string, ro read.Options) *Validation {
	ro.Strict = true
	var all catalog.Diagnostics
	v := &Validation{Problems: []Problem{}}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			v.Files++
			msg := err.Error()
			if u := errors.Unwrap(err); u != nil {
				msg = u.Error()
			}
			all = append(all, catalog.Diagnostic{File: p, Msg: "cannot read: " + msg})
			continue
		}
		var snaps []*catalog.Snapshot
		if st.IsDir() {
			if paths, err := read.ReleasePaths(p); err == nil {
				v.Files += len(paths)
			}
			snaps, err = read.Catalog(p, ro)
		} else {
			v.Files++
			var snap *catalog.Snapshot
			snap, err = read.File(p, ro)
			snaps = []*catalog.Snapshot{snap}
		}
		if err != nil {
			var ds catalog.Diagnostics
			if errors.As(err, &ds) {
				all = append(all, ds...)
			} else {
				all = append(all, catalog.Diagnostic{Msg: err.Error()})
			}
			continue
		}
		for _, sn := range snaps {
			v.Listings += len(sn.Listings)
			all = append(all, sn.Warnings...)
		}
	}
	all.Sort()
	invalid := map[string]bool{}
	for _, d := range all {
		sev := "error"
		if d.Severity == catalog.SeverityWarning {
			sev = "warning"
			v.Warnings++
		} else {
			v.Errors++
			invalid[d.File] = true
		}
		v.Problems = append(v.Problems, Problem{File: d.File, Line: d.Line, Col: d.Col, Severity: sev, Message: d.Msg, Text: d.String()})
	}
	v.Invalid = len(invalid)
	return v
}
