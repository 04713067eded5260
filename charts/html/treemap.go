package html

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// TreemapLeafDepth is how many levels the treemap shows at once (category
// with its subcategories; click one to drill down to its tools).
const TreemapLeafDepth = 2

// Growth colour scale of the treemap: growthShrink at -GrowthScale or less,
// growthFlat at 0, growthGrow at +GrowthScale or more, linear in between.
const (
	GrowthScale  = 0.5
	growthShrink = "#d73027"
	growthFlat   = "#9e9e9e"
	growthGrow   = "#1a9850"
)

// GrowthColor is the treemap colour (#rrggbb) of a relative growth.
func GrowthColor(g float64) string {
	g = num(g) / GrowthScale
	from, to := growthFlat, growthGrow
	if g < 0 {
		to, g = growthShrink, -g
	}
	g = math.Min(g, 1)
	a, b := hexRGB(from), hexRGB(to)
	var out [3]int
	for i := range out {
		out[i] = int(math.Round(float64(a[i]) + (float64(b[i])-float64(a[i]))*g))
	}
	return fmt.Sprintf("#%02x%02x%02x", out[0], out[1], out[2])
}

func hexRGB(c string) [3]int {
	var r, g, b int
	fmt.Sscanf(c, "#%02x%02x%02x", &r, &g, &b)
	return [3]int{r, g, b}
}

// Treemap writes the tree as a treemap: area = tools (Node.Value), colour =
// the category's (Node.Color, as in every chart), or with
// Options.ColorByGrowth Node.Growth (GrowthColor; a colour bar explains the
// scale) of categories and subcategories, tools in the colour of their group,
// categories and subcategories framed in their Node.Color. It shows TreemapLeafDepth levels
// at a time; clicking a node drills down, the breadcrumb goes back up.
func Treemap(w io.Writer, t model.Tree, o Options) error {
	if t.Root == nil {
		return errors.New("html: treemap: tree has no root")
	}
	data, err := treeItems(t.Root, 1, func(n, parent *model.Node) *itemStyle {
		if !o.ColorByGrowth {
			if c := color(n.Color); c != "" {
				return &itemStyle{Color: c}
			}
			if c := color(parent.Color); c != "" {
				return &itemStyle{Color: c}
			}
			return &itemStyle{Color: GrowthColor(0)}
		}
		if len(n.Children) == 0 {
			// a tool: its group's colour (tools have no growth of their own)
			if parent == t.Root {
				return &itemStyle{Color: GrowthColor(0)}
			}
			return &itemStyle{Color: GrowthColor(parent.Growth)}
		}
		return &itemStyle{Color: GrowthColor(n.Growth), BorderColor: color(n.Color)}
	})
	if err != nil {
		return err
	}
	title, sub := treeTitle(t, o, "Treemap")
	if sub != "" {
		sub += " \u00b7 "
	}
	sub += "area: tools \u00b7 colour: category"
	if o.ColorByGrowth {
		sub = strings.TrimSuffix(sub, "category") + "growth since the previous release"
	}

	c := charts.NewTreeMap()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("item"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
	)
	c.AddSeries(t.Root.Name, nil,
		charts.WithTreeMapOpts(opts.TreeMapChart{
			LeafDepth: TreemapLeafDepth, // dropped by go-echarts' "leafDeapth" tag when marshalled directly; set again below
			Roam:      opts.Bool(false),
			Top:       "70",
			Bottom:    "40",
			Left:      "10",
			Right:     "10",
		}),
		charts.WithSeriesOpts(func(s *charts.SingleSeries) { s.Data = data }),
	)
	overlay := obj{
		"tooltip": itemTooltipOverlay(),
		"series": []interface{}{obj{
			"leafDepth":  TreemapLeafDepth,
			"nodeClick":  "zoomToNode",
			"breadcrumb": obj{"show": true, "bottom": 5},
			"label":      obj{"show": true, "formatter": "{b}", "overflow": "truncate"},
			"upperLabel": obj{"show": true, "height": 22, "overflow": "truncate"},
			"levels": []interface{}{
				obj{"itemStyle": obj{"borderWidth": 0, "gapWidth": 4}, "upperLabel": obj{"show": false}},
				obj{"itemStyle": obj{"borderWidth": 4, "gapWidth": 2}},
				obj{"itemStyle": obj{"borderWidth": 2, "gapWidth": 1, "borderColor": "rgba(0,0,0,0.25)"}},
				obj{"itemStyle": obj{"borderWidth": 1, "borderColor": "rgba(0,0,0,0.2)"}},
			},
		}},
		// A colour bar for the growth scale; it targets no series (the
		// treemap is coloured per node).
		"visualMap": []interface{}{obj{
			"type":        "continuous",
			"seriesIndex": []interface{}{},
			"min":         -GrowthScale,
			"max":         GrowthScale,
			"inRange":     obj{"color": []interface{}{growthShrink, growthFlat, growthGrow}},
			"orient":      "horizontal",
			"right":       10,
			"top":         10,
			"itemWidth":   12,
			"itemHeight":  100,
			"calculable":  false,
			"hoverLink":   false,
			"realtime":    false,
			"text":        []interface{}{fmt.Sprintf("+%.0f%%", GrowthScale*100), fmt.Sprintf("\u2212%.0f%%", GrowthScale*100)},
		}},
	}
	if !o.ColorByGrowth {
		delete(overlay, "visualMap")
	}
	fns := []fnRef{
		{Path: []interface{}{"tooltip", "formatter"}, Fn: "treeTip"},
		{Path: []interface{}{"tooltip", "position"}, Fn: "tipPosition"},
	}
	option, err := optionJSON(c, overlay, fns)
	if err != nil {
		return err
	}
	return render(w, "treemap", title, option, o)
}
