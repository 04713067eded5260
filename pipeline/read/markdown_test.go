package read

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// mdCorpus is the awesome-production-machine-learning corpus: 32 quarterly
// releases of its README (see SOURCE.md there).
const mdCorpus = "../../../shared/corpora/awesome-production-ml"

// ---- the independent count ----

// mdScan is a line-based count of the tool bullets of an awesome list, made
// without goldmark, to check the reader against: a heading is a line
// `#… text`, a tool bullet a line `* [` or `- [` (any indent) whose link is
// not an anchor. Sections whose heading matches skip are left out with their
// sub-headings (the first heading, the title, is never matched), and
// counting starts at the first heading that is directly followed by a tool
// bullet.
type mdScanResult struct {
	lines      []int          // lines of the tool bullets counted
	categories map[string]int // heading text → bullets directly under it
}

var (
	scanHeading = regexp.MustCompile(`^(#{1,6})\s+(.*?)\s*#*\s*$`)
	scanBullet  = regexp.MustCompile(`^\s*[*-] \[`)
	scanAnchor  = regexp.MustCompile(`^\s*[*-] \[[^\]]*\]\(#`)
	scanNumber  = regexp.MustCompile(`^[0-9]+\. `)
)

func mdScan(t *testing.T, data []byte, skip *regexp.Regexp) mdScanResult {
	t.Helper()
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	isTool := func(l string) bool { return scanBullet.MatchString(l) && !scanAnchor.MatchString(l) }
	res := mdScanResult{categories: map[string]int{}}
	started, first := false, true
	skipLevel := 0
	heading := ""
	for i, l := range lines {
		if m := scanHeading.FindStringSubmatch(l); m != nil {
			level := len(m[1])
			text := scanNumber.ReplaceAllString(strings.TrimSpace(m[2]), "")
			heading = text
			skipped := false
			switch {
			case first:
				first = false
			case skipLevel > 0 && level > skipLevel:
				skipped = true
			default:
				skipLevel = 0
				if skip.MatchString(text) {
					skipped, skipLevel = true, level
				}
			}
			if skipped {
				heading = ""
				continue
			}
			if !started {
				for _, next := range lines[i+1:] {
					if strings.TrimSpace(next) == "" {
						continue
					}
					started = isTool(next)
					break
				}
			}
			continue
		}
		if started && heading != "" && skipLevel == 0 && isTool(l) {
			res.lines = append(res.lines, i+1)
			res.categories[heading]++
		}
	}
	return res
}

// ---- the corpus ----

func mdCorpusFiles(t *testing.T) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(mdCorpus, "20*.md"))
	if len(files) == 0 {
		t.Skip("corpus not found: " + mdCorpus)
	}
	if len(files) != 32 {
		t.Fatalf("want 32 corpus files, got %d", len(files))
	}
	return files
}

func TestMarkdownCorpus(t *testing.T) {
	files := mdCorpusFiles(t)
	skip := regexp.MustCompile(DefaultMarkdownSkip)
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-14s %8s %10s %8s  %s\n", "file", "listings", "categories", "warnings", "title")
	for _, path := range files {
		base := filepath.Base(path)
		t.Run(base, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			snap, err := File(path, Options{})
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if snap.Release.Format != "markdown" {
				t.Errorf("format %q, want markdown", snap.Release.Format)
			}
			if want := strings.TrimSuffix(base, ".md"); snap.Release.ID != want || snap.Release.Date.Format("2006-01-02") != want {
				t.Errorf("release %s / %s, want %s", snap.Release.ID, snap.Release.Date.Format("2006-01-02"), want)
			}

			// The independent count: exact, bullet line by bullet line.
			scan := mdScan(t, data, skip)
			if len(snap.Listings) != len(scan.lines) {
				t.Errorf("listings: reader %d, line scan %d", len(snap.Listings), len(scan.lines))
			}
			got := make([]int, len(snap.Listings))
			for i, l := range snap.Listings {
				got[i] = l.Line
			}
			if d := mdDiffLines(got, scan.lines); d != "" {
				t.Errorf("listing lines differ from the line scan: %s", d)
			}

			// Categories: the same headings, with the same number of tools.
			cats := map[string]int{}
			for _, l := range snap.Listings {
				cats[l.Category]++
				if l.Subcategory != "" {
					t.Errorf("line %d %s: subcategory %q; this list has none", l.Line, l.Name, l.Subcategory)
				}
				if l.Name == "" {
					t.Errorf("line %d: empty name", l.Line)
				}
				if l.RepoURL != "" && !strings.HasPrefix(l.RepoURL, "https://github.com/") && !strings.HasPrefix(l.RepoURL, "https://gitlab.com/") {
					t.Errorf("line %d %s: repo URL %q", l.Line, l.Name, l.RepoURL)
				}
				if strings.Contains(l.Description, "![") || strings.Contains(l.Description, "shields.io") || strings.HasPrefix(l.Description, "- ") {
					t.Errorf("line %d %s: description not cleaned: %q", l.Line, l.Name, l.Description)
				}
			}
			if fmt.Sprint(cats) != fmt.Sprint(scan.categories) {
				t.Errorf("categories:\nreader %v\nscan   %v", cats, scan.categories)
			}
			// Bullet counts given in SOURCE.md. Its 548 for 2026-06-30
			// counts the 5 bullets of "Other Awesome Lists", which are no
			// tools: 548 - 5 = 543.
			if want, ok := map[string]int{"2018-09-30.md": 60, "2024-06-30.md": 600, "2024-12-31.md": 584,
				"2025-03-31.md": 467, "2026-06-30.md": 548 - 5}[base]; ok && len(snap.Listings) != want {
				t.Errorf("%d listings, SOURCE.md says %d", len(snap.Listings), want)
			}
			mdCheckCorpusFile(t, base, data, snap, cats)
			fmt.Fprintf(&table, "%-14s %8d %10d %8d  %s\n", base, len(snap.Listings), len(cats), len(snap.Warnings), snap.Release.Title)
		})
	}
	t.Log(table.String())
}

// mdCheckCorpusFile holds the per-file expectations: category counts,
// names, and where the tools must not come from.
func mdCheckCorpusFile(t *testing.T, base string, data []byte, snap *catalog.Snapshot, cats map[string]int) {
	t.Helper()
	year := base[:4]
	lines := strings.Split(string(data), "\n")
	lineOf := func(prefix string) int {
		for i, l := range lines {
			if strings.HasPrefix(l, prefix) {
				return i + 1
			}
		}
		return 0
	}

	// Plausible category counts (from the headings of each era).
	lo, hi := 17, 31
	switch {
	case base == "2018-09-30.md":
		lo, hi = 12, 12
	case base == "2018-12-31.md":
		lo, hi = 13, 13
	case base == "2019-03-31.md":
		lo, hi = 18, 18
	}
	if n := len(cats); n < lo || n > hi {
		t.Errorf("%d categories, want %d–%d", n, lo, hi)
	}

	// Tools come only from the main content: after "## Main Contents" (2018)
	// or "# Main Content", and before "# Other Awesome Lists" (2025-10 on).
	start := lineOf("# Main Content")
	if year == "2018" {
		start = lineOf("## Main Contents")
	}
	if start == 0 {
		t.Fatalf("no main-content heading")
	}
	end := lineOf("# Other Awesome Lists")
	for _, l := range snap.Listings {
		if l.Line <= start || (end > 0 && l.Line >= end) {
			t.Errorf("line %d %s (%s): outside the main content (lines %d–%d)", l.Line, l.Name, l.Category, start, end)
		}
	}
	for c := range cats {
		if regexp.MustCompile(`^[0-9]|[#*\[\]:]|^\s|\s$|(?i)main content|awesome list|quick links|contribut`).MatchString(c) {
			t.Errorf("implausible category %q", c)
		}
	}
	// The quick-links table (2019 on) is not tools: its labels are not
	// categories and its anchor links not listings.
	if year != "2018" {
		if ql := lineOf("## Quick links"); ql == 0 {
			t.Errorf("no quick-links table")
		}
		for _, l := range snap.Listings {
			if strings.HasPrefix(l.HomepageURL, "#") || strings.Contains(l.Name, "&") && strings.ContainsAny(l.Name, "🔧📓") {
				t.Errorf("line %d: quick-link %q taken as a tool", l.Line, l.Name)
			}
		}
	}
	if end > 0 {
		// "Other Awesome Lists" (2025-10 on): its bullets are lists, not
		// tools (in 2025-12-31 they are bold paragraphs, not even bullets).
		if _, ok := cats["Other Awesome Lists"]; ok {
			t.Errorf("Other Awesome Lists taken as a category")
		}
		for _, l := range snap.Listings {
			if strings.HasPrefix(l.Name, "Awesome ") {
				t.Errorf("line %d: %q is another list, not a tool", l.Line, l.Name)
			}
		}
	}
	switch base {
	case "2018-09-30.md":
		mdWantCategories(t, cats, "Model Standard Formats for interoperability", "Model & Pipeline Versioning",
			"Data Storage / Standardisation", "Feature Engineering Automation", "Model Deployment Frameworks",
			"Computation load distribution frameworks", "Data Pipeline Frameworks", "Function as a Service / Lambda Frameworks",
			"Infrastructure Orchestration Frameworks", "Optimization of Computation", "Commercial Data-science Platforms",
			"Commercial ETL Platforms")
	case "2019-03-31.md":
		// Numbered headings in this quarter only; the numbers are stripped.
		mdWantCategories(t, cats, "Explaining Black Box Models and Datasets", "Privacy Preserving Machine Learning",
			"Model and Data Versioning", "Model Deployment and Orchestration Frameworks", "Feature Engineering Automation",
			"Neural Architecture Search", "Data Science Notebook Frameworks", "Industrial Strength Visualisation libraries",
			"Industrial Strength NLP", "Data Pipeline ETL Frameworks", "Data Labelling Tools and Frameworks",
			"Data Storage Optimisation", "Function as a Service Frameworks", "Computation load distribution frameworks",
			"Model serialisation formats", "Compiler optimisation frameworks", "Commercial Data-science Platforms",
			"Commercial ETL Platforms")
	}
}

func mdWantCategories(t *testing.T, cats map[string]int, want ...string) {
	t.Helper()
	var got []string
	for c := range cats {
		got = append(got, c)
	}
	sort.Strings(got)
	sort.Strings(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("categories:\n got %q\nwant %q", got, want)
	}
}

func mdDiffLines(got, want []int) string {
	g, w := map[int]bool{}, map[int]bool{}
	for _, x := range got {
		g[x] = true
	}
	for _, x := range want {
		w[x] = true
	}
	var extra, missing []int
	for x := range g {
		if !w[x] {
			extra = append(extra, x)
		}
	}
	for x := range w {
		if !g[x] {
			missing = append(missing, x)
		}
	}
	if len(extra) == 0 && len(missing) == 0 {
		return ""
	}
	sort.Ints(extra)
	sort.Ints(missing)
	return fmt.Sprintf("reader only %v, scan only %v", extra, missing)
}

// Spot checks of concrete listings, read off the corpus files by hand.
func TestMarkdownCorpusSpotChecks(t *testing.T) {
	mdCorpusFiles(t)
	tests := []struct {
		file string
		want catalog.Listing
	}{
		{"2018-09-30.md", catalog.Listing{Name: "ONNX", Category: "Model Standard Formats for interoperability",
			RepoURL: "https://github.com/onnx/onnx", Description: "Open Neural Network Exchange Format", Line: 49}},
		// An owner page is not a repository: it is the homepage.
		{"2018-09-30.md", catalog.Listing{Name: "Java PMML API", Category: "Model Standard Formats for interoperability",
			HomepageURL: "https://github.com/jpmml", Line: 53,
			Description: "Java libraries for consuming and producing PMML files containing models from different frameworks, including:"}},
		// Nested under Java PMML API: a tool of the same category.
		{"2018-09-30.md", catalog.Listing{Name: "sklearn2pmml", Category: "Model Standard Formats for interoperability",
			RepoURL: "https://github.com/jpmml/jpmml-sklearn", Line: 54}},
		{"2018-09-30.md", catalog.Listing{Name: "Data Version Control (DVC)", Category: "Model & Pipeline Versioning",
			HomepageURL: "https://dvc.org/", Description: "A git fork that allows for version management of models", Line: 60}},
		{"2019-03-31.md", catalog.Listing{Name: "ENAS via Parameter Sharing", Category: "Neural Architecture Search",
			Description: "Efficient Neural Architecture Search via Parameter Sharing by authors of paper.", Line: 139}},
		// Link not a repository; the star badge is kept in Extra only. The
		// "(Video)" link of the source is broken over two lines, which in
		// CommonMark is no link but text.
		{"2020-03-31.md", catalog.Listing{Name: "ClickHouse", Category: "Data Storage Optimisation",
			HomepageURL: "https://clickhouse.yandex/", Line: 271,
			Description: "ClickHouse is an open source column oriented database management system supported by Yandex - [(Video)](https:// www.youtube.com/watch?v=zbjub8BQPyE)"}},
		// BoTorch is in the list from 2025-12-31 on, always as
		// meta-pytorch/botorch (the pytorch → meta-pytorch move happened
		// before it was added); it was never listed as pytorch/botorch.
		{"2025-12-31.md", catalog.Listing{Name: "BoTorch", Category: "AutoML",
			RepoURL: "https://github.com/meta-pytorch/botorch", Line: 89,
			Description: "BoTorch is a library for Bayesian Optimization built on PyTorch."}},
		{"2026-06-30.md", catalog.Listing{Name: "BoTorch", Category: "AutoML",
			RepoURL: "https://github.com/meta-pytorch/botorch", Line: 90,
			Description: "BoTorch is a library for Bayesian Optimization built on PyTorch."}},
		// Horovod moved from uber/horovod to horovod/horovod in 2024-Q3.
		{"2018-09-30.md", catalog.Listing{Name: "Horovod", Category: "Computation load distribution frameworks",
			RepoURL: "https://github.com/uber/horovod", Line: 100,
			Description: "Uber's distributed training framework for TensorFlow, Keras, and PyTorch"}},
		{"2024-06-30.md", catalog.Listing{Name: "Horovod", Category: "Computation Load Distribution",
			RepoURL: "https://github.com/uber/horovod", Line: 387}},
		{"2024-09-30.md", catalog.Listing{Name: "Horovod", Category: "Computation Load Distribution",
			RepoURL: "https://github.com/horovod/horovod", Line: 134}},
		{"2026-06-30.md", catalog.Listing{Name: "Horovod", Category: "Computation and Communication Optimisation",
			RepoURL: "https://github.com/horovod/horovod", Line: 126}},
		{"2026-06-30.md", catalog.Listing{Name: "Opacus", Category: "Privacy and Safety",
			RepoURL: "https://github.com/meta-pytorch/opacus", Line: 673}},
		{"2024-09-30.md", catalog.Listing{Name: "Seldon Core", Category: "Deployment and Serving",
			RepoURL: "https://github.com/SeldonIO/seldon-core"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.want.Name, func(t *testing.T) {
			snap, err := File(filepath.Join(mdCorpus, tt.file), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var found []catalog.Listing
			for _, l := range snap.Listings {
				if l.Name == tt.want.Name {
					found = append(found, l)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d listings named %q, want 1: %+v", len(found), tt.want.Name, found)
			}
			got := found[0]
			w := tt.want
			if got.Category != w.Category || got.RepoURL != w.RepoURL || got.HomepageURL != w.HomepageURL || (w.Line != 0 && got.Line != w.Line) {
				t.Errorf("got  %s | %s | repo %s | home %s | line %d\nwant %s | %s | repo %s | home %s | line %d",
					got.Name, got.Category, got.RepoURL, got.HomepageURL, got.Line, w.Name, w.Category, w.RepoURL, w.HomepageURL, w.Line)
			}
			if w.Description != "" && got.Description != w.Description {
				t.Errorf("description\n got %q\nwant %q", got.Description, w.Description)
			}
		})
	}
}

// The two tools with an empty link URL are kept (with a warning); one of them
// has the star badge of another project (tsfresh) in the source, which the
// reader keeps as Extra["badge_repo"] but never as its repository.
func TestMarkdownCorpusEmptyURLs(t *testing.T) {
	mdCorpusFiles(t)
	snap, err := File(filepath.Join(mdCorpus, "2019-06-30.md"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var warns []string
	for _, w := range snap.Warnings {
		warns = append(warns, w.String())
	}
	want := []string{
		mdCorpus + "/2019-06-30.md:152:3: warning: tool \"ENAS via Parameter Sharing\" has an empty link URL",
		mdCorpus + "/2019-06-30.md:258:3: warning: tool \"AutoML-GS\" has an empty link URL",
	}
	if strings.Join(warns, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range snap.Listings {
		if l.Name == "AutoML-GS" && (l.RepoURL != "" || l.Extra["badge_repo"] != "https://github.com/blue-yonder/tsfresh" || l.HomepageURL != "" || l.Line != 258) {
			t.Errorf("AutoML-GS: %+v", l)
		}
	}
}

// MarkdownSkip overrides the default rule: with a rule that lets "Other
// Awesome Lists" through, its bullets become a category of their own, and
// the rest of the file is unchanged (no "Main Content" pseudo-category).
func TestMarkdownSkipOverrideCorpus(t *testing.T) {
	mdCorpusFiles(t)
	path := filepath.Join(mdCorpus, "2026-06-30.md")
	def, err := File(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	over, err := File(path, Options{MarkdownSkip: `^(quick links|contributing)`})
	if err != nil {
		t.Fatal(err)
	}
	if len(over.Listings) != len(def.Listings)+5 {
		t.Fatalf("override: %d listings, default %d; want 5 more", len(over.Listings), len(def.Listings))
	}
	for i, l := range def.Listings {
		if fmt.Sprint(over.Listings[i]) != fmt.Sprint(l) {
			t.Errorf("listing %d changed: %+v → %+v", i, l, over.Listings[i])
		}
	}
	for _, l := range over.Listings[len(def.Listings):] {
		if l.Category != "Other Awesome Lists" || !strings.HasPrefix(l.Name, "Awesome ") {
			t.Errorf("extra listing %+v", l)
		}
	}
}

// ---- small fixtures ----

func TestMarkdownFixture(t *testing.T) {
	path := filepath.Join("testdata", "markdown", "2024-01-31.md")
	type row struct {
		name, cat, sub, home, repo, desc string
		line                             int
	}
	tests := []struct {
		name string
		opts Options
		want []row
	}{
		{"default skip rule", Options{}, []row{
			{"Alpha", "Frameworks", "", "https://alpha.dev", "https://github.com/alpha-org/alpha", "The first framework. Website", 23},
			{"Beta", "Frameworks", "", "https://beta.io", "", "Beta, with code and a second line.", 24},
			{"Delta", "Frameworks", "Web", "", "https://gitlab.com/group/sub/delta", "A GitLab project.", 31},
			{"Delta Plugin", "Frameworks", "Web", "https://delta-plugin.example.org", "", "nested under a tool.", 32},
			{"Epsilon", "Frameworks", "Web › Servers", "http://epsilon.example", "", "", 37},
			{"Zeta", "Databases", "", "", "https://github.com/zeta/zeta", "ordered list item", 41},
			{"Eta", "Databases", "", "https://eta.example/", "", "", 42},
			{"Theta", "Setext Category", "", "https://theta.example", "", "", 47},
		}},
		{"override lets related lists through, skips Frameworks", Options{MarkdownSkip: `^(frameworks|contributing|license)$`}, []row{
			{"Zeta", "Databases", "", "", "https://github.com/zeta/zeta", "ordered list item", 41},
			{"Eta", "Databases", "", "https://eta.example/", "", "", 42},
			{"Theta", "Setext Category", "", "https://theta.example", "", "", 47},
			{"Awesome Gadgets", "Related Lists", "", "", "https://github.com/x/awesome-gadgets", "", 59},
		}},
		{"override matching nothing", Options{MarkdownSkip: `^$`}, []row{
			{"Alpha", "Frameworks", "", "https://alpha.dev", "https://github.com/alpha-org/alpha", "The first framework. Website", 23},
			{"Beta", "Frameworks", "", "https://beta.io", "", "Beta, with code and a second line.", 24},
			{"Delta", "Frameworks", "Web", "", "https://gitlab.com/group/sub/delta", "A GitLab project.", 31},
			{"Delta Plugin", "Frameworks", "Web", "https://delta-plugin.example.org", "", "nested under a tool.", 32},
			{"Epsilon", "Frameworks", "Web › Servers", "http://epsilon.example", "", "", 37},
			{"Zeta", "Databases", "", "", "https://github.com/zeta/zeta", "ordered list item", 41},
			{"Eta", "Databases", "", "https://eta.example/", "", "", 42},
			{"Theta", "Setext Category", "", "https://theta.example", "", "", 47},
			{"Contributing guide", "Contributing", "", "https://example.com/contributing", "", "", 51},
			{"Someone", "Contributing", "Contributors", "https://github.com/someone", "", "", 55}, // a user page, not a repository
			{"Awesome Gadgets", "Related Lists", "", "", "https://github.com/x/awesome-gadgets", "", 59},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := File(path, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if snap.Release.Title != "Awesome Widgets" || snap.Release.ID != "2024-01-31" || snap.Release.Format != "markdown" {
				t.Errorf("release %+v", snap.Release)
			}
			var got []row
			for _, l := range snap.Listings {
				got = append(got, row{l.Name, l.Category, l.Subcategory, l.HomepageURL, l.RepoURL, l.Description, l.Line})
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				for i := 0; i < max(len(got), len(tt.want)); i++ {
					var g, w row
					if i < len(got) {
						g = got[i]
					}
					if i < len(tt.want) {
						w = tt.want[i]
					}
					if g != w {
						t.Errorf("listing %d:\n got %+v\nwant %+v", i, g, w)
					}
				}
			}
		})
	}
}

func TestMarkdownSkipOverrideInvalid(t *testing.T) {
	_, err := File(filepath.Join("testdata", "markdown", "2024-01-31.md"), Options{MarkdownSkip: `(contributing`})
	if err == nil || !strings.Contains(err.Error(), "invalid markdown skip rule") || !strings.Contains(err.Error(), "(contributing") {
		t.Fatalf("err = %v, want an invalid-regexp error", err)
	}
}

func TestMarkdownBadInput(t *testing.T) {
	dir := filepath.Join("testdata", "markdown")
	tests := []struct {
		file string
		want []string
	}{
		{"2024-02-29.md", []string{
			"2024-02-29.md:6:3: tool link has an empty name; expected [Name](https://…)",
			"2024-02-29.md:7:3: tool \"Mail\": malformed URL \"mailto:someone@example.com\": scheme \"mailto\" is not http or https; expected an absolute http(s) URL (https://…)",
			"2024-02-29.md:8:3: tool \"No scheme\": malformed URL \"www.example.com\": no scheme; expected an absolute http(s) URL (https://…)",
			"2024-02-29.md:9:3: tool \"Spaces\": malformed URL \"https://exa mple.com\": it holds white space; expected an absolute http(s) URL (https://…)",
			"2024-02-29.md:10:3: warning: tool \"Empty\" has an empty link URL",
		}},
		{"2024-03-31.md", []string{
			"2024-03-31.md:5:37: invalid UTF-8 (byte 0xe9); expected UTF-8 text",
			"2024-03-31.md:7:32: invalid UTF-8 (byte 0xff); expected UTF-8 text",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			_, err := File(filepath.Join(dir, tt.file), Options{Strict: true})
			var ds catalog.Diagnostics
			if !errors.As(err, &ds) {
				t.Fatalf("err = %v, want catalog.Diagnostics", err)
			}
			if !ds.HasErrors() {
				t.Errorf("no errors in %v", ds)
			}
			var got []string
			for _, d := range ds {
				got = append(got, strings.TrimPrefix(d.String(), dir+string(filepath.Separator)))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestMarkdownNoCategories(t *testing.T) {
	// Tools directly under the title only: the title is not a category.
	snap, err := File(filepath.Join("testdata", "markdown", "2024-04-30.md"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(snap.Listings) != 0 || len(snap.Warnings) != 1 || !strings.Contains(snap.Warnings[0].Msg, "no tools found") {
		t.Errorf("listings %v, warnings %v", snap.Listings, snap.Warnings)
	}
}

func TestMarkdownDetect(t *testing.T) {
	for name, want := range map[string]bool{"2024-01-31.md": true, "x/README.MARKDOWN": true, "a.markdown": true, "a.yml": false, "a.csv": false, "md": false} {
		if got := detectMarkdown(name, nil); got != want {
			t.Errorf("detect %q = %v", name, got)
		}
	}
}

func TestMarkdownHelpers(t *testing.T) {
	repos := map[string]string{
		"https://github.com/pytorch/botorch":               "https://github.com/pytorch/botorch",
		"http://www.github.com/a/b.git":                    "https://github.com/a/b",
		"https://github.com/a/b/tree/main/docs?x=1#readme": "https://github.com/a/b",
		"https://github.com/jpmml":                         "",
		"https://github.com/topics/mlops":                  "",
		"https://github.com/orgs/x/repositories":           "",
		"https://gitlab.com/g/p":                           "https://gitlab.com/g/p",
		"https://gitlab.com/g/s/p/-/tree/main":             "https://gitlab.com/g/s/p",
		"https://pytorch.github.io/botorch":                "",
		"https://example.com/github.com/a/b":               "",
		"ftp://github.com/a/b":                             "",
	}
	for in, want := range repos {
		got, ok := mdRepoURL(in)
		if got != want || ok != (want != "") {
			t.Errorf("mdRepoURL(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	badges := map[string]string{
		"https://img.shields.io/github/stars/ClickHouse/ClickHouse.svg?style=social": "https://github.com/ClickHouse/ClickHouse",
		"https://img.shields.io/github/stars/socketio/socket.io?cacheSeconds=86400":  "https://github.com/socketio/socket.io",
		"https://img.shields.io/badge/License-MIT-lightgrey.svg":                     "",
		"https://example.com/github/stars/a/b.svg":                                   "",
	}
	for in, want := range badges {
		if got, _ := mdBadgeRepoURL(in); got != want {
			t.Errorf("mdBadgeRepoURL(%q) = %q, want %q", in, got, want)
		}
	}
	skip := regexp.MustCompile(DefaultMarkdownSkip)
	for h, want := range map[string]bool{
		"Contents": true, "Table of Contents": true, "Quick links to sections on this page": true,
		"Contributing": true, "Contributing to the list": true, "Contributors": true, "License": true,
		"Other Awesome Lists": true, "Related Lists": true, "See also": true, "Sponsors": true, "Backers": true,
		"Acknowledgements": true, "Acknowledgments": true, "About": true, "About this list": true,
		"Star History": true, "Community": true, "Translations": true, "CONTRIBUTING": true,
		"Main Contributors": false, "Main Content": false, "AutoML": false, "Community Detection": false,
		"Feature Store": false, "Data Storage Optimisation": false, "Privacy and Safety": false,
		"Industry Strength Information Retrieval": false, "Sponsored Tools": false, "Licensing Tools": false,
	} {
		if got := skip.MatchString(h); got != want {
			t.Errorf("DefaultMarkdownSkip on %q = %v, want %v", h, got, want)
		}
	}
}

// TestMarkdownListShapes checks two shapes of the first releases of
// awesome-production-ml (2018-08-15 to 2018-09-06): a `## Contents` that is
// the list itself, its plain-text items the categories of the tools nested
// in them, and a `[Kafka]()` placeholder, which is no tool.
func TestMarkdownListShapes(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		want  []string // "category|name"
		warns []string
	}{
		{
			name: "contents that is the list",
			src: "# List\n\n## Contents\n\n* Model Versioning\n    * [DVC - versions models](https://dvc.org/)\n    * Jupyter Notebooks - no link\n* Monitoring\n" +
				"* Feature Engineering\n    * [Featuretools](https://www.featuretools.com/)\n\n### End-to-end Platforms\n* [Skytree](https://skytree.example/)\n",
			want: []string{"Model Versioning|DVC - versions models", "Feature Engineering|Featuretools", "End-to-end Platforms|Skytree"},
		},
		{
			name: "a table of contents stays out",
			src:  "# List\n\n## Contents\n\n* [Serving](#serving)\n    * [Online](#online)\n\n## Serving\n* [Seldon](https://seldon.io)\n",
			want: []string{"Serving|Seldon"},
		},
		{
			name:  "a placeholder is left out, an item with an empty link and a description kept",
			src:   "# List\n\n## Data\n* [Arrow](https://arrow.apache.org/)\n* [Kafka]()\n* [ENAS]() - a paper's method\n",
			want:  []string{"Data|Arrow", "Data|ENAS"},
			warns: []string{"2018-08-15.md:5:3: warning: tool \"Kafka\" has an empty link URL and nothing else (a placeholder); expected [Name](https://…); the listing is left out", "2018-08-15.md:6:3: warning: tool \"ENAS\" has an empty link URL"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			snap, err := Bytes("2018-08-15.md", []byte(tt.src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, l := range snap.Listings {
				got = append(got, l.Category+"|"+l.Name)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("listings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var warns []string
			for _, w := range snap.Warnings {
				warns = append(warns, w.String())
			}
			if strings.Join(warns, "\n") != strings.Join(tt.warns, "\n") {
				t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(warns, "\n"), strings.Join(tt.warns, "\n"))
			}
		})
	}
}
