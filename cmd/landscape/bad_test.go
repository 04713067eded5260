package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The bad-input suite: every folder of testdata/bad/ (at the top of the
// repository) is one case — input files named like release files, and an
// args file with the command line, one argument a line (default: validate
// and the case's only file). The command runs in the case's folder, so that
// paths in messages are the file names; $OUT in args stands for an output
// folder that must stay unwritten. expected.txt holds the exit code, stdout
// and stderr; `go test ./cmd/landscape -run TestBadInput -update` rewrites
// them.
//
// Each case must fail — exit code 2 for the usage-* cases, 1 for the others —
// and every error of an input file must name the file and, where the problem
// has a place, its line (and column): file:line:col: what is wrong; what was
// expected.

func init() {
	// Other test files of this package may declare -update too: share it.
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files (testdata/bad/*/expected.txt)")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

const badDir = "../../testdata/bad"

// badFileLevel are the cases whose problem is about a whole file or folder
// (it cannot be read, has no date, no format, no release files, or two files
// are one release): their messages name the file without a line.
var badFileLevel = map[string]bool{
	"missing-file": true, "no-date-in-name": true, "unknown-format": true, "no-release-files": true,
	"duplicate-release-id": true, "duplicate-release-date": true, "canonical-empty": true, "csv-empty": true,
}

// badNoExpected are the cases whose message does not (yet) say what was
// expected. Their messages come from outside the readers: aliases.yaml
// (pipeline/identity) and taxonomy.yaml (pipeline/taxonomy).
var badNoExpected = map[string]bool{
	"aliases-key-twice": true, "taxonomy-split-one-target": true,
}

// badPlace matches a message with a place: file:line[:col]: …
var badPlace = regexp.MustCompile(`(?m)^(?:landscape: )?[\w.\-/]+:\d+(?::\d+)?: \S`)

func TestBadInput(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		name := e.Name()
		t.Run(name, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join(badDir, name))
			if err != nil {
				t.Fatal(err)
			}
			args := badArgs(t, dir)
			out := filepath.Join(t.TempDir(), "out")
			for i, a := range args {
				args[i] = strings.ReplaceAll(a, "$OUT", out)
			}
			t.Chdir(dir)
			code, stdout, stderr := runCLI(args...)
			got := "exit " + strconv.Itoa(code) + "\n-- stdout --\n" + stdout + "-- stderr --\n" + stderr
			got = strings.ReplaceAll(got, out, "$OUT")

			golden := filepath.Join(dir, "expected.txt")
			if updateGolden() {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s:\n--- got ---\n%s--- want ---\n%s", golden, got, want)
			}

			usage := strings.HasPrefix(name, "usage-")
			switch {
			case usage && code != exitUsage:
				t.Errorf("exit code %d, want %d for a usage error", code, exitUsage)
			case !usage && code != exitError:
				t.Errorf("exit code %d, want %d", code, exitError)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("the command wrote %s on bad input", out)
			}
			if usage {
				return
			}
			// Every message names a file; an input problem has its place,
			// and says what was expected.
			msgs := strings.TrimSpace(stdout + strings.TrimPrefix(strings.TrimSuffix(stderr, "landscape: validation failed\n"), "landscape: "))
			if msgs == "" {
				t.Fatal("no message")
			}
			for _, line := range strings.Split(msgs, "\n") {
				if !regexp.MustCompile(`^[\w.\-/]+[:,]| and `).MatchString(line) && !strings.HasPrefix(line, "more ") {
					t.Errorf("message does not start with a file name: %q", line)
				}
			}
			if !badFileLevel[name] {
				if !badPlace.MatchString(msgs) {
					t.Errorf("no message gives a line: %s", msgs)
				}
				if !strings.Contains(msgs, "expected") && !badNoExpected[name] {
					t.Errorf("no message says what was expected: %s", msgs)
				}
			}
		})
	}
	if n < 30 {
		t.Errorf("%d bad-input cases, want at least 30", n)
	}
}

// badArgs reads a case's command line: its args file, or validate FILE.
func badArgs(t *testing.T, dir string) []string {
	t.Helper()
	if data, err := os.ReadFile(filepath.Join(dir, "args")); err == nil {
		return strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var inputs []string
	for _, e := range entries {
		if e.Name() != "expected.txt" {
			inputs = append(inputs, e.Name())
		}
	}
	if len(inputs) != 1 {
		t.Fatalf("%d input files and no args file: %v", len(inputs), inputs)
	}
	return []string{"validate", inputs[0]}
}
