package static

import (
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/landscapehq/landscape/charts/model"
)

// SunburstPlotter is a plot.Plotter that draws a hierarchy as rings of
// arcs around a hole: the root's children on the inner ring (categories),
// their children on the next (subcategories), and so on (tools). Arcs are
// sized by Node.Value, coloured by Node.Color (inherited downwards) with
// lighter tints for deeper rings, and labelled where the label fits.
//
// It ignores the plot's axes and fills the largest circle that fits the
// canvas it is given.
type SunburstPlotter struct {
	Root  *model.Node
	Theme *Theme
	// Radii are the ring edges as fractions of the outer radius: the
	// hole, then the outer edge of each ring. Its length sets the number
	// of rings.
	Radii []float64
	// FontSizes and Lighten are per ring: the label size and how far the
	// colour is mixed towards white.
	FontSizes []vg.Length
	Lighten   []float64
	// Separators are per ring: the width of the lines between arcs.
	Separators []vg.Length
	// CenterTitle and CenterText are written in the hole.
	CenterTitle, CenterText string
	// MaxLines is per ring: how many lines a label may be wrapped into.
	MaxLines []int
	// MinLabelRunes is the fewest characters a shortened label keeps;
	// shorter, it is left out.
	MinLabelRunes int
}

// NewSunburstPlotter returns a three-ring sunburst of root.
func NewSunburstPlotter(root *model.Node, th *Theme) *SunburstPlotter {
	return &SunburstPlotter{
		Root:          root,
		Theme:         th,
		Radii:         []float64{0.17, 0.55, 0.77, 1},
		FontSizes:     []vg.Length{10.5, 9.5, 9},
		Lighten:       []float64{0, 0.3, 0.5},
		Separators:    []vg.Length{1.6, 0.9, 0.35},
		MaxLines:      []int{3, 2, 2},
		MinLabelRunes: 6,
	}
}

// sunArc is one arc of the layout: a node on a ring over the turn
// fractions [u0, u1), clockwise from 12 o'clock.
type sunArc struct {
	node   *model.Node
	ring   int
	u0, u1 float64
	base   rgba // the category colour
}

// layout places the nodes on the rings: every child gets the share of its
// parent's arc that its value has of the parent's.
func (s *SunburstPlotter) layout() []sunArc {
	rings := len(s.Radii) - 1
	if s.Root == nil || rings < 1 {
		return nil
	}
	tv := newTreeValues(s.Root)
	var arcs []sunArc
	var walk func(n *model.Node, ring int, u0, u1 float64, base rgba)
	walk = func(n *model.Node, ring int, u0, u1 float64, base rgba) {
		total := tv[n]
		if total <= 0 || ring >= rings {
			return
		}
		u := u0
		for _, ch := range tv.children(n) {
			du := (u1 - u0) * tv[ch] / total
			col := nodeColor(ch, base)
			arcs = append(arcs, sunArc{node: ch, ring: ring, u0: u, u1: u + du, base: col})
			walk(ch, ring+1, u, u+du, col)
			u += du
		}
	}
	walk(s.Root, 0, 0, 1, nodeColor(s.Root, s.Theme.Neutral))
	return arcs
}

// turnAngle is the angle in radians of turn fraction u: 0 at 12 o'clock,
// going clockwise.
func turnAngle(u float64) float64 { return math.Pi/2 - 2*math.Pi*u }

// annularSector is the outline of the ring piece between radii r0 < r1 and
// angles a0, a1, as a polygon with a point at least every 2°.
func annularSector(c vg.Point, r0, r1 vg.Length, a0, a1 float64) []vg.Point {
	n := max(1, int(math.Ceil(math.Abs(a1-a0)/(2*math.Pi/180))))
	pts := make([]vg.Point, 0, 2*n+2)
	at := func(r vg.Length, a float64) vg.Point {
		sin, cos := math.Sincos(a)
		return vg.Point{X: c.X + r*vg.Length(cos), Y: c.Y + r*vg.Length(sin)}
	}
	for i := 0; i <= n; i++ {
		pts = append(pts, at(r1, a0+(a1-a0)*float64(i)/float64(n)))
	}
	if r0 <= 0 {
		return append(pts, c)
	}
	for i := n; i >= 0; i-- {
		pts = append(pts, at(r0, a0+(a1-a0)*float64(i)/float64(n)))
	}
	return pts
}

func polygonPath(pts []vg.Point) vg.Path {
	var p vg.Path
	p.Move(pts[0])
	for _, q := range pts[1:] {
		p.Line(q)
	}
	p.Close()
	return p
}

// Plot implements plot.Plotter.
func (s *SunburstPlotter) Plot(c draw.Canvas, _ *plot.Plot) {
	th := s.Theme
	if th == nil {
		th = Light
	}
	if len(s.Radii) < 2 {
		return
	}
	arcs := s.layout()
	centre := c.Center()
	R := min(c.Max.X-c.Min.X, c.Max.Y-c.Min.Y) / 2
	if R <= 0 {
		return
	}
	radius := func(ring int) (vg.Length, vg.Length) {
		return R * vg.Length(s.Radii[ring]), R * vg.Length(s.Radii[ring+1])
	}
	fill := func(a sunArc) rgba {
		t := perRing(s.Lighten, a.ring, 0)
		if th.Dark { // pastel glares on a dark background
			t *= 0.75
		}
		return lighter(a.base, t)
	}

	// arcs, then their separators, then labels on top of everything
	for _, a := range arcs {
		r0, r1 := radius(a.ring)
		c.FillPolygon(fill(a), annularSector(centre, r0, r1, turnAngle(a.u0), turnAngle(a.u1)))
	}
	// separators: deepest ring first, so that the thicker lines of
	// inner rings, drawn across all the rings outside them, end on top
	rings := len(s.Radii) - 1
	for ring := rings - 1; ring >= 0; ring-- {
		w := perRing(s.Separators, ring, 0.5)
		if w <= 0 {
			continue
		}
		c.SetLineStyle(draw.LineStyle{Color: th.Background, Width: w})
		for _, a := range arcs {
			if a.ring != ring {
				continue
			}
			r0, r1 := radius(a.ring)
			if ring == rings-1 {
				// on the outer ring only between arcs wide enough to keep
				// their colour; inner rings' lines still part groups
				if (r0+r1)/2*vg.Length(2*math.Pi*(a.u1-a.u0)) < 4*w+2 {
					continue
				}
			} else {
				r1 = R
			}
			c.Stroke(polygonPath(annularSector(centre, r0, r1, turnAngle(a.u0), turnAngle(a.u1))))
		}
	}
	for _, a := range arcs {
		r0, r1 := radius(a.ring)
		size := perRing(s.FontSizes, a.ring, smallSize)
		st := textStyle(size, a.ring == 0, textOn(fill(a)))
		sec := sector{
			r0: float64(r0), r1: float64(r1),
			mid:  turnAngle((a.u0 + a.u1) / 2),
			half: math.Pi * (a.u1 - a.u0),
		}
		name := clean(a.node.Name)
		lines := perRing(s.MaxLines, a.ring, 1)
		l, ok := sec.place(name, st, lines, s.MinLabelRunes)
		if a.ring == 0 && (!ok || l.kept() < len([]rune(name))) {
			// categories matter most: one size smaller if more of the
			// name fits
			small := textStyle(size-1, a.ring == 0, textOn(fill(a)))
			if l2, ok2 := sec.place(name, small, lines, s.MinLabelRunes); ok2 && (!ok || l2.kept() > l.kept()) {
				l, ok, st = l2, true, small
			}
		}
		if !ok {
			continue
		}
		st = withAlign(capCentred(st), draw.XCenter)
		st.Rotation = l.rotation
		sin, cos := math.Sincos(l.rotation)
		n := len(l.lines)
		for k, line := range l.lines {
			v := (float64(n-1)/2 - float64(k)) * l.step // up, in text space
			drawText(c, st, vg.Point{
				X: centre.X + vg.Length(l.x-v*sin),
				Y: centre.Y + vg.Length(l.y+v*cos),
			}, line)
		}
	}

	// the hole
	r0 := R * vg.Length(s.Radii[0])
	if r0 > 0 && (s.CenterTitle != "" || s.CenterText != "") {
		ts := withAlign(textStyle(22, true, th.Text), draw.XCenter)
		ss := withAlign(textStyle(labelSize, false, th.Muted), draw.XCenter)
		w := r0 * 1.7
		t, tok := fit(ts, clean(s.CenterTitle), w, 1)
		sub, sok := fit(ss, clean(s.CenterText), w, 3)
		switch {
		case tok && sok:
			drawText(c, ts, vg.Point{X: centre.X, Y: centre.Y - 2}, t)
			drawText(c, ss, vg.Point{X: centre.X, Y: centre.Y - 2 - labelSize*1.45}, sub)
		case tok:
			drawText(c, capCentred(ts), centre, t)
		case sok:
			drawText(c, capCentred(ss), centre, sub)
		}
	}
}

func perRing[T ~float64 | ~int](v []T, ring int, def T) T {
	if ring < len(v) {
		return v[ring]
	}
	if len(v) > 0 {
		return v[len(v)-1]
	}
	return def
}

// sector is a piece of ring, in points relative to the centre: radii r0 <
// r1, centred on the angle mid, spanning ±half radians.
type sector struct {
	r0, r1, mid, half float64
}

// labelPad is the least room between a label and the edges of its arc.
const labelPad = 2.5

// contains reports whether p is inside s and at least pad from its edges.
func (s sector) contains(x, y, pad float64) bool {
	r := math.Hypot(x, y)
	if r < s.r0+pad || r > s.r1-pad {
		return false
	}
	if s.half >= math.Pi {
		return true
	}
	d := math.Remainder(math.Atan2(y, x)-s.mid, 2*math.Pi)
	rest := s.half - math.Abs(d)
	if rest < 0 {
		return false
	}
	// distance to the nearer straight edge
	return rest >= math.Pi/2 || r*math.Sin(rest) >= pad
}

// fitsBox reports whether the w×h box centred on (cx, cy) and turned by
// rot fits in s with pad to spare, by checking points along its outline
// no more than 3 pt apart (arcs bulge into long sides between corners).
func (s sector) fitsBox(cx, cy, rot, w, h, pad float64) bool {
	sin, cos := math.Sincos(rot)
	pt := func(u, v float64) bool { // box coordinates, centred
		return s.contains(cx+u*cos-v*sin, cy+u*sin+v*cos, pad)
	}
	nw := max(1, int(math.Ceil(w/3)))
	nh := max(1, int(math.Ceil(h/3)))
	for i := 0; i <= nw; i++ {
		u := -w/2 + w*float64(i)/float64(nw)
		if !pt(u, -h/2) || !pt(u, h/2) {
			return false
		}
	}
	for j := 1; j < nh; j++ {
		v := -h/2 + h*float64(j)/float64(nh)
		if !pt(-w/2, v) || !pt(w/2, v) {
			return false
		}
	}
	return true
}

// arcLabel is where a label goes: the centre of its lines, their
// rotation and the distance between their baselines.
type arcLabel struct {
	lines    []string
	x, y     float64
	rotation float64
	step     float64
}

// kept is how many runes of the name the label shows, not counting
// spaces: all of them when it is not cut.
func (l arcLabel) kept() int { return keptRunes(l.lines) }

// orientations, in order of preference when the whole text fits
const (
	horizontal = iota
	tangential // along the arc
	radial     // along the radius
)

func (s sector) rotation(o int) float64 {
	switch o {
	case tangential:
		if math.Sin(s.mid) >= 0 {
			return s.mid - math.Pi/2
		}
		return s.mid + math.Pi/2
	case radial:
		if math.Cos(s.mid) >= -1e-9 {
			return s.mid
		}
		return s.mid + math.Pi
	}
	return 0
}

// position finds a centre for a w×h label in orientation o that fits,
// trying the middle of the ring on the bisector first.
func (s sector) position(o int, w, h float64) (x, y float64, ok bool) {
	rot := s.rotation(o)
	rm := (s.r0 + s.r1) / 2
	step := (s.r1 - s.r0) / 12
	// off the bisector too, for level text in a slanted arc
	angles := []float64{0}
	if o == horizontal {
		for _, f := range []float64{0.25, 0.5} {
			angles = append(angles, f*s.half, -f*s.half)
		}
	}
	for _, da := range angles {
		sin, cos := math.Sincos(s.mid + da)
		for k := 0; k <= 5; k++ {
			for _, sign := range []float64{1, -1} {
				if k == 0 && sign < 0 {
					continue
				}
				r := rm + sign*float64(k)*step
				if s.fitsBox(r*cos, r*sin, rot, w, h, labelPad) {
					return r * cos, r * sin, true
				}
			}
		}
	}
	return 0, 0, false
}

// room is the widest label of height h that fits in orientation o.
func (s sector) room(o int, h float64) float64 {
	hi := s.r1 - s.r0
	if o != radial {
		hi = 2 * s.r1
	}
	if _, _, ok := s.position(o, 1, h); !ok {
		return 0
	}
	lo := 1.0
	for range 12 {
		m := (lo + hi) / 2
		if _, _, ok := s.position(o, m, h); ok {
			lo = m
		} else {
			hi = m
		}
	}
	return lo
}

// place finds a label for name in s: the whole name on one line or
// wrapped into up to maxLines, in the first orientation it fits in
// (horizontal, then along the arc, then along the radius; fewer lines
// first), else the name shortened on one line in the roomiest orientation,
// else nothing.
func (s sector) place(name string, st text.Style, maxLines, minRunes int) (arcLabel, bool) {
	h := float64(labelHeight(st))
	step := float64(st.Font.Size) * 1.18
	if name == "" || s.r1-s.r0 < h+2*labelPad {
		return arcLabel{}, false
	}
	// an arc narrower than a line of text at its outer edge has no room
	if s.half < math.Pi/2 && 2*s.r1*math.Sin(s.half) < h+2*labelPad {
		return arcLabel{}, false
	}
	type attempt struct{ lines, o int }
	var attempts []attempt
	for n := 1; n <= max(1, maxLines); n++ {
		attempts = append(attempts, attempt{n, horizontal}, attempt{n, tangential})
		if n == 1 {
			attempts = append(attempts, attempt{1, radial})
		}
	}
	for n := 2; n <= maxLines; n++ {
		attempts = append(attempts, attempt{n, radial})
	}
	for _, at := range attempts {
		lines, ok := wrapBalanced(name, at.lines, st.Width)
		if !ok {
			continue
		}
		var w float64
		for _, l := range lines {
			w = math.Max(w, float64(st.Width(l)))
		}
		if x, y, ok := s.position(at.o, w, h+float64(at.lines-1)*step); ok {
			return arcLabel{lines: lines, x: x, y: y, rotation: s.rotation(at.o), step: step}, true
		}
	}
	// shortened: the variant that keeps most of the name, if that is at
	// least half of it or its whole first word
	total := len([]rune(strings.Join(strings.Fields(name), "")))
	need := (total + 1) / 2
	if first := len([]rune(strings.Fields(name)[0])); first < need {
		need = first
	}
	var best arcLabel
	bestKept := max(minRunes, need) - 1
	for n := 1; n <= max(1, maxLines); n++ {
		hn := h + float64(n-1)*step
		for _, o := range []int{horizontal, tangential, radial} {
			room := s.room(o, hn)
			if room < 1 {
				continue
			}
			lines, ok := wrapGreedy(name, vg.Length(room), st.Width, n, minRunes)
			if !ok || len(lines) < n {
				continue
			}
			kept := keptRunes(lines)
			var w float64
			for k, l := range lines {
				if k < len(lines)-1 && strings.HasSuffix(l, ellipsis) {
					kept = -1 // only the last line may be cut
					break
				}
				w = math.Max(w, float64(st.Width(l)))
			}
			if kept <= bestKept { // also when a line was cut
				continue
			}
			if x, y, ok := s.position(o, w, hn); ok {
				best = arcLabel{lines: lines, x: x, y: y, rotation: s.rotation(o), step: step}
				bestKept = kept
			}
		}
	}
	return best, best.lines != nil
}

// sunburstPage lays out the sunburst page: the sunburst on the left, the
// categories with their tool counts on the right.
func sunburstPage(f *frame, t model.Tree) {
	tv, tools, cats := treePageHead(f, t)
	if tools == 0 {
		return
	}
	var items []legendItem
	for _, c := range cats {
		items = append(items, legendItem{
			Name:  c.Name,
			Value: formatInt(tv.leaves(c, 1)),
			Color: nodeColor(c, f.th.Neutral),
		})
	}
	f.sideLegend(items, 0.34, true)
	p := newPlot(f.th)
	hideAxes(p)
	sb := NewSunburstPlotter(t.Root, f.th)
	sb.CenterTitle = formatInt(tools)
	sb.CenterText = "tools"
	p.Add(sb)
	// a square body, the circle centred in it
	b := f.body
	side := min(b.Max.X-b.Min.X, b.Max.Y-b.Min.Y)
	cx := (b.Min.X + b.Max.X) / 2
	p.Draw(draw.Crop(b, cx-side/2-b.Min.X, cx+side/2-b.Max.X, 0, 0))
}
