package run

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"testing"
)

func atomicNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestWriteDirAtomic(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "cat")
	write := func(content string) error {
		return WriteDirAtomic(target, func(tmp string) error {
			return os.WriteFile(filepath.Join(tmp, "f.txt"), []byte(content), 0o644)
		})
	}
	read := func() string {
		data, err := os.ReadFile(filepath.Join(target, "f.txt"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if err := write("one"); err != nil || read() != "one" {
		t.Fatalf("first write: %v", err)
	}
	if err := write("two"); err != nil || read() != "two" {
		t.Fatalf("replacing: %v", err)
	}
	// A failing fill leaves the previous output and nothing beside it.
	failed := errors.New("failed")
	err := WriteDirAtomic(target, func(tmp string) error {
		os.WriteFile(filepath.Join(tmp, "f.txt"), []byte("half"), 0o644)
		return failed
	})
	if !errors.Is(err, failed) || read() != "two" {
		t.Fatalf("failed fill: %v, %q", err, read())
	}
	if got := atomicNames(t, parent); len(got) != 1 || got[0] != "cat" {
		t.Errorf("beside the target: %v", got)
	}
}

// TestWriteDirAtomicCleansLeftovers: a temporary folder is a leftover when
// its lock is free (or it has no lock file); one whose lock is held — by a
// live run, here another open file description, as a run in another PID
// namespace would hold it — is left alone, whatever process id its name has.
func TestWriteDirAtomicCleansLeftovers(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("flock-based liveness is Linux's")
	}
	parent := t.TempDir()
	target := filepath.Join(parent, "cat")
	// Leftovers of killed runs: one with its (free) lock file, one without,
	// an older style temporary directory; a temporary directory of a live
	// run whose process id is not one of ours (its lock is held); another
	// catalog's.
	dead := filepath.Join(parent, ".cat.tmp-2147483646-123")
	deadNoLock := filepath.Join(parent, fmt.Sprintf(".cat.tmp-%d-999", os.Getppid()))
	live := filepath.Join(parent, ".cat.tmp-2147483645-456")
	for _, d := range []string{dead, deadNoLock, live, filepath.Join(parent, ".cat.tmp-789"), filepath.Join(parent, ".other.tmp-2147483646-1")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, l := range []string{dead + ".lock", live + ".lock"} {
		if err := os.WriteFile(l, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	held, err := os.Open(live + ".lock")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := lockFile(held); err != nil {
		t.Fatal(err)
	}
	// The previous output, renamed aside by a run killed between its two
	// renames (where renameat2 is not available): target is missing.
	old := dead + ".old"
	if err := os.MkdirAll(old, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(old, "f.txt"), []byte("previous"), 0o644)
	WriteMarker(old)

	// This run fails: the previous output is back in place all the same.
	err = WriteDirAtomic(target, func(string) error { return errors.New("failed") })
	if err == nil {
		t.Fatal("want the fill's error")
	}
	if data, err := os.ReadFile(filepath.Join(target, "f.txt")); err != nil || string(data) != "previous" {
		t.Fatalf("previous output not restored: %q %v", data, err)
	}
	want := []string{".cat.tmp-2147483645-456", ".cat.tmp-2147483645-456.lock", ".other.tmp-2147483646-1", "cat"}
	if got := atomicNames(t, parent); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("after cleaning:\n got %v\nwant %v", got, want)
	}
	// Once the live run lets go of its lock, its folder is a leftover.
	held.Close()
	if err := WriteDirAtomic(target, func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "f.txt"), []byte("new"), 0o644) }); err != nil {
		t.Fatal(err)
	}
	if got := atomicNames(t, parent); fmt.Sprint(got) != "[.other.tmp-2147483646-1 cat]" {
		t.Errorf("after the lock was let go: %v", got)
	}
}

// TestWriteDirAtomicConcurrent: two runs writing the same target at once
// (separate lock files and descriptors) never remove each other's
// temporary folder: both succeed and nothing is left beside the target.
func TestWriteDirAtomicConcurrent(t *testing.T) {
	parent := t.TempDir()
	target := filepath.Join(parent, "cat")
	started := make(chan struct{})
	release := make(chan struct{})
	errs := make(chan error, 1)
	go func() {
		errs <- WriteDirAtomic(target, func(tmp string) error {
			close(started)
			<-release // the second run cleans leftovers meanwhile
			return os.WriteFile(filepath.Join(tmp, "f.txt"), []byte("first"), 0o644)
		})
	}()
	<-started
	if err := WriteDirAtomic(target, func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "f.txt"), []byte("second"), 0o644) }); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-errs; err != nil {
		t.Fatalf("the first run: %v", err)
	}
	if data, _ := os.ReadFile(filepath.Join(target, "f.txt")); string(data) != "first" {
		t.Errorf("f.txt = %q, want the last run's", data)
	}
	if got := atomicNames(t, parent); fmt.Sprint(got) != "[cat]" {
		t.Errorf("beside the target: %v", got)
	}
}

func TestSafeName(t *testing.T) {
	for _, bad := range []string{"", ".", "..", "../x", "a/b", `a\b`, "/abs", "tab\tname", "nl\nname", "del\x7f", "nul\x00"} {
		if err := SafeName(bad); err == nil {
			t.Errorf("SafeName(%q) = nil, want an error", bad)
		}
	}
	for _, ok := range []string{"mlops", "cncf-landscape", "awesome_list.v2", "Café"} {
		if err := SafeName(ok); err != nil {
			t.Errorf("SafeName(%q) = %v", ok, err)
		}
	}
	// A catalog folder's name is its base name, checked.
	dir := filepath.Join(t.TempDir(), "bad\x01name")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Skipf("cannot make a folder with a control character in its name: %v", err)
	}
	if _, err := CatalogName(dir); err == nil {
		t.Errorf("CatalogName(%q) = nil error", dir)
	}
	if name, err := CatalogName(filepath.Join(t.TempDir(), "mlops")); err != nil || name != "mlops" {
		t.Errorf("CatalogName: %q, %v", name, err)
	}
}

// TestWriteDirAtomicLockOtherProcess: a temporary folder whose lock another
// process holds is left alone by the cleaning, whatever its name says;
// once that process is gone (the kernel lets go of its lock), it is removed.
func TestWriteDirAtomicLockOtherProcess(t *testing.T) {
	if lock := os.Getenv("LANDSCAPE_TEST_HOLD_LOCK"); lock != "" {
		f, err := os.OpenFile(lock, os.O_RDWR, 0)
		if err == nil {
			err = lockFile(f)
		}
		if err != nil {
			fmt.Println("error:", err)
			os.Exit(1)
		}
		fmt.Println("locked")
		io.ReadAll(os.Stdin) // until the parent closes it
		os.Exit(0)
	}
	if runtime.GOOS != "linux" {
		t.Skip("flock-based liveness is Linux's")
	}
	parent := t.TempDir()
	target := filepath.Join(parent, "cat")
	live := filepath.Join(parent, ".cat.tmp-2147483646-777") // no such process here: as a run in another PID namespace
	if err := os.MkdirAll(live, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(live+".lock", nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteDirAtomicLockOtherProcess$")
	cmd.Env = append(os.Environ(), "LANDSCAPE_TEST_HOLD_LOCK="+live+".lock")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stdout).ReadString('\n')
	if line != "locked\n" {
		stdin.Close()
		cmd.Wait()
		t.Fatalf("child: %q", line)
	}
	fill := func(tmp string) error { return os.WriteFile(filepath.Join(tmp, "f.txt"), nil, 0o644) }
	if err := WriteDirAtomic(target, fill); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Fatalf("the live run's folder was removed: %v", err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if err := WriteDirAtomic(target, fill); err != nil {
		t.Fatal(err)
	}
	if got := atomicNames(t, parent); fmt.Sprint(got) != "[cat]" {
		t.Errorf("after the other process ended: %v", got)
	}
}
