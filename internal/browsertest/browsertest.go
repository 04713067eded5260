// Package browsertest runs test/browser/check.mjs — headless Chromium,
// offline — over a folder of pages, for the tests of every package that
// writes HTML. Without node, playwright-core or Chromium the test is skipped,
// unless LANDSCAPE_BROWSER=1 (as in `make test`), which makes that a failure.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Check opens every .html file under dir and fails t unless all of them
// (want, when want > 0) pass.
func Check(t testing.TB, dir string, want int) {
	t.Helper()
	out, err := Node(t, "check.mjs", dir)
	if err != nil {
		t.Fatalf("check.mjs failed: %v", err)
	}
	m := regexp.MustCompile(`(?m)^(\d+) passed, (\d+) failed$`).FindStringSubmatch(string(out))
	if m == nil || m[2] != "0" || (want > 0 && m[1] != fmt.Sprint(want)) {
		t.Fatalf("check.mjs: want %d passed, 0 failed; got %q", want, lastLine(out))
	}
}

// Node runs a script of test/browser with node (args after it) and gives
// its output, logged; it skips t where node, playwright-core or Chromium is
// missing (a failure under LANDSCAPE_BROWSER=1) and in -short mode.
func Node(t testing.TB, script string, args ...string) ([]byte, error) {
	t.Helper()
	required := os.Getenv("LANDSCAPE_BROWSER") == "1"
	unavailable := func(why string) {
		t.Helper()
		if required {
			t.Fatalf("LANDSCAPE_BROWSER=1 but %s (run scripts/setup-test-deps.sh)", why)
		}
		t.Skipf("browser test skipped: %s (run scripts/setup-test-deps.sh, or set LANDSCAPE_BROWSER=1 to require it)", why)
	}
	if testing.Short() && !required {
		t.Skip("browser test skipped in -short mode")
	}
	browserDir := Dir()
	node, err := exec.LookPath("node")
	if err != nil {
		unavailable("node is not installed")
	}
	if _, err := os.Stat(filepath.Join(browserDir, "node_modules", "playwright-core", "package.json")); err != nil {
		unavailable("test/browser/node_modules/playwright-core is missing")
	}
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	if _, err := os.Stat(chromium); err != nil {
		unavailable(chromium + " is missing")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, append([]string{script}, args...)...)
	cmd.Dir = browserDir
	cmd.Env = append(os.Environ(), "CHROMIUM="+chromium)
	out, err := cmd.CombinedOutput()
	t.Logf("node %s:\n%s", script, out)
	return out, err
}

// Dir is test/browser, where the scripts and the vendored ECharts live.
func Dir() string {
	_, self, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(self), "..", "..", "test", "browser")
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
