package run

import (
	"fmt"
	"io"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/static"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
)

// Chart is one chart of a catalog, renderable as an ECharts page and as a
// static image.
type Chart struct {
	Kind   string // file name stem: sunburst, treemap, growth, …
	Title  string
	HTML   func(w io.Writer, o html.Options) error
	Static func(w io.Writer, o static.Options) error
}

// ChartKinds lists the kinds Charts makes, in index order.
var ChartKinds = []string{"sunburst", "treemap", "growth", "growth-lines", "churn", "flows", "survival",
	"movers", "launch-years", "open-source", "licenses", "status", "deals", "stars"}

// topK is how many categories the growth lines show.
const topK = 8

// Charts gives every chart of a catalog for release ri.
func Charts(res *analyze.Result, ri int) []Chart {
	pal := model.Palette(res)
	name := res.History.Name
	rel := res.Releases[ri].ID
	tree := model.TreeOf(res, ri, pal, fmt.Sprintf("%s %s: categories and tools", name, rel))
	growth := model.GrowthOf(res, pal, fmt.Sprintf("%s: tools per category, %s to %s", name, res.Releases[0].ID, rel))
	lines := growth
	lines.Title = fmt.Sprintf("%s: the %d largest categories over time", name, topK)
	churnTitle := fmt.Sprintf("%s %s: tools added and removed per category", name, rel)
	flowsTitle := fmt.Sprintf("%s %s: tools between categories", name, rel)
	if ri > 0 {
		prev := res.Releases[ri-1].ID
		churnTitle = fmt.Sprintf("%s: added and removed per category, %s → %s", name, prev, rel)
		flowsTitle = fmt.Sprintf("%s: tools between categories, %s → %s", name, prev, rel)
	}
	churn := model.ChurnOf(res, ri, pal, churnTitle)
	flows := model.FlowsOf(res, ri, pal, flowsTitle)
	survival := model.SurvivalOf(res, pal, fmt.Sprintf("%s: how long tools stay listed", name))
	movers := model.MoversOf(res, pal, fmt.Sprintf("%s: added and removed per category over the last year", name))
	launch := model.LaunchYearsOf(res, pal, fmt.Sprintf("%s %s: tools by launch year", name, rel))
	open := model.OpenSourceOf(res, fmt.Sprintf("%s: open-source and closed-source tools", name))
	lics := model.LicensesOf(res, fmt.Sprintf("%s: tools per licence", name))
	status := model.StatusOf(res, fmt.Sprintf("%s: tools per status", name))
	deals := model.DealsOf(res, fmt.Sprintf("%s: acquisitions, ends and relicensings per year", name))
	stars := model.StarsOf(res, export.StarBucketLabels, export.StarBucket, fmt.Sprintf("%s %s: tools by GitHub stars", name, rel))
	return []Chart{
		{"sunburst", tree.Title,
			func(w io.Writer, o html.Options) error { return html.Sunburst(w, tree, o) },
			func(w io.Writer, o static.Options) error { return static.Sunburst(w, tree, o) }},
		{"treemap", tree.Title,
			func(w io.Writer, o html.Options) error { return html.Treemap(w, tree, o) },
			func(w io.Writer, o static.Options) error { return static.Treemap(w, tree, o) }},
		{"growth", growth.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthArea(w, growth, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthArea(w, growth, o) }},
		{"growth-lines", lines.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthLines(w, lines, topK, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthLines(w, lines, topK, o) }},
		{"churn", churn.Title,
			func(w io.Writer, o html.Options) error { return html.Churn(w, churn, o) },
			func(w io.Writer, o static.Options) error { return static.Churn(w, churn, o) }},
		{"flows", flows.Title,
			func(w io.Writer, o html.Options) error { return html.Flows(w, flows, o) },
			func(w io.Writer, o static.Options) error { return static.Flows(w, flows, o) }},
		{"survival", survival.Title,
			func(w io.Writer, o html.Options) error { return html.Survival(w, survival, o) },
			func(w io.Writer, o static.Options) error { return static.Survival(w, survival, o) }},
		{"movers", movers.Title,
			func(w io.Writer, o html.Options) error { return html.Churn(w, movers, o) },
			func(w io.Writer, o static.Options) error { return static.Churn(w, movers, o) }},
		bars("launch-years", launch),
		{"open-source", open.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthArea(w, open, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthArea(w, open, o) }},
		{"licenses", lics.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthArea(w, lics, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthArea(w, lics, o) }},
		{"status", status.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthArea(w, status, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthArea(w, status, o) }},
		bars("deals", deals),
		bars("stars", stars),
	}
}

// bars is a stacked bar chart.
func bars(kind string, b model.Bars) Chart {
	return Chart{kind, b.Title,
		func(w io.Writer, o html.Options) error { return html.Bars(w, b, o) },
		func(w io.Writer, o static.Options) error { return static.Bars(w, b, o) }}
}

// reportSections places each chart in its section of report.md.
var reportSections = map[string]string{
	"growth": "growth", "churn": "churn", "launch-years": "launch-years", "open-source": "open-source",
	"licenses": "licenses", "status": "status", "deals": "deals", "movers": "movers", "stars": "stars",
}

// reportCharts are the chart images report.md embeds (the PNGs written
// beside it), with their titles as alternative text.
func reportCharts(charts []Chart) []export.ReportChart {
	var out []export.ReportChart
	for _, c := range charts {
		if s, ok := reportSections[c.Kind]; ok {
			out = append(out, export.ReportChart{Section: s, File: c.Kind + ".png", Alt: c.Title})
		}
	}
	return out
}
