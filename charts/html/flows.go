package html

import (
	"fmt"
	"io"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
)

// sankeyNode and sankeyLink are ECharts sankey data. Nodes have ids ("a0"
// for the previous release's categories, "b0" for the release's) and links
// refer to them, so the graph is always two-layered and acyclic, whatever
// the names are; fromName/toName are read by the tooltip.
type sankeyNode struct {
	ID        string     `json:"id"`
	Name      string     `json:"name"`
	Depth     int        `json:"depth"`
	Category  string     `json:"category"` // the label (the name adds the release)
	ItemStyle *itemStyle `json:"itemStyle,omitempty"`
}

type sankeyLink struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	Value    int    `json:"value"`
	FromName string `json:"fromName"`
	ToName   string `json:"toName"`
}

// FlowNodeNames are the sankey labels of a category on the left (previous
// release) and right (release): "Data (2025-12-31)" → "Data (2026-06-30)".
// With no or equal release ids, "(before)" and "(after)" keep them apart.
// The model's pseudo-categories "(new)" and "(removed)" stay as they are.
func FlowNodeNames(category, previous, release string) (from, to string) {
	if previous == "" || release == "" || previous == release {
		previous, release = "before", "after"
	}
	from, to = fmt.Sprintf("%s (%s)", category, previous), fmt.Sprintf("%s (%s)", category, release)
	if category == "(new)" || category == "(removed)" {
		from, to = category, category
	}
	return from, to
}

// Flows writes tools moving between categories from release Previous (left)
// to Release (right) as a sankey. Flows with Tools <= 0 are left out;
// repeated (From, To) pairs are summed. A category's tools that stayed put
// flow from its left node to its right node (distinct nodes, so no
// self-loop). Node colours come from charts/palette over the flows'
// category names (model.Flows has no colours; "(new)" and "(removed)" are
// grey).
func Flows(w io.Writer, f model.Flows, o Options) error {
	title := o.title(f.Title, "Tools moving between categories")
	sub := releaseSpan(f.Previous, f.Release)

	type pair struct{ from, to string }
	sums := map[pair]int{}
	var names []string
	for _, fl := range f.Flows {
		if fl.Tools <= 0 {
			continue
		}
		p := pair{fl.From, fl.To}
		for _, n := range []string{fl.From, fl.To} {
			if n != "(new)" && n != "(removed)" {
				names = append(names, n)
			}
		}
		sums[p] += fl.Tools
	}
	pairs := make([]pair, 0, len(sums))
	for p := range sums {
		pairs = append(pairs, p)
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i].from != pairs[j].from {
			return pairs[i].from < pairs[j].from
		}
		return pairs[i].to < pairs[j].to
	})
	pal := palette.New(names)
	colorOf := pal.Hex
	if len(f.Colors) > 0 { // the catalog's palette, the same in every chart
		colorOf = func(c string) string {
			if h, ok := f.Colors[c]; ok {
				return h
			}
			return pal.Hex(c)
		}
	}

	var nodes []sankeyNode
	ids := map[string]string{} // side + category → id
	node := func(side, category string) (string, string) {
		from, to := FlowNodeNames(category, f.Previous, f.Release)
		name, depth := from, 0
		if side == "b" {
			name, depth = to, 1
		}
		if id, ok := ids[side+"\x00"+category]; ok {
			return id, name
		}
		id := fmt.Sprintf("%s%d", side, len(ids))
		ids[side+"\x00"+category] = id
		nodes = append(nodes, sankeyNode{ID: id, Name: name, Depth: depth, Category: category, ItemStyle: &itemStyle{Color: colorOf(category)}}) // grey for (new), (removed)
		return id, name
	}
	// Left nodes first, then right nodes, each in sorted category order.
	for _, p := range pairs {
		node("a", p.from)
	}
	var tos []string
	for _, p := range pairs {
		tos = append(tos, p.to)
	}
	sort.Strings(tos)
	for _, t := range tos {
		node("b", t)
	}
	links := make([]sankeyLink, 0, len(pairs))
	for _, p := range pairs {
		s, sn := node("a", p.from)
		t, tn := node("b", p.to)
		links = append(links, sankeyLink{Source: s, Target: t, Value: sums[p], FromName: sn, ToName: tn})
	}

	c := charts.NewSankey()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	c.AddSeries("flows", nil, nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) {
		s.Data = nodes
		s.Links = links
	}))
	overlay := obj{
		"tooltip": itemTooltipOverlay(),
		"series": []interface{}{obj{
			"left": 20, "right": 20, "top": 70, "bottom": 20,
			"nodeAlign":        "justify",
			"layoutIterations": 32,
			"emphasis":         obj{"focus": "adjacency"},
			"lineStyle":        obj{"color": "gradient", "curveness": 0.5, "opacity": 0.35},
			// labels are fitted by the runtime (flowLabel): shortened in
			// whole words, left out where they would overlap a larger
			// node's (the tooltip names every node)
			"label": obj{"show": true, "overflow": "none", "width": 220},
			"levels": []interface{}{
				obj{"depth": 0, "label": obj{"position": "right"}},
				obj{"depth": 1, "label": obj{"position": "left"}},
			},
		}},
	}
	option, err := optionJSON(c, overlay, []fnRef{
		{Path: []interface{}{"tooltip", "formatter"}, Fn: "flowTip"},
		{Path: []interface{}{"tooltip", "position"}, Fn: "tipPosition"},
		// ECharts labels sankey nodes that have an id with the id
		{Path: []interface{}{"series", 0, "label", "formatter"}, Fn: "flowLabel"},
	})
	if err != nil {
		return err
	}
	return render(w, "flows", title, option, o)
}
