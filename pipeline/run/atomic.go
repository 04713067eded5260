package run

import (
	"fmt"
	"os"
	"path/filepath"
)

// WriteDirAtomic builds a directory with fill in a temporary directory beside
// target and renames it into place only when fill succeeds: a failed or killed
// run leaves the previous target as it was.
func WriteDirAtomic(target string, fill func(tmp string) error) error {
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
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
	old := ""
	if _, err := os.Stat(target); err == nil {
		old = tmp + ".old"
		if err := os.Rename(target, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("replacing %s: %w", target, err)
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		if old != "" {
			os.Rename(old, target)
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("replacing %s: %w", target, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
