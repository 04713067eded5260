package read

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

func TestCSVFixture(t *testing.T) {
	path := filepath.Join("testdata", "csv", "2026-06-30.csv")
	lf, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tr, f := true, false
	stars, zero := int64(19000), int64(0)
	want := []catalog.Listing{
		{Name: "Label Studio", Category: "Data pipeline", Subcategory: "Labelling",
			HomepageURL: "https://labelstud.io", RepoURL: "https://github.com/HumanSignal/label-studio",
			Description: "Open-source data labelling, for many data types.", Launched: "2019",
			OpenSource: &tr, License: "Apache-2.0", Status: "active", Stars: &stars, Line: 2,
			Extra: map[string]string{"twitter": "@labelstudio"}},
		{Name: "Scale", Category: "Data pipeline", Subcategory: "Labelling",
			HomepageURL: "https://scale.com", Description: "A platform\nspanning two lines.", Launched: "2016-08",
			OpenSource: &f, Status: "acquired by Meta in 2025", Line: 3},
		{Name: "DVC", Category: "Data pipeline", RepoURL: "https://github.com/iterative/dvc",
			OpenSource: &tr, License: "Apache-2.0", Stars: &zero, Line: 7,
			Extra: map[string]string{"column_13": "extra value"}},
	}
	variants := map[string][]byte{
		"LF":       lf,
		"CRLF":     bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n")),
		"BOM+CRLF": append([]byte("\xef\xbb\xbf"), bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))...),
	}
	for name, data := range variants {
		t.Run(name, func(t *testing.T) {
			snap, err := Bytes(path, data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(snap.Listings, want) {
				t.Errorf("listings =\n%+v\nwant\n%+v", snap.Listings, want)
			}
			if len(snap.Warnings) != 0 {
				t.Errorf("warnings: %v", catalog.Diagnostics(snap.Warnings))
			}
			if snap.Release.ID != "2026-06-30" || snap.Release.Format != "csv" {
				t.Errorf("release = %+v", snap.Release)
			}
		})
	}
}

func TestCSVBadFixture(t *testing.T) {
	path := filepath.Join("testdata", "csv", "bad.csv")
	_, err := File(path, Options{Strict: true})
	ds, ok := err.(catalog.Diagnostics)
	if !ok {
		t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
	}
	cncfWantStrings(t, ds, []string{
		path + `:1:56: warning: unknown column "Licence"; did you mean "license"? (kept in Extra)`,
		path + `:2:1: row has no name; expected a tool name in the name column`,
		path + `:3:8: row has no category; expected a category in the category column`,
		path + `:4:13: homepage_url "b.org" is not an http(s) URL; expected http:// or https:// and a host`,
		path + `:4:19: repo_url "ftp://x.org/c" is not an http(s) URL; expected http:// or https:// and a host`,
		path + `:4:33: stars is "lots"; expected a whole number of 0 or more`,
		path + `:4:38: open_source is "maybe"; expected true or false (or yes/no)`,
		path + `:4:44: launched "June 2019" is not YYYY or YYYY-MM; expected e.g. "2019" or "2019-06"`,
		path + `:5:13: row has 3 fields; expected 8, as in the header`,
		path + `:6:32: row has 9 fields; expected 8, as in the header`,
		path + `:7:20: invalid CSV: extraneous or missing " in quoted-field; expected comma-separated fields, quoted with " where needed`,
	})
}

func TestCSVBadInput(t *testing.T) {
	tests := []struct {
		name string
		data string
		want []string
	}{
		{"empty", "", []string{
			`x.csv: the file is empty; expected a header row with name and category columns`}},
		{"no name column", "Title,Category\nA,B\n", []string{
			`x.csv:1: the header has no name column; expected a column named "name"`}},
		{"no category column", "name\nA\n", []string{
			`x.csv:1: the header has no category column; expected a column named "category"`}},
		{"repeated column", "Name,Category,URL,Website\nA,B,https://a.org,https://a.org\n", []string{
			`x.csv:1:19: column "Website" repeats column 3 ("URL"); expected each column once`}},
		{"bare quote", "name,category\nA \"x\",B\n", []string{
			`x.csv:2:3: invalid CSV: bare " in non-quoted-field; expected comma-separated fields, quoted with " where needed`}},
		{"bad license and status", "name,category,license,status\nA,B,Apache 2,gone\n", []string{
			`x.csv:2:5: license "Apache 2" is not an SPDX license id; expected e.g. Apache-2.0, MIT or an SPDX expression such as Apache-2.0 OR MIT`,
			`x.csv:2:14: status "gone" does not follow the status grammar; expected active, acquired by NAME in YYYY, discontinued in YYYY, renamed to NAME in YYYY, archived in YYYY, or a foundation maturity (sandbox, incubating, graduated, archived)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Bytes("x.csv", []byte(tt.data), Options{Format: "csv", Strict: true})
			ds, ok := err.(catalog.Diagnostics)
			if !ok {
				t.Fatalf("err = %v (%T); want catalog.Diagnostics", err, err)
			}
			cncfWantStrings(t, ds, tt.want)
		})
	}
}

func TestCSVHeaderKey(t *testing.T) {
	tests := map[string]string{
		"Name":           "name",
		" Homepage URL":  "homepage_url",
		"repo-url":       "repo_url",
		"Sub - Category": "sub_category",
		"Open_Source":    "open_source",
		"":               "",
	}
	for in, want := range tests {
		if got := csvKey(in); got != want {
			t.Errorf("csvKey(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestCSVDetect(t *testing.T) {
	for name, want := range map[string]bool{"2026-06-30.csv": true, "TOOLS.CSV": true, "2026-06-30.tsv": false, "a.csv.yaml": false} {
		if got := detectCSV(name, nil); got != want {
			t.Errorf("detectCSV(%q) = %v; want %v", name, got, want)
		}
	}
}
