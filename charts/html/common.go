package html

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/landscapehq/landscape/charts/palette"
)

// itemStyle is ECharts' itemStyle, as much as the charts here use.
type itemStyle struct {
	Color       string  `json:"color,omitempty"`
	BorderColor string  `json:"borderColor,omitempty"`
	BorderWidth float64 `json:"borderWidth,omitempty"`
	Opacity     float64 `json:"opacity,omitempty"`
}

// seriesColor is a series' colour: c if valid, else the palette colour at i.
func seriesColor(c string, i int) string {
	return colorOr(c, palette.Colors[i%len(palette.Colors)])
}

// titleOpts is the chart title (drawn on the canvas, never parsed as HTML).
func titleOpts(title, subtitle string) charts.GlobalOpts {
	return charts.WithTitleOpts(opts.Title{
		Title:    title,
		Subtitle: subtitle,
		Left:     "center",
		Top:      "8",
	})
}

// tooltipOpts is a tooltip whose formatter is set by the page runtime.
// Item tooltips are enterable (their links can be clicked); they are placed
// beside the pointer (runtime tipPosition) without sliding (see
// itemTooltipOverlay), so they never catch a click meant for the chart.
func tooltipOpts(trigger string) charts.GlobalOpts {
	return charts.WithTooltipOpts(opts.Tooltip{
		Show:      opts.Bool(true),
		Trigger:   trigger,
		Enterable: opts.Bool(trigger == "item"),
	})
}

// itemTooltipOverlay completes tooltipOpts("item"): no sliding transition.
func itemTooltipOverlay() obj {
	return obj{"transitionDuration": 0}
}

// paletteColors is the option's colour list (also used by series without
// a colour of their own).
func paletteColors() []interface{} {
	out := make([]interface{}, len(palette.Colors))
	for i, c := range palette.Colors {
		out[i] = c
	}
	return out
}

// releaseSpan is "previous → release", or whichever is known.
func releaseSpan(previous, release string) string {
	switch {
	case previous != "" && release != "":
		return previous + " \u2192 " + release
	case release != "":
		return release
	default:
		return previous
	}
}
