package analyze

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Deal is one acquisition, end, relicensing or rename: what the listings
// show between two releases (a status or licence change, a rename) joined
// with what the newer release file records of its period (its changes:
// list, with the fact's own date).
type Deal struct {
	Release   string    `arrow:"release" doc:"release in which it is seen: the first release on or after the fact" json:"release"`
	Date      time.Time `arrow:"release_date" doc:"that release's date" json:"-"`
	Previous  string    `arrow:"previous_release" doc:"the release before it: the fact took effect after it" json:"previous_release"`
	Kind      string    `arrow:"kind,dict" doc:"acquired, ended (discontinued, archived, shut down), relicensed, renamed" json:"kind"`
	ToolID    string    `arrow:"tool_id,nullable" doc:"the tool's stable id; empty for a recorded fact no listing matches" json:"tool_id,omitempty"`
	Name      string    `arrow:"name" doc:"the tool's name (the newer one for a rename)" json:"name"`
	Category  string    `arrow:"category,nullable" doc:"its category (canonical where a listing matched)" json:"category,omitempty"`
	FactDate  string    `arrow:"effective,nullable" doc:"when it took effect, YYYY-MM or YYYY as known; empty: only known to lie after previous_release and on or before release" json:"effective,omitempty"`
	Precision string    `arrow:"precision,dict" doc:"of effective: month, year, or period (between the two releases)" json:"precision"`
	Year      int       `arrow:"year" doc:"year it took effect (of effective; of the release date for precision period)" json:"year"`
	By        string    `arrow:"by,nullable" doc:"acquired: the buyer" json:"by,omitempty"`
	From      string    `arrow:"from,nullable" doc:"relicensed: licence before; renamed: name before; ended: status before" json:"from,omitempty"`
	To        string    `arrow:"to,nullable" doc:"relicensed: licence after; renamed: name after; acquired/ended: the status after, where listed" json:"to,omitempty"`
	Source    string    `arrow:"source,dict" doc:"listings (seen between the releases), recorded (the release file's changes: list) or both" json:"source"`
}

// Sources of a Deal.
const (
	SourceListings = "listings"
	SourceRecorded = "recorded"
	SourceBoth     = "both"
)

var statusYear = regexp.MustCompile(`^(?:acquired by (.+) in|discontinued in|archived in|renamed to .+ in) (\d{4}(?:-\d{2})?)$`)

// Deals joins the events of every release with its recorded changes, in
// release order and, within a release, by kind, name.
func Deals(rels []catalog.Release, events []Event) []Deal {
	byRel := map[string][]Event{}
	for _, e := range events {
		switch e.Kind {
		case EventStatus, EventRelicensed, EventRenamed, EventRemoved:
			byRel[e.Release] = append(byRel[e.Release], e)
		}
	}
	var out []Deal
	for ri := 1; ri < len(rels); ri++ {
		r, pr := rels[ri], rels[ri-1]
		var seen []Deal
		removed := map[string]Event{} // name key → removed event
		for _, e := range byRel[r.ID] {
			d := Deal{Release: r.ID, Date: r.Date, Previous: pr.ID, ToolID: e.ToolID, Name: e.Name, Category: e.ToCategory, Source: SourceListings}
			switch e.Kind {
			case EventRemoved:
				removed[identity.NameKey(e.Name)] = e
				continue
			case EventRelicensed:
				d.Kind, d.From, d.To = catalog.ChangeRelicensed, e.FromLicense, e.ToLicense
			case EventRenamed:
				d.Kind, d.From, d.To = catalog.ChangeRenamed, e.FromName, e.Name
			case EventStatus:
				switch StatusClass(e.ToStatus) {
				case StatusAcquired:
					d.Kind = catalog.ChangeAcquired
				case StatusDiscontinued, StatusArchived:
					d.Kind = catalog.ChangeEnded
				default:
					continue // maturity and other status changes are not deals
				}
				d.From, d.To = e.FromStatus, e.ToStatus
				if m := statusYear.FindStringSubmatch(strings.ToLower(e.ToStatus)); m != nil {
					d.FactDate = m[2]
					if d.Kind == catalog.ChangeAcquired {
						d.By = strings.TrimSpace(e.ToStatus[len("acquired by ") : len("acquired by ")+len(m[1])])
					}
				}
			}
			seen = append(seen, d)
		}
		for _, c := range r.Changes {
			d := Deal{Release: r.ID, Date: r.Date, Previous: pr.ID, Kind: c.Kind, Name: c.Name, Category: c.Category,
				FactDate: c.Date, By: c.By, From: c.From, To: c.To, Source: SourceRecorded}
			key := identity.NameKey(c.Name)
			matched := false
			for i := range seen {
				s := &seen[i]
				if s.Kind != c.Kind || s.Source == SourceBoth {
					continue
				}
				if identity.NameKey(s.Name) != key && !(c.Kind == catalog.ChangeRenamed && identity.NameKey(s.Name) == identity.NameKey(c.To)) {
					continue
				}
				s.Source, s.FactDate = SourceBoth, c.Date
				if c.By != "" {
					s.By = c.By
				}
				matched = true
				break
			}
			if matched {
				continue
			}
			if c.Kind == catalog.ChangeEnded {
				if e, ok := removed[key]; ok {
					d.ToolID, d.Category, d.Source = e.ToolID, e.FromCategory, SourceBoth
				}
			}
			seen = append(seen, d)
		}
		for i := range seen {
			d := &seen[i]
			d.Precision, d.Year = precisionOf(d.FactDate, r.Date)
		}
		sort.SliceStable(seen, func(i, j int) bool {
			a, b := seen[i], seen[j]
			if ka, kb := kindOrder(a.Kind), kindOrder(b.Kind); ka != kb {
				return ka < kb
			}
			if a.FactDate != b.FactDate {
				return a.FactDate < b.FactDate
			}
			return a.Name < b.Name
		})
		out = append(out, seen...)
	}
	return out
}

func kindOrder(k string) int {
	for i, c := range catalog.ChangeKinds {
		if c == k {
			return i
		}
	}
	return len(catalog.ChangeKinds)
}

// precisionOf is the precision of a fact date ("YYYY-MM" month, "YYYY"
// year, "" the period) and the year it took effect.
func precisionOf(date string, release time.Time) (string, int) {
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil {
			if len(date) >= 7 {
				return "month", y
			}
			return "year", y
		}
	}
	return "period", release.Year()
}

// When words a deal's date with its precision: "2026-01", "in
// 2024 (month not recorded)", "between 2025-12-31 and 2026-06-30". A year
// is not a December event.
func (d Deal) When() string {
	switch d.Precision {
	case "month":
		t, err := time.Parse("2006-01", d.FactDate[:7])
		if err == nil {
			return t.Format("January 2006")
		}
		return d.FactDate
	case "year":
		return "in " + d.FactDate[:4] + " (month not recorded)"
	}
	return "between " + d.Previous + " and " + d.Release
}

// GrowthRate is the change of one category (or subcategory) over a window
// of releases ending at the newest.
type GrowthRate struct {
	Level       string  `arrow:"level,dict" doc:"category or subcategory"`
	Category    string  `arrow:"category,dict" doc:"canonical category"`
	Subcategory string  `arrow:"subcategory,dict" doc:"subcategory (empty for level category)"`
	Window      string  `arrow:"window,dict" doc:"release (since the previous release), year (since the last release at least a year older than the newest; the first release if none), all (since the first release)"`
	From        string  `arrow:"from_release" doc:"the window's first release"`
	To          string  `arrow:"to_release" doc:"the newest release"`
	Before      int     `arrow:"tools_before" doc:"tools in from_release"`
	After       int     `arrow:"tools_after" doc:"tools in to_release"`
	Change      int     `arrow:"change" doc:"tools_after - tools_before"`
	Percent     float64 `arrow:"percent" doc:"100 * change / tools_before; 0 where tools_before is 0 (new: see is_new)"`
	New         bool    `arrow:"is_new" doc:"the group had no tools in from_release"`
}

// Windows of a growth rate.
const (
	WindowRelease = "release"
	WindowYear    = "year"
	WindowAll     = "all"
)

// GrowthRates computes the growth of every category and subcategory of the
// newest or the window's first release, from the growth statistics (no pass
// over the history): over the last release, the last year and all releases.
func GrowthRates(g *Growth) []GrowthRate {
	n := len(g.Releases)
	if n < 2 {
		return nil
	}
	last := g.Releases[n-1]
	yearAgo := 0
	for i := n - 2; i >= 0; i-- {
		if !g.Releases[i].Date.After(last.Date.AddDate(-1, 0, 0)) {
			yearAgo = i
			break
		}
	}
	windows := []struct {
		name string
		from int
	}{{WindowRelease, n - 2}, {WindowYear, yearAgo}, {WindowAll, 0}}
	var out []GrowthRate
	for _, lv := range []struct {
		name  string
		stats []GroupStat
	}{{"category", g.Categories}, {"subcategory", g.Subcategories}} {
		at := map[string]map[[2]string]int{} // release → group → tools
		need := map[string]bool{last.Release: true}
		for _, w := range windows {
			need[g.Releases[w.from].Release] = true
		}
		for _, s := range lv.stats {
			if !need[s.Release] {
				continue
			}
			if at[s.Release] == nil {
				at[s.Release] = map[[2]string]int{}
			}
			at[s.Release][[2]string{s.Category, s.Subcategory}] = s.Tools
		}
		for _, w := range windows {
			from := g.Releases[w.from].Release
			keys := map[[2]string]bool{}
			for k, v := range at[last.Release] {
				if v > 0 {
					keys[k] = true
				}
			}
			for k, v := range at[from] {
				if v > 0 {
					keys[k] = true
				}
			}
			var rows []GrowthRate
			for k := range keys {
				b, a := at[from][k], at[last.Release][k]
				r := GrowthRate{Level: lv.name, Category: k[0], Subcategory: k[1], Window: w.name, From: from, To: last.Release,
					Before: b, After: a, Change: a - b, New: b == 0}
				if b > 0 {
					r.Percent = 100 * float64(a-b) / float64(b)
				}
				rows = append(rows, r)
			}
			sort.Slice(rows, func(i, j int) bool {
				if rows[i].Category != rows[j].Category {
					return rows[i].Category < rows[j].Category
				}
				return rows[i].Subcategory < rows[j].Subcategory
			})
			out = append(out, rows...)
		}
	}
	return out
}
