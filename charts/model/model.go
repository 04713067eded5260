// Package model holds chart-ready data: what every chart renderer (HTML in
// charts/html, PNG/SVG in charts/static) takes. It is built from analysis
// results (see Build* in this package) and knows nothing of input formats.
//
// Every string in here comes from a catalog and is untrusted: renderers must
// escape it for the medium they write.
package model

import "time"

// Node is one node of a hierarchy (catalog › category › subcategory › tool)
// for sunburst and treemap charts. Leaves are tools.
type Node struct {
	Name        string
	Value       float64 // size; for inner nodes the sum of the children
	Description string  // the catalog's description of the tool, category or subcategory (where it gives one)
	URL         string  // tools: homepage or repository URL
	// Color is the category's colour (#rrggbb), set on category nodes and
	// inherited below; see charts/palette.
	Color string
	// Growth is the relative change of the node's tool count since the
	// previous release (0.25 = +25%); NaN-free: 0 when there was no previous.
	Growth   float64
	Children []*Node
	// More is, on a node that stands for the smallest children of its
	// parent folded together (see Fold), how many tools (leaves) it holds;
	// 0 on every other node.
	More int
}

// Series is one named line of values, one per release.
type Series struct {
	Name   string
	Color  string
	Values []float64
}

// Growth is tools per category over releases.
type Growth struct {
	Title    string
	Releases []string // release ids, oldest first
	// Dates are the release dates, parallel to Releases. When every release
	// has one and they do not decrease, renderers draw a time axis (releases
	// spaced by their dates); otherwise one step per release.
	Dates  []time.Time
	Series []Series // one per category, in a stable order
	// Of is the number of releases of the history when the points are a
	// sample of them (see Thin); 0 when every release is a point.
	Of int
	// Every is the period of the sample ("week", "month", "quarter",
	// "year"), "" when every release is a point.
	Every string
}

// HasDates reports whether g has a date for every release, in order.
func (g Growth) HasDates() bool {
	if len(g.Dates) == 0 || len(g.Dates) != len(g.Releases) {
		return false
	}
	for i, d := range g.Dates {
		if d.IsZero() || (i > 0 && d.Before(g.Dates[i-1])) {
			return false
		}
	}
	return true
}

// Churn is added vs removed tools per category between two releases.
type Churn struct {
	Title      string
	Release    string
	Previous   string
	Categories []string
	Colors     []string
	Added      []int // per category, parallel to Categories
	Removed    []int
}

// Flow is tools moving from one category to another between two releases.
type Flow struct {
	From, To string
	Tools    int
}

// Flows is a sankey of tools between categories from release A to release B.
type Flows struct {
	Title    string
	Release  string
	Previous string
	Flows    []Flow // sorted by From, To
	// Colors maps category names to their palette colours (see
	// charts/palette); "(new)" and "(removed)" have none.
	Colors map[string]string
}

// Survival is one or more Kaplan–Meier curves.
type Survival struct {
	Title  string
	Curves []SurvivalCurve
	// Unit is what Time counts: "months" or "years" (see SurvivalOf); ""
	// for a count of releases.
	Unit string
}

// SurvivalCurve is a step function: at Time[i] (in the Survival's Unit since
// a tool was first listed), Prob[i] of the tools are still listed.
type SurvivalCurve struct {
	Name  string
	Color string
	Time  []float64
	Prob  []float64
}

// Tree is a sunburst/treemap input: the root (the catalog at one release).
type Tree struct {
	Title   string
	Release string
	Root    *Node
}

// Flat reports whether t is a flat list: it has categories, and every one of
// them holds only tools (no subcategories), as an awesome list does. A
// sunburst of such a tree is a single ring of thin sectors; renderers draw it
// as bars of categories instead.
func (t Tree) Flat() bool {
	if t.Root == nil || len(t.Root.Children) == 0 {
		return false
	}
	for _, c := range t.Root.Children {
		if c == nil {
			continue
		}
		for _, k := range c.Children {
			if k != nil && len(k.Children) > 0 {
				return false
			}
		}
	}
	return true
}

// Bars is a stacked bar chart: one bar per label (a year, a bucket), each
// split into the series' values (all values ≥ 0).
type Bars struct {
	Title    string
	Subtitle string
	Labels   []string // x axis, in order
	Series   []Series // Values parallel to Labels; the first at the bottom
	Unit     string   // what a value counts ("tools", "deals")
}
