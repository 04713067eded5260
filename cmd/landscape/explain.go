package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// ExplainOptions are explain's flags and arguments.
type ExplainOptions struct {
	IO      *iostreams.IOStreams
	Tool    string
	Catalog string
	JSON    jsonFlags
	Read    readFlags
}

// NewCmdExplain builds explain; runF, when not nil, is called instead of
// the run.
func NewCmdExplain(ios *iostreams.IOStreams, runF func(*ExplainOptions) error) *cobra.Command {
	o := &ExplainOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "explain TOOL [CATALOG_DIR]",
		Short: "Print a tool's history release by release, and which key joined each listing",
		Long: `explain finds a tool by name, tool id, repository or homepage URL and prints every
listing of it in every release — name, category, URL (the repository, else the homepage), the source
file and line — with the key or clue that joined the listing to the tool (repo, homepage, name,
repo_moved, alias, listed_twice, logo, crunchbase, twitter, stock_ticker, homepage_host, description,
position, same_name, or new), then its events. When nothing matches it suggests the nearest names and
repositories. CATALOG_DIR defaults to ` + bundledHelp + `.`,
		Args: args(cobra.RangeArgs(1, 2)),
		// TOOL completes from the newest release of the bundled catalog
		// (the catalog folder comes after it); CATALOG_DIR from the files.
		ValidArgsFunction: func(_ *cobra.Command, a []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if len(a) > 0 {
				return nil, cobra.ShellCompDirectiveFilterDirs
			}
			names, err := run.ToolNames("")
			if err != nil {
				return nil, cobra.ShellCompDirectiveError
			}
			var out []string
			for _, n := range names {
				if strings.HasPrefix(strings.ToLower(n), strings.ToLower(toComplete)) {
					out = append(out, n)
				}
			}
			return out, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, a []string) error {
			o.Tool, o.Catalog = a[0], ""
			if len(a) == 2 {
				o.Catalog = a[1]
			}
			if err := o.JSON.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(o)
			}
			return runExplain(o)
		},
	}
	addJSONFlags(cmd, &o.JSON, run.ToolHistory{}, "tools")
	addReadFlags(cmd, &o.Read, true)
	return cmd
}

func runExplain(o *ExplainOptions) error {
	progress, clear := runProgress(o.IO, o.JSON.on())
	ex, err := run.Explain(o.Catalog, o.Tool, o.Read.options(), progress)
	clear()
	if err != nil {
		return err
	}
	p := run.Printable // catalog text: no control character reaches the terminal
	if len(ex.Tools) == 0 {
		label := o.Catalog
		if label == "" {
			label = run.BundledCatalog
		}
		msg := fmt.Sprintf("%s: no tool matches %q (by name, tool id, repository or homepage)", label, o.Tool)
		if len(ex.Suggestions) > 0 {
			for i, s := range ex.Suggestions {
				ex.Suggestions[i] = p(s)
			}
			msg += "\n\nDid you mean\n\t" + strings.Join(ex.Suggestions, "\n\t")
		}
		return fmt.Errorf("%s", msg)
	}
	if o.JSON.on() {
		return o.JSON.write(o.IO, ex)
	}
	for n, h := range ex.Tools {
		if n > 0 {
			fmt.Fprintln(o.IO.Out)
		}
		fmt.Fprintf(o.IO.Out, "tool %s: listed %d times\n", p(h.ToolID), len(h.Appearances))
		tw := tabwriter.NewWriter(o.IO.Out, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RELEASE\tNAME\tCATEGORY\tURL\tJOINED BY\tSOURCE")
		// Consecutive releases with the same listing are one row (a stay).
		for _, st := range ex.Stays[n] {
			a := st.First
			cat := a.Category
			if a.Subcategory != "" {
				cat += " › " + a.Subcategory
			}
			if a.Canonical != a.Category {
				cat += " (= " + a.Canonical + ")"
			}
			link := a.RepoURL
			if link == "" {
				link = a.HomepageURL
			}
			rel, src := p(a.Release), fmt.Sprintf("%s:%d", p(a.File), a.Line)
			if st.Releases > 1 {
				rel = fmt.Sprintf("%s … %s (%d releases)", p(a.Release), p(st.Last.Release), st.Releases)
				src += fmt.Sprintf(" … %s:%d", p(st.Last.File), st.Last.Line)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", rel, p(a.Name), p(cat), p(link), a.JoinedBy, src)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range h.Events {
			fmt.Fprintf(o.IO.Out, "  %s %s%s\n", p(e.Release), e.Kind, p(run.EventDetail(e)))
		}
		for _, d := range ex.Recorded { // recorded in the release files (changes:), with their dates
			if d.ToolID == h.ToolID {
				fmt.Fprintf(o.IO.Out, "  %s %s (recorded): %s\n", p(d.Release), d.Kind, p(run.DealDetail(d)))
			}
		}
	}
	return nil
}
