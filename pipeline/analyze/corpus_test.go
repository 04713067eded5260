package analyze_test

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
)

// corpusNames are the public catalog histories beside the checkout.
var corpusNames = []string{"awesome-production-ml", "cncf-landscape"}

func load(t testing.TB, mem memory.Allocator, dir string) ([]*catalog.Snapshot, *analyze.Result) {
	t.Helper()
	snaps, err := read.Catalog(dir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, tax := analyze.ResolvedHistory(t, mem, dir)
	return snaps, analyze.Run(h, tax)
}

// TestCorpusConservation checks, for every consecutive pair of releases of
// both corpora, that tools(r) = tools(r-1) + added - removed overall, and
// per category and subcategory with moves counted out of one group and into
// another; and that every listing is a row with a tool id.
func TestCorpusConservation(t *testing.T) {
	for _, name := range corpusNames {
		t.Run(name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			snaps, res := load(t, mem, corpora.Dir(t, name))
			defer res.Release()

			if len(res.Growth.Releases) != len(snaps) {
				t.Fatalf("%d release stats for %d files", len(res.Growth.Releases), len(snaps))
			}
			rows := 0
			for i, s := range snaps {
				rows += len(s.Listings)
				if got := res.Growth.Releases[i].Listings; got != len(s.Listings) {
					t.Errorf("%s: %d listings in stats, %d in file", s.Release.ID, got, len(s.Listings))
				}
			}
			if int(res.History.Record.NumRows()) != rows {
				t.Fatalf("history has %d rows, files have %d listings", res.History.Record.NumRows(), rows)
			}
			ids := catalog.Strings(res.History.Record.Column(catalog.ColToolID))
			for i, id := range ids {
				if id == "" {
					t.Fatalf("row %d has no tool_id", i)
				}
			}
			checkOneToolPerID(t, res.History, ids)
			for i, r := range res.Growth.Releases {
				prev := 0
				if i > 0 {
					prev = res.Growth.Releases[i-1].Tools
				}
				if r.Tools != prev+r.Added-r.Removed {
					t.Errorf("%s: tools %d != %d + %d - %d", r.Release, r.Tools, prev, r.Added, r.Removed)
				}
				if r.Net != r.Added-r.Removed {
					t.Errorf("%s: net %d != added %d - removed %d", r.Release, r.Net, r.Added, r.Removed)
				}
			}
			checkGroups(t, "category", res.Growth.Categories)
			checkGroups(t, "subcategory", res.Growth.Subcategories)

			// Events agree with the release stats.
			counts := map[string]map[string]int{}
			for _, e := range res.Events {
				if counts[e.Release] == nil {
					counts[e.Release] = map[string]int{}
				}
				counts[e.Release][e.Kind]++
			}
			for _, r := range res.Growth.Releases[1:] {
				c := counts[r.Release]
				if c[analyze.EventAdded]+c[analyze.EventReAdded] != r.Added || c[analyze.EventReAdded] != r.ReAdded || c[analyze.EventRemoved] != r.Removed || c[analyze.EventMoved] != r.Moved {
					t.Errorf("%s: events %v, stats +%d -%d ~%d", r.Release, c, r.Added, r.Removed, r.Moved)
				}
			}
			last := res.Growth.Releases[len(res.Growth.Releases)-1]
			t.Logf("%d releases; newest %s: %d listings, %d tools, %d categories, +%d -%d ~%d",
				len(res.Growth.Releases), last.Release, last.Listings, last.Tools, last.Categories, last.Added, last.Removed, last.Moved)
			for _, r := range res.Growth.Releases {
				t.Logf("%s listings %4d tools %4d +%3d (re %2d) -%3d moved %3d renamed %2d repo_moved %2d", r.Release, r.Listings, r.Tools, r.Added, r.ReAdded, r.Removed, r.Moved, r.Renamed, r.RepoMoved)
			}
		})
	}
}

// checkGroups asserts per-group conservation between consecutive releases.
func checkGroups(t *testing.T, level string, stats []analyze.GroupStat) {
	t.Helper()
	type key struct{ cat, sub string }
	byRelease := map[string]map[key]analyze.GroupStat{}
	var order []string
	for _, s := range stats {
		if byRelease[s.Release] == nil {
			byRelease[s.Release] = map[key]analyze.GroupStat{}
			order = append(order, s.Release)
		}
		byRelease[s.Release][key{s.Category, s.Subcategory}] = s
	}
	for i, rel := range order {
		for k, s := range byRelease[rel] {
			prev := 0
			if i > 0 {
				prev = byRelease[order[i-1]][k].Tools
			}
			if s.Tools != prev+s.Added+s.MovedIn-s.Removed-s.MovedOut {
				t.Errorf("%s %s %v: tools %d != %d + %d + %d - %d - %d", level, rel, k, s.Tools, prev, s.Added, s.MovedIn, s.Removed, s.MovedOut)
			}
			if s.Net != s.Tools-prev {
				t.Errorf("%s %s %v: net %d, want %d", level, rel, k, s.Net, s.Tools-prev)
			}
		}
		if i > 0 { // a group that vanished must appear with its removals
			for k, p := range byRelease[order[i-1]] {
				if _, ok := byRelease[rel][k]; !ok && p.Tools > 0 {
					t.Errorf("%s %s: group %v (%d tools before) is missing", level, rel, k, p.Tools)
				}
			}
		}
	}
}

// checkOneToolPerID asserts that no two distinct tools share a tool_id in a
// release: listings of one id in one release are one tool listed more than
// once, so each shares its repository or its name with another of them.
func checkOneToolPerID(t *testing.T, h *catalog.History, ids []string) {
	t.Helper()
	rels := catalog.Strings(h.Record.Column(catalog.ColReleaseID))
	names := catalog.Strings(h.Record.Column(catalog.ColName))
	repos := catalog.Strings(h.Record.Column(catalog.ColRepoURL))
	type key struct{ rel, id string }
	rows := map[key][]int{}
	for i := range ids {
		k := key{rels[i], ids[i]}
		rows[k] = append(rows[k], i)
	}
	shared := 0
	for k, rs := range rows {
		if len(rs) < 2 {
			continue
		}
		shared++
		for _, i := range rs {
			ok := false
			for _, j := range rs {
				if i != j && ((repos[i] != "" && identity.RepoKey(repos[i]) == identity.RepoKey(repos[j])) || identity.NameKey(names[i]) == identity.NameKey(names[j])) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: tool %s has listing %q that shares neither repository nor name with its other listings", k.rel, k.id, names[i])
			}
		}
	}
	t.Logf("%d (release, tool) pairs with more than one listing", shared)
}
