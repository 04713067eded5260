package run

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/charts/html"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
)

// loadReleases writes Markdown release files (one per date) into a fresh
// catalog folder and runs Load on it.
func loadReleases(t *testing.T, mem memory.Allocator, ro read.Options, files ...string) *analyze.Result {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "list")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		name := fmt.Sprintf("2020-%02d-01.md", i+1)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Load(mem, dir, ro, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// eventList renders events as "kind name [from → to]" lines, sorted.
func eventList(evs []analyze.Event) []string {
	var out []string
	for _, e := range evs {
		s := e.Kind + " " + e.Name
		switch e.Kind {
		case analyze.EventMoved:
			s += " " + e.FromCategory + " → " + e.ToCategory
		case analyze.EventRenamed:
			s += " from " + e.FromName
		}
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// TestMarkdownStructureEvents runs the pipeline on two-release catalogs of
// the minimal cases of issue 14 and checks the events between the
// releases, the listings of each release, and the categories and
// subcategories of the second.
func TestMarkdownStructureEvents(t *testing.T) {
	// Two languages: one heading over the whole list (`## Python` alone)
	// would be a container, as `# Main Content` is.
	const goSection = "\n## Go\n#### General\n* [Gamma](https://github.com/g/gamma)\n"
	const plain = "# Awesome X\n\n## Python\n\n#### General\n* [Alpha](https://github.com/a/alpha) - a tool.\n* [Beta](https://github.com/b/beta) - a tool.\n" + goSection
	tests := []struct {
		name     string
		old, new string
		ro       read.Options
		listings [2]int
		events   []string
		groups   []string // category / subcategory: tools, in the second release
		first    []string // the same in the first release, when given
	}{
		{
			name: "anchors above headings",
			old:  plain,
			new: "# Awesome X\n\n<a name=\"python\" />\n## Python\n\n<a name=\"python-general\" />\n#### General\n" +
				"* [Alpha](https://github.com/a/alpha) - a tool.\n* [Beta](https://github.com/b/beta) - a tool.\n" + goSection,
			listings: [2]int{3, 3},
			groups:   []string{"Go / General: 1", "Python / General: 2"},
		},
		{
			name:     "closed anchors, a div around the bullets",
			old:      plain,
			new:      "# Awesome X\n<a name=\"python\"></a>\n## Python\n<a name=\"general\"></a>\n#### General\n<div>\n\n* [Alpha](https://github.com/a/alpha) - a tool.\n* [Beta](https://github.com/b/beta) - a tool.\n</div>\n" + goSection,
			listings: [2]int{3, 3},
			groups:   []string{"Go / General: 1", "Python / General: 2"},
		},
		{
			name:     "an HTML comment still hides what it holds",
			old:      plain,
			new:      plain + "<!--\n* [Delta](https://github.com/d/delta)\n-->\n",
			listings: [2]int{3, 3},
			groups:   []string{"Go / General: 1", "Python / General: 2"},
		},
		{
			name:     "[Name] (url) with a space",
			old:      plain,
			new:      "# Awesome X\n\n## Python\n\n#### General\n* [Alpha] (https://github.com/a/alpha) - a tool.\n* [Beta]  (https://github.com/b/beta) - a tool.\n* [Delta] (https://github.com/d/delta)\n" + goSection,
			listings: [2]int{3, 4},
			events:   []string{"added Delta"},
			groups:   []string{"Go / General: 1", "Python / General: 3"},
		},
		{
			name: "heading levels: the language level is kept, a move between languages is an event",
			old: "# Awesome X\n## Python\n#### General\n* [Alpha](https://github.com/a/alpha)\n#### Computer Vision\n* [Beta](https://github.com/b/beta)\n" +
				"## Go\n#### General\n* [Gamma](https://github.com/g/gamma)\n",
			new: "# Awesome X\n## Python\n#### General\n* [Alpha](https://github.com/a/alpha)\n" +
				"## Go\n#### General\n* [Gamma](https://github.com/g/gamma)\n#### Computer Vision\n* [Beta](https://github.com/b/beta)\n",
			listings: [2]int{3, 3},
			events:   []string{"moved Beta Python → Go"},
			groups:   []string{"Go / Computer Vision: 1", "Go / General: 1", "Python / General: 1"},
		},
		{
			name: "names differing in case, spacing and punctuation are one name",
			old: "# Awesome X\n## Go\n#### Computer Vision\n* [Alpha](https://github.com/a/alpha)\n" +
				"## Rust\n#### Computer vision\n* [Beta](https://github.com/b/beta)\n",
			new: "# Awesome X\n## Go\n#### Computer Vision\n* [Alpha](https://github.com/a/alpha)\n" +
				"## Rust\n#### Computer vision\n* [Beta](https://github.com/b/beta)\n",
			listings: [2]int{2, 2},
			groups:   []string{"Go / Computer Vision: 1", "Rust / Computer Vision: 1"}, // one name, one spelling
		},
		{
			name: "one category spelled two ways in one release, then one way",
			old: "# Awesome X\n## Computer Vision\n* [Alpha](https://github.com/a/alpha)\n" +
				"## Other\n* [Gamma](https://github.com/g/gamma)\n## Computer  vision\n* [Beta](https://github.com/b/beta)\n",
			new: "# Awesome X\n## Computer-Vision\n* [Alpha](https://github.com/a/alpha)\n* [Beta](https://github.com/b/beta)\n" +
				"## Other\n* [Gamma](https://github.com/g/gamma)\n",
			listings: [2]int{3, 3},
			groups:   []string{"Computer-Vision: 2", "Other: 1"},
		},
		{
			name:     "subcategory spelling changes: no break",
			old:      "# Awesome X\n## Go\n#### Computer Vision\n* [Alpha](https://github.com/a/alpha)\n## Rust\n#### Web\n* [Beta](https://github.com/b/beta)\n",
			new:      "# Awesome X\n## Go\n#### computer vision\n* [Alpha](https://github.com/a/alpha)\n## Rust\n#### Web\n* [Beta](https://github.com/b/beta)\n",
			listings: [2]int{2, 2},
			groups:   []string{"Go / computer vision: 1", "Rust / Web: 1"},
		},
		{
			name: "a subcategory renamed: one series under the newest name, no event",
			old: "# Awesome X\n## Data\n#### Version Control\n* [Alpha](https://github.com/a/alpha)\n* [Beta](https://github.com/b/beta)\n* [Delta](https://github.com/d/delta)\n" +
				"#### Labelling\n* [Epsilon](https://github.com/e/epsilon)\n" + goSection,
			new: "# Awesome X\n## Data\n#### Versionning\n* [Alpha](https://github.com/a/alpha)\n* [Beta](https://github.com/b/beta)\n* [Delta](https://github.com/d/delta)\n" +
				"#### Labelling\n* [Epsilon](https://github.com/e/epsilon)\n" + goSection,
			listings: [2]int{5, 5},
			groups:   []string{"Data / Labelling: 1", "Data / Versionning: 3", "Go / General: 1"},
			first:    []string{"Data / Labelling: 1", "Data / Versionning: 3", "Go / General: 1"},
		},
		{
			name: "resource sections are not tools",
			old:  plain,
			new: plain + "## Resources\n### Books\n* [A Book](https://example.org/book)\n### Podcasts\n* [A Podcast](https://example.org/pod)\n" +
				"## Articles & Blogs\n* [A Post](https://example.org/post)\n## Slack\n* [Chat](https://example.org/slack)\n## Courses\n* [Course](https://example.org/course)\n" +
				"## Contributing\n* [Guide](https://example.org/guide)\n## License\n* [CC0](https://creativecommons.org/publicdomain/zero/1.0/)\n",
			listings: [2]int{3, 3},
			groups:   []string{"Go / General: 1", "Python / General: 2"},
		},
		{
			name:     "resource sections read on request (--markdown-skip none)",
			old:      plain,
			new:      plain + "## Resources\n### Books\n* [A Book](https://example.org/book)\n",
			ro:       read.Options{MarkdownSkip: read.MarkdownSkipNone},
			listings: [2]int{3, 4},
			events:   []string{"added A Book"},
			groups:   []string{"Go / General: 1", "Python / General: 2", "Resources / Books: 1"},
		},
		{
			name:     "a Contents heading over the list: its sub-sections are read, its links are not",
			old:      "# Awesome X\n## Contents\n* [Python](#python)\n* [Website](https://example.org/)\n### Python\n* [Alpha](https://github.com/a/alpha)\n### Go\n* [Beta](https://github.com/b/beta)\n",
			new:      "# Awesome X\n## Python\n* [Alpha](https://github.com/a/alpha)\n## Go\n* [Beta](https://github.com/b/beta)\n",
			listings: [2]int{2, 2},
			groups:   []string{"Go: 1", "Python: 1"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			res := loadReleases(t, mem, tt.ro, tt.old, tt.new)
			defer res.Release()
			if got := eventList(res.Events); !slices.Equal(got, tt.events) {
				t.Errorf("events %q, want %q", got, tt.events)
			}
			for i, r := range res.Growth.Releases {
				if r.Listings != tt.listings[i] {
					t.Errorf("release %s: %d listings, want %d", r.Release, r.Listings, tt.listings[i])
				}
			}
			groupsOf := func(rel string) []string {
				var groups []string
				for _, s := range res.Growth.Subcategories {
					if s.Release != rel || s.Tools == 0 {
						continue
					}
					g := s.Category
					if s.Subcategory != "" {
						g += " / " + s.Subcategory
					}
					groups = append(groups, fmt.Sprintf("%s: %d", g, s.Tools))
				}
				slices.Sort(groups)
				return groups
			}
			if groups := groupsOf(res.Growth.Releases[1].Release); !slices.Equal(groups, tt.groups) {
				t.Errorf("groups %q, want %q", groups, tt.groups)
			}
			if groups := groupsOf(res.Growth.Releases[0].Release); tt.first != nil && !slices.Equal(groups, tt.first) {
				t.Errorf("groups of the first release %q, want %q", groups, tt.first)
			}
			for _, e := range conservation(res.Growth) {
				t.Error(e)
			}
			// Each release's listings equal the independent line count.
			for _, r := range res.Releases {
				src, err := os.ReadFile(r.File)
				if err != nil {
					t.Fatal(err)
				}
				if n, _ := scanMarkdownTools(src); tt.ro.MarkdownSkip == "" && n != countListings(res, r.ID) {
					t.Errorf("%s: line count %d, %d listings", r.ID, n, countListings(res, r.ID))
				}
			}
		})
	}
}

func countListings(res *analyze.Result, release string) int {
	for _, r := range res.Growth.Releases {
		if r.Release == release {
			return r.Listings
		}
	}
	return -1
}

// TestAnomalyFlagged checks that a release in which most tools vanish and
// come back the next release is named in report.md and summary.json as a
// probable reading or source problem, with its numbers, and that ordinary
// churn is not.
func TestAnomalyFlagged(t *testing.T) {
	var full, half strings.Builder
	full.WriteString("# Awesome X\n## A\n")
	half.WriteString("# Awesome X\n## A\n")
	for i := range 40 {
		line := fmt.Sprintf("* [T%02d](https://github.com/t/t%02d)\n", i, i)
		full.WriteString(line)
		if i < 10 {
			half.WriteString(line)
		}
	}
	// Release 4 drops 5 tools for good: churn, not an anomaly.
	var pruned strings.Builder
	pruned.WriteString("# Awesome X\n## A\n")
	for i := 5; i < 40; i++ {
		fmt.Fprintf(&pruned, "* [T%02d](https://github.com/t/t%02d)\n", i, i)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	res := loadReleases(t, mem, read.Options{}, full.String(), half.String(), full.String(), pruned.String(), pruned.String())
	defer res.Release()
	want := []analyze.Anomaly{{Release: "2020-02-01", Previous: "2020-01-01", Next: "2020-03-01", ToolsBefore: 40, Tools: 10, Removed: 30, Returned: 30, Share: 0.75}}
	if !slices.Equal(res.Anomalies, want) {
		t.Fatalf("anomalies %+v, want %+v", res.Anomalies, want)
	}

	out := filepath.Join(t.TempDir(), "out")
	if err := WriteDirAtomic(out, func(tmp string) error {
		_, err := WriteOutputs(mem, res, tmp, html.AssetsLocal, export.DatasetOptions{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"## Probable reading or source problems (1)", "| 2020-02-01 | 2020-01-01 | 40 | 10 | 30 | 75% | 2020-03-01 | 30 |"} {
		if !strings.Contains(string(report), s) {
			t.Errorf("report.md lacks %q", s)
		}
	}
	summary, err := os.ReadFile(filepath.Join(out, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(summary), `"anomalies": [`) || !strings.Contains(string(summary), `"returned": 30`) {
		t.Errorf("summary.json does not name the anomaly:\n%s", summary)
	}
}
