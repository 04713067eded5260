package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/landscapehq/landscape/internal/iostreams"
)

// parseCmd parses args with a command built by NewCmdX(ios, runF) and gives
// the options its runF received: the flags are checked without running the
// command.
func parseCmd[T any](t *testing.T, newCmd func(*iostreams.IOStreams, func(*T) error) *cobra.Command, ios *iostreams.IOStreams, args ...string) (*T, error) {
	t.Helper()
	var got *T
	cmd := newCmd(ios, func(o *T) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(ios.Out)
	cmd.SetErr(ios.ErrOut)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	err := cmd.Execute()
	return got, err
}

func TestAnalyzeFlags(t *testing.T) {
	tests := []struct {
		args  []string
		check func(*AnalyzeOptions) bool
	}{
		{nil, func(o *AnalyzeOptions) bool {
			return len(o.Catalogs) == 0 && o.Out == "out" && o.Assets == "local" && o.Period == "auto" && !o.JSON.on() && o.Read == readFlags{}
		}},
		{[]string{"a", "b", "-o", "x", "--assets", "CDN", "--period", "quarter", "--strict", "--format", "cncf"}, func(o *AnalyzeOptions) bool {
			return strings.Join(o.Catalogs, ",") == "a,b" && o.Out == "x" && o.Assets == "cdn" && o.Period == "quarter" && o.Read.Strict && o.Read.Format == "cncf"
		}},
		{[]string{"--json"}, func(o *AnalyzeOptions) bool { return o.JSON.on() && len(o.JSON.fields) == 0 }},
		{[]string{"--json=name,warnings"}, func(o *AnalyzeOptions) bool {
			return o.JSON.on() && strings.Join(o.JSON.fields, ",") == "name,warnings"
		}},
		{[]string{"--jq", ".catalogs[].name"}, func(o *AnalyzeOptions) bool { return o.JSON.on() && o.JSON.jq == ".catalogs[].name" }},
		{[]string{"--markdown-skip", "^(see also)$"}, func(o *AnalyzeOptions) bool { return o.Read.MarkdownSkip == "^(see also)$" }},
		{[]string{"--exclude-category", "CNCF Members", "--exclude-category", "x, y"}, func(o *AnalyzeOptions) bool {
			return strings.Join(o.Exclude, "|") == "CNCF Members|x, y" // each flag one name, commas included
		}},
	}
	for _, tt := range tests {
		ios, _, _, _ := iostreams.Test()
		o, err := parseCmd(t, NewCmdAnalyze, ios, tt.args...)
		if err != nil || o == nil || !tt.check(o) {
			t.Errorf("analyze %q: err %v, options %+v", tt.args, err, o)
		}
	}
}

func TestChartFlags(t *testing.T) {
	tests := []struct {
		args  []string
		tty   bool
		check func(*ChartOptions) bool
	}{
		{[]string{"growth"}, false, func(o *ChartOptions) bool {
			return o.Kind == "growth" && o.Catalog == "" && o.OutputFormat == "html" && o.Preset == "blog" && o.Scale == 1 && o.Theme == "light" && o.Assets == "" && o.ID == "" && o.Fallback == ""
		}},
		{[]string{"churn", "cat", "--output-format", "png", "--scale", "2", "--preset", "square", "--theme", "dark", "--release", "2021-06-30"}, false, func(o *ChartOptions) bool {
			return o.Catalog == "cat" && o.OutputFormat == "png" && o.Scale == 2 && o.Preset == "square" && o.Theme == "dark" && o.Release == "2021-06-30"
		}},
		{[]string{"sunburst", "-o", "x.PNG"}, true, func(o *ChartOptions) bool { return o.OutputFormat == "png" }},
		{[]string{"sunburst", "-o", "x.svg"}, false, func(o *ChartOptions) bool { return o.OutputFormat == "svg" }},
		{[]string{"sunburst", "--output-format", "svg"}, true, func(o *ChartOptions) bool { return o.OutputFormat == "svg" }},
		{[]string{"sunburst", "--snippet", "--assets", "cdn"}, false, func(o *ChartOptions) bool { return o.Snippet && o.Assets == "cdn" }},
		{[]string{"sunburst", "--snippet", "--id", "fig-3", "--fallback", "img/f.png"}, false, func(o *ChartOptions) bool {
			return o.Snippet && o.ID == "fig-3" && o.Fallback == "img/f.png"
		}},
		{[]string{"sunburst", "--format", "markdown"}, false, func(o *ChartOptions) bool { return o.Read.Format == "markdown" }},
		{[]string{"sunburst", "--input-format", "csv"}, false, func(o *ChartOptions) bool { return o.Read.Format == "csv" }},
	}
	for _, tt := range tests {
		ios, _, _, _ := iostreams.Test()
		ios.SetStdoutTTY(tt.tty)
		o, err := parseCmd(t, NewCmdChart, ios, tt.args...)
		if err != nil || o == nil || !tt.check(o) {
			t.Errorf("chart %q: err %v, options %+v", tt.args, err, o)
		}
	}
}

func TestOtherFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	if o, err := parseCmd(t, NewCmdDiff, ios, "a.yaml", "b.yaml", "--json=kind,name", "--strict"); err != nil || o.Old != "a.yaml" || o.New != "b.yaml" || !o.Read.Strict || len(o.JSON.fields) != 2 {
		t.Errorf("diff: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdExplain, ios, "wandb"); err != nil || o.Tool != "wandb" || o.Catalog != "" {
		t.Errorf("explain: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdExplain, ios, "wandb", "cat", "--json=tool_id"); err != nil || o.Catalog != "cat" || o.JSON.fields[0] != "tool_id" {
		t.Errorf("explain: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdValidate, ios, "a", "b", "--json", "--format", "markdown"); err != nil || len(o.Paths) != 2 || !o.JSON.on() || o.Read.Format != "markdown" {
		t.Errorf("validate: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdExport, ios, "--patch", "3", "c"); err != nil || o.Patch != 3 || o.Catalogs[0] != "c" || o.Out != "out" {
		t.Errorf("export: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdSynth, ios, "d", "--rows", "1000", "--seed", "7"); err != nil || o.Dir != "d" || o.Rows != 1000 || o.Seed != 7 || o.Releases != 20 {
		t.Errorf("synth: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdImportGit, ios, "repo", "--file", "f.yml", "--out", "o", "--every", "half-year", "--since", "2020-01-01"); err != nil || o.Repo != "repo" || o.Every != "half-year" || o.EverySet != true || o.Since != "2020-01-01" {
		t.Errorf("import git: %v %+v", err, o)
	}
	if o, err := parseCmd(t, NewCmdImportGit, ios, "repo", "--file", "f.yml", "--out", "o", "--tags"); err != nil || !o.Tags || o.EverySet || o.Every != "month" {
		t.Errorf("import git --tags: %v %+v", err, o)
	}
}

// usageCases are mistakes in how a command is called: each exits 2 with a
// message and the command's usage line, before anything is read.
var usageCases = []struct {
	args []string
	tty  bool   // standard output a terminal
	msg  string // regexp on the first line of standard error
	use  string // the usage line's command
}{
	{[]string{"frobnicate"}, false, `unknown command "frobnicate"`, "landscape COMMAND"},
	{[]string{"analyze", "--bogus"}, false, `unknown flag: --bogus`, "landscape analyze"},
	{[]string{"analyze", "--format", "xml"}, false, `invalid argument "xml" for "--format" flag: valid values are \{cncf\|canonical\|markdown\|csv\}`, "landscape analyze"},
	{[]string{"analyze", "--assets", "remote"}, false, `valid values are \{local\|inline\|cdn\}`, "landscape analyze"},
	{[]string{"analyze", "--period", "weekly"}, false, `valid values are \{auto\|release\|month\|quarter\|year\}`, "landscape analyze"},
	{[]string{"analyze", "--markdown-skip", "("}, false, `not a valid regexp`, "landscape analyze"},
	{[]string{"analyze", "--json=name,nope"}, false, `unknown field "nope"; available fields: name, releases, warnings`, "landscape analyze"},
	{[]string{"analyze", "--jq", ".[["}, false, `--jq: `, "landscape analyze"},
	{[]string{"analyze", "--json", "name,warnings"}, false, `"name,warnings" reads as JSON fields: write --json=name,warnings`, "landscape analyze"},
	{[]string{"validate", "--json", "line,message", "x.yaml"}, false, `reads as JSON fields: write --json=line,message`, "landscape validate"},
	{[]string{"validate"}, false, `requires at least 1 arg`, "landscape validate PATH..."},
	{[]string{"validate", "x", "--strict"}, false, `unknown flag: --strict`, "landscape validate"},
	{[]string{"diff"}, false, `accepts 2 arg\(s\), received 0`, "landscape diff OLD NEW"},
	{[]string{"diff", "a"}, false, `accepts 2 arg\(s\), received 1`, "landscape diff OLD NEW"},
	{[]string{"explain"}, false, `accepts between 1 and 2 arg\(s\)`, "landscape explain TOOL"},
	{[]string{"export", "--patch", "-1"}, false, `--patch -1: want 0 or more`, "landscape export"},
	{[]string{"chart"}, false, `accepts between 1 and 2 arg\(s\)`, "landscape chart KIND"},
	{[]string{"chart", "pie"}, false, `unknown chart "pie"; want one of sunburst, treemap`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "gif"}, false, `valid values are \{html\|png\|svg\}`, "landscape chart"},
	{[]string{"chart", "growth", "--format", "png"}, false, `--format is the input format: draw png with --output-format png`, "landscape chart"},
	{[]string{"chart", "growth", "--preset", "poster"}, false, `valid values are \{blog\|social\|square\}`, "landscape chart"},
	{[]string{"chart", "growth", "--theme", "sepia"}, false, `valid values are \{light\|dark\}`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "png", "--scale", "0"}, false, `--scale 0: want 0.25 to 8`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "png", "--scale", "9"}, false, `--scale 9: want 0.25 to 8`, "landscape chart"},
	{[]string{"chart", "growth", "--scale", "2"}, false, `--scale applies to images`, "landscape chart"},
	{[]string{"chart", "growth", "--preset", "square"}, false, `--preset applies to images`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "png", "--id", "x"}, false, `--id applies to html`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "svg", "--scale", "2"}, false, `--scale applies to png only`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "png", "--snippet"}, false, `--snippet applies to html, not to --output-format png`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "svg", "--assets", "cdn"}, false, `--assets applies to html`, "landscape chart"},
	{[]string{"chart", "growth", "-o", "x.png", "--snippet"}, false, `--snippet applies to html, not to --output-format png`, "landscape chart"},
	{[]string{"chart", "growth", "--output-format", "png"}, true, `not writing a PNG image to a terminal`, "landscape chart"},
	{[]string{"chart", "growth", "--assets", "local"}, false, `--assets local copies echarts.min.js beside the page: give --out FILE`, "landscape chart"},
	{[]string{"chart", "growth", "-o", "-", "--output-format", "png"}, true, `not writing a PNG image to a terminal`, "landscape chart"},
	{[]string{"import"}, false, `give a source: landscape import git`, "landscape import SOURCE"},
	{[]string{"import", "svn"}, false, `unknown command "svn" for "landscape import"`, "landscape import"},
	{[]string{"import", "git"}, false, `accepts 1 arg\(s\), received 0`, "landscape import git"},
	{[]string{"import", "git", "r", "--out", "o"}, false, `--file is required`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f"}, false, `--out is required`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--every", "fortnight"}, false, `valid values are \{commit\|day\|week\|month\|quarter\|half\|year\}`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--every", "year", "--tags"}, false, `--every and --tags: give one`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--since", "2020-13-01"}, false, `--since: `, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--since", "2021-01-01", "--until", "2020-01-01"}, false, `--until 2020-01-01 is before --since 2021-01-01`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--format", "xml"}, false, `valid values are \{cncf\|canonical\|markdown\|csv\}`, "landscape import git"},
	{[]string{"import", "git", "r", "--file", "f", "--out", "o", "--json=nope"}, false, `unknown field "nope"`, "landscape import git"},
	{[]string{"synth"}, false, `nothing to write: give CATALOG_DIR, --parquet FILE or both`, "landscape synth"},
	{[]string{"synth", "d", "e"}, false, `accepts at most 1 arg\(s\)`, "landscape synth"},
	{[]string{"synth", "d", "--rows", "10", "--releases", "3"}, false, `give --rows or --releases, not both`, "landscape synth"},
	{[]string{"synth", "d", "--tools", "0"}, false, `--tools, --releases and --categories must be at least 1`, "landscape synth"},
	{[]string{"synth", "d", "--categories", "601"}, false, `at most 600 categories`, "landscape synth"},
	{[]string{"completion"}, false, `accepts 1 arg\(s\), received 0`, "landscape completion"},
	{[]string{"completion", "tcsh"}, false, `invalid argument "tcsh" for "landscape completion"`, "landscape completion"},
	{[]string{"version", "x"}, false, `unknown command "x" for "landscape version"`, "landscape version"},
}

// TestUsageErrors runs every usage mistake through Main: exit code 2, the
// message, then the usage line and where to find help.
func TestUsageErrors(t *testing.T) {
	for _, tt := range usageCases {
		ios, _, out, errOut := iostreams.Test()
		ios.SetStdoutTTY(tt.tty)
		code := Main(tt.args, ios)
		lines := strings.Split(errOut.String(), "\n")
		if code != exitUsage || !regexp.MustCompile(tt.msg).MatchString(lines[0]) {
			t.Errorf("%q: exit %d, want %d and %q:\n%s", tt.args, code, exitUsage, tt.msg, errOut)
			continue
		}
		if len(lines) < 3 || !strings.HasPrefix(lines[1], "Usage: "+tt.use) || !strings.HasPrefix(lines[2], "Run '") {
			t.Errorf("%q: no usage line %q:\n%s", tt.args, tt.use, errOut)
		}
		if out.Len() != 0 {
			t.Errorf("%q: wrote to standard output: %.80s", tt.args, out)
		}
	}
}

// internalName matches a message that names one of our packages (or the
// CLI library) the way Go errors do, "static: unknown preset".
var internalName = regexp.MustCompile(`(?m)(?:^|: )(static|html|model|palette|read|catalog|identity|taxonomy|analyze|export|run|gitimport|synth|canonical|snapgen|iostreams|atomicfile|cobra|pflag): `)

// TestNoInternalNames checks that no message a user can meet names an
// internal package: every usage error, failures of each command, and every
// help page.
func TestNoInternalNames(t *testing.T) {
	if !internalName.MatchString("landscape: static: unknown preset") || internalName.MatchString("x.yaml: cannot read: no such file") {
		t.Fatal("internalName does not tell a package prefix")
	}
	cases := [][]string{
		{"analyze", "testdata/nothing-here"},
		{"validate", "testdata/nothing-here.yaml"},
		{"validate", "testdata/bad-2024-01-31.yaml"},
		{"diff", "testdata/bad-2024-01-31.yaml", "testdata/nothing.yaml"},
		{"explain", "x", "testdata/nothing-here"},
		{"export", "testdata/nothing-here"},
		{"chart", "growth", "testdata/nothing-here"},
		{"import", "git", "testdata/nothing-here", "--file", "f.yml", "--out", t.TempDir()},
	}
	for _, u := range usageCases {
		cases = append(cases, u.args)
	}
	root := NewCmdRoot(&iostreams.IOStreams{})
	for _, c := range root.Commands() {
		cases = append(cases, []string{c.Name(), "--help"})
		for _, s := range c.Commands() {
			cases = append(cases, []string{c.Name(), s.Name(), "--help"})
		}
	}
	for _, args := range cases {
		ios, _, out, errOut := iostreams.Test()
		Main(args, ios)
		if m := internalName.FindString(errOut.String() + out.String()); m != "" {
			t.Errorf("%q names an internal package (%q):\n%s%s", args, m, out, errOut)
		}
	}
}

// TestHelp checks every command's help: usage line, enum values listed,
// no 400-character default.
func TestHelp(t *testing.T) {
	for _, c := range NewCmdRoot(&iostreams.IOStreams{}).Commands() {
		ios, _, out, _ := iostreams.Test()
		if code := Main([]string{c.Name(), "--help"}, ios); code != 0 {
			t.Errorf("%s --help: exit %d", c.Name(), code)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if len(line) > 300 {
				t.Errorf("%s --help: a %d-character line: %.100s…", c.Name(), len(line), line)
			}
		}
		if f := c.Flags().Lookup("format"); f != nil && !strings.Contains(out.String(), "{cncf|canonical|markdown|csv}") {
			t.Errorf("%s --help does not list the formats:\n%s", c.Name(), out)
		}
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"version"}} {
		ios, _, out, _ := iostreams.Test()
		if code := Main(args, ios); code != 0 || !regexp.MustCompile(`^landscape version \d+\.\d+\.\d+`).MatchString(out.String()) {
			t.Errorf("%q: exit %d: %q", args, code, out)
		}
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range shells {
		ios, _, out, _ := iostreams.Test()
		if code := Main([]string{"completion", sh}, ios); code != 0 || out.Len() < 1000 {
			t.Errorf("completion %s: exit %d, %d bytes", sh, code, out.Len())
		}
	}
	// Flag values and arguments complete (cobra's hidden __complete command).
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "analyze", "--period", ""}, "quarter"},
		{[]string{"__complete", "analyze", "--format", ""}, "markdown"},
		{[]string{"__complete", "chart", "--preset", ""}, "social"},
		{[]string{"__complete", "chart", "--theme", ""}, "dark"},
		{[]string{"__complete", "chart", ""}, "sunburst"},
		{[]string{"__complete", "chart", "growth", "../../snapshots/mlops", "--release", ""}, "2021-06-30"},
		{[]string{"__complete", "import", "git", "r", "--every", ""}, "quarter"},
		{[]string{"__complete", "diff", "--json=kind,"}, "kind,name"},
		{[]string{"__complete", "completion", ""}, "fish"},
		{[]string{"__complete", "explain", "ml"}, "MLflow"},
	}
	for _, tt := range tests {
		ios, _, out, _ := iostreams.Test()
		Main(tt.args, ios)
		if !strings.Contains(out.String(), tt.want) {
			t.Errorf("%q: %q not offered:\n%s", tt.args, tt.want, out)
		}
	}
}
