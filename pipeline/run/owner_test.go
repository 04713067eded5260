package run

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// TestWriteDirAtomicOwnership: an existing target is replaced only when it
// is a folder we wrote (our marker, or nothing but our outputs' names);
// anything else is refused, named, and left exactly as it was.
func TestWriteDirAtomicOwnership(t *testing.T) {
	cases := []struct {
		name   string
		make   func(t *testing.T, target string)
		refuse string // "" when it is replaced
	}{
		{"missing", func(*testing.T, string) {}, ""},
		{"marker", func(t *testing.T, p string) { mkdir(t, p); write(t, p, "anything.yaml"); WriteMarker(p) }, ""},
		{"empty folder", func(t *testing.T, p string) { mkdir(t, p) }, ""},
		{"legacy output", func(t *testing.T, p string) {
			mkdir(t, p)
			for _, f := range []string{"report.md", "index.html", "summary.json", "echarts.min.js", "growth.png", "growth.snippet.html", "events.parquet"} {
				write(t, p, f)
			}
			mkdir(t, filepath.Join(p, "dataset", "2026-06-30.0"))
		}, ""},
		{"legacy dataset release", func(t *testing.T, p string) {
			mkdir(t, p)
			write(t, p, "DATASET.md")
			write(t, p, "manifest.json")
			for _, d := range []string{"csv", "json", "tools", "listings", "events"} {
				mkdir(t, filepath.Join(p, d))
			}
		}, ""},
		{"input catalog", func(t *testing.T, p string) {
			mkdir(t, filepath.Join(p, ".git"))
			write(t, p, "2024-01-01.yaml")
			write(t, p, "report.md")
		}, "did not write"},
		{"release files only", func(t *testing.T, p string) { mkdir(t, p); write(t, p, "2024-01.csv") }, "did not write"},
		{"notes", func(t *testing.T, p string) { mkdir(t, p); write(t, p, "notes.txt") }, "did not write"},
		{"fake marker", func(t *testing.T, p string) { mkdir(t, p); write(t, p, MarkerName); write(t, p, "notes.txt") }, "did not write"},
		{"regular file", func(t *testing.T, p string) { write(t, filepath.Dir(p), filepath.Base(p)) }, "not an output folder"},
		{"symlink to an output", func(t *testing.T, p string) {
			real := p + "-real"
			mkdir(t, real)
			WriteMarker(real)
			if err := os.Symlink(real, p); err != nil {
				t.Skip(err)
			}
		}, "symbolic link"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			target := filepath.Join(parent, "cat")
			c.make(t, target)
			before := tree(t, parent)
			err := WriteDirAtomic(target, func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "report.md"), []byte("new"), 0o644) })
			if c.refuse == "" {
				if err != nil {
					t.Fatal(err)
				}
				if data, _ := os.ReadFile(filepath.Join(target, "report.md")); string(data) != "new" || !hasMarker(target) {
					t.Errorf("not replaced: %q, marker %v", data, hasMarker(target))
				}
				if got := atomicNames(t, parent); strings.Join(got, " ") != "cat" && c.name != "symlink to an output" {
					t.Errorf("beside the target: %v", got)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.refuse) || !strings.Contains(err.Error(), target) {
				t.Fatalf("error %v: want one naming %s and %q", err, target, c.refuse)
			}
			if after := tree(t, parent); after != before {
				t.Errorf("changed:\n%s\nwas\n%s", after, before)
			}
		})
	}
}

// TestCheckOut: an --out that is an input catalog, inside it or above it —
// by a relative path, "..", or a symbolic link — is refused; a sibling is not.
func TestCheckOut(t *testing.T) {
	root := t.TempDir()
	cat := filepath.Join(root, "snapshots", "mycat")
	mkdir(t, cat)
	link := filepath.Join(root, "link")
	if err := os.Symlink(filepath.Join(root, "snapshots"), link); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		out, catalog string
		refuse       string
	}{
		{filepath.Join(root, "snapshots"), cat, "holds the input catalog"},
		{root, cat, "holds the input catalog"},
		{cat, cat, "inside the input catalog"},
		{filepath.Join(cat, "out"), cat, "inside the input catalog"},
		{filepath.Join(cat, ".."), cat, "holds the input catalog"},
		{filepath.Join(cat, "x", "..", ".."), cat, "holds the input catalog"},
		{link, cat, "holds the input catalog"},
		{filepath.Join(link, "mycat", "new"), cat, "inside the input catalog"},
		{cat, filepath.Join(link, "mycat"), "inside the input catalog"},
		{filepath.Join(root, "out"), cat, ""},
		{filepath.Join(root, "snapshots", "mycat2"), cat, ""},
		{filepath.Join(root, "not", "yet"), cat, ""},
	}
	for _, c := range cases {
		err := CheckOut(c.out, c.catalog)
		switch {
		case c.refuse == "" && err != nil:
			t.Errorf("CheckOut(%s, %s): %v", c.out, c.catalog, err)
		case c.refuse != "" && (err == nil || !strings.Contains(err.Error(), c.refuse)):
			t.Errorf("CheckOut(%s, %s) = %v, want %q", c.out, c.catalog, err, c.refuse)
		}
	}
	// A file output: never inside a catalog, never over a folder or a link.
	write(t, root, "chart.png")
	if err := os.Symlink(filepath.Join(root, "chart.png"), filepath.Join(root, "chart-link.png")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		out    string
		refuse string
	}{
		{filepath.Join(cat, "chart.png"), "inside the input catalog"},
		{filepath.Join(link, "mycat", "2024-01-01.yaml"), "inside the input catalog"},
		{filepath.Join(root, "snapshots"), "not a regular file"},
		{filepath.Join(root, "chart-link.png"), "not a regular file"},
		{filepath.Join(root, "chart.png"), ""},
		{filepath.Join(root, "new.png"), ""},
	} {
		err := CheckOutFile(c.out, cat)
		switch {
		case c.refuse == "" && err != nil:
			t.Errorf("CheckOutFile(%s): %v", c.out, err)
		case c.refuse != "" && (err == nil || !strings.Contains(err.Error(), c.refuse)):
			t.Errorf("CheckOutFile(%s) = %v, want %q", c.out, err, c.refuse)
		}
	}
}

// TestWriteDirAtomicReadOnly: a read-only previous output (folders mode
// 555) is replaced, and nothing is left beside it; so is a read-only
// leftover of a killed run cleaned. (As root the modes are not enforced,
// but the folders are still made writable first, which is checked.)
func TestWriteDirAtomicReadOnly(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "cat")
	fill := func(tmp string) error {
		mkdir(t, filepath.Join(tmp, "dataset", "v"))
		write(t, filepath.Join(tmp, "dataset", "v"), "manifest.json")
		return os.WriteFile(filepath.Join(tmp, "report.md"), []byte("x"), 0o644)
	}
	if err := WriteDirAtomic(target, fill); err != nil {
		t.Fatal(err)
	}
	leftover := filepath.Join(parent, ".cat.tmp-2147483646-1")
	mkdir(t, filepath.Join(leftover, "sub"))
	write(t, filepath.Join(leftover, "sub"), "f")
	for _, d := range []string{filepath.Join(target, "dataset", "v"), filepath.Join(target, "dataset"), target, filepath.Join(leftover, "sub"), leftover} {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { makeRemovable(parent) })
	for run := range 2 {
		if err := WriteDirAtomic(target, fill); err != nil {
			t.Fatalf("run %d: %v", run, err)
		}
		if got := atomicNames(t, parent); strings.Join(got, " ") != "cat" {
			t.Errorf("run %d: beside the target: %v", run, got)
		}
	}
	st, err := os.Stat(target)
	if err != nil || st.Mode().Perm() != 0o755 {
		t.Errorf("target: %v %v", st.Mode(), err)
	}
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, dir, name string) {
	t.Helper()
	mkdir(t, dir)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
		t.Fatal(err)
	}
}

// tree lists every path under dir with its kind and content.
func tree(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b.WriteString(rel + " " + info.Mode().String())
		if info.Mode().IsRegular() {
			data, _ := os.ReadFile(p)
			b.WriteString(" " + string(data))
		}
		if info.Mode()&os.ModeSymlink != 0 {
			l, _ := os.Readlink(p)
			b.WriteString(" -> " + l)
		}
		b.WriteString("\n")
		return nil
	})
	return b.String()
}

// TestWriteDirAtomicReadOnlyAsUser runs TestWriteDirAtomicReadOnly as an
// unprivileged user (nobody) when the tests run as root, for whom mode 555
// is not enforced: a copy of the test binary, run with that user's ids.
func TestWriteDirAtomicReadOnlyAsUser(t *testing.T) {
	if os.Getuid() != 0 || runtime.GOOS != "linux" {
		t.Skip("only as root on Linux: otherwise TestWriteDirAtomicReadOnly runs unprivileged itself")
	}
	if os.Getenv("LANDSCAPE_TEST_AS_USER") != "" {
		t.Skip("already the unprivileged child")
	}
	dir, err := os.MkdirTemp("", "landscape-readonly-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "run.test")
	if err := os.WriteFile(exe, bin, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestWriteDirAtomicReadOnly$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = []string{"TMPDIR=" + dir, "HOME=" + dir, "LANDSCAPE_TEST_AS_USER=1", "PATH=/usr/bin:/bin"}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil {
		if strings.Contains(string(out), "permission denied") && !strings.Contains(string(out), "--- FAIL") {
			t.Skipf("cannot run as nobody: %v\n%s", err, out)
		}
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: TestWriteDirAtomicReadOnly") {
		t.Fatalf("as nobody, the test did not run:\n%s", out)
	}
}
