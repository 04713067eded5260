package static

import (
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// ChurnPlotter is a plot.Plotter of diverging horizontal bars: per row,
// Added to the right of zero and Removed to the left, with the counts at
// the bar ends. Row 0 is at the top, at y = len-1; rows are one unit apart.
type ChurnPlotter struct {
	Added, Removed []int
	Theme          *Theme
	// BarWidth is the bar thickness as a fraction of a row.
	BarWidth float64
	// Labels draws the counts at the bar ends.
	Labels bool
}

func (b *ChurnPlotter) rows() int { return max(len(b.Added), len(b.Removed)) }

func at(v []int, i int) int {
	if i < len(v) && v[i] > 0 {
		return v[i]
	}
	return 0
}

// DataRange implements plot.DataRanger.
func (b *ChurnPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	for i := range b.rows() {
		xmin = math.Min(xmin, -float64(at(b.Removed, i)))
		xmax = math.Max(xmax, float64(at(b.Added, i)))
	}
	return xmin, xmax, -0.5, float64(b.rows()) - 0.5
}

// Plot implements plot.Plotter.
func (b *ChurnPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := b.Theme
	if th == nil {
		th = Light
	}
	tx, ty := p.Transforms(&c)
	n := b.rows()
	bw := b.BarWidth
	if bw <= 0 || bw > 1 {
		bw = 0.64
	}
	rowH := ty(1) - ty(0)
	size := min(vg.Length(labelSize), max(7, rowH*0.55))
	ls := capCentred(textStyle(size, false, th.Muted))
	right := withAlign(ls, draw.XRight)
	zero := tx(0)
	for i := range n {
		y := float64(n - 1 - i)
		y0, y1 := ty(y-bw/2), ty(y+bw/2)
		mid := ty(y)
		if a := at(b.Added, i); a > 0 {
			x := tx(float64(a))
			c.FillPolygon(th.Added, rectPts(vg.Rectangle{Min: vg.Point{X: zero, Y: y0}, Max: vg.Point{X: x, Y: y1}}))
			if b.Labels {
				drawText(c, ls, vg.Point{X: x + 4, Y: mid}, signed(a))
			}
		}
		if r := at(b.Removed, i); r > 0 {
			x := tx(float64(-r))
			c.FillPolygon(th.Removed, rectPts(vg.Rectangle{Min: vg.Point{X: x, Y: y0}, Max: vg.Point{X: zero, Y: y1}}))
			if b.Labels {
				drawText(c, right, vg.Point{X: x - 4, Y: mid}, signed(-r))
			}
		}
	}
	c.StrokeLine2(draw.LineStyle{Color: th.Axis, Width: 1}, zero, c.Min.Y, zero, c.Max.Y)
}

// churnRow is one category of a churn chart.
type churnRow struct {
	name           string
	added, removed int
}

func churnPage(f *frame, ch model.Churn) {
	var rows []churnRow
	var added, removed int
	for i, name := range ch.Categories {
		r := churnRow{name: clean(name), added: at(ch.Added, i), removed: at(ch.Removed, i)}
		added += r.added
		removed += r.removed
		if r.added+r.removed > 0 {
			rows = append(rows, r)
		}
	}
	// busiest first
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].added+rows[i].removed, rows[j].added+rows[j].removed
		if a != b {
			return a > b
		}
		if rows[i].added != rows[j].added {
			return rows[i].added > rows[j].added
		}
		return rows[i].name < rows[j].name
	})
	title := ch.Title
	if title == "" {
		title = "Tools added and removed"
	}
	sub := ""
	if ch.Previous != "" || ch.Release != "" {
		sub = clean(ch.Previous) + " → " + clean(ch.Release) + " · "
	}
	sub += signed(added) + " added, " + signed(-removed) + " removed, net " + signedOrZero(added-removed)
	if quiet := len(ch.Categories) - len(rows); quiet == 1 {
		sub += " · 1 category unchanged"
	} else if quiet > 1 {
		sub += " · " + formatInt(quiet) + " categories unchanged"
	}
	f.header(title, sub)
	f.inlineLegend([]legendItem{
		{Name: "added", Color: f.th.Added},
		{Name: "removed", Color: f.th.Removed},
	})
	if len(rows) == 0 {
		f.empty("No tools added or removed.")
		return
	}

	p := newPlot(f.th)
	bars := &ChurnPlotter{Theme: f.th, Labels: true}
	for _, r := range rows {
		bars.Added = append(bars.Added, r.added)
		bars.Removed = append(bars.Removed, r.removed)
	}
	p.Add(grid(f.th, false, true), bars)

	// x: counts on one scale both sides, with room for the end labels
	maxA, maxR := 0, 0
	for _, r := range rows {
		maxA, maxR = max(maxA, r.added), max(maxR, r.removed)
	}
	span := float64(maxA + maxR)
	step := niceStep(math.Max(1, span), 5, true)
	limit := func(m int) float64 {
		if m == 0 {
			return step // room for the other side's look
		}
		l := math.Ceil(float64(m)/step-1e-9) * step
		if l < float64(m)+span*0.05 {
			l += step
		}
		return l
	}
	p.X.Min, p.X.Max = -limit(maxR), limit(maxA)
	p.X.Tick.Marker = countTicks{step: step, abs: true}
	p.X.Label.Text = "← removed · added →"

	// y: category names, shortened to at most a third of the width
	bh := f.body.Max.Y - f.body.Min.Y
	rowH := bh / vg.Length(len(rows)+1)
	size := min(vg.Length(tickSize), max(7, rowH*0.62))
	ts := textStyle(size, false, f.th.Text)
	p.Y.Tick.Label.Font = ts.Font
	p.Y.Tick.Label.Color = f.th.Text
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	maxW := (f.body.Max.X - f.body.Min.X) / 3
	ticks := make(plot.ConstantTicks, len(rows))
	for i, r := range rows {
		name, _ := fit(ts, r.name, maxW, 1)
		ticks[i] = plot.Tick{Value: float64(len(rows) - 1 - i), Label: name}
	}
	p.Y.Tick.Marker = ticks
	p.Y.Padding = vg.Points(4)
	p.Draw(f.body)
}

func signedOrZero(n int) string {
	if n == 0 {
		return "0"
	}
	return signed(n)
}
