package html

import (
	"errors"
	"fmt"
	"io"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
)

// maxTipTools is how many tool names a category's tooltip lists.
const maxTipTools = 12

// categoryBar is one bar of CategoryBars. description, tools and more are
// not ECharts options: the tooltip formatter reads them (escaped).
type categoryBar struct {
	Name        string     `json:"name"`
	Value       float64    `json:"value"`
	Description string     `json:"description,omitempty"`
	Tools       []string   `json:"tools,omitempty"` // the first maxTipTools, by name
	More        int        `json:"more,omitempty"`  // tools not named
	ItemStyle   *itemStyle `json:"itemStyle,omitempty"`
}

// CategoryBars writes a flat catalog — categories holding tools, no
// subcategories, as an awesome list is — as horizontal bars, one per
// category, largest at the top, in the category's colour, with its tool
// count; the tooltip gives the category's description and names its first
// tools. Sunburst writes a flat tree (model.Tree.Flat) this way: a single
// ring of thin sectors says less than bars.
func CategoryBars(w io.Writer, t model.Tree, o Options) error {
	if t.Root == nil {
		return errors.New("html: categories: tree has no root")
	}
	var bars []categoryBar
	total := 0
	for i, c := range t.Root.Children {
		if c == nil {
			continue
		}
		var names []string
		n := leafCount(c, 0)
		for _, k := range c.Children {
			if k != nil && len(k.Children) == 0 {
				names = append(names, k.Name)
			}
		}
		sort.SliceStable(names, func(a, b int) bool { return names[a] < names[b] })
		b := categoryBar{Name: c.Name, Value: float64(n), Description: c.Description,
			ItemStyle: &itemStyle{Color: colorOr(c.Color, palette.Colors[i%len(palette.Colors)])}}
		if len(names) > maxTipTools {
			b.More = len(names) - maxTipTools
			names = names[:maxTipTools]
		}
		b.Tools = names
		bars = append(bars, b)
		total += n
	}
	sort.SliceStable(bars, func(i, j int) bool {
		if bars[i].Value != bars[j].Value {
			return bars[i].Value > bars[j].Value
		}
		return bars[i].Name < bars[j].Name
	})
	names := make([]string, len(bars))
	for i, b := range bars {
		names[i] = b.Name
	}
	title, sub := treeTitle(t, o, "Categories")
	if sub != "" {
		sub += " \u00b7 "
	}
	sub += fmt.Sprintf("%d tools in %d categories", total, len(bars))

	c := charts.NewBar()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	c.SetXAxis(names).XYReversal()
	c.AddSeries("tools", nil, charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = bars }))
	overlay := obj{
		"tooltip": itemTooltipOverlay(),
		"grid":    []interface{}{obj{"left": 12, "right": 24, "top": 70, "bottom": 30, "containLabel": true}},
		"xAxis":   []interface{}{obj{"boundaryGap": []interface{}{0, "10%"}, "minInterval": 1}},
		"yAxis":   []interface{}{obj{"axisTick": obj{"show": false}, "axisLabel": obj{"width": 280, "overflow": "truncate"}}},
		"series": []interface{}{obj{
			"label":       obj{"show": true, "position": "right"},
			"barMaxWidth": 28,
			"emphasis":    obj{"focus": "self"},
		}},
	}
	option, err := optionJSON(c, overlay, []fnRef{
		{Path: []interface{}{"tooltip", "formatter"}, Fn: "categoryTip"},
		{Path: []interface{}{"tooltip", "position"}, Fn: "tipPosition"},
	})
	if err != nil {
		return err
	}
	return render(w, "categories", title, option, o)
}

// leafCount is the number of tools (leaves) under n.
func leafCount(n *model.Node, depth int) int {
	if n == nil || depth > maxTreeDepth {
		return 0
	}
	if len(n.Children) == 0 {
		if n.Value > 0 {
			return 1
		}
		return 0
	}
	total := 0
	for _, c := range n.Children {
		total += leafCount(c, depth+1)
	}
	return total
}
