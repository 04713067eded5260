package static

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// newPlot is a gonum plot styled for th: no background (the frame paints
// it), no title (the frame draws it), quiet axes.
func newPlot(th *Theme) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = nil
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = th.Axis
		a.Width = vg.Points(0.8)
		a.Padding = 0
		a.Tick.Color = th.Axis
		a.Tick.Width = vg.Points(0.8)
		a.Tick.Length = vg.Points(4)
		ls := textStyle(tickSize, false, th.Muted)
		a.Tick.Label.Color = ls.Color
		a.Tick.Label.Font = ls.Font
		a.Tick.Label.Handler = ls.Handler
		a.Label.TextStyle.Color = th.Muted
		a.Label.TextStyle.Font = sansFont(axisSize, false)
		a.Label.Padding = vg.Points(6)
	}
	// value axes read best without a spine; gridlines carry them
	p.Y.Width = 0
	p.Y.Tick.Length = 0
	p.Legend.TextStyle.Color = th.Text
	return p
}

func hideAxes(p *plot.Plot) {
	p.HideAxes()
	p.X.Padding, p.Y.Padding = 0, 0
}

// grid is horizontal and/or vertical gridlines at the major ticks.
func grid(th *Theme, horizontal, vertical bool) *plotter.Grid {
	g := plotter.NewGrid()
	ls := draw.LineStyle{Color: th.Grid, Width: vg.Points(0.8)}
	g.Horizontal, g.Vertical = ls, ls
	if !horizontal {
		g.Horizontal.Color = nil
	}
	if !vertical {
		g.Vertical.Color = nil
	}
	return g
}

// niceStep is a 1, 2 or 5 × 10^k step giving about n intervals over span;
// at least 1 when integer is set.
func niceStep(span float64, n int, integer bool) float64 {
	if span <= 0 || n < 1 {
		return 1
	}
	raw := span / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag * 10
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if integer && m == 2.5 && mag < 10 {
			continue
		}
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	if integer && step < 1 {
		step = 1
	}
	return step
}

// countTicks labels multiples of step as integers; abs labels |v| (for
// diverging axes).
type countTicks struct {
	step float64
	abs  bool
}

func (t countTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	start := math.Ceil(min/t.step-1e-9) * t.step
	for v := start; v <= max+t.step*1e-9; v += t.step {
		n := int(math.Round(v))
		if t.abs && n < 0 {
			n = -n
		}
		ts = append(ts, plot.Tick{Value: v, Label: formatInt(n)})
	}
	return ts
}

// countAxis sets a to 0 … a nice round number ≥ max with integer ticks.
func countAxis(a *plot.Axis, max float64) {
	if max <= 0 || math.IsNaN(max) || math.IsInf(max, 0) {
		max = 1
	}
	step := niceStep(max, 5, true)
	a.Min = 0
	a.Max = math.Ceil(max/step-1e-9) * step
	if a.Max < max*1.04 { // breathing room above the top value
		a.Max += step
	}
	a.Tick.Marker = countTicks{step: step}
}

// percentTicks labels 0 … 1 as 0% … 100%.
type percentTicks struct{ step float64 }

func (t percentTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for i := 0; ; i++ {
		v := float64(i) * t.step
		if v > max+1e-9 {
			break
		}
		if v >= min-1e-9 {
			ts = append(ts, plot.Tick{Value: v, Label: itoa(int(math.Round(v*100))) + "%"})
		}
	}
	return ts
}

// maxReleaseLabel is the widest a release name on an axis may be.
const maxReleaseLabel = 90

// releaseTicks labels the integers 0 … len(names)-1 with names, keeping
// every k-th label (and always the last) so that labels of style s do not
// collide in a data width of avail.
func releaseTicks(names []string, s text.Style, avail vg.Length) plot.ConstantTicks {
	n := len(names)
	if n == 0 {
		return nil
	}
	labels := make([]string, n)
	var widest vg.Length
	for i, nm := range names {
		labels[i], _ = fit(s, clean(nm), maxReleaseLabel, 1)
		widest = max(widest, s.Width(labels[i]))
	}
	spacing := avail
	if n > 1 {
		spacing = avail / vg.Length(n-1)
	}
	need := widest + vg.Points(tickSize)
	k := 1
	for k < n && spacing*vg.Length(k) < need {
		k++
	}
	ticks := make(plot.ConstantTicks, 0, n)
	for i := range n {
		t := plot.Tick{Value: float64(i)}
		// the last label is kept; the one before it goes if too close
		if i == n-1 || (i%k == 0 && (n-1-i) >= k) {
			t.Label = labels[i]
		}
		ticks = append(ticks, t)
	}
	return ticks
}
