// Package failpoint holds what the kill tests need to stop a run part-way:
// the environment variables that arm a stage's kill points are read only in
// a binary built with `-tags failpoints` (as `make test` builds the tests);
// in the product, Env is always "" and a kill point does nothing.
package failpoint

import (
	"os"
	"time"
)

// Enabled tells whether this binary was built with -tags failpoints.
const Enabled = enabled

// Env gives an environment variable that arms kill points; "" unless the
// binary was built with -tags failpoints.
func Env(name string) string { return env(name) }

// Kill kills the process (SIGKILL on Unix), as a crash or the OOM killer
// would, without running deferred functions.
func Kill() {
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		p.Kill()
	}
	time.Sleep(time.Minute) // the signal is on its way
	os.Exit(137)
}
