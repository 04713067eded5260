package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ValidateOptions are validate's flags and arguments.
type ValidateOptions struct {
	IO    *iostreams.IOStreams
	Paths []string
	JSON  jsonFlags
	Read  readFlags
}

// NewCmdValidate builds validate; runF, when not nil, is called instead of
// the run.
func NewCmdValidate(ios *iostreams.IOStreams, runF func(*ValidateOptions) error) *cobra.Command {
	o := &ValidateOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "validate PATH...",
		Short: "Check release files or catalog folders; report every problem as file:line: message",
		Long: `validate reads each release file (or every release file of a catalog folder) and prints
every problem as file:line:col: message, then a summary line on standard error. It is always strict:
a malformed field or a release file that analyze would drop or skip with a warning is an error here.
Warnings (unknown or misspelled keys) are printed too but do not fail. Exit code 1 when any file has
an error. It writes nothing.`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Paths = a
			if err := o.JSON.check(); err != nil {
				return err
			}
			if err := o.JSON.checkPaths(o.Paths); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runValidate(o)
		},
	}
	addJSONFlags(cmd, &o.JSON, run.Problem{}, "problems")
	addReadFlags(cmd, &o.Read, false)
	return cmd
}

// errInvalid is returned when validation found errors (already printed).
var errInvalid = errors.New("validation failed")

func runValidate(o *ValidateOptions) error {
	v := run.Validate(o.Paths, o.Read.options())
	if o.JSON.on() {
		if err := o.JSON.write(o.IO, v); err != nil {
			return err
		}
	} else {
		for _, p := range v.Problems {
			fmt.Fprintln(o.IO.Out, terminalText(p.Text))
		}
	}
	if v.Errors > 0 {
		return fmt.Errorf("%w: %s and %s in %d of %s", errInvalid, plural(v.Errors, "error"), plural(v.Warnings, "warning"), v.Invalid, plural(v.Files, "release file"))
	}
	if !o.JSON.on() {
		fmt.Fprintf(o.IO.ErrOut, "ok: %s, %s, %s\n", plural(v.Files, "release file"), plural(v.Listings, "listing"), plural(v.Warnings, "warning"))
	}
	return nil
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
