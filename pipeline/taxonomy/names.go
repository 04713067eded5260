package taxonomy

import (
	"strings"

	"github.com/landscapehq/landscape/pipeline/catalog"
	"github.com/landscapehq/landscape/pipeline/identity"
)

// Key is the identity of a category or subcategory name as people compare
// names: case, white space and punctuation do not count ("Computer Vision",
// "Computer vision" and "computer-vision" are one name). A subcategory path
// ("Web › Servers") is compared level by level. A name with no letter or
// digit (emoji only) is its own key.
func Key(name string) string {
	parts := strings.Split(name, " › ")
	for i, p := range parts {
		if k := identity.NameKey(p); k != "" {
			parts[i] = k
		} else {
			parts[i] = "\x00" + strings.TrimSpace(p)
		}
	}
	return strings.Join(parts, "›")
}

// Spellings maps every value of a name column of a history (ColCategory or
// ColSubcategory) to the display name of its Key: the spelling in the
// newest release that has the key; within that release, the spelling with
// the most listings, then the first in byte order. Every value is in the
// map (a null as ""). Alignment (Align), canonical categories (Apply) and
// the subcategory groups of the analyses compare names through it, so that
// two spellings of one name are one category, in one release or across
// releases, and a growth series runs through a change of spelling.
func Spellings(h *catalog.History, col int) map[string]string {
	codes, vals := h.Codes(col)
	vals = append(vals, "")
	relOf := releaseOfRows(h)
	last := make([]int, len(vals)) // value → newest release + 1
	count := make([]int, len(vals))
	for row, c := range codes {
		if c < 0 {
			c = int32(len(vals) - 1)
		}
		ri := relOf(row) + 1
		switch {
		case ri > last[c]:
			last[c], count[c] = ri, 1
		case ri == last[c]:
			count[c]++
		}
	}
	best := map[string]int{} // key → value index
	for v, name := range vals {
		if last[v] == 0 && name != "" {
			continue // in the dictionary, in no row
		}
		k := Key(name)
		b, ok := best[k]
		if !ok || last[v] > last[b] || (last[v] == last[b] && (count[v] > count[b] || (count[v] == count[b] && name < vals[b]))) {
			best[k] = v
		}
	}
	out := make(map[string]string, len(vals))
	for _, name := range vals {
		if b, ok := best[Key(name)]; ok {
			out[name] = vals[b]
		} else {
			out[name] = name
		}
	}
	return out
}

// releaseOfRows gives the release index of each row: by h.Starts when it
// covers the rows, else by release_id (the last release of that id, 0 for
// an unknown one).
func releaseOfRows(h *catalog.History) func(row int) int {
	n := h.Record.NumRows()
	if len(h.Starts) == len(h.Releases)+1 && len(h.Releases) > 0 && h.Starts[0] == 0 && int64(h.Starts[len(h.Releases)]) == n {
		ok := true
		for i := range h.Releases {
			if h.Starts[i] > h.Starts[i+1] {
				ok = false
			}
		}
		if ok {
			rel := make([]int32, n)
			for i := range h.Releases {
				from, to := h.Rows(i)
				for r := from; r < to; r++ {
					rel[r] = int32(i)
				}
			}
			return func(row int) int { return int(rel[row]) }
		}
	}
	codes, vals := h.Codes(catalog.ColReleaseID)
	pos := map[string]int{}
	for i, r := range h.Releases {
		pos[r.ID] = i
	}
	relOf := make([]int, len(vals))
	for c, v := range vals {
		relOf[c] = pos[v]
	}
	return func(row int) int {
		if c := codes[row]; c >= 0 {
			return relOf[c]
		}
		return 0
	}
}

// withSpellings adds to a lineage, in every release, each spelling of a
// category under the canonical name of its display name, so that a row
// looks up its own spelling (Apply, Lineage.Canonical).
func withSpellings(lin Lineage, spell map[string]string) Lineage {
	for _, cats := range lin {
		for raw, disp := range spell {
			if raw == disp {
				continue
			}
			if c, ok := cats[disp]; ok {
				if _, own := cats[raw]; !own {
					cats[raw] = c
				}
			}
		}
	}
	return lin
}

// spelled gives the overrides with their category names in display
// spelling (spell; see Spellings), so that a taxonomy.yaml may name a
// category in any of its spellings. Canonical names given by the user are
// kept as written.
func (o *Overrides) spelled(spell map[string]string) *Overrides {
	if o == nil {
		return nil
	}
	byKey := map[string]string{}
	for _, d := range spell {
		byKey[Key(d)] = d
	}
	name := func(n string) string {
		if n == "" {
			return n
		}
		if d, ok := byKey[Key(n)]; ok {
			return d
		}
		return n
	}
	out := &Overrides{path: o.path, Canonical: map[string]string{}}
	for _, l := range o.Links {
		l.From = name(l.From)
		l.To = append([]string(nil), l.To...)
		for i := range l.To {
			l.To[i] = name(l.To[i])
		}
		out.Links = append(out.Links, l)
	}
	for from, to := range o.Canonical {
		out.Canonical[name(from)] = to
	}
	return out
}
