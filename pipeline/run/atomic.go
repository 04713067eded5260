package run

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/landscapehq/landscape/internal/failpoint"
)

// WriteDirAtomic builds a directory with fill in a temporary directory beside
// target and puts it in target's place only when fill succeeds: a failed or
// killed run leaves the previous target as it was, and a reader of target
// sees either the previous directory or the new one, whole.
//
// It only ever replaces a folder it wrote: the new folder gets a marker
// (MarkerName), and an existing target is refused, with an error naming it,
// when it is a file, a symbolic link, or a folder without the marker whose
// entries are not all names of our outputs (checkReplaceable). A read-only
// previous output is made writable before it is replaced, so that it can
// be removed; when that is not possible nothing is moved.
//
// The temporary directory is .<name>.tmp-<pid>-<random> beside target, with
// a lock file of the same name and ".lock" that the run holds locked (flock,
// on Linux) from before the directory exists until it is gone. On Linux the
// new directory and the previous one are swapped in one step (renameat2
// RENAME_EXCHANGE), so that target exists at every moment; where that is
// not available, the previous directory is renamed aside to
// <temporary>.old for the moment between two renames. Leftovers of runs that
// were killed (their lock is free) are removed before a new run starts, and
// a previous directory left aside by a run killed between the two renames is
// put back first.
func WriteDirAtomic(target string, fill func(tmp string) error) error {
	parent := filepath.Dir(target)
	if err := checkReplaceable(target); err != nil {
		return err
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	if err := cleanStale(parent, filepath.Base(target)); err != nil {
		return err
	}
	tmp, unlock, err := newTemp(parent, filepath.Base(target))
	if err != nil {
		return err
	}
	defer unlock()
	if err := os.Chmod(tmp, 0o755); err != nil {
		removeTree(tmp)
		return err
	}
	if err := fill(tmp); err != nil {
		removeTree(tmp)
		return err
	}
	if err := WriteMarker(tmp); err != nil {
		removeTree(tmp)
		return err
	}
	killPoint() // test hook: the new output is complete, not in place
	if _, err := os.Lstat(target); err == nil {
		// Checked again: the run may have been long.
		if err := checkReplaceable(target); err != nil {
			removeTree(tmp)
			return err
		}
		if err := makeRemovable(target); err != nil {
			removeTree(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
		if err := exchange(tmp, target); err == nil {
			killPoint() // test hook: swapped; the previous output is still beside
			if err := removeTree(tmp); err != nil {
				return fmt.Errorf("%s is in place; removing the previous output: %w", target, err)
			}
			return nil
		}
		old := tmp + ".old"
		if err := os.Rename(target, old); err != nil {
			removeTree(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
		if err := os.Rename(tmp, target); err != nil {
			os.Rename(old, target)
			removeTree(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
		killPoint() // test hook: renamed; the previous output is still beside
		if err := removeTree(old); err != nil {
			return fmt.Errorf("%s is in place; removing the previous output: %w", target, err)
		}
		return nil
	}
	if err := os.Rename(tmp, target); err != nil {
		removeTree(tmp)
		return fmt.Errorf("writing %s: %w", target, err)
	}
	return nil
}

// tmpPrefix is the name prefix of the temporary directories of target name.
func tmpPrefix(name string) string { return "." + name + ".tmp-" }

// newTemp makes a temporary directory for target name in parent, after
// creating and locking its lock file; unlock removes the lock file and lets
// go of the lock (the directory itself is removed or renamed by then).
func newTemp(parent, name string) (tmp string, unlock func(), err error) {
	for range 100 {
		f, err := os.CreateTemp(parent, tmpPrefix(name)+strconv.Itoa(os.Getpid())+"-*.lock")
		if err != nil {
			return "", nil, err
		}
		if err := lockFile(f); err != nil {
			os.Remove(f.Name())
			f.Close()
			return "", nil, fmt.Errorf("locking %s: %w", f.Name(), err)
		}
		// A run cleaning leftovers may have taken the lock first and
		// removed the file: then it is not ours, and we start again.
		held, err1 := f.Stat()
		named, err2 := os.Lstat(f.Name())
		if err1 != nil || err2 != nil || !os.SameFile(held, named) {
			f.Close()
			continue
		}
		tmp = strings.TrimSuffix(f.Name(), ".lock")
		if err := os.Mkdir(tmp, 0o700); err != nil {
			os.Remove(f.Name())
			f.Close()
			return "", nil, err
		}
		return tmp, func() { os.Remove(f.Name()); f.Close() }, nil
	}
	return "", nil, fmt.Errorf("%s: could not make a temporary folder", parent)
}

// cleanStale removes the temporary directories (and lock files) that runs
// writing name in parent left behind when they were killed: those whose lock
// is free (those of running processes, in any PID namespace, hold theirs and
// are left alone), first putting back a previous output that such a run had
// renamed aside when name is missing.
func cleanStale(parent, name string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return err
	}
	prefix := tmpPrefix(name)
	_, err = os.Lstat(filepath.Join(parent, name))
	missing := errors.Is(err, os.ErrNotExist)
	groups := map[string][]os.DirEntry{} // temporary name → its entries
	var bases []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(e.Name(), ".lock"), ".old")
		if groups[base] == nil {
			bases = append(bases, base)
		}
		groups[base] = append(groups[base], e)
	}
	for _, base := range bases {
		lock, err := os.OpenFile(filepath.Join(parent, base+".lock"), os.O_RDWR, 0)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("checking a leftover of a killed run: %w", err)
		}
		stale, err := tryLockFile(lock, strings.TrimPrefix(base, prefix))
		if err != nil {
			lock.Close()
			return fmt.Errorf("checking a leftover of a killed run: %w", err)
		}
		if !stale {
			lock.Close()
			continue
		}
		err = cleanGroup(parent, name, base, groups[base], &missing)
		if lock != nil {
			lock.Close()
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// cleanGroup removes one killed run's leftovers (the lock file last), or
// puts its previous output back.
func cleanGroup(parent, name, base string, group []os.DirEntry, missing *bool) error {
	var lockFile string
	for _, e := range group {
		path := filepath.Join(parent, e.Name())
		if e.Name() == base+".lock" {
			lockFile = path
			continue
		}
		if *missing && strings.HasSuffix(e.Name(), ".old") && e.IsDir() {
			if err := os.Rename(path, filepath.Join(parent, name)); err != nil {
				return fmt.Errorf("restoring %s: %w", filepath.Join(parent, name), err)
			}
			*missing = false
			continue
		}
		if err := removeTree(path); err != nil {
			return fmt.Errorf("removing %s, a leftover of a killed run: %w", path, err)
		}
	}
	if lockFile != "" {
		if err := os.Remove(lockFile); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("removing %s, a leftover of a killed run: %w", lockFile, err)
		}
	}
	return nil
}

// KillEnv names a test hook: with LANDSCAPE_TEST_KILL_AT=N the process kills
// itself (SIGKILL on Unix) at the Nth kill point it reaches. The kill points
// are each output file written by WriteOutputs and, in WriteDirAtomic, the
// moment the new output is complete and the moment it is in place. The kill
// tests of cmd/landscape use it to check that a killed run never leaves a
// half-written output. It is read only in a binary built with -tags
// failpoints (internal/failpoint); unset, or in the product, it does nothing.
const KillEnv = "LANDSCAPE_TEST_KILL_AT"

var (
	killAt, _  = strconv.Atoi(failpoint.Env(KillEnv))
	killPoints atomic.Int64
)

func killPoint() {
	if killAt <= 0 || killPoints.Add(1) != int64(killAt) {
		return
	}
	failpoint.Kill()
}
