package static

import (
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// StackedBarsPlotter is a plot.Plotter of stacked vertical bars, one per x
// = 0, 1, …, the first series at the bottom. Negative values count as 0.
type StackedBarsPlotter struct {
	Series []model.Series
	N      int // bars
	Theme  *Theme
	// Width is the bar width as a fraction of the step between bars.
	Width float64
}

func (s *StackedBarsPlotter) total(i int) float64 { return total(s.Series, i) }

// DataRange implements plot.DataRanger.
func (s *StackedBarsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	for i := range s.N {
		ymax = math.Max(ymax, s.total(i))
	}
	return -0.5, float64(s.N) - 0.5, 0, ymax
}

// Plot implements plot.Plotter.
func (s *StackedBarsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := s.Theme
	if th == nil {
		th = Light
	}
	tx, ty := p.Transforms(&c)
	w := s.Width
	if w <= 0 || w > 1 {
		w = 0.72
	}
	for i := range s.N {
		x0, x1 := tx(float64(i)-w/2), tx(float64(i)+w/2)
		below := 0.0
		for _, sr := range s.Series {
			v := math.Max(0, seriesValue(sr, i))
			if v == 0 {
				continue
			}
			r := vg.Rectangle{Min: vg.Point{X: x0, Y: ty(below)}, Max: vg.Point{X: x1, Y: ty(below + v)}}
			c.FillPolygon(hexColor(sr.Color, th.Neutral), rectPts(r))
			below += v
		}
	}
}

// Bars draws a stacked bar chart.
func Bars(w io.Writer, b model.Bars, o Options) error {
	return render(w, o, func(f *frame) { barsPage(f, b) })
}

func barsPage(f *frame, b model.Bars) {
	n := len(b.Labels)
	sum := 0.0
	for i := range n {
		sum += total(b.Series, i)
	}
	sub := b.Subtitle
	f.header(b.Title, sub)
	if n == 0 || len(b.Series) == 0 || sum == 0 {
		f.empty("Nothing to show.")
		return
	}
	if len(b.Series) > 1 {
		var items []legendItem
		for k := len(b.Series) - 1; k >= 0; k-- { // top-down like the stack
			s := b.Series[k]
			v := 0.0
			for i := range n {
				v += math.Max(0, seriesValue(s, i))
			}
			items = append(items, legendItem{Name: s.Name, Value: formatInt(int(math.Round(v))), Color: hexColor(s.Color, f.th.Neutral)})
		}
		f.sideLegend(items, 0.3, false)
	}
	p := newPlot(f.th)
	bars := &StackedBarsPlotter{Series: b.Series, N: n, Theme: f.th}
	_, _, _, ymax := bars.DataRange()
	countAxis(&p.Y, ymax)
	p.Y.Label.Text = b.Unit
	avail := f.body.Max.X - f.body.Min.X - 70
	p.X.Min, p.X.Max = -0.5, float64(n)-0.5
	ticks := releaseTicks(b.Labels, p.X.Tick.Label, avail*vg.Length(n-1)/vg.Length(max(n, 1)))
	p.X.Tick.Marker = ticks
	p.Add(grid(f.th, true, false), bars)
	p.Draw(f.body)
}
