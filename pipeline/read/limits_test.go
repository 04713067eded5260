package read

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// readErrors reads data in strict mode and returns its diagnostics (or the
// error) as strings, failing when the read succeeds.
func readErrors(t *testing.T, path, format string, data []byte) []string {
	t.Helper()
	_, err := Bytes(path, data, Options{Format: format, Strict: true})
	if err == nil {
		t.Fatalf("%s: read succeeded; want an error", path)
	}
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) {
		return []string{err.Error()}
	}
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return out
}

func wantLines(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// billionLaughs is the YAML "billion laughs": 10 levels of 9 aliases of the
// level below, 9^9 "lol"s once expanded, in under a kilobyte.
func billionLaughs(top string) string {
	var b strings.Builder
	b.WriteString(top + "\nx0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&b, "x%d: &a%d [*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d,*a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	return b.String()
}

func TestYAMLBillionLaughs(t *testing.T) {
	for _, tt := range []struct{ format, top, name string }{
		{"canonical", "release: {}\ncategories: []", "2024-01-31.yaml"},
		{"cncf", "landscape: []", "2024-01-31.yml"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			data := []byte(billionLaughs(tt.top))
			start := time.Now()
			got := readErrors(t, tt.name, tt.format, data)
			if d := time.Since(start); d > 500*time.Millisecond {
				t.Errorf("refusing the billion laughs took %v; want well under a second", d)
			}
			first := fmt.Sprintf("%s:%d:10: YAML alias *a0; expected plain data without anchors and aliases", tt.name, strings.Count(tt.top, "\n")+3)
			if len(got) != maxYAMLAliases+1 || got[0] != first ||
				!strings.Contains(got[len(got)-1], "more YAML aliases left out") {
				t.Errorf("diagnostics:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

func TestYAMLNesting(t *testing.T) {
	flow := "landscape: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"
	wantLines(t, readErrors(t, "x.yml", "cncf", []byte(flow)),
		"x.yml:1:75: YAML nesting is deeper than 64 levels; expected a flatter document")
	block := "landscape:\n" + strings.Repeat(" -", 100) + " x\n"
	wantLines(t, readErrors(t, "x.yml", "cncf", []byte(block)),
		"x.yml:2:128: YAML nesting is deeper than 64 levels; expected a flatter document")
	// Far deeper than the parser's own limit: refused fast, by the parser.
	start := time.Now()
	got := readErrors(t, "x.yml", "cncf", []byte("landscape: "+strings.Repeat("[\n", 1<<17)))
	if d := time.Since(start); d > time.Second || len(got) != 1 || !strings.Contains(got[0], "exceeded max depth") {
		t.Errorf("128K open brackets: %v, %v", d, got)
	}
}

func TestYAMLSeparatorBudget(t *testing.T) {
	saved := maxYAMLSeparators
	maxYAMLSeparators = 100
	defer func() { maxYAMLSeparators = saved }()
	data := "landscape: [" + strings.Repeat("a, ", 200) + "a]\n"
	wantLines(t, readErrors(t, "x.yml", "cncf", []byte(data)),
		"x.yml: the file has 202 YAML separators (, : - [ { * ?), more than the limit of 100; expected a smaller file")
}

func TestMarkdownNestingLimit(t *testing.T) {
	quote := "# T\n\n## A\n\n" + strings.Repeat(">", 70) + " - [x](https://x.org)\n"
	wantLines(t, readErrors(t, "2024-01-31.md", "markdown", []byte(quote)),
		"2024-01-31.md:5:65: block quotes, lists and indentation are nested 72 levels deep here; expected at most 64 levels")
	var list strings.Builder
	list.WriteString("# T\n\n## A\n\n")
	for i := 0; i < 70; i++ {
		list.WriteString(strings.Repeat("  ", i) + "- [x](https://x.org)\n")
	}
	got := readErrors(t, "2024-01-31.md", "markdown", []byte(list.String()))
	if len(got) == 0 || got[0] != "2024-01-31.md:69:129: block quotes, lists and indentation are nested 65 levels deep here; expected at most 64 levels" {
		t.Errorf("deep list: %v", got)
	}
	// 100 thousand levels are refused fast (the parser would take minutes).
	start := time.Now()
	readErrors(t, "2024-01-31.md", "markdown", []byte(strings.Repeat("> ", 100000)+"x\n"))
	if d := time.Since(start); d > time.Second {
		t.Errorf("refusing 100000 block quote levels took %v", d)
	}
}

func TestMarkdownParagraphLimit(t *testing.T) {
	long := "# T\n\n## A\n\n- [x](https://x.org)\n" + strings.Repeat("[a]\n", 200)
	wantLines(t, readErrors(t, "2024-01-31.md", "markdown", []byte(long)),
		"2024-01-31.md:5: a paragraph runs on for more than 200 lines without a blank line; expected at most 200 lines per paragraph or list item")
	// Many list items, long tables and code blocks are not one paragraph.
	var ok strings.Builder
	ok.WriteString("# T\n\n```yaml\n" + strings.Repeat("- [a]: b\n", 500) + "```\n\n## A\n\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&ok, "- [t%d](https://t%d.org)\n", i, i)
	}
	ok.WriteString("\n## B\n\n| Tool | Note |\n|:-----|-----:|\n")
	for i := 0; i < 3000; i++ {
		fmt.Fprintf(&ok, "| [u%d](https://u%d.org) | n |\n", i, i)
	}
	snap, err := Bytes("2024-01-31.md", []byte(ok.String()), Options{Format: "markdown"})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Listings) != 3000 {
		t.Errorf("%d listings, want 3000", len(snap.Listings))
	}
}

func TestMarkdownNamelessHeading(t *testing.T) {
	// An emoji-only heading keeps its emoji as the name.
	snap, err := Bytes("2024-01-31.md", []byte("# T\n\n## 🚀\n\n- [x](https://x.org)\n"), Options{Format: "markdown"})
	if err != nil || len(snap.Listings) != 1 || snap.Listings[0].Category != "🚀" {
		t.Fatalf("emoji heading: %v %+v", err, snap)
	}
	// A heading with no text at all cannot name its tools' category.
	wantLines(t, readErrors(t, "2024-01-31.md", "markdown", []byte("# T\n\n## ![logo](logo.png)\n\n- [x](https://x.org)\n\n### Sub\n\n- [y](https://y.org)\n")),
		"2024-01-31.md:3:1: heading has no text to name the category of its 2 tools (images, raw HTML and markup give none); expected a heading with a category name")
	// Lenient, the tools are left out with a warning.
	snap, err = Bytes("2024-01-31.md", []byte("# T\n\n## ![logo](logo.png)\n\n- [x](https://x.org)\n\n### Sub\n\n- [y](https://y.org)\n\n## B\n\n- [z](https://z.org)\n"), Options{Format: "markdown"})
	if err != nil || len(snap.Listings) != 1 || snap.Listings[0].Name != "z" || len(snap.Warnings) != 1 ||
		snap.Warnings[0].String() != "2024-01-31.md:3:1: warning: heading has no text to name the category of its 2 tools (images, raw HTML and markup give none); expected a heading with a category name; its tools are left out" {
		t.Fatalf("lenient nameless heading: %v %+v", err, snap)
	}
}

func TestLongLine(t *testing.T) {
	long := strings.Repeat("x", MaxLineLength+1)
	for _, tt := range []struct{ format, name, data string }{
		{"canonical", "x.yaml", "release: {}\ncategories:\n  - name: " + long + "\n"},
		{"cncf", "x.yml", "landscape:\n  - name: " + long + "\n"},
		{"markdown", "x.md", "# T\n\n## A\n\n- [x](https://x.org) " + long + "\n"},
		{"csv", "x.csv", "name,category\nx," + long + "\n"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			got := readErrors(t, tt.name, tt.format, []byte(tt.data))
			line := strings.Count(tt.data, "\n")
			wantLines(t, got, fmt.Sprintf("%s:%d: line is %d bytes long; expected at most 1048576 bytes (1 MiB) per line",
				tt.name, line, len(strings.Split(tt.data, "\n")[line-1])))
		})
	}
}

func TestInvalidUTF8(t *testing.T) {
	for _, tt := range []struct{ format, name, data, want string }{
		{"canonical", "x.yaml", "release: {}\ncategories:\n  - name: caf\xe9\n", "x.yaml:3:14: invalid UTF-8 (byte 0xe9); expected UTF-8 text"},
		{"cncf", "x.yml", "landscape:\n  - name: \xff\n", "x.yml:2:11: invalid UTF-8 (byte 0xff); expected UTF-8 text"},
		{"markdown", "x.md", "# T\n\n## A\n\n- [x](https://x.org) \xc3(\n", "x.md:5:22: invalid UTF-8 (byte 0xc3); expected UTF-8 text"},
		{"csv", "x.csv", "name,category\nÄx\x80,B\n", "x.csv:2:3: invalid UTF-8 (byte 0x80); expected UTF-8 text"},
	} {
		t.Run(tt.format, func(t *testing.T) {
			wantLines(t, readErrors(t, tt.name, tt.format, []byte(tt.data)), tt.want)
		})
	}
}

// TestBOMAndCRLF reads each format's fixture as is, with a byte-order mark,
// with CRLF line ends and with both: the snapshots must be the same.
func TestBOMAndCRLF(t *testing.T) {
	for _, file := range []string{"canonical/2026-06-30.yaml", "cncf/2026-01-31.yml", "markdown/2024-01-31.md", "csv/2026-06-30.csv"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			lf := strings.ReplaceAll(string(data), "\r\n", "\n")
			want, err := Bytes(filepath.Base(file), []byte(lf), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Listings) == 0 {
				t.Fatal("no listings")
			}
			crlf := strings.ReplaceAll(lf, "\n", "\r\n")
			for name, v := range map[string]string{"BOM": "\xef\xbb\xbf" + lf, "CRLF": crlf, "BOM+CRLF": "\xef\xbb\xbf" + crlf} {
				got, err := Bytes(filepath.Base(file), []byte(v), Options{})
				if err != nil {
					t.Errorf("%s: %v", name, err)
					continue
				}
				if !reflect.DeepEqual(got.Listings, want.Listings) {
					for i := range min(len(got.Listings), len(want.Listings)) {
						if !reflect.DeepEqual(got.Listings[i], want.Listings[i]) {
							t.Errorf("%s: listing %d\n got %+v\nwant %+v", name, i, got.Listings[i], want.Listings[i])
							break
						}
					}
					t.Errorf("%s: %d listings differ from LF's %d", name, len(got.Listings), len(want.Listings))
				}
				if !reflect.DeepEqual(got.Release, want.Release) || !reflect.DeepEqual(got.Warnings, want.Warnings) {
					t.Errorf("%s: release or warnings differ:\n%+v %v\n%+v %v", name, got.Release, got.Warnings, want.Release, want.Warnings)
				}
			}
		})
	}
}

func TestReleaseIDs(t *testing.T) {
	bad := map[string]string{
		"../../etc":              "holds a path separator",
		"/abs/path":              "holds a path separator",
		`a\b`:                    "holds a path separator",
		"C:x":                    `holds ':', which file names may not hold`,
		"<img src=x>":            `holds '<', which file names may not hold`,
		`a"b`:                    `holds '"', which file names may not hold`,
		"..":                     `holds ".."`,
		"a..b":                   `holds ".."`,
		".hidden":                "starts with a dot",
		"-rf":                    "starts with a dash",
		"tab\there":              "holds the control character U+0009",
		"nl\u0085x":              "holds the control character U+0085",
		"ls\u2028x":              "holds the control character U+2028",
		"":                       "is empty",
		" padded":                "starts or ends with white space",
		"\xff":                   "is not valid UTF-8",
		strings.Repeat("9", 101): "is 101 bytes long",
	}
	for id, want := range bad {
		if got := ReleaseIDProblem(id); !strings.HasPrefix(got, want+"; expected a plain name") {
			t.Errorf("ReleaseIDProblem(%q) = %q, want %q…", id, got, want)
		}
	}
	for _, id := range []string{"2026-06-30", "v1.2", "2024-Q1", "release_7", "r 1", "2024.01"} {
		if got := ReleaseIDProblem(id); got != "" {
			t.Errorf("ReleaseIDProblem(%q) = %q, want ok", id, got)
		}
	}
	// In a canonical file, with the position of the id.
	wantLines(t, readErrors(t, "2024-01-31.yaml", "canonical", []byte("release:\n  id: ../../x\ncategories: []\n")),
		`2024-01-31.yaml:2:7: release id "../../x" holds a path separator; expected a plain name such as 2026-06-30 or v1.2 (letters, digits, '.', '-', '_')`)
	wantLines(t, readErrors(t, "2024-01-31.yaml", "canonical", []byte("release:\n  id: \"a\\x01b\"\ncategories: []\n")),
		`2024-01-31.yaml:2:7: release id "a\x01b" holds the control character U+0001; expected a plain name such as 2026-06-30 or v1.2 (letters, digits, '.', '-', '_')`)
}

func TestFileLimits(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "2024-01-31.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	_, err = File(big, Options{})
	if err == nil || err.Error() != big+": the file is 67108865 bytes; expected at most 67108864 bytes (64 MiB)" {
		t.Errorf("big file: %v", err)
	}
	if _, err := File(dir, Options{}); err == nil || err.Error() != dir+": not a regular file (a folder); expected a file of the catalog" {
		t.Errorf("folder: %v", err)
	}
	// A device (or a FIFO) would never end, or block, if it were read.
	if _, err := os.Stat(os.DevNull); err == nil && filepath.IsAbs(os.DevNull) {
		if _, err := File(os.DevNull, Options{Format: "csv"}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("%s: %v", os.DevNull, err)
		}
	}
}

func TestCSVLimits(t *testing.T) {
	saved := maxCSVColumns
	maxCSVColumns = 3
	defer func() { maxCSVColumns = saved }()
	wantLines(t, readErrors(t, "x.csv", "csv", []byte("name,category,a,b\nx,y,z,w\n")),
		"x.csv:1:17: the header has 4 columns; expected at most 3")
	// Rows are bounded by the file's size alone: under the size limit, a
	// file of any number of rows is read.
	var b strings.Builder
	b.WriteString("name,category\n")
	for i := range 1000 {
		fmt.Fprintf(&b, "t%d,c%d\n", i, i%7)
	}
	snap, err := Bytes("2026-06-30.csv", []byte(b.String()), Options{Strict: true, MaxFileSize: int64(b.Len())})
	if err != nil || len(snap.Listings) != 1000 || snap.Listings[999].Name != "t999" || snap.Listings[999].Line != 1001 {
		t.Fatalf("1,000 rows: %v", err)
	}
	if _, err := Bytes("2026-06-30.csv", []byte(b.String()), Options{MaxFileSize: int64(b.Len() - 1)}); err == nil || !strings.Contains(err.Error(), "bytes") {
		t.Errorf("a byte over the size limit: %v", err)
	}
}

// TestCSVManyRows reads a CSV of 700,000 rows (2.1 million fields, 9 MB:
// far within the size limit) whole.
func TestCSVManyRows(t *testing.T) {
	if testing.Short() {
		t.Skip("700,000 rows")
	}
	var b bytes.Buffer
	b.WriteString("name,category,subcategory\n")
	for i := range 700_000 {
		fmt.Fprintf(&b, "t%d,c%d,s%d\n", i, i%40, i%400)
	}
	snap, err := Bytes("2026-06-30.csv", b.Bytes(), Options{Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(snap.Listings); n != 700_000 || snap.Listings[n-1].Name != "t699999" || snap.Listings[n-1].Subcategory != "s399" {
		t.Errorf("%d listings", n)
	}
}

func TestCatalogDuplicateReleases(t *testing.T) {
	write := func(dir, name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The same id two releases apart.
	dir := t.TempDir()
	write(dir, "2024-01-31.yaml", "release: {id: r1}\ncategories: []\n")
	write(dir, "2024-02-29.yaml", "release: {id: r2}\ncategories: []\n")
	write(dir, "2024-03-31.yaml", "release: {id: r1}\ncategories: []\n")
	_, err := Catalog(dir, Options{Strict: true})
	want := filepath.Join(dir, "2024-03-31.yaml") + ": release id r1 is also the id of " + filepath.Join(dir, "2024-01-31.yaml") + "; expected each release file to be a release of its own"
	if err == nil || err.Error() != want {
		t.Errorf("same id:\n got %v\nwant %s", err, want)
	}
	// The same date: 2024-01 is the end of January.
	dir = t.TempDir()
	write(dir, "2024-01-31.csv", "name,category\nA,B\n")
	write(dir, "2024-01.md", "# T\n\n## B\n\n- [A](https://a.org)\n")
	_, err = Catalog(dir, Options{Strict: true})
	if err == nil || !strings.HasSuffix(err.Error(), ": release date 2024-01-31 is also the date of "+filepath.Join(dir, "2024-01-31.csv")+"; expected one release file per date") {
		t.Errorf("same date: %v", err)
	}
}

func TestYAMLLineBreakCharacters(t *testing.T) {
	for _, format := range []string{"canonical", "cncf"} {
		top := map[string]string{"canonical": "release: {}\ncategories:\n  - name: A\u2028B\n", "cncf": "landscape:\n  - name: A\u2029B\n"}[format]
		got := readErrors(t, "x.yaml", format, []byte(top))
		if len(got) != 1 || !strings.HasPrefix(got[0], "x.yaml:") || !strings.Contains(got[0], ":12: U+202") || !strings.Contains(got[0], "which YAML reads as a line break; expected it escaped") {
			t.Errorf("%s: %v", format, got)
		}
	}
	// Escaped, they are text like any other.
	snap, err := Bytes("2024-01-31.yaml", []byte("release: {}\ncategories:\n  - name: \"A\\u2028B\"\n    tools: [{name: \"x\\u0085y\", homepage_url: \"https://x.org\"}]\n"), Options{Format: "canonical"})
	if err != nil || snap.Listings[0].Category != "A\u2028B" || snap.Listings[0].Name != "x\u0085y" {
		t.Fatalf("escaped line separators: %v %+v", err, snap)
	}
}
