package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/landscapehq/landscape/pipeline/run"
)

func TestSynth(t *testing.T) {
	tmp := t.TempDir()
	dir, pq := filepath.Join(tmp, "syn"), filepath.Join(tmp, "h.parquet")
	code, stdout, stderr := runCLI("synth", dir, "--releases", "4", "--tools", "60", "--seed", "9", "--parquet", pq, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var sum run.SynthSummary
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatalf("%v\n%s", err, stdout)
	}
	if sum.Releases != 4 || sum.Files != 4 || sum.Rows < 4*60 || sum.Tools < 60 {
		t.Fatalf("summary %+v", sum)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) != 4 {
		t.Fatalf("%d release files", len(files))
	}
	if _, err := os.Stat(pq); err != nil {
		t.Fatal(err)
	}
	// The same options give the same bytes.
	dir2, pq2 := filepath.Join(tmp, "again", "syn"), filepath.Join(tmp, "h2.parquet")
	if code, _, stderr := runCLI("synth", dir2, "--releases", "4", "--tools", "60", "--seed", "9", "--parquet", pq2); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, f := range files {
		a, _ := os.ReadFile(f)
		b, _ := os.ReadFile(filepath.Join(dir2, filepath.Base(f)))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", filepath.Base(f))
		}
	}
	a, _ := os.ReadFile(pq)
	b, _ := os.ReadFile(pq2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("the Parquet files differ between two runs (%d and %d bytes)", len(a), len(b))
	}
	// analyze reads the release files without a problem.
	if code, _, stderr := runCLI("analyze", dir, "--out", filepath.Join(tmp, "out")); code != 0 || stderr != "" {
		t.Fatalf("analyze: exit %d: %s", code, stderr)
	}
}

func TestSynthUsage(t *testing.T) {
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
	}{
		{"nothing to write", []string{"synth"}, exitUsage},
		{"rows and releases", []string{"synth", "--parquet", filepath.Join(t.TempDir(), "h.parquet"), "--rows", "1000", "--releases", "3"}, exitUsage},
		{"no tools", []string{"synth", "--parquet", filepath.Join(t.TempDir(), "h.parquet"), "--tools", "0"}, exitUsage},
		{"folder not empty", []string{"synth", full, "--releases", "2", "--tools", "10"}, exitError},
		{"two folders", []string{"synth", "a", "b"}, exitUsage},
	} {
		t.Run(c.name, func(t *testing.T) {
			if code, _, stderr := runCLI(c.args...); code != c.code {
				t.Fatalf("exit %d, want %d: %s", code, c.code, stderr)
			}
		})
	}
}
