package export

import (
	"fmt"
	"sort"
	"strings"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// writeRenamedMoved lists the newest release's renames, repository moves and
// re-additions: the identity decisions behind its numbers.
func writeRenamedMoved(b *strings.Builder, res *analyze.Result, release string) {
	var renamed, repoMoved, readded []analyze.Event
	for _, e := range res.Events {
		if e.Release != release {
			continue
		}
		switch e.Kind {
		case analyze.EventRenamed:
			renamed = append(renamed, e)
		case analyze.EventRepoMoved:
			repoMoved = append(repoMoved, e)
		case analyze.EventReAdded:
			readded = append(readded, e)
		}
	}
	fmt.Fprintf(b, "## Renamed and moved (%d renamed, %d moved to a new repository, %d back after an absence)\n\n", len(renamed), len(repoMoved), len(readded))
	if len(renamed)+len(repoMoved)+len(readded) == 0 {
		b.WriteString("None.\n\n")
		return
	}
	b.WriteString("| tool | change | before | after |\n|---|---|---|---|\n")
	for _, e := range renamed {
		fmt.Fprintf(b, "| %s | renamed | %s | %s |\n", md(e.Name), md(e.FromName), md(e.Name))
	}
	for _, e := range repoMoved {
		fmt.Fprintf(b, "| %s | repository moved | %s | %s |\n", md(e.Name), md(e.FromRepo), md(e.ToRepo))
	}
	for _, e := range readded {
		fmt.Fprintf(b, "| %s | re-added | – | %s |\n", md(e.Name), md(e.ToCategory))
	}
	b.WriteString("\n")
}

// writeTaxonomyChanges lists every category change the alignment found, newest
// first, so that a reader sees why a growth series runs on under a new name.
func writeTaxonomyChanges(b *strings.Builder, res *analyze.Result) {
	var links []taxonomy.Link
	for _, l := range res.Taxonomy.Crosswalk {
		if l.Relation != taxonomy.Same {
			links = append(links, l)
		}
	}
	fmt.Fprintf(b, "## Taxonomy changes (%d)\n\n", len(links))
	if len(links) == 0 {
		b.WriteString("None: every category kept its name in every release.\n\n")
		return
	}
	b.WriteString("Inferred from the tools each category shares with the previous release and from name similarity " +
		"(`taxonomy.yaml` beside the catalog overrides any line). Growth tables above follow the newest name.\n\n")
	b.WriteString("| release | change | from | to | tools carried over |\n|---|---|---|---|---:|\n")
	sort.SliceStable(links, func(i, j int) bool { return links[i].Release > links[j].Release })
	for _, l := range links {
		over := "–"
		if l.From != "" && l.To != "" {
			over = fmt.Sprintf("%d", l.Overlap)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", md(l.Release), l.Relation, md(l.From), md(l.To), over)
	}
	b.WriteString("\n")
}

// survivalMarks are the times the survival table reports, in days
// (analyze.KMPoint.Time counts days in the catalog).
var survivalMarks = []struct {
	days  int
	label string
}{
	{30, "1 month"}, {91, "3 months"}, {182, "6 months"}, {365, "1 year"}, {730, "2 years"}, {1461, "4 years"}, {2922, "8 years"},
}

// Days per month and year, for durations in days.
const (
	daysPerMonth = 30.44
	daysPerYear  = 365.25
)

// duration words a time in days: days up to two months, months up to three
// years, years beyond.
func duration(days int) string {
	switch d := float64(days); {
	case days == 1:
		return "1 day"
	case d < 2*daysPerMonth:
		return fmt.Sprintf("%d days", days)
	case d <= 3*daysPerYear:
		return fmt.Sprintf("%.1f months", d/daysPerMonth)
	default:
		return fmt.Sprintf("%.1f years", d/daysPerYear)
	}
}

// writeSurvival summarises how long tools stay listed (Kaplan–Meier over
// days in the catalog).
func writeSurvival(b *strings.Builder, res *analyze.Result) {
	s := res.Survival
	b.WriteString("## Survival\n\n")
	if len(s.Spans) == 0 {
		b.WriteString("No tools.\n\n")
		return
	}
	removed, gaps := 0, 0
	for _, sp := range s.Spans {
		if !sp.Censored {
			removed++
		}
		if sp.Gaps > 0 {
			gaps++
		}
	}
	fmt.Fprintf(b, "%d tools were ever listed; %d have left the catalog, %d are still listed (censored); %d left and came back at least once.\n",
		len(s.Spans), removed, len(s.Spans)-removed, gaps)
	var all []analyze.KMPoint
	for _, p := range s.Curves {
		if p.Group == "all" {
			all = append(all, p)
		}
	}
	median := "not reached (more than half of all tools are still listed at every time)"
	for _, p := range all {
		if p.Survival <= 0.5 {
			median = duration(p.Time)
			break
		}
	}
	fmt.Fprintf(b, "Median time in the catalog (Kaplan–Meier, from the first to the last release listing a tool): %s.\n\n", median)
	if len(all) > 0 && survivalMarks[0].days <= all[len(all)-1].Time {
		b.WriteString("| listed for more than | share of tools (Kaplan–Meier) |\n|---|---:|\n")
		for _, m := range survivalMarks {
			if m.days > all[len(all)-1].Time {
				break
			}
			fmt.Fprintf(b, "| %s | %.1f%% |\n", m.label, 100*survivalAt(all, m.days))
		}
		b.WriteString("\n")
	}
	if rels := res.Growth.Releases; len(rels) > 1 {
		// the first release's tools, from the spans (cohorts are kept by period)
		first, last := rels[0], rels[len(rels)-1]
		tools, listed := 0, 0
		for _, sp := range s.Spans {
			if sp.FirstSeen.Equal(first.Date) {
				tools++
				if sp.Censored {
					listed++
				}
			}
		}
		if tools > 0 {
			fmt.Fprintf(b, "Of the %d tools in the first release (%s), %d (%.1f%%) are listed in %s.\n\n", tools, md(first.Release), listed, 100*float64(listed)/float64(tools), md(last.Release))
		}
	}
}

// survivalAt is the step function's value at time t.
func survivalAt(curve []analyze.KMPoint, t int) float64 {
	v := 1.0
	for _, p := range curve {
		if p.Time > t {
			break
		}
		v = p.Survival
	}
	return v
}
