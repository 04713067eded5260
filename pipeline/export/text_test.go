package export

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestCSVCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"},
		{"@SUM(A1:A2)", "'@SUM(A1:A2)"},
		{"+1+cmd", "'+1+cmd"},
		{"-2+3", "'-2+3"},
		{"\t=1", "' =1"},
		{"\r=1", "' =1"},
		{"-3", "-3"},
		{"+1.5", "+1.5"},
		{"-2e10", "-2e10"},
		{"-", "'-"},
		{"a=b", "a=b"},
		{"bell\a esc\x1b[31m nul\x00", "bell\uFFFD esc\uFFFD[31m nul\uFFFD"},
		{"two\nlines", "two lines"},
		{"", ""},
		{"Café", "Café"},
	} {
		if got := CSVCell(c.in); got != c.want {
			t.Errorf("CSVCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// hostileStrings are many strings built from formula starts, control
// characters (C0, DEL, C1), Markdown and HTML syntax and ordinary text.
func hostileStrings(n int) []string {
	parts := []string{"=", "+", "-", "@", "\t", "\r", "\n", "\x1b", "\x07", "\x00", "\x7f", "\u0085", "\u009b",
		"cmd|' /C calc'!A0", "HYPERLINK(\"http://x\")", "3", "-3", "1.5", "e5", " ", "a", "Ünï", "<img src=x onerror=alert(1)>",
		"[x](javascript:alert(1))", "|", "*", "_", "`", "\\", "#", "\"", ",", "'", "\xff"}
	r := rand.New(rand.NewPCG(1, 2))
	out := []string{"=cmd|' /C calc'!A0", "@SUM(1)", "-3", "+1", "\x1b[2J"}
	for len(out) < n {
		var b strings.Builder
		for range 1 + r.IntN(6) {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		out = append(out, b.String())
	}
	return out
}

// mdLink is a Markdown link: "](" not escaped.
var mdLink = regexp.MustCompile(`(^|[^\\])\]\(`)

func hasControl(s string) bool {
	for _, r := range s {
		if isControl(r) {
			return true
		}
	}
	return false
}

// TestHostileTextProperty: over many hostile strings, no CSV cell carries
// a control character or an unneutralised formula, and Markdown text (the
// report's md, the data card's cells and quotes) carries no control
// character, no raw HTML and no link.
func TestHostileTextProperty(t *testing.T) {
	in := hostileStrings(5000)
	b := array.NewStringBuilder(memory.DefaultAllocator)
	b.AppendValues(in, nil)
	col := b.NewArray()
	defer col.Release()
	rec := array.NewRecordBatch(arrow.NewSchema([]arrow.Field{{Name: "name", Type: arrow.BinaryTypes.String}}, nil), []arrow.Array{col}, int64(len(in)))
	defer rec.Release()
	data, err := encodeCSV(rec)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(in)+1 {
		t.Fatalf("%d rows for %d strings", len(rows), len(in))
	}
	for i, row := range rows[1:] {
		v := row[0]
		if hasControl(v) {
			t.Errorf("%q: CSV cell %q has a control character", in[i], v)
		}
		if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) && !plainNumber.MatchString(v) {
			t.Errorf("%q: CSV cell %q is a formula", in[i], v)
		}
	}
	for _, s := range in {
		for what, out := range map[string]string{"md": md(s), "cellText": cellText(s), "quote": quote(s), "licenseSummary": strings.TrimSuffix(licenseSummary(s), " (more under [License](#license))")} {
			if hasControl(strings.ReplaceAll(out, "\n", "")) {
				t.Errorf("%s(%q) = %q has a control character", what, s, out)
			}
			if what != "cellText" && (strings.Contains(out, "<img") || mdLink.MatchString(out)) {
				t.Errorf("%s(%q) = %q has HTML or a link", what, s, out)
			}
		}
		if p := Printable(s); hasControl(p) || strings.ContainsRune(p, '\n') {
			t.Errorf("Printable(%q) = %q", s, p)
		}
	}
}

// TestDataCardLicenseEscaped: a catalog's LICENSE line is escaped in
// DATASET.md like other catalog text.
func TestDataCardLicenseEscaped(t *testing.T) {
	card := string(DataCard(DataCardInput{Manifest: &Manifest{Dataset: "x", Version: "2026-01-01.0",
		Source: ManifestSource{Catalog: "x", License: "<img src=x onerror=alert(1)> [x](javascript:alert(1)) \x1b[31mred\x07"}}}))
	if mdLink.MatchString(card[strings.Index(card, "## License"):]) {
		t.Errorf("DATASET.md's License section has a link")
	}
	for _, bad := range []string{"<img", "\x1b", "\x07"} {
		if strings.Contains(card, bad) {
			t.Errorf("DATASET.md carries %q", bad)
		}
	}
	card = string(DataCard(DataCardInput{Manifest: &Manifest{Dataset: "x", Version: "2026-01-01.0",
		Source: ManifestSource{Catalog: "x", License: "MIT.\n<script>alert(1)</script>\n[y](javascript:z)"}}}))
	if mdLink.MatchString(card[strings.Index(card, "## License"):]) {
		t.Errorf("DATASET.md's License section has a link")
	}
	for _, bad := range []string{"<script"} {
		if strings.Contains(card, bad) {
			t.Errorf("DATASET.md carries %q", bad)
		}
	}
}
