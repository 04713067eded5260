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
type blobReader struct {
	packs    []*pack // of a packSet, shared
	fallback storer.EncodedObjectStorer
	cache    *deltaCache
	zr       io.ReadCloser
	br       *bufio.Reader
	scratch  []byte // the current delta's instructions
	done     atomic.Int64
	free     []freeBuf // evicted buffers, reusable once their job is done
}

type freeBuf struct {
	buf []byte
	job int64
}

// maxFree bounds the buffers kept for reuse.
const maxFree = 16

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
			return f.buf[:size]
		}
	}
	// Headroom for the next versions of a file, which tend to grow.
	return make([]byte, size, size+size/16)
}

func (r *blobReader) evicted(e *cacheEntry) {
	if len(r.free) < maxFree {
		r.free = append(r.free, freeBuf{e.data[:0], e.job})
	}
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

// newBlobReader reads objects from the packs, and from fallback those it
// does not find there, caching up to cacheSize bytes of resolved objects.
func newBlobReader(ps *packSet, fallback storer.EncodedObjectStorer, cacheSize int) *blobReader {
	r := &blobReader{packs: ps.packs, fallback: fallback, br: bufio.NewReaderSize(nil, 64<<10)}
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
	o, err := r.fallback.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	rc, err := o.Reader()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
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
				o, err := r.fallback.EncodedObject(plumbing.AnyObject, h.ref)
				if err != nil {
					return nil, fmt.Errorf("delta base %s: %w", h.ref, err)
				}
				rc, err := o.Reader()
				if err != nil {
					return nil, err
				}
				data, err := io.ReadAll(rc)
				rc.Close()
				if err != nil {
					return nil, err
				}
				base = &cacheEntry{typ: o.Type(), data: data}
				break resolve
			}
			p, off = bp, boff
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			data := r.alloc(int(min(h.size, maxObjectSize+1)))
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
		if h.size > maxObjectSize {
			return nil, fmt.Errorf("delta at %d of %d bytes; expected at most %d", s.off, h.size, maxObjectSize)
		}
		if int64(cap(r.scratch)) < h.size {
			r.scratch = make([]byte, h.size)
		}
		delta := r.scratch[:h.size]
		if err := r.inflate(delta); err != nil {
			return nil, err
		}
		data, err := applyDelta(base.data, delta, r.alloc)
		if err != nil {
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

// inflate fills data with zlib data from r.br.
func (r *blobReader) inflate(data []byte) error {
	if len(data) > maxObjectSize {
		return fmt.Errorf("object of more than %d bytes", maxObjectSize)
	}
	if r.zr == nil {
		zr, err := zlib.NewReader(r.br)
		if err != nil {
			return err
		}
		r.zr = zr
	} else if err := r.zr.(zlib.Resetter).Reset(r.br, nil); err != nil {
		return err
	}
	if _, err := io.ReadFull(r.zr, data); err != nil {
		return fmt.Errorf("inflating: %w", err)
	}
	return nil
}

// Sizes of the delta-base caches: of blobs, enough for a delta chain of 50
// versions of a file of a few megabytes; of commits and trees. (Variables
// so that tests can make the blob cache evict, and reuse buffers, often.)
var (
	blobCacheSize = 192 << 20
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
	if len(data) > c.max/4 {
		return ce
	}
	c.m[k] = c.ll.PushFront(ce)
	c.size += len(data)
	for c.size > c.max {
		e := c.ll.Back()
		old := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.m, old.key)
		c.size -= len(old.data)
		if c.evicted != nil {
			c.evicted(old)
		}
	}
	return ce
}

// maxObjectSize bounds the objects a delta may make (1 GiB).
const maxObjectSize = 1 << 30

var errBadDelta = errors.New("invalid delta")

// applyDelta applies a git delta to base, into a buffer of the exact size
// from alloc.
func applyDelta(base, delta []byte, alloc func(int) []byte) ([]byte, error) {
	srcSize, delta, ok := leb128(delta)
	if !ok || srcSize != uint64(len(base)) {
		return nil, errBadDelta
	}
	size, delta, ok := leb128(delta)
	if !ok || size > maxObjectSize {
		return nil, errBadDelta
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
