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
	rec := res.History.Record
	ids := catalog.Strings(rec.Column(catalog.ColToolID))
	names := catalog.Strings(rec.Column(catalog.ColName))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	homes := catalog.Strings(rec.Column(catalog.ColHomepageURL))
	q := strings.TrimSpace(query)
	qName, qRepo, qHome := identity.NameKey(q), identity.RepoKey(q), identity.HomeKey(q)
	match := map[string]bool{}
	for i, id := range ids {
		if id == q || (qName != "" && identity.NameKey(names[i]) == qName) ||
			(strings.Contains(q, ".") && (identity.RepoKey(repos[i]) == qRepo || identity.HomeKey(homes[i]) == qHome)) {
			match[id] = true
		}
	}
	if len(match) == 0 {
		return nil
	}
	rels := catalog.Strings(rec.Column(catalog.ColReleaseID))
	cats := catalog.Strings(rec.Column(catalog.ColCategory))
	canon := catalog.Strings(rec.Column(catalog.ColCanonicalCategory))
	subs := catalog.Strings(rec.Column(catalog.ColSubcategory))
	joins := catalog.Strings(rec.Column(catalog.ColJoinedBy))
	lines := rec.Column(catalog.ColSourceLine).(*array.Int32)
	files := catalog.Strings(rec.Column(catalog.ColSourceFile))
	byID := map[string]*ToolHistory{}
	for i, id := range ids {
		if !match[id] {
			continue
		}
		th, ok := byID[id]
		if !ok {
			th = &ToolHistory{ToolID: id}
			byID[id] = th
		}
		th.Appearances = append(th.Appearances, Appearance{
			Release: rels[i], Name: names[i], Category: cats[i], Canonical: canon[i], Subcategory: subs[i],
			RepoURL: repos[i], HomepageURL: homes[i], JoinedBy: joins[i], File: files[i], Line: int(lines.Value(i)),
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
