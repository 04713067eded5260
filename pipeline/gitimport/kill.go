package gitimport

import (
	"errors"
	"strconv"
	"strings"

	"github.com/landscapehq/landscape/internal/failpoint"
)

// KillEnv names the test hook that makes an import kill itself (SIGKILL on
// Unix) part-way, to test that a killed import leaves no partial release file
// and that the rerun completes it: "N" or "N:STAGE" kills at the Nth release
// file written by the run, at STAGE: "temp" (half-way through writing its
// temporary file), "file" (renamed into place, the default), "manifest"
// (listed in MANIFEST.tsv) or "state" (import state saved).
const KillEnv = "LANDSCAPE_TEST_KILL_AFTER"

// It is read only in a binary built with -tags failpoints
// (internal/failpoint).
var killN, killStage = parseKill(failpoint.Env(KillEnv))

func parseKill(v string) (int, string) {
	if v == "" {
		return 0, ""
	}
	n, stage, _ := strings.Cut(v, ":")
	i, err := strconv.Atoi(n)
	if err != nil || i <= 0 {
		return 0, ""
	}
	if stage == "" {
		stage = "file"
	}
	return i, stage
}

func killAt(n int, stage string) bool { return killN > 0 && n == killN && stage == killStage }

// errCrashed is what the crash hook of tests makes an import return.
var errCrashed = errors.New("gitimport: crashed by a test")

// crash, set by tests, is called at each point the kill hook can kill at;
// when it returns true, the import stops there with errCrashed, writing
// nothing more.
var crash func(n int, stage string) bool

// maybeKill kills at the Nth release file, at a stage.
func maybeKill(n int, stage string) error {
	if killAt(n, stage) {
		die()
	}
	if crash != nil && crash(n, stage) {
		return errCrashed
	}
	return nil
}

// maybeKillFrom kills at the first time stage is reached with n at or past
// the Nth release file (MANIFEST.tsv and the state are saved every so
// often, not after each release).
func maybeKillFrom(n int, stage string) error {
	if killN > 0 && n >= killN && stage == killStage {
		die()
	}
	if crash != nil && crash(n, stage) {
		return errCrashed
	}
	return nil
}

func die() { failpoint.Kill() }
