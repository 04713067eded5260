package static

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Type sizes in points, chosen to be readable when a 1200 px wide image is
// shown in a blog column (roughly 700 px wide).
const (
	titleSize    = 20
	subtitleSize = 12.5
	legendSize   = 11.5
	tickSize     = 11.5
	axisSize     = 11.5
	labelSize    = 10.5
	smallSize    = 9.5
)

// frame is the page a chart is drawn on: a header (title, subtitle, maybe
// a legend) and a body, optionally with a legend panel on its right.
type frame struct {
	c      draw.Canvas
	th     *Theme
	margin vg.Length
	body   draw.Canvas
	// header geometry, for a legend on the subtitle line
	subBaseline vg.Length
	subRight    vg.Length
}

func newFrame(c draw.Canvas, th *Theme) *frame {
	m := vg.Points(22)
	f := &frame{c: c, th: th, margin: m}
	f.body = draw.Crop(c, m, -m, m, -m)
	return f
}

// header draws the title and subtitle and takes them off the body.
func (f *frame) header(title, subtitle string) {
	x := f.c.Min.X + f.margin
	maxW := f.c.Max.X - f.c.Min.X - 2*f.margin
	y := f.c.Max.Y - f.margin
	ts := textStyle(titleSize, true, f.th.Text)
	if t, ok := fit(ts, clean(title), maxW, 1); ok {
		y -= vg.Points(titleSize * capHeight)
		drawText(f.c, ts, vg.Point{X: x, Y: y}, t)
		y -= vg.Points(titleSize * 0.3)
	}
	ss := textStyle(subtitleSize, false, f.th.Muted)
	y -= vg.Points(subtitleSize * 1.25)
	f.subBaseline = y
	f.subRight = x
	if s, ok := fit(ss, clean(subtitle), maxW, 1); ok {
		drawText(f.c, ss, vg.Point{X: x, Y: y}, s)
		f.subRight = x + ss.Width(s)
	}
	y -= vg.Points(subtitleSize * 0.3)
	f.body.Max.Y = y - vg.Points(14)
}

// legendItem is one entry of a legend.
type legendItem struct {
	Name  string
	Value string // right-aligned after the name; may be empty
	Color color.Color
	Line  bool // a line swatch instead of a square
}

func (f *frame) swatch(c draw.Canvas, it legendItem, x, yMid, size vg.Length) {
	if it.Line {
		c.StrokeLine2(draw.LineStyle{Color: it.Color, Width: vg.Points(2.5)}, x, yMid, x+size*1.4, yMid)
		return
	}
	r := vg.Rectangle{Min: vg.Point{X: x, Y: yMid - size/2}, Max: vg.Point{X: x + size, Y: yMid + size/2}}
	c.FillPolygon(it.Color, rectPts(r))
}

func swatchWidth(it legendItem, size vg.Length) vg.Length {
	if it.Line {
		return size * 1.4
	}
	return size
}

// inlineLegend draws items in a row right-aligned on the subtitle line when
// there is room, else on a line of its own under the header. It returns
// false (drawing nothing) when even a line of its own is too narrow.
func (f *frame) inlineLegend(items []legendItem) bool {
	if len(items) == 0 {
		return true
	}
	ns := textStyle(legendSize, false, f.th.Text)
	vs := textStyle(legendSize, true, f.th.Text)
	sw := vg.Points(legendSize * 0.85)
	gap := vg.Points(legendSize * 1.4)
	widths := make([]vg.Length, len(items))
	var total vg.Length
	for i, it := range items {
		w := swatchWidth(it, sw) + vg.Points(5) + ns.Width(clean(it.Name))
		if it.Value != "" {
			w += vg.Points(5) + vs.Width(it.Value)
		}
		widths[i] = w
		total += w
	}
	total += gap * vg.Length(len(items)-1)
	right := f.c.Max.X - f.margin
	y := f.subBaseline
	x := right - total
	if x < f.subRight+gap {
		// own line
		if total > right-(f.c.Min.X+f.margin) {
			return false
		}
		y = f.body.Max.Y - vg.Points(legendSize*0.4)
		x = f.c.Min.X + f.margin
		f.body.Max.Y = y - vg.Points(legendSize*1.4)
	}
	for i, it := range items {
		mid := y + vg.Points(legendSize*capHeight/2)
		f.swatch(f.c, it, x, mid, sw)
		tx := x + swatchWidth(it, sw) + vg.Points(5)
		name := clean(it.Name)
		drawText(f.c, ns, vg.Point{X: tx, Y: y}, name)
		if it.Value != "" {
			drawText(f.c, vs, vg.Point{X: tx + ns.Width(name) + vg.Points(5), Y: y}, it.Value)
		}
		x += widths[i] + gap
	}
	return true
}

// panelLegend draws items as a column on the right of the body, at most
// maxFrac of its width, and takes that off the body. Names that are too
// long are shortened; items that do not fit in the height are summed up in
// a last "+n more" line. title may be empty.
func (f *frame) panelLegend(title string, items []legendItem, maxFrac float64, centre bool) {
	if len(items) == 0 {
		return
	}
	b := f.body
	bw, bh := b.Max.X-b.Min.X, b.Max.Y-b.Min.Y
	size := vg.Length(legendSize)
	var ns, vs, hs text.Style
	var row vg.Length
	var rows int
	for {
		ns = textStyle(size, false, f.th.Text)
		vs = withAlign(textStyle(size, false, f.th.Muted), draw.XRight)
		hs = textStyle(size, true, f.th.Text)
		row = size * 1.65
		avail := bh
		if title != "" {
			avail -= row * 1.2
		}
		rows = int(math.Floor(float64(avail / row)))
		if rows >= len(items) || size <= 9.5 {
			break
		}
		size -= 0.5
	}
	if rows < 1 {
		return
	}
	sw := size * 0.85
	pad := vg.Points(6)
	var nameW, valW vg.Length
	for _, it := range items {
		nameW = max(nameW, ns.Width(clean(it.Name)))
		if it.Value != "" {
			valW = max(valW, vs.Width(it.Value))
		}
	}
	lead := sw*1.4 + pad
	valGap := vg.Length(0)
	if valW > 0 {
		valGap = pad * 2
	}
	width := lead + nameW + valGap + valW
	if title != "" {
		width = max(width, hs.Width(clean(title)))
	}
	maxW := bw * vg.Length(maxFrac)
	if width > maxW {
		nameW -= width - maxW
		width = maxW
	}
	shown := items
	more := 0
	if len(items) > rows {
		shown = items[:rows-1]
		more = len(items) - len(shown)
	}
	lines := len(shown)
	if more > 0 {
		lines++
	}
	height := row * vg.Length(lines)
	if title != "" {
		height += row * 1.2
	}
	x0 := b.Max.X - width
	y := b.Max.Y
	if centre {
		y = b.Min.Y + (bh+height)/2
	}
	if title != "" {
		t, _ := fit(hs, clean(title), width, 1)
		drawText(f.c, hs, vg.Point{X: x0, Y: y - size*capHeight - (row-size)/2}, t)
		y -= row * 1.2
	}
	for _, it := range shown {
		mid := y - row/2
		f.swatch(f.c, it, x0, mid, sw)
		base := mid - size*capHeight/2
		if name, ok := fit(ns, clean(it.Name), nameW, 3); ok {
			drawText(f.c, ns, vg.Point{X: x0 + lead, Y: base}, name)
		}
		if it.Value != "" {
			drawText(f.c, vs, vg.Point{X: b.Max.X, Y: base}, it.Value)
		}
		y -= row
	}
	if more > 0 {
		ms := textStyle(size, false, f.th.Muted)
		drawText(f.c, ms, vg.Point{X: x0 + lead, Y: y - row/2 - size*capHeight/2}, "+"+strconv.Itoa(more)+" more")
	}
	f.body.Max.X = x0 - vg.Points(18)
}

// sideLegend is panelLegend on a wide body, gridLegend on a tall one.
func (f *frame) sideLegend(items []legendItem, maxFrac float64, centre bool) {
	b := f.body
	if (b.Max.X-b.Min.X)/(b.Max.Y-b.Min.Y) < 1.3 {
		f.gridLegend(items)
		return
	}
	f.panelLegend("", items, maxFrac, centre)
}

// gridLegend draws items in columns under the body and takes them off it,
// using at most a third of its height; the rest are summed up as "+n more".
func (f *frame) gridLegend(items []legendItem) {
	if len(items) == 0 {
		return
	}
	b := f.body
	bw, bh := b.Max.X-b.Min.X, b.Max.Y-b.Min.Y
	size := vg.Length(legendSize)
	ns := textStyle(size, false, f.th.Text)
	vs := withAlign(textStyle(size, false, f.th.Muted), draw.XRight)
	row := size * 1.65
	sw := size * 0.85
	pad := vg.Points(6)
	lead := sw*1.4 + pad
	var nameW, valW vg.Length
	for _, it := range items {
		nameW = max(nameW, ns.Width(clean(it.Name)))
		valW = max(valW, vs.Width(it.Value))
	}
	colGap := vg.Points(24)
	colW := min(lead+nameW+pad*2+valW, bw/2-colGap)
	cols := max(1, int((bw+colGap)/(colW+colGap)))
	rows := (len(items) + cols - 1) / cols
	maxRows := max(1, int(bh/3/row))
	shown, more := items, 0
	if rows > maxRows {
		rows = maxRows
		shown = items[:rows*cols-1]
		more = len(items) - len(shown)
	}
	// spread the columns over the width
	colW = (bw - colGap*vg.Length(cols-1)) / vg.Length(cols)
	top := b.Min.Y + row*vg.Length(rows)
	for i, it := range shown {
		col, r := i/rows, i%rows // fill down the columns
		x := b.Min.X + vg.Length(col)*(colW+colGap)
		mid := top - row*vg.Length(r) - row/2
		f.swatch(f.c, it, x, mid, sw)
		base := mid - size*capHeight/2
		vw := vg.Length(0)
		if it.Value != "" {
			drawText(f.c, vs, vg.Point{X: x + colW, Y: base}, it.Value)
			vw = vs.Width(it.Value) + pad*2
		}
		if name, ok := fit(ns, clean(it.Name), colW-lead-vw, 3); ok {
			drawText(f.c, ns, vg.Point{X: x + lead, Y: base}, name)
		}
	}
	if more > 0 {
		i := len(shown)
		x := b.Min.X + vg.Length(i/rows)*(colW+colGap)
		mid := top - row*vg.Length(i%rows) - row/2
		ms := textStyle(size, false, f.th.Muted)
		drawText(f.c, ms, vg.Point{X: x + lead, Y: mid - size*capHeight/2}, "+"+strconv.Itoa(more)+" more")
	}
	f.body.Min.Y = top + vg.Points(14)
}

// empty writes msg in the middle of the body, for a model with nothing to draw.
func (f *frame) empty(msg string) {
	s := withAlign(capCentred(textStyle(subtitleSize, false, f.th.Muted)), draw.XCenter)
	drawText(f.body, s, f.body.Center(), msg)
}

func rectPts(r vg.Rectangle) []vg.Point {
	return []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}}
}
