package run

import (
	"errors"
	"os"
	"syscall"
)

// lockFile takes an exclusive advisory lock (flock) on the open file f,
// waiting for it; the kernel lets go of it when the process dies.
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

// tryLockFile takes the lock of f if it is free: false when another open
// file description (a live run, in this or another process or PID
// namespace) holds it.
func tryLockFile(f *os.File, _ string) (bool, error) {
	if f == nil {
		return true, nil // no lock file: no run holds this folder
	}
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}
