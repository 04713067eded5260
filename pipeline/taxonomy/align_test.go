package taxonomy

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// history builds a resolved history: releases of category → tool ids (the
// ids double as names and repo-less identities). A category written
// "Category > Subcategory" gives both.
func history(t *testing.T, mem memory.Allocator, releases ...map[string][]string) *catalog.History {
	t.Helper()
	var snaps []*catalog.Snapshot
	var ids []string
	for i, rel := range releases {
		date := time.Date(2020+i, 6, 30, 0, 0, 0, 0, time.UTC)
		s := &catalog.Snapshot{Release: catalog.Release{ID: date.Format("2006-01-02"), Date: date}}
		for _, path := range sortedCats(rel) {
			cat, sub, _ := strings.Cut(path, " > ")
			for _, tool := range rel[path] {
				s.Listings = append(s.Listings, catalog.Listing{Name: tool, Category: cat, Subcategory: sub})
				ids = append(ids, tool)
			}
		}
		snaps = append(snaps, s)
	}
	h, err := catalog.NewHistory(mem, "test", snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	out, err := h.WithToolIDs(mem, ids, make([]string, len(ids)))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedCats(m map[string][]string) []string {
	return slices.Sorted(maps.Keys(m))
}

func tools(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return out
}

func TestAlign(t *testing.T) {
	tests := []struct {
		name      string
		releases  []map[string][]string
		overrides string
		want      []string // "from -> to: relation"
		canon     map[string]string
	}{
		{
			name: "same, renamed, new and retired",
			releases: []map[string][]string{
				{"Serving": tools("s", 5), "Feature Stores": tools("f", 4), "Old": tools("o", 3)},
				{"Serving": tools("s", 5), "Feature Store": tools("f", 4), "Fresh": tools("n", 2)},
			},
			want: []string{
				" -> Fresh: new",
				"Feature Stores -> Feature Store: renamed",
				"Old -> : retired",
				"Serving -> Serving: same",
			},
			canon: map[string]string{"2020-06-30/Feature Stores": "Feature Store", "2020-06-30/Old": "Old"},
		},
		{
			name: "split into two new categories",
			releases: []map[string][]string{
				{"Deployment and Orchestration": append(tools("a", 6), tools("b", 4)...)},
				{"Training Orchestration": tools("a", 6), "Serving and Monitoring": tools("b", 4)},
			},
			want: []string{
				"Deployment and Orchestration -> Serving and Monitoring: split",
				"Deployment and Orchestration -> Training Orchestration: split",
			},
			canon: map[string]string{"2020-06-30/Deployment and Orchestration": "Training Orchestration"},
		},
		{
			name: "two categories merged into a new one",
			releases: []map[string][]string{
				{"Load Distribution": tools("a", 5), "Optimisation": tools("b", 8)},
				{"Computation Optimisation": append(tools("a", 5), tools("b", 8)...)},
			},
			want: []string{
				"Load Distribution -> Computation Optimisation: merged",
				"Optimisation -> Computation Optimisation: merged",
			},
			canon: map[string]string{"2020-06-30/Load Distribution": "Computation Optimisation", "2020-06-30/Optimisation": "Computation Optimisation"},
		},
		{
			name: "absorbed into an existing category",
			releases: []map[string][]string{
				{"Big": tools("a", 10), "Small": tools("b", 3)},
				{"Big": append(tools("a", 10), tools("b", 3)...)},
			},
			want: []string{"Big -> Big: same", "Small -> Big: merged"},
		},
		{
			name: "renames chain to the newest name",
			releases: []map[string][]string{
				{"A": tools("a", 4)},
				{"B": tools("a", 4)},
				{"C": tools("a", 4)},
			},
			want:  []string{"A -> B: renamed", "B -> C: renamed"},
			canon: map[string]string{"2020-06-30/A": "C", "2021-06-30/B": "C", "2022-06-30/C": "C"},
		},
		{
			name: "taxonomy.yaml overrides an inferred rename",
			releases: []map[string][]string{
				{"Serving": tools("s", 5)},
				{"Inference": tools("s", 5)},
			},
			overrides: "links:\n  - release: \"2021-06-30\"\n    from: Serving\n    relation: retired\n  - release: \"2021-06-30\"\n    to: Inference\n    relation: new\n",
			want:      []string{" -> Inference: new", "Serving -> : retired"},
			canon:     map[string]string{"2020-06-30/Serving": "Serving"},
		},
		{
			name: "taxonomy.yaml canonical names",
			releases: []map[string][]string{
				{"ML Ops": tools("s", 5)},
				{"ML Ops": tools("s", 5)},
			},
			overrides: "canonical:\n  ML Ops: MLOps\n",
			want:      []string{"ML Ops -> ML Ops: same"},
			canon:     map[string]string{"2020-06-30/ML Ops": "MLOps", "2021-06-30/ML Ops": "MLOps"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			h := history(t, mem, tt.releases...)
			defer h.Release()
			var ov *Overrides
			if tt.overrides != "" {
				var err error
				if ov, err = ParseOverrides("taxonomy.yaml", []byte(tt.overrides)); err != nil {
					t.Fatal(err)
				}
			}
			res := Align(h, ov)
			var got []string
			for _, l := range res.Crosswalk {
				got = append(got, fmt.Sprintf("%s -> %s: %s", l.From, l.To, l.Relation))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("crosswalk:\n got %q\nwant %q", got, tt.want)
			}
			for k, want := range tt.canon {
				var rel, cat string
				fmt.Sscanf(k, "%10s", &rel)
				cat = k[len(rel)+1:]
				if got := res.Lineage.Canonical(rel, cat); got != want {
					t.Errorf("canonical(%s, %s) = %q, want %q", rel, cat, got, want)
				}
			}
		})
	}
}

func TestParseOverridesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"links:\n  - release: \"2020-01-01\"\n    from: A\n    relation: split\n    to: B\n", "taxonomy.yaml:2: split needs from and two or more to"},
		{"links:\n  - from: A\n    to: B\n    relation: renamed\n", "taxonomy.yaml:2: release is required (the newer release of the pair)"},
		{"links:\n  - release: x\n    from: A\n    to: B\n    relation: moved\n", `taxonomy.yaml:2: relation "moved"; expected same, renamed, split, merged, retired or new`},
		{"linkz: []\n", "taxonomy.yaml:1: unknown key \"linkz\"; expected keys links and canonical"},
	}
	for _, tt := range tests {
		_, err := ParseOverrides("taxonomy.yaml", []byte(tt.in))
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseOverrides(%q) error = %v, want %q", tt.in, err, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"Feature Stores", "Feature Store", 1},
		{"Adversarial Robustness Libraries", "Adversarial Robustness", 0.8},
		{"Data", "Serving", 0},
	}
	for _, tt := range tests {
		if got := Similarity(tt.a, tt.b); fmt.Sprintf("%.2f", got) != fmt.Sprintf("%.2f", tt.want) {
			t.Errorf("Similarity(%q, %q) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}
