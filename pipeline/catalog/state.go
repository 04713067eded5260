package catalog

import (
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
)

// builderState is what a Builder holds, in a form gob writes the same way
// every time (no maps): the entries' keys in entry order stand for the
// entries map, and the per-row columns are little-endian bytes.
type builderState struct {
	Name     string
	Releases []Release
	Warnings Diagnostics
	Starts   []int

	Keys   []string // entry → its content key (Builder.entries inverted)
	Values [numEntryCols][]string
	IDs    [numEntryCols][]byte // per entry: the value's number (int32s)
	OSS    []int8
	Stars  []int64
	HasSt  []bool

	RowEntry, RowLine []byte // int32s; a row's release follows from Starts
	Files, RelIDs     []string
	FileIDs, RelIDIDs []byte
}

// stateVersion changes whenever builderState or the meaning of its fields
// does: a state of another version is not loaded.
const stateVersion = "landscape-builder-2" // 2: Release.Groups

// Save writes the builder's state, so that a later run can resume it
// (LoadBuilder) and add only the releases that came since. The builder is
// unchanged and can go on.
func (b *Builder) Save(w io.Writer) error {
	s := builderState{
		Name: b.name, Releases: b.releases, Warnings: b.warnings, Starts: b.starts,
		Keys: make([]string, len(b.oss)), OSS: b.oss,
		Stars: make([]int64, len(b.stars)), HasSt: make([]bool, len(b.stars)),
		RowEntry: int32Bytes(b.rowEntry), RowLine: int32Bytes(b.rowLine),
		Files: b.files.values, FileIDs: int32Bytes(b.files.ids),
		RelIDs: b.relIDs.values, RelIDIDs: int32Bytes(b.relIDs.ids),
	}
	for k, e := range b.entries {
		s.Keys[e] = k
	}
	for c := range numEntryCols {
		s.Values[c] = b.cols[c].values
		s.IDs[c] = int32Bytes(b.cols[c].ids)
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
	return enc.Encode(&s)
}

// LoadBuilder resumes a builder saved by Save: adding to it the releases
// that followed gives the same History as adding every release to a new
// builder.
func LoadBuilder(r io.Reader) (*Builder, error) {
	dec := gob.NewDecoder(r)
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
		rowEntry: bytesInt32(s.RowEntry), rowLine: bytesInt32(s.RowLine),
	}
	bad := len(s.Keys) != n || len(s.Stars) != n || len(s.HasSt) != n || len(b.rowEntry) != len(b.rowLine)
	for i, k := range s.Keys {
		b.entries[k] = int32(i)
	}
	for c := range numEntryCols {
		b.cols[c] = newInterner(s.Values[c], bytesInt32(s.IDs[c]))
		bad = bad || len(b.cols[c].ids) != n || !codesIn(b.cols[c].ids, len(s.Values[c]))
	}
	for i := range b.stars {
		if s.HasSt[i] {
			v := s.Stars[i]
			b.stars[i] = &v
		}
	}
	b.files = newInterner(s.Files, bytesInt32(s.FileIDs))
	b.relIDs = newInterner(s.RelIDs, bytesInt32(s.RelIDIDs))
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

func int32Bytes(v []int32) []byte {
	out := make([]byte, 0, 4*len(v))
	for _, x := range v {
		out = binary.LittleEndian.AppendUint32(out, uint32(x))
	}
	return out
}

// bytesInt32 decodes int32Bytes, with room for a sixteenth more: a builder
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
