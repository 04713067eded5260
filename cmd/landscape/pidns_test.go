package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/landscapehq/landscape/pipeline/run"
)

// TestAnalyzeTwoPIDNamespaces runs two analyses of the bundled catalog into
// one --out at once, each in a PID namespace of its own (unshare --pid
// --fork: as containers sharing a disk do, neither sees the other's PID).
// Each run either succeeds or fails cleanly, at least one succeeds, and the
// output is then whole: the files of an analysis alone, byte for byte
// (outputs are deterministic), whatever the interleaving. Skipped where
// unshare is not available (not root, no user namespaces).
func TestAnalyzeTwoPIDNamespaces(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("PID namespaces are Linux's")
	}
	if err := exec.Command("unshare", "--pid", "--fork", "true").Run(); err != nil {
		t.Skipf("unshare --pid --fork is not available here: %v", err)
	}
	catalog, err := filepath.Abs("../../snapshots/mlops")
	if err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if code, _, stderr := runCLI("analyze", catalog, "--out", ref); code != 0 {
		t.Fatalf("reference analyze: exit %d: %s", code, stderr)
	}
	want := treeSums(t, filepath.Join(ref, "mlops"))
	rounds := 2
	if testing.Short() {
		rounds = 1
	}
	out := filepath.Join(t.TempDir(), "out")
	for round := 0; round < rounds; round++ {
		var wg sync.WaitGroup
		codes := make([]int, 2)
		outputs := make([]string, 2)
		for i := range codes {
			wg.Add(1)
			go func() {
				defer wg.Done()
				a, _ := json.Marshal([]string{"analyze", catalog, "--out", out})
				cmd := exec.Command("unshare", "--pid", "--fork", "--", os.Args[0], "-test.run=^TestImportGitChild$")
				cmd.Env = append(os.Environ(), childEnv+"="+string(a))
				var buf bytes.Buffer
				cmd.Stdout, cmd.Stderr = &buf, &buf
				err := cmd.Run()
				outputs[i] = buf.String()
				if ee, ok := err.(*exec.ExitError); ok {
					codes[i] = ee.ExitCode()
				} else if err != nil {
					codes[i] = -1
					outputs[i] += err.Error()
				}
			}()
		}
		wg.Wait()
		ok := 0
		for i, code := range codes {
			switch code {
			case 0:
				ok++
			case 1:
				// A clean failure names the other run.
				if !strings.Contains(outputs[i], "landscape:") {
					t.Errorf("round %d, run %d: exit 1 without a message: %s", round, i, outputs[i])
				}
			default:
				t.Errorf("round %d, run %d: exit %d: %s", round, i, code, outputs[i])
			}
		}
		if ok == 0 {
			t.Fatalf("round %d: both runs failed:\n%s\n%s", round, outputs[0], outputs[1])
		}
		got := treeSums(t, filepath.Join(out, "mlops"))
		if d := diffSums(got, want); d != "" {
			t.Errorf("round %d (exits %v): the output is not whole: %s\n%s\n%s", round, codes, d, outputs[0], outputs[1])
		}
		// Nothing left beside it: no temporary folder, no lock.
		entries, _ := os.ReadDir(out)
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		if strings.Join(names, " ") != "mlops" {
			t.Errorf("round %d: %s holds %v", round, out, names)
		}
	}
}

// treeSums gives the sha256 of every file under dir but the ownership
// markers (they name the run), by path.
func treeSums(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Name() == run.MarkerName {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		s := sha256.Sum256(data)
		sums[rel] = hex.EncodeToString(s[:])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func diffSums(got, want map[string]string) string {
	var d []string
	for p, s := range want {
		if g, ok := got[p]; !ok {
			d = append(d, "missing "+p)
		} else if g != s {
			d = append(d, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			d = append(d, "extra "+p)
		}
	}
	sort.Strings(d)
	if len(d) > 10 {
		d = append(d[:10], "…")
	}
	return strings.Join(d, ", ")
}
