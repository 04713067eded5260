package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// ValidateOptions are validate's flags and arguments.
type ValidateOptions struct {
	Paths        []string
	Format       string
	MarkdownSkip string
}

func newValidateCmd(s Streams) *cobra.Command {
	o := &ValidateOptions{}
	cmd := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check release files or catalog folders; report every problem as file:line: message",
		Long: `validate reads each release file (or every release file of a catalog folder) and prints
every problem as file:line:col: message. It is always strict: a malformed field or a release file
that analyze would drop or skip with a warning is an error here. Warnings (unknown or misspelled
keys) are printed too but do not fail. Exit code 1 when any file has an error. It writes nothing.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Paths = a
			return runValidate(o, s)
		},
	}
	addReadFlags(cmd, &o.Format, &o.MarkdownSkip)
	return cmd
}

// errInvalid is returned when validation found errors (already printed).
var errInvalid = errors.New("validation failed")

func runValidate(o *ValidateOptions, s Streams) error {
	ro := readOptions(o.Format, o.MarkdownSkip, true)
	var all catalog.Diagnostics
	files, listings := 0, 0
	for _, p := range o.Paths {
		st, err := os.Stat(p)
		if err != nil {
			all = append(all, catalog.Diagnostic{File: p, Msg: "cannot read: " + errors.Unwrap(err).Error()})
			continue
		}
		var snaps []*catalog.Snapshot
		if st.IsDir() {
			snaps, err = read.Catalog(p, ro)
		} else {
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
			files++
			listings += len(sn.Listings)
			all = append(all, sn.Warnings...)
		}
	}
	all.Sort()
	for _, d := range all {
		fmt.Fprintln(s.Out, d.String())
	}
	if all.HasErrors() {
		return errInvalid
	}
	fmt.Fprintf(s.Err, "ok: %d release files, %d listings, %d warnings\n", files, listings, len(all))
	return nil
}
