package gitimport

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
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
			br, err := newBlobReader(filepath.Join(dir, ".git"), repo.Storer)
			if err != nil {
				t.Fatal(err)
			}
			defer br.Close()
			if len(br.packs) != 1 {
				t.Fatalf("%d packs", len(br.packs))
			}
			iter, _ := repo.BlobObjects()
			n := 0
			iter.ForEach(func(b *object.Blob) error {
				r, _ := b.Reader()
				want, _ := io.ReadAll(r)
				r.Close()
				got, err := br.Blob(b.Hash)
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
			if _, err := br.Blob(plumbing.NewHash("0123456789012345678901234567890123456789")); err == nil {
				t.Error("a missing blob was found")
			}
		})
	}
}

func TestApplyDeltaRejectsBadInput(t *testing.T) {
	base := []byte("hello world")
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
		if _, err := applyDelta(base, d); err == nil {
			t.Errorf("delta %v accepted", d)
		}
	}
	got, err := applyDelta(base, []byte{11, 8, 0x91, 6, 5, 3, '!', '!', '!'})
	if err != nil || string(got) != "world!!!" {
		t.Errorf("applyDelta = %q, %v", got, err)
	}
}
