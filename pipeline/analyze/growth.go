package analyze

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
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
