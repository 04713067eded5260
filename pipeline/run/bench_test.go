package run

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/landscapehq/landscape/charts/html"
)

// BenchmarkAnalyze is P1: `landscape analyze` end to end (read → tables →
// every chart → Parquet) on a public corpus and on the bundled catalog. It
// prints each catalog's time per run against its target (docs/BENCHMARKS.md):
// 2 s for cncf-landscape, 0.5 s for the bundled catalog.
func BenchmarkAnalyze(b *testing.B) {
	// The command collects garbage less often than Go's default
	// (cmd/landscape: debug.SetGCPercent(400)); so does its benchmark.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	type result struct {
		name   string
		per    time.Duration
		cpu    time.Duration // user + system CPU time per run, all goroutines
		target time.Duration
		skip   string
	}
	var results []*result
	for _, c := range []struct {
		name, dir string
		target    time.Duration
	}{
		{"cncf-landscape", "../../../shared/corpora/cncf-landscape", 2 * time.Second},
		{"awesome-production-ml", "../../../shared/corpora/awesome-production-ml", 0},
		{"mlops", "../../snapshots/mlops", 500 * time.Millisecond},
	} {
		r := &result{name: c.name, target: c.target}
		results = append(results, r)
		b.Run(c.name, func(b *testing.B) {
			if _, err := os.Stat(c.dir); err != nil {
				r.skip = err.Error()
				b.Skip(err)
			}
			out := b.TempDir()
			cpu0 := cpuTime()
			for i := 0; i < b.N; i++ {
				if _, err := Analyze(Options{Catalogs: []string{c.dir}, Out: filepath.Join(out, "o"), Assets: html.AssetsLocal}); err != nil {
					b.Fatal(err)
				}
			}
			r.per = b.Elapsed() / time.Duration(b.N)
			r.cpu = (cpuTime() - cpu0) / time.Duration(b.N)
			b.ReportMetric(r.cpu.Seconds(), "cpu-s/op")
			if c.target > 0 {
				b.ReportMetric(r.per.Seconds()/c.target.Seconds(), "x-target")
			}
		})
	}
	var w strings.Builder
	fmt.Fprintf(&w, "\nP1: landscape analyze end to end (read, tables, every chart, Parquet), %d cores\n", runtime.NumCPU())
	fmt.Fprintf(&w, "%-24s %10s %10s %8s %10s\n", "catalog", "s/run", "target s", "ratio", "cpu s/run")
	for _, r := range results {
		switch {
		case r.skip != "":
			fmt.Fprintf(&w, "%-24s %10s   (skipped: %s)\n", r.name, "-", r.skip)
		case r.target > 0:
			fmt.Fprintf(&w, "%-24s %10.3f %10.3f %7.2fx %10.3f\n", r.name, r.per.Seconds(), r.target.Seconds(), r.per.Seconds()/r.target.Seconds(), r.cpu.Seconds())
		default:
			fmt.Fprintf(&w, "%-24s %10.3f %10s %8s %10.3f\n", r.name, r.per.Seconds(), "-", "-", r.cpu.Seconds())
		}
	}
	fmt.Fprintf(&w, "ratio = measured wall time / target (<= 1.00x meets it); cpu = user + system time of the process per run\n")
	fmt.Print(w.String())
}

// cpuTime is the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
