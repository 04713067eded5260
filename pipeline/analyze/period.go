package analyze

import (
	"fmt"
	"strings"
	"time"
)

// Periods group releases in time: the cohorts here, report.md's tables over
// all releases in package export.
const (
	PeriodAuto    = "auto"    // per release up to MaxPeriods releases, else quarter, else year
	PeriodRelease = "release" // each release is its own period
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodYear    = "year"
)

// Periods lists the period names an option may take.
var Periods = []string{PeriodAuto, PeriodRelease, PeriodMonth, PeriodQuarter, PeriodYear}

// MaxPeriods is how many periods "auto" allows: a history of up to this many
// releases is taken release by release, a longer one by quarter when that
// fits, else by year.
const MaxPeriods = 40

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

// ResolvePeriod turns "auto" ("") into release, quarter or year for releases
// of these dates (oldest first; see MaxPeriods), and any period into
// "release" when a release has no date.
func ResolvePeriod(period string, dates []time.Time) string {
	for _, d := range dates {
		if d.IsZero() {
			return PeriodRelease
		}
	}
	if period != "" && period != PeriodAuto {
		return period
	}
	if len(dates) <= MaxPeriods {
		return PeriodRelease
	}
	if countPeriods(PeriodOf(PeriodQuarter), dates) <= MaxPeriods {
		return PeriodQuarter
	}
	return PeriodYear
}

func countPeriods(label func(time.Time) string, dates []time.Time) int {
	n, last := 0, ""
	for _, d := range dates {
		if l := label(d); l != last {
			n, last = n+1, l
		}
	}
	return n
}

// PeriodOf gives the label of a date's period: "2024-05", "2024-Q2",
// "2024"; nil for PeriodRelease (each release is its own period).
func PeriodOf(period string) func(time.Time) string {
	switch period {
	case PeriodMonth:
		return func(t time.Time) string { return t.Format("2006-01") }
	case PeriodQuarter:
		return func(t time.Time) string { return fmt.Sprintf("%d-Q%d", t.Year(), (int(t.Month())+2)/3) }
	case PeriodYear:
		return func(t time.Time) string { return t.Format("2006") }
	}
	return nil
}
