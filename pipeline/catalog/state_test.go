package catalog_test

import (
	"bytes"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/read"
)

// TestBuilderState saves a builder of the bundled catalog's releases but
// the last, loads it, adds the last release to both, and checks that the
// histories are the same; a damaged state is an error, never a panic.
func TestBuilderState(t *testing.T) {
	snaps, err := read.Catalog(filepath.Join("..", "..", "snapshots", "mlops"), read.Options{})
	if err != nil || len(snaps) < 2 {
		t.Fatalf("%d releases, %v", len(snaps), err)
	}
	b := catalog.NewBuilder("mlops")
	for _, s := range snaps[:len(snaps)-1] {
		if err := b.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := b.Save(&buf); err != nil {
		t.Fatal(err)
	}
	state := buf.Bytes()
	loaded, err := catalog.LoadBuilder(bytes.NewReader(state))
	if err != nil {
		t.Fatal(err)
	}
	// Through a reader that is not an io.ByteReader as well.
	viaPlain, err := catalog.LoadBuilder(struct{ *bytes.Reader }{bytes.NewReader(state)})
	if err != nil {
		t.Fatal(err)
	}
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var want *catalog.History
	for i, bb := range []*catalog.Builder{b, loaded, viaPlain} {
		if err := bb.Add(snaps[len(snaps)-1]); err != nil {
			t.Fatal(err)
		}
		h, err := bb.Build(mem)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Release()
		if i == 0 {
			want = h
			continue
		}
		if !array.RecordEqual(h.Record, want.Record) {
			t.Errorf("builder %d: history differs from the one never saved", i)
		}
	}

	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"cut in the gob part", state[:len(state)/10]},
		{"cut in the arrays", state[:len(state)-3]},
		{"a count past the bound", append(append([]byte(nil), state[:gobEnd(t, state)]...), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := catalog.LoadBuilder(bytes.NewReader(tt.data)); err == nil {
				t.Errorf("loaded a damaged state")
			}
		})
	}
}

// gobEnd is where the arrays of a saved state begin: the shortest prefix
// that LoadBuilder reads up to its first array count (a binary search: a
// shorter prefix fails in the gob part).
func gobEnd(t *testing.T, state []byte) int {
	t.Helper()
	inArrays := func(n int) bool {
		_, err := catalog.LoadBuilder(bytes.NewReader(state[:n]))
		return err != nil && strings.Contains(err.Error(), "int32 column")
	}
	n := sort.Search(len(state), inArrays)
	if n == len(state) {
		t.Fatal("no end of the gob part found")
	}
	return n
}
