package static

import (
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// CategoryBarsPlotter is a plot.Plotter of horizontal bars, one per row
// (row 0 at the top, at y = len-1), each in its own colour, with its value
// at the bar's end.
type CategoryBarsPlotter struct {
	Values []float64
	Colors []rgba
	Theme  *Theme
	// BarWidth is the bar thickness as a fraction of a row.
	BarWidth float64
}

// DataRange implements plot.DataRanger.
func (b *CategoryBarsPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	for _, v := range b.Values {
		xmax = math.Max(xmax, v)
	}
	return 0, xmax, -0.5, float64(len(b.Values)) - 0.5
}

// Plot implements plot.Plotter.
func (b *CategoryBarsPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := b.Theme
	if th == nil {
		th = Light
	}
	tx, ty := p.Transforms(&c)
	n := len(b.Values)
	bw := b.BarWidth
	if bw <= 0 || bw > 1 {
		bw = 0.66
	}
	rowH := ty(1) - ty(0)
	size := min(vg.Length(labelSize), max(7, rowH*0.55))
	ls := capCentred(textStyle(size, false, th.Muted))
	zero := tx(0)
	for i, v := range b.Values {
		if v <= 0 {
			continue
		}
		y := float64(n - 1 - i)
		x := tx(v)
		col := th.Neutral
		if i < len(b.Colors) {
			col = b.Colors[i]
		}
		c.FillPolygon(col, rectPts(vg.Rectangle{Min: vg.Point{X: zero, Y: ty(y - bw/2)}, Max: vg.Point{X: x, Y: ty(y + bw/2)}}))
		drawText(c, ls, vg.Point{X: x + 4, Y: ty(y)}, formatInt(int(math.Round(v))))
	}
	c.StrokeLine2(draw.LineStyle{Color: th.Axis, Width: 1}, zero, c.Min.Y, zero, c.Max.Y)
}

// CategoryBars draws a flat catalog — categories holding tools, no
// subcategories, as an awesome list is — as one bar per category, largest
// at the top, in the category's colour, with its tool count: where a
// sunburst would have a single ring of thin sectors, bars compare the
// categories at a glance. Sunburst draws a flat tree this way (model.Tree.Flat).
func CategoryBars(w io.Writer, t model.Tree, o Options) error {
	return render(w, o, func(f *frame) { categoryBarsPage(f, t) })
}

func categoryBarsPage(f *frame, t model.Tree) {
	tv, tools, cats := treePageHead(f, t)
	if tools == 0 {
		return
	}
	p := newPlot(f.th)
	bars := &CategoryBarsPlotter{Theme: f.th}
	maxV := 0.0
	for _, c := range cats { // largest first
		v := float64(tv.leaves(c, 1))
		bars.Values = append(bars.Values, v)
		bars.Colors = append(bars.Colors, nodeColor(c, f.th.Neutral))
		maxV = math.Max(maxV, v)
	}
	p.Add(grid(f.th, false, true), bars)
	// x: tools, with room for the count at the longest bar's end
	step := niceStep(math.Max(1, maxV), 5, true)
	p.X.Min = 0
	p.X.Max = math.Ceil(maxV*1.08/step-1e-9) * step
	p.X.Tick.Marker = countTicks{step: step}
	p.X.Label.Text = "tools"

	// y: category names, shortened to at most a third of the width
	n := len(cats)
	bh := f.body.Max.Y - f.body.Min.Y
	rowH := bh / vg.Length(n+1)
	size := min(vg.Length(tickSize), max(6, rowH*0.62))
	ts := textStyle(size, false, f.th.Text)
	p.Y.Tick.Label.Font = ts.Font
	p.Y.Tick.Label.Color = f.th.Text
	p.Y.Min, p.Y.Max = -0.5, float64(n)-0.5
	maxW := (f.body.Max.X - f.body.Min.X) / 3
	// where rows are thinner than a line of text, every other name (the
	// bars keep their order and colours)
	every := max(1, int(math.Ceil(float64(labelHeight(ts))/float64(max(rowH, 1)))))
	ticks := make(plot.ConstantTicks, 0, n)
	for i, c := range cats {
		label := ""
		if i%every == 0 {
			label, _ = fit(ts, clean(c.Name), maxW, 1)
		}
		ticks = append(ticks, plot.Tick{Value: float64(n - 1 - i), Label: label})
	}
	p.Y.Tick.Marker = ticks
	p.Y.Padding = vg.Points(4)
	p.Draw(f.body)
}
