package run

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"
	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/snapgen"
)

const mlopsDir = "../../snapshots/mlops"

// master is the part of snapshots/mlops/tools.yaml this test reads.
type master struct {
	Categories []struct {
		Subcategories []struct {
			Tools []struct {
				Name     string `yaml:"name"`
				Home     string `yaml:"homepage_url"`
				Repo     string `yaml:"repo_url"`
				Acquired *struct {
					By   string `yaml:"by"`
					Date string `yaml:"date"`
				} `yaml:"acquired"`
				Renamed []struct {
					Date string `yaml:"date"`
					From string `yaml:"from"`
				} `yaml:"renamed"`
			} `yaml:"tools"`
		} `yaml:"subcategories"`
	} `yaml:"categories"`
}

// effective is when a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date takes effect:
// the end of that year or month, or that day.
func effective(t *testing.T, d string) time.Time {
	if day, err := time.Parse("2006-01-02", d); err == nil {
		return day
	}
	if len(d) == 4 {
		y, _ := time.Parse("2006", d)
		return y.AddDate(1, 0, -1)
	}
	m, err := time.Parse("2006-01", d)
	if err != nil {
		t.Fatalf("bad date %q", d)
	}
	return m.AddDate(0, 1, -1)
}

// TestBundledCatalog checks the bundled MLOps catalog: it validates, it has
// 15 releases and at least 250 tools in the newest, every tool has a URL, no
// two tools share a repository, and the renames and acquisitions its master
// list records come out of the analysis as renamed and status events.
func TestBundledCatalog(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	snaps, err := read.Catalog(mlopsDir, read.Options{})
	if err != nil {
		t.Fatalf("validate: %v", err)
	}
	for _, s := range snaps {
		for _, w := range s.Warnings {
			t.Errorf("warning: %s", w)
		}
		repos := map[string]string{}
		for _, l := range s.Listings {
			if l.HomepageURL == "" && l.RepoURL == "" {
				t.Errorf("%s:%d: %s has no URL", s.Release.File, l.Line, l.Name)
			}
			if k := identity.RepoKey(l.RepoURL); k != "" {
				if other, dup := repos[k]; dup {
					t.Errorf("%s: %s and %s share %s", s.Release.ID, other, l.Name, k)
				}
				repos[k] = l.Name
			}
		}
	}
	res, err := Load(mem, mlopsDir, read.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Release()
	rels := res.Growth.Releases

	// The additions resting on year-only launch dates, as the analysis reads
	// them from the release files, equal the generator's count from
	// tools.yaml (the oracle).
	gm, err := snapgen.LoadMaster(filepath.Join(mlopsDir, "tools.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	gen, got := gm.Additions(), res.AddedYearOnly()
	if len(gen) != len(got) {
		t.Fatalf("%d releases from tools.yaml, %d analysed", len(gen), len(got))
	}
	for i := range gen {
		if got[i] != gen[i].YearOnly || (i > 0 && rels[i].Added-rels[i].ReAdded != gen[i].Added) {
			t.Errorf("%s: analysis adds %d new tools, %d on year-only dates; tools.yaml says %d, %d",
				rels[i].Release, rels[i].Added-rels[i].ReAdded, got[i], gen[i].Added, gen[i].YearOnly)
		}
	}
	if len(rels) != 15 || rels[0].Release != "2019-06-30" || rels[14].Release != "2026-06-30" {
		t.Fatalf("releases: %d (%s … %s), want 15 from 2019-06-30 to 2026-06-30", len(rels), rels[0].Release, rels[len(rels)-1].Release)
	}
	if n := rels[14].Tools; n < 250 {
		t.Errorf("newest release has %d tools, want at least 250", n)
	}
	if rels[14].Added == 0 || rels[14].Removed == 0 {
		t.Errorf("newest release shows no churn: %+v", rels[14])
	}

	data, err := os.ReadFile(filepath.Join(mlopsDir, "tools.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m master
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	events := map[string][]analyze.Event{} // tool id → events
	for _, e := range res.Events {
		events[e.ToolID] = append(events[e.ToolID], e)
	}
	idOf := map[string]string{} // current name → tool id, from the newest release it is in
	names := catalog.Strings(res.History.Record.Column(catalog.ColName))
	ids := catalog.Strings(res.History.Record.Column(catalog.ColToolID))
	for i := range names {
		idOf[names[i]] = ids[i]
	}
	renames, acquisitions := 0, 0
	for _, c := range m.Categories {
		for _, s := range c.Subcategories {
			for _, tool := range s.Tools {
				id, ok := idOf[tool.Name]
				if !ok {
					continue // never listed under its current name (ended before its rename)
				}
				listed := map[string]string{} // release → name
				for _, a := range analyze.Explain(res, id)[0].Appearances {
					listed[a.Release] = a.Name
				}
				for i := 1; i < len(rels); i++ {
					prev, cur := listed[rels[i-1].Release], listed[rels[i].Release]
					if prev == "" || cur == "" {
						continue
					}
					if want := nameAt(t, tool.Name, tool.Renamed, rels[i].Date); cur != want {
						t.Errorf("%s: listed as %q in %s, master list says %q", tool.Name, cur, rels[i].Release, want)
					}
					if prev != cur {
						renames++
						if !hasEvent(events[id], rels[i].Release, analyze.EventRenamed, func(e analyze.Event) bool { return e.FromName == prev && e.Name == cur }) {
							t.Errorf("%s: no renamed event %q → %q in %s", tool.Name, prev, cur, rels[i].Release)
						}
					}
					if a := tool.Acquired; a != nil && rels[i-1].Date.Before(effective(t, a.Date)) && !rels[i].Date.Before(effective(t, a.Date)) {
						acquisitions++
						if !hasEvent(events[id], rels[i].Release, analyze.EventStatus, func(e analyze.Event) bool { return strings.HasPrefix(e.ToStatus, "acquired by "+a.By) }) {
							t.Errorf("%s: no status event 'acquired by %s' in %s; events %+v", tool.Name, a.By, rels[i].Release, events[id])
						}
					}
				}
			}
		}
	}
	if renames < 10 || acquisitions < 10 {
		t.Errorf("only %d renames and %d acquisitions checked", renames, acquisitions)
	}
	t.Logf("checked %d renames and %d acquisitions", renames, acquisitions)
}

// nameAt is a tool's name at a date, from its rename history.
func nameAt(t *testing.T, current string, renamed []struct {
	Date string `yaml:"date"`
	From string `yaml:"from"`
}, at time.Time) string {
	for _, r := range renamed { // oldest first: the first rename not yet in effect names it
		if at.Before(effective(t, r.Date)) {
			return r.From
		}
	}
	return current
}

func hasEvent(evs []analyze.Event, release, kind string, ok func(analyze.Event) bool) bool {
	for _, e := range evs {
		if e.Release == release && e.Kind == kind && ok(e) {
			return true
		}
	}
	return false
}
