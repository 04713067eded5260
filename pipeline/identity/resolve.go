package identity

import (
	"fmt"
	"path"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// How a row was joined to its tool.
const (
	JoinNew     = "new"      // first seen: a new identity
	JoinRepo    = "repo"     // same repository as an earlier release
	JoinHome    = "homepage" // same homepage
	JoinName    = "name"     // same name
	JoinMoved   = "repo_moved"
	JoinListing = "listed_twice" // another listing of a tool in the same release
	JoinAlias   = "alias"        // a merge entry of aliases.yaml
)

// Result is the identity of every row of a history.
type Result struct {
	IDs  []string // tool_id per row
	Join []string // how the row's tool was joined to its identity (Join*)
}

// Row is what identity reads of one listing.
type Row struct {
	Release int // index of the release, rows grouped by release in order
	Name    string
	Home    string
	Repo    string
	// Clues of the clue pass (clues.go); all may be empty.
	Logo, Crunchbase, Twitter, Ticker string
	Description                       string
	Category, Subcategory             string
}

// Rows extracts identity rows from a history record.
func Rows(h *catalog.History) []Row {
	rec := h.Record
	dates := rec.Column(catalog.ColReleaseDate).(*array.Date32)
	names := catalog.Strings(rec.Column(catalog.ColName))
	homes := catalog.Strings(rec.Column(catalog.ColHomepageURL))
	repos := catalog.Strings(rec.Column(catalog.ColRepoURL))
	descs := catalog.Strings(rec.Column(catalog.ColDescription))
	cats := catalog.Strings(rec.Column(catalog.ColCategory))
	subs := catalog.Strings(rec.Column(catalog.ColSubcategory))
	extras := catalog.Strings(rec.Column(catalog.ColExtra))
	rows := make([]Row, rec.NumRows())
	rel := -1
	for i := range rows {
		if i == 0 || dates.Value(i) != dates.Value(i-1) {
			rel++
		}
		rows[i] = Row{Release: rel, Name: names[i], Home: homes[i], Repo: repos[i],
			Description: descs[i], Category: cats[i], Subcategory: subs[i]}
		rows[i].Logo, rows[i].Crunchbase, rows[i].Twitter, rows[i].Ticker = rawExtraClues(extras[i])
	}
	return rows
}

// Apply resolves identities and returns the history with tool_id filled.
// aliases may be nil.
//
// It reads the history's string columns as codes into their distinct values
// (each value normalized once), so that its cost follows the listings and
// the distinct names and URLs, not the strings of every row.
func Apply(mem memory.Allocator, h *catalog.History, aliases *Aliases) (*catalog.History, error) {
	src := newColumnSource(h)
	r := resolveSource(src, aliases, newColumnClues(h, codeCol{src.codes[kHome], src.values[kHome]}, codeCol{src.codes[kName], src.values[kName]}))
	// The keys of every value, each normalized once, stay beside the
	// columns for the stages after this one (KeysOf).
	for kind, col := range keyColumns {
		for c := range src.values[kind] {
			src.key(r, kind, int32(c))
		}
		src.key(r, kind, -1)
		h.SetKeys(col, catalog.Keys{Codes: src.byCode[kind], Values: r.tabs[kind].strs})
	}
	return h.WithToolIDCodes(mem, r.tool, r.idStr, r.join, joinNames[:])
}

// keyColumns are the history's columns that identity keys, by kind.
var keyColumns = [3]int{kRepo: catalog.ColRepoURL, kHome: catalog.ColHomepageURL, kName: catalog.ColName}

// KeysOf gives the keys of a history's name, repository or homepage column
// (catalog.ColName, ColRepoURL, ColHomepageURL): the name as NameKey, the
// URLs as RepoKey and HomeKey give them. They are those Apply stored when it
// resolved the history, else computed here, once per distinct value, and
// stored.
func KeysOf(h *catalog.History, col int) catalog.Keys {
	if k, ok := h.Keys(col); ok {
		return k
	}
	kind := -1
	for k, c := range keyColumns {
		if c == col {
			kind = k
		}
	}
	if kind < 0 {
		panic(fmt.Sprintf("identity: column %d has no keys", col))
	}
	_, values := h.Codes(col)
	var in catalog.Interner
	in.ID("")
	k := catalog.Keys{Codes: make([]int32, len(values)+1)}
	for c, v := range values {
		k.Codes[c] = in.ID(kindNorm[kind](v))
	}
	k.Codes[len(values)] = in.ID(kindNorm[kind](""))
	k.Values = in.Values()
	h.SetKeys(col, k)
	return k
}

// Resolve assigns a tool_id to every row. Rows must be grouped by release,
// releases in date order. aliases may be nil.
func Resolve(rows []Row, aliases *Aliases) *Result {
	return resolveSource(&rowSource{rows: rows}, aliases, rowClues{rows}).result()
}

// result gives the ids and joins of the rows the resolver resolved as
// strings.
func (r *resolver) result() *Result {
	res := &Result{IDs: make([]string, len(r.tool)), Join: make([]string, len(r.tool))}
	for i, id := range r.tool {
		res.IDs[i], res.Join[i] = r.idStr[id], joinNames[r.join[i]]
	}
	return res
}

// keys are a listing's normalized keys, as ids into the resolver's key
// tables (0 is the empty key).
type keys struct {
	repo, home, name int32
}

// kind of key, for the tables.
const (
	kRepo = iota
	kHome
	kName
)

var kindPrefix = [3]string{"r:", "h:", "n:"}
var kindNorm = [3]func(string) string{RepoKey, HomeKey, NameKey}

// keyTable interns the normalized keys of one kind.
type keyTable struct {
	strs  []string // id → key; id 0 is ""
	ids   map[string]int32
	merge []int32 // id → merge entry of aliases.yaml, or -1
	split []bool  // id → the user split this key
}

func (r *resolver) intern(kind int, key string) int32 {
	t := &r.tabs[kind]
	if id, ok := t.ids[key]; ok {
		return id
	}
	id := int32(len(t.strs))
	t.strs = append(t.strs, key)
	t.ids[key] = id
	t.merge = append(t.merge, r.aliases.keyMerge(kindPrefix[kind], key))
	t.split = append(t.split, r.aliases.keySplit(kindPrefix[kind], key))
	if kind == kRepo {
		r.repoBase = append(r.repoBase, r.baseIDs.ID(path.Base(key)))
	}
	return id
}

// normalize interns the normalized key of a raw value.
func (r *resolver) normalize(kind int, raw string) int32 {
	return r.intern(kind, kindNorm[kind](raw))
}

// source gives the releases of a resolution and the keys of their rows.
type source interface {
	// next gives the rows [from, to) of the next release and its number
	// (ok false at the end).
	next() (from, to, release int, ok bool)
	// keys fills dst with the unstripped keys of rows [from, to).
	keys(r *resolver, from, to int, dst []keys)
	len() int
}

// rowSource reads []Row; raw strings are normalized once each.
type rowSource struct {
	rows []Row
	pos  int
	memo [3]map[string]int32
}

func (s *rowSource) len() int { return len(s.rows) }

func (s *rowSource) next() (int, int, int, bool) {
	start := s.pos
	if start >= len(s.rows) {
		return 0, 0, 0, false
	}
	end := start
	for end < len(s.rows) && s.rows[end].Release == s.rows[start].Release {
		end++
	}
	s.pos = end
	return start, end, s.rows[start].Release, true
}

func (s *rowSource) keys(r *resolver, from, to int, dst []keys) {
	if s.memo[0] == nil {
		for k := range s.memo {
			s.memo[k] = map[string]int32{}
		}
	}
	get := func(kind int, raw string) int32 {
		id, ok := s.memo[kind][raw]
		if !ok {
			id = r.normalize(kind, raw)
			s.memo[kind][raw] = id
		}
		return id
	}
	for i := from; i < to; i++ {
		row := &s.rows[i]
		dst[i-from] = keys{repo: get(kRepo, row.Repo), home: get(kHome, row.Home), name: get(kName, row.Name)}
	}
}

// columnSource reads a history's columns as codes; each distinct value is
// normalized once. Releases are runs of equal release dates.
type columnSource struct {
	dates   []int32
	codes   [3][]int32
	values  [3][]string
	byCode  [3][]int32 // code → key id, -1 until known; [len] for null
	pos     int
	release int
}

func newColumnSource(h *catalog.History) *columnSource {
	rec := h.Record
	s := &columnSource{release: -1}
	d := rec.Column(catalog.ColReleaseDate).(*array.Date32).Date32Values()
	s.dates = make([]int32, len(d))
	for i, v := range d {
		s.dates[i] = int32(v)
	}
	for kind, col := range keyColumns {
		s.codes[kind], s.values[kind] = h.Codes(col)
		s.byCode[kind] = make([]int32, len(s.values[kind])+1)
		for i := range s.byCode[kind] {
			s.byCode[kind][i] = -1
		}
	}
	return s
}

func (s *columnSource) len() int { return len(s.dates) }

func (s *columnSource) next() (int, int, int, bool) {
	start := s.pos
	if start >= len(s.dates) {
		return 0, 0, 0, false
	}
	end := start + 1
	for end < len(s.dates) && s.dates[end] == s.dates[end-1] {
		end++
	}
	s.pos = end
	s.release++
	return start, end, s.release, true
}

func (s *columnSource) key(r *resolver, kind int, code int32) int32 {
	m := s.byCode[kind]
	c := int(code)
	if code < 0 {
		c = len(m) - 1
	}
	if id := m[c]; id >= 0 {
		return id
	}
	raw := ""
	if code >= 0 {
		raw = s.values[kind][code]
	}
	id := r.normalize(kind, raw)
	m[c] = id
	return id
}

func (s *columnSource) keys(r *resolver, from, to int, dst []keys) {
	repos, homes, names := s.codes[kRepo][from:to], s.codes[kHome][from:to], s.codes[kName][from:to]
	br, bh, bn := s.byCode[kRepo], s.byCode[kHome], s.byCode[kName]
	for i := range dst[:to-from] {
		k := keys{repo: -1, home: -1, name: -1}
		if c := repos[i]; c >= 0 {
			k.repo = br[c]
		}
		if c := homes[i]; c >= 0 {
			k.home = bh[c]
		}
		if c := names[i]; c >= 0 {
			k.name = bn[c]
		}
		if k.repo < 0 {
			k.repo = s.key(r, kRepo, repos[i])
		}
		if k.home < 0 {
			k.home = s.key(r, kHome, homes[i])
		}
		if k.name < 0 {
			k.name = s.key(r, kName, names[i])
		}
		dst[i] = k
	}
}

// Join codes, per group (the key passes) and per row (with the listings
// and the joins of the clue pass).
const (
	hNone uint8 = iota
	hNew
	hRepo
	hHome
	hName
	hMoved
	hAlias
	hListing
	hLogo
	hCrunchbase
	hTwitter
	hTicker
	hHost
	hDescription
	hPosition
	hSameName
)

// joinNames are the joins by code.
var joinNames = [...]string{hNone: "", hNew: JoinNew, hRepo: JoinRepo, hHome: JoinHome, hName: JoinName, hMoved: JoinMoved, hAlias: JoinAlias,
	hListing: JoinListing, hLogo: JoinLogo, hCrunchbase: JoinCrunchbase, hTwitter: JoinTwitter, hTicker: JoinTicker, hHost: JoinHost,
	hDescription: JoinDescription, hPosition: JoinPosition, hSameName: JoinSameName}

// joinCodes are the codes of the joins.
var joinCodes = func() map[string]uint8 {
	m := map[string]uint8{}
	for c, n := range joinNames {
		m[n] = uint8(c)
	}
	return m
}()

// joinCode is the code of join s, which joinNames must hold.
func joinCode(s string) uint8 {
	c, ok := joinCodes[s]
	if !ok {
		panic("identity: no code for the join " + s)
	}
	return c
}

// group is one tool of a release.
type group struct {
	rows  []int32 // rows of the release (relative to its first row)
	keys  []keys  // distinct keys of the group's listings, less those the user split
	full  keys    // the first listing's keys, for naming a new identity
	alias int32   // merge entry of aliases.yaml, or -1
	split bool    // a key of a listing was split by aliases.yaml
}

type resolver struct {
	aliases *Aliases
	tabs    [3]keyTable
	baseIDs catalog.Interner // repository names (last path segment)
	// repoBase is the base id of each repository key ("" has the base ".").
	repoBase []int32

	// identities, by index
	idStr     []string
	idIndex   map[string]int32 // every id ever given → its index
	lastKeys  [][]keys         // keys it had when last seen
	lastSeen  []int            // release number that last listed it
	claimedAt []int32          // stamp of the release that claimed it
	user      []bool           // aliases.yaml merged it or split one of its keys: left to the user

	aliasIDs    []int32            // merge entry → its identity, once given, or -1
	repoIdx     []int32            // repo key → identity, or -1
	homeIdx     [][]int32          // home key → identities
	nameIdx     [][]int32          // name key → identities
	homeNameIdx map[uint64][]int32 // home key, name key → identities
	repoBaseIdx [][]int32          // repository name → identities

	tool  []int32 // identity of each row
	join  []uint8 // how each row was joined to its identity (joinNames)
	spans []span  // the releases resolved, in order

	cur   int   // number of the release being resolved
	stamp int32 // per release, from 1

	// scratch of one release, reused
	full, ks           []keys
	parent, next, grp  []int32
	count, off         []int32
	rowBuf             []int32
	keyBuf             []keys
	groups             []group
	ids                []int32
	hows               []uint8
	repoStamp, repoRow []int32 // per repo key: first row of this release
	nameStamp          []int32 // per name key: rows of this release with it
	nameHead, nameTail []int32
	aliasStamp         []int32 // per merge entry: first row of this release
	aliasRow           []int32
}

// resolveSource runs the key passes, then (with a clue reader) the clue
// pass (clues.go).
func resolveSource(src source, aliases *Aliases, clues clueReader) *resolver {
	n := src.len()
	r := &resolver{
		aliases:     aliases,
		idIndex:     map[string]int32{},
		homeNameIdx: map[uint64][]int32{},
		tool:        make([]int32, n),
		join:        make([]uint8, n),
	}
	for k := range r.tabs {
		r.tabs[k].ids = map[string]int32{}
		r.intern(k, "")
	}
	if aliases != nil {
		r.aliasIDs = make([]int32, len(aliases.Merge))
		for i := range r.aliasIDs {
			r.aliasIDs[i] = -1
		}
		r.aliasStamp = make([]int32, len(aliases.Merge))
		r.aliasRow = make([]int32, len(aliases.Merge))
	}
	for {
		from, to, rel, ok := src.next()
		if !ok {
			break
		}
		r.cur = rel
		r.stamp++
		r.full = grow(r.full, to-from)
		src.keys(r, from, to, r.full)
		r.release(from)
		r.spans = append(r.spans, span{num: rel, from: from, to: to})
	}
	if clues != nil {
		rejoin(r.tool, r.join, r.idStr, r.user, r.spans, clues)
	}
	return r
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// growTo extends a per-key slice to n entries of v.
func growTo[T any](s []T, n int, v T) []T {
	for len(s) < n {
		s = append(s, v)
	}
	return s
}

func (r *resolver) mergeOf(k keys) int32 {
	if m := r.tabs[kRepo].merge[k.repo]; m >= 0 {
		return m
	}
	if m := r.tabs[kHome].merge[k.home]; m >= 0 {
		return m
	}
	return r.tabs[kName].merge[k.name]
}

func (r *resolver) strip(k keys) keys {
	if r.tabs[kRepo].split[k.repo] {
		k.repo = 0
	}
	if r.tabs[kHome].split[k.home] {
		k.home = 0
	}
	if r.tabs[kName].split[k.name] {
		k.name = 0
	}
	return k
}

// groups forms the tools of the release whose keys are in r.full: listings
// with the same repository, or the same name and no conflicting repository
// or homepage, are one tool.
func (r *resolver) groupRelease() []group {
	n := len(r.full)
	full := r.full
	r.parent = grow(r.parent, n)
	r.next = grow(r.next, n)
	r.ks = grow(r.ks, n)
	parent, next, ks := r.parent, r.next, r.ks
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(i int32) int32 {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int32) {
		a, b = find(a), find(b)
		if a < b {
			parent[b] = a
		} else if b < a {
			parent[a] = b
		}
	}
	nk := len(r.tabs[kRepo].strs)
	r.repoStamp = growTo(r.repoStamp, nk, 0)
	r.repoRow = growTo(r.repoRow, nk, 0)
	nn := len(r.tabs[kName].strs)
	r.nameStamp = growTo(r.nameStamp, nn, 0)
	r.nameHead = growTo(r.nameHead, nn, 0)
	r.nameTail = growTo(r.nameTail, nn, 0)
	st := r.stamp
	for i := range full {
		i32 := int32(i)
		if m := r.mergeOf(full[i]); m >= 0 {
			if r.aliasStamp[m] == st {
				union(i32, r.aliasRow[m])
			} else {
				r.aliasStamp[m], r.aliasRow[m] = st, i32
			}
		}
		k := r.strip(full[i])
		ks[i] = k
		if k.repo != 0 {
			if r.repoStamp[k.repo] == st {
				union(i32, r.repoRow[k.repo])
			} else {
				r.repoStamp[k.repo], r.repoRow[k.repo] = st, i32
			}
		}
		next[i] = -1
		if k.name != 0 {
			if r.nameStamp[k.name] == st {
				for j := r.nameHead[k.name]; j >= 0; j = next[j] {
					o := ks[j]
					if (k.repo == 0 || o.repo == 0 || k.repo == o.repo) && (k.home == 0 || o.home == 0 || k.home == o.home) {
						union(i32, j)
						break
					}
				}
				next[r.nameTail[k.name]] = i32
				r.nameTail[k.name] = i32
			} else {
				r.nameStamp[k.name], r.nameHead[k.name], r.nameTail[k.name] = st, i32, i32
			}
		}
	}
	// Groups in the order of their first row; rows and keys in row order.
	r.grp = grow(r.grp, n)
	rootGroup, rowGroup := r.grp, next // next is free once the sets are made
	for i := range rootGroup {
		rootGroup[i] = -1
	}
	ng := int32(0)
	r.count = r.count[:0]
	for i := range full {
		root := find(int32(i))
		g := rootGroup[root]
		if g < 0 {
			g = ng
			ng++
			rootGroup[root] = g
			r.count = append(r.count, 0)
		}
		r.count[g]++
		rowGroup[i] = g
	}
	r.off = grow(r.off, int(ng)+1)
	off := r.off
	off[0] = 0
	for g := int32(0); g < ng; g++ {
		off[g+1] = off[g] + r.count[g]
	}
	r.rowBuf = grow(r.rowBuf, n)
	r.keyBuf = grow(r.keyBuf, n)
	r.groups = grow(r.groups, int(ng))
	fill := r.count
	for g := range fill {
		fill[g] = off[g]
	}
	for i := range full {
		g := rowGroup[i]
		r.rowBuf[fill[g]] = int32(i)
		fill[g]++
	}
	for g := int32(0); g < ng; g++ {
		rows := r.rowBuf[off[g]:off[g+1]:off[g+1]]
		gk := r.keyBuf[off[g]:off[g]:off[g+1]]
		gr := group{rows: rows, full: full[rows[0]], alias: -1}
		for _, i := range rows {
			dup := false
			for _, k := range gk {
				if k == ks[i] {
					dup = true
					break
				}
			}
			if !dup {
				gk = append(gk, ks[i])
			}
			if m := r.mergeOf(full[i]); m >= 0 {
				gr.alias = m
			}
			if ks[i] != full[i] {
				gr.split = true
			}
		}
		gr.keys = gk
		r.groups[g] = gr
	}
	return r.groups
}

func (r *resolver) release(offset int) {
	gs := r.groupRelease()
	r.repoIdx = growTo(r.repoIdx, len(r.tabs[kRepo].strs), -1)
	r.homeIdx = growTo(r.homeIdx, len(r.tabs[kHome].strs), nil)
	r.nameIdx = growTo(r.nameIdx, len(r.tabs[kName].strs), nil)
	r.repoBaseIdx = growTo(r.repoBaseIdx, r.baseIDs.Len(), nil)
	r.ids = grow(r.ids, len(gs))
	r.hows = grow(r.hows, len(gs))
	ids, hows := r.ids, r.hows
	for gi := range ids {
		ids[gi], hows[gi] = -1, hNone
	}
	// The user's merges come first.
	for gi := range gs {
		g := &gs[gi]
		if g.alias < 0 {
			continue
		}
		id := r.aliasIDs[g.alias]
		if id < 0 {
			if s := r.aliases.ids[g.alias]; s == "" {
				id = r.newID(g)
			} else {
				id = r.identity(s)
			}
			r.aliasIDs[g.alias] = id
		}
		if !r.claimed(id) {
			ids[gi], hows[gi] = id, hAlias
			r.claimedAt[id] = r.stamp
		}
	}
	// Match in passes, strongest key first, so that a weak match of one
	// group cannot take an identity that another group matches strongly.
	for pass := 0; pass < passes; pass++ {
		for gi := range gs {
			if ids[gi] < 0 {
				ids[gi], hows[gi] = r.match(pass, &gs[gi])
				if ids[gi] >= 0 {
					r.claimedAt[ids[gi]] = r.stamp
				}
			}
		}
	}
	for gi := range gs {
		g := &gs[gi]
		if ids[gi] < 0 {
			ids[gi], hows[gi] = r.newID(g), hNew
		}
		for n, i := range g.rows {
			r.tool[offset+int(i)] = ids[gi]
			if n == 0 {
				r.join[offset+int(i)] = hows[gi]
			} else {
				r.join[offset+int(i)] = hListing
			}
		}
	}
	for gi := range gs {
		r.register(ids[gi], &gs[gi])
		if gs[gi].alias >= 0 || gs[gi].split {
			r.user[ids[gi]] = true
		}
	}
}

func (r *resolver) claimed(id int32) bool { return r.claimedAt[id] == r.stamp }

// passes is the number of matching passes (see match).
const passes = 6

// match finds the identity an earlier release gave this group with the key
// of one pass: 0 the repository and the name together, 1 the homepage and the
// name together, 2 the repository, 3 the name, 4 the homepage, 5 the
// repository's name (owner and tool renamed at once) for a tool listed in
// the previous release. A key shared by several unclaimed identities decides
// nothing.
func (r *resolver) match(pass int, g *group) (int32, uint8) {
	for _, k := range g.keys {
		switch pass {
		case 0:
			if k.repo != 0 && k.name != 0 {
				if id := r.repoIdx[k.repo]; id >= 0 && !r.claimed(id) && r.hadName(id, k.name) {
					return id, hRepo
				}
			}
		case 1:
			if k.home != 0 && k.name != 0 {
				if id := r.only(r.homeNameIdx[pair(k.home, k.name)]); id >= 0 && r.compatible(id, g, true) {
					return id, r.how(id, g, hHome)
				}
			}
		case 2:
			if k.repo != 0 {
				if id := r.repoIdx[k.repo]; id >= 0 && !r.claimed(id) {
					return id, hRepo
				}
			}
		case 3:
			if k.name != 0 {
				if id := r.only(r.nameIdx[k.name]); id >= 0 && r.nameCompatible(id, g) {
					return id, r.how(id, g, hName)
				}
			}
		case 4:
			if k.home != 0 {
				if id := r.only(r.homeIdx[k.home]); id >= 0 && r.compatible(id, g, false) {
					return id, r.how(id, g, hHome)
				}
			}
		case 5:
			if k.repo == 0 {
				continue
			}
			if id := r.only(r.repoBaseIdx[r.repoBase[k.repo]]); id >= 0 && r.lastSeen[id] == r.cur-1 {
				return id, hMoved
			}
		}
	}
	return -1, hNone
}

func pair(home, name int32) uint64 { return uint64(uint32(home))<<32 | uint64(uint32(name)) }

// hadName reports whether an identity had this name key when last seen.
func (r *resolver) hadName(id, name int32) bool {
	for _, old := range r.lastKeys[id] {
		if old.name == name {
			return true
		}
	}
	return false
}

// compatible: an identity whose repository differs from the group's is the
// same tool only when the repository kept its name (an owner move) or, for a
// name match, the homepage is the same too.
func (r *resolver) compatible(id int32, g *group, byName bool) bool {
	for _, old := range r.lastKeys[id] {
		for _, k := range g.keys {
			if old.repo == 0 || k.repo == 0 || old.repo == k.repo {
				return true
			}
			if r.repoBase[old.repo] == r.repoBase[k.repo] {
				return true
			}
			if byName && old.home != 0 && old.home == k.home {
				return true
			}
		}
	}
	return false
}

// nameCompatible decides a match by name alone. A tool listed in the previous
// release whose keys all vanished, while a tool of the same name appeared, is
// that tool (its repository and homepage moved). A tool back after an absence
// must share a URL key (or neither may have one): a name alone does not carry
// across a gap, when another project may have taken it.
func (r *resolver) nameCompatible(id int32, g *group) bool {
	if r.lastSeen[id] == r.cur-1 {
		return true
	}
	oldURLs, newURLs := false, false
	for _, old := range r.lastKeys[id] {
		oldURLs = oldURLs || old.repo != 0 || old.home != 0
		for _, k := range g.keys {
			newURLs = newURLs || k.repo != 0 || k.home != 0
			if (k.repo != 0 && (k.repo == old.repo || r.repoBase[k.repo] == r.repoBase[old.repo])) || (k.home != 0 && k.home == old.home) {
				return true
			}
		}
	}
	return !oldURLs && !newURLs
}

func (r *resolver) how(id int32, g *group, by uint8) uint8 {
	for _, old := range r.lastKeys[id] {
		for _, k := range g.keys {
			if old.repo != 0 && k.repo != 0 && old.repo != k.repo {
				return hMoved
			}
		}
	}
	return by
}

// only returns the one unclaimed identity of a set, or -1. When several are
// unclaimed, the one listed in the previous release is taken if it is the
// only such: an identity absent since (a "caret" of 2014) does not block a
// key from joining the tool listed now.
func (r *resolver) only(ids []int32) int32 {
	found, n := int32(-1), 0
	recent, nr := int32(-1), 0
	for _, id := range ids {
		if r.claimed(id) {
			continue
		}
		found, n = id, n+1
		if r.lastSeen[id] == r.cur-1 {
			recent, nr = id, nr+1
		}
	}
	switch {
	case n == 1:
		return found
	case nr == 1:
		return recent
	}
	return -1
}

// identity returns the index of an id, making it when new.
func (r *resolver) identity(s string) int32 {
	if id, ok := r.idIndex[s]; ok {
		return id
	}
	id := int32(len(r.idStr))
	r.idIndex[s] = id
	r.idStr = append(r.idStr, s)
	r.lastKeys = append(r.lastKeys, nil)
	r.lastSeen = append(r.lastSeen, 0)
	r.claimedAt = append(r.claimedAt, 0)
	r.user = append(r.user, false)
	return id
}

// newID makes a readable, stable id from the strongest key: "github.com/o/r",
// "homepage.org/path", or "name:tool"; a clash with an id already given adds
// the name, then a number.
func (r *resolver) newID(g *group) int32 {
	k := g.full
	for _, kk := range g.keys {
		if kk.repo != 0 {
			k = kk
			break
		}
	}
	repo, home, name := r.tabs[kRepo].strs[k.repo], r.tabs[kHome].strs[k.home], r.tabs[kName].strs[k.name]
	base := repo
	if base == "" {
		base = home
	}
	if base == "" {
		base = "name:" + name
	}
	used := func(s string) bool { _, ok := r.idIndex[s]; return ok }
	id := base
	if used(id) && name != "" && base != "name:"+name {
		id = base + "#" + name
	}
	for n := 2; used(id); n++ {
		id = base + "#" + strconv.Itoa(n)
	}
	return r.identity(id)
}

func (r *resolver) register(id int32, g *group) {
	r.lastSeen[id] = r.cur
	if sameKeys(r.lastKeys[id], g.keys) && r.ownsRepos(id, g.keys) {
		return // listed as before: the indexes hold it already
	}
	for _, k := range g.keys {
		if k.repo != 0 {
			r.repoIdx[k.repo] = id
			addTo(&r.repoBaseIdx[r.repoBase[k.repo]], id)
		}
		if k.home != 0 {
			addTo(&r.homeIdx[k.home], id)
		}
		if k.name != 0 {
			addTo(&r.nameIdx[k.name], id)
		}
		if k.home != 0 && k.name != 0 {
			p := pair(k.home, k.name)
			s := r.homeNameIdx[p]
			addTo(&s, id)
			r.homeNameIdx[p] = s
		}
	}
	r.lastKeys[id] = append(r.lastKeys[id][:0], g.keys...)
}

// sameKeys reports whether two lists of distinct keys hold the same keys.
func sameKeys(a, b []keys) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		found := false
		for _, y := range b {
			if x == y {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// ownsRepos reports whether every repository of ks still names id in the
// repository index (a later tool may have taken one).
func (r *resolver) ownsRepos(id int32, ks []keys) bool {
	for _, k := range ks {
		if k.repo != 0 && r.repoIdx[k.repo] != id {
			return false
		}
	}
	return true
}

func addTo(set *[]int32, id int32) {
	for _, x := range *set {
		if x == id {
			return
		}
	}
	*set = append(*set, id)
}
