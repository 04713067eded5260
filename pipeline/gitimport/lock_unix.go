//go:build unix

package gitimport

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockFolder takes the folder's lock (an flock on .import.lock, which the
// kernel lets go of when the process dies), so that two imports do not
// write one folder at once.
func lockFolder(dir string) (unlock func(), err error) {
	f, err := os.OpenFile(filepath.Join(dir, lockName), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: another import is writing this folder", dir)
		}
		return nil, fmt.Errorf("%s: locking: %w", dir, err)
	}
	return func() { f.Close() }, nil
}
