package gitimport

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/landscapehq/landscape/pipeline/gitimport/gittest"
)

func TestPeriodEnd(t *testing.T) {
	tests := []struct {
		every, at, want string
	}{
		{EveryDay, "2024-03-05T23:59:59Z", "2024-03-05"},
		{EveryCommit, "2024-03-05T23:30:00-05:00", "2024-03-06"}, // 04:30 UTC the next day
		{EveryWeek, "2024-03-05T10:00:00Z", "2024-03-10"},        // Tuesday → Sunday
		{EveryWeek, "2024-03-10T10:00:00Z", "2024-03-10"},        // Sunday
		{EveryMonth, "2024-02-10T10:00:00Z", "2024-02-29"},
		{EveryQuarter, "2024-05-10T10:00:00Z", "2024-06-30"},
		{EveryQuarter, "2025-07-01T04:50:48+08:00", "2025-06-30"}, // the corpus's example
		{EveryQuarter, "2024-12-31T23:59:59Z", "2024-12-31"},
		{EveryHalf, "2024-07-01T00:00:00Z", "2024-12-31"},
		{EveryHalf, "2024-06-30T12:00:00Z", "2024-06-30"},
		{EveryYear, "2024-06-30T12:00:00Z", "2024-12-31"},
	}
	for _, tt := range tests {
		got := periodEnd(tt.every, day0(tt.at)).Format(dateLayout)
		if got != tt.want {
			t.Errorf("periodEnd(%s, %s) = %s, want %s", tt.every, tt.at, got, tt.want)
		}
	}
	if _, err := ParseEvery("fortnight"); err == nil {
		t.Error("ParseEvery accepted fortnight")
	}
	if e, _ := ParseEvery("half-year"); e != EveryHalf {
		t.Errorf("half-year: %q", e)
	}
}

func TestRemoteSource(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/cncf/landscape.git":           "cncf/landscape",
		"https://user:pw@github.com/cncf/landscape/":      "cncf/landscape",
		"git@github.com:EthicalML/awesome-production.git": "EthicalML/awesome-production",
		"https://gitlab.com/group/sub/project.git":        "https://gitlab.com/group/sub/project",
	} {
		if got := remoteSource(in); got != want {
			t.Errorf("remoteSource(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestQuarterly: the file as of the last commit of each quarter, identical
// quarters skipped, MANIFEST.tsv with the commit that changed the file.
func TestQuarterly(t *testing.T) {
	repo := t.TempDir()
	h := buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"README.md": "a", "other.txt": "x"}, When: day0("2024-01-10T10:00:00+01:00")},
		{Files: map[string]string{"README.md": "b", "other.txt": "x"}, When: day0("2024-02-10T10:00:00+01:00")},
		{Files: map[string]string{"README.md": "b", "other.txt": "y"}, When: day0("2024-03-31T22:30:00-02:00")}, // 2024-04-01 UTC
		{Files: map[string]string{"README.md": "b", "other.txt": "z"}, When: day0("2024-05-10T10:00:00Z")},      // same file: no release
		{Files: map[string]string{"README.md": "c", "other.txt": "z"}, When: day0("2024-10-10T10:00:00Z")},
		{Files: map[string]string{"README.md": "d", "other.txt": "z"}, When: day0("2024-10-11T10:00:00+00:00")},
	})
	out := filepath.Join(t.TempDir(), "cat")
	sum := runImport(t, Options{Repo: repo, File: "README.md", Out: out, Every: "quarter"})
	got := folder(t, out)
	want := []string{"2024-03-31.md", "2024-12-31.md", "MANIFEST.tsv"}
	if !reflect.DeepEqual(names(got), want) {
		t.Fatalf("files %v, want %v", names(got), want)
	}
	if got["2024-03-31.md"] != "b" || got["2024-12-31.md"] != "d" {
		t.Errorf("contents: %q %q", got["2024-03-31.md"], got["2024-12-31.md"])
	}
	wantManifest := "file\tsource_repo\tsource_path\tcommit\tcommit_date\tbytes\tsha256\n" +
		"2024-03-31.md\t" + filepath.Base(repo) + "\tREADME.md\t" + h[1].String() + "\t2024-02-10T10:00:00+01:00\t1\t" + sha([]byte("b")) + "\n" +
		"2024-12-31.md\t" + filepath.Base(repo) + "\tREADME.md\t" + h[5].String() + "\t2024-10-11T10:00:00+00:00\t1\t" + sha([]byte("d")) + "\n"
	if got["MANIFEST.tsv"] != wantManifest {
		t.Errorf("MANIFEST.tsv:\n%s\nwant:\n%s", got["MANIFEST.tsv"], wantManifest)
	}
	if sum.Written != 2 || sum.Releases != 2 || sum.Commits != 6 || sum.Tip != h[5].String() {
		t.Errorf("summary %+v", sum)
	}
	// The same repository as a file:// URL.
	if sum, err := Import(context.Background(), Options{Repo: "file://" + filepath.ToSlash(repo), File: "README.md", Out: out, Every: "quarter"}); err != nil || !sum.UpToDate {
		t.Errorf("file:// URL: %v %+v", err, sum)
	}
	// A rerun without new commits reads nothing and writes nothing.
	sum = runImport(t, Options{Repo: repo, File: "README.md", Out: out, Every: "quarter"})
	if !sum.UpToDate || sum.Commits != 0 || sum.Written != 0 || sum.Releases != 2 {
		t.Errorf("rerun summary %+v", sum)
	}
	if !reflect.DeepEqual(folder(t, out), got) {
		t.Error("rerun changed the folder")
	}
}

// TestRenames: the file is followed across an exact rename, a move into a
// folder and a rename with edits, back from its name at the tip and forward
// from an old name.
func TestRenames(t *testing.T) {
	v := func(n int) string { return strings.Repeat("line of the landscape\n", 20) + strings.Repeat("tool\n", n) }
	repo := t.TempDir()
	h := buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"a/list.yml": v(1)}, When: day0("2024-01-01T10:00:00Z")},
		{Files: map[string]string{"a/list.yml": v(2), "b.txt": "b"}, When: day0("2024-01-02T10:00:00Z")},
		{Files: map[string]string{"data/landscape.yml": v(2), "b.txt": "b"}, When: day0("2024-01-03T10:00:00Z")}, // exact rename: same blob, no release
		{Files: map[string]string{"data/landscape.yml": v(3), "b.txt": "b"}, When: day0("2024-01-04T10:00:00Z")},
		{Files: map[string]string{"landscape.yml": v(3) + "edited\n", "b.txt": "b"}, When: day0("2024-01-05T10:00:00Z")}, // rename with an edit
		{Files: map[string]string{"landscape.yml": v(4), "b.txt": "c"}, When: day0("2024-01-06T10:00:00Z")},
	})
	want := map[string]string{
		"2024-01-01.yml": v(1), "2024-01-02.yml": v(2), "2024-01-04.yml": v(3),
		"2024-01-05.yml": v(3) + "edited\n", "2024-01-06.yml": v(4),
	}
	wantPaths := []string{"a/list.yml", "a/list.yml", "data/landscape.yml", "landscape.yml", "landscape.yml"}
	wantCommits := []int{0, 1, 3, 4, 5}
	for _, file := range []string{"landscape.yml", "a/list.yml", "data/landscape.yml"} {
		t.Run(strings.ReplaceAll(file, "/", "_"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "cat")
			runImport(t, Options{Repo: repo, File: file, Out: out, Every: EveryDay})
			got := folder(t, out)
			delete(got, ManifestName)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("releases %v, want %v", names(got), names(want))
			}
			m, err := readManifest(out)
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range m.sorted() {
				if r.SourcePath != wantPaths[i] || r.Commit != h[wantCommits[i]].String() {
					t.Errorf("%s: path %s commit %s, want %s %s", r.File, r.SourcePath, r.Commit, wantPaths[i], h[wantCommits[i]])
				}
			}
		})
	}
}

// TestFirstParent: commits of a merged branch are not releases; the merge
// is, and it is the commit recorded.
func TestFirstParent(t *testing.T) {
	repo := t.TempDir()
	h := buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"README.md": "v1"}, When: day0("2024-01-01T10:00:00Z")},
		{Files: map[string]string{"README.md": "side"}, When: day0("2024-01-02T10:00:00Z")},                                 // a branch off 0
		{Files: map[string]string{"README.md": "v1", "x": "x"}, When: day0("2024-01-03T10:00:00Z"), Parents: []int{0}},      // main
		{Files: map[string]string{"README.md": "side", "x": "x"}, When: day0("2024-01-04T10:00:00Z"), Parents: []int{2, 1}}, // the merge
	})
	out := filepath.Join(t.TempDir(), "cat")
	sum := runImport(t, Options{Repo: repo, File: "README.md", Out: out, Every: EveryDay})
	got := folder(t, out)
	if n := names(got); !reflect.DeepEqual(n, []string{"2024-01-01.md", "2024-01-04.md", ManifestName}) {
		t.Fatalf("files %v", n)
	}
	if sum.Commits != 3 {
		t.Errorf("walked %d commits, want the 3 of the first-parent line", sum.Commits)
	}
	m, _ := readManifest(out)
	if r := m.rows["2024-01-04"]; r.Commit != h[3].String() {
		t.Errorf("2024-01-04 from %s, want the merge %s", r.Commit, h[3])
	}
}

// TestCommitDatesOutOfOrder: a period's release is the newest commit of the
// line dated at or before its end, even when dates go back.
func TestCommitDatesOutOfOrder(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v2"}, When: day0("2024-03-05T10:00:00Z")},
		{Files: map[string]string{"f.md": "v3"}, When: day0("2024-02-20T10:00:00Z")}, // committed after v2, dated before
		{Files: map[string]string{"f.md": "v4"}, When: day0("2024-04-10T10:00:00Z")},
	})
	out := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth})
	got := folder(t, out)
	delete(got, ManifestName)
	want := map[string]string{"2024-01-31.md": "v1", "2024-02-29.md": "v3", "2024-04-30.md": "v4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestEveryCommit keeps the last commit of each (UTC) day.
func TestEveryCommit(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.yml": "a"}, When: day0("2024-03-05T08:00:00Z")},
		{Files: map[string]string{"f.yml": "b"}, When: day0("2024-03-05T10:15:00Z")},
		{Files: map[string]string{"f.yml": "c"}, When: day0("2024-03-05T22:00:00-05:00")}, // 03:00 UTC on the 6th
		{Files: map[string]string{"f.yml": "d"}, When: day0("2024-03-07T10:00:00Z")},
	})
	out := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "f.yml", Out: out, Every: EveryCommit})
	got := folder(t, out)
	delete(got, ManifestName)
	want := map[string]string{"2024-03-05.yml": "b", "2024-03-06.yml": "c", "2024-03-07.yml": "d"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestDeletedFile: a file deleted at the tip (landscapeapp's
// processed_landscape.yml) is imported up to its deletion.
func TestDeletedFile(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"landscape.yml": "l", "processed_landscape.yml": "p1"}, When: day0("2023-01-10T10:00:00Z")},
		{Files: map[string]string{"landscape.yml": "l", "processed_landscape.yml": "p2"}, When: day0("2023-02-10T10:00:00Z")},
		{Files: map[string]string{"landscape.yml": "l2"}, When: day0("2023-03-10T10:00:00Z")},
		{Files: map[string]string{"landscape.yml": "l3"}, When: day0("2023-04-10T10:00:00Z")},
	})
	out := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "processed_landscape.yml", Out: out, Every: EveryMonth})
	got := folder(t, out)
	delete(got, ManifestName)
	want := map[string]string{"2023-01-31.yml": "p1", "2023-02-28.yml": "p2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if _, err := Import(context.Background(), Options{Repo: repo, File: "nothing.yml", Out: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "in no commit") {
		t.Errorf("a file in no commit: %v", err)
	}
}

// TestSinceUntil: --since leaves out earlier periods, --until later commits.
func TestSinceUntil(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v2"}, When: day0("2024-02-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v3"}, When: day0("2024-03-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v4"}, When: day0("2024-03-20T10:00:00Z")},
		{Files: map[string]string{"f.md": "v5"}, When: day0("2024-04-10T10:00:00Z")},
	})
	out := filepath.Join(t.TempDir(), "cat")
	since, _ := ParseDate("2024-02-01")
	until, _ := ParseDate("2024-03-15")
	runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth, Since: since, Until: until})
	got := folder(t, out)
	delete(got, ManifestName)
	want := map[string]string{"2024-02-29.md": "v2", "2024-03-31.md": "v3"} // March cut at the 15th
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	// Going on without --until: March is completed, April added.
	runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth, Since: since})
	got = folder(t, out)
	delete(got, ManifestName)
	want = map[string]string{"2024-02-29.md": "v2", "2024-03-31.md": "v4", "2024-04-30.md": "v5"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("continued: got %v, want %v", got, want)
	}
	// An --until before what was imported is refused.
	if _, err := Import(context.Background(), Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth, Until: until}); err == nil {
		t.Error("--until before the last import accepted")
	}
}

// TestIncrementalOpenPeriod: a rerun replaces the release of the period that
// was open, or removes it when the file went back to the previous release.
func TestIncrementalOpenPeriod(t *testing.T) {
	repo := t.TempDir()
	h := buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.md": "v0"}, When: day0("2023-11-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v2"}, When: day0("2024-02-10T10:00:00Z")}, // first import up to here
		{Files: map[string]string{"f.md": "v3"}, When: day0("2024-03-10T10:00:00Z")}, // second
		{Files: map[string]string{"f.md": "v0"}, When: day0("2024-03-20T10:00:00Z")}, // third: back to v0
		{Files: map[string]string{"f.md": "v4"}, When: day0("2024-05-10T10:00:00Z")}, // fourth
	})
	out := filepath.Join(t.TempDir(), "cat")
	steps := []struct {
		ref  int
		want map[string]string
	}{
		{2, map[string]string{"2023-12-31.md": "v0", "2024-03-31.md": "v2"}},
		{3, map[string]string{"2023-12-31.md": "v0", "2024-03-31.md": "v3"}},
		{4, map[string]string{"2023-12-31.md": "v0"}},
		{5, map[string]string{"2023-12-31.md": "v0", "2024-06-30.md": "v4"}},
	}
	for _, s := range steps {
		sum := runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryQuarter, Ref: h[s.ref].String()})
		got := folder(t, out)
		delete(got, ManifestName)
		if !reflect.DeepEqual(got, s.want) {
			t.Fatalf("up to commit %d: got %v, want %v", s.ref, got, s.want)
		}
		if s.ref > 2 && (!sum.Incremental || sum.Commits != 1) {
			t.Errorf("up to commit %d: read %d commits, want 1 (%+v)", s.ref, sum.Commits, sum)
		}
	}
	full := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "f.md", Out: full, Every: EveryQuarter})
	if a, b := folder(t, out), folder(t, full); !reflect.DeepEqual(a, b) {
		t.Errorf("incremental %v\nfull %v", a, b)
	}
}

// TestIncrementalEqualsFull: importing a history a few commits at a time
// gives the same folder as importing it at once, for every cadence.
func TestIncrementalEqualsFull(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	commits, nameAt := randomHistory(rng)
	name := nameAt[len(nameAt)-1]
	repo := t.TempDir()
	h := buildRepo(t, repo, commits)
	for _, every := range Cadences() {
		t.Run(every, func(t *testing.T) {
			full := filepath.Join(t.TempDir(), "cat")
			runImport(t, Options{Repo: repo, File: name, Out: full, Every: every})
			inc := filepath.Join(t.TempDir(), "cat")
			for k := rng.Intn(3); k < len(h); k += 1 + rng.Intn(8) {
				runImport(t, Options{Repo: repo, File: nameAt[k], Out: inc, Every: every, Ref: h[k].String()})
			}
			runImport(t, Options{Repo: repo, File: name, Out: inc, Every: every})
			a, b := folder(t, inc), folder(t, full)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("incremental %v\nfull %v\n%s\n%s", names(a), names(b), a[ManifestName], b[ManifestName])
			}
			if len(b) < 3 {
				t.Errorf("only %v", names(b))
			}
		})
	}
}

// TestTags: one release per tag, dated by its commit, the last tag of a day
// winning, the tag recorded.
func TestTags(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	h := gittest.Append(t, repo, nil, []testCommit{
		{Files: map[string]string{"l.yml": "v1"}, When: day0("2024-01-10T10:00:00Z"), Tag: "v1.0"},
		{Files: map[string]string{"l.yml": "v2"}, When: day0("2024-02-10T10:00:00Z")},
		{Files: map[string]string{"l.yml": "v3"}, When: day0("2024-02-10T11:00:00Z"), Tag: "v1.1"},
		{Files: map[string]string{"l.yml": "v3", "x": "1"}, When: day0("2024-03-10T10:00:00Z"), Tag: "v1.2"}, // same file
		{Files: map[string]string{"l.yml": "v4"}, When: day0("2024-04-10T10:00:00Z")},
	})
	// an annotated tag too, and a second tag on a day
	tagObj := &object.Tag{Name: "v2.0", Tagger: object.Signature{Name: "T", When: day0("2024-05-01T00:00:00Z")}, Message: "v2\n", TargetType: plumbing.CommitObject, Target: h[4]}
	th := gittest.Store(t, repo.Storer, tagObj)
	repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName("v2.0"), th))
	repo.Storer.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName("v1.1-rc"), h[1]))
	out := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: dir, File: "l.yml", Out: out, Tags: true})
	got := folder(t, out)
	m := got[ManifestName]
	delete(got, ManifestName)
	want := map[string]string{"2024-01-10.yml": "v1", "2024-02-10.yml": "v3", "2024-04-10.yml": "v4"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if !strings.HasPrefix(m, "file\tsource_repo\tsource_path\tcommit\tcommit_date\tbytes\tsha256\ttag\n") ||
		!strings.Contains(m, "\tv1.1\n") || !strings.Contains(m, "\tv2.0\n") || strings.Contains(m, "v1.1-rc") {
		t.Errorf("MANIFEST.tsv:\n%s", m)
	}
	// Tags and periods do not mix in a folder.
	if _, err := Import(context.Background(), Options{Repo: dir, File: "l.yml", Out: out, Every: EveryMonth}); err == nil {
		t.Error("--every into a --tags folder accepted")
	}
	// A rerun writes nothing new.
	sum := runImport(t, Options{Repo: dir, File: "l.yml", Out: out, Tags: true})
	if sum.Written != 0 || sum.Releases != 3 {
		t.Errorf("rerun %+v", sum)
	}
}

// TestRefusals: a folder of other release files, another repository, another
// cadence.
func TestRefusals(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")}})
	other := filepath.Join(t.TempDir(), "other")
	buildRepo(t, other, []testCommit{{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")}})

	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "2020-01-01.md"), []byte("x"), 0o644)
	if _, err := Import(context.Background(), Options{Repo: repo, File: "f.md", Out: out}); err == nil || !strings.Contains(err.Error(), "no import state") {
		t.Errorf("a folder of other release Files: %v", err)
	}
	out = filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth})
	if _, err := Import(context.Background(), Options{Repo: repo, File: "f.md", Out: out, Every: EveryYear}); err == nil || !strings.Contains(err.Error(), "--every month") {
		t.Errorf("another cadence: %v", err)
	}
	if _, err := Import(context.Background(), Options{Repo: other, File: "f.md", Out: out, Every: EveryMonth}); err == nil || !strings.Contains(err.Error(), "holds an import of") {
		t.Errorf("another repository: %v", err)
	}
	unlock, err := lockFolder(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(context.Background(), Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth}); runtime.GOOS != "windows" && (err == nil || !strings.Contains(err.Error(), "another import")) {
		t.Errorf("a folder another import is writing: %v", err)
	}
	unlock()
	runImport(t, Options{Repo: repo, File: "f.md", Out: out, Every: EveryMonth})
	if _, err := Import(context.Background(), Options{Repo: t.TempDir(), File: "f.md", Out: t.TempDir()}); err == nil || !strings.Contains(err.Error(), "not a git repository") {
		t.Errorf("not a repository: %v", err)
	}
	if _, err := Import(context.Background(), Options{Repo: repo, File: "../f.md", Out: t.TempDir()}); err == nil {
		t.Error("a path outside the repository accepted")
	}
}

// TestProgress: every phase is reported, and ends.
func TestProgress(t *testing.T) {
	repo := t.TempDir()
	buildRepo(t, repo, []testCommit{
		{Files: map[string]string{"f.md": "v1"}, When: day0("2024-01-10T10:00:00Z")},
		{Files: map[string]string{"f.md": "v2"}, When: day0("2024-02-10T10:00:00Z")},
	})
	var got []Progress
	runImport(t, Options{Repo: repo, File: "f.md", Out: t.TempDir(), Progress: func(p Progress) { got = append(got, p) }})
	done := map[string]bool{}
	for _, p := range got {
		if p.Done {
			done[p.Phase] = true
		}
	}
	for _, ph := range []string{"walk", "follow", "import"} {
		if !done[ph] {
			t.Errorf("phase %s not ended: %+v", ph, got)
		}
	}
	if last := got[len(got)-1]; last.Phase != "import" || last.Commits != 2 || last.Total != 2 || last.Releases != 2 {
		t.Errorf("last report %+v", last)
	}
}

// TestResumeAfterCrash stops imports at every point the kill hook can kill
// at, MANIFEST.tsv and the state saved after every release: no release file
// is partial, and the rerun gives the folder of an uninterrupted import.
func TestResumeAfterCrash(t *testing.T) {
	defer func(d time.Duration) { checkpointInterval = d }(checkpointInterval)
	checkpointInterval = 0
	repo := t.TempDir()
	var commits []testCommit
	for i := 0; i < 12; i++ {
		commits = append(commits, testCommit{Files: map[string]string{"f.yml": strings.Repeat(fmt.Sprint(i%5), 1000+i)}, When: day0("2024-01-01T10:00:00Z").AddDate(0, 0, 3*i)})
	}
	buildRepo(t, repo, commits)
	opts := func(out string) Options { return Options{Repo: repo, File: "f.yml", Out: out, Every: EveryDay} }
	ref := filepath.Join(t.TempDir(), "ref")
	runImport(t, opts(ref))
	whole := folder(t, ref)
	state, _ := os.ReadFile(filepath.Join(ref, StateName))
	for _, stage := range []string{"temp", "file", "manifest", "state"} {
		for n := 1; n <= 12; n += 3 {
			out := filepath.Join(t.TempDir(), "cat")
			crash = func(m int, s string) bool {
				return (s == "manifest" || s == "state") && m >= n && s == stage || m == n && s == stage
			}
			_, err := Import(context.Background(), opts(out))
			crash = nil
			if n < 12 && !errors.Is(err, errCrashed) {
				t.Errorf("%s at %d: not crashed: %v", stage, n, err)
			}
			for name, data := range folder(t, out) {
				if name != ManifestName && data != whole[name] {
					t.Errorf("%s at %d: %s is partial", stage, n, name)
				}
			}
			runImport(t, opts(out))
			if got := folder(t, out); !reflect.DeepEqual(got, whole) {
				t.Errorf("%s at %d: after the rerun %v, want %v", stage, n, names(got), names(whole))
			}
			if s, _ := os.ReadFile(filepath.Join(out, StateName)); string(s) != string(state) {
				t.Errorf("%s at %d: state\n%s\nwant\n%s", stage, n, s, state)
			}
		}
	}
}

// randomHistory makes 60 commits of a file that changes, goes back to
// earlier contents, moves to folders and is sometimes gone; nameAt is its
// name at each commit.
func randomHistory(rng *rand.Rand) (commits []testCommit, nameAt []string) {
	when := day0("2023-12-25T12:00:00Z")
	name := "cat.yml"
	contents := []string{"a", "b", "c", "d"}
	for i := 0; i < 60; i++ {
		when = when.Add(time.Duration(rng.Intn(96)) * time.Hour)
		files := map[string]string{"other": fmt.Sprint(i)}
		if i == 0 || rng.Intn(3) > 0 {
			contents = append(contents, contents[rng.Intn(len(contents))]+fmt.Sprint(rng.Intn(3)))
		}
		switch r := rng.Intn(15); {
		case i > 0 && r == 0:
			name = fmt.Sprintf("dir%d/cat.yml", i) // moved, same content
			files[name] = commits[i-1].Files[nameAt[i-1]]
		case i > 3 && r == 1: // the file is gone for a commit
		default:
			files[name] = contents[len(contents)-1]
		}
		nameAt = append(nameAt, name)
		commits = append(commits, testCommit{Files: files, When: when.In(time.FixedZone("", 3600*(rng.Intn(24)-12)))})
	}
	commits[len(commits)-1].Files[name] = "last"
	return commits, nameAt
}

// TestEveryCommitPacked imports every commit of a packed history of a file of
// a few hundred kilobytes edited here and there, with a blob cache small
// enough to evict and reuse its buffers all the time: every release file
// must be its commit's version, and MANIFEST.tsv must give its sha256 (the
// hashes resume from the previous file's, see prefixHasher).
func TestEveryCommitPacked(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary to pack a repository")
	}
	defer func(n int) { blobCacheSize = n }(blobCacheSize)
	blobCacheSize = 1 << 20
	g := newLandscapeGen(3, 600)
	var commits []testCommit
	want := map[string]string{}
	for i := 0; i < 120; i++ {
		// Every tenth commit leaves the file as it was: no release.
		same := i%10 == 5
		if i > 0 && !same {
			g.edit(i)
		}
		when := day0("2024-01-01T12:00:00Z").AddDate(0, 0, i)
		data := string(g.yaml())
		commits = append(commits, testCommit{Files: map[string]string{"landscape.yml": data}, When: when})
		if !same {
			want[when.Format(dateLayout)+".yml"] = data
		}
	}
	repo := t.TempDir()
	buildRepo(t, repo, commits)
	cmd := exec.Command("git", "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=250")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	out := filepath.Join(t.TempDir(), "cat")
	runImport(t, Options{Repo: repo, File: "landscape.yml", Out: out, Every: EveryCommit})
	got := folder(t, out)
	manifest := got[ManifestName]
	delete(got, ManifestName)
	if len(got) != len(want) {
		t.Fatalf("%d release files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if got[name] != data {
			t.Errorf("%s: not the commit's version (%d bytes, want %d)", name, len(got[name]), len(data))
		}
	}
	rows := strings.Split(strings.TrimSpace(manifest), "\n")[1:]
	if len(rows) != len(want) {
		t.Fatalf("MANIFEST.tsv has %d rows, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		f := strings.Split(r, "\t")
		if sum := sha(([]byte)(want[f[0]])); f[6] != sum {
			t.Errorf("%s: MANIFEST.tsv sha256 %s, want %s", f[0], f[6], sum)
		}
	}
}
