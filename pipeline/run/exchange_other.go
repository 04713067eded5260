//go:build !linux

package run

import "errors"

// exchange is not available: WriteDirAtomic renames twice instead.
func exchange(a, b string) error { return errors.ErrUnsupported }
