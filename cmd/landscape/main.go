// Command landscape analyses the history of software landscape catalogs.
//
// It only wires flags to the pipeline's stages: each command has an options
// struct and a run function that tests call with in-memory streams.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // bad input or a failed run
	exitUsage = 2 // a usage error
)

// Streams are a command's input and output.
type Streams struct {
	Out io.Writer
	Err io.Writer
}

// usageError marks errors in how the command was called.
type usageError struct{ error }

func main() {
	// A run is short and its heap small next to the machine: collecting less
	// often saves about a tenth of the CPU (docs/BENCHMARKS.md). A soft
	// memory limit makes the collector work harder only when a large history
	// brings the heap near it (GOMEMLIMIT in the environment wins).
	debug.SetGCPercent(400)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
	os.Exit(Main(os.Args[1:], Streams{Out: os.Stdout, Err: os.Stderr}))
}

// Main runs the command line and returns the exit code.
func Main(args []string, s Streams) int {
	root := NewRootCmd(s)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(s.Err, "landscape:", err)
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command ") {
		return exitUsage
	}
	return exitError
}

// NewRootCmd builds the command tree.
func NewRootCmd(s Streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "landscape",
		Short: "Analyse the history of software landscape catalogs",
		Long: `landscape reads historical releases of a catalog of tools (category › subcategory › tool)
and reports how it grows and churns: report.md, interactive ECharts pages, PNG charts and Parquet.

Inputs: canonical snapshot YAML, CNCF landscape.yml, "awesome list" Markdown, CSV.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	addLimitFlags(root)
	root.AddCommand(newAnalyzeCmd(s), newValidateCmd(s), newDiffCmd(s), newExportCmd(s), newExplainCmd(s), newImportCmd(s), newChartCmd(s), newSynthCmd(s))
	return root
}

// args wraps a cobra argument validator so that its errors are usage errors.
func args(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := v(cmd, a); err != nil {
			return usageError{err}
		}
		return nil
	}
}
