package gitimport

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/landscapehq/landscape/pipeline/read"
)

// Options of an import.
type Options struct {
	Repo string // local path, or an https:// URL
	File string // the file's path in the repository, as it is at the tip
	Out  string // the catalog folder written
	// Every is the cadence (see Cadences); "" is month. Ignored with Tags.
	Every string
	// Tags makes one release per tag instead of one per period.
	Tags bool
	// Since leaves out the periods (tags) ending before it; Until leaves out
	// commits after it (end of day, UTC) and the periods after its own.
	Since, Until time.Time
	// Ref is the branch, tag or commit imported up to; "" is the default
	// branch (HEAD).
	Ref string
	// Ext is the extension of the release files (".yml"); "" takes the
	// file's own.
	Ext string
	// CacheDir keeps the clones of remote repositories; "" is
	// DefaultCacheDir().
	CacheDir string
	// MaxFileSize is the largest release file written, in bytes; 0 is
	// read.MaxFileSize, the largest that analyze reads. A version of the
	// file over it gives no release, with a warning: its size is read from
	// the object's header, before anything of it is inflated.
	MaxFileSize int64
	// Now is the time commit dates are checked against (a commit dated more
	// than ten years after it, or before 1990, is left out with a warning);
	// zero is the time of the run.
	Now time.Time
	// Progress, when set, is called as the import goes (at most every
	// ProgressInterval, and at the end of each phase).
	Progress func(Progress)
}

// ProgressInterval is how often Options.Progress is called at most.
const ProgressInterval = 100 * time.Millisecond

// Progress is where an import is.
type Progress struct {
	// Phase is "fetch" (opening, cloning or fetching the repository;
	// Message says which), "walk" (reading the commits of the first-parent
	// line), "follow" (finding the file in each), "import" (writing the
	// release files).
	Phase    string
	Message  string
	Commits  int // commits read ("walk"), looked into ("follow"), imported ("import"); tags with Tags
	Total    int // of Commits; 0 while walking
	Releases int // release files written so far
	Elapsed  time.Duration
	Done     bool // the phase's last report
}

// Summary is what an import did.
type Summary struct {
	Repo        string  `json:"repo"`
	SourceRepo  string  `json:"source_repo"`
	File        string  `json:"file"`
	Ref         string  `json:"ref"`
	Every       string  `json:"every"` // cadence, or "tags"
	Out         string  `json:"out"`
	Tip         string  `json:"tip,omitempty"` // the last commit imported
	Incremental bool    `json:"incremental"`   // an earlier import was continued
	UpToDate    bool    `json:"up_to_date"`    // there was nothing new
	Commits     int     `json:"commits"`       // commits read this run
	Written     int     `json:"written"`       // release files written (new or replaced)
	Removed     int     `json:"removed"`       // release files removed (an open period reverted)
	Releases    int     `json:"releases"`      // release files in Out
	First       string  `json:"first,omitempty"`
	Last        string  `json:"last,omitempty"`
	Seconds     float64 `json:"seconds"`
	// Warnings are what was left out: commits with impossible dates, versions
	// of the file over Options.MaxFileSize.
	Warnings []string `json:"warnings,omitempty"`
}

// Commit dates outside [minCommitDate, now + maxCommitYears] are taken for
// what they are: a clock or a forger's mistake, not a release date.
var minCommitDate = time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)

const maxCommitYears = 10

// Import imports the history of a file into a catalog folder, continuing an
// earlier import of the same file into it.
func Import(ctx context.Context, o Options) (_ *Summary, err error) {
	start := time.Now()
	if o.File == "" || o.Out == "" || o.Repo == "" {
		return nil, errors.New("gitimport: Repo, File and Out are required")
	}
	every := "tags"
	if !o.Tags {
		if o.Every == "" {
			o.Every = EveryMonth
		}
		if every, err = ParseEvery(o.Every); err != nil {
			return nil, err
		}
	}
	file := strings.Trim(path.Clean(filepath.ToSlash(o.File)), "/")
	if file == "." || file == "" || strings.HasPrefix(file, "../") {
		return nil, fmt.Errorf("--file %q: want a path inside the repository", o.File)
	}
	if !o.Since.IsZero() && !o.Until.IsZero() && o.Until.Before(o.Since) {
		return nil, fmt.Errorf("--until %s is before --since %s", o.Until.Format(dateLayout), o.Since.Format(dateLayout))
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = read.MaxFileSize
	}
	if o.Now.IsZero() {
		o.Now = time.Now()
	}
	created := createdDirs(o.Out)
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	_, lockErr := os.Lstat(filepath.Join(o.Out, lockName))
	unlock, err := lockFolder(o.Out)
	if err != nil {
		removeDirs(created)
		return nil, err
	}
	first := false // a first import, undone when it fails
	defer func() {
		if first && err != nil && !errors.Is(err, context.Canceled) && !errors.Is(err, errCrashed) {
			undoFirst(o.Out, os.IsNotExist(lockErr), created)
		}
		unlock()
	}()
	if err := removeTemps(o.Out); err != nil {
		return nil, err
	}
	st, err := readState(o.Out)
	if err != nil {
		return nil, err
	}
	m, err := readManifest(o.Out)
	if err != nil {
		return nil, err
	}
	if st == nil {
		if files := releaseFiles(o.Out); len(files) > 0 {
			return nil, fmt.Errorf("%s holds release files (%s) and no import state (%s): import into an empty or new folder", o.Out, files[0], StateName)
		}
		if _, err := os.Lstat(filepath.Join(o.Out, ManifestName)); err == nil {
			return nil, fmt.Errorf("%s holds a %s and no import state (%s): import into an empty or new folder", o.Out, ManifestName, StateName)
		}
		first = true
		m = &manifest{rows: map[string]Row{}}
	} else if st.Every != every {
		return nil, fmt.Errorf("%s was imported with %s; import with the same cadence or into another folder", o.Out, describeEvery(st.Every))
	}
	m.tags = o.Tags

	imp := &importer{o: o, file: file, every: every, out: o.Out, st: st, m: m, start: start}
	if o.Progress != nil {
		imp.progress = o.Progress
	}
	defer imp.flushProgress()
	imp.report(Progress{Phase: "fetch", Message: "opening " + o.Repo})
	rp, err := openRepository(ctx, o.Repo, o.CacheDir, o.Tags, func(msg string) {
		imp.report(Progress{Phase: "fetch", Message: msg})
	})
	if err != nil {
		return nil, err
	}
	defer rp.Close()
	imp.rp = rp
	if st != nil && st.SourceRepo != rp.source {
		return nil, fmt.Errorf("%s holds an import of %s, not %s: give the same repository or another folder", o.Out, st.SourceRepo, rp.source)
	}
	tip, refName, err := rp.resolveRef(o.Ref)
	if err != nil {
		return nil, err
	}
	if imp.packs, err = openPacks(rp.gitDir); err != nil {
		return nil, err
	}
	defer imp.packs.Close()
	shallow, _ := rp.repo.Storer.Shallow()
	imp.sizes = newBlobReader(imp.packs, rp.repo.Storer, 0, o.MaxFileSize)
	imp.w = newWalker(rp.repo.Storer, newBlobReader(imp.packs, rp.repo.Storer, treeCacheSize, max(o.MaxFileSize, 64<<20)), shallow, func(n int) {
		imp.report(Progress{Phase: "walk", Commits: n})
	})
	sum := &Summary{Repo: o.Repo, SourceRepo: rp.source, File: file, Ref: refName, Every: every, Out: o.Out, Incremental: st != nil}
	imp.sum = sum
	if st != nil {
		// Leftovers of a killed run: release files MANIFEST.tsv does not
		// list are rewritten (or were being removed).
		if err := imp.removeUnlisted(); err != nil {
			return nil, err
		}
	} else if err := imp.saveState(imp.stateAt(nil)); err != nil {
		// A first state before any release file: a killed first run is
		// continued, not refused.
		return nil, err
	}
	if o.Tags {
		err = imp.tags(ctx)
	} else {
		err = imp.line(ctx, tip, refName)
	}
	if err != nil {
		return nil, err
	}
	rows := m.sorted()
	sum.Releases = len(rows)
	if len(rows) > 0 {
		sum.First, sum.Last = rows[0].File, rows[len(rows)-1].File
	}
	sum.Commits = imp.w.walked
	sum.Seconds = time.Since(start).Seconds()
	return sum, nil
}

// warn records something left out.
func (imp *importer) warn(format string, a ...any) {
	imp.sum.Warnings = append(imp.sum.Warnings, fmt.Sprintf(format, a...))
}

// badDate tells whether a commit's date is outside the sane window, with a
// warning when it is.
func (imp *importer) badDate(p *point, what string) bool {
	t := p.when.UTC()
	if !t.Before(minCommitDate) && !t.After(imp.o.Now.AddDate(maxCommitYears, 0, 0)) {
		return false
	}
	date := strconv.Itoa(t.Year())
	if t.Year() >= 0 && t.Year() <= 9999 {
		date = p.when.Format(commitDateLayout)
	}
	imp.warn("%s %s: committer date %s is before 1990 or more than %d years from now: left out", what, shortHash(p.hash), date, maxCommitYears)
	return true
}

func shortHash(h plumbing.Hash) string { return h.String()[:12] }

// tooLarge tells whether blob h is over MaxFileSize, from its header, with
// a warning when it is (or when its size cannot be read).
func (imp *importer) tooLarge(h plumbing.Hash, key, path string, commit plumbing.Hash) bool {
	n, err := imp.sizes.Size(h)
	if err != nil {
		imp.warn("%s at %s: %v: no release for %s", path, shortHash(commit), err, key)
		return true
	}
	if n <= imp.o.MaxFileSize {
		return false
	}
	imp.warn("%s at %s is %s, over the %s a release file may have (--max-file-size): no release for %s", path, shortHash(commit), sizeText(n), sizeText(imp.o.MaxFileSize), key)
	return true
}

// createdDirs lists the folders MkdirAll(dir) would create, deepest first.
func createdDirs(dir string) []string {
	var dirs []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil || !os.IsNotExist(err) {
			break
		}
		dirs = append(dirs, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	return dirs
}

// removeDirs removes the folders made, deepest first, when they are empty.
func removeDirs(dirs []string) {
	for _, d := range dirs {
		if os.Remove(d) != nil {
			return
		}
	}
}

// undoFirst removes what a failed first import wrote into dir: release
// files (the folder held none before: Import refuses one that does),
// MANIFEST.tsv, the import state, temporary files, the lock when this run
// made it, and the folders it made, when they are left empty. Nothing else
// is touched.
func undoFirst(dir string, ownLock bool, created []string) {
	removeTemps(dir)
	for _, name := range releaseFiles(dir) {
		os.Remove(filepath.Join(dir, name))
	}
	os.Remove(filepath.Join(dir, ManifestName))
	os.Remove(filepath.Join(dir, StateName))
	if ownLock {
		os.Remove(filepath.Join(dir, lockName))
	}
	removeDirs(created)
}

func describeEvery(e string) string {
	if e == "tags" {
		return "--tags"
	}
	return "--every " + e
}

var releaseName = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.[^.]+$`)

// releaseFiles lists the files of dir named like release files.
func releaseFiles(dir string) []string {
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if !e.IsDir() && releaseName.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// importer is one run.
type importer struct {
	o     Options
	file  string
	every string
	out   string
	st    *state
	m     *manifest
	rp    *repository
	packs *packSet
	w     *walker
	sizes *blobReader // tells blob sizes from headers
	sum   *Summary
	start time.Time

	progress   func(Progress)
	lastReport time.Time
	pending    *Progress
}

// report passes progress on, at most every ProgressInterval unless the phase
// changes or ends.
func (imp *importer) report(p Progress) {
	if imp.progress == nil {
		return
	}
	p.Elapsed = time.Since(imp.start)
	now := time.Now()
	if !p.Done && imp.pending != nil && imp.pending.Phase == p.Phase && now.Sub(imp.lastReport) < ProgressInterval {
		imp.pending = &p
		return
	}
	if imp.pending != nil && imp.pending.Phase != p.Phase && !imp.pending.Done {
		last := *imp.pending
		last.Done = true
		imp.progress(last)
	}
	imp.lastReport = now
	imp.pending = &p
	imp.progress(p)
}

func (imp *importer) flushProgress() {
	if imp.progress != nil && imp.pending != nil && !imp.pending.Done {
		last := *imp.pending
		last.Done = true
		last.Elapsed = time.Since(imp.start)
		imp.progress(last)
		imp.pending = &last
	}
}

// removeUnlisted deletes release-named files that MANIFEST.tsv does not
// list: what a killed run left between writing a release file and listing it
// (the rerun writes it again), or between unlisting and deleting one.
func (imp *importer) removeUnlisted() error {
	listed := map[string]bool{}
	for _, r := range imp.m.rows {
		listed[r.File] = true
	}
	for _, name := range releaseFiles(imp.out) {
		if !listed[name] {
			if err := os.Remove(filepath.Join(imp.out, name)); err != nil && !os.IsNotExist(err) {
				return err
			}
		}
	}
	return nil
}

// line imports the first-parent line up to tip.
func (imp *importer) line(ctx context.Context, tip plumbing.Hash, refName string) error {
	o, st := imp.o, imp.st
	var prev *point
	stop := plumbing.ZeroHash
	if st != nil && st.Last != nil {
		var err error
		if prev, err = st.Last.point(); err != nil {
			return err
		}
		stop = prev.hash
		if !o.Until.IsZero() && prev.tau.After(endOfDay(o.Until)) {
			return fmt.Errorf("--until %s is before the last commit imported into %s (%s)", o.Until.Format(dateLayout), imp.out, prev.when.Format(commitDateLayout))
		}
	}
	if prev != nil && tip == prev.hash {
		imp.sum.UpToDate = true
		imp.sum.Tip = tip.String()
		return nil
	}
	pts, err := imp.w.chain(ctx, tip, stop)
	if errors.Is(err, errNotOnLine) {
		return fmt.Errorf("the last commit imported into %s, %s, is not on the first-parent line of %s (was the history rewritten?): import into a new folder", imp.out, stop, refName)
	}
	if err != nil {
		return err
	}
	imp.report(Progress{Phase: "walk", Commits: imp.w.walked, Done: true})
	if len(pts) == 0 {
		imp.sum.UpToDate = true
		return nil
	}

	// The file in every commit, following renames.
	imp.w.tick = func(n int) { imp.report(Progress{Phase: "follow", Commits: n, Total: len(pts)}) }
	imp.w.looked = 0
	if prev != nil {
		if err := imp.w.followForward(ctx, prev, pts); err != nil {
			return err
		}
		if end := pts[len(pts)-1]; imp.file != end.path && imp.file != st.File && imp.file != prev.path && end.present() {
			return fmt.Errorf("%s follows %s (now %s), not %s: import %s into another folder", imp.out, st.File, end.path, imp.file, imp.file)
		}
	} else {
		k := -1
		for i := len(pts) - 1; i >= 0; i-- {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			pts[i].path = imp.file
			if err := imp.w.at(pts[i]); err != nil {
				return err
			}
			if pts[i].present() {
				k = i
				break
			}
		}
		if k < 0 {
			return fmt.Errorf("%s is in no commit of the first-parent line of %s", imp.file, refName)
		}
		if err := imp.w.followBack(ctx, pts, k); err != nil {
			return err
		}
		if err := imp.w.followForward(ctx, pts[k], pts[k+1:]); err != nil {
			return err
		}
	}

	imp.report(Progress{Phase: "follow", Commits: len(pts), Total: len(pts), Done: true})

	// Commits with impossible dates are left out before the dates count: a
	// commit of 1970 would otherwise date every commit before it there.
	kept := pts[:0]
	for _, p := range pts {
		if !imp.badDate(p, "commit") {
			kept = append(kept, p)
		}
	}
	if pts = kept; len(pts) == 0 {
		if prev == nil {
			return fmt.Errorf("no commit of the first-parent line of %s has a date between 1990 and %d years from now", refName, maxCommitYears)
		}
		imp.sum.UpToDate = true
		imp.sum.Tip = prev.hash.String()
		return nil
	}

	// The date each commit counts at: the earliest of its and every later
	// committer date; never before the last commit of the earlier import.
	for i := len(pts) - 1; i >= 0; i-- {
		pts[i].tau = pts[i].when.UTC()
		if i+1 < len(pts) && pts[i+1].tau.Before(pts[i].tau) {
			pts[i].tau = pts[i+1].tau
		}
	}
	if prev != nil {
		for _, p := range pts {
			if p.tau.Before(prev.tau) {
				p.tau = prev.tau
			}
		}
	}
	if !o.Until.IsZero() {
		end := endOfDay(o.Until)
		n := sort.Search(len(pts), func(i int) bool { return pts[i].tau.After(end) })
		pts = pts[:n]
		if len(pts) == 0 {
			imp.sum.UpToDate = true
			if prev != nil {
				imp.sum.Tip = prev.hash.String()
			}
			return nil
		}
	}
	return imp.periods(ctx, prev, pts)
}

// action is one change to the catalog folder: a release file to write (or
// keep, when MANIFEST.tsv has it from the same commit) or to remove.
type action struct {
	remove bool
	key    string // release date
	blob   plumbing.Hash
	row    Row
	step   int    // commits (tags) done when it is made, for progress
	ckpt   *state // the import state once it is done
}

// periods plans the release of each period of pts, then makes them.
func (imp *importer) periods(ctx context.Context, prev *point, pts []*point) error {
	e := &periodState{}
	if prev != nil {
		e.last = prev
		var err error
		if e.open, err = time.Parse(dateLayout, imp.st.Open); err != nil {
			return fmt.Errorf("import state: open period %q: %w", imp.st.Open, err)
		}
		if imp.st.Base != "" {
			e.base = plumbing.NewHash(imp.st.Base)
		}
		if imp.st.ChangedCommit != "" {
			e.changed, e.changedDate = plumbing.NewHash(imp.st.ChangedCommit), imp.st.ChangedDate
		}
	}
	var acts []action
	for i, p := range pts {
		pe := periodEnd(imp.every, p.tau)
		if e.last != nil && !pe.Equal(e.open) {
			if a := imp.release(e, i); a != nil {
				acts = append(acts, *a)
			}
			e.open = pe
		}
		if e.last == nil {
			e.open = pe
		}
		if p.present() && (e.last == nil || p.blob != e.last.blob) {
			e.changed, e.changedDate = p.hash, p.when.Format(commitDateLayout)
		}
		e.last = p
	}
	final := imp.stateAt(e)
	if a := imp.release(e, len(pts)); a != nil {
		acts = append(acts, *a)
	}
	imp.sum.Tip = e.last.hash.String()
	return imp.apply(ctx, acts, len(pts), final)
}

// periodState is where the period walk is.
type periodState struct {
	last        *point // the last commit read
	open        day    // its period
	base        plumbing.Hash
	changed     plumbing.Hash // the newest commit up to last that changed the file
	changedDate string
}

// release plans the release of period e.open, the file as of e.last: written
// when it differs from e.base (the previous release), removed (when an
// earlier run wrote it) when not. It moves e.base on. step is the commits
// read.
func (imp *importer) release(e *periodState, step int) *action {
	if !imp.o.Since.IsZero() && e.open.Before(imp.o.Since) {
		return nil
	}
	key := e.open.Format(dateLayout)
	ckpt := imp.stateAt(e)
	s := e.last
	if !s.present() || s.blob == e.base {
		if _, had := imp.m.rows[key]; had {
			return &action{remove: true, key: key, step: step, ckpt: ckpt}
		}
		return nil
	}
	if imp.tooLarge(s.blob, key, s.path, s.hash) {
		if _, had := imp.m.rows[key]; had {
			return &action{remove: true, key: key, step: step, ckpt: ckpt}
		}
		return nil
	}
	e.base = s.blob
	row := Row{SourceRepo: imp.rp.source, SourcePath: s.path, Commit: e.changed.String(), CommitDate: e.changedDate}
	return &action{key: key, blob: s.blob, row: row, step: step, ckpt: ckpt}
}

// stateAt is the import state with e.last the last commit imported.
func (imp *importer) stateAt(e *periodState) *state {
	st := &state{Version: stateVersion, SourceRepo: imp.rp.source, Ref: imp.sum.Ref, File: imp.file, Every: imp.every}
	if imp.st != nil && imp.st.File != "" {
		st.File = imp.st.File
	}
	if e == nil {
		return st
	}
	st.Last = newStatePoint(e.last)
	if !e.changed.IsZero() {
		st.ChangedCommit, st.ChangedDate = e.changed.String(), e.changedDate
	}
	st.Open = e.open.Format(dateLayout)
	if !e.base.IsZero() {
		st.Base = e.base.String()
	}
	return st
}

// checkpointInterval is how often MANIFEST.tsv and the import state are
// saved while release files are written (and always at the end). A killed
// run may leave release files written since the last save; they are complete
// but not listed, and the rerun, which starts from the saved state, writes
// them again.
var checkpointInterval = time.Second

// job is one release file to write.
type job struct {
	n    int // its number among the files this run writes, from 1
	a    action
	data []byte
	sum  [sha256.Size]byte
	row  Row // with File, Bytes and SHA256 once written
	err  error
	skip error // not written: the blob (or a delta base of it) is too large
	done chan struct{}
}

// inflight bounds the bytes of the blobs read and not yet written (beside
// the reader's cache), whatever their size: the reader waits for jobs to end
// before it reads more, though it always has one in hand.
var inflight = 32 << 20

// apply makes the planned changes. Blobs are read (deltas resolved) in one
// goroutine, in order, and hashed in order in another (prefixHasher: each
// file resumes from the hash of the bytes it shares with the previous one),
// then written by as many workers as there are cores; this goroutine lists
// them in MANIFEST.tsv in order, and saves it and the state every
// checkpointInterval.
func (imp *importer) apply(ctx context.Context, acts []action, steps int, final *state) error {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait() // nothing is written once Import returns
	}()
	// What needs a blob is decided before the reader starts: the manifest
	// changes as files are written.
	need := make([]bool, len(acts))
	for i, a := range acts {
		need[i] = !a.remove && !imp.kept(a)
	}
	br := newBlobReader(imp.packs, imp.rp.repo.Storer, blobCacheSize, imp.o.MaxFileSize)
	workers := max(1, runtime.GOMAXPROCS(0))
	hashq, jobs, ordered := make(chan *job, workers), make(chan *job, workers), make(chan *job, 3*workers)
	var finished atomic.Int64       // the last job ended
	ended := make(chan struct{}, 1) // a job ended
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(ordered)
		defer close(hashq)
		n := 0
		type held struct {
			n    int64
			size int
		}
		var queue []held // jobs handed on and not yet done, oldest first
		queued := 0
		for i, a := range acts {
			if !need[i] {
				continue
			}
			n++
			j := &job{n: n, a: a, done: make(chan struct{})}
			data, err := br.Blob(a.blob, int64(n))
			var tl *TooLargeError
			if errors.As(err, &tl) {
				// A delta base over the limit (the blob's own size was
				// checked when the release was planned).
				j.skip = err
				close(j.done)
				select {
				case ordered <- j:
				case <-ctx.Done():
					return
				}
				continue
			}
			if err != nil {
				j.err = err
				close(j.done)
			} else {
				// Wait for the blobs in the pipeline to be written while
				// they hold too much.
				for len(queue) > 0 && queued+len(data) > inflight {
					if queue[0].n <= finished.Load() {
						queued -= queue[0].size
						queue = queue[1:]
						continue
					}
					select {
					case <-ended:
					case <-ctx.Done():
						return
					}
				}
				queue = append(queue, held{int64(n), len(data)})
				queued += len(data)
				j.data = data
				select {
				case hashq <- j: // j is the hasher's now
				case <-ctx.Done():
					return
				}
			}
			select {
			case ordered <- j:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		ph := newPrefixHasher()
		for j := range hashq {
			if err := ctx.Err(); err != nil {
				j.err = err
				close(j.done)
				continue
			}
			j.sum = ph.sum(j.data)
			select {
			case jobs <- j: // j is the worker's now
			case <-ctx.Done():
				j.err = ctx.Err()
				close(j.done)
			}
		}
	}()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.err = imp.writeFile(j)
				j.data = nil
				close(j.done)
			}
		}()
	}
	lastSave := time.Now()
	for i, a := range acts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if a.remove {
			if err := imp.remove(a.key); err != nil {
				return err
			}
		} else if need[i] {
			j, ok := <-ordered
			if !ok {
				if err := ctx.Err(); err != nil {
					return err
				}
				return errors.New("gitimport: the blob reader stopped")
			}
			<-j.done
			if j.err != nil {
				return j.err
			}
			if j.skip != nil {
				imp.warn("%s at %s: %v: no release for %s", j.a.row.SourcePath, j.a.row.Commit[:min(12, len(j.a.row.Commit))], j.skip, j.a.key)
				if err := imp.remove(j.a.key); err != nil {
					return err
				}
			} else {
				// Jobs end in order here. The hasher compares each file
				// with the one before: the data of job n-1 is free once
				// job n is done.
				br.Done(int64(j.n - 1))
				finished.Store(int64(j.n))
				select {
				case ended <- struct{}{}:
				default:
				}
				if err := imp.list(j); err != nil {
					return err
				}
			}
		}
		imp.report(Progress{Phase: "import", Commits: a.step, Total: steps, Releases: imp.sum.Written})
		if a.ckpt != nil && i < len(acts)-1 && time.Since(lastSave) >= checkpointInterval {
			if err := imp.checkpoint(a.ckpt); err != nil {
				return err
			}
			lastSave = time.Now()
		}
	}
	imp.report(Progress{Phase: "import", Commits: steps, Total: steps, Releases: imp.sum.Written, Done: true})
	return imp.checkpoint(final)
}

// kept tells whether MANIFEST.tsv already has a's release, from the same
// commit, with its file in place.
func (imp *importer) kept(a action) bool {
	old, had := imp.m.rows[a.key]
	if !had || old.Commit != a.row.Commit || old.SourcePath != a.row.SourcePath || old.Tag != a.row.Tag {
		return false
	}
	name, err := imp.fileName(a.key, a.row.SourcePath)
	if err != nil || name != old.File {
		return false
	}
	fi, err := os.Stat(filepath.Join(imp.out, old.File))
	return err == nil && fi.Size() == old.Bytes
}

// fileName is the release file of a date: the date and the extension of
// Options.Ext or else of the file.
func (imp *importer) fileName(key, source string) (string, error) {
	ext := imp.o.Ext
	if ext == "" {
		ext = path.Ext(source)
	}
	if ext == "" || ext == "." {
		return "", fmt.Errorf("%s has no extension to name release files by: give --format", source)
	}
	if !strings.HasPrefix(ext, ".") {
		ext = "." + ext
	}
	return key + ext, nil
}

// writeFile writes a release file, hashed by then (in a worker).
func (imp *importer) writeFile(j *job) error {
	row := j.a.row
	var err error
	if row.File, err = imp.fileName(j.a.key, row.SourcePath); err != nil {
		return err
	}
	for _, v := range []struct{ what, s string }{{"path", row.SourcePath}, {"tag", row.Tag}, {"repository", row.SourceRepo}} {
		if err := tsvSafe(v.what, v.s); err != nil {
			return err
		}
	}
	row.Bytes, row.SHA256 = int64(len(j.data)), hex.EncodeToString(j.sum[:])
	data, n := j.data, j.n
	err = writeFileAtomic(imp.out, row.File, func(w io.Writer) error {
		if killAt(n, "temp") || crash != nil {
			w.Write(data[:len(data)/2])
			if err := maybeKill(n, "temp"); err != nil {
				return err
			}
			_, err := w.Write(data[len(data)/2:])
			return err
		}
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Join(imp.out, row.File), err)
	}
	j.row = row
	return nil
}

// list lists a written release file in the manifest (in memory), removing
// the file it replaces if its name changed.
func (imp *importer) list(j *job) error {
	imp.sum.Written++
	if err := maybeKill(j.n, "file"); err != nil {
		return err
	}
	key, row := j.a.key, j.row
	old, had := imp.m.rows[key]
	imp.m.rows[key] = row
	if had && old.File != row.File {
		// Listed under its new name first: a kill in between leaves the
		// old file unlisted, and the rerun removes it.
		if err := imp.saveManifest(); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(imp.out, old.File)); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// remove deletes the release of date key that an earlier run wrote: the file
// first, then its row.
func (imp *importer) remove(key string) error {
	old, had := imp.m.rows[key]
	if !had {
		return nil
	}
	if err := os.Remove(filepath.Join(imp.out, old.File)); err != nil && !os.IsNotExist(err) {
		return err
	}
	delete(imp.m.rows, key)
	imp.sum.Removed++
	return nil
}

func (imp *importer) saveManifest() error {
	data := imp.m.bytes()
	return writeFileAtomic(imp.out, ManifestName, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// checkpoint saves MANIFEST.tsv, then the import state.
func (imp *importer) checkpoint(st *state) error {
	if err := imp.saveManifest(); err != nil {
		return err
	}
	if err := maybeKillFrom(imp.sum.Written, "manifest"); err != nil {
		return err
	}
	if err := imp.saveState(st); err != nil {
		return err
	}
	return maybeKillFrom(imp.sum.Written, "state")
}

func (imp *importer) saveState(st *state) error {
	data := st.bytes()
	return writeFileAtomic(imp.out, StateName, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// tags plans one release per tag, then makes them.
func (imp *importer) tags(ctx context.Context) error {
	type tagged struct {
		name string
		p    *point
	}
	iter, err := imp.rp.repo.Tags()
	if err != nil {
		return err
	}
	var all []tagged
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		h, err := imp.rp.peel(ref.Hash())
		if err != nil {
			return err
		}
		c, err := imp.w.commit(h)
		if err != nil {
			return nil // a tag of a tree or a blob
		}
		imp.w.walked++
		imp.report(Progress{Phase: "walk", Commits: imp.w.walked})
		if imp.badDate(c, "tag "+ref.Name().Short()+", commit") {
			return nil
		}
		c.tau = c.when.UTC()
		all = append(all, tagged{name: ref.Name().Short(), p: c})
		return nil
	})
	if err != nil {
		return err
	}
	if len(all) == 0 {
		return errors.New("the repository has no tags")
	}
	sort.SliceStable(all, func(i, j int) bool {
		if !all[i].p.tau.Equal(all[j].p.tau) {
			return all[i].p.tau.Before(all[j].p.tau)
		}
		return all[i].name < all[j].name
	})
	// The last tag of each day.
	var days []tagged
	for _, t := range all {
		if n := len(days); n > 0 && periodEnd(EveryDay, days[n-1].p.tau).Equal(periodEnd(EveryDay, t.p.tau)) {
			days[n-1] = t
			continue
		}
		days = append(days, t)
	}
	var names []string // the file's names, newest first, once needed
	keep := map[string]bool{}
	var base plumbing.Hash
	var acts []action
	for i, t := range days {
		if err := ctx.Err(); err != nil {
			return err
		}
		d := periodEnd(EveryDay, t.p.tau)
		if (!imp.o.Since.IsZero() && d.Before(imp.o.Since)) || (!imp.o.Until.IsZero() && d.After(imp.o.Until)) {
			continue
		}
		t.p.path = imp.file
		if err := imp.w.at(t.p); err != nil {
			return err
		}
		if !t.p.present() {
			if names == nil {
				if names, err = imp.lineNames(ctx); err != nil {
					return err
				}
			}
			for _, n := range names {
				t.p.path = n
				if err := imp.w.at(t.p); err != nil {
					return err
				}
				if t.p.present() {
					break
				}
			}
		}
		if !t.p.present() || t.p.blob == base {
			continue
		}
		key := d.Format(dateLayout)
		if imp.tooLarge(t.p.blob, key, t.p.path, t.p.hash) {
			continue
		}
		row := Row{SourceRepo: imp.rp.source, SourcePath: t.p.path, Commit: t.p.hash.String(), CommitDate: t.p.when.Format(commitDateLayout), Tag: t.name}
		acts = append(acts, action{key: key, blob: t.p.blob, row: row, step: i + 1})
		keep[key] = true
		base = t.p.blob
	}
	// Tags that went away, or whose file became identical to the previous.
	var gone []string
	for key := range imp.m.rows {
		if !keep[key] {
			gone = append(gone, key)
		}
	}
	sort.Strings(gone)
	for _, key := range gone {
		acts = append(acts, action{remove: true, key: key, step: len(days)})
	}
	if n := len(days); n > 0 {
		imp.sum.Tip = days[n-1].p.hash.String()
	}
	return imp.apply(ctx, acts, len(days), imp.stateAt(nil))
}

// lineNames lists the names the file had on the default line, newest first,
// for tags whose commits do not hold it under its current name.
func (imp *importer) lineNames(ctx context.Context) ([]string, error) {
	tip, _, err := imp.rp.resolveRef(imp.o.Ref)
	if err != nil {
		return nil, err
	}
	pts, err := imp.w.chain(ctx, tip, plumbing.ZeroHash)
	if err != nil {
		return nil, err
	}
	names := []string{}
	k := -1
	for i := len(pts) - 1; i >= 0; i-- {
		pts[i].path = imp.file
		if err := imp.w.at(pts[i]); err != nil {
			return nil, err
		}
		if pts[i].present() {
			k = i
			break
		}
	}
	if k < 0 {
		return names, nil
	}
	if err := imp.w.followBack(ctx, pts, k); err != nil {
		return nil, err
	}
	seen := map[string]bool{imp.file: true}
	for i := k; i >= 0; i-- {
		if n := pts[i].path; !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return names, nil
}
