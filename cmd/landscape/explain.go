package main

import (
	"encoding/json"
	"fmt"
	"text/tabwriter"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ExplainOptions are explain's flags and arguments.
type ExplainOptions struct {
	Tool         string
	Catalog      string
	JSON         bool
	Format       string
	MarkdownSkip string
	Strict       bool
}

func newExplainCmd(s Streams) *cobra.Command {
	o := &ExplainOptions{}
	cmd := &cobra.Command{
		Use:   "explain TOOL [CATALOG_DIR]",
		Short: "Print a tool's history release by release, and which key joined each listing",
		Long: `explain finds a tool by name, tool id, repository or homepage URL and prints every
listing of it in every release — name, category, repository, the source file and line — with
the key that joined the listing to the tool (repo, homepage, name, repo_moved, alias,
listed_twice, or new), then its events. CATALOG_DIR defaults to ` + DefaultCatalog + `.`,
		Args: args(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Tool, o.Catalog = a[0], DefaultCatalog
			if len(a) == 2 {
				o.Catalog = a[1]
			}
			return runExplain(o, s)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the histories as JSON")
	addReadFlags(cmd, &o.Format, &o.MarkdownSkip)
	addStrictFlag(cmd, &o.Strict)
	return cmd
}

func runExplain(o *ExplainOptions, s Streams) error {
	progress, clear := runProgress(s, o.JSON)
	res, err := run.Load(memory.DefaultAllocator, o.Catalog, read.Options{Format: o.Format, MarkdownSkip: o.MarkdownSkip, Strict: o.Strict}, progress)
	clear()
	if err != nil {
		return err
	}
	defer res.History.Release()
	hs := analyze.Explain(res, o.Tool)
	pos := make(map[string]int, len(res.Releases))
	for i, r := range res.Releases {
		pos[r.ID] = i
	}
	if len(hs) == 0 {
		return fmt.Errorf("%s: no tool matches %q (by name, tool id, repository or homepage)", o.Catalog, o.Tool)
	}
	if o.JSON {
		enc := json.NewEncoder(s.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(hs)
	}
	for n, h := range hs {
		if n > 0 {
			fmt.Fprintln(s.Out)
		}
		fmt.Fprintf(s.Out, "tool %s: listed %d times\n", export.Printable(h.ToolID), len(h.Appearances))
		tw := tabwriter.NewWriter(s.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RELEASE\tNAME\tCATEGORY\tREPOSITORY\tJOINED BY\tSOURCE")
		// Consecutive releases with the same listing are one row (a stay).
		for _, st := range analyze.Stays(h.Appearances, pos) {
			a := st.First
			cat := a.Category
			if a.Subcategory != "" {
				cat += " › " + a.Subcategory
			}
			if a.Canonical != a.Category {
				cat += " (= " + a.Canonical + ")"
			}
			repo := a.RepoURL
			if repo == "" {
				repo = a.HomepageURL
			}
			p := export.Printable // catalog text: no control character reaches the terminal
			rel, src := p(a.Release), fmt.Sprintf("%s:%d", p(a.File), a.Line)
			if st.Releases > 1 {
				rel = fmt.Sprintf("%s … %s (%d releases)", p(a.Release), p(st.Last.Release), st.Releases)
				src += fmt.Sprintf(" … %s:%d", p(st.Last.File), st.Last.Line)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", rel, p(a.Name), p(cat), p(repo), a.JoinedBy, src)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range h.Events {
			fmt.Fprintf(s.Out, "  %s %s%s\n", export.Printable(e.Release), e.Kind, export.Printable(eventDetail(e)))
		}
		for _, d := range res.Deals { // recorded in the release files (changes:), with their dates
			if d.ToolID == h.ToolID && d.Source != analyze.SourceListings {
				fmt.Fprintf(s.Out, "  %s %s (recorded): %s\n", export.Printable(d.Release), d.Kind, export.Printable(dealDetail(d)))
			}
		}
	}
	return nil
}

// dealDetail words a recorded change: its FROM → TO and its date.
func dealDetail(d analyze.Deal) string {
	switch {
	case d.By != "":
		return "by " + d.By + ", " + d.When()
	case d.From != "" || d.To != "":
		return fmt.Sprintf("%s → %s, %s", orNone(d.From), orNone(d.To), d.When())
	}
	return d.When()
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func eventDetail(e analyze.Event) string {
	switch e.Kind {
	case analyze.EventRenamed, analyze.EventRepoMoved, analyze.EventMoved:
		from, to := e.FromTo()
		return fmt.Sprintf(": %s → %s", from, to)
	case analyze.EventStatus, analyze.EventRelicensed:
		from, to := e.FromTo()
		return fmt.Sprintf(": %q → %q", orNone(from), to)
	case analyze.EventRemoved:
		return ": from " + e.FromCategory
	default:
		return ": into " + e.ToCategory
	}
}
