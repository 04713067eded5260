package static

import (
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// seriesValue is s.Values[i], 0 where missing or not a finite number.
func seriesValue(s model.Series, i int) float64 {
	if i < 0 || i >= len(s.Values) {
		return 0
	}
	v := s.Values[i]
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func seriesLen(ss []model.Series) int {
	n := 0
	for _, s := range ss {
		n = max(n, len(s.Values))
	}
	return n
}

// xAt is x[i], or i when x has no such element.
func xAt(x []float64, i int) float64 {
	if i < len(x) {
		return x[i]
	}
	return float64(i)
}

// StackedAreaPlotter is a plot.Plotter that stacks series as filled
// areas, the first at the bottom, over X (x = 0, 1, … — one per release —
// where X is nil). Negative values count as 0.
type StackedAreaPlotter struct {
	Series []model.Series
	Theme  *Theme
	// Line is the width of the line between areas.
	Line vg.Length
	// X is the x of each value (days since 1970 for a date axis); nil for
	// 0, 1, ….
	X []float64
}

func (s *StackedAreaPlotter) len() int {
	return seriesLen(s.Series)
}

// stack is the cumulative top of every series at every x.
func (s *StackedAreaPlotter) stack() [][]float64 {
	n := s.len()
	tops := make([][]float64, len(s.Series))
	below := make([]float64, n)
	for k, sr := range s.Series {
		tops[k] = make([]float64, n)
		for i := range n {
			below[i] += math.Max(0, seriesValue(sr, i))
			tops[k][i] = below[i]
		}
	}
	return tops
}

// DataRange implements plot.DataRanger.
func (s *StackedAreaPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	tops := s.stack()
	if len(tops) > 0 {
		for _, v := range tops[len(tops)-1] {
			ymax = math.Max(ymax, v)
		}
	}
	return xAt(s.X, 0), xAt(s.X, max(0, s.len()-1)), 0, ymax
}

// Plot implements plot.Plotter.
func (s *StackedAreaPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := s.Theme
	if th == nil {
		th = Light
	}
	n := s.len()
	if n == 0 {
		return
	}
	tx, ty := p.Transforms(&c)
	tops := s.stack()
	prev := make([]float64, n)
	for k, sr := range s.Series {
		pts := make([]vg.Point, 0, 2*n)
		for i := range n {
			pts = append(pts, vg.Point{X: tx(xAt(s.X, i)), Y: ty(tops[k][i])})
		}
		if n == 1 { // one release: a bar of the plot's width
			pts = []vg.Point{{X: c.Min.X, Y: ty(tops[k][0])}, {X: c.Max.X, Y: ty(tops[k][0])}}
			pts = append(pts, vg.Point{X: c.Max.X, Y: ty(prev[0])}, vg.Point{X: c.Min.X, Y: ty(prev[0])})
		} else {
			for i := n - 1; i >= 0; i-- {
				pts = append(pts, vg.Point{X: tx(xAt(s.X, i)), Y: ty(prev[i])})
			}
		}
		c.FillPolygon(hexColor(sr.Color, th.Neutral), pts)
		copy(prev, tops[k])
	}
	if s.Line > 0 && n > 1 {
		for k := range s.Series[:len(s.Series)-1] {
			line := make([]vg.Point, n)
			for i := range n {
				line[i] = vg.Point{X: tx(xAt(s.X, i)), Y: ty(tops[k][i])}
			}
			c.StrokeLines(draw.LineStyle{Color: th.Background, Width: s.Line}, line)
		}
	}
}

// LinesPlotter is a plot.Plotter that draws series as lines with a dot
// per value over X (x = 0, 1, … — one per release — where X is nil).
type LinesPlotter struct {
	Series []model.Series
	Theme  *Theme
	Width  vg.Length
	Dot    vg.Length // radius; 0 for none
	X      []float64 // as StackedAreaPlotter.X
	// SkipLeadingZeros starts a line at its first value that is not 0:
	// a category that did not exist yet has no line.
	SkipLeadingZeros bool
}

// DataRange implements plot.DataRanger.
func (l *LinesPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	n := seriesLen(l.Series)
	for _, s := range l.Series {
		for i := range n {
			ymax = math.Max(ymax, seriesValue(s, i))
			ymin = math.Min(ymin, seriesValue(s, i))
		}
	}
	return xAt(l.X, 0), xAt(l.X, max(0, n-1)), ymin, ymax
}

// Plot implements plot.Plotter. The first series is drawn last, on top.
func (l *LinesPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	th := l.Theme
	if th == nil {
		th = Light
	}
	n := seriesLen(l.Series)
	tx, ty := p.Transforms(&c)
	for k := len(l.Series) - 1; k >= 0; k-- {
		s := l.Series[k]
		col := hexColor(s.Color, th.Neutral)
		first := 0
		if l.SkipLeadingZeros {
			for first < n-1 && seriesValue(s, first) == 0 {
				first++
			}
		}
		pts := make([]vg.Point, 0, n)
		for i := first; i < n; i++ {
			pts = append(pts, vg.Point{X: tx(xAt(l.X, i)), Y: ty(seriesValue(s, i))})
		}
		// a halo in the background colour keeps crossing lines apart
		c.StrokeLines(draw.LineStyle{Color: th.Background, Width: l.Width + 2}, pts)
		c.StrokeLines(draw.LineStyle{Color: col, Width: l.Width}, pts)
		if l.Dot > 0 {
			for _, pt := range pts {
				c.DrawGlyphNoClip(draw.GlyphStyle{Color: th.Background, Radius: l.Dot + 1, Shape: draw.CircleGlyph{}}, pt)
				c.DrawGlyphNoClip(draw.GlyphStyle{Color: col, Radius: l.Dot, Shape: draw.CircleGlyph{}}, pt)
			}
		}
	}
}

// byLast orders series by their last value, largest first, then by name.
func byLast(ss []model.Series) []model.Series {
	out := append([]model.Series(nil), ss...)
	n := seriesLen(out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := seriesValue(out[i], n-1), seriesValue(out[j], n-1)
		if a != b {
			return a > b
		}
		return out[i].Name < out[j].Name
	})
	return out
}

func releaseName(g model.Growth, i int) string {
	if i >= 0 && i < len(g.Releases) {
		return g.Releases[i]
	}
	return "#" + strconv.Itoa(i+1)
}

func releaseNames(g model.Growth, n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = releaseName(g, i)
	}
	return names
}

func total(ss []model.Series, i int) float64 {
	var t float64
	for _, s := range ss {
		t += math.Max(0, seriesValue(s, i))
	}
	return t
}

// releaseAxis styles p's x axis as one tick per release.
func releaseAxis(f *frame, p *plot.Plot, names []string, yLabelWidth vg.Length) {
	n := len(names)
	p.X.Min, p.X.Max = 0, float64(max(1, n-1))
	avail := f.body.Max.X - f.body.Min.X - yLabelWidth
	p.X.Tick.Marker = releaseTicks(names, p.X.Tick.Label, avail)
}

// growthSpan is "N releases, first to last", with the sampling when the
// model is thinned ("1,769 releases, … (the last of each month)").
func growthSpan(g model.Growth, n int) string {
	count := n
	if g.Of > 0 {
		count = g.Of
	}
	s := formatInt(count) + " releases, " + clean(releaseName(g, 0)) + " to " + clean(releaseName(g, n-1))
	if g.Of > 0 && g.Every != "" {
		s += " (the last of each " + clean(g.Every) + ")"
	}
	return s
}

// xAxis makes p's x axis: dates when g has them (releases spaced by time),
// else one step per release. It gives the x of every release.
func xAxis(f *frame, p *plot.Plot, g model.Growth, n int, yLabelWidth vg.Length) []float64 {
	avail := f.body.Max.X - f.body.Min.X - yLabelWidth
	if g.HasDates() && len(g.Dates) == n {
		return dateAxis(p, g.Dates, avail)
	}
	releaseAxis(f, p, releaseNames(g, n), yLabelWidth)
	return nil
}

// maxGrowthDots is how many releases a line chart marks with a dot each.
const maxGrowthDots = 60

func growthAreaPage(f *frame, g model.Growth) {
	n := max(seriesLen(g.Series), len(g.Releases))
	title := g.Title
	if title == "" {
		title = "Tools per category"
	}
	sub := ""
	if n > 0 {
		sub = growthSpan(g, n) +
			" · " + formatInt(int(math.Round(total(g.Series, 0)))) + " → " + formatInt(int(math.Round(total(g.Series, n-1)))) + " tools"
	}
	f.header(title, sub)
	if n == 0 || len(g.Series) == 0 {
		f.empty("No releases.")
		return
	}
	order := byLast(g.Series) // largest at the bottom
	var items []legendItem
	for k := len(order) - 1; k >= 0; k-- { // legend top-down like the stack
		s := order[k]
		items = append(items, legendItem{Name: s.Name, Value: formatInt(int(math.Round(seriesValue(s, n-1)))), Color: hexColor(s.Color, f.th.Neutral)})
	}
	f.sideLegend(items, 0.3, false)

	p := newPlot(f.th)
	area := &StackedAreaPlotter{Series: order, Theme: f.th, Line: 0.6}
	_, _, _, ymax := area.DataRange()
	countAxis(&p.Y, ymax)
	p.Y.Label.Text = "tools"
	area.X = xAxis(f, p, g, n, 70)
	p.Add(grid(f.th, true, false), area)
	p.Draw(f.body)
}

func growthLinesPage(f *frame, g model.Growth, topK int) {
	n := max(seriesLen(g.Series), len(g.Releases))
	order := byLast(g.Series)
	if topK > 0 && topK < len(order) {
		order = order[:topK]
	}
	title := g.Title
	if title == "" {
		title = "Largest categories over time"
	}
	sub := ""
	if n > 0 {
		sub = growthSpan(g, n)
		if len(order) < len(g.Series) {
			sub += " · the " + formatInt(len(order)) + " largest of " + formatInt(len(g.Series)) + " categories"
		}
	}
	f.header(title, sub)
	if n == 0 || len(order) == 0 {
		f.empty("No releases.")
		return
	}

	// labels at the line ends instead of a legend
	ns := textStyle(legendSize, false, f.th.Text)
	vs := textStyle(legendSize, true, f.th.Text)
	type endLabel struct {
		name, value string
		col         rgba
		target, y   vg.Length
	}
	labels := make([]endLabel, len(order))
	var labelW vg.Length
	for i, s := range order {
		labels[i] = endLabel{name: clean(s.Name), value: formatInt(int(math.Round(seriesValue(s, n-1)))), col: hexColor(s.Color, f.th.Neutral)}
		labelW = max(labelW, ns.Width(labels[i].name+" ")+vs.Width(labels[i].value))
	}
	const lead = 22 // connector from the line end to the label
	labelW = min(labelW, (f.body.Max.X-f.body.Min.X)*0.3)
	plotArea := f.body
	plotArea.Max.X -= labelW + lead

	p := newPlot(f.th)
	lines := &LinesPlotter{Series: order, Theme: f.th, Width: 2.2, Dot: 2.2, SkipLeadingZeros: true}
	if n > maxGrowthDots {
		lines.Dot, lines.Width = 0, 1.8
	}
	_, _, _, ymax := lines.DataRange()
	countAxis(&p.Y, ymax)
	p.Y.Label.Text = "tools"
	lines.X = xAxis(f, p, g, n, 70+labelW)
	p.Add(grid(f.th, true, false), lines)
	p.Draw(plotArea)

	dc := p.DataCanvas(plotArea)
	_, ty := p.Transforms(&dc)
	for i, s := range order {
		labels[i].target = ty(seriesValue(s, n-1))
	}
	// top to bottom, at least a line apart, inside the plot
	idx := make([]int, len(labels))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return labels[idx[a]].target > labels[idx[b]].target })
	gap := lineHeight(ns) * 1.05
	prev := dc.Max.Y + gap
	for _, i := range idx {
		labels[i].y = min(labels[i].target, prev-gap)
		prev = labels[i].y
	}
	next := dc.Min.Y - gap
	for k := len(idx) - 1; k >= 0; k-- {
		i := idx[k]
		labels[i].y = max(labels[i].y, next+gap)
		next = labels[i].y
	}
	x := dc.Max.X + lead
	for _, l := range labels {
		f.c.StrokeLines(draw.LineStyle{Color: l.col, Width: 1.5}, []vg.Point{
			{X: dc.Max.X + 5, Y: l.target}, {X: x - 10, Y: l.y}, {X: x - 4, Y: l.y},
		})
		name, ok := fit(ns, l.name, labelW-vs.Width(" "+l.value), 4)
		st, bst := capCentred(ns), capCentred(vs)
		if ok {
			drawText(f.c, st, vg.Point{X: x, Y: l.y}, name+" ")
			drawText(f.c, bst, vg.Point{X: x + ns.Width(name+" "), Y: l.y}, l.value)
		} else {
			drawText(f.c, bst, vg.Point{X: x, Y: l.y}, l.value)
		}
	}
}
