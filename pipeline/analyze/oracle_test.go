package analyze

// The oracle: the map-based analyses that the engine (engine.go) replaced,
// kept only to check the engine table by table (engine_test.go). They index
// every release at once, which a history of thousands of releases cannot
// afford.

import (
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// Index is a compact, integer-coded view of a history for the analyses.
type Index struct {
	Releases []catalog.Release
	Tools    []string // tool ids, in order of first appearance
	Names    []string // per tool: its name in the latest release it is listed in
	Cats     []string // canonical category names, sorted
	// Per release: the listings' tools, categories and subcategories.
	Rel []ReleaseIndex
}

// ReleaseIndex is one release's membership.
type ReleaseIndex struct {
	Listings int
	// Member maps tool → sorted distinct category indexes it is listed in.
	Member map[int][]int
	// SubMember maps tool → sorted distinct "category\x00subcategory" keys.
	SubMember map[int][]string
	Names     map[int]string   // tool → name in this release (first listing)
	Repos     map[int]string   // tool → normalized repository of its first listing with one
	Statuses  map[int]string   // tool → status of its first listing with one
	Licenses  map[int]string   // tool → licence of its first listing with one
	NameKeys  map[int][]string // tool → its distinct normalized names (several listings may differ)
	// GroupListings counts listings per category ("cat") and per
	// subcategory ("cat\x00sub").
	GroupListings map[string]int
}

// NewIndex builds the index of a history with tool ids.
func NewIndex(h *catalog.History) *Index {
	rec := h.Record
	ids := catalog.Strings(rec.Column(catalog.ColToolID))
	names := catalog.Strings(rec.Column(catalog.ColName))
	cats := catalog.Strings(rec.Column(catalog.ColCanonicalCategory))
	subs := catalog.Strings(rec.Column(catalog.ColCanonicalSubcategory))
	spell := taxonomy.Spellings(h, catalog.ColCanonicalSubcategory) // subcategories by Key, as the engine groups them
	for i, s := range subs {
		subs[i] = spell[s]
	}
	relIDs := catalog.Strings(rec.Column(catalog.ColReleaseID))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	statuses := catalog.Strings(rec.Column(catalog.ColStatus))
	licenses := catalog.Strings(rec.Column(catalog.ColLicense))

	ix := &Index{Releases: h.Releases}
	catSet := map[string]bool{}
	for _, c := range cats {
		catSet[c] = true
	}
	for c := range catSet {
		ix.Cats = append(ix.Cats, c)
	}
	sort.Strings(ix.Cats)
	catIdx := make(map[string]int, len(ix.Cats))
	for i, c := range ix.Cats {
		catIdx[c] = i
	}
	relPos := make(map[string]int, len(h.Releases))
	for i, r := range h.Releases {
		relPos[r.ID] = i
	}
	ix.Rel = make([]ReleaseIndex, len(h.Releases))
	for i := range ix.Rel {
		ix.Rel[i] = ReleaseIndex{Member: map[int][]int{}, SubMember: map[int][]string{}, Names: map[int]string{}, Repos: map[int]string{}, Statuses: map[int]string{}, Licenses: map[int]string{}, NameKeys: map[int][]string{}, GroupListings: map[string]int{}}
	}
	toolIdx := map[string]int{}
	nameKey, repoKey := memoized(identity.NameKey), memoized(identity.RepoKey)
	for i, id := range ids {
		t, ok := toolIdx[id]
		if !ok {
			t = len(ix.Tools)
			toolIdx[id] = t
			ix.Tools = append(ix.Tools, id)
			ix.Names = append(ix.Names, names[i])
		}
		ix.Names[t] = names[i]
		r := &ix.Rel[relPos[relIDs[i]]]
		r.Listings++
		r.GroupListings[cats[i]]++
		r.GroupListings[cats[i]+"\x00"+subs[i]]++
		if _, ok := r.Names[t]; !ok {
			r.Names[t] = names[i]
		}
		r.NameKeys[t] = insertString(r.NameKeys[t], nameKey(names[i]))
		if _, ok := r.Licenses[t]; !ok && licenses[i] != "" {
			r.Licenses[t] = licenses[i]
		}
		if _, ok := r.Statuses[t]; !ok && statuses[i] != "" {
			r.Statuses[t] = statuses[i]
		}
		if _, ok := r.Repos[t]; !ok && repos[i] != "" {
			r.Repos[t] = repoKey(repos[i])
		}
		r.Member[t] = insertInt(r.Member[t], catIdx[cats[i]])
		r.SubMember[t] = insertString(r.SubMember[t], cats[i]+"\x00"+subs[i])
	}
	return ix
}

func insertInt(s []int, v int) []int {
	i := sort.SearchInts(s, v)
	if i < len(s) && s[i] == v {
		return s
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

func insertString(s []string, v string) []string {
	i := sort.SearchStrings(s, v)
	if i < len(s) && s[i] == v {
		return s
	}
	s = append(s, "")
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// sortedTools returns the tools of a membership map in index order.
func sortedTools[V any](m map[int]V) []int {
	out := make([]int, 0, len(m))
	for t := range m {
		out = append(out, t)
	}
	sort.Ints(out)
	return out
}

// ComputeGrowth computes per-release, per-category and per-subcategory
// statistics. The first release is the baseline: all its tools are added.
func ComputeGrowth(ix *Index) *Growth {
	g := &Growth{}
	for ri, rel := range ix.Rel {
		var prev *ReleaseIndex
		if ri > 0 {
			prev = &ix.Rel[ri-1]
		}
		rs := ReleaseStat{Release: ix.Releases[ri].ID, Date: ix.Releases[ri].Date, Commit: ix.Releases[ri].Commit, File: filepath.Base(ix.Releases[ri].File), Listings: rel.Listings, Tools: len(rel.Member)}
		cats := map[int]bool{}
		subs := map[string]bool{}
		for t, cs := range rel.Member {
			for _, c := range cs {
				cats[c] = true
			}
			for _, s := range rel.SubMember[t] {
				if !strings.HasSuffix(s, "\x00") {
					subs[s] = true
				}
			}
			if prev == nil {
				rs.Added++
				continue
			}
			pcs, ok := prev.Member[t]
			if !ok {
				rs.Added++
			} else if !slices.Equal(pcs, cs) {
				rs.Moved++
			}
		}
		if prev != nil {
			for t := range prev.Member {
				if _, ok := rel.Member[t]; !ok {
					rs.Removed++
				}
			}
			rs.Net = rs.Tools - len(prev.Member)
		} else {
			rs.Net = rs.Tools
		}
		rs.Categories, rs.Subcategories = len(cats), len(subs)
		g.Releases = append(g.Releases, rs)
		g.Categories = append(g.Categories, groupStats(ix, ri, catKeys(ix, rel), catKeysPrev(ix, ri))...)
		g.Subcategories = append(g.Subcategories, groupStats(ix, ri, subKeys(rel), subKeysPrev(ix, ri))...)
	}
	return g
}

// membership: tool → group keys.
type membership map[int][]string

func catKeys(ix *Index, rel ReleaseIndex) membership {
	m := membership{}
	for t, cs := range rel.Member {
		for _, c := range cs {
			m[t] = append(m[t], ix.Cats[c])
		}
	}
	return m
}

func catKeysPrev(ix *Index, ri int) membership {
	if ri == 0 {
		return nil
	}
	return catKeys(ix, ix.Rel[ri-1])
}

func subKeys(rel ReleaseIndex) membership {
	m := membership{}
	for t, ss := range rel.SubMember {
		m[t] = ss
	}
	return m
}

func subKeysPrev(ix *Index, ri int) membership {
	if ri == 0 {
		return nil
	}
	return subKeys(ix.Rel[ri-1])
}

// groupStats computes the stats of every group present in release ri or in
// the previous release (a group that emptied appears with Tools 0).
func groupStats(ix *Index, ri int, cur, prev membership) []GroupStat {
	groups := map[string]*GroupStat{}
	get := func(key string) *GroupStat {
		if s, ok := groups[key]; ok {
			return s
		}
		cat, sub, _ := strings.Cut(key, "\x00")
		s := &GroupStat{Release: ix.Releases[ri].ID, Date: ix.Releases[ri].Date, Category: cat, Subcategory: sub}
		groups[key] = s
		return s
	}
	total := len(cur)
	for t, keys := range cur {
		pk, inPrev := prev[t]
		for _, k := range keys {
			s := get(k)
			s.Tools++
			switch {
			case prev == nil || !inPrev:
				s.Added++
			case !slices.Contains(pk, k):
				s.MovedIn++
			}
		}
	}
	for t, keys := range prev {
		ck, inCur := cur[t]
		for _, k := range keys {
			s := get(k)
			s.Net-- // previous tools; Tools added below
			switch {
			case !inCur:
				s.Removed++
			case !slices.Contains(ck, k):
				s.MovedOut++
			}
		}
	}
	out := make([]GroupStat, 0, len(groups))
	for key, s := range groups {
		s.Net += s.Tools
		s.Listings = ix.Rel[ri].GroupListings[key]
		if total > 0 {
			s.Share = float64(s.Tools) / float64(total)
		}
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].Subcategory < out[j].Subcategory
	})
	return out
}

// ComputeEvents lists the events between every pair of consecutive releases,
// sorted by release, kind, category, name, tool id. The first release is the
// baseline and has no events.
func ComputeEvents(ix *Index) []Event {
	var out []Event
	seen := map[int]bool{} // tools listed in any release before
	for t := range ix.Rel[0].Member {
		seen[t] = true
	}
	for ri := 1; ri < len(ix.Rel); ri++ {
		out = append(out, releaseEvents(ix, ri, seen)...)
		for t := range ix.Rel[ri].Member {
			seen[t] = true
		}
	}
	return out
}

func releaseEvents(ix *Index, ri int, seen map[int]bool) []Event {
	cur, prev := ix.Rel[ri], ix.Rel[ri-1]
	r, p := ix.Releases[ri], ix.Releases[ri-1]
	cats := func(cs []int) string {
		names := make([]string, len(cs))
		for i, c := range cs {
			names[i] = ix.Cats[c]
		}
		return strings.Join(names, "; ")
	}
	var evs []Event
	for _, t := range sortedTools(cur.Member) {
		cs := cur.Member[t]
		e := Event{Release: r.ID, Date: r.Date, Previous: p.ID, ToolID: ix.Tools[t], Name: cur.Names[t], ToCategory: cats(cs)}
		pcs, ok := prev.Member[t]
		if !ok {
			e.Kind = EventAdded
			if seen[t] {
				e.Kind = EventReAdded
			}
			evs = append(evs, e)
			continue
		}
		if !slices.Equal(pcs, cs) {
			m := e
			m.Kind, m.FromCategory = EventMoved, cats(pcs)
			evs = append(evs, m)
		}
		if pn := prev.Names[t]; !intersectsSorted(prev.NameKeys[t], cur.NameKeys[t]) {
			m := e
			m.Kind, m.FromName = EventRenamed, pn
			evs = append(evs, m)
		}
		if ps, cs := prev.Statuses[t], cur.Statuses[t]; ps != cs && cs != "" {
			m := e
			m.Kind, m.FromStatus, m.ToStatus = EventStatus, ps, cs
			evs = append(evs, m)
		}
		if pl, cl := prev.Licenses[t], cur.Licenses[t]; pl != "" && cl != "" && pl != cl {
			m := e
			m.Kind, m.FromLicense, m.ToLicense = EventRelicensed, pl, cl
			evs = append(evs, m)
		}
		if pr, cr := prev.Repos[t], cur.Repos[t]; pr != "" && cr != "" && pr != cr {
			m := e
			m.Kind, m.FromRepo, m.ToRepo = EventRepoMoved, pr, cr
			evs = append(evs, m)
		}
	}
	for _, t := range sortedTools(prev.Member) {
		if _, ok := cur.Member[t]; ok {
			continue
		}
		evs = append(evs, Event{Release: r.ID, Date: r.Date, Previous: p.ID, Kind: EventRemoved, ToolID: ix.Tools[t], Name: prev.Names[t], FromCategory: cats(prev.Member[t])})
	}
	sortEvents(evs)
	return evs
}

// ComputeSurvival computes every tool's span, the Kaplan–Meier estimate of
// time in the catalog (tools in the newest release are censored), overall
// and per entry category, and the cohort table.
func ComputeSurvival(ix *Index) *Survival {
	n := len(ix.Rel)
	s := &Survival{}
	if n == 0 {
		return s
	}
	present := make([][]bool, len(ix.Tools)) // tool → release → listed
	for t := range present {
		present[t] = make([]bool, n)
	}
	for ri, rel := range ix.Rel {
		for t := range rel.Member {
			present[t][ri] = true
		}
	}
	for t, p := range present {
		first, last, count, gaps := -1, -1, 0, 0
		for ri, ok := range p {
			if !ok {
				continue
			}
			if first < 0 {
				first = ri
			} else if !p[ri-1] {
				gaps++
			}
			last = ri
			count++
		}
		if first < 0 {
			continue
		}
		s.Spans = append(s.Spans, ToolSpan{
			ToolID: ix.Tools[t], Name: ix.Rel[last].Names[t], Category: ix.Cats[ix.Rel[first].Member[t][0]],
			FirstSeen: ix.Releases[first].Date, LastSeen: ix.Releases[last].Date,
			Releases: count, Gaps: gaps, Duration: last - first + 1, Censored: last == n-1,
		})
	}
	sort.Slice(s.Spans, func(i, j int) bool { return s.Spans[i].ToolID < s.Spans[j].ToolID })

	s.Curves = KaplanMeier("all", s.Spans)
	byCat := map[string][]ToolSpan{}
	for _, sp := range s.Spans {
		byCat[sp.Category] = append(byCat[sp.Category], sp)
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		s.Curves = append(s.Curves, KaplanMeier(c, byCat[c])...)
	}
	s.Cohorts = cohorts(ix, present)
	return s
}

func cohorts(ix *Index, present [][]bool) []Cohort {
	n := len(ix.Rel)
	first := make([]int, len(present))
	size := make([]int, n)
	for t, p := range present {
		first[t] = -1
		for ri, ok := range p {
			if ok {
				first[t] = ri
				size[ri]++
				break
			}
		}
	}
	listed := make([][]int, n) // cohort → release → listed
	for c := range listed {
		listed[c] = make([]int, n)
	}
	for t, p := range present {
		if first[t] < 0 {
			continue
		}
		for ri := first[t]; ri < n; ri++ {
			if p[ri] {
				listed[first[t]][ri]++
			}
		}
	}
	var out []Cohort
	for c := 0; c < n; c++ {
		if size[c] == 0 {
			continue
		}
		for ri := c; ri < n; ri++ {
			out = append(out, Cohort{Cohort: ix.Releases[c].ID, Release: ix.Releases[ri].ID, Tools: size[c], Listed: listed[c][ri], Share: float64(listed[c][ri]) / float64(size[c])})
		}
	}
	return out
}

// memoized returns f keeping its result for each argument: names and URLs
// repeat from release to release, so each is normalized once.
func memoized(f func(string) string) func(string) string {
	m := map[string]string{}
	return func(raw string) string {
		v, ok := m[raw]
		if !ok {
			v = f(raw)
			m[raw] = v
		}
		return v
	}
}

// ComputeAttributes recounts open source, licences and status per release
// from scratch, release by release (the engine keeps running counts), and
// the newest release's launch years: the oracle of Attributes.
func ComputeAttributes(h *catalog.History) (os []OpenSourceStat, lics []LicenseStat, sts []StatusStat, years []LaunchYear) {
	rec := h.Record
	ids := catalog.Strings(rec.Column(catalog.ColToolID))
	cats := catalog.Strings(rec.Column(catalog.ColCanonicalCategory))
	licenses := catalog.Strings(rec.Column(catalog.ColLicense))
	statuses := catalog.Strings(rec.Column(catalog.ColStatus))
	launched := catalog.Strings(rec.Column(catalog.ColLaunched))
	oss := rec.Column(catalog.ColOpenSource).(*array.Boolean)
	type tool struct {
		cats          map[string]bool
		first         string // first category by name
		os            string // "open", "closed", ""
		lic, st, year string
		hasLic, hasSt bool
	}
	for ri, r := range h.Releases {
		from, to := h.Rows(ri)
		tools := map[string]*tool{}
		for i := from; i < to; i++ {
			tl := tools[ids[i]]
			if tl == nil {
				tl = &tool{cats: map[string]bool{}}
				tools[ids[i]] = tl
			}
			tl.cats[cats[i]] = true
			if tl.first == "" || cats[i] < tl.first {
				tl.first = cats[i]
			}
			if tl.os == "" && oss.IsValid(i) {
				tl.os = map[bool]string{true: "open", false: "closed"}[oss.Value(i)]
			}
			if !tl.hasLic && licenses[i] != "" {
				tl.lic, tl.hasLic = licenses[i], true
			}
			if !tl.hasSt && statuses[i] != "" {
				tl.st, tl.hasSt = statuses[i], true
			}
			if tl.year == "" && len(launched[i]) >= 4 {
				tl.year = launched[i][:4]
			}
		}
		total := OpenSourceStat{Release: r.ID, Date: r.Date}
		perCat := map[string]*OpenSourceStat{}
		licCount := map[string]int{}
		stCount := map[[2]string]int{}
		yearCount := map[[2]string]int{}
		for _, tl := range tools {
			add := func(s *OpenSourceStat) {
				s.Tools++
				switch tl.os {
				case "open":
					s.OpenSource++
				case "closed":
					s.Closed++
				default:
					s.Unknown++
				}
			}
			add(&total)
			for c := range tl.cats {
				if perCat[c] == nil {
					perCat[c] = &OpenSourceStat{Release: r.ID, Date: r.Date, Category: c}
				}
				add(perCat[c])
				stCount[[2]string{c, StatusClass(tl.st)}]++
			}
			licCount[tl.lic]++
			if tl.year != "" {
				yearCount[[2]string{tl.first, tl.year}]++
			}
		}
		total.Share = openShare(total)
		os = append(os, total)
		for _, c := range slices.Sorted(maps.Keys(perCat)) {
			s := *perCat[c]
			s.Share = openShare(s)
			os = append(os, s)
		}
		for _, l := range slices.Sorted(maps.Keys(licCount)) {
			lics = append(lics, LicenseStat{Release: r.ID, Date: r.Date, License: l, Tools: licCount[l]})
		}
		keys := slices.SortedFunc(maps.Keys(stCount), func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) })
		for _, k := range keys {
			sts = append(sts, StatusStat{Release: r.ID, Date: r.Date, Category: k[0], Status: k[1], Tools: stCount[k]})
		}
		if ri == len(h.Releases)-1 {
			years = nil
			keys := slices.SortedFunc(maps.Keys(yearCount), func(a, b [2]string) int { return strings.Compare(a[1]+"\x00"+a[0], b[1]+"\x00"+b[0]) })
			for _, k := range keys {
				y, _ := strconv.Atoi(k[1])
				years = append(years, LaunchYear{Release: r.ID, Category: k[0], Year: y, Tools: yearCount[k]})
			}
		}
	}
	return os, lics, sts, years
}
