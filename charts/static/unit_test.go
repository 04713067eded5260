package static

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"gonum.org/v1/plot"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/landscapehq/landscape/charts/model"
)

func TestPresetSizes(t *testing.T) {
	tree := newTestModel().tree
	for _, tc := range []struct {
		o    Options
		w, h int
	}{
		{Options{}, 1200, 675},
		{Options{Preset: "blog"}, 1200, 675},
		{Options{Preset: "social"}, 1200, 630},
		{Options{Preset: "square"}, 1080, 1080},
		{Options{Scale: 2}, 2400, 1350},
		{Options{Preset: "social", Scale: 2}, 2400, 1260},
		{Options{Preset: "square", Scale: 2, Theme: "dark"}, 2160, 2160},
		{Options{Preset: "blog", Scale: 1.5}, 1800, 1013},
	} {
		var buf bytes.Buffer
		if err := Treemap(&buf, tree, tc.o); err != nil {
			t.Fatalf("%+v: %v", tc.o, err)
		}
		cfg, err := png.DecodeConfig(&buf)
		if err != nil {
			t.Fatalf("%+v: %v", tc.o, err)
		}
		if cfg.Width != tc.w || cfg.Height != tc.h {
			t.Errorf("%+v: png is %d×%d, want %d×%d", tc.o, cfg.Width, cfg.Height, tc.w, tc.h)
		}
		w, h, err := tc.o.Size()
		if err != nil || w != tc.w || h != tc.h {
			t.Errorf("%+v: Size() = %d×%d, %v; want %d×%d", tc.o, w, h, err, tc.w, tc.h)
		}
	}
}

func TestScaleDoublesSVGNot(t *testing.T) {
	// SVG is vector: the same document at any scale
	g := newTestModel().growth
	var a, b bytes.Buffer
	if err := GrowthArea(&a, g, Options{Format: "svg"}); err != nil {
		t.Fatal(err)
	}
	if err := GrowthArea(&b, g, Options{Format: "svg", Scale: 2}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("svg depends on scale")
	}
	if !bytes.Contains(a.Bytes(), []byte(`width="900pt" height="506.25pt"`)) {
		t.Errorf("svg size: %s", a.Bytes()[:200])
	}
}

func TestBadOptions(t *testing.T) {
	tree := newTestModel().tree
	for _, o := range []Options{
		{Preset: "poster"},
		{Theme: "sepia"},
		{Format: "gif"},
		{Scale: -1},
		{Scale: 100},
		{Scale: math.NaN()},
	} {
		var buf bytes.Buffer
		if err := Sunburst(&buf, tree, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
		if buf.Len() != 0 {
			t.Errorf("%+v: wrote %d bytes", o, buf.Len())
		}
	}
}

// width is a fake text width: 1 per rune, 3 for an ellipsis's room.
func runeWidth(s string) vg.Length { return vg.Length(utf8.RuneCountInString(s)) }

func TestFitText(t *testing.T) {
	for _, tc := range []struct {
		s       string
		max     vg.Length
		min     int
		want    string
		wantOK  bool
		comment string
	}{
		{"Runtime", 10, 3, "Runtime", true, "fits"},
		{"Runtime", 7, 3, "Runtime", true, "exactly fits"},
		{"Observability", 8, 3, "Observa…", true, "cut"},
		{"Observability", 4, 3, "Obs…", true, "cut to the minimum"},
		{"Observability", 3, 3, "", false, "below the minimum: left out"},
		{"Service Mesh", 9, 3, "Service…", true, "no space before the ellipsis"},
		{"App & Tools", 6, 3, "App…", true, "no dangling symbol"},
		{"", 10, 1, "", false, "empty"},
		{"Runtime", 0, 1, "", false, "no room"},
	} {
		got, ok := fitText(tc.s, tc.max, runeWidth, tc.min)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("%s: fitText(%q, %v, %d) = %q, %v; want %q, %v", tc.comment, tc.s, tc.max, tc.min, got, ok, tc.want, tc.wantOK)
		}
		if ok && runeWidth(got) > tc.max {
			t.Errorf("%s: %q is wider than %v", tc.comment, got, tc.max)
		}
	}
}

func TestFitTextRealFont(t *testing.T) {
	st := textStyle(10, false, Light.Text)
	name := "Special: Kubernetes Certified Service Providers"
	full := st.Width(name)
	for _, max := range []vg.Length{full + 1, full, full * 0.7, full * 0.3, 20, 5} {
		got, ok := fit(st, name, max, 4)
		if ok && st.Width(got) > max {
			t.Errorf("max %v: %q is %v wide", max, got, st.Width(got))
		}
		if max >= full && got != name {
			t.Errorf("max %v: %q, want the whole name", max, got)
		}
		if max == 5 && ok {
			t.Errorf("max 5: %q should have been left out", got)
		}
	}
}

func TestWrap(t *testing.T) {
	lines, ok := wrapGreedy("Continuous Integration & Delivery", 13, runeWidth, 3, 4)
	if !ok || strings.Join(lines, "|") != "Continuous|Integration &|Delivery" {
		t.Errorf("greedy: %q %v", lines, ok)
	}
	lines, ok = wrapGreedy("Continuous Integration & Delivery", 12, runeWidth, 2, 4)
	if !ok || strings.Join(lines, "|") != "Continuous|Integration…" {
		t.Errorf("greedy, 2 lines: %q %v", lines, ok)
	}
	lines, ok = wrapGreedy("Kubernetesoperatorframework for clusters", 8, runeWidth, 3, 4)
	if !ok || strings.Join(lines, "|") != "Kuberne…" {
		t.Errorf("greedy, long word: %q %v", lines, ok)
	}
	if lines, ok = wrapGreedy("Key Management", 5, runeWidth, 2, 6); ok {
		t.Errorf("greedy, too little kept: %q", lines)
	}
	lines, ok = wrapBalanced("Observability & Analysis", 2, runeWidth)
	if !ok || strings.Join(lines, "|") != "Observability|& Analysis" && strings.Join(lines, "|") != "Observability &|Analysis" {
		t.Errorf("balanced: %q", lines)
	}
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "&") {
			t.Errorf("balanced: line starts with &: %q", lines)
		}
	}
	if _, ok := wrapBalanced("Runtime", 2, runeWidth); ok {
		t.Error("balanced: one word in two lines")
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"  Service\tMesh\n":      "Service Mesh",
		"a\x00b\x1bc":            "a b c",
		"bad \xff utf8":          "bad \uFFFD utf8",
		"<script>&\"'":           "<script>&\"'", // markup is the SVG backend's to escape
		"line\u2028sep\u0085nel": "line sep nel",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSectorPlace checks the sunburst's label fit: labels go where they
// fit, inside their arc, and are left out where they do not.
func TestSectorPlace(t *testing.T) {
	st := textStyle(10, false, Light.Text)
	h := float64(labelHeight(st))
	// a quarter of a thick ring: room for a short name
	big := sector{r0: 60, r1: 160, mid: math.Pi / 4, half: math.Pi / 4}
	l, ok := big.place("Runtime", st, 1, 4)
	if !ok || strings.Join(l.lines, " ") != "Runtime" {
		t.Fatalf("big sector: %+v, %v", l, ok)
	}
	w := float64(st.Width("Runtime"))
	if !big.fitsBox(l.x, l.y, l.rotation, w, h, labelPad) {
		t.Errorf("label %+v is not inside its arc", l)
	}
	// a sliver: nothing fits
	thin := sector{r0: 60, r1: 160, mid: 1, half: 0.01}
	if l, ok := thin.place("Runtime", st, 2, 4); ok {
		t.Errorf("thin sector got a label: %+v", l)
	}
	// a thin ring: nothing fits
	flat := sector{r0: 100, r1: 106, mid: 1, half: 1}
	if l, ok := flat.place("Runtime", st, 2, 4); ok {
		t.Errorf("flat sector got a label: %+v", l)
	}
	// a long name in a narrow wedge goes along the radius, shortened
	narrow := sector{r0: 100, r1: 160, mid: math.Pi, half: 0.12}
	l, ok = narrow.place("Container Runtimes", st, 1, 4)
	if !ok {
		t.Fatal("narrow sector: no label")
	}
	if l.rotation != 2*math.Pi && math.Abs(math.Remainder(l.rotation, math.Pi)) > 1e-9 {
		t.Errorf("narrow sector on the left: rotation %v, want along the radius", l.rotation)
	}
	if !strings.HasSuffix(l.lines[0], ellipsis) {
		t.Errorf("narrow sector: %q not shortened", l.lines)
	}
	if !narrow.fitsBox(l.x, l.y, l.rotation, float64(st.Width(l.lines[0])), h, labelPad) {
		t.Errorf("label %+v is not inside its arc", l)
	}
	// text on the left half is turned so as not to read upside down
	for _, mid := range []float64{0, 0.5, 1.5, 2, 3, -2, -1} {
		s := sector{r0: 10, r1: 20, mid: mid, half: 0.1}
		for _, o := range []int{tangential, radial} {
			if c := math.Cos(s.rotation(o)); c < -1e-9 {
				t.Errorf("mid %v orientation %d: rotation %v reads upside down", mid, o, s.rotation(o))
			}
		}
	}
}

func TestSquarify(t *testing.T) {
	rng := splitmix(7)
	cases := [][]float64{
		{6, 6, 4, 3, 2, 2, 1}, // the paper's example
		{1},
		{5, 5},
		{1, 1, 1, 1, 1, 1, 1, 1, 1},
		{1000, 1, 1, 1},
		{3, 0, -2, math.NaN(), 4}, // not positive: empty
	}
	for range 40 {
		n := 1 + rng.intn(60)
		v := make([]float64, n)
		for i := range v {
			v[i] = math.Pow(rng.float(), 3) * 100
		}
		cases = append(cases, v)
	}
	for ci, values := range cases {
		for _, b := range []Rect{{0, 0, 6, 4}, {10, 20, 300, 90}, {0, 0, 50, 400}} {
			rects := Squarify(values, b)
			if len(rects) != len(values) {
				t.Fatalf("case %d: %d rects for %d values", ci, len(rects), len(values))
			}
			var total float64
			for _, v := range values {
				if v > 0 {
					total += v
				}
			}
			const eps = 1e-9
			for i, r := range rects {
				v := values[i]
				if !(v > 0) {
					if r.Area() != 0 {
						t.Errorf("case %d: value %v has area %v", ci, v, r.Area())
					}
					continue
				}
				want := v / total * b.Area()
				if math.Abs(r.Area()-want) > 1e-6*b.Area() {
					t.Errorf("case %d %v: value %v has area %v, want %v", ci, b, v, r.Area(), want)
				}
				if r.W < -eps || r.H < -eps || r.X < b.X-eps || r.Y < b.Y-eps ||
					r.X+r.W > b.X+b.W+eps*b.W || r.Y+r.H > b.Y+b.H+eps*b.H {
					t.Errorf("case %d: rect %v outside %v", ci, r, b)
				}
			}
			for i := range rects {
				for j := i + 1; j < len(rects); j++ {
					a, c := rects[i], rects[j]
					ox := math.Min(a.X+a.W, c.X+c.W) - math.Max(a.X, c.X)
					oy := math.Min(a.Y+a.H, c.Y+c.H) - math.Max(a.Y, c.Y)
					if ox > 1e-7 && oy > 1e-7 && ox*oy > 1e-9*b.Area() {
						t.Errorf("case %d: %v and %v overlap", ci, a, c)
					}
				}
			}
		}
	}
}

// TestSquarifyAspect checks that squarify does what it is for: the paper's
// example has no rectangle worse than 3:1, far better than slicing.
func TestSquarifyAspect(t *testing.T) {
	rects := Squarify([]float64{6, 6, 4, 3, 2, 2, 1}, Rect{0, 0, 6, 4})
	for _, r := range rects {
		if ar := math.Max(r.W/r.H, r.H/r.W); ar > 3 {
			t.Errorf("rect %v has aspect ratio %.2f", r, ar)
		}
	}
	// the first row of the paper: the two 6s stacked on the left
	if r := rects[0]; math.Abs(r.X) > 1e-9 || math.Abs(r.W-3) > 1e-9 || math.Abs(r.H-2) > 1e-9 {
		t.Errorf("first rect %v, want 3×2 at the left", r)
	}
}

func TestCellLabelDropped(t *testing.T) {
	name := "Openhub Controller for Multi-Cluster Deployments"
	if _, ok := cellLabel(name, Rect{0, 0, 12, 40}, inkDark, 4); ok {
		t.Error("label in a 12 pt wide cell")
	}
	if _, ok := cellLabel(name, Rect{0, 0, 100, 6}, inkDark, 4); ok {
		t.Error("label in a 6 pt high cell")
	}
	ls, ok := cellLabel(name, Rect{0, 0, 120, 60}, inkDark, 4)
	if !ok {
		t.Fatal("no label in a 120×60 cell")
	}
	for _, l := range ls {
		if w := l.st.Width(l.txt); float64(l.pt.X)+float64(w) > 120 || l.pt.Y < 0 || l.pt.Y > 60 {
			t.Errorf("line %q at %v (%v wide) is outside the cell", l.txt, l.pt, w)
		}
	}
}

// markup is a model whose every string is hostile.
func markupModel() testModel {
	m := newTestModel()
	evil := `<script>alert("x")</script> & 'quotes' ]]> <!-- --> \x00\x01`
	evil = strings.ReplaceAll(evil, `\x00\x01`, "\x00\x01\uFFFE")
	m.tree.Title = evil
	m.tree.Release = evil
	m.tree.Root.Children[0].Name = evil
	m.tree.Root.Children[0].Children[0].Name = evil
	m.tree.Root.Children[0].Children[0].Children[0].Name = evil
	m.tree.Root.Children[1].Children[0].Children[0].Value = 500 // a big cell, so the name is drawn
	m.tree.Root.Children[1].Children[0].Children[0].Name = evil
	m.growth.Title = evil
	m.growth.Releases[0] = evil
	m.growth.Series[0].Name = evil
	m.growth.Series[0].Color = evil
	m.churn.Title, m.churn.Release, m.churn.Previous = evil, evil, evil
	m.churn.Categories[0] = evil
	m.flows.Title, m.flows.Release, m.flows.Previous = evil, evil, evil
	m.flows.Flows[0].From = evil
	m.survival.Title = evil
	m.survival.Curves[0].Name = evil
	m.stars = m.tree
	return m
}

// TestSVGEscapes checks that catalog strings cannot inject markup into SVG
// output: text is drawn as glyph outlines (outlinedSVG), so no catalog
// string reaches the file at all, and the result parses as XML.
func TestSVGEscapes(t *testing.T) {
	m := markupModel()
	for _, k := range kinds {
		var buf bytes.Buffer
		if err := k.render(&buf, m, Options{Format: "svg"}); err != nil {
			t.Fatalf("%s: %v", k.name, err)
		}
		out := buf.String()
		if strings.Contains(out, "<script") || strings.Contains(out, "<!-- -->") || strings.Contains(out, "]]>") {
			t.Errorf("%s: markup from the model is in the SVG", k.name)
		}
		if strings.Contains(out, "script") || strings.Contains(out, "quotes") || strings.Contains(out, "font-family") {
			t.Errorf("%s: text from the model is in the SVG (it should be outlines)", k.name)
		}
		d := xml.NewDecoder(&buf)
		texts, paths := 0, 0
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", k.name, err)
			}
			if se, ok := tok.(xml.StartElement); ok {
				switch se.Name.Local {
				case "svg", "g", "path", "text", "defs", "style":
				default:
					t.Errorf("%s: unexpected element <%s>", k.name, se.Name.Local)
				}
				switch se.Name.Local {
				case "text":
					texts++
				case "path":
					paths++
				}
			}
		}
		if texts != 0 || paths < 50 {
			t.Errorf("%s: %d text elements, %d paths; want text drawn as outlines", k.name, texts, paths)
		}
	}
}

func TestEmptyModels(t *testing.T) {
	for _, f := range []func(w io.Writer) error{
		func(w io.Writer) error { return Sunburst(w, model.Tree{}, Options{}) },
		func(w io.Writer) error { return Treemap(w, model.Tree{Root: &model.Node{Name: "x"}}, Options{}) },
		func(w io.Writer) error { return GrowthArea(w, model.Growth{}, Options{}) },
		func(w io.Writer) error { return GrowthLines(w, model.Growth{}, 5, Options{}) },
		func(w io.Writer) error {
			return GrowthLines(w, model.Growth{Releases: []string{"a"}, Series: []model.Series{{Name: "x", Values: []float64{3}}}}, 0, Options{})
		},
		func(w io.Writer) error {
			return GrowthArea(w, model.Growth{Releases: []string{"a"}, Series: []model.Series{{Name: "x", Values: []float64{3}}}}, Options{})
		},
		func(w io.Writer) error { return Churn(w, model.Churn{}, Options{}) },
		func(w io.Writer) error { return Flows(w, model.Flows{}, Options{}) },
		func(w io.Writer) error { return Survival(w, model.Survival{}, Options{}) },
		func(w io.Writer) error {
			return Survival(w, model.Survival{Curves: []model.SurvivalCurve{{Name: "x"}}}, Options{})
		},
		func(w io.Writer) error {
			n := math.NaN()
			root := &model.Node{Children: []*model.Node{{Name: "a", Value: n}, {Name: "b", Value: -1}, nil}}
			return Sunburst(w, model.Tree{Root: root}, Options{})
		},
	} {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Error(err)
		}
		if _, err := png.DecodeConfig(bytes.NewReader(buf.Bytes())); err != nil && !bytes.HasPrefix(buf.Bytes(), []byte("<?xml")) {
			t.Errorf("not an image: %v", err)
		}
	}
}

func TestFormatting(t *testing.T) {
	for in, want := range map[int]string{0: "0", 7: "7", 999: "999", 1000: "1\u2009000", -12345: "−12\u2009345"} {
		if got := formatInt(in); got != want {
			t.Errorf("formatInt(%d) = %q, want %q", in, got, want)
		}
	}
	if percent(0.254) != "+25%" || percent(-0.5) != "−50%" || percent(0.001) != "±0%" {
		t.Errorf("percent: %q %q %q", percent(0.254), percent(-0.5), percent(0.001))
	}
}

// TestOutlinedText checks that an SVG string's outline spans what the
// layout measured: its glyphs are placed by the same advances and kerning as
// font.Face.Width, so a label fitted to a box stays in it.
func TestOutlinedText(t *testing.T) {
	for _, str := range []string{"Observability & Analysis", "WebAssembly", "Kubernetes Certified Service Provider", "Ærø ÿ 12 345"} {
		for _, bold := range []bool{false, true} {
			f := sansFont(12, bold)
			face := plot.DefaultTextHandler.Cache().Lookup(f, f.Size)
			c := &outlinedSVG{Canvas: vgsvg.New(400, 50)}
			c.FillString(face, vg.Point{X: 10, Y: 20}, str)
			var buf bytes.Buffer
			if _, err := c.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.Contains(out, "<text") || !strings.Contains(out, "<path") {
				t.Fatalf("%q: not drawn as a path", str)
			}
			// the path's x extent: every number before a comma is an x
			minX, maxX := math.Inf(1), math.Inf(-1)
			d := out[strings.Index(out, ` d="`)+4:]
			d = d[:strings.Index(d, `"`)]
			for _, part := range strings.FieldsFunc(d, func(r rune) bool { return strings.ContainsRune("MLQCZ", r) }) {
				nums := strings.Split(part, ",")
				for i := 0; i+1 < len(nums); i += 2 {
					x, err := strconv.ParseFloat(nums[i], 64)
					if err != nil {
						t.Fatalf("%q: path data %q: %v", str, part, err)
					}
					minX, maxX = math.Min(minX, x), math.Max(maxX, x)
				}
			}
			w := face.Width(str).Points()
			// the ink starts at the first glyph's side bearing and ends
			// before the last one's advance: within a point or two
			if minX < 10-0.5 || minX > 10+2 || maxX > 10+w+0.5 || maxX < 10+w-3 {
				t.Errorf("%q (bold %v): ink from %.2f to %.2f; layout width %.2f from 10", str, bold, minX, maxX, w)
			}
		}
	}
}
