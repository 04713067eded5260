package run

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
	"go.yaml.in/yaml/v3"

	"github.com/landscapehq/landscape/internal/corpora"

	"github.com/landscapehq/landscape/pipeline/analyze"
	"github.com/landscapehq/landscape/pipeline/catalog"
)

// P5's targets for `landscape analyze` on the every-day CNCF history
// (docs/BENCHMARKS.md, "P5: every-day histories").
const (
	p5MustWall = 60 * time.Second
	p5MustRSS  = 2 << 30
	p5AimWall  = 15 * time.Second
	p5AimRSS   = 1 << 30
	p5WarmWall = 3 * time.Second
)

// p5Run is one `landscape analyze` process.
type p5Run struct {
	wall time.Duration
	rss  int64 // peak resident set, bytes (wait4's ru_maxrss)
	cpu  time.Duration
	load string // /proc/loadavg's 1-minute average when it started
}

// BenchmarkP5 is P5: `landscape analyze` (bin/landscape, a process of its
// own, as a user runs it) on the every-day history of the CNCF landscape
// (1,769 releases, 2.9 M listings), imported with --every commit into a
// temporary folder first (not timed).
//
//   - cold: analyze into a new --out, LANDSCAPE_P5_REPS times (default 3),
//     wall time and peak RSS against the targets (must ≤ 60 s and ≤ 2 GB;
//     aim ≤ 15 s and ≤ 1 GB);
//   - warm: the history imported up to its second-newest day and analysed,
//     then the newest day imported and the same --out analysed again; that
//     second analyze against ≤ 3 s.
//
// It then checks what the last analyze wrote: listings per release against a
// generic YAML decode of 30 release files spread over the history, and
// conservation of tools at every release, overall and per category and
// subcategory (releases.parquet, category_stats.parquet,
// subcategory_stats.parquet).
//
// LANDSCAPE_BIN names the binary (default ../../bin/landscape, which `make
// bench` builds; built into a temporary folder when absent).
func BenchmarkP5(b *testing.B) {
	if b.N > 1 {
		b.Skip("P5 runs once")
	}
	const name = "cncf-landscape"
	bin := p5Binary(b)
	tmp := b.TempDir()
	dir := filepath.Join(tmp, name) // the catalog is named by its folder

	// The history up to its second-newest day first, for the warm case:
	// the history holds one commit per day, and the releases are named by
	// the (UTC) day of their commit.
	days := p5CommitDays(b, corpora.History(b, name))
	if len(days) < 2 {
		b.Fatalf("%d days in the history", len(days))
	}
	before := importHistory(b, name, "landscape.yml", dir, days[len(days)-2])
	warmOut := filepath.Join(tmp, "warm")
	first := p5Analyze(b, bin, dir, warmOut)
	sum := importHistory(b, name, "landscape.yml", dir, "")
	if sum.Releases != before.Releases+1 || sum.Written != 1 || sum.Releases != len(days) {
		b.Fatalf("imports: %d releases up to %s, then %d (%d written); %d days in the history", before.Releases, days[len(days)-2], sum.Releases, sum.Written, len(days))
	}
	warm := p5Analyze(b, bin, dir, warmOut)

	reps := 3
	if s := os.Getenv("LANDSCAPE_P5_REPS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			reps = n
		}
	}
	var cold []p5Run
	for i := range reps {
		cold = append(cold, p5Analyze(b, bin, dir, filepath.Join(tmp, fmt.Sprintf("cold%d", i))))
	}

	// What the last analyze wrote.
	out := filepath.Join(tmp, fmt.Sprintf("cold%d", reps-1), name)
	g := p5Growth(b, out)
	listings := 0
	for _, r := range g.Releases {
		listings += r.Listings
	}
	if len(g.Releases) != len(days) {
		b.Errorf("%d releases analysed, %d imported", len(g.Releases), len(days))
	}
	sampled, sampleErrs := p5CheckSample(b, dir, g, 30)
	consErrs := conservation(g)
	for _, e := range consErrs {
		b.Error(e)
	}
	groups := len(g.Categories) + len(g.Subcategories)

	walls := make([]float64, len(cold))
	var rss int64
	for i, r := range cold {
		walls[i] = r.wall.Seconds()
		rss = max(rss, r.rss)
	}
	slices.Sort(walls)
	med := walls[len(walls)/2]
	gb := func(n int64) float64 { return float64(n) / (1 << 30) }

	var w strings.Builder
	fmt.Fprintf(&w, "\nP5: landscape analyze on the every-day CNCF history (%d releases, %d listings), %d cores, %s\n", len(g.Releases), listings, runtime.NumCPU(), bin)
	for i, r := range cold {
		fmt.Fprintf(&w, "  cold %d: %6.2f s  %5.2f GB  cpu %6.2f s  (load %s)\n", i+1, r.wall.Seconds(), gb(r.rss), r.cpu.Seconds(), r.load)
	}
	fmt.Fprintf(&w, "  up to the second-newest day (%d releases): %6.2f s  %5.2f GB  (load %s)\n", len(g.Releases)-1, first.wall.Seconds(), gb(first.rss), first.load)
	fmt.Fprintf(&w, "  warm (one more day, same --out): %6.2f s  %5.2f GB  cpu %6.2f s  (load %s)\n", warm.wall.Seconds(), gb(warm.rss), warm.cpu.Seconds(), warm.load)
	fmt.Fprintf(&w, "P5 cold median %.2f s, peak %.2f GB: must (60 s, 2 GB) %.2fx %.2fx; aim (15 s, 1 GB) %.2fx %.2fx; warm %.2f s against 3 s: %.2fx\n",
		med, gb(rss), med/p5MustWall.Seconds(), float64(rss)/p5MustRSS, med/p5AimWall.Seconds(), float64(rss)/p5AimRSS,
		warm.wall.Seconds(), warm.wall.Seconds()/p5WarmWall.Seconds())
	fmt.Fprintf(&w, "P5 checks: listings of %d sampled releases against a generic YAML decode: %d differ; conservation at %d releases and %d (release, group) rows: %d failures\n",
		sampled, sampleErrs, len(g.Releases), groups, len(consErrs))
	fmt.Fprintf(&w, "ratio = measured / target (<= 1.00x meets it); peak = the largest ru_maxrss of the cold runs\n")
	fmt.Print(w.String())
	b.ReportMetric(med, "cold-s")
	b.ReportMetric(gb(rss), "peak-GB")
	b.ReportMetric(warm.wall.Seconds(), "warm-s")
}

// p5Binary is the landscape binary P5 runs.
func p5Binary(b *testing.B) string {
	if bin := os.Getenv("LANDSCAPE_BIN"); bin != "" {
		return bin
	}
	bin, err := filepath.Abs("../../bin/landscape")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	bin = filepath.Join(b.TempDir(), "landscape")
	cmd := exec.Command("go", "build", "-o", bin, "../../cmd/landscape")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// p5CommitDays is the distinct UTC days of the commits of a repository's
// default branch, oldest first.
func p5CommitDays(b *testing.B, repo string) []string {
	r, err := git.PlainOpen(repo)
	if err != nil {
		b.Fatal(err)
	}
	head, err := r.Head()
	if err != nil {
		b.Fatal(err)
	}
	it, err := r.Log(&git.LogOptions{From: head.Hash()})
	if err != nil {
		b.Fatal(err)
	}
	seen := map[string]bool{}
	var days []string
	err = it.ForEach(func(c *object.Commit) error {
		d := c.Committer.When.UTC().Format("2006-01-02")
		if !seen[d] {
			seen[d] = true
			days = append(days, d)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(days)
	return days
}

// p5Analyze runs `bin analyze dir --out out` and measures it.
func p5Analyze(b *testing.B, bin, dir, out string) p5Run {
	r := p5Run{load: loadAvg()}
	cmd := exec.Command(bin, "analyze", dir, "--out", out)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	r.wall = time.Since(start)
	if err != nil {
		b.Fatalf("%s analyze %s: %v\n%s", bin, dir, err, stderr.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = ru.Maxrss * 1024 // kilobytes on Linux
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return r
}

// loadAvg is the 1-minute load average.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

// p5Growth reads the growth tables an analyze wrote into out.
func p5Growth(b *testing.B, out string) *analyze.Growth {
	g := &analyze.Growth{}
	rel := p5Table(b, filepath.Join(out, "releases.parquet"))
	for i := range rel.n {
		g.Releases = append(g.Releases, analyze.ReleaseStat{
			Release: rel.str["release"][i], File: rel.str["source_file"][i],
			Listings: rel.int("listings", i), Tools: rel.int("tools", i), Added: rel.int("added", i),
			Removed: rel.int("removed", i), Net: rel.int("net", i),
		})
	}
	for _, f := range []struct {
		file string
		into *[]analyze.GroupStat
	}{{"category_stats.parquet", &g.Categories}, {"subcategory_stats.parquet", &g.Subcategories}} {
		t := p5Table(b, filepath.Join(out, f.file))
		for i := range t.n {
			s := analyze.GroupStat{Release: t.str["release"][i], Category: t.str["category"][i],
				Tools: t.int("tools", i), Added: t.int("added", i), Removed: t.int("removed", i),
				MovedIn: t.int("moved_in", i), MovedOut: t.int("moved_out", i), Net: t.int("net", i)}
			if sub, ok := t.str["subcategory"]; ok {
				s.Subcategory = sub[i]
			}
			*f.into = append(*f.into, s)
		}
	}
	return g
}

// p5Columns is a Parquet table's string and integer columns.
type p5Columns struct {
	n    int
	str  map[string][]string
	ints map[string][]int64
}

func (c *p5Columns) int(name string, i int) int {
	col, ok := c.ints[name]
	if !ok {
		panic("no integer column " + name)
	}
	return int(col[i])
}

func p5Table(b *testing.B, path string) *p5Columns {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(b, 0)
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		b.Fatal(err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{BatchSize: 1 << 16}, mem)
	if err != nil {
		b.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer tbl.Release()
	c := &p5Columns{n: int(tbl.NumRows()), str: map[string][]string{}, ints: map[string][]int64{}}
	for i := range int(tbl.NumCols()) {
		col := tbl.Column(i)
		name := col.Name()
		for _, chunk := range col.Data().Chunks() {
			switch a := chunk.(type) {
			case *array.String, *array.Dictionary:
				c.str[name] = append(c.str[name], catalog.Strings(a)...)
			case *array.Int64:
				c.ints[name] = append(c.ints[name], a.Int64Values()...)
			case *array.Int32:
				for _, v := range a.Int32Values() {
					c.ints[name] = append(c.ints[name], int64(v))
				}
			}
		}
	}
	return c
}

// p5CheckSample decodes n release files spread over the history (the first
// and the newest included) with a generic YAML decode and compares their
// items with the listings analysed. It returns how many were compared and
// how many differ.
func p5CheckSample(b *testing.B, dir string, g *analyze.Growth, n int) (sampled, differ int) {
	rels := g.Releases
	n = min(n, len(rels))
	for k := range n {
		i := 0
		if n > 1 {
			i = k * (len(rels) - 1) / (n - 1)
		}
		r := rels[i]
		src, err := os.ReadFile(filepath.Join(dir, r.File))
		if err != nil {
			b.Fatal(err)
		}
		items, unnamed, err := countYAMLItems(src)
		if err != nil {
			b.Errorf("%s: %v", r.File, err)
			differ++
			continue
		}
		sampled++
		if items != r.Listings {
			b.Errorf("%s: %d listings analysed, %d named items in the YAML (%d unnamed left out)", r.File, r.Listings, items, unnamed)
			differ++
		}
	}
	return sampled, differ
}

// countYAMLItems decodes a landscape.yml generically (yaml.v3, into
// map[string]any) and counts the entries of landscape › [*] › subcategories
// › [*] › items that are mappings with a name: a listing each. Entries
// without a name (or that are not mappings) are counted apart, as unnamed:
// the reader leaves them out with a warning (docs: pipeline/read/cncf.go,
// item).
func countYAMLItems(src []byte) (items, unnamed int, err error) {
	var doc map[string]any
	if err := yaml.NewDecoder(bufio.NewReader(bytes.NewReader(src))).Decode(&doc); err != nil {
		return 0, 0, err
	}
	cats, _ := doc["landscape"].([]any)
	if cats == nil {
		return 0, 0, fmt.Errorf("no landscape: list")
	}
	for _, c := range cats {
		cm, _ := c.(map[string]any)
		subs, _ := cm["subcategories"].([]any)
		for _, s := range subs {
			sm, _ := s.(map[string]any)
			its, _ := sm["items"].([]any)
			for _, it := range its {
				im, _ := it.(map[string]any)
				if name := im["name"]; name != nil && fmt.Sprint(name) != "" {
					items++
				} else {
					unnamed++
				}
			}
		}
	}
	return items, unnamed, nil
}
