package model

import (
	"fmt"
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
	r, err := identity.Apply(mem, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Release()
	a, tax, err := taxonomy.Canonical(mem, r, nil)
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
	defer res.Release()
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

// TestFold checks the folding of large trees: the bound is kept, sums do
// not change, the largest children are kept in order and each folded node
// says how many tools it holds; a tree within the bound is left alone.
func TestFold(t *testing.T) {
	// 3 categories × 4 subcategories × tools: category c, subcategory s has
	// 50·(c+1)+s tools, named so that the kept ones are known.
	build := func() (*Node, int) {
		root := &Node{Name: "root"}
		total := 0
		for c := range 3 {
			cn := &Node{Name: fmt.Sprintf("c%d", c), Color: "#112233"}
			for s := range 4 {
				sn := &Node{Name: fmt.Sprintf("c%d.s%d", c, s)}
				for k := range 50*(c+1) + s {
					sn.Children = append(sn.Children, &Node{Name: fmt.Sprintf("t%03d", k), Value: 1})
					total++
				}
				cn.Children = append(cn.Children, sn)
			}
			root.Children = append(root.Children, cn)
		}
		sortTree(root, nil, nil)
		return root, total
	}
	tests := []struct {
		limit, keep int // tools kept in each subcategory beside the folded node; -1: none folded
	}{
		{10_000, -1}, // within the bound: unchanged
		{100, 6},     // 3 + 12 + 12·k <= 100: k = 7, six tools and the folded node
		{70, 3},      // k = 4 (63 nodes; 5 would give 75)
	}
	for _, tt := range tests {
		root, total := build()
		Fold(root, tt.limit)
		n := countNodes(root, -1)
		if n > tt.limit {
			t.Errorf("limit %d: %d nodes", tt.limit, n)
		}
		if root.Value != float64(total) {
			t.Errorf("limit %d: root value %v, want %d", tt.limit, root.Value, total)
		}
		if leaves(root) != total {
			t.Errorf("limit %d: %d tools counted, want %d", tt.limit, leaves(root), total)
		}
		for _, cn := range root.Children {
			if len(cn.Children) != 4 {
				t.Fatalf("limit %d: %s has %d subcategories", tt.limit, cn.Name, len(cn.Children))
			}
			for _, sn := range cn.Children {
				var sum float64
				for i, c := range sn.Children {
					sum += c.Value
					if c.More == 0 && c.Name != fmt.Sprintf("t%03d", i) {
						t.Errorf("limit %d: %s child %d is %s", tt.limit, sn.Name, i, c.Name)
					}
				}
				if sum != sn.Value {
					t.Errorf("limit %d: %s sums to %v, value %v", tt.limit, sn.Name, sum, sn.Value)
				}
				last := sn.Children[len(sn.Children)-1]
				if tt.keep < 0 {
					if last.More != 0 || len(sn.Children) != int(sn.Value) {
						t.Errorf("limit %d: %s folded", tt.limit, sn.Name)
					}
					continue
				}
				want := int(sn.Value) - tt.keep
				if len(sn.Children) != tt.keep+1 || last.More != want || last.Value != float64(want) || last.Color != sn.Color ||
					last.Name != fmt.Sprintf("%d more tools", want) || !strings.Contains(last.Description, sn.Name) {
					t.Errorf("limit %d: %s's last child %+v, want %d more tools", tt.limit, sn.Name, last, want)
				}
			}
		}
	}
	// A whole subtree folded counts its tools, with thousands separated.
	root := &Node{Name: "r"}
	for c := range 5 {
		cn := &Node{Name: fmt.Sprintf("c%d", c)}
		for k := range 1000 + c {
			cn.Children = append(cn.Children, &Node{Name: fmt.Sprintf("t%d", k), Value: 1})
		}
		root.Children = append(root.Children, cn)
	}
	sortTree(root, nil, nil)
	Fold(root, 3)
	// Five groups do not fit with tools: the groups become leaves (their
	// tools in the explorer), the largest two kept and the others folded.
	if len(root.Children) != 3 || root.Value != 5010 {
		t.Fatalf("limit 3: %d children, value %v", len(root.Children), root.Value)
	}
	for i, want := range []struct {
		name  string
		value float64
		more  int
	}{{"c4", 1004, 1004}, {"c3", 1003, 1003}, {"3,003 more tools", 3003, 3003}} {
		c := root.Children[i]
		if c.Name != want.name || c.Value != want.value || c.More != want.more || len(c.Children) != 0 || !strings.Contains(c.Description, "tool explorer") {
			t.Errorf("limit 3, child %d: %+v, want %+v", i, c, want)
		}
	}
	// A tree of many groups keeps every group before any of their tools.
	root = &Node{Name: "r"}
	for c := range 40 {
		cn := &Node{Name: fmt.Sprintf("c%02d", c)}
		for s := range 10 {
			sn := &Node{Name: fmt.Sprintf("c%02d.s%d", c, s)}
			for k := range 250 {
				sn.Children = append(sn.Children, &Node{Name: fmt.Sprintf("t%03d", k), Value: 1})
			}
			cn.Children = append(cn.Children, sn)
		}
		root.Children = append(root.Children, cn)
	}
	sortTree(root, nil, nil)
	Fold(root, MaxTreeNodes)
	if n := countNodes(root, -1); n > MaxTreeNodes || len(root.Children) != 40 || len(root.Children[39].Children) != 10 ||
		len(root.Children[39].Children[9].Children) != 6 || root.Children[39].Children[9].Children[5].More != 245 {
		t.Errorf("40 × 10 × 250: %d nodes, %d categories", n, len(root.Children))
	}
}
