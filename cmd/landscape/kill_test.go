package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/landscapehq/landscape/internal/failpoint"
	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/run"
)

// The kill tests run the command in a child process (this test binary, asked
// by the environment to be the landscape command), kill it part-way — at a
// chosen write point with the run.KillEnv hook, or after a delay — and check
// that the previous output is intact, byte for byte (or, killed after the new
// output was put in place, that the new output is whole), and that a rerun
// succeeds, gives the output an uninterrupted run gives and leaves no
// temporary directory behind.

const killChildEnv = "LANDSCAPE_KILL_TEST_CHILD"

func TestKillChild(t *testing.T) {
	if os.Getenv(killChildEnv) == "" {
		t.Skip("the child process of the kill tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(killChildEnv)), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(Main(args, iostreams.System()))
}

func killChild(args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
	a, _ := json.Marshal(args)
	cmd.Env = append(os.Environ(), append(env, killChildEnv+"="+string(a))...)
	return cmd
}

// killTree gives every file and folder under dir (relative path → sha256, ""
// for a folder).
func killTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			m[rel+"/"] = ""
			return nil
		}
		if d.Name() == run.MarkerName { // names the run: differs by design
			m[rel] = "marker"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		m[rel] = hex.EncodeToString(sum[:])
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", dir, err)
	}
	return m
}

// killTreeDiff describes how two trees differ (the first few paths).
func killTreeDiff(got, want map[string]string) string {
	var d []string
	for p, h := range want {
		if g, ok := got[p]; !ok {
			d = append(d, "missing "+p)
		} else if g != h {
			d = append(d, "changed "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			d = append(d, "extra "+p)
		}
	}
	sort.Strings(d)
	if len(d) > 8 {
		d = append(d[:8], fmt.Sprintf("… %d more", len(d)-8))
	}
	return strings.Join(d, "; ")
}

func killCopyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// killCatalog makes a catalog folder named mlops holding the given releases
// of the bundled catalog.
func killCatalog(t *testing.T, releases ...string) string {
	t.Helper()
	cat := filepath.Join(t.TempDir(), "mlops")
	if err := os.MkdirAll(cat, 0o755); err != nil {
		t.Fatal(err)
	}
	killAddReleases(t, cat, releases...)
	return cat
}

func killAddReleases(t *testing.T, cat string, releases ...string) {
	t.Helper()
	for _, r := range releases {
		data, err := os.ReadFile(filepath.Join("..", "..", "snapshots", "mlops", r+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(cat, r+".yaml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// killRun runs the command to the end, failing the test when it fails.
func killRun(t *testing.T, args ...string) time.Duration {
	t.Helper()
	start := time.Now()
	if out, err := killChild(args).CombinedOutput(); err != nil {
		t.Fatalf("landscape %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return time.Since(start)
}

// killCase is one way to kill a run: at the nth kill point, or after a delay.
type killCase struct {
	at    int
	delay time.Duration
	// mayReplace: the kill may come after the new output is in place.
	mayReplace bool
}

func (c killCase) String() string {
	if c.at > 0 {
		return fmt.Sprintf("kill point %d", c.at)
	}
	return fmt.Sprintf("after %v", c.delay.Round(time.Millisecond))
}

// killedRun runs args, killed as c says, and reports whether it was killed.
func killedRun(t *testing.T, c killCase, args []string) bool {
	t.Helper()
	var env []string
	if c.at > 0 {
		env = append(env, fmt.Sprintf("%s=%d", run.KillEnv, c.at))
	}
	cmd := killChild(args, env...)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if c.delay > 0 {
		time.Sleep(c.delay)
		cmd.Process.Kill()
	}
	err := cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return true
		}
	}
	if err != nil {
		t.Fatalf("%v: the run failed instead of being killed: %v\n%s", c, err, out.String())
	}
	if c.at > 0 {
		t.Fatalf("%v: the run ended without reaching the kill point\n%s", c, out.String())
	}
	return false // finished before the delay was up
}

// checkKilled checks target after a killed run: the previous output, or
// (when the case allows it) the new one, whole; and nothing in parent but
// target and temporary directories of target.
func checkKilled(t *testing.T, c killCase, parent, target string, prev, next map[string]string) (state string, leftovers int) {
	t.Helper()
	got := killTree(t, target)
	switch {
	case maps2Equal(got, prev):
		state = "previous output intact"
	case c.mayReplace && maps2Equal(got, next):
		state = "new output in place, whole"
	default:
		t.Errorf("%v: %s is neither the previous output nor the whole new one: %s", c, target, killTreeDiff(got, prev))
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		switch {
		case e.Name() == filepath.Base(target):
		case strings.HasPrefix(e.Name(), "."+filepath.Base(target)+".tmp-"):
			leftovers++
		default:
			t.Errorf("%v: unexpected %s beside %s", c, e.Name(), target)
		}
	}
	return state, leftovers
}

// checkRerun checks target after a rerun: the new output and no leftovers.
func checkRerun(t *testing.T, c killCase, parent, target string, next map[string]string) {
	t.Helper()
	if got := killTree(t, target); !maps2Equal(got, next) {
		t.Errorf("%v: after the rerun, %s differs from an uninterrupted run: %s", c, target, killTreeDiff(got, next))
	}
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if e.Name() != filepath.Base(target) {
			t.Errorf("%v: the rerun left %s beside %s", c, e.Name(), target)
		}
	}
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func killSkip(t *testing.T) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the kill tests use SIGKILL")
	}
	if testing.Short() {
		t.Skip("kill tests skipped in -short mode")
	}
	requireFailpoints(t)
}

// requireFailpoints skips a test that arms kill points unless the test
// binary was built with -tags failpoints, as `make test` builds it.
func requireFailpoints(t *testing.T) {
	t.Helper()
	if !failpoint.Enabled {
		t.Skip("the kill points are armed only with -tags failpoints (make test)")
	}
}

// TestAnalyzeKilled kills analyze at every few of its write points (each
// output file written into the temporary directory, the moment the new
// output is complete, the moment it is in place) and after delays, over an
// output folder that holds the previous run's output.
func TestAnalyzeKilled(t *testing.T) {
	killSkip(t)
	cat := killCatalog(t, "2025-06-30", "2025-12-31")
	work := t.TempDir()
	prevDir := filepath.Join(work, "prev")
	killRun(t, "analyze", "--out", prevDir, cat)
	prev := killTree(t, filepath.Join(prevDir, "mlops"))
	killAddReleases(t, cat, "2026-06-30")
	nextDir := filepath.Join(work, "next")
	took := killRun(t, "analyze", "--out", nextDir, cat)
	next := killTree(t, filepath.Join(nextDir, "mlops"))
	if maps2Equal(prev, next) {
		t.Fatal("the previous and the new output are the same: the test would prove nothing")
	}

	// Kill points: one per top-level output file (WriteOutputs), then
	// "complete" and "in place" (WriteDirAtomic).
	files := 0
	for p := range next {
		if !strings.Contains(p, "/") && p != run.MarkerName { // the marker is no kill point
			files++
		}
	}
	var cases []killCase
	for _, at := range []int{1, 2, 3, files / 4, files / 2, 3 * files / 4, files - 1, files, files + 1} {
		if at > 0 && !slices.ContainsFunc(cases, func(c killCase) bool { return c.at == at }) {
			cases = append(cases, killCase{at: at})
		}
	}
	cases = append(cases, killCase{at: files + 2, mayReplace: true})
	for _, f := range []float64{0.15, 0.4, 0.65, 0.9} {
		cases = append(cases, killCase{delay: time.Duration(f * float64(took)), mayReplace: true})
	}
	if len(cases) < 10 {
		t.Fatalf("only %d kill cases", len(cases))
	}
	args := func(out string) []string { return []string{"analyze", "--out", out, cat} }
	for i, c := range cases {
		out := filepath.Join(work, fmt.Sprintf("out%d", i))
		killCopyTree(t, prevDir, out)
		target := filepath.Join(out, "mlops")
		killed := killedRun(t, c, args(out))
		state, leftovers := "finished before the kill", 0
		if killed {
			state, leftovers = checkKilled(t, c, out, target, prev, next)
		}
		rerun := killRun(t, args(out)...)
		checkRerun(t, c, out, target, next)
		t.Logf("%-14v %-30s %d temporary dir(s) left, removed by the rerun (%v)", c, state+";", leftovers, rerun.Round(time.Millisecond))
	}
}

// TestExportKilled does the same for export, whose dataset release of the
// same version is replaced through run.WriteDirAtomic: the catalog's newest
// release changes, not its date.
func TestExportKilled(t *testing.T) {
	killSkip(t)
	cat := killCatalog(t, "2025-12-31", "2026-06-30")
	work := t.TempDir()
	prevDir := filepath.Join(work, "prev")
	killRun(t, "export", "--out", prevDir, cat)
	newest := filepath.Join(cat, "2026-06-30.yaml")
	data, err := os.ReadFile(newest)
	if err != nil {
		t.Fatal(err)
	}
	// A tool's description (the first ones of the file are a category's
	// and a subcategory's, which the dataset does not hold).
	const toolDesc = "\n            description: "
	changed := strings.Replace(string(data), toolDesc, toolDesc+"Changed. ", 1)
	if changed == string(data) {
		t.Fatal("no description to change")
	}
	if err := os.WriteFile(newest, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	nextDir := filepath.Join(work, "next")
	took := killRun(t, "export", "--out", nextDir, cat)
	versions, _ := os.ReadDir(filepath.Join(nextDir, "mlops", "dataset"))
	if len(versions) != 1 {
		t.Fatalf("dataset versions: %v", versions)
	}
	version := versions[0].Name()
	rel := filepath.Join("mlops", "dataset", version)
	prev, next := killTree(t, filepath.Join(prevDir, rel)), killTree(t, filepath.Join(nextDir, rel))
	if maps2Equal(prev, next) {
		t.Fatal("the previous and the new dataset are the same: the test would prove nothing")
	}
	cases := []killCase{{at: 1}, {at: 2, mayReplace: true}}
	for _, f := range []float64{0.3, 0.6, 0.85} {
		cases = append(cases, killCase{delay: time.Duration(f * float64(took)), mayReplace: true})
	}
	args := func(out string) []string { return []string{"export", "--out", out, cat} }
	for i, c := range cases {
		out := filepath.Join(work, fmt.Sprintf("out%d", i))
		killCopyTree(t, prevDir, out)
		parent := filepath.Join(out, "mlops", "dataset")
		target := filepath.Join(parent, version)
		killed := killedRun(t, c, args(out))
		state, leftovers := "finished before the kill", 0
		if killed {
			state, leftovers = checkKilled(t, c, parent, target, prev, next)
		}
		rerun := killRun(t, args(out)...)
		checkRerun(t, c, parent, target, next)
		t.Logf("%-14v %-30s %d temporary dir(s) left, removed by the rerun (%v)", c, state+";", leftovers, rerun.Round(time.Millisecond))
	}
}
