package analyze

import (
	"fmt"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Periods that group releases in time (cohorts, report tables).
const (
	PeriodRelease = "release"
	PeriodMonth   = "month"
	PeriodQuarter = "quarter"
	PeriodYear    = "year"
	PeriodAuto    = "auto"
)

// Periods lists the period names an option may take.
var Periods = []string{PeriodAuto, PeriodRelease, PeriodMonth, PeriodQuarter, PeriodYear}

// MaxPeriods is how many periods "auto" aims at: a history of at most this
// many releases is shown release by release, a longer one by the finest of
// month, quarter and year that gives at most this many periods (else year).
const MaxPeriods = 40

// AutoPeriod chooses the period of a history of these releases (see
// MaxPeriods).
func AutoPeriod(rels []catalog.Release) string {
	if len(rels) <= MaxPeriods {
		return PeriodRelease
	}
	for _, p := range []string{PeriodMonth, PeriodQuarter} {
		f := PeriodOf(p)
		n, last := 0, ""
		for _, r := range rels {
			if l := f(r.Date); l != last {
				n, last = n+1, l
			}
		}
		if n <= MaxPeriods {
			return p
		}
	}
	return PeriodYear
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
		return func(t time.Time) string { return fmt.Sprintf("%d", t.Year()) }
	}
	return nil
}
