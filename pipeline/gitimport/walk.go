package gitimport

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// point is one commit of the first-parent line and the file in it.
type point struct {
	hash   plumbing.Hash
	when   time.Time // committer date, in the committer's offset
	tree   plumbing.Hash
	parent plumbing.Hash // first parent; zero for a root (or shallow) commit
	// tau is the date the commit counts at: the earliest committer date of it
	// and every later commit of the line (UTC). A period's release is the
	// newest commit with tau at or before its end, which is the newest commit
	// with a committer date at or before it, even when dates are not in order.
	tau time.Time

	path string        // the file's name at this commit (also when absent)
	blob plumbing.Hash // zero when the file is absent here
}

func (p *point) present() bool { return !p.blob.IsZero() }

// walker reads commits and trees: from the packs with raw, else (loose
// objects) through go-git.
type walker struct {
	s       storer.EncodedObjectStorer
	raw     *blobReader
	shallow map[plumbing.Hash]bool
	trees   map[plumbing.Hash]*object.Tree // small cache of go-git's trees
	entries map[entryKey]entryVal          // tree entries looked up
	walked  int                            // commits read
	looked  int                            // trees looked into
	tick    func(n int)
}

type entryKey struct {
	tree plumbing.Hash
	name string
}

type entryVal struct {
	mode filemode.FileMode
	hash plumbing.Hash
	ok   bool
}

func newWalker(s storer.EncodedObjectStorer, raw *blobReader, shallow []plumbing.Hash, tick func(int)) *walker {
	w := &walker{s: s, raw: raw, shallow: map[plumbing.Hash]bool{}, trees: map[plumbing.Hash]*object.Tree{},
		entries: map[entryKey]entryVal{}, tick: tick}
	for _, h := range shallow {
		w.shallow[h] = true
	}
	return w
}

// errNotOnLine is returned by chain when the stop commit is not on the
// first-parent line of the tip.
var errNotOnLine = errors.New("not on the first-parent line")

// chain walks the first-parent line from tip back to stop (excluded) or to
// the root, and returns it oldest first. With a non-zero stop that is not
// reached, it returns errNotOnLine.
func (w *walker) chain(ctx context.Context, tip, stop plumbing.Hash) ([]*point, error) {
	var pts []*point
	h := tip
	for !h.IsZero() {
		if h == stop {
			break
		}
		if len(pts)%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		p, err := w.commit(h)
		if err != nil {
			return nil, err
		}
		if w.shallow[h] {
			p.parent = plumbing.ZeroHash
		}
		pts = append(pts, p)
		w.walked++
		if w.tick != nil {
			w.tick(w.walked)
		}
		h = p.parent
	}
	if !stop.IsZero() && h != stop {
		return nil, errNotOnLine
	}
	for i, j := 0, len(pts)-1; i < j; i, j = i+1, j-1 {
		pts[i], pts[j] = pts[j], pts[i]
	}
	return pts, nil
}

// commit reads a commit's tree, first parent and committer date.
func (w *walker) commit(h plumbing.Hash) (*point, error) {
	if w.raw != nil {
		e, ok, err := w.raw.packed(h)
		if err != nil {
			return nil, err
		}
		if ok {
			if e.typ != plumbing.CommitObject {
				return nil, fmt.Errorf("object %s is a %s, not a commit", h, e.typ)
			}
			p, err := parseCommit(e.data)
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", h, err)
			}
			p.hash = h
			return p, nil
		}
	}
	c, err := object.GetCommit(w.s, h)
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", h, err)
	}
	p := &point{hash: h, when: c.Committer.When, tree: c.TreeHash}
	if len(c.ParentHashes) > 0 {
		p.parent = c.ParentHashes[0]
	}
	return p, nil
}

// parseCommit reads the headers of a commit object: tree, the first parent,
// committer (go-git's Signature reads its date, as go-git does).
func parseCommit(data []byte) (*point, error) {
	p := &point{}
	var tree, committer bool
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			i = len(data)
		}
		line := data[:i]
		data = data[min(i+1, len(data)):]
		if len(line) == 0 {
			break // the message follows
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			h, ok := parseHash(val)
			if !ok {
				return nil, fmt.Errorf("bad tree %q", val)
			}
			p.tree, tree = h, true
		case "parent":
			if p.parent.IsZero() {
				h, ok := parseHash(val)
				if !ok {
					return nil, fmt.Errorf("bad parent %q", val)
				}
				p.parent = h
			}
		case "committer":
			var sig object.Signature
			sig.Decode(val)
			p.when, committer = sig.When, true
		}
	}
	if !tree || !committer {
		return nil, errors.New("no tree or no committer")
	}
	return p, nil
}

func parseHash(b []byte) (plumbing.Hash, bool) {
	var h plumbing.Hash
	if len(b) != 2*len(h) {
		return h, false
	}
	if _, err := hex.Decode(h[:], b); err != nil {
		return h, false
	}
	return h, true
}

// tree reads a tree through go-git, with a cache.
func (w *walker) tree(h plumbing.Hash) (*object.Tree, error) {
	if t, ok := w.trees[h]; ok {
		return t, nil
	}
	t, err := object.GetTree(w.s, h)
	if err != nil {
		return nil, err
	}
	if len(w.trees) > 4096 {
		clear(w.trees)
	}
	w.trees[h] = t
	return t, nil
}

// lookup finds the blob at name in the tree root; zero when there is none (or
// when it is not a regular file).
func (w *walker) lookup(root plumbing.Hash, name string) (plumbing.Hash, error) {
	h := root
	parts := strings.Split(name, "/")
	for i, part := range parts {
		e, err := w.entry(h, part)
		if err != nil || !e.ok {
			return plumbing.ZeroHash, err
		}
		if i == len(parts)-1 {
			if !isFile(e.mode) {
				return plumbing.ZeroHash, nil
			}
			return e.hash, nil
		}
		if e.mode != filemode.Dir {
			return plumbing.ZeroHash, nil
		}
		h = e.hash
	}
	return plumbing.ZeroHash, nil
}

// entry finds name in a tree.
func (w *walker) entry(tree plumbing.Hash, name string) (entryVal, error) {
	k := entryKey{tree, name}
	if v, ok := w.entries[k]; ok {
		return v, nil
	}
	var v entryVal
	if w.raw != nil {
		e, ok, err := w.raw.packed(tree)
		if err != nil {
			return v, err
		}
		if ok {
			if e.typ != plumbing.TreeObject {
				return v, fmt.Errorf("object %s is a %s, not a tree", tree, e.typ)
			}
			if v, err = findTreeEntry(e.data, name); err != nil {
				return v, fmt.Errorf("tree %s: %w", tree, err)
			}
			w.remember(k, v)
			return v, nil
		}
	}
	t, err := w.tree(tree)
	if err != nil {
		return v, err
	}
	if te, err := t.FindEntry(name); err == nil {
		v = entryVal{mode: te.Mode, hash: te.Hash, ok: true}
	}
	w.remember(k, v)
	return v, nil
}

func (w *walker) remember(k entryKey, v entryVal) {
	if len(w.entries) > 1<<16 {
		clear(w.entries)
	}
	w.entries[k] = v
}

// findTreeEntry finds name in the entries of a tree object
// ("MODE NAME\0HASH" each).
func findTreeEntry(data []byte, name string) (entryVal, error) {
	for len(data) > 0 {
		sp := bytes.IndexByte(data, ' ')
		if sp < 0 {
			return entryVal{}, errors.New("bad entry")
		}
		mode := data[:sp]
		data = data[sp+1:]
		nul := bytes.IndexByte(data, 0)
		if nul < 0 || len(data) < nul+1+20 {
			return entryVal{}, errors.New("bad entry")
		}
		n, h := data[:nul], data[nul+1:nul+21]
		data = data[nul+21:]
		if string(n) != name {
			continue
		}
		m, err := strconv.ParseUint(string(mode), 8, 32)
		if err != nil {
			return entryVal{}, fmt.Errorf("bad mode %q", mode)
		}
		v := entryVal{mode: filemode.FileMode(m), ok: true}
		copy(v.hash[:], h)
		return v, nil
	}
	return entryVal{}, nil
}

// isFile tells regular files (executable or not) from links, folders and
// submodules.
func isFile(m filemode.FileMode) bool {
	return m == filemode.Regular || m == filemode.Executable || m == filemode.Deprecated
}

// at fills p.blob for p.path.
func (w *walker) at(p *point) error {
	b, err := w.lookup(p.tree, p.path)
	p.blob = b
	w.looked++
	if w.tick != nil {
		w.tick(w.looked)
	}
	return err
}

// followBack fills path and blob of pts[0..k-1], pts[k] being filled: older
// commits, following renames back in time.
func (w *walker) followBack(ctx context.Context, pts []*point, k int) error {
	for j := k - 1; j >= 0; j-- {
		if j%256 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		next := pts[j+1]
		pts[j].path = next.path
		if err := w.at(pts[j]); err != nil {
			return err
		}
		if next.present() && !pts[j].present() {
			// The file appears in next: created there, or renamed from
			// another name.
			from, err := w.renamed(pts[j].tree, next.tree, next.blob, true)
			if err != nil {
				return err
			}
			if from != "" {
				pts[j].path = from
				if err := w.at(pts[j]); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// followForward fills path and blob of pts[k+1..], pts[k] being filled (or
// being the last commit of an earlier import): newer commits, following
// renames forward.
func (w *walker) followForward(ctx context.Context, prev *point, pts []*point) error {
	for _, p := range pts {
		if err := ctx.Err(); err != nil {
			return err
		}
		p.path = prev.path
		if err := w.at(p); err != nil {
			return err
		}
		if prev.present() && !p.present() {
			// The file goes away in p: deleted, or renamed.
			to, err := w.renamed(prev.tree, p.tree, prev.blob, false)
			if err != nil {
				return err
			}
			if to != "" {
				p.path = to
				if err := w.at(p); err != nil {
					return err
				}
			}
		}
		prev = p
	}
	return nil
}

// renameScore is the least similarity (percent of lines) for a deleted and
// an added file to count as a rename, git's default.
const renameScore = 50

// maxRenameCandidates bounds the content comparisons of one rename search.
const maxRenameCandidates = 64

// renamed looks for the other end of a rename between trees a (parent) and b
// (child) of the file whose blob is known: with back, the file is in b and
// the name it had in a is returned; else the file is in a and its name in b.
// An exact copy of the content wins; else the most similar file of those that
// appeared (or went away), if similar enough. "" when there is none.
func (w *walker) renamed(a, b, blob plumbing.Hash, back bool) (string, error) {
	ta, err := w.tree(a)
	if err != nil {
		return "", err
	}
	tb, err := w.tree(b)
	if err != nil {
		return "", err
	}
	changes, err := object.DiffTree(ta, tb)
	if err != nil {
		return "", err
	}
	var names []string
	var blobs []plumbing.Hash
	for _, c := range changes {
		var e object.ChangeEntry
		if back && c.To.Name == "" { // deleted in b: a candidate old name
			e = c.From
		} else if !back && c.From.Name == "" { // added in b: a candidate new name
			e = c.To
		} else {
			continue
		}
		if !isFile(e.TreeEntry.Mode) {
			continue
		}
		if e.TreeEntry.Hash == blob {
			return e.Name, nil
		}
		names, blobs = append(names, e.Name), append(blobs, e.TreeEntry.Hash)
	}
	if len(names) == 0 {
		return "", nil
	}
	want, err := w.content(blob)
	if err != nil {
		return "", err
	}
	wantLines, wantN := lineSet(want)
	best, bestScore := "", renameScore-1
	for i, name := range names {
		if i == maxRenameCandidates {
			break
		}
		size, err := w.s.EncodedObjectSize(blobs[i])
		if err == nil && (size > 2*int64(len(want))+1024 || 2*size+1024 < int64(len(want))) {
			continue
		}
		data, err := w.content(blobs[i])
		if err != nil {
			return "", err
		}
		if s := similarity(wantLines, wantN, data); s > bestScore {
			best, bestScore = name, s
		}
	}
	return best, nil
}

func (w *walker) content(h plumbing.Hash) ([]byte, error) {
	o, err := w.s.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, err
	}
	r, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// lineSet counts the lines of a file, and gives their number.
func lineSet(data []byte) (map[string]int, int) {
	m := map[string]int{}
	lines := bytes.Split(data, []byte("\n"))
	for _, l := range lines {
		m[string(l)]++
	}
	return m, len(lines)
}

// similarity is the share of lines two files have in common, in percent of
// the longer one.
func similarity(a map[string]int, na int, data []byte) int {
	lines := bytes.Split(data, []byte("\n"))
	seen := make(map[string]int, len(a))
	common := 0
	for _, l := range lines {
		k := string(l)
		if seen[k] < a[k] {
			common++
		}
		seen[k]++
	}
	n := max(na, len(lines))
	if n == 0 {
		return 100
	}
	return common * 100 / n
}
