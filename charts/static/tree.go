package static

import (
	"math"
	"sort"

	"github.com/landscapehq/landscape/charts/model"
)

// maxTreeDepth bounds recursion over a model tree.
const maxTreeDepth = 16

// treeValues is the size of every node of a tree: a leaf's Value (negative
// and NaN count as 0), an inner node's sum of its children. It does not
// trust inner nodes' Value to be the sum.
type treeValues map[*model.Node]float64

func newTreeValues(root *model.Node) treeValues {
	tv := treeValues{}
	tv.fill(root, 0)
	return tv
}

func (tv treeValues) fill(n *model.Node, depth int) float64 {
	if n == nil {
		return 0
	}
	if v, ok := tv[n]; ok {
		return v
	}
	var v float64
	if len(n.Children) == 0 || depth >= maxTreeDepth {
		v = n.Value
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			v = 0
		}
	} else {
		tv[n] = 0 // a cycle counts as empty
		for _, c := range n.Children {
			v += tv.fill(c, depth+1)
		}
	}
	tv[n] = v
	return v
}

// children are n's children with a positive size, largest first, ties by
// name and then model order, so that layout never depends on chance.
func (tv treeValues) children(n *model.Node) []*model.Node {
	if n == nil {
		return nil
	}
	out := make([]*model.Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c != nil && tv[c] > 0 {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if tv[a] != tv[b] {
			return tv[a] > tv[b]
		}
		return a.Name < b.Name
	})
	return out
}

// leaves counts the leaves (tools) under n with a positive size.
func (tv treeValues) leaves(n *model.Node, depth int) int {
	if n == nil || tv[n] <= 0 {
		return 0
	}
	if len(n.Children) == 0 || depth >= maxTreeDepth {
		return 1
	}
	k := 0
	for _, c := range n.Children {
		k += tv.leaves(c, depth+1)
	}
	return k
}

// nodeColor is n's colour, else the inherited one.
func nodeColor(n *model.Node, inherited rgba) rgba {
	return hexColor(n.Color, inherited)
}

// treePageHead draws the header of a page that draws tree t (treeHeading)
// and gives its values, tool count and categories; with no tool, the page
// says so and the caller draws nothing more.
func treePageHead(f *frame, t model.Tree) (tv treeValues, tools int, cats []*model.Node) {
	tv = newTreeValues(t.Root)
	title, sub, tools, cats := treeHeading(t, tv)
	f.header(title, sub)
	if tools == 0 {
		f.empty("No tools in this release.")
	}
	return tv, tools, cats
}

// treeHeading is the title and subtitle of a page that draws tree t, with its
// tool count (leaves) and categories (the root's children with tools).
func treeHeading(t model.Tree, tv treeValues) (title, sub string, tools int, cats []*model.Node) {
	tools = tv.leaves(t.Root, 0)
	cats = tv.children(t.Root)
	title = t.Title
	if title == "" {
		title = "The landscape"
		if t.Release != "" {
			title += " at " + t.Release
		}
	}
	sub = formatInt(tools) + " tools in " + formatInt(len(cats)) + " categories"
	if t.Release != "" {
		sub = "Release " + t.Release + " · " + sub
	}
	return title, sub, tools, cats
}
