package model

import (
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

func result(t *testing.T, mem memory.Allocator, releases ...[]catalog.Listing) *analyze.Result {
	t.Helper()
	var snaps []*catalog.Snapshot
	for i, ls := range releases {
		d := time.Date(2024+i, 6, 30, 0, 0, 0, 0, time.UTC)
		snaps = append(snaps, &catalog.Snapshot{Release: catalog.Release{ID: d.Format("2006-01-02"), Date: d}, Listings: ls})
	}
	h, err := catalog.NewHistory(mem, "demo", snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	r, _, err := identity.Apply(mem, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	tax := taxonomy.Align(r, nil)
	a, err := r.WithCanonicalCategories(mem, taxonomy.Apply(r, tax))
	if err != nil {
		t.Fatal(err)
	}
	return analyze.Run(a, tax)
}

func TestModels(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	l := func(name, cat, sub string) catalog.Listing {
		return catalog.Listing{Name: name, Category: cat, Subcategory: sub, HomepageURL: "https://" + strings.ToLower(name) + ".example", Description: strings.Repeat("d", 300)}
	}
	res := result(t, mem,
		[]catalog.Listing{l("A", "Data", "Labelling"), l("B", "Data", "Labelling"), l("C", "Serving", "Inference")},
		[]catalog.Listing{l("A", "Data", "Labelling"), l("C", "Data", "Versioning"), l("D", "Serving", "Inference"), l("D", "Serving", "Gateways"), l("E", "Serving", "Inference")},
	)
	defer res.History.Release()
	pal := Palette(res)
	// The release file describes a category and a subcategory (only the
	// newest release's descriptions count).
	res.Releases[0].Groups = []catalog.Group{{Category: "Serving", Description: "old"}}
	res.Releases[1].Groups = []catalog.Group{{Category: "Data", Description: "Getting data into shape"},
		{Category: "Serving", Subcategory: "Inference", Description: "Answering <requests>"}}

	tree := TreeOf(res, 1, pal, "t")
	if tree.Root.Value != 5 || len(tree.Root.Children) != 2 { // D is a leaf in both of its subcategories
		t.Fatalf("root: value %v, %d children", tree.Root.Value, len(tree.Root.Children))
	}
	serving := tree.Root.Children[0]                                            // largest first
	if serving.Name != "Serving" || serving.Value != 3 || serving.Growth != 1 { // 1 → 2 tools: +100%
		t.Errorf("Serving node: %+v", serving)
	}
	data := tree.Root.Children[1]
	if data.Name != "Data" || data.Value != 2 || data.Color != pal.Hex("Data") || data.Growth != 0 {
		t.Errorf("Data node: %+v", data)
	}
	if data.Description != "Getting data into shape" || serving.Description != "" {
		t.Errorf("category descriptions: Data %q, Serving %q", data.Description, serving.Description)
	}
	for _, sub := range serving.Children {
		if want := map[string]string{"Inference": "Answering <requests>"}[sub.Name]; sub.Description != want {
			t.Errorf("subcategory %s: description %q, want %q", sub.Name, sub.Description, want)
		}
	}
	leaf := data.Children[0].Children[0]
	if n := len([]rune(leaf.Description)); n != maxDescription || !strings.HasSuffix(leaf.Description, "…") {
		t.Errorf("description not clipped to %d runes: %d", maxDescription, n)
	}

	g := GrowthOf(res, pal, "g")
	if len(g.Releases) != 2 || g.Series[0].Name != "Data" || g.Series[0].Values[0] != 2 || g.Series[0].Values[1] != 2 || g.Series[1].Values[1] != 2 {
		t.Errorf("growth: %+v", g)
	}
	if !g.HasDates() || g.Dates[1] != time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC) || g.Of != 0 {
		t.Errorf("growth dates: %v (of %d)", g.Dates, g.Of)
	}
	c := ChurnOf(res, 1, pal, "c")
	want := map[string][2]int{"Data": {1, 1}, "Serving": {2, 1}} // Data: +C (moved in) −B; Serving: +D +E −C (moved out)
	for i, cat := range c.Categories {
		if got := [2]int{c.Added[i], c.Removed[i]}; got != want[cat] {
			t.Errorf("churn %s: %v, want %v", cat, got, want[cat])
		}
	}
	f := FlowsOf(res, 1, pal, "f")
	flows := map[string]int{}
	for _, fl := range f.Flows {
		flows[fl.From+" → "+fl.To] = fl.Tools
	}
	for k, n := range map[string]int{"Data → Data": 1, "Serving → Data": 1, "(new) → Serving": 2, "Data → (removed)": 1} {
		if flows[k] != n {
			t.Errorf("flow %s = %d, want %d (all: %v)", k, flows[k], n, flows)
		}
	}
	s := SurvivalOf(res, pal, "s")
	if len(s.Curves) == 0 || s.Curves[0].Name != "all tools" || s.Curves[0].Prob[0] != 1 {
		t.Errorf("survival: %+v", s)
	}
	if s.Unit != "months" { // KMPoint.Time is days: a few of them are months
		t.Errorf("survival unit %q", s.Unit)
	}
}
