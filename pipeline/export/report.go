package export

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/landscapehq/landscape/pipeline/analyze"
)

// maxCategoryColumns is how many releases (or periods) the category growth
// table shows.
const maxCategoryColumns = 8

// Report writes report.md: the newest release against the previous one, and
// growth over all releases, per release or aggregated by month, quarter or
// year (ReportOptions.Period; at most one opts is used). Catalog strings are
// escaped for Markdown.
func Report(w io.Writer, res *analyze.Result, opts ...ReportOptions) error {
	var o ReportOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if err := CheckPeriod(o.Period); err != nil {
		return err
	}
	period := resolvePeriod(o.Period, res.Growth.Releases)
	var b strings.Builder
	ri := res.Latest()
	cur := res.Growth.Releases[ri]
	fmt.Fprintf(&b, "# %s — release %s\n\n", md(res.History.Name), md(cur.Release))
	writeHeadline(&b, res)
	if ri > 0 {
		prev := res.Growth.Releases[ri-1]
		b.WriteString("| | " + md(prev.Release) + " | " + md(cur.Release) + " |\n|---|---:|---:|\n")
		fmt.Fprintf(&b, "| listings | %d | %d |\n| tools | %d | %d |\n| categories | %d | %d |\n| subcategories | %d | %d |\n\n",
			prev.Listings, cur.Listings, prev.Tools, cur.Tools, prev.Categories, cur.Categories, prev.Subcategories, cur.Subcategories)
		b.WriteString("\"Added\" counts every tool listed now and not in the previous release, those back after an absence included; the catalog can still shrink when more tools leave than arrive.\n\n")
	}
	if len(o.Excluded) > 0 {
		fmt.Fprintf(&b, "Left out of every number here: the %s %s (`--exclude-category`).\n\n", pluralWord(len(o.Excluded), "category", "categories"), quoteList(o.Excluded))
	}
	if n := len(res.History.Warnings); n > 0 {
		skipped := ""
		if k := res.History.Warnings.SkippedReleases(); k > 0 {
			skipped = fmt.Sprintf(", of which %s could not be read and %s left out (%s compared with the one before)", plural(k, "release file"), isAre(k), itThem(k))
		}
		fmt.Fprintf(&b, "Reading the input gave %s (problems it recovered from: values dropped or normalised, entries left out%s); `landscape validate` lists each with its file and line.\n\n", plural(n, "warning"), skipped)
	}

	writeAnomalies(&b, res, cur.Release)

	if ri > 0 {
		writeDeals(&b, res, o)
		writeAddedRemoved(&b, res, cur.Release)
		writeMovers(&b, res, o)
	}
	b.WriteString("## Categories in " + md(cur.Release) + "\n\n")
	o.chart(&b, "churn")
	b.WriteString("| category | tools | share | added | moved in | removed | moved out | net |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
	cats := latestCategories(res)
	for _, s := range cats {
		fmt.Fprintf(&b, "| %s | %d | %.1f%% | %d | %d | %d | %d | %+d |\n", md(s.Category), s.Tools, 100*s.Share, s.Added, s.MovedIn, s.Removed, s.MovedOut, s.Net)
	}
	b.WriteString("\n")

	if ri > 0 {
		writeMoved(&b, res, cur.Release)
		writeRenamedMoved(&b, res, cur.Release)
	}
	writeLaunchYears(&b, res, o)
	writeOpenSource(&b, res, o)
	writeStatus(&b, res, o)
	writeStars(&b, res, o)

	rows := periodRows(period, res.Growth.Releases)
	if period == PeriodRelease {
		b.WriteString("## Growth over all releases\n\n")
		o.chart(&b, "growth")
		b.WriteString("| release | listings | tools | categories | added | removed | moved | net |\n|---|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, r := range rows {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d | %+d |\n", md(r.Label), r.Last.Listings, r.Last.Tools, r.Last.Categories, r.Added, r.Removed, r.Moved, r.Net)
		}
	} else {
		fmt.Fprintf(&b, "## Growth over all releases, by %s\n\n", period)
		o.chart(&b, "growth")
		fmt.Fprintf(&b, "%d releases in %d %s. Listings, tools and categories are those of the %s's last release; "+
			"added, removed and moved are summed over its releases (a tool that comes and goes within the %s counts each time); "+
			"net is the change in tools since the previous %s's last release.\n\n", len(res.Growth.Releases), len(rows), periodNoun(period), period, period, period)
		fmt.Fprintf(&b, "| %s | releases | last release | listings | tools | categories | added | removed | moved | net |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n", period)
		for _, r := range rows {
			fmt.Fprintf(&b, "| %s | %d | %s | %d | %d | %d | %d | %d | %d | %+d |\n", md(r.Label), r.Releases, md(r.Last.Release), r.Last.Listings, r.Last.Tools, r.Last.Categories, r.Added, r.Removed, r.Moved, r.Net)
		}
	}
	b.WriteString("\n")
	writeCategoryGrowth(&b, res, period, rows)
	writeTaxonomyChanges(&b, res)
	writeSurvival(&b, res)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeAnomalies names the releases whose removals look like a reading or
// source problem (analyze.Anomalies), with their numbers.
func writeAnomalies(b *strings.Builder, res *analyze.Result, latest string) {
	if len(res.Anomalies) == 0 {
		return
	}
	for _, a := range res.Anomalies {
		if a.Next == latest {
			fmt.Fprintf(b, "**Note:** %d of the tools counted as back in %s had disappeared in %s only: a probable reading or source problem (below), not churn.\n\n", a.Returned, md(latest), md(a.Release))
		}
	}
	fmt.Fprintf(b, "## Probable reading or source problems (%d)\n\n", len(res.Anomalies))
	b.WriteString("In these releases a large share of the tools disappears and comes back in the next release: more likely a file " +
		"read wrong or published broken than churn. Their removals and returns are in the tables below as computed; check the " +
		"release files before quoting them.\n\n")
	b.WriteString("| release | previous | tools before | tools | removed | share | back in | returned |\n|---|---|---:|---:|---:|---:|---|---:|\n")
	for _, a := range res.Anomalies {
		fmt.Fprintf(b, "| %s | %s | %d | %d | %d | %.0f%% | %s | %d |\n", md(a.Release), md(a.Previous), a.ToolsBefore, a.Tools, a.Removed, 100*a.Share, md(a.Next), a.Returned)
	}
	b.WriteString("\n")
}

// latestCategories lists the newest release's categories, largest first.
func latestCategories(res *analyze.Result) []analyze.GroupStat {
	id := res.Growth.Releases[res.Latest()].Release
	var out []analyze.GroupStat
	for _, s := range res.Growth.Categories {
		if s.Release == id && (s.Tools > 0 || s.Removed+s.MovedOut > 0) {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Tools != out[j].Tools {
			return out[i].Tools > out[j].Tools
		}
		return out[i].Category < out[j].Category
	})
	return out
}

// writeMoved lists the newest release's tools that changed category, cut
// past maxListed.
func writeMoved(b *strings.Builder, res *analyze.Result, release string) {
	var rows []analyze.Event
	for _, e := range res.Events {
		if e.Release == release && e.Kind == analyze.EventMoved {
			rows = append(rows, e)
		}
	}
	fmt.Fprintf(b, "## Moved between categories (%d)\n\n", len(rows))
	if len(rows) == 0 {
		b.WriteString("None.\n\n")
		return
	}
	b.WriteString("| tool | from | to |\n|---|---|---|\n")
	for _, e := range rows[:min(len(rows), maxListed)] {
		fmt.Fprintf(b, "| %s | %s | %s |\n", md(e.Name), md(e.FromCategory), md(e.ToCategory))
	}
	if k := len(rows) - maxListed; k > 0 {
		fmt.Fprintf(b, "\n%s not shown: see `events.parquet`, `kind = 'moved'`.\n", plural(k, "more tool"))
	}
	b.WriteString("\n")
}

// writeCategoryGrowth writes tools per category over the last periods
// (rows): at the last release of each.
func writeCategoryGrowth(b *strings.Builder, res *analyze.Result, period string, rows []periodRow) {
	start := 0
	if len(rows) > maxCategoryColumns {
		start = len(rows) - maxCategoryColumns
	}
	shown := rows[start:]
	fmt.Fprintf(b, "## Tools per category, last %d %s\n\n", len(shown), periodNoun(period))
	if period != PeriodRelease {
		fmt.Fprintf(b, "Tools at the last release of each %s.\n\n", period)
	}
	b.WriteString("| category |")
	for _, r := range shown {
		b.WriteString(" " + md(r.Label) + " |")
	}
	b.WriteString("\n|---|" + strings.Repeat("---:|", len(shown)) + "\n")
	pos := map[string]int{}
	for i, r := range shown {
		pos[r.Last.Release] = i
	}
	counts := map[string][]int{}
	var order []string
	for _, s := range res.Growth.Categories {
		i, ok := pos[s.Release]
		if !ok {
			continue
		}
		if _, ok := counts[s.Category]; !ok {
			counts[s.Category] = make([]int, len(shown))
			order = append(order, s.Category)
		}
		counts[s.Category][i] = s.Tools
	}
	last := len(shown) - 1
	sort.SliceStable(order, func(i, j int) bool {
		a, b := counts[order[i]][last], counts[order[j]][last]
		if a != b {
			return a > b
		}
		return order[i] < order[j]
	})
	for _, c := range order {
		b.WriteString("| " + md(c) + " |")
		for _, n := range counts[c] {
			if n == 0 {
				b.WriteString(" – |")
			} else {
				fmt.Fprintf(b, " %d |", n)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "*", `\*`, "_", `\_`,
	"[", `\[`, "]", `\]`, "`", "\\`", "#", `\#`, "\n", " ", "\r", " ",
)

// md escapes a catalog string for a Markdown table cell or heading: no
// markup, no HTML, no links, no control characters from catalog text.
func md(s string) string { return mdReplacer.Replace(Printable(s)) }

// MD is md for other packages' tests and writers: a catalog string escaped
// for Markdown text.
func MD(s string) string { return md(s) }

// plural is "1 warning", "2 warnings", "1 category", "2 categories".
func plural(n int, what string) string {
	return fmt.Sprintf("%d %s", n, pluralWord(n, what, ""))
}

// pluralWord is one or many: many "" forms it from one ("-y" → "-ies",
// "-s"/"-x"/"-ch"/"-sh" → "-es", else "-s").
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	if many != "" {
		return many
	}
	switch {
	case strings.HasSuffix(one, "y") && !strings.HasSuffix(one, "ey"):
		return one[:len(one)-1] + "ies"
	case strings.HasSuffix(one, "s"), strings.HasSuffix(one, "x"), strings.HasSuffix(one, "ch"), strings.HasSuffix(one, "sh"):
		return one + "es"
	}
	return one + "s"
}

// quoteList is "A", "A and B", "A, B and C", each escaped.
func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "“" + md(x) + "”"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func isAre(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

func itThem(n int) string {
	if n == 1 {
		return "the release after it is"
	}
	return "the release after each is"
}
