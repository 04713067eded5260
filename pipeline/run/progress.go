package run

import "time"

// Progress is where a run is, for a progress line on a terminal.
type Progress struct {
	Catalog string
	// Stage is "read" (Done of Total release files read), "identity",
	// "taxonomy", "analyze" or "write".
	Stage       string
	Done, Total int
}

// ProgressFunc receives Progress as a run goes: at most every
// progressInterval while reading, and once as each stage starts. nil is
// silence.
type ProgressFunc func(Progress)

const progressInterval = 100 * time.Millisecond

// report calls p, if set.
func (p ProgressFunc) report(catalog, stage string, done, total int) {
	if p != nil {
		p(Progress{Catalog: catalog, Stage: stage, Done: done, Total: total})
	}
}
