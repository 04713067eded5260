package main

import (
	"fmt"
	"time"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// runProgress gives a progress line on standard error when it is a terminal
// and quiet is false (--json), else nil; done clears the line.
func runProgress(ios *iostreams.IOStreams, quiet bool) (p run.ProgressFunc, done func()) {
	if quiet || !ios.IsStderrTTY() {
		return nil, func() {}
	}
	f := ios.ErrOut
	start := time.Now()
	p = func(pr run.Progress) {
		msg := pr.Catalog + ": "
		switch pr.Stage {
		case "read":
			msg += fmt.Sprintf("reading release files %d/%d", pr.Done, pr.Total)
		case "identity":
			msg += "matching tools across releases"
		case "taxonomy":
			msg += "aligning categories"
		case "analyze":
			msg += "computing growth, churn and survival"
		case "write":
			msg += "writing report, charts and tables"
		default:
			msg += pr.Stage
		}
		fmt.Fprintf(f, "\r\033[K%s (%.0f s)", msg, time.Since(start).Seconds())
	}
	return p, func() { fmt.Fprint(f, "\r\033[K") }
}
