package html

import (
	"fmt"

	"github.com/landscapehq/landscape/charts/model"
)

// maxTreeDepth bounds the recursion over a model tree (a catalog has four
// levels; this also stops a cyclic tree).
const maxTreeDepth = 32

// treeItem is one node of ECharts sunburst/treemap data. description, url
// and growth are not ECharts options: the page's tooltip formatter reads
// them (escaped) from params.data.
type treeItem struct {
	Name        string      `json:"name"`
	Value       *float64    `json:"value,omitempty"` // leaves only: ECharts sums inner nodes
	Description string      `json:"description,omitempty"`
	URL         string      `json:"url,omitempty"` // http(s) only
	Growth      *float64    `json:"growth,omitempty"`
	ItemStyle   *itemStyle  `json:"itemStyle,omitempty"`
	Children    []*treeItem `json:"children,omitempty"`
}

// treeItems converts the children of n. style gives a node's item style
// (or nil) from the node and its parent. Inner nodes carry their growth
// (tools have none of their own: the model's growth is of tool counts).
func treeItems(n *model.Node, depth int, style func(n, parent *model.Node) *itemStyle) ([]*treeItem, error) {
	if n == nil || len(n.Children) == 0 {
		return nil, nil
	}
	if depth > maxTreeDepth {
		return nil, fmt.Errorf("html: tree deeper than %d levels", maxTreeDepth)
	}
	out := make([]*treeItem, 0, len(n.Children))
	for _, c := range n.Children {
		if c == nil {
			continue
		}
		it := &treeItem{
			Name:        c.Name,
			Description: c.Description,
			URL:         safeURL(c.URL),
			ItemStyle:   style(c, n),
		}
		kids, err := treeItems(c, depth+1, style)
		if err != nil {
			return nil, err
		}
		if len(kids) > 0 {
			g := num(c.Growth)
			it.Growth = &g
			it.Children = kids
		} else {
			v := num(c.Value)
			if v < 0 {
				v = 0
			}
			it.Value = &v
		}
		out = append(out, it)
	}
	return out, nil
}

// treeTitle is the chart title and subtitle of a tree.
func treeTitle(t model.Tree, o Options, kind string) (string, string) {
	return o.title(t.Title, kind), t.Release
}
