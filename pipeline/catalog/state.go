package catalog

import (
	"bufio"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"slices"
)

// builderState is what a Builder holds, in a form gob writes the same way
// every time (no maps): the entries' keys in entry order stand for the
// entries map. Its int32 columns (the per-entry value numbers, the per-row
// entry and line, the per-release file and id numbers) follow it outside
// gob, each as a uvarint count and its little-endian bytes (stateArrays):
// gob reads a message of tens of megabytes in pieces it then copies.
type builderState struct {
	Name     string
	Releases []Release
	Warnings Diagnostics
	Starts   []int

	Keys   []string // entry → its content key (Builder.entries inverted)
	Values [numEntryCols][]string
	OSS    []int8
	Stars  []int64
	HasSt  []bool

	Files, RelIDs []string
}

// stateVersion changes whenever builderState or the meaning of its fields
// does: a state of another version is not loaded.
const stateVersion = "landscape-builder-3" // 2: Release.Groups; 3: the int32 columns outside gob

// stateArrays are the builder's int32 columns in the order Save writes
// them.
func (b *Builder) stateArrays() []*[]int32 {
	out := []*[]int32{&b.rowEntry, &b.rowLine, &b.files.ids, &b.relIDs.ids}
	for c := range numEntryCols {
		out = append(out, &b.cols[c].ids)
	}
	return out
}

// maxStateArray bounds the count of an int32 column LoadBuilder reads (a
// damaged count must not allocate without end).
const maxStateArray = 1 << 28

// Save writes the builder's state, so that a later run can resume it
// (LoadBuilder) and add only the releases that came since. The builder is
// unchanged and can go on.
func (b *Builder) Save(w io.Writer) error {
	s := builderState{
		Name: b.name, Releases: b.releases, Warnings: b.warnings, Starts: b.starts,
		Keys: make([]string, len(b.oss)), OSS: b.oss,
		Stars: make([]int64, len(b.stars)), HasSt: make([]bool, len(b.stars)),
		Files: b.files.values, RelIDs: b.relIDs.values,
	}
	for k, e := range b.entries {
		s.Keys[e] = k
	}
	for c := range numEntryCols {
		s.Values[c] = b.cols[c].values
	}
	for i, v := range b.stars {
		if v != nil {
			s.Stars[i], s.HasSt[i] = *v, true
		}
	}
	enc := gob.NewEncoder(w)
	if err := enc.Encode(stateVersion); err != nil {
		return err
	}
	if err := enc.Encode(&s); err != nil {
		return err
	}
	var buf []byte
	for _, a := range b.stateArrays() {
		buf = binary.AppendUvarint(slices.Grow(buf[:0], binary.MaxVarintLen64+4*len(*a)), uint64(len(*a)))
		for _, x := range *a {
			buf = binary.LittleEndian.AppendUint32(buf, uint32(x))
		}
		if _, err := w.Write(buf); err != nil {
			return err
		}
	}
	return nil
}

// LoadBuilder resumes a builder saved by Save: adding to it the releases
// that followed gives the same History as adding every release to a new
// builder.
func LoadBuilder(r io.Reader) (*Builder, error) {
	// gob reads exactly its messages from an io.ByteReader (else it
	// buffers ahead): the arrays after them are read from the same reader.
	br, ok := r.(interface {
		io.Reader
		io.ByteReader
	})
	if !ok {
		br = bufio.NewReader(r)
	}
	dec := gob.NewDecoder(br)
	var version string
	if err := dec.Decode(&version); err != nil {
		return nil, fmt.Errorf("builder state: %w", err)
	}
	if version != stateVersion {
		return nil, fmt.Errorf("builder state: version %q, expected %q", version, stateVersion)
	}
	var s builderState
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("builder state: %w", err)
	}
	n := len(s.OSS)
	b := &Builder{
		name: s.Name, releases: s.Releases, warnings: s.Warnings, starts: s.Starts,
		entries: make(map[string]int32, n), oss: s.OSS, stars: make([]*int64, n),
	}
	var raw []byte
	for _, a := range b.stateArrays() {
		count, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("builder state: an int32 column: %w", err)
		}
		if count > maxStateArray {
			return nil, fmt.Errorf("builder state: an int32 column of %d values", count)
		}
		raw = slices.Grow(raw[:0], 4*int(count))[:4*count]
		if _, err := io.ReadFull(br, raw); err != nil {
			return nil, fmt.Errorf("builder state: an int32 column: %w", err)
		}
		*a = bytesInt32(raw)
	}
	bad := len(s.Keys) != n || len(s.Stars) != n || len(s.HasSt) != n || len(b.rowEntry) != len(b.rowLine)
	for i, k := range s.Keys {
		b.entries[k] = int32(i)
	}
	for c := range numEntryCols {
		b.cols[c] = newInterner(s.Values[c], b.cols[c].ids)
		bad = bad || len(b.cols[c].ids) != n || !codesIn(b.cols[c].ids, len(s.Values[c]))
	}
	for i := range b.stars {
		if !bad && s.HasSt[i] {
			v := s.Stars[i]
			b.stars[i] = &v
		}
	}
	b.files = newInterner(s.Files, b.files.ids)
	b.relIDs = newInterner(s.RelIDs, b.relIDs.ids)
	bad = bad || len(b.files.ids) != len(b.releases) || len(b.relIDs.ids) != len(b.releases) || len(b.starts) != len(b.releases) ||
		!codesIn(b.rowEntry, n) || !codesIn(b.files.ids, len(s.Files)) || !codesIn(b.relIDs.ids, len(s.RelIDs))
	// A row's release follows from the starts of the releases.
	b.rowRel = make([]int32, len(b.rowEntry), cap(b.rowEntry))
	for ri, start := range b.starts {
		end := len(b.rowEntry)
		if ri+1 < len(b.starts) {
			end = b.starts[ri+1]
		}
		if start > end || end > len(b.rowEntry) {
			bad = true
			break
		}
		for i := start; i < end; i++ {
			b.rowRel[i] = int32(ri)
		}
	}
	if bad {
		return nil, fmt.Errorf("builder state: inconsistent lengths or codes")
	}
	return b, nil
}

func newInterner(values []string, ids []int32) interner {
	in := interner{Interner: Interner{idx: make(map[string]int32, len(values)), values: values}, ids: ids}
	for i, v := range values {
		in.idx[v] = int32(i)
	}
	return in
}

func codesIn(codes []int32, n int) bool {
	for _, c := range codes {
		if c < 0 || int(c) >= n {
			return false
		}
	}
	return true
}

// bytesInt32 decodes little-endian int32s (as Save writes them), with room for a sixteenth more: a builder
// loaded from its state goes on to Add the releases that came since, which
// would otherwise copy every row's column to grow it.
func bytesInt32(b []byte) []int32 {
	n := len(b) / 4
	out := make([]int32, n, n+n/16)
	for i := range out {
		out[i] = int32(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return out
}

// ReleaseList is the releases added so far, oldest first.
func (b *Builder) ReleaseList() []Release { return append([]Release(nil), b.releases...) }
