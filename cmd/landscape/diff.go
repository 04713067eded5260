package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
)

// DiffOptions are diff's flags and arguments.
type DiffOptions struct {
	Old, New     string
	JSON         bool
	Format       string
	MarkdownSkip string
	Strict       bool
}

func newDiffCmd(s Streams) *cobra.Command {
	o := &DiffOptions{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Print the tools added, removed and moved between two release files",
		Args:  args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Old, o.New = a[0], a[1]
			return runDiff(o, s)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the events as JSON")
	addReadFlags(cmd, &o.Format, &o.MarkdownSkip)
	addStrictFlag(cmd, &o.Strict)
	return cmd
}

func runDiff(o *DiffOptions, s Streams) error {
	ro := read.Options{Format: o.Format, MarkdownSkip: o.MarkdownSkip, Strict: o.Strict}
	oldSnap, err := read.File(o.Old, ro)
	if err != nil {
		return err
	}
	newSnap, err := read.File(o.New, ro)
	if err != nil {
		return err
	}
	// The two files are releases 0 and 1 whatever their dates say.
	if !oldSnap.Release.Date.Before(newSnap.Release.Date) {
		oldSnap.Release.Date = newSnap.Release.Date.AddDate(0, 0, -1)
	}
	if oldSnap.Release.ID == newSnap.Release.ID {
		oldSnap.Release.ID += " (old)"
	}
	res, err := run.FromSnapshots(memory.DefaultAllocator, "diff", []*catalog.Snapshot{oldSnap, newSnap}, run.Overrides{})
	if err != nil {
		return err
	}
	defer res.History.Release()
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Old    string                `json:"old"`
			New    string                `json:"new"`
			Stats  []analyze.ReleaseStat `json:"releases"`
			Events []analyze.Event       `json:"events"`
		}{o.Old, o.New, res.Growth.Releases, nonNil(res.Events)})
	}
	tw := tabwriter.NewWriter(s.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CHANGE\tTOOL\tFROM\tTO")
	for _, e := range res.Events {
		from, to := e.FromTo() // categories; names, repositories, statuses, licences for the changes of a tool
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", e.Kind, export.Printable(e.Name), orDash(from), orDash(to))
	}
	for _, d := range res.Deals { // what the new file records of its period (changes:), with the dates
		if d.Source != analyze.SourceListings {
			from, to := d.From, d.To
			if d.Kind == "acquired" {
				to = "by " + d.By
			}
			fmt.Fprintf(tw, "%s (recorded, %s)\t%s\t%s\t%s\n", d.Kind, export.Printable(d.When()), export.Printable(d.Name), orDash(from), orDash(to))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	r := res.Growth.Releases[1]
	fmt.Fprintf(s.Out, "%d added, %d removed, %d moved; %d → %d tools\n", r.Added, r.Removed, r.Moved, res.Growth.Releases[0].Tools, r.Tools)
	return nil
}

// orDash is a table cell: the printable text, or "–" for none.
func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return export.Printable(s)
}

func nonNil(e []analyze.Event) []analyze.Event {
	if e == nil {
		return []analyze.Event{}
	}
	return e
}
