package html

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"flag"
	stdhtml "html"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/charts/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// stripLibrary removes the inlined ECharts library so checks look at what
// this package wrote.
func stripLibrary(page []byte) []byte {
	return bytes.ReplaceAll(page, echartsJS, []byte("/*echarts*/"))
}

// optionOf extracts the option object passed to landscapeChart.
func optionOf(t *testing.T, page []byte) (args []string, option map[string]interface{}) {
	t.Helper()
	const call = "landscapeChart("
	i := bytes.LastIndex(page, []byte(call))
	if i < 0 {
		t.Fatalf("no %s call in page", call)
	}
	dec := json.NewDecoder(bytes.NewReader(page[i+len(call):]))
	if err := dec.Decode(&args); err != nil {
		t.Fatalf("decode args: %v", err)
	}
	rest := page[i+len(call)+int(dec.InputOffset()):]
	rest = bytes.TrimLeft(rest, ",\n ")
	dec = json.NewDecoder(bytes.NewReader(rest))
	if err := dec.Decode(&option); err != nil {
		t.Fatalf("decode option: %v", err)
	}
	return args, option
}

func renderCase(t *testing.T, c chartCase, o Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := c.render(&buf, o); err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	return buf.Bytes()
}

// forbidden are markup fragments from the hostile data that must never
// appear raw in a page.
var forbidden = []string{
	"</script><script>",
	"<img src=x",
	"<svg onload",
	"<iframe",
	"<!--",
	"javascript:",
	"vbscript:",
	"data:text/html",
	"onerror=\"window",
}

var scriptBody = regexp.MustCompile(`(?s)<script[^>]*>(.*?)</script>`)

func TestRenderAllKinds(t *testing.T) {
	for _, c := range allChartCases() {
		for _, assets := range []string{AssetsInline, AssetsLocal, AssetsCDN} {
			for _, snippet := range []bool{false, true} {
				for _, theme := range []string{"", ThemeDark} {
					o := Options{Assets: assets, Snippet: snippet, Theme: theme}
					name := c.name + "/" + assets
					if snippet {
						name += "/snippet"
					}
					if theme != "" {
						name += "/" + theme
					}
					t.Run(name, func(t *testing.T) {
						page := renderCase(t, c, o)
						own := stripLibrary(page)
						s := string(own)
						for _, f := range forbidden {
							if strings.Contains(strings.ToLower(s), strings.ToLower(f)) {
								t.Errorf("page contains %q", f)
							}
						}
						for _, m := range scriptBody.FindAllStringSubmatch(s, -1) {
							for _, r := range strings.ReplaceAll(m[1], "/*echarts*/", "") {
								if r >= 0x80 {
									t.Errorf("a script holds a raw non-ASCII character %U", r)
									break
								}
							}
						}
						if got := strings.Count(strings.ToLower(s), "<script"); got != 2 {
							t.Errorf("%d <script> tags, want 2 (library and init)", got)
						}
						if got := strings.Count(strings.ToLower(s), "</script"); got != 2 {
							t.Errorf("%d </script> tags, want 2", got)
						}
						if !strings.Contains(s, `id="landscape-`+c.kind+`"`) || !strings.Contains(s, `data-landscape-chart="`+c.kind+`"`) {
							t.Errorf("chart element for %s missing", c.kind)
						}
						if snippet == strings.Contains(s, "<html") || snippet == strings.Contains(s, "<head>") {
							t.Errorf("snippet=%v but <html>/<head> presence disagrees", snippet)
						}
						switch assets {
						case AssetsInline:
							if !bytes.Contains(page, echartsJS) {
								t.Errorf("library not inlined")
							}
						case AssetsLocal:
							if !strings.Contains(s, `<script src="echarts.min.js"></script>`) {
								t.Errorf("local script tag missing")
							}
						case AssetsCDN:
							want := `<script src="` + CDNURL + `" integrity="` + CDNIntegrity + `" crossorigin="anonymous"></script>`
							if !strings.Contains(stdhtml.UnescapeString(s), want) {
								t.Errorf("cdn script tag missing: want %s", want)
							}
						}
						args, option := optionOf(t, page)
						wantTheme := ThemeLight
						if theme != "" {
							wantTheme = theme
						}
						if len(args) != 5 || args[3] != "" || args[4] == "" || args[0] != "landscape-"+c.kind || args[1] != c.kind || args[2] != wantTheme {
							t.Errorf("args = %q", args)
						}
						if _, ok := option["series"]; !ok {
							t.Errorf("option has no series")
						}
						if _, ok := option[fnKey]; !ok {
							t.Errorf("option has no %s", fnKey)
						}
						checkURLs(t, option)
					})
				}
			}
		}
	}
}

// checkURLs fails on any "url" member of the option that is not http(s).
func checkURLs(t *testing.T, v interface{}) {
	t.Helper()
	switch x := v.(type) {
	case map[string]interface{}:
		for k, e := range x {
			if s, ok := e.(string); ok && (k == "url" || k == "link" || k == "sublink") {
				if !regexp.MustCompile(`^https?://`).MatchString(s) {
					t.Errorf("%s %q is not http(s)", k, s)
				}
			}
			checkURLs(t, e)
		}
	case []interface{}:
		for _, e := range x {
			checkURLs(t, e)
		}
	}
}

// TestHostileDataSurvives checks that escaping keeps the data: the hostile
// strings reach the option intact (as JSON strings), for ECharts to draw as
// text and the tooltip to escape.
func TestHostileDataSurvives(t *testing.T) {
	var buf bytes.Buffer
	if err := Sunburst(&buf, hostileTree(), Options{Assets: AssetsLocal}); err != nil {
		t.Fatal(err)
	}
	_, option := optionOf(t, buf.Bytes())
	raw, _ := json.Marshal(option)
	var names []string
	var walk func(v interface{})
	walk = func(v interface{}) {
		switch x := v.(type) {
		case map[string]interface{}:
			if n, ok := x["name"].(string); ok {
				names = append(names, n)
			}
			for _, e := range x {
				walk(e)
			}
		case []interface{}:
			for _, e := range x {
				walk(e)
			}
		}
	}
	walk(option["series"])
	for _, h := range hostileStrings {
		found := false
		for _, n := range names {
			if n == h {
				found = true
			}
		}
		if !found {
			t.Errorf("hostile name %q lost (option %.200s)", h, raw)
		}
	}
	// The hostile page title is HTML-escaped.
	if !strings.Contains(buf.String(), "<title>&lt;img src=x onerror=&#34;window.__pwned=1&#34;&gt;</title>") {
		t.Errorf("title not escaped as expected:\n%.600s", buf.String())
	}
}

func TestDeterministic(t *testing.T) {
	for _, c := range allChartCases() {
		t.Run(c.name, func(t *testing.T) {
			for _, o := range []Options{{}, {Assets: AssetsCDN, Snippet: true, Theme: ThemeDark}} {
				a := renderCase(t, c, o)
				for i := 0; i < 3; i++ {
					if b := renderCase(t, c, o); !bytes.Equal(a, b) {
						t.Fatalf("render %d differs", i+2)
					}
				}
			}
		})
	}
	// Rebuilt models (fresh pointers, maps) render identically too.
	a, b := renderCase(t, chartCases(false)[5], Options{}), renderCase(t, chartCases(false)[5], Options{})
	if !bytes.Equal(a, b) {
		t.Fatal("flows differ between two models built the same way")
	}
}

func TestGolden(t *testing.T) {
	type golden struct {
		name string
		c    chartCase
		o    Options
	}
	var cases []golden
	for _, c := range allChartCases() {
		cases = append(cases, golden{c.name, c, Options{Assets: AssetsLocal}})
	}
	real := chartCases(false)
	cases = append(cases,
		golden{"snippet-cdn-sunburst", real[0], Options{Assets: AssetsCDN, Snippet: true, ID: "post-chart-1", Width: "800px", Height: "500px"}},
		golden{"dark-treemap", real[1], Options{Assets: AssetsLocal, AssetsPath: "../assets/echarts.min.js", Theme: ThemeDark, Title: "Landscape by growth"}},
	)
	for _, g := range cases {
		t.Run(g.name, func(t *testing.T) {
			got := renderCase(t, g.c, g.o)
			path := filepath.Join("testdata", g.name+".html")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./charts/html/ -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file (run with -update if intended)", path)
			}
		})
	}
}

func TestTreemapLeafDepth(t *testing.T) {
	var buf bytes.Buffer
	if err := Treemap(&buf, realisticTree(), Options{}); err != nil {
		t.Fatal(err)
	}
	_, option := optionOf(t, buf.Bytes())
	series := option["series"].([]interface{})[0].(map[string]interface{})
	if got, ok := series["leafDepth"].(float64); !ok || got != TreemapLeafDepth {
		t.Errorf("series.leafDepth = %v, want %d", series["leafDepth"], TreemapLeafDepth)
	}
	if _, ok := series["leafDeapth"]; ok {
		t.Errorf("misspelt leafDeapth reached the page")
	}
	if series["type"] != "treemap" {
		t.Errorf("series type %v", series["type"])
	}
	if !strings.Contains(buf.String(), `"leafDepth":2`) {
		t.Errorf(`page lacks "leafDepth":2`)
	}
}

func TestSunburstOption(t *testing.T) {
	var buf bytes.Buffer
	if err := Sunburst(&buf, realisticTree(), Options{}); err != nil {
		t.Fatal(err)
	}
	_, option := optionOf(t, buf.Bytes())
	s := option["series"].([]interface{})[0].(map[string]interface{})
	if s["nodeClick"] != "rootToNode" || s["type"] != "sunburst" {
		t.Errorf("series = %v", s)
	}
	data := s["data"].([]interface{})
	if len(data) != len(realCatalog) {
		t.Fatalf("%d categories, want %d", len(data), len(realCatalog))
	}
	cat := data[0].(map[string]interface{})
	if cat["itemStyle"].(map[string]interface{})["color"] == "" {
		t.Errorf("category without colour")
	}
	tool := cat["children"].([]interface{})[0].(map[string]interface{})["children"].([]interface{})[0].(map[string]interface{})
	if tool["name"] != "Vitess" || tool["value"] != 1.0 || tool["url"] != "https://github.com/example/vitess" || !strings.Contains(tool["description"].(string), "Vitess") {
		t.Errorf("tool = %v", tool)
	}
}

func TestFlowNames(t *testing.T) {
	from, to := FlowNodeNames("Data", "2025-12-31", "2026-06-30")
	if from != "Data (2025-12-31)" || to != "Data (2026-06-30)" {
		t.Errorf("got %q → %q", from, to)
	}
	if from, to := FlowNodeNames("Data", "x", "x"); from == to {
		t.Errorf("equal releases give equal names %q", from)
	}
	if from, to := FlowNodeNames("(new)", "a", "b"); from != "(new)" || to != "(new)" {
		t.Errorf("(new) named %q, %q", from, to)
	}
	var buf bytes.Buffer
	if err := Flows(&buf, hostileFlows(), Options{}); err != nil {
		t.Fatal(err)
	}
	_, option := optionOf(t, buf.Bytes())
	s := option["series"].([]interface{})[0].(map[string]interface{})
	ids := map[string]bool{}
	for _, n := range s["data"].([]interface{}) {
		id := n.(map[string]interface{})["id"].(string)
		if ids[id] {
			t.Errorf("duplicate node id %q", id)
		}
		ids[id] = true
	}
	for _, l := range s["links"].([]interface{}) {
		m := l.(map[string]interface{})
		src, dst := m["source"].(string), m["target"].(string)
		if !ids[src] || !ids[dst] || src == dst || src[0] != 'a' || dst[0] != 'b' {
			t.Errorf("bad link %v", m)
		}
	}
}

func TestTopSeries(t *testing.T) {
	in := []model.Series{
		{Name: "b", Values: []float64{1, 5}},
		{Name: "a", Values: []float64{9, 5}},
		{Name: "c", Values: []float64{0, 7}},
		{Name: "d"},
		{Name: "e", Values: []float64{math.NaN()}},
	}
	tests := []struct {
		k    int
		want string
	}{
		{2, "c,a"},
		{3, "c,a,b"},
		{0, "c,a,b,d,e"},
		{-1, "c,a,b,d,e"},
		{10, "c,a,b,d,e"},
	}
	for _, tt := range tests {
		var names []string
		for _, s := range TopSeries(in, tt.k) {
			names = append(names, s.Name)
		}
		if got := strings.Join(names, ","); got != tt.want {
			t.Errorf("TopSeries(k=%d) = %s, want %s", tt.k, got, tt.want)
		}
	}
}

func TestGrowthColor(t *testing.T) {
	tests := []struct {
		g    float64
		want string
	}{
		{0, growthFlat},
		{GrowthScale, growthGrow},
		{10, growthGrow},
		{-GrowthScale, growthShrink},
		{-3, growthShrink},
		{math.NaN(), growthFlat},
		{math.Inf(1), growthFlat},
	}
	for _, tt := range tests {
		if got := GrowthColor(tt.g); got != tt.want {
			t.Errorf("GrowthColor(%v) = %s, want %s", tt.g, got, tt.want)
		}
	}
	if c := GrowthColor(0.25); c == growthFlat || c == growthGrow || !hexColor.MatchString(c) {
		t.Errorf("GrowthColor(0.25) = %s, want between", c)
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.com/x?y=1#z", "https://example.com/x?y=1#z"},
		{"http://example.com", "http://example.com"},
		{"  https://example.com  ", "https://example.com"},
		{"HTTPS://EXAMPLE.COM", "HTTPS://EXAMPLE.COM"},
		{"javascript:alert(1)", ""},
		{" JaVaScRiPt:alert(1)", ""},
		{"javascript://example.com/%0aalert(1)", ""},
		{"data:text/html,x", ""},
		{"//example.com", ""},
		{"example.com", ""},
		{`https://example.com/"><img src=x>`, ""},
		{"https://exa mple.com", ""},
		{"ftp://example.com", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := safeURL(tt.in); got != tt.want {
			t.Errorf("safeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSafeJSON(t *testing.T) {
	b, err := safeJSON(map[string]string{"x": "</script><!--\u2028\u2029&é→😀"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"x":"\u003c/script\u003e\u003c!--\u2028\u2029\u0026\u00e9\u2192\ud83d\ude00"}`
	if string(b) != want {
		t.Errorf("got %s, want %s", b, want)
	}
	var back map[string]string
	if err := json.Unmarshal(b, &back); err != nil || back["x"] != "</script><!--\u2028\u2029&é→😀" {
		t.Errorf("round trip: %q, %v", back["x"], err)
	}
}

func TestOptionsErrors(t *testing.T) {
	tree := realisticTree()
	bad := []Options{
		{Assets: "remote"},
		{Theme: "solarized"},
		{ID: "1chart"},
		{ID: `x" onload="alert(1)`},
		{ID: strings.Repeat("a", 65)},
		{Width: "100%;background:red"},
		{Height: "expression(alert(1))"},
		{Height: "600"},
		{Assets: AssetsLocal, AssetsPath: `x" onload="alert(1)`},
	}
	for _, o := range bad {
		if err := Sunburst(&bytes.Buffer{}, tree, o); err == nil {
			t.Errorf("Options %+v: no error", o)
		}
	}
	good := []Options{{ID: "my_chart-2", Width: "80vw", Height: "70vh"}, {Width: "0", Height: "450.5px"}}
	for _, o := range good {
		if err := Sunburst(&bytes.Buffer{}, tree, o); err != nil {
			t.Errorf("Options %+v: %v", o, err)
		}
	}
	if err := Sunburst(&bytes.Buffer{}, model.Tree{}, Options{}); err == nil {
		t.Errorf("nil root: no error")
	}
	if err := Treemap(&bytes.Buffer{}, model.Tree{}, Options{}); err == nil {
		t.Errorf("nil root: no error")
	}
}

func TestCyclicTree(t *testing.T) {
	n := &model.Node{Name: "loop"}
	n.Children = []*model.Node{n}
	if err := Sunburst(&bytes.Buffer{}, model.Tree{Root: n}, Options{}); err == nil {
		t.Error("cyclic tree: no error")
	}
}

func TestEmptyModels(t *testing.T) {
	var buf bytes.Buffer
	for _, f := range []func() error{
		func() error { return Sunburst(&buf, model.Tree{Root: &model.Node{}}, Options{}) },
		func() error { return Treemap(&buf, model.Tree{Root: &model.Node{}}, Options{}) },
		func() error { return GrowthArea(&buf, model.Growth{}, Options{}) },
		func() error { return GrowthLines(&buf, model.Growth{}, 5, Options{}) },
		func() error { return Churn(&buf, model.Churn{}, Options{}) },
		func() error { return Flows(&buf, model.Flows{}, Options{}) },
		func() error { return Survival(&buf, model.Survival{}, Options{}) },
	} {
		if err := f(); err != nil {
			t.Error(err)
		}
	}
}

func TestOptionsTitleAndIDAndSize(t *testing.T) {
	var buf bytes.Buffer
	o := Options{ID: "fig3", Title: "My <b>title</b>", Width: "720px", Height: "480px"}
	if err := Churn(&buf, realisticChurn(), o); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{`<title>My &lt;b&gt;title&lt;/b&gt;</title>`, `id="fig3"`, `style="width:720px;height:480px;max-width:100%"`, `aria-label="My &lt;b&gt;title&lt;/b&gt;"`} {
		if !strings.Contains(s, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	_, option := optionOf(t, buf.Bytes())
	if option["title"].(map[string]interface{})["text"] != "My <b>title</b>" {
		t.Errorf("chart title = %v", option["title"])
	}
}

func TestAssets(t *testing.T) {
	h := sha512.Sum384(echartsJS)
	if want := "sha384-" + base64.StdEncoding.EncodeToString(h[:]); CDNIntegrity != want {
		t.Errorf("CDNIntegrity = %s, want %s", CDNIntegrity, want)
	}
	// The vendored file is ECharts 5.4.3 as published; if it changes, so
	// must this hash (and the CDN URL's version).
	if CDNIntegrity != "sha384-BQKzmHvQLMCAnL3UtDBA1Al5tFjsCz1wrMlIUA1wkzo14DYkRWjywW+p9pCj0cwd" {
		t.Errorf("vendored echarts.min.js changed: %s", CDNIntegrity)
	}
	if !strings.Contains(CDNURL, "@"+EChartsVersion+"/") {
		t.Errorf("CDN URL %s is not versioned", CDNURL)
	}
	if !bytes.Contains(echartsJS[:2000], []byte("Apache")) || !bytes.Contains(echartsLicense, []byte("Apache License")) {
		t.Errorf("licence text missing")
	}
	files := AssetFiles()
	if len(files) != 2 || files[0].Name != "echarts.min.js" || !bytes.Equal(files[0].Data, echartsJS) ||
		files[1].Name != "LICENSE-echarts.txt" || !bytes.Equal(files[1].Data, echartsLicense) {
		t.Errorf("AssetFiles: %d files", len(files))
	}
	if !scriptSafe(echartsJS) || !scriptSafe([]byte(runtimeJS)) {
		t.Error("embedded scripts not inlinable")
	}
}

func TestChartID(t *testing.T) {
	for _, tt := range []struct {
		parts []string
		want  string
	}{
		{[]string{"mlops", "2026-06-30", "sunburst"}, "landscape-mlops-2026-06-30-sunburst"},
		{[]string{"CNCF Landscape", "r2 </script>", "growth-lines"}, "landscape-cncf-landscape-r2-script-growth-lines"},
		{[]string{"", "x"}, "landscape--x"},
	} {
		got := ChartID(tt.parts...)
		if got != tt.want {
			t.Errorf("ChartID(%q) = %q, want %q", tt.parts, got, tt.want)
		}
		if !idPattern.MatchString(got) {
			t.Errorf("ChartID(%q) = %q: not a valid id", tt.parts, got)
		}
	}
	long := strings.Repeat("a", 80)
	a, b := ChartID(long, "1", "sunburst"), ChartID(long, "2", "sunburst")
	if a == b || len(a) > 64 || !idPattern.MatchString(a) {
		t.Errorf("long parts: %q and %q", a, b)
	}
}

// TestSnippetFallbackAndBack: a snippet shows its PNG without scripts
// (noscript) and passes it to the runtime for when the library cannot load;
// a page links back; "none" writes no library element; bad URLs are refused.
func TestSnippetFallbackAndBack(t *testing.T) {
	var buf bytes.Buffer
	if err := Churn(&buf, realisticChurn(), Options{Snippet: true, Assets: AssetsCDN, ID: "c1", Fallback: "churn.png", Alt: "Churn <per> category"}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	for _, want := range []string{`<noscript><img src="churn.png" alt="Churn &lt;per&gt; category"`, `"churn.png","Churn \u003cper\u003e category"`, `role="figure"`} {
		if !strings.Contains(s, want) {
			t.Errorf("snippet lacks %s:\n%.600s", want, s)
		}
	}
	buf.Reset()
	if err := Churn(&buf, realisticChurn(), Options{Assets: AssetsNone, Snippet: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Count(buf.String(), "<script") != 1 {
		t.Errorf("assets none: %d script elements", strings.Count(buf.String(), "<script"))
	}
	buf.Reset()
	if err := Churn(&buf, realisticChurn(), Options{Back: "index.html"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<a href="index.html">`) {
		t.Error("page does not link back")
	}
	for _, bad := range []Options{{Back: "javascript:alert(1)"}, {Fallback: `x" onerror="y`}, {Fallback: "data:image/png,x"}} {
		if err := Churn(&buf, realisticChurn(), bad); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

// TestTreemapColours: by category unless asked for growth (then with the
// colour bar that explains the scale).
func TestTreemapColours(t *testing.T) {
	tree := realisticTree()
	for _, byGrowth := range []bool{false, true} {
		var buf bytes.Buffer
		if err := Treemap(&buf, tree, Options{ColorByGrowth: byGrowth}); err != nil {
			t.Fatal(err)
		}
		_, option := optionOf(t, buf.Bytes())
		if _, ok := option["visualMap"]; ok != byGrowth {
			t.Errorf("by growth %v: colour bar %v", byGrowth, ok)
		}
		first := option["series"].([]interface{})[0].(map[string]interface{})["data"].([]interface{})[0].(map[string]interface{})
		got := first["itemStyle"].(map[string]interface{})["color"]
		if want := tree.Root.Children[0].Color; (got == want) == byGrowth {
			t.Errorf("by growth %v: first category coloured %v (its colour %s)", byGrowth, got, want)
		}
	}
}
