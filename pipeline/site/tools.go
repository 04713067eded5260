package site

import (
	"encoding/json"
	"net/url"
	"sort"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/array"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Data is what the explorer reads (tools.js): every tool the catalog ever
// listed, with its newest listing, its status and its history.
type Data struct {
	Catalog  string   `json:"catalog"`
	Release  string   `json:"release"`  // the newest release
	Previous string   `json:"previous"` // the one before it, "" if none
	Releases []string `json:"releases"` // ids, oldest first
	Dates    []string `json:"dates"`    // per release: YYYY-MM-DD, "" when unknown
	Files    []string `json:"files"`    // per release: its file (the source of its listings)
	Cats     []string `json:"categories"`
	Total    int      `json:"total"` // tools
	Tools    []Tool   `json:"tools"`
}

// Tool is one tool in the explorer. Strings are catalog text: the explorer
// only ever puts them into the page as text (textContent), links only when
// they are http(s).
type Tool struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Cats        []int    `json:"cats"`           // canonical categories (indexes into Data.Cats) in its last release
	Subs        []string `json:"subs,omitempty"` // subcategories in its last release
	Homepage    string   `json:"homepage,omitempty"`
	Repo        string   `json:"repo,omitempty"`
	Org         string   `json:"org,omitempty"` // organisation: the catalog's, else crunchbase's, else the repository owner
	License     string   `json:"license,omitempty"`
	OpenSource  *bool    `json:"open_source,omitempty"`
	Status      string   `json:"status,omitempty"` // as the catalog says it ("acquired by X in 2024")
	Launched    string   `json:"launched,omitempty"`
	First       int      `json:"first"`             // release index of its first listing
	Last        int      `json:"last"`              // release index of its last listing
	Listed      bool     `json:"listed"`            // listed in the newest release
	Changes     []string `json:"changes,omitempty"` // event kinds in the newest release
	Stays       []Stay   `json:"stays"`
	Events      []Event  `json:"events,omitempty"`
}

// Stay is one row of a tool's history as `landscape explain` prints it: its
// consecutive releases with the same listing (analyze.Stays). It is written
// as an array, [first, last, releases, name, category, subcategory,
// repository, joined by, first line, last line]: release indexes, the name
// and repository "" where they are the tool's own, the source file being
// the release's (Data.Files).
type Stay struct {
	First, Last, Releases int
	Name, Category, Sub   string
	Repo, JoinedBy        string
	Line, LastLine        int
}

// MarshalJSON writes the stay as an array.
func (s Stay) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{s.First, s.Last, s.Releases, s.Name, s.Category, s.Sub, s.Repo, s.JoinedBy, s.Line, s.LastLine})
}

// Event is one of a tool's events, as explain prints it: [release index,
// kind, detail].
type Event struct {
	Release int
	Kind    string
	Detail  string
}

// MarshalJSON writes the event as an array.
func (e Event) MarshalJSON() ([]byte, error) {
	return json.Marshal([]any{e.Release, e.Kind, e.Detail})
}

// maxStays caps a tool's history rows in the explorer (the dataset has all).
const maxStays = 200

// ToolsOf gives the explorer data of an analysed catalog: every tool, in
// name order (then id). (Write does not hold them all: it builds and writes
// them one at a time, in the same order.)
func ToolsOf(res *analyze.Result) *Data {
	d, w := newToolWalker(res)
	for _, t := range w.order {
		d.Tools = append(d.Tools, w.tool(t))
	}
	return d
}

// toolWalker builds the explorer's tools one at a time, from the history's
// integer codes: order is the tools (their codes in the tool_id column) in
// the explorer's order.
type toolWalker struct {
	res                                           *analyze.Result
	pos                                           map[string]int
	latest                                        int
	toolVals                                      []string
	names, cats, canon, subs, homes, repos, descs []int32
	launched, lics, stats, extras, joins, files   []int32
	nameVals, catVals, canonVals, subVals         []string
	homeVals, repoVals, descVals, launchedVals    []string
	licVals, statVals, extraVals, joinVals, fvals []string
	oss                                           *array.Boolean
	lines                                         *array.Int32
	catPos                                        map[string]int
	start                                         []int32 // rows of tool t: rowsOf[start[t]:start[t+1]], in release order
	rowsOf, relOf                                 []int32
	evs                                           map[string][]analyze.Event
	order                                         []int32
	// stayKey is, per row, the id of its stay key: its name, category,
	// canonical category, subcategory, repository, homepage and how it was
	// joined, interned in row order (a tool's rows are spread over the
	// history; reading seven columns at each would miss the cache).
	stayKey []int32
}

// newToolWalker gives the explorer data without its tools, and the walker
// of its tools.
func newToolWalker(res *analyze.Result) (*Data, *toolWalker) {
	h := res.History
	rec := h.Record
	d := &Data{Catalog: h.Name, Cats: res.Cats}
	w := &toolWalker{res: res, pos: make(map[string]int, len(res.Releases))}
	for i, r := range res.Releases {
		d.Releases = append(d.Releases, r.ID)
		date := ""
		if !r.Date.IsZero() {
			date = r.Date.Format("2006-01-02")
		}
		d.Dates = append(d.Dates, date)
		w.pos[r.ID] = i
	}
	w.latest = len(res.Releases) - 1
	if w.latest < 0 {
		return d, w
	}
	d.Release = res.Releases[w.latest].ID
	if w.latest > 0 {
		d.Previous = res.Releases[w.latest-1].ID
	}

	col := h.Codes
	var tools []int32
	tools, w.toolVals = col(catalog.ColToolID)
	w.names, w.nameVals = col(catalog.ColName)
	w.cats, w.catVals = col(catalog.ColCategory)
	w.canon, w.canonVals = col(catalog.ColCanonicalCategory)
	w.subs, w.subVals = col(catalog.ColSubcategory)
	w.homes, w.homeVals = col(catalog.ColHomepageURL)
	w.repos, w.repoVals = col(catalog.ColRepoURL)
	w.descs, w.descVals = col(catalog.ColDescription)
	w.launched, w.launchedVals = col(catalog.ColLaunched)
	w.lics, w.licVals = col(catalog.ColLicense)
	w.stats, w.statVals = col(catalog.ColStatus)
	w.extras, w.extraVals = col(catalog.ColExtra)
	w.joins, w.joinVals = col(catalog.ColJoinedBy)
	w.files, w.fvals = col(catalog.ColSourceFile)
	w.oss = rec.Column(catalog.ColOpenSource).(*array.Boolean)
	w.lines = rec.Column(catalog.ColSourceLine).(*array.Int32)
	kc := [7]keyCol{newKeyCol(w.names, w.nameVals), newKeyCol(w.cats, w.catVals), newKeyCol(w.canon, w.canonVals), newKeyCol(w.subs, w.subVals),
		newKeyCol(w.repos, w.repoVals), newKeyCol(w.homes, w.homeVals), newKeyCol(w.joins, w.joinVals)}
	w.stayKey = make([]int32, len(tools))
	keyIDs := map[[7]int32]int32{}
	// A tool's listing mostly has the key its listing of the release
	// before had: the map is probed when it changes.
	type memo struct {
		key [7]int32
		id  int32
	}
	last := make([]memo, len(w.toolVals))
	for t := range last {
		last[t].id = -1
	}
	for i := range w.stayKey {
		var k [7]int32
		for c := range k {
			k[c] = kc[c].code(int32(i))
		}
		var m *memo
		if t := tools[i]; t >= 0 {
			if m = &last[t]; m.id >= 0 && m.key == k {
				w.stayKey[i] = m.id
				continue
			}
		}
		id, ok := keyIDs[k]
		if !ok {
			id = int32(len(keyIDs))
			keyIDs[k] = id
		}
		w.stayKey[i] = id
		if m != nil {
			m.key, m.id = k, id
		}
	}
	w.catPos = map[string]int{}
	for i, c := range res.Cats {
		w.catPos[c] = i
	}

	// Rows per tool, in release order: counted, then placed (one array for
	// all tools rather than a slice each).
	w.relOf = make([]int32, len(tools))
	w.start = make([]int32, len(w.toolVals)+1)
	d.Files = make([]string, len(res.Releases))
	for ri := range res.Releases {
		from, to := h.Rows(ri)
		if from < to {
			d.Files[ri] = str(w.files, w.fvals, from)
		}
		for i := from; i < to; i++ {
			w.relOf[i] = int32(ri)
			if t := tools[i]; t >= 0 {
				w.start[t+1]++
			}
		}
	}
	for t := range w.toolVals {
		w.start[t+1] += w.start[t]
	}
	w.rowsOf = make([]int32, w.start[len(w.toolVals)])
	next := append([]int32(nil), w.start[:len(w.toolVals)]...)
	for i, t := range tools {
		if t >= 0 {
			w.rowsOf[next[t]] = int32(i)
			next[t]++
		}
	}
	w.evs = map[string][]analyze.Event{}
	for _, e := range res.Events {
		w.evs[e.ToolID] = append(w.evs[e.ToolID], e)
	}
	// The order: by the name of its last listing, case folded, then id.
	lower := make(map[int32]string)
	key := make([]string, len(w.toolVals))
	for t := range w.toolVals {
		if w.start[t] == w.start[t+1] {
			continue
		}
		w.order = append(w.order, int32(t))
		c := w.names[w.rowsOf[w.start[t+1]-1]]
		if c < 0 {
			continue // no name: ""
		}
		l, ok := lower[c]
		if !ok {
			l = strings.ToLower(w.nameVals[c])
			lower[c] = l
		}
		key[t] = l
	}
	sort.SliceStable(w.order, func(i, j int) bool {
		a, b := w.order[i], w.order[j]
		if key[a] != key[b] {
			return key[a] < key[b]
		}
		return w.toolVals[a] < w.toolVals[b]
	})
	d.Total = len(w.order)
	return d, w
}

func str(codes []int32, vals []string, i int) string {
	if c := codes[i]; c >= 0 {
		return vals[c]
	}
	return ""
}

// keyCol is a column of a stay's key (analyze.StayRuns): its codes, and the
// code of "" (-1 when it has none), read as null, as str reads both, so that
// codes compare as the strings do (a dictionary holds each string once).
type keyCol struct {
	codes []int32
	empty int32
}

func newKeyCol(codes []int32, vals []string) keyCol {
	k := keyCol{codes: codes, empty: -1}
	for c, v := range vals {
		if v == "" {
			k.empty = int32(c)
			break
		}
	}
	return k
}

// code is row i's code, -1 for null and "".
func (k *keyCol) code(i int32) int32 {
	if c := k.codes[i]; c != k.empty {
		return c
	}
	return -1
}

// tool builds the explorer's tool of code t.
func (w *toolWalker) tool(t int32) Tool {
	res := w.res
	rs := w.rowsOf[w.start[t]:w.start[t+1]]
	last := int(rs[len(rs)-1])
	lastRel := int(w.relOf[last])
	tool := Tool{
		ID:          w.toolVals[t],
		Name:        str(w.names, w.nameVals, last),
		Description: str(w.descs, w.descVals, last),
		Homepage:    str(w.homes, w.homeVals, last),
		Repo:        str(w.repos, w.repoVals, last),
		License:     str(w.lics, w.licVals, last),
		Status:      str(w.stats, w.statVals, last),
		Launched:    str(w.launched, w.launchedVals, last),
		First:       int(w.relOf[rs[0]]),
		Last:        lastRel,
		Listed:      lastRel == w.latest,
	}
	if w.oss.IsValid(last) {
		v := w.oss.Value(last)
		tool.OpenSource = &v
	}
	tool.Org = organisation(str(w.extras, w.extraVals, last), tool.Repo)
	// Categories and subcategories of its last release; the newest
	// description, licence, … given by any of its listings there.
	seenCat, seenSub := map[int]bool{}, map[string]bool{}
	for k := len(rs) - 1; k >= 0 && int(w.relOf[rs[k]]) == lastRel; k-- {
		i := int(rs[k])
		if c, ok := w.catPos[str(w.canon, w.canonVals, i)]; ok && !seenCat[c] {
			seenCat[c] = true
			tool.Cats = append(tool.Cats, c)
		}
		if s := str(w.subs, w.subVals, i); s != "" && !seenSub[s] {
			seenSub[s] = true
			tool.Subs = append(tool.Subs, s)
		}
	}
	sort.Ints(tool.Cats)
	sort.Strings(tool.Subs)
	// The history, as explain gives it (analyze.StayRuns, keyed by the
	// codes of the listing's fields rather than their strings).
	app := func(i int) analyze.Appearance {
		return analyze.Appearance{
			Release: res.Releases[w.relOf[i]].ID, Name: str(w.names, w.nameVals, i), Category: str(w.cats, w.catVals, i),
			Canonical: str(w.canon, w.canonVals, i), Subcategory: str(w.subs, w.subVals, i), RepoURL: str(w.repos, w.repoVals, i),
			HomepageURL: str(w.homes, w.homeVals, i), JoinedBy: str(w.joins, w.joinVals, i),
			File: str(w.files, w.fvals, i), Line: int(w.lines.Value(i)),
		}
	}
	runs := analyze.StayRuns(len(rs), func(k int) int32 { return w.stayKey[rs[k]] },
		func(k int) int { return int(w.relOf[rs[k]]) })
	pos := w.pos
	for _, run := range runs {
		if len(tool.Stays) == maxStays {
			break
		}
		a, z := app(int(rs[run.First])), app(int(rs[run.Last]))
		s := Stay{First: pos[a.Release], Last: pos[z.Release], Releases: run.Releases, Name: a.Name,
			Category: a.Category, Sub: a.Subcategory, Repo: a.RepoURL, JoinedBy: a.JoinedBy,
			Line: a.Line, LastLine: z.Line}
		if s.Repo == "" {
			s.Repo = a.HomepageURL
		}
		if s.Name == tool.Name {
			s.Name = ""
		}
		if s.Repo == tool.Repo || (tool.Repo == "" && s.Repo == tool.Homepage) {
			s.Repo = ""
		}
		tool.Stays = append(tool.Stays, s)
	}
	for _, e := range w.evs[tool.ID] {
		ri, ok := pos[e.Release]
		if !ok {
			continue
		}
		tool.Events = append(tool.Events, Event{Release: ri, Kind: e.Kind, Detail: EventDetail(e)})
		if ri == w.latest {
			tool.Changes = append(tool.Changes, e.Kind)
		}
	}
	return tool
}

// EventDetail is an event's detail as `landscape explain` prints it.
func EventDetail(e analyze.Event) string {
	switch e.Kind {
	case analyze.EventRenamed:
		return e.FromName + " → " + e.Name
	case analyze.EventRepoMoved:
		return e.FromRepo + " → " + e.ToRepo
	case analyze.EventMoved:
		return e.FromCategory + " → " + e.ToCategory
	case analyze.EventStatus:
		return quote(e.FromStatus) + " → " + quote(e.ToStatus)
	case analyze.EventRemoved:
		return "from " + e.FromCategory
	default:
		return "into " + e.ToCategory
	}
}

func quote(s string) string {
	if s == "" {
		return "(none)"
	}
	return "“" + s + "”"
}

// organisation is the organisation behind a tool: the catalog's own field
// (CNCF: organization.name, project_org), else the crunchbase organisation's
// slug, else the owner of a GitHub/GitLab repository.
func organisation(extra, repo string) string {
	if extra != "" {
		var m map[string]string
		if json.Unmarshal([]byte(extra), &m) == nil {
			if o := m["organization"]; o != "" {
				var on struct{ Name string }
				if json.Unmarshal([]byte(o), &on) == nil && on.Name != "" {
					return on.Name
				}
				if !strings.HasPrefix(o, "{") {
					return o
				}
			}
			if o := m["project_org"]; o != "" && !strings.HasPrefix(o, "{") {
				return o
			}
			if cb := m["crunchbase"]; cb != "" {
				if u, err := url.Parse(cb); err == nil {
					if p := strings.Split(strings.Trim(u.Path, "/"), "/"); len(p) == 2 && p[0] == "organization" && p[1] != "" {
						return p[1]
					}
				}
			}
		}
	}
	if u, err := url.Parse(repo); err == nil && (u.Host == "github.com" || u.Host == "gitlab.com" || u.Host == "www.github.com") {
		if p := strings.Split(strings.Trim(u.Path, "/"), "/"); len(p) >= 1 && p[0] != "" {
			return p[0]
		}
	}
	return ""
}
