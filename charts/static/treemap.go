package static

import (
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// Rect is an axis-aligned rectangle: X, Y its lower left corner.
type Rect struct{ X, Y, W, H float64 }

// Area is W·H.
func (r Rect) Area() float64 { return r.W * r.H }

// inset shrinks r by d on every side (not below zero size).
func (r Rect) inset(d float64) Rect {
	d = math.Min(d, math.Min(r.W, r.H)/2)
	return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d}
}

func (r Rect) vg() vg.Rectangle {
	return vg.Rectangle{
		Min: vg.Point{X: vg.Length(r.X), Y: vg.Length(r.Y)},
		Max: vg.Point{X: vg.Length(r.X + r.W), Y: vg.Length(r.Y + r.H)},
	}
}

// Squarify lays values out in bounds as rectangles whose areas are
// proportional to the values and whose aspect ratios are close to 1: the
// squarified treemap of Bruls, Huizing and van Wijk (2000). Values are
// placed largest first (ties in input order), in rows along the shorter
// side of the space left, a row growing while that improves its worst
// aspect ratio. Starting from the top left, rows fill columns left to right
// and rows top to bottom. The result is parallel to values; values that are
// not positive get an empty rectangle.
func Squarify(values []float64, bounds Rect) []Rect {
	out := make([]Rect, len(values))
	var total float64
	order := make([]int, 0, len(values))
	for i, v := range values {
		out[i] = Rect{X: bounds.X, Y: bounds.Y + bounds.H}
		if v > 0 && !math.IsInf(v, 0) {
			total += v
			order = append(order, i)
		}
	}
	if total <= 0 || bounds.W <= 0 || bounds.H <= 0 {
		return out
	}
	sort.SliceStable(order, func(a, b int) bool { return values[order[a]] > values[order[b]] })
	scale := bounds.Area() / total
	area := func(i int) float64 { return values[i] * scale }

	free := bounds
	var row []int
	var rowSum float64
	// worst is the largest aspect ratio in a row of areas summing to sum,
	// with extremes lo and hi, laid along a side of length side.
	worst := func(sum, lo, hi, side float64) float64 {
		s2, w2 := sum*sum, side*side
		return math.Max(w2*hi/s2, s2/(w2*lo))
	}
	rowMin, rowMax := math.Inf(1), 0.0
	for k := 0; k < len(order); {
		i := order[k]
		a := area(i)
		side := math.Min(free.W, free.H)
		if len(row) == 0 ||
			worst(rowSum+a, math.Min(rowMin, a), math.Max(rowMax, a), side) <= worst(rowSum, rowMin, rowMax, side) {
			row = append(row, i)
			rowSum += a
			rowMin, rowMax = math.Min(rowMin, a), math.Max(rowMax, a)
			k++
			continue
		}
		free = layoutRow(out, row, rowSum, free, area, false)
		row, rowSum, rowMin, rowMax = row[:0], 0, math.Inf(1), 0
	}
	if len(row) > 0 {
		layoutRow(out, row, rowSum, free, area, true)
	}
	return out
}

// layoutRow places row (areas summing to sum) along the shorter side of
// free and returns what is left. The last row takes all of free, so that
// rounding never leaves a sliver.
func layoutRow(out []Rect, row []int, sum float64, free Rect, area func(int) float64, last bool) Rect {
	if free.W >= free.H {
		// a column on the left, items from the top down
		w := sum / free.H
		if last || w > free.W {
			w = free.W
		}
		y := free.Y + free.H
		for n, i := range row {
			h := area(i) / sum * free.H
			if n == len(row)-1 {
				h = y - free.Y
			}
			y -= h
			out[i] = Rect{X: free.X, Y: y, W: w, H: h}
		}
		return Rect{X: free.X + w, Y: free.Y, W: free.W - w, H: free.H}
	}
	// a row along the top, items left to right
	h := sum / free.W
	if last || h > free.H {
		h = free.H
	}
	x := free.X
	for n, i := range row {
		w := area(i) / sum * free.W
		if n == len(row)-1 {
			w = free.X + free.W - x
		}
		out[i] = Rect{X: x, Y: free.Y + free.H - h, W: w, H: h}
		x += w
	}
	return Rect{X: free.X, Y: free.Y, W: free.W, H: free.H - h}
}

// TreemapPlotter is a plot.Plotter that draws a hierarchy as a squarified
// treemap: a group per category of the root (with a header strip naming it
// where there is room), inside it a block per subcategory, inside that a
// cell per tool, all sized by Node.Value. Cells are coloured by category
// and labelled with tool names (or, where no tool name fits, the block with
// its subcategory's), or coloured by the growth of their subcategory and
// the blocks labelled. Labels are drawn where they fit.
//
// It ignores the plot's axes and fills the canvas it is given.
type TreemapPlotter struct {
	Root  *model.Node
	Theme *Theme
	// ColorByGrowth colours cells by their subcategory's Growth on a
	// red–grey–green scale saturating at ±GrowthLimit.
	ColorByGrowth bool
	GrowthLimit   float64
	// Gap is the space between categories; subcategories and tools get
	// thinner gaps.
	Gap vg.Length
	// MinLabelRunes is the fewest characters a shortened label keeps.
	MinLabelRunes int
}

// NewTreemapPlotter returns a treemap of root coloured by category.
func NewTreemapPlotter(root *model.Node, th *Theme) *TreemapPlotter {
	return &TreemapPlotter{Root: root, Theme: th, GrowthLimit: 0.5, Gap: 3, MinLabelRunes: 6}
}

const headerSize = 10.5

// Plot implements plot.Plotter.
func (t *TreemapPlotter) Plot(c draw.Canvas, _ *plot.Plot) {
	th := t.Theme
	if th == nil {
		th = Light
	}
	if t.Root == nil {
		return
	}
	tv := newTreeValues(t.Root)
	cats := tv.children(t.Root)
	bounds := Rect{float64(c.Min.X), float64(c.Min.Y), float64(c.Max.X - c.Min.X), float64(c.Max.Y - c.Min.Y)}
	gap := float64(t.Gap)
	rects := Squarify(values(tv, cats), bounds)
	hs := textStyle(headerSize, true, th.Text)
	headerH := float64(headerSize) * 1.75

	var labels []placedLabel // drawn after all fills

	for ci, cat := range cats {
		r := rects[ci].inset(gap / 2)
		if r.W < 1 || r.H < 1 {
			continue
		}
		base := nodeColor(cat, th.Neutral)
		frameCol := base
		if t.ColorByGrowth {
			frameCol = th.tint(th.Neutral, 0.15)
			if th.Dark {
				frameCol = mix(th.Neutral, th.Background, 0.35)
			}
		}
		c.FillPolygon(frameCol, rectPts(r.vg()))

		// header strip with the category's name, where there is room
		body := r.inset(gap / 2)
		if r.H >= 2.6*headerH && r.W >= 40 {
			name := clean(cat.Name)
			cnt := formatInt(tv.leaves(cat, 1))
			if t.ColorByGrowth {
				cnt = percent(cat.Growth)
			}
			st := hs
			st.Color = textOn(frameCol)
			maxW := vg.Length(r.W - 2*labelPad - 4)
			txt, ok := name+"  "+cnt, st.Width(name+"  "+cnt) <= maxW
			if !ok { // the name alone, shortened if need be
				txt, ok = fit(st, name, maxW, t.MinLabelRunes)
			}
			if ok {
				labels = append(labels, placedLabel{st, vg.Point{
					X: vg.Length(r.X + labelPad + 2),
					Y: vg.Length(r.Y+r.H-headerH/2) - headerSize*capHeight/2,
				}, txt})
				body = Rect{r.X + gap/2, r.Y + gap/2, r.W - gap, r.H - headerH - gap/2}
			}
		}

		subs := tv.children(cat)
		if len(subs) == 0 { // a category of tools only
			subs = []*model.Node{cat}
		}
		srects := Squarify(values(tv, subs), body)
		for si, sub := range subs {
			sr := srects[si].inset(gap / 4)
			if sr.W < 0.5 || sr.H < 0.5 {
				continue
			}
			fillCol := th.tint(base, []float64{0.22, 0.38}[si%2])
			if t.ColorByGrowth {
				fillCol = th.growthColor(sub.Growth, t.GrowthLimit)
			}
			tools := tv.children(sub)
			if len(tools) == 0 || sub == cat && len(cat.Children) == 0 {
				tools = []*model.Node{sub}
			}
			trects := Squarify(values(tv, tools), sr)
			var toolLabels []placedLabel
			for ti, tool := range tools {
				cr := trects[ti].inset(0.35)
				if cr.W < 0.3 || cr.H < 0.3 {
					continue
				}
				c.FillPolygon(fillCol, rectPts(cr.vg()))
				if t.ColorByGrowth {
					continue // subcategories are labelled instead
				}
				if ls, ok := cellLabel(clean(tool.Name), cr, textOn(fillCol), t.MinLabelRunes); ok {
					toolLabels = append(toolLabels, ls...)
				}
			}
			switch {
			case sub == cat:
				labels = append(labels, toolLabels...)
			case t.ColorByGrowth:
				labels = append(labels, blockLabel(clean(sub.Name), percent(sub.Growth), sr, textOn(fillCol))...)
			case len(toolLabels) == 0:
				// tools too small to name: name their subcategory instead
				labels = append(labels, blockLabel(clean(sub.Name), plural(tv.leaves(sub, 2), "tool"), sr, textOn(fillCol))...)
			default:
				labels = append(labels, toolLabels...)
			}
		}
	}
	for _, l := range labels {
		drawText(c, l.st, l.pt, l.txt)
	}
}

func values(tv treeValues, nodes []*model.Node) []float64 {
	v := make([]float64, len(nodes))
	for i, n := range nodes {
		v[i] = tv[n]
	}
	return v
}

// cellSizes are the label sizes tried in a tool cell, largest first.
var cellSizes = []vg.Length{14, 11.5, 9.5, 9}

// maxCellLines is how many lines a cell label may wrap into.
const maxCellLines = 3

type placedLabel struct {
	st  text.Style
	pt  vg.Point
	txt string
}

// cellLabel puts name in the top left corner of r, wrapped at spaces into
// as many lines as fit (up to maxCellLines), in the largest size in which
// it fits whole, else shortened in the smallest size; ok is false when not
// even that fits. Large type is only used in cells that are large beyond
// their label.
func cellLabel(name string, r Rect, col rgba, minRunes int) ([]placedLabel, bool) {
	if name == "" {
		return nil, false
	}
	const pad = 3.0
	for i, size := range cellSizes {
		smallest := i == len(cellSizes)-1
		st := textStyle(size, i == 0, col)
		h := float64(labelHeight(st))
		step := float64(size) * 1.15
		if r.H < h+2*pad || r.W < 2*pad+float64(size) {
			continue
		}
		room := int((r.H-2*pad-h)/step) + 1
		lines := min(room, maxCellLines)
		if !smallest && r.H < 2.2*(h+float64(lines-1)*step) {
			lines = min(lines, max(1, int((r.H/2.2-h)/step)+1))
		}
		ls, ok := wrapGreedy(name, vg.Length(r.W-2*pad), st.Width, lines, minRunes)
		if !ok {
			continue
		}
		if !smallest && (strings.Join(ls, " ") != name) {
			continue // not whole: try a smaller size
		}
		if !smallest && r.H < 2.2*(h+float64(len(ls)-1)*step) {
			continue
		}
		out := make([]placedLabel, len(ls))
		top := r.Y + r.H - pad - float64(size)*capHeight
		for k, l := range ls {
			out[k] = placedLabel{st, vg.Point{X: vg.Length(r.X + pad), Y: vg.Length(top - float64(k)*step)}, l}
		}
		return out, true
	}
	return nil, false
}

// blockLabel centres name (wrapped) and note (on a line of its own) in r,
// where they fit: all of it, else the name alone, else nothing.
func blockLabel(name, note string, r Rect, col rgba) []placedLabel {
	const pad = 4.0
	st := textStyle(labelSize, true, col)
	ns := textStyle(labelSize, false, col)
	h := float64(labelHeight(st))
	step := float64(labelSize) * 1.18
	if r.H < h+2*pad {
		return nil
	}
	maxLines := int((r.H-2*pad-h)/step) + 1
	for _, withNote := range []bool{true, false} {
		nameLines := maxLines
		if withNote {
			nameLines--
		}
		if nameLines < 1 {
			continue
		}
		lines, ok := wrapGreedy(name, vg.Length(r.W-2*pad), st.Width, min(nameLines, 3), 6)
		if !ok {
			continue
		}
		styles := make([]text.Style, len(lines))
		for i := range styles {
			styles[i] = st
		}
		if withNote && note != "" {
			if float64(ns.Width(note)) > r.W-2*pad {
				continue
			}
			lines = append(lines, note)
			styles = append(styles, ns)
		}
		n := len(lines)
		top := r.Y + r.H/2 + float64(n-1)*step/2 // baseline-ish centre of the first line
		out := make([]placedLabel, n)
		for k, l := range lines {
			s := withAlign(capCentred(styles[k]), draw.XCenter)
			out[k] = placedLabel{s, vg.Point{X: vg.Length(r.X + r.W/2), Y: vg.Length(top - float64(k)*step)}, l}
		}
		return out
	}
	return nil
}

// percent formats a relative change: +12%, −3%, 0%.
func percent(g float64) string {
	if math.IsNaN(g) || math.IsInf(g, 0) {
		return ""
	}
	n := int(math.Round(g * 100))
	if n == 0 {
		return "±0%"
	}
	return signed(n) + "%"
}

// treemapPage lays out a treemap page filling the body.
func treemapPage(f *frame, t model.Tree) {
	if _, tools, _ := treePageHead(f, t); tools == 0 {
		return
	}
	tp := NewTreemapPlotter(t.Root, f.th)
	p := newPlot(f.th)
	hideAxes(p)
	p.Add(tp)
	p.Draw(f.body)
}
