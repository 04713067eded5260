package export

// This file holds the sections of report.md that make it the draft of a
// release post: the headline, deals and shutdowns, added and removed tools
// with what they are, top movers, launch years, open source and licences,
// status mix and stars. Every number comes from analyze.Result.

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// ReportChart is a chart image report.md embeds in one of its sections.
type ReportChart struct {
	Section string // "growth", "churn", "launch-years", "open-source", "licenses", "status", "deals", "movers", "stars"
	File    string // image file beside report.md
	Alt     string // alternative text
}

// Limits of the lists of the newest release: past them a list is cut,
// and the rest is in the dataset.
const (
	maxPerCategory = 5  // added or removed tools shown per category
	maxListed      = 30 // added or removed tools (or moves) shown in all
	maxMovers      = 5  // categories or subcategories per top-movers table
	maxLicenses    = 8
)

func (o ReportOptions) chart(b *strings.Builder, section string) {
	for _, c := range o.Charts {
		if c.Section == section {
			fmt.Fprintf(b, "![%s](%s)\n\n", md(c.Alt), linkURL(c.File))
		}
	}
}

// toolInfo is what report.md says of a tool: its listing in a release.
type toolInfo struct {
	Name, Description, URL, Status, License, Category string
}

// releaseTools reads release ri's first listing of each tool.
func releaseTools(res *analyze.Result, ri int) map[string]toolInfo {
	rec := res.History.Record
	from, to := res.History.Rows(ri)
	col := func(i int) func(r int) string {
		d, ok := rec.Column(i).(*array.Dictionary)
		if !ok {
			return func(int) string { return "" }
		}
		vals := d.Dictionary().(*array.String)
		return func(r int) string {
			if d.IsNull(r) {
				return ""
			}
			return vals.Value(d.GetValueIndex(r))
		}
	}
	id, name, desc, home, repo := col(catalog.ColToolID), col(catalog.ColName), col(catalog.ColDescription), col(catalog.ColHomepageURL), col(catalog.ColRepoURL)
	status, lic, cat := col(catalog.ColStatus), col(catalog.ColLicense), col(catalog.ColCanonicalCategory)
	out := map[string]toolInfo{}
	for r := from; r < to; r++ {
		t := id(r)
		if _, ok := out[t]; ok {
			continue
		}
		u := home(r)
		if u == "" {
			u = repo(r)
		}
		out[t] = toolInfo{Name: name(r), Description: desc(r), URL: u, Status: status(r), License: lic(r), Category: cat(r)}
	}
	return out
}

var _ arrow.Array // the history's columns are Arrow arrays

// linkURL makes a URL safe inside a Markdown link target: only http(s)
// URLs, with the characters that would end or break the target encoded.
func linkURL(u string) string {
	return strings.NewReplacer("(", "%28", ")", "%29", " ", "%20", "<", "%3C", ">", "%3E", "\\", "%5C", "\n", "", "\r", "", "`", "%60", "[", "%5B", "]", "%5D", "|", "%7C").Replace(Printable(u))
}

// toolLink is "[name](url)" for an http(s) URL, else the escaped name. A
// URL holding quotes, angle brackets, spaces or control characters is not
// a URL a reader should follow: the name stands alone.
func toolLink(name, u string) string {
	l := strings.ToLower(u)
	if (strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "http://")) && !strings.ContainsAny(u, "\"'<> \t\r\n`\\") && Printable(u) == u {
		return "[" + md(name) + "](" + linkURL(u) + ")"
	}
	return md(name)
}

// short cuts a description to about n characters, at a word.
func short(s string, n int) string {
	s = strings.Join(strings.Fields(Printable(s)), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",;:. ") + "…"
}

// periodDeals are the deals of the newest release's period.
func periodDeals(res *analyze.Result, release string) []analyze.Deal {
	var out []analyze.Deal
	for _, d := range res.Deals {
		if d.Release == release {
			out = append(out, d)
		}
	}
	return out
}

func countKind(ds []analyze.Deal, kind string) int {
	n := 0
	for _, d := range ds {
		if d.Kind == kind {
			n++
		}
	}
	return n
}

// writeHeadline is the opening paragraph of the post.
func writeHeadline(b *strings.Builder, res *analyze.Result) {
	ri := res.Latest()
	cur := res.Growth.Releases[ri]
	if ri == 0 {
		fmt.Fprintf(b, "The first release lists %s in %s (%s).\n\n", plural(cur.Tools, "tool"), plural(cur.Categories, "category"), plural(cur.Listings, "listing"))
		return
	}
	prev := res.Growth.Releases[ri-1]
	deals := periodDeals(res, cur.Release)
	fmt.Fprintf(b, "%s lists **%s tools** in %s, against %s in %s: %s, %s removed; net %+d",
		md(cur.Release), thousands(int64(cur.Tools)), plural(cur.Categories, "category"), thousands(int64(prev.Tools)), md(prev.Release),
		addedPhrase(cur), thousands(int64(cur.Removed)), cur.Net)
	if prev.Tools > 0 {
		fmt.Fprintf(b, " (%+.1f%%)", 100*float64(cur.Net)/float64(prev.Tools))
	}
	b.WriteString(".")
	if cur.Moved > 0 {
		fmt.Fprintf(b, " %s moved between categories.", plural(cur.Moved, "tool"))
	}
	acq, end, rel := countKind(deals, catalog.ChangeAcquired), countKind(deals, catalog.ChangeEnded), countKind(deals, catalog.ChangeRelicensed)
	if acq+end+rel > 0 {
		fmt.Fprintf(b, " In the period: %s, %s, %s.", plural(acq, "acquisition"), plural(end, "end"), plural(rel, "relicensing"))
	}
	if rates := topRates(res.Rates, "category", analyze.WindowRelease, 1); len(rates) > 0 && rates[0].Change > 0 {
		r := rates[0]
		fmt.Fprintf(b, " The fastest-growing category was %s (%+d, to %d).", md(r.Category), r.Change, r.After)
	}
	b.WriteString("\n\n")
}

// addedPhrase is "185 added" or "193 added (185 new, 8 back after an
// absence)": the same count as the Added section's heading.
func addedPhrase(cur analyze.ReleaseStat) string {
	if cur.ReAdded == 0 {
		return fmt.Sprintf("%s added", plural(cur.Added, "tool"))
	}
	return fmt.Sprintf("%s added (%d new, %d back after an absence)", plural(cur.Added, "tool"), cur.Added-cur.ReAdded, cur.ReAdded)
}

// writeDeals lists the period's acquisitions, ends and relicensings.
func writeDeals(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	ri := res.Latest()
	cur, prev := res.Releases[ri], res.Releases[ri-1]
	deals := periodDeals(res, cur.ID)
	var shown []analyze.Deal
	for _, d := range deals {
		if d.Kind != catalog.ChangeRenamed {
			shown = append(shown, d)
		}
	}
	fmt.Fprintf(b, "## Deals and shutdowns, %s → %s (%d)\n\n", md(prev.ID), md(cur.ID), len(shown))
	if len(shown) == 0 {
		if !res.Attributes.HasStatus && !res.Attributes.HasLicense && !hasChanges(res) {
			b.WriteString("This catalog records no status, licence or dated changes, so acquisitions, ends and relicensings cannot be told.\n\n")
		} else {
			b.WriteString("None seen or recorded in the period.\n\n")
		}
	} else {
		for _, d := range shown {
			b.WriteString("- " + dealLine(d) + "\n")
		}
		b.WriteString("\n")
	}
}

func hasChanges(res *analyze.Result) bool {
	for _, r := range res.Releases {
		if len(r.Changes) > 0 {
			return true
		}
	}
	return false
}

// dealLine words one deal, with its date at the precision known.
func dealLine(d analyze.Deal) string {
	where := ""
	if d.Category != "" {
		where = " (" + md(d.Category) + ")"
	}
	name := "**" + md(d.Name) + "**" + where
	switch d.Kind {
	case catalog.ChangeAcquired:
		by := ""
		if d.By != "" {
			by = " by " + md(d.By)
		}
		return fmt.Sprintf("%s was acquired%s, %s.", name, by, md(d.When()))
	case catalog.ChangeEnded:
		s := fmt.Sprintf("%s ended, %s", name, md(d.When()))
		if d.To != "" {
			s += "; its status: " + md(d.To)
		}
		return s + "."
	case catalog.ChangeRelicensed:
		return fmt.Sprintf("%s was relicensed from %s to %s, %s.", name, md(orNone(d.From)), md(orNone(d.To)), md(d.When()))
	case catalog.ChangeRenamed:
		return fmt.Sprintf("%s was renamed from %s, %s.", name, md(d.From), md(d.When()))
	}
	return name
}

func orNone(s string) string {
	if s == "" {
		return "no licence given"
	}
	return s
}

// writeAddedRemoved lists the newest release's added tools (new and back)
// and removed tools, grouped by category, with what they are.
func writeAddedRemoved(b *strings.Builder, res *analyze.Result, release string) {
	ri := res.Latest()
	now, before := releaseTools(res, ri), releaseTools(res, ri-1)
	ended := map[string]analyze.Deal{}
	for _, d := range periodDeals(res, release) {
		if d.Kind == catalog.ChangeEnded && d.ToolID != "" {
			ended[d.ToolID] = d
		}
	}
	var added, removed []analyze.Event
	readded := 0
	for _, e := range res.Events {
		if e.Release != release {
			continue
		}
		switch e.Kind {
		case analyze.EventAdded, analyze.EventReAdded:
			added = append(added, e)
			if e.Kind == analyze.EventReAdded {
				readded++
			}
		case analyze.EventRemoved:
			removed = append(removed, e)
		}
	}
	title := fmt.Sprintf("## Added (%d)\n\n", len(added))
	if readded > 0 {
		title = fmt.Sprintf("## Added (%d: %d new, %d back after an absence)\n\n", len(added), len(added)-readded, readded)
	}
	b.WriteString(title)
	writeGrouped(b, added, func(e analyze.Event) string { return firstCat(e.ToCategory) }, func(e analyze.Event) string {
		t := now[e.ToolID]
		s := "- " + toolLink(e.Name, t.URL)
		if e.Kind == analyze.EventReAdded {
			s += " (back after an absence)"
		}
		if t.Description != "" {
			s += " — " + md(short(t.Description, 140))
		}
		return s
	}, "added")
	fmt.Fprintf(b, "## Removed (%d)\n\n", len(removed))
	writeGrouped(b, removed, func(e analyze.Event) string { return firstCat(e.FromCategory) }, func(e analyze.Event) string {
		t := before[e.ToolID]
		s := "- " + toolLink(e.Name, t.URL)
		switch d, ok := ended[e.ToolID]; {
		case ok:
			s += " — ended " + md(d.When())
			if t.Status != "" && t.Status != "active" {
				s += "; last listed as " + md(t.Status)
			}
		case t.Status != "" && t.Status != "active":
			s += " — last listed as " + md(t.Status)
		}
		return s
	}, "removed")
}

func firstCat(cs string) string {
	c, _, _ := strings.Cut(cs, "; ")
	return c
}

// writeGrouped writes events as bullet lists under their category, largest
// group first, cut past maxPerCategory per category and maxListed in all.
func writeGrouped(b *strings.Builder, evs []analyze.Event, cat func(analyze.Event) string, line func(analyze.Event) string, kind string) {
	if len(evs) == 0 {
		b.WriteString("None.\n\n")
		return
	}
	groups := map[string][]analyze.Event{}
	var order []string
	for _, e := range evs {
		c := cat(e)
		if _, ok := groups[c]; !ok {
			order = append(order, c)
		}
		groups[c] = append(groups[c], e)
	}
	sort.SliceStable(order, func(i, j int) bool {
		if a, b := len(groups[order[i]]), len(groups[order[j]]); a != b {
			return a > b
		}
		return order[i] < order[j]
	})
	listed, cut := 0, 0
	for _, c := range order {
		es := groups[c]
		sort.SliceStable(es, func(i, j int) bool { return strings.ToLower(es[i].Name) < strings.ToLower(es[j].Name) })
		fmt.Fprintf(b, "**%s** (%d)\n\n", md(c), len(es))
		n := min(len(es), maxPerCategory, max(maxListed-listed, 0))
		if n == 0 {
			fmt.Fprintf(b, "%s not listed here.\n\n", plural(len(es), "tool"))
			cut += len(es)
			continue
		}
		for _, e := range es[:n] {
			b.WriteString(line(e) + "\n")
		}
		listed += n
		if k := len(es) - n; k > 0 {
			fmt.Fprintf(b, "- … and %d more\n", k)
			cut += k
		}
		b.WriteString("\n")
	}
	if cut > 0 {
		fmt.Fprintf(b, "%s of %d not shown: the full list is in `events.parquet` (and the dataset's `events` table), `kind = '%s'`.\n\n", plural(cut, "tool"), len(evs), eventKindFilter(kind))
	}
}

func eventKindFilter(kind string) string {
	if kind == "added" {
		return "added' or kind = 're_added"
	}
	return kind
}

// topRates are the k groups of a level and window with the largest change
// (ties: larger percent, then name).
func topRates(rates []analyze.GrowthRate, level, window string, k int) []analyze.GrowthRate {
	var rs []analyze.GrowthRate
	for _, r := range rates {
		if r.Level == level && r.Window == window {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Change != rs[j].Change {
			return rs[i].Change > rs[j].Change
		}
		if rs[i].Percent != rs[j].Percent {
			return rs[i].Percent > rs[j].Percent
		}
		return rs[i].Category+"\x00"+rs[i].Subcategory < rs[j].Category+"\x00"+rs[j].Subcategory
	})
	if len(rs) > k {
		rs = rs[:k]
	}
	return rs
}

// rateCell is "+12 (+35.3%)", "+4 (new)" or "–".
func rateCell(rates map[string]analyze.GrowthRate, window string) string {
	r, ok := rates[window]
	if !ok {
		return "–"
	}
	switch {
	case r.New && r.After > 0:
		return fmt.Sprintf("%+d (new)", r.Change)
	case r.Before == 0:
		return "–"
	}
	return fmt.Sprintf("%+d (%+.1f%%)", r.Change, r.Percent)
}

// writeMovers lists the categories and subcategories that grew and shrank
// most over the last year, with their growth over the last release and
// all releases.
func writeMovers(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	b.WriteString("## Top movers\n\n")
	if len(res.Rates) == 0 {
		b.WriteString("One release only: nothing to compare.\n\n")
		return
	}
	var from, fromYear, first string
	for _, r := range res.Rates {
		switch r.Window {
		case analyze.WindowRelease:
			from = r.From
		case analyze.WindowYear:
			fromYear = r.From
		case analyze.WindowAll:
			first = r.From
		}
	}
	fmt.Fprintf(b, "Change in tools since the previous release (%s), a year earlier (%s) and the first release (%s); largest gains over the year first. Every group is in `growth_rates.parquet`.\n\n", md(from), md(fromYear), md(first))
	o.chart(b, "movers")
	for _, lv := range []string{"category", "subcategory"} {
		idx := map[[2]string]map[string]analyze.GrowthRate{}
		for _, r := range res.Rates {
			if r.Level != lv {
				continue
			}
			k := [2]string{r.Category, r.Subcategory}
			if idx[k] == nil {
				idx[k] = map[string]analyze.GrowthRate{}
			}
			idx[k][r.Window] = r
		}
		if len(idx) == 0 || (lv == "subcategory" && !hasSubcategories(idx)) {
			continue
		}
		var all []analyze.GrowthRate
		for _, r := range res.Rates {
			if r.Level == lv && r.Window == analyze.WindowYear {
				all = append(all, r)
			}
		}
		gain := topRates(all, lv, analyze.WindowYear, maxMovers)
		loss := append([]analyze.GrowthRate(nil), all...)
		sort.SliceStable(loss, func(i, j int) bool {
			if loss[i].Change != loss[j].Change {
				return loss[i].Change < loss[j].Change
			}
			return loss[i].Category+"\x00"+loss[i].Subcategory < loss[j].Category+"\x00"+loss[j].Subcategory
		})
		var shown []analyze.GrowthRate
		seen := map[[2]string]bool{}
		for _, r := range gain {
			if r.Change > 0 {
				shown = append(shown, r)
				seen[[2]string{r.Category, r.Subcategory}] = true
			}
		}
		for _, r := range loss[:min(len(loss), maxMovers)] {
			if r.Change < 0 && !seen[[2]string{r.Category, r.Subcategory}] {
				shown = append(shown, r)
			}
		}
		if len(shown) == 0 {
			fmt.Fprintf(b, "No %s changed size over the year.\n\n", lv)
			continue
		}
		fmt.Fprintf(b, "| %s | tools | last release | last year | all releases |\n|---|---:|---:|---:|---:|\n", lv)
		for _, r := range shown {
			name := md(r.Category)
			if lv == "subcategory" {
				name = md(r.Category) + " › " + md(r.Subcategory)
			}
			rs := idx[[2]string{r.Category, r.Subcategory}]
			fmt.Fprintf(b, "| %s | %d | %s | %s | %s |\n", name, r.After, rateCell(rs, analyze.WindowRelease), rateCell(rs, analyze.WindowYear), rateCell(rs, analyze.WindowAll))
		}
		b.WriteString("\n")
	}
}

func hasSubcategories(idx map[[2]string]map[string]analyze.GrowthRate) bool {
	for k := range idx {
		if k[1] != "" {
			return true
		}
	}
	return false
}

// writeLaunchYears is the newest release's tools by launch year.
func writeLaunchYears(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	b.WriteString("## When the tools were launched\n\n")
	a := res.Attributes
	if !a.HasLaunched || len(a.LaunchYears) == 0 {
		b.WriteString("This catalog gives no launch dates (`launched`), so there is no launch-year histogram.\n\n")
		return
	}
	years := map[int]int{}
	total := 0
	for _, l := range a.LaunchYears {
		years[l.Year] += l.Tools
		total += l.Tools
	}
	ys := make([]int, 0, len(years))
	for y := range years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	tools := res.Growth.Releases[res.Latest()].Tools
	median := 0
	for acc, i := 0, 0; i < len(ys); i++ {
		acc += years[ys[i]]
		if 2*acc >= total {
			median = ys[i]
			break
		}
	}
	peak := ys[0]
	for _, y := range ys {
		if years[y] > years[peak] {
			peak = y
		}
	}
	fmt.Fprintf(b, "%d of the %s have a launch year, from %d to %d; half were launched in %d or earlier, and the busiest year was %d (%s). Per category in `launch_years.parquet`.\n\n",
		total, plural(tools, "tool"), ys[0], ys[len(ys)-1], median, peak, plural(years[peak], "tool"))
	o.chart(b, "launch-years")
	// the last decade year by year, the earlier years together
	cutoff := ys[len(ys)-1] - 9
	b.WriteString("| launched | tools |\n|---|---:|\n")
	early := 0
	for _, y := range ys {
		if y < cutoff {
			early += years[y]
		}
	}
	if early > 0 {
		fmt.Fprintf(b, "| before %d | %d |\n", cutoff, early)
	}
	for _, y := range ys {
		if y >= cutoff {
			fmt.Fprintf(b, "| %d | %d |\n", y, years[y])
		}
	}
	b.WriteString("\n")
	writeAddedYearOnly(b, res)
}

// writeAddedYearOnly says how many additions of each release rest on
// year-only launch dates (analyze.Result.AddedYearOnly).
func writeAddedYearOnly(b *strings.Builder, res *analyze.Result) {
	counts := res.AddedYearOnly()
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return
	}
	rels := res.Growth.Releases
	// A long history lists only the releases with such additions, the
	// newest maxYearOnlyRows of them: the table stays a table.
	rows := make([]int, 0, len(rels))
	for i := 1; i < len(rels); i++ {
		if len(rels) <= maxYearOnlyRows+1 || counts[i] > 0 {
			rows = append(rows, i)
		}
	}
	left := 0
	if len(rows) > maxYearOnlyRows {
		left, rows = len(rows)-maxYearOnlyRows, rows[len(rows)-maxYearOnlyRows:]
	}
	b.WriteString("A launch date given to the year only (`2019`) takes effect at the end of its year, so a tool added on such a date is shown late, in the year's last release. ")
	if len(rels) <= maxYearOnlyRows+1 {
		b.WriteString("Tools new to the catalog, by release, and how many of them rest on a year-only launch date:\n\n")
	} else {
		added := 0
		for _, r := range rels[1:] {
			added += r.Added - r.ReAdded
		}
		newest := ""
		if left > 0 {
			newest = fmt.Sprintf(" (the newest %d)", maxYearOnlyRows)
		}
		fmt.Fprintf(b, "Of the %d tools new to the catalog after its first release, %d rest on a year-only launch date. The releases that added such tools%s, with the tools new in each:\n\n",
			added, total, newest)
	}
	b.WriteString("| release | new tools | on a year-only date |\n|---|---:|---:|\n")
	for _, i := range rows {
		r := rels[i]
		fmt.Fprintf(b, "| %s | %d | %d |\n", md(r.Release), r.Added-r.ReAdded, counts[i])
	}
	if left > 0 {
		fmt.Fprintf(b, "\nand %s before them.\n", plural(left, "release"))
	}
	b.WriteString("\n")
}

// maxYearOnlyRows bounds the table of additions on year-only launch dates.
const maxYearOnlyRows = 40

// writeOpenSource is the open-source share per category and the licence
// mix, newest release against the first.
func writeOpenSource(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	b.WriteString("## Open source and licences\n\n")
	a := res.Attributes
	if !a.HasOpenSource && !a.HasLicense {
		b.WriteString("This catalog does not say which tools are open source (`open_source`) or under which licence (`license`).\n\n")
		return
	}
	first, last := res.Releases[0].ID, res.Releases[res.Latest()].ID
	if a.HasOpenSource {
		var tot0, tot1 analyze.OpenSourceStat
		for _, s := range a.OpenSource {
			if s.Release == last && s.Category == "" {
				tot1 = s
			}
		}
		if 2*tot1.Unknown > tot1.Tools {
			fmt.Fprintf(b, "Only %d of the %s of %s say whether they are open source (`open_source`): %d do, %d do not; too few for shares per category.\n\n",
				tot1.OpenSource+tot1.Closed, plural(tot1.Tools, "tool"), md(last), tot1.OpenSource, tot1.Closed)
			goto licences
		}
		var cats []analyze.OpenSourceStat
		for _, s := range a.OpenSource {
			switch {
			case s.Release == first && s.Category == "":
				tot0 = s
			case s.Release == last && s.Category == "":
				tot1 = s
			case s.Release == last:
				cats = append(cats, s)
			}
		}
		fmt.Fprintf(b, "In %s, %d of %s are open source or source-available (%.0f%% of those that say), against %.0f%% in %s",
			md(last), tot1.OpenSource, plural(tot1.Tools, "tool"), 100*tot1.Share, 100*tot0.Share, md(first))
		if tot1.Unknown > 0 {
			fmt.Fprintf(b, "; %d do not say", tot1.Unknown)
		}
		b.WriteString(".\n\n")
		o.chart(b, "open-source")
		sort.SliceStable(cats, func(i, j int) bool {
			if cats[i].Share != cats[j].Share {
				return cats[i].Share > cats[j].Share
			}
			return cats[i].Category < cats[j].Category
		})
		b.WriteString("| category | tools | open source | closed | not said | open share |\n|---|---:|---:|---:|---:|---:|\n")
		for _, s := range cats {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %.0f%% |\n", md(s.Category), s.Tools, s.OpenSource, s.Closed, s.Unknown, 100*s.Share)
		}
		b.WriteString("\n")
	} else {
		b.WriteString("This catalog does not say which tools are open source (`open_source`).\n\n")
	}
licences:
	if !a.HasLicense {
		b.WriteString("It gives no licences (`license`).\n\n")
		return
	}
	counts := map[string][2]int{}
	for _, l := range a.Licenses {
		c := counts[l.License]
		switch l.Release {
		case first:
			c[0] = l.Tools
		case last:
			c[1] = l.Tools
		}
		counts[l.License] = c
	}
	var lics []string
	for l, c := range counts {
		if l != "" && c[1] > 0 {
			lics = append(lics, l)
		}
	}
	sort.SliceStable(lics, func(i, j int) bool {
		if counts[lics[i]][1] != counts[lics[j]][1] {
			return counts[lics[i]][1] > counts[lics[j]][1]
		}
		return lics[i] < lics[j]
	})
	o.chart(b, "licenses")
	fmt.Fprintf(b, "| licence | %s | %s |\n|---|---:|---:|\n", md(first), md(last))
	other := [2]int{}
	for i, l := range lics {
		if i >= maxLicenses {
			other[0] += counts[l][0]
			other[1] += counts[l][1]
			continue
		}
		fmt.Fprintf(b, "| %s | %d | %d |\n", md(l), counts[l][0], counts[l][1])
	}
	if len(lics) > maxLicenses {
		fmt.Fprintf(b, "| %d other licences | %d | %d |\n", len(lics)-maxLicenses, other[0], other[1])
	}
	fmt.Fprintf(b, "| none given | %d | %d |\n\n", counts[""][0], counts[""][1])
	relic := 0
	for _, d := range res.Deals {
		if d.Kind == catalog.ChangeRelicensed {
			relic++
		}
	}
	fmt.Fprintf(b, "%s over all releases (`deals.parquet`, kind = 'relicensed').\n\n", capitalize(plural(relic, "relicensing")))
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// writeStatus is the status mix of the newest release and the deals
// timeline per year.
func writeStatus(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	b.WriteString("## Status and the deals timeline\n\n")
	a := res.Attributes
	last := res.Releases[res.Latest()].ID
	if !a.HasStatus {
		b.WriteString("This catalog gives no status (`status`) for its tools.\n\n")
	} else {
		mix := map[string]int{}
		for _, s := range a.Statuses {
			if s.Release == last {
				mix[s.Status] += s.Tools
			}
		}
		var cls []string
		for c := range mix {
			cls = append(cls, c)
		}
		sort.SliceStable(cls, func(i, j int) bool {
			if mix[cls[i]] != mix[cls[j]] {
				return mix[cls[i]] > mix[cls[j]]
			}
			return cls[i] < cls[j]
		})
		parts := make([]string, len(cls))
		for i, c := range cls {
			parts[i] = fmt.Sprintf("%s %d", c, mix[c])
		}
		fmt.Fprintf(b, "Status in %s (a tool listed in several categories counts in each): %s. Per category and release in `status_mix.parquet`.\n\n", md(last), strings.Join(parts, ", "))
		o.chart(b, "status")
	}
	byYear := map[int]map[string]int{}
	for _, d := range res.Deals {
		if d.Kind == catalog.ChangeRenamed {
			continue
		}
		if byYear[d.Year] == nil {
			byYear[d.Year] = map[string]int{}
		}
		byYear[d.Year][d.Kind]++
	}
	if len(byYear) == 0 {
		b.WriteString("No acquisitions, ends or relicensings seen or recorded in any release.\n\n")
		return
	}
	o.chart(b, "deals")
	var ys []int
	for y := range byYear {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	b.WriteString("| year | acquired | ended | relicensed |\n|---|---:|---:|---:|\n")
	for _, y := range ys {
		c := byYear[y]
		fmt.Fprintf(b, "| %d | %d | %d | %d |\n", y, c[catalog.ChangeAcquired], c[catalog.ChangeEnded], c[catalog.ChangeRelicensed])
	}
	b.WriteString("\nBy the year each took effect (the release's year where only the period is known); every one, with its category, in `deals.parquet`.\n\n")
}

// starBuckets are the bounds of the stars histogram.
var starBuckets = []int64{100, 1000, 10000, 100000}

// StarBucket is the label of the histogram bucket of n stars.
func StarBucket(n int64) string {
	labels := []string{"under 100", "100–999", "1k–9.9k", "10k–99.9k", "100k or more"}
	for i, b := range starBuckets {
		if n < b {
			return labels[i]
		}
	}
	return labels[len(labels)-1]
}

// StarBucketLabels are the histogram's buckets in order.
var StarBucketLabels = []string{"under 100", "100–999", "1k–9.9k", "10k–99.9k", "100k or more"}

// writeStars is the stars of the newest release: distribution, most
// starred, largest gains.
func writeStars(b *strings.Builder, res *analyze.Result, o ReportOptions) {
	b.WriteString("## Stars\n\n")
	a := res.Attributes
	if len(a.Stars) == 0 {
		if a.HasStars {
			b.WriteString("No tool of the newest release has GitHub stars in the catalog.\n\n")
		} else {
			b.WriteString("This catalog has no star counts (`stars`; CNCF's processed landscape files have them, its `landscape.yml` does not).\n\n")
		}
		return
	}
	tools := res.Growth.Releases[res.Latest()].Tools
	vals := make([]int64, len(a.Stars))
	var sum int64
	for i, s := range a.Stars {
		vals[i] = s.Stars
		sum += s.Stars
	}
	sort.Slice(vals, func(i, j int) bool { return vals[i] < vals[j] })
	med := vals[len(vals)/2]
	if len(vals)%2 == 0 {
		med = (vals[len(vals)/2-1] + vals[len(vals)/2]) / 2
	}
	fmt.Fprintf(b, "%d of the %s have GitHub stars: %s in all, median %s. Every tool's stars and change in `stars.parquet`.\n\n", len(a.Stars), plural(tools, "tool"), thousands(sum), thousands(med))
	o.chart(b, "stars")
	hist := map[string]int{}
	for _, v := range vals {
		hist[StarBucket(v)]++
	}
	b.WriteString("| stars | tools |\n|---|---:|\n")
	for _, l := range StarBucketLabels {
		fmt.Fprintf(b, "| %s | %d |\n", l, hist[l])
	}
	b.WriteString("\n| most starred | category | stars | change since the previous release |\n|---|---|---:|---:|\n")
	for _, s := range a.Stars[:min(10, len(a.Stars))] {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", md(s.Name), md(s.Category), thousands(s.Stars), starChange(s))
	}
	gains := append([]analyze.StarStat(nil), a.Stars...)
	sort.SliceStable(gains, func(i, j int) bool { return gains[i].Change > gains[j].Change })
	var up []analyze.StarStat
	for _, s := range gains {
		if s.Previous >= 0 && s.Change > 0 && len(up) < 10 {
			up = append(up, s)
		}
	}
	if len(up) == 0 {
		b.WriteString("\nNo tool gained stars since the previous release (or it had none).\n\n")
		return
	}
	b.WriteString("\n| largest gains | stars | change | change % |\n|---|---:|---:|---:|\n")
	for _, s := range up {
		pct := "–"
		if s.Previous > 0 {
			pct = fmt.Sprintf("%+.1f%%", 100*float64(s.Change)/float64(s.Previous))
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", md(s.Name), thousands(s.Stars), signedThousands(s.Change), pct)
	}
	b.WriteString("\n")
}

func starChange(s analyze.StarStat) string {
	if s.Previous < 0 {
		return "–"
	}
	return signedThousands(s.Change)
}

// thousands is 12,345.
func thousands(n int64) string {
	s := fmt.Sprint(int64(math.Abs(float64(n))))
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if n < 0 {
		return "-" + string(out)
	}
	return string(out)
}

func signedThousands(n int64) string {
	if n >= 0 {
		return "+" + thousands(n)
	}
	return thousands(n)
}
