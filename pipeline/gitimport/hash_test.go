package gitimport

import (
	"bytes"
	"crypto/sha256"
	"math/rand"
	"testing"
)

// TestPrefixHasher hashes sequences of files, each an edit of the one
// before, and checks every sum against crypto/sha256 over the whole file.
func TestPrefixHasher(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	random := func(n int) []byte {
		b := make([]byte, n)
		rng.Read(b)
		return b
	}
	edit := func(b []byte, at int, insert []byte, del int) []byte {
		out := append([]byte{}, b[:at]...)
		out = append(out, insert...)
		return append(out, b[min(at+del, len(b)):]...)
	}
	base := random(5*hashChunk + 123)
	tests := []struct {
		name  string
		files [][]byte
		// skipped is how many bytes the hasher should not hash again.
		skipped int64
	}{
		{"one file", [][]byte{base}, 0},
		{"empty files", [][]byte{nil, {}, nil}, 0},
		{"the same file twice", [][]byte{base, base}, 5 * hashChunk},
		{"an edit in the middle", [][]byte{base, edit(base, 3*hashChunk+7, []byte("x"), 1)}, 3 * hashChunk},
		{"an edit in the first byte", [][]byte{base, edit(base, 0, []byte("y"), 1)}, 0},
		{"an edit in the last byte", [][]byte{base, edit(base, len(base)-1, []byte("z"), 1)}, 5 * hashChunk},
		{"an edit on a chunk boundary", [][]byte{base, edit(base, 2*hashChunk, []byte("b"), 1)}, 2 * hashChunk},
		{"an edit just before a boundary", [][]byte{base, edit(base, 2*hashChunk-1, []byte("b"), 1)}, hashChunk},
		{"appended", [][]byte{base, append(append([]byte{}, base...), random(3*hashChunk)...)}, 5 * hashChunk},
		{"cut short inside a chunk", [][]byte{base, base[:2*hashChunk+5]}, 2 * hashChunk},
		{"cut to a boundary", [][]byte{base, base[:2*hashChunk]}, 2 * hashChunk},
		{"cut to nothing, then back", [][]byte{base, nil, base}, 0},
		{"a chunk exactly", [][]byte{base[:hashChunk], base[:hashChunk], base[:hashChunk+1]}, 2 * hashChunk},
		{"several edits in turn", [][]byte{
			base,
			edit(base, 4*hashChunk+1, []byte("1"), 0),
			edit(edit(base, 4*hashChunk+1, []byte("1"), 0), hashChunk+9, nil, 20),
			edit(edit(base, 4*hashChunk+1, []byte("1"), 0), hashChunk+9, nil, 20),
			random(hashChunk / 2),
		}, 4*hashChunk + hashChunk + 5*hashChunk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPrefixHasher()
			var all int64
			for i, f := range tt.files {
				if got, want := p.sum(f), sha256.Sum256(f); got != want {
					t.Fatalf("file %d: sum %x, want %x", i, got, want)
				}
				all += int64(len(f))
			}
			if p.skipped != tt.skipped || p.hashed+p.skipped != all {
				t.Errorf("skipped %d and hashed %d bytes, want %d skipped of %d", p.skipped, p.hashed, tt.skipped, all)
			}
		})
	}
}

// TestPrefixHasherRandomEdits checks the sums of a long run of random edits,
// including files that shrink and grow across chunk boundaries.
func TestPrefixHasherRandomEdits(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	data := make([]byte, 3*hashChunk)
	rng.Read(data)
	p := newPrefixHasher()
	for i := 0; i < 300; i++ {
		at := rng.Intn(len(data) + 1)
		del := rng.Intn(2 * hashChunk)
		ins := make([]byte, rng.Intn(2*hashChunk))
		rng.Read(ins)
		next := append(append(append([]byte{}, data[:at]...), ins...), data[min(at+del, len(data)):]...)
		if rng.Intn(10) == 0 {
			next = bytes.Clone(data) // unchanged
		}
		data = next
		if got, want := p.sum(data), sha256.Sum256(data); got != want {
			t.Fatalf("edit %d (%d bytes): sum %x, want %x", i, len(data), got, want)
		}
	}
	if p.skipped == 0 {
		t.Error("no bytes skipped over 300 edits")
	}
}
