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
	"maps"
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
}

// membership of one release: category → set of tool ids.
type membership map[string]map[string]bool

func memberships(h *catalog.History) []membership {
	rels := catalog.Strings(h.Record.Column(catalog.ColReleaseID))
	ids := catalog.Strings(h.Record.Column(catalog.ColToolID))
	cats := catalog.Strings(h.Record.Column(catalog.ColCategory))
	pos := map[string]int{}
	for i, r := range h.Releases {
		pos[r.ID] = i
	}
	out := make([]membership, len(h.Releases))
	for i := range out {
		out[i] = membership{}
	}
	for i := range ids {
		m := out[pos[rels[i]]]
		if m[cats[i]] == nil {
			m[cats[i]] = map[string]bool{}
		}
		m[cats[i]][ids[i]] = true
	}
	return out
}

// Align infers the crosswalk and lineage of a history with tool ids, then
// applies the overrides (which may be nil).
func Align(h *catalog.History, ov *Overrides) *Result {
	ms := memberships(h)
	res := &Result{Lineage: Lineage{}}
	for ri := 1; ri < len(ms); ri++ {
		links := alignPair(h.Releases[ri-1].ID, h.Releases[ri].ID, ms[ri-1], ms[ri])
		links = ov.apply(h.Releases[ri-1].ID, h.Releases[ri].ID, links, ms[ri-1], ms[ri])
		res.Crosswalk = append(res.Crosswalk, links...)
	}
	res.Lineage = lineage(h, ms, res.Crosswalk, ov)
	return res
}

func alignPair(prevID, curID string, p, c membership) []Link {
	inCur, inPrev := map[string]bool{}, map[string]bool{}
	for _, tools := range c {
		for t := range tools {
			inCur[t] = true
		}
	}
	for _, tools := range p {
		for t := range tools {
			inPrev[t] = true
		}
	}
	pNames, cNames := slices.Sorted(maps.Keys(p)), slices.Sorted(maps.Keys(c))
	byKeyP, byKeyC := map[string]string{}, map[string]string{}
	for _, n := range pNames {
		byKeyP[identity.NameKey(n)] = n
	}
	for _, n := range cNames {
		byKeyC[identity.NameKey(n)] = n
	}
	F := map[[2]string]int{}
	out, in := map[string]int{}, map[string]int{}
	for _, i := range pNames {
		for t := range p[i] {
			if !inCur[t] {
				continue
			}
			for _, j := range cNames {
				if c[j][t] {
					F[[2]string{i, j}]++
					out[i]++
					in[j]++
				}
			}
		}
	}
	link := func(i, j, rel string) Link {
		l := Link{Release: curID, Previous: prevID, From: i, To: j, Relation: rel, Source: "inferred"}
		if i != "" && j != "" {
			l.Overlap = F[[2]string{i, j}]
			l.FromShare = share(l.Overlap, out[i])
			l.ToShare = share(l.Overlap, in[j])
			l.Similarity = Similarity(i, j)
		}
		return l
	}
	var links []Link
	targeted := map[string]bool{}
	type cand struct {
		j string
		f int
	}
	// Sources of each new category that send it most of their tools.
	strong := map[string][]string{}
	targets := map[string][]cand{}
	for _, i := range pNames {
		if j, ok := byKeyC[identity.NameKey(i)]; ok {
			links = append(links, link(i, j, Same))
			targeted[j] = true
			continue
		}
		for _, j := range cNames {
			f := F[[2]string{i, j}]
			sim := Similarity(i, j)
			if (f >= minTargetTools && (share(f, out[i]) >= minTargetShare || share(f, in[j]) >= mainOfTarget)) || (f >= 1 && sim >= similarNames) {
				targets[i] = append(targets[i], cand{j, f})
			}
		}
		sort.SliceStable(targets[i], func(a, b int) bool { return targets[i][a].f > targets[i][b].f })
		for _, t := range targets[i] {
			sh := share(t.f, out[i])
			if sh >= renameShare || (sh >= renameShareSim && Similarity(i, t.j) >= similarNames) {
				strong[t.j] = append(strong[t.j], i)
			}
		}
	}
	// The largest source of every category of c.
	mainSource := map[string]string{}
	for _, j := range cNames {
		best := 0
		for _, i := range pNames {
			if f := F[[2]string{i, j}]; f > best {
				best, mainSource[j] = f, i
			}
		}
	}
	for _, i := range pNames {
		if _, ok := byKeyC[identity.NameKey(i)]; ok {
			continue
		}
		ts := targets[i]
		var parts []cand // new categories that take most of their tools from i
		for _, t := range ts {
			if _, existed := byKeyP[identity.NameKey(t.j)]; !existed && mainSource[t.j] == i && (share(t.f, out[i]) >= minTargetShare || t.f >= minPartTools) {
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
			_, existed := byKeyP[identity.NameKey(j)]
			partners := 0 // other strong sources that make up a real part of j
			for _, o := range strong[j] {
				if o != i && share(F[[2]string{o, j}], in[j]) >= mergePartShare {
					partners++
				}
			}
			switch {
			case existed || mainSource[j] != i || partners > 0:
				rel = Merged // into a category that existed, or together with others
			case share(ts[0].f, len(c[j])) < absorbedShare && Similarity(i, j) < similarNames:
				rel = Merged // absorbed into a much larger new category
			}
			links = append(links, link(i, j, rel))
			targeted[j] = true
		default:
			links = append(links, link(i, "", Retired))
		}
	}
	for _, j := range cNames {
		if !targeted[j] {
			links = append(links, link("", j, New))
		}
	}
	sortLinks(links)
	return links
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

// lineage walks the crosswalk from the newest release back.
func lineage(h *catalog.History, ms []membership, cw []Link, ov *Overrides) Lineage {
	lin := Lineage{}
	n := len(h.Releases)
	if n == 0 {
		return lin
	}
	last := h.Releases[n-1].ID
	lin[last] = map[string]string{}
	for cat := range ms[n-1] {
		lin[last][cat] = ov.canonical(cat)
	}
	byRelease := map[string][]Link{}
	for _, l := range cw {
		byRelease[l.Release] = append(byRelease[l.Release], l)
	}
	for ri := n - 2; ri >= 0; ri-- {
		rel, next := h.Releases[ri].ID, h.Releases[ri+1].ID
		lin[rel] = map[string]string{}
		best := map[string]Link{}
		for _, l := range byRelease[next] {
			if l.From == "" || l.To == "" {
				continue
			}
			if b, ok := best[l.From]; !ok || l.Overlap > b.Overlap || (l.Overlap == b.Overlap && l.To < b.To) {
				best[l.From] = l
			}
		}
		for cat := range ms[ri] {
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

// Apply aligns a history and returns it with canonical_category filled.
func Apply(h *catalog.History, res *Result) []string {
	rels := catalog.Strings(h.Record.Column(catalog.ColReleaseID))
	cats := catalog.Strings(h.Record.Column(catalog.ColCategory))
	out := make([]string, len(cats))
	for i := range cats {
		out[i] = res.Lineage.Canonical(rels[i], cats[i])
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
