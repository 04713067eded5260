package analyze

import (
	"sort"
	"strings"
	"time"
)

// Event kinds.
const (
	EventAdded   = "added"
	EventRemoved = "removed"
	EventMoved   = "moved"
)

// Event is one change to one tool between two consecutive releases.
type Event struct {
	Release      string    `arrow:"release" doc:"release id in which the change is seen" json:"release"`
	Date         time.Time `arrow:"release_date" doc:"its date" json:"-"`
	Previous     string    `arrow:"previous_release" doc:"the release before it" json:"previous_release"`
	Kind         string    `arrow:"kind,dict" doc:"added, removed or moved (the tool's set of categories changed)" json:"kind"`
	ToolID       string    `arrow:"tool_id" doc:"the tool's stable id" json:"tool_id"`
	Name         string    `arrow:"name" doc:"the tool's name (in the newer release; in the previous one for removed)" json:"name"`
	FromCategory string    `arrow:"from_category,nullable" doc:"categories in the previous release, '; '-separated (removed, moved)" json:"from_category,omitempty"`
	ToCategory   string    `arrow:"to_category,nullable" doc:"categories in this release, '; '-separated (added, moved)" json:"to_category,omitempty"`
}

// ComputeEvents lists the events between every pair of consecutive releases,
// sorted by release, kind, category, name, tool id. The first release is the
// baseline and has no events.
func ComputeEvents(ix *Index) []Event {
	var out []Event
	for ri := 1; ri < len(ix.Rel); ri++ {
		out = append(out, releaseEvents(ix, ri)...)
	}
	return out
}

func releaseEvents(ix *Index, ri int) []Event {
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
		switch {
		case !ok:
			e.Kind = EventAdded
		case !equalInts(pcs, cs):
			e.Kind, e.FromCategory = EventMoved, cats(pcs)
		default:
			continue
		}
		evs = append(evs, e)
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
