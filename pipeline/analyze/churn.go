package analyze

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// Event kinds.
const (
	EventAdded     = "added"      // new to the catalog
	EventReAdded   = "re_added"   // back after an absence of one or more releases
	EventRemoved   = "removed"    // left the catalog
	EventMoved     = "moved"      // its set of categories changed
	EventRenamed   = "renamed"    // same tool (repository, homepage or alias), new name
	EventRepoMoved = "repo_moved" // same tool, new repository (owner or host)
	EventStatus    = "status"     // its status changed (acquired, archived, graduated, …)
)

// Event is one change to one tool between two consecutive releases.
type Event struct {
	Release      string    `arrow:"release" doc:"release id in which the change is seen" json:"release"`
	Date         time.Time `arrow:"release_date" doc:"its date" json:"-"`
	Previous     string    `arrow:"previous_release" doc:"the release before it" json:"previous_release"`
	Kind         string    `arrow:"kind,dict" doc:"added (new to the catalog), re_added (back after an absence), removed, moved (its set of categories changed), renamed, repo_moved (new repository), status (its status changed: acquired, archived, graduated, …)" json:"kind"`
	ToolID       string    `arrow:"tool_id" doc:"the tool's stable id" json:"tool_id"`
	Name         string    `arrow:"name" doc:"the tool's name (in the newer release; in the previous one for removed)" json:"name"`
	FromCategory string    `arrow:"from_category,nullable" doc:"categories in the previous release, '; '-separated (removed, moved)" json:"from_category,omitempty"`
	ToCategory   string    `arrow:"to_category,nullable" doc:"categories in this release, '; '-separated (added, moved)" json:"to_category,omitempty"`
	FromName     string    `arrow:"from_name,nullable" doc:"the name in the previous release (renamed)" json:"from_name,omitempty"`
	FromRepo     string    `arrow:"from_repo,nullable" doc:"the normalized repository in the previous release (repo_moved)" json:"from_repo,omitempty"`
	ToRepo       string    `arrow:"to_repo,nullable" doc:"the normalized repository in this release (repo_moved)" json:"to_repo,omitempty"`
	FromStatus   string    `arrow:"from_status,nullable" doc:"the status in the previous release (status)" json:"from_status,omitempty"`
	ToStatus     string    `arrow:"to_status,nullable" doc:"the status in this release (status)" json:"to_status,omitempty"`
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
		if pn := prev.Names[t]; !intersects(prev.NameKeys[t], cur.NameKeys[t]) {
			m := e
			m.Kind, m.FromName = EventRenamed, pn
			evs = append(evs, m)
		}
		if ps, cs := prev.Statuses[t], cur.Statuses[t]; ps != cs && cs != "" {
			m := e
			m.Kind, m.FromStatus, m.ToStatus = EventStatus, ps, cs
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
	sort.SliceStable(evs, func(i, j int) bool {
		a, b := evs[i], evs[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		ac, bc := a.ToCategory+a.FromCategory, b.ToCategory+b.FromCategory
		if ac != bc {
			return ac < bc
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ToolID < b.ToolID
	})
	return evs
}

// intersects reports whether two sorted string sets share an element.
func intersects(a, b []string) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			return true
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return false
}
