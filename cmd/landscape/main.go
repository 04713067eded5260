// Command landscape analyses the history of software landscape catalogs.
//
// It only wires flags to the pipeline's jobs, after gh's conventions: each
// command is built by NewCmdX(ios, runF) with an options struct, so that
// tests parse its flags without running it (runF) or run it over in-memory
// streams (Main with iostreams.Test).
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// Exit codes.
const (
	exitOK    = 0
	exitError = 1 // bad input or a failed run
	exitUsage = 2 // a usage error
)

func main() {
	// A run is short and its heap small next to the machine: collecting less
	// often saves about a tenth of the CPU (docs/BENCHMARKS.md), up to a live
	// heap of a few hundred megabytes (tuneGC, gc.go). A soft memory limit
	// makes the collector work harder only when a large history brings the
	// heap near it (GOGC and GOMEMLIMIT in the environment win).
	if os.Getenv("GOGC") == "" {
		tuneGC()
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1536 << 20)
	}
	os.Exit(Main(os.Args[1:], iostreams.System()))
}

// Main runs the command line and returns the exit code: 0, 1 when the run
// failed, 2 for a mistake in how the command was called (after the message,
// the command's usage line).
func Main(args []string, ios *iostreams.IOStreams) int {
	root := NewCmdRoot(ios)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(ios.ErrOut, "landscape:", terminalText(err.Error()))
	if isUsageError(err) {
		if cmd == nil {
			cmd = root
		}
		use := cmd.UseLine()
		if cmd.HasAvailableSubCommands() && !cmd.Runnable() {
			use = cmd.CommandPath() + " COMMAND [flags]"
		}
		fmt.Fprintf(ios.ErrOut, "Usage: %s\nRun '%s --help' for more.\n", use, cmd.CommandPath())
		return exitUsage
	}
	return exitError
}

// NewCmdRoot builds the command tree.
func NewCmdRoot(ios *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{
		Use:   "landscape",
		Short: "Analyse the history of software landscape catalogs",
		Long: `landscape reads historical releases of a catalog of tools (category › subcategory › tool)
and reports how it grows and churns: report.md, interactive ECharts pages, PNG charts and Parquet.

Inputs: canonical snapshot YAML, CNCF landscape.yml, "awesome list" Markdown, CSV; --format names
the input format everywhere. Exit codes: 0 done, 1 failed, 2 a usage error.`,
		Version:       Version(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("landscape version {{.Version}}\n")
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	addLimitFlags(root)
	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		NewCmdAnalyze(ios, nil),
		NewCmdValidate(ios, nil),
		NewCmdDiff(ios, nil),
		NewCmdExport(ios, nil),
		NewCmdExplain(ios, nil),
		NewCmdImport(ios, nil),
		NewCmdChart(ios, nil),
		NewCmdSynth(ios, nil),
		NewCmdVersion(ios),
		NewCmdCompletion(ios),
	)
	return root
}

// NewCmdVersion prints the version, as --version does.
func NewCmdVersion(ios *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintf(ios.Out, "landscape version %s\n", Version())
			return err
		},
	}
}

// Shells completion knows.
var shells = []string{"bash", "zsh", "fish", "powershell"}

// NewCmdCompletion prints a shell's completion script.
func NewCmdCompletion(ios *iostreams.IOStreams) *cobra.Command {
	return &cobra.Command{
		Use:   "completion {bash|zsh|fish|powershell}",
		Short: "Print the shell completion script",
		Long: `completion prints the script that makes a shell complete landscape's commands, flags, flag
values (formats, periods, presets, …) and arguments. For bash:

  source <(landscape completion bash)`,
		ValidArgs: shells,
		Args:      args(cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs)),
		RunE: func(cmd *cobra.Command, a []string) error {
			root := cmd.Root()
			switch a[0] {
			case "bash":
				return root.GenBashCompletionV2(ios.Out, true)
			case "zsh":
				return root.GenZshCompletion(ios.Out)
			case "fish":
				return root.GenFishCompletion(ios.Out, true)
			default:
				return root.GenPowerShellCompletionWithDesc(ios.Out)
			}
		},
	}
}

// terminalText escapes the control characters of a message (which may quote
// catalog text: a file name, a side file's line) for the terminal, keeping
// its line breaks and tabs (run.Printable).
func terminalText(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		cells := strings.Split(l, "\t") // tabs indent lists of suggestions
		for j, c := range cells {
			cells[j] = run.Printable(c)
		}
		lines[i] = strings.Join(cells, "\t")
	}
	return strings.Join(lines, "\n")
}
