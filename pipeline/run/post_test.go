package run

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/pipeline/export"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/snapgen"
)

// facts is the part of snapshots/mlops/tools.yaml the release-post tests
// read: every tool's dated facts.
type facts struct {
	Categories []struct {
		Name          string `yaml:"name"`
		Subcategories []struct {
			Tools []struct {
				Name     string       `yaml:"name"`
				Launched snapgen.Fact `yaml:"launched"`
				License  string       `yaml:"license"`
				Acquired *struct {
					By   string `yaml:"by"`
					Date string `yaml:"date"`
				} `yaml:"acquired"`
				Ended   snapgen.Fact `yaml:"ended"`
				Renamed []struct {
					Date string `yaml:"date"`
					From string `yaml:"from"`
				} `yaml:"renamed"`
				Relicensed []struct {
					Date string `yaml:"date"`
					From string `yaml:"from"`
				} `yaml:"relicensed"`
			} `yaml:"tools"`
		} `yaml:"subcategories"`
	} `yaml:"categories"`
}

func loadFacts(t *testing.T) facts {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(mlopsDir, "tools.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var f facts
	if err := yaml.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// when words a tools.yaml date as the report must: "January 2026" for a
// month, "in 2024 (month not recorded)" for a year — never a December.
func when(t *testing.T, d string) string {
	if len(d) == 10 { // a day: release files keep its month
		d = d[:7]
	}
	if len(d) == 4 {
		return "in " + d + " (month not recorded)"
	}
	m, err := time.Parse("2006-01", d)
	if err != nil {
		t.Fatalf("bad date %q", d)
	}
	return m.Format("January 2006")
}

// TestReleasePostNamesEveryDeal writes the report of every release of the
// bundled catalog as the newest (the history up to it) and checks that its
// "Deals and shutdowns" section names every acquisition, end and relicensing
// that tools.yaml records in the release's period — name, buyer or
// licences, and the date at the precision tools.yaml gives — and nothing
// else. tools.yaml is read here directly: the oracle is the master list,
// not the release files made from it.
func TestReleasePostNamesEveryDeal(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	snaps, err := read.Catalog(mlopsDir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := loadFacts(t)
	total := map[string]int{}
	for i := 1; i < len(snaps); i++ {
		prev, cur := snaps[i-1].Release.Date, snaps[i].Release.Date
		in := func(d string) bool {
			e := effective(t, d)
			return e.After(prev) && !e.After(cur)
		}
		var want []string // one line each
		for _, c := range f.Categories {
			for _, s := range c.Subcategories {
				for _, tool := range s.Tools {
					at := cur
					ended := tool.Ended.Date
					if ended != "" && !effective(t, ended).After(cur) {
						at = effective(t, ended).AddDate(0, 0, -1)
					}
					name := export.MD(nameAt(t, tool.Name, tool.Renamed, at))
					if a := tool.Acquired; a != nil && in(a.Date) {
						want = append(want, fmt.Sprintf("- **%s** (%s) was acquired by %s, %s.", name, export.MD(c.Name), export.MD(a.By), when(t, a.Date)))
						total["acquired"]++
					}
					if ended != "" && in(ended) {
						want = append(want, fmt.Sprintf("- **%s** (%s) ended, %s", name, export.MD(c.Name), when(t, ended)))
						total["ended"]++
					}
					for k, r := range tool.Relicensed {
						if in(r.Date) {
							to := tool.License
							if k+1 < len(tool.Relicensed) {
								to = tool.Relicensed[k+1].From
							}
							want = append(want, fmt.Sprintf("- **%s** (%s) was relicensed from %s to %s, %s.", name, export.MD(c.Name), export.MD(r.From), export.MD(to), when(t, r.Date)))
							total["relicensed"]++
						}
					}
				}
			}
		}
		res, err := FromSnapshots(mem, "mlops", snaps[:i+1], Overrides{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := export.Report(&b, res, export.ReportOptions{}); err != nil {
			t.Fatal(err)
		}
		res.Release()
		section := sectionOf(b.String(), "## Deals and shutdowns")
		var got []string
		for _, l := range strings.Split(section, "\n") {
			if strings.HasPrefix(l, "- ") {
				got = append(got, l)
			}
		}
		rel := snaps[i].Release.ID
		for _, w := range want {
			found := false
			for _, g := range got {
				if strings.HasPrefix(g, w) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: report does not say %q; its section:\n%s", rel, w, section)
			}
		}
		if len(got) != len(want) {
			sort.Strings(want)
			t.Errorf("%s: %d deals in the report, tools.yaml has %d in the period:\n%s\nwant\n%s", rel, len(got), len(want), strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	if total["acquired"] < 20 || total["ended"] < 10 || total["relicensed"] < 2 {
		t.Errorf("only %v checked", total)
	}
	t.Logf("checked %v", total)
}

// sectionOf is the text of a report section: from its heading to the next.
func sectionOf(report, heading string) string {
	i := strings.Index(report, "\n"+heading)
	if i < 0 {
		return ""
	}
	rest := report[i+1:]
	if j := strings.Index(rest[len(heading):], "\n## "); j >= 0 {
		return rest[:len(heading)+j]
	}
	return rest
}

// TestLaunchYearsMatchToolsYAML counts the newest release's tools by launch
// year and category straight from tools.yaml (launched on or before the
// release, not ended by it) and compares the launch_years analysis and the
// report's table with it.
func TestLaunchYearsMatchToolsYAML(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	res, err := Load(mem, mlopsDir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	newest := res.Releases[res.Latest()].Date
	f := loadFacts(t)
	want := map[string]int{} // "category/year" → tools
	perYear := map[string]int{}
	for _, c := range f.Categories {
		for _, s := range c.Subcategories {
			for _, tool := range s.Tools {
				launched, ended := tool.Launched.Date, tool.Ended.Date
				if effective(t, launched).After(newest) || (ended != "" && !effective(t, ended).After(newest)) {
					continue
				}
				want[c.Name+"/"+launched[:4]]++
				perYear[launched[:4]]++
			}
		}
	}
	got := map[string]int{}
	for _, l := range res.Attributes.LaunchYears {
		got[fmt.Sprintf("%s/%d", l.Category, l.Year)] += l.Tools
	}
	if len(got) != len(want) {
		t.Errorf("%d (category, year) cells, tools.yaml gives %d", len(got), len(want))
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: %d tools, tools.yaml gives %d", k, got[k], n)
		}
	}
	var b bytes.Buffer
	if err := export.Report(&b, res, export.ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	section := sectionOf(b.String(), "## When the tools were launched")
	checked := 0
	for y, n := range perYear {
		if y >= "2017" {
			if line := fmt.Sprintf("| %s | %d |", y, n); !strings.Contains(section, line) {
				t.Errorf("report lacks %q:\n%s", line, section)
			}
			checked++
		}
	}
	if checked < 8 {
		t.Errorf("only %d years checked", checked)
	}
}

// TestReportStarsAndExclusion: a catalog with stars gets a stars section
// from them (distribution, most starred, gains since the previous
// release), and --exclude-category leaves a category out of every number,
// the report saying so.
func TestReportStarsAndExclusion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "starry")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	rel := func(date string, alpha, beta int) string {
		return fmt.Sprintf(`release: {date: %s}
categories:
  - name: Tools
    tools:
      - {name: Alpha, repo_url: "https://github.com/a/alpha", stars: %d, description: "The *first* | tool"}
      - {name: Beta, repo_url: "https://github.com/b/beta", stars: %d}
      - {name: Gamma, homepage_url: "https://gamma.example"}
  - name: Members
    tools:
      - {name: Member Co, homepage_url: "https://member.example", stars: 999999}
`, date, alpha, beta)
	}
	for name, body := range map[string]string{"2025-12-31.yaml": rel("2025-12-31", 1200, 50), "2026-06-30.yaml": rel("2026-06-30", 1500, 40)} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	res, err := Load(mem, dir, read.Options{ExcludeCategories: []string{" members "}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	var b bytes.Buffer
	if err := export.Report(&b, res, export.ReportOptions{Excluded: []string{"Members"}}); err != nil {
		t.Fatal(err)
	}
	r := b.String()
	for _, want := range []string{
		"Left out of every number here: the category “Members” (`--exclude-category`).",
		"2 of the 3 tools have GitHub stars: 1,540 in all, median 770.",
		"| 1k–9.9k | 1 |\n",
		"| Alpha | Tools | 1,500 | +300 |\n",
		"| Beta | Tools | 40 | -10 |\n",
		"| largest gains | stars | change | change % |\n|---|---:|---:|---:|\n| Alpha | 1,500 | +300 | +25.0% |\n\n",
	} {
		if !strings.Contains(r, want) {
			t.Errorf("report lacks %q:\n%s", want, sectionOf(r, "## Stars"))
		}
	}
	if strings.Contains(r, "Member Co") || strings.Contains(r, "999,999") {
		t.Errorf("the excluded category is in the report:\n%s", r)
	}
	if got := res.Growth.Releases[1].Tools; got != 3 {
		t.Errorf("%d tools, want 3 (Members left out)", got)
	}
}
