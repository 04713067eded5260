package static

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var (
	update = flag.Bool("update", false, "rewrite the golden hashes in testdata/golden.sha256")
	look   = flag.String("look", "", "write every chart as PNG to this directory, to look at")
)

// chartKind is one chart renderer applied to the test model.
type chartKind struct {
	name   string
	render func(w io.Writer, m testModel, o Options) error
}

var kinds = []chartKind{
	{"sunburst", func(w io.Writer, m testModel, o Options) error { return Sunburst(w, m.tree, o) }},
	{"treemap", func(w io.Writer, m testModel, o Options) error { return Treemap(w, m.tree, o) }},
	{"sunburst-stars", func(w io.Writer, m testModel, o Options) error { return Sunburst(w, m.stars, o) }},
	{"treemap-stars", func(w io.Writer, m testModel, o Options) error { return Treemap(w, m.stars, o) }},
	{"growth-area", func(w io.Writer, m testModel, o Options) error { return GrowthArea(w, m.growth, o) }},
	{"growth-lines", func(w io.Writer, m testModel, o Options) error { return GrowthLines(w, m.growth, 6, o) }},
	{"churn", func(w io.Writer, m testModel, o Options) error { return Churn(w, m.churn, o) }},
	{"flows", func(w io.Writer, m testModel, o Options) error { return Flows(w, m.flows, o) }},
	{"survival", func(w io.Writer, m testModel, o Options) error { return Survival(w, m.survival, o) }},
	// a flat list's sunburst is bars of categories
	{"categories", func(w io.Writer, m testModel, o Options) error { return Sunburst(w, m.flat, o) }},
}

const goldenFile = "testdata/golden.sha256"

func readGolden(t *testing.T) map[string]string {
	t.Helper()
	f, err := os.Open(goldenFile)
	if os.IsNotExist(err) {
		return map[string]string{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("%s: bad line %q", goldenFile, line)
		}
		g[name] = sum
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return g
}

func writeGolden(t *testing.T, g map[string]string) {
	t.Helper()
	names := make([]string, 0, len(g))
	for n := range g {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	b.WriteString("# sha256 of every chart of the test model (model_test.go). Regenerate, after\n")
	b.WriteString("# looking at the output (-look dir), with: go test ./charts/static/ -update\n")
	b.WriteString("# Hashes change with the Go toolchain (image/png, compress/flate) and gonum/plot.\n")
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", g[n], n)
	}
	if err := os.WriteFile(goldenFile, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGolden renders every chart kind in both formats and themes and
// compares the files' hashes with the golden ones. On a mismatch the
// output is written to the temp dir to look at.
func TestGolden(t *testing.T) {
	m := newTestModel()
	golden := readGolden(t)
	got := map[string]string{}
	for _, k := range kinds {
		for _, format := range []string{"png", "svg"} {
			for _, theme := range []string{"light", "dark"} {
				name := k.name + "-" + theme + "." + format
				t.Run(name, func(t *testing.T) {
					var buf bytes.Buffer
					if err := k.render(&buf, m, Options{Theme: theme, Format: format}); err != nil {
						t.Fatal(err)
					}
					sum := sha256.Sum256(buf.Bytes())
					got[name] = hex.EncodeToString(sum[:])
					if *update {
						return
					}
					if want, ok := golden[name]; !ok {
						t.Errorf("no golden hash for %s; run with -update", name)
					} else if want != got[name] {
						dir := filepath.Join(os.TempDir(), "static-golden")
						_ = os.MkdirAll(dir, 0o755)
						p := filepath.Join(dir, name)
						_ = os.WriteFile(p, buf.Bytes(), 0o644)
						t.Errorf("%s differs from golden (sha256 %s, want %s); output in %s", name, got[name], want, p)
					}
				})
			}
		}
	}
	if *update {
		writeGolden(t, got)
	}
}

// TestDeterministic renders each chart twice in one process: map order
// and the like must not leak into the output.
func TestDeterministic(t *testing.T) {
	m := newTestModel()
	for _, k := range kinds {
		for _, format := range []string{"png", "svg"} {
			var a, b bytes.Buffer
			o := Options{Format: format, Theme: "dark"}
			if err := k.render(&a, m, o); err != nil {
				t.Fatal(err)
			}
			// a fresh model: different pointers, same content
			if err := k.render(&b, newTestModel(), o); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Errorf("%s %s: two renderings differ", k.name, format)
			}
		}
	}
}

// TestLook writes every chart as PNG to -look, to look at.
func TestLook(t *testing.T) {
	if *look == "" {
		t.Skip("no -look directory")
	}
	if err := os.MkdirAll(*look, 0o755); err != nil {
		t.Fatal(err)
	}
	m := newTestModel()
	write := func(name string, f func(w io.Writer) error) {
		var buf bytes.Buffer
		if err := f(&buf); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(*look, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, k := range kinds {
		for _, theme := range []string{"light", "dark"} {
			for _, format := range []string{"png", "svg"} {
				o := Options{Theme: theme, Format: format}
				write(k.name+"-"+theme+"."+format, func(w io.Writer) error { return k.render(w, m, o) })
			}
		}
		for _, preset := range []string{"social", "square"} {
			o := Options{Preset: preset}
			write(k.name+"-"+preset+".png", func(w io.Writer) error { return k.render(w, m, o) })
		}
		write(k.name+"-markup.png", func(w io.Writer) error { return k.render(w, markupModel(), Options{}) })
	}
}
