//go:build !unix

package gitimport

// lockFolder does not lock on this platform.
func lockFolder(dir string) (unlock func(), err error) { return func() {}, nil }
