package gitimport

import (
	"fmt"
	"strings"
	"time"
)

// Cadences of --every.
const (
	EveryCommit  = "commit"
	EveryDay     = "day"
	EveryWeek    = "week"
	EveryMonth   = "month"
	EveryQuarter = "quarter"
	EveryHalf    = "half"
	EveryYear    = "year"
)

// Cadences lists the values --every takes.
func Cadences() []string {
	return []string{EveryCommit, EveryDay, EveryWeek, EveryMonth, EveryQuarter, EveryHalf, EveryYear}
}

// ParseEvery checks a cadence, accepting "half-year" and "halfyear" for
// "half".
func ParseEvery(s string) (string, error) {
	switch s = strings.ToLower(strings.TrimSpace(s)); s {
	case EveryCommit, EveryDay, EveryWeek, EveryMonth, EveryQuarter, EveryHalf, EveryYear:
		return s, nil
	case "half-year", "halfyear":
		return EveryHalf, nil
	}
	return "", fmt.Errorf("--every %q: want one of %s", s, strings.Join(Cadences(), ", "))
}

// day is a calendar date (UTC midnight) used as a period end.
type day = time.Time

// periodEnd is the last day of the period of the given cadence holding t,
// taken in UTC: a commit belongs to the period whose end, at 23:59:59 UTC, it
// is not after. Weeks end on Sunday (ISO weeks).
func periodEnd(every string, t time.Time) day {
	t = t.UTC()
	y, m, d := t.Date()
	switch every {
	case EveryWeek:
		wd := int(t.Weekday()) // Sunday = 0
		add := (7 - wd) % 7
		return time.Date(y, m, d+add, 0, 0, 0, 0, time.UTC)
	case EveryMonth:
		return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
	case EveryQuarter:
		qm := ((int(m)-1)/3 + 1) * 3
		return time.Date(y, time.Month(qm)+1, 0, 0, 0, 0, 0, time.UTC)
	case EveryHalf:
		if m <= 6 {
			return time.Date(y, 6, 30, 0, 0, 0, 0, time.UTC)
		}
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	case EveryYear:
		return time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
	default: // commit, day
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
}

// endOfDay is the last instant of a date, UTC.
func endOfDay(d day) time.Time {
	return d.Add(24*time.Hour - time.Nanosecond)
}

// ParseDate reads a --since/--until date, YYYY-MM-DD.
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return t, nil
}

const dateLayout = "2006-01-02"

// commitDateLayout renders a committer date with its own offset, "+00:00"
// rather than "Z" for UTC, as the corpus manifests do.
const commitDateLayout = "2006-01-02T15:04:05-07:00"
