package analyze

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/gitimport"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

// ResolvedHistory reads a catalog folder through identity and taxonomy (for
// the tests of this package, inside and outside it).
func ResolvedHistory(t testing.TB, mem memory.Allocator, dir string) (*catalog.History, *taxonomy.Result) {
	t.Helper()
	snaps, err := read.Catalog(dir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := catalog.NewHistory(mem, filepath.Base(dir), snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	resolved, err := identity.Apply(mem, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resolved.Release()
	aligned, tax, err := taxonomy.Canonical(mem, resolved, nil)
	if err != nil {
		t.Fatal(err)
	}
	return aligned, tax
}

// TestEngineEqualsOracle checks the engine against the map-based oracle,
// table by table, on every corpus beside the checkout, the bundled catalog,
// and both every-day histories, imported here (awesome-production-ml: 374
// releases; CNCF: 1,769 releases, 1.1 GB of YAML in a temporary folder and
// about 3 GB of memory for the oracle, 30 s: left out with -short).
// LANDSCAPE_HISTORY_CNCF may name an imported CNCF folder to use instead. The
// CNCF history is shared with TestGoldenEventsCNCFDaily (cncfDailyResult).
func TestEngineEqualsOracle(t *testing.T) {
	dirs := map[string]string{}
	for _, name := range []string{"awesome-production-ml", "cncf-landscape"} {
		dirs[name] = corpora.Dir(t, name)
	}
	dirs["mlops"] = filepath.Join("..", "..", "snapshots", "mlops")
	dirs["awesome-production-ml every day"] = importDaily(t, "awesome-production-ml", "README.md")
	if os.Getenv("LANDSCAPE_HISTORY_CNCF") != "" || !testing.Short() {
		// shared with TestGoldenEventsCNCFDaily: imported and analysed once
		t.Run("cncf every day", func(t *testing.T) {
			res := cncfDailyResult(t)
			defer doneCNCFDaily(t)
			checkAgainstOracle(t, res)
		})
	}
	for name, dir := range dirs {
		t.Run(name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			h, tax := ResolvedHistory(t, mem, dir)
			defer h.Release()
			res := Run(h, tax)
			checkAgainstOracle(t, res)
		})
	}
}

// importDaily imports a history beside the checkout with --every commit
// into a temporary folder.
func importDaily(t *testing.T, name, file string) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := gitimport.Import(context.Background(), gitimport.Options{Repo: corpora.History(t, name), File: file, Out: dir, Every: gitimport.EveryCommit}); err != nil {
		t.Fatalf("import %s: %v", name, err)
	}
	return dir
}

func checkAgainstOracle(t *testing.T, res *Result) {
	t.Helper()
	ix := NewIndex(res.History)
	g := ComputeGrowth(ix)
	ev := ComputeEvents(ix)
	countEvents(g.Releases, ev)
	sv := ComputeSurvival(ix)
	if !reflect.DeepEqual(res.Tools, ix.Tools) || !reflect.DeepEqual(res.Names, ix.Names) || !reflect.DeepEqual(res.Cats, ix.Cats) {
		t.Errorf("tools, names or categories differ")
	}
	same(t, "releases", res.Growth.Releases, g.Releases)
	same(t, "category_stats", res.Growth.Categories, g.Categories)
	same(t, "subcategory_stats", res.Growth.Subcategories, g.Subcategories)
	same(t, "events", res.Events, ev)
	oos, olics, osts, oyears := ComputeAttributes(res.History)
	same(t, "open_source", res.Attributes.OpenSource, oos)
	same(t, "licenses", res.Attributes.Licenses, olics)
	same(t, "status_mix", res.Attributes.Statuses, osts)
	same(t, "launch_years", res.Attributes.LaunchYears, oyears)
	// Spans: the oracle counts releases; days are checked from the dates.
	rels := res.Releases
	pos := map[string]int{}
	for i, r := range rels {
		pos[r.ID] = i
	}
	if len(res.Survival.Spans) != len(sv.Spans) {
		t.Fatalf("survival: %d spans, oracle %d", len(res.Survival.Spans), len(sv.Spans))
	}
	for i, sp := range res.Survival.Spans {
		o := sv.Spans[i]
		last := -1
		for j, r := range rels {
			if r.Date.Equal(o.LastSeen) {
				last = j
			}
		}
		end := rels[len(rels)-1].Date
		if !o.Censored {
			end = rels[last+1].Date
		}
		o.Days = int(end.Sub(o.FirstSeen).Hours()/24 + 0.5)
		sv.Spans[i] = o
		if sp != o {
			t.Errorf("survival span %d: got %+v, oracle %+v", i, sp, o)
		}
	}
	curves := KaplanMeier("all", sv.Spans)
	same(t, "survival_curve (all)", res.Survival.Curves[:len(curves)], curves)
	if res.Period == PeriodRelease {
		same(t, "cohorts", res.Survival.Cohorts, sv.Cohorts)
	} else {
		checkPeriodCohorts(t, res, ix)
	}
}

// checkPeriodCohorts recounts the cohorts of a history grouped by period
// from the oracle's index.
func checkPeriodCohorts(t *testing.T, res *Result, ix *Index) {
	label := PeriodOf(res.Period)
	n := len(ix.Rel)
	lastOf := map[string]int{} // period → its last release
	var periods []string
	for i, r := range res.Releases {
		l := label(r.Date)
		if _, ok := lastOf[l]; !ok {
			periods = append(periods, l)
		}
		lastOf[l] = i
	}
	first := map[int]int{}
	for ri := 0; ri < n; ri++ {
		for tool := range ix.Rel[ri].Member {
			if _, ok := first[tool]; !ok {
				first[tool] = ri
			}
		}
	}
	var want []Cohort
	for ci, cp := range periods {
		size := 0
		for _, fr := range first {
			if label(res.Releases[fr].Date) == cp {
				size++
			}
		}
		if size == 0 {
			continue
		}
		for _, ap := range periods[ci:] {
			at := lastOf[ap]
			listed := 0
			for tool := range ix.Rel[at].Member {
				if label(res.Releases[first[tool]].Date) == cp {
					listed++
				}
			}
			want = append(want, Cohort{Cohort: cp, Release: res.Releases[at].ID, Tools: size, Listed: listed, Share: float64(listed) / float64(size)})
		}
	}
	same(t, "cohorts by "+res.Period, res.Survival.Cohorts, want)
}

func same[T any](t *testing.T, what string, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d rows, oracle %d", what, len(got), len(want))
	}
	bad := 0
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			if bad++; bad <= 5 {
				t.Errorf("%s row %d:\n got  %+v\n want %+v", what, i, got[i], want[i])
			}
		}
	}
	if bad > 5 {
		t.Errorf("%s: %d rows differ", what, bad)
	}
}
