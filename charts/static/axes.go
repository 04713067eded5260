package static

import (
	"math"
	"strconv"
	"time"

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
			ts = append(ts, plot.Tick{Value: v, Label: strconv.Itoa(int(math.Round(v*100))) + "%"})
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

// dayNumber is d as days since 1970-01-01 (its calendar date, in UTC): the x
// of a date axis.
func dayNumber(d time.Time) float64 {
	return float64(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix()) / 86400
}

// dateSteps are the month steps a date axis labels at, finest first, each
// with the step of its unlabelled minor ticks (0 for none).
var dateSteps = []struct{ months, minor int }{
	{1, 0}, {2, 1}, {3, 1}, {6, 3}, {12, 3}, {24, 12}, {60, 12}, {120, 60},
}

// dateAxis makes p's x axis a time axis from the first to the last date
// (x in days, see dayNumber), with the release dates as x: labels at the
// first of every k-th month ("2024-03"), or of every year ("2024") when k is
// 12 or more, k the smallest step whose labels fit in a width of avail;
// unlabelled minor ticks between. A span too short for two labels is
// labelled with its first and last dates.
func dateAxis(p *plot.Plot, dates []time.Time, avail vg.Length) []float64 {
	xs := make([]float64, len(dates))
	for i, d := range dates {
		xs[i] = dayNumber(d)
	}
	lo, hi := xs[0], xs[len(xs)-1]
	if hi-lo < 1 { // one date: a month around it
		lo, hi = lo-15, hi+15
	}
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Marker = dateTicks{style: p.X.Tick.Label, avail: avail, first: dates[0], last: dates[len(dates)-1]}
	return xs
}

// dateTicks labels a date axis (see dateAxis).
type dateTicks struct {
	style       text.Style
	avail       vg.Length
	first, last time.Time
}

func (t dateTicks) Ticks(min, max float64) []plot.Tick {
	span := max - min
	if span <= 0 {
		return nil
	}
	start := time.Unix(int64(min*86400), 0).UTC()
	month := func(k int) float64 { // the first of the k-th month from start's
		return dayNumber(time.Date(start.Year(), start.Month()+time.Month(k), 1, 0, 0, 0, 0, time.UTC))
	}
	for _, st := range dateSteps {
		label := "2006-01"
		if st.months >= 12 {
			label = "2006"
		}
		w := t.style.Width(label) + vg.Points(2*tickSize)
		if vg.Length(span/(float64(st.months)*30.44))*w > t.avail && st.months != dateSteps[len(dateSteps)-1].months {
			continue
		}
		var ticks []plot.Tick
		labelled := 0
		for k := 0; ; k++ {
			x := month(k)
			if x > max+1e-9 {
				break
			}
			if x < min-1e-9 {
				continue
			}
			d := time.Unix(int64(x*86400), 0).UTC()
			m := d.Year()*12 + int(d.Month()) - 1
			switch {
			case m%st.months == 0:
				ticks = append(ticks, plot.Tick{Value: x, Label: d.Format(label)})
				labelled++
			case st.minor > 0 && m%st.minor == 0:
				ticks = append(ticks, plot.Tick{Value: x})
			}
		}
		if labelled >= 2 {
			return ticks
		}
		// too short for two labels: its ends, and the ticks without labels
		for i := range ticks {
			ticks[i].Label = ""
		}
		ticks = append(ticks, plot.Tick{Value: dayNumber(t.first), Label: t.first.Format("2006-01-02")})
		if dayNumber(t.last) != dayNumber(t.first) {
			ticks = append(ticks, plot.Tick{Value: dayNumber(t.last), Label: t.last.Format("2006-01-02")})
		}
		return ticks
	}
	return nil
}
