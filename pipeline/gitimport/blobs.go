package gitimport

import (
	"bufio"
	"compress/zlib"
	"container/list"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/idxfile"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// blobReader reads blob contents straight from the repository's packfiles,
// with a delta-base cache keyed by pack offset. go-git's own object reader
// hashes every object it resolves from deltas (to key its cache), which for
// release files of a megabyte is most of the cost of an import; like git
// cat-file, this reader trusts the pack. Objects it does not find in a pack
// (loose objects, alternates) come from go-git.
//
// The buffers of objects the cache lets go are used again for the next
// objects, which spares the allocation, zeroing and first touch of a
// megabyte each: a buffer handed out for job n (Blob's job) is reused once
// Done(n) says the job is over.
//
// No object over max bytes is inflated: its size is read from its header (a
// whole object's, or a delta's target size from the delta's first bytes)
// and the reader returns a *TooLargeError before it allocates anything for
// it. Its memory is bounded by the cache, the buffers kept for reuse
// (maxFreeBytes) and the object being resolved (a base, a delta and the
// result, each at most max bytes).
type blobReader struct {
	packs    []*pack // of a packSet, shared
	fallback storer.EncodedObjectStorer
	cache    *deltaCache
	zr       io.ReadCloser
	br       *bufio.Reader
	scratch  []byte // the current delta's instructions
	done     atomic.Int64
	free     []freeBuf // evicted buffers, reusable once their job is done
	freeSize int       // their capacity in bytes
	max      int64     // the largest object read
}

type freeBuf struct {
	buf []byte
	job int64
}

// maxFree and maxFreeBytes bound the buffers kept for reuse.
const (
	maxFree      = 16
	maxFreeBytes = 16 << 20
)

// TooLargeError is an object over the limit of the reader, told from its
// header: nothing of it was inflated.
type TooLargeError struct {
	Hash plumbing.Hash // the object asked for (zero when unknown)
	Size int64         // the size its header gives (of a delta base, when Base)
	Max  int64
	Base bool // a delta base of the object asked for is over the limit
}

func (e *TooLargeError) Error() string {
	what := "object"
	if !e.Hash.IsZero() {
		what += " " + e.Hash.String()
	}
	if e.Base {
		return fmt.Sprintf("%s is a delta of an object of %s, over the limit of %s", what, sizeText(e.Size), sizeText(e.Max))
	}
	return fmt.Sprintf("%s is %s, over the limit of %s", what, sizeText(e.Size), sizeText(e.Max))
}

// sizeText writes a size in bytes as people read it: 1.0 GiB, 64 MiB, 312 KiB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30:
		return strconv.FormatFloat(float64(n)/(1<<30), 'f', 1, 64) + " GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<20:
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// Done tells the reader that every job up to n is over: the buffers handed
// out for them may be reused.
func (r *blobReader) Done(n int64) { r.done.Store(n) }

// alloc returns a buffer of size bytes, reused when one is free.
func (r *blobReader) alloc(size int) []byte {
	done := r.done.Load()
	for i, f := range r.free {
		if f.job <= done && cap(f.buf) >= size {
			r.free[i] = r.free[len(r.free)-1]
			r.free = r.free[:len(r.free)-1]
			r.freeSize -= cap(f.buf)
			return f.buf[:size]
		}
	}
	// Headroom for the next versions of a file, which tend to grow (and,
	// for a large one, rounded up to 64 KiB).
	c := size + size/8
	if size >= 512<<10 {
		c = (c + 64<<10 - 1) &^ (64<<10 - 1)
	}
	return make([]byte, size, c)
}

func (r *blobReader) evicted(e *cacheEntry) {
	r.recycle(e.data, e.job)
}

// recycle keeps a buffer for reuse once job is done, dropping the oldest
// kept when there are too many.
func (r *blobReader) recycle(buf []byte, job int64) {
	if cap(buf) > maxFreeBytes/2 {
		return
	}
	for len(r.free) > 0 && (len(r.free) >= maxFree || r.freeSize+cap(buf) > maxFreeBytes) {
		r.freeSize -= cap(r.free[0].buf)
		r.free = r.free[1:]
	}
	r.free = append(r.free, freeBuf{buf[:0], job})
	r.freeSize += cap(buf)
}

type pack struct {
	f   *os.File
	idx *idxfile.MemoryIndex
	id  int
}

// packSet is the packfiles of a repository, opened once and read (ReadAt)
// by any number of blobReaders.
type packSet struct {
	packs []*pack
}

// openPacks opens the packs of the git folder gitDir ("" for none).
func openPacks(gitDir string) (*packSet, error) {
	ps := &packSet{}
	if gitDir == "" {
		return ps, nil
	}
	idxs, err := filepath.Glob(filepath.Join(gitDir, "objects", "pack", "pack-*.idx"))
	if err != nil {
		return nil, err
	}
	for _, ip := range idxs {
		p, err := openPack(ip, strings.TrimSuffix(ip, ".idx")+".pack")
		if err != nil {
			if os.IsNotExist(err) {
				continue // a pack being written or removed
			}
			ps.Close()
			return nil, err
		}
		p.id = len(ps.packs)
		ps.packs = append(ps.packs, p)
	}
	return ps, nil
}

func (ps *packSet) Close() {
	for _, p := range ps.packs {
		p.f.Close()
	}
	ps.packs = nil
}

// newBlobReader reads objects of at most max bytes from the packs, and from
// fallback those it does not find there, caching up to cacheSize bytes of
// resolved objects.
func newBlobReader(ps *packSet, fallback storer.EncodedObjectStorer, cacheSize int, max int64) *blobReader {
	r := &blobReader{packs: ps.packs, fallback: fallback, br: bufio.NewReaderSize(nil, 64<<10), max: max}
	r.cache = newDeltaCache(cacheSize, r.evicted)
	return r
}

func openPack(idxPath, packPath string) (*pack, error) {
	f, err := os.Open(idxPath)
	if err != nil {
		return nil, err
	}
	idx := idxfile.NewMemoryIndex()
	err = idxfile.NewDecoder(bufio.NewReader(f)).Decode(idx)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", idxPath, err)
	}
	pf, err := os.Open(packPath)
	if err != nil {
		return nil, err
	}
	return &pack{f: pf, idx: idx}, nil
}

// Blob returns the content of a blob, for job (> 0): the data stays as it
// is until Done(job). With job 0, it stays only until the next call.
func (r *blobReader) Blob(h plumbing.Hash, job int64) ([]byte, error) {
	e, ok, err := r.packed(h)
	if err != nil {
		return nil, err
	}
	if ok {
		if e.typ != plumbing.BlobObject {
			return nil, fmt.Errorf("object %s is a %s, not a blob", h, e.typ)
		}
		e.job = max(e.job, job)
		return e.data, nil
	}
	typ, data, err := r.unpacked(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	if typ != plumbing.BlobObject {
		return nil, fmt.Errorf("object %s is a %s, not a blob", h, typ)
	}
	return data, nil
}

// sizer is a storer that tells an object's size without reading it (go-git's
// filesystem storage, which otherwise inflates a loose object whole).
type sizer interface {
	EncodedObjectSize(plumbing.Hash) (int64, error)
}

// unpacked reads an object that is in no pack from the fallback storer,
// refusing one over the limit before it is read where the storer can tell.
func (r *blobReader) unpacked(t plumbing.ObjectType, h plumbing.Hash) (plumbing.ObjectType, []byte, error) {
	if s, ok := r.fallback.(sizer); ok {
		if n, err := s.EncodedObjectSize(h); err == nil && n > r.max {
			return 0, nil, &TooLargeError{Hash: h, Size: n, Max: r.max}
		}
	}
	o, err := r.fallback.EncodedObject(t, h)
	if err != nil {
		return 0, nil, err
	}
	if o.Size() > r.max {
		return 0, nil, &TooLargeError{Hash: h, Size: o.Size(), Max: r.max}
	}
	rc, err := o.Reader()
	if err != nil {
		return 0, nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, r.max+1))
	if err == nil && int64(len(data)) > r.max {
		return 0, nil, &TooLargeError{Hash: h, Size: int64(len(data)), Max: r.max}
	}
	return o.Type(), data, err
}

// Size returns the size of a blob from the headers alone: a whole object's
// header, or a delta's target size from the first bytes of the delta.
func (r *blobReader) Size(h plumbing.Hash) (int64, error) {
	p, off, ok := r.find(h)
	if !ok {
		if s, ok := r.fallback.(sizer); ok {
			return s.EncodedObjectSize(h)
		}
		o, err := r.fallback.EncodedObject(plumbing.AnyObject, h)
		if err != nil {
			return 0, err
		}
		return o.Size(), nil
	}
	if e, ok := r.cache.get(p.id, off); ok {
		return int64(len(e.data)), nil
	}
	oh, err := r.header(p, off)
	if err != nil {
		return 0, err
	}
	if oh.typ != plumbing.OFSDeltaObject && oh.typ != plumbing.REFDeltaObject {
		return oh.size, nil
	}
	// A delta starts with the sizes of its base and of its target.
	var head [20]byte
	if err := r.resetZlib(); err != nil {
		return 0, err
	}
	n, err := io.ReadFull(r.zr, head[:min(int64(len(head)), oh.size)])
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, fmt.Errorf("object %s: inflating: %w", h, err)
	}
	_, rest, ok := leb128(head[:n])
	if ok {
		var size uint64
		if size, _, ok = leb128(rest); ok {
			return int64(min(size, 1<<62)), nil
		}
	}
	return 0, fmt.Errorf("object %s: %w", h, errBadDelta)
}

// packed returns an object of the packs (ok false when none has it). Its
// data stays as it is until the next call.
func (r *blobReader) packed(h plumbing.Hash) (*cacheEntry, bool, error) {
	p, off, ok := r.find(h)
	if !ok {
		return nil, false, nil
	}
	e, err := r.object(p, off)
	if err != nil {
		var tl *TooLargeError
		if errors.As(err, &tl) {
			tl.Hash = h
			return nil, false, tl
		}
		return nil, false, fmt.Errorf("object %s: %w", h, err)
	}
	return e, true, nil
}

// object resolves the object at off, applying deltas down from the nearest
// cached or whole base. The entry it returns is cached unless too large.
func (r *blobReader) object(p *pack, off int64) (*cacheEntry, error) {
	type step struct {
		p   *pack
		off int64
	}
	var chain []step // deltas to apply, newest first
	var base *cacheEntry
resolve:
	for {
		if e, ok := r.cache.get(p.id, off); ok {
			base = e
			break
		}
		h, err := r.header(p, off)
		if err != nil {
			return nil, err
		}
		if len(chain) > 10000 {
			return nil, errors.New("delta chain too long")
		}
		switch h.typ {
		case plumbing.OFSDeltaObject:
			chain = append(chain, step{p, off})
			off = h.base
		case plumbing.REFDeltaObject:
			chain = append(chain, step{p, off})
			bp, boff, ok := r.find(h.ref)
			if !ok {
				// The base is outside the packs (a thin pack's base, loose).
				typ, data, err := r.unpacked(plumbing.AnyObject, h.ref)
				if err != nil {
					var tl *TooLargeError
					if errors.As(err, &tl) {
						return nil, &TooLargeError{Size: tl.Size, Max: tl.Max, Base: true}
					}
					return nil, fmt.Errorf("delta base %s: %w", h.ref, err)
				}
				base = &cacheEntry{typ: typ, data: data}
				break resolve
			}
			p, off = bp, boff
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			if h.size > r.max {
				return nil, &TooLargeError{Size: h.size, Max: r.max, Base: len(chain) > 0}
			}
			data := r.alloc(int(h.size))
			if err := r.inflate(data); err != nil {
				return nil, err
			}
			base = r.cache.put(p.id, off, h.typ, data)
			break resolve
		default:
			return nil, fmt.Errorf("object at %d: unknown type %d", off, h.typ)
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		h, err := r.header(s.p, s.off)
		if err != nil {
			return nil, err
		}
		if h.size > r.max+64 { // a delta holds at most its target, and two sizes
			return nil, &TooLargeError{Size: h.size, Max: r.max}
		}
		if int64(cap(r.scratch)) < h.size {
			r.scratch = make([]byte, h.size)
		}
		delta := r.scratch[:h.size]
		if err := r.inflate(delta); err != nil {
			return nil, err
		}
		data, err := applyDelta(base.data, delta, r.max, r.alloc)
		if err != nil {
			var tl *TooLargeError
			if errors.As(err, &tl) {
				tl.Base = i > 0
				return nil, tl
			}
			return nil, fmt.Errorf("delta at %d: %w", s.off, err)
		}
		base = r.cache.put(s.p.id, s.off, base.typ, data)
	}
	return base, nil
}

func (r *blobReader) find(h plumbing.Hash) (*pack, int64, bool) {
	for _, p := range r.packs {
		if off, err := p.idx.FindOffset(h); err == nil {
			return p, off, true
		}
	}
	return nil, 0, false
}

type objHeader struct {
	typ  plumbing.ObjectType
	size int64
	base int64         // OFS delta: offset of the base
	ref  plumbing.Hash // REF delta: hash of the base
}

// header reads the header of the object at off and leaves r.br at its
// compressed data.
func (r *blobReader) header(p *pack, off int64) (objHeader, error) {
	var h objHeader
	r.br.Reset(io.NewSectionReader(p.f, off, 1<<62))
	c, err := r.br.ReadByte()
	if err != nil {
		return h, err
	}
	h.typ = plumbing.ObjectType((c >> 4) & 7)
	h.size = int64(c & 15)
	shift := uint(4)
	for c&0x80 != 0 {
		if c, err = r.br.ReadByte(); err != nil {
			return h, err
		}
		h.size |= int64(c&0x7f) << shift
		shift += 7
	}
	switch h.typ {
	case plumbing.OFSDeltaObject:
		if c, err = r.br.ReadByte(); err != nil {
			return h, err
		}
		rel := int64(c & 0x7f)
		for c&0x80 != 0 {
			if c, err = r.br.ReadByte(); err != nil {
				return h, err
			}
			rel = ((rel + 1) << 7) | int64(c&0x7f)
		}
		h.base = off - rel
		if rel <= 0 || h.base < 0 {
			return h, fmt.Errorf("object at %d: bad delta base offset", off)
		}
	case plumbing.REFDeltaObject:
		if _, err := io.ReadFull(r.br, h.ref[:]); err != nil {
			return h, err
		}
	}
	return h, nil
}

// resetZlib points the inflater at the zlib data at r.br.
func (r *blobReader) resetZlib() error {
	if r.zr == nil {
		zr, err := zlib.NewReader(r.br)
		if err != nil {
			return err
		}
		r.zr = zr
		return nil
	}
	return r.zr.(zlib.Resetter).Reset(r.br, nil)
}

// inflate fills data with zlib data from r.br.
func (r *blobReader) inflate(data []byte) error {
	if int64(len(data)) > r.max+64 {
		return &TooLargeError{Size: int64(len(data)), Max: r.max}
	}
	if err := r.resetZlib(); err != nil {
		return err
	}
	if _, err := io.ReadFull(r.zr, data); err != nil {
		return fmt.Errorf("inflating: %w", err)
	}
	return nil
}

// Sizes of the delta-base caches: of blobs, that of git cat-file's cache
// halved (core.deltaBaseCacheLimit, 96 MiB): on the every-day CNCF history
// (1,769 versions of a file of up to 1.1 MB, delta chains of up to 50) it
// resolves each blob once, where a larger cache only grows the heap and the
// page faults of its first touch (docs/BENCHMARKS.md); of commits and trees.
// (Variables so that tests can make the blob cache evict, and reuse
// buffers, often.)
var (
	blobCacheSize = 48 << 20
	treeCacheSize = 32 << 20
)

// deltaCache keeps resolved objects by (pack, offset), least recently used
// out first.
type deltaCache struct {
	max, size int
	ll        *list.List
	m         map[cacheKey]*list.Element
	evicted   func(*cacheEntry)
}

type cacheKey struct {
	pack int
	off  int64
}

type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
	job  int64 // the last job it was handed out for
}

func newDeltaCache(max int, evicted func(*cacheEntry)) *deltaCache {
	return &deltaCache{max: max, ll: list.New(), m: map[cacheKey]*list.Element{}, evicted: evicted}
}

func (c *deltaCache) get(pack int, off int64) (*cacheEntry, bool) {
	if e, ok := c.m[cacheKey{pack, off}]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry), true
	}
	return nil, false
}

// put caches an object and returns its entry (not cached when too large).
func (c *deltaCache) put(pack int, off int64, typ plumbing.ObjectType, data []byte) *cacheEntry {
	k := cacheKey{pack, off}
	if e, ok := c.m[k]; ok {
		return e.Value.(*cacheEntry)
	}
	ce := &cacheEntry{key: k, typ: typ, data: data}
	if cap(data) > c.max/4 {
		return ce
	}
	c.m[k] = c.ll.PushFront(ce)
	c.size += cap(data)
	for c.size > c.max {
		e := c.ll.Back()
		old := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.m, old.key)
		c.size -= cap(old.data)
		if c.evicted != nil {
			c.evicted(old)
		}
	}
	return ce
}

var errBadDelta = errors.New("invalid delta")

// applyDelta applies a git delta to base, into a buffer of the exact size
// from alloc; a target over max bytes is a *TooLargeError.
func applyDelta(base, delta []byte, max int64, alloc func(int) []byte) ([]byte, error) {
	srcSize, delta, ok := leb128(delta)
	if !ok || srcSize != uint64(len(base)) {
		return nil, errBadDelta
	}
	size, delta, ok := leb128(delta)
	if !ok {
		return nil, errBadDelta
	}
	if size > uint64(max) {
		return nil, &TooLargeError{Size: int64(min(size, 1<<62)), Max: max}
	}
	out := alloc(int(size))[:0]
	for len(delta) > 0 {
		cmd := delta[0]
		delta = delta[1:]
		if cmd&0x80 != 0 { // copy from base
			var off, n uint64
			for i := uint(0); i < 4; i++ {
				if cmd&(1<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadDelta
					}
					off |= uint64(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			for i := uint(0); i < 3; i++ {
				if cmd&(0x10<<i) != 0 {
					if len(delta) == 0 {
						return nil, errBadDelta
					}
					n |= uint64(delta[0]) << (8 * i)
					delta = delta[1:]
				}
			}
			if n == 0 {
				n = 0x10000
			}
			if off+n > uint64(len(base)) || uint64(len(out))+n > size {
				return nil, errBadDelta
			}
			out = append(out, base[off:off+n]...)
		} else if cmd != 0 { // insert from the delta
			n := int(cmd)
			if n > len(delta) || uint64(len(out)+n) > size {
				return nil, errBadDelta
			}
			out = append(out, delta[:n]...)
			delta = delta[n:]
		} else {
			return nil, errBadDelta
		}
	}
	if uint64(len(out)) != size {
		return nil, errBadDelta
	}
	return out, nil
}

func leb128(b []byte) (uint64, []byte, bool) {
	var v uint64
	for i := 0; i < len(b) && i < 10; i++ {
		v |= uint64(b[i]&0x7f) << (7 * i)
		if b[i]&0x80 == 0 {
			return v, b[i+1:], true
		}
	}
	return 0, nil, false
}
