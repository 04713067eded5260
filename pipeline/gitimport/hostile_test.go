package gitimport

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// bombVersion is one commit of a repository built by fastImport: the file
// with content text, or, with bomb > 0, bomb bytes of zeros.
type bombVersion struct {
	day  string // YYYY-MM-DD, committed at noon UTC
	text string
	bomb int64
}

// fastImport makes a repository with git fast-import, streaming each
// version (a gigabyte of zeros costs the test a few megabytes), and returns
// it. A bomb blob already written is given again by its mark, as git would
// store it (one object). With packed, the objects are in a pack; else loose
// (fast-import's default for a few objects).
func fastImport(t testing.TB, dir, file string, versions []bombVersion, packed bool) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary to build the repository")
	}
	if out, err := exec.Command("git", "init", "-q", "--bare", dir).CombinedOutput(); err != nil {
		t.Fatalf("git init: %v %s", err, out)
	}
	// Blobs over a megabyte are streamed into the pack, as git add does
	// with those over core.bigFileThreshold, and never made deltas.
	unpack := "100"
	if packed {
		unpack = "0"
	}
	cmd := exec.Command("git", "-c", "fastimport.unpackLimit="+unpack, "fast-import", "--quiet", "--big-file-threshold=1m")
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(stdin, 1<<20)
	bombMark := map[int64]int{}
	for i, v := range versions {
		mark := i + 1
		if v.bomb > 0 {
			if m, ok := bombMark[v.bomb]; ok {
				mark = m
			} else {
				bombMark[v.bomb] = mark
				fmt.Fprintf(w, "blob\nmark :%d\ndata %d\n", mark, v.bomb)
				if _, err := io.CopyN(w, zeros{}, v.bomb); err != nil {
					t.Fatal(err)
				}
				w.WriteString("\n")
			}
		} else {
			fmt.Fprintf(w, "blob\nmark :%d\ndata %d\n%s\n", mark, len(v.text), v.text)
		}
		when, err := time.Parse(time.DateOnly, v.day)
		if err != nil {
			t.Fatal(err)
		}
		msg := "version " + v.day
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\ncommitter T <t@example.org> %d +0000\ndata %d\n%s\n",
			1000+i, when.Add(12*time.Hour).Unix(), len(msg), msg)
		if i > 0 {
			fmt.Fprintf(w, "from :%d\n", 1000+i-1)
		}
		fmt.Fprintf(w, "M 100644 :%d %s\n\n", mark, file)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("git fast-import: %v\n%s", err, stderr.String())
	}
	if out, err := exec.Command("git", "-C", dir, "symbolic-ref", "HEAD", "refs/heads/main").CombinedOutput(); err != nil {
		t.Fatalf("git symbolic-ref: %v %s", err, out)
	}
	if packs, _ := filepath.Glob(filepath.Join(dir, "objects", "pack", "*.pack")); (len(packs) > 0) != packed {
		t.Fatalf("%s: packs %v, want packed %v", dir, packs, packed)
	}
	return dir
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// bombHistory is a history whose file is, on two of its days, 80 MiB of
// zeros (80 KB packed), over the 64 MiB analyze reads.
var bombHistory = []bombVersion{
	{day: "2024-01-10", text: "v1\n"},
	{day: "2024-01-11", bomb: 80 << 20},
	{day: "2024-01-12", text: "v2\n"},
	{day: "2024-01-13", bomb: 80 << 20},
	{day: "2024-01-14", text: "v3\n"},
}

// TestGitBomb: versions of the file over the limit give no release, with a
// warning naming the version; they are refused from the object's header,
// before anything of them is inflated (the import allocates far less than
// one of them); the other versions are imported. Packed (as fast-import
// writes them) and loose (as git add does), the same.
func TestGitBomb(t *testing.T) {
	packed := fastImport(t, filepath.Join(t.TempDir(), "packed.git"), "landscape.yml", bombHistory, true)
	loose := fastImport(t, filepath.Join(t.TempDir(), "loose.git"), "landscape.yml", bombHistory, false)
	for _, tc := range []struct{ name, repo string }{{"packed", packed}, {"loose", loose}} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "cat")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			sum := runImport(t, Options{Repo: tc.repo, File: "landscape.yml", Out: out, Every: EveryDay})
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("the import allocated %d MB: a bomb was inflated", alloc>>20)
			}
			got := folder(t, out)
			want := []string{"2024-01-10.yml", "2024-01-12.yml", "2024-01-14.yml", ManifestName}
			if strings.Join(names(got), " ") != strings.Join(want, " ") {
				t.Errorf("files %v, want %v", names(got), want)
			}
			if got["2024-01-12.yml"] != "v2\n" || got["2024-01-14.yml"] != "v3\n" {
				t.Errorf("releases %q", got)
			}
			if sum.Written != 3 || len(sum.Warnings) != 2 {
				t.Fatalf("%d written, warnings %q", sum.Written, sum.Warnings)
			}
			for i, day := range []string{"2024-01-11", "2024-01-13"} {
				if w := sum.Warnings[i]; !strings.Contains(w, "80 MiB, over the 64 MiB a release file may have") || !strings.Contains(w, "no release for "+day) {
					t.Errorf("warning %q", w)
				}
			}
		})
	}
	// A limit of one flag: what analyze reads is what import writes.
	t.Run("limit", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "cat")
		sum := runImport(t, Options{Repo: packed, File: "landscape.yml", Out: out, Every: EveryDay, MaxFileSize: 2})
		if sum.Written != 0 || len(sum.Warnings) != 5 {
			t.Errorf("with a 2-byte limit: %d written, warnings %q", sum.Written, sum.Warnings)
		}
	})
}

// TestBlobReaderLimit: a version whose delta base is over the limit is left
// out with a warning when it is read; the reader refuses every object over
// its limit, whole or delta.
func TestBlobReaderLimit(t *testing.T) {
	repo := fastImport(t, filepath.Join(t.TempDir(), "r.git"), "f.yml", []bombVersion{
		{day: "2024-01-10", text: strings.Repeat("line of the catalog\n", 5000)},
		{day: "2024-01-11", text: strings.Repeat("line of the catalog\n", 5000) + "one more\n"},
	}, true)
	if out, err := exec.Command("git", "-C", repo, "repack", "-adfq", "--depth=10").CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	ps, err := openPacks(repo)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	out := filepath.Join(t.TempDir(), "cat")
	// git keeps the newest version whole and the first (100,000 bytes) as
	// a delta of it: with a limit between the two, the newest is refused
	// from its header, the first when its base turns out too large.
	sum := runImport(t, Options{Repo: repo, File: "f.yml", Out: out, Every: EveryDay, MaxFileSize: 100005})
	if sum.Written != 0 || len(sum.Warnings) != 2 ||
		!strings.Contains(sum.Warnings[0], "is 100009 bytes, over the 100005 bytes a release file may have (--max-file-size): no release for 2024-01-11") ||
		!strings.Contains(sum.Warnings[1], "is a delta of an object of 100009 bytes, over the limit of 100005 bytes: no release for 2024-01-10") {
		t.Errorf("%d written, warnings %q", sum.Written, sum.Warnings)
	}
	if files := releaseFiles(out); len(files) != 0 {
		t.Errorf("nothing imported, yet %v", files)
	}
	// Every object the reader resolves is bounded, delta targets and bases
	// alike: each is read whole or refused as too large.
	r := newBlobReader(ps, nil, 1<<20, 1000)
	read, refused := 0, 0
	for _, p := range ps.packs {
		it, err := p.idx.Entries()
		if err != nil {
			t.Fatal(err)
		}
		for {
			e, err := it.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			o, _, err := r.packed(e.Hash)
			var tl *TooLargeError
			switch {
			case errors.As(err, &tl):
				refused++
				if tl.Hash != e.Hash || tl.Max != 1000 || tl.Size <= 1000 {
					t.Errorf("%s: %+v", e.Hash, tl)
				}
			case err != nil:
				t.Errorf("%s: %v", e.Hash, err)
			case len(o.data) > 1000:
				t.Errorf("%s: %d bytes read, over the limit", e.Hash, len(o.data))
			default:
				read++
			}
		}
	}
	if read == 0 || refused != 2 {
		t.Errorf("%d objects read, %d refused; want the two blobs refused", read, refused)
	}
}

// TestImpossibleDates: commits dated before 1990 or more than ten years
// after the run are left out with a warning, never a release (year
// 3170843 is no 0843-12-31); the others are imported as if those were not
// there.
func TestImpossibleDates(t *testing.T) {
	now := day0("2026-12-01T00:00:00Z")
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.yml": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"f.yml": "epoch"}, When: time.Unix(0, 0).UTC()},
		{Files: map[string]string{"f.yml": "v2"}, When: day0("2024-02-10T10:00:00Z")},
		{Files: map[string]string{"f.yml": "far"}, When: time.Unix(100_000_000_000_000, 0).UTC()},
		{Files: map[string]string{"f.yml": "v3"}, When: day0("2024-03-10T10:00:00Z")},
		{Files: map[string]string{"f.yml": "soon"}, When: now.AddDate(11, 0, 0)},
	})
	out := filepath.Join(t.TempDir(), "cat")
	sum := runImport(t, Options{Repo: repo, File: "f.yml", Out: out, Every: EveryMonth, Now: now})
	got := folder(t, out)
	want := map[string]string{"2024-01-31.yml": "v1", "2024-02-29.yml": "v2", "2024-03-31.yml": "v3"}
	delete(got, ManifestName)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("releases %v, want %v", got, want)
	}
	if len(sum.Warnings) != 3 {
		t.Fatalf("warnings %q", sum.Warnings)
	}
	for i, w := range []string{"1970-01-01", "3170843", "2037-12-01"} {
		if !strings.Contains(sum.Warnings[i], "committer date "+w) || !strings.Contains(sum.Warnings[i], "left out") {
			t.Errorf("warning %d: %q", i, sum.Warnings[i])
		}
	}
	// A date that does not parse is year 1, left out.
	p, err := parseCommit([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ncommitter A <a@b> notadate +0000\n\nmsg\n"))
	if err != nil {
		t.Fatal(err)
	}
	imp := &importer{o: Options{Now: now}, sum: &Summary{}}
	if !imp.badDate(p, "commit") || len(imp.sum.Warnings) != 1 {
		t.Errorf("an unparseable date (%v) was kept", p.when)
	}
}

// TestFailedFirstImport: a first import that fails leaves nothing behind:
// no import state, no manifest, no folder it made; an existing folder is
// left as it was.
func TestFailedFirstImport(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.yml": "v1"}, When: day0("2024-01-10T10:00:00Z")},
	})
	bad := t.TempDir()
	buildRepo(t, bad, []testCommit{
		{Files: map[string]string{"f.yml": "v1"}, When: time.Unix(0, 0)},
	})
	for _, tc := range []struct {
		name string
		o    Options
	}{
		{"no such file", Options{Repo: repo, File: "g.yml"}},
		{"no such ref", Options{Repo: repo, File: "f.yml", Ref: "nope"}},
		{"no sane date", Options{Repo: bad, File: "f.yml"}},
		{"no such repository", Options{Repo: filepath.Join(repo, "nope"), File: "f.yml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			tc.o.Out = filepath.Join(base, "a", "b")
			if _, err := Import(context.Background(), tc.o); err == nil {
				t.Fatal("no error")
			}
			if entries, _ := os.ReadDir(base); len(entries) != 0 {
				t.Errorf("left %v in %s", entries, base)
			}
			// Into a folder that was there: it is left as it was.
			tc.o.Out = t.TempDir()
			os.WriteFile(filepath.Join(tc.o.Out, "notes.txt"), []byte("mine"), 0o644)
			if _, err := Import(context.Background(), tc.o); err == nil {
				t.Fatal("no error")
			}
			if entries, _ := os.ReadDir(tc.o.Out); len(entries) != 1 || entries[0].Name() != "notes.txt" {
				t.Errorf("left %v", entries)
			}
		})
	}
}
