package taxonomy

import (
	"fmt"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// TestSubcategories checks the subcategory crosswalk and the canonical
// subcategory of every row on small cases, among them the issue's
// "Version Control" → "Versionning".
func TestSubcategories(t *testing.T) {
	tests := []struct {
		name     string
		releases []map[string][]string
		want     []string          // crosswalk of the last pair: "category: from -> to: relation"
		canon    map[string]string // "release/category/subcategory" → canonical subcategory
	}{
		{
			name: "a subcategory renamed (the issue's case)",
			releases: []map[string][]string{
				{"Data > Version Control": tools("v", 4), "Data > Labelling": tools("l", 3)},
				{"Data > Versionning": tools("v", 4), "Data > Labelling": tools("l", 3)},
			},
			want: []string{
				"Data: Labelling -> Labelling: same",
				"Data: Version Control -> Versionning: renamed",
			},
			canon: map[string]string{"2020-06-30/Data/Version Control": "Versionning", "2021-06-30/Data/Versionning": "Versionning"},
		},
		{
			name: "a subcategory split in two",
			releases: []map[string][]string{
				{"Serving > Serving": append(tools("a", 4), tools("b", 4)...)},
				{"Serving > Online": tools("a", 4), "Serving > Batch": tools("b", 4)},
			},
			want: []string{
				"Serving: Serving -> Batch: split",
				"Serving: Serving -> Online: split",
			},
			canon: map[string]string{"2020-06-30/Serving/Serving": "Batch"}, // the largest part; equal: the first by name
		},
		{
			name: "two merged into one that existed",
			releases: []map[string][]string{
				{"Ops > Monitoring": tools("m", 5), "Ops > Drift": tools("d", 3)},
				{"Ops > Monitoring": append(tools("m", 5), tools("d", 3)...)},
			},
			want: []string{
				"Ops: Drift -> Monitoring: merged",
				"Ops: Monitoring -> Monitoring: same",
			},
			canon: map[string]string{"2020-06-30/Ops/Drift": "Monitoring"},
		},
		{
			name: "a spelling change is the same subcategory",
			releases: []map[string][]string{
				{"Ops > Model monitoring": tools("m", 3)},
				{"Ops > Model Monitoring": tools("m", 3)},
			},
			want:  []string{"Ops: Model Monitoring -> Model Monitoring: same"},
			canon: map[string]string{"2020-06-30/Ops/Model monitoring": "Model Monitoring"},
		},
		{
			name: "never linked across categories",
			releases: []map[string][]string{
				{"A > Old": tools("t", 4), "A > Keep": tools("k", 6), "B > Other": tools("o", 2)},
				{"A > Keep": tools("k", 6), "B > New": tools("t", 4), "B > Other": tools("o", 2)},
			},
			want: []string{
				"A: Keep -> Keep: same",
				"A: Old -> : retired",
				"B:  -> New: new",
				"B: Other -> Other: same",
			},
			canon: map[string]string{"2020-06-30/A/Old": "Old"},
		},
		{
			name: "a category renamed keeps its subcategories",
			releases: []map[string][]string{
				{"Feature Stores > Online": tools("f", 4)},
				{"Feature Store > Online": tools("f", 4)},
			},
			want:  []string{"Feature Store: Online -> Online: same"},
			canon: map[string]string{"2020-06-30/Feature Stores/Online": "Online"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			h := history(t, mem, tt.releases...)
			defer h.Release()
			out, res, err := Canonical(mem, h, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Release()
			last := h.Releases[len(h.Releases)-1].ID
			var got []string
			for _, l := range res.SubCrosswalk {
				if l.Release == last {
					got = append(got, fmt.Sprintf("%s: %s -> %s: %s", l.Category, l.From, l.To, l.Relation))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("crosswalk:\n got %q\nwant %q", got, tt.want)
			}
			rels := catalog.Strings(out.Record.Column(catalog.ColReleaseID))
			cats := catalog.Strings(out.Record.Column(catalog.ColCategory))
			subs := catalog.Strings(out.Record.Column(catalog.ColSubcategory))
			canon := catalog.Strings(out.Record.Column(catalog.ColCanonicalSubcategory))
			seen := map[string]string{}
			for i := range rels {
				seen[rels[i]+"/"+cats[i]+"/"+subs[i]] = canon[i]
			}
			for k, want := range tt.canon {
				if got, ok := seen[k]; !ok || got != want {
					t.Errorf("canonical subcategory of %s = %q (present %v); want %q", k, got, ok, want)
				}
			}
		})
	}
}
