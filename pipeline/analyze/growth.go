package analyze

import (
	"sort"
	"time"
)

// ReleaseStat is one release of a catalog in numbers.
type ReleaseStat struct {
	Release       string    `arrow:"release" doc:"release id (the release date unless the file says otherwise)" json:"release"`
	Date          time.Time `arrow:"release_date" doc:"release date" json:"-"`
	Commit        string    `arrow:"source_commit,nullable" doc:"commit of the source repository the release file was taken from, where known" json:"commit,omitempty"`
	File          string    `arrow:"source_file" doc:"name of the release file within the catalog folder" json:"-"`
	Listings      int       `arrow:"listings" doc:"entries in the release file; a tool listed twice counts twice" json:"listings"`
	Tools         int       `arrow:"tools" doc:"distinct tools (tool_id) in the release" json:"tools"`
	Categories    int       `arrow:"categories" doc:"distinct categories with at least one tool" json:"categories"`
	Subcategories int       `arrow:"subcategories" doc:"distinct (category, subcategory) pairs with at least one tool; 0 where the format has no subcategories" json:"subcategories"`
	Added         int       `arrow:"added" doc:"tools listed in this release and not in the previous one, re-added ones included (gross; every tool in the first release)" json:"added"`
	ReAdded       int       `arrow:"re_added" doc:"of the added tools, those listed in some earlier release (back after an absence)" json:"re_added"`
	Removed       int       `arrow:"removed" doc:"tools listed in the previous release and not in this one" json:"removed"`
	Moved         int       `arrow:"moved" doc:"tools listed in both releases whose set of categories changed" json:"moved"`
	Renamed       int       `arrow:"renamed" doc:"tools listed in both releases under different names" json:"renamed"`
	RepoMoved     int       `arrow:"repo_moved" doc:"tools listed in both releases with different repositories" json:"repo_moved"`
	Net           int       `arrow:"net" doc:"tools minus the previous release's tools (= added - removed)" json:"net"`
}

// GroupStat is one category (or subcategory) in one release. Conservation:
// Tools = previous Tools + Added + MovedIn - Removed - MovedOut.
type GroupStat struct {
	Release     string    `arrow:"release" doc:"release id"`
	Date        time.Time `arrow:"release_date" doc:"release date"`
	Category    string    `arrow:"category,dict" doc:"category name as the release file spells it"`
	Subcategory string    `arrow:"subcategory,dict" doc:"subcategory name (empty in category_stats, and where the format has none)"`
	Tools       int       `arrow:"tools" doc:"distinct tools listed in the group"`
	Listings    int       `arrow:"listings" doc:"entries in the group (a tool listed twice in it counts twice)"`
	Share       float64   `arrow:"share" doc:"tools / all distinct tools of the release"`
	Added       int       `arrow:"added" doc:"tools in the group that were not in the catalog in the previous release"`
	Removed     int       `arrow:"removed" doc:"tools in the group in the previous release that left the catalog"`
	MovedIn     int       `arrow:"moved_in" doc:"tools in the group that were in the catalog, but not in the group, in the previous release"`
	MovedOut    int       `arrow:"moved_out" doc:"tools in the group in the previous release that are still in the catalog, but not in the group"`
	Net         int       `arrow:"net" doc:"tools minus the previous release's tools in the group"`
}

// Growth is the statistics of a history.
type Growth struct {
	Releases      []ReleaseStat
	Categories    []GroupStat // sorted by release, category
	Subcategories []GroupStat // sorted by release, category, subcategory
}

// Span is the rows of stats (Categories or Subcategories, sorted by
// release) of releases from to to, both included (indexes into Releases):
// found by binary search, not by reading every release's rows.
func (g *Growth) Span(stats []GroupStat, from, to int) []GroupStat {
	pos := make(map[string]int, len(g.Releases))
	for i, r := range g.Releases {
		pos[r.Release] = i
	}
	at := func(i int) int {
		if p, ok := pos[stats[i].Release]; ok {
			return p
		}
		return -1
	}
	lo := sort.Search(len(stats), func(i int) bool { return at(i) >= from })
	hi := sort.Search(len(stats), func(i int) bool { return at(i) > to })
	if hi < lo {
		return nil
	}
	return stats[lo:hi]
}
