package export

import (
	"time"

	"github.com/landscapehq/landscape/pipeline/analyze"
)

// Report periods (ReportOptions.Period): how report.md's tables over all
// releases are aggregated; package analyze owns them.
const (
	PeriodAuto    = analyze.PeriodAuto
	PeriodRelease = analyze.PeriodRelease
	PeriodMonth   = analyze.PeriodMonth
	PeriodQuarter = analyze.PeriodQuarter
	PeriodYear    = analyze.PeriodYear
)

// Periods lists the valid ReportOptions.Period values.
var Periods = analyze.Periods

// CheckPeriod reports whether p is one of Periods ("" counts as "auto").
func CheckPeriod(p string) error { return analyze.CheckPeriod(p) }

// ReportOptions controls report.md.
type ReportOptions struct {
	// Period aggregates the growth tables over all releases: "release",
	// "month", "quarter", "year", or "auto" (default; see analyze.MaxPeriods).
	// The sections on the newest release are per release whatever it is.
	Period string
	// Charts are the images to embed, each in its section.
	Charts []ReportChart
	// Excluded names the categories left out of the analysis
	// (--exclude-category), for the report to say so.
	Excluded []string
}

// periodRow is one row of a table over all releases: the releases of one
// period taken together.
type periodRow struct {
	Label    string
	Releases int                 // releases in the period
	Last     analyze.ReleaseStat // the period's last release: its listings, tools, categories
	Added    int                 // summed over the period's releases
	Removed  int
	Moved    int
	Net      int // = sum of the releases' net: tools at the end of the period minus at the end of the previous one
}

// periodLabel names the period of d: "2024-03", "2024-Q1", "2024".
func periodLabel(period string, d time.Time) string {
	if f := analyze.PeriodOf(period); f != nil {
		return f(d)
	}
	return ""
}

// resolvePeriod turns "auto" ("") into release, quarter or year for rels
// (analyze.ResolvePeriod).
func resolvePeriod(period string, rels []analyze.ReleaseStat) string {
	dates := make([]time.Time, len(rels))
	for i, r := range rels {
		dates[i] = r.Date
	}
	return analyze.ResolvePeriod(period, dates)
}

// periodRows groups rels (oldest first) into rows of period (resolved: not
// "auto"), oldest first.
func periodRows(period string, rels []analyze.ReleaseStat) []periodRow {
	var rows []periodRow
	for _, r := range rels {
		label := r.Release
		if period != PeriodRelease {
			label = periodLabel(period, r.Date)
		}
		if len(rows) == 0 || rows[len(rows)-1].Label != label {
			rows = append(rows, periodRow{Label: label})
		}
		p := &rows[len(rows)-1]
		p.Releases++
		p.Last = r
		p.Added += r.Added
		p.Removed += r.Removed
		p.Moved += r.Moved
		p.Net += r.Net
	}
	return rows
}

// periodNoun is the period's name in headings: "releases", "quarters", ….
func periodNoun(period string) string {
	if period == PeriodRelease {
		return "releases"
	}
	return period + "s"
}
