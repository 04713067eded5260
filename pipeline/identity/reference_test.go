package identity

// The string-keyed resolver as it was before it ran on integer key ids: the
// reference that TestResolveMatchesReference compares Resolve with.

import (
	"path"
	"slices"
	"sort"
	"strconv"
)

func refMergeOf(a *Aliases, k refKeys) int {
	if a == nil {
		return -1
	}
	for _, nk := range []string{"r:" + k.repo, "h:" + k.home, "n:" + k.name} {
		if len(nk) > 2 {
			if i, ok := a.byKey[nk]; ok {
				return i
			}
		}
	}
	return -1
}

func refStrip(a *Aliases, k refKeys) refKeys {
	if a == nil {
		return k
	}
	if a.split["r:"+k.repo] {
		k.repo = ""
	}
	if a.split["h:"+k.home] {
		k.home = ""
	}
	if a.split["n:"+k.name] {
		k.name = ""
	}
	return k
}

type refKeys struct {
	repo, home, name string
}

type refGroup struct {
	rows  []int
	keys  []refKeys // distinct keys of the group's listings, less those the user split
	full  refKeys   // the first listing's keys, for naming a new identity
	alias int       // merge entry of aliases.yaml, or -1
}

// refResolve assigns a tool_id to every row. Rows must be grouped by release,
// releases in date order. aliases may be nil.
func refResolve(rows []Row, aliases *Aliases) *Result {
	res := &Result{IDs: make([]string, len(rows)), Join: make([]string, len(rows))}
	r := &refResolver{
		repoIdx:     map[string]string{},
		homeIdx:     map[string]map[string]bool{},
		homeNameIdx: map[string]map[string]bool{},
		nameIdx:     map[string]map[string]bool{},
		lastKeys:    map[string][]refKeys{},
		used:        map[string]bool{},
		aliases:     aliases,
		aliasIDs:    map[int]string{},
		repoBaseIdx: map[string]map[string]bool{},
		lastSeen:    map[string]int{},
		repoKeys:    map[string]string{},
		homeKeys:    map[string]string{},
		nameKeys:    map[string]string{},
	}
	for start := 0; start < len(rows); {
		end := start
		for end < len(rows) && rows[end].Release == rows[start].Release {
			end++
		}
		r.release(rows[start:end], start, res)
		start = end
	}
	return res
}

type refResolver struct {
	repoIdx     map[string]string          // repo key → id
	homeIdx     map[string]map[string]bool // home key → ids
	homeNameIdx map[string]map[string]bool // home key \x00 name key → ids
	nameIdx     map[string]map[string]bool // name key → ids
	lastKeys    map[string][]refKeys       // id → keys it had when last seen
	used        map[string]bool            // every id ever given
	aliases     *Aliases
	aliasIDs    map[int]string             // merge entry → its id, once given
	repoBaseIdx map[string]map[string]bool // repository name (last path segment) → ids
	lastSeen    map[string]int             // id → index of the last release listing it
	cur         int                        // index of the release being resolved
	// normalized keys, each computed once: names and URLs repeat from
	// release to release
	repoKeys, homeKeys, nameKeys map[string]string
}

// keysOf is a row's normalized keys.
func (r *refResolver) keysOf(row Row) refKeys {
	return refKeys{repo: refMemo(r.repoKeys, row.Repo, RepoKey), home: refMemo(r.homeKeys, row.Home, HomeKey), name: refMemo(r.nameKeys, row.Name, NameKey)}
}

func refMemo(m map[string]string, raw string, f func(string) string) string {
	v, ok := m[raw]
	if !ok {
		v = f(raw)
		m[raw] = v
	}
	return v
}

// refGroups forms the tools of one release: listings with the same repository,
// or the same name and no conflicting repository or homepage, are one tool.
func refGroups(rows []Row, aliases *Aliases, keysOf func(Row) refKeys) []*refGroup {
	parent := make([]int, len(rows))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	union := func(a, b int) {
		a, b = find(a), find(b)
		if a < b {
			parent[b] = a
		} else if b < a {
			parent[a] = b
		}
	}
	ks := make([]refKeys, len(rows))
	byRepo := map[string]int{}
	byName := map[string][]int{}
	byAlias := map[int]int{}
	for i, row := range rows {
		full := keysOf(row)
		if m := refMergeOf(aliases, full); m >= 0 {
			if j, ok := byAlias[m]; ok {
				union(i, j)
			} else {
				byAlias[m] = i
			}
		}
		k := refStrip(aliases, full)
		ks[i] = k
		if k.repo != "" {
			if j, ok := byRepo[k.repo]; ok {
				union(i, j)
			} else {
				byRepo[k.repo] = i
			}
		}
		if k.name != "" {
			for _, j := range byName[k.name] {
				o := ks[j]
				if (k.repo == "" || o.repo == "" || k.repo == o.repo) && (k.home == "" || o.home == "" || k.home == o.home) {
					union(i, j)
					break
				}
			}
			byName[k.name] = append(byName[k.name], i)
		}
	}
	byRoot := map[int]*refGroup{}
	var out []*refGroup
	for i := range rows {
		root := find(i)
		g, ok := byRoot[root]
		if !ok {
			g = &refGroup{alias: -1, full: keysOf(rows[i])}
			byRoot[root] = g
			out = append(out, g)
		}
		g.rows = append(g.rows, i)
		dup := false
		for _, k := range g.keys {
			if k == ks[i] {
				dup = true
			}
		}
		if !dup {
			g.keys = append(g.keys, ks[i])
		}
		if m := refMergeOf(aliases, keysOf(rows[i])); m >= 0 {
			g.alias = m
		}
	}
	return out
}

func (r *refResolver) release(rows []Row, offset int, res *Result) {
	r.cur = rows[0].Release
	gs := refGroups(rows, r.aliases, r.keysOf)
	ids := make([]string, len(gs))
	hows := make([]string, len(gs))
	claimed := map[string]bool{}
	// The user's merges come first.
	for gi, g := range gs {
		if g.alias < 0 {
			continue
		}
		id, ok := r.aliasIDs[g.alias]
		if !ok {
			if id = r.aliases.ids[g.alias]; id == "" {
				id = r.newID(g)
			} else {
				r.used[id] = true
			}
			r.aliasIDs[g.alias] = id
		}
		if !claimed[id] {
			ids[gi], hows[gi] = id, JoinAlias
			claimed[id] = true
		}
	}
	// Match in passes, strongest key first, so that a weak match of one
	// refGroup cannot take an identity that another refGroup matches strongly.
	for pass := 0; pass < passes; pass++ {
		for gi, g := range gs {
			if ids[gi] == "" {
				ids[gi], hows[gi] = r.match(pass, g, claimed)
				if ids[gi] != "" {
					claimed[ids[gi]] = true
				}
			}
		}
	}
	for gi, g := range gs {
		if ids[gi] == "" {
			ids[gi], hows[gi] = r.newID(g), JoinNew
		}
		for n, i := range g.rows {
			res.IDs[offset+i] = ids[gi]
			if n == 0 {
				res.Join[offset+i] = hows[gi]
			} else {
				res.Join[offset+i] = JoinListing
			}
		}
	}
	for gi, g := range gs {
		r.register(ids[gi], g)
	}
}

// match finds the identity an earlier release gave this refGroup with the key
// of one pass: 0 the repository and the name together, 1 the homepage and the
// name together, 2 the repository, 3 the name, 4 the homepage, 5 the
// repository's name (owner and tool renamed at once) for a tool listed in
// the previous release. A key shared by several unclaimed identities decides
// nothing.
func (r *refResolver) match(pass int, g *refGroup, claimed map[string]bool) (string, string) {
	for _, k := range g.keys {
		switch pass {
		case 0:
			if id, ok := r.repoIdx[k.repo]; ok && k.repo != "" && k.name != "" && !claimed[id] && r.hadName(id, k.name) {
				return id, JoinRepo
			}
		case 1:
			if id := r.refOnly(r.homeNameIdx[k.home+"\x00"+k.name], claimed); k.home != "" && k.name != "" && id != "" && r.compatible(id, g, true) {
				return id, r.how(id, g, JoinHome)
			}
		case 2:
			if id, ok := r.repoIdx[k.repo]; ok && k.repo != "" && !claimed[id] {
				return id, JoinRepo
			}
		case 3:
			if id := r.refOnly(r.nameIdx[k.name], claimed); k.name != "" && id != "" && r.nameCompatible(id, g) {
				return id, r.how(id, g, JoinName)
			}
		case 4:
			if id := r.refOnly(r.homeIdx[k.home], claimed); k.home != "" && id != "" && r.compatible(id, g, false) {
				return id, r.how(id, g, JoinHome)
			}
		case 5:
			if k.repo == "" {
				continue
			}
			if id := r.refOnly(r.repoBaseIdx[path.Base(k.repo)], claimed); id != "" && r.lastSeen[id] == r.cur-1 {
				return id, JoinMoved
			}
		}
	}
	return "", ""
}

// hadName reports whether an identity had this name key when last seen.
func (r *refResolver) hadName(id, name string) bool {
	for _, old := range r.lastKeys[id] {
		if old.name == name {
			return true
		}
	}
	return false
}

// compatible: an identity whose repository differs from the group's is the
// same tool refOnly when the repository kept its name (an owner move) or, for a
// name match, the homepage is the same too.
func (r *refResolver) compatible(id string, g *refGroup, byName bool) bool {
	for _, old := range r.lastKeys[id] {
		for _, k := range g.keys {
			if old.repo == "" || k.repo == "" || old.repo == k.repo {
				return true
			}
			if path.Base(old.repo) == path.Base(k.repo) {
				return true
			}
			if byName && old.home != "" && old.home == k.home {
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
func (r *refResolver) nameCompatible(id string, g *refGroup) bool {
	if r.lastSeen[id] == r.cur-1 {
		return true
	}
	oldURLs, newURLs := false, false
	for _, old := range r.lastKeys[id] {
		oldURLs = oldURLs || old.repo != "" || old.home != ""
		for _, k := range g.keys {
			newURLs = newURLs || k.repo != "" || k.home != ""
			if (k.repo != "" && (k.repo == old.repo || path.Base(k.repo) == path.Base(old.repo))) || (k.home != "" && k.home == old.home) {
				return true
			}
		}
	}
	return !oldURLs && !newURLs
}

func (r *refResolver) how(id string, g *refGroup, by string) string {
	for _, old := range r.lastKeys[id] {
		for _, k := range g.keys {
			if old.repo != "" && k.repo != "" && old.repo != k.repo {
				return JoinMoved
			}
		}
	}
	return by
}

// refOnly returns the one unclaimed id of a set, or ""; of several, the one
// listed in the previous release if it is the only such.
func (r *refResolver) refOnly(ids map[string]bool, claimed map[string]bool) string {
	var free, recent []string
	for id := range ids {
		if claimed[id] {
			continue
		}
		free = append(free, id)
		if r.lastSeen[id] == r.cur-1 {
			recent = append(recent, id)
		}
	}
	switch {
	case len(free) == 1:
		return free[0]
	case len(recent) == 1:
		return recent[0]
	}
	return ""
}

// newID makes a readable, stable id from the strongest key: "github.com/o/r",
// "homepage.org/path", or "name:tool"; a clash with an id already given adds
// the name, then a number.
func (r *refResolver) newID(g *refGroup) string {
	k := g.full
	for _, kk := range g.keys {
		if kk.repo != "" {
			k = kk
			break
		}
	}
	base := k.repo
	if base == "" {
		base = k.home
	}
	if base == "" {
		base = "name:" + k.name
	}
	id := base
	if r.used[id] && k.name != "" && base != "name:"+k.name {
		id = base + "#" + k.name
	}
	for n := 2; r.used[id]; n++ {
		id = base + "#" + strconv.Itoa(n)
	}
	r.used[id] = true
	return id
}

func (r *refResolver) register(id string, g *refGroup) {
	ks := append([]refKeys(nil), g.keys...)
	sort.Slice(ks, func(i, j int) bool { return ks[i].repo+ks[i].home+ks[i].name < ks[j].repo+ks[j].home+ks[j].name })
	r.lastSeen[id] = r.cur
	if slices.Equal(r.lastKeys[id], ks) && r.ownsRepos(id, ks) {
		return // listed as before: the indexes hold it already
	}
	for _, k := range g.keys {
		if k.repo != "" {
			r.repoIdx[k.repo] = id
			refAddTo(r.repoBaseIdx, path.Base(k.repo), id)
		}
		if k.home != "" {
			refAddTo(r.homeIdx, k.home, id)
		}
		if k.name != "" {
			refAddTo(r.nameIdx, k.name, id)
		}
		if k.home != "" && k.name != "" {
			refAddTo(r.homeNameIdx, k.home+"\x00"+k.name, id)
		}
	}
	r.lastKeys[id] = ks
}

// ownsRepos reports whether every repository of ks still names id in the
// repository index (a later tool may have taken one).
func (r *refResolver) ownsRepos(id string, ks []refKeys) bool {
	for _, k := range ks {
		if k.repo != "" && r.repoIdx[k.repo] != id {
			return false
		}
	}
	return true
}

func refAddTo(idx map[string]map[string]bool, key, id string) {
	m := idx[key]
	if m == nil {
		m = map[string]bool{}
		idx[key] = m
	}
	m[id] = true
}
