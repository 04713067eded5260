package taxonomy

import (
	"reflect"
	"testing"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// TestLineageLinkOrder checks that lineage reads a crosswalk whose links
// are not grouped by release as it reads the same links grouped.
func TestLineageLinkOrder(t *testing.T) {
	h := &catalog.History{Releases: []catalog.Release{{ID: "r1"}, {ID: "r2"}, {ID: "r3"}}}
	cats := [][]string{{"A", "B"}, {"A2", "B"}, {"A3", "B"}}
	grouped := []Link{
		{Release: "r2", Previous: "r1", From: "A", To: "A2", Relation: "renamed", Overlap: 3},
		{Release: "r2", Previous: "r1", From: "B", To: "B", Relation: "same", Overlap: 2},
		{Release: "r3", Previous: "r2", From: "A2", To: "A3", Relation: "renamed", Overlap: 3},
		{Release: "r3", Previous: "r2", From: "B", To: "B", Relation: "same", Overlap: 2},
	}
	apart := []Link{grouped[0], grouped[2], grouped[1], grouped[3]}
	want := Lineage{"r1": {"A": "A3", "B": "B"}, "r2": {"A2": "A3", "B": "B"}, "r3": {"A3": "A3", "B": "B"}}
	for name, cw := range map[string][]Link{"grouped": grouped, "apart": apart} {
		if got := lineage(h, cats, cw, nil); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: lineage %v, want %v", name, got, want)
		}
	}
}
