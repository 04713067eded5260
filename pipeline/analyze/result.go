// Package analyze computes growth and churn from a resolved history.
//
// It takes a catalog.History whose tool_id column is filled (package
// identity) and gives plain results — per-release and per-category
// statistics, events between consecutive releases — each convertible to an
// Arrow table (Tables). The functions are pure: same history, same results,
// in a fixed order.
package analyze

import (
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// Result is every analysis of one catalog.
type Result struct {
	History  *catalog.History // resolved: tool_id filled
	Releases []catalog.Release
	Tools    []string // tool ids, in order of first listing
	Names    []string // per tool: its name in the latest release it is listed in
	Cats     []string // canonical category names, sorted
	Growth   *Growth
	Events   []Event
	Keys     []ToolKey // tool_identity
	// Taxonomy is the category alignment (crosswalk, lineage); the stats
	// and events above are by canonical category.
	Taxonomy *taxonomy.Result
	Survival *Survival
	Period   string // the period of the cohorts (PeriodRelease, …)
	// Anomalies are the releases whose removals look like a reading or
	// source problem (Anomalies): named in report.md and summary.json.
	Anomalies []Anomaly
	// Attributes are open source, licences and status over releases, and
	// launch years and stars of the newest release.
	Attributes *Attributes
	// Deals are the acquisitions, ends, relicensings and renames, from the
	// events and the releases' recorded changes (see Deals).
	Deals []Deal
	// Rates are the growth rates of categories and subcategories over the
	// last release, the last year and all releases (see GrowthRates).
	Rates []GrowthRate

	cols *columns
}

// columns is the history as the engine reads it: its codes, from which the
// Rows of a release are made when it is read (rows), one release at a
// time rather than one Row per listing of the history at once.
type columns struct {
	dicts                                                     Dicts
	tools, cats, subs, names, repos, statuses, lics, launched []int32
	catPos, subCode                                           []int32 // canonical category code → Cats index; subcategory code → Subs index
	years                                                     []int16 // launched code → year
	oss                                                       *array.Boolean
	stars                                                     *array.Int64
}

// rows are the Rows of the listings [from, to), made into dst.
func (c *columns) rows(from, to int, dst []Row) []Row {
	dst = dst[:0]
	for i := from; i < to; i++ {
		sub := int32(0)
		if sc := c.subs[i]; sc >= 0 { // never null: subcategory is not nullable
			sub = c.subCode[sc]
		}
		r := Row{Tool: c.tools[i], Cat: c.catPos[c.cats[i]], Sub: sub, Name: c.names[i], Repo: c.repos[i], Status: c.statuses[i], License: c.lics[i], OS: -1, Stars: -1}
		if lc := c.launched[i]; lc >= 0 {
			r.Year = c.years[lc]
		}
		if c.oss.IsValid(i) {
			r.OS = 0
			if c.oss.Value(i) {
				r.OS = 1
			}
		}
		if c.stars.IsValid(i) {
			r.Stars = c.stars.Value(i)
		}
		dst = append(dst, r)
	}
	return dst
}

// Run computes every analysis of a resolved history whose categories are
// aligned (tax may be nil: then every category is its own lineage).
func Run(h *catalog.History, tax *taxonomy.Result) *Result {
	if tax == nil {
		tax = &taxonomy.Result{Lineage: taxonomy.Lineage{}}
	}
	// The identities need only the history: they are computed beside the
	// engine.
	keys := make(chan []ToolKey, 1)
	go func() { keys <- ComputeIdentities(h) }()
	cols := historyColumns(h)
	dates := make([]time.Time, len(h.Releases))
	for i, r := range h.Releases {
		dates[i] = r.Date
	}
	period := ResolvePeriod(PeriodAuto, dates)
	e := NewEngine(cols.dicts, PeriodOf(period))
	var rows []Row
	for i, r := range h.Releases {
		from, to := h.Rows(i)
		rows = cols.rows(from, to, rows)
		e.Add(r, rows)
	}
	growth, events, surv := e.Finish()
	res := &Result{History: h, Releases: h.Releases, Tools: cols.dicts.Tools, Names: e.Names(), Cats: cols.dicts.Cats,
		Growth: growth, Events: events, Keys: <-keys, Taxonomy: tax, Survival: surv, Period: period, cols: cols,
		Attributes: e.Attributes(), Anomalies: Anomalies(growth, events)}
	res.Deals = Deals(h.Releases, events)
	res.Rates = GrowthRates(growth)
	return res
}

// Release releases the memory the result owns (its history's Arrow
// record); the result is not used after. Safe on nil and twice.
func (r *Result) Release() {
	if r == nil || r.History == nil {
		return
	}
	r.History.Release()
	r.History = nil
}

// historyColumns codes the columns of a history for the engine.
func historyColumns(h *catalog.History) *columns {
	rec := h.Record
	tools, toolVals := h.Codes(catalog.ColToolID)
	cats, catVals := h.Codes(catalog.ColCanonicalCategory)
	subs, subVals := h.Codes(catalog.ColCanonicalSubcategory)
	names, nameVals := h.Codes(catalog.ColName)
	repos, repoVals := h.Codes(catalog.ColRepoURL)
	statuses, statusVals := h.Codes(catalog.ColStatus)
	lics, licVals := h.Codes(catalog.ColLicense)
	launched, launchedVals := h.Codes(catalog.ColLaunched)
	years := make([]int16, len(launchedVals))
	for i, v := range launchedVals {
		if len(v) >= 4 {
			if y, err := strconv.Atoi(v[:4]); err == nil && y > 0 && y < 10000 {
				years[i] = int16(y)
			}
		}
	}
	oss := rec.Column(catalog.ColOpenSource).(*array.Boolean)
	stars := rec.Column(catalog.ColStars).(*array.Int64)

	// Categories in name order.
	sorted := slices.Clone(catVals)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	catPos := make([]int32, len(catVals))
	for i, c := range catVals {
		p, _ := slices.BinarySearch(sorted, c)
		catPos[i] = int32(p)
	}
	// Subcategories by Key: two spellings are one group, named by the
	// newest (taxonomy.Spellings).
	spell := taxonomy.Spellings(h, catalog.ColCanonicalSubcategory)
	subCode := make([]int32, len(subVals))
	var subNames []string
	subIdx := map[string]int32{}
	for c, v := range subVals {
		d := spell[v]
		i, ok := subIdx[d]
		if !ok {
			i = int32(len(subNames))
			subIdx[d] = i
			subNames = append(subNames, d)
		}
		subCode[c] = i
	}
	if len(subNames) == 0 {
		subNames = []string{""}
	}
	d := Dicts{Tools: toolVals, Cats: sorted, Subs: subNames, Names: nameVals, Statuses: statusVals, Licenses: licVals,
		NameKeys: identity.KeysOf(h, catalog.ColName).Codes[:len(nameVals)], RepoKeys: make([]string, len(repoVals))}
	repoKeys := identity.KeysOf(h, catalog.ColRepoURL)
	for i := range repoVals {
		d.RepoKeys[i] = repoKeys.Key(int32(i))
	}
	// A tool id that no row uses (a dictionary may hold one) stays unlisted.
	return &columns{dicts: d, tools: tools, cats: cats, subs: subs, names: names, repos: repos, statuses: statuses, lics: lics,
		launched: launched, catPos: catPos, subCode: subCode, years: years, oss: oss, stars: stars}
}

// Members gives release ri's membership: tool → its sorted canonical
// categories (indexes into Cats).
func (r *Result) Members(ri int) map[int][]int {
	from, to := r.History.Rows(ri)
	m := map[int][]int{}
	for _, row := range r.cols.rows(from, to, nil) {
		t := int(row.Tool)
		if i, found := slices.BinarySearch(m[t], int(row.Cat)); !found {
			m[t] = slices.Insert(m[t], i, int(row.Cat))
		}
	}
	return m
}

// Latest is the index of the newest release.
func (r *Result) Latest() int { return len(r.Releases) - 1 }

// countEvents fills the release counts that come from events alone.
func countEvents(rels []ReleaseStat, events []Event) {
	pos := map[string]int{}
	for i, r := range rels {
		pos[r.Release] = i
	}
	for _, e := range events {
		r := &rels[pos[e.Release]]
		switch e.Kind {
		case EventReAdded:
			r.ReAdded++
		case EventRenamed:
			r.Renamed++
		case EventRepoMoved:
			r.RepoMoved++
		}
	}
}

func baseName(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}

// namedTable is a table of Tables and what makes it.
type namedTable struct {
	name  string
	build func() *catalog.Table
}

// named is the table name of rows (catalog.NewTable).
func named[T any](mem memory.Allocator, name string, rows []T) namedTable {
	return namedTable{name, func() *catalog.Table { return catalog.NewTable(mem, name, rows) }}
}

// tables are the tables of Tables, in order; mem may be nil when only
// their names are read.
func (r *Result) tables(mem memory.Allocator) []namedTable {
	return []namedTable{
		named(mem, "releases", r.Growth.Releases),
		named(mem, "category_stats", r.Growth.Categories),
		named(mem, "subcategory_stats", r.Growth.Subcategories),
		named(mem, "events", r.Events),
		named(mem, "tool_identity", r.Keys),
		named(mem, "taxonomy_crosswalk", r.Taxonomy.Crosswalk),
		named(mem, "subcategory_crosswalk", r.Taxonomy.SubCrosswalk),
		named(mem, "survival", r.Survival.Spans),
		named(mem, "survival_curve", r.Survival.Curves),
		named(mem, "cohorts", r.Survival.Cohorts),
		named(mem, "open_source", r.Attributes.OpenSource),
		named(mem, "licenses", r.Attributes.Licenses),
		named(mem, "status_mix", r.Attributes.Statuses),
		named(mem, "launch_years", r.Attributes.LaunchYears),
		named(mem, "stars", r.Attributes.Stars),
		named(mem, "deals", r.Deals),
		named(mem, "growth_rates", r.Rates),
	}
}

// TableNames are the names of the tables Tables makes, in order, without
// making them.
func (r *Result) TableNames() []string {
	var names []string
	for _, t := range r.tables(nil) {
		names = append(names, t.name)
	}
	return names
}

// Tables gives the results as Arrow tables: releases, category_stats,
// subcategory_stats, events, tool_identity, taxonomy_crosswalk,
// subcategory_crosswalk, survival,
// survival_curve, cohorts, open_source, licenses, status_mix,
// launch_years, stars, deals, growth_rates. The caller releases them.
func (r *Result) Tables(mem memory.Allocator) []*catalog.Table {
	build := r.tables(mem)
	// The tables are independent: each is built on a goroutine of its own,
	// into its own place.
	out := make([]*catalog.Table, len(build))
	var wg sync.WaitGroup
	for i, t := range build {
		wg.Go(func() { out[i] = t.build() })
	}
	wg.Wait()
	return out
}
