package html

import (
	"errors"
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// Sunburst writes category › subcategory › tool as a sunburst: sectors sized
// by Node.Value (ECharts sums inner nodes), coloured by Node.Color. Clicking a
// sector zooms into it; clicking the centre goes back up. The tooltip shows
// the path, name, tool count, description and (http(s) only) link. A flat
// list (t.Flat: categories without subcategories) is written as
// CategoryBars.
func Sunburst(w io.Writer, t model.Tree, o Options) error {
	if t.Root == nil {
		return errors.New("html: sunburst: tree has no root")
	}
	if t.Flat() {
		return CategoryBars(w, t, o)
	}
	data, err := treeItems(t.Root, 1, func(n, _ *model.Node) *itemStyle {
		if c := color(n.Color); c != "" {
			return &itemStyle{Color: c}
		}
		return nil
	})
	if err != nil {
		return err
	}
	title, sub := treeTitle(t, o, "Sunburst")

	c := charts.NewSunburst()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	c.AddSeries(t.Root.Name, nil,
		charts.WithSunburstOpts(opts.SunburstChart{NodeClick: "rootToNode"}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
	)
	overlay := obj{
		"tooltip": itemTooltipOverlay(),
		"color":   paletteColors(),
		"series": []interface{}{obj{
			"center":   []interface{}{"50%", "55%"},
			"radius":   []interface{}{0, "84%"},
			"emphasis": obj{"focus": "ancestor"},
			"itemStyle": obj{
				"borderWidth": 1,
				"borderColor": "rgba(255,255,255,0.6)",
			},
			// ring labels are fitted to their sectors in whole words by the
			// runtime (wordLabel); the wide "width" only keeps ECharts from
			// cutting them again (a label without a width can keep the
			// chart animating forever after a zoom)
			"label": obj{"minAngle": 4, "overflow": "break"},
			"levels": []interface{}{
				obj{}, // the centre: the current root (the runtime writes its tool count on it)
				obj{"r0": "12%", "r": "46%", "label": obj{"rotate": "tangential", "lineHeight": 13, "width": 400}},
				obj{"r0": "46%", "r": "79%", "label": obj{"align": "right", "lineHeight": 13, "width": 400}},
				obj{
					"r0": "79%", "r": "84%",
					"label":     obj{"position": "outside", "padding": 3, "minAngle": 3, "width": 90, "overflow": "break"},
					"itemStyle": obj{"borderWidth": 0.5},
				},
			},
		}},
	}
	option, err := optionJSON(c, overlay, []fnRef{
		{Path: []interface{}{"tooltip", "formatter"}, Fn: "treeTip"},
		{Path: []interface{}{"tooltip", "position"}, Fn: "tipPosition"},
		{Path: []interface{}{"series", 0, "levels", 1, "label", "formatter"}, Fn: "wordLabel"},
		{Path: []interface{}{"series", 0, "levels", 2, "label", "formatter"}, Fn: "wordLabel"},
	})
	if err != nil {
		return err
	}
	return render(w, "sunburst", title, option, o)
}
