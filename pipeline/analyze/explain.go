package analyze

import (
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Appearance is one listing of a tool, with the key that joined it.
type Appearance struct {
	Release     string `json:"release"`
	Name        string `json:"name"`
	Category    string `json:"category"`
	Canonical   string `json:"canonical_category"`
	Subcategory string `json:"subcategory,omitempty"`
	RepoURL     string `json:"repo_url,omitempty"`
	HomepageURL string `json:"homepage_url,omitempty"`
	JoinedBy    string `json:"joined_by"`
	File        string `json:"file"`
	Line        int    `json:"line"`
}

// ToolHistory is one tool's history: every listing and every event.
type ToolHistory struct {
	ToolID      string       `json:"tool_id"`
	Appearances []Appearance `json:"appearances"`
	Events      []Event      `json:"events"`
}

// Explain finds the tools whose id, any name, repository or homepage
// matches query (names compared normalized, URLs normalized) and gives their
// histories, sorted by tool id.
func Explain(res *Result, query string) []ToolHistory {
	h := res.History
	col := func(c int) func(i int) string {
		codes, vals := h.Codes(c)
		return func(i int) string { return catalog.Value(vals, codes[i]) }
	}
	id := col(catalog.ColToolID)
	nameCodes, _ := h.Codes(catalog.ColName)
	repoCodes, _ := h.Codes(catalog.ColRepoURL)
	homeCodes, _ := h.Codes(catalog.ColHomepageURL)
	nameKeys := identity.KeysOf(h, catalog.ColName)
	repoKeys := identity.KeysOf(h, catalog.ColRepoURL)
	homeKeys := identity.KeysOf(h, catalog.ColHomepageURL)
	q := strings.TrimSpace(query)
	qName, qRepo, qHome := identity.NameKey(q), identity.RepoKey(q), identity.HomeKey(q)
	byURL := strings.Contains(q, ".")
	match := map[string]bool{}
	for i := range nameCodes {
		if id(i) == q || (qName != "" && nameKeys.Key(nameCodes[i]) == qName) ||
			(byURL && (repoKeys.Key(repoCodes[i]) == qRepo || homeKeys.Key(homeCodes[i]) == qHome)) {
			match[id(i)] = true
		}
	}
	if len(match) == 0 {
		return nil
	}
	rel, name, cat, canon, sub := col(catalog.ColReleaseID), col(catalog.ColName), col(catalog.ColCategory), col(catalog.ColCanonicalCategory), col(catalog.ColSubcategory)
	repo, home, join, file := col(catalog.ColRepoURL), col(catalog.ColHomepageURL), col(catalog.ColJoinedBy), col(catalog.ColSourceFile)
	lines := h.Record.Column(catalog.ColSourceLine).(*array.Int32)
	byID := map[string]*ToolHistory{}
	for i := range nameCodes {
		if !match[id(i)] {
			continue
		}
		th, ok := byID[id(i)]
		if !ok {
			th = &ToolHistory{ToolID: id(i)}
			byID[id(i)] = th
		}
		th.Appearances = append(th.Appearances, Appearance{
			Release: rel(i), Name: name(i), Category: cat(i), Canonical: canon(i), Subcategory: sub(i),
			RepoURL: repo(i), HomepageURL: home(i), JoinedBy: join(i), File: file(i), Line: int(lines.Value(i)),
		})
	}
	for _, e := range res.Events {
		if th, ok := byID[e.ToolID]; ok {
			th.Events = append(th.Events, e)
		}
	}
	out := make([]ToolHistory, 0, len(byID))
	for _, th := range byID {
		out = append(out, *th)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ToolID < out[j].ToolID })
	return out
}

// Stay is a tool's unbroken run of the same listing — name, category,
// subcategory, URLs and how it was joined — over consecutive releases: a
// history of every day a catalog changed lists a tool thousands of times in
// a few stays.
type Stay struct {
	First, Last Appearance // the stay's first and last listing
	Releases    int        // releases in the stay
}

// Stays groups a tool's appearances (in release order) into stays; pos
// gives each release id's index in the catalog's releases.
func Stays(apps []Appearance, pos map[string]int) []Stay {
	type key struct{ name, cat, canon, sub, repo, home, join string }
	runs := StayRuns(len(apps), func(i int) key {
		a := &apps[i]
		return key{a.Name, a.Category, a.Canonical, a.Subcategory, a.RepoURL, a.HomepageURL, a.JoinedBy}
	}, func(i int) int { return pos[apps[i].Release] })
	stays := make([]Stay, len(runs))
	for i, r := range runs {
		stays[i] = Stay{First: apps[r.First], Last: apps[r.Last], Releases: r.Releases}
	}
	return stays
}

// StayRun is a stay as the indexes of its first and last appearance.
type StayRun struct {
	First, Last int
	Releases    int
}

// StayRuns is the grouping of Stays over n appearances given by their
// listing's key (what must stay the same: name, category, subcategory,
// URLs, how it was joined; any comparable encoding of them) and their
// release's index, so that a caller holding the history's codes groups
// them without making an Appearance per listing (the site does, for every
// tool of a history of thousands of releases).
func StayRuns[K comparable](n int, key func(i int) K, release func(i int) int) []StayRun {
	open := map[K]int{} // key → its stay, while it runs
	lastRel := []int{}  // per stay: index of its last release
	var stays []StayRun
	var prevKey K
	prev := -1 // the stay of the appearance before: most continue it
	for i := 0; i < n; i++ {
		k := key(i)
		ri := release(i)
		s, ok := prev, prev >= 0 && k == prevKey
		if !ok {
			s, ok = open[k]
		}
		prevKey = k
		if ok && (lastRel[s] == ri-1 || lastRel[s] == ri) {
			prev = s
			if lastRel[s] != ri {
				stays[s].Releases++
			}
			stays[s].Last, lastRel[s] = i, ri
			continue
		}
		open[k], prev = len(stays), len(stays)
		stays = append(stays, StayRun{First: i, Last: i, Releases: 1})
		lastRel = append(lastRel, ri)
	}
	return stays
}
