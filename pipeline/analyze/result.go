package analyze

import (
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// Result is every analysis of one catalog.
type Result struct {
	History *catalog.History // resolved: tool_id filled
	Index   *Index
	Growth  *Growth
	Events  []Event
	Keys    []ToolKey // tool_identity
}

// Run computes every analysis of a resolved history.
func Run(h *catalog.History) *Result {
	ix := NewIndex(h)
	return &Result{History: h, Index: ix, Growth: ComputeGrowth(ix), Events: ComputeEvents(ix), Keys: ComputeIdentities(h)}
}

// Latest is the index of the newest release.
func (r *Result) Latest() int { return len(r.Index.Releases) - 1 }

// Tables gives the results as Arrow tables: releases, category_stats,
// subcategory_stats, events, tool_identity. The caller releases them.
func (r *Result) Tables(mem memory.Allocator) []*catalog.Table {
	return []*catalog.Table{
		catalog.NewTable(mem, "releases", r.Growth.Releases),
		catalog.NewTable(mem, "category_stats", r.Growth.Categories),
		catalog.NewTable(mem, "subcategory_stats", r.Growth.Subcategories),
		catalog.NewTable(mem, "events", r.Events),
		catalog.NewTable(mem, "tool_identity", r.Keys),
	}
}

// ReleaseSummary is a release's line in `analyze --json`.
type ReleaseSummary = ReleaseStat
