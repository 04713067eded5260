package analyze

// This file holds what the engine counts of the tools' attributes besides
// their membership: open source, licence and status per release (running
// counts that a release updates for the tools it changes), and, for the
// newest release, launch years and stars.

import (
	"slices"
	"sort"
	"strings"
	"time"
)

// OpenSourceStat is the open-source split of one category (or, with an
// empty Category, of the whole release) in one release.
type OpenSourceStat struct {
	Release    string    `arrow:"release" doc:"release id"`
	Date       time.Time `arrow:"release_date" doc:"release date"`
	Category   string    `arrow:"category,dict" doc:"canonical category; empty for the whole release"`
	Tools      int       `arrow:"tools" doc:"distinct tools in the category"`
	OpenSource int       `arrow:"open_source" doc:"tools whose first listing says open_source: true (open source or source-available: see license)"`
	Closed     int       `arrow:"closed_source" doc:"tools whose first listing says open_source: false"`
	Unknown    int       `arrow:"unknown" doc:"tools whose listing does not say"`
	Share      float64   `arrow:"open_share" doc:"open_source / (open_source + closed_source); 0 when neither is known"`
}

// LicenseStat is how many tools of a release carry one licence.
type LicenseStat struct {
	Release string    `arrow:"release" doc:"release id"`
	Date    time.Time `arrow:"release_date" doc:"release date"`
	License string    `arrow:"license,dict" doc:"SPDX id or expression as listed; empty: no licence given"`
	Tools   int       `arrow:"tools" doc:"distinct tools whose first listing with a licence gives this one"`
}

// StatusStat is how many tools of a category have one status class in a
// release.
type StatusStat struct {
	Release  string    `arrow:"release" doc:"release id"`
	Date     time.Time `arrow:"release_date" doc:"release date"`
	Category string    `arrow:"category,dict" doc:"canonical category"`
	Status   string    `arrow:"status,dict" doc:"status class: active, acquired, discontinued, archived, renamed, sandbox, incubating, graduated, other; unknown where the listing gives none"`
	Tools    int       `arrow:"tools" doc:"distinct tools of the category with that status class"`
}

// LaunchYear counts the newest release's tools by launch year and category.
type LaunchYear struct {
	Release  string `arrow:"release" doc:"release id (the newest)"`
	Category string `arrow:"category,dict" doc:"canonical category (a tool listed in several counts in the first by name)"`
	Year     int    `arrow:"launch_year" doc:"year of launched (YYYY or YYYY-MM)"`
	Tools    int    `arrow:"tools" doc:"distinct tools"`
}

// StarStat is one tool of the newest release with GitHub stars.
type StarStat struct {
	Release  string `arrow:"release" doc:"release id (the newest)"`
	ToolID   string `arrow:"tool_id" doc:"the tool's stable id"`
	Name     string `arrow:"name" doc:"its name in the newest release"`
	Category string `arrow:"category,dict" doc:"canonical category (the first by name)"`
	Stars    int64  `arrow:"stars" doc:"GitHub stars in the newest release"`
	Previous int64  `arrow:"previous_stars" doc:"stars in the previous release; -1 where it had none (not listed, or no stars)"`
	Change   int64  `arrow:"change" doc:"stars - previous_stars; 0 where previous_stars is -1"`
}

// Status classes.
const (
	StatusActive       = "active"
	StatusAcquired     = "acquired"
	StatusDiscontinued = "discontinued"
	StatusArchived     = "archived"
	StatusUnknown      = "unknown"
)

// StatusClass is the class of a status string: its first word for the
// grammar's forms (active, acquired by …, discontinued in …, archived in …,
// renamed to …) and the foundation maturities; "other" for anything else,
// "unknown" for none.
func StatusClass(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return StatusUnknown
	}
	w, _, _ := strings.Cut(s, " ")
	switch w {
	case "active", "acquired", "discontinued", "archived", "renamed", "sandbox", "incubating", "graduated":
		return w
	}
	return "other"
}

// Open-source classes of a tool.
const (
	osUnknown int8 = iota
	osOpen
	osClosed
)

// attrs is one tool's attributes in one release (from its first listing
// giving each).
type attrs struct {
	os     int8
	status int32 // status class code (index into attrAcc.classes)
	lic    int32 // licence code, -1 none
}

// attrAcc keeps the running counts of a history's attributes.
type attrAcc struct {
	classes  []string         // status classes, by code
	classOf  []int32          // status code → class code
	osCount  [][3]int         // per category: unknown, open, closed
	stCount  map[[2]int32]int // (category, class) → tools
	licCount []int            // per licence code + 1 (0: none)
	osTotal  [3]int           // tools (each once): unknown, open, closed
	osRows   []OpenSourceStat
	licRows  []LicenseStat
	stRows   []StatusStat
}

func (a *attrAcc) class(e *Engine, status int32) int32 {
	if status < 0 {
		return a.classCode(StatusUnknown)
	}
	for len(a.classOf) <= int(status) {
		a.classOf = append(a.classOf, -1)
	}
	if c := a.classOf[status]; c >= 0 {
		return c
	}
	c := a.classCode(StatusClass(e.d.Statuses[status]))
	a.classOf[status] = c
	return c
}

func (a *attrAcc) classCode(s string) int32 {
	if i := slices.Index(a.classes, s); i >= 0 {
		return int32(i)
	}
	a.classes = append(a.classes, s)
	return int32(len(a.classes) - 1)
}

// add counts (sign +1) or uncounts (-1) a tool with categories cats.
func (a *attrAcc) add(cats []int32, at attrs, sign int) {
	for _, c := range cats {
		for len(a.osCount) <= int(c) {
			a.osCount = append(a.osCount, [3]int{})
		}
		a.osCount[c][at.os] += sign
		if a.stCount == nil {
			a.stCount = map[[2]int32]int{}
		}
		a.stCount[[2]int32{c, at.status}] += sign
	}
	a.osTotal[at.os] += sign
	for len(a.licCount) <= int(at.lic)+1 {
		a.licCount = append(a.licCount, 0)
	}
	a.licCount[at.lic+1] += sign
}

// emit writes the rows of release ri from the running counts.
func (a *attrAcc) emit(e *Engine, ri int32, tools int) {
	rel := e.releases[ri]
	total := OpenSourceStat{Release: rel.ID, Date: rel.Date, Tools: tools}
	var cats []OpenSourceStat
	for c, n := range a.osCount {
		if n[0]+n[1]+n[2] == 0 {
			continue
		}
		s := OpenSourceStat{Release: rel.ID, Date: rel.Date, Category: e.d.Cats[c], Tools: n[0] + n[1] + n[2], Unknown: n[osUnknown], OpenSource: n[osOpen], Closed: n[osClosed]}
		s.Share = openShare(s)
		cats = append(cats, s)
	}
	// the release's own split counts each tool once (not per category)
	total.OpenSource, total.Closed, total.Unknown = a.osTotal[osOpen], a.osTotal[osClosed], a.osTotal[osUnknown]
	total.Share = openShare(total)
	sort.Slice(cats, func(i, j int) bool { return cats[i].Category < cats[j].Category })
	a.osRows = append(a.osRows, total)
	a.osRows = append(a.osRows, cats...)

	var lics []LicenseStat
	for k, n := range a.licCount {
		if n == 0 {
			continue
		}
		l := ""
		if k > 0 {
			l = e.d.Licenses[k-1]
		}
		lics = append(lics, LicenseStat{Release: rel.ID, Date: rel.Date, License: l, Tools: n})
	}
	sort.Slice(lics, func(i, j int) bool { return lics[i].License < lics[j].License })
	a.licRows = append(a.licRows, lics...)

	var sts []StatusStat
	for k, n := range a.stCount {
		if n == 0 {
			continue
		}
		sts = append(sts, StatusStat{Release: rel.ID, Date: rel.Date, Category: e.d.Cats[k[0]], Status: a.classes[k[1]], Tools: n})
	}
	sort.Slice(sts, func(i, j int) bool {
		if sts[i].Category != sts[j].Category {
			return sts[i].Category < sts[j].Category
		}
		return sts[i].Status < sts[j].Status
	})
	a.stRows = append(a.stRows, sts...)
}

func openShare(s OpenSourceStat) float64 {
	if k := s.OpenSource + s.Closed; k > 0 {
		return float64(s.OpenSource) / float64(k)
	}
	return 0
}

// launchYears counts the tools of the current (newest) release by launch
// year, in their first category.
func (e *Engine) launchYears() []LaunchYear {
	if len(e.releases) == 0 {
		return nil
	}
	rel := e.releases[len(e.releases)-1]
	counts := map[[2]int32]int{}
	for p := range e.cur.tools {
		if y := e.cur.year[p]; y > 0 {
			counts[[2]int32{e.cur.cats[p][0], int32(y)}]++
		}
	}
	var out []LaunchYear
	for k, n := range counts {
		out = append(out, LaunchYear{Release: rel.ID, Category: e.d.Cats[k[0]], Year: int(k[1]), Tools: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Year != out[j].Year {
			return out[i].Year < out[j].Year
		}
		return out[i].Category < out[j].Category
	})
	return out
}

// stars lists the current (newest) release's tools with stars, with their
// stars in the previous release.
func (e *Engine) stars() []StarStat {
	n := len(e.releases)
	if n == 0 {
		return nil
	}
	rel := e.releases[n-1]
	var out []StarStat
	for p, t := range e.cur.tools {
		s := e.cur.stars[p]
		if s < 0 {
			continue
		}
		st := StarStat{Release: rel.ID, ToolID: e.d.Tools[t], Name: e.d.Names[e.cur.name[p]], Category: e.d.Cats[e.cur.cats[p][0]], Stars: s, Previous: -1}
		if n > 1 {
			if pp := e.prev.pos[t]; pp >= 0 && e.prev.stars[pp] >= 0 {
				st.Previous = e.prev.stars[pp]
				st.Change = s - st.Previous
			}
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Stars != out[j].Stars {
			return out[i].Stars > out[j].Stars
		}
		return out[i].ToolID < out[j].ToolID
	})
	return out
}

// Attributes are the attribute analyses of a history.
type Attributes struct {
	OpenSource  []OpenSourceStat // per release: the whole release (Category ""), then each category
	Licenses    []LicenseStat    // per release, by licence
	Statuses    []StatusStat     // per release, category, status class
	LaunchYears []LaunchYear     // the newest release
	Stars       []StarStat       // the newest release, most stars first
	// HasLaunched, HasOpenSource, HasLicense, HasStatus and HasStars tell
	// whether any listing of the history gives the field.
	HasLaunched, HasOpenSource, HasLicense, HasStatus, HasStars bool
}
