package taxonomy

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
)

func compareWithReference(t *testing.T, label string, h *catalog.History, ov *Overrides) {
	t.Helper()
	got, want := Align(h, ov), refAlign(h, ov)
	if !reflect.DeepEqual(got.Crosswalk, want.Crosswalk) {
		t.Fatalf("%s: crosswalk\ngot  %v\nwant %v", label, got.Crosswalk, want.Crosswalk)
	}
	if !reflect.DeepEqual(got.Lineage, want.Lineage) {
		t.Fatalf("%s: lineage\ngot  %v\nwant %v", label, got.Lineage, want.Lineage)
	}
	if g, w := Apply(h, got), refApply(h, want); !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: canonical categories differ", label)
	}
}

// TestAlignMatchesReference checks Align against the string-keyed reference
// on random histories: renames, splits, merges, tools in several
// categories, overrides.
func TestAlignMatchesReference(t *testing.T) {
	cats := []string{"Serving", "Model Serving", "Feature Stores", "Feature Store", "Old", "Fresh", "Training", "Training and Orchestration", "Orchestration", "Data", "data"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 400 {
		var rels []map[string][]string
		for range 1 + rng.IntN(6) {
			rel := map[string][]string{}
			for range 1 + rng.IntN(6) {
				c := cats[rng.IntN(len(cats))]
				for range rng.IntN(8) {
					rel[c] = append(rel[c], fmt.Sprintf("t%d", rng.IntN(25)))
				}
			}
			rels = append(rels, rel)
		}
		mem := memory.NewGoAllocator()
		h := history(t, mem, rels...)
		var ov *Overrides
		if rng.IntN(2) == 0 && len(h.Releases) > 1 {
			y := fmt.Sprintf("links:\n  - release: %s\n    from: %s\n    to: [%s, %s]\n    relation: split\n  - release: %s\n    to: %s\n    relation: new\ncanonical:\n  %s: Canon\n",
				h.Releases[1].ID, cats[rng.IntN(len(cats))], cats[rng.IntN(len(cats))], cats[rng.IntN(len(cats))], h.Releases[len(h.Releases)-1].ID, cats[rng.IntN(len(cats))], cats[rng.IntN(len(cats))])
			var err error
			if ov, err = ParseOverrides("taxonomy.yaml", []byte(y)); err != nil {
				t.Fatal(err)
			}
		}
		compareWithReference(t, fmt.Sprintf("history %d", n), h, ov)
		h2 := *h
		h2.Starts = nil // rows by release_id
		compareWithReference(t, fmt.Sprintf("history %d without Starts", n), &h2, ov)
		h.Release()
	}
}

// TestAlignMatchesReferenceOnCorpora checks Align against the reference on
// the bundled catalog and the public corpora.
func TestAlignMatchesReferenceOnCorpora(t *testing.T) {
	dirs := []string{"../../snapshots/mlops"}
	for _, name := range []string{"cncf-landscape", "awesome-production-ml"} {
		if dir, ok := corpora.Optional(t, name); ok {
			dirs = append(dirs, dir)
		}
	}
	for _, dir := range dirs {
		mem := memory.NewGoAllocator()
		snaps, err := read.Catalog(dir, read.Options{})
		if err != nil {
			t.Fatal(err)
		}
		h, err := catalog.NewHistory(mem, "test", snaps)
		if err != nil {
			t.Fatal(err)
		}
		resolved, err := identity.Apply(mem, h, nil)
		if err != nil {
			t.Fatal(err)
		}
		compareWithReference(t, dir, resolved, nil)
		resolved.Release()
		h.Release()
	}
}
