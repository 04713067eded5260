package taxonomy

// The alignment as it was before it ran on integer ids one release pair at
// a time: the reference that TestAlignMatchesReference compares Align with.

import (
	"maps"
	"slices"
	"sort"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// refMembership of one release: category → set of tool ids.
type refMembership map[string]map[string]bool

func refMemberships(h *catalog.History) []refMembership {
	rels := catalog.Strings(h.Record.Column(catalog.ColReleaseID))
	ids := catalog.Strings(h.Record.Column(catalog.ColToolID))
	cats := catalog.Strings(h.Record.Column(catalog.ColCategory))
	spell := Spellings(h, catalog.ColCategory)
	for i, c := range cats {
		cats[i] = spell[c]
	}
	pos := map[string]int{}
	for i, r := range h.Releases {
		pos[r.ID] = i
	}
	out := make([]refMembership, len(h.Releases))
	for i := range out {
		out[i] = refMembership{}
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

// refAlign infers the crosswalk and refLineage of a history with tool ids, then
// applies the overrides (which may be nil).
func refAlign(h *catalog.History, ov *Overrides) *Result {
	ms := refMemberships(h)
	ov = ov.spelled(Spellings(h, catalog.ColCategory))
	res := &Result{Lineage: Lineage{}}
	for ri := 1; ri < len(ms); ri++ {
		links := refAlignPair(h.Releases[ri-1].ID, h.Releases[ri].ID, ms[ri-1], ms[ri])
		links = refOverride(ov, h.Releases[ri-1].ID, h.Releases[ri].ID, links, ms[ri-1], ms[ri])
		res.Crosswalk = append(res.Crosswalk, links...)
	}
	res.Lineage = withSpellings(refLineage(h, ms, res.Crosswalk, ov), Spellings(h, catalog.ColCategory))
	return res
}

func refAlignPair(prevID, curID string, p, c refMembership) []Link {
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

// refLineage walks the crosswalk from the newest release back.
func refLineage(h *catalog.History, ms []refMembership, cw []Link, ov *Overrides) Lineage {
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

// refApply aligns a history and returns it with canonical_category filled.
func refApply(h *catalog.History, res *Result) []string {
	rels := catalog.Strings(h.Record.Column(catalog.ColReleaseID))
	cats := catalog.Strings(h.Record.Column(catalog.ColCategory))
	out := make([]string, len(cats))
	for i := range cats {
		out[i] = res.Lineage.Canonical(rels[i], cats[i])
	}
	return out
}

// apply replaces inferred links with the user's for one release pair.
func refOverride(o *Overrides, prevID, curID string, links []Link, p, c refMembership) []Link {
	if o == nil {
		return links
	}
	var mine []OverrideLink
	for _, l := range o.Links {
		if l.Release == curID {
			mine = append(mine, l)
		}
	}
	if len(mine) == 0 {
		return links
	}
	fromDecided, toDecided := map[string]bool{}, map[string]bool{}
	var added []Link
	for _, u := range mine {
		if u.From != "" {
			fromDecided[u.From] = true
		}
		tos := u.To
		if len(tos) == 0 {
			tos = []string{""}
		}
		for _, to := range tos {
			if to != "" {
				toDecided[to] = true
			}
			l := Link{Release: curID, Previous: prevID, From: u.From, To: to, Relation: u.Relation, Source: OverridesFile}
			if u.From != "" && to != "" {
				l.Similarity = Similarity(u.From, to)
				for t := range p[u.From] {
					if c[to][t] {
						l.Overlap++
					}
				}
			}
			added = append(added, l)
		}
	}
	var out []Link
	for _, l := range links {
		if fromDecided[l.From] && l.From != "" {
			continue
		}
		if l.Relation == New && toDecided[l.To] {
			continue
		}
		out = append(out, l)
	}
	out = append(out, added...)
	sortLinks(out)
	return out
}
