// Package taxonomy aligns a catalog's categories across releases.
//
// It takes a history whose tool_id column is filled (package identity) and
// gives, for every pair of consecutive releases, a crosswalk — what happened
// to each category: same, renamed, split, merged, new, retired — and a
// lineage: a canonical category for every (release, category), written into
// the history's canonical_category column, so that a growth series runs
// through renames, splits and merges instead of breaking. A user file
// taxonomy.yaml beside the catalog overrides any inference.
//
// The measure. For releases p → c, F(i, j) is the number of tools listed in
// category i of p and in category j of c (tools in both releases only). For
// a category i of p, out(i) = Σ_j F(i, j); for j of c, in(j) = Σ_i F(i, j).
// Name similarity S(i, j) is the Dice coefficient of the names' word sets
// (lower case, "and"/"&"/"the"/"of" dropped, a plural "s" dropped). Then:
//
//   - same: i and j have the same name (NameKey: case, punctuation, spacing).
//   - For a category i whose name is gone from c, its targets are the j with
//     F(i, j) ≥ 2 and F(i, j) ≥ 20% of out(i) or ≥ 50% of in(j), or
//     F(i, j) ≥ 1 and S(i, j) ≥ 0.5. Split: two or more targets that are new in c, have i as
//     their largest source and take ≥ 20% of out(i) or ≥ 3 tools from it. Otherwise, when the
//     largest target j takes ≥ 50% of out(i) (or ≥ 30% with S ≥ 0.5):
//     renamed — but merged when j existed in p already, when i is not j's
//     largest source, when another such source gives ≥ 20% of in(j), or when
//     i's tools are < 10% of j and the names are not similar (i was
//     absorbed). No target: retired.
//   - A category j of c whose name is new and that is no target above: new.
//
// Lineage: the newest release's categories are their own canonical names;
// going back one release at a time, a category takes the canonical name of
// the category it is the same as, was renamed to or merged into; a split
// category takes that of its largest part; a retired one keeps its own name.
package taxonomy

import (
	"math/bits"
	"slices"
	"sort"
	"strings"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Relations of a crosswalk link.
const (
	Same    = "same"
	Renamed = "renamed"
	Split   = "split"
	Merged  = "merged"
	New     = "new"
	Retired = "retired"
)

// Thresholds of the measure (see the package doc).
const (
	minTargetTools = 2
	minTargetShare = 0.20
	renameShare    = 0.50
	renameShareSim = 0.30
	similarNames   = 0.50
	absorbedShare  = 0.10
	mergePartShare = 0.20
	minPartTools   = 3
	mainOfTarget   = 0.50
)

// Link is one row of the crosswalk.
type Link struct {
	Release    string  `arrow:"release" doc:"the newer release of the pair"`
	Previous   string  `arrow:"previous_release" doc:"the older release of the pair"`
	From       string  `arrow:"from_category,nullable" doc:"category in the previous release (empty for new)"`
	To         string  `arrow:"to_category,nullable" doc:"category in the release (empty for retired)"`
	Relation   string  `arrow:"relation,dict" doc:"same, renamed, split, merged, new or retired"`
	Overlap    int     `arrow:"overlap" doc:"tools listed in from_category before and in to_category after"`
	FromShare  float64 `arrow:"from_share" doc:"overlap / tools of from_category still in the catalog"`
	ToShare    float64 `arrow:"to_share" doc:"overlap / tools of to_category that were in the catalog before"`
	Similarity float64 `arrow:"name_similarity" doc:"Dice similarity of the two names' word sets (0..1)"`
	Source     string  `arrow:"source,dict" doc:"inferred, or taxonomy.yaml when a user override decided it"`
}

// Lineage is the canonical category of every (release, category).
type Lineage map[string]map[string]string // release id → category → canonical

// Canonical returns the canonical name of a category in a release (the
// name itself when unknown).
func (l Lineage) Canonical(release, category string) string {
	if c, ok := l[release][category]; ok {
		return c
	}
	return category
}

// Result is the alignment of a history.
type Result struct {
	Crosswalk []Link
	Lineage   Lineage
	// SubCrosswalk is the subcategory crosswalk (filled by Canonical).
	SubCrosswalk []SubLink
}

// members is the membership of one release: which tools each category
// lists, on integer ids (see aligner).
type members struct {
	cats   []int32  // its categories, sorted by name
	pairs  []uint64 // tool<<32 | category, sorted, distinct
	size   []int32  // tools of each category (by index into cats)
	local  []int32  // category id → index into cats (valid where cats says so)
	first  []int32  // tool id → its first pair (valid where stamp says so)
	tstamp []int32  // tool id → stamp of the release that lists it
	byKey  []int32  // name key id → the last category (by name) with that key
	kstamp []int32  // name key id → stamp of the release that has it
	stamp  int32
	// scratch of sortPairs
	scratch []uint64
}

// sortPairs sorts pairs (tool<<32 | category) in place, using buf (returned,
// grown) as scratch: a radix sort by bytes of the pairs packed into as few
// bits as their largest tool and category need (a release's pairs are a
// few thousand numbers of about twenty bits: three passes instead of a
// comparison sort), or slices.Sort when they need more than 32 bits.
func sortPairs(pairs, buf []uint64) []uint64 {
	var maxTool, maxCat uint64
	for _, p := range pairs {
		maxTool, maxCat = max(maxTool, p>>32), max(maxCat, p&0xffffffff)
	}
	catBits := bits.Len64(maxCat)
	width := bits.Len64(maxTool) + catBits
	if width > 32 || len(pairs) < 64 {
		slices.Sort(pairs)
		return buf
	}
	for i, p := range pairs {
		pairs[i] = p>>32<<catBits | p&0xffffffff
	}
	buf = grow(buf, len(pairs))
	src, dst := pairs, buf
	for shift := 0; shift < width; shift += 8 {
		var count [257]int
		for _, k := range src {
			count[(k>>shift)&0xff+1]++
		}
		for i := 1; i < 257; i++ {
			count[i] += count[i-1]
		}
		for _, k := range src {
			d := (k >> shift) & 0xff
			dst[count[d]] = k
			count[d]++
		}
		src, dst = dst, src
	}
	mask := uint64(1)<<catBits - 1
	for i, k := range src {
		pairs[i] = k>>catBits<<32 | k&mask
	}
	return buf
}

// has reports whether a category id is one of the release's.
func (m *members) has(cat int32) bool {
	l := m.local[cat]
	return int(l) < len(m.cats) && m.cats[l] == cat
}

// lists reports whether the release lists a tool.
func (m *members) lists(tool int32) bool { return m.tstamp[tool] == m.stamp }

// hasKey reports whether the release has a category of this name key.
func (m *members) hasKey(key int32) bool { return m.kstamp[key] == m.stamp }

// aligner holds a history's columns as codes into interned ids and builds
// one release's membership at a time: the cost follows the listings, and
// memory two releases.
type aligner struct {
	h         *catalog.History
	catCodes  []int32 // per row, category code
	toolCodes []int32 // per row, tool_id code
	catOf     []int32 // category code → category id ([len] for null)
	toolOf    []int32 // tool code → tool id ([len] for null)
	catNames  []string
	catIDs    map[string]int32
	catRank   []int32 // category id → rank of its name among all names
	catKey    []int32 // category id → id of its NameKey
	nKeys     int
	nTools    int
	// rows of each release: h.Rows when the release_id column agrees with
	// it, else lists built from release_id (as memberships did)
	byRows  bool
	relRows [][]int32
	sims    map[uint64]float64
	// parent and label, for subcategories only (nil for categories): the
	// canonical category of each group and its subcategory name. Groups of
	// two parents are never linked, and names compare by label.
	parent []int32
	label  []string
	// scratch of one pair
	f, out, in, mainSrc []int32
}

func newAligner(h *catalog.History, spell map[string]string) *aligner {
	codes, vals := h.Codes(catalog.ColCategory)
	return newGroupAligner(h, codes, vals, spell, identity.NameKey)
}

// newGroupAligner is an aligner of the groups of a history whose code per
// row is codes (into vals; -1 for null): categories, or the subcategory
// groups of alignSubcategories. spell maps a value to its display name (nil:
// itself); key gives a display name's identity.
func newGroupAligner(h *catalog.History, codes []int32, catVals []string, spell map[string]string, key func(string) string) *aligner {
	a := &aligner{h: h, catIDs: map[string]int32{}, sims: map[uint64]float64{}}
	relCodes, relVals := h.Codes(catalog.ColReleaseID)
	var toolVals []string
	a.catCodes = codes
	a.toolCodes, toolVals = h.Codes(catalog.ColToolID)
	// Distinct strings, whatever the dictionaries hold; a null is "".
	a.catOf = make([]int32, len(catVals)+1)
	for c, v := range append(catVals, "") {
		if d, ok := spell[v]; ok {
			v = d // one category per Key, by its display name
		}
		id, ok := a.catIDs[v]
		if !ok {
			id = int32(len(a.catNames))
			a.catIDs[v] = id
			a.catNames = append(a.catNames, v)
		}
		a.catOf[c] = id
	}
	for c, v := range append(catVals, "") {
		if _, ok := a.catIDs[v]; !ok {
			a.catIDs[v] = a.catOf[c] // another spelling finds its category
		}
	}
	toolIDs := map[string]int32{}
	a.toolOf = make([]int32, len(toolVals)+1)
	for c, v := range append(toolVals, "") {
		id, ok := toolIDs[v]
		if !ok {
			id = int32(len(toolIDs))
			toolIDs[v] = id
		}
		a.toolOf[c] = id
	}
	a.nTools = len(toolIDs)
	order := make([]int32, len(a.catNames))
	for i := range order {
		order[i] = int32(i)
	}
	sort.Slice(order, func(x, y int) bool { return a.catNames[order[x]] < a.catNames[order[y]] })
	a.catRank = make([]int32, len(order))
	for r, id := range order {
		a.catRank[id] = int32(r)
	}
	var keys catalog.Interner
	a.catKey = make([]int32, len(a.catNames))
	for id, n := range a.catNames {
		a.catKey[id] = keys.ID(key(n))
	}
	a.nKeys = keys.Len()
	// The release of each row, as memberships read it: by release_id, the
	// last release of that id, 0 for an unknown id.
	pos := map[string]int{}
	for i, r := range h.Releases {
		pos[r.ID] = i
	}
	relOf := make([]int32, len(relVals)+1)
	for c, v := range append(relVals, "") {
		relOf[c] = int32(pos[v])
	}
	rel := func(row int) int32 {
		c := relCodes[row]
		if c < 0 {
			c = int32(len(relOf) - 1)
		}
		return relOf[c]
	}
	n := len(relCodes)
	a.byRows = len(h.Starts) == len(h.Releases)+1 && len(h.Releases) > 0 && h.Starts[0] == 0 && h.Starts[len(h.Releases)] == n
	for ri := 0; a.byRows && ri < len(h.Releases); ri++ {
		from, to := h.Rows(ri)
		if from > to {
			a.byRows = false
			break
		}
		for row := from; row < to; row++ {
			if rel(row) != int32(ri) {
				a.byRows = false
				break
			}
		}
	}
	if !a.byRows && len(h.Releases) > 0 {
		a.relRows = make([][]int32, len(h.Releases))
		for row := 0; row < n; row++ {
			ri := rel(row)
			a.relRows[ri] = append(a.relRows[ri], int32(row))
		}
	}
	return a
}

// build fills m with release ri's membership.
func (a *aligner) build(ri int, m *members) {
	m.stamp = int32(ri) + 1
	m.pairs = m.pairs[:0]
	add := func(row int) {
		cc, tc := a.catCodes[row], a.toolCodes[row]
		if cc < 0 {
			cc = int32(len(a.catOf) - 1)
		}
		if tc < 0 {
			tc = int32(len(a.toolOf) - 1)
		}
		m.pairs = append(m.pairs, uint64(uint32(a.toolOf[tc]))<<32|uint64(uint32(a.catOf[cc])))
	}
	if a.byRows {
		from, to := a.h.Rows(ri)
		for row := from; row < to; row++ {
			add(row)
		}
	} else {
		for _, row := range a.relRows[ri] {
			add(int(row))
		}
	}
	m.scratch = sortPairs(m.pairs, m.scratch)
	m.pairs = slices.Compact(m.pairs)
	if m.local == nil {
		m.local = make([]int32, len(a.catNames))
		m.first = make([]int32, a.nTools)
		m.tstamp = make([]int32, a.nTools)
		m.byKey = make([]int32, a.nKeys)
		m.kstamp = make([]int32, a.nKeys)
	}
	// Categories: mark each with an index out of range first, to collect
	// each once.
	m.cats = m.cats[:0]
	for k, p := range m.pairs {
		tool, cat := int32(p>>32), int32(uint32(p))
		if m.tstamp[tool] != m.stamp {
			m.tstamp[tool], m.first[tool] = m.stamp, int32(k)
		}
		if !m.has(cat) {
			m.local[cat] = int32(len(m.cats))
			m.cats = append(m.cats, cat)
		}
	}
	slices.SortFunc(m.cats, func(x, y int32) int { return int(a.catRank[x]) - int(a.catRank[y]) })
	m.size = m.size[:0]
	for l, cat := range m.cats {
		m.local[cat] = int32(l)
		m.size = append(m.size, 0)
		k := a.catKey[cat]
		m.byKey[k], m.kstamp[k] = cat, m.stamp // sorted: the last name wins
	}
	for _, p := range m.pairs {
		m.size[m.local[int32(uint32(p))]]++
	}
}

// tools gives the tools of one category of a release, by name (none when
// the release does not have it).
func (a *aligner) tools(m *members, name string) []int32 {
	cat, ok := a.catIDs[name]
	if !ok || !m.has(cat) {
		return nil
	}
	var out []int32
	for _, p := range m.pairs {
		if int32(uint32(p)) == cat {
			out = append(out, int32(p>>32))
		}
	}
	return out
}

// contains reports whether a category of a release, by name, lists a tool.
func (a *aligner) contains(m *members, name string, tool int32) bool {
	cat, ok := a.catIDs[name]
	if !ok {
		return false
	}
	_, found := slices.BinarySearch(m.pairs, uint64(uint32(tool))<<32|uint64(uint32(cat)))
	return found
}

// similarity is Similarity of two categories, computed once per pair.
func (a *aligner) similarity(i, j int32) float64 {
	k := uint64(uint32(i))<<32 | uint64(uint32(j))
	s, ok := a.sims[k]
	if !ok {
		switch {
		case a.parent == nil:
			s = Similarity(a.catNames[i], a.catNames[j])
		case a.parent[i] == a.parent[j]:
			s = Similarity(a.label[i], a.label[j])
		}
		a.sims[k] = s
	}
	return s
}

// Align infers the crosswalk and lineage of a history with tool ids, then
// applies the overrides (which may be nil). It holds two releases'
// memberships at a time.
func Align(h *catalog.History, ov *Overrides) *Result {
	res := &Result{Lineage: Lineage{}}
	n := len(h.Releases)
	cats := make([][]string, n) // categories of each release, for the lineage
	if n == 0 {
		res.Lineage = lineage(h, cats, nil, ov)
		return res
	}
	spell := Spellings(h, catalog.ColCategory)
	ov = ov.spelled(spell)
	a := newAligner(h, spell)
	p, c := &members{}, &members{}
	a.build(0, p)
	cats[0] = a.names(p)
	for ri := 1; ri < n; ri++ {
		a.build(ri, c)
		cats[ri] = a.names(c)
		links := a.alignPair(h.Releases[ri-1].ID, h.Releases[ri].ID, p, c)
		links = ov.apply(h.Releases[ri-1].ID, h.Releases[ri].ID, links, a, p, c)
		res.Crosswalk = append(res.Crosswalk, links...)
		p, c = c, p
	}
	res.Lineage = withSpellings(lineage(h, cats, res.Crosswalk, ov), spell)
	return res
}

func (a *aligner) names(m *members) []string {
	out := make([]string, len(m.cats))
	for l, cat := range m.cats {
		out[l] = a.catNames[cat]
	}
	return out
}

func (a *aligner) alignPair(prevID, curID string, p, c *members) []Link {
	np, nc := len(p.cats), len(c.cats)
	a.f = zeroed(a.f, np*nc)
	a.out = zeroed(a.out, np)
	a.in = zeroed(a.in, nc)
	F, out, in := a.f, a.out, a.in
	for _, pp := range p.pairs {
		t := int32(pp >> 32)
		if !c.lists(t) {
			continue
		}
		pc := int32(uint32(pp))
		i := p.local[pc]
		for k := int(c.first[t]); k < len(c.pairs) && int32(c.pairs[k]>>32) == t; k++ {
			cc := int32(uint32(c.pairs[k]))
			if a.parent != nil && a.parent[pc] != a.parent[cc] {
				continue // subcategories of two categories
			}
			j := c.local[cc]
			F[int(i)*nc+int(j)]++
			out[i]++
			in[j]++
		}
	}
	pName := func(i int) string { return a.catNames[p.cats[i]] }
	cName := func(j int) string { return a.catNames[c.cats[j]] }
	f := func(i, j int) int { return int(F[i*nc+j]) }
	sim := func(i, j int) float64 { return a.similarity(p.cats[i], c.cats[j]) }
	link := func(i, j int, rel string) Link {
		l := Link{Release: curID, Previous: prevID, Relation: rel, Source: "inferred"}
		if i >= 0 {
			l.From = pName(i)
		}
		if j >= 0 {
			l.To = cName(j)
		}
		if l.From != "" && l.To != "" {
			l.Overlap = f(i, j)
			l.FromShare = share(l.Overlap, int(out[i]))
			l.ToShare = share(l.Overlap, int(in[j]))
			l.Similarity = sim(i, j)
		}
		return l
	}
	// same gives the category of c with the name key of i, or -1.
	same := func(i int) int {
		k := a.catKey[p.cats[i]]
		if !c.hasKey(k) {
			return -1
		}
		return int(c.local[c.byKey[k]])
	}
	var links []Link
	targeted := make([]bool, nc)
	type cand struct {
		j int
		f int
	}
	// Sources of each new category that send it most of their tools.
	strong := make([][]int, nc)
	targets := make([][]cand, np)
	for i := 0; i < np; i++ {
		if j := same(i); j >= 0 {
			links = append(links, link(i, j, Same))
			targeted[j] = true
			continue
		}
		for j := 0; j < nc; j++ {
			fij := f(i, j)
			if (fij >= minTargetTools && (share(fij, int(out[i])) >= minTargetShare || share(fij, int(in[j])) >= mainOfTarget)) || (fij >= 1 && sim(i, j) >= similarNames) {
				targets[i] = append(targets[i], cand{j, fij})
			}
		}
		sort.SliceStable(targets[i], func(x, y int) bool { return targets[i][x].f > targets[i][y].f })
		for _, t := range targets[i] {
			sh := share(t.f, int(out[i]))
			if sh >= renameShare || (sh >= renameShareSim && sim(i, t.j) >= similarNames) {
				strong[t.j] = append(strong[t.j], i)
			}
		}
	}
	// The largest source of every category of c ("" when none).
	a.mainSrc = grow(a.mainSrc, nc)
	mainSource := a.mainSrc
	for j := 0; j < nc; j++ {
		best := 0
		mainSource[j] = -1
		for i := 0; i < np; i++ {
			if fij := f(i, j); fij > best {
				best, mainSource[j] = fij, int32(i)
			}
		}
	}
	isMain := func(j, i int) bool {
		if mainSource[j] < 0 {
			return pName(i) == ""
		}
		return int(mainSource[j]) == i
	}
	for i := 0; i < np; i++ {
		if same(i) >= 0 {
			continue
		}
		ts := targets[i]
		var parts []cand // new categories that take most of their tools from i
		for _, t := range ts {
			if existed := p.hasKey(a.catKey[c.cats[t.j]]); !existed && isMain(t.j, i) && (share(t.f, int(out[i])) >= minTargetShare || t.f >= minPartTools) {
				parts = append(parts, t)
			}
		}
		switch {
		case len(parts) >= 2:
			for _, t := range parts {
				links = append(links, link(i, t.j, Split))
				targeted[t.j] = true
			}
		case len(ts) >= 1 && slices.Contains(strong[ts[0].j], i):
			j := ts[0].j
			rel := Renamed
			existed := p.hasKey(a.catKey[c.cats[j]])
			partners := 0 // other strong sources that make up a real part of j
			for _, o := range strong[j] {
				if o != i && share(f(o, j), int(in[j])) >= mergePartShare {
					partners++
				}
			}
			switch {
			case existed || !isMain(j, i) || partners > 0:
				rel = Merged // into a category that existed, or together with others
			case share(ts[0].f, int(c.size[j])) < absorbedShare && sim(i, j) < similarNames:
				rel = Merged // absorbed into a much larger new category
			}
			links = append(links, link(i, j, rel))
			targeted[j] = true
		default:
			links = append(links, link(i, -1, Retired))
		}
	}
	for j := 0; j < nc; j++ {
		if !targeted[j] {
			links = append(links, link(-1, j, New))
		}
	}
	sortLinks(links)
	return links
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func zeroed(s []int32, n int) []int32 {
	s = grow(s, n)
	clear(s)
	return s
}

func sortLinks(links []Link) {
	sort.SliceStable(links, func(a, b int) bool {
		x, y := links[a], links[b]
		if x.Release != y.Release {
			return x.Release < y.Release
		}
		if x.From != y.From {
			return x.From < y.From
		}
		return x.To < y.To
	})
}

// lineage walks the crosswalk from the newest release back; cats are the
// categories of each release.
func lineage(h *catalog.History, cats [][]string, cw []Link, ov *Overrides) Lineage {
	lin := Lineage{}
	n := len(h.Releases)
	if n == 0 {
		return lin
	}
	last := h.Releases[n-1].ID
	lin[last] = map[string]string{}
	for _, cat := range cats[n-1] {
		lin[last][cat] = ov.canonical(cat)
	}
	// The links of each release: the aligners make them release by release,
	// so each is a run of cw, taken without a copy (capped: links of the
	// same release further on are appended to a copy).
	byRelease := map[string][]Link{}
	for i := 0; i < len(cw); {
		j := i + 1
		for j < len(cw) && cw[j].Release == cw[i].Release {
			j++
		}
		if got := byRelease[cw[i].Release]; got == nil {
			byRelease[cw[i].Release] = cw[i:j:j]
		} else {
			byRelease[cw[i].Release] = append(got, cw[i:j]...)
		}
		i = j
	}
	best := map[string]Link{}
	for ri := n - 2; ri >= 0; ri-- {
		rel, next := h.Releases[ri].ID, h.Releases[ri+1].ID
		lin[rel] = map[string]string{}
		clear(best)
		for _, l := range byRelease[next] {
			if l.From == "" || l.To == "" {
				continue
			}
			if b, ok := best[l.From]; !ok || l.Overlap > b.Overlap || (l.Overlap == b.Overlap && l.To < b.To) {
				best[l.From] = l
			}
		}
		for _, cat := range cats[ri] {
			canon := cat
			if l, ok := best[cat]; ok {
				canon = lin[next][l.To]
			}
			if c := ov.canonical(cat); c != cat {
				canon = c
			}
			lin[rel][cat] = canon
		}
	}
	return lin
}

// Apply gives the canonical category of every row of a history (for
// WithCanonicalCategories), looked up once per release and category.
func Apply(h *catalog.History, res *Result) []string {
	rels, relVals := h.Codes(catalog.ColReleaseID)
	cats, catVals := h.Codes(catalog.ColCategory)
	catVals = append(catVals, "") // a null is ""
	out := make([]string, len(cats))
	canon := make([]string, len(catVals))
	known := make([]int32, len(catVals)) // stamp of the release run that looked it up
	run, prev := int32(0), int32(-2)
	var lin map[string]string
	for i, cc := range cats {
		if cc < 0 {
			cc = int32(len(catVals) - 1)
		}
		if rc := rels[i]; rc != prev {
			prev = rc
			rel := ""
			if rc >= 0 {
				rel = relVals[rc]
			}
			lin = res.Lineage[rel]
			run++
		}
		if known[cc] != run {
			cat := catVals[cc]
			if c, ok := lin[cat]; ok {
				cat = c
			}
			canon[cc], known[cc] = cat, run
		}
		out[i] = canon[cc]
	}
	return out
}

func share(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

var stopWords = map[string]bool{"and": true, "the": true, "of": true, "for": true, "a": true}

// words gives the comparable words of a category name.
func words(name string) map[string]bool {
	out := map[string]bool{}
	f := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	})
	for _, w := range f {
		if stopWords[w] {
			continue
		}
		if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
			w = strings.TrimSuffix(w, "s")
		}
		out[w] = true
	}
	return out
}

// Similarity is the Dice coefficient of two names' word sets.
func Similarity(a, b string) float64 {
	wa, wb := words(a), words(b)
	if len(wa)+len(wb) == 0 {
		return 0
	}
	common := 0
	for w := range wa {
		if wb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(wa)+len(wb))
}
