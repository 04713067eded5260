package analyze

// This file is the engine: growth, churn, events and survival computed in
// one pass over a history's releases, oldest first, from integer-coded
// columns (tool, canonical category, subcategory, name, repository, status:
// dictionary indexes). It keeps two releases of membership at a time
// (the previous and the current), so its memory is that of the catalog and
// of its changes, whatever the number of releases; its time is that of the
// listings. The history comes from memory (Columns of a catalog.History) or
// from Parquet row groups (fast.go): both feed the same Engine.

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Row is one listing as the engine reads it: integer codes into the
// engine's dictionaries; -1 where a nullable value is absent.
type Row struct {
	Tool, Cat, Sub, Name, Repo, Status int32
	License                            int32 // -1: none
	Year                               int16 // launch year; 0: unknown
	OS                                 int8  // open_source: -1 unknown, 0 false, 1 true
	Stars                              int64 // -1: none
}

// Dicts are the values behind a Row's codes. NameKeys and RepoKeys give,
// per name and per repository, the normalized key (names compare by
// NameKey, repositories by RepoKey). A feed that learns its values as it
// goes (Parquet) appends to them between releases.
type Dicts struct {
	Tools    []string
	Cats     []string
	Subs     []string
	Names    []string
	NameKeys []int32
	RepoKeys []string // normalized repository per repository code
	Statuses []string
	Licenses []string
}

// Engine computes the analyses release by release: call Add for each
// release in date order, then Finish.
type Engine struct {
	d        Dicts
	releases []catalog.Release
	growth   *Growth
	events   []Event
	prev     *state
	cur      *state
	seen     []bool // tool → listed in an earlier release
	// survival, per tool
	first, last, count, gaps []int32
	firstCat                 []int32
	lastName                 []int32 // first listing's name in the last release listing it
	latestName               []int32 // last listing's name in the latest release listing it
	subKey                   map[[2]int32]int32
	subOf                    [][2]int32 // sub key → (cat, sub)
	cohorts                  *cohortAcc
	catGroups, subGroups     groups
	noSubs                   bool
	attr                     attrAcc
	has                      [5]bool // launched, open_source, license, status, stars
}

// state is the membership of one release.
type state struct {
	pos      []int32 // tool → index in tools, or -1 (grows with the tools)
	tools    []int32 // in order of first listing
	cats     [][]int32
	subs     [][]int32 // sorted distinct sub keys
	name     []int32   // first listing's name
	nameKeys [][]int32 // sorted distinct name keys
	repo     []int32   // first listing with a repository: its RepoKeys code (as repository code), or -1
	status   []int32
	lic      []int32 // first listing with a licence: its code, or -1
	os       []int8  // first listing saying: osOpen/osClosed, else osUnknown
	year     []int16 // first listing with a launch year, else 0
	stars    []int64 // first listing with stars, else -1
	listings int
	catList  []int32 // listings per category (grows with the categories)
	subList  []int32 // listings per sub key (grows with the keys)
	touched  []int32 // sub keys with listings
}

func (s *state) reset() {
	for _, t := range s.tools {
		s.pos[t] = -1
	}
	s.tools = s.tools[:0]
	s.cats, s.subs, s.name, s.nameKeys, s.repo, s.status = s.cats[:0], s.subs[:0], s.name[:0], s.nameKeys[:0], s.repo[:0], s.status[:0]
	s.lic, s.os, s.year, s.stars = s.lic[:0], s.os[:0], s.year[:0], s.stars[:0]
	s.listings = 0
	clear(s.catList)
	for _, k := range s.touched {
		s.subList[k] = 0
	}
	s.touched = s.touched[:0]
}

// grow sizes a state for nt tools, nc categories and ns sub keys.
func (s *state) grow(nt, nc, ns int) {
	for len(s.pos) < nt {
		s.pos = append(s.pos, -1)
	}
	for len(s.catList) < nc {
		s.catList = append(s.catList, 0)
	}
	for len(s.subList) < ns {
		s.subList = append(s.subList, 0)
	}
}

// NewEngine starts an engine over the codes of d. period groups the
// releases into cohorts (nil: one cohort per release).
func NewEngine(d Dicts, period func(time.Time) string) *Engine {
	e := &Engine{growth: &Growth{}, prev: &state{}, cur: &state{}, subKey: map[[2]int32]int32{}, cohorts: &cohortAcc{period: period}}
	e.catGroups = groups{keys: func(st *state, p int) []int32 { return st.cats[p] }, less: func(a, b int32) bool { return e.catCmp(a, b) < 0 }}
	e.subGroups = groups{keys: func(st *state, p int) []int32 { return st.subs[p] }, less: func(a, b int32) bool {
		x, y := e.subOf[a], e.subOf[b]
		if x[0] != y[0] {
			return e.catCmp(x[0], y[0]) < 0
		}
		return e.d.Subs[x[1]] < e.d.Subs[y[1]]
	}}
	e.SetDicts(d)
	return e
}

// WithoutCohorts leaves the cohorts out (a caller that does not use them:
// per release, they are releases² rows).
func (e *Engine) WithoutCohorts() *Engine {
	e.cohorts = nil
	return e
}

// WithoutSubcategories leaves subcategory_stats out (a caller that reads no
// subcategories).
func (e *Engine) WithoutSubcategories() *Engine {
	e.noSubs = true
	return e
}

// SetDicts replaces the dictionaries by larger ones (the same values first,
// new ones after), before the next Add.
func (e *Engine) SetDicts(d Dicts) {
	e.d = d
	nt := len(d.Tools)
	for len(e.first) < nt {
		e.seen = append(e.seen, false)
		e.first, e.last = append(e.first, -1), append(e.last, -1)
		e.count, e.gaps = append(e.count, 0), append(e.gaps, 0)
		e.firstCat, e.lastName, e.latestName = append(e.firstCat, 0), append(e.lastName, 0), append(e.latestName, 0)
	}
	e.prev.grow(nt, len(d.Cats), len(e.subOf))
	e.cur.grow(nt, len(d.Cats), len(e.subOf))
}

// catLess orders categories by name.
func (e *Engine) catCmp(a, b int32) int { return strings.Compare(e.d.Cats[a], e.d.Cats[b]) }

// Add analyses one release from its rows (in file order).
func (e *Engine) Add(rel catalog.Release, rows []Row) {
	ri := int32(len(e.releases))
	e.releases = append(e.releases, rel)
	e.prev, e.cur = e.cur, e.prev
	cur, prev := e.cur, e.prev
	cur.reset()
	lastCS, sk := [2]int32{-1, -1}, int32(-1)
	for _, r := range rows {
		cur.listings++
		cur.catList[r.Cat]++
		if cs := [2]int32{r.Cat, r.Sub}; cs != lastCS { // rows of a group come together
			k, ok := e.subKey[cs]
			if !ok {
				k = int32(len(e.subOf))
				e.subKey[cs] = k
				e.subOf = append(e.subOf, cs)
				cur.grow(0, 0, len(e.subOf))
				prev.grow(0, 0, len(e.subOf))
			}
			lastCS, sk = cs, k
		}
		if cur.subList[sk] == 0 {
			cur.touched = append(cur.touched, sk)
		}
		cur.subList[sk]++
		p := cur.pos[r.Tool]
		if p < 0 {
			p = int32(len(cur.tools))
			cur.pos[r.Tool] = p
			cur.tools = append(cur.tools, r.Tool)
			cur.cats = extend(cur.cats)
			cur.subs = extend(cur.subs)
			cur.name = append(cur.name, r.Name)
			cur.nameKeys = extend(cur.nameKeys)
			cur.repo = append(cur.repo, -1)
			cur.status = append(cur.status, -1)
			cur.lic = append(cur.lic, -1)
			cur.os = append(cur.os, osUnknown)
			cur.year = append(cur.year, 0)
			cur.stars = append(cur.stars, -1)
		}
		cur.cats[p] = insertSortedFunc(cur.cats[p], r.Cat, e.catCmp)
		cur.subs[p] = insertSorted(cur.subs[p], sk)
		cur.nameKeys[p] = insertSorted(cur.nameKeys[p], e.d.NameKeys[r.Name])
		if cur.repo[p] < 0 && r.Repo >= 0 {
			cur.repo[p] = r.Repo
		}
		if cur.status[p] < 0 && r.Status >= 0 {
			cur.status[p] = r.Status
		}
		if cur.lic[p] < 0 && r.License >= 0 {
			cur.lic[p] = r.License
		}
		if cur.os[p] == osUnknown && r.OS >= 0 {
			cur.os[p] = osClosed - int8(r.OS) // 1 → osOpen, 0 → osClosed
		}
		if cur.year[p] == 0 && r.Year > 0 {
			cur.year[p] = r.Year
		}
		if cur.stars[p] < 0 && r.Stars >= 0 {
			cur.stars[p] = r.Stars
		}
		e.latestName[r.Tool] = r.Name
		e.has[0] = e.has[0] || r.Year > 0
		e.has[1] = e.has[1] || r.OS >= 0
		e.has[2] = e.has[2] || r.License >= 0
		e.has[3] = e.has[3] || r.Status >= 0
		e.has[4] = e.has[4] || r.Stars >= 0
	}
	var havePrev *state
	if ri > 0 {
		havePrev = prev
	}
	e.growth.Releases = append(e.growth.Releases, e.releaseStat(ri, havePrev))
	e.growth.Categories = append(e.growth.Categories, e.catStats(ri, havePrev)...)
	if !e.noSubs {
		e.growth.Subcategories = append(e.growth.Subcategories, e.subStats(ri, havePrev)...)
	}
	if ri > 0 {
		e.events = append(e.events, e.releaseEvents(ri)...)
	}
	// survival and cohorts
	for p, t := range cur.tools {
		if e.first[t] < 0 {
			e.first[t] = ri
			e.firstCat[t] = cur.cats[p][0]
		} else if e.last[t] != ri-1 {
			e.gaps[t]++
		}
		e.last[t] = ri
		e.count[t]++
		e.lastName[t] = cur.name[p]
		e.seen[t] = true
	}
	if e.cohorts != nil {
		e.cohorts.add(rel, ri, cur.tools, e.first)
	}
}

// extend adds an empty set to s, reusing the memory of the set that stood
// there in an earlier release (states are reset, not freed).
func extend(s [][]int32) [][]int32 {
	if len(s) < cap(s) {
		s = s[:len(s)+1]
		s[len(s)-1] = s[len(s)-1][:0]
		return s
	}
	return append(s, nil)
}

func insertSortedFunc(s []int32, v int32, cmp func(a, b int32) int) []int32 {
	i, found := slices.BinarySearchFunc(s, v, cmp)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

func insertSorted(s []int32, v int32) []int32 {
	i, found := slices.BinarySearch(s, v)
	if found {
		return s
	}
	return slices.Insert(s, i, v)
}

func (e *Engine) releaseStat(ri int32, prev *state) ReleaseStat {
	cur := e.cur
	rel := e.releases[ri]
	rs := ReleaseStat{Release: rel.ID, Date: rel.Date, Commit: rel.Commit, File: baseName(rel.File), Listings: cur.listings, Tools: len(cur.tools)}
	for _, n := range cur.catList {
		if n > 0 {
			rs.Categories++
		}
	}
	for _, sk := range cur.touched {
		if e.d.Subs[e.subOf[sk][1]] != "" {
			rs.Subcategories++
		}
	}
	// The attribute counts run on from release to release: a release
	// updates those of the tools it adds, removes or changes.
	a := &e.attr
	if prev == nil {
		rs.Added, rs.Net = rs.Tools, rs.Tools
		for p := range cur.tools {
			a.add(cur.cats[p], e.attrsOf(cur, p), 1)
		}
		a.emit(e, ri, rs.Tools)
		return rs
	}
	for p, t := range cur.tools {
		pp := prev.pos[t]
		if pp < 0 {
			rs.Added++
			a.add(cur.cats[p], e.attrsOf(cur, p), 1)
			continue
		}
		sameCats := slices.Equal(prev.cats[pp], cur.cats[p])
		if !sameCats {
			rs.Moved++
		}
		if pa, ca := e.attrsOf(prev, int(pp)), e.attrsOf(cur, p); !sameCats || pa != ca {
			a.add(prev.cats[pp], pa, -1)
			a.add(cur.cats[p], ca, 1)
		}
	}
	for pp, t := range prev.tools {
		if cur.pos[t] < 0 {
			rs.Removed++
			a.add(prev.cats[pp], e.attrsOf(prev, pp), -1)
		}
	}
	rs.Net = rs.Tools - len(prev.tools)
	a.emit(e, ri, rs.Tools)
	return rs
}

// attrsOf is the attributes of the tool at position p of st.
func (e *Engine) attrsOf(st *state, p int) attrs {
	return attrs{os: st.os[p], status: e.attr.class(e, st.status[p]), lic: st.lic[p]}
}

// groupAcc is one group's changes in the release being added.
type groupAcc struct {
	added, removed, movedIn, movedOut int
}

// groups are the statistics of one level (categories, or subcategories by
// sub key), kept from release to release: the tools in each group are a
// running count, and a release touches only the groups of the tools whose
// groups changed, so that its cost follows its changes.
type groups struct {
	keys  func(st *state, p int) []int32 // a tool's groups
	less  func(a, b int32) bool          // output order
	tools []int                          // per group: tools in it in the last release added
	acc   []groupAcc
	order []int32 // groups in output order, for the first len(order) groups
}

// stats gives the statistics of release ri for every group with tools in
// it now or in the previous release (prev nil: the first release).
func (g *groups) stats(e *Engine, ri int32, prev *state, n int, name func(k int32) (string, string), listings func(k int32) int) []GroupStat {
	for len(g.tools) < n {
		g.tools, g.acc = append(g.tools, 0), append(g.acc, groupAcc{})
	}
	clear(g.acc)
	cur := e.cur
	for p, t := range cur.tools {
		ck := g.keys(cur, p)
		if prev == nil || prev.pos[t] < 0 {
			for _, k := range ck {
				g.acc[k].added++
			}
			continue
		}
		pk := g.keys(prev, int(prev.pos[t]))
		if slices.Equal(pk, ck) {
			continue
		}
		for _, k := range ck {
			if !slices.Contains(pk, k) {
				g.acc[k].movedIn++
			}
		}
		for _, k := range pk {
			if !slices.Contains(ck, k) {
				g.acc[k].movedOut++
			}
		}
	}
	if prev != nil {
		for pp, t := range prev.tools {
			if cur.pos[t] < 0 {
				for _, k := range g.keys(prev, pp) {
					g.acc[k].removed++
				}
			}
		}
	}
	if len(g.order) < n {
		g.order = g.order[:0]
		for k := range n {
			g.order = append(g.order, int32(k))
		}
		slices.SortStableFunc(g.order, func(a, b int32) int {
			switch {
			case g.less(a, b):
				return -1
			case g.less(b, a):
				return 1
			}
			return 0
		})
	}
	rel := e.releases[ri]
	var out []GroupStat
	for _, k := range g.order {
		a, before := g.acc[k], g.tools[k]
		now := before + a.added + a.movedIn - a.removed - a.movedOut
		g.tools[k] = now
		if before == 0 && now == 0 {
			continue
		}
		cat, sub := name(k)
		s := GroupStat{Release: rel.ID, Date: rel.Date, Category: cat, Subcategory: sub, Tools: now, Listings: listings(k),
			Added: a.added, Removed: a.removed, MovedIn: a.movedIn, MovedOut: a.movedOut, Net: now - before}
		if len(cur.tools) > 0 {
			s.Share = float64(now) / float64(len(cur.tools))
		}
		out = append(out, s)
	}
	return out
}

// catStats is category_stats of release ri: every category with tools in
// it or in the previous release, by name.
func (e *Engine) catStats(ri int32, prev *state) []GroupStat {
	return e.catGroups.stats(e, ri, prev, len(e.d.Cats),
		func(k int32) (string, string) { return e.d.Cats[k], "" },
		func(k int32) int { return int(e.cur.catList[k]) })
}

// subStats is subcategory_stats of release ri, by category and subcategory.
func (e *Engine) subStats(ri int32, prev *state) []GroupStat {
	return e.subGroups.stats(e, ri, prev, len(e.subOf),
		func(k int32) (string, string) { return e.d.Cats[e.subOf[k][0]], e.d.Subs[e.subOf[k][1]] },
		func(k int32) int { return int(e.cur.subList[k]) })
}

// releaseEvents lists the events between release ri-1 and ri, sorted by
// kind, category, name, tool id.
func (e *Engine) releaseEvents(ri int32) []Event {
	cur, prev := e.cur, e.prev
	r, pr := e.releases[ri], e.releases[ri-1]
	cats := func(cs []int32) string {
		names := make([]string, len(cs))
		for i, c := range cs {
			names[i] = e.d.Cats[c]
		}
		return strings.Join(names, "; ")
	}
	repoKey := func(code int32) string { return catalog.Value(e.d.RepoKeys, code) }
	status := func(code int32) string { return catalog.Value(e.d.Statuses, code) }
	var evs []Event
	for p, t := range cur.tools {
		cs := cur.cats[p]
		// The event's fields, made only for a tool that has one: most
		// tools of a release have none.
		event := func(kind string) Event {
			return Event{Release: r.ID, Date: r.Date, Previous: pr.ID, Kind: kind, ToolID: e.d.Tools[t], Name: e.d.Names[cur.name[p]], ToCategory: cats(cs)}
		}
		pp := prev.pos[t]
		if pp < 0 {
			kind := EventAdded
			if e.seen[t] {
				kind = EventReAdded
			}
			evs = append(evs, event(kind))
			continue
		}
		if pcs := prev.cats[pp]; !slices.Equal(pcs, cs) {
			m := event(EventMoved)
			m.FromCategory = cats(pcs)
			evs = append(evs, m)
		}
		if !intersectsSorted(prev.nameKeys[pp], cur.nameKeys[p]) {
			m := event(EventRenamed)
			m.FromName = e.d.Names[prev.name[pp]]
			evs = append(evs, m)
		}
		if ps, cs := prev.status[pp], cur.status[p]; ps != cs && cs >= 0 && status(cs) != "" && status(ps) != status(cs) {
			m := event(EventStatus)
			m.FromStatus, m.ToStatus = status(ps), status(cs)
			evs = append(evs, m)
		}
		if pl, cl := prev.lic[pp], cur.lic[p]; pl != cl && pl >= 0 && cl >= 0 && e.d.Licenses[pl] != e.d.Licenses[cl] {
			m := event(EventRelicensed)
			m.FromLicense, m.ToLicense = e.d.Licenses[pl], e.d.Licenses[cl]
			evs = append(evs, m)
		}
		if pc, cc := prev.repo[pp], cur.repo[p]; pc != cc && pc >= 0 && cc >= 0 {
			if pr, cr := repoKey(pc), repoKey(cc); pr != "" && cr != "" && pr != cr {
				m := event(EventRepoMoved)
				m.FromRepo, m.ToRepo = pr, cr
				evs = append(evs, m)
			}
		}
	}
	for pp, t := range prev.tools {
		if cur.pos[t] >= 0 {
			continue
		}
		evs = append(evs, Event{Release: r.ID, Date: r.Date, Previous: pr.ID, Kind: EventRemoved, ToolID: e.d.Tools[t], Name: e.d.Names[prev.name[pp]], FromCategory: cats(prev.cats[pp])})
	}
	sortEvents(evs)
	return evs
}

// intersectsSorted reports whether two sorted sets share an element.
func intersectsSorted[T cmp.Ordered](a, b []T) bool {
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

// Attributes gives the attribute analyses (after the last Add).
func (e *Engine) Attributes() *Attributes {
	return &Attributes{OpenSource: e.attr.osRows, Licenses: e.attr.licRows, Statuses: e.attr.stRows,
		LaunchYears: e.launchYears(), Stars: e.stars(),
		HasLaunched: e.has[0], HasOpenSource: e.has[1], HasLicense: e.has[2], HasStatus: e.has[3], HasStars: e.has[4]}
}

// Finish gives the growth, events and survival of every release added.
func (e *Engine) Finish() (*Growth, []Event, *Survival) {
	countEvents(e.growth.Releases, e.events)
	return e.growth, e.events, e.survival()
}

// survival: every tool's span, in releases and in days; the Kaplan–Meier
// estimate in days (tools in the newest release are censored), overall and
// per entry category; the cohorts.
func (e *Engine) survival() *Survival {
	n := int32(len(e.releases))
	s := &Survival{}
	if n == 0 {
		return s
	}
	for t := range e.d.Tools {
		first, last := e.first[t], e.last[t]
		if first < 0 {
			continue
		}
		censored := last == n-1
		// Time in the catalog: from the first release listing the tool to
		// the first release without it (its removal), or to the newest
		// release for a tool still listed.
		end := e.releases[n-1].Date
		if !censored {
			end = e.releases[last+1].Date
		}
		s.Spans = append(s.Spans, ToolSpan{
			ToolID: e.d.Tools[t], Name: e.d.Names[e.lastName[t]], Category: e.d.Cats[e.firstCat[t]],
			FirstSeen: e.releases[first].Date, LastSeen: e.releases[last].Date,
			Releases: int(e.count[t]), Gaps: int(e.gaps[t]), Duration: int(last - first + 1),
			Days: days(e.releases[first].Date, end), Censored: censored,
		})
	}
	sort.Slice(s.Spans, func(i, j int) bool { return s.Spans[i].ToolID < s.Spans[j].ToolID })
	s.Curves = KaplanMeier("all", s.Spans)
	byCat := map[string][]ToolSpan{}
	for _, sp := range s.Spans {
		byCat[sp.Category] = append(byCat[sp.Category], sp)
	}
	cats := make([]string, 0, len(byCat))
	for c := range byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	for _, c := range cats {
		s.Curves = append(s.Curves, KaplanMeier(c, byCat[c])...)
	}
	if e.cohorts != nil {
		s.Cohorts = e.cohorts.finish(e.releases)
	}
	return s
}

func days(from, to time.Time) int { return int(to.Sub(from).Hours()/24 + 0.5) }

// Names gives, per tool, its name in the latest release it is listed in
// (its last listing there).
func (e *Engine) Names() []string {
	out := make([]string, len(e.d.Tools))
	for t := range out {
		out[t] = e.d.Names[e.latestName[t]]
	}
	return out
}

// cohortAcc counts, per cohort (the period of a tool's first release: one
// release, or a month, quarter or year), the tools of the cohort listed at
// the last release of each period from the cohort's on.
type cohortAcc struct {
	period    func(time.Time) string
	labels    []string // periods, in order
	size      []int    // tools first listed per period
	relPeriod []int    // release → period
	counts    []int    // per period: tools of that cohort in the last release counted
	rows      []cohortRow
	lastOf    []int32 // period → its last release
}

type cohortRow struct {
	cohort, at int // periods
	release    string
	listed     int
}

func (c *cohortAcc) label(r catalog.Release) string {
	if c.period == nil {
		return r.ID
	}
	return c.period(r.Date)
}

// add counts release ri. When it starts a new period, the previous
// period's last release is the measurement of that period.
func (c *cohortAcc) add(r catalog.Release, ri int32, tools []int32, first []int32) {
	lbl := c.label(r)
	n := len(c.labels)
	if n == 0 || c.labels[n-1] != lbl {
		if n > 0 {
			c.close(ri - 1)
		}
		c.labels = append(c.labels, lbl)
		c.size = append(c.size, 0)
		c.counts = append(c.counts, 0)
	}
	p := len(c.labels) - 1
	c.relPeriod = append(c.relPeriod, p)
	clear(c.counts)
	for _, t := range tools {
		if first[t] == ri {
			c.size[p]++
		}
		c.counts[c.relPeriod[first[t]]]++
	}
}

// close records the counts of the period whose last release is ri.
func (c *cohortAcc) close(ri int32) {
	at := len(c.labels) - 1
	for k := 0; k <= at; k++ {
		c.rows = append(c.rows, cohortRow{cohort: k, at: at, release: "", listed: c.counts[k]})
	}
	c.lastOf = append(c.lastOf, ri)
}

func (c *cohortAcc) finish(rels []catalog.Release) []Cohort {
	if len(rels) > 0 {
		c.close(int32(len(rels) - 1))
	}
	sort.SliceStable(c.rows, func(i, j int) bool { return c.rows[i].cohort < c.rows[j].cohort })
	var out []Cohort
	for _, r := range c.rows {
		if c.size[r.cohort] == 0 {
			continue
		}
		out = append(out, Cohort{Cohort: c.labels[r.cohort], Release: rels[c.lastOf[r.at]].ID, Tools: c.size[r.cohort], Listed: r.listed,
			Share: float64(r.listed) / float64(c.size[r.cohort])})
	}
	return out
}
