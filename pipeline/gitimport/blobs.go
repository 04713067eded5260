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
type blobReader struct {
	packs    []*pack
	fallback storer.EncodedObjectStorer
	cache    *deltaCache
	zr       io.ReadCloser
	br       *bufio.Reader
}

type pack struct {
	f   *os.File
	idx *idxfile.MemoryIndex
	id  int
}

// newBlobReader opens the packs of the git folder gitDir ("" for none).
func newBlobReader(gitDir string, fallback storer.EncodedObjectStorer) (*blobReader, error) {
	r := &blobReader{fallback: fallback, cache: newDeltaCache(deltaCacheSize), br: bufio.NewReaderSize(nil, 64<<10)}
	if gitDir == "" {
		return r, nil
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
			r.Close()
			return nil, err
		}
		p.id = len(r.packs)
		r.packs = append(r.packs, p)
	}
	return r, nil
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

func (r *blobReader) Close() {
	for _, p := range r.packs {
		p.f.Close()
	}
	r.packs = nil
}

// Blob returns the content of a blob.
func (r *blobReader) Blob(h plumbing.Hash) ([]byte, error) {
	for _, p := range r.packs {
		off, err := p.idx.FindOffset(h)
		if err != nil {
			continue
		}
		typ, data, err := r.object(p, off)
		if err != nil {
			return nil, fmt.Errorf("object %s: %w", h, err)
		}
		if typ != plumbing.BlobObject {
			return nil, fmt.Errorf("object %s is a %s, not a blob", h, typ)
		}
		return data, nil
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

// object resolves the object at off, applying deltas down from the nearest
// cached or whole base.
func (r *blobReader) object(p *pack, off int64) (plumbing.ObjectType, []byte, error) {
	type step struct {
		p   *pack
		off int64
	}
	var chain []step // deltas to apply, newest first
	var typ plumbing.ObjectType
	var data []byte
resolve:
	for {
		if e, ok := r.cache.get(p.id, off); ok {
			typ, data = e.typ, e.data
			break
		}
		h, err := r.header(p, off)
		if err != nil {
			return 0, nil, err
		}
		if len(chain) > 10000 {
			return 0, nil, errors.New("delta chain too long")
		}
		switch h.typ {
		case plumbing.OFSDeltaObject:
			chain = append(chain, step{p, off})
			off = h.base
			continue
		case plumbing.REFDeltaObject:
			chain = append(chain, step{p, off})
			bp, boff, ok := r.find(h.ref)
			if !ok {
				// The base is outside the packs (a thin pack's base, loose).
				o, err := r.fallback.EncodedObject(plumbing.AnyObject, h.ref)
				if err != nil {
					return 0, nil, fmt.Errorf("delta base %s: %w", h.ref, err)
				}
				rc, err := o.Reader()
				if err != nil {
					return 0, nil, err
				}
				data, err = io.ReadAll(rc)
				rc.Close()
				if err != nil {
					return 0, nil, err
				}
				typ = o.Type()
				break resolve
			}
			p, off = bp, boff
			continue
		case plumbing.CommitObject, plumbing.TreeObject, plumbing.BlobObject, plumbing.TagObject:
			typ = h.typ
			if data, err = r.inflate(h.size); err != nil {
				return 0, nil, err
			}
			r.cache.put(p.id, off, typ, data)
			break resolve
		default:
			return 0, nil, fmt.Errorf("object at %d: unknown type %d", off, h.typ)
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		s := chain[i]
		h, err := r.header(s.p, s.off)
		if err != nil {
			return 0, nil, err
		}
		delta, err := r.inflate(h.size)
		if err != nil {
			return 0, nil, err
		}
		if data, err = applyDelta(data, delta); err != nil {
			return 0, nil, fmt.Errorf("delta at %d: %w", s.off, err)
		}
		r.cache.put(s.p.id, s.off, typ, data)
	}
	return typ, data, nil
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

// inflate reads size bytes of zlib data from r.br.
func (r *blobReader) inflate(size int64) ([]byte, error) {
	if r.zr == nil {
		zr, err := zlib.NewReader(r.br)
		if err != nil {
			return nil, err
		}
		r.zr = zr
	} else if err := r.zr.(zlib.Resetter).Reset(r.br, nil); err != nil {
		return nil, err
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(r.zr, data); err != nil {
		return nil, fmt.Errorf("inflating: %w", err)
	}
	return data, nil
}

// deltaCacheSize bounds the delta-base cache: enough for a delta chain of 50
// versions of a file of a few megabytes.
const deltaCacheSize = 192 << 20

// deltaCache keeps resolved objects by (pack, offset), least recently used
// out first.
type deltaCache struct {
	max, size int
	ll        *list.List
	m         map[cacheKey]*list.Element
}

type cacheKey struct {
	pack int
	off  int64
}

type cacheEntry struct {
	key  cacheKey
	typ  plumbing.ObjectType
	data []byte
}

func newDeltaCache(max int) *deltaCache {
	return &deltaCache{max: max, ll: list.New(), m: map[cacheKey]*list.Element{}}
}

func (c *deltaCache) get(pack int, off int64) (*cacheEntry, bool) {
	if e, ok := c.m[cacheKey{pack, off}]; ok {
		c.ll.MoveToFront(e)
		return e.Value.(*cacheEntry), true
	}
	return nil, false
}

func (c *deltaCache) put(pack int, off int64, typ plumbing.ObjectType, data []byte) {
	k := cacheKey{pack, off}
	if _, ok := c.m[k]; ok || len(data) > c.max/4 {
		return
	}
	c.m[k] = c.ll.PushFront(&cacheEntry{key: k, typ: typ, data: data})
	c.size += len(data)
	for c.size > c.max {
		e := c.ll.Back()
		ce := e.Value.(*cacheEntry)
		c.ll.Remove(e)
		delete(c.m, ce.key)
		c.size -= len(ce.data)
	}
}

// maxObjectSize bounds the objects a delta may make (1 GiB).
const maxObjectSize = 1 << 30

var errBadDelta = errors.New("invalid delta")

// applyDelta applies a git delta to base, into a slice of the exact size.
func applyDelta(base, delta []byte) ([]byte, error) {
	srcSize, delta, ok := leb128(delta)
	if !ok || srcSize != uint64(len(base)) {
		return nil, errBadDelta
	}
	size, delta, ok := leb128(delta)
	if !ok || size > maxObjectSize {
		return nil, errBadDelta
	}
	out := make([]byte, 0, size)
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
