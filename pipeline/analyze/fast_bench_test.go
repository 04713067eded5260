package analyze_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/synth"
)

// P2 compares the fast path (FastParquet: growth, churn and survival from a
// Parquet history) with DuckDB running the equivalent SQL
// (test/duckdb/bench.mjs) on the same synthetic Parquet files of 1, 3, 10
// and 30 million (release, tool) rows. See docs/BENCHMARKS.md.
//
//	LANDSCAPE_P2_SIZES=1M,3M   the sizes to run (default 1M,3M,10M,30M)
//	LANDSCAPE_P2_REPS=3        timed repetitions per side and size, median reported (default 3;
//	                           DuckDB runs once above 10M rows, to keep make bench near 10 minutes)
//	LANDSCAPE_P2_CACHE=DIR     where the generated files are kept (default $TMPDIR/landscape-p2)
//
// Each size runs our side in a fresh child process (this test binary, in
// TestP2Child) so that its peak resident memory (VmHWM) is that of the
// analysis alone, and DuckDB in a node process, timing only query execution.

// p2Seed is the seed of every P2 file.
const p2Seed = 1

func p2Sizes() ([]int, error) {
	spec := os.Getenv("LANDSCAPE_P2_SIZES")
	if spec == "" {
		spec = "1M,3M,10M,30M"
	}
	var out []int
	for _, f := range strings.Split(spec, ",") {
		f = strings.TrimSpace(f)
		mult := 1
		switch {
		case strings.HasSuffix(f, "M"):
			f, mult = strings.TrimSuffix(f, "M"), 1_000_000
		case strings.HasSuffix(f, "k"):
			f, mult = strings.TrimSuffix(f, "k"), 1_000
		}
		n, err := strconv.ParseFloat(f, 64)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("LANDSCAPE_P2_SIZES: bad size %q", f)
		}
		out = append(out, int(n*float64(mult)))
	}
	return out, nil
}

func p2Reps() int {
	if n, err := strconv.Atoi(os.Getenv("LANDSCAPE_P2_REPS")); err == nil && n > 0 {
		return n
	}
	return 3
}

// duckReps is DuckDB's repetitions at a size: p2Reps, but once above 10M
// rows unless LANDSCAPE_P2_REPS says otherwise (a run takes a minute there).
func duckReps(rows int) int {
	if os.Getenv("LANDSCAPE_P2_REPS") == "" && rows > 10_000_000 {
		return 1
	}
	return p2Reps()
}

func sizeLabel(n int) string {
	switch {
	case n >= 1_000_000 && n%1_000_000 == 0:
		return fmt.Sprintf("%dM", n/1_000_000)
	case n >= 1_000_000:
		return fmt.Sprintf("%.1fM", float64(n)/1e6)
	case n%1000 == 0:
		return fmt.Sprintf("%dk", n/1000)
	}
	return strconv.Itoa(n)
}

// childResult is what TestP2Child prints after "P2CHILD ".
type childResult struct {
	Seconds  []float64 `json:"seconds"`
	VmHWMkB  int64     `json:"vmhwm_kb"`
	Rows     int64     `json:"rows"`
	Releases int       `json:"releases"`
	Tools    int       `json:"tools"`
}

// TestP2Child is our side of one P2 size, run by BenchmarkP2 in a child
// process (LANDSCAPE_P2_CHILD names the file); skipped otherwise.
func TestP2Child(t *testing.T) {
	path := os.Getenv("LANDSCAPE_P2_CHILD")
	if path == "" {
		t.Skip("run by BenchmarkP2")
	}
	var res childResult
	for range p2Reps() {
		start := time.Now()
		f, err := analyze.FastParquet(context.Background(), []string{path}, analyze.FastOptions{})
		if err != nil {
			t.Fatal(err)
		}
		res.Seconds = append(res.Seconds, time.Since(start).Seconds())
		res.Rows, res.Releases, res.Tools = f.Rows, len(f.Releases), len(f.Survival.Spans)
	}
	res.VmHWMkB = vmHWM()
	out, _ := json.Marshal(res)
	fmt.Printf("P2CHILD %s\n", out)
}

// vmHWM is this process's peak resident memory in kB (Linux), or 0.
func vmHWM() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	m := regexp.MustCompile(`VmHWM:\s+(\d+) kB`).FindSubmatch(data)
	if m == nil {
		return 0
	}
	n, _ := strconv.ParseInt(string(m[1]), 10, 64)
	return n
}

func runChild(path string) (*childResult, error) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestP2Child$", "-test.bench=^$", "-test.count=1", "-test.timeout=0")
	cmd.Env = append(os.Environ(), "LANDSCAPE_P2_CHILD="+path)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("child: %v: %s%s", err, out, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "P2CHILD "); ok {
			var r childResult
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				return nil, err
			}
			return &r, nil
		}
	}
	return nil, fmt.Errorf("child printed no result: %s", out)
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// p2Row is one line of the P2 table.
type p2Row struct {
	label            string
	rows             int64
	releases, tools  int
	ours, duck       float64 // median seconds
	oursMB, duckMB   float64 // peak resident memory, MB
	oursAll, duckAll []float64
	duckErr          string
}

func BenchmarkP2(b *testing.B) {
	sizes, err := p2Sizes()
	if err != nil {
		b.Fatal(err)
	}
	node, script, derr := duckdbScript()
	if derr != nil && os.Getenv("LANDSCAPE_DUCKDB") == "1" {
		b.Fatalf("LANDSCAPE_DUCKDB=1 but %v", derr)
	}
	var table []*p2Row
	for _, n := range sizes {
		var row *p2Row
		b.Run("rows="+sizeLabel(n), func(b *testing.B) {
			if row == nil {
				path, err := ensureP2(synth.ForRows(n, p2Seed))
				if err != nil {
					b.Fatal(err)
				}
				child, err := runChild(path)
				if err != nil {
					b.Fatal(err)
				}
				row = &p2Row{label: sizeLabel(n), rows: child.Rows, releases: child.Releases, tools: child.Tools,
					ours: median(child.Seconds), oursAll: child.Seconds, oursMB: float64(child.VmHWMkB) / 1024}
				if derr != nil {
					row.duckErr = derr.Error()
				} else if d, err := runDuckDB(node, script, false, duckReps(n), path); err != nil {
					row.duckErr = err.Error()
				} else {
					row.duck, row.duckAll, row.duckMB = median(d.Seconds), d.Seconds, float64(d.VmHWMkB)/1024
				}
				table = append(table, row)
			}
			b.ReportMetric(row.ours*1e9, "ns/op")
			b.ReportMetric(row.oursMB, "MB-peak-RSS")
			if row.duck > 0 {
				b.ReportMetric(row.duck*1e9, "duckdb-ns/op")
				b.ReportMetric(row.ours/row.duck, "x-duckdb")
			}
		})
	}
	printP2(table)
}

func printP2(table []*p2Row) {
	var w strings.Builder
	fmt.Fprintf(&w, "\nP2: growth + churn + survival from Parquet, ours (analyze.FastParquet) vs DuckDB (test/duckdb/bench.mjs), %d cores\n", runtime.NumCPU())
	fmt.Fprintf(&w, "%-6s %11s %9s %8s %9s %9s %8s %12s %12s\n", "size", "rows", "releases", "tools", "ours s", "duckdb s", "ratio", "ours RSS MB", "duck RSS MB")
	for _, r := range table {
		if r.duckErr != "" {
			fmt.Fprintf(&w, "%-6s %11d %9d %8d %9.3f %9s %8s %12.0f %12s   (DuckDB: %s)\n", r.label, r.rows, r.releases, r.tools, r.ours, "-", "-", r.oursMB, "-", r.duckErr)
			continue
		}
		fmt.Fprintf(&w, "%-6s %11d %9d %8d %9.3f %9.3f %7.3fx %12.0f %12.0f\n", r.label, r.rows, r.releases, r.tools, r.ours, r.duck, r.ours/r.duck, r.oursMB, r.duckMB)
	}
	fmt.Fprintf(&w, "times: median of the runs (ours %d; DuckDB %d, once above 10M rows); ratio = ours / DuckDB wall time\n", p2Reps(), duckReps(1))
	fmt.Fprintf(&w, "(target at 10M: <= 0.25x DuckDB with the early-aggregating SQL of test/duckdb/bench.mjs, ours <= 1.5 GB peak RSS); RSS = peak resident memory of the process (DuckDB's includes node)\n")
	fmt.Print(w.String())
}
