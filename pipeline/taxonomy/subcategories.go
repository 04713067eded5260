package taxonomy

// Subcategories are aligned like categories, within their category's
// lineage: a subcategory group is (canonical category, subcategory), and
// the measure of the package doc runs on these groups, a link only ever
// joining two subcategories of one canonical category. So "Version Control"
// → "Versioning" under one category is a rename (when the tools go along),
// a subcategory that becomes two is a split, and each gets a canonical
// subcategory: the newest release's name of the subcategory it was renamed
// to, merged into or split from, within the canonical category. The growth
// series of a subcategory (subcategory_stats) then runs through such
// changes instead of breaking. taxonomy.yaml overrides categories only.

import (
	"slices"
	"strings"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/landscapehq/landscape/pipeline/catalog"
)

// SubLink is one row of the subcategory crosswalk.
type SubLink struct {
	Release    string  `arrow:"release" doc:"the newer release of the pair"`
	Previous   string  `arrow:"previous_release" doc:"the older release of the pair"`
	Category   string  `arrow:"category" doc:"the canonical category both subcategories belong to"`
	From       string  `arrow:"from_subcategory,nullable" doc:"subcategory in the previous release (empty for new)"`
	To         string  `arrow:"to_subcategory,nullable" doc:"subcategory in the release (empty for retired)"`
	Relation   string  `arrow:"relation,dict" doc:"same, renamed, split, merged, new or retired"`
	Overlap    int     `arrow:"overlap" doc:"tools listed in from_subcategory before and in to_subcategory after"`
	FromShare  float64 `arrow:"from_share" doc:"overlap / tools of from_subcategory still in the category"`
	ToShare    float64 `arrow:"to_share" doc:"overlap / tools of to_subcategory that were in the category before"`
	Similarity float64 `arrow:"name_similarity" doc:"Dice similarity of the two names' word sets (0..1)"`
}

// subSep joins a canonical category and a subcategory into a group name.
const subSep = "\x1f"

func subGroup(cat, sub string) string { return cat + subSep + sub }

func splitGroup(g string) (cat, sub string) {
	cat, sub, _ = strings.Cut(g, subSep)
	return cat, sub
}

// Canonical aligns a history's categories (Align, with the overrides ov,
// which may be nil) and then its subcategories within them, and returns the
// history with its canonical_category and canonical_subcategory columns
// filled, and the alignment (Crosswalk, Lineage, SubCrosswalk). h must have
// tool ids; the caller releases both histories.
func Canonical(mem memory.Allocator, h *catalog.History, ov *Overrides) (*catalog.History, *Result, error) {
	res := Align(h, ov)
	withCats, err := h.WithCanonicalCategories(mem, Apply(h, res))
	if err != nil {
		return nil, nil, err
	}
	defer withCats.Release()
	values, codes := alignSubcategories(withCats, res)
	out, err := withCats.WithCanonicalSubcategories(mem, values, codes)
	if err != nil {
		return nil, nil, err
	}
	return out, res, nil
}

// alignSubcategories fills res.SubCrosswalk and gives the canonical
// subcategory of every row of h (whose canonical_category is filled), as
// dictionary values and a code per row.
func alignSubcategories(h *catalog.History, res *Result) ([]string, []int32) {
	catCodes, catVals := h.Codes(catalog.ColCanonicalCategory)
	subCodes, subVals := h.Codes(catalog.ColSubcategory)
	spell := Spellings(h, catalog.ColSubcategory)
	// The group of every row, interned by (category code, spelled
	// subcategory); a null is "".
	catVals, subVals = append(catVals, ""), append(subVals, "")
	spelled := make([]int32, len(subVals)) // sub code → display id
	var disp catalog.Interner
	for c, v := range subVals {
		if d, ok := spell[v]; ok {
			v = d
		}
		spelled[c] = disp.ID(v)
	}
	dispVals := disp.Values()
	// (category code, subcategory code) → group + 1, 0 unknown: a table
	// indexed by both codes (the dictionaries hold each distinct value once).
	nSub := len(subVals)
	var index []int32 // left out past 16 M cells: the map alone then
	if int64(len(catVals))*int64(nSub) <= 1<<24 {
		index = make([]int32, len(catVals)*nSub)
	}
	groupOf := map[[2]int32]int32{} // (category code, display id) → group
	var groups []string
	var parentCat []int32 // group → category code
	var parentSub []int32 // group → display id of its subcategory
	codes := make([]int32, len(catCodes))
	for row := range catCodes {
		cc, sc := catCodes[row], subCodes[row]
		if cc < 0 {
			cc = int32(len(catVals) - 1)
		}
		if sc < 0 {
			sc = int32(nSub - 1)
		}
		at := int(cc)*nSub + int(sc)
		if index != nil && index[at] > 0 {
			codes[row] = index[at] - 1
			continue
		}
		k := [2]int32{cc, spelled[sc]}
		g, ok := groupOf[k]
		if !ok {
			g = int32(len(groups))
			groupOf[k] = g
			groups = append(groups, subGroup(catVals[cc], dispVals[k[1]]))
			parentCat = append(parentCat, cc)
			parentSub = append(parentSub, k[1])
		}
		if index != nil {
			index[at] = g + 1
		}
		codes[row] = g
	}
	n := len(h.Releases)
	if n == 0 || len(groups) == 0 {
		return []string{""}, make([]int32, len(codes))
	}
	// A group's identity is its category and the Key of its subcategory.
	a := newGroupAligner(h, codes, groups, nil, func(g string) string {
		cat, sub := splitGroup(g)
		return cat + subSep + Key(sub)
	})
	// newGroupAligner interns the groups in order (they are distinct), then
	// the null: its ids are the group codes.
	a.parent = make([]int32, len(a.catNames))
	a.label = make([]string, len(a.catNames))
	for id := range a.catNames {
		a.parent[id] = -1
		if id < len(groups) {
			a.parent[id] = parentCat[id]
			a.label[id] = dispVals[parentSub[id]]
		}
	}
	cats := make([][]string, n)
	p, c := &members{}, &members{}
	a.build(0, p)
	cats[0] = a.names(p)
	// About one link per group of a release, in every release after the
	// first: room for that much is made at once.
	cw := make([]Link, 0, (n-1)*len(cats[0])+64)
	for ri := 1; ri < n; ri++ {
		a.build(ri, c)
		cats[ri] = a.names(c)
		cw = append(cw, a.alignPair(h.Releases[ri-1].ID, h.Releases[ri].ID, p, c)...)
		p, c = c, p
	}
	res.SubCrosswalk = slices.Grow(res.SubCrosswalk, len(cw))
	for _, l := range cw {
		s := SubLink{Release: l.Release, Previous: l.Previous, Relation: l.Relation, Overlap: l.Overlap,
			FromShare: l.FromShare, ToShare: l.ToShare, Similarity: l.Similarity}
		if l.From != "" {
			s.Category, s.From = splitGroup(l.From)
		}
		if l.To != "" {
			s.Category, s.To = splitGroup(l.To)
		}
		res.SubCrosswalk = append(res.SubCrosswalk, s)
	}
	lin := lineage(h, cats, cw, nil)
	// The canonical subcategory of every group in every release, as a code
	// into values.
	var out catalog.Interner
	relOf := releaseOfRows(h)
	canon := make([]int32, len(codes))
	value := make([]int32, len(groups)) // group → value id, in release stamp[group]
	stamp := make([]int32, len(groups))
	for row, g := range codes {
		ri := int32(relOf(row))
		if stamp[g] != ri+1 {
			name := groups[g]
			if cn, ok := lin[h.Releases[ri].ID][name]; ok {
				name = cn
			}
			_, sub := splitGroup(name)
			value[g], stamp[g] = out.ID(sub), ri+1
		}
		canon[row] = value[g]
	}
	return out.Values(), canon
}
