package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// DiffOptions are diff's flags and arguments.
type DiffOptions struct {
	IO       *iostreams.IOStreams
	Old, New string
	JSON     jsonFlags
	Read     readFlags
}

// NewCmdDiff builds diff; runF, when not nil, is called instead of the run.
func NewCmdDiff(ios *iostreams.IOStreams, runF func(*DiffOptions) error) *cobra.Command {
	o := &DiffOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Print the tools added, removed and moved between two release files",
		Args:  args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Old, o.New = a[0], a[1]
			if err := o.JSON.check(); err != nil {
				return err
			}
			if err := o.JSON.checkPaths(a); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runDiff(o)
		},
	}
	addJSONFlags(cmd, &o.JSON, run.Event{}, "events")
	addReadFlags(cmd, &o.Read, true)
	return cmd
}

func runDiff(o *DiffOptions) error {
	d, err := run.Diff(o.Old, o.New, o.Read.options())
	if err != nil {
		return err
	}
	if o.JSON.on() {
		return o.JSON.write(o.IO, d)
	}
	p := run.Printable // catalog text: no control character reaches the terminal
	tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANGE\tTOOL\tFROM\tTO")
	for _, e := range d.Events {
		from, to := e.FromTo() // categories; names, repositories, statuses, licences for the changes of a tool
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Kind, p(e.Name), orDash(from), orDash(to))
	}
	for _, c := range d.Recorded { // what the new file records of its period (changes:), with the dates
		from, to := c.From, c.To
		if c.By != "" {
			to = "by " + c.By
		}
		fmt.Fprintf(tw, "%s (recorded, %s)\t%s\t%s\t%s\n", c.Kind, p(c.When()), p(c.Name), orDash(from), orDash(to))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	r := d.Releases[1]
	fmt.Fprintf(o.IO.Out, "%d added, %d removed, %d moved; %d → %d tools\n", r.Added, r.Removed, r.Moved, d.Releases[0].Tools, r.Tools)
	return nil
}

// orDash is a table cell: the printable text, or "–" for none.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return run.Printable(s)
}
