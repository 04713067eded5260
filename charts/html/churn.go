package html

import (
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// Churn bar colours.
const (
	churnAdded   = "#3ba272"
	churnRemoved = "#ee6666"
)

// Churn writes added vs removed tools per category as diverging horizontal
// bars: added to the right (positive), removed to the left (negative),
// categories top to bottom in model order. Added/Removed shorter than
// Categories count as 0.
func Churn(w io.Writer, ch model.Churn, o Options) error {
	title := o.title(ch.Title, "Added and removed tools")
	sub := releaseSpan(ch.Previous, ch.Release)

	n := len(ch.Categories)
	added := make([]opts.BarData, n)
	removed := make([]opts.BarData, n)
	for i := 0; i < n; i++ {
		a, r := 0, 0
		if i < len(ch.Added) {
			a = ch.Added[i]
		}
		if i < len(ch.Removed) {
			r = ch.Removed[i]
		}
		if a < 0 {
			a = -a
		}
		if r < 0 {
			r = -r
		}
		added[i] = opts.BarData{Value: a}
		removed[i] = opts.BarData{Value: -r}
	}

	c := charts.NewBar()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("axis"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Inverse: opts.Bool(true)}),
	)
	c.SetXAxis(ch.Categories).XYReversal()
	c.AddSeries("Added", added,
		charts.WithBarChartOpts(opts.BarChart{Stack: "churn"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: churnAdded}))
	c.AddSeries("Removed", removed,
		charts.WithBarChartOpts(opts.BarChart{Stack: "churn"}),
		charts.WithItemStyleOpts(opts.ItemStyle{Color: churnRemoved}))

	label := func(pos string) obj { return obj{"show": true, "position": pos} }
	overlay := obj{
		"tooltip": obj{"confine": true, "axisPointer": obj{"type": "shadow"}},
		"grid":    []interface{}{obj{"left": 12, "right": 24, "top": 70, "bottom": 40, "containLabel": true}},
		// room for the value labels at both ends of the bars
		"xAxis": []interface{}{obj{"boundaryGap": []interface{}{"25%", "15%"}}},
		"yAxis": []interface{}{obj{"axisTick": obj{"show": false}, "axisLabel": obj{"width": 180, "overflow": "truncate"}}},
		"series": []interface{}{
			obj{"label": label("right"), "emphasis": obj{"focus": "series"}, "barMaxWidth": 24, "labelLayout": obj{"hideOverlap": true}},
			obj{"label": label("left"), "emphasis": obj{"focus": "series"}, "barMaxWidth": 24, "labelLayout": obj{"hideOverlap": true}},
		},
	}
	fns := []fnRef{
		{Path: []interface{}{"tooltip", "formatter"}, Fn: "churnTip"},
		{Path: []interface{}{"xAxis", 0, "axisLabel", "formatter"}, Fn: "absNum"},
		{Path: []interface{}{"series", 0, "label", "formatter"}, Fn: "absLabel"},
		{Path: []interface{}{"series", 1, "label", "formatter"}, Fn: "absLabel"},
	}
	option, err := optionJSON(c, overlay, fns)
	if err != nil {
		return err
	}
	return render(w, "churn", title, option, o)
}
