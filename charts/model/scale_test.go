package model

import (
	"fmt"
	"math"
	"testing"
	"time"
)

// daily is a growth of n releases, one every step days from 2018-01-01 (a
// Monday), with one series counting up.
func daily(n, step int) Growth {
	g := Growth{Title: "g"}
	s := Series{Name: "a"}
	d0 := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := d0.AddDate(0, 0, i*step)
		g.Releases = append(g.Releases, d.Format("2006-01-02"))
		g.Dates = append(g.Dates, d)
		s.Values = append(s.Values, float64(i))
	}
	g.Series = []Series{s}
	return g
}

func TestThin(t *testing.T) {
	tests := []struct {
		name      string
		g         Growth
		max       int
		wantLen   int
		wantOf    int
		wantFirst string // first release kept
	}{
		{"few releases: untouched", daily(17, 182), 260, 17, 0, "2018-01-01"},
		{"daily, 100 days: weeks", daily(100, 1), 50, 15, 100, "2018-01-07"}, // weeks end on Sundays
		{"daily, 1769 days: weeks", daily(1769, 1), 260, 253, 1769, "2018-01-07"},
		{"daily, 1769 days: months", daily(1769, 1), 100, 59, 1769, "2018-01-31"}, // 2018-01 … 2022-11
		{"every other day, 8 years: months", daily(1769, 2), 260, 117, 1769, "2018-01-31"},
		{"daily, 1769 days: quarters", daily(1769, 1), 30, 20, 1769, "2018-03-31"},
		{"daily, 1769 days: years", daily(1769, 1), 10, 5, 1769, "2018-12-31"},
		{"no dates: untouched", Growth{Releases: make([]string, 500), Series: []Series{{Values: make([]float64, 500)}}}, 260, 500, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.g.Thin(tt.max)
			if len(got.Releases) != tt.wantLen || len(got.Dates) != len(got.Releases) && got.HasDates() || got.Of != tt.wantOf {
				t.Fatalf("%d releases (%d dates), of %d; want %d of %d", len(got.Releases), len(got.Dates), got.Of, tt.wantLen, tt.wantOf)
			}
			if got.Releases[0] != tt.wantFirst {
				t.Errorf("first kept %q, want %q", got.Releases[0], tt.wantFirst)
			}
			last := len(tt.g.Releases) - 1
			if got.Releases[len(got.Releases)-1] != tt.g.Releases[last] {
				t.Errorf("newest release %q not kept", tt.g.Releases[last])
			}
			// values follow their release
			for k, id := range got.Releases {
				for i, r := range tt.g.Releases {
					if r == id && got.Series[0].Values[k] != tt.g.Series[0].Values[i] && id != "" {
						t.Errorf("%s: value %v, want %v", id, got.Series[0].Values[k], tt.g.Series[0].Values[i])
					}
				}
			}
		})
	}
}

func TestWeekKey(t *testing.T) {
	mon := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC) // a Monday
	for i := range 7 {
		if weekKey(mon.AddDate(0, 0, i)) != weekKey(mon) {
			t.Errorf("%v not in the week of %v", mon.AddDate(0, 0, i), mon)
		}
	}
	if weekKey(mon.AddDate(0, 0, -1)) != weekKey(mon)-1 || weekKey(mon.AddDate(0, 0, 7)) != weekKey(mon)+1 {
		t.Error("neighbouring weeks")
	}
}

func TestSurvivalScale(t *testing.T) {
	tests := []struct {
		probs []float64
		want  float64
	}{
		{nil, 0.9},
		{[]float64{1, 0.97, 0.93}, 0.9},
		{[]float64{1, 0.8, 0.62}, 0.6},
		{[]float64{1, 0.5}, 0.5},
		{[]float64{1, 0.04}, 0},
		{[]float64{1, math.NaN(), 0.71}, 0.7},
	}
	for _, tt := range tests {
		s := Survival{Curves: []SurvivalCurve{{Prob: tt.probs}}}
		if got := s.AxisMin(); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("AxisMin(%v) = %v, want %v", tt.probs, got, tt.want)
		}
	}
	for _, tt := range []struct {
		days float64
		unit string
	}{{30, "months"}, {3 * 365, "months"}, {1769, "years"}} {
		if u, _ := survivalUnit(tt.days); u != tt.unit {
			t.Errorf("survivalUnit(%v) = %s, want %s", tt.days, u, tt.unit)
		}
	}
}

func ExampleGrowth_Thin() {
	g := daily(1769, 1).Thin(MaxGrowthPoints)
	fmt.Println(len(g.Releases), "points, one per", g.Every, "of", g.Of, "releases, newest", g.Releases[len(g.Releases)-1])
	// Output: 253 points, one per week of 1769 releases, newest 2022-11-04
}
