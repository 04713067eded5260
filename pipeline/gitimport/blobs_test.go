package gitimport

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestBlobReader reads every blob of repositories packed by git (offset and
// reference deltas, chains of 50) and compares with go-git's reader.
func TestBlobReader(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary to pack a repository")
	}
	var commits []testCommit
	var lines []string
	for i := 0; i < 120; i++ {
		lines = append(lines, fmt.Sprintf("tool %d: %s", i, strings.Repeat("x", i%37)))
		if i%7 == 0 && len(lines) > 3 {
			lines = append(lines[:1], lines[2:]...)
		}
		commits = append(commits, testCommit{
			Files: map[string]string{"landscape.yml": strings.Join(lines, "\n"), "README.md": fmt.Sprint("readme ", i%5)},
			When:  day0("2024-01-01T00:00:00Z").AddDate(0, 0, i),
		})
	}
	for _, offsets := range []string{"true", "false"} {
		t.Run("delta-base-offset="+offsets, func(t *testing.T) {
			dir := t.TempDir()
			buildRepo(t, dir, commits)
			cmd := exec.Command("git", "-c", "repack.useDeltaBaseOffset="+offsets, "repack", "-a", "-d", "-f", "-q", "--depth=50", "--window=250")
			cmd.Dir = dir
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("git repack: %v %s", err, out)
			}
			repo, err := git.PlainOpen(dir)
			if err != nil {
				t.Fatal(err)
			}
			ps, err := openPacks(filepath.Join(dir, ".git"))
			if err != nil {
				t.Fatal(err)
			}
			defer ps.Close()
			br := newBlobReader(ps, repo.Storer, blobCacheSize, 64<<20)
			if len(br.packs) != 1 {
				t.Fatalf("%d packs", len(br.packs))
			}
			iter, _ := repo.BlobObjects()
			n := 0
			iter.ForEach(func(b *object.Blob) error {
				r, _ := b.Reader()
				want, _ := io.ReadAll(r)
				r.Close()
				got, err := br.Blob(b.Hash, 0)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("blob %s differs", b.Hash)
				}
				n++
				return nil
			})
			if n < 100 {
				t.Errorf("only %d blobs", n)
			}
			if _, err := br.Blob(plumbing.NewHash("0123456789012345678901234567890123456789"), 0); err == nil {
				t.Error("a missing blob was found")
			}
		})
	}
}

func TestApplyDeltaRejectsBadInput(t *testing.T) {
	base := []byte("hello world")
	alloc := func(n int) []byte { return make([]byte, n) }
	for _, d := range [][]byte{
		{},
		{11},                            // no target size
		{10, 5, 0x91, 0, 5},             // wrong base size
		{11, 5, 0x91, 8, 5},             // copy past the end of the base
		{11, 5, 0x05, 'a', 'b'},         // insert past the delta
		{11, 5, 0x00},                   // reserved command
		{11, 2, 0x91, 0, 5},             // longer than the target
		{11, 0x80, 0x80, 0x80, 0x80, 8}, // huge target
	} {
		if _, err := applyDelta(base, d, 64<<20, alloc); err == nil {
			t.Errorf("delta %v accepted", d)
		}
	}
	got, err := applyDelta(base, []byte{11, 8, 0x91, 6, 5, 3, '!', '!', '!'}, 64<<20, alloc)
	if err != nil || string(got) != "world!!!" {
		t.Errorf("applyDelta = %q, %v", got, err)
	}
}

// TestPackedEqualsLoose imports a history from loose objects (go-git reads
// them) and from the same repository packed by git (read from the packs
// directly): the folders are the same.
func TestPackedEqualsLoose(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git binary to pack a repository")
	}
	commits, nameAt := randomHistory(rand.New(rand.NewSource(11)))
	loose := filepath.Join(t.TempDir(), "repo")
	buildRepo(t, loose, commits)
	packed := filepath.Join(t.TempDir(), "repo")
	buildRepo(t, packed, commits)
	cmd := exec.Command("git", "repack", "-a", "-d", "-q", "--depth=10")
	cmd.Dir = packed
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git repack: %v %s", err, out)
	}
	if loose, _ := filepath.Glob(filepath.Join(packed, ".git", "objects", "??")); len(loose) > 0 {
		t.Fatalf("loose objects left: %v", loose)
	}
	for _, every := range []string{EveryDay, EveryWeek, EveryQuarter} {
		var got []map[string]string
		for _, repo := range []string{loose, packed} {
			out := filepath.Join(t.TempDir(), "cat")
			runImport(t, Options{Repo: repo, File: nameAt[len(nameAt)-1], Out: out, Every: every})
			got = append(got, folder(t, out))
		}
		if !reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("%s: loose %v\npacked %v", every, names(got[0]), names(got[1]))
		}
	}
}

func TestParseCommit(t *testing.T) {
	data := []byte("tree 0123456789abcdef0123456789abcdef01234567\n" +
		"parent 1111111111111111111111111111111111111111\n" +
		"parent 2222222222222222222222222222222222222222\n" +
		"author A <a@example.org> 1700000000 +0100\n" +
		"committer C <c@example.org> 1700003600 -0530\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n tree 3333333333333333333333333333333333333333\n -----END PGP SIGNATURE-----\n" +
		"\ncommitter in the message\n")
	p, err := parseCommit(data)
	if err != nil {
		t.Fatal(err)
	}
	if p.tree.String() != "0123456789abcdef0123456789abcdef01234567" || p.parent.String() != "1111111111111111111111111111111111111111" ||
		p.when.Format(commitDateLayout) != "2023-11-14T17:43:20-05:30" {
		t.Errorf("parsed %+v %s", p, p.when.Format(commitDateLayout))
	}
	if _, err := parseCommit([]byte("tree zz\n")); err == nil {
		t.Error("a bad tree accepted")
	}
}
