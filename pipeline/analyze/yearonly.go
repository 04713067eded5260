package analyze

import (
	"regexp"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// yearOnly is a launch date given to the year only.
var yearOnly = regexp.MustCompile(`^\d{4}$`)

// AddedYearOnly counts, per release (in release order), the tools added
// (new to the catalog, not re-added) whose listing in that release gives a
// year-only launch date ("2019"). Where a catalog lists a tool from its
// launch and a year-only date takes effect at the end of its year, these
// additions are shown late and bunch in the year's last release: the count
// says how much of a release's growth rests on such dates.
func (r *Result) AddedYearOnly() []int {
	out := make([]int, len(r.Releases))
	h := r.History
	if h == nil || h.Record == nil {
		return out
	}
	pos := map[string]int{}
	for i, rel := range r.Releases {
		pos[rel.ID] = i
	}
	added := map[[2]string]bool{} // release id, tool id
	for _, e := range r.Events {
		if e.Kind == EventAdded {
			added[[2]string{e.Release, e.ToolID}] = true
		}
	}
	if len(added) == 0 {
		return out
	}
	tools, toolVals := h.Codes(catalog.ColToolID)
	launched, launchedVals := h.Codes(catalog.ColLaunched)
	yearOnlyCode := make([]bool, len(launchedVals))
	for c, v := range launchedVals {
		yearOnlyCode[c] = yearOnly.MatchString(v)
	}
	for i, rel := range r.Releases {
		from, to := h.Rows(i)
		seen := map[int32]bool{}
		for row := from; row < to; row++ {
			t := tools[row]
			if seen[t] || t < 0 || !added[[2]string{rel.ID, toolVals[t]}] {
				continue
			}
			if c := launched[row]; c >= 0 && yearOnlyCode[c] {
				seen[t] = true
				out[i]++
			}
		}
	}
	return out
}
