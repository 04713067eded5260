package static

import (
	"bytes"
	"image/png"
	"testing"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/landscapehq/landscape/charts/model"
)

// dailyGrowth is n releases at irregular dates (1 to 5 days apart) from
// 2018-01-01, five categories growing, thinned as model.GrowthOf thins.
func dailyGrowth(n int) model.Growth { return dailyGrowthAll(n).Thin(model.MaxGrowthPoints) }

// dailyGrowthAll is dailyGrowth without thinning: every release a point.
func dailyGrowthAll(n int) model.Growth {
	g := model.Growth{Title: "A catalog cut every day it changed"}
	d := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		g.Releases = append(g.Releases, d.Format("2006-01-02"))
		g.Dates = append(g.Dates, d)
		d = d.AddDate(0, 0, 1+(i*7)%9/4*(i%3))
	}
	for k, name := range []string{"Observability", "Orchestration", "Security", "Storage", "Streaming"} {
		s := model.Series{Name: name, Color: "#5470c6"}
		for i := range n {
			s.Values = append(s.Values, float64(10+k*5+i*(k+1)/40))
		}
		g.Series = append(g.Series, s)
	}
	return g
}

// TestDailyGrowthRenders: 1,769 releases (thinned to months) draw as PNG
// and SVG, area and lines, with a date axis.
func TestDailyGrowthRenders(t *testing.T) {
	tests := []struct {
		name string
		g    model.Growth
	}{
		{"1769 daily releases", dailyGrowth(1769)},
		{"1769 releases, every one a point", dailyGrowthAll(1769)},
		{"one release", dailyGrowth(1)},
		{"two releases a day apart", dailyGrowth(2)},
	}
	for _, tt := range tests {
		for _, format := range []string{"png", "svg"} {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				for _, draw := range []func(*bytes.Buffer) error{
					func(b *bytes.Buffer) error { return GrowthArea(b, tt.g, Options{Format: format}) },
					func(b *bytes.Buffer) error { return GrowthLines(b, tt.g, 3, Options{Format: format}) },
				} {
					var buf bytes.Buffer
					if err := draw(&buf); err != nil {
						t.Fatal(err)
					}
					if format == "png" {
						if _, err := png.Decode(&buf); err != nil {
							t.Fatal(err)
						}
					} else if !bytes.Contains(buf.Bytes(), []byte("<svg")) {
						t.Fatal("no svg")
					}
				}
			})
		}
	}
}

// TestDateTicks: labels at months, half years or years as the span and
// width allow; a short span is labelled with its ends.
func TestDateTicks(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		from, to string
		avail    vg.Length
		want     []string // labels, in order
	}{
		{"2018-06-30", "2026-06-30", 700, []string{"2019", "2020", "2021", "2022", "2023", "2024", "2025", "2026"}},
		{"2018-06-30", "2026-06-30", 250, []string{"2020", "2022", "2024", "2026"}},
		{"2022-01-01", "2024-05-01", 700, []string{"2022-01", "2022-04", "2022-07", "2022-10", "2023-01", "2023-04", "2023-07", "2023-10", "2024-01", "2024-04"}},
		{"2022-01-01", "2024-05-01", 350, []string{"2022-01", "2022-07", "2023-01", "2023-07", "2024-01"}},
		{"2024-03-05", "2024-03-20", 700, []string{"2024-03-05", "2024-03-20"}},
	}
	for _, tt := range tests {
		p := plot.New()
		dates := []time.Time{day(tt.from), day(tt.to)}
		xs := dateAxis(p, dates, tt.avail)
		if xs[0] != p.X.Min || xs[1] != p.X.Max {
			t.Errorf("%s–%s: axis %v … %v, want the dates %v", tt.from, tt.to, p.X.Min, p.X.Max, xs)
		}
		var got []string
		for _, tk := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s–%s in %v: labels %v, want %v", tt.from, tt.to, tt.avail, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s–%s in %v: labels %v, want %v", tt.from, tt.to, tt.avail, got, tt.want)
				break
			}
		}
	}
}
