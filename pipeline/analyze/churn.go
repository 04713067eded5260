package analyze

import (
	"sort"
	"time"
)

// Event kinds.
const (
	EventAdded      = "added"      // new to the catalog
	EventReAdded    = "re_added"   // back after an absence of one or more releases
	EventRemoved    = "removed"    // left the catalog
	EventMoved      = "moved"      // its set of categories changed
	EventRenamed    = "renamed"    // same tool (repository, homepage or alias), new name
	EventRepoMoved  = "repo_moved" // same tool, new repository (owner or host)
	EventStatus     = "status"     // its status changed (acquired, archived, graduated, …)
	EventRelicensed = "relicensed" // its licence changed
)

// Event is one change to one tool between two consecutive releases.
type Event struct {
	Release      string    `arrow:"release" doc:"release id in which the change is seen" json:"release"`
	Date         time.Time `arrow:"release_date" doc:"its date" json:"-"`
	Previous     string    `arrow:"previous_release" doc:"the release before it" json:"previous_release"`
	Kind         string    `arrow:"kind,dict" doc:"added (new to the catalog), re_added (back after an absence), removed, moved (its set of categories changed), renamed, repo_moved (new repository), status (its status changed: acquired, archived, graduated, …), relicensed (its licence changed)" json:"kind"`
	ToolID       string    `arrow:"tool_id" doc:"the tool's stable id" json:"tool_id"`
	Name         string    `arrow:"name" doc:"the tool's name (in the newer release; in the previous one for removed)" json:"name"`
	FromCategory string    `arrow:"from_category,nullable" doc:"categories in the previous release, '; '-separated (removed, moved)" json:"from_category,omitempty"`
	ToCategory   string    `arrow:"to_category,nullable" doc:"categories in this release, '; '-separated (added, moved)" json:"to_category,omitempty"`
	FromName     string    `arrow:"from_name,nullable" doc:"the name in the previous release (renamed)" json:"from_name,omitempty"`
	FromRepo     string    `arrow:"from_repo,nullable" doc:"the normalized repository in the previous release (repo_moved)" json:"from_repo,omitempty"`
	ToRepo       string    `arrow:"to_repo,nullable" doc:"the normalized repository in this release (repo_moved)" json:"to_repo,omitempty"`
	FromStatus   string    `arrow:"from_status,nullable" doc:"the status in the previous release (status)" json:"from_status,omitempty"`
	ToStatus     string    `arrow:"to_status,nullable" doc:"the status in this release (status)" json:"to_status,omitempty"`
	FromLicense  string    `arrow:"from_license,nullable" doc:"the licence in the previous release (relicensed)" json:"from_license,omitempty"`
	ToLicense    string    `arrow:"to_license,nullable" doc:"the licence in this release (relicensed)" json:"to_license,omitempty"`
}

// sortEvents orders one release's events by kind, category, name, tool id.
func sortEvents(evs []Event) {
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
}

// FromTo is what an event changed, before and after: the categories of a
// move (and the category an added tool enters or a removed one leaves), the
// names of a rename, the repositories of a repo_moved, the statuses of a
// status change, the licences of a relicensing. "" where a side is none.
func (e Event) FromTo() (from, to string) {
	switch e.Kind {
	case EventRenamed:
		return e.FromName, e.Name
	case EventRepoMoved:
		return e.FromRepo, e.ToRepo
	case EventStatus:
		return e.FromStatus, e.ToStatus
	case EventRelicensed:
		return e.FromLicense, e.ToLicense
	}
	return e.FromCategory, e.ToCategory
}
