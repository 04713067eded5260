package static

import (
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
)

// FlowsPlotter is a plot.Plotter of a two-column flow chart: the source
// categories as a column of bars on the left, the destinations on the
// right, each bar as tall as its tools, and a band per flow between them
// as wide as the tools that moved. Labels are drawn beside the bars where
// they do not collide. Flows from or to "" are tools that were added or
// removed.
//
// It ignores the plot's axes and fills the canvas it is given.
type FlowsPlotter struct {
	Flows []model.Flow
	Theme *Theme
	// Color is the colour of a category; nil for palette.New over the
	// categories in Flows.
	Color func(category string) color.Color
	// LeftTitle and RightTitle head the columns (release names).
	LeftTitle, RightTitle string
	// BarWidth and Gap are the width of the bars and the space between
	// bars in a column.
	BarWidth, Gap vg.Length
}

// flowNode is a bar: a category in one column.
type flowNode struct {
	name  string
	tools int
	y0    vg.Length // top
	h     vg.Length
}

// flowLayout orders the categories of both columns the same way (largest
// total first, then by name) so that tools that stay do not cross.
func flowLayout(flows []model.Flow) (left, right []*flowNode, links []model.Flow) {
	total := map[string]int{}
	l, r := map[string]*flowNode{}, map[string]*flowNode{}
	seen := map[[2]string]int{} // duplicates are summed
	for _, fl := range flows {
		if fl.Tools <= 0 {
			continue
		}
		k := [2]string{clean(fl.From), clean(fl.To)}
		if i, ok := seen[k]; ok {
			links[i].Tools += fl.Tools
			continue
		}
		seen[k] = len(links)
		links = append(links, model.Flow{From: k[0], To: k[1], Tools: fl.Tools})
	}
	for _, fl := range links {
		total[fl.From] += fl.Tools
		total[fl.To] += fl.Tools
		if l[fl.From] == nil {
			l[fl.From] = &flowNode{name: fl.From}
			left = append(left, l[fl.From])
		}
		if r[fl.To] == nil {
			r[fl.To] = &flowNode{name: fl.To}
			right = append(right, r[fl.To])
		}
		l[fl.From].tools += fl.Tools
		r[fl.To].tools += fl.Tools
	}
	less := func(ns []*flowNode) func(i, j int) bool {
		return func(i, j int) bool {
			a, b := ns[i], ns[j]
			// added/removed ("") go last
			if (a.name == "") != (b.name == "") {
				return b.name == ""
			}
			if total[a.name] != total[b.name] {
				return total[a.name] > total[b.name]
			}
			return a.name < b.name
		}
	}
	sort.SliceStable(left, less(left))
	sort.SliceStable(right, less(right))
	return left, right, links
}

// Plot implements plot.Plotter.
func (fp *FlowsPlotter) Plot(c draw.Canvas, _ *plot.Plot) {
	th := fp.Theme
	if th == nil {
		th = Light
	}
	left, right, links := flowLayout(fp.Flows)
	if len(links) == 0 {
		return
	}
	colorOf := fp.Color
	if colorOf == nil {
		var names []string
		for _, n := range left {
			names = append(names, n.name)
		}
		for _, n := range right {
			names = append(names, n.name)
		}
		pal := palette.New(names)
		colorOf = func(s string) color.Color { return pal.RGBA(s) }
	}
	col := func(name string) rgba {
		if name == "" {
			return th.Neutral
		}
		r, g, b, _ := colorOf(name).RGBA()
		return rgba{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 255}
	}

	bw, gap := fp.BarWidth, fp.Gap
	if bw <= 0 {
		bw = 12
	}
	if gap <= 0 {
		gap = 5
	}
	ls := textStyle(labelSize, false, th.Text)
	vs := textStyle(labelSize, true, th.Text)
	hs := textStyle(labelSize+1, true, th.Muted)

	// label columns: as wide as the widest label, at most 30% each
	labelW := func(ns []*flowNode) vg.Length {
		var w vg.Length
		for _, n := range ns {
			w = max(w, ls.Width(flowName(n.name))+vs.Width(" "+formatInt(n.tools)))
		}
		return min(w, (c.Max.X-c.Min.X)*0.3)
	}
	lw, rw := labelW(left), labelW(right)
	xl := c.Min.X + lw + 8 // left bars
	xr := c.Max.X - rw - 8 - bw
	top := c.Max.Y
	if fp.LeftTitle != "" || fp.RightTitle != "" {
		top -= labelSize * 2.2
		hy := c.Max.Y - (labelSize+1)*capHeight
		if t, ok := fit(hs, clean(fp.LeftTitle), lw+bw, 3); ok {
			drawText(c, withAlign(hs, draw.XRight), vg.Point{X: xl + bw, Y: hy}, t)
		}
		if t, ok := fit(hs, clean(fp.RightTitle), rw+bw, 3); ok {
			drawText(c, hs, vg.Point{X: xr, Y: hy}, t)
		}
	}
	height := top - c.Min.Y

	place := func(ns []*flowNode) {
		sum := 0
		for _, n := range ns {
			sum += n.tools
		}
		g := gap
		if vg.Length(len(ns)-1)*g > height/3 {
			g = height / 3 / vg.Length(max(1, len(ns)-1))
		}
		scale := (height - g*vg.Length(len(ns)-1)) / vg.Length(sum)
		y := top
		for _, n := range ns {
			n.y0 = y
			n.h = scale * vg.Length(n.tools)
			y -= n.h + g
		}
	}
	place(left)
	place(right)

	// bands: out of each left bar in the order of the right bars, into
	// each right bar in the order of the left bars
	li, ri := map[string]*flowNode{}, map[string]*flowNode{}
	lpos, rpos := map[string]int{}, map[string]int{}
	for i, n := range left {
		li[n.name], lpos[n.name] = n, i
	}
	for i, n := range right {
		ri[n.name], rpos[n.name] = n, i
	}
	sorted := append([]model.Flow(nil), links...)
	sort.SliceStable(sorted, func(i, j int) bool {
		a, b := sorted[i], sorted[j]
		if lpos[a.From] != lpos[b.From] {
			return lpos[a.From] < lpos[b.From]
		}
		return rpos[a.To] < rpos[b.To]
	})
	outUsed, inUsed := map[string]vg.Length{}, map[string]vg.Length{}
	type band struct {
		pts []vg.Point
		col color.Color
	}
	var bands []band
	inOrder := append([]model.Flow(nil), sorted...)
	sort.SliceStable(inOrder, func(i, j int) bool {
		a, b := inOrder[i], inOrder[j]
		if rpos[a.To] != rpos[b.To] {
			return rpos[a.To] < rpos[b.To]
		}
		return lpos[a.From] < lpos[b.From]
	})
	inTop := map[model.Flow]vg.Length{}
	for _, fl := range inOrder {
		n := ri[fl.To]
		inTop[fl] = n.y0 - inUsed[fl.To]
		inUsed[fl.To] += n.h * vg.Length(fl.Tools) / vg.Length(n.tools)
	}
	x0, x1 := xl+bw, xr
	for _, fl := range sorted {
		ln, rn := li[fl.From], ri[fl.To]
		h0 := ln.h * vg.Length(fl.Tools) / vg.Length(ln.tools)
		h1 := rn.h * vg.Length(fl.Tools) / vg.Length(rn.tools)
		t0 := ln.y0 - outUsed[fl.From]
		outUsed[fl.From] += h0
		t1 := inTop[fl]
		bands = append(bands, band{ribbon(x0, t0, t0-h0, x1, t1, t1-h1), alpha(col(fl.From), th.BandAlpha)})
	}
	for _, b := range bands {
		c.FillPolygon(b.col, b.pts)
	}

	// bars and labels; a label that would overlap the one above is left out
	bars := func(ns []*flowNode, x vg.Length, labelRight bool, maxW vg.Length) {
		lastBottom := top + labelSize
		for _, n := range ns {
			h := max(n.h, 0.8)
			c.FillPolygon(col(n.name), rectPts(vg.Rectangle{Min: vg.Point{X: x, Y: n.y0 - h}, Max: vg.Point{X: x + bw, Y: n.y0}}))
			mid := n.y0 - n.h/2
			lh := labelHeight(ls)
			if mid+lh/2 > lastBottom-1 || mid-lh/2 < c.Min.Y {
				continue
			}
			cnt := " " + formatInt(n.tools)
			name, ok := fit(ls, flowName(n.name), maxW-vs.Width(cnt), 4)
			if !ok {
				continue
			}
			lastBottom = mid - lh/2
			nameSt, cntSt := capCentred(ls), capCentred(vs)
			if n.name == "" {
				nameSt.Color = th.Muted
			}
			if labelRight {
				lx := x + bw + 6
				drawText(c, nameSt, vg.Point{X: lx, Y: mid}, name)
				drawText(c, cntSt, vg.Point{X: lx + ls.Width(name), Y: mid}, cnt)
			} else {
				lx := x - 6
				drawText(c, withAlign(cntSt, draw.XRight), vg.Point{X: lx, Y: mid}, cnt)
				drawText(c, withAlign(nameSt, draw.XRight), vg.Point{X: lx - vs.Width(cnt), Y: mid}, name)
			}
		}
	}
	bars(left, xl, false, lw)
	bars(right, xr, true, rw)
}

func flowName(s string) string {
	if s == "" {
		return "(not listed)"
	}
	return s
}

// ribbon is a band from the left edge x0 (top t0, bottom b0) to the right
// edge x1 (top t1, bottom b1) with S-shaped edges, as a polygon.
func ribbon(x0, t0, b0, x1, t1, b1 vg.Length) []vg.Point {
	const n = 24
	curve := func(ya, yb vg.Length, rev bool) []vg.Point {
		pts := make([]vg.Point, 0, n+1)
		for i := 0; i <= n; i++ {
			k := i
			if rev {
				k = n - i
			}
			t := vg.Length(k) / n
			// x linear, y eased in and out (smoothstep)
			s := t * t * (3 - 2*t)
			pts = append(pts, vg.Point{X: x0 + (x1-x0)*t, Y: ya + (yb-ya)*s})
		}
		return pts
	}
	return append(curve(t0, t1, false), curve(b0, b1, true)...)
}

func flowsPage(f *frame, fl model.Flows) {
	_, _, links := flowLayout(fl.Flows)
	moved, stayed := 0, 0
	for _, l := range links {
		if l.From == l.To {
			stayed += l.Tools
		} else {
			moved += l.Tools
		}
	}
	title := fl.Title
	if title == "" {
		title = "Where tools moved"
	}
	sub := ""
	if fl.Previous != "" || fl.Release != "" {
		sub = clean(fl.Previous) + " → " + clean(fl.Release) + " · "
	}
	sub += formatInt(moved) + " tools changed category"
	if stayed > 0 {
		sub += ", " + formatInt(stayed) + " stayed"
	}
	f.header(title, sub)
	if len(links) == 0 {
		f.empty("No tools moved.")
		return
	}
	p := newPlot(f.th)
	hideAxes(p)
	p.Add(&FlowsPlotter{Flows: fl.Flows, Theme: f.th, LeftTitle: fl.Previous, RightTitle: fl.Release})
	p.Draw(f.body)
}
