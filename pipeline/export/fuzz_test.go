package export

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// hostileSeeds are catalog text an attacker writes: formulas, control
// characters, Markdown and HTML.
var hostileSeeds = []string{
	"", "plain", "=cmd|' /C calc'!A0", "@SUM(1+1)", "+1+1", "-2+3", "-3", "+1.5", "2e10",
	"\tTAB", "\rCR", "a\nb", "a\r\nb", "\x1b[31mred\x1b[0m", "bell\x07", "nul\x00", "\x7f", "\u0085next", "\xff\xfe",
	"<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**bold** _it_ `code` # h | cell |",
	"https://example.org/a b", "https://example.org/(x)\"'<>",
}

// noControl reports the first control character (C0 but for the allowed,
// DEL, C1) or invalid UTF-8 in s.
func noControl(s string, allowed string) (rune, bool) {
	if !utf8.ValidString(s) {
		return utf8.RuneError, false
	}
	for _, r := range s {
		if isControl(r) && !strings.ContainsRune(allowed, r) {
			return r, false
		}
	}
	return 0, true
}

// FuzzCSVCopies: whatever the text, the dataset's CSV copies hold no cell
// with a control character and no cell a spreadsheet would read as a
// formula (=, +, -, @, tab or CR first, not a plain number); each text cell
// reads back as CSVCell of the text.
func FuzzCSVCopies(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		mem := memory.NewCheckedAllocator(memory.DefaultAllocator)
		defer mem.AssertSize(t, 0)
		schema := arrow.NewSchema([]arrow.Field{{Name: "name", Type: arrow.BinaryTypes.String}, {Name: "other", Type: arrow.BinaryTypes.String, Nullable: true}, {Name: "n", Type: arrow.PrimitiveTypes.Int64}}, nil)
		bld := array.NewRecordBuilder(mem, schema)
		defer bld.Release()
		bld.Field(0).(*array.StringBuilder).AppendValues([]string{a, b}, nil)
		bld.Field(1).(*array.StringBuilder).AppendValues([]string{b, ""}, []bool{true, false})
		bld.Field(2).(*array.Int64Builder).AppendValues([]int64{-3, 7}, nil)
		rec := bld.NewRecord()
		defer rec.Release()
		data, err := encodeCSV(rec)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("the CSV does not read back: %v\n%q", err, data)
		}
		if len(rows) != 3 {
			t.Fatalf("%d rows, want a header and 2: %q", len(rows), data)
		}
		want := [][]string{{CSVCell(a), CSVCell(b), "-3"}, {CSVCell(b), "", "7"}}
		for r, row := range rows[1:] {
			for c, cell := range row {
				if r, ok := noControl(cell, ""); !ok {
					t.Errorf("cell %q holds control character %U", cell, r)
				}
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && !plainNumber.MatchString(cell) {
					t.Errorf("cell %q is a formula", cell)
				}
				if cell != want[r][c] {
					t.Errorf("cell %d,%d = %q, want %q", r, c, cell, want[r][c])
				}
			}
		}
	})
}

// FuzzMarkdownText: the Markdown writers' escapes (md for text and cells,
// cellText, quote for block quotes, toolLink, short) give lines with no
// control character, no HTML tag and no link but toolLink's own, to an
// http(s) URL with nothing in it that ends the target early.
func FuzzMarkdownText(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add(s, "https://example.org/tool")
	}
	f.Fuzz(func(t *testing.T, s, u string) {
		check := func(what, out string, prefix string) {
			t.Helper()
			for _, line := range strings.Split(out, "\n") {
				if r, ok := noControl(line, ""); !ok {
					t.Errorf("%s(%q) = %q: control character %U", what, s, out, r)
				}
				if strings.ContainsAny(strings.TrimPrefix(line, prefix), "<>") {
					t.Errorf("%s(%q) = %q: an HTML tag", what, s, out)
				}
			}
		}
		check("md", md(s), "")
		check("quote", quote(s), ">")
		check("md∘short", md(short(s, 40)), "")
		for _, line := range strings.Split(quote(s), "\n") {
			if !strings.HasPrefix(line, ">") {
				t.Errorf("quote(%q): line %q is out of the quote", s, line)
			}
		}
		// cellText keeps a table cell whole (its text is escaped before).
		c := cellText(md(s))
		if r, ok := noControl(c, ""); !ok {
			t.Errorf("cellText(%q) = %q: control character %U", s, c, r)
		}
		if strings.Contains(strings.ReplaceAll(c, `\|`, ""), "|") {
			t.Errorf("cellText(%q) = %q ends the cell", s, c)
		}
		if m := md(s); strings.Contains(m, "](") && !strings.Contains(m, `\](`) {
			t.Errorf("md(%q) = %q: a link", s, m)
		}
		l := toolLink(s, u)
		if r, ok := noControl(l, ""); !ok {
			t.Errorf("toolLink(%q, %q) = %q: control character %U", s, u, l, r)
		}
		if name := md(s); l != name {
			target, ok := strings.CutPrefix(l, "["+name+"](")
			if !ok || !strings.HasSuffix(target, ")") {
				t.Fatalf("toolLink(%q, %q) = %q", s, u, l)
			}
			target = strings.TrimSuffix(target, ")")
			lt := strings.ToLower(target)
			if !strings.HasPrefix(lt, "https://") && !strings.HasPrefix(lt, "http://") || strings.ContainsAny(target, " \t\r\n()<>\"'`\\[]") {
				t.Errorf("toolLink(%q, %q): link target %q", s, u, target)
			}
		}
	})
}

// FuzzSourceNotes: whatever SOURCE.md and LICENSE hold, reading them does
// not fail on their content, and the data card made from them has no line
// with a control character and no HTML from them: as many angle brackets
// (but those that open block quotes) as the card of empty notes, all of them
// the card's own.
func FuzzSourceNotes(f *testing.F) {
	f.Add([]byte("**Source:** https://github.com/cncf/landscape\n\n**License:** Apache-2.0\n"), []byte("MIT License\n"))
	f.Add([]byte("## Source\n\n<img src=x onerror=alert(1)>\n\n## License\n\n[x](javascript:alert(1))\x1b[31m\n"), []byte(""))
	f.Add([]byte("# Notes\n"), []byte("# \x07 <b>Licence</b> =cmd|' /C calc'!A0\r\nmore\n"))
	f.Add([]byte("**License:** a\x00b\nsecond line | cell\n"), []byte("\xff\xfe"))
	brackets := func(card string) int {
		n := 0
		for _, line := range strings.Split(card, "\n") {
			n += strings.Count(strings.TrimPrefix(line, ">"), "<") + strings.Count(strings.TrimPrefix(line, ">"), ">")
		}
		return n
	}
	empty := brackets(string(DataCard(DataCardInput{Manifest: cardManifest(SourceNotes{})})))
	f.Fuzz(func(t *testing.T, source, license []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, SourceNotesFile), source, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "LICENSE"), license, 0o644); err != nil {
			t.Fatal(err)
		}
		n, err := ReadSourceNotes(dir)
		if err != nil {
			t.Fatalf("ReadSourceNotes: %v", err)
		}
		card := string(DataCard(DataCardInput{Manifest: cardManifest(n)}))
		for i, line := range strings.Split(card, "\n") {
			if r, ok := noControl(line, ""); !ok {
				t.Errorf("DATASET.md line %d %q: control character %U", i+1, line, r)
			}
		}
		if got := brackets(card); got != empty {
			t.Errorf("DATASET.md holds %d angle brackets (but block quotes'), the card alone %d: HTML from the notes %+v", got, empty, n)
		}
	})
}

func cardManifest(n SourceNotes) *Manifest {
	return &Manifest{Dataset: "cat", Version: "2024-01-31.0", SchemaVersion: "1", Generator: "landscape test",
		Source: ManifestSource{Catalog: "cat", Source: n.Source, License: n.License, Releases: 1, FirstRelease: "2024-01-31", NewestRelease: "2024-01-31"}}
}
