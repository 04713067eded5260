package read

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// TestLenientFields: per format, a malformed field is a warning in lenient
// mode (the default), with the listing kept and the field left out or
// normalised, and the same input is refused with an error in strict mode.
func TestLenientFields(t *testing.T) {
	const (
		urlMsg   = ` is not an http(s) URL; expected http:// or https:// and a host`
		starsMsg = `stars is "lots"; expected a whole number of 0 or more`
	)
	canonical := func(tool string) string {
		return "release: {}\ncategories:\n  - name: Serving\n    tools:\n      - name: Fine\n        homepage_url: https://fine.org\n" + tool
	}
	cncf := func(item string) string {
		return "landscape:\n  - category:\n    name: Serving\n    subcategories:\n      - subcategory:\n        name: Models\n        items:\n          - item:\n            name: Fine\n            homepage_url: https://fine.org\n" + item
	}
	tests := []struct {
		name, file, data string
		// lenient: the listings (name and the field, as listing renders
		// them) and the warning
		listings []string
		warn     string
		// strict: the error
		err string
	}{
		{"canonical URL without scheme", "2024-01-31.yaml", canonical("      - name: OGIS\n        homepage_url: www.ogis-ri.co.jp/\n"),
			[]string{"Fine https://fine.org", "OGIS https://www.ogis-ri.co.jp/"},
			`2024-01-31.yaml:8:23: warning: homepage_url "www.ogis-ri.co.jp/"` + urlMsg + `; read as "https://www.ogis-ri.co.jp/"`,
			`2024-01-31.yaml:8:23: homepage_url "www.ogis-ri.co.jp/"` + urlMsg},
		{"canonical garbage URL", "2024-01-31.yaml", canonical("      - name: Bad\n        repo_url: \"htp:/not a url\"\n        homepage_url: https://bad.org\n"),
			[]string{"Fine https://fine.org", "Bad https://bad.org"},
			`2024-01-31.yaml:8:19: warning: repo_url "htp:/not a url" is not a valid URL; expected http:// or https:// and a host; left out`,
			`2024-01-31.yaml:8:19: repo_url "htp:/not a url" is not a valid URL; expected http:// or https:// and a host`},
		{"canonical bad launched", "2024-01-31.yaml", canonical("      - {name: Old, homepage_url: https://old.org, launched: \"June 2019\"}\n"),
			[]string{"Fine https://fine.org", "Old https://old.org launched="},
			`2024-01-31.yaml:7:62: warning: launched "June 2019" is not YYYY or YYYY-MM; expected e.g. "2019" or "2019-06"; left out`,
			`2024-01-31.yaml:7:62: launched "June 2019" is not YYYY or YYYY-MM; expected e.g. "2019" or "2019-06"`},
		{"canonical bad stars", "2024-01-31.yaml", canonical("      - {name: Star, homepage_url: https://star.org, stars: lots}\n"),
			[]string{"Fine https://fine.org", "Star https://star.org stars=nil"},
			`2024-01-31.yaml:7:61: warning: ` + starsMsg + `; left out`,
			`2024-01-31.yaml:7:61: ` + starsMsg},
		{"canonical bad boolean", "2024-01-31.yaml", canonical("      - {name: Open, homepage_url: https://open.org, open_source: maybe}\n"),
			[]string{"Fine https://fine.org", "Open https://open.org open_source=nil"},
			`2024-01-31.yaml:7:67: warning: open_source is "maybe"; expected true or false; left out`,
			`2024-01-31.yaml:7:67: open_source is "maybe"; expected true or false`},
		{"canonical bad licence", "2024-01-31.yaml", canonical("      - {name: Lic, homepage_url: https://lic.org, license: Apache 2}\n"),
			[]string{"Fine https://fine.org", "Lic https://lic.org license="},
			`2024-01-31.yaml:7:61: warning: license "Apache 2" is not an SPDX license id; expected e.g. Apache-2.0, MIT or an SPDX expression such as Apache-2.0 OR MIT; left out`,
			`2024-01-31.yaml:7:61: license "Apache 2" is not an SPDX license id; expected e.g. Apache-2.0, MIT or an SPDX expression such as Apache-2.0 OR MIT`},
		{"canonical no name", "2024-01-31.yaml", canonical("      - {homepage_url: https://anon.org}\n"),
			[]string{"Fine https://fine.org"},
			`2024-01-31.yaml:7:9: warning: tool has no name; expected name: TEXT; the listing is left out`,
			`2024-01-31.yaml:7:9: tool has no name; expected name: TEXT`},

		{"cncf URL without scheme", "2024-01-31.yml", cncf("          - item:\n            name: OGIS\n            homepage_url: www.ogis-ri.co.jp/\n"),
			[]string{"Fine https://fine.org", "OGIS https://www.ogis-ri.co.jp/"},
			`2024-01-31.yml:13:27: warning: homepage_url "www.ogis-ri.co.jp/"` + urlMsg + `; read as "https://www.ogis-ri.co.jp/"`,
			`2024-01-31.yml:13:27: homepage_url "www.ogis-ri.co.jp/"` + urlMsg},
		{"cncf garbage URL", "2024-01-31.yml", cncf("          - item:\n            name: FTP\n            homepage_url: https://ftp.org\n            repo_url: ftp://ftp.org/repo\n"),
			[]string{"Fine https://fine.org", "FTP https://ftp.org"},
			`2024-01-31.yml:14:23: warning: repo_url "ftp://ftp.org/repo"` + urlMsg + `; left out`,
			`2024-01-31.yml:14:23: repo_url "ftp://ftp.org/repo"` + urlMsg},
		{"cncf bad boolean", "2024-01-31.yml", cncf("          - item:\n            name: Open\n            homepage_url: https://open.org\n            open_source: maybe\n"),
			[]string{"Fine https://fine.org", "Open https://open.org open_source=nil"},
			`2024-01-31.yml:14:26: warning: open_source is "maybe"; expected true or false; left out`,
			`2024-01-31.yml:14:26: open_source is "maybe"; expected true or false`},
		{"cncf no name", "2024-01-31.yml", cncf("          - item:\n            homepage_url: https://anon.org\n"),
			[]string{"Fine https://fine.org"},
			`2024-01-31.yml:11:13: warning: item in "Serving" › "Models" has no name; expected name: TEXT; the listing is left out`,
			`2024-01-31.yml:11:13: item in "Serving" › "Models" has no name; expected name: TEXT`},

		{"markdown URL without scheme", "2024-01-31.md", "# Awesome\n\n## Serving\n\n- [Fine](https://fine.org) - fine.\n- [Example](www.example.com) - a typo.\n",
			[]string{"Fine https://fine.org", "Example https://www.example.com"},
			`2024-01-31.md:6:3: warning: tool "Example": malformed URL "www.example.com": no scheme; expected an absolute http(s) URL (https://…); read as "https://www.example.com"`,
			`2024-01-31.md:6:3: tool "Example": malformed URL "www.example.com": no scheme; expected an absolute http(s) URL (https://…)`},
		{"markdown garbage URL", "2024-01-31.md", "# Awesome\n\n## Serving\n\n- [Fine](https://fine.org) - fine.\n- [Mail](mailto:someone@example.com) - not a tool site.\n",
			[]string{"Fine https://fine.org", "Mail "},
			`2024-01-31.md:6:3: warning: tool "Mail": malformed URL "mailto:someone@example.com": scheme "mailto" is not http or https; expected an absolute http(s) URL (https://…); left out`,
			`2024-01-31.md:6:3: tool "Mail": malformed URL "mailto:someone@example.com": scheme "mailto" is not http or https; expected an absolute http(s) URL (https://…)`},
		{"markdown no name", "2024-01-31.md", "# Awesome\n\n## Serving\n\n- [Fine](https://fine.org) - fine.\n- [](https://anon.org) - nameless.\n",
			[]string{"Fine https://fine.org"},
			`2024-01-31.md:6:3: warning: tool link has an empty name; expected [Name](https://…); the listing is left out`,
			`2024-01-31.md:6:3: tool link has an empty name; expected [Name](https://…)`},

		{"csv URL without scheme", "2024-01-31.csv", "name,category,homepage_url,stars\nFine,Serving,https://fine.org,1\nOGIS,Serving,www.ogis-ri.co.jp/,2\n",
			[]string{"Fine https://fine.org", "OGIS https://www.ogis-ri.co.jp/"},
			`2024-01-31.csv:3:14: warning: homepage_url "www.ogis-ri.co.jp/"` + urlMsg + `; read as "https://www.ogis-ri.co.jp/"`,
			`2024-01-31.csv:3:14: homepage_url "www.ogis-ri.co.jp/"` + urlMsg},
		{"csv bad stars", "2024-01-31.csv", "name,category,homepage_url,stars\nFine,Serving,https://fine.org,1\nStar,Serving,https://star.org,lots\n",
			[]string{"Fine https://fine.org", "Star https://star.org stars=nil"},
			`2024-01-31.csv:3:31: warning: ` + starsMsg + `; left out`,
			`2024-01-31.csv:3:31: ` + starsMsg},
		{"csv no name", "2024-01-31.csv", "name,category,homepage_url,stars\nFine,Serving,https://fine.org,1\n,Serving,https://anon.org,2\n",
			[]string{"Fine https://fine.org"},
			`2024-01-31.csv:3:1: warning: row has no name; expected a tool name in the name column; the listing is left out`,
			`2024-01-31.csv:3:1: row has no name; expected a tool name in the name column`},
		{"csv short row", "2024-01-31.csv", "name,category,homepage_url,stars\nFine,Serving,https://fine.org,1\nShort,Serving\n",
			[]string{"Fine https://fine.org"},
			`2024-01-31.csv:3:7: warning: row has 2 fields; expected 4, as in the header; the row is left out`,
			`2024-01-31.csv:3:7: row has 2 fields; expected 4, as in the header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := Bytes(tt.file, []byte(tt.data), Options{})
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			var got []string
			for _, l := range snap.Listings {
				got = append(got, lenientListing(l, tt.listings))
			}
			if strings.Join(got, "\n") != strings.Join(tt.listings, "\n") {
				t.Errorf("lenient listings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.listings, "\n"))
			}
			if !hasDiagnostic(snap.Warnings, tt.warn) {
				t.Errorf("lenient warnings:\n%v\nwant among them\n%s", snap.Warnings, tt.warn)
			}

			_, err = Bytes(tt.file, []byte(tt.data), Options{Strict: true})
			var ds catalog.Diagnostics
			if !errors.As(err, &ds) || !hasDiagnostic(ds, tt.err) {
				t.Errorf("strict: %v\nwant among the errors\n%s", err, tt.err)
			}
		})
	}
}

// lenientListing renders a listing as its name and URL, and the field the
// test is about when a wanted listing mentions it.
func lenientListing(l catalog.Listing, want []string) string {
	s := l.Name + " " + l.HomepageURL
	if l.RepoURL != "" {
		s += " repo=" + l.RepoURL
	}
	all := strings.Join(want, " ")
	if strings.Contains(all, "launched=") && l.Name != "Fine" {
		s += " launched=" + l.Launched
	}
	if strings.Contains(all, "license=") && l.Name != "Fine" {
		s += " license=" + l.License
	}
	if strings.Contains(all, "stars=") && l.Name != "Fine" {
		if l.Stars == nil {
			s += " stars=nil"
		} else {
			s += " stars=set"
		}
	}
	if strings.Contains(all, "open_source=") && l.Name != "Fine" {
		if l.OpenSource == nil {
			s += " open_source=nil"
		} else {
			s += " open_source=set"
		}
	}
	return s
}

func hasDiagnostic(ds []catalog.Diagnostic, want string) bool {
	for _, d := range ds {
		if d.String() == want {
			return true
		}
	}
	return false
}

// TestStreamSkipsUnreadable: in lenient mode a release file that cannot be
// read is skipped with warnings naming it, and its neighbours are delivered
// one after the other; in strict mode it is an error.
func TestStreamSkipsUnreadable(t *testing.T) {
	good := func(tools ...string) string {
		s := "release: {}\ncategories:\n  - name: A\n    tools:\n"
		for _, n := range tools {
			s += "      - {name: " + n + ", homepage_url: https://" + n + ".org}\n"
		}
		return s
	}
	tests := []struct {
		name        string
		middle      string // file name
		data        string
		delivered   []string // release ids
		warn, error string   // a warning (lenient) and an error (strict) of the middle file
	}{
		{"invalid YAML", "2024-02-29.yaml", "release: {}\ncategories: [\n", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.yaml:3: warning: invalid YAML: did not find expected node content; expected well-formed YAML",
			"2024-02-29.yaml:3: invalid YAML: did not find expected node content; expected well-formed YAML"},
		{"empty", "2024-02-29.yaml", "", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.yaml: warning: unknown format; expected one of cncf, canonical, markdown, csv (or give --format)",
			"2024-02-29.yaml: unknown format; expected one of cncf, canonical, markdown, csv (or give --format)"},
		{"unknown format", "2024-02-29.txt", "hello\n", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.txt: warning: unknown format; expected one of cncf, canonical, markdown, csv (or give --format)",
			"2024-02-29.txt: unknown format; expected one of cncf, canonical, markdown, csv (or give --format)"},
		{"invalid UTF-8", "2024-02-29.yaml", good("B") + "# caf\xe9\n", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.yaml:6:6: warning: invalid UTF-8 (byte 0xe9); expected UTF-8 text",
			"2024-02-29.yaml:6:6: invalid UTF-8 (byte 0xe9); expected UTF-8 text"},
		{"structure", "2024-02-29.yaml", "release: {}\ncategories: {A: 1}\n", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.yaml:2:13: warning: categories is a mapping; expected a list of categories",
			"2024-02-29.yaml:2:13: categories is a mapping; expected a list of categories"},
		{"duplicate id", "2024-02-29.yaml", "release: {id: r1}\ncategories: []\n", []string{"r1", "2024-03-31"},
			"2024-02-29.yaml: warning: release id r1 is also the id of $DIR/2024-01-31.yaml; expected each release file to be a release of its own",
			"2024-02-29.yaml: release id r1 is also the id of $DIR/2024-01-31.yaml; expected each release file to be a release of its own"},
		{"date going back", "2024-02-29.yaml", "release: {date: 2023-12-31}\ncategories: []\n", []string{"2024-01-31", "2024-03-31"},
			"2024-02-29.yaml: warning: release date 2023-12-31 is before 2024-01-31 of 2024-01-31.yaml, the file before it by name; expected release files named by their release date",
			"2024-02-29.yaml: release date 2023-12-31 is before 2024-01-31 of 2024-01-31.yaml, the file before it by name; expected release files named by their release date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			first := good("A")
			if tt.name == "duplicate id" {
				first = "release: {id: r1}\n" + strings.TrimPrefix(good("A"), "release: {}\n")
			}
			for name, data := range map[string]string{"2024-01-31.yaml": first, tt.middle: tt.data, "2024-03-31.yaml": good("A", "C")} {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			fix := func(s string) string {
				return filepath.Join(dir, strings.ReplaceAll(s, "$DIR", dir))
			}
			var ids []string
			warns, err := Stream(dir, Options{}, func(s *catalog.Snapshot) error {
				ids = append(ids, s.Release.ID)
				return nil
			})
			if err != nil {
				t.Fatalf("lenient: %v", err)
			}
			if strings.Join(ids, " ") != strings.Join(tt.delivered, " ") {
				t.Errorf("delivered %v; want %v", ids, tt.delivered)
			}
			if !hasDiagnostic(warns, fix(tt.warn)) {
				t.Errorf("warnings:\n%s\nwant among them\n%s", warns.Error(), fix(tt.warn))
			}
			skipped := 0
			for _, w := range warns {
				if w.Severity != catalog.SeverityWarning {
					t.Errorf("not a warning: %s", w)
				}
				if strings.HasPrefix(w.Msg, "release skipped: ") && w.File == filepath.Join(dir, tt.middle) {
					skipped++
				}
			}
			if skipped != 1 {
				t.Errorf("%d \"release skipped\" warnings for %s; want 1:\n%s", skipped, tt.middle, warns.Error())
			}
			// Catalog hands them on with the first snapshot.
			snaps, err := Catalog(dir, Options{})
			if err != nil || len(snaps) != 2 || !hasDiagnostic(snaps[0].Warnings, fix(tt.warn)) {
				t.Errorf("Catalog: %v, %d snapshots", err, len(snaps))
			}

			_, err = Stream(dir, Options{Strict: true}, func(*catalog.Snapshot) error { return nil })
			var ds catalog.Diagnostics
			if !errors.As(err, &ds) || !hasDiagnostic(ds, fix(tt.error)) {
				t.Errorf("strict: %v\nwant among the errors\n%s", err, fix(tt.error))
			}
		})
	}
}

// TestStreamAllSkipped: when every file is skipped, lenient reading fails
// too, with the files' problems.
func TestStreamAllSkipped(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"2024-01-31.yaml", "2024-02-29.yaml"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("release: {}\ncategories: [\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Catalog(dir, Options{})
	var ds catalog.Diagnostics
	if !errors.As(err, &ds) || len(ds) != 2 || !ds.HasErrors() || !strings.Contains(ds[1].String(), "2024-02-29.yaml:3: invalid YAML") {
		t.Errorf("err = %v; want the two files' errors", err)
	}
}
