package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/landscapehq/landscape/internal/iostreams"
)

// TestSideFileNotRegular: a side file (or a release file) that is a named
// pipe or a symlink to /dev/zero is refused promptly with an error naming
// it, by analyze and export; it neither hangs the run nor fills memory.
func TestSideFileNotRegular(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	names := []string{"aliases.yaml", "taxonomy.yaml", "SOURCE.md", "LICENSE", "MANIFEST.tsv", "2099-01-01.yaml"}
	kinds := map[string]func(path string) error{
		"fifo":    func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"devzero": func(p string) error { return os.Symlink("/dev/zero", p) },
	}
	for _, name := range names {
		for kind, create := range kinds {
			for _, cmd := range []string{"analyze", "export"} {
				t.Run(cmd+"/"+name+"/"+kind, func(t *testing.T) {
					dir := writeCatalog(t, map[string]string{
						"2024-01-01.yaml": release(tool("A", "https://a.example", "")),
						"2024-06-01.yaml": release(tool("A", "https://a.example", ""), tool("B", "https://b.example", "")),
					})
					path := filepath.Join(dir, name)
					if err := create(path); err != nil {
						t.Skip(err)
					}
					out := filepath.Join(t.TempDir(), "out")
					var stdout, stderr bytes.Buffer
					done := make(chan int, 1)
					go func() {
						done <- Main([]string{cmd, "--strict", dir, "--out", out}, &iostreams.IOStreams{Out: &stdout, ErrOut: &stderr})
					}()
					select {
					case code := <-done:
						if code == 0 {
							t.Fatalf("exit 0; want an error about %s", name)
						}
						if msg := stderr.String(); !strings.Contains(msg, path) || !strings.Contains(msg, "not a regular file") {
							t.Errorf("stderr %q: want %s named as not a regular file", msg, path)
						}
					case <-time.After(30 * time.Second):
						if kind == "fifo" {
							// unblock the reader so the test binary can finish
							if f, err := os.OpenFile(path, os.O_WRONLY|syscall.O_NONBLOCK, 0); err == nil {
								f.Close()
							}
						}
						t.Fatalf("%s did not return within 30 s", cmd)
					}
					if _, err := os.Stat(out); err == nil {
						t.Errorf("%s was written", out)
					}
				})
			}
		}
	}
}
