package main

import (
	"regexp"
	"strings"
	"testing"
)

// TestDiffExplainFromTo: diff and explain show the FROM and TO of every
// rename, status change and relicensing (bundled catalog, whose release
// files also record the dates).
func TestDiffExplainFromTo(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want []string // regexps, one line each
	}{
		{"diff rename and status", []string{"diff", "../../snapshots/mlops/2025-12-31.yaml", "../../snapshots/mlops/2026-06-30.yaml"}, []string{
			`(?m)^renamed +Gemini Enterprise Agent Platform +Vertex AI +Gemini Enterprise Agent Platform$`,
			`(?m)^status +Langfuse +active +acquired by ClickHouse in 2026$`,
			`(?m)^acquired \(recorded, January 2026\) +Langfuse +active +by ClickHouse$`,
			`(?m)^ended \(recorded, March 2026\) +neptune\.ai`,
		}},
		{"diff relicensing", []string{"diff", "../../snapshots/mlops/2023-12-31.yaml", "../../snapshots/mlops/2024-06-30.yaml"}, []string{
			`(?m)^relicensed +Seldon Core +Apache-2\.0 +BUSL-1\.1$`,
			`(?m)^relicensed \(recorded, January 2024\) +Seldon Core +Apache-2\.0 +BUSL-1\.1$`,
		}},
		{"explain relicensing", []string{"explain", "Seldon Core", "../../snapshots/mlops"}, []string{
			`(?m)^  2024-06-30 relicensed: "Apache-2\.0" → "BUSL-1\.1"$`,
			`(?m)^  2024-06-30 relicensed \(recorded\): Apache-2\.0 → BUSL-1\.1, January 2024$`,
		}},
		{"explain status and end", []string{"explain", "neptune.ai", "../../snapshots/mlops"}, []string{
			`(?m)^  2025-12-31 status: "active" → "acquired by OpenAI in 2025"$`,
			`(?m)^  2026-06-30 ended \(recorded\): March 2026$`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(tt.args...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			for _, w := range tt.want {
				if !regexp.MustCompile(w).MatchString(out) {
					t.Errorf("no line %s in:\n%s", w, out)
				}
			}
			if strings.Contains(out, "\t") {
				t.Errorf("tab in output")
			}
		})
	}
}
