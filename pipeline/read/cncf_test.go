package read

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"go.yaml.in/yaml/v3"
)

// cncfCorpusDir is the corpus of real landscape.yml files, relative to this
// package; tests that need it are skipped when it is absent.
var cncfCorpusDir = filepath.Join("..", "..", "..", "shared", "corpora", "cncf-landscape")

func cncfCorpusFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(cncfCorpusDir, "*.yml"))
	if err != nil || len(files) == 0 {
		t.Skipf("CNCF corpus not found in %s", cncfCorpusDir)
	}
	return files
}

// cncfCorpusSnaps caches the corpus files read by cncfCorpusFile (the tests
// do not run in parallel).
var cncfCorpusSnaps = map[string]*catalog.Snapshot{}

// cncfCorpusFile reads one corpus file by name, skipping when it is absent.
func cncfCorpusFile(t *testing.T, name string) (string, []byte, *catalog.Snapshot) {
	t.Helper()
	path := filepath.Join(cncfCorpusDir, name)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("CNCF corpus file %s not found: %v", path, err)
	}
	if snap, ok := cncfCorpusSnaps[name]; ok {
		return path, data, snap
	}
	snap, err := File(path, Options{})
	if err != nil {
		t.Fatalf("File(%s): %v", name, err)
	}
	cncfCorpusSnaps[name] = snap
	return path, data, snap
}

// cncfGenericCount counts items the way the reader does not: a generic YAML
// decode into maps, counting the mappings under
// landscape[*].subcategories[*].items[*]. It gives the total and the count per
// category name (a category listed twice adds up).
func cncfGenericCount(t *testing.T, data []byte) (int, map[string]int) {
	t.Helper()
	var doc map[string]any
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("generic decode: %v", err)
	}
	total, perCat := 0, map[string]int{}
	cats, _ := doc["landscape"].([]any)
	for _, c := range cats {
		cm, _ := c.(map[string]any)
		name, _ := cm["name"].(string)
		subs, _ := cm["subcategories"].([]any)
		for _, s := range subs {
			sm, _ := s.(map[string]any)
			items, _ := sm["items"].([]any)
			for _, it := range items {
				if _, ok := it.(map[string]any); ok {
					total++
					perCat[name]++
				}
			}
		}
	}
	return total, perCat
}

var cncfItemMarkerLine = regexp.MustCompile(`(?m)^\s*- item:`)

func TestCNCFCorpus(t *testing.T) {
	for _, path := range cncfCorpusFiles(t) {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			snap, err := File(path, Options{})
			if err != nil {
				t.Fatalf("File: %v", err)
			}
			if id := strings.TrimSuffix(base, ".yml"); snap.Release.ID != id || snap.Release.Format != "cncf" {
				t.Errorf("release = %q/%q; want %q/cncf", snap.Release.ID, snap.Release.Format, id)
			}
			total, perCat := cncfGenericCount(t, data)
			if len(snap.Listings) != total {
				t.Errorf("listings = %d; generic decode counts %d items", len(snap.Listings), total)
			}
			gotPerCat := map[string]int{}
			for _, l := range snap.Listings {
				gotPerCat[l.Category]++
			}
			for name, n := range perCat {
				if gotPerCat[name] != n {
					t.Errorf("category %q: %d listings; generic decode counts %d", name, gotPerCat[name], n)
				}
			}
			markers := len(cncfItemMarkerLine.FindAll(data, -1))
			wantExtra := 0
			if base >= "2025-06-30.yml" {
				wantExtra = 2 // KubeReport and Volcano Engine APMPlus lack the item: marker
			}
			if len(snap.Listings) != markers+wantExtra {
				t.Errorf("listings = %d; want %d (- item: lines) + %d", len(snap.Listings), markers, wantExtra)
			}
			cncfCheckListings(t, snap)
		})
	}
}

// cncfCheckListings checks what holds for every listing and warning.
func cncfCheckListings(t *testing.T, snap *catalog.Snapshot) {
	t.Helper()
	lines := map[int]string{}
	for _, l := range snap.Listings {
		if l.Name == "" || l.Category == "" || l.Subcategory == "" || l.Line <= 0 {
			t.Errorf("incomplete listing %+v", l)
		}
		if other, dup := lines[l.Line]; dup {
			t.Errorf("line %d holds both %q and %q", l.Line, other, l.Name)
		}
		lines[l.Line] = l.Name
	}
	for _, w := range snap.Warnings {
		if w.Severity != catalog.SeverityWarning || w.Line <= 0 || w.Col <= 0 {
			t.Errorf("warning without a position or of the wrong severity: %v", w)
		}
	}
}

// TestCNCFCorpusMergedCategory: 2024-12-31 lists CNAI twice; the reader makes
// one category of it and keeps every item.
func TestCNCFCorpusMergedCategory(t *testing.T) {
	path, data, snap := cncfCorpusFile(t, "2024-12-31.yml")
	var doc struct {
		Landscape []struct {
			Name          string `yaml:"name"`
			Subcategories []struct {
				Name  string           `yaml:"name"`
				Items []map[string]any `yaml:"items"`
			} `yaml:"subcategories"`
		} `yaml:"landscape"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	entries, items := 0, 0
	names := map[string]bool{}
	for _, c := range doc.Landscape {
		names[c.Name] = true
		if c.Name != "CNAI" {
			continue
		}
		entries++
		for _, s := range c.Subcategories {
			items += len(s.Items)
		}
	}
	if entries != 2 {
		t.Fatalf("the corpus file lists CNAI %d times; this test expects 2", entries)
	}

	first, last, n := -1, -1, 0
	subs := map[string]bool{}
	cats := map[string]bool{}
	for i, l := range snap.Listings {
		cats[l.Category] = true
		if l.Category != "CNAI" {
			continue
		}
		if first < 0 {
			first = i
		}
		last = i
		n++
		subs[l.Subcategory] = true
	}
	if n != items {
		t.Errorf("CNAI listings = %d; the two CNAI entries hold %d items", n, items)
	}
	if last-first+1 != n {
		t.Errorf("CNAI listings are not contiguous: %d listings from index %d to %d", n, first, last)
	}
	if !subs["Open Enterprise AI Blueprints"] || len(subs) < 2 {
		t.Errorf("CNAI subcategories = %v; want the first entry's and Open Enterprise AI Blueprints", subs)
	}
	if len(cats) != len(names) {
		t.Errorf("%d categories; want %d distinct names", len(cats), len(names))
	}
	want := catalog.Warnf(path, 19573, 5, "category %q is listed twice (first at line 18961); its subcategories are merged into the first", "CNAI")
	cncfWantDiagnostic(t, snap.Warnings, want)
}

func cncfWantDiagnostic(t *testing.T, ds []catalog.Diagnostic, want catalog.Diagnostic) {
	t.Helper()
	for _, d := range ds {
		if d == want {
			return
		}
	}
	t.Errorf("missing diagnostic %q in:\n%v", want, catalog.Diagnostics(ds))
}

// cncfFind returns the listing of that name at that line.
func cncfFind(t *testing.T, snap *catalog.Snapshot, name string, line int) catalog.Listing {
	t.Helper()
	for _, l := range snap.Listings {
		if l.Name == name && l.Line == line {
			return l
		}
	}
	t.Fatalf("no listing %q at line %d", name, line)
	return catalog.Listing{}
}

// TestCNCFCorpusTypos: misspelled keys are warnings with their position, and
// their values stay in Extra.
func TestCNCFCorpusTypos(t *testing.T) {
	tests := []struct {
		file      string
		item      string
		itemLine  int
		warnLine  int
		warnCol   int
		msg       string
		extraKey  string
		extraWant string
	}{
		{"2025-12-31.yml", "Robin CNP", 9068, 9072, 13, `unknown key "repu_url"; did you mean "repo_url"?`, "repu_url", "https://github.com/Robinsystems/robin"},
		{"2026-06-30.yml", "Robin CNP", 9079, 9083, 13, `unknown key "repu_url"; did you mean "repo_url"?`, "repu_url", "https://github.com/Robinsystems/robin"},
		{"2026-06-30.yml", "Okahu", 11700, 11709, 15, `unknown key "extra.documentation_ul"; did you mean "extra.documentation_url"?`, "extra.documentation_ul", "https://docs.okahu.ai"},
		{"2024-12-31.yml", "Okahu", 19273, 19282, 13, `unknown key "extra.documentation_ul"; did you mean "extra.documentation_url"?`, "extra.documentation_ul", "https://docs.okahu.ai"},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.extraKey, func(t *testing.T) {
			path, _, snap := cncfCorpusFile(t, tt.file)
			cncfWantDiagnostic(t, snap.Warnings, catalog.Warnf(path, tt.warnLine, tt.warnCol, "%s", tt.msg))
			l := cncfFind(t, snap, tt.item, tt.itemLine)
			if got := l.Extra[tt.extraKey]; got != tt.extraWant {
				t.Errorf("Extra[%q] = %q; want %q", tt.extraKey, got, tt.extraWant)
			}
		})
	}
}

// TestCNCFCorpusSpotChecks compares listings with what the files say, read
// by hand.
func TestCNCFCorpusSpotChecks(t *testing.T) {
	f, tr := false, true
	tests := []struct {
		file string
		want catalog.Listing
		// extra lists some Extra entries to check (not all of them)
		extra map[string]string
	}{
		{"2018-06-30.yml", catalog.Listing{
			Name: "Kubernetes", Category: "Orchestration & Management", Subcategory: "Scheduling & Orchestration",
			HomepageURL: "https://kubernetes.io/", RepoURL: "https://github.com/kubernetes/kubernetes",
			Description: "Kubernetes is an open-source system for automating deployment, scaling, and management of containerized applications",
			Status:      "graduated", Line: 913,
		}, map[string]string{"twitter": "https://twitter.com/kubernetesio"}},
		{"2019-12-31.yml", catalog.Listing{
			Name: "CockroachDB", Category: "App Definition and Development", Subcategory: "Database",
			HomepageURL: "https://www.cockroachlabs.com/", RepoURL: "https://github.com/cockroachdb/cockroach",
			OpenSource: &f, Line: 1517,
		}, map[string]string{"crunchbase": "https://www.crunchbase.com/organization/cockroach-labs"}},
		{"2026-06-30.yml", catalog.Listing{
			Name: "Akri", Category: "Provisioning", Subcategory: "Automation & Configuration",
			HomepageURL: "https://docs.akri.sh", RepoURL: "https://github.com/project-akri/akri",
			Status: "sandbox", Line: 17,
		}, map[string]string{"logo": "akri.svg", "extra.accepted": "2021-09-14", "extra.chat_channel": "#akri"}},
		{"2026-06-30.yml", catalog.Listing{
			Name: "KubeReport", Category: "Observability and Analysis", Subcategory: "Observability",
			HomepageURL: "https://kubesuite.org/", RepoURL: "https://github.com/kubesuiteorg/kubereport",
			Description: "KubeReport is an open-source tool that generates detailed Kubernetes cluster reports in PDF and CSV formats, providing insights into  resource utilization, workload status, and cluster health for easier auditing and troubleshooting.",
			Line:        11453,
		}, map[string]string{"extra.linkedin_url": "https://www.linkedin.com/company/kubesuite"}},
		{"2026-06-30.yml", catalog.Listing{
			Name: "Chaterm", Category: "Provisioning", Subcategory: "Automation & Configuration",
			HomepageURL: "https://chaterm.ai/", RepoURL: "https://github.com/chaterm/Chaterm",
			Description: "AI terminal and SSH Client for EC2, Database and Kubernetes.", OpenSource: &tr, Line: 120,
		}, map[string]string{"second_path": `["Serverless / Tools"]`, "extra.blog_url": "https://chaterm.ai/blog/"}},
		{"2026-06-30.yml", catalog.Listing{
			Name: "SDC", Category: "Provisioning", Subcategory: "Automation & Configuration",
			HomepageURL: "https://docs.sdcio.dev/", RepoURL: "https://github.com/sdcio/docs",
			Description: "SDC (schema Driven Configuration) exposes any schema based configuration as Kubernetes resources.",
			Line:        666,
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.want.Name, func(t *testing.T) {
			_, _, snap := cncfCorpusFile(t, tt.file)
			got := cncfFind(t, snap, tt.want.Name, tt.want.Line)
			extra := got.Extra
			got.Extra = nil
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("listing =\n%+v\nwant\n%+v", got, tt.want)
			}
			for k, v := range tt.extra {
				if extra[k] != v {
					t.Errorf("Extra[%q] = %q; want %q", k, extra[k], v)
				}
			}
		})
	}
}

// TestCNCFCorpusNestedExtra: lists and mappings are kept as compact JSON.
func TestCNCFCorpusNestedExtra(t *testing.T) {
	_, _, snap := cncfCorpusFile(t, "2026-06-30.yml")
	sdc := cncfFind(t, snap, "SDC", 666)
	want := `[{"repo_url":"https://github.com/sdcio/data-server"},{"repo_url":"https://github.com/sdcio/config-server"},` +
		`{"repo_url":"https://github.com/sdcio/schema-server"},{"repo_url":"https://github.com/sdcio/sdc-lite"},` +
		`{"repo_url":"https://github.com/sdcio/kubectl-sdcio"},{"repo_url":"https://github.com/sdcio/logger"}]`
	if got := sdc.Extra["additional_repos"]; got != want {
		t.Errorf("additional_repos = %s\nwant %s", got, want)
	}
	cc := cncfFind(t, snap, "Cloud Custodian", 138)
	want = `[{"date":"2024-04-19","type":"security","url":"https://ostif.org/wp-content/uploads/2024/04/Ada-Logics-security-audit-2023-report.pdf","vendor":"Ada Logics"}]`
	if got := cc.Extra["extra.audits"]; got != want {
		t.Errorf("extra.audits = %s\nwant %s", got, want)
	}
}

func TestCNCFFixture(t *testing.T) {
	path := filepath.Join("testdata", "cncf", "2026-01-31.yml")
	snap, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := false
	want := []catalog.Listing{
		{Name: "Alpha", Category: "Provisioning", Subcategory: "Automation",
			HomepageURL: "https://alpha.example.org/", RepoURL: "https://github.com/example/alpha",
			Description: "Alpha automates everything.", Status: "graduated", Line: 10,
			Extra: map[string]string{
				"logo":                   "alpha.svg",
				"crunchbase":             "https://www.crunchbase.com/organization/alpha",
				"second_path":            `["Runtime / Storage"]`,
				"additional_repos":       `[{"repo_url":"https://github.com/example/alpha-docs","branch":"main"}]`,
				"extra.accepted":         "2020-01-02",
				"extra.audits":           `[{"date":"2021-03-04","vendor":"Ada Logics"}]`,
				"extra.specification":    "true",
				"extra.documentation_ul": "https://docs.alpha.example.org",
			}},
		{Name: "Beta", Category: "Provisioning", Subcategory: "Automation",
			HomepageURL: "https://beta.example.org", Description: "Beta line one.\nBeta line two.",
			OpenSource: &f, Line: 32,
			Extra: map[string]string{"repu_url": "https://github.com/example/beta"}},
		{Name: "Gamma", Category: "Provisioning", Subcategory: "Security",
			HomepageURL: "http://gamma.example.org", Line: 58,
			Extra: map[string]string{"bluesky_url": "https://bsky.app/profile/gamma"}},
		{Name: "Alpha", Category: "Runtime", Subcategory: "Storage",
			HomepageURL: "https://alpha.example.org/", Status: "sandbox", Line: 46,
			Extra: map[string]string{"enduser": "true", "stock_ticker": ""}},
	}
	if !reflect.DeepEqual(snap.Listings, want) {
		t.Errorf("listings =\n%+v\nwant\n%+v", snap.Listings, want)
	}
	wantWarnings := []string{
		path + `:31:15: warning: unknown key "extra.documentation_ul"; did you mean "extra.documentation_url"?`,
		path + `:35:13: warning: unknown key "repu_url"; did you mean "repo_url"?`,
		path + `:52:5: warning: category "Provisioning" is listed twice (first at line 4); its subcategories are merged into the first`,
		path + `:61:13: warning: unknown key "bluesky_url"; did you mean "extra.bluesky_url"?`,
	}
	cncfWantStrings(t, snap.Warnings, wantWarnings)
	if snap.Release.ID != "2026-01-31" || snap.Release.Format != "cncf" {
		t.Errorf("release = %+v", snap.Release)
	}
}

func cncfWantStrings(t *testing.T, ds []catalog.Diagnostic, want []string) {
	t.Helper()
	got := make([]string, len(ds))
	for i, d := range ds {
		got[i] = d.String()
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCNCFBadFixture(t *testing.T) {
	path := filepath.Join("testdata", "cncf", "bad.yml")
	_, err := File(path, Options{Strict: true})
	ds, ok := err.(catalog.Diagnostics)
	if !ok {
		t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
	}
	cncfWantStrings(t, ds, []string{
		path + `:8:13: item in "Provisioning" › "Automation" has no name; expected name: TEXT`,
		path + `:12:27: homepage_url "www.example.org" is not an http(s) URL; expected http:// or https:// and a host`,
		path + `:13:23: repo_url "ftp://example.org/repo" is not an http(s) URL; expected http:// or https:// and a host`,
		path + `:16:13: key "name" repeats (first at line 15); expected each key once`,
		path + `:21:26: open_source is "maybe"; expected true or false`,
		path + `:22:20: extra is a list; expected a mapping`,
		path + `:26:11: items is a mapping; expected a list of items`,
		path + `:27:5: category is the text "just a string"; expected a mapping with name: and subcategories:`,
	})
}

func TestCNCFBadInput(t *testing.T) {
	deep := "landscape: " + strings.Repeat("[", 70) + strings.Repeat("]", 70) + "\n"
	tests := []struct {
		name string
		data string
		want []string
	}{
		// For this parser error the YAML library reports the line where the
		// enclosing list starts, counted from 0; the reader adds 1.
		{"syntax error", "landscape:\n  - category:\n    name: [A\n", []string{
			`x.yml:3: invalid YAML: did not find expected ',' or ']'; expected well-formed YAML`}},
		{"tab indentation", "landscape:\n\t- name: A\n", []string{
			`x.yml:2: invalid YAML: found character that cannot start any token; expected well-formed YAML`}},
		{"alias", "landscape:\n  - &c\n    name: A\n  - *c\n", []string{
			`x.yml:4:5: YAML alias *c; expected plain data without anchors and aliases`}},
		{"deep nesting", deep, []string{
			`x.yml:1:75: YAML nesting is deeper than 64 levels; expected a flatter document`}},
		{"empty", "# nothing\n", []string{
			`x.yml: the file holds no YAML document; expected a mapping`}},
		{"two documents", "landscape: []\n---\nlandscape: []\n", []string{
			`x.yml:2:1: a second YAML document starts here; expected one document per file`}},
		{"no landscape", "categories: []\n", []string{
			`x.yml:1:1: no landscape: key; expected landscape: with a list of categories`,
			`x.yml:1:1: warning: unknown key "categories"; expected one of landscape`}},
		{"landscape not a list", "landscape:\n  name: A\n", []string{
			`x.yml:2:3: landscape is a mapping; expected a list of categories`}},
		{"no category name", "landscape:\n  - category:\n    subcategories: []\n", []string{
			`x.yml:2:5: category has no name; expected name: TEXT`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Bytes("x.yml", []byte(tt.data), Options{Format: "cncf", Strict: true})
			ds, ok := err.(catalog.Diagnostics)
			if !ok {
				t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
			}
			cncfWantStrings(t, ds, tt.want)
		})
	}
}

func TestCNCFNodeBudget(t *testing.T) {
	saved := maxYAMLNodes
	maxYAMLNodes = 10
	defer func() { maxYAMLNodes = saved }()
	data := "landscape:\n  - name: A\n    subcategories: [a, b, c, d, e, f, g, h]\n"
	_, err := Bytes("x.yml", []byte(data), Options{Format: "cncf"})
	ds, ok := err.(catalog.Diagnostics)
	if !ok {
		t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
	}
	cncfWantStrings(t, ds, []string{`x.yml:3:27: the document has more than 10 YAML nodes; expected a smaller file`})
}

func TestCNCFDetect(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"2026-06-30.yml", "# yaml-language-server: $schema=x\n\nlandscape:\n  - category:\n", "cncf"},
		{"landscape.YAML", "landscape:\n", "cncf"},
		{"2026-06-30.yml", "\xef\xbb\xbflandscape:\n", "cncf"},
		{"2026-06-30.yml", "release:\n  id: x\ncategories: []\n", "canonical"},
		{"notes.txt", "landscape:\n", ""},
	}
	for _, tt := range tests {
		got, err := Detect(tt.name, []byte(tt.head))
		if tt.want == "" {
			if err == nil && got == "cncf" {
				t.Errorf("Detect(%s) = cncf; want not cncf", tt.name)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("Detect(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
}
