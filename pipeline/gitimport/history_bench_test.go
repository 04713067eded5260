package gitimport

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/landscapehq/landscape/internal/corpora"
)

// Targets of import git on the every-day CNCF history (docs/BENCHMARKS.md,
// "import git").
const (
	importFloorRatio = 2.0       // wall time against the floor's
	importMaxRSS     = 256 << 20 // peak resident set
)

// procRun is one process: wall and CPU time, peak resident set.
type procRun struct {
	wall, cpu time.Duration
	rss       int64
}

func runProc(b *testing.B, cmd *exec.Cmd) procRun {
	b.Helper()
	var stderr bytes.Buffer
	if cmd.Stderr == nil {
		cmd.Stderr = &stderr
	}
	start := time.Now()
	err := cmd.Run()
	r := procRun{wall: time.Since(start)}
	if err != nil {
		b.Fatalf("%v: %v\n%s", cmd.Args, err, stderr.String())
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.rss = ru.Maxrss * 1024
	}
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return r
}

// landscapeBin is LANDSCAPE_BIN, else ../../bin/landscape (make bench
// builds it), else one built into a temporary folder.
func landscapeBin(b *testing.B) string {
	if bin := os.Getenv("LANDSCAPE_BIN"); bin != "" {
		return bin
	}
	if bin, err := filepath.Abs("../../bin/landscape"); err == nil {
		if _, err := os.Stat(bin); err == nil {
			return bin
		}
	}
	bin := filepath.Join(b.TempDir(), "landscape")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/landscape").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// gitView is a git directory git itself opens on the objects of a bare
// repository go-git reads but git does not (the shared histories have no
// refs folder): the objects by alternates, the refs copied.
func gitView(b *testing.B, repo string) string {
	b.Helper()
	dir := filepath.Join(b.TempDir(), "view.git")
	if out, err := exec.Command("git", "init", "-q", "--bare", dir).CombinedOutput(); err != nil {
		b.Fatalf("git init: %v %s", err, out)
	}
	objects, err := filepath.Abs(filepath.Join(repo, "objects"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "objects", "info", "alternates"), []byte(objects+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, f := range []string{"packed-refs", "HEAD"} {
		if data, err := os.ReadFile(filepath.Join(repo, f)); err == nil {
			os.WriteFile(filepath.Join(dir, f), data, 0o644)
		}
	}
	return dir
}

// BenchmarkImportHistory is import git --every commit on the every-day
// CNCF history (1,769 days, 1.1 GB of release files), bin/landscape as a
// process, against its floor: git cat-file --batch writing the same blobs
// (the commit:path of every row of the import's MANIFEST.tsv) to one file
// on the same disk. The two run in turns (LANDSCAPE_IMPORT_REPS rounds,
// default 3, which goes first alternating); outputs stay until the end, as
// a user's do (ext4 without a journal makes creating files dearer for a
// while after others were deleted). It reports the best and median wall
// time of each, their ratio (target ≤ 2×) and the import's peak RSS
// (target ≤ 256 MB).
func BenchmarkImportHistory(b *testing.B) {
	if b.N > 1 {
		b.Skip("runs once")
	}
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git binary for the floor")
	}
	repo := corpora.History(b, "cncf-landscape")
	bin := landscapeBin(b)
	view := gitView(b, repo)
	base := b.TempDir()
	if d := os.Getenv("LANDSCAPE_BENCH_DIR"); d != "" {
		var err error
		if base, err = os.MkdirTemp(d, "landscape-import-bench-"); err != nil {
			b.Fatal(err)
		}
		defer os.RemoveAll(base)
	}
	reps := 3
	if s := os.Getenv("LANDSCAPE_IMPORT_REPS"); s != "" {
		fmt.Sscan(s, &reps)
	}
	importOnce := func(r int) procRun {
		return runProc(b, exec.Command(bin, "import", "git", repo, "--file", "landscape.yml", "--every", "commit", "--out", filepath.Join(base, fmt.Sprint("import-", r))))
	}
	var batch string
	floorOnce := func(r int) procRun {
		out, err := os.Create(filepath.Join(base, fmt.Sprint("floor-", r, ".out")))
		if err != nil {
			b.Fatal(err)
		}
		defer out.Close()
		cmd := exec.Command("git", "--git-dir="+view, "cat-file", "--batch")
		cmd.Stdin = strings.NewReader(batch)
		cmd.Stdout = out
		return runProc(b, cmd)
	}
	var imps, floors []procRun
	for r := 0; r < reps; r++ {
		if r%2 == 0 {
			imps = append(imps, importOnce(r))
			if r == 0 {
				batch = manifestBatch(b, filepath.Join(base, "import-0"))
			}
			floors = append(floors, floorOnce(r))
		} else {
			floors = append(floors, floorOnce(r))
			imps = append(imps, importOnce(r))
		}
	}
	written := int64(0)
	if fi, err := os.Stat(filepath.Join(base, "floor-0.out")); err == nil {
		written = fi.Size()
	}
	best := func(rs []procRun) procRun {
		return slices.MinFunc(rs, func(a, c procRun) int { return int(a.wall - c.wall) })
	}
	median := func(rs []procRun) time.Duration {
		w := make([]time.Duration, len(rs))
		for i, r := range rs {
			w[i] = r.wall
		}
		slices.Sort(w)
		return w[len(w)/2]
	}
	bi, bf := best(imps), best(floors)
	rss := slices.MaxFunc(imps, func(a, c procRun) int { return int(a.rss - c.rss) }).rss
	ratio := bi.wall.Seconds() / bf.wall.Seconds()
	b.ReportMetric(bi.wall.Seconds(), "import-s")
	b.ReportMetric(bf.wall.Seconds(), "floor-s")
	b.ReportMetric(ratio, "x-floor")
	b.ReportMetric(float64(rss)/1e6, "import-MB")
	fmt.Printf("import git --every commit, every-day CNCF history (%s written), %d rounds, load %s:\n", sizeText(written), reps, loadAvg())
	fmt.Printf("  import %.2fs best, %.2fs median (%.2fs CPU), peak RSS %.0f MB (target ≤ %d MB)\n",
		bi.wall.Seconds(), median(imps).Seconds(), bi.cpu.Seconds(), float64(rss)/1e6, importMaxRSS>>20)
	fmt.Printf("  floor git cat-file --batch > file %.2fs best, %.2fs median (%.2fs CPU), peak RSS %.0f MB\n",
		bf.wall.Seconds(), median(floors).Seconds(), bf.cpu.Seconds(), float64(best(floors).rss)/1e6)
	fmt.Printf("  ratio %.2f× best to best, %.2f× median to median (target ≤ %.0f×); CPU %.2f×\n", ratio, median(imps).Seconds()/median(floors).Seconds(), importFloorRatio, bi.cpu.Seconds()/bf.cpu.Seconds())
	if rss > importMaxRSS {
		b.Errorf("import git peak RSS %d MB, over the %d MB target", rss>>20, importMaxRSS>>20)
	}
	if ratio > importFloorRatio {
		b.Errorf("import git %.2f× its floor, over the %.0f× target", ratio, importFloorRatio)
	}
}

// manifestBatch is git cat-file --batch's input for the blobs an import
// wrote: commit:path of each row of its MANIFEST.tsv, in order.
func manifestBatch(b *testing.B, dir string) string {
	b.Helper()
	m, err := readManifest(dir)
	if err != nil {
		b.Fatal(err)
	}
	var sb strings.Builder
	for _, r := range m.sorted() {
		fmt.Fprintf(&sb, "%s:%s\n", r.Commit, r.SourcePath)
	}
	return sb.String()
}

func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(data))[0]
}

// BenchmarkImportGitBomb imports (bin/landscape, a process) a repository
// whose landscape.yml is, on three of its five days, the same gigabyte of
// zeros (1 MB packed): wall time and peak RSS, and that the three versions
// are left out with warnings.
func BenchmarkImportGitBomb(b *testing.B) {
	if b.N > 1 {
		b.Skip("runs once")
	}
	bin := landscapeBin(b)
	start := time.Now()
	repo := fastImport(b, filepath.Join(b.TempDir(), "bomb.git"), "landscape.yml", []bombVersion{
		{day: "2024-01-10", text: "landscape: []\n"},
		{day: "2024-01-11", bomb: 1 << 30},
		{day: "2024-01-12", text: "landscape: [] # 2\n"},
		{day: "2024-01-13", bomb: 1 << 30},
		{day: "2024-01-14", bomb: 1 << 30},
	}, true)
	made := time.Since(start)
	var size int64
	packs, _ := filepath.Glob(filepath.Join(repo, "objects", "pack", "*.pack"))
	for _, p := range packs {
		if fi, err := os.Stat(p); err == nil {
			size += fi.Size()
		}
	}
	out := filepath.Join(b.TempDir(), "cat")
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "import", "git", repo, "--file", "landscape.yml", "--every", "day", "--out", out)
	cmd.Stderr = &stderr
	r := runProc(b, cmd)
	warnings := 0
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "warning: ") && strings.Contains(sc.Text(), "1.0 GiB, over the 64 MiB") {
			warnings++
		}
	}
	files := releaseFiles(out)
	b.ReportMetric(r.wall.Seconds(), "import-s")
	b.ReportMetric(float64(r.rss)/1e6, "import-MB")
	fmt.Printf("import git of a 1 GiB blob on 3 of 5 days (repository of %s, made in %.1fs): %.2fs, %.2fs CPU, peak RSS %.0f MB; %d releases, %d warnings\n",
		sizeText(size), made.Seconds(), r.wall.Seconds(), r.cpu.Seconds(), float64(r.rss)/1e6, len(files), warnings)
	if len(files) != 2 || warnings != 3 {
		b.Errorf("releases %v, %d warnings; want 2 and 3", files, warnings)
	}
	if r.rss > importMaxRSS {
		b.Errorf("peak RSS %d MB over %d MB", r.rss>>20, importMaxRSS>>20)
	}
}
