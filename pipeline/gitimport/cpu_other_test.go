//go:build !unix

package gitimport

import "time"

func processCPU() time.Duration { return 0 }
