package static

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// SurvivalPlotter is a plot.Plotter of Kaplan–Meier curves: step
// functions that start at 100% at time 0 and drop at each Time to Prob.
type SurvivalPlotter struct {
	Curves []model.SurvivalCurve
	Theme  *Theme
	Width  vg.Length
}

// steps is the curve as points of a step line, sanitised: finite, times
// not decreasing, probabilities in [0, 1].
func steps(c model.SurvivalCurve) []struct{ t, p float64 } {
	type pt = struct{ t, p float64 }
	out := []pt{{0, 1}}
	n := min(len(c.Time), len(c.Prob))
	for i := range n {
		t, p := c.Time[i], c.Prob[i]
		if math.IsNaN(t) || math.IsInf(t, 0) || math.IsNaN(p) || t < out[len(out)-1].t {
			continue
		}
		p = math.Max(0, math.Min(1, p))
		if t == out[len(out)-1].t {
			out[len(out)-1].p = p
			continue
		}
		out = append(out, pt{t, p})
	}
	return out
}

// DataRange implements plot.DataRanger: x from 0 to the longest time, y
// from the lowest probability to 1.
func (s *SurvivalPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin = 1
	for _, c := range s.Curves {
		st := steps(c)
		xmax = math.Max(xmax, st[len(st)-1].t)
		for _, q := range st {
			ymin = math.Min(ymin, q.p)
		}
	}
	return 0, xmax, ymin, 1
}

// Plot implements plot.Plotter. The first curve is drawn last, on top.
func (s *SurvivalPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := s.Theme
	if th == nil {
		th = Light
	}
	tx, ty := p.Transforms(&c)
	w := s.Width
	if w <= 0 {
		w = 2.2
	}
	for k := len(s.Curves) - 1; k >= 0; k-- {
		cv := s.Curves[k]
		st := steps(cv)
		var pts []vg.Point
		for i, q := range st {
			if i > 0 { // horizontal to this time at the previous level, then down
				pts = append(pts, vg.Point{X: tx(q.t), Y: ty(st[i-1].p)})
			}
			pts = append(pts, vg.Point{X: tx(q.t), Y: ty(q.p)})
		}
		if len(pts) == 1 {
			pts = append(pts, vg.Point{X: c.Max.X, Y: pts[0].Y})
		}
		col := hexColor(cv.Color, th.Neutral)
		c.StrokeLines(draw.LineStyle{Color: th.Background, Width: w + 2}, pts)
		c.StrokeLines(draw.LineStyle{Color: col, Width: w}, pts)
		// a dot where the curve ends: the last release it is known at
		end := pts[len(pts)-1]
		c.DrawGlyphNoClip(draw.GlyphStyle{Color: col, Radius: w * 1.4, Shape: draw.CircleGlyph{}}, end)
	}
}

// median is the first time the curve is at or below one half; ok false
// when it never is.
func median(c model.SurvivalCurve) (float64, bool) {
	for _, q := range steps(c) {
		if q.p <= 0.5 {
			return q.t, true
		}
	}
	return 0, false
}

// survivalUnits names the model's time unit: for the axis, and short for
// the legend's medians.
func survivalUnits(unit string) (axis, short string) {
	switch unit {
	case "":
		return "releases", ""
	case "months":
		return "months", " mo"
	case "years":
		return "years", " yr"
	}
	return clean(unit), " " + clean(unit)
}

func survivalPage(f *frame, s model.Survival) {
	title := s.Title
	if title == "" {
		title = "How long tools stay listed"
	}
	unit, short := survivalUnits(s.Unit)
	f.header(title, "Share of tools still listed, by "+unit+" since they were first listed (Kaplan–Meier)")
	if len(s.Curves) == 0 {
		f.empty("No tools to follow.")
		return
	}
	var items []legendItem
	for _, c := range s.Curves {
		v := ""
		if m, ok := median(c); ok {
			v = "median " + trimFloat(m) + short
		} else if st := steps(c); len(st) > 1 {
			v = "median > " + trimFloat(st[len(st)-1].t) + short
		}
		items = append(items, legendItem{Name: c.Name, Value: v, Color: hexColor(c.Color, f.th.Neutral), Line: true})
	}
	if len(items) > 4 || !f.inlineLegend(items) {
		f.panelLegend("", items, 0.34, false)
	}
	p := newPlot(f.th)
	sp := &SurvivalPlotter{Curves: s.Curves, Theme: f.th}
	_, xmax, _, _ := sp.DataRange()
	if xmax <= 0 {
		xmax = 1
	}
	lo := s.AxisMin()
	var plotters []plot.Plotter
	plotters = append(plotters, grid(f.th, true, false))
	if lo < 0.5 {
		plotters = append(plotters, &refLine{y: 0.5, style: draw.LineStyle{Color: f.th.Axis, Width: 0.8, Dashes: []vg.Length{3, 3}}})
	}
	p.Add(append(plotters, sp)...)
	step := niceStep(xmax, 6, true)
	p.X.Min, p.X.Max = 0, math.Ceil(xmax/step-1e-9)*step
	p.X.Tick.Marker = countTicks{step: step}
	p.X.Label.Text = unit + " since first listed"
	// the y axis fitted to the curves: from the lowest share rounded down
	p.Y.Min, p.Y.Max = lo, 1.0
	p.Y.Tick.Marker = percentTicks{step: math.Max(0.05, niceStep(1-lo, 5, false))}
	p.Draw(f.body)
}

// refLine is a horizontal reference line across the plot at y.
type refLine struct {
	y     float64
	style draw.LineStyle
}

func (r *refLine) Plot(c draw.Canvas, p *plot.Plot) {
	_, ty := p.Transforms(&c)
	c.StrokeLine2(r.style, c.Min.X, ty(r.y), c.Max.X, ty(r.y))
}

// trimFloat formats v with at most one decimal, without a trailing .0.
func trimFloat(v float64) string {
	r := math.Round(v*10) / 10
	if r == math.Trunc(r) {
		return formatInt(int(r))
	}
	s := formatInt(int(math.Trunc(r)))
	return s + "." + strconv.Itoa(int(math.Round(math.Abs(r-math.Trunc(r))*10)))
}
