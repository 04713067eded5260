package snapgen

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// catalogDir is the committed catalog, relative to this package.
var catalogDir = filepath.Join("..", "..", "snapshots", "mlops")

func loadCommittedMaster(t *testing.T) *Master {
	t.Helper()
	m, err := loadMaster(filepath.Join(catalogDir, "tools.yaml"))
	if err != nil {
		t.Fatalf("master list: %v", err)
	}
	return m
}

func allTools(m *Master) []*masterTool {
	var ts []*masterTool
	for ci := range m.Categories {
		for si := range m.Categories[ci].Subcategories {
			s := &m.Categories[ci].Subcategories[si]
			for i := range s.Tools {
				ts = append(ts, &s.Tools[i])
			}
		}
	}
	return ts
}

// TestCommittedFilesUpToDate regenerates the catalog into a temporary folder
// and compares it byte for byte with the committed files.
func TestCommittedFilesUpToDate(t *testing.T) {
	m := loadCommittedMaster(t)
	files, _ := generate(m)
	tmp := t.TempDir()
	if err := writeFiles(files, tmp); err != nil {
		t.Fatal(err)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		got, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(filepath.Join(catalogDir, name))
		if err != nil {
			t.Errorf("%s: not committed (%v); run go run ./cmd/snapgen", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: differs from a fresh generation; run go run ./cmd/snapgen", name)
		}
	}
	// No stray release files: every dated file in the folder is generated.
	entries, err := os.ReadDir(catalogDir)
	if err != nil {
		t.Fatal(err)
	}
	dated := regexp.MustCompile(`\d{4}-\d{2}`)
	for _, e := range entries {
		if dated.MatchString(e.Name()) {
			if _, ok := files[e.Name()]; !ok {
				t.Errorf("%s: release file not produced by the generator", e.Name())
			}
		}
	}
	// Generating twice gives the same bytes.
	again, _ := generate(loadCommittedMaster(t))
	for name := range files {
		if !bytes.Equal(files[name], again[name]) {
			t.Errorf("%s: generation is not deterministic", name)
		}
	}
}

func TestMasterInvariants(t *testing.T) {
	m := loadCommittedMaster(t)
	tools := allTools(m)
	if len(tools) < 270 {
		t.Errorf("master list has %d tools; want at least 270", len(tools))
	}
	repos := map[string]string{}
	ended, renamed, acquired := 0, 0, 0
	for _, tl := range tools {
		if tl.HomepageURL == "" && tl.RepoURL == "" {
			t.Errorf("%s: no homepage_url or repo_url", tl.Name)
		}
		if tl.RepoURL != "" {
			key := strings.ToLower(tl.RepoURL)
			if other, dup := repos[key]; dup {
				t.Errorf("%s and %s share repo_url %s", tl.Name, other, tl.RepoURL)
			}
			repos[key] = tl.Name
		}
		if tl.License != "" && !validLicense(tl.License) {
			t.Errorf("%s: license %q is not an SPDX id", tl.Name, tl.License)
		}
		for _, c := range tl.Relicensed {
			if !validLicense(c.From) {
				t.Errorf("%s: earlier license %q is not an SPDX id", tl.Name, c.From)
			}
		}
		dates := []string{tl.Launched.Date, tl.Ended.Date}
		if tl.Acquired != nil {
			dates = append(dates, tl.Acquired.Date)
			acquired++
		}
		for _, c := range append(append([]change{}, tl.Renamed...), tl.Relicensed...) {
			dates = append(dates, c.Date)
		}
		for i, d := range dates {
			if d == "" && i == 1 {
				continue // no end
			}
			if _, err := periodEnd(d); err != nil {
				t.Errorf("%s: %v", tl.Name, err)
			}
		}
		if tl.Ended.Date != "" {
			ended++
		}
		if len(tl.Renamed) > 0 {
			renamed++
		}
		if err := statusAgrees(tl); err != nil {
			t.Errorf("%s: %v", tl.Name, err)
		}
	}
	if ended < 20 {
		t.Errorf("%d ended tools; want at least 20", ended)
	}
	if renamed < 5 {
		t.Errorf("%d renamed tools; want at least 5", renamed)
	}
	if acquired < 10 {
		t.Errorf("%d acquired tools; want at least 10", acquired)
	}

	dates := releaseDates()
	if len(dates) != 15 {
		t.Fatalf("%d releases; want 15", len(dates))
	}
	if got := dates[0].Format("2006-01-02"); got != "2019-06-30" {
		t.Errorf("first release %s; want 2019-06-30", got)
	}
	if got := dates[14].Format("2006-01-02"); got != "2026-06-30" {
		t.Errorf("last release %s; want 2026-06-30", got)
	}
	if n := buildRelease(m, dates[13], dates[14]).toolCount(); n < 250 {
		t.Errorf("newest release has %d tools; want at least 250", n)
	}
}

// canonicalFile mirrors the canonical snapshot format, to read generated files
// back with unknown keys rejected.
type canonicalFile struct {
	Release struct {
		ID     string `yaml:"id"`
		Date   string `yaml:"date"`
		Title  string `yaml:"title"`
		Source string `yaml:"source"`
	} `yaml:"release"`
	Changes []struct {
		Kind        string `yaml:"kind"`
		Name        string `yaml:"name"`
		Category    string `yaml:"category"`
		Subcategory string `yaml:"subcategory"`
		Date        string `yaml:"date"`
		By          string `yaml:"by"`
		From        string `yaml:"from"`
		To          string `yaml:"to"`
	} `yaml:"changes"`
	Categories []struct {
		Name          string `yaml:"name"`
		Description   string `yaml:"description"`
		Subcategories []struct {
			Name        string `yaml:"name"`
			Description string `yaml:"description"`
			Tools       []struct {
				Name        string `yaml:"name"`
				HomepageURL string `yaml:"homepage_url"`
				RepoURL     string `yaml:"repo_url"`
				Description string `yaml:"description"`
				Launched    string `yaml:"launched"`
				OpenSource  *bool  `yaml:"open_source"`
				License     string `yaml:"license"`
				Status      string `yaml:"status"`
			} `yaml:"tools"`
		} `yaml:"subcategories"`
	} `yaml:"categories"`
}

// TestReleaseFilesReadBack parses every generated release as YAML and checks
// it against the in-memory release it was written from.
func TestReleaseFilesReadBack(t *testing.T) {
	m := loadCommittedMaster(t)
	files, rels := generate(m)
	statusRE := regexp.MustCompile(`^(active|acquired by .+ in \d{4})$`)
	for _, r := range rels {
		name := releaseFileName(r.Date)
		var c canonicalFile
		dec := yaml.NewDecoder(bytes.NewReader(files[name]))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		day := r.Date.Format("2006-01-02")
		if c.Release.ID != day || !strings.HasPrefix(c.Release.Date, day) || c.Release.Title != catalogTitle || c.Release.Source != catalogSource {
			t.Errorf("%s: release metadata %+v", name, c.Release)
		}
		if len(c.Categories) != len(r.Categories) {
			t.Fatalf("%s: %d categories read back; wrote %d", name, len(c.Categories), len(r.Categories))
		}
		names := map[string]bool{}
		for ci, cat := range c.Categories {
			want := r.Categories[ci]
			if cat.Name != want.Name || cat.Description != want.Description || cat.Description == "" || len(cat.Subcategories) != len(want.Subcategories) {
				t.Fatalf("%s: category %q read back differently", name, want.Name)
			}
			for si, sub := range cat.Subcategories {
				ws := want.Subcategories[si]
				if sub.Name != ws.Name || sub.Description != ws.Description || sub.Description == "" || len(sub.Tools) != len(ws.Tools) {
					t.Fatalf("%s: subcategory %q read back differently", name, ws.Name)
				}
				if !sort.SliceIsSorted(sub.Tools, func(i, j int) bool { return lessName(sub.Tools[i].Name, sub.Tools[j].Name) }) {
					t.Errorf("%s: %s: tools not sorted by name", name, sub.Name)
				}
				for ti, tl := range sub.Tools {
					wt := ws.Tools[ti]
					if tl.Name != wt.Name || tl.HomepageURL != wt.HomepageURL || tl.RepoURL != wt.RepoURL ||
						tl.Description != wt.Description || tl.Launched != wt.Launched || tl.License != wt.License ||
						tl.Status != wt.Status || tl.OpenSource == nil || *tl.OpenSource != wt.OpenSource {
						t.Errorf("%s: tool %q read back as %+v", name, wt.Name, tl)
					}
					if names[strings.ToLower(tl.Name)] {
						t.Errorf("%s: tool name %q listed twice", name, tl.Name)
					}
					names[strings.ToLower(tl.Name)] = true
					if !statusRE.MatchString(tl.Status) {
						t.Errorf("%s: %s: status %q", name, tl.Name, tl.Status)
					}
					if mustPeriodEnd(tl.Launched).After(r.Date) {
						t.Errorf("%s: %s launched %s, after the release", name, tl.Name, tl.Launched)
					}
				}
			}
		}
	}
}

func TestHistoryRules(t *testing.T) {
	yes := true
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	firstListed := func(tl *masterTool) string {
		for _, d := range releaseDates() {
			if listedAt(tl, d) {
				return d.Format("2006-01-02")
			}
		}
		return ""
	}
	lastListed := func(tl *masterTool) string {
		last := ""
		for _, d := range releaseDates() {
			if listedAt(tl, d) {
				last = d.Format("2006-01-02")
			}
		}
		return last
	}
	cases := []struct {
		launched, ended string
		first, last     string
	}{
		{"2015", "", "2019-06-30", "2026-06-30"},
		{"2019", "", "2019-12-31", "2026-06-30"},
		{"2019-03", "", "2019-06-30", "2026-06-30"},
		{"2019-06", "", "2019-06-30", "2026-06-30"},
		{"2019-07", "", "2019-12-31", "2026-06-30"},
		{"2017", "2021", "2019-06-30", "2021-06-30"},
		{"2017", "2021-03", "2019-06-30", "2020-12-31"},
		{"2017", "2021-06", "2019-06-30", "2020-12-31"},
		{"2017", "2021-07", "2019-06-30", "2021-06-30"},
		{"2025-01", "2026-06", "2025-06-30", "2025-12-31"},
		{"2019-06-30", "", "2019-06-30", "2026-06-30"},
		{"2019-07-01", "", "2019-12-31", "2026-06-30"},
		{"2017", "2021-06-30", "2019-06-30", "2020-12-31"},
		{"2017", "2021-07-01", "2019-06-30", "2021-06-30"},
	}
	for _, c := range cases {
		tl := &masterTool{Name: "x", Launched: Fact{Date: c.launched}, Ended: Fact{Date: c.ended}, OpenSource: &yes}
		if got := firstListed(tl); got != c.first {
			t.Errorf("launched %q ended %q: first listed %s; want %s", c.launched, c.ended, got, c.first)
		}
		if got := lastListed(tl); got != c.last {
			t.Errorf("launched %q ended %q: last listed %s; want %s", c.launched, c.ended, got, c.last)
		}
	}

	tl := &masterTool{
		Name: "New", Launched: Fact{Date: "2018"}, OpenSource: &yes, License: "MIT", Status: "acquired by Buyer in 2022",
		Renamed:    []change{{Date: "2020", From: "Old"}, {Date: "2021-09", From: "Middle"}},
		Relicensed: []change{{Date: "2022-03", From: "Apache-2.0"}},
		Acquired:   &acquisition{By: "Buyer", Date: "2022-05"},
	}
	for _, c := range []struct{ date, name, license, status string }{
		{"2020-06-30", "Old", "Apache-2.0", "active"},
		{"2020-12-31", "Middle", "Apache-2.0", "active"},
		{"2021-06-30", "Middle", "Apache-2.0", "active"},
		{"2021-12-31", "New", "Apache-2.0", "active"},
		{"2022-06-30", "New", "MIT", "acquired by Buyer in 2022"},
	} {
		d := day(c.date)
		if got := valueAt(tl.Renamed, tl.Name, d); got != c.name {
			t.Errorf("%s: name %q; want %q", c.date, got, c.name)
		}
		if got := valueAt(tl.Relicensed, tl.License, d); got != c.license {
			t.Errorf("%s: license %q; want %q", c.date, got, c.license)
		}
		if got := statusAt(tl, d); got != c.status {
			t.Errorf("%s: status %q; want %q", c.date, got, c.status)
		}
	}
}

func TestValidateRejects(t *testing.T) {
	base := `
categories:
  - name: C
    description: d
    subcategories:
      - name: S
        description: d
        tools:
          - name: A
            repo_url: https://github.com/a/a
            launched: "2019"
            open_source: true
            license: MIT
            status: active
            description: A tool.
`
	if _, err := parseMaster("ok.yaml", []byte(base)); err != nil {
		t.Fatalf("valid master rejected: %v", err)
	}
	sourced := base + `          - name: B
            homepage_url: https://b.example
            launched: {date: "2019-03-14", source: https://github.com/b/b/releases/tag/v0.1}
            open_source: true
            status: acquired by X in 2021
            acquired: {by: X, date: "2021-05", source: https://x.example/news}
            renamed: [{date: "2020", from: Bee, source: https://b.example/blog/rename}]
            description: Another.
`
	m, err := parseMaster("sourced.yaml", []byte(sourced))
	if err != nil {
		t.Fatalf("sourced master rejected: %v", err)
	}
	var got []string
	for _, f := range m.Facts() {
		got = append(got, f.Tool+" "+f.Kind+" "+f.Date+" "+Precision(f.Date)+" "+f.Source)
	}
	want := []string{"A launched 2019 year ", "B launched 2019-03-14 day https://github.com/b/b/releases/tag/v0.1",
		"B acquired 2021-05 month https://x.example/news", "B renamed 2020 year https://b.example/blog/rename"}
	if !slices.Equal(got, want) {
		t.Errorf("facts:\n got %q\nwant %q", got, want)
	}
	bad := map[string]string{
		"source not https": `
          - name: B
            homepage_url: https://b.example
            launched: {date: "2019", source: "http://b.example/x"}
            open_source: true
            status: active
            description: Another.
`,
		"source without date": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            ended: {source: "https://b.example/x"}
            open_source: true
            status: discontinued in 2021
            description: Another.
`,
		"unknown key in a dated fact": `
          - name: B
            homepage_url: https://b.example
            launched: {date: "2019", url: "https://b.example/x"}
            open_source: true
            status: active
            description: Another.
`,
		"bad day": `
          - name: B
            homepage_url: https://b.example
            launched: "2019-02-30"
            open_source: true
            status: active
            description: Another.
`,
		"duplicate repo": `
          - name: B
            repo_url: https://github.com/a/a
            launched: "2019"
            open_source: true
            status: active
            description: Another.
`,
		"no url": `
          - name: B
            launched: "2019"
            open_source: true
            status: active
            description: Another.
`,
		"bad licence": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            license: Apache 2
            status: active
            description: Another.
`,
		"bad date": `
          - name: B
            homepage_url: https://b.example
            launched: "2019-13"
            open_source: true
            status: active
            description: Another.
`,
		"status without end": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            status: discontinued in 2021
            description: Another.
`,
		"acquired but active": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            status: active
            acquired: {by: X, date: "2020"}
            description: Another.
`,
		"multi-line description": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            status: active
            description: "Two\nlines."
`,
		"unknown key": `
          - name: B
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            status: active
            stars: 3
            description: Another.
`,
		"duplicate name": `
          - name: a
            homepage_url: https://b.example
            launched: "2019"
            open_source: true
            status: active
            description: Another.
`,
	}
	for name, extra := range bad {
		if _, err := parseMaster(name, []byte(base+strings.TrimPrefix(extra, "\n"))); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
