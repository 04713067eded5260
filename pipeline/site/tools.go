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
// name order (then id).
func ToolsOf(res *analyze.Result) *Data {
	h := res.History
	rec := h.Record
	d := &Data{Catalog: h.Name, Cats: res.Cats}
	pos := make(map[string]int, len(res.Releases))
	for i, r := range res.Releases {
		d.Releases = append(d.Releases, r.ID)
		date := ""
		if !r.Date.IsZero() {
			date = r.Date.Format("2006-01-02")
		}
		d.Dates = append(d.Dates, date)
		pos[r.ID] = i
	}
	latest := len(res.Releases) - 1
	if latest < 0 {
		return d
	}
	d.Release = res.Releases[latest].ID
	if latest > 0 {
		d.Previous = res.Releases[latest-1].ID
	}

	col := func(c int) ([]int32, []string) { return catalog.Codes(rec.Column(c)) }
	tools, toolVals := col(catalog.ColToolID)
	names, nameVals := col(catalog.ColName)
	cats, catVals := col(catalog.ColCategory)
	canon, canonVals := col(catalog.ColCanonicalCategory)
	subs, subVals := col(catalog.ColSubcategory)
	homes, homeVals := col(catalog.ColHomepageURL)
	repos, repoVals := col(catalog.ColRepoURL)
	descs, descVals := col(catalog.ColDescription)
	launched, launchedVals := col(catalog.ColLaunched)
	lics, licVals := col(catalog.ColLicense)
	stats, statVals := col(catalog.ColStatus)
	extras, extraVals := col(catalog.ColExtra)
	joins, joinVals := col(catalog.ColJoinedBy)
	files, fileVals := col(catalog.ColSourceFile)
	oss := rec.Column(catalog.ColOpenSource).(*array.Boolean)
	lines := rec.Column(catalog.ColSourceLine).(*array.Int32)
	str := func(codes []int32, vals []string, i int) string {
		if c := codes[i]; c >= 0 {
			return vals[c]
		}
		return ""
	}
	catPos := map[string]int{}
	for i, c := range res.Cats {
		catPos[c] = i
	}

	// Rows per tool, in release order.
	rows := make([][]int32, len(toolVals))
	relOf := make([]int32, len(tools))
	d.Files = make([]string, len(res.Releases))
	for ri := range res.Releases {
		from, to := h.Rows(ri)
		if from < to {
			d.Files[ri] = str(files, fileVals, from)
		}
		for i := from; i < to; i++ {
			relOf[i] = int32(ri)
			if t := tools[i]; t >= 0 {
				rows[t] = append(rows[t], int32(i))
			}
		}
	}
	evs := map[string][]analyze.Event{}
	for _, e := range res.Events {
		evs[e.ToolID] = append(evs[e.ToolID], e)
	}
	for t, rs := range rows {
		if len(rs) == 0 {
			continue
		}
		last := int(rs[len(rs)-1])
		lastRel := int(relOf[last])
		tool := Tool{
			ID:          toolVals[t],
			Name:        str(names, nameVals, last),
			Description: str(descs, descVals, last),
			Homepage:    str(homes, homeVals, last),
			Repo:        str(repos, repoVals, last),
			License:     str(lics, licVals, last),
			Status:      str(stats, statVals, last),
			Launched:    str(launched, launchedVals, last),
			First:       int(relOf[rs[0]]),
			Last:        lastRel,
			Listed:      lastRel == latest,
		}
		if oss.IsValid(last) {
			v := oss.Value(last)
			tool.OpenSource = &v
		}
		tool.Org = organisation(str(extras, extraVals, last), tool.Repo)
		// Categories and subcategories of its last release; the newest
		// description, licence, … given by any of its listings there.
		seenCat, seenSub := map[int]bool{}, map[string]bool{}
		for k := len(rs) - 1; k >= 0 && int(relOf[rs[k]]) == lastRel; k-- {
			i := int(rs[k])
			if c, ok := catPos[str(canon, canonVals, i)]; ok && !seenCat[c] {
				seenCat[c] = true
				tool.Cats = append(tool.Cats, c)
			}
			if s := str(subs, subVals, i); s != "" && !seenSub[s] {
				seenSub[s] = true
				tool.Subs = append(tool.Subs, s)
			}
		}
		sort.Ints(tool.Cats)
		sort.Strings(tool.Subs)
		// The history, as explain gives it.
		apps := make([]analyze.Appearance, len(rs))
		for k, r := range rs {
			i := int(r)
			apps[k] = analyze.Appearance{
				Release: res.Releases[relOf[i]].ID, Name: str(names, nameVals, i), Category: str(cats, catVals, i),
				Canonical: str(canon, canonVals, i), Subcategory: str(subs, subVals, i), RepoURL: str(repos, repoVals, i),
				HomepageURL: str(homes, homeVals, i), JoinedBy: str(joins, joinVals, i),
				File: str(files, fileVals, i), Line: int(lines.Value(i)),
			}
		}
		for _, st := range analyze.Stays(apps, pos) {
			if len(tool.Stays) == maxStays {
				break
			}
			a := st.First
			s := Stay{First: pos[a.Release], Last: pos[st.Last.Release], Releases: st.Releases, Name: a.Name,
				Category: a.Category, Sub: a.Subcategory, Repo: a.RepoURL, JoinedBy: a.JoinedBy,
				Line: a.Line, LastLine: st.Last.Line}
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
		for _, e := range evs[tool.ID] {
			ri, ok := pos[e.Release]
			if !ok {
				continue
			}
			tool.Events = append(tool.Events, Event{Release: ri, Kind: e.Kind, Detail: EventDetail(e)})
			if ri == latest {
				tool.Changes = append(tool.Changes, e.Kind)
			}
		}
		d.Tools = append(d.Tools, tool)
	}
	sort.SliceStable(d.Tools, func(i, j int) bool {
		a, b := strings.ToLower(d.Tools[i].Name), strings.ToLower(d.Tools[j].Name)
		if a != b {
			return a < b
		}
		return d.Tools[i].ID < d.Tools[j].ID
	})
	return d
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
