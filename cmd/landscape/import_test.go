package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/internal/corpora"
	"github.com/landscapehq/landscape/internal/iostreams"
	"github.com/landscapehq/landscape/pipeline/gitimport"
	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
	"github.com/landscapehq/landscape/pipeline/read"
)

// importSummary is the part of `import git --json` the tests read.
type importSummary struct {
	Written, Removed, Releases, Commits int
	UpToDate                            bool `json:"up_to_date"`
	Tip                                 string
	Last                                string
}

func importJSON(t *testing.T, args ...string) importSummary {
	t.Helper()
	code, stdout, stderr := runCLI(append([]string{"import", "git", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("import git %v: exit %d: %s", args, code, stderr)
	}
	var s importSummary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatalf("bad JSON %v: %s", err, stdout)
	}
	return s
}

// analyzeJSON analyses catalog folders and returns each catalog's releases
// (as generic JSON) by catalog name.
func analyzeJSON(t *testing.T, dirs ...string) map[string][]map[string]any {
	t.Helper()
	code, stdout, stderr := runCLI(append([]string{"analyze", "--json", "--out", t.TempDir()}, dirs...)...)
	if code != 0 {
		t.Fatalf("analyze %v: exit %d: %s", dirs, code, stderr)
	}
	var sum struct {
		Catalogs []struct {
			Name     string           `json:"name"`
			Releases []map[string]any `json:"releases"`
			Warnings int              `json:"warnings"`
		} `json:"catalogs"`
	}
	if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
		t.Fatal(err)
	}
	m := map[string][]map[string]any{}
	for _, c := range sum.Catalogs {
		m[c.Name] = append(c.Releases, map[string]any{"warnings": c.Warnings})
	}
	return m
}

// TestImportGitCorpora builds a git repository from each corpus (one commit
// per release file, dated from its MANIFEST.tsv), imports it at the corpus's
// cadence, gets files with the corpus's sha256, and the same analysis as the
// corpus itself: every number of every release alike, the commits being the
// rebuilt repository's.
func TestImportGitCorpora(t *testing.T) {
	imports := []struct{ name, every string }{{"awesome-production-ml", "quarter"}, {"cncf-landscape", "half"}}
	imported := filepath.Join(t.TempDir(), "imported")
	var originals, copies []string
	commits := map[string]map[string]string{} // corpus → release → commit of the rebuilt repository
	for _, c := range imports {
		dir := corpora.Dir(t, c.name)
		repo := t.TempDir()
		rels, hashes := gittest.FromCatalog(t, repo, dir)
		out := filepath.Join(imported, c.name)
		sum := importJSON(t, repo, "--file", rels[0].SourcePath, "--every", c.every, "--out", out)
		if sum.Written != len(rels) || sum.Releases != len(rels) || sum.Last != rels[len(rels)-1].File {
			t.Errorf("%s: summary %+v, corpus has %d releases", c.name, sum, len(rels))
		}
		commits[c.name] = map[string]string{}
		for i, r := range rels {
			data, err := os.ReadFile(filepath.Join(out, r.File))
			if err != nil {
				t.Fatal(err)
			}
			if s := sha256.Sum256(data); hex.EncodeToString(s[:]) != r.SHA256 {
				t.Errorf("%s/%s: sha256 differs from the corpus's", c.name, r.File)
			}
			commits[c.name][strings.TrimSuffix(r.File, filepath.Ext(r.File))] = hashes[i].String()
		}
		originals, copies = append(originals, dir), append(copies, out)
	}
	want, got := analyzeJSON(t, originals...), analyzeJSON(t, copies...)
	for _, c := range imports {
		w, g := want[c.name], got[c.name]
		if len(w) != len(g) || len(w) < 10 {
			t.Fatalf("%s: %d releases imported, %d in the corpus", c.name, len(g), len(w))
		}
		for i := range w {
			if rel, ok := g[i]["release"].(string); ok && g[i]["commit"] != commits[c.name][rel] {
				t.Errorf("%s %s: commit %v, want the rebuilt repository's %s", c.name, rel, g[i]["commit"], commits[c.name][rel])
			}
			delete(w[i], "commit")
			delete(g[i], "commit")
			if !reflect.DeepEqual(w[i], g[i]) {
				t.Errorf("%s: release %d differs:\nimported %v\ncorpus   %v", c.name, i, g[i], w[i])
			}
		}
	}
}

// TestImportGitUsage: usage errors exit 2.
func TestImportGitUsage(t *testing.T) {
	repo := t.TempDir()
	gittest.Build(t, repo, []gittest.Commit{{Files: map[string]string{"f.md": "x"}, When: time.Now()}})
	out := t.TempDir()
	for _, args := range [][]string{
		{"import"},
		{"import", "git"},
		{"import", "git", repo, "--out", out},
		{"import", "git", repo, "--file", "f.md"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--every", "fortnight"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--every", "day", "--tags"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--since", "2024-13-01"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--since", "2024-02-01", "--until", "2024-01-01"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--format", "xml"},
		{"import", "git", repo, "--file", "f.md", "--out", out, "--nope"},
	} {
		if code, _, stderr := runCLI(args...); code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
	}
	if code, _, stderr := runCLI("import", "git", filepath.Join(repo, "nothing"), "--file", "f.md", "--out", out); code != 1 || !strings.Contains(stderr, "nothing") {
		t.Errorf("no repository: exit %d: %s", code, stderr)
	}
}

// TestImportGitText: the summary line, the rerun's, --format naming the
// release files.
func TestImportGitText(t *testing.T) {
	repo := t.TempDir()
	gittest.Build(t, repo, []gittest.Commit{
		{Files: map[string]string{"LANDSCAPE": "landscape:\n"}, When: time.Date(2024, 1, 10, 0, 0, 0, 0, time.UTC)},
		{Files: map[string]string{"LANDSCAPE": "landscape: []\n"}, When: time.Date(2024, 2, 10, 0, 0, 0, 0, time.UTC)},
	})
	out := filepath.Join(t.TempDir(), "cat")
	code, _, stderr := runCLI("import", "git", repo, "--file", "LANDSCAPE", "--out", out)
	if code != 1 || !strings.Contains(stderr, "--format") {
		t.Errorf("a file without extension: exit %d: %s", code, stderr)
	}
	code, stdout, stderr := runCLI("import", "git", repo, "--file", "LANDSCAPE", "--format", "cncf", "--out", out)
	if stderr != "" {
		t.Errorf("progress or messages on a stream that is not a terminal: %q", stderr)
	}
	if code != 0 || !regexp.MustCompile(`2 releases of LANDSCAPE .*every month.*: 2 written, 0 removed; newest 2024-02-29.yml`).MatchString(stdout) {
		t.Errorf("exit %d: %s %s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("import", "git", repo, "--file", "LANDSCAPE", "--format", "cncf", "--out", out)
	if code != 0 || !strings.Contains(stdout, "up to date") || stderr != "" {
		t.Errorf("rerun: exit %d: %s", code, stdout)
	}
}

// The kill tests run the command in a child process: this test binary,
// asked by the environment to be the landscape command.
const childEnv = "LANDSCAPE_IMPORT_TEST_CHILD"

func TestImportGitChild(t *testing.T) {
	if os.Getenv(childEnv) == "" {
		t.Skip("the child process of the kill tests")
	}
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(childEnv)), &args); err != nil {
		t.Fatal(err)
	}
	os.Exit(Main(args, iostreams.System()))
}

func child(args []string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportGitChild$")
	a, _ := json.Marshal(args)
	cmd.Env = append(os.Environ(), append(env, childEnv+"="+string(a))...)
	return cmd
}

// releaseFile is a release file's name.
var releaseFile = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.[a-z]+$`)

// checkNoPartial checks that every release file in dir is whole: the same
// bytes as in the uninterrupted import.
func checkNoPartial(t *testing.T, dir string, whole map[string]string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !releaseFile.MatchString(e.Name()) {
			if !strings.HasPrefix(e.Name(), ".") && e.Name() != gitimport.ManifestName {
				t.Errorf("unexpected file %s", e.Name())
			}
			continue
		}
		data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		if string(data) != whole[e.Name()] {
			t.Errorf("%s is partial or wrong (%d bytes, want %d)", e.Name(), len(data), len(whole[e.Name()]))
		}
	}
}

// files lists a folder's files, dot files (the state) included.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		m[e.Name()] = string(data)
	}
	return m
}

func killRepo(t *testing.T, n, size int) string {
	t.Helper()
	repo := t.TempDir()
	var commits []gittest.Commit
	body := strings.Repeat("          - item:\n            name: Tool\n", size/40)
	for i := 0; i < n; i++ {
		commits = append(commits, gittest.Commit{
			Files: map[string]string{"landscape.yml": fmt.Sprintf("landscape:\n# version %d\n%s", i, body)},
			When:  time.Date(2022, 1, 1, 12, 0, 0, 0, time.UTC).AddDate(0, 0, i),
		})
	}
	gittest.Build(t, repo, commits)
	return repo
}

// TestImportGitKilled kills imports part-way (the process SIGKILLs itself
// at a chosen point: half-way through a temporary file, after a release file
// is renamed into place, after MANIFEST.tsv, after the state), checks that no
// release file is partial, and that the rerun gives the folder an
// uninterrupted import gives.
func TestImportGitKilled(t *testing.T) {
	requireFailpoints(t)
	repo := killRepo(t, 20, 4000)
	args := func(out string) []string {
		return []string{"import", "git", repo, "--file", "landscape.yml", "--every", "day", "--out", out}
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if out, err := child(args(ref)).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted: %v %s", err, out)
	}
	whole := files(t, ref)
	if n := len(whole); n != 23 { // 20 releases, MANIFEST.tsv, the state, the lock
		t.Fatalf("uninterrupted import wrote %d files", n)
	}
	for _, at := range []string{"1:temp", "7:temp", "1:file", "9:file", "20:file", "3:manifest", "20:state"} {
		t.Run(strings.ReplaceAll(at, ":", "-"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "cat")
			err := child(args(out), gitimport.KillEnv+"="+at).Run()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != -1 { // -1: killed by a signal
				t.Fatalf("the import was not killed: %v", err)
			}
			checkNoPartial(t, out, whole)
			if strings.HasSuffix(at, ":temp") {
				// (other workers may have been writing theirs)
				if tmp, _ := filepath.Glob(filepath.Join(out, ".*.tmp-*")); len(tmp) == 0 {
					t.Error("killed while writing a temporary file, but there is none")
				}
			}
			if out, err := child(args(out)).CombinedOutput(); err != nil {
				t.Fatalf("rerun: %v %s", err, out)
			}
			if got := files(t, out); !reflect.DeepEqual(got, whole) {
				t.Errorf("after the rerun: %d files, want %d; MANIFEST.tsv:\n%s", len(got), len(whole), got[gitimport.ManifestName])
			}
		})
	}
}

// TestImportGitKilledFromOutside kills the import (SIGKILL from this
// process) once it has written some release files, a few times, then lets
// it finish.
func TestImportGitKilledFromOutside(t *testing.T) {
	repo := killRepo(t, 150, 60000)
	args := func(out string) []string {
		return []string{"import", "git", repo, "--file", "landscape.yml", "--every", "day", "--out", out}
	}
	ref := filepath.Join(t.TempDir(), "ref")
	if out, err := child(args(ref)).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted: %v %s", err, out)
	}
	whole := files(t, ref)
	out := filepath.Join(t.TempDir(), "cat")
	killed := 0
	for _, after := range []int{5, 40, 90} {
		cmd := child(args(out))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
	wait:
		for {
			select {
			case <-done:
				break wait // finished before it could be killed
			case <-time.After(time.Millisecond):
				if n := len(releaseFiles(out)); n >= after {
					cmd.Process.Kill()
					<-done
					killed++
					break wait
				}
			}
		}
		checkNoPartial(t, out, whole)
	}
	t.Logf("killed %d times of 3", killed)
	if out, err := child(args(out)).CombinedOutput(); err != nil {
		t.Fatalf("rerun: %v %s", err, out)
	}
	if got := files(t, out); !reflect.DeepEqual(got, whole) {
		t.Errorf("after the rerun: %d files, want %d", len(got), len(whole))
	}
}

func releaseFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if releaseFile.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// TestProgressBar draws the phases: walking, then a bar with commits,
// releases, rate and time left; clear wipes the line.
func TestProgressBar(t *testing.T) {
	var b strings.Builder
	bar := &progressBar{w: &b}
	bar.update(gitimport.Progress{Phase: "fetch", Message: "cloning https://example.org/x"})
	bar.update(gitimport.Progress{Phase: "walk", Commits: 500, Elapsed: time.Second})
	bar.update(gitimport.Progress{Phase: "import", Commits: 0, Total: 1000, Elapsed: 2 * time.Second})
	bar.update(gitimport.Progress{Phase: "import", Commits: 250, Total: 1000, Releases: 12, Elapsed: 3 * time.Second})
	bar.clear()
	out := b.String()
	for _, want := range []string{
		"\r\x1b[Kcloning https://example.org/x",
		"walking the history: 500 commits",
		"250/1000 commits · 12 releases · 250 commits/s · 3s left",
		"██████░░░░░░░░░░░░░░░░░░",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("progress lacks %q:\n%q", want, out)
		}
	}
	if !strings.HasSuffix(out, "\r\x1b[K") {
		t.Errorf("not cleared: %q", out)
	}
}

// TestImportGitProcessedStars imports landscapeapp's processed_landscape.yml,
// deleted at the tip as in the landscape repositories, and reads each
// release's stars.
func TestImportGitProcessedStars(t *testing.T) {
	processed := func(stars int) string {
		return fmt.Sprintf(`# THIS FILE IS GENERATED AUTOMATICALLY!
landscape:
  - category:
    name: Provisioning
    subcategories:
      - subcategory:
        name: Automation
        items:
          - item:
            name: Alpha
            homepage_url: https://alpha.example.org/
            repo_url: https://github.com/example/alpha
            crunchbase: https://www.crunchbase.com/organization/alpha
            github_data:
              stars: %d
              license: Apache License 2.0
            crunchbase_data:
              name: Alpha Inc.
            image_data:
              fileName: alpha.svg
twitter_options:
  count: 20
`, stars)
	}
	landscape := "landscape:\n  - category:\n    name: Provisioning\n    subcategories: []\n"
	repo := t.TempDir()
	day := func(m int) time.Time { return time.Date(2023, time.Month(m), 15, 12, 0, 0, 0, time.UTC) }
	gittest.Build(t, repo, []gittest.Commit{
		{Files: map[string]string{"landscape.yml": landscape, "processed_landscape.yml": processed(100)}, When: day(1)},
		{Files: map[string]string{"landscape.yml": landscape, "processed_landscape.yml": processed(150)}, When: day(2)},
		{Files: map[string]string{"landscape.yml": landscape, "processed_landscape.yml": processed(150)}, When: day(3)},
		{Files: map[string]string{"landscape.yml": landscape, "processed_landscape.yml": processed(210)}, When: day(4)},
		{Files: map[string]string{"landscape.yml": landscape}, When: day(5)}, // landscapeapp gone
	})
	out := filepath.Join(t.TempDir(), "stars")
	if s := importJSON(t, repo, "--file", "processed_landscape.yml", "--out", out); s.Releases != 3 {
		t.Fatalf("%d releases, want 3 (March is the same as February)", s.Releases)
	}
	snaps, err := read.Catalog(out, read.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range snaps {
		for _, l := range s.Listings {
			if l.Stars == nil {
				t.Fatalf("%s: %s has no stars", s.Release.ID, l.Name)
			}
			got = append(got, fmt.Sprintf("%s %s %d", s.Release.ID, l.Name, *l.Stars))
		}
		if len(s.Warnings) > 0 {
			t.Errorf("%s: warnings %v", s.Release.ID, s.Warnings)
		}
		if s.Release.Commit == "" {
			t.Errorf("%s: no commit from MANIFEST.tsv", s.Release.ID)
		}
	}
	if want := []string{"2023-01-31 Alpha 100", "2023-02-28 Alpha 150", "2023-04-30 Alpha 210"}; !reflect.DeepEqual(got, want) {
		t.Errorf("stars %v, want %v", got, want)
	}
}
