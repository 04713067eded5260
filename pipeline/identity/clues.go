package identity

import (
	"encoding/json"

	"sort"
	"strings"
	"unicode"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// The clue pass runs after the key passes of Resolve. Those join a listing
// to an identity by its repository, homepage or name; a tool whose name and
// URLs all changed in one release is left as one identity that ends and a
// new one that starts (the member company `Huawei` of https://www.huawei.com/en/
// that becomes `Huawei Technologies Co., Ltd` of https://huawei.com/). The
// clue pass looks, release by release, at the identities last listed in the
// previous release and those first listed in this one, and joins them one to
// one by the other clues a listing has, strongest first. It also joins an
// identity that ends to the tool it was listed beside under the same name (a
// tool listed twice with two repositories).
//
// A clue decides only when it is the listing's own: a clue value held by
// another identity of the same release (the crunchbase page of a company
// listed with many products, a shared homepage host, a logo used twice)
// decides nothing. An identity joined to another takes its id for all its
// rows; both never share a release but for the listed-twice join, whose
// rows are then listings of one tool.

// Joins of the clue pass.
const (
	JoinLogo        = "logo"          // same logo file
	JoinCrunchbase  = "crunchbase"    // same crunchbase URL
	JoinTwitter     = "twitter"       // same twitter account
	JoinTicker      = "stock_ticker"  // same stock ticker
	JoinHost        = "homepage_host" // same homepage host (the path changed)
	JoinDescription = "description"   // same category, same (or nearly the same) description
	JoinPosition    = "position"      // same category and neighbours, similar description
	JoinSameName    = "same_name"     // an identity that ended, listed beside this tool under the same name
)

// clue kinds: keys that decide alone when they are unique in both releases.
const (
	cLogo = iota
	cCrunchbase
	cTwitter
	cTicker
	cHost
	nKeyClues
)

var clueJoin = [nKeyClues]string{JoinLogo, JoinCrunchbase, JoinTwitter, JoinTicker, JoinHost}

// clue is what the clue pass reads of one listing, as ids (0: none).
type clue struct {
	key  [nKeyClues]int32
	name int32 // the name, lower case, spaces trimmed
	cat  int64 // category and subcategory (compared for equality only)
	top  int64 // category
	desc int32 // description
	home int32 // homepage key
}

// clueReader gives the clues of rows.
type clueReader interface {
	clues(c *clueTables, from, to int, dst []clue)
}

// clueTables intern the clue values of a resolution.
type clueTables struct {
	keys  [nKeyClues]catalog.Interner
	names catalog.Interner
	cats  catalog.Interner
	descs catalog.Interner
	words map[int32][]string // description id → its sorted distinct words
	nameW map[int32][]string // name id → its sorted distinct words
	homes catalog.Interner   // homepage keys
}

func newClueTables() *clueTables {
	t := &clueTables{words: map[int32][]string{}, nameW: map[int32][]string{}}
	for k := range t.keys {
		t.keys[k].ID("")
	}
	t.names.ID("")
	t.cats.ID("")
	t.descs.ID("")
	t.homes.ID("")
	return t
}

// rawExtraClues reads the logo, crunchbase, twitter and stock ticker of a
// listing's extra fields (compact JSON).
func rawExtraClues(extra string) (logo, crunchbase, twitter, ticker string) {
	if extra == "" {
		return
	}
	var m map[string]string
	if json.Unmarshal([]byte(extra), &m) != nil {
		return
	}
	return m["logo"], m["crunchbase"], m["twitter"], m["stock_ticker"]
}

// extraClues is rawExtraClues normalized.
func extraClues(extra string) (logo, crunchbase, twitter, ticker string) {
	l, c, tw, tk := rawExtraClues(extra)
	return LogoKey(l), HomeKey(c), TwitterKey(tw), TickerKey(tk)
}

// TickerKey normalizes a stock ticker: upper case, spaces trimmed.
func TickerKey(raw string) string { return strings.ToUpper(strings.TrimSpace(raw)) }

// LogoKey normalizes a logo reference to its file name, lower case.
func LogoKey(raw string) string {
	raw = strings.TrimSpace(raw)
	if i := strings.LastIndexAny(raw, "/\\"); i >= 0 {
		raw = raw[i+1:]
	}
	return strings.ToLower(raw)
}

// TwitterKey normalizes a twitter (or x.com) URL or @handle to the handle,
// lower case.
func TwitterKey(raw string) string {
	raw = strings.TrimSpace(raw)
	if strings.Contains(raw, "/") {
		host, segs, ok := split(raw)
		if !ok || len(segs) == 0 || (host != "twitter.com" && host != "x.com" && host != "mobile.twitter.com") {
			return ""
		}
		raw = segs[0]
	}
	return strings.ToLower(strings.TrimPrefix(raw, "@"))
}

// HostKey is the host of a homepage key ("huawei.com/en" → "huawei.com").
func HostKey(homeKey string) string {
	if i := strings.IndexByte(homeKey, '/'); i >= 0 {
		return homeKey[:i]
	}
	return homeKey
}

// wordSet is the sorted set of words (letters and digits, lower case) of a
// text.
func wordSet(text string) []string {
	seen := map[string]bool{}
	var w []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !seen[f] {
			seen[f] = true
			w = append(w, f)
		}
	}
	sort.Strings(w)
	return w
}

func cachedWords(cache map[int32][]string, in *catalog.Interner, id int32) []string {
	w, ok := cache[id]
	if !ok {
		w = wordSet(in.Values()[id])
		cache[id] = w
	}
	return w
}

// dice is the Dice coefficient of two sorted word sets (0 when either is
// empty).
func dice(wa, wb []string) float64 {
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	n := 0
	for i, j := 0, 0; i < len(wa) && j < len(wb); {
		switch {
		case wa[i] == wb[j]:
			n++
			i++
			j++
		case wa[i] < wb[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(n) / float64(len(wa)+len(wb))
}

// similarity is the Dice coefficient of two descriptions' word sets (1 for
// the same description; 0 when either is empty).
func (t *clueTables) similarity(a, b int32) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a == b {
		return 1
	}
	return dice(cachedWords(t.words, &t.descs, a), cachedWords(t.words, &t.descs, b))
}

// nameSimilarity is the Dice coefficient of two names' word sets.
func (t *clueTables) nameSimilarity(a, b int32) float64 {
	if a == 0 || b == 0 {
		return 0
	}
	return dice(t.nameWords(a), t.nameWords(b))
}

// nameWords are the words of a name less its parenthesized parts: "(member)",
// "(KCSP)" say what kind of listing it is, not which tool.
func (t *clueTables) nameWords(id int32) []string {
	w, ok := t.nameW[id]
	if !ok {
		w = wordSet(stripParens(t.names.Values()[id]))
		t.nameW[id] = w
	}
	return w
}

func stripParens(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Thresholds of the description and position joins.
const (
	descMin     = 0.8 // same category and a description this similar
	positionMin = 0.3 // same category and neighbours, and a description or a name this similar, or the same homepage
)

// rowClues reads the clues of []Row.
type rowClues struct{ rows []Row }

func (s rowClues) clues(t *clueTables, from, to int, dst []clue) {
	for i := from; i < to; i++ {
		r := &s.rows[i]
		var c clue
		c.key[cLogo] = t.keys[cLogo].ID(LogoKey(r.Logo))
		c.key[cCrunchbase] = t.keys[cCrunchbase].ID(HomeKey(r.Crunchbase))
		c.key[cTwitter] = t.keys[cTwitter].ID(TwitterKey(r.Twitter))
		c.key[cTicker] = t.keys[cTicker].ID(TickerKey(r.Ticker))
		c.key[cHost] = t.keys[cHost].ID(HostKey(HomeKey(r.Home)))
		c.name = t.names.ID(strings.ToLower(strings.TrimSpace(r.Name)))
		c.cat = int64(t.cats.ID(r.Category + "\x00" + r.Subcategory))
		c.top = int64(t.cats.ID(r.Category))
		c.desc = t.descs.ID(strings.TrimSpace(r.Description))
		c.home = t.homes.ID(HomeKey(r.Home))
		dst[i-from] = c
	}
}

// columnClues reads the clues of a history's columns, each distinct value
// once.
type columnClues struct {
	extra, home, name, cat, sub, desc codeCol
	extraKeys                         [][nKeyClues - 1]int32 // extra code → logo, crunchbase, twitter, ticker (+1: 0 unknown)
	hostOf, homeOf, nameOf, descOf    []int32                // code → clue id + 1 (0: not yet)
}

// codeCol is a string column's codes (-1 for null) and values.
type codeCol struct {
	codes  []int32
	values []string
}

// newColumnClues reads the clues of h; home and name are the codes the key
// passes read.
func newColumnClues(h *catalog.History, home, name codeCol) *columnClues {
	col := func(i int) codeCol {
		codes, values := h.Codes(i)
		return codeCol{codes, values}
	}
	s := &columnClues{
		extra: col(catalog.ColExtra), home: home, name: name,
		cat: col(catalog.ColCategory), sub: col(catalog.ColSubcategory), desc: col(catalog.ColDescription),
	}
	s.extraKeys = make([][nKeyClues - 1]int32, len(s.extra.values))
	s.hostOf = make([]int32, len(s.home.values))
	s.homeOf = make([]int32, len(s.home.values))
	s.nameOf = make([]int32, len(s.name.values))
	s.descOf = make([]int32, len(s.desc.values))
	return s
}

func (s *columnClues) clues(t *clueTables, from, to int, dst []clue) {
	for i := from; i < to; i++ {
		var c clue
		if code := s.extra.codes[i]; code >= 0 {
			ks := &s.extraKeys[code]
			if ks[0] == 0 {
				logo, cb, tw, tick := extraClues(s.extra.values[code])
				*ks = [nKeyClues - 1]int32{t.keys[cLogo].ID(logo) + 1, t.keys[cCrunchbase].ID(cb) + 1, t.keys[cTwitter].ID(tw) + 1, t.keys[cTicker].ID(tick) + 1}
			}
			for k, v := range ks {
				c.key[k] = v - 1
			}
		}
		c.key[cHost] = memoCode(s.hostOf, s.home, i, func(v string) int32 { return t.keys[cHost].ID(HostKey(HomeKey(v))) })
		c.home = memoCode(s.homeOf, s.home, i, func(v string) int32 { return t.homes.ID(HomeKey(v)) })
		c.name = memoCode(s.nameOf, s.name, i, func(v string) int32 { return t.names.ID(strings.ToLower(strings.TrimSpace(v))) })
		c.desc = memoCode(s.descOf, s.desc, i, func(v string) int32 { return t.descs.ID(strings.TrimSpace(v)) })
		c.cat = int64(s.cat.codes[i])<<32 | int64(uint32(s.sub.codes[i]))
		c.top = int64(s.cat.codes[i])
		dst[i-from] = c
	}
}

func memoCode(m []int32, col codeCol, i int, f func(string) int32) int32 {
	code := col.codes[i]
	if code < 0 {
		return 0
	}
	if m[code] == 0 {
		m[code] = f(col.values[code]) + 1
	}
	return m[code] - 1
}

// span is the rows [from, to) of release number num.
type span struct{ num, from, to int }

// rejoin runs the clue pass over a resolution: tool holds each row's
// identity index, names the ids by index; spans are the releases in order.
// An identity of aliases.yaml (user) is left as the user made it. It
// rewrites the identity (tool) and the join (joins, a code of joinNames) of
// the rows it joins.
func rejoin(tool []int32, joins []uint8, names []string, user []bool, spans []span, rd clueReader) {
	nid := len(names)
	if nid == 0 || len(spans) < 2 {
		return
	}
	first := make([]int32, nid) // release index (into spans) of each identity's first and last listing
	last := make([]int32, nid)
	for i := range first {
		first[i] = -1
	}
	for si, sp := range spans {
		for _, id := range tool[sp.from:sp.to] {
			if first[id] < 0 {
				first[id] = int32(si)
			}
			last[id] = int32(si)
		}
	}
	endsAt := make([][]int32, len(spans)) // release index → identities last listed there
	startsAt := make([][]int32, len(spans))
	for id := range first {
		if first[id] < 0 {
			continue
		}
		if user[id] {
			continue
		}
		if int(last[id]) < len(spans)-1 {
			endsAt[last[id]] = append(endsAt[last[id]], int32(id))
		}
		if first[id] > 0 {
			startsAt[first[id]] = append(startsAt[first[id]], int32(id))
		}
	}
	root := make([]int32, nid)
	for i := range root {
		root[i] = int32(i)
	}
	find := func(i int32) int32 {
		for root[i] != i {
			root[i] = root[root[i]]
			i = root[i]
		}
		return i
	}
	t := newClueTables()
	how := map[int32]string{} // identity joined to another → the clue
	var prevC, curC []clue
	curOf := -1 // the span whose clues curC holds
	pv, cv := &relClues{}, &relClues{}
	for si := 1; si < len(spans); si++ {
		ended := endsAt[si-1]
		if len(ended) == 0 || spans[si].num != spans[si-1].num+1 {
			continue
		}
		p, c := spans[si-1], spans[si]
		// A row's clues follow from the row alone: those of the release
		// before, read as the current one of the pair before, are kept.
		if curOf == si-1 {
			prevC, curC = curC, prevC
		} else {
			prevC = grow(prevC, p.to-p.from)
			rd.clues(t, p.from, p.to, prevC)
		}
		curC = grow(curC, c.to-c.from)
		rd.clues(t, c.from, c.to, curC)
		curOf = si
		pv.reset(tool[p.from:p.to], prevC, nid, find)
		cv.reset(tool[c.from:c.to], curC, nid, find)
		isEnded := map[int32]bool{}
		for _, a := range ended {
			isEnded[find(a)] = true
		}
		// A tool listed twice: an identity that ends, listed under the same
		// name as a tool that stays.
		left := ended[:0:0]
		for _, a := range ended {
			a = find(a)
			b := pv.sameName(a, isEnded, user, cv)
			if b < 0 {
				left = append(left, a)
				continue
			}
			root[a] = b
			how[a] = JoinSameName
		}
		var started []int32
		for _, b := range startsAt[si] {
			if find(b) == b {
				started = append(started, b)
			}
		}
		if len(left) == 0 || len(started) == 0 {
			continue
		}
		joined := map[int32]bool{}
		join := func(a, b int32, clue string) {
			root[b] = a
			how[b] = clue
			joined[a], joined[b] = true, true
		}
		for k := range nKeyClues {
			// keys unique to one identity in both releases
			byKey := map[int32]int32{}
			for _, a := range left {
				if joined[a] {
					continue
				}
				for _, v := range pv.keys(a, k) {
					if pv.owner[k].unique(pv.st, v) {
						byKey[v] = a
					}
				}
			}
			if len(byKey) == 0 {
				continue
			}
			cand := map[int32][]int32{} // a → the new identities that share a key with it
			for _, b := range started {
				if joined[b] {
					continue
				}
				for _, v := range cv.keys(b, k) {
					// A logo is the listing's own; a crunchbase page, a
					// twitter account, a ticker or a host may be its
					// company's: they join only in the same category (not
					// a product to its company's member listing).
					if a, ok := byKey[v]; ok && cv.owner[k].unique(cv.st, v) && !joined[a] && (k == cLogo || pv.sameTop(a, cv, b)) {
						cand[a] = appendNew(cand[a], b)
					}
				}
			}
			back := map[int32]int{} // b → how many a it matched
			for _, bs := range cand {
				for _, b := range bs {
					back[b]++
				}
			}
			for _, a := range left {
				if bs := cand[a]; len(bs) == 1 && back[bs[0]] == 1 && !joined[a] {
					join(a, bs[0], clueJoin[k])
				}
			}
		}
		// Same category, nearly the same description; then same category and
		// neighbours with a similar description: the best pair both ways.
		for _, pass := range []struct {
			min      float64
			position bool
			clue     string
		}{{descMin, false, JoinDescription}, {positionMin, true, JoinPosition}} {
			best := func(x int32, xs *relClues, ys []int32, yv *relClues) (int32, float64) {
				b, bs, tie := int32(-1), 0.0, false
				for _, y := range ys {
					if joined[y] || !xs.sameCat(x, yv, y) || (pass.position && !xs.sameNeighbours(x, yv, y)) {
						continue
					}
					s := t.maxSimilarity(xs.descs(x), yv.descs(y))
					if pass.position {
						s = max(s, xs.nameHomeEvidence(t, x, yv, y))
					}
					switch {
					case s > bs:
						b, bs, tie = y, s, false
					case s == bs && s > 0:
						tie = true
					}
				}
				if tie {
					return -1, 0
				}
				return b, bs
			}
			for _, a := range left {
				if joined[a] {
					continue
				}
				b, s := best(a, pv, started, cv)
				if b < 0 || s < pass.min {
					continue
				}
				if a2, _ := best(b, cv, left, pv); a2 != a {
					continue
				}
				join(a, b, pass.clue)
			}
		}
	}
	if len(how) == 0 {
		return
	}
	// Rewrite the rows of every identity joined to another: its id, and its
	// joins so that each release's first listing of a tool says how it was
	// joined and any other says listed_twice.
	affected := make([]bool, nid)
	for id := range how {
		affected[find(id)] = true
	}
	seen := make([]bool, nid)
	firstAt := make([]int32, nid) // span index + 1 of the release whose first listing was seen
	for si, sp := range spans {
		for i := sp.from; i < sp.to; i++ {
			id := tool[i]
			rt := find(id)
			if !affected[rt] {
				continue
			}
			if id != rt {
				tool[i] = rt
			}
			switch {
			case firstAt[rt] == int32(si+1):
				joins[i] = hListing
			case joins[i] == hNew && seen[rt]:
				if h := how[id]; h != "" {
					joins[i] = joinCode(h)
				} else {
					joins[i] = hSameName
				}
			}
			firstAt[rt] = int32(si + 1)
			seen[rt] = true
		}
	}
}

func appendNew(s []int32, v int32) []int32 {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

// relClues are the clues of one release, by identity (its root). Its
// arrays are reused from release to release (stamped).
type relClues struct {
	rows  []clue
	ids   []int32 // root identity per row
	next  []int32 // next row of the same identity, or -1
	head  []int32 // identity → its first row, when stamp matches
	stamp []int32
	st    int32
	owner [nKeyClues]keyOwners
}

// keyOwners records, per key value, whether one identity of the release
// holds it or several.
type keyOwners struct {
	stamp, owner []int32
	multi        []bool
}

func (ko *keyOwners) add(st, v, id int32) {
	for int(v) >= len(ko.stamp) {
		ko.stamp, ko.owner, ko.multi = append(ko.stamp, 0), append(ko.owner, 0), append(ko.multi, false)
	}
	switch {
	case ko.stamp[v] != st:
		ko.stamp[v], ko.owner[v], ko.multi[v] = st, id, false
	case ko.owner[v] != id:
		ko.multi[v] = true
	}
}

func (ko *keyOwners) unique(st, v int32) bool {
	return int(v) < len(ko.stamp) && ko.stamp[v] == st && !ko.multi[v]
}

func (rc *relClues) reset(tool []int32, cs []clue, nid int, find func(int32) int32) {
	rc.st++
	rc.rows = cs
	rc.ids = grow(rc.ids, len(tool))
	rc.next = grow(rc.next, len(tool))
	rc.head = growTo(rc.head, nid, 0)
	rc.stamp = growTo(rc.stamp, nid, 0)
	for i := len(tool) - 1; i >= 0; i-- { // rows of an identity in file order
		rt := find(tool[i])
		rc.ids[i] = rt
		rc.next[i] = -1
		if rc.stamp[rt] == rc.st {
			rc.next[i] = rc.head[rt]
		}
		rc.head[rt], rc.stamp[rt] = int32(i), rc.st
	}
	for i, c := range cs {
		for k, v := range c.key {
			if v != 0 {
				rc.owner[k].add(rc.st, v, rc.ids[i])
			}
		}
	}
}

// has reports whether the release lists identity id.
func (rc *relClues) has(id int32) bool { return rc.stamp[id] == rc.st }

// at gives the rows of identity id.
func (rc *relClues) at(id int32) []int32 {
	if !rc.has(id) {
		return nil
	}
	var out []int32
	for i := rc.head[id]; i >= 0; i = rc.next[i] {
		out = append(out, i)
	}
	return out
}

func contains(s []int32, v int32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// keys gives an identity's distinct values of clue k.
func (rc *relClues) keys(id int32, k int) []int32 {
	var out []int32
	for _, i := range rc.at(id) {
		if v := rc.rows[i].key[k]; v != 0 && !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func (rc *relClues) descs(id int32) []int32 {
	var out []int32
	for _, i := range rc.at(id) {
		if v := rc.rows[i].desc; v != 0 && !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func (t *clueTables) maxSimilarity(a, b []int32) float64 {
	m := 0.0
	for _, x := range a {
		for _, y := range b {
			m = max(m, t.similarity(x, y))
		}
	}
	return m
}

// nameHomeEvidence is how alike the names of x (in rc) and y (in o) are
// (Dice of their words), or 1 when they share a homepage.
func (rc *relClues) nameHomeEvidence(t *clueTables, x int32, o *relClues, y int32) float64 {
	m := 0.0
	for _, i := range rc.at(x) {
		for _, j := range o.at(y) {
			a, b := rc.rows[i], o.rows[j]
			if a.home != 0 && a.home == b.home {
				return 1
			}
			if ha, hb := a.key[cHost], b.key[cHost]; ha != 0 && hb != 0 && ha != hb {
				// Homepages on two hosts: a name alike ("Tool C" of
				// c.example, "Tool D" of d.example) is no sign of one tool.
				continue
			}
			m = max(m, t.nameSimilarity(a.name, b.name))
		}
	}
	return m
}

// sameTop reports whether identity x of rc and y of o share a category.
func (rc *relClues) sameTop(x int32, o *relClues, y int32) bool {
	for _, i := range rc.at(x) {
		for _, j := range o.at(y) {
			if rc.rows[i].top == o.rows[j].top {
				return true
			}
		}
	}
	return false
}

// sameCat reports whether identity x of rc and y of o share a category and
// subcategory.
func (rc *relClues) sameCat(x int32, o *relClues, y int32) bool {
	for _, i := range rc.at(x) {
		for _, j := range o.at(y) {
			if rc.rows[i].cat == o.rows[j].cat {
				return true
			}
		}
	}
	return false
}

// sameNeighbours reports whether a listing of x and one of y have the same
// tools before and after them in the same category (an edge counting as a
// neighbour), at least one of them a tool.
func (rc *relClues) sameNeighbours(x int32, o *relClues, y int32) bool {
	for _, i := range rc.at(x) {
		bx, ax := rc.neighbours(int(i))
		for _, j := range o.at(y) {
			if rc.rows[i].cat != o.rows[j].cat {
				continue
			}
			by, ay := o.neighbours(int(j))
			if bx == by && ax == ay && (bx >= 0 || ax >= 0) {
				return true
			}
		}
	}
	return false
}

// neighbours are the identities listed just before and after row i in its
// category (-1 at an edge).
func (rc *relClues) neighbours(i int) (before, after int32) {
	before, after = -1, -1
	if i > 0 && rc.rows[i-1].cat == rc.rows[i].cat {
		before = rc.ids[i-1]
	}
	if i+1 < len(rc.rows) && rc.rows[i+1].cat == rc.rows[i].cat {
		after = rc.ids[i+1]
	}
	return before, after
}

// sameName finds the tool that stays (listed in cur), listed in this
// release under the same name as identity a, which ends: -1 if none or
// several.
func (rc *relClues) sameName(a int32, ended map[int32]bool, user []bool, cur *relClues) int32 {
	found := int32(-1)
	for _, i := range rc.at(a) {
		n := rc.rows[i].name
		if n == 0 {
			continue
		}
		for j, c := range rc.rows {
			b := rc.ids[j]
			if b == a || c.name != n || ended[b] || user[b] || !cur.has(b) {
				continue
			}
			if found >= 0 && found != b {
				return -1
			}
			found = b
		}
	}
	return found
}
