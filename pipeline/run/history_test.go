package run

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/gitimport"
	"github.com/landscapehq/landscape/pipeline/read"
)

// importHistory imports history name (../shared/histories/<name>.git) with
// --every commit into out, up to until ("" for the whole history), as
// `landscape import git` does.
func importHistory(t testing.TB, name, file, out, until string) *gitimport.Summary {
	t.Helper()
	o := gitimport.Options{Repo: corpora.History(t, name), File: file, Out: out, Every: gitimport.EveryCommit}
	if until != "" {
		u, err := gitimport.ParseDate(until)
		if err != nil {
			t.Fatal(err)
		}
		o.Until = u
	}
	sum, err := gitimport.Import(context.Background(), o)
	if err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return sum
}

// TestEveryDayHistory imports the every-day history of awesome-production-ml
// (374 releases) and analyses it: every release is read, each release's
// listings equal an independent line count of its file, tools are conserved
// at every release (overall, per category, per subcategory), and a second
// analyze of the same folder writes the same bytes.
func TestEveryDayHistory(t *testing.T) {
	const name = "awesome-production-ml"
	dir := filepath.Join(t.TempDir(), name)
	sum := importHistory(t, name, "README.md", dir, "")
	if sum.Releases != 374 {
		t.Fatalf("import: %d releases, want 374", sum.Releases)
	}

	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)

	// First run: Load, checked, then WriteOutputs as Analyze does.
	res, err := Load(mem, dir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	if n := len(res.Growth.Releases); n != 374 {
		t.Fatalf("analyze: %d releases, want 374", n)
	}

	// Listings per release against the independent count of each file.
	var total int
	for _, r := range res.Growth.Releases {
		src, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil {
			t.Fatal(err)
		}
		want, odd := scanMarkdownTools(src)
		for _, o := range odd {
			t.Errorf("%s: %s", r.File, o)
		}
		if r.Listings != want {
			t.Errorf("%s: %d listings analysed, %d tool bullets counted in the file", r.File, r.Listings, want)
		}
		// Every release has tools: the first ten days of the list
		// (2018-08-15 to 2018-09-06) hold them under sub-headings of
		// `## Contents`, which is the list itself there, not a table of
		// contents.
		if r.Listings == 0 {
			t.Errorf("%s: no listings", r.File)
		}
		total += r.Listings
	}

	for _, e := range conservation(res.Growth) {
		t.Error(e)
	}

	out1 := filepath.Join(t.TempDir(), "out")
	notes, err := export.ReadSourceNotes(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteDirAtomic(filepath.Join(out1, res.History.Name), func(tmp string) error {
		_, err := WriteOutputs(mem, res, tmp, html.AssetsLocal, export.DatasetOptions{Source: notes.Source, License: notes.License})
		return err
	}); err != nil {
		t.Fatal(err)
	}

	// Second run: the whole of Analyze, into another folder.
	out2 := filepath.Join(t.TempDir(), "out")
	s2, err := Analyze(Options{Catalogs: []string{dir}, Out: out2, Mem: mem})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(s2.Catalogs[0].Releases); n != 374 {
		t.Fatalf("second analyze: %d releases, want 374", n)
	}
	compared := 0
	for _, f := range []string{"report.md", "summary.json", "dataset/*/listings/release_year=2025/release_month=6/part-0.parquet", "releases.parquet", "category_stats.parquet", "dataset/*/manifest.json"} {
		m1, _ := filepath.Glob(filepath.Join(out1, name, f))
		m2, _ := filepath.Glob(filepath.Join(out2, name, f))
		if len(m1) != 1 || len(m2) != 1 {
			t.Errorf("%s: %d and %d files", f, len(m1), len(m2))
			continue
		}
		b1, err1 := os.ReadFile(m1[0])
		b2, err2 := os.ReadFile(m2[0])
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(b1, b2) {
			t.Errorf("%s differs between two analyses of the same folder (%d and %d bytes)", f, len(b1), len(b2))
		}
		compared++
	}
	last := res.Growth.Releases[len(res.Growth.Releases)-1]
	t.Logf("%d releases (%d listings in all), newest %s: %d listings, %d tools; %d files compared", len(res.Growth.Releases), total, last.Release, last.Listings, last.Tools, compared)
}

// conservation checks a history's growth at every release: overall,
// tools(r) = tools(r−1) + added − removed and net = added − removed; per
// category and per subcategory, tools = previous tools + added + moved in −
// removed − moved out and net = tools − previous tools, a group present in
// the previous release being present (with its removals and moves out) in
// this one. It returns one message per failure.
//
// It is pipeline/analyze/corpus_test.go's check (TestCorpusConservation,
// checkGroups), over a history of any length and returning its failures
// rather than reporting them, so that the P5 benchmark can use it too.
func conservation(g *analyze.Growth) []string {
	var errs []string
	fail := func(format string, a ...any) {
		if len(errs) < 50 {
			errs = append(errs, fmt.Sprintf(format, a...))
		}
	}
	for i, r := range g.Releases {
		prev := 0
		if i > 0 {
			prev = g.Releases[i-1].Tools
		}
		if r.Tools != prev+r.Added-r.Removed {
			fail("%s: tools %d != %d + %d added - %d removed", r.Release, r.Tools, prev, r.Added, r.Removed)
		}
		if r.Net != r.Added-r.Removed {
			fail("%s: net %d != added %d - removed %d", r.Release, r.Net, r.Added, r.Removed)
		}
	}
	order := make(map[string]int, len(g.Releases))
	for i, r := range g.Releases {
		order[r.Release] = i
	}
	for _, level := range []struct {
		name  string
		stats []analyze.GroupStat
	}{{"category", g.Categories}, {"subcategory", g.Subcategories}} {
		type key struct{ cat, sub string }
		by := make([]map[key]analyze.GroupStat, len(g.Releases))
		for _, s := range level.stats {
			i, ok := order[s.Release]
			if !ok {
				fail("%s %s/%s: release %s not among the releases", level.name, s.Category, s.Subcategory, s.Release)
				continue
			}
			if by[i] == nil {
				by[i] = map[key]analyze.GroupStat{}
			}
			by[i][key{s.Category, s.Subcategory}] = s
		}
		for i := range by {
			var prev map[key]analyze.GroupStat
			if i > 0 {
				prev = by[i-1]
			}
			sum := 0
			for k, s := range by[i] {
				p := prev[k].Tools
				if s.Tools != p+s.Added+s.MovedIn-s.Removed-s.MovedOut {
					fail("%s %s %v: tools %d != %d + %d added + %d moved in - %d removed - %d moved out", level.name, s.Release, k, s.Tools, p, s.Added, s.MovedIn, s.Removed, s.MovedOut)
				}
				if s.Net != s.Tools-p {
					fail("%s %s %v: net %d, want %d", level.name, s.Release, k, s.Net, s.Tools-p)
				}
				sum += s.Added
			}
			for k, p := range prev {
				if _, ok := by[i][k]; !ok && p.Tools > 0 {
					fail("%s %s %v: %d tools in the previous release, no row in this one", level.name, g.Releases[i].Release, k, p.Tools)
				}
			}
			// Every tool added to the catalog is added to at least one of
			// its categories.
			if level.name == "category" && sum < g.Releases[i].Added {
				fail("category %s: %d added over the categories, %d to the catalog", g.Releases[i].Release, sum, g.Releases[i].Added)
			}
		}
	}
	return errs
}

// The line scan of scanMarkdownTools. It is written from the format's
// description (docs/markdown-format.md) and the files, not from the reader:
// a line-based count, where the reader parses CommonMark with goldmark.
var (
	mdHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$`)
	mdFence   = regexp.MustCompile("^ {0,3}(```+|~~~+)")
	// A bullet (*, -, +, at any indentation) whose text starts with a link;
	// `[Name] (url)`, with white space between text and URL, is a link too.
	mdPlaceholder = regexp.MustCompile(`^[ \t]*[*+-][ \t]+\[[^\]]*\][ \t]*\([ \t]*\)[ \t]*$`)
	mdPlainBullet = regexp.MustCompile(`^[*+-][ \t]+[^\[ \t]`)
	mdTopBullet   = regexp.MustCompile(`^[*+-][ \t]`)
	mdToolBullet  = regexp.MustCompile(`^[ \t]*[*+-][ \t]+\[([^\]]*)\][ \t]*\(([^)]*)\)`)
	mdLink        = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	// The headings of awesome-production-ml whose sections are not tools:
	// the quick links, how to contribute, the other lists. (Every heading
	// text of the 374 days was looked at; the reader's rule,
	// read.DefaultMarkdownSkip, is more general.)
	mdNotTools = regexp.MustCompile(`(?i)^(quick links.*|contributing.*|licen[cs]e|other awesome lists)$`)
	// The headings of a table of contents: their own bullets are links to
	// the sections, but the headings under them are sections (in the first
	// ten days of the list, `## Contents` holds the whole list).
	mdTOC = regexp.MustCompile(`(?i)^(contents|index)$`)
)

// scanMarkdownTools counts the tools of an awesome-production-ml release file
// line by line: the bullets (`*`, `-`, `+`) whose text starts with a link to
// an absolute http(s) URL (or an empty one), outside fenced code and HTML
// comments, except
//
//   - under the title (the file's first heading, when it is a level-1
//     heading) before the next heading: the list's introduction;
//   - in the sections of mdNotTools, sub-headings included (up to the next
//     heading of the same or a higher level);
//   - directly under a heading of mdTOC, before the next heading.
//
// Bullets before the first heading are introduction too. Other raw HTML
// (an anchor `<a name="x"></a>` above a heading, a `<div>`) hides nothing:
// the scan reads lines, not HTML blocks. It returns, as odd, the bullets it
// cannot classify (links to anchors or relative paths are navigation and not
// counted, silently; any other scheme is reported).
//
// Lines that merely look like bullets inside indented code would be
// miscounted; the corpus has none (checked: the counts agree at every
// release).
func scanMarkdownTools(src []byte) (n int, odd []string) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var (
		fence       string // the open code fence, "" outside code
		comment     bool   // inside an HTML comment
		seen        bool   // a heading was seen
		underTit    bool   // in the title's own section
		underTOC    bool   // in a table of contents' own section
		skipLevel   int    // the level of the skipped section we are in, 0 if none
		plainParent bool   // in a contents section, under a top-level bullet of plain text
		line        int
	)
	for sc.Scan() {
		line++
		s := sc.Text()
		if comment {
			comment = !strings.Contains(s, "-->")
			continue
		}
		if m := mdFence.FindStringSubmatch(s); m != nil {
			switch {
			case fence == "":
				fence = m[1]
			case strings.HasPrefix(m[1], fence[:1]) && len(m[1]) >= len(fence):
				fence = ""
			}
			continue
		}
		if fence != "" {
			continue
		}
		if i := strings.LastIndex(s, "<!--"); i >= 0 && !strings.Contains(s[i:], "-->") {
			comment = true
			s = s[:i]
		}
		if m := mdHeading.FindStringSubmatch(s); m != nil {
			level := len(m[1])
			text := headingText(m[2])
			first := !seen
			seen = true
			underTit = first && level == 1
			underTOC, plainParent = false, false
			if skipLevel > 0 && level <= skipLevel {
				skipLevel = 0
			}
			if skipLevel == 0 && !first {
				switch {
				case mdNotTools.MatchString(text) || resourceHeading(text):
					skipLevel = level
				case mdTOC.MatchString(text):
					underTOC = true
				}
			}
			continue
		}
		if underTOC && !underTit && skipLevel == 0 {
			// A contents section that is the list itself (2018-08-15 and
			// -16): a plain-text top-level bullet names a category, and the
			// web links indented under it are tools.
			if mdPlainBullet.MatchString(s) {
				plainParent = true
				continue
			}
			if mdTopBullet.MatchString(s) {
				plainParent = false
				continue
			}
			if !plainParent {
				continue
			}
			if m := mdToolBullet.FindStringSubmatch(s); m != nil && strings.HasPrefix(s, " ") && strings.HasPrefix(strings.TrimSpace(m[2]), "http") {
				n++
			}
			continue
		}
		if !seen || underTit || underTOC || skipLevel > 0 {
			continue
		}
		m := mdToolBullet.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		url := strings.TrimSpace(m[2])
		switch {
		case url == "" && mdPlaceholder.MatchString(s):
			// `* [Kafka]()` and nothing else: a placeholder, no tool
		case url == "" || strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://"):
			n++
		case strings.HasPrefix(url, "#") || !strings.Contains(url, ":"):
			// navigation: an anchor or a relative path
		default:
			odd = append(odd, fmt.Sprintf("line %d: bullet link %q", line, url))
		}
	}
	return n, odd
}

// resourceWords are the words of the headings of resource sections, which
// are not tools (docs/markdown-format.md).
var resourceWords = map[string]bool{"resources": true, "articles": true, "books": true, "blogs": true, "podcasts": true,
	"newsletters": true, "slack": true, "events": true, "websites": true, "courses": true, "tutorials": true, "videos": true}

// resourceHeading reports whether a heading is made only of resource
// words joined by "and", "&" or ",".
func resourceHeading(text string) bool {
	words := strings.Fields(strings.NewReplacer("&", " ", ",", " ").Replace(strings.ToLower(text)))
	n := 0
	for _, w := range words {
		switch {
		case w == "and":
		case resourceWords[w]:
			n++
		default:
			return false
		}
	}
	return n > 0
}

// headingText is a heading's text as the scan compares it: links reduced to
// their text, images dropped, trailing #s and a leading numbering removed,
// characters other than letters, digits and punctuation dropped (emoji),
// white space collapsed.
func headingText(s string) string {
	s = mdLink.ReplaceAllStringFunc(s, func(l string) string {
		if strings.HasPrefix(l, "!") {
			return ""
		}
		return mdLink.FindStringSubmatch(l)[1]
	})
	s = strings.TrimRight(s, "# \t")
	s = strings.Map(func(r rune) rune {
		if r < 0x80 || (r >= 0xC0 && r < 0x2000) {
			return r
		}
		return ' '
	}, s)
	f := strings.Fields(s)
	if len(f) > 0 && strings.HasSuffix(f[0], ".") && strings.Trim(f[0], "0123456789.") == "" {
		f = f[1:]
	}
	return strings.Join(f, " ")
}

// TestHistoryChecks checks the checks of TestEveryDayHistory on small
// inputs: the line scan counts what it should, and conservation reports a
// broken count.
func TestHistoryChecks(t *testing.T) {
	md := "# Awesome X\n* [intro](https://a.example)\n## Contents\n* [AutoML](#automl)\n* [toc](https://x.example)\n### Sub\n* [B0] (https://b.example)\n" +
		"<!-- * [hidden](https://h.example)\n* [hidden too](https://h.example) -->\n<a name=\"x\"></a>\n" +
		"# Main Content\n## AutoML\n* [A](https://github.com/a/a) - a\n    - [B](https://b.example) ![](https://img)\n+ [C]() - c\n* [P]()\n* **[D](https://d.example)**\n" +
		"```\n* [E](https://e.example)\n```\n## 1. Quick links\n* [F](https://f.example)\n## Data\n- [G](http://g.example)\n* [H](mailto:h@example.org)\n# Other Awesome Lists\n* [I](https://i.example)\n"
	n, odd := scanMarkdownTools([]byte(md))
	if n != 5 || len(odd) != 1 {
		t.Errorf("scan: %d tools, odd %q; want 5 (B0, A, B, C, G; not the placeholder P) and the mailto link", n, odd)
	}
	g := &analyze.Growth{
		Releases: []analyze.ReleaseStat{{Release: "1", Tools: 2, Added: 2, Net: 2}, {Release: "2", Tools: 2, Added: 1, Removed: 1, Net: 0}},
		Categories: []analyze.GroupStat{
			{Release: "1", Category: "a", Tools: 2, Added: 2, Net: 2},
			{Release: "2", Category: "a", Tools: 1, Removed: 1, Net: -1},
			{Release: "2", Category: "b", Tools: 1, Added: 1, Net: 1},
		},
	}
	if errs := conservation(g); len(errs) != 0 {
		t.Errorf("conservation of a conserved history: %q", errs)
	}
	g.Categories[1].Tools = 2
	g.Releases[1].Tools = 3
	if errs := conservation(g); len(errs) != 3 {
		t.Errorf("conservation of a broken history: %q, want three failures (tools, category tools, category net)", errs)
	}
}
