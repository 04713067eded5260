// Command snapgen regenerates the bundled MLOps catalog: the release files
// and TAXONOMY.md of snapshots/mlops from its master list tools.yaml. The
// logic lives in pipeline/snapgen. Run it from the repository root:
//
//	go run ./cmd/snapgen            # regenerate the files (make snapshots)
//	go run ./cmd/snapgen -check     # fail if a file is missing or out of date
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/landscapehq/landscape/pipeline/snapgen"
)

func main() {
	masterPath := flag.String("master", filepath.Join("snapshots", "mlops", "tools.yaml"), "master list to read")
	outDir := flag.String("out", filepath.Join("snapshots", "mlops"), "folder to write the release files and TAXONOMY.md to")
	check := flag.Bool("check", false, "only check that the files in -out are up to date")
	flag.Parse()
	lines, err := snapgen.Run(*masterPath, *outDir, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, l := range lines {
		fmt.Println(l)
	}
}
