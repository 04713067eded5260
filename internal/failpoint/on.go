//go:build failpoints

package failpoint

import "os"

const enabled = true

func env(name string) string { return os.Getenv(name) }
