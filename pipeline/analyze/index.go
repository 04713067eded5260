// Package analyze computes growth and churn from a resolved history.
//
// It takes a catalog.History whose tool_id column is filled (package
// identity) and gives plain results — per-release and per-category
// statistics, events between consecutive releases — each convertible to an
// Arrow table (Tables). The functions are pure: same history, same results,
// in a fixed order.
package analyze

import (
	"sort"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
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
	NameKeys  map[int][]string // tool → its distinct normalized names (several listings may differ)
	// GroupListings counts listings per category ("cat") and per
	// subcategory ("cat\x00sub").
	GroupListings map[string]int
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

// NewIndex builds the index of a history with tool ids.
func NewIndex(h *catalog.History) *Index {
	rec := h.Record
	ids := catalog.Strings(rec.Column(catalog.ColToolID))
	names := catalog.Strings(rec.Column(catalog.ColName))
	cats := catalog.Strings(rec.Column(catalog.ColCanonicalCategory))
	subs := catalog.Strings(rec.Column(catalog.ColSubcategory))
	relIDs := catalog.Strings(rec.Column(catalog.ColReleaseID))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	statuses := catalog.Strings(rec.Column(catalog.ColStatus))

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
		ix.Rel[i] = ReleaseIndex{Member: map[int][]int{}, SubMember: map[int][]string{}, Names: map[int]string{}, Repos: map[int]string{}, Statuses: map[int]string{}, NameKeys: map[int][]string{}, GroupListings: map[string]int{}}
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
