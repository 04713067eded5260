package model

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/landscapehq/landscape/charts/palette"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Palette makes the catalog's palette: one colour per category it ever had.
func Palette(res *analyze.Result) *palette.Palette { return palette.New(res.Cats) }

// TreeOf builds the category › subcategory › tool tree of release ri. A tool
// listed in two subcategories appears in both; a leaf's value is 1 (or its
// stars, when byStars and the catalog has them).
func TreeOf(res *analyze.Result, ri int, pal *palette.Palette, title string) Tree {
	rel := res.Releases[ri]
	from, to := res.History.Rows(ri)
	rec := res.History.Record.NewSlice(int64(from), int64(to)) // the release's rows
	defer rec.Release()
	relIDs := catalog.Strings(rec.Column(catalog.ColReleaseID))
	names := catalog.Strings(rec.Column(catalog.ColName))
	cats := catalog.Strings(rec.Column(catalog.ColCategory))
	canon := catalog.Strings(rec.Column(catalog.ColCanonicalCategory))
	subs := catalog.Strings(rec.Column(catalog.ColSubcategory))
	descs := catalog.Strings(rec.Column(catalog.ColDescription))
	homes := catalog.Strings(rec.Column(catalog.ColHomepageURL))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	ids := catalog.Strings(rec.Column(catalog.ColToolID))

	root := &Node{Name: res.History.Name}
	// Nodes show the names of the release; colours and growth follow the
	// canonical category, the same in every release.
	statKey := map[*Node]string{}
	catNode := map[string]*Node{}
	subNode := map[[2]string]*Node{}
	seen := map[[3]string]bool{}
	for i := range relIDs {
		if relIDs[i] != rel.ID {
			continue
		}
		c, s := cats[i], subs[i]
		cn, ok := catNode[c]
		if !ok {
			cn = &Node{Name: c, Color: pal.Hex(canon[i]), Description: clip(rel.GroupDescription(c, ""), maxDescription)}
			catNode[c] = cn
			statKey[cn] = canon[i]
			root.Children = append(root.Children, cn)
		}
		parent := cn
		if s != "" {
			sn, ok := subNode[[2]string{c, s}]
			if !ok {
				sn = &Node{Name: s, Color: cn.Color, Description: clip(rel.GroupDescription(c, s), maxDescription)}
				subNode[[2]string{c, s}] = sn
				statKey[sn] = canon[i] + "\x00" + s
				cn.Children = append(cn.Children, sn)
			}
			parent = sn
		}
		if seen[[3]string{c, s, ids[i]}] {
			continue // listed twice in one subcategory: one leaf
		}
		seen[[3]string{c, s, ids[i]}] = true
		url := homes[i]
		if url == "" {
			url = repos[i]
		}
		parent.Children = append(parent.Children, &Node{Name: names[i], Value: 1, Description: clip(descs[i], maxDescription), URL: url, Color: cn.Color})
	}
	growth := groupGrowth(res, ri)
	sortTree(root, growth, statKey)
	Fold(root, MaxTreeNodes)
	return Tree{Title: title, Release: rel.ID, Root: root}
}

// MaxTreeNodes bounds the nodes of a tree chart (TreeOf): a catalog the size
// of the CNCF landscape (about 2,500 nodes) is drawn whole; a larger one
// shows its largest groups and tools and folds the rest (Fold), so that a
// chart of 10,000 or 200,000 tools stays a page of a few hundred kilobytes
// that a browser draws at once. Every tool is in the tool explorer.
const MaxTreeNodes = 3000

// Fold bounds the nodes below root to at most limit, keeping the groups
// (categories, subcategories) before the tools: it finds the largest k ≥ 2
// for which keeping the first k-1 tools of every group with more than k
// (children are ordered largest first, as sortTree leaves them) and folding
// the others into one leaf — "N more tools", its value the sum of theirs,
// More the tools in it — gives at most limit nodes, and folds with it. When
// the groups alone are too many for that, the groups of tools only become
// leaves themselves (their tools are in the explorer; More counts them) and
// the same is done a level up. A tree within limit is left as it is. Sums,
// and so the areas of the groups, do not change.
func Fold(root *Node, limit int) {
	if root == nil || limit < 1 {
		return
	}
	for countNodes(root, -1) > limit {
		widest := 0
		var walk func(n *Node)
		walk = func(n *Node) {
			leafKids := 0
			for _, c := range n.Children {
				if len(c.Children) == 0 {
					leafKids++
				} else {
					walk(c)
				}
			}
			widest = max(widest, leafKids)
		}
		walk(root)
		if widest > 2 && countNodes(root, 2) <= limit {
			lo, hi := 2, widest // countNodes(root, lo) <= limit < countNodes(root, hi)
			for lo+1 < hi {
				mid := (lo + hi) / 2
				if countNodes(root, mid) <= limit {
					lo = mid
				} else {
					hi = mid
				}
			}
			foldAt(root, lo)
			return
		}
		if !collapse(root) {
			foldAt(root, 1) // the root's children all leaves, and too many
			return
		}
	}
}

// countNodes counts the nodes below n when every node keeps at most k-1
// of its leaf children and one folded node for the others (k < 0: no
// folding).
func countNodes(n *Node, k int) int {
	count, leafKids := 0, 0
	for _, c := range n.Children {
		if len(c.Children) > 0 {
			count += 1 + countNodes(c, k)
		} else {
			leafKids++
		}
	}
	if k > 0 && leafKids > k {
		return count + k // k-1 kept and the folded node
	}
	return count + leafKids
}

// foldAt folds the leaf children of every node past k (see Fold).
func foldAt(n *Node, k int) {
	leafKids := 0
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			leafKids++
		} else {
			foldAt(c, k)
		}
	}
	if leafKids <= k {
		return
	}
	more := &Node{Color: n.Color}
	kept := n.Children[:0:0]
	seen := 0
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			if seen++; seen > k-1 {
				more.Value += c.Value
				more.More += leaves(c)
				continue
			}
		}
		kept = append(kept, c)
	}
	more.Name = fmt.Sprintf("%s more %s", thousands(more.More), plural(more.More, "tool", "tools"))
	more.Description = more.Name + " in " + n.Name + ": every tool is in the tool explorer"
	n.Children = append(kept, more)
}

// collapse makes every group below n whose children are all leaves a leaf
// itself, and reports whether there was one.
func collapse(n *Node) bool {
	done := false
	for _, c := range n.Children {
		if len(c.Children) == 0 {
			continue
		}
		allLeaves := true
		for _, g := range c.Children {
			if len(g.Children) > 0 {
				allLeaves = false
				break
			}
		}
		if !allLeaves {
			done = collapse(c) || done
			continue
		}
		c.More = leaves(c)
		c.Children = nil
		c.Description = fmt.Sprintf("%s %s: every tool is in the tool explorer", thousands(c.More), plural(c.More, "tool", "tools"))
		done = true
	}
	return done
}

// leaves counts the tools below n (n itself when it is one).
func leaves(n *Node) int {
	if n.More > 0 {
		return n.More
	}
	if len(n.Children) == 0 {
		return 1
	}
	s := 0
	for _, c := range n.Children {
		s += leaves(c)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// maxDescription caps a tool's description in charts (tooltips): a chart of a
// large catalog stays small enough to embed; report and dataset keep it whole.
const maxDescription = 160

// clip shortens s to at most n runes, ending with "…" when cut.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// groupGrowth maps "cat" and "cat\x00sub" to their relative growth in ri.
func groupGrowth(res *analyze.Result, ri int) map[string]float64 {
	out := map[string]float64{}
	id := res.Releases[ri].ID
	add := func(key string, s analyze.GroupStat) {
		prev := s.Tools - s.Net
		if prev > 0 {
			out[key] = float64(s.Net) / float64(prev)
		} else if ri > 0 && s.Tools > 0 {
			out[key] = 1
		}
	}
	for _, s := range res.Growth.Span(res.Growth.Categories, ri, ri) {
		if s.Release == id {
			add(s.Category, s)
		}
	}
	for _, s := range res.Growth.Span(res.Growth.Subcategories, ri, ri) {
		if s.Release == id {
			add(s.Category+"\x00"+s.Subcategory, s)
		}
	}
	return out
}

// sortTree sums values upwards, sets each group's growth, and orders
// children: largest first, then by name, so the layout is stable.
func sortTree(n *Node, growth map[string]float64, key map[*Node]string) float64 {
	if len(n.Children) == 0 {
		return n.Value
	}
	var sum float64
	for _, c := range n.Children {
		if len(c.Children) > 0 {
			c.Growth = growth[key[c]]
			sum += sortTree(c, growth, key)
		} else {
			sum += c.Value
		}
	}
	n.Value = sum
	sort.SliceStable(n.Children, func(i, j int) bool {
		a, b := n.Children[i], n.Children[j]
		if a.Value != b.Value {
			return a.Value > b.Value
		}
		return a.Name < b.Name
	})
	return sum
}

// GrowthOf gives tools per category over all releases, categories in order of
// their size in the newest release, with the release dates. A history of
// more than MaxGrowthPoints releases is thinned (see Growth.Thin): one point
// per week, month, quarter or year, each the last release of its period.
func GrowthOf(res *analyze.Result, pal *palette.Palette, title string) Growth {
	g := Growth{Title: title}
	pos := map[string]int{}
	for i, r := range res.Releases {
		g.Releases = append(g.Releases, r.ID)
		g.Dates = append(g.Dates, r.Date)
		pos[r.ID] = i
	}
	byCat := map[string][]float64{}
	for _, s := range res.Growth.Categories {
		v, ok := byCat[s.Category]
		if !ok {
			v = make([]float64, len(g.Releases))
			byCat[s.Category] = v
		}
		v[pos[s.Release]] = float64(s.Tools)
	}
	for c, v := range byCat {
		g.Series = append(g.Series, Series{Name: c, Color: pal.Hex(c), Values: v})
	}
	last := len(g.Releases) - 1
	sort.Slice(g.Series, func(i, j int) bool {
		a, b := g.Series[i], g.Series[j]
		if a.Values[last] != b.Values[last] {
			return a.Values[last] > b.Values[last]
		}
		return a.Name < b.Name
	})
	return g.Thin(MaxGrowthPoints)
}

// ChurnOf gives added and removed tools per category in release ri against
// the previous one (moves count as removed from one category and added to
// another).
func ChurnOf(res *analyze.Result, ri int, pal *palette.Palette, title string) Churn {
	rel := res.Releases[ri]
	c := Churn{Title: title, Release: rel.ID}
	if ri > 0 {
		c.Previous = res.Releases[ri-1].ID
	}
	for _, s := range res.Growth.Categories {
		if s.Release != rel.ID || s.Added+s.MovedIn+s.Removed+s.MovedOut == 0 {
			continue
		}
		c.Categories = append(c.Categories, s.Category)
		c.Colors = append(c.Colors, pal.Hex(s.Category))
		c.Added = append(c.Added, s.Added+s.MovedIn)
		c.Removed = append(c.Removed, s.Removed+s.MovedOut)
	}
	return c
}

// FlowsOf gives the tools flowing between categories from release ri-1 to
// ri, with "(new)" and "(removed)" for tools entering and leaving the catalog.
// A tool listed in several categories flows from and to its first one.
func FlowsOf(res *analyze.Result, ri int, pal *palette.Palette, title string) Flows {
	f := Flows{Title: title, Release: res.Releases[ri].ID, Colors: map[string]string{}}
	for _, c := range res.Cats {
		f.Colors[c] = pal.Hex(c)
	}
	if ri == 0 {
		return f
	}
	f.Previous = res.Releases[ri-1].ID
	cur, prev := res.Members(ri), res.Members(ri-1)
	counts := map[[2]string]int{}
	for t, cs := range cur {
		from := "(new)"
		if pcs, ok := prev[t]; ok {
			from = res.Cats[pcs[0]]
		}
		counts[[2]string{from, res.Cats[cs[0]]}]++
	}
	for t, pcs := range prev {
		if _, ok := cur[t]; !ok {
			counts[[2]string{res.Cats[pcs[0]], "(removed)"}]++
		}
	}
	for k, n := range counts {
		f.Flows = append(f.Flows, Flow{From: k[0], To: k[1], Tools: n})
	}
	sort.Slice(f.Flows, func(i, j int) bool {
		if f.Flows[i].From != f.Flows[j].From {
			return f.Flows[i].From < f.Flows[j].From
		}
		return f.Flows[i].To < f.Flows[j].To
	})
	return f
}

// maxSurvivalCurves is how many curves the survival chart shows: all tools,
// then the largest categories.
const maxSurvivalCurves = 6

// SurvivalOf gives the Kaplan–Meier curves: all tools, then the categories
// with the most tools, as step functions over time in the catalog. The
// analysis measures time in days (analyze.KMPoint.Time); the curves have it
// in months (days / 30.44) when the longest time is at most three years,
// else in years (days / 365.25): Survival.Unit says which.
func SurvivalOf(res *analyze.Result, pal *palette.Palette, title string) Survival {
	s := Survival{Title: title}
	groups := map[string][]analyze.KMPoint{}
	var order []string
	maxDays := 0.0
	for _, p := range res.Survival.Curves {
		if _, ok := groups[p.Group]; !ok {
			order = append(order, p.Group)
		}
		groups[p.Group] = append(groups[p.Group], p)
		maxDays = max(maxDays, float64(p.Time))
	}
	unit, per := survivalUnit(maxDays)
	s.Unit = unit
	size := map[string]int{}
	for _, sp := range res.Survival.Spans {
		size[sp.Category]++
	}
	cats := order[min(1, len(order)):]
	sort.SliceStable(cats, func(i, j int) bool {
		if size[cats[i]] != size[cats[j]] {
			return size[cats[i]] > size[cats[j]]
		}
		return cats[i] < cats[j]
	})
	if len(cats) > maxSurvivalCurves-1 {
		cats = cats[:maxSurvivalCurves-1]
	}
	for _, g := range append([]string{"all"}, cats...) {
		pts, ok := groups[g]
		if !ok {
			continue
		}
		c := SurvivalCurve{Name: g, Color: pal.Hex(g), Time: []float64{0}, Prob: []float64{1}}
		if g == "all" {
			c.Name, c.Color = "all tools", "#333333"
		}
		for _, p := range pts {
			c.Time = append(c.Time, float64(p.Time)/per)
			c.Prob = append(c.Prob, p.Survival)
		}
		s.Curves = append(s.Curves, c)
	}
	return s
}
