package export

import (
	"fmt"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/analyze"
)

// Report periods (ReportOptions.Period): how report.md's tables over all
// releases are aggregated.
const (
	PeriodAuto    = "auto"    // per release up to MaxReportRows releases, else quarter, else year
	PeriodRelease = "release" // one row per release
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodYear    = "year"
)

// Periods lists the valid ReportOptions.Period values.
var Periods = []string{PeriodAuto, PeriodRelease, PeriodMonth, PeriodQuarter, PeriodYear}

// MaxReportRows is how many rows the "auto" period allows a table over all
// releases: up to this many releases one row each, else one per quarter
// when that fits, else one per year.
const MaxReportRows = 40

// CheckPeriod reports whether p is one of Periods ("" counts as "auto").
func CheckPeriod(p string) error {
	if p == "" {
		return nil
	}
	for _, v := range Periods {
		if p == v {
			return nil
		}
	}
	return fmt.Errorf("unknown period %q; expected one of %s", p, strings.Join(Periods, ", "))
}

// ReportOptions controls report.md.
type ReportOptions struct {
	// Period aggregates the growth tables over all releases: "release",
	// "month", "quarter", "year", or "auto" (default; see MaxReportRows).
	// The sections on the newest release are per release whatever it is.
	Period string
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
	switch period {
	case PeriodMonth:
		return d.Format("2006-01")
	case PeriodQuarter:
		return fmt.Sprintf("%d-Q%d", d.Year(), (int(d.Month())-1)/3+1)
	case PeriodYear:
		return d.Format("2006")
	}
	return ""
}

// resolvePeriod turns "auto" ("") into release, quarter or year for rels,
// and anything but "release" into "release" when a release has no date.
func resolvePeriod(period string, rels []analyze.ReleaseStat) string {
	for _, r := range rels {
		if r.Date.IsZero() {
			return PeriodRelease
		}
	}
	if period != "" && period != PeriodAuto {
		return period
	}
	if len(rels) <= MaxReportRows {
		return PeriodRelease
	}
	if len(periodRows(PeriodQuarter, rels)) <= MaxReportRows {
		return PeriodQuarter
	}
	return PeriodYear
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
