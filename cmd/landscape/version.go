package main

import (
	"runtime/debug"

	"github.com/landscapehq/landscape/pipeline/run"
)

// Version is landscape's version, with the commit it was built from when
// the build recorded one.
func Version() string {
	v := run.Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " (" + s.Value[:12] + ")"
			}
		}
	}
	return v
}
