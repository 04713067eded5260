package read

// Fuzz targets for the four readers. `go test ./pipeline/read/` runs them on
// their seed corpus (the cases below, the testdata files, the bad-input suite
// and, when present, the start of some real corpus files) and on the crashers
// kept in testdata/fuzz/FuzzX/; scripts/fuzz.sh (make fuzz, and briefly make
// test) fuzzes each for a while.
//
// Beyond "does not panic", every read must hold these properties:
//   - reading is deterministic (the same bytes give the same snapshot or the
//     same diagnostics);
//   - a failed read reports catalog.Diagnostics (at least one error), each
//     naming the file and a line within it (0 when unknown) and rendering as
//     "file:line:col: message" — or, for a file-level problem, an error that
//     starts with the file's name;
//   - a successful read gives listings that each have a name, a category and
//     a line within the file, valid UTF-8 text, and a release id that is safe
//     as a file name;
//   - strict and lenient reading agree where strict reading succeeds (the
//     same snapshot), and a lenient read keeps only well-formed URLs (all
//     formats but Markdown, which checks its own way).

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// fuzzSeedLimit caps the size of a seed taken from a real corpus file, so
// that each fuzzing run mutates inputs that parse in microseconds.
const fuzzSeedLimit = 12 << 10

// addSeeds adds the files matching the globs (relative to this package) as
// seeds, each cut to fuzzSeedLimit bytes at a line end.
func addSeeds(f *testing.F, globs ...string) {
	for _, g := range globs {
		files, _ := filepath.Glob(g)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil {
				continue
			}
			if len(data) > fuzzSeedLimit {
				data = data[:fuzzSeedLimit]
				if i := bytes.LastIndexByte(data, '\n'); i > 0 {
					data = data[:i+1]
				}
			}
			f.Add(data)
		}
	}
}

// corpusGlob is a glob of a real corpus, sorted so that a few files of
// different years are taken.
func corpusSeeds(f *testing.F, corpus, ext string, names ...string) {
	dir := filepath.Join("..", "..", "..", "shared", "corpora", corpus)
	for _, n := range names {
		addSeeds(f, filepath.Join(dir, n+ext))
	}
}

// variants adds data as is, with a byte-order mark, and with CRLF line ends.
func variants(f *testing.F, data string) {
	f.Add([]byte(data))
	f.Add([]byte("\xef\xbb\xbf" + data))
	f.Add([]byte(strings.ReplaceAll(data, "\n", "\r\n")))
}

// checkRead reads data twice as format and checks the properties above.
func checkRead(t *testing.T, format, path string, data []byte) {
	snap, err := Bytes(path, data, Options{Format: format})
	snap2, err2 := Bytes(path, data, Options{Format: format})
	if (err == nil) != (err2 == nil) || (err != nil && err.Error() != err2.Error()) {
		t.Fatalf("two reads differ: %v / %v", err, err2)
	}
	if err == nil && !reflect.DeepEqual(snap, snap2) {
		t.Fatalf("two reads give different snapshots")
	}
	if strict, err := Bytes(path, data, Options{Format: format, Strict: true}); err == nil && !reflect.DeepEqual(strict, snap) {
		t.Fatalf("strict read succeeds with another snapshot than the lenient one (lenient error %v)", err2)
	}
	// Lines end with LF, CRLF or a lone CR (as editors count them).
	lines := bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
	if err != nil {
		var ds catalog.Diagnostics
		if !errors.As(err, &ds) {
			if !strings.HasPrefix(err.Error(), path+": ") {
				t.Fatalf("error %q is not a Diagnostics and does not start with %q", err, path+": ")
			}
			return
		}
		if !ds.HasErrors() {
			t.Fatalf("failed read without an error diagnostic: %v", ds)
		}
		for _, d := range ds {
			checkDiagnostic(t, d, path, lines)
		}
		return
	}
	if snap == nil {
		t.Fatal("nil snapshot without an error")
	}
	if e := ReleaseIDProblem(snap.Release.ID); e != "" {
		t.Fatalf("release id %q: %s", snap.Release.ID, e)
	}
	for _, d := range snap.Warnings {
		if d.Severity != catalog.SeverityWarning {
			t.Fatalf("error among the warnings of a successful read: %v", d)
		}
		checkDiagnostic(t, d, path, lines)
	}
	for _, l := range snap.Listings {
		if strings.TrimSpace(l.Name) == "" {
			t.Fatalf("listing at line %d has no name: %+v", l.Line, l)
		}
		if strings.TrimSpace(l.Category) == "" {
			t.Fatalf("listing %q at line %d has no category", l.Name, l.Line)
		}
		if l.Line < 1 || l.Line > lines {
			t.Fatalf("listing %q at line %d; the file has %d lines", l.Name, l.Line, lines)
		}
		for _, u := range []string{l.HomepageURL, l.RepoURL} {
			if format != "markdown" && u != "" && urlProblem(u) != "" {
				t.Fatalf("listing %q at line %d keeps the malformed URL %q", l.Name, l.Line, u)
			}
		}
		for _, s := range []string{l.Name, l.Category, l.Subcategory, l.HomepageURL, l.RepoURL, l.Description, l.License, l.Status, l.Launched} {
			if !utf8.ValidString(s) {
				t.Fatalf("listing %q at line %d: invalid UTF-8 in %q", l.Name, l.Line, s)
			}
		}
	}
}

func checkDiagnostic(t *testing.T, d catalog.Diagnostic, path string, lines int) {
	t.Helper()
	if d.File != path {
		t.Fatalf("diagnostic names file %q, want %q: %v", d.File, path, d)
	}
	if d.Line < 0 || d.Line > lines+1 || d.Col < 0 || (d.Line == 0 && d.Col != 0) {
		t.Fatalf("diagnostic at %d:%d; the file has %d lines: %v", d.Line, d.Col, lines, d)
	}
	if strings.TrimSpace(d.Msg) == "" {
		t.Fatalf("diagnostic without a message: %+v", d)
	}
	if !strings.HasPrefix(d.String(), path+":") {
		t.Fatalf("diagnostic %q does not start with %q", d.String(), path+":")
	}
}

func FuzzCanonical(f *testing.F) {
	variants(f, "release:\n  id: r1\n  date: 2026-06-30\n  title: T\ncategories:\n  - name: A\n    subcategories:\n      - name: B\n        tools:\n          - name: X\n            homepage_url: https://x.org\n            extra: {k: v}\n")
	f.Add([]byte("release: {}\ncategories:\n  - &c {name: A}\n  - *c\n"))
	f.Add([]byte("release: {}\ncategories: [{name: A, tools: [{name: X, repo_url: \"https://github.com/a/b\", stars: 3, open_source: true, launched: 2019-06, license: MIT OR Apache-2.0, status: acquired by Y in 2020}]}]\n"))
	f.Add([]byte("a: &a [x,x,x]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n"))
	addSeeds(f, "testdata/canonical/*.yaml", "../../testdata/bad/*/*.yaml", "../../testdata/hostile/*.yaml", "../../snapshots/mlops/2026-06-30.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "canonical", "2024-01-31.yaml", data)
	})
}

func FuzzCNCF(f *testing.F) {
	variants(f, "landscape:\n  - category:\n    name: A\n    subcategories:\n      - subcategory:\n        name: B\n        items:\n          - item:\n            name: X\n            homepage_url: https://x.org\n            extra:\n              accepted: '2020-01-01'\n")
	f.Add([]byte("landscape:\n  - &c\n    name: A\n  - *c\n"))
	f.Add([]byte("landscape: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"))
	addSeeds(f, "testdata/cncf/*.yml", "../../testdata/bad/*/*.yml")
	corpusSeeds(f, "cncf-landscape", ".yml", "2018-06-30", "2022-12-31", "2026-06-30")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "cncf", "2024-01-31.yml", data)
	})
}

func FuzzMarkdown(f *testing.F) {
	variants(f, "# Awesome X\n\n## Serving\n\n* [Tool](https://github.com/a/b) - does things. [Website](https://x.org)\n  * [Nested](https://n.org) ![stars](https://img.shields.io/github/stars/a/b.svg)\n\n### Sub\n\n- [T2](https://t2.org): more\n\n## Contributing\n\n- [No](https://no.org)\n")
	f.Add([]byte("# T\n\n## A\n\n| a | b |\n|---|---|\n| [x](https://x.org) | y |\n\n- [](https://e.org)\n- [E]()\n- [J](javascript:alert(1))\n"))
	addSeeds(f, "testdata/markdown/*.md", "../../testdata/bad/*/*.md", "../../testdata/hostile/markdown/*.md")
	corpusSeeds(f, "awesome-production-ml", ".md", "2018-09-30", "2022-06-30", "2026-06-30")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "markdown", "2024-01-31.md", data)
	})
}

func FuzzCSV(f *testing.F) {
	variants(f, "Name,Category,Subcategory,Homepage URL,Repo,Stars,Open Source,Launched,License,Status,Notes\nX,A,B,https://x.org,https://github.com/a/b,\"1,200\",yes,2019-06-01,MIT,active,hi\n\"Y, Inc\",A,,https://y.org,,,,,,,\n")
	f.Add([]byte("name,category\nA \"x\",B\n"))
	f.Add([]byte("name,category,,\nA,B,c,d\n"))
	addSeeds(f, "testdata/csv/*.csv", "../../testdata/bad/*/*.csv", "../../testdata/hostile/csv/*.csv")
	f.Fuzz(func(t *testing.T, data []byte) {
		checkRead(t, "csv", "2024-01-31.csv", data)
	})
}
