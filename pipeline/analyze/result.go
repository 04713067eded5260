package analyze

import (
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// Result is every analysis of one catalog.
type Result struct {
	History *catalog.History // resolved: tool_id filled
	Index   *Index
	Growth  *Growth
	Events  []Event
	Keys    []ToolKey // tool_identity
	// Taxonomy is the category alignment (crosswalk, lineage); the stats
	// and events above are by canonical category.
	Taxonomy *taxonomy.Result
	Survival *Survival
}

// Run computes every analysis of a resolved history whose categories are
// aligned (tax may be nil: then every category is its own lineage).
func Run(h *catalog.History, tax *taxonomy.Result) *Result {
	if tax == nil {
		tax = &taxonomy.Result{Lineage: taxonomy.Lineage{}}
	}
	// The identities need only the history: they are computed beside the
	// analyses of the index.
	keys := make(chan []ToolKey, 1)
	go func() { keys <- ComputeIdentities(h) }()
	ix := NewIndex(h)
	res := &Result{History: h, Index: ix, Growth: ComputeGrowth(ix), Events: ComputeEvents(ix), Taxonomy: tax, Survival: ComputeSurvival(ix)}
	countEvents(res.Growth.Releases, res.Events)
	res.Keys = <-keys
	return res
}

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

// Latest is the index of the newest release.
func (r *Result) Latest() int { return len(r.Index.Releases) - 1 }

// Tables gives the results as Arrow tables: releases, category_stats,
// subcategory_stats, events, tool_identity, taxonomy_crosswalk, survival,
// survival_curve, cohorts. The caller releases them.
func (r *Result) Tables(mem memory.Allocator) []*catalog.Table {
	return []*catalog.Table{
		catalog.NewTable(mem, "releases", r.Growth.Releases),
		catalog.NewTable(mem, "category_stats", r.Growth.Categories),
		catalog.NewTable(mem, "subcategory_stats", r.Growth.Subcategories),
		catalog.NewTable(mem, "events", r.Events),
		catalog.NewTable(mem, "tool_identity", r.Keys),
		catalog.NewTable(mem, "taxonomy_crosswalk", r.Taxonomy.Crosswalk),
		catalog.NewTable(mem, "survival", r.Survival.Spans),
		catalog.NewTable(mem, "survival_curve", r.Survival.Curves),
		catalog.NewTable(mem, "cohorts", r.Survival.Cohorts),
	}
}
