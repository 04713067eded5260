package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// GC policy of the command (main): while the live heap is small the collector
// runs at GOGC 400 — a run's heap is small next to the machine, and collecting
// less often saves about a tenth of the CPU (docs/BENCHMARKS.md) — and as the
// live heap grows towards gcTarget the percentage falls, to 100 from
// gcTarget/2 of live data on: the heap then stays within about twice the live
// data, so that a large catalog's peak memory grows with its live data (about
// a kilobyte per listing) rather than five times that. The soft memory limit
// (main) still holds; GOGC in the environment turns the tuning off.
const (
	gcTarget     = 256 << 20
	gcMaxPercent = 400
	gcMinPercent = 100
)

// gcPercentFor is the GOGC for a live heap of live bytes: the percentage
// that puts the next collection at gcTarget, within [gcMinPercent,
// gcMaxPercent].
func gcPercentFor(live uint64) int {
	if live == 0 {
		return gcMaxPercent
	}
	p := int(100 * (float64(gcTarget)/float64(live) - 1))
	return min(max(p, gcMinPercent), gcMaxPercent)
}

// gcSentinel is collected at every garbage collection; its finalizer sets
// GOGC for the live heap just measured and arms itself again.
type gcSentinel struct{ _ [16]byte }

// tuneGC sets GOGC from the live heap after every collection (see
// gcTarget).
func tuneGC() {
	debug.SetGCPercent(gcMaxPercent)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	current := gcMaxPercent
	var finalize func(*gcSentinel)
	finalize = func(s *gcSentinel) {
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 {
			if p := gcPercentFor(sample[0].Value.Uint64()); p != current {
				current = p
				debug.SetGCPercent(p)
			}
		}
		runtime.SetFinalizer(s, finalize)
	}
	runtime.SetFinalizer(new(gcSentinel), finalize)
}
