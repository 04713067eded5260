package analyze

// Anomaly is a release in which a large share of the catalog's tools
// disappears and comes back in the next release: a file that was read
// wrong or published broken (a section hidden by a stray HTML tag, a
// truncated file), not churn. The report and the summary name it so that
// nobody publishes "−600 tools" for a day the list was broken; the events
// themselves stay in events.parquet as computed.
type Anomaly struct {
	Release     string  `json:"release"`          // the release in which the tools are missing
	Previous    string  `json:"previous_release"` // the release before it
	Next        string  `json:"next_release"`     // the release in which they are back
	ToolsBefore int     `json:"tools_before"`     // tools of the previous release
	Tools       int     `json:"tools"`            // tools of the release
	Removed     int     `json:"removed"`          // removed in the release
	Returned    int     `json:"returned"`         // of those, re-added in the next release
	Share       float64 `json:"share"`            // removed / tools_before
}

// Thresholds of Anomalies.
const (
	anomalyMinRemoved  = 10   // tools removed, at least
	anomalyMinShare    = 0.20 // of the previous release's tools, at least
	anomalyMinReturned = 0.50 // of the removed tools back in the next release, at least
)

// Anomalies finds the releases in which at least 20% of the previous
// release's tools (and at least 10) are removed and at least half of them
// are re-added in the next release. events are the history's events
// (Result.Events), growth its per-release statistics.
func Anomalies(g *Growth, events []Event) []Anomaly {
	rels := g.Releases
	if len(rels) < 3 {
		return nil
	}
	pos := make(map[string]int, len(rels))
	for i, r := range rels {
		pos[r.Release] = i
	}
	removed := map[int]map[string]bool{} // release → tools removed in it
	readded := map[int]map[string]bool{}
	for _, e := range events {
		var m map[int]map[string]bool
		switch e.Kind {
		case EventRemoved:
			m = removed
		case EventReAdded:
			m = readded
		default:
			continue
		}
		i, ok := pos[e.Release]
		if !ok {
			continue
		}
		if m[i] == nil {
			m[i] = map[string]bool{}
		}
		m[i][e.ToolID] = true
	}
	var out []Anomaly
	for i := 1; i+1 < len(rels); i++ {
		before, n := rels[i-1].Tools, len(removed[i])
		if n < anomalyMinRemoved || before == 0 || float64(n) < anomalyMinShare*float64(before) {
			continue
		}
		back := 0
		for t := range removed[i] {
			if readded[i+1][t] {
				back++
			}
		}
		if float64(back) < anomalyMinReturned*float64(n) {
			continue
		}
		out = append(out, Anomaly{Release: rels[i].Release, Previous: rels[i-1].Release, Next: rels[i+1].Release,
			ToolsBefore: before, Tools: rels[i].Tools, Removed: n, Returned: back, Share: float64(n) / float64(before)})
	}
	return out
}
