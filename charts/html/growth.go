package html

import (
	"fmt"
	"io"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/model"
)

// GrowthArea writes tools per category over releases as a stacked area
// chart, one band per series in model order.
func GrowthArea(w io.Writer, g model.Growth, o Options) error {
	return growth(w, g, g.Series, true, "growth-area", o)
}

// GrowthLines writes the topK categories (by their value at the latest
// release, ties by name; all if topK <= 0) as lines, largest first.
func GrowthLines(w io.Writer, g model.Growth, topK int, o Options) error {
	return growth(w, g, TopSeries(g.Series, topK), false, "growth-lines", o)
}

// TopSeries returns the k series with the largest last value (ties broken by
// name, then model order), largest first; all of them if k <= 0.
func TopSeries(series []model.Series, k int) []model.Series {
	idx := make([]int, len(series))
	for i := range idx {
		idx[i] = i
	}
	last := func(s model.Series) float64 {
		if len(s.Values) == 0 {
			return 0
		}
		return num(s.Values[len(s.Values)-1])
	}
	sort.SliceStable(idx, func(a, b int) bool {
		sa, sb := series[idx[a]], series[idx[b]]
		if la, lb := last(sa), last(sb); la != lb {
			return la > lb
		}
		return sa.Name < sb.Name
	})
	if k > 0 && k < len(idx) {
		idx = idx[:k]
	}
	out := make([]model.Series, len(idx))
	for i, j := range idx {
		out[i] = series[j]
	}
	return out
}

// maxGrowthSymbols is how many points a line may have and still show a
// symbol at each.
const maxGrowthSymbols = 60

// growth draws the series over a time axis when the model has a date for
// every release (points spaced by their dates, each [date, value]), else
// over a category axis with one step per release. The time axis uses
// ECharts' own axis tooltip (it escapes names and values; the runtime's
// axisTip expects one value per point), showing the value of each series
// only (encode.tooltip), formatted by the runtime's absNum.
func growth(w io.Writer, g model.Growth, series []model.Series, stacked bool, kind string, o Options) error {
	title := o.title(g.Title, "Tools per category")
	timed := g.HasDates()
	sub := ""
	if n := len(g.Releases); n > 0 {
		sub = releaseSpan(g.Releases[0], g.Releases[n-1])
		switch {
		case g.Of > 0 && g.Every != "":
			sub += fmt.Sprintf(" \u00b7 %d releases, the last of each %s shown", g.Of, g.Every)
		case timed && n > 1:
			sub += fmt.Sprintf(" \u00b7 %d releases", n)
		}
	}

	c := charts.NewLine()
	c.SetGlobalOptions(
		titleOpts(title, sub),
		tooltipOpts("axis"),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Type: "scroll", Bottom: "0"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "tools"}),
	)
	var dates []string
	if timed {
		c.SetGlobalOptions(charts.WithXAxisOpts(opts.XAxis{Type: "time"}))
		for _, d := range g.Dates {
			dates = append(dates, d.Format("2006-01-02"))
		}
	} else {
		c.SetXAxis(g.Releases)
	}
	symbols := len(g.Releases) <= maxGrowthSymbols

	overlaySeries := make([]interface{}, 0, len(series))
	for i, s := range series {
		vals := make([]opts.LineData, len(g.Releases))
		for j := range vals {
			v := 0.0
			if j < len(s.Values) {
				v = num(s.Values[j])
			}
			if timed {
				vals[j] = opts.LineData{Value: []interface{}{dates[j], v}}
			} else {
				vals[j] = opts.LineData{Value: v}
			}
		}
		col := seriesColor(s.Color, i)
		so := []charts.SeriesOpts{
			charts.WithItemStyleOpts(opts.ItemStyle{Color: col}),
			charts.WithLineStyleOpts(opts.LineStyle{Color: col}),
		}
		ov := obj{"emphasis": obj{"focus": "series"}}
		if timed {
			ov["encode"] = obj{"x": 0, "y": 1, "tooltip": 1}
		}
		if stacked {
			so = append(so, charts.WithLineChartOpts(opts.LineChart{Stack: "total", ShowSymbol: opts.Bool(false)}),
				charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.85)}))
			ov["lineStyle"] = obj{"width": 0.5}
		} else {
			so = append(so, charts.WithLineChartOpts(opts.LineChart{ShowSymbol: opts.Bool(symbols)}))
			ov["lineStyle"] = obj{"width": 2}
		}
		c.AddSeries(s.Name, vals, so...)
		overlaySeries = append(overlaySeries, ov)
	}
	xAxis := obj{"type": "category", "boundaryGap": !stacked}
	if timed {
		xAxis = obj{"type": "time", "boundaryGap": false, "axisLabel": obj{"hideOverlap": true}}
	}
	overlay := obj{
		"color":   paletteColors(),
		"tooltip": obj{"confine": true},
		"grid":    []interface{}{obj{"left": 50, "right": 50, "top": 75, "bottom": 60, "containLabel": true}},
		"xAxis":   []interface{}{xAxis},
		"series":  overlaySeries,
	}
	if stacked || timed {
		overlay["tooltip"] = obj{"confine": true, "axisPointer": obj{"type": "line"}}
	}
	fns := []fnRef{{Path: []interface{}{"tooltip", "formatter"}, Fn: "axisTip"}}
	if timed { // ECharts' tooltip; counts as 1,234
		fns = []fnRef{{Path: []interface{}{"tooltip", "valueFormatter"}, Fn: "absNum"}}
	}
	option, err := optionJSON(c, overlay, fns)
	if err != nil {
		return err
	}
	return render(w, kind, title, option, o)
}
