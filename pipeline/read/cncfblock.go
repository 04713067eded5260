package read

// This file holds the incremental reader of landscape.yml histories: the
// daily versions of a landscape.yml share almost all their bytes, so rather
// than decoding every file whole (readCNCF), each distinct item block is
// parsed once and its result reused by every file that holds it.
//
// A line scanner splits a file into its skeleton (the document, categories
// and subcategories) and its item blocks: an entry of an items: sequence, from
// its "- " line to before the next line at the same or lower indentation that
// is not blank or a comment. The skeleton, the file without its blocks (a
// few hundred lines), is parsed as YAML, each node given back its line in
// the file, and read by the same cncfReader as readCNCF; when it reaches a
// subcategory's items:, the reader takes the listings and warnings of its
// blocks from the memo (blockCache), which parses a block it has not seen,
// dedented, with the same cncfReader.item, and keeps its listing and
// warnings with lines relative to the block, shifted on reuse to where the
// block is in the file. Listing.Key is the sha256 of the dedented block,
// category and subcategory.
//
// The cached path never gives another answer than readCNCF: whenever the
// scanner meets what it does not fully understand (tabs in indentation,
// document markers or directives, a lone CR, an items: key that is not
// followed by a block sequence, blocks that no subcategory takes), or a
// block or the skeleton does not parse cleanly, or any error is found, the
// file is read again whole by readCNCF, whose result (or error) is returned.
// Anchors, aliases and tags need no scanning of their own: an alias is an
// error for readCNCF and for the block parse alike, an alias to an anchor of
// another block or of the skeleton fails to parse, and an anchor or a tag
// within one block means in the block what it means in the file.
//
// Item checks must depend only on the item, its category and its
// subcategory (they do): a block's result is reused wherever the same text
// sits under the same category and subcategory.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"hash/maphash"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"go.yaml.in/yaml/v3"
)

// WithBlockCache returns the options with a memo of landscape.yml item
// blocks, shared by every file read with them (concurrently or not), unless
// they have one already. Reading the files of one history with it parses
// each distinct item block once; the snapshots are those of reading each
// file alone, with Listing.Key set. Listings with the same Key share their
// Extra map and Stars and OpenSource pointers, which are read-only.
func (o Options) WithBlockCache() Options {
	if o.blocks == nil {
		o.blocks = newBlockCache()
	}
	return o
}

// readCNCFBlocks is the cncf format's reader: the cached path when the
// options have a block cache, else readCNCF.
func readCNCFBlocks(path string, data []byte, opts Options) (*catalog.Snapshot, error) {
	if opts.blocks != nil {
		if snap := opts.blocks.read(path, data, opts); snap != nil {
			return snap, nil
		}
		opts.blocks.fallbacks.Add(1)
	}
	return readCNCF(path, data, opts)
}

// blockCache is the memo of item blocks: for a block's text, indentation,
// category and subcategory, the listing and warnings it gives. It is safe
// for concurrent use; a block is parsed once even when several files that
// hold it are read at the same time.
//
// A block is known by a 128-bit hash of its bytes, category and
// subcategory: two maphash sums with independent random seeds (hashing runs
// at memory speed, where comparing each block with a stored copy costs as
// much as a parse of the whole file did; a false match has a chance of about
// 2^-128 per pair of blocks, and the seeds are secret, so no input can aim
// at one). The first sum finds the entry, the second and the rest of the key
// (length, indentation, strictness) are compared.
//
// Nearly every lookup finds a block seen before, so lookups take no lock
// and write no shared memory (which the cores would pass back and forth):
// they read a published map, never changed once published; entries added
// since are in pending, under mu, and published with the others in a new
// map once there are enough of them.
type blockCache struct {
	seed1, seed2 maphash.Seed
	published    atomic.Pointer[map[uint64]*blockEntry] // by first sum: the head of a chain
	mu           sync.Mutex
	pending      map[uint64]*blockEntry

	// counts, for tests and measurements
	blocks    atomic.Int64 // blocks looked up
	parses    atomic.Int64 // blocks parsed
	fallbacks atomic.Int64 // files read whole by readCNCF
}

// blockEntry is one distinct block and what it gives.
type blockEntry struct {
	// What the entry is for, compared on lookup: the second sum of the
	// block, the length of its bytes in the file, the column (0-based) of
	// its "- ", and Options.Strict, which turns some warnings into errors.
	sum2   uint64
	size   int
	indent int
	strict bool
	next   atomic.Pointer[blockEntry] // another entry with the same first sum
	ready  atomic.Bool                // parsed: the fields below are set
	done   chan struct{}              // closed once ready

	ok bool // one item, parsed without errors
	// The item's listing (none when lenient reading left it out), and
	// warnings; lines relative to the block (1 is its first line), columns
	// to its dedented text, no file.
	listings []catalog.Listing
	diags    []catalog.Diagnostic
	// The block's share of the file's YAML limits: separators; nodes and
	// nesting depth of its tree (a sequence of the one item).
	seps, nodes, depth int
}

func newBlockCache() *blockCache {
	c := &blockCache{seed1: maphash.MakeSeed(), seed2: maphash.MakeSeed(), pending: map[uint64]*blockEntry{}}
	c.published.Store(&map[uint64]*blockEntry{})
	return c
}

// entry returns the parsed entry of a block, parsing it unless it has been
// seen (or is being parsed, which it waits for).
func (c *blockCache) entry(raw []byte, indent int, cat, sub string, strict bool) *blockEntry {
	sum1, sum2 := blockSum(c.seed1, raw, cat, sub), blockSum(c.seed2, raw, cat, sub)
	pub := *c.published.Load()
	e := chainFind(pub[sum1], sum2, len(raw), indent, strict)
	if e == nil {
		c.mu.Lock()
		pub = *c.published.Load() // maybe published meanwhile
		e = chainFind(pub[sum1], sum2, len(raw), indent, strict)
		if e == nil {
			e = chainFind(c.pending[sum1], sum2, len(raw), indent, strict)
		}
		if e == nil {
			e = c.add(pub, sum1, &blockEntry{sum2: sum2, size: len(raw), indent: indent, strict: strict, done: make(chan struct{})})
			c.mu.Unlock()
			c.parses.Add(1)
			e.parse(raw, cat, sub, strict)
			e.ready.Store(true)
			close(e.done)
			return e
		}
		c.mu.Unlock()
	}
	if !e.ready.Load() {
		<-e.done
	}
	return e
}

// add adds a new entry (under mu), and publishes the pending entries when
// they are an eighth of the published ones.
func (c *blockCache) add(pub map[uint64]*blockEntry, sum1 uint64, e *blockEntry) *blockEntry {
	head := pub[sum1]
	if head == nil {
		head = c.pending[sum1]
	}
	if head == nil {
		c.pending[sum1] = e
	} else { // the first sums collide: chain it
		last := head
		for next := last.next.Load(); next != nil; next = last.next.Load() {
			last = next
		}
		last.next.Store(e)
	}
	if len(c.pending) >= max(64, len(pub)/8) {
		m := make(map[uint64]*blockEntry, len(pub)+len(c.pending))
		for k, v := range pub {
			m[k] = v
		}
		for k, v := range c.pending {
			m[k] = v
		}
		c.published.Store(&m)
		c.pending = map[uint64]*blockEntry{}
	}
	return e
}

// chainFind returns the entry of a block in a chain, or nil.
func chainFind(e *blockEntry, sum2 uint64, size, indent int, strict bool) *blockEntry {
	for ; e != nil; e = e.next.Load() {
		if e.sum2 == sum2 && e.size == size && e.indent == indent && e.strict == strict {
			return e
		}
	}
	return nil
}

// blockSum hashes a block's bytes, category and subcategory.
func blockSum(seed maphash.Seed, raw []byte, cat, sub string) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	h.Write(raw)
	h.WriteByte(0)
	h.WriteString(cat)
	h.WriteByte(0)
	h.WriteString(sub)
	return h.Sum64()
}

// parse reads the block, dedented, as a YAML sequence of one item with
// cncfReader.item.
func (e *blockEntry) parse(raw []byte, cat, sub string, strict bool) {
	text := dedent(raw, e.indent)
	f := newYAMLFile("", Options{Strict: strict})
	root := f.parse(text)
	if root == nil || root.Kind != yaml.SequenceNode || len(root.Content) != 1 {
		return
	}
	r := &cncfReader{yamlFile: f}
	g := &cncfGroup{name: sub}
	r.item(root.Content[0], cat, g)
	if f.diags.HasErrors() || len(g.listings) > 1 {
		return
	}
	for _, d := range f.diags {
		if mentionsLine.MatchString(d.Msg) {
			return // a line number in a message would not be shifted
		}
	}
	if len(g.listings) == 1 {
		sum := sha256.New()
		sum.Write(text)
		sum.Write([]byte{0})
		sum.Write([]byte(cat))
		sum.Write([]byte{0})
		sum.Write([]byte(sub))
		g.listings[0].Key = hex.EncodeToString(sum.Sum(nil))
	}
	e.listings = g.listings
	e.diags = f.diags
	e.seps = yamlSeparators(text)
	e.nodes, e.depth = treeSize(root)
	e.ok = true
}

// mentionsLine matches a message that quotes a line number ("key "x"
// repeats (first at line 3)").
var mentionsLine = regexp.MustCompile(`\bline \d`)

// dedent removes the first indent columns of every line, or the spaces a
// shorter line (a blank line or a comment) starts with.
func dedent(raw []byte, indent int) []byte {
	out := make([]byte, 0, len(raw))
	for len(raw) > 0 {
		n := 0
		for n < indent && n < len(raw) && raw[n] == ' ' {
			n++
		}
		raw = raw[n:]
		i := bytes.IndexByte(raw, '\n')
		if i < 0 {
			i = len(raw) - 1
		}
		out = append(out, raw[:i+1]...)
		raw = raw[i+1:]
	}
	return out
}

// treeSize counts the nodes of a tree and its depth, as checkTree does.
func treeSize(n *yaml.Node) (nodes, depth int) {
	for _, c := range n.Content {
		cn, cd := treeSize(c)
		nodes += cn
		depth = max(depth, cd)
	}
	return nodes + 1, depth + 1
}

// itemDepth is the depth, as checkTree counts it, of a subcategory's items:
// value: document mapping, landscape list, category, subcategories list,
// subcategory, items list.
const itemDepth = 6

// cncfBlockFile is the cached path's state for one file.
type cncfBlockFile struct {
	cache *blockCache
	data  []byte
	scan  *cncfScan
	nodes int // nodes the blocks add to the skeleton's tree
	// uses holds the blocks of each subcategory, whose listings go
	// straight into the snapshot (rather than through cncfGroup.listings).
	uses     map[*cncfGroup][]blockUse
	seps     int // separators of the blocks
	blocks   int // blocks looked up
	fallback bool
}

// read reads one file through the cache; nil when it must be read whole.
func (c *blockCache) read(path string, data []byte, opts Options) *catalog.Snapshot {
	scan, ok := scanCNCF(data)
	if !ok {
		return nil
	}
	f := newYAMLFile(path, opts)
	root := f.parse(scan.skeleton)
	if root == nil || f.diags.HasErrors() {
		return nil
	}
	skelNodes := scan.fileLines(root)
	b := &cncfBlockFile{cache: c, data: data, scan: scan, uses: map[*cncfGroup][]blockUse{}}
	r := &cncfReader{yamlFile: f, byName: map[string]*cncfGroup{}, blocks: b}
	r.document(root)
	c.blocks.Add(int64(b.blocks))
	if b.fallback || f.diags.HasErrors() {
		return nil
	}
	for _, g := range scan.groups {
		if !g.used {
			return nil
		}
	}
	// The limits of parse, on the whole file.
	if skelNodes+b.nodes > maxYAMLNodes || yamlSeparators(scan.skeleton)+b.seps > maxYAMLSeparators {
		return nil
	}
	snap := &catalog.Snapshot{Listings: make([]catalog.Listing, 0, len(scan.refs))}
	for _, cat := range r.cats {
		for _, s := range cat.subs {
			for _, u := range b.uses[s] {
				for _, l := range u.e.listings {
					l.Line += u.shift
					snap.Listings = append(snap.Listings, l)
				}
			}
		}
	}
	snap, err := f.finish(snap)
	if err != nil {
		return nil
	}
	return snap
}

// fileLines gives every node of the skeleton's tree its line in the file,
// and returns the number of nodes. (A node at the end of the skeleton may
// be on the line after its last.)
func (s *cncfScan) fileLines(n *yaml.Node) int {
	count := 1
	switch last := len(s.lines); {
	case n.Line >= 1 && n.Line <= last:
		n.Line = s.lines[n.Line-1]
	case n.Line > last && last > 0:
		n.Line += s.lines[last-1] - last
	}
	for _, c := range n.Content {
		count += s.fileLines(c)
	}
	return count
}

// items adds the listings of the blocks of the items: key k (value v, empty
// in the skeleton) to sub, with their warnings; anything unexpected makes
// the file fall back to readCNCF.
func (b *cncfBlockFile) items(r *cncfReader, k, v *yaml.Node, cat string, sub *cncfGroup) {
	if k == nil {
		return // no items:, as readCNCF reads it
	}
	i, found := slices.BinarySearchFunc(b.scan.groups, k.Line, func(g blockGroup, line int) int { return g.keyLine - line })
	if !found {
		// items: with no value or an empty list ("items: []") holds no
		// item for readCNCF either; other items the scanner did not take
		// apart are left to it.
		if !isNull(v) && (v.Kind != yaml.SequenceNode || len(v.Content) > 0) {
			b.fallback = true
		}
		return
	}
	g := &b.scan.groups[i]
	if g.used || !isNull(v) {
		b.fallback = true
		return
	}
	g.used = true
	uses := slices.Grow(b.uses[sub], g.last-g.first)
	for _, ref := range b.scan.refs[g.first:g.last] {
		e := b.cache.entry(b.data[ref.start:ref.end], ref.indent, cat, sub.name, r.strict)
		if !e.ok || e.depth+itemDepth-1 > maxYAMLDepth {
			b.fallback = true
			return
		}
		shift := ref.line - 1
		uses = append(uses, blockUse{e, shift})
		for _, d := range e.diags {
			d.File = r.path
			if d.Line > 0 {
				d.Line += shift
			}
			if d.Col > 0 {
				d.Col += ref.indent
			}
			r.diags = append(r.diags, d)
		}
		b.nodes += e.nodes - 1 // the file's items list is one node, not one per block
		b.seps += e.seps
	}
	b.uses[sub] = uses
	b.blocks += g.last - g.first
}

// blockUse is a block of a subcategory: its entry, and the line in the file
// of its first line, less 1.
type blockUse struct {
	e     *blockEntry
	shift int
}

// cncfScan is a file taken apart by scanCNCF.
type cncfScan struct {
	skeleton []byte     // the file without its blocks
	lines    []int      // the line in the file of each line of the skeleton
	refs     []blockRef // the blocks, in file order
	groups   []blockGroup
}

// blockRef is one item block: data[start:end], from line line, its "- " at
// column indent (0-based).
type blockRef struct{ start, end, line, indent int }

// blockGroup is the blocks refs[first:last] of the items: key on line
// keyLine.
type blockGroup struct {
	keyLine     int
	first, last int
	used        bool // taken by a subcategory
}

// Scanner states.
const (
	scanOutside  = iota // in the skeleton
	scanAfterKey        // after items:, before its first entry
	scanInItems         // in the entries of an items: list
)

// scanCNCF splits a landscape.yml into skeleton and item blocks; false when
// the file holds something it does not fully understand.
func scanCNCF(data []byte) (*cncfScan, bool) {
	// A CR that does not end a line is a line break to YAML only.
	for i := 0; ; {
		j := bytes.IndexByte(data[i:], '\r')
		if j < 0 {
			break
		}
		i += j + 1
		if i == len(data) || data[i] != '\n' {
			return nil, false
		}
	}
	s := &cncfScan{skeleton: make([]byte, 0, len(data)/32), lines: make([]int, 0, len(data)/1024), refs: make([]blockRef, 0, len(data)/256)}
	state := scanOutside
	keyCol, seqIndent := 0, 0
	lineNo := 0
	for pos := 0; pos < len(data); {
		lineNo++
		end, next := len(data), len(data)
		if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		line := data[pos:end]
		if n := len(line); n > 0 && line[n-1] == '\r' {
			line = line[:n-1]
		}
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		rest := line[ind:]
		if len(rest) > 0 && rest[0] == '\t' {
			return nil, false // tabs in indentation
		}
		blank := len(rest) == 0 || rest[0] == '#'
		entry := len(rest) > 0 && rest[0] == '-' && (len(rest) == 1 || rest[1] == ' ' || rest[1] == '\t')
		if entry && len(rest) > 1 && rest[1] == '\t' {
			return nil, false
		}

		switch state {
		case scanInItems:
			if blank || ind > seqIndent {
				pos = next
				continue
			}
			s.refs[len(s.refs)-1].end = pos
			if ind == seqIndent && entry {
				s.refs = append(s.refs, blockRef{start: pos, line: lineNo, indent: ind})
				s.groups[len(s.groups)-1].last++
				pos = next
				continue
			}
			state = scanOutside
		case scanAfterKey:
			if blank {
				s.skeleton = append(s.skeleton, data[pos:next]...)
				s.lines = append(s.lines, lineNo)
				pos = next
				continue
			}
			if entry && ind >= keyCol {
				s.groups[len(s.groups)-1].first = len(s.refs)
				s.groups[len(s.groups)-1].last = len(s.refs) + 1
				s.refs = append(s.refs, blockRef{start: pos, line: lineNo, indent: ind})
				state, seqIndent = scanInItems, ind
				pos = next
				continue
			}
			s.groups = s.groups[:len(s.groups)-1] // not a block list: left to the skeleton
			state = scanOutside
		}

		if ind == 0 && (bytes.HasPrefix(rest, []byte("---")) || bytes.HasPrefix(rest, []byte("...")) || bytes.HasPrefix(rest, []byte("%"))) {
			return nil, false // document markers, directives
		}
		if col, ok := itemsKeyColumn(rest); ok {
			s.groups = append(s.groups, blockGroup{keyLine: lineNo})
			state, keyCol = scanAfterKey, ind+col
		}
		s.skeleton = append(s.skeleton, data[pos:next]...)
		s.lines = append(s.lines, lineNo)
		pos = next
	}
	switch state {
	case scanInItems:
		s.refs[len(s.refs)-1].end = len(data)
	case scanAfterKey:
		s.groups = s.groups[:len(s.groups)-1]
	}
	return s, true
}

// itemsKeyColumn reports whether a line (without its indentation) is an
// items: key with no value on the line, as "items:" or "- items:" with an
// optional comment, and the key's column relative to the line's content.
func itemsKeyColumn(rest []byte) (int, bool) {
	col := 0
	if len(rest) >= 2 && rest[0] == '-' && rest[1] == ' ' {
		col = 1
		for col < len(rest) && rest[col] == ' ' {
			col++
		}
	}
	t, ok := bytes.CutPrefix(rest[col:], []byte("items:"))
	if !ok {
		return 0, false
	}
	u := bytes.TrimLeft(t, " ")
	if len(u) == 0 || (u[0] == '#' && len(u) < len(t)) {
		return col, true
	}
	return 0, false
}
