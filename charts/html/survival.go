package html

import (
	"io"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// Survival writes Kaplan–Meier curves as step lines: x = time since a tool
// was first listed, in the model's unit (months or years; releases when it
// has none), y = share of tools still listed, from the model's AxisMin (the
// lowest share rounded down to 10%) to 100%. Each curve steps at its Time
// points (step "end": a probability holds until the next time); points are
// taken in model order, a curve with uneven Time/Prob lengths is cut to the
// shorter. The tooltip is ECharts' own axis tooltip (names and values
// escaped), its header the time with the unit, values as percentages.
func Survival(w io.Writer, s model.Survival, o Options) error {
	title := o.title(s.Title, "Survival of tools")
	unit := s.Unit
	if unit == "" {
		unit = "releases"
	}
	lo := s.AxisMin()

	c := charts.NewLine()
	c.SetGlobalOptions(
		titleOpts(title, "share of tools still listed, by "+unit+" since first listed"),
		tooltipOpts("axis"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: unit, Min: 0}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Min: lo, Max: 1}),
	)
	overlaySeries := make([]interface{}, 0, len(s.Curves))
	for i, cu := range s.Curves {
		n := len(cu.Time)
		if len(cu.Prob) < n {
			n = len(cu.Prob)
		}
		data := make([]opts.LineData, n)
		for j := 0; j < n; j++ {
			p := num(cu.Prob[j])
			if p < 0 {
				p = 0
			} else if p > 1 {
				p = 1
			}
			data[j] = opts.LineData{Value: []float64{num(cu.Time[j]), p}}
		}
		col := seriesColor(cu.Color, i)
		c.AddSeries(cu.Name, data,
			charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(false)}),
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: col}),
		)
		overlaySeries = append(overlaySeries, obj{
			"step": "end", "lineStyle": obj{"width": 2}, "emphasis": obj{"focus": "series"},
			"encode": obj{"x": 0, "y": 1, "tooltip": 1},
		})
	}
	xAxis := obj{"minInterval": 1, "nameLocation": "middle", "nameGap": 28,
		"axisPointer": obj{"label": obj{"precision": 1, "formatter": "{value} " + unit}}}
	if s.Unit == "" {
		xAxis["axisPointer"] = obj{"label": obj{"precision": 0, "formatter": "after {value} releases"}}
	}
	overlay := obj{
		"color":   paletteColors(),
		"tooltip": obj{"confine": true},
		"grid":    []interface{}{obj{"left": 50, "right": 40, "top": 70, "bottom": 60, "containLabel": true}},
		"xAxis":   []interface{}{xAxis},
		"series":  overlaySeries,
	}
	fns := []fnRef{
		{Path: []interface{}{"tooltip", "valueFormatter"}, Fn: "pctAxis"},
		{Path: []interface{}{"yAxis", 0, "axisLabel", "formatter"}, Fn: "pctAxis"},
	}
	option, err := optionJSON(c, overlay, fns)
	if err != nil {
		return err
	}
	return render(w, "survival", title, option, o)
}
