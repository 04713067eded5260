package gitimport

import (
	"net/http/cgi"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"

	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
)

// gitHTTPServer serves the repositories under root over smart HTTP with git
// http-backend (test only: the import itself needs no git binary).
func gitHTTPServer(t *testing.T, root string) *httptest.Server {
	t.Helper()
	execPath, err := exec.Command("git", "--exec-path").Output()
	if err != nil {
		t.Skip("no git binary to serve a repository over HTTP")
	}
	backend := filepath.Join(strings.TrimSpace(string(execPath)), "git-http-backend")
	if _, err := os.Stat(backend); err != nil {
		t.Skip("no git-http-backend")
	}
	h := &cgi.Handler{Path: backend, Env: []string{"GIT_PROJECT_ROOT=" + root, "GIT_HTTP_EXPORT_ALL=1"}}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// TestRemote: a URL is cloned into the cache on the first run and fetched on
// the next, which imports the new commits only.
func TestRemote(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "landscape")
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	h := gittest.Append(t, repo, nil, []testCommit{
		{Files: map[string]string{"landscape.yml": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"landscape.yml": "v2"}, When: day0("2024-02-10T10:00:00Z")},
	})
	srv := gitHTTPServer(t, root)
	url := srv.URL + "/landscape"
	cache := t.TempDir()
	out := filepath.Join(t.TempDir(), "cat")
	sum := runImport(t, Options{Repo: url, File: "landscape.yml", Out: out, Every: EveryMonth, CacheDir: cache})
	if sum.Written != 2 || sum.SourceRepo != url {
		t.Errorf("first run %+v", sum)
	}
	clones, _ := filepath.Glob(filepath.Join(cache, "*.git"))
	if len(clones) != 1 {
		t.Fatalf("cache holds %v", clones)
	}
	h = gittest.Append(t, repo, h, []testCommit{
		{Files: map[string]string{"landscape.yml": "v3"}, When: day0("2024-03-10T10:00:00Z")},
	})
	sum = runImport(t, Options{Repo: url, File: "landscape.yml", Out: out, Every: EveryMonth, CacheDir: cache})
	if sum.Written != 1 || sum.Commits != 1 || sum.Tip != h[2].String() {
		t.Errorf("second run %+v", sum)
	}
	got := folder(t, out)
	delete(got, ManifestName)
	want := map[string]string{"2024-01-31.yml": "v1", "2024-02-29.yml": "v2", "2024-03-31.yml": "v3"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if c2, _ := filepath.Glob(filepath.Join(cache, "*.git")); !reflect.DeepEqual(c2, clones) {
		t.Errorf("cache now %v", c2)
	}
}
