package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/corpora"
)

// writeCatalog writes release files (and override files) into a new folder.
func writeCatalog(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "demo")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func release(tools ...string) string {
	var b strings.Builder
	b.WriteString("release:\n  title: demo\ncategories:\n  - name: Serving\n    tools:\n")
	for _, tl := range tools {
		b.WriteString(tl)
	}
	return b.String()
}

func tool(name, home, repo string) string {
	s := "      - name: " + name + "\n        homepage_url: " + home + "\n"
	if repo != "" {
		s += "        repo_url: " + repo + "\n"
	}
	return s
}

func TestExplain(t *testing.T) {
	base := map[string]string{
		"2024-06-30.yaml": release(tool("KFServing", "https://kfserving.example.org", "https://github.com/kubeflow/kfserving"),
			tool("Kite", "https://kite.example.org", "")),
		"2024-12-31.yaml": release(tool("KServe", "https://kserve.example.org", "https://github.com/kserve/kserve"),
			tool("Kite", "https://kite.example.org", "")),
	}
	tests := []struct {
		name     string
		aliases  string
		query    string
		wantCode int
		want     []string // regexps on stdout
		notWant  []string
	}{
		{
			name:  "inference joins by homepage and name, across releases",
			query: "Kite",
			want:  []string{`tool kite.example.org: listed 2 times`, `(?m)^2024-06-30\s+Kite\s.*\snew\s+2024-06-30.yaml:\d+$`, `(?m)^2024-12-31\s+Kite\s.*\shomepage\s`},
		},
		{
			name:    "without aliases a rename with new URLs is two tools",
			query:   "KServe",
			want:    []string{`tool github.com/kserve/kserve: listed 1 times`, `2024-12-31 added`},
			notWant: []string{`KFServing`},
		},
		{
			name:    "aliases.yaml merges them into one tool",
			aliases: "merge:\n  - id: kserve\n    keys: [https://github.com/kubeflow/kfserving, https://github.com/kserve/kserve]\n",
			query:   "KServe",
			want:    []string{`tool kserve: listed 2 times`, `(?m)^2024-06-30\s+KFServing\s.*\salias\s`, `2024-12-31 renamed: KFServing → KServe`, `2024-12-31 repo_moved`},
		},
		{
			name:    "aliases.yaml split: a shared key joins nothing",
			aliases: "split: [Kite, https://kite.example.org]\n",
			query:   "Kite",
			want:    []string{`tool kite.example.org: listed 1 times`, `tool kite.example.org#kite: listed 1 times`},
		},
		{
			name:     "unknown tool",
			query:    "Nothing Like It",
			wantCode: 1,
		},
		{
			name:     "bad aliases file",
			aliases:  "merge:\n  - keys: []\n",
			query:    "Kite",
			wantCode: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{}
			for k, v := range base {
				files[k] = v
			}
			if tt.aliases != "" {
				files["aliases.yaml"] = tt.aliases
			}
			dir := writeCatalog(t, files)
			code, stdout, stderr := runCLI("explain", tt.query, dir)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\n%s%s", code, tt.wantCode, stdout, stderr)
			}
			for _, re := range tt.want {
				if !regexp.MustCompile(re).MatchString(stdout) {
					t.Errorf("stdout lacks %q:\n%s", re, stdout)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(stdout, s) {
					t.Errorf("stdout has %q:\n%s", s, stdout)
				}
			}
		})
	}
}

func TestExplainBotorchMoved(t *testing.T) {
	dir := corpora.Dir(t, "awesome-production-ml")
	code, stdout, stderr := runCLI("explain", "horovod", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// Horovod moved from uber/horovod to horovod/horovod in 2024-Q3: one tool
	// that moved, not one removed and one added.
	if strings.Count(stdout, "tool ") != 1 || !strings.Contains(stdout, "repo_moved: github.com/uber/horovod → github.com/horovod/horovod") {
		t.Errorf("horovod:\n%s", stdout)
	}
	if strings.Contains(stdout, "removed") {
		t.Errorf("horovod was removed:\n%s", stdout)
	}
}

// TestExplainDidYouMean: a query that matches no tool gets the nearest
// names and repositories, compared case- and punctuation-insensitively.
func TestExplainDidYouMean(t *testing.T) {
	dir := writeCatalog(t, map[string]string{
		"2024-06-30.yaml": release(tool("Weights & Biases", "https://wandb.ai", "https://github.com/wandb/wandb"),
			tool("Kubeflow", "https://kubeflow.org", "https://github.com/kubeflow/kubeflow"),
			tool("Kite", "https://kite.example.org", "")),
	})
	tests := []struct {
		query string
		want  string // the first suggestion
	}{
		{"wandb", "Weights & Biases (https://github.com/wandb/wandb)"},
		{"weights and biases", "Weights & Biases (https://github.com/wandb/wandb)"},
		{"Weights+and+Biases", "Weights & Biases (https://github.com/wandb/wandb)"},
		{"kubeflw", "Kubeflow (https://github.com/kubeflow/kubeflow)"},
		{"KUBE", "Kubeflow (https://github.com/kubeflow/kubeflow)"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI("explain", tt.query, dir)
		if code != exitError || stdout != "" || !strings.Contains(stderr, "Did you mean\n\t"+tt.want+"\n") {
			t.Errorf("explain %q: exit %d\n%s%s", tt.query, code, stdout, stderr)
		}
	}
	if code, _, stderr := runCLI("explain", "zzzzqqq", dir); code != exitError || strings.Contains(stderr, "Did you mean") {
		t.Errorf("explain zzzzqqq: exit %d, %s", code, stderr)
	}
	// Found: --json gives the envelope, --json=FIELDS the fields, --jq a value.
	code, stdout, _ := runCLI("explain", "Kite", dir, "--jq", ".tools[0].appearances[0].name")
	if code != 0 || stdout != "Kite\n" {
		t.Errorf("explain --jq: exit %d %q", code, stdout)
	}
	code, stdout, _ = runCLI("explain", "Kite", dir, "--json=tool_id")
	if code != 0 || !regexp.MustCompile(`^\{\s*"tools": \[\s*\{\s*"tool_id": "[^"]+"\s*\}\s*\]\s*\}\s*$`).MatchString(stdout) {
		t.Errorf("explain --json=tool_id: exit %d %q", code, stdout)
	}
}
