package html

import (
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// Bars writes a stacked bar chart: one bar per label, the series stacked
// in model order (the first at the bottom). Series and labels are catalog
// text: the option JSON is escaped for <script>, and the tooltip is the
// runtime's axisTip, which escapes names.
func Bars(w io.Writer, b model.Bars, o Options) error {
	title := o.title(b.Title, "Bars")
	c := charts.NewBar()
	c.SetGlobalOptions(
		titleOpts(title, b.Subtitle),
		tooltipOpts("axis"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(b.Series) > 1), Type: "scroll", Bottom: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: b.Unit}),
	)
	c.SetXAxis(b.Labels)
	overlaySeries := make([]interface{}, 0, len(b.Series))
	for i, s := range b.Series {
		vals := make([]opts.BarData, len(b.Labels))
		for j := range vals {
			v := 0.0
			if j < len(s.Values) {
				v = num(s.Values[j])
			}
			vals[j] = opts.BarData{Value: v}
		}
		c.AddSeries(s.Name, vals,
			charts.WithBarChartOpts(opts.BarChart{Stack: "total"}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: seriesColor(s.Color, i)}))
		overlaySeries = append(overlaySeries, obj{"emphasis": obj{"focus": "series"}, "barMaxWidth": 48})
	}
	overlay := obj{
		"color":   paletteColors(),
		"tooltip": obj{"confine": true, "axisPointer": obj{"type": "shadow"}},
		"grid":    []interface{}{obj{"left": 50, "right": 30, "top": 75, "bottom": 60, "containLabel": true}},
		"series":  overlaySeries,
	}
	if barsEmpty(b) {
		// Nothing to draw (a catalog without stars, launch dates or deals):
		// say so in the chart's place rather than draw empty axes.
		msg := b.Subtitle
		if msg == "" {
			msg = "No data in this catalog"
		}
		overlay["graphic"] = []interface{}{obj{"type": "text", "left": "center", "top": "middle",
			"style": obj{"text": msg, "fontSize": 18, "fill": "#555", "width": 600, "overflow": "break"}}}
		o.empty = true
	}
	option, err := optionJSON(c, overlay, []fnRef{{Path: []interface{}{"tooltip", "formatter"}, Fn: "axisTip"}})
	if err != nil {
		return err
	}
	return render(w, "bars", title, option, o)
}

// barsEmpty reports whether b has no bar to draw: no label, or only zeros.
func barsEmpty(b model.Bars) bool {
	for _, s := range b.Series {
		for _, v := range s.Values {
			if v != 0 {
				return false
			}
		}
	}
	return true
}
