package gitimport

import (
	"bytes"
	"crypto/sha256"
	"encoding"
	"hash"
)

// hashChunk is the step at which prefixHasher keeps the state of a hash.
const hashChunk = 64 << 10

// prefixHasher gives the sha256 of release files taken in order, each
// resuming from the previous file's hash state at the last checkpoint inside
// the bytes the two files share from their start. Consecutive versions of a
// catalog file mostly differ by an edit or two somewhere inside: on average
// half of a file is a prefix of the previous one, which is then not hashed
// again (comparing bytes costs a tenth of hashing them). SHA-256 reads its
// input in order, so a state saved after the first k·hashChunk bytes of one
// file is the state after the same bytes of any other.
type prefixHasher struct {
	h      hash.Hash
	prev   []byte   // the previous file
	states [][]byte // the state after (i+1)·hashChunk bytes of prev
	spare  [][]byte // state buffers to reuse
	// hashed and skipped count bytes, for tests and benchmarks.
	hashed, skipped int64
}

func newPrefixHasher() *prefixHasher { return &prefixHasher{h: sha256.New()} }

// sum is the sha256 of data. data must stay unchanged until the next call
// returns: it is compared with the next file.
func (p *prefixHasher) sum(data []byte) [sha256.Size]byte {
	k := 0 // leading chunks data shares with prev, with a saved state
	for k < len(p.states) && (k+1)*hashChunk <= len(data) &&
		bytes.Equal(p.prev[k*hashChunk:(k+1)*hashChunk], data[k*hashChunk:(k+1)*hashChunk]) {
		k++
	}
	p.h.Reset()
	if k > 0 {
		if err := p.h.(encoding.BinaryUnmarshaler).UnmarshalBinary(p.states[k-1]); err != nil {
			// A state this hasher saved itself; cannot happen.
			panic("gitimport: restoring a sha256 state: " + err.Error())
		}
	}
	p.spare = append(p.spare, p.states[k:]...)
	clear(p.states[k:])
	p.states = p.states[:k]
	off := k * hashChunk
	for ; off+hashChunk <= len(data); off += hashChunk {
		p.h.Write(data[off : off+hashChunk])
		var buf []byte
		if n := len(p.spare); n > 0 {
			buf, p.spare = p.spare[n-1][:0], p.spare[:n-1]
		}
		st, err := p.h.(encoding.BinaryAppender).AppendBinary(buf)
		if err != nil {
			panic("gitimport: saving a sha256 state: " + err.Error())
		}
		p.states = append(p.states, st)
	}
	p.h.Write(data[off:])
	p.hashed += int64(len(data) - k*hashChunk)
	p.skipped += int64(k * hashChunk)
	p.prev = data
	var sum [sha256.Size]byte
	p.h.Sum(sum[:0])
	return sum
}
