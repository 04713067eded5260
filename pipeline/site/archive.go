package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/charts/model"
	"github.com/landscapehq/landscape/pipeline/analyze"
)

// ArchiveGroup is one page of the archive: a release, or the releases of a
// month, quarter or year of a long history (analyze.ResolvePeriod "auto":
// release by release up to analyze.MaxPeriods releases). The page shows the
// group's last release against the last release of the group before.
type ArchiveGroup struct {
	Label       string // "2024-06-30" (a release id) or "2024-Q2"
	File        string // page name in archive/
	First, Last int    // release indexes, inclusive
	Prev        int    // the last release of the group before; -1 for the first group
}

// Releases is how many releases the group holds.
func (g ArchiveGroup) Releases() int { return g.Last - g.First + 1 }

var safeFile = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$`)

// ArchiveGroups gives the archive's pages, oldest first.
func ArchiveGroups(res *analyze.Result) []ArchiveGroup {
	dates := make([]time.Time, len(res.Releases))
	for i, r := range res.Releases {
		dates[i] = r.Date
	}
	period := analyze.ResolvePeriod(analyze.PeriodAuto, dates)
	label := analyze.PeriodOf(period)
	var out []ArchiveGroup
	used := map[string]bool{}
	for i, r := range res.Releases {
		l := r.ID
		if label != nil {
			l = label(r.Date)
		}
		if n := len(out); n > 0 && label != nil && out[n-1].Label == l {
			out[n-1].Last = i
			continue
		}
		out = append(out, ArchiveGroup{Label: l, First: i, Last: i, Prev: i - 1})
	}
	for i := range out {
		name := strings.ToLower(out[i].Label)
		if !safeFile.MatchString(name) || strings.Contains(name, "..") {
			name = fmt.Sprintf("release-%d", out[i].First+1)
		}
		for used[name] {
			name = fmt.Sprintf("%s-%d", name, i+1)
		}
		used[name] = true
		out[i].File = name + ".html"
	}
	return out
}

type archiveYear struct {
	Year   string
	Groups []ArchiveGroup
}

// archiveYears groups the archive's pages by year, newest first.
func archiveYears(groups []ArchiveGroup) []archiveYear {
	var out []archiveYear
	for i := len(groups) - 1; i >= 0; i-- {
		g := groups[i]
		y := g.Label
		if len(y) >= 4 && y[:4] >= "1000" && y[:4] <= "9999" {
			y = y[:4]
		} else {
			y = "Other"
		}
		if n := len(out); n > 0 && out[n-1].Year == y {
			out[n-1].Groups = append(out[n-1].Groups, g)
			continue
		}
		out = append(out, archiveYear{Year: y, Groups: []ArchiveGroup{g}})
	}
	return out
}

type catRow struct {
	Name                           string
	Tools, Before                  int
	Added, Removed, MovedIn, MoveO int
	Net                            string
}

type toolRef struct {
	Name, Detail string
	Href         template.URL
}

type archiveData struct {
	pageData
	Group            ArchiveGroup
	Headline         headline
	Period           string
	Prev, Next       *ArchiveGroup
	Cats             []catRow
	Added, Removed   []toolRef
	Moved, Renamed   []toolRef
	MoreAdded        int
	MoreRemoved      int
	MoreMoved        int
	MoreRenamed      int
	Sunburst         template.HTML
	Treemap          template.HTML
	SunburstPNG      string
	FirstRel, Latest string
}

// maxListed caps each list of tools on an archive page.
const maxListed = 150

// archiveResult is one archive page, made or taken from an earlier run.
type archiveResult struct {
	data []byte
	key  string
	err  error
}

// archiveKeyVersion changes with anything that changes how an archive page
// is drawn from its data (the templates are digested with it).
const archiveKeyVersion = "archive page 1"

// archivePage makes the page of groups[gi], or takes it from o.Previous
// when its key is the same.
func archivePage(res *analyze.Result, groups []ArchiveGroup, gi int, o Options) archiveResult {
	var prev, next *ArchiveGroup
	if gi > 0 {
		prev = &groups[gi-1]
	}
	if gi+1 < len(groups) {
		next = &groups[gi+1]
	}
	g := groups[gi]
	d := archivePageData(res, groups, gi, prev, next)
	tree := releaseTree(res, g.Last)
	key, err := archiveKey(res, d, g, tree)
	if err != nil {
		return archiveResult{err: fmt.Errorf("archive %s: %w", g.Label, err)}
	}
	if o.Previous != nil {
		if data, ok := o.Previous(path.Join(ArchiveDir, g.File), key); ok {
			return archiveResult{data: data, key: key}
		}
	}
	// The group's last release as a sunburst and a treemap.
	if d.Sunburst, err = treeChart(res, g.Last, tree, "sunburst", "560px"); err != nil {
		return archiveResult{err: fmt.Errorf("archive %s: %w", g.Label, err)}
	}
	if d.Treemap, err = treeChart(res, g.Last, tree, "treemap", "560px"); err != nil {
		return archiveResult{err: fmt.Errorf("archive %s: %w", g.Label, err)}
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "archive", d); err != nil {
		return archiveResult{err: fmt.Errorf("archive/%s: %w", g.File, err)}
	}
	return archiveResult{data: buf.Bytes(), key: key}
}

// archiveKey digests what the page of g is drawn from: its data (all but
// the charts), the tree of its last release with the charts' options, the
// templates and the site's fixed files.
func archiveKey(res *analyze.Result, d archiveData, g ArchiveGroup, tree model.Tree) (string, error) {
	name, rel := res.History.Name, res.Releases[g.Last].ID
	sum := sha256.New()
	sum.Write([]byte(archiveKeyVersion + "\x00"))
	sum.Write(templateDigest[:])
	enc := json.NewEncoder(sum)
	for _, v := range []any{d, tree, html.ChartID(name, rel, "sunburst"), html.ChartID(name, rel, "treemap"), "560px"} {
		if err := enc.Encode(v); err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(sum.Sum(nil)), nil
}

// archivePageData is the data of the page of groups[gi], but its charts.
func archivePageData(res *analyze.Result, groups []ArchiveGroup, gi int, prev, next *ArchiveGroup) archiveData {
	g := groups[gi]
	name := res.History.Name
	d := archiveData{
		pageData: pageData{Catalog: name, Root: "../",
			Crumbs: []crumb{{Name: "Archive", Href: "../index.html#archive"}, {Name: g.Label}}},
		Group:    g,
		Headline: headlineOf(res, g.Last, g.Prev),
		Prev:     prev, Next: next,
		FirstRel: res.Releases[g.First].ID,
		Latest:   res.Releases[g.Last].ID,
	}
	d.Title = name + " " + g.Label + " — landscape archive"

	// Categories: tools at the group's end against the end of the one before.
	byRel := map[string][]analyze.GroupStat{}
	span := func(from, to int) []analyze.GroupStat { return res.Growth.Span(res.Growth.Categories, from, to) }
	for _, s := range span(max(g.Prev, 0), g.Last) {
		if s.Release == res.Releases[g.Last].ID || (g.Prev >= 0 && s.Release == res.Releases[g.Prev].ID) {
			byRel[s.Release] = append(byRel[s.Release], s)
		}
	}
	rows := map[string]*catRow{}
	row := func(c string) *catRow {
		r, ok := rows[c]
		if !ok {
			r = &catRow{Name: c}
			rows[c] = r
		}
		return r
	}
	for _, s := range byRel[res.Releases[g.Last].ID] {
		row(s.Category).Tools = s.Tools
	}
	if g.Prev >= 0 {
		for _, s := range byRel[res.Releases[g.Prev].ID] {
			row(s.Category).Before = s.Tools
		}
	}
	inGroup := map[string]bool{}
	for k := g.First; k <= g.Last; k++ {
		inGroup[res.Releases[k].ID] = true
	}
	for _, s := range span(g.First, g.Last) {
		if inGroup[s.Release] {
			r := row(s.Category)
			r.Added += s.Added
			r.Removed += s.Removed
			r.MovedIn += s.MovedIn
			r.MoveO += s.MovedOut
		}
	}
	for _, r := range rows {
		r.Net = fmt.Sprintf("%+d", r.Tools-r.Before)
		d.Cats = append(d.Cats, *r)
	}
	sort.Slice(d.Cats, func(i, j int) bool {
		if d.Cats[i].Tools != d.Cats[j].Tools {
			return d.Cats[i].Tools > d.Cats[j].Tools
		}
		return d.Cats[i].Name < d.Cats[j].Name
	})

	// The group's events, by kind.
	add := func(list *[]toolRef, more *int, e analyze.Event, detail string) {
		if len(*list) >= maxListed {
			*more++
			return
		}
		v := url.Values{"tool": {e.ToolID}, "listed": {"all"}}
		*list = append(*list, toolRef{Name: e.Name, Detail: detail, Href: template.URL("../" + Explorer + "#" + v.Encode())})
	}
	for _, e := range res.Events {
		if !inGroup[e.Release] {
			continue
		}
		when := ""
		if g.Releases() > 1 {
			when = e.Release + ": "
		}
		switch e.Kind {
		case analyze.EventAdded, analyze.EventReAdded:
			add(&d.Added, &d.MoreAdded, e, when+e.ToCategory)
		case analyze.EventRemoved:
			add(&d.Removed, &d.MoreRemoved, e, when+e.FromCategory)
		case analyze.EventMoved:
			add(&d.Moved, &d.MoreMoved, e, when+e.FromCategory+" → "+e.ToCategory)
		case analyze.EventRenamed:
			add(&d.Renamed, &d.MoreRenamed, e, when+e.FromName+" → "+e.Name)
		}
	}

	return d
}

// releaseTree is release ri's tree of categories and tools, as its sunburst
// and treemap draw it.
func releaseTree(res *analyze.Result, ri int) model.Tree {
	return model.TreeOf(res, ri, model.Palette(res), fmt.Sprintf("%s %s: categories and tools", res.History.Name, res.Releases[ri].ID))
}

// treeChart is release ri's sunburst or treemap of tree as a snippet for a
// page that loads ECharts itself, its id unique to catalog, release and kind.
func treeChart(res *analyze.Result, ri int, tree model.Tree, kind, height string) (template.HTML, error) {
	name, rel := res.History.Name, res.Releases[ri].ID
	o := html.Options{Assets: html.AssetsNone, Snippet: true, ID: html.ChartID(name, rel, kind), Height: height}
	var b bytes.Buffer
	var err error
	if kind == "treemap" {
		err = html.Treemap(&b, tree, o)
	} else {
		err = html.Sunburst(&b, tree, o)
	}
	return template.HTML(b.String()), err
}
