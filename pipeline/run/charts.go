package run

import (
	"fmt"
	"io"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/charts/palette"
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
	m := &models{res: res, ri: ri, pal: model.Palette(res)}
	out := make([]Chart, 0, len(ChartKinds))
	for _, k := range ChartKinds {
		out = append(out, m.chart(k))
	}
	return out
}

// chartOf gives one chart of release ri, building only its model.
func chartOf(res *analyze.Result, ri int, kind string) Chart {
	m := &models{res: res, ri: ri, pal: model.Palette(res)}
	return m.chart(kind)
}

// models builds the chart models of a release, the tree and the growth
// series once for the two charts that share each.
type models struct {
	res    *analyze.Result
	ri     int
	pal    *palette.Palette
	tree   *model.Tree
	growth *model.Growth
}

func (m *models) chart(kind string) Chart {
	res, ri, pal := m.res, m.ri, m.pal
	name := res.History.Name
	rel := res.Releases[ri].ID
	prev := ""
	if ri > 0 {
		prev = res.Releases[ri-1].ID
	}
	switch kind {
	case "sunburst", "treemap":
		if m.tree == nil {
			t := model.TreeOf(res, ri, pal, fmt.Sprintf("%s %s: categories and tools", name, rel))
			m.tree = &t
		}
		tree := *m.tree
		if kind == "sunburst" {
			return Chart{kind, tree.Title,
				func(w io.Writer, o html.Options) error { return html.Sunburst(w, tree, o) },
				func(w io.Writer, o static.Options) error { return static.Sunburst(w, tree, o) }}
		}
		return Chart{kind, tree.Title,
			func(w io.Writer, o html.Options) error { return html.Treemap(w, tree, o) },
			func(w io.Writer, o static.Options) error { return static.Treemap(w, tree, o) }}
	case "growth", "growth-lines":
		if m.growth == nil {
			g := model.GrowthOf(res, pal, fmt.Sprintf("%s: tools per category, %s to %s", name, res.Releases[0].ID, rel))
			m.growth = &g
		}
		growth := *m.growth
		if kind == "growth" {
			return Chart{kind, growth.Title,
				func(w io.Writer, o html.Options) error { return html.GrowthArea(w, growth, o) },
				func(w io.Writer, o static.Options) error { return static.GrowthArea(w, growth, o) }}
		}
		lines := growth
		lines.Title = fmt.Sprintf("%s: the %d largest categories over time", name, topK)
		return Chart{kind, lines.Title,
			func(w io.Writer, o html.Options) error { return html.GrowthLines(w, lines, topK, o) },
			func(w io.Writer, o static.Options) error { return static.GrowthLines(w, lines, topK, o) }}
	case "churn":
		title := fmt.Sprintf("%s %s: tools added and removed per category", name, rel)
		if ri > 0 {
			title = fmt.Sprintf("%s: added and removed per category, %s → %s", name, prev, rel)
		}
		churn := model.ChurnOf(res, ri, pal, title)
		return Chart{kind, churn.Title,
			func(w io.Writer, o html.Options) error { return html.Churn(w, churn, o) },
			func(w io.Writer, o static.Options) error { return static.Churn(w, churn, o) }}
	case "flows":
		title := fmt.Sprintf("%s %s: tools between categories", name, rel)
		if ri > 0 {
			title = fmt.Sprintf("%s: tools between categories, %s → %s", name, prev, rel)
		}
		flows := model.FlowsOf(res, ri, pal, title)
		return Chart{kind, flows.Title,
			func(w io.Writer, o html.Options) error { return html.Flows(w, flows, o) },
			func(w io.Writer, o static.Options) error { return static.Flows(w, flows, o) }}
	case "survival":
		survival := model.SurvivalOf(res, pal, fmt.Sprintf("%s: how long tools stay listed", name))
		return Chart{kind, survival.Title,
			func(w io.Writer, o html.Options) error { return html.Survival(w, survival, o) },
			func(w io.Writer, o static.Options) error { return static.Survival(w, survival, o) }}
	case "movers":
		movers := model.MoversOf(res, pal, fmt.Sprintf("%s: added and removed per category over the last year", name))
		return Chart{kind, movers.Title,
			func(w io.Writer, o html.Options) error { return html.Churn(w, movers, o) },
			func(w io.Writer, o static.Options) error { return static.Churn(w, movers, o) }}
	case "launch-years":
		return bars(kind, model.LaunchYearsOf(res, pal, fmt.Sprintf("%s %s: tools by launch year", name, rel)))
	case "deals":
		return bars(kind, model.DealsOf(res, fmt.Sprintf("%s: acquisitions, ends and relicensings per year", name)))
	case "stars":
		return bars(kind, model.StarsOf(res, export.StarBucketLabels, export.StarBucket, fmt.Sprintf("%s %s: tools by GitHub stars", name, rel)))
	case "open-source":
		return area(kind, model.OpenSourceOf(res, fmt.Sprintf("%s: open-source and closed-source tools", name)))
	case "licenses":
		return area(kind, model.LicensesOf(res, fmt.Sprintf("%s: tools per licence", name)))
	case "status":
		return area(kind, model.StatusOf(res, fmt.Sprintf("%s: tools per status", name)))
	}
	panic("run: unknown chart kind " + kind)
}

// bars is a stacked bar chart.
func bars(kind string, b model.Bars) Chart {
	return Chart{kind, b.Title,
		func(w io.Writer, o html.Options) error { return html.Bars(w, b, o) },
		func(w io.Writer, o static.Options) error { return static.Bars(w, b, o) }}
}

// area is a stacked area chart over releases.
func area(kind string, g model.Growth) Chart {
	return Chart{kind, g.Title,
		func(w io.Writer, o html.Options) error { return html.GrowthArea(w, g, o) },
		func(w io.Writer, o static.Options) error { return static.GrowthArea(w, g, o) }}
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
