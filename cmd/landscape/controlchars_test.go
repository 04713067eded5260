package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/iostreams"
)

// hostileName is a tool or category name made of control characters,
// formula starts and ordinary text, as a YAML double-quoted string.
func hostileName(r *rand.Rand, i int) string {
	parts := []string{`\e[31m`, `\a`, `\0`, `\x7f`, `\u009b`, `\t`, `\r`, "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-3", "x", "Tool"}
	var b strings.Builder
	b.WriteString(parts[r.IntN(len(parts))])
	for range 1 + r.IntN(3) {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	b.WriteString(" " + strconv.Itoa(i))
	return strconv.Quote(b.String())[1:] // keep the YAML escapes; closing quote added below
}

func noControl(s string) int {
	for i, r := range s {
		if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f) {
			return i
		}
	}
	return -1
}

// TestControlCharactersNeverReachOutputs: catalog text full of control
// characters (ESC, BEL, NUL, DEL, C1) and formulas reaches neither the
// terminal output of diff and explain, nor report.md, nor the dataset's
// CSV copies as a control character or an unneutralised formula.
func TestControlCharactersNeverReachOutputs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var names []string
	rel := func(n int, cat string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "release:\n  title: demo\ncategories:\n  - name: \"%s\n    tools:\n", cat)
		for i, name := range names[:n] {
			fmt.Fprintf(&b, "      - name: \"%s\n        homepage_url: https://t%d.example\n", name, i)
		}
		return b.String()
	}
	for i := range 40 {
		names = append(names, strings.ReplaceAll(hostileName(r, i), `\\`, `\`))
	}
	cat := writeCatalog(t, map[string]string{
		"2024-01-01.yaml": rel(30, `Serving \e]0;pwned\a"`),
		"2024-06-01.yaml": rel(40, `Serving \e]0;pwned\a"`),
	})
	out := t.TempDir()
	var texts []string
	for _, args := range [][]string{
		{"diff", filepath.Join(cat, "2024-01-01.yaml"), filepath.Join(cat, "2024-06-01.yaml")},
		{"explain", "https://t3.example", cat},
		{"explain", "https://t35.example", cat},
		{"analyze", cat, "--out", out},
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(args, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr}); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, stderr.String())
		}
		texts = append(texts, stdout.String())
	}
	if !strings.Contains(texts[0], "added") {
		t.Fatalf("diff found nothing:\n%s", texts[0])
	}
	report, err := os.ReadFile(filepath.Join(out, "demo", "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, string(report))
	for i, s := range texts {
		if at := noControl(s); at >= 0 {
			t.Errorf("output %d has a control character at %d: %q", i, at, s[max(0, at-20):min(len(s), at+20)])
		}
	}
	csvs, _ := filepath.Glob(filepath.Join(out, "demo", "dataset", "*", "csv", "*.csv"))
	if len(csvs) == 0 {
		t.Fatal("no CSV copies")
	}
	for _, f := range csvs {
		data, _ := os.ReadFile(f)
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			for _, v := range row {
				if noControl(v) >= 0 || strings.ContainsAny(v, "\n") {
					t.Errorf("%s: cell %q has a control character", filepath.Base(f), v)
				}
				if v != "" && strings.ContainsRune("=+@", rune(v[0])) {
					t.Errorf("%s: cell %q is a formula", filepath.Base(f), v)
				}
				if _, err := strconv.ParseFloat(v, 64); err != nil && strings.HasPrefix(v, "-") {
					t.Errorf("%s: cell %q is a formula", filepath.Base(f), v)
				}
			}
		}
	}
}
