package analyze_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/landscapehq/landscape/pipeline/synth"
)

// p2Dir caches the synthetic Parquet files of the P2 benchmark and of the
// 1 M-row tests across runs: generating 30 M rows takes a while.
func p2Dir() string {
	if d := os.Getenv("LANDSCAPE_P2_CACHE"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "landscape-p2")
}

// p2Name is a cached file's name: it changes with the options and the
// generator's version.
func p2Name(o synth.Options) string {
	o = o.WithDefaults()
	return fmt.Sprintf("synth-v%s-seed%d-r%d-t%d.parquet", synth.Version, o.Seed, o.Releases, o.Tools)
}

var p2Mu sync.Mutex

// ensureP2 returns the path of the cached Parquet history of o, generating
// it when missing.
func ensureP2(o synth.Options) (string, error) {
	p2Mu.Lock()
	defer p2Mu.Unlock()
	dir := p2Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, p2Name(o))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if _, err := synth.WriteParquetFile(path, "synth", o); err != nil {
		return "", err
	}
	return path, nil
}

func p2File(t testing.TB, o synth.Options) string {
	t.Helper()
	path, err := ensureP2(o)
	if err != nil {
		t.Fatal(err)
	}
	return path
}
