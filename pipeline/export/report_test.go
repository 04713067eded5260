package export

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// handHistory is five releases of one category, at irregular dates:
//
//	2024-01-10  A B C        3 tools, +3 (the baseline)
//	2024-01-20  A B D        3, +D −C
//	2024-02-05  A D E F      4, +E +F −B
//	2024-04-01  A F          2, −D −E
//	2025-03-01  A F G        3, +G
func handHistory(t *testing.T) *analyze.Result {
	t.Helper()
	mem := memory.NewGoAllocator()
	rels := []struct {
		date  string
		tools string
	}{{"2024-01-10", "ABC"}, {"2024-01-20", "ABD"}, {"2024-02-05", "ADEF"}, {"2024-04-01", "AF"}, {"2025-03-01", "AFG"}}
	var snaps []*catalog.Snapshot
	for _, r := range rels {
		d, _ := time.Parse("2006-01-02", r.date)
		s := &catalog.Snapshot{Release: catalog.Release{ID: r.date, Date: d}}
		for _, c := range r.tools {
			s.Listings = append(s.Listings, catalog.Listing{Name: "Tool " + string(c), Category: "X", HomepageURL: "https://" + strings.ToLower(string(c)) + ".example"})
		}
		snaps = append(snaps, s)
	}
	h, err := catalog.NewHistory(mem, "hand", snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	r, err := identity.Apply(mem, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	a, tax, err := taxonomy.Canonical(mem, r, nil)
	if err != nil {
		t.Fatal(err)
	}
	return analyze.Run(a, tax)
}

// TestReportPeriods checks the growth table by each period against sums
// done by hand (see handHistory).
func TestReportPeriods(t *testing.T) {
	res := handHistory(t)
	defer res.Release()
	tests := []struct {
		period  string
		heading string
		rows    []string
	}{
		{"release", "## Growth over all releases\n", []string{
			"| 2024-01-10 | 3 | 3 | 1 | 3 | 0 | 0 | +3 |",
			"| 2024-01-20 | 3 | 3 | 1 | 1 | 1 | 0 | +0 |",
			"| 2024-02-05 | 4 | 4 | 1 | 2 | 1 | 0 | +1 |",
			"| 2024-04-01 | 2 | 2 | 1 | 0 | 2 | 0 | -2 |",
			"| 2025-03-01 | 3 | 3 | 1 | 1 | 0 | 0 | +1 |",
		}},
		{"", "## Growth over all releases\n", nil}, // auto: 5 releases, one row each
		{"month", "## Growth over all releases, by month\n", []string{
			"| 2024-01 | 2 | 2024-01-20 | 3 | 3 | 1 | 4 | 1 | 0 | +3 |",
			"| 2024-02 | 1 | 2024-02-05 | 4 | 4 | 1 | 2 | 1 | 0 | +1 |",
			"| 2024-04 | 1 | 2024-04-01 | 2 | 2 | 1 | 0 | 2 | 0 | -2 |",
			"| 2025-03 | 1 | 2025-03-01 | 3 | 3 | 1 | 1 | 0 | 0 | +1 |",
		}},
		{"quarter", "## Growth over all releases, by quarter\n", []string{
			"| 2024-Q1 | 3 | 2024-02-05 | 4 | 4 | 1 | 6 | 2 | 0 | +4 |",
			"| 2024-Q2 | 1 | 2024-04-01 | 2 | 2 | 1 | 0 | 2 | 0 | -2 |",
			"| 2025-Q1 | 1 | 2025-03-01 | 3 | 3 | 1 | 1 | 0 | 0 | +1 |",
		}},
		{"year", "## Growth over all releases, by year\n", []string{
			"| 2024 | 4 | 2024-04-01 | 2 | 2 | 1 | 6 | 4 | 0 | +2 |",
			"| 2025 | 1 | 2025-03-01 | 3 | 3 | 1 | 1 | 0 | 0 | +1 |",
		}},
	}
	for _, tt := range tests {
		t.Run("period="+tt.period, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Report(&a, res, ReportOptions{Period: tt.period}); err != nil {
				t.Fatal(err)
			}
			if err := Report(&b, res, ReportOptions{Period: tt.period}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("report differs between runs")
			}
			s := a.String()
			i := strings.Index(s, tt.heading)
			if i < 0 {
				t.Fatalf("no %q in\n%s", tt.heading, s)
			}
			table := s[i:]
			table = table[:strings.Index(table, "\n## ")]
			for _, row := range tt.rows {
				if !strings.Contains(table, row+"\n") {
					t.Errorf("no row %q in\n%s", row, table)
				}
			}
			// the newest release's sections stay per release
			if !strings.Contains(s, "## Added (1)\n") || !strings.Contains(s, "## Categories in 2025-03-01\n") {
				t.Errorf("newest-release sections changed:\n%s", s)
			}
		})
	}
	if err := Report(&bytes.Buffer{}, res, ReportOptions{Period: "week"}); err == nil {
		t.Error("period week accepted")
	}
}

// TestResolvePeriod: auto keeps one row per release up to analyze.MaxPeriods,
// else quarters when they fit, else years.
func TestResolvePeriod(t *testing.T) {
	every := func(n int, step func(time.Time, int) time.Time) []analyze.ReleaseStat {
		var out []analyze.ReleaseStat
		d0 := time.Date(2018, 1, 15, 0, 0, 0, 0, time.UTC)
		for i := range n {
			d := step(d0, i)
			out = append(out, analyze.ReleaseStat{Release: d.Format("2006-01-02"), Date: d})
		}
		return out
	}
	days := func(d time.Time, i int) time.Time { return d.AddDate(0, 0, i) }
	months := func(d time.Time, i int) time.Time { return d.AddDate(0, i, 0) }
	quarters := func(d time.Time, i int) time.Time { return d.AddDate(0, 3*i, 0) }
	tests := []struct {
		name   string
		period string
		rels   []analyze.ReleaseStat
		want   string
		rows   int
	}{
		{"17 half-yearly", "auto", every(17, func(d time.Time, i int) time.Time { return d.AddDate(0, 6*i, 0) }), PeriodRelease, 17},
		{"40 monthly", "", every(40, months), PeriodRelease, 40},
		{"41 monthly", "", every(41, months), PeriodQuarter, 14},
		{"1769 daily", "", every(1769, days), PeriodQuarter, 20},
		{"45 quarterly", "", every(45, quarters), PeriodYear, 12},
		{"1769 daily, by month", "month", every(1769, days), PeriodMonth, 59},
		{"1769 daily, by year", "year", every(1769, days), PeriodYear, 5},
		{"no dates", "year", []analyze.ReleaseStat{{Release: "a"}, {Release: "b"}}, PeriodRelease, 2},
	}
	for _, tt := range tests {
		got := resolvePeriod(tt.period, tt.rels)
		if got != tt.want {
			t.Errorf("%s: period %s, want %s", tt.name, got, tt.want)
		}
		if n := len(periodRows(got, tt.rels)); n != tt.rows {
			t.Errorf("%s: %d rows, want %d", tt.name, n, tt.rows)
		}
	}
}

func TestDuration(t *testing.T) {
	for _, tt := range []struct {
		days int
		want string
	}{{1, "1 day"}, {45, "45 days"}, {61, "2.0 months"}, {365, "12.0 months"}, {1769, "4.8 years"}} {
		if got := duration(tt.days); got != tt.want {
			t.Errorf("duration(%d) = %q, want %q", tt.days, got, tt.want)
		}
	}
}
