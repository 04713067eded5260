// Package gittest builds git repositories for tests, with go-git's plumbing
// (no git binary): commits of whole trees given as flat paths, or one commit
// per release file of a catalog folder, dated as its MANIFEST.tsv says.
package gittest

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Commit is one commit: its whole tree as flat paths, its date (author and
// committer), its parents (indexes of earlier commits; nil is the one
// before, an empty list a root) and a tag, if any.
type Commit struct {
	Files   map[string]string
	When    time.Time
	Parents []int
	Tag     string
}

// Build makes a repository in dir, master at the last commit, and returns
// the commits.
func Build(t testing.TB, dir string, commits []Commit) []plumbing.Hash {
	t.Helper()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return Append(t, repo, nil, commits)
}

// Append adds commits after those of hashes (Parents index the whole list)
// and moves master to the last.
func Append(t testing.TB, repo *git.Repository, hashes []plumbing.Hash, commits []Commit) []plumbing.Hash {
	t.Helper()
	s := repo.Storer
	for _, c := range commits {
		i := len(hashes)
		tree := writeTree(t, s, c.Files)
		parents := c.Parents
		if parents == nil && i > 0 {
			parents = []int{i - 1}
		}
		sig := object.Signature{Name: "Test", Email: "test@example.org", When: c.When}
		co := &object.Commit{Author: sig, Committer: sig, Message: "commit\n", TreeHash: tree}
		for _, p := range parents {
			co.ParentHashes = append(co.ParentHashes, hashes[p])
		}
		h := Store(t, s, co)
		hashes = append(hashes, h)
		if c.Tag != "" {
			if err := s.SetReference(plumbing.NewHashReference(plumbing.NewTagReferenceName(c.Tag), h)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(hashes) > 0 {
		if err := repo.Storer.SetReference(plumbing.NewHashReference(plumbing.Master, hashes[len(hashes)-1])); err != nil {
			t.Fatal(err)
		}
	}
	return hashes
}

// Store writes an object (a commit, a tree, a tag).
func Store(t testing.TB, s storer.EncodedObjectStorer, o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	t.Helper()
	obj := s.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func writeBlob(t testing.TB, s storer.EncodedObjectStorer, content string) plumbing.Hash {
	t.Helper()
	obj := s.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(content))
	w.Close()
	h, err := s.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// writeTree writes the trees of flat paths.
func writeTree(t testing.TB, s storer.EncodedObjectStorer, files map[string]string) plumbing.Hash {
	t.Helper()
	dirs := map[string]map[string]string{}
	var entries []object.TreeEntry
	for p, c := range files {
		if d, rest, ok := strings.Cut(p, "/"); ok {
			if dirs[d] == nil {
				dirs[d] = map[string]string{}
			}
			dirs[d][rest] = c
			continue
		}
		entries = append(entries, object.TreeEntry{Name: p, Mode: filemode.Regular, Hash: writeBlob(t, s, c)})
	}
	for name, sub := range dirs {
		entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: writeTree(t, s, sub)})
	}
	key := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
	return Store(t, s, &object.Tree{Entries: entries})
}

// Release is one row of a catalog's MANIFEST.tsv.
type Release struct {
	File, SourcePath, Commit, CommitDate, SHA256 string
	When                                         time.Time
}

// FromCatalog makes a repository in dir with one commit per release file of
// catalogDir, in MANIFEST.tsv's order: the file at its source_path, the
// commit dated with its commit_date (offset kept). It returns the rows.
func FromCatalog(t testing.TB, dir, catalogDir string) ([]Release, []plumbing.Hash) {
	t.Helper()
	f, err := os.Open(filepath.Join(catalogDir, "MANIFEST.tsv"))
	if err != nil {
		t.Skipf("corpus %s: %v", catalogDir, err)
	}
	defer f.Close()
	var rels []Release
	var commits []Commit
	sc := bufio.NewScanner(f)
	var cols map[string]int
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "\t")
		if cols == nil {
			cols = map[string]int{}
			for i, c := range fields {
				cols[c] = i
			}
			continue
		}
		r := Release{File: fields[cols["file"]], SourcePath: fields[cols["source_path"]], Commit: fields[cols["commit"]],
			CommitDate: fields[cols["commit_date"]], SHA256: fields[cols["sha256"]]}
		if r.When, err = time.Parse(time.RFC3339, r.CommitDate); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(catalogDir, r.File))
		if err != nil {
			t.Fatal(err)
		}
		rels = append(rels, r)
		commits = append(commits, Commit{Files: map[string]string{r.SourcePath: string(data)}, When: r.When})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rels, Build(t, dir, commits)
}
