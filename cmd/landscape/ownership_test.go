package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/landscapehq/landscape/internal/iostreams"
)

// TestNeverReplaceWhatWeDidNotWrite: analyze, export and chart refuse —
// exit non-zero, with a message naming the path — an --out that holds or
// is inside an input catalog, and an OUT/<catalog> (or dataset version)
// that is a file, a symbolic link or a folder they did not write; the
// catalog and whatever was there are left exactly as they were.
func TestNeverReplaceWhatWeDidNotWrite(t *testing.T) {
	twoReleases := map[string]string{
		"2024-01-01.yaml": release(tool("A", "https://a.example", "")),
		"2024-06-01.yaml": release(tool("A", "https://a.example", ""), tool("B", "https://b.example", "")),
		"notes.txt":       "my notes",
	}
	cases := []struct {
		name string
		// setup returns the arguments, run in the returned working
		// folder, and the path the message must name.
		setup func(t *testing.T, root, cat string) (args []string, wd, names string)
	}{
		{"analyze --out parent", func(t *testing.T, root, cat string) ([]string, string, string) {
			return []string{"analyze", cat, "--out", root}, "", root
		}},
		{"analyze . --out ..", func(t *testing.T, root, cat string) ([]string, string, string) {
			return []string{"analyze", ".", "--out", ".."}, cat, ".."
		}},
		{"analyze --out catalog", func(t *testing.T, root, cat string) ([]string, string, string) {
			return []string{"analyze", cat, "--out", cat}, "", cat
		}},
		{"analyze --out through a symlink", func(t *testing.T, root, cat string) ([]string, string, string) {
			link := filepath.Join(t.TempDir(), "link")
			if err := os.Symlink(root, link); err != nil {
				t.Skip(err)
			}
			return []string{"analyze", cat, "--out", link}, "", link
		}},
		{"export --out parent", func(t *testing.T, root, cat string) ([]string, string, string) {
			return []string{"export", cat, "--out", root}, "", root
		}},
		{"analyze over a regular file", func(t *testing.T, root, cat string) ([]string, string, string) {
			out := t.TempDir()
			os.WriteFile(filepath.Join(out, "demo"), []byte("mine"), 0o644)
			return []string{"analyze", cat, "--out", out}, "", filepath.Join(out, "demo")
		}},
		{"analyze over a foreign folder", func(t *testing.T, root, cat string) ([]string, string, string) {
			out := t.TempDir()
			os.MkdirAll(filepath.Join(out, "demo", "photos"), 0o755)
			os.WriteFile(filepath.Join(out, "demo", "report.md"), []byte("mine"), 0o644)
			return []string{"analyze", cat, "--out", out}, "", filepath.Join(out, "demo")
		}},
		{"analyze over a symlink", func(t *testing.T, root, cat string) ([]string, string, string) {
			out := t.TempDir()
			if err := os.Symlink(cat, filepath.Join(out, "demo")); err != nil {
				t.Skip(err)
			}
			return []string{"analyze", cat, "--out", out}, "", filepath.Join(out, "demo")
		}},
		{"export over a foreign folder", func(t *testing.T, root, cat string) ([]string, string, string) {
			out := t.TempDir()
			v := filepath.Join(out, "demo", "dataset", "2024-06-01.0")
			os.MkdirAll(v, 0o755)
			os.WriteFile(filepath.Join(v, "notes.txt"), []byte("mine"), 0o644)
			return []string{"export", cat, "--out", out}, "", v
		}},
		{"chart into the catalog", func(t *testing.T, root, cat string) ([]string, string, string) {
			return []string{"chart", "sunburst", cat, "-o", filepath.Join(cat, "2024-06-01.yaml")}, "", cat
		}},
		{"chart over a folder", func(t *testing.T, root, cat string) ([]string, string, string) {
			out := t.TempDir()
			return []string{"chart", "sunburst", cat, "-o", out}, "", out
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cat := writeCatalog(t, twoReleases)
			root := filepath.Dir(cat)
			os.MkdirAll(filepath.Join(cat, ".git", "objects"), 0o755)
			os.WriteFile(filepath.Join(cat, ".git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644)
			args, wd, names := c.setup(t, root, cat)
			if wd != "" {
				t.Chdir(wd)
			}
			before := killTree(t, root)
			var stdout, stderr bytes.Buffer
			code := Main(args, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr})
			if code == 0 {
				t.Fatalf("%v: exit 0, want a refusal", args)
			}
			if !strings.Contains(stderr.String(), names) {
				t.Errorf("stderr %q does not name %s", stderr.String(), names)
			}
			if d := killTreeDiff(killTree(t, root), before); d != "" {
				t.Errorf("%s changed: %s", root, d)
			}
		})
	}

	// What analyze wrote, it replaces: twice into the same --out, and an
	// output made before markers existed (only our file names in it).
	cat := writeCatalog(t, twoReleases)
	out := t.TempDir()
	for range 2 {
		var stdout, stderr bytes.Buffer
		if code := Main([]string{"analyze", cat, "--out", out}, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr}); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	for _, p := range []string{filepath.Join(out, "demo", ".landscape-output"), filepath.Join(out, "demo", "dataset", "2024-06-01.0", ".landscape-output")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("no marker: %v", err)
		}
	}
	os.Remove(filepath.Join(out, "demo", ".landscape-output"))
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"export", cat, "--out", out}, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr}); code != 0 {
		t.Fatalf("export over analyze's dataset: exit %d: %s", code, stderr.String())
	}
	if code := Main([]string{"analyze", cat, "--out", out}, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr}); code != 0 {
		t.Fatalf("analyze over an output without marker: exit %d: %s", code, stderr.String())
	}
}
