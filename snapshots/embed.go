// Package snapshots holds the bundled catalog, embedded in the binary so
// that `landscape analyze` with no argument works from any folder and after
// `go install`. The files are those of snapshots/mlops/, which
// `make snapshots` regenerates from its master list tools.yaml.
package snapshots

import "embed"

// Bundled is the name of the bundled catalog: its folder here, and the name
// of its output folder.
const Bundled = "mlops"

// FS holds the bundled catalog's folder, mlops/, whole.
//
//go:embed mlops
var FS embed.FS
