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
// they do not collide. Flows from "(new)" or "" and to "(removed)" or ""
// are tools that were added or removed: they are drawn as grey stubs
// tapering into or out of a bar.
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

// The names model.FlowsOf gives the outside of the catalog: where added
// tools come from and removed ones go. "" means the same.
const (
	newTools     = "(new)"
	removedTools = "(removed)"
)

// flowNode is a bar: a category in one column.
type flowNode struct {
	name  string
	tools int
	y0    vg.Length // top
	h     vg.Length
}

// flowLayout returns the bars of both columns, ordered the same way
// (largest total first, then by name) so that tools that stay do not
// cross, and the flows with duplicates summed. Tools from or to "" (added
// or removed) count in the bars but have no bar of their own.
func flowLayout(flows []model.Flow) (left, right []*flowNode, links []model.Flow) {
	seen := map[[2]string]int{} // duplicates are summed
	for _, fl := range flows {
		if fl.Tools <= 0 {
			continue
		}
		k := [2]string{clean(fl.From), clean(fl.To)}
		if k[0] == newTools {
			k[0] = ""
		}
		if k[1] == removedTools {
			k[1] = ""
		}
		if k[0] == "" && k[1] == "" {
			continue
		}
		if i, ok := seen[k]; ok {
			links[i].Tools += fl.Tools
			continue
		}
		seen[k] = len(links)
		links = append(links, model.Flow{From: k[0], To: k[1], Tools: fl.Tools})
	}
	total := map[string]int{}
	l, r := map[string]*flowNode{}, map[string]*flowNode{}
	for _, fl := range links {
		if fl.From != "" {
			total[fl.From] += fl.Tools
			if l[fl.From] == nil {
				l[fl.From] = &flowNode{name: fl.From}
				left = append(left, l[fl.From])
			}
			l[fl.From].tools += fl.Tools
		}
		if fl.To != "" {
			total[fl.To] += fl.Tools
			if r[fl.To] == nil {
				r[fl.To] = &flowNode{name: fl.To}
				right = append(right, r[fl.To])
			}
			r[fl.To].tools += fl.Tools
		}
	}
	less := func(ns []*flowNode) func(i, j int) bool {
		return func(i, j int) bool {
			a, b := ns[i], ns[j]
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
			w = max(w, ls.Width(n.name)+vs.Width(" "+formatInt(n.tools)))
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

	// one scale for both columns, so that a band is as wide at both ends
	gapOf := func(ns []*flowNode) vg.Length {
		if vg.Length(len(ns)-1)*gap > height/3 {
			return height / 3 / vg.Length(max(1, len(ns)-1))
		}
		return gap
	}
	scaleOf := func(ns []*flowNode) vg.Length {
		sum := 0
		for _, n := range ns {
			sum += n.tools
		}
		return (height - gapOf(ns)*vg.Length(len(ns)-1)) / vg.Length(max(1, sum))
	}
	scale := min(scaleOf(left), scaleOf(right))
	place := func(ns []*flowNode) {
		g := gapOf(ns)
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
	// each right bar in the order of the left bars; added and removed
	// tools last, as tapering stubs
	li, ri := map[string]*flowNode{}, map[string]*flowNode{}
	lpos, rpos := map[string]int{"": len(left)}, map[string]int{"": len(right)}
	for i, n := range left {
		li[n.name], lpos[n.name] = n, i
	}
	for i, n := range right {
		ri[n.name], rpos[n.name] = n, i
	}
	outOrder := append([]model.Flow(nil), links...)
	sort.SliceStable(outOrder, func(i, j int) bool {
		a, b := outOrder[i], outOrder[j]
		if lpos[a.From] != lpos[b.From] {
			return lpos[a.From] < lpos[b.From]
		}
		return rpos[a.To] < rpos[b.To]
	})
	inOrder := append([]model.Flow(nil), outOrder...)
	sort.SliceStable(inOrder, func(i, j int) bool {
		a, b := inOrder[i], inOrder[j]
		if rpos[a.To] != rpos[b.To] {
			return rpos[a.To] < rpos[b.To]
		}
		return lpos[a.From] < lpos[b.From]
	})
	type key = [2]string
	outTop, inTop := map[key]vg.Length{}, map[key]vg.Length{}
	used := map[string]vg.Length{}
	for _, fl := range outOrder {
		if n := li[fl.From]; n != nil {
			outTop[key{fl.From, fl.To}] = n.y0 - used[fl.From]
			used[fl.From] += scale * vg.Length(fl.Tools)
		}
	}
	used = map[string]vg.Length{}
	for _, fl := range inOrder {
		if n := ri[fl.To]; n != nil {
			inTop[key{fl.From, fl.To}] = n.y0 - used[fl.To]
			used[fl.To] += scale * vg.Length(fl.Tools)
		}
	}
	x0, x1 := xl+bw, xr
	stub := min((x1-x0)/5, 60)
	for _, fl := range outOrder {
		k := key{fl.From, fl.To}
		h := scale * vg.Length(fl.Tools)
		switch {
		case fl.From == "": // added: a stub tapering into the right bar
			t := inTop[k]
			c.FillPolygon(th.Neutral, taper(x1, t, t-h, x1-stub))
		case fl.To == "": // removed: a stub tapering out of the left bar
			t := outTop[k]
			c.FillPolygon(th.Neutral, taper(x0, t, t-h, x0+stub))
		default:
			t0, t1 := outTop[k], inTop[k]
			c.FillPolygon(alpha(col(fl.From), th.BandAlpha), ribbon(x0, t0, t0-h, x1, t1, t1-h))
		}
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
			name, ok := fit(ls, n.name, maxW-vs.Width(cnt), 4)
			if !ok {
				continue
			}
			lastBottom = mid - lh/2
			nameSt, cntSt := capCentred(ls), capCentred(vs)
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

// taper is a band of the given top and bottom at x that narrows to a
// point at tip (left or right of x).
func taper(x, top, bottom, tip vg.Length) []vg.Point {
	mid := (top + bottom) / 2
	return []vg.Point{{X: x, Y: top}, {X: x, Y: bottom}, {X: tip, Y: mid}}
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
	moved, stayed, added, removed := 0, 0, 0, 0
	for _, l := range links {
		switch {
		case l.From == "":
			added += l.Tools
		case l.To == "":
			removed += l.Tools
		case l.From == l.To:
			stayed += l.Tools
		default:
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
	sub += plural(moved, "tool") + " changed category"
	if stayed > 0 {
		sub += ", " + formatInt(stayed) + " stayed"
	}
	f.header(title, sub)
	var items []legendItem
	if added+removed > 0 {
		items = append(items, legendItem{Name: "added / removed", Value: signed(added) + " / " + signedOrZero(-removed), Color: f.th.Neutral})
	}
	f.inlineLegend(items)
	if len(links) == 0 {
		f.empty("No tools moved.")
		return
	}
	p := newPlot(f.th)
	hideAxes(p)
	fp := &FlowsPlotter{Flows: fl.Flows, Theme: f.th, LeftTitle: fl.Previous, RightTitle: fl.Release}
	if len(fl.Colors) > 0 {
		fp.Color = func(c string) color.Color { return palette.ParseHex(fl.Colors[c]) }
	}
	p.Add(fp)
	p.Draw(f.body)
}

// plural is "1 tool", "2 tools".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return formatInt(n) + " " + noun + "s"
}
