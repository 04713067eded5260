//go:build !linux

package run

import (
	"errors"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// lockFile is a no-op where flock is not used.
func lockFile(*os.File) error { return nil }

// tryLockFile: without flock, a temporary folder is live while the process
// whose id is in its name runs.
func tryLockFile(_ *os.File, rest string) (bool, error) {
	pid, _, _ := strings.Cut(rest, "-")
	if n, err := strconv.Atoi(pid); err == nil && n != os.Getpid() && processAlive(n) {
		return false, nil
	}
	return true, nil
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
