package model

import (
	"math"
	"time"
)

// MaxGrowthPoints is how many points a growth chart gets at most: a history
// with more releases (a catalog cut every day its file changed has
// thousands) is thinned to one point per week, month, quarter or year — the
// finest of them that fits — by Thin.
const MaxGrowthPoints = 260

// Thin keeps at most max points of g: when g has more releases (and dates),
// the last release of each calendar week (weeks start on Monday), else month,
// else quarter, else year, the finest period giving at most max points.
// The newest release is always kept (it is the last of its period). g.Of
// records how many releases there were. A growth without dates, or with at
// most max releases, is returned as it is.
func (g Growth) Thin(max int) Growth {
	n := len(g.Releases)
	if max <= 0 || n <= max || !g.HasDates() {
		return g
	}
	var keep []int
	every := ""
	for _, p := range []struct {
		name string
		key  func(time.Time) int
	}{{"week", weekKey}, {"month", monthKey}, {"quarter", quarterKey}, {"year", yearKey}} {
		keep, every = keep[:0], p.name
		for i := range n {
			if i == n-1 || p.key(g.Dates[i]) != p.key(g.Dates[i+1]) {
				keep = append(keep, i)
			}
		}
		if len(keep) <= max {
			break
		}
	}
	out := Growth{Title: g.Title, Of: n, Every: every}
	if g.Of > 0 {
		out.Of = g.Of
	}
	for _, i := range keep {
		out.Releases = append(out.Releases, g.Releases[i])
		out.Dates = append(out.Dates, g.Dates[i])
	}
	for _, s := range g.Series {
		t := Series{Name: s.Name, Color: s.Color, Values: make([]float64, len(keep))}
		for k, i := range keep {
			if i < len(s.Values) {
				t.Values[k] = s.Values[i]
			}
		}
		out.Series = append(out.Series, t)
	}
	return out
}

// weekKey numbers the week (Monday to Sunday) of d: days since a Monday / 7.
func weekKey(d time.Time) int {
	days := int(math.Floor(float64(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix()) / 86400))
	return int(math.Floor(float64(days-4) / 7)) // 1970-01-05 was a Monday
}

func monthKey(d time.Time) int   { return d.Year()*12 + int(d.Month()) - 1 }
func quarterKey(d time.Time) int { return d.Year()*4 + (int(d.Month())-1)/3 }
func yearKey(d time.Time) int    { return d.Year() }

// Survival time units.
const (
	DaysPerMonth = 30.44
	DaysPerYear  = 365.25
)

// survivalUnit picks the unit for curves whose longest time is maxDays:
// months up to three years, years beyond.
func survivalUnit(maxDays float64) (string, float64) {
	if maxDays > 3*DaysPerYear {
		return "years", DaysPerYear
	}
	return "months", DaysPerMonth
}

// AxisMin is where the survival chart's probability axis starts: the lowest
// probability of any curve rounded down to a multiple of 10% (0 when there
// are no points), so that curves staying near 100% are not flattened.
func (s Survival) AxisMin() float64 {
	lo := 1.0
	for _, c := range s.Curves {
		for _, p := range c.Prob {
			if !math.IsNaN(p) {
				lo = math.Min(lo, p)
			}
		}
	}
	lo = math.Max(0, lo)
	m := math.Floor(lo*10+1e-9) / 10
	if m >= 1 {
		m = 0.9
	}
	return m
}
