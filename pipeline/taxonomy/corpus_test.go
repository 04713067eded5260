package taxonomy_test

import (
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
	"github.com/landscapehq/landscape/pipeline/read"
	"github.com/landscapehq/landscape/pipeline/taxonomy"
)

func alignCorpus(t *testing.T, name string) *taxonomy.Result {
	t.Helper()
	dir := corpora.Dir(t, name)
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	snaps, err := read.Catalog(dir, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	h, err := catalog.NewHistory(mem, name, snaps)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Release()
	resolved, err := identity.Apply(mem, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resolved.Release()
	return taxonomy.Align(resolved, nil)
}

// TestCorpusTaxonomyEvents checks the category changes that the corpora's
// SOURCE.md files describe are found with the right relation.
func TestCorpusTaxonomyEvents(t *testing.T) {
	type link struct{ release, from, to, relation string }
	tests := []struct {
		corpus string
		want   []link
		canon  [][3]string // release, category, canonical
	}{
		{
			corpus: "awesome-production-ml",
			want: []link{
				// 2020-Q2: one section split in two.
				{"2020-06-30", "Model Deployment and Orchestration Frameworks", "Model Training Orchestration", taxonomy.Split},
				{"2020-06-30", "Model Deployment and Orchestration Frameworks", "Model Serving and Monitoring", taxonomy.Split},
				// 2022-Q4: shortened headings.
				{"2022-12-31", "Adversarial Robustness Libraries", "Adversarial Robustness", taxonomy.Renamed},
				{"2022-12-31", "Feature Stores", "Feature Store", taxonomy.Renamed},
				{"2022-12-31", "Data Pipeline ETL Frameworks", "Data Pipeline", taxonomy.Renamed},
				// 2023-Q1: AutoML replaced Neural Architecture Search.
				{"2023-03-31", "Neural Architecture Search", "AutoML", taxonomy.Merged},
				// 2024-Q3 renames.
				{"2024-09-30", "Explaining Black Box Models and Datasets", "Explainability and Fairness", taxonomy.Renamed},
				{"2024-09-30", "Model and Data Versioning", "Model, Data and Experiment Tracking", taxonomy.Renamed},
				{"2024-09-30", "Privacy Preserving ML", "Privacy and Security", taxonomy.Renamed},
				// 2025-Q1 spelled-out abbreviations.
				{"2025-03-31", "Industry Strength CV", "Industry Strength Computer Vision", taxonomy.Renamed},
				{"2025-03-31", "Industry-strength AD", "Industry-strength Anomaly Detection", taxonomy.Renamed},
				// 2025-07: the agentic section moved out to another list.
				{"2025-06-30", "Agentic Framework", "", taxonomy.Retired},
				// 2025-Q3: two computation sections merged; a rename.
				{"2025-09-30", "Computation Load Distribution", "Computation and Communication Optimisation", taxonomy.Merged},
				{"2025-09-30", "Computation Optimisation", "Computation and Communication Optimisation", taxonomy.Merged},
				{"2025-09-30", "Training Orchestration", "Model Training and Orchestration", taxonomy.Renamed},
				// 2025-Q4: a new section.
				{"2025-12-31", "", "Industry Strength Robotics", taxonomy.New},
			},
			canon: [][3]string{
				{"2018-09-30", "Model Deployment Frameworks", "Deployment and Serving"},
				{"2020-03-31", "Feature Stores", "Feature Store"},
				{"2024-06-30", "Industry Strength CV", "Industry Strength Computer Vision"},
				{"2025-06-30", "Computation Load Distribution", "Computation and Communication Optimisation"},
			},
		},
		{
			corpus: "cncf-landscape",
			want: []link{
				{"2022-06-30", "", "Wasm", taxonomy.New},
				{"2024-06-30", "", "CNAI", taxonomy.New},
				// 2026-04-21: CNAI restructured into five categories.
				{"2026-06-30", "CNAI", "AI Agent", taxonomy.Split},
				{"2026-06-30", "CNAI", "Inference", taxonomy.Split},
				{"2026-06-30", "CNAI", "Data", taxonomy.Split},
				{"2026-06-30", "CNAI", "Training", taxonomy.Split},
				{"2026-06-30", "CNAI", "AI Native Infra", taxonomy.Split},
				{"2026-06-30", "Provisioning", "Provisioning", taxonomy.Same},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.corpus, func(t *testing.T) {
			res := alignCorpus(t, tt.corpus)
			have := map[link]bool{}
			for _, l := range res.Crosswalk {
				have[link{l.Release, l.From, l.To, l.Relation}] = true
			}
			for _, w := range tt.want {
				if !have[w] {
					t.Errorf("missing %+v; links of %s from %q:", w, w.release, w.from)
					for _, l := range res.Crosswalk {
						if l.Release == w.release && (l.From == w.from || l.To == w.to) {
							t.Logf("  %q -> %q %s (overlap %d)", l.From, l.To, l.Relation, l.Overlap)
						}
					}
				}
			}
			for _, c := range tt.canon {
				if got := res.Lineage.Canonical(c[0], c[1]); got != c[2] {
					t.Errorf("canonical(%s, %s) = %q, want %q", c[0], c[1], got, c[2])
				}
			}
		})
	}
}
