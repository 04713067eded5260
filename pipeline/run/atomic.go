package run

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

// WriteDirAtomic builds a directory with fill in a temporary directory beside
// target and puts it in target's place only when fill succeeds: a failed or
// killed run leaves the previous target as it was, and a reader of target
// sees either the previous directory or the new one, whole.
//
// The temporary directory is .<name>.tmp-<pid>-<random> beside target. On
// Linux the new directory and the previous one are swapped in one step
// (renameat2 RENAME_EXCHANGE), so that target exists at every moment; where
// that is not available, the previous directory is renamed aside to
// <temporary>.old for the moment between two renames. Leftovers of runs that
// were killed (their process is gone) are removed before a new run starts,
// and a previous directory left aside by a run killed between the two renames
// is put back first.
func WriteDirAtomic(target string, fill func(tmp string) error) error {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := cleanStale(parent, filepath.Base(target)); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, tmpPrefix(filepath.Base(target))+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	killPoint() // test hook: the new output is complete, not in place
	if _, err := os.Lstat(target); err == nil {
		if err := exchange(tmp, target); err == nil {
			killPoint() // test hook: swapped; the previous output is still beside
			return os.RemoveAll(tmp)
		}
		old := tmp + ".old"
		if err := os.Rename(target, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
		if err := os.Rename(tmp, target); err != nil {
			os.Rename(old, target)
			os.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
		killPoint() // test hook: renamed; the previous output is still beside
		return os.RemoveAll(old)
	}
	if err := os.Rename(tmp, target); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return nil
}

// tmpPrefix is the name prefix of the temporary directories of target name.
func tmpPrefix(name string) string { return "." + name + ".tmp-" }

// cleanStale removes the temporary directories that runs writing name in
// parent left behind when they were killed (those of running processes are
// left alone), first putting back a previous output that such a run had
// renamed aside when name is missing.
func cleanStale(parent, name string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	prefix := tmpPrefix(name)
	_, err = os.Lstat(filepath.Join(parent, name))
	missing := errors.Is(err, os.ErrNotExist)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		pid, _, _ := strings.Cut(rest, "-")
		if n, err := strconv.Atoi(pid); err == nil && n != os.Getpid() && processAlive(n) {
			continue
		}
		path := filepath.Join(parent, e.Name())
		if missing && strings.HasSuffix(e.Name(), ".old") && e.IsDir() {
			if err := os.Rename(path, filepath.Join(parent, name)); err != nil {
				return fmt.Errorf("restoring %s: %w", filepath.Join(parent, name), err)
			}
			missing = false
			continue
		}
		if err := os.RemoveAll(path); err != nil {
			return fmt.Errorf("removing a leftover of a killed run: %w", err)
		}
	}
	return nil
}

// processAlive reports whether a process with this id runs.
func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EPERM)
}

// KillEnv names a test hook: with LANDSCAPE_TEST_KILL_AT=N the process kills
// itself (SIGKILL on Unix) at the Nth kill point it reaches. The kill points
// are each output file written by WriteOutputs and, in WriteDirAtomic, the
// moment the new output is complete and the moment it is in place. The kill
// tests of cmd/landscape use it to check that a killed run never leaves a
// half-written output. Unset (the normal case) it does nothing.
const KillEnv = "LANDSCAPE_TEST_KILL_AT"

var (
	killAt, _  = strconv.Atoi(os.Getenv(KillEnv))
	killPoints atomic.Int64
)

func killPoint() {
	if killAt <= 0 || killPoints.Add(1) != int64(killAt) {
		return
	}
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Kill()
	}
	time.Sleep(time.Minute) // the signal is on its way
	os.Exit(137)
}
