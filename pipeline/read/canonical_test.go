package read

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

func TestCanonicalFixture(t *testing.T) {
	path := filepath.Join("testdata", "canonical", "2026-06-30.yaml")
	snap, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	wantRelease := catalog.Release{
		ID: "2026-h1", Date: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC), Title: "MLOps landscape",
		Source: "https://github.com/example/mlops-landscape", Commit: "0123abcd", File: path, Format: "canonical",
	}
	if !reflect.DeepEqual(snap.Release, wantRelease) {
		t.Errorf("release = %+v\nwant %+v", snap.Release, wantRelease)
	}
	tr, f := true, false
	stars, zero := int64(19000), int64(0)
	want := []catalog.Listing{
		{Name: "Airflow", Category: "Data pipeline", HomepageURL: "https://airflow.apache.org",
			Launched: "2015-06", Status: "active", Line: 11},
		{Name: "Label Studio", Category: "Data pipeline", Subcategory: "Labelling",
			HomepageURL: "https://labelstud.io", RepoURL: "https://github.com/HumanSignal/label-studio",
			Description: "Open-source data labelling tool for many data types.", Launched: "2019",
			OpenSource: &tr, License: "Apache-2.0", Status: "active", Stars: &stars, Line: 18,
			Extra: map[string]string{"docs_url": "https://labelstud.io/guide", "rank": "3", "note": ""}},
		{Name: "Scale", Category: "Data pipeline", Subcategory: "Labelling",
			HomepageURL: "https://scale.com", OpenSource: &f, Status: "acquired by Meta in 2025", Line: 30,
			Extra: map[string]string{"homepage": "https://scale.com"}},
		{Name: "DVC", Category: "Data pipeline", Subcategory: "Versioning",
			RepoURL: "https://github.com/iterative/dvc", License: "Apache-2.0 OR MIT",
			Status: "renamed to DVC Studio in 2024", Stars: &zero, Line: 37},
		{Name: "Old Server", Category: "Serving", Subcategory: "Inference",
			HomepageURL: "http://old.example.org", Status: "discontinued in 2021", Line: 46},
		{Name: "Sandboxed", Category: "Serving", Subcategory: "Inference",
			RepoURL: "https://github.com/example/sandboxed", Status: "sandbox", Line: 49},
	}
	if !reflect.DeepEqual(snap.Listings, want) {
		t.Errorf("listings =\n%+v\nwant\n%+v", snap.Listings, want)
	}
	cncfWantStrings(t, snap.Warnings, []string{
		path + `:7:3: warning: unknown key "release.editor"; expected one of id, date, title, source, commit`,
		path + `:31:13: warning: unknown key "homepage"; did you mean "homepage_url"? (kept in extra)`,
	})
}

func TestCanonicalBadFixture(t *testing.T) {
	path := filepath.Join("testdata", "canonical", "bad.yaml")
	_, err := File(path, Options{Strict: true})
	ds, ok := err.(catalog.Diagnostics)
	if !ok {
		t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
	}
	cncfWantStrings(t, ds, []string{
		path + `:2:9: release date is "2026-13-01"; expected a date YYYY-MM-DD`,
		path + `:3:10: release title is a list; expected text`,
		path + `:9:13: tool has no name; expected name: TEXT`,
		path + `:10:13: tool "No URL" has neither homepage_url nor repo_url; expected at least one of them`,
		path + `:12:27: homepage_url "labelstud.io" is not an http(s) URL; expected http:// or https:// and a host`,
		path + `:13:23: repo_url "https://" has no host; expected http:// or https:// and a host`,
		path + `:16:23: launched "2019-13" is not YYYY or YYYY-MM; expected e.g. "2019" or "2019-06"`,
		path + `:17:22: license "Apache 2.0" is not an SPDX license id; expected e.g. Apache-2.0, MIT or an SPDX expression such as Apache-2.0 OR MIT`,
		path + `:18:21: status "dead" does not follow the status grammar; expected active, acquired by NAME in YYYY, discontinued in YYYY, renamed to NAME in YYYY, archived in YYYY, or a foundation maturity (sandbox, incubating, graduated, archived)`,
		path + `:19:20: stars is "-3"; expected a whole number of 0 or more`,
		path + `:20:26: open_source is "yes"; expected true or false`,
		path + `:21:29: extra.nested is a list; expected a text value`,
		path + `:22:9: subcategory "Labelling" is listed twice in category "Data pipeline" (first at line 7); expected each subcategory once in its category`,
		path + `:23:16: tools is a mapping; expected a list of tools`,
		path + `:24:5: category "Data pipeline" is listed twice (first at line 5); expected each category once in a release`,
		path + `:25:5: category has no name; expected name: TEXT`,
		path + `:26:20: subcategories is the text "oops"; expected a list of subcategories`,
	})
}

func TestCanonicalBadInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"no release", "categories: []\n", []string{
			`x.yaml:1:1: no release: metadata; expected a release: mapping (id, date, title, source, commit)`}},
		{"no categories", "release: {date: 2026-06-30}\n", []string{
			`x.yaml:1:1: no categories:; expected a list of categories`}},
		{"not a mapping", "- a\n- b\n", []string{
			`x.yaml:1:1: the document is a list; expected a mapping with release: and categories:`}},
		{"categories not a list", "release: {}\ncategories: {a: 1}\n", []string{
			`x.yaml:2:13: categories is a mapping; expected a list of categories`}},
		{"alias", "release: {}\ncategories:\n  - &c {name: A}\n  - *c\n", []string{
			`x.yaml:4:5: YAML alias *c; expected plain data without anchors and aliases`}},
		{"syntax error", "release: {}\ncategories: [\n", []string{
			`x.yaml:3: invalid YAML: did not find expected node content; expected well-formed YAML`}},
		{"unknown keys", "release: {}\ncategries: []\ncategories:\n  - name: A\n    tols: []\n", []string{
			`x.yaml:2:1: warning: unknown key "categries"; did you mean "categories"?`,
			`x.yaml:5:5: warning: unknown key "tols"; did you mean "tools"?`}},
		{"duplicate key", "release: {}\ncategories:\n  - name: A\n    name: B\n", []string{
			`x.yaml:4:5: key "name" repeats (first at line 3); expected each key once`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := Bytes("2026-06-30.yaml", []byte(tt.data), Options{Format: "canonical", Strict: true})
			var got []catalog.Diagnostic
			switch ds, ok := err.(catalog.Diagnostics); {
			case ok:
				got = ds
			case err == nil:
				got = snap.Warnings
			default:
				t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
			}
			for i := range got {
				got[i].File = "x.yaml"
			}
			cncfWantStrings(t, got, tt.want)
		})
	}
}

func TestCanonicalValueChecks(t *testing.T) {
	tests := []struct {
		check func(string) string
		good  []string
		bad   []string
	}{
		{launchedProblem, []string{"2019", "2019-01", "2019-12"}, []string{"19", "2019-1", "2019-00", "2019-13", "2019-06-01", "June 2019"}},
		{licenseProblem,
			[]string{"MIT", "Apache-2.0", "GPL-2.0-or-later", "GPL-2.0+", "Apache-2.0 OR MIT", "(MIT OR Apache-2.0) AND BSD-3-Clause",
				"GPL-2.0-only WITH Classpath-exception-2.0", "LicenseRef-custom"},
			[]string{"Apache 2.0", "MIT License", "MIT OR", "OR MIT", "(MIT", "-MIT", "MIT AND AND BSD"}},
		{statusProblem,
			[]string{"active", "acquired by Meta in 2025", "acquired by H2O.ai, Inc. in 2019", "discontinued in 2021",
				"renamed to X in 2024", "archived in 2023", "archived", "sandbox", "incubating", "graduated"},
			[]string{"", "Active", "acquired by in 2025", "acquired by Meta", "discontinued", "discontinued in 21", "dead"}},
		{urlProblem,
			[]string{"https://a.org", "http://a.org/x?y=1#z", "https://a.org:8080/"},
			[]string{"a.org", "ftp://a.org", "https://", "https:///x", "https://a b.org", "mailto:x@a.org", "javascript:alert(1)"}},
	}
	for _, tt := range tests {
		for _, s := range tt.good {
			if msg := tt.check(s); msg != "" {
				t.Errorf("%q: %s; want it accepted", s, msg)
			}
		}
		for _, s := range tt.bad {
			if tt.check(s) == "" {
				t.Errorf("%q accepted; want it refused", s)
			}
		}
	}
}

func TestCanonicalClosestKey(t *testing.T) {
	known := []string{"name", "homepage_url", "repo_url", "description", "tools"}
	tests := map[string]string{
		"repu_url":    "repo_url",
		"homepage":    "homepage_url",
		"descripton":  "description",
		"tols":        "tools",
		"nam":         "name",
		"x":           "",
		"license_url": "",
		"name":        "",
	}
	for key, want := range tests {
		if got := closestKey(key, known); got != want {
			t.Errorf("closestKey(%q) = %q; want %q", key, got, want)
		}
	}
}

func TestCanonicalDetect(t *testing.T) {
	tests := []struct {
		name, head, want string
	}{
		{"2026-06-30.yaml", "release:\n  date: 2026-06-30\n", "canonical"},
		{"2026-06-30.yml", "# comment\ncategories:\n  - name: A\n", "canonical"},
	}
	for _, tt := range tests {
		if got, err := Detect(tt.name, []byte(tt.head)); err != nil || got != tt.want {
			t.Errorf("Detect(%s) = %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	if detectCanonical("2026-06-30.yaml", []byte("  release: nested\n")) {
		t.Error("detectCanonical took an indented release: key")
	}
	if detectCanonical("2026-06-30.txt", []byte("release:\n")) {
		t.Error("detectCanonical took a .txt file")
	}
}

// TestCanonicalSchemaInSync checks docs/snapshot.schema.json against the
// reader: the same keys at each level, and the same verdicts of its patterns
// on sample values.
func TestCanonicalSchemaInSync(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "snapshot.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	type object struct {
		Pattern    string `json:"pattern"`
		Properties map[string]struct {
			Pattern string `json:"pattern"`
			OneOf   []struct {
				Pattern string `json:"pattern"`
			} `json:"oneOf"`
		} `json:"properties"`
	}
	var schema struct {
		object
		Defs map[string]object `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("schema: %v", err)
	}
	levels := []struct {
		obj  object
		keys []string
	}{
		{schema.object, canonicalTopKeys},
		{schema.Defs["release"], canonicalReleaseKeys},
		{schema.Defs["category"], canonicalCategoryKeys},
		{schema.Defs["subcategory"], canonicalSubcategoryKeys},
		{schema.Defs["tool"], canonicalToolKeys},
		{schema.Defs["change"], canonicalChangeKeys},
	}
	for _, lv := range levels {
		got := slices.Sorted(maps.Keys(lv.obj.Properties))
		if want := slices.Sorted(slices.Values(lv.keys)); !slices.Equal(got, want) {
			t.Errorf("schema keys %v; the reader knows %v", got, want)
		}
	}
	tool := schema.Defs["tool"].Properties
	patterns := []struct {
		pattern string
		check   func(string) string
		samples []string
	}{
		{tool["status"].Pattern, statusProblem, []string{"active", "archived", "sandbox", "acquired by Meta in 2025",
			"renamed to A B in 2020", "discontinued in 2021", "archived in 2023", "dead", "acquired by in 2025", "Active"}},
		{tool["license"].Pattern, licenseProblem, []string{"MIT", "Apache-2.0 OR MIT", "GPL-2.0+", "LicenseRef-x",
			"(MIT OR Apache-2.0) AND BSD-3-Clause", "Apache 2.0", "MIT License", "OR MIT"}},
		{tool["launched"].OneOf[0].Pattern, launchedProblem, []string{"2019", "2019-06", "2019-13", "19", "2019-6"}},
		{schema.Defs["url"].Pattern, urlProblem, []string{"https://a.org", "HTTP://a.org/x?y=1#z", "https://a.org:8080/",
			"a.org", "ftp://a.org", "https://", "https:///x", "https://a b.org"}},
	}
	for _, p := range patterns {
		re, err := regexp.Compile(p.pattern)
		if err != nil {
			t.Fatalf("schema pattern %q: %v", p.pattern, err)
		}
		for _, s := range p.samples {
			if schemaOK, readerOK := re.MatchString(s), p.check(s) == ""; schemaOK != readerOK {
				t.Errorf("%q: schema accepts = %v, reader accepts = %v", s, schemaOK, readerOK)
			}
		}
	}
}

// TestCanonicalDocExample reads the example of docs/snapshot-format.md.
func TestCanonicalDocExample(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "snapshot-format.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(doc), "```yaml\n")
	example, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("no ```yaml block in docs/snapshot-format.md")
	}
	snap, err := Bytes("2026-06-30.yaml", []byte(example), Options{})
	if err != nil {
		t.Fatalf("the documented example does not read: %v", err)
	}
	if len(snap.Listings) != 1 || len(snap.Warnings) != 0 || snap.Listings[0].Name != "Label Studio" {
		t.Errorf("listings %+v, warnings %v", snap.Listings, snap.Warnings)
	}
}
